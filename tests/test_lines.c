/* SPDX-License-Identifier: MIT */
/* Tests of business-case lines (MODEL.md "Business case lines"): hand-worked cases, the legacy
 * keys as lines, the engine's own figures as lines, and published cost-benefit tables. */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "mlroi/analysis.h"
#include "mlroi/engine.h"
#include "mlroi/roi.h"
#include "mlroi/scenario.h"

/* Load TEXT and evaluate it fully; the caller frees both. */
static mlroi_scenario *eval_text(const char *text, mlroi_result *r)
{
    mlroi_scenario *s = test_load_scenario_text("lines.json", text);
    mlroi_diags d = {0};
    mlroi_error e = mlroi_evaluate(s, NULL, r, &d);
    if (e != MLROI_OK)
        test_print_diags(&d);
    mlroi_diags_free(&d);
    assert_int_equal(e, MLROI_OK);
    assert_true(r->bcase.present);
    return s;
}

/* The hand-worked case: five years at 10 %, end-of-year discounting.
 *   Gain     benefit annual 2000 from year 2 to 4, ramp [0.5, 1], escalation 10 %, risk 20 %:
 *            v = 0, 0, 2000*0.5 = 1000, 2000*1*1.1 = 2200, 2000*1*1.21 = 2420, 0
 *            adjusted (x 0.8) = 0, 0, 800, 1760, 1936, 0
 *   Dip      benefit values [0, -300], risk the case's benefit_risk 10 %: -270 in year 1
 *   Setup    cost amount 2000 in year 0, risk 5 %: 2100
 *   Rebate   cost values [-100] (a negative cost in year 0), cost_risk 0: -100
 *   Upgrade  cost amount 500 in year 3: 500
 * B = 0, -270, 800, 1760, 1936, 0;  C = 2000, 0, 0, 500, 0, 0
 * net = -2000, -270, 800, 1260, 1936, 0 (one sign change)
 * pv_benefits = -270/1.1 + 800/1.21 + 1760/1.331 + 1936/1.4641 = 3060.3305785123966
 * pv_costs = 2000 + 500/1.331 = 2375.657400450789; npv = 684.6731780616078
 * roi = 684.6731780616078 / 2375.657400450789 * 100 = 28.820366856419987 %
 * payback: cumulative -2000, -2270, -1470, -210, 1726: 36 + 12 * 210/1936 = 37.30165289256198
 * discounted: cumulative PV at year 3 is -637.640871525169, PV of year 4 is 1936/1.4641 =
 *   1322.3140495867767: 36 + 12 * 637.640871525169/1322.3140495867767 = 41.78659090909091
 * irr: bisection of sum net_t/(1+x)^t on [0, 1] gives 0.19883291374432643
 * mirr: FV of gains at 10 % = 800*1.331 + 1260*1.21 + 1936*1.1 = 4719; PV of outlays =
 *   2000 + 270/1.1 = 2245.4545454545455; (4719/2245.4545454545455)^(1/5) - 1 = 0.16013663663221522
 * unadjusted: B = 0, -300, 1000, 2200, 2420, 0; C = 1900, 0, 0, 500, 0, 0:
 *   npv 1583.846731780616, roi 69.59952457988048 % */
#define HAND_CASE(discounting) \
    "{ \"format\": 1, \"business_case\": { \"horizon_years\": 5, \"discount_rate\": 0.1," \
    " \"discounting\": \"" discounting "\", \"benefit_risk\": 0.1," \
    " \"lines\": [" \
    "  { \"name\": \"Gain\", \"kind\": \"benefit\", \"annual\": 2000, \"start\": 2, \"end\": 4," \
    "    \"ramp\": [0.5, 1], \"escalation\": 0.1, \"risk\": 0.2 }," \
    "  { \"name\": \"Dip\", \"kind\": \"benefit\", \"values\": [0, -300] }," \
    "  { \"name\": \"Setup\", \"kind\": \"cost\", \"amount\": 2000, \"risk\": 0.05 }," \
    "  { \"name\": \"Rebate\", \"kind\": \"cost\", \"values\": [-100] }," \
    "  { \"name\": \"Upgrade\", \"kind\": \"cost\", \"amount\": 500, \"year\": 3 } ] } }"

