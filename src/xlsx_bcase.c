/* SPDX-License-Identifier: MIT */
/* The workbook's Business case sheet: the timeline across the columns (Initial, Year 1 ...
 * Year 50) with a period flag that follows the horizon input, every flow a row with one
 * formula along it, and NPV, PV ROI, payback, IRR and MIRR under it. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "xlsx_internal.h"

/* Rows of the sheet's timeline furniture; the year t is column XL_YEAR0_COL + t. */
#define R_YEAR 3
#define R_FLAG 4
#define R_RAMP 5

static int sign_of(double v)
{
    return (v > 0) - (v < 0);
}

static double ramp_share(const mlroi_scenario *s, int t)
{
    size_t i;

    if (!s->bc.ramp_count)
        return 1.0;
    i = (size_t)t < s->bc.ramp_count ? (size_t)t - 1 : s->bc.ramp_count - 1;
    return s->bc.benefit_ramp[i];
}

/* The yearly benefit at full ramp (before the ramp share), as the formula computes it. */
static double full_benefit(const xl_ctx *c, bool adjusted)
{
    const mlroi_bcase_inputs *bc = &c->s->bc;
    double v = c->r->roi.total_benefits * (adjusted ? 1 - bc->benefit_risk : 1);

    for (size_t i = 0; i < bc->other_count; i++) {
        double risk = isnan(bc->other_benefits[i].risk) ? bc->benefit_risk
                                                         : bc->other_benefits[i].risk;
        v += bc->other_benefits[i].annual * (adjusted ? 1 - risk : 1);
    }
    return v;
}

/* The other yearly benefits, one row each (not a timeline: a yearly amount and its risk);
 * returns the next free row. */
static lxw_row_t other_benefits_table(xl_ctx *c, lxw_row_t row, lxw_row_t *first)
{
    static const char *const h[] = {XN_("Other yearly benefit"), XN_("Annual"), XN_("Risk haircut"),
                                    XN_("After risk")};
    lxw_worksheet *ws = c->bcase;
    const mlroi_bcase_inputs *bc = &c->s->bc;
    char ref[96], a[24], b[24];

    mlroi_xlsx_heads(c, ws, row++, h, 4);
    *first = row;
    for (size_t i = 0; i < bc->other_count; i++, row++) {
        const mlroi_other_benefit *o = &bc->other_benefits[i];
        double risk = isnan(o->risk) ? bc->benefit_risk : o->risk;
        lxw_row_t in = c->other_row + (lxw_row_t)(2 * i);
        mlroi_xlsx_text(c, ws, row, 0, o->name, NULL);
        mlroi_xlsx_formula(c, ws, row, 1, c->fmt[XL_MONEY][0], o->annual, "=%s",
                           mlroi_xlsx_ref(ref, sizeof ref, XL_INPUTS, in, 2));
        /* a blank risk follows the case's benefit risk */
        mlroi_xlsx_ref(ref, sizeof ref, XL_INPUTS, in + 1, 2);
        mlroi_xlsx_formula(c, ws, row, 2, c->fmt[XL_PCT][0], risk, "=IF(ISNUMBER(%s),%s,%s)",
                           ref, ref, mlroi_xlsx_input(c, "business_case.benefit_risk"));
        mlroi_xlsx_formula(c, ws, row, 3, c->fmt[XL_MONEY][0], o->annual * (1 - risk),
                           "=%s*(1-%s)", mlroi_xlsx_local(a, sizeof a, row, 1),
                           mlroi_xlsx_local(b, sizeof b, row, 2));
    }
    return row + 1;
}

/* TEXT as a formula string literal, quotes doubled: "a""b". */
static void xl_quote(char *buf, size_t size, const char *text)
{
    size_t k = 0;

    if (size < 3) {
        if (size)
            buf[0] = '\0';
        return;
    }
    buf[k++] = '"';
    for (const char *p = text ? text : ""; *p && k + 3 < size; p++) {
        if (*p == '"')
            buf[k++] = '"';
        buf[k++] = *p;
    }
    buf[k++] = '"';
    buf[k] = '\0';
}

static void bc_define(xl_ctx *c, bool adjusted, const char *key, lxw_row_t r0, lxw_col_t c0,
                      lxw_row_t r1, lxw_col_t c1)
{
    char name[XL_NAME_LEN];

    snprintf(name, sizeof name, "business_case_%s%s", adjusted ? "" : "unadjusted_", key);
    mlroi_xlsx_define(c, name, NULL, XL_BCASE, r0, c0, r1, c1);
}

