/* SPDX-License-Identifier: MIT */
/* The what-if commands: compare, sweep, tornado, grid, breakeven, montecarlo, and the gates. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "mlroi/analysis.h"
#include "mlroi/format.h"
#include "mlroi/gate.h"

#define COMMON_HELP \
    "  --set PATH=VALUE    override one input before validation (repeatable)\n" \
    "  --format FMT        text (default), json or csv\n" \
    "  --fail-if EXPR      exit 3 when EXPR holds, e.g. 'npv<0' (repeatable)\n" \
    "  --benchmarks FILE   use another benchmark data file\n" \
    "  -h, --help          show this help\n" \
    "Exit status: 0 success, 1 runtime failure, 2 usage error or invalid scenario,\n" \
    "3 a --fail-if gate held.\n"

/* ------------------------------------------------------------------------------------------
 * Small helpers
 * ------------------------------------------------------------------------------------------ */

static void print_diags(const mlroi_diags *d)
{
    char line[1024];
    for (size_t i = 0; i < d->count; i++) {
        mlroi_diag_format(&d->items[i], line, sizeof line);
        cli_error("%s", line);
    }
}

static int exit_for(mlroi_error e)
{
    if (e == MLROI_OK)
        return CLI_EXIT_OK;
    return (e == MLROI_ERR_IO || e == MLROI_ERR_NOMEM) ? CLI_EXIT_FAILURE : CLI_EXIT_USAGE;
}

/* Print the diagnostics of a failed engine call and map its error to an exit code. */
static int engine_failed(mlroi_diags *d, mlroi_error e)
{
    print_diags(d);
    mlroi_diags_free(d);
    return exit_for(e);
}

