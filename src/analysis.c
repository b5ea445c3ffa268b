/* SPDX-License-Identifier: MIT */
/* What-if analysis: the metric name space, sweeps, grids, tornado and break-even search. */
#include "mlroi/analysis.h"
#include "parallel.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------------------------------------
 * Metrics
 * ------------------------------------------------------------------------------------------ */

/* Which module a metric reads: decides whether the fast re-evaluation path is enough. */
typedef enum metric_module { MOD_BCASE, MOD_QUICK, MOD_OTHER } metric_module;

static const mlroi_metric_info metric_table[MLROI_M_COUNT] = {
    { MLROI_M_NPV, "npv", "NPV (risk-adjusted)", MLROI_U_MONEY, false },
    { MLROI_M_ROI_PERCENT, "roi_percent", "PV ROI", MLROI_U_PERCENT, false },
    { MLROI_M_PAYBACK_MONTHS, "payback_months", "Payback", MLROI_U_MONTHS, true },
    { MLROI_M_DISCOUNTED_PAYBACK_MONTHS, "discounted_payback_months", "Discounted payback",
      MLROI_U_MONTHS, true },
    { MLROI_M_IRR, "irr", "IRR", MLROI_U_RATE, false },
    { MLROI_M_PV_BENEFITS, "pv_benefits", "PV of benefits", MLROI_U_MONEY, false },
    { MLROI_M_PV_COSTS, "pv_costs", "PV of costs", MLROI_U_MONEY, false },
    { MLROI_M_COST_3Y, "cost_3y", "3-year cost", MLROI_U_MONEY, false },
    { MLROI_M_UNADJUSTED_NPV, "unadjusted_npv", "NPV (unadjusted)", MLROI_U_MONEY, false },
    { MLROI_M_UNADJUSTED_ROI_PERCENT, "unadjusted_roi_percent", "PV ROI (unadjusted)",
      MLROI_U_PERCENT, false },
    { MLROI_M_QUICK_ROI_PERCENT, "quick_roi_percent", "12-month ROI", MLROI_U_PERCENT, false },
    { MLROI_M_NET_BENEFIT, "net_benefit", "12-month net benefit", MLROI_U_MONEY, false },
    { MLROI_M_TOTAL_BENEFITS, "total_benefits", "12-month benefits", MLROI_U_MONEY, false },
    { MLROI_M_TCO_TOTAL, "tco_total", "TCO over the horizon", MLROI_U_MONEY, false },
    { MLROI_M_TCO_RECURRING, "tco_recurring", "TCO per year", MLROI_U_MONEY, false },
    { MLROI_M_MONTHLY_CLOUD, "monthly_cloud", "Cloud cost per month", MLROI_U_MONEY, false },
    { MLROI_M_TEAM_COST, "team_cost", "Team cost per year", MLROI_U_MONEY, false },
    { MLROI_M_TEAM_HEADCOUNT, "team_headcount", "Team head count", MLROI_U_COUNT, false },
    { MLROI_M_MATURITY_SCORE, "maturity_score", "Maturity score", MLROI_U_COUNT, false },
    { MLROI_M_MATURITY_LEVEL, "maturity_level", "Maturity level", MLROI_U_COUNT, false },
    { MLROI_M_GATED_LEVEL, "gated_level", "Gated maturity level", MLROI_U_COUNT, false },
};

static metric_module metric_module_of(mlroi_metric_id id)
{
    if (id <= MLROI_M_UNADJUSTED_ROI_PERCENT)
        return MOD_BCASE;
    if (id <= MLROI_M_TOTAL_BENEFITS)
        return MOD_QUICK;
    return MOD_OTHER;
}

const mlroi_metric_info *mlroi_metrics(size_t *count)
{
    if (count)
        *count = MLROI_M_COUNT;
    return metric_table;
}

const mlroi_metric_info *mlroi_metric_find(const char *name)
{
    if (name == NULL)
        return NULL;
    for (size_t i = 0; i < MLROI_M_COUNT; i++)
        if (strcmp(metric_table[i].name, name) == 0)
            return &metric_table[i];
    return NULL;
}

double mlroi_metric_value(const mlroi_result *r, mlroi_metric_id id)
{
    const mlroi_bcase_figures *adj = &r->bcase.adjusted;
    switch (id) {
    case MLROI_M_NPV: return r->bcase.present ? adj->npv : NAN;
    case MLROI_M_ROI_PERCENT: return r->bcase.present ? adj->roi_percent : NAN;
    case MLROI_M_PAYBACK_MONTHS: return r->bcase.present ? adj->payback_months : NAN;
    case MLROI_M_DISCOUNTED_PAYBACK_MONTHS:
        return r->bcase.present ? adj->discounted_payback_months : NAN;
    case MLROI_M_IRR: return r->bcase.present ? adj->irr : NAN;
    case MLROI_M_PV_BENEFITS: return r->bcase.present ? adj->pv_benefits : NAN;
    case MLROI_M_PV_COSTS: return r->bcase.present ? adj->pv_costs : NAN;
    case MLROI_M_COST_3Y: {
        double sum = 0.0;
        if (!r->bcase.present)
            return NAN;
        for (int t = 0; t <= adj->horizon && t <= 3; t++)
            sum += adj->years[t].costs;
        return sum;
    }
    case MLROI_M_UNADJUSTED_NPV: return r->bcase.present ? r->bcase.unadjusted.npv : NAN;
    case MLROI_M_UNADJUSTED_ROI_PERCENT:
        return r->bcase.present ? r->bcase.unadjusted.roi_percent : NAN;
    case MLROI_M_QUICK_ROI_PERCENT: return r->roi.present ? r->roi.roi_percent : NAN;
    case MLROI_M_NET_BENEFIT: return r->roi.present ? r->roi.net_benefit : NAN;
    case MLROI_M_TOTAL_BENEFITS: return r->roi.present ? r->roi.total_benefits : NAN;
    case MLROI_M_TCO_TOTAL: return r->tco.present ? r->tco.total : NAN;
    case MLROI_M_TCO_RECURRING: return r->tco.present ? r->tco.recurring_total : NAN;
    case MLROI_M_MONTHLY_CLOUD: return r->tco.present ? r->tco.monthly_cloud : NAN;
    case MLROI_M_TEAM_COST: return r->team.present ? r->team.annual_cost : NAN;
    case MLROI_M_TEAM_HEADCOUNT: return r->team.present ? (double)r->team.headcount : NAN;
    case MLROI_M_MATURITY_SCORE: return r->maturity.present ? (double)r->maturity.score : NAN;
    case MLROI_M_MATURITY_LEVEL: return r->maturity.present ? (double)r->maturity.level : NAN;
    case MLROI_M_GATED_LEVEL:
        return r->maturity.present ? (double)r->maturity.gated_level : NAN;
    default: return NAN;
    }
}

bool mlroi_metric_get(const mlroi_result *r, const char *name, double *out)
{
    const mlroi_metric_info *m = mlroi_metric_find(name);
    if (m == NULL)
        return false;
    *out = mlroi_metric_value(r, m->id);
    return true;
}

