/* SPDX-License-Identifier: MIT */
/* Unit tests of the shared number formatting: the texts every renderer prints. */
#include <float.h>
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

/* Whole amounts as tables print them: half-way figures go to the even neighbour (as printf's
 * %.0f), a figure that rounds to zero has no sign, groups of three up to the largest integer a
 * double holds exactly (2^53 - 1), other currencies by symbol or by code. The width the layout
 * asks for is the text's width in columns ("€" is one column of three bytes). */
static void whole_amounts_and_their_widths(void **state)
{
    static const struct { double v; const char *cur, *text; int width; } cases[] = {
        { 0.5, "USD", "$0", 2 },
        { 1.5, "USD", "$2", 2 },
        { 2.5, "USD", "$2", 2 },
        { -0.4, "USD", "$0", 2 },
        { -0.5, "USD", "$0", 2 },
        { -0.6, "USD", "-$1", 3 },
        { 999.5, "USD", "$1,000", 6 },
        { -999999, "EUR", "-\xE2\x82\xAC" "999,999", 9 },
        { 1000000, "GBP", "\xC2\xA3" "1,000,000", 10 },
        { 9007199254740991.0, "USD", "$9,007,199,254,740,991", 22 },
        { 12345, "CHF", "CHF 12,345", 10 },
        { -7, "US", "-US 7", 5 },
        { 1e21, "USD", "$1e+21", 6 },
        { NAN, "USD", "n/a", 3 },
    };
    char buf[64];
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mlroi_money_prefix pre;
        const char *back;
        int cols = -1;
        assert_string_equal(mlroi_fmt_money(buf, sizeof buf, cases[i].v, cases[i].cur),
                            cases[i].text);
        assert_int_equal(mlroi_fmt_money_width(cases[i].v, cases[i].cur), cases[i].width);
        /* The tables' writer gives the same text and columns, or declines (1e21, n/a). */
        mlroi_money_prefix_init(&pre, cases[i].cur);
        memset(buf, 'x', sizeof buf);
        back = mlroi_fmt_money_back(buf + sizeof buf, cases[i].v, &pre, &cols);
        if (fabs(cases[i].v) < 1e21) {
            assert_non_null(back);
            assert_int_equal((int)(buf + sizeof buf - back), (int)strlen(cases[i].text));
            assert_memory_equal(back, cases[i].text, strlen(cases[i].text));
            assert_int_equal(cols, cases[i].width);
        } else {
            assert_null(back);
        }
    }
}

/* A currency code too long for the prepared prefix is left to mlroi_fmt_money. */
static void long_codes_take_the_general_way(void **state)
{
    mlroi_money_prefix pre;
    char buf[64];
    int cols;
    (void)state;
    mlroi_money_prefix_init(&pre, "A-CURRENCY-CODE-OF-30-LETTERS");
    assert_false(pre.usable);
    assert_null(mlroi_fmt_money_back(buf + sizeof buf, 5, &pre, &cols));
}

/* Every finite figure prints whole: 10^47 used to print as 47 of its 48 digits (a 64-byte
 * buffer). From 10^21 on the text is scientific, the shortest that reads back to the same
 * double: 1e47, 1e300 and 1e308 are exact as written, and DBL_MAX is
 * 1.7976931348623157e+308 (C's <float.h>, IEEE 754 binary64's largest finite value). */
static void figures_of_any_size_print_whole(void **state)
{
    char buf[64];
    (void)state;
    assert_string_equal(mlroi_fmt_money(buf, sizeof buf, 1e47, "USD"), "$1e+47");
    assert_string_equal(mlroi_fmt_money(buf, sizeof buf, 1e300, "USD"), "$1e+300");
    assert_string_equal(mlroi_fmt_money(buf, sizeof buf, -1e308, "USD"), "-$1e+308");
    assert_string_equal(mlroi_fmt_money(buf, sizeof buf, DBL_MAX, "USD"),
                        "$1.7976931348623157e+308");
    /* The longest text of all still fits the 64 bytes the header promises. */
    assert_string_equal(mlroi_fmt_money_cents(buf, sizeof buf, -DBL_MAX, "CHF"),
                        "-CHF 1.7976931348623157e+308");
    assert_string_equal(mlroi_fmt_number(buf, sizeof buf, -1e308, 0), "-1e+308");
    assert_string_equal(mlroi_fmt_number(buf, sizeof buf, 1.5e47, 2), "1.5e+47");
    assert_string_equal(mlroi_fmt_percent(buf, sizeof buf, 1e300, 1), "1e+300 %");
    assert_string_equal(mlroi_fmt_months(buf, sizeof buf, 1e47), "1e+47 months");
    assert_string_equal(mlroi_fmt_months(buf, sizeof buf, -DBL_MAX),
                        "-1.7976931348623157e+308 months");
    assert_string_equal(mlroi_fmt_money_short(buf, sizeof buf, 1e47, "USD"), "$1.0e+47");
    assert_string_equal(mlroi_fmt_money_short(buf, sizeof buf, -DBL_MAX, "EUR"),
                        "-\xE2\x82\xAC" "1.8e+308");
    /* Below 10^21, every digit written out: 2^69 = 590,295,810,358,705,651,712 exactly. */
    assert_string_equal(mlroi_fmt_money(buf, sizeof buf, 590295810358705651712.0, "USD"),
                        "$590,295,810,358,705,651,712");
    assert_string_equal(mlroi_fmt_money_cents(buf, sizeof buf, 590295810358705651712.0, "USD"),
                        "$590,295,810,358,705,651,712.00");
}

