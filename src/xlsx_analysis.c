/* SPDX-License-Identifier: MIT */
/* The workbook's analysis sheets: sensitivity (tornado, sweep, grid) and Monte Carlo. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mlroi/analysis.h"
#include "mlroi/format.h"
#include "xlsx_internal.h"

/* A metric's format: money, a percent figure (350 means 350 %), a rate, months or a count. */
static lxw_format *metric_format(xl_ctx *c, const mlroi_metric_info *m)
{
    if (!m)
        return c->fmt[XL_NUM][0];
    switch (m->unit) {
    case MLROI_U_MONEY: return c->fmt[XL_MONEY][0];
    case MLROI_U_PERCENT: return c->f_pct_number;
    case MLROI_U_RATE: return c->fmt[XL_PCT][0];
    case MLROI_U_MONTHS: return c->fmt[XL_MONTHS][0];
    default: return c->fmt[XL_COUNT][0];
    }
}

/* The metrics' names as the engine gives them (analysis.c), for tests/lang_check.py: the
 * sheets show each in the workbook's language. */
static const char *const metric_labels[] = {
    XN_("NPV (risk-adjusted)"), XN_("PV ROI"), XN_("Payback"), XN_("Discounted payback"),
    XN_("IRR"), XN_("PV of benefits"), XN_("PV of costs"), XN_("3-year cost"),
    XN_("NPV (unadjusted)"), XN_("PV ROI (unadjusted)"), XN_("12-month ROI"),
    XN_("12-month net benefit"), XN_("12-month benefits"), XN_("TCO over the horizon"),
    XN_("TCO per year"), XN_("Cloud cost per month"), XN_("Team cost per year"),
    XN_("Team head count"), XN_("Maturity score"), XN_("Maturity level"),
    XN_("Gated maturity level"),
};

/* Metric M's name in the workbook's language; NONE without a metric. */
static const char *metric_name(const xl_ctx *c, const mlroi_metric_info *m, const char *none)
{
    (void)metric_labels;
    return m && m->label ? XT(c, m->label) : none;
}

/* A line's input by its field name in the workbook's language. */
static const char *line_field(const xl_ctx *c, const char *field)
{
    static const char *const fields[] = {XN_("scale"), XN_("risk"), XN_("amount"),
                                         XN_("annual")};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strcmp(field, fields[i]) == 0)
            return XT(c, fields[i]);
    return field;
}

/* "business_case.lines[MLOps team].scale" as a reader says it: "MLOps team (line): scale"
 * (in the workbook's language); any other path as it is. Returns BUF or PATH. */
static const char *line_label(const xl_ctx *c, const char *path, char *buf, size_t size)
{
    static const char prefix[] = "business_case.lines[";
    const char *close;

    if (!path || strncmp(path, prefix, sizeof prefix - 1) != 0)
        return path ? path : "";
    close = strrchr(path, ']');
    if (!close || close < path + sizeof prefix - 1)
        return path;
    snprintf(buf, size, XT(c, "%.*s (line)%s%s"), (int)(close - path - (sizeof prefix - 1)),
             path + sizeof prefix - 1, close[1] == '.' ? XT(c, ": ") : "",
             close[1] == '.' ? line_field(c, close + 2) : close + 1);
    return buf;
}

