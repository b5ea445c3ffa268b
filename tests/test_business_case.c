/* SPDX-License-Identifier: MIT */
/* Tests of the multi-year, risk-adjusted business case and of its place in the engine. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>
#include "mlroi/engine.h"
#include "mlroi/roi.h"
#include "mlroi/scenario.h"

static void eval_case(const mlroi_scenario *s, mlroi_bcase *bc)
{
    mlroi_quick q;
    mlroi_quick_eval(s, &q);
    assert_int_equal(mlroi_bcase_eval(s, &q, NULL, bc), MLROI_OK);
}

static void contract_defaults_are_the_ones_documented(void **state)
{
    mlroi_scenario *s = mlroi_scenario_new();
    (void)state;
    assert_non_null(s);
    assert_close(s->bc.horizon_years, 3, 0);
    assert_close(s->bc.discount_rate, 0.10, 0);
    assert_close(s->bc.initial_investment, 0, 0);
    assert_nan(s->bc.annual_cost);
    assert_int_equal(s->bc.ramp_count, 0);
    mlroi_scenario_free(s);
}

static void one_year_undiscounted_case_equals_the_quick_estimate(void **state)
{
    mlroi_scenario *s = test_article_scenario();
    mlroi_quick q;
    mlroi_bcase bc;
    (void)state;

    s->has_business_case = true;
    s->bc.horizon_years = 1;
    s->bc.discount_rate = 0;
    mlroi_quick_eval(s, &q);
    assert_int_equal(mlroi_bcase_eval(s, &q, NULL, &bc), MLROI_OK);
    assert_true(bc.present);
    /* MODEL.md: npv == net_benefit and the ROI figures agree, exactly. */
    assert_true(bc.adjusted.npv == q.net_benefit);
    assert_true(bc.adjusted.roi_percent == q.roi_percent);
    assert_close(bc.adjusted.npv, 700000, 1e-12);
    assert_close(bc.adjusted.roi_percent, 350, 1e-12);
    mlroi_scenario_free(s);
}

/* horizon 3, r = 10 %, initial 100,000, annual 200,000, ramp [0.5, 1.0],
 * benefit_risk 0.2, cost_risk 0.1, total benefits 900,000 (the article's).
 *   B = 0, 0.5 * 720,000 = 360,000, 720,000, 720,000   (900,000 * (1 - 0.2) = 720,000)
 *   C = 110,000, 220,000, 220,000, 220,000             (cost_risk on t = 0 too)
 *   net = -110,000, 140,000, 500,000, 500,000
 *   d = 1, 10/11, 100/121, 1000/1331
 *   pv_benefits = 360,000*10/11 + 720,000*100/121 + 720,000*1000/1331 = 1,947,600,000/1331
 *               = 1,463,260.706235913
 *   pv_costs = 110,000 + 220,000*(10/11 + 100/121 + 1000/1331) = 79,510,000/121 = 657,107.438016529
 *   npv = 1,072,990,000/1331 = 806,153.268219384 (gnumeric: =A1+NPV(0.1,B1:D1) agrees)
 *   roi = 1,072,990,000 / 874,610,000 * 100 = 122.6821097403414 %
 *   payback: cumulative -110,000 then 30,000: 12 * 110,000/140,000 = 9.428571 months
 *   discounted: -110,000 then +127,272.73: 12 * 110,000 * 1.1 / 140,000 = 10.371429 months
 *   irr (gnumeric =IRR): 2.16365222837666749 */
static mlroi_scenario *hand_case(void)
{
    mlroi_scenario *s = test_article_scenario();
    s->has_business_case = true;
    s->bc.horizon_years = 3;
    s->bc.discount_rate = 0.10;
    s->bc.initial_investment = 100000;
    s->bc.annual_cost = 200000;
    s->bc.benefit_ramp[0] = 0.5;
    s->bc.benefit_ramp[1] = 1.0;
    s->bc.ramp_count = 2;
    s->bc.benefit_risk = 0.2;
    s->bc.cost_risk = 0.1;
    return s;
}

