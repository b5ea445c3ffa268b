/* SPDX-License-Identifier: MIT */
/* Loads the published benchmark figures from JSON, validating every key, and serves rates. */
#include "mlroi/benchmarks.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "json_pos.h"

#define BENCH_MAX_DEPTH 16
#define BENCH_MAX_RULES 9          /* one recommended + mlroi_vendor.alternatives[8] */
#define BENCH_MAX_ALTERNATIVES 8   /* mlroi_vendor.enterprise[8] */

/* Parsing state: the first error's code, and where to report. */
typedef struct bparser {
    const char *file;
    json_pos pos;
    mlroi_diags *diags;
    mlroi_error err;
} bparser;

static void bp_fail(bparser *p, const cJSON *node, mlroi_error code, const char *path,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void bp_fail(bparser *p, const cJSON *node, mlroi_error code, const char *path,
                    const char *fmt, ...)
{
    char msg[320];
    va_list ap;
    const json_pos_entry *e = node ? json_pos_find(&p->pos, node) : NULL;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (p->err == MLROI_OK)
        p->err = code;
    mlroi_diags_add(p->diags, code, p->file, e ? e->line : 0, e ? e->col : 0, path, "%s", msg);
}

static void join_path(char *out, size_t size, const char *path, const char *key)
{
    if (path[0])
        snprintf(out, size, "%s.%s", path, key);
    else
        snprintf(out, size, "%s", key);
}

static void index_path(char *out, size_t size, const char *path, size_t i)
{
    snprintf(out, size, "%s[%zu]", path, i);
}

static const char *json_type_name(const cJSON *v)
{
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsBool(v))
        return "a boolean";
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsObject(v))
        return "an object";
    return "an invalid value";
}

/* The member KEY of OBJ, or NULL after reporting it missing (when required). */
static const cJSON *bp_member(bparser *p, const cJSON *obj, const char *path, const char *key,
                              int required)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    char sub[128];

    if (!v && required) {
        join_path(sub, sizeof sub, path, key);
        bp_fail(p, obj, MLROI_ERR_MISSING, sub, "missing: expected key \"%s\"", key);
    }
    return v;
}

static const cJSON *bp_object(bparser *p, const cJSON *obj, const char *path, const char *key)
{
    const cJSON *v = bp_member(p, obj, path, key, 1);
    char sub[128];

    if (v && !cJSON_IsObject(v)) {
        join_path(sub, sizeof sub, path, key);
        bp_fail(p, v, MLROI_ERR_TYPE, sub, "expected an object, got %s", json_type_name(v));
        return NULL;
    }
    return v;
}

static const cJSON *bp_array(bparser *p, const cJSON *obj, const char *path, const char *key,
                             size_t min_items, size_t max_items)
{
    const cJSON *v = bp_member(p, obj, path, key, 1);
    char sub[128];
    size_t n;

    if (!v)
        return NULL;
    join_path(sub, sizeof sub, path, key);
    if (!cJSON_IsArray(v)) {
        bp_fail(p, v, MLROI_ERR_TYPE, sub, "expected an array, got %s", json_type_name(v));
        return NULL;
    }
    n = (size_t)cJSON_GetArraySize(v);
    if (n < min_items || n > max_items) {
        if (min_items == max_items)
            bp_fail(p, v, MLROI_ERR_RANGE, sub, "expected exactly %zu entries, got %zu",
                    min_items, n);
        else
            bp_fail(p, v, MLROI_ERR_RANGE, sub, "expected %zu to %zu entries, got %zu",
                    min_items, max_items, n);
        return NULL;
    }
    return v;
}

static double bp_number(bparser *p, const cJSON *obj, const char *path, const char *key,
                        double min, double max)
{
    const cJSON *v = bp_member(p, obj, path, key, 1);
    char sub[128];

    if (!v)
        return NAN;
    join_path(sub, sizeof sub, path, key);
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) {
        bp_fail(p, v, MLROI_ERR_TYPE, sub, "expected a finite number, got %s",
                json_type_name(v));
        return NAN;
    }
    if (v->valuedouble < min || v->valuedouble > max) {
        bp_fail(p, v, MLROI_ERR_RANGE, sub, "expected a number from %g to %g, got %g", min, max,
                v->valuedouble);
        return NAN;
    }
    return v->valuedouble;
}