static void hand_worked_lines_give_every_figure(void **state)
{
    mlroi_result r;
    mlroi_scenario *s = eval_text(HAND_CASE("end"), &r);
    const mlroi_bcase_figures *f = &r.bcase.adjusted;
    const double ben[6] = { 0, -270, 800, 1760, 1936, 0 }, cost[6] = { 2000, 0, 0, 500, 0, 0 };
    (void)state;

    assert_int_equal(f->horizon, 5);
    for (int t = 0; t <= 5; t++) {
        assert_close(f->years[t].benefits, ben[t], 1e-12);
        assert_close(f->years[t].costs, cost[t], 1e-12);
    }
    assert_close(f->pv_benefits, 3060.3305785123966, 1e-9);
    assert_close(f->pv_costs, 2375.657400450789, 1e-9);
    assert_close(f->npv, 684.6731780616078, 1e-9);
    assert_close(f->roi_percent, 28.820366856419987, 1e-9);
    assert_close(f->payback_months, 37.30165289256198, 1e-9);
    assert_close(f->discounted_payback_months, 41.78659090909091, 1e-9);
    assert_close(f->irr, 0.19883291374432643, 1e-9);
    assert_string_equal(f->irr_note, "");
    assert_close(f->mirr, 0.16013663663221522, 1e-9);
    assert_close(r.bcase.unadjusted.npv, 1583.846731780616, 1e-9);
    assert_close(r.bcase.unadjusted.roi_percent, 69.59952457988048, 1e-9);
    mlroi_result_free(&r);
    mlroi_scenario_free(s);
}

static void each_line_carries_its_values_adjusted_values_total_and_pv(void **state)
{
    mlroi_result r;
    mlroi_scenario *s = eval_text(HAND_CASE("end"), &r);
    const mlroi_line_result *gain, *dip, *setup;
    (void)state;

    assert_int_equal(r.bcase.line_count, 5);
    gain = &r.bcase.lines[0];
    dip = &r.bcase.lines[1];
    setup = &r.bcase.lines[2];
    assert_string_equal(gain->name, "Gain");
    assert_int_equal(gain->kind, MLROI_LINE_BENEFIT);
    assert_close(gain->risk, 0.2, 0);
    assert_close(gain->values[2], 1000, 1e-12);
    assert_close(gain->values[3], 2200, 1e-12);
    assert_close(gain->values[4], 2420, 1e-12);
    assert_close(gain->values[5], 0, 0);
    assert_close(gain->adjusted[4], 1936, 1e-12);
    /* total 800 + 1760 + 1936 = 4496; pv 800/1.21 + 1760/1.331 + 1936/1.4641 */
    assert_close(gain->total, 4496, 1e-12);
    assert_close(gain->pv, 800 / 1.21 + 1760 / 1.331 + 1936 / 1.4641, 1e-12);
    /* the default risk is the case's benefit_risk, and it is reported resolved */
    assert_close(dip->risk, 0.1, 0);
    assert_close(dip->adjusted[1], -270, 1e-12);
    assert_close(setup->adjusted[0], 2100, 1e-12);
    assert_false(gain->derived);
    /* the lines add up to the yearly totals */
    for (int t = 0; t <= 5; t++) {
        double b = 0, c = 0;
        for (size_t i = 0; i < r.bcase.line_count; i++) {
            if (r.bcase.lines[i].kind == MLROI_LINE_BENEFIT)
                b += r.bcase.lines[i].adjusted[t];
            else
                c += r.bcase.lines[i].adjusted[t];
        }
        assert_close(b, r.bcase.adjusted.years[t].benefits, 1e-12);
        assert_close(c, r.bcase.adjusted.years[t].costs, 1e-12);
    }
    mlroi_result_free(&r);
    mlroi_scenario_free(s);
}

static void mid_year_discounting_discounts_half_a_year_less(void **state)
{
    /* d_t = 1/1.1^(t - 0.5) for t >= 1 (computed independently in double):
     * pv_benefits 3209.701789069479, pv_costs 2393.992805473385, npv 815.7089835960942 */
    mlroi_result r;
    mlroi_scenario *s = eval_text(HAND_CASE("mid"), &r);
    (void)state;

    assert_close(r.bcase.adjusted.years[0].discount_factor, 1, 0);
    assert_close(r.bcase.adjusted.years[1].discount_factor, 1 / sqrt(1.1), 1e-15);
    assert_close(r.bcase.adjusted.pv_benefits, 3209.701789069479, 1e-9);
    assert_close(r.bcase.adjusted.pv_costs, 2393.992805473385, 1e-9);
    assert_close(r.bcase.adjusted.npv, 815.7089835960942, 1e-9);
    /* IRR keeps the contract's definition (end-of-year powers): unchanged by discounting */
    assert_close(r.bcase.adjusted.irr, 0.19883291374432643, 1e-9);
    mlroi_result_free(&r);
    mlroi_scenario_free(s);
}

