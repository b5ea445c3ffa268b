/* SPDX-License-Identifier: MIT */
/* Unit tests of the shortest round-trip formatter, checked against the C library itself:
 * strtod must read every text back to the same double, and glibc's correctly rounded
 * %.*e / %.*f must find no shorter decimal and lay the digits out the same way.
 * MLROI_LONG_TESTS=1 runs 10^7 random doubles instead of 10^5 (about a minute). */
#include <float.h>
#include <stdlib.h>
#include "testutil.h"
#include "mlroi/render.h"
#include "mlroi/shortest.h"

typedef struct text_case {
    double v;
    const char *text;
} text_case;

static unsigned long long checked, shorter_than_printf;

static double of_bits(uint64_t b)
{
    double v;
    memcpy(&v, &b, sizeof v);
    return v;
}

/* xorshift64*: a fixed sequence, so a failure can be replayed. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717u;
}

/* The digits of a text (sign, point and exponent left out, leading and trailing zeros
 * dropped) into D; returns how many. */
static int digits_of(const char *s, char *d)
{
    int n = 0;
    for (; *s && *s != 'e'; s++)
        if (*s >= '0' && *s <= '9' && (n > 0 || *s != '0'))
            d[n++] = *s;
    while (n > 0 && d[n - 1] == '0')
        n--;
    d[n] = '\0';
    return n;
}

/* Check one double: read back exactly; no correctly rounded decimal of fewer digits reads
 * back; of as many digits, glibc prints the same text in the layout %.17g chooses. */
static void check(double v)
{
    char got[MLROI_SHORTEST_SIZE], ref[64], dg[32], dr[32];
    size_t len;
    double back;
    int n, nref = 0, x;
    if (!isfinite(v))
        return;
    len = mlroi_shortest(got, v);
    if (len != strlen(got) || len >= MLROI_SHORTEST_SIZE) {
        print_error("%a: length %zu of '%s'\n", v, len, got);
        fail();
    }
    back = strtod(got, NULL);
    if (!(back == v && (v != 0 || strcmp(got, "0") == 0))) {
        print_error("%a (%.17g) printed '%s', which reads back as %.17g\n", v, v, got, back);
        fail();
    }
    if (v == 0)
        return;
    n = digits_of(got, dg);
    /* glibc's shortest correctly rounded form of the same value. */
    for (int p = 1; p <= 17; p++) {
        snprintf(ref, sizeof ref, "%.*e", p - 1, v);
        if (strtod(ref, NULL) == v) {
            nref = p;
            break;
        }
    }
    checked++;
    if (n > nref) {
        print_error("%a: '%s' has %d digits, but '%s' reads back too\n", v, got, n, ref);
        fail();
    }
    if (n < nref) {
        /* A power of two has a narrower gap below: the shortest decimal inside may sit above
         * it, farther than the correctly rounded one of the same length. */
        uint64_t b;
        memcpy(&b, &v, sizeof b);
        if ((b & (((uint64_t)1 << 52) - 1)) != 0) {
            print_error("%a: '%s' is shorter than glibc's '%s' but not a power of two\n", v,
                        got, ref);
            fail();
        }
        shorter_than_printf++;
        return;
    }
    digits_of(ref, dr);
    if (strcmp(dg, dr) != 0) {
        print_error("%a: '%s' but glibc rounds to '%s'\n", v, got, ref);
        fail();
    }
    /* The layout, from glibc too: exponent form when X < -4 or X >= 17, else fixed. A whole
     * number longer than its digits is padded with zeros (%.0f would print the binary
     * value's every digit: 99999999999999984 for 99999999999999980). */
    x = atoi(strchr(ref, 'e') + 1);
    if (x < -4 || x >= 17)
        snprintf(ref, sizeof ref, "%.*e", n - 1, v);
    else if (x >= n)
        snprintf(ref, sizeof ref, "%s%s%.*s", v < 0 ? "-" : "", dr, x + 1 - n,
                 "0000000000000000000");
    else
        snprintf(ref, sizeof ref, "%.*f", n - 1 - x, v);
    if (strcmp(got, ref) != 0) {
        print_error("%a: '%s', expected the layout '%s'\n", v, got, ref);
        fail();
    }
}

static void check_both_signs(double v)
{
    check(v);
    check(-v);
}

