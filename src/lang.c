/* SPDX-License-Identifier: MIT */
/* The documents' languages: translations looked up by their English text, number marks. */
#include "mlroi/lang.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "mlroi/format.h"

/* The language files, compiled in (the JSON files under templates/lang, see the Makefile). */
extern const unsigned char mlroi_lang_fr_json[];
extern const size_t mlroi_lang_fr_json_len;
extern const unsigned char mlroi_lang_de_json[];
extern const size_t mlroi_lang_de_json_len;

const char *const mlroi_lang_codes[] = { "en", "fr", "de", NULL };

typedef struct lang_pair {
    char *en, *text;
} lang_pair;

struct mlroi_lang {
    char code[8];
    char group[8], decimal[8], unit_space[8];
    bool currency_after;
    char *months[12];
    lang_pair *pairs;        /* sorted by en */
    size_t count;
};

static const char *const english_months[12] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"
};

static int pair_cmp(const void *a, const void *b)
{
    return strcmp(((const lang_pair *)a)->en, ((const lang_pair *)b)->en);
}

static char *dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

void mlroi_lang_free(mlroi_lang *l)
{
    if (!l)
        return;
    for (int i = 0; i < 12; i++)
        free(l->months[i]);
    for (size_t i = 0; i < l->count; i++) {
        free(l->pairs[i].en);
        free(l->pairs[i].text);
    }
    free(l->pairs);
    free(l);
}

/* A short mark ("," or a no-break space) from KEY of ROOT into OUT. */
static bool get_mark(const cJSON *root, const char *key, char *out, size_t size)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);
    if (!cJSON_IsString(v) || strlen(v->valuestring) >= size)
        return false;
    memcpy(out, v->valuestring, strlen(v->valuestring) + 1);
    return true;
}

mlroi_error mlroi_lang_load_text(const char *name, const char *text, mlroi_lang **out,
                                 mlroi_diags *diags)
{
    cJSON *root = cJSON_ParseWithOpts(text, NULL, 1);
    const cJSON *code, *months, *strings, *after, *item;
    mlroi_lang *l = calloc(1, sizeof *l);
    mlroi_error err = MLROI_OK;
    size_t n = 0;

    *out = NULL;
    if (!root || !l) {
        err = mlroi_diags_add(diags, root ? MLROI_ERR_NOMEM : MLROI_ERR_INVALID, name, 0, 0, "",
                              root ? "out of memory" : "not a valid JSON language file");
        goto fail;
    }
    code = cJSON_GetObjectItemCaseSensitive(root, "lang");
    months = cJSON_GetObjectItemCaseSensitive(root, "months");
    strings = cJSON_GetObjectItemCaseSensitive(root, "strings");
    after = cJSON_GetObjectItemCaseSensitive(root, "currency_after");
    if (!cJSON_IsString(code) || strlen(code->valuestring) >= sizeof l->code ||
        !get_mark(root, "group", l->group, sizeof l->group) ||
        !get_mark(root, "decimal", l->decimal, sizeof l->decimal) ||
        !get_mark(root, "unit_space", l->unit_space, sizeof l->unit_space) ||
        !cJSON_IsBool(after) || !cJSON_IsArray(months) || cJSON_GetArraySize(months) != 12 ||
        !cJSON_IsObject(strings)) {
        err = mlroi_diags_add(diags, MLROI_ERR_INVALID, name, 0, 0, "",
                              "a language file needs lang, group, decimal, unit_space, "
                              "currency_after, 12 months and strings");
        goto fail;
    }
    memcpy(l->code, code->valuestring, strlen(code->valuestring) + 1);
    l->currency_after = cJSON_IsTrue(after);
    for (int i = 0; i < 12; i++) {
        item = cJSON_GetArrayItem(months, i);
        if (!cJSON_IsString(item) || !(l->months[i] = dup(item->valuestring))) {
            err = mlroi_diags_add(diags, MLROI_ERR_INVALID, name, 0, 0, "months",
                                  "month %d is not a text", i + 1);
            goto fail;
        }
    }
    cJSON_ArrayForEach(item, strings)
        n++;
    l->pairs = calloc(n ? n : 1, sizeof *l->pairs);
    if (!l->pairs) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, name, 0, 0, "", "out of memory");
        goto fail;
    }
    cJSON_ArrayForEach(item, strings) {
        if (!cJSON_IsString(item)) {
            err = mlroi_diags_add(diags, MLROI_ERR_INVALID, name, 0, 0, "strings",
                                  "the translation of \"%.60s\" is not a text", item->string);
            goto fail;
        }
        l->pairs[l->count].en = dup(item->string);
        l->pairs[l->count].text = dup(item->valuestring);
        if (!l->pairs[l->count].en || !l->pairs[l->count].text) {
            free(l->pairs[l->count].en);
            free(l->pairs[l->count].text);
            err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, name, 0, 0, "", "out of memory");
            goto fail;
        }
        l->count++;
    }
    qsort(l->pairs, l->count, sizeof *l->pairs, pair_cmp);
    cJSON_Delete(root);
    *out = l;
    return MLROI_OK;