static int bp_int(bparser *p, const cJSON *obj, const char *path, const char *key, int min,
                  int max)
{
    double d = bp_number(p, obj, path, key, min, max);
    char sub[128];

    if (isnan(d))
        return min;
    if (d != floor(d)) {
        join_path(sub, sizeof sub, path, key);
        bp_fail(p, cJSON_GetObjectItemCaseSensitive(obj, key), MLROI_ERR_TYPE, sub,
                "expected a whole number, got %g", d);
        return min;
    }
    return (int)d;
}

static const char *bp_string(bparser *p, const cJSON *obj, const char *path, const char *key)
{
    const cJSON *v = bp_member(p, obj, path, key, 1);
    char sub[128];

    if (!v)
        return "";
    if (!cJSON_IsString(v) || !v->valuestring) {
        join_path(sub, sizeof sub, path, key);
        bp_fail(p, v, MLROI_ERR_TYPE, sub, "expected a string, got %s", json_type_name(v));
        return "";
    }
    /* Catalog strings reach the terminal in text output: no control characters (C0, DEL or
     * C1 such as CSI), which could carry escape sequences (issue 17, fault 6). */
    for (const unsigned char *c = (const unsigned char *)v->valuestring; *c; c++) {
        if (*c < 0x20 || *c == 0x7F || (c[0] == 0xC2 && c[1] >= 0x80 && c[1] <= 0x9F)) {
            join_path(sub, sizeof sub, path, key);
            bp_fail(p, v, MLROI_ERR_INVALID, sub,
                    "expected text without control characters (such as terminal escapes)");
            return "";
        }
    }
    return v->valuestring;
}

/* An optional boolean; DEF when absent. */
static int bp_bool(bparser *p, const cJSON *obj, const char *path, const char *key, int def)
{
    const cJSON *v = bp_member(p, obj, path, key, 0);
    char sub[128];

    if (!v)
        return def;
    if (!cJSON_IsBool(v)) {
        join_path(sub, sizeof sub, path, key);
        bp_fail(p, v, MLROI_ERR_TYPE, sub, "expected true or false, got %s", json_type_name(v));
        return def;
    }
    return cJSON_IsTrue(v) ? 1 : 0;
}

/* The source of OBJ, or INHERITED when OBJ has none (and INHERITED is given). */
static const char *bp_source(bparser *p, const cJSON *obj, const char *path, const char *inherited)
{
    if (inherited && !cJSON_GetObjectItemCaseSensitive(obj, "source"))
        return inherited;
    return bp_string(p, obj, path, "source");
}

/* The scope of a figure published for everyone and not money. */
static const mlroi_scope scope_all = { MLROI_SCOPE_ALL_BRACKETS, MLROI_SCOPE_ALL_REGIONS, "" };

/* Bits of the names in the array OBJ.KEY, each one of NAMES (N of them); 0 after an error. */
static unsigned bp_name_bits(bparser *p, const cJSON *obj, const char *path, const char *key,
                             const char *const *names, size_t n)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, key), *v;
    char sub[128], item[160];
    unsigned bits = 0;
    size_t i = 0;

    join_path(sub, sizeof sub, path, key);
    if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) == 0) {
        bp_fail(p, arr, MLROI_ERR_TYPE, sub, "expected a non-empty array of names, got %s",
                cJSON_IsArray(arr) ? "an empty array" : json_type_name(arr));
        return 0;
    }
    cJSON_ArrayForEach(v, arr) {
        size_t k = n;
        if (cJSON_IsString(v))
            for (k = 0; k < n && strcmp(names[k], v->valuestring) != 0; k++)
                ;
        snprintf(item, sizeof item, "%s[%zu]", sub, i++);
        if (k == n) {
            char list[96] = "";
            for (k = 0; k < n; k++) {
                size_t len = strlen(list);
                snprintf(list + len, sizeof list - len, "%s\"%s\"", k ? ", " : "", names[k]);
            }
            bp_fail(p, v, MLROI_ERR_INVALID, item, "expected one of %s", list);
            return 0;
        }
        bits |= 1u << k;
    }
    return bits;
}

/* The scope keys of OBJ ("brackets", "regions", "currency"), each taken from DEF (NULL: every
 * bracket and region, no currency) when absent; "currency" is a code of three capital letters,
 * or null for a figure that is not money. */
