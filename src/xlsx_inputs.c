/* SPDX-License-Identifier: MIT */
/* The workbook's Inputs sheet: every input of the scenario, one row each, named and styled. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "xlsx_internal.h"

/* The validations' messages, in the workbook's language where they are set (MSG). The
 * option structs take char * but libxlsxwriter only reads them. */
static const char msg_range_title[] = XN_("Outside the allowed range");
static const char msg_choose[] = XN_("Choose one of the listed values.");
static const char msg_whole[] = XN_("Enter a whole number in the allowed range.");
static const char msg_number[] = XN_("Enter a number in the allowed range.");
static const char msg_above[] = XN_("Enter a number above the allowed minimum.");
static const char msg_below[] = XN_("Enter a number below the allowed maximum.");
static const char msg_atleast[] = XN_("Enter a number of at least the minimum.");
#define MSG(c, m) ((char *)XT((c), (m)))

/* ---------------------------------------------------------------------------------------
 * Inputs sheet
 * --------------------------------------------------------------------------------------- */

enum { IN_KEY = 0, IN_LABEL, IN_VALUE, IN_UNIT, IN_SOURCE, IN_NAME, IN_GEN };

/* An input's value, and beside it (At generation) the same value as the workbook was written
 * with: the Checks sheet compares the two columns to tell whether the static sheets are
 * stale. */
static void in_num(xl_ctx *c, lxw_row_t row, double v, lxw_format *f)
{
    mlroi_xlsx_num(c, c->inputs, row, IN_VALUE, v, f);
    mlroi_xlsx_num(c, c->inputs, row, IN_GEN, v, NULL);
}

static void in_text(xl_ctx *c, lxw_row_t row, const char *text, lxw_format *f)
{
    mlroi_xlsx_text(c, c->inputs, row, IN_VALUE, text, f);
    if (text && *text)
        mlroi_xlsx_text(c, c->inputs, row, IN_GEN, text, NULL);
}

static void in_blank(xl_ctx *c, lxw_row_t row, lxw_format *f)
{
    mlroi_xlsx_check(c, worksheet_write_blank(c->inputs, row, IN_VALUE, f));
}

static void in_bool(xl_ctx *c, lxw_row_t row, bool v, lxw_format *f)
{
    mlroi_xlsx_check(c, worksheet_write_boolean(c->inputs, row, IN_VALUE, v, f));
    mlroi_xlsx_check(c, worksheet_write_boolean(c->inputs, row, IN_GEN, v, NULL));
}
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
        return c->r->bcase.present || c->r->tco.present;   /* timelines run to year 50 */
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
    v.error_title = MSG(c, msg_range_title);
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
        v.error_message = MSG(c, msg_choose);
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
        v.error_message = MSG(c, p->type == MLROI_P_COUNT ? msg_whole : msg_number);
    } else if (lo) {
        v.criteria = (p->flags & MLROI_PF_MIN_EXCL) ? LXW_VALIDATION_CRITERIA_GREATER_THAN
                                                    : LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        v.value_number = p->min;
        v.error_message = MSG(c, msg_above);
    } else {
        v.criteria = LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO;
        v.value_number = p->max;
        v.error_message = MSG(c, msg_below);
    }
    mlroi_xlsx_check(c, worksheet_data_validation_cell(c->inputs, row, IN_VALUE, &v));
}

