/* SPDX-License-Identifier: MIT */
/* Evaluates every module of a scenario in dependency order. */
#include "mlroi/engine.h"

#include <math.h>
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

/* The modules every caller needs, in the order their inputs require: team before TCO (people
 * costs), TCO before the business case (costs_from "tco"). Never allocates. */
static mlroi_error evaluate_modules(const mlroi_scenario *s, const mlroi_benchmarks *b,
                                    mlroi_result *out, mlroi_diags *diags)
{
    const char *file = s->file ? s->file : "";
    mlroi_cost_stream costs;
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
    mlroi_tco_cost_stream(&out->tco, &costs);
    err = mlroi_bcase_eval(s, &out->roi, s->bc.costs_from == MLROI_COSTS_TCO ? &costs : NULL,
                           &out->bcase);
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
    mlroi_vendor_eval(s, b, &out->team, &out->vendor);
    mlroi_checks_eval(s, b, &out->roi, &out->bcase, &out->team, &out->tco, &out->checks);
    err = mlroi_chargeback_eval(s, &out->tco, &out->chargeback, diags);

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
    free(r->chargeback.units);
    r->chargeback.units = NULL;
    r->chargeback.unit_count = 0;
    r->chargeback.present = false;
}
