/* SPDX-License-Identifier: MIT */
/* Team sizing: roles from the article's ratios, their cost, and the size bracket. */
#ifndef MLROI_TEAM_H
#define MLROI_TEAM_H

#include <stdbool.h>
#include "mlroi/benchmarks.h"
#include "mlroi/scenario.h"

typedef struct mlroi_role_cost {
    int count;
    double salary;               /* per person per year used for annual_cost */
    double salary_low, salary_high;
    bool salary_assumed;         /* no published benchmark: a default shown as an assumption */
    bool salary_from_scenario;
    double annual_cost;          /* count * salary */
} mlroi_role_cost;

typedef struct mlroi_team {
    bool present;
    int ml_min, ml_max, ml_recommended;
    int mlops_engineers;
    int governance_lead;         /* 0 or 1 */
    mlroi_role_cost ml, mlops, governance;   /* ml uses ml_recommended */
    int headcount;               /* ml_recommended + mlops + governance */
    double annual_cost, annual_cost_low, annual_cost_high;
    const mlroi_bracket *bracket;     /* NULL when employees is unknown */
    bool headcount_within, cost_within;   /* against the bracket */
} mlroi_team;

void mlroi_team_eval(const mlroi_scenario *s, const mlroi_benchmarks *b, mlroi_team *out);
/* Size bracket of a head count; never NULL. */
const mlroi_bracket *mlroi_bracket_for(const mlroi_benchmarks *b, double employees);

#endif