static mlroi_scope bp_scope(bparser *p, const cJSON *obj, const char *path,
                            const mlroi_scope *def)
{
    /* The order of the brackets array (parse_brackets holds each id to its place). */
    static const char *const brackets[3] = { "startup", "midmarket", "enterprise" };
    static const char *const regions[2] = { "US", "EU" };   /* indexed by mlroi_region */
    mlroi_scope out = def ? *def : scope_all;
    const cJSON *cur;
    char sub[128];

    if (bp_member(p, obj, path, "brackets", 0))
        out.brackets = bp_name_bits(p, obj, path, "brackets", brackets, 3);
    if (bp_member(p, obj, path, "regions", 0))
        out.regions = bp_name_bits(p, obj, path, "regions", regions, 2);
    cur = bp_member(p, obj, path, "currency", 0);
    if (!cur)
        return out;
    join_path(sub, sizeof sub, path, "currency");
    if (cJSON_IsNull(cur)) {
        out.currency[0] = '\0';
    } else if (cJSON_IsString(cur) && strlen(cur->valuestring) == 3 &&
               cur->valuestring[0] >= 'A' && cur->valuestring[0] <= 'Z' &&
               cur->valuestring[1] >= 'A' && cur->valuestring[1] <= 'Z' &&
               cur->valuestring[2] >= 'A' && cur->valuestring[2] <= 'Z') {
        memcpy(out.currency, cur->valuestring, 4);
    } else {
        bp_fail(p, cur, MLROI_ERR_INVALID, sub,
                "expected a currency code such as \"USD\", or null for a figure that is not "
                "money");
    }
    return out;
}

/* A range object { "low", "high", "source"?, scope keys? } at OBJ.KEY; low <= high, both >=
 * MIN. Scope keys it does not hold come from SCOPE (NULL: every bracket and region, no
 * currency). */
static mlroi_range bp_range_at(bparser *p, const cJSON *r, const char *path, double min,
                               const char *inherited, const mlroi_scope *scope)
{
    mlroi_range out = { NAN, NAN, "", scope_all };

    if (!cJSON_IsObject(r)) {
        bp_fail(p, r, MLROI_ERR_TYPE, path, "expected an object { \"low\", \"high\" }, got %s",
                json_type_name(r));
        return out;
    }
    out.low = bp_number(p, r, path, "low", min, 1e15);
    out.high = bp_number(p, r, path, "high", min, 1e15);
    out.source = bp_source(p, r, path, inherited);
    out.scope = bp_scope(p, r, path, scope);
    if (!isnan(out.low) && !isnan(out.high) && out.low > out.high)
        bp_fail(p, r, MLROI_ERR_RANGE, path, "expected low <= high, got %g > %g", out.low,
                out.high);
    return out;
}

static mlroi_range bp_range(bparser *p, const cJSON *obj, const char *path, const char *key,
                            double min, const char *inherited, const mlroi_scope *scope)
{
    const cJSON *r = bp_member(p, obj, path, key, 1);
    char sub[128];
    mlroi_range none = { NAN, NAN, "", scope_all };

    if (!r)
        return none;
    join_path(sub, sizeof sub, path, key);
    return bp_range_at(p, r, sub, min, inherited, scope);
}

/* Item I of the array ARR at KEY, its path ("key[i]") into PATH; NULL after reporting it when
 * it is not an object. */
static const cJSON *bp_item(bparser *p, const cJSON *arr, const char *key, size_t i, char *path,
                            size_t size)
{
    const cJSON *o = cJSON_GetArrayItem(arr, (int)i);

    index_path(path, size, key, i);
    if (!cJSON_IsObject(o)) {
        bp_fail(p, o, MLROI_ERR_TYPE, path, "expected an object, got %s", json_type_name(o));
        return NULL;
    }
    return o;
}

/* The array at the top-level KEY (MIN to MAX items) and zeroed room for one record of SIZE
 * bytes per item: *RECORDS and *COUNT stay NULL and 0 when the array is missing, wrong or
 * empty. Returns MLROI_ERR_NOMEM when the room cannot be had. */
static mlroi_error bp_records(bparser *p, const cJSON *root, const char *key, size_t min,
                              size_t max, size_t size, const cJSON **arr, void **records,
                              size_t *count)
{
    size_t n;

    *records = NULL;
    *count = 0;
    *arr = bp_array(p, root, "", key, min, max);
    if (!*arr)
        return MLROI_OK;
    n = (size_t)cJSON_GetArraySize(*arr);
    if (n == 0)
        return MLROI_OK;
    *records = calloc(n, size);
    if (!*records)
        return MLROI_ERR_NOMEM;
    *count = n;
    return MLROI_OK;
}