void mlroi_metric_names(char *buf, size_t size)
{
    size_t used = 0;
    if (size == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < MLROI_M_COUNT; i++) {
        int n = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", metric_table[i].name);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

/* ------------------------------------------------------------------------------------------
 * Evaluator
 * ------------------------------------------------------------------------------------------ */

static const char *scenario_file(const mlroi_scenario *s)
{
    return s->file ? s->file : "";
}

mlroi_error mlroi_analysis_bind(mlroi_scenario *s, const char *path, mlroi_binding *out,
                                mlroi_diags *diags)
{
    static const struct { const char *prefix; size_t offset; const char *section; } needs[] = {
        { "roi.", offsetof(mlroi_scenario, has_roi), "roi" },
        { "team.", offsetof(mlroi_scenario, has_team), "team" },
        { "tco.", offsetof(mlroi_scenario, has_tco), "tco" },
        { "organization.", offsetof(mlroi_scenario, has_organization), "organization" },
    };
    mlroi_error err = mlroi_binding_resolve(s, path, out, diags);
    if (err != MLROI_OK)
        return err;
    /* Without lines the business case takes its benefits from the roi section. */
    if (strncmp(path, "business_case.", 14) == 0 && !s->has_roi && !s->bc.has_lines)
        return mlroi_diags_add(diags, MLROI_ERR_MISSING, scenario_file(s), 0, 0, path,
                               "the scenario has no roi section and no business_case.lines, so "
                               "changing this input changes nothing");
    for (size_t i = 0; i < sizeof needs / sizeof needs[0]; i++) {
        if (strncmp(path, needs[i].prefix, strlen(needs[i].prefix)) == 0) {
            const bool *has = (const bool *)((const char *)s + needs[i].offset);
            if (!*has)
                return mlroi_diags_add(diags, MLROI_ERR_MISSING, scenario_file(s), 0, 0, path,
                                       "the scenario has no %s section, so changing this "
                                       "input changes nothing", needs[i].section);
        }
    }
    return MLROI_OK;
}

static bool path_is_fast(const mlroi_scenario *s, const char *path)
{
    if (strncmp(path, "roi.", 4) == 0)
        return true;
    if (strncmp(path, "business_case.", 14) != 0)
        return false;
    /* The horizon also sets how many years of TCO costs there are. */
    return !(strcmp(path, "business_case.horizon_years") == 0 &&
             s->bc.costs_from == MLROI_COSTS_TCO);
}

mlroi_error mlroi_evaluator_init(mlroi_evaluator *e, mlroi_scenario *s, const mlroi_benchmarks *b,
                                 const char *const *paths, size_t path_count,
                                 const mlroi_metric_id *metrics, size_t metric_count,
                                 mlroi_result *r, mlroi_diags *diags)
{
    mlroi_error err;

    memset(e, 0, sizeof *e);
    e->scenario = s;
    e->bench = b ? b : mlroi_benchmarks_default();
    err = mlroi_evaluate_core(s, e->bench, r);
    if (err != MLROI_OK) {
        /* Say why with the full evaluation, which reports into diags. */
        mlroi_result full;
        mlroi_error again = mlroi_evaluate(s, e->bench, &full, diags);
        mlroi_result_free(&full);
        if (again == MLROI_OK)
            mlroi_diags_add(diags, err, scenario_file(s), 0, 0, "", "%s",
                            mlroi_strerror(err));
        return err;
    }
    e->fast = true;
    for (size_t i = 0; i < path_count && e->fast; i++)
        if (!path_is_fast(s, paths[i]))
            e->fast = false;
    for (size_t i = 0; i < metric_count && e->fast; i++)
        if (metric_module_of(metrics[i]) == MOD_OTHER)
            e->fast = false;
    /* Every metric stays up to date (the unadjusted ones when asked for); the notes and MIRR,
     * which no metric reads, are left out. */
    e->parts = MLROI_BC_DISCOUNTED_PAYBACK;
    for (size_t i = 0; i < metric_count; i++)
        if (metrics[i] == MLROI_M_UNADJUSTED_NPV || metrics[i] == MLROI_M_UNADJUSTED_ROI_PERCENT)
            e->parts |= MLROI_BC_UNADJUSTED;
    mlroi_result_plan_figures(r, &e->figures);
    /* With only the quick estimate's inputs moving (and the discount rate, which no line's
     * amount reads), each line is resolved once here rather than at every run. */
    e->plan.count = 0;
    if (e->fast) {
        bool lines_fixed = true;
        for (size_t i = 0; i < path_count && lines_fixed; i++)
            lines_fixed = strncmp(paths[i], "roi.", 4) == 0 ||
                          strcmp(paths[i], "business_case.discount_rate") == 0;
        if (lines_fixed)
            mlroi_lines_plan_set(s, &e->plan);
    }
    /* Runs in batches: only the quick estimate's inputs moving, and only the figures
     * mlroi_bcase_batch_run computes read. */
    e->batch = e->fast && !(e->parts & MLROI_BC_UNADJUSTED);
    for (size_t i = 0; i < path_count && e->batch; i++)
        e->batch = strncmp(paths[i], "roi.", 4) == 0;
    for (size_t i = 0; i < metric_count && e->batch; i++)
        e->batch = metrics[i] == MLROI_M_NPV || metrics[i] == MLROI_M_ROI_PERCENT ||
                   metrics[i] == MLROI_M_PAYBACK_MONTHS || metrics[i] == MLROI_M_IRR;
    if (e->batch)
        e->batch = mlroi_bcase_batch_init(s, &e->figures, &e->plan, &e->cases);
    return MLROI_OK;
}

size_t mlroi_evaluator_run_many(const mlroi_evaluator *e, double *const *slots, size_t inputs,
                                const double *values, size_t stride, size_t count, double *npv,
                                double *roi, double *payback, bool *present, double *nets,
                                size_t nets_stride)
{
    mlroi_quick q[MLROI_RUN_MANY];
    double annual[MLROI_RUN_MANY];
    size_t k;

    if (count > MLROI_RUN_MANY)
        count = MLROI_RUN_MANY;
    /* A case without lines straight from the inputs, when every input is a roi field. */
    _Static_assert(MLROI_RUN_MANY <= MLROI_BCASE_QUICK_MAX, "a batch is one quick batch");
    if (e->cases.plan == NULL) {
        const mlroi_roi_inputs *in = &e->scenario->roi;
        const double *const fields[MLROI_ROI_FIELDS] = {
            &in->team_size, &in->avg_salary, &in->models_per_year,
            &in->current_time_to_prod_weeks, &in->mlops_time_to_prod_weeks,
            &in->model_incidents_per_year, &in->avg_incident_cost, &in->incident_reduction,
            &in->mlops_investment,
        };
        const double *cols[MLROI_ROI_FIELDS] = { NULL };
        size_t found = 0;
        for (size_t j = 0; j < inputs; j++)
            for (int f = 0; f < MLROI_ROI_FIELDS; f++)
                if (slots[j] == fields[f] && cols[f] == NULL) {
                    cols[f] = values + j * stride;
                    found++;
                }
        if (found == inputs &&
            mlroi_bcase_batch_quick(&e->cases, cols, count, npv, roi, payback, present, nets,
                                    nets_stride) == count)
            return count;
    }
    /* The quick estimate of every run first (mlroi_evaluator_run's first step), up to the
     * first that overflows, then their cases together. */
    for (k = 0; k < count; k++) {
        for (size_t j = 0; j < inputs; j++)
            *slots[j] = values[j * stride + k];
        mlroi_quick_eval(e->scenario, &q[k]);
        if (isinf(q[k].roi_percent))
            break;
        annual[k] = mlroi_scenario_annual_cost(e->scenario);
    }
    /* Returns K when every case of the first K runs is fine: the run that stopped them. */
    return mlroi_bcase_batch_run(&e->cases, q, annual, k, npv, roi, payback, present, nets,
                                 nets_stride);
}

mlroi_error mlroi_evaluator_run(const mlroi_evaluator *e, mlroi_result *r)
{
    if (!e->fast)
        return mlroi_evaluate_core(e->scenario, e->bench, r);
    mlroi_plan_figures f = e->figures;
    mlroi_quick_eval(e->scenario, &r->roi);
    if (isinf(r->roi.roi_percent))
        return MLROI_ERR_NUMERIC;
    /* Only the quick estimate moves on the fast path; the team and the TCO stay put. */
    f.v[MLROI_FIG_DEPLOYMENT_SAVINGS] = r->roi.deployment_savings;
    f.v[MLROI_FIG_INCIDENT_SAVINGS] = r->roi.incident_savings;
    f.v[MLROI_FIG_TOTAL_BENEFITS] = r->roi.total_benefits;
    f.v[MLROI_FIG_INVESTMENT] = r->roi.investment;
    return mlroi_bcase_eval_planned(e->scenario, &f, e->parts, &e->plan, &r->bcase);
}

/* ------------------------------------------------------------------------------------------
 * Sweeps
 * ------------------------------------------------------------------------------------------ */

mlroi_error mlroi_linspace(double from, double to, size_t points, size_t max_points,
                           const char *path, double **out, mlroi_diags *diags)
{
    double *v;
    const char *where = path ? path : "";

    *out = NULL;
    if (!isfinite(from) || !isfinite(to))
        return mlroi_diags_add(diags, MLROI_ERR_RANGE, "", 0, 0, where,
                               "the sweep's ends must be finite numbers");
    if (from == to)
        return mlroi_diags_add(diags, MLROI_ERR_RANGE, "", 0, 0, where,
                               "the sweep's ends are both %.15g: give two different values",
                               from);
    if (points < 2)
        return mlroi_diags_add(diags, MLROI_ERR_RANGE, "", 0, 0, where,
                               "a sweep from one value to another needs at least 2 points, "
                               "got %zu", points);
    if (points > max_points)
        return mlroi_diags_add(diags, MLROI_ERR_LIMIT, "", 0, 0, where,
                               "%zu points is more than the limit of %zu", points, max_points);
    v = malloc(points * sizeof *v);
    if (v == NULL)
        return mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, where, "out of memory");
    for (size_t i = 0; i < points; i++)
        v[i] = from + (to - from) * ((double)i / (double)(points - 1));
    v[points - 1] = to;   /* exactly the end the user wrote */
    *out = v;
    return MLROI_OK;
}

void mlroi_sweep_free(mlroi_sweep *sw)
{
    if (sw == NULL)
        return;
    free(sw->rows);
    free(sw);
}

/* Check every value before evaluating anything, so a bad list fails fast and whole. */
static mlroi_error check_values(const mlroi_binding *bind, const double *values, size_t count,
                                mlroi_diags *diags)
{
    for (size_t i = 0; i < count; i++) {
        mlroi_error err = mlroi_binding_check(bind, values[i], diags);
        if (err != MLROI_OK)
            return err;
    }
    return MLROI_OK;
}

mlroi_error mlroi_sweep_run(mlroi_scenario *s, const mlroi_benchmarks *b, const char *param,
                            const double *values, size_t count, const char *metric,
                            mlroi_sweep **out, mlroi_diags *diags)
{
    static const mlroi_metric_id row_metrics[] = {
        MLROI_M_NPV, MLROI_M_ROI_PERCENT, MLROI_M_PAYBACK_MONTHS, MLROI_M_IRR
    };
    mlroi_metric_id ids[5];
    size_t id_count = 4;
    mlroi_binding bind;
    mlroi_evaluator ev;
    mlroi_result r;
    mlroi_sweep *sw = NULL;
    double saved = NAN;
    bool changed = false;
    mlroi_error err;

    *out = NULL;
    memcpy(ids, row_metrics, sizeof row_metrics);
    if (count == 0) {
        err = mlroi_diags_add(diags, MLROI_ERR_RANGE, "", 0, 0, param, "no values to sweep");
        goto cleanup;
    }
    if (count > MLROI_SWEEP_MAX_POINTS) {
        err = mlroi_diags_add(diags, MLROI_ERR_LIMIT, "", 0, 0, param,
                              "%zu values is more than the limit of %u", count,
                              MLROI_SWEEP_MAX_POINTS);
        goto cleanup;
    }
    sw = calloc(1, sizeof *sw);
    if (sw == NULL || (sw->rows = calloc(count, sizeof *sw->rows)) == NULL) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, param, "out of memory");
        goto cleanup;
    }
    if (metric != NULL) {
        sw->metric = mlroi_metric_find(metric);
        if (sw->metric == NULL) {
            char names[1024];
            mlroi_metric_names(names, sizeof names);
            err = mlroi_diags_add(diags, MLROI_ERR_INVALID, "", 0, 0, "metric",
                                  "unknown metric '%s'; known: %s", metric, names);
            goto cleanup;
        }
        ids[id_count++] = sw->metric->id;
    }
    err = mlroi_analysis_bind(s, param, &bind, diags);
    if (err == MLROI_OK)
        err = check_values(&bind, values, count, diags);
    if (err != MLROI_OK)
        goto cleanup;
    snprintf(sw->param, sizeof sw->param, "%s", param);
    sw->count = count;
    err = mlroi_evaluator_init(&ev, s, b, &param, 1, ids, id_count, &r, diags);
    if (err != MLROI_OK)
        goto cleanup;
    saved = *bind.value;
    changed = true;
    for (size_t i = 0; i < count; i++) {
        mlroi_sweep_row *row = &sw->rows[i];
        *bind.value = values[i];
        err = mlroi_evaluator_run(&ev, &r);
        if (err != MLROI_OK) {
            mlroi_diags_add(diags, err, scenario_file(s), 0, 0, param,
                            err == MLROI_ERR_NUMERIC ? "at %.15g the figures are too large "
                            "to represent" : "the model cannot be evaluated at %.15g", values[i]);
            goto cleanup;
        }
        row->value = values[i];
        row->npv = mlroi_metric_value(&r, MLROI_M_NPV);
        row->roi_percent = mlroi_metric_value(&r, MLROI_M_ROI_PERCENT);
        row->payback_months = mlroi_metric_value(&r, MLROI_M_PAYBACK_MONTHS);
        row->irr = mlroi_metric_value(&r, MLROI_M_IRR);
        row->metric = sw->metric ? mlroi_metric_value(&r, sw->metric->id) : NAN;
    }
    mlroi_result_free(&r);
    *out = sw;
    sw = NULL;
