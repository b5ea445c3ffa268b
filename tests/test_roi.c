/* SPDX-License-Identifier: MIT */
/* Tests of the quick ROI estimate and the NPV, payback and IRR building blocks. */
#include "testutil.h"

#include <stdint.h>
#include <string.h>
#include "mlroi/roi.h"
#include "mlroi/scenario.h"

static void quick_estimate_reproduces_the_article_example(void **state)
{
    mlroi_scenario *s = test_article_scenario();
    mlroi_quick q;
    (void)state;

    mlroi_quick_eval(s, &q);
    assert_true(q.present);
    /* MLOps for Decision Makers, 2025: 13 weeks saved; 5 * 90,000 / 52 = 8,653.85 a week;
     * 13 * 8,653.85 * 6 = 675,000; 4 * 75,000 * 0.75 = 225,000; total 900,000; ROI 350 %. */
    assert_close(q.time_saved_per_model_weeks, 13, 1e-12);
    assert_close(q.cost_per_week_team, 450000.0 / 52.0, 1e-12);
    assert_close(q.deployment_savings, 675000, 1e-12);
    assert_close(q.incident_savings, 225000, 1e-12);
    assert_close(q.total_benefits, 900000, 1e-12);
    assert_close(q.investment, 200000, 1e-12);
    assert_close(q.net_benefit, 700000, 1e-12);
    assert_close(q.roi_percent, 350, 1e-12);
    mlroi_scenario_free(s);
}

static void quick_estimate_roi_is_undefined_without_investment(void **state)
{
    mlroi_scenario *s = test_article_scenario();
    mlroi_quick q;
    (void)state;

    s->roi.mlops_investment = 0;
    mlroi_quick_eval(s, &q);
    assert_close(q.net_benefit, 900000, 1e-12);
    assert_nan(q.roi_percent);
    mlroi_scenario_free(s);
}

static void quick_estimate_is_absent_without_roi_section(void **state)
{
    mlroi_scenario *s = mlroi_scenario_new();
    mlroi_quick q;
    (void)state;

    assert_non_null(s);
    mlroi_quick_eval(s, &q);
    assert_false(q.present);
    assert_nan(q.total_benefits);
    mlroi_scenario_free(s);
}

static void npv_discounts_each_year_at_its_end(void **state)
{
    const double net[4] = { -110000, 140000, 500000, 500000 };
    (void)state;
    /* gnumeric: =A1+NPV(0.1,B1:D1) = 806153.2682193839218 (t = 0 not discounted). */
    assert_close(mlroi_npv(net, 3, 0.10), 806153.2682193839218, 1e-12);
    /* At rate 0 the NPV is the plain sum. */
    assert_close(mlroi_npv(net, 3, 0.0), 1030000, 1e-15);
}

static void payback_is_zero_when_cumulative_never_negative(void **state)
{
    const double a[3] = { 0, 100, 100 };
    const double b[3] = { 50, -10, 10 };   /* cumulative 50, 40, 50: dips but stays >= 0 */
    (void)state;
    assert_close(mlroi_payback_months(a, 2), 0, 0);
    assert_close(mlroi_payback_months(b, 2), 0, 0);
}

static void payback_interpolates_inside_the_recovery_year(void **state)
{
    /* Cumulative -100, -60, 20: zero is crossed in year 2, 60/80 of the way: 12 + 9 = 21. */
    const double net[3] = { -100, 40, 80 };
    (void)state;
    assert_close(mlroi_payback_months(net, 2), 21, 1e-12);
}

static void payback_is_undefined_when_never_recovering(void **state)
{
    const double net[3] = { -100, 30, 30 };   /* ends at -40 */
    (void)state;
    assert_nan(mlroi_payback_months(net, 2));
}

static void payback_exactly_at_a_year_end_is_whole_years(void **state)
{
    const double net[3] = { -100, 50, 50 };   /* cumulative -100, -50, 0 */
    (void)state;
    assert_close(mlroi_payback_months(net, 2), 24, 0);
}

