/* SPDX-License-Identifier: MIT */
/* The workbook's shared cell writers (xlsx_cells.c): the context every sheet writer fills, and
 * the formats, cells, references and names they write with. Private to the workbook writer. */
#ifndef MLROI_XLSX_CELLS_H
#define MLROI_XLSX_CELLS_H

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>
#include "mlroi/engine.h"
#include "mlroi/lang.h"
#include "mlroi/report.h"

/* How a cell's number reads: one format per kind, in an input and a computed flavour. */
typedef enum xl_kind {
    XL_MONEY = 0,   /* whole currency units */
    XL_CENTS,       /* currency with cents (rates) */
    XL_PCT,         /* a fraction shown as a percentage */
    XL_NUM,         /* a plain number */
    XL_COUNT,       /* a whole number */
    XL_FACTOR,      /* a discount factor: many decimals */
    XL_MONTHS,      /* months with one decimal */
    XL_TEXT,
    XL_CHANCE,      /* a probability that never shows as a certainty it is not */
    XL_KIND_COUNT
} xl_kind;

/* Where a figure lives, for references from other sheets. */
typedef struct xl_cell {
    bool set;
    const char *sheet;
    lxw_row_t row;
    lxw_col_t col;
} xl_cell;

/* Timelines (Business case, lines, TCO) run across the columns: year t of 0..MLROI_MAX_YEARS
 * in column XL_YEAR0_COL + t, whatever the horizon; a flag row says which years count. */
#define XL_YEAR0_COL 2

/* Every defined name carries this prefix, so that the sheets can be pasted into another
 * model without their names colliding with its own (name, region, format...). */
#define XL_NAME_PREFIX "mlroi_"

/* Scalar inputs, outputs, and one name per chargeback unit (up to 1000 of them). */
#define XL_MAX_NAMES 1536
#define XL_NAME_LEN 64

typedef struct xl_name {
    char name[XL_NAME_LEN];
    char param_path[128];    /* input parameter it names, "" for outputs */
} xl_name;

/* Where one business-case line's inputs sit on the Inputs sheet (0: it has none of that). */
typedef struct xl_line_rows {
    lxw_row_t amount, scale, start, end, esc, risk;
    lxw_row_t ramp0, val0;       /* its own ramp, its values as given: a column of rows */
    size_t ramp_n, val_n;
} xl_line_rows;