cleanup:
    if (changed)
        *bind.value = saved;
    mlroi_sweep_free(sw);
    return err;
}

/* ------------------------------------------------------------------------------------------
 * Grids
 * ------------------------------------------------------------------------------------------ */

/* A number that uses the whole of TEXT[0..len). */
static bool parse_full_double(const char *text, size_t len, double *out)
{
    char buf[64];
    char *end;
    if (len == 0 || len >= sizeof buf)
        return false;
    memcpy(buf, text, len);
    buf[len] = '\0';
    errno = 0;
    *out = strtod(buf, &end) + 0.0;   /* -0 becomes 0 */
    return *end == '\0' && errno == 0 && isfinite(*out);
}

mlroi_error mlroi_axis_parse(const char *text, const char *label, mlroi_axis *out,
                             mlroi_diags *diags)
{
    const char *c3, *c2, *c1, *p;
    double from, to, points_d;
    size_t path_len;
    mlroi_error err;

    memset(out, 0, sizeof *out);
    c3 = strrchr(text, ':');
    for (c2 = c3 ? c3 - 1 : NULL; c2 && c2 >= text && *c2 != ':'; c2--)
        ;
    for (c1 = (c2 && c2 > text) ? c2 - 1 : NULL; c1 && c1 >= text && *c1 != ':'; c1--)
        ;
    if (c3 == NULL || c2 == NULL || c2 < text || c1 == NULL || c1 < text)
        return mlroi_diags_add(diags, MLROI_ERR_SYNTAX, "", 0, 0, label,
                               "expected PATH:FROM:TO:POINTS, got '%s'", text);
    path_len = (size_t)(c1 - text);
    if (memchr(text, ':', path_len))   /* no input path has a ':': a fifth field */
        return mlroi_diags_add(diags, MLROI_ERR_SYNTAX, "", 0, 0, label,
                               "expected PATH:FROM:TO:POINTS, got '%s'", text);
    if (path_len == 0 || path_len >= sizeof out->param)
        return mlroi_diags_add(diags, MLROI_ERR_SYNTAX, "", 0, 0, label,
                               "expected an input path before the first ':' in '%s'", text);
    if (!parse_full_double(c1 + 1, (size_t)(c2 - c1 - 1), &from) ||
        !parse_full_double(c2 + 1, (size_t)(c3 - c2 - 1), &to))
        return mlroi_diags_add(diags, MLROI_ERR_SYNTAX, "", 0, 0, label,
                               "FROM and TO must be numbers in '%s'", text);
    for (p = c3 + 1; *p; p++)
        if (*p < '0' || *p > '9')
            break;
    if (p == c3 + 1 || *p != '\0' || !parse_full_double(c3 + 1, strlen(c3 + 1), &points_d))
        return mlroi_diags_add(diags, MLROI_ERR_SYNTAX, "", 0, 0, label,
                               "POINTS must be a whole number in '%s'", text);
    memcpy(out->param, text, path_len);
    out->param[path_len] = '\0';
    if (points_d > (double)MLROI_GRID_MAX_POINTS)
        return mlroi_diags_add(diags, MLROI_ERR_LIMIT, "", 0, 0, label,
                               "%.0f points is more than the limit of %u per axis", points_d,
                               MLROI_GRID_MAX_POINTS);
    out->count = (size_t)points_d;
    err = mlroi_linspace(from, to, out->count, MLROI_GRID_MAX_POINTS, label, &out->values, diags);
    if (err != MLROI_OK)
        out->count = 0;
    return err;
}

