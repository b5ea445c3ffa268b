/* SPDX-License-Identifier: MIT */
/* Tests of the benchmark data: the published figures, their sources, and the loader's errors. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "mlroi/benchmarks.h"
#include "mlroi/scenario.h"

extern const unsigned char mlroi_benchmarks_json[];
extern const size_t mlroi_benchmarks_json_len;

#define ARTICLE "MLOps for Decision Makers, 2025"

/* A published figure: where the loaded data holds it, and its value in the article. */
typedef struct figure {
    const char *name;
    double actual, expected;
} figure;

#define FIGURE(actual, expected) { #actual, (actual), (expected) }

/* Every figure of FIGURES (N of them) is exactly the published value. */
static void check_figures(const figure *figures, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (figures[i].actual != figures[i].expected)
            print_error("%s\n", figures[i].name);
        assert_close(figures[i].actual, figures[i].expected, 0);
    }
}

static void default_is_one_shared_set(void **state)
{
    const mlroi_benchmarks *a = mlroi_benchmarks_default();
    const mlroi_benchmarks *b = mlroi_benchmarks_default();
    (void)state;
    assert_ptr_equal(a, b);
    assert_string_equal(a->title, ARTICLE);
    assert_int_equal(a->catalog_count, 5);
}

static void salaries_are_the_published_ranges(void **state)
{
    const mlroi_benchmarks *b = mlroi_benchmarks_default();
    /* Core Roles: ML engineer 110-140k (US), 55-75k (EU); MLOps engineer 120-150k (US). */
    const figure figures[] = {
        FIGURE(b->ml_engineer[MLROI_REGION_US].low, 110000),
        FIGURE(b->ml_engineer[MLROI_REGION_US].high, 140000),
        FIGURE(b->ml_engineer[MLROI_REGION_EU].low, 55000),
        FIGURE(b->ml_engineer[MLROI_REGION_EU].high, 75000),
        FIGURE(b->mlops_engineer[MLROI_REGION_US].low, 120000),
        FIGURE(b->mlops_engineer[MLROI_REGION_US].high, 150000),
    };
    (void)state;
    check_figures(figures, sizeof figures / sizeof figures[0]);
    assert_false(b->mlops_engineer_assumed[MLROI_REGION_US]);
    /* No published figure: shown as assumptions. */
    assert_true(b->mlops_engineer_assumed[MLROI_REGION_EU]);
    assert_true(b->governance_lead_assumed[MLROI_REGION_US]);
    assert_true(b->governance_lead_assumed[MLROI_REGION_EU]);
    assert_non_null(strstr(b->governance_lead[MLROI_REGION_US].source, "Assumption"));
}

static void brackets_phases_and_rates_are_the_published_ones(void **state)
{
    const mlroi_benchmarks *b = mlroi_benchmarks_default();
    static const struct {
        const char *id;
        double max_employees, people_low, people_high, budget_low, budget_high;
    } brackets[] = {
        { "startup", 50, 1, 2, 25000, 60000 },
        { "midmarket", 500, 3, 5, 120000, 400000 },
        { "enterprise", INFINITY, 10, 30, 600000, 2500000 },
    };
    const figure figures[] = {
        FIGURE(b->phases[1].budget.low, 50000),
        FIGURE(b->phases[1].budget.high, 100000),
        /* Monitoring 50-200 per model-month: the default is the middle, 125. */
        FIGURE(b->monitoring_per_model_month.low, 50),
        FIGURE(b->monitoring_per_model_month.high, 200),
        FIGURE(b->time_to_prod_without.low, 26),
        FIGURE(b->time_to_prod_without.high, 52),
        FIGURE(b->time_to_prod_with.low, 2),
        FIGURE(b->time_to_prod_with.high, 4),
        FIGURE(b->incident_reduction.low, 0.75),
        FIGURE(b->incident_reduction_optimistic, 0.9),
        FIGURE(b->roi_3y_percent.low, 210),
        FIGURE(b->roi_3y_optimistic_factor, 2),
        FIGURE(b->payback_months.low, 12),
        FIGURE(b->payback_months.high, 18),
        FIGURE(b->monthly_cloud_midmarket.low, 2000),
        FIGURE(b->monthly_cloud_midmarket.high, 6000),
        FIGURE(b->monthly_cloud_enterprise.low, 25000),
        FIGURE(b->monthly_cloud_enterprise.high, 120000),
    };
    (void)state;

    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(b->brackets[i].id, brackets[i].id);
        if (isinf(brackets[i].max_employees))
            assert_true(isinf(b->brackets[i].max_employees));
        else
            assert_close(b->brackets[i].max_employees, brackets[i].max_employees, 0);
        assert_close(b->brackets[i].people.low, brackets[i].people_low, 0);
        assert_close(b->brackets[i].people.high, brackets[i].people_high, 0);
        assert_close(b->brackets[i].budget.low, brackets[i].budget_low, 0);
        assert_close(b->brackets[i].budget.high, brackets[i].budget_high, 0);
    }

    assert_int_equal(b->phases[1].number, 2);
    assert_int_equal(b->phases[1].reaches_level, 2);
    assert_int_equal(b->phases[2].month_from, 10);
    assert_int_equal(b->phases[2].month_to, 18);
    assert_true(b->phases[0].kpi[0] != '\0' && b->phases[0].goal[0] != '\0');
    check_figures(figures, sizeof figures / sizeof figures[0]);

    assert_int_equal(b->ai_act_count, 3);
    assert_string_equal(b->ai_act[0].date, "2025-02");
    assert_string_equal(b->ai_act[1].date, "2026-08");
    assert_string_equal(b->ai_act[2].date, "2027-08");
}

