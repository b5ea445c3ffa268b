/* SPDX-License-Identifier: MIT */
/* Tests of the Excel workbook writer: output safety, reproducible bytes, locale independence. */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "mlroi/analysis.h"
#include "mlroi/engine.h"
#include "mlroi/report_xlsx.h"

/* 2025-01-31 00:00:00 UTC, the report date of every test. */
#define TEST_EPOCH 1738281600

typedef struct fixture {
    mlroi_scenario *s;
    mlroi_result r;
    mlroi_report_input in;
    mlroi_diags d;
    char dir[64];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    if (mlroi_scenario_load("scenarios/midmarket-fraud.json", NULL, &f->s, &f->d) != MLROI_OK ||
        mlroi_evaluate(f->s, mlroi_benchmarks_default(), &f->r, &f->d) != MLROI_OK) {
        mlroi_diags_free(&f->d);
        mlroi_scenario_free(f->s);
        free(f);
        return -1;
    }
    f->in.result = &f->r;
    f->in.date = "2025-01-31";
    f->in.epoch = TEST_EPOCH;
    f->in.tool_version = MLROI_VERSION;
    snprintf(f->dir, sizeof f->dir, "/tmp/mlroi-xlsx-test-XXXXXX");
    if (!mkdtemp(f->dir)) {
        mlroi_result_free(&f->r);
        mlroi_scenario_free(f->s);
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    test_remove_folder(f->dir);
    mlroi_result_free(&f->r);
    mlroi_scenario_free(f->s);
    mlroi_diags_free(&f->d);
    free(f);
    return 0;
}

/* The whole file in a malloc'd buffer; *len receives its size. */
static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    unsigned char *buf = NULL;
    long n;

    if (!fp)
        return NULL;
    if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) > 0 && fseek(fp, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)n);
        if (buf && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
            free(buf);
            buf = NULL;
        }
        *len = (size_t)n;
    }
    fclose(fp);
    return buf;
}

/* PATH (of SIZE bytes) receives where file NAME of the scratch folder is. */
static void scratch_path(const fixture *f, const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", f->dir, name);
}

/* Both files exist, and their bytes are the same when SAME, else they differ somewhere. */
static void compare_files(const char *a, const char *b, bool same)
{
    size_t la = 0, lb = 0;
    unsigned char *x = slurp(a, &la), *y = slurp(b, &lb);

    assert_non_null(x);
    assert_non_null(y);
    if (same) {
        assert_int_equal(la, lb);
        assert_memory_equal(x, y, la);
    } else {
        assert_true(la != lb || memcmp(x, y, la) != 0);
    }
    free(x);
    free(y);
}

/* Evaluates S and writes its workbook as NAME in the scratch folder; PATH receives where and
 * R the result, which the caller frees. */
static void write_scenario(fixture *f, const mlroi_scenario *s, const char *name, char path[128],
                           mlroi_result *r)
{
    mlroi_report_input in = f->in;

    assert_int_equal(mlroi_evaluate(s, mlroi_benchmarks_default(), r, &f->d), MLROI_OK);
    in.result = r;
    scratch_path(f, name, path, 128);
    assert_int_equal(mlroi_report_write_xlsx(&in, path, &f->d), MLROI_OK);
}

/* The same for the scenario in file SCENARIO, freed before returning. */
static void write_scenario_file(fixture *f, const char *scenario, const char *name,
                                char path[128])
{
    mlroi_scenario *s = NULL;
    mlroi_result r;

    assert_int_equal(mlroi_scenario_load(scenario, NULL, &s, &f->d), MLROI_OK);
    write_scenario(f, s, name, path, &r);
    mlroi_result_free(&r);
    mlroi_scenario_free(s);
}

static void workbook_is_a_zip_file_in_place(void **state)
{
    fixture *f = *state;
    char path[128];
    unsigned char *buf;
    size_t len = 0;

    scratch_path(f, "model.xlsx", path, sizeof path);
    assert_int_equal(mlroi_report_write_xlsx(&f->in, path, &f->d), MLROI_OK);
    buf = slurp(path, &len);
    assert_non_null(buf);
    /* An xlsx file is a zip archive: it opens with the local file header "PK\3\4". */
    assert_true(len > 4000);
    assert_memory_equal(buf, "PK\003\004", 4);
    free(buf);
    /* Only the workbook is left: the temporary file was renamed, not copied. */
    assert_int_equal(test_count_entries(f->dir), 1);
}

