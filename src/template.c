/* SPDX-License-Identifier: MIT */
/* Report templates: read and check the JSON that styles a briefing. */
#include "mlroi/template.h"
#include "mlroi/lang.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cjson/cJSON.h>
#include "json_pos.h"
#include "mlroi/datadir.h"

#define TEMPLATE_MAX_SIZE (256u * 1024u)
#define TEMPLATE_MAX_DEPTH 8
#define TEXT_MAX 400

/* Built-in templates, embedded from the templates folder at build time. */
extern const unsigned char mlroi_template_board_json[];
extern const size_t mlroi_template_board_json_len;
extern const unsigned char mlroi_template_consultant_json[];
extern const size_t mlroi_template_consultant_json_len;

const char *const mlroi_template_builtin_names[] = { "board", "consultant", NULL };

static const char *const section_names[MLROI_SECTION_COUNT] = {
    "cover", "summary", "maturity", "business_case", "sensitivity", "team_tco", "governance",
    "appendix"
};

/* Where bare font file names are looked up, in order. */
static const char *const font_dirs[] = {
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype",
    NULL
};

bool mlroi_template_system_font(const char *path)
{
    for (int i = 0; font_dirs[i]; i++) {
        size_t n = strlen(font_dirs[i]);
        if (strncmp(path, font_dirs[i], n) == 0 && path[n] == '/' &&
            strchr(path + n + 1, '/') == NULL && strcmp(path + n + 1, "..") != 0)
            return true;
    }
    return false;
}

/* Everything a check needs to report a problem where it happened. */
typedef struct tload {
    const char *name;
    const char *base_dir;
    json_pos pos;
    mlroi_diags *diags;
    mlroi_error err;
} tload;

const char *mlroi_section_name(mlroi_section s)
{
    if ((int)s < 0 || s >= MLROI_SECTION_COUNT)
        return NULL;
    return section_names[s];
}

void mlroi_template_free(mlroi_template *t)
{
    if (!t)
        return;
    free(t->name);
    free(t->title);
    free(t->subtitle);
    free(t->prepared_by);
    free(t->prepared_for);
    free(t->brand);
    free(t->footer);
    free(t->logo);
    free(t->font_regular);
    free(t->font_bold);
    free(t);
}

/* Record an error at NODE (its value's position when known). Keeps the first code. */
static void fail_at(tload *L, const cJSON *node, mlroi_error code, const char *path,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void fail_at(tload *L, const cJSON *node, mlroi_error code, const char *path,
                    const char *fmt, ...)
{
    char msg[384];
    va_list ap;
    const json_pos_entry *e = node ? json_pos_find(&L->pos, node) : NULL;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    mlroi_diags_add(L->diags, code, L->name, e ? e->line : 0, e ? e->col : 0, path, "%s", msg);
    if (L->err == MLROI_OK)
        L->err = code;
}

/* A short description of what a node holds, for "got ..." in messages. */
static const char *kind_of(const cJSON *v)
{
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsBool(v))
        return "true/false";
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsArray(v))
        return "an array";
    return "an object";
}

static char *dup_text(tload *L, const char *s)
{
    char *d = strdup(s);
    if (!d) {
        mlroi_diags_add(L->diags, MLROI_ERR_NOMEM, L->name, 0, 0, "", "out of memory");
        if (L->err == MLROI_OK)
            L->err = MLROI_ERR_NOMEM;
    }
    return d;
}

/* A free text: a string (or null when allowed). Replaces *dst. */
static void get_text(tload *L, const cJSON *v, const char *path, bool nullable, char **dst)
{
    if (nullable && cJSON_IsNull(v)) {
        free(*dst);
        *dst = NULL;
        return;
    }
    if (!cJSON_IsString(v)) {
        fail_at(L, v, MLROI_ERR_TYPE, path, "expected a string%s, got %s",
                nullable ? " or null" : "", kind_of(v));
        return;
    }
    if (strlen(v->valuestring) > TEXT_MAX) {
        fail_at(L, v, MLROI_ERR_LIMIT, path, "text longer than %d bytes", TEXT_MAX);
        return;
    }
    /* As in scenario names: a control character would print as a blank or a box. */
    for (const unsigned char *p = (const unsigned char *)v->valuestring; *p; p++) {
        /* C1 controls too (U+0080..U+009F, CSI among them): terminal escapes. */
        if (*p < 0x20 || *p == 0x7F || (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)) {
            fail_at(L, v, MLROI_ERR_INVALID, path, "expected text without control characters");
            return;
        }
    }
    free(*dst);
    *dst = dup_text(L, v->valuestring);
}

