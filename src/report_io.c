/* SPDX-License-Identifier: MIT */
/* Safe output for documents: write beside the target, then rename it into place, without
 * ever replacing what the user did not ask to replace. */
/* fallocate() and FALLOC_FL_KEEP_SIZE are Linux's; realpath() is X/Open. */
#define _GNU_SOURCE
#include "mlroi/report.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif
#define MAX_LINK_HOPS 40      /* the kernel's own limit (ELOOP) */
#define NAME_BYTES 255        /* NAME_MAX of Linux file systems: the temporary name fits in it */

/* ---------- temporary files removed on a fatal signal ---------- */

/* Ctrl-C, a kill or a closed terminal must not leave a hidden half document behind. A
 * signal handler may only call async-signal-safe functions, so the live names sit in a
 * static table: a slot is claimed (1), filled, then published (2) before the handler may
 * read it; the handler unlinks every published name, restores the default action and
 * re-raises, so the process still dies of its signal. */
#define TEMP_SLOTS 8
static char temp_names[TEMP_SLOTS][PATH_MAX];
static atomic_int temp_state[TEMP_SLOTS];
static atomic_flag handlers_installed = ATOMIC_FLAG_INIT;
static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };

static void on_fatal_signal(int sig)
{
    int saved = errno;
    for (int i = 0; i < TEMP_SLOTS; i++)
        if (atomic_load(&temp_state[i]) == 2)
            unlink(temp_names[i]);
    /* Blocked while this handler runs: the default action comes as soon as it returns. */
    signal(sig, SIG_DFL);
    raise(sig);
    errno = saved;
}

/* Only signals left at their default action get the handler: a program that ignores SIGHUP
 * (nohup) or handles SIGINT itself keeps its choice. */
static void install_handlers(void)
{
    if (atomic_flag_test_and_set(&handlers_installed))
        return;
    for (size_t i = 0; i < sizeof cleanup_signals / sizeof cleanup_signals[0]; i++) {
        struct sigaction old, sa;
        if (sigaction(cleanup_signals[i], NULL, &old) != 0 || old.sa_handler != SIG_DFL ||
            (old.sa_flags & SA_SIGINFO))
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_fatal_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(cleanup_signals[i], &sa, NULL);
    }
}

/* Remember NAME for the signal handler; returns the slot, or -1 when every slot is taken (the
 * file is then only removed on the normal paths). A published name whose file is gone was
 * left by a caller that unlinked it itself: its slot is taken back. */
static int temp_register(const char *name)
{
    install_handlers();
    if (strlen(name) >= PATH_MAX)
        return -1;
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < TEMP_SLOTS; i++) {
            int expected = 0;
            struct stat st;
            if (pass == 1 && atomic_load(&temp_state[i]) == 2 &&
                lstat(temp_names[i], &st) != 0 && errno == ENOENT) {
                expected = 2;
            }
            if (atomic_compare_exchange_strong(&temp_state[i], &expected, 1)) {
                memcpy(temp_names[i], name, strlen(name) + 1);
                atomic_store(&temp_state[i], 2);
                return i;
            }
        }
    }
    return -1;
}

static void temp_forget(int slot)
{
    if (slot >= 0)
        atomic_store(&temp_state[slot], 0);
}

void mlroi_temp_remove(const char *name)
{
    if (!name || !*name)
        return;
    for (int i = 0; i < TEMP_SLOTS; i++)
        if (atomic_load(&temp_state[i]) == 2 && strcmp(temp_names[i], name) == 0)
            atomic_store(&temp_state[i], 0);
    unlink(name);
}

/* ---------- helpers ---------- */

/* The permissions a plain fopen() would give, since mkstemp() creates files as 0600. */
static mode_t default_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return (mode_t)(0666 & ~mask);
}

/* The folder part of PATH with its slash ("a/b/" of "a/b/c"), "" for a bare name: malloc'd. */
static char *dir_part(const char *path)
{
    const char *slash = strrchr(path, '/');
    return strndup(path, slash ? (size_t)(slash - path) + 1 : 0);
}

/* Errors of the writer name the temporary file it was given: the user knows only PATH. */
static void rename_diags(mlroi_diags *diags, size_t from, const char *tmp, const char *path)
{
    if (!diags)
        return;
    for (size_t i = from; i < diags->count; i++)
        if (strcmp(diags->items[i].file, tmp) == 0)
            snprintf(diags->items[i].file, sizeof diags->items[i].file, "%s", path);
}

static bool in_my_groups(gid_t gid)
{
    gid_t groups[256];
    int n;
    if (gid == getegid())
        return true;
    n = getgroups((int)(sizeof groups / sizeof groups[0]), groups);
    for (int i = 0; i < n; i++)
        if (groups[i] == gid)
            return true;
    return false;
}

