/* SPDX-License-Identifier: MIT */
/* Unit tests of the shared number formatting: the texts every renderer prints. */
#include "testutil.h"
#include "mlroi/format.h"

typedef struct chance_case {
    double p;
    const char *symbols, *words;
} chance_case;

/* A share of samples never reads as a certainty or an impossibility it is not: 43 negative
 * NPVs in 100,000 samples is not "100.0 %". Exactly 0 and 1 are what they say. */
static void chances_never_round_to_certainty(void **state)
{
    static const chance_case cases[] = {
        { 1.0, "100.0 %", "100.0 %" },
        { 0.99957, "> 99.9 %", "more than 99.9 %" },
        { 0.9995, "> 99.9 %", "more than 99.9 %" },
        { 0.99949, "99.9 %", "99.9 %" },
        { 0.5, "50.0 %", "50.0 %" },
        { 0.00051, "0.1 %", "0.1 %" },
        { 0.0003, "< 0.1 %", "less than 0.1 %" },
        { 1e-9, "< 0.1 %", "less than 0.1 %" },
        { 0.0, "0.0 %", "0.0 %" },
        { NAN, "n/a", "n/a" },
    };
    char buf[64];
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_string_equal(mlroi_fmt_chance(buf, sizeof buf, cases[i].p, false),
                            cases[i].symbols);
        assert_string_equal(mlroi_fmt_chance(buf, sizeof buf, cases[i].p, true),
                            cases[i].words);
    }
}

static void percents_and_money_read_as_printed(void **state)
{
    char buf[64];
    (void)state;
    assert_string_equal(mlroi_fmt_percent(buf, sizeof buf, 350.0, 1), "350.0 %");
    assert_string_equal(mlroi_fmt_percent(buf, sizeof buf, 1234.56, 1), "1,234.6 %");
    assert_string_equal(mlroi_fmt_money(buf, sizeof buf, 1234567.5, "USD"), "$1,234,568");
    assert_string_equal(mlroi_fmt_money(buf, sizeof buf, -12000, "USD"), "-$12,000");
    assert_string_equal(mlroi_fmt_money(buf, sizeof buf, NAN, "USD"), "n/a");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chances_never_round_to_certainty),
        cmocka_unit_test(percents_and_money_read_as_printed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