static void three_year_case_with_ramp_and_risks_matches_hand_calculation(void **state)
{
    mlroi_scenario *s = hand_case();
    mlroi_bcase bc;
    const double benefits[4] = { 0, 360000, 720000, 720000 };
    const double costs[4] = { 110000, 220000, 220000, 220000 };
    (void)state;

    eval_case(s, &bc);
    assert_int_equal(bc.adjusted.horizon, 3);
    for (int t = 0; t <= 3; t++) {
        assert_int_equal(bc.adjusted.years[t].year, t);
        assert_close(bc.adjusted.years[t].benefits, benefits[t], 1e-12);
        assert_close(bc.adjusted.years[t].costs, costs[t], 1e-12);
        assert_close(bc.adjusted.years[t].net, benefits[t] - costs[t], 1e-12);
        assert_close(bc.adjusted.years[t].discount_factor, pow(1.1, -t), 1e-12);
    }
    assert_close(bc.adjusted.years[3].cumulative_net, 1030000, 1e-12);
    assert_close(bc.adjusted.pv_benefits, 1947600000.0 / 1331.0, 1e-12);
    assert_close(bc.adjusted.pv_costs, 79510000.0 / 121.0, 1e-12);
    assert_close(bc.adjusted.npv, 806153.2682193839218, 1e-12);
    assert_close(bc.adjusted.roi_percent, 1072990000.0 / 874610000.0 * 100.0, 1e-12);
    assert_close(bc.adjusted.payback_months, 12.0 * 110000.0 / 140000.0, 1e-12);
    assert_close(bc.adjusted.discounted_payback_months, 12.0 * 121000.0 / 140000.0, 1e-12);
    assert_close(bc.adjusted.irr, 2.16365222837666749, 1e-9);
    assert_string_equal(bc.adjusted.irr_note, "");
    assert_close(bc.adjusted.total_benefits, 1800000, 1e-12);
    assert_close(bc.adjusted.total_costs, 770000, 1e-12);
    mlroi_scenario_free(s);
}

static void unadjusted_figures_ignore_every_risk(void **state)
{
    mlroi_scenario *s = hand_case();
    mlroi_bcase bc;
    (void)state;

    eval_case(s, &bc);
    /* Without risks: B = 0, 450,000, 900,000, 900,000; C = 100,000, 200,000 x 3.
     * pv_benefits = 450,000*10/11 + 900,000*(100/121 + 1000/1331) = 2,434,500,000/1331
     * pv_costs = 100,000 + 200,000*(10/11 + 100/121 + 1000/1331)
     *          = (133,100,000 + 200,000*(1210 + 1100 + 1000)) / 1331 = 795,100,000/1331 */
    assert_close(bc.unadjusted.years[1].benefits, 450000, 1e-12);
    assert_close(bc.unadjusted.years[0].costs, 100000, 1e-12);
    assert_close(bc.unadjusted.pv_benefits, 2434500000.0 / 1331.0, 1e-12);
    assert_close(bc.unadjusted.pv_costs, 795100000.0 / 1331.0, 1e-12);
    assert_close(bc.unadjusted.npv, (2434500000.0 - 795100000.0) / 1331.0, 1e-12);
    mlroi_scenario_free(s);
}

static void other_benefits_follow_benefit_risk_unless_given_their_own(void **state)
{
    mlroi_scenario *s = test_article_scenario();
    mlroi_bcase bc;
    (void)state;

    s->has_business_case = true;
    s->bc.horizon_years = 1;
    s->bc.discount_rate = 0;
    s->bc.benefit_risk = 0.5;
    s->bc.other_benefits = calloc(2, sizeof *s->bc.other_benefits);
    assert_non_null(s->bc.other_benefits);
    s->bc.other_count = 2;
    s->bc.other_benefits[0].name = strdup("fines avoided");
    s->bc.other_benefits[0].annual = 100000;
    s->bc.other_benefits[0].risk = NAN;        /* follows benefit_risk: 100,000 * 0.5 */
    s->bc.other_benefits[1].name = strdup("infrastructure saved");
    s->bc.other_benefits[1].annual = 40000;
    s->bc.other_benefits[1].risk = 0.25;       /* its own: 40,000 * 0.75 = 30,000 */
    eval_case(s, &bc);
    /* 900,000 * 0.5 + 50,000 + 30,000 = 530,000; unadjusted 900,000 + 140,000. */
    assert_close(bc.adjusted.years[1].benefits, 530000, 1e-12);
    assert_close(bc.unadjusted.years[1].benefits, 1040000, 1e-12);
    mlroi_scenario_free(s);
}

static void cost_risk_uplifts_the_initial_investment_too(void **state)
{
    mlroi_scenario *s = test_article_scenario();
    mlroi_bcase bc;
    (void)state;

    s->bc.horizon_years = 1;
    s->bc.initial_investment = 50000;
    s->bc.cost_risk = 0.2;
    eval_case(s, &bc);
    assert_close(bc.adjusted.years[0].costs, 60000, 1e-12);    /* 50,000 * 1.2 */
    assert_close(bc.adjusted.years[1].costs, 240000, 1e-12);   /* 200,000 * 1.2 */
    mlroi_scenario_free(s);
}

static void ramp_repeats_its_last_value(void **state)
{
    mlroi_scenario *s = test_article_scenario();
    mlroi_bcase bc;
    const double expect[5] = { 0, 0.2 * 900000, 0.6 * 900000, 0.6 * 900000, 0.6 * 900000 };
    (void)state;

    s->bc.horizon_years = 4;
    s->bc.benefit_ramp[0] = 0.2;
    s->bc.benefit_ramp[1] = 0.6;
    s->bc.ramp_count = 2;
    eval_case(s, &bc);
    for (int t = 0; t <= 4; t++)
        assert_close(bc.adjusted.years[t].benefits, expect[t], 1e-12);
    mlroi_scenario_free(s);
}

