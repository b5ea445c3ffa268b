/* SPDX-License-Identifier: MIT */
/* The what-if page's engine: the library behind a few calls that take and give JSON text,
 * compiled to WebAssembly (Makefile: page engine) and embedded in every page --html writes.
 *
 * The page loads one scenario, then asks again and again with a new list of overrides, the
 * same PATH=VALUE pairs as --set. Every answer is text in the module's memory, read with
 * mlroi_page_output / mlroi_page_output_len and valid until the next call:
 *   mlroi_page_evaluate    exactly what `mlroi evaluate FILE --set ... --format json` prints
 *   mlroi_page_montecarlo  what `mlroi montecarlo FILE --threads 1 --format json` prints, plus
 *                          the histogram's core (for the chart) and the base NPV
 *   mlroi_page_tornado     the NPV tornado's bars, largest swing first
 *   mlroi_page_inputs      the numeric inputs the scenario sets, with ranges for the controls,
 *                          and its choices (the enums it sets) with their spellings
 * A call returns 0, or the engine's error code with {"errors": [{"path", "message", "text"}]}
 * as its answer: the page shows those messages, never a figure the engine did not give. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "mlroi/analysis.h"
#include "mlroi/engine.h"
#include "mlroi/render.h"

#define EXPORT(name) __attribute__((export_name(name)))

/* The built-in benchmarks, the scenario as written and the overrides in force. */
static char *g_name;
static char *g_text;
static size_t g_len;
static char *g_set_text;                 /* the overrides' storage, NUL-separated */
static char *g_set_lines;                /* the overrides as given, to see a repeat */
static mlroi_override *g_set;
static size_t g_set_count;
static char *g_out;                      /* the last answer */
/* The scenario loaded with the overrides in force, kept until they change: every call of one
 * page update (figures, tornado, Monte Carlo) reads the same load. */
static bool g_cached;
static mlroi_scenario *g_cache;
static mlroi_error g_cache_err;
static mlroi_diags g_cache_diags;

static void cache_drop(void)
{
    mlroi_scenario_free(g_cache);
    mlroi_diags_free(&g_cache_diags);
    memset(&g_cache_diags, 0, sizeof g_cache_diags);
    g_cache = NULL;
    g_cache_err = MLROI_OK;
    g_cached = false;
}

EXPORT("mlroi_page_alloc") void *mlroi_page_alloc(size_t size);
EXPORT("mlroi_page_free") void mlroi_page_free(void *p);
EXPORT("mlroi_page_output") const char *mlroi_page_output(void);
EXPORT("mlroi_page_output_len") size_t mlroi_page_output_len(void);
EXPORT("mlroi_page_load") int mlroi_page_load(const char *name, const char *text, size_t len);
EXPORT("mlroi_page_set") int mlroi_page_set(const char *lines);
EXPORT("mlroi_page_evaluate") int mlroi_page_evaluate(void);
EXPORT("mlroi_page_montecarlo") int mlroi_page_montecarlo(double samples);
EXPORT("mlroi_page_drivers") int mlroi_page_drivers(double samples);
EXPORT("mlroi_page_tornado") int mlroi_page_tornado(void);
EXPORT("mlroi_page_inputs") int mlroi_page_inputs(void);

void *mlroi_page_alloc(size_t size)
{
    return malloc(size ? size : 1);
}

void mlroi_page_free(void *p)
{
    free(p);
}

const char *mlroi_page_output(void)
{
    return g_out ? g_out : "";
}

size_t mlroi_page_output_len(void)
{
    return g_out ? strlen(g_out) : 0;
}

/* Take TEXT (malloc'd, or NULL when out of memory) as the answer. */
static int answer(char *text, int rc)
{
    free(g_out);
    g_out = text;
    if (text == NULL)
        return MLROI_ERR_NOMEM;
    return rc;
}

/* Print ROOT as the answer and free it. */
static int answer_json(cJSON *root, int rc)
{
    char *text = root ? mlroi_json_print(root) : NULL;
    cJSON_Delete(root);
    return answer(text, text ? rc : MLROI_ERR_NOMEM);
}