/* The article's quick estimate with a team and a TCO, written as lines that draw on them.
 * Team: 6 data scientists -> ceil(1.8) = 2 ML engineers at the US benchmark middle 125,000,
 * 8 models -> 1 MLOps engineer at 135,000: 385,000 a year. TCO: one-time 30,000 + 25,000.
 *   Benefits from quick.total_benefits (900,000), ramp [0.5, 1], risk 20 %:
 *     B = 0, 360,000, 720,000, 720,000
 *   MLOps team from team.annual_cost, escalation 3 %: 385,000, 396,550, 408,446.5
 *   Set-up from tco.one_time: 55,000 in year 0
 *   C = 55,000, 385,000, 396,550, 408,446.5
 *   pv_costs = 55,000 + 385,000/1.1 + 396,550/1.21 + 408,446.5/1.331 = 1,039,599.173553719 */
static const char *const plan_case =
    "{ \"format\": 1, \"organization\": { \"employees\": 300, \"region\": \"US\" }, "
    TEST_ARTICLE_ROI_JSON ","
    " \"team\": { \"data_scientists\": 6, \"production_models\": 8 },"
    " \"tco\": { \"one_time\": [ { \"name\": \"Set-up\", \"amount\": 30000 },"
    "                           { \"name\": \"Training\", \"amount\": 25000 } ] },"
    " \"business_case\": { \"horizon_years\": 3, \"benefit_ramp\": [0.5, 1], \"benefit_risk\": 0.2,"
    "  \"lines\": ["
    "   { \"name\": \"Benefits\", \"kind\": \"benefit\", \"from\": \"quick.total_benefits\" },"
    "   { \"name\": \"MLOps team\", \"kind\": \"cost\", \"from\": \"team.annual_cost\","
    "     \"escalation\": 0.03 },"
    "   { \"name\": \"Set-up\", \"kind\": \"cost\", \"from\": \"tco.one_time\" } ] } }";

static void lines_draw_on_the_team_and_the_tco_of_the_same_run(void **state)
{
    mlroi_result r;
    mlroi_scenario *s = eval_text(plan_case, &r);
    const mlroi_bcase_figures *f = &r.bcase.adjusted;
    (void)state;

    assert_close(r.team.annual_cost, 385000, 0);
    assert_close(f->years[0].costs, 55000, 1e-12);
    assert_close(f->years[1].costs, 385000, 1e-12);
    assert_close(f->years[2].costs, 396550, 1e-12);
    assert_close(f->years[3].costs, 408446.5, 1e-12);
    assert_close(f->years[1].benefits, 360000, 1e-12);
    assert_close(f->years[3].benefits, 720000, 1e-12);
    assert_close(f->pv_costs, 55000 + 385000 / 1.1 + 396550 / 1.21 + 408446.5 / 1.331, 1e-12);
    assert_close(f->pv_costs, 1039599.173553719, 1e-9);
    assert_string_equal(r.bcase.lines[1].from, "team.annual_cost");
    mlroi_result_free(&r);
    mlroi_scenario_free(s);
}

/* Without lines, the engine derives them from the legacy keys, with the same figures. The
 * mid-market case: initial 50,000, annual 200,000 (the investment), ramp [0.5, 1], benefit risk
 * 20 %, cost risk 10 %, and an other benefit of 40,000 at 50 % risk. */
static const char *const legacy_case =
    "{ \"format\": 1, " TEST_ARTICLE_ROI_JSON ","
    " \"business_case\": { \"horizon_years\": 3, \"initial_investment\": 50000,"
    "  \"benefit_ramp\": [0.5, 1], \"benefit_risk\": 0.2, \"cost_risk\": 0.1,"
    "  \"other_benefits\": [ { \"name\": \"Compliance\", \"annual\": 40000, \"risk\": 0.5 } ] } }";

static const char *const legacy_as_lines =
    "{ \"format\": 1, " TEST_ARTICLE_ROI_JSON ","
    " \"business_case\": { \"horizon_years\": 3,"
    "  \"benefit_ramp\": [0.5, 1], \"benefit_risk\": 0.2, \"cost_risk\": 0.1, \"lines\": ["
    "   { \"name\": \"Benefits\", \"kind\": \"benefit\", \"from\": \"quick.total_benefits\" },"
    "   { \"name\": \"Compliance\", \"kind\": \"benefit\", \"annual\": 40000, \"risk\": 0.5 },"
    "   { \"name\": \"Initial\", \"kind\": \"cost\", \"amount\": 50000 },"
    "   { \"name\": \"Investment\", \"kind\": \"cost\", \"from\": \"quick.investment\" } ] } }";