static void every_figure_names_its_source(void **state)
{
    const mlroi_benchmarks *b = mlroi_benchmarks_default();
    const mlroi_range *ranges[] = {
        &b->ml_engineer[0], &b->ml_engineer[1], &b->mlops_engineer[0], &b->mlops_engineer[1],
        &b->governance_lead[0], &b->governance_lead[1],
        &b->brackets[0].people, &b->brackets[1].budget, &b->brackets[2].budget,
        &b->phases[0].budget, &b->phases[1].budget, &b->phases[2].budget,
        &b->monitoring_per_model_month, &b->time_to_prod_without, &b->time_to_prod_with,
        &b->incident_reduction, &b->roi_3y_percent, &b->payback_months,
        &b->monthly_cloud_midmarket, &b->monthly_cloud_enterprise,
    };
    (void)state;
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        assert_non_null(ranges[i]->source);
        assert_non_null(strstr(ranges[i]->source, ARTICLE));
    }
    for (size_t i = 0; i < b->catalog_count; i++)
        assert_non_null(strstr(b->catalog[i].source, ARTICLE));
    for (size_t i = 0; i < b->rule_count; i++)
        assert_non_null(strstr(b->rules[i].licence.source, ARTICLE));
}

#define ALL_BRACKETS ((1u << 0) | (1u << 1) | (1u << 2))
#define ALL_REGIONS ((1u << MLROI_REGION_US) | (1u << MLROI_REGION_EU))