static void same_inputs_give_byte_identical_files(void **state)
{
    fixture *f = *state;
    char a[128], b[128];

    scratch_path(f, "a.xlsx", a, sizeof a);
    scratch_path(f, "b.xlsx", b, sizeof b);
    assert_int_equal(mlroi_report_write_xlsx(&f->in, a, &f->d), MLROI_OK);
    sleep(1);   /* a clock-derived date would now differ */
    assert_int_equal(mlroi_report_write_xlsx(&f->in, b, &f->d), MLROI_OK);
    compare_files(a, b, true);
}

/* Sheets are open by default (a finance team adds rows); protection is asked for, and the
 * protected file is another file, written as reliably. */
static void protection_is_asked_for(void **state)
{
    fixture *f = *state;
    char a[128], b[128], c2[128];

    scratch_path(f, "open.xlsx", a, sizeof a);
    scratch_path(f, "protected.xlsx", b, sizeof b);
    scratch_path(f, "protected2.xlsx", c2, sizeof c2);
    assert_false(f->in.protect);
    assert_int_equal(mlroi_report_write_xlsx(&f->in, a, &f->d), MLROI_OK);
    f->in.protect = true;
    assert_int_equal(mlroi_report_write_xlsx(&f->in, b, &f->d), MLROI_OK);
    assert_int_equal(mlroi_report_write_xlsx(&f->in, c2, &f->d), MLROI_OK);
    f->in.protect = false;
    compare_files(a, b, false);
    compare_files(b, c2, true);
}

static void another_report_date_changes_the_bytes(void **state)
{
    fixture *f = *state;
    char a[128], b[128];

    scratch_path(f, "a.xlsx", a, sizeof a);
    scratch_path(f, "b.xlsx", b, sizeof b);
    assert_int_equal(mlroi_report_write_xlsx(&f->in, a, &f->d), MLROI_OK);
    f->in.epoch = TEST_EPOCH + 86400;
    f->in.date = "2025-02-01";
    assert_int_equal(mlroi_report_write_xlsx(&f->in, b, &f->d), MLROI_OK);
    f->in.epoch = TEST_EPOCH;
    f->in.date = "2025-01-31";
    compare_files(a, b, false);
}

static void missing_folder_fails_with_an_io_error_and_no_file(void **state)
{
    fixture *f = *state;
    char path[128];
    size_t before = f->d.count;

    scratch_path(f, "no-such-folder/model.xlsx", path, sizeof path);
    assert_int_equal(mlroi_report_write_xlsx(&f->in, path, &f->d), MLROI_ERR_IO);
    assert_true(f->d.count > before);
    assert_int_equal(f->d.items[f->d.count - 1].code, MLROI_ERR_IO);
    assert_int_equal(test_count_entries(f->dir), 0);
}

