/* SPDX-License-Identifier: MIT */
/* Seeded, thread-count-independent Monte Carlo over the scenario's uncertain inputs. */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE   /* madvise's MADV_HUGEPAGE (values_alloc) */
#endif
#include "mlroi/analysis.h"
#include "mlroi/format.h"
#include "mlroi/shortest.h"
#include "mc_config.h"
#include "simd.h"
#include "huge_alloc.h"
#include "parallel.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

const int mlroi_mc_percentiles[MLROI_MC_PCT_COUNT] = { 5, 10, 25, 50, 75, 90, 95 };

static const mlroi_metric_id mc_metric_ids[MLROI_MC_METRICS] = {
    MLROI_M_NPV, MLROI_M_ROI_PERCENT, MLROI_M_PAYBACK_MONTHS, MLROI_M_IRR
};

/* Stream numbers: input j draws its uniforms from stream j and its strata from stream
 * STRATA_STREAM + j; Iman-Conover's scores come from IC_STREAM. */
#define STRATA_STREAM 0x10000u
#define IC_STREAM 0x20000u

static const char *file_of(const mlroi_scenario *s)
{
    return s->file ? s->file : "";
}

/* ------------------------------------------------------------------------------------------
 * Configuration
 * ------------------------------------------------------------------------------------------ */

void mlroi_mc_config_free(mlroi_mc_config *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->input_count; i++)
        mlroi_dist_free(&c->inputs[i].dist);
    free(c->inputs);
    free(c->correlations);
    free(c);
}

/* Where parse problems go: the loader's positioned reporter, or the diags without position. */
typedef struct mc_src {
    const mlroi_scenario *s;
    mlroi_mc_report_fn report;
    void *ctx;
    mlroi_diags *diags;
} mc_src;

