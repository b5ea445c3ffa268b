/* SPDX-License-Identifier: MIT */
/* The what-if page: the page template with its style, its script, the engine and the
 * scenario put inside, under a Content-Security-Policy that allows no network request. */
#include "mlroi/report_html.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "mlroi/report.h"
#include "mlroi/sha256.h"

/* Compiled in from templates/whatif.* and the engine module (Makefile: page data). The
 * module's base64 text is empty in a build without the WebAssembly toolchain. */
extern const unsigned char mlroi_page_html[], mlroi_page_css[], mlroi_page_engine_js[],
    mlroi_page_js[], mlroi_page_wasm_b64[];
extern const size_t mlroi_page_html_len, mlroi_page_css_len, mlroi_page_engine_js_len,
    mlroi_page_js_len, mlroi_page_wasm_b64_len;

bool mlroi_page_engine_available(void)
{
    return mlroi_page_wasm_b64_len > 0;
}

/* A growing text. */
typedef struct buf {
    char *p;
    size_t len, cap;
    bool nomem;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->nomem)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        char *p;
        while (cap < b->len + n + 1)
            cap *= 2;
        p = realloc(b->p, cap);
        if (!p) {
            b->nomem = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void puts_(buf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void put_base64(buf *b, const unsigned char *data, size_t n)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)data[i] << 16;
        char out[4];
        if (i + 1 < n)
            v |= (unsigned)data[i + 1] << 8;
        if (i + 2 < n)
            v |= data[i + 2];
        out[0] = digits[(v >> 18) & 63];
        out[1] = digits[(v >> 12) & 63];
        out[2] = i + 1 < n ? digits[(v >> 6) & 63] : '=';
        out[3] = i + 2 < n ? digits[v & 63] : '=';
        put(b, out, 4);
    }
}

/* 'sha256-...' of TEXT, the form a Content-Security-Policy names an inline script or style by. */
static void put_csp_hash(buf *b, const char *text, size_t n)
{
    unsigned char digest[32];
    mlroi_sha256(text, n, digest);
    puts_(b, "'sha256-");
    put_base64(b, digest, sizeof digest);
    puts_(b, "'");
}

/* TEXT with the characters HTML gives a meaning to written as references. */
static void put_html_text(buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': puts_(b, "&amp;"); break;
        case '<': puts_(b, "&lt;"); break;
        case '>': puts_(b, "&gt;"); break;
        case '"': puts_(b, "&quot;"); break;
        default: put(b, s, 1);
        }
    }
}

/* The page's data as JSON inside a <script> element: '<' only occurs inside JSON strings, so
 * writing it \u003c keeps "</script>" out without changing the value. */
static void put_script_json(buf *b, const char *json)
{
    for (; *json; json++) {
        if (*json == '<')
            puts_(b, "\\u003c");
        else
            put(b, json, 1);
    }
}

static char *page_data(const mlroi_page_input *in)
{
    cJSON *root = cJSON_CreateObject(), *set;
    buf enc = { 0 };
    char *text = NULL;
    if (!root)
        return NULL;
    cJSON_AddStringToObject(root, "name", in->name);
    cJSON_AddStringToObject(root, "title", in->title ? in->title : "");
    cJSON_AddStringToObject(root, "organization", in->organization ? in->organization : "");
    put_base64(&enc, (const unsigned char *)in->text, in->len);
    cJSON_AddStringToObject(root, "scenario", enc.p ? enc.p : "");
    set = cJSON_AddArrayToObject(root, "set");
    for (size_t i = 0; set && i < in->override_count; i++) {
        cJSON *o = cJSON_CreateArray();
        cJSON_AddItemToArray(o, cJSON_CreateString(in->overrides[i].path));
        cJSON_AddItemToArray(o, cJSON_CreateString(in->overrides[i].value));
        cJSON_AddItemToArray(set, o);
    }
    if (!enc.nomem)
        text = cJSON_PrintUnformatted(root);
    free(enc.p);
    cJSON_Delete(root);
    return text;
}

typedef struct page_job {
    const char *text;
    size_t len;
} page_job;