static int finish_output(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("cannot write the output");
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

/* An input's value for people: money when the input is money, else a plain number. */
static const char *fmt_input(char *buf, size_t size, double v, const char *path,
                             const char *currency)
{
    const mlroi_param *p = mlroi_param_find(path);
    if (p && (p->flags & MLROI_PF_MONEY))
        return mlroi_fmt_money(buf, size, v, currency);
    if (!isfinite(v))
        return snprintf(buf, size, "n/a"), buf;
    if (v == floor(v) && fabs(v) < 1e15)
        return mlroi_fmt_number(buf, size, v, 0);
    snprintf(buf, size, "%.6g", v);
    return buf;
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
        v[k] = strtod(item, &stop);
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

static int unknown_metric(const cli_common *c, const char *name)
{
    char names[1024];
    mlroi_metric_names(names, sizeof names);
    return cli_usage_error(c, "unknown metric '%s'; known metrics: %s", name, names);
}

/* Threads from --threads (0: one per CPU). */
static bool parse_threads(const cli_common *c, const char *text, int *out)
{
    long v = 0;
    *out = 0;
    if (text == NULL)
        return true;
    if (!cli_parse_int(c, "--threads", text, 1, MLROI_MAX_THREADS, &v))
        return false;
    *out = (int)v;
    return true;
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

static bool lookup_result(void *ctx, const char *name, double *value)
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
 * compare
 * ------------------------------------------------------------------------------------------ */

static const char compare_usage[] =
    "Usage: mlroi compare FILE FILE... [OPTIONS]\n"
    "Show several scenarios' headline figures side by side, with each one's difference to\n"
    "the first: NPV, PV ROI, payback, IRR, 3-year cost (the business case's risk-adjusted\n"
    "costs of years 0 to 3, undiscounted) and maturity level.\n"
    "Deltas between scenarios in different currencies are left out (n/a): no conversion\n"
    "is ever made. A --fail-if gate is checked against every scenario.\n\n"
    "Options:\n" COMMON_HELP;

static const mlroi_metric_id compare_ids[] = {
    MLROI_M_NPV, MLROI_M_ROI_PERCENT, MLROI_M_PAYBACK_MONTHS, MLROI_M_IRR, MLROI_M_COST_3Y,
    MLROI_M_MATURITY_LEVEL
};
#define COMPARE_N (sizeof compare_ids / sizeof compare_ids[0])

typedef struct compare_row {
    const char *file;
    char name[128];
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

int cli_cmd_compare(int argc, char **argv)
{
    cli_common c;
    compare_row *rows = NULL;
    int rc = cli_parse(argc, argv, NULL, compare_usage, &c);
    const mlroi_metric_info *metrics = mlroi_metrics(NULL);

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
        int one = cli_evaluate(&c, c.files[i], &s, &r);
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
            int g = cli_gates(&c, lookup_result, &r);
            if (g == CLI_EXIT_GATE)
                cli_error("(in %s)", c.files[i]);
            if (g == CLI_EXIT_USAGE) {
                rc = g;
                mlroi_result_free(&r);
                mlroi_scenario_free(s);
                goto done;
            }
            if (g != CLI_EXIT_OK)
                rc = g;
        }
        mlroi_result_free(&r);
        mlroi_scenario_free(s);
    }
    for (size_t i = 1; i < c.file_count; i++)
        if (strcmp(rows[i].currency, rows[0].currency) != 0) {
            cli_error("warning: %s uses %s and %s uses %s; money deltas are left out",
                      rows[0].file, rows[0].currency, rows[i].file, rows[i].currency);
            break;
        }

    if (c.format == CLI_FMT_JSON) {
        cJSON *root = cJSON_CreateObject(), *list = cJSON_AddArrayToObject(root, "scenarios");
        cJSON *names = cJSON_AddArrayToObject(root, "metrics");
        for (size_t m = 0; m < COMPARE_N; m++)
            cJSON_AddItemToArray(names, cJSON_CreateString(metrics[compare_ids[m]].name));
        for (size_t i = 0; i < c.file_count; i++) {
            cJSON *o = cJSON_CreateObject(), *vals, *delta;
            cJSON_AddStringToObject(o, "file", rows[i].file);
            cJSON_AddStringToObject(o, "name", rows[i].name);
            cJSON_AddStringToObject(o, "currency", rows[i].currency);
            vals = cJSON_AddObjectToObject(o, "values");
            for (size_t m = 0; m < COMPARE_N; m++)
                cli_json_num(vals, metrics[compare_ids[m]].name, rows[i].v[m]);
            if (i == 0) {
                cJSON_AddNullToObject(o, "delta");
            } else {
                delta = cJSON_AddObjectToObject(o, "delta");
                for (size_t m = 0; m < COMPARE_N; m++)
                    cli_json_num(delta, metrics[compare_ids[m]].name, compare_delta(rows, i, m));
            }
            cJSON_AddItemToArray(list, o);
        }
        rc = cli_json_print(root) != CLI_EXIT_OK ? CLI_EXIT_FAILURE : rc;
    } else if (c.format == CLI_FMT_CSV) {
        fputs("file,name,metric,value,delta_to_first\n", stdout);
        for (size_t i = 0; i < c.file_count; i++)
            for (size_t m = 0; m < COMPARE_N; m++) {
                cli_csv_str(stdout, rows[i].file);
                fputc(',', stdout);
                cli_csv_str(stdout, rows[i].name);
                fprintf(stdout, ",%s,", metrics[compare_ids[m]].name);
                cli_csv_num(stdout, rows[i].v[m]);
                fputc(',', stdout);
                if (i > 0)
                    cli_csv_num(stdout, compare_delta(rows, i, m));
                fputc('\n', stdout);
            }
    } else {
        /* One column per scenario, a delta column after each but the first. */
        size_t ncols = 1 + 2 * c.file_count - 1, label_w = 0;
        size_t *w = calloc(ncols, sizeof *w);
        char cell[128];
        if (w == NULL) {
            cli_error("out of memory");
            rc = CLI_EXIT_FAILURE;
            goto done;
        }
        for (size_t m = 0; m < COMPARE_N; m++)
            label_w = fmax(label_w, text_width(metrics[compare_ids[m]].label));
        for (size_t i = 0; i < c.file_count; i++) {
            size_t col = i == 0 ? 0 : 2 * i - 1;
            w[col] = text_width(rows[i].file);
            if (i > 0)
                w[col + 1] = text_width("vs first");
            for (size_t m = 0; m < COMPARE_N; m++) {
                const mlroi_metric_info *info = &metrics[compare_ids[m]];
                fmt_metric(cell, sizeof cell, rows[i].v[m], info->unit, rows[i].currency);
                w[col] = fmax(w[col], text_width(cell));
                if (i > 0) {
                    fmt_delta(cell, sizeof cell, compare_delta(rows, i, m), info->unit,
                              rows[i].currency);
                    w[col + 1] = fmax(w[col + 1], text_width(cell));
                }
            }
        }
        put_padded("", label_w, true);
        for (size_t i = 0; i < c.file_count; i++) {
            fputs("  ", stdout);
            put_padded(rows[i].file, w[i == 0 ? 0 : 2 * i - 1], false);
            if (i > 0) {
                fputs("  ", stdout);
                put_padded("vs first", w[2 * i], false);
            }
        }
        fputc('\n', stdout);
        for (size_t m = 0; m < COMPARE_N; m++) {
            const mlroi_metric_info *info = &metrics[compare_ids[m]];
            put_padded(info->label, label_w, true);
            for (size_t i = 0; i < c.file_count; i++) {
                fputs("  ", stdout);
                fmt_metric(cell, sizeof cell, rows[i].v[m], info->unit, rows[i].currency);
                put_padded(cell, w[i == 0 ? 0 : 2 * i - 1], false);
                if (i > 0) {
                    fputs("  ", stdout);
                    fmt_delta(cell, sizeof cell, compare_delta(rows, i, m), info->unit,
                              rows[i].currency);
                    put_padded(cell, w[2 * i], false);
                }
            }
            fputc('\n', stdout);
        }
        fputc('\n', stdout);
        for (size_t i = 0; i < c.file_count; i++)
            printf("%s: %s\n", rows[i].file, rows[i].name);
        free(w);
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
    "checked against the input's allowed range before anything is evaluated.\n\n"
    "Options:\n"
    "  --param PATH        the input to sweep\n"
    "  --from A, --to B    the ends of the sweep\n"
    "  --points N          how many values, ends included\n"
    "  --values LIST       explicit values instead, comma-separated\n"
    "  --metric NAME       one more column (any metric, e.g. tco_total)\n"
    COMMON_HELP;

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
    cli_common c;
    mlroi_scenario *s = NULL;
    mlroi_result base;
    bool have_base = false;
    mlroi_sweep *sw = NULL;
    double *values = NULL;
    size_t count = 0;
    mlroi_diags d = { 0 };
    mlroi_error err;
    int rc = cli_parse(argc, argv, opts, sweep_usage, &c);

    if (rc >= 0)
        goto done;
    if (c.file_count != 1) {
        rc = cli_usage_error(&c, "sweep takes exactly one scenario file");
        goto done;
    }
    if (param == NULL) {
        rc = cli_usage_error(&c, "--param PATH is required");
        goto done;
    }
    if (metric && mlroi_metric_find(metric) == NULL) {
        rc = unknown_metric(&c, metric);
        goto done;
    }
    if (values_text && (from || to || points)) {
        rc = cli_usage_error(&c, "give either --values or --from/--to/--points, not both");
        goto done;
    }
    if (values_text) {
        if (!parse_value_list(&c, "--values", values_text, &values, &count)) {
            rc = CLI_EXIT_USAGE;
            goto done;
        }
    } else {
        double a, b;
        long n;
        if (!from || !to || !points) {
            rc = cli_usage_error(&c, "give --from, --to and --points (or --values)");
            goto done;
        }
        if (!cli_parse_double(&c, "--from", from, &a) || !cli_parse_double(&c, "--to", to, &b) ||
            !cli_parse_int(&c, "--points", points, 2, MLROI_SWEEP_MAX_POINTS, &n)) {
            rc = CLI_EXIT_USAGE;
            goto done;
        }
        count = (size_t)n;
        err = mlroi_linspace(a, b, count, MLROI_SWEEP_MAX_POINTS, param, &values, &d);
        if (err != MLROI_OK) {
            rc = engine_failed(&d, err);
            goto done;
        }
    }
    rc = precheck_gates(&c, false);
    if (rc != CLI_EXIT_OK)
        goto done;
    rc = cli_evaluate(&c, c.files[0], &s, &base);
    if (rc != CLI_EXIT_OK)
        goto done;
    have_base = true;
    if (missing_section(&base, mlroi_metric_find("npv")) != NULL) {
        rc = cli_usage_error(&c, "%s: the scenario has no \"roi\" section, which a sweep's "
                             "NPV needs", c.files[0]);
        goto done;
    }
    err = mlroi_sweep_run(s, c.bench, param, values, count, metric, &sw, &d);
    if (err != MLROI_OK) {
        rc = engine_failed(&d, err);
        goto done;
    }
    if (c.format == CLI_FMT_JSON) {
        cJSON *root = cJSON_CreateObject(), *rows;
        cJSON_AddStringToObject(root, "param", sw->param);
        if (sw->metric)
            cJSON_AddStringToObject(root, "metric", sw->metric->name);
        rows = cJSON_AddArrayToObject(root, "rows");
        for (size_t i = 0; i < sw->count; i++) {
            const mlroi_sweep_row *r = &sw->rows[i];
            cJSON *o = cJSON_CreateObject();
            cli_json_num(o, "value", r->value);
            cli_json_num(o, "npv", r->npv);
            cli_json_num(o, "roi_percent", r->roi_percent);
            cli_json_num(o, "payback_months", r->payback_months);
            cli_json_num(o, "irr", r->irr);
            if (sw->metric)
                cli_json_num(o, sw->metric->name, r->metric);
            cJSON_AddItemToArray(rows, o);
        }
        rc = cli_json_print(root);
    } else if (c.format == CLI_FMT_CSV) {
        fputs("param,value,npv,roi_percent,payback_months,irr", stdout);
        if (sw->metric)
            printf(",%s", sw->metric->name);
        fputc('\n', stdout);
        for (size_t i = 0; i < sw->count; i++) {
            const mlroi_sweep_row *r = &sw->rows[i];
            cli_csv_str(stdout, sw->param);
            fputc(',', stdout); cli_csv_num(stdout, r->value);
            fputc(',', stdout); cli_csv_num(stdout, r->npv);
            fputc(',', stdout); cli_csv_num(stdout, r->roi_percent);
            fputc(',', stdout); cli_csv_num(stdout, r->payback_months);
            fputc(',', stdout); cli_csv_num(stdout, r->irr);
            if (sw->metric) {
                fputc(',', stdout);
                cli_csv_num(stdout, r->metric);
            }
            fputc('\n', stdout);
        }
    } else {
        const char *cur = s->currency;
        const char *heads[6] = { sw->param, "NPV", "PV ROI", "Payback", "IRR",
                                 sw->metric ? sw->metric->label : NULL };
        size_t ncol = sw->metric ? 6 : 5, w[6];
        for (size_t k = 0; k < ncol; k++)
            w[k] = text_width(heads[k]);
        for (int pass = 0; pass < 2; pass++) {
            if (pass == 1) {
                printf("Sweep of %s: %s\n\n", sw->param, s->name);
                for (size_t k = 0; k < ncol; k++) {
                    fputs(k ? "  " : "", stdout);
                    put_padded(heads[k], w[k], false);
                }
                fputc('\n', stdout);
            }
            for (size_t i = 0; i < sw->count; i++) {
                const mlroi_sweep_row *r = &sw->rows[i];
                const char *cells[6];
                char b0[96], b1[96], b2[96], b3[96], b4[96], b5[96];
                cells[0] = fmt_input(b0, sizeof b0, r->value, sw->param, cur);
                cells[1] = fmt_metric(b1, sizeof b1, r->npv, MLROI_U_MONEY, cur);
                cells[2] = fmt_metric(b2, sizeof b2, r->roi_percent, MLROI_U_PERCENT, cur);
                cells[3] = fmt_metric(b3, sizeof b3, r->payback_months, MLROI_U_MONTHS, cur);
                cells[4] = fmt_metric(b4, sizeof b4, r->irr, MLROI_U_RATE, cur);
                cells[5] = sw->metric ? fmt_metric(b5, sizeof b5, r->metric, sw->metric->unit,
                                                   cur) : "";
                for (size_t k = 0; k < ncol; k++) {
                    if (pass == 0) {
                        w[k] = fmax(w[k], text_width(cells[k]));
                    } else {
                        fputs(k ? "  " : "", stdout);
                        put_padded(cells[k], w[k], false);
                    }
                }
                if (pass == 1)
                    fputc('\n', stdout);
            }
        }
    }
    if (rc == CLI_EXIT_OK && c.fail_if_count)
        rc = cli_gates(&c, lookup_result, &base);
    rc = finish_output(rc);
done:
    mlroi_sweep_free(sw);
    free(values);
    if (have_base)
        mlroi_result_free(&base);
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);
    cli_common_free(&c);
    return rc;
}

/* ------------------------------------------------------------------------------------------
 * tornado
 * ------------------------------------------------------------------------------------------ */

static const char tornado_usage[] =
    "Usage: mlroi tornado FILE [--swing 0.2] [--metric npv] [--params P1,P2,...] [OPTIONS]\n"
    "Move one input at a time to a low and a high value and show how far the metric moves,\n"
    "largest swing first. The inputs are those given with --params, else the keys of the\n"
    "scenario's analysis.tornado ({ \"roi.avg_salary\": [80000, 100000] }), else every\n"
    "numeric input the scenario sets. Each goes to its analysis.tornado range when there is\n"
    "one, else to base x (1 - swing) and base x (1 + swing), kept in its allowed range\n"
    "(whole-number inputs rounded outwards). At most 512 inputs.\n\n"
    "Options:\n"
    "  --swing F           relative move, in (0, 1] (default: analysis.swing or 0.2)\n"
    "  --metric NAME       the metric to watch (default npv)\n"
    "  --params LIST       comma-separated input paths\n"
    COMMON_HELP;

int cli_cmd_tornado(int argc, char **argv)
{
    const char *swing = NULL, *metric = NULL, *params = NULL;
    const cli_opt opts[] = {
        { "swing", true, &swing, NULL, NULL }, { "metric", true, &metric, NULL, NULL },
        { "params", true, &params, NULL, NULL }, { NULL, false, NULL, NULL, NULL }
    };
    cli_common c;
    mlroi_scenario *s = NULL;
    mlroi_result base;
    bool have_base = false;
    mlroi_tornado *t = NULL;
    mlroi_tornado_options o = { NULL, NAN, NULL, 0 };
    char *names_copy = NULL;
    const char **names = NULL;
    mlroi_diags d = { 0 };
    mlroi_error err;
    int rc = cli_parse(argc, argv, opts, tornado_usage, &c);

    if (rc >= 0)
        goto done;
    if (c.file_count != 1) {
        rc = cli_usage_error(&c, "tornado takes exactly one scenario file");
        goto done;
    }
    if (swing && (!cli_parse_double(&c, "--swing", swing, &o.swing))) {
        rc = CLI_EXIT_USAGE;
        goto done;
    }
    if (swing && !(o.swing > 0 && o.swing <= 1)) {
        rc = cli_usage_error(&c, "--swing expects a fraction in (0, 1], such as 0.2");
        goto done;
    }
    if (metric && mlroi_metric_find(metric) == NULL) {
        rc = unknown_metric(&c, metric);
        goto done;
    }
    o.metric = metric;
    if (params) {
        if (!split_names(params, &names_copy, &names, &o.param_count)) {
            cli_error("out of memory");
            rc = CLI_EXIT_FAILURE;
            goto done;
        }
        size_t commas = 0;
        for (const char *q = params; *q; q++)
            commas += *q == ',';
        if (o.param_count == 0) {
            rc = cli_usage_error(&c, "--params expects input paths separated by commas");
            goto done;
        }
        if (o.param_count != commas + 1) {   /* an empty item: a typo, as in --values */
            rc = cli_usage_error(&c, "--params expects input paths separated by commas, got '%s'",
                                 params);
            goto done;
        }
        o.params = names;
    }
    rc = precheck_gates(&c, false);
    if (rc != CLI_EXIT_OK)
        goto done;
    rc = cli_evaluate(&c, c.files[0], &s, &base);
    if (rc != CLI_EXIT_OK)
        goto done;
    have_base = true;
    {
        const mlroi_metric_info *m = mlroi_metric_find(metric ? metric : "npv");
        const char *sec = missing_section(&base, m);
        if (sec) {
            rc = cli_usage_error(&c, "%s: the scenario has no \"%s\" section, which %s needs",
                                 c.files[0], sec, m->name);
            goto done;
        }
    }
    err = mlroi_tornado_run(s, c.bench, &o, &t, &d);
    if (err != MLROI_OK) {
        rc = engine_failed(&d, err);
        goto done;
    }
    if (c.format == CLI_FMT_JSON) {
        cJSON *root = cJSON_CreateObject(), *bars;
        cJSON_AddStringToObject(root, "metric", t->metric->name);
        cli_json_num(root, "base", t->base);
        bars = cJSON_AddArrayToObject(root, "bars");
        for (size_t i = 0; i < t->count; i++) {
            const mlroi_tornado_bar *b = &t->bars[i];
            cJSON *o2 = cJSON_CreateObject();
            cJSON_AddStringToObject(o2, "param", b->param);
            cli_json_num(o2, "low_value", b->low_value);
            cli_json_num(o2, "high_value", b->high_value);
            cli_json_num(o2, "low", b->low);
            cli_json_num(o2, "high", b->high);
            cli_json_num(o2, "swing", b->swing);
            cJSON_AddItemToArray(bars, o2);
        }
        rc = cli_json_print(root);
    } else if (c.format == CLI_FMT_CSV) {
        fputs("metric,base,param,base_value,low_value,high_value,low,high,swing\n", stdout);
        for (size_t i = 0; i < t->count; i++) {
            const mlroi_tornado_bar *b = &t->bars[i];
            printf("%s,", t->metric->name);
            cli_csv_num(stdout, t->base);
            fputc(',', stdout); cli_csv_str(stdout, b->param);
            fputc(',', stdout); cli_csv_num(stdout, b->base_value);
            fputc(',', stdout); cli_csv_num(stdout, b->low_value);
            fputc(',', stdout); cli_csv_num(stdout, b->high_value);
            fputc(',', stdout); cli_csv_num(stdout, b->low);
            fputc(',', stdout); cli_csv_num(stdout, b->high);
            fputc(',', stdout); cli_csv_num(stdout, b->swing);
            fputc('\n', stdout);
        }
    } else {
        const char *cur = s->currency;
        const char *heads[7] = { "input", "low value", "high value", "low", "high", "swing", "" };
        size_t w[7] = { 0 };
        double widest = 0;
        char b0[96], b1[96], b2[96], b3[96], b4[96], b5[96];
        for (size_t i = 0; i < t->count; i++)
            if (isfinite(t->bars[i].swing))
                widest = fmax(widest, t->bars[i].swing);
        printf("Tornado of %s: %s\n", t->metric->label, s->name);
        printf("Base: %s. ", fmt_metric(b0, sizeof b0, t->base, t->metric->unit, cur));
        printf("Inputs move by +/-%.0f %% unless analysis.tornado gives a range (*).\n\n",
               t->swing_fraction * 100.0);
        for (size_t k = 0; k < 6; k++)
            w[k] = text_width(heads[k]);
        for (int pass = 0; pass < 2; pass++) {
            if (pass == 1) {
                for (size_t k = 0; k < 6; k++) {
                    fputs(k ? "  " : "", stdout);
                    put_padded(heads[k], w[k], k == 0);
                }
                fputc('\n', stdout);
            }
            for (size_t i = 0; i < t->count; i++) {
                const mlroi_tornado_bar *b = &t->bars[i];
                char name[160];
                const char *cells[6];
                snprintf(name, sizeof name, "%s%s", b->param, b->from_scenario ? " *" : "");
                cells[0] = name;
                cells[1] = fmt_input(b1, sizeof b1, b->low_value, b->param, cur);
                cells[2] = fmt_input(b2, sizeof b2, b->high_value, b->param, cur);
                cells[3] = fmt_metric(b3, sizeof b3, b->low, t->metric->unit, cur);
                cells[4] = fmt_metric(b4, sizeof b4, b->high, t->metric->unit, cur);
                cells[5] = fmt_metric_short(b5, sizeof b5, b->swing,
                                            t->metric->unit == MLROI_U_RATE ? MLROI_U_RATE
                                            : t->metric->unit, cur);
                if (t->metric->unit == MLROI_U_MONTHS && isfinite(b->swing))
                    cells[5] = mlroi_fmt_months(b5, sizeof b5, b->swing);
                for (size_t k = 0; k < 6; k++) {
                    if (pass == 0) {
                        w[k] = fmax(w[k], text_width(cells[k]));
                    } else {
                        fputs(k ? "  " : "", stdout);
                        put_padded(cells[k], w[k], k == 0);
                    }
                }
                if (pass == 1) {
                    int len = (isfinite(b->swing) && widest > 0)
                              ? (int)lround(b->swing / widest * 24.0) : 0;
                    fputs("  ", stdout);
                    for (int k = 0; k < len; k++)
                        fputc('#', stdout);
                    fputc('\n', stdout);
                }
            }
        }
        if (t->count == 0)
            printf("(the scenario sets no numeric input to move)\n");
    }
    if (rc == CLI_EXIT_OK && c.fail_if_count)
        rc = cli_gates(&c, lookup_result, &base);
    rc = finish_output(rc);
done:
    mlroi_tornado_free(t);
    free(names_copy);
    free((void *)names);
    if (have_base)
        mlroi_result_free(&base);
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);
    cli_common_free(&c);
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
    "4,000,000 cells.\n\n"
    "Options:\n"
    "  --x SPEC, --y SPEC  input path, first value, last value, number of values\n"
    "  --metric NAME       the metric (default npv)\n"
    "  --threads N         worker threads (default: one per CPU; the result is the same)\n"
    COMMON_HELP;

static int print_grid_json(const mlroi_grid *g)
{
    char num[64];
    printf("{\n  \"metric\": \"%s\",\n", g->metric->name);
    for (int axis = 0; axis < 2; axis++) {
        const mlroi_axis *a = axis == 0 ? &g->x : &g->y;
        /* cJSON quotes and escapes the path. */
        cJSON *tmp = cJSON_CreateString(a->param);
        char *esc = tmp ? cJSON_PrintUnformatted(tmp) : NULL;
        cJSON_Delete(tmp);
        printf("  \"%s\": {\n    \"param\": %s,\n    \"values\": [", axis == 0 ? "x" : "y",
               esc ? esc : "\"\"");
        cJSON_free(esc);
        for (size_t k = 0; k < a->count; k++)
            printf("%s%s", k ? ", " : "", mlroi_fmt_exact(num, sizeof num, a->values[k]));
        printf("]\n  },\n");
    }
    printf("  \"matrix\": [\n");
    for (size_t i = 0; i < g->y.count; i++) {
        printf("    [");
        for (size_t j = 0; j < g->x.count; j++)
            printf("%s%s", j ? ", " : "",
                   mlroi_fmt_exact(num, sizeof num, g->matrix[i * g->x.count + j]));
        printf("]%s\n", i + 1 < g->y.count ? "," : "");
    }
    printf("  ]\n}\n");
    return CLI_EXIT_OK;
}

int cli_cmd_grid(int argc, char **argv)
{
    const char *xs = NULL, *ys = NULL, *metric = NULL, *threads_text = NULL;
    const cli_opt opts[] = {
        { "x", true, &xs, NULL, NULL }, { "y", true, &ys, NULL, NULL },
        { "metric", true, &metric, NULL, NULL }, { "threads", true, &threads_text, NULL, NULL },
        { NULL, false, NULL, NULL, NULL }
    };
    cli_common c;
    mlroi_scenario *s = NULL;
    mlroi_result base;
    bool have_base = false;
    mlroi_axis x, y;
    mlroi_grid *g = NULL;
    mlroi_diags d = { 0 };
    int threads = 0;
    mlroi_error err;
    int rc = cli_parse(argc, argv, opts, grid_usage, &c);

    memset(&x, 0, sizeof x);
    memset(&y, 0, sizeof y);
    if (rc >= 0)
        goto done;
    if (c.file_count != 1) {
        rc = cli_usage_error(&c, "grid takes exactly one scenario file");
        goto done;
    }
    if (xs == NULL || ys == NULL) {
        rc = cli_usage_error(&c, "--x and --y (PATH:FROM:TO:POINTS) are required");
        goto done;
    }
    if (metric && mlroi_metric_find(metric) == NULL) {
        rc = unknown_metric(&c, metric);
        goto done;
    }
    if (!parse_threads(&c, threads_text, &threads)) {
        rc = CLI_EXIT_USAGE;
        goto done;
    }
    err = mlroi_axis_parse(xs, "--x", &x, &d);
    if (err == MLROI_OK)
        err = mlroi_axis_parse(ys, "--y", &y, &d);
    if (err != MLROI_OK) {
        print_diags(&d);
        rc = cli_usage_error(&c, "bad grid axis");
        goto done;
    }
    rc = precheck_gates(&c, false);
    if (rc != CLI_EXIT_OK)
        goto done;
    rc = cli_evaluate(&c, c.files[0], &s, &base);
    if (rc != CLI_EXIT_OK)
        goto done;
    have_base = true;
    {
        const mlroi_metric_info *m = mlroi_metric_find(metric ? metric : "npv");
        const char *sec = missing_section(&base, m);
        if (sec) {
            rc = cli_usage_error(&c, "%s: the scenario has no \"%s\" section, which %s needs",
                                 c.files[0], sec, m->name);
            goto done;
        }
    }
    err = mlroi_grid_run(s, c.bench, metric, &x, &y, threads, &g, &d);
    if (err != MLROI_OK) {
        rc = engine_failed(&d, err);
        goto done;
    }
    if (c.format == CLI_FMT_JSON) {
        rc = print_grid_json(g);
    } else if (c.format == CLI_FMT_CSV) {
        /* The matrix as a sheet: x values across, y values down. */
        printf("%s\\%s", g->y.param, g->x.param);
        for (size_t j = 0; j < g->x.count; j++) {
            fputc(',', stdout);
            cli_csv_num(stdout, g->x.values[j]);
        }
        fputc('\n', stdout);
        for (size_t i = 0; i < g->y.count; i++) {
            cli_csv_num(stdout, g->y.values[i]);
            for (size_t j = 0; j < g->x.count; j++) {
                fputc(',', stdout);
                cli_csv_num(stdout, g->matrix[i * g->x.count + j]);
            }
            fputc('\n', stdout);
        }
    } else {
        const char *cur = s->currency;
        size_t w = 0, w0 = 0;
        char cell[96];
        for (size_t j = 0; j < g->x.count; j++)
            w = fmax(w, text_width(fmt_input(cell, sizeof cell, g->x.values[j], g->x.param, cur)));
        for (size_t i = 0; i < g->y.count; i++)
            w0 = fmax(w0, text_width(fmt_input(cell, sizeof cell, g->y.values[i], g->y.param, cur)));
        for (size_t k = 0; k < g->x.count * g->y.count; k++)
            w = fmax(w, text_width(fmt_metric_short(cell, sizeof cell, g->matrix[k],
                                                    g->metric->unit, cur)));
        printf("%s by %s (across) and %s (down): %s\n\n", g->metric->label, g->x.param,
               g->y.param, s->name);
        put_padded("", w0, true);
        for (size_t j = 0; j < g->x.count; j++) {
            fputs("  ", stdout);
            put_padded(fmt_input(cell, sizeof cell, g->x.values[j], g->x.param, cur), w, false);
        }
        fputc('\n', stdout);
        for (size_t i = 0; i < g->y.count; i++) {
            put_padded(fmt_input(cell, sizeof cell, g->y.values[i], g->y.param, cur), w0, false);
            for (size_t j = 0; j < g->x.count; j++) {
                fputs("  ", stdout);
                put_padded(fmt_metric_short(cell, sizeof cell, g->matrix[i * g->x.count + j],
                                            g->metric->unit, cur), w, false);
            }
            fputc('\n', stdout);
        }
    }
    if (rc == CLI_EXIT_OK && c.fail_if_count)
        rc = cli_gates(&c, lookup_result, &base);
    rc = finish_output(rc);
done:
    free(x.values);
    free(y.values);
    mlroi_grid_free(g);
    if (have_base)
        mlroi_result_free(&base);
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);
    cli_common_free(&c);
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
    "  --metric NAME       the metric (default npv)\n"
    "  --target X          the value the metric must reach (default 0)\n"
    COMMON_HELP;

int cli_cmd_breakeven(int argc, char **argv)
{
    const char *param = NULL, *metric = NULL, *target_text = NULL;
    const cli_opt opts[] = {
        { "param", true, &param, NULL, NULL }, { "metric", true, &metric, NULL, NULL },
        { "target", true, &target_text, NULL, NULL }, { NULL, false, NULL, NULL, NULL }
    };
    cli_common c;
    mlroi_scenario *s = NULL;
    mlroi_result base;
    bool have_base = false;
    mlroi_breakeven be;
    double target = 0.0;
    mlroi_diags d = { 0 };
    mlroi_error err;
    int rc = cli_parse(argc, argv, opts, breakeven_usage, &c);

    if (rc >= 0)
        goto done;
    if (c.file_count != 1) {
        rc = cli_usage_error(&c, "breakeven takes exactly one scenario file");
        goto done;
    }
    if (param == NULL) {
        rc = cli_usage_error(&c, "--param PATH is required");
        goto done;
    }
    if (metric && mlroi_metric_find(metric) == NULL) {
        rc = unknown_metric(&c, metric);
        goto done;
    }
    if (target_text && !cli_parse_double(&c, "--target", target_text, &target)) {
        rc = CLI_EXIT_USAGE;
        goto done;
    }
    rc = precheck_gates(&c, false);
    if (rc != CLI_EXIT_OK)
        goto done;
    rc = cli_evaluate(&c, c.files[0], &s, &base);
    if (rc != CLI_EXIT_OK)
        goto done;
    have_base = true;
    {
        const mlroi_metric_info *m = mlroi_metric_find(metric ? metric : "npv");
        const char *sec = missing_section(&base, m);
        if (sec) {
            rc = cli_usage_error(&c, "%s: the scenario has no \"%s\" section, which %s needs",
                                 c.files[0], sec, m->name);
            goto done;
        }
    }
    err = mlroi_breakeven_run(s, c.bench, param, metric, target, &be, &d);
    if (err != MLROI_OK) {
        rc = engine_failed(&d, err);
        goto done;
    }
    if (c.format == CLI_FMT_JSON) {
        cJSON *root = cJSON_CreateObject();
        cJSON_AddStringToObject(root, "param", be.param);
        cJSON_AddStringToObject(root, "metric", be.metric->name);
        cli_json_num(root, "target", be.target);
        cli_json_num(root, "value", be.value);
        if (isnan(be.value))
            cJSON_AddStringToObject(root, "reason", be.reason);
        cli_json_num(root, "base_value", be.base_value);
        rc = cli_json_print(root);
    } else if (c.format == CLI_FMT_CSV) {
        fputs("param,metric,target,value,base_value,reason\n", stdout);
        cli_csv_str(stdout, be.param);
        printf(",%s,", be.metric->name);
        cli_csv_num(stdout, be.target);
        fputc(',', stdout); cli_csv_num(stdout, be.value);
        fputc(',', stdout); cli_csv_num(stdout, be.base_value);
        fputc(',', stdout); cli_csv_str(stdout, be.reason);
        fputc('\n', stdout);
    } else {
        char v[96], bv[96], tv[96];
        const char *cur = s->currency;
        fmt_metric(tv, sizeof tv, be.target, be.metric->unit, cur);
        if (isnan(be.value)) {
            printf("No break-even: %s.\n", be.reason);
        } else {
            const mlroi_param *p = mlroi_param_find(be.param);
            if (p && (p->flags & MLROI_PF_MONEY))
                mlroi_fmt_money_cents(v, sizeof v, be.value, cur);
            else
                snprintf(v, sizeof v, "%.10g", be.value);
            printf("%s reaches %s when %s = %s\n", be.metric->label, tv, be.param, v);
            printf("(the scenario has %s)\n",
                   fmt_input(bv, sizeof bv, be.base_value, be.param, cur));
        }
    }
    if (rc == CLI_EXIT_OK && c.fail_if_count)
        rc = cli_gates(&c, lookup_result, &base);
    rc = finish_output(rc);
done:
    if (have_base)
        mlroi_result_free(&base);
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);
    cli_common_free(&c);
    return rc;
}

/* ------------------------------------------------------------------------------------------
 * montecarlo
 * ------------------------------------------------------------------------------------------ */

static const char montecarlo_usage[] =
    "Usage: mlroi montecarlo FILE [--samples N] [--seed S] [--method lhs|mc] [--threads N]\n"
    "                        [--bins N] [OPTIONS]\n"
    "Sample the inputs declared under \"uncertainty\" in the scenario and report NPV, PV ROI,\n"
    "payback and IRR: mean, sd, min, max, p5 ... p95, the share of samples where each is\n"
    "undefined, the chance that NPV is positive and that the investment pays back within\n"
    "the horizon, and an NPV histogram. The same scenario and seed give byte-identical\n"
    "output for any --threads. At most 5,000,000 samples (about 40 bytes each) and 64\n"
    "uncertain inputs.\n"
    "Distributions: uniform (min, max), triangular and pert (min, mode, max), normal and\n"
    "lognormal (mean and sd, or p5 and p95; optional min/max truncation).\n"
    "Gates may use METRIC.STAT (npv.p10, irr.mean, payback_months.undefined_share),\n"
    "p_npv_positive, p_payback_within_horizon, or any metric of the scenario as written.\n\n"
    "Options:\n"
    "  --samples N         samples (default: uncertainty.samples, else 10000)\n"
    "  --seed S            seed (default: uncertainty.seed, else 42)\n"
    "  --method M          lhs (Latin hypercube, default) or mc (plain)\n"
    "  --threads N         worker threads (default: one per CPU; the result is the same)\n"
    "  --bins N            NPV histogram bins, 1 to 1000 (default 20)\n"
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

/* A probability in percent that never rounds to a certainty it is not: "> 99.9 %". */
static const char *fmt_chance(char *buf, size_t size, double p)
{
    if (p > 0.0 && p < 0.0005)
        snprintf(buf, size, "< 0.1 %%");
    else if (p < 1.0 && p >= 0.9995)
        snprintf(buf, size, "> 99.9 %%");
    else
        mlroi_fmt_percent(buf, size, p * 100.0, 1);
    return buf;
}

static void mc_json_stats(cJSON *obj, const mlroi_mc_stats *st)
{
    cJSON *o = cJSON_AddObjectToObject(obj, st->metric->name);
    cli_json_num(o, "mean", st->mean);
    cli_json_num(o, "sd", st->sd);
    cli_json_num(o, "min", st->min);
    cli_json_num(o, "max", st->max);
    for (int k = 0; k < MLROI_MC_PCT_COUNT; k++) {
        char key[8];
        snprintf(key, sizeof key, "p%d", mlroi_mc_percentiles[k]);
        cli_json_num(o, key, st->pct[k]);
    }
    cli_json_num(o, "undefined_share", st->undefined_share);
}

static void mc_csv_row(const char *section, const char *key, double v)
{
    cli_csv_str(stdout, section);
    fputc(',', stdout);
    cli_csv_str(stdout, key);
    fputc(',', stdout);
    cli_csv_num(stdout, v);
    fputc('\n', stdout);
}

static void mc_text(const mlroi_mc_result *mc, const mlroi_scenario *s)
{
    static const char *const rows[] = { "mean", "sd", "min", "p5", "p10", "p25", "p50", "p75",
                                        "p90", "p95", "max", "undefined" };
    const char *cur = s->currency;
    size_t w[MLROI_MC_METRICS + 1] = { 0 };
    size_t total = 0, peak = 0;
    char cell[96];
    int horizon = (int)floor(s->bc.horizon_years + 0.5);

    printf("Monte Carlo of %s\n", s->name);
    printf("%s samples, seed %llu, %s, %zu uncertain input%s\n\n",
           mlroi_fmt_number(cell, sizeof cell, (double)mc->samples, 0),
           (unsigned long long)mc->seed,
           mc->method == MLROI_MC_LHS ? "Latin hypercube (lhs)" : "plain Monte Carlo (mc)",
           mc->input_count, mc->input_count == 1 ? "" : "s");
    /* Statistics down, metrics across. */
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            put_padded("", w[0], true);
            for (int m = 0; m < MLROI_MC_METRICS; m++) {
                fputs("  ", stdout);
                put_padded(mc->metrics[m].metric->label, w[m + 1], false);
            }
            fputc('\n', stdout);
        }
        for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
            if (pass == 0)
                w[0] = fmax(w[0], text_width(rows[r]));
            else
                put_padded(rows[r], w[0], true);
            for (int m = 0; m < MLROI_MC_METRICS; m++) {
                const mlroi_mc_stats *st = &mc->metrics[m];
                double v;
                if (r == sizeof rows / sizeof rows[0] - 1) {
                    mlroi_fmt_percent(cell, sizeof cell, st->undefined_share * 100.0, 1);
                } else {
                    char name[64];
                    snprintf(name, sizeof name, "%s.%s", st->metric->name, rows[r]);
                    if (!mlroi_mc_stat_get(mc, name, &v))
                        v = NAN;
                    fmt_metric(cell, sizeof cell, v, st->metric->unit, cur);
                }
                if (pass == 0) {
                    w[m + 1] = fmax(w[m + 1], fmax(text_width(cell),
                                                   text_width(st->metric->label)));
                } else {
                    fputs("  ", stdout);
                    put_padded(cell, w[m + 1], false);
                }
            }
            if (pass == 1)
                fputc('\n', stdout);
        }
    }
    printf("\nChance that NPV is positive: %s\n",
           fmt_chance(cell, sizeof cell, mc->p_npv_positive));
    printf("Chance of paying back within the %d-year horizon: %s\n", horizon,
           fmt_chance(cell, sizeof cell, mc->p_payback_within_horizon));
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
}