static mlroi_error mc_err(const mc_src *src, const cJSON *node, int key, const char *path,
                          mlroi_error code, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static mlroi_error mc_err(const mc_src *src, const cJSON *node, int key, const char *path,
                          mlroi_error code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (src->report)
        return src->report(src->ctx, node, key, path, code, msg);
    return mlroi_diags_add(src->diags, code, file_of(src->s), 0, 0, path, "%s", msg);
}

/* A whole number in [min, max] at KEY, or an error naming it. */
static mlroi_error read_whole(const mc_src *src, const cJSON *item, const char *key,
                              double min, double max, double *out)
{
    if (!cJSON_IsNumber(item) || !isfinite(item->valuedouble) ||
        item->valuedouble != floor(item->valuedouble) || item->valuedouble < min ||
        item->valuedouble > max)
        return mc_err(src, item, 0, key, MLROI_ERR_RANGE,
                      "expected a whole number from %.0f to %.0f", min, max);
    *out = item->valuedouble;
    return MLROI_OK;
}

static int find_input(const mlroi_mc_config *c, const char *path)
{
    for (size_t i = 0; i < c->input_count; i++)
        if (strcmp(c->inputs[i].path, path) == 0)
            return (int)i;
    return -1;
}

static mlroi_error parse_input(const mc_src *src, const cJSON *spec, mlroi_mc_input *in)
{
    static const char *const keys[] = { "min", "max", "mode", "mean", "sd", "p5", "p95",
                                        "lambda" };
    char where[200], msg[256];
    mlroi_dist_spec ds;
    double *slots[8];
    const cJSON *item;
    const char *field = "";
    mlroi_binding bind;
    int kind = -1;
    mlroi_error err;

    snprintf(where, sizeof where, "uncertainty.inputs.%s", in->path);
    slots[0] = &ds.min; slots[1] = &ds.max; slots[2] = &ds.mode; slots[3] = &ds.mean;
    slots[4] = &ds.sd; slots[5] = &ds.p5; slots[6] = &ds.p95; slots[7] = &ds.lambda;
    for (int k = 0; k < 8; k++)
        *slots[k] = NAN;
    if (!cJSON_IsObject(spec))
        return mc_err(src, spec, 0, where, MLROI_ERR_TYPE,
                      "expected an object such as { \"dist\": \"uniform\", "
                      "\"min\": 1, \"max\": 2 }");
    /* The binding is looked up, never written. */
    {
        mlroi_diags why = { 0 };
        err = mlroi_analysis_bind((mlroi_scenario *)src->s, in->path, &bind, &why);
        if (err != MLROI_OK) {
            /* The binder's own message already says what is wrong (and suggests a path). */
            mc_err(src, spec, 1, where, err, "%s",
                   why.count ? why.items[0].message : "not a numeric input of the scenario");
            mlroi_diags_free(&why);
            return err;
        }
    }
    cJSON_ArrayForEach(item, spec) {
        char key_where[240];
        bool known = false;
        snprintf(key_where, sizeof key_where, "%s.%s", where, item->string);
        if (strcmp(item->string, "dist") == 0) {
            if (!cJSON_IsString(item) || (kind = mlroi_dist_kind_from_name(item->valuestring)) < 0)
                return mc_err(src, item, 0, key_where, MLROI_ERR_INVALID,
                              "expected uniform, triangular, pert, normal or lognormal");
            continue;
        }
        for (int k = 0; k < 8; k++) {
            if (strcmp(item->string, keys[k]) != 0)
                continue;
            known = true;
            if (!cJSON_IsNumber(item) || !isfinite(item->valuedouble))
                return mc_err(src, item, 0, key_where, MLROI_ERR_TYPE,
                              "expected a finite number");
            if (!isnan(*slots[k]))
                return mc_err(src, item, 1, key_where, MLROI_ERR_DUPLICATE, "given twice");
            *slots[k] = item->valuedouble;
        }
        if (!known)
            return mc_err(src, item, 1, key_where, MLROI_ERR_UNKNOWN_KEY,
                          "unknown key; expected dist, min, max, mode, mean, sd, p5, "
                          "p95 or lambda");
    }
    if (kind < 0) {
        char key_where[240];
        snprintf(key_where, sizeof key_where, "%s.dist", where);
        return mc_err(src, spec, 1, key_where, MLROI_ERR_MISSING,
                      "missing: uniform, triangular, pert, normal or lognormal");
    }
    ds.kind = (mlroi_dist_kind)kind;
    /* Only checked here: the loader validates every scenario through this, and the table a
     * PERT needs for sampling is built by mlroi_mc_config_parse, for the runs. */
    err = mlroi_dist_check(&in->dist, &ds, &field, msg, sizeof msg);
    if (err != MLROI_OK) {
        /* The value named when it was given, else the input that lacks it. */
        const cJSON *at = field[0] ? cJSON_GetObjectItemCaseSensitive(spec, field) : NULL;
        char key_where[240];
        snprintf(key_where, sizeof key_where, "%s.%s", where, field);
        return mc_err(src, at ? at : spec, at == NULL, key_where, err, "%s", msg);
    }
    /* Samples stay inside the input's allowed range: the distribution is truncated there. */
    {
        double lo = (bind.flags & MLROI_PF_MIN_EXCL) ? nextafter(bind.min, INFINITY) : bind.min;
        double hi = (bind.flags & MLROI_PF_MAX_EXCL) ? nextafter(bind.max, -INFINITY) : bind.max;
        err = mlroi_dist_restrict(&in->dist, lo, hi, msg, sizeof msg);
        if (err != MLROI_OK) {
            char a[MLROI_SHORTEST_SIZE], b[MLROI_SHORTEST_SIZE];
            mlroi_shortest(a, bind.min);
            mlroi_shortest(b, bind.max);
            return mc_err(src, spec, 1, where, err,
                          "%s (the input's allowed range is [%s, %s])", msg, a, b);
        }
    }
    in->whole = bind.whole;
    return MLROI_OK;
}

static mlroi_error parse_correlations(const mc_src *src, const cJSON *arr, mlroi_mc_config *c)
{
    int n;

    if (!cJSON_IsArray(arr))
        return mc_err(src, arr, 0, "uncertainty.correlations", MLROI_ERR_TYPE,
                      "expected a list of [input, input, rho]");
    n = cJSON_GetArraySize(arr);
    if (n > (int)(MLROI_MC_MAX_INPUTS * MLROI_MC_MAX_INPUTS))
        return mc_err(src, arr, 0, "uncertainty.correlations", MLROI_ERR_LIMIT,
                      "too many correlations");
    c->correlations = calloc((size_t)(n ? n : 1), sizeof *c->correlations);
    if (c->correlations == NULL)
        return mc_err(src, arr, 0, "uncertainty.correlations", MLROI_ERR_NOMEM,
                      "out of memory");
    for (int i = 0; i < n; i++) {
        const cJSON *e = cJSON_GetArrayItem(arr, i), *a, *b, *rho;
        mlroi_mc_correlation *cor = &c->correlations[c->correlation_count];
        char where[80], num[MLROI_SHORTEST_SIZE];
        snprintf(where, sizeof where, "uncertainty.correlations[%d]", i);
        if (!cJSON_IsArray(e) || cJSON_GetArraySize(e) != 3)
            return mc_err(src, e, 0, where, MLROI_ERR_TYPE, "expected [input, input, rho]");
        a = cJSON_GetArrayItem(e, 0);
        b = cJSON_GetArrayItem(e, 1);
        rho = cJSON_GetArrayItem(e, 2);
        if (!cJSON_IsString(a) || !cJSON_IsString(b) || !cJSON_IsNumber(rho))
            return mc_err(src, e, 0, where, MLROI_ERR_TYPE, "expected [input, input, rho]");
        cor->a = find_input(c, a->valuestring);
        cor->b = find_input(c, b->valuestring);
        if (cor->a < 0 || cor->b < 0)
            return mc_err(src, cor->a < 0 ? a : b, 0, where, MLROI_ERR_INVALID,
                          "%s has no distribution in uncertainty.inputs",
                          cor->a < 0 ? a->valuestring : b->valuestring);
        if (cor->a == cor->b)
            return mc_err(src, e, 0, where, MLROI_ERR_INVALID,
                          "an input cannot be correlated with itself");
        cor->rho = rho->valuedouble;
        mlroi_shortest(num, cor->rho);
        if (!(cor->rho >= -1.0 && cor->rho <= 1.0))
            return mc_err(src, rho, 0, where, MLROI_ERR_RANGE,
                          "rho must be between -1 and 1, got %s",
                          isfinite(cor->rho) ? num : "a number too large to represent");
        for (size_t k = 0; k < c->correlation_count; k++) {
            const mlroi_mc_correlation *o = &c->correlations[k];
            if ((o->a == cor->a && o->b == cor->b) || (o->a == cor->b && o->b == cor->a))
                return mc_err(src, e, 0, where, MLROI_ERR_DUPLICATE,
                              "the pair %s, %s is correlated twice", a->valuestring,
                              b->valuestring);
        }
        c->correlation_count++;
    }
    return MLROI_OK;
}

/* The inputs taking part in a correlation (their indexes into cfg->inputs, ascending) and
 * the target matrix among them. Returns the count; *target is malloc'd (k x k). */
static int correlated_set(const mlroi_mc_config *c, int *members, double **target)
{
    int k = 0;
    *target = NULL;
    for (size_t i = 0; i < c->input_count; i++) {
        bool in = false;
        for (size_t j = 0; j < c->correlation_count; j++)
            if (c->correlations[j].a == (int)i || c->correlations[j].b == (int)i)
                in = true;
        if (in)
            members[k++] = (int)i;
    }
    if (k == 0)
        return 0;
    *target = calloc((size_t)k * (size_t)k, sizeof **target);
    if (*target == NULL)
        return -1;
    for (int i = 0; i < k; i++)
        (*target)[i * k + i] = 1.0;
    for (size_t j = 0; j < c->correlation_count; j++) {
        int a = -1, b = -1;
        for (int m = 0; m < k; m++) {
            if (members[m] == c->correlations[j].a) a = m;
            if (members[m] == c->correlations[j].b) b = m;
        }
        (*target)[a * k + b] = (*target)[b * k + a] = c->correlations[j].rho;
    }
    return k;
}

mlroi_error mlroi_mc_config_from_json(const mlroi_scenario *s, const cJSON *root,
                                      mlroi_mc_report_fn report, void *ctx,
                                      mlroi_mc_config **out, mlroi_diags *diags)
{
    const mc_src src = { s, report, ctx, diags };
    mlroi_mc_config *c = NULL;
    const cJSON *item, *inputs = NULL, *correlations = NULL;
    mlroi_error err = MLROI_OK;

    *out = NULL;
    if (root == NULL || !cJSON_IsObject(root))
        return mc_err(&src, root, 0, "uncertainty", MLROI_ERR_TYPE, "expected an object");
    c = calloc(1, sizeof *c);
    if (c == NULL)
        return mc_err(&src, root, 1, "uncertainty", MLROI_ERR_NOMEM, "out of memory");
    c->samples = MLROI_MC_DEFAULT_SAMPLES;
    c->seed = MLROI_MC_DEFAULT_SEED;
    c->method = MLROI_MC_LHS;
    c->bins = MLROI_MC_DEFAULT_BINS;
    cJSON_ArrayForEach(item, root) {
        const char *key = item->string;
        char where[160];
        double v = 0;
        snprintf(where, sizeof where, "uncertainty.%s", key);
        if (strcmp(key, "samples") == 0) {
            err = read_whole(&src, item, where, 1, MLROI_MC_MAX_SAMPLES, &v);
            c->samples = (size_t)v;
        } else if (strcmp(key, "seed") == 0) {
            err = read_whole(&src, item, where, 0, (double)MLROI_MAX_SEED, &v);
            c->seed = (uint64_t)v;
        } else if (strcmp(key, "bins") == 0) {
            err = read_whole(&src, item, where, 1, MLROI_MC_MAX_BINS, &v);
            c->bins = (size_t)v;
        } else if (strcmp(key, "method") == 0) {
            if (cJSON_IsString(item) && strcmp(item->valuestring, "lhs") == 0)
                c->method = MLROI_MC_LHS;
            else if (cJSON_IsString(item) && strcmp(item->valuestring, "mc") == 0)
                c->method = MLROI_MC_PLAIN;
            else
                err = mc_err(&src, item, 0, where, MLROI_ERR_INVALID,
                             "expected \"lhs\" (Latin hypercube) or \"mc\" (plain)");
        } else if (strcmp(key, "inputs") == 0) {
            inputs = item;
        } else if (strcmp(key, "correlations") == 0) {
            correlations = item;
        } else {
            err = mc_err(&src, item, 1, where, MLROI_ERR_UNKNOWN_KEY,
                         "unknown key; expected samples, seed, method, bins, inputs "
                         "or correlations");
        }
        if (err != MLROI_OK)
            goto cleanup;
    }
    if (inputs == NULL || !cJSON_IsObject(inputs) || cJSON_GetArraySize(inputs) == 0) {
        bool empty = cJSON_IsObject(inputs);
        err = mc_err(&src, inputs ? inputs : root, inputs == NULL, "uncertainty.inputs",
                     inputs ? MLROI_ERR_TYPE : MLROI_ERR_MISSING,
                     empty ? "the object of input paths is empty: declare one, e.g. "
                     "\"roi.avg_salary\": { \"dist\": \"normal\", \"mean\": 90000, "
                     "\"sd\": 10000 }"
                     : "expected an object of input paths and their distributions");
        goto cleanup;
    }
    if ((size_t)cJSON_GetArraySize(inputs) > MLROI_MC_MAX_INPUTS) {
        err = mc_err(&src, inputs, 1, "uncertainty.inputs", MLROI_ERR_LIMIT,
                     "more than %u uncertain inputs", MLROI_MC_MAX_INPUTS);
        goto cleanup;
    }
    c->inputs = calloc((size_t)cJSON_GetArraySize(inputs), sizeof *c->inputs);
    if (c->inputs == NULL) {
        err = mc_err(&src, inputs, 1, "uncertainty.inputs", MLROI_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    cJSON_ArrayForEach(item, inputs) {
        mlroi_mc_input *in = &c->inputs[c->input_count];
        char where[200];
        snprintf(where, sizeof where, "uncertainty.inputs.%s", item->string);
        if (strlen(item->string) >= sizeof in->path) {
            err = mc_err(&src, item, 1, where, MLROI_ERR_INVALID, "path too long");
            goto cleanup;
        }
        if (find_input(c, item->string) >= 0) {
            err = mc_err(&src, item, 1, where, MLROI_ERR_DUPLICATE, "given twice");
            goto cleanup;
        }
        snprintf(in->path, sizeof in->path, "%s", item->string);
        err = parse_input(&src, item, in);
        c->input_count++;   /* counted even on failure, so its table is freed */
        if (err != MLROI_OK)
            goto cleanup;
    }
    if (correlations != NULL) {
        int members[MLROI_MC_MAX_INPUTS], k;
        double *target = NULL;
        err = parse_correlations(&src, correlations, c);
        if (err != MLROI_OK)
            goto cleanup;
        k = correlated_set(c, members, &target);
        if (k < 0) {
            err = mc_err(&src, correlations, 1, "uncertainty.correlations", MLROI_ERR_NOMEM,
                         "out of memory");
            goto cleanup;
        }
        /* Refused, not repaired: a matrix that no set of variables can have means the
         * figures written contradict each other, and only their author knows which one is
         * wrong; a silent "nearest" matrix would change every one of them. Semi-definite
         * matrices (rho = +-1, or one column a blend of others) are accepted. */
        if (k > 0) {
            double least = 0.0;
            mlroi_error ck = mlroi_rank_target_check(target, k, &least);
            if (ck != MLROI_OK) {
                double written = mlroi_min_eigenvalue(target, k);
                err = mc_err(&src, correlations, 1, "uncertainty.correlations", ck,
                             "the correlation matrix is not positive semi-definite "
                             "(smallest eigenvalue %.3g): these correlations contradict "
                             "each other (lower the strongest ones)",
                             written < 0 ? written : least);
            }
        }
        free(target);
        if (err != MLROI_OK)
            goto cleanup;
    }
    *out = c;
    c = NULL;
cleanup:
    mlroi_mc_config_free(c);
    return err;
}

mlroi_error mlroi_mc_config_parse(const mlroi_scenario *s, mlroi_mc_config **out,
                                  mlroi_diags *diags)
{
    cJSON *root;
    mlroi_error err;

    *out = NULL;
    if (s->uncertainty_json == NULL)
        return mlroi_diags_add(diags, MLROI_ERR_MISSING, file_of(s), 0, 0, "uncertainty",
                               "the scenario declares no uncertain inputs (add an "
                               "\"uncertainty\" section)");
    /* The loader validated this text at its lines and columns already (mc_config.h); this
     * re-reading only builds the config, so its problems have no position to give. */
    root = cJSON_Parse(s->uncertainty_json);
    err = mlroi_mc_config_from_json(s, root, NULL, NULL, out, diags);
    cJSON_Delete(root);
    for (size_t j = 0; err == MLROI_OK && j < (*out)->input_count; j++)
        if (mlroi_dist_table(&(*out)->inputs[j].dist) != MLROI_OK) {
            mlroi_mc_config_free(*out);
            *out = NULL;
            err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "montecarlo",
                                  "out of memory");
        }
    return err;
}

/* ------------------------------------------------------------------------------------------
 * Sampling
 * ------------------------------------------------------------------------------------------ */

typedef struct mc_plan {
    const mlroi_mc_config *cfg;
    size_t n;
    uint64_t seed;
    mlroi_mc_method method;
    uint64_t keys[MLROI_MC_MAX_INPUTS];
    mlroi_perm strata[MLROI_MC_MAX_INPUTS];
    /* Correlated inputs are drawn up front (Iman-Conover needs them all at once). */
    double *columns[MLROI_MC_MAX_INPUTS];   /* NULL for an independent input */
    const double *given;   /* NULL, or the inputs to evaluate: n rows of input_count */
    double *kept;          /* NULL, or where to keep the inputs used: n rows of input_count */
} mc_plan;

#define DRAW_CHUNK 256
_Static_assert(DRAW_CHUNK <= MLROI_RUN_MANY, "a chunk is evaluated in one batch");

/* Input J's values in samples FIRST .. FIRST + COUNT - 1 (COUNT <= DRAW_CHUNK) into X: a
 * block at a time, each step one tight loop (the permutation's vectorises, the quantile's
 * switch is decided once). */
MLROI_CLONES
static void draw_block(const mc_plan *p, size_t j, size_t first, size_t count, double *x)
{
    const mlroi_mc_input *in = &p->cfg->inputs[j];
    const uint64_t key = p->keys[j];
    double u[DRAW_CHUNK];
    uint32_t stratum[DRAW_CHUNK];

    if (p->method == MLROI_MC_LHS) {
        const double n = (double)p->n;
        size_t k = 0;
        mlroi_perm_apply_many(&p->strata[j], first, count, stratum);
        mlroi_rng_uniform_many(key, first, count, u);
        /* in lanes (simd.h): the conversions and divisions several at a time, each as
         * written */
        for (; k + MLROI_LANES <= count; k += MLROI_LANES) {
            mlroi_vu r;
            mlroi_vd q;
            memcpy(&r, stratum + k, sizeof r);
            memcpy(&q, u + k, sizeof q);
            q = (mlroi_vu_to_vd(r) + q) / n;
            memcpy(u + k, &q, sizeof q);
        }
        for (; k < count; k++)
            u[k] = ((double)stratum[k] + u[k]) / n;
    } else {
        mlroi_rng_uniform_many(key, first, count, u);
    }
    mlroi_dist_quantile_many(&in->dist, u, x, count);
    if (in->whole) {
        for (size_t k = 0; k < count; k++) {
            double v = floor(x[k] + 0.5);
            if (v > in->dist.hi) v = floor(in->dist.hi);
            if (v < in->dist.lo) v = ceil(in->dist.lo);
            x[k] = v;
        }
    }
}

/* Input J's values in samples FIRST .. FIRST + COUNT - 1, any COUNT. */
static void draw_range(const mc_plan *p, size_t j, size_t first, size_t count, double *x)
{
    for (size_t k = 0; k < count; k += DRAW_CHUNK)
        draw_block(p, j, first + k, count - k < DRAW_CHUNK ? count - k : DRAW_CHUNK, x + k);
}

/* A correlated input's whole column, and with Latin hypercube its ascending order (sample
 * i sits in stratum perm(i), and the quantile function is monotone, so ORDER[perm(i)] = i),
 * for Iman-Conover. */
typedef struct column_job {
    const mc_plan *plan;
    size_t input;
    double *column;
    uint32_t *order;   /* NULL: the order is not known without sorting */
} column_job;

/* The part [LO, HI) of a column_job: each sample writes its own value and order entry. */
static void draw_column(void *ctx, size_t lo, size_t hi)
{
    column_job *cj = ctx;
    uint32_t stratum[DRAW_CHUNK];

    draw_range(cj->plan, cj->input, lo, hi - lo, cj->column + lo);
    if (cj->order == NULL)
        return;
    for (size_t i = lo; i < hi; i += DRAW_CHUNK) {
        size_t len = hi - i < DRAW_CHUNK ? hi - i : DRAW_CHUNK;
        mlroi_perm_apply_many(&cj->plan->strata[cj->input], i, len, stratum);
        for (size_t k = 0; k < len; k++)
            cj->order[stratum[k]] = (uint32_t)(i + k);
    }
}

/* The metrics' values as huge pages (values_alloc), for the workers to map before they write
 * them (values_prefault). */
typedef struct values_block {
    char *base;
    size_t pages;              /* of MLROI_HUGE_PAGE; 0 when not in huge pages */
    atomic_size_t next;        /* the first page no worker has taken yet */
} values_block;

/* What the workers share: they claim blocks of samples in order, so a thread that runs slower
 * (another job on its CPU) simply computes fewer of them. */
typedef struct mc_shared {
    atomic_size_t next;        /* first sample not claimed yet */
    atomic_size_t first_bad;   /* least sample that could not be evaluated, or SIZE_MAX */
    atomic_size_t done;        /* samples computed, for the progress bar */
    atomic_int finished;       /* workers that have stopped */
    int workers;               /* the workers started, and those that could not be */
    void *stats;               /* NULL, or the statistics' tasks (stats_run), which the
                                  workers take on once every sample is in */
    values_block *fresh;       /* NULL, or the values' memory to map first */
} mc_shared;

static void stats_range(void *ctx, size_t lo, size_t hi);
static void stats_block_in(void *ctx, size_t block);

typedef struct mc_job {
    const mc_plan *plan;
    const mlroi_scenario *source;
    const mlroi_benchmarks *bench;
    double *out[MLROI_MC_METRICS];
    mc_shared *shared;
    size_t bad;                /* the sample this worker could not evaluate, or SIZE_MAX */
    mlroi_error err;
    mlroi_diags diags;
} mc_job;

#define MC_BLOCK (16 * DRAW_CHUNK)   /* samples a worker claims at a time */

/* *AT = min(*AT, V). */
static void atomic_min_size(atomic_size_t *at, size_t v)
{
    size_t cur = atomic_load(at);
    while (v < cur && !atomic_compare_exchange_weak(at, &cur, v))
        ;
}

/* Say which sample could not be evaluated, why, and with which input values (VALUES[j *
 * STRIDE] is input j's): "sample 11274 cannot be evaluated: its figures are too large to
 * represent (business_case.discount_rate = -0.99999999994)". */
static void report_bad_sample(mc_job *job, mlroi_error err, const double *values, size_t stride)
{
    const mlroi_mc_config *cfg = job->plan->cfg;
    char list[480];
    size_t len = 0;

    list[0] = '\0';
    for (size_t j = 0; j < cfg->input_count; j++) {
        int w;
        if (len + 160 > sizeof list) {
            snprintf(list + len, sizeof list - len, ", ...");
            break;
        }
        w = snprintf(list + len, sizeof list - len, "%s%s = %.15g", j ? ", " : "",
                     cfg->inputs[j].path, values[j * stride]);
        if (w < 0 || (size_t)w >= sizeof list - len)
            break;
        len += (size_t)w;
    }
    mlroi_diags_add(&job->diags, err, file_of(job->source), 0, 0, "uncertainty",
                    "sample %zu cannot be evaluated: %s (%s)", job->bad,
                    err == MLROI_ERR_NUMERIC ? "its figures are too large to represent"
                                             : mlroi_strerror(err), list);
}

/* The workers' first task: BLOCK mapped, a huge page at a time, each page taken by one of
 * them. A page mapped when first written costs its writer more than the kernel mapping it
 * ahead (the writer waits for 2 MB of zeros, which then fill its caches): a million samples
 * (32 MB of values) finish about 1 ms sooner on two processors and 2 to 4 ms sooner on one.
 * Mapping changes no byte: a page already written stays as it is. Where the kernel cannot
 * (before Linux 5.14), each page comes when first written, as before. */
static void values_prefault(values_block *block)
{
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    for (;;) {
        size_t k = atomic_fetch_add(&block->next, 1);
        if (k >= block->pages)
            return;
        (void)madvise(block->base + k * MLROI_HUGE_PAGE, MLROI_HUGE_PAGE, MADV_POPULATE_WRITE);
    }
#else
    (void)block;
#endif
}

static void *mc_worker(void *arg)
{
    mc_job *job = arg;
    const mc_plan *p = job->plan;
    const mlroi_mc_config *cfg = p->cfg;
    mc_shared *sh = job->shared;
    const char *paths[MLROI_MC_MAX_INPUTS];
    double *slots[MLROI_MC_MAX_INPUTS];
    mlroi_scenario *s = mlroi_scenario_clone(job->source);
    mlroi_evaluator ev;
    mlroi_result r;
    double *buf = NULL, *nets = NULL, *irrs = NULL;
    int horizons[DRAW_CHUNK];
    bool present[DRAW_CHUNK];
    bool have_result = false, batch_irr = false;
    mlroi_error err = MLROI_OK;

    job->bad = SIZE_MAX;
    if (s == NULL) {
        err = mlroi_diags_add(&job->diags, MLROI_ERR_NOMEM, "", 0, 0, "montecarlo",
                              "out of memory");
        goto cleanup;
    }
    for (size_t j = 0; j < cfg->input_count; j++) {
        mlroi_binding b;
        err = mlroi_analysis_bind(s, cfg->inputs[j].path, &b, &job->diags);
        if (err != MLROI_OK)
            goto cleanup;
        slots[j] = b.value;
        paths[j] = cfg->inputs[j].path;
    }
    err = mlroi_evaluator_init(&ev, s, job->bench, paths, cfg->input_count, mc_metric_ids,
                               MLROI_MC_METRICS, &r, &job->diags);
    if (err != MLROI_OK)
        goto cleanup;
    have_result = true;
    /* On the fast path a chunk's IRRs are computed together, from its samples' net flows
     * (mlroi_irr_many: the same figures, several at once). */
    batch_irr = ev.fast;
    if (batch_irr)
        ev.parts |= MLROI_BC_SKIP_IRR;
    /* From the run's huge page region (huge_alloc.h): the flows alone would be 26 fresh
     * pages, a page fault each, in each worker. */
    buf = mlroi_huge_alloc(cfg->input_count * DRAW_CHUNK * sizeof *buf);
    if (batch_irr && buf != NULL) {
        nets = mlroi_huge_alloc(DRAW_CHUNK * (MLROI_MAX_YEARS + 1) * sizeof *nets);
        irrs = mlroi_huge_alloc(DRAW_CHUNK * sizeof *irrs);
        if (nets == NULL || irrs == NULL) {
            mlroi_huge_free(buf);
            buf = NULL;
        }
    }
    if (buf == NULL) {
        err = mlroi_diags_add(&job->diags, MLROI_ERR_NOMEM, "", 0, 0, "montecarlo",
                              "out of memory");
        goto cleanup;
    }
    if (sh->fresh != NULL)
        values_prefault(sh->fresh);
    /* Blocks are claimed in ascending order and a worker stops only past the least failed
     * sample, so every sample before it is evaluated: the failure reported is the first one,
     * whatever the threads. */
    for (;;) {
        size_t first = atomic_fetch_add(&sh->next, MC_BLOCK), last;
        if (first >= p->n || first >= atomic_load(&sh->first_bad))
            break;
        last = p->n - first < MC_BLOCK ? p->n : first + MC_BLOCK;
        for (size_t i = first; i < last; i += DRAW_CHUNK) {
            size_t len = last - i < DRAW_CHUNK ? last - i : DRAW_CHUNK;
            /* A block of each input at a time (draw_block). A value depends only on its
             * input and sample number, never on where a block starts. */
            for (size_t j = 0; j < cfg->input_count; j++) {
                double *b = buf + j * DRAW_CHUNK;
                if (p->given != NULL) {
                    for (size_t k = 0; k < len; k++)
                        b[k] = p->given[(i + k) * cfg->input_count + j];
                } else if (p->columns[j] != NULL) {
                    memcpy(b, p->columns[j] + i, len * sizeof *b);
                } else {
                    draw_block(p, j, i, len, b);
                }
                if (p->kept != NULL)
                    for (size_t k = 0; k < len; k++)
                        p->kept[(i + k) * cfg->input_count + j] = b[k];
            }
            /* A chunk at once when the evaluator can (the same figures); a chunk with a
             * sample that cannot be evaluated runs one by one, which reports it. */
            if (ev.batch &&
                mlroi_evaluator_run_many(&ev, slots, cfg->input_count, buf, DRAW_CHUNK, len,
                                         job->out[0] + i, job->out[1] + i, job->out[2] + i,
                                         present, nets, MLROI_MAX_YEARS + 1) == len) {
                for (size_t k = 0; k < len; k++) {
                    horizons[k] = present[k] ? ev.cases.n : 0;
                    if (!present[k])
                        nets[k * (MLROI_MAX_YEARS + 1)] = 0;
                }
                mlroi_irr_many(nets, MLROI_MAX_YEARS + 1, horizons, len, irrs);
                for (size_t k = 0; k < len; k++)
                    job->out[3][i + k] = present[k] ? irrs[k] : NAN;
                continue;
            }
            for (size_t k = 0; k < len; k++) {
                for (size_t j = 0; j < cfg->input_count; j++)
                    *slots[j] = buf[j * DRAW_CHUNK + k];
                err = mlroi_evaluator_run(&ev, &r);
                if (err != MLROI_OK) {
                    job->bad = i + k;
                    atomic_min_size(&sh->first_bad, job->bad);
                    report_bad_sample(job, err, buf + k, DRAW_CHUNK);
                    goto cleanup;
                }
                job->out[0][i + k] = r.bcase.present ? r.bcase.adjusted.npv : NAN;
                job->out[1][i + k] = r.bcase.present ? r.bcase.adjusted.roi_percent : NAN;
                job->out[2][i + k] = r.bcase.present ? r.bcase.adjusted.payback_months : NAN;
                if (!batch_irr) {
                    job->out[3][i + k] = r.bcase.present ? r.bcase.adjusted.irr : NAN;
                    continue;
                }
                present[k] = r.bcase.present;
                horizons[k] = r.bcase.present ? r.bcase.adjusted.horizon : 0;
                for (int t = 0; t <= horizons[k]; t++)
                    nets[k * (MLROI_MAX_YEARS + 1) + (size_t)t] =
                        r.bcase.present ? r.bcase.adjusted.years[t].net : 0;
            }
            if (batch_irr) {
                mlroi_irr_many(nets, MLROI_MAX_YEARS + 1, horizons, len, irrs);
                for (size_t k = 0; k < len; k++)
                    job->out[3][i + k] = present[k] ? irrs[k] : NAN;
            }
        }
        if (sh->stats != NULL)
            stats_block_in(sh->stats, first / MC_BLOCK);
        atomic_fetch_add(&sh->done, last - first);
    }
cleanup:
    mlroi_huge_free(buf);
    mlroi_huge_free(nets);
    mlroi_huge_free(irrs);
    if (have_result)
        mlroi_result_free(&r);
    mlroi_scenario_free(s);
    job->err = err;
    atomic_fetch_add(&sh->finished, 1);
    /* The statistics go on in the threads that are running anyway: a thread started now
     * would first wait for its processor to wake up. */
    if (sh->stats != NULL) {
        while (atomic_load(&sh->finished) < sh->workers)
            mlroi_thread_yield();
        if (atomic_load(&sh->done) == p->n && atomic_load(&sh->first_bad) == SIZE_MAX)
            stats_range(sh->stats, 0, 0);
    }
    return NULL;
}

/* ------------------------------------------------------------------------------------------
 * Statistics
 * ------------------------------------------------------------------------------------------ */

/* Room for COUNT values of each metric, VALUES[m] metric m's, in one block freed with
 * free(VALUES[0]); false when memory is short (then every VALUES[m] is NULL). A million
 * samples are 8 MB per metric, written once each: in 4 KB pages that is 2,000 page faults per
 * metric, a fifth of a run's time. Linux backs a block aligned to 2 MB with huge pages when
 * asked (the default "madvise" setting), which turns them into a handful. One block for the
 * four metrics, each from a huge page on, takes one mapping where four took a dozen system
 * calls. BLOCK (or NULL) gets the block when it is in huge pages. */
static bool values_alloc(double *values[MLROI_MC_METRICS], size_t count, values_block *block)
{
    const size_t bytes = count * sizeof **values;
    size_t stride = (bytes + 63) / 64 * 64;   /* each metric's from a cache line on */
    void *p = NULL;
    if (block != NULL)
        *block = (values_block){ NULL, 0, 0 };
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= 2 * MLROI_HUGE_PAGE) {
        /* the tail too, in a huge page */
        stride = (bytes + MLROI_HUGE_PAGE - 1) / MLROI_HUGE_PAGE * MLROI_HUGE_PAGE;
        if (posix_memalign(&p, MLROI_HUGE_PAGE, MLROI_MC_METRICS * stride) != 0) {
            p = NULL;
        } else {
            (void)madvise(p, MLROI_MC_METRICS * stride, MADV_HUGEPAGE);   /* a hint */
            if (block != NULL)
                *block = (values_block){ p, MLROI_MC_METRICS * stride / MLROI_HUGE_PAGE, 0 };
        }
    } else
#endif
    {
        p = malloc(MLROI_MC_METRICS * stride + 1);
    }
    for (int m = 0; m < MLROI_MC_METRICS; m++)
        values[m] = p != NULL ? (double *)((char *)p + (size_t)m * stride) : NULL;
    return p != NULL;
}

static void swap_d(double *a, double *b)
{
    double t = *a;
    *a = *b;
    *b = t;
}

/* Rearrange a[lo..hi) so that a[k] holds the value it would have if sorted, with nothing
 * greater before it and nothing smaller after it (Hoare partition around a median of three;
 * equal values split evenly, so many ties stay linear). */
static void select_kth(double *a, size_t lo, size_t hi, size_t k)
{
    while (hi - lo > 16) {
        size_t mid = lo + (hi - lo) / 2, i, j;
        double pivot;
        if (a[mid] < a[lo]) swap_d(&a[mid], &a[lo]);
        if (a[hi - 1] < a[lo]) swap_d(&a[hi - 1], &a[lo]);
        if (a[hi - 1] < a[mid]) swap_d(&a[hi - 1], &a[mid]);
        pivot = a[mid];
        /* Classic Hoare: i starts one before lo (unsigned wrap-around is well defined). */
        i = lo - 1;
        j = hi;
        for (;;) {
            do i++; while (a[i] < pivot);
            do j--; while (pivot < a[j]);
            if (i >= j)
                break;
            swap_d(&a[i], &a[j]);
        }
        /* a[lo..j] <= pivot <= a[j+1..hi) */
        if (k <= j)
            hi = j + 1;
        else
            lo = j + 1;
    }
    /* Insertion sort of the small rest. */
    for (size_t i = lo + 1; i < hi; i++) {
        double v = a[i];
        size_t j = i;
        while (j > lo && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

/* Place every rank of RANKS (ascending, within [lo, hi)) at its sorted position. */
static void select_many(double *a, size_t lo, size_t hi, const size_t *ranks, size_t count)
{
    size_t mid, k;
    if (count == 0 || hi - lo < 2)
        return;
    mid = count / 2;
    k = ranks[mid];
    select_kth(a, lo, hi, k);
    select_many(a, lo, k, ranks, mid);
    {
        size_t first_right = mid + 1;
        while (first_right < count && ranks[first_right] == k)
            first_right++;
        select_many(a, k + 1, hi, ranks + first_right, count - first_right);
    }
}

#define SELECT_BUCKETS 4096
_Static_assert(MLROI_MC_MAX_SAMPLES <= UINT32_MAX, "a bucket's count fits 32 bits");
/* Order statistics a metric's figures need: two per percentile, two per core bound of the
 * NPV histogram. */
#define MAX_RANKS (2 * (MLROI_MC_PCT_COUNT + 2))

/* The value of order statistic RANK among the RC ranks computed into OS. */
static double os_at(const size_t *ranks, const double *os, size_t rc, size_t rank)
{
    for (size_t i = 0; i < rc; i++)
        if (ranks[i] == rank)
            return os[i];
    return NAN;
}

static size_t bucket_of_value(double x, double min, double scale)
{
    return mlroi_index((x - min) * scale, SELECT_BUCKETS - 1);
}

/* BYTES of zeros, freed with mlroi_huge_free: the statistics' buckets and pools come from the
 * run's huge page region (huge_alloc.h), which spares each metric some 20 fresh pages, a page
 * fault each. */
static void *stats_zeroed(size_t bytes)
{
    void *p = mlroi_huge_alloc(bytes);
    if (p != NULL)
        memset(p, 0, bytes);
    return p;
}

/* Counts kept by lane, bin k of lane w at LANES[k * MLROI_LANES + w] (values in a row that fall
 * in the same bin, as they often do when the values crowd a few, then do not wait on each
 * other), added into COUNTS[0 .. BINS). */
static void lane_counts_add(size_t *counts, const size_t *lanes, size_t bins)
{
    for (size_t k = 0; k < bins; k++)
        for (size_t w = 0; w < MLROI_LANES; w++)
            counts[k] += lanes[k * MLROI_LANES + w];
}

/* The values of V[0 .. M) in a WANTED bucket (bucket_of_value(v, MIN, SCALE)) copied in
 * order to POOL, bucket b's at END[b] on; the buckets worked out in lanes. */
MLROI_CLONES
static void pool_fill(const double *v, size_t m, double min, double scale,
                      const unsigned char *wanted, size_t *end, double *pool)
{
    size_t i;
    for (i = 0; i + MLROI_LANES <= m; i += MLROI_LANES) {
        mlroi_vd x;
        mlroi_vi b;
        memcpy(&x, v + i, sizeof x);
        b = mlroi_vindex((x - min) * scale, SELECT_BUCKETS - 1);
        for (int w = 0; w < MLROI_LANES; w++)
            if (wanted[b[w]])
                pool[end[b[w]]++] = x[w];
    }
    for (; i < m; i++) {
        size_t b = bucket_of_value(v[i], min, scale);
        if (wanted[b])
            pool[end[b]++] = v[i];
    }
}

/* OS[i] = the RANKS[i]-th smallest of V[0..m) (ranks ascending, distinct). COUNT (or NULL)
 * holds how many values fall in each of SELECT_BUCKETS equal-width buckets between MIN and
 * MAX, as bucket_of_value(v, MIN, SCALE) places them (monotone in the value, since IEEE
 * rounding is); only the few buckets holding a wanted rank are copied out and searched. One
 * more pass over the data instead of the several a selection makes: at a million samples
 * memory traffic is what costs. Falls back to selection in place without counts or when the
 * wanted buckets hold much of the data (a spike of equal values). */
static void order_statistics(double *v, size_t m, double min, double scale, const uint32_t *count,
                             const size_t *ranks, size_t rc, double *os)
{
    size_t *start = NULL, *end = NULL, total = 0;
    size_t bucket[MAX_RANKS], below_of[MAX_RANKS];
    unsigned char *wanted = NULL;
    double *pool = NULL;

    if (count == NULL)
        goto fallback;
    start = stats_zeroed(SELECT_BUCKETS * sizeof *start);
    end = stats_zeroed(SELECT_BUCKETS * sizeof *end);
    wanted = stats_zeroed(SELECT_BUCKETS);
    if (start == NULL || end == NULL || wanted == NULL)
        goto fallback;
    for (size_t b = 0, below = 0, r = 0; b < SELECT_BUCKETS; b++) {
        while (r < rc && ranks[r] < below + count[b]) {
            bucket[r] = b;
            below_of[r] = below;
            if (!wanted[b]) {
                wanted[b] = 1;
                start[b] = end[b] = total;
                total += count[b];
            }
            r++;
        }
        below += count[b];
    }
    if (total > m / 4)
        goto fallback;
    pool = mlroi_huge_alloc((total ? total : 1) * sizeof *pool);
    if (pool == NULL)
        goto fallback;
    pool_fill(v, m, min, scale, wanted, end, pool);
    for (size_t r = 0; r < rc; r++) {
        size_t b = bucket[r], at = start[b] + (ranks[r] - below_of[r]);
        select_kth(pool, start[b], end[b], at);
        os[r] = pool[at];
    }
    goto cleanup;
fallback:
    select_many(v, 0, m, ranks, rc);
    for (size_t r = 0; r < rc; r++)
        os[r] = v[ranks[r]];
cleanup:
    mlroi_huge_free(pool);
    mlroi_huge_free(start);
    mlroi_huge_free(end);
    mlroi_huge_free(wanted);
}

/* The NPV histogram: BINS counts over [lo, hi] (edges filled by the caller), and the same
 * over the core [P0.5, P99.5] with the samples outside it counted apart. */
typedef struct mc_hist {
    size_t bins;
    size_t *counts;
    double *core_edges;
    size_t *core_counts;
    size_t tail_low, tail_high;
} mc_hist;

/* The core's bounds: the 0.5th and 99.5th percentiles, in per mille. */
static const int core_permille[2] = { 5, 995 };

/* Type 7 position of the P-per-mille percentile among M values. */
static double pct_position(int permille, size_t m)
{
    return (double)permille / 1000.0 * (double)(m - 1);
}

/* One metric's statistics as they are worked out: of V[0..n) (NAN = undefined, V reordered),
 * and when asked, how many values are above zero (POSITIVE) and the histogram of the defined
 * values over [min, max] (HIST). Three passes over the data: the defined values, their sum
 * and extremes; squared deviations, bucket and histogram counts; the wanted buckets (and a
 * fourth for the histogram's core). The first two are chains of additions, each step waiting
 * on the last, so two metrics walk them side by side (first_pair, stats_pair): the same
 * additions in the same order for each, in the time of one. The first pass can go block by
 * block, as the samples come in (stats_chain), then all four metrics side by side
 * (first_all). */
typedef struct stats_acc {
    double *v;
    size_t n;
    mlroi_mc_stats *st;
    size_t *positive;
    mc_hist *hist;
    size_t m, above;
    double sum, lo, hi;                 /* first pass */
    mlroi_vd lane_lo, lane_hi;          /* the first pass's lanes (first_lanes) */
    mlroi_vm lane_above;
    double mean, ss, scale, h_lo, width;   /* second pass */
    size_t *hist_lanes;                 /* HIST's counts by lane (lane_counts_add), or NULL */
    uint32_t *count;                    /* selection buckets by lane (bucket b of lane w at
                                           count[b * MLROI_LANES + w], added in place before
                                           the selection), or NULL */
    bool more;                          /* defined values, after the first pass */
} stats_acc;

static void stats_start(stats_acc *a, double *v, size_t n, mlroi_mc_stats *st, size_t *positive,
                        mc_hist *hist)
{
    *a = (stats_acc){ .v = v, .n = n, .st = st, .positive = positive, .hist = hist,
                      .lo = INFINITY, .hi = -INFINITY };
    a->lane_lo = (mlroi_vd){ 0 } + INFINITY;
    a->lane_hi = (mlroi_vd){ 0 } - INFINITY;
    st->mean = st->sd = st->min = st->max = NAN;
    for (int k = 0; k < MLROI_MC_PCT_COUNT; k++)
        st->pct[k] = NAN;
}

/* The first pass's step for value I: defined values move to the front. */
static MLROI_INLINE void first_step(stats_acc *a, size_t i)
{
    double x = a->v[i];
    if (isnan(x))
        return;
    if (a->m != i)
        a->v[a->m] = x;
    a->m++;
    a->sum += x;
    if (x < a->lo) a->lo = x;
    if (x > a->hi) a->hi = x;
    a->above += x > 0;
}

/* The first pass's steps for values I .. I + MLROI_LANES - 1: without an undefined one among
 * them, the extremes and the count above zero in lanes (LO, HI, ABOVE), the sum a value at a
 * time as ever. The lanes' extremes are those of what they saw; the least of them is the
 * least value, whose first occurrence first_lanes_end looks for only when it is a zero (the
 * one case where equal values differ: -0 and +0). */
static MLROI_INLINE void first_lanes(stats_acc *a, size_t i)
{
    mlroi_vd x;
    mlroi_vm undefined;
    memcpy(&x, a->v + i, sizeof x);
    undefined = x != x;
    if (mlroi_vany(&undefined)) {
        for (size_t w = 0; w < MLROI_LANES; w++)
            first_step(a, i + w);
        return;
    }
    if (a->m != i)   /* else in place already: not writing keeps the memory clean */
        memcpy(a->v + a->m, &x, sizeof x);
    a->m += MLROI_LANES;
    for (int w = 0; w < MLROI_LANES; w++)
        a->sum += x[w];
    a->lane_lo = mlroi_vsel(x < a->lane_lo, x, a->lane_lo);
    a->lane_hi = mlroi_vsel(x > a->lane_hi, x, a->lane_hi);
    a->lane_above -= x > 0;   /* a set lane is -1 */
}

/* The lanes' extremes and count into A; a zero extreme is looked for again one value at a
 * time, so that the sign kept is that of its first occurrence, as first_step keeps it. */
static void first_lanes_end(stats_acc *a)
{
    for (int w = 0; w < MLROI_LANES; w++) {
        if (a->lane_lo[w] < a->lo) a->lo = a->lane_lo[w];
        if (a->lane_hi[w] > a->hi) a->hi = a->lane_hi[w];
        a->above += (size_t)a->lane_above[w];
    }
    if (a->lo == 0 || a->hi == 0) {
        a->lo = INFINITY;
        a->hi = -INFINITY;
        for (size_t i = 0; i < a->m; i++) {
            if (a->v[i] < a->lo) a->lo = a->v[i];
            if (a->v[i] > a->hi) a->hi = a->v[i];
        }
    }
}

/* Between the passes: the first's figures, the mean and the buckets. False when no value is
 * defined (nothing more to do). */
static bool stats_middle(stats_acc *a)
{
    mlroi_mc_stats *st = a->st;
    st->defined = a->m;
    st->undefined_share = a->n ? (double)(a->n - a->m) / (double)a->n : 0.0;
    if (a->positive != NULL)
        *a->positive = a->above;
    if (a->m == 0)
        return false;
    st->min = a->lo;
    st->max = a->hi;
    a->mean = a->sum / (double)a->m;
    /* Buckets for the order statistics, when there are enough values to pay for them. */
    if (a->m >= 4 * SELECT_BUCKETS && a->hi > a->lo) {
        a->count = stats_zeroed(SELECT_BUCKETS * MLROI_LANES * sizeof *a->count);
        a->scale = (double)SELECT_BUCKETS / (a->hi - a->lo);
    }
    if (a->hist != NULL)
        a->hist_lanes = stats_zeroed(a->hist->bins * MLROI_LANES * sizeof *a->hist_lanes);
    /* Every sample equal: one unit-wide span around it (as the histogram's edges are). */
    a->h_lo = a->hi > a->lo ? a->lo : a->lo - 0.5;
    a->width = a->hi > a->lo ? a->hi - a->lo : 1.0;
    return true;
}

/* The second pass's step for defined value I. */
static MLROI_INLINE void second_step(stats_acc *a, size_t i)
{
    double x = a->v[i];
    if (a->hist != NULL) {
        a->hist->counts[mlroi_index((x - a->h_lo) / a->width * (double)a->hist->bins,
                                    a->hist->bins - 1)]++;
    }
    a->ss += (x - a->mean) * (x - a->mean);
    if (a->count != NULL)
        a->count[bucket_of_value(x, a->lo, a->scale) * MLROI_LANES]++;
}

/* The second pass's steps for defined values I .. I + MLROI_LANES - 1: the divisions and
 * products in lanes, each as second_step writes it; the squares added one at a time, in
 * order. */
static MLROI_INLINE void second_lanes(stats_acc *a, size_t i)
{
    mlroi_vd x, d;
    memcpy(&x, a->v + i, sizeof x);
    if (a->hist != NULL) {
        const size_t bins = a->hist->bins;
        mlroi_vi kv = mlroi_vindex((x - a->h_lo) / a->width * (double)bins, bins - 1);
        for (int w = 0; w < MLROI_LANES; w++) {
            size_t k = (size_t)kv[w];
            if (a->hist_lanes != NULL)
                a->hist_lanes[k * MLROI_LANES + (size_t)w]++;
            else
                a->hist->counts[k]++;
        }
    }
    d = x - a->mean;
    d = d * d;
    for (int w = 0; w < MLROI_LANES; w++)
        a->ss += d[w];
    if (a->count != NULL) {
        mlroi_vi b = mlroi_vindex((x - a->lo) * a->scale, SELECT_BUCKETS - 1);
        for (int w = 0; w < MLROI_LANES; w++)
            a->count[(size_t)b[w] * MLROI_LANES + (size_t)w]++;
    }
}

/* After the second pass: A's histogram counts by lane into the histogram. */
static void hist_lanes_end(stats_acc *a)
{
    if (a->hist_lanes == NULL)
        return;
    lane_counts_add(a->hist->counts, a->hist_lanes, a->hist->bins);
    mlroi_huge_free(a->hist_lanes);
    a->hist_lanes = NULL;
}

/* The core histogram of V[0 .. M) over [LO, HI] (LO < HI) into HIST, the values outside it
 * counted apart: the divisions in lanes, each as written one at a time. */
MLROI_CLONES
static void core_pass(const double *v, size_t m, double lo, double hi, mc_hist *hist)
{
    const double width = hi - lo, bins = (double)hist->bins;
    const size_t nb = hist->bins;
    size_t *lanes = stats_zeroed(nb * MLROI_LANES * sizeof *lanes);
    size_t i = 0, below = 0, above = 0;

    if (lanes != NULL)
        for (; i + MLROI_LANES <= m; i += MLROI_LANES) {
            mlroi_vd x;
            mlroi_vi k;
            memcpy(&x, v + i, sizeof x);
            k = mlroi_vindex((x - lo) / width * bins, nb - 1);
            for (int w = 0; w < MLROI_LANES; w++) {
                if (x[w] < lo)
                    below++;
                else if (x[w] > hi)
                    above++;
                else
                    lanes[(size_t)k[w] * MLROI_LANES + (size_t)w]++;
            }
        }
    for (; i < m; i++) {
        if (v[i] < lo)
            below++;
        else if (v[i] > hi)
            above++;
        else
            hist->core_counts[mlroi_index((v[i] - lo) / width * bins, nb - 1)]++;
    }
    if (lanes != NULL)
        lane_counts_add(hist->core_counts, lanes, nb);
    mlroi_huge_free(lanes);
    hist->tail_low += below;
    hist->tail_high += above;
}

/* After the passes: the spread, the percentiles and the histogram's core. */
static void stats_finish(stats_acc *a)
{
    mlroi_mc_stats *st = a->st;
    mc_hist *hist = a->hist;
    double *v = a->v;
    size_t m = a->m, ranks[MAX_RANKS], rc = 0;
    double os[MAX_RANKS], core[2];

    st->mean = a->mean;
    st->sd = m > 1 ? sqrt(a->ss / (double)(m - 1)) : NAN;
    /* Type 7 (PERCENTILE.INC): position h = p (m - 1), between order statistics floor(h)
     * and floor(h) + 1. The histogram's core bounds come first and last. */
    for (int k = -1; k <= MLROI_MC_PCT_COUNT; k++) {
        double h;
        size_t at;
        if ((k < 0 || k == MLROI_MC_PCT_COUNT) && hist == NULL)
            continue;
        h = k < 0 ? pct_position(core_permille[0], m)
            : k == MLROI_MC_PCT_COUNT ? pct_position(core_permille[1], m)
                                      : (double)mlroi_mc_percentiles[k] / 100.0 * (double)(m - 1);
        at = (size_t)floor(h);
        ranks[rc++] = at;
        if (at + 1 < m)
            ranks[rc++] = at + 1;
    }
    /* Ranks ascend already (percentiles ascend); drop repeats. */
    {
        size_t w = 0;
        for (size_t i = 0; i < rc; i++)
            if (w == 0 || ranks[i] != ranks[w - 1])
                ranks[w++] = ranks[i];
        rc = w;
    }
    if (a->count != NULL) {   /* the lanes' counts added, in place */
        for (size_t b = 0; b < SELECT_BUCKETS; b++) {
            uint32_t c = 0;
            for (size_t w = 0; w < MLROI_LANES; w++)
                c += a->count[b * MLROI_LANES + w];
            a->count[b] = c;
        }
    }
    order_statistics(v, m, a->lo, a->scale, a->count, ranks, rc, os);
    mlroi_huge_free(a->count);
    a->count = NULL;
    for (int k = 0; k < MLROI_MC_PCT_COUNT; k++) {
        double h = (double)mlroi_mc_percentiles[k] / 100.0 * (double)(m - 1);
        size_t at = (size_t)floor(h);
        double frac = h - (double)at;
        double lo = os_at(ranks, os, rc, at);
        st->pct[k] = (at + 1 < m && frac > 0) ? lo + frac * (os_at(ranks, os, rc, at + 1) - lo)
                                               : lo;
    }
    if (hist == NULL)
        return;
    for (int j = 0; j < 2; j++) {
        double h = pct_position(core_permille[j], m);
        size_t at = (size_t)floor(h);
        double frac = h - (double)at, lo = os_at(ranks, os, rc, at);
        core[j] = (at + 1 < m && frac > 0) ? lo + frac * (os_at(ranks, os, rc, at + 1) - lo) : lo;
    }
    /* One more pass for the core; V is reordered but holds the same values. */
    if (core[1] > core[0]) {
        double width = core[1] - core[0];
        for (size_t k = 0; k <= hist->bins; k++)
            hist->core_edges[k] = core[0] + width * ((double)k / (double)hist->bins);
        hist->core_edges[hist->bins] = core[1];
        core_pass(v, m, core[0], core[1], hist);
    } else {
        /* No spread in the core: the caller copies the full histogram. */
        hist->tail_low = hist->tail_high = 0;
        hist->core_edges[0] = NAN;
    }
}

/* The first pass of two or four metrics (*ACC[0 .. COUNT)) over values [FROM, TO), their
 * chains side by side: they wait on their last additions together, in the time of one, where
 * one metric after the other would wait COUNT times. FROM is a multiple of MLROI_LANES, and TO
 * too unless it is the end. The accumulators are worked on in local copies, one variable each,
 * which the compiler keeps in registers; COUNT is a constant in each caller (first_pair,
 * first_all), so the test of it goes. */
_Static_assert(MLROI_MC_METRICS == 4, "the first pass walks two metrics or four");
static MLROI_INLINE void first_chains(stats_acc *const *acc, int count, size_t from, size_t to)
{
    stats_acc w = *acc[0], x = *acc[1];
    stats_acc y = count > 2 ? *acc[2] : w, z = count > 2 ? *acc[3] : x;
    size_t i;
    for (i = from; i + MLROI_LANES <= to; i += MLROI_LANES) {
        first_lanes(&w, i);
        first_lanes(&x, i);
        if (count > 2) {
            first_lanes(&y, i);
            first_lanes(&z, i);
        }
    }
    for (; i < to; i++) {
        first_step(&w, i);
        first_step(&x, i);
        if (count > 2) {
            first_step(&y, i);
            first_step(&z, i);
        }
    }
    *acc[0] = w;
    *acc[1] = x;
    if (count > 2) {
        *acc[2] = y;
        *acc[3] = z;
    }
}

/* The first pass of A and B over every value, when the samples are kept (stats_range). */
MLROI_CLONES
static void first_pair(stats_acc *a, stats_acc *b, size_t from, size_t to)
{
    stats_acc *const pair[2] = { a, b };
    first_chains(pair, 2, from, to);
}

/* The first pass of every metric (ACC[0 .. MLROI_MC_METRICS)) over values [FROM, TO), as the
 * samples come in (stats_chain). */
MLROI_CLONES
static void first_all(stats_acc *acc, size_t from, size_t to)
{
    stats_acc *const all[MLROI_MC_METRICS] = { &acc[0], &acc[1], &acc[2], &acc[3] };
    first_chains(all, MLROI_MC_METRICS, from, to);
}

/* The rest of the statistics of A and B (of as many values), whose first pass has seen every
 * value: the second pass side by side. */
MLROI_CLONES
static void stats_pair(stats_acc *a, stats_acc *b)
{
    stats_acc x = *a, y = *b;
    bool more_x, more_y;
    size_t i, both;

    first_lanes_end(&x);
    first_lanes_end(&y);
    more_x = stats_middle(&x);
    more_y = stats_middle(&y);
    both = more_x && more_y ? (x.m < y.m ? x.m : y.m) : 0;
    for (i = 0; i + MLROI_LANES <= both; i += MLROI_LANES) {
        second_lanes(&x, i);
        second_lanes(&y, i);
    }
    for (; i < both; i++) {
        second_step(&x, i);
        second_step(&y, i);
    }
    /* the rest of the one with more defined values */
    {
        stats_acc *rest = more_x && (!more_y || x.m >= y.m) ? &x : more_y ? &y : NULL;
        if (rest != NULL)
            for (; i < rest->m; i++)
                second_step(rest, i);
    }
    hist_lanes_end(&x);
    hist_lanes_end(&y);
    x.more = more_x;
    y.more = more_y;
    *a = x;
    *b = y;
}

/* The statistics' tasks: each pair's passes, then each metric's percentiles (stats_finish),
 * which wait for its pair. A thread takes whichever task can start, so one on a busier CPU
 * simply takes fewer. The NPV, whose histogram makes it the most work, goes with the IRR,
 * defined least often; the ROI with the payback. */
_Static_assert(MLROI_MC_METRICS == 4, "the metrics go in two pairs");
static const int stats_pairs[2][2] = { { 0, 3 }, { 1, 2 } };
#define STATS_TASKS (2 + MLROI_MC_METRICS)

typedef struct stats_run {
    stats_acc *acc;
    size_t n;
    atomic_bool taken[STATS_TASKS];
    atomic_bool passed[2];     /* a pair's passes are done */
    /* The first pass as the samples come in (stats_chain), or with ready NULL in the pairs'
     * tasks. */
    atomic_bool *ready;        /* per block of MC_BLOCK samples: its values are in */
    size_t blocks;
    atomic_size_t chained;     /* the blocks the first pass has seen, from the first on */
    atomic_bool chaining;      /* a thread is at it */
} stats_run;

/* The pair of metric task T (T >= 2 is metric T - 2, the NPV's first). */
static int stats_pair_of(size_t t)
{
    int m = (int)t - 2;
    return m == stats_pairs[0][0] || m == stats_pairs[0][1] ? 0 : 1;
}

/* The first pass over the blocks that are in, in order, by whichever thread finds the next
 * one in: most often the one that has just computed it, whose caches still hold its values.
 * A pass over a million values from memory after the samples, for each metric, becomes a pass
 * over a few cached blocks at a time while they are made; the additions are the same, in the
 * same order. */
static void stats_chain(stats_run *run)
{
    for (;;) {
        size_t b = atomic_load(&run->chained);
        bool no = false;
        if (b == run->blocks || !atomic_load(&run->ready[b]))
            return;
        /* Another thread at it looks again once it lets go, so it will see this block. */
        if (!atomic_compare_exchange_strong(&run->chaining, &no, true))
            return;
        while (b < run->blocks && atomic_load(&run->ready[b])) {
            size_t from = b * MC_BLOCK, to = run->n - from < MC_BLOCK ? run->n : from + MC_BLOCK;
            first_all(run->acc, from, to);
            atomic_store(&run->chained, ++b);
        }
        atomic_store(&run->chaining, false);
    }
}

/* Block BLOCK of the samples is in (its values written): on with the first pass. */
static void stats_block_in(void *ctx, size_t block)
{
    stats_run *run = ctx;
    if (run->ready == NULL)
        return;
    atomic_store(&run->ready[block], true);
    stats_chain(run);
}

static void stats_range(void *ctx, size_t lo, size_t hi)
{
    stats_run *run = ctx;
    (void)lo;
    (void)hi;
    /* Every block is in: the first pass ends, whoever has it. */
    if (run->ready != NULL) {
        stats_chain(run);
        while (atomic_load(&run->chained) < run->blocks)
            mlroi_thread_yield();
    }
    for (;;) {
        bool left = false, took = false;
        for (size_t t = 0; t < STATS_TASKS && !took; t++) {
            bool no = false;
            if (atomic_load(&run->taken[t]))
                continue;
            left = true;
            if (t >= 2 && !atomic_load(&run->passed[stats_pair_of(t)]))
                continue;
            if (!atomic_compare_exchange_strong(&run->taken[t], &no, true))
                continue;
            took = true;
            if (t < 2) {
                stats_acc *a = &run->acc[stats_pairs[t][0]], *b = &run->acc[stats_pairs[t][1]];
                if (run->ready == NULL)
                    first_pair(a, b, 0, run->n);
                stats_pair(a, b);
                atomic_store(&run->passed[t], true);
            } else if (run->acc[t - 2].more) {
                stats_finish(&run->acc[t - 2]);
            }
        }
        if (!left)
            return;
        if (!took)
            mlroi_thread_yield();   /* the tasks left wait for a pair another thread has */
    }
}

/* ------------------------------------------------------------------------------------------
 * Run
 * ------------------------------------------------------------------------------------------ */

void mlroi_mc_result_free(mlroi_mc_result *r)
{
    if (r == NULL)
        return;
    free(r->input_paths);
    free(r->sample_inputs);
    free(r->sample_metrics);
    free(r->edges);
    free(r->counts);
    free(r->core_edges);
    free(r->core_counts);
    free(r);
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

/* PLAN's samples on NTHREADS workers, into VALUES (VALUES[m][i] is metric m of sample i): the
 * samples are claimed in blocks, and which thread computes one never matters. With STATS (a
 * stats_run for VALUES, else NULL), the statistics' first pass follows the blocks as they come
 * in, and the rest runs on the same threads once every sample is in. */
static mlroi_error run_workers(const mc_plan *plan, const mlroi_scenario *s,
                               const mlroi_benchmarks *b, int nthreads,
                               double *const values[MLROI_MC_METRICS], values_block *fresh,
                               void *stats,
                               mlroi_progress_fn progress, void *progress_ctx, mlroi_diags *diags)
{
    mc_job *jobs;
    mlroi_thread tids[MLROI_MAX_THREADS];
    bool started[MLROI_MAX_THREADS];
    mc_shared shared;
    const size_t n = plan->n;
    mlroi_error err = MLROI_OK;

#ifdef MLROI_NO_THREADS
    /* No thread could call it while the samples run: the build has one thread. */
    progress = NULL;
    (void)progress_ctx;
#endif
    memset(started, 0, sizeof started);
    atomic_init(&shared.next, 0);
    atomic_init(&shared.first_bad, SIZE_MAX);
    atomic_init(&shared.done, 0);
    atomic_init(&shared.finished, 0);
    shared.workers = nthreads;
    shared.stats = stats;
    shared.fresh = fresh != NULL && fresh->pages > 0 ? fresh : NULL;
    jobs = calloc((size_t)nthreads, sizeof *jobs);
    if (jobs == NULL)
        return mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "montecarlo", "out of memory");
    for (int t = 0; t < nthreads; t++) {
        mc_job *job = &jobs[t];
        job->plan = plan;
        job->source = s;
        job->bench = b;
        job->bad = SIZE_MAX;
        for (int m = 0; m < MLROI_MC_METRICS; m++)
            job->out[m] = values[m];
        job->shared = &shared;
    }
    if (nthreads == 1 && progress == NULL) {
        mc_worker(&jobs[0]);
    } else {
        int running = 0;
        /* Workers take blocks of samples from one counter, so a thread that cannot start
         * (a memory limit, a process cap) only leaves its share to the others: the result
         * is the same. With none started, this thread does the work. */
        for (int t = 0; t < nthreads; t++) {
            if (!mlroi_thread_start(&tids[t], mc_worker, &jobs[t], t)) {
                atomic_fetch_add(&shared.finished, 1);
            } else {
                started[t] = true;
                running++;
            }
        }
        if (running == 0) {
            atomic_fetch_sub(&shared.finished, 1);
            mc_worker(&jobs[0]);
        }
        if (progress != NULL) {
            while (atomic_load(&shared.finished) < nthreads) {
                sleep_ms(100);
                progress(progress_ctx, atomic_load(&shared.done), n);
            }
        }
        for (int t = 0; t < nthreads; t++)
            if (started[t])
                mlroi_thread_join(tids[t]);
        if (progress != NULL)
            progress(progress_ctx, n, n);
    }
    /* A worker that could not start or set up comes first (its bad is SIZE_MAX, so the +1
     * wraps to 0); otherwise the least failed sample. A worker that ran out of memory before
     * it took a block (a memory limit with many threads) lost nothing when the others did
     * every sample: the result is the same as with fewer threads. */
    {
        int worst = -1;
        bool all_done = atomic_load(&shared.done) == n;
        for (int t = 0; t < nthreads; t++) {
            if (jobs[t].err == MLROI_OK ||
                (all_done && jobs[t].err == MLROI_ERR_NOMEM && jobs[t].bad == SIZE_MAX))
                continue;
            if (worst < 0 || jobs[t].bad + 1 < jobs[worst].bad + 1)
                worst = t;
        }
        if (worst >= 0) {
            const mc_job *job = &jobs[worst];
            for (size_t d = 0; d < job->diags.count; d++) {
                const mlroi_diag *dg = &job->diags.items[d];
                mlroi_diags_add(diags, dg->code ? dg->code : job->err, dg->file, dg->line,
                                dg->column, dg->path, "%s", dg->message);
            }
            err = job->err;
        }
    }
    for (int t = 0; t < nthreads; t++)
        mlroi_diags_free(&jobs[t].diags);
    free(jobs);
    return err;
}

static mlroi_error mc_run(const mlroi_scenario *s, const mlroi_benchmarks *b,
                         const mlroi_mc_config *cfg, const mlroi_mc_options *o, bool keep,
                         mlroi_mc_result **out, mlroi_diags *diags)
{
    static const mlroi_mc_options no_options = { 0, false, 0, -1, 0, 0, NULL, NULL };
    mc_plan *plan = NULL;
    mlroi_mc_result *res = NULL;
    double *values[MLROI_MC_METRICS] = { NULL };
    double *target = NULL;
    int members[MLROI_MC_MAX_INPUTS], kc = 0;
    double *xcols = NULL;
    uint32_t *orders = NULL;
    atomic_bool *ready = NULL;
    const uint32_t *order_cols[MLROI_MC_MAX_INPUTS] = { NULL };
    int nthreads = 1;
    size_t n, npv_positive = 0;
    stats_acc acc[MLROI_MC_METRICS];
    stats_run stats;
    mc_hist hist;
    values_block block;
    mlroi_error err = MLROI_OK;

    *out = NULL;
    if (o == NULL)
        o = &no_options;
    if (b == NULL)
        b = mlroi_benchmarks_default();

    n = o->samples ? o->samples : cfg->samples;
    if (n > MLROI_MC_MAX_SAMPLES) {
        err = mlroi_diags_add(diags, MLROI_ERR_LIMIT, "", 0, 0, "samples",
                              "%zu samples is more than the limit of %u", n,
                              MLROI_MC_MAX_SAMPLES);
        goto cleanup;
    }
    plan = calloc(1, sizeof *plan);
    res = calloc(1, sizeof *res);
    if (plan == NULL || res == NULL) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "montecarlo", "out of memory");
        goto cleanup;
    }
    plan->cfg = cfg;
    plan->n = n;
    plan->seed = o->has_seed ? o->seed : cfg->seed;
    plan->method = o->method >= 0 ? (mlroi_mc_method)o->method : cfg->method;
    res->samples = n;
    res->seed = plan->seed;
    res->method = plan->method;
    res->method_name = plan->method == MLROI_MC_LHS ? "lhs" : "mc";
    res->bins = o->bins ? o->bins : cfg->bins;
    if (res->bins < 1 || res->bins > MLROI_MC_MAX_BINS) {
        err = mlroi_diags_add(diags, MLROI_ERR_LIMIT, "", 0, 0, "bins",
                              "expected 1 to %u histogram bins", MLROI_MC_MAX_BINS);
        goto cleanup;
    }
    res->input_count = cfg->input_count;
    res->input_paths = calloc(cfg->input_count ? cfg->input_count : 1, sizeof *res->input_paths);
    res->edges = calloc(res->bins + 1, sizeof *res->edges);
    res->counts = calloc(res->bins, sizeof *res->counts);
    res->core_edges = calloc(res->bins + 1, sizeof *res->core_edges);
    res->core_counts = calloc(res->bins, sizeof *res->core_counts);
    if (!values_alloc(values, n, &block) || res->input_paths == NULL || res->edges == NULL ||
        res->counts == NULL || res->core_edges == NULL || res->core_counts == NULL) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "montecarlo",
                              "out of memory for %zu samples", n);
        goto cleanup;
    }
    for (size_t j = 0; j < cfg->input_count; j++) {
        snprintf(res->input_paths[j], sizeof res->input_paths[j], "%s", cfg->inputs[j].path);
        plan->keys[j] = mlroi_rng_key(plan->seed, j);
        mlroi_perm_init(&plan->strata[j], n, mlroi_rng_key(plan->seed, STRATA_STREAM + j));
    }

    nthreads = mlroi_threads_cap(o->threads > 0 ? o->threads : mlroi_cpu_count());
    if (nthreads > MLROI_MAX_THREADS)
        nthreads = MLROI_MAX_THREADS;
    if ((size_t)nthreads > n / 1024 + 1)
        nthreads = (int)(n / 1024 + 1);

    /* Correlated inputs: draw their columns, then let Iman-Conover reorder them. */
    kc = correlated_set(cfg, members, &target);
    if (kc < 0) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "montecarlo", "out of memory");
        goto cleanup;
    }
    if (kc > 0) {
        if (n <= (size_t)kc) {
            err = mlroi_diags_add(diags, MLROI_ERR_RANGE, "", 0, 0, "samples",
                                  "%d correlated inputs need more than %d samples", kc, kc);
            goto cleanup;
        }
        xcols = malloc(n * (size_t)kc * sizeof *xcols);
        if (xcols == NULL) {
            err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "montecarlo",
                                  "out of memory");
            goto cleanup;
        }
        /* With Latin hypercube strata a column's sorted order is known without sorting:
         * the quantile function is monotone, so stratum r holds the r-th smallest value. */
        if (plan->method == MLROI_MC_LHS) {
            orders = malloc(n * (size_t)kc * sizeof *orders);
            if (orders == NULL) {
                err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "montecarlo",
                                      "out of memory");
                goto cleanup;
            }
        }
        for (int c = 0; c < kc; c++) {
            size_t j = (size_t)members[c];
            column_job cj = { plan, j, xcols + (size_t)c * n,
                              orders != NULL ? orders + (size_t)c * n : NULL };
            mlroi_parallel_for(nthreads, n, MC_BLOCK, draw_column, &cj);
            order_cols[c] = cj.order;
            plan->columns[j] = cj.column;
        }
        err = mlroi_iman_conover(xcols, n, kc, target, mlroi_rng_key(plan->seed, IC_STREAM),
                                 order_cols, nthreads);
        if (err != MLROI_OK) {
            mlroi_diags_add(diags, err, file_of(s), 0, 0, "uncertainty.correlations",
                            err == MLROI_ERR_NOMEM ? "out of memory"
                            : "the correlation matrix is not positive semi-definite");
            goto cleanup;
        }
    }

    /* The samples, in blocks claimed by the threads; which thread computes a sample never
     * matters. */
    if (keep) {
        res->sample_inputs = malloc(n * (cfg->input_count ? cfg->input_count : 1) *
                                    sizeof *res->sample_inputs);
        res->sample_metrics = malloc(n * MLROI_MC_METRICS * sizeof *res->sample_metrics);
        if (res->sample_inputs == NULL || res->sample_metrics == NULL) {
            err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "montecarlo",
                                  "out of memory to keep %zu samples", n);
            goto cleanup;
        }
        plan->kept = res->sample_inputs;
    }
    /* The statistics: their first pass as the blocks of samples come in, then tasks the
     * workers take on once every sample is in (unless the samples are kept: the first pass
     * moves the values, which are copied out before, and the whole runs after). Each
     * metric's figures depend only on its own values, so how the threads share the tasks
     * changes nothing. The NPV also counts the positive values and fills the histogram. */
    hist = (mc_hist){ res->bins, res->counts, res->core_edges, res->core_counts, 0, 0 };
    for (int m = 0; m < MLROI_MC_METRICS; m++) {
        res->metrics[m].metric = &mlroi_metrics(NULL)[mc_metric_ids[m]];
        stats_start(&acc[m], values[m], n, &res->metrics[m], m == 0 ? &npv_positive : NULL,
                    m == 0 ? &hist : NULL);
    }
    hist.core_edges[0] = NAN;
    stats = (stats_run){ .acc = acc, .n = n, .blocks = (n + MC_BLOCK - 1) / MC_BLOCK };
    for (size_t t = 0; t < STATS_TASKS; t++)
        atomic_init(&stats.taken[t], false);
    for (int p = 0; p < 2; p++)
        atomic_init(&stats.passed[p], false);
    atomic_init(&stats.chained, 0);
    atomic_init(&stats.chaining, false);
    /* Kept samples are copied out before the first pass moves them: no pass as they come. */
    ready = keep ? NULL : malloc((stats.blocks ? stats.blocks : 1) * sizeof *ready);
    if (ready != NULL)
        for (size_t k = 0; k < stats.blocks; k++)
            atomic_init(&ready[k], false);
    stats.ready = ready;
    err = run_workers(plan, s, b, nthreads, values, &block, keep ? NULL : &stats, o->progress,
                      o->progress_ctx, diags);
    if (err != MLROI_OK)
        goto cleanup;
    if (keep) {
        for (size_t i = 0; i < n; i++)
            for (int m = 0; m < MLROI_MC_METRICS; m++)
                res->sample_metrics[i * MLROI_MC_METRICS + m] = values[m][i];
        mlroi_parallel_for(nthreads < 2 ? nthreads : 2, 2, 1, stats_range, &stats);
    }
    stats_range(&stats, 0, 0);   /* whatever is left (nothing, when the workers could) */
    res->tail_low = hist.tail_low;
    res->tail_high = hist.tail_high;
    res->p_npv_positive = n ? (double)npv_positive / (double)n : NAN;
    res->p_payback_within_horizon = n ? (double)res->metrics[2].defined / (double)n : NAN;
    /* The NPV histogram's edges: evenly spaced from the least to the greatest defined NPV. */
    {
        const mlroi_mc_stats *npv = &res->metrics[0];
        double lo = npv->min, hi = npv->max, width;
        if (npv->defined == 0) {
            lo = 0.0;
            hi = 1.0;
        } else if (!(hi > lo)) {
            lo -= 0.5;   /* every sample equal: one unit-wide span around it */
            hi += 0.5;
        }
        width = hi - lo;
        for (size_t k = 0; k <= res->bins; k++)
            res->edges[k] = lo + width * ((double)k / (double)res->bins);
        res->edges[res->bins] = hi;
        /* No spread in the core (or no defined NPV): the core is the whole histogram. */
        if (!isfinite(res->core_edges[0])) {
            memcpy(res->core_edges, res->edges, (res->bins + 1) * sizeof *res->edges);
            memcpy(res->core_counts, res->counts, res->bins * sizeof *res->counts);
            res->tail_low = res->tail_high = 0;
        }
    }
    /* The scenario as written, for reference. */
    {
        mlroi_result base;
        if (mlroi_evaluate_core(s, b, &base) == MLROI_OK)
            res->base_npv = mlroi_metric_value(&base, MLROI_M_NPV);
        else
            res->base_npv = NAN;
        mlroi_result_free(&base);
    }
    *out = res;
    res = NULL;