static void legacy_keys_and_the_same_case_as_lines_agree(void **state)
{
    mlroi_result a, b;
    mlroi_scenario *sa = eval_text(legacy_case, &a), *sb = eval_text(legacy_as_lines, &b);
    (void)state;

    /* By hand: B_1 = 0.5 * (720,000 + 20,000) = 370,000, B_2 = B_3 = 740,000;
     * C = 55,000, 220,000, 220,000, 220,000; npv = -55,000 + 150,000/1.1 + 520,000/1.21
     * + 520,000/1.331 = 901,799.3989481592 */
    assert_close(a.bcase.adjusted.npv, 901799.3989481592, 1e-9);
    assert_close(b.bcase.adjusted.npv, 901799.3989481592, 1e-9);
    assert_close(b.bcase.adjusted.irr, a.bcase.adjusted.irr, 1e-9);
    assert_close(b.bcase.adjusted.payback_months, a.bcase.adjusted.payback_months, 1e-9);
    assert_close(b.bcase.unadjusted.npv, a.bcase.unadjusted.npv, 1e-9);
    /* the derived lines: quick benefits, the other benefit, the initial amount, the yearly cost */
    assert_int_equal(a.bcase.line_count, 4);
    assert_true(a.bcase.lines[0].derived);
    assert_string_equal(a.bcase.lines[0].from, "quick.total_benefits");
    assert_string_equal(a.bcase.lines[1].name, "Compliance");
    assert_close(a.bcase.lines[1].adjusted[1], 10000, 1e-12);   /* 40,000 * 0.5 * 0.5 */
    assert_close(a.bcase.lines[2].adjusted[0], 55000, 1e-12);
    assert_close(a.bcase.lines[3].adjusted[3], 220000, 1e-12);
    for (int t = 0; t <= 3; t++) {
        double bsum = a.bcase.lines[0].adjusted[t] + a.bcase.lines[1].adjusted[t];
        double csum = a.bcase.lines[2].adjusted[t] + a.bcase.lines[3].adjusted[t];
        assert_close(bsum, a.bcase.adjusted.years[t].benefits, 1e-12);
        assert_close(csum, a.bcase.adjusted.years[t].costs, 1e-12);
    }
    mlroi_result_free(&a);
    mlroi_result_free(&b);
    mlroi_scenario_free(sa);
    mlroi_scenario_free(sb);
}

/* Published table 1: Forrester Consulting, "The Total Economic Impact Of SalesLoft" (a TEI
 * study commissioned by SalesLoft), Financial Summary, "Cash Flow Table (Risk-Adjusted)",
 * discount rate 10 %: total costs (53,150) initial, (666,715), (636,772), (647,783), PV
 * (1,672,201); total benefits 0, 1,606,511, 3,061,331, 4,229,760, PV 7,168,371; net benefits
 * PV 5,496,170; ROI 329 %; payback < 6 months. The yearly figures are entered as lines; the
 * study's PVs, rounded to the dollar, must come out within a dollar, and to 1e-9 the exact
 * values of those yearly figures computed by hand in exact fractions:
 *   pv_costs 1,672,201.3523666416, pv_benefits 7,168,371.457550714, npv 5,496,170.105184072,
 *   roi 328.678726243429 %, payback 12 * 53,150 / 939,796 = 0.6786579215063695 months,
 *   discounted 12 * 53,150 / (939,796 / 1.1) = 0.7465237136570065 months,
 *   irr (bisection) 19.116190671708047, mirr at 10 % 4.179702955333721 */
static void the_salesloft_tei_cash_flow_table_is_reproduced(void **state)
{
    static const char *const text =
        "{ \"format\": 1, \"business_case\": { \"horizon_years\": 3, \"discount_rate\": 0.1,"
        " \"lines\": ["
        "  { \"name\": \"Total benefits\", \"kind\": \"benefit\","
        "    \"values\": [0, 1606511, 3061331, 4229760] },"
        "  { \"name\": \"Total costs\", \"kind\": \"cost\","
        "    \"values\": [53150, 666715, 636772, 647783] } ] } }";
    mlroi_result r;
    mlroi_scenario *s = eval_text(text, &r);
    const mlroi_bcase_figures *f = &r.bcase.adjusted;
    (void)state;

    assert_true(fabs(f->pv_costs - 1672201) < 1);
    assert_true(fabs(f->pv_benefits - 7168371) < 1);
    assert_true(fabs(f->npv - 5496170) < 1);
    assert_true(fabs(f->roi_percent - 329) < 0.5);
    assert_true(f->payback_months < 6);
    assert_close(f->total_costs, 2004420, 0);
    assert_close(f->total_benefits, 8897602, 0);
    assert_close(f->pv_costs, 1672201.3523666416, 1e-9);
    assert_close(f->pv_benefits, 7168371.457550714, 1e-9);
    assert_close(f->npv, 5496170.105184072, 1e-9);
    assert_close(f->roi_percent, 328.678726243429, 1e-9);
    assert_close(f->payback_months, 0.6786579215063695, 1e-9);
    assert_close(f->discounted_payback_months, 0.7465237136570065, 1e-9);
    assert_close(f->irr, 19.116190671708047, 1e-9);
    assert_close(f->mirr, 4.179702955333721, 1e-9);
    mlroi_result_free(&r);
    mlroi_scenario_free(s);
}

