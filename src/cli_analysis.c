/* SPDX-License-Identifier: MIT */
/* The what-if commands: compare, sweep, tornado, grid, breakeven, montecarlo, and the gates. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>
#include "mlroi/analysis.h"
#include "mlroi/format.h"
#include "mlroi/gate.h"
#include "mlroi/render.h"
#include "mlroi/shortest.h"
#include "mlroi/report.h"

#define COMMON_HELP CLI_COMMON_HELP("'npv<0' (repeatable)")

/* ------------------------------------------------------------------------------------------
 * Small helpers
 * ------------------------------------------------------------------------------------------ */

static int finish_output(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("error writing to standard output");
        return CLI_EXIT_FAILURE;
    }
    return rc;
}

/* Columns a UTF-8 string takes on a terminal (one per code point; good enough for the
 * currency symbols and labels printed here). */
static size_t text_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

static void put_padded(const char *s, size_t width, bool left)
{
    size_t w = text_width(s);
    if (!left)
        for (; w < width; w++)
            fputc(' ', stdout);
    fputs(s, stdout);
    if (left)
        for (; w < width; w++)
            fputc(' ', stdout);
}

/* A metric value for people, by its unit. */
static const char *fmt_metric(char *buf, size_t size, double v, mlroi_unit_kind unit,
                              const char *currency)
{
    if (!isfinite(v))
        return snprintf(buf, size, "n/a"), buf;
    switch (unit) {
    case MLROI_U_MONEY: return mlroi_fmt_money(buf, size, v, currency);
    case MLROI_U_PERCENT: return mlroi_fmt_percent(buf, size, v, 1);
    case MLROI_U_RATE: return mlroi_fmt_percent(buf, size, v * 100.0, 1);
    case MLROI_U_MONTHS: return mlroi_fmt_months(buf, size, v);
    case MLROI_U_COUNT: return mlroi_fmt_number(buf, size, v, 0);
    }
    return mlroi_fmt_number(buf, size, v, 2);
}

/* A compact form for wide tables (grids, histograms). */
static const char *fmt_metric_short(char *buf, size_t size, double v, mlroi_unit_kind unit,
                                    const char *currency)
{
    if (isfinite(v) && unit == MLROI_U_MONEY)
        return mlroi_fmt_money_short(buf, size, v, currency);
    if (isfinite(v) && unit == MLROI_U_MONTHS)
        return mlroi_fmt_number(buf, size, v, 1);
    return fmt_metric(buf, size, v, unit, currency);
}

/* A signed difference: "+$12,000", "-3.5 pp", "+2.0 months". */
static const char *fmt_delta(char *buf, size_t size, double d, mlroi_unit_kind unit,
                             const char *currency)
{
    char body[64];
    if (!isfinite(d))
        return snprintf(buf, size, "n/a"), buf;
    switch (unit) {
    case MLROI_U_MONEY:
        mlroi_fmt_money(body, sizeof body, fabs(d), currency);
        break;
    case MLROI_U_PERCENT:
        snprintf(body, sizeof body, "%.1f pp", fabs(d));
        break;
    case MLROI_U_RATE:
        snprintf(body, sizeof body, "%.1f pp", fabs(d) * 100.0);
        break;
    case MLROI_U_MONTHS:
        snprintf(body, sizeof body, "%.1f months", fabs(d));
        break;
    case MLROI_U_COUNT:
        snprintf(body, sizeof body, "%.0f", fabs(d));
        break;
    }
    /* No sign on a difference that rounds to nothing. */
    if (strcmp(body, "0") == 0 || strcmp(body, "0.0 pp") == 0 ||
        strcmp(body, "0.0 months") == 0 || (unit == MLROI_U_MONEY && fabs(d) < 0.5))
        snprintf(buf, size, "%s", body);
    else
        snprintf(buf, size, "%s%s", d < 0 ? "-" : "+", body);
    return buf;
}

/* An input's value for a table cell, in its own unit. S (may be NULL) resolves array fields;
 * resolving only reads it. */
static const char *fmt_input(char *buf, size_t size, double v, const char *path,
                             const mlroi_scenario *s, const char *currency)
{
    const char *label;
    cli_input_unit u = cli_input_unit_of((mlroi_scenario *)s, path, &label);
    return cli_fmt_input_value(buf, size, v, u, label, currency, false);
}

/* The same for an answer: cents, two decimals and the unit word ("5.62 people"). */
static const char *fmt_answer(char *buf, size_t size, double v, const char *path,
                              const mlroi_scenario *s)
{
    const char *label;
    cli_input_unit u = cli_input_unit_of((mlroi_scenario *)s, path, &label);
    return cli_fmt_input_value(buf, size, v, u, label, s->currency, true);
}

/* A column heading: the path and its unit. */
static const char *input_heading(char *buf, size_t size, const char *path,
                                 const mlroi_scenario *s)
{
    const char *label;
    cli_input_unit u = cli_input_unit_of((mlroi_scenario *)s, path, &label);
    return cli_input_heading(buf, size, path, u, label, s->currency);
}

/* Split "a,b,c" into doubles. Returns false after a usage error. */
static bool parse_value_list(const cli_common *c, const char *opt, const char *text,
                             double **out, size_t *count)
{
    size_t n = 1, k = 0;
    const char *p;
    double *v;
    for (p = text; *p; p++)
        if (*p == ',')
            n++;
    if (n > MLROI_SWEEP_MAX_POINTS) {
        cli_usage_error(c, "%s: %zu values is more than the limit of %u", opt, n,
                        MLROI_SWEEP_MAX_POINTS);
        return false;
    }
    v = malloc(n * sizeof *v);
    if (v == NULL) {
        cli_error("out of memory");
        return false;
    }
    p = text;
    while (k < n) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char item[64], *stop;
        if (len == 0 || len >= sizeof item) {
            cli_usage_error(c, "%s expects numbers separated by commas, got '%s'", opt, text);
            free(v);
            return false;
        }
        memcpy(item, p, len);
        item[len] = '\0';
        errno = 0;
        v[k] = strtod(item, &stop) + 0.0;   /* -0 becomes 0 */
        if (*stop != '\0' || stop == item || errno == ERANGE || !isfinite(v[k])) {
            cli_usage_error(c, "%s: '%s' is not a number", opt, item);
            free(v);
            return false;
        }
        k++;
        p = end ? end + 1 : p + len;
    }
    *out = v;
    *count = n;
    return true;
}

/* Split "a,b,c" into strings pointing into a copy; *copy must be freed. */
static bool split_names(const char *text, char **copy, const char ***names, size_t *count)
{
    size_t n = 1, k = 0;
    char *p;
    *copy = strdup(text);
    if (*copy == NULL)
        return false;
    for (p = *copy; *p; p++)
        if (*p == ',')
            n++;
    *names = calloc(n, sizeof **names);
    if (*names == NULL)
        return false;
    p = *copy;
    for (;;) {
        char *end = strchr(p, ',');
        if (end)
            *end = '\0';
        while (*p == ' ')
            p++;
        if (*p)
            (*names)[k++] = p;
        if (!end)
            break;
        p = end + 1;
    }
    *count = k;
    return true;
}

/* Which section a metric needs, or NULL when R has it. */
static const char *missing_section(const mlroi_result *r, const mlroi_metric_info *m)
{
    if (m->id <= MLROI_M_UNADJUSTED_ROI_PERCENT)
        return r->bcase.present ? NULL : "roi";
    if (m->id <= MLROI_M_TOTAL_BENEFITS)
        return r->roi.present ? NULL : "roi";
    if (m->id <= MLROI_M_MONTHLY_CLOUD)
        return r->tco.present ? NULL : "tco";
    if (m->id <= MLROI_M_TEAM_HEADCOUNT)
        return r->team.present ? NULL : "team";
    return r->maturity.present ? NULL : "maturity";
}

/* A --metric NAME: CLI_EXIT_OK when it is absent or known, else a usage error with the names. */
static int check_metric(const cli_common *c, const char *name)
{
    char names[1024];
    if (name == NULL || mlroi_metric_find(name) != NULL)
        return CLI_EXIT_OK;
    mlroi_metric_names(names, sizeof names);
    return cli_usage_error(c, "unknown metric '%s'; known metrics: %s", name, names);
}

/* The --param PATH (required) and --metric NAME of sweep and breakeven. */
static int check_param_metric(const cli_common *c, const char *param, const char *metric)
{
    if (param == NULL)
        return cli_usage_error(c, "--param PATH is required");
    return check_metric(c, metric);
}

/* An optional whole-number option: *out is left alone when TEXT is NULL. Returns false after
 * a usage error. */
static bool parse_whole(const cli_common *c, const char *opt, const char *text, long min,
                        long max, long *out)
{
    return text == NULL || cli_parse_int(c, opt, text, min, max, out);
}

/* A cell after the first of a CSV row. */
static void csv_next(double v)
{
    fputc(',', stdout);
    cli_csv_num(stdout, v);
}

/* One row of a text table, cells two spaces apart, right-aligned but for the first when
 * FIRST_LEFT. Tables are drawn in two passes: the first (print false) only widens W to fit
 * every cell, the second prints. */
static void table_row(size_t *w, const char *const *cells, size_t n, bool print,
                      bool first_left)
{
    for (size_t k = 0; k < n; k++) {
        if (!print) {
            w[k] = fmax(w[k], text_width(cells[k]));
        } else {
            fputs(k ? "  " : "", stdout);
            put_padded(cells[k], w[k], first_left && k == 0);
        }
    }
}

/* ------------------------------------------------------------------------------------------
 * Gates
 * ------------------------------------------------------------------------------------------ */

/* Payback-like metrics: "never" (NAN) is later than any month. */
static bool nan_means_never(const char *name)
{
    char base[MLROI_GATE_NAME_MAX];
    const char *dot = strchr(name, '.');
    const mlroi_metric_info *m;
    snprintf(base, sizeof base, "%.*s", dot ? (int)(dot - name) : (int)strlen(name), name);
    m = mlroi_metric_find(base);
    return m != NULL && m->never_is_infinite;
}

int cli_gates(const cli_common *c, cli_metric_lookup lookup, void *ctx)
{
    mlroi_gate *gates;
    double *values;
    int rc = CLI_EXIT_OK;

    if (c->fail_if_count == 0)
        return CLI_EXIT_OK;
    gates = calloc(c->fail_if_count, sizeof *gates);
    values = calloc(c->fail_if_count, sizeof *values);
    if (gates == NULL || values == NULL) {
        cli_error("out of memory");
        rc = CLI_EXIT_FAILURE;
        goto cleanup;
    }
    /* Every expression is checked before any is judged, so a typo is never hidden. */
    for (size_t i = 0; i < c->fail_if_count; i++) {
        char msg[256];
        if (mlroi_gate_parse(c->fail_if[i], &gates[i], msg, sizeof msg) != MLROI_OK) {
            rc = cli_usage_error(c, "--fail-if '%s': %s", c->fail_if[i], msg);
            goto cleanup;
        }
        if (!lookup(ctx, gates[i].metric, &values[i])) {
            char names[1024];
            mlroi_metric_names(names, sizeof names);
            rc = cli_usage_error(c, "--fail-if '%s': unknown metric '%s'; known: %s",
                                 c->fail_if[i], gates[i].metric, names);
            goto cleanup;
        }
    }
    for (size_t i = 0; i < c->fail_if_count; i++) {
        char text[160], num[64];
        mlroi_gate_outcome out = mlroi_gate_test(&gates[i], values[i],
                                                 nan_means_never(gates[i].metric));
        mlroi_gate_format(&gates[i], text, sizeof text);
        if (out == MLROI_GATE_HELD) {
            if (isnan(values[i]))
                cli_error("gate held: %s (%s: never within the horizon)", text, gates[i].metric);
            else
                cli_error("gate held: %s (%s = %s)", text, gates[i].metric,
                          mlroi_fmt_exact(num, sizeof num, values[i]));
            rc = CLI_EXIT_GATE;
        } else if (out == MLROI_GATE_UNDEFINED) {
            cli_error("gate held: %s (%s is undefined, which counts as failing)", text,
                      gates[i].metric);
            rc = CLI_EXIT_GATE;
        }
    }
cleanup:
    free(gates);
    free(values);
    return rc;
}

bool cli_lookup_result(void *ctx, const char *name, double *value)
{
    return mlroi_metric_get(ctx, name, value);
}