cleanup:
    free(xcols);
    free(orders);
    free(ready);
    free(target);
    free(values[0]);   /* every metric's (values_alloc) */
    free(plan);
    mlroi_mc_result_free(res);
    return err;
}

mlroi_error mlroi_mc_run(const mlroi_scenario *s, const mlroi_benchmarks *b,
                         const mlroi_mc_config *cfg, const mlroi_mc_options *options,
                         mlroi_mc_result **out, mlroi_diags *diags)
{
    return mc_run(s, b, cfg, options, false, out, diags);
}

mlroi_error mlroi_mc_run_with_samples(const mlroi_scenario *s, const mlroi_benchmarks *b,
                                      const mlroi_mc_config *cfg, const mlroi_mc_options *options,
                                      mlroi_mc_result **out, mlroi_diags *diags)
{
    return mc_run(s, b, cfg, options, true, out, diags);
}

mlroi_error mlroi_mc_run_scenario(const mlroi_scenario *s, const mlroi_benchmarks *b,
                                  const mlroi_mc_options *options, mlroi_mc_result **out,
                                  mlroi_diags *diags)
{
    mlroi_mc_config *cfg = NULL;
    mlroi_error err = mlroi_mc_config_parse(s, &cfg, diags);
    *out = NULL;
    if (err == MLROI_OK)
        err = mlroi_mc_run(s, b, cfg, options, out, diags);
    mlroi_mc_config_free(cfg);
    return err;
}

