/* SPDX-License-Identifier: MIT */
/* The `report` command: a PDF briefing, an Excel workbook and/or a what-if page per scenario. */
/* realpath() is an X/Open interface, not in the POSIX base the build asks for. */
#define _XOPEN_SOURCE 700
#include "cli.h"
#include "cli_documents.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include "json_pos.h"
#include "mlroi/datadir.h"
#include "mlroi/analysis.h"
#include "mlroi/report.h"
#include "mlroi/report_html.h"
#include "mlroi/template.h"
#include "mlroi/lang.h"

static const char usage_text[] =
    "Usage: mlroi report FILE... [--pdf [OUT]] [--xlsx [OUT]] [--html [OUT]] [--outdir DIR]\n"
    "                    [--template board|consultant|PATH] [--lang en|fr|de]\n"
    "                    [--date YYYY-MM-DD] [--set ...]\n"
    "Write a briefing for a board (PDF), the live model for finance (Excel) and/or the\n"
    "what-if page (HTML).\n"
    "\n"
    "  --pdf [OUT]        write the PDF briefing (the default when no document is named)\n"
    "  --xlsx [OUT]       write the Excel workbook\n"
    "  --html [OUT]       write the what-if page: one offline HTML file that runs the same\n"
    "                     engine (compiled to WebAssembly) on the scenario it carries, with a\n"
    "                     control per input; it starts from the --set values given here\n"
    "  --protect          protect the workbook's sheets (no password): only input cells\n"
    "                     can be edited; without it every sheet is open to changes\n"
    "                     OUT is the next argument unless it starts with '-' or ends in\n"
    "                     .json (or use --pdf=OUT); it defaults to the scenario's file name\n"
    "                     with .pdf / .xlsx / .html\n"
    "  --outdir DIR       write the documents into DIR (created if missing); with several\n"
    "                     scenarios, one document each, named after the scenario file\n"
    "  --template T       board (concise, the default), consultant (branded, full appendix)\n"
    "                     or the path of a template JSON file\n"
    "  --lang L           the documents' language: en (the default, or the template's lang),\n"
    "                     fr or de; the briefing writes numbers, amounts and dates the\n"
    "                     language's way; the workbook's titles, labels, headings and notes\n"
    "                     are translated, its sheet names and formulas stay the same (its\n"
    "                     figures show with the reader's spreadsheet settings); the\n"
    "                     scenario's texts, the benchmark data's notes and the what-if page\n"
    "                     stay English\n"
    "  --date YYYY-MM-DD  date printed on the documents; else SOURCE_DATE_EPOCH, else today\n"
    "  --prepared-for TEXT, --prepared-by TEXT   override the template's texts\n"
    "  --seed N, --samples N   Monte Carlo settings (when the scenario has `uncertainty`)\n"
    "  --set PATH=VALUE   override one input (repeatable); the appendix marks it as --set\n"
    "\n"
    "The sensitivity section shows a tornado (each input the scenario sets moved by 20 %)\n"
    "and, when the scenario has an uncertainty section, a Monte Carlo histogram.\n"
    "Documents are written to a temporary file and renamed: a failure keeps the old file.\n"
    "An existing document keeps its mode; a read-only one is not replaced. A document that\n"
    "would replace an input (scenario, extends, template, logo, catalog) or another document\n"
    "is refused before anything is written.\n"
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
    bool pdf, xlsx, html;
    bool protect;                       /* --protect: the workbook's sheets protected */
    const char *pdf_out, *xlsx_out, *html_out;   /* explicit names, or NULL */
    const char *outdir;
    mlroi_template *tpl;
    const char *lang;                   /* the documents' language: "en", "fr" or "de" */
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

/* Does NAME end in ".json" (any case): a scenario, not an output? */
static bool is_scenario_name(const char *name)
{
    size_t n = strlen(name);
    return n >= 5 && strcasecmp(name + n - 5, ".json") == 0;
}

/* "--pdf", "--xlsx" and "--html" take an optional value: the next argument unless it is an
 * option or ends in .json. They are taken out of argv here, before the common parser sees it. */