/* write(2) all of BUF, through interruptions and short writes. */
static bool write_all(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return false;
        }
        buf += w;
        n -= (size_t)w;
    }
    return true;
}

/* Copy the finished document FROM into the open descriptor FD (a device, a pipe, or the file
 * a descriptor already names), checking every write: a full disk must be an error, not a
 * short file. PATH names the target in messages. */
static mlroi_error copy_into_fd(const char *from, int fd, const char *path, mlroi_diags *diags)
{
    char buf[16384];
    int in = open(from, O_RDONLY | O_CLOEXEC);
    mlroi_error err = MLROI_OK;

    if (in < 0)
        return mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "cannot read the document "
                               "back: %s", strerror(errno));
    for (;;) {
        ssize_t got = read(in, buf, sizeof buf);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "cannot read the "
                                  "document back: %s", strerror(errno));
            break;
        }
        if (got == 0)
            break;
        if (!write_all(fd, buf, (size_t)got)) {
            err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "write error: %s",
                                  strerror(errno));
            break;
        }
    }
    close(in);
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
    temp_register(buf);
    close(fd);
    return MLROI_OK;
}

/* Build the document in a private temporary file, then hand it to the descriptor FD, or
 * when FD is -1 to TARGET opened for writing. The document is finished before the target is
 * opened: a reader on a pipe never gets half a document from a failed build. */
static mlroi_error write_through_fd(const char *path, const char *target, int fd,
                                    mlroi_write_fn fn, void *ctx, mlroi_diags *diags)
{
    char tmp[PATH_MAX];
    size_t first = diags ? diags->count : 0;
    int own = -1;
    mlroi_error err = mlroi_temp_file(tmp, sizeof tmp, path, diags);

    if (err != MLROI_OK)
        return err;
    err = fn(ctx, tmp, diags);
    rename_diags(diags, first, tmp, path);
    if (err != MLROI_OK)
        goto cleanup;
    if (fd < 0) {
        own = fd = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (fd < 0) {
            err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "cannot open: %s",
                                  strerror(errno));
            goto cleanup;
        }
    }
    err = copy_into_fd(tmp, fd, path, diags);
cleanup:
    if (own >= 0 && close(own) != 0 && err == MLROI_OK)
        err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "write error: %s",
                              strerror(errno));
    mlroi_temp_remove(tmp);
    return err;
}

/* Is LINK one of /dev/stdout, /dev/fd/N, /proc/self/fd/N: a name for a descriptor this
 * process holds? Then *FD gets N. Following such a link opens the file anew (and truncates a
 * log that `>>` opened for appending); the descriptor itself keeps the shell's choice. */
static bool names_own_descriptor(const char *link, int *fd)
{
    const char *base = strrchr(link, '/');
    char *dir, *real;
    char want[64];
    bool own = false;
    long n;
    char *end;

    if (!base || !base[1])
        return false;
    errno = 0;
    n = strtol(base + 1, &end, 10);
    if (*end || errno || n < 0 || n > INT_MAX || base[1] < '0' || base[1] > '9')
        return false;
    dir = dir_part(link);
    real = dir ? realpath(dir, NULL) : NULL;
    if (real) {
        snprintf(want, sizeof want, "/proc/%ld/fd", (long)getpid());
        own = strcmp(real, want) == 0;
        if (!own) {   /* /proc/thread-self/fd: /proc/PID/task/TID/fd */
            size_t k = strlen(want) - 3;
            own = strncmp(real, want, k) == 0 && strncmp(real + k, "/task/", 6) == 0 &&
                  strlen(real) > 3 && strcmp(real + strlen(real) - 3, "/fd") == 0;
        }
    }
    free(real);
    free(dir);
    if (own)
        *fd = (int)n;
    return own;
}

/* The kernel's protected_symlinks rule (fs.protected_symlinks = 1): in a sticky folder that
 * anyone may write (/tmp), a link is followed only by its owner or when the folder's owner
 * owns it too. It guards open(); rename() over the link's target would bypass it, so the rule
 * is applied here, whatever the system's setting. */
static bool link_is_protected(const char *link, const struct stat *lst)
{
    char *dir = dir_part(link);
    struct stat ds;
    bool refused = false;

    if (!dir)
        return true;
    if (stat(*dir ? dir : ".", &ds) == 0 && (ds.st_mode & S_ISVTX) && (ds.st_mode & S_IWOTH) &&
        lst->st_uid != geteuid() && lst->st_uid != ds.st_uid)
        refused = true;
    free(dir);
    return refused;
}

