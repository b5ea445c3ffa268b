/* SPDX-License-Identifier: MIT */
/* Error messages and the growable list of located diagnostics. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mlroi/error.h"

static const char *const messages[MLROI_ERR_COUNT] = {
    [MLROI_OK] = "no error",
    [MLROI_ERR_NOMEM] = "out of memory",
    [MLROI_ERR_IO] = "input/output error",
    [MLROI_ERR_SYNTAX] = "malformed JSON",
    [MLROI_ERR_TYPE] = "wrong type",
    [MLROI_ERR_RANGE] = "value out of range",
    [MLROI_ERR_UNKNOWN_KEY] = "unknown key",
    [MLROI_ERR_DUPLICATE] = "duplicate key",
    [MLROI_ERR_MISSING] = "missing input",
    [MLROI_ERR_LIMIT] = "size limit exceeded",
    [MLROI_ERR_INVALID] = "invalid value",
    [MLROI_ERR_NUMERIC] = "numeric overflow or undefined result",
};

const char *mlroi_strerror(mlroi_error err)
{
    if ((int)err < 0 || err >= MLROI_ERR_COUNT || !messages[err])
        return "unknown error";
    return messages[err];
}

/* Append one entry. When memory runs out the entry goes to a scratch slot and is lost; the
 * caller's return code still carries the failure, so it is never reported as success. */
static mlroi_diag *diags_push(mlroi_diags *d)
{
    static mlroi_diag lost;
    if (d->count == d->capacity) {
        size_t cap = d->capacity ? d->capacity * 2 : 8;
        mlroi_diag *items = realloc(d->items, cap * sizeof *items);
        if (!items)
            return &lost;
        d->items = items;
        d->capacity = cap;
    }
    return &d->items[d->count++];
}

static void diag_fill(mlroi_diag *dg, mlroi_error err, const char *file, int line, int column,
                      const char *path, const char *fmt, va_list ap)
    __attribute__((format(printf, 7, 0)));

static void diag_fill(mlroi_diag *dg, mlroi_error err, const char *file, int line, int column,
                      const char *path, const char *fmt, va_list ap)
{
    dg->code = err;
    snprintf(dg->file, sizeof dg->file, "%s", file ? file : "");
    dg->line = line;
    dg->column = column;
    snprintf(dg->path, sizeof dg->path, "%s", path ? path : "");
    vsnprintf(dg->message, sizeof dg->message, fmt, ap);
}

mlroi_error mlroi_diags_add(mlroi_diags *d, mlroi_error err, const char *file, int line,
                            int column, const char *path, const char *fmt, ...)
{
    va_list ap;
    if (!d)
        return err;
    va_start(ap, fmt);
    diag_fill(diags_push(d), err, file, line, column, path, fmt, ap);
    va_end(ap);
    return err;
}

void mlroi_diags_warn(mlroi_diags *d, const char *file, int line, int column,
                      const char *path, const char *fmt, ...)
{
    va_list ap;
    if (!d)
        return;
    va_start(ap, fmt);
    diag_fill(diags_push(d), MLROI_OK, file, line, column, path, fmt, ap);
    va_end(ap);
    d->warnings++;
}

size_t mlroi_diags_errors(const mlroi_diags *d)
{
    return d ? d->count - d->warnings : 0;
}

const mlroi_diag *mlroi_diags_first_error(const mlroi_diags *d)
{
    if (!d)
        return NULL;
    for (size_t i = 0; i < d->count; i++)
        if (d->items[i].code != MLROI_OK)
            return &d->items[i];
    return NULL;
}

void mlroi_diag_format(const mlroi_diag *dg, char *buf, size_t size)
{
    char where[320] = "";
    size_t n = 0;
    if (dg->file[0]) {
        if (dg->line > 0)
            n = (size_t)snprintf(where, sizeof where, "%s:%d:%d: ", dg->file, dg->line,
                                 dg->column);
        else
            n = (size_t)snprintf(where, sizeof where, "%s: ", dg->file);
    }
    if (n >= sizeof where)
        n = sizeof where - 1;
    if (dg->path[0])
        snprintf(where + n, sizeof where - n, "%s: ", dg->path);
    snprintf(buf, size, "%s%s%s", where, dg->code == MLROI_OK ? "warning: " : "", dg->message);
}

void mlroi_diags_free(mlroi_diags *d)
{
    if (!d)
        return;
    free(d->items);
    d->items = NULL;
    d->count = d->capacity = d->warnings = 0;
}
