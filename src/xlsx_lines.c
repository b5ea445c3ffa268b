/* SPDX-License-Identifier: MIT */
/* The workbook's Business case lines sheet: every line's amounts, year by year, before and
 * after risk, as live formulas over its inputs and the engine's own figures. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "xlsx_internal.h"

/* Columns before the years: what the line is and how its amounts are given. */
enum {
    L_NAME = 0, L_KIND, L_CATEGORY, L_HOW, L_AMOUNT, L_SCALE, L_START, L_END, L_ESC, L_RAMP,
    L_RISK, L_FACTOR, L_V0
};

/* Rows of the sheet's furniture: the group band, the discount factors, the headings. */
#define R_BAND 3
#define R_DF 4
#define R_HEAD 5
#define R_FIRST 6

/* Where every part of the sheet is, for a horizon of N years and COUNT lines. */
typedef struct lines_layout {
    int n;          /* the layout's last year: always MLROI_MAX_YEARS */
    int h;          /* the horizon at generation (cached values past it are 0) */
    size_t count;
    lxw_col_t raw0, raw_total, adj0, adj_total, pv, source;
    lxw_row_t first, last, sum_b, sum_c;
} lines_layout;

static void layout_of(lines_layout *L, int n, size_t count)
{
    L->n = n;
    L->count = count;
    L->raw0 = L_V0;
    L->raw_total = L->raw0 + (lxw_col_t)n + 1;
    L->adj0 = L->raw_total + 1;
    L->adj_total = L->adj0 + (lxw_col_t)n + 1;
    L->pv = L->adj_total + 1;
    L->source = L->pv + 1;
    L->first = R_FIRST;
    L->last = R_FIRST + (lxw_row_t)count - 1;   /* first - 1 when there is no line */
    L->sum_b = R_FIRST + (lxw_row_t)count;
    L->sum_c = L->sum_b + 1;
}

/* The cell that holds the engine's figure a "from" line draws on; NULL when the workbook has
 * no sheet for it. */
static const xl_cell *figure_cell(const xl_ctx *c, mlroi_figure f)
{
    const xl_cell *cell = NULL;

    switch (f) {
    case MLROI_FIG_DEPLOYMENT_SAVINGS: cell = &c->qe_deployment; break;
    case MLROI_FIG_INCIDENT_SAVINGS: cell = &c->qe_incident; break;
    case MLROI_FIG_TOTAL_BENEFITS: cell = &c->qe_total_benefits; break;
    case MLROI_FIG_INVESTMENT: cell = &c->qe_investment; break;
    case MLROI_FIG_TEAM_ANNUAL: cell = &c->team_annual_cost; break;
    case MLROI_FIG_TCO_RECURRING: cell = &c->tco_recurring; break;
    case MLROI_FIG_TCO_ONE_TIME: cell = &c->tco_one_time; break;
    default: break;
    }
    return cell && cell->set ? cell : NULL;
}

/* A line whose amount falls in one year (amount, or the TCO's one-time figure). */
static bool is_amount(const mlroi_bc_line *l)
{
    return l->how == MLROI_LINE_AMOUNT ||
           (l->how == MLROI_LINE_FROM && l->from == MLROI_FIG_TCO_ONE_TIME);
}

/* "from team.annual_cost", "annual", "amount", "values". */
static void how_text(const mlroi_bc_line *l, char *buf, size_t size)
{
    switch (l->how) {
    case MLROI_LINE_VALUES: snprintf(buf, size, "values"); break;
    case MLROI_LINE_ANNUAL: snprintf(buf, size, "annual"); break;
    case MLROI_LINE_AMOUNT: snprintf(buf, size, "amount"); break;
    default: snprintf(buf, size, "from %s", mlroi_figure_names[l->from]); break;
    }
}

/* The ramp share of a yearly line in year T (cell reference) from its start S, as a factor
 * of a formula ("" for a cost line without a ramp: a share of 1). */
