/* SPDX-License-Identifier: MIT */
/* Total cost of ownership: cloud workloads, storage, monitoring, licences, people, one-time. */
#ifndef MLROI_TCO_H
#define MLROI_TCO_H

#include <stdbool.h>
#include "mlroi/benchmarks.h"
#include "mlroi/roi.h"
#include "mlroi/scenario.h"
#include "mlroi/team.h"

typedef struct mlroi_tco_year {
    int year;
    double one_time, recurring, total;
} mlroi_tco_year;

typedef struct mlroi_tco {
    bool present;
    double one_time_total;
    double training, inference, storage, monitoring, licenses, people, recurring_total;
    double monthly_cloud;
    double storage_rate, monitoring_rate;   /* rates used */
    int horizon;
    mlroi_tco_year years[MLROI_MAX_YEARS + 1];
    double total;
    bool has_licence_for_stack;   /* a licence line exists (decision support notes this) */
} mlroi_tco;

/* Needs the team result when tco.include_people. Returns MLROI_ERR_INVALID with a diag when a
 * workload names an instance the catalog does not know. */
mlroi_error mlroi_tco_eval(const mlroi_scenario *s, const mlroi_benchmarks *b,
                           const mlroi_team *team, mlroi_tco *out, mlroi_diags *diags);
/* Yearly costs t = 0..N for the business case. */
void mlroi_tco_cost_stream(const mlroi_tco *t, mlroi_cost_stream *out);

#endif