/* ------------------------------------------------------------------------------------------
 * Variance decomposition (Sobol indices) and value of information
 * ------------------------------------------------------------------------------------------ */

/* Saltelli's B matrix and the bootstrap draw from streams of their own. */
#define SOBOL_B_STREAM 0x30000u
#define SOBOL_BOOT_STREAM 0x40000u

typedef struct boot_job {
    const double *fa, *fb, *fab;
    size_t n;
    int k;
    uint64_t key;
    double *first, *total;   /* boot rows of k */
} boot_job;

/* Resamples [LO, HI): each draws its N rows from its own numbers, so any split gives the
 * same figures. */
static void boot_range(void *ctx, size_t lo, size_t hi)
{
    boot_job *bj = ctx;
    const size_t n = bj->n;
    const int k = bj->k;
    for (size_t r = lo; r < hi; r++) {
        double sum = 0.0, sum2 = 0.0, st[MLROI_SOBOL_MAX_INPUTS], sb[MLROI_SOBOL_MAX_INPUTS], v;
        for (int j = 0; j < k; j++)
            st[j] = sb[j] = 0.0;
        for (size_t t = 0; t < n; t++) {
            size_t i = (size_t)(mlroi_rng_bits(bj->key, r * n + t) % n);
            double a = bj->fa[i], b = bj->fb[i];
            sum += a + b;
            sum2 += a * a + b * b;
            for (int j = 0; j < k; j++) {
                double ab = bj->fab[(size_t)j * n + i];
                st[j] += (a - ab) * (a - ab);
                sb[j] += (b - ab) * (b - ab);
            }
        }
        v = (sum2 - sum * sum / (2.0 * (double)n)) / (2.0 * (double)n - 1.0);
        for (int j = 0; j < k; j++) {
            bj->total[r * (size_t)k + (size_t)j] = v > 0 ? st[j] / (2.0 * (double)n * v) : NAN;
            bj->first[r * (size_t)k + (size_t)j] =
                v > 0 ? 1.0 - sb[j] / (2.0 * (double)n * v) : NAN;
        }
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The 2.5 % and 97.5 % points (PERCENTILE.INC) of V[0..n), which is sorted. */
static void interval_of(double *v, size_t n, double *ci)
{
    qsort(v, n, sizeof *v, cmp_double);
    for (int e = 0; e < 2; e++) {
        double h = (e == 0 ? 0.025 : 0.975) * (double)(n - 1);
        size_t at = (size_t)floor(h);
        ci[e] = at + 1 < n ? v[at] + (h - (double)at) * (v[at + 1] - v[at]) : v[at];
    }
}

mlroi_error mlroi_sobol_estimate(const double *fa, const double *fb, const double *fab, size_t n,
                                 int k, size_t boot, uint64_t key, int threads,
                                 mlroi_sobol_index *out)
{
    double sum = 0.0, mean, v = 0.0;
    double *first = NULL, *total = NULL, *col = NULL;
    mlroi_error err = MLROI_OK;

    if (n < 2 || k < 1 || k > (int)MLROI_SOBOL_MAX_INPUTS)
        return MLROI_ERR_INVALID;
    /* Two passes for the variance: NPVs in the millions would lose digits in one. */
    for (size_t i = 0; i < n; i++)
        sum += fa[i] + fb[i];
    mean = sum / (2.0 * (double)n);
    for (size_t i = 0; i < n; i++)
        v += (fa[i] - mean) * (fa[i] - mean) + (fb[i] - mean) * (fb[i] - mean);
    v /= 2.0 * (double)n - 1.0;
    if (!(v > 0))
        return MLROI_ERR_INVALID;
    for (int j = 0; j < k; j++) {
        const double *ab = fab + (size_t)j * n;
        double st = 0.0, sb = 0.0;
        for (size_t i = 0; i < n; i++) {
            st += (fa[i] - ab[i]) * (fa[i] - ab[i]);
            sb += (fb[i] - ab[i]) * (fb[i] - ab[i]);
        }
        out[j].total = st / (2.0 * (double)n * v);
        out[j].first_order = 1.0 - sb / (2.0 * (double)n * v);
        out[j].first_order_ci[0] = out[j].first_order_ci[1] = NAN;
        out[j].total_ci[0] = out[j].total_ci[1] = NAN;
    }
    if (boot < 2)
        return MLROI_OK;
    first = malloc(boot * (size_t)k * sizeof *first);
    total = malloc(boot * (size_t)k * sizeof *total);
    col = malloc(boot * sizeof *col);
    if (first == NULL || total == NULL || col == NULL) {
        err = MLROI_ERR_NOMEM;
        goto cleanup;
    }
    {
        boot_job bj = { fa, fb, fab, n, k, key, first, total };
        mlroi_parallel_for(threads, boot, 1, boot_range, &bj);
    }
    for (int j = 0; j < k; j++) {
        for (size_t r = 0; r < boot; r++)
            col[r] = first[r * (size_t)k + (size_t)j];
        interval_of(col, boot, out[j].first_order_ci);
        for (size_t r = 0; r < boot; r++)
            col[r] = total[r * (size_t)k + (size_t)j];
        interval_of(col, boot, out[j].total_ci);
    }
cleanup:
    free(first);
    free(total);
    free(col);
    return err;
}

mlroi_error mlroi_contribution_to_variance(const double *x, const double *f, size_t n, int k,
                                           double *out)
{
    double sum = 0.0;
    for (int j = 0; j < k; j++) {
        double rho = mlroi_rank_correlation(x + (size_t)j * n, f, n);
        if (isnan(rho) && n >= 2)
            return MLROI_ERR_NOMEM;
        out[j] = isnan(rho) ? 0.0 : rho * rho;
        sum += out[j];
    }
    for (int j = 0; j < k; j++)
        out[j] = sum > 0 ? out[j] / sum : 0.0;
    return MLROI_OK;
}

void mlroi_sensitivity_free(mlroi_sensitivity *r)
{
    if (r == NULL)
        return;
    free(r->inputs);
    free(r);
}

/* Rows [LO, HI) of a design block: input j of row i from PLAN's draws. */
typedef struct design_job {
    const mc_plan *plan;
    double *rows;     /* n rows of input_count */
} design_job;

static void design_range(void *ctx, size_t lo, size_t hi)
{
    design_job *dj = ctx;
    const size_t k = dj->plan->cfg->input_count;
    double x[DRAW_CHUNK];
    for (size_t j = 0; j < k; j++) {
        for (size_t i = lo; i < hi; i += DRAW_CHUNK) {
            size_t len = hi - i < DRAW_CHUNK ? hi - i : DRAW_CHUNK;
            draw_block(dj->plan, j, i, len, x);
            for (size_t t = 0; t < len; t++)
                dj->rows[(i + t) * k + j] = x[t];
        }
    }
}

static int mc_metric_index(const char *name)
{
    for (int m = 0; m < MLROI_MC_METRICS; m++)
        if (strcmp(mlroi_metrics(NULL)[mc_metric_ids[m]].name, name) == 0)
            return m;
    return -1;
}

mlroi_error mlroi_mc_sensitivity(const mlroi_scenario *s, const mlroi_benchmarks *b,
                                 const mlroi_mc_config *cfg, const mlroi_mc_options *o,
                                 const char *metric, mlroi_sensitivity **out, mlroi_diags *diags)
{
    static const mlroi_mc_options no_options = { 0, false, 0, -1, 0, 0, NULL, NULL };
    const size_t k = cfg->input_count;
    mc_plan *plans = NULL;     /* A, B, then the evaluation of the whole design */
    mlroi_sensitivity *res = NULL;
    double *design = NULL, *values[MLROI_MC_METRICS] = { NULL }, *cols = NULL;
    values_block block;
    double ctv[MLROI_SOBOL_MAX_INPUTS];
    mlroi_sobol_index idx[MLROI_SOBOL_MAX_INPUTS];
    size_t n, rows;
    int nthreads, mi;
    mlroi_error err = MLROI_OK;

    *out = NULL;
    if (o == NULL)
        o = &no_options;
    if (b == NULL)
        b = mlroi_benchmarks_default();
    mi = mc_metric_index(metric ? metric : "npv");
    if (mi < 0)
        return mlroi_diags_add(diags, MLROI_ERR_INVALID, "", 0, 0, "--metric",
                               "the variance decomposition is of npv, roi_percent, "
                               "payback_months or irr, not %s", metric);
    if (k < 2)
        return mlroi_diags_add(diags, MLROI_ERR_RANGE, file_of(s), 0, 0, "uncertainty.inputs",
                               "a variance decomposition needs at least two uncertain inputs; "
                               "with one, it explains all of the variance");
    if (k > MLROI_SOBOL_MAX_INPUTS)
        return mlroi_diags_add(diags, MLROI_ERR_LIMIT, file_of(s), 0, 0, "uncertainty.inputs",
                               "a variance decomposition takes at most %u uncertain inputs, "
                               "not %zu: keep the ones a tornado shows to matter", 
                               MLROI_SOBOL_MAX_INPUTS, k);
    n = o->samples ? o->samples : cfg->samples;
    rows = (k + 2) * n;
    if (n < 2 || (double)rows * (double)k > (double)MLROI_SOBOL_MAX_VALUES)
        return mlroi_diags_add(diags, n < 2 ? MLROI_ERR_RANGE : MLROI_ERR_LIMIT, "", 0, 0,
                               "samples",
                               n < 2 ? "a variance decomposition needs at least 2 samples"
                               : "%zu samples of %zu inputs need %zu evaluations, more than "
                               "the variance decomposition's limit: use at most %zu samples",
                               n, k, rows,
                               (size_t)(MLROI_SOBOL_MAX_VALUES / (k * (k + 2))));
    nthreads = mlroi_threads_cap(o->threads > 0 ? o->threads : mlroi_cpu_count());
    if (nthreads > MLROI_MAX_THREADS)
        nthreads = MLROI_MAX_THREADS;
    plans = calloc(3, sizeof *plans);
    res = calloc(1, sizeof *res);
    design = malloc(rows * k * sizeof *design);
    cols = malloc(n * k * sizeof *cols);
    if (!values_alloc(values, rows, &block) || plans == NULL || res == NULL || design == NULL ||
        cols == NULL || (res->inputs = calloc(k, sizeof *res->inputs)) == NULL) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "montecarlo",
                              "out of memory for the variance decomposition");
        goto cleanup;
    }
    res->metric = &mlroi_metrics(NULL)[mc_metric_ids[mi]];
    res->base_samples = n;
    res->evaluations = rows;
    res->seed = o->has_seed ? o->seed : cfg->seed;
    res->correlations_ignored = cfg->correlation_count > 0;
    res->input_count = k;
    for (int p = 0; p < 2; p++) {
        mc_plan *pl = &plans[p];
        uint64_t base = p == 0 ? 0 : SOBOL_B_STREAM;
        pl->cfg = cfg;
        pl->n = n;
        pl->seed = res->seed;
        pl->method = o->method >= 0 ? (mlroi_mc_method)o->method : cfg->method;
        for (size_t j = 0; j < k; j++) {
            pl->keys[j] = mlroi_rng_key(pl->seed, base + j);
            mlroi_perm_init(&pl->strata[j], n,
                            mlroi_rng_key(pl->seed, base + STRATA_STREAM + j));
        }
        {
            design_job dj = { pl, design + (size_t)p * n * k };
            mlroi_parallel_for(nthreads, n, MC_BLOCK, design_range, &dj);
        }
    }
    /* A_B^j: A's rows with input j from B's. */
    for (size_t j = 0; j < k; j++) {
        double *ab = design + (2 + j) * n * k;
        memcpy(ab, design, n * k * sizeof *ab);
        for (size_t i = 0; i < n; i++)
            ab[i * k + j] = design[(n + i) * k + j];
    }
    plans[2] = plans[0];
    plans[2].n = rows;
    plans[2].given = design;
    err = run_workers(&plans[2], s, b, nthreads, values, &block, NULL, o->progress,
                      o->progress_ctx, diags);
    if (err != MLROI_OK)
        goto cleanup;
    for (size_t i = 0; i < rows; i++) {
        if (isnan(values[mi][i])) {
            err = mlroi_diags_add(diags, MLROI_ERR_INVALID, "", 0, 0, "--metric",
                                  "%s is undefined in some samples (design row %zu), and a "
                                  "variance decomposition needs a value in each: use npv",
                                  res->metric->name, i);
            goto cleanup;
        }
    }
    err = mlroi_sobol_estimate(values[mi], values[mi] + n, values[mi] + 2 * n, n, (int)k,
                               MLROI_SOBOL_BOOTSTRAP, mlroi_rng_key(res->seed, SOBOL_BOOT_STREAM),
                               nthreads, idx);
    if (err == MLROI_ERR_INVALID) {
        err = mlroi_diags_add(diags, err, "", 0, 0, "--metric",
                              "%s does not vary over the samples: there is no variance to "
                              "decompose", res->metric->name);
        goto cleanup;
    }
    for (size_t j = 0; j < k; j++)
        for (size_t i = 0; i < n; i++)
            cols[j * n + i] = design[i * k + j];
    if (err == MLROI_OK)
        err = mlroi_contribution_to_variance(cols, values[mi], n, (int)k, ctv);
    if (err != MLROI_OK) {
        err = mlroi_diags_add(diags, err, "", 0, 0, "montecarlo", "out of memory");
        goto cleanup;
    }
    for (size_t j = 0; j < k; j++) {
        snprintf(res->inputs[j].path, sizeof res->inputs[j].path, "%s", cfg->inputs[j].path);
        res->inputs[j].sobol = idx[j];
        res->inputs[j].contribution_to_variance = ctv[j];
    }
    *out = res;
    res = NULL;
cleanup:
    free(plans);
    free(design);
    free(cols);
    free(values[0]);   /* every metric's (values_alloc) */
    mlroi_sensitivity_free(res);
    return err;
}