/* Published table 2: a three-year NPV/ROI worksheet at 8 % (posted with its answers at
 * powcoder.com, 2021-11-17, "Sheet1"): benefits 0, 200,000, 200,000, 200,000; costs 140,000,
 * 40,000, 40,000, 40,000; discounted benefits 515,419, discounted costs 243,084, NPV 272,336,
 * ROI 112.0 %, payback during year 1. Exact values by hand: pv_benefits 515,419.3974495758,
 * pv_costs 243,083.87948991515, npv 272,335.5179596606, roi 112.03355752389949 %; payback
 * 12 * 140,000/160,000 = 10.5 months, discounted 12 * 140,000 / (160,000/1.08) = 11.34; irr
 * exactly 100 % (160,000 (1/2 + 1/4 + 1/8) = 140,000); mirr at 8 % 0.5480963697206382. */
static void a_published_eight_percent_worksheet_is_reproduced(void **state)
{
    static const char *const text =
        "{ \"format\": 1, \"business_case\": { \"horizon_years\": 3, \"discount_rate\": 0.08,"
        " \"lines\": ["
        "  { \"name\": \"Benefits\", \"kind\": \"benefit\", \"annual\": 200000 },"
        "  { \"name\": \"Initial cost\", \"kind\": \"cost\", \"amount\": 140000, \"year\": 0 },"
        "  { \"name\": \"Running cost\", \"kind\": \"cost\", \"annual\": 40000 } ] } }";
    mlroi_result r;
    mlroi_scenario *s = eval_text(text, &r);
    const mlroi_bcase_figures *f = &r.bcase.adjusted;
    (void)state;

    assert_true(fabs(f->pv_benefits - 515419) < 1);
    assert_true(fabs(f->pv_costs - 243084) < 1);
    assert_true(fabs(f->npv - 272336) < 1);
    assert_true(fabs(f->roi_percent - 112.0) < 0.05);
    assert_close(f->pv_benefits, 515419.3974495758, 1e-9);
    assert_close(f->pv_costs, 243083.87948991515, 1e-9);
    assert_close(f->npv, 272335.5179596606, 1e-9);
    assert_close(f->roi_percent, 112.03355752389949, 1e-9);
    assert_close(f->payback_months, 10.5, 1e-9);
    assert_close(f->discounted_payback_months, 11.34, 1e-9);
    assert_close(f->irr, 1.0, 1e-9);
    assert_close(f->mirr, 0.5480963697206382, 1e-9);
    mlroi_result_free(&r);
    mlroi_scenario_free(s);
}

static void several_rates_of_a_lines_case_are_named(void **state)
{
    /* net -100, 230, -132: rates 10 % and 20 % (roots 1.1 and 1.2 of 100y^2 - 230y + 132) */
    static const char *const text =
        "{ \"format\": 1, \"business_case\": { \"horizon_years\": 2, \"lines\": ["
        "  { \"name\": \"In\", \"kind\": \"benefit\", \"values\": [0, 230] },"
        "  { \"name\": \"Out\", \"kind\": \"cost\", \"values\": [100, 0, 132] } ] } }";
    mlroi_result r;
    mlroi_scenario *s = eval_text(text, &r);
    (void)state;

    assert_nan(r.bcase.adjusted.irr);
    assert_string_equal(r.bcase.adjusted.irr_note, "several rates: 10.0 % and 20.0 %");
    mlroi_result_free(&r);
    mlroi_scenario_free(s);
}

static void a_fifty_year_case_runs_to_its_last_year(void **state)
{
    /* 1,000 a year for 50 years against 5,000 now, at 5 %: an annuity,
     * npv = 1000 (1 - 1.05^-50) / 0.05 - 5000 = 13,255.915690... computed in the test */
    static const char *const text =
        "{ \"format\": 1, \"business_case\": { \"horizon_years\": 50, \"discount_rate\": 0.05,"
        " \"lines\": ["
        "  { \"name\": \"Gain\", \"kind\": \"benefit\", \"annual\": 1000 },"
        "  { \"name\": \"Cost\", \"kind\": \"cost\", \"amount\": 5000 } ] } }";
    mlroi_result r;
    mlroi_scenario *s = eval_text(text, &r);
    (void)state;

    assert_int_equal(r.bcase.adjusted.horizon, 50);
    assert_close(r.bcase.adjusted.years[50].benefits, 1000, 0);
    assert_close(r.bcase.adjusted.npv, 1000 * (1 - pow(1.05, -50)) / 0.05 - 5000, 1e-9);
    mlroi_result_free(&r);
    mlroi_scenario_free(s);
}