/* LINK's target, relative to LINK's folder when not absolute: malloc'd, or NULL (errno). */
static char *follow_once(const char *link, size_t size_hint)
{
    size_t cap = size_hint > 0 && size_hint < PATH_MAX ? size_hint + 1 : PATH_MAX;
    char *to = malloc(cap), *dir, *out;
    ssize_t n;

    if (!to)
        return NULL;
    n = readlink(link, to, cap - 1);
    if (n < 0) {
        free(to);
        return NULL;
    }
    to[n] = '\0';
    if (to[0] == '/')
        return to;
    dir = dir_part(link);
    if (!dir) {
        free(to);
        return NULL;
    }
    if (!*dir) {
        free(dir);
        return to;
    }
    out = malloc(strlen(dir) + (size_t)n + 1);
    if (out) {
        strcpy(out, dir);
        strcat(out, to);
    }
    free(dir);
    free(to);
    return out;
}

/* ---------- regular files ---------- */

/* ".NAME.XXXXXX" beside TARGET; NAME is cut so that the temporary name still fits in a file
 * name (output names of up to 255 bytes work). malloc'd. */
static char *temp_name_beside(const char *target)
{
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    size_t dirlen = slash ? (size_t)(slash - target) + 1 : 0;
    size_t keep = strlen(base), room = NAME_BYTES - 8;   /* "." "." "XXXXXX" */
    char *tmp;

    if (keep > room) {
        keep = room;
        while (keep > 0 && ((unsigned char)base[keep] & 0xC0) == 0x80)
            keep--;   /* cut between characters, not inside one */
    }
    tmp = malloc(dirlen + keep + 9);
    if (tmp)
        snprintf(tmp, dirlen + keep + 9, "%.*s.%.*s.XXXXXX", (int)dirlen, target, (int)keep,
                 base);
    return tmp;
}

/* Rewrite an existing file in place with a document built elsewhere: for a file with
 * several hard links, or one whose owner this user cannot give to a new file. A rename()
 * would leave the other links on the old document, or hand the file to this user.
 *
 * In place cannot be atomic: the document is finished before the target is opened, and the
 * space it needs is reserved first (fallocate), so a full disk is found while the target still
 * holds its old bytes; only an input/output error in the middle of the copy can leave it
 * damaged, and the message then says so. */
static mlroi_error write_in_place(const char *path, const char *target, const struct stat *st,
                                  mlroi_write_fn fn, void *ctx, mlroi_diags *diags)
{
    char tmp[PATH_MAX];
    size_t first = diags ? diags->count : 0;
    struct stat now, built;
    int fd = -1;
    mlroi_error err = mlroi_temp_file(tmp, sizeof tmp, path, diags);

    if (err != MLROI_OK)
        return err;
    err = fn(ctx, tmp, diags);
    rename_diags(diags, first, tmp, path);
    if (err != MLROI_OK)
        goto cleanup;
    if (stat(tmp, &built) != 0) {
        err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "cannot read the document "
                              "back: %s", strerror(errno));
        goto cleanup;
    }
    fd = open(target, O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "cannot open: %s",
                              strerror(errno));
        goto cleanup;
    }
    /* The file checked is the file written: nothing was swapped in between. */
    if (fstat(fd, &now) != 0 || now.st_dev != st->st_dev || now.st_ino != st->st_ino) {
        err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "the file changed while the "
                              "document was being built: not writing it");
        goto cleanup;
    }
#ifdef FALLOC_FL_KEEP_SIZE
    if (built.st_size > 0 && fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, built.st_size) != 0 &&
        (errno == ENOSPC || errno == EDQUOT || errno == EFBIG)) {
        err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "write error: %s (the file "
                              "keeps its previous content)", strerror(errno));
        goto cleanup;
    }
#endif
    err = copy_into_fd(tmp, fd, path, diags);
    if (err == MLROI_OK && ftruncate(fd, built.st_size) != 0)
        err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "write error: %s",
                              strerror(errno));
    if (err != MLROI_OK)
        mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "the file was written in place "
                        "(it has other hard links or another owner) and may be damaged");
cleanup:
    if (fd >= 0 && close(fd) != 0 && err == MLROI_OK)
        err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "write error: %s",
                              strerror(errno));
    mlroi_temp_remove(tmp);
    return err;
}

/* Write a new document beside TARGET and rename it over TARGET. ST describes the file it
 * replaces (NULL for a new file): the new one gets its permission bits, and its owner and
 * group when this user may give them. Set-id bits are not carried over: a document is never
 * a program. */
