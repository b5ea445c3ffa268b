/* SPDX-License-Identifier: MIT */
/* Evaluates every module of a scenario in dependency order. */
#include "mlroi/engine.h"
#include "huge_alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Say which figure overflowed (mlroi_bcase_eval returned MLROI_ERR_NUMERIC). */
static mlroi_error overflow_diag(const mlroi_scenario *s, const mlroi_result *out,
                                 mlroi_diags *diags)
{
    const char *file = s->file ? s->file : "";
    const mlroi_bcase_figures *a = &out->bcase.adjusted, *u = &out->bcase.unadjusted;

    if (isinf(out->roi.roi_percent))
        return mlroi_diags_add(diags, MLROI_ERR_NUMERIC, file, 0, 0, "roi.mlops_investment",
                               "the ROI (net benefit / investment) is too large to represent: "
                               "the investment is too small next to the benefits");
    if (!isfinite(a->pv_benefits) || !isfinite(a->pv_costs) || !isfinite(u->pv_benefits) ||
        !isfinite(u->pv_costs))
        return mlroi_diags_add(diags, MLROI_ERR_NUMERIC, file, 0, 0,
                               "business_case.discount_rate",
                               "the discounted cash flows are too large to represent: a rate "
                               "of %.15g over %d years overflows", s->bc.discount_rate,
                               a->horizon);
    return mlroi_diags_add(diags, MLROI_ERR_NUMERIC, file, 0, 0, "business_case",
                           "the PV ROI (PV of benefits / PV of costs) is too large to "
                           "represent: the costs are too small next to the benefits");
}

/* Name the line whose figure is missing (mlroi_bcase_eval_plan returned MLROI_ERR_MISSING). */
static mlroi_error missing_figure_diag(const mlroi_scenario *s, const mlroi_plan_figures *f,
                                       mlroi_diags *diags)
{
    const char *file = s->file ? s->file : "";
    for (size_t i = 0; s->bc.has_lines && i < s->bc.line_count; i++) {
        const mlroi_bc_line *l = &s->bc.lines[i];
        char path[64];
        if (l->how != MLROI_LINE_FROM || !isnan(f->v[l->from]))
            continue;
        snprintf(path, sizeof path, "business_case.lines[%zu].from", i);
        return mlroi_diags_add(diags, MLROI_ERR_MISSING, file, 0, 0, path,
                               "line \"%s\" draws on %s, which this scenario does not give "
                               "(its %s section is missing or has no value)", l->name,
                               mlroi_figure_names[l->from], mlroi_figure_section(l->from));
    }
    return mlroi_diags_add(diags, MLROI_ERR_MISSING, file, 0, 0, "business_case",
                           "the business case needs a figure the scenario does not give");
}

void mlroi_result_plan_figures(const mlroi_result *r, mlroi_plan_figures *f)
{
    mlroi_plan_figures_set(f, &r->roi, r->team.present ? r->team.annual_cost : NAN,
                           r->tco.present ? r->tco.recurring_total : NAN,
                           r->tco.present ? r->tco.one_time_total : NAN);
}

/* The lines of the case one by one, for the reports (allocated: the fast paths skip it). */
static mlroi_error evaluate_lines(const mlroi_scenario *s, mlroi_result *out, mlroi_diags *diags)
{
    mlroi_plan_figures figs;
    size_t n;
    mlroi_error err;

    if (!out->bcase.present)
        return MLROI_OK;
    n = mlroi_bcase_line_count(s);
    out->bcase.lines = n ? mlroi_huge_calloc(n, sizeof *out->bcase.lines) : NULL;
    if (n && !out->bcase.lines)
        return mlroi_diags_add(diags, MLROI_ERR_NOMEM, s->file ? s->file : "", 0, 0,
                               "business_case.lines", "out of memory");
    out->bcase.line_count = n;
    mlroi_result_plan_figures(out, &figs);
    err = mlroi_bcase_lines_eval(s, &figs, &out->bcase, out->bcase.lines);
    if (err == MLROI_ERR_MISSING)
        return missing_figure_diag(s, &figs, diags);
    return MLROI_OK;
}

/* The modules every caller needs, in the order their inputs require: team before TCO (people
 * costs), TCO before the business case (costs_from "tco"). Never allocates. */
static mlroi_error evaluate_modules(const mlroi_scenario *s, const mlroi_benchmarks *b,
                                    mlroi_result *out, mlroi_diags *diags)
{
    const char *file = s->file ? s->file : "";
    mlroi_plan_figures figs;
    mlroi_error err;

    mlroi_maturity_eval(s, b, &out->maturity);
    mlroi_quick_eval(s, &out->roi);
    mlroi_team_eval(s, b, &out->team);
    err = mlroi_tco_eval(s, b, &out->team, &out->tco, diags);
    if (err != MLROI_OK)
        return err;
    if (s->bc.costs_from == MLROI_COSTS_TCO && !s->has_tco)
        return mlroi_diags_add(diags, MLROI_ERR_MISSING, file, 0, 0, "business_case.costs_from",
                               "costs_from is \"tco\" but the scenario has no tco section");
    if (isinf(out->roi.roi_percent) && s->has_roi)
        return overflow_diag(s, out, diags);
    mlroi_result_plan_figures(out, &figs);
    err = mlroi_bcase_eval_plan(s, &figs, &out->bcase);
    if (err == MLROI_ERR_MISSING)
        return missing_figure_diag(s, &figs, diags);
    if (err == MLROI_ERR_RANGE)
        return mlroi_diags_add(diags, err, file, 0, 0, "business_case",
                               "horizon_years must be a whole number from 1 to %d and "
                               "discount_rate above -1", MLROI_MAX_YEARS);
    if (err == MLROI_ERR_NUMERIC)
        return overflow_diag(s, out, diags);
    if (err != MLROI_OK)
        return mlroi_diags_add(diags, err, file, 0, 0, "business_case",
                               "the business case cannot be evaluated");
    return MLROI_OK;
}

static void result_init(const mlroi_scenario *s, const mlroi_benchmarks *b, mlroi_result *out)
{
    memset(out, 0, sizeof *out);
    out->scenario = s;
    out->benchmarks = b;
}

mlroi_error mlroi_evaluate(const mlroi_scenario *s, const mlroi_benchmarks *b,
                           mlroi_result *out, mlroi_diags *diags)
{
    mlroi_error err;

    if (!b)
        b = mlroi_benchmarks_default();
    result_init(s, b, out);
    err = evaluate_modules(s, b, out, diags);
    if (err != MLROI_OK)
        goto cleanup;
    err = evaluate_lines(s, out, diags);
    if (err != MLROI_OK)
        goto cleanup;
    mlroi_vendor_eval(s, b, &out->team, &out->vendor);
    mlroi_checks_eval(s, b, &out->roi, &out->bcase, &out->team, &out->tco, &out->checks);
    err = mlroi_chargeback_eval(s, &out->tco, &out->bcase, &out->chargeback, diags);

cleanup:
    return err;
}

mlroi_error mlroi_evaluate_core(const mlroi_scenario *s, const mlroi_benchmarks *b,
                                mlroi_result *out)
{
    if (!b)
        b = mlroi_benchmarks_default();
    result_init(s, b, out);
    return evaluate_modules(s, b, out, NULL);
}

void mlroi_result_free(mlroi_result *r)
{
    if (!r)
        return;
    mlroi_huge_free(r->bcase.lines);
    r->bcase.lines = NULL;
    r->bcase.line_count = 0;
    free(r->chargeback.units);
    r->chargeback.units = NULL;
    r->chargeback.unit_count = 0;
    r->chargeback.present = false;
}
