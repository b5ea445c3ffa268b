/* SPDX-License-Identifier: MIT */
/* Drawing layer of the PDF briefing: fonts with known coverage, safe text, pages and tables. */
#include "pdf_draw.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_GAP 62.0f      /* from the top edge to the content */
#define FOOTER_GAP 52.0f      /* from the bottom edge to the content */
#define MARGIN 50.0f
#define ELLIPSIS "\xE2\x80\xA6"

const mlroi_rgb pdf_white = { 1.0, 1.0, 1.0 };

/* libharu reports errors through a callback; keep the first one and carry on, the caller
 * checks once at the end (every later call on a failed document is harmless). */
static void on_hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
    pdf_doc *pd = user;
    if (pd->hpdf_error == 0) {
        pd->hpdf_error = error;
        pd->hpdf_detail = detail;
        pd->hpdf_errno = errno;
    }
}

const char *pdf_error_reason(const pdf_doc *pd, char *buf, size_t size)
{
    HPDF_STATUS e = pd->hpdf_error, d = pd->hpdf_detail;
    /* A stream error carries the file's error as its detail (a compressed stream that could
     * not be written is HPDF_ZLIB_ERROR with detail HPDF_FILE_IO_ERROR). */
    if (e == HPDF_FILE_IO_ERROR || d == HPDF_FILE_IO_ERROR)
        snprintf(buf, size, "write error: %s",
                 pd->hpdf_errno ? strerror(pd->hpdf_errno) : "the file could not be written");
    else if (e == HPDF_FILE_OPEN_ERROR || d == HPDF_FILE_OPEN_ERROR)
        snprintf(buf, size, "cannot open: %s",
                 pd->hpdf_errno ? strerror(pd->hpdf_errno) : "the file could not be opened");
    else if (e == HPDF_FAILD_TO_ALLOC_MEM || d == HPDF_FAILD_TO_ALLOC_MEM)
        snprintf(buf, size, "out of memory");
    else
        snprintf(buf, size, "the PDF library failed (libharu error 0x%04X, detail %u)",
                 (unsigned)e, (unsigned)d);
    return buf;
}

/* ---------------------------------------------------------------- font coverage */

static unsigned rd16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static unsigned long rd32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

static void set_bit(uint8_t *map, unsigned cp)
{
    map[cp >> 3] |= (uint8_t)(1u << (cp & 7));
}

static bool has_bit(const uint8_t *map, unsigned cp)
{
    return cp < 65536 && (map[cp >> 3] >> (cp & 7)) & 1;
}

/* ---------------------------------------------------------------- single-byte text */

/* The faces are embedded with the CP1252 (WinAnsi) encoding, not libharu's UTF-8 one: for
 * UTF-8 libharu 2.3.0 writes a CID-keyed /ToUnicode CMap ("begincidrange"), which poppler
 * rejects and which leaves copy-paste and screen readers guessing. WinAnsiEncoding is known to
 * every reader, so the text layer is exactly what is drawn. It covers English, French and
 * German, the euro, pound and yen; what it lacks is spelled with what it has (below). */
