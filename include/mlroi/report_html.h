/* SPDX-License-Identifier: MIT */
/* The what-if page: one offline HTML file that runs the engine itself, compiled to
 * WebAssembly, on the scenario it carries. */
#ifndef MLROI_REPORT_HTML_H
#define MLROI_REPORT_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include "mlroi/error.h"
#include "mlroi/scenario.h"

typedef struct mlroi_page_input {
    const char *name;          /* the scenario's file name, as the page shows it and writes it
                                  in its command lines ("plan.json") */
    const char *title;         /* the scenario's name, for the window title; may be NULL */
    const char *organization;  /* its organisation's name; may be NULL */
    const char *text;          /* the scenario file's bytes as read (the page evaluates them) */
    size_t len;
    const mlroi_override *overrides;   /* --set given when the page was written: the page */
    size_t override_count;             /* starts from them, and "reset" goes back to them */
} mlroi_page_input;

/* Whether this build carries the page engine (it needs clang's WebAssembly target and
 * wasi-libc at build time); without it mlroi_report_write_html refuses. */
bool mlroi_page_engine_available(void);

/* Write the page for IN to PATH, as mlroi_write_atomic writes (a temporary file renamed into
 * place). The file holds everything it needs: the engine (base64), the page's script and
 * style, the scenario; its Content-Security-Policy allows no network request, and it works
 * from file://. The same inputs give the same bytes.
 * Returns MLROI_OK, MLROI_ERR_MISSING (no page engine in this build), MLROI_ERR_IO or
 * MLROI_ERR_NOMEM, with a diag (diags may be NULL). */
mlroi_error mlroi_report_write_html(const mlroi_page_input *in, const char *path,
                                    mlroi_diags *diags);

#endif