/* Fail early (before a long computation) on a gate that could never be judged. */
static int precheck_gates(const cli_common *c, bool allow_mc_stats)
{
    for (size_t i = 0; i < c->fail_if_count; i++) {
        mlroi_gate g;
        char msg[256];
        bool known;
        if (mlroi_gate_parse(c->fail_if[i], &g, msg, sizeof msg) != MLROI_OK)
            return cli_usage_error(c, "--fail-if '%s': %s", c->fail_if[i], msg);
        known = mlroi_metric_find(g.metric) != NULL;
        if (!known && allow_mc_stats) {
            /* Ask an empty result whether the name exists. */
            static const char *const mc_names[MLROI_MC_METRICS] = {
                "npv", "roi_percent", "payback_months", "irr"
            };
            mlroi_mc_result probe;
            double v;
            memset(&probe, 0, sizeof probe);
            for (int m = 0; m < MLROI_MC_METRICS; m++)
                probe.metrics[m].metric = mlroi_metric_find(mc_names[m]);
            known = mlroi_mc_stat_get(&probe, g.metric, &v);
        }
        if (!known) {
            char names[1024];
            mlroi_metric_names(names, sizeof names);
            return cli_usage_error(c, "--fail-if '%s': unknown metric '%s'; known: %s%s",
                                   c->fail_if[i], g.metric, names,
                                   allow_mc_stats ? ", p_npv_positive, "
                                   "p_payback_within_horizon, and METRIC.STAT such as npv.p10"
                                   : "");
        }
    }
    return CLI_EXIT_OK;
}

/* ------------------------------------------------------------------------------------------
 * What every command here shares: one scenario, its evaluation as written, and the output
 * ------------------------------------------------------------------------------------------ */

/* The state of a command run on one scenario file. */
typedef struct what_if {
    cli_common c;
    mlroi_scenario *s;
    mlroi_result base;      /* the scenario as written, for the gates */
    bool have_base;
    mlroi_diags d;
} what_if;

/* A command's three renderings of its result; json and text return an exit code. */
typedef struct output_fns {
    int (*json)(const mlroi_scenario *s, const void *res);
    void (*csv)(const void *res);
    int (*text)(const mlroi_scenario *s, const void *res);
} output_fns;

/* Print RES in the format asked for. Returns an exit code. */
static int print_result(const cli_common *c, const output_fns *out, const mlroi_scenario *s,
                        const void *res)
{
    if (c->format == CLI_FMT_JSON)
        return out->json(s, res);
    if (c->format == CLI_FMT_TEXT)
        return out->text(s, res);
    out->csv(res);
    return CLI_EXIT_OK;
}

/* Parse the options and insist on one scenario file. Returns -1 to go on, else an exit code;
 * what_if_free is due either way. */
static int what_if_begin(what_if *w, int argc, char **argv, const cli_opt *opts,
                         const char *usage)
{
    int rc;
    memset(w, 0, sizeof *w);
    rc = cli_parse(argc, argv, opts, usage, &w->c);
    if (rc >= 0)
        return rc;
    if (w->c.file_count != 1)
        return cli_usage_error(&w->c, "%s takes exactly one scenario file", w->c.command);
    return -1;
}

/* Check the gates' names, then load and evaluate the scenario as written. */
static int what_if_load(what_if *w, bool allow_mc_stats)
{
    int rc = precheck_gates(&w->c, allow_mc_stats);
    if (rc != CLI_EXIT_OK)
        return rc;
    rc = cli_evaluate(&w->c, w->c.files[0], &w->s, &w->base);
    w->have_base = rc == CLI_EXIT_OK;
    return rc;
}

/* The scenario must have the section METRIC (default npv) is computed from. */
static int what_if_needs(const what_if *w, const char *metric)
{
    const mlroi_metric_info *m = mlroi_metric_find(metric ? metric : "npv");
    const char *sec = missing_section(&w->base, m);
    if (sec == NULL)
        return CLI_EXIT_OK;
    return cli_usage_error(&w->c, "%s: the scenario has no \"%s\" section, which %s needs",
                           w->c.files[0], sec, m->name);
}

/* Print RES, then judge the gates (against the scenario as written unless LOOKUP is given)
 * and make sure the output was written. */
static int what_if_finish(what_if *w, const output_fns *out, const void *res,
                          cli_metric_lookup lookup, void *ctx)
{
    int rc = print_result(&w->c, out, w->s, res);
    if (rc == CLI_EXIT_OK && w->c.fail_if_count)
        rc = lookup ? cli_gates(&w->c, lookup, ctx)
                    : cli_gates(&w->c, cli_lookup_result, &w->base);
    return finish_output(rc);
}

static void what_if_free(what_if *w)
{
    if (w->have_base)
        mlroi_result_free(&w->base);
    mlroi_scenario_free(w->s);
    mlroi_diags_free(&w->d);
    cli_common_free(&w->c);
}

/* ------------------------------------------------------------------------------------------
 * compare
 * ------------------------------------------------------------------------------------------ */

static const char compare_usage[] =
    "Usage: mlroi compare FILE[@KEY=VALUE,...] FILE[@KEY=VALUE,...]... [OPTIONS]\n"
    "Show several scenarios' headline figures side by side, with each one's difference to\n"
    "the first (and, for money, that difference in percent): NPV, PV ROI,\n"
    "payback, IRR, 3-year cost (the business case's risk-adjusted costs of years 0 to 3,\n"
    "undiscounted) and maturity level. Columns are headed by the scenarios' names, shortened\n"
    "and made unique.\n"
    "FILE@KEY=VALUE,KEY=VALUE is a variant of FILE with those changes (as --set gives them),\n"
    "so a scenario can be compared with itself: compare plan.json plan.json@roi.team_size=9.\n"
    "--set applies to every column.\n"
    "Deltas between scenarios in different currencies are left out (n/a): no conversion\n"
    "is ever made. A --fail-if gate is checked against every scenario.\n\n"
    "Options:\n" COMMON_HELP;

static const mlroi_metric_id compare_ids[] = {
    MLROI_M_NPV, MLROI_M_ROI_PERCENT, MLROI_M_PAYBACK_MONTHS, MLROI_M_IRR, MLROI_M_COST_3Y,
    MLROI_M_MATURITY_LEVEL
};
#define COMPARE_N (sizeof compare_ids / sizeof compare_ids[0])

typedef struct compare_row {
    const char *file;        /* the argument as given, with its @changes */
    char name[128];
    char label[96];          /* the column's heading: the name shortened, unique */
    const char *changes;     /* "roi.team_size=9" after the @, or NULL */
    char currency[4];
    double v[COMPARE_N];
} compare_row;

static double compare_delta(const compare_row *rows, size_t i, size_t m)
{
    const mlroi_metric_info *info = &mlroi_metrics(NULL)[compare_ids[m]];
    if (info->unit == MLROI_U_MONEY && strcmp(rows[i].currency, rows[0].currency) != 0)
        return NAN;
    return rows[i].v[m] - rows[0].v[m];
}


/* Every scenario's row, for the renderers. */
typedef struct compare_table {
    const compare_row *rows;
    size_t count;
} compare_table;

static int compare_json(const mlroi_scenario *s, const void *res)
{
    const compare_table *t = res;
    const mlroi_metric_info *metrics = mlroi_metrics(NULL);
    cJSON *root = cJSON_CreateObject(), *list = cJSON_AddArrayToObject(root, "scenarios");
    cJSON *names = cJSON_AddArrayToObject(root, "metrics");
    (void)s;
    for (size_t m = 0; m < COMPARE_N; m++)
        cJSON_AddItemToArray(names, cJSON_CreateString(metrics[compare_ids[m]].name));
    for (size_t i = 0; i < t->count; i++) {
        cJSON *o = cJSON_CreateObject(), *vals, *delta;
        cJSON_AddStringToObject(o, "file", t->rows[i].file);
        cJSON_AddStringToObject(o, "name", t->rows[i].name);
        cJSON_AddStringToObject(o, "label", t->rows[i].label);
        if (t->rows[i].changes)
            cJSON_AddStringToObject(o, "changes", t->rows[i].changes);
        else
            cJSON_AddNullToObject(o, "changes");
        cJSON_AddStringToObject(o, "currency", t->rows[i].currency);
        vals = cJSON_AddObjectToObject(o, "values");
        for (size_t m = 0; m < COMPARE_N; m++)
            cli_json_num(vals, metrics[compare_ids[m]].name, t->rows[i].v[m]);
        if (i == 0) {
            cJSON_AddNullToObject(o, "delta");
        } else {
            delta = cJSON_AddObjectToObject(o, "delta");
            for (size_t m = 0; m < COMPARE_N; m++)
                cli_json_num(delta, metrics[compare_ids[m]].name, compare_delta(t->rows, i, m));
        }
        cJSON_AddItemToArray(list, o);
    }
    return cli_json_print(root);
}

static void compare_csv(const void *res)
{
    const compare_table *t = res;
    const mlroi_metric_info *metrics = mlroi_metrics(NULL);
    fputs("file,name,metric,value,delta_to_first\n", stdout);
    for (size_t i = 0; i < t->count; i++)
        for (size_t m = 0; m < COMPARE_N; m++) {
            cli_csv_str(stdout, t->rows[i].file);
            fputc(',', stdout);
            cli_csv_str(stdout, t->rows[i].name);
            fprintf(stdout, ",%s,", metrics[compare_ids[m]].name);
            bool money = metrics[compare_ids[m]].unit == MLROI_U_MONEY;
            cli_csv_figure(stdout, t->rows[i].v[m], money);
            fputc(',', stdout);
            if (i > 0)
                cli_csv_figure(stdout, compare_delta(t->rows, i, m), money);
            fputc('\n', stdout);
        }
}

/* One line of the side-by-side table: the heading (M == COMPARE_N) or metric M. Column 0 is
 * the label, then the first scenario's value, then each other's value and delta. */
static void compare_cells(const compare_table *t, size_t m, char (*buf)[128],
                          const char **cells)
{
    const mlroi_metric_info *info = m < COMPARE_N ? &mlroi_metrics(NULL)[compare_ids[m]] : NULL;
    cells[0] = info ? info->label : "";
    for (size_t i = 0; i < t->count; i++) {
        const compare_row *r = &t->rows[i];
        size_t col = i == 0 ? 1 : 2 * i;
        if (info == NULL) {
            cells[col] = r->label;
            if (i > 0)
                cells[col + 1] = "vs first";
            continue;
        }
        cells[col] = fmt_metric(buf[col], sizeof buf[col], r->v[m], info->unit, r->currency);
        if (i > 0) {
            double d = compare_delta(t->rows, i, m), base = t->rows[0].v[m];
            char *b = buf[col + 1];
            size_t n;
            fmt_delta(b, sizeof buf[col + 1], d, info->unit, r->currency);
            n = strlen(b);
            /* Money also as a share of the first: "+$19,829 (+47.0 %)". */
            if (info->unit == MLROI_U_MONEY && isfinite(d) &&
                isfinite(base) && base != 0 && (b[0] == '+' || b[0] == '-'))
                snprintf(b + n, sizeof buf[col + 1] - n, " (%+.1f %%)", 100.0 * d / fabs(base));
            cells[col + 1] = b;
        }
    }
}

static int compare_text(const mlroi_scenario *s, const void *res)
{
    const compare_table *t = res;
    size_t ncols = 2 * t->count;
    size_t *w = calloc(ncols, sizeof *w);
    char (*buf)[128] = malloc(ncols * sizeof *buf);
    const char **cells = malloc(ncols * sizeof *cells);
    int rc = CLI_EXIT_OK;

    (void)s;
    if (w == NULL || buf == NULL || cells == NULL) {
        cli_error("out of memory");
        rc = CLI_EXIT_FAILURE;
        goto cleanup;
    }
    for (int pass = 0; pass < 2; pass++)
        for (size_t line = 0; line <= COMPARE_N; line++) {   /* the heading first */
            compare_cells(t, line == 0 ? COMPARE_N : line - 1, buf, cells);
            table_row(w, cells, ncols, pass == 1, true);
            if (pass == 1)
                fputc('\n', stdout);
        }
    fputc('\n', stdout);
    for (size_t i = 0; i < t->count; i++)
        printf("%s: %s\n", t->rows[i].file, t->rows[i].name);
cleanup:
    free(w);
    free(buf);
    free((void *)cells);
    return rc;
}

static const output_fns compare_output = { compare_json, compare_csv, compare_text };

/* One column of compare: a file, and the changes written after its @ as extra overrides. */
typedef struct variant {
    cli_common c;            /* the command's options with the overrides of this column */
    const char *file;
    char *copy;              /* the argument, cut into file and KEY=VALUE pieces */
    const char *changes;     /* into copy: the text after the @, or NULL */
    mlroi_override *ov;
} variant;

static void variant_free(variant *v)
{
    free(v->copy);
    free(v->ov);
    memset(v, 0, sizeof *v);
}

/* ARG is FILE, or FILE@KEY=VALUE,KEY=VALUE when ARG itself is no file. Commas inside [...]
 * belong to a line's name. Returns CLI_EXIT_OK or a usage error (V is freed either way by
 * variant_free). */
