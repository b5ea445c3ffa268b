/* SPDX-License-Identifier: MIT */
/* Shared plumbing of the CLI: option parsing, loading with diagnostics, JSON/CSV output. */
/* realpath() (--sandbox) is an X/Open interface, not in the POSIX base the build asks for. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "mlroi/datadir.h"
#include "mlroi/format.h"
#include "mlroi/render.h"
#include "mlroi/shortest.h"

/* Messages quote file names, keys and values from the user's files and catalogs: a control
 * character there (ESC, CSI...) would drive the terminal (issue 17, fault 6). Write C0
 * controls, DEL and the C1 controls (U+0080..U+009F) as \xHH or \u00HH instead. */
static void put_safe(const char *fmt, va_list ap)
{
    char small[1024], *big = NULL;
    const char *text = small;
    va_list copy;
    int n;

    va_copy(copy, ap);
    n = vsnprintf(small, sizeof small, fmt, ap);
    if (n >= (int)sizeof small && (big = malloc((size_t)n + 1)) != NULL) {
        vsnprintf(big, (size_t)n + 1, fmt, copy);
        text = big;
    }
    va_end(copy);
    if (n < 0)
        text = "";
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7F)
            fprintf(stderr, "\\x%02X", *p);
        else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            fprintf(stderr, "\\u00%02X", *++p);
        else
            fputc(*p, stderr);
    }
    free(big);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("mlroi: ", stderr);
    va_start(ap, fmt);
    put_safe(fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_usage_error(const cli_common *c, const char *fmt, ...)
{
    va_list ap;
    fputs("mlroi: ", stderr);
    va_start(ap, fmt);
    put_safe(fmt, ap);
    va_end(ap);
    if (c && c->command)
        fprintf(stderr, "\nTry 'mlroi %s --help'.\n", c->command);
    else
        fputs("\nTry 'mlroi --help'.\n", stderr);
    return CLI_EXIT_USAGE;
}

static int push(const char ***list, size_t *count, const char *v)
{
    const char **n = realloc((void *)*list, (*count + 1) * sizeof **list);
    if (!n)
        return -1;
    n[(*count)++] = v;
    *list = n;
    return 0;
}

static int push_override(cli_common *c, const char *arg)
{
    const char *eq = strchr(arg, '=');
    mlroi_override *n;
    char *path;
    if (!eq || eq == arg)
        return cli_usage_error(c, "--set expects PATH=VALUE, got '%s'", arg);
    path = strndup(arg, (size_t)(eq - arg));
    n = realloc(c->overrides, (c->override_count + 1) * sizeof *n);
    if (!path || !n) {
        free(path);
        if (n)
            c->overrides = n;
        cli_error("out of memory");
        return CLI_EXIT_FAILURE;
    }
    c->overrides = n;
    n[c->override_count].path = path;
    n[c->override_count].value = eq + 1;
    c->override_count++;
    return -1;
}

/* The text of src/data/benchmarks.json, compiled in by the build. */
extern const unsigned char mlroi_benchmarks_json[];
extern const size_t mlroi_benchmarks_json_len;

/* Whether FILE holds exactly the built-in benchmarks.json, as `make install` copies it into the
 * data folder: its figures are then the compiled-in ones, which need no parse. Any doubt
 * (unreadable, not a plain file, another size or byte) says no, and the file is loaded as
 * before, with the loader's own messages. */
static bool same_as_builtin(const char *file)
{
    size_t len = mlroi_benchmarks_json_len, got = 0;
    struct stat st;
    bool same = false;
    char *text = NULL;
    int fd = open(file, O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return false;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uintmax_t)st.st_size != len)
        goto cleanup;
    /* One byte more than expected, to see a file that grew since fstat. */
    if (!(text = malloc(len + 1)))
        goto cleanup;
    for (;;) {
        ssize_t n = read(fd, text + got, len + 1 - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
        if (got > len)
            break;
    }
    same = got == len && memcmp(text, mlroi_benchmarks_json, len) == 0;
cleanup:
    free(text);
    close(fd);
    return same;
}

int cli_parse(int argc, char **argv, const cli_opt *opts, const char *usage, cli_common *c)
{
    int only_files = 0;
    memset(c, 0, sizeof *c);
    c->command = argv[0];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *val = NULL, *name;
        char namebuf[64];
        const char *eq;
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            if (push(&c->files, &c->file_count, a) != 0)
                goto nomem;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = 1;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            c->help = true;
            return fflush(stdout) == 0 && !ferror(stdout) ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
        }
        if (a[1] != '-')
            return cli_usage_error(c, "unknown option '%s'", a);
        /* --name=value or --name value */
        eq = strchr(a + 2, '=');
        if (eq) {
            snprintf(namebuf, sizeof namebuf, "%.*s", (int)(eq - a - 2), a + 2);
            name = namebuf;
            val = eq + 1;
        } else {
            name = a + 2;
        }
#define NEED_VALUE() do { \
            if (!val) { \
                if (i + 1 >= argc) \
                    return cli_usage_error(c, "option '--%s' needs a value", name); \
                val = argv[++i]; \
            } } while (0)
        if (strcmp(name, "set") == 0) {
            int r;
            NEED_VALUE();
            if ((r = push_override(c, val)) >= 0)
                return r;
            continue;
        }
        if (strcmp(name, "format") == 0) {
            NEED_VALUE();
            if (strcmp(val, "text") == 0)
                c->format = CLI_FMT_TEXT;
            else if (strcmp(val, "json") == 0)
                c->format = CLI_FMT_JSON;
            else if (strcmp(val, "csv") == 0)
                c->format = CLI_FMT_CSV;
            else
                return cli_usage_error(c, "--format expects text, json or csv, got '%s'", val);
            continue;
        }
        if (strcmp(name, "fail-if") == 0) {
            NEED_VALUE();
            if (push(&c->fail_if, &c->fail_if_count, val) != 0)
                goto nomem;
            continue;
        }
        if (strcmp(name, "benchmarks") == 0) {
            NEED_VALUE();
            c->benchmarks_file = val;
            continue;
        }
        if (strcmp(name, "sandbox") == 0) {
            struct stat st;
            NEED_VALUE();
            free(c->sandbox);
            c->sandbox = realpath(val, NULL);
            if (c->sandbox == NULL || stat(c->sandbox, &st) != 0 || !S_ISDIR(st.st_mode))
                return cli_usage_error(c, "--sandbox: '%s' is no folder%s%s", val,
                                       c->sandbox ? "" : ": ",
                                       c->sandbox ? "" : strerror(errno));
            continue;
        }
        {
            const cli_opt *o = NULL;
            for (size_t k = 0; opts && opts[k].name; k++)
                if (strcmp(opts[k].name, name) == 0)
                    o = &opts[k];
            if (!o)
                return cli_usage_error(c, "unknown option '--%s'", name);
            if (o->takes_value) {
                NEED_VALUE();
            } else if (val) {
                return cli_usage_error(c, "option '--%s' takes no value", name);
            } else {
                val = "1";
            }
            if (o->value)
                *o->value = val;
            if (o->list && push(o->list, o->list_count, val) != 0)
                goto nomem;
        }
