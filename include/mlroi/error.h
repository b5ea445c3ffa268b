/* SPDX-License-Identifier: MIT */
/* Error codes and located diagnostics shared by every module of the engine. */
#ifndef MLROI_ERROR_H
#define MLROI_ERROR_H

#include <stddef.h>

/* Every failure the engine can report. Keep in step with the table in error.c
 * (tests/test_error.c checks that every value has a message). */
typedef enum mlroi_error {
    MLROI_OK = 0,
    MLROI_ERR_NOMEM,      /* out of memory */
    MLROI_ERR_IO,         /* a file could not be read or written */
    MLROI_ERR_SYNTAX,     /* malformed JSON */
    MLROI_ERR_TYPE,       /* a value of the wrong JSON type */
    MLROI_ERR_RANGE,      /* a number outside its allowed range */
    MLROI_ERR_UNKNOWN_KEY,/* a key the format does not define */
    MLROI_ERR_DUPLICATE,  /* the same key twice in one object */
    MLROI_ERR_MISSING,    /* a key or section a command needs is absent */
    MLROI_ERR_LIMIT,      /* a size or depth limit was exceeded */
    MLROI_ERR_INVALID,    /* a value that is well-typed but meaningless */
    MLROI_ERR_NUMERIC,    /* a computation would overflow or is undefined */
    MLROI_ERR_COUNT
} mlroi_error;

/* Static English text for an error code; never NULL. */
const char *mlroi_strerror(mlroi_error err);

/* One problem found in a scenario, located as precisely as the input allows.
 * line/column are 1-based; 0 when unknown (e.g. a --set override). */
typedef struct mlroi_diag {
    mlroi_error code;
    char file[256];     /* file name as given, or "--set", "" when none */
    int line;
    int column;
    char path[128];     /* key path such as "roi.avg_salary" or "tco.workloads[1].kind" */
    char message[384];  /* what was expected and what was found */
} mlroi_diag;

/* A growable list of diagnostics; `validate` collects all of them. */
typedef struct mlroi_diags {
    mlroi_diag *items;
    size_t count;
    size_t capacity;
    size_t warnings;    /* entries added with mlroi_diags_warn (code MLROI_OK) */
} mlroi_diags;

/* Append an error. Formats like printf. Returns err (so callers can `return mlroi_diags_add(...)`). */
mlroi_error mlroi_diags_add(mlroi_diags *d, mlroi_error err, const char *file, int line,
                            int column, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
/* Append a warning (code MLROI_OK): reported but does not fail. */
void mlroi_diags_warn(mlroi_diags *d, const char *file, int line, int column,
                      const char *path, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Number of entries that are errors (not warnings). */
size_t mlroi_diags_errors(const mlroi_diags *d);
/* First error entry, or NULL. */
const mlroi_diag *mlroi_diags_first_error(const mlroi_diags *d);
/* Format one diagnostic as "file:line:col: path: message" into buf. */
void mlroi_diag_format(const mlroi_diag *dg, char *buf, size_t size);
/* Release the list's storage; accepts NULL. The struct itself is the caller's. */
void mlroi_diags_free(mlroi_diags *d);

#endif