/* A numeric validation for array inputs: whole or decimal, between lo and hi (hi may be inf). */
static void add_range_validation(xl_ctx *c, lxw_row_t row, bool whole, double lo, double hi)
{
    lxw_data_validation v;

    memset(&v, 0, sizeof v);
    v.validate = whole ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL;
    v.error_title = MSG(c, msg_range_title);
    if (isfinite(hi)) {
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v.minimum_number = lo;
        v.maximum_number = hi;
        v.error_message = MSG(c, msg_number);
    } else {
        v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        v.value_number = lo;
        v.error_message = MSG(c, msg_atleast);
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

/* The units and sources the Inputs sheet writes, for tests/lang_check.py: the inputs' own
 * labels are the schema's titles (scenario_params.c), which the briefing's appendix shows too. */
static const char *const unit_source_texts[] = {
    XN_("GB"), XN_("at month 0"), XN_("fraction"), XN_("incidents per year"), XN_("level"),
    XN_("models"), XN_("models per year"), XN_("people"), XN_("per GB per month"),
    XN_("per incident"), XN_("per model per month"), XN_("per person per year"),
    XN_("per year"), XN_("weeks"), XN_("years"), XN_("yes/no"), XN_("YES/NO"), XN_("once"),
    XN_("per hour"), XN_("instances"), XN_("year"), XN_("hours per month"), XN_("per month"),
    XN_("scenario file"), XN_("--set on the command line"), XN_("default"),
    XN_("assumption (no published figure)"), XN_("benchmark: MLOps for Decision Makers, 2025"),
    XN_("catalog rate (MLOps for Decision Makers, 2025)"),
    XN_("not used: business_case.lines give the costs"), XN_("blank: follows roi.mlops_investment"),
    XN_("blank: follows business_case.discount_rate"), XN_("not given"), XN_("initial"),
    XN_("in the year"), XN_("after the values given: 0"),
    XN_("blank: follows business_case.horizon_years"),
    XN_("blank: follows business_case.benefit_risk"),
    XN_("blank: follows business_case.cost_risk"), XN_("currency"),
};

/* A row's texts in the workbook's language; the key (the scenario's path) stays as it is. */
static void input_row_text(xl_ctx *c, lxw_row_t row, const char *key, const char *label,
                           const char *unit, const char *source)
{
    (void)unit_source_texts;
    mlroi_xlsx_text(c, c->inputs, row, IN_KEY, key, NULL);
    mlroi_xlsx_text(c, c->inputs, row, IN_LABEL, XT(c, label), NULL);
    mlroi_xlsx_text(c, c->inputs, row, IN_UNIT, unit ? XT(c, unit) : unit, NULL);
    mlroi_xlsx_text(c, c->inputs, row, IN_SOURCE, source ? XT(c, source) : source, NULL);
}

/* One input of a list (a ramp share, a workload's rate, a licence): V in the value column, its
 * texts, and a check that it stays from 0 to HI. */
static void list_input(xl_ctx *c, lxw_row_t row, const char *key, const char *label, double v,
                       lxw_format *f, const char *unit, const char *source, double hi)
{
    in_num(c, row, v, f);
    input_row_text(c, row, key, label, unit, source);
    add_range_validation(c, row, false, 0, hi);
}

static lxw_row_t write_scalar_inputs(xl_ctx *c, lxw_row_t row)
{
    size_t count = 0;
    const mlroi_param *params = mlroi_params(&count);
    const char *base = (const char *)c->s;

    for (size_t i = 0; i < count && c->err == MLROI_OK; i++) {
        const mlroi_param *p = &params[i];
        bool live = param_live(c, p->path);
        xl_kind kind = param_kind(p);
        lxw_format *f = c->fmt[kind][live ? 1 : 0];
        const char *source = source_text(c, i);
        char name[XL_NAME_LEN];

        if (p->type == MLROI_P_ANSWER)
            continue;   /* in their own section, below */
        param_name(params, count, i, name, sizeof name);
        switch (p->type) {
        case MLROI_P_NUMBER:
        case MLROI_P_COUNT:
        case MLROI_P_FRACTION: {
            double v;
            memcpy(&v, base + p->offset, sizeof v);
            if (strcmp(p->path, "business_case.annual_cost") == 0 && isnan(v) &&
                c->r->bcase.present && c->s->bc.has_lines) {
                in_blank(c, row, f);
                source = "not used: business_case.lines give the costs";
            } else if (strcmp(p->path, "business_case.annual_cost") == 0 && isnan(v) &&
                       c->r->bcase.present) {
                /* Blank: follows the yearly investment until someone types a figure in (an
                 * input cell holds no formula). */
                in_blank(c, row, c->fmt[XL_MONEY][1]);
                source = "blank: follows roi.mlops_investment";
            } else if (isnan(v) && c->r->bcase.present &&
                       (strcmp(p->path, "business_case.mirr_finance_rate") == 0 ||
                        strcmp(p->path, "business_case.mirr_reinvest_rate") == 0)) {
                /* MIRR's rates follow the discount rate until one is typed in. */
                in_blank(c, row, f);
                source = "blank: follows business_case.discount_rate";
            } else if (isnan(v) && resolved_default(c, p->path, &v, &source)) {
                in_num(c, row, v, f);
            } else if (isnan(v)) {
                in_blank(c, row, f);
                source = "not given";
            } else {
                in_num(c, row, v, f);
            }
            if (live)
                add_validation(c, row, p);
            break;
        }
        case MLROI_P_BOOL: {
            bool v;
            memcpy(&v, base + p->offset, sizeof v);
            in_bool(c, row, v, f);
            break;
        }
        case MLROI_P_ENUM: {
            int v;
            memcpy(&v, base + p->offset, sizeof v);
            in_text(c, row,
                            (p->choices && v >= 0) ? p->choices[v] : "", f);
            if (live)
                add_validation(c, row, p);
            break;
        }
        case MLROI_P_CURRENCY:
            in_text(c, row, base + p->offset, f);
            break;
        case MLROI_P_STRING: {
            const char *v;
            memcpy(&v, base + p->offset, sizeof v);
            in_text(c, row, v, f);
            break;
        }
        default:
            break;
        }
        input_row_text(c, row, p->path, p->label, p->unit, source);
        mlroi_xlsx_define(c, name, p->path, XL_INPUTS, row, IN_VALUE, row, IN_VALUE);
        mlroi_xlsx_text(c, c->inputs, row, IN_NAME, c->names[c->name_count - 1].name, NULL);
        row++;
    }
    return row;
}

static lxw_row_t section_row(xl_ctx *c, lxw_row_t row, const char *title)
{
    row++;
    for (lxw_col_t col = IN_KEY; col <= IN_GEN; col++)
        mlroi_xlsx_text(c, c->inputs, row, col, col == IN_KEY ? title : "", c->f_section);
    return row + 1;
}

/* The 16 checklist answers: YES, NO, or blank (unanswered, counts as NO). */
static lxw_row_t write_answers(xl_ctx *c, lxw_row_t row)
{
    static const char *const yes_no[] = {"YES", "NO", NULL};
    static const char title[] = XN_("YES or NO");
    static const char msg[] = XN_("Answer YES or NO, or leave the cell empty (counts as NO).");
    size_t pcount = 0;
    const mlroi_param *params = mlroi_params(&pcount);
    lxw_data_validation v;
    lxw_row_t first;

    row = section_row(c, row, XT(c, "Maturity checklist answers (YES, NO, or blank: unanswered, "
                                    "counts as NO)"));
    first = row;
    c->answers_row = row;
    for (int i = 0; i < MLROI_MATURITY_QUESTIONS; i++, row++) {
        int ans = c->s->answers[i];
        char path[96], name[XL_NAME_LEN];
        const char *source = "scenario file";
        snprintf(path, sizeof path, "maturity.answers.%s", mlroi_question_ids[i]);
        for (size_t k = 0; k < pcount; k++) {
            if (strcmp(params[k].path, path) == 0 && c->s->sources) {
                size_t idx = mlroi_param_index(&params[k]);
                source = c->s->sources[idx] == MLROI_SRC_SET ? "--set on the command line"
                       : "scenario file";
            }
        }
        if (ans == MLROI_UNANSWERED)
            source = "unanswered";
        in_text(c, row,
                        ans == MLROI_YES ? "YES" : ans == MLROI_NO ? "NO" : "",
                        c->fmt[XL_TEXT][1]);
        input_row_text(c, row, path, mlroi_question_texts[i], "YES/NO", source);
        snprintf(name, sizeof name, "answer_%s", mlroi_question_ids[i]);
        mlroi_xlsx_define(c, name, path, XL_INPUTS, row, IN_VALUE, row, IN_VALUE);
        mlroi_xlsx_text(c, c->inputs, row, IN_NAME, c->names[c->name_count - 1].name, NULL);
    }
    memset(&v, 0, sizeof v);
    v.validate = LXW_VALIDATION_TYPE_LIST;
    v.value_list = (char **)yes_no;
    v.error_title = MSG(c, title);
    v.error_message = MSG(c, msg);
    mlroi_xlsx_check(c, worksheet_data_validation_range(c->inputs, first, IN_VALUE, row - 1,
                                                        IN_VALUE, &v));
    return row;
}

/* One input row of line I: FIELD of business_case.lines[I] with value V (NAN: blank). */
static lxw_row_t line_input(xl_ctx *c, lxw_row_t row, size_t i, const char *field,
                            const char *label, double v, xl_kind kind, const char *unit,
                            const char *source, double lo, double hi)
{
    char key[192];

    snprintf(key, sizeof key, "business_case.lines[%zu].%s", i, field);
    if (isnan(v))
        in_blank(c, row, c->fmt[kind][1]);
    else
        in_num(c, row, v, c->fmt[kind][1]);
    input_row_text(c, row, key, label, unit, source);
    if (isfinite(lo))
        add_range_validation(c, row, kind == XL_COUNT, lo, hi);
    return row;
}

/* Every business-case line's inputs, a few rows each: its amount (or values), scale, years,
 * escalation, risk and ramp. The lines sheet computes from them. */
static lxw_row_t write_line_inputs(xl_ctx *c, lxw_row_t row)
{
    const mlroi_bcase_inputs *bc = &c->s->bc;
    char label[256], field[64];

    if (!bc->line_count)
        return row;
    c->line_rows = calloc(bc->line_count, sizeof *c->line_rows);
    if (!c->line_rows) {
        mlroi_xlsx_fail(c, MLROI_ERR_NOMEM, "out of memory");
        return row;
    }
    row = section_row(c, row, XT(c, "Business case lines: each line's inputs (a blank end follows "
                                    "the horizon, a blank risk the case's benefit or cost risk)"));
    for (size_t i = 0; i < bc->line_count && c->err == MLROI_OK; i++) {
        const mlroi_bc_line *l = &bc->lines[i];
        xl_line_rows *lr = &c->line_rows[i];
        const bool amount = l->how == MLROI_LINE_AMOUNT ||
                            (l->how == MLROI_LINE_FROM && l->from == MLROI_FIG_TCO_ONE_TIME);
        const bool yearly = l->how == MLROI_LINE_ANNUAL || (l->how == MLROI_LINE_FROM && !amount);
        const char *src = l->source ? l->source : "scenario file";

        if (l->how == MLROI_LINE_ANNUAL || l->how == MLROI_LINE_AMOUNT) {
            snprintf(label, sizeof label, "%s: %s", l->name,
                     l->how == MLROI_LINE_ANNUAL ? XT(c, "amount a year") : XT(c, "amount, once"));
            lr->amount = line_input(c, row++, i, l->how == MLROI_LINE_ANNUAL ? "annual"
                                                                            : "amount",
                                    label, l->annual, XL_MONEY,
                                    l->how == MLROI_LINE_ANNUAL ? "per year" : "once", src,
                                    -INFINITY, INFINITY);
        }
        if (l->how == MLROI_LINE_VALUES) {
            /* Two rows at least: a single cell is no range for INDEX in gnumeric, and a
             * year past the values is 0 anyway. */
            size_t n = l->value_count < 2 ? 2 : l->value_count;
            lr->val0 = row;
            lr->val_n = n;
            for (size_t t = 0; t < n; t++, row++) {
                snprintf(field, sizeof field, "values[%zu]", t);
                snprintf(label, sizeof label, XT(c, "%s: amount in year %zu"), l->name, t);
                line_input(c, row, i, field, label, t < l->value_count ? l->values[t] : 0,
                           XL_MONEY, t == 0 ? "initial" : "in the year",
                           t < l->value_count ? src : "after the values given: 0",
                           -INFINITY, INFINITY);
            }
        }
        snprintf(label, sizeof label, XT(c, "%s: scale (share counted)"), l->name);
        lr->scale = line_input(c, row++, i, "scale", label, isfinite(l->scale) ? l->scale : 1.0,
                               XL_PCT, "fraction", isfinite(l->scale) ? src : "default",
                               0, INFINITY);
        if (amount) {
            snprintf(label, sizeof label, XT(c, "%s: year"), l->name);
            lr->start = line_input(c, row++, i, "year", label, isnan(l->year) ? 0 : l->year,
                                   XL_COUNT, "year", isnan(l->year) ? "default" : src, 0,
                                   MLROI_MAX_YEARS);
        }
        if (yearly) {
            snprintf(label, sizeof label, XT(c, "%s: first year"), l->name);
            lr->start = line_input(c, row++, i, "start", label, isnan(l->start) ? 1 : l->start,
                                   XL_COUNT, "year", isnan(l->start) ? "default" : src, 0,
                                   MLROI_MAX_YEARS);
            snprintf(label, sizeof label, XT(c, "%s: last year (blank: the horizon)"), l->name);
            lr->end = line_input(c, row++, i, "end", label, l->end, XL_COUNT, "year",
                                 isnan(l->end) ? "blank: follows business_case.horizon_years"
                                               : src, 0, MLROI_MAX_YEARS);
            snprintf(label, sizeof label, XT(c, "%s: escalation a year"), l->name);
            lr->esc = line_input(c, row++, i, "escalation", label, l->escalation, XL_PCT,
                                 "fraction", src, -0.999999999, INFINITY);
            if (l->ramp_count) {
                lr->ramp0 = row;
                lr->ramp_n = l->ramp_count;
                for (size_t k = 0; k < l->ramp_count; k++, row++) {
                    snprintf(field, sizeof field, "ramp[%zu]", k);
                    snprintf(label, sizeof label, XT(c, "%s: share in its year %zu%s"), l->name,
                             k + 1, k + 1 == l->ramp_count ? XT(c, " and after") : "");
                    line_input(c, row, i, field, label, l->ramp[k], XL_PCT, "fraction", src,
                               0, INFINITY);
                }
            }
        }
        snprintf(label, sizeof label, XT(c, "%s: risk (blank: the case's)"), l->name);
        lr->risk = line_input(c, row++, i, "risk", label, l->risk, XL_PCT, "fraction",
                              isnan(l->risk) ? (l->kind == MLROI_LINE_BENEFIT
                                                ? "blank: follows business_case.benefit_risk"
                                                : "blank: follows business_case.cost_risk")
                                             : src, 0, INFINITY);
    }
    return row;
}

static lxw_row_t write_array_inputs(xl_ctx *c, lxw_row_t row)
{
    const mlroi_scenario *s = c->s;
    bool bc_live = c->r->bcase.present, tco_live = c->r->tco.present;
    char key[192], label[192];

    if (c->r->bcase.present) {
        row = section_row(c, row, XT(c, "Benefit ramp: share of the full yearly benefit realised "
                                        "in year t (the last value repeats)"));
        c->ramp_row = row;
        c->ramp_rows = s->bc.ramp_count ? s->bc.ramp_count : 1;
        for (size_t i = 0; i < c->ramp_rows; i++, row++) {
            double v = s->bc.ramp_count ? s->bc.benefit_ramp[i] : 1.0;
            snprintf(key, sizeof key, "business_case.benefit_ramp[%zu]", i);
            snprintf(label, sizeof label, XT(c, "benefit share in year %zu%s"), i + 1,
                     i + 1 == c->ramp_rows ? XT(c, " and after") : "");
            list_input(c, row, key, label, v, c->fmt[XL_PCT][bc_live], "fraction",
                       s->bc.ramp_count ? "scenario file" : "default", INFINITY);
        }
        if (s->bc.other_count) {
            row = section_row(c, row, XT(c, "Other yearly benefits (annual amount and its risk "
                                            "haircut)"));
            c->other_row = row;
            for (size_t i = 0; i < s->bc.other_count; i++) {
                const mlroi_other_benefit *o = &s->bc.other_benefits[i];
                snprintf(key, sizeof key, "business_case.other_benefits[%zu].annual", i);
                list_input(c, row, key, o->name, o->annual, c->fmt[XL_MONEY][1], "per year",
                           "scenario file", INFINITY);
                row++;
                snprintf(key, sizeof key, "business_case.other_benefits[%zu].risk", i);
                snprintf(label, sizeof label, XT(c, "%s: risk haircut"), o->name);
                if (isnan(o->risk)) {
                    in_blank(c, row, c->fmt[XL_PCT][1]);
                    input_row_text(c, row, key, label, "fraction",
                                   "blank: follows business_case.benefit_risk");
                } else {
                    in_num(c, row, o->risk, c->fmt[XL_PCT][1]);
                    input_row_text(c, row, key, label, "fraction", "scenario file");
                }
                add_range_validation(c, row, false, 0, 0.999999999);
                row++;
            }
        }
    }
    if (c->lines)
        row = write_line_inputs(c, row);
    if (c->r->tco.present && s->tco.workload_count) {
        row = section_row(c, row, XT(c, "TCO workloads (rate per hour, instances, hours per "
                                        "month)"));
        c->workload_row = row;
        for (size_t i = 0; i < s->tco.workload_count; i++) {
            const mlroi_workload *w = &s->tco.workloads[i];
            double rate = w->instance ? mlroi_benchmarks_rate(c->r->benchmarks, s, w->instance)
                                      : w->hourly_rate;
            char src[192];
            if (w->instance)
                snprintf(src, sizeof src, XT(c, "catalog rate of %s"), w->instance);
            else
                snprintf(src, sizeof src, XT(c, "scenario file"));
            snprintf(key, sizeof key, "tco.workloads[%zu].hourly_rate", i);
            snprintf(label, sizeof label, XT(c, "%s: rate"), w->name);
            list_input(c, row, key, label, rate, c->fmt[XL_CENTS][tco_live], "per hour", src,
                       INFINITY);
            row++;
            snprintf(key, sizeof key, "tco.workloads[%zu].instances", i);
            snprintf(label, sizeof label, XT(c, "%s: instances"), w->name);
            list_input(c, row, key, label, w->instances, c->fmt[XL_NUM][tco_live], "instances",
                       "scenario file", INFINITY);
            row++;
            snprintf(key, sizeof key, "tco.workloads[%zu].hours_per_month", i);
            snprintf(label, sizeof label, XT(c, "%s: hours per month"), w->name);
            list_input(c, row, key, label, w->hours_per_month, c->fmt[XL_NUM][tco_live],
                       "hours per month", "scenario file", 744);
            row++;
        }
    }
    if (c->r->tco.present && s->tco.license_count) {
        row = section_row(c, row, XT(c, "Licences"));
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
        row = section_row(c, row, XT(c, "One-time costs (month 0)"));
        c->one_time_row = row;
        for (size_t i = 0; i < s->tco.one_time_count; i++, row++) {
            const mlroi_one_time *o = &s->tco.one_time[i];
            snprintf(key, sizeof key, "tco.one_time[%zu].amount", i);
            list_input(c, row, key, o->name, o->amount, c->fmt[XL_MONEY][tco_live], "once",
                       "scenario file", INFINITY);
        }
    }
    if (s->tco.catalog_count) {
        row = section_row(c, row, XT(c, "Catalog rates set by the scenario (used through the "
                                        "workload rates above)"));
        for (size_t i = 0; i < s->tco.catalog_count; i++, row++) {
            snprintf(key, sizeof key, "tco.catalog.%s", s->tco.catalog[i].id);
            in_num(c, row, s->tco.catalog[i].hourly_rate,
                           c->fmt[XL_CENTS][0]);
            input_row_text(c, row, key, s->tco.catalog[i].id, "per hour", "scenario file");
        }
    }
    if (s->has_chargeback && s->chargeback.unit_count) {
        bool cb_live = c->r->chargeback.present;
        row = section_row(c, row, XT(c, "Chargeback units (models per unit)"));
        c->cb_units_row = row;
        for (size_t i = 0; i < s->chargeback.unit_count; i++, row++) {
            char name[XL_NAME_LEN];
            snprintf(key, sizeof key, "chargeback.units[%zu].models", i);
            in_num(c, row, s->chargeback.units[i].models,
                           c->fmt[XL_NUM][cb_live]);
            input_row_text(c, row, key, s->chargeback.units[i].name, "models", "scenario file");
            if (!cb_live)
                continue;
            /* Named like the key, so that a unit's models can be found and changed. */
            snprintf(name, sizeof name, "chargeback_units_%zu_models", i);
            mlroi_xlsx_define(c, name, key, XL_INPUTS, row, IN_VALUE, row, IN_VALUE);
            mlroi_xlsx_text(c, c->inputs, row, IN_NAME, c->names[c->name_count - 1].name,
                            NULL);
            add_range_validation(c, row, false, 0, INFINITY);
        }
    }
    return row;
}

void mlroi_xlsx_inputs(xl_ctx *c)
{
    lxw_worksheet *ws = c->inputs;
    static const char *const heads[] = {XN_("Key"), XN_("Input"), XN_("Value"), XN_("Unit"),
                                        XN_("Source"), XN_("Defined name"),
                                        XN_("At generation")};
    lxw_row_t row;

    mlroi_xlsx_sheet_setup(c, ws, XT(c, "Inputs"),
                           XT(c, "Blue cells on a light fill are inputs: change one and every "
                                 "sheet recomputes. Black values are fixed in this workbook "
                                 "(regenerate it with mlroi report --set to change them)."));
    for (lxw_col_t col = 0; col < 7; col++)
        mlroi_xlsx_text(c, ws, IN_FIRST_ROW - 1, col, XT(c, heads[col]), c->f_header);
    worksheet_freeze_panes(ws, IN_FIRST_ROW, 0);
    mlroi_xlsx_check(c, worksheet_set_column(ws, IN_KEY, IN_KEY, 38, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(ws, IN_LABEL, IN_LABEL, 34, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(ws, IN_VALUE, IN_VALUE, 16, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(ws, IN_UNIT, IN_UNIT, 22, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(ws, IN_SOURCE, IN_SOURCE, 56, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(ws, IN_NAME, IN_NAME, 30, NULL));
    mlroi_xlsx_check(c, worksheet_set_column(ws, IN_GEN, IN_GEN, 16, NULL));
    worksheet_repeat_rows(ws, IN_FIRST_ROW - 1, IN_FIRST_ROW - 1);
    row = write_scalar_inputs(c, IN_FIRST_ROW);
    if (c->maturity)
        row = write_answers(c, row);
    row = write_array_inputs(c, row);
    c->inputs_first = IN_FIRST_ROW;
    c->inputs_last = row;
}