/* "C12": relative both ways, so that one formula copies along the timeline. */
static const char *rel(char *buf, lxw_row_t row, lxw_col_t col)
{
    lxw_rowcol_to_cell(buf, row, col);
    return buf;
}

/* "$C$12:$BA$12": a whole timeline row. */
static const char *span(char *buf, size_t size, lxw_row_t row)
{
    char a[24], b[24];

    snprintf(buf, size, "%s:%s", mlroi_xlsx_local(a, sizeof a, row, XL_YEAR0_COL),
             mlroi_xlsx_local(b, sizeof b, row, XL_YEAR0_COL + MLROI_MAX_YEARS));
    return buf;
}

/* The rows of one block of cash flows. */
enum {
    K_BEN = 0, K_COST, K_NET, K_CUM, K_DF, K_PV, K_CUMPV, K_SIGN, K_LAST, K_CHANGE, K_BELOW,
    K_BELOWPV, K_POSFV, K_NEGPV, K_ROWS
};

static const char *const row_labels[K_ROWS] = {
    XN_("Benefits"), XN_("Costs"), XN_("Net cash flow"), XN_("Cumulative net"),
    XN_("Discount factor"), XN_("PV of net"), XN_("Cumulative PV"), XN_("Helper: sign of net"),
    XN_("Helper: last non-zero sign"), XN_("Helper: sign change"),
    XN_("Helper: year while cumulative < 0"), XN_("Helper: year while cumulative PV < 0"),
    XN_("Helper: MIRR, positive flow grown to year N"),
    XN_("Helper: MIRR, negative flow discounted to year 0")};