static int variant_parse(const cli_common *c, const char *arg, variant *v)
{
    struct stat st;
    char *at, *p;
    size_t n = 0;

    memset(v, 0, sizeof *v);
    v->c = *c;
    v->file = arg;
    if (stat(arg, &st) == 0 || (at = strchr(arg, '@')) == NULL)
        return CLI_EXIT_OK;   /* a file (or a missing one, which the loader reports) */
    v->copy = strdup(arg);
    v->ov = calloc(c->override_count + strlen(arg), sizeof *v->ov);
    if (v->copy == NULL || v->ov == NULL) {
        cli_error("out of memory");
        return CLI_EXIT_FAILURE;
    }
    if (c->override_count > 0)
        memcpy(v->ov, c->overrides, c->override_count * sizeof *v->ov);
    n = c->override_count;
    v->changes = at + 1;   /* in ARG, which outlives the copy */
    at = v->copy + (at - arg);
    *at = '\0';
    v->file = v->copy;
    for (p = at + 1;;) {
        char *end = p, *eq;
        int depth = 0;
        while (*end && (depth > 0 || *end != ',')) {
            depth += *end == '[' ? 1 : *end == ']' ? -1 : 0;
            end++;
        }
        eq = memchr(p, '=', (size_t)(end - p));
        if (eq == NULL || eq == p)
            return cli_usage_error(c, "'%s': expected FILE@KEY=VALUE[,KEY=VALUE...]", arg);
        *eq = '\0';
        v->ov[n].path = p;
        v->ov[n].value = eq + 1;
        n++;
        if (*end == '\0')
            break;
        *end = '\0';
        p = end + 1;
    }
    v->c.overrides = v->ov;
    v->c.override_count = n;
    return CLI_EXIT_OK;
}

/* A scenario's name cut to what tells it apart: before a colon, a dash or a comma when what
 * is left is long enough, and at most 28 characters. */
static void short_name(const char *name, char *out, size_t size)
{
    size_t n = strlen(name), cut = n;
    const char *seps[] = { ": ", " - ", ", ", " (" };
    for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
        const char *hit = strstr(name, seps[k]);
        if (hit && (size_t)(hit - name) >= 8 && (size_t)(hit - name) < cut)
            cut = (size_t)(hit - name);
    }
    if (cut > 28) {
        /* At a word when there is one in the last third, then an ellipsis. */
        size_t w = 27;
        while (w > 18 && name[w] != ' ')
            w--;
        cut = name[w] == ' ' ? w : 27;
        snprintf(out, size, "%.*s...", (int)cut, name);
        return;
    }
    snprintf(out, size, "%.*s", (int)cut, name);
}

/* Every row's heading: its short name, with its changes (keys without their section) for a
 * variant, numbered when two are still the same. */
static void compare_labels(compare_row *rows, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        compare_row *r = &rows[i];
        size_t n;
        bool again = false;
        short_name(r->name, r->label, sizeof r->label);
        for (size_t j = 0; j < i && !again; j++)
            again = strcmp(rows[j].name, r->name) == 0;
        if (r->changes) {
            const char *p = r->changes;
            /* A variant of a scenario already shown is headed by its changes alone. */
            if (again)
                r->label[0] = '\0';
            else
                strcat(r->label, " @ ");
            n = strlen(r->label);
            while (*p && (n = strlen(r->label)) < sizeof r->label - 1) {
                /* "roi.team_size=9" reads "team_size=9". */
                const char *end = p, *key = p, *eq = NULL;
                int depth = 0;
                while (*end && (depth > 0 || *end != ',')) {
                    depth += *end == '[' ? 1 : *end == ']' ? -1 : 0;
                    if (*end == '=' && eq == NULL)
                        eq = end;
                    if (*end == '.' && depth == 0 && eq == NULL && key == p)
                        key = end + 1;   /* without its section: "lines[1].risk" */
                    end++;
                }
                snprintf(r->label + n, sizeof r->label - n, "%s%.*s", p == r->changes ? "" : ", ",
                         (int)(end - key), key);
                p = *end ? end + 1 : end;
            }
        }
    }
    for (size_t i = 1; i < count; i++) {
        int k = 1;
        for (size_t j = 0; j < i; j++)
            if (strcmp(rows[j].label, rows[i].label) == 0)
                k++;
        if (k > 1) {
            size_t n = strlen(rows[i].label);
            if (n > sizeof rows[i].label - 8)
                n = sizeof rows[i].label - 8;
            snprintf(rows[i].label + n, sizeof rows[i].label - n, " (%d)", k);
        }
    }
}

int cli_cmd_compare(int argc, char **argv)
{
    cli_common c;
    compare_row *rows = NULL;
    int rc = cli_parse(argc, argv, NULL, compare_usage, &c);

    if (rc >= 0)
        goto done;
    rc = CLI_EXIT_OK;
    if (c.file_count < 2) {
        rc = cli_usage_error(&c, "compare needs at least two scenario files");
        goto done;
    }
    rc = precheck_gates(&c, false);
    if (rc != CLI_EXIT_OK)
        goto done;
    rows = calloc(c.file_count, sizeof *rows);
    if (rows == NULL) {
        cli_error("out of memory");
        rc = CLI_EXIT_FAILURE;
        goto done;
    }
    for (size_t i = 0; i < c.file_count; i++) {
        mlroi_scenario *s = NULL;
        mlroi_result r;
        variant v;
        int one = variant_parse(&c, c.files[i], &v);
        if (one == CLI_EXIT_OK)
            one = cli_evaluate(&v.c, v.file, &s, &r);
        rows[i].changes = v.changes;
        variant_free(&v);
        if (one != CLI_EXIT_OK) {
            rc = one;
            goto done;
        }
        rows[i].file = c.files[i];
        snprintf(rows[i].name, sizeof rows[i].name, "%s", s->name ? s->name : c.files[i]);
        snprintf(rows[i].currency, sizeof rows[i].currency, "%s", s->currency);
        for (size_t m = 0; m < COMPARE_N; m++)
            rows[i].v[m] = mlroi_metric_value(&r, compare_ids[m]);
        if (c.fail_if_count) {
            one = cli_gates(&c, cli_lookup_result, &r);
            if (one == CLI_EXIT_GATE)
                cli_error("(in %s)", c.files[i]);
            if (one != CLI_EXIT_OK)
                rc = one;
        }
        mlroi_result_free(&r);
        mlroi_scenario_free(s);
        if (rc == CLI_EXIT_USAGE)
            goto done;
    }
    compare_labels(rows, c.file_count);
    for (size_t i = 1; i < c.file_count; i++)
        if (strcmp(rows[i].currency, rows[0].currency) != 0) {
            cli_error("warning: %s uses %s and %s uses %s; money deltas are left out",
                      rows[0].file, rows[0].currency, rows[i].file, rows[i].currency);
            break;
        }
    {
        const compare_table t = { rows, c.file_count };
        int out = print_result(&c, &compare_output, NULL, &t);
        if (out != CLI_EXIT_OK)
            rc = out;
    }
    rc = finish_output(rc);
done:
    free(rows);
    cli_common_free(&c);
    return rc;
}

/* ------------------------------------------------------------------------------------------
 * sweep
 * ------------------------------------------------------------------------------------------ */

static const char sweep_usage[] =
    "Usage: mlroi sweep FILE --param PATH (--from A --to B --points N | --values V1,V2,...)\n"
    "                   [--metric NAME] [OPTIONS]\n"
    "Re-evaluate the whole model for each value of one input and show NPV, PV ROI, payback\n"
    "and IRR. PATH is any numeric input, e.g. roi.avg_incident_cost or\n"
    "tco.workloads[0].hours_per_month. --points values are evenly spaced with both ends\n"
    "included (2 to 100000; FROM may be above TO for a descending sweep). Every value is\n"
    "checked against the input's allowed range before anything is evaluated.\n"
    "A whole-number input (years, instances), or a count (people, models, incidents) swept\n"
    "from a whole number to a whole number, steps in whole numbers; points that then fall\n"
    "together are merged, and the text says so. Text shows each input in its own unit\n"
    "(money, percent, people...).\n\n"
    "Options:\n"
    "  --param PATH        the input to sweep\n"
    "  --from A, --to B    the ends of the sweep\n"
    "  --points N          how many values, ends included\n"
    "  --values LIST       explicit values instead, comma-separated\n"
    "  --metric NAME       one more column (any metric, e.g. tco_total)\n"
    COMMON_HELP;


/* Grid and sweep output goes through one large buffer and mlroi_shortest, not printf: a
 * million numbers through %.17g took three quarters of a 1000 x 1000 grid's time (issue 18). */
typedef struct big_out {
    size_t len;
    char buf[1 << 16];
} big_out;

static void big_flush(big_out *o)
{
    fwrite(o->buf, 1, o->len, stdout);
    o->len = 0;
}

static void big_put(big_out *o, const char *s, size_t n)
{
    if (o->len + n > sizeof o->buf) {
        big_flush(o);
        if (n > sizeof o->buf) {
            fwrite(s, 1, n, stdout);
            return;
        }
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void big_str(big_out *o, const char *s)
{
    big_put(o, s, strlen(s));
}

/* A JSON string, quoted and escaped by cJSON. */
static void big_json_str(big_out *o, const char *s)
{
    cJSON *tmp = cJSON_CreateString(s);
    char *esc = tmp ? cJSON_PrintUnformatted(tmp) : NULL;
    cJSON_Delete(tmp);
    big_str(o, esc ? esc : "\"\"");
    cJSON_free(esc);
}

/* A JSON number at full precision (null when undefined). */
static void big_json_num(big_out *o, double v)
{
    if (o->len + MLROI_SHORTEST_SIZE > sizeof o->buf)
        big_flush(o);
    o->len += mlroi_shortest(o->buf + o->len, v);
}

/* A row's first CSV cell: an AMOUNT to the cent, anything else to ten significant digits
 * (empty when undefined). */
static void big_csv_first(big_out *o, double v, bool amount)
{
    if (o->len + MLROI_SHORTEST_SIZE > sizeof o->buf)
        big_flush(o);
    if (isfinite(v))
        o->len += mlroi_csv_number(o->buf + o->len, v, amount);
}

/* A later cell, after its comma. */
static void big_csv_num(big_out *o, double v, bool amount)
{
    big_put(o, ",", 1);
    big_csv_first(o, v, amount);
}

/* Said under a grid or sweep table when whole-number steps merged points ("" when not). */
static char step_note[256];

/* Round the values of a whole-number input (or a count asked from whole to whole) to whole
 * numbers, merging repeats, and say so in step_note. Returns the new count. */
static size_t whole_steps(mlroi_scenario *s, const char *path, double *values, size_t count)
{
    const char *label;
    cli_input_unit u = cli_input_unit_of(s, path, &label);
    size_t n;
    if (!cli_steps_whole(u, values, count))
        return count;
    n = cli_whole_steps(values, count);
    if (n < count) {
        size_t len = strlen(step_note);
        snprintf(step_note + len, sizeof step_note - len,
                 "%s%s steps in whole numbers: %zu of the %zu points asked are distinct.",
                 len ? "\n" : "", path, n, count);
    }
    return n;
}

/* A metric cell, padded to WIDTH; a negative one in red on a colour terminal (the sign is
 * there either way). */
static void put_metric_cell(const char *text, double v, size_t width, bool colour)
{
    bool red = colour && v < 0;
    if (red)
        fputs("\033[31m", stdout);
    put_padded(text, width, false);
    if (red)
        fputs("\033[0m", stdout);
}

/* The input at PATH is an amount of money. */
static bool param_is_money(const char *path)
{
    const mlroi_param *p = mlroi_param_find(path);
    return p && (p->flags & MLROI_PF_MONEY);
}

/* The layout of cJSON_Print, as before, digits at full precision. */
static int sweep_json(const mlroi_scenario *s, const void *res)
{
    const mlroi_sweep *sw = res;
    static const char *const keys[] = { "value", "npv", "roi_percent", "payback_months", "irr" };
    big_out *o = malloc(sizeof *o);
    (void)s;
    if (!o) {
        cli_error("out of memory");
        return CLI_EXIT_FAILURE;
    }
    o->len = 0;
    big_str(o, "{\n\t\"param\":\t");
    big_json_str(o, sw->param);
    if (sw->metric) {
        big_str(o, ",\n\t\"metric\":\t");
        big_json_str(o, sw->metric->name);
    }
    big_str(o, ",\n\t\"rows\":\t[");
    for (size_t i = 0; i < sw->count; i++) {
        const mlroi_sweep_row *r = &sw->rows[i];
        const double v[] = { r->value, r->npv, r->roi_percent, r->payback_months, r->irr };
        big_str(o, i ? ", {\n" : "{\n");
        for (size_t k = 0; k < 5; k++) {
            big_str(o, "\t\t\t\"");
            big_str(o, keys[k]);
            big_str(o, "\":\t");
            big_json_num(o, v[k]);
            big_str(o, k < 4 || sw->metric ? ",\n" : "\n");
        }
        if (sw->metric) {
            big_str(o, "\t\t\t");
            big_json_str(o, sw->metric->name);
            big_str(o, ":\t");
            big_json_num(o, r->metric);
            big_str(o, "\n");
        }
        big_str(o, "\t\t}");
    }
    big_str(o, "]\n}\n");
    big_flush(o);
    free(o);
    return CLI_EXIT_OK;
}

/* Money to the cent, other figures to ten significant digits (see --help). */
static void sweep_csv(const void *res)
{
    const mlroi_sweep *sw = res;
    bool money = param_is_money(sw->param);
    big_out *o = malloc(sizeof *o);
    char *param = NULL;
    size_t param_len = 0;
    /* the first cell, quoted as CSV wants, once for every row */
    FILE *m = open_memstream(&param, &param_len);
    if (m) {
        mlroi_csv_field(m, sw->param);
        if (fclose(m) != 0) {
            free(param);
            param = NULL;
        }
    }
    if (!o || !param) {
        free(o);
        free(param);
        cli_error("out of memory");
        return;
    }
    o->len = 0;
    big_str(o, "param,value,npv,roi_percent,payback_months,irr");
    if (sw->metric) {
        big_str(o, ",");
        big_str(o, sw->metric->name);
    }
    big_str(o, "\n");
    for (size_t i = 0; i < sw->count; i++) {
        const mlroi_sweep_row *r = &sw->rows[i];
        big_put(o, param, param_len);
        big_csv_num(o, r->value, money);
        big_csv_num(o, r->npv, true);
        big_csv_num(o, r->roi_percent, false);
        big_csv_num(o, r->payback_months, false);
        big_csv_num(o, r->irr, false);
        if (sw->metric)
            big_csv_num(o, r->metric, sw->metric->unit == MLROI_U_MONEY);
        big_str(o, "\n");
    }
    big_flush(o);
    free(o);
    free(param);
}

static int sweep_text(const mlroi_scenario *s, const void *res)
{
    const mlroi_sweep *sw = res;
    const char *cur = s->currency;
    char head0[192];
    const char *heads[6] = { input_heading(head0, sizeof head0, sw->param, s), "NPV", "PV ROI",
                             "Payback", "IRR", sw->metric ? sw->metric->label : NULL };
    size_t ncol = sw->metric ? 6 : 5, w[6] = { 0 };
    table_row(w, heads, ncol, false, false);
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            printf("Sweep of %s: %s\n\n", sw->param, s->name);
            table_row(w, heads, ncol, true, false);
            fputc('\n', stdout);
        }
        for (size_t i = 0; i < sw->count; i++) {
            const mlroi_sweep_row *r = &sw->rows[i];
            const char *cells[6];
            char b0[96], b1[96], b2[96], b3[96], b4[96], b5[96];
            cells[0] = fmt_input(b0, sizeof b0, r->value, sw->param, s, cur);
            cells[1] = fmt_metric(b1, sizeof b1, r->npv, MLROI_U_MONEY, cur);
            cells[2] = fmt_metric(b2, sizeof b2, r->roi_percent, MLROI_U_PERCENT, cur);
            cells[3] = fmt_metric(b3, sizeof b3, r->payback_months, MLROI_U_MONTHS, cur);
            cells[4] = fmt_metric(b4, sizeof b4, r->irr, MLROI_U_RATE, cur);
            cells[5] = sw->metric ? fmt_metric(b5, sizeof b5, r->metric, sw->metric->unit, cur)
                                  : "";
            table_row(w, cells, ncol, pass == 1, false);
            if (pass == 1)
                fputc('\n', stdout);
        }
    }
    if (step_note[0])
        printf("\n%s\n", step_note);
    return CLI_EXIT_OK;
}