void mlroi_grid_free(mlroi_grid *g)
{
    if (g == NULL)
        return;
    free(g->x.values);
    free(g->y.values);
    free(g->matrix);
    free(g);
}

int mlroi_cpu_count(void)
{
#ifdef MLROI_NO_THREADS
    return 1;
#else
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        return 1;
    return n > MLROI_MAX_THREADS ? MLROI_MAX_THREADS : (int)n;
#endif
}

typedef struct grid_job {
    mlroi_scenario *scenario;      /* the caller's (thread 0 of one) or a clone */
    bool owns_scenario;
    const mlroi_benchmarks *bench;
    const mlroi_grid *grid;
    size_t first, last;            /* cells [first, last) */
    mlroi_error err;
    mlroi_diags diags;
} grid_job;

static void *grid_worker(void *arg)
{
    grid_job *job = arg;
    const mlroi_grid *g = job->grid;
    const char *paths[2] = { g->x.param, g->y.param };
    mlroi_binding bx, by;
    mlroi_evaluator ev;
    mlroi_result r;
    double sx, sy;
    mlroi_error err;

    err = mlroi_analysis_bind(job->scenario, g->x.param, &bx, &job->diags);
    if (err == MLROI_OK)
        err = mlroi_analysis_bind(job->scenario, g->y.param, &by, &job->diags);
    if (err == MLROI_OK)
        err = mlroi_evaluator_init(&ev, job->scenario, job->bench, paths, 2, &g->metric->id, 1,
                                   &r, &job->diags);
    if (err != MLROI_OK) {
        job->err = err;
        return NULL;
    }
    sx = *bx.value;
    sy = *by.value;
    for (size_t cell = job->first; cell < job->last; cell++) {
        size_t i = cell / g->x.count, j = cell % g->x.count;
        *by.value = g->y.values[i];
        *bx.value = g->x.values[j];
        err = mlroi_evaluator_run(&ev, &r);
        if (err != MLROI_OK) {
            mlroi_diags_add(&job->diags, err, scenario_file(job->scenario), 0, 0, g->x.param,
                            "the model cannot be evaluated at x = %.15g, y = %.15g",
                            g->x.values[j], g->y.values[i]);
            break;
        }
        g->matrix[cell] = mlroi_metric_value(&r, g->metric->id);
    }
    *bx.value = sx;
    *by.value = sy;
    mlroi_result_free(&r);
    job->err = err;
    return NULL;
}

/* Copy the diagnostics of a worker into the caller's list. */
static void diags_append(mlroi_diags *to, const mlroi_diags *from)
{
    if (to == NULL)
        return;
    for (size_t i = 0; i < from->count; i++) {
        const mlroi_diag *d = &from->items[i];
        if (d->code == MLROI_OK)
            mlroi_diags_warn(to, d->file, d->line, d->column, d->path, "%s", d->message);
        else
            mlroi_diags_add(to, d->code, d->file, d->line, d->column, d->path, "%s", d->message);
    }
}

mlroi_error mlroi_grid_run(mlroi_scenario *s, const mlroi_benchmarks *b, const char *metric,
                           mlroi_axis *x, mlroi_axis *y, int threads, mlroi_grid **out,
                           mlroi_diags *diags)
{
    mlroi_grid *g = NULL;
    grid_job jobs[MLROI_MAX_THREADS];
    mlroi_thread tids[MLROI_MAX_THREADS];
    bool started[MLROI_MAX_THREADS];
    int nthreads = 0;
    size_t cells;
    mlroi_binding bind;
    mlroi_error err = MLROI_OK;

    *out = NULL;
    memset(jobs, 0, sizeof jobs);
    memset(started, 0, sizeof started);
    g = calloc(1, sizeof *g);
    if (g == NULL)
        return mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "grid", "out of memory");
    g->x = *x;
    g->y = *y;
    memset(x, 0, sizeof *x);
    memset(y, 0, sizeof *y);
    g->metric = mlroi_metric_find(metric ? metric : "npv");
    if (g->metric == NULL) {
        char names[1024];
        mlroi_metric_names(names, sizeof names);
        err = mlroi_diags_add(diags, MLROI_ERR_INVALID, "", 0, 0, "metric",
                              "unknown metric '%s'; known: %s", metric, names);
        goto cleanup;
    }
    if (g->x.count == 0 || g->y.count == 0) {
        err = mlroi_diags_add(diags, MLROI_ERR_RANGE, "", 0, 0, "grid", "an axis has no values");
        goto cleanup;
    }
    if (strcmp(g->x.param, g->y.param) == 0) {
        err = mlroi_diags_add(diags, MLROI_ERR_INVALID, "", 0, 0, g->x.param,
                              "x and y must be different inputs");
        goto cleanup;
    }
    if (g->x.count > MLROI_GRID_MAX_CELLS / g->y.count) {
        err = mlroi_diags_add(diags, MLROI_ERR_LIMIT, "", 0, 0, "grid",
                              "%zu x %zu cells is more than the limit of %u", g->x.count,
                              g->y.count, MLROI_GRID_MAX_CELLS);
        goto cleanup;
    }
    cells = g->x.count * g->y.count;
    /* Every value is checked before anything is evaluated. */
    err = mlroi_analysis_bind(s, g->x.param, &bind, diags);
    if (err == MLROI_OK)
        err = check_values(&bind, g->x.values, g->x.count, diags);
    if (err == MLROI_OK)
        err = mlroi_analysis_bind(s, g->y.param, &bind, diags);
    if (err == MLROI_OK)
        err = check_values(&bind, g->y.values, g->y.count, diags);
    if (err != MLROI_OK)
        goto cleanup;
    g->matrix = malloc(cells * sizeof *g->matrix);
    if (g->matrix == NULL) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "grid", "out of memory");
        goto cleanup;
    }

    nthreads = mlroi_threads_cap(threads > 0 ? threads : mlroi_cpu_count());
    if (nthreads > MLROI_MAX_THREADS)
        nthreads = MLROI_MAX_THREADS;
    /* Below a few thousand cells a thread costs more than it saves. */
    if ((size_t)nthreads > cells / 2048 + 1)
        nthreads = (int)(cells / 2048 + 1);
    for (int t = 0; t < nthreads; t++) {
        grid_job *job = &jobs[t];
        job->bench = b;
        job->grid = g;
        job->first = cells * (size_t)t / (size_t)nthreads;
        job->last = cells * (size_t)(t + 1) / (size_t)nthreads;
        if (t == 0) {
            job->scenario = s;
        } else {
            job->scenario = mlroi_scenario_clone(s);
            job->owns_scenario = true;
            if (job->scenario == NULL) {
                err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "grid", "out of memory");
                goto cleanup;
            }
        }
    }
    for (int t = 1; t < nthreads; t++)
        started[t] = mlroi_thread_start(&tids[t], grid_worker, &jobs[t], t - 1);
    grid_worker(&jobs[0]);
    /* A range whose thread could not start (a memory limit) is done here: the cells are the
     * same whoever computes them. */
    for (int t = 1; t < nthreads; t++)
        if (!started[t])
            grid_worker(&jobs[t]);
    for (int t = 1; t < nthreads; t++)
        if (started[t])
            mlroi_thread_join(tids[t]);
    for (int t = 0; t < nthreads; t++) {
        if (jobs[t].err != MLROI_OK) {
            diags_append(diags, &jobs[t].diags);
            err = jobs[t].err;
            goto cleanup;
        }
    }
    *out = g;
    g = NULL;
