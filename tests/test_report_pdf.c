/* SPDX-License-Identifier: MIT */
/* Tests of the PDF briefing: safe writes, clean text, axes, reproducible files, odd inputs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "testutil.h"
#include "mlroi/engine.h"
#include "mlroi/report.h"
#include "mlroi/report_pdf.h"
#include "mlroi/template.h"
#include "../src/pdf_draw.h"

/* The article's worked example (MLOps for Decision Makers, 2025) over three years. */
static const char worked_example[] =
    "{ \"format\": 1, \"name\": \"Worked example\", \"currency\": \"USD\",\n"
    "  \"organization\": { \"name\": \"Acme\", \"employees\": 300, \"region\": \"US\" },\n"
    "  \"maturity\": { \"answers\": { \"experiment_tracking\": true, \"model_versioning\": true,\n"
    "      \"dataset_versioning\": false } },\n"
    "  \"roi\": { \"team_size\": 5, \"avg_salary\": 90000, \"models_per_year\": 6,\n"
    "           \"current_time_to_prod_weeks\": 16, \"mlops_time_to_prod_weeks\": 3,\n"
    "           \"model_incidents_per_year\": 4, \"avg_incident_cost\": 75000,\n"
    "           \"incident_reduction\": 0.75, \"mlops_investment\": 200000 },\n"
    "  \"business_case\": { \"horizon_years\": %d },\n"
    "  \"team\": { \"data_scientists\": 6, \"production_models\": 8 },\n"
    "  \"tco\": { \"storage_gb\": 100, \"monitored_models\": 2,\n"
    "           \"one_time\": [ { \"name\": \"Set-up\", \"amount\": 30000 } ] } }\n";

typedef struct fixture {
    char dir[64];
    mlroi_scenario *s;
    mlroi_result r;
    mlroi_report_input in;
    mlroi_template *tpl;
} fixture;

static char scratch[1 << 20];

static int load_scenario(fixture *f, const char *text)
{
    mlroi_diags d = { 0 };
    int rc = 0;
    if (mlroi_scenario_load_text("example.json", text, strlen(text), NULL, &f->s, &d) != MLROI_OK ||
        mlroi_evaluate(f->s, mlroi_benchmarks_default(), &f->r, &d) != MLROI_OK) {
        test_print_diags(&d);
        rc = -1;
    }
    mlroi_diags_free(&d);
    memset(&f->in, 0, sizeof f->in);
    f->in.result = &f->r;
    f->in.date = "2025-01-31";
    f->in.epoch = 1738281600;
    f->in.tool_version = MLROI_VERSION;
    return rc;
}

static int setup_with(void **state, const char *tpl, int horizon)
{
    fixture *f = calloc(1, sizeof *f);
    mlroi_diags d = { 0 };
    char text[4096];
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/mlroi-pdf-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(text, sizeof text, worked_example, horizon);
    if (load_scenario(f, text) != 0 || mlroi_template_builtin(tpl, &f->tpl, &d) != MLROI_OK)
        return -1;
    mlroi_diags_free(&d);
    *state = f;
    return 0;
}

static int setup(void **state)
{
    return setup_with(state, "board", 3);
}

static int teardown(void **state)
{
    fixture *f = *state;
    test_remove_folder(f->dir);
    mlroi_result_free(&f->r);
    mlroi_scenario_free(f->s);
    mlroi_template_free(f->tpl);
    free(f);
    return 0;
}

static size_t slurp(const char *path, char *buf, size_t size)
{
    FILE *fp = fopen(path, "rb");
    size_t n;
    if (!fp)
        return 0;
    n = fread(buf, 1, size, fp);
    fclose(fp);
    return n;
}

/* Where NEEDLE first occurs in BUF[0..n); NULL when absent (memmem is not POSIX). */
static const char *find(const char *buf, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(buf + i, needle, m) == 0)
            return buf + i;
    return NULL;
}

/* Writes the briefing as NAME in the scratch folder (PATH receives where) and reads it back
 * into scratch; returns its size. */
static size_t write_briefing(const fixture *f, const char *name, char path[128])
{
    mlroi_diags d = { 0 };
    snprintf(path, 128, "%s/%s", f->dir, name);
    assert_int_equal(mlroi_report_write_pdf(&f->in, f->tpl, path, &d), MLROI_OK);
    mlroi_diags_free(&d);
    return slurp(path, scratch, sizeof scratch);
}

