/* SPDX-License-Identifier: MIT */
/* Helpers shared by the cmocka tests. */
#ifndef MLROI_TESTUTIL_H
#define MLROI_TESTUTIL_H

#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "mlroi/scenario.h"

/* Relative-or-absolute closeness; prints both values on failure. */
#define assert_close(actual, expected, tol) do { \
        double a_ = (actual), e_ = (expected), t_ = (tol); \
        if (!(fabs(a_ - e_) <= t_ * fmax(1.0, fabs(e_)))) { \
            print_error("%s = %.17g, expected %.17g (tol %g)\n", #actual, a_, e_, t_); \
            fail(); \
        } \
    } while (0)

#define assert_nan(x) do { double v_ = (x); \
        if (!isnan(v_)) { print_error("%s = %.17g, expected NAN\n", #x, v_); fail(); } \
    } while (0)

/* The article's quick-estimate inputs (MLOps for Decision Makers, 2025) as a scenario's "roi"
 * member: team 5 at 90,000, 6 models a year, 16 -> 3 weeks, 4 incidents at 75,000, 75 % fewer,
 * 200,000 invested. Deployment savings 13 * (5 * 90,000 / 52) * 6 = 675,000; incident savings
 * 4 * 75,000 * 0.75 = 225,000; total 900,000; ROI (900,000 - 200,000) / 200,000 = 350 %. */
#define TEST_ARTICLE_ROI_JSON \
    "\"roi\": { \"team_size\": 5, \"avg_salary\": 90000, \"models_per_year\": 6," \
    " \"current_time_to_prod_weeks\": 16, \"mlops_time_to_prod_weeks\": 3," \
    " \"model_incidents_per_year\": 4, \"avg_incident_cost\": 75000," \
    " \"incident_reduction\": 0.75, \"mlops_investment\": 200000 }"

/* A new scenario holding only the article's quick-estimate inputs above; free it. */
static inline mlroi_scenario *test_article_scenario(void)
{
    mlroi_scenario *s = mlroi_scenario_new();
    assert_non_null(s);
    s->has_roi = true;
    s->roi.team_size = 5;
    s->roi.avg_salary = 90000;
    s->roi.models_per_year = 6;
    s->roi.current_time_to_prod_weeks = 16;
    s->roi.mlops_time_to_prod_weeks = 3;
    s->roi.model_incidents_per_year = 4;
    s->roi.avg_incident_cost = 75000;
    s->roi.incident_reduction = 0.75;
    s->roi.mlops_investment = 200000;
    return s;
}

/* Prints every diagnostic of D, one formatted line each, to the test's error output. */
static inline void test_print_diags(const mlroi_diags *d)
{
    char line[600];
    for (size_t i = 0; i < d->count; i++) {
        mlroi_diag_format(&d->items[i], line, sizeof line);
        print_error("%s\n", line);
    }
}

/* Loads scenario TEXT under the file name NAME; fails the test, showing why, unless it loads. */
static inline mlroi_scenario *test_load_scenario_text(const char *name, const char *text)
{
    mlroi_diags d = { 0 };
    mlroi_scenario *s = NULL;
    mlroi_error err = mlroi_scenario_load_text(name, text, strlen(text), NULL, &s, &d);
    if (err != MLROI_OK)
        test_print_diags(&d);
    mlroi_diags_free(&d);
    assert_int_equal(err, MLROI_OK);
    return s;
}

/* Writes TEXT to PATH, failing the test when the file cannot be written. */
static inline void test_write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

/* Calls EACH with every entry of folder DIR but "." and ".."; returns how many there were. */
static inline int test_each_entry(const char *dir, void (*each)(const char *dir, const char *name))
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        n++;
        if (each)
            each(dir, e->d_name);
    }
    if (d)
        closedir(d);
    return n;
}

/* How many entries folder DIR holds, "." and ".." not counted. */
static inline int test_count_entries(const char *dir)
{
    return test_each_entry(dir, NULL);
}

static inline void test_unlink_entry_(const char *dir, const char *name)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    unlink(p);
}

/* Removes every file of the scratch folder DIR, then the folder itself. */
static inline void test_remove_folder(const char *dir)
{
    test_each_entry(dir, test_unlink_entry_);
    rmdir(dir);
}

#endif
