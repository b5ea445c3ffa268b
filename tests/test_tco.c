/* SPDX-License-Identifier: MIT */
/* Tests of the total cost of ownership against the article's catalog rates, by hand. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>
#include "mlroi/benchmarks.h"
#include "mlroi/scenario.h"
#include "mlroi/tco.h"
#include "mlroi/team.h"

static void add_workload(mlroi_scenario *s, const char *name, mlroi_workload_kind kind,
                         const char *instance, double hourly_rate, double instances,
                         double hours_per_month)
{
    mlroi_workload *grown = realloc(s->tco.workloads,
                                    (s->tco.workload_count + 1) * sizeof *s->tco.workloads);
    mlroi_workload *w;
    assert_non_null(grown);
    s->tco.workloads = grown;
    w = &grown[s->tco.workload_count++];
    memset(w, 0, sizeof *w);
    w->name = strdup(name);
    w->kind = kind;
    w->instance = instance ? strdup(instance) : NULL;
    w->hourly_rate = hourly_rate;
    w->instances = instances;
    w->hours_per_month = hours_per_month;
}

/* Appends the one-time cost NAME of AMOUNT to the TCO section of S. */
static void add_one_time(mlroi_scenario *s, const char *name, double amount)
{
    mlroi_one_time *grown = realloc(s->tco.one_time,
                                    (s->tco.one_time_count + 1) * sizeof *s->tco.one_time);
    assert_non_null(grown);
    s->tco.one_time = grown;
    grown[s->tco.one_time_count++] = (mlroi_one_time){ strdup(name), amount };
}

/* Evaluates the TCO of S (people from TEAM when given) into T, which must succeed. */
static void eval_ok(const mlroi_scenario *s, const mlroi_team *team, mlroi_tco *t)
{
    assert_int_equal(mlroi_tco_eval(s, mlroi_benchmarks_default(), team, t, NULL), MLROI_OK);
}

static mlroi_scenario *tco_scenario(void)
{
    mlroi_scenario *s = mlroi_scenario_new();
    assert_non_null(s);
    s->has_tco = true;
    return s;
}

static void catalog_holds_the_published_rates(void **state)
{
    const mlroi_benchmarks *b = mlroi_benchmarks_default();
    (void)state;
    /* MLOps for Decision Makers, 2025, Costs and Budgeting (SageMaker as the benchmark). */
    assert_close(mlroi_benchmarks_rate(b, NULL, "cpu.small.training"), 0.10, 0);
    assert_close(mlroi_benchmarks_rate(b, NULL, "gpu.a100.training"), 13.83, 0);
    assert_close(mlroi_benchmarks_rate(b, NULL, "cpu.inference"), 0.05, 0);
    assert_close(mlroi_benchmarks_rate(b, NULL, "gpu.inference"), 4.48, 0);
    assert_close(mlroi_benchmarks_rate(b, NULL, "storage.gb_month"), 0.023, 0);
    assert_nan(mlroi_benchmarks_rate(b, NULL, "tpu.v5"));
}

static void recurring_costs_use_the_catalog_rates(void **state)
{
    mlroi_scenario *s = tco_scenario();
    mlroi_tco t;
    (void)state;

    /* By hand, yearly = rate * instances * hours_per_month * 12:
     *   training  gpu.a100.training 13.83 * 1 * 40 * 12 = 6,638.40
     *             cpu.small.training 0.10 * 2 * 100 * 12 = 240
     *   inference gpu.inference 4.48 * 1 * 730 * 12      = 39,244.80
     *             hourly_rate 0.50 * 3 * 730 * 12         = 13,140
     *   storage   500 GB * 0.023 * 12                     = 138
     *   monitoring 6 models * 125 * 12                    = 9,000
     *   licences  12,000 a year + 500 a month * 12        = 18,000
     * recurring 6,878.40 + 52,384.80 + 138 + 9,000 + 18,000 = 86,401.20
     * monthly cloud (6,878.40 + 52,384.80 + 138 + 9,000) / 12 = 5,700.10
     * one-time 30,000 + 20,000 = 50,000; horizon 3: total 50,000 + 3 * 86,401.20 = 309,203.60 */
    add_workload(s, "fraud training", MLROI_WL_TRAINING, "gpu.a100.training", NAN, 1, 40);
    add_workload(s, "small training", MLROI_WL_TRAINING, "cpu.small.training", NAN, 2, 100);
    add_workload(s, "gpu endpoint", MLROI_WL_INFERENCE, "gpu.inference", NAN, 1, 730);
    add_workload(s, "api", MLROI_WL_INFERENCE, NULL, 0.50, 3, 730);
    s->tco.storage_gb = 500;
    s->tco.monitored_models = 6;
    s->tco.licenses = calloc(2, sizeof *s->tco.licenses);
    assert_non_null(s->tco.licenses);
    s->tco.license_count = 2;
    s->tco.licenses[0] = (mlroi_license){ strdup("tracking"), 12000, NAN };
    s->tco.licenses[1] = (mlroi_license){ strdup("monitoring"), 6000, 500 };
    add_one_time(s, "set-up", 30000);
    add_one_time(s, "training", 20000);

    eval_ok(s, NULL, &t);
    assert_true(t.present);
    assert_close(t.training, 6878.40, 1e-12);
    assert_close(t.inference, 52384.80, 1e-12);
    assert_close(t.storage, 138, 1e-12);
    assert_close(t.storage_rate, 0.023, 0);
    assert_close(t.monitoring, 9000, 1e-12);
    assert_close(t.monitoring_rate, 125, 0);
    assert_close(t.licenses, 18000, 1e-12);
    assert_close(t.people, 0, 0);
    assert_close(t.recurring_total, 86401.20, 1e-12);
    assert_close(t.monthly_cloud, 5700.10, 1e-12);
    assert_close(t.one_time_total, 50000, 0);
    assert_int_equal(t.horizon, 3);
    assert_int_equal(t.years[0].year, 0);
    assert_close(t.years[0].one_time, 50000, 0);
    assert_close(t.years[0].recurring, 0, 0);
    assert_close(t.years[0].total, 50000, 0);
    for (int y = 1; y <= 3; y++) {
        assert_int_equal(t.years[y].year, y);
        assert_close(t.years[y].one_time, 0, 0);
        assert_close(t.years[y].total, 86401.20, 1e-12);
    }
    assert_close(t.total, 309203.60, 1e-12);
    assert_true(t.has_licence_for_stack);
    mlroi_scenario_free(s);
}

