/* SPDX-License-Identifier: MIT */
/* The workbook's Checks sheet: the model checks itself (totals against their parts, present
 * values against the discounted sums, shares against the pool), one master check over them,
 * and whether the static sheets still match the live inputs. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "xlsx_internal.h"

enum { CK_WHAT = 0, CK_A, CK_B, CK_DIFF, CK_OK, CK_HOW, CK_COLS };

typedef struct check_rows {
    lxw_row_t first, next;
    const char *tol;
} check_rows;

/* One check: A and B (formulas without '=', their cached values) must agree within the
 * tolerance; the OK cell reads TRUE or FALSE. */
static void check_row(xl_ctx *c, check_rows *k, const char *what, const char *how,
                      xl_kind kind, const char *a, double va, const char *b, double vb)
{
    lxw_worksheet *ws = c->checks;
    lxw_row_t row = k->next++;
    char ra[24], rb[24], rd[24];

    mlroi_xlsx_text(c, ws, row, CK_WHAT, what, NULL);
    mlroi_xlsx_formula(c, ws, row, CK_A, c->fmt[kind][0], va, "=%s", a);
    mlroi_xlsx_formula(c, ws, row, CK_B, c->fmt[kind][0], vb, "=%s", b);
    mlroi_xlsx_local(ra, sizeof ra, row, CK_A);
    mlroi_xlsx_local(rb, sizeof rb, row, CK_B);
    /* to the cent: sums in another order differ in their last binary digits */
    mlroi_xlsx_formula(c, ws, row, CK_DIFF, c->fmt[kind == XL_MONEY ? XL_CENTS : XL_NUM][0],
                       round((va - vb) * 100) / 100,
                       "=ROUND(%s-%s,2)", ra, rb);
    mlroi_xlsx_local(rd, sizeof rd, row, CK_DIFF);
    mlroi_xlsx_formula_text(c, ws, row, CK_OK, NULL,
                            fabs(va - vb) <= 0.01 ? "TRUE" : "FALSE",
                            "=ABS(%s)<=%s", rd, k->tol);
    mlroi_xlsx_text(c, ws, row, CK_HOW, how, c->f_note);
}

