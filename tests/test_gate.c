/* SPDX-License-Identifier: MIT */
/* Unit tests of the --fail-if gate parser: a table of accepted and rejected expressions. */
#include <math.h>
#include <string.h>
#include "testutil.h"
#include "mlroi/gate.h"

typedef struct good_case {
    const char *expr;
    const char *metric;
    mlroi_gate_op op;
    double threshold;
} good_case;

static void parser_accepts_every_documented_form(void **state)
{
    static const good_case cases[] = {
        { "npv<0", "npv", MLROI_GATE_LT, 0.0 },
        { "npv < 0", "npv", MLROI_GATE_LT, 0.0 },
        { "  payback_months>24  ", "payback_months", MLROI_GATE_GT, 24.0 },
        { "roi_percent<=100", "roi_percent", MLROI_GATE_LE, 100.0 },
        { "irr >= 0.15", "irr", MLROI_GATE_GE, 0.15 },
        { "npv.p10 < -50000", "npv.p10", MLROI_GATE_LT, -50000.0 },
        { "p_npv_positive<0.8", "p_npv_positive", MLROI_GATE_LT, 0.8 },
        { "npv<1.5e6", "npv", MLROI_GATE_LT, 1.5e6 },
        { "npv<-2E-3", "npv", MLROI_GATE_LT, -2e-3 },
        { "npv>+7", "npv", MLROI_GATE_GT, 7.0 },
        { "npv>.5", "npv", MLROI_GATE_GT, 0.5 },
        { "npv>5.", "npv", MLROI_GATE_GT, 5.0 },
        { "\tgated_level\t<\t2", "gated_level", MLROI_GATE_LT, 2.0 },
        /* '%' writes a fraction as the text shows it: 15 % is 0.15 (15 / 100 rounds to the
         * double nearest 0.15, the literal's); a percentage keeps its number. */
        { "irr<15%", "irr", MLROI_GATE_LT, 0.15 },
        { "irr.mean < 12.5 %", "irr.mean", MLROI_GATE_LT, 0.125 },
        { "p_npv_positive>=90%", "p_npv_positive", MLROI_GATE_GE, 0.9 },
        { "npv.undefined_share>5%", "npv.undefined_share", MLROI_GATE_GT, 0.05 },
        { "roi_percent<20%", "roi_percent", MLROI_GATE_LT, 20.0 },
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mlroi_gate g;
        char msg[200];
        mlroi_error err = mlroi_gate_parse(cases[i].expr, &g, msg, sizeof msg);
        if (err != MLROI_OK)
            print_error("'%s' rejected: %s\n", cases[i].expr, msg);
        assert_int_equal(err, MLROI_OK);
        assert_string_equal(g.metric, cases[i].metric);
        assert_int_equal(g.op, cases[i].op);
        assert_true(g.threshold == cases[i].threshold);
    }
}

typedef struct bad_case {
    const char *expr;
    const char *message_part;   /* what the message must say */
} bad_case;

static void parser_rejects_malformed_expressions_with_a_reason(void **state)
{
    static const bad_case cases[] = {
        { "", "empty" },
        { "   ", "empty" },
        { "npv", "expected <, <=, > or >=" },
        { "npv 0", "unsupported operator" },
        { "npv=0", "unsupported operator" },
        { "npv==0", "unsupported operator" },
        { "npv!=0", "unsupported operator" },
        { "npv=>0", "unsupported operator" },
        { "npv<<0", "unsupported operator" },
        { "npv<=>0", "unsupported operator" },
        { "npv<", "expected a number" },
        { "npv< abc", "expected a number" },
        { "npv<nan", "expected a number" },
        { "npv<inf", "expected a number" },
        { "npv<0x10", "unexpected" },
        { "npv<1e", "expected a number" },
        { "npv<.", "expected a number" },
        { "npv<1e999", "out of range" },
        { "npv<0 junk", "unexpected" },
        { "npv<0 && irr<0", "unexpected" },
        { "<0", "metric name" },
        { "1npv<0", "metric name" },
        { "npv.<0", "ends with '.'" },
        { "a_name_that_is_far_too_long_to_be_any_metric_we_know_of_at_all_x<0", "too long" },
        { "npv<5%", "npv is none" },
        { "payback_months.p90>20%", "payback_months.p90 is none" },
        { "irr<15%%", "unexpected" },
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mlroi_gate g;
        char msg[200];
        mlroi_error err = mlroi_gate_parse(cases[i].expr, &g, msg, sizeof msg);
        if (err == MLROI_OK || strstr(msg, cases[i].message_part) == NULL)
            print_error("'%s': err %d, message '%s', expected to contain '%s'\n",
                        cases[i].expr, (int)err, msg, cases[i].message_part);
        assert_int_equal(err, MLROI_ERR_SYNTAX);
        assert_non_null(strstr(msg, cases[i].message_part));
    }
}