/* Each check's benchmark is compared only with the scenarios the article published it for. */
static void each_benchmark_says_whom_it_was_published_for(void **state)
{
    const mlroi_benchmarks *b = mlroi_benchmarks_default();
    static const unsigned startup = 1u << 0, midmarket = 1u << 1, enterprise = 1u << 2;
    const struct {
        const char *name;
        const mlroi_range *r;
        unsigned brackets, regions;
        const char *currency;
    } cases[] = {
        /* "Time-to-production reduced from 6-12 months to 2-4 weeks": no size, no region. */
        { "time_to_prod_without", &b->time_to_prod_without, ALL_BRACKETS, ALL_REGIONS, "" },
        { "time_to_prod_with", &b->time_to_prod_with, ALL_BRACKETS, ALL_REGIONS, "" },
        /* The ROI calculator's 75 % and the Phase 3 KPI: any company. */
        { "incident_reduction", &b->incident_reduction, ALL_BRACKETS, ALL_REGIONS, "" },
        /* "210% ROI over 3 years (Forrester, enterprise companies)". */
        { "roi_3y_percent", &b->roi_3y_percent, enterprise, ALL_REGIONS, "" },
        /* "Total Cost of Ownership: SMB Scenario Estimate ... payback period: 12-18 months",
         * a mid-size company; the start-up bracket is the article's "Startup / SMB". */
        { "payback_months", &b->payback_months, startup | midmarket, ALL_REGIONS, "" },
        /* "$2,000-6,000/month" for a mid-size company; "$25,000-120,000/month" enterprise. */
        { "monthly_cloud_midmarket", &b->monthly_cloud_midmarket, midmarket, ALL_REGIONS, "USD" },
        { "monthly_cloud_enterprise", &b->monthly_cloud_enterprise, enterprise, ALL_REGIONS,
          "USD" },
        /* "Typical budget: $25-60k/year" and so on, each for its own bracket. */
        { "startup budget", &b->brackets[0].budget, startup, ALL_REGIONS, "USD" },
        { "midmarket budget", &b->brackets[1].budget, midmarket, ALL_REGIONS, "USD" },
        { "enterprise budget", &b->brackets[2].budget, enterprise, ALL_REGIONS, "USD" },
        { "enterprise people", &b->brackets[2].people, enterprise, ALL_REGIONS, "" },
        /* "$110-140k/year (US), €55-75k (EU)". */
        { "ml_engineer US", &b->ml_engineer[MLROI_REGION_US], ALL_BRACKETS,
          1u << MLROI_REGION_US, "USD" },
        { "ml_engineer EU", &b->ml_engineer[MLROI_REGION_EU], ALL_BRACKETS,
          1u << MLROI_REGION_EU, "EUR" },
        { "phase 1 budget", &b->phases[0].budget, ALL_BRACKETS, ALL_REGIONS, "USD" },
        { "research licence", &b->rules[0].licence, ALL_BRACKETS, ALL_REGIONS, "USD" },
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const mlroi_scope *sc = &cases[i].r->scope;
        if (sc->brackets != cases[i].brackets || sc->regions != cases[i].regions ||
            strcmp(sc->currency, cases[i].currency) != 0)
            print_error("%s: brackets %u regions %u currency \"%s\"\n", cases[i].name,
                        sc->brackets, sc->regions, sc->currency);
        assert_int_equal(sc->brackets, cases[i].brackets);
        assert_int_equal(sc->regions, cases[i].regions);
        assert_string_equal(sc->currency, cases[i].currency);
    }
    for (size_t i = 0; i < b->catalog_count; i++)
        assert_string_equal(b->catalog[i].currency, "USD");
    assert_int_equal(mlroi_bracket_index(b, "startup"), 0);
    assert_int_equal(mlroi_bracket_index(b, "enterprise"), 2);
    assert_int_equal(mlroi_bracket_index(b, "nope"), -1);
    assert_string_equal(b->brackets[2].noun, "an enterprise");
}

static void platform_rules_end_with_the_default(void **state)
{
    const mlroi_benchmarks *b = mlroi_benchmarks_default();
    (void)state;
    assert_int_equal(b->rule_count, 6);
    assert_string_equal(b->rules[0].id, "research_heavy");
    assert_true(b->rules[0].when_research_heavy);
    assert_true(b->rules[2].when_microsoft_centric);
    assert_true(b->rules[2].when_clouds & (1u << MLROI_CLOUD_AZURE));
    assert_true(b->rules[5].always);
    assert_int_equal(b->alternative_count, 2);
}

static void scenario_rates_take_precedence(void **state)
{
    const mlroi_benchmarks *b = mlroi_benchmarks_default();
    mlroi_scenario *s = mlroi_scenario_new();
    (void)state;

    assert_non_null(s);
    assert_close(mlroi_benchmarks_rate(b, s, "gpu.inference"), 4.48, 0);
    s->tco.catalog = calloc(1, sizeof *s->tco.catalog);
    assert_non_null(s->tco.catalog);
    s->tco.catalog_count = 1;
    s->tco.catalog[0].id = strdup("gpu.inference");
    s->tco.catalog[0].hourly_rate = 3.10;
    s->tco.storage_per_gb_month = 0.02;
    assert_close(mlroi_benchmarks_rate(b, s, "gpu.inference"), 3.10, 0);
    assert_close(mlroi_benchmarks_rate(b, s, "storage.gb_month"), 0.02, 0);
    assert_close(mlroi_benchmarks_rate(b, s, "cpu.inference"), 0.05, 0);
    assert_nan(mlroi_benchmarks_rate(b, s, "nope"));
    mlroi_scenario_free(s);
}

/* ---------- the loader's errors ---------- */

typedef void (*mutation)(cJSON *root);

