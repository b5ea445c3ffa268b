/* SPDX-License-Identifier: MIT */
/* Unit tests of the Monte Carlo: analytical means, percentiles and probabilities, determinism. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "mlroi/analysis.h"

/* The article's worked example (MLOps for Decision Makers, 2025); with the business case's
 * defaults (3 years at 10 %, annual cost = investment I, no initial cost, no risk):
 *   NPV = (675,000 + 3 c - I) * A,  c = avg_incident_cost,  A = sum_{t=1..3} 1.1^-t. */
#define SCENARIO(UNCERTAINTY) \
    "{ \"format\": 1, \"name\": \"MC test\", " TEST_ARTICLE_ROI_JSON ", \"uncertainty\": " \
    UNCERTAINTY " }"

static double annuity3(void)
{
    return 1 / 1.1 + 1 / 1.21 + 1 / 1.331;
}

static mlroi_scenario *load(const char *text)
{
    return test_load_scenario_text("mc.json", text);
}

static mlroi_mc_result *run(const mlroi_scenario *s, size_t samples, int method, int threads)
{
    mlroi_mc_options o = { samples, false, 0, method, 0, threads, NULL, NULL };
    mlroi_mc_result *r = NULL;
    mlroi_diags d = { 0 };
    mlroi_error err = mlroi_mc_run_scenario(s, NULL, &o, &r, &d);
    if (err != MLROI_OK)
        test_print_diags(&d);
    mlroi_diags_free(&d);
    assert_int_equal(err, MLROI_OK);
    return r;
}

static const char one_uniform[] = SCENARIO(
    "{ \"seed\": 7, \"inputs\": { \"roi.avg_incident_cost\":"
    " { \"dist\": \"uniform\", \"min\": 50000, \"max\": 100000 } } }");

/* Checked at two sizes: percentiles come from selection in place below 16,384 defined
 * values and from the bucketed search above. */
static void check_one_uniform_lhs(size_t n)
{
    mlroi_scenario *s = load(one_uniform);
    mlroi_mc_result *r = run(s, n, MLROI_MC_LHS, 2);
    const mlroi_mc_stats *npv = &r->metrics[0];
    const double a = annuity3();
    /* c ~ U(50,000, 100,000) so NPV ~ U((675,000 + 150,000 - 200,000) A, (... + 300,000 - ...) A):
     *   mean = 700,000 A, sd = 150,000 A / sqrt(12), the p-quantile = (625,000 + 150,000 p) A.
     * Latin hypercube puts exactly one sample in each 1/n of the range, so an order statistic
     * is off by at most two strata: tolerance 2 * 150,000 A / n. */
    const double tol = 2.0 * 150000.0 * a / (double)n;
    assert_int_equal(r->samples, n);
    assert_true(r->seed == 7);
    assert_string_equal(r->method_name, "lhs");
    assert_int_equal(npv->defined, n);
    assert_true(npv->undefined_share == 0.0);
    assert_true(fabs(npv->mean - 700000.0 * a) <= tol / 2);
    assert_close(npv->sd / (150000.0 * a / sqrt(12.0)), 1.0, 1e-3);
    for (int k = 0; k < MLROI_MC_PCT_COUNT; k++) {
        double p = mlroi_mc_percentiles[k] / 100.0;
        double expected = (625000.0 + 150000.0 * p) * a;
        if (!(fabs(npv->pct[k] - expected) <= tol))
            print_error("p%d = %.17g, expected %.17g +/- %g\n", mlroi_mc_percentiles[k],
                        npv->pct[k], expected, tol);
        assert_true(fabs(npv->pct[k] - expected) <= tol);
    }
    assert_true(npv->min >= 625000.0 * a && npv->min <= 625000.0 * a + tol);
    assert_true(npv->max <= 775000.0 * a && npv->max >= 775000.0 * a - tol);
    /* Every NPV is positive, every case pays back. */
    assert_true(r->p_npv_positive == 1.0);
    assert_true(r->p_payback_within_horizon == 1.0);
    /* The histogram spans min..max and counts every sample; a uniform fills the bins evenly. */
    {
        size_t total = 0;
        assert_true(r->edges[0] == npv->min && r->edges[r->bins] == npv->max);
        for (size_t k = 0; k < r->bins; k++) {
            total += r->counts[k];
            assert_true(labs((long)r->counts[k] - (long)(n / r->bins)) <= 2);
        }
        assert_int_equal(total, n);
    }
    mlroi_mc_result_free(r);
    mlroi_scenario_free(s);
}