static void parse_salaries(bparser *p, const cJSON *root, mlroi_benchmarks *b)
{
    static const char *const regions[2] = { "US", "EU" };
    const cJSON *sal = bp_object(p, root, "", "salaries");
    char rpath[64], path[96];

    if (!sal)
        return;
    for (int role = 0; role < 3; role++) {
        const char *name = role == 0 ? "ml_engineer" : role == 1 ? "mlops_engineer"
                                                                 : "governance_lead";
        const cJSON *r = bp_object(p, sal, "salaries", name);
        if (!r)
            continue;
        join_path(rpath, sizeof rpath, "salaries", name);
        for (int g = 0; g < 2; g++) {
            const cJSON *reg = bp_object(p, r, rpath, regions[g]);
            mlroi_range range;
            int assumed;
            if (!reg)
                continue;
            join_path(path, sizeof path, rpath, regions[g]);
            range = bp_range_at(p, reg, path, 0, NULL, NULL);
            /* The key says the region; the data says the currency it was published in. */
            range.scope.regions = 1u << g;
            if (!range.scope.currency[0])
                bp_fail(p, reg, MLROI_ERR_MISSING, path,
                        "missing: expected key \"currency\" (a salary is money)");
            assumed = bp_bool(p, reg, path, "assumed", 0);
            if (role == 0) {
                b->ml_engineer[g] = range;
            } else if (role == 1) {
                b->mlops_engineer[g] = range;
                b->mlops_engineer_assumed[g] = assumed;
            } else {
                b->governance_lead[g] = range;
                b->governance_lead_assumed[g] = assumed;
            }
        }
    }
}

static void parse_brackets(bparser *p, const cJSON *root, mlroi_benchmarks *b)
{
    static const char *const ids[3] = { "startup", "midmarket", "enterprise" };
    const cJSON *arr = bp_array(p, root, "", "brackets", 3, 3);
    char path[64];
    double prev = -1;

    if (!arr)
        return;
    for (int i = 0; i < 3; i++) {
        const cJSON *o = bp_item(p, arr, "brackets", (size_t)i, path, sizeof path);
        mlroi_bracket *k = &b->brackets[i];
        const cJSON *max;
        const char *source;
        mlroi_scope scope;

        if (!o)
            continue;
        k->id = bp_string(p, o, path, "id");
        if (strcmp(k->id, ids[i]) != 0 && k->id[0])
            bp_fail(p, cJSON_GetObjectItemCaseSensitive(o, "id"), MLROI_ERR_INVALID, path,
                    "expected id \"%s\" at this position, got \"%s\"", ids[i], k->id);
        k->label = bp_string(p, o, path, "label");
        k->noun = bp_string(p, o, path, "noun");
        source = bp_string(p, o, path, "source");
        /* A bracket's figures are published for that bracket; the budget is money. */
        scope = bp_scope(p, o, path, NULL);
        scope.brackets = 1u << i;
        if (!scope.currency[0])
            bp_fail(p, o, MLROI_ERR_MISSING, path,
                    "missing: expected key \"currency\" (the budget's)");
        max = bp_member(p, o, path, "max_employees", 1);
        if (i == 2) {
            k->max_employees = INFINITY;
            if (max && !cJSON_IsNull(max)) {
                char sub[96];
                join_path(sub, sizeof sub, path, "max_employees");
                bp_fail(p, max, MLROI_ERR_INVALID, sub,
                        "expected null: the last bracket has no upper bound");
            }
        } else if (max) {
            k->max_employees = bp_number(p, o, path, "max_employees", 0, 1e12);
            if (!isnan(k->max_employees) && k->max_employees <= prev) {
                char sub[96];
                join_path(sub, sizeof sub, path, "max_employees");
                bp_fail(p, max, MLROI_ERR_RANGE, sub,
                        "expected more than the previous bracket's %g, got %g", prev,
                        k->max_employees);
            }
            if (!isnan(k->max_employees))
                prev = k->max_employees;
        }
        k->budget = bp_range(p, o, path, "budget", 0, source, &scope);
        scope.currency[0] = '\0';   /* head counts are not money */
        k->people = bp_range(p, o, path, "people", 0, source, &scope);
    }
}