/* Page objects are stored uncompressed: "/Type /Page" not followed by "s". */
static int page_count(const char *buf, size_t n)
{
    int pages = 0;
    for (size_t i = 0; i + 12 < n; i++)
        if (memcmp(buf + i, "/Type /Page", 11) == 0 && buf[i + 11] != 's')
            pages++;
    return pages;
}

/* ------------------------------------------------------------------ atomic writes */

static mlroi_error write_hello(void *ctx, const char *tmp, mlroi_diags *d)
{
    FILE *fp = fopen(tmp, "wb");
    (void)d;
    if (!fp)
        return MLROI_ERR_IO;
    fputs(ctx, fp);
    return fclose(fp) == 0 ? MLROI_OK : MLROI_ERR_IO;
}

static mlroi_error write_half_then_fail(void *ctx, const char *tmp, mlroi_diags *d)
{
    FILE *fp = fopen(tmp, "wb");
    (void)ctx;
    if (fp) {
        fputs("half a docu", fp);
        fclose(fp);
    }
    return mlroi_diags_add(d, MLROI_ERR_IO, tmp, 0, 0, "", "disk full (simulated)");
}

static void atomic_write_replaces_the_file_and_leaves_no_temporary(void **state)
{
    fixture *f = *state;
    char path[128], buf[64] = { 0 }, first[] = "first", second[] = "second";
    mlroi_diags d = { 0 };
    snprintf(path, sizeof path, "%s/out.txt", f->dir);
    assert_int_equal(mlroi_write_atomic(path, write_hello, first, &d), MLROI_OK);
    assert_int_equal(mlroi_write_atomic(path, write_hello, second, &d), MLROI_OK);
    assert_int_equal(slurp(path, buf, sizeof buf - 1), 6);
    assert_string_equal(buf, "second");
    assert_int_equal(test_count_entries(f->dir), 1);
    mlroi_diags_free(&d);
}

static void failed_write_keeps_the_previous_file(void **state)
{
    fixture *f = *state;
    char path[128], buf[64] = { 0 }, previous[] = "previous";
    mlroi_diags d = { 0 };
    snprintf(path, sizeof path, "%s/out.txt", f->dir);
    assert_int_equal(mlroi_write_atomic(path, write_hello, previous, &d), MLROI_OK);
    assert_int_equal(mlroi_write_atomic(path, write_half_then_fail, NULL, &d), MLROI_ERR_IO);
    slurp(path, buf, sizeof buf - 1);
    assert_string_equal(buf, "previous");
    assert_int_equal(test_count_entries(f->dir), 1);
    mlroi_diags_free(&d);
}

static void missing_folder_is_an_io_error_naming_the_path(void **state)
{
    fixture *f = *state;
    char path[128];
    mlroi_diags d = { 0 };
    snprintf(path, sizeof path, "%s/no/such/dir/out.pdf", f->dir);
    assert_int_equal(mlroi_report_write_pdf(&f->in, f->tpl, path, &d), MLROI_ERR_IO);
    assert_string_equal(mlroi_diags_first_error(&d)->file, path);
    mlroi_diags_free(&d);
}

/* ------------------------------------------------------------------ text and axes */