static const uint16_t cp1252_high[32] = {   /* 0x80..0x9F; 0 = undefined */
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

/* The CP1252 byte of code point CP, or -1 when it has none. */
static int cp1252_byte(unsigned long cp)
{
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
        return (int)cp;
    for (int i = 0; i < 32; i++)
        if (cp1252_high[i] && cp1252_high[i] == cp)
            return 0x80 + i;
    return -1;
}

/* Spellings for characters outside CP1252 that texts, formulas and currencies use. */
static const struct { uint16_t cp; const char *as; } substitutes[] = {
    { 0x2212, "-" },      /* minus sign */
    { 0x2010, "-" }, { 0x2011, "-" },   /* hyphen, non-breaking hyphen */
    { 0x2012, "\xE2\x80\x93" },       /* figure dash: en dash */
    { 0x2015, "\xE2\x80\x94" },       /* horizontal bar: em dash */
    { 0x202F, "\xC2\xA0" },           /* narrow no-break space (French) */
    { 0x2007, "\xC2\xA0" },           /* figure space */
    { 0x2009, " " }, { 0x200A, " " }, { 0x2002, " " }, { 0x2003, " " },
    { 0x200B, "" }, { 0xFEFF, "" },     /* zero-width space, BOM */
    { 0x2264, "<=" }, { 0x2265, ">=" }, { 0x2260, "!=" }, { 0x2248, "~" },
    { 0x2192, "->" }, { 0x2190, "<-" }, { 0x2032, "'" }, { 0x2033, "\"" },
    { 0x03A3, "sum " }, { 0x2211, "sum " },
    { 0x2308, "ceil(" }, { 0x2309, ")" },
    { 0x20B9, "INR " },                 /* rupee sign */
    { 0x2215, "/" }, { 0x2044, "/" },
    { 0x2153, "1/3" }, { 0x2154, "2/3" },
    { 0x2713, "yes" }, { 0x2717, "no" },
};

static const char *substitute(unsigned long cp)
{
    for (size_t i = 0; i < sizeof substitutes / sizeof substitutes[0]; i++)
        if (substitutes[i].cp == cp)
            return substitutes[i].as;
    return NULL;
}

/* Mark every BMP code point that the font's Unicode (format 4) cmap maps to a real glyph.
 * libharu draws TrueType text through that same subtable, so what it lists is what we can
 * draw; anything else would come out as an empty box. */
static bool read_coverage(const unsigned char *f, size_t n, uint8_t *map)
{
    unsigned ntables, nsub;
    unsigned long cmap = 0, cmap_len = 0, sub = 0;

    if (n < 12)
        return false;
    ntables = rd16(f + 4);
    for (unsigned i = 0; i < ntables; i++) {
        const unsigned char *r = f + 12 + 16 * i;
        if ((size_t)(r - f) + 16 > n)
            return false;
        if (memcmp(r, "cmap", 4) == 0) {
            cmap = rd32(r + 8);
            cmap_len = rd32(r + 12);
        }
    }
    if (!cmap || cmap + cmap_len > n || cmap_len < 4)
        return false;
    nsub = rd16(f + cmap + 2);
    for (unsigned i = 0; i < nsub && !sub; i++) {
        const unsigned char *r = f + cmap + 4 + 8 * i;
        unsigned long off;
        if ((unsigned long)(r - f) + 8 > cmap + cmap_len)
            return false;
        off = cmap + rd32(r + 4);
        if ((rd16(r) == 3 && rd16(r + 2) == 1) || rd16(r) == 0) {
            if (off + 14 <= n && rd16(f + off) == 4)
                sub = off;
        }
    }
    if (!sub)
        return false;
    {
        const unsigned char *t = f + sub;
        unsigned long len = rd16(t + 2);
        unsigned segs = rd16(t + 6) / 2;
        const unsigned char *end_c = t + 14, *start_c = end_c + 2 * segs + 2;
        const unsigned char *delta = start_c + 2 * segs, *range = delta + 2 * segs;

        if (sub + len > n || 16 + 8ul * segs > len)
            return false;
        for (unsigned s = 0; s < segs; s++) {
            unsigned lo = rd16(start_c + 2 * s), hi = rd16(end_c + 2 * s);
            unsigned d = rd16(delta + 2 * s), ro = rd16(range + 2 * s);
            for (unsigned c = lo; c <= hi && c < 0xFFFF; c++) {
                unsigned g;
                if (ro == 0) {
                    g = (c + d) & 0xFFFF;
                } else {
                    const unsigned char *gp = range + 2 * s + ro + 2 * (c - lo);
                    if ((unsigned long)(gp - f) + 2 > sub + len)
                        break;
                    g = rd16(gp);
                    if (g)
                        g = (g + d) & 0xFFFF;
                }
                if (g)
                    set_bit(map, c);
            }
        }
    }
    return true;
}

static mlroi_error load_face(pdf_doc *pd, pdf_face which, const char *path, const char *key,
                             mlroi_diags *diags)
{
    FILE *f = NULL;
    unsigned char *data = NULL;
    long size;
    const char *name;
    mlroi_error err = MLROI_OK;
    pdf_font *pf = &pd->face[which];

    pf->covered = calloc(65536 / 8, 1);
    if (!pf->covered) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, key, "out of memory");
        goto cleanup;
    }
    f = fopen(path, "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) != 0) {
        err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, key, "cannot read the font: %s",
                              f ? "unreadable file" : strerror(errno));
        goto cleanup;
    }
    data = malloc((size_t)size);
    if (!data) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, path, 0, 0, key, "out of memory");
        goto cleanup;
    }
    if (fread(data, 1, (size_t)size, f) != (size_t)size ||
        !read_coverage(data, (size_t)size, pf->covered)) {
        err = mlroi_diags_add(diags, MLROI_ERR_INVALID, path, 0, 0, key,
                              "not a TrueType font with a Unicode character map");
        goto cleanup;
    }
    name = HPDF_LoadTTFontFromFile(pd->doc, path, HPDF_TRUE);
    pf->font = name ? HPDF_GetFont(pd->doc, name, "CP1252") : NULL;
    if (!pf->font) {
        err = mlroi_diags_add(diags, MLROI_ERR_INVALID, path, 0, 0, key,
                              "the PDF library cannot embed this font (error 0x%04X)",
                              (unsigned)pd->hpdf_error);
        goto cleanup;
    }
    pf->fallback = '?';   /* U+FFFD has no CP1252 byte */