static void payback_moves_later_when_the_curve_dips_again(void **state)
{
    /* Cumulative -100, 50, -50, 50: first positive after 8 months, but below zero again at
     * month 24; it stays >= 0 only from 24 + 12 * 50/100 = 30. */
    const double net[4] = { -100, 150, -100, 100 };
    (void)state;
    assert_close(mlroi_payback_months(net, 3), 30, 1e-12);
}

static void irr_is_undefined_without_a_sign_change(void **state)
{
    const double pos[3] = { 100, 50, 50 };
    const double zero[3] = { 0, 0, 0 };
    char note[128] = "unset";
    int changes = -1;
    (void)state;

    assert_nan(mlroi_irr(pos, 2, note, sizeof note, &changes));
    assert_string_equal(note, "no sign change");
    assert_int_equal(changes, 0);
    assert_nan(mlroi_irr(zero, 2, note, sizeof note, &changes));
    assert_string_equal(note, "no sign change");
}

static void irr_of_one_period_is_the_simple_return(void **state)
{
    /* -100 now, 110 in a year: 110 / (1 + x) = 100 gives x = 0.1 by hand. */
    const double net[2] = { -100, 110 };
    char note[128] = "unset";
    int changes = -1;
    (void)state;

    assert_close(mlroi_irr(net, 1, note, sizeof note, &changes), 0.1, 1e-9);
    assert_string_equal(note, "");
    assert_int_equal(changes, 1);
}

/* The solver's contract: |NPV(irr)| < 1e-9 * sum |net| (a little slack for rounding). Near
 * x = -1 the discount factors reach 2^50 and one step between neighbouring doubles moves NPV
 * by more than that tolerance; there the root must at least be bracketed by the neighbours. */
static void assert_irr_solves(const double *net, int n, double irr)
{
    double scale = 0, below, above;
    for (int t = 0; t <= n; t++)
        scale += fabs(net[t]);
    if (fabs(mlroi_npv(net, n, irr)) < 2e-9 * scale)
        return;
    below = mlroi_npv(net, n, nextafter(irr, -1.0));
    above = mlroi_npv(net, n, nextafter(irr, 1e300));
    if (!((below <= 0 && above >= 0) || (below >= 0 && above <= 0))) {
        print_error("irr %.17g leaves NPV %g (tolerance %g)\n", irr, mlroi_npv(net, n, irr),
                    1e-9 * scale);
        fail();
    }
}

static void irr_matches_gnumeric_for_several_flows(void **state)
{
    /* Expected values from gnumeric 1.12: ssconvert --recalc of a CSV holding =IRR(...). */
    static const struct { double net[4], irr; } flows[] = {
        { { -1000, 300, 400, 500 }, 0.0889633946933499353 },
        { { -110000, 140000, 500000, 500000 }, 2.16365222837666749 },
        { { -500, 100, 100, 100 }, -0.21762721730740922 },
        /* A leading zero is skipped: same root as -100, 60, 60, which gnumeric gives as
         * 0.1306623862918074853 and by hand v = (sqrt(23/3) - 1) / 2, x = 1/v - 1. */
        { { 0, -100, 60, 60 }, 0.1306623862918074853 },
    };
    char note[128] = "unset";
    double x;
    (void)state;

    for (size_t i = 0; i < sizeof flows / sizeof flows[0]; i++) {
        x = mlroi_irr(flows[i].net, 3, note, sizeof note, NULL);
        assert_close(x, flows[i].irr, 1e-9);
        assert_string_equal(note, "");
        assert_irr_solves(flows[i].net, 3, x);
    }
    /* x still holds the last flow's root: the hand formula agrees with gnumeric. */
    assert_close(x, 2.0 / (sqrt(23.0 / 3.0) - 1.0) - 1.0, 1e-9);
}