/* Load the built-in data after MUTATE; return the first error, its path in PATH. */
static mlroi_error load_mutated(mutation mutate, char *path, size_t size, char *message,
                                size_t msize)
{
    cJSON *root = cJSON_Parse((const char *)mlroi_benchmarks_json);
    char *text;
    mlroi_benchmarks *b = NULL;
    mlroi_diags d = { 0 };
    mlroi_error err;

    assert_non_null(root);
    mutate(root);
    text = cJSON_Print(root);
    assert_non_null(text);
    err = mlroi_benchmarks_load_text("bench.json", text, strlen(text), &b, &d);
    if (err != MLROI_OK) {
        const mlroi_diag *e = mlroi_diags_first_error(&d);
        assert_non_null(e);
        assert_int_equal(e->code, err);
        assert_string_equal(e->file, "bench.json");
        snprintf(path, size, "%s", e->path);
        snprintf(message, msize, "%s", e->message);
        assert_null(b);
    }
    mlroi_benchmarks_free(b);
    mlroi_diags_free(&d);
    cJSON_free(text);
    cJSON_Delete(root);
    return err;
}

static void no_change(cJSON *root) { (void)root; }

static void drop_ml_engineer_us_low(cJSON *root)
{
    cJSON *us = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "salaries"),
                                         "ml_engineer"), "US");
    cJSON_DeleteItemFromObjectCaseSensitive(us, "low");
}

static void rate_as_text(cJSON *root)
{
    cJSON *entry = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "catalog"), 1);
    cJSON_ReplaceItemInObjectCaseSensitive(entry, "rate", cJSON_CreateString("13.83"));
}

static void budget_upside_down(cJSON *root)
{
    cJSON *ph = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "phases"), 0);
    cJSON *budget = cJSON_GetObjectItemCaseSensitive(ph, "budget");
    cJSON_ReplaceItemInObjectCaseSensitive(budget, "low", cJSON_CreateNumber(90000));
}

static void drop_default_rule(cJSON *root)
{
    cJSON_DeleteItemFromArray(cJSON_GetObjectItemCaseSensitive(root, "platform_rules"), 5);
}

static void drop_storage_rate(cJSON *root)
{
    cJSON_DeleteItemFromArray(cJSON_GetObjectItemCaseSensitive(root, "catalog"), 4);
}

static cJSON *payback_check(cJSON *root)
{
    return cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "checks"),
                                            "payback_months");
}

static void drop_payback_currency(cJSON *root)
{
    cJSON_DeleteItemFromObjectCaseSensitive(payback_check(root), "currency");
}

static void payback_for_a_unicorn(cJSON *root)
{
    cJSON *a = cJSON_GetObjectItemCaseSensitive(payback_check(root), "brackets");
    cJSON_ReplaceItemInArray(a, 1, cJSON_CreateString("unicorn"));
}

static void payback_for_no_region(cJSON *root)
{
    cJSON_ReplaceItemInObjectCaseSensitive(payback_check(root), "regions", cJSON_CreateArray());
}

static void cloud_in_dollars(cJSON *root)
{
    cJSON *c = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "checks"),
                                                "monthly_cloud_midmarket");
    cJSON_ReplaceItemInObjectCaseSensitive(c, "currency", cJSON_CreateString("$"));
}

static void bracket_without_currency(cJSON *root)
{
    cJSON_DeleteItemFromObjectCaseSensitive(
        cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "brackets"), 1), "currency");
}

static void loader_accepts_the_shipped_file(void **state)
{
    char path[128], msg[384];
    (void)state;
    assert_int_equal(load_mutated(no_change, path, sizeof path, msg, sizeof msg), MLROI_OK);
}