/* One of a few spellings; returns the index or -1 after reporting. */
static int get_choice(tload *L, const cJSON *v, const char *path, const char *const *choices)
{
    char list[160] = "";
    if (cJSON_IsString(v)) {
        for (int i = 0; choices[i]; i++)
            if (strcmp(v->valuestring, choices[i]) == 0)
                return i;
    }
    for (int i = 0; choices[i]; i++) {
        size_t n = strlen(list);
        snprintf(list + n, sizeof list - n, "%s\"%s\"", i ? (choices[i + 1] ? ", " : " or ") : "",
                 choices[i]);
    }
    if (cJSON_IsString(v))
        fail_at(L, v, MLROI_ERR_INVALID, path, "expected %s, got \"%.60s\"", list,
                v->valuestring);
    else
        fail_at(L, v, MLROI_ERR_TYPE, path, "expected %s, got %s", list, kind_of(v));
    return -1;
}

static int hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* "#RRGGBB" or "#RGB". */
static void get_color(tload *L, const cJSON *v, const char *path, mlroi_rgb *dst)
{
    int d[6];
    size_t n;
    const char *s;

    if (!cJSON_IsString(v)) {
        fail_at(L, v, MLROI_ERR_TYPE, path, "expected a colour such as \"#1B365D\", got %s",
                kind_of(v));
        return;
    }
    s = v->valuestring;
    n = strlen(s);
    if (s[0] != '#' || (n != 7 && n != 4))
        goto bad;
    for (size_t i = 1; i < n; i++) {
        d[i - 1] = hex_digit((unsigned char)s[i]);
        if (d[i - 1] < 0)
            goto bad;
    }
    if (n == 4) {
        dst->r = d[0] * 17 / 255.0;
        dst->g = d[1] * 17 / 255.0;
        dst->b = d[2] * 17 / 255.0;
    } else {
        dst->r = (d[0] * 16 + d[1]) / 255.0;
        dst->g = (d[2] * 16 + d[3]) / 255.0;
        dst->b = (d[4] * 16 + d[5]) / 255.0;
    }
    return;
bad:
    fail_at(L, v, MLROI_ERR_INVALID, path, "expected a colour such as \"#1B365D\", got \"%.40s\"",
            s);
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* PATH relative to DIR unless absolute; malloc'd. */
static char *join_path(const char *dir, const char *path)
{
    size_t n;
    char *out;

    if (path[0] == '/' || !dir || !dir[0] || strcmp(dir, ".") == 0)
        return strdup(path);
    n = strlen(dir) + strlen(path) + 2;
    out = malloc(n);
    if (out)
        snprintf(out, n, "%s/%s", dir, path);
    return out;
}

static bool ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    if (m > n)
        return false;
    for (size_t i = 0; i < m; i++)
        if (tolower((unsigned char)s[n - m + i]) != tolower((unsigned char)suffix[i]))
            return false;
    return true;
}

/* A TrueType file: a bare name is searched in the font folders, a path is taken as given
 * (relative to the template's folder). */