static lxw_row_t tornado_block(xl_ctx *c, lxw_row_t row)
{
    static const char *const h[] = {XN_("Input"), XN_("Label"), XN_("Base value"),
                                    XN_("Low value"), XN_("High value"),
                                    XN_("Metric at low"), XN_("Metric at high"), XN_("Swing"),
                                    XN_("Change at low"), XN_("Change at high")};
    lxw_worksheet *ws = c->sens;
    const mlroi_tornado *t = c->in->tornado;
    lxw_format *mf = metric_format(c, t->metric);
    lxw_row_t base_row, first;
    char buf[256], a[24], b[24];

    snprintf(buf, sizeof buf, XT(c, "Tornado: %s when one input at a time moves to its low and "
                                    "high value (others at base; +/- %.0f %% unless the scenario "
                                    "gives a range)"),
             metric_name(c, t->metric, "metric"), t->swing_fraction * 100);
    mlroi_xlsx_text(c, ws, row++, 0, buf, c->f_bold);
    base_row = row;
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Base value of the metric"), NULL);
    mlroi_xlsx_num(c, ws, row++, 5, t->base, mf);
    mlroi_xlsx_heads(c, ws, row++, h, 10);
    first = row;
    for (size_t i = 0; i < t->count; i++, row++) {
        const mlroi_tornado_bar *bar = &t->bars[i];
        mlroi_xlsx_text(c, ws, row, 0, bar->param, NULL);
        mlroi_xlsx_text(c, ws, row, 1, bar->label ? XT(c, bar->label)
                                                  : line_label(c, bar->param, buf, sizeof buf),
                        NULL);
        mlroi_xlsx_num(c, ws, row, 2, bar->base_value, c->fmt[XL_NUM][0]);
        mlroi_xlsx_num(c, ws, row, 3, bar->low_value, c->fmt[XL_NUM][0]);
        mlroi_xlsx_num(c, ws, row, 4, bar->high_value, c->fmt[XL_NUM][0]);
        mlroi_xlsx_num(c, ws, row, 5, bar->low, mf);
        mlroi_xlsx_num(c, ws, row, 6, bar->high, mf);
        mlroi_xlsx_num(c, ws, row, 7, bar->swing, mf);
        /* The bars of the chart: how far each end moves the metric from its base. */
        mlroi_xlsx_local(b, sizeof b, base_row, 5);
        mlroi_xlsx_formula(c, ws, row, 8, mf, bar->low - t->base, "=%s-%s",
                           mlroi_xlsx_local(a, sizeof a, row, 5), b);
        mlroi_xlsx_formula(c, ws, row, 9, mf, bar->high - t->base, "=%s-%s",
                           mlroi_xlsx_local(a, sizeof a, row, 6), b);
    }
    if (t->count) {
        lxw_chart *chart = workbook_add_chart(c->wb, LXW_CHART_BAR);
        lxw_chart_series *lo, *hi;
        lxw_row_t last = first + (lxw_row_t)t->count - 1;
        if (!chart) {
            mlroi_xlsx_fail(c, MLROI_ERR_NOMEM, "out of memory");
            return row;
        }
        lo = chart_add_series(chart, NULL, NULL);
        chart_series_set_categories(lo, XL_SENS, first, 1, last, 1);
        chart_series_set_values(lo, XL_SENS, first, 8, last, 8);
        chart_series_set_name(lo, XT(c, "Input at its low value"));
        hi = chart_add_series(chart, NULL, NULL);
        chart_series_set_categories(hi, XL_SENS, first, 1, last, 1);
        chart_series_set_values(hi, XL_SENS, first, 9, last, 9);
        chart_series_set_name(hi, XT(c, "Input at its high value"));
        chart_set_series_overlap(chart, 100);
        chart_set_series_gap(chart, 40);
        snprintf(buf, sizeof buf, XT(c, "Tornado: change of %s from its base"),
                 metric_name(c, t->metric, XT(c, "the metric")));
        chart_title_set_name(chart, buf);
        chart_axis_set_reverse(chart->y_axis);   /* largest swing on top */
        chart_axis_set_label_position(chart->y_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
        if (t->metric && t->metric->unit == MLROI_U_MONEY)
            chart_axis_set_num_format(chart->x_axis, c->money_num);
        chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
        {
            /* Tall enough for one readable bar per input. */
            lxw_chart_options opt;
            memset(&opt, 0, sizeof opt);
            opt.x_scale = 1.6;
            opt.y_scale = fmax(1.2, 0.13 * (double)t->count);
            mlroi_xlsx_check(c, worksheet_insert_chart_opt(ws, 3, 11, chart, &opt));
        }
    }
    return row + 1;
}

static lxw_row_t sweep_block(xl_ctx *c, lxw_row_t row)
{
    const mlroi_sweep *sw = c->in->sweep;
    lxw_worksheet *ws = c->sens;
    char buf[256];
    lxw_row_t first;
    int cols = sw->metric ? 6 : 5;
    const char *h[6] = {XN_("Value"), XN_("NPV"), XN_("ROI (PV)"), XN_("Payback (months)"),
                        XN_("IRR"),
                        metric_name(c, sw->metric, "")};

    snprintf(buf, sizeof buf, XT(c, "Sweep of %s"), sw->param);
    mlroi_xlsx_text(c, ws, row++, 0, buf, c->f_bold);
    mlroi_xlsx_heads(c, ws, row++, h, cols);
    first = row;
    for (size_t i = 0; i < sw->count; i++, row++) {
        const mlroi_sweep_row *r = &sw->rows[i];
        mlroi_xlsx_num(c, ws, row, 0, r->value, c->fmt[XL_NUM][0]);
        mlroi_xlsx_num(c, ws, row, 1, r->npv, c->fmt[XL_MONEY][0]);
        mlroi_xlsx_num(c, ws, row, 2, r->roi_percent, c->f_pct_number);
        mlroi_xlsx_num(c, ws, row, 3, r->payback_months, c->fmt[XL_MONTHS][0]);
        mlroi_xlsx_num(c, ws, row, 4, r->irr, c->fmt[XL_PCT][0]);
        if (sw->metric)
            mlroi_xlsx_num(c, ws, row, 5, r->metric, metric_format(c, sw->metric));
    }
    if (sw->count >= 2 && sw->count <= 4000) {
        lxw_chart *chart = workbook_add_chart(c->wb, LXW_CHART_SCATTER_STRAIGHT);
        lxw_chart_series *ser;
        if (!chart) {
            mlroi_xlsx_fail(c, MLROI_ERR_NOMEM, "out of memory");
            return row;
        }
        ser = chart_add_series(chart, NULL, NULL);
        chart_series_set_categories(ser, XL_SENS, first, 0, row - 1, 0);
        chart_series_set_values(ser, XL_SENS, first, 1, row - 1, 1);
        chart_series_set_name(ser, XT(c, "NPV"));
        snprintf(buf, sizeof buf, XT(c, "NPV against %s"), sw->param);
        chart_title_set_name(chart, buf);
        chart_axis_set_num_format(chart->y_axis, c->money_num);
        chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
        mlroi_xlsx_check(c, worksheet_insert_chart(ws, first, 11, chart));
    }
    return row + 1;
}

static lxw_row_t grid_block(xl_ctx *c, lxw_row_t row)
{
    const mlroi_grid *g = c->in->grid;
    lxw_worksheet *ws = c->sens;
    lxw_format *mf = metric_format(c, g->metric);
    char buf[384];

    if (g->x.count + 1 > LXW_COL_MAX || g->y.count > 100000) {
        mlroi_xlsx_text(c, ws, row++, 0, XT(c, "Grid too large for a sheet: see the CSV output."),
                        c->f_note);
        return row + 1;
    }
    snprintf(buf, sizeof buf, XT(c, "Grid of %s: rows %s, columns %s"),
             metric_name(c, g->metric, XT(c, "the metric")), g->y.param, g->x.param);
    mlroi_xlsx_text(c, ws, row++, 0, buf, c->f_bold);
    snprintf(buf, sizeof buf, "%s \\ %s", g->y.param, g->x.param);
    mlroi_xlsx_text(c, ws, row, 0, buf, c->f_header);
    for (size_t j = 0; j < g->x.count; j++)
        mlroi_xlsx_num(c, ws, row, (lxw_col_t)(j + 1), g->x.values[j], c->f_header);
    row++;
    /* No colour scale: gnumeric does not read one and says so on loading. */
    for (size_t i = 0; i < g->y.count; i++, row++) {
        mlroi_xlsx_num(c, ws, row, 0, g->y.values[i], c->f_bold);
        for (size_t j = 0; j < g->x.count; j++)
            mlroi_xlsx_num(c, ws, row, (lxw_col_t)(j + 1), g->matrix[i * g->x.count + j], mf);
    }
    return row + 1;
}

void mlroi_xlsx_sensitivity(xl_ctx *c)
{
    lxw_worksheet *ws = c->sens;
    lxw_row_t row = 3;
    static const double w[] = {34, 30, 14, 14, 14, 16, 16, 16, 16, 16};

    mlroi_xlsx_sheet_setup(c, ws, XT(c, "Sensitivity"), NULL);
    /* Static numbers, said to be so, with a live line that flags them stale. */
    mlroi_xlsx_static_label(c, ws, 1, 0);
    mlroi_xlsx_widths(c, ws, w, 10);
    worksheet_freeze_panes(ws, 3, 0);
    if (c->in->tornado)
        row = tornado_block(c, row);
    if (c->in->sweep)
        row = sweep_block(c, row);
    if (c->in->grid)
        grid_block(c, row);
}

/* A share of samples: exactly 0 and 1 as they are, anything between never rounded to them. */
static lxw_format *chance_format(xl_ctx *c, double p)
{
    return (p == 0.0 || p == 1.0) ? c->fmt[XL_PCT][0] : c->fmt[XL_CHANCE][0];
}

/* An uncertain input as a reader says it: its label where the scenario format gives one,
 * else as line_label has it. */
static const char *input_label(const xl_ctx *c, const char *path, char *buf, size_t size)
{
    const mlroi_param *p = mlroi_param_find(path);
    return p && p->label ? XT(c, p->label) : line_label(c, path, buf, size);
}

/* What drives NPV and what knowing an input is worth, under the histogram and its chart
 * (ROW is the first free row). Static figures: simulation results, not formulas. */
static void risk_block(xl_ctx *c, lxw_row_t row)
{
    static const char *const sh[] = {XN_("Input"), XN_("Label"), XN_("Contribution to variance"),
                                     XN_("First-order index"), XN_("First-order 95 % low"),
                                     XN_("First-order 95 % high"), XN_("Total index"),
                                     XN_("Total 95 % low"), XN_("Total 95 % high")};
    static const char *const vh[] = {XN_("Input"), XN_("Label"), XN_("EVPPI")};
    lxw_worksheet *ws = c->mc;
    const mlroi_sensitivity *se = c->in->sensitivity;
    const mlroi_voi *v = c->in->voi;
    char buf[640], lb[256], n1[48], n2[48];

    if (se) {
        mlroi_xlsx_text(c, ws, row++, 0, XT(c, "What drives NPV: variance decomposition"),
                        c->f_bold);
        mlroi_lang_number(c->lang, mlroi_fmt_number(n1, sizeof n1, (double)se->base_samples, 0),
                          sizeof n1);
        mlroi_lang_number(c->lang, mlroi_fmt_number(n2, sizeof n2, (double)se->evaluations, 0),
                          sizeof n2);
        snprintf(buf, sizeof buf, XT(c, "Simulation results computed by mlroi (static numbers, not "
                                        "formulas): Sobol indices of %s from Saltelli's design "
                                        "with Jansen's estimators, %s base samples, %s "
                                        "evaluations, seed %llu, bootstrap 95 %% intervals; "
                                        "contribution to variance is the normalised squared rank "
                                        "correlation, as @RISK shows it."),
                 metric_name(c, se->metric, "NPV"), n1, n2, (unsigned long long)se->seed);
        mlroi_xlsx_text(c, ws, row++, 0, buf, c->f_note);
        if (se->correlations_ignored)
            mlroi_xlsx_text(c, ws, row++, 0, XT(c, "The Sobol indices take the inputs as "
                                                   "independent: the declared correlations are "
                                                   "left out of them."),
                            c->f_note);
        mlroi_xlsx_heads(c, ws, row++, sh, 9);
        for (size_t j = 0; j < se->input_count; j++, row++) {
            const mlroi_sensitivity_input *in = &se->inputs[j];
            lxw_format *f = c->fmt[XL_NUM][0];
            mlroi_xlsx_text(c, ws, row, 0, in->path, NULL);
            mlroi_xlsx_text(c, ws, row, 1, input_label(c, in->path, lb, sizeof lb), NULL);
            mlroi_xlsx_num(c, ws, row, 2, in->contribution_to_variance, c->fmt[XL_PCT][0]);
            mlroi_xlsx_num(c, ws, row, 3, in->sobol.first_order, f);
            mlroi_xlsx_num(c, ws, row, 4, in->sobol.first_order_ci[0], f);
            mlroi_xlsx_num(c, ws, row, 5, in->sobol.first_order_ci[1], f);
            mlroi_xlsx_num(c, ws, row, 6, in->sobol.total, f);
            mlroi_xlsx_num(c, ws, row, 7, in->sobol.total_ci[0], f);
            mlroi_xlsx_num(c, ws, row, 8, in->sobol.total_ci[1], f);
        }
        row++;
    }
    if (!v)
        return;
    mlroi_xlsx_text(c, ws, row++, 0, XT(c, "Value of information (invest when the expected NPV is "
                                           "positive)"), c->f_bold);
    snprintf(buf, sizeof buf, XT(c, "Simulation results computed by mlroi from the %s samples "
                                    "above (static numbers, not formulas): EVPI = E[max(NPV, 0)] - "
                                    "max(E[NPV], 0); each input's EVPPI from E[NPV | input] "
                                    "averaged in %zu bins of equal count."),
             mlroi_lang_number(c->lang,
                               mlroi_fmt_number(n1, sizeof n1, (double)c->in->mc->samples, 0),
                               sizeof n1), v->bins);
    mlroi_xlsx_text(c, ws, row++, 0, buf, c->f_note);
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Knowing every input exactly (EVPI)"), c->f_bold);
    mlroi_xlsx_num(c, ws, row++, 2, v->evpi, c->fmt[XL_MONEY][0]);
    mlroi_xlsx_heads(c, ws, row++, vh, 3);
    for (size_t j = 0; j < v->input_count; j++, row++) {
        mlroi_xlsx_text(c, ws, row, 0, v->paths[j], NULL);
        mlroi_xlsx_text(c, ws, row, 1, input_label(c, v->paths[j], lb, sizeof lb), NULL);
        mlroi_xlsx_num(c, ws, row, 2, v->evppi[j], c->fmt[XL_MONEY][0]);
    }
    row++;
    mlroi_xlsx_text(c, ws, row, 0, mlroi_voi_sentence(v, c->s->currency, buf, sizeof buf),
                    c->f_bold);
}

void mlroi_xlsx_montecarlo(xl_ctx *c)
{
    static const char *const sh[] = {XN_("Metric"), XN_("Samples with a value"),
                                     XN_("Undefined share"), XN_("Mean"), XN_("SD"), XN_("Min"),
                                     XN_("P5"), XN_("P10"), XN_("P25"), XN_("P50"), XN_("P75"),
                                     XN_("P90"), XN_("P95"), XN_("Max")};
    static const char *const hh[] = {XN_("NPV from"), XN_("NPV to"), XN_("Samples"), XN_("Share")};
    static const double w[] = {34, 18, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16};
    lxw_worksheet *ws = c->mc;
    const mlroi_mc_result *mc = c->in->mc;
    lxw_row_t row = 3, h0;
    char buf[256], a[24], b[24];

    mlroi_xlsx_sheet_setup(c, ws, XT(c, "Monte Carlo"), NULL);
    /* Static numbers, said to be so, with a live line that flags them stale. */
    mlroi_xlsx_static_label(c, ws, 1, 0);
    mlroi_xlsx_widths(c, ws, w, 14);
    worksheet_freeze_panes(ws, 3, 0);

    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Samples"), NULL);
    mlroi_xlsx_num(c, ws, row++, 1, (double)mc->samples, c->fmt[XL_COUNT][0]);
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Seed"), NULL);
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)mc->seed);
    mlroi_xlsx_text(c, ws, row++, 1, buf, NULL);
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Method"), NULL);
    mlroi_xlsx_text(c, ws, row++, 1, mc->method_name && strcmp(mc->method_name, "lhs") == 0
                                         ? XT(c, "Latin hypercube")
                                         : XT(c, "plain Monte Carlo"), NULL);
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Uncertain inputs"), NULL);
    for (size_t i = 0; i < mc->input_count; i++)
        mlroi_xlsx_text(c, ws, row++, 1, mc->input_paths[i], NULL);
    if (!mc->input_count)
        row++;
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "NPV of the scenario as written"), NULL);
    mlroi_xlsx_num(c, ws, row++, 1, mc->base_npv, c->fmt[XL_MONEY][0]);
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Probability that NPV > 0"), c->f_bold);
    mlroi_xlsx_num(c, ws, row++, 1, mc->p_npv_positive, chance_format(c, mc->p_npv_positive));
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Probability of payback within the horizon"), c->f_bold);
    mlroi_xlsx_num(c, ws, row++, 1, mc->p_payback_within_horizon,
                   chance_format(c, mc->p_payback_within_horizon));
    row++;

    mlroi_xlsx_heads(c, ws, row++, sh, 14);
    for (int m = 0; m < MLROI_MC_METRICS; m++, row++) {
        const mlroi_mc_stats *st = &mc->metrics[m];
        lxw_format *mf = metric_format(c, st->metric);
        mlroi_xlsx_text(c, ws, row, 0, metric_name(c, st->metric, ""), NULL);
        mlroi_xlsx_num(c, ws, row, 1, (double)st->defined, c->fmt[XL_COUNT][0]);
        mlroi_xlsx_num(c, ws, row, 2, st->undefined_share, c->fmt[XL_PCT][0]);
        mlroi_xlsx_num(c, ws, row, 3, st->mean, mf);
        mlroi_xlsx_num(c, ws, row, 4, st->sd, mf);
        mlroi_xlsx_num(c, ws, row, 5, st->min, mf);
        for (int p = 0; p < MLROI_MC_PCT_COUNT; p++)
            mlroi_xlsx_num(c, ws, row, (lxw_col_t)(6 + p), st->pct[p], mf);
        mlroi_xlsx_num(c, ws, row, 13, st->max, mf);
    }
    row++;

    mlroi_xlsx_text(c, ws, row++, 0, XT(c, "Histogram of NPV"), c->f_bold);
    mlroi_xlsx_heads(c, ws, row++, hh, 4);
    h0 = row;
    for (size_t k = 0; k < mc->bins && mc->edges && mc->counts; k++, row++) {
        mlroi_xlsx_num(c, ws, row, 0, mc->edges[k], c->fmt[XL_MONEY][0]);
        mlroi_xlsx_num(c, ws, row, 1, mc->edges[k + 1], c->fmt[XL_MONEY][0]);
        mlroi_xlsx_num(c, ws, row, 2, (double)mc->counts[k], c->fmt[XL_COUNT][0]);
        mlroi_xlsx_formula(c, ws, row, 3, c->fmt[XL_PCT][0],
                           mc->samples ? (double)mc->counts[k] / (double)mc->samples : NAN,
                           "=IF(%s=0,\"n/a\",%s/%s)", mlroi_xlsx_local(b, sizeof b, 3, 1),
                           mlroi_xlsx_local(a, sizeof a, row, 2), b);
    }
    if (row > h0) {
        lxw_chart *chart = workbook_add_chart(c->wb, LXW_CHART_COLUMN);
        lxw_chart_series *ser;
        if (!chart) {
            mlroi_xlsx_fail(c, MLROI_ERR_NOMEM, "out of memory");
            return;
        }
        ser = chart_add_series(chart, NULL, NULL);
        chart_series_set_categories(ser, XL_MC, h0, 0, row - 1, 0);
        chart_series_set_values(ser, XL_MC, h0, 2, row - 1, 2);
        chart_series_set_name(ser, XT(c, "Samples"));
        chart_set_series_gap(chart, 5);
        chart_title_set_name(chart, XT(c, "NPV across the samples"));
        chart_axis_set_name(chart->x_axis, XT(c, "NPV, lower edge of the bin"));
        chart_axis_set_num_format(chart->x_axis, c->money_num);
        chart_axis_set_name(chart->y_axis, XT(c, "Samples"));
        chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
        mlroi_xlsx_check(c, worksheet_insert_chart(ws, h0, 5, chart));
    }
    /* Below the chart too: it stands 15 rows tall (288 pixels of 20). */
    if (row < h0 + 16)
        row = h0 + 16;
    risk_block(c, row + 1);
}