static void clean_text_replaces_what_the_font_cannot_draw(void **state)
{
    fixture *f = *state;
    pdf_doc pd;
    mlroi_diags d = { 0 };
    char out[128];
    assert_int_equal(pdf_open(&pd, f->tpl, &d), MLROI_OK);
    /* Accents, the euro, the pound, the yen, the en dash and the multiplication sign are in
     * DejaVu Sans and in CP1252, the faces' encoding: kept as they are. */
    pdf_clean(&pd, PDF_REGULAR, "Zoë €1 £2 ¥3 – 4 × 5 ok", out, sizeof out);
    assert_string_equal(out, "Zoë €1 £2 ¥3 – 4 × 5 ok");
    /* CP1252 has no minus sign (U+2212), narrow no-break space (U+202F), >= or rupee: they
     * are spelled with characters it has. */
    pdf_clean(&pd, PDF_REGULAR, "\xE2\x88\x92" "20 %, 1\xE2\x80\xAF" "234, x \xE2\x89\xA5 0, "
              "\xE2\x82\xB9" "5", out, sizeof out);
    assert_string_equal(out, "-20 %, 1\xC2\xA0" "234, x >= 0, INR 5");
    /* A stray byte (0xFF is never valid UTF-8) and a lone continuation byte become '?'
     * (U+FFFD has no CP1252 byte). */
    pdf_clean(&pd, PDF_REGULAR, "a\xFF" "b\x80" "c", out, sizeof out);
    assert_string_equal(out, "a?b?c");
    /* An overlong encoding of '/' (C0 AF) is invalid too: one replacement per bad byte. */
    pdf_clean(&pd, PDF_REGULAR, "\xC0\xAF", out, sizeof out);
    assert_string_equal(out, "??");
    /* Outside CP1252: a CJK ideograph (U+4E2D) and an emoji beyond the BMP (U+1F600). */
    pdf_clean(&pd, PDF_BOLD, "x\xE4\xB8\xAD" "y\xF0\x9F\x98\x80", out, sizeof out);
    assert_string_equal(out, "x?y?");
    /* Tabs and other control characters become spaces; newlines stay for wrapping. */
    pdf_clean(&pd, PDF_REGULAR, "a\tb\x01" "c\nd", out, sizeof out);
    assert_string_equal(out, "a b c\nd");
    /* Truncation never splits a character: 5 bytes hold "ab" and the 2-byte "ë". */
    pdf_clean(&pd, PDF_REGULAR, "abë€", out, 5);
    assert_string_equal(out, "abë");
    pdf_close(&pd);
    mlroi_diags_free(&d);
}

static void wrapping_never_loses_words_and_breaks_long_ones(void **state)
{
    fixture *f = *state;
    pdf_doc pd;
    mlroi_diags d = { 0 };
    float one, h;
    assert_int_equal(pdf_open(&pd, f->tpl, &d), MLROI_OK);
    /* One line of 10 pt type with 14 pt leading is 14 + 0.35 * 10 = 17.5 pt high. */
    one = pdf_wrap(&pd, PDF_REGULAR, 10.0f, 14.0f, f->tpl->colors.text, 0, 700, 500.0f,
                   "short text", false);
    assert_close(one, 17.5, 1e-6);
    /* A word far wider than the box is cut between characters rather than overflowing:
     * 60 'W' at 10 pt are well over 100 pt, so several lines are needed. */
    h = pdf_wrap(&pd, PDF_REGULAR, 10.0f, 14.0f, f->tpl->colors.text, 0, 700, 100.0f,
                 "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW", false);
    assert_true(h >= 3 * 14.0f);
    /* Even a box narrower than one character terminates, one character a line. */
    h = pdf_wrap(&pd, PDF_REGULAR, 10.0f, 14.0f, f->tpl->colors.text, 0, 700, 1.0f, "abc",
                 false);
    assert_close(h, 3 * 14.0 + 3.5, 1e-6);
    /* An explicit newline starts a new line. */
    h = pdf_wrap(&pd, PDF_REGULAR, 10.0f, 14.0f, f->tpl->colors.text, 0, 700, 500.0f, "a\nb",
                 false);
    assert_close(h, 2 * 14.0 + 3.5, 1e-6);
    pdf_close(&pd);
    mlroi_diags_free(&d);
}

static void nice_axis_uses_one_two_five_steps(void **state)
{
    pdf_axis a;
    (void)state;
    /* 0..901,799 in at most 5 ticks: raw step 180,360 -> 200,000; top 1,000,000. */
    a = pdf_nice_axis(0, 901799, 5);
    assert_close(a.step, 200000, 1e-9);
    assert_close(a.lo, 0, 1e-9);
    assert_close(a.hi, 1000000, 1e-9);
    /* -55,000..1,135,000 in 5: raw 238,000 -> 250,000; -250,000 to 1,250,000. */
    a = pdf_nice_axis(-55000, 1135000, 5);
    assert_close(a.step, 250000, 1e-9);
    assert_close(a.lo, -250000, 1e-9);
    assert_close(a.hi, 1250000, 1e-9);
    /* A flat series still gets a range around its value. */
    a = pdf_nice_axis(5, 5, 4);
    assert_true(a.lo < 5 && a.hi > 5 && a.step > 0);
    /* NAN bounds fall back to 0..1. */
    a = pdf_nice_axis(NAN, NAN, 4);
    assert_true(a.lo <= 0 && a.hi >= 1);
}

