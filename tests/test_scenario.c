/* SPDX-License-Identifier: MIT */
/* Loader tests: defaults, sources, --set overrides, extends, bindings, located errors. */
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "mlroi/scenario.h"

static mlroi_scenario *load(const char *text, const mlroi_load_options *o, mlroi_diags *d)
{
    mlroi_scenario *s = NULL;
    mlroi_scenario_load_text("t.json", text, strlen(text), o, &s, d);
    return s;
}

static void absent_keys_take_the_contract_defaults(void **state)
{
    mlroi_diags d = {0};
    mlroi_scenario *s = load("{ \"business_case\": {} }", NULL, &d);
    (void)state;
    assert_non_null(s);
    assert_string_equal(s->currency, "USD");
    assert_close(s->bc.horizon_years, 3, 0);
    assert_close(s->bc.discount_rate, 0.10, 0);
    assert_close(s->bc.initial_investment, 0, 0);
    assert_nan(s->bc.annual_cost);            /* follows roi.mlops_investment */
    assert_close(s->team.target_level, 2, 0);
    assert_int_equal(s->region, MLROI_REGION_US);
    assert_true(s->has_business_case);
    assert_false(s->has_roi);
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);
}

static void annual_cost_follows_the_investment_unless_given(void **state)
{
    mlroi_scenario *s = mlroi_scenario_new();
    (void)state;
    s->roi.mlops_investment = 200000;
    assert_close(mlroi_scenario_annual_cost(s), 200000, 0);
    s->bc.annual_cost = 150000;
    assert_close(mlroi_scenario_annual_cost(s), 150000, 0);
    mlroi_scenario_free(s);
}

static void set_overrides_a_value_and_records_its_source(void **state)
{
    mlroi_diags d = {0};
    mlroi_override ov[] = {{"business_case.discount_rate", "0.12"}, {"name", "What if"}};
    mlroi_load_options o = {.overrides = ov, .override_count = 2};
    mlroi_scenario *s = load("{ \"business_case\": { \"horizon_years\": 5 } }", &o, &d);
    const mlroi_param *rate = mlroi_param_find("business_case.discount_rate");
    const mlroi_param *hz = mlroi_param_find("business_case.horizon_years");
    const mlroi_param *ii = mlroi_param_find("business_case.initial_investment");
    (void)state;
    assert_non_null(s);
    assert_close(s->bc.discount_rate, 0.12, 0);
    assert_string_equal(s->name, "What if");
    assert_int_equal(s->sources[mlroi_param_index(rate)], MLROI_SRC_SET);
    assert_int_equal(s->sources[mlroi_param_index(hz)], MLROI_SRC_FILE);
    assert_int_equal(s->sources[mlroi_param_index(ii)], MLROI_SRC_DEFAULT);
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);
}

static void set_null_restores_the_default(void **state)
{
    mlroi_diags d = {0};
    mlroi_override ov[] = {{"business_case.horizon_years", "null"}};
    mlroi_load_options o = {.overrides = ov, .override_count = 1};
    mlroi_scenario *s = load("{ \"business_case\": { \"horizon_years\": 5 } }", &o, &d);
    (void)state;
    assert_non_null(s);
    assert_close(s->bc.horizon_years, 3, 0);
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);
}

static void set_reaches_array_elements_and_dotted_catalog_ids(void **state)
{
    mlroi_diags d = {0};
    mlroi_override ov[] = {{"tco.workloads[0].instances", "3"},
                           {"tco.catalog.gpu.inference", "5"}};
    mlroi_load_options o = {.overrides = ov, .override_count = 2};
    mlroi_scenario *s = load("{ \"tco\": { \"catalog\": { \"gpu.inference\": 4 }, \"workloads\": "
                             "[ { \"name\": \"w\", \"kind\": \"inference\", \"instance\": "
                             "\"gpu.inference\", \"hours_per_month\": 10 } ] } }", &o, &d);
    (void)state;
    assert_non_null(s);
    assert_close(s->tco.workloads[0].instances, 3, 0);
    assert_int_equal(s->tco.catalog_count, 1);
    assert_close(s->tco.catalog[0].hourly_rate, 5, 0);
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);
}

static void a_bad_set_value_is_located_at_the_option(void **state)
{
    mlroi_diags d = {0};
    mlroi_override ov[] = {{"business_case.horizon_years", "forty"}};
    mlroi_load_options o = {.overrides = ov, .override_count = 1};
    mlroi_scenario *s = load("{}", &o, &d);
    const mlroi_diag *e = mlroi_diags_first_error(&d);
    (void)state;
    assert_null(s);
    assert_non_null(e);
    assert_string_equal(e->file, "--set");
    assert_string_equal(e->path, "business_case.horizon_years");
    assert_int_equal(e->code, MLROI_ERR_TYPE);
    mlroi_diags_free(&d);
}

/* In-memory files for "extends". */
static char *fake_read(void *ctx, const char *path, size_t *len, mlroi_error *err)
{
    const char *const *files = ctx;
    for (size_t i = 0; files[i]; i += 2)
        if (strcmp(files[i], path) == 0) {
            *len = strlen(files[i + 1]);
            return strdup(files[i + 1]);
        }
    *err = MLROI_ERR_IO;
    return NULL;
}