static void get_font(tload *L, const cJSON *v, const char *path, char **dst)
{
    char *found = NULL;
    const char *s;

    if (!cJSON_IsString(v)) {
        fail_at(L, v, MLROI_ERR_TYPE, path,
                "expected a TrueType file name such as \"DejaVuSans.ttf\", got %s", kind_of(v));
        return;
    }
    s = v->valuestring;
    if (!ends_with_ci(s, ".ttf")) {
        fail_at(L, v, MLROI_ERR_INVALID, path, "expected a TrueType file (.ttf), got \"%.80s\"",
                s);
        return;
    }
    if (strchr(s, '/')) {
        found = join_path(L->base_dir, s);
        if (found && !file_exists(found)) {
            fail_at(L, v, MLROI_ERR_IO, path, "font file not found: %.200s", found);
            free(found);
            return;
        }
    } else {
        for (int i = 0; font_dirs[i] && !found; i++) {
            char *cand = join_path(font_dirs[i], s);
            if (cand && file_exists(cand))
                found = cand;
            else
                free(cand);
        }
        if (!found) {
            fail_at(L, v, MLROI_ERR_IO, path,
                    "font \"%.80s\" not found in %s (install fonts-dejavu-core)", s, font_dirs[0]);
            return;
        }
    }
    if (!found) {
        dup_text(L, "");   /* reports out of memory */
        return;
    }
    free(*dst);
    *dst = found;
}

static void get_logo(tload *L, const cJSON *v, const char *path, char **dst)
{
    char *full;

    if (cJSON_IsNull(v)) {
        free(*dst);
        *dst = NULL;
        return;
    }
    if (!cJSON_IsString(v)) {
        fail_at(L, v, MLROI_ERR_TYPE, path, "expected the path of a PNG or JPEG file, or null, "
                "got %s", kind_of(v));
        return;
    }
    if (!ends_with_ci(v->valuestring, ".png") && !ends_with_ci(v->valuestring, ".jpg") &&
        !ends_with_ci(v->valuestring, ".jpeg")) {
        fail_at(L, v, MLROI_ERR_INVALID, path, "expected a .png, .jpg or .jpeg file, got \"%.80s\"",
                v->valuestring);
        return;
    }
    full = join_path(L->base_dir, v->valuestring);
    if (!full) {
        dup_text(L, "");
        return;
    }
    if (!file_exists(full)) {
        fail_at(L, v, MLROI_ERR_IO, path, "logo file not found: %.200s", full);
        free(full);
        return;
    }
    free(*dst);
    *dst = full;
}

/* Every member of OBJ must be one of KEYS. */
static void check_keys(tload *L, const cJSON *obj, const char *prefix, const char *const *keys)
{
    const cJSON *c;
    cJSON_ArrayForEach(c, obj) {
        bool known = false;
        char path[128];
        for (int i = 0; keys[i] && !known; i++)
            known = strcmp(c->string, keys[i]) == 0;
        if (known)
            continue;
        snprintf(path, sizeof path, "%s%s%.60s", prefix, prefix[0] ? "." : "", c->string);
        fail_at(L, c, MLROI_ERR_UNKNOWN_KEY, path, "unknown key");
    }
}

static void get_colors(tload *L, const cJSON *obj, mlroi_template_colors *c)
{
    static const char *const keys[] = { "primary", "accent", "text", "muted", "light",
                                        "positive", "negative", NULL };
    mlroi_rgb *dst[] = { &c->primary, &c->accent, &c->text, &c->muted, &c->light, &c->positive,
                         &c->negative };

    if (!cJSON_IsObject(obj)) {
        fail_at(L, obj, MLROI_ERR_TYPE, "colors", "expected an object of colours, got %s",
                kind_of(obj));
        return;
    }
    check_keys(L, obj, "colors", keys);
    for (int i = 0; keys[i]; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, keys[i]);
        char path[64];
        if (!v)
            continue;
        snprintf(path, sizeof path, "colors.%s", keys[i]);
        get_color(L, v, path, dst[i]);
    }
}

static void get_fonts(tload *L, const cJSON *obj, mlroi_template *t)
{
    static const char *const keys[] = { "regular", "bold", NULL };
    const cJSON *v;

    if (!cJSON_IsObject(obj)) {
        fail_at(L, obj, MLROI_ERR_TYPE, "fonts",
                "expected an object { \"regular\": ..., \"bold\": ... }, got %s", kind_of(obj));
        return;
    }
    check_keys(L, obj, "fonts", keys);
    if ((v = cJSON_GetObjectItemCaseSensitive(obj, "regular")))
        get_font(L, v, "fonts.regular", &t->font_regular);
    if ((v = cJSON_GetObjectItemCaseSensitive(obj, "bold")))
        get_font(L, v, "fonts.bold", &t->font_bold);
}

