/* SPDX-License-Identifier: MIT */
/* Shared plumbing of the command-line front end: options, loading, output, exit codes. */
#ifndef MLROI_CLI_H
#define MLROI_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <cjson/cJSON.h>
#include "mlroi/engine.h"
#include "mlroi/scenario.h"

/* Exit codes, documented in --help and the man page. */
enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_FAILURE = 1,   /* runtime or I/O failure */
    CLI_EXIT_USAGE = 2,     /* usage error or invalid scenario */
    CLI_EXIT_GATE = 3       /* a --fail-if gate (or --strict check) held */
};

typedef enum cli_format { CLI_FMT_TEXT = 0, CLI_FMT_JSON, CLI_FMT_CSV } cli_format;

/* A command-specific option: `--name VALUE` or `--name` (flag). */
typedef struct cli_opt {
    const char *name;        /* without the dashes: "param" */
    bool takes_value;
    const char **value;      /* receives the value (last one wins); flags get "1" */
    /* For repeatable options: each value is appended here (may be NULL). */
    const char ***list; size_t *list_count;
} cli_opt;

/* Options every command accepts, filled by cli_parse. */
typedef struct cli_common {
    const char *command;     /* "evaluate" */
    cli_format format;
    mlroi_override *overrides; size_t override_count;
    const char **files; size_t file_count;       /* positional arguments */
    const char **fail_if; size_t fail_if_count;  /* --fail-if expressions */
    const char *benchmarks_file;                 /* --benchmarks FILE */
    const mlroi_benchmarks *bench;               /* resolved benchmarks, never NULL after parse */
    mlroi_benchmarks *bench_owned;
    char *datadir_bench;                         /* <data dir>/benchmarks.json when found */
    char *sandbox;                               /* --sandbox DIR, resolved; NULL: none */
    bool help;
} cli_common;

/* May an input that a scenario or the options name (a base it extends, a template file, its
 * logo or fonts, a catalog) be read? True without --sandbox, or when PATH resolves (links
 * followed) inside its folder; else false, with the reason in WHY. */
bool cli_sandbox_allows(const cli_common *c, const char *path, char *why, size_t size);
/* Have the loader ask cli_sandbox_allows before it reads a base that "extends" names. */
void cli_sandbox_apply(const cli_common *c, mlroi_load_options *o);

/* Parse argv (argv[0] is the command name). Returns -1 to go on, or an exit code
 * (after printing --help text or a usage error). `usage` is the command's help text. */
int cli_parse(int argc, char **argv, const cli_opt *opts, const char *usage, cli_common *c);
void cli_common_free(cli_common *c);

/* Fill IDS (room for MLROI_MAX_CATALOG + 1) with the benchmark catalog's ids, NULL-ended:
 * the loader's known_instances. */
void cli_catalog_ids(const cli_common *c, const char **ids);
/* Load and validate one scenario with the --set overrides, printing every diagnostic to
 * stderr as "mlroi: file:line:col: path: message". Returns CLI_EXIT_OK or an exit code. */
int cli_load(const cli_common *c, const char *file, mlroi_scenario **out);
/* Load and evaluate; prints diagnostics. Returns an exit code; on OK the result must be freed. */
int cli_evaluate(const cli_common *c, const char *file, mlroi_scenario **s, mlroi_result *r);

/* Print each diagnostic as "mlroi: file:line:col: path: message" to stderr. */
void cli_print_diags(const mlroi_diags *d);
/* Print an engine call's diagnostics (warnings too) and free them; map its error to an exit
 * code: CLI_EXIT_OK, CLI_EXIT_FAILURE for input/output or memory, else CLI_EXIT_USAGE. */
int cli_engine_done(mlroi_diags *d, mlroi_error e);

/* The --help lines on the options every command takes; the example ends the --fail-if line. */
#define CLI_COMMON_HELP(fail_if_example) \
    "  --set PATH=VALUE    override one input before validation (repeatable)\n" \
    "  --format FMT        text (default), json or csv; JSON numbers at full precision,\n" \
    "                      CSV: amounts to the cent, other figures to 10 significant digits\n" \
    "  --fail-if EXPR      exit 3 when EXPR holds, e.g. " fail_if_example "\n" \
    "  --benchmarks FILE   use another benchmark data file\n" \
    "  --sandbox DIR       read what the scenario or the options name (extends, template\n" \
    "                      files, logos, fonts, --benchmarks) only from inside DIR\n" \
    "  -h, --help          show this help\n" \
    "Exit status: 0 success, 1 runtime failure, 2 usage error or invalid scenario,\n" \
    "3 a --fail-if gate held.\n"

