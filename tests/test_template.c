/* SPDX-License-Identifier: MIT */
/* Tests of report templates: the shipped ones, defaults, and every bad key named in its error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "testutil.h"
#include "mlroi/template.h"
#include "mlroi/lang.h"

/* Load TEXT; on failure keep the diagnostics for the caller to inspect. */
static mlroi_error load(const char *text, mlroi_template **t, mlroi_diags *d)
{
    return mlroi_template_load_text("t.json", ".", text, strlen(text), t, d);
}

/* The first error must carry CODE at PATH, and its message must contain NEEDLE. */
static void expect_error(const char *text, mlroi_error code, const char *path,
                         const char *needle)
{
    mlroi_template *t = NULL;
    mlroi_diags d = { 0 };
    const mlroi_diag *e;

    assert_int_equal(load(text, &t, &d), code);
    assert_null(t);
    e = mlroi_diags_first_error(&d);
    assert_non_null(e);
    assert_int_equal(e->code, code);
    assert_string_equal(e->path, path);
    if (!strstr(e->message, needle)) {
        print_error("message \"%s\" lacks \"%s\"\n", e->message, needle);
        fail();
    }
    assert_string_equal(e->file, "t.json");
    mlroi_diags_free(&d);
}

static void board_template_is_a4_compact_and_lists_every_section(void **state)
{
    mlroi_template *t = NULL;
    mlroi_diags d = { 0 };
    (void)state;
    assert_int_equal(mlroi_template_builtin("board", &t, &d), MLROI_OK);
    assert_string_equal(t->name, "board");
    assert_int_equal(t->page_size, MLROI_PAGE_A4);
    assert_false(t->cover_page);
    assert_false(t->full_appendix);
    assert_true(t->show_platform);
    assert_false(t->show_chargeback);   /* the board pack stays at five pages */
    assert_int_equal(t->section_count, MLROI_SECTION_COUNT);
    {
        /* The team and its cost come before the risk pages, so the briefing keeps to five. */
        static const mlroi_section order[MLROI_SECTION_COUNT] = {
            MLROI_SECTION_COVER, MLROI_SECTION_SUMMARY, MLROI_SECTION_MATURITY,
            MLROI_SECTION_BUSINESS_CASE, MLROI_SECTION_TEAM_TCO, MLROI_SECTION_SENSITIVITY,
            MLROI_SECTION_GOVERNANCE, MLROI_SECTION_APPENDIX
        };
        for (int i = 0; i < t->section_count; i++)
            assert_int_equal(t->sections[i].id, order[i]);
    }
    /* The summary follows the cover band on the first page; every later section flows on
     * from the one before (no half-empty page), governance included. */
    assert_false(t->sections[MLROI_SECTION_SUMMARY].new_page);
    for (int i = MLROI_SECTION_MATURITY; i < t->section_count; i++)
        assert_false(t->sections[i].new_page);
    /* "#1B365D": 0x1B = 27, 0x36 = 54, 0x5D = 93. */
    assert_close(t->colors.primary.r, 27 / 255.0, 1e-12);
    assert_close(t->colors.primary.g, 54 / 255.0, 1e-12);
    assert_close(t->colors.primary.b, 93 / 255.0, 1e-12);
    assert_string_equal(t->font_regular, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    assert_string_equal(t->font_bold, "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");
    assert_null(t->logo);
    mlroi_template_free(t);
    mlroi_diags_free(&d);
}

static void consultant_template_has_a_cover_page_and_the_full_appendix(void **state)
{
    mlroi_template *t = NULL;
    mlroi_diags d = { 0 };
    (void)state;
    assert_int_equal(mlroi_template_open("consultant", &t, &d), MLROI_OK);
    assert_true(t->cover_page);
    assert_true(t->full_appendix);
    assert_true(t->show_platform);
    assert_true(t->show_chargeback);
    /* No placeholder author, audience or brand: the cover omits what is not set (issue 13). */
    assert_null(t->brand);
    assert_null(t->prepared_by);
    assert_null(t->prepared_for);
    assert_int_equal(t->section_count, MLROI_SECTION_COUNT);
    mlroi_template_free(t);
    mlroi_diags_free(&d);
}

static void shipped_files_match_the_built_in_copies(void **state)
{
    /* make embeds the templates folder: the files on disk must load to the same settings. */
    static const char *const names[] = { "board", "consultant" };
    (void)state;
    for (int i = 0; i < 2; i++) {
        char path[64];
        mlroi_template *a = NULL, *b = NULL;
        mlroi_diags d = { 0 };
        snprintf(path, sizeof path, "templates/%s.json", names[i]);
        if (access(path, R_OK) != 0)
            skip();
        assert_int_equal(mlroi_template_load(path, &a, &d), MLROI_OK);
        assert_int_equal(mlroi_template_builtin(names[i], &b, &d), MLROI_OK);
        assert_string_equal(a->title, b->title);
        assert_int_equal(a->section_count, b->section_count);
        assert_memory_equal(&a->colors, &b->colors, sizeof a->colors);
        mlroi_template_free(a);
        mlroi_template_free(b);
        mlroi_diags_free(&d);
    }
}

static void empty_object_gives_every_section_in_order_on_a4(void **state)
{
    mlroi_template *t = NULL;
    mlroi_diags d = { 0 };
    (void)state;
    assert_int_equal(load("{}", &t, &d), MLROI_OK);
    assert_string_equal(t->name, "custom");
    assert_int_equal(t->page_size, MLROI_PAGE_A4);
    assert_int_equal(t->section_count, MLROI_SECTION_COUNT);
    assert_true(t->full_appendix);
    assert_false(t->sections[MLROI_SECTION_COVER].new_page);
    assert_true(t->sections[MLROI_SECTION_APPENDIX].new_page);
    mlroi_template_free(t);
    mlroi_diags_free(&d);
}

static void sections_keep_the_template_order_and_letter_size(void **state)
{
    mlroi_template *t = NULL;
    mlroi_diags d = { 0 };
    (void)state;
    assert_int_equal(load("{ \"page_size\": \"Letter\", \"sections\": [\"summary\", "
                          "{\"id\": \"appendix\", \"new_page\": false}, \"cover\"] }", &t, &d),
                     MLROI_OK);
    assert_int_equal(t->page_size, MLROI_PAGE_LETTER);
    assert_int_equal(t->section_count, 3);
    assert_int_equal(t->sections[0].id, MLROI_SECTION_SUMMARY);
    assert_int_equal(t->sections[1].id, MLROI_SECTION_APPENDIX);
    assert_false(t->sections[1].new_page);
    assert_int_equal(t->sections[2].id, MLROI_SECTION_COVER);
    mlroi_template_free(t);
    mlroi_diags_free(&d);
}

static void short_colour_repeats_each_digit(void **state)
{
    mlroi_template *t = NULL;
    mlroi_diags d = { 0 };
    (void)state;
    /* "#0a8" means #00AA88: 0xAA = 170, 0x88 = 136. */
    assert_int_equal(load("{ \"colors\": { \"accent\": \"#0a8\" } }", &t, &d), MLROI_OK);
    assert_close(t->colors.accent.r, 0.0, 1e-12);
    assert_close(t->colors.accent.g, 170 / 255.0, 1e-12);
    assert_close(t->colors.accent.b, 136 / 255.0, 1e-12);
    mlroi_template_free(t);
    mlroi_diags_free(&d);
}

static void bad_colour_names_its_key_and_position(void **state)
{
    mlroi_template *t = NULL;
    mlroi_diags d = { 0 };
    const mlroi_diag *e;
    (void)state;
    expect_error("{ \"colors\": { \"primary\": \"blue\" } }", MLROI_ERR_INVALID,
                 "colors.primary", "\"blue\"");
    assert_int_equal(load("{\n  \"colors\": {\n    \"text\": \"#12345G\" } }", &t, &d),
                     MLROI_ERR_INVALID);
    e = mlroi_diags_first_error(&d);
    assert_string_equal(e->path, "colors.text");
    assert_int_equal(e->line, 3);      /* the value sits on the third line ... */
    assert_int_equal(e->column, 13);   /* ... after `    "text": ` (12 characters) */
    mlroi_diags_free(&d);
}

static void unknown_keys_are_errors_naming_them(void **state)
{
    (void)state;
    expect_error("{ \"colour\": {} }", MLROI_ERR_UNKNOWN_KEY, "colour", "unknown key");
    expect_error("{ \"colors\": { \"primary\": \"#000\", \"shade\": \"#fff\" } }",
                 MLROI_ERR_UNKNOWN_KEY, "colors.shade", "unknown key");
    expect_error("{ \"fonts\": { \"italic\": \"DejaVuSans.ttf\" } }", MLROI_ERR_UNKNOWN_KEY,
                 "fonts.italic", "unknown key");
}

static void lang_chooses_the_documents_language(void **state)
{
    mlroi_template *t = NULL;
    mlroi_diags d = { 0 };
    (void)state;
    assert_int_equal(load("{ \"lang\": \"de\" }", &t, &d), MLROI_OK);
    assert_string_equal(mlroi_lang_codes[t->lang], "de");
    mlroi_template_free(t);
    t = NULL;
    assert_int_equal(load("{ \"name\": \"x\" }", &t, &d), MLROI_OK);
    assert_string_equal(mlroi_lang_codes[t->lang], "en");
    mlroi_template_free(t);
    mlroi_diags_free(&d);
    expect_error("{ \"lang\": \"it\" }", MLROI_ERR_INVALID, "lang", "\"it\"");
}

static void bad_sections_are_named_by_index(void **state)
{
    (void)state;
    expect_error("{ \"sections\": [\"cover\", \"finance\"] }", MLROI_ERR_INVALID, "sections[1]",
                 "unknown section \"finance\"");
    expect_error("{ \"sections\": [\"cover\", \"cover\"] }", MLROI_ERR_DUPLICATE, "sections[1]",
                 "listed twice");
    expect_error("{ \"sections\": [{\"new_page\": true}] }", MLROI_ERR_MISSING, "sections[0]",
                 "\"id\"");
    expect_error("{ \"sections\": [{\"id\": \"summary\", \"new_page\": 1}] }", MLROI_ERR_TYPE,
                 "sections[0].new_page", "true or false");
    expect_error("{ \"sections\": [] }", MLROI_ERR_INVALID, "sections", "at least one");
    expect_error("{ \"sections\": \"summary\" }", MLROI_ERR_TYPE, "sections", "an array");
}

static void wrong_types_and_choices_are_reported(void **state)
{
    (void)state;
    expect_error("{ \"page_size\": \"A3\" }", MLROI_ERR_INVALID, "page_size",
                 "\"A4\" or \"Letter\"");
    expect_error("{ \"cover\": true }", MLROI_ERR_TYPE, "cover", "\"band\" or \"page\"");
    expect_error("{ \"appendix\": \"long\" }", MLROI_ERR_INVALID, "appendix", "\"long\"");
    expect_error("{ \"title\": 7 }", MLROI_ERR_TYPE, "title", "a string");
    expect_error("{ \"format\": 2 }", MLROI_ERR_INVALID, "format", "expected 1");
    expect_error("{ \"platform\": \"yes\" }", MLROI_ERR_TYPE, "platform", "true or false");
    expect_error("{ \"chargeback\": 1 }", MLROI_ERR_TYPE, "chargeback", "true or false");
    expect_error("[1]", MLROI_ERR_TYPE, "", "a JSON object");
}

static void missing_font_and_logo_files_are_named(void **state)
{
    (void)state;
    expect_error("{ \"fonts\": { \"regular\": \"NoSuchFont.ttf\" } }", MLROI_ERR_IO,
                 "fonts.regular", "not found");
    expect_error("{ \"fonts\": { \"bold\": \"fonts/none.ttf\" } }", MLROI_ERR_IO, "fonts.bold",
                 "not found");
    expect_error("{ \"fonts\": { \"bold\": \"DejaVuSans.otf\" } }", MLROI_ERR_INVALID,
                 "fonts.bold", ".ttf");
    expect_error("{ \"logo\": \"missing-logo.png\" }", MLROI_ERR_IO, "logo", "not found");
    expect_error("{ \"logo\": \"logo.gif\" }", MLROI_ERR_INVALID, "logo", ".png");
}

static void duplicate_keys_and_bad_json_are_located(void **state)
{
    mlroi_template *t = NULL;
    mlroi_diags d = { 0 };
    const mlroi_diag *e;
    (void)state;
    assert_int_equal(load("{ \"title\": \"a\", \"title\": \"b\" }", &t, &d), MLROI_ERR_DUPLICATE);
    mlroi_diags_free(&d);
    memset(&d, 0, sizeof d);
    assert_int_equal(load("{\n \"title\": \"a\",,\n}", &t, &d), MLROI_ERR_SYNTAX);
    e = mlroi_diags_first_error(&d);
    assert_int_equal(e->line, 2);
    mlroi_diags_free(&d);
}

static void null_clears_optional_texts(void **state)
{
    mlroi_template *t = NULL;
    mlroi_diags d = { 0 };
    (void)state;
    assert_int_equal(load("{ \"prepared_by\": null, \"prepared_for\": \"Zoë Müller – CFO\", "
                          "\"logo\": null }", &t, &d), MLROI_OK);
    assert_null(t->prepared_by);
    assert_string_equal(t->prepared_for, "Zoë Müller – CFO");
    mlroi_template_free(t);
    mlroi_diags_free(&d);
}

static void names_and_paths_choose_builtin_or_file(void **state)
{
    mlroi_template *t = NULL;
    mlroi_diags d = { 0 };
    (void)state;
    assert_int_equal(mlroi_template_open("glossy", &t, &d), MLROI_ERR_INVALID);
    assert_non_null(strstr(mlroi_diags_first_error(&d)->message, "board, consultant"));
    mlroi_diags_free(&d);
    memset(&d, 0, sizeof d);
    /* Ending in .json makes it a path, even without a folder. */
    assert_int_equal(mlroi_template_open("no-such-template.json", &t, &d), MLROI_ERR_IO);
    mlroi_diags_free(&d);
    assert_string_equal(mlroi_section_name(MLROI_SECTION_BUSINESS_CASE), "business_case");
    assert_string_equal(mlroi_section_name(MLROI_SECTION_TEAM_TCO), "team_tco");
    assert_null(mlroi_section_name(MLROI_SECTION_COUNT));
    assert_string_equal(mlroi_template_builtin_names[0], "board");
    assert_null(mlroi_template_builtin_names[2]);
}

static void relative_logo_resolves_against_the_template_folder(void **state)
{
    char dir[] = "/tmp/mlroi-tpl-XXXXXX", logo[96], tpl[96];
    mlroi_template *t = NULL;
    mlroi_diags d = { 0 };
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(logo, sizeof logo, "%s/mark.png", dir);
    snprintf(tpl, sizeof tpl, "%s/brand.json", dir);
    test_write_file(logo, "not checked until rendering");
    test_write_file(tpl, "{ \"logo\": \"mark.png\" }");
    assert_int_equal(mlroi_template_load(tpl, &t, &d), MLROI_OK);
    assert_string_equal(t->logo, logo);
    mlroi_template_free(t);
    mlroi_diags_free(&d);
    test_remove_folder(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(board_template_is_a4_compact_and_lists_every_section),
        cmocka_unit_test(consultant_template_has_a_cover_page_and_the_full_appendix),
        cmocka_unit_test(shipped_files_match_the_built_in_copies),
        cmocka_unit_test(empty_object_gives_every_section_in_order_on_a4),
        cmocka_unit_test(sections_keep_the_template_order_and_letter_size),
        cmocka_unit_test(short_colour_repeats_each_digit),
        cmocka_unit_test(bad_colour_names_its_key_and_position),
        cmocka_unit_test(unknown_keys_are_errors_naming_them),
        cmocka_unit_test(bad_sections_are_named_by_index),
        cmocka_unit_test(wrong_types_and_choices_are_reported),
        cmocka_unit_test(missing_font_and_logo_files_are_named),
        cmocka_unit_test(duplicate_keys_and_bad_json_are_located),
        cmocka_unit_test(null_clears_optional_texts),
        cmocka_unit_test(lang_chooses_the_documents_language),
        cmocka_unit_test(names_and_paths_choose_builtin_or_file),
        cmocka_unit_test(relative_logo_resolves_against_the_template_folder),
    };
    return cmocka_run_group_tests_name("template", tests, NULL, NULL);
}