/* One block of the business case (risk-adjusted or not); returns the next free row. */
static lxw_row_t cash_table(xl_ctx *c, lxw_row_t row, bool adjusted)
{
    lxw_worksheet *ws = c->bcase;
    const mlroi_bcase_figures *fig = adjusted ? &c->r->bcase.adjusted : &c->r->bcase.unadjusted;
    const int n = fig->horizon;
    const bool tco_costs = c->r->tco.present && c->tco_years_total.set;
    const bool lines = c->lines != NULL;
    const char *rate = mlroi_xlsx_input(c, "business_case.discount_rate");
    const char *cost_risk = mlroi_xlsx_input(c, "business_case.cost_risk");
    const char *disc = mlroi_xlsx_input(c, "business_case.discounting");
    const char *horizon = mlroi_xlsx_input(c, "business_case.horizon_years");
    const char *yearly = mlroi_xlsx_input(c, "business_case.annual_cost");
    const char *fin = mlroi_xlsx_input(c, "business_case.mirr_finance_rate");
    const char *rei = mlroi_xlsx_input(c, "business_case.mirr_reinvest_rate");
    char buf[2048], a[24], b[24], d[24], e[24], y[24], fl[24], ref[96], full[24] = "";
    char fr[256], rr[256];
    lxw_row_t R[K_ROWS], r_full = 0;
    int last_sign = 0, changes = 0;
    double cum = 0, cum_pv = 0;

    snprintf(fr, sizeof fr, "IF(ISNUMBER(%s),%s,%s)", fin, fin, rate);
    snprintf(rr, sizeof rr, "IF(ISNUMBER(%s),%s,%s)", rei, rei, rate);
    mlroi_xlsx_band(c, ws, row++, XL_YEAR0_COL + MLROI_MAX_YEARS,
                    adjusted ? XT(c, "Risk-adjusted cash flows")
                             : XT(c, "Unadjusted cash flows (every risk set to 0)"), c->f_section);
    if (lines) {
        mlroi_xlsx_text(c, ws, row++, 0, adjusted
                        ? XT(c, "Benefits and costs: the sums of the lines' risk-adjusted amounts "
                                "(sheet Business case lines)")
                        : XT(c, "Benefits and costs: the sums of the lines' amounts before risk "
                                "(sheet Business case lines)"), c->f_note);
    } else {
        char ob[64];
        r_full = row;
        mlroi_xlsx_text(c, ws, row, 0, adjusted ? XT(c, "Yearly benefit at full ramp, after risk")
                                                : XT(c, "Yearly benefit at full ramp"), NULL);
        mlroi_xlsx_cref(ref, sizeof ref, &c->qe_total_benefits);
        if (adjusted)
            snprintf(buf, sizeof buf, "=%s*(1-%s)", ref,
                     mlroi_xlsx_input(c, "business_case.benefit_risk"));
        else
            snprintf(buf, sizeof buf, "=%s", ref);
        if (c->s->bc.other_count) {
            lxw_col_t col = adjusted ? 3 : 1;   /* "After risk" or "Annual" */
            lxw_row_t last = c->other_first + (lxw_row_t)c->s->bc.other_count - 1;
            size_t len = strlen(buf);
            snprintf(ob, sizeof ob, "+SUM(%s:%s)",
                     mlroi_xlsx_local(a, sizeof a, c->other_first, col),
                     mlroi_xlsx_local(b, sizeof b, last, col));
            snprintf(buf + len, sizeof buf - len, "%s", ob);
        }
        mlroi_xlsx_formula(c, ws, row, 1, c->fmt[XL_MONEY][0], full_benefit(c, adjusted), "%s",
                           buf);
        mlroi_xlsx_text(c, ws, row, 2, XT(c, "quick-estimate benefits plus other benefits"),
                        c->f_note);
        row++;
        mlroi_xlsx_local(full, sizeof full, r_full, 1);
    }
    for (int k = 0; k < K_ROWS; k++) {
        R[k] = row++;
        mlroi_xlsx_text(c, ws, R[k], 0, XT(c, row_labels[k]), k == K_NET ? c->f_bold : NULL);
    }

    for (int t = 0; t <= MLROI_MAX_YEARS; t++) {
        const lxw_col_t col = XL_YEAR0_COL + (lxw_col_t)t;
        const bool in = t <= n;
        const mlroi_cash_year *cy = in ? &fig->years[t] : NULL;
        const double ben = in ? cy->benefits : 0, cost = in ? cy->costs : 0;
        const double net = in ? cy->net : 0, df = in ? cy->discount_factor : 0;
        const double pv = in ? cy->pv_net : 0;
        const int sg = sign_of(net);
        char net_c[24], prev[24];

        mlroi_xlsx_colrel(y, sizeof y, R_YEAR, col);
        mlroi_xlsx_colrel(fl, sizeof fl, R_FLAG, col);
        rel(net_c, R[K_NET], col);
        /* Benefits and costs. */
        if (lines) {
            lxw_col_t lc = (adjusted ? c->lines_adj_col : c->lines_raw_col) + (lxw_col_t)t;
            mlroi_xlsx_formula(c, ws, R[K_BEN], col, c->fmt[XL_MONEY][0], ben, "='%s'!%s",
                               XL_LINES, mlroi_xlsx_colrel(a, sizeof a, c->lines_sum_row, lc));
            mlroi_xlsx_formula(c, ws, R[K_COST], col, c->fmt[XL_MONEY][0], cost, "='%s'!%s",
                               XL_LINES,
                               mlroi_xlsx_colrel(a, sizeof a, c->lines_sum_row + 1, lc));
        } else {
            char own[512], base[1024];
            if (t == 0)
                mlroi_xlsx_num(c, ws, R[K_BEN], col, 0, c->fmt[XL_MONEY][0]);
            else
                mlroi_xlsx_formula(c, ws, R[K_BEN], col, c->fmt[XL_MONEY][0], ben,
                                   "=%s*%s*%s", mlroi_xlsx_colrel(a, sizeof a, R_RAMP, col),
                                   full, fl);
            /* Costs: the investment inputs, or the TCO's year when costs_from says so; a
             * blank yearly cost follows the investment (as in the engine). */
            if (t == 0)
                snprintf(own, sizeof own, "%s",
                         mlroi_xlsx_input(c, "business_case.initial_investment"));
            else
                snprintf(own, sizeof own, "IF(ISNUMBER(%s),%s,%s)", yearly, yearly,
                         mlroi_xlsx_input(c, "roi.mlops_investment"));
            if (tco_costs)
                snprintf(base, sizeof base, "IF(%s=\"tco\",'%s'!%s,%s)",
                         mlroi_xlsx_input(c, "business_case.costs_from"), XL_TCO,
                         mlroi_xlsx_colrel(a, sizeof a, c->tco_years_total.row,
                                           c->tco_years_total.col + (lxw_col_t)t), own);
            else
                snprintf(base, sizeof base, "%s", own);
            if (adjusted)
                mlroi_xlsx_formula(c, ws, R[K_COST], col, c->fmt[XL_MONEY][0], cost,
                                   "=%s*(1+%s)*%s", base, cost_risk, fl);
            else
                mlroi_xlsx_formula(c, ws, R[K_COST], col, c->fmt[XL_MONEY][0], cost, "=%s*%s",
                                   base, fl);
        }
        mlroi_xlsx_formula(c, ws, R[K_NET], col, c->fmt[XL_MONEY][0], net, "=%s-%s",
                           rel(a, R[K_BEN], col), rel(b, R[K_COST], col));
        /* Cumulative figures stop at the horizon (0 after it). */
        cum += net;
        if (t == 0)
            mlroi_xlsx_formula(c, ws, R[K_CUM], col, c->fmt[XL_MONEY][0], cum, "=%s", net_c);
        else
            mlroi_xlsx_formula(c, ws, R[K_CUM], col, c->fmt[XL_MONEY][0], in ? cum : 0,
                               "=(%s+%s)*%s", rel(prev, R[K_CUM], col - 1), net_c, fl);
        mlroi_xlsx_df_formula(c, buf, sizeof buf, y);
        mlroi_xlsx_formula(c, ws, R[K_DF], col, c->fmt[XL_FACTOR][0], df, "=%s*%s", buf, fl);
        mlroi_xlsx_formula(c, ws, R[K_PV], col, c->fmt[XL_MONEY][0], pv, "=%s*%s", net_c,
                           rel(a, R[K_DF], col));
        cum_pv += pv;
        if (t == 0)
            mlroi_xlsx_formula(c, ws, R[K_CUMPV], col, c->fmt[XL_MONEY][0], cum_pv, "=%s",
                               rel(a, R[K_PV], col));
        else
            mlroi_xlsx_formula(c, ws, R[K_CUMPV], col, c->fmt[XL_MONEY][0], in ? cum_pv : 0,
                               "=(%s+%s)*%s", rel(prev, R[K_CUMPV], col - 1),
                               rel(a, R[K_PV], col), fl);
        /* Helpers that count the sign changes of the net series, zeros skipped. */
        rel(a, R[K_SIGN], col);
        mlroi_xlsx_formula(c, ws, R[K_SIGN], col, c->fmt[XL_COUNT][0], sg, "=SIGN(%s)", net_c);
        if (t == 0) {
            mlroi_xlsx_formula(c, ws, R[K_LAST], col, c->fmt[XL_COUNT][0], sg, "=%s", a);
            mlroi_xlsx_num(c, ws, R[K_CHANGE], col, 0, c->fmt[XL_COUNT][0]);
        } else {
            int change = (sg != 0 && last_sign != 0 && sg != last_sign);
            rel(b, R[K_LAST], col - 1);
            mlroi_xlsx_formula(c, ws, R[K_LAST], col, c->fmt[XL_COUNT][0], sg ? sg : last_sign,
                               "=IF(%s=0,%s,%s)", a, b, a);
            mlroi_xlsx_formula(c, ws, R[K_CHANGE], col, c->fmt[XL_COUNT][0], change,
                               "=IF(AND(%s<>0,%s<>0,%s<>%s),1,0)", a, b, a, b);
            changes += change;
        }
        if (sg)
            last_sign = sg;
        mlroi_xlsx_formula(c, ws, R[K_BELOW], col, c->fmt[XL_COUNT][0],
                           in && cum < 0 ? t : -1, "=IF(AND(%s=1,%s<0),%s,-1)", fl,
                           rel(a, R[K_CUM], col), y);
        mlroi_xlsx_formula(c, ws, R[K_BELOWPV], col, c->fmt[XL_COUNT][0],
                           in && cum_pv < 0 ? t : -1, "=IF(AND(%s=1,%s<0),%s,-1)", fl,
                           rel(a, R[K_CUMPV], col), y);
        {
            double frv = isnan(c->s->bc.mirr_finance_rate) ? c->s->bc.discount_rate
                                                           : c->s->bc.mirr_finance_rate;
            double rrv = isnan(c->s->bc.mirr_reinvest_rate) ? c->s->bc.discount_rate
                                                            : c->s->bc.mirr_reinvest_rate;
            mlroi_xlsx_formula(c, ws, R[K_POSFV], col, c->fmt[XL_MONEY][0],
                               net > 0 ? net * pow(1 + rrv, n - t) : 0,
                               "=IF(%s>0,%s*(1+%s)^(%s-%s),0)", net_c, net_c, rr, horizon, y);
            mlroi_xlsx_formula(c, ws, R[K_NEGPV], col, c->fmt[XL_MONEY][0],
                               net < 0 ? net / pow(1 + frv, t) : 0,
                               "=IF(%s<0,%s/(1+%s)^%s,0)", net_c, net_c, fr, y);
        }
    }
    {
        const lxw_col_t c0 = XL_YEAR0_COL, c1 = XL_YEAR0_COL + MLROI_MAX_YEARS;
        bc_define(c, adjusted, "years_year", R_YEAR, c0, R_YEAR, c1);
        bc_define(c, adjusted, "years_benefits", R[K_BEN], c0, R[K_BEN], c1);
        bc_define(c, adjusted, "years_costs", R[K_COST], c0, R[K_COST], c1);
        bc_define(c, adjusted, "years_net", R[K_NET], c0, R[K_NET], c1);
        bc_define(c, adjusted, "years_cumulative_net", R[K_CUM], c0, R[K_CUM], c1);
        bc_define(c, adjusted, "years_discount_factor", R[K_DF], c0, R[K_DF], c1);
        bc_define(c, adjusted, "years_pv_net", R[K_PV], c0, R[K_PV], c1);
    }
    if (adjusted) {
        mlroi_xlsx_at(&c->bc_first_year, XL_BCASE, R_YEAR, XL_YEAR0_COL);
        mlroi_xlsx_at(&c->bc_costs, XL_BCASE, R[K_COST], XL_YEAR0_COL);
        c->bc_cum_row = R[K_CUM];
        c->bc_cumpv_row = R[K_CUMPV];
    } else {
        mlroi_xlsx_at(&c->bc_u_costs, XL_BCASE, R[K_COST], XL_YEAR0_COL);
    }

    /* Totals under the timeline: labels in the first column, figures in the second, a few
     * words on the rule beside them. */
    {
        char rb[64], rc[64], rd[64], rn[64], rnet1[64], rm[64], rmpv[64], rcum[64], rcpv[64];
        char rpos[64], rneg[64];
        const lxw_col_t V = 1;
        lxw_format *money = c->f_money_total;
        lxw_row_t r_pvb, r_pvc, r_sc, r_k, r_kpv;

        span(rb, sizeof rb, R[K_BEN]);
        span(rc, sizeof rc, R[K_COST]);
        span(rd, sizeof rd, R[K_DF]);
        span(rn, sizeof rn, R[K_NET]);
        span(rm, sizeof rm, R[K_BELOW]);
        span(rmpv, sizeof rmpv, R[K_BELOWPV]);
        span(rcum, sizeof rcum, R[K_CUM]);
        span(rcpv, sizeof rcpv, R[K_CUMPV]);
        span(rpos, sizeof rpos, R[K_POSFV]);
        span(rneg, sizeof rneg, R[K_NEGPV]);
        snprintf(rnet1, sizeof rnet1, "%s:%s",
                 mlroi_xlsx_local(a, sizeof a, R[K_NET], XL_YEAR0_COL + 1),
                 mlroi_xlsx_local(b, sizeof b, R[K_NET], XL_YEAR0_COL + MLROI_MAX_YEARS));
        row++;

        mlroi_xlsx_figure(c, ws, row, V, XT(c, "Total benefits (undiscounted)"), NULL, NULL, NULL,
                          c->fmt[XL_MONEY][0], fig->total_benefits, "=SUM(%s)", rb);
        bc_define(c, adjusted, "total_benefits", row, V, row, V);
        row++;
        mlroi_xlsx_figure(c, ws, row, V, XT(c, "Total costs (undiscounted)"), NULL, NULL, NULL,
                          c->fmt[XL_MONEY][0], fig->total_costs, "=SUM(%s)", rc);
        bc_define(c, adjusted, "total_costs", row, V, row, V);
        row++;
        r_pvb = row;
        mlroi_xlsx_figure(c, ws, row, V, XT(c, "PV of benefits"), NULL, NULL,
                          XT(c, "benefits x discount factor"), c->fmt[XL_MONEY][0],
                          fig->pv_benefits,
                          "=SUMPRODUCT(%s,%s)", rb, rd);
        bc_define(c, adjusted, "pv_benefits", row, V, row, V);
        row++;
        r_pvc = row;
        mlroi_xlsx_figure(c, ws, row, V, XT(c, "PV of costs"), NULL, NULL,
                          XT(c, "costs x discount factor"), c->fmt[XL_MONEY][0], fig->pv_costs,
                          "=SUMPRODUCT(%s,%s)", rc, rd);
        bc_define(c, adjusted, "pv_costs", row, V, row, V);
        row++;
        /* NPV() discounts at year ends; mid-year flows are half a year earlier. Years past
         * the horizon are 0 and change nothing. */
        mlroi_xlsx_text(c, ws, row, 0, XT(c, "NPV"), c->f_bold);
        mlroi_xlsx_formula(c, ws, row, V, money, fig->npv,
                           "=%s+NPV(%s,%s)*IF(%s=\"mid\",SQRT(1+%s),1)",
                           mlroi_xlsx_local(d, sizeof d, R[K_NET], XL_YEAR0_COL), rate, rnet1,
                           disc, rate);
        mlroi_xlsx_text(c, ws, row, V + 1, XT(c, "year 0 undiscounted + NPV() of years 1..N (x the "
                                                 "square root of 1 + rate when discounting "
                                                 "mid-year)"), c->f_note);
        bc_define(c, adjusted, "npv", row, V, row, V);
        mlroi_xlsx_at(adjusted ? &c->bc_npv : &c->bc_u_npv, XL_BCASE, row, V);
        row++;
        mlroi_xlsx_local(d, sizeof d, r_pvc, V);
        mlroi_xlsx_local(e, sizeof e, r_pvb, V);
        mlroi_xlsx_figure(c, ws, row, V, XT(c, "ROI on present values"), c->f_bold, NULL,
                          XT(c, "(PV benefits - PV costs) / PV costs"), c->fmt[XL_PCT][0],
                          fig->roi_percent / 100.0, "=IF(%s=0,\"n/a\",(%s-%s)/%s)", d, e, d, d);
        bc_define(c, adjusted, "roi_percent", row, V, row, V);
        mlroi_xlsx_at(adjusted ? &c->bc_roi : &c->bc_u_roi, XL_BCASE, row, V);
        row++;
        r_sc = row;
        mlroi_xlsx_figure(c, ws, row, V, XT(c, "Sign changes of the net cash flow"), NULL, NULL,
                          XT(c, "zeros skipped; IRR needs exactly one"), c->fmt[XL_COUNT][0],
                          changes,
                          "=SUM(%s)", span(buf, sizeof buf, R[K_CHANGE]));
        row++;
        {
            /* IRR() from the engine's rate as the guess (a named assumption), so that it
             * lands on the root the engine reports. With one sign change the rate is unique
             * and the formula live; with several, whether one rate exists was the engine's
             * search (MODEL.md) and is written as it found it. Years past the horizon are 0:
             * they add no root. */
            char one[160], several[160], note_one[160], note_several[200];
            double guess_v = isfinite(fig->irr) ? fig->irr : c->s->bc.discount_rate;
            bool found = isfinite(fig->irr);
            const char *guess = mlroi_xlsx_assume(
                c, adjusted ? "irr_guess" : "unadjusted_irr_guess",
                adjusted ? XT(c, "IRR: the starting guess (the engine's IRR at generation)")
                         : XT(c, "IRR unadjusted: the starting guess (the engine's IRR at "
                                 "generation)"),
                guess_v, XL_PCT, false, XT(c, "rate"),
                found ? XT(c, "mlroi evaluate: business_case.irr, so that IRR() lands on the "
                              "engine's root")
                      : XT(c, "the discount rate (the engine found no rate)"));
            if (changes == 1 && !found) {
                snprintf(one, sizeof one, "\"n/a\"");
                xl_quote(note_one, sizeof note_one, fig->irr_note);
            } else {
                snprintf(one, sizeof one, "IRR(%s,%s)", rn, guess);
                snprintf(note_one, sizeof note_one, "\"\"");
            }
            if (changes > 1 && found)
                snprintf(several, sizeof several, "IRR(%s,%s)", rn, guess);
            else
                snprintf(several, sizeof several, "\"n/a\"");
            if (changes > 1)
                xl_quote(note_several, sizeof note_several, fig->irr_note);
            else
                snprintf(note_several, sizeof note_several,
                         "\"several sign changes: \"&%s", mlroi_xlsx_local(d, sizeof d, r_sc, V));
            mlroi_xlsx_local(d, sizeof d, r_sc, V);
            mlroi_xlsx_text(c, ws, row, 0, XT(c, "IRR"), c->f_bold);
            mlroi_xlsx_formula(c, ws, row, V, c->fmt[XL_PCT][0], fig->irr,
                               "=IF(%s=1,%s,IF(%s=0,\"n/a\",%s))", d, one, d, several);
            bc_define(c, adjusted, "irr", row, V, row, V);
            if (adjusted)
                mlroi_xlsx_at(&c->bc_irr, XL_BCASE, row, V);
            mlroi_xlsx_formula_text(c, ws, row, V + 1, c->f_note, fig->irr_note,
                                    "=IF(%s=1,%s,IF(%s=0,\"no sign change\",%s))", d, note_one,
                                    d, note_several);
            bc_define(c, adjusted, "irr_note", row, V + 1, row, V + 1);
            row++;
        }
        /* MIRR from its helper rows: Excel's MIRR() counts every cell of its range as a
         * period, and the timeline runs past the horizon. */
        mlroi_xlsx_text(c, ws, row, 0, XT(c, "MIRR"), c->f_bold);
        mlroi_xlsx_formula(c, ws, row, V, c->fmt[XL_PCT][0], fig->mirr,
                           "=IF(OR(COUNTIF(%s,\"<0\")=0,COUNTIF(%s,\">0\")=0),\"n/a\","
                           "(SUM(%s)/-SUM(%s))^(1/%s)-1)", rn, rn, rpos, rneg, horizon);
        mlroi_xlsx_text(c, ws, row, V + 2, XT(c, "(positive flows grown to year N at the "
                                                 "reinvestment rate / negative flows discounted at "
                                                 "the finance rate)^(1/N) - 1"),
                        c->f_note);
        bc_define(c, adjusted, "mirr", row, V, row, V);
        if (adjusted)
            mlroi_xlsx_at(&c->bc_mirr, XL_BCASE, row, V);
        mlroi_xlsx_formula_text(c, ws, row, V + 1, c->f_note,
                                fig->mirr_note ? fig->mirr_note : "",
                                "=IF(COUNTIF(%s,\"<0\")=0,\"no negative flow\","
                                "IF(COUNTIF(%s,\">0\")=0,\"no positive flow\",\"\"))", rn, rn);
        bc_define(c, adjusted, "mirr_note", row, V + 1, row, V + 1);
        row++;
        {
            int k = -1, kpv = -1;
            double cu = 0, cupv = 0;
            for (int t = 0; t <= n; t++) {
                cu += fig->years[t].net;
                cupv += fig->years[t].pv_net;
                if (cu < 0)
                    k = t;
                if (cupv < 0)
                    kpv = t;
            }
            r_k = row;
            mlroi_xlsx_figure(c, ws, row, V, XT(c, "Last year with cumulative net below zero"),
                              NULL,
                              NULL, XT(c, "-1 when never below zero"), c->fmt[XL_COUNT][0], k,
                              "=MAX(%s)", rm);
            row++;
            mlroi_xlsx_local(d, sizeof d, r_k, V);
            mlroi_xlsx_figure(c, ws, row, V, XT(c, "Payback (months)"), c->f_bold, NULL,
                              XT(c, "where the cumulative curve, linear inside each year, crosses "
                                    "zero for good"), c->fmt[XL_MONTHS][0], fig->payback_months,
                              "=IF(%s<0,0,IF(%s>=%s,\"n/a\",12*%s-12*INDEX(%s,1,%s+1)/"
                              "(INDEX(%s,1,%s+2)-INDEX(%s,1,%s+1))))",
                              d, d, horizon, d, rcum, d, rcum, d, rcum, d);
            bc_define(c, adjusted, "payback_months", row, V, row, V);
            if (adjusted)
                mlroi_xlsx_at(&c->bc_payback, XL_BCASE, row, V);
            row++;
            r_kpv = row;
            mlroi_xlsx_figure(c, ws, row, V, XT(c, "Last year with cumulative PV below zero"), NULL,
                              NULL, NULL, c->fmt[XL_COUNT][0], kpv, "=MAX(%s)", rmpv);
            row++;
            mlroi_xlsx_local(d, sizeof d, r_kpv, V);
            mlroi_xlsx_figure(c, ws, row, V, XT(c, "Discounted payback (months)"), c->f_bold, NULL,
                              XT(c, "the same walk over the discounted flows"),
                              c->fmt[XL_MONTHS][0],
                              fig->discounted_payback_months,
                              "=IF(%s<0,0,IF(%s>=%s,\"n/a\",12*%s-12*INDEX(%s,1,%s+1)/"
                              "(INDEX(%s,1,%s+2)-INDEX(%s,1,%s+1))))",
                              d, d, horizon, d, rcpv, d, rcpv, d, rcpv, d);
            bc_define(c, adjusted, "discounted_payback_months", row, V, row, V);
            if (adjusted)
                mlroi_xlsx_at(&c->bc_dpayback, XL_BCASE, row, V);
            row++;
        }
    }
    return row + 1;
}