static mlroi_error write_renamed(const char *path, const char *target, const struct stat *st,
                                 mlroi_write_fn fn, void *ctx, mlroi_diags *diags)
{
    char *tmp = temp_name_beside(target);
    size_t first = diags ? diags->count : 0;
    int fd = -1, slot = -1;
    bool made = false;
    mlroi_error err = MLROI_OK;

    if (!tmp) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, path, 0, 0, "", "out of memory");
        goto cleanup;
    }
    fd = mkstemp(tmp);
    if (fd < 0) {
        /* A folder this user may not write, holding a file this user may: write into it. */
        if (st && (errno == EACCES || errno == EPERM)) {
            free(tmp);
            return write_in_place(path, target, st, fn, ctx, diags);
        }
        err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "cannot create a file in "
                              "that folder: %s", strerror(errno));
        goto cleanup;
    }
    made = true;
    slot = temp_register(tmp);
    if ((st && geteuid() == 0 && fchown(fd, st->st_uid, st->st_gid) != 0) ||
        (st && geteuid() != 0 && st->st_gid != getegid() && fchown(fd, (uid_t)-1, st->st_gid) != 0) ||
        fchmod(fd, st ? (st->st_mode & 0777) : default_mode()) != 0) {
        err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "cannot prepare the file: %s",
                              strerror(errno));
        goto cleanup;
    }
    if (close(fd) != 0) {
        fd = -1;
        err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "cannot prepare the file: %s",
                              strerror(errno));
        goto cleanup;
    }
    fd = -1;
    err = fn(ctx, tmp, diags);
    rename_diags(diags, first, tmp, path);
    if (err != MLROI_OK)
        goto cleanup;
    if (rename(tmp, target) != 0) {
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
    temp_forget(slot);
    free(tmp);
    return err;
}

/* Write to an existing regular file: refused when this user could not write it, in place
 * when a new file could not carry its identity, else renamed over. */
static mlroi_error write_existing(const char *path, const char *target, const struct stat *st,
                                  mlroi_write_fn fn, void *ctx, mlroi_diags *diags)
{
    bool root = geteuid() == 0;

    /* rename() needs only the folder's permission: a read-only file would be replaced
     * without a word. root writes any file, so for root "read-only" is the mode itself. */
    if ((root && (st->st_mode & 0222) == 0) ||
        (!root && faccessat(AT_FDCWD, target, W_OK, AT_EACCESS) != 0))
        return mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "the file is read-only: "
                               "not replacing it (make it writable, or choose another name)");
    if (st->st_nlink > 1 ||
        (!root && (st->st_uid != geteuid() || !in_my_groups(st->st_gid))))
        return write_in_place(path, target, st, fn, ctx, diags);
    return write_renamed(path, target, st, fn, ctx, diags);
}

mlroi_error mlroi_write_atomic(const char *path, mlroi_write_fn fn, void *ctx, mlroi_diags *diags)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char *target = NULL;
    struct stat st;
    mlroi_error err = MLROI_OK;
    int hops = 0, fd;

    if (!*base)
        return mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "not a file name");
    target = strdup(path);
    if (!target)
        return mlroi_diags_add(diags, MLROI_ERR_NOMEM, path, 0, 0, "", "out of memory");
    /* Follow the links of the last component by hand, checking each: rename() over a link
     * replaces the link, and realpath() would follow links the kernel refuses to follow. */
    for (;;) {
        char *next;
        if (lstat(target, &st) != 0) {
            if (errno == ENOENT && hops == 0) {
                err = write_renamed(path, target, NULL, fn, ctx, diags);
            } else {
                err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "cannot open: %s",
                                      strerror(errno));
            }
            goto cleanup;
        }
        if (!S_ISLNK(st.st_mode))
            break;
        if (names_own_descriptor(target, &fd)) {
            err = write_through_fd(path, NULL, fd, fn, ctx, diags);
            goto cleanup;
        }
        if (link_is_protected(target, &st)) {
            err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "a symbolic link in a "
                                  "shared sticky folder, owned by another user: not following "
                                  "it (the kernel's protected_symlinks rule)");
            goto cleanup;
        }
        if (++hops > MAX_LINK_HOPS || !(next = follow_once(target, (size_t)st.st_size))) {
            err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "cannot open: %s",
                                  hops > MAX_LINK_HOPS ? strerror(ELOOP) : strerror(errno));
            goto cleanup;
        }
        free(target);
        target = next;
    }
    if (S_ISDIR(st.st_mode))
        err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "",
                              "is a directory: give a file name for the document");
    else if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
        /* A device or a pipe (/dev/null, /dev/full, a FIFO) is written into, never renamed
         * over: run by root, rename() would replace the device node itself. */
        err = write_through_fd(path, target, -1, fn, ctx, diags);
    else if (!S_ISREG(st.st_mode))
        err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "", "not a regular file, a "
                              "character device or a pipe: not writing a document there");
    else
        err = write_existing(path, target, &st, fn, ctx, diags);
cleanup:
    free(target);
    return err;
}
