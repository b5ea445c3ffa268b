/* SPDX-License-Identifier: MIT */
/* Unit tests of the Monte Carlo: analytical means, percentiles and probabilities, determinism. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "mlroi/analysis.h"
#include "../src/simd.h"

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
    /* The chart's core spans the 0.5th to the 99.5th percentile, (625,000 + 150,000 p) A as
     * above; the tails hold 0.5 % of the samples each (one per 200, within two strata), the
     * core the rest, evenly. */
    {
        size_t total = r->tail_low + r->tail_high;
        assert_true(fabs(r->core_edges[0] - (625000.0 + 150000.0 * 0.005) * a) <= tol);
        assert_true(fabs(r->core_edges[r->bins] - (625000.0 + 150000.0 * 0.995) * a) <= tol);
        assert_true(labs((long)r->tail_low - (long)(n / 200)) <= 2);
        assert_true(labs((long)r->tail_high - (long)(n / 200)) <= 2);
        for (size_t k = 0; k < r->bins; k++) {
            total += r->core_counts[k];
            assert_true(labs((long)r->core_counts[k] - (long)(n * 99 / 100 / r->bins)) <= 3);
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
          MLROI_ERR_INVALID, "uncertainty.correlations", "smallest eigenvalue -0.8)" },
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
    /* The loader refuses them, at the line and column of the key at fault (issue 16). */
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[2048];
        mlroi_scenario *s = NULL;
        mlroi_diags d = { 0 };
        mlroi_error err;
        snprintf(text, sizeof text, SCENARIO("%s"), cases[i].uncertainty);
        err = mlroi_scenario_load_text("mc.json", text, strlen(text), NULL, &s, &d);
        if (err != cases[i].err || d.count == 0 || strcmp(d.items[0].path, cases[i].path) != 0 ||
            strstr(d.items[0].message, cases[i].message_part) == NULL || d.items[0].line != 1)
            print_error("case %zu: err %d, path '%s', message '%s'\n", i, (int)err,
                        d.count ? d.items[0].path : "", d.count ? d.items[0].message : "");
        assert_int_equal(err, cases[i].err);
        assert_null(s);
        assert_int_equal(d.count, 1);
        assert_string_equal(d.items[0].file, "mc.json");
        assert_int_equal(d.items[0].line, 1);
        assert_true(d.items[0].column > 0);
        assert_string_equal(d.items[0].path, cases[i].path);
        assert_non_null(strstr(d.items[0].message, cases[i].message_part));
        mlroi_diags_free(&d);
    }
}

/* Each problem at the value (or, for a key that should not be there, the key) at fault, and
 * its numbers as written: 0.95 is not "0.94999999999999996". Columns counted by hand. */
