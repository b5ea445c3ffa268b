/* SPDX-License-Identifier: MIT */
/* Tests of decision support: platform rules, reasonableness checks at their edges, chargeback. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mlroi/decision.h"
#include "mlroi/engine.h"
#include "mlroi/scenario.h"

/* ---------- platform rules ---------- */

static void vendor_for(mlroi_cloud cloud, bool microsoft, bool research, double employees,
                       mlroi_vendor *v)
{
    mlroi_scenario *s = mlroi_scenario_new();
    assert_non_null(s);
    s->has_platform = true;
    s->platform.cloud = cloud;
    s->platform.microsoft_centric = microsoft;
    s->platform.research_heavy = research;
    s->employees = employees;
    mlroi_vendor_eval(s, mlroi_benchmarks_default(), NULL, v);
    mlroi_scenario_free(s);
}

static void research_heavy_team_gets_wandb_first(void **state)
{
    mlroi_vendor v;
    (void)state;
    vendor_for(MLROI_CLOUD_AWS, false, true, NAN, &v);
    assert_true(v.present);
    assert_string_equal(v.recommended->id, "research_heavy");
    assert_string_equal(v.recommended->stack, "Weights & Biases + MLflow");
    /* 200-2,000 a month per team is 2,400-24,000 a year. */
    assert_close(v.recommended->licence.low, 2400, 0);
    assert_close(v.recommended->licence.high, 24000, 0);
    /* The AWS rule and the default would match too: they are the alternatives. */
    assert_int_equal(v.alternative_count, 2);
    assert_string_equal(v.alternatives[0]->id, "aws");
    assert_string_equal(v.alternatives[1]->id, "default");
}

static void each_cloud_selects_its_stack(void **state)
{
    mlroi_vendor v;
    (void)state;

    vendor_for(MLROI_CLOUD_MULTI, false, false, NAN, &v);
    assert_string_equal(v.recommended->id, "multi_cloud");
    assert_string_equal(v.recommended->stack, "ZenML + MLflow for tracking");
    assert_close(v.recommended->licence.high, 0, 0);

    vendor_for(MLROI_CLOUD_AZURE, false, false, NAN, &v);
    assert_string_equal(v.recommended->stack, "Azure ML with MLflow compatibility");

    vendor_for(MLROI_CLOUD_GCP, false, false, NAN, &v);
    assert_string_equal(v.recommended->stack, "Vertex AI with Kubeflow Pipelines");

    vendor_for(MLROI_CLOUD_AWS, false, false, NAN, &v);
    assert_string_equal(v.recommended->stack, "MLflow on SageMaker, or self-hosted MLflow on EC2");
    assert_int_equal(v.alternative_count, 1);
    assert_string_equal(v.alternatives[0]->id, "default");

    vendor_for(MLROI_CLOUD_ON_PREM, false, false, NAN, &v);
    assert_string_equal(v.recommended->stack, "Open-source MLflow on the existing infrastructure");
    assert_int_equal(v.alternative_count, 0);

    vendor_for(MLROI_CLOUD_NONE, false, false, NAN, &v);
    assert_string_equal(v.recommended->id, "default");
}

static void microsoft_centric_outranks_the_cloud_rules_below_it(void **state)
{
    mlroi_vendor v;
    (void)state;
    vendor_for(MLROI_CLOUD_GCP, true, false, NAN, &v);
    assert_string_equal(v.recommended->id, "azure");
    assert_int_equal(v.alternative_count, 2);
    assert_string_equal(v.alternatives[0]->id, "gcp");
    assert_string_equal(v.alternatives[1]->id, "default");
    assert_true(v.recommended->rationale[0] != '\0');
    assert_true(v.recommended->lock_in[0] != '\0');
}

static void enterprise_alternatives_only_for_enterprises(void **state)
{
    mlroi_vendor v;
    (void)state;

    vendor_for(MLROI_CLOUD_AWS, false, false, 300, &v);
    assert_int_equal(v.enterprise_count, 0);
    vendor_for(MLROI_CLOUD_AWS, false, false, 501, &v);
    assert_int_equal(v.enterprise_count, 2);
    assert_string_equal(v.enterprise[0]->name, "Databricks managed MLflow");
    assert_nan(v.enterprise[0]->annual.low);
    assert_close(v.enterprise[1]->annual.low, 200000, 0);
    assert_close(v.enterprise[1]->annual.high, 500000, 0);
}

