/* SPDX-License-Identifier: MIT */
/* Opens the document writers' module, so that only a run that writes a PDF or a workbook pays
 * for loading libharu, libxlsxwriter, libpng and libjpeg. */
#include "cli_documents.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "mlroi/datadir.h"

#ifndef MLROI_MODULEDIR_REL
#define MLROI_MODULEDIR_REL "../lib/mlroi"
#endif

typedef mlroi_error (*write_pdf_fn)(const mlroi_report_input *, const mlroi_template *,
                                    const char *, mlroi_diags *);
typedef mlroi_error (*write_xlsx_fn)(const mlroi_report_input *, const char *, mlroi_diags *);

static struct {
    bool tried, ready;
    void *handle;
    write_pdf_fn pdf;
    write_xlsx_fn xlsx;
} docs;

/* DIR/REL/CLI_DOCUMENTS_MODULE into OUT, each leading "../" of REL taking one folder off DIR,
 * so that the path named in a message is the one a person would type. False when too long. */
static bool module_path(const char *dir, const char *rel, char *out, size_t size)
{
    size_t n = strlen(dir);
    int w;
    if (rel[0] == '/')
        w = snprintf(out, size, "%s/%s", rel, CLI_DOCUMENTS_MODULE);
    else {
        for (;;) {
            if (strncmp(rel, "./", 2) == 0) {
                rel += 2;
            } else if (strcmp(rel, ".") == 0) {
                rel += 1;
            } else if ((strncmp(rel, "../", 3) == 0 || strcmp(rel, "..") == 0) && n > 1) {
                rel += rel[2] ? 3 : 2;
                while (n > 1 && dir[n - 1] != '/')
                    n--;
                if (n > 1)
                    n--;   /* the slash, unless it is the root's */
            } else {
                break;
            }
        }
        w = snprintf(out, size, "%.*s%s%s%s%s", (int)n, dir, n == 1 && dir[0] == '/' ? "" : "/",
                     rel, rel[0] ? "/" : "", CLI_DOCUMENTS_MODULE);
    }
    return w > 0 && (size_t)w < size;
}

/* Look a writer up by name; dlsym gives an object pointer, copied into the function pointer
 * (POSIX guarantees the two have the same representation; ISO C has no cast between them). */
static bool lookup(void *handle, const char *name, void *fn, size_t size)
{
    void *sym = dlsym(handle, name);
    if (!sym)
        return false;
    memcpy(fn, &sym, size);
    return true;
}

bool cli_documents_open(void)
{
    char exe[MLROI_DATADIR_PATH_MAX];
    char paths[2][MLROI_DATADIR_PATH_MAX + 64];
    const char *path = NULL, *why = NULL;
    struct stat st;
    ssize_t n;
    char *slash;

    if (docs.tried)
        return docs.ready;
    docs.tried = true;
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0 && (size_t)n < sizeof exe - 1)
        exe[n] = '\0';
    else
        exe[0] = '\0';
    if (!(slash = strrchr(exe, '/'))) {
        cli_error("cannot find the document module %s: the binary's folder is unknown, so no "
                  "PDF or workbook can be written", CLI_DOCUMENTS_MODULE);
        return false;
    }
    *slash = '\0';
    if (slash == exe)
        strcpy(exe, "/");
    /* The build tree keeps the module beside the binary; an install, in its own folder. */
    if (!module_path(exe, ".", paths[0], sizeof paths[0]) ||
        !module_path(exe, MLROI_MODULEDIR_REL, paths[1], sizeof paths[1])) {
        cli_error("cannot find the document module %s: the binary's path is too long, so no "
                  "PDF or workbook can be written", CLI_DOCUMENTS_MODULE);
        return false;
    }
    for (int i = 0; i < 2 && !path; i++)
        if (stat(paths[i], &st) == 0)
            path = paths[i];
    if (!path) {
        path = paths[1];
        why = "no such file";
    } else if (!(docs.handle = dlopen(path, RTLD_NOW | RTLD_LOCAL))) {
        /* dlerror() names the file first: say it once. */
        why = dlerror();
        if (!why)
            why = "unknown error";
        else if (strncmp(why, path, strlen(path)) == 0 && strncmp(why + strlen(path), ": ", 2) == 0)
            why += strlen(path) + 2;
    } else if (!lookup(docs.handle, "mlroi_report_write_pdf", &docs.pdf, sizeof docs.pdf) ||
               !lookup(docs.handle, "mlroi_report_write_xlsx", &docs.xlsx, sizeof docs.xlsx)) {
        why = "it lacks the PDF or the workbook writer";
    }
    if (why) {
        cli_error("cannot load the document module %s (%s), so no PDF or workbook can be written",
                  path, why);
        return false;
    }
    docs.ready = true;
    return true;
}

mlroi_error cli_documents_write_pdf(const mlroi_report_input *in, const mlroi_template *tpl,
                                    const char *path, mlroi_diags *diags)
{
    return docs.pdf(in, tpl, path, diags);
}

mlroi_error cli_documents_write_xlsx(const mlroi_report_input *in, const char *path,
                                     mlroi_diags *diags)
{
    return docs.xlsx(in, path, diags);
}