cleanup:
    if (f)
        fclose(f);
    free(data);
    return err;
}

/* ---------------------------------------------------------------- document */

static HPDF_Date date_of(const char *ymd)
{
    HPDF_Date d;
    int y = 2000, m = 1, day = 1;
    memset(&d, 0, sizeof d);
    if (ymd && sscanf(ymd, "%4d-%2d-%2d", &y, &m, &day) != 3) {
        y = 2000;
        m = 1;
        day = 1;
    }
    d.year = y;
    d.month = m;
    d.day = day;
    d.ind = 'Z';
    return d;
}

mlroi_error pdf_open(pdf_doc *pd, const mlroi_template *tpl, mlroi_diags *diags)
{
    mlroi_error err;

    memset(pd, 0, sizeof *pd);
    pd->tpl = tpl;
    pd->doc = HPDF_New(on_hpdf_error, pd);
    if (!pd->doc)
        return mlroi_diags_add(diags, MLROI_ERR_NOMEM, "", 0, 0, "", "out of memory");
    HPDF_SetCompressionMode(pd->doc, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pd->doc);
    HPDF_SetCurrentEncoder(pd->doc, "UTF-8");
    err = load_face(pd, PDF_REGULAR, tpl->font_regular, "fonts.regular", diags);
    if (err == MLROI_OK)
        err = load_face(pd, PDF_BOLD, tpl->font_bold, "fonts.bold", diags);
    /* libharu hands a malformed PNG to libpng, which aborts: check the logo first. */
    if (err == MLROI_OK && tpl->logo)
        err = mlroi_logo_check(tpl->logo, diags);
    if (err == MLROI_OK && tpl->logo) {
        size_t n = strlen(tpl->logo);
        bool png = n >= 4 && (strcmp(tpl->logo + n - 4, ".png") == 0 ||
                              strcmp(tpl->logo + n - 4, ".PNG") == 0);
        pd->logo = png ? HPDF_LoadPngImageFromFile(pd->doc, tpl->logo)
                       : HPDF_LoadJpegImageFromFile(pd->doc, tpl->logo);
        if (!pd->logo)
            err = mlroi_diags_add(diags, MLROI_ERR_INVALID, tpl->logo, 0, 0, "logo",
                                  "cannot read the logo as %s (error 0x%04X)",
                                  png ? "PNG" : "JPEG", (unsigned)pd->hpdf_error);
    }
    if (tpl->page_size == MLROI_PAGE_LETTER) {
        pd->pw = 612.0f;
        pd->ph = 792.0f;
    } else {
        pd->pw = 595.276f;
        pd->ph = 841.89f;
    }
    pd->x0 = tpl->full_appendix ? MARGIN : MARGIN - 8.0f;
    pd->x1 = pd->pw - pd->x0;
    /* The board briefing (concise appendix) uses a little more of each page. */
    pd->ytop = pd->ph - (tpl->full_appendix ? HEADER_GAP : HEADER_GAP - 6.0f);
    pd->ybottom = tpl->full_appendix ? FOOTER_GAP : FOOTER_GAP - 6.0f;
    /* US Letter is 50 points shorter than A4: the concise briefing takes a little more of it. */
    if (!tpl->full_appendix && pd->ph < 800.0f) {
        pd->ytop += 3.0f;
        pd->ybottom -= 4.0f;
    }
    pd->y = pd->ytop;
    /* US Letter is 50 points shorter than A4, and the board briefing (the concise appendix)
     * holds to five pages: tighten the rhythm rather than spill a page. */
    if (!tpl->full_appendix) {
        pd->row_factor = pd->ph < 800.0f ? 1.5f : 1.62f;
        pd->lead_factor = 1.32f;
    } else if (pd->ph < 800.0f) {
        pd->row_factor = 1.72f;
        pd->lead_factor = 1.36f;
    } else {
        pd->row_factor = 1.85f;
        pd->lead_factor = 1.42f;
    }
    return err;
}

