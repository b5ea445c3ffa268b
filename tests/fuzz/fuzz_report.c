/* SPDX-License-Identifier: MIT */
/* libFuzzer target for report writing: the input is a scenario, then, after a line
 * "----", a report template, then after another "----" an output file name. The scenario is
 * evaluated (with a tornado), and the briefing and the workbook are written into a scratch
 * folder under that name. The contract checked: no crash or leak; a document that was written
 * is whole (a PDF from "%PDF-" to "%%EOF", a workbook a ZIP archive); a failure names an error
 * and leaves neither the document nor a temporary file behind; nothing is written outside the
 * scratch folder. */
#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mlroi/analysis.h"
#include "mlroi/engine.h"
#include "mlroi/report.h"
#include "mlroi/report_pdf.h"
#include "mlroi/report_xlsx.h"
#include "mlroi/template.h"

#define FUZZ_SEP "\n----\n"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char scratch[64];

/* The scratch folder, made once; its files are removed after each input. */
static const char *scratch_dir(void)
{
    if (scratch[0] == '\0') {
        const char *tmp = getenv("TMPDIR");
        snprintf(scratch, sizeof scratch, "%.40s/mlroi-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (mkdtemp(scratch) == NULL)
            abort();
    }
    return scratch;
}

/* Remove every file in the scratch folder; returns how many there were. */
static int empty_scratch(void)
{
    DIR *dir = opendir(scratch_dir());
    struct dirent *e;
    int n = 0;
    if (dir == NULL)
        abort();
    while ((e = readdir(dir)) != NULL) {
        char path[400];
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", scratch, e->d_name);
        unlink(path);
        n++;
    }
    closedir(dir);
    return n;
}

/* Does the file at PATH start with HEAD (and, when TAIL is given, end with it, give or take a
 * line break)? */
static int file_is(const char *path, const char *head, const char *tail)
{
    char buf[16];
    size_t n;
    long end;
    int ok;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    n = fread(buf, 1, strlen(head), f);
    ok = n == strlen(head) && memcmp(buf, head, n) == 0;
    if (ok && tail != NULL) {
        size_t t = strlen(tail);
        ok = fseek(f, -8, SEEK_END) == 0 && (end = ftell(f)) >= 0 && fread(buf, 1, 8, f) == 8;
        for (size_t i = 0; ok && i + t <= 8; i++)
            if (memcmp(buf + i, tail, t) == 0)
                break;
            else if (i + t == 8)
                ok = 0;
    }
    fclose(f);
    return ok;
}

/* The output name: letters, digits, '.', '-' and '_' of PART, at most 60, never "." or ".."
 * (a name is what the user types; where it goes is the scratch folder). */
static void output_name(const char *part, size_t len, char *out, size_t size)
{
    size_t k = 0;
    for (size_t i = 0; i < len && k + 1 < size && k < 60; i++) {
        char c = part[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '.' || c == '-' || c == '_')
            out[k++] = c;
    }
    out[k] = '\0';
    if (k == 0 || strcmp(out, ".") == 0 || strcmp(out, "..") == 0)
        snprintf(out, size, "doc");
}

/* "extends" reads nothing here: the documents, not the loader, are under test. */
static char *read_nothing(void *ctx, const char *path, size_t *len, mlroi_error *err)
{
    (void)ctx;
    (void)path;
    (void)len;
    *err = MLROI_ERR_IO;
    return NULL;
}

static void write_both(const mlroi_report_input *in, const mlroi_template *t, const char *name)
{
    char pdf[400], xlsx[400];
    mlroi_diags d = {0};
    mlroi_error e;

    snprintf(pdf, sizeof pdf, "%s/%s.pdf", scratch_dir(), name);
    snprintf(xlsx, sizeof xlsx, "%s/%s.xlsx", scratch_dir(), name);
    e = mlroi_report_write_pdf(in, t, pdf, &d);
    if (e == MLROI_OK ? !file_is(pdf, "%PDF-", "%%EOF") : mlroi_diags_errors(&d) == 0)
        abort();
    mlroi_diags_free(&d);
    e = mlroi_report_write_xlsx(in, xlsx, &d);
    if (e == MLROI_OK ? !file_is(xlsx, "PK", NULL) : mlroi_diags_errors(&d) == 0)
        abort();
    mlroi_diags_free(&d);
    /* Only the documents themselves may be left: no temporary file. */
    if (empty_scratch() > 2)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const mlroi_benchmarks *b = mlroi_benchmarks_default();
    char *text = malloc(size + 1), name[64];
    const char *parts[3] = { NULL, NULL, NULL };
    size_t lens[3] = { 0, 0, 0 };
    mlroi_load_options o = {0};
    mlroi_diags d = {0};
    mlroi_scenario *s = NULL;
    mlroi_template *t = NULL;
    mlroi_result r;
    mlroi_tornado *tor = NULL;
    mlroi_tornado_options to = { NULL, NAN, NULL, 0 };
    int nparts = 0;
    char *p;

    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    for (p = text; nparts < 3;) {
        char *sep = nparts < 2 ? strstr(p, FUZZ_SEP) : NULL;
        parts[nparts] = p;
        lens[nparts] = sep ? (size_t)(sep - p) : strlen(p);
        nparts++;
        if (!sep)
            break;
        *sep = '\0';
        p = sep + sizeof FUZZ_SEP - 1;
    }
    memset(&r, 0, sizeof r);
    o.read_file = read_nothing;
    if (mlroi_scenario_load_text("f0.json", parts[0], lens[0], &o, &s, &d) != MLROI_OK)
        goto done;
    mlroi_diags_free(&d);
    if (mlroi_evaluate(s, b, &r, &d) != MLROI_OK)
        goto done;
    mlroi_diags_free(&d);
    if (nparts > 1) {
        if (mlroi_template_load_text("tpl.json", NULL, parts[1], lens[1], &t, &d) != MLROI_OK)
            goto done;
    } else if (mlroi_template_open("board", &t, &d) != MLROI_OK) {
        abort();   /* the built-in template always loads */
    }
    mlroi_diags_free(&d);
    if (r.bcase.present && mlroi_tornado_run(s, b, &to, &tor, &d) != MLROI_OK)
        tor = NULL;
    mlroi_diags_free(&d);
    output_name(nparts > 2 ? parts[2] : "", nparts > 2 ? lens[2] : 0, name, sizeof name);
    {
        mlroi_report_input in;
        memset(&in, 0, sizeof in);
        in.result = &r;
        in.tornado = tor;
        in.date = "2025-01-31";
        in.epoch = 1738281600;
        in.tool_version = "fuzz";
        in.scenario_sha256_hex =
            "0000000000000000000000000000000000000000000000000000000000000000";
        write_both(&in, t, name);
    }
done:
    mlroi_tornado_free(tor);
    mlroi_template_free(t);
    mlroi_result_free(&r);
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);
    free(text);
    return 0;
}