/* The errors in D as the answer; RC when D holds none (a failure that said nothing). */
static int answer_errors(const mlroi_diags *d, mlroi_error rc)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *list = cJSON_AddArrayToObject(root, "errors");
    if (rc == MLROI_OK)
        rc = MLROI_ERR_INVALID;
    for (size_t i = 0; d && i < d->count && list; i++) {
        const mlroi_diag *dg = &d->items[i];
        char text[1024];
        cJSON *e;
        if (dg->code == MLROI_OK)
            continue;   /* a warning: the page shows figures, the CLI would print it */
        e = cJSON_CreateObject();
        mlroi_diag_format(dg, text, sizeof text);
        cJSON_AddStringToObject(e, "path", dg->path);
        cJSON_AddStringToObject(e, "message", dg->message);
        cJSON_AddStringToObject(e, "text", text);
        cJSON_AddItemToArray(list, e);
    }
    if (list && cJSON_GetArraySize(list) == 0) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "path", "");
        cJSON_AddStringToObject(e, "message", mlroi_strerror(rc));
        cJSON_AddStringToObject(e, "text", mlroi_strerror(rc));
        cJSON_AddItemToArray(list, e);
    }
    answer_json(root, rc);
    return rc;
}

static void add_num(cJSON *o, const char *key, double v)
{
    if (isfinite(v))
        cJSON_AddNumberToObject(o, key, v);
    else
        cJSON_AddNullToObject(o, key);
}

int mlroi_page_load(const char *name, const char *text, size_t len)
{
    char *n = strdup(name ? name : ""), *t = malloc(len + 1);
    if (n == NULL || t == NULL) {
        free(n);
        free(t);
        return answer(NULL, MLROI_ERR_NOMEM);
    }
    memcpy(t, text, len);
    t[len] = '\0';
    cache_drop();
    free(g_set_lines);
    g_set_lines = NULL;   /* a new scenario: even the same overrides load again */
    free(g_name);
    free(g_text);
    g_name = n;
    g_text = t;
    g_len = len;
    return mlroi_page_set("");
}

int mlroi_page_set(const char *lines)
{
    size_t count = 0, len = strlen(lines);
    char *copy, *again;
    mlroi_override *set;
    /* The same overrides again (the page's first figures): the load in the cache stands. */
    if (g_set_lines && strcmp(g_set_lines, lines) == 0)
        return answer(strdup("{}"), 0);
    copy = malloc(len + 1);
    again = strdup(lines);
    if (copy == NULL || again == NULL) {
        free(copy);
        free(again);
        return answer(NULL, MLROI_ERR_NOMEM);
    }
    memcpy(copy, lines, len + 1);
    for (const char *p = copy; *p; p++)
        count += *p == '\n';
    set = calloc(count + 2, sizeof *set);
    if (set == NULL) {
        free(copy);
        free(again);
        return answer(NULL, MLROI_ERR_NOMEM);
    }
    count = 0;
    /* One PATH=VALUE a line; the value is everything after the first '=' (like --set). */
    for (char *line = copy; line && *line;) {
        char *next = strchr(line, '\n'), *eq;
        if (next)
            *next++ = '\0';
        eq = strchr(line, '=');
        if (eq && eq != line) {
            *eq = '\0';
            set[count].path = line;
            set[count].value = eq + 1;
            count++;
        }
        line = next;
    }
    cache_drop();
    free(g_set_text);
    free(g_set_lines);
    free(g_set);
    g_set_text = copy;
    g_set_lines = again;
    g_set = set;
    g_set_count = count;
    return answer(strdup("{}"), 0);
}