double mlroi_voi_evpi(const double *npv, size_t stride, size_t n)
{
    double sum = 0.0, pos = 0.0, mean;
    if (n == 0)
        return NAN;
    for (size_t i = 0; i < n; i++) {
        double v = npv[i * stride];
        sum += v;
        pos += v > 0 ? v : 0.0;
    }
    if (isnan(sum))
        return NAN;
    mean = sum / (double)n;
    return pos / (double)n - (mean > 0 ? mean : 0.0);
}

size_t mlroi_voi_bins(size_t n)
{
    /* Fewer, fuller bins than sqrt(n): a bin's mean NPV carries sampling noise, and
     * max(mean, 0) turns noise near the break-even line into a spurious gain; 2 n^(1/3)
     * keeps that noise below a tenth of the spread at 10,000 samples while the bins stay
     * narrow enough to follow E[NPV | x]. */
    size_t b = (size_t)(2.0 * cbrt((double)n));
    return b < 10 ? 10 : b > 1000 ? 1000 : b;
}

double mlroi_voi_evppi(const double *x, size_t xstride, const double *npv, size_t stride,
                       size_t n, size_t bins)
{
    double *col = NULL, sum = 0.0, best = 0.0, mean, evpi, result = NAN;
    uint32_t *order = NULL;
    size_t start = 0;

    if (n == 0 || bins == 0)
        return NAN;
    col = calloc(n, sizeof *col);
    order = malloc(n * sizeof *order);
    if (col == NULL || order == NULL)
        goto cleanup;
    for (size_t i = 0; i < n; i++) {
        col[i] = x[i * xstride];
        sum += npv[i * stride];
    }
    if (isnan(sum) || mlroi_argsort(col, n, order) != MLROI_OK)
        goto cleanup;
    mean = sum / (double)n;
    /* Bin b ends at the ((b + 1) n / bins)-th sample, moved on past equal x so that a value
     * never straddles two bins (a whole-number input has many ties). The decision is then
     * taken bin by bin: invest where the bin's mean NPV is positive. */
    while (start < n) {
        size_t b = (size_t)((double)start * (double)bins / (double)n);
        size_t end = (size_t)((double)(b + 1) * (double)n / (double)bins);
        double part = 0.0;
        if (end <= start)
            end = start + 1;
        if (end > n)
            end = n;
        while (end < n && col[order[end]] == col[order[end - 1]])
            end++;
        for (size_t i = start; i < end; i++)
            part += npv[(size_t)order[i] * stride];
        if (part > 0)
            best += part;
        start = end;
    }
    evpi = mlroi_voi_evpi(npv, stride, n);
    result = best / (double)n - (mean > 0 ? mean : 0.0);
    if (result < 0)
        result = 0.0;
    if (result > evpi)
        result = evpi;
cleanup:
    free(col);
    free(order);
    return result;
}