void pdf_close(pdf_doc *pd)
{
    if (pd->doc)
        HPDF_Free(pd->doc);
    free(pd->face[0].covered);
    free(pd->face[1].covered);
    memset(pd, 0, sizeof *pd);
}

void pdf_set_dates(pdf_doc *pd, const char *ymd)
{
    HPDF_Date d = date_of(ymd);
    HPDF_SetInfoDateAttr(pd->doc, HPDF_INFO_CREATION_DATE, d);
    HPDF_SetInfoDateAttr(pd->doc, HPDF_INFO_MOD_DATE, d);
}

bool pdf_new_page(pdf_doc *pd)
{
    const mlroi_template *t = pd->tpl;
    int i = pd->page_count;

    if (i >= PDF_MAX_PAGES)
        return false;
    pd->page = HPDF_AddPage(pd->doc);
    HPDF_Page_SetSize(pd->page, t->page_size == MLROI_PAGE_LETTER ? HPDF_PAGE_SIZE_LETTER
                                                                   : HPDF_PAGE_SIZE_A4,
                      HPDF_PAGE_PORTRAIT);
    pd->pages[i] = pd->page;
    snprintf(pd->page_running[i], sizeof pd->page_running[i], "%s", pd->running);
    pd->page_bare[i] = pd->bare_next;
    if (i == 0)
        pd->bare_first = pd->bare_next && t->cover_page;
    pd->bare_next = false;
    pd->page_count++;
    pd->y = pd->ytop;
    pd->page_fresh = true;
    return true;
}

void pdf_logo_size(const pdf_doc *pd, float h, float max_w, float *w_out, float *h_out)
{
    float w = h * (float)HPDF_Image_GetWidth(pd->logo) /
              (float)fmax(1, HPDF_Image_GetHeight(pd->logo));

    if (w > max_w) {
        h *= max_w / w;
        w = max_w;
    }
    *w_out = w;
    *h_out = h;
}

/* Running header: logo and brand (or title) on the left, the section on the right. */
static void draw_header(pdf_doc *pd, const char *running)
{
    const mlroi_template *t = pd->tpl;
    float top = pd->ph - 34.0f, x = pd->x0;
    float left_w = (pd->x1 - pd->x0) * 0.6f;

    if (pd->logo) {
        float iw, ih;
        pdf_logo_size(pd, 16.0f, 80.0f, &iw, &ih);
        HPDF_Page_DrawImage(pd->page, pd->logo, x, top - 4.0f, iw, ih);
        x += iw + 6.0f;
    }
    pdf_fit(pd, PDF_BOLD, 8.5f, 6.5f, t->colors.primary, x, top, left_w - (x - pd->x0), PDF_LEFT,
            t->brand ? t->brand : (pd->doc_title ? pd->doc_title : t->title));
    if (running[0])
        pdf_fit(pd, PDF_REGULAR, 8.5f, 6.5f, t->colors.muted, pd->x1, top,
                (pd->x1 - pd->x0) - left_w - 10.0f, PDF_RIGHT, running);
    pdf_line(pd, pd->x0, top - 8.0f, pd->x1, top - 8.0f, 0.6f,
             pdf_mix(t->colors.primary, pdf_white, 0.5), false);
}

void pdf_need(pdf_doc *pd, float h)
{
    if (!pd->page || (pd->y - h < pd->ybottom && !pd->page_fresh))
        pdf_new_page(pd);
}

void pdf_finish_pages(pdf_doc *pd, const char *date)
{
    const mlroi_template *t = pd->tpl;
    char buf[96];

    for (int i = 0; i < pd->page_count; i++) {
        HPDF_Page saved = pd->page;
        float y = 30.0f;
        pd->page = pd->pages[i];
        if (!pd->page_bare[i])
            draw_header(pd, pd->page_running[i]);
        if (i == 0 && pd->bare_first) {
            pd->page = saved;
            continue;
        }
        pdf_line(pd, pd->x0, y + 11.0f, pd->x1, y + 11.0f, 0.4f,
                 pdf_mix(t->colors.muted, pdf_white, 0.6), false);
        snprintf(buf, sizeof buf, "%s  ·  %s %d %s %d", date ? date : "",
                 pd->page_word ? pd->page_word : "page", i + 1,
                 pd->of_word ? pd->of_word : "of", pd->page_count);
        pdf_text(pd, PDF_REGULAR, 7.5f, t->colors.muted, pd->x1, y, PDF_RIGHT, buf);
        if (pd->footer) {
            float w = pdf_width(pd, PDF_REGULAR, 7.5f, buf);
            pdf_fit(pd, PDF_REGULAR, 7.5f, 6.0f, t->colors.muted, pd->x0, y,
                    pd->x1 - pd->x0 - w - 16.0f, PDF_LEFT, pd->footer);
        }
        pd->page = saved;
    }
}