/* The scenario S with the overrides, as --set would load it, or the errors in D. */
static mlroi_error load_now(mlroi_scenario **s, mlroi_diags *d)
{
    mlroi_load_options o;
    const mlroi_benchmarks *b = mlroi_benchmarks_default();
    const char *ids[MLROI_MAX_CATALOG + 1];
    size_t n = 0;
    mlroi_error e;
    for (size_t i = 0; i < b->catalog_count && n < MLROI_MAX_CATALOG; i++)
        ids[n++] = b->catalog[i].id;
    ids[n] = NULL;
    memset(&o, 0, sizeof o);
    o.overrides = g_set;
    o.override_count = g_set_count;
    o.known_instances = ids;
    *s = NULL;
    if (g_text == NULL)
        return mlroi_diags_add(d, MLROI_ERR_MISSING, "", 0, 0, "", "no scenario loaded");
    e = mlroi_scenario_load_text(g_name, g_text, g_len, &o, s, d);
    return e;
}

/* The same through the cache: *S is borrowed (the cache keeps it), D gets the load's
 * diagnostics again. */
static mlroi_error load(mlroi_scenario **s, mlroi_diags *d)
{
    if (!g_cached) {
        g_cache_err = load_now(&g_cache, &g_cache_diags);
        g_cached = true;
    }
    for (size_t i = 0; i < g_cache_diags.count; i++) {
        const mlroi_diag *x = &g_cache_diags.items[i];
        if (x->code == MLROI_OK)
            mlroi_diags_warn(d, x->file, x->line, x->column, x->path, "%s", x->message);
        else
            mlroi_diags_add(d, x->code, x->file, x->line, x->column, x->path, "%s", x->message);
    }
    *s = g_cache;
    return g_cache_err;
}

int mlroi_page_evaluate(void)
{
    mlroi_diags d = { 0 };
    mlroi_scenario *s = NULL;
    mlroi_result r;
    mlroi_error e = load(&s, &d);
    int rc;
    memset(&r, 0, sizeof r);
    if (e == MLROI_OK)
        e = mlroi_evaluate(s, mlroi_benchmarks_default(), &r, &d);
    if (e != MLROI_OK)
        rc = answer_errors(&d, e);
    else
        rc = answer_json(mlroi_result_to_json(&r, MLROI_SEC_ALL), 0);
    mlroi_result_free(&r);
    mlroi_diags_free(&d);
    return rc;
}

/* Does S evaluate to a business case (as `montecarlo` and `tornado` ask)? An evaluation error
 * goes to D and *E. */
static bool has_bcase(const mlroi_scenario *s, mlroi_diags *d, mlroi_error *e)
{
    mlroi_result r;
    bool present;
    memset(&r, 0, sizeof r);
    *e = mlroi_evaluate(s, mlroi_benchmarks_default(), &r, d);
    present = *e == MLROI_OK && r.bcase.present;
    mlroi_result_free(&r);
    return present || *e != MLROI_OK;
}

/* The scenario as changed, its uncertainty section parsed, and the options of a one-thread
 * run of SAMPLES (0: the scenario's), as `montecarlo --threads 1` runs it. */
static mlroi_error mc_prepare(double samples, mlroi_scenario **s, mlroi_mc_config **cfg,
                              mlroi_mc_options *o, mlroi_diags *d)
{
    mlroi_error e = load(s, d);
    memset(o, 0, sizeof *o);
    o->method = -1;
    o->threads = 1;
    if (samples >= 1 && samples <= MLROI_MC_MAX_SAMPLES)
        o->samples = (size_t)samples;
    if (e == MLROI_OK && !has_bcase(*s, d, &e))
        e = mlroi_diags_add(d, MLROI_ERR_MISSING, g_name, 0, 0, "roi",
                            "the scenario has no \"roi\" section, which the simulated "
                            "business case needs");
    if (e == MLROI_OK)
        e = mlroi_mc_config_parse(*s, cfg, d);
    return e;
}

/* What drives the risk, as `mlroi montecarlo FILE --samples N --threads 1 --sensitivity`
 * gives it: the variance decomposition of the NPV over N base samples and the value of
 * information from a run of N samples, under the keys that command's JSON uses. */
