/* SPDX-License-Identifier: MIT */
/* What the benchmarks share (tests/bench_*.c): the clock, a comparison for qsort, and the case
 * the analysis targets are stated for: three years, five uncertain inputs. */
#ifndef MLROI_BENCH_COMMON_H
#define MLROI_BENCH_COMMON_H

#include <time.h>

static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The case's head, its business_case section's common keys, and its uncertain inputs: each
 * benchmark closes the objects around what it adds. */
#define BENCH_CASE_HEAD \
    "{ \"format\": 1, \"name\": \"Benchmark\", \"currency\": \"USD\",\n" \
    "  \"roi\": { \"team_size\": 5, \"avg_salary\": 90000, \"models_per_year\": 6,\n" \
    "           \"current_time_to_prod_weeks\": 16, \"mlops_time_to_prod_weeks\": 3,\n" \
    "           \"model_incidents_per_year\": 4, \"avg_incident_cost\": 75000,\n" \
    "           \"incident_reduction\": 0.75, \"mlops_investment\": 200000 },\n" \
    "  \"business_case\": { \"horizon_years\": 3, \"discount_rate\": 0.1,\n" \
    "           \"benefit_ramp\": [0.5, 1.0], \"benefit_risk\": 0.2, \"cost_risk\": 0.1"
#define BENCH_CASE_INPUTS \
    "  \"uncertainty\": { \"samples\": 1000000, \"seed\": 42, \"method\": \"lhs\",\n" \
    "    \"inputs\": {\n" \
    "      \"roi.avg_incident_cost\": { \"dist\": \"triangular\", \"min\": 40000, \"mode\": 75000, \"max\": 150000 },\n" \
    "      \"roi.incident_reduction\": { \"dist\": \"pert\", \"min\": 0.5, \"mode\": 0.75, \"max\": 0.9 },\n" \
    "      \"roi.mlops_time_to_prod_weeks\": { \"dist\": \"uniform\", \"min\": 2, \"max\": 6 },\n" \
    "      \"roi.avg_salary\": { \"dist\": \"normal\", \"mean\": 90000, \"sd\": 8000 },\n" \
    "      \"roi.models_per_year\": { \"dist\": \"lognormal\", \"p5\": 3, \"p95\": 10 }"

#endif
