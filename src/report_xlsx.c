/* SPDX-License-Identifier: MIT */
/* The Excel workbook: set-up, shared cell writers, the Inputs, Summary and Data sheets. */
#include "mlroi/report_xlsx.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "mlroi/format.h"
#include "mlroi/tidy.h"
#include "xlsx_internal.h"

/* Colours of the usual financial-model convention: inputs blue on a light fill. */
#define XL_INPUT_FONT 0x0000FF
#define XL_INPUT_FILL 0xFFF2CC
#define XL_HEADER_FILL 0xD9E1F2
#define XL_SECTION_FILL 0xEDEDED

/* libxlsxwriter's option structs take char *: these give it writable storage. */
static char msg_range_title[] = "Outside the allowed range";
static char msg_choose[] = "Choose one of the listed values.";
static char msg_whole[] = "Enter a whole number in the allowed range.";
static char msg_number[] = "Enter a number in the allowed range.";
static char msg_above[] = "Enter a number above the allowed minimum.";
static char msg_below[] = "Enter a number below the allowed maximum.";
static char msg_atleast[] = "Enter a number of at least the minimum.";
static char doc_subject[] = "MLOps investment: business case model";
static char doc_author[] = "mlroi";
static char doc_comments[] = "Benchmarks: MLOps for Decision Makers, 2025";

/* ---------------------------------------------------------------------------------------
 * Shared plumbing
 * --------------------------------------------------------------------------------------- */

void mlroi_xlsx_check(xl_ctx *c, lxw_error e)
{
    if (e != LXW_NO_ERROR && c->lxerr == LXW_NO_ERROR)
        c->lxerr = e;
}

void mlroi_xlsx_fail(xl_ctx *c, mlroi_error e, const char *fmt, ...)
{
    va_list ap;

    if (c->err != MLROI_OK)
        return;
    c->err = e;
    va_start(ap, fmt);
    vsnprintf(c->err_text, sizeof c->err_text, fmt, ap);
    va_end(ap);
}

void mlroi_xlsx_num(xl_ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v,
                    lxw_format *f)
{
    /* A figure the engine leaves undefined reads n/a, never NaN (which no spreadsheet has). */
    if (!isfinite(v))
        mlroi_xlsx_check(c, worksheet_write_string(ws, row, col, "n/a", f));
    else
        mlroi_xlsx_check(c, worksheet_write_number(ws, row, col, v, f));
}

/* A cell holds at most 32,767 characters; longer text is cut at a character boundary
 * rather than failing the whole workbook. */
#define XL_CELL_TEXT_MAX 32000

void mlroi_xlsx_text(xl_ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                     const char *text, lxw_format *f)
{
    if (!text || !*text) {
        mlroi_xlsx_check(c, worksheet_write_blank(ws, row, col, f));
    } else if (strlen(text) > XL_CELL_TEXT_MAX) {
        size_t n = XL_CELL_TEXT_MAX;
        char *cut = malloc(n + 1);
        if (!cut) {
            mlroi_xlsx_fail(c, MLROI_ERR_NOMEM, "out of memory");
            return;
        }
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
        memcpy(cut, text, n);
        cut[n] = '\0';
        mlroi_xlsx_check(c, worksheet_write_string(ws, row, col, cut, f));
        free(cut);
    } else {
        mlroi_xlsx_check(c, worksheet_write_string(ws, row, col, text, f));
    }
}