static void irr_solves_every_conventional_flow_to_the_contract_tolerance(void **state)
{
    /* Flows with one sign change (costs first, then benefits) over 1..30 years, drawn from a
     * fixed linear congruential sequence; the check is the contract's own definition. */
    unsigned long long seed = 12345;
    double net[MLROI_MAX_YEARS + 1];
    (void)state;

    for (int trial = 0; trial < 500; trial++) {
        int n = 1 + trial % MLROI_MAX_YEARS;
        int costs_until = (int)((seed >> 33) % (unsigned long long)n);
        char note[128] = "unset";
        double x;
        for (int t = 0; t <= n; t++) {
            double u;
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            u = (double)(seed >> 11) / 9007199254740992.0;   /* [0, 1) */
            net[t] = t <= costs_until ? -(1.0 + u * 1e6) : u * 1e6 * (1 + trial % 7);
        }
        x = mlroi_irr(net, n, note, sizeof note, NULL);
        assert_string_equal(note, "");
        assert_true(x > -1.0);
        assert_irr_solves(net, n, x);
    }
}

static void irr_with_several_sign_changes_names_every_rate(void **state)
{
    /* -100, 230, -132: NPV(x) = -(100 (1+x)^2 - 230 (1+x) + 132) / (1+x)^2, whose roots are
     * 1 + x = 1.1 and 1.2 by the quadratic formula: two rates, so no IRR. */
    const double two[3] = { -100, 230, -132 };
    char note[128] = "unset";
    int changes = 0;
    (void)state;

    assert_nan(mlroi_irr(two, 2, note, sizeof note, &changes));
    assert_string_equal(note, "several rates: 10.0 % and 20.0 %");
    assert_int_equal(changes, 2);
}

static void irr_with_several_sign_changes_and_one_rate_reports_it(void **state)
{
    /* -1, 0, 2, -2, 2 change sign three times (the zero is skipped). In v = 1/(1+x) the NPV is
     * p(v) = 2v^4 - 2v^3 + 2v^2 - 1, and p'(v) = 2v(4v^2 - 3v + 2) > 0 for v > 0 (the
     * quadratic's discriminant 9 - 32 is negative): exactly one rate. Bisection of p by hand
     * on [0.7, 0.8] (p(0.7) = -0.2258, p(0.8) = 0.0752) gives x = 0.2861026839154466. */
    const double three[5] = { -1, 0, 2, -2, 2 };
    char note[128] = "unset";
    int changes = 0;
    (void)state;

    assert_close(mlroi_irr(three, 4, note, sizeof note, &changes), 0.2861026839154466, 1e-9);
    assert_string_equal(note, "one rate although the flows change sign 3 times");
    assert_int_equal(changes, 3);
}

static void irr_with_several_sign_changes_and_no_rate_says_so(void **state)
{
    /* 100, -300, 300: in v, 300 v^2 - 300 v + 100 has discriminant 90000 - 120000 < 0, so NPV
     * is never zero at any rate. */
    const double none[3] = { 100, -300, 300 };
    char note[128] = "unset";
    int changes = 0;
    (void)state;

    assert_nan(mlroi_irr(none, 2, note, sizeof note, &changes));
    assert_string_equal(note, "no rate between -99 % and 1,000 %");
    assert_int_equal(changes, 2);
}

static void mirr_compounds_gains_and_discounts_outlays(void **state)
{
    /* -1000, -500, 800, 900 at fr = 8 %, rr = 12 %, N = 3, by hand:
     * FV of gains at 12 %: 800 * 1.12 + 900 = 1796; PV of outlays at 8 %: 1000 + 500 / 1.08
     * = 1462.962962962963; MIRR = (1796 / 1462.962962962963)^(1/3) - 1 = 0.0707571924... */
    const double net[4] = { -1000, -500, 800, 900 };
    const char *note = "unset";
    (void)state;

    assert_close(mlroi_mirr(net, 3, 0.08, 0.12, &note), 0.0707571924, 1e-9);
    assert_null(note);
}

