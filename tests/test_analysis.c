/* SPDX-License-Identifier: MIT */
/* Unit tests of metric lookup, sweeps, grids, tornado and break-even against hand formulas. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "mlroi/analysis.h"

/* Every scenario here builds on the article's worked example (MLOps for Decision Makers, 2025),
 * TEST_ARTICLE_ROI_JSON in testutil.h, which gives the figures by hand. */
static mlroi_scenario *load(const char *text)
{
    return test_load_scenario_text("test.json", text);
}

/* Sum of end-of-year discount factors 1/(1+r)^t for t = 1..n. */
static double annuity(double r, int n)
{
    double s = 0;
    for (int t = 1; t <= n; t++)
        s += 1.0 / pow(1.0 + r, t);
    return s;
}

/* Defaults: 3 years at 10 %, no initial cost, annual cost = investment, full benefits from
 * year 1, no risk. So NPV = (900000 + 3 (cost - 75000) - investment) * annuity(0.10, 3). */
static const char example[] =
    "{ \"format\": 1, \"name\": \"Worked example\", " TEST_ARTICLE_ROI_JSON " }";

static void metric_lookup_reads_the_articles_worked_example(void **state)
{
    mlroi_scenario *s = load(example);
    mlroi_result r;
    double v;
    (void)state;
    assert_int_equal(mlroi_evaluate_core(s, NULL, &r), MLROI_OK);
    assert_true(mlroi_metric_get(&r, "total_benefits", &v));
    assert_close(v, 900000.0, 1e-12);
    assert_true(mlroi_metric_get(&r, "net_benefit", &v));
    assert_close(v, 700000.0, 1e-12);
    assert_true(mlroi_metric_get(&r, "quick_roi_percent", &v));
    assert_close(v, 350.0, 1e-12);
    assert_true(mlroi_metric_get(&r, "npv", &v));
    assert_close(v, 700000.0 * annuity(0.10, 3), 1e-12);
    /* 3-year cost: 0 at t = 0, then 200,000 a year. */
    assert_true(mlroi_metric_get(&r, "cost_3y", &v));
    assert_close(v, 600000.0, 1e-12);
    /* A module without inputs gives an undefined value, an unknown name no value at all. */
    assert_true(mlroi_metric_get(&r, "tco_total", &v));
    assert_nan(v);
    v = 123;
    assert_false(mlroi_metric_get(&r, "no_such_metric", &v));
    assert_true(v == 123);
    assert_non_null(mlroi_metric_find("gated_level"));
    mlroi_result_free(&r);
    mlroi_scenario_free(s);
}

static void linspace_includes_both_ends_and_refuses_bad_counts(void **state)
{
    double *v = NULL;
    mlroi_diags d = { 0 };
    (void)state;
    assert_int_equal(mlroi_linspace(0, 1, 5, 100, "x", &v, &d), MLROI_OK);
    assert_true(v[0] == 0 && v[1] == 0.25 && v[2] == 0.5 && v[3] == 0.75 && v[4] == 1);
    free(v);
    assert_int_equal(mlroi_linspace(10, 4, 3, 100, "x", &v, &d), MLROI_OK);
    assert_true(v[0] == 10 && v[1] == 7 && v[2] == 4);
    free(v);
    assert_int_equal(mlroi_linspace(0, 1, 0, 100, "x", &v, &d), MLROI_ERR_RANGE);
    assert_int_equal(mlroi_linspace(0, 1, 1, 100, "x", &v, &d), MLROI_ERR_RANGE);
    assert_int_equal(mlroi_linspace(0, 1, 1000000000, MLROI_SWEEP_MAX_POINTS, "x", &v, &d),
                     MLROI_ERR_LIMIT);
    assert_int_equal(mlroi_linspace(0, INFINITY, 3, 100, "x", &v, &d), MLROI_ERR_RANGE);
    assert_null(v);
    assert_non_null(strstr(d.items[0].message, "at least 2 points"));
    mlroi_diags_free(&d);
}