void mlroi_voi_free(mlroi_voi *v)
{
    if (v == NULL)
        return;
    free(v->paths);
    free(v->evppi);
    free(v);
}

typedef struct evppi_job {
    const mlroi_mc_result *r;
    mlroi_voi *v;
} evppi_job;

static void evppi_range(void *ctx, size_t lo, size_t hi)
{
    evppi_job *ej = ctx;
    for (size_t j = lo; j < hi; j++)
        ej->v->evppi[j] = mlroi_voi_evppi(ej->r->sample_inputs + j, ej->r->input_count,
                                          ej->r->sample_metrics, MLROI_MC_METRICS,
                                          ej->r->samples, ej->v->bins);
}

mlroi_error mlroi_mc_value_of_information(const mlroi_mc_result *r, int threads,
                                          mlroi_voi **out, mlroi_diags *diags)
{
    mlroi_voi *v;
    *out = NULL;
    if (r->sample_inputs == NULL || r->sample_metrics == NULL)
        return mlroi_diags_add(diags, MLROI_ERR_INVALID, "", 0, 0, "montecarlo",
                               "the value of information needs the samples: run with "
                               "mlroi_mc_run_with_samples");
    if (r->metrics[0].defined != r->samples)
        return mlroi_diags_add(diags, MLROI_ERR_INVALID, "", 0, 0, "montecarlo",
                               "NPV is undefined in some samples, so its value of "
                               "information is too");
    v = calloc(1, sizeof *v);
    if (v == NULL)
        return mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "montecarlo", "out of memory");
    v->input_count = r->input_count;
    v->bins = mlroi_voi_bins(r->samples);
    v->paths = calloc(r->input_count ? r->input_count : 1, sizeof *v->paths);
    v->evppi = calloc(r->input_count ? r->input_count : 1, sizeof *v->evppi);
    if (v->paths == NULL || v->evppi == NULL) {
        mlroi_voi_free(v);
        return mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "montecarlo", "out of memory");
    }
    v->evpi = mlroi_voi_evpi(r->sample_metrics, MLROI_MC_METRICS, r->samples);
    for (size_t j = 0; j < r->input_count; j++)
        memcpy(v->paths[j], r->input_paths[j], sizeof v->paths[j]);
    {
        evppi_job ej = { r, v };
        int workers = mlroi_threads_cap(threads > 0 ? threads : mlroi_cpu_count());
        mlroi_parallel_for(workers, r->input_count, 1, evppi_range, &ej);
    }
    for (size_t j = 0; j < r->input_count; j++) {
        if (isnan(v->evppi[j])) {
            mlroi_voi_free(v);
            return mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "montecarlo",
                                   "out of memory");
        }
    }
    *out = v;
    return MLROI_OK;
}