typedef struct xl_ctx {
    lxw_workbook *wb;
    const mlroi_report_input *in;
    const mlroi_result *r;
    const mlroi_scenario *s;
    mlroi_diags *diags;
    mlroi_lang *lang;            /* the labels' language (owned; English: no translation) */
    lxw_error lxerr;             /* first libxlsxwriter error */
    mlroi_error err;             /* first own error (a bad layout, too long a formula) */
    char err_text[256];

    char money_num[64], cents_num[64], pct_num[32];
    lxw_format *fmt[XL_KIND_COUNT][2];   /* [kind][0 computed, 1 input] */
    lxw_format *f_title, *f_subtitle, *f_header, *f_label, *f_bold, *f_note, *f_section;
    lxw_format *f_money_total;
    lxw_format *f_wrap;          /* wrapped text, top-aligned */
    lxw_format *f_pct_number;    /* a figure already in percent: 350 reads "350.0 %" */

    lxw_worksheet *summary, *inputs, *quick, *bcase, *maturity, *team, *tco, *sens, *mc, *data;
    lxw_worksheet *chargeback;
    lxw_worksheet *lines;        /* Business case lines (a scenario with business_case.lines) */
    lxw_worksheet *assume;       /* Assumptions: every fixed figure a formula uses, named */
    lxw_worksheet *checks;       /* Checks: the model's integrity and its master check */
    lxw_row_t assume_row;        /* next free row of the Assumptions sheet */
    lxw_format *f_year;          /* a timeline's period heading: Initial, Year 1, ... */
    lxw_row_t bc_cum_row, bc_cumpv_row;   /* the Business case's cumulative rows */
    lxw_row_t cb_years_row;      /* the Chargeback's total charges year by year */
    lxw_row_t answers_row;       /* the 16 maturity answers on Inputs, in checklist order */
    lxw_row_t inputs_first, inputs_last;   /* the Inputs sheet's rows of inputs */
    xl_line_rows *line_rows;     /* one per business-case line (owned; freed with the ctx) */

    xl_name *names; size_t name_count;

    /* Input rows of array inputs on the Inputs sheet (first row, count). */
    lxw_row_t ramp_row; size_t ramp_rows;
    lxw_row_t other_row;         /* two rows per other benefit: annual, risk */
    lxw_row_t workload_row;      /* three rows per workload: rate, instances, hours */
    lxw_row_t license_row;       /* one row per licence: yearly (or monthly) */
    lxw_row_t one_time_row;      /* one row per one-time item */
    lxw_row_t other_first;       /* first row of the other benefits on the Business case */
    lxw_row_t cb_units_row;      /* one row per chargeback unit: models */
    lxw_row_t tco_end_row;       /* first free row under the TCO sheet's tables */

    /* Figures other sheets point at. */
    xl_cell qe_total_benefits, qe_net_benefit, qe_roi;
    xl_cell qe_deployment, qe_incident, qe_investment;
    xl_cell team_annual_cost, team_headcount;
    xl_cell tco_years_total;     /* first row (t = 0) of the TCO's yearly totals */
    xl_cell tco_recurring, tco_monthly_cloud, tco_one_time, tco_people;
    xl_cell bc_first_year;       /* t = 0 row of the adjusted table, column of the year */
    xl_cell bc_costs, bc_u_costs;   /* t = 0 rows of the tables, column of the costs */
    xl_cell bc_npv, bc_roi, bc_irr, bc_mirr, bc_payback, bc_dpayback, bc_u_npv, bc_u_roi;
    /* The lines sheet: rows of the yearly sums of the lines (benefits, then costs), and the
     * columns of year 0 before and after risk; a year t is t columns to the right. */
    lxw_row_t lines_sum_row;
    lxw_col_t lines_raw_col, lines_adj_col;
    xl_cell mat_score, mat_level_label, mat_gated;
    xl_cell cb_pool;
} xl_ctx;

/* The label EN in the workbook's language: the language file's translation, else EN itself.
 * Only what a reader sees is translated (titles, labels, headings, notes); sheet names,
 * defined names and the texts inside formulas stay as they are, so every formula is the same
 * in every language. tests/lang_check.py collects each XT(c, "...") and XN_("...") of the
 * workbook's sources and fails when a language file lacks one. */
const char *mlroi_xlsx_tr(const xl_ctx *c, const char *en) __attribute__((format_arg(2)));
#define XT(c, en) mlroi_xlsx_tr((c), (en))
/* A label of a static table, translated where it is written (mlroi_xlsx_heads does). */
#define XN_(text) text