/* ------------------------------------------------------------------ whole documents */

static void same_inputs_give_the_same_bytes(void **state)
{
    fixture *f = *state;
    char p1[128], p2[128];
    static char other[1 << 20];
    size_t n1, n2;
    n2 = write_briefing(f, "b.pdf", p2);
    memcpy(other, scratch, n2);
    n1 = write_briefing(f, "a.pdf", p1);
    assert_true(n1 > 1000);
    assert_int_equal(n1, n2);
    assert_memory_equal(scratch, other, n1);
    assert_memory_equal(scratch, "%PDF-1.", 7);
    assert_memory_equal(scratch + n1 - 6, "%%EOF\n", 6);
    /* The document dates come from the report date, not the clock. */
    assert_non_null(find(scratch, n1, "D:20250131"));
}

static void board_briefing_has_four_to_six_a4_pages(void **state)
{
    fixture *f = *state;
    char path[128];
    size_t n = write_briefing(f, "board.pdf", path);
    int pages = page_count(scratch, n);
    assert_in_range(pages, 4, 6);
    /* A4 is 595.276 x 841.89 points. */
    assert_non_null(find(scratch, n, "/MediaBox [ 0 0 595.276 841.89"));
}

static void letter_template_gives_letter_pages(void **state)
{
    fixture *f = *state;
    char path[128];
    size_t n;
    f->tpl->page_size = MLROI_PAGE_LETTER;
    n = write_briefing(f, "letter.pdf", path);
    /* US Letter is 8.5 x 11 inches: 612 x 792 points. */
    assert_non_null(find(scratch, n, "/MediaBox [ 0 0 612 792 ]"));
    assert_null(find(scratch, n, "595.276"));
}

static void unreadable_logo_fails_naming_the_logo_and_keeps_the_old_file(void **state)
{
    fixture *f = *state;
    char path[128], logo[128], buf[32] = { 0 };
    mlroi_diags d = { 0 };
    snprintf(path, sizeof path, "%s/brief.pdf", f->dir);
    snprintf(logo, sizeof logo, "%s/logo.png", f->dir);
    test_write_file(path, "previous briefing");
    test_write_file(logo, "this is not a PNG");
    f->tpl->logo = strdup(logo);
    assert_int_equal(mlroi_report_write_pdf(&f->in, f->tpl, path, &d), MLROI_ERR_INVALID);
    assert_string_equal(mlroi_diags_first_error(&d)->path, "logo");
    slurp(path, buf, sizeof buf - 1);
    assert_string_equal(buf, "previous briefing");
    assert_int_equal(test_count_entries(f->dir), 2);
    mlroi_diags_free(&d);
}

static void consultant_briefing_renders_a_thirty_year_case(void **state)
{
    fixture *f = *state;
    char path[128];
    size_t n;
    assert_int_equal(f->r.bcase.adjusted.horizon, 30);
    n = write_briefing(f, "long.pdf", path);
    assert_in_range(page_count(scratch, n), 8, 20);
}

static int setup_consultant_30(void **state)
{
    return setup_with(state, "consultant", 30);
}

