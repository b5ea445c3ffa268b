/* SPDX-License-Identifier: MIT */
/* Tests of the data directory lookup: the variable, the folder beside the binary, the fall-back. */
/* realpath() and mkdtemp() for the scratch folder. */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "testutil.h"
#include "mlroi/datadir.h"
#include "mlroi/template.h"

/* A scratch prefix: <root>/bin/mlroi, <root>/share/mlroi/{benchmarks.json,templates/}. */
typedef struct fixture {
    char root[256];
    char bin[300], exe[320], share[300], data[320], templates[340];
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    const char *tmp = getenv("TMPDIR");
    char *real;
    if (!fx)
        return -1;
    snprintf(fx->root, sizeof fx->root, "%s/mlroi-datadir-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(fx->root)) {
        free(fx);
        return -1;
    }
    /* Canonical, as /proc/self/exe would be. */
    real = realpath(fx->root, NULL);
    if (!real || strlen(real) >= sizeof fx->root) {
        free(real);
        free(fx);
        return -1;
    }
    strcpy(fx->root, real);
    free(real);
    snprintf(fx->bin, sizeof fx->bin, "%s/bin", fx->root);
    snprintf(fx->exe, sizeof fx->exe, "%s/mlroi", fx->bin);
    snprintf(fx->share, sizeof fx->share, "%s/share", fx->root);
    snprintf(fx->data, sizeof fx->data, "%s/mlroi", fx->share);
    snprintf(fx->templates, sizeof fx->templates, "%s/templates", fx->data);
    if (mkdir(fx->bin, 0700) || mkdir(fx->share, 0700) || mkdir(fx->data, 0700) ||
        mkdir(fx->templates, 0700))
        return -1;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    char p[400];
    static const char *const files[] = {
        "templates/board.json", "templates/acme.json", "templates/broken.json",
        "benchmarks.json", NULL
    };
    for (size_t i = 0; files[i]; i++) {
        snprintf(p, sizeof p, "%s/%s", fx->data, files[i]);
        unlink(p);
    }
    rmdir(fx->templates);
    rmdir(fx->data);
    rmdir(fx->share);
    rmdir(fx->bin);
    rmdir(fx->root);
    unsetenv("MLROI_DATADIR");
    free(fx);
    return 0;
}

static void variable_names_the_directory(void **state)
{
    fixture *fx = *state;
    mlroi_datadir d;
    mlroi_diags diags = { 0 };
    assert_int_equal(mlroi_datadir_resolve(fx->templates, fx->exe, &d, &diags), MLROI_OK);
    assert_int_equal(d.origin, MLROI_DATADIR_ENV);
    assert_string_equal(d.path, fx->templates);
    assert_int_equal(diags.count, 0);
}

static void variable_naming_no_directory_is_an_error_naming_it(void **state)
{
    fixture *fx = *state;
    mlroi_datadir d;
    mlroi_diags diags = { 0 };
    char missing[400], file[400];

    snprintf(missing, sizeof missing, "%s/nowhere", fx->root);
    assert_int_equal(mlroi_datadir_resolve(missing, fx->exe, &d, &diags), MLROI_ERR_IO);
    assert_int_equal(diags.count, 1);
    assert_string_equal(diags.items[0].file, missing);
    assert_non_null(strstr(diags.items[0].message, "no such directory"));
    assert_int_equal(d.origin, MLROI_DATADIR_BUILTIN);
    mlroi_diags_free(&diags);

    /* A file where a folder should be. */
    snprintf(file, sizeof file, "%s/benchmarks.json", fx->data);
    test_write_file(file, "{}");
    assert_int_equal(mlroi_datadir_resolve(file, fx->exe, &d, &diags), MLROI_ERR_IO);
    assert_non_null(strstr(diags.items[0].message, "not a directory"));
    mlroi_diags_free(&diags);
}

static void empty_variable_counts_as_unset(void **state)
{
    fixture *fx = *state;
    mlroi_datadir d;
    if (strcmp(MLROI_DATADIR_REL, "../share/mlroi") != 0)
        skip();
    assert_int_equal(mlroi_datadir_resolve("", fx->exe, &d, NULL), MLROI_OK);
    assert_int_equal(d.origin, MLROI_DATADIR_BINARY);
}

static void share_mlroi_beside_the_binary_is_found(void **state)
{
    fixture *fx = *state;
    mlroi_datadir d;
    /* <root>/bin/mlroi + ../share/mlroi = <root>/share/mlroi, without the "bin/..". */
    if (strcmp(MLROI_DATADIR_REL, "../share/mlroi") != 0)
        skip();   /* built for a PREFIX whose data is elsewhere */
    assert_int_equal(mlroi_datadir_resolve(NULL, fx->exe, &d, NULL), MLROI_OK);
    assert_int_equal(d.origin, MLROI_DATADIR_BINARY);
    assert_string_equal(d.path, fx->data);
}

static void without_a_folder_the_built_in_data_is_used(void **state)
{
    fixture *fx = *state;
    mlroi_datadir d;
    char elsewhere[400];
    /* <root>/share/mlroi/mlroi + ../share/mlroi = <root>/share/share/mlroi: absent. */
    snprintf(elsewhere, sizeof elsewhere, "%s/mlroi", fx->data);
    assert_int_equal(mlroi_datadir_resolve(NULL, elsewhere, &d, NULL), MLROI_OK);
    assert_int_equal(d.origin, MLROI_DATADIR_BUILTIN);
    assert_string_equal(d.path, "");
    assert_int_equal(mlroi_datadir_resolve(NULL, NULL, &d, NULL), MLROI_OK);
    assert_int_equal(d.origin, MLROI_DATADIR_BUILTIN);
    assert_int_equal(mlroi_datadir_resolve(NULL, "mlroi", &d, NULL), MLROI_OK);
    assert_int_equal(d.origin, MLROI_DATADIR_BUILTIN);
}