void mlroi_xlsx_timeline_heads(xl_ctx *c, lxw_worksheet *ws, lxw_row_t year_row,
                               lxw_row_t flag_row)
{
    const char *horizon = mlroi_xlsx_input(c, "business_case.horizon_years");
    const int n = c->r->bcase.present ? c->r->bcase.adjusted.horizon : c->r->tco.horizon;
    char y[24];

    if (!c->f_year) {
        c->f_year = workbook_add_format(c->wb);
        if (!c->f_year) {
            mlroi_xlsx_fail(c, MLROI_ERR_NOMEM, "out of memory");
            return;
        }
        format_set_bold(c->f_year);
        format_set_bg_color(c->f_year, 0xD9E1F2);
        format_set_bottom(c->f_year, LXW_BORDER_THIN);
        format_set_align(c->f_year, LXW_ALIGN_RIGHT);
        /* The periods' words are the format's text: the cells hold the year's number. */
        char yf[96];
        snprintf(yf, sizeof yf, "[=0]\"%s\";\"%s \"0", XT(c, "Initial"), XT(c, "Year"));
        format_set_num_format(c->f_year, yf);
    }
    mlroi_xlsx_text(c, ws, year_row, 0, XT(c, "Period"), c->f_header);
    mlroi_xlsx_text(c, ws, year_row, 1, "", c->f_header);
    mlroi_xlsx_text(c, ws, flag_row, 0, XT(c, "In the horizon (1) or after it (0)"), c->f_note);
    for (int t = 0; t <= MLROI_MAX_YEARS; t++) {
        lxw_col_t col = XL_YEAR0_COL + (lxw_col_t)t;
        mlroi_xlsx_num(c, ws, year_row, col, t, c->f_year);
        mlroi_xlsx_formula(c, ws, flag_row, col, c->fmt[XL_COUNT][0], t <= n ? 1 : 0,
                           "=IF(%s<=%s,1,0)", mlroi_xlsx_colrel(y, sizeof y, year_row, col),
                           horizon);
    }
}

