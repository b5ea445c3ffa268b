/* SPDX-License-Identifier: MIT */
/* The `params` command: every input path --set and the what-if commands accept, one a line. */
#include <stdio.h>
#include "cli.h"
#include "mlroi/scenario.h"

/* The numeric inputs of each business-case line of S, addressed by name. */
static void line_paths(const mlroi_scenario *s)
{
    for (size_t i = 0; i < s->bc.line_count; i++) {
        const mlroi_bc_line *l = &s->bc.lines[i];
        const char *amount = l->how == MLROI_LINE_ANNUAL ? "annual"
                             : l->how == MLROI_LINE_AMOUNT ? "amount" : NULL;
        if (amount)
            printf("business_case.lines[%s].%s\n", l->name, amount);
        for (size_t k = 0; l->how == MLROI_LINE_VALUES && k < l->value_count; k++)
            printf("business_case.lines[%s].values[%zu]\n", l->name, k);
        printf("business_case.lines[%s].risk\n", l->name);
        printf("business_case.lines[%s].scale\n", l->name);
        if (l->how == MLROI_LINE_ANNUAL || (l->how == MLROI_LINE_FROM &&
                                             l->from != MLROI_FIG_TCO_ONE_TIME))
            printf("business_case.lines[%s].escalation\n", l->name);
        for (size_t k = 0; k < l->ramp_count; k++)
            printf("business_case.lines[%s].ramp[%zu]\n", l->name, k);
    }
}

int cli_cmd_params(int argc, char **argv)
{
    cli_common c;
    size_t count = 0;
    const mlroi_param *p;
    mlroi_scenario *s = NULL;
    int rc = cli_parse(argc, argv, NULL,
                       "Usage: mlroi params [FILE]\n"
                       "List the input paths that --set PATH=VALUE, sweep --param, tornado\n"
                       "--params, grid --x/--y and breakeven --param accept, one a line.\n"
                       "Array elements are reached by index, e.g. tco.workloads[0].instances;\n"
                       "business-case lines by name or index, e.g.\n"
                       "business_case.lines[Platform licence].annual. With FILE, the paths of\n"
                       "that scenario's lines follow the table's.\n",
                       &c);
    if (rc >= 0)
        goto done;
    if (c.file_count > 1) {
        rc = cli_usage_error(&c, "params takes at most one file");
        goto done;
    }
    if (c.file_count == 1) {
        rc = cli_load(&c, c.files[0], &s);
        if (rc != CLI_EXIT_OK)
            goto done;
    }
    p = mlroi_params(&count);
    for (size_t i = 0; i < count; i++)
        puts(p[i].path);
    if (s)
        line_paths(s);
    rc = CLI_EXIT_OK;
done:
    mlroi_scenario_free(s);
    cli_common_free(&c);
    return rc;
}