static void no_platform_section_means_no_recommendation(void **state)
{
    mlroi_scenario *s = mlroi_scenario_new();
    mlroi_vendor v;
    (void)state;
    assert_non_null(s);
    mlroi_vendor_eval(s, mlroi_benchmarks_default(), NULL, &v);
    assert_false(v.present);
    assert_null(v.recommended);
    mlroi_scenario_free(s);
}

/* The licence of the recommended stack is flagged as outside the cost of ownership only when
 * there is a TCO, it lists no licence, and the stack costs one (Weights & Biases: 2,400 to
 * 24,000 a year; ZenML: none). */
static void a_licence_missing_from_the_tco_is_flagged(void **state)
{
    static const struct {
        bool research, has_tco;
        size_t licence_lines;
        bool flagged;
    } cases[] = {
        { true, true, 0, true },     /* W&B costs a licence and the TCO has none */
        { true, true, 1, false },    /* the TCO lists a licence already */
        { true, false, 0, false },   /* no TCO to leave it out of */
        { false, true, 0, false },   /* the multi-cloud stack is free */
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mlroi_scenario *s = mlroi_scenario_new();
        mlroi_vendor v;
        assert_non_null(s);
        s->has_platform = true;
        s->platform.cloud = MLROI_CLOUD_MULTI;
        s->platform.research_heavy = cases[i].research;
        s->has_tco = cases[i].has_tco;
        s->tco.license_count = cases[i].licence_lines;
        mlroi_vendor_eval(s, mlroi_benchmarks_default(), NULL, &v);
        if (v.licence_outside_tco != cases[i].flagged)
            print_error("case %zu: flagged %d\n", i, v.licence_outside_tco);
        assert_true(v.licence_outside_tco == cases[i].flagged);
        s->tco.license_count = 0;   /* the array was never allocated */
        mlroi_scenario_free(s);
    }
}

/* ---------- reasonableness checks ---------- */

typedef struct check_inputs {
    mlroi_scenario *s;
    mlroi_quick q;
    mlroi_bcase bc;
    mlroi_team team;
    mlroi_tco tco;
    mlroi_checks out;
} check_inputs;

/* Inputs with no module present; each test switches on what it checks. */
static void inputs_init(check_inputs *in)
{
    memset(in, 0, sizeof *in);
    in->s = mlroi_scenario_new();
    assert_non_null(in->s);
}

static void run_checks(check_inputs *in)
{
    mlroi_checks_eval(in->s, mlroi_benchmarks_default(), &in->q, &in->bc, &in->team, &in->tco,
                      &in->out);
}

static const mlroi_check *find_check(const mlroi_checks *c, const char *key)
{
    for (int i = 0; i < c->count; i++)
        if (strcmp(c->items[i].key, key) == 0)
            return &c->items[i];
    return NULL;
}

/* Sets one input of a check to VALUE, with whatever else the check needs. */
typedef void (*setter)(check_inputs *in, double value);

/* Runs the checks on fresh inputs with VALUE set by SET and returns KEY's check, which must be
 * there; the caller frees in->s. */
static const mlroi_check *check_at(check_inputs *in, setter set, const char *key, double value)
{
    const mlroi_check *c;

    inputs_init(in);
    set(in, value);
    run_checks(in);
    c = find_check(&in->out, key);
    assert_non_null(c);
    return c;
}

/* The verdict of KEY when its input is VALUE (set by SETTER). */
static mlroi_verdict verdict_at(setter set, const char *key, double value, bool *optimistic)
{
    check_inputs in;
    const mlroi_check *c = check_at(&in, set, key, value);
    mlroi_verdict v;

    assert_true(c->source && strstr(c->source, "MLOps for Decision Makers, 2025") != NULL);
    v = c->verdict;
    if (optimistic)
        *optimistic = c->optimistic;
    mlroi_scenario_free(in.s);
    return v;
}

static void set_roi_defaults(check_inputs *in)
{
    in->s->has_roi = true;
    in->s->roi.current_time_to_prod_weeks = 30;
    in->s->roi.mlops_time_to_prod_weeks = 3;
    in->s->roi.incident_reduction = 0.75;
    in->q.present = true;
}

static void set_time_without(check_inputs *in, double v)
{
    set_roi_defaults(in);
    in->s->roi.current_time_to_prod_weeks = v;
}