static int section_by_name(const char *s)
{
    for (int i = 0; i < MLROI_SECTION_COUNT; i++)
        if (strcmp(s, section_names[i]) == 0)
            return i;
    return -1;
}

/* "sections": ["cover", {"id": "maturity", "new_page": true}, ...] */
static void get_sections(tload *L, const cJSON *arr, mlroi_template *t)
{
    static const char *const keys[] = { "id", "new_page", NULL };
    bool seen[MLROI_SECTION_COUNT] = { false };
    const cJSON *item;
    int i = 0;

    if (!cJSON_IsArray(arr)) {
        fail_at(L, arr, MLROI_ERR_TYPE, "sections", "expected an array of section names, got %s",
                kind_of(arr));
        return;
    }
    t->section_count = 0;
    cJSON_ArrayForEach(item, arr) {
        char path[64], sub[80];
        const cJSON *idv = item, *np = NULL;
        int id;

        snprintf(path, sizeof path, "sections[%d]", i++);
        if (cJSON_IsObject(item)) {
            check_keys(L, item, path, keys);
            idv = cJSON_GetObjectItemCaseSensitive(item, "id");
            np = cJSON_GetObjectItemCaseSensitive(item, "new_page");
            if (!idv) {
                fail_at(L, item, MLROI_ERR_MISSING, path, "missing key \"id\"");
                continue;
            }
            snprintf(sub, sizeof sub, "%s.id", path);
        } else {
            snprintf(sub, sizeof sub, "%s", path);
        }
        if (!cJSON_IsString(idv)) {
            fail_at(L, idv, MLROI_ERR_TYPE, sub,
                    "expected a section name such as \"summary\", got %s", kind_of(idv));
            continue;
        }
        id = section_by_name(idv->valuestring);
        if (id < 0) {
            fail_at(L, idv, MLROI_ERR_INVALID, sub,
                    "unknown section \"%.60s\" (known: cover, summary, maturity, business_case, "
                    "sensitivity, team_tco, governance, appendix)", idv->valuestring);
            continue;
        }
        if (seen[id]) {
            fail_at(L, idv, MLROI_ERR_DUPLICATE, sub, "section \"%s\" listed twice",
                    section_names[id]);
            continue;
        }
        seen[id] = true;
        t->sections[t->section_count].id = (mlroi_section)id;
        t->sections[t->section_count].new_page = id != MLROI_SECTION_COVER;
        if (np) {
            snprintf(sub, sizeof sub, "%s.new_page", path);
            if (!cJSON_IsBool(np))
                fail_at(L, np, MLROI_ERR_TYPE, sub, "expected true or false, got %s",
                        kind_of(np));
            else
                t->sections[t->section_count].new_page = cJSON_IsTrue(np);
        }
        t->section_count++;
    }
    if (t->section_count == 0 && L->err == MLROI_OK)
        fail_at(L, arr, MLROI_ERR_INVALID, "sections", "at least one section is needed");
}