static void one_uniform_input_gives_the_analytical_mean_and_percentiles_lhs(void **state)
{
    (void)state;
    check_one_uniform_lhs(10000);
    check_one_uniform_lhs(40000);
}

static void one_uniform_input_plain_mc_is_within_five_standard_errors(void **state)
{
    mlroi_scenario *s = load(one_uniform);
    const size_t n = 100000;
    mlroi_mc_result *r = run(s, n, MLROI_MC_PLAIN, 1);
    const mlroi_mc_stats *npv = &r->metrics[0];
    const double a = annuity3(), range = 150000.0 * a;
    (void)state;
    assert_string_equal(r->method_name, "mc");
    /* Standard error of the mean: range / sqrt(12 n); of a p-quantile of a uniform:
     * range * sqrt(p (1 - p) / n). */
    assert_true(fabs(npv->mean - 700000.0 * a) <= 5 * range / sqrt(12.0 * (double)n));
    for (int k = 0; k < MLROI_MC_PCT_COUNT; k++) {
        double p = mlroi_mc_percentiles[k] / 100.0;
        assert_true(fabs(npv->pct[k] - (625000.0 + 150000.0 * p) * a) <=
                    5 * range * sqrt(p * (1 - p) / (double)n));
    }
    mlroi_mc_result_free(r);
    mlroi_scenario_free(s);
}

static void probabilities_and_undefined_shares_match_the_closed_form(void **state)
{
    /* I ~ U(600,000, 1,000,000): NPV = (900,000 - I) A > 0 exactly when I < 900,000, so
     * P(NPV > 0) = 300,000 / 400,000 = 0.75; the cumulative net 3 (900,000 - I) ends below
     * zero (payback undefined) with probability 0.25. Every year's net has the same sign, so
     * the IRR is undefined in every sample. */
    mlroi_scenario *s = load(SCENARIO(
        "{ \"inputs\": { \"roi.mlops_investment\":"
        " { \"dist\": \"uniform\", \"min\": 600000, \"max\": 1000000 } } }"));
    mlroi_mc_result *r = run(s, 10000, MLROI_MC_LHS, 0);
    double v;
    (void)state;
    /* LHS: exactly 7,500 of the 10,000 strata lie below 900,000. */
    assert_close(r->p_npv_positive, 0.75, 1e-12);
    assert_close(r->p_payback_within_horizon, 0.75, 1e-12);
    assert_close(r->metrics[2].undefined_share, 0.25, 1e-12);
    assert_int_equal(r->metrics[2].defined, 7500);
    assert_true(r->metrics[3].undefined_share == 1.0);
    assert_nan(r->metrics[3].mean);
    assert_nan(r->metrics[3].pct[3]);
    /* Statistics by gate name. */
    assert_true(mlroi_mc_stat_get(r, "p_npv_positive", &v) && v == r->p_npv_positive);
    assert_true(mlroi_mc_stat_get(r, "npv.p10", &v) && v == r->metrics[0].pct[1]);
    assert_true(mlroi_mc_stat_get(r, "payback_months.undefined_share", &v) && v == 0.25);
    assert_true(mlroi_mc_stat_get(r, "irr.mean", &v) && isnan(v));
    assert_false(mlroi_mc_stat_get(r, "npv.p11", &v));
    assert_false(mlroi_mc_stat_get(r, "tco_total.mean", &v));
    assert_false(mlroi_mc_stat_get(r, "npv", &v));
    mlroi_mc_result_free(r);
    mlroi_scenario_free(s);
}

