/* SPDX-License-Identifier: MIT */
/* Loads a scenario: reads the file, resolves "extends", applies --set, validates every key. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "huge_alloc.h"
#include "json_pos.h"
#include "mc_config.h"
#include "mlroi/sha256.h"
#include "mlroi/scenario.h"

#define MAX_DIAGS 200          /* validate stops collecting after this many */
#define MAX_NAME 200           /* bytes in a name */
#define MAX_TEXT 8000          /* bytes in a description */
#define MAX_ITEMS 1000         /* entries in an array section */
#define BIG_MONEY 1e12         /* same bound as the money params: products stay finite */
#define MANY_ITEMS 1e7

/* ---------- allocation ---------- */

static char *dup_str(const char *s)
{
    return s ? strdup(s) : NULL;
}

mlroi_scenario *mlroi_scenario_new(void)
{
    size_t n;
    const mlroi_param *p = mlroi_params(&n);
    mlroi_scenario *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->sources = calloc(n, 1);
    s->file = strdup("");
    s->name = strdup("Untitled scenario");
    if (!s->sources || !s->file || !s->name) {
        mlroi_scenario_free(s);
        return NULL;
    }
    memcpy(s->currency, "USD", 4);
    for (size_t i = 0; i < n; i++) {
        char *field = (char *)s + p[i].offset;
        switch (p[i].type) {
        case MLROI_P_NUMBER:
        case MLROI_P_COUNT:
        case MLROI_P_FRACTION:
            *(double *)field = p[i].def;
            break;
        case MLROI_P_ANSWER:
            *(signed char *)field = MLROI_UNANSWERED;
            break;
        default:
            break;   /* strings, enums and bools start at NULL / 0 / false */
        }
    }
    return s;
}

/* Free an array of records and the name (or id) each one owns. */
static void free_records(void *base, size_t count, size_t size, size_t name_off)
{
    for (size_t i = 0; base && i < count; i++)
        free(*(char **)((char *)base + i * size + name_off));
    mlroi_huge_free(base);   /* alloc_records' or clone_records' */
}

void mlroi_scenario_free(mlroi_scenario *s)
{
    if (!s)
        return;
    free(s->file);
    free(s->name);
    free(s->description);
    free(s->org_name);
    free_records(s->bc.other_benefits, s->bc.other_count, sizeof *s->bc.other_benefits,
                 offsetof(mlroi_other_benefit, name));
    for (size_t i = 0; i < s->bc.line_count; i++) {
        free(s->bc.lines[i].category);
        free(s->bc.lines[i].source);
        free(s->bc.lines[i].note);
    }
    free_records(s->bc.lines, s->bc.line_count, sizeof *s->bc.lines,
                 offsetof(mlroi_bc_line, name));
    for (size_t i = 0; i < s->tco.workload_count; i++)
        free(s->tco.workloads[i].instance);   /* the one record with a second string */
    free_records(s->tco.workloads, s->tco.workload_count, sizeof *s->tco.workloads,
                 offsetof(mlroi_workload, name));
    free_records(s->tco.licenses, s->tco.license_count, sizeof *s->tco.licenses,
                 offsetof(mlroi_license, name));
    free_records(s->tco.one_time, s->tco.one_time_count, sizeof *s->tco.one_time,
                 offsetof(mlroi_one_time, name));
    free_records(s->tco.catalog, s->tco.catalog_count, sizeof *s->tco.catalog,
                 offsetof(mlroi_rate, id));
    free_records(s->chargeback.units, s->chargeback.unit_count, sizeof *s->chargeback.units,
                 offsetof(mlroi_cb_unit, name));
    free(s->uncertainty_json);
    free(s->analysis_json);
    free(s->report_json);
    free(s->sources);
    free(s);
}

/* Copy an array of records whose first member is a char * name, duplicating the names. */
static void *clone_records(const void *src, size_t count, size_t size, size_t name_off, int *ok)
{
    char *dst;
    if (!src || count == 0)
        return NULL;
    dst = malloc(count * size);
    if (!dst) {
        *ok = 0;
        return NULL;
    }
    memcpy(dst, src, count * size);
    for (size_t i = 0; i < count; i++) {
        char **name = (char **)(dst + i * size + name_off);
        if (*name && !(*name = strdup(*name)))
            *ok = 0;
    }
    return dst;
}

mlroi_scenario *mlroi_scenario_clone(const mlroi_scenario *s)
{
    size_t n;
    int ok = 1;
    mlroi_scenario *c;
    mlroi_params(&n);
    c = malloc(sizeof *c);
    if (!c)
        return NULL;
    memcpy(c, s, sizeof *c);
    /* Reset every pointer first so a failure half-way frees only what was copied. */
    c->file = c->name = c->description = c->org_name = NULL;
    c->uncertainty_json = c->analysis_json = c->report_json = NULL;
    c->bc.other_benefits = NULL; c->bc.other_count = 0;
    c->bc.lines = NULL; c->bc.line_count = 0;
    c->tco.workloads = NULL; c->tco.workload_count = 0;
    c->tco.licenses = NULL; c->tco.license_count = 0;
    c->tco.one_time = NULL; c->tco.one_time_count = 0;
    c->tco.catalog = NULL; c->tco.catalog_count = 0;
    c->chargeback.units = NULL; c->chargeback.unit_count = 0;
    c->sources = malloc(n);
    if (c->sources)
        memcpy(c->sources, s->sources, n);
    else
        ok = 0;
#define DUP(f) do { if (s->f && !(c->f = strdup(s->f))) ok = 0; } while (0)
    DUP(file); DUP(name); DUP(description); DUP(org_name);
    DUP(uncertainty_json); DUP(analysis_json); DUP(report_json);
#undef DUP
#define RECS(arr, cnt, type, member) do { \
        c->arr = clone_records(s->arr, s->cnt, sizeof(type), offsetof(type, member), &ok); \
        if (c->arr) c->cnt = s->cnt; } while (0)
    RECS(bc.other_benefits, bc.other_count, mlroi_other_benefit, name);
    RECS(tco.licenses, tco.license_count, mlroi_license, name);
    RECS(tco.one_time, tco.one_time_count, mlroi_one_time, name);
    RECS(tco.catalog, tco.catalog_count, mlroi_rate, id);
    RECS(chargeback.units, chargeback.unit_count, mlroi_cb_unit, name);
#undef RECS
    if (s->bc.line_count) {
        c->bc.lines = calloc(s->bc.line_count, sizeof *c->bc.lines);
        if (c->bc.lines) {
            c->bc.line_count = s->bc.line_count;
            for (size_t i = 0; i < s->bc.line_count; i++) {
                const mlroi_bc_line *from = &s->bc.lines[i];
                mlroi_bc_line *to = &c->bc.lines[i];
                *to = *from;
                to->name = dup_str(from->name);
                to->category = dup_str(from->category);
                to->source = dup_str(from->source);
                to->note = dup_str(from->note);
                if ((from->name && !to->name) || (from->category && !to->category) ||
                    (from->source && !to->source) || (from->note && !to->note))
                    ok = 0;
            }
        } else {
            ok = 0;
        }
    }
    if (s->tco.workload_count) {
        c->tco.workloads = calloc(s->tco.workload_count, sizeof *c->tco.workloads);
        if (c->tco.workloads) {
            c->tco.workload_count = s->tco.workload_count;
            for (size_t i = 0; i < s->tco.workload_count; i++) {
                c->tco.workloads[i] = s->tco.workloads[i];
                c->tco.workloads[i].name = dup_str(s->tco.workloads[i].name);
                c->tco.workloads[i].instance = dup_str(s->tco.workloads[i].instance);
                if ((s->tco.workloads[i].name && !c->tco.workloads[i].name) ||
                    (s->tco.workloads[i].instance && !c->tco.workloads[i].instance))
                    ok = 0;
            }
        } else {
            ok = 0;
        }
    }
    if (!ok) {
        mlroi_scenario_free(c);
        return NULL;
    }
    return c;
}

double mlroi_scenario_annual_cost(const mlroi_scenario *s)
{
    return isnan(s->bc.annual_cost) ? s->roi.mlops_investment : s->bc.annual_cost;
}

long mlroi_scenario_line_find(const mlroi_scenario *s, const char *name)
{
    for (size_t i = 0; i < s->bc.line_count; i++)
        if (s->bc.lines[i].name && strcmp(s->bc.lines[i].name, name) == 0)
            return (long)i;
    return -1;
}

double mlroi_scenario_fx(const mlroi_scenario *s, const char *code)
{
    if (strcmp(s->currency, code) == 0)
        return 1.0;
    for (size_t i = 0; i < s->fx_count; i++)
        if (strcmp(s->fx[i].code, code) == 0)
            return s->fx[i].rate;
    return NAN;
}

/* Format a key path. Paths are bounded by their buffers; a very long one is cut short, which
 * only shortens a message, so the result is deliberately not checked. */
static size_t path_put(char *dst, size_t size, size_t at, const char *s)
{
    while (*s && at + 1 < size)
        dst[at++] = *s++;
    return at;
}