#undef NEED_VALUE
    }
    if (!c->benchmarks_file) {
        /* An installed catalog (or one under $MLROI_DATADIR) comes before the built-in one. */
        mlroi_datadir dd;
        char path[MLROI_DATADIR_PATH_MAX];
        mlroi_diags d = {0};
        if (mlroi_datadir_find(&dd, &d) != MLROI_OK) {
            cli_print_diags(&d);
            mlroi_diags_free(&d);
            return CLI_EXIT_FAILURE;
        }
        if (mlroi_datadir_file(&dd, "benchmarks.json", path, sizeof path)) {
            c->datadir_bench = strdup(path);
            if (!c->datadir_bench)
                goto nomem;
            c->benchmarks_file = c->datadir_bench;
        }
    }
    if (c->benchmarks_file && c->benchmarks_file != c->datadir_bench) {
        char why[160];
        if (!cli_sandbox_allows(c, c->benchmarks_file, why, sizeof why))
            return cli_usage_error(c, "--benchmarks: %s: %s", c->benchmarks_file, why);
    }
    if (c->benchmarks_file &&
        !(c->benchmarks_file == c->datadir_bench && same_as_builtin(c->datadir_bench))) {
        mlroi_diags d = {0};
        mlroi_error err = mlroi_benchmarks_load(c->benchmarks_file, &c->bench_owned, &d);
        if (err != MLROI_OK)   /* as for scenarios: unreadable is exit 1, invalid 2 */
            return cli_engine_done(&d, err);
        mlroi_diags_free(&d);
        c->bench = c->bench_owned;
    } else {
        /* Built in, or an installed copy of it, which stays named as the catalog read (a
         * report still refuses to overwrite it). */
        c->bench = mlroi_benchmarks_default();
    }
    return -1;
nomem:
    cli_error("out of memory");
    return CLI_EXIT_FAILURE;
}

void cli_common_free(cli_common *c)
{
    for (size_t i = 0; i < c->override_count; i++)
        free((char *)c->overrides[i].path);
    free(c->overrides);
    free((void *)c->files);
    free((void *)c->fail_if);
    mlroi_benchmarks_free(c->bench_owned);
    free(c->datadir_bench);
    free(c->sandbox);
    memset(c, 0, sizeof *c);
}

void cli_print_diags(const mlroi_diags *d)
{
    char line[1024];
    for (size_t i = 0; i < d->count; i++) {
        mlroi_diag_format(&d->items[i], line, sizeof line);
        cli_error("%s", line);
    }
}

int cli_engine_done(mlroi_diags *d, mlroi_error e)
{
    cli_print_diags(d);
    mlroi_diags_free(d);
    if (e == MLROI_OK)
        return CLI_EXIT_OK;
    /* The user's input, or the machine. */
    return (e == MLROI_ERR_IO || e == MLROI_ERR_NOMEM) ? CLI_EXIT_FAILURE : CLI_EXIT_USAGE;
}