static void full_disk_fails_with_an_io_error(void **state)
{
    fixture *f = *state;
    struct stat st;

    if (stat("/dev/full", &st) != 0 || !S_ISCHR(st.st_mode))
        skip();
    assert_int_equal(mlroi_report_write_xlsx(&f->in, "/dev/full", &f->d), MLROI_ERR_IO);
    /* The device is still a device: nothing was renamed over it. */
    assert_int_equal(stat("/dev/full", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
}

static void refused_input_keeps_the_previous_workbook(void **state)
{
    fixture *f = *state;
    char path[128];
    unsigned char *before, *after;
    size_t lb = 0, la = 0;
    mlroi_report_input bad = f->in;

    scratch_path(f, "model.xlsx", path, sizeof path);
    assert_int_equal(mlroi_report_write_xlsx(&f->in, path, &f->d), MLROI_OK);
    before = slurp(path, &lb);
    bad.result = NULL;
    assert_int_not_equal(mlroi_report_write_xlsx(&bad, path, &f->d), MLROI_OK);
    after = slurp(path, &la);
    assert_non_null(before);
    assert_non_null(after);
    assert_int_equal(la, lb);
    assert_memory_equal(before, after, lb);
    assert_int_equal(test_count_entries(f->dir), 1);
    free(before);
    free(after);
}

/* Build a comma-decimal locale into the test folder (no system locale is needed). */
static bool comma_locale(const fixture *f)
{
    char cmd[512];

    snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 >/dev/null 2>&1",
             f->dir);
    if (system(cmd) != 0)
        return false;
    setenv("LOCPATH", f->dir, 1);
    return setlocale(LC_NUMERIC, "de_DE.UTF-8") != NULL;
}

static void comma_decimal_locale_gives_the_same_bytes(void **state)
{
    fixture *f = *state;
    char a[128], b[128], num[32];

    scratch_path(f, "c.xlsx", a, sizeof a);
    scratch_path(f, "de.xlsx", b, sizeof b);
    assert_int_equal(mlroi_report_write_xlsx(&f->in, a, &f->d), MLROI_OK);
    if (!comma_locale(f))
        skip();
    snprintf(num, sizeof num, "%.1f", 1.5);
    assert_string_equal(num, "1,5");   /* the locale really is active */
    assert_int_equal(mlroi_report_write_xlsx(&f->in, b, &f->d), MLROI_OK);
    snprintf(num, sizeof num, "%.1f", 1.5);
    assert_string_equal(num, "1,5");   /* and the writer gave it back */
    setlocale(LC_NUMERIC, "C");
    compare_files(a, b, true);
    /* The compiled locale lives in a sub-folder the teardown cannot remove one by one. */
    snprintf(a, sizeof a, "rm -rf %s/de_DE.UTF-8", f->dir);
    assert_int_equal(system(a), 0);
}

static void missing_result_is_refused(void **state)
{
    fixture *f = *state;
    mlroi_report_input none = f->in;
    char path[128];

    none.result = NULL;
    scratch_path(f, "none.xlsx", path, sizeof path);
    assert_int_equal(mlroi_report_write_xlsx(&none, path, &f->d), MLROI_ERR_INVALID);
    assert_int_equal(test_count_entries(f->dir), 0);
}

static void scenario_without_optional_modules_still_writes(void **state)
{
    fixture *f = *state;
    char path[128];

    write_scenario_file(f, "scenarios/seed-quick-estimate.json", "seed.xlsx", path);
}

/* Worksheets in an xlsx file: each xl/worksheets/sheetN.xml is named twice in the zip, in its
 * local header and in the central directory. */
static int count_sheets(const char *path)
{
    static const char tag[] = "xl/worksheets/sheet";
    size_t len = 0, n = sizeof tag - 1;
    unsigned char *buf = slurp(path, &len);
    int count = 0;

    assert_non_null(buf);
    for (size_t i = 0; i + n < len; i++)
        if (memcmp(buf + i, tag, n) == 0)
            count++;
    free(buf);
    return count / 2;
}

static void chargeback_section_adds_one_sheet(void **state)
{
    fixture *f = *state;
    char with[128], without[128];

    scratch_path(f, "with.xlsx", with, sizeof with);
    scratch_path(f, "without.xlsx", without, sizeof without);
    int lines = f->s->bc.has_lines ? 1 : 0;   /* the Business case lines sheet */

    assert_int_equal(mlroi_report_write_xlsx(&f->in, with, &f->d), MLROI_OK);
    /* Summary, Inputs, Assumptions, Quick estimate, Business case, Maturity, Team, TCO,
     * Chargeback, Checks, Data. */
    assert_int_equal(count_sheets(with), 11 + lines);
    mlroi_result_free(&f->r);
    f->s->has_chargeback = false;
    assert_int_equal(mlroi_evaluate(f->s, mlroi_benchmarks_default(), &f->r, &f->d), MLROI_OK);
    assert_int_equal(mlroi_report_write_xlsx(&f->in, without, &f->d), MLROI_OK);
    assert_int_equal(count_sheets(without), 10 + lines);
}

static void lines_get_a_sheet_of_their_own(void **state)
{
    fixture *f = *state;
    char path[128];

    write_scenario_file(f, "tests/xlsx/lines.json", "lines.xlsx", path);
    /* Summary, Inputs, Assumptions, Quick estimate, Business case, Business case lines, Team,
     * TCO, Checks, Data. */
    assert_int_equal(count_sheets(path), 10);
    write_scenario_file(f, "tests/xlsx/mid-year-legacy.json", "legacy.xlsx", path);
    /* Summary, Inputs, Assumptions, Quick estimate, Business case, Checks, Data: the legacy
     * keys need no lines. */
    assert_int_equal(count_sheets(path), 7);
}

/* The loader's limits at once: 1000 lines over 50 years, every way of giving amounts (one
 * row each, two columns a year, about 100,000 formulas). */
static void thousand_lines_over_fifty_years_fit_the_workbook(void **state)
{
    fixture *f = *state;
    mlroi_scenario *s = NULL;
    mlroi_result r;
    char path[128];
    size_t cap = 512 + 1000 * 400, len;
    char *text = malloc(cap);

    assert_non_null(text);
    len = (size_t)snprintf(text, cap, "{\"format\": 1, \"name\": \"Many lines\", "
                           "\"roi\": {\"team_size\": 5, \"avg_salary\": 90000, "
                           "\"models_per_year\": 6, \"current_time_to_prod_weeks\": 16, "
                           "\"mlops_time_to_prod_weeks\": 3, \"model_incidents_per_year\": 4, "
                           "\"avg_incident_cost\": 75000, \"incident_reduction\": 0.75, "
                           "\"mlops_investment\": 200000}, "
                           "\"business_case\": {\"horizon_years\": 50, "
                           "\"discounting\": \"mid\", \"lines\": [");
    for (int i = 0; i < 1000; i++) {
        const char *kind = i % 2 ? "cost" : "benefit";
        len += (size_t)snprintf(text + len, cap - len, "%s{\"name\": \"L%d\", \"kind\": \"%s\", ",
                                i ? "," : "", i, kind);
        switch (i % 4) {
        case 0:
            len += (size_t)snprintf(text + len, cap - len, "\"values\": [%d, %d, -%d]}", i, 2 * i,
                                    i);
            break;
        case 1:
            len += (size_t)snprintf(text + len, cap - len, "\"annual\": %d, \"start\": %d, "
                                    "\"escalation\": 0.02, \"ramp\": [0.5, 1]}", 100 + i,
                                    i % 50);
            break;
        case 2:
            len += (size_t)snprintf(text + len, cap - len, "\"amount\": %d, \"year\": %d}",
                                    1000 + i, i % 51);
            break;
        default:
            len += (size_t)snprintf(text + len, cap - len, "\"from\": \"%s\", \"risk\": 0.2}",
                                    i % 2 ? "quick.investment" : "quick.total_benefits");
            break;
        }
    }
    len += (size_t)snprintf(text + len, cap - len, "]}}");
    assert_true(len < cap);
    assert_int_equal(mlroi_scenario_load_text("many-lines.json", text, len, NULL, &s, &f->d),
                     MLROI_OK);
    write_scenario(f, s, "many-lines.xlsx", path, &r);
    assert_int_equal(r.bcase.line_count, 1000);
    assert_int_equal(r.bcase.adjusted.horizon, 50);
    mlroi_result_free(&r);
    mlroi_scenario_free(s);
    free(text);
}

/* The Monte Carlo sheet takes the variance decomposition and the value of information when
 * the report has them, either one alone, or neither (cli_xlsx.sh compares the figures). */
static void monte_carlo_sheet_takes_what_drives_the_risk(void **state)
{
    fixture *f = *state;
    mlroi_mc_options o = { 500, true, 7, -1, 0, 1, NULL, NULL };
    mlroi_mc_config *cfg = NULL;
    mlroi_mc_result *mc = NULL;
    mlroi_sensitivity *sens = NULL;
    mlroi_voi *voi = NULL;
    mlroi_report_input in = f->in;
    char both[128], alone[128], none[128];

    assert_int_equal(mlroi_mc_config_parse(f->s, &cfg, &f->d), MLROI_OK);
    assert_int_equal(mlroi_mc_run_with_samples(f->s, mlroi_benchmarks_default(), cfg, &o, &mc,
                                               &f->d), MLROI_OK);
    o.samples = 200;
    assert_int_equal(mlroi_mc_sensitivity(f->s, mlroi_benchmarks_default(), cfg, &o, NULL,
                                          &sens, &f->d), MLROI_OK);
    assert_int_equal(mlroi_mc_value_of_information(mc, 1, &voi, &f->d), MLROI_OK);
    in.mc = mc;
    in.sensitivity = sens;
    in.voi = voi;
    scratch_path(f, "both.xlsx", both, sizeof both);
    assert_int_equal(mlroi_report_write_xlsx(&in, both, &f->d), MLROI_OK);
    in.sensitivity = NULL;
    scratch_path(f, "alone.xlsx", alone, sizeof alone);
    assert_int_equal(mlroi_report_write_xlsx(&in, alone, &f->d), MLROI_OK);
    in.voi = NULL;
    scratch_path(f, "none.xlsx", none, sizeof none);
    assert_int_equal(mlroi_report_write_xlsx(&in, none, &f->d), MLROI_OK);
    compare_files(both, alone, false);
    compare_files(alone, none, false);
    in.sensitivity = sens;
    assert_int_equal(mlroi_report_write_xlsx(&in, alone, &f->d), MLROI_OK);
    compare_files(alone, none, false);
    mlroi_voi_free(voi);
    mlroi_sensitivity_free(sens);
    mlroi_mc_result_free(mc);
    mlroi_mc_config_free(cfg);
}

static void chargeback_without_tco_writes_its_sheet(void **state)
{
    fixture *f = *state;
    char path[128];

    write_scenario_file(f, "tests/xlsx/chargeback-equal.json", "equal.xlsx", path);
    /* Summary, Inputs, Assumptions, Quick estimate, Business case, Chargeback, Checks, Data:
     * no TCO, no team. */
    assert_int_equal(count_sheets(path), 8);
}

static void thousand_chargeback_units_fit_the_workbook(void **state)
{
    fixture *f = *state;
    mlroi_scenario *s = NULL;
    mlroi_result r;
    char path[128];
    /* The loader's limit is 1000 units: each gets an input row and a defined name. */
    size_t cap = 64 + 1000 * 40, len;
    char *text = malloc(cap);

    assert_non_null(text);
    len = (size_t)snprintf(text, cap, "{\"format\": 1, \"name\": \"Many units\", "
                           "\"tco\": {\"storage_gb\": 100, \"monitored_models\": 3}, "
                           "\"chargeback\": {\"units\": [");
    for (int i = 0; i < 1000; i++)
        len += (size_t)snprintf(text + len, cap - len, "%s{\"name\": \"U%d\", \"models\": %d}",
                                i ? "," : "", i, i % 7 + 1);
    len += (size_t)snprintf(text + len, cap - len, "]}}");
    assert_true(len < cap);
    assert_int_equal(mlroi_scenario_load_text("many.json", text, len, NULL, &s, &f->d),
                     MLROI_OK);
    write_scenario(f, s, "many.xlsx", path, &r);
    assert_int_equal(r.chargeback.unit_count, 1000);
    mlroi_result_free(&r);
    mlroi_scenario_free(s);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(workbook_is_a_zip_file_in_place, setup, teardown),
        cmocka_unit_test_setup_teardown(same_inputs_give_byte_identical_files, setup, teardown),
        cmocka_unit_test_setup_teardown(another_report_date_changes_the_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(protection_is_asked_for, setup, teardown),
        cmocka_unit_test_setup_teardown(missing_folder_fails_with_an_io_error_and_no_file, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(full_disk_fails_with_an_io_error, setup, teardown),
        cmocka_unit_test_setup_teardown(refused_input_keeps_the_previous_workbook, setup, teardown),
        cmocka_unit_test_setup_teardown(comma_decimal_locale_gives_the_same_bytes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(missing_result_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(scenario_without_optional_modules_still_writes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(chargeback_section_adds_one_sheet, setup, teardown),
        cmocka_unit_test_setup_teardown(chargeback_without_tco_writes_its_sheet, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(thousand_chargeback_units_fit_the_workbook, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(lines_get_a_sheet_of_their_own, setup, teardown),
        cmocka_unit_test_setup_teardown(monte_carlo_sheet_takes_what_drives_the_risk, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(thousand_lines_over_fifty_years_fit_the_workbook, setup,
                                        teardown),
    };
    return cmocka_run_group_tests_name("report_xlsx", tests, NULL, NULL);
}