int mlroi_page_drivers(double samples)
{
    mlroi_diags d = { 0 };
    mlroi_scenario *s = NULL;
    mlroi_mc_config *cfg = NULL;
    mlroi_mc_result *mc = NULL;
    mlroi_sensitivity *sens = NULL;
    mlroi_voi *voi = NULL;
    mlroi_mc_options o;
    mlroi_error e = mc_prepare(samples, &s, &cfg, &o, &d);
    int rc;
    if (e == MLROI_OK)
        e = mlroi_mc_run_with_samples(s, mlroi_benchmarks_default(), cfg, &o, &mc, &d);
    if (e == MLROI_OK)
        e = mlroi_mc_sensitivity(s, mlroi_benchmarks_default(), cfg, &o, NULL, &sens, &d);
    if (e == MLROI_OK && mc->metrics[0].defined == mc->samples)
        e = mlroi_mc_value_of_information(mc, 1, &voi, &d);
    if (e != MLROI_OK) {
        rc = answer_errors(&d, e);
    } else {
        cJSON *root = cJSON_CreateObject();
        if (root != NULL)
            mlroi_drivers_to_json(root, sens, voi, s->currency);
        rc = answer_json(root, 0);
    }
    mlroi_voi_free(voi);
    mlroi_sensitivity_free(sens);
    mlroi_mc_result_free(mc);
    mlroi_mc_config_free(cfg);
    mlroi_diags_free(&d);
    return rc;
}

int mlroi_page_montecarlo(double samples)
{
    mlroi_diags d = { 0 };
    mlroi_scenario *s = NULL;
    mlroi_mc_config *cfg = NULL;
    mlroi_mc_result *mc = NULL;
    mlroi_mc_options o;
    mlroi_error e = mc_prepare(samples, &s, &cfg, &o, &d);
    int rc;
    if (e == MLROI_OK)
        e = mlroi_mc_run(s, mlroi_benchmarks_default(), cfg, &o, &mc, &d);
    rc = e != MLROI_OK ? answer_errors(&d, e) : answer_json(mlroi_mc_to_json(mc, true), 0);
    mlroi_mc_result_free(mc);
    mlroi_mc_config_free(cfg);
    mlroi_diags_free(&d);
    return rc;
}

int mlroi_page_tornado(void)
{
    mlroi_diags d = { 0 };
    mlroi_scenario *s = NULL;
    mlroi_scenario *work = NULL;
    mlroi_tornado *t = NULL;
    mlroi_tornado_options o;
    mlroi_error e = load(&s, &d);
    int rc;
    memset(&o, 0, sizeof o);
    o.metric = "npv";
    o.swing = NAN;
    if (e == MLROI_OK && !has_bcase(s, &d, &e))
        e = mlroi_diags_add(&d, MLROI_ERR_MISSING, g_name, 0, 0, "roi",
                            "the scenario has no business case, so there is no NPV to move");
    /* The tornado moves the inputs in place: a copy keeps the cached load as loaded. */
    if (e == MLROI_OK && (work = mlroi_scenario_clone(s)) == NULL)
        e = mlroi_diags_add(&d, MLROI_ERR_NOMEM, g_name, 0, 0, "", "out of memory");
    if (e == MLROI_OK)
        e = mlroi_tornado_run(work, mlroi_benchmarks_default(), &o, &t, &d);
    if (e != MLROI_OK) {
        rc = answer_errors(&d, e);
    } else {
        cJSON *root = cJSON_CreateObject(), *bars;
        cJSON_AddStringToObject(root, "metric", t->metric->name);
        add_num(root, "base", t->base);
        add_num(root, "swing", t->swing_fraction);
        bars = cJSON_AddArrayToObject(root, "bars");
        for (size_t i = 0; i < t->count; i++) {
            const mlroi_tornado_bar *b = &t->bars[i];
            cJSON *o2 = cJSON_CreateObject();
            cJSON_AddStringToObject(o2, "param", b->param);
            cJSON_AddStringToObject(o2, "label", b->label ? b->label : b->param);
            add_num(o2, "base_value", b->base_value);
            add_num(o2, "low_value", b->low_value);
            add_num(o2, "high_value", b->high_value);
            add_num(o2, "low", b->low);
            add_num(o2, "high", b->high);
            add_num(o2, "swing", b->swing);
            cJSON_AddItemToArray(bars, o2);
        }
        rc = answer_json(root, 0);
    }
    mlroi_tornado_free(t);
    mlroi_scenario_free(work);
    mlroi_diags_free(&d);
    return rc;
}