static void extends_merges_objects_and_replaces_arrays(void **state)
{
    static const char *const files[] = {
        "dir/base.json",
        "{ \"name\": \"base\", \"business_case\": { \"horizon_years\": 5, \"discount_rate\": 0.08,"
        " \"benefit_ramp\": [0.2, 0.4, 1] } }",
        NULL};
    mlroi_diags d = {0};
    mlroi_load_options o = {.read_file = fake_read, .read_ctx = (void *)files};
    mlroi_scenario *s = NULL;
    const char *text = "{ \"extends\": \"base.json\", \"business_case\": { \"discount_rate\": 0.12,"
                       " \"benefit_ramp\": [0.5] } }";
    (void)state;
    mlroi_scenario_load_text("dir/child.json", text, strlen(text), &o, &s, &d);
    assert_non_null(s);
    assert_string_equal(s->name, "base");             /* inherited */
    assert_close(s->bc.horizon_years, 5, 0);          /* object members merge */
    assert_close(s->bc.discount_rate, 0.12, 0);       /* the child wins */
    assert_int_equal(s->bc.ramp_count, 1);            /* arrays replace, not merge */
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);
}

static void an_extends_cycle_is_an_error(void **state)
{
    static const char *const files[] = {
        "a.json", "{ \"extends\": \"b.json\" }",
        "b.json", "{ \"extends\": \"a.json\" }",
        NULL};
    mlroi_diags d = {0};
    mlroi_load_options o = {.read_file = fake_read, .read_ctx = (void *)files};
    mlroi_scenario *s = NULL;
    const char *text = "{ \"extends\": \"b.json\" }";
    (void)state;
    assert_int_equal(mlroi_scenario_load_text("a.json", text, strlen(text), &o, &s, &d),
                     MLROI_ERR_INVALID);
    assert_null(s);
    assert_non_null(strstr(mlroi_diags_first_error(&d)->message, "cycle"));
    mlroi_diags_free(&d);
}

static void errors_carry_line_column_and_path(void **state)
{
    mlroi_diags d = {0};
    /* Line 3 is four spaces and "team_size": (13 characters), so -1 starts at column 18. */
    mlroi_scenario *s = load("{\n  \"roi\": {\n    \"team_size\": -1\n  }\n}", NULL, &d);
    const mlroi_diag *e = mlroi_diags_first_error(&d);
    char line[512];
    (void)state;
    assert_null(s);
    mlroi_diag_format(e, line, sizeof line);
    assert_string_equal(line, "t.json:3:18: roi.team_size: expected a number from 0 to "
                              "10000000, got -1");
    mlroi_diags_free(&d);
}

static void every_problem_is_reported_not_just_the_first(void **state)
{
    mlroi_diags d = {0};
    mlroi_scenario *s = load("{ \"currency\": \"usd\", \"format\": 2, \"nmae\": \"x\" }", NULL, &d);
    (void)state;
    assert_null(s);
    assert_int_equal(mlroi_diags_errors(&d), 3);
    mlroi_diags_free(&d);
}

/* The article's roi section with avg_salary given as TEXT (a JSON value). */
#define ROI_WITH_SALARY(TEXT) "{ \"roi\": { \"team_size\": 5, \"avg_salary\": " TEXT ", " \
    "\"models_per_year\": 6, \"current_time_to_prod_weeks\": 16, " \
    "\"mlops_time_to_prod_weeks\": 3, \"model_incidents_per_year\": 4, " \
    "\"avg_incident_cost\": 75000, \"incident_reduction\": 0.75, " \
    "\"mlops_investment\": 200000 } }"

static void a_refused_required_key_is_not_also_called_missing(void **state)
{
    mlroi_diags d = {0};
    mlroi_scenario *s = load(ROI_WITH_SALARY("\"90k\""), NULL, &d);
    (void)state;
    assert_null(s);
    assert_int_equal(mlroi_diags_errors(&d), 1);
    assert_non_null(strstr(mlroi_diags_first_error(&d)->message, "got \"90k\""));
    mlroi_diags_free(&d);
}

static void a_value_past_a_large_limit_names_the_limit(void **state)
{
    mlroi_diags d = {0};
    mlroi_scenario *s = load(ROI_WITH_SALARY("2e12"), NULL, &d);
    (void)state;
    assert_null(s);
    /* Money is capped at 1e12; below the cap the message only says ">= 0". */
    assert_string_equal(mlroi_diags_first_error(&d)->message,
                        "expected a number from 0 to 1000000000000, got 2000000000000");
    mlroi_diags_free(&d);
}

static void unanswered_questions_are_warnings(void **state)
{
    mlroi_diags d = {0};
    mlroi_scenario *s = load("{ \"maturity\": { \"answers\": { \"experiment_tracking\": true } } }",
                             NULL, &d);
    (void)state;
    assert_non_null(s);
    assert_int_equal(mlroi_diags_errors(&d), 0);
    assert_int_equal(d.warnings, 15);
    assert_int_equal(s->answers[0], MLROI_YES);
    assert_int_equal(s->answers[1], MLROI_UNANSWERED);
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);
}

