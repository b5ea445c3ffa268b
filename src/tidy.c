/* SPDX-License-Identifier: MIT */
/* Every figure of an evaluated scenario as one tidy row (section, metric, year, value, unit). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "mlroi/tidy.h"

static void figures(const mlroi_bcase_figures *f, const char *sec, const char *cur,
                    mlroi_row_fn fn, void *ctx)
{
    for (int t = 0; t <= f->horizon; t++) {
        const mlroi_cash_year *y = &f->years[t];
        fn(ctx, sec, "benefits", t, y->benefits, cur);
        fn(ctx, sec, "costs", t, y->costs, cur);
        fn(ctx, sec, "net", t, y->net, cur);
        fn(ctx, sec, "cumulative_net", t, y->cumulative_net, cur);
        fn(ctx, sec, "discount_factor", t, y->discount_factor, "ratio");
        fn(ctx, sec, "pv_net", t, y->pv_net, cur);
    }
    fn(ctx, sec, "pv_benefits", -1, f->pv_benefits, cur);
    fn(ctx, sec, "pv_costs", -1, f->pv_costs, cur);
    fn(ctx, sec, "npv", -1, f->npv, cur);
    fn(ctx, sec, "roi_percent", -1, f->roi_percent, "percent");
    fn(ctx, sec, "irr", -1, f->irr, "ratio");
    fn(ctx, sec, "payback_months", -1, f->payback_months, "months");
    fn(ctx, sec, "discounted_payback_months", -1, f->discounted_payback_months, "months");
}

void mlroi_result_each_row(const mlroi_result *r, mlroi_row_fn fn, void *ctx)
{
    const char *cur = r->scenario->currency;
    if (r->maturity.present) {
        const mlroi_maturity *m = &r->maturity;
        fn(ctx, "maturity", "score", -1, m->score, "answers");
        fn(ctx, "maturity", "level", -1, m->level, "level");
        fn(ctx, "maturity", "gated_level", -1, m->gated_level, "level");
        fn(ctx, "maturity", "missing_for_next_level", -1, m->missing_count, "questions");
        fn(ctx, "maturity", "unanswered", -1, m->unanswered_count, "questions");
        for (int i = 0; i < m->roadmap_count; i++) {
            char k[48];
            snprintf(k, sizeof k, "phase_%d_budget_low", m->roadmap[i]->number);
            fn(ctx, "maturity", k, -1, m->roadmap[i]->budget.low, cur);
            snprintf(k, sizeof k, "phase_%d_budget_high", m->roadmap[i]->number);
            fn(ctx, "maturity", k, -1, m->roadmap[i]->budget.high, cur);
        }
    }
    if (r->roi.present) {
        const mlroi_quick *q = &r->roi;
        fn(ctx, "roi", "time_saved_per_model_weeks", -1, q->time_saved_per_model_weeks, "weeks");
        fn(ctx, "roi", "cost_per_week_team", -1, q->cost_per_week_team, cur);
        fn(ctx, "roi", "deployment_savings", -1, q->deployment_savings, cur);
        fn(ctx, "roi", "incident_savings", -1, q->incident_savings, cur);
        fn(ctx, "roi", "total_benefits", -1, q->total_benefits, cur);
        fn(ctx, "roi", "investment", -1, q->investment, cur);
        fn(ctx, "roi", "net_benefit", -1, q->net_benefit, cur);
        fn(ctx, "roi", "roi_percent", -1, q->roi_percent, "percent");
    }
    if (r->bcase.present) {
        figures(&r->bcase.adjusted, "business_case", cur, fn, ctx);
        figures(&r->bcase.unadjusted, "business_case_unadjusted", cur, fn, ctx);
    }
    if (r->team.present) {
        const mlroi_team *t = &r->team;
        fn(ctx, "team", "ml_engineers_min", -1, t->ml_min, "people");
        fn(ctx, "team", "ml_engineers_max", -1, t->ml_max, "people");
        fn(ctx, "team", "ml_engineers_recommended", -1, t->ml_recommended, "people");
        fn(ctx, "team", "mlops_engineers", -1, t->mlops_engineers, "people");
        fn(ctx, "team", "governance_lead", -1, t->governance_lead, "people");
        fn(ctx, "team", "headcount", -1, t->headcount, "people");
        fn(ctx, "team", "annual_cost", -1, t->annual_cost, cur);
        fn(ctx, "team", "annual_cost_low", -1, t->annual_cost_low, cur);
        fn(ctx, "team", "annual_cost_high", -1, t->annual_cost_high, cur);
    }
    if (r->tco.present) {
        const mlroi_tco *t = &r->tco;
        fn(ctx, "tco", "one_time_total", -1, t->one_time_total, cur);
        fn(ctx, "tco", "training", -1, t->training, cur);
        fn(ctx, "tco", "inference", -1, t->inference, cur);
        fn(ctx, "tco", "storage", -1, t->storage, cur);
        fn(ctx, "tco", "monitoring", -1, t->monitoring, cur);
        fn(ctx, "tco", "licenses", -1, t->licenses, cur);
        fn(ctx, "tco", "people", -1, t->people, cur);
        fn(ctx, "tco", "recurring_total", -1, t->recurring_total, cur);
        fn(ctx, "tco", "monthly_cloud", -1, t->monthly_cloud, cur);
        for (int y = 0; y <= t->horizon; y++)
            fn(ctx, "tco", "year_total", y, t->years[y].total, cur);
        fn(ctx, "tco", "total", -1, t->total, cur);
    }
    if (r->vendor.present && r->vendor.recommended) {
        fn(ctx, "vendor", "licence_annual_low", -1, r->vendor.recommended->licence.low, cur);
        fn(ctx, "vendor", "licence_annual_high", -1, r->vendor.recommended->licence.high, cur);
    }
    for (int i = 0; i < r->checks.count; i++)
        fn(ctx, "checks", r->checks.items[i].key, -1, r->checks.items[i].value,
           r->checks.items[i].unit ? r->checks.items[i].unit : "");
    if (r->chargeback.present) {
        fn(ctx, "chargeback", "pool", -1, r->chargeback.pool, cur);
        for (size_t i = 0; i < r->chargeback.unit_count; i++) {
            char k[300];
            snprintf(k, sizeof k, "%s.annual_charge", r->chargeback.units[i].name);
            fn(ctx, "chargeback", k, -1, r->chargeback.units[i].annual_charge, cur);
        }
    }
}
