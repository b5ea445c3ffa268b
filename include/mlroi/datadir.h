/* SPDX-License-Identifier: MIT */
/* Where the installed data files (benchmark catalog, report templates) are found at run time. */
#ifndef MLROI_DATADIR_H
#define MLROI_DATADIR_H

#include <stdbool.h>
#include <stddef.h>
#include "mlroi/error.h"

/* The folder of data files, relative to the folder of the installed binary. The build sets it
 * from PREFIX (bin/ and share/mlroi/ give "../share/mlroi"). */
#ifndef MLROI_DATADIR_REL
#define MLROI_DATADIR_REL "../share/mlroi"
#endif

#define MLROI_DATADIR_PATH_MAX 4096

/* How the data directory was found. */
typedef enum mlroi_datadir_origin {
    MLROI_DATADIR_BUILTIN = 0,   /* none found: only the data compiled into the binary */
    MLROI_DATADIR_ENV,           /* the MLROI_DATADIR environment variable */
    MLROI_DATADIR_BINARY         /* MLROI_DATADIR_REL from the running binary's folder */
} mlroi_datadir_origin;

typedef struct mlroi_datadir {
    mlroi_datadir_origin origin;
    char path[MLROI_DATADIR_PATH_MAX];   /* "" when origin is MLROI_DATADIR_BUILTIN */
} mlroi_datadir;

/* Find the data directory, in this order: $MLROI_DATADIR when set and not empty; then
 * MLROI_DATADIR_REL from the folder of the running binary (/proc/self/exe) when that is a
 * directory; else none, and callers use the copies compiled into the binary.
 * A file missing from the directory falls back to its compiled-in copy, file by file.
 * MLROI_ERR_IO with a diagnostic when MLROI_DATADIR names no directory: a variable the user
 * set on purpose is never ignored in silence. */
mlroi_error mlroi_datadir_find(mlroi_datadir *out, mlroi_diags *diags);

/* The same from explicit inputs, for tests: ENV is the variable's value (NULL: unset) and EXE
 * the binary's resolved path (NULL: unknown). */
mlroi_error mlroi_datadir_resolve(const char *env, const char *exe, mlroi_datadir *out,
                                  mlroi_diags *diags);

/* Write "<dir>/REL" into BUF and return true when something is there (a file that then fails
 * to load is an error naming it, not a silent fall-back); false when the directory is
 * MLROI_DATADIR_BUILTIN, nothing is there, or the path does not fit.
 *   char p[MLROI_DATADIR_PATH_MAX];
 *   if (mlroi_datadir_file(&d, "templates/board.json", p, sizeof p)) load(p); */
bool mlroi_datadir_file(const mlroi_datadir *d, const char *rel, char *buf, size_t size);

/* A few words on how the directory was found ("from MLROI_DATADIR", "found beside the
 * binary", "using the data built into the binary"); never NULL. */
const char *mlroi_datadir_origin_text(mlroi_datadir_origin origin);

#endif