static const output_fns sweep_output = { sweep_json, sweep_csv, sweep_text };

int cli_cmd_sweep(int argc, char **argv)
{
    const char *param = NULL, *from = NULL, *to = NULL, *points = NULL, *values_text = NULL,
               *metric = NULL;
    const cli_opt opts[] = {
        { "param", true, &param, NULL, NULL }, { "from", true, &from, NULL, NULL },
        { "to", true, &to, NULL, NULL }, { "points", true, &points, NULL, NULL },
        { "values", true, &values_text, NULL, NULL }, { "metric", true, &metric, NULL, NULL },
        { NULL, false, NULL, NULL, NULL }
    };
    what_if w;
    mlroi_sweep *sw = NULL;
    double *values = NULL;
    size_t count = 0;
    mlroi_error err;
    int rc = what_if_begin(&w, argc, argv, opts, sweep_usage);

    if (rc >= 0 || (rc = check_param_metric(&w.c, param, metric)) != CLI_EXIT_OK)
        goto done;
    if (values_text && (from || to || points)) {
        rc = cli_usage_error(&w.c, "give either --values or --from/--to/--points, not both");
        goto done;
    }
    if (values_text) {
        if (!parse_value_list(&w.c, "--values", values_text, &values, &count)) {
            rc = CLI_EXIT_USAGE;
            goto done;
        }
    } else {
        double a, b;
        long n;
        if (!from || !to || !points) {
            rc = cli_usage_error(&w.c, "give --from, --to and --points (or --values)");
            goto done;
        }
        if (!cli_parse_double(&w.c, "--from", from, &a) ||
            !cli_parse_double(&w.c, "--to", to, &b) ||
            !cli_parse_int(&w.c, "--points", points, 2, MLROI_SWEEP_MAX_POINTS, &n)) {
            rc = CLI_EXIT_USAGE;
            goto done;
        }
        count = (size_t)n;
        err = mlroi_linspace(a, b, count, MLROI_SWEEP_MAX_POINTS, param, &values, &w.d);
        if (err != MLROI_OK) {
            rc = cli_engine_done(&w.d, err);
            goto done;
        }
    }
    if ((rc = what_if_load(&w, false)) != CLI_EXIT_OK)
        goto done;
    if (missing_section(&w.base, mlroi_metric_find("npv")) != NULL) {
        rc = cli_usage_error(&w.c, "%s: the scenario has no \"roi\" section, which a sweep's "
                             "NPV needs", w.c.files[0]);
        goto done;
    }
    if (values_text == NULL)
        count = whole_steps(w.s, param, values, count);
    err = mlroi_sweep_run(w.s, w.c.bench, param, values, count, metric, &sw, &w.d);
    if (err != MLROI_OK) {
        rc = cli_engine_done(&w.d, err);
        goto done;
    }
    rc = what_if_finish(&w, &sweep_output, sw, NULL, NULL);
done:
    mlroi_sweep_free(sw);
    free(values);
    what_if_free(&w);
    return rc;
}

/* ------------------------------------------------------------------------------------------
 * tornado
 * ------------------------------------------------------------------------------------------ */

static const char tornado_usage[] =
    "Usage: mlroi tornado FILE [--swing 0.2] [--metric npv] [--params P1,P2,...] [--spider]\n"
    "                      [OPTIONS]\n"
    "Move one input at a time to a low and a high value and show how far the metric moves,\n"
    "largest swing first. The inputs are those given with --params, else the keys of the\n"
    "scenario's analysis.tornado ({ \"roi.avg_salary\": [80000, 100000] }), else every\n"
    "numeric input the scenario sets. Each goes to its analysis.tornado range when there is\n"
    "one, else to base x (1 - swing) and base x (1 + swing), kept in its allowed range\n"
    "(whole-number inputs rounded outwards). At most 2600 inputs.\n\n"
    "Modelling choices: business_case.horizon_years, discount_rate and discounting are how\n"
    "the case is measured, not risks of the business, so they are never ranked among the\n"
    "bars: they follow them as a group of their own (\"choices\" in JSON, group \"choice\" in\n"
    "CSV), moved the same way (discounting: end against mid year). Without --params or\n"
    "analysis.tornado all three are shown; with them, only those listed.\n\n"
    "Spider: the metric with each business input at base x (1 + step) for steps of -30 %,\n"
    "-20 %, -10 %, 0, +10 %, +20 % and +30 % (whole-number inputs rounded to the nearest;\n"
    "a value outside the input's allowed range is left empty). JSON always carries it\n"
    "(\"spider\" on each bar); --spider adds its table to the text and makes the CSV the\n"
    "spider's (metric,param,step,input,value: one row per input and step).\n\n"
    "Options:\n"
    "  --swing F           relative move, in (0, 1] (default: analysis.swing or 0.2)\n"
    "  --metric NAME       the metric to watch (default npv)\n"
    "  --params LIST       comma-separated input paths\n"
    "  --spider            the spider table in text, the spider's rows in CSV\n"
    COMMON_HELP;

/* What the tornado's renderers read: the result and whether the spider was asked for. */
typedef struct tornado_view {
    const mlroi_tornado *t;
    bool spider;
} tornado_view;

/* A bar's value for JSON: the convention's name for an enum choice, else the number. */
static void tornado_json_value(cJSON *o, const char *key, double v, const char *text)
{
    if (text)
        cJSON_AddStringToObject(o, key, text);
    else
        cli_json_num(o, key, v);
}

static const char *choice_text(const mlroi_tornado_bar *b, double v)
{
    if (!b->low_text)
        return NULL;
    return v == b->high_value ? b->high_text : b->low_text;
}

static int tornado_json(const mlroi_scenario *s, const void *res)
{
    const mlroi_tornado *t = ((const tornado_view *)res)->t;
    cJSON *root = cJSON_CreateObject(), *bars, *choices;
    (void)s;
    cJSON_AddStringToObject(root, "metric", t->metric->name);
    cli_json_num(root, "base", t->base);
    bars = cJSON_AddArrayToObject(root, "bars");
    for (size_t i = 0; i < t->count; i++) {
        const mlroi_tornado_bar *b = &t->bars[i];
        cJSON *o = cJSON_CreateObject(), *spider;
        cJSON_AddStringToObject(o, "param", b->param);
        cli_json_num(o, "low_value", b->low_value);
        cli_json_num(o, "high_value", b->high_value);
        cli_json_num(o, "low", b->low);
        cli_json_num(o, "high", b->high);
        cli_json_num(o, "swing", b->swing);
        spider = cJSON_AddArrayToObject(o, "spider");
        for (int k = 0; k < MLROI_SPIDER_POINTS; k++) {
            cJSON *p = cJSON_CreateObject();
            cli_json_num(p, "step", mlroi_spider_steps[k]);
            cli_json_num(p, "value", b->spider_value[k]);
            cli_json_num(p, "metric", b->spider[k]);
            cJSON_AddItemToArray(spider, p);
        }
        cJSON_AddItemToArray(bars, o);
    }
    choices = cJSON_AddArrayToObject(root, "choices");
    for (size_t i = 0; i < t->choice_count; i++) {
        const mlroi_tornado_bar *b = &t->choices[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "param", b->param);
        tornado_json_value(o, "base_value", b->base_value, choice_text(b, b->base_value));
        tornado_json_value(o, "low_value", b->low_value, b->low_text);
        tornado_json_value(o, "high_value", b->high_value, b->high_text);
        cli_json_num(o, "low", b->low);
        cli_json_num(o, "high", b->high);
        cli_json_num(o, "swing", b->swing);
        cJSON_AddItemToArray(choices, o);
    }
    return cli_json_print(root);
}

/* One CSV cell of an input's value: the convention's name for an enum choice. */
static void tornado_csv_value(const mlroi_tornado_bar *b, double v, bool money)
{
    const char *text = choice_text(b, v);
    if (text)
        cli_csv_str(stdout, text);
    else
        cli_csv_figure(stdout, v, money);
}

static void tornado_csv(const void *res)
{
    const tornado_view *view = res;
    const mlroi_tornado *t = view->t;
    bool money = t->metric->unit == MLROI_U_MONEY;
    if (view->spider) {
        fputs("metric,param,step,input,value\n", stdout);
        for (size_t i = 0; i < t->count; i++) {
            const mlroi_tornado_bar *b = &t->bars[i];
            for (int k = 0; k < MLROI_SPIDER_POINTS; k++) {
                printf("%s,", t->metric->name);
                cli_csv_str(stdout, b->param);
                fputc(',', stdout);
                cli_csv_figure(stdout, mlroi_spider_steps[k], false);
                fputc(',', stdout);
                cli_csv_figure(stdout, b->spider_value[k], param_is_money(b->param));
                fputc(',', stdout);
                cli_csv_figure(stdout, b->spider[k], money);
                fputc('\n', stdout);
            }
        }
        return;
    }
    fputs("metric,base,param,base_value,low_value,high_value,low,high,swing,group\n", stdout);
    for (size_t i = 0; i < t->count + t->choice_count; i++) {
        bool choice = i >= t->count;
        const mlroi_tornado_bar *b = choice ? &t->choices[i - t->count] : &t->bars[i];
        bool param_money = param_is_money(b->param);
        printf("%s,", t->metric->name);
        cli_csv_figure(stdout, t->base, money);
        fputc(',', stdout);
        cli_csv_str(stdout, b->param);
        const double in[3] = { b->base_value, b->low_value, b->high_value };
        const double out[3] = { b->low, b->high, b->swing };
        for (int k = 0; k < 3; k++) {
            fputc(',', stdout);
            tornado_csv_value(b, in[k], param_money);
        }
        for (int k = 0; k < 3; k++) {
            fputc(',', stdout);
            cli_csv_figure(stdout, out[k], money);
        }
        fputs(choice ? ",choice\n" : ",input\n", stdout);
    }
}