/* V to two significant digits (ROUND_UP: the next one-digit figure strictly above V). */
static double round_figure(double v, bool round_up)
{
    double scale;
    if (!(v > 0))
        return 0.0;
    if (round_up) {
        scale = pow(10.0, floor(log10(v)));
        return (floor(v / scale) + 1.0) * scale;
    }
    scale = pow(10.0, floor(log10(v)) - 1.0);
    return floor(v / scale + 0.5) * scale;
}

char *mlroi_voi_sentence(const mlroi_voi *v, const char *currency, char *buf, size_t size)
{
    size_t top = 0, second = SIZE_MAX;
    const mlroi_param *p;
    char first_money[64], other_money[64];
    const char *name;

    if (size == 0)
        return buf;
    buf[0] = '\0';
    if (v->input_count == 0)
        return buf;
    for (size_t j = 1; j < v->input_count; j++)
        if (v->evppi[j] > v->evppi[top])
            top = j;
    for (size_t j = 0; j < v->input_count; j++)
        if (j != top && (second == SIZE_MAX || v->evppi[j] > v->evppi[second]))
            second = j;
    if (!(v->evpi > 0)) {
        snprintf(buf, size, "Knowing the uncertain inputs exactly would not change the "
                 "decision: %s in every sample.",
                 v->evpi == 0 ? "it is the same" : "it cannot be judged");
        return buf;
    }
    p = mlroi_param_find(v->paths[top]);
    name = p != NULL && p->label != NULL ? p->label : v->paths[top];
    mlroi_fmt_money(first_money, sizeof first_money, round_figure(v->evppi[top], false), currency);
    if (second == SIZE_MAX) {
        snprintf(buf, size, "Knowing %s%s exactly would be worth up to %s.",
                 p != NULL ? "the " : "", name, first_money);
    } else if (!(v->evppi[second] > 0)) {
        snprintf(buf, size, "Knowing %s%s exactly would be worth up to %s; knowing any other "
                 "input alone would not change the decision.", p != NULL ? "the " : "", name,
                 first_money);
    } else {
        mlroi_fmt_money(other_money, sizeof other_money, round_figure(v->evppi[second], true),
                        currency);
        snprintf(buf, size, "Knowing %s%s exactly would be worth up to %s; the other input%s "
                 "%s worth less than %s%s.", p != NULL ? "the " : "", name, first_money,
                 v->input_count > 2 ? "s" : "", v->input_count > 2 ? "are" : "is", other_money,
                 v->input_count > 2 ? " each" : "");
    }
    return buf;
}