static void mirr_is_undefined_without_an_outlay_or_a_gain(void **state)
{
    const double gains[3] = { 0, 10, 10 }, losses[3] = { -10, -10, 0 };
    const char *note = NULL;
    (void)state;

    assert_nan(mlroi_mirr(gains, 2, 0.1, 0.1, &note));
    assert_string_equal(note, "no negative flow");
    assert_nan(mlroi_mirr(losses, 2, 0.1, 0.1, &note));
    assert_string_equal(note, "no positive flow");
}

/* mlroi_irr_many gives every flow exactly mlroi_irr's IRR, whether its lane walks with the
 * others of its group, alone, or not at all: usual investments (several years, a second
 * outlay in year 1, nothing after year 1, a zero or negative zero in year 1), flows with no
 * sign change, a zero NPV at 0 %, several sign changes, an infinite or undefined amount, and
 * groups whose horizons differ. Compared bit for bit (NAN with NAN). */
static uint64_t lcg_next(uint64_t *x)
{
    *x = *x * 6364136223846793005u + 1442695040888963407u;
    return *x >> 11;
}

static void irr_many_is_mlroi_irr_bit_for_bit(void **state)
{
    enum { COUNT = 4003, STRIDE = MLROI_MAX_YEARS + 1 };
    static double net[COUNT * STRIDE], many[COUNT];
    static int n[COUNT];
    uint64_t x = 12345;
    (void)state;

    for (size_t i = 0; i < COUNT; i++) {
        double *f = net + i * STRIDE;
        int kind = (int)(lcg_next(&x) % 11);
        /* mostly runs of 64 (several groups) with one horizon, sometimes a different one
         * inside */
        n[i] = i % 64 == 0 || lcg_next(&x) % 400 == 0 ? 1 + (int)(lcg_next(&x) % 12) : n[i - 1];
        if (i % 500 == 7)
            n[i] = MLROI_MAX_YEARS;
        for (int t = 0; t <= n[i]; t++)
            f[t] = (double)(lcg_next(&x) % 2000000) / 10.0;   /* 0 to 200,000 */
        f[0] = -f[0] - 1.0;
        switch (kind) {
        case 0: /* a second outlay in year 1 */
            f[1] = -f[1];
            break;
        case 1: /* nothing comes back: no sign change after year 0 */
            for (int t = 1; t <= n[i]; t++)
                f[t] = -f[t];
            break;
        case 2: /* several sign changes */
            if (n[i] >= 2)
                f[n[i]] = -3.0 * f[n[i]] - 1e6;
            break;
        case 3: /* NPV exactly zero at 0 % */
            f[0] = 0;
            for (int t = 1; t <= n[i]; t++)
                f[0] -= f[t];
            break;
        case 4: /* a return far above the outlay: a rate of hundreds of percent */
            f[0] = -1.0;
            break;
        case 5:
            if (i % 97 == 0)
                f[n[i]] = INFINITY;
            if (i % 89 == 0)
                f[0] = NAN;
            break;
        case 6: /* nothing after year 1: irr_start's quadratic has no square term */
            for (int t = 2; t <= n[i]; t++)
                f[t] = 0;
            break;
        case 7: /* nothing in year 1, or a negative zero */
            f[1] = i % 2 ? 0.0 : -0.0;
            break;
        default: /* the usual investment */
            break;
        }
    }
    mlroi_irr_many(net, STRIDE, n, COUNT, many);
    for (size_t i = 0; i < COUNT; i++) {
        double one = mlroi_irr(net + i * STRIDE, n[i], NULL, 0, NULL);
        if (isnan(one) && isnan(many[i]))
            continue;
        if (memcmp(&one, &many[i], sizeof one) != 0)
            fail_msg("flow %zu (%d years): mlroi_irr %.17g, mlroi_irr_many %.17g", i, n[i], one,
                     many[i]);
    }
}

