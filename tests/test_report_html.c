/* SPDX-License-Identifier: MIT */
/* Tests of the what-if page's writer: one file whose policy names its own script and style,
 * the scenario carried byte for byte, and no text of the scenario able to end a script. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "testutil.h"
#include "mlroi/report_html.h"
#include "mlroi/sha256.h"

static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Base64 of N bytes, as RFC 4648 writes it (the tests' own, to check the writer's). */
static void base64(const unsigned char *in, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16 | (i + 1 < n ? (unsigned)in[i + 1] << 8 : 0) |
                     (i + 2 < n ? in[i + 2] : 0);
        out[o++] = digits[v >> 18 & 63];
        out[o++] = digits[v >> 12 & 63];
        out[o++] = i + 1 < n ? digits[v >> 6 & 63] : '=';
        out[o++] = i + 2 < n ? digits[v & 63] : '=';
    }
    out[o] = '\0';
}

/* Decode base64 TEXT into OUT; the length, or -1 on a character outside the alphabet. */
static long unbase64(const char *text, unsigned char *out)
{
    long o = 0;
    unsigned v = 0;
    int bits = 0;
    for (; *text && *text != '='; text++) {
        const char *d = strchr(digits, *text);
        if (!d)
            return -1;
        v = v << 6 | (unsigned)(d - digits);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (unsigned char)(v >> bits & 0xFF);
        }
    }
    return o;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *text;
    long n;
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    text = malloc((size_t)n + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
    text[n] = '\0';
    fclose(f);
    return text;
}

/* The text between BEGIN and the next END in HAY, malloc'd; NULL when absent. */
static char *between(const char *hay, const char *begin, const char *end)
{
    const char *a = strstr(hay, begin), *b;
    char *out;
    if (!a)
        return NULL;
    a += strlen(begin);
    b = strstr(a, end);
    if (!b)
        return NULL;
    out = malloc((size_t)(b - a) + 1);
    memcpy(out, a, (size_t)(b - a));
    out[b - a] = '\0';
    return out;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* Write the page of TEXT into a scratch folder; the page's text, or NULL without an engine. */
static char *write_page(const char *text, const char *title, char *dir)
{
    char path[300];
    mlroi_page_input in = { "plan.json", title, "Acme", text, strlen(text), NULL, 0 };
    mlroi_diags d = { 0 };
    mlroi_error e;
    char *page;
    strcpy(dir, "/tmp/mlroi-test-html-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/plan.html", dir);
    e = mlroi_report_write_html(&in, path, &d);
    if (!mlroi_page_engine_available()) {
        /* A build without the toolchain refuses, says why, writes nothing. */
        assert_int_equal(e, MLROI_ERR_MISSING);
        assert_non_null(strstr(d.items[0].message, "no page engine"));
        assert_int_equal(access(path, F_OK), -1);
        mlroi_diags_free(&d);
        return NULL;
    }
    assert_int_equal(e, MLROI_OK);
    mlroi_diags_free(&d);
    page = slurp(path);
    return page;
}

static const char scenario[] = "{\"format\": 1, \"name\": \"Plan\", " TEST_ARTICLE_ROI_JSON "}\n";

static void policy_names_the_pages_own_script_and_style(void **state)
{
    char dir[64], hash[64], want[128];
    unsigned char digest[32];
    char *page = write_page(scenario, "Plan", dir), *csp, *script, *style;
    (void)state;
    if (!page) {
        test_remove_folder(dir);
        return;
    }
    assert_memory_equal(page, "<!DOCTYPE html>", 15);
    csp = between(page, "http-equiv=\"Content-Security-Policy\" content=\"", "\"");
    assert_non_null(csp);
    assert_memory_equal(csp, "default-src 'none'; ", 20);
    assert_non_null(strstr(csp, "'wasm-unsafe-eval'"));
    /* The one inline script and the one style, each named by the SHA-256 of its text. */
    script = between(page, "\n<script>", "</script>");
    style = between(page, "<style>", "</style>");
    assert_non_null(script);
    assert_non_null(style);
    mlroi_sha256(script, strlen(script), digest);
    base64(digest, sizeof digest, hash);
    snprintf(want, sizeof want, "script-src 'sha256-%s' 'wasm-unsafe-eval'", hash);
    assert_non_null(strstr(csp, want));
    mlroi_sha256(style, strlen(style), digest);
    base64(digest, sizeof digest, hash);
    snprintf(want, sizeof want, "style-src 'sha256-%s'", hash);
    assert_non_null(strstr(csp, want));
    /* Nothing is loaded from anywhere: no src, no link, no stylesheet import. */
    assert_null(strstr(page, " src="));
    assert_null(strstr(page, "<link"));
    assert_null(strstr(page, "@import"));
    free(csp);
    free(script);
    free(style);
    free(page);
    test_remove_folder(dir);
}

static void scenario_is_carried_byte_for_byte_with_its_name(void **state)
{
    char dir[64];
    char *page = write_page(scenario, "Plan", dir), *data;
    cJSON *root;
    const cJSON *b64;
    unsigned char bytes[sizeof scenario];
    (void)state;
    if (!page) {
        test_remove_folder(dir);
        return;
    }
    data = between(page, "<script type=\"application/json\" id=\"mlroi-data\">", "</script>");
    assert_non_null(data);
    root = cJSON_Parse(data);
    assert_non_null(root);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(root, "name")->valuestring, "plan.json");
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(root, "organization")->valuestring,
                        "Acme");
    /* The header carries it too, so that it has its height before the script runs. */
    assert_non_null(strstr(page, "<p class=\"org\" id=\"org\">Acme</p>"));
    b64 = cJSON_GetObjectItemCaseSensitive(root, "scenario");
    assert_true(cJSON_IsString(b64));
    assert_int_equal(unbase64(b64->valuestring, bytes), (long)strlen(scenario));
    assert_memory_equal(bytes, scenario, strlen(scenario));
    /* The engine is a WebAssembly module, gzip-compressed: its first bytes 1f 8b 08 are "H4sI"
     * in base64 (cli_page.sh opens it and finds "\0asm"). */
    assert_non_null(strstr(page, "id=\"mlroi-engine\">H4sI"));
    cJSON_Delete(root);
    free(data);
    free(page);
    test_remove_folder(dir);
}