static void ramp_factor(xl_ctx *c, const mlroi_bc_line *l, const xl_line_rows *in,
                        const char *t, const char *st, char *buf, size_t size)
{
    char range[96];

    if (l->ramp_count > 1) {
        mlroi_xlsx_range(range, sizeof range, XL_INPUTS, in->ramp0, 2,
                         in->ramp0 + (lxw_row_t)in->ramp_n - 1, 2);
        snprintf(buf, size, "*INDEX(%s,MIN(%s-%s+1,ROWS(%s)))", range, t, st, range);
    } else if (l->ramp_count == 1) {
        /* gnumeric gives #REF! for INDEX over a single cell */
        snprintf(buf, size, "*%s", mlroi_xlsx_ref(range, sizeof range, XL_INPUTS, in->ramp0, 2));
    } else if (l->kind == MLROI_LINE_BENEFIT && c->ramp_rows > 1) {
        mlroi_xlsx_range(range, sizeof range, XL_INPUTS, c->ramp_row, 2,
                         c->ramp_row + (lxw_row_t)c->ramp_rows - 1, 2);
        snprintf(buf, size, "*INDEX(%s,MIN(%s-%s+1,ROWS(%s)))", range, t, st, range);
    } else if (l->kind == MLROI_LINE_BENEFIT) {
        snprintf(buf, size, "*%s", mlroi_xlsx_ref(range, sizeof range, XL_INPUTS, c->ramp_row, 2));
    } else {
        buf[0] = '\0';
    }
}

/* One line's row: its definition (read from its inputs on the Inputs sheet), its amounts
 * before risk, after risk, and their sums. */