/* ---------------------------------------------------------------- colour */

mlroi_rgb pdf_mix(mlroi_rgb a, mlroi_rgb b, double t)
{
    mlroi_rgb c = { a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t };
    return c;
}

void pdf_fill(pdf_doc *pd, mlroi_rgb c)
{
    HPDF_Page_SetRGBFill(pd->page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
}

void pdf_stroke(pdf_doc *pd, mlroi_rgb c)
{
    HPDF_Page_SetRGBStroke(pd->page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
}

/* ---------------------------------------------------------------- text */

/* Decode one UTF-8 sequence strictly; returns its length, or 0 when invalid (then *cp is
 * meaningless and one byte should be skipped). */
static size_t utf8_decode(const unsigned char *s, unsigned long *cp)
{
    unsigned long c;
    size_t n;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        c = s[0] & 0x1Fu;
        n = 2;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        c = s[0] & 0x0Fu;
        n = 3;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        c = s[0] & 0x07u;
        n = 4;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = c << 6 | (s[i] & 0x3Fu);
    }
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

static size_t utf8_encode(unsigned long c, char *out)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | (c >> 12));
    out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[2] = (char)(0x80 | (c & 0x3F));
    return 3;
}

void pdf_clean(const pdf_doc *pd, pdf_face f, const char *in, char *out, size_t size)
{
    const pdf_font *pf = &pd->face[f];
    const unsigned char *s = (const unsigned char *)(in ? in : "");
    size_t o = 0;

    if (size == 0)
        return;
    while (*s) {
        unsigned long c;
        size_t n = utf8_decode(s, &c), k;
        char enc[4];

        const char *sub = NULL;

        if (n == 0) {
            c = pf->fallback;
            n = 1;
        } else if (c == '\n') {
            /* kept: pdf_wrap breaks lines there, single-line drawing turns it into a space */
        } else if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {
            c = ' ';
        } else if (cp1252_byte(c) < 0 && (sub = substitute(c)) != NULL) {
            /* spelled with characters CP1252 has */
        } else if (cp1252_byte(c) < 0 || !has_bit(pf->covered, (unsigned)c)) {
            c = pf->fallback;
        }
        if (sub) {
            k = strlen(sub);
            if (o + k + 1 > size)
                break;
            memcpy(out + o, sub, k);
        } else {
            k = utf8_encode(c, enc);
            if (o + k + 1 > size)
                break;
            memcpy(out + o, enc, k);
        }
        o += k;
        s += n;
    }
    out[o] = '\0';
}

/* Clean UTF-8 (N bytes of S) as the CP1252 bytes the faces are encoded with; OUT holds at
 * least N + 1 bytes (a character never grows). Returns the length. */
static size_t to_cp1252(const char *s, size_t n, char *out)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    size_t o = 0;

    while (p < end) {
        unsigned long c;
        size_t k = utf8_decode(p, &c);
        int byte;
        if (k == 0 || (size_t)(end - p) < k) {
            k = 1;
            c = '?';
        }
        byte = cp1252_byte(c);
        out[o++] = (char)(byte > 0 ? byte : '?');
        p += k;
    }
    out[o] = '\0';
    return o;
}

static float width_n(const pdf_doc *pd, pdf_face f, float size, const char *s, size_t n)
{
    HPDF_TextWidth tw;
    char stack[1024], *buf = n < sizeof stack ? stack : malloc(n + 1);
    size_t len;

    if (n == 0 || !buf)
        return 0.0f;
    len = to_cp1252(s, n, buf);
    tw = HPDF_Font_TextWidth(pd->face[f].font, (const HPDF_BYTE *)buf, (HPDF_UINT)len);
    if (buf != stack)
        free(buf);
    return (float)tw.width * size / 1000.0f;
}

float pdf_width(const pdf_doc *pd, pdf_face f, float size, const char *clean)
{
    return width_n(pd, f, size, clean, strlen(clean));
}

/* Draw already-clean text, one line. */
static void draw_raw(pdf_doc *pd, pdf_face f, float size, mlroi_rgb c, float x, float y,
                     const char *s)
{
    char stack[1024], *buf;
    size_t n = strlen(s);

    if (!*s)
        return;
    buf = n < sizeof stack ? stack : malloc(n + 1);
    if (!buf)
        return;
    to_cp1252(s, n, buf);
    HPDF_Page_BeginText(pd->page);
    HPDF_Page_SetFontAndSize(pd->page, pd->face[f].font, size);
    pdf_fill(pd, c);
    HPDF_Page_TextOut(pd->page, x, y, buf);
    if (buf != stack)
        free(buf);
    HPDF_Page_EndText(pd->page);
}