void mlroi_xlsx_bcase(xl_ctx *c)
{
    lxw_worksheet *ws = c->bcase;
    lxw_row_t row = R_RAMP + 2;
    char ramp_range[96], a[24];

    mlroi_xlsx_sheet_setup(c, ws, XT(c, "Business case (multi-year, risk-adjusted)"),
                           XT(c, "Years run across: Initial (month 0) then Year 1 to Year 50; the "
                                 "horizon input sets which count (the flag row). Years are "
                                 "discounted at their end, or their middle when the discounting "
                                 "input says mid."));
    mlroi_xlsx_check(c, worksheet_set_column(ws, 0, 0, 44, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(ws, 1, 1, 18, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(ws, XL_YEAR0_COL, XL_YEAR0_COL + MLROI_MAX_YEARS,
                                             13, NULL));
    mlroi_xlsx_timeline_heads(c, ws, R_YEAR, R_FLAG);
    if (!c->lines) {
        /* The benefit ramp: the share of the full yearly benefit in year t. */
        mlroi_xlsx_text(c, ws, R_RAMP, 0, XT(c, "Benefit ramp (share of the full yearly benefit)"),
                        NULL);
        mlroi_xlsx_range(ramp_range, sizeof ramp_range, XL_INPUTS, c->ramp_row, 2,
                         c->ramp_row + (lxw_row_t)c->ramp_rows - 1, 2);
        for (int t = 1; t <= MLROI_MAX_YEARS; t++) {
            lxw_col_t col = XL_YEAR0_COL + (lxw_col_t)t;
            mlroi_xlsx_colrel(a, sizeof a, R_YEAR, col);
            if (c->ramp_rows > 1)
                mlroi_xlsx_formula(c, ws, R_RAMP, col, c->fmt[XL_PCT][0], ramp_share(c->s, t),
                                   "=INDEX(%s,MIN(%s,ROWS(%s)))", ramp_range, a, ramp_range);
            else   /* gnumeric gives #REF! for INDEX over a single cell */
                mlroi_xlsx_formula(c, ws, R_RAMP, col, c->fmt[XL_PCT][0], ramp_share(c->s, t),
                                   "=%s", mlroi_xlsx_ref(ramp_range, sizeof ramp_range,
                                                         XL_INPUTS, c->ramp_row, 2));
        }
    }
    worksheet_freeze_panes(ws, R_FLAG + 1, XL_YEAR0_COL);
    if (c->s->bc.other_count)
        row = other_benefits_table(c, row, &c->other_first);
    row = cash_table(c, row, true);
    row = cash_table(c, row, false);
    /* Print the years of the horizon at generation: fifty columns fit no page. */
    mlroi_xlsx_check(c, worksheet_print_area(ws, 0, 0, row, XL_YEAR0_COL +
                                             (lxw_col_t)c->r->bcase.adjusted.horizon));
}