static void a_line_is_set_by_name_and_by_index(void **state)
{
    mlroi_override o[2] = { { "business_case.lines[Setup].amount", "3000" },
                            { "business_case.lines[1].risk", "0.5" } };
    mlroi_load_options opts = { 0 };
    mlroi_scenario *s = NULL;
    mlroi_diags d = {0};
    (void)state;

    opts.overrides = o;
    opts.override_count = 2;
    assert_int_equal(mlroi_scenario_load_text("x.json", HAND_CASE("end"), strlen(HAND_CASE("end")),
                                              &opts, &s, &d), MLROI_OK);
    assert_close(s->bc.lines[2].annual, 3000, 0);
    assert_close(s->bc.lines[1].risk, 0.5, 0);
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);

    /* an unknown name is an error naming it */
    o[0].path = "business_case.lines[Nope].amount";
    opts.override_count = 1;
    assert_int_not_equal(mlroi_scenario_load_text("x.json", HAND_CASE("end"),
                                                  strlen(HAND_CASE("end")), &opts, &s, &d),
                         MLROI_OK);
    assert_null(s);
    assert_non_null(strstr(d.items[0].message, "\"Nope\""));
    mlroi_diags_free(&d);
}

/* Repeated names are reported in the lines' order, each against its name's first line, and
 * values in range, -0 among them, are read as given while one out of range is named. */
static void repeated_names_and_bad_values_are_reported_in_order(void **state)
{
    static const char text[] =
        "{ \"business_case\": { \"lines\": [\n"
        "  { \"name\": \"B\", \"kind\": \"cost\", \"annual\": 1 },\n"
        "  { \"name\": \"A\", \"kind\": \"cost\", \"annual\": 1 },\n"
        "  { \"name\": \"B\", \"kind\": \"cost\", \"annual\": 1 },\n"
        "  { \"name\": \"A\", \"kind\": \"cost\", \"annual\": 1 },\n"
        "  { \"name\": \"B\", \"kind\": \"cost\", \"annual\": 1 },\n"
        "  { \"name\": \"C\", \"kind\": \"cost\", \"values\": [-0.0, 2, 3e12] } ] } }\n";
    static const char *const want[][2] = {
        { "business_case.lines[5].values[2]", "got 3000000000000" },
        { "business_case.lines[2].name", "\"B\" is already defined at business_case.lines[0]" },
        { "business_case.lines[3].name", "\"A\" is already defined at business_case.lines[1]" },
        { "business_case.lines[4].name", "\"B\" is already defined at business_case.lines[0]" },
    };
    mlroi_scenario *s = NULL;
    mlroi_diags d = {0};
    (void)state;

    assert_int_not_equal(mlroi_scenario_load_text("x.json", text, strlen(text), NULL, &s, &d),
                         MLROI_OK);
    assert_null(s);
    assert_int_equal(d.count, 4);
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(d.items[i].path, want[i][0]);
        assert_non_null(strstr(d.items[i].message, want[i][1]));
    }
    mlroi_diags_free(&d);
}

/* Analysis loops resolve the lines once when only the quick estimate's inputs move
 * (mlroi_lines_plan): every metric must then be, bit for bit, what a full evaluation of the
 * same inputs gives. The case has every kind of line: figures with and without the ramp, an
 * escalating and a scaled line (the general way), values as long as the case and shorter,
 * one-time amounts in a middle and the last year, a negative benefit from year 0, and mid-year
 * discounting. */