static const char five_inputs[] = SCENARIO(
    "{ \"samples\": 20000, \"seed\": 42, \"method\": \"lhs\", \"inputs\": {"
    " \"roi.avg_incident_cost\": { \"dist\": \"triangular\", \"min\": 40000, \"mode\": 75000, \"max\": 150000 },"
    " \"roi.incident_reduction\": { \"dist\": \"pert\", \"min\": 0.5, \"mode\": 0.75, \"max\": 0.9 },"
    " \"roi.mlops_time_to_prod_weeks\": { \"dist\": \"uniform\", \"min\": 2, \"max\": 6 },"
    " \"roi.avg_salary\": { \"dist\": \"normal\", \"mean\": 90000, \"sd\": 8000 },"
    " \"roi.models_per_year\": { \"dist\": \"lognormal\", \"p5\": 3, \"p95\": 10 } },"
    " \"correlations\": [ [\"roi.models_per_year\", \"roi.avg_incident_cost\", 0.6] ] }");

static void same_seed_gives_identical_results_with_one_and_two_threads(void **state)
{
    mlroi_scenario *s = load(five_inputs);
    mlroi_mc_result *r1 = run(s, 0, -1, 1), *r2 = run(s, 0, -1, 2), *r3 = run(s, 0, -1, 3);
    (void)state;
    assert_int_equal(r1->samples, 20000);
    for (int m = 0; m < MLROI_MC_METRICS; m++) {
        assert_memory_equal(&r1->metrics[m], &r2->metrics[m], sizeof r1->metrics[m]);
        assert_memory_equal(&r1->metrics[m], &r3->metrics[m], sizeof r1->metrics[m]);
    }
    assert_true(r1->p_npv_positive == r2->p_npv_positive);
    assert_true(r1->p_payback_within_horizon == r2->p_payback_within_horizon);
    assert_memory_equal(r1->edges, r2->edges, (r1->bins + 1) * sizeof *r1->edges);
    assert_memory_equal(r1->counts, r2->counts, r1->bins * sizeof *r1->counts);
    assert_memory_equal(r1->counts, r3->counts, r1->bins * sizeof *r1->counts);
    mlroi_mc_result_free(r1);
    mlroi_mc_result_free(r2);
    mlroi_mc_result_free(r3);
    /* Another seed draws other samples. */
    {
        mlroi_mc_options o = { 0, true, 43, -1, 0, 2, NULL, NULL };
        mlroi_mc_result *a = NULL, *b = run(s, 0, -1, 2);
        mlroi_diags d = { 0 };
        assert_int_equal(mlroi_mc_run_scenario(s, NULL, &o, &a, &d), MLROI_OK);
        assert_true(a->seed == 43);
        assert_true(a->metrics[0].mean != b->metrics[0].mean);
        mlroi_mc_result_free(a);
        mlroi_mc_result_free(b);
    }
    mlroi_scenario_free(s);
}

static void declared_rank_correlation_shows_in_the_npv_spread(void **state)
{
    /* NPV = (675,000 + 3 c - I) A with c ~ U(50,000, 100,000) and I ~ U(150,000, 250,000).
     * For uniform inputs the rank correlation equals the correlation of the values, so
     *   Var(NPV) / A^2 = 9 s_c^2 + s_I^2 - 6 rho s_c s_I,  s_c = 50,000/sqrt 12, s_I = 100,000/sqrt 12.
     * rho = 0.5 gives sd 38,188 A; independent inputs would give 52,042 A. */
    mlroi_scenario *s = load(SCENARIO(
        "{ \"inputs\": {"
        " \"roi.avg_incident_cost\": { \"dist\": \"uniform\", \"min\": 50000, \"max\": 100000 },"
        " \"roi.mlops_investment\": { \"dist\": \"uniform\", \"min\": 150000, \"max\": 250000 } },"
        " \"correlations\": [ [\"roi.avg_incident_cost\", \"roi.mlops_investment\", 0.5] ] }"));
    mlroi_mc_result *r = run(s, 50000, MLROI_MC_LHS, 2);
    const double sc = 50000.0 / sqrt(12.0), si = 100000.0 / sqrt(12.0), a = annuity3();
    const double expected = sqrt(9 * sc * sc + si * si - 6 * 0.5 * sc * si) * a;
    (void)state;
    assert_close(r->metrics[0].sd / expected, 1.0, 0.03);
    /* The means are untouched by reordering: (675,000 + 225,000 - 200,000) A. */
    assert_close(r->metrics[0].mean / (700000.0 * a), 1.0, 1e-4);
    mlroi_mc_result_free(r);
    mlroi_scenario_free(s);
}