static int take_outputs(int *argc, char **argv, report_plan *p, const cli_common *c)
{
    int w = 1;
    for (int i = 1; i < *argc; i++) {
        const char *a = argv[i];
        int which = 0;   /* 1 pdf, 2 xlsx, 3 html */
        const char *val = NULL;
        if (strcmp(a, "--") == 0) {
            while (i < *argc)
                argv[w++] = argv[i++];
            break;
        }
        if (strcmp(a, "--protect") == 0) {
            p->protect = true;
            continue;
        }
        if (strcmp(a, "--pdf") == 0 || strncmp(a, "--pdf=", 6) == 0)
            which = 1;
        else if (strcmp(a, "--xlsx") == 0 || strncmp(a, "--xlsx=", 7) == 0)
            which = 2;
        else if (strcmp(a, "--html") == 0 || strncmp(a, "--html=", 7) == 0)
            which = 3;
        if (!which) {
            argv[w++] = argv[i];
            continue;
        }
        if (strchr(a, '=')) {
            val = strchr(a, '=') + 1;
            if (!*val)
                return cli_usage_error(c, "'%s' needs a file name after '='", a);
        } else if (i + 1 < *argc && argv[i + 1][0] != '-' && !is_scenario_name(argv[i + 1])) {
            /* Any word but a .json file: `--pdf Briefing.PDF` or `--pdf /dev/stdout` must
             * never be read as a scenario (nor /dev/stdout read from a terminal or a pipe). */
            val = argv[++i];
        }
        if (which == 1) {
            p->pdf = true;
            if (val)
                p->pdf_out = val;
        } else if (which == 2) {
            p->xlsx = true;
            if (val)
                p->xlsx_out = val;
        } else {
            p->html = true;
            if (val)
                p->html_out = val;
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

/* ---------- every path checked before anything is written ---------- */

/* One file the run reads or writes. */
typedef struct io_file {
    char *shown;            /* the path as given */
    char *norm;             /* absolute, the folder's links resolved */
    const char *what;       /* an input: "the scenario", "the template"...; NULL: an output */
    const char *option;     /* an output: "--pdf", "--xlsx" or "--html" */
    const char *scenario;   /* the scenario an output or a base scenario belongs to */
    bool exists, device;    /* device: a character device, a stream no write destroys */
    dev_t dev;
    ino_t ino;
} io_file;

typedef struct io_list {
    io_file *items;
    size_t count, cap;
    bool nomem;
} io_list;

/* PATH made absolute with ".", ".." and repeated slashes taken out, for a folder that does
 * not exist yet (an --outdir about to be created). malloc'd. */
static char *lexical_path(const char *path)
{
    char cwd[4096], *abs, *out, *tok, *save = NULL;
    size_t n, o = 0;
    bool rel = path[0] != '/';

    if (rel && !getcwd(cwd, sizeof cwd))
        return strdup(path);
    n = (rel ? strlen(cwd) : 0) + strlen(path) + 2;
    abs = malloc(n);
    out = malloc(n + 1);
    if (!abs || !out) {
        free(abs);
        free(out);
        return NULL;
    }
    snprintf(abs, n, "%s/%s", rel ? cwd : "", path);
    out[0] = '\0';
    for (tok = strtok_r(abs, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
        if (strcmp(tok, ".") == 0)
            continue;
        if (strcmp(tok, "..") == 0) {
            char *up = strrchr(out, '/');
            if (up) {
                *up = '\0';
                o = (size_t)(up - out);
            }
            continue;
        }
        o += (size_t)snprintf(out + o, n + 1 - o, "/%s", tok);
    }
    if (o == 0)
        snprintf(out, n + 1, "/");
    free(abs);
    return out;
}

/* The name two spellings of one path share: the real folder, then the last name. */
static char *normalise_path(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char *dir = slash ? strndup(path, (size_t)(slash - path) + 1) : strdup(".");
    char *real = dir ? realpath(dir, NULL) : NULL;
    char *out;

    if (real) {
        size_t n = strlen(real) + strlen(base) + 2;
        out = malloc(n);
        if (out)
            snprintf(out, n, "%s%s%s", real, strcmp(real, "/") == 0 ? "" : "/", base);
    } else {
        out = lexical_path(path);
    }
    free(real);
    free(dir);
    return out;
}

static void io_add(io_list *l, const char *path, const char *what, const char *option,
                   const char *scenario)
{
    io_file *f;
    struct stat st;

    if (l->nomem)
        return;
    if (l->count == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        io_file *items = realloc(l->items, cap * sizeof *items);
        if (!items) {
            l->nomem = true;
            return;
        }
        l->items = items;
        l->cap = cap;
    }
    f = &l->items[l->count];
    memset(f, 0, sizeof *f);
    f->shown = strdup(path);
    f->norm = normalise_path(path);
    if (!f->shown || !f->norm) {
        free(f->shown);
        free(f->norm);
        l->nomem = true;
        return;
    }
    f->what = what;
    f->option = option;
    f->scenario = scenario;
    /* stat() follows links: a link to the scenario is the scenario. */
    if (stat(path, &st) == 0) {
        f->exists = true;
        f->device = S_ISCHR(st.st_mode);
        f->dev = st.st_dev;
        f->ino = st.st_ino;
    }
    l->count++;
}

static void io_free(io_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].shown);
        free(l->items[i].norm);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* One file, by device and inode when both exist, else by normalised name. */
static bool io_same(const io_file *a, const io_file *b)
{
    if (a->exists && b->exists)
        return a->dev == b->dev && a->ino == b->ino;
    return strcmp(a->norm, b->norm) == 0;
}

/* The text of PATH when it is a regular file within the scenario limit, else NULL: the check
 * must neither wait on a FIFO nor drain a pipe that the real load reads afterwards. */
static char *read_regular(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    char *buf = NULL;
    size_t n = 0;

    if (fd < 0)
        return NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size <= MLROI_MAX_FILE_SIZE)
        buf = malloc((size_t)st.st_size + 1);
    while (buf && n < (size_t)st.st_size) {
        ssize_t got = read(fd, buf + n, (size_t)st.st_size - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        n += (size_t)got;
    }
    close(fd);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

typedef struct chain_ctx {
    io_list *inputs;
    const char *scenario;
    const cli_common *c;
} chain_ctx;

/* The loader's reader for "extends": records each base scenario as an input. */
static char *read_base(void *ctx, const char *path, size_t *len, mlroi_error *err)
{
    chain_ctx *cc = ctx;
    char *text, why[200];

    if (!cli_sandbox_allows(cc->c, path, why, sizeof why)) {
        *err = MLROI_ERR_INVALID;   /* the real load says why */
        return NULL;
    }
    io_add(cc->inputs, path, "the base scenario", NULL, cc->scenario);
    text = read_regular(path, len);
    if (!text)
        *err = MLROI_ERR_IO;
    return text;
}

/* FILE and the files its "extends" chain reads, as inputs. The scenario is loaded once
 * here, silently (the real load reports its problems), with the same --set overrides. */
static void add_scenario_inputs(const cli_common *c, io_list *inputs, const char *file)
{
    const char *ids[MLROI_MAX_CATALOG + 1];
    mlroi_load_options o;
    mlroi_scenario *s = NULL;
    mlroi_diags d = {0};
    chain_ctx cc = { inputs, file, c };
    size_t len = 0;
    char *text;

    io_add(inputs, file, "the scenario", NULL, NULL);
    text = read_regular(file, &len);
    if (!text)
        return;
    memset(&o, 0, sizeof o);
    cli_catalog_ids(c, ids);
    o.overrides = c->overrides;
    o.override_count = c->override_count;
    o.known_instances = ids;
    o.read_file = read_base;
    o.read_ctx = &cc;
    mlroi_scenario_load_text(file, text, len, &o, &s, &d);
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);
    free(text);
}

/* Under --sandbox, a template given as a file, and the logo and fonts it names (T, once it is
 * read), must lie inside the sandbox; a template by name comes from the installation. */
static int sandbox_template(const cli_common *c, const char *tpl_name, const mlroi_template *t)
{
    char why[200];
    size_t n = tpl_name ? strlen(tpl_name) : 0;
    const char *files[3];
    if (c->sandbox == NULL || tpl_name == NULL ||
        !(strchr(tpl_name, '/') || (n >= 5 && strcasecmp(tpl_name + n - 5, ".json") == 0)))
        return CLI_EXIT_OK;
    if (t == NULL)
        return cli_sandbox_allows(c, tpl_name, why, sizeof why) ? CLI_EXIT_OK
               : cli_usage_error(c, "--template: %s: %s", tpl_name, why);
    files[0] = t->logo;
    files[1] = t->font_regular;
    files[2] = t->font_bold;
    for (int k = 0; k < 3; k++)
        if (files[k] && !(k > 0 && mlroi_template_system_font(files[k])) &&
            !cli_sandbox_allows(c, files[k], why, sizeof why))
            return cli_usage_error(c, "%s: the template's %s %s: %s", tpl_name,
                                   k == 0 ? "logo" : "font", files[k], why);
    return CLI_EXIT_OK;
}

/* The template file --template names, when it is a file. */
static void add_template_inputs(io_list *inputs, const char *tpl_name, const mlroi_template *t)
{
    if (tpl_name) {
        size_t n = strlen(tpl_name);
        if (strchr(tpl_name, '/') || (n >= 5 && strcasecmp(tpl_name + n - 5, ".json") == 0)) {
            io_add(inputs, tpl_name, "the template", NULL, NULL);
        } else {
            mlroi_datadir dd;
            mlroi_diags d = {0};
            char rel[128], path[MLROI_DATADIR_PATH_MAX];
            int k = snprintf(rel, sizeof rel, "templates/%s.json", tpl_name);
            if (k > 0 && (size_t)k < sizeof rel && mlroi_datadir_find(&dd, &d) == MLROI_OK &&
                mlroi_datadir_file(&dd, rel, path, sizeof path))
                io_add(inputs, path, "the template", NULL, NULL);
            mlroi_diags_free(&d);
        }
    }
    if (t && t->logo)
        io_add(inputs, t->logo, "the template's logo", NULL, NULL);
    if (t && t->font_regular)
        io_add(inputs, t->font_regular, "the template's font", NULL, NULL);
    if (t && t->font_bold)
        io_add(inputs, t->font_bold, "the template's font", NULL, NULL);
}

/* Refuse, before anything is written, a document that would replace an input (the scenario,
 * a base it extends, the template, its logo or fonts, the benchmark catalog) or another
 * document of the run. In an --outdir batch, two scenarios with one file name (a/plan.json,
 * b/plan.json) would write one out/plan.pdf: that is refused too, naming both, rather than
 * inventing names the user would have to guess. Character devices (/dev/null, a terminal)
 * may take several documents. Returns CLI_EXIT_OK or an exit code after the message. */
static int check_paths(const cli_common *c, const report_plan *p, const char *tpl_name)
{
    io_list in = {0}, out = {0};
    int rc = CLI_EXIT_OK;

    if (c->benchmarks_file)
        io_add(&in, c->benchmarks_file, "the benchmark catalog", NULL, NULL);
    if (p->pdf)
        add_template_inputs(&in, tpl_name, p->tpl);
    for (size_t i = 0; i < c->file_count; i++) {
        add_scenario_inputs(c, &in, c->files[i]);
        for (int doc = 0; doc < 3; doc++) {
            static const char *const option[] = { "--pdf", "--xlsx", "--html" };
            static const char *const ext[] = { ".pdf", ".xlsx", ".html" };
            const bool want[] = { p->pdf, p->xlsx, p->html };
            const char *const named[] = { p->pdf_out, p->xlsx_out, p->html_out };
            char *path;
            if (!want[doc])
                continue;
            path = output_path(p, named[doc], c->files[i], ext[doc]);
            if (!path) {
                out.nomem = true;
                break;
            }
            io_add(&out, path, NULL, option[doc], c->files[i]);
            free(path);
        }
    }
    if (in.nomem || out.nomem) {
        cli_error("out of memory");
        rc = CLI_EXIT_FAILURE;
        goto cleanup;
    }
    for (size_t k = 0; k < out.count && rc == CLI_EXIT_OK; k++) {
        const io_file *o = &out.items[k];
        for (size_t j = 0; j < in.count; j++) {
            const io_file *f = &in.items[j];
            if (!io_same(o, f))
                continue;
            if (f->scenario)
                cli_error("%s %s would replace %s, which %s extends: choose another name for "
                          "the document", o->option, o->shown, f->shown, f->scenario);
            else
                cli_error("%s %s would replace %s %s: choose another name for the document",
                          o->option, o->shown, f->what, f->shown);
            rc = CLI_EXIT_USAGE;
            break;
        }
        for (size_t j = 0; j < k && rc == CLI_EXIT_OK; j++) {
            const io_file *q = &out.items[j];
            if (!io_same(o, q) || (o->device && q->device))
                continue;
            if (o->scenario == q->scenario || strcmp(o->scenario, q->scenario) == 0)
                cli_error("%s %s and %s %s name the same file: give each document its own name",
                          q->option, q->shown, o->option, o->shown);
            else
                cli_error("%s and %s would both write %s: give the scenarios different file "
                          "names, or report them in separate runs", q->scenario, o->scenario,
                          o->shown);
            rc = CLI_EXIT_USAGE;
        }
    }
cleanup:
    io_free(&in);
    io_free(&out);
    return rc;
}

/* Exit code for a renderer's error: the user's input (template) or the machine. */
static int exit_for(mlroi_error e)
{
    return (e == MLROI_ERR_IO || e == MLROI_ERR_NOMEM || e == MLROI_ERR_LIMIT)
               ? CLI_EXIT_FAILURE : CLI_EXIT_USAGE;
}

/* Does PATH name the file standard output goes to? */
static bool is_stdout(const char *path)
{
    struct stat a, b;
    return stat(path, &a) == 0 && fstat(STDOUT_FILENO, &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
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
    /* A document written into standard output (/dev/stdout) comes after the lines already
     * printed, and is not followed by its own name. */
    fflush(stdout);
    e = pdf ? cli_documents_write_pdf(in, p->tpl, path, &d)
            : cli_documents_write_xlsx(in, path, &d);
    cli_print_diags(&d);
    mlroi_diags_free(&d);
    if (e != MLROI_OK)
        rc = exit_for(e);
    else if (!is_stdout(path))
        printf("%s\n", path);
    free(path);
    return rc;
}

/* FILE's bytes (a NUL after them), as the loader read them a moment ago: the page carries
 * them as they are, so that it evaluates exactly what the command line evaluates. NULL with
 * WHY set when they cannot be read. */
static char *read_scenario(const char *file, size_t *len, const char **why)
{
    enum { CHUNK = 65536 };
    FILE *f = fopen(file, "rb");
    char *text = NULL;
    size_t cap = 0, n = 0, got;

    if (!f) {
        *why = strerror(errno);
        return NULL;
    }
    do {
        if (cap - n < CHUNK + 1) {
            char *more = cap <= MLROI_MAX_FILE_SIZE ? realloc(text, cap + CHUNK + 1) : NULL;
            if (!more) {
                *why = cap > MLROI_MAX_FILE_SIZE ? "larger than a scenario may be"
                                                 : "out of memory";
                free(text);
                fclose(f);
                return NULL;
            }
            text = more;
            cap += CHUNK + 1;
        }
        got = fread(text + n, 1, CHUNK, f);
        n += got;
    } while (got == CHUNK);
    if (ferror(f)) {
        *why = "read error";
        free(text);
        fclose(f);
        return NULL;
    }
    fclose(f);
    text[n] = '\0';
    *len = n;
    return text;
}

/* The bytes the page of FILE will carry, checked before any document of it is written: the
 * page's engine reads no file, so a scenario must stand alone to be carried. */
static int page_scenario(const char *file, char **text, size_t *len)
{
    const char *why = "out of memory";
    cJSON *tree;
    bool extends;

    *text = read_scenario(file, len, &why);
    if (!*text) {
        cli_error("%s: cannot read the scenario again for the page: %s", file, why);
        return CLI_EXIT_FAILURE;
    }
    tree = cJSON_ParseWithLength(*text, *len);
    extends = cJSON_GetObjectItemCaseSensitive(tree, "extends") != NULL;
    cJSON_Delete(tree);
    if (extends) {
        cli_error("%s: --html needs a scenario that stands alone: the page cannot read the base "
                  "scenario this one extends (write the base's keys into it)", file);
        free(*text);
        *text = NULL;
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

/* Write the what-if page of one scenario (S, loaded from FILE, whose bytes are TEXT) and
 * print its name. */
static int write_page(const cli_common *c, const report_plan *p, const mlroi_scenario *s,
                      const char *file, const char *text, size_t len)
{
    mlroi_diags d = {0};
    mlroi_page_input in;
    mlroi_error e;
    int rc = CLI_EXIT_OK;
    const char *base = strrchr(file, '/');
    char *path = output_path(p, p->html_out, file, ".html");

    if (!path) {
        cli_error("out of memory");
        return CLI_EXIT_FAILURE;
    }
    memset(&in, 0, sizeof in);
    in.name = base ? base + 1 : file;
    in.title = s->name;
    in.organization = s->org_name;
    in.text = text;
    in.len = len;
    in.overrides = c->overrides;
    in.override_count = c->override_count;
    fflush(stdout);
    e = mlroi_report_write_html(&in, path, &d);
    cli_print_diags(&d);
    if (e != MLROI_OK)
        rc = exit_for(e);
    else if (!is_stdout(path))
        printf("%s\n", path);
    mlroi_diags_free(&d);
    free(path);
    return rc;
}

/* The documents' Monte Carlo kept its samples only up to this many values (200 MB), and its
 * variance decomposition uses at most this many base samples: the report stays quick, and
 * `mlroi montecarlo --sensitivity` gives the same figures at the same seed and samples. */
#define REPORT_KEEP_VALUES 25000000u
#define REPORT_SOBOL_SAMPLES 10000u

/* The documents' Monte Carlo of S and, as a bonus that never stops the report (a problem is
 * a warning), what drives its NPV and what knowing each input is worth. Returns
 * CLI_EXIT_OK or CLI_EXIT_USAGE (the run itself failed, diagnostics printed). */
static int report_mc(const cli_common *c, const report_plan *p, const char *file,
                     const mlroi_scenario *s, mlroi_mc_result **mc, mlroi_sensitivity **sens,
                     mlroi_voi **voi)
{
    mlroi_mc_config *cfg = NULL;
    mlroi_mc_options mo;
    mlroi_diags d = {0};
    mlroi_error e;
    size_t n = 0, k = 0;
    int rc = CLI_EXIT_OK;

    memset(&mo, 0, sizeof mo);
    mo.samples = p->samples;
    mo.has_seed = p->has_seed;
    mo.seed = p->seed;
    mo.method = -1;
    e = mlroi_mc_config_parse(s, &cfg, &d);
    if (e == MLROI_OK) {
        n = mo.samples ? mo.samples : cfg->samples;
        k = cfg->input_count;
        e = n * (k + MLROI_MC_METRICS) <= REPORT_KEEP_VALUES
            ? mlroi_mc_run_with_samples(s, c->bench, cfg, &mo, mc, &d)
            : mlroi_mc_run(s, c->bench, cfg, &mo, mc, &d);
    }
    if (e != MLROI_OK) {
        cli_print_diags(&d);
        /* The scenario's fault is a usage error; the machine's (memory) a failure. */
        rc = e == MLROI_ERR_NOMEM || e == MLROI_ERR_IO ? CLI_EXIT_FAILURE : CLI_EXIT_USAGE;
        goto cleanup;
    }
    mlroi_diags_free(&d);
    memset(&d, 0, sizeof d);
    if (k < 2 || k > MLROI_SOBOL_MAX_INPUTS || (*mc)->metrics[0].defined != (*mc)->samples)
        goto cleanup;   /* nothing to decompose, or NPV undefined somewhere: left out */
    if (n > REPORT_SOBOL_SAMPLES)
        n = REPORT_SOBOL_SAMPLES;
    if (n * (k + 2) * k > MLROI_SOBOL_MAX_VALUES)
        n = MLROI_SOBOL_MAX_VALUES / ((k + 2) * k);
    mo.samples = n;
    if (mlroi_mc_sensitivity(s, c->bench, cfg, &mo, NULL, sens, &d) != MLROI_OK ||
        ((*mc)->sample_metrics != NULL &&
         mlroi_mc_value_of_information(*mc, 0, voi, &d) != MLROI_OK)) {
        cli_print_diags(&d);
        fprintf(stderr, "mlroi: warning: %s: the documents go without the variance "
                "decomposition and the value of information\n", file);
        mlroi_sensitivity_free(*sens);
        mlroi_voi_free(*voi);
        *sens = NULL;
        *voi = NULL;
    }
cleanup:
    mlroi_diags_free(&d);
    mlroi_mc_config_free(cfg);
    return rc;
}

/* Evaluate one scenario, run its analyses and write its documents. */
static int report_one(const cli_common *c, const report_plan *p, const char *file)
{
    mlroi_scenario *s = NULL;
    mlroi_result r;
    mlroi_tornado *tor = NULL;
    mlroi_mc_result *mc = NULL;
    mlroi_sensitivity *sens = NULL;
    mlroi_voi *voi = NULL;
    mlroi_diags d = {0};
    mlroi_report_input in;
    char hex[65];
    char *page_text = NULL;   /* the scenario's bytes, for --html */
    size_t page_len = 0;
    int rc = cli_evaluate(c, file, &s, &r);

    if (rc != CLI_EXIT_OK)
        return rc;
    if (p->html && (rc = page_scenario(file, &page_text, &page_len)) != CLI_EXIT_OK)
        goto cleanup;
    if (!p->pdf && !p->xlsx)
        goto page;   /* the page runs its own analyses */
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
    if (s->has_uncertainty && (rc = report_mc(c, p, file, s, &mc, &sens, &voi)) != CLI_EXIT_OK)
        goto cleanup;
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", s->sha256[i]);
    memset(&in, 0, sizeof in);
    in.result = &r;
    in.tornado = tor;
    in.mc = mc;
    in.sensitivity = sens;
    in.voi = voi;
    in.date = p->date;
    in.epoch = p->epoch;
    in.tool_version = MLROI_VERSION;
    in.scenario_sha256_hex = hex;
    in.protect = p->protect;
    in.lang = p->lang;
    if (p->pdf)
        rc = write_document(p, &in, file, true);
    if (p->xlsx && rc == CLI_EXIT_OK)
        rc = write_document(p, &in, file, false);
page:
    if (p->html && rc == CLI_EXIT_OK)
        rc = write_page(c, p, s, file, page_text, page_len);
cleanup:
    free(page_text);
    mlroi_diags_free(&d);
    mlroi_tornado_free(tor);
    mlroi_sensitivity_free(sens);
    mlroi_voi_free(voi);
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
    const char *prepared_for = NULL, *prepared_by = NULL, *lang = NULL;
    const cli_opt opts[] = {
        { "lang", true, &lang, NULL, NULL },
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
    int rc, worst = CLI_EXIT_OK, lang_k = -1;

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
    if (!p.pdf && !p.xlsx && !p.html)
        p.pdf = true;
    if (p.html && !mlroi_page_engine_available()) {
        cli_error("--html: this build of mlroi has no page engine (it was built without "
                  "clang's WebAssembly target and wasi-libc), so it cannot write the what-if "
                  "page");
        rc = CLI_EXIT_FAILURE;
        goto cleanup;
    }
    if (c.file_count > 1 && (p.pdf_out || p.xlsx_out || p.html_out)) {
        rc = cli_usage_error(&c, "an output file name needs a single scenario; with several, "
                             "use --outdir DIR and the documents are named after the scenarios");
        goto cleanup;
    }
    p.outdir = outdir;
    if (seed) {
        long v;
        if (!cli_parse_int(&c, "--seed", seed, 0, MLROI_MAX_SEED, &v)) {
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
    if (lang) {
        for (int i = 0; mlroi_lang_codes[i]; i++)
            if (strcmp(lang, mlroi_lang_codes[i]) == 0)
                lang_k = i;
        if (lang_k < 0) {
            rc = cli_usage_error(&c, "--lang expects en, fr or de, got '%s'", lang);
            goto cleanup;
        }
        p.lang = mlroi_lang_codes[lang_k];
    }
    if (p.pdf) {
        if ((rc = sandbox_template(&c, tpl_name, NULL)) != CLI_EXIT_OK)
            goto cleanup;
        if (mlroi_template_open(tpl_name ? tpl_name : "board", &p.tpl, &d) != MLROI_OK) {
            cli_print_diags(&d);
            rc = CLI_EXIT_USAGE;
            goto cleanup;
        }
        if ((rc = sandbox_template(&c, tpl_name, p.tpl)) != CLI_EXIT_OK)
            goto cleanup;
        if (override_text(&p.tpl->prepared_for, prepared_for) != CLI_EXIT_OK ||
            override_text(&p.tpl->prepared_by, prepared_by) != CLI_EXIT_OK) {
            rc = CLI_EXIT_FAILURE;
            goto cleanup;
        }
        if (lang_k >= 0)
            p.tpl->lang = lang_k;
        /* The template's language is the workbook's too when both are written. */
        p.lang = mlroi_lang_codes[p.tpl->lang >= 0 && p.tpl->lang < 3 ? p.tpl->lang : 0];
    } else if (tpl_name) {
        rc = cli_usage_error(&c, "--template styles the PDF: add --pdf");
        goto cleanup;
    }
    if ((rc = check_paths(&c, &p, tpl_name)) != CLI_EXIT_OK)
        goto cleanup;
    /* The writers' module is opened before anything is written, so that a missing one leaves
     * no folder and no document behind. */
    if ((p.pdf || p.xlsx) && !cli_documents_open()) {
        rc = CLI_EXIT_FAILURE;
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
