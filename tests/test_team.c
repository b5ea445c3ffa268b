/* SPDX-License-Identifier: MIT */
/* Tests of team sizing: exact integer ratios, salaries by region, and the size bracket. */
#include "testutil.h"

#include "mlroi/benchmarks.h"
#include "mlroi/scenario.h"
#include "mlroi/team.h"

static mlroi_scenario *team_scenario(double ds, double models)
{
    mlroi_scenario *s = mlroi_scenario_new();
    assert_non_null(s);
    s->has_team = true;
    s->team.data_scientists = ds;
    s->team.production_models = models;
    return s;
}

static void sized(double ds, double models, mlroi_team *t)
{
    mlroi_scenario *s = team_scenario(ds, models);
    mlroi_team_eval(s, mlroi_benchmarks_default(), t);
    mlroi_scenario_free(s);
}

static void ml_engineer_ratios_use_exact_integer_ceilings(void **state)
{
    static const struct { double ds; int min, max, recommended; } cases[] = {
        { 10, 2, 5, 3 },   /* ceil(10/6) = 2, ceil(10/2) = 5, ceil(30/10) = 3 exactly (not 4) */
        { 0, 0, 0, 0 },    /* nobody */
        { 1, 1, 1, 1 },    /* one of each ceiling */
        { 7, 2, 4, 3 },    /* ceil(7/6) = 2, ceil(7/2) = 4, ceil(21/10) = 3 */
    };
    mlroi_team t;
    (void)state;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sized(cases[i].ds, 0, &t);
        assert_int_equal(t.ml_min, cases[i].min);
        assert_int_equal(t.ml_max, cases[i].max);
        assert_int_equal(t.ml_recommended, cases[i].recommended);
    }
}

static void one_mlops_engineer_per_twenty_production_models(void **state)
{
    /* ceil(models / 20): 0, 1, 1, 2, 2. */
    static const struct { double models; int mlops; } cases[] = {
        { 0, 0 }, { 1, 1 }, { 20, 1 }, { 21, 2 }, { 40, 2 },
    };
    mlroi_team t;
    (void)state;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sized(0, cases[i].models, &t);
        assert_int_equal(t.mlops_engineers, cases[i].mlops);
    }
}

static void governance_lead_from_level_three_or_any_high_risk_model(void **state)
{
    mlroi_scenario *s = team_scenario(6, 8);
    mlroi_team t;
    (void)state;

    mlroi_team_eval(s, mlroi_benchmarks_default(), &t);
    assert_int_equal(t.governance_lead, 0);   /* default target level 2, no high-risk model */
    s->team.target_level = 3;
    mlroi_team_eval(s, mlroi_benchmarks_default(), &t);
    assert_int_equal(t.governance_lead, 1);
    s->team.target_level = 2;
    s->team.high_risk_models = 1;
    mlroi_team_eval(s, mlroi_benchmarks_default(), &t);
    assert_int_equal(t.governance_lead, 1);
    mlroi_scenario_free(s);
}

static void us_costs_use_the_middle_of_the_published_ranges(void **state)
{
    mlroi_scenario *s = team_scenario(10, 21);
    mlroi_team t;
    (void)state;

    s->team.target_level = 3;
    mlroi_team_eval(s, mlroi_benchmarks_default(), &t);
    /* 3 ML engineers at 125,000 (110-140k), 2 MLOps engineers at 135,000 (120-150k),
     * 1 governance lead at the assumed 145,000 (130-160k):
     * 375,000 + 270,000 + 145,000 = 790,000; low 330+240+130 = 700k; high 420+300+160 = 880k. */
    assert_close(t.ml.salary, 125000, 0);
    assert_close(t.mlops.salary, 135000, 0);
    assert_close(t.governance.salary, 145000, 0);
    assert_false(t.ml.salary_assumed);
    assert_false(t.mlops.salary_assumed);
    assert_true(t.governance.salary_assumed);
    assert_int_equal(t.headcount, 6);
    assert_close(t.annual_cost, 790000, 0);
    assert_close(t.annual_cost_low, 700000, 0);
    assert_close(t.annual_cost_high, 880000, 0);
    mlroi_scenario_free(s);
}