static void loader_names_the_key_and_what_it_expected(void **state)
{
    /* Each mutation, the error it must give and its path; the message where it is given. */
    static const struct {
        mutation mutate;
        mlroi_error err;
        const char *path, *message;
    } cases[] = {
        { drop_ml_engineer_us_low, MLROI_ERR_MISSING, "salaries.ml_engineer.US.low", NULL },
        { rate_as_text, MLROI_ERR_TYPE, "catalog[1].rate",
          "expected a finite number, got a string" },
        { budget_upside_down, MLROI_ERR_RANGE, "phases[0].budget", NULL },
        { drop_default_rule, MLROI_ERR_INVALID, "platform_rules[4]", NULL },
        { drop_storage_rate, MLROI_ERR_MISSING, "catalog", NULL },
        /* A check's benchmark must say whom it was published for, currency included (null
         * for a figure that is not money). */
        { drop_payback_currency, MLROI_ERR_MISSING, "checks.payback_months.currency", NULL },
        { payback_for_a_unicorn, MLROI_ERR_INVALID, "checks.payback_months.brackets[1]",
          "expected one of \"startup\", \"midmarket\", \"enterprise\"" },
        { payback_for_no_region, MLROI_ERR_TYPE, "checks.payback_months.regions",
          "expected a non-empty array of names, got an empty array" },
        { cloud_in_dollars, MLROI_ERR_INVALID, "checks.monthly_cloud_midmarket.currency", NULL },
        { bracket_without_currency, MLROI_ERR_MISSING, "brackets[1]", NULL },
    };
    char path[128], msg[384];
    (void)state;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(load_mutated(cases[i].mutate, path, sizeof path, msg, sizeof msg),
                         cases[i].err);
        assert_string_equal(path, cases[i].path);
        if (cases[i].message)
            assert_string_equal(msg, cases[i].message);
    }
}

static void loader_locates_syntax_errors_and_duplicates(void **state)
{
    const char bad[] = "{\n  \"title\": \"x\",\n  \"format\": 1,,\n}";
    const char dup[] = "{ \"title\": \"a\", \"title\": \"b\" }";
    mlroi_benchmarks *b = NULL;
    mlroi_diags d = { 0 };
    const mlroi_diag *e;
    (void)state;

    assert_int_equal(mlroi_benchmarks_load_text("bad.json", bad, strlen(bad), &b, &d),
                     MLROI_ERR_SYNTAX);
    e = mlroi_diags_first_error(&d);
    assert_non_null(e);
    assert_int_equal(e->line, 3);
    assert_null(b);
    mlroi_diags_free(&d);

    assert_int_equal(mlroi_benchmarks_load_text("dup.json", dup, strlen(dup), &b, &d),
                     MLROI_ERR_DUPLICATE);
    assert_null(b);
    mlroi_diags_free(&d);

    assert_int_equal(mlroi_benchmarks_load("no/such/benchmarks.json", &b, &d), MLROI_ERR_IO);
    assert_null(b);
    mlroi_diags_free(&d);
}

/* ---------- the built-in struct is the parse of the built-in file ---------- */

/* Bit for bit: the generated hex floats, INFINITY and NAN read back as the loader's values. */
static void same_double(const char *where, const char *field, double built, double parsed)
{
    if (memcmp(&built, &parsed, sizeof built) != 0) {
        print_error("%s.%s: built in %a, parsed %a\n", where, field, built, parsed);
        fail();
    }
}

static void same_string(const char *where, const char *field, const char *built,
                        const char *parsed)
{
    if (!built || !parsed ? built != parsed : strcmp(built, parsed) != 0) {
        print_error("%s.%s: built in \"%s\", parsed \"%s\"\n", where, field,
                    built ? built : "(null)", parsed ? parsed : "(null)");
        fail();
    }
}

static void same_uint(const char *where, const char *field, unsigned long long built,
                      unsigned long long parsed)
{
    if (built != parsed) {
        print_error("%s.%s: built in %llu, parsed %llu\n", where, field, built, parsed);
        fail();
    }
}

static void same_int(const char *where, const char *field, int built, int parsed)
{
    if (built != parsed) {
        print_error("%s.%s: built in %d, parsed %d\n", where, field, built, parsed);
        fail();
    }
}

/* A char[4] currency: the same letters up to the NUL. */
static void same_currency(const char *where, const char *field, const char *built,
                          const char *parsed)
{
    if (strncmp(built, parsed, 4) != 0) {
        print_error("%s.%s: built in \"%.4s\", parsed \"%.4s\"\n", where, field, built,
                    parsed);
        fail();
    }
}

static void same_range(const char *where, const mlroi_range *built, const mlroi_range *parsed)
{
    same_double(where, "low", built->low, parsed->low);
    same_double(where, "high", built->high, parsed->high);
    same_string(where, "source", built->source, parsed->source);
    same_uint(where, "scope.brackets", built->scope.brackets, parsed->scope.brackets);
    same_uint(where, "scope.regions", built->scope.regions, parsed->scope.regions);
    same_currency(where, "scope.currency", built->scope.currency, parsed->scope.currency);
}

