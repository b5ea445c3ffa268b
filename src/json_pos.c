/* SPDX-License-Identifier: MIT */
/* Rescans JSON text beside its cJSON tree to give every node a line and column. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "huge_alloc.h"
#include "json_arena.h"
#include "json_pos.h"

void json_offset_to_line_col(const char *text, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < off && text[i]; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {   /* count characters, not continuation bytes */
            c++;
        }
    }
    *line = l;
    *col = c;
}

mlroi_error json_pos_check_text(const char *name, const char *text, size_t len, mlroi_diags *d)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    int line, col;
    while (i < len) {
        unsigned char c = s[i];
        size_t n;
        uint32_t cp;
        if (c == 0) {
            json_offset_to_line_col(text, i, &line, &col);
            return mlroi_diags_add(d, MLROI_ERR_SYNTAX, name, line, col, "",
                                   "the file contains a NUL byte: not a JSON text file");
        }
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
        else goto bad;
        for (size_t k = 1; k <= n; k++) {
            if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
                goto bad;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        /* Overlong forms, surrogates and values past U+10FFFF are not UTF-8. */
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            goto bad;
        i += n + 1;
    }
    return MLROI_OK;
bad:
    json_offset_to_line_col(text, i, &line, &col);
    return mlroi_diags_add(d, MLROI_ERR_SYNTAX, name, line, col, "",
                           "invalid UTF-8 byte 0x%02X: scenario files must be UTF-8", s[i]);
}

bool json_pos_has_nul_escape(const char *text, size_t len)
{
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        if (!in_string) {
            in_string = text[i] == '"';
        } else if (text[i] == '"') {
            in_string = false;
        } else if (text[i] == '\\' && i + 1 < len) {
            if (text[i + 1] == 'u' && i + 5 < len && memcmp(text + i + 2, "0000", 4) == 0)
                return true;
            i++;
        }
    }
    return false;
}

/* Room for N more entries, in one allocation: a scenario of tens of thousands of values then
 * copies its table neither while it grows nor into pages it touches only once. */
static int pos_reserve(json_pos *pos, size_t n)
{
    json_pos_entry *items;
    if (pos->capacity - pos->count >= n)
        return 0;
    if (n > (SIZE_MAX / sizeof *items) - pos->count)
        return -1;
    /* Beside the nodes, in the run's huge page region while it has room (huge_alloc.h). */
    items = mlroi_huge_alloc((pos->count + n) * sizeof *items);
    if (!items)
        return -1;
    if (pos->count)
        memcpy(items, pos->items, pos->count * sizeof *items);
    mlroi_huge_free(pos->items);
    pos->items = items;
    pos->capacity = pos->count + n;
    return 0;
}

static size_t count_nodes(const cJSON *node)
{
    size_t n = 1;
    const cJSON *c;
    cJSON_ArrayForEach(c, node) n += count_nodes(c);
    return n;
}

static int pos_add(json_pos *pos, const cJSON *node, int file, int kl, int kc, int l, int c)
{
    if (pos->count == pos->capacity &&
        pos_reserve(pos, pos->capacity ? pos->capacity : 64) != 0)
        return -1;
    pos->items[pos->count] = (json_pos_entry){node, file, kl, kc, l, c, pos->seq++};
    pos->count++;
    pos->sorted = 0;
    return 0;
}

/* The scanner walks the text in step with the tree that cJSON built from it. */
typedef struct scan {
    const char *text;
    size_t len, i;
    int line, col;        /* of text[i] */
    json_pos *pos;
    int file;
    const char *name;
    int max_depth;
    mlroi_diags *d;
    mlroi_error err;
    size_t omitted;       /* problems past the JSON_POS_MAX_DIAGS cap, counted only */
} scan;

/* Report a problem found while scanning, or only count it past the cap: a file of a million
 * duplicate keys must not print a million lines (nor hold them in memory). */