static bool vformula(xl_ctx *c, char *buf, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

static bool vformula(xl_ctx *c, char *buf, size_t size, const char *fmt, va_list ap)
{
    int n = vsnprintf(buf, size, fmt, ap);

    if (n < 0 || (size_t)n >= size) {
        mlroi_xlsx_fail(c, MLROI_ERR_LIMIT, "a formula is longer than %zu characters", size);
        return false;
    }
    return true;
}

static void write_formula(xl_ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                          lxw_format *f, double cached, const char *fmt, va_list ap)
    __attribute__((format(printf, 7, 0)));

static void write_formula(xl_ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                          lxw_format *f, double cached, const char *fmt, va_list ap)
{
    char buf[4096];

    if (!vformula(c, buf, sizeof buf, fmt, ap))
        return;
    if (isfinite(cached))
        mlroi_xlsx_check(c, worksheet_write_formula_num(ws, row, col, buf, f, cached));
    else
        mlroi_xlsx_check(c, worksheet_write_formula_str(ws, row, col, buf, f, "n/a"));
}

void mlroi_xlsx_formula(xl_ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                        lxw_format *f, double cached, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    write_formula(c, ws, row, col, f, cached, fmt, ap);
    va_end(ap);
}

void mlroi_xlsx_formula_text(xl_ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                             lxw_format *f, const char *cached, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    bool ok;

    va_start(ap, fmt);
    ok = vformula(c, buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (ok)
        mlroi_xlsx_check(c, worksheet_write_formula_str(ws, row, col, buf, f,
                                                        cached ? cached : ""));
}

void mlroi_xlsx_figure(xl_ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       const char *label, lxw_format *label_f, const char *unit,
                       const char *note, lxw_format *f, double cached, const char *fmt, ...)
{
    va_list ap;

    /* Cells in this order: the workbook's shared strings are numbered as they first appear. */
    mlroi_xlsx_text(c, ws, row, 0, label, label_f);
    va_start(ap, fmt);
    write_formula(c, ws, row, col, f, cached, fmt, ap);
    va_end(ap);
    if (unit)
        mlroi_xlsx_text(c, ws, row, ++col, unit, NULL);
    if (note)
        mlroi_xlsx_text(c, ws, row, ++col, note, c->f_note);
}

void mlroi_xlsx_widths(xl_ctx *c, lxw_worksheet *ws, const double *w, int n)
{
    for (int i = 0; i < n; i++)
        mlroi_xlsx_check(c, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, w[i], NULL));
}

void mlroi_xlsx_heads(xl_ctx *c, lxw_worksheet *ws, lxw_row_t row, const char *const *h, int n)
{
    for (int i = 0; i < n; i++)
        mlroi_xlsx_text(c, ws, row, (lxw_col_t)i, h[i], c->f_header);
}

void mlroi_xlsx_band(xl_ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t last,
                     const char *title, lxw_format *f)
{
    for (lxw_col_t col = 0; col <= last; col++)
        mlroi_xlsx_text(c, ws, row, col, col == 0 ? title : "", f);
}

char *mlroi_xlsx_local(char *buf, size_t size, lxw_row_t row, lxw_col_t col)
{
    char colname[8];

    lxw_col_to_name(colname, col, 0);
    snprintf(buf, size, "$%s$%lu", colname, (unsigned long)row + 1);
    return buf;
}

char *mlroi_xlsx_ref(char *buf, size_t size, const char *sheet, lxw_row_t row, lxw_col_t col)
{
    char cell[24];

    mlroi_xlsx_local(cell, sizeof cell, row, col);
    snprintf(buf, size, "'%s'!%s", sheet, cell);
    return buf;
}

char *mlroi_xlsx_cref(char *buf, size_t size, const xl_cell *cell)
{
    if (!cell->set) {
        snprintf(buf, size, "0");
        return buf;
    }
    return mlroi_xlsx_ref(buf, size, cell->sheet, cell->row, cell->col);
}

char *mlroi_xlsx_range(char *buf, size_t size, const char *sheet, lxw_row_t r0, lxw_col_t c0,
                       lxw_row_t r1, lxw_col_t c1)
{
    char a[24], b[24];

    mlroi_xlsx_local(a, sizeof a, r0, c0);
    mlroi_xlsx_local(b, sizeof b, r1, c1);
    snprintf(buf, size, "'%s'!%s:%s", sheet, a, b);
    return buf;
}

void mlroi_xlsx_define(xl_ctx *c, const char *name, const char *param_path, const char *sheet,
                       lxw_row_t r0, lxw_col_t c0, lxw_row_t r1, lxw_col_t c1)
{
    char target[128];
    xl_name *slot;

    for (size_t i = 0; i < c->name_count; i++) {
        if (strcmp(c->names[i].name, name) == 0) {
            mlroi_xlsx_fail(c, MLROI_ERR_INVALID, "the name %s is defined twice", name);
            return;
        }
    }
    if (c->name_count >= XL_MAX_NAMES || strlen(name) >= XL_NAME_LEN) {
        mlroi_xlsx_fail(c, MLROI_ERR_LIMIT, "too many or too long names (%s)", name);
        return;
    }
    slot = &c->names[c->name_count++];
    snprintf(slot->name, sizeof slot->name, "%s", name);
    snprintf(slot->param_path, sizeof slot->param_path, "%s", param_path ? param_path : "");
    target[0] = '=';
    if (r0 == r1 && c0 == c1)
        mlroi_xlsx_ref(target + 1, sizeof target - 1, sheet, r0, c0);
    else
        mlroi_xlsx_range(target + 1, sizeof target - 1, sheet, r0, c0, r1, c1);
    mlroi_xlsx_check(c, workbook_define_name(c->wb, slot->name, target));
}

const char *mlroi_xlsx_input(xl_ctx *c, const char *param_path)
{
    for (size_t i = 0; i < c->name_count; i++)
        if (strcmp(c->names[i].param_path, param_path) == 0)
            return c->names[i].name;
    mlroi_xlsx_fail(c, MLROI_ERR_INVALID, "input %s has no row on the Inputs sheet", param_path);
    return "0";
}

void mlroi_xlsx_protect(lxw_worksheet *ws, bool allow_filter)
{
    /* No password: protection only guards formulas against slips; an auditor can lift it. */
    lxw_protection prot;

    memset(&prot, 0, sizeof prot);
    prot.format_columns = 1;
    prot.format_rows = 1;
    if (allow_filter) {
        prot.autofilter = 1;
        prot.sort = 1;
    }
    worksheet_protect(ws, NULL, &prot);
}

void mlroi_xlsx_sheet_setup(xl_ctx *c, lxw_worksheet *ws, const char *title, const char *note)
{
    mlroi_xlsx_text(c, ws, 0, 0, title, c->f_title);
    if (note)
        mlroi_xlsx_text(c, ws, 1, 0, note, c->f_note);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_paper(ws, 9);   /* A4 */
    mlroi_xlsx_protect(ws, false);
}

/* ---------------------------------------------------------------------------------------
 * Formats
 * --------------------------------------------------------------------------------------- */

static void make_formats(xl_ctx *c)
{
    const char *sym = mlroi_currency_symbol(c->s->currency);
    const char *nums[XL_KIND_COUNT];

    /* A literal prefix in quotes reads the same in every spreadsheet and locale. */
    snprintf(c->money_num, sizeof c->money_num, "\"%s\"#,##0;[Red]-\"%s\"#,##0", sym, sym);
    snprintf(c->cents_num, sizeof c->cents_num, "\"%s\"#,##0.00;[Red]-\"%s\"#,##0.00", sym, sym);
    nums[XL_MONEY] = c->money_num;
    nums[XL_CENTS] = c->cents_num;
    nums[XL_PCT] = "0.0%";
    nums[XL_NUM] = "#,##0.###";
    nums[XL_COUNT] = "#,##0";
    nums[XL_FACTOR] = "0.000000";
    nums[XL_MONTHS] = "0.0";
    nums[XL_TEXT] = "@";
    /* 0.99957 reads "> 99.9%", not "100.0%"; 0.0003 reads "< 0.1%", not "0.0%" (exactly 0
     * and 1 take XL_PCT). */
    nums[XL_CHANCE] = "[>=0.9995]\"> 99.9%\";[>=0.0005]0.0%;\"< 0.1%\"";
    for (int k = 0; k < XL_KIND_COUNT; k++) {
        for (int input = 0; input < 2; input++) {
            lxw_format *f = workbook_add_format(c->wb);
            if (!f) {
                mlroi_xlsx_fail(c, MLROI_ERR_NOMEM, "out of memory");
                return;
            }
            if (k == XL_NUM)
                format_set_num_format(f, "General");
            else
                format_set_num_format(f, nums[k]);
            if (input) {
                format_set_font_color(f, XL_INPUT_FONT);
                format_set_bg_color(f, XL_INPUT_FILL);
                format_set_border(f, LXW_BORDER_HAIR);
                format_set_border_color(f, 0xBFBFBF);
                format_set_unlocked(f);
            }
            c->fmt[k][input] = f;
        }
    }
    c->f_title = workbook_add_format(c->wb);
    c->f_subtitle = workbook_add_format(c->wb);
    c->f_header = workbook_add_format(c->wb);
    c->f_label = workbook_add_format(c->wb);
    c->f_bold = workbook_add_format(c->wb);
    c->f_note = workbook_add_format(c->wb);
    c->f_section = workbook_add_format(c->wb);
    c->f_money_total = workbook_add_format(c->wb);
    c->f_pct_number = workbook_add_format(c->wb);
    c->f_wrap = workbook_add_format(c->wb);
    if (!c->f_pct_number || !c->f_wrap || !c->f_title || !c->f_subtitle || !c->f_header ||
        !c->f_label || !c->f_bold || !c->f_note || !c->f_section || !c->f_money_total) {
        mlroi_xlsx_fail(c, MLROI_ERR_NOMEM, "out of memory");
        return;
    }
    format_set_bold(c->f_title);
    format_set_font_size(c->f_title, 14);
    format_set_italic(c->f_subtitle);
    format_set_bold(c->f_header);
    format_set_bg_color(c->f_header, XL_HEADER_FILL);
    format_set_bottom(c->f_header, LXW_BORDER_THIN);
    format_set_text_wrap(c->f_header);
    format_set_align(c->f_header, LXW_ALIGN_VERTICAL_TOP);
    format_set_bold(c->f_bold);
    format_set_italic(c->f_note);
    format_set_font_color(c->f_note, 0x595959);
    format_set_bold(c->f_section);
    format_set_bg_color(c->f_section, XL_SECTION_FILL);
    format_set_bold(c->f_money_total);
    format_set_num_format(c->f_money_total, c->money_num);
    format_set_top(c->f_money_total, LXW_BORDER_THIN);
    format_set_num_format(c->f_pct_number, "0.0\" %\"");
    format_set_text_wrap(c->f_wrap);
    format_set_align(c->f_wrap, LXW_ALIGN_VERTICAL_TOP);
}

/* ---------------------------------------------------------------------------------------
 * Inputs sheet
 * --------------------------------------------------------------------------------------- */

enum { IN_KEY = 0, IN_LABEL, IN_VALUE, IN_UNIT, IN_SOURCE, IN_NAME };
#define IN_FIRST_ROW 4

static const char *last_component(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot ? dot + 1 : path;
}

/* Would a spreadsheet read NAME as a cell address (A1, XFD100, R1C1) rather than a name? */
static bool looks_like_cell(const char *name)
{
    size_t i = 0, letters, digits;

    while (name[i] && ((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z')))
        i++;
    letters = i;
    while (name[i] >= '0' && name[i] <= '9')
        i++;
    digits = i - letters;
    if (!name[i] && letters >= 1 && letters <= 3 && digits >= 1)
        return true;
    return (name[0] == 'r' || name[0] == 'R' || name[0] == 'c' || name[0] == 'C') &&
           (name[1] == '\0' || (name[1] >= '0' && name[1] <= '9'));
}

/* The short name of a parameter: its last key, or the whole path when that is ambiguous. */
static void param_name(const mlroi_param *params, size_t count, size_t i, char *out, size_t size)
{
    const char *last = last_component(params[i].path);
    int uses = 0;

    for (size_t j = 0; j < count; j++)
        if (params[j].type != MLROI_P_ANSWER && strcmp(last_component(params[j].path), last) == 0)
            uses++;
    if (uses > 1) {
        size_t k = 0;
        for (const char *p = params[i].path; *p && k + 1 < size; p++)
            out[k++] = (*p == '.') ? '_' : *p;
        out[k] = '\0';
    } else {
        snprintf(out, size, "%s", last);
    }
    if (looks_like_cell(out) && size > 3) {
        size_t len = strlen(out);
        if (len + 4 > size)
            len = size - 4;
        memmove(out + 3, out, len);
        memcpy(out, "in_", 3);
        out[len + 3] = '\0';
    }
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Does this input feed a formula of the workbook (and so may be changed in it)? */
static bool param_live(const xl_ctx *c, const char *path)
{
    if (strcmp(path, "business_case.horizon_years") == 0)
        return false;   /* the rows per year are laid out for one horizon */
    if (c->s->bc.has_lines && (strcmp(path, "business_case.initial_investment") == 0 ||
                               strcmp(path, "business_case.annual_cost") == 0 ||
                               strcmp(path, "business_case.costs_from") == 0))
        return false;   /* the lines give every cost: these keys are refused beside them */
    if (strcmp(path, "business_case.costs_from") == 0)
        return c->r->bcase.present && c->r->tco.present;
    if (strcmp(path, "tco.include_people") == 0)
        return c->r->tco.present && c->r->team.present;
    if (starts_with(path, "roi."))
        return c->r->roi.present;
    if (starts_with(path, "business_case."))
        return c->r->bcase.present;
    if (starts_with(path, "team."))
        return c->r->team.present;
    if (starts_with(path, "tco."))
        return c->r->tco.present;
    if (starts_with(path, "chargeback."))
        return c->r->chargeback.present;
    return false;
}

static xl_kind param_kind(const mlroi_param *p)
{
    if (p->type == MLROI_P_COUNT)
        return XL_COUNT;
    if (p->type == MLROI_P_FRACTION || strcmp(p->unit, "fraction") == 0 ||
        strcmp(p->path, "business_case.discount_rate") == 0)
        return XL_PCT;
    if (p->flags & MLROI_PF_MONEY)
        return strstr(p->path, "_per_") ? XL_CENTS : XL_MONEY;
    if (p->type == MLROI_P_NUMBER)
        return XL_NUM;
    return XL_TEXT;
}

static void add_validation(xl_ctx *c, lxw_row_t row, const mlroi_param *p)
{
    lxw_data_validation v;
    bool lo = isfinite(p->min), hi = isfinite(p->max) && p->max > p->min;

    memset(&v, 0, sizeof v);
    v.error_title = msg_range_title;
    if (p->type == MLROI_P_ENUM && p->choices) {
        /* The list is built from the choices; it stays far below the 255-character limit. */
        const char *list[16];
        size_t n = 0;
        while (p->choices[n] && n + 1 < sizeof list / sizeof list[0]) {
            list[n] = p->choices[n];
            n++;
        }
        list[n] = NULL;
        v.validate = LXW_VALIDATION_TYPE_LIST;
        v.value_list = (char **)list;
        v.error_message = msg_choose;
        mlroi_xlsx_check(c, worksheet_data_validation_cell(c->inputs, row, IN_VALUE, &v));
        return;
    }
    if (p->type != MLROI_P_NUMBER && p->type != MLROI_P_COUNT && p->type != MLROI_P_FRACTION)
        return;
    if (!lo && !hi)
        return;
    v.validate = p->type == MLROI_P_COUNT ? LXW_VALIDATION_TYPE_INTEGER
                                          : LXW_VALIDATION_TYPE_DECIMAL;
    if (lo && hi) {
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v.minimum_number = p->min;
        v.maximum_number = p->max;
        v.error_message = p->type == MLROI_P_COUNT ? msg_whole : msg_number;
    } else if (lo) {
        v.criteria = (p->flags & MLROI_PF_MIN_EXCL) ? LXW_VALIDATION_CRITERIA_GREATER_THAN
                                                    : LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        v.value_number = p->min;
        v.error_message = msg_above;
    } else {
        v.criteria = LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO;
        v.value_number = p->max;
        v.error_message = msg_below;
    }
    mlroi_xlsx_check(c, worksheet_data_validation_cell(c->inputs, row, IN_VALUE, &v));
}

/* A numeric validation for array inputs: whole or decimal, between lo and hi (hi may be inf). */
static void add_range_validation(xl_ctx *c, lxw_row_t row, bool whole, double lo, double hi)
{
    lxw_data_validation v;

    memset(&v, 0, sizeof v);
    v.validate = whole ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL;
    v.error_title = msg_range_title;
    if (isfinite(hi)) {
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v.minimum_number = lo;
        v.maximum_number = hi;
        v.error_message = msg_number;
    } else {
        v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        v.value_number = lo;
        v.error_message = msg_atleast;
    }
    mlroi_xlsx_check(c, worksheet_data_validation_cell(c->inputs, row, IN_VALUE, &v));
}

static const char *source_text(const xl_ctx *c, size_t index)
{
    if (!c->s->sources)
        return "scenario file";
    switch (c->s->sources[index]) {
    case MLROI_SRC_FILE: return "scenario file";
    case MLROI_SRC_SET: return "--set on the command line";
    default: return "default";
    }
}

/* Where a NAN input's value comes from, when the engine resolves it from elsewhere. */
static bool resolved_default(const xl_ctx *c, const char *path, double *v, const char **source)
{
    const mlroi_team *t = &c->r->team;

    if (strcmp(path, "team.ml_engineer_salary") == 0 && t->present) {
        *v = t->ml.salary;
        *source = t->ml.salary_assumed ? "assumption (no published figure)"
                                       : "benchmark: MLOps for Decision Makers, 2025";
        return true;
    }
    if (strcmp(path, "team.mlops_engineer_salary") == 0 && t->present) {
        *v = t->mlops.salary;
        *source = t->mlops.salary_assumed ? "assumption (no published figure)"
                                          : "benchmark: MLOps for Decision Makers, 2025";
        return true;
    }
    if (strcmp(path, "team.governance_lead_salary") == 0 && t->present) {
        *v = t->governance.salary;
        *source = t->governance.salary_assumed ? "assumption (no published figure)"
                                               : "benchmark: MLOps for Decision Makers, 2025";
        return true;
    }
    if (strcmp(path, "tco.monitoring_per_model_month") == 0 && c->r->tco.present) {
        *v = c->r->tco.monitoring_rate;
        *source = "benchmark: middle of 50-200 (MLOps for Decision Makers, 2025)";
        return true;
    }
    if (strcmp(path, "tco.storage_per_gb_month") == 0 && c->r->tco.present) {
        *v = c->r->tco.storage_rate;
        *source = "catalog rate (MLOps for Decision Makers, 2025)";
        return true;
    }
    return false;
}

static void input_row_text(xl_ctx *c, lxw_row_t row, const char *key, const char *label,
                           const char *unit, const char *source)
{
    mlroi_xlsx_text(c, c->inputs, row, IN_KEY, key, NULL);
    mlroi_xlsx_text(c, c->inputs, row, IN_LABEL, label, NULL);
    mlroi_xlsx_text(c, c->inputs, row, IN_UNIT, unit, NULL);
    mlroi_xlsx_text(c, c->inputs, row, IN_SOURCE, source, NULL);
}

/* One input of a list (a ramp share, a workload's rate, a licence): V in the value column, its
 * texts, and a check that it stays from 0 to HI. */
static void list_input(xl_ctx *c, lxw_row_t row, const char *key, const char *label, double v,
                       lxw_format *f, const char *unit, const char *source, double hi)
{
    mlroi_xlsx_num(c, c->inputs, row, IN_VALUE, v, f);
    input_row_text(c, row, key, label, unit, source);
    add_range_validation(c, row, false, 0, hi);
}

static lxw_row_t write_scalar_inputs(xl_ctx *c, lxw_row_t row)
{
    size_t count = 0;
    const mlroi_param *params = mlroi_params(&count);
    const char *base = (const char *)c->s;
    bool answers_noted = false;

    for (size_t i = 0; i < count && c->err == MLROI_OK; i++) {
        const mlroi_param *p = &params[i];
        bool live = param_live(c, p->path);
        xl_kind kind = param_kind(p);
        lxw_format *f = c->fmt[kind][live ? 1 : 0];
        const char *source = source_text(c, i);
        char name[XL_NAME_LEN];

        if (p->type == MLROI_P_ANSWER) {
            if (!answers_noted && c->maturity) {
                input_row_text(c, row, "maturity.answers.*", "the 16 checklist answers",
                               "yes/no", "on the Maturity sheet, one per row");
                row++;
            }
            answers_noted = true;
            continue;
        }
        param_name(params, count, i, name, sizeof name);
        switch (p->type) {
        case MLROI_P_NUMBER:
        case MLROI_P_COUNT:
        case MLROI_P_FRACTION: {
            double v;
            memcpy(&v, base + p->offset, sizeof v);
            if (strcmp(p->path, "business_case.annual_cost") == 0 && isnan(v) &&
                c->r->bcase.present && c->s->bc.has_lines) {
                mlroi_xlsx_check(c, worksheet_write_blank(c->inputs, row, IN_VALUE, f));
                source = "not used: business_case.lines give the costs";
            } else if (strcmp(p->path, "business_case.annual_cost") == 0 && isnan(v) &&
                       c->r->bcase.present) {
                /* Follows the yearly investment until someone types a figure over it. */
                mlroi_xlsx_formula(c, c->inputs, row, IN_VALUE, c->fmt[XL_MONEY][1],
                                   mlroi_scenario_annual_cost(c->s), "=%s",
                                   mlroi_xlsx_input(c, "roi.mlops_investment"));
                source = "default: follows roi.mlops_investment";
            } else if (isnan(v) && c->r->bcase.present &&
                       (strcmp(p->path, "business_case.mirr_finance_rate") == 0 ||
                        strcmp(p->path, "business_case.mirr_reinvest_rate") == 0)) {
                /* MIRR's rates follow the discount rate until one is typed over them. */
                mlroi_xlsx_formula(c, c->inputs, row, IN_VALUE, f, c->s->bc.discount_rate,
                                   "=%s", mlroi_xlsx_input(c, "business_case.discount_rate"));
                source = "default: follows business_case.discount_rate";
            } else if (isnan(v) && resolved_default(c, p->path, &v, &source)) {
                mlroi_xlsx_num(c, c->inputs, row, IN_VALUE, v, f);
            } else if (isnan(v)) {
                mlroi_xlsx_check(c, worksheet_write_blank(c->inputs, row, IN_VALUE, f));
                source = "not given";
            } else {
                mlroi_xlsx_num(c, c->inputs, row, IN_VALUE, v, f);
            }
            if (live)
                add_validation(c, row, p);
            break;
        }
        case MLROI_P_BOOL: {
            bool v;
            memcpy(&v, base + p->offset, sizeof v);
            mlroi_xlsx_check(c, worksheet_write_boolean(c->inputs, row, IN_VALUE, v, f));
            break;
        }
        case MLROI_P_ENUM: {
            int v;
            memcpy(&v, base + p->offset, sizeof v);
            mlroi_xlsx_text(c, c->inputs, row, IN_VALUE,
                            (p->choices && v >= 0) ? p->choices[v] : "", f);
            if (live)
                add_validation(c, row, p);
            break;
        }
        case MLROI_P_CURRENCY:
            mlroi_xlsx_text(c, c->inputs, row, IN_VALUE, base + p->offset, f);
            break;
        case MLROI_P_STRING: {
            const char *v;
            memcpy(&v, base + p->offset, sizeof v);
            mlroi_xlsx_text(c, c->inputs, row, IN_VALUE, v, f);
            break;
        }
        default:
            break;
        }
        input_row_text(c, row, p->path, p->label, p->unit, source);
        mlroi_xlsx_text(c, c->inputs, row, IN_NAME, name, NULL);
        mlroi_xlsx_define(c, name, p->path, XL_INPUTS, row, IN_VALUE, row, IN_VALUE);
        row++;
    }
    return row;
}

static lxw_row_t section_row(xl_ctx *c, lxw_row_t row, const char *title)
{
    row++;
    for (lxw_col_t col = IN_KEY; col <= IN_NAME; col++)
        mlroi_xlsx_text(c, c->inputs, row, col, col == IN_KEY ? title : "", c->f_section);
    return row + 1;
}

static lxw_row_t write_array_inputs(xl_ctx *c, lxw_row_t row)
{
    const mlroi_scenario *s = c->s;
    bool bc_live = c->r->bcase.present, tco_live = c->r->tco.present;
    char key[192], label[192];

    if (c->r->bcase.present) {
        row = section_row(c, row, "Benefit ramp: share of the full yearly benefit realised in "
                                  "year t (the last value repeats)");
        c->ramp_row = row;
        c->ramp_rows = s->bc.ramp_count ? s->bc.ramp_count : 1;
        for (size_t i = 0; i < c->ramp_rows; i++, row++) {
            double v = s->bc.ramp_count ? s->bc.benefit_ramp[i] : 1.0;
            snprintf(key, sizeof key, "business_case.benefit_ramp[%zu]", i);
            snprintf(label, sizeof label, "benefit share in year %zu%s", i + 1,
                     i + 1 == c->ramp_rows ? " and after" : "");
            list_input(c, row, key, label, v, c->fmt[XL_PCT][bc_live], "fraction",
                       s->bc.ramp_count ? "scenario file" : "default", INFINITY);
        }
        if (s->bc.other_count) {
            row = section_row(c, row, "Other yearly benefits (annual amount and its risk "
                                      "haircut)");
            c->other_row = row;
            for (size_t i = 0; i < s->bc.other_count; i++) {
                const mlroi_other_benefit *o = &s->bc.other_benefits[i];
                snprintf(key, sizeof key, "business_case.other_benefits[%zu].annual", i);
                list_input(c, row, key, o->name, o->annual, c->fmt[XL_MONEY][1], "per year",
                           "scenario file", INFINITY);
                row++;
                snprintf(key, sizeof key, "business_case.other_benefits[%zu].risk", i);
                snprintf(label, sizeof label, "%s: risk haircut", o->name);
                if (isnan(o->risk)) {
                    mlroi_xlsx_formula(c, c->inputs, row, IN_VALUE, c->fmt[XL_PCT][1],
                                       s->bc.benefit_risk, "=%s",
                                       mlroi_xlsx_input(c, "business_case.benefit_risk"));
                    input_row_text(c, row, key, label, "fraction",
                                   "default: follows business_case.benefit_risk");
                } else {
                    mlroi_xlsx_num(c, c->inputs, row, IN_VALUE, o->risk, c->fmt[XL_PCT][1]);
                    input_row_text(c, row, key, label, "fraction", "scenario file");
                }
                add_range_validation(c, row, false, 0, 0.999999999);
                row++;
            }
        }
    }
    if (c->r->tco.present && s->tco.workload_count) {
        row = section_row(c, row, "TCO workloads (rate per hour, instances, hours per month)");
        c->workload_row = row;
        for (size_t i = 0; i < s->tco.workload_count; i++) {
            const mlroi_workload *w = &s->tco.workloads[i];
            double rate = w->instance ? mlroi_benchmarks_rate(c->r->benchmarks, s, w->instance)
                                      : w->hourly_rate;
            char src[192];
            if (w->instance)
                snprintf(src, sizeof src, "catalog rate of %s", w->instance);
            else
                snprintf(src, sizeof src, "scenario file");
            snprintf(key, sizeof key, "tco.workloads[%zu].hourly_rate", i);
            snprintf(label, sizeof label, "%s: rate", w->name);
            list_input(c, row, key, label, rate, c->fmt[XL_CENTS][tco_live], "per hour", src,
                       INFINITY);
            row++;
            snprintf(key, sizeof key, "tco.workloads[%zu].instances", i);
            snprintf(label, sizeof label, "%s: instances", w->name);
            list_input(c, row, key, label, w->instances, c->fmt[XL_NUM][tco_live], "instances",
                       "scenario file", INFINITY);
            row++;
            snprintf(key, sizeof key, "tco.workloads[%zu].hours_per_month", i);
            snprintf(label, sizeof label, "%s: hours per month", w->name);
            list_input(c, row, key, label, w->hours_per_month, c->fmt[XL_NUM][tco_live],
                       "hours per month", "scenario file", 744);
            row++;
        }
    }
    if (c->r->tco.present && s->tco.license_count) {
        row = section_row(c, row, "Licences");
        c->license_row = row;
        for (size_t i = 0; i < s->tco.license_count; i++, row++) {
            const mlroi_license *l = &s->tco.licenses[i];
            bool monthly = isnan(l->annual);
            snprintf(key, sizeof key, "tco.licenses[%zu].%s", i, monthly ? "monthly" : "annual");
            list_input(c, row, key, l->name, monthly ? l->monthly : l->annual,
                       c->fmt[XL_MONEY][tco_live], monthly ? "per month" : "per year",
                       "scenario file", INFINITY);
        }
    }
    if (c->r->tco.present && s->tco.one_time_count) {
        row = section_row(c, row, "One-time costs (month 0)");
        c->one_time_row = row;
        for (size_t i = 0; i < s->tco.one_time_count; i++, row++) {
            const mlroi_one_time *o = &s->tco.one_time[i];
            snprintf(key, sizeof key, "tco.one_time[%zu].amount", i);
            list_input(c, row, key, o->name, o->amount, c->fmt[XL_MONEY][tco_live], "once",
                       "scenario file", INFINITY);
        }
    }
    if (s->tco.catalog_count) {
        row = section_row(c, row, "Catalog rates set by the scenario (used through the "
                                  "workload rates above)");
        for (size_t i = 0; i < s->tco.catalog_count; i++, row++) {
            snprintf(key, sizeof key, "tco.catalog.%s", s->tco.catalog[i].id);
            mlroi_xlsx_num(c, c->inputs, row, IN_VALUE, s->tco.catalog[i].hourly_rate,
                           c->fmt[XL_CENTS][0]);
            input_row_text(c, row, key, s->tco.catalog[i].id, "per hour", "scenario file");
        }
    }
    if (s->has_chargeback && s->chargeback.unit_count) {
        bool cb_live = c->r->chargeback.present;
        row = section_row(c, row, "Chargeback units (models per unit)");
        c->cb_units_row = row;
        for (size_t i = 0; i < s->chargeback.unit_count; i++, row++) {
            char name[XL_NAME_LEN];
            snprintf(key, sizeof key, "chargeback.units[%zu].models", i);
            mlroi_xlsx_num(c, c->inputs, row, IN_VALUE, s->chargeback.units[i].models,
                           c->fmt[XL_NUM][cb_live]);
            input_row_text(c, row, key, s->chargeback.units[i].name, "models", "scenario file");
            if (!cb_live)
                continue;
            /* Named like the key, so that a unit's models can be found and changed. */
            snprintf(name, sizeof name, "chargeback_units_%zu_models", i);
            mlroi_xlsx_text(c, c->inputs, row, IN_NAME, name, NULL);
            mlroi_xlsx_define(c, name, key, XL_INPUTS, row, IN_VALUE, row, IN_VALUE);
            add_range_validation(c, row, false, 0, INFINITY);
        }
    }
    return row;
}

static void write_inputs(xl_ctx *c)
{
    lxw_worksheet *ws = c->inputs;
    static const char *const heads[] = {"Key", "Input", "Value", "Unit", "Source",
                                        "Defined name"};
    lxw_row_t row;

    mlroi_xlsx_sheet_setup(c, ws, "Inputs",
                           "Blue cells on a light fill are inputs: change one and every sheet "
                           "recomputes. Black values are fixed in this workbook (regenerate it "
                           "with mlroi report --set to change them).");
    for (lxw_col_t col = 0; col < 6; col++)
        mlroi_xlsx_text(c, ws, IN_FIRST_ROW - 1, col, heads[col], c->f_header);
    worksheet_freeze_panes(ws, IN_FIRST_ROW, 0);
    mlroi_xlsx_check(c, worksheet_set_column(ws, IN_KEY, IN_KEY, 38, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(ws, IN_LABEL, IN_LABEL, 34, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(ws, IN_VALUE, IN_VALUE, 16, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(ws, IN_UNIT, IN_UNIT, 22, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(ws, IN_SOURCE, IN_SOURCE, 56, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(ws, IN_NAME, IN_NAME, 30, NULL));
    worksheet_repeat_rows(ws, IN_FIRST_ROW - 1, IN_FIRST_ROW - 1);
    row = write_scalar_inputs(c, IN_FIRST_ROW);
    write_array_inputs(c, row);
}

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

static void write_summary(xl_ctx *c)
{
    lxw_worksheet *ws = c->summary;
    const mlroi_result *r = c->r;
    const mlroi_scenario *s = c->s;
    lxw_row_t row = 3;
    char buf[256];

    mlroi_xlsx_sheet_setup(c, ws, s->name && *s->name ? s->name : "MLOps business case",
                           "A live model: every figure below is a formula over the Inputs sheet.");
    mlroi_xlsx_check(c, worksheet_set_column(ws, 0, 0, 60, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(ws, 1, 1, 20, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(ws, 2, 2, 46, NULL));

    mlroi_xlsx_text(c, ws, row, 0, "Scenario", c->f_header);
    mlroi_xlsx_text(c, ws, row, 1, "", c->f_header);
    mlroi_xlsx_text(c, ws, row, 2, "", c->f_header);
    row++;
    /* The description can run to a paragraph: it gets its own wrapped row under the label
     * so that it neither widens the page nor hides behind the next column. */
    mlroi_xlsx_text(c, ws, row++, 0, "Description", NULL);
    if (s->description && *s->description) {
        size_t len = strlen(s->description);
        mlroi_xlsx_text(c, ws, row, 0, s->description, c->f_wrap);
        /* About 50 characters fit on a line of the 60-wide column, whatever the font. */
        mlroi_xlsx_check(c, worksheet_set_row(ws, row, 15.0 * (double)(len / 50 + 1), NULL));
        row++;
    }
    if (s->org_name) {
        mlroi_xlsx_text(c, ws, row, 0, "Organisation", NULL);
        mlroi_xlsx_text(c, ws, row++, 1, s->org_name, NULL);
    }
    mlroi_xlsx_text(c, ws, row, 0, "Currency", NULL);
    mlroi_xlsx_text(c, ws, row++, 1, s->currency, NULL);
    mlroi_xlsx_text(c, ws, row, 0, "Report date", NULL);
    mlroi_xlsx_text(c, ws, row++, 1, c->in->date, NULL);
    mlroi_xlsx_text(c, ws, row, 0, "Written by", NULL);
    snprintf(buf, sizeof buf, "mlroi %s", c->in->tool_version ? c->in->tool_version
                                                               : MLROI_VERSION);
    mlroi_xlsx_text(c, ws, row++, 1, buf, NULL);
    if (c->in->scenario_sha256_hex) {
        mlroi_xlsx_text(c, ws, row, 0, "Scenario file SHA-256", NULL);
        mlroi_xlsx_text(c, ws, row++, 1, c->in->scenario_sha256_hex, NULL);
    }
    mlroi_xlsx_text(c, ws, row, 0, "Benchmarks", NULL);
    mlroi_xlsx_text(c, ws, row++, 1, "MLOps for Decision Makers, 2025", NULL);

    row++;
    mlroi_xlsx_text(c, ws, row, 0, "Headline figures", c->f_header);
    mlroi_xlsx_text(c, ws, row, 1, "Value", c->f_header);
    mlroi_xlsx_text(c, ws, row, 2, "Where it comes from", c->f_header);
    row++;
    if (r->bcase.present) {
        const mlroi_bcase_figures *a = &r->bcase.adjusted, *u = &r->bcase.unadjusted;
        kpi(c, &row, "NPV, risk-adjusted", &c->bc_npv, XL_MONEY, a->npv, "Business case");
        kpi(c, &row, "ROI on present values, risk-adjusted", &c->bc_roi, XL_PCT,
            a->roi_percent / 100.0, "Business case");
        kpi(c, &row, "IRR", &c->bc_irr, XL_PCT, a->irr, "Business case");
        kpi(c, &row, "MIRR", &c->bc_mirr, XL_PCT, a->mirr,
            "Business case: finance and reinvestment rates on the Inputs sheet");
        kpi(c, &row, "Payback (months)", &c->bc_payback, XL_MONTHS, a->payback_months,
            "Business case: cumulative net crosses zero for good");
        kpi(c, &row, "Discounted payback (months)", &c->bc_dpayback, XL_MONTHS,
            a->discounted_payback_months, "Business case");
        kpi(c, &row, "NPV, unadjusted", &c->bc_u_npv, XL_MONEY, u->npv, "Business case");
        kpi(c, &row, "ROI, unadjusted", &c->bc_u_roi, XL_PCT, u->roi_percent / 100.0,
            "Business case");
    }
    if (r->roi.present) {
        kpi(c, &row, "12-month net benefit (quick estimate)", &c->qe_net_benefit, XL_MONEY,
            r->roi.net_benefit, "Quick estimate");
        kpi(c, &row, "12-month ROI (quick estimate)", &c->qe_roi, XL_PCT,
            r->roi.roi_percent / 100.0, "Quick estimate");
    }
    if (r->maturity.present) {
        kpi(c, &row, "Maturity score (of 16)", &c->mat_score, XL_COUNT, r->maturity.score,
            "Maturity");
        if (c->mat_level_label.set) {
            char ref[96];
            mlroi_xlsx_text(c, ws, row, 0, "Maturity level", NULL);
            mlroi_xlsx_formula_text(c, ws, row, 1, NULL, r->maturity.level_label, "=%s",
                                    mlroi_xlsx_cref(ref, sizeof ref, &c->mat_level_label));
            mlroi_xlsx_text(c, ws, row++, 2, "Maturity: from the score", c->f_note);
        }
        kpi(c, &row, "Gated level (every answer of the level is yes)", &c->mat_gated, XL_COUNT,
            r->maturity.gated_level, "Maturity");
    }
    if (r->team.present) {
        kpi(c, &row, "Recommended MLOps team (people)", &c->team_headcount, XL_COUNT,
            r->team.headcount, "Team");
        kpi(c, &row, "Team cost per year", &c->team_annual_cost, XL_MONEY, r->team.annual_cost,
            "Team");
    }
    if (r->tco.present) {
        kpi(c, &row, "Recurring cost per year (TCO)", &c->tco_recurring, XL_MONEY,
            r->tco.recurring_total, "TCO");
        kpi(c, &row, "Monthly cloud cost", &c->tco_monthly_cloud, XL_MONEY, r->tco.monthly_cloud,
            "TCO");
        kpi(c, &row, "One-time costs", &c->tco_one_time, XL_MONEY, r->tco.one_time_total, "TCO");
    }
    if (r->chargeback.present)
        kpi(c, &row, "Chargeback pool per year", &c->cb_pool, XL_MONEY, r->chargeback.pool,
            "Chargeback: shared among the business units");
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
        lxw_row_t r0 = c->bc_first_year.row, r1 = r0 + (lxw_row_t)r->bcase.adjusted.horizon;
        lxw_chart_series *ser;
        if (!chart) {
            mlroi_xlsx_fail(c, MLROI_ERR_NOMEM, "out of memory");
            return;
        }
        chart_title_set_name(chart, "Cumulative cash flow, risk-adjusted");
        ser = chart_add_series(chart, NULL, NULL);
        chart_series_set_categories(ser, XL_BCASE, r0, 0, r1, 0);
        chart_series_set_values(ser, XL_BCASE, r0, 5, r1, 5);
        chart_series_set_name(ser, "Cumulative net cash flow");
        chart_series_set_marker_type(ser, LXW_CHART_MARKER_CIRCLE);
        ser = chart_add_series(chart, NULL, NULL);
        chart_series_set_categories(ser, XL_BCASE, r0, 0, r1, 0);
        chart_series_set_values(ser, XL_BCASE, r0, 8, r1, 8);
        chart_series_set_name(ser, "Cumulative present value");
        chart_series_set_marker_type(ser, LXW_CHART_MARKER_SQUARE);
        chart_axis_set_name(chart->x_axis, "Year");
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
    mlroi_xlsx_text(c, ws, d->row, 0, c->s->name, NULL);
    mlroi_xlsx_text(c, ws, d->row, 1, section, NULL);
    mlroi_xlsx_text(c, ws, d->row, 2, metric, NULL);
    if (year >= 0)
        mlroi_xlsx_num(c, ws, d->row, 3, year, NULL);
    if (isfinite(value))
        mlroi_xlsx_num(c, ws, d->row, 4, value, NULL);
    mlroi_xlsx_text(c, ws, d->row, 5, unit, NULL);
    d->row++;
}

static void write_data(xl_ctx *c)
{
    static const char *const heads[] = {"scenario", "section", "metric", "year", "value",
                                        "unit"};
    data_ctx d = {c, 1};

    for (lxw_col_t col = 0; col < 6; col++)
        mlroi_xlsx_text(c, c->data, 0, col, heads[col], c->f_header);
    mlroi_result_each_row(c->r, data_row, &d);
    worksheet_freeze_panes(c->data, 1, 0);
    mlroi_xlsx_check(c, worksheet_set_column(c->data, 0, 0, 30, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(c->data, 1, 1, 16, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(c->data, 2, 2, 36, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(c->data, 3, 3, 8, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(c->data, 4, 4, 20, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(c->data, 5, 5, 18, NULL));
    mlroi_xlsx_check(c, worksheet_autofilter(c->data, 0, 0, d.row > 1 ? d.row - 1 : 1, 5));
    worksheet_set_landscape(c->data);
    worksheet_fit_to_pages(c->data, 1, 0);
    worksheet_set_paper(c->data, 9);
    worksheet_repeat_rows(c->data, 0, 0);
    mlroi_xlsx_protect(c->data, true);
}

/* ---------------------------------------------------------------------------------------
 * The workbook
 * --------------------------------------------------------------------------------------- */

static lxw_worksheet *add_sheet(xl_ctx *c, const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(c->wb, name);
    if (!ws)
        mlroi_xlsx_fail(c, MLROI_ERR_NOMEM, "cannot add the sheet %s", name);
    return ws;
}

static mlroi_error build(xl_ctx *c, const char *file)
{
    const mlroi_result *r = c->r;
    lxw_workbook_options opt = {0};
    lxw_doc_properties props;
    char title[512];

    c->wb = workbook_new_opt(file, &opt);
    if (!c->wb)
        return mlroi_diags_add(c->diags, MLROI_ERR_NOMEM, file, 0, 0, "", "out of memory");
    memset(&props, 0, sizeof props);
    snprintf(title, sizeof title, "%s", c->s->name ? c->s->name : "");
    props.title = title;
    props.subject = doc_subject;
    props.author = doc_author;
    props.comments = doc_comments;
    /* A fixed creation date makes the bytes depend on the inputs only. */
    props.created = c->in->epoch;
    mlroi_xlsx_check(c, workbook_set_properties(c->wb, &props));

    make_formats(c);
    c->summary = add_sheet(c, XL_SUMMARY);
    c->inputs = add_sheet(c, XL_INPUTS);
    if (r->roi.present)
        c->quick = add_sheet(c, XL_QUICK);
    if (r->bcase.present)
        c->bcase = add_sheet(c, XL_BCASE);
    if (r->bcase.present && c->s->bc.has_lines)
        c->lines = add_sheet(c, XL_LINES);
    if (r->maturity.present)
        c->maturity = add_sheet(c, XL_MATURITY);
    if (r->team.present)
        c->team = add_sheet(c, XL_TEAM);
    if (r->tco.present)
        c->tco = add_sheet(c, XL_TCO);
    if (r->chargeback.present)
        c->chargeback = add_sheet(c, XL_CHARGEBACK);
    if (c->in->tornado || c->in->sweep || c->in->grid)
        c->sens = add_sheet(c, XL_SENS);
    if (c->in->mc)
        c->mc = add_sheet(c, XL_MC);
    c->data = add_sheet(c, XL_DATA);

    /* Filled in dependency order: each sheet records where its figures are. */
    if (c->err == MLROI_OK)
        write_inputs(c);
    if (c->err == MLROI_OK && c->maturity)
        mlroi_xlsx_maturity(c);
    if (c->err == MLROI_OK && c->quick)
        mlroi_xlsx_quick(c);
    if (c->err == MLROI_OK && c->team)
        mlroi_xlsx_team(c);
    if (c->err == MLROI_OK && c->tco)
        mlroi_xlsx_tco(c);
    if (c->err == MLROI_OK && c->lines)
        mlroi_xlsx_lines(c);
    if (c->err == MLROI_OK && c->bcase)
        mlroi_xlsx_bcase(c);
    if (c->err == MLROI_OK && c->tco && r->vendor.present && r->vendor.recommended)
        mlroi_xlsx_vendor(c, c->tco, XL_TCO, c->tco_end_row, 95);
    if (c->err == MLROI_OK && c->chargeback)
        mlroi_xlsx_chargeback(c);
    if (c->err == MLROI_OK && c->sens)
        mlroi_xlsx_sensitivity(c);
    if (c->err == MLROI_OK && c->mc)
        mlroi_xlsx_montecarlo(c);
    if (c->err == MLROI_OK)
        write_data(c);
    if (c->err == MLROI_OK)
        write_summary(c);
    if (c->err == MLROI_OK)
        worksheet_activate(c->summary);
    return MLROI_OK;
}

static mlroi_error write_to(void *ctx, const char *tmp_path, mlroi_diags *diags)
{
    xl_ctx *c = ctx;
    mlroi_error err;
    lxw_error close_err;

    c->diags = diags;
    err = build(c, tmp_path);
    if (err != MLROI_OK)
        return err;
    /* workbook_close frees the workbook whatever happens, so it runs on failure too. */
    close_err = workbook_close(c->wb);
    c->wb = NULL;
    if (c->err != MLROI_OK)
        return mlroi_diags_add(diags, c->err, tmp_path, 0, 0, "", "workbook: %s", c->err_text);
    if (c->lxerr != LXW_NO_ERROR)
        return mlroi_diags_add(diags, MLROI_ERR_IO, tmp_path, 0, 0, "", "workbook: %s",
                               lxw_strerror(c->lxerr));
    if (close_err != LXW_NO_ERROR)
        return mlroi_diags_add(diags, MLROI_ERR_IO, tmp_path, 0, 0, "",
                               "cannot write the workbook: %s", lxw_strerror(close_err));
    return MLROI_OK;
}

mlroi_error mlroi_report_write_xlsx(const mlroi_report_input *in, const char *path,
                                    mlroi_diags *diags)
{
    xl_ctx *c = NULL;
    locale_t cloc = (locale_t)0, old = (locale_t)0;
    mlroi_error err = MLROI_OK;

    if (!in || !in->result || !in->result->scenario || !path) {
        err = mlroi_diags_add(diags, MLROI_ERR_INVALID, path ? path : "", 0, 0, "",
                              "nothing to write");
        goto cleanup;
    }
    c = calloc(1, sizeof *c);
    if (c)
        c->names = calloc(XL_MAX_NAMES, sizeof *c->names);
    if (!c || !c->names) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, path, 0, 0, "", "out of memory");
        goto cleanup;
    }
    c->in = in;
    c->r = in->result;
    c->s = in->result->scenario;
    c->diags = diags;
    /* The writer formats numbers with printf: a comma-decimal locale would corrupt the XML.
     * uselocale() switches this thread only, so other threads keep their locale. */
    cloc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (cloc == (locale_t)0) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, path, 0, 0, "", "cannot set the C locale");
        goto cleanup;
    }
    old = uselocale(cloc);
    /* Devices, pipes and links are mlroi_write_atomic's to handle, as for the PDF. */
    err = mlroi_write_atomic(path, write_to, c, diags);
    uselocale(old);
cleanup:
    if (cloc != (locale_t)0)
        freelocale(cloc);
    if (c && c->wb)
        lxw_workbook_free(c->wb);
    if (c)
        free(c->names);
    free(c);
    return err;
}