/* ---------- the page's controls ---------- */

typedef struct inputs_ctx {
    mlroi_scenario *s;
    const cJSON *uncertain;       /* uncertainty.inputs as the loader accepted it, or NULL */
    cJSON *list;
} inputs_ctx;

static double key_num(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

/* The span the uncertainty section gives PATH's distribution: its min and max, else its mean
 * +/- 3.3 sd (the 0.05th to 99.95th percentile of a normal), else its 5th and 95th percentile
 * widened by half their distance on each side. Read from the section's text rather than from
 * the distributions, which the loader has already checked and which cost a PERT's table. */
static bool uncertain_span(const cJSON *inputs, const char *path, double *lo, double *hi)
{
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(inputs, path);
    double a = key_num(d, "min"), b = key_num(d, "max"), m = key_num(d, "mean"),
           sd = key_num(d, "sd"), p5 = key_num(d, "p5"), p95 = key_num(d, "p95");
    if (!cJSON_IsObject(d))
        return false;
    if (!isfinite(a) && isfinite(m) && isfinite(sd))
        a = m - 3.3 * sd;
    if (!isfinite(b) && isfinite(m) && isfinite(sd))
        b = m + 3.3 * sd;
    if (!isfinite(a) && isfinite(p5) && isfinite(p95))
        a = p5 - (p95 - p5) / 2;
    if (!isfinite(b) && isfinite(p5) && isfinite(p95))
        b = p95 + (p95 - p5) / 2;
    *lo = a;
    *hi = b;
    return isfinite(a) && isfinite(b) && b > a;
}

/* A range for the slider: the span of the input's distribution when the uncertainty section
 * gives it one, else the value halved and doubled (a fraction over all of its allowed range),
 * always inside the allowed range and around the value. */
static void slider_range(const inputs_ctx *c, const mlroi_binding *b, double v, bool fraction,
                         double *lo, double *hi)
{
    if (!c->uncertain || !uncertain_span(c->uncertain, b->path, lo, hi)) {
        if (fraction) {
            *lo = b->min;
            *hi = b->max;
        } else if (v > 0) {
            *lo = 0;
            *hi = 2 * v;
        } else if (v < 0) {
            *lo = 2 * v;
            *hi = 0;
        } else {
            *lo = 0;
            *hi = (b->flags & MLROI_PF_MONEY) ? 100000 : b->whole ? 10 : 1;
        }
    }
    if (*lo > v)
        *lo = v;
    if (*hi < v)
        *hi = v;
    if (*lo < b->min)
        *lo = b->min;
    if (*hi > b->max)
        *hi = b->max;
}

/* Add the input at PATH (skipped when it does not bind or has no value of its own). */
static void add_input(const inputs_ctx *c, const char *path, const char *alias,
                      const char *group, const char *label, const char *unit)
{
    mlroi_binding b;
    double v, lo, hi;
    bool fraction;
    cJSON *o;
    if (mlroi_analysis_bind(c->s, path, &b, NULL) != MLROI_OK)
        return;
    v = *b.value;
    if (!isfinite(v))
        return;
    fraction = !(b.flags & MLROI_PF_MONEY) && !b.whole && b.min >= -1 && b.max <= 1;
    slider_range(c, &b, v, fraction, &lo, &hi);
    o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "path", path);
    /* The loader names a line by its index in its messages. */
    cJSON_AddStringToObject(o, "alias", alias ? alias : path);
    cJSON_AddStringToObject(o, "group", group);
    cJSON_AddStringToObject(o, "label", label);
    cJSON_AddStringToObject(o, "unit", unit ? unit : "");
    add_num(o, "value", v);
    add_num(o, "min", b.min);
    add_num(o, "max", b.max);
    cJSON_AddBoolToObject(o, "min_excl", (b.flags & MLROI_PF_MIN_EXCL) != 0);
    cJSON_AddBoolToObject(o, "max_excl", (b.flags & MLROI_PF_MAX_EXCL) != 0);
    cJSON_AddBoolToObject(o, "whole", b.whole);
    cJSON_AddBoolToObject(o, "money", (b.flags & MLROI_PF_MONEY) != 0);
    cJSON_AddBoolToObject(o, "fraction", fraction);
    add_num(o, "lo", lo);
    add_num(o, "hi", hi);
    cJSON_AddItemToArray(c->list, o);
}

