/* SPDX-License-Identifier: MIT */
/* mlroi's entry point: dispatches to a command and makes sure stdout was really written. */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "mlroi/datadir.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"evaluate", cli_cmd_evaluate, "every module of a scenario: maturity, ROI, business case, team, TCO, decision support"},
    {"roi", cli_cmd_roi, "the 12-month quick estimate and the multi-year business case"},
    {"assess", cli_cmd_assess_any, "maturity score, level, gaps to the next level and the roadmap\n              (--interactive: ask the 16 questions, for a team session)"},
    {"team", cli_cmd_team, "ML and MLOps engineers, governance lead, their cost against the size bracket"},
    {"tco", cli_cmd_tco, "cloud, storage, monitoring, licences, people and one-time costs"},
    {"vendor", cli_cmd_vendor, "the platform the published guidance points to"},
    {"check", cli_cmd_check, "the scenario's assumptions against published benchmarks"},
    {"chargeback", cli_cmd_chargeback, "each business unit's yearly charge for the shared platform"},
    {"compare", cli_cmd_compare, "several scenarios side by side, with deltas to the first"},
    {"sweep", cli_cmd_sweep, "re-evaluate over a range of one input"},
    {"tornado", cli_cmd_tornado, "which inputs move the result most"},
    {"grid", cli_cmd_grid, "one metric over two inputs"},
    {"breakeven", cli_cmd_breakeven, "the value of one input at which a metric hits a target"},
    {"montecarlo", cli_cmd_montecarlo, "seeded simulation of the uncertain inputs"},
    {"report", cli_cmd_report, "a PDF board briefing, an Excel workbook with live formulas and an\n"
                               "              offline what-if page (HTML)"},
    {"validate", cli_cmd_validate, "check scenario files and list every problem"},
    {"init", cli_cmd_init, "print a starting scenario for a company profile"},
    {"params", cli_cmd_params, "list the input paths that --set and the what-if commands take"},
};

static void usage(FILE *f)
{
    fputs("Usage: mlroi COMMAND [FILE...] [OPTIONS]\n"
          "Plan and justify an MLOps investment from a JSON scenario file.\n\nCommands:\n", f);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fputs("\nOptions every command takes:\n"
          "  --set PATH=VALUE    override one input before validation (repeatable),\n"
          "                      e.g. --set roi.team_size=8 --set tco.workloads[0].instances=2\n"
          "  --format FMT        text (default), json or csv; JSON numbers at full precision,\n"
          "                      CSV: amounts to the cent, other figures to 10 significant digits\n"
          "  --fail-if EXPR      exit 3 when EXPR holds, e.g. 'npv<0' or 'irr<15%' (rates\n"
          "                      are fractions, or percent with a '%'; repeatable)\n"
          "  --benchmarks FILE   use another benchmark data file\n"
          "  --sandbox DIR       read extends, template files, logos, fonts and --benchmarks\n"
          "                      only from inside DIR (for scenarios nobody has reviewed)\n"
          "  -h, --help          help for a command: mlroi COMMAND --help\n"
          "  --version           print the version and the data directory in use\n"
          "\nExit status:\n"
          "  0  success\n"
          "  1  runtime or input/output failure\n"
          "  2  usage error or invalid scenario\n"
          "  3  a --fail-if gate (or check --strict) held\n"
          "\nExample:\n"
          "  mlroi evaluate scenarios/seed-quick-estimate.json\n", f);
}

/* stdout is checked once at the end: a full disk or closed pipe must not look like success. */
static int finish(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("error writing to standard output");
        return rc == 0 ? CLI_EXIT_FAILURE : rc;
    }
    return rc;
}

/* The data directory in use, so that a user can see which catalog and templates apply. */
static int print_datadir(void)
{
    mlroi_datadir dd;
    mlroi_diags d = {0};
    int rc = CLI_EXIT_OK;
    if (mlroi_datadir_find(&dd, &d) == MLROI_OK) {
        printf("data directory: %s (%s)\n", dd.path[0] ? dd.path : "none",
               mlroi_datadir_origin_text(dd.origin));
    } else {
        cli_print_diags(&d);
        rc = CLI_EXIT_FAILURE;
    }
    mlroi_diags_free(&d);
    return rc;
}

int main(int argc, char **argv)
{
    /* Numbers are read and written in the C locale whatever the environment says. */
    setlocale(LC_ALL, "C");
    if (argc < 2) {
        usage(stderr);
        return CLI_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return finish(CLI_EXIT_OK);
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("mlroi %s\n", MLROI_VERSION);
        return finish(print_datadir());
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return finish(commands[i].run(argc - 1, argv + 1));
    cli_error("unknown command '%s'", argv[1]);
    fputs("Try 'mlroi --help'.\n", stderr);
    return CLI_EXIT_USAGE;
}
