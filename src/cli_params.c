/* SPDX-License-Identifier: MIT */
/* The `params` command: every input path --set and the what-if commands accept, one a line. */
#include <stdarg.h>
#include <stdio.h>
#include "cli.h"
#include "mlroi/scenario.h"

/* One path: a line of text, or (--format json) a string appended to LIST. False when out of
 * memory. */
static bool emit(cJSON *list, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool emit(cJSON *list, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (!list) {
        puts(buf);   /* the command checks stdout once, at exit */
        return true;
    }
    return cJSON_AddItemToArray(list, cJSON_CreateString(buf));
}

/* The numeric inputs of each business-case line of S, addressed by name. */
static bool line_paths(const mlroi_scenario *s, cJSON *list)
{
    bool ok = true;
    for (size_t i = 0; i < s->bc.line_count; i++) {
        const mlroi_bc_line *l = &s->bc.lines[i];
        const char *amount = l->how == MLROI_LINE_ANNUAL ? "annual"
                             : l->how == MLROI_LINE_AMOUNT ? "amount" : NULL;
        if (amount)
            ok &= emit(list, "business_case.lines[%s].%s", l->name, amount);
        for (size_t k = 0; l->how == MLROI_LINE_VALUES && k < l->value_count; k++)
            ok &= emit(list, "business_case.lines[%s].values[%zu]", l->name, k);
        ok &= emit(list, "business_case.lines[%s].risk", l->name);
        ok &= emit(list, "business_case.lines[%s].scale", l->name);
        if (l->how == MLROI_LINE_ANNUAL || (l->how == MLROI_LINE_FROM &&
                                             l->from != MLROI_FIG_TCO_ONE_TIME))
            ok &= emit(list, "business_case.lines[%s].escalation", l->name);
        for (size_t k = 0; k < l->ramp_count; k++)
            ok &= emit(list, "business_case.lines[%s].ramp[%zu]", l->name, k);
    }
    return ok;
}

int cli_cmd_params(int argc, char **argv)
{
    cli_common c;
    size_t count = 0;
    const mlroi_param *p;
    mlroi_scenario *s = NULL;
    cJSON *list = NULL;
    bool ok = true;
    int rc = cli_parse(argc, argv, NULL,
                       "Usage: mlroi params [FILE] [--format text|json]\n"
                       "List the input paths that --set PATH=VALUE, sweep --param, tornado\n"
                       "--params, grid --x/--y and breakeven --param accept, one a line.\n"
                       "Array elements are reached by index, e.g. tco.workloads[0].instances;\n"
                       "business-case lines by name or index, e.g.\n"
                       "business_case.lines[Platform licence].annual. With FILE, the paths of\n"
                       "that scenario's lines follow the table's. --format json prints them as\n"
                       "one JSON array of strings.\n",
                       &c);
    if (rc >= 0)
        goto done;
    /* Options that would be silently ignored are refused (issue 17). */
    if (c.format == CLI_FMT_CSV) {
        rc = cli_usage_error(&c, "params prints text or JSON (--format json), not CSV");
        goto done;
    }
    if (c.fail_if_count) {
        rc = cli_usage_error(&c, "params has no figures to gate: use --fail-if with evaluate");
        goto done;
    }
    if (c.file_count > 1) {
        rc = cli_usage_error(&c, "params takes at most one file");
        goto done;
    }
    if (c.file_count == 1) {
        rc = cli_load(&c, c.files[0], &s);
        if (rc != CLI_EXIT_OK)
            goto done;
    }
    if (c.format == CLI_FMT_JSON && !(list = cJSON_CreateArray())) {
        cli_error("out of memory");
        rc = CLI_EXIT_FAILURE;
        goto done;
    }
    p = mlroi_params(&count);
    for (size_t i = 0; i < count; i++)
        ok &= emit(list, "%s", p[i].path);
    if (s)
        ok &= line_paths(s, list);
    if (!ok) {
        cli_error("out of memory");
        rc = CLI_EXIT_FAILURE;
        goto done;
    }
    rc = list ? cli_json_print(list) : CLI_EXIT_OK;
    list = NULL;
done:
    cJSON_Delete(list);
    mlroi_scenario_free(s);
    cli_common_free(&c);
    return rc;
}