cleanup:
    for (int t = 0; t < MLROI_MAX_THREADS; t++) {
        if (jobs[t].owns_scenario)
            mlroi_scenario_free(jobs[t].scenario);
        mlroi_diags_free(&jobs[t].diags);
    }
    mlroi_grid_free(g);
    return err;
}

/* ------------------------------------------------------------------------------------------
 * The scenario's `analysis` section
 * ------------------------------------------------------------------------------------------ */

typedef struct tornado_range {
    char path[128];
    double low, high;
} tornado_range;

typedef struct analysis_section {
    double swing;              /* NAN when absent */
    char metric[48];           /* "" when absent */
    tornado_range *ranges;
    size_t range_count;
} analysis_section;

static mlroi_error analysis_parse(const mlroi_scenario *s, analysis_section *a, mlroi_diags *diags)
{
    const char *file = scenario_file(s);
    cJSON *root = NULL;
    const cJSON *item;
    mlroi_error err = MLROI_OK;

    memset(a, 0, sizeof *a);
    a->swing = NAN;
    if (s->analysis_json == NULL)
        return MLROI_OK;
    root = cJSON_Parse(s->analysis_json);
    if (root == NULL || !cJSON_IsObject(root)) {
        err = mlroi_diags_add(diags, MLROI_ERR_TYPE, file, 0, 0, "analysis", "expected an object");
        goto cleanup;
    }
    cJSON_ArrayForEach(item, root) {
        const char *key = item->string;
        if (strcmp(key, "swing") == 0) {
            if (!cJSON_IsNumber(item) || !(item->valuedouble > 0 && item->valuedouble <= 1)) {
                err = mlroi_diags_add(diags, MLROI_ERR_RANGE, file, 0, 0, "analysis.swing",
                                      "expected a number in (0, 1], such as 0.2");
                goto cleanup;
            }
            a->swing = item->valuedouble;
        } else if (strcmp(key, "metric") == 0) {
            if (!cJSON_IsString(item) || mlroi_metric_find(item->valuestring) == NULL) {
                char names[1024];
                mlroi_metric_names(names, sizeof names);
                err = mlroi_diags_add(diags, MLROI_ERR_INVALID, file, 0, 0, "analysis.metric",
                                      "expected one of: %s", names);
                goto cleanup;
            }
            snprintf(a->metric, sizeof a->metric, "%s", item->valuestring);
        } else if (strcmp(key, "tornado") == 0) {
            const cJSON *r;
            size_t n = 0;
            if (!cJSON_IsObject(item)) {
                err = mlroi_diags_add(diags, MLROI_ERR_TYPE, file, 0, 0, "analysis.tornado",
                                      "expected an object such as "
                                      "{ \"roi.avg_salary\": [80000, 100000] }");
                goto cleanup;
            }
            n = (size_t)cJSON_GetArraySize(item);
            if (n > MLROI_TORNADO_MAX_PARAMS) {
                err = mlroi_diags_add(diags, MLROI_ERR_LIMIT, file, 0, 0, "analysis.tornado",
                                      "more than %u inputs", MLROI_TORNADO_MAX_PARAMS);
                goto cleanup;
            }
            a->ranges = calloc(n ? n : 1, sizeof *a->ranges);
            if (a->ranges == NULL) {
                err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, file, 0, 0, "analysis.tornado",
                                      "out of memory");
                goto cleanup;
            }
            cJSON_ArrayForEach(r, item) {
                char where[200];
                tornado_range *tr = &a->ranges[a->range_count];
                snprintf(where, sizeof where, "analysis.tornado.%s", r->string);
                if (strlen(r->string) >= sizeof tr->path) {
                    err = mlroi_diags_add(diags, MLROI_ERR_INVALID, file, 0, 0, where,
                                          "path too long");
                    goto cleanup;
                }
                if (!cJSON_IsArray(r) || cJSON_GetArraySize(r) != 2 ||
                    !cJSON_IsNumber(cJSON_GetArrayItem(r, 0)) ||
                    !cJSON_IsNumber(cJSON_GetArrayItem(r, 1))) {
                    err = mlroi_diags_add(diags, MLROI_ERR_TYPE, file, 0, 0, where,
                                          "expected [low, high]");
                    goto cleanup;
                }
                tr->low = cJSON_GetArrayItem(r, 0)->valuedouble;
                tr->high = cJSON_GetArrayItem(r, 1)->valuedouble;
                if (!isfinite(tr->low) || !isfinite(tr->high) || !(tr->low <= tr->high)) {
                    err = mlroi_diags_add(diags, MLROI_ERR_RANGE, file, 0, 0, where,
                                          "expected finite [low, high] with low <= high");
                    goto cleanup;
                }
                snprintf(tr->path, sizeof tr->path, "%s", r->string);
                a->range_count++;
            }
        } else if (strcmp(key, "sweep") == 0 || strcmp(key, "grid") == 0) {
            /* Read by the report commands; not needed here. */
        } else {
            char where[200];
            snprintf(where, sizeof where, "analysis.%s", key);
            err = mlroi_diags_add(diags, MLROI_ERR_UNKNOWN_KEY, file, 0, 0, where,
                                  "unknown key; expected swing, metric or tornado");
            goto cleanup;
        }
    }
cleanup:
    cJSON_Delete(root);
    return err;
}

static void analysis_section_free(analysis_section *a)
{
    free(a->ranges);
    a->ranges = NULL;
}

/* ------------------------------------------------------------------------------------------
 * Tornado
 * ------------------------------------------------------------------------------------------ */

const double mlroi_spider_steps[MLROI_SPIDER_POINTS] = { -0.3, -0.2, -0.1, 0.0, 0.1, 0.2, 0.3 };

void mlroi_tornado_free(mlroi_tornado *t)
{
    if (t == NULL)
        return;
    free(t->bars);
    free(t->choices);
    free(t);
}

static int bar_compare(const void *pa, const void *pb)
{
    const mlroi_tornado_bar *a = pa, *b = pb;
    bool na = isnan(a->swing), nb = isnan(b->swing);
    if (na != nb)
        return na ? 1 : -1;
    if (!na && a->swing != b->swing)
        return a->swing > b->swing ? -1 : 1;
    return 0;
}

/* Keep V inside the binding's range, stepping off an excluded bound. */
static double clamp_to(const mlroi_binding *b, double v)
{
    if (v < b->min || (v == b->min && (b->flags & MLROI_PF_MIN_EXCL)))
        v = (b->flags & MLROI_PF_MIN_EXCL) ? nextafter(b->min, INFINITY) : b->min;
    if (v > b->max || (v == b->max && (b->flags & MLROI_PF_MAX_EXCL)))
        v = (b->flags & MLROI_PF_MAX_EXCL) ? nextafter(b->max, -INFINITY) : b->max;
    if (b->whole) {
        if (v < b->min) v = ceil(b->min);
        if (v > b->max) v = floor(b->max);
    }
    return v;
}

static const tornado_range *find_range(const analysis_section *a, const char *path)
{
    for (size_t i = 0; i < a->range_count; i++)
        if (strcmp(a->ranges[i].path, path) == 0)
            return &a->ranges[i];
    return NULL;
}

/* The modelling choices: how the case is measured, shown apart from the business inputs. */
static const char *const choice_paths[] = {
    "business_case.horizon_years", "business_case.discount_rate", "business_case.discounting"
};
#define CHOICES (sizeof choice_paths / sizeof choice_paths[0])
#define CHOICE_DISCOUNTING 2

static int choice_index(const char *path)
{
    for (size_t k = 0; k < CHOICES; k++)
        if (strcmp(path, choice_paths[k]) == 0)
            return (int)k;
    return -1;
}

/* METRIC of S as it stands, evaluated in full; NAN when the model is undefined there. A
 * choice can change what the fast path keeps fixed (the horizon reshapes every line), so it
 * is never taken for them. */
static double metric_in_full(const mlroi_scenario *s, const mlroi_benchmarks *b,
                             mlroi_metric_id metric)
{
    mlroi_result r;
    double v;
    memset(&r, 0, sizeof r);
    if (mlroi_evaluate_core(s, b ? b : mlroi_benchmarks_default(), &r) != MLROI_OK)
        return NAN;
    v = mlroi_metric_value(&r, metric);
    mlroi_result_free(&r);
    return v;
}