/* A record array: the same count, and NULL exactly when the loader leaves it NULL (none). */
#define SAME_RECORDS(built, parsed, member, count)                                          \
    do {                                                                                    \
        same_uint("", #count, (built)->count, (parsed)->count);                             \
        assert_int_equal((built)->member == NULL, (parsed)->member == NULL);                \
    } while (0)

/* mlroi_benchmarks_default() is the build's parse of src/data/benchmarks.json written out as C
 * (tests/gen_benchmarks.c): every field of it is what the loader gives for the same text. */
static void builtin_struct_is_the_parsed_file(void **state)
{
    const mlroi_benchmarks *g = mlroi_benchmarks_default();
    mlroi_benchmarks *p = NULL;
    mlroi_diags d = { 0 };
    char w[64];

    (void)state;
    assert_int_equal(mlroi_benchmarks_load_text("benchmarks.json",
                                                (const char *)mlroi_benchmarks_json,
                                                mlroi_benchmarks_json_len, &p, &d), MLROI_OK);
    mlroi_diags_free(&d);
    assert_non_null(p);

    same_string("", "title", g->title, p->title);
    for (int r = 0; r < 2; r++) {
        snprintf(w, sizeof w, "ml_engineer[%d]", r);
        same_range(w, &g->ml_engineer[r], &p->ml_engineer[r]);
        snprintf(w, sizeof w, "mlops_engineer[%d]", r);
        same_range(w, &g->mlops_engineer[r], &p->mlops_engineer[r]);
        snprintf(w, sizeof w, "governance_lead[%d]", r);
        same_range(w, &g->governance_lead[r], &p->governance_lead[r]);
        snprintf(w, sizeof w, "[%d]", r);
        same_int(w, "mlops_engineer_assumed", g->mlops_engineer_assumed[r],
                 p->mlops_engineer_assumed[r]);
        same_int(w, "governance_lead_assumed", g->governance_lead_assumed[r],
                 p->governance_lead_assumed[r]);
    }
    for (int i = 0; i < 3; i++) {
        const mlroi_bracket *gk = &g->brackets[i], *pk = &p->brackets[i];
        snprintf(w, sizeof w, "brackets[%d]", i);
        same_string(w, "id", gk->id, pk->id);
        same_string(w, "label", gk->label, pk->label);
        same_string(w, "noun", gk->noun, pk->noun);
        same_double(w, "max_employees", gk->max_employees, pk->max_employees);
        snprintf(w, sizeof w, "brackets[%d].people", i);
        same_range(w, &gk->people, &pk->people);
        snprintf(w, sizeof w, "brackets[%d].budget", i);
        same_range(w, &gk->budget, &pk->budget);
    }
    for (int i = 0; i < 3; i++) {
        const mlroi_phase *gp = &g->phases[i], *pp = &p->phases[i];
        snprintf(w, sizeof w, "phases[%d]", i);
        same_int(w, "number", gp->number, pp->number);
        same_string(w, "name", gp->name, pp->name);
        same_int(w, "month_from", gp->month_from, pp->month_from);
        same_int(w, "month_to", gp->month_to, pp->month_to);
        same_int(w, "reaches_level", gp->reaches_level, pp->reaches_level);
        same_string(w, "goal", gp->goal, pp->goal);
        same_string(w, "kpi", gp->kpi, pp->kpi);
        snprintf(w, sizeof w, "phases[%d].budget", i);
        same_range(w, &gp->budget, &pp->budget);
    }
    SAME_RECORDS(g, p, catalog, catalog_count);
    for (size_t i = 0; i < p->catalog_count; i++) {
        const mlroi_catalog_rate *gc = &g->catalog[i], *pc = &p->catalog[i];
        snprintf(w, sizeof w, "catalog[%zu]", i);
        same_string(w, "id", gc->id, pc->id);
        same_double(w, "rate", gc->rate, pc->rate);
        same_string(w, "source", gc->source, pc->source);
        same_currency(w, "currency", gc->currency, pc->currency);
    }
    same_range("monitoring_per_model_month", &g->monitoring_per_model_month,
               &p->monitoring_per_model_month);
    SAME_RECORDS(g, p, rules, rule_count);
    for (size_t i = 0; i < p->rule_count; i++) {
        const mlroi_vendor_rule *gr = &g->rules[i], *pr = &p->rules[i];
        snprintf(w, sizeof w, "rules[%zu]", i);
        same_string(w, "id", gr->id, pr->id);
        same_int(w, "when_research_heavy", gr->when_research_heavy, pr->when_research_heavy);
        same_int(w, "when_microsoft_centric", gr->when_microsoft_centric,
                 pr->when_microsoft_centric);
        same_uint(w, "when_clouds", gr->when_clouds, pr->when_clouds);
        same_int(w, "always", gr->always, pr->always);
        same_string(w, "stack", gr->stack, pr->stack);
        same_string(w, "rationale", gr->rationale, pr->rationale);
        same_string(w, "lock_in", gr->lock_in, pr->lock_in);
        snprintf(w, sizeof w, "rules[%zu].licence", i);
        same_range(w, &gr->licence, &pr->licence);
    }
    SAME_RECORDS(g, p, enterprise_alternatives, alternative_count);
    for (size_t i = 0; i < p->alternative_count; i++) {
        const mlroi_alternative *ga = &g->enterprise_alternatives[i];
        const mlroi_alternative *pa = &p->enterprise_alternatives[i];
        snprintf(w, sizeof w, "enterprise_alternatives[%zu]", i);
        same_string(w, "name", ga->name, pa->name);
        same_string(w, "cost_text", ga->cost_text, pa->cost_text);
        snprintf(w, sizeof w, "enterprise_alternatives[%zu].annual", i);
        same_range(w, &ga->annual, &pa->annual);
    }
    same_range("time_to_prod_without", &g->time_to_prod_without, &p->time_to_prod_without);
    same_range("time_to_prod_with", &g->time_to_prod_with, &p->time_to_prod_with);
    same_range("incident_reduction", &g->incident_reduction, &p->incident_reduction);
    same_double("", "incident_reduction_optimistic", g->incident_reduction_optimistic,
                p->incident_reduction_optimistic);
    same_range("roi_3y_percent", &g->roi_3y_percent, &p->roi_3y_percent);
    same_double("", "roi_3y_optimistic_factor", g->roi_3y_optimistic_factor,
                p->roi_3y_optimistic_factor);
    same_range("payback_months", &g->payback_months, &p->payback_months);
    same_range("monthly_cloud_midmarket", &g->monthly_cloud_midmarket,
               &p->monthly_cloud_midmarket);
    same_range("monthly_cloud_enterprise", &g->monthly_cloud_enterprise,
               &p->monthly_cloud_enterprise);
    SAME_RECORDS(g, p, ai_act, ai_act_count);
    for (size_t i = 0; i < p->ai_act_count; i++) {
        snprintf(w, sizeof w, "ai_act[%zu]", i);
        same_string(w, "date", g->ai_act[i].date, p->ai_act[i].date);
        same_string(w, "text", g->ai_act[i].text, p->ai_act[i].text);
    }
    /* Static data: nothing for mlroi_benchmarks_free to release, were it ever called. */
    assert_null(g->priv);
    /* The file has the values a literal cannot write (an open bracket, an alternative without a
     * yearly figure), so the test sees them read back. */
    assert_true(isinf(g->brackets[2].max_employees));
    {
        int nan_seen = 0;
        for (size_t i = 0; i < g->alternative_count; i++)
            nan_seen |= isnan(g->enterprise_alternatives[i].annual.low);
        assert_true(nan_seen);
    }
    mlroi_benchmarks_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_is_one_shared_set),
        cmocka_unit_test(salaries_are_the_published_ranges),
        cmocka_unit_test(brackets_phases_and_rates_are_the_published_ones),
        cmocka_unit_test(every_figure_names_its_source),
        cmocka_unit_test(each_benchmark_says_whom_it_was_published_for),
        cmocka_unit_test(platform_rules_end_with_the_default),
        cmocka_unit_test(scenario_rates_take_precedence),
        cmocka_unit_test(loader_accepts_the_shipped_file),
        cmocka_unit_test(loader_names_the_key_and_what_it_expected),
        cmocka_unit_test(loader_locates_syntax_errors_and_duplicates),
        cmocka_unit_test(builtin_struct_is_the_parsed_file),
    };
    return cmocka_run_group_tests_name("benchmarks", tests, NULL, NULL);
}