static void planned_lines_give_the_full_evaluation_bit_for_bit(void **state)
{
    static const char text[] =
        "{ \"format\": 1,\n"
        "  \"roi\": { \"team_size\": 5, \"avg_salary\": 90000, \"models_per_year\": 3,\n"
        "    \"current_time_to_prod_weeks\": 16, \"mlops_time_to_prod_weeks\": 3,\n"
        "    \"model_incidents_per_year\": 4, \"avg_incident_cost\": 75000,\n"
        "    \"incident_reduction\": 0.75, \"mlops_investment\": 200000 },\n"
        "  \"business_case\": { \"horizon_years\": 6, \"discount_rate\": 0.08,\n"
        "    \"discounting\": \"mid\", \"benefit_ramp\": [0.3, 0.7, 1], \"benefit_risk\": 0.15,\n"
        "    \"cost_risk\": 0.05, \"lines\": [\n"
        "    { \"name\": \"Deploy\", \"kind\": \"benefit\", \"from\": \"quick.deployment_savings\" },\n"
        "    { \"name\": \"Incidents\", \"kind\": \"benefit\", \"from\": \"quick.incident_savings\",\n"
        "      \"ramp\": [1], \"risk\": 0.3 },\n"
        "    { \"name\": \"Dip\", \"kind\": \"benefit\", \"annual\": -20000, \"start\": 0, \"end\": 1 },\n"
        "    { \"name\": \"Grows\", \"kind\": \"benefit\", \"annual\": 7000, \"start\": 2,\n"
        "      \"escalation\": 0.04 },\n"
        "    { \"name\": \"Invest\", \"kind\": \"cost\", \"from\": \"quick.investment\", \"scale\": 0.6 },\n"
        "    { \"name\": \"Licence\", \"kind\": \"cost\", \"annual\": 30000, \"end\": 4, \"risk\": 0.2 },\n"
        "    { \"name\": \"Long\", \"kind\": \"cost\", \"values\": [1, 2, 3, 4, 5, 6, 7] },\n"
        "    { \"name\": \"Short\", \"kind\": \"cost\", \"values\": [50000, 12345.678] },\n"
        "    { \"name\": \"Later\", \"kind\": \"cost\", \"amount\": 40000, \"year\": 5 },\n"
        "    { \"name\": \"Last\", \"kind\": \"cost\", \"amount\": 1e6, \"year\": 6 } ] } }\n";
    static const char *const paths[] = { "roi.avg_salary", "roi.avg_incident_cost" };
    static const double salaries[] = { 60000, 90000.5, 123456.789, 250000 };
    static const double incident_costs[] = { 1000, 75000, 333333.3 };
    const mlroi_metric_id ids[] = { MLROI_M_NPV, MLROI_M_ROI_PERCENT, MLROI_M_PAYBACK_MONTHS,
                                    MLROI_M_DISCOUNTED_PAYBACK_MONTHS, MLROI_M_IRR,
                                    MLROI_M_PV_BENEFITS, MLROI_M_PV_COSTS, MLROI_M_COST_3Y };
    const size_t id_count = sizeof ids / sizeof ids[0];
    mlroi_scenario *s = test_load_scenario_text("plan.json", text);
    mlroi_evaluator e;
    mlroi_result r, full;
    mlroi_diags d = {0};
    (void)state;

    assert_int_equal(mlroi_evaluator_init(&e, s, NULL, paths, 2, ids, id_count, &r, &d),
                     MLROI_OK);
    assert_true(e.fast);
    assert_int_equal(e.plan.count, 10);
    for (size_t i = 0; i < sizeof salaries / sizeof salaries[0]; i++) {
        for (size_t j = 0; j < sizeof incident_costs / sizeof incident_costs[0]; j++) {
            s->roi.avg_salary = salaries[i];
            s->roi.avg_incident_cost = incident_costs[j];
            assert_int_equal(mlroi_evaluator_run(&e, &r), MLROI_OK);
            assert_int_equal(mlroi_evaluate(s, NULL, &full, &d), MLROI_OK);
            for (size_t k = 0; k < id_count; k++) {
                double a = mlroi_metric_value(&r, ids[k]), b = mlroi_metric_value(&full, ids[k]);
                assert_true(isfinite(b) || isnan(b));
                assert_memory_equal(&a, &b, sizeof a);
            }
            for (int t = 0; t <= 6; t++) {
                assert_memory_equal(&r.bcase.adjusted.years[t].benefits,
                                    &full.bcase.adjusted.years[t].benefits, sizeof(double));
                assert_memory_equal(&r.bcase.adjusted.years[t].costs,
                                    &full.bcase.adjusted.years[t].costs, sizeof(double));
            }
            mlroi_result_free(&full);
        }
    }
    mlroi_result_free(&r);
    mlroi_diags_free(&d);

    /* A business-case input that moves leaves the lines to the general way. */
    {
        static const char *const bc_path[] = { "business_case.lines[Licence].risk" };
        assert_int_equal(mlroi_evaluator_init(&e, s, NULL, bc_path, 1, ids, id_count, &r, &d),
                         MLROI_OK);
        assert_int_equal(e.plan.count, 0);
        mlroi_result_free(&r);
        mlroi_diags_free(&d);
    }
    mlroi_scenario_free(s);
}

static void a_binding_moves_a_line_by_name(void **state)
{
    mlroi_result r;
    mlroi_scenario *s = eval_text(HAND_CASE("end"), &r);
    mlroi_binding b;
    double before = r.bcase.adjusted.npv;
    (void)state;

    assert_int_equal(mlroi_binding_resolve(s, "business_case.lines[Upgrade].amount", &b, NULL),
                     MLROI_OK);
    *b.value = 0;   /* no upgrade: npv rises by its PV, 500 / 1.331 */
    mlroi_result_free(&r);
    assert_int_equal(mlroi_evaluate(s, NULL, &r, NULL), MLROI_OK);
    assert_close(r.bcase.adjusted.npv - before, 500 / 1.331, 1e-9);
    /* a default risk is bound as the value it stands for */
    assert_int_equal(mlroi_binding_resolve(s, "business_case.lines[Dip].risk", &b, NULL),
                     MLROI_OK);
    assert_close(*b.value, 0.1, 0);
    assert_int_not_equal(mlroi_binding_resolve(s, "business_case.lines[9].risk", &b, NULL),
                         MLROI_OK);
    mlroi_result_free(&r);
    mlroi_scenario_free(s);
}