typedef struct bad_config {
    const char *uncertainty;
    mlroi_error err;
    const char *path;
    const char *message_part;
} bad_config;

static void invalid_uncertainty_sections_name_the_key(void **state)
{
    static const bad_config cases[] = {
        { "{ \"inputs\": { \"roi.avg_salary\": { \"dist\": \"normal\", \"mean\": 90000, \"sd\": 0 } } }",
          MLROI_ERR_INVALID, "uncertainty.inputs.roi.avg_salary.sd", "greater than 0" },
        { "{ \"inputs\": { \"roi.avg_incident_cost\": { \"dist\": \"triangular\", \"min\": 1, \"mode\": 9, \"max\": 5 } } }",
          MLROI_ERR_INVALID, "uncertainty.inputs.roi.avg_incident_cost.mode", "between" },
        { "{ \"inputs\": { \"roi.models_per_year\": { \"dist\": \"lognormal\", \"p5\": 0, \"p95\": 10 } } }",
          MLROI_ERR_INVALID, "uncertainty.inputs.roi.models_per_year.p5", "greater than 0" },
        { "{ \"inputs\": { \"roi.models_per_year\": { \"dist\": \"gamma\", \"min\": 1 } } }",
          MLROI_ERR_INVALID, "uncertainty.inputs.roi.models_per_year.dist", "expected uniform" },
        { "{ \"inputs\": { \"roi.models_per_year\": { \"min\": 1, \"max\": 2 } } }",
          MLROI_ERR_MISSING, "uncertainty.inputs.roi.models_per_year.dist", "missing" },
        { "{ \"inputs\": { \"roi.models_per_year\": { \"dist\": \"uniform\", \"min\": 1, \"max\": 2, \"sigma\": 1 } } }",
          MLROI_ERR_UNKNOWN_KEY, "uncertainty.inputs.roi.models_per_year.sigma", "unknown key" },
        { "{ \"inputs\": { \"roi.models_per_year\": { \"dist\": \"uniform\", \"min\": \"1\", \"max\": 2 } } }",
          MLROI_ERR_TYPE, "uncertainty.inputs.roi.models_per_year.min", "number" },
        { "{ \"inputs\": { \"roi.nothing\": { \"dist\": \"uniform\", \"min\": 1, \"max\": 2 } } }",
          MLROI_ERR_UNKNOWN_KEY, "uncertainty.inputs.roi.nothing", "not a numeric input" },
        { "{ \"inputs\": { \"roi.incident_reduction\": { \"dist\": \"uniform\", \"min\": 1.1, \"max\": 1.5 } } }",
          MLROI_ERR_INVALID, "uncertainty.inputs.roi.incident_reduction", "allowed range" },
        { "{ \"inputs\": { \"roi.team_size\": { \"dist\": \"uniform\", \"min\": 1, \"max\": 2 } },"
          " \"correlations\": [ [\"roi.team_size\", \"roi.model_incidents_per_year\", 0.6] ] }",
          MLROI_ERR_INVALID, "uncertainty.correlations[0]", "no distribution" },
        { "{ \"inputs\": { \"roi.team_size\": { \"dist\": \"uniform\", \"min\": 1, \"max\": 2 },"
          " \"roi.avg_salary\": { \"dist\": \"uniform\", \"min\": 1, \"max\": 2 } },"
          " \"correlations\": [ [\"roi.team_size\", \"roi.avg_salary\", 1.5] ] }",
          MLROI_ERR_RANGE, "uncertainty.correlations[0]", "between -1 and 1" },
        { "{ \"inputs\": {"
          " \"roi.team_size\": { \"dist\": \"uniform\", \"min\": 1, \"max\": 2 },"
          " \"roi.avg_salary\": { \"dist\": \"uniform\", \"min\": 1, \"max\": 2 },"
          " \"roi.models_per_year\": { \"dist\": \"uniform\", \"min\": 1, \"max\": 2 } },"
          " \"correlations\": [ [\"roi.team_size\", \"roi.avg_salary\", 0.9],"
          " [\"roi.avg_salary\", \"roi.models_per_year\", 0.9],"
          " [\"roi.team_size\", \"roi.models_per_year\", -0.9] ] }",
          MLROI_ERR_INVALID, "uncertainty.correlations", "not positive definite" },
        { "{ \"samples\": 0, \"inputs\": { \"roi.team_size\": { \"dist\": \"uniform\", \"min\": 1, \"max\": 2 } } }",
          MLROI_ERR_RANGE, "uncertainty.samples", "whole number" },
        { "{ \"samples\": 1e9, \"inputs\": { \"roi.team_size\": { \"dist\": \"uniform\", \"min\": 1, \"max\": 2 } } }",
          MLROI_ERR_RANGE, "uncertainty.samples", "5000000" },
        { "{ \"method\": \"sobol\", \"inputs\": { \"roi.team_size\": { \"dist\": \"uniform\", \"min\": 1, \"max\": 2 } } }",
          MLROI_ERR_INVALID, "uncertainty.method", "lhs" },
        { "{ \"inputs\": {} }", MLROI_ERR_TYPE, "uncertainty.inputs", "input paths" },
        { "{ \"seed\": 1 }", MLROI_ERR_MISSING, "uncertainty.inputs", "input paths" },
        { "{ \"iterations\": 5 }", MLROI_ERR_UNKNOWN_KEY, "uncertainty.iterations", "unknown key" },
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[2048];
        mlroi_scenario *s;
        mlroi_mc_config *cfg = NULL;
        mlroi_diags d = { 0 };
        mlroi_error err;
        snprintf(text, sizeof text, SCENARIO("%s"), cases[i].uncertainty);
        s = load(text);
        err = mlroi_mc_config_parse(s, &cfg, &d);
        if (err != cases[i].err || d.count == 0 || strcmp(d.items[0].path, cases[i].path) != 0 ||
            strstr(d.items[0].message, cases[i].message_part) == NULL)
            print_error("case %zu: err %d, path '%s', message '%s'\n", i, (int)err,
                        d.count ? d.items[0].path : "", d.count ? d.items[0].message : "");
        assert_int_equal(err, cases[i].err);
        assert_null(cfg);
        assert_string_equal(d.items[0].path, cases[i].path);
        assert_non_null(strstr(d.items[0].message, cases[i].message_part));
        mlroi_diags_free(&d);
        mlroi_scenario_free(s);
    }
}