static void parse_phases(bparser *p, const cJSON *root, mlroi_benchmarks *b)
{
    const cJSON *arr = bp_array(p, root, "", "phases", 3, 3);
    char path[64];

    if (!arr)
        return;
    for (int i = 0; i < 3; i++) {
        const cJSON *o = bp_item(p, arr, "phases", (size_t)i, path, sizeof path);
        mlroi_phase *ph = &b->phases[i];
        const char *source;
        mlroi_scope scope;

        if (!o)
            continue;
        ph->number = bp_int(p, o, path, "number", i + 1, i + 1);
        ph->name = bp_string(p, o, path, "name");
        ph->month_from = bp_int(p, o, path, "month_from", 1, 120);
        ph->month_to = bp_int(p, o, path, "month_to", 1, 120);
        if (ph->month_to < ph->month_from)
            bp_fail(p, o, MLROI_ERR_RANGE, path, "expected month_from <= month_to, got %d > %d",
                    ph->month_from, ph->month_to);
        ph->reaches_level = bp_int(p, o, path, "reaches_level", 1, 4);
        ph->goal = bp_string(p, o, path, "goal");
        ph->kpi = bp_string(p, o, path, "kpi");
        source = bp_string(p, o, path, "source");
        scope = bp_scope(p, o, path, NULL);
        ph->budget = bp_range(p, o, path, "budget", 0, source, &scope);
    }
}

static mlroi_error parse_catalog(bparser *p, const cJSON *root, mlroi_benchmarks *b)
{
    const cJSON *arr;
    void *records;
    char path[64];
    int has_storage = 0;
    mlroi_error err = bp_records(p, root, "catalog", 1, 256, sizeof *b->catalog, &arr, &records,
                                 &b->catalog_count);

    b->catalog = records;
    if (!arr || err != MLROI_OK)
        return err;
    for (size_t i = 0; i < b->catalog_count; i++) {
        mlroi_catalog_rate *c = &b->catalog[i];
        const cJSON *o;

        c->id = "";
        c->source = "";
        if (!(o = bp_item(p, arr, "catalog", i, path, sizeof path)))
            continue;
        c->id = bp_string(p, o, path, "id");
        c->rate = bp_number(p, o, path, "rate", 0, 1e9);
        c->source = bp_string(p, o, path, "source");
        memcpy(c->currency, bp_scope(p, o, path, NULL).currency, sizeof c->currency);
        if (!c->id[0])
            bp_fail(p, o, MLROI_ERR_INVALID, path, "expected a non-empty id");
        for (size_t j = 0; j < i; j++)
            if (c->id[0] && strcmp(b->catalog[j].id, c->id) == 0)
                bp_fail(p, o, MLROI_ERR_DUPLICATE, path, "catalog id \"%s\" appears twice",
                        c->id);
        if (strcmp(c->id, "storage.gb_month") == 0)
            has_storage = 1;
    }
    if (!has_storage)
        bp_fail(p, arr, MLROI_ERR_MISSING, "catalog",
                "expected an entry with id \"storage.gb_month\" (the storage rate)");
    return MLROI_OK;
}

static unsigned cloud_bit(const char *name)
{
    static const struct { const char *name; mlroi_cloud cloud; } clouds[] = {
        { "aws", MLROI_CLOUD_AWS }, { "azure", MLROI_CLOUD_AZURE }, { "gcp", MLROI_CLOUD_GCP },
        { "multi", MLROI_CLOUD_MULTI }, { "on_prem", MLROI_CLOUD_ON_PREM },
    };
    for (size_t i = 0; i < sizeof clouds / sizeof clouds[0]; i++)
        if (strcmp(clouds[i].name, name) == 0)
            return 1u << clouds[i].cloud;
    return 0;
}

static void parse_when(bparser *p, const cJSON *o, const char *path, mlroi_vendor_rule *r)
{
    const cJSON *when = bp_object(p, o, path, "when");
    const cJSON *clouds, *c;
    char wpath[96], cpath[128];
    size_t i = 0;

    if (!when)
        return;
    join_path(wpath, sizeof wpath, path, "when");
    r->when_research_heavy = bp_bool(p, when, wpath, "research_heavy", 0);
    r->when_microsoft_centric = bp_bool(p, when, wpath, "microsoft_centric", 0);
    r->always = bp_bool(p, when, wpath, "otherwise", 0);
    clouds = bp_member(p, when, wpath, "clouds", 0);
    if (clouds && !cJSON_IsArray(clouds)) {
        join_path(cpath, sizeof cpath, wpath, "clouds");
        bp_fail(p, clouds, MLROI_ERR_TYPE, cpath, "expected an array of cloud names, got %s",
                json_type_name(clouds));
    } else if (clouds) {
        cJSON_ArrayForEach(c, clouds) {
            char sub[128];
            unsigned bit = cJSON_IsString(c) ? cloud_bit(c->valuestring) : 0;
            snprintf(sub, sizeof sub, "%s.clouds[%zu]", wpath, i++);
            if (!bit)
                bp_fail(p, c, MLROI_ERR_INVALID, sub,
                        "expected one of \"aws\", \"azure\", \"gcp\", \"multi\", \"on_prem\"");
            r->when_clouds |= bit;
        }
    }
    if (!r->when_research_heavy && !r->when_microsoft_centric && !r->when_clouds && !r->always)
        bp_fail(p, when, MLROI_ERR_INVALID, wpath,
                "expected at least one condition (research_heavy, microsoft_centric, clouds, "
                "otherwise)");
}

