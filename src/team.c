/* SPDX-License-Identifier: MIT */
/* Sizes the MLOps team from the article's ratios, prices it and places it in a size bracket. */
#include "mlroi/team.h"

#include <math.h>
#include <string.h>

/* A whole, non-negative count from a double input (the loader guarantees whole numbers;
 * a swept value is rounded rather than truncated). */
static long long whole(double v)
{
    if (!(v > 0))
        return 0;
    if (v > 1e15)
        v = 1e15;
    return (long long)floor(v + 0.5);
}

/* ceil(num / den) in exact integer arithmetic, for num >= 0 and den > 0. */
static long long ceil_div(long long num, long long den)
{
    return (num + den - 1) / den;
}

static int clamp_int(long long v)
{
    return v > 1000000000LL ? 1000000000 : (int)v;
}

const mlroi_bracket *mlroi_bracket_for(const mlroi_benchmarks *b, double employees)
{
    for (int i = 0; i < 3; i++)
        if (employees <= b->brackets[i].max_employees)
            return &b->brackets[i];
    return &b->brackets[2];
}

/* Price one role: the scenario's salary when given, else the middle of the region's range. */
static void role_cost(mlroi_role_cost *rc, int count, double override, mlroi_range range,
                      int assumed)
{
    rc->count = count;
    if (!isnan(override)) {
        rc->salary = rc->salary_low = rc->salary_high = override;
        rc->salary_from_scenario = true;
        rc->salary_assumed = false;
    } else {
        rc->salary = (range.low + range.high) / 2.0;
        rc->salary_low = range.low;
        rc->salary_high = range.high;
        rc->salary_from_scenario = false;
        rc->salary_assumed = assumed != 0;
    }
    rc->annual_cost = count * rc->salary;
}

void mlroi_team_eval(const mlroi_scenario *s, const mlroi_benchmarks *b, mlroi_team *out)
{
    const mlroi_team_inputs *in = &s->team;
    int region = s->region == MLROI_REGION_EU ? 1 : 0;
    long long ds = whole(in->data_scientists);
    long long models = whole(in->production_models);

    memset(out, 0, sizeof *out);
    out->present = s->has_team;
    out->ml_min = clamp_int(ceil_div(ds, 6));
    out->ml_max = clamp_int(ceil_div(ds, 2));
    out->ml_recommended = clamp_int(ceil_div(3 * ds, 10));
    out->mlops_engineers = clamp_int(ceil_div(models, 20));
    out->governance_lead = (in->target_level >= 3 || in->high_risk_models > 0) ? 1 : 0;

    role_cost(&out->ml, out->ml_recommended, in->ml_engineer_salary, b->ml_engineer[region], 0);
    role_cost(&out->mlops, out->mlops_engineers, in->mlops_engineer_salary,
              b->mlops_engineer[region], b->mlops_engineer_assumed[region]);
    role_cost(&out->governance, out->governance_lead, in->governance_lead_salary,
              b->governance_lead[region], b->governance_lead_assumed[region]);

    out->headcount = out->ml_recommended + out->mlops_engineers + out->governance_lead;
    out->annual_cost = out->ml.annual_cost + out->mlops.annual_cost + out->governance.annual_cost;
    out->annual_cost_low = out->ml.count * out->ml.salary_low +
                           out->mlops.count * out->mlops.salary_low +
                           out->governance.count * out->governance.salary_low;
    out->annual_cost_high = out->ml.count * out->ml.salary_high +
                            out->mlops.count * out->mlops.salary_high +
                            out->governance.count * out->governance.salary_high;

    out->bracket = isnan(s->employees) ? NULL : mlroi_bracket_for(b, s->employees);
    if (out->bracket) {
        out->headcount_within = out->headcount >= out->bracket->people.low &&
                                out->headcount <= out->bracket->people.high;
        out->cost_within = out->annual_cost >= out->bracket->budget.low &&
                           out->annual_cost <= out->bracket->budget.high;
    }
}