static void chargeback_without_tco_shares_the_lines_yearly_cost(void **state)
{
    /* The hand case's costs in years 1..5 are 0, 0, 500, 0, 0: 100 a year on average, shared
     * equally by two units, 50 each. */
    char text[2048];
    mlroi_result r;
    mlroi_scenario *s;
    (void)state;

    snprintf(text, sizeof text, "%.*s, \"chargeback\": { \"basis\": \"equal\", \"units\": ["
             " { \"name\": \"A\" }, { \"name\": \"B\" } ] } }",
             (int)strlen(HAND_CASE("end")) - 1, HAND_CASE("end"));
    s = eval_text(text, &r);
    assert_true(r.chargeback.present);
    assert_close(r.chargeback.pool, 100, 1e-12);
    assert_string_equal(r.chargeback.pool_source, "business_case.lines");
    assert_close(r.chargeback.units[0].annual_charge, 50, 1e-12);
    mlroi_result_free(&r);
    mlroi_scenario_free(s);
}

static const mlroi_tornado_bar *bar_of(const mlroi_tornado *t, const char *param)
{
    for (size_t i = 0; i < t->count; i++)
        if (strcmp(t->bars[i].param, param) == 0)
            return &t->bars[i];
    return NULL;
}

static void the_tornado_moves_each_line_amount_and_risk(void **state)
{
    mlroi_scenario *s = test_load_scenario_text("lines.json", HAND_CASE("end"));
    mlroi_tornado *t = NULL;
    mlroi_diags d = {0};
    const mlroi_tornado_bar *b;
    (void)state;

    assert_int_equal(mlroi_tornado_run(s, NULL, NULL, &t, &d), MLROI_OK);
    /* Upgrade: 500 in year 3 moves to 400 and 600: the NPV moves by 200 / 1.331 */
    b = bar_of(t, "business_case.lines[Upgrade].amount");
    assert_non_null(b);
    assert_close(b->low_value, 400, 1e-12);
    assert_close(b->high_value, 600, 1e-12);
    assert_close(b->swing, 200 / 1.331, 1e-9);
    /* Gain's own risk 0.2 moves to 0.16 and 0.24: PV of its values (1000/1.21 + 2200/1.331 +
     * 2420/1.4641 = 4132.231404958678) times 0.08 */
    b = bar_of(t, "business_case.lines[Gain].risk");
    assert_non_null(b);
    assert_close(b->swing, 0.08 * (1000 / 1.21 + 2200 / 1.331 + 2420 / 1.4641), 1e-9);
    /* Dip has values: it is scaled (0.8 to 1.2 of -300 in year 1: 120 / 1.1) */
    b = bar_of(t, "business_case.lines[Dip].scale");
    assert_non_null(b);
    assert_close(b->swing, 0.2 * 2 * 300 * 0.9 / 1.1, 1e-9);
    /* Dip's risk is the case's benefit_risk (0.1 -> 0.08, 0.12): no bar of its own, and the
     * case's bar moves it: 0.04 * 300 / 1.1 */
    assert_null(bar_of(t, "business_case.lines[Dip].risk"));
    b = bar_of(t, "business_case.benefit_risk");
    assert_non_null(b);
    assert_close(b->swing, 0.04 * 300 / 1.1, 1e-9);
    mlroi_tornado_free(t);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hand_worked_lines_give_every_figure),
        cmocka_unit_test(each_line_carries_its_values_adjusted_values_total_and_pv),
        cmocka_unit_test(mid_year_discounting_discounts_half_a_year_less),
        cmocka_unit_test(lines_draw_on_the_team_and_the_tco_of_the_same_run),
        cmocka_unit_test(legacy_keys_and_the_same_case_as_lines_agree),
        cmocka_unit_test(the_salesloft_tei_cash_flow_table_is_reproduced),
        cmocka_unit_test(a_published_eight_percent_worksheet_is_reproduced),
        cmocka_unit_test(several_rates_of_a_lines_case_are_named),
        cmocka_unit_test(a_fifty_year_case_runs_to_its_last_year),
        cmocka_unit_test(a_line_is_set_by_name_and_by_index),
        cmocka_unit_test(repeated_names_and_bad_values_are_reported_in_order),
        cmocka_unit_test(planned_lines_give_the_full_evaluation_bit_for_bit),
        cmocka_unit_test(a_binding_moves_a_line_by_name),
        cmocka_unit_test(the_tornado_moves_each_line_amount_and_risk),
        cmocka_unit_test(chargeback_without_tco_shares_the_lines_yearly_cost),
    };
    return cmocka_run_group_tests_name("lines", tests, NULL, NULL);
}