static void known_texts(void **state)
{
    static const text_case cases[] = {
        { 0.1, "0.1" }, { 0.1 + 0.2, "0.30000000000000004" }, { 1.0 / 3.0, "0.3333333333333333" },
        { 1, "1" }, { -1.5, "-1.5" }, { 100, "100" }, { 123456.789, "123456.789" },
        { 1e16, "10000000000000000" }, { 1e17, "1e+17" }, { 1e21, "1e+21" }, { 1e23, "1e+23" },
        { 0.0001, "0.0001" }, { 0.00001, "1e-05" }, { 1.5e-7, "1.5e-07" },
        { 1e300, "1e+300" }, { 1e-300, "1e-300" },
        { 5e-324, "5e-324" }, { 1e-323, "1e-323" },
        { DBL_MIN, "2.2250738585072014e-308" }, { DBL_MAX, "1.7976931348623157e+308" },
        { 9007199254740991.0, "9007199254740991" }, { 9007199254740992.0, "9007199254740992" },
        { 18014398509481988.0, "18014398509481988" },
        /* the float noise the CSV used to carry: full precision keeps it, by design */
        { 220000.00000000003, "220000.00000000003" },
        { 0.0, "0" }, { -0.0, "0" }, { NAN, "null" }, { INFINITY, "null" }, { -INFINITY, "null" },
    };
    char buf[MLROI_SHORTEST_SIZE];
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mlroi_shortest(buf, cases[i].v);
        assert_string_equal(buf, cases[i].text);
    }
}

static void edge_values_read_back_and_are_shortest(void **state)
{
    double v;
    (void)state;
    /* subnormals: the smallest, the largest, and a run at each end */
    for (uint64_t c = 1; c < 20000; c++)
        check(of_bits(c));
    for (uint64_t c = ((uint64_t)1 << 52) - 20000; c < ((uint64_t)1 << 52) + 20000; c++)
        check(of_bits(c));
    check_both_signs(DBL_MIN);
    check_both_signs(DBL_MAX);
    check(nextafter(DBL_MAX, 0));
    check(nextafter(DBL_MIN, 1));
    /* powers of ten and their neighbours */
    for (int e = -323; e <= 308; e++) {
        char t[16];
        snprintf(t, sizeof t, "1e%d", e);
        v = strtod(t, NULL);
        check_both_signs(v);
        check(nextafter(v, 0));
        check(nextafter(v, INFINITY));
    }
    /* every power of two, and the doubles next to it (the asymmetric intervals) */
    for (int e = -1074; e <= 1023; e++) {
        v = ldexp(1, e);
        check(v);
        check(nextafter(v, 0));
        check(nextafter(v, INFINITY));
    }
    /* whole numbers: small ones, and 2^k - 1, 2^k + 1 up to 2^53 and beyond */
    for (int i = 1; i <= 100000; i++)
        check_both_signs(i);
    for (int k = 1; k <= 64; k++) {
        check(ldexp(1, k) - 1);
        check(ldexp(1, k) + 1);
        check(ldexp(1, k) + 2);
    }
    /* halfway cases: binary fractions whose decimals end in 5, at many scales */
    for (int m = 1; m < 2000; m += 2)
        for (int j = 1; j <= 60; j++)
            check(ldexp(m, -j));
    /* money as people type it and as sums make it */
    for (int cents = 0; cents < 200000; cents += 7)
        check(cents / 100.0 * 1.07);
}

static void random(unsigned long long count)
{
    uint64_t s = 0x9E3779B97F4A7C15u;
    for (unsigned long long i = 0; i < count; i++)
        check(of_bits(next_random(&s)));
    /* a quarter as many again, drawn evenly in magnitude between 1e-5 and 1e17 */
    for (unsigned long long i = 0; i < count / 4; i++)
        check(pow(10, -5 + 22 * (double)(next_random(&s) >> 11) / 9007199254740992.0));
}

static void random_bit_patterns_read_back_and_are_shortest(void **state)
{
    const char *env = getenv("MLROI_LONG_TESTS");
    (void)state;
    random(env && strcmp(env, "1") == 0 ? 10000000u : 100000u);
    printf("[ shortest ] %llu doubles checked against strtod and glibc; %llu had a shorter "
           "form than printf finds (powers of two)\n", checked, shorter_than_printf);
}

