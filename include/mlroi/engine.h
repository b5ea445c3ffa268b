/* SPDX-License-Identifier: MIT */
/* One call that evaluates every module of a scenario. */
#ifndef MLROI_ENGINE_H
#define MLROI_ENGINE_H

#include "mlroi/benchmarks.h"
#include "mlroi/decision.h"
#include "mlroi/maturity.h"
#include "mlroi/roi.h"
#include "mlroi/scenario.h"
#include "mlroi/team.h"
#include "mlroi/tco.h"

#define MLROI_VERSION "0.1.0"

/* Every figure of a scenario. Fixed-size except chargeback units, so evaluating needs no
 * allocation when the scenario has no chargeback section (Monte Carlo relies on this). */
typedef struct mlroi_result {
    const mlroi_scenario *scenario;      /* borrowed */
    const mlroi_benchmarks *benchmarks;  /* borrowed */
    mlroi_maturity maturity;
    mlroi_quick roi;
    mlroi_bcase bcase;
    mlroi_team team;
    mlroi_tco tco;
    mlroi_vendor vendor;
    mlroi_checks checks;
    mlroi_chargeback chargeback;
} mlroi_result;

/* Evaluate everything the scenario has inputs for. Modules without inputs are left with
 * present = false. Returns the first error (also in diags, may be NULL).
 * Call mlroi_result_free afterwards (it frees the chargeback units). */
mlroi_error mlroi_evaluate(const mlroi_scenario *s, const mlroi_benchmarks *b,
                           mlroi_result *out, mlroi_diags *diags);
/* Fast path for analysis: maturity, quick estimate, team, TCO and business case only
 * (no checks, vendor, chargeback); never allocates. */
mlroi_error mlroi_evaluate_core(const mlroi_scenario *s, const mlroi_benchmarks *b,
                                mlroi_result *out);
void mlroi_result_free(mlroi_result *r);
/* The figures business-case lines draw on, from an evaluated result. */
void mlroi_result_plan_figures(const mlroi_result *r, mlroi_plan_figures *f);

#endif