/* Record a libxlsxwriter result; the first failure is kept. */
void mlroi_xlsx_check(xl_ctx *c, lxw_error e);
/* Record an own failure with a message; the first one is kept. */
void mlroi_xlsx_fail(xl_ctx *c, mlroi_error e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Cell writers. A formula's cached result is the engine's figure; NAN caches "n/a". */
void mlroi_xlsx_num(xl_ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v,
                    lxw_format *f);
void mlroi_xlsx_text(xl_ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                     const char *text, lxw_format *f);
void mlroi_xlsx_formula(xl_ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                        lxw_format *f, double cached, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
void mlroi_xlsx_formula_text(xl_ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                             lxw_format *f, const char *cached, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* A labelled figure on one row: LABEL in column 0 (format LABEL_F, NULL for plain), the
 * formula in column COL (format F, cached as mlroi_xlsx_formula does), then UNIT (plain) and
 * NOTE (in the note format) in the columns after it; a NULL UNIT or NOTE takes no column. */
void mlroi_xlsx_figure(xl_ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       const char *label, lxw_format *label_f, const char *unit,
                       const char *note, lxw_format *f, double cached, const char *fmt, ...)
    __attribute__((format(printf, 11, 12)));
/* Widths of columns 0..N-1. */
void mlroi_xlsx_widths(xl_ctx *c, lxw_worksheet *ws, const double *w, int n);
/* N column headings from column 0, in the header format, translated (mark them XN_). */
void mlroi_xlsx_heads(xl_ctx *c, lxw_worksheet *ws, lxw_row_t row, const char *const *h,
                      int n);
/* A band over columns 0..LAST in format F: TITLE in the first, empty cells after it. */
void mlroi_xlsx_band(xl_ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t last,
                     const char *title, lxw_format *f);

/* "'Sheet name'!$C$5" (absolute) into buf; returns buf. */
char *mlroi_xlsx_ref(char *buf, size_t size, const char *sheet, lxw_row_t row, lxw_col_t col);
/* Same for a cell recorded in the context. */
char *mlroi_xlsx_cref(char *buf, size_t size, const xl_cell *cell);
/* "'Sheet'!$C$5:$C$9". */
char *mlroi_xlsx_range(char *buf, size_t size, const char *sheet, lxw_row_t r0, lxw_col_t c0,
                       lxw_row_t r1, lxw_col_t c1);
/* Record in CELL where a figure lives, for references from other sheets. */
void mlroi_xlsx_at(xl_cell *cell, const char *sheet, lxw_row_t row, lxw_col_t col);
/* "C$5": the column relative, so that one formula copies along a timeline row. */
char *mlroi_xlsx_colrel(char *buf, size_t size, lxw_row_t row, lxw_col_t col);
/* "$C$5" without the sheet. */
char *mlroi_xlsx_local(char *buf, size_t size, lxw_row_t row, lxw_col_t col);

/* Define the workbook name XL_NAME_PREFIX NAME for a cell or range; duplicates are an error. */
void mlroi_xlsx_define(xl_ctx *c, const char *name, const char *param_path, const char *sheet,
                       lxw_row_t r0, lxw_col_t c0, lxw_row_t r1, lxw_col_t c1);
/* The defined name of an input parameter ("roi.team_size" -> "mlroi_team_size"); records an error
 * and returns a harmless placeholder when the parameter has no row on the Inputs sheet. */
const char *mlroi_xlsx_input(xl_ctx *c, const char *param_path);

/* The formats of every kind of cell, in the context. */
void mlroi_xlsx_formats(xl_ctx *c);

/* The Assumptions sheet: its headings (once, before any sheet asks for an assumption). */
void mlroi_xlsx_assumptions_setup(xl_ctx *c);
/* A fixed figure formulas use instead of a constant: a row of the Assumptions sheet named
 * XL_NAME_PREFIX NAME, with its label, value V (in an input style when EDITABLE), unit and
 * source. Returns the defined name to write into formulas; asking again for NAME returns the
 * same name (the first row's figures stand). */
const char *mlroi_xlsx_assume(xl_ctx *c, const char *name, const char *label, double v,
                              xl_kind kind, bool editable, const char *unit, const char *source);

/* Common sheet furniture: title, landscape, fit to width, protection. */
void mlroi_xlsx_sheet_setup(xl_ctx *c, lxw_worksheet *ws, const char *title, const char *note);
void mlroi_xlsx_protect(xl_ctx *c, lxw_worksheet *ws, bool allow_filter);

/* The discount factor of the year in cell T (a reference) as a formula without '=', following
 * the discount rate and the discounting input (end or mid-year). */
void mlroi_xlsx_df_formula(xl_ctx *c, char *buf, size_t size, const char *t);

/* Sheet names, as formulas quote them. */
#define XL_SUMMARY "Summary"
#define XL_INPUTS "Inputs"
#define XL_QUICK "Quick estimate"
#define XL_BCASE "Business case"
#define XL_LINES "Business case lines"
#define XL_MATURITY "Maturity"
#define XL_TEAM "Team"
#define XL_TCO "TCO"
#define XL_SENS "Sensitivity"
#define XL_MC "Monte Carlo"
#define XL_CHARGEBACK "Chargeback"
#define XL_DATA "Data"
#define XL_ASSUME "Assumptions"
#define XL_CHECKS "Checks"

#endif