void mlroi_xlsx_integrity(xl_ctx *c)
{
    static const char *const heads[CK_COLS] = {XN_("Check"), XN_("Figure"), XN_("Its parts"),
                                               XN_("Difference"),
                                               XN_("Holds"), XN_("How")};
    static const double w[CK_COLS] = {58, 18, 18, 14, 10, 70};
    lxw_worksheet *ws = c->checks;
    const mlroi_result *r = c->r;
    check_rows k;
    char a[256], b[256], ok0[24], ok1[24];
    lxw_row_t row;
    const char *p = XL_NAME_PREFIX;

    mlroi_xlsx_sheet_setup(c, ws, XT(c, "Checks"),
                           XT(c, "The model checks itself: each figure against its parts. The "
                                 "master check (shown on the Summary) is TRUE when every check "
                                 "holds."));
    mlroi_xlsx_widths(c, ws, w, CK_COLS);
    mlroi_xlsx_heads(c, ws, 3, heads, CK_COLS);
    worksheet_freeze_panes(ws, 4, 0);
    k.first = k.next = 4;
    k.tol = mlroi_xlsx_assume(c, "check_tolerance", XT(c, "Checks: largest difference that still "
                                                          "holds (a cent; floating-point sums "
                                                          "differ in the last digits)"),
                              0.01, XL_CENTS, false, XT(c, "currency"), XT(c, "rounding to the "
                                                                              "cent"));

    if (r->bcase.present) {
        const mlroi_bcase_figures *f = &r->bcase.adjusted;
        const bool lines = c->lines != NULL && c->s->bc.line_count > 0;
        for (int pass = 0; pass < 2; pass++) {
            const char *ben = pass ? "costs" : "benefits";
            const char *kind = pass ? "cost" : "benefit";
            double total = pass ? f->total_costs : f->total_benefits;
            double pv = pass ? f->pv_costs : f->pv_benefits;
            char what[160];
            snprintf(what, sizeof what, "%s", pass ? XT(c, "Total costs = the sum of the years")
                                                   : XT(c, "Total benefits = the sum of the "
                                                           "years"));
            snprintf(a, sizeof a, "%sbusiness_case_total_%s", p, ben);
            if (lines)
                snprintf(b, sizeof b, "SUMIF(%sbusiness_case_lines_kind,\"%s\","
                         "%sbusiness_case_lines_total)", p, kind, p);
            else
                snprintf(b, sizeof b, "SUM(%sbusiness_case_years_%s)", p, ben);
            check_row(c, &k, what,
                      lines ? XT(c, "the business case's total against the sum of the lines' "
                                    "totals")
                            : XT(c, "the business case's total against its years"),
                      XL_MONEY, a, total, b, total);
            snprintf(what, sizeof what, "%s", pass ? XT(c, "PV of costs = the discounted sum")
                                                   : XT(c, "PV of benefits = the discounted sum"));
            snprintf(a, sizeof a, "%sbusiness_case_pv_%s", p, ben);
            if (lines)
                snprintf(b, sizeof b, "SUMIF(%sbusiness_case_lines_kind,\"%s\","
                         "%sbusiness_case_lines_pv)", p, kind, p);
            else
                snprintf(b, sizeof b, "SUMPRODUCT(%sbusiness_case_years_%s,"
                         "%sbusiness_case_years_discount_factor)", p, ben, p);
            check_row(c, &k, what, lines ? XT(c, "against the sum of the lines' present values")
                      : XT(c, "the years' amounts times their discount factors"), XL_MONEY, a,
                      pv, b, pv);
        }
        snprintf(a, sizeof a, "%sbusiness_case_npv", p);
        snprintf(b, sizeof b, "%sbusiness_case_pv_benefits-%sbusiness_case_pv_costs", p, p);
        check_row(c, &k, XT(c, "NPV = PV of benefits - PV of costs"),
                  XT(c, "NPV() of the net flows against the present values"), XL_MONEY, a,
                  f->npv, b, f->pv_benefits - f->pv_costs);
        snprintf(b, sizeof b, "SUM(%sbusiness_case_years_pv_net)", p);
        check_row(c, &k, XT(c, "NPV = the sum of the discounted net flows"),
                  XT(c, "NPV() against the years' present values"), XL_MONEY, a, f->npv, b,
                  f->npv);
        snprintf(a, sizeof a, "INDEX(%sbusiness_case_years_cumulative_net,1,%s+1)", p,
                 mlroi_xlsx_input(c, "business_case.horizon_years"));
        snprintf(b, sizeof b, "%sbusiness_case_total_benefits-%sbusiness_case_total_costs", p,
                 p);
        check_row(c, &k, XT(c, "Cumulative net at the horizon = total benefits - total costs"),
                  XT(c, "the last year's cumulative net"), XL_MONEY, a,
                  f->years[f->horizon].cumulative_net, b, f->total_benefits - f->total_costs);
    }
    if (r->tco.present) {
        const mlroi_tco *t = &r->tco;
        snprintf(a, sizeof a, "%stco_recurring_annual_total", p);
        snprintf(b, sizeof b, "%stco_recurring_annual_training+%stco_recurring_annual_inference"
                 "+%stco_recurring_annual_storage+%stco_recurring_annual_monitoring"
                 "+%stco_recurring_annual_licenses+%stco_recurring_annual_people",
                 p, p, p, p, p, p);
        check_row(c, &k, XT(c, "TCO recurring total = the sum of its items"),
                  XT(c, "training, inference, storage, monitoring, licences, people"), XL_MONEY,
                  a, t->recurring_total, b, t->recurring_total);
        snprintf(a, sizeof a, "%stco_total", p);
        snprintf(b, sizeof b, "SUM(%stco_years_total)", p);
        check_row(c, &k, XT(c, "TCO over the horizon = the sum of its years"),
                  XT(c, "one-time plus every year's recurring cost"), XL_MONEY, a, t->total, b,
                  t->total);
    }
    if (r->team.present) {
        snprintf(a, sizeof a, "%steam_headcount", p);
        snprintf(b, sizeof b, "%steam_ml_engineers_recommended+%steam_mlops_engineers"
                 "+%steam_governance_lead", p, p, p);
        check_row(c, &k, XT(c, "Team head count = the sum of its roles"),
                  XT(c, "ML engineers, MLOps engineers, governance lead"), XL_COUNT, a,
                  r->team.headcount, b, r->team.headcount);
    }
    if (r->chargeback.present && r->chargeback.unit_count) {
        snprintf(a, sizeof a, "SUM(%schargeback_units_share)", p);
        check_row(c, &k, XT(c, "Chargeback shares add up to one"),
                  XT(c, "every unit's share of the pool"), XL_PCT, a, 1.0, "1", 1.0);
        snprintf(a, sizeof a, "SUM(%schargeback_units_annual_charge)", p);
        snprintf(b, sizeof b, "%schargeback_pool", p);
        check_row(c, &k, XT(c, "Chargeback charges add up to the pool"),
                  XT(c, "every unit's yearly charge"), XL_MONEY, a, r->chargeback.pool, b,
                  r->chargeback.pool);
        if (c->cb_years_row) {
            char r0[24], r1[24];
            const int h = r->bcase.present ? r->bcase.adjusted.horizon : r->tco.horizon;
            mlroi_xlsx_local(r0, sizeof r0, c->cb_years_row, XL_YEAR0_COL);
            mlroi_xlsx_local(r1, sizeof r1, c->cb_years_row, XL_YEAR0_COL + MLROI_MAX_YEARS);
            snprintf(a, sizeof a, "SUM('%s'!%s:%s)", XL_CHARGEBACK, r0, r1);
            snprintf(b, sizeof b, "%schargeback_pool*%s", p,
                     mlroi_xlsx_input(c, "business_case.horizon_years"));
            check_row(c, &k, XT(c, "Chargeback over the horizon = the pool x the years"),
                      XT(c, "the charges year by year"), XL_MONEY, a, r->chargeback.pool * h, b,
                      r->chargeback.pool * h);
        }
    }

    row = k.next + 1;
    mlroi_xlsx_text(c, ws, row, CK_WHAT, XT(c, "Master check: every check above holds"),
                    c->f_bold);
    if (k.next > k.first) {
        mlroi_xlsx_local(ok0, sizeof ok0, k.first, CK_OK);
        mlroi_xlsx_local(ok1, sizeof ok1, k.next - 1, CK_OK);
        mlroi_xlsx_formula_text(c, ws, row, CK_OK, c->f_bold, "TRUE", "=AND(%s:%s)", ok0, ok1);
    } else {
        mlroi_xlsx_formula_text(c, ws, row, CK_OK, c->f_bold, "TRUE", "=TRUE()");
    }
    mlroi_xlsx_define(c, "master_check", NULL, XL_CHECKS, row, CK_OK, row, CK_OK);
    row += 2;

    /* The engine's figures at generation against the live ones: not a fault of the model
     * (inputs are there to be changed), but the sign that the static sheets (tornado, Monte
     * Carlo, roadmap) no longer describe it. */
    mlroi_xlsx_text(c, ws, row++, CK_WHAT, XT(c, "Static sheets: the engine's figures at "
                                                 "generation against the live ones (FALSE once an "
                                                 "input changes: the Sensitivity, Monte Carlo and "
                                                 "roadmap figures are then stale)"),
                    c->f_note);
    {
        lxw_row_t s0 = row;
        if (c->inputs_last > c->inputs_first) {
            char r0[24], r1[24], g0[24], g1[24];
            mlroi_xlsx_local(r0, sizeof r0, c->inputs_first, 2);
            mlroi_xlsx_local(r1, sizeof r1, c->inputs_last, 2);
            mlroi_xlsx_local(g0, sizeof g0, c->inputs_first, 6);
            mlroi_xlsx_local(g1, sizeof g1, c->inputs_last, 6);
            snprintf(a, sizeof a, "SUMPRODUCT(--('%s'!%s:%s<>'%s'!%s:%s))", XL_INPUTS, r0, r1,
                     XL_INPUTS, g0, g1);
            k.next = row;
            check_row(c, &k, XT(c, "Inputs changed since generation (Value against At generation)"),
                      XT(c, "every input of the Inputs sheet against its value at generation"),
                      XL_COUNT, a, 0, "0", 0);
            row++;
        }
        if (r->bcase.present) {
            const char *gen = mlroi_xlsx_assume(c, "engine_npv",
                                                XT(c, "The engine's NPV at generation"),
                                                r->bcase.adjusted.npv, XL_MONEY, false,
                                                XT(c, "currency"),
                                                XT(c, "mlroi evaluate: business_case.npv"));
            snprintf(a, sizeof a, "%sbusiness_case_npv", p);
            k.next = row;
            check_row(c, &k, XT(c, "NPV: live = at generation"),
                      XT(c, "the Business case against the engine's figure"), XL_MONEY, a,
                      r->bcase.adjusted.npv, gen, r->bcase.adjusted.npv);
            row++;
        }
        if (r->maturity.present) {
            const char *gen = mlroi_xlsx_assume(c, "engine_maturity_score",
                                                XT(c, "The engine's maturity score at generation"),
                                                r->maturity.score, XL_COUNT, false,
                                                XT(c, "YES answers"),
                                                XT(c, "mlroi evaluate: maturity.score"));
            snprintf(a, sizeof a, "%smaturity_score", p);
            k.next = row;
            check_row(c, &k, XT(c, "Maturity score: live = at generation"),
                      XT(c, "the Maturity sheet against the engine's figure"), XL_COUNT, a,
                      r->maturity.score, gen, r->maturity.score);
            row++;
        }
        row++;
        mlroi_xlsx_text(c, ws, row, CK_WHAT, XT(c, "Static sheets current (the live inputs are "
                                                   "those they were computed from)"), c->f_bold);
        if (row - 1 > s0) {
            mlroi_xlsx_local(ok0, sizeof ok0, s0, CK_OK);
            mlroi_xlsx_local(ok1, sizeof ok1, row - 2, CK_OK);
            mlroi_xlsx_formula_text(c, ws, row, CK_OK, c->f_bold, "TRUE", "=AND(%s:%s)", ok0,
                                    ok1);
        } else {
            mlroi_xlsx_formula_text(c, ws, row, CK_OK, c->f_bold, "TRUE", "=TRUE()");
        }
        mlroi_xlsx_define(c, "static_current", NULL, XL_CHECKS, row, CK_OK, row, CK_OK);
    }
}

void mlroi_xlsx_static_label(xl_ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col)
{
    char buf[512];

    if (c->r->bcase.present)
        snprintf(buf, sizeof buf, XT(c, "Static: computed by mlroi at generation from the inputs "
                                        "then (NPV %.0f %s). When an input changes, the figures "
                                        "below are not recomputed."),
                 c->r->bcase.adjusted.npv, c->s->currency);
    else
        snprintf(buf, sizeof buf, XT(c, "Static: computed by mlroi at generation from the inputs "
                                        "then. When an input changes, the figures below are not "
                                        "recomputed."));
    mlroi_xlsx_text(c, ws, row, col, buf, c->f_note);
    mlroi_xlsx_formula_text(c, ws, row + 1, col, c->f_bold,
                            "Current: the live inputs are those these figures were computed from",
                            "=IF(%sstatic_current,\"Current: the live inputs are those these "
                            "figures were computed from\",\"STALE: an input changed since "
                            "generation (Checks sheet); run mlroi report again\")",
                            XL_NAME_PREFIX);
}