static void scenario_rates_override_the_catalog(void **state)
{
    mlroi_scenario *s = tco_scenario();
    mlroi_tco t;
    (void)state;

    /* 9.00 * 1 * 10 * 12 = 1,080 with the override; a new id "tpu.v5" at 2.00: 2 * 1 * 10 * 12
     * = 240; storage 100 GB * 0.02 * 12 = 24; monitoring 1 * 60 * 12 = 720. */
    add_workload(s, "a100", MLROI_WL_TRAINING, "gpu.a100.training", NAN, 1, 10);
    add_workload(s, "tpu", MLROI_WL_TRAINING, "tpu.v5", NAN, 1, 10);
    s->tco.catalog = calloc(2, sizeof *s->tco.catalog);
    assert_non_null(s->tco.catalog);
    s->tco.catalog_count = 2;
    s->tco.catalog[0] = (mlroi_rate){ strdup("gpu.a100.training"), 9.00 };
    s->tco.catalog[1] = (mlroi_rate){ strdup("tpu.v5"), 2.00 };
    s->tco.storage_gb = 100;
    s->tco.storage_per_gb_month = 0.02;
    s->tco.monitored_models = 1;
    s->tco.monitoring_per_model_month = 60;
    eval_ok(s, NULL, &t);
    assert_close(t.training, 1320, 1e-12);
    assert_close(t.storage, 24, 1e-12);
    assert_close(t.monitoring, 720, 1e-12);
    mlroi_scenario_free(s);
}

static void unknown_catalog_id_is_reported_with_its_path(void **state)
{
    mlroi_scenario *s = tco_scenario();
    mlroi_tco t;
    mlroi_diags d = { 0 };
    const mlroi_diag *e;
    (void)state;

    add_workload(s, "ok", MLROI_WL_TRAINING, "cpu.small.training", NAN, 1, 10);
    add_workload(s, "typo", MLROI_WL_INFERENCE, "gpu.inferense", NAN, 1, 10);
    assert_int_equal(mlroi_tco_eval(s, mlroi_benchmarks_default(), NULL, &t, &d),
                     MLROI_ERR_INVALID);
    assert_false(t.present);
    e = mlroi_diags_first_error(&d);
    assert_non_null(e);
    assert_int_equal(e->code, MLROI_ERR_INVALID);
    assert_string_equal(e->path, "tco.workloads[1].instance");
    assert_non_null(strstr(e->message, "gpu.inferense"));
    assert_non_null(strstr(e->message, "gpu.inference"));   /* the known ids are listed */
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

static void people_costs_come_from_team_sizing_when_included(void **state)
{
    mlroi_scenario *s = tco_scenario();
    mlroi_team team;
    mlroi_tco t;
    mlroi_diags d = { 0 };
    (void)state;

    s->tco.include_people = true;
    assert_int_equal(mlroi_tco_eval(s, mlroi_benchmarks_default(), NULL, &t, &d),
                     MLROI_ERR_MISSING);
    assert_string_equal(mlroi_diags_first_error(&d)->path, "tco.include_people");

    /* 6 data scientists, 8 models: 2 ML engineers at 125,000 + 1 MLOps at 135,000. */
    s->has_team = true;
    s->team.data_scientists = 6;
    s->team.production_models = 8;
    mlroi_team_eval(s, mlroi_benchmarks_default(), &team);
    eval_ok(s, &team, &t);
    assert_close(t.people, 385000, 0);
    assert_close(t.recurring_total, 385000, 0);
    assert_close(t.monthly_cloud, 0, 0);   /* people are not cloud */
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

static void cost_stream_feeds_the_business_case(void **state)
{
    mlroi_scenario *s = tco_scenario();
    mlroi_tco t;
    mlroi_cost_stream c;
    (void)state;

    s->bc.horizon_years = 2;
    s->tco.monitored_models = 1;   /* 1,500 a year */
    add_one_time(s, "set-up", 10000);
    eval_ok(s, NULL, &t);
    mlroi_tco_cost_stream(&t, &c);
    assert_close(c.c[0], 10000, 0);
    assert_close(c.c[1], 1500, 0);
    assert_close(c.c[2], 1500, 0);
    assert_close(c.c[3], 0, 0);
    assert_close(t.total, 13000, 0);
    mlroi_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(catalog_holds_the_published_rates),
        cmocka_unit_test(recurring_costs_use_the_catalog_rates),
        cmocka_unit_test(scenario_rates_override_the_catalog),
        cmocka_unit_test(unknown_catalog_id_is_reported_with_its_path),
        cmocka_unit_test(people_costs_come_from_team_sizing_when_included),
        cmocka_unit_test(cost_stream_feeds_the_business_case),
    };
    return cmocka_run_group_tests_name("tco", tests, NULL, NULL);
}