static void eu_mlops_salary_is_an_assumption_unless_given(void **state)
{
    mlroi_scenario *s = team_scenario(6, 8);
    mlroi_team t;
    (void)state;

    s->region = MLROI_REGION_EU;
    mlroi_team_eval(s, mlroi_benchmarks_default(), &t);
    /* ML engineer EU 55-75k, middle 65,000 (published); MLOps EU assumed 60-80k. */
    assert_close(t.ml.salary, 65000, 0);
    assert_false(t.ml.salary_assumed);
    assert_close(t.mlops.salary, 70000, 0);
    assert_true(t.mlops.salary_assumed);
    s->team.mlops_engineer_salary = 72000;
    mlroi_team_eval(s, mlroi_benchmarks_default(), &t);
    assert_close(t.mlops.salary, 72000, 0);
    assert_false(t.mlops.salary_assumed);
    assert_true(t.mlops.salary_from_scenario);
    /* DS 6: 2 ML engineers at 65,000 + 1 MLOps engineer at 72,000. */
    assert_close(t.annual_cost, 202000, 0);
    mlroi_scenario_free(s);
}

static void size_bracket_follows_the_published_head_counts(void **state)
{
    /* Start-up up to 50 employees, mid-market up to 500, enterprise beyond. */
    static const struct { double employees; const char *id; } cases[] = {
        { 1, "startup" }, { 50, "startup" }, { 51, "midmarket" }, { 500, "midmarket" },
        { 501, "enterprise" }, { 100000, "enterprise" },
    };
    const mlroi_benchmarks *b = mlroi_benchmarks_default();
    (void)state;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(mlroi_bracket_for(b, cases[i].employees)->id, cases[i].id);
}

static void plan_is_placed_inside_or_outside_its_bracket(void **state)
{
    mlroi_scenario *s = team_scenario(10, 8);
    mlroi_team t;
    (void)state;

    mlroi_team_eval(s, mlroi_benchmarks_default(), &t);
    assert_null(t.bracket);   /* employees unknown */
    assert_false(t.headcount_within);

    /* 3 ML at 125,000 + 1 MLOps at 135,000 = 510,000 for 4 people; midmarket is 3-5
     * people and 120,000-400,000: head count within, cost above. */
    s->employees = 300;
    mlroi_team_eval(s, mlroi_benchmarks_default(), &t);
    assert_non_null(t.bracket);
    assert_string_equal(t.bracket->id, "midmarket");
    assert_int_equal(t.headcount, 4);
    assert_true(t.headcount_within);
    assert_close(t.annual_cost, 510000, 0);
    assert_false(t.cost_within);

    /* Exactly at the budget's top edge counts as within: 400,000 = 2 * 125,000 + 150,000. */
    s->team.data_scientists = 6;          /* 2 ML engineers */
    s->team.mlops_engineer_salary = 150000;
    mlroi_team_eval(s, mlroi_benchmarks_default(), &t);
    assert_close(t.annual_cost, 400000, 0);
    assert_true(t.cost_within);
    mlroi_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ml_engineer_ratios_use_exact_integer_ceilings),
        cmocka_unit_test(one_mlops_engineer_per_twenty_production_models),
        cmocka_unit_test(governance_lead_from_level_three_or_any_high_risk_model),
        cmocka_unit_test(us_costs_use_the_middle_of_the_published_ranges),
        cmocka_unit_test(eu_mlops_salary_is_an_assumption_unless_given),
        cmocka_unit_test(size_bracket_follows_the_published_head_counts),
        cmocka_unit_test(plan_is_placed_inside_or_outside_its_bracket),
    };
    return cmocka_run_group_tests_name("team", tests, NULL, NULL);
}