static void set_time_with(check_inputs *in, double v)
{
    set_roi_defaults(in);
    in->s->roi.mlops_time_to_prod_weeks = v;
}

static void set_incident_reduction(check_inputs *in, double v)
{
    set_roi_defaults(in);
    in->s->roi.incident_reduction = v;
}

static void set_roi_percent(check_inputs *in, double v)
{
    in->bc.present = true;
    in->bc.adjusted.horizon = 3;
    in->bc.adjusted.roi_percent = v;
    in->bc.adjusted.payback_months = 15;
}

static void set_payback(check_inputs *in, double v)
{
    set_roi_percent(in, 210);
    in->bc.adjusted.payback_months = v;
}

static void set_cloud_midmarket(check_inputs *in, double v)
{
    in->s->employees = 300;
    in->tco.present = true;
    in->tco.monthly_cloud = v;
}

static void set_cloud_enterprise(check_inputs *in, double v)
{
    in->s->employees = 5000;
    in->tco.present = true;
    in->tco.monthly_cloud = v;
}

static void set_team_cost_startup(check_inputs *in, double v)
{
    in->s->employees = 50;
    in->team.present = true;
    in->team.bracket = mlroi_bracket_for(mlroi_benchmarks_default(), 50);
    in->team.annual_cost = v;
}

/* One value of a check's input, the verdict it must get and, unless OPT_ANY, whether it must be
 * flagged optimistic. */
typedef enum { OPT_ANY, OPT_NO, OPT_YES } opt_expect;
typedef struct edge {
    double value;
    mlroi_verdict verdict;
    opt_expect optimistic;
} edge;

#define EDGES(cases) (cases), sizeof(cases) / sizeof(cases)[0]

/* Every case of CASES (N of them) gets its verdict from KEY's check, its input set by SET. */
static void check_edges(setter set, const char *key, const edge *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        bool opt = cases[i].optimistic == OPT_NO;   /* the opposite of what is expected */
        mlroi_verdict v = verdict_at(set, key, cases[i].value, &opt);
        if (v != cases[i].verdict)
            print_error("%s at %g\n", key, cases[i].value);
        assert_int_equal(v, cases[i].verdict);
        if (cases[i].optimistic == OPT_NO)
            assert_false(opt);
        else if (cases[i].optimistic == OPT_YES)
            assert_true(opt);
    }
}

static void time_to_production_checks_are_within_at_their_edges(void **state)
{
    /* Without MLOps 26-52 weeks (6-12 months); with MLOps 2-4 weeks. */
    static const edge without[] = {
        { 26, MLROI_WITHIN, OPT_ANY }, { 52, MLROI_WITHIN, OPT_ANY },
        { 25.9, MLROI_BELOW, OPT_ANY }, { 52.1, MLROI_ABOVE, OPT_ANY },
    };
    static const edge with[] = {
        { 2, MLROI_WITHIN, OPT_ANY }, { 4, MLROI_WITHIN, OPT_ANY },
        { 1.9, MLROI_BELOW, OPT_ANY }, { 4.1, MLROI_ABOVE, OPT_ANY },
    };
    (void)state;
    check_edges(set_time_without, "roi.current_time_to_prod_weeks", EDGES(without));
    check_edges(set_time_with, "roi.mlops_time_to_prod_weeks", EDGES(with));
}

static void incident_reduction_above_nine_tenths_is_optimistic(void **state)
{
    static const edge cases[] = {
        { 0.75, MLROI_WITHIN, OPT_NO },
        { 0.5, MLROI_BELOW, OPT_ANY },
        { 0.9, MLROI_ABOVE, OPT_NO },   /* exactly 0.9 is not flagged */
        { 0.95, MLROI_ABOVE, OPT_YES },
    };
    check_inputs in;
    const mlroi_check *c;
    (void)state;

    check_edges(set_incident_reduction, "roi.incident_reduction", EDGES(cases));
    c = check_at(&in, set_incident_reduction, "roi.incident_reduction", 0.95);
    assert_string_equal(c->note,
                        "incident reduction 0.95 is above the 0.75 the benchmark assumes: "
                        "optimistic");
    assert_int_equal(in.out.optimistic_count, 1);
    mlroi_scenario_free(in.s);
}