/* Choice K of S at its low and high values into C (see mlroi_tornado.choices). Returns
 * MLROI_OK, or the binder's error when the scenario cannot move it (WANTED: say so). */
static mlroi_error choice_run(mlroi_scenario *s, const mlroi_benchmarks *b,
                              const mlroi_tornado *t, const analysis_section *sec, size_t k,
                              bool wanted, mlroi_tornado_bar *c, mlroi_diags *diags)
{
    static const char *const conventions[] = { "end", "mid" };
    const mlroi_param *p = mlroi_param_find(choice_paths[k]);
    mlroi_binding bind;
    mlroi_diags quiet = { 0 };
    mlroi_error err;

    memset(c, 0, sizeof *c);
    snprintf(c->param, sizeof c->param, "%s", choice_paths[k]);
    c->label = p ? p->label : NULL;
    for (int i = 0; i < MLROI_SPIDER_POINTS; i++)
        c->spider_value[i] = c->spider[i] = NAN;
    if (k == CHOICE_DISCOUNTING) {
        mlroi_discounting saved = s->bc.discounting;
        /* Only a case that exists can be measured another way. */
        err = mlroi_analysis_bind(s, "business_case.discount_rate", &bind,
                                  wanted ? diags : &quiet);
        mlroi_diags_free(&quiet);
        if (err != MLROI_OK)
            return err;
        c->base_value = (double)saved;
        c->low_value = MLROI_DISC_END;
        c->high_value = MLROI_DISC_MID;
        c->low_text = conventions[0];
        c->high_text = conventions[1];
        s->bc.discounting = MLROI_DISC_END;
        c->low = metric_in_full(s, b, t->metric->id);
        s->bc.discounting = MLROI_DISC_MID;
        c->high = metric_in_full(s, b, t->metric->id);
        s->bc.discounting = saved;
    } else {
        const tornado_range *rg = find_range(sec, choice_paths[k]);
        double base, saved;
        err = mlroi_analysis_bind(s, choice_paths[k], &bind, wanted ? diags : &quiet);
        mlroi_diags_free(&quiet);
        if (err != MLROI_OK)
            return err;
        saved = base = *bind.value;
        c->base_value = base;
        if (rg != NULL) {
            c->low_value = rg->low;
            c->high_value = rg->high;
            c->from_scenario = true;
            if (mlroi_binding_check(&bind, rg->low, NULL) != MLROI_OK ||
                mlroi_binding_check(&bind, rg->high, NULL) != MLROI_OK)
                return mlroi_diags_add(diags, MLROI_ERR_RANGE, scenario_file(s), 0, 0,
                                       choice_paths[k], "[%.15g, %.15g] goes outside the "
                                       "input's allowed range", rg->low, rg->high);
        } else {
            double a = base * (1.0 - t->swing_fraction), z = base * (1.0 + t->swing_fraction);
            c->low_value = fmin(a, z);
            c->high_value = fmax(a, z);
            if (bind.whole) {
                c->low_value = floor(c->low_value);
                c->high_value = ceil(c->high_value);
            }
            c->low_value = clamp_to(&bind, c->low_value);
            c->high_value = clamp_to(&bind, c->high_value);
        }
        *bind.value = c->low_value;
        c->low = metric_in_full(s, b, t->metric->id);
        *bind.value = c->high_value;
        c->high = metric_in_full(s, b, t->metric->id);
        *bind.value = saved;
    }
    c->swing = fabs(c->high - c->low);
    return MLROI_OK;
}

