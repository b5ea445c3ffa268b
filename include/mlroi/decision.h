/* SPDX-License-Identifier: MIT */
/* Decision support: platform choice, reasonableness checks, chargeback. */
#ifndef MLROI_DECISION_H
#define MLROI_DECISION_H

#include <stdbool.h>
#include "mlroi/benchmarks.h"
#include "mlroi/maturity.h"
#include "mlroi/roi.h"
#include "mlroi/scenario.h"
#include "mlroi/team.h"
#include "mlroi/tco.h"

typedef struct mlroi_vendor {
    bool present;
    const mlroi_vendor_rule *recommended;
    const mlroi_vendor_rule *alternatives[8]; int alternative_count;
    const mlroi_alternative *enterprise[8]; int enterprise_count;   /* when bracket is enterprise */
    /* The scenario has a tco section with no licence line, yet the recommended stack costs a
     * licence: every output says what it would add, and no figure includes it. */
    bool licence_outside_tco;
} mlroi_vendor;

typedef enum mlroi_verdict {
    MLROI_BELOW = 0, MLROI_WITHIN, MLROI_ABOVE,
    MLROI_IMPOSSIBLE,        /* savings_exceed_work: the arithmetic cannot hold */
    MLROI_OUTSIDE,           /* plan_costs_outside_case: the case leaves plan costs out */
    MLROI_NOT_COMPARED       /* no benchmark fits (bracket, region, or currency without fx) */
} mlroi_verdict;

/* Which way a check leans against the published figure (MODEL.md "leaning"): optimistic when
 * the case assumes better than published (a shorter payback, a larger incident reduction, a
 * cheaper cloud bill, a yearly cost below the plan's own), conservative the other way, in line
 * within the range. A check that is not compared has nothing to lean against: in line. */
typedef enum mlroi_leaning {
    MLROI_LEAN_IN_LINE = 0, MLROI_LEAN_OPTIMISTIC, MLROI_LEAN_CONSERVATIVE
} mlroi_leaning;

#define MLROI_MAX_CHECKS 16
typedef struct mlroi_check {
    const char *key;             /* "roi.incident_reduction", "business_case.roi_percent",
                                    "savings_exceed_work", "plan_costs_outside_case" ... */
    const char *label;           /* "incident reduction" */
    /* The benchmark in the scenario's currency (converted through "fx" when published in
     * another); low and high are NAN when not compared. plan_costs_outside_case: value is
     * the case's yearly cost, low = high the plan's; savings_exceed_work: value is the
     * whole-team weeks, 0-52. */
    double value, low, high;
    mlroi_verdict verdict;
    bool optimistic;             /* above the flag threshold */
    mlroi_leaning leaning;
    bool fails_strict;           /* check --strict fails on it (optimistic, impossible,
                                    plan costs outside the case) */
    const char *unit;
    const char *source;
    char note[384];              /* a reviewer's margin note, ending with the leaning */
} mlroi_check;

typedef struct mlroi_checks {
    mlroi_check items[MLROI_MAX_CHECKS];
    int count;
    int optimistic_count;        /* checks with optimistic set */
    int strict_count;            /* checks with fails_strict set */
} mlroi_checks;

typedef struct mlroi_cb_charge {
    const char *name;
    double models, share, annual_charge;
    long long annual_charge_cents;   /* shares rounded so the cents add up to the pool */
} mlroi_cb_charge;

typedef struct mlroi_chargeback {
    bool present;
    double pool;
    const char *pool_source;     /* "tco.recurring_annual.total", "business_case.lines" or
                                    "business_case.annual_cost" */
    mlroi_cb_charge *units;      /* owned by the result; see mlroi_result_free */
    size_t unit_count;
} mlroi_chargeback;

void mlroi_vendor_eval(const mlroi_scenario *s, const mlroi_benchmarks *b,
                       const mlroi_team *team, mlroi_vendor *out);
/* The reasonableness checks and the checks that keep the plan honest (MODEL.md "Decision
 * support"). Any module result may be NULL or not present: its checks are left out. BC's
 * unadjusted yearly costs give the case's yearly cost for plan_costs_outside_case. */
void mlroi_checks_eval(const mlroi_scenario *s, const mlroi_benchmarks *b,
                       const mlroi_quick *q, const mlroi_bcase *bc, const mlroi_team *team,
                       const mlroi_tco *tco, mlroi_checks *out);
/* Errors (no units, zero models with basis models) go to diags. */
/* The pool is the TCO's recurring total, else (with lines) the case's average risk-adjusted
 * yearly cost over years 1..N, else annual_cost * (1 + cost_risk). BC may be NULL. */
mlroi_error mlroi_chargeback_eval(const mlroi_scenario *s, const mlroi_tco *tco,
                                  const mlroi_bcase *bc, mlroi_chargeback *out,
                                  mlroi_diags *diags);
const char *mlroi_verdict_name(mlroi_verdict v);
/* "in line", "optimistic", "conservative" */
const char *mlroi_leaning_name(mlroi_leaning l);

#endif