static void line_row(xl_ctx *c, const lines_layout *L, size_t i,
                     const mlroi_plan_figures *figs)
{
    lxw_worksheet *ws = c->lines;
    const mlroi_bc_line *l = &c->s->bc.lines[i];
    const mlroi_line_result *lr = &c->r->bcase.lines[i];
    const xl_line_rows *in = &c->line_rows[i];
    const lxw_row_t row = L->first + (lxw_row_t)i;
    const bool benefit = l->kind == MLROI_LINE_BENEFIT;
    const char *h = mlroi_xlsx_input(c, "business_case.horizon_years");
    lxw_format *money = c->fmt[XL_MONEY][0];
    char buf[512], ramp[512], a[24], b[24], t[24], st[24], en[24], es[24], am[64], fac[24];
    char sc[24], src[1024], hz[128], ref[96], vals[96];

    mlroi_xlsx_text(c, ws, row, L_NAME, l->name, NULL);
    mlroi_xlsx_text(c, ws, row, L_KIND, benefit ? "benefit" : "cost", NULL);
    mlroi_xlsx_text(c, ws, row, L_CATEGORY, l->category, NULL);
    how_text(l, buf, sizeof buf);
    mlroi_xlsx_text(c, ws, row, L_HOW, buf, NULL);

    /* The amount: an input, or the engine's figure on its sheet. */
    if (l->how == MLROI_LINE_FROM) {
        const xl_cell *cell = figure_cell(c, l->from);
        if (cell)
            mlroi_xlsx_formula(c, ws, row, L_AMOUNT, money, figs->v[l->from], "=%s",
                               mlroi_xlsx_cref(buf, sizeof buf, cell));
        else
            mlroi_xlsx_num(c, ws, row, L_AMOUNT, figs->v[l->from], money);
    } else if (l->how != MLROI_LINE_VALUES) {
        mlroi_xlsx_formula(c, ws, row, L_AMOUNT, money, l->annual, "=%s",
                           mlroi_xlsx_ref(ref, sizeof ref, XL_INPUTS, in->amount, 2));
    }
    mlroi_xlsx_formula(c, ws, row, L_SCALE, c->fmt[XL_PCT][0],
                       isfinite(l->scale) ? l->scale : 1.0, "=%s",
                       mlroi_xlsx_ref(ref, sizeof ref, XL_INPUTS, in->scale, 2));
    if (in->start)
        mlroi_xlsx_formula(c, ws, row, L_START, c->fmt[XL_COUNT][0],
                           is_amount(l) ? (isnan(l->year) ? 0 : l->year)
                                        : (isnan(l->start) ? 1 : l->start),
                           "=%s", mlroi_xlsx_ref(ref, sizeof ref, XL_INPUTS, in->start, 2));
    if (in->end) {
        /* a blank end follows the horizon input (as the engine's default does) */
        mlroi_xlsx_ref(ref, sizeof ref, XL_INPUTS, in->end, 2);
        mlroi_xlsx_formula(c, ws, row, L_END, c->fmt[XL_COUNT][0],
                           isnan(l->end) ? L->h : l->end, "=MIN(IF(ISNUMBER(%s),%s,%s),%s)",
                           ref, ref, h, h);
        mlroi_xlsx_formula(c, ws, row, L_ESC, c->fmt[XL_PCT][0], l->escalation, "=%s",
                           mlroi_xlsx_ref(ref, sizeof ref, XL_INPUTS, in->esc, 2));
        if (l->ramp_count)
            snprintf(buf, sizeof buf, "%s", XT(c, "its own (Inputs)"));
        else
            snprintf(buf, sizeof buf, "%s", benefit ? XT(c, "benefit ramp (Inputs)")
                                                    : XT(c, "none"));
        mlroi_xlsx_text(c, ws, row, L_RAMP, buf, NULL);
    }
    /* Risk: typed on the Inputs sheet, or blank to follow the case's benefit or cost risk. */
    mlroi_xlsx_ref(ref, sizeof ref, XL_INPUTS, in->risk, 2);
    mlroi_xlsx_formula(c, ws, row, L_RISK, c->fmt[XL_PCT][0], lr->risk,
                       "=IF(ISNUMBER(%s),%s,IF(%s=\"benefit\",%s,%s))", ref, ref,
                       mlroi_xlsx_local(a, sizeof a, row, L_KIND),
                       mlroi_xlsx_input(c, "business_case.benefit_risk"),
                       mlroi_xlsx_input(c, "business_case.cost_risk"));
    mlroi_xlsx_local(b, sizeof b, row, L_RISK);
    mlroi_xlsx_formula(c, ws, row, L_FACTOR, c->fmt[XL_NUM][0],
                       benefit ? 1.0 - lr->risk : 1.0 + lr->risk,
                       "=IF(%s=\"benefit\",1-%s,1+%s)", a, b, b);

    /* The scale multiplies every amount (a share of a figure: a part-time team). */
    mlroi_xlsx_local(sc, sizeof sc, row, L_SCALE);
    snprintf(am, sizeof am, "%s*%s", mlroi_xlsx_local(a, sizeof a, row, L_AMOUNT), sc);
    mlroi_xlsx_local(st, sizeof st, row, L_START);
    mlroi_xlsx_local(en, sizeof en, row, L_END);
    mlroi_xlsx_local(es, sizeof es, row, L_ESC);
    mlroi_xlsx_local(fac, sizeof fac, row, L_FACTOR);
    if (in->val_n)
        mlroi_xlsx_range(vals, sizeof vals, XL_INPUTS, in->val0, 2,
                         in->val0 + (lxw_row_t)in->val_n - 1, 2);
    for (int y = 0; y <= L->n; y++) {
        lxw_col_t col = L->raw0 + (lxw_col_t)y;
        const double v = y <= L->h ? lr->values[y] : 0, va = y <= L->h ? lr->adjusted[y] : 0;
        /* Column-relative references: one formula along the line's years (R1C1). */
        mlroi_xlsx_colrel(t, sizeof t, R_HEAD, col);
        /* years after the horizon input count nothing */
        snprintf(hz, sizeof hz, "%s<=%s", t, h);
        if (l->how == MLROI_LINE_VALUES) {
            /* the amounts as given, a column of inputs; years past them are 0 */
            mlroi_xlsx_formula(c, ws, row, col, money, v,
                               "=IF(AND(%s,%s<ROWS(%s)),INDEX(%s,%s+1)*%s,0)", hz, t, vals,
                               vals, t, sc);
        } else if (is_amount(l)) {
            mlroi_xlsx_formula(c, ws, row, col, money, v, "=IF(AND(%s=%s,%s),%s,0)", t, st, hz,
                               am);
        } else {
            ramp_factor(c, l, in, t, st, ramp, sizeof ramp);
            mlroi_xlsx_formula(c, ws, row, col, money, v,
                               "=IF(AND(%s>=%s,%s<=%s),%s%s*(1+%s)^(%s-%s),0)", t, st, t, en,
                               am, ramp, es, t, st);
        }
        mlroi_xlsx_formula(c, ws, row, L->adj0 + (lxw_col_t)y, money, va, "=IF(%s,%s*%s,0)",
                           hz, mlroi_xlsx_colrel(a, sizeof a, row, col), fac);
    }
    mlroi_xlsx_formula(c, ws, row, L->raw_total, money, lr->total_unadjusted, "=SUM(%s:%s)",
                       mlroi_xlsx_local(a, sizeof a, row, L->raw0),
                       mlroi_xlsx_local(b, sizeof b, row, L->raw0 + (lxw_col_t)L->n));
    mlroi_xlsx_formula(c, ws, row, L->adj_total, money, lr->total, "=SUM(%s:%s)",
                       mlroi_xlsx_local(a, sizeof a, row, L->adj0),
                       mlroi_xlsx_local(b, sizeof b, row, L->adj0 + (lxw_col_t)L->n));
    {
        char d0[24], d1[24];
        mlroi_xlsx_local(d0, sizeof d0, R_DF, L->adj0);
        mlroi_xlsx_local(d1, sizeof d1, R_DF, L->adj0 + (lxw_col_t)L->n);
        mlroi_xlsx_formula(c, ws, row, L->pv, money, lr->pv, "=SUMPRODUCT(%s:%s,%s:%s)",
                           mlroi_xlsx_local(a, sizeof a, row, L->adj0),
                           mlroi_xlsx_local(b, sizeof b, row, L->adj0 + (lxw_col_t)L->n), d0, d1);
    }
    src[0] = '\0';
    if (l->source)
        snprintf(src, sizeof src, "%s", l->source);
    if (l->note) {
        size_t len = strlen(src);
        snprintf(src + len, sizeof src - len, "%s%s", len ? "; " : "", l->note);
    }
    mlroi_xlsx_text(c, ws, row, L->source, src, NULL);
}

