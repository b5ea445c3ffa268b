/* SPDX-License-Identifier: MIT */
/* The workbook's shared cell writers: formats, cells, references, defined names and sheet
 * furniture that every sheet writer uses (and that use no sheet writer). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "mlroi/format.h"
#include "xlsx_cells.h"

/* Colours of the usual financial-model convention: inputs blue on a light fill. */
#define XL_INPUT_FONT 0x0000FF
#define XL_INPUT_FILL 0xFFF2CC
#define XL_HEADER_FILL 0xD9E1F2
#define XL_SECTION_FILL 0xEDEDED

/* ---------------------------------------------------------------------------------------
 * Shared plumbing
 * --------------------------------------------------------------------------------------- */

const char *mlroi_xlsx_tr(const xl_ctx *c, const char *en)
{
    return mlroi_lang_text(c->lang, en);
}

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
        mlroi_xlsx_text(c, ws, row, (lxw_col_t)i, XT(c, h[i]), c->f_header);
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

void mlroi_xlsx_at(xl_cell *cell, const char *sheet, lxw_row_t row, lxw_col_t col)
{
    cell->set = true;
    cell->sheet = sheet;
    cell->row = row;
    cell->col = col;
}

char *mlroi_xlsx_colrel(char *buf, size_t size, lxw_row_t row, lxw_col_t col)
{
    char colname[8];

    lxw_col_to_name(colname, col, 0);
    snprintf(buf, size, "%s$%lu", colname, (unsigned long)row + 1);
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
        if (strcmp(c->names[i].name + strlen(XL_NAME_PREFIX), name) == 0) {
            mlroi_xlsx_fail(c, MLROI_ERR_INVALID, "the name %s is defined twice", name);
            return;
        }
    }
    if (c->name_count >= XL_MAX_NAMES ||
        strlen(name) + strlen(XL_NAME_PREFIX) >= XL_NAME_LEN) {
        mlroi_xlsx_fail(c, MLROI_ERR_LIMIT, "too many or too long names (%s)", name);
        return;
    }
    slot = &c->names[c->name_count++];
    snprintf(slot->name, sizeof slot->name, "%s%s", XL_NAME_PREFIX, name);
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

void mlroi_xlsx_protect(xl_ctx *c, lxw_worksheet *ws, bool allow_filter)
{
    /* No password: protection only guards formulas against slips; an auditor can lift it. */
    lxw_protection prot;

    /* Open by default: a finance team adds rows and pastes the sheets into its own model. */
    if (!c->in->protect)
        return;
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
    mlroi_xlsx_protect(c, ws, false);
}

/* ---------------------------------------------------------------------------------------
 * Formats
 * --------------------------------------------------------------------------------------- */

void mlroi_xlsx_formats(xl_ctx *c)
{
    const char *sym = mlroi_currency_symbol(c->s->currency);
    const char *nums[XL_KIND_COUNT];

    /* A literal symbol in quotes reads the same in every spreadsheet and locale: before the
     * figure in English ("$1,234"), after it and a space where the language writes it so
     * ("1 234 €", "1.234 €"; the separators are the reader's). */
    if (c->lang && mlroi_lang_currency_after(c->lang)) {
        const char *sp = mlroi_lang_unit_space(c->lang);
        snprintf(c->money_num, sizeof c->money_num, "#,##0\"%s%s\";[Red]-#,##0\"%s%s\"", sp,
                 sym, sp, sym);
        snprintf(c->cents_num, sizeof c->cents_num, "#,##0.00\"%s%s\";[Red]-#,##0.00\"%s%s\"",
                 sp, sym, sp, sym);
        snprintf(c->pct_num, sizeof c->pct_num, "0.0\"%s\"%%", sp);
        nums[XL_PCT] = c->pct_num;
    } else {
        snprintf(c->money_num, sizeof c->money_num, "\"%s\"#,##0;[Red]-\"%s\"#,##0", sym, sym);
        snprintf(c->cents_num, sizeof c->cents_num, "\"%s\"#,##0.00;[Red]-\"%s\"#,##0.00", sym,
                 sym);
        nums[XL_PCT] = "0.0%";
    }
    nums[XL_MONEY] = c->money_num;
    nums[XL_CENTS] = c->cents_num;
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

void mlroi_xlsx_df_formula(xl_ctx *c, char *buf, size_t size, const char *t)
{
    const char *rate = mlroi_xlsx_input(c, "business_case.discount_rate");
    const char *disc = mlroi_xlsx_input(c, "business_case.discounting");

    const char *half = mlroi_xlsx_assume(c, "mid_year_shift", XT(c, "Mid-year discounting: years "
                                                                    "discounted this much before "
                                                                    "their end"), 0.5,
                                         XL_NUM, false, XT(c, "years"),
                                         XT(c, "mid-year convention (MODEL.md: d_t = "
                                               "1/(1+r)^(t-0.5))"));

    snprintf(buf, size, "IF(%s=\"mid\",IF(%s=0,1,1/(1+%s)^(%s-%s)),1/(1+%s)^%s)", disc, t, rate,
             t, half, rate, t);
}


/* The Assumptions sheet's columns. */
enum { AS_NAME = 0, AS_LABEL, AS_VALUE, AS_UNIT, AS_SOURCE };
#define AS_FIRST_ROW 4

void mlroi_xlsx_assumptions_setup(xl_ctx *c)
{
    static const char *const heads[] = {XN_("Defined name"), XN_("Assumption"), XN_("Value"),
                                        XN_("Unit"), XN_("Source")};
    static const double w[] = {40, 56, 16, 18, 70};
    lxw_worksheet *ws = c->assume;

    mlroi_xlsx_sheet_setup(c, ws, XT(c, "Assumptions"),
                           XT(c, "Every fixed figure the formulas use, named and sourced: "
                                 "benchmarks, thresholds, conventions, and the engine's figures at "
                                 "generation (against which the Checks sheet tells whether static "
                                 "sheets are stale). Blue figures may be changed like inputs."));
    mlroi_xlsx_widths(c, ws, w, 5);
    mlroi_xlsx_heads(c, ws, AS_FIRST_ROW - 1, heads, 5);
    worksheet_freeze_panes(ws, AS_FIRST_ROW, 0);
    c->assume_row = AS_FIRST_ROW;
}

const char *mlroi_xlsx_assume(xl_ctx *c, const char *name, const char *label, double v,
                              xl_kind kind, bool editable, const char *unit, const char *source)
{
    size_t plen = strlen(XL_NAME_PREFIX);
    lxw_row_t row;

    for (size_t i = 0; i < c->name_count; i++)
        if (strcmp(c->names[i].name + plen, name) == 0)
            return c->names[i].name;
    if (!c->assume) {
        mlroi_xlsx_fail(c, MLROI_ERR_INVALID, "no Assumptions sheet for %s", name);
        return "0";
    }
    row = c->assume_row++;
    mlroi_xlsx_define(c, name, NULL, XL_ASSUME, row, AS_VALUE, row, AS_VALUE);
    if (c->err != MLROI_OK)
        return "0";
    mlroi_xlsx_text(c, c->assume, row, AS_NAME, c->names[c->name_count - 1].name, NULL);
    mlroi_xlsx_text(c, c->assume, row, AS_LABEL, label, NULL);
    mlroi_xlsx_num(c, c->assume, row, AS_VALUE, v, c->fmt[kind][editable ? 1 : 0]);
    mlroi_xlsx_text(c, c->assume, row, AS_UNIT, unit, NULL);
    mlroi_xlsx_text(c, c->assume, row, AS_SOURCE, source, NULL);
    return c->names[c->name_count - 1].name;
}