static void file_lookup_falls_back_file_by_file(void **state)
{
    fixture *fx = *state;
    mlroi_datadir d;
    char path[MLROI_DATADIR_PATH_MAX], want[400], small[8];

    assert_int_equal(mlroi_datadir_resolve(fx->data, NULL, &d, NULL), MLROI_OK);
    snprintf(want, sizeof want, "%s/templates/board.json", fx->data);
    test_write_file(want, "{}");
    assert_true(mlroi_datadir_file(&d, "templates/board.json", path, sizeof path));
    assert_string_equal(path, want);
    /* Absent: the caller takes the built-in copy. */
    assert_false(mlroi_datadir_file(&d, "benchmarks.json", path, sizeof path));
    assert_string_equal(path, "");
    /* A path that does not fit is never cut short into another file's name. */
    assert_false(mlroi_datadir_file(&d, "templates/board.json", small, sizeof small));
    d.origin = MLROI_DATADIR_BUILTIN;
    d.path[0] = '\0';
    assert_false(mlroi_datadir_file(&d, "templates/board.json", path, sizeof path));
}

static void origin_texts_are_words_for_people(void **state)
{
    (void)state;
    assert_string_equal(mlroi_datadir_origin_text(MLROI_DATADIR_ENV), "from MLROI_DATADIR");
    assert_string_equal(mlroi_datadir_origin_text(MLROI_DATADIR_BINARY),
                        "found beside the binary");
    assert_non_null(strstr(mlroi_datadir_origin_text(MLROI_DATADIR_BUILTIN), "built into"));
}

/* --template NAME: <datadir>/templates/NAME.json, then the built-in template. */
static void template_name_looks_in_the_data_directory_first(void **state)
{
    fixture *fx = *state;
    mlroi_template *t = NULL;
    mlroi_diags diags = { 0 };
    char p[400];

    snprintf(p, sizeof p, "%s/templates/board.json", fx->data);
    test_write_file(p,
                    "{ \"format\": 1, \"name\": \"board\", \"title\": \"From the data folder\" }");
    snprintf(p, sizeof p, "%s/templates/acme.json", fx->data);
    test_write_file(p, "{ \"format\": 1, \"name\": \"acme\", \"title\": \"Acme briefing\" }");
    assert_int_equal(setenv("MLROI_DATADIR", fx->data, 1), 0);

    assert_int_equal(mlroi_template_open("board", &t, &diags), MLROI_OK);
    assert_string_equal(t->title, "From the data folder");
    mlroi_template_free(t);
    assert_int_equal(mlroi_template_open("acme", &t, &diags), MLROI_OK);
    assert_string_equal(t->title, "Acme briefing");
    mlroi_template_free(t);
    /* Not in the folder: the built-in consultant template. */
    assert_int_equal(mlroi_template_open("consultant", &t, &diags), MLROI_OK);
    assert_string_equal(t->name, "consultant");
    mlroi_template_free(t);
    assert_int_equal(diags.count, 0);
}

static void broken_template_in_the_data_directory_is_an_error_naming_the_file(void **state)
{
    fixture *fx = *state;
    mlroi_template *t = NULL;
    mlroi_diags diags = { 0 };
    char p[400];
    const mlroi_diag *e;

    snprintf(p, sizeof p, "%s/templates/broken.json", fx->data);
    test_write_file(p, "{ \"format\": 1,\n  \"title\": }\n");
    assert_int_equal(setenv("MLROI_DATADIR", fx->data, 1), 0);
    assert_int_not_equal(mlroi_template_open("broken", &t, &diags), MLROI_OK);
    assert_null(t);
    e = mlroi_diags_first_error(&diags);
    assert_non_null(e);
    assert_string_equal(e->file, p);
    assert_int_equal(e->line, 2);
    mlroi_diags_free(&diags);

    /* A variable naming no folder stops the lookup instead of being ignored. */
    snprintf(p, sizeof p, "%s/nowhere", fx->root);
    assert_int_equal(setenv("MLROI_DATADIR", p, 1), 0);
    assert_int_equal(mlroi_template_open("board", &t, &diags), MLROI_ERR_IO);
    assert_null(t);
    mlroi_diags_free(&diags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(variable_names_the_directory, setup, teardown),
        cmocka_unit_test_setup_teardown(variable_naming_no_directory_is_an_error_naming_it,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(empty_variable_counts_as_unset, setup, teardown),
        cmocka_unit_test_setup_teardown(share_mlroi_beside_the_binary_is_found, setup, teardown),
        cmocka_unit_test_setup_teardown(without_a_folder_the_built_in_data_is_used, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(file_lookup_falls_back_file_by_file, setup, teardown),
        cmocka_unit_test(origin_texts_are_words_for_people),
        cmocka_unit_test_setup_teardown(template_name_looks_in_the_data_directory_first, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            broken_template_in_the_data_directory_is_an_error_naming_the_file, setup, teardown),
    };
    return cmocka_run_group_tests_name("datadir", tests, NULL, NULL);
}