/* Print "mlroi: " + message to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error: message plus "Try 'mlroi CMD --help'." Returns CLI_EXIT_USAGE. */
int cli_usage_error(const cli_common *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parse a whole number / a finite double from an option value; false with a usage error printed. */
bool cli_parse_int(const cli_common *c, const char *opt, const char *text, long min, long max, long *out);
bool cli_parse_double(const cli_common *c, const char *opt, const char *text, double *out);

/* JSON output helpers: numbers that are NAN become null. */
void cli_json_num(cJSON *obj, const char *key, double v);
/* Print a cJSON tree to stdout followed by a newline, then free it. Returns an exit code. */
int cli_json_print(cJSON *root);
/* CSV: write one field quoted when needed; numbers exact, NAN empty. */
void cli_csv_str(FILE *f, const char *s);
void cli_csv_num(FILE *f, double v);
/* A CSV figure for finance: an AMOUNT to the cent, anything else to ten significant digits
 * (mlroi_csv_number); nothing for NaN. cli_csv_num keeps full precision (ids, seeds). */
void cli_csv_figure(FILE *f, double v, bool amount);

/* Evaluate the --fail-if gates against the named metrics; prints which ones hold.
 * lookup returns false for an unknown metric name. Returns CLI_EXIT_GATE when one holds,
 * CLI_EXIT_USAGE for a bad expression, else CLI_EXIT_OK. */
typedef bool (*cli_metric_lookup)(void *ctx, const char *name, double *value);
int cli_gates(const cli_common *c, cli_metric_lookup lookup, void *ctx);
/* The lookup for gates on one evaluation: CTX is an mlroi_result. */
bool cli_lookup_result(void *ctx, const char *name, double *value);

/* Commands: each receives argv starting at the command name. */
int cli_cmd_evaluate(int argc, char **argv);
int cli_cmd_roi(int argc, char **argv);
int cli_cmd_assess(int argc, char **argv);
/* assess --interactive, or plain assess without it (cli_assess.c). */
int cli_cmd_assess_any(int argc, char **argv);
int cli_cmd_team(int argc, char **argv);
int cli_cmd_tco(int argc, char **argv);
int cli_cmd_validate(int argc, char **argv);
int cli_cmd_init(int argc, char **argv);
int cli_cmd_params(int argc, char **argv);
int cli_cmd_vendor(int argc, char **argv);
int cli_cmd_check(int argc, char **argv);
int cli_cmd_chargeback(int argc, char **argv);
/* Analysis (cli_analysis.c). */
int cli_cmd_compare(int argc, char **argv);
int cli_cmd_sweep(int argc, char **argv);
int cli_cmd_tornado(int argc, char **argv);
int cli_cmd_grid(int argc, char **argv);
int cli_cmd_breakeven(int argc, char **argv);
int cli_cmd_montecarlo(int argc, char **argv);
/* Reports (cli_report.c). */
int cli_cmd_report(int argc, char **argv);

/* --- What-if answers in the input's own unit (cli_units.c) --- */
typedef enum cli_input_unit {
    CLI_IN_NUMBER = 0,   /* a plain number, with the parameter's unit word when it has one */
    CLI_IN_MONEY,        /* an amount in the scenario's currency */
    CLI_IN_PERCENT,      /* a rate, risk, share or ramp: written as a percent */
    CLI_IN_COUNT,        /* people, models, incidents: whole when whole, else two decimals */
    CLI_IN_WHOLE         /* must be a whole number (years, instances, answers) */
} cli_input_unit;

/* The unit of the input at PATH (a parameter, a line's field, an array element's field);
 * *label receives its unit word ("people", "weeks") or "". Resolving only reads S (may be
 * NULL: then array fields are judged by their key alone). */
cli_input_unit cli_input_unit_of(mlroi_scenario *s, const char *path, const char **label);
/* V in that unit: "$535,984", "23.29 %", "6", "5.62 people". PRECISE: an answer (cents, two
 * decimals, the unit word); else a table cell (whole money, the shortest percent). */
const char *cli_fmt_input_value(char *buf, size_t size, double v, cli_input_unit u,
                                const char *label, const char *currency, bool precise);
/* A column heading with the unit: "roi.avg_salary (USD)", "business_case.benefit_risk (%)". */
const char *cli_input_heading(char *buf, size_t size, const char *path, cli_input_unit u,
                              const char *label, const char *currency);
/* Do VALUES (in the order asked) step in whole numbers for an input of unit U? */
bool cli_steps_whole(cli_input_unit u, const double *values, size_t count);
/* Round VALUES to whole numbers in place, dropping repeats; returns the new count. */
size_t cli_whole_steps(double *values, size_t count);
/* Columns a text table may take: the terminal's width, else $COLUMNS, else 100. */
size_t cli_text_width(void);
/* Colour negative figures: stdout is a terminal, NO_COLOR is unset and TERM is not dumb. */
bool cli_colour(void);
/* Print a sentence to stdout word by word within cli_text_width(), continued lines indented
 * by HANG spaces. */
void cli_print_wrapped(const char *text, size_t hang);

#endif