static void a_binding_writes_through_to_the_scenario(void **state)
{
    mlroi_scenario *s = mlroi_scenario_new();
    mlroi_binding b;
    mlroi_diags d = {0};
    (void)state;
    assert_int_equal(mlroi_binding_resolve(s, "roi.avg_salary", &b, &d), MLROI_OK);
    *b.value = 12345;
    assert_close(s->roi.avg_salary, 12345, 0);
    assert_int_equal(mlroi_binding_check(&b, -1, &d), MLROI_ERR_RANGE);
    assert_int_equal(mlroi_binding_resolve(s, "business_case.horizon_years", &b, &d), MLROI_OK);
    assert_true(b.whole);
    assert_int_equal(mlroi_binding_check(&b, 2.5, &d), MLROI_ERR_RANGE);
    assert_int_equal(mlroi_binding_resolve(s, "roi.avg_salry", &b, &d), MLROI_ERR_UNKNOWN_KEY);
    assert_non_null(strstr(d.items[d.count - 1].message, "roi.avg_salary"));
    assert_int_equal(mlroi_binding_resolve(s, "name", &b, &d), MLROI_ERR_TYPE);
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);
}

static void a_clone_is_deep(void **state)
{
    mlroi_diags d = {0};
    mlroi_scenario *s = load("{ \"name\": \"n\", \"chargeback\": { \"units\": [ { \"name\": \"a\", "
                             "\"models\": 2 } ] } }", NULL, &d);
    mlroi_scenario *c;
    (void)state;
    assert_non_null(s);
    c = mlroi_scenario_clone(s);
    assert_non_null(c);
    assert_ptr_not_equal(c->chargeback.units, s->chargeback.units);
    assert_string_equal(c->chargeback.units[0].name, "a");
    c->chargeback.units[0].models = 7;
    assert_close(s->chargeback.units[0].models, 2, 0);
    mlroi_scenario_free(c);
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);
}

static void every_error_code_has_a_message(void **state)
{
    (void)state;
    for (int e = 0; e < MLROI_ERR_COUNT; e++)
        assert_string_not_equal(mlroi_strerror((mlroi_error)e), "unknown error");
    assert_string_equal(mlroi_strerror(MLROI_ERR_COUNT), "unknown error");
}

/* cJSON takes any byte up to 32 as white space: a control character after a number counts
 * one column, as any other single byte, and a raw line break inside a string starts a line
 * (a comment's text may hold one). The columns are counted by hand: the refused value in the
 * first case starts at the 43rd character, the unknown key in the second at the 31st, and
 * after the break, "b\u00e9" is two columns before the closing quote. */
static void positions_after_control_characters_and_raw_breaks(void **state)
{
    static const struct { const char *text; int line, column; } cases[] = {
        { "{ \"roi\": { \"team_size\": 5\v, \"avg_salary\": \"x\" } }", 1, 43 },
        { "{ \"roi\": { \"team_size\": 5\f\v , \"x\": 1 } }", 1, 31 },
        { "{ \"$comment\": \"a\nb\u00e9\", \"roi\": { \"team_size\": \"5\" } }", 2, 28 },
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mlroi_diags d = {0};
        mlroi_scenario *s = load(cases[i].text, NULL, &d);
        assert_null(s);
        assert_true(d.count > 0);
        if (d.items[0].line != cases[i].line || d.items[0].column != cases[i].column)
            fail_msg("case %zu: %d:%d %s, expected %d:%d", i, d.items[0].line,
                     d.items[0].column, d.items[0].message, cases[i].line, cases[i].column);
        mlroi_diags_free(&d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(absent_keys_take_the_contract_defaults),
        cmocka_unit_test(annual_cost_follows_the_investment_unless_given),
        cmocka_unit_test(set_overrides_a_value_and_records_its_source),
        cmocka_unit_test(set_null_restores_the_default),
        cmocka_unit_test(set_reaches_array_elements_and_dotted_catalog_ids),
        cmocka_unit_test(a_bad_set_value_is_located_at_the_option),
        cmocka_unit_test(extends_merges_objects_and_replaces_arrays),
        cmocka_unit_test(an_extends_cycle_is_an_error),
        cmocka_unit_test(errors_carry_line_column_and_path),
        cmocka_unit_test(every_problem_is_reported_not_just_the_first),
        cmocka_unit_test(a_refused_required_key_is_not_also_called_missing),
        cmocka_unit_test(a_value_past_a_large_limit_names_the_limit),
        cmocka_unit_test(unanswered_questions_are_warnings),
        cmocka_unit_test(a_binding_writes_through_to_the_scenario),
        cmocka_unit_test(a_clone_is_deep),
        cmocka_unit_test(every_error_code_has_a_message),
        cmocka_unit_test(positions_after_control_characters_and_raw_breaks),
    };
    return cmocka_run_group_tests_name("scenario", tests, NULL, NULL);
}
