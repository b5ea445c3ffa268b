/* SPDX-License-Identifier: MIT */
/* The `report` command: a PDF briefing and/or an Excel workbook per scenario. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "json_pos.h"
#include "mlroi/analysis.h"
#include "mlroi/report.h"
#include "mlroi/report_pdf.h"
#include "mlroi/report_xlsx.h"
#include "mlroi/template.h"

static const char usage_text[] =
    "Usage: mlroi report FILE... [--pdf [OUT]] [--xlsx [OUT]] [--outdir DIR]\n"
    "                    [--template board|consultant|PATH] [--date YYYY-MM-DD] [--set ...]\n"
    "Write a briefing for a board (PDF) and/or the live model for finance (Excel).\n"
    "\n"
    "  --pdf [OUT]        write the PDF briefing (the default when neither --pdf nor --xlsx)\n"
    "  --xlsx [OUT]       write the Excel workbook\n"
    "                     OUT ends in .pdf / .xlsx (or use --pdf=OUT); it defaults to the\n"
    "                     scenario's file name with .pdf / .xlsx\n"
    "  --outdir DIR       write the documents into DIR (created if missing); with several\n"
    "                     scenarios, one document each, named after the scenario file\n"
    "  --template T       board (concise, the default), consultant (branded, full appendix)\n"
    "                     or the path of a template JSON file\n"
    "  --date YYYY-MM-DD  date printed on the documents; else SOURCE_DATE_EPOCH, else today\n"
    "  --prepared-for TEXT, --prepared-by TEXT   override the template's texts\n"
    "  --seed N, --samples N   Monte Carlo settings (when the scenario has `uncertainty`)\n"
    "  --set PATH=VALUE   override one input (repeatable); the appendix marks it as --set\n"
    "\n"
    "The sensitivity section shows a tornado (each input the scenario sets moved by 20 %)\n"
    "and, when the scenario has an uncertainty section, a Monte Carlo histogram.\n"
    "Documents are written to a temporary file and renamed: a failure keeps the old file.\n"
    "The same inputs and date give byte-identical files.\n"
    "\n"
    "Exit status: 0 success, 1 a document could not be written, 2 usage error or invalid\n"
    "scenario or template.\n"
    "\n"
    "Examples:\n"
    "  mlroi report scenarios/midmarket-fraud.json --pdf briefing.pdf\n"
    "  mlroi report scenarios/*.json --outdir out/ --pdf --xlsx --template consultant\n";

/* What one run writes. */
typedef struct report_plan {
    bool pdf, xlsx;
    const char *pdf_out, *xlsx_out;     /* explicit names, or NULL */
    const char *outdir;
    mlroi_template *tpl;
    char date[40];
    time_t epoch;
    bool has_seed;
    unsigned long long seed;
    size_t samples;
} report_plan;

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long long days_from_civil(int y, int m, int d)
{
    long long era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* A real calendar date written YYYY-MM-DD. */
static bool parse_date(const char *text, int *y, int *m, int *d)
{
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (strlen(text) != 10 || text[4] != '-' || text[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9'))
            return false;
    *y = atoi(text);
    *m = atoi(text + 5);
    *d = atoi(text + 8);
    if (*y < 1900 || *m < 1 || *m > 12 || *d < 1)
        return false;
    return *d <= mdays[*m - 1] + (*m == 2 && leap(*y));
}

/* --date, else SOURCE_DATE_EPOCH, else today (local calendar). */
static int resolve_date(const cli_common *c, const char *opt, report_plan *p)
{
    int y, m, d;
    if (opt) {
        if (!parse_date(opt, &y, &m, &d))
            return cli_usage_error(c, "--date expects a calendar date YYYY-MM-DD, got '%s'", opt);
    } else {
        const char *sde = getenv("SOURCE_DATE_EPOCH");
        struct tm tm;
        time_t now;
        if (sde && *sde) {
            char *end;
            long long v;
            errno = 0;
            v = strtoll(sde, &end, 10);
            if (*end || errno || v < 0 || v > 253402300799LL) {
                cli_error("SOURCE_DATE_EPOCH must be a number of seconds since 1970, got '%s'",
                          sde);
                return CLI_EXIT_USAGE;
            }
            now = (time_t)v;
            if (!gmtime_r(&now, &tm))
                return CLI_EXIT_USAGE;
        } else {
            now = time(NULL);
            if (!localtime_r(&now, &tm))
                return CLI_EXIT_FAILURE;
        }
        y = tm.tm_year + 1900;
        m = tm.tm_mon + 1;
        d = tm.tm_mday;
    }
    snprintf(p->date, sizeof p->date, "%04d-%02d-%02d", y, m, d);
    p->epoch = (time_t)(days_from_civil(y, m, d) * 86400LL);
    return -1;
}

/* "--pdf" and "--xlsx" take an optional value: the next argument when it names such a file.
 * They are taken out of argv here, before the common parser sees it. */
static int take_outputs(int *argc, char **argv, report_plan *p, const cli_common *c)
{
    int w = 1;
    for (int i = 1; i < *argc; i++) {
        const char *a = argv[i];
        int which = 0;   /* 1 pdf, 2 xlsx */
        const char *val = NULL;
        if (strcmp(a, "--") == 0) {
            while (i < *argc)
                argv[w++] = argv[i++];
            break;
        }
        if (strcmp(a, "--pdf") == 0 || strncmp(a, "--pdf=", 6) == 0)
            which = 1;
        else if (strcmp(a, "--xlsx") == 0 || strncmp(a, "--xlsx=", 7) == 0)
            which = 2;
        if (!which) {
            argv[w++] = argv[i];
            continue;
        }
        if (strchr(a, '=')) {
            val = strchr(a, '=') + 1;
            if (!*val)
                return cli_usage_error(c, "'%s' needs a file name after '='", a);
        } else if (i + 1 < *argc && argv[i + 1][0] != '-') {
            const char *next = argv[i + 1];
            size_t n = strlen(next);
            const char *ext = which == 1 ? ".pdf" : ".xlsx";
            size_t m = strlen(ext);
            if (n > m && strcmp(next + n - m, ext) == 0)
                val = argv[++i];
        }
        if (which == 1) {
            p->pdf = true;
            if (val)
                p->pdf_out = val;
        } else {
            p->xlsx = true;
            if (val)
                p->xlsx_out = val;
        }
    }
    *argc = w;
    return -1;
}

/* OUT, or DIR/STEM.EXT, or STEM.EXT: malloc'd. */
static char *output_path(const report_plan *p, const char *explicit_out, const char *scenario,
                         const char *ext)
{
    const char *base = strrchr(scenario, '/');
    size_t stem_len, n;
    char *out;

    base = base ? base + 1 : scenario;
    stem_len = strlen(base);
    if (stem_len > 5 && strcmp(base + stem_len - 5, ".json") == 0)
        stem_len -= 5;
    if (explicit_out && (!p->outdir || strchr(explicit_out, '/')))
        return strdup(explicit_out);
    if (explicit_out) {
        n = strlen(p->outdir) + strlen(explicit_out) + 2;
        out = malloc(n);
        if (out)
            snprintf(out, n, "%s%s%s", p->outdir,
                     p->outdir[strlen(p->outdir) - 1] == '/' ? "" : "/", explicit_out);
        return out;
    }
    n = (p->outdir ? strlen(p->outdir) + 1 : 0) + stem_len + strlen(ext) + 1;
    out = malloc(n);
    if (!out)
        return NULL;
    if (p->outdir)
        snprintf(out, n, "%s%s%.*s%s", p->outdir,
                 p->outdir[strlen(p->outdir) - 1] == '/' ? "" : "/", (int)stem_len, base, ext);
    else
        snprintf(out, n, "%.*s%s", (int)stem_len, base, ext);
    return out;
}

static int ensure_dir(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return CLI_EXIT_OK;
        cli_error("--outdir %s: not a folder", dir);
        return CLI_EXIT_FAILURE;
    }
    if (mkdir(dir, 0777) != 0) {
        cli_error("--outdir %s: cannot create the folder: %s", dir, strerror(errno));
        return CLI_EXIT_FAILURE;
    }
    return CLI_EXIT_OK;
}

/* Exit code for a renderer's error: the user's input (template) or the machine. */
static int exit_for(mlroi_error e)
{
    return (e == MLROI_ERR_IO || e == MLROI_ERR_NOMEM || e == MLROI_ERR_LIMIT)
               ? CLI_EXIT_FAILURE : CLI_EXIT_USAGE;
}

/* Write the PDF briefing (PDF true) or the workbook of one scenario and print its name. */
static int write_document(const report_plan *p, const mlroi_report_input *in, const char *file,
                          bool pdf)
{
    mlroi_diags d = {0};
    mlroi_error e;
    int rc = CLI_EXIT_OK;
    char *path = output_path(p, pdf ? p->pdf_out : p->xlsx_out, file, pdf ? ".pdf" : ".xlsx");
    if (!path) {
        cli_error("out of memory");
        return CLI_EXIT_FAILURE;
    }
    e = pdf ? mlroi_report_write_pdf(in, p->tpl, path, &d)
            : mlroi_report_write_xlsx(in, path, &d);
    cli_print_diags(&d);
    mlroi_diags_free(&d);
    if (e != MLROI_OK)
        rc = exit_for(e);
    else
        printf("%s\n", path);
    free(path);
    return rc;
}

/* Evaluate one scenario, run its analyses and write its documents. */
static int report_one(const cli_common *c, const report_plan *p, const char *file)
{
    mlroi_scenario *s = NULL;
    mlroi_result r;
    mlroi_tornado *tor = NULL;
    mlroi_mc_result *mc = NULL;
    mlroi_diags d = {0};
    mlroi_report_input in;
    char hex[65];
    int rc = cli_evaluate(c, file, &s, &r);

    if (rc != CLI_EXIT_OK)
        return rc;
    if (r.bcase.present) {
        /* Sensitivity is a bonus: when it cannot run, say why and carry on. */
        mlroi_tornado_options o = { NULL, NAN, NULL, 0 };
        if (mlroi_tornado_run(s, c->bench, &o, &tor, &d) != MLROI_OK) {
            cli_print_diags(&d);
            cli_error("%s: the briefing goes without its tornado chart", file);
            tor = NULL;
        }
        mlroi_diags_free(&d);
        memset(&d, 0, sizeof d);
    }
    if (s->has_uncertainty) {
        mlroi_mc_options mo;
        memset(&mo, 0, sizeof mo);
        mo.samples = p->samples;
        mo.has_seed = p->has_seed;
        mo.seed = p->seed;
        mo.method = -1;
        if (mlroi_mc_run_scenario(s, c->bench, &mo, &mc, &d) != MLROI_OK) {
            cli_print_diags(&d);
            rc = CLI_EXIT_USAGE;
            goto cleanup;
        }
        mlroi_diags_free(&d);
        memset(&d, 0, sizeof d);
    }
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", s->sha256[i]);
    memset(&in, 0, sizeof in);
    in.result = &r;
    in.tornado = tor;
    in.mc = mc;
    in.date = p->date;
    in.epoch = p->epoch;
    in.tool_version = MLROI_VERSION;
    in.scenario_sha256_hex = hex;
    if (p->pdf)
        rc = write_document(p, &in, file, true);
    if (p->xlsx && rc == CLI_EXIT_OK)
        rc = write_document(p, &in, file, false);
cleanup:
    mlroi_diags_free(&d);
    mlroi_tornado_free(tor);
    mlroi_mc_result_free(mc);
    mlroi_result_free(&r);
    mlroi_scenario_free(s);
    return rc;
}

/* Replace a template text with a command-line one. */
static int override_text(char **dst, const char *value)
{
    char *copy;
    if (!value)
        return CLI_EXIT_OK;
    copy = strdup(value);
    if (!copy) {
        cli_error("out of memory");
        return CLI_EXIT_FAILURE;
    }
    free(*dst);
    *dst = copy;
    return CLI_EXIT_OK;
}

int cli_cmd_report(int argc, char **argv)
{
    cli_common c;
    report_plan p;
    const char *outdir = NULL, *tpl_name = NULL, *date = NULL, *seed = NULL, *samples = NULL;
    const char *prepared_for = NULL, *prepared_by = NULL;
    const cli_opt opts[] = {
        { "outdir", true, &outdir, NULL, NULL },
        { "template", true, &tpl_name, NULL, NULL },
        { "date", true, &date, NULL, NULL },
        { "seed", true, &seed, NULL, NULL },
        { "samples", true, &samples, NULL, NULL },
        { "prepared-for", true, &prepared_for, NULL, NULL },
        { "prepared-by", true, &prepared_by, NULL, NULL },
        { NULL, false, NULL, NULL, NULL },
    };
    mlroi_diags d = {0};
    int rc, worst = CLI_EXIT_OK;

    memset(&p, 0, sizeof p);
    memset(&c, 0, sizeof c);
    c.command = argv[0];
    rc = take_outputs(&argc, argv, &p, &c);
    if (rc >= 0)
        return rc;
    rc = cli_parse(argc, argv, opts, usage_text, &c);
    if (rc >= 0)
        goto cleanup;
    if (c.file_count == 0) {
        rc = cli_usage_error(&c, "no scenario file given");
        goto cleanup;
    }
    if (c.format != CLI_FMT_TEXT || c.fail_if_count > 0) {
        rc = cli_usage_error(&c, "report writes documents: --format and --fail-if do not apply");
        goto cleanup;
    }
    /* Both documents embed these texts as they are: refuse bytes that are not UTF-8. */
    if ((prepared_for && json_pos_check_text("", prepared_for, strlen(prepared_for), NULL)) ||
        (prepared_by && json_pos_check_text("", prepared_by, strlen(prepared_by), NULL))) {
        rc = cli_usage_error(&c, "--prepared-for and --prepared-by expect UTF-8 text");
        goto cleanup;
    }
    if (!p.pdf && !p.xlsx)
        p.pdf = true;
    if (c.file_count > 1 && (p.pdf_out || p.xlsx_out)) {
        rc = cli_usage_error(&c, "an output file name needs a single scenario; with several, "
                             "use --outdir DIR and the documents are named after the scenarios");
        goto cleanup;
    }
    p.outdir = outdir;
    if (seed) {
        long v;
        if (!cli_parse_int(&c, "--seed", seed, 0, 2147483647L, &v)) {
            rc = CLI_EXIT_USAGE;
            goto cleanup;
        }
        p.has_seed = true;
        p.seed = (unsigned long long)v;
    }
    if (samples) {
        long v;
        if (!cli_parse_int(&c, "--samples", samples, 2, (long)MLROI_MC_MAX_SAMPLES, &v)) {
            rc = CLI_EXIT_USAGE;
            goto cleanup;
        }
        p.samples = (size_t)v;
    }
    rc = resolve_date(&c, date, &p);
    if (rc >= 0)
        goto cleanup;
    if (p.pdf) {
        if (mlroi_template_open(tpl_name ? tpl_name : "board", &p.tpl, &d) != MLROI_OK) {
            cli_print_diags(&d);
            rc = CLI_EXIT_USAGE;
            goto cleanup;
        }
        if (override_text(&p.tpl->prepared_for, prepared_for) != CLI_EXIT_OK ||
            override_text(&p.tpl->prepared_by, prepared_by) != CLI_EXIT_OK) {
            rc = CLI_EXIT_FAILURE;
            goto cleanup;
        }
    } else if (tpl_name) {
        rc = cli_usage_error(&c, "--template styles the PDF: add --pdf");
        goto cleanup;
    }
    if (p.outdir && (rc = ensure_dir(p.outdir)) != CLI_EXIT_OK)
        goto cleanup;
    /* Every scenario is attempted; the exit code is the worst outcome. */
    for (size_t i = 0; i < c.file_count; i++) {
        int one = report_one(&c, &p, c.files[i]);
        if (one != CLI_EXIT_OK && (worst == CLI_EXIT_OK || one == CLI_EXIT_USAGE))
            worst = one;
    }
    rc = worst;
cleanup:
    mlroi_diags_free(&d);
    mlroi_template_free(p.tpl);
    cli_common_free(&c);
    return rc;
}