static void sweep_of_a_linear_input_gives_exactly_linear_npvs(void **state)
{
    mlroi_scenario *s = load(example);
    mlroi_sweep *sw = NULL;
    mlroi_diags d = { 0 };
    double *values = NULL;
    const double a = annuity(0.10, 3);
    (void)state;
    assert_int_equal(mlroi_linspace(25000, 150000, 6, 100, "c", &values, &d), MLROI_OK);
    assert_int_equal(mlroi_sweep_run(s, NULL, "roi.avg_incident_cost", values, 6, "total_benefits",
                                     &sw, &d), MLROI_OK);
    assert_int_equal(sw->count, 6);
    assert_string_equal(sw->param, "roi.avg_incident_cost");
    for (size_t i = 0; i < 6; i++) {
        /* c = 25,000 + 25,000 i; benefits 675,000 + 4 * 0.75 * c; NPV (benefits - 200,000) a. */
        double c = 25000.0 + 25000.0 * (double)i;
        assert_true(sw->rows[i].value == c);
        assert_close(sw->rows[i].metric, 675000.0 + 3.0 * c, 1e-13);
        assert_close(sw->rows[i].npv, (475000.0 + 3.0 * c) * a, 1e-12);
        assert_close(sw->rows[i].roi_percent, (475000.0 + 3.0 * c) / 200000.0 * 100.0, 1e-12);
        if (i >= 2) {
            double second = sw->rows[i].npv - 2 * sw->rows[i - 1].npv + sw->rows[i - 2].npv;
            assert_true(fabs(second) <= 1e-9 * sw->rows[i].npv);
        }
    }
    /* The scenario is as it was. */
    assert_true(s->roi.avg_incident_cost == 75000.0);
    mlroi_sweep_free(sw);
    free(values);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

static void sweep_checks_every_value_before_evaluating(void **state)
{
    mlroi_scenario *s = load(example);
    mlroi_sweep *sw = NULL;
    mlroi_diags d = { 0 };
    const double fractions[] = { 0.5, 1.5 };
    const double horizons[] = { 2, 2.5 };
    const double fine[] = { 1 };
    (void)state;
    assert_int_equal(mlroi_sweep_run(s, NULL, "roi.incident_reduction", fractions, 2, NULL, &sw, &d),
                     MLROI_ERR_RANGE);
    assert_null(sw);
    assert_string_equal(d.items[0].path, "roi.incident_reduction");
    assert_true(s->roi.incident_reduction == 0.75);
    assert_int_equal(mlroi_sweep_run(s, NULL, "business_case.horizon_years", horizons, 2, NULL,
                                     &sw, &d), MLROI_ERR_RANGE);
    assert_int_equal(mlroi_sweep_run(s, NULL, "roi.no_such_input", fine, 1, NULL, &sw, &d),
                     MLROI_ERR_UNKNOWN_KEY);
    assert_int_equal(mlroi_sweep_run(s, NULL, "team.data_scientists", fine, 1, NULL, &sw, &d),
                     MLROI_ERR_MISSING);   /* no team section: sweeping it would change nothing */
    assert_int_equal(mlroi_sweep_run(s, NULL, "roi.team_size", fine, 1, "bogus", &sw, &d),
                     MLROI_ERR_INVALID);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

static void breakeven_of_investment_matches_the_closed_form(void **state)
{
    static const char text[] = "{ \"format\": 1, " TEST_ARTICLE_ROI_JSON ", \"business_case\": {"
        " \"horizon_years\": 3, \"discount_rate\": 0.1, \"initial_investment\": 50000,"
        " \"benefit_ramp\": [0.5, 1.0], \"benefit_risk\": 0.2, \"cost_risk\": 0.1 } }";
    mlroi_scenario *s = load(text);
    mlroi_breakeven be;
    mlroi_diags d = { 0 };
    double d1 = 1 / 1.1, d2 = 1 / 1.21, d3 = 1 / 1.331;
    /* Closed form. With annual_cost following the investment I, costs are C0 = 50,000 * 1.1
     * at t = 0 and I * 1.1 in years 1..3; benefits 900,000 * (1 - 0.2) * ramp_t. So
     *   NPV(I) = PVB - 55,000 - 1.1 I (d1 + d2 + d3),  PVB = 720,000 (0.5 d1 + d2 + d3)
     *   NPV = 0  <=>  I* = (PVB - 55,000) / (1.1 (d1 + d2 + d3))  (about 514,802.25). */
    double pvb = 720000.0 * (0.5 * d1 + d2 + d3);
    double expected = (pvb - 55000.0) / (1.1 * (d1 + d2 + d3));
    (void)state;
    assert_int_equal(mlroi_breakeven_run(s, NULL, "roi.mlops_investment", "npv", 0.0, &be, &d),
                     MLROI_OK);
    assert_string_equal(be.reason, "");
    assert_close(be.value, expected, 1e-9);
    assert_true(fabs(be.metric_at_value) < 1e-6 * 1e6);
    assert_true(be.base_value == 200000.0);
    assert_true(s->roi.mlops_investment == 200000.0);   /* restored */
    /* Another target: NPV 1,000,000 at I = (PVB - 55,000 - 1e6) / (1.1 sum d). */
    assert_int_equal(mlroi_breakeven_run(s, NULL, "roi.mlops_investment", "npv", 1e6, &be, &d),
                     MLROI_OK);
    assert_close(be.value, (pvb - 55000.0 - 1e6) / (1.1 * (d1 + d2 + d3)), 1e-9);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

static void breakeven_without_a_crossing_is_null_with_a_reason(void **state)
{
    mlroi_scenario *s = load(example);
    mlroi_breakeven be;
    mlroi_diags d = { 0 };
    (void)state;
    /* Even a 100 % incident reduction adds only 300,000 a year: NPV never reaches 1e9. */
    assert_int_equal(mlroi_breakeven_run(s, NULL, "roi.incident_reduction", "npv", 1e9, &be, &d),
                     MLROI_OK);
    assert_nan(be.value);
    assert_non_null(strstr(be.reason, "stays below"));
    assert_true(s->roi.incident_reduction == 0.75);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

static void breakeven_of_a_whole_number_input_is_the_first_whole_value(void **state)
{
    static const char text[] = "{ \"format\": 1, " TEST_ARTICLE_ROI_JSON ", \"business_case\": {"
        " \"horizon_years\": 3, \"initial_investment\": 2000000 } }";
    mlroi_scenario *s = load(text);
    mlroi_breakeven be;
    mlroi_diags d = { 0 };
    (void)state;
    /* NPV(N) = -2,000,000 + 700,000 * annuity(0.1, N): annuity(3) = 2.487 is short of
     * 2e6 / 7e5 = 2.857, annuity(4) = 3.170 passes it, so N = 4. */
    assert_true(700000.0 * annuity(0.1, 3) < 2e6 && 700000.0 * annuity(0.1, 4) > 2e6);
    assert_int_equal(mlroi_breakeven_run(s, NULL, "business_case.horizon_years", "npv", 0, &be, &d),
                     MLROI_OK);
    assert_true(be.value == 4.0);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

static void grid_rows_follow_y_and_columns_follow_x(void **state)
{
    mlroi_scenario *s = load(example);
    mlroi_axis x, y;
    mlroi_grid *g = NULL;
    mlroi_diags d = { 0 };
    (void)state;
    assert_int_equal(mlroi_axis_parse("roi.avg_incident_cost:50000:100000:3", "--x", &x, &d),
                     MLROI_OK);
    assert_int_equal(mlroi_axis_parse("business_case.discount_rate:0.05:0.15:3", "--y", &y, &d),
                     MLROI_OK);
    assert_int_equal(mlroi_grid_run(s, NULL, "npv", &x, &y, 1, &g, &d), MLROI_OK);
    assert_null(x.values);   /* moved into the grid */
    assert_int_equal(g->x.count, 3);
    assert_int_equal(g->y.count, 3);
    for (size_t i = 0; i < 3; i++)
        for (size_t j = 0; j < 3; j++) {
            double c = 50000.0 + 25000.0 * (double)j, r = 0.05 + 0.05 * (double)i;
            assert_close(g->matrix[i * 3 + j], (475000.0 + 3.0 * c) * annuity(r, 3), 1e-12);
        }
    assert_true(s->roi.avg_incident_cost == 75000.0 && s->bc.discount_rate == 0.10);
    mlroi_grid_free(g);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

static void grid_is_identical_with_one_and_two_threads(void **state)
{
    mlroi_scenario *s = load(example);
    mlroi_grid *g1 = NULL, *g2 = NULL;
    mlroi_diags d = { 0 };
    (void)state;
    for (int t = 1; t <= 2; t++) {
        mlroi_axis x, y;
        assert_int_equal(mlroi_axis_parse("roi.models_per_year:2:12:80", "--x", &x, &d), MLROI_OK);
        assert_int_equal(mlroi_axis_parse("business_case.horizon_years:1:30:30", "--y", &y, &d),
                         MLROI_OK);
        assert_int_equal(mlroi_grid_run(s, NULL, "irr", &x, &y, t, t == 1 ? &g1 : &g2, &d),
                         MLROI_OK);
    }
    assert_memory_equal(g1->matrix, g2->matrix, 80 * 30 * sizeof(double));
    mlroi_grid_free(g1);
    mlroi_grid_free(g2);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

static void grid_axis_and_size_limits_are_clear_errors(void **state)
{
    mlroi_scenario *s = load(example);
    mlroi_axis x, y;
    mlroi_grid *g = NULL;
    mlroi_diags d = { 0 };
    (void)state;
    assert_int_equal(mlroi_axis_parse("roi.team_size:1:2", "--x", &x, &d), MLROI_ERR_SYNTAX);
    assert_int_equal(mlroi_axis_parse("roi.team_size:a:2:3", "--x", &x, &d), MLROI_ERR_SYNTAX);
    assert_int_equal(mlroi_axis_parse("roi.team_size:1:2:1.5", "--x", &x, &d), MLROI_ERR_SYNTAX);
    assert_int_equal(mlroi_axis_parse(":1:2:3", "--x", &x, &d), MLROI_ERR_SYNTAX);
    assert_int_equal(mlroi_axis_parse("roi.team_size:1:2:1", "--x", &x, &d), MLROI_ERR_RANGE);
    assert_int_equal(mlroi_axis_parse("roi.team_size:1:2:99999999", "--x", &x, &d), MLROI_ERR_LIMIT);
    /* 5000 x 5000 = 25 million cells, beyond the 4 million limit. */
    assert_int_equal(mlroi_axis_parse("roi.team_size:1:9:5000", "--x", &x, &d), MLROI_OK);
    assert_int_equal(mlroi_axis_parse("roi.avg_salary:1:9:5000", "--y", &y, &d), MLROI_OK);
    assert_int_equal(mlroi_grid_run(s, NULL, "npv", &x, &y, 1, &g, &d), MLROI_ERR_LIMIT);
    assert_null(g);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

static void tornado_bars_are_sorted_by_hand_computed_swings(void **state)
{
    mlroi_scenario *s = load(example);
    mlroi_tornado *t = NULL;
    mlroi_diags d = { 0 };
    const char *params[] = { "roi.mlops_investment", "roi.avg_incident_cost" };
    mlroi_tornado_options o = { "npv", 0.2, params, 2 };
    const double a = annuity(0.10, 3);
    (void)state;
    assert_int_equal(mlroi_tornado_run(s, NULL, &o, &t, &d), MLROI_OK);
    assert_int_equal(t->count, 2);
    assert_close(t->base, 700000.0 * a, 1e-12);
    /* Incident cost 60,000..90,000 moves benefits by 3 * 30,000 a year: swing 90,000 a;
     * investment 160,000..240,000 moves costs by 80,000 a year: swing 80,000 a. */
    assert_string_equal(t->bars[0].param, "roi.avg_incident_cost");
    assert_true(t->bars[0].low_value == 60000.0 && t->bars[0].high_value == 90000.0);
    assert_close(t->bars[0].swing, 90000.0 * a, 1e-9);
    assert_close(t->bars[0].low, (700000.0 - 45000.0) * a, 1e-12);
    assert_string_equal(t->bars[1].param, "roi.mlops_investment");
    assert_close(t->bars[1].swing, 80000.0 * a, 1e-9);
    assert_close(t->bars[1].low, (700000.0 + 40000.0) * a, 1e-12);   /* cheaper: higher NPV */
    assert_true(s->roi.mlops_investment == 200000.0);
    mlroi_tornado_free(t);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

static void tornado_takes_ranges_and_defaults_from_the_scenario(void **state)
{
    static const char ranged[] = "{ \"format\": 1, " TEST_ARTICLE_ROI_JSON ","
        " \"analysis\": { \"tornado\":"
        " { \"roi.avg_salary\": [80000, 100000] } } }";
    mlroi_scenario *s = load(ranged);
    mlroi_tornado *t = NULL;
    mlroi_diags d = { 0 };
    mlroi_tornado_options o = { NULL, NAN, NULL, 0 };
    (void)state;
    assert_int_equal(mlroi_tornado_run(s, NULL, &o, &t, &d), MLROI_OK);
    assert_int_equal(t->count, 1);
    assert_true(t->bars[0].from_scenario);
    assert_true(t->bars[0].low_value == 80000.0 && t->bars[0].high_value == 100000.0);
    /* Salary enters as 13 weeks * 5 people / 52 * 6 models = 7.5 per unit of salary a year. */
    assert_close(t->bars[0].swing, 7.5 * 20000.0 * annuity(0.10, 3), 1e-9);
    mlroi_tornado_free(t);
    mlroi_scenario_free(s);

    /* Without ranges: every input the scenario sets (the nine roi inputs), each +/- 20 %. */
    s = load(example);
    assert_int_equal(mlroi_tornado_run(s, NULL, &o, &t, &d), MLROI_OK);
    assert_int_equal(t->count, 9);
    assert_true(t->swing_fraction == 0.2);
    for (size_t i = 1; i < t->count; i++)
        assert_true(t->bars[i - 1].swing >= t->bars[i].swing);
    mlroi_tornado_free(t);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

/* Horizon, discount rate and discounting are how the case is measured: never bars, but a
 * group of their own, each figure from the article's 700,000 a year (NPV = 700,000 A). */
static void tornado_keeps_the_modelling_choices_apart(void **state)
{
    static const char text[] = "{ \"format\": 1, \"name\": \"Worked example\", "
        TEST_ARTICLE_ROI_JSON ", \"business_case\": { \"horizon_years\": 3, "
        "\"discount_rate\": 0.1 } }";
    mlroi_scenario *s = load(text);
    mlroi_tornado *t = NULL;
    mlroi_diags d = { 0 };
    mlroi_tornado_options o = { NULL, NAN, NULL, 0 };
    const char *params[] = { "business_case.discount_rate", "roi.avg_incident_cost" };
    (void)state;
    assert_int_equal(mlroi_tornado_run(s, NULL, &o, &t, &d), MLROI_OK);
    /* The nine roi inputs are the bars; the two business_case keys the scenario sets are not. */
    assert_int_equal(t->count, 9);
    for (size_t i = 0; i < t->count; i++)
        assert_null(strstr(t->bars[i].param, "business_case."));
    assert_int_equal(t->choice_count, 3);
    /* 3 years +/- 20 % = 2.4 .. 3.6, whole years rounded outwards: 2 and 4. */
    assert_string_equal(t->choices[0].param, "business_case.horizon_years");
    assert_true(t->choices[0].low_value == 2 && t->choices[0].high_value == 4);
    assert_close(t->choices[0].low, 700000.0 * annuity(0.10, 2), 1e-12);
    assert_close(t->choices[0].high, 700000.0 * annuity(0.10, 4), 1e-12);
    /* 10 % +/- 20 % = 8 % .. 12 %. */
    assert_string_equal(t->choices[1].param, "business_case.discount_rate");
    assert_close(t->choices[1].low_value, 0.08, 1e-15);
    assert_close(t->choices[1].low, 700000.0 * annuity(0.08, 3), 1e-12);
    assert_close(t->choices[1].high, 700000.0 * annuity(0.12, 3), 1e-12);
    /* Mid-year discounting brings each year's flow half a year nearer: A x 1.1^0.5. */
    assert_string_equal(t->choices[2].param, "business_case.discounting");
    assert_string_equal(t->choices[2].low_text, "end");
    assert_string_equal(t->choices[2].high_text, "mid");
    assert_close(t->choices[2].low, 700000.0 * annuity(0.10, 3), 1e-12);
    assert_close(t->choices[2].high, 700000.0 * annuity(0.10, 3) * sqrt(1.1), 1e-12);
    assert_close(t->choices[2].swing, 700000.0 * annuity(0.10, 3) * (sqrt(1.1) - 1), 1e-9);
    /* The scenario is left as it was. */
    assert_true(s->bc.horizon_years == 3 && s->bc.discount_rate == 0.1 &&
                s->bc.discounting == MLROI_DISC_END);
    mlroi_tornado_free(t);

    /* Listed with --params, a choice still goes to the group, and only the listed ones. */
    o.params = params;
    o.param_count = 2;
    assert_int_equal(mlroi_tornado_run(s, NULL, &o, &t, &d), MLROI_OK);
    assert_int_equal(t->count, 1);
    assert_string_equal(t->bars[0].param, "roi.avg_incident_cost");
    assert_int_equal(t->choice_count, 1);
    assert_string_equal(t->choices[0].param, "business_case.discount_rate");
    mlroi_tornado_free(t);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

/* A year's net is deployment savings 675,000 + incidents 4 x r x c - investment 200,000. With
 * the incident reduction r set to 0.8 it is 475,000 + 3.2 c, linear in the incident cost c:
 * at c = 75,000 x (1 + f), NPV = (715,000 + 240,000 f) A, a straight spider line. In r it is
 * 475,000 + 300,000 r: at +20 % (0.96) the NPV is 763,000 A; at +30 % r would be 1.04, past
 * its allowed 1, so that point is left out. */
static void tornado_spider_of_a_linear_input_is_a_straight_line(void **state)
{
    mlroi_scenario *s = load(example);
    mlroi_tornado *t = NULL;
    mlroi_diags d = { 0 };
    const char *params[] = { "roi.avg_incident_cost", "roi.incident_reduction" };
    mlroi_tornado_options o = { "npv", 0.2, params, 2 };
    const double a = annuity(0.10, 3);
    const mlroi_tornado_bar *cost, *red;
    (void)state;
    s->roi.incident_reduction = 0.8;
    assert_int_equal(mlroi_tornado_run(s, NULL, &o, &t, &d), MLROI_OK);
    assert_int_equal(t->count, 2);
    cost = strcmp(t->bars[0].param, "roi.avg_incident_cost") == 0 ? &t->bars[0] : &t->bars[1];
    red = cost == &t->bars[0] ? &t->bars[1] : &t->bars[0];
    for (int k = 0; k < MLROI_SPIDER_POINTS; k++) {
        double f = -0.3 + 0.1 * k;
        assert_close(mlroi_spider_steps[k], f, 1e-15);
        assert_close(cost->spider_value[k], 75000.0 * (1 + f), 1e-12);
        assert_close(cost->spider[k], (715000.0 + 240000.0 * f) * a, 1e-12);
    }
    /* Equal steps, equal rises: the line is straight. */
    for (int k = 2; k < MLROI_SPIDER_POINTS; k++)
        assert_close(cost->spider[k] - cost->spider[k - 1], cost->spider[1] - cost->spider[0],
                     1e-9);
    assert_close(red->spider[3], 715000.0 * a, 1e-12);
    assert_close(red->spider[5], 763000.0 * a, 1e-12);
    assert_close(red->spider_value[6], 1.04, 1e-12);
    assert_nan(red->spider[6]);
    mlroi_tornado_free(t);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

static void tornado_rejects_a_scenario_range_outside_the_allowed_one(void **state)
{
    static const char ranged[] = "{ \"format\": 1, " TEST_ARTICLE_ROI_JSON ","
        " \"analysis\": { \"tornado\":"
        " { \"roi.incident_reduction\": [0.5, 1.2] } } }";
    mlroi_scenario *s = load(ranged);
    mlroi_tornado *t = NULL;
    mlroi_diags d = { 0 };
    (void)state;
    assert_int_equal(mlroi_tornado_run(s, NULL, NULL, &t, &d), MLROI_ERR_RANGE);
    assert_string_equal(d.items[0].path, "analysis.tornado.roi.incident_reduction");
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

static bool is_unadjusted(int m)
{
    return m == MLROI_M_UNADJUSTED_NPV || m == MLROI_M_UNADJUSTED_ROI_PERCENT;
}

/* Re-evaluates a case with a benefit haircut (so adjusted and unadjusted differ) at 20 salaries
 * and compares every metric the evaluator promises with the full engine's, bit for bit: all of
 * them when WITH_UNADJUSTED, else all but the unadjusted ones, which the fast path then skips. */
static void check_fast_path(bool with_unadjusted)
{
    static const char text[] = "{ \"format\": 1, " TEST_ARTICLE_ROI_JSON ", \"business_case\": {"
        " \"initial_investment\": 50000, \"benefit_ramp\": [0.5, 1.0], \"benefit_risk\": 0.2 },"
        " \"tco\": { \"workloads\": [ { \"name\": \"w\", \"kind\": \"training\","
        " \"hourly_rate\": 2, \"hours_per_month\": 100 } ] } }";
    mlroi_scenario *s = load(text);
    const char *paths[] = { "roi.avg_salary" };
    const mlroi_metric_id ids[] = { MLROI_M_NPV, MLROI_M_IRR, MLROI_M_PAYBACK_MONTHS,
                                    MLROI_M_UNADJUSTED_NPV };
    mlroi_evaluator ev;
    mlroi_result fast, full;
    mlroi_diags d = { 0 };

    assert_int_equal(mlroi_evaluator_init(&ev, s, NULL, paths, 1, ids, with_unadjusted ? 4 : 3,
                                          &fast, &d), MLROI_OK);
    assert_true(ev.fast);
    for (int k = 0; k < 20; k++) {
        s->roi.avg_salary = 20000.0 + 9000.0 * k;
        assert_int_equal(mlroi_evaluator_run(&ev, &fast), MLROI_OK);
        assert_int_equal(mlroi_evaluate_core(s, NULL, &full), MLROI_OK);
        for (int m = 0; m < MLROI_M_COUNT; m++) {
            double a = mlroi_metric_value(&fast, (mlroi_metric_id)m);
            double b = mlroi_metric_value(&full, (mlroi_metric_id)m);
            if (!with_unadjusted && is_unadjusted(m))
                continue;
            assert_true((isnan(a) && isnan(b)) || a == b);
        }
        for (int t = 0; t <= MLROI_MAX_YEARS; t++)
            assert_true(fast.bcase.adjusted.years[t].net == full.bcase.adjusted.years[t].net);
        mlroi_result_free(&full);
    }
    mlroi_result_free(&fast);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

/* Cases that Monte Carlo runs in batches: every legacy key that shapes the flows (ramp,
 * risks, initial investment, an annual cost or none, other benefits with and without their
 * own haircut, mid-year discounting, a negative rate, 1 to 50 years, the TCO's costs), and
 * lines drawing on the quick estimate. */
static const char *const batch_cases[] = {
    "\"business_case\": { \"initial_investment\": 50000, \"benefit_ramp\": [0.5, 1.0],"
    " \"benefit_risk\": 0.2, \"cost_risk\": 0.1 }",
    "\"business_case\": { \"horizon_years\": 50, \"discount_rate\": 0.07, \"discounting\": \"mid\","
    " \"annual_cost\": 120000, \"benefit_ramp\": [0.2, 0.6, 0.9], \"benefit_risk\": 0.3,"
    " \"other_benefits\": [ { \"name\": \"a\", \"annual\": 40000 },"
    " { \"name\": \"b\", \"annual\": 15000, \"risk\": 0.5 } ] }",
    "\"business_case\": { \"horizon_years\": 1, \"discount_rate\": -0.5 }",
    "\"business_case\": { \"horizon_years\": 20, \"discount_rate\": 0, \"cost_risk\": 0.4 }",
    "\"business_case\": { \"horizon_years\": 5, \"costs_from\": \"tco\", \"benefit_risk\": 0.1 },"
    " \"tco\": { \"storage_gb\": 1000, \"monitored_models\": 2, \"one_time\": ["
    " { \"name\": \"set-up\", \"amount\": 50000 } ] }",
    "",   /* no business_case section: every default */
    /* two and four years: with one, three and five above, each horizon the batches are
     * compiled for apart (mlroi_bcase_batch_quick, irr_group), and 20 and 50 beyond them */
    "\"business_case\": { \"horizon_years\": 2, \"discount_rate\": 0.15, \"benefit_ramp\": [1.0] }",
    "\"business_case\": { \"horizon_years\": 4, \"discounting\": \"mid\", \"annual_cost\": 90000 }",
    /* Lines on the quick estimate's figures, simple and not (escalation, scale, a start), with
     * lines of their own amounts beside them. */
    "\"business_case\": { \"horizon_years\": 6, \"discounting\": \"mid\", \"lines\": ["
    " { \"name\": \"b\", \"kind\": \"benefit\", \"from\": \"quick.total_benefits\","
    " \"ramp\": [0.5, 1.0], \"risk\": 0.2 },"
    " { \"name\": \"d\", \"kind\": \"benefit\", \"from\": \"quick.deployment_savings\","
    " \"scale\": 0.15, \"escalation\": 0.03, \"start\": 2 },"
    " { \"name\": \"c\", \"kind\": \"cost\", \"from\": \"quick.investment\", \"risk\": 0.1 },"
    " { \"name\": \"setup\", \"kind\": \"cost\", \"amount\": 80000, \"year\": 0 },"
    " { \"name\": \"v\", \"kind\": \"benefit\", \"values\": [0, -20000, 30000] } ] }",
    "\"business_case\": { \"horizon_years\": 2, \"lines\": ["
    " { \"name\": \"i\", \"kind\": \"benefit\", \"from\": \"quick.incident_savings\" },"
    " { \"name\": \"lic\", \"kind\": \"cost\", \"annual\": 20000, \"start\": 0 } ] }",
};

static const char *const batch_paths[] = {
    "roi.team_size", "roi.avg_salary", "roi.models_per_year", "roi.current_time_to_prod_weeks",
    "roi.mlops_time_to_prod_weeks", "roi.model_incidents_per_year", "roi.avg_incident_cost",
    "roi.incident_reduction", "roi.mlops_investment",
};
#define BATCH_INPUTS (sizeof batch_paths / sizeof batch_paths[0])
#define BATCH_RUNS 200

/* Run k's inputs: spread over and beyond the usual ranges (savings below zero, no investment,
 * no incident reduction); a deterministic generator, so a failure repeats. */
static void batch_values(unsigned long long *state, double *values)
{
    static const double lo[BATCH_INPUTS] = { 0, 20000, 0, 0, 0, 0, 0, 0, 0 };
    static const double hi[BATCH_INPUTS] = { 40, 300000, 60, 52, 60, 30, 900000, 1, 3e6 };
    for (size_t k = 0; k < BATCH_RUNS; k++)
        for (size_t j = 0; j < BATCH_INPUTS; j++) {
            double u;
            *state = *state * 6364136223846793005ull + 1442695040888963407ull;
            u = (double)(*state >> 11) * 0x1p-53;
            values[j * BATCH_RUNS + k] = k % 17 == 3 && j == 8 ? 0.0 : lo[j] + (hi[j] - lo[j]) * u;
        }
}

/* Check every run of one batch against mlroi_evaluator_run, bit for bit; BAD is the run the
 * batch must stop at (BATCH_RUNS: none). */
static void check_batch(mlroi_evaluator *ev, mlroi_result *r,
                        double *const *slots, const double *values, size_t bad)
{
    double npv[BATCH_RUNS], roi[BATCH_RUNS], payback[BATCH_RUNS], irr[BATCH_RUNS];
    static double nets[BATCH_RUNS * (MLROI_MAX_YEARS + 1)];
    bool present[BATCH_RUNS];
    int horizon[BATCH_RUNS];
    size_t got = mlroi_evaluator_run_many(ev, slots, BATCH_INPUTS, values, BATCH_RUNS,
                                          BATCH_RUNS, npv, roi, payback, present, nets,
                                          MLROI_MAX_YEARS + 1);
    assert_int_equal(got, bad);
    for (size_t k = 0; k < got; k++) {
        horizon[k] = present[k] ? ev->cases.n : 0;
        if (!present[k])
            nets[k * (MLROI_MAX_YEARS + 1)] = 0;
    }
    mlroi_irr_many(nets, MLROI_MAX_YEARS + 1, horizon, got, irr);
    for (size_t k = 0; k <= got && k < BATCH_RUNS; k++) {
        mlroi_error err;
        for (size_t j = 0; j < BATCH_INPUTS; j++)
            *slots[j] = values[j * BATCH_RUNS + k];
        err = mlroi_evaluator_run(ev, r);
        if (k == got) {   /* the run the batch stopped at fails alone too */
            assert_int_equal(err, MLROI_ERR_NUMERIC);
            break;
        }
        assert_int_equal(err, MLROI_OK);
        assert_int_equal(present[k], r->bcase.present);
        if (!present[k]) {
            assert_true(isnan(npv[k]) && isnan(roi[k]) && isnan(payback[k]));
            continue;
        }
        assert_memory_equal(&npv[k], &r->bcase.adjusted.npv, sizeof(double));
        assert_memory_equal(&roi[k], &r->bcase.adjusted.roi_percent, sizeof(double));
        assert_memory_equal(&payback[k], &r->bcase.adjusted.payback_months, sizeof(double));
        assert_memory_equal(&irr[k], &r->bcase.adjusted.irr, sizeof(double));
        for (int t = 0; t <= ev->cases.n; t++)
            assert_memory_equal(&nets[k * (MLROI_MAX_YEARS + 1) + (size_t)t],
                                &r->bcase.adjusted.years[t].net, sizeof(double));
    }
}

static void batched_runs_match_single_runs_bit_for_bit(void **state)
{
    static double values[BATCH_INPUTS * BATCH_RUNS];
    static const mlroi_metric_id ids[] = { MLROI_M_NPV, MLROI_M_ROI_PERCENT,
                                           MLROI_M_PAYBACK_MONTHS, MLROI_M_IRR };
    unsigned long long seed = 12345;
    (void)state;

    for (size_t c = 0; c < sizeof batch_cases / sizeof batch_cases[0]; c++) {
        char text[1024];
        mlroi_scenario *s;
        mlroi_evaluator ev;
        mlroi_result r;
        mlroi_diags d = { 0 };
        double *slots[BATCH_INPUTS];

        snprintf(text, sizeof text, "{ \"format\": 1, %s%s%s }", TEST_ARTICLE_ROI_JSON,
                 *batch_cases[c] ? ", " : "", batch_cases[c]);
        s = load(text);
        for (size_t j = 0; j < BATCH_INPUTS; j++) {
            mlroi_binding b;
            assert_int_equal(mlroi_analysis_bind(s, batch_paths[j], &b, &d), MLROI_OK);
            slots[j] = b.value;
        }
        assert_int_equal(mlroi_evaluator_init(&ev, s, NULL, batch_paths, BATCH_INPUTS, ids, 4,
                                              &r, &d), MLROI_OK);
        assert_true(ev.batch);
        for (int round = 0; round < 5; round++) {
            batch_values(&seed, values);
            check_batch(&ev, &r, slots, values, BATCH_RUNS);
        }
        /* Figures too large to represent: the quick estimate's ROI (incident cost 1e300) at
         * run 50; then at run 70 benefits of 1.5e308 a year, whose ROI a huge investment keeps
         * finite, but not the case's sums over the years. */
        batch_values(&seed, values);
        values[6 * BATCH_RUNS + 50] = 1e300;
        values[5 * BATCH_RUNS + 50] = 1e300;
        check_batch(&ev, &r, slots, values, 50);
        batch_values(&seed, values);
        values[6 * BATCH_RUNS + 70] = 1.5e308;
        values[5 * BATCH_RUNS + 70] = 1;
        values[7 * BATCH_RUNS + 70] = 1;
        values[8 * BATCH_RUNS + 70] = 1e300;
        check_batch(&ev, &r, slots, values, 70);
        mlroi_result_free(&r);
        mlroi_diags_free(&d);
        mlroi_scenario_free(s);
    }
}

/* mlroi_bcase_batch_quick itself, on every case without lines: all nine roi inputs moving or
 * only some (the others read from the scenario), an odd number of runs (the last lanes
 * padded), each run against mlroi_evaluator_run bit for bit; figures too large give 0. */
static void quick_batch_matches_single_runs_with_inputs_fixed_or_moving(void **state)
{
    static const int subsets[][BATCH_INPUTS + 1] = {
        /* field numbers (mlroi_roi_inputs' order), -1 ends */
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, -1 },
        { 1, 7, -1 },                 /* neither time nor the investment */
        { 8, -1 },                    /* only the investment, which is also the annual cost */
        { 6, 7, 4, 1, 2, -1 },        /* Monte Carlo's benchmark case, in another order */
    };
    static const mlroi_metric_id ids[] = { MLROI_M_NPV, MLROI_M_ROI_PERCENT,
                                           MLROI_M_PAYBACK_MONTHS, MLROI_M_IRR };
    static double values[BATCH_INPUTS * BATCH_RUNS];
    static double nets[BATCH_RUNS * (MLROI_MAX_YEARS + 1)];
    const size_t count = BATCH_RUNS - 1, stride = MLROI_MAX_YEARS + 1;
    unsigned long long seed = 777;
    size_t cases_run = 0;
    (void)state;

    for (size_t c = 0; c < sizeof batch_cases / sizeof batch_cases[0]; c++) {
        if (strstr(batch_cases[c], "\"lines\"") != NULL)
            continue;
        for (size_t u = 0; u < sizeof subsets / sizeof subsets[0]; u++) {
            char text[1024];
            const char *paths[BATCH_INPUTS];
            double *slots[BATCH_INPUTS];
            const double *cols[MLROI_ROI_FIELDS] = { NULL };
            double npv[BATCH_RUNS], roi[BATCH_RUNS], payback[BATCH_RUNS];
            bool present[BATCH_RUNS];
            size_t inputs = 0;
            mlroi_scenario *s;
            mlroi_evaluator ev;
            mlroi_result r;
            mlroi_diags d = { 0 };

            snprintf(text, sizeof text, "{ \"format\": 1, %s%s%s }", TEST_ARTICLE_ROI_JSON,
                     *batch_cases[c] ? ", " : "", batch_cases[c]);
            s = load(text);
            for (; subsets[u][inputs] >= 0; inputs++) {
                mlroi_binding b;
                int f = subsets[u][inputs];
                paths[inputs] = batch_paths[f];
                assert_int_equal(mlroi_analysis_bind(s, paths[inputs], &b, &d), MLROI_OK);
                slots[inputs] = b.value;
                cols[f] = values + (size_t)f * BATCH_RUNS;
            }
            assert_int_equal(mlroi_evaluator_init(&ev, s, NULL, paths, inputs, ids, 4, &r, &d),
                             MLROI_OK);
            assert_true(ev.batch);
            batch_values(&seed, values);
            assert_int_equal(mlroi_bcase_batch_quick(&ev.cases, cols, count, npv, roi, payback,
                                                     present, nets, stride), count);
            for (size_t k = 0; k < count; k++) {
                for (size_t j = 0; j < inputs; j++)
                    *slots[j] = values[(size_t)subsets[u][j] * BATCH_RUNS + k];
                assert_int_equal(mlroi_evaluator_run(&ev, &r), MLROI_OK);
                assert_true(present[k] && r.bcase.present);
                assert_memory_equal(&npv[k], &r.bcase.adjusted.npv, sizeof(double));
                assert_memory_equal(&roi[k], &r.bcase.adjusted.roi_percent, sizeof(double));
                assert_memory_equal(&payback[k], &r.bcase.adjusted.payback_months,
                                    sizeof(double));
                for (int t = 0; t <= ev.cases.n; t++)
                    assert_memory_equal(&nets[k * stride + (size_t)t],
                                        &r.bcase.adjusted.years[t].net, sizeof(double));
            }
            /* one run's incident cost beyond any budget: its figures overflow */
            if (cols[6] != NULL) {
                values[6 * BATCH_RUNS + count - 1] = 1e308;
                values[5 * BATCH_RUNS + count - 1] = 1e300;
                assert_int_equal(mlroi_bcase_batch_quick(&ev.cases, cols, count, npv, roi,
                                                         payback, present, nets, stride), 0);
            }
            cases_run++;
            mlroi_result_free(&r);
            mlroi_diags_free(&d);
            mlroi_scenario_free(s);
        }
    }
    assert_int_equal(cases_run, 8 * (sizeof subsets / sizeof subsets[0]));
}

/* The batch is only taken where it gives the same figures: not when a business-case input
 * moves (a line's too), not when an unadjusted metric or one of another module is read. */
static void batches_only_where_they_apply(void **state)
{
    static const struct { const char *bc, *path; mlroi_metric_id metric; bool batch; } rows[] = {
        { "\"initial_investment\": 1", "roi.avg_salary", MLROI_M_NPV, true },
        { "\"initial_investment\": 1", "business_case.discount_rate", MLROI_M_NPV, false },
        { "\"initial_investment\": 1", "roi.avg_salary", MLROI_M_UNADJUSTED_NPV, false },
        { "\"initial_investment\": 1", "roi.avg_salary", MLROI_M_MATURITY_SCORE, false },
        { "\"lines\": [ { \"name\": \"b\", \"kind\": \"benefit\", \"from\": "
          "\"quick.total_benefits\" } ]", "roi.avg_salary", MLROI_M_NPV, true },
        { "\"lines\": [ { \"name\": \"b\", \"kind\": \"benefit\", \"from\": "
          "\"quick.total_benefits\" } ]", "business_case.lines[b].risk", MLROI_M_NPV, false },
    };
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char text[512];
        mlroi_scenario *s;
        mlroi_evaluator ev;
        mlroi_result r;
        mlroi_diags d = { 0 };
        snprintf(text, sizeof text, "{ \"format\": 1, %s, \"business_case\": { %s } }",
                 TEST_ARTICLE_ROI_JSON, rows[i].bc);
        s = load(text);
        assert_int_equal(mlroi_evaluator_init(&ev, s, NULL, &rows[i].path, 1, &rows[i].metric,
                                              1, &r, &d), MLROI_OK);
        assert_int_equal(ev.batch, rows[i].batch);
        mlroi_result_free(&r);
        mlroi_diags_free(&d);
        mlroi_scenario_free(s);
    }
}

static void fast_reevaluation_matches_the_full_engine(void **state)
{
    (void)state;
    check_fast_path(true);
    check_fast_path(false);
}

/* A shorter horizon after a longer one: the years past the new horizon must read as zero, as
 * in a fresh evaluation, not keep the longer case's figures. */
static void fast_reevaluation_clears_years_past_a_shorter_horizon(void **state)
{
    static const char text[] = "{ \"format\": 1, " TEST_ARTICLE_ROI_JSON ", \"business_case\": {"
        " \"horizon_years\": 5, \"initial_investment\": 50000 } }";
    mlroi_scenario *s = load(text);
    const char *paths[] = { "business_case.horizon_years" };
    const mlroi_metric_id ids[] = { MLROI_M_NPV };
    mlroi_evaluator ev;
    mlroi_result fast;
    mlroi_diags d = { 0 };
    (void)state;

    assert_int_equal(mlroi_evaluator_init(&ev, s, NULL, paths, 1, ids, 1, &fast, &d), MLROI_OK);
    assert_true(ev.fast);
    assert_true(fast.bcase.adjusted.years[5].net != 0);
    s->bc.horizon_years = 2;
    assert_int_equal(mlroi_evaluator_run(&ev, &fast), MLROI_OK);
    assert_int_equal(fast.bcase.adjusted.horizon, 2);
    for (int t = 3; t <= MLROI_MAX_YEARS; t++) {
        assert_true(fast.bcase.adjusted.years[t].net == 0);
        assert_true(fast.bcase.adjusted.years[t].discount_factor == 0);
    }
    mlroi_result_free(&fast);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(metric_lookup_reads_the_articles_worked_example),
        cmocka_unit_test(linspace_includes_both_ends_and_refuses_bad_counts),
        cmocka_unit_test(sweep_of_a_linear_input_gives_exactly_linear_npvs),
        cmocka_unit_test(sweep_checks_every_value_before_evaluating),
        cmocka_unit_test(breakeven_of_investment_matches_the_closed_form),
        cmocka_unit_test(breakeven_without_a_crossing_is_null_with_a_reason),
        cmocka_unit_test(breakeven_of_a_whole_number_input_is_the_first_whole_value),
        cmocka_unit_test(grid_rows_follow_y_and_columns_follow_x),
        cmocka_unit_test(grid_is_identical_with_one_and_two_threads),
        cmocka_unit_test(grid_axis_and_size_limits_are_clear_errors),
        cmocka_unit_test(tornado_bars_are_sorted_by_hand_computed_swings),
        cmocka_unit_test(tornado_keeps_the_modelling_choices_apart),
        cmocka_unit_test(tornado_spider_of_a_linear_input_is_a_straight_line),
        cmocka_unit_test(tornado_takes_ranges_and_defaults_from_the_scenario),
        cmocka_unit_test(tornado_rejects_a_scenario_range_outside_the_allowed_one),
        cmocka_unit_test(fast_reevaluation_matches_the_full_engine),
        cmocka_unit_test(fast_reevaluation_clears_years_past_a_shorter_horizon),
        cmocka_unit_test(batched_runs_match_single_runs_bit_for_bit),
        cmocka_unit_test(quick_batch_matches_single_runs_with_inputs_fixed_or_moving),
        cmocka_unit_test(batches_only_where_they_apply),
    };
    return cmocka_run_group_tests_name("analysis", tests, NULL, NULL);
}