mlroi_error mlroi_tornado_run(mlroi_scenario *s, const mlroi_benchmarks *b,
                              const mlroi_tornado_options *o, mlroi_tornado **out,
                              mlroi_diags *diags)
{
    analysis_section sec;
    mlroi_tornado *t = NULL;
    const char **paths = NULL;
    size_t path_count = 0;
    char (*line_paths)[128] = NULL;   /* the lines' amount and risk paths */
    mlroi_binding *binds = NULL;
    mlroi_evaluator ev;
    mlroi_result r;
    bool have_result = false;
    const char *metric_name;
    bool want[CHOICES] = { false }, all_choices = false;
    mlroi_error err;

    *out = NULL;
    err = analysis_parse(s, &sec, diags);
    if (err != MLROI_OK)
        goto cleanup;
    metric_name = (o && o->metric) ? o->metric : (sec.metric[0] ? sec.metric : "npv");
    t = calloc(1, sizeof *t);
    if (t == NULL) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "tornado", "out of memory");
        goto cleanup;
    }
    t->metric = mlroi_metric_find(metric_name);
    if (t->metric == NULL) {
        char names[1024];
        mlroi_metric_names(names, sizeof names);
        err = mlroi_diags_add(diags, MLROI_ERR_INVALID, "", 0, 0, "metric",
                              "unknown metric '%s'; known: %s", metric_name, names);
        goto cleanup;
    }
    t->swing_fraction = (o && !isnan(o->swing)) ? o->swing : (!isnan(sec.swing) ? sec.swing : 0.2);
    if (!(t->swing_fraction > 0 && t->swing_fraction <= 1)) {
        err = mlroi_diags_add(diags, MLROI_ERR_RANGE, "", 0, 0, "swing",
                              "expected a fraction in (0, 1], such as 0.2, got %.15g",
                              t->swing_fraction);
        goto cleanup;
    }

    /* Which inputs move. */
    {
        size_t pcount, cap;
        const mlroi_param *params = mlroi_params(&pcount);
        cap = (o && o->param_count) ? o->param_count
              : sec.range_count ? sec.range_count : pcount + 2 * s->bc.line_count;
        if (cap > MLROI_TORNADO_MAX_PARAMS) {
            err = mlroi_diags_add(diags, MLROI_ERR_LIMIT, "", 0, 0, "params",
                                  "more than %u inputs", MLROI_TORNADO_MAX_PARAMS);
            goto cleanup;
        }
        paths = calloc(cap ? cap : 1, sizeof *paths);
        binds = calloc(cap ? cap : 1, sizeof *binds);
        t->bars = calloc(cap ? cap : 1, sizeof *t->bars);
        t->choices = calloc(CHOICES, sizeof *t->choices);
        if (paths == NULL || binds == NULL || t->bars == NULL || t->choices == NULL) {
            err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "tornado", "out of memory");
            goto cleanup;
        }
        if ((o && o->param_count) || sec.range_count) {
            size_t n = (o && o->param_count) ? o->param_count : sec.range_count;
            for (size_t i = 0; i < n; i++) {
                const char *path = (o && o->param_count) ? o->params[i] : sec.ranges[i].path;
                int k = choice_index(path);
                if (k < 0) {
                    paths[path_count++] = path;
                } else if (want[k]) {
                    err = mlroi_diags_add(diags, MLROI_ERR_DUPLICATE, "", 0, 0, path,
                                          "listed twice");
                    goto cleanup;
                } else {
                    want[k] = true;
                }
            }
        } else {
            all_choices = true;
            for (size_t i = 0; i < pcount; i++) {
                const mlroi_param *p = &params[i];
                double v;
                if (p->type != MLROI_P_NUMBER && p->type != MLROI_P_COUNT &&
                    p->type != MLROI_P_FRACTION)
                    continue;
                if (s->sources == NULL || s->sources[i] == MLROI_SRC_DEFAULT)
                    continue;
                if (strchr(p->path, '.') == NULL)
                    continue;   /* top-level keys such as "format" are no model inputs */
                if (choice_index(p->path) >= 0)
                    continue;   /* a modelling choice: shown apart, see below */
                v = *(const double *)((const char *)s + p->offset);
                if (!isfinite(v))
                    continue;
                paths[path_count++] = p->path;
            }
            /* Each line's amount (its annual or amount, or a scale on values and figures)
             * and its own risk, by name when the name fits a path, else by index. A risk left
             * to the case's default moves with business_case.benefit_risk / cost_risk: a bar
             * of its own would bind it apart from them. */
            line_paths = s->bc.line_count ? calloc(2 * s->bc.line_count, sizeof *line_paths)
                                          : NULL;
            if (s->bc.line_count && line_paths == NULL) {
                err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "tornado",
                                      "out of memory");
                goto cleanup;
            }
            for (size_t i = 0; i < s->bc.line_count; i++) {
                const mlroi_bc_line *l = &s->bc.lines[i];
                const char *key = l->how == MLROI_LINE_ANNUAL ? "annual"
                                  : l->how == MLROI_LINE_AMOUNT ? "amount" : "scale";
                char ref[92];
                if (strlen(l->name) <= 90 && !strchr(l->name, ']') && !strchr(l->name, '[') &&
                    !(l->name[0] >= '0' && l->name[0] <= '9'))
                    snprintf(ref, sizeof ref, "%s", l->name);
                else
                    snprintf(ref, sizeof ref, "%zu", i);
                snprintf(line_paths[2 * i], sizeof line_paths[0], "business_case.lines[%s].%s",
                         ref, key);
                snprintf(line_paths[2 * i + 1], sizeof line_paths[0],
                         "business_case.lines[%s].risk", ref);
                paths[path_count++] = line_paths[2 * i];
                if (!isnan(l->risk))
                    paths[path_count++] = line_paths[2 * i + 1];
            }
        }
    }
    for (size_t i = 0; i < path_count; i++) {
        for (size_t j = 0; j < i; j++)
            if (strcmp(paths[i], paths[j]) == 0) {
                err = mlroi_diags_add(diags, MLROI_ERR_DUPLICATE, "", 0, 0, paths[i],
                                      "listed twice");
                goto cleanup;
            }
        err = mlroi_analysis_bind(s, paths[i], &binds[i], diags);
        if (err != MLROI_OK)
            goto cleanup;
        if (!isfinite(*binds[i].value)) {
            err = mlroi_diags_add(diags, MLROI_ERR_MISSING, scenario_file(s), 0, 0, paths[i],
                                  "the input has no value of its own in the scenario");
            goto cleanup;
        }
    }
    /* Low and high values, all checked before evaluating. */
    for (size_t i = 0; i < path_count; i++) {
        mlroi_tornado_bar *bar = &t->bars[i];
        const tornado_range *rg = find_range(&sec, paths[i]);
        const mlroi_param *p = mlroi_param_find(paths[i]);
        double base = *binds[i].value;
        snprintf(bar->param, sizeof bar->param, "%s", paths[i]);
        bar->label = p ? p->label : NULL;
        bar->base_value = base;
        if (rg != NULL) {
            char where[200];
            snprintf(where, sizeof where, "analysis.tornado.%s", paths[i]);
            bar->low_value = rg->low;
            bar->high_value = rg->high;
            bar->from_scenario = true;
            if (mlroi_binding_check(&binds[i], rg->low, NULL) != MLROI_OK ||
                mlroi_binding_check(&binds[i], rg->high, NULL) != MLROI_OK) {
                err = mlroi_diags_add(diags, MLROI_ERR_RANGE, scenario_file(s), 0, 0, where,
                                      "[%.15g, %.15g] goes outside the input's allowed range",
                                      rg->low, rg->high);
                goto cleanup;
            }
        } else {
            double a = base * (1.0 - t->swing_fraction), c = base * (1.0 + t->swing_fraction);
            bar->low_value = fmin(a, c);
            bar->high_value = fmax(a, c);
            if (binds[i].whole) {
                bar->low_value = floor(bar->low_value);
                bar->high_value = ceil(bar->high_value);
            }
            bar->low_value = clamp_to(&binds[i], bar->low_value);
            bar->high_value = clamp_to(&binds[i], bar->high_value);
            err = mlroi_binding_check(&binds[i], bar->low_value, diags);
            if (err == MLROI_OK)
                err = mlroi_binding_check(&binds[i], bar->high_value, diags);
            if (err != MLROI_OK)
                goto cleanup;
        }
    }
    err = mlroi_evaluator_init(&ev, s, b, paths, path_count, &t->metric->id, 1, &r, diags);
    if (err != MLROI_OK)
        goto cleanup;
    have_result = true;
    t->base = mlroi_metric_value(&r, t->metric->id);
    for (size_t i = 0; i < path_count && err == MLROI_OK; i++) {
        mlroi_tornado_bar *bar = &t->bars[i];
        double saved = *binds[i].value;
        *binds[i].value = bar->low_value;
        err = mlroi_evaluator_run(&ev, &r);
        bar->low = mlroi_metric_value(&r, t->metric->id);
        if (err == MLROI_OK) {
            *binds[i].value = bar->high_value;
            err = mlroi_evaluator_run(&ev, &r);
            bar->high = mlroi_metric_value(&r, t->metric->id);
        }
        if (err != MLROI_OK) {
            *binds[i].value = saved;
            mlroi_diags_add(diags, err, scenario_file(s), 0, 0, paths[i],
                            "the model cannot be evaluated between %.15g and %.15g",
                            bar->low_value, bar->high_value);
            break;
        }
        bar->swing = fabs(bar->high - bar->low);
        /* The spider: a point outside the allowed range, or where the model is undefined,
         * is left out (NAN) rather than moved, so every point sits at its own step. */
        for (int k = 0; k < MLROI_SPIDER_POINTS; k++) {
            double v = saved * (1.0 + mlroi_spider_steps[k]);
            if (binds[i].whole)
                v = round(v);
            bar->spider_value[k] = v;
            bar->spider[k] = NAN;
            if (mlroi_spider_steps[k] == 0.0) {
                bar->spider[k] = t->base;
                continue;
            }
            if (mlroi_binding_check(&binds[i], v, NULL) != MLROI_OK)
                continue;
            *binds[i].value = v;
            if (mlroi_evaluator_run(&ev, &r) == MLROI_OK)
                bar->spider[k] = mlroi_metric_value(&r, t->metric->id);
        }
        *binds[i].value = saved;
    }
    if (err != MLROI_OK)
        goto cleanup;
    t->count = path_count;
    /* qsort is not stable: order equal swings by position first (a stable merge by hand). */
    for (size_t i = 1; i < path_count; i++) {
        mlroi_tornado_bar key = t->bars[i];
        size_t j = i;
        while (j > 0 && bar_compare(&t->bars[j - 1], &key) > 0) {
            t->bars[j] = t->bars[j - 1];
            j--;
        }
        t->bars[j] = key;
    }
    for (size_t k = 0; k < CHOICES; k++) {
        mlroi_error ce;
        if (!all_choices && !want[k])
            continue;
        ce = choice_run(s, b, t, &sec, k, want[k], &t->choices[t->choice_count], diags);
        if (ce == MLROI_OK)
            t->choice_count++;
        else if (want[k]) {
            err = ce;
            goto cleanup;
        }
    }
    *out = t;
    t = NULL;
cleanup:
    if (have_result)
        mlroi_result_free(&r);
    analysis_section_free(&sec);
    free(paths);
    free(line_paths);
    free(binds);
    mlroi_tornado_free(t);
    return err;
}

/* ------------------------------------------------------------------------------------------
 * Break-even
 * ------------------------------------------------------------------------------------------ */

typedef struct be_ctx {
    const mlroi_evaluator *ev;
    mlroi_result *r;
    double *value;
    const mlroi_metric_info *metric;
    double target;
    int evaluations;
    mlroi_error err;
} be_ctx;

/* metric(v) - target; a payback that never happens counts as +infinity. */
static double be_f(be_ctx *c, double v)
{
    double m;
    *c->value = v;
    c->evaluations++;
    if (mlroi_evaluator_run(c->ev, c->r) != MLROI_OK) {
        c->err = MLROI_ERR_NUMERIC;
        return NAN;
    }
    m = mlroi_metric_value(c->r, c->metric->id);
    if (isnan(m) && c->metric->never_is_infinite)
        m = INFINITY;
    return m - c->target;
}

static int sgn(double v)
{
    return (v > 0) - (v < 0);
}

/* Brent's method on [a, b] with f(a), f(b) of opposite signs; bisection whenever a value
 * is infinite. Stops when the bracket is within RTOL of its size. */