static mlroi_error parse_rules(bparser *p, const cJSON *root, mlroi_benchmarks *b)
{
    const cJSON *arr;
    void *records;
    char path[64];
    mlroi_error err = bp_records(p, root, "platform_rules", 1, BENCH_MAX_RULES, sizeof *b->rules,
                                 &arr, &records, &b->rule_count);
    size_t n = b->rule_count;

    b->rules = records;
    for (size_t i = 0; i < n; i++) {
        mlroi_vendor_rule *r = &b->rules[i];
        const cJSON *o;
        const char *source;
        mlroi_scope scope;

        r->id = r->stack = r->rationale = r->lock_in = "";
        if (!(o = bp_item(p, arr, "platform_rules", i, path, sizeof path)))
            continue;
        r->id = bp_string(p, o, path, "id");
        parse_when(p, o, path, r);
        r->stack = bp_string(p, o, path, "stack");
        r->rationale = bp_string(p, o, path, "rationale");
        r->lock_in = bp_string(p, o, path, "lock_in");
        source = bp_string(p, o, path, "source");
        scope = bp_scope(p, o, path, NULL);
        r->licence = bp_range(p, o, path, "licence", 0, source, &scope);
        if (i + 1 == n && !r->always)
            bp_fail(p, o, MLROI_ERR_INVALID, path,
                    "expected the last rule to hold \"when\": { \"otherwise\": true }");
    }
    return err;
}

static mlroi_error parse_alternatives(bparser *p, const cJSON *root, mlroi_benchmarks *b)
{
    const cJSON *arr;
    void *records;
    char path[64];
    mlroi_error err = bp_records(p, root, "enterprise_alternatives", 0, BENCH_MAX_ALTERNATIVES,
                                 sizeof *b->enterprise_alternatives, &arr, &records,
                                 &b->alternative_count);

    b->enterprise_alternatives = records;
    for (size_t i = 0; i < b->alternative_count; i++) {
        mlroi_alternative *a = &b->enterprise_alternatives[i];
        const cJSON *o, *annual;
        const char *source;
        mlroi_scope scope;

        a->name = a->cost_text = "";
        a->annual = (mlroi_range){ NAN, NAN, "", scope_all };
        if (!(o = bp_item(p, arr, "enterprise_alternatives", i, path, sizeof path)))
            continue;
        a->name = bp_string(p, o, path, "name");
        a->cost_text = bp_string(p, o, path, "cost_text");
        source = bp_string(p, o, path, "source");
        scope = bp_scope(p, o, path, NULL);
        annual = bp_member(p, o, path, "annual", 1);
        if (annual && cJSON_IsNull(annual)) {
            a->annual.source = source;
            a->annual.scope = scope;
        } else if (annual) {
            a->annual = bp_range(p, o, path, "annual", 0, source, &scope);
        }
    }
    return err;
}

/* A check's benchmark at checks.KEY: a range that must say the brackets, regions and
 * currency it was published for (a benchmark is compared only with a scenario it fits). */
static mlroi_range bp_check_range(bparser *p, const cJSON *c, const char *key, double min)
{
    mlroi_range r = bp_range(p, c, "checks", key, min, NULL, NULL);
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(c, key);
    char path[128];

    if (cJSON_IsObject(o)) {
        join_path(path, sizeof path, "checks", key);
        (void)bp_member(p, o, path, "brackets", 1);
        (void)bp_member(p, o, path, "regions", 1);
        (void)bp_member(p, o, path, "currency", 1);
    }
    return r;
}