static mlroi_error write_page(void *ctx, const char *tmp, mlroi_diags *diags)
{
    const page_job *job = ctx;
    FILE *f = fopen(tmp, "wb");
    bool ok;
    int why;
    if (!f)
        return mlroi_diags_add(diags, MLROI_ERR_IO, tmp, 0, 0, "", "cannot write: %s",
                               strerror(errno));
    errno = 0;
    ok = fwrite(job->text, 1, job->len, f) == job->len;
    ok = !ferror(f) && ok;
    why = errno;
    if (fclose(f) != 0 && ok) {
        ok = false;
        why = errno;
    }
    return ok ? MLROI_OK : mlroi_diags_add(diags, MLROI_ERR_IO, tmp, 0, 0, "", "write error: %s",
                                           why ? strerror(why) : "the file could not be written");
}

mlroi_error mlroi_report_write_html(const mlroi_page_input *in, const char *path,
                                    mlroi_diags *diags)
{
    buf page = { 0 }, script = { 0 };
    const char *tpl = (const char *)mlroi_page_html, *at;
    char *data = NULL;
    mlroi_error err = MLROI_OK;

    if (!mlroi_page_engine_available())
        return mlroi_diags_add(diags, MLROI_ERR_MISSING, path, 0, 0, "",
                               "this build of mlroi has no page engine (it was built without "
                               "clang's WebAssembly target and wasi-libc), so it cannot "
                               "write the what-if page");
    data = page_data(in);
    put(&script, (const char *)mlroi_page_engine_js, mlroi_page_engine_js_len);
    put(&script, (const char *)mlroi_page_js, mlroi_page_js_len);
    if (data == NULL || script.nomem) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, path, 0, 0, "", "out of memory");
        goto cleanup;
    }
    /* The template names each part @NAME@ (the title twice). */
    while ((at = strchr(tpl, '@')) != NULL) {
        const char *end = strchr(at + 1, '@');
        size_t n;
        put(&page, tpl, (size_t)(at - tpl));
        if (!end) {
            tpl = at;
            break;
        }
        n = (size_t)(end - at - 1);
        if (n == 3 && memcmp(at + 1, "CSP", 3) == 0) {
            /* Nothing may be fetched: no default source, the one script and the one style
             * named by their hashes, WebAssembly compiled from the bytes the page holds. */
            puts_(&page, "default-src 'none'; script-src ");
            put_csp_hash(&page, script.p, script.len);
            puts_(&page, " 'wasm-unsafe-eval'; style-src ");
            put_csp_hash(&page, (const char *)mlroi_page_css, mlroi_page_css_len);
            puts_(&page, "; img-src data:; base-uri 'none'; form-action 'none'");
        } else if (n == 5 && memcmp(at + 1, "TITLE", 5) == 0) {
            put_html_text(&page, in->title && *in->title ? in->title : in->name);
        } else if (n == 3 && memcmp(at + 1, "ORG", 3) == 0) {
            /* Written here rather than by the script: the header has its height at once. */
            put_html_text(&page, in->organization ? in->organization : "");
        } else if (n == 3 && memcmp(at + 1, "CSS", 3) == 0) {
            put(&page, (const char *)mlroi_page_css, mlroi_page_css_len);
        } else if (n == 2 && memcmp(at + 1, "JS", 2) == 0) {
            put(&page, script.p, script.len);
        } else if (n == 4 && memcmp(at + 1, "DATA", 4) == 0) {
            put_script_json(&page, data);
        } else if (n == 6 && memcmp(at + 1, "ENGINE", 6) == 0) {
            put(&page, (const char *)mlroi_page_wasm_b64, mlroi_page_wasm_b64_len);
        } else {
            put(&page, at, 1);   /* a lone '@': text, not a part */
            tpl = at + 1;
            continue;
        }
        tpl = end + 1;
    }
    puts_(&page, tpl);
    if (page.nomem) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, path, 0, 0, "", "out of memory");
        goto cleanup;
    }
    {
        page_job job = { page.p, page.len };
        err = mlroi_write_atomic(path, write_page, &job, diags);
    }
cleanup:
    free(data);
    free(page.p);
    free(script.p);
    return err;
}