static double brent(be_ctx *c, double a, double b, double fa, double fb, double rtol)
{
    double cc = a, fc = fa, d = b - a, e = d;
    for (int it = 0; it < 400; it++) {
        double tol, m;
        if (sgn(fb) == sgn(fc) && fb != 0) {
            cc = a; fc = fa; d = e = b - a;
        }
        if (fabs(fc) < fabs(fb)) {
            a = b; b = cc; cc = a;
            fa = fb; fb = fc; fc = fa;
        }
        tol = rtol * fmax(fabs(b), 1e-300) + 1e-300;
        m = 0.5 * (cc - b);
        if (fb == 0 || fabs(m) <= tol)
            return b;
        if (isfinite(fa) && isfinite(fb) && isfinite(fc) && fabs(e) >= tol &&
            fabs(fa) > fabs(fb)) {
            double s = fb / fa, p, q;
            if (a == cc) {
                p = 2 * m * s;
                q = 1 - s;
            } else {
                double qq = fa / fc, rr = fb / fc;
                p = s * (2 * m * qq * (qq - rr) - (b - a) * (rr - 1));
                q = (qq - 1) * (rr - 1) * (s - 1);
            }
            if (p > 0) q = -q; else p = -p;
            if (2 * p < fmin(3 * m * q - fabs(tol * q), fabs(e * q))) {
                e = d;
                d = p / q;
            } else {
                d = m; e = m;
            }
        } else {
            d = m; e = m;
        }
        a = b;
        fa = fb;
        b += fabs(d) > tol ? d : (m > 0 ? tol : -tol);
        fb = be_f(c, b);
        if (isnan(fb))
            return NAN;
    }
    return b;
}

mlroi_error mlroi_breakeven_run(mlroi_scenario *s, const mlroi_benchmarks *b,
                                const char *param, const char *metric, double target,
                                mlroi_breakeven *out, mlroi_diags *diags)
{
    mlroi_binding bind;
    mlroi_evaluator ev;
    mlroi_result r;
    be_ctx ctx;
    double v0, f0, lo, hi, saved;
    double best_a = NAN, best_fa = NAN, best_b = NAN, best_fb = NAN;
    double seen_min = INFINITY, seen_max = -INFINITY;
    bool evaluated = false;
    mlroi_error err;

    memset(out, 0, sizeof *out);
    out->value = NAN;
    out->metric_at_value = NAN;
    out->search_lo = out->search_hi = out->metric_min = out->metric_max = NAN;
    out->target = target;
    snprintf(out->param, sizeof out->param, "%s", param);
    out->metric = mlroi_metric_find(metric ? metric : "npv");
    if (out->metric == NULL) {
        char names[1024];
        mlroi_metric_names(names, sizeof names);
        return mlroi_diags_add(diags, MLROI_ERR_INVALID, "", 0, 0, "metric",
                               "unknown metric '%s'; known: %s", metric, names);
    }
    if (!isfinite(target))
        return mlroi_diags_add(diags, MLROI_ERR_RANGE, "", 0, 0, "target",
                               "the target must be a finite number");
    err = mlroi_analysis_bind(s, param, &bind, diags);
    if (err != MLROI_OK)
        return err;
    v0 = *bind.value;
    out->base_value = v0;
    if (!isfinite(v0))
        return mlroi_diags_add(diags, MLROI_ERR_MISSING, scenario_file(s), 0, 0, param,
                               "the input has no value of its own in the scenario");
    err = mlroi_evaluator_init(&ev, s, b, &param, 1, &out->metric->id, 1, &r, diags);
    if (err != MLROI_OK)
        return err;
    evaluated = true;
    saved = v0;
    memset(&ctx, 0, sizeof ctx);
    ctx.ev = &ev;
    ctx.r = &r;
    ctx.value = bind.value;
    ctx.metric = out->metric;
    ctx.target = target;

    lo = clamp_to(&bind, -INFINITY);
    hi = clamp_to(&bind, INFINITY);
    {
        /* An open range is searched up to 2^40 times the base value. */
        double reach = ldexp(fmax(fabs(v0), 1.0), 40);
        if (lo < v0 - reach) lo = v0 - reach;
        if (hi > v0 + reach) hi = v0 + reach;
        if (bind.whole) { lo = ceil(lo); hi = floor(hi); }
    }
    f0 = be_f(&ctx, v0);
    if (isnan(f0)) {
        snprintf(out->reason, sizeof out->reason, "%s is undefined at the base value %.15g",
                 out->metric->name, v0);
        goto done;
    }
    seen_min = seen_max = f0;
    if (f0 == 0) {
        out->value = v0;
        goto done;
    }
    /* Walk outwards in both directions with doubling steps; the first change of sign found
     * (the one nearest the base value) brackets the answer. */
    {
        double step = fmax(fabs(v0), 1.0) / 16.0;
        double up_prev = v0, up_fprev = f0, dn_prev = v0, dn_fprev = f0;
        bool up_open = v0 < hi, dn_open = v0 > lo;
        if (bind.whole && step < 1.0)
            step = 1.0;
        while ((up_open || dn_open) && isnan(best_a)) {
            if (up_open) {
                double v = fmin(v0 + step, hi), f;
                if (bind.whole) v = fmin(floor(v), hi);
                f = be_f(&ctx, v);
                if (!isnan(f)) {
                    if (isfinite(f)) { seen_min = fmin(seen_min, f); seen_max = fmax(seen_max, f); }
                    if (sgn(f) != sgn(f0)) {
                        best_a = up_prev; best_fa = up_fprev; best_b = v; best_fb = f;
                        break;
                    }
                    up_prev = v;
                    up_fprev = f;
                }
                if (v >= hi) up_open = false;
            }
            if (dn_open) {
                double v = fmax(v0 - step, lo), f;
                if (bind.whole) v = fmax(ceil(v), lo);
                f = be_f(&ctx, v);
                if (!isnan(f)) {
                    if (isfinite(f)) { seen_min = fmin(seen_min, f); seen_max = fmax(seen_max, f); }
                    if (sgn(f) != sgn(f0)) {
                        best_a = dn_prev; best_fa = dn_fprev; best_b = v; best_fb = f;
                        break;
                    }
                    dn_prev = v;
                    dn_fprev = f;
                }
                if (v <= lo) dn_open = false;
            }
            step *= 2.0;
        }
    }
    if (isnan(best_a)) {
        snprintf(out->reason, sizeof out->reason,
                 "no value of %s from %.15g to %.15g brings %s to %.15g: it stays %s "
                 "(from %.15g to %.15g)", param, lo, hi, out->metric->name, target,
                 f0 > 0 ? "above" : "below", seen_min + target, seen_max + target);
        out->search_lo = lo;
        out->search_hi = hi;
        out->metric_min = seen_min + target;
        out->metric_max = seen_max + target;
        goto done;
    }
    if (best_fb == 0) {
        out->value = best_b;
    } else if (bind.whole) {
        /* Keep best_a on the base side and best_b past the target. */
        while (fabs(best_b - best_a) > 1.0) {
            double mid = floor((best_a + best_b) / 2.0), fm = be_f(&ctx, mid);
            if (isnan(fm))
                break;
            if (sgn(fm) == sgn(f0)) best_a = mid; else best_b = mid;
        }
        out->value = best_b;
    } else {
        out->value = brent(&ctx, best_a, best_b, best_fa, best_fb, 1e-9);
    }
    if (isnan(out->value)) {
        snprintf(out->reason, sizeof out->reason, "%s is undefined between %.15g and %.15g",
                 out->metric->name, best_a, best_b);
        goto done;
    }
    out->metric_at_value = be_f(&ctx, out->value) + target;
    if (isinf(out->metric_at_value))
        out->metric_at_value = NAN;

done:
    out->evaluations = ctx.evaluations;
    *bind.value = saved;
    if (evaluated)
        mlroi_result_free(&r);
    if (ctx.err != MLROI_OK && isnan(out->value) && out->reason[0] == '\0')
        snprintf(out->reason, sizeof out->reason, "the model could not be evaluated");
    return MLROI_OK;
}