/* The yearly sums of the benefit lines (ROW = sum_b) or the cost lines (sum_c). */
static void sum_row(xl_ctx *c, const lines_layout *L, bool benefit)
{
    lxw_worksheet *ws = c->lines;
    const mlroi_bcase *bc = &c->r->bcase;
    const lxw_row_t row = benefit ? L->sum_b : L->sum_c;
    const char *kind = benefit ? "benefit" : "cost";
    char kinds[64], a[24], b[24];

    mlroi_xlsx_text(c, ws, row, L_NAME, benefit ? XT(c, "Benefits per year: the benefit lines")
                                                : XT(c, "Costs per year: the cost lines"),
                    c->f_bold);
    snprintf(kinds, sizeof kinds, "%s:%s", mlroi_xlsx_local(a, sizeof a, L->first, L_KIND),
             mlroi_xlsx_local(b, sizeof b, L->last, L_KIND));
    for (int pass = 0; pass < 2; pass++) {
        const mlroi_bcase_figures *f = pass ? &bc->adjusted : &bc->unadjusted;
        lxw_col_t c0 = pass ? L->adj0 : L->raw0;
        for (int y = 0; y <= L->n + 1 + pass; y++) {
            lxw_col_t col = c0 + (lxw_col_t)y;
            double v = y <= L->n ? (y > L->h ? 0
                                    : benefit ? f->years[y].benefits : f->years[y].costs)
                     : y == L->n + 1 ? (benefit ? f->total_benefits : f->total_costs)
                                     : (benefit ? f->pv_benefits : f->pv_costs);
            if (L->count == 0)
                mlroi_xlsx_num(c, ws, row, col, v, c->f_money_total);
            else
                mlroi_xlsx_formula(c, ws, row, col, c->f_money_total, v,
                                   "=SUMIF(%s,\"%s\",%s:%s)", kinds, kind,
                                   mlroi_xlsx_local(a, sizeof a, L->first, col),
                                   mlroi_xlsx_local(b, sizeof b, L->last, col));
        }
    }
}