/* The choice at P (an enum the scenario sets, such as business_case.discounting) with its
 * spellings, for a select on the page. */
static void add_choice(cJSON *list, const mlroi_scenario *s, const mlroi_param *p,
                       const char *group)
{
    cJSON *o, *opts;
    int v;
    memcpy(&v, (const char *)s + p->offset, sizeof v);
    o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "path", p->path);
    cJSON_AddStringToObject(o, "group", group);
    cJSON_AddStringToObject(o, "label", p->label);
    opts = cJSON_AddArrayToObject(o, "options");
    for (int i = 0; p->choices[i]; i++) {
        cJSON_AddItemToArray(opts, cJSON_CreateString(p->choices[i]));
        if (i == v)
            cJSON_AddStringToObject(o, "value", p->choices[i]);
    }
    cJSON_AddItemToArray(list, o);
}

static const char *group_of(const char *path)
{
    static const struct { const char *prefix, *group; } groups[] = {
        { "organization.", "Organisation" }, { "roi.", "Quick estimate" },
        { "business_case.lines[", "Business-case lines" },
        { "business_case.", "Business case" }, { "team.", "Team" }, { "tco.", "Running costs" },
        { "chargeback.", "Chargeback" }, { "platform.", "Platform" },
    };
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (strncmp(path, groups[i].prefix, strlen(groups[i].prefix)) == 0)
            return groups[i].group;
    return "Other";
}

/* A line or list entry by name when the name can stand in a path (as the tornado does), else
 * by index. */
static void entry_ref(char *buf, size_t size, const char *name, size_t index)
{
    if (name && strlen(name) <= 90 && !strpbrk(name, "[]") && !(name[0] >= '0' && name[0] <= '9'))
        snprintf(buf, size, "%s", name);
    else
        snprintf(buf, size, "%zu", index);
}