static void three_year_roi_above_twice_the_published_figure_is_optimistic(void **state)
{
    /* Published 210 %; flagged above 2 * 210 = 420 %. */
    static const edge cases[] = {
        { 210, MLROI_WITHIN, OPT_NO },
        { 150, MLROI_BELOW, OPT_ANY },
        { 420, MLROI_ABOVE, OPT_NO },
        { 420.5, MLROI_ABOVE, OPT_YES },
    };
    (void)state;
    check_edges(set_roi_percent, "business_case.roi_percent", EDGES(cases));
}

static void roi_check_is_left_out_for_other_horizons(void **state)
{
    check_inputs in;
    (void)state;
    inputs_init(&in);
    set_roi_percent(&in, 300);
    in.bc.adjusted.horizon = 5;
    run_checks(&in);
    assert_null(find_check(&in.out, "business_case.roi_percent"));
    assert_non_null(find_check(&in.out, "business_case.payback_months"));
    mlroi_scenario_free(in.s);
}

static void payback_is_compared_with_twelve_to_eighteen_months(void **state)
{
    static const edge cases[] = {
        { 12, MLROI_WITHIN, OPT_ANY }, { 18, MLROI_WITHIN, OPT_ANY },
        { 11.9, MLROI_BELOW, OPT_ANY }, { 18.1, MLROI_ABOVE, OPT_ANY },
    };
    check_inputs in;
    const mlroi_check *c;
    (void)state;

    check_edges(set_payback, "business_case.payback_months", EDGES(cases));
    /* Never paying back within the horizon is beyond the benchmark. */
    c = check_at(&in, set_payback, "business_case.payback_months", NAN);
    assert_int_equal(c->verdict, MLROI_ABOVE);
    assert_nan(c->value);
    assert_non_null(strstr(c->note, "never"));
    mlroi_scenario_free(in.s);
}

static void monthly_cloud_uses_the_band_of_the_size_bracket(void **state)
{
    /* Mid-market 2,000-6,000 a month; enterprise with LLM fine-tuning 25,000-120,000. */
    static const edge midmarket[] = {
        { 2000, MLROI_WITHIN, OPT_ANY }, { 6000, MLROI_WITHIN, OPT_ANY },
        { 1999.99, MLROI_BELOW, OPT_ANY }, { 6000.01, MLROI_ABOVE, OPT_ANY },
    };
    static const edge enterprise[] = {
        { 25000, MLROI_WITHIN, OPT_ANY }, { 120000, MLROI_WITHIN, OPT_ANY },
        { 24999, MLROI_BELOW, OPT_ANY }, { 120001, MLROI_ABOVE, OPT_ANY },
    };
    check_inputs in;
    (void)state;
    check_edges(set_cloud_midmarket, "tco.monthly_cloud", EDGES(midmarket));
    check_edges(set_cloud_enterprise, "tco.monthly_cloud", EDGES(enterprise));
    /* No published cloud band for start-ups, and none without a head count. */
    inputs_init(&in);
    set_cloud_midmarket(&in, 3000);
    in.s->employees = 20;
    run_checks(&in);
    assert_null(find_check(&in.out, "tco.monthly_cloud"));
    in.s->employees = NAN;
    run_checks(&in);
    assert_null(find_check(&in.out, "tco.monthly_cloud"));
    mlroi_scenario_free(in.s);
}

static void team_cost_is_compared_with_the_bracket_budget(void **state)
{
    /* Start-up / SMB: 25,000-60,000 a year. */
    static const edge cases[] = {
        { 25000, MLROI_WITHIN, OPT_ANY }, { 60000, MLROI_WITHIN, OPT_ANY },
        { 24999, MLROI_BELOW, OPT_ANY }, { 60001, MLROI_ABOVE, OPT_ANY },
    };
    (void)state;
    check_edges(set_team_cost_startup, "team.annual_cost", EDGES(cases));
}

static void checks_without_inputs_are_left_out(void **state)
{
    check_inputs in;
    (void)state;
    inputs_init(&in);
    run_checks(&in);
    assert_int_equal(in.out.count, 0);
    mlroi_scenario_free(in.s);
}

/* ---------- chargeback ---------- */

