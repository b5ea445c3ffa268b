/* SPDX-License-Identifier: MIT */
/* The 12-month ROI quick estimate and the multi-year, risk-adjusted business case. */
#ifndef MLROI_ROI_H
#define MLROI_ROI_H

#include <stdbool.h>
#include "mlroi/scenario.h"

/* Undefined figures (ROI with zero investment, IRR without a sign change, payback beyond
 * the horizon) are NAN here; every renderer turns NAN into n/a, null or an empty cell. */

typedef struct mlroi_quick {
    bool present;
    double time_saved_per_model_weeks, cost_per_week_team, deployment_savings,
           incident_savings, total_benefits, investment, net_benefit, roi_percent;
} mlroi_quick;

typedef struct mlroi_cash_year {
    int year;
    double benefits, costs, net, cumulative_net, discount_factor, pv_net;
} mlroi_cash_year;

typedef struct mlroi_bcase_figures {
    int horizon;
    mlroi_cash_year years[MLROI_MAX_YEARS + 1];   /* t = 0..horizon */
    double pv_benefits, pv_costs, npv, roi_percent;
    double irr;                  /* NAN when undefined, with irr_note */
    const char *irr_note;        /* NULL when irr is defined */
    int sign_changes;
    double payback_months, discounted_payback_months;   /* NAN when never */
    double total_benefits, total_costs;                 /* undiscounted sums over t */
} mlroi_bcase_figures;

typedef struct mlroi_bcase {
    bool present;
    mlroi_bcase_figures adjusted, unadjusted;
} mlroi_bcase;

/* Yearly costs by year (t = 0..N) when costs come from the TCO module. */
typedef struct mlroi_cost_stream {
    double c[MLROI_MAX_YEARS + 1];
} mlroi_cost_stream;

/* Quick estimate from s->roi. present = s->has_roi. */
void mlroi_quick_eval(const mlroi_scenario *s, mlroi_quick *out);

/* Business case. tco_costs is needed when costs_from is "tco" (else may be NULL).
 * Returns MLROI_ERR_MISSING when costs_from is "tco" and tco_costs is NULL. */
mlroi_error mlroi_bcase_eval(const mlroi_scenario *s, const mlroi_quick *q,
                             const mlroi_cost_stream *tco_costs, mlroi_bcase *out);

/* The same for analysis loops, which call it millions of times on one result: OUT must be
 * zeroed or hold an earlier result (then only what changed is rewritten), and the unadjusted
 * figures are computed only when UNADJUSTED is true (otherwise they are stale: don't read them). */
mlroi_error mlroi_bcase_eval_part(const mlroi_scenario *s, const mlroi_quick *q,
                                  const mlroi_cost_stream *tco_costs, bool unadjusted,
                                  mlroi_bcase *out);

/* Building blocks, exposed for tests and analysis. NET has n+1 entries (t = 0..n). */
double mlroi_npv(const double *net, int n, double rate);
/* IRR of a flow; NAN with *note set when undefined. */
double mlroi_irr(const double *net, int n, const char **note, int *sign_changes);
/* Payback month over cumulative piecewise-linear curve of NET; NAN when it ends below zero. */
double mlroi_payback_months(const double *net, int n);

#endif