void cli_catalog_ids(const cli_common *c, const char **ids)
{
    size_t n = 0;
    for (size_t i = 0; i < c->bench->catalog_count && n < MLROI_MAX_CATALOG; i++)
        ids[n++] = c->bench->catalog[i].id;
    ids[n] = NULL;
}

bool cli_sandbox_allows(const cli_common *c, const char *path, char *why, size_t size)
{
    char *real;
    size_t n;
    bool inside;
    if (c->sandbox == NULL)
        return true;
    real = realpath(path, NULL);
    if (real == NULL) {
        /* Nothing there to read: the reader says so in its own words. A dangling link that
         * leads outside is no better than one that does not exist. */
        if (errno == ENOENT)
            return true;
        snprintf(why, size, "cannot be resolved inside the sandbox (%s)", strerror(errno));
        return false;
    }
    n = strlen(c->sandbox);
    inside = strncmp(real, c->sandbox, n) == 0 &&
             (real[n] == '/' || (n == 1 && c->sandbox[0] == '/'));
    if (!inside)
        snprintf(why, size, "outside the sandbox %s", c->sandbox);
    free(real);
    return inside;
}

static bool sandbox_allow(void *ctx, const char *path, char *why, size_t size)
{
    return cli_sandbox_allows(ctx, path, why, size);
}

void cli_sandbox_apply(const cli_common *c, mlroi_load_options *o)
{
    if (c->sandbox) {
        o->allow_path = sandbox_allow;
        o->allow_ctx = (void *)c;
    }
}

int cli_load(const cli_common *c, const char *file, mlroi_scenario **out)
{
    mlroi_diags d = {0};
    mlroi_load_options o = {0};
    mlroi_error e;
    const char *ids[MLROI_MAX_CATALOG + 1];
    cli_catalog_ids(c, ids);
    o.overrides = c->overrides;
    o.override_count = c->override_count;
    o.known_instances = ids;
    cli_sandbox_apply(c, &o);
    e = mlroi_scenario_load(file, &o, out, &d);
    return cli_engine_done(&d, e);
}

int cli_evaluate(const cli_common *c, const char *file, mlroi_scenario **s, mlroi_result *r)
{
    mlroi_diags d = {0};
    mlroi_error e;
    int rc = cli_load(c, file, s);
    memset(r, 0, sizeof *r);
    if (rc != CLI_EXIT_OK)
        return rc;
    e = mlroi_evaluate(*s, c->bench, r, &d);
    rc = cli_engine_done(&d, e);
    if (rc != CLI_EXIT_OK) {
        mlroi_result_free(r);
        mlroi_scenario_free(*s);
        *s = NULL;
    }
    return rc;
}

bool cli_parse_int(const cli_common *c, const char *opt, const char *text, long min, long max,
                   long *out)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(text, &end, 10);
    if (end == text || *end || errno == ERANGE || v < min || v > max) {
        cli_usage_error(c, "%s expects a whole number from %ld to %ld, got '%s'", opt, min, max,
                        text);
        return false;
    }
    *out = v;
    return true;
}

bool cli_parse_double(const cli_common *c, const char *opt, const char *text, double *out)
{
    char *end;
    double v;
    errno = 0;
    v = strtod(text, &end);
    if (end == text || *end || !isfinite(v) || errno == ERANGE) {
        cli_usage_error(c, "%s expects a number, got '%s'", opt, text);
        return false;
    }
    *out = v + 0.0;   /* -0 becomes 0: never "-0" in a text */
    return true;
}

void cli_json_num(cJSON *obj, const char *key, double v)
{
    if (isfinite(v))
        cJSON_AddNumberToObject(obj, key, v);
    else
        cJSON_AddNullToObject(obj, key);
}

int cli_json_print(cJSON *root)
{
    char *text;
    int rc = CLI_EXIT_OK;
    if (!root) {
        cli_error("out of memory");
        return CLI_EXIT_FAILURE;
    }
    /* cJSON's layout, numbers at full precision (MODEL.md "JSON output"). */
    text = mlroi_json_print(root);
    cJSON_Delete(root);
    if (!text) {
        cli_error("out of memory");
        return CLI_EXIT_FAILURE;
    }
    if (fputs(text, stdout) == EOF || fputc('\n', stdout) == EOF)
        rc = CLI_EXIT_FAILURE;
    free(text);
    return rc;
}

void cli_csv_str(FILE *f, const char *s)
{
    mlroi_csv_field(f, s);
}

void cli_csv_num(FILE *f, double v)
{
    char buf[MLROI_SHORTEST_SIZE];
    if (isfinite(v))
        fwrite(buf, 1, mlroi_shortest(buf, v), f);
}

void cli_csv_figure(FILE *f, double v, bool amount)
{
    char buf[MLROI_SHORTEST_SIZE];
    if (isfinite(v))
        fwrite(buf, 1, mlroi_csv_number(buf, v, amount), f);
}