fail:
    cJSON_Delete(root);
    mlroi_lang_free(l);
    return err;
}

mlroi_error mlroi_lang_builtin(const char *code, mlroi_lang **out, mlroi_diags *diags)
{
    *out = NULL;
    if (!code || strcmp(code, "en") == 0) {
        mlroi_lang *l = calloc(1, sizeof *l);
        if (!l)
            return mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "", "out of memory");
        memcpy(l->code, "en", 3);
        memcpy(l->group, ",", 2);
        memcpy(l->decimal, ".", 2);
        *out = l;
        return MLROI_OK;
    }
    if (strcmp(code, "fr") == 0)
        return mlroi_lang_load_text("templates/lang/fr.json", (const char *)mlroi_lang_fr_json,
                                    out, diags);
    if (strcmp(code, "de") == 0)
        return mlroi_lang_load_text("templates/lang/de.json", (const char *)mlroi_lang_de_json,
                                    out, diags);
    return mlroi_diags_add(diags, MLROI_ERR_INVALID, "", 0, 0, "lang",
                           "unknown language \"%.16s\": en, fr or de", code);
}

const char *mlroi_lang_code(const mlroi_lang *l)
{
    return l ? l->code : "en";
}

size_t mlroi_lang_count(const mlroi_lang *l)
{
    return l ? l->count : 0;
}

const char *mlroi_lang_text(const mlroi_lang *l, const char *en)
{
    lang_pair key, *hit;
    if (!l || l->count == 0 || !en)
        return en;
    key.en = (char *)en;
    key.text = NULL;
    hit = bsearch(&key, l->pairs, l->count, sizeof *l->pairs, pair_cmp);
    return hit ? hit->text : en;
}

char *mlroi_lang_money(const mlroi_lang *l, char *buf, size_t size, double v,
                       const char *currency, int decimals)
{
    char digits[96];
    const char *sym;

    if (!l || !l->currency_after)
        return decimals ? mlroi_fmt_money_cents(buf, size, v, currency)
                        : mlroi_fmt_money(buf, size, v, currency);
    mlroi_fmt_number(digits, sizeof digits, fabs(v), decimals);
    mlroi_lang_number(l, digits, sizeof digits);
    sym = mlroi_currency_symbol(currency);
    snprintf(buf, size, "%s%s\u00a0%s", v < 0 && strpbrk(digits, "123456789") ? "-" : "",
             digits, sym ? sym : currency);
    return buf;
}

char *mlroi_lang_number(const mlroi_lang *l, char *buf, size_t size)
{
    char out[128];
    size_t o = 0, n = strlen(buf);

    if (!l || (strcmp(l->group, ",") == 0 && strcmp(l->decimal, ".") == 0) || size == 0)
        return buf;
    for (size_t i = 0; i < n && o + 8 < sizeof out; i++) {
        /* Only marks between two digits are a number's: "n/a" and "1.0e+47" keep theirs
         * apart from the decimal point. */
        bool between = i > 0 && i + 1 < n && buf[i - 1] >= '0' && buf[i - 1] <= '9' &&
                       buf[i + 1] >= '0' && buf[i + 1] <= '9';
        const char *mark = NULL;
        if (between && buf[i] == ',')
            mark = l->group;
        else if (between && buf[i] == '.')
            mark = l->decimal;
        if (mark) {
            for (const char *m = mark; *m; m++)
                out[o++] = *m;
        } else {
            out[o++] = buf[i];
        }
    }
    out[o] = '\0';
    if (o + 1 > size) {
        /* Cut at a character boundary. */
        o = size - 1;
        while (o > 0 && ((unsigned char)out[o] & 0xC0) == 0x80)
            o--;
        out[o] = '\0';
    }
    memcpy(buf, out, o + 1);
    return buf;
}

const char *mlroi_lang_unit_space(const mlroi_lang *l)
{
    return l ? l->unit_space : "";
}

bool mlroi_lang_currency_after(const mlroi_lang *l)
{
    return l && l->currency_after;
}

const char *mlroi_lang_month(const mlroi_lang *l, int m)
{
    if (m < 1 || m > 12)
        return "";
    return l && l->months[m - 1] ? l->months[m - 1] : english_months[m - 1];
}