static void annual_cost_follows_the_investment_unless_given(void **state)
{
    mlroi_scenario *s = test_article_scenario();
    mlroi_bcase bc;
    (void)state;

    eval_case(s, &bc);
    assert_close(bc.adjusted.years[2].costs, 200000, 1e-12);
    s->bc.annual_cost = 120000;
    eval_case(s, &bc);
    assert_close(bc.adjusted.years[2].costs, 120000, 1e-12);
    mlroi_scenario_free(s);
}

static void roi_is_undefined_when_nothing_is_spent(void **state)
{
    mlroi_scenario *s = test_article_scenario();
    mlroi_bcase bc;
    (void)state;

    s->roi.mlops_investment = 0;
    eval_case(s, &bc);
    assert_nan(bc.adjusted.roi_percent);
    assert_close(bc.adjusted.payback_months, 0, 0);
    assert_string_equal(bc.adjusted.irr_note, "no sign change");
    mlroi_scenario_free(s);
}

static void business_case_is_absent_without_the_roi_section(void **state)
{
    mlroi_scenario *s = mlroi_scenario_new();
    mlroi_quick q;
    mlroi_bcase bc;
    (void)state;

    assert_non_null(s);
    s->has_business_case = true;
    mlroi_quick_eval(s, &q);
    assert_int_equal(mlroi_bcase_eval(s, &q, NULL, &bc), MLROI_OK);
    assert_false(bc.present);
    mlroi_scenario_free(s);
}

static void costs_from_tco_use_one_time_then_recurring_costs(void **state)
{
    mlroi_scenario *s = test_article_scenario();
    mlroi_result r;
    mlroi_diags d = { 0 };
    (void)state;

    s->has_business_case = true;
    s->bc.costs_from = MLROI_COSTS_TCO;
    s->bc.horizon_years = 2;
    s->bc.discount_rate = 0;
    s->has_tco = true;
    s->tco.storage_gb = 1000;          /* 1,000 * 0.023 * 12 = 276 */
    s->tco.monitored_models = 2;       /* 2 * 125 * 12 = 3,000 */
    s->tco.one_time = calloc(1, sizeof *s->tco.one_time);
    assert_non_null(s->tco.one_time);
    s->tco.one_time_count = 1;
    s->tco.one_time[0].name = strdup("set-up");
    s->tco.one_time[0].amount = 50000;
    assert_int_equal(mlroi_evaluate(s, NULL, &r, &d), MLROI_OK);
    assert_true(r.bcase.present);
    /* C = 50,000, 3,276, 3,276; B = 0, 900,000, 900,000. */
    assert_close(r.bcase.adjusted.years[0].costs, 50000, 1e-12);
    assert_close(r.bcase.adjusted.years[1].costs, 3276, 1e-12);
    assert_close(r.bcase.adjusted.years[2].costs, 3276, 1e-12);
    assert_close(r.bcase.adjusted.npv, 1800000 - 50000 - 2 * 3276, 1e-12);
    mlroi_result_free(&r);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

static void costs_from_tco_without_a_tco_section_is_an_error(void **state)
{
    mlroi_scenario *s = test_article_scenario();
    mlroi_result r;
    mlroi_diags d = { 0 };
    mlroi_quick q;
    mlroi_bcase bc;
    (void)state;

    s->has_business_case = true;
    s->bc.costs_from = MLROI_COSTS_TCO;
    assert_int_equal(mlroi_evaluate(s, NULL, &r, &d), MLROI_ERR_MISSING);
    assert_non_null(mlroi_diags_first_error(&d));
    assert_string_equal(mlroi_diags_first_error(&d)->path, "business_case.costs_from");
    mlroi_result_free(&r);
    assert_int_equal(mlroi_evaluate_core(s, NULL, &r), MLROI_ERR_MISSING);
    mlroi_quick_eval(s, &q);
    assert_int_equal(mlroi_bcase_eval(s, &q, NULL, &bc), MLROI_ERR_MISSING);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(contract_defaults_are_the_ones_documented),
        cmocka_unit_test(one_year_undiscounted_case_equals_the_quick_estimate),
        cmocka_unit_test(three_year_case_with_ramp_and_risks_matches_hand_calculation),
        cmocka_unit_test(unadjusted_figures_ignore_every_risk),
        cmocka_unit_test(other_benefits_follow_benefit_risk_unless_given_their_own),
        cmocka_unit_test(cost_risk_uplifts_the_initial_investment_too),
        cmocka_unit_test(ramp_repeats_its_last_value),
        cmocka_unit_test(annual_cost_follows_the_investment_unless_given),
        cmocka_unit_test(roi_is_undefined_when_nothing_is_spent),
        cmocka_unit_test(business_case_is_absent_without_the_roi_section),
        cmocka_unit_test(costs_from_tco_use_one_time_then_recurring_costs),
        cmocka_unit_test(costs_from_tco_without_a_tco_section_is_an_error),
    };
    return cmocka_run_group_tests_name("business_case", tests, NULL, NULL);
}
