/* SPDX-License-Identifier: MIT */
/* Tests for the documents' languages: number marks, month names, lookups, broken files. */
#include <string.h>
#include "testutil.h"
#include "mlroi/lang.h"

/* French groups digits with no-break spaces (U+00A0, C2 A0 in UTF-8) and writes a decimal
 * comma; German groups with points. Only marks between two digits are a number's. */
static void numbers_take_the_languages_marks(void **state)
{
    mlroi_lang *fr = NULL, *de = NULL, *en = NULL;
    mlroi_diags d = { 0 };
    char buf[64];
    (void)state;
    assert_int_equal(mlroi_lang_builtin("fr", &fr, &d), MLROI_OK);
    assert_int_equal(mlroi_lang_builtin("de", &de, &d), MLROI_OK);
    assert_int_equal(mlroi_lang_builtin("en", &en, &d), MLROI_OK);
    strcpy(buf, "-1,234,567.5");
    assert_string_equal(mlroi_lang_number(fr, buf, sizeof buf), "-1\xc2\xa0" "234\xc2\xa0" "567,5");
    strcpy(buf, "-1,234,567.5");
    assert_string_equal(mlroi_lang_number(de, buf, sizeof buf), "-1.234.567,5");
    strcpy(buf, "1,234.5");
    assert_string_equal(mlroi_lang_number(en, buf, sizeof buf), "1,234.5");
    strcpy(buf, "n/a");
    assert_string_equal(mlroi_lang_number(de, buf, sizeof buf), "n/a");
    /* Cut at a character boundary, never inside the no-break space. */
    strcpy(buf, "1,234");
    assert_string_equal(mlroi_lang_number(fr, buf, 3), "1");
    assert_string_equal(mlroi_lang_month(fr, 2), "février");
    assert_string_equal(mlroi_lang_month(de, 3), "März");
    assert_string_equal(mlroi_lang_month(en, 12), "December");
    assert_string_equal(mlroi_lang_month(de, 13), "");
    assert_true(mlroi_lang_currency_after(de));
    assert_false(mlroi_lang_currency_after(en));
    mlroi_lang_free(fr);
    mlroi_lang_free(de);
    mlroi_lang_free(en);
    mlroi_diags_free(&d);
}

static void texts_are_looked_up_by_their_english(void **state)
{
    mlroi_lang *de = NULL;
    mlroi_diags d = { 0 };
    const char *unknown = "a text no file translates";
    (void)state;
    assert_int_equal(mlroi_lang_builtin("de", &de, &d), MLROI_OK);
    assert_true(mlroi_lang_count(de) > 100);
    assert_string_equal(mlroi_lang_text(de, "Executive summary"), "Zusammenfassung");
    /* What the file leaves out is the English itself, the same pointer. */
    assert_ptr_equal(mlroi_lang_text(de, unknown), unknown);
    assert_ptr_equal(mlroi_lang_text(NULL, unknown), unknown);
    assert_string_equal(mlroi_lang_code(de), "de");
    mlroi_lang_free(de);
    mlroi_diags_free(&d);
}

static void unknown_languages_and_broken_files_are_refused(void **state)
{
    mlroi_lang *l = NULL;
    mlroi_diags d = { 0 };
    (void)state;
    assert_int_equal(mlroi_lang_builtin("it", &l, &d), MLROI_ERR_INVALID);
    assert_null(l);
    assert_non_null(strstr(d.items[0].message, "en, fr or de"));
    mlroi_diags_free(&d);
    memset(&d, 0, sizeof d);
    assert_int_equal(mlroi_lang_load_text("x.json", "{ \"lang\": \"xx\" }", &l, &d),
                     MLROI_ERR_INVALID);
    assert_null(l);
    mlroi_diags_free(&d);
    memset(&d, 0, sizeof d);
    assert_int_equal(mlroi_lang_load_text("x.json", "{", &l, &d), MLROI_ERR_INVALID);
    mlroi_diags_free(&d);
    mlroi_lang_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_take_the_languages_marks),
        cmocka_unit_test(texts_are_looked_up_by_their_english),
        cmocka_unit_test(unknown_languages_and_broken_files_are_refused),
    };
    return cmocka_run_group_tests_name("lang", tests, NULL, NULL);
}