void mlroi_xlsx_lines(xl_ctx *c)
{
    static const char *const heads[L_V0] = {
        XN_("Line"), XN_("Kind"), XN_("Category"), XN_("How the amounts are given"),
        XN_("Amount (a year, or once)"), XN_("Scale (share counted)"), XN_("Start (or year)"),
        XN_("End"), XN_("Escalation a year"), XN_("Ramp"), XN_("Risk"), XN_("Factor")};
    static const double w[L_V0] = {34, 9, 14, 30, 16, 10, 9, 7, 11, 20, 9, 8};
    lxw_worksheet *ws = c->lines;
    const mlroi_scenario *s = c->s;
    const mlroi_bcase *bc = &c->r->bcase;
    lines_layout L;
    mlroi_plan_figures figs;
    lxw_format *year_head;
    char yf[64];
    char buf[256];

    /* Every year the contract allows, whatever the horizon: the horizon input decides which
     * count, so that changing it recomputes the case. */
    layout_of(&L, MLROI_MAX_YEARS, s->bc.line_count);
    L.h = bc->adjusted.horizon;
    if (L.count && (!bc->lines || bc->line_count != L.count)) {
        mlroi_xlsx_fail(c, MLROI_ERR_INVALID, "the business case lines were not evaluated");
        return;
    }
    mlroi_result_plan_figures(c->r, &figs);
    year_head = workbook_add_format(c->wb);
    if (!year_head) {
        mlroi_xlsx_fail(c, MLROI_ERR_NOMEM, "out of memory");
        return;
    }
    format_set_bold(year_head);
    format_set_bg_color(year_head, 0xD9E1F2);
    format_set_bottom(year_head, LXW_BORDER_THIN);
    format_set_align(year_head, LXW_ALIGN_RIGHT);
    snprintf(yf, sizeof yf, "\"%s \"0", XT(c, "Year"));
    format_set_num_format(year_head, yf);

    mlroi_xlsx_sheet_setup(c, ws, XT(c, "Business case lines"),
                           XT(c, "One row per line of business_case.lines, computed from its "
                                 "inputs on the Inputs sheet (amounts, scale, years, escalation, "
                                 "risk, ramp); a line drawn from the engine's figures follows the "
                                 "Quick estimate, Team or TCO sheet. Benefits and costs per year "
                                 "on the Business case are the sums below."));
    mlroi_xlsx_widths(c, ws, w, L_V0);
    mlroi_xlsx_check(c, worksheet_set_column(ws, L.raw0, L.source - 1, 13, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(ws, L.source, L.source, 40, NULL));
    worksheet_freeze_panes(ws, R_FIRST, 1);

    /* Group band, discount factors (for the PV column), headings. */
    mlroi_xlsx_band(c, ws, R_BAND, L_FACTOR, XT(c, "The line and how its amounts are given"),
                    c->f_section);
    for (lxw_col_t col = L.raw0; col <= L.source; col++)
        mlroi_xlsx_text(c, ws, R_BAND, col, col == L.raw0
                        ? XT(c, "Amounts before risk, year by year")
                        : col == L.adj0 ? XT(c, "Risk-adjusted: a benefit x (1 - risk), a cost x "
                                                "(1 + risk)") : "", c->f_section);
    mlroi_xlsx_text(c, ws, R_DF, L_NAME, XT(c, "Discount factor of year t (for the PV column)"),
                    c->f_note);
    for (int y = 0; y <= L.n; y++) {
        char t[24];
        mlroi_xlsx_colrel(t, sizeof t, R_HEAD, L.adj0 + (lxw_col_t)y);
        mlroi_xlsx_df_formula(c, buf, sizeof buf, t);
        mlroi_xlsx_formula(c, ws, R_DF, L.adj0 + (lxw_col_t)y, c->fmt[XL_FACTOR][0],
                           y <= L.h ? bc->adjusted.years[y].discount_factor : 0,
                           "=IF(%s<=%s,%s,0)", t,
                           mlroi_xlsx_input(c, "business_case.horizon_years"), buf);
    }
    mlroi_xlsx_heads(c, ws, R_HEAD, heads, L_V0);
    for (int y = 0; y <= L.n; y++) {
        mlroi_xlsx_num(c, ws, R_HEAD, L.raw0 + (lxw_col_t)y, y, year_head);
        mlroi_xlsx_num(c, ws, R_HEAD, L.adj0 + (lxw_col_t)y, y, year_head);
    }
    mlroi_xlsx_text(c, ws, R_HEAD, L.raw_total, XT(c, "Total"), c->f_header);
    mlroi_xlsx_text(c, ws, R_HEAD, L.adj_total, XT(c, "Total"), c->f_header);
    mlroi_xlsx_text(c, ws, R_HEAD, L.pv, XT(c, "PV"), c->f_header);
    mlroi_xlsx_text(c, ws, R_HEAD, L.source, XT(c, "Source and note"), c->f_header);
    mlroi_xlsx_check(c, worksheet_set_row(ws, R_HEAD, 30, NULL));

    /* The lines, each from its inputs on the Inputs sheet. */
    if (L.count && !c->line_rows) {
        mlroi_xlsx_fail(c, MLROI_ERR_INVALID, "the business case lines have no inputs");
        return;
    }
    for (size_t i = 0; i < L.count && c->err == MLROI_OK; i++)
        line_row(c, &L, i, &figs);
    sum_row(c, &L, true);
    sum_row(c, &L, false);

    c->lines_sum_row = L.sum_b;
    c->lines_raw_col = L.raw0;
    c->lines_adj_col = L.adj0;
    if (L.count) {
        mlroi_xlsx_define(c, "business_case_lines_name", NULL, XL_LINES, L.first, L_NAME, L.last,
                          L_NAME);
        mlroi_xlsx_define(c, "business_case_lines_kind", NULL, XL_LINES, L.first, L_KIND, L.last,
                          L_KIND);
        mlroi_xlsx_define(c, "business_case_lines_category", NULL, XL_LINES, L.first, L_CATEGORY,
                          L.last, L_CATEGORY);
        mlroi_xlsx_define(c, "business_case_lines_risk", NULL, XL_LINES, L.first, L_RISK, L.last,
                          L_RISK);
        mlroi_xlsx_define(c, "business_case_lines_values", NULL, XL_LINES, L.first, L.raw0,
                          L.last, L.raw0 + (lxw_col_t)L.n);
        mlroi_xlsx_define(c, "business_case_lines_adjusted", NULL, XL_LINES, L.first, L.adj0,
                          L.last, L.adj0 + (lxw_col_t)L.n);
        mlroi_xlsx_define(c, "business_case_lines_total", NULL, XL_LINES, L.first, L.adj_total,
                          L.last, L.adj_total);
        mlroi_xlsx_define(c, "business_case_lines_pv", NULL, XL_LINES, L.first, L.pv, L.last,
                          L.pv);
    }
}