static void uncertainty_errors_point_at_the_value_with_its_number_as_written(void **state)
{
    static const struct { const char *uncertainty; int line, column; const char *message; }
    cases[] = {
        /* line 2: 6 spaces, "roi.incident_reduction" (24) ": " then { at 33; "dist" at 35,
         * "triangular" at 43, "min" at 57, 0.1 at 64, "mode" at 69, 0.95 at 77 */
        { "{ \"inputs\": {\n"
          "      \"roi.incident_reduction\": { \"dist\": \"triangular\", \"min\": 0.1, "
          "\"mode\": 0.95, \"max\": 0.9 } } }",
          2, 77, "mode (0.95) must lie between min (0.1) and max (0.9)" },
        /* line 3: 4 spaces, then "sdev" at 5 (an unknown key: at the key) */
        { "{ \"inputs\": {\n"
          "  \"roi.avg_salary\": { \"dist\": \"normal\", \"mean\": 90000,\n"
          "    \"sdev\": 1 } } }",
          3, 5, "unknown key" },
        /* line 3: "correlations" at 3, "[" at 19, the entry's "[" at 21, "roi.team_size"
         * (15 wide) at 23, "roi.avg_salary" (16 wide) at 40, 1.0000000000000002 at 58 */
        { "{ \"inputs\": { \"roi.team_size\": { \"dist\": \"uniform\", \"min\": 1, \"max\": 9 },\n"
          " \"roi.avg_salary\": { \"dist\": \"uniform\", \"min\": 1, \"max\": 2 } },\n"
          "  \"correlations\": [ [ \"roi.team_size\", \"roi.avg_salary\", 1.0000000000000002 ] ] }",
          3, 58, "rho must be between -1 and 1, got 1.0000000000000002" },
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[2048];
        mlroi_scenario *s = NULL;
        mlroi_diags d = { 0 };
        snprintf(text, sizeof text, "{ \"format\": 1, \"name\": \"MC test\", "
                 TEST_ARTICLE_ROI_JSON ",\n\"uncertainty\": %s }", cases[i].uncertainty);
        assert_int_not_equal(mlroi_scenario_load_text("mc.json", text, strlen(text), NULL, &s,
                                                      &d), MLROI_OK);
        if (d.count && (d.items[0].line != cases[i].line + 1 ||
                        d.items[0].column != cases[i].column))
            print_error("case %zu: %d:%d %s\n", i, d.items[0].line, d.items[0].column,
                        d.items[0].message);
        assert_int_equal(d.count, 1);
        /* The scenario's own lines come first: its "uncertainty" starts on line 2. */
        assert_int_equal(d.items[0].line, cases[i].line + 1);
        assert_int_equal(d.items[0].column, cases[i].column);
        assert_non_null(strstr(d.items[0].message, cases[i].message));
        mlroi_diags_free(&d);
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

static const char two_uniform[] = SCENARIO(
    "{ \"seed\": 3, \"inputs\": {"
    " \"roi.avg_incident_cost\": { \"dist\": \"uniform\", \"min\": 50000, \"max\": 100000 },"
    " \"roi.mlops_investment\": { \"dist\": \"uniform\", \"min\": 150000, \"max\": 250000 } } }");

static void kept_samples_are_the_same_rows_for_any_thread_count(void **state)
{
    /* Each kept row's NPV is (675,000 + 3 c - I) A of its own inputs. */
    mlroi_scenario *s = load(two_uniform);
    mlroi_mc_config *cfg = NULL;
    mlroi_mc_result *r[2] = { NULL, NULL };
    mlroi_diags d = { 0 };
    const double a = annuity3();
    (void)state;
    assert_int_equal(mlroi_mc_config_parse(s, &cfg, &d), MLROI_OK);
    for (int t = 0; t < 2; t++) {
        mlroi_mc_options o = { 30000, false, 0, -1, 0, t + 1, NULL, NULL };
        assert_int_equal(mlroi_mc_run_with_samples(s, NULL, cfg, &o, &r[t], &d), MLROI_OK);
        assert_non_null(r[t]->sample_inputs);
        assert_non_null(r[t]->sample_metrics);
    }
    assert_memory_equal(r[0]->sample_inputs, r[1]->sample_inputs, 30000 * 2 * sizeof(double));
    assert_memory_equal(r[0]->sample_metrics, r[1]->sample_metrics,
                        30000 * MLROI_MC_METRICS * sizeof(double));
    for (size_t i = 0; i < 30000; i += 997) {
        const double *in = r[0]->sample_inputs + i * 2;
        assert_close(r[0]->sample_metrics[i * MLROI_MC_METRICS] / ((675000 + 3 * in[0] - in[1]) * a),
                     1.0, 1e-12);
    }
    /* The plain run keeps nothing. */
    {
        mlroi_mc_result *plain = run(s, 1000, -1, 1);
        assert_null(plain->sample_inputs);
        mlroi_mc_result_free(plain);
    }
    mlroi_mc_result_free(r[0]);
    mlroi_mc_result_free(r[1]);
    mlroi_mc_config_free(cfg);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

static int cmp_values(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Every kept input is its own draw, worked out here from the sampler's parts: input j of
 * sample i is the quantile of u = (perm_j(i) + U_j(i)) / n with Latin hypercube (the strata's
 * permutation keyed by stream 0x10000 + j, the uniforms by stream j), of u = U_j(i) with plain
 * sampling, rounded to the nearest whole number within the bounds for a whole-number input.
 * Compared bit for bit, for every kind of distribution, at a sample count that is not a whole
 * number of blocks, on one and two threads: the draws are computed in blocks and in lanes,
 * and must be these figures. */
static void kept_inputs_are_the_quantiles_of_their_draws(void **state)
{
    static const char text[] =
        "{ \"format\": 1, \"name\": \"MC test\", " TEST_ARTICLE_ROI_JSON ","
        " \"business_case\": { \"horizon_years\": 3 }, \"uncertainty\":"
        " { \"seed\": 11, \"inputs\": {"
        " \"roi.avg_incident_cost\": { \"dist\": \"triangular\", \"min\": 40000, \"mode\": 75000, \"max\": 150000 },"
        " \"roi.incident_reduction\": { \"dist\": \"pert\", \"min\": 0.5, \"mode\": 0.75, \"max\": 0.9 },"
        " \"roi.mlops_time_to_prod_weeks\": { \"dist\": \"uniform\", \"min\": 2, \"max\": 6 },"
        " \"roi.avg_salary\": { \"dist\": \"normal\", \"mean\": 90000, \"sd\": 8000, \"min\": 70000 },"
        " \"roi.models_per_year\": { \"dist\": \"lognormal\", \"p5\": 3, \"p95\": 10 },"
        " \"business_case.horizon_years\": { \"dist\": \"uniform\", \"min\": 1.2, \"max\": 5.7 } } } }";
    enum { N = 4099 };
    mlroi_scenario *s = load(text);
    mlroi_mc_config *cfg = NULL;
    mlroi_diags d = { 0 };
    (void)state;

    assert_int_equal(mlroi_mc_config_parse(s, &cfg, &d), MLROI_OK);
    assert_int_equal(cfg->input_count, 6);
    assert_true(cfg->inputs[5].whole);
    for (int run = 0; run < 4; run++) {
        const int method = run / 2 == 0 ? MLROI_MC_LHS : MLROI_MC_PLAIN;
        mlroi_mc_options o = { N, false, 0, method, 0, 1 + run % 2, NULL, NULL };
        mlroi_mc_result *r = NULL;
        assert_int_equal(mlroi_mc_run_with_samples(s, NULL, cfg, &o, &r, &d), MLROI_OK);
        for (size_t j = 0; j < cfg->input_count; j++) {
            const mlroi_dist *dist = &cfg->inputs[j].dist;
            const uint64_t key = mlroi_rng_key(cfg->seed, j);
            mlroi_perm perm;
            mlroi_perm_init(&perm, N, mlroi_rng_key(cfg->seed, 0x10000 + j));
            for (size_t i = 0; i < N; i++) {
                double u = mlroi_rng_uniform(key, i), want, got;
                if (method == MLROI_MC_LHS)
                    u = ((double)mlroi_perm_apply(&perm, i) + u) / (double)N;
                want = mlroi_dist_quantile(dist, u);
                if (cfg->inputs[j].whole) {
                    want = floor(want + 0.5);
                    if (want > dist->hi)
                        want = floor(dist->hi);
                    if (want < dist->lo)
                        want = ceil(dist->lo);
                }
                got = r->sample_inputs[i * cfg->input_count + j];
                if (memcmp(&got, &want, sizeof got) != 0)
                    fail_msg("%s, sample %zu: %.17g, its draw gives %.17g", cfg->inputs[j].path, i,
                             got, want);
            }
        }
        mlroi_mc_result_free(r);
    }
    mlroi_mc_config_free(cfg);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

/* The statistics are those of the kept samples, worked out here from the rows in sample
 * order: the sum and the squared deviations added one sample after another, the extremes,
 * the counts, and type 7 percentiles of the sorted values. The run works out two metrics
 * side by side (NPV with IRR, ROI with payback) and selects its percentiles from buckets when
 * there are enough values, so the check uses sample counts below and above that (neither a
 * whole number of blocks), several thread counts, and two cases: the quick estimate alone,
 * whose flows never go negative (payback 0, IRR undefined in whole), and a business case
 * whose payback and IRR are undefined in part, in different shares (an investment that
 * sometimes does not pay back within the horizon, and sometimes never has a positive year). */
#define STATS_INPUTS \
    " { \"seed\": 9, \"inputs\": {" \
    " \"roi.avg_incident_cost\": { \"dist\": \"triangular\", \"min\": 40000, \"mode\": 75000, \"max\": 150000 }," \
    " \"roi.mlops_investment\": { \"dist\": \"uniform\", \"min\": 100000, \"max\": 1200000 } } }"
/* A bucket's number, one at a time and lane by lane, written out by hand for LAST = 4095:
 * truncated within [0, 4095], the far side of either end (infinities too) in the end bucket,
 * NAN in the last. The statistics count buckets one way and find their values the other. */
static void bucket_numbers_agree_one_by_one_and_in_lanes(void **state)
{
    static const struct { double t; size_t want; } cases[] = {
        { -INFINITY, 0 }, { -1e300, 0 }, { -2.5, 0 }, { -0.0, 0 }, { 0.0, 0 },
        { 4.9e-324, 0 }, { 0.999999999, 0 }, { 1.0, 1 }, { 17.75, 17 }, { 4094.999, 4094 },
        { 4095.0, 4095 }, { 4095.5, 4095 }, { 4096.0, 4095 }, { 2147483648.0, 4095 },
        { 9223372036854775808.0, 4095 }, { 1e300, 4095 }, { INFINITY, 4095 }, { NAN, 4095 } };
    const size_t count = sizeof cases / sizeof cases[0];
    (void)state;
    for (size_t c = 0; c < count; c++) {
        mlroi_vd t;
        mlroi_vi got;
        assert_int_equal(mlroi_index(cases[c].t, 4095), cases[c].want);
        for (int w = 0; w < MLROI_LANES; w++)   /* each case in every lane, beside others */
            t[w] = cases[(c + (size_t)w) % count].t;
        got = mlroi_vindex(t, 4095);
        for (int w = 0; w < MLROI_LANES; w++)
            assert_int_equal((size_t)got[w], cases[(c + (size_t)w) % count].want);
    }
}

/* The LHS positions convert their strata lane by lane (mlroi_vu_to_vd): every 32-bit word
 * exactly, written out here as powers of two, the largest and those around 2^31 included. */
static void strata_convert_exactly_in_lanes(void **state)
{
    static const struct { unsigned u; double want; } cases[] = {
        { 0u, 0.0 }, { 1u, 1.0 }, { 2u, 2.0 }, { 999999u, 999999.0 },
        { 0x7fffffffu, 0x1p31 - 1.0 }, { 0x80000000u, 0x1p31 }, { 0x80000001u, 0x1p31 + 1.0 },
        { 0xfffffffeu, 0x1p32 - 2.0 }, { 0xffffffffu, 0x1p32 - 1.0 } };
    const size_t count = sizeof cases / sizeof cases[0];
    (void)state;
    for (size_t c = 0; c < count; c++) {
        mlroi_vu u;
        mlroi_vd got;
        for (int w = 0; w < MLROI_LANES; w++)
            u[w] = cases[(c + (size_t)w) % count].u;
        got = mlroi_vu_to_vd(u);
        for (int w = 0; w < MLROI_LANES; w++)
            assert_memory_equal(&got[w], &cases[(c + (size_t)w) % count].want, sizeof got[w]);
    }
}

/* The type 7 percentile P (per mille) of the K sorted values V. */
static double permille_of(const double *v, size_t k, int p)
{
    double h = p / 1000.0 * (double)(k - 1);
    size_t at = (size_t)floor(h);
    return at + 1 < k ? v[at] + (h - (double)at) * (v[at + 1] - v[at]) : v[at];
}

/* R's NPV histograms against those of the K sorted values V, counted here one by one: BINS
 * equal bins from the least value to the greatest, and over the core [P0.5, P99.5] with the
 * values outside it counted apart (a value on an edge goes to the bin above it, the greatest
 * to the last). */
static void assert_histograms(const mlroi_mc_result *r, const double *v, size_t k)
{
    static size_t want[MLROI_MC_MAX_BINS], want_core[MLROI_MC_MAX_BINS];
    const double c0 = permille_of(v, k, 5), c1 = permille_of(v, k, 995);
    size_t below = 0, above = 0;
    memset(want, 0, sizeof want);
    memset(want_core, 0, sizeof want_core);
    for (size_t i = 0; i < k; i++) {
        size_t b = (size_t)((v[i] - v[0]) / (v[k - 1] - v[0]) * (double)r->bins);
        want[b < r->bins ? b : r->bins - 1]++;
        if (v[i] < c0) {
            below++;
        } else if (v[i] > c1) {
            above++;
        } else {
            b = (size_t)((v[i] - c0) / (c1 - c0) * (double)r->bins);
            want_core[b < r->bins ? b : r->bins - 1]++;
        }
    }
    assert_true(r->edges[0] == v[0] && r->edges[r->bins] == v[k - 1]);
    assert_true(r->core_edges[0] == c0 && r->core_edges[r->bins] == c1);
    assert_memory_equal(r->counts, want, r->bins * sizeof *want);
    assert_memory_equal(r->core_counts, want_core, r->bins * sizeof *want_core);
    assert_int_equal(r->tail_low, below);
    assert_int_equal(r->tail_high, above);
}

static void statistics_are_those_of_the_kept_samples(void **state)
{
    static const char *const texts[] = {
        SCENARIO(STATS_INPUTS),
        "{ \"format\": 1, \"name\": \"MC test\", " TEST_ARTICLE_ROI_JSON ","
        " \"business_case\": { \"horizon_years\": 3, \"discount_rate\": 0.1,"
        " \"benefit_ramp\": [0.5, 1.0], \"benefit_risk\": 0.2, \"cost_risk\": 0.1,"
        " \"initial_investment\": 50000 }, \"uncertainty\":" STATS_INPUTS " }" };
    static const size_t sizes[] = { 10007, 70001 };
    static double v[70001];
    (void)state;

    for (int run = 0; run < 12; run++) {
        const int which = run / 6;
        const size_t N = sizes[run / 3 % 2];
        const int threads = 1 + run % 3;
        mlroi_scenario *s = load(texts[which]);
        mlroi_mc_config *cfg = NULL;
        mlroi_diags d = { 0 };
        mlroi_mc_options o = { N, false, 0, -1, 0, threads, NULL, NULL };
        mlroi_mc_result *r = NULL;
        size_t positive = 0;
        assert_int_equal(mlroi_mc_config_parse(s, &cfg, &d), MLROI_OK);
        assert_int_equal(mlroi_mc_run_with_samples(s, NULL, cfg, &o, &r, &d), MLROI_OK);
        for (int m = 0; m < MLROI_MC_METRICS; m++) {
            const mlroi_mc_stats *st = &r->metrics[m];
            double sum = 0, ss = 0, lo = INFINITY, hi = -INFINITY, mean;
            size_t k = 0;
            for (size_t i = 0; i < N; i++) {
                double x = r->sample_metrics[i * MLROI_MC_METRICS + (size_t)m];
                if (m == 0 && x > 0)
                    positive++;
                if (isnan(x))
                    continue;
                v[k++] = x;
                sum += x;
                lo = x < lo ? x : lo;
                hi = x > hi ? x : hi;
            }
            assert_int_equal(st->defined, k);
            if (m == 2)   /* payback: undefined in part */
                assert_true(k > N / 10 && k < N - N / 10);
            if (m == 3)   /* IRR: undefined in whole, or in part and less often than payback */
                assert_true(which == 0 ? k == 0 : k < N && k > r->metrics[2].defined);
            if (k == 0) {
                assert_nan(st->mean);
                continue;
            }
            mean = sum / (double)k;
            for (size_t i = 0; i < k; i++)
                ss += (v[i] - mean) * (v[i] - mean);
            assert_true(st->mean == mean);
            assert_true(st->sd == sqrt(ss / (double)(k - 1)));
            /* to the bit: a zero extreme keeps the sign of its first occurrence */
            assert_memory_equal(&st->min, &lo, sizeof lo);
            assert_memory_equal(&st->max, &hi, sizeof hi);
            qsort(v, k, sizeof *v, cmp_values);
            for (int p = 0; p < MLROI_MC_PCT_COUNT; p++) {
                double h = mlroi_mc_percentiles[p] / 100.0 * (double)(k - 1);
                size_t at = (size_t)floor(h);
                double want = at + 1 < k ? v[at] + (h - (double)at) * (v[at + 1] - v[at]) : v[at];
                assert_true(st->pct[p] == want);
            }
            if (m == 0)   /* the NPV's histogram, and that of its core [P0.5, P99.5] */
                assert_histograms(r, v, k);
        }
        assert_true(r->p_npv_positive == (double)positive / (double)N);
        /* Without kept samples the first pass runs as the blocks of samples come in, in
         * whichever thread, the four metrics side by side: the same figures to the bit. */
        {
            mlroi_mc_result *q = NULL;
            assert_int_equal(mlroi_mc_run(s, NULL, cfg, &o, &q, &d), MLROI_OK);
            for (int m = 0; m < MLROI_MC_METRICS; m++)
                assert_memory_equal(&q->metrics[m], &r->metrics[m], sizeof q->metrics[m]);
            assert_true(q->p_npv_positive == r->p_npv_positive);
            assert_memory_equal(q->counts, r->counts, r->bins * sizeof *r->counts);
            assert_memory_equal(q->core_counts, r->core_counts, r->bins * sizeof *r->counts);
            assert_memory_equal(q->core_edges, r->core_edges,
                                (r->bins + 1) * sizeof *r->core_edges);
            mlroi_mc_result_free(q);
        }
        mlroi_mc_result_free(r);
        mlroi_mc_config_free(cfg);
        mlroi_diags_free(&d);
        mlroi_scenario_free(s);
    }
}

/* A and B for the estimator tests: K columns of N independent uniforms in (0, 1) each,
 * row i of A from stream j, of B from stream 100 + j. */
static void uniform_design(size_t n, int k, double *ua, double *ub)
{
    for (int j = 0; j < k; j++)
        for (size_t i = 0; i < n; i++) {
            ua[(size_t)j * n + i] = mlroi_rng_uniform(mlroi_rng_key(17, (uint64_t)j), i);
            ub[(size_t)j * n + i] = mlroi_rng_uniform(mlroi_rng_key(17, 100 + (uint64_t)j), i);
        }
}

typedef double (*model_fn)(const double *x);   /* x: the K inputs of one row */

/* Evaluate MODEL over Saltelli's design built from the transformed columns XA, XB. */
static void saltelli(model_fn model, size_t n, int k, const double *xa, const double *xb,
                     double *fa, double *fb, double *fab)
{
    double row[8];
    for (size_t i = 0; i < n; i++) {
        for (int j = 0; j < k; j++)
            row[j] = xa[(size_t)j * n + i];
        fa[i] = model(row);
        for (int j = 0; j < k; j++)
            row[j] = xb[(size_t)j * n + i];
        fb[i] = model(row);
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < k; j++)
                row[j] = xa[(size_t)j * n + i];
            row[c] = xb[(size_t)c * n + i];
            fab[(size_t)c * n + i] = model(row);
        }
    }
}

static const double lin_a[4] = { 1.0, 2.0, -3.0, 0.5 };
static const double lin_sd[4] = { 1.0, 1.5, 0.5, 4.0 };

static double linear_model(const double *x)
{
    return lin_a[0] * x[0] + lin_a[1] * x[1] + lin_a[2] * x[2] + lin_a[3] * x[3];
}

static double ishigami(const double *x)
{
    /* Ishigami and Homma (1990), a = 7, b = 0.1. */
    return sin(x[0]) + 7.0 * sin(x[1]) * sin(x[1]) + 0.1 * pow(x[2], 4) * sin(x[0]);
}

static void sobol_indices_of_a_linear_model_are_its_variance_shares(void **state)
{
    /* f = sum a_i x_i with independent normal x_i: S_i = ST_i = a_i^2 var_i / sum_j a_j^2 var_j
     * (variances 1, 9, 2.25, 4 of 16.25). */
    const size_t n = 100000;
    const int k = 4;
    double *ua = malloc(n * k * sizeof *ua), *ub = malloc(n * k * sizeof *ub);
    double *fa = malloc(n * sizeof *fa), *fb = malloc(n * sizeof *fb);
    double *fab = malloc(n * k * sizeof *fab);
    mlroi_sobol_index idx[4], again[4];
    double sum = 0;
    (void)state;
    uniform_design(n, k, ua, ub);
    for (int j = 0; j < k; j++)
        for (size_t i = 0; i < n; i++) {
            ua[(size_t)j * n + i] = lin_sd[j] * mlroi_normal_quantile(ua[(size_t)j * n + i]);
            ub[(size_t)j * n + i] = lin_sd[j] * mlroi_normal_quantile(ub[(size_t)j * n + i]);
        }
    saltelli(linear_model, n, k, ua, ub, fa, fb, fab);
    assert_int_equal(mlroi_sobol_estimate(fa, fb, fab, n, k, 100, 5, 1, idx), MLROI_OK);
    assert_int_equal(mlroi_sobol_estimate(fa, fb, fab, n, k, 100, 5, 3, again), MLROI_OK);
    assert_memory_equal(idx, again, sizeof idx);
    for (int j = 0; j < k; j++)
        sum += lin_a[j] * lin_a[j] * lin_sd[j] * lin_sd[j];
    for (int j = 0; j < k; j++) {
        double share = lin_a[j] * lin_a[j] * lin_sd[j] * lin_sd[j] / sum;
        assert_true(fabs(idx[j].first_order - share) < 0.02);
        assert_true(fabs(idx[j].total - share) < 0.02);
        assert_true(idx[j].first_order_ci[0] <= idx[j].first_order);
        assert_true(idx[j].first_order <= idx[j].first_order_ci[1]);
        assert_true(idx[j].total_ci[0] <= idx[j].total && idx[j].total <= idx[j].total_ci[1]);
        assert_true(idx[j].total_ci[1] - idx[j].total_ci[0] < 0.05);
    }
    free(ua); free(ub); free(fa); free(fb); free(fab);
}

static void sobol_indices_of_the_ishigami_function_match_the_closed_form(void **state)
{
    /* x_i ~ U(-pi, pi), a = 7, b = 0.1 (Saltelli et al., Global Sensitivity Analysis, 2008):
     *   V  = a^2 / 8 + b pi^4 / 5 + b^2 pi^8 / 18 + 1 / 2
     *   V1 = (1 + b pi^4 / 5)^2 / 2,  V2 = a^2 / 8,  V3 = 0,  V13 = 8 b^2 pi^8 / 225
     *   S_i = V_i / V;  ST1 = (V1 + V13) / V,  ST2 = V2 / V,  ST3 = V13 / V. */
    const double pi = 3.14159265358979323846, a = 7.0, b = 0.1;
    const double pi4 = pow(pi, 4), pi8 = pow(pi, 8);
    const double v = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5;
    const double v1 = 0.5 * (1 + b * pi4 / 5) * (1 + b * pi4 / 5), v2 = a * a / 8;
    const double v13 = 8 * b * b * pi8 / 225;
    const double s[3] = { v1 / v, v2 / v, 0.0 }, st[3] = { (v1 + v13) / v, v2 / v, v13 / v };
    const size_t n = 100000;
    const int k = 3;
    double *ua = malloc(n * k * sizeof *ua), *ub = malloc(n * k * sizeof *ub);
    double *fa = malloc(n * sizeof *fa), *fb = malloc(n * sizeof *fb);
    double *fab = malloc(n * k * sizeof *fab);
    mlroi_sobol_index idx[3];
    (void)state;
    uniform_design(n, k, ua, ub);
    for (size_t i = 0; i < n * (size_t)k; i++) {
        ua[i] = -pi + 2 * pi * ua[i];
        ub[i] = -pi + 2 * pi * ub[i];
    }
    saltelli(ishigami, n, k, ua, ub, fa, fb, fab);
    assert_int_equal(mlroi_sobol_estimate(fa, fb, fab, n, k, 100, 9, 2, idx), MLROI_OK);
    for (int j = 0; j < k; j++) {
        if (fabs(idx[j].first_order - s[j]) >= 0.02 || fabs(idx[j].total - st[j]) >= 0.02)
            print_error("x%d: S %.4f (%.4f), ST %.4f (%.4f)\n", j + 1, idx[j].first_order,
                        s[j], idx[j].total, st[j]);
        assert_true(fabs(idx[j].first_order - s[j]) < 0.02);
        assert_true(fabs(idx[j].total - st[j]) < 0.02);
    }
    free(ua); free(ub); free(fa); free(fb); free(fab);
}

static void sensitivity_of_the_article_npv_splits_its_variance_by_hand(void **state)
{
    /* NPV = (675,000 + 3 c - I) A, c ~ U(50,000, 100,000), I ~ U(150,000, 250,000):
     * Var = A^2 (9 * 50,000^2 + 100,000^2) / 12, so S_c = 22.5 / 32.5 = 0.6923 and
     * S_I = 10 / 32.5 = 0.3077, first order and total alike (no interaction). For uniform
     * inputs of a linear model the squared rank correlations are near the same shares. */
    mlroi_scenario *s = load(two_uniform);
    mlroi_mc_config *cfg = NULL;
    mlroi_sensitivity *r[2] = { NULL, NULL };
    mlroi_diags d = { 0 };
    const double sc = 22.5 / 32.5, si = 10.0 / 32.5;
    (void)state;
    assert_int_equal(mlroi_mc_config_parse(s, &cfg, &d), MLROI_OK);
    for (int t = 0; t < 2; t++) {
        mlroi_mc_options o = { 20000, false, 0, -1, 0, t + 1, NULL, NULL };
        mlroi_error err = mlroi_mc_sensitivity(s, NULL, cfg, &o, NULL, &r[t], &d);
        if (err != MLROI_OK)
            test_print_diags(&d);
        assert_int_equal(err, MLROI_OK);
    }
    assert_int_equal(r[0]->input_count, 2);
    assert_int_equal(r[0]->evaluations, 80000);
    assert_string_equal(r[0]->metric->name, "npv");
    assert_memory_equal(r[0]->inputs, r[1]->inputs, 2 * sizeof *r[0]->inputs);
    assert_string_equal(r[0]->inputs[0].path, "roi.avg_incident_cost");
    assert_true(fabs(r[0]->inputs[0].sobol.first_order - sc) < 0.02);
    assert_true(fabs(r[0]->inputs[0].sobol.total - sc) < 0.02);
    assert_true(fabs(r[0]->inputs[1].sobol.first_order - si) < 0.02);
    assert_true(fabs(r[0]->inputs[1].sobol.total - si) < 0.02);
    assert_true(fabs(r[0]->inputs[0].contribution_to_variance - sc) < 0.03);
    assert_close(r[0]->inputs[0].contribution_to_variance +
                 r[0]->inputs[1].contribution_to_variance, 1.0, 1e-12);
    mlroi_sensitivity_free(r[0]);
    mlroi_sensitivity_free(r[1]);
    mlroi_mc_config_free(cfg);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

static void sensitivity_refuses_one_input_and_more_than_fifty(void **state)
{
    mlroi_scenario *s = load(one_uniform);
    mlroi_mc_config *cfg = NULL, many = { 0 };
    mlroi_sensitivity *r = NULL;
    mlroi_diags d = { 0 };
    (void)state;
    assert_int_equal(mlroi_mc_config_parse(s, &cfg, &d), MLROI_OK);
    assert_int_equal(mlroi_mc_sensitivity(s, NULL, cfg, NULL, NULL, &r, &d), MLROI_ERR_RANGE);
    assert_null(r);
    assert_non_null(strstr(d.items[d.count - 1].message, "at least two uncertain inputs"));
    many.input_count = 51;
    many.samples = 100;
    assert_int_equal(mlroi_mc_sensitivity(s, NULL, &many, NULL, NULL, &r, &d), MLROI_ERR_LIMIT);
    assert_non_null(strstr(d.items[d.count - 1].message, "at most 50"));
    assert_int_equal(mlroi_mc_sensitivity(s, NULL, cfg, NULL, "payback", &r, &d),
                     MLROI_ERR_INVALID);
    mlroi_mc_config_free(cfg);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

static double std_normal_pdf(double x)
{
    return exp(-0.5 * x * x) / sqrt(2 * 3.14159265358979323846);
}

/* E[max(X, 0)] - max(E[X], 0) for X ~ N(mu, sd^2): sd phi(mu/sd) + mu Phi(mu/sd) - max(mu, 0). */
static double normal_evpi(double mu, double sd)
{
    return sd * std_normal_pdf(mu / sd) + mu * mlroi_normal_cdf(mu / sd) - (mu > 0 ? mu : 0);
}

static void evpi_of_a_normal_npv_matches_the_closed_form(void **state)
{
    static const double cases[][2] = { { 100000, 300000 }, { -50000, 200000 }, { 0, 1e6 },
                                       { 2e6, 1e6 } };
    const size_t n = 1000000;
    double *npv = malloc(n * sizeof *npv);
    (void)state;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        double mu = cases[c][0], sd = cases[c][1], want = normal_evpi(mu, sd);
        for (size_t i = 0; i < n; i++)   /* stratified: one value per 1/n of probability */
            npv[i] = mu + sd * mlroi_normal_quantile(((double)i + 0.5) / (double)n);
        assert_close(mlroi_voi_evpi(npv, 1, n) / want, 1.0, 0.01);
    }
    free(npv);
}

static void evppi_of_each_term_of_a_sum_is_its_own_evpi(void **state)
{
    /* NPV = x1 + x2, x1 ~ N(mu, s1^2), x2 ~ N(0, s2^2) independent: E[NPV | x1] = x1 ~
     * N(mu, s1^2), so EVPPI_1 = normal_evpi(mu, s1); likewise E[NPV | x2] = mu + x2 gives
     * normal_evpi(mu, s2). EVPI = normal_evpi(mu, sqrt(s1^2 + s2^2)). */
    const size_t n = 1000000;
    const double mu = 50000, s1 = 200000, s2 = 80000;
    double *x = malloc(2 * n * sizeof *x), *npv = malloc(n * sizeof *npv);
    double e1, e2, evpi;
    (void)state;
    for (size_t i = 0; i < n; i++) {
        x[2 * i] = mu + s1 * mlroi_normal_quantile(mlroi_rng_uniform(mlroi_rng_key(4, 0), i));
        x[2 * i + 1] = s2 * mlroi_normal_quantile(mlroi_rng_uniform(mlroi_rng_key(4, 1), i));
        npv[i] = x[2 * i] + x[2 * i + 1];
    }
    evpi = mlroi_voi_evpi(npv, 1, n);
    e1 = mlroi_voi_evppi(x, 2, npv, 1, n, mlroi_voi_bins(n));
    e2 = mlroi_voi_evppi(x + 1, 2, npv, 1, n, mlroi_voi_bins(n));
    assert_close(evpi / normal_evpi(mu, sqrt(s1 * s1 + s2 * s2)), 1.0, 0.01);
    assert_close(e1 / normal_evpi(mu, s1), 1.0, 0.02);
    assert_close(e2 / normal_evpi(mu, s2), 1.0, 0.05);
    assert_true(e1 <= evpi && e2 <= evpi);
    free(x);
    free(npv);
}

static void value_of_information_of_a_run_names_each_input(void **state)
{
    /* With I fixed at 200,000 (one input c ~ U(50,000, 100,000)) NPV > 0 always: perfect
     * information changes no decision, so EVPI = EVPPI = 0. */
    mlroi_scenario *s = load(two_uniform);
    mlroi_mc_config *cfg = NULL;
    mlroi_mc_result *r = NULL;
    mlroi_voi *v = NULL;
    mlroi_diags d = { 0 };
    mlroi_mc_options o = { 10000, false, 0, -1, 0, 2, NULL, NULL };
    (void)state;
    assert_int_equal(mlroi_mc_config_parse(s, &cfg, &d), MLROI_OK);
    assert_int_equal(mlroi_mc_run_with_samples(s, NULL, cfg, &o, &r, &d), MLROI_OK);
    assert_int_equal(mlroi_mc_value_of_information(r, 2, &v, &d), MLROI_OK);
    assert_int_equal(v->input_count, 2);
    assert_string_equal(v->paths[1], "roi.mlops_investment");
    assert_true(v->evpi == 0.0 && v->evppi[0] == 0.0 && v->evppi[1] == 0.0);
    mlroi_voi_free(v);
    mlroi_mc_result_free(r);
    mlroi_mc_config_free(cfg);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

static void goal_seek_on_a_probability_meets_the_closed_form(void **state)
{
    /* c ~ U(50,000, 100,000), I the yearly investment: NPV > 0 when c > (I - 675,000) / 3, so
     * P(NPV > 0) = (100,000 - (I - 675,000) / 3) / 50,000 and P = 0.9 at I = 840,000.
     * With 10,000 Latin hypercube samples P moves in steps of 1/10,000, one stratum of c
     * (5 wide) or 15 of I: the answer is within two steps, 30, of 840,000. A Monte Carlo
     * run at the answer gives P within one step of 0.9. */
    mlroi_scenario *s = load(one_uniform);
    mlroi_mc_config *cfg = NULL;
    mlroi_mc_breakeven be, again;
    mlroi_diags d = { 0 };
    mlroi_mc_options o = { 10000, false, 0, -1, 0, 2, NULL, NULL };
    (void)state;
    assert_int_equal(mlroi_mc_config_parse(s, &cfg, &d), MLROI_OK);
    assert_int_equal(mlroi_mc_breakeven_run(s, NULL, cfg, &o, "roi.mlops_investment",
                                            "p_npv_positive", 0.9, &be, &d), MLROI_OK);
    assert_string_equal(be.reason, "");
    assert_true(fabs(be.value - 840000.0) <= 30.0);
    assert_true(fabs(be.statistic_at_value - 0.9) <= 1e-4 + 1e-12);
    assert_true(be.base_value == 200000.0 && be.statistic_at_base == 1.0);
    /* Common random numbers: the same answer again, and with one thread. */
    o.threads = 1;
    assert_int_equal(mlroi_mc_breakeven_run(s, NULL, cfg, &o, "roi.mlops_investment",
                                            "p_npv_positive", 0.9, &again, &d), MLROI_OK);
    assert_true(again.value == be.value);
    /* Verified by a Monte Carlo at the answer. */
    {
        mlroi_scenario *at = load(one_uniform);
        mlroi_mc_result *r;
        at->roi.mlops_investment = be.value;
        r = run(at, 10000, -1, 2);
        assert_true(fabs(r->p_npv_positive - 0.9) <= 1e-4 + 1e-12);
        mlroi_mc_result_free(r);
        mlroi_scenario_free(at);
    }
    /* The mean: E[NPV] = (900,000 - I) A reaches 100,000 at I = 900,000 - 100,000 / A. */
    assert_int_equal(mlroi_mc_breakeven_run(s, NULL, cfg, &o, "roi.mlops_investment",
                                            "npv.mean", 100000, &be, &d), MLROI_OK);
    assert_close(be.value / (900000.0 - 100000.0 / annuity3()), 1.0, 1e-6);
    /* Refusals: an uncertain input, an unknown statistic. */
    assert_int_equal(mlroi_mc_breakeven_run(s, NULL, cfg, &o, "roi.avg_incident_cost",
                                            "p_npv_positive", 0.9, &be, &d), MLROI_ERR_INVALID);
    assert_int_equal(mlroi_mc_breakeven_run(s, NULL, cfg, &o, "roi.mlops_investment",
                                            "npv.p11", 0.9, &be, &d), MLROI_ERR_INVALID);
    /* Unreachable: P(NPV > 0) never exceeds 1. */
    assert_int_equal(mlroi_mc_breakeven_run(s, NULL, cfg, &o, "roi.mlops_investment",
                                            "p_npv_positive", 1.5, &be, &d), MLROI_OK);
    assert_true(isnan(be.value));
    assert_non_null(strstr(be.reason, "no value of roi.mlops_investment"));
    mlroi_mc_config_free(cfg);
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
        cmocka_unit_test(uncertainty_errors_point_at_the_value_with_its_number_as_written),
        cmocka_unit_test(a_scenario_without_uncertainty_is_a_clear_error),
        cmocka_unit_test(samples_beyond_the_limit_are_refused),
        cmocka_unit_test(kept_samples_are_the_same_rows_for_any_thread_count),
        cmocka_unit_test(kept_inputs_are_the_quantiles_of_their_draws),
        cmocka_unit_test(statistics_are_those_of_the_kept_samples),
        cmocka_unit_test(bucket_numbers_agree_one_by_one_and_in_lanes),
        cmocka_unit_test(strata_convert_exactly_in_lanes),
        cmocka_unit_test(sobol_indices_of_a_linear_model_are_its_variance_shares),
        cmocka_unit_test(sobol_indices_of_the_ishigami_function_match_the_closed_form),
        cmocka_unit_test(sensitivity_of_the_article_npv_splits_its_variance_by_hand),
        cmocka_unit_test(sensitivity_refuses_one_input_and_more_than_fifty),
        cmocka_unit_test(evpi_of_a_normal_npv_matches_the_closed_form),
        cmocka_unit_test(evppi_of_each_term_of_a_sum_is_its_own_evpi),
        cmocka_unit_test(value_of_information_of_a_run_names_each_input),
        cmocka_unit_test(goal_seek_on_a_probability_meets_the_closed_form),
    };
    return cmocka_run_group_tests_name("montecarlo", tests, NULL, NULL);
}