int cli_cmd_montecarlo(int argc, char **argv)
{
    const char *samples_text = NULL, *seed_text = NULL, *method = NULL, *threads_text = NULL,
               *bins_text = NULL;
    const cli_opt opts[] = {
        { "samples", true, &samples_text, NULL, NULL }, { "seed", true, &seed_text, NULL, NULL },
        { "method", true, &method, NULL, NULL }, { "threads", true, &threads_text, NULL, NULL },
        { "bins", true, &bins_text, NULL, NULL }, { NULL, false, NULL, NULL, NULL }
    };
    cli_common c;
    mlroi_scenario *s = NULL;
    mlroi_result base;
    bool have_base = false;
    mlroi_mc_config *cfg = NULL;
    mlroi_mc_result *mc = NULL;
    mlroi_mc_options o = { 0, false, 0, -1, 0, 0, NULL, NULL };
    progress_bar bar = { 0, false, false };
    mlroi_diags d = { 0 };
    mlroi_error err;
    int rc = cli_parse(argc, argv, opts, montecarlo_usage, &c);

    if (rc >= 0)
        goto done;
    if (c.file_count != 1) {
        rc = cli_usage_error(&c, "montecarlo takes exactly one scenario file");
        goto done;
    }
    if (samples_text) {
        long v;
        if (!cli_parse_int(&c, "--samples", samples_text, 1, MLROI_MC_MAX_SAMPLES, &v)) {
            rc = CLI_EXIT_USAGE;
            goto done;
        }
        o.samples = (size_t)v;
    }
    if (seed_text) {
        long v;
        if (!cli_parse_int(&c, "--seed", seed_text, 0, 9007199254740991L, &v)) {
            rc = CLI_EXIT_USAGE;
            goto done;
        }
        o.has_seed = true;
        o.seed = (uint64_t)v;
    }
    if (bins_text) {
        long v;
        if (!cli_parse_int(&c, "--bins", bins_text, 1, MLROI_MC_MAX_BINS, &v)) {
            rc = CLI_EXIT_USAGE;
            goto done;
        }
        o.bins = (size_t)v;
    }
    if (method) {
        if (strcmp(method, "lhs") == 0)
            o.method = MLROI_MC_LHS;
        else if (strcmp(method, "mc") == 0)
            o.method = MLROI_MC_PLAIN;
        else {
            rc = cli_usage_error(&c, "--method expects lhs or mc, got '%s'", method);
            goto done;
        }
    }
    if (!parse_threads(&c, threads_text, &o.threads)) {
        rc = CLI_EXIT_USAGE;
        goto done;
    }
    rc = precheck_gates(&c, true);
    if (rc != CLI_EXIT_OK)
        goto done;
    rc = cli_evaluate(&c, c.files[0], &s, &base);
    if (rc != CLI_EXIT_OK)
        goto done;
    have_base = true;
    if (!base.bcase.present) {
        rc = cli_usage_error(&c, "%s: the scenario has no \"roi\" section, which the simulated "
                             "business case needs", c.files[0]);
        goto done;
    }
    err = mlroi_mc_config_parse(s, &cfg, &d);
    if (err != MLROI_OK) {
        rc = engine_failed(&d, err);
        goto done;
    }
    bar.tty = isatty(fileno(stderr)) != 0;
    bar.start = monotonic_now();
    if (bar.tty) {
        o.progress = progress_draw;
        o.progress_ctx = &bar;
    }
    err = mlroi_mc_run(s, c.bench, cfg, &o, &mc, &d);
    if (err != MLROI_OK) {
        rc = engine_failed(&d, err);
        goto done;
    }
    if (c.format == CLI_FMT_JSON) {
        cJSON *root = cJSON_CreateObject(), *metrics, *hist, *edges, *counts;
        cJSON_AddNumberToObject(root, "samples", (double)mc->samples);
        cJSON_AddNumberToObject(root, "seed", (double)mc->seed);
        cJSON_AddStringToObject(root, "method", mc->method_name);
        metrics = cJSON_AddObjectToObject(root, "metrics");
        for (int m = 0; m < MLROI_MC_METRICS; m++)
            mc_json_stats(metrics, &mc->metrics[m]);
        cli_json_num(root, "p_npv_positive", mc->p_npv_positive);
        cli_json_num(root, "p_payback_within_horizon", mc->p_payback_within_horizon);
        hist = cJSON_AddObjectToObject(root, "histogram");
        edges = cJSON_AddArrayToObject(hist, "edges");
        counts = cJSON_AddArrayToObject(hist, "counts");
        for (size_t k = 0; k <= mc->bins; k++)
            cJSON_AddItemToArray(edges, cJSON_CreateNumber(mc->edges[k]));
        for (size_t k = 0; k < mc->bins; k++)
            cJSON_AddItemToArray(counts, cJSON_CreateNumber((double)mc->counts[k]));
        rc = cli_json_print(root);
    } else if (c.format == CLI_FMT_CSV) {
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
    } else {
        mc_text(mc, s);
    }
    if (rc == CLI_EXIT_OK && c.fail_if_count) {
        mc_lookup l = { mc, &base };
        rc = cli_gates(&c, lookup_mc, &l);
    }
    rc = finish_output(rc);
done:
    mlroi_mc_result_free(mc);
    mlroi_mc_config_free(cfg);
    if (have_base)
        mlroi_result_free(&base);
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);
    cli_common_free(&c);
    return rc;
}