static void flatten_newlines(char *s)
{
    for (; *s; s++)
        if (*s == '\n')
            *s = ' ';
}

void pdf_text(pdf_doc *pd, pdf_face f, float size, mlroi_rgb c, float x, float y,
              pdf_align align, const char *text)
{
    char buf[1024];
    float w;

    pdf_clean(pd, f, text, buf, sizeof buf);
    flatten_newlines(buf);
    w = pdf_width(pd, f, size, buf);
    if (align == PDF_CENTER)
        x -= w / 2;
    else if (align == PDF_RIGHT)
        x -= w;
    draw_raw(pd, f, size, c, x, y, buf);
}

/* Length of the longest prefix of S (at a character boundary) no wider than W. */
static size_t fit_prefix(const pdf_doc *pd, pdf_face f, float size, const char *s, size_t n,
                         float w)
{
    size_t best = 0, i = 0;
    while (i < n) {
        size_t j = i + 1;
        while (j < n && ((unsigned char)s[j] & 0xC0) == 0x80)
            j++;
        if (width_n(pd, f, size, s, j) > w)
            break;
        best = i = j;
    }
    return best;
}

float pdf_fit(pdf_doc *pd, pdf_face f, float size, float min_size, mlroi_rgb c, float x,
              float y, float w, pdf_align align, const char *text)
{
    char buf[1024];
    float tw;

    pdf_clean(pd, f, text, buf, sizeof buf - 4);
    flatten_newlines(buf);
    tw = pdf_width(pd, f, size, buf);
    if (tw > w && w > 0) {
        float s2 = size * w / tw;
        size = s2 < min_size ? min_size : (float)floor(s2 * 10.0f) / 10.0f;
        tw = pdf_width(pd, f, size, buf);
        if (tw > w) {
            /* Still too wide at the smallest size: cut and mark the cut. */
            float ew = pdf_width(pd, f, size, ELLIPSIS);
            size_t keep = fit_prefix(pd, f, size, buf, strlen(buf), w - ew);
            while (keep > 0 && buf[keep - 1] == ' ')
                keep--;
            memcpy(buf + keep, ELLIPSIS, sizeof ELLIPSIS);
            tw = pdf_width(pd, f, size, buf);
        }
    }
    if (align == PDF_CENTER)
        x += (w - tw) / 2;
    else if (align == PDF_RIGHT)
        x -= tw;
    draw_raw(pd, f, size, c, x, y, buf);
    return size;
}

float pdf_wrap(pdf_doc *pd, pdf_face f, float size, float leading, mlroi_rgb c, float x,
               float ytop, float w, const char *text, bool draw)
{
    size_t cap = strlen(text ? text : "") * 3 + 4;  /* fallbacks may grow a byte into three */
    char *buf = malloc(cap), line[1024];
    const char *p, *end;
    int lines = 0;

    if (!buf)
        return 0.0f;
    pdf_clean(pd, f, text, buf, cap);
    p = buf;
    end = buf + strlen(buf);
    while (p < end) {
        const char *para_end = strchr(p, '\n');
        if (!para_end)
            para_end = end;
        if (p == para_end)
            lines++;   /* an empty line */
        while (p < para_end) {
            const char *ls, *le, *q;
            while (p < para_end && *p == ' ')
                p++;
            if (p >= para_end)
                break;
            ls = le = p;
            for (;;) {
                q = p;
                /* A space before '%' does not break: "10.0 %" stays on one line. */
                while (q < para_end && (*q != ' ' || (q + 1 < para_end && q[1] == '%')))
                    q++;
                if (width_n(pd, f, size, ls, (size_t)(q - ls)) <= w) {
                    le = q;
                    p = q;
                    while (p < para_end && *p == ' ')
                        p++;
                    if (p >= para_end)
                        break;
                    continue;
                }
                if (le == ls) {
                    /* One word wider than the box: break it between characters. */
                    size_t k = fit_prefix(pd, f, size, ls, (size_t)(q - ls), w);
                    if (k == 0) {
                        k = 1;
                        while (ls + k < q && ((unsigned char)ls[k] & 0xC0) == 0x80)
                            k++;
                    }
                    le = ls + k;
                    p = le;
                }
                break;
            }
            if (draw) {
                size_t n = (size_t)(le - ls);
                if (n >= sizeof line)
                    n = sizeof line - 1;
                memcpy(line, ls, n);
                line[n] = '\0';
                draw_raw(pd, f, size, c, x, ytop - size - (float)lines * leading, line);
            }
            lines++;
        }
        p = para_end < end ? para_end + 1 : end;
    }
    free(buf);
    return (float)lines * leading + (lines ? size * 0.35f : 0.0f);
}