/* mlroi_payback_many gives every flow exactly mlroi_payback_months's figure: flows that pay
 * back in year 0, in a later year, never, after dipping below zero twice, whose sum is
 * exactly zero at a year end, with a negative zero, an infinite or an undefined amount; every
 * horizon, and counts that leave a partial group. Compared bit for bit (NAN with NAN). */
static void payback_many_is_payback_months_bit_for_bit(void **state)
{
    enum { COUNT = 203, STRIDE = MLROI_MAX_YEARS + 1 };
    static double net[COUNT * STRIDE], many[COUNT];
    uint64_t x = 777;
    (void)state;

    for (int n = 0; n <= MLROI_MAX_YEARS; n++) {
        for (size_t i = 0; i < COUNT; i++) {
            double *f = net + i * STRIDE;
            for (int t = 0; t <= n; t++)
                f[t] = (double)(lcg_next(&x) % 200000) - 100000.0;
            switch (lcg_next(&x) % 8) {
            case 0: /* an outlay, then returns */
                f[0] = -300000.0;
                for (int t = 1; t <= n; t++)
                    f[t] = fabs(f[t]);
                break;
            case 1: /* the sum exactly zero at the last year end */
                f[n] = 0;
                for (int t = 0; t < n; t++)
                    f[n] -= f[t];
                break;
            case 2:
                f[0] = i % 2 ? -0.0 : 0.0;
                break;
            case 3:
                f[lcg_next(&x) % (uint64_t)(n + 1)] = i % 3 ? NAN : (i % 2 ? INFINITY : -INFINITY);
                break;
            default: /* random signs: paying back, never, or twice below zero */
                break;
            }
        }
        mlroi_payback_many(net, STRIDE, n, COUNT, many);
        for (size_t i = 0; i < COUNT; i++) {
            double one = mlroi_payback_months(net + i * STRIDE, n);
            if (isnan(one) && isnan(many[i]))
                continue;
            if (memcmp(&one, &many[i], sizeof one) != 0)
                fail_msg("flow %zu (%d years): mlroi_payback_months %.17g, many %.17g", i, n, one,
                         many[i]);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quick_estimate_reproduces_the_article_example),
        cmocka_unit_test(quick_estimate_roi_is_undefined_without_investment),
        cmocka_unit_test(quick_estimate_is_absent_without_roi_section),
        cmocka_unit_test(npv_discounts_each_year_at_its_end),
        cmocka_unit_test(payback_is_zero_when_cumulative_never_negative),
        cmocka_unit_test(payback_interpolates_inside_the_recovery_year),
        cmocka_unit_test(payback_is_undefined_when_never_recovering),
        cmocka_unit_test(payback_exactly_at_a_year_end_is_whole_years),
        cmocka_unit_test(payback_moves_later_when_the_curve_dips_again),
        cmocka_unit_test(irr_is_undefined_without_a_sign_change),
        cmocka_unit_test(irr_of_one_period_is_the_simple_return),
        cmocka_unit_test(irr_matches_gnumeric_for_several_flows),
        cmocka_unit_test(irr_solves_every_conventional_flow_to_the_contract_tolerance),
        cmocka_unit_test(irr_with_several_sign_changes_names_every_rate),
        cmocka_unit_test(irr_with_several_sign_changes_and_one_rate_reports_it),
        cmocka_unit_test(irr_with_several_sign_changes_and_no_rate_says_so),
        cmocka_unit_test(mirr_compounds_gains_and_discounts_outlays),
        cmocka_unit_test(mirr_is_undefined_without_an_outlay_or_a_gain),
        cmocka_unit_test(irr_many_is_mlroi_irr_bit_for_bit),
        cmocka_unit_test(payback_many_is_payback_months_bit_for_bit),
    };
    return cmocka_run_group_tests_name("roi", tests, NULL, NULL);
}
