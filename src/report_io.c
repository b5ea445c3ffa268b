/* SPDX-License-Identifier: MIT */
/* Safe output for documents: write beside the target, then rename it into place. */
/* realpath() is an X/Open interface, not in the POSIX base the build asks for. */
#define _XOPEN_SOURCE 700
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

/* Copy the finished document FROM into the existing device or pipe TO, checking every write
 * (a full disk must be an error, not a short file). */
static mlroi_error copy_to_special(const char *from, const char *to, mlroi_diags *diags)
{
    FILE *in = NULL, *out = NULL;
    char buf[16384];
    size_t got;
    mlroi_error err = MLROI_OK;

    in = fopen(from, "rb");
    if (!in) {
        err = mlroi_diags_add(diags, MLROI_ERR_IO, to, 0, 0, "", "cannot read the document back: "
                              "%s", strerror(errno));
        goto cleanup;
    }
    out = fopen(to, "wb");
    if (!out) {
        err = mlroi_diags_add(diags, MLROI_ERR_IO, to, 0, 0, "", "cannot open: %s",
                              strerror(errno));
        goto cleanup;
    }
    while ((got = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, got, out) != got)
            break;
    if (ferror(in) || ferror(out) || fflush(out) != 0) {
        err = mlroi_diags_add(diags, MLROI_ERR_IO, to, 0, 0, "", "write error: %s",
                              strerror(errno));
        goto cleanup;
    }
cleanup:
    if (in)
        fclose(in);
    if (out && fclose(out) != 0 && err == MLROI_OK)
        err = mlroi_diags_add(diags, MLROI_ERR_IO, to, 0, 0, "", "write error: %s",
                              strerror(errno));
    return err;
}

mlroi_error mlroi_temp_file(char *buf, size_t size, const char *path, mlroi_diags *diags)
{
    const char *dir = getenv("TMPDIR");
    int fd;

    if (!dir || !*dir)
        dir = "/tmp";
    if ((size_t)snprintf(buf, size, "%s/mlroi-out-XXXXXX", dir) >= size)
        return mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "",
                               "TMPDIR is too long a path");
    fd = mkstemp(buf);
    if (fd < 0)
        return mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "",
                               "cannot create a temporary file: %s", strerror(errno));
    close(fd);
    return MLROI_OK;
}

/* A device or a pipe (/dev/stdout, /dev/full) must be written into, never renamed over: run
 * by root, rename() would replace the device node itself. Build the document in a private
 * temporary file first, so the writer still gets a seekable regular file. */
static mlroi_error write_special(const char *path, mlroi_write_fn fn, void *ctx,
                                 mlroi_diags *diags)
{
    char tmp[4096];
    mlroi_error err = mlroi_temp_file(tmp, sizeof tmp, path, diags);

    if (err != MLROI_OK)
        return err;
    err = fn(ctx, tmp, diags);
    if (err == MLROI_OK)
        err = copy_to_special(tmp, path, diags);
    unlink(tmp);
    return err;
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
    struct stat st;
    mlroi_error err = MLROI_OK;

    if (!*base) {
        err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "not a file name");
        goto cleanup;
    }
    /* rename() over a symbolic link replaces the link, not its target: run by root with
     * standard output in a file, --pdf=/dev/stdout would replace /dev/stdout itself. Write
     * through the link to the file it names, or into it when it names no file (a pipe). */
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        char *real = realpath(path, NULL);
        if (real) {
            err = mlroi_write_atomic(real, fn, ctx, diags);
            free(real);
        } else {
            err = write_special(path, fn, ctx, diags);
        }
        goto cleanup;
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode))
            err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "",
                                  "is a directory: give a file name for the document");
        else
            err = write_special(path, fn, ctx, diags);
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