/* ---------------------------------------------------------------- flow */

void pdf_heading(pdf_doc *pd, const char *title)
{
    const mlroi_template *t = pd->tpl;
    snprintf(pd->running, sizeof pd->running, "%s", title);
    pdf_need(pd, t->full_appendix ? 120.0f : 100.0f);
    if (pd->page_fresh)
        snprintf(pd->page_running[pd->page_count - 1], sizeof pd->page_running[0], "%s", title);
    if (!pd->page_fresh)
        pd->y -= 8.0f;
    pdf_fit(pd, PDF_BOLD, 16.0f, 11.0f, t->colors.primary, pd->x0, pd->y - 16.0f,
            pd->x1 - pd->x0, PDF_LEFT, title);
    pdf_rect(pd, pd->x0, pd->y - 23.0f, 36.0f, 2.2f, t->colors.accent);
    pd->y -= 33.0f;
    pd->page_fresh = false;
}

void pdf_subheading(pdf_doc *pd, const char *title)
{
    /* The board briefing (concise appendix) is set a little tighter. */
    const float tight = pd->tpl->full_appendix ? 0.0f : 2.0f;
    pdf_need(pd, 70.0f);
    if (!pd->page_fresh)
        pd->y -= 6.0f - tight / 2.0f;
    pdf_fit(pd, PDF_BOLD, 11.0f, 8.0f, pd->tpl->colors.primary, pd->x0, pd->y - 11.0f,
            pd->x1 - pd->x0, PDF_LEFT, title);
    pd->y -= 19.0f - tight;
    pd->page_fresh = false;
}

void pdf_paragraph(pdf_doc *pd, float size, const char *text)
{
    float w = pd->x1 - pd->x0, leading = size * pd->lead_factor;
    float h = pdf_wrap(pd, PDF_REGULAR, size, leading, pd->tpl->colors.text, pd->x0, pd->y, w,
                       text, false);
    if (pd->y - h < pd->ybottom && h < pd->ytop - pd->ybottom)
        pdf_new_page(pd);
    pdf_wrap(pd, PDF_REGULAR, size, leading, pd->tpl->colors.text, pd->x0, pd->y, w, text, true);
    pd->y -= h + size * 0.5f;
    pd->page_fresh = false;
}

void pdf_gap(pdf_doc *pd, float h)
{
    pd->y -= h;
}

/* ---------------------------------------------------------------- shapes */

void pdf_rect(pdf_doc *pd, float x, float y, float w, float h, mlroi_rgb fill)
{
    if (w <= 0 || h <= 0)
        return;
    pdf_fill(pd, fill);
    HPDF_Page_Rectangle(pd->page, x, y, w, h);
    HPDF_Page_Fill(pd->page);
}

void pdf_line(pdf_doc *pd, float x1, float y1, float x2, float y2, float width, mlroi_rgb c,
              bool dashed)
{
    static const HPDF_UINT16 dash[] = { 3, 2 };
    pdf_stroke(pd, c);
    HPDF_Page_SetLineWidth(pd->page, width);
    if (dashed)
        HPDF_Page_SetDash(pd->page, dash, 2, 0);
    HPDF_Page_MoveTo(pd->page, x1, y1);
    HPDF_Page_LineTo(pd->page, x2, y2);
    HPDF_Page_Stroke(pd->page);
    if (dashed)
        HPDF_Page_SetDash(pd->page, NULL, 0, 0);
}

/* ---------------------------------------------------------------- tables */

