/* SPDX-License-Identifier: MIT */
/* The `params` command: every input path --set and the what-if commands accept, one a line. */
#include <stdio.h>
#include "cli.h"
#include "mlroi/scenario.h"

int cli_cmd_params(int argc, char **argv)
{
    cli_common c;
    size_t count = 0;
    const mlroi_param *p;
    int rc = cli_parse(argc, argv, NULL,
                       "Usage: mlroi params\n"
                       "List the input paths that --set PATH=VALUE, sweep --param, tornado\n"
                       "--params, grid --x/--y and breakeven --param accept, one a line.\n"
                       "Array elements are reached by index, e.g. tco.workloads[0].instances.\n",
                       &c);
    if (rc >= 0)
        goto done;
    if (c.file_count) {
        rc = cli_usage_error(&c, "params takes no file");
        goto done;
    }
    p = mlroi_params(&count);
    for (size_t i = 0; i < count; i++)
        puts(p[i].path);
    rc = CLI_EXIT_OK;
done:
    cli_common_free(&c);
    return rc;
}