/* The defaults a template starts from: every section, A4, a sober palette, DejaVu. */
static void set_defaults(tload *L, mlroi_template *t)
{
    static const mlroi_template_colors palette = {
        { 0.106, 0.212, 0.365 }, { 0.165, 0.478, 0.690 }, { 0.122, 0.137, 0.157 },
        { 0.416, 0.451, 0.490 }, { 0.933, 0.949, 0.965 }, { 0.180, 0.490, 0.196 },
        { 0.698, 0.227, 0.227 }
    };
    t->title = dup_text(L, "MLOps investment briefing");
    t->page_size = MLROI_PAGE_A4;
    t->cover_page = false;
    t->full_appendix = true;
    t->show_platform = true;
    t->show_chargeback = true;
    t->colors = palette;
    for (int i = 0; i < MLROI_SECTION_COUNT; i++) {
        t->sections[i].id = (mlroi_section)i;
        t->sections[i].new_page = i != MLROI_SECTION_COVER;
    }
    t->section_count = MLROI_SECTION_COUNT;
    t->font_regular = dup_text(L, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    t->font_bold = dup_text(L, "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");
}

static void read_root(tload *L, const cJSON *root, mlroi_template *t)
{
    static const char *const keys[] = {
        "format", "name", "title", "subtitle", "page_size", "cover", "appendix", "prepared_by",
        "prepared_for", "brand", "footer", "logo", "fonts", "colors", "sections", "platform",
        "chargeback", "cash_flow", "lang", NULL
    };
    static const char *const sizes[] = { "A4", "Letter", NULL };
    static const char *const covers[] = { "band", "page", NULL };
    static const char *const appendices[] = { "compact", "full", NULL };
    static const char *const cash_flows[] = { "separate", "combined", NULL };
    const cJSON *v;
    int k;

    if (!cJSON_IsObject(root)) {
        fail_at(L, root, MLROI_ERR_TYPE, "", "expected a JSON object, got %s", kind_of(root));
        return;
    }
    check_keys(L, root, "", keys);
    v = cJSON_GetObjectItemCaseSensitive(root, "format");
    if (v && !(cJSON_IsNumber(v) && v->valuedouble == 1))
        fail_at(L, v, MLROI_ERR_INVALID, "format", "expected 1 (the only template format)");
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "name")))
        get_text(L, v, "name", false, &t->name);
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "title")))
        get_text(L, v, "title", false, &t->title);
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "subtitle")))
        get_text(L, v, "subtitle", true, &t->subtitle);
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "prepared_by")))
        get_text(L, v, "prepared_by", true, &t->prepared_by);
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "prepared_for")))
        get_text(L, v, "prepared_for", true, &t->prepared_for);
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "brand")))
        get_text(L, v, "brand", true, &t->brand);
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "footer")))
        get_text(L, v, "footer", true, &t->footer);
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "lang")) &&
        (k = get_choice(L, v, "lang", mlroi_lang_codes)) >= 0)
        t->lang = k;
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "page_size")) &&
        (k = get_choice(L, v, "page_size", sizes)) >= 0)
        t->page_size = (mlroi_page_size)k;
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "cover")) &&
        (k = get_choice(L, v, "cover", covers)) >= 0)
        t->cover_page = k == 1;
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "appendix")) &&
        (k = get_choice(L, v, "appendix", appendices)) >= 0)
        t->full_appendix = k == 1;
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "cash_flow")) &&
        (k = get_choice(L, v, "cash_flow", cash_flows)) >= 0)
        t->combined_cash_flow = k == 1;
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "platform"))) {
        if (cJSON_IsBool(v))
            t->show_platform = cJSON_IsTrue(v);
        else
            fail_at(L, v, MLROI_ERR_TYPE, "platform", "expected true or false, got %s",
                    kind_of(v));
    }
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "chargeback"))) {
        if (cJSON_IsBool(v))
            t->show_chargeback = cJSON_IsTrue(v);
        else
            fail_at(L, v, MLROI_ERR_TYPE, "chargeback", "expected true or false, got %s",
                    kind_of(v));
    }
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "logo")))
        get_logo(L, v, "logo", &t->logo);
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "fonts")))
        get_fonts(L, v, t);
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "colors")))
        get_colors(L, v, &t->colors);
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "sections")))
        get_sections(L, v, t);
}

mlroi_error mlroi_template_load_text(const char *name, const char *base_dir, const char *text,
                                     size_t len, mlroi_template **out, mlroi_diags *diags)
{
    tload L;
    cJSON *root = NULL;
    mlroi_template *t = NULL;
    mlroi_error err;

    *out = NULL;
    memset(&L, 0, sizeof L);
    L.name = name ? name : "template";
    L.base_dir = base_dir ? base_dir : ".";
    L.diags = diags;
    if (len > TEMPLATE_MAX_SIZE) {
        err = mlroi_diags_add(diags, MLROI_ERR_LIMIT, L.name, 0, 0, "",
                              "a template is at most %u bytes", TEMPLATE_MAX_SIZE);
        goto cleanup;
    }
    err = json_pos_parse(&L.pos, L.name, text, len, TEMPLATE_MAX_DEPTH, &root, diags);
    if (err != MLROI_OK)
        goto cleanup;
    t = calloc(1, sizeof *t);
    if (!t) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, L.name, 0, 0, "", "out of memory");
        goto cleanup;
    }
    set_defaults(&L, t);
    read_root(&L, root, t);
    err = L.err;
    if (err == MLROI_OK && !t->name)
        t->name = dup_text(&L, "custom");
    err = L.err;
    if (err == MLROI_OK) {
        *out = t;
        t = NULL;
    }
