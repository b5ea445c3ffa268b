/* SPDX-License-Identifier: MIT */
/* The workbook's decision support: the Chargeback sheet, the platform recommendation and the reasonableness checks. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "mlroi/format.h"
#include "xlsx_internal.h"

/* Fills of the flagged checks: amber outside the benchmark range, red when optimistic. */
#define XL_OUTSIDE_FILL 0xFFE699
#define XL_FLAG_FILL 0xF8CBAD
#define XL_FLAG_FONT 0x9C0006
#define XL_CONSERVATIVE_FILL 0xDDEBF7
#define XL_CONSERVATIVE_FONT 0x1F4E79

/* Column of the Inputs sheet that holds the values. */
#define INPUTS_VALUE_COL 2

static lxw_format *new_format(xl_ctx *c)
{
    lxw_format *f = workbook_add_format(c->wb);
    if (!f)
        mlroi_xlsx_fail(c, MLROI_ERR_NOMEM, "out of memory");
    return f;
}

static void set_width(xl_ctx *c, lxw_worksheet *ws, lxw_col_t col, double width)
{
    mlroi_xlsx_check(c, worksheet_set_column(ws, col, col, width, NULL));
}

/* Characters (not bytes) of a UTF-8 text. */
static size_t text_chars(const char *s, size_t bytes)
{
    size_t n = 0;
    for (size_t i = 0; i < bytes; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

/* Write TEXT into column COL from ROW as lines of at most WIDTH characters, broken at spaces
 * (a longer word gets a line of its own). Lines keep to the printed width of the sheet, where
 * one wrapped cell would be as narrow as its column. Returns the row under the last line. */
static lxw_row_t write_lines(xl_ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                             const char *text, size_t width)
{
    char line[512];
    const char *p = text ? text : "";

    if (width >= sizeof line)
        width = sizeof line - 1;
    while (*p == ' ')
        p++;
    if (!*p) {
        mlroi_xlsx_text(c, ws, row, col, "", NULL);
        return row + 1;
    }
    while (*p && c->err == MLROI_OK) {
        size_t len = 0, cut = 0;
        /* Grow the line word by word while it fits. */
        while (p[len]) {
            size_t end = len;
            while (p[end] == ' ')
                end++;
            while (p[end] && p[end] != ' ')
                end++;
            if (cut > 0 && (text_chars(p, end) > width || end >= sizeof line))
                break;
            cut = end;
            len = end;
            if (end >= sizeof line - 1)
                break;
        }
        if (cut >= sizeof line)
            cut = sizeof line - 1;
        while (cut > 0 && ((unsigned char)p[cut] & 0xC0) == 0x80)
            cut--;   /* never split a character */
        memcpy(line, p, cut);
        line[cut] = '\0';
        mlroi_xlsx_text(c, ws, row++, col, line, NULL);
        p += cut;
        while (*p == ' ')
            p++;
        if (cut == 0)
            break;
    }
    return row;
}

/* ---------------------------------------------------------------------------------------
 * Chargeback sheet
 * --------------------------------------------------------------------------------------- */

enum { CB_NAME = 0, CB_MODELS, CB_SHARE, CB_CHARGE, CB_NOTE, CB_COLS };

void mlroi_xlsx_chargeback(xl_ctx *c)
{
    static const double w[CB_COLS] = {36, 14, 12, 18, 64};
    static const char *const heads[CB_COLS] = {XN_("Business unit"), XN_("Models"), XN_("Share"),
                                               XN_("Yearly charge"), ""};
    lxw_worksheet *ws = c->chargeback;
    const mlroi_chargeback *cb = &c->r->chargeback;
    const size_t n = cb->unit_count;
    const bool equal = c->s->chargeback.basis == MLROI_CB_EQUAL;
    lxw_row_t row = 3, r_pool, r_basis, u0, u1;
    char ref[96], a[24], b[24], models[64], pool[24];
    double sum_models = 0, sum_share = 0, sum_charge = 0;
    const char *basis;
    lxw_format *total = new_format(c);

    if (!total)
        return;
    /* The total in cents like the charges it adds up. */
    format_set_bold(total);
    format_set_num_format(total, c->cents_num);
    format_set_top(total, LXW_BORDER_THIN);
    if (n == 0 || c->cb_units_row == 0) {
        mlroi_xlsx_fail(c, MLROI_ERR_INVALID, "the chargeback units have no rows on Inputs");
        return;
    }
    mlroi_xlsx_sheet_setup(c, ws, XT(c, "Chargeback: the platform's yearly cost shared among "
                                        "business units"),
                           XT(c, "MLOps as a service. Change a unit's models or the basis on the "
                                 "Inputs sheet: the shares and the charges recompute."));
    for (lxw_col_t col = 0; col < CB_COLS; col++)
        set_width(c, ws, col, w[col]);

    r_pool = row;
    mlroi_xlsx_text(c, ws, row, CB_NAME, XT(c, "Pool per year"), c->f_bold);
    if (c->r->tco.present && c->tco_recurring.set) {
        mlroi_xlsx_formula(c, ws, row, CB_MODELS, c->fmt[XL_CENTS][0], cb->pool, "=%s",
                           mlroi_xlsx_cref(ref, sizeof ref, &c->tco_recurring));
        mlroi_xlsx_text(c, ws, row, CB_SHARE, XT(c, "the TCO's recurring total per year "
                                                    "(tco.recurring_annual.total)"), c->f_note);
    } else if (cb->pool_source && strcmp(cb->pool_source, "business_case.lines") == 0 &&
               c->bc_costs.set && c->r->bcase.adjusted.horizon >= 1) {
        /* The lines' risk-adjusted costs of years 1..N on average (the engine's pool). */
        const xl_cell *k = &c->bc_costs;
        char r0[24], r1[24];
        /* years 1..50 of the timeline, zero past the horizon input */
        mlroi_xlsx_local(r0, sizeof r0, k->row, k->col + 1);
        mlroi_xlsx_local(r1, sizeof r1, k->row, k->col + MLROI_MAX_YEARS);
        mlroi_xlsx_formula(c, ws, row, CB_MODELS, c->fmt[XL_CENTS][0], cb->pool,
                           "=SUM('%s'!%s:%s)/%s", k->sheet, r0, r1,
                           mlroi_xlsx_input(c, "business_case.horizon_years"));
        mlroi_xlsx_text(c, ws, row, CB_SHARE, XT(c, "the business case's risk-adjusted costs of "
                                                    "years 1 to N on average: there is no TCO "
                                                    "section"), c->f_note);
    } else {
        const char *cost = mlroi_xlsx_input(c, "business_case.annual_cost");
        /* The yearly cost follows the investment when it is not given (as in the engine). */
        mlroi_xlsx_formula(c, ws, row, CB_MODELS, c->fmt[XL_CENTS][0], cb->pool,
                           "=IF(ISNUMBER(%s),%s,%s)*(1+%s)", cost, cost,
                           mlroi_xlsx_input(c, "roi.mlops_investment"),
                           mlroi_xlsx_input(c, "business_case.cost_risk"));
        mlroi_xlsx_text(c, ws, row, CB_SHARE, XT(c, "the business case's yearly cost x (1 + cost "
                                                    "risk): there is no TCO section"), c->f_note);
    }
    row++;
    r_basis = row;
    basis = mlroi_xlsx_input(c, "chargeback.basis");
    mlroi_xlsx_text(c, ws, row, CB_NAME, XT(c, "Basis"), NULL);
    mlroi_xlsx_formula_text(c, ws, row, CB_MODELS, NULL, equal ? "equal" : "models", "=%s",
                            basis);
    mlroi_xlsx_text(c, ws, row, CB_SHARE, XT(c, "models: in proportion to the models in "
                                                "production; equal: the same share "
                                                "each"), c->f_note);
    row += 2;

    mlroi_xlsx_heads(c, ws, row, heads, CB_COLS);
    worksheet_freeze_panes(ws, row + 1, 0);
    worksheet_repeat_rows(ws, row, row);
    row++;
    u0 = row;
    u1 = u0 + (lxw_row_t)n - 1;
    snprintf(models, sizeof models, "%s:%s", mlroi_xlsx_local(a, sizeof a, u0, CB_MODELS),
             mlroi_xlsx_local(b, sizeof b, u1, CB_MODELS));
    mlroi_xlsx_local(pool, sizeof pool, r_pool, CB_MODELS);
    for (size_t i = 0; i < n && c->err == MLROI_OK; i++, row++) {
        const mlroi_cb_charge *u = &cb->units[i];
        mlroi_xlsx_text(c, ws, row, CB_NAME, u->name, NULL);
        mlroi_xlsx_formula(c, ws, row, CB_MODELS, c->fmt[XL_NUM][0], u->models, "=%s",
                           mlroi_xlsx_ref(ref, sizeof ref, XL_INPUTS,
                                          c->cb_units_row + (lxw_row_t)i, INPUTS_VALUE_COL));
        mlroi_xlsx_local(a, sizeof a, row, CB_MODELS);
        mlroi_xlsx_formula(c, ws, row, CB_SHARE, c->fmt[XL_PCT][0], u->share,
                           "=IF(%s=\"equal\",1/ROWS(%s),%s/SUM(%s))", basis, models, a, models);
        mlroi_xlsx_formula(c, ws, row, CB_CHARGE, c->fmt[XL_CENTS][0], u->annual_charge,
                           "=%s*%s", pool, mlroi_xlsx_local(b, sizeof b, row, CB_SHARE));
        sum_models += u->models;
        sum_share += u->share;
        sum_charge += u->annual_charge;
    }
    mlroi_xlsx_text(c, ws, row, CB_NAME, XT(c, "Total"), c->f_bold);
    mlroi_xlsx_formula(c, ws, row, CB_MODELS, c->fmt[XL_NUM][0], sum_models, "=SUM(%s)",
                       models);
    mlroi_xlsx_formula(c, ws, row, CB_SHARE, c->fmt[XL_PCT][0], sum_share, "=SUM(%s:%s)",
                       mlroi_xlsx_local(a, sizeof a, u0, CB_SHARE),
                       mlroi_xlsx_local(b, sizeof b, u1, CB_SHARE));
    mlroi_xlsx_formula(c, ws, row, CB_CHARGE, total, sum_charge, "=SUM(%s:%s)",
                       mlroi_xlsx_local(a, sizeof a, u0, CB_CHARGE),
                       mlroi_xlsx_local(b, sizeof b, u1, CB_CHARGE));
    mlroi_xlsx_text(c, ws, row, CB_NOTE, XT(c, "the shares add up to 100 % and the charges to the "
                                               "pool"), c->f_note);
    row += 2;
    mlroi_xlsx_text(c, ws, row++, CB_NAME, XT(c, "The charges above are exact. The printed "
                                                 "statement (mlroi chargeback) rounds each charge "
                                                 "to the cent and gives the cents left over"),
                    c->f_note);
    mlroi_xlsx_text(c, ws, row++, CB_NAME, XT(c, "one each to the units with the largest "
                                                 "remainders, so that the cents add up to the pool "
                                                 "exactly."), c->f_note);

    /* The charges year by year across the columns, like the Business case: nothing at the
     * Initial column, the yearly charge in every year the horizon input counts. */
    row++;
    mlroi_xlsx_text(c, ws, row++, CB_NAME, XT(c, "Charges year by year (the yearly charge in each "
                                                 "year of the horizon)"), c->f_bold);
    mlroi_xlsx_timeline_heads(c, ws, row, row + 1);
    {
        const lxw_row_t yr = row, fr = row + 1, t0 = row + 2;
        const int h = c->r->bcase.present ? c->r->bcase.adjusted.horizon : c->r->tco.horizon;
        const lxw_row_t tl = t0 + (lxw_row_t)n;
        (void)yr;
        for (size_t i = 0; i < n && c->err == MLROI_OK; i++) {
            const lxw_row_t r = t0 + (lxw_row_t)i;
            mlroi_xlsx_text(c, ws, r, CB_NAME, cb->units[i].name, NULL);
            for (int t = 0; t <= MLROI_MAX_YEARS; t++) {
                const lxw_col_t col = XL_YEAR0_COL + (lxw_col_t)t;
                if (t == 0) {
                    mlroi_xlsx_num(c, ws, r, col, 0, c->fmt[XL_CENTS][0]);
                    continue;
                }
                mlroi_xlsx_formula(c, ws, r, col, c->fmt[XL_CENTS][0],
                                   t <= h ? cb->units[i].annual_charge : 0, "=%s*%s",
                                   mlroi_xlsx_local(a, sizeof a, u0 + (lxw_row_t)i, CB_CHARGE),
                                   mlroi_xlsx_colrel(b, sizeof b, fr, col));
            }
        }
        mlroi_xlsx_text(c, ws, tl, CB_NAME, XT(c, "Total"), c->f_bold);
        for (int t = 0; t <= MLROI_MAX_YEARS; t++) {
            const lxw_col_t col = XL_YEAR0_COL + (lxw_col_t)t;
            char top[24], bottom[24];
            lxw_rowcol_to_cell(top, t0, col);
            lxw_rowcol_to_cell(bottom, tl - 1, col);
            mlroi_xlsx_formula(c, ws, tl, col, total, t >= 1 && t <= h ? sum_charge : 0,
                               "=SUM(%s:%s)", top, bottom);
        }
        c->cb_years_row = tl;
        row = tl + 1;
    }

    mlroi_xlsx_define(c, "chargeback_pool", NULL, XL_CHARGEBACK, r_pool, CB_MODELS, r_pool,
                      CB_MODELS);
    mlroi_xlsx_define(c, "chargeback_basis", NULL, XL_CHARGEBACK, r_basis, CB_MODELS, r_basis,
                      CB_MODELS);
    mlroi_xlsx_define(c, "chargeback_units_name", NULL, XL_CHARGEBACK, u0, CB_NAME, u1, CB_NAME);
    mlroi_xlsx_define(c, "chargeback_units_models", NULL, XL_CHARGEBACK, u0, CB_MODELS, u1,
                      CB_MODELS);
    mlroi_xlsx_define(c, "chargeback_units_share", NULL, XL_CHARGEBACK, u0, CB_SHARE, u1,
                      CB_SHARE);
    mlroi_xlsx_define(c, "chargeback_units_annual_charge", NULL, XL_CHARGEBACK, u0, CB_CHARGE,
                      u1, CB_CHARGE);
    mlroi_xlsx_at(&c->cb_pool, XL_CHARGEBACK, r_pool, CB_MODELS);
}

/* ---------------------------------------------------------------------------------------
 * Platform recommendation
 * --------------------------------------------------------------------------------------- */

lxw_row_t mlroi_xlsx_vendor(xl_ctx *c, lxw_worksheet *ws, const char *sheet, lxw_row_t row,
                            size_t line_width)
{
    const mlroi_vendor *v = &c->r->vendor;
    const mlroi_vendor_rule *rec = v->recommended;
    const char *cur = c->s->currency;
    const lxw_col_t last = ws == c->tco ? 6 : 2;
    char lo[64], hi[64], text[512];
    lxw_row_t r0;

    if (!v->present || !rec)
        return row;
    mlroi_xlsx_band(c, ws, row++, last, XT(c, "Platform recommendation"), c->f_header);
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Recommended stack"), c->f_bold);
    mlroi_xlsx_text(c, ws, row, 1, rec->stack, c->f_bold);
    mlroi_xlsx_define(c, "vendor_recommended", NULL, sheet, row, 1, row, 1);
    row++;
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Licence per year, low"), NULL);
    mlroi_xlsx_num(c, ws, row, 1, rec->licence.low, c->fmt[XL_MONEY][0]);
    mlroi_xlsx_define(c, "vendor_licence_annual_low", NULL, sheet, row, 1, row, 1);
    if (rec->licence.high > 0)
        mlroi_xlsx_text(c, ws, row, 2, XT(c, "per team, from the published monthly prices"),
                        c->f_note);
    else
        mlroi_xlsx_text(c, ws, row, 2, XT(c, "no licence fee: infrastructure costs only"),
                        c->f_note);
    row++;
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Licence per year, high"), NULL);
    mlroi_xlsx_num(c, ws, row, 1, rec->licence.high, c->fmt[XL_MONEY][0]);
    mlroi_xlsx_define(c, "vendor_licence_annual_high", NULL, sheet, row, 1, row, 1);
    row++;
    if (c->r->vendor.licence_outside_tco) {
        /* As `mlroi tco` says it: the licence is advice, never added to the figures. */
        snprintf(text, sizeof text, XT(c, "The TCO lists no licence, but the recommended platform "
                                          "would add %s-%s a year. It is not in the figures above: "
                                          "add a tco.licenses line to include it."),
                 mlroi_lang_money(c->lang, lo, sizeof lo, rec->licence.low, cur, 0),
                 mlroi_lang_money(c->lang, hi, sizeof hi, rec->licence.high, cur, 0));
        mlroi_xlsx_text(c, ws, row, 0, XT(c, "Not in the TCO"), c->f_bold);
        row = write_lines(c, ws, row, 1, text, line_width);
    }
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Why"), NULL);
    row = write_lines(c, ws, row, 1, rec->rationale ? XT(c, rec->rationale) : NULL, line_width);
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Lock-in"), NULL);
    row = write_lines(c, ws, row, 1, rec->lock_in ? XT(c, rec->lock_in) : NULL, line_width);
    if (v->alternative_count > 0) {
        r0 = row;
        for (int i = 0; i < v->alternative_count; i++, row++) {
            mlroi_xlsx_text(c, ws, row, 0, i == 0 ? XT(c, "Also fits") : "", NULL);
            mlroi_xlsx_text(c, ws, row, 1, v->alternatives[i]->stack, NULL);
        }
        mlroi_xlsx_define(c, "vendor_alternatives", NULL, sheet, r0, 1, row - 1, 1);
    }
    for (int i = 0; i < v->enterprise_count; i++) {
        const mlroi_alternative *e = v->enterprise[i];
        snprintf(text, sizeof text, "%s: %s", e->name, e->cost_text ? XT(c, e->cost_text) : "");
        mlroi_xlsx_text(c, ws, row, 0, i == 0 ? XT(c, "Enterprise options") : "", NULL);
        row = write_lines(c, ws, row, 1, text, line_width);
    }
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Source"), NULL);
    mlroi_xlsx_text(c, ws, row++, 1, XT(c, "MLOps for Decision Makers, 2025: platform guidance, "
                                           "from the platform facts on the Inputs sheet"),
                    c->f_note);
    return row;
}

/* ---------------------------------------------------------------------------------------
 * Reasonableness checks (Summary)
 * --------------------------------------------------------------------------------------- */

enum { CK_LABEL = 0, CK_VALUE, CK_BENCH, CK_VERDICT, CK_FLAG, CK_LEANING, CK_SOURCE, CK_COLS };

/* Verdicts a live formula can give: the figure against the benchmark's range. The others
 * (impossible, outside, not compared) come from the engine's own reasoning and are written
 * as it gave them. */
static bool range_verdict(mlroi_verdict v)
{
    return v == MLROI_BELOW || v == MLROI_WITHIN || v == MLROI_ABOVE;
}

static mlroi_leaning lean_other_way(mlroi_leaning l)
{
    return l == MLROI_LEAN_OPTIMISTIC ? MLROI_LEAN_CONSERVATIVE
         : l == MLROI_LEAN_CONSERVATIVE ? MLROI_LEAN_OPTIMISTIC : MLROI_LEAN_IN_LINE;
}

/* Which way the check K leans when its figure is above the benchmark's range, so that the
 * leaning can follow the verdict live. An engine verdict above or below tells it; for one
 * within the range the engine is asked again with the figure moved above the range (on
 * copies of the inputs and results: nothing of the report changes). False when the figure is
 * not one the workbook recomputes. */
static bool lean_when_above(const xl_ctx *c, const mlroi_check *k, mlroi_leaning *out)
{
    const mlroi_result *r = c->r;
    const mlroi_param *p;
    mlroi_scenario s2;
    mlroi_quick q2;
    mlroi_bcase bc2;
    mlroi_team team2;
    mlroi_tco tco2;
    mlroi_checks *probe;
    double v;
    bool ok = false;

    if (k->verdict == MLROI_ABOVE || k->verdict == MLROI_BELOW) {
        *out = k->verdict == MLROI_ABOVE ? k->leaning : lean_other_way(k->leaning);
        return true;
    }
    if (k->verdict != MLROI_WITHIN || !isfinite(k->high) || !isfinite(k->low))
        return false;
    v = k->high + fmax(1.0, fabs(k->high));
    s2 = *r->scenario;
    q2 = r->roi;
    bc2 = r->bcase;
    team2 = r->team;
    tco2 = r->tco;
    p = mlroi_param_find(k->key);
    if (p && (p->type == MLROI_P_NUMBER || p->type == MLROI_P_COUNT ||
              p->type == MLROI_P_FRACTION))
        memcpy((char *)&s2 + p->offset, &v, sizeof v);
    else if (strcmp(k->key, "business_case.roi_percent") == 0)
        bc2.adjusted.roi_percent = v;
    else if (strcmp(k->key, "business_case.payback_months") == 0)
        bc2.adjusted.payback_months = v;
    else if (strcmp(k->key, "tco.monthly_cloud") == 0)
        tco2.monthly_cloud = v;
    else if (strcmp(k->key, "team.annual_cost") == 0)
        team2.annual_cost = v;
    else
        return false;
    probe = calloc(1, sizeof *probe);
    if (!probe)
        return false;
    mlroi_checks_eval(&s2, r->benchmarks, &q2, &bc2, &team2, &tco2, probe);
    for (int i = 0; i < probe->count; i++) {
        if (strcmp(probe->items[i].key, k->key) == 0 && probe->items[i].verdict == MLROI_ABOVE) {
            *out = probe->items[i].leaning;
            ok = true;
        }
    }
    free(probe);
    return ok;
}

/* "Optimistic", "Conservative", "In line": how the Summary words a check's leaning. */
static const char *leaning_word(mlroi_leaning l)
{
    switch (l) {
    case MLROI_LEAN_OPTIMISTIC: return "Optimistic";
    case MLROI_LEAN_CONSERVATIVE: return "Conservative";
    default: return "In line";
    }
}

/* The defined name of an input parameter, or NULL when it has none (no error recorded). */
static const char *input_name(const xl_ctx *c, const char *param_path)
{
    for (size_t i = 0; i < c->name_count; i++)
        if (strcmp(c->names[i].param_path, param_path) == 0)
            return c->names[i].name;
    return NULL;
}

static xl_kind check_kind(const mlroi_check *k, lxw_format **special, const xl_ctx *c)
{
    const char *u = k->unit ? k->unit : "";
    *special = NULL;
    if (strcmp(u, "fraction") == 0)
        return XL_PCT;
    if (strcmp(u, "percent") == 0) {
        *special = c->f_pct_number;
        return XL_NUM;
    }
    if (strcmp(u, "months") == 0)
        return XL_MONTHS;
    if (strcmp(u, "per month") == 0 || strcmp(u, "per year") == 0)
        return XL_MONEY;
    return XL_NUM;
}

/* The checks' names as the engine words them, for tests/lang_check.py: the Summary shows each
 * in the workbook's language (the briefing uses the same translations). */
static const char *const check_labels[] = {
    XN_("time to production without MLOps"), XN_("time to production with MLOps"),
    XN_("incident reduction"), XN_("3-year PV ROI"), XN_("payback"), XN_("monthly cloud cost"),
    XN_("team yearly cost"), XN_("savings larger than the work"),
    XN_("plan costs outside the case"),
};

/* A benchmark's unit after its range, in the workbook's language. */
static const char *bench_unit(const xl_ctx *c, const char *u)
{
    if (strcmp(u, "weeks") == 0)
        return XT(c, "weeks");
    if (strcmp(u, "months") == 0)
        return XT(c, "months");
    if (strcmp(u, "per month") == 0)
        return XT(c, "per month");
    return XT(c, "per year");
}

/* The benchmark as people read it: "26-52 weeks", "75 %", "2,000-6,000 per month". */
static void bench_text(const xl_ctx *c, const mlroi_check *k, char *out, size_t size)
{
    const char *u = k->unit ? k->unit : "";
    char lo[64], hi[64];

    /* Figures as the workbook's language writes them ("22 500 €" in French). */
    if (strcmp(u, "fraction") == 0) {
        mlroi_lang_number(c->lang, mlroi_fmt_percent(lo, sizeof lo, k->low * 100, 0), sizeof lo);
        mlroi_lang_number(c->lang, mlroi_fmt_percent(hi, sizeof hi, k->high * 100, 0), sizeof hi);
    } else if (strcmp(u, "percent") == 0) {
        mlroi_lang_number(c->lang, mlroi_fmt_percent(lo, sizeof lo, k->low, 0), sizeof lo);
        mlroi_lang_number(c->lang, mlroi_fmt_percent(hi, sizeof hi, k->high, 0), sizeof hi);
    } else if (strcmp(u, "per month") == 0 || strcmp(u, "per year") == 0) {
        mlroi_lang_money(c->lang, lo, sizeof lo, k->low, c->s->currency, 0);
        mlroi_lang_money(c->lang, hi, sizeof hi, k->high, c->s->currency, 0);
    } else {
        mlroi_lang_number(c->lang, mlroi_fmt_number(lo, sizeof lo, k->low, 0), sizeof lo);
        mlroi_lang_number(c->lang, mlroi_fmt_number(hi, sizeof hi, k->high, 0), sizeof hi);
    }
    if (!isfinite(k->low) && !isfinite(k->high))
        snprintf(out, size, "%s", k->verdict == MLROI_NOT_COMPARED
                                  ? XT(c, "no benchmark that fits") : "n/a");
    else if (k->low == k->high)
        snprintf(out, size, "%s", lo);
    else
        snprintf(out, size, "%s-%s", lo, hi);
    if (strcmp(u, "weeks") == 0 || strcmp(u, "months") == 0 || strcmp(u, "per month") == 0 ||
        strcmp(u, "per year") == 0) {
        size_t len = strlen(out);
        snprintf(out + len, size - len, " %s", bench_unit(c, u));
    }
}

/* MODEL.md's "costs the case leaves out": the case's yearly cost (the unadjusted costs of
 * years 1..N on average) against the plan's own (the team's yearly cost and the TCO's running
 * costs, its people counted once as the team's). */
static bool plan_check(const xl_ctx *c, const mlroi_check *k)
{
    return strcmp(k->key, "plan_costs_outside_case") == 0 && c->bc_u_costs.set &&
           c->r->bcase.present && c->r->bcase.unadjusted.horizon >= 1 &&
           (c->team_annual_cost.set || (c->tco_recurring.set && c->tco_people.set));
}

/* The plan's yearly cost as a formula (without '='). */
static void plan_formula(const xl_ctx *c, char *buf, size_t size)
{
    char a[96], b[96];

    if (c->team_annual_cost.set)
        snprintf(buf, size, "%s", mlroi_xlsx_cref(a, sizeof a, &c->team_annual_cost));
    else
        snprintf(buf, size, "0");
    if (c->tco_recurring.set && c->tco_people.set) {
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "+%s-%s",
                 mlroi_xlsx_cref(a, sizeof a, &c->tco_recurring),
                 mlroi_xlsx_cref(b, sizeof b, &c->tco_people));
    }
}

/* MODEL.md's "savings larger than the work", with the cells its live formulas need. */
static bool savings_check(const xl_ctx *c, const mlroi_check *k)
{
    return strcmp(k->key, "savings_exceed_work") == 0 && c->qe_deployment.set &&
           input_name(c, "roi.models_per_year") &&
           input_name(c, "roi.current_time_to_prod_weeks") && input_name(c, "roi.team_size") &&
           input_name(c, "roi.avg_salary") && isfinite(k->high);
}

/* The live value of a check: a reference to the figure it looks at, so that the verdict
 * follows the inputs. Writes the formula into BUF; false when the figure has no cell. */
static bool check_formula(const xl_ctx *c, const mlroi_check *k, char *buf, size_t size)
{
    const char *name = input_name(c, k->key);
    char ref[96];

    if (name) {
        snprintf(buf, size, "=%s", name);
        return true;
    }
    if (strcmp(k->key, "business_case.roi_percent") == 0 && c->bc_roi.set) {
        /* The sheet holds ROI as a fraction; the benchmark is in percent. */
        mlroi_xlsx_cref(ref, sizeof ref, &c->bc_roi);
        snprintf(buf, size, "=IF(ISNUMBER(%s),%s*100,\"n/a\")", ref, ref);
        return true;
    }
    if (strcmp(k->key, "business_case.payback_months") == 0 && c->bc_payback.set) {
        snprintf(buf, size, "=%s", mlroi_xlsx_cref(ref, sizeof ref, &c->bc_payback));
        return true;
    }
    if (strcmp(k->key, "tco.monthly_cloud") == 0 && c->tco_monthly_cloud.set) {
        snprintf(buf, size, "=%s", mlroi_xlsx_cref(ref, sizeof ref, &c->tco_monthly_cloud));
        return true;
    }
    if (strcmp(k->key, "team.annual_cost") == 0 && c->team_annual_cost.set) {
        snprintf(buf, size, "=%s", mlroi_xlsx_cref(ref, sizeof ref, &c->team_annual_cost));
        return true;
    }
    if (plan_check(c, k)) {
        const xl_cell *u = &c->bc_u_costs;
        char r0[24], r1[24];
        mlroi_xlsx_local(r0, sizeof r0, u->row, u->col + 1);
        mlroi_xlsx_local(r1, sizeof r1, u->row, u->col + MLROI_MAX_YEARS);
        snprintf(buf, size, "=SUM('%s'!%s:%s)/%s", u->sheet, r0, r1,
                 input_name(c, "business_case.horizon_years"));
        return true;
    }
    if (savings_check(c, k)) {
        /* the whole team's weeks the formula counts: models a year x weeks each */
        snprintf(buf, size, "=%s*%s", input_name(c, "roi.models_per_year"),
                 input_name(c, "roi.current_time_to_prod_weeks"));
        return true;
    }
    return false;
}

/* The value above which the benchmark data flags a check as optimistic; NAN for none. */
static double optimistic_above(const xl_ctx *c, const mlroi_check *k)
{
    const mlroi_benchmarks *b = c->r->benchmarks;

    if (!b)
        return NAN;
    if (strcmp(k->key, "roi.incident_reduction") == 0)
        return b->incident_reduction_optimistic;
    if (strcmp(k->key, "business_case.roi_percent") == 0)
        return b->roi_3y_percent.high * b->roi_3y_optimistic_factor;
    return NAN;
}

static void highlight(xl_ctx *c, lxw_row_t r0, lxw_row_t r1, lxw_col_t c0, lxw_col_t c1,
                      const char *formula, lxw_format *f)
{
    lxw_conditional_format cf;
    char buf[128];

    snprintf(buf, sizeof buf, "%s", formula);
    memset(&cf, 0, sizeof cf);
    cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
    cf.value_string = buf;
    cf.format = f;
    mlroi_xlsx_check(c, worksheet_conditional_format_range(c->summary, r0, c0, r1, c1, &cf));
}

lxw_row_t mlroi_xlsx_checks(xl_ctx *c, lxw_row_t row)
{
    static const char *const heads[CK_COLS] = {XN_("Reasonableness check"), XN_("Value"),
                                               XN_("Benchmark"), XN_("Verdict"), XN_("Flag"),
                                               XN_("Leaning"), XN_("Source")};
    const mlroi_checks *ks = &c->r->checks;
    const char *title = c->r->benchmarks ? c->r->benchmarks->title : NULL;
    lxw_worksheet *ws = c->summary;
    lxw_format *outside, *flag, *lean_opt, *lean_cons;
    lxw_row_t r0, r1;
    char buf[512], a[24], cond[160];

    if (ks->count == 0)
        return row;
    outside = new_format(c);
    flag = new_format(c);
    lean_opt = new_format(c);
    lean_cons = new_format(c);
    if (!outside || !flag || !lean_opt || !lean_cons)
        return row;
    format_set_bg_color(outside, XL_OUTSIDE_FILL);
    format_set_bg_color(flag, XL_FLAG_FILL);
    format_set_font_color(flag, XL_FLAG_FONT);
    format_set_bold(flag);
    /* The leaning in words and colour: optimistic red like a flag, conservative blue. */
    format_set_font_color(lean_opt, XL_FLAG_FONT);
    format_set_bold(lean_opt);
    format_set_font_color(lean_cons, XL_CONSERVATIVE_FONT);
    format_set_bg_color(lean_cons, XL_CONSERVATIVE_FILL);
    set_width(c, ws, CK_VERDICT, 12);
    set_width(c, ws, CK_FLAG, 11);
    set_width(c, ws, CK_LEANING, 13);
    set_width(c, ws, CK_SOURCE, 64);

    mlroi_xlsx_text(c, ws, row++, 0, XT(c, "Assumptions against the published benchmarks: the "
                                           "value and the verdict follow the inputs. Amber: "
                                           "outside the range; red: optimistic, impossible, or "
                                           "plan costs the case leaves out; blue: "
                                           "conservative."), c->f_note);
    mlroi_xlsx_heads(c, ws, row, heads, CK_COLS);
    if (title) {
        snprintf(buf, sizeof buf, XT(c, "Source: %s"), title);
        mlroi_xlsx_text(c, ws, row, CK_SOURCE, buf, c->f_header);
    }
    row++;
    r0 = row;
    for (int i = 0; i < ks->count && c->err == MLROI_OK; i++, row++) {
        const mlroi_check *k = &ks->items[i];
        lxw_format *special;
        xl_kind kind = check_kind(k, &special, c);
        lxw_format *f = special ? special : c->fmt[kind][0];
        double thr = optimistic_above(c, k);
        const char *src = k->source ? k->source : "";
        const char *lo_name, *hi_name, *thr_name;

        (void)check_labels;
        snprintf(buf, sizeof buf, "%s", k->label ? XT(c, k->label) : k->key);
        if (buf[0] >= 'a' && buf[0] <= 'z')
            buf[0] = (char)(buf[0] - 'a' + 'A');
        /* A translated name may open on an accented letter: é (C3 A9) -> É (C3 89). */
        if ((unsigned char)buf[0] == 0xC3 && (unsigned char)buf[1] >= 0xA0 &&
            (unsigned char)buf[1] <= 0xBE && (unsigned char)buf[1] != 0xB7)
            buf[1] = (char)((unsigned char)buf[1] - 0x20);
        mlroi_xlsx_text(c, ws, row, CK_LABEL, buf, NULL);
        if (check_formula(c, k, buf, sizeof buf))
            mlroi_xlsx_formula(c, ws, row, CK_VALUE, f, k->value, "%s", buf);
        else
            mlroi_xlsx_num(c, ws, row, CK_VALUE, k->value, f);
        if (plan_check(c, k)) {
            /* the benchmark is the plan's own yearly cost: live too */
            plan_formula(c, buf, sizeof buf);
            mlroi_xlsx_formula(c, ws, row, CK_BENCH, c->fmt[XL_MONEY][0], k->low, "=%s", buf);
        } else {
            bench_text(c, k, buf, sizeof buf);
            mlroi_xlsx_text(c, ws, row, CK_BENCH, buf, NULL);
        }
        /* The engine's rule: above the top, below the bottom, else within; a figure that
         * never arrives (n/a) is beyond any range. */
        mlroi_xlsx_local(a, sizeof a, row, CK_VALUE);
        {
            /* The benchmark's bounds are named figures of the Assumptions sheet. */
            char key[96], label[256];
            const char *what = k->label ? XT(c, k->label) : k->key;
            char id[64];
            size_t j = 0;
            for (const char *q = k->key; *q && j + 1 < sizeof id; q++)
                id[j++] = *q == '.' ? '_' : *q;
            id[j] = '\0';
            snprintf(key, sizeof key, "bench_%s_low", id);
            snprintf(label, sizeof label, XT(c, "Benchmark, low: %s"), what);
            lo_name = isfinite(k->low) && !plan_check(c, k)
                ? mlroi_xlsx_assume(c, key, label, k->low, kind, false, "", src) : "0";
            snprintf(key, sizeof key, "bench_%s_high", id);
            snprintf(label, sizeof label, XT(c, "Benchmark, high: %s"), what);
            hi_name = isfinite(k->high) && !plan_check(c, k)
                ? mlroi_xlsx_assume(c, key, label, k->high, kind, false, "", src) : "0";
            snprintf(key, sizeof key, "bench_%s_optimistic", id);
            snprintf(label, sizeof label, XT(c, "Optimistic above: %s"), what);
            thr_name = isfinite(thr) && range_verdict(k->verdict)
                ? mlroi_xlsx_assume(c, key, label, thr, kind, false, "", src) : "0";
        }
        if (savings_check(c, k)) {
            /* Impossible when the weeks exceed a year's or the savings the payroll. */
            char ref[96];
            mlroi_xlsx_formula_text(c, ws, row, CK_VERDICT, NULL, mlroi_verdict_name(k->verdict),
                                    "=IF(OR(%s>%s,%s>%s*%s),\"impossible\",\"within\")", a,
                                    hi_name, mlroi_xlsx_cref(ref, sizeof ref, &c->qe_deployment),
                                    input_name(c, "roi.team_size"),
                                    input_name(c, "roi.avg_salary"));
        } else if (range_verdict(k->verdict) && isfinite(k->low) && isfinite(k->high))
            mlroi_xlsx_formula_text(c, ws, row, CK_VERDICT, NULL, mlroi_verdict_name(k->verdict),
                                    "=IF(ISNUMBER(%s),IF(%s>%s,\"above\",IF(%s<%s,"
                                    "\"below\",\"within\")),\"above\")", a, a, hi_name, a,
                                    lo_name);
        else
            mlroi_xlsx_text(c, ws, row, CK_VERDICT, mlroi_verdict_name(k->verdict), NULL);
        {
            /* The leaning follows the verdict when the check's direction is known. */
            mlroi_leaning above;
            char b[24];
            mlroi_xlsx_local(b, sizeof b, row, CK_VERDICT);
            if (savings_check(c, k)) {
                mlroi_xlsx_formula_text(c, ws, row, CK_LEANING, NULL, leaning_word(k->leaning),
                                        "=IF(%s=\"impossible\",\"Optimistic\",\"In line\")", b);
            } else if (plan_check(c, k)) {
                /* the case counting less than the plan leans optimistic */
                char v[24], p[24];
                const char *half = mlroi_xlsx_assume(c, "plan_in_line_within",
                                                     XT(c, "Plan check: a difference this small is "
                                                           "in line (half a currency unit)"), 0.5,
                                                     XL_CENTS, false, XT(c, "currency"),
                                                     XT(c, "rounding of the printed figures"));
                mlroi_xlsx_local(v, sizeof v, row, CK_VALUE);
                mlroi_xlsx_local(p, sizeof p, row, CK_BENCH);
                mlroi_xlsx_formula_text(c, ws, row, CK_LEANING, NULL, leaning_word(k->leaning),
                                        "=IF(%s-%s>%s,\"Optimistic\",IF(%s-%s<-%s,"
                                        "\"Conservative\",\"In line\"))", p, v, half, p, v,
                                        half);
            } else if (range_verdict(k->verdict) && lean_when_above(c, k, &above)) {
                mlroi_xlsx_formula_text(c, ws, row, CK_LEANING, NULL, leaning_word(k->leaning),
                                        "=IF(%s=\"above\",\"%s\",IF(%s=\"below\",\"%s\","
                                        "\"In line\"))", b, leaning_word(above), b,
                                        leaning_word(lean_other_way(above)));
            } else {
                mlroi_xlsx_text(c, ws, row, CK_LEANING, leaning_word(k->leaning), NULL);
            }
        }
        if (isfinite(thr) && range_verdict(k->verdict))
            mlroi_xlsx_formula_text(c, ws, row, CK_FLAG, NULL, k->optimistic ? "optimistic" : "",
                                    "=IF(AND(ISNUMBER(%s),%s>%s),\"optimistic\",\"\")", a, a,
                                    thr_name);
        else
            mlroi_xlsx_text(c, ws, row, CK_FLAG, k->optimistic ? "optimistic" : "", NULL);
        /* The heading names the article once; each row keeps the section it comes from. */
        if (title && strncmp(src, title, strlen(title)) == 0 && src[strlen(title)] == ':') {
            src += strlen(title) + 1;
            while (*src == ' ')
                src++;
        }
        mlroi_xlsx_text(c, ws, row, CK_SOURCE, src, NULL);
    }
    r1 = row - 1;
    /* Absolute column, relative row: the rule moves down the table row by row. */
    lxw_col_to_name(a, CK_VERDICT, 1);
    snprintf(cond, sizeof cond, "=OR(%s%lu=\"impossible\",%s%lu=\"outside\")", a,
             (unsigned long)r0 + 1, a, (unsigned long)r0 + 1);
    highlight(c, r0, r1, CK_VERDICT, CK_VERDICT, cond, flag);
    snprintf(cond, sizeof cond, "=OR(%s%lu=\"above\",%s%lu=\"below\")", a,
             (unsigned long)r0 + 1, a, (unsigned long)r0 + 1);
    highlight(c, r0, r1, CK_VERDICT, CK_VERDICT, cond, outside);
    lxw_col_to_name(a, CK_FLAG, 1);
    snprintf(cond, sizeof cond, "=%s%lu=\"optimistic\"", a, (unsigned long)r0 + 1);
    highlight(c, r0, r1, CK_LABEL, CK_FLAG, cond, flag);
    lxw_col_to_name(a, CK_LEANING, 1);
    snprintf(cond, sizeof cond, "=%s%lu=\"Optimistic\"", a, (unsigned long)r0 + 1);
    highlight(c, r0, r1, CK_LEANING, CK_LEANING, cond, lean_opt);
    snprintf(cond, sizeof cond, "=%s%lu=\"Conservative\"", a, (unsigned long)r0 + 1);
    highlight(c, r0, r1, CK_LEANING, CK_LEANING, cond, lean_cons);
    mlroi_xlsx_define(c, "checks_value", NULL, XL_SUMMARY, r0, CK_VALUE, r1, CK_VALUE);
    mlroi_xlsx_define(c, "checks_verdict", NULL, XL_SUMMARY, r0, CK_VERDICT, r1, CK_VERDICT);
    mlroi_xlsx_define(c, "checks_optimistic", NULL, XL_SUMMARY, r0, CK_FLAG, r1, CK_FLAG);
    mlroi_xlsx_define(c, "checks_leaning", NULL, XL_SUMMARY, r0, CK_LEANING, r1, CK_LEANING);
    return row;
}