/* A value that rounds to zero reads "0", never "-0": -0 comes from `--set x=-0` or from a
 * product with a negative factor, and "-0 weeks", "-$0" read as a negative figure. */
static void negative_zero_never_prints_a_sign(void **state)
{
    char buf[64];
    (void)state;
    assert_string_equal(mlroi_fmt_money(buf, sizeof buf, -0.0, "USD"), "$0");
    assert_string_equal(mlroi_fmt_money(buf, sizeof buf, -0.4, "USD"), "$0");
    assert_string_equal(mlroi_fmt_money_cents(buf, sizeof buf, -0.004, "USD"), "$0.00");
    assert_string_equal(mlroi_fmt_money_short(buf, sizeof buf, -0.0, "USD"), "$0");
    assert_string_equal(mlroi_fmt_number(buf, sizeof buf, -0.0, 0), "0");
    assert_string_equal(mlroi_fmt_percent(buf, sizeof buf, -0.0, 0), "0 %");
    assert_string_equal(mlroi_fmt_percent(buf, sizeof buf, -0.04, 1), "0.0 %");
    assert_string_equal(mlroi_fmt_months(buf, sizeof buf, -0.0), "0.0 months");
    assert_string_equal(mlroi_fmt_months(buf, sizeof buf, -0.04), "0.0 months");
    assert_string_equal(mlroi_fmt_exact(buf, sizeof buf, -0.0), "0");
    /* printf rounds half to even: -0.5 prints as 0, so it takes no sign either. */
    assert_string_equal(mlroi_fmt_money(buf, sizeof buf, -0.5, "USD"), "$0");
    /* A real negative keeps its sign. */
    assert_string_equal(mlroi_fmt_months(buf, sizeof buf, -1.5), "-1.5 months");
    assert_string_equal(mlroi_fmt_money(buf, sizeof buf, -0.51, "USD"), "-$1");
    /* 0.05 is a little above a half in binary: it rounds up, and the sign stays. */
    assert_string_equal(mlroi_fmt_number(buf, sizeof buf, -0.05, 1), "-0.1");
}

/* Whole amounts are written digit by digit; printf's %.0f (round to nearest, ties to even on
 * the exact binary value) is the reference, grouped by hand here. */
static void whole_amounts_round_as_printf_does(void **state)
{
    static const double edge[] = { 0.5, 1.5, 2.5, -2.5, 1e15 + 0.5, 4503599627370495.5,
                                   9007199254740991.0, 999999.5, 0.49999999999999994 };
    unsigned seed = 12345;
    (void)state;
    for (int i = 0; i < 200000 + (int)(sizeof edge / sizeof edge[0]); i++) {
        double v;
        char got[64], raw[64], want[96];
        size_t len, o = 0;
        if (i < (int)(sizeof edge / sizeof edge[0])) {
            v = edge[i];
        } else {
            seed = seed * 1103515245u + 12345u;
            v = ldexp((double)(seed >> 8) - 8388608.0, (int)(seed % 44) - 20);
            if (i % 3 == 0)
                v = floor(v) + 0.5;   /* a tie */
        }
        mlroi_fmt_number(got, sizeof got, v, 0);
        snprintf(raw, sizeof raw, "%.0f", fabs(v));
        len = strlen(raw);
        if (v < 0 && strpbrk(raw, "123456789"))
            want[o++] = '-';
        for (size_t k = 0; k < len; k++) {
            if (k > 0 && (len - k) % 3 == 0)
                want[o++] = ',';
            want[o++] = raw[k];
        }
        want[o] = '\0';
        if (strcmp(got, want) != 0) {
            print_error("%.17g: got %s, want %s\n", v, got, want);
            fail();
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chances_never_round_to_certainty),
        cmocka_unit_test(percents_and_money_read_as_printed),
        cmocka_unit_test(whole_amounts_and_their_widths),
        cmocka_unit_test(long_codes_take_the_general_way),
        cmocka_unit_test(figures_of_any_size_print_whole),
        cmocka_unit_test(negative_zero_never_prints_a_sign),
        cmocka_unit_test(whole_amounts_round_as_printf_does),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
