/* SPDX-License-Identifier: MIT */
/* What every document renderer (PDF, XLSX) receives: the figures plus their provenance. */
#ifndef MLROI_REPORT_H
#define MLROI_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "mlroi/engine.h"

/* Analysis results, defined in include/mlroi/analysis.h. */
struct mlroi_tornado;
struct mlroi_mc_result;
struct mlroi_sweep;
struct mlroi_grid;
struct mlroi_sensitivity;
struct mlroi_voi;

typedef struct mlroi_report_input {
    const mlroi_result *result;               /* required */
    const struct mlroi_tornado *tornado;      /* NULL when not computed */
    const struct mlroi_mc_result *mc;         /* NULL when the scenario has no uncertainty */
    const struct mlroi_sweep *sweep;          /* NULL when none */
    const struct mlroi_grid *grid;            /* NULL when none */
    /* What drives MC's NPV and what knowing an input is worth, from the same seed: NULL when
     * not computed (no Monte Carlo, one input, or NPV undefined in a sample). */
    const struct mlroi_sensitivity *sensitivity;
    const struct mlroi_voi *voi;
    const char *date;          /* "YYYY-MM-DD" printed on the document */
    time_t epoch;              /* the same date, for document properties (reproducible files) */
    const char *tool_version;  /* MLROI_VERSION */
    const char *scenario_sha256_hex;          /* 64 hex digits of the scenario file */
    bool protect;              /* workbook: protect its sheets (no password); else all open */
    /* workbook: the labels' language, "en" (or NULL), "fr" or "de" (lang.h); the sheet names,
     * defined names and formulas are the same in every language */
    const char *lang;
} mlroi_report_input;

/* Write to a temporary file beside PATH, then rename() it into place, so that a failure never
 * leaves a partial file and keeps the previous one. Returns MLROI_OK or MLROI_ERR_IO (with a diag). */
typedef mlroi_error (*mlroi_write_fn)(void *ctx, const char *tmp_path, mlroi_diags *diags);
mlroi_error mlroi_write_atomic(const char *path, mlroi_write_fn fn, void *ctx, mlroi_diags *diags);

/* Create an empty private file (mode 0600) under $TMPDIR, else /tmp, and put its name in BUF
 * (SIZE bytes): where a document meant for a device or a pipe is built before being copied
 * in. The caller unlinks it. Returns MLROI_OK or MLROI_ERR_IO with a diag naming PATH. */
mlroi_error mlroi_temp_file(char *buf, size_t size, const char *path, mlroi_diags *diags);

/* What mlroi_write_atomic does with PATH (every refusal is MLROI_ERR_IO, naming PATH):
 * - a new file: written to ".NAME.XXXXXX" beside it (NAME shortened to fit in 255 bytes),
 *   then renamed into place; the temporary file is removed on SIGINT, SIGTERM, SIGHUP and
 *   SIGPIPE (handlers are installed only where the action is the default);
 * - an existing file: refused when read-only (for root: no write bit at all); replaced with
 *   its permission bits (and, for root, its owner and group) kept; written in place when it
 *   has several hard links or an owner this user cannot give (so the links stay one file);
 * - a symbolic link: followed by hand, refused where the kernel's protected_symlinks rule
 *   would refuse it (a sticky world-writable folder, a link owned by neither this user nor
 *   the folder's owner); /dev/stdout, /dev/fd/N and /proc/self/fd/N are written into the
 *   descriptor itself, so `>> log` appends;
 * - a character device or a pipe: opened and written into, never replaced.
 *
 * Unlink NAME (a file from mlroi_temp_file) and forget it for the signal cleanup. */
void mlroi_temp_remove(const char *name);

#endif