static void pathf(char *dst, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void pathf(char *dst, size_t size, const char *fmt, ...)
{
    va_list ap;
    if (size == 0)
        return;
    va_start(ap, fmt);
    /* A large file has thousands of these paths: the common forms ("%s.%s", "%s.key",
     * "%s[%zu]") are joined by hand, cut where vsnprintf would cut them. */
    if (fmt[0] == '%' && fmt[1] == 's' && !strchr(fmt + 2, '%')) {
        size_t at = path_put(dst, size, 0, va_arg(ap, const char *));
        dst[path_put(dst, size, at, fmt + 2)] = '\0';
    } else if (strcmp(fmt, "%s.%s") == 0) {
        size_t at = path_put(dst, size, 0, va_arg(ap, const char *));
        at = path_put(dst, size, at, ".");
        dst[path_put(dst, size, at, va_arg(ap, const char *))] = '\0';
    } else if (strcmp(fmt, "%s[%zu]") == 0) {
        char num[24], *n = num + sizeof num;
        size_t at = path_put(dst, size, 0, va_arg(ap, const char *)), i = va_arg(ap, size_t);
        *--n = '\0';
        do {
            *--n = (char)('0' + i % 10);
            i /= 10;
        } while (i);
        at = path_put(dst, size, at, "[");
        at = path_put(dst, size, at, n);
        dst[path_put(dst, size, at, "]")] = '\0';
    } else {
        vsnprintf(dst, size, fmt, ap);
    }
    va_end(ap);
}

/* ---------- the loading context ---------- */

typedef struct loader {
    mlroi_scenario *s;
    mlroi_diags *d;
    json_pos pos;
    const mlroi_load_options *opts;
    mlroi_error first;
    const char *top_name;
    unsigned char *seen;     /* per param: given in the input */
    const cJSON *catalog;    /* the merged tco.catalog object, for instance checks */
} loader;

static int too_many(const loader *L)
{
    return L->d && L->d->count >= MAX_DIAGS;
}

/* Record an error located at node (its key when key != 0, else its value). */
static mlroi_error err_at(loader *L, const cJSON *node, int key, const char *path,
                          mlroi_error code, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static mlroi_error err_at(loader *L, const cJSON *node, int key, const char *path,
                          mlroi_error code, const char *fmt, ...)
{
    char msg[384];
    va_list ap;
    const json_pos_entry *e = node ? json_pos_find(&L->pos, node) : NULL;
    int line = 0, col = 0;
    const char *file = L->top_name;
    if (e) {
        file = json_pos_file(&L->pos, e);
        line = key && e->key_line ? e->key_line : e->line;
        col = key && e->key_line ? e->key_col : e->col;
    }
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (L->first == MLROI_OK)
        L->first = code;
    if (!too_many(L))
        mlroi_diags_add(L->d, code, file, line, col, path, "%s", msg);
    return code;
}

/* How a value reads in a message: "90k" in quotes, numbers as written, kinds for containers. */
static void describe(const cJSON *v, char *buf, size_t size)
{
    if (cJSON_IsString(v)) {
        const char *s = v->valuestring;
        size_t n = strlen(s);
        if (n > 40)
            snprintf(buf, size, "\"%.37s...\"", s);
        else
            snprintf(buf, size, "\"%s\"", s);
    } else if (cJSON_IsNumber(v)) {
        if (!isfinite(v->valuedouble))
            snprintf(buf, size, "a number too large to represent");
        else
            snprintf(buf, size, "%.15g", v->valuedouble);
    } else if (cJSON_IsBool(v)) {
        snprintf(buf, size, "%s", cJSON_IsTrue(v) ? "true" : "false");
    } else if (cJSON_IsNull(v)) {
        snprintf(buf, size, "null");
    } else if (cJSON_IsArray(v)) {
        snprintf(buf, size, "an array");
    } else {
        snprintf(buf, size, "an object");
    }
}

static void fmt_bound(char *buf, size_t size, double v)
{
    snprintf(buf, size, "%.15g", v);
}

/* "a number >= 0", "a whole number from 1 to 30", "a number > -1 and <= 10" ... A very
 * large upper bound is left out ("a number >= 0") unless the value V broke it. */
static void describe_range(double min, double max, unsigned flags, int whole, double v,
                           char *buf, size_t size)
{
    char lo[32], hi[32];
    const char *kind = whole ? "a whole number" : "a number";
    fmt_bound(lo, sizeof lo, min);
    fmt_bound(hi, sizeof hi, max);
    if (min == max)
        snprintf(buf, size, "%s", lo);
    else if (min <= -1e12 && max >= 1e12 && !(v > max) && !(v < min))
        snprintf(buf, size, "%s", kind);
    else if (max >= 1e12 && !(flags & MLROI_PF_MIN_EXCL) && !(v > max))
        snprintf(buf, size, "%s >= %s", kind, lo);
    else if (!(flags & (MLROI_PF_MIN_EXCL | MLROI_PF_MAX_EXCL)))
        snprintf(buf, size, "%s from %s to %s", kind, lo, hi);
    else
        snprintf(buf, size, "%s %s %s and %s %s", kind, (flags & MLROI_PF_MIN_EXCL) ? ">" : ">=",
                 lo, (flags & MLROI_PF_MAX_EXCL) ? "<" : "<=", hi);
}

static int in_range(double v, double min, double max, unsigned flags)
{
    if ((flags & MLROI_PF_MIN_EXCL) ? !(v > min) : !(v >= min))
        return 0;
    if ((flags & MLROI_PF_MAX_EXCL) ? !(v < max) : !(v <= max))
        return 0;
    return 1;
}

/* V is a number that get_number takes as it is: a caller sure of that needs no key path. */
static bool number_ok(const cJSON *v, double min, double max, unsigned flags, int whole)
{
    return cJSON_IsNumber(v) && isfinite(v->valuedouble) &&
           (!whole || v->valuedouble == floor(v->valuedouble)) &&
           in_range(v->valuedouble, min, max, flags);
}

/* Read a number within a range; returns 1 with *out set, 0 after reporting. */
static int get_number(loader *L, const cJSON *v, const char *path, double min, double max,
                      unsigned flags, int whole, double *out)
{
    char want[96], got[64];
    /* The common case first: the messages' texts cost more than the checks. */
    if (number_ok(v, min, max, flags, whole)) {
        /* Adding +0.0 turns -0 into 0 (and changes nothing else): "-0 weeks", "-0 %" must
         * not reach a text. */
        *out = v->valuedouble + 0.0;
        return 1;
    }
    describe_range(min, max, flags, whole, cJSON_IsNumber(v) ? v->valuedouble : NAN, want,
                   sizeof want);
    if (!cJSON_IsNumber(v)) {
        describe(v, got, sizeof got);
        err_at(L, v, 0, path, MLROI_ERR_TYPE, "expected %s, got %s", want, got);
        return 0;
    }
    if (!isfinite(v->valuedouble)) {
        err_at(L, v, 0, path, MLROI_ERR_RANGE, "expected %s, got a number too large to represent",
               want);
        return 0;
    }
    describe(v, got, sizeof got);
    if (whole && v->valuedouble != floor(v->valuedouble)) {
        err_at(L, v, 0, path, MLROI_ERR_RANGE, "expected %s, got %s", want, got);
        return 0;
    }
    if (!in_range(v->valuedouble, min, max, flags)) {
        err_at(L, v, 0, path, MLROI_ERR_RANGE, "expected %s, got %s", want, got);
        return 0;
    }
    *out = v->valuedouble;
    return 1;
}

static int valid_text(const char *s, int allow_newlines)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 && !(allow_newlines && (*p == '\n' || *p == '\t' || *p == '\r')))
            return 0;
        if (*p == 0x7F)
            return 0;
    }
    return 1;
}

static int get_string(loader *L, const cJSON *v, const char *path, size_t max_len,
                      int allow_newlines, int allow_empty, char **out)
{
    char got[64];
    if (!cJSON_IsString(v)) {
        describe(v, got, sizeof got);
        err_at(L, v, 0, path, MLROI_ERR_TYPE, "expected a string, got %s", got);
        return 0;
    }
    if (!allow_empty && v->valuestring[0] == '\0') {
        err_at(L, v, 0, path, MLROI_ERR_INVALID, "expected a non-empty string");
        return 0;
    }
    if (strlen(v->valuestring) > max_len) {
        err_at(L, v, 0, path, MLROI_ERR_LIMIT, "expected at most %zu bytes, got %zu", max_len,
               strlen(v->valuestring));
        return 0;
    }
    if (!valid_text(v->valuestring, allow_newlines)) {
        err_at(L, v, 0, path, MLROI_ERR_INVALID, "expected text without control characters");
        return 0;
    }
    /* A file's text is checked as a whole; a --set value arrives here unchecked. */
    if (json_pos_check_text("", v->valuestring, strlen(v->valuestring), NULL) != MLROI_OK) {
        err_at(L, v, 0, path, MLROI_ERR_INVALID, "expected UTF-8 text, got invalid bytes");
        return 0;
    }
    if (out) {
        char *copy = strdup(v->valuestring);
        if (!copy) {
            err_at(L, v, 0, path, MLROI_ERR_NOMEM, "out of memory");
            return 0;
        }
        free(*out);
        *out = copy;
    }
    return 1;
}

/* ---------- did you mean ---------- */

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[64];
    if (la >= 63 || lb >= 63)
        return (size_t)-1;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0], cur;
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev + (a[i - 1] != b[j - 1]);
            size_t del = row[j] + 1, ins = row[j - 1] + 1;
            cur = sub < del ? sub : del;
            cur = cur < ins ? cur : ins;
            prev = row[j];
            row[j] = cur;
        }
    }
    return row[lb];
}

typedef struct suggest {
    const char *best;
    size_t dist;
    const char *want;
} suggest;

static void suggest_try(suggest *sg, const char *candidate)
{
    size_t d = edit_distance(sg->want, candidate);
    size_t limit = strlen(sg->want) / 3 + 1;
    if (limit < 2)
        limit = 2;
    if (d <= limit && d < sg->dist) {
        sg->best = candidate;
        sg->dist = d;
    }
}

/* ---------- containers: sections and arrays that are not scalar params ---------- */

typedef enum ckind {
    C_OBJECT, C_RAMP, C_OTHER, C_WORKLOADS, C_LICENSES, C_ONETIME, C_CATALOG, C_UNITS, C_RAW,
    C_IGNORED_STRING, C_LINES, C_FX
} ckind;

typedef struct container {
    const char *path;
    ckind kind;
    size_t present;   /* offset of the has_ flag, or 0 */
} container;

#define HAS(f) offsetof(mlroi_scenario, f)
static const container containers[] = {
    {"organization", C_OBJECT, HAS(has_organization)},
    {"maturity", C_OBJECT, HAS(has_maturity)},
    {"maturity.answers", C_OBJECT, 0},
    {"roi", C_OBJECT, HAS(has_roi)},
    {"business_case", C_OBJECT, HAS(has_business_case)},
    {"business_case.benefit_ramp", C_RAMP, 0},
    {"business_case.other_benefits", C_OTHER, 0},
    {"business_case.lines", C_LINES, 0},
    {"fx", C_FX, 0},
    {"team", C_OBJECT, HAS(has_team)},
    {"tco", C_OBJECT, HAS(has_tco)},
    {"tco.workloads", C_WORKLOADS, 0},
    {"tco.licenses", C_LICENSES, 0},
    {"tco.one_time", C_ONETIME, 0},
    {"tco.catalog", C_CATALOG, 0},
    {"platform", C_OBJECT, HAS(has_platform)},
    {"chargeback", C_OBJECT, HAS(has_chargeback)},
    {"chargeback.units", C_UNITS, 0},
    {"uncertainty", C_RAW, HAS(has_uncertainty)},
    {"analysis", C_RAW, HAS(has_analysis)},
    {"extends", C_IGNORED_STRING, 0},
    {"$schema", C_IGNORED_STRING, 0},
};
#undef HAS

static const container *container_find(const char *path)
{
    for (size_t i = 0; i < sizeof containers / sizeof containers[0]; i++)
        if (strcmp(containers[i].path, path) == 0)
            return &containers[i];
    return NULL;
}

/* The next path component of `full` below `prefix` ("" for the top), or NULL. */
static const char *child_name(const char *full, const char *prefix, char *buf, size_t size)
{
    size_t n = strlen(prefix);
    const char *rest;
    if (n) {
        if (strncmp(full, prefix, n) != 0 || full[n] != '.')
            return NULL;
        rest = full + n + 1;
    } else {
        rest = full;
    }
    snprintf(buf, size, "%.*s", (int)strcspn(rest, "."), rest);
    return buf;
}

static void unknown_key(loader *L, const cJSON *item, const char *section, const char *path)
{
    suggest sg = {NULL, (size_t)-1, item->string};
    size_t n;
    const mlroi_param *p = mlroi_params(&n);
    static char names[96][64];   /* candidates outlive the loop: keep them in one table */
    size_t k = 0;
    char buf[64];
    for (size_t i = 0; i < n && k < 96; i++)
        if (child_name(p[i].path, section, buf, sizeof buf)) {
            snprintf(names[k], sizeof names[k], "%s", buf);
            suggest_try(&sg, names[k++]);
        }
    for (size_t i = 0; i < sizeof containers / sizeof containers[0] && k < 96; i++)
        if (child_name(containers[i].path, section, buf, sizeof buf)) {
            snprintf(names[k], sizeof names[k], "%s", buf);
            suggest_try(&sg, names[k++]);
        }
    if (sg.best)
        err_at(L, item, 1, path, MLROI_ERR_UNKNOWN_KEY, "unknown key \"%s\"; did you mean \"%s\"?",
               item->string, sg.best);
    else
        err_at(L, item, 1, path, MLROI_ERR_UNKNOWN_KEY, "unknown key \"%s\"", item->string);
}

/* A key of a record (array element) that the record does not define. */
static void unknown_field(loader *L, const cJSON *item, const char *path,
                          const char *const *fields)
{
    suggest sg = {NULL, (size_t)-1, item->string};
    for (size_t i = 0; fields[i]; i++)
        suggest_try(&sg, fields[i]);
    if (sg.best)
        err_at(L, item, 1, path, MLROI_ERR_UNKNOWN_KEY, "unknown key \"%s\"; did you mean \"%s\"?",
               item->string, sg.best);
    else
        err_at(L, item, 1, path, MLROI_ERR_UNKNOWN_KEY, "unknown key \"%s\"", item->string);
}

/* ---------- scalar params ---------- */

static int source_of(loader *L, const cJSON *v)
{
    const json_pos_entry *e = json_pos_find(&L->pos, v);
    return (e && e->file < 0) ? MLROI_SRC_SET : MLROI_SRC_FILE;
}

