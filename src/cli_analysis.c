/* SPDX-License-Identifier: MIT */
/* The what-if commands: compare, sweep, tornado, grid, breakeven, montecarlo, and the gates. */
#include "cli.h"

#include <stdio.h>
#include "mlroi/analysis.h"
#include "mlroi/gate.h"

static int not_yet(const char *name)
{
    cli_error("%s: not available yet", name);
    return CLI_EXIT_FAILURE;
}

int cli_gates(const cli_common *c, cli_metric_lookup lookup, void *ctx)
{
    (void)c; (void)lookup; (void)ctx;
    return CLI_EXIT_OK;
}

int cli_cmd_compare(int argc, char **argv) { (void)argc; (void)argv; return not_yet("compare"); }
int cli_cmd_sweep(int argc, char **argv) { (void)argc; (void)argv; return not_yet("sweep"); }
int cli_cmd_tornado(int argc, char **argv) { (void)argc; (void)argv; return not_yet("tornado"); }
int cli_cmd_grid(int argc, char **argv) { (void)argc; (void)argv; return not_yet("grid"); }
int cli_cmd_breakeven(int argc, char **argv) { (void)argc; (void)argv; return not_yet("breakeven"); }
int cli_cmd_montecarlo(int argc, char **argv) { (void)argc; (void)argv; return not_yet("montecarlo"); }