static void parse_checks(bparser *p, const cJSON *root, mlroi_benchmarks *b)
{
    const cJSON *c = bp_object(p, root, "", "checks");
    const cJSON *o;

    if (!c)
        return;
    b->time_to_prod_without = bp_check_range(p, c, "time_to_prod_without_weeks", 0);
    b->time_to_prod_with = bp_check_range(p, c, "time_to_prod_with_weeks", 0);
    b->incident_reduction = bp_check_range(p, c, "incident_reduction", 0);
    o = cJSON_GetObjectItemCaseSensitive(c, "incident_reduction");
    if (cJSON_IsObject(o))
        b->incident_reduction_optimistic =
            bp_number(p, o, "checks.incident_reduction", "optimistic_above", 0, 1);
    if (b->incident_reduction.high > 1)
        bp_fail(p, o, MLROI_ERR_RANGE, "checks.incident_reduction",
                "expected a fraction from 0 to 1, got %g", b->incident_reduction.high);
    b->roi_3y_percent = bp_check_range(p, c, "roi_3y_percent", -100);
    o = cJSON_GetObjectItemCaseSensitive(c, "roi_3y_percent");
    if (cJSON_IsObject(o))
        b->roi_3y_optimistic_factor =
            bp_number(p, o, "checks.roi_3y_percent", "optimistic_factor", 1, 1000);
    b->payback_months = bp_check_range(p, c, "payback_months", 0);
    b->monthly_cloud_midmarket = bp_check_range(p, c, "monthly_cloud_midmarket", 0);
    b->monthly_cloud_enterprise = bp_check_range(p, c, "monthly_cloud_enterprise", 0);
}

static int valid_year_month(const char *s)
{
    /* "YYYY-MM" with a month from 01 to 12. */
    if (strlen(s) != 7 || s[4] != '-')
        return 0;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9'))
            return 0;
    return (s[5] == '0' && s[6] >= '1') || (s[5] == '1' && s[6] <= '2');
}

static mlroi_error parse_ai_act(bparser *p, const cJSON *root, mlroi_benchmarks *b)
{
    const cJSON *arr;
    void *records;
    char path[64];
    mlroi_error err = bp_records(p, root, "ai_act", 0, 64, sizeof *b->ai_act, &arr, &records,
                                 &b->ai_act_count);

    b->ai_act = records;
    for (size_t i = 0; i < b->ai_act_count; i++) {
        mlroi_dated_fact *f = &b->ai_act[i];
        const cJSON *o;

        f->date = f->text = "";
        if (!(o = bp_item(p, arr, "ai_act", i, path, sizeof path)))
            continue;
        f->date = bp_string(p, o, path, "date");
        f->text = bp_string(p, o, path, "text");
        (void)bp_string(p, o, path, "source");
        if (f->date[0] && !valid_year_month(f->date)) {
            char sub[96];
            join_path(sub, sizeof sub, path, "date");
            bp_fail(p, cJSON_GetObjectItemCaseSensitive(o, "date"), MLROI_ERR_INVALID, sub,
                    "expected a month as \"YYYY-MM\", got \"%s\"", f->date);
        }
    }
    return err;
}

mlroi_error mlroi_benchmarks_load_text(const char *name, const char *text, size_t len,
                                       mlroi_benchmarks **out, mlroi_diags *diags)
{
    bparser p;
    cJSON *root = NULL;
    mlroi_benchmarks *b = NULL;
    const cJSON *fmt;
    char *copy = NULL;
    mlroi_error err;

    memset(&p, 0, sizeof p);
    p.file = name ? name : "";
    p.diags = diags;
    *out = NULL;

    /* The parser needs a NUL right after the text; the caller's buffer may not have one. */
    copy = malloc(len + 1);
    if (!copy) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, p.file, 0, 0, "", "out of memory");
        goto cleanup;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    err = json_pos_parse(&p.pos, p.file, copy, len, BENCH_MAX_DEPTH, &root, diags);
    if (err != MLROI_OK)
        goto cleanup;
    if (!cJSON_IsObject(root)) {
        bp_fail(&p, root, MLROI_ERR_TYPE, "", "expected a JSON object at the top, got %s",
                json_type_name(root));
        err = p.err;
        goto cleanup;
    }
    b = calloc(1, sizeof *b);
    if (!b) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, p.file, 0, 0, "", "out of memory");
        goto cleanup;
    }
    b->priv = root;
    root = NULL;   /* owned by b from here */

    fmt = bp_member(&p, b->priv, "", "format", 0);
    if (fmt && (!cJSON_IsNumber(fmt) || fmt->valuedouble != 1))
        bp_fail(&p, fmt, MLROI_ERR_INVALID, "format", "expected 1, the only format known");
    b->title = bp_string(&p, b->priv, "", "title");
    parse_salaries(&p, b->priv, b);
    parse_brackets(&p, b->priv, b);
    parse_phases(&p, b->priv, b);
    b->monitoring_per_model_month =
        bp_range(&p, b->priv, "", "monitoring_per_model_month", 0, NULL, NULL);
    parse_checks(&p, b->priv, b);
    if ((err = parse_catalog(&p, b->priv, b)) != MLROI_OK ||
        (err = parse_rules(&p, b->priv, b)) != MLROI_OK ||
        (err = parse_alternatives(&p, b->priv, b)) != MLROI_OK ||
        (err = parse_ai_act(&p, b->priv, b)) != MLROI_OK) {
        mlroi_diags_add(diags, err, p.file, 0, 0, "", "out of memory");
        goto cleanup;
    }
    err = p.err;
    if (err == MLROI_OK) {
        *out = b;
        b = NULL;
    }