/* ------------------------------------------------------------------------------------------
 * Statistics by name (for gates)
 * ------------------------------------------------------------------------------------------ */

static const char *const stat_names[] = {
    "mean", "sd", "min", "max", "p5", "p10", "p25", "p50", "p75", "p90", "p95",
    "undefined_share"
};

const char *const *mlroi_mc_stat_names(size_t *count)
{
    if (count)
        *count = sizeof stat_names / sizeof stat_names[0];
    return stat_names;
}


bool mlroi_mc_stat_known(const char *name)
{
    const char *dot;
    if (strcmp(name, "p_npv_positive") == 0 || strcmp(name, "p_payback_within_horizon") == 0)
        return true;
    dot = strchr(name, '.');
    if (dot == NULL)
        return false;
    for (int m = 0; m < MLROI_MC_METRICS; m++) {
        const char *mn = mlroi_metrics(NULL)[mc_metric_ids[m]].name;
        if (strlen(mn) != (size_t)(dot - name) || strncmp(name, mn, strlen(mn)) != 0)
            continue;
        for (size_t k = 0; k < sizeof stat_names / sizeof stat_names[0]; k++)
            if (strcmp(dot + 1, stat_names[k]) == 0)
                return true;
    }
    return false;
}

typedef struct mcbe_ctx {
    mlroi_scenario *scenario;     /* the copy whose PARAM changes */
    double *value;
    const mlroi_benchmarks *bench;
    const mlroi_mc_config *cfg;
    const mlroi_mc_options *options;
    const char *statistic;
    double target;
    mlroi_mc_breakeven *out;
    mlroi_diags *diags;
    mlroi_error err;
} mcbe_ctx;

/* The statistic at V minus the target (NAN when undefined or when a run fails: ctx->err). */
static double mcbe_f(mcbe_ctx *c, double v)
{
    mlroi_mc_result *r = NULL;
    double stat = NAN;
    if (c->err != MLROI_OK)
        return NAN;
    *c->value = v;
    c->err = mlroi_mc_run(c->scenario, c->bench, c->cfg, c->options, &r, c->diags);
    c->out->runs++;
    if (c->err == MLROI_OK && !mlroi_mc_stat_get(r, c->statistic, &stat))
        stat = NAN;
    mlroi_mc_result_free(r);
    return stat - c->target;
}

mlroi_error mlroi_mc_breakeven_run(const mlroi_scenario *s, const mlroi_benchmarks *b,
                                   const mlroi_mc_config *cfg, const mlroi_mc_options *o,
                                   const char *param, const char *statistic, double target,
                                   mlroi_mc_breakeven *out, mlroi_diags *diags)
{
    static const mlroi_mc_options no_options = { 0, false, 0, -1, 0, 0, NULL, NULL };
    mlroi_mc_options opt;
    mlroi_binding bind;
    mcbe_ctx c;
    double v0, f0, lo, hi, a = NAN, fa = NAN, bb = NAN, fb = NAN;
    mlroi_error err;

    memset(out, 0, sizeof *out);
    out->value = out->statistic_at_value = out->statistic_at_base = out->bracket = NAN;
    out->target = target;
    snprintf(out->param, sizeof out->param, "%s", param);
    snprintf(out->statistic, sizeof out->statistic, "%s", statistic);
    if (!mlroi_mc_stat_known(statistic))
        return mlroi_diags_add(diags, MLROI_ERR_INVALID, "", 0, 0, "metric",
                               "unknown Monte Carlo statistic '%s'", statistic);
    if (!isfinite(target))
        return mlroi_diags_add(diags, MLROI_ERR_RANGE, "", 0, 0, "target",
                               "the target must be a finite number");
    for (size_t j = 0; j < cfg->input_count; j++)
        if (strcmp(cfg->inputs[j].path, param) == 0)
            return mlroi_diags_add(diags, MLROI_ERR_INVALID, file_of(s), 0, 0, param,
                                   "the input is uncertain (uncertainty.inputs): goal seek "
                                   "moves an input the scenario fixes");
    opt = o ? *o : no_options;
    opt.progress = NULL;
    /* Common random numbers: the same seed for every trial, whatever the options say. */
    opt.has_seed = true;
    opt.seed = o != NULL && o->has_seed ? o->seed : cfg->seed;
    out->seed = opt.seed;
    out->samples = opt.samples ? opt.samples : cfg->samples;
    memset(&c, 0, sizeof c);
    c.scenario = mlroi_scenario_clone(s);
    if (c.scenario == NULL)
        return mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "breakeven", "out of memory");
    err = mlroi_analysis_bind(c.scenario, param, &bind, diags);
    if (err != MLROI_OK)
        goto cleanup;
    v0 = *bind.value;
    out->base_value = v0;
    if (!isfinite(v0)) {
        err = mlroi_diags_add(diags, MLROI_ERR_MISSING, file_of(s), 0, 0, param,
                              "the input has no value of its own in the scenario");
        goto cleanup;
    }
    c.value = bind.value;
    c.bench = b;
    c.cfg = cfg;
    c.options = &opt;
    c.statistic = statistic;
    c.target = target;
    c.out = out;
    c.diags = diags;
    lo = (bind.flags & MLROI_PF_MIN_EXCL) ? nextafter(bind.min, INFINITY) : bind.min;
    hi = (bind.flags & MLROI_PF_MAX_EXCL) ? nextafter(bind.max, -INFINITY) : bind.max;
    {
        double reach = ldexp(fmax(fabs(v0), 1.0), 40);
        if (!(lo > v0 - reach)) lo = v0 - reach;
        if (!(hi < v0 + reach)) hi = v0 + reach;
        if (bind.whole) { lo = ceil(lo); hi = floor(hi); }
    }
    f0 = mcbe_f(&c, v0);
    out->statistic_at_base = f0 + target;
    if (c.err != MLROI_OK) {
        err = c.err;
        goto cleanup;
    }
    if (isnan(f0)) {
        snprintf(out->reason, sizeof out->reason, "%s is undefined at the base value %.15g",
                 statistic, v0);
        goto cleanup;
    }
    if (f0 == 0) {
        out->value = v0;
        out->statistic_at_value = target;
        out->bracket = 0;
        goto cleanup;
    }
    /* Outwards, both ways, doubling the step: the first change of sign brackets it. */
    {
        double step = fmax(fabs(v0), 1.0) / 16.0;
        double up = v0, fup = f0, dn = v0, fdn = f0;
        bool up_open = v0 < hi, dn_open = v0 > lo;
        if (bind.whole && step < 1.0)
            step = 1.0;
        while ((up_open || dn_open) && isnan(a) && c.err == MLROI_OK) {
            for (int dir = 0; dir < 2 && isnan(a); dir++) {
                bool *open = dir == 0 ? &up_open : &dn_open;
                double *prev = dir == 0 ? &up : &dn, *fprev = dir == 0 ? &fup : &fdn, v, f;
                if (!*open)
                    continue;
                v = dir == 0 ? fmin(v0 + step, hi) : fmax(v0 - step, lo);
                if (bind.whole)
                    v = dir == 0 ? fmin(floor(v), hi) : fmax(ceil(v), lo);
                f = mcbe_f(&c, v);
                if (!isnan(f)) {
                    if ((f > 0) != (f0 > 0) || f == 0) {
                        a = *prev; fa = *fprev; bb = v; fb = f;
                    }
                    *prev = v;
                    *fprev = f;
                }
                if (dir == 0 ? v >= hi : v <= lo)
                    *open = false;
            }
            step *= 2.0;
        }
    }
    if (c.err != MLROI_OK) {
        err = c.err;
        goto cleanup;
    }
    if (isnan(a)) {
        snprintf(out->reason, sizeof out->reason,
                 "no value of %s from %.15g to %.15g brings %s to %.15g with seed %llu",
                 param, lo, hi, statistic, target, (unsigned long long)opt.seed);
        goto cleanup;
    }
    /* Bisection, not Brent: the statistic of a fixed set of samples moves in steps, and
     * halving is the one method that needs nothing smoother. */
    while (fb != 0 && c.err == MLROI_OK) {
        double mid = a + (bb - a) / 2.0, fm;
        if (bind.whole) {
            if (fabs(bb - a) <= 1.0)
                break;
            mid = floor(mid);
        } else if (fabs(bb - a) <= 1e-9 * fmax(fmax(fabs(a), fabs(bb)), 1e-300) ||
                   mid == a || mid == bb) {
            break;
        }
        fm = mcbe_f(&c, mid);
        if (isnan(fm) || (fm > 0) == (fa > 0)) {
            a = mid;
            fa = fm;
        } else {
            bb = mid;
            fb = fm;
        }
        if (isnan(fa))
            break;
    }
    if (c.err != MLROI_OK) {
        err = c.err;
        goto cleanup;
    }
    if (fb == 0 || isnan(fa) || fabs(fb) < fabs(fa)) {
        out->value = bb;
        out->statistic_at_value = fb + target;
    } else {
        out->value = a;
        out->statistic_at_value = fa + target;
    }
    out->bracket = fabs(bb - a);
cleanup:
    mlroi_scenario_free(c.scenario);
    return err;
}

bool mlroi_mc_stat_get(const mlroi_mc_result *r, const char *name, double *out)
{
    const char *dot;
    if (strcmp(name, "p_npv_positive") == 0) {
        *out = r->p_npv_positive;
        return true;
    }
    if (strcmp(name, "p_payback_within_horizon") == 0) {
        *out = r->p_payback_within_horizon;
        return true;
    }
    if (strcmp(name, "samples") == 0) {
        *out = (double)r->samples;
        return true;
    }
    dot = strchr(name, '.');
    if (dot == NULL)
        return false;
    for (int m = 0; m < MLROI_MC_METRICS; m++) {
        const mlroi_mc_stats *st = &r->metrics[m];
        size_t len = strlen(st->metric->name);
        const char *stat = dot + 1;
        if ((size_t)(dot - name) != len || strncmp(name, st->metric->name, len) != 0)
            continue;
        if (strcmp(stat, "mean") == 0) { *out = st->mean; return true; }
        if (strcmp(stat, "sd") == 0) { *out = st->sd; return true; }
        if (strcmp(stat, "min") == 0) { *out = st->min; return true; }
        if (strcmp(stat, "max") == 0) { *out = st->max; return true; }
        if (strcmp(stat, "undefined_share") == 0) { *out = st->undefined_share; return true; }
        for (int k = 0; k < MLROI_MC_PCT_COUNT; k++) {
            char pname[8];
            snprintf(pname, sizeof pname, "p%d", mlroi_mc_percentiles[k]);
            if (strcmp(stat, pname) == 0) {
                *out = st->pct[k];
                return true;
            }
        }
        return false;
    }
    return false;
}