static void store_param(loader *L, const mlroi_param *p, const cJSON *v, const char *path)
{
    char *field = (char *)L->s + p->offset;
    char got[64];
    size_t idx = mlroi_param_index(p);
    int ok = 0;
    switch (p->type) {
    case MLROI_P_NUMBER:
    case MLROI_P_FRACTION:
    case MLROI_P_COUNT:
        if (p->flags & MLROI_PF_RATE && cJSON_IsNumber(v) && isfinite(v->valuedouble) &&
            v->valuedouble > 1) {
            describe(v, got, sizeof got);
            err_at(L, v, 0, path, MLROI_ERR_RANGE,
                   "expected a number > -1 and <= 1, got %s: rates are fractions (%s means "
                   "%.15g %%; write %.15g for %s %%)", got, got, v->valuedouble * 100,
                   v->valuedouble / 100, got);
            break;
        }
        ok = get_number(L, v, path, p->min, p->max, p->flags, p->type == MLROI_P_COUNT,
                        (double *)field);
        break;
    case MLROI_P_BOOL:
    case MLROI_P_ANSWER:
        if (!cJSON_IsBool(v)) {
            describe(v, got, sizeof got);
            err_at(L, v, 0, path, MLROI_ERR_TYPE, "expected true or false, got %s", got);
            break;
        }
        if (p->type == MLROI_P_BOOL)
            *(bool *)field = cJSON_IsTrue(v);
        else
            *(signed char *)field = cJSON_IsTrue(v) ? MLROI_YES : MLROI_NO;
        ok = 1;
        break;
    case MLROI_P_STRING: {
        int is_desc = strcmp(p->path, "description") == 0;
        ok = get_string(L, v, path, is_desc ? MAX_TEXT : MAX_NAME, is_desc, is_desc,
                        (char **)field);
        break;
    }
    case MLROI_P_CURRENCY:
        if (!cJSON_IsString(v) || strlen(v->valuestring) != 3 ||
            strspn(v->valuestring, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3) {
            describe(v, got, sizeof got);
            err_at(L, v, 0, path, cJSON_IsString(v) ? MLROI_ERR_INVALID : MLROI_ERR_TYPE,
                   "expected a three-letter ISO 4217 code such as \"USD\", \"EUR\" or \"GBP\", got %s",
                   got);
            break;
        }
        memcpy(field, v->valuestring, 4);
        ok = 1;
        break;
    case MLROI_P_ENUM: {
        char want[160] = "";
        size_t n = 0;
        for (size_t i = 0; p->choices[i]; i++) {
            if (cJSON_IsString(v) && strcmp(v->valuestring, p->choices[i]) == 0) {
                *(int *)field = (int)i;
                ok = 1;
            }
            n += (size_t)snprintf(want + n, sizeof want - n, "%s\"%s\"", i ? ", " : "",
                                  p->choices[i]);
            if (n >= sizeof want)
                n = sizeof want - 1;
        }
        if (!ok) {
            suggest sg = {NULL, (size_t)-1, cJSON_IsString(v) ? v->valuestring : ""};
            describe(v, got, sizeof got);
            if (cJSON_IsString(v))
                for (size_t i = 0; p->choices[i]; i++)
                    suggest_try(&sg, p->choices[i]);
            if (sg.best)
                err_at(L, v, 0, path, cJSON_IsString(v) ? MLROI_ERR_INVALID : MLROI_ERR_TYPE,
                       "expected one of %s, got %s; did you mean \"%s\"?", want, got, sg.best);
            else
                err_at(L, v, 0, path, cJSON_IsString(v) ? MLROI_ERR_INVALID : MLROI_ERR_TYPE,
                       "expected one of %s, got %s", want, got);
        }
        break;
    }
    }
    /* Present, even when its value was refused (that error is reported already): a
     * required key must not also be called missing. */
    L->seen[idx] = 1;
    if (ok)
        L->s->sources[idx] = (unsigned char)source_of(L, v);
}

/* ---------- records in arrays ---------- */

/* cJSON_GetObjectItemCaseSensitive's answer (the first member of that name; none in an array,
 * whose items have no name), with a string compared only when its first byte matches: a line
 * asks for a dozen keys among a dozen members. */
static bool same_key(const char *a, const char *b)
{
    return a[0] == b[0] && strcmp(a, b) == 0;
}

static const cJSON *field(const cJSON *obj, const char *name)
{
    if (!obj || !name)
        return NULL;
    for (const cJSON *c = obj->child; c && c->string; c = c->next)
        if (same_key(c->string, name))
            return c;
    return NULL;
}

/* Check that every key of obj is one of fields; report the others. */
static void check_fields(loader *L, const cJSON *obj, const char *path,
                         const char *const *fields)
{
    const cJSON *c;
    char sub[160];
    cJSON_ArrayForEach(c, obj) {
        int known = same_key(c->string, "$comment");
        for (size_t i = 0; fields[i] && !known; i++)
            known = same_key(c->string, fields[i]);
        if (!known) {
            pathf(sub, sizeof sub, "%s.%s", path, c->string);
            unknown_field(L, c, sub, fields);
        }
    }
}

static int require_array(loader *L, const cJSON *v, const char *path, int allow_empty)
{
    char got[64];
    if (!cJSON_IsArray(v)) {
        describe(v, got, sizeof got);
        err_at(L, v, 0, path, MLROI_ERR_TYPE, "expected an array, got %s", got);
        return 0;
    }
    if (!allow_empty && cJSON_GetArraySize(v) == 0) {
        err_at(L, v, 0, path, MLROI_ERR_INVALID, "expected at least one entry");
        return 0;
    }
    if (cJSON_GetArraySize(v) > MAX_ITEMS) {
        err_at(L, v, 0, path, MLROI_ERR_LIMIT, "expected at most %d entries, got %d", MAX_ITEMS,
               cJSON_GetArraySize(v));
        return 0;
    }
    return 1;
}

static int require_object(loader *L, const cJSON *v, const char *path)
{
    char got[64];
    if (!cJSON_IsObject(v)) {
        describe(v, got, sizeof got);
        err_at(L, v, 0, path, MLROI_ERR_TYPE, "expected an object, got %s", got);
        return 0;
    }
    return 1;
}

/* A record's required string "name", unique among its siblings when unique != 0. */
static int record_name(loader *L, const cJSON *obj, const char *path, char **out)
{
    const cJSON *v = field(obj, "name");
    char sub[160];
    pathf(sub, sizeof sub, "%s.name", path);
    if (!v) {
        err_at(L, obj, 0, sub, MLROI_ERR_MISSING, "missing key \"name\"");
        return 0;
    }
    return get_string(L, v, sub, MAX_NAME, 0, 0, out);
}

static int record_number(loader *L, const cJSON *obj, const char *path, const char *key,
                         double min, double max, unsigned flags, int whole, int required,
                         double *out)
{
    const cJSON *v = field(obj, key);
    char sub[160];
    if (!v && !required)
        return 1;
    if (v && number_ok(v, min, max, flags, whole)) {   /* as get_number, without a path */
        *out = v->valuedouble + 0.0;
        return 1;
    }
    pathf(sub, sizeof sub, "%s.%s", path, key);
    if (!v) {
        err_at(L, obj, 0, sub, MLROI_ERR_MISSING, "missing key \"%s\"", key);
        return 0;
    }
    return get_number(L, v, sub, min, max, flags, whole, out);
}

static void load_ramp(loader *L, const cJSON *arr, const char *path)
{
    const cJSON *c;
    size_t i = 0;
    char sub[160];
    if (!require_array(L, arr, path, 0))
        return;
    if (cJSON_GetArraySize(arr) > MLROI_MAX_RAMP) {
        err_at(L, arr, 0, path, MLROI_ERR_LIMIT, "expected at most %d values, got %d",
               MLROI_MAX_RAMP, cJSON_GetArraySize(arr));
        return;
    }
    cJSON_ArrayForEach(c, arr) {
        pathf(sub, sizeof sub, "%s[%zu]", path, i);
        get_number(L, c, sub, 0, 10, 0, 0, &L->s->bc.benefit_ramp[i]);
        i++;
    }
    L->s->bc.ramp_count = i;
}

/* Allocate an array of n records of size sz, or report. */
static void *alloc_records(loader *L, const cJSON *at, const char *path, size_t n, size_t sz)
{
    void *p = n ? mlroi_huge_calloc(n, sz) : NULL;
    if (n && !p)
        err_at(L, at, 0, path, MLROI_ERR_NOMEM, "out of memory");
    return p;
}

/* Report a name used twice among the records of one array. */
/* Every entry whose name an earlier entry already has, reported in the entries' order against
 * the first entry of that name. The names go into a hash table as they come (open addressing,
 * FNV-1a), so a case of a thousand lines costs a thousand lookups rather than half a million
 * comparisons, and the table comes from the run's region (huge_alloc.h) rather than fresh
 * heap pages. */
static void check_unique_names(loader *L, const cJSON *arr, const char *path, const char *what)
{
    const cJSON *a;
    size_t n = 0, i = 0, slots = 4;
    struct slot { const char *name; size_t index; } *table;
    cJSON_ArrayForEach(a, arr) n++;
    if (n < 2)
        return;
    if (n > MAX_ITEMS + 1)
        n = MAX_ITEMS + 1;   /* the entries checked: enough to catch mistakes in huge files */
    while (slots < 2 * n)
        slots *= 2;
    table = mlroi_huge_alloc(slots * sizeof *table);
    if (!table) {
        err_at(L, arr, 0, path, MLROI_ERR_NOMEM, "out of memory");
        return;
    }
    memset(table, 0, slots * sizeof *table);
    cJSON_ArrayForEach(a, arr) {
        const cJSON *na = field(a, "name");
        if (i > MAX_ITEMS)
            break;
        if (cJSON_IsString(na)) {
            uint32_t h = 2166136261u;
            size_t k;
            for (const unsigned char *p = (const unsigned char *)na->valuestring; *p; p++)
                h = (h ^ *p) * 16777619u;
            for (k = h & (slots - 1); table[k].name; k = (k + 1) & (slots - 1))
                if (strcmp(table[k].name, na->valuestring) == 0)
                    break;
            if (!table[k].name) {
                table[k].name = na->valuestring;
                table[k].index = i;
            } else {
                char sub[160];
                pathf(sub, sizeof sub, "%s[%zu].name", path, i);
                err_at(L, na, 0, sub, MLROI_ERR_DUPLICATE, "%s \"%s\" is already defined at "
                       "%s[%zu]", what, na->valuestring, path, table[k].index);
            }
        }
        i++;
    }
    mlroi_huge_free(table);
}

/* A workload's catalog id must be known to the benchmarks or set under tco.catalog. */
static void check_instance(loader *L, const cJSON *inst, const char *path)
{
    const char *const *ids = L->opts ? L->opts->known_instances : NULL;
    const cJSON *cat = L->catalog;
    char list[256] = "";
    size_t n = 0;
    suggest sg = {NULL, (size_t)-1, inst->valuestring};
    if (!ids)
        return;
    if (cJSON_IsObject(cat) && cJSON_GetObjectItemCaseSensitive(cat, inst->valuestring))
        return;
    for (size_t i = 0; ids[i]; i++) {
        if (strcmp(ids[i], inst->valuestring) == 0)
            return;
        if (strncmp(ids[i], "storage.", 8) == 0)
            continue;   /* a storage rate is not an instance */
        suggest_try(&sg, ids[i]);
        n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", n ? ", " : "", ids[i]);
        if (n >= sizeof list)
            n = sizeof list - 1;
    }
    if (sg.best)
        err_at(L, inst, 0, path, MLROI_ERR_INVALID,
               "unknown catalog id \"%s\"; did you mean \"%s\"?", inst->valuestring, sg.best);
    else
        err_at(L, inst, 0, path, MLROI_ERR_INVALID,
               "unknown catalog id \"%s\": expected one of %s, or add it under tco.catalog",
               inst->valuestring, list);
}

/* A workload's "kind", and its price: a catalog "instance" or an "hourly_rate", not both. */
static void read_workload(loader *L, const cJSON *c, const char *sub, void *rec)
{
    mlroi_workload *w = rec;
    char key[176], got[64];
    const cJSON *kind = field(c, "kind"), *inst, *rate;
    pathf(key, sizeof key, "%s.kind", sub);
    if (!kind) {
        err_at(L, c, 0, key, MLROI_ERR_MISSING,
               "missing key \"kind\" (\"training\" or \"inference\")");
    } else if (cJSON_IsString(kind) && strcmp(kind->valuestring, "training") == 0) {
        w->kind = MLROI_WL_TRAINING;
    } else if (cJSON_IsString(kind) && strcmp(kind->valuestring, "inference") == 0) {
        w->kind = MLROI_WL_INFERENCE;
    } else {
        describe(kind, got, sizeof got);
        err_at(L, kind, 0, key, cJSON_IsString(kind) ? MLROI_ERR_INVALID : MLROI_ERR_TYPE,
               "expected \"training\" or \"inference\", got %s", got);
    }
    inst = field(c, "instance");
    rate = field(c, "hourly_rate");
    if (inst && rate) {
        pathf(key, sizeof key, "%s.hourly_rate", sub);
        err_at(L, rate, 1, key, MLROI_ERR_INVALID,
               "give either \"instance\" (a catalog id) or \"hourly_rate\", not both");
    } else if (inst) {
        pathf(key, sizeof key, "%s.instance", sub);
        if (get_string(L, inst, key, MAX_NAME, 0, 0, &w->instance))
            check_instance(L, inst, key);
    } else if (rate) {
        record_number(L, c, sub, "hourly_rate", 0, BIG_MONEY, 0, 0, 1, &w->hourly_rate);
    } else {
        pathf(key, sizeof key, "%s.instance", sub);
        err_at(L, c, 0, key, MLROI_ERR_MISSING,
               "missing key \"instance\" (a catalog id) or \"hourly_rate\"");
    }
}

/* A licence costs "annual" or "monthly", not both. */
static void read_license(loader *L, const cJSON *c, const char *sub, void *rec)
{
    mlroi_license *l = rec;
    char key[176];
    if (field(c, "annual") && field(c, "monthly")) {
        pathf(key, sizeof key, "%s.monthly", sub);
        err_at(L, field(c, "monthly"), 1, key, MLROI_ERR_INVALID,
               "give either \"annual\" or \"monthly\", not both");
    } else if (field(c, "monthly")) {
        record_number(L, c, sub, "monthly", 0, BIG_MONEY, 0, 0, 1, &l->monthly);
    } else if (field(c, "annual")) {
        record_number(L, c, sub, "annual", 0, BIG_MONEY, 0, 0, 1, &l->annual);
    } else {
        pathf(key, sizeof key, "%s.annual", sub);
        err_at(L, c, 0, key, MLROI_ERR_MISSING, "missing key \"annual\" or \"monthly\"");
    }
}

/* A number key of a record: where it is stored and what it accepts (see record_number). */
typedef struct number_key {
    const char *key;
    size_t off;
    double min, max;
    unsigned flags;
    int whole, required;
} number_key;

/* One kind of record in an array section: an object with a unique "name", maybe keys read by
 * its own function, then number keys. */
typedef struct record_kind {
    const char *what;                  /* in the message on a name given twice */
    const char *const *fields;         /* every key it may have, NULL-terminated */
    size_t size, name_off;
    const void *blank;                 /* each record before its keys are read; NULL: zeros */
    int allow_empty;                   /* may the array be empty */
    void (*read)(loader *L, const cJSON *obj, const char *path, void *rec);   /* or NULL */
    const number_key *numbers;         /* ends with a NULL key */
} record_kind;

static const char *const other_fields[] = {"name", "annual", "risk", NULL};
static const number_key other_numbers[] = {
    {"annual", offsetof(mlroi_other_benefit, annual), 0, BIG_MONEY, 0, 0, 1},
    {"risk", offsetof(mlroi_other_benefit, risk), 0, 1, MLROI_PF_MAX_EXCL, 0, 0},
    {NULL, 0, 0, 0, 0, 0, 0}
};
static const mlroi_other_benefit other_blank = {NULL, 0, NAN};
static const record_kind other_kind = {
    "benefit", other_fields, sizeof(mlroi_other_benefit), offsetof(mlroi_other_benefit, name),
    &other_blank, 1, NULL, other_numbers
};

static const char *const workload_fields[] = {"name", "kind", "instance", "hourly_rate",
                                               "instances", "hours_per_month", NULL};
static const number_key workload_numbers[] = {
    {"instances", offsetof(mlroi_workload, instances), 0, 1e6, 0, 1, 0},
    {"hours_per_month", offsetof(mlroi_workload, hours_per_month), 0, 744, 0, 0, 1},
    {NULL, 0, 0, 0, 0, 0, 0}
};
static const mlroi_workload workload_blank = {NULL, 0, NULL, NAN, 1, 0};
static const record_kind workload_kind = {
    "workload", workload_fields, sizeof(mlroi_workload), offsetof(mlroi_workload, name),
    &workload_blank, 1, read_workload, workload_numbers
};

static const char *const license_fields[] = {"name", "annual", "monthly", NULL};
static const mlroi_license license_blank = {NULL, NAN, NAN};
static const record_kind license_kind = {
    "licence", license_fields, sizeof(mlroi_license), offsetof(mlroi_license, name),
    &license_blank, 1, read_license, NULL
};

static const char *const one_time_fields[] = {"name", "amount", NULL};
static const number_key one_time_numbers[] = {
    {"amount", offsetof(mlroi_one_time, amount), 0, BIG_MONEY, 0, 0, 1},
    {NULL, 0, 0, 0, 0, 0, 0}
};
static const record_kind one_time_kind = {
    "cost", one_time_fields, sizeof(mlroi_one_time), offsetof(mlroi_one_time, name),
    NULL, 1, NULL, one_time_numbers
};

static const char *const unit_fields[] = {"name", "models", NULL};
static const number_key unit_numbers[] = {
    {"models", offsetof(mlroi_cb_unit, models), 0, MANY_ITEMS, 0, 0, 0},
    {NULL, 0, 0, 0, 0, 0, 0}
};
static const record_kind unit_kind = {
    "business unit", unit_fields, sizeof(mlroi_cb_unit), offsetof(mlroi_cb_unit, name),
    NULL, 0, NULL, unit_numbers
};

/* ---------- business-case lines ---------- */

/* The keys that give a line's amounts: exactly one of them (MODEL.md). */
static const char *const amount_keys[] = {"values", "annual", "amount", "from"};

/* "quick.deployment_savings" ... or -1, with a suggestion in *near. */
static int figure_of(const char *name, const char **near)
{
    suggest sg = {NULL, (size_t)-1, name};
    for (int f = 0; f < MLROI_FIG_COUNT; f++) {
        if (strcmp(mlroi_figure_names[f], name) == 0)
            return f;
        suggest_try(&sg, mlroi_figure_names[f]);
    }
    *near = sg.best;
    return -1;
}

static bool figure_is_cost(mlroi_figure f)
{
    return f == MLROI_FIG_INVESTMENT || f == MLROI_FIG_TEAM_ANNUAL ||
           f == MLROI_FIG_TCO_RECURRING || f == MLROI_FIG_TCO_ONE_TIME;
}

static void line_text(loader *L, const cJSON *c, const char *sub, const char *key, size_t max,
                      char **out)
{
    const cJSON *v = field(c, key);
    char path[176];
    if (!v)
        return;
    pathf(path, sizeof path, "%s.%s", sub, key);
    get_string(L, v, path, max, 1, 1, out);
}

/* A line's kind, its one way of giving amounts, the keys that go with that way, and its risk
 * (whose range depends on the kind). */
static void read_line(loader *L, const cJSON *c, const char *sub, void *rec)
{
    mlroi_bc_line *l = rec;
    const cJSON *kind = field(c, "kind"), *given = NULL, *v;
    const char *given_key = NULL;
    char key[176], got[64];
    bool yearly, kind_ok = false;

    if (!kind) {
        pathf(key, sizeof key, "%s.kind", sub);
        err_at(L, c, 0, key, MLROI_ERR_MISSING, "missing key \"kind\" (\"benefit\" or \"cost\")");
    } else if (cJSON_IsString(kind) && strcmp(kind->valuestring, "benefit") == 0) {
        l->kind = MLROI_LINE_BENEFIT;
        kind_ok = true;
    } else if (cJSON_IsString(kind) && strcmp(kind->valuestring, "cost") == 0) {
        l->kind = MLROI_LINE_COST;
        kind_ok = true;
    } else {
        pathf(key, sizeof key, "%s.kind", sub);
        describe(kind, got, sizeof got);
        err_at(L, kind, 0, key, cJSON_IsString(kind) ? MLROI_ERR_INVALID : MLROI_ERR_TYPE,
               "expected \"benefit\" or \"cost\", got %s", got);
    }
    line_text(L, c, sub, "category", MAX_NAME, &l->category);
    line_text(L, c, sub, "source", MAX_TEXT, &l->source);
    line_text(L, c, sub, "note", MAX_TEXT, &l->note);

    for (size_t i = 0; i < sizeof amount_keys / sizeof amount_keys[0]; i++) {
        const cJSON *a = field(c, amount_keys[i]);
        if (!a)
            continue;
        if (given) {
            pathf(key, sizeof key, "%s.%s", sub, amount_keys[i]);
            err_at(L, a, 1, key, MLROI_ERR_INVALID,
                   "give the line's amounts one way: \"%s\" or \"%s\", not both", given_key,
                   amount_keys[i]);
            return;
        }
        given = a;
        given_key = amount_keys[i];
    }
    if (!given) {
        pathf(key, sizeof key, "%s.annual", sub);
        err_at(L, c, 0, key, MLROI_ERR_MISSING,
               "missing the line's amounts: give one of \"values\", \"annual\", \"amount\" "
               "(with \"year\") or \"from\"");
        return;
    }
    pathf(key, sizeof key, "%s.%s", sub, given_key);
    if (strcmp(given_key, "values") == 0) {
        const cJSON *x;
        size_t i = 0;
        l->how = MLROI_LINE_VALUES;
        if (!require_array(L, given, key, 0))
            return;
        if (cJSON_GetArraySize(given) > MLROI_MAX_YEARS + 1) {
            err_at(L, given, 0, key, MLROI_ERR_LIMIT,
                   "expected at most %d values (years 0 to %d), got %d", MLROI_MAX_YEARS + 1,
                   MLROI_MAX_YEARS, cJSON_GetArraySize(given));
            return;
        }
        cJSON_ArrayForEach(x, given) {
            char item[192];
            /* A value in range needs no path: thousands of them would each format one. */
            if (cJSON_IsNumber(x) && isfinite(x->valuedouble) &&
                in_range(x->valuedouble, -BIG_MONEY, BIG_MONEY, 0)) {
                l->values[i++] = x->valuedouble + 0.0;   /* as get_number: -0 becomes 0 */
                continue;
            }
            pathf(item, sizeof item, "%s[%zu]", key, i);
            get_number(L, x, item, -BIG_MONEY, BIG_MONEY, 0, 0, &l->values[i]);
            i++;
        }
        l->value_count = i;
    } else if (strcmp(given_key, "annual") == 0 || strcmp(given_key, "amount") == 0) {
        l->how = given_key[1] == 'n' ? MLROI_LINE_ANNUAL : MLROI_LINE_AMOUNT;
        if (number_ok(given, -BIG_MONEY, BIG_MONEY, 0, 0))
            l->annual = given->valuedouble + 0.0;
        else
            get_number(L, given, key, -BIG_MONEY, BIG_MONEY, 0, 0, &l->annual);
    } else {
        const char *near = NULL;
        int f;
        l->how = MLROI_LINE_FROM;
        if (!cJSON_IsString(given)) {
            describe(given, got, sizeof got);
            err_at(L, given, 0, key, MLROI_ERR_TYPE,
                   "expected one of the engine's figures such as \"team.annual_cost\", got %s",
                   got);
            return;
        }
        f = figure_of(given->valuestring, &near);
        if (f < 0) {
            if (near)
                err_at(L, given, 0, key, MLROI_ERR_INVALID,
                       "unknown figure \"%s\"; did you mean \"%s\"?", given->valuestring, near);
            else
                err_at(L, given, 0, key, MLROI_ERR_INVALID,
                       "unknown figure \"%s\": expected quick.deployment_savings, "
                       "quick.incident_savings, quick.total_benefits, quick.investment, "
                       "team.annual_cost, tco.recurring or tco.one_time", given->valuestring);
            return;
        }
        l->from = (mlroi_figure)f;
        /* Against a refused kind the figure cannot be judged: one error is enough. */
        if (kind_ok && figure_is_cost(l->from) != (l->kind == MLROI_LINE_COST))
            err_at(L, given, 0, key, MLROI_ERR_INVALID, "%s is a %s figure: use it on a %s line",
                   given->valuestring, figure_is_cost(l->from) ? "cost" : "benefit",
                   figure_is_cost(l->from) ? "cost" : "benefit");
    }

    /* The keys that belong to one way only. */
    yearly = l->how == MLROI_LINE_ANNUAL ||
             (l->how == MLROI_LINE_FROM && l->from != MLROI_FIG_TCO_ONE_TIME);
    {
        static const char *const yearly_keys[] = {"start", "end", "ramp", "escalation"};
        for (size_t i = 0; i < sizeof yearly_keys / sizeof yearly_keys[0]; i++) {
            v = field(c, yearly_keys[i]);
            if (v && !yearly) {
                pathf(key, sizeof key, "%s.%s", sub, yearly_keys[i]);
                err_at(L, v, 1, key, MLROI_ERR_INVALID,
                       "\"%s\" applies to a yearly line (\"annual\" or a yearly \"from\"), "
                       "not to \"%s\"", yearly_keys[i], given_key);
            }
        }
        v = field(c, "year");
        if (v && yearly) {
            pathf(key, sizeof key, "%s.year", sub);
            err_at(L, v, 1, key, MLROI_ERR_INVALID,
                   "\"year\" applies to a one-time line (\"amount\" or \"from\": "
                   "\"tco.one_time\"), not to a yearly one: use \"start\" and \"end\"");
        } else if (v && l->how == MLROI_LINE_VALUES) {
            pathf(key, sizeof key, "%s.year", sub);
            err_at(L, v, 1, key, MLROI_ERR_INVALID,
                   "\"year\" applies to an \"amount\" line; \"values\" gives every year");
        }
    }
    record_number(L, c, sub, "year", 0, MLROI_MAX_YEARS, 0, 1, 0, &l->year);
    record_number(L, c, sub, "start", 0, MLROI_MAX_YEARS, 0, 1, 0, &l->start);
    record_number(L, c, sub, "end", 0, MLROI_MAX_YEARS, 0, 1, 0, &l->end);
    record_number(L, c, sub, "escalation", -1, 10, MLROI_PF_MIN_EXCL, 0, 0, &l->escalation);
    if (!isnan(l->end) && (isnan(l->start) ? 1 : l->start) > l->end) {
        pathf(key, sizeof key, "%s.%s", sub, isnan(l->start) ? "end" : "start");
        err_at(L, field(c, isnan(l->start) ? "end" : "start"), 0, key, MLROI_ERR_RANGE,
               "start (year %.0f%s) is after end (year %.0f)", isnan(l->start) ? 1 : l->start,
               isnan(l->start) ? ", the default" : "", l->end);
    }
    v = field(c, "ramp");
    if (v) {
        const cJSON *x;
        size_t i = 0;
        pathf(key, sizeof key, "%s.ramp", sub);
        if (require_array(L, v, key, 0)) {
            if (cJSON_GetArraySize(v) > MLROI_MAX_RAMP) {
                err_at(L, v, 0, key, MLROI_ERR_LIMIT, "expected at most %d values, got %d",
                       MLROI_MAX_RAMP, cJSON_GetArraySize(v));
            } else {
                cJSON_ArrayForEach(x, v) {
                    char item[192];
                    pathf(item, sizeof item, "%s[%zu]", key, i);
                    get_number(L, x, item, 0, 10, 0, 0, &l->ramp[i]);
                    i++;
                }
                l->ramp_count = i;
            }
        }
    }
    record_number(L, c, sub, "scale", 0, 1e6, 0, 0, 0, &l->scale);
    if (l->kind == MLROI_LINE_BENEFIT)
        record_number(L, c, sub, "risk", 0, 1, 0, 0, 0, &l->risk);
    else
        record_number(L, c, sub, "risk", 0, 10, 0, 0, 0, &l->risk);
}

static const char *const line_fields[] = {"name", "kind", "category", "source", "note",
                                           "values", "annual", "amount", "year", "from",
                                           "start", "end", "ramp", "escalation", "risk", "scale",
                                           NULL};
static const mlroi_bc_line line_blank = {
    .year = NAN, .start = NAN, .end = NAN, .risk = NAN, .annual = 0, .escalation = 0,
    .scale = 1
};
static const record_kind line_kind = {
    "line", line_fields, sizeof(mlroi_bc_line), offsetof(mlroi_bc_line, name),
    &line_blank, 0, read_line, NULL
};

/* "fx": { "USD": 0.92 } means 1 USD = 0.92 of the scenario's currency. */
static void load_fx(loader *L, const cJSON *obj, const char *path)
{
    const cJSON *c;
    if (!require_object(L, obj, path))
        return;
    cJSON_ArrayForEach(c, obj) {
        char sub[160];
        const char *k = c->string;
        if (strcmp(k, "$comment") == 0)
            continue;
        pathf(sub, sizeof sub, "%s.%s", path, k);
        if (strlen(k) != 3 || k[0] < 'A' || k[0] > 'Z' || k[1] < 'A' || k[1] > 'Z' ||
            k[2] < 'A' || k[2] > 'Z') {
            err_at(L, c, 1, sub, MLROI_ERR_INVALID,
                   "expected a currency code of three capital letters (ISO 4217) such as "
                   "\"USD\", got \"%.40s\"", k);
            continue;
        }
        /* The usual slip is a rate the wrong way round or zero: say what the rate means. */
        if (cJSON_IsNumber(c) && isfinite(c->valuedouble) && c->valuedouble <= 0) {
            err_at(L, c, 0, sub, MLROI_ERR_RANGE,
                   "expected a rate > 0, got %.15g: the value of 1 %s in the scenario's "
                   "currency, e.g. 0.92", c->valuedouble, k);
            continue;
        }
        if (L->s->fx_count >= MLROI_MAX_FX) {
            err_at(L, c, 1, sub, MLROI_ERR_LIMIT, "expected at most %d rates", MLROI_MAX_FX);
            return;
        }
        if (get_number(L, c, sub, 0, 1e9, MLROI_PF_MIN_EXCL, 0,
                       &L->s->fx[L->s->fx_count].rate)) {
            memcpy(L->s->fx[L->s->fx_count].code, k, 4);
            L->s->fx_count++;
        }
    }
}

/* Read an array of records of kind K: returns the records, NULL for an empty or refused
 * array. *count follows the records started, so that freeing the scenario frees every name. */
static void *load_records(loader *L, const cJSON *arr, const char *path, const record_kind *k,
                          size_t *count)
{
    const cJSON *c;
    size_t i = 0, n;
    char *recs;
    if (!require_array(L, arr, path, k->allow_empty))
        return NULL;
    n = (size_t)cJSON_GetArraySize(arr);
    recs = alloc_records(L, arr, path, n, k->size);
    if (n && !recs)
        return NULL;
    cJSON_ArrayForEach(c, arr) {
        char sub[160];
        char *rec = recs + i * k->size;
        pathf(sub, sizeof sub, "%s[%zu]", path, i);
        if (k->blank)
            memcpy(rec, k->blank, k->size);
        *count = ++i;
        if (!require_object(L, c, sub))
            continue;
        check_fields(L, c, sub, k->fields);
        record_name(L, c, sub, (char **)(rec + k->name_off));
        if (k->read)
            k->read(L, c, sub, rec);
        for (const number_key *f = k->numbers; f && f->key; f++)
            record_number(L, c, sub, f->key, f->min, f->max, f->flags, f->whole, f->required,
                          (double *)(rec + f->off));
    }
    check_unique_names(L, arr, path, k->what);
    return recs;
}

static void load_catalog(loader *L, const cJSON *obj, const char *path)
{
    const cJSON *c;
    size_t i = 0, n;
    mlroi_rate *r;
    if (!require_object(L, obj, path))
        return;
    n = (size_t)cJSON_GetArraySize(obj);
    if (n > MLROI_MAX_CATALOG) {
        err_at(L, obj, 0, path, MLROI_ERR_LIMIT, "expected at most %d rates, got %zu",
               MLROI_MAX_CATALOG, n);
        return;
    }
    r = alloc_records(L, obj, path, n, sizeof *r);
    if (n && !r)
        return;
    L->s->tco.catalog = r;
    cJSON_ArrayForEach(c, obj) {
        char sub[160];
        if (strcmp(c->string, "$comment") == 0)
            continue;
        pathf(sub, sizeof sub, "%s.%s", path, c->string);
        r[i].id = strdup(c->string);
        if (!r[i].id) {
            err_at(L, c, 1, sub, MLROI_ERR_NOMEM, "out of memory");
            return;
        }
        L->s->tco.catalog_count = i + 1;
        if (c->string[0] == '\0' || !valid_text(c->string, 0))
            err_at(L, c, 1, sub, MLROI_ERR_INVALID, "expected a catalog id such as \"gpu.inference\"");
        get_number(L, c, sub, 0, BIG_MONEY, 0, 0, &r[i].hourly_rate);
        i++;
    }
}

/* ---------- walking the tree ---------- */

static void walk_object(loader *L, const cJSON *obj, const char *path);

static void walk_member(loader *L, const cJSON *item, const char *section)
{
    char path[160];
    const mlroi_param *p;
    const container *ct;
    if (too_many(L))
        return;
    if (strcmp(item->string, "$comment") == 0)
        return;   /* free-text notes are allowed anywhere */
    if (section[0])
        pathf(path, sizeof path, "%s.%s", section, item->string);
    else
        pathf(path, sizeof path, "%s", item->string);
    if ((p = mlroi_param_find(path)) != NULL) {
        store_param(L, p, item, path);
        return;
    }
    ct = container_find(path);
    if (!ct) {
        unknown_key(L, item, section, path);
        return;
    }
    if (ct->present && (cJSON_IsObject(item) || ct->kind != C_OBJECT))
        *(bool *)((char *)L->s + ct->present) = true;
    switch (ct->kind) {
    case C_OBJECT:
        if (require_object(L, item, path))
            walk_object(L, item, path);
        break;
    case C_RAMP: load_ramp(L, item, path); break;
    case C_OTHER:
        L->s->bc.other_benefits = load_records(L, item, path, &other_kind, &L->s->bc.other_count);
        break;
    case C_WORKLOADS:
        L->s->tco.workloads = load_records(L, item, path, &workload_kind,
                                           &L->s->tco.workload_count);
        break;
    case C_LICENSES:
        L->s->tco.licenses = load_records(L, item, path, &license_kind, &L->s->tco.license_count);
        break;
    case C_ONETIME:
        L->s->tco.one_time = load_records(L, item, path, &one_time_kind,
                                          &L->s->tco.one_time_count);
        break;
    case C_CATALOG: load_catalog(L, item, path); break;
    case C_FX: load_fx(L, item, path); break;
    case C_LINES:
        L->s->bc.has_lines = true;
        L->s->bc.lines = load_records(L, item, path, &line_kind, &L->s->bc.line_count);
        if (!L->s->bc.lines)
            L->s->bc.line_count = 0;
        break;
    case C_UNITS:
        L->s->chargeback.units = load_records(L, item, path, &unit_kind,
                                              &L->s->chargeback.unit_count);
        break;
    case C_RAW: {
        char **dst = strcmp(path, "uncertainty") == 0 ? &L->s->uncertainty_json
                                                       : &L->s->analysis_json;
        if (require_object(L, item, path)) {
            char *text = cJSON_PrintUnformatted(item);
            if (!text) {
                err_at(L, item, 0, path, MLROI_ERR_NOMEM, "out of memory");
                break;
            }
            free(*dst);
            *dst = text;
        }
        break;
    }
    case C_IGNORED_STRING:
        get_string(L, item, path, 4096, 0, 0, NULL);
        break;
    }
}

static void walk_object(loader *L, const cJSON *obj, const char *path)
{
    const cJSON *c;
    cJSON_ArrayForEach(c, obj) walk_member(L, c, path);
}

/* After the walk, when the horizon is known: the lines against the horizon and the sections
 * their figures need, and the legacy keys that "lines" replaces. */
static void check_lines(loader *L, const cJSON *root)
{
    static const char *const legacy[] = {"initial_investment", "annual_cost", "costs_from",
                                         "other_benefits"};
    static const char *const hint[] = {
        "this cost as a cost line with \"amount\" and \"year\": 0",
        "this cost as a cost line with \"annual\"",
        "the TCO's costs as cost lines \"from\": \"tco.recurring\" and \"tco.one_time\"",
        "each other benefit as a benefit line with \"annual\""};
    const cJSON *bc = field(root, "business_case"), *arr = field(bc, "lines"), *c;
    const mlroi_bcase_inputs *in = &L->s->bc;
    int n = (int)in->horizon_years;
    size_t i = 0;
    char key[192];

    if (!in->has_lines || !cJSON_IsObject(bc))
        return;
    for (size_t k = 0; k < sizeof legacy / sizeof legacy[0]; k++) {
        const cJSON *v = field(bc, legacy[k]);
        if (!v)
            continue;
        pathf(key, sizeof key, "business_case.%s", legacy[k]);
        err_at(L, v, 1, key, MLROI_ERR_INVALID,
               "not with \"lines\": the lines are the whole case (one plan, said once), so "
               "give %s", hint[k]);
    }
    if (!cJSON_IsArray(arr) || !in->lines)
        return;
    cJSON_ArrayForEach(c, arr) {
        const mlroi_bc_line *l;
        const cJSON *v;
        if (i >= in->line_count || too_many(L))
            break;
        l = &in->lines[i];
        if (l->how == MLROI_LINE_VALUES && l->value_count > (size_t)n + 1 &&
            (v = field(c, "values")) != NULL) {
            pathf(key, sizeof key, "business_case.lines[%zu].values", i);
            err_at(L, v, 0, key, MLROI_ERR_RANGE,
                   "%zu values for a %d-year case: give at most %d (years 0 to %d)",
                   l->value_count, n, n + 1, n);
        }
        if (!isnan(l->year) && l->year > n && (v = field(c, "year")) != NULL) {
            pathf(key, sizeof key, "business_case.lines[%zu].year", i);
            err_at(L, v, 0, key, MLROI_ERR_RANGE,
                   "year %.0f is outside the case: expected a whole number from 0 to %d",
                   l->year, n);
        }
        /* A line that starts after the case ends would count nothing, whatever its end. */
        if (!isnan(l->start) && l->start > n && (v = field(c, "start")) != NULL) {
            pathf(key, sizeof key, "business_case.lines[%zu].start", i);
            err_at(L, v, 0, key, MLROI_ERR_RANGE,
                   "start (year %.0f) is after the case's last year (%d)", l->start, n);
        }
        /* Only a figure read_line accepted: an unknown one is reported there already. */
        if (l->how == MLROI_LINE_FROM && (v = field(c, "from")) != NULL && cJSON_IsString(v) &&
            strcmp(v->valuestring, mlroi_figure_names[l->from]) == 0) {
            const char *sec = mlroi_figure_section(l->from);
            bool has = strcmp(sec, "roi") == 0 ? L->s->has_roi
                       : strcmp(sec, "team") == 0 ? L->s->has_team : L->s->has_tco;
            pathf(key, sizeof key, "business_case.lines[%zu].from", i);
            if (!has)
                err_at(L, v, 0, key, MLROI_ERR_MISSING,
                       "%s needs the %s section, which the scenario does not have: add a %s "
                       "section, or give the line's amounts with \"annual\" or \"values\"",
                       mlroi_figure_names[l->from], sec, sec);
        }
        i++;
    }
}

/* After the walk: keys a present section requires, and sections that need each other. */
static void check_required(loader *L, const cJSON *root)
{
    size_t n;
    const mlroi_param *p = mlroi_params(&n);
    for (size_t i = 0; i < n; i++) {
        char sec[64];
        const cJSON *sv;
        if (!(p[i].flags & MLROI_PF_REQUIRED) || L->seen[i])
            continue;
        snprintf(sec, sizeof sec, "%.*s", (int)strcspn(p[i].path, "."), p[i].path);
        sv = field(root, sec);
        if (cJSON_IsObject(sv))
            err_at(L, sv, 1, p[i].path, MLROI_ERR_MISSING,
                   "missing key \"%s\": the %s section needs it", p[i].path + strlen(sec) + 1,
                   sec);
    }
    if (L->s->chargeback.units == NULL && L->s->has_chargeback) {
        const cJSON *cb = field(root, "chargeback");
        if (cJSON_IsObject(cb) && !field(cb, "units"))
            err_at(L, cb, 1, "chargeback.units", MLROI_ERR_MISSING,
                   "missing key \"units\": the chargeback needs at least one business unit");
    }
    if (L->s->has_chargeback && L->s->chargeback.basis == MLROI_CB_MODELS &&
        L->s->chargeback.unit_count > 0) {
        double total = 0;
        for (size_t i = 0; i < L->s->chargeback.unit_count; i++)
            total += L->s->chargeback.units[i].models;
        if (total <= 0) {
            const cJSON *units = field(field(root, "chargeback"), "units");
            err_at(L, units, 0, "chargeback.units", MLROI_ERR_INVALID,
                   "the units have 0 models in all: with basis \"models\" at least one unit "
                   "needs models (or use basis \"equal\")");
        }
    }
    if (L->s->bc.costs_from == MLROI_COSTS_TCO && !L->s->has_tco) {
        const cJSON *cf = field(field(root, "business_case"), "costs_from");
        err_at(L, cf, 0, "business_case.costs_from", MLROI_ERR_MISSING,
               "costs_from is \"tco\" but the scenario has no tco section");
    }
    check_lines(L, root);
    if (L->s->has_maturity) {
        for (int q = 0; q < MLROI_MATURITY_QUESTIONS; q++) {
            if (L->s->answers[q] == MLROI_UNANSWERED && !too_many(L)) {
                char path[96];
                const cJSON *m = field(root, "maturity");
                const json_pos_entry *e = json_pos_find(&L->pos, m);
                pathf(path, sizeof path, "maturity.answers.%s", mlroi_question_ids[q]);
                mlroi_diags_warn(L->d, e ? json_pos_file(&L->pos, e) : L->top_name,
                                 e ? e->key_line : 0, e ? e->key_col : 0, path,
                                 "unanswered: counted as NO");
            }
        }
    }
}

/* The Monte Carlo's own reading of `uncertainty` (montecarlo.c), its problems sent here so
 * they carry the file, line and column like every other key. */
static mlroi_error report_uncertainty(void *ctx, const cJSON *node, int key, const char *path,
                                      mlroi_error code, const char *msg)
{
    return err_at(ctx, node, key, path, code, "%s", msg);
}

/* After the walk, when every input it may name is known: `uncertainty` validated by the same
 * code that builds the Monte Carlo's config, so a scenario that loads always runs. */
static void check_uncertainty(loader *L, const cJSON *root)
{
    const cJSON *unc = field(root, "uncertainty");
    mlroi_mc_config *cfg = NULL;
    if (!L->s->has_uncertainty || !cJSON_IsObject(unc) || too_many(L))
        return;
    mlroi_mc_config_from_json(L->s, unc, report_uncertainty, L, &cfg, NULL);
    mlroi_mc_config_free(cfg);
}

/* ---------- reading files ---------- */

/* BASE: the target of an "extends", which must be a regular file: a FIFO, a device or
 * /dev/stdin named by a scenario would stall the run or read what the user never meant. */
static char *read_whole_file(const char *path, size_t limit, size_t *len, mlroi_error *err,
                             char *why, size_t why_size, bool base)
{
    FILE *f;
    struct stat st;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    *err = MLROI_ERR_IO;
    if (stat(path, &st) != 0) {
        snprintf(why, why_size, "cannot open: %s", strerror(errno));
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        snprintf(why, why_size, "is a directory, not a scenario file");
        return NULL;
    }
    if (base && !S_ISREG(st.st_mode)) {
        *err = MLROI_ERR_INVALID;
        snprintf(why, why_size, "is not a regular file: \"extends\" takes a scenario file");
        return NULL;
    }
    if (S_ISREG(st.st_mode) && (size_t)st.st_size > limit) {
        *err = MLROI_ERR_LIMIT;
        snprintf(why, why_size, "the file is %lld bytes; scenarios are limited to %zu bytes",
                 (long long)st.st_size, limit);
        return NULL;
    }
    if (base) {
        /* Opened without blocking and checked again: the name may have been swapped for a
         * FIFO since stat(). */
        int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
        if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
            close(fd);
            *err = MLROI_ERR_INVALID;
            snprintf(why, why_size, "is not a regular file: \"extends\" takes a scenario file");
            return NULL;
        }
        f = fd >= 0 ? fdopen(fd, "rb") : NULL;
        if (fd >= 0 && !f)
            close(fd);
    } else {
        f = fopen(path, "rb");
    }
    if (!f) {
        snprintf(why, why_size, "cannot open: %s", strerror(errno));
        return NULL;
    }
    for (;;) {
        size_t got;
        if (n + 4096 + 1 > cap) {
            /* A regular file's size is known: one buffer, from the run's huge page region
             * (huge_alloc.h) while it has room, read to the end without growing. */
            size_t ncap = cap ? cap * 2
                        : S_ISREG(st.st_mode) && (size_t)st.st_size < limit
                            ? (size_t)st.st_size + 4096 + 2 : 8192;
            char *nb = mlroi_huge_alloc(ncap);
            if (!nb) {
                *err = MLROI_ERR_NOMEM;
                snprintf(why, why_size, "out of memory");
                goto fail;
            }
            if (n)
                memcpy(nb, buf, n);
            mlroi_huge_free(buf);
            buf = nb;
            cap = ncap;
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (n > limit) {
            *err = MLROI_ERR_LIMIT;
            snprintf(why, why_size, "the file is over %zu bytes, the limit for a scenario", limit);
            goto fail;
        }
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        snprintf(why, why_size, "read error: %s", strerror(errno));
        goto fail;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    *err = MLROI_OK;
    return buf;
fail:
    fclose(f);
    mlroi_huge_free(buf);
    return NULL;
}

/* Path of `ref` relative to the folder of `from`. */
static char *relative_to(const char *from, const char *ref)
{
    const char *slash = strrchr(from, '/');
    size_t dir = slash ? (size_t)(slash - from) + 1 : 0;
    char *out;
    if (ref[0] == '/' || dir == 0)
        return strdup(ref);
    out = malloc(dir + strlen(ref) + 1);
    if (!out)
        return NULL;
    memcpy(out, from, dir);
    strcpy(out + dir, ref);
    return out;
}

/* Deep-merge over into base: objects merge, everything else replaces. Consumes over. */
static void merge_into(cJSON *base, cJSON *over)
{
    while (over->child) {
        cJSON *c = cJSON_DetachItemViaPointer(over, over->child);
        cJSON *b = cJSON_GetObjectItemCaseSensitive(base, c->string);
        if (b && cJSON_IsObject(b) && cJSON_IsObject(c)) {
            merge_into(b, c);
            cJSON_Delete(c);
        } else if (b) {
            cJSON_ReplaceItemViaPointer(base, b, c);
        } else {
            cJSON_AddItemToObject(base, c->string, c);
            /* AddItemToObject copied the key; the detached item kept its own. */
        }
    }
}

/* A base that is not a scenario (any file "extends" may name) is called that at FROM, the
 * "extends" that named it; the message says where, never what the file holds. */
static mlroi_error not_a_scenario(loader *L, const cJSON *from, const char *name, int line,
                                  int col, const char *what)
{
    return err_at(L, from, 0, "extends", MLROI_ERR_INVALID,
                  "%s: not a scenario file (%s at line %d, column %d)", name, what, line, col);
}

/* Every top-level key of a base must be one a scenario defines. */
static const cJSON *foreign_key(const cJSON *root)
{
    for (const cJSON *c = root->child; c; c = c->next)
        if (strcmp(c->string, "$comment") != 0 && !mlroi_param_find(c->string) &&
            !container_find(c->string))
            return c;
    return NULL;
}

/* Load text (already read) and every base it extends; *out gets the merged tree. FROM is the
 * "extends" that named this file (NULL for the scenario itself). */
static mlroi_error load_tree(loader *L, const char *name, const char *text, size_t len,
                             int depth, char **chain, const cJSON *from, cJSON **out)
{
    cJSON *root = NULL, *ext, *base = NULL;
    mlroi_error e;
    *out = NULL;
    if (from) {
        /* The parser's messages quote the text: keep them for the scenario's own files. */
        mlroi_diags quiet = {0};
        const mlroi_diag *d;
        e = json_pos_parse(&L->pos, name, text, len, MLROI_MAX_DEPTH, &root, &quiet);
        d = mlroi_diags_first_error(&quiet);
        if (e != MLROI_OK)
            e = e == MLROI_ERR_NOMEM ? err_at(L, from, 0, "extends", e, "out of memory")
                                     : not_a_scenario(L, from, name, d ? d->line : 1,
                                                      d ? d->column : 1, "not valid JSON");
        mlroi_diags_free(&quiet);
        if (e == MLROI_OK && !cJSON_IsObject(root)) {
            e = not_a_scenario(L, from, name, 1, 1, "not a JSON object");
        } else if (e == MLROI_OK && foreign_key(root)) {
            const json_pos_entry *pe = json_pos_find(&L->pos, foreign_key(root));
            e = not_a_scenario(L, from, name, pe ? pe->key_line : 1, pe ? pe->key_col : 1,
                               "a key no scenario defines");
        }
        if (e != MLROI_OK) {
            cJSON_Delete(root);
            return e;
        }
    } else {
        e = json_pos_parse(&L->pos, name, text, len, MLROI_MAX_DEPTH, &root, L->d);
    }
    if (e != MLROI_OK) {
        if (L->first == MLROI_OK)
            L->first = e;
        return e;
    }
    if (!cJSON_IsObject(root)) {
        char got[64];
        describe(root, got, sizeof got);
        e = err_at(L, root, 0, "", MLROI_ERR_TYPE, "expected a JSON object at the top, got %s",
                   got);
        cJSON_Delete(root);
        return e;
    }
    ext = cJSON_GetObjectItemCaseSensitive(root, "extends");
    if (ext) {
        char *bpath, *btext = NULL, why[256];
        size_t blen = 0;
        mlroi_error re = MLROI_OK;
        if (!cJSON_IsString(ext) || !ext->valuestring[0]) {
            char got[64];
            describe(ext, got, sizeof got);
            e = err_at(L, ext, 0, "extends", MLROI_ERR_TYPE,
                       "expected the path of a base scenario, got %s", got);
            cJSON_Delete(root);
            return e;
        }
        if (depth + 1 >= MLROI_MAX_EXTENDS) {
            e = err_at(L, ext, 0, "extends", MLROI_ERR_LIMIT,
                       "\"extends\" chain longer than %d files", MLROI_MAX_EXTENDS);
            cJSON_Delete(root);
            return e;
        }
        bpath = relative_to(name, ext->valuestring);
        if (!bpath) {
            cJSON_Delete(root);
            return err_at(L, ext, 0, "extends", MLROI_ERR_NOMEM, "out of memory");
        }
        for (int i = 0; i <= depth; i++) {
            if (strcmp(chain[i], bpath) == 0) {
                e = err_at(L, ext, 0, "extends", MLROI_ERR_INVALID,
                           "\"extends\" cycle: %s is already being loaded", bpath);
                free(bpath);
                cJSON_Delete(root);
                return e;
            }
        }
        if (L->opts && L->opts->allow_path &&
            !L->opts->allow_path(L->opts->allow_ctx, bpath, why, sizeof why)) {
            e = err_at(L, ext, 0, "extends", MLROI_ERR_INVALID, "%s: %s", bpath, why);
            free(bpath);
            cJSON_Delete(root);
            return e;
        }
        if (L->opts && L->opts->read_file) {
            btext = L->opts->read_file(L->opts->read_ctx, bpath, &blen, &re);
            snprintf(why, sizeof why, "cannot read the base scenario");
        } else {
            size_t limit = L->opts && L->opts->max_file_size ? L->opts->max_file_size
                                                              : MLROI_MAX_FILE_SIZE;
            btext = read_whole_file(bpath, limit, &blen, &re, why, sizeof why, true);
        }
        if (!btext) {
            e = err_at(L, ext, 0, "extends", re == MLROI_OK ? MLROI_ERR_IO : re, "%s: %s", bpath,
                       why);
            free(bpath);
            cJSON_Delete(root);
            return e;
        }
        chain[depth + 1] = bpath;
        e = load_tree(L, bpath, btext, blen, depth + 1, chain, ext, &base);
        chain[depth + 1] = NULL;
        mlroi_huge_free(btext);   /* read_whole_file's, or the read_file callback's */
        free(bpath);
        if (e != MLROI_OK) {
            cJSON_Delete(root);
            return e;
        }
        cJSON_DeleteItemFromObjectCaseSensitive(root, "extends");
        cJSON_DeleteItemFromObjectCaseSensitive(base, "extends");
        merge_into(base, root);
        cJSON_Delete(root);
        root = base;
    }
    *out = root;
    return MLROI_OK;
}

/* ---------- --set overrides ---------- */

/* Turn the text after '=' into a JSON value: JSON when it parses as one, else a string. */
static cJSON *override_value(const char *text)
{
    cJSON *v = NULL;
    const char *end = NULL;
    if (text[0])
        v = cJSON_ParseWithOpts(text, &end, 1);
    if (v)
        return v;
    return cJSON_CreateString(text);
}

/* Apply one override to root. Path components are split on '.', with [n] for array
 * indexes; at each object the longest dotted run of components naming an existing key wins,
 * so ids that contain dots ("tco.catalog.gpu.a100.training") still work. */
static mlroi_error apply_override(loader *L, cJSON *root, const mlroi_override *o)
{
    char *path = strdup(o->path), *comp[32];
    int n = 0, idx[32];
    cJSON *cur = root, *v;
    mlroi_error e = MLROI_OK;
    char label[200];
    snprintf(label, sizeof label, "--set %s", o->path);
    /* Bases are read before the overrides: an "extends" set here would be dropped unread. */
    if (strcmp(o->path, "extends") == 0) {
        free(path);
        return mlroi_diags_add(L->d, MLROI_ERR_INVALID, "--set", 0, 0, "extends",
                               "a base scenario cannot be set from the command line: write "
                               "\"extends\" in the scenario file");
    }
    if (!path)
        return mlroi_diags_add(L->d, MLROI_ERR_NOMEM, "--set", 0, 0, o->path, "out of memory");
    /* Split "a.b[2].c" into a, b, [2], c. */
    for (char *p = path; *p && e == MLROI_OK;) {
        if (n >= 31) {
            e = MLROI_ERR_INVALID;
            break;
        }
        if (*p != '[') {
            comp[n] = p;
            idx[n++] = -1;
            p += strcspn(p, ".[");
            if (*p == '.') {
                *p++ = '\0';
                if (!*p)
                    e = MLROI_ERR_INVALID;
                continue;
            }
            if (*p != '[')
                continue;
            *p = '\0';   /* cut the name; the index follows */
        }
        {
            char *close = strchr(p + 1, ']'), *endnum;
            long k;
            if (!close) {
                e = MLROI_ERR_INVALID;
                break;
            }
            *close = '\0';
            k = strtol(p + 1, &endnum, 10);
            if (endnum != p + 1 && !*endnum && p[1] >= '0' && p[1] <= '9') {
                if (k > MAX_ITEMS) {
                    e = MLROI_ERR_INVALID;
                    break;
                }
                comp[n] = NULL;
                idx[n++] = (int)k;
            } else if (p[1]) {
                comp[n] = p + 1;   /* [NAME]: the entry whose "name" is NAME */
                idx[n++] = -2;
            } else {
                e = MLROI_ERR_INVALID;
                break;
            }
            p = close + 1;
            if (*p == '.') {
                p++;
                if (!*p)
                    e = MLROI_ERR_INVALID;
            } else if (*p && *p != '[') {
                e = MLROI_ERR_INVALID;
            }
        }
    }
    if (e != MLROI_OK || n == 0 || idx[0] != -1 || !comp[0][0]) {
        free(path);
        if (L->first == MLROI_OK)
            L->first = MLROI_ERR_INVALID;
        return mlroi_diags_add(L->d, MLROI_ERR_INVALID, "--set", 0, 0, o->path,
                               "expected PATH=VALUE with a path such as roi.team_size or "
                               "tco.workloads[0].hours_per_month");
    }
    /* cJSON would cut the string at the NUL: "Approved\u0000 -- NOT approved" -> "Approved". */
    if (json_pos_has_nul_escape(o->value, strlen(o->value))) {
        free(path);
        if (L->first == MLROI_OK)
            L->first = MLROI_ERR_SYNTAX;
        return mlroi_diags_add(L->d, MLROI_ERR_SYNTAX, "--set", 0, 0, o->path,
                               "the value holds \\u0000 (a NUL character), which is not allowed");
    }
    v = override_value(o->value);
    if (!v) {
        free(path);
        return mlroi_diags_add(L->d, MLROI_ERR_NOMEM, "--set", 0, 0, o->path, "out of memory");
    }
    for (int i = 0; i < n; i++) {
        int last = 0;
        cJSON *next = NULL;
        char key[256];
        if (idx[i] != -1) {
            if (!cJSON_IsArray(cur)) {
                e = MLROI_ERR_TYPE;
                if (idx[i] == -2)
                    mlroi_diags_add(L->d, e, "--set", 0, 0, o->path, "[%s] names an entry of "
                                    "something that is not an array", comp[i]);
                else
                    mlroi_diags_add(L->d, e, "--set", 0, 0, o->path, "[%d] indexes something "
                                    "that is not an array", idx[i]);
                break;
            }
            if (idx[i] == -2) {
                const cJSON *it;
                next = NULL;
                cJSON_ArrayForEach(it, cur) {
                    const cJSON *nm = cJSON_GetObjectItemCaseSensitive(it, "name");
                    if (cJSON_IsString(nm) && strcmp(nm->valuestring, comp[i]) == 0) {
                        next = (cJSON *)it;
                        break;
                    }
                }
                if (!next) {
                    e = MLROI_ERR_UNKNOWN_KEY;
                    mlroi_diags_add(L->d, e, "--set", 0, 0, o->path,
                                    "no entry is named \"%s\"", comp[i]);
                    break;
                }
            } else {
                next = cJSON_GetArrayItem(cur, idx[i]);
            }
            if (!next) {
                e = MLROI_ERR_RANGE;
                mlroi_diags_add(L->d, e, "--set", 0, 0, o->path,
                                "index %d is past the end: the array has %d entries", idx[i],
                                cJSON_GetArraySize(cur));
                break;
            }
            if (i == n - 1) {
                cJSON_ReplaceItemViaPointer(cur, next, v);
                json_pos_mark_override(&L->pos, v);
                v = NULL;
                break;
            }
            cur = next;
            continue;
        }
        if (!cJSON_IsObject(cur)) {
            e = MLROI_ERR_TYPE;
            mlroi_diags_add(L->d, e, "--set", 0, 0, o->path, "\"%s\" is inside a value that is "
                            "not an object", comp[i]);
            break;
        }
        /* Longest run of dotted components that names an existing key. */
        pathf(key, sizeof key, "%s", comp[i]);
        last = i;
        {
            char run[256];
            snprintf(run, sizeof run, "%s", comp[i]);
            for (int j = i + 1; j < n && comp[j]; j++) {
                size_t rl = strlen(run);
                snprintf(run + rl, sizeof run - rl, ".%s", comp[j]);
                if (cJSON_GetObjectItemCaseSensitive(cur, run)) {
                    pathf(key, sizeof key, "%s", run);
                    last = j;
                }
            }
        }
        i = last;
        next = cJSON_GetObjectItemCaseSensitive(cur, key);
        if (i == n - 1) {
            if (cJSON_IsNull(v)) {
                /* null removes the key: its default comes back */
                cJSON_DeleteItemFromObjectCaseSensitive(cur, key);
            } else if (next) {
                /* ReplaceItemInObject gives the new value its key (ViaPointer would not). */
                cJSON_ReplaceItemInObjectCaseSensitive(cur, key, v);
                json_pos_mark_override(&L->pos, v);
                v = NULL;
            } else {
                cJSON_AddItemToObject(cur, key, v);
                json_pos_mark_override(&L->pos, v);
                v = NULL;
            }
            break;
        }
        if (!next) {
            next = cJSON_AddObjectToObject(cur, key);
            if (!next) {
                e = MLROI_ERR_NOMEM;
                mlroi_diags_add(L->d, e, "--set", 0, 0, o->path, "out of memory");
                break;
            }
            json_pos_mark_override(&L->pos, next);
        }
        cur = next;
    }
    cJSON_Delete(v);
    free(path);
    if (e != MLROI_OK && L->first == MLROI_OK)
        L->first = e;
    return e;
}

/* ---------- entry points ---------- */

static mlroi_error load_common(const char *name, const char *text, size_t len,
                               const mlroi_load_options *opts, mlroi_scenario **out,
                               mlroi_diags *diags)
{
    loader L;
    cJSON *root = NULL;
    char *chain[MLROI_MAX_EXTENDS + 1] = {0};
    size_t n;
    mlroi_diags scratch = {0};
    mlroi_params(&n);
    *out = NULL;
    memset(&L, 0, sizeof L);
    L.d = diags ? diags : &scratch;
    L.opts = opts;
    L.top_name = name;
    L.s = mlroi_scenario_new();
    L.seen = calloc(n, 1);
    if (!L.s || !L.seen) {
        L.first = mlroi_diags_add(L.d, MLROI_ERR_NOMEM, name, 0, 0, "", "out of memory");
        goto done;
    }
    free(L.s->file);
    L.s->file = strdup(name);
    if (!L.s->file) {
        L.first = mlroi_diags_add(L.d, MLROI_ERR_NOMEM, name, 0, 0, "", "out of memory");
        goto done;
    }
    mlroi_sha256(text, len, L.s->sha256);
    chain[0] = (char *)name;
    if (load_tree(&L, name, text, len, 0, chain, NULL, &root) != MLROI_OK)
        goto done;
    for (size_t i = 0; opts && i < opts->override_count; i++)
        apply_override(&L, root, &opts->overrides[i]);
    L.catalog = field(field(root, "tco"), "catalog");
    walk_object(&L, root, "");
    check_required(&L, root);
    check_uncertainty(&L, root);
done:
    cJSON_Delete(root);
    json_pos_free(&L.pos);
    free(L.seen);
    if (L.first == MLROI_OK && mlroi_diags_errors(L.d) == 0) {
        *out = L.s;
    } else {
        if (L.first == MLROI_OK)
            L.first = MLROI_ERR_INVALID;
        mlroi_scenario_free(L.s);
    }
    mlroi_diags_free(&scratch);
    return L.first;
}

mlroi_error mlroi_scenario_load_text(const char *name, const char *text, size_t len,
                                     const mlroi_load_options *opts, mlroi_scenario **out,
                                     mlroi_diags *diags)
{
    /* The parser needs a terminating NUL; the caller's buffer may not have one. */
    char *copy = malloc(len + 1);
    mlroi_error e;
    *out = NULL;
    if (!copy)
        return mlroi_diags_add(diags, MLROI_ERR_NOMEM, name ? name : "", 0, 0, "",
                               "out of memory");
    memcpy(copy, text, len);
    copy[len] = '\0';
    e = load_common(name ? name : "", copy, len, opts, out, diags);
    free(copy);
    return e;
}

mlroi_error mlroi_scenario_load(const char *file, const mlroi_load_options *opts,
                                mlroi_scenario **out, mlroi_diags *diags)
{
    size_t len = 0, limit = opts && opts->max_file_size ? opts->max_file_size
                                                         : MLROI_MAX_FILE_SIZE;
    mlroi_error e;
    char why[256];
    char *text = read_whole_file(file, limit, &len, &e, why, sizeof why, false);
    *out = NULL;
    if (!text)
        return mlroi_diags_add(diags, e, file, 0, 0, "", "%s", why);
    e = load_common(file, text, len, opts, out, diags);
    mlroi_huge_free(text);
    return e;
}

/* ---------- bindings for sweeps and Monte Carlo ---------- */

static mlroi_error bind_fail(mlroi_diags *d, const char *path, mlroi_error e, const char *what)
{
    return mlroi_diags_add(d, e, "", 0, 0, path, "%s", what);
}

/* Parse "<prefix>[<i>].<key>" (or "<prefix>[<i>]" when key is NULL). */
static int parse_indexed(const char *path, const char *prefix, size_t *i, const char **rest)
{
    size_t n = strlen(prefix);
    char *end;
    unsigned long k;
    if (strncmp(path, prefix, n) != 0 || path[n] != '[')
        return 0;
    k = strtoul(path + n + 1, &end, 10);
    if (end == path + n + 1 || *end != ']')
        return 0;
    *i = k;
    *rest = end[1] == '.' ? end + 2 : end + 1;
    return 1;
}

/* "business_case.lines[NAME or INDEX].KEY": a line's amount, risk, timing or one of its
 * values or ramp steps. A risk left to its default is written into the line as that default,
 * so that moving it starts from the figure the case uses. */
static mlroi_error bind_line(mlroi_scenario *s, const char *path, mlroi_binding *out,
                             mlroi_diags *diags)
{
    const char *open = path + 19, *close = strchr(open, ']'), *rest;
    char name[MAX_NAME + 1], *end;
    size_t len, idx = 0;
    long found = -1;
    mlroi_bc_line *l;

    if (!close || (close[1] != '.' && close[1] != '\0'))
        return bind_fail(diags, path, MLROI_ERR_UNKNOWN_KEY,
                         "expected business_case.lines[NAME or INDEX].KEY");
    len = (size_t)(close - open - 1);
    if (len > MAX_NAME)
        len = MAX_NAME;
    memcpy(name, open + 1, len);
    name[len] = '\0';
    if (len > 0) {
        unsigned long k = strtoul(name, &end, 10);
        if (*end == '\0' && name[0] >= '0' && name[0] <= '9')
            found = k < s->bc.line_count ? (long)k : -1, idx = k;
        else
            found = mlroi_scenario_line_find(s, name);
    }
    if (!s->bc.has_lines)
        return bind_fail(diags, path, MLROI_ERR_UNKNOWN_KEY,
                         "the scenario has no business_case.lines (its case uses the legacy "
                         "keys)");
    if (found < 0) {
        char list[256] = "";
        size_t n = 0;
        for (size_t k = 0; k < s->bc.line_count && n < sizeof list; k++)
            n += (size_t)snprintf(list + n, sizeof list - n, "%s\"%s\"", k ? ", " : "",
                                  s->bc.lines[k].name);
        (void)idx;
        return mlroi_diags_add(diags, MLROI_ERR_UNKNOWN_KEY, "", 0, 0, path,
                               "the case has no line [%s]; its lines are %s", name, list);
    }
    l = &s->bc.lines[found];
    rest = close[1] == '.' ? close + 2 : close + 1;
    out->flags = 0;
    out->min = -BIG_MONEY;
    out->max = BIG_MONEY;
    if ((strcmp(rest, "annual") == 0 && l->how == MLROI_LINE_ANNUAL) ||
        (strcmp(rest, "amount") == 0 && l->how == MLROI_LINE_AMOUNT)) {
        out->value = &l->annual;
        out->flags = MLROI_PF_MONEY;
        return MLROI_OK;
    }
    if (strcmp(rest, "risk") == 0) {
        if (isnan(l->risk))
            l->risk = l->kind == MLROI_LINE_BENEFIT ? s->bc.benefit_risk : s->bc.cost_risk;
        out->value = &l->risk;
        out->min = 0;
        out->max = l->kind == MLROI_LINE_BENEFIT ? 1 : 10;
        return MLROI_OK;
    }
    if (strcmp(rest, "scale") == 0) {
        out->value = &l->scale;
        out->min = 0;
        out->max = 1e6;
        return MLROI_OK;
    }
    if (strcmp(rest, "escalation") == 0 && l->how != MLROI_LINE_VALUES &&
        l->how != MLROI_LINE_AMOUNT) {
        out->value = &l->escalation;
        out->min = -1;
        out->max = 10;
        out->flags = MLROI_PF_MIN_EXCL;
        return MLROI_OK;
    }
    if (strncmp(rest, "values[", 7) == 0 && l->how == MLROI_LINE_VALUES) {
        unsigned long k = strtoul(rest + 7, &end, 10);
        if (end != rest + 7 && strcmp(end, "]") == 0 && k < l->value_count) {
            out->value = &l->values[k];
            out->flags = MLROI_PF_MONEY;
            return MLROI_OK;
        }
    }
    if (strncmp(rest, "ramp[", 5) == 0 && l->ramp_count > 0) {
        unsigned long k = strtoul(rest + 5, &end, 10);
        if (end != rest + 5 && strcmp(end, "]") == 0 && k < l->ramp_count) {
            out->value = &l->ramp[k];
            out->min = 0;
            out->max = 10;
            return MLROI_OK;
        }
    }
    return mlroi_diags_add(diags, MLROI_ERR_UNKNOWN_KEY, "", 0, 0, path,
                           "not a numeric input of line \"%s\": it has %s, risk, scale%s",
                           l->name, l->how == MLROI_LINE_ANNUAL ? "annual"
                           : l->how == MLROI_LINE_AMOUNT ? "amount"
                           : l->how == MLROI_LINE_VALUES ? "values[0..]" : "from (not numeric)",
                           l->how == MLROI_LINE_ANNUAL || l->how == MLROI_LINE_FROM
                           ? ", escalation" : "");
}

mlroi_error mlroi_binding_resolve(mlroi_scenario *s, const char *path, mlroi_binding *out,
                                  mlroi_diags *diags)
{
    const mlroi_param *p = mlroi_param_find(path);
    size_t i;
    const char *rest;
    memset(out, 0, sizeof *out);
    snprintf(out->path, sizeof out->path, "%s", path);
    out->min = 0;
    out->max = BIG_MONEY;
    if (p) {
        if (p->type != MLROI_P_NUMBER && p->type != MLROI_P_COUNT && p->type != MLROI_P_FRACTION)
            return bind_fail(diags, path, MLROI_ERR_TYPE, "is not a numeric input");
        out->value = (double *)((char *)s + p->offset);
        out->min = p->min;
        out->max = p->max;
        out->flags = p->flags;
        out->whole = p->type == MLROI_P_COUNT;
        return MLROI_OK;
    }
    if (parse_indexed(path, "business_case.benefit_ramp", &i, &rest) && !*rest) {
        if (i >= s->bc.ramp_count)
            return bind_fail(diags, path, MLROI_ERR_UNKNOWN_KEY,
                             "the scenario's benefit_ramp has no such entry");
        out->value = &s->bc.benefit_ramp[i];
        out->max = 10;
        return MLROI_OK;
    }
    if (parse_indexed(path, "business_case.other_benefits", &i, &rest)) {
        if (i >= s->bc.other_count)
            return bind_fail(diags, path, MLROI_ERR_UNKNOWN_KEY,
                             "the scenario has no such other_benefits entry");
        if (strcmp(rest, "annual") == 0) {
            out->value = &s->bc.other_benefits[i].annual;
            out->flags = MLROI_PF_MONEY;
            return MLROI_OK;
        }
        if (strcmp(rest, "risk") == 0) {
            out->value = &s->bc.other_benefits[i].risk;
            out->max = 1;
            out->flags = MLROI_PF_MAX_EXCL;
            return MLROI_OK;
        }
    }
    if (strncmp(path, "business_case.lines[", 20) == 0)
        return bind_line(s, path, out, diags);
    if (parse_indexed(path, "tco.workloads", &i, &rest)) {
        mlroi_workload *w;
        if (i >= s->tco.workload_count)
            return bind_fail(diags, path, MLROI_ERR_UNKNOWN_KEY, "the scenario has no such workload");
        w = &s->tco.workloads[i];
        if (strcmp(rest, "hours_per_month") == 0) {
            out->value = &w->hours_per_month;
            out->max = 744;
            return MLROI_OK;
        }
        if (strcmp(rest, "instances") == 0) {
            out->value = &w->instances;
            out->max = 1e6;
            out->whole = true;
            return MLROI_OK;
        }
        if (strcmp(rest, "hourly_rate") == 0 && !isnan(w->hourly_rate)) {
            out->value = &w->hourly_rate;
            out->flags = MLROI_PF_MONEY;
            return MLROI_OK;
        }
    }
    if (parse_indexed(path, "tco.licenses", &i, &rest)) {
        if (i >= s->tco.license_count)
            return bind_fail(diags, path, MLROI_ERR_UNKNOWN_KEY, "the scenario has no such licence");
        if (strcmp(rest, "annual") == 0 && !isnan(s->tco.licenses[i].annual)) {
            out->value = &s->tco.licenses[i].annual;
            out->flags = MLROI_PF_MONEY;
            return MLROI_OK;
        }
        if (strcmp(rest, "monthly") == 0 && !isnan(s->tco.licenses[i].monthly)) {
            out->value = &s->tco.licenses[i].monthly;
            out->flags = MLROI_PF_MONEY;
            return MLROI_OK;
        }
    }
    if (parse_indexed(path, "tco.one_time", &i, &rest) && strcmp(rest, "amount") == 0) {
        if (i >= s->tco.one_time_count)
            return bind_fail(diags, path, MLROI_ERR_UNKNOWN_KEY,
                             "the scenario has no such one-time cost");
        out->value = &s->tco.one_time[i].amount;
        out->flags = MLROI_PF_MONEY;
        return MLROI_OK;
    }
    if (parse_indexed(path, "chargeback.units", &i, &rest) && strcmp(rest, "models") == 0) {
        if (i >= s->chargeback.unit_count)
            return bind_fail(diags, path, MLROI_ERR_UNKNOWN_KEY, "the scenario has no such unit");
        out->value = &s->chargeback.units[i].models;
        out->max = MANY_ITEMS;
        return MLROI_OK;
    }
    if (strncmp(path, "tco.catalog.", 12) == 0) {
        for (i = 0; i < s->tco.catalog_count; i++)
            if (strcmp(s->tco.catalog[i].id, path + 12) == 0) {
                out->value = &s->tco.catalog[i].hourly_rate;
                out->flags = MLROI_PF_MONEY;
                return MLROI_OK;
            }
        return bind_fail(diags, path, MLROI_ERR_UNKNOWN_KEY,
                         "the scenario's tco.catalog does not set this rate");
    }
    {
        /* Suggest the closest numeric path. */
        size_t n;
        const mlroi_param *all = mlroi_params(&n);
        suggest sg = {NULL, (size_t)-1, path};
        for (size_t k = 0; k < n; k++)
            if (all[k].type == MLROI_P_NUMBER || all[k].type == MLROI_P_COUNT ||
                all[k].type == MLROI_P_FRACTION)
                suggest_try(&sg, all[k].path);
        if (sg.best)
            return mlroi_diags_add(diags, MLROI_ERR_UNKNOWN_KEY, "", 0, 0, path,
                                   "not a numeric input of the scenario; did you mean \"%s\"?",
                                   sg.best);
    }
    return bind_fail(diags, path, MLROI_ERR_UNKNOWN_KEY, "not a numeric input of the scenario");
}

mlroi_error mlroi_binding_check(const mlroi_binding *b, double v, mlroi_diags *diags)
{
    char want[96];
    if (isfinite(v) && in_range(v, b->min, b->max, b->flags) && (!b->whole || v == floor(v)))
        return MLROI_OK;
    describe_range(b->min, b->max, b->flags, b->whole, v, want, sizeof want);
    return mlroi_diags_add(diags, MLROI_ERR_RANGE, "", 0, 0, b->path, "expected %s, got %.15g",
                           want, v);
}