/* The cells of one row of the tornado's table. */
static void tornado_cells(const mlroi_scenario *s, const mlroi_tornado *t,
                          const mlroi_tornado_bar *b, char bufs[6][160], const char *cells[6])
{
    const char *cur = s->currency;
    const char *lt = choice_text(b, b->low_value), *ht = choice_text(b, b->high_value);
    snprintf(bufs[0], sizeof bufs[0], "%s%s", b->param, b->from_scenario ? " *" : "");
    cells[0] = bufs[0];
    cells[1] = lt ? lt : fmt_input(bufs[1], sizeof bufs[1], b->low_value, b->param, s, cur);
    cells[2] = ht ? ht : fmt_input(bufs[2], sizeof bufs[2], b->high_value, b->param, s, cur);
    cells[3] = fmt_metric(bufs[3], sizeof bufs[3], b->low, t->metric->unit, cur);
    cells[4] = fmt_metric(bufs[4], sizeof bufs[4], b->high, t->metric->unit, cur);
    cells[5] = fmt_metric_short(bufs[5], sizeof bufs[5], b->swing, t->metric->unit, cur);
    if (t->metric->unit == MLROI_U_MONTHS && isfinite(b->swing))
        cells[5] = mlroi_fmt_months(bufs[5], sizeof bufs[5], b->swing);
}

static void spider_text(const mlroi_tornado *t, const char *cur)
{
    const char *heads[1 + MLROI_SPIDER_POINTS] = { "input", "-30 %", "-20 %", "-10 %", "base",
                                                    "+10 %", "+20 %", "+30 %" };
    size_t w[1 + MLROI_SPIDER_POINTS] = { 0 };
    printf("\nSpider of %s: each input at base x (1 + step); n/a where the value is outside "
           "the input's allowed range.\n\n", t->metric->label);
    table_row(w, heads, 1 + MLROI_SPIDER_POINTS, false, true);
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            table_row(w, heads, 1 + MLROI_SPIDER_POINTS, true, true);
            fputc('\n', stdout);
        }
        for (size_t i = 0; i < t->count; i++) {
            const mlroi_tornado_bar *b = &t->bars[i];
            char bufs[MLROI_SPIDER_POINTS][96];
            const char *cells[1 + MLROI_SPIDER_POINTS];
            cells[0] = b->param;
            for (int k = 0; k < MLROI_SPIDER_POINTS; k++)
                cells[1 + k] = fmt_metric(bufs[k], sizeof bufs[k], b->spider[k],
                                          t->metric->unit, cur);
            table_row(w, cells, 1 + MLROI_SPIDER_POINTS, pass == 1, true);
            if (pass == 1)
                fputc('\n', stdout);
        }
    }
}

static int tornado_text(const mlroi_scenario *s, const void *res)
{
    const tornado_view *view = res;
    const mlroi_tornado *t = view->t;
    const char *cur = s->currency;
    const char *heads[6] = { "input", "low value", "high value", "low", "high", "swing" };
    size_t w[6] = { 0 };
    double widest = 0, bar = 24.0;
    char b0[96];
    for (size_t i = 0; i < t->count; i++)
        if (isfinite(t->bars[i].swing))
            widest = fmax(widest, t->bars[i].swing);
    printf("Tornado of %s: %s\n", t->metric->label, s->name);
    printf("Base: %s. ", fmt_metric(b0, sizeof b0, t->base, t->metric->unit, cur));
    printf("Inputs move by +/-%.0f %% unless analysis.tornado gives a range (*).\n\n",
           t->swing_fraction * 100.0);
    table_row(w, heads, 6, false, true);
    /* One set of column widths for the bars and the choices, so the two tables line up. */
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            /* The bars take what the columns leave of the width: 24 marks at most, 8 at least. */
            size_t used = 2 + 10;
            for (int k = 0; k < 6; k++)
                used += w[k];
            bar = used + 24 <= cli_text_width() ? 24.0
                  : used + 8 <= cli_text_width() ? (double)(cli_text_width() - used) : 8.0;
            table_row(w, heads, 6, true, true);
            fputc('\n', stdout);
        }
        for (size_t i = 0; i < t->count; i++) {
            const mlroi_tornado_bar *b = &t->bars[i];
            char bufs[6][160];
            const char *cells[6];
            tornado_cells(s, t, b, bufs, cells);
            table_row(w, cells, 6, pass == 1, true);
            if (pass == 1) {
                int len = (isfinite(b->swing) && widest > 0)
                          ? (int)lround(b->swing / widest * bar) : 0;
                fputs("  ", stdout);
                for (int k = 0; k < len; k++)
                    fputc('#', stdout);
                fputc('\n', stdout);
            }
        }
        if (pass == 1 && t->count == 0)
            printf("(the scenario sets no numeric input to move)\n");
        if (pass == 1 && t->choice_count > 0)
            printf("\nModelling choices (how the case is measured, not risks of the business; "
                   "not ranked):\n");
        for (size_t i = 0; i < t->choice_count; i++) {
            char bufs[6][160];
            const char *cells[6];
            tornado_cells(s, t, &t->choices[i], bufs, cells);
            table_row(w, cells, 6, pass == 1, true);
            if (pass == 1)
                fputc('\n', stdout);
        }
    }
    if (view->spider)
        spider_text(t, cur);
    return CLI_EXIT_OK;
}

static const output_fns tornado_output = { tornado_json, tornado_csv, tornado_text };

int cli_cmd_tornado(int argc, char **argv)
{
    const char *swing = NULL, *metric = NULL, *params = NULL, *spider = NULL;
    const cli_opt opts[] = {
        { "swing", true, &swing, NULL, NULL }, { "metric", true, &metric, NULL, NULL },
        { "params", true, &params, NULL, NULL }, { "spider", false, &spider, NULL, NULL },
        { NULL, false, NULL, NULL, NULL }
    };
    what_if w;
    mlroi_tornado *t = NULL;
    tornado_view view;
    mlroi_tornado_options o = { NULL, NAN, NULL, 0 };
    char *names_copy = NULL;
    const char **names = NULL;
    mlroi_error err;
    int rc = what_if_begin(&w, argc, argv, opts, tornado_usage);

    if (rc >= 0)
        goto done;
    if (swing && (!cli_parse_double(&w.c, "--swing", swing, &o.swing))) {
        rc = CLI_EXIT_USAGE;
        goto done;
    }
    if (swing && !(o.swing > 0 && o.swing <= 1)) {
        rc = cli_usage_error(&w.c, "--swing expects a fraction in (0, 1], such as 0.2");
        goto done;
    }
    if ((rc = check_metric(&w.c, metric)) != CLI_EXIT_OK)
        goto done;
    o.metric = metric;
    if (params) {
        size_t commas = 0;
        if (!split_names(params, &names_copy, &names, &o.param_count)) {
            cli_error("out of memory");
            rc = CLI_EXIT_FAILURE;
            goto done;
        }
        for (const char *q = params; *q; q++)
            commas += *q == ',';
        if (o.param_count == 0) {
            rc = cli_usage_error(&w.c, "--params expects input paths separated by commas");
            goto done;
        }
        if (o.param_count != commas + 1) {   /* an empty item: a typo, as in --values */
            rc = cli_usage_error(&w.c, "--params expects input paths separated by commas, "
                                 "got '%s'", params);
            goto done;
        }
        o.params = names;
    }
    if ((rc = what_if_load(&w, false)) != CLI_EXIT_OK ||
        (rc = what_if_needs(&w, metric)) != CLI_EXIT_OK)
        goto done;
    err = mlroi_tornado_run(w.s, w.c.bench, &o, &t, &w.d);
    if (err != MLROI_OK) {
        rc = cli_engine_done(&w.d, err);
        goto done;
    }
    view.t = t;
    view.spider = spider != NULL;
    rc = what_if_finish(&w, &tornado_output, &view, NULL, NULL);
done:
    mlroi_tornado_free(t);
    free(names_copy);
    free((void *)names);
    what_if_free(&w);
    return rc;
}

/* ------------------------------------------------------------------------------------------
 * grid
 * ------------------------------------------------------------------------------------------ */

static const char grid_usage[] =
    "Usage: mlroi grid FILE --x PATH:FROM:TO:POINTS --y PATH:FROM:TO:POINTS [--metric npv]\n"
    "                  [--threads N] [OPTIONS]\n"
    "One metric over every pair of values of two inputs. In JSON, matrix[i][j] is the\n"
    "metric at the i-th y value and the j-th x value. At most 10000 points per axis and\n"
    "4,000,000 cells. Axes step in whole numbers as sweep's do. The text fits the terminal's\n"
    "width (100 columns when not a terminal; $COLUMNS when set), showing one column in k\n"
    "with a note when there are too many; negative cells carry a sign, and are red on a\n"
    "terminal unless NO_COLOR is set.\n\n"
    "Options:\n"
    "  --x SPEC, --y SPEC  input path, first value, last value, number of values\n"
    "  --metric NAME       the metric (default npv)\n"
    "  --threads N         worker threads (default: one per CPU; the result is the same)\n"
    COMMON_HELP;

static int grid_json(const mlroi_scenario *s, const void *res)
{
    const mlroi_grid *g = res;
    big_out *o = malloc(sizeof *o);
    (void)s;
    if (!o) {
        cli_error("out of memory");
        return CLI_EXIT_FAILURE;
    }
    o->len = 0;
    big_str(o, "{\n  \"metric\": \"");
    big_str(o, g->metric->name);
    big_str(o, "\",\n");
    for (int axis = 0; axis < 2; axis++) {
        const mlroi_axis *a = axis == 0 ? &g->x : &g->y;
        big_str(o, axis == 0 ? "  \"x\": {\n    \"param\": " : "  \"y\": {\n    \"param\": ");
        big_json_str(o, a->param);
        big_str(o, ",\n    \"values\": [");
        for (size_t k = 0; k < a->count; k++) {
            if (k)
                big_put(o, ", ", 2);
            big_json_num(o, a->values[k]);
        }
        big_str(o, "]\n  },\n");
    }
    big_str(o, "  \"matrix\": [\n");
    for (size_t i = 0; i < g->y.count; i++) {
        const double *row = g->matrix + i * g->x.count;
        big_put(o, "    [", 5);
        for (size_t j = 0; j < g->x.count; j++) {
            if (j)
                big_put(o, ", ", 2);
            big_json_num(o, row[j]);
        }
        big_str(o, i + 1 < g->y.count ? "],\n" : "]\n");
    }
    big_str(o, "  ]\n}\n");
    big_flush(o);
    free(o);
    return CLI_EXIT_OK;
}


/* Money to the cent, other figures to ten significant digits (see --help). */
static void grid_csv(const void *res)
{
    const mlroi_grid *g = res;
    bool x_money = param_is_money(g->x.param), y_money = param_is_money(g->y.param);
    bool money = g->metric->unit == MLROI_U_MONEY;
    big_out *o = malloc(sizeof *o);
    if (!o) {
        cli_error("out of memory");
        return;
    }
    o->len = 0;
    /* The matrix as a sheet: x values across, y values down. */
    big_str(o, g->y.param);
    big_str(o, "\\");
    big_str(o, g->x.param);
    for (size_t j = 0; j < g->x.count; j++)
        big_csv_num(o, g->x.values[j], x_money);
    big_str(o, "\n");
    for (size_t i = 0; i < g->y.count; i++) {
        const double *row = g->matrix + i * g->x.count;
        big_csv_first(o, g->y.values[i], y_money);
        for (size_t j = 0; j < g->x.count; j++)
            big_csv_num(o, row[j], money);
        big_str(o, "\n");
    }
    big_flush(o);
    free(o);
}