float pdf_table_row(pdf_doc *pd, const pdf_col *cols, int ncols, const char *const *cells,
                    float size, unsigned style)
{
    const mlroi_template *t = pd->tpl;
    float h = size * pd->row_factor, x = pd->x0, total = 0.0f, pad = 4.0f;
    pdf_face face = (style & (PDF_ROW_HEADER | PDF_ROW_BOLD)) ? PDF_BOLD : PDF_REGULAR;
    mlroi_rgb color = (style & PDF_ROW_HEADER) ? pdf_white : t->colors.text;

    for (int i = 0; i < ncols; i++)
        total += cols[i].width;
    pdf_need(pd, h);
    if (style & PDF_ROW_HEADER)
        pdf_rect(pd, x, pd->y - h, total, h, t->colors.primary);
    else if (style & PDF_ROW_SHADE)
        pdf_rect(pd, x, pd->y - h, total, h, t->colors.light);
    if (style & PDF_ROW_RULE)
        pdf_line(pd, x, pd->y, x + total, pd->y, 0.7f, t->colors.muted, false);
    for (int i = 0; i < ncols; i++) {
        float cx = cols[i].align == PDF_RIGHT ? x + cols[i].width - pad : x + pad;
        if (cells[i] && cells[i][0])
            pdf_fit(pd, face, size, size * 0.72f, color, cx, pd->y - h + size * 0.62f,
                    cols[i].width - 2 * pad, cols[i].align, cells[i]);
        x += cols[i].width;
    }
    pd->y -= h;
    pd->page_fresh = false;
    return h;
}

/* TEXT fits width W on one line once shrunk as far as pdf_table_row goes (72 %). */
static bool fits_shrunk(const pdf_doc *pd, const char *text, float size, float w)
{
    char buf[1024];
    pdf_clean(pd, PDF_REGULAR, text, buf, sizeof buf);
    return strlen(text) < sizeof buf - 1 && !strchr(buf, '\n') &&
           pdf_width(pd, PDF_REGULAR, size * 0.72f, buf) <= w;
}

/* Height of a wrapping row: the tallest cell, at least one ordinary row. */
float pdf_table_row_wrap_height(const pdf_doc *pd, const pdf_col *cols, int ncols,
                                const char *const *cells, float size)
{
    float one = size * pd->row_factor, lead = size * 1.25f, pad = 4.0f, h = one;

    for (int i = 0; i < ncols; i++) {
        float ch;
        if (!cells[i] || !cells[i][0] || fits_shrunk(pd, cells[i], size, cols[i].width - 2 * pad))
            continue;
        /* pdf_wrap only measures here: it draws nothing, so the const cast is safe. */
        ch = pdf_wrap((pdf_doc *)pd, PDF_REGULAR, size, lead, pd->tpl->colors.text, 0, 0,
                      cols[i].width - 2 * pad, cells[i], false);
        if (ch > 0) {
            int lines = (int)((ch - size * 0.35f) / lead + 0.5f);
            float need = one + (float)(lines - 1) * lead;
            if (need > h)
                h = need;
        }
    }
    return h;
}

float pdf_table_row_wrap(pdf_doc *pd, const pdf_col *cols, int ncols, const char *const *cells,
                         float size, unsigned style)
{
    const mlroi_template *t = pd->tpl;
    float one = size * pd->row_factor, lead = size * 1.25f, pad = 4.0f, x = pd->x0;
    float total = 0.0f, h = pdf_table_row_wrap_height(pd, cols, ncols, cells, size);
    pdf_face face = (style & (PDF_ROW_HEADER | PDF_ROW_BOLD)) ? PDF_BOLD : PDF_REGULAR;
    mlroi_rgb color = (style & PDF_ROW_HEADER) ? pdf_white : t->colors.text;

    if (h <= one)
        return pdf_table_row(pd, cols, ncols, cells, size, style);
    for (int i = 0; i < ncols; i++)
        total += cols[i].width;
    pdf_need(pd, h);
    if (style & PDF_ROW_HEADER)
        pdf_rect(pd, x, pd->y - h, total, h, t->colors.primary);
    else if (style & PDF_ROW_SHADE)
        pdf_rect(pd, x, pd->y - h, total, h, t->colors.light);
    if (style & PDF_ROW_RULE)
        pdf_line(pd, x, pd->y, x + total, pd->y, 0.7f, t->colors.muted, false);
    for (int i = 0; i < ncols; i++) {
        float cw = cols[i].width - 2 * pad, base = pd->y - one + size * 0.62f;
        if (cells[i] && cells[i][0]) {
            /* One line keeps its alignment; a longer text wraps from the left edge. */
            if (fits_shrunk(pd, cells[i], size, cw))
                pdf_fit(pd, face, size, size * 0.72f, color,
                        cols[i].align == PDF_RIGHT ? x + cols[i].width - pad : x + pad, base,
                        cw, cols[i].align, cells[i]);
            else
                pdf_wrap(pd, face, size, lead, color, x + pad, base + size, cw, cells[i], true);
        }
        x += cols[i].width;
    }
    pd->y -= h;
    pd->page_fresh = false;
    return h;
}