static void gate_holds_exactly_when_the_comparison_is_true(void **state)
{
    mlroi_gate g;
    char msg[100];
    (void)state;
    assert_int_equal(mlroi_gate_parse("npv<0", &g, msg, sizeof msg), MLROI_OK);
    assert_int_equal(mlroi_gate_test(&g, -1.0, false), MLROI_GATE_HELD);
    assert_int_equal(mlroi_gate_test(&g, 0.0, false), MLROI_GATE_CLEAR);
    assert_int_equal(mlroi_gate_test(&g, 5.0, false), MLROI_GATE_CLEAR);
    assert_int_equal(mlroi_gate_parse("npv<=0", &g, msg, sizeof msg), MLROI_OK);
    assert_int_equal(mlroi_gate_test(&g, 0.0, false), MLROI_GATE_HELD);
    assert_int_equal(mlroi_gate_parse("npv>=10", &g, msg, sizeof msg), MLROI_OK);
    assert_int_equal(mlroi_gate_test(&g, 10.0, false), MLROI_GATE_HELD);
    assert_int_equal(mlroi_gate_test(&g, 9.999, false), MLROI_GATE_CLEAR);
    assert_int_equal(mlroi_gate_parse("npv>10", &g, msg, sizeof msg), MLROI_OK);
    assert_int_equal(mlroi_gate_test(&g, 10.0, false), MLROI_GATE_CLEAR);
}

static void undefined_value_is_reported_and_never_payback_counts_as_late(void **state)
{
    mlroi_gate g;
    char msg[100];
    (void)state;
    assert_int_equal(mlroi_gate_parse("irr<0.1", &g, msg, sizeof msg), MLROI_OK);
    assert_int_equal(mlroi_gate_test(&g, NAN, false), MLROI_GATE_UNDEFINED);
    /* A payback that never happens is later than any month. */
    assert_int_equal(mlroi_gate_parse("payback_months>24", &g, msg, sizeof msg), MLROI_OK);
    assert_int_equal(mlroi_gate_test(&g, NAN, true), MLROI_GATE_HELD);
    assert_int_equal(mlroi_gate_parse("payback_months<6", &g, msg, sizeof msg), MLROI_OK);
    assert_int_equal(mlroi_gate_test(&g, NAN, true), MLROI_GATE_CLEAR);
}

static void gate_formats_canonically(void **state)
{
    mlroi_gate g;
    char msg[100], buf[100];
    (void)state;
    assert_int_equal(mlroi_gate_parse("  npv.p10<=-5e4", &g, msg, sizeof msg), MLROI_OK);
    mlroi_gate_format(&g, buf, sizeof buf);
    assert_string_equal(buf, "npv.p10 <= -50000");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parser_accepts_every_documented_form),
        cmocka_unit_test(parser_rejects_malformed_expressions_with_a_reason),
        cmocka_unit_test(gate_holds_exactly_when_the_comparison_is_true),
        cmocka_unit_test(undefined_value_is_reported_and_never_payback_counts_as_late),
        cmocka_unit_test(gate_formats_canonically),
    };
    return cmocka_run_group_tests_name("gate", tests, NULL, NULL);
}