static void scan_problem(scan *sc, mlroi_error code, int line, int col, const char *path,
                         const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void scan_problem(scan *sc, mlroi_error code, int line, int col, const char *path,
                         const char *fmt, ...)
{
    char msg[384];
    va_list ap;

    sc->err = code;
    if (sc->d && sc->d->count >= JSON_POS_MAX_DIAGS) {
        sc->omitted++;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    mlroi_diags_add(sc->d, code, sc->name, line, col, path, "%s", msg);
}

static void advance(scan *sc)
{
    unsigned char ch = (unsigned char)sc->text[sc->i++];
    if (ch == '\n') {
        sc->line++;
        sc->col = 1;
    } else if ((ch & 0xC0) != 0x80) {
        sc->col++;
    }
}

static void skip_ws(scan *sc)
{
    while (sc->i < sc->len) {
        char c = sc->text[sc->i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        advance(sc);
    }
}

/* Skip a string. Returns true when it holds the escape \u0000, with the escape's line and
 * column: cJSON decodes it to a NUL and cuts the text there, so "roi\u0000 x" would read as
 * the key "roi" and "Approved\u0000 -- NOT approved" as "Approved". */
static bool skip_string(scan *sc, int *nul_line, int *nul_col)
{
    /* advance() byte by byte, with the position held in locals: strings are most of a file. */
    const unsigned char *t = (const unsigned char *)sc->text;
    size_t i = sc->i + 1, len = sc->len;   /* past the opening quote */
    int line = sc->line, col = sc->col + 1;
    bool nul = false;
    while (i < len && t[i] != '"') {
        if (t[i] == '\\' && i + 1 < len) {
            if (!nul && t[i + 1] == 'u' && i + 5 < len && memcmp(t + i + 2, "0000", 4) == 0) {
                nul = true;
                *nul_line = line;
                *nul_col = col;
            }
            i++;
            col++;
        }
        if (t[i] == '\n') {
            line++;
            col = 1;
        } else if ((t[i] & 0xC0) != 0x80) {
            col++;
        }
        i++;
    }
    if (i < len) {   /* the closing quote */
        i++;
        col++;
    }
    sc->i = i;
    sc->line = line;
    sc->col = col;
    return nul;
}

/* A number, true, false or null: cJSON has read it, so its bytes are ASCII and hold no line
 * break, and each takes one column. */
static void skip_scalar(scan *sc)
{
    size_t i = sc->i;
    while (i < sc->len) {
        char c = sc->text[i];
        if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
            break;
        i++;
    }
    sc->col += (int)(i - sc->i);
    sc->i = i;
}

static int cmp_names(const void *a, const void *b)
{
    const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
    return strcmp(x->string, y->string);
}

/* Report the key of X or Y that comes later in the file, pointing at the earlier one. */
static void duplicate_found(scan *sc, const cJSON *x, const cJSON *y, const char *path)
{
    const json_pos_entry *a = json_pos_find(sc->pos, x);
    const json_pos_entry *b = json_pos_find(sc->pos, y);
    const json_pos_entry *later = b, *first = a;
    char full[160];
    if (a && b && (a->key_line > b->key_line ||
                   (a->key_line == b->key_line && a->key_col > b->key_col))) {
        later = a;
        first = b;
    }
    if (path[0])
        snprintf(full, sizeof full, "%s.%s", path, y->string);
    else
        snprintf(full, sizeof full, "%s", y->string);
    scan_problem(sc, MLROI_ERR_DUPLICATE, later ? later->key_line : 0,
                 later ? later->key_col : 0, full,
                 "duplicate key (first given at line %d, column %d)",
                 first ? first->key_line : 0, first ? first->key_col : 0);
}

static void check_duplicates(scan *sc, const cJSON *obj, const char *path)
{
    size_t n = 0, k = 0;
    const cJSON *c;
    const cJSON **v;
    cJSON_ArrayForEach(c, obj) n++;
    if (n < 2)
        return;
    if (n <= 16) {
        /* Small objects, nearly all of them: compare each key with the ones before it. */
        const cJSON *a, *b;
        cJSON_ArrayForEach(a, obj) {
            for (b = obj->child; b != a; b = b->next)
                if (strcmp(a->string, b->string) == 0) {
                    duplicate_found(sc, b, a, path);
                    break;
                }
        }
        return;
    }
    v = malloc(n * sizeof *v);
    if (!v) {
        sc->err = MLROI_ERR_NOMEM;
        return;
    }
    cJSON_ArrayForEach(c, obj) v[k++] = c;
    /* Sorting by name finds duplicates in O(n log n) even in very large objects; which one
     * came first is read from the recorded positions. */
    qsort(v, n, sizeof *v, cmp_names);
    for (size_t i = 1; i < n; i++)
        if (strcmp(v[i - 1]->string, v[i]->string) == 0)
            duplicate_found(sc, v[i - 1], v[i], path);
    free(v);
}

/* The key path of the value being walked ("tco.workloads[].hours"), for messages only. It is
 * built in one buffer, a part added before a child and taken off after it, rather than
 * formatted anew for each of a large file's tens of thousands of values; like the formatted
 * paths before it, it is cut at PATH_BUF - 1 bytes. */
#define PATH_BUF 160

static size_t path_push(char *path, size_t len, const char *sep, const char *part)
{
    size_t add = strlen(sep), more = strlen(part);
    if (add > PATH_BUF - 1 - len)
        add = PATH_BUF - 1 - len;
    memcpy(path + len, sep, add);
    len += add;
    if (more > PATH_BUF - 1 - len)
        more = PATH_BUF - 1 - len;
    memcpy(path + len, part, more);
    path[len + more] = '\0';
    return len + more;
}

static void walk(scan *sc, const cJSON *node, int depth, int kl, int kc, char *path, size_t len)
{
    skip_ws(sc);
    if (pos_add(sc->pos, node, sc->file, kl, kc, sc->line, sc->col) != 0) {
        sc->err = MLROI_ERR_NOMEM;
        return;
    }
    if (depth > sc->max_depth) {
        sc->err = mlroi_diags_add(sc->d, MLROI_ERR_LIMIT, sc->name, sc->line, sc->col, path,
                                  "nesting deeper than %d levels", sc->max_depth);
        return;
    }
    if (cJSON_IsObject(node) || cJSON_IsArray(node)) {
        int is_obj = cJSON_IsObject(node);
        const cJSON *c;
        advance(sc);   /* { or [ */
        cJSON_ArrayForEach(c, node) {
            int ckl = 0, ckc = 0;
            skip_ws(sc);
            if (is_obj) {
                int nl = 0, nc = 0;
                bool nul;
                ckl = sc->line;
                ckc = sc->col;
                nul = skip_string(sc, &nl, &nc);
                skip_ws(sc);
                advance(sc);   /* : */
                if (nul)
                    scan_problem(sc, MLROI_ERR_SYNTAX, nl, nc, path, "the key \"%s\\u0000...\" "
                                 "holds \\u0000 (a NUL character), which is not allowed",
                                 c->string);
                walk(sc, c, depth + 1, ckl, ckc, path,
                     path_push(path, len, len ? "." : "", c->string));
            } else {
                walk(sc, c, depth + 1, ckl, ckc, path, path_push(path, len, "[]", ""));
            }
            path[len] = '\0';
            if (sc->err == MLROI_ERR_NOMEM || sc->err == MLROI_ERR_LIMIT)
                return;
            skip_ws(sc);
            if (sc->i < sc->len && sc->text[sc->i] == ',')
                advance(sc);
        }
        skip_ws(sc);
        advance(sc);   /* } or ] */
        if (is_obj)
            check_duplicates(sc, node, path);
    } else if (cJSON_IsString(node)) {
        int nl = 0, nc = 0;
        if (skip_string(sc, &nl, &nc))
            scan_problem(sc, MLROI_ERR_SYNTAX, nl, nc, path, "the text holds \\u0000 (a NUL "
                         "character), which is not allowed");
    } else {
        skip_scalar(sc);
    }
}

/* The offset of the first bracket that opens a value deeper than MAX_DEPTH (the root is
 * depth 0), strings skipped; LEN when there is none. cJSON refuses nesting past its own
 * limit with a bare syntax error, so this gives the real reason. */
static size_t too_deep_at(const char *text, size_t len, int max_depth)
{
    long depth = -1;
    int in_string = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = 0;
        } else if (c == '"') {
            in_string = 1;
        } else if (c == '{' || c == '[') {
            if (++depth > max_depth)
                return i;
        } else if (c == '}' || c == ']') {
            depth--;
        }
    }
    return len;
}

mlroi_error json_pos_parse(json_pos *pos, const char *name, const char *text, size_t len,
                           int max_depth, cJSON **out, mlroi_diags *d)
{
    const char *end = NULL;
    cJSON *root;
    scan sc;
    int line, col;
    size_t start = 0;
    char path[PATH_BUF] = "";

    *out = NULL;
    if (json_pos_check_text(name, text, len, d) != MLROI_OK)
        return MLROI_ERR_SYNTAX;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        start = 3;   /* cJSON skips a byte order mark too */
    {
        size_t k = start;
        while (k < len && (text[k] == ' ' || text[k] == '\n' || text[k] == '\r' || text[k] == '\t'))
            k++;
        if (k == len)
            return mlroi_diags_add(d, MLROI_ERR_SYNTAX, name, 0, 0, "",
                                   "the file is empty: expected a JSON object");
    }
    /* The length includes the terminating NUL (the caller guarantees text[len] == '\0'):
     * cJSON's "require null terminated" check looks for it inside the buffer. */
    /* The nodes come from the run's huge page region (json_arena.h). */
    json_arena_enter();
    root = cJSON_ParseWithLengthOpts(text, len + 1, &end, 1);
    json_arena_leave();
    if (!root) {
        size_t off = end ? (size_t)(end - text) : 0;
        if (off > len)
            off = len;
        {
            size_t deep = too_deep_at(text, len, max_depth);
            if (deep < off) {
                json_offset_to_line_col(text, deep, &line, &col);
                return mlroi_diags_add(d, MLROI_ERR_LIMIT, name, line, col, "",
                                       "nesting deeper than %d levels", max_depth);
            }
        }
        json_offset_to_line_col(text, off, &line, &col);
        if (off >= len)
            return mlroi_diags_add(d, MLROI_ERR_SYNTAX, name, line, col, "",
                                   "malformed JSON: the text ends in the middle of a value");
        {
            unsigned char ch = (unsigned char)text[off];
            if (ch >= 0x20 && ch < 0x7F)
                return mlroi_diags_add(d, MLROI_ERR_SYNTAX, name, line, col, "",
                                       "malformed JSON: unexpected '%c'", ch);
            return mlroi_diags_add(d, MLROI_ERR_SYNTAX, name, line, col, "",
                                   "malformed JSON: unexpected byte 0x%02X", ch);
        }
    }
    if (pos->file_count >= (int)(sizeof pos->files / sizeof pos->files[0])) {
        cJSON_Delete(root);
        return mlroi_diags_add(d, MLROI_ERR_LIMIT, name, 0, 0, "", "too many files");
    }
    pos->files[pos->file_count] = strdup(name);
    if (!pos->files[pos->file_count]) {
        cJSON_Delete(root);
        return mlroi_diags_add(d, MLROI_ERR_NOMEM, name, 0, 0, "", "out of memory");
    }
    sc = (scan){text, len, start, 1, 1, pos, pos->file_count, name, max_depth, d, MLROI_OK, 0};
    pos->file_count++;
    /* cJSON has already bounded the depth, so counting the tree cannot run away. */
    if (pos_reserve(pos, count_nodes(root)) != 0) {
        cJSON_Delete(root);
        return mlroi_diags_add(d, MLROI_ERR_NOMEM, name, 0, 0, "", "out of memory");
    }
    walk(&sc, root, 0, 0, 0, path, 0);
    if (sc.omitted > 0)
        mlroi_diags_add(d, MLROI_ERR_LIMIT, name, 0, 0, "", "... and %zu more", sc.omitted);
    if (sc.err != MLROI_OK) {
        if (sc.err == MLROI_ERR_NOMEM)
            mlroi_diags_add(d, MLROI_ERR_NOMEM, name, 0, 0, "", "out of memory");
        cJSON_Delete(root);
        return sc.err;
    }
    *out = root;
    return MLROI_OK;
}

void json_pos_mark_override(json_pos *pos, const cJSON *node)
{
    const cJSON *c;
    pos_add(pos, node, -1, 0, 0, 0, 0);
    cJSON_ArrayForEach(c, node) json_pos_mark_override(pos, c);
}

static int cmp_entry(const void *a, const void *b)
{
    const json_pos_entry *x = a, *y = b;
    uintptr_t p = (uintptr_t)x->node, q = (uintptr_t)y->node;
    if (p != q)
        return p < q ? -1 : 1;
    /* The newest record of an address wins: an override may reuse a freed node's memory. */
    return x->seq < y->seq ? 1 : (x->seq > y->seq ? -1 : 0);
}

const json_pos_entry *json_pos_find(json_pos *pos, const cJSON *node)
{
    size_t lo = 0, hi;
    if (!pos->sorted) {
        /* Nodes are recorded in document order, and cJSON allocates them in that order, so
         * the addresses usually ascend already: then the sort is skipped. */
        size_t i = 1;
        while (i < pos->count && cmp_entry(&pos->items[i - 1], &pos->items[i]) < 0)
            i++;
        if (i < pos->count)
            qsort(pos->items, pos->count, sizeof *pos->items, cmp_entry);
        pos->sorted = 1;
    }
    hi = pos->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((uintptr_t)pos->items[mid].node < (uintptr_t)node)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < pos->count && pos->items[lo].node == node)
        return &pos->items[lo];
    return NULL;
}

const char *json_pos_file(const json_pos *pos, const json_pos_entry *e)
{
    if (!e || e->file < 0 || e->file >= pos->file_count)
        return "--set";
    return pos->files[e->file];
}

void json_pos_free(json_pos *pos)
{
    if (!pos)
        return;
    mlroi_huge_free(pos->items);
    for (int i = 0; i < pos->file_count; i++)
        free(pos->files[i]);
    memset(pos, 0, sizeof *pos);
}