/* Every value column has the one width, so the grid reads as a grid. */
static int grid_text(const mlroi_scenario *s, const void *res)
{
    const mlroi_grid *g = res;
    const char *cur = s->currency;
    size_t w = 0, w0 = 0, avail = cli_text_width(), shown, every = 1;
    bool colour = cli_colour();
    char cell[96], xh[192], yh[192];
    for (size_t j = 0; j < g->x.count; j++)
        w = fmax(w, text_width(fmt_input(cell, sizeof cell, g->x.values[j], g->x.param, s, cur)));
    for (size_t i = 0; i < g->y.count; i++)
        w0 = fmax(w0, text_width(fmt_input(cell, sizeof cell, g->y.values[i], g->y.param, s,
                                           cur)));
    for (size_t k = 0; k < g->x.count * g->y.count; k++)
        w = fmax(w, text_width(fmt_metric_short(cell, sizeof cell, g->matrix[k],
                                                g->metric->unit, cur)));
    /* Thin the columns to the width: every k-th one, the first always shown. */
    shown = avail > w0 + w + 2 ? (avail - w0) / (w + 2) : 1;
    if (shown < g->x.count)
        every = (g->x.count + shown - 1) / shown;
    printf("%s by %s across and %s down: %s\n\n", g->metric->label,
           input_heading(xh, sizeof xh, g->x.param, s),
           input_heading(yh, sizeof yh, g->y.param, s), s->name);
    put_padded("", w0, true);
    for (size_t j = 0; j < g->x.count; j += every) {
        fputs("  ", stdout);
        put_padded(fmt_input(cell, sizeof cell, g->x.values[j], g->x.param, s, cur), w, false);
    }
    fputc('\n', stdout);
    for (size_t i = 0; i < g->y.count; i++) {
        put_padded(fmt_input(cell, sizeof cell, g->y.values[i], g->y.param, s, cur), w0, false);
        for (size_t j = 0; j < g->x.count; j += every) {
            double v = g->matrix[i * g->x.count + j];
            fputs("  ", stdout);
            put_metric_cell(fmt_metric_short(cell, sizeof cell, v, g->metric->unit, cur), v, w,
                            colour);
        }
        fputc('\n', stdout);
    }
    if (every > 1)
        printf("\nOne column in %zu is shown (%zu of %zu), to fit %zu characters; "
               "--format csv or json has them all.\n", every, (g->x.count + every - 1) / every,
               g->x.count, avail);
    if (step_note[0])
        printf("\n%s\n", step_note);
    return CLI_EXIT_OK;
}

static const output_fns grid_output = { grid_json, grid_csv, grid_text };

int cli_cmd_grid(int argc, char **argv)
{
    const char *xs = NULL, *ys = NULL, *metric = NULL, *threads_text = NULL;
    const cli_opt opts[] = {
        { "x", true, &xs, NULL, NULL }, { "y", true, &ys, NULL, NULL },
        { "metric", true, &metric, NULL, NULL }, { "threads", true, &threads_text, NULL, NULL },
        { NULL, false, NULL, NULL, NULL }
    };
    what_if w;
    mlroi_axis x, y;
    mlroi_grid *g = NULL;
    long threads = 0;
    mlroi_error err;
    int rc = what_if_begin(&w, argc, argv, opts, grid_usage);

    memset(&x, 0, sizeof x);
    memset(&y, 0, sizeof y);
    if (rc >= 0)
        goto done;
    if (xs == NULL || ys == NULL) {
        rc = cli_usage_error(&w.c, "--x and --y (PATH:FROM:TO:POINTS) are required");
        goto done;
    }
    if ((rc = check_metric(&w.c, metric)) != CLI_EXIT_OK)
        goto done;
    if (!parse_whole(&w.c, "--threads", threads_text, 1, MLROI_MAX_THREADS, &threads)) {
        rc = CLI_EXIT_USAGE;
        goto done;
    }
    err = mlroi_axis_parse(xs, "--x", &x, &w.d);
    if (err == MLROI_OK)
        err = mlroi_axis_parse(ys, "--y", &y, &w.d);
    if (err != MLROI_OK) {
        /* The diagnostic says what is wrong with the axis; add only where to read more. */
        cli_print_diags(&w.d);
        fputs("Try 'mlroi grid --help'.\n", stderr);
        rc = CLI_EXIT_USAGE;
        goto done;
    }
    if ((rc = what_if_load(&w, false)) != CLI_EXIT_OK ||
        (rc = what_if_needs(&w, metric)) != CLI_EXIT_OK)
        goto done;
    x.count = whole_steps(w.s, x.param, x.values, x.count);
    y.count = whole_steps(w.s, y.param, y.values, y.count);
    err = mlroi_grid_run(w.s, w.c.bench, metric, &x, &y, (int)threads, &g, &w.d);
    if (err != MLROI_OK) {
        rc = cli_engine_done(&w.d, err);
        goto done;
    }
    rc = what_if_finish(&w, &grid_output, g, NULL, NULL);
done:
    free(x.values);
    free(y.values);
    mlroi_grid_free(g);
    what_if_free(&w);
    return rc;
}

/* ------------------------------------------------------------------------------------------
 * breakeven
 * ------------------------------------------------------------------------------------------ */

static const char breakeven_usage[] =
    "Usage: mlroi breakeven FILE --param PATH [--metric npv] [--target 0] [OPTIONS]\n"
    "The value of one input at which a metric reaches a target, found by searching outwards\n"
    "from the scenario's value (within the input's allowed range) and narrowing to 1e-9\n"
    "relative. The crossing nearest the scenario's value is reported; when none exists the\n"
    "value is null with the reason.\n\n"
    "Options:\n"
    "  --param PATH        the input to solve for, e.g. roi.mlops_investment\n"
    "  --metric NAME       the metric (default npv), or a Monte Carlo statistic of the\n"
    "                      scenario's uncertainty section: p_npv_positive,\n"
    "                      p_payback_within_horizon, METRIC.STAT (npv.p10, npv.mean,\n"
    "                      irr.p50...). Every trial then runs the Monte Carlo with the same\n"
    "                      seed (common random numbers), so the answer is reproducible and\n"
    "                      the statistic at it is the target within one sampling step\n"
    "  --target X          the value the metric must reach (default 0)\n"
    "  --samples N, --seed S, --threads N\n"
    "                      the Monte Carlo's, for a statistic (as in montecarlo)\n"
    COMMON_HELP;


static int breakeven_json(const mlroi_scenario *s, const void *res)
{
    const mlroi_breakeven *be = res;
    cJSON *root = cJSON_CreateObject();
    (void)s;
    cJSON_AddStringToObject(root, "param", be->param);
    cJSON_AddStringToObject(root, "metric", be->metric->name);
    cli_json_num(root, "target", be->target);
    cli_json_num(root, "value", be->value);
    if (isnan(be->value))
        cJSON_AddStringToObject(root, "reason", be->reason);
    cli_json_num(root, "base_value", be->base_value);
    return cli_json_print(root);
}

static void breakeven_csv(const void *res)
{
    const mlroi_breakeven *be = res;
    fputs("param,metric,target,value,base_value,reason\n", stdout);
    cli_csv_str(stdout, be->param);
    printf(",%s,", be->metric->name);
    cli_csv_num(stdout, be->target);
    csv_next(be->value);
    csv_next(be->base_value);
    fputc(',', stdout);
    cli_csv_str(stdout, be->reason);
    fputc('\n', stdout);
}

static int breakeven_text(const mlroi_scenario *s, const void *res)
{
    const mlroi_breakeven *be = res;
    char v[96], bv[96], tv[96];
    const char *cur = s->currency;
    fmt_metric(tv, sizeof tv, be->target, be->metric->unit, cur);
    if (isnan(be->value) && !isnan(be->metric_min)) {
        char lo[96], hi[96], mlo[96], mhi[96];
        printf("No break-even: no value of %s from %s to %s brings %s to %s; there it stays "
               "%s, from %s to %s.\n", be->param,
               fmt_answer(lo, sizeof lo, be->search_lo, be->param, s),
               fmt_answer(hi, sizeof hi, be->search_hi, be->param, s), be->metric->label, tv,
               be->metric_min > be->target ? "above" : "below",
               fmt_metric(mlo, sizeof mlo, be->metric_min, be->metric->unit, cur),
               fmt_metric(mhi, sizeof mhi, be->metric_max, be->metric->unit, cur));
    } else if (isnan(be->value)) {
        printf("No break-even: %s.\n", be->reason);
    } else {
        printf("%s reaches %s when %s = %s\n", be->metric->label, tv, be->param,
               fmt_answer(v, sizeof v, be->value, be->param, s));
        printf("(the scenario has %s)\n", fmt_answer(bv, sizeof bv, be->base_value, be->param, s));
    }
    return CLI_EXIT_OK;
}

static const output_fns breakeven_output = { breakeven_json, breakeven_csv, breakeven_text };

static int mcbe_json(const mlroi_scenario *s, const void *res)
{
    const mlroi_mc_breakeven *be = res;
    cJSON *root = cJSON_CreateObject();
    (void)s;
    cJSON_AddStringToObject(root, "param", be->param);
    cJSON_AddStringToObject(root, "metric", be->statistic);
    cli_json_num(root, "target", be->target);
    cli_json_num(root, "value", be->value);
    if (isnan(be->value))
        cJSON_AddStringToObject(root, "reason", be->reason);
    cli_json_num(root, "base_value", be->base_value);
    cli_json_num(root, "metric_at_value", be->statistic_at_value);
    cli_json_num(root, "metric_at_base", be->statistic_at_base);
    cli_json_num(root, "bracket", be->bracket);
    cJSON_AddNumberToObject(root, "samples", (double)be->samples);
    cJSON_AddNumberToObject(root, "seed", (double)be->seed);
    cJSON_AddNumberToObject(root, "runs", be->runs);
    return cli_json_print(root);
}

static void mcbe_csv(const void *res)
{
    const mlroi_mc_breakeven *be = res;
    fputs("param,metric,target,value,base_value,metric_at_value,samples,seed,reason\n", stdout);
    cli_csv_str(stdout, be->param);
    printf(",%s,", be->statistic);
    cli_csv_num(stdout, be->target);
    csv_next(be->value);
    csv_next(be->base_value);
    csv_next(be->statistic_at_value);
    printf(",%zu,%llu,", be->samples, (unsigned long long)be->seed);
    cli_csv_str(stdout, be->reason);
    fputc('\n', stdout);
}

static int mcbe_text(const mlroi_scenario *s, const void *res)
{
    const mlroi_mc_breakeven *be = res;
    char v[96], bv[96], n[64];
    if (isnan(be->value)) {
        printf("No break-even: %s.\n", be->reason);
        return CLI_EXIT_OK;
    }
    printf("%s reaches %.10g when %s = %s\n", be->statistic, be->target, be->param,
           fmt_answer(v, sizeof v, be->value, be->param, s));
    printf("(%s there over %s samples, seed %llu; the scenario has %s, where it is %.10g)\n",
           be->statistic, mlroi_fmt_number(n, sizeof n, (double)be->samples, 0),
           (unsigned long long)be->seed,
           fmt_answer(bv, sizeof bv, be->base_value, be->param, s),
           be->statistic_at_base);
    printf("%s at the answer: %.10g\n", be->statistic, be->statistic_at_value);
    return CLI_EXIT_OK;
}

static const output_fns mcbe_output = { mcbe_json, mcbe_csv, mcbe_text };

/* breakeven on a Monte Carlo statistic: the scenario's uncertainty section, common random
 * numbers. */
static int breakeven_mc(what_if *w, const char *param, const char *metric, double target,
                        const char *samples_text, const char *seed_text,
                        const char *threads_text)
{
    mlroi_mc_options o = { 0, false, 0, -1, 0, 0, NULL, NULL };
    mlroi_mc_config *cfg = NULL;
    mlroi_mc_breakeven be;
    long samples = 0, seed = 0, threads = 0;
    mlroi_error err;
    int rc;
    if (!parse_whole(&w->c, "--samples", samples_text, 1, MLROI_MC_MAX_SAMPLES, &samples) ||
        !parse_whole(&w->c, "--seed", seed_text, 0, MLROI_MAX_SEED, &seed) ||
        !parse_whole(&w->c, "--threads", threads_text, 1, MLROI_MAX_THREADS, &threads))
        return CLI_EXIT_USAGE;
    o.samples = (size_t)samples;
    o.has_seed = seed_text != NULL;
    o.seed = (uint64_t)seed;
    o.threads = (int)threads;
    if ((rc = what_if_load(w, false)) != CLI_EXIT_OK)
        return rc;
    err = mlroi_mc_config_parse(w->s, &cfg, &w->d);
    if (err == MLROI_OK)
        err = mlroi_mc_breakeven_run(w->s, w->c.bench, cfg, &o, param, metric, target, &be,
                                     &w->d);
    mlroi_mc_config_free(cfg);
    if (err != MLROI_OK)
        return cli_engine_done(&w->d, err);
    return what_if_finish(w, &mcbe_output, &be, NULL, NULL);
}