cleanup:
    mlroi_benchmarks_free(b);
    cJSON_Delete(root);
    json_pos_free(&p.pos);
    free(copy);
    return err;
}

mlroi_error mlroi_benchmarks_load(const char *file, mlroi_benchmarks **out, mlroi_diags *diags)
{
    FILE *f = NULL;
    char *text = NULL;
    size_t len = 0, cap = 0;
    mlroi_error err = MLROI_OK;

    *out = NULL;
    f = fopen(file, "rb");
    if (!f) {
        err = mlroi_diags_add(diags, MLROI_ERR_IO, file, 0, 0, "",
                              "cannot open the benchmarks file: %s", strerror(errno));
        goto cleanup;
    }
    for (;;) {
        size_t got;
        if (cap - len < 4096) {
            char *grown;
            if (cap >= MLROI_MAX_FILE_SIZE) {
                err = mlroi_diags_add(diags, MLROI_ERR_LIMIT, file, 0, 0, "",
                                      "the benchmarks file is larger than %u bytes",
                                      (unsigned)MLROI_MAX_FILE_SIZE);
                goto cleanup;
            }
            cap = cap ? cap * 2 : 16384;
            grown = realloc(text, cap + 1);
            if (!grown) {
                err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, file, 0, 0, "", "out of memory");
                goto cleanup;
            }
            text = grown;
        }
        got = fread(text + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        err = mlroi_diags_add(diags, MLROI_ERR_IO, file, 0, 0, "",
                              "cannot read the benchmarks file: %s", strerror(errno));
        goto cleanup;
    }
    text[len] = '\0';
    err = mlroi_benchmarks_load_text(file, text, len, out, diags);

cleanup:
    if (f)
        fclose(f);
    free(text);
    return err;
}

void mlroi_benchmarks_free(mlroi_benchmarks *b)
{
    if (!b)
        return;
    free(b->catalog);
    free(b->rules);
    free(b->enterprise_alternatives);
    free(b->ai_act);
    cJSON_Delete(b->priv);
    free(b);
}

/* mlroi_benchmarks_default() is in the generated $(BUILD)/benchmarks_builtin.c: the built-in
 * file loaded by the loader above at build time (tests/gen_benchmarks.c) and written out as
 * static data, so that no run parses it. */

int mlroi_bracket_index(const mlroi_benchmarks *b, const char *id)
{
    if (b && id)
        for (int i = 0; i < 3; i++)
            if (b->brackets[i].id && strcmp(b->brackets[i].id, id) == 0)
                return i;
    return -1;
}

double mlroi_benchmarks_rate(const mlroi_benchmarks *b, const mlroi_scenario *s, const char *id)
{
    if (!id)
        return NAN;
    if (s) {
        /* A later scenario entry overrides an earlier one, like a later key would. */
        if (strcmp(id, "storage.gb_month") == 0 && !isnan(s->tco.storage_per_gb_month))
            return s->tco.storage_per_gb_month;
        for (size_t i = s->tco.catalog_count; i-- > 0;)
            if (s->tco.catalog[i].id && strcmp(s->tco.catalog[i].id, id) == 0)
                return s->tco.catalog[i].hourly_rate;
    }
    if (b)
        for (size_t i = 0; i < b->catalog_count; i++)
            if (strcmp(b->catalog[i].id, id) == 0)
                return b->catalog[i].rate;
    return NAN;
}