static void a_scenario_without_uncertainty_is_a_clear_error(void **state)
{
    static const char text[] = "{ \"format\": 1, \"roi\": { \"team_size\": 5 } }";
    mlroi_diags d = { 0 };
    mlroi_scenario *s = NULL;
    mlroi_mc_config *cfg = NULL;
    (void)state;
    if (mlroi_scenario_load_text("x.json", text, strlen(text), NULL, &s, &d) != MLROI_OK) {
        /* The loader may require every roi key; build one without the section instead. */
        mlroi_diags_free(&d);
        s = mlroi_scenario_new();
    }
    assert_non_null(s);
    assert_int_equal(mlroi_mc_config_parse(s, &cfg, &d), MLROI_ERR_MISSING);
    assert_string_equal(d.items[d.count - 1].path, "uncertainty");
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

static void samples_beyond_the_limit_are_refused(void **state)
{
    mlroi_scenario *s = load(one_uniform);
    mlroi_mc_options o = { MLROI_MC_MAX_SAMPLES + 1, false, 0, -1, 0, 1, NULL, NULL };
    mlroi_mc_result *r = NULL;
    mlroi_diags d = { 0 };
    (void)state;
    assert_int_equal(mlroi_mc_run_scenario(s, NULL, &o, &r, &d), MLROI_ERR_LIMIT);
    assert_null(r);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_uniform_input_gives_the_analytical_mean_and_percentiles_lhs),
        cmocka_unit_test(one_uniform_input_plain_mc_is_within_five_standard_errors),
        cmocka_unit_test(probabilities_and_undefined_shares_match_the_closed_form),
        cmocka_unit_test(same_seed_gives_identical_results_with_one_and_two_threads),
        cmocka_unit_test(declared_rank_correlation_shows_in_the_npv_spread),
        cmocka_unit_test(invalid_uncertainty_sections_name_the_key),
        cmocka_unit_test(a_scenario_without_uncertainty_is_a_clear_error),
        cmocka_unit_test(samples_beyond_the_limit_are_refused),
    };
    return cmocka_run_group_tests_name("montecarlo", tests, NULL, NULL);
}