int cli_cmd_breakeven(int argc, char **argv)
{
    const char *param = NULL, *metric = NULL, *target_text = NULL, *samples_text = NULL,
               *seed_text = NULL, *threads_text = NULL;
    const cli_opt opts[] = {
        { "param", true, &param, NULL, NULL }, { "metric", true, &metric, NULL, NULL },
        { "target", true, &target_text, NULL, NULL },
        { "samples", true, &samples_text, NULL, NULL }, { "seed", true, &seed_text, NULL, NULL },
        { "threads", true, &threads_text, NULL, NULL }, { NULL, false, NULL, NULL, NULL }
    };
    what_if w;
    mlroi_breakeven be;
    double target = 0.0;
    bool simulated;
    mlroi_error err;
    int rc = what_if_begin(&w, argc, argv, opts, breakeven_usage);

    if (rc >= 0)
        goto done;
    simulated = metric != NULL && mlroi_metric_find(metric) == NULL &&
                mlroi_mc_stat_known(metric);
    if ((rc = simulated ? (param ? CLI_EXIT_OK : cli_usage_error(&w.c, "--param PATH is required"))
                        : check_param_metric(&w.c, param, metric)) != CLI_EXIT_OK)
        goto done;
    if (target_text && !cli_parse_double(&w.c, "--target", target_text, &target)) {
        rc = CLI_EXIT_USAGE;
        goto done;
    }
    if (simulated) {
        rc = breakeven_mc(&w, param, metric, target, samples_text, seed_text, threads_text);
        goto done;
    }
    if (samples_text || seed_text || threads_text) {
        rc = cli_usage_error(&w.c, "--samples, --seed and --threads go with a Monte Carlo "
                             "statistic as --metric (p_npv_positive, npv.p10...)");
        goto done;
    }
    if ((rc = what_if_load(&w, false)) != CLI_EXIT_OK ||
        (rc = what_if_needs(&w, metric)) != CLI_EXIT_OK)
        goto done;
    err = mlroi_breakeven_run(w.s, w.c.bench, param, metric, target, &be, &w.d);
    if (err != MLROI_OK) {
        rc = cli_engine_done(&w.d, err);
        goto done;
    }
    rc = what_if_finish(&w, &breakeven_output, &be, NULL, NULL);
done:
    what_if_free(&w);
    return rc;
}

/* ------------------------------------------------------------------------------------------
 * montecarlo
 * ------------------------------------------------------------------------------------------ */

static const char montecarlo_usage[] =
    "Usage: mlroi montecarlo FILE [--samples N] [--seed S] [--method lhs|mc] [--threads N]\n"
    "                        [--bins N] [--export-samples FILE.csv] [--sensitivity]\n"
    "                        [--metric M] [OPTIONS]\n"
    "Sample the inputs declared under \"uncertainty\" in the scenario and report NPV, PV ROI,\n"
    "payback and IRR: mean, sd, min, max, p5 ... p95, the share of samples where each is\n"
    "undefined, the chance that NPV is positive and that the investment pays back within\n"
    "the horizon, and an NPV histogram. The same scenario and seed give byte-identical\n"
    "output for any --threads. At most 5,000,000 samples (about 40 bytes each) and 64\n"
    "uncertain inputs.\n"
    "Distributions: uniform (min, max), triangular and pert (min, mode, max), normal and\n"
    "lognormal (mean and sd, or p5 and p95; optional min/max truncation).\n"
    "Correlations ([a, b, rho] under uncertainty.correlations) are rank (Spearman)\n"
    "correlations and the samples meet them as written (Iman-Conover on normal scores\n"
    "correlated 2 sin(pi rho / 6)); rho = 1 or -1 gives equal or reversed ranks. A set that\n"
    "contradicts itself (not positive semi-definite) is refused with its smallest\n"
    "eigenvalue, never silently repaired.\n"
    "Gates may use METRIC.STAT (npv.p10, irr.mean, payback_months.undefined_share),\n"
    "p_npv_positive, p_payback_within_horizon, or any metric of the scenario as written.\n\n"
    "Options:\n"
    "  --samples N         samples (default: uncertainty.samples, else 10000)\n"
    "  --seed S            seed (default: uncertainty.seed, else 42)\n"
    "  --method M          lhs (Latin hypercube, default) or mc (plain)\n"
    "  --threads N         worker threads (default: one per CPU; the result is the same)\n"
    "  --bins N            NPV histogram bins, 1 to 1000 (default 20)\n"
    "  --export-samples F  write every sample to the CSV file F: a column per uncertain\n"
    "                      input (headed by its path), then npv, roi_percent,\n"
    "                      payback_months and irr (empty where undefined); the same rows\n"
    "                      for any --threads. F is checked before sampling (exit 1 when it\n"
    "                      cannot be written) and written to a temporary file, then renamed\n"
    "  --sensitivity       also say what drives the risk and what knowing it is worth:\n"
    "                      per input, Sobol first-order and total indices (Saltelli's design\n"
    "                      of N = --samples rows, Jansen's estimators, (inputs + 2) N\n"
    "                      evaluations, bootstrap 95 % intervals), the contribution to\n"
    "                      variance (normalised squared rank correlation), the expected\n"
    "                      value of perfect information (EVPI) for the go / no-go decision\n"
    "                      and each input's EVPPI. Needs 2 to 50 inputs; Sobol indices take\n"
    "                      the inputs as independent (declared correlations are left out)\n"
    "  --metric M          the metric --sensitivity decomposes: npv (default), roi_percent,\n"
    "                      payback_months or irr (it must be defined in every sample)\n"
    COMMON_HELP;

typedef struct progress_bar {
    double start;
    bool tty;
    bool shown;
} progress_bar;

static double monotonic_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void progress_draw(void *ctx, size_t done, size_t total)
{
    progress_bar *p = ctx;
    char count[64];
    int filled;
    if (!p->tty)
        return;
    if (done >= total) {
        if (p->shown)
            fputs("\r\033[K", stderr);
        p->shown = false;
        return;
    }
    if (!p->shown && monotonic_now() - p->start < 1.0)
        return;
    filled = total ? (int)(30.0 * (double)done / (double)total) : 0;
    fprintf(stderr, "\rmlroi: [%.*s%.*s] %3d %% of %s samples", filled,
            "##############################", 30 - filled, "                              ",
            total ? (int)(100.0 * (double)done / (double)total) : 0,
            mlroi_fmt_number(count, sizeof count, (double)total, 0));
    fflush(stderr);
    p->shown = true;
}

typedef struct mc_lookup {
    const mlroi_mc_result *mc;
    const mlroi_result *base;
} mc_lookup;

static bool lookup_mc(void *ctx, const char *name, double *value)
{
    const mc_lookup *l = ctx;
    if (mlroi_mc_stat_get(l->mc, name, value))
        return true;
    return mlroi_metric_get(l->base, name, value);
}

/* What montecarlo prints: the run, and with --sensitivity its decomposition and the value
 * of information. */
typedef struct mc_bundle {
    const mlroi_mc_result *mc;
    const mlroi_sensitivity *sens;   /* NULL without --sensitivity */
    const mlroi_voi *voi;            /* NULL without --sensitivity */
    const char *currency;
} mc_bundle;

static void mc_csv_row(const char *section, const char *key, double v)
{
    cli_csv_str(stdout, section);
    fputc(',', stdout);
    cli_csv_str(stdout, key);
    fputc(',', stdout);
    cli_csv_num(stdout, v);
    fputc('\n', stdout);
}

static void sens_text(const mlroi_scenario *s, const mc_bundle *bu)
{
    const mlroi_sensitivity *se = bu->sens;
    const mlroi_voi *v = bu->voi;
    const char *cells[6];
    size_t w[6] = { 0 };
    char bufs[5][96], sentence[512];

    printf("\nWhat drives %s (variance decomposition, %s base samples, %s evaluations)\n",
           se->metric->label, mlroi_fmt_number(bufs[0], sizeof bufs[0],
                                               (double)se->base_samples, 0),
           mlroi_fmt_number(bufs[1], sizeof bufs[1], (double)se->evaluations, 0));
    if (se->correlations_ignored)
        printf("(Sobol indices take the inputs as independent: the declared correlations are "
               "left out)\n");
    fputc('\n', stdout);
    for (int pass = 0; pass < 2; pass++) {
        cells[0] = "input";
        cells[1] = "first order";
        cells[2] = "95 % interval";
        cells[3] = "total";
        cells[4] = "95 % interval";
        cells[5] = "contribution to variance";
        table_row(w, cells, 6, pass == 1, true);
        if (pass == 1)
            fputc('\n', stdout);
        for (size_t j = 0; j < se->input_count; j++) {
            const mlroi_sensitivity_input *in = &se->inputs[j];
            cells[0] = in->path;
            snprintf(bufs[0], sizeof bufs[0], "%.3f", in->sobol.first_order);
            snprintf(bufs[1], sizeof bufs[1], "%.3f to %.3f", in->sobol.first_order_ci[0],
                     in->sobol.first_order_ci[1]);
            snprintf(bufs[2], sizeof bufs[2], "%.3f", in->sobol.total);
            snprintf(bufs[3], sizeof bufs[3], "%.3f to %.3f", in->sobol.total_ci[0],
                     in->sobol.total_ci[1]);
            mlroi_fmt_percent(bufs[4], sizeof bufs[4], in->contribution_to_variance * 100.0, 1);
            for (int c = 0; c < 5; c++)
                cells[c + 1] = bufs[c];
            table_row(w, cells, 6, pass == 1, true);
            if (pass == 1)
                fputc('\n', stdout);
        }
    }
    if (v == NULL)
        return;
    printf("\nValue of information (invest when the expected NPV is positive)\n");
    printf("  knowing every input exactly (EVPI): %s\n",
           mlroi_fmt_money(bufs[0], sizeof bufs[0], v->evpi, s->currency));
    for (size_t j = 0; j < v->input_count; j++)
        printf("  knowing %s exactly (EVPPI): %s\n", v->paths[j],
               mlroi_fmt_money(bufs[0], sizeof bufs[0], v->evppi[j], s->currency));
    cli_print_wrapped(mlroi_voi_sentence(v, s->currency, sentence, sizeof sentence), 0);
}

static int mc_text(const mlroi_scenario *s, const void *res)
{
    static const char *const rows[] = { "mean", "sd", "min", "p5", "p10", "p25", "p50", "p75",
                                        "p90", "p95", "max", "undefined" };
    const size_t nrows = sizeof rows / sizeof rows[0];
    const mc_bundle *bu = res;
    const mlroi_mc_result *mc = bu->mc;
    const char *cur = s->currency;
    const char *cells[MLROI_MC_METRICS + 1];
    size_t w[MLROI_MC_METRICS + 1] = { 0 };
    size_t total = 0, peak = 0;
    char cell[96], bufs[MLROI_MC_METRICS][96];
    int horizon = (int)floor(s->bc.horizon_years + 0.5);

    printf("Monte Carlo of %s\n", s->name);
    printf("%s samples, seed %llu, %s, %zu uncertain input%s\n\n",
           mlroi_fmt_number(cell, sizeof cell, (double)mc->samples, 0),
           (unsigned long long)mc->seed,
           mc->method == MLROI_MC_LHS ? "Latin hypercube (lhs)" : "plain Monte Carlo (mc)",
           mc->input_count, mc->input_count == 1 ? "" : "s");
    /* Statistics down, metrics across. */
    for (int pass = 0; pass < 2; pass++) {
        cells[0] = "";
        for (int m = 0; m < MLROI_MC_METRICS; m++)
            cells[m + 1] = mc->metrics[m].metric->label;
        table_row(w, cells, MLROI_MC_METRICS + 1, pass == 1, true);
        if (pass == 1)
            fputc('\n', stdout);
        for (size_t r = 0; r < nrows; r++) {
            cells[0] = rows[r];
            for (int m = 0; m < MLROI_MC_METRICS; m++) {
                const mlroi_mc_stats *st = &mc->metrics[m];
                double v;
                if (r == nrows - 1) {
                    mlroi_fmt_percent(bufs[m], sizeof bufs[m], st->undefined_share * 100.0, 1);
                } else {
                    char name[64];
                    snprintf(name, sizeof name, "%s.%s", st->metric->name, rows[r]);
                    if (!mlroi_mc_stat_get(mc, name, &v))
                        v = NAN;
                    fmt_metric(bufs[m], sizeof bufs[m], v, st->metric->unit, cur);
                }
                cells[m + 1] = bufs[m];
            }
            table_row(w, cells, MLROI_MC_METRICS + 1, pass == 1, true);
            if (pass == 1)
                fputc('\n', stdout);
        }
    }
    printf("\nChance that NPV is positive: %s\n",
           mlroi_fmt_chance(cell, sizeof cell, mc->p_npv_positive, false));
    printf("Chance of paying back within the %d-year horizon: %s\n", horizon,
           mlroi_fmt_chance(cell, sizeof cell, mc->p_payback_within_horizon, false));
    printf("Scenario as written: NPV %s\n\n",
           mlroi_fmt_money(cell, sizeof cell, mc->base_npv, cur));
    printf("NPV distribution\n");
    for (size_t k = 0; k < mc->bins; k++) {
        total += mc->counts[k];
        if (mc->counts[k] > peak)
            peak = mc->counts[k];
    }
    {
        size_t lw = 0;
        char lo[64], hi[64];
        for (size_t k = 0; k < mc->bins; k++) {
            mlroi_fmt_money_short(lo, sizeof lo, mc->edges[k], cur);
            lw = fmax(lw, text_width(lo));
            mlroi_fmt_money_short(hi, sizeof hi, mc->edges[k + 1], cur);
            lw = fmax(lw, text_width(hi));
        }
        for (size_t k = 0; k < mc->bins; k++) {
            int len = peak ? (int)lround(40.0 * (double)mc->counts[k] / (double)peak) : 0;
            mlroi_fmt_money_short(lo, sizeof lo, mc->edges[k], cur);
            mlroi_fmt_money_short(hi, sizeof hi, mc->edges[k + 1], cur);
            fputs("  ", stdout);
            put_padded(lo, lw, false);
            fputs(" to ", stdout);
            put_padded(hi, lw, false);
            printf("  %5.1f %%  ", total ? 100.0 * (double)mc->counts[k] / (double)total : 0.0);
            for (int i = 0; i < len; i++)
                fputc('#', stdout);
            fputc('\n', stdout);
        }
    }
    if (bu->sens != NULL)
        sens_text(s, bu);
    return CLI_EXIT_OK;
}


