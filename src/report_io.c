/* SPDX-License-Identifier: MIT */
/* Safe output for documents: write beside the target, then rename it into place. */
#include "mlroi/report.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The permissions a plain fopen() would give, since mkstemp() creates files as 0600. */
static mode_t default_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return (mode_t)(0666 & ~mask);
}

mlroi_error mlroi_write_atomic(const char *path, mlroi_write_fn fn, void *ctx, mlroi_diags *diags)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    size_t n = strlen(path) + 16;
    char *tmp = NULL;
    int fd = -1;
    bool made = false;
    mlroi_error err = MLROI_OK;

    if (!*base) {
        err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "not a file name");
        goto cleanup;
    }
    tmp = malloc(n);
    if (!tmp) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, path, 0, 0, "", "out of memory");
        goto cleanup;
    }
    /* A hidden name in the same folder keeps rename() on one file system. */
    snprintf(tmp, n, "%.*s.%s.XXXXXX", (int)dirlen, path, base);
    fd = mkstemp(tmp);
    if (fd < 0) {
        err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "cannot create a file in "
                              "that folder: %s", strerror(errno));
        goto cleanup;
    }
    made = true;
    if (fchmod(fd, default_mode()) != 0 || close(fd) != 0) {
        fd = -1;
        err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "cannot prepare the file: %s",
                              strerror(errno));
        goto cleanup;
    }
    fd = -1;
    err = fn(ctx, tmp, diags);
    if (err != MLROI_OK)
        goto cleanup;
    if (rename(tmp, path) != 0) {
        err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "cannot replace the file: %s",
                              strerror(errno));
        goto cleanup;
    }
    made = false;
cleanup:
    if (fd >= 0)
        close(fd);
    if (made)
        unlink(tmp);
    free(tmp);
    return err;
}