/* The lines demo of tests/xlsx over 50 years: a lines table, column blocks, every template. */
static const char lines_case[] =
    "{ \"format\": 1, \"name\": \"Lines\", \"currency\": \"EUR\",\n"
    "  \"roi\": { \"team_size\": 5, \"avg_salary\": 90000, \"models_per_year\": 6,\n"
    "           \"current_time_to_prod_weeks\": 16, \"mlops_time_to_prod_weeks\": 3,\n"
    "           \"model_incidents_per_year\": 4, \"avg_incident_cost\": 75000,\n"
    "           \"incident_reduction\": 0.75, \"mlops_investment\": 200000 },\n"
    "  \"team\": { \"data_scientists\": 6, \"production_models\": 8 },\n"
    "  \"business_case\": { \"horizon_years\": 50, \"discounting\": \"mid\",\n"
    "    \"benefit_ramp\": [0.5, 1.0], \"benefit_risk\": 0.15, \"cost_risk\": 0.05,\n"
    "    \"lines\": [\n"
    "      { \"name\": \"Faster deployment\", \"kind\": \"benefit\",\n"
    "        \"from\": \"quick.deployment_savings\" },\n"
    "      { \"name\": \"Productivity dip\", \"kind\": \"benefit\", \"values\": [0, -40000] },\n"
    "      { \"name\": \"MLOps team\", \"kind\": \"cost\", \"from\": \"team.annual_cost\",\n"
    "        \"escalation\": 0.03 },\n"
    "      { \"name\": \"Upgrade\", \"kind\": \"cost\", \"amount\": 80000, \"year\": 49,\n"
    "        \"risk\": 0.5, \"category\": \"Platform\", \"source\": \"vendor quote\" } ] } }\n";

static void fifty_year_lines_case_renders_with_every_template(void **state)
{
    fixture *f = *state;
    fixture g;
    char path[128];
    static const char *const names[] = { "board", "consultant" };

    memset(&g, 0, sizeof g);
    assert_int_equal(load_scenario(&g, lines_case), 0);
    assert_int_equal(g.r.bcase.adjusted.horizon, 50);
    assert_int_equal(g.r.bcase.line_count, 4);
    for (int i = 0; i < 2; i++) {
        mlroi_template *tpl = NULL;
        mlroi_diags d = { 0 };
        size_t n;
        assert_int_equal(mlroi_template_builtin(names[i], &tpl, &d), MLROI_OK);
        snprintf(path, sizeof path, "%s/lines-%s.pdf", f->dir, names[i]);
        assert_int_equal(mlroi_report_write_pdf(&g.in, tpl, path, &d), MLROI_OK);
        n = slurp(path, scratch, sizeof scratch);
        /* The concise briefing sums years 11 to 50 in one column: it stays short. */
        assert_in_range(page_count(scratch, n), i == 0 ? 4 : 8, i == 0 ? 7 : 20);
        mlroi_template_free(tpl);
        mlroi_diags_free(&d);
    }
    mlroi_result_free(&g.r);
    mlroi_scenario_free(g.s);
}

static void scenario_without_modules_still_renders(void **state)
{
    fixture *f = *state;
    fixture g;
    char path[128];
    mlroi_diags d = { 0 };
    static const char bare[] = "{ \"format\": 1, \"name\": \"Only a name \xE4\xB8\xAD "
                               "\xF0\x9F\x98\x80 with a very long title that cannot possibly fit "
                               "on one line of the cover band at its largest type size\" }";
    memset(&g, 0, sizeof g);
    assert_int_equal(load_scenario(&g, bare), 0);
    snprintf(path, sizeof path, "%s/bare.pdf", f->dir);
    assert_int_equal(mlroi_report_write_pdf(&g.in, f->tpl, path, &d), MLROI_OK);
    assert_true(slurp(path, scratch, sizeof scratch) > 1000);
    mlroi_result_free(&g.r);
    mlroi_scenario_free(g.s);
    mlroi_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(atomic_write_replaces_the_file_and_leaves_no_temporary,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(failed_write_keeps_the_previous_file, setup, teardown),
        cmocka_unit_test_setup_teardown(missing_folder_is_an_io_error_naming_the_path, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(clean_text_replaces_what_the_font_cannot_draw, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(wrapping_never_loses_words_and_breaks_long_ones, setup,
                                        teardown),
        cmocka_unit_test(nice_axis_uses_one_two_five_steps),
        cmocka_unit_test_setup_teardown(same_inputs_give_the_same_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(board_briefing_has_four_to_six_a4_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(letter_template_gives_letter_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(unreadable_logo_fails_naming_the_logo_and_keeps_the_old_file,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(consultant_briefing_renders_a_thirty_year_case,
                                        setup_consultant_30, teardown),
        cmocka_unit_test_setup_teardown(scenario_without_modules_still_renders, setup, teardown),
        cmocka_unit_test_setup_teardown(fifty_year_lines_case_renders_with_every_template, setup,
                                        teardown),
    };
    return cmocka_run_group_tests_name("report_pdf", tests, NULL, NULL);
}
