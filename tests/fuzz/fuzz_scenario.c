/* SPDX-License-Identifier: MIT */
/* libFuzzer target for the scenario loader, with "extends" read from files held in memory. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlroi/analysis.h"
#include "mlroi/engine.h"
#include "mlroi/scenario.h"
#include "fuzz_check.h"

/* The input is one or more files separated by a line holding only "%%". The first is the
 * scenario loaded ("f0.json"); the n-th after it is "f<n>.json", which "extends" can name,
 * with or without folders in front ("sub/f2.json"), so chains, cycles and paths that grow
 * at every step are all reachable. */
#define FUZZ_SEP "\n%%\n"
#define FUZZ_MAX_FILES 10

typedef struct fuzz_files {
    const char *text[FUZZ_MAX_FILES];
    size_t len[FUZZ_MAX_FILES];
    size_t count;
} fuzz_files;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* memmem is a GNU extension; the build asks for plain POSIX. */
static const char *find_sep(const char *p, size_t n)
{
    size_t k = sizeof FUZZ_SEP - 1;
    for (size_t i = 0; n >= k && i <= n - k; i++)
        if (memcmp(p + i, FUZZ_SEP, k) == 0)
            return p + i;
    return NULL;
}

static void split_files(const char *data, size_t size, fuzz_files *f)
{
    const char *p = data;
    size_t left = size;
    f->count = 0;
    while (f->count < FUZZ_MAX_FILES) {
        const char *sep = f->count + 1 < FUZZ_MAX_FILES ? find_sep(p, left) : NULL;
        size_t n = sep ? (size_t)(sep - p) : left;
        f->text[f->count] = p;
        f->len[f->count] = n;
        f->count++;
        if (!sep)
            break;
        left -= n + sizeof FUZZ_SEP - 1;
        p = sep + sizeof FUZZ_SEP - 1;
    }
}

/* The resolver the loader calls for "extends": the text of f<n>.json, NUL-terminated. */
static char *read_part(void *ctx, const char *path, size_t *len, mlroi_error *err)
{
    const fuzz_files *f = ctx;
    const char *base = strrchr(path, '/');
    size_t n;
    char *out;
    base = base ? base + 1 : path;
    if (base[0] != 'f' || base[1] < '0' || base[1] > '9' || strcmp(base + 2, ".json") != 0 ||
        (size_t)(base[1] - '0') >= f->count) {
        *err = MLROI_ERR_IO;
        return NULL;
    }
    n = (size_t)(base[1] - '0');
    out = malloc(f->len[n] + 1);
    if (!out) {
        *err = MLROI_ERR_NOMEM;
        return NULL;
    }
    memcpy(out, f->text[n], f->len[n]);
    out[f->len[n]] = '\0';
    *len = f->len[n];
    *err = MLROI_OK;
    return out;
}

/* Every diagnostic must format without running past its buffer. MLROI_FUZZ_PRINT=1 shows
 * them, to see what one corpus file does. */
static void format_all(const mlroi_diags *d)
{
    char line[1024];
    const char *show = getenv("MLROI_FUZZ_PRINT");
    for (size_t i = 0; i < d->count; i++) {
        mlroi_diag_format(&d->items[i], line, sizeof line);
        if (strlen(line) >= sizeof line)
            abort();
        if (show && show[0] == '1')
            fprintf(stderr, "%s\n", line);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const mlroi_benchmarks *b = mlroi_benchmarks_default();
    const char *ids[MLROI_MAX_CATALOG + 1];
    char *text = malloc(size + 1);
    fuzz_files files;
    mlroi_load_options o = {0};
    mlroi_diags d = {0};
    mlroi_scenario *s = NULL;
    mlroi_error e;
    size_t n = 0;

    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    split_files(text, size, &files);
    for (size_t i = 0; i < b->catalog_count && n < MLROI_MAX_CATALOG; i++)
        ids[n++] = b->catalog[i].id;
    ids[n] = NULL;
    o.read_file = read_part;
    o.read_ctx = &files;
    o.known_instances = ids;

    e = mlroi_scenario_load_text("f0.json", files.text[0], files.len[0], &o, &s, &d);
    format_all(&d);
    /* The contract: a failure names at least one error and gives no scenario; a success
     * gives one and has no errors. */
    if (e != MLROI_OK && (s != NULL || mlroi_diags_errors(&d) == 0))
        abort();
    if (e == MLROI_OK && (s == NULL || mlroi_diags_errors(&d) != 0))
        abort();

    if (s) {
        mlroi_scenario *copy = mlroi_scenario_clone(s);
        if (s->has_uncertainty) {
            mlroi_mc_config *mc = NULL;
            mlroi_diags_free(&d);
            if (mlroi_mc_config_parse(s, &mc, &d) != MLROI_OK && mlroi_diags_errors(&d) == 0)
                abort();
            format_all(&d);
            mlroi_mc_config_free(mc);
        }
        mlroi_diags_free(&d);
        fuzz_check_scenario(s, &d);
        format_all(&d);
        mlroi_scenario_free(copy);
    }
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);
    free(text);
    return 0;
}