static void scenario_text_cannot_end_a_script_or_become_markup(void **state)
{
    static const char hostile[] =
        "{\"format\": 1, \"name\": \"</script><script>alert(1)</script> & <b>\", "
        TEST_ARTICLE_ROI_JSON "}";
    char dir[64];
    char *page = write_page(hostile, "</script><b>Q&A</b>", dir), *data;
    cJSON *root;
    (void)state;
    if (!page) {
        test_remove_folder(dir);
        return;
    }
    /* The data, the engine and the script: three ends of script, no more. */
    assert_int_equal(count(page, "</script>"), 3);
    assert_non_null(strstr(page, "<title>&lt;/script&gt;&lt;b&gt;Q&amp;A&lt;/b&gt;: what if"
                                 "</title>"));
    data = between(page, "<script type=\"application/json\" id=\"mlroi-data\">", "</script>");
    assert_non_null(data);
    assert_null(strchr(data, '<'));
    root = cJSON_Parse(data);   /* \u003c keeps the JSON valid and its value unchanged */
    assert_non_null(root);
    cJSON_Delete(root);
    free(data);
    free(page);
    test_remove_folder(dir);
}

static void same_input_gives_the_same_bytes(void **state)
{
    char dir1[64], dir2[64];
    char *a = write_page(scenario, "Plan", dir1), *b = write_page(scenario, "Plan", dir2);
    (void)state;
    if (a && b)
        assert_string_equal(a, b);
    free(a);
    free(b);
    test_remove_folder(dir1);
    test_remove_folder(dir2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(policy_names_the_pages_own_script_and_style),
        cmocka_unit_test(scenario_is_carried_byte_for_byte_with_its_name),
        cmocka_unit_test(scenario_text_cannot_end_a_script_or_become_markup),
        cmocka_unit_test(same_input_gives_the_same_bytes),
    };
    return cmocka_run_group_tests_name("report_html", tests, NULL, NULL);
}