static mlroi_scenario *chargeback_scenario(mlroi_cb_basis basis, size_t n, const double *models)
{
    mlroi_scenario *s = mlroi_scenario_new();
    assert_non_null(s);
    s->has_chargeback = true;
    s->chargeback.basis = basis;
    s->chargeback.unit_count = n;
    if (n) {
        s->chargeback.units = calloc(n, sizeof *s->chargeback.units);
        assert_non_null(s->chargeback.units);
    }
    for (size_t i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "unit %zu", i + 1);
        s->chargeback.units[i].name = strdup(name);
        s->chargeback.units[i].models = models[i];
    }
    return s;
}

static long long cents_sum(const mlroi_chargeback *cb)
{
    long long sum = 0;
    for (size_t i = 0; i < cb->unit_count; i++)
        sum += cb->units[i].annual_charge_cents;
    return sum;
}

/* The units' charges in cents are CENTS, in unit order. */
static void check_cents(const mlroi_chargeback *cb, const long long *cents, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (cb->units[i].annual_charge_cents != cents[i])
            print_error("unit %zu: %lld cents\n", i + 1, cb->units[i].annual_charge_cents);
        assert_true(cb->units[i].annual_charge_cents == cents[i]);
    }
}

static void equal_split_adds_up_to_the_pool_to_the_cent(void **state)
{
    const double models[3] = { 0, 0, 0 };
    mlroi_scenario *s = chargeback_scenario(MLROI_CB_EQUAL, 3, models);
    mlroi_chargeback cb;
    (void)state;

    /* Pool = annual_cost * (1 + cost_risk) = 100,000.00 with no TCO section; a third each is
     * 33,333.333...: 3,333,333 cents each, and the one cent left goes to the first unit. */
    s->bc.annual_cost = 100000;
    assert_int_equal(mlroi_chargeback_eval(s, NULL, &cb, NULL), MLROI_OK);
    assert_true(cb.present);
    assert_close(cb.pool, 100000, 0);
    assert_string_equal(cb.pool_source, "business_case.annual_cost");
    assert_int_equal(cb.unit_count, 3);
    assert_close(cb.units[0].share, 1.0 / 3.0, 1e-15);
    assert_close(cb.units[0].annual_charge, 100000.0 / 3.0, 1e-12);
    check_cents(&cb, (const long long[]){ 3333334, 3333333, 3333333 }, 3);
    assert_true(cents_sum(&cb) == 10000000);
    free(cb.units);
    mlroi_scenario_free(s);
}

static void model_shares_use_the_tco_pool_and_largest_remainders(void **state)
{
    const double models[4] = { 5, 3, 1, 1 };
    mlroi_scenario *s = chargeback_scenario(MLROI_CB_MODELS, 4, models);
    mlroi_tco tco;
    mlroi_chargeback cb;
    (void)state;

    /* Pool 1,000.07 = 100,007 cents over 10 models: exact 50,003.5, 30,002.1, 10,000.7,
     * 10,000.7 cents; floors sum to 100,005, so the 2 cents left go to the largest remainders:
     * 0.7 (unit 3) and 0.7 (unit 4), ties in unit order. */
    memset(&tco, 0, sizeof tco);
    tco.present = true;
    tco.recurring_total = 1000.07;
    s->bc.annual_cost = 5;   /* ignored: the TCO section wins */
    assert_int_equal(mlroi_chargeback_eval(s, &tco, &cb, NULL), MLROI_OK);
    assert_string_equal(cb.pool_source, "tco.recurring_annual.total");
    assert_close(cb.units[0].share, 0.5, 1e-15);
    assert_close(cb.units[0].annual_charge, 500.035, 1e-12);
    check_cents(&cb, (const long long[]){ 50003, 30002, 10001, 10001 }, 4);
    assert_true(cents_sum(&cb) == 100007);
    free(cb.units);
    mlroi_scenario_free(s);
}

static void leftover_cents_on_ties_go_in_unit_order(void **state)
{
    const double models[3] = { 1, 1, 1 };
    mlroi_scenario *s = chargeback_scenario(MLROI_CB_MODELS, 3, models);
    mlroi_chargeback cb;
    (void)state;

    s->bc.annual_cost = 0.02;   /* 2 cents over 3 equal units: 1, 1, 0 */
    assert_int_equal(mlroi_chargeback_eval(s, NULL, &cb, NULL), MLROI_OK);
    check_cents(&cb, (const long long[]){ 1, 1, 0 }, 3);
    free(cb.units);
    mlroi_scenario_free(s);
}