int mlroi_page_inputs(void)
{
    mlroi_diags d = { 0 };
    mlroi_scenario *s = NULL;
    cJSON *unc = NULL;
    mlroi_error e;
    inputs_ctx c;
    cJSON *root, *choices;
    size_t pcount;
    const mlroi_param *params = mlroi_params(&pcount);
    char path[200], alias[200], label[200], ref[100];
    int rc;

    /* The controls are the scenario's own inputs, as written: without the overrides. With
     * none in force that is the cached load (a copy: binding may fill in defaults). */
    mlroi_override *keep = g_set;
    size_t keep_count = g_set_count;
    if (keep_count == 0) {
        mlroi_scenario *cached = NULL;
        e = load(&cached, &d);
        if (e == MLROI_OK && (s = mlroi_scenario_clone(cached)) == NULL)
            e = mlroi_diags_add(&d, MLROI_ERR_NOMEM, g_name, 0, 0, "", "out of memory");
    } else {
        g_set = NULL;
        g_set_count = 0;
        e = load_now(&s, &d);
        g_set = keep;
        g_set_count = keep_count;
    }
    if (e != MLROI_OK) {
        rc = answer_errors(&d, e);
        mlroi_diags_free(&d);
        return rc;
    }
    if (s->uncertainty_json)
        unc = cJSON_Parse(s->uncertainty_json);
    root = cJSON_CreateObject();
    c.s = s;
    c.uncertain = cJSON_GetObjectItemCaseSensitive(unc, "inputs");
    c.list = cJSON_AddArrayToObject(root, "inputs");
    choices = cJSON_AddArrayToObject(root, "choices");
    for (size_t i = 0; i < pcount; i++) {
        const mlroi_param *p = &params[i];
        if (s->sources == NULL || s->sources[i] == MLROI_SRC_DEFAULT || !strchr(p->path, '.'))
            continue;
        if (p->type == MLROI_P_ENUM && p->choices && choices)
            add_choice(choices, s, p, group_of(p->path));
        if (p->type != MLROI_P_NUMBER && p->type != MLROI_P_COUNT && p->type != MLROI_P_FRACTION)
            continue;
        add_input(&c, p->path, NULL, group_of(p->path), p->label, p->unit);
    }
    for (size_t i = 0; i < s->bc.line_count; i++) {
        const mlroi_bc_line *l = &s->bc.lines[i];
        const char *key = l->how == MLROI_LINE_ANNUAL ? "annual"
                          : l->how == MLROI_LINE_AMOUNT ? "amount" : "scale";
        entry_ref(ref, sizeof ref, l->name, i);
        snprintf(path, sizeof path, "business_case.lines[%s].%s", ref, key);
        snprintf(alias, sizeof alias, "business_case.lines[%zu].%s", i, key);
        snprintf(label, sizeof label, "%s: %s", l->name,
                 l->how == MLROI_LINE_ANNUAL ? "yearly amount"
                 : l->how == MLROI_LINE_AMOUNT ? "amount" : "scale");
        add_input(&c, path, alias, "Business-case lines", label,
                  l->how == MLROI_LINE_ANNUAL ? "per year" : l->how == MLROI_LINE_AMOUNT
                  ? "once" : "times the figure");
        snprintf(path, sizeof path, "business_case.lines[%s].risk", ref);
        snprintf(alias, sizeof alias, "business_case.lines[%zu].risk", i);
        snprintf(label, sizeof label, "%s: %s", l->name,
                 l->kind == MLROI_LINE_BENEFIT ? "risk haircut" : "risk uplift");
        if (!isnan(l->risk))
            add_input(&c, path, alias, "Business-case lines", label, "fraction");
    }
    for (size_t i = 0; i < s->tco.workload_count; i++) {
        const mlroi_workload *w = &s->tco.workloads[i];
        snprintf(path, sizeof path, "tco.workloads[%zu].instances", i);
        snprintf(label, sizeof label, "%s: instances", w->name ? w->name : "workload");
        add_input(&c, path, NULL, "Running costs", label, "");
        snprintf(path, sizeof path, "tco.workloads[%zu].hours_per_month", i);
        snprintf(label, sizeof label, "%s: hours a month", w->name ? w->name : "workload");
        add_input(&c, path, NULL, "Running costs", label, "");
        snprintf(path, sizeof path, "tco.workloads[%zu].hourly_rate", i);
        snprintf(label, sizeof label, "%s: hourly rate", w->name ? w->name : "workload");
        add_input(&c, path, NULL, "Running costs", label, "per hour");
    }
    for (size_t i = 0; i < s->tco.license_count; i++) {
        const mlroi_license *l = &s->tco.licenses[i];
        snprintf(path, sizeof path, "tco.licenses[%zu].%s", i,
                 isnan(l->annual) ? "monthly" : "annual");
        snprintf(label, sizeof label, "%s (licence)", l->name ? l->name : "licence");
        add_input(&c, path, NULL, "Running costs", label,
                  isnan(l->annual) ? "per month" : "per year");
    }
    for (size_t i = 0; i < s->tco.one_time_count; i++) {
        snprintf(path, sizeof path, "tco.one_time[%zu].amount", i);
        snprintf(label, sizeof label, "%s (one-time)",
                 s->tco.one_time[i].name ? s->tco.one_time[i].name : "one-time cost");
        add_input(&c, path, NULL, "Running costs", label, "once");
    }
    rc = answer_json(root, 0);
    cJSON_Delete(unc);
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);
    return rc;
}