static void sens_json(cJSON *root, const mc_bundle *bu)
{
    mlroi_drivers_to_json(root, bu->sens, bu->voi, bu->currency);
}

static int mc_json(const mlroi_scenario *s, const void *res)
{
    const mc_bundle *bu = res;
    cJSON *root = mlroi_mc_to_json(bu->mc, false);
    (void)s;
    if (root != NULL && bu->sens != NULL)
        sens_json(root, bu);
    return cli_json_print(root);
}

static void mc_csv(const void *res)
{
    const mc_bundle *bu = res;
    const mlroi_mc_result *mc = bu->mc;
    fputs("section,key,value\n", stdout);
    mc_csv_row("run", "samples", (double)mc->samples);
    mc_csv_row("run", "seed", (double)mc->seed);
    printf("run,method,%s\n", mc->method_name);
    for (int m = 0; m < MLROI_MC_METRICS; m++) {
        const mlroi_mc_stats *st = &mc->metrics[m];
        size_t n;
        const char *const *names = mlroi_mc_stat_names(&n);
        for (size_t k = 0; k < n; k++) {
            char name[64];
            double v;
            snprintf(name, sizeof name, "%s.%s", st->metric->name, names[k]);
            if (!mlroi_mc_stat_get(mc, name, &v))
                v = NAN;
            mc_csv_row(st->metric->name, names[k], v);
        }
    }
    mc_csv_row("probability", "p_npv_positive", mc->p_npv_positive);
    mc_csv_row("probability", "p_payback_within_horizon", mc->p_payback_within_horizon);
    for (size_t k = 0; k < mc->bins; k++) {
        char lo[64], hi[64], key[140];
        snprintf(key, sizeof key, "%s:%s", mlroi_fmt_exact(lo, sizeof lo, mc->edges[k]),
                 mlroi_fmt_exact(hi, sizeof hi, mc->edges[k + 1]));
        mc_csv_row("npv_histogram", key, (double)mc->counts[k]);
    }
    if (bu->sens != NULL) {
        static const char *const names[] = { "first_order", "first_order_ci_low",
                                             "first_order_ci_high", "total", "total_ci_low",
                                             "total_ci_high", "contribution_to_variance" };
        for (size_t j = 0; j < bu->sens->input_count; j++) {
            const mlroi_sensitivity_input *in = &bu->sens->inputs[j];
            const double v[7] = { in->sobol.first_order, in->sobol.first_order_ci[0],
                                  in->sobol.first_order_ci[1], in->sobol.total,
                                  in->sobol.total_ci[0], in->sobol.total_ci[1],
                                  in->contribution_to_variance };
            for (int c = 0; c < 7; c++) {
                char key[200];
                snprintf(key, sizeof key, "%s:%s", in->path, names[c]);
                mc_csv_row("sensitivity", key, v[c]);
            }
        }
    }
    if (bu->voi != NULL) {
        mc_csv_row("value_of_information", "evpi", bu->voi->evpi);
        for (size_t j = 0; j < bu->voi->input_count; j++) {
            char key[200];
            snprintf(key, sizeof key, "%s:evppi", bu->voi->paths[j]);
            mc_csv_row("value_of_information", key, bu->voi->evppi[j]);
        }
    }
}

/* Can PATH be written? Checked before sampling, so a long run never ends in a refusal:
 * an existing file must be writable and not a folder, a new one's folder must exist and be
 * writable. Says why not and returns false. */
static bool export_path_ok(const char *path)
{
    struct stat st;
    char *dir, *slash;
    bool ok = true;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            cli_error("--export-samples %s: is a folder", path);
            return false;
        }
        if (access(path, W_OK) != 0 || (S_ISREG(st.st_mode) && (st.st_mode & 0222) == 0)) {
            cli_error("--export-samples %s: cannot write: the file is read-only", path);
            return false;
        }
    }
    dir = malloc(strlen(path) + 2);
    if (dir == NULL) {
        cli_error("out of memory");
        return false;
    }
    strcpy(dir, path);
    slash = strrchr(dir, '/');
    if (slash == NULL)
        strcpy(dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        cli_error("--export-samples %s: cannot write: no folder %s", path, dir);
        ok = false;
    } else if (access(dir, W_OK | X_OK) != 0) {
        cli_error("--export-samples %s: cannot write: %s: %s", path, dir, strerror(errno));
        ok = false;
    }
    free(dir);
    return ok;
}

/* mlroi_write_atomic's writer: the samples as CSV into TMP. */
static mlroi_error export_write(void *ctx, const char *tmp, mlroi_diags *diags)
{
    const mlroi_mc_result *mc = ctx;
    static const char *const metrics[MLROI_MC_METRICS] = { "npv", "roi_percent",
                                                           "payback_months", "irr" };
    FILE *f = fopen(tmp, "w");
    bool bad;
    if (f == NULL)
        return mlroi_diags_add(diags, MLROI_ERR_IO, tmp, 0, 0, "", "cannot write: %s",
                               strerror(errno));
    for (size_t j = 0; j < mc->input_count; j++) {
        cli_csv_str(f, mc->input_paths[j]);
        fputc(',', f);
    }
    fprintf(f, "%s,%s,%s,%s\n", metrics[0], metrics[1], metrics[2], metrics[3]);
    for (size_t i = 0; i < mc->samples; i++) {
        for (size_t j = 0; j < mc->input_count; j++) {
            cli_csv_num(f, mc->sample_inputs[i * mc->input_count + j]);
            fputc(',', f);
        }
        for (int m = 0; m < MLROI_MC_METRICS; m++) {
            cli_csv_num(f, mc->sample_metrics[i * MLROI_MC_METRICS + m]);
            fputc(m + 1 < MLROI_MC_METRICS ? ',' : '\n', f);
        }
    }
    bad = ferror(f) != 0;
    if (fclose(f) != 0 || bad)
        return mlroi_diags_add(diags, MLROI_ERR_IO, tmp, 0, 0, "", "cannot write: %s",
                               strerror(errno));
    return MLROI_OK;
}

static const output_fns mc_output = { mc_json, mc_csv, mc_text };

int cli_cmd_montecarlo(int argc, char **argv)
{
    const char *samples_text = NULL, *seed_text = NULL, *method = NULL, *threads_text = NULL,
               *bins_text = NULL, *export_path = NULL, *sensitivity = NULL, *metric = NULL;
    const cli_opt opts[] = {
        { "samples", true, &samples_text, NULL, NULL }, { "seed", true, &seed_text, NULL, NULL },
        { "method", true, &method, NULL, NULL }, { "threads", true, &threads_text, NULL, NULL },
        { "bins", true, &bins_text, NULL, NULL },
        { "export-samples", true, &export_path, NULL, NULL },
        { "sensitivity", false, &sensitivity, NULL, NULL },
        { "metric", true, &metric, NULL, NULL }, { NULL, false, NULL, NULL, NULL }
    };
    what_if w;
    mlroi_mc_config *cfg = NULL;
    mlroi_mc_result *mc = NULL;
    mlroi_sensitivity *sens = NULL;
    mlroi_voi *voi = NULL;
    mlroi_mc_options o = { 0, false, 0, -1, 0, 0, NULL, NULL };
    progress_bar bar = { 0, false, false };
    long samples = 0, seed = 0, bins = 0, threads = 0;
    mlroi_error err;
    int rc = what_if_begin(&w, argc, argv, opts, montecarlo_usage);

    if (rc >= 0)
        goto done;
    if (!parse_whole(&w.c, "--samples", samples_text, 1, MLROI_MC_MAX_SAMPLES, &samples) ||
        !parse_whole(&w.c, "--seed", seed_text, 0, MLROI_MAX_SEED, &seed) ||
        !parse_whole(&w.c, "--bins", bins_text, 1, MLROI_MC_MAX_BINS, &bins)) {
        rc = CLI_EXIT_USAGE;
        goto done;
    }
    o.samples = (size_t)samples;
    o.has_seed = seed_text != NULL;
    o.seed = (uint64_t)seed;
    o.bins = (size_t)bins;
    if (method) {
        if (strcmp(method, "lhs") == 0)
            o.method = MLROI_MC_LHS;
        else if (strcmp(method, "mc") == 0)
            o.method = MLROI_MC_PLAIN;
        else {
            rc = cli_usage_error(&w.c, "--method expects lhs or mc, got '%s'", method);
            goto done;
        }
    }
    if (!parse_whole(&w.c, "--threads", threads_text, 1, MLROI_MAX_THREADS, &threads)) {
        rc = CLI_EXIT_USAGE;
        goto done;
    }
    o.threads = (int)threads;
    if (metric != NULL && sensitivity == NULL) {
        rc = cli_usage_error(&w.c, "--metric chooses what --sensitivity decomposes; add "
                             "--sensitivity");
        goto done;
    }
    if (metric != NULL && strcmp(metric, "npv") != 0 && strcmp(metric, "roi_percent") != 0 &&
        strcmp(metric, "payback_months") != 0 && strcmp(metric, "irr") != 0) {
        rc = cli_usage_error(&w.c, "--metric expects npv, roi_percent, payback_months or irr, "
                             "got '%s'", metric);
        goto done;
    }
    if (export_path != NULL && *export_path == '\0') {
        rc = cli_usage_error(&w.c, "--export-samples needs a file name");
        goto done;
    }
    if ((rc = what_if_load(&w, true)) != CLI_EXIT_OK)
        goto done;
    if (!w.base.bcase.present) {
        rc = cli_usage_error(&w.c, "%s: the scenario has no \"roi\" section, which the "
                             "simulated business case needs", w.c.files[0]);
        goto done;
    }
    err = mlroi_mc_config_parse(w.s, &cfg, &w.d);
    if (err == MLROI_OK) {
        bar.tty = isatty(fileno(stderr)) != 0;
        bar.start = monotonic_now();
        if (bar.tty) {
            o.progress = progress_draw;
            o.progress_ctx = &bar;
        }
        /* The decomposition's refusals (one input, more than 50) come before any sampling. */
        if (sensitivity != NULL && (cfg->input_count < 2 ||
                                    cfg->input_count > MLROI_SOBOL_MAX_INPUTS))
            err = mlroi_mc_sensitivity(w.s, w.c.bench, cfg, &o, metric, &sens, &w.d);
        if (err == MLROI_OK && export_path != NULL && !export_path_ok(export_path)) {
            rc = CLI_EXIT_FAILURE;
            goto done;
        }
        if (err == MLROI_OK)
            err = (export_path != NULL || sensitivity != NULL)
                  ? mlroi_mc_run_with_samples(w.s, w.c.bench, cfg, &o, &mc, &w.d)
                  : mlroi_mc_run(w.s, w.c.bench, cfg, &o, &mc, &w.d);
        if (err == MLROI_OK && sensitivity != NULL) {
            o.progress = NULL;
            err = mlroi_mc_sensitivity(w.s, w.c.bench, cfg, &o, metric, &sens, &w.d);
            if (err == MLROI_OK && mc->metrics[0].defined == mc->samples)
                err = mlroi_mc_value_of_information(mc, o.threads, &voi, &w.d);
            else if (err == MLROI_OK)
                fprintf(stderr, "mlroi: warning: %s: NPV is undefined in some samples, so its "
                        "value of information is left out\n", w.c.files[0]);
            if (err == MLROI_OK && sens->correlations_ignored)
                fprintf(stderr, "mlroi: warning: %s: the Sobol indices take the inputs as "
                        "independent; the declared correlations are left out of them\n",
                        w.c.files[0]);
        }
        if (err == MLROI_OK && export_path != NULL)
            err = mlroi_write_atomic(export_path, export_write, mc, &w.d);
    }
    if (err != MLROI_OK) {
        rc = cli_engine_done(&w.d, err);
        goto done;
    }
    {
        mc_lookup l = { mc, &w.base };
        mc_bundle bu = { mc, sens, voi, w.s->currency };
        rc = what_if_finish(&w, &mc_output, &bu, lookup_mc, &l);
    }
done:
    mlroi_sensitivity_free(sens);
    mlroi_voi_free(voi);
    mlroi_mc_result_free(mc);
    mlroi_mc_config_free(cfg);
    what_if_free(&w);
    return rc;
}