cleanup:
    mlroi_template_free(t);
    cJSON_Delete(root);
    json_pos_free(&L.pos);
    return err;
}

mlroi_error mlroi_template_load(const char *file, mlroi_template **out, mlroi_diags *diags)
{
    FILE *f = NULL;
    char *text = NULL, *dir = NULL, *slash;
    size_t len = 0;
    long size;
    struct stat st;
    mlroi_error err;

    *out = NULL;
    f = fopen(file, "rb");
    if (!f) {
        err = mlroi_diags_add(diags, MLROI_ERR_IO, file, 0, 0, "", "cannot open the template: %s",
                              strerror(errno));
        goto cleanup;
    }
    /* fopen() opens a folder too; its "size" would then be meaningless. */
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        err = mlroi_diags_add(diags, MLROI_ERR_IO, file, 0, 0, "",
                              "is a directory, not a template file");
        goto cleanup;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        err = mlroi_diags_add(diags, MLROI_ERR_IO, file, 0, 0, "", "cannot read the template");
        goto cleanup;
    }
    if ((unsigned long)size > TEMPLATE_MAX_SIZE) {
        err = mlroi_diags_add(diags, MLROI_ERR_LIMIT, file, 0, 0, "",
                              "a template is at most %u bytes", TEMPLATE_MAX_SIZE);
        goto cleanup;
    }
    text = malloc((size_t)size + 1);
    dir = strdup(file);
    if (!text || !dir) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, file, 0, 0, "", "out of memory");
        goto cleanup;
    }
    len = fread(text, 1, (size_t)size, f);
    if (ferror(f) || len != (size_t)size) {
        err = mlroi_diags_add(diags, MLROI_ERR_IO, file, 0, 0, "", "cannot read the template");
        goto cleanup;
    }
    text[len] = '\0';
    slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    else
        strcpy(dir, ".");
    err = mlroi_template_load_text(file, dir, text, len, out, diags);
cleanup:
    if (f)
        fclose(f);
    free(text);
    free(dir);
    return err;
}

mlroi_error mlroi_template_builtin(const char *name, mlroi_template **out, mlroi_diags *diags)
{
    *out = NULL;
    if (strcmp(name, "board") == 0)
        return mlroi_template_load_text("templates/board.json", ".",
                                        (const char *)mlroi_template_board_json,
                                        mlroi_template_board_json_len, out, diags);
    if (strcmp(name, "consultant") == 0)
        return mlroi_template_load_text("templates/consultant.json", ".",
                                        (const char *)mlroi_template_consultant_json,
                                        mlroi_template_consultant_json_len, out, diags);
    return mlroi_diags_add(diags, MLROI_ERR_INVALID, "--template", 0, 0, "template",
                           "unknown template \"%.80s\": use board, consultant or the path of a "
                           "JSON file", name);
}

mlroi_error mlroi_template_open(const char *name_or_path, mlroi_template **out,
                                mlroi_diags *diags)
{
    mlroi_datadir dd;
    char rel[128], path[MLROI_DATADIR_PATH_MAX];
    mlroi_error err;
    int n;

    if (strchr(name_or_path, '/') || ends_with_ci(name_or_path, ".json"))
        return mlroi_template_load(name_or_path, out, diags);
    /* A template in the data directory replaces the built-in one of the same name. */
    *out = NULL;
    err = mlroi_datadir_find(&dd, diags);
    if (err != MLROI_OK)
        return err;
    n = snprintf(rel, sizeof rel, "templates/%s.json", name_or_path);
    if (n > 0 && (size_t)n < sizeof rel && mlroi_datadir_file(&dd, rel, path, sizeof path))
        return mlroi_template_load(path, out, diags);
    return mlroi_template_builtin(name_or_path, out, diags);
}
