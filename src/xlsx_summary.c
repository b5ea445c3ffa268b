/* SPDX-License-Identifier: MIT */
/* The workbook's Summary (headline figures, chart, checks) and Data (every output, long form)
 * sheets. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "mlroi/tidy.h"
#include "xlsx_internal.h"

/* ---------------------------------------------------------------------------------------
 * Summary sheet
 * --------------------------------------------------------------------------------------- */

static void kpi(xl_ctx *c, lxw_row_t *row, const char *label, const xl_cell *cell, xl_kind kind,
                double cached, const char *note)
{
    char ref[96];

    if (!cell->set)
        return;
    mlroi_xlsx_text(c, c->summary, *row, 0, label, NULL);
    mlroi_xlsx_formula(c, c->summary, *row, 1, c->fmt[kind][0], cached, "=%s",
                       mlroi_xlsx_cref(ref, sizeof ref, cell));
    mlroi_xlsx_text(c, c->summary, *row, 2, note, c->f_note);
    (*row)++;
}

void mlroi_xlsx_summary(xl_ctx *c)
{
    lxw_worksheet *ws = c->summary;
    const mlroi_result *r = c->r;
    const mlroi_scenario *s = c->s;
    lxw_row_t row = 3;
    char buf[256];

    mlroi_xlsx_sheet_setup(c, ws, s->name && *s->name ? s->name : XT(c, "MLOps business case"),
                           XT(c, "A live model: every figure below is a formula over the Inputs "
                                 "sheet."));
    mlroi_xlsx_check(c, worksheet_set_column(ws, 0, 0, 60, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(ws, 1, 1, 20, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(ws, 2, 2, 46, NULL));

    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Scenario"), c->f_header);
    mlroi_xlsx_text(c, ws, row, 1, "", c->f_header);
    mlroi_xlsx_text(c, ws, row, 2, "", c->f_header);
    row++;
    /* The description can run to a paragraph: it gets its own wrapped row under the label
     * so that it neither widens the page nor hides behind the next column. */
    mlroi_xlsx_text(c, ws, row++, 0, XT(c, "Description"), NULL);
    if (s->description && *s->description) {
        size_t len = strlen(s->description);
        mlroi_xlsx_text(c, ws, row, 0, s->description, c->f_wrap);
        /* About 50 characters fit on a line of the 60-wide column, whatever the font. */
        mlroi_xlsx_check(c, worksheet_set_row(ws, row, 15.0 * (double)(len / 50 + 1), NULL));
        row++;
    }
    if (s->org_name) {
        mlroi_xlsx_text(c, ws, row, 0, XT(c, "Organisation"), NULL);
        mlroi_xlsx_text(c, ws, row++, 1, s->org_name, NULL);
    }
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Currency"), NULL);
    mlroi_xlsx_text(c, ws, row++, 1, s->currency, NULL);
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Report date"), NULL);
    mlroi_xlsx_text(c, ws, row++, 1, c->in->date, NULL);
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Written by"), NULL);
    snprintf(buf, sizeof buf, "mlroi %s", c->in->tool_version ? c->in->tool_version
                                                               : MLROI_VERSION);
    mlroi_xlsx_text(c, ws, row++, 1, buf, NULL);
    if (c->in->scenario_sha256_hex) {
        mlroi_xlsx_text(c, ws, row, 0, XT(c, "Scenario file SHA-256"), NULL);
        mlroi_xlsx_text(c, ws, row++, 1, c->in->scenario_sha256_hex, NULL);
    }
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Benchmarks"), NULL);
    mlroi_xlsx_text(c, ws, row++, 1, XT(c, "MLOps for Decision Makers, 2025"), NULL);

    row++;
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Headline figures"), c->f_header);
    mlroi_xlsx_text(c, ws, row, 1, XT(c, "Value"), c->f_header);
    mlroi_xlsx_text(c, ws, row, 2, XT(c, "Where it comes from"), c->f_header);
    row++;
    if (r->bcase.present) {
        const mlroi_bcase_figures *a = &r->bcase.adjusted, *u = &r->bcase.unadjusted;
        kpi(c, &row, XT(c, "NPV, risk-adjusted"), &c->bc_npv, XL_MONEY, a->npv, "Business case");
        kpi(c, &row, XT(c, "ROI on present values, risk-adjusted"), &c->bc_roi, XL_PCT,
            a->roi_percent / 100.0, "Business case");
        kpi(c, &row, XT(c, "IRR"), &c->bc_irr, XL_PCT, a->irr, "Business case");
        kpi(c, &row, XT(c, "MIRR"), &c->bc_mirr, XL_PCT, a->mirr,
            XT(c, "Business case: finance and reinvestment rates on the Inputs sheet"));
        kpi(c, &row, XT(c, "Payback (months)"), &c->bc_payback, XL_MONTHS, a->payback_months,
            XT(c, "Business case: cumulative net crosses zero for good"));
        kpi(c, &row, XT(c, "Discounted payback (months)"), &c->bc_dpayback, XL_MONTHS,
            a->discounted_payback_months, "Business case");
        kpi(c, &row, XT(c, "NPV, unadjusted"), &c->bc_u_npv, XL_MONEY, u->npv, "Business case");
        kpi(c, &row, XT(c, "ROI, unadjusted"), &c->bc_u_roi, XL_PCT, u->roi_percent / 100.0,
            "Business case");
    }
    if (r->roi.present) {
        kpi(c, &row, XT(c, "12-month net benefit (quick estimate)"), &c->qe_net_benefit, XL_MONEY,
            r->roi.net_benefit, "Quick estimate");
        kpi(c, &row, XT(c, "12-month ROI (quick estimate)"), &c->qe_roi, XL_PCT,
            r->roi.roi_percent / 100.0, "Quick estimate");
    }
    if (r->maturity.present) {
        kpi(c, &row, XT(c, "Maturity score (of 16)"), &c->mat_score, XL_COUNT, r->maturity.score,
            "Maturity");
        if (c->mat_level_label.set) {
            char ref[96];
            mlroi_xlsx_text(c, ws, row, 0, XT(c, "Maturity level"), NULL);
            mlroi_xlsx_formula_text(c, ws, row, 1, NULL, r->maturity.level_label, "=%s",
                                    mlroi_xlsx_cref(ref, sizeof ref, &c->mat_level_label));
            mlroi_xlsx_text(c, ws, row++, 2, XT(c, "Maturity: from the score"), c->f_note);
        }
        kpi(c, &row, XT(c, "Gated level (every answer of the level is yes)"), &c->mat_gated,
            XL_COUNT,
            r->maturity.gated_level, "Maturity");
    }
    if (r->team.present) {
        kpi(c, &row, XT(c, "Recommended MLOps team (people)"), &c->team_headcount, XL_COUNT,
            r->team.headcount, "Team");
        kpi(c, &row, XT(c, "Team cost per year"), &c->team_annual_cost, XL_MONEY,
            r->team.annual_cost,
            "Team");
    }
    if (r->tco.present) {
        kpi(c, &row, XT(c, "Recurring cost per year (TCO)"), &c->tco_recurring, XL_MONEY,
            r->tco.recurring_total, "TCO");
        kpi(c, &row, XT(c, "Monthly cloud cost"), &c->tco_monthly_cloud, XL_MONEY,
            r->tco.monthly_cloud,
            "TCO");
        kpi(c, &row, XT(c, "One-time costs"), &c->tco_one_time, XL_MONEY, r->tco.one_time_total,
            "TCO");
    }
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Model checks: every check of the Checks sheet holds"),
                    c->f_bold);
    mlroi_xlsx_formula_text(c, ws, row, 1, c->f_bold, "TRUE", "=%smaster_check",
                            XL_NAME_PREFIX);
    mlroi_xlsx_text(c, ws, row++, 2, XT(c, "Checks: totals against their parts"), c->f_note);
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Static sheets current (inputs as at generation)"), NULL);
    mlroi_xlsx_formula_text(c, ws, row, 1, NULL, "TRUE", "=%sstatic_current", XL_NAME_PREFIX);
    mlroi_xlsx_text(c, ws, row++, 2, XT(c, "Checks: FALSE once an input changes"), c->f_note);
    if (r->chargeback.present)
        kpi(c, &row, XT(c, "Chargeback pool per year"), &c->cb_pool, XL_MONEY, r->chargeback.pool,
            XT(c, "Chargeback: shared among the business units"));
    {
        /* The chart covers about rows 4 to 18 from column E: tables go under it. */
        lxw_row_t next = row + 1;
        if (r->bcase.present && c->bc_first_year.set && next < 20)
            next = 20;
        if (r->checks.count)
            next = mlroi_xlsx_checks(c, next) + 1;
        if (!c->tco && r->vendor.present && r->vendor.recommended)
            mlroi_xlsx_vendor(c, ws, XL_SUMMARY, next, r->checks.count ? 95 : 64);
    }

    if (r->bcase.present && c->bc_first_year.set) {
        lxw_chart *chart = workbook_add_chart(c->wb, LXW_CHART_LINE);
        lxw_row_t yr = c->bc_first_year.row;
        lxw_col_t c0 = c->bc_first_year.col;
        lxw_col_t c1 = c0 + (lxw_col_t)r->bcase.adjusted.horizon;
        lxw_chart_series *ser;
        if (!chart) {
            mlroi_xlsx_fail(c, MLROI_ERR_NOMEM, "out of memory");
            return;
        }
        /* The years of the horizon at generation (the timeline runs on to year 50). */
        chart_title_set_name(chart, XT(c, "Cumulative cash flow, risk-adjusted"));
        ser = chart_add_series(chart, NULL, NULL);
        chart_series_set_categories(ser, XL_BCASE, yr, c0, yr, c1);
        chart_series_set_values(ser, XL_BCASE, c->bc_cum_row, c0, c->bc_cum_row, c1);
        chart_series_set_name(ser, XT(c, "Cumulative net cash flow"));
        chart_series_set_marker_type(ser, LXW_CHART_MARKER_CIRCLE);
        ser = chart_add_series(chart, NULL, NULL);
        chart_series_set_categories(ser, XL_BCASE, yr, c0, yr, c1);
        chart_series_set_values(ser, XL_BCASE, c->bc_cumpv_row, c0, c->bc_cumpv_row, c1);
        chart_series_set_name(ser, XT(c, "Cumulative present value"));
        chart_series_set_marker_type(ser, LXW_CHART_MARKER_SQUARE);
        chart_axis_set_name(chart->x_axis, XT(c, "Year"));
        chart_axis_set_num_format(chart->y_axis, c->money_num);
        chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
        mlroi_xlsx_check(c, worksheet_insert_chart(ws, 3, 4, chart));
    }
}

/* ---------------------------------------------------------------------------------------
 * Data sheet: every output as a tidy row
 * --------------------------------------------------------------------------------------- */

typedef struct data_ctx {
    xl_ctx *c;
    lxw_row_t row;
} data_ctx;

/* A figure as finance imports it: money to the cent, anything else to ten significant
 * digits, so that 55000.000000000007 reads 55000 (the JSON keeps full precision). */
static double data_value(const xl_ctx *c, double v, const char *unit)
{
    char buf[32];

    if (unit && strcmp(unit, c->s->currency) == 0)
        return round(v * 100.0) / 100.0 + 0.0;
    snprintf(buf, sizeof buf, "%.10g", v);
    return strtod(buf, NULL) + 0.0;
}

static void data_row(void *ctx, const char *section, const char *metric, int year, double value,
                     const char *unit)
{
    data_ctx *d = ctx;
    xl_ctx *c = d->c;
    lxw_worksheet *ws = c->data;

    if (d->row >= LXW_ROW_MAX - 1) {
        mlroi_xlsx_fail(c, MLROI_ERR_LIMIT, "too many rows for the Data sheet");
        return;
    }
    mlroi_xlsx_text(c, ws, d->row, 0, section, NULL);
    mlroi_xlsx_text(c, ws, d->row, 1, metric, NULL);
    if (year >= 0)
        mlroi_xlsx_num(c, ws, d->row, 2, year, NULL);
    if (isfinite(value))
        mlroi_xlsx_num(c, ws, d->row, 3, data_value(c, value, unit), NULL);
    mlroi_xlsx_text(c, ws, d->row, 4, unit, NULL);
    d->row++;
}

void mlroi_xlsx_data(xl_ctx *c)
{
    /* libxlsxwriter's table options take char *: writable storage. */
    static char h_section[] = "section", h_item[] = "item", h_year[] = "year",
                h_value[] = "value", h_unit[] = "unit";
    static char table_name[] = XL_NAME_PREFIX "data";
    static const double w[] = {18, 40, 8, 20, 18};
    lxw_table_column cols[5], *colp[6];
    lxw_table_options opt;
    data_ctx d = {c, 1};

    mlroi_result_each_row(c->r, data_row, &d);
    if (d.row == 1)   /* a table needs a row under its headings */
        d.row = 2;
    memset(cols, 0, sizeof cols);
    cols[0].header = h_section;
    cols[1].header = h_item;
    cols[2].header = h_year;
    cols[3].header = h_value;
    cols[4].header = h_unit;
    for (int i = 0; i < 5; i++)
        colp[i] = &cols[i];
    colp[5] = NULL;
    memset(&opt, 0, sizeof opt);
    /* An Excel table in long form: one figure a row, which Power Query and pivot tables take
     * as it is. */
    opt.name = table_name;
    opt.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    opt.style_type_number = 9;
    opt.columns = colp;
    mlroi_xlsx_check(c, worksheet_add_table(c->data, 0, 0, d.row - 1, 4, &opt));
    worksheet_freeze_panes(c->data, 1, 0);
    mlroi_xlsx_widths(c, c->data, w, 5);
    worksheet_set_landscape(c->data);
    worksheet_fit_to_pages(c->data, 1, 0);
    worksheet_set_paper(c->data, 9);
    worksheet_repeat_rows(c->data, 0, 0);
    mlroi_xlsx_protect(c, c->data, true);
}