static void pool_includes_the_cost_risk(void **state)
{
    const double models[2] = { 1, 3 };
    mlroi_scenario *s = chargeback_scenario(MLROI_CB_MODELS, 2, models);
    mlroi_chargeback cb;
    (void)state;

    s->has_roi = true;
    s->roi.mlops_investment = 200000;   /* annual_cost follows it */
    s->bc.cost_risk = 0.1;              /* pool 220,000: 55,000 and 165,000 */
    assert_int_equal(mlroi_chargeback_eval(s, NULL, &cb, NULL), MLROI_OK);
    assert_close(cb.pool, 220000, 1e-12);
    assert_close(cb.units[0].annual_charge, 55000, 1e-12);
    assert_close(cb.units[1].annual_charge, 165000, 1e-12);
    assert_true(cents_sum(&cb) == 22000000);
    free(cb.units);
    mlroi_scenario_free(s);
}

static void chargeback_without_units_or_models_is_an_error(void **state)
{
    const double zeros[2] = { 0, 0 };
    mlroi_scenario *s = chargeback_scenario(MLROI_CB_MODELS, 0, NULL);
    mlroi_chargeback cb;
    mlroi_diags d = { 0 };
    (void)state;

    s->bc.annual_cost = 1000;
    assert_int_equal(mlroi_chargeback_eval(s, NULL, &cb, &d), MLROI_ERR_MISSING);
    assert_false(cb.present);
    assert_null(cb.units);
    assert_string_equal(mlroi_diags_first_error(&d)->path, "chargeback.units");
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);

    s = chargeback_scenario(MLROI_CB_MODELS, 2, zeros);
    s->bc.annual_cost = 1000;
    assert_int_equal(mlroi_chargeback_eval(s, NULL, &cb, &d), MLROI_ERR_INVALID);
    assert_null(cb.units);
    assert_string_equal(mlroi_diags_first_error(&d)->path, "chargeback.units");
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);
}

static void engine_result_owns_and_frees_the_chargeback(void **state)
{
    const double models[2] = { 1, 1 };
    mlroi_scenario *s = chargeback_scenario(MLROI_CB_MODELS, 2, models);
    mlroi_result r;
    (void)state;

    s->bc.annual_cost = 10;
    assert_int_equal(mlroi_evaluate(s, NULL, &r, NULL), MLROI_OK);
    assert_true(r.chargeback.present);
    assert_int_equal(r.chargeback.unit_count, 2);
    assert_string_equal(mlroi_verdict_name(MLROI_WITHIN), "within");
    mlroi_result_free(&r);
    assert_null(r.chargeback.units);
    mlroi_result_free(&r);   /* twice is harmless */
    mlroi_result_free(NULL);
    mlroi_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(research_heavy_team_gets_wandb_first),
        cmocka_unit_test(each_cloud_selects_its_stack),
        cmocka_unit_test(microsoft_centric_outranks_the_cloud_rules_below_it),
        cmocka_unit_test(enterprise_alternatives_only_for_enterprises),
        cmocka_unit_test(no_platform_section_means_no_recommendation),
        cmocka_unit_test(a_licence_missing_from_the_tco_is_flagged),
        cmocka_unit_test(time_to_production_checks_are_within_at_their_edges),
        cmocka_unit_test(incident_reduction_above_nine_tenths_is_optimistic),
        cmocka_unit_test(three_year_roi_above_twice_the_published_figure_is_optimistic),
        cmocka_unit_test(roi_check_is_left_out_for_other_horizons),
        cmocka_unit_test(payback_is_compared_with_twelve_to_eighteen_months),
        cmocka_unit_test(monthly_cloud_uses_the_band_of_the_size_bracket),
        cmocka_unit_test(team_cost_is_compared_with_the_bracket_budget),
        cmocka_unit_test(checks_without_inputs_are_left_out),
        cmocka_unit_test(equal_split_adds_up_to_the_pool_to_the_cent),
        cmocka_unit_test(model_shares_use_the_tco_pool_and_largest_remainders),
        cmocka_unit_test(leftover_cents_on_ties_go_in_unit_order),
        cmocka_unit_test(pool_includes_the_cost_risk),
        cmocka_unit_test(chargeback_without_units_or_models_is_an_error),
        cmocka_unit_test(engine_result_owns_and_frees_the_chargeback),
    };
    return cmocka_run_group_tests_name("decision", tests, NULL, NULL);
}