static void rounding_for_csv_works_on_the_printed_decimal(void **state)
{
    static const struct { double v; int n; const char *places, *sig; } cases[] = {
        /* 220000.00000000003 is 220000 to the cent; 1.005 is "1.005" so ROUND gives 1.01 */
        { 220000.00000000003, 2, "220000", "220000" },
        { 99000.00000000001, 2, "99000", "99000" },
        { 1.005, 2, "1.01", "1.005" },
        { 2.675, 2, "2.68", "2.675" },
        { 1234.5, 2, "1234.5", "1234.5" },
        { 99.995, 2, "100", "99.995" },
        { -0.004, 2, "0", "-0.004" },
        { -1.235, 2, "-1.24", "-1.235" },
        { 0.000001, 2, "0", "1e-06" },
        { 2.0 / 3.0, 2, "0.67", "0.6666666667" },
        { 1.0 / 3.0 * 1e-10, 2, "0", "3.333333333e-11" },
        { 123456789012.0, 2, "123456789012", "123456789000" },
        { 0.99999999999, 2, "1", "1" },
        { 0.7177041649175, 2, "0.72", "0.7177041649" },
        { 1e300, 2, "1e+300", "1e+300" },
    };
    char buf[MLROI_SHORTEST_SIZE];
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mlroi_shortest_places(buf, cases[i].v, cases[i].n);
        assert_string_equal(buf, cases[i].places);
        mlroi_shortest_sig(buf, cases[i].v, 10);
        assert_string_equal(buf, cases[i].sig);
    }
    mlroi_shortest_places(buf, NAN, 2);
    assert_string_equal(buf, "null");
}

/* mlroi_json_print keeps cJSON_Print's layout to the byte where cJSON prints a number
 * exactly (whole numbers, halves); only digits may differ from cJSON's text. */
static void json_text_is_cjsons_layout(void **state)
{
    const char *src =
        "{\"a\": 1, \"b\": [1, 2, {\"c\": null, \"d\": [], \"e\": {}}], \"f\": {\"g\": true,"
        " \"h\": false, \"i\": \"q\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\u00e9\"}, \"j\": [[], [[0.5]]],"
        " \"k\": -2.25, \"l\": [{\"m\": 1e300}, {}], \"\\n\": 0}";
    cJSON *root = cJSON_Parse(src);
    char *mine, *theirs;
    (void)state;
    assert_non_null(root);
    cJSON_AddItemToObject(root, "raw", cJSON_CreateRaw("[1,2]"));
    cJSON_AddItemToObject(root, "nan", cJSON_CreateNumber(NAN));
    mine = mlroi_json_print(root);
    theirs = cJSON_Print(root);
    assert_non_null(mine);
    assert_non_null(theirs);
    assert_string_equal(mine, theirs);
    free(mine);
    cJSON_free(theirs);
    /* and where cJSON rounds to 15 digits, the full value */
    cJSON_AddItemToObject(root, "x", cJSON_CreateNumber(220000.00000000003));
    mine = mlroi_json_print(root);
    assert_non_null(strstr(mine, "\"x\":\t220000.00000000003\n"));
    free(mine);
    cJSON_Delete(root);
    assert_null(mlroi_json_print(NULL));
}

/* OWASP's CSV injection advice: text a spreadsheet would run as a formula gets a leading
 * apostrophe; numbers stay numbers; quoting as before. */
static void csv_text_never_runs_as_a_formula(void **state)
{
    static const struct { const char *in, *out; } cases[] = {
        { "=SUM(A1:A9)", "'=SUM(A1:A9)" }, { "@cmd", "'@cmd" }, { "+x", "'+x" },
        { "-x", "'-x" }, { "-", "'-" }, { "\tx", "'\tx" }, { "\r=1", "\"'\r=1\"" },
        { "=1,2", "\"'=1,2\"" }, { "-5", "-5" }, { "+5", "+5" }, { "-1.5e-3", "-1.5e-3" },
        { "-1.5e", "'-1.5e" }, { "a=b", "a=b" }, { "a,b", "\"a,b\"" }, { "", "" },
        { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        assert_non_null(f);
        mlroi_csv_field(f, cases[i].in);
        assert_int_equal(fclose(f), 0);
        assert_string_equal(text, cases[i].out);
        free(text);
    }
}

static void csv_numbers_are_cents_or_ten_digits(void **state)
{
    char buf[MLROI_SHORTEST_SIZE];
    (void)state;
    assert_int_equal(mlroi_csv_number(buf, 10384.615384615385, true), 8);
    assert_string_equal(buf, "10384.62");
    mlroi_csv_number(buf, 49.28909952606635, false);
    assert_string_equal(buf, "49.28909953");
    mlroi_csv_number(buf, 60500.00000000001, true);
    assert_string_equal(buf, "60500");
    mlroi_csv_number(buf, 0.9090909090909091, false);
    assert_string_equal(buf, "0.9090909091");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_texts),
        cmocka_unit_test(edge_values_read_back_and_are_shortest),
        cmocka_unit_test(random_bit_patterns_read_back_and_are_shortest),
        cmocka_unit_test(rounding_for_csv_works_on_the_printed_decimal),
        cmocka_unit_test(json_text_is_cjsons_layout),
        cmocka_unit_test(csv_text_never_runs_as_a_formula),
        cmocka_unit_test(csv_numbers_are_cents_or_ten_digits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
