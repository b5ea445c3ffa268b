/* SPDX-License-Identifier: MIT */
/* Finds the data directory: the environment, then the folder beside the installed binary. */
/* realpath() is an X/Open function: glibc hides it under plain _POSIX_C_SOURCE. */
#define _XOPEN_SOURCE 700
#include "mlroi/datadir.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* <folder of EXE>/MLROI_DATADIR_REL, made canonical, into OUT when it is a directory. */
static bool beside_binary(const char *exe, char *out, size_t size)
{
    char candidate[MLROI_DATADIR_PATH_MAX];
    const char *slash = strrchr(exe, '/');
    char *real = NULL;
    bool found = false;
    int n;

    if (MLROI_DATADIR_REL[0] == '/')
        n = snprintf(candidate, sizeof candidate, "%s", MLROI_DATADIR_REL);
    else if (slash)
        n = snprintf(candidate, sizeof candidate, "%.*s/%s", (int)(slash - exe), exe,
                     MLROI_DATADIR_REL);
    else
        return false;   /* a bare name: the folder is unknown */
    if (n < 0 || (size_t)n >= sizeof candidate)
        return false;
    /* realpath drops the "bin/.." so that --version shows a path a person would type. */
    real = realpath(candidate, NULL);
    if (!real || !is_dir(real) || strlen(real) >= size)
        goto cleanup;
    strcpy(out, real);
    found = true;
cleanup:
    free(real);
    return found;
}

mlroi_error mlroi_datadir_resolve(const char *env, const char *exe, mlroi_datadir *out,
                                  mlroi_diags *diags)
{
    struct stat st;
    out->origin = MLROI_DATADIR_BUILTIN;
    out->path[0] = '\0';
    if (env && env[0]) {
        if (strlen(env) >= sizeof out->path)
            return mlroi_diags_add(diags, MLROI_ERR_LIMIT, "MLROI_DATADIR", 0, 0, "",
                                   "the path is longer than %d bytes",
                                   MLROI_DATADIR_PATH_MAX - 1);
        errno = 0;
        if (stat(env, &st) != 0 || !S_ISDIR(st.st_mode)) {
            const char *why = "not a directory";
            if (errno == ENOENT)
                why = "no such directory";
            else if (errno == EACCES)
                why = "permission denied";
            return mlroi_diags_add(diags, MLROI_ERR_IO, env, 0, 0, "",
                                   "MLROI_DATADIR names no data directory (%s)", why);
        }
        strcpy(out->path, env);
        out->origin = MLROI_DATADIR_ENV;
        return MLROI_OK;
    }
    if (exe && beside_binary(exe, out->path, sizeof out->path))
        out->origin = MLROI_DATADIR_BINARY;
    return MLROI_OK;
}

mlroi_error mlroi_datadir_find(mlroi_datadir *out, mlroi_diags *diags)
{
    char exe[MLROI_DATADIR_PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    /* Without /proc (or with a path too long) only the variable and the built-in data remain. */
    if (n > 0 && (size_t)n < sizeof exe - 1)
        exe[n] = '\0';
    else
        exe[0] = '\0';
    return mlroi_datadir_resolve(getenv("MLROI_DATADIR"), exe[0] ? exe : NULL, out, diags);
}

bool mlroi_datadir_file(const mlroi_datadir *d, const char *rel, char *buf, size_t size)
{
    struct stat st;
    int n;
    if (d->origin == MLROI_DATADIR_BUILTIN || !d->path[0] || size == 0)
        return false;
    n = snprintf(buf, size, "%s/%s", d->path, rel);
    if (n < 0 || (size_t)n >= size) {
        buf[0] = '\0';
        return false;
    }
    /* Anything but "not there" counts as present, so that an unreadable or broken file is
     * reported by the loader under its own name instead of being skipped. */
    if (stat(buf, &st) != 0 && (errno == ENOENT || errno == ENOTDIR)) {
        buf[0] = '\0';
        return false;
    }
    return true;
}

const char *mlroi_datadir_origin_text(mlroi_datadir_origin origin)
{
    switch (origin) {
    case MLROI_DATADIR_ENV: return "from MLROI_DATADIR";
    case MLROI_DATADIR_BINARY: return "found beside the binary";
    case MLROI_DATADIR_BUILTIN: break;
    }
    return "using the data built into the binary";
}
