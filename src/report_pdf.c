/* SPDX-License-Identifier: MIT */
/* The PDF board briefing: lays out every section of the business case from engine results. */
#include "mlroi/report_pdf.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mlroi/analysis.h"
#include "mlroi/format.h"
#include "mlroi/lang.h"
#include "pdf_draw.h"

#define RING 24          /* formatted numbers alive at once */
#define NARRATIVE 4096
/* Body text size: the board briefing is set a little tighter to hold to five pages. */
#define BODY (b->t->full_appendix ? 9.0f : 8.5f)
#define MAX_TORNADO_BARS 10

/* Everything a section needs; numbers are formatted into a ring of buffers so a sentence
 * can hold several of them. */
typedef struct brief {
    pdf_doc pd;
    const mlroi_report_input *in;
    const mlroi_result *r;
    const mlroi_scenario *s;
    const mlroi_template *t;
    const char *cur;
    char ring[RING][320];
    int ring_next;
    HPDF_Encoder utf8;
    int cash_agg;        /* cash-flow tables: first year summed into one column, 0 for none */
    float cash_label_w;  /* cash-flow tables: width of the label column, 0 for the usual */
    mlroi_lang *lang;    /* the briefing's language (owned) */
    bool local;          /* numbers are written the language's way, not the English way */
} brief;

/* ------------------------------------------------------------------ formatting */

static char *slot(brief *b)
{
    char *p = b->ring[b->ring_next];
    b->ring_next = (b->ring_next + 1) % RING;
    return p;
}

static const char *fmt(brief *b, const char *f, ...) __attribute__((format(printf, 2, 3)));

/* A text to translate where it is used (a static table's): tests/lang_check.py finds it. */
#define N_(text) text

/* The briefing's text EN in its language: the translation the language file gives, else EN.
 * A translation keeps EN's conversions, so it can be a format. */
static const char *T(const brief *b, const char *en) __attribute__((format_arg(2)));
static const char *T(const brief *b, const char *en)
{
    return mlroi_lang_text(b->lang, en);
}

/* An amount in CUR with DECIMALS: "$1,234" in English, "1 234 €" in French, "1.234 €" in
 * German (the figure, a no-break space, the symbol or the code). */
static char *money_in(brief *b, char *buf, size_t size, double v, const char *cur, int decimals)
{
    if (!b->local)
        return decimals ? mlroi_fmt_money_cents(buf, size, v, cur)
                        : mlroi_fmt_money(buf, size, v, cur);
    if (!isfinite(v)) {
        snprintf(buf, size, "%s", T(b, "n/a"));
        return buf;
    }
    return mlroi_lang_money(b->lang, buf, size, v, cur, decimals);
}

static const char *money(brief *b, double v)
{
    return money_in(b, slot(b), 320, v, b->cur, 0);
}

static const char *money_cents(brief *b, double v)
{
    return money_in(b, slot(b), 320, v, b->cur, 2);
}

/* "$1.2M" in English; "1,2 M €" in French, "1,2 Mio. €" in German. */
static char *money_short_in(brief *b, char *buf, size_t size, double v, const char *cur)
{
    char t[96], *p, unit[2] = { 0, 0 };
    const char *sym;
    size_t n;
    bool neg;

    if (!b->local)
        return mlroi_fmt_money_short(buf, size, v, cur);
    if (!isfinite(v)) {
        snprintf(buf, size, "%s", T(b, "n/a"));
        return buf;
    }
    /* The English short form with a placeholder code ("-XXX 1.2M"), taken apart. */
    mlroi_fmt_money_short(t, sizeof t, v, "XXX");
    neg = t[0] == '-';
    p = strstr(t, "XXX ");
    p = p ? p + 4 : t;
    n = strlen(p);
    if (n > 0 && strchr("kMB", p[n - 1])) {
        unit[0] = p[n - 1];
        p[n - 1] = '\0';
    }
    mlroi_lang_number(b->lang, p, sizeof t - (size_t)(p - t));
    sym = mlroi_currency_symbol(cur);
    snprintf(buf, size, "%s%s%s%s\u00a0%s", neg ? "-" : "", p, unit[0] ? "\u00a0" : "",
             unit[0] == 'k' ? T(b, "k") : unit[0] == 'M' ? T(b, "M")
             : unit[0] == 'B' ? T(b, "B") : "", sym ? sym : cur);
    return buf;
}

static const char *money_short(brief *b, double v)
{
    return money_short_in(b, slot(b), 320, v, b->cur);
}

/* A benchmark figure: published in US dollars and never converted. */
static const char *usd(brief *b, double v)
{
    return money_in(b, slot(b), 320, v, "USD", 0);
}

static const char *pct(brief *b, double percent, int decimals)
{
    char *p = mlroi_fmt_percent(slot(b), 320, percent, decimals);
    return b->local ? mlroi_lang_number(b->lang, p, 320) : p;
}

static const char *num(brief *b, double v, int decimals)
{
    char *p = mlroi_fmt_number(slot(b), 320, v, decimals);
    return b->local ? mlroi_lang_number(b->lang, p, 320) : p;
}

static const char *months(brief *b, double m)
{
    if (!b->local || !isfinite(m))
        return mlroi_fmt_months(slot(b), 320, m);
    return fmt(b, T(b, "%s months"), num(b, m, 1));
}

/* A number in its shortest exact form ("0.035", "12"), with the language's decimal mark. */
static const char *exact(brief *b, double v)
{
    char *p = mlroi_fmt_exact(slot(b), 320, v);
    return b->local ? mlroi_lang_number(b->lang, p, 320) : p;
}

/* A probability in words: "53.6 %", "more than 99.9 %". */
static const char *chance(brief *b, double p)
{
    if (p > 0.0 && p < 0.0005)
        return fmt(b, T(b, "less than %s"), pct(b, 0.1, 1));
    if (p < 1.0 && p >= 0.9995)
        return fmt(b, T(b, "more than %s"), pct(b, 99.9, 1));
    return pct(b, p * 100.0, 1);
}

/* Two decimals at most, trailing zeros dropped: 4.8, 0.25, 12.75, 3. */
static const char *num_trim(brief *b, double v)
{
    char *t = mlroi_fmt_number(slot(b), 320, v, 2);
    size_t n = strlen(t);
    if (strchr(t, '.')) {
        while (n > 0 && t[n - 1] == '0')
            t[--n] = '\0';
        if (n > 0 && t[n - 1] == '.')
            t[--n] = '\0';
    }
    return b->local ? mlroi_lang_number(b->lang, t, 320) : t;
}

static const char *fmt(brief *b, const char *f, ...)
{
    char *p = slot(b);
    va_list ap;
    va_start(ap, f);
    vsnprintf(p, 320, f, ap);
    va_end(ap);
    return p;
}

/* Axis and bar labels of money charts: ctx is the currency code. */
static char *money_label(char *buf, size_t size, double v, const void *ctx)
{
    brief *b = (brief *)(uintptr_t)ctx;   /* the chart only hands it back */
    return money_short_in(b, buf, size, v, b->cur);
}

static void append(char *buf, size_t size, const char *f, ...) __attribute__((format(printf, 3, 4)));
static void append(char *buf, size_t size, const char *f, ...)
{
    size_t n = strlen(buf);
    va_list ap;
    if (n + 1 >= size)
        return;
    va_start(ap, f);
    vsnprintf(buf + n, size - n, f, ap);
    va_end(ap);
}

/* "2025-01-31" -> "31 January 2025" ("31 janvier 2025", "31. Januar 2025"); anything else
 * is printed as given. */
static const char *long_date(brief *b, const char *ymd)
{
    int y, m, d;
    if (ymd && sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12)
        return fmt(b, T(b, "%d %s %d"), d, mlroi_lang_month(b->lang, m), y);
    return fmt(b, "%s", ymd ? ymd : "");
}

/* "2026-08" -> "August 2026". */
static const char *month_year(brief *b, const char *ym)
{
    int y, m;
    if (ym && sscanf(ym, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12)
        return fmt(b, "%s %d", mlroi_lang_month(b->lang, m), y);
    return fmt(b, "%s", ym ? ym : "");
}

static const mlroi_bcase_figures *adj(const brief *b)
{
    return &b->r->bcase.adjusted;
}

/* ------------------------------------------------------------------ layout helpers */

/* Some risk is set: the risk-adjusted figures differ from the unadjusted ones. "Risk-adjusted"
 * is said only then. */
static bool risk_applied(const brief *b)
{
    const mlroi_bcase *bc = &b->r->bcase;
    return bc->present && (bc->adjusted.total_costs != bc->unadjusted.total_costs ||
                           bc->adjusted.total_benefits != bc->unadjusted.total_benefits);
}

static bool cost_risk_applied(const brief *b)
{
    const mlroi_bcase *bc = &b->r->bcase;
    return bc->present && bc->adjusted.total_costs != bc->unadjusted.total_costs;
}

/* A payback in words: "within the first month" rather than "0.0 months". */
static const char *payback_text(brief *b, double m, const char *never)
{
    if (!isfinite(m))
        return never;
    if (m < 1.0)
        return T(b, "within the first month");
    return months(b, m);
}

/* The ask: what the case costs in its first year (the initial column plus year 1, as the
 * engine's yearly costs give them) and over the whole horizon. */
/* The engine's notes on an IRR or a MIRR (src/roi.c) in the language; NULL gives "". */
static const char *rate_note(brief *b, const char *note)
{
    static const char *const notes[] = {
        N_("undefined cash flow"), N_("no sign change"), N_("no rate between -99 % and 1,000 %"),
        N_("no rate found between -100 % and the search limit"), N_("no negative flow"),
        N_("no positive flow"), N_("no year to compound over"), N_("undefined"),
    };
    static const char several[] = "several rates: ";
    int changes;
    char *out;

    if (!note || !note[0] || !b->local)
        return note ? note : "";
    for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
        if (strcmp(note, notes[i]) == 0)
            return T(b, notes[i]);
    if (sscanf(note, "one rate although the flows change sign %d times", &changes) == 1)
        return fmt(b, T(b, "one rate although the flows change sign %d times"), changes);
    if (strncmp(note, several, strlen(several)) != 0)
        return note;
    /* "several rates: -67.9 % and -8.3 %": the rates written the language's way. */
    out = slot(b);
    snprintf(out, sizeof b->ring[0], "%s", T(b, "several rates: "));
    for (const char *p = note + strlen(several); *p; ) {
        char *end;
        double v = strtod(p, &end);
        if (end == p)
            return note;
        append(out, sizeof b->ring[0], "%s", pct(b, v, 1));
        p = end;
        if (strncmp(p, " %", 2) == 0)
            p += 2;
        if (strncmp(p, ", ", 2) == 0) {
            append(out, sizeof b->ring[0], ", ");
            p += 2;
        } else if (strncmp(p, " and ", 5) == 0) {
            append(out, sizeof b->ring[0], "%s", T(b, " and "));
            p += 5;
        } else if (*p) {
            return note;
        }
    }
    return out;
}

static double ask_first_year(const brief *b)
{
    const mlroi_bcase_figures *f = adj(b);
    return f->years[0].costs + (f->horizon >= 1 ? f->years[1].costs : 0.0);
}

/* A roadmap phase's budget, a published benchmark in US dollars: converted with the
 * scenario's fx when it has a USD rate, else labelled as US dollars. LONG_FORM adds the
 * published figures and the rate behind a conversion. */
static const char *phase_budget(brief *b, const mlroi_phase *p, bool long_form)
{
    double rate;

    if (strcmp(b->cur, "USD") == 0)
        return fmt(b, "%s–%s", usd(b, p->budget.low), usd(b, p->budget.high));
    rate = mlroi_scenario_fx(b->s, "USD");
    if (!isfinite(rate) || rate <= 0)
        return fmt(b, T(b, "%s–%s (US dollars)"), usd(b, p->budget.low), usd(b, p->budget.high));
    if (!long_form)
        return fmt(b, "%s–%s", money(b, p->budget.low * rate), money(b, p->budget.high * rate));
    return fmt(b, T(b, "%s–%s (published as %s–%s, at %s %s per USD)"),
               money(b, p->budget.low * rate), money(b, p->budget.high * rate),
               usd(b, p->budget.low), usd(b, p->budget.high), num_trim(b, rate), b->cur);
}

static float content_w(const brief *b)
{
    return b->pd.x1 - b->pd.x0;
}

/* Charts take a share of the page's height: Letter is shorter than A4. */
static float vscale(const brief *b)
{
    return b->pd.ph < 800.0f ? 0.88f : 1.0f;
}

static void bookmark(brief *b, const char *title)
{
    HPDF_Outline o = HPDF_CreateOutline(b->pd.doc, NULL, title, b->utf8);
    HPDF_Destination d = HPDF_Page_CreateDestination(b->pd.page);
    if (o && d) {
        HPDF_Destination_SetXYZ(d, 0, HPDF_Page_GetHeight(b->pd.page), 1);
        HPDF_Outline_SetDestination(o, d);
    }
}

static void heading(brief *b, const char *title)
{
    pdf_heading(&b->pd, title);
    bookmark(b, title);
}

/* A shaded box with a coloured bar on its left, holding a bold title and wrapped text. */
static void callout_in(brief *b, const char *title, const char *text, mlroi_rgb bar,
                       mlroi_rgb title_color)
{
    pdf_doc *pd = &b->pd;
    float w = content_w(b), inner = w - 26.0f, lead = BODY * b->pd.lead_factor;
    float th = 16.0f, h = pdf_wrap(pd, PDF_REGULAR, BODY, lead, b->t->colors.text, 0, 0, inner,
                                   text, false);
    float box = th + h + 16.0f;

    pdf_need(pd, box + 6.0f);
    pdf_rect(pd, pd->x0, pd->y - box, w, box, b->t->colors.light);
    pdf_rect(pd, pd->x0, pd->y - box, 4.0f, box, bar);
    pdf_fit(pd, PDF_BOLD, 10.5f, 8.0f, title_color, pd->x0 + 16.0f, pd->y - 17.0f,
            inner, PDF_LEFT, title);
    pdf_wrap(pd, PDF_REGULAR, BODY, lead, b->t->colors.text, pd->x0 + 16.0f, pd->y - 8.0f - th,
             inner, text, true);
    pd->y -= box + 10.0f;
    pd->page_fresh = false;
}

static void callout(brief *b, const char *title, const char *text)
{
    callout_in(b, title, text, b->t->colors.accent, b->t->colors.primary);
}

/* A bullet list item: wrapped text hanging after a dot. */
static void bullet(brief *b, float size, const char *text)
{
    pdf_doc *pd = &b->pd;
    float lead = size * (b->pd.lead_factor - 0.04f), w = content_w(b) - 14.0f;
    float h = pdf_wrap(pd, PDF_REGULAR, size, lead, b->t->colors.text, 0, 0, w, text, false);
    pdf_need(pd, h);
    pdf_fill(pd, b->t->colors.accent);
    HPDF_Page_Circle(pd->page, pd->x0 + 4.0f, pd->y - size * 0.68f, 1.7f);
    HPDF_Page_Fill(pd->page);
    pdf_wrap(pd, PDF_REGULAR, size, lead, b->t->colors.text, pd->x0 + 14.0f, pd->y, w, text, true);
    pd->y -= h + 2.0f;
    pd->page_fresh = false;
}

/* A label-value line pair in a small two-column list. */
static void kv_row(brief *b, const char *key, const char *value, float key_w)
{
    const char *cells[2] = { key, value };
    pdf_col cols[2] = { { key_w, PDF_LEFT }, { content_w(b) - key_w, PDF_LEFT } };
    float saved = b->pd.row_factor;

    /* The concise appendix sets its rows as densely as its table of inputs. */
    if (!b->t->full_appendix)
        b->pd.row_factor = saved * 0.84f;
    pdf_table_row(&b->pd, cols, 2, cells, b->t->full_appendix ? 8.0f : 6.6f, 0);
    b->pd.row_factor = saved;
}

/* A key and a value that may be long (a name, a path): the value wraps, never cut. */
static void kv_wrap(brief *b, const char *key, const char *value, float key_w)
{
    pdf_doc *pd = &b->pd;
    const mlroi_template *t = b->t;
    float size = t->full_appendix ? 8.0f : 6.6f, lead = size * 1.3f, pad = 4.0f;
    float vw = content_w(b) - key_w - 2 * pad, h, saved = pd->row_factor;

    /* As dense as kv_row's rows in the concise appendix. */
    if (!t->full_appendix)
        pd->row_factor = saved * 0.84f;
    h = pdf_wrap(pd, PDF_REGULAR, size, lead, t->colors.text, 0, 0, vw, value, false);
    /* A value on one line takes a row, as kv_row's do. */
    if (h < size * pd->row_factor || h <= lead + size * 0.35f + 0.01f)
        h = size * pd->row_factor;
    else
        h += size * 0.5f;
    pdf_need(pd, h);
    pdf_fit(pd, PDF_REGULAR, size, size * 0.72f, t->colors.text, pd->x0 + pad,
            pd->y - size * pd->row_factor + size * 0.62f, key_w - 2 * pad, PDF_LEFT, key);
    /* The first line's baseline matches a table row's. */
    pdf_wrap(pd, PDF_REGULAR, size, lead, t->colors.text, pd->x0 + key_w + pad,
             pd->y - size * pd->row_factor + size * 0.62f + size, vw, value, true);
    pd->y -= h;
    pd->page_fresh = false;
    pd->row_factor = saved;
}

typedef struct tile {
    const char *label, *value, *note;
    mlroi_rgb value_color;
} tile;

static void draw_tiles(brief *b, const tile *tiles, int n, int per_row);

/* ------------------------------------------------------------------ cover */

static void draw_cover_texts(brief *b, float y, bool big)
{
    pdf_doc *pd = &b->pd;
    const mlroi_template *t = b->t;
    float w = content_w(b);
    char line[512];

    line[0] = '\0';
    if (t->prepared_for)
        append(line, sizeof line, T(b, "Prepared for %s"), T(b, t->prepared_for));
    if (t->prepared_by)
        append(line, sizeof line, T(b, "%sPrepared by %s"), line[0] ? "  ·  " : "", t->prepared_by);
    append(line, sizeof line, "%s%s", line[0] ? "  ·  " : "", long_date(b, b->in->date));
    pdf_fit(pd, PDF_REGULAR, big ? 10.5f : 9.0f, 6.5f, t->colors.text, pd->x0, y, w, PDF_LEFT,
            line);
}

static void section_cover(brief *b)
{
    pdf_doc *pd = &b->pd;
    const mlroi_template *t = b->t;
    const mlroi_scenario *s = b->s;
    float w = content_w(b);

    if (t->cover_page) {
        float band = pd->ph * 0.42f, y, text_x = pd->x0;
        pdf_rect(pd, 0, pd->ph - band, pd->pw, band, t->colors.primary);
        pdf_rect(pd, 0, pd->ph - band - 6.0f, pd->pw, 6.0f, t->colors.accent);
        y = pd->ph - 70.0f;
        if (pd->logo) {
            float iw, ih;
            pdf_logo_size(pd, 42.0f, 160.0f, &iw, &ih);
            HPDF_Page_DrawImage(pd->page, pd->logo, pd->x0, y - ih + 14.0f, iw, ih);
            y -= ih + 10.0f;
        } else if (t->brand) {
            pdf_fit(pd, PDF_BOLD, 12.0f, 8.0f, pdf_mix(t->colors.light, pdf_white, 0.3), text_x, y,
                    w, PDF_LEFT, t->brand);
            y -= 30.0f;
        }
        y = pd->ph - band * 0.55f;
        pdf_fit(pd, PDF_BOLD, 28.0f, 16.0f, pdf_white, text_x, y, w, PDF_LEFT, T(b, t->title));
        if (t->subtitle)
            pdf_fit(pd, PDF_REGULAR, 13.0f, 9.0f, pdf_mix(t->colors.light, pdf_white, 0.2), text_x,
                    y - 24.0f, w, PDF_LEFT, T(b, t->subtitle));
        y = pd->ph - band - 60.0f;
        pdf_fit(pd, PDF_BOLD, 20.0f, 11.0f, t->colors.primary, pd->x0, y, w, PDF_LEFT, s->name);
        y -= 22.0f;
        if (s->org_name) {
            pdf_fit(pd, PDF_REGULAR, 13.0f, 9.0f, t->colors.text, pd->x0, y, w, PDF_LEFT,
                    s->org_name);
            y -= 20.0f;
        }
        /* Headline figures at a glance, above the prepared-for line. */
        if (b->r->bcase.present) {
            const mlroi_bcase_figures *f = adj(b);
            tile tiles[3] = {
                { risk_applied(b) ? T(b, "Net present value (risk-adjusted)") : T(b, "Net present value"),
                  money(b, f->npv), NULL, f->npv < 0 ? t->colors.negative : t->colors.primary },
                { T(b, "Return on investment (present values)"), pct(b, f->roi_percent, 1), NULL,
                  t->colors.primary },
                { T(b, "Payback"), payback_text(b, f->payback_months, T(b, "not within horizon")), NULL,
                  t->colors.primary },
            };
            pd->y = 222.0f;
            draw_tiles(b, tiles, 3, 3);
        }
        /* The modeller's description is no cover text: it is "Scenario notes" in the
         * appendix. */
        pdf_line(pd, pd->x0, 130.0f, pd->x1, 130.0f, 0.6f, t->colors.muted, false);
        draw_cover_texts(b, 112.0f, true);
        pdf_fit(pd, PDF_REGULAR, 8.0f, 6.0f, t->colors.muted, pd->x0, 94.0f, w, PDF_LEFT,
                fmt(b, T(b, "Prepared with mlroi %s  ·  benchmarks: %s"),
                    b->in->tool_version ? b->in->tool_version : "",
                    b->r->benchmarks && b->r->benchmarks->title ? b->r->benchmarks->title : ""));
        pd->y = pd->ybottom;   /* the cover is a page of its own */
        pd->page_fresh = false;
        return;
    }
    /* A band at the top of the first page; a name too long for one line takes two. */
    {
        float top = pd->ph, y = top - 36.0f, size = 21.0f, lead = 0, name_h;
        char clean[600];
        float nw;

        pdf_clean(pd, PDF_BOLD, s->name, clean, sizeof clean);
        nw = pdf_width(pd, PDF_BOLD, size, clean);
        if (nw > w)
            size = fmaxf(15.0f, (float)floor(size * w / nw));
        if (pdf_width(pd, PDF_BOLD, size, clean) > w)
            lead = size * 1.2f;
        name_h = lead > 0 ? fminf(pdf_wrap(pd, PDF_BOLD, size, lead, pdf_white, 0, 0, w, clean,
                                           false), 2.0f * lead) : size;
        {
            float band = 100.0f + name_h + (s->org_name ? 0.0f : -18.0f);
            pdf_rect(pd, 0, top - band, pd->pw, band, t->colors.primary);
            pdf_rect(pd, 0, top - band - 4.0f, pd->pw, 4.0f, t->colors.accent);
            pdf_fit(pd, PDF_REGULAR, 9.5f, 7.0f, pdf_mix(t->colors.light, pdf_white, 0.2),
                    pd->x0, y, w, PDF_LEFT,
                    t->subtitle ? fmt(b, "%s  ·  %s", T(b, t->title), T(b, t->subtitle))
                                : T(b, t->title));
            if (lead > 0) {
                /* Two lines at most: the second is cut with an ellipsis if need be. */
                float h1 = pdf_wrap(pd, PDF_BOLD, size, lead, pdf_white, 0, 0, w, clean, false);
                if (h1 <= 2.0f * lead + size) {
                    pdf_wrap(pd, PDF_BOLD, size, lead, pdf_white, pd->x0, y - 12.0f, w, clean,
                             true);
                } else {
                    size_t cut = 0;
                    /* Find where the first line ends, then fit the rest on the second. */
                    while (clean[cut] && pdf_wrap(pd, PDF_BOLD, size, lead, pdf_white, 0, 0, w,
                                                  fmt(b, "%.*s", (int)(cut + 1), clean),
                                                  false) <= lead + size)
                        cut++;
                    while (cut > 0 && clean[cut] != ' ')
                        cut--;
                    pdf_fit(pd, PDF_BOLD, size, size, pdf_white, pd->x0, y - 12.0f - size, w,
                            PDF_LEFT, fmt(b, "%.*s", (int)cut, clean));
                    pdf_fit(pd, PDF_BOLD, size, size, pdf_white, pd->x0,
                            y - 12.0f - size - lead, w, PDF_LEFT, clean + cut + (cut > 0));
                }
            } else {
                pdf_fit(pd, PDF_BOLD, size, 12.0f, pdf_white, pd->x0, y - 30.0f, w, PDF_LEFT,
                        clean);
            }
            if (s->org_name)
                pdf_fit(pd, PDF_REGULAR, 11.5f, 8.0f, pdf_white, pd->x0,
                        y - 12.0f - name_h - 16.0f, w, PDF_LEFT, s->org_name);
            pd->y = top - band - 4.0f - 14.0f;
        }
        draw_cover_texts(b, pd->y - 9.0f, false);
        pd->y -= 18.0f;
        pd->page_fresh = false;
    }
}

/* ------------------------------------------------------------------ executive summary */


static void draw_tiles(brief *b, const tile *tiles, int n, int per_row)
{
    pdf_doc *pd = &b->pd;
    const mlroi_template *t = b->t;
    float gap = 10.0f, w = (content_w(b) - gap * (float)(per_row - 1)) / (float)per_row;
    float h = 60.0f;

    for (int i = 0; i < n; i += per_row) {
        pdf_need(pd, h + gap);
        for (int j = 0; j < per_row && i + j < n; j++) {
            const tile *tl = &tiles[i + j];
            float x = pd->x0 + (float)j * (w + gap), y = pd->y;
            pdf_rect(pd, x, y - h, w, h, t->colors.light);
            pdf_rect(pd, x, y - 3.0f, w, 3.0f, t->colors.primary);
            pdf_fit(pd, PDF_REGULAR, 7.5f, 6.0f, t->colors.muted, x + 9.0f, y - 16.0f, w - 18.0f,
                    PDF_LEFT, tl->label);
            pdf_fit(pd, PDF_BOLD, 17.0f, 9.0f, tl->value_color, x + 9.0f, y - 36.0f, w - 18.0f,
                    PDF_LEFT, tl->value);
            if (tl->note)
                pdf_fit(pd, PDF_REGULAR, 7.0f, 5.5f, t->colors.muted, x + 9.0f, y - 51.0f,
                        w - 18.0f, PDF_LEFT, tl->note);
        }
        pd->y -= h + gap;
    }
    pd->page_fresh = false;
}

/* A check's tag and its colour: the engine's own verdicts (impossible, costs left out, not
 * compared) by name, a comparison by which way it leans. */
static const char *check_tag(const brief *b, const mlroi_check *k, mlroi_rgb *color)
{
    const mlroi_template_colors *c = &b->t->colors;

    switch (k->verdict) {
    case MLROI_IMPOSSIBLE:
        *color = c->negative;
        return T(b, "Impossible");
    case MLROI_OUTSIDE:
        *color = c->negative;
        return T(b, "Costs left out");
    case MLROI_NOT_COMPARED:
        *color = c->muted;
        return T(b, "Not compared");
    default:
        break;
    }
    if (k->leaning == MLROI_LEAN_OPTIMISTIC || k->optimistic) {
        *color = c->negative;
        return T(b, "Optimistic");
    }
    if (k->leaning == MLROI_LEAN_CONSERVATIVE) {
        *color = c->primary;
        return T(b, "Conservative");
    }
    *color = c->positive;
    return T(b, "In line");
}

/* The words after a benchmark's range that say whom it was published for, as the engine
 * writes them; a translated note carries them over in the language. */
static const char *const check_contexts[] = {
    N_(" of an SMB"), N_(" of a mid-size company"), N_(" of an enterprise with LLM fine-tuning"),
    N_(" for a start-up"), N_(" for a mid-market company"), N_(" for an enterprise"),
};

/* A check's name in the language (the engine's labels, in its own words). */
static const char *check_label(const brief *b, const char *label)
{
    static const char *const labels[] = {
        N_("time to production without MLOps"), N_("time to production with MLOps"),
        N_("incident reduction"), N_("3-year PV ROI"), N_("payback"), N_("monthly cloud cost"),
        N_("team yearly cost"),
    };
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(label, labels[i]) == 0)
            return T(b, labels[i]);
    return NULL;
}

/* A check's figure in the language, by the unit the engine gives it; BARE leaves out a unit
 * of time, for the first figure of a range ("26 to 52 weeks"). */
static const char *check_figure(brief *b, const mlroi_check *k, double v, bool bare)
{
    const char *u = k->unit ? k->unit : "";

    if (strcmp(u, "weeks") == 0)
        return bare ? num_trim(b, v) : fmt(b, T(b, "%s weeks"), num_trim(b, v));
    if (strcmp(u, "months") == 0)
        return bare ? num_trim(b, v) : v >= 0 && v < 1.0 ? T(b, "within the first month")
                                                          : months(b, v);
    if (strcmp(u, "fraction") == 0)
        return pct(b, v * 100.0, 0);
    if (strcmp(u, "percent") == 0)
        return pct(b, v, 0);
    if (strcmp(u, "per month") == 0 || strcmp(u, "per year") == 0)
        return money(b, v);
    return num_trim(b, v);
}

/* The regions as the engine names them in its "not compared" reasons; the size brackets'
 * nouns come from the benchmark data. */
static const char *const region_words[] = { N_("the US"), N_("the EU") };

/* NAME (a region or a bracket's noun) in the language. */
static const char *fit_word(const brief *b, const char *name)
{
    for (size_t i = 0; i < sizeof region_words / sizeof region_words[0]; i++)
        if (strcmp(name, region_words[i]) == 0)
            return T(b, region_words[i]);
    return mlroi_lang_text(b->lang, name);
}

/* Why check K was not compared, in the language, from the reason the engine gives after
 * "not compared: "; NULL when the reason is not one this words. */
static const char *not_compared_why(brief *b, const mlroi_check *k)
{
    static const char lead[] = ": not compared: ", none[] = "no published range for ",
                      pub[] = "published for ",
                      no_size[] = ", and the scenario gives no organization.employees";
    const char *why = strstr(k->note, lead), *end;
    char cur[8] = "", names[160], *list, *p;

    if (!why)
        return NULL;
    why += strlen(lead);
    if (sscanf(why, "benchmark in %7[A-Z] (give", cur) == 1)
        return fmt(b, T(b, "benchmark in %s (give \"fx\": { \"%s\": rate } to convert it)"),
                   cur, cur);
    if (strncmp(why, none, strlen(none)) == 0)
        return fmt(b, T(b, "no published range for %s"), fit_word(b, why + strlen(none)));
    if (strncmp(why, pub, strlen(pub)) != 0 || (end = strstr(why, no_size)) == NULL)
        return NULL;
    /* "a start-up or a mid-market company": each noun in the language. */
    snprintf(names, sizeof names, "%.*s", (int)(end - why - strlen(pub)), why + strlen(pub));
    list = slot(b);
    list[0] = '\0';
    for (p = names; p; ) {
        char *or = strstr(p, " or ");
        if (or)
            *or = '\0';
        append(list, sizeof b->ring[0], "%s%s", list[0] ? T(b, " or ") : "",
               fit_word(b, p));
        p = or ? or + 4 : NULL;
    }
    return fmt(b, T(b, "published for %s, and the scenario gives no organization.employees"),
               list);
}

/* Check savings_exceed_work K in the language, from the scenario's figures, without the
 * leaning the engine's note ends with. */
static void savings_work_text(brief *b, const mlroi_check *k, char *out, size_t size)
{
    const mlroi_roi_inputs *in = &b->s->roi;
    double payroll = in->team_size * in->avg_salary, savings = b->r->roi.deployment_savings;
    bool over_weeks = k->value > k->high, over_pay = savings > payroll;
    const char *weeks = fmt(b, over_weeks
                                   ? T(b, "%s models a year × %s weeks = %s whole-team weeks, "
                                       "more than the 52 of a year")
                                   : T(b, "%s models a year × %s weeks = %s whole-team weeks, "
                                       "within the 52 of a year"),
                            num_trim(b, in->models_per_year),
                            num_trim(b, in->current_time_to_prod_weeks), num_trim(b, k->value));
    const char *pay = fmt(b, over_pay ? T(b, "deployment savings (%s) exceed the team's payroll (%s)")
                                      : T(b, "deployment savings (%s) stay within the team's "
                                          "payroll (%s)"),
                          money(b, savings), money(b, payroll));

    if (k->verdict == MLROI_IMPOSSIBLE)
        snprintf(out, size, T(b, "%s%s%s: the formula counts the whole team for every model in "
                 "turn"), over_weeks ? weeks : "", over_weeks && over_pay ? T(b, "; ") : "",
                 over_pay ? pay : "");
    else
        snprintf(out, size, "%s; %s", weeks, pay);
}

/* Check plan_costs_outside_case K in the language, from the run's figures, without the
 * leaning; the engine's note says which of the plan's figures no cost line draws on. */
static void plan_costs_text(brief *b, const mlroi_check *k, char *out, size_t size)
{
    const mlroi_team *team = &b->r->team;
    const mlroi_tco *tco = &b->r->tco;
    double gap = k->low - k->value;
    const char *plan, *gap_text, *left_out;

    if (team->present && tco->present)
        plan = fmt(b, T(b, "the plan's team (%s) and running costs (%s) come to %s"),
                   money(b, team->annual_cost), money(b, tco->recurring_total - tco->people),
                   money(b, k->low));
    else if (team->present)
        plan = fmt(b, T(b, "the plan's team comes to %s"), money(b, k->low));
    else
        plan = fmt(b, T(b, "the plan's running costs come to %s"), money(b, k->low));
    gap_text = k->leaning == MLROI_LEAN_OPTIMISTIC
                   ? fmt(b, T(b, "%s a year is left out"), money(b, fabs(gap)))
               : k->leaning == MLROI_LEAN_CONSERVATIVE
                   ? fmt(b, T(b, "%s a year more than the plan"), money(b, fabs(gap)))
                   : T(b, "the same amount");
    left_out = strstr(k->note, "on the team or the TCO")
                   ? T(b, "no cost line draws on the team or the TCO (from team.annual_cost, "
                       "tco.recurring)")
               : strstr(k->note, "draws on the team (")
                   ? T(b, "no cost line draws on the team (from team.annual_cost, or "
                       "tco.recurring with tco.include_people)")
                   : T(b, "no cost line draws on the TCO (from tco.recurring)");
    snprintf(out, size, T(b, "the case counts %s a year; %s: %s, as %s"), money(b, k->value),
             plan, gap_text, left_out);
}

/* The reviewer's note of check K in a language other than English, from the check's own
 * figures (the engine writes its notes in English, for the terminal): false when the check is
 * of a kind this does not word, and the English note stands. */
static bool check_note_local(brief *b, const mlroi_check *k, char *out, size_t size)
{
    const char *context = "", *conv, *label;
    char range[192], tail[96] = "", convbuf[128] = "";

    if (!b->local || !k->label)
        return false;
    if (k->leaning == MLROI_LEAN_CONSERVATIVE)
        snprintf(tail, sizeof tail, "%s", T(b, ": conservative"));
    else if (k->leaning == MLROI_LEAN_OPTIMISTIC)
        snprintf(tail, sizeof tail, "%s", T(b, ": optimistic"));
    if (strcmp(k->key, "savings_exceed_work") == 0) {
        if (!b->r->roi.present)
            return false;
        savings_work_text(b, k, out, size);
        strncat(out, tail, size - strlen(out) - 1);
        return true;
    }
    if (strcmp(k->key, "plan_costs_outside_case") == 0) {
        if (!isfinite(k->value) || !isfinite(k->low))
            return false;
        plan_costs_text(b, k, out, size);
        strncat(out, tail, size - strlen(out) - 1);
        return true;
    }
    if (k->verdict == MLROI_IMPOSSIBLE || k->verdict == MLROI_OUTSIDE ||
        (label = check_label(b, k->label)) == NULL)
        return false;
    if (k->verdict == MLROI_NOT_COMPARED) {
        const char *why = not_compared_why(b, k);
        const char *figure = isnan(k->value) ? T(b, "n/a") : check_figure(b, k, k->value, false);
        if (why)
            snprintf(out, size, T(b, "%s of %s: not compared: %s"), label, figure, why);
        else
            snprintf(out, size, T(b, "%s of %s: not compared, no published benchmark fits this "
                     "scenario"), label, figure);
        return true;
    }
    if (isnan(k->value) || !isfinite(k->low) || !isfinite(k->high))
        return false;
    for (size_t i = 0; i < sizeof check_contexts / sizeof check_contexts[0]; i++)
        if (strstr(k->note, check_contexts[i]))
            context = T(b, check_contexts[i]);
    /* A benchmark converted from another currency: the engine's "(... at 0.92 EUR per USD)",
     * kept as it is written. */
    conv = strrchr(k->note, '(');
    if (conv && (conv = strstr(conv, " at ")) != NULL) {
        double rate = 0;
        char to[8] = "", from[8] = "";
        if (sscanf(conv, " at %lf %7s per %7[A-Z]", &rate, to, from) == 3 && rate > 0) {
            if (k->low == k->high)
                snprintf(convbuf, sizeof convbuf, T(b, " (%s %s at %s %s per %s)"),
                         num(b, k->low / rate, 0), from, exact(b, rate), to, from);
            else
                snprintf(convbuf, sizeof convbuf, T(b, " (%s–%s %s at %s %s per %s)"),
                         num(b, k->low / rate, 0), num(b, k->high / rate, 0), from,
                         exact(b, rate), to, from);
        } else {
            return false;
        }
    }
    if (k->low == k->high)
        snprintf(range, sizeof range, T(b, "the %s the benchmark assumes%s"),
                 check_figure(b, k, k->low, false), context);
    else
        /* The unit once, after the range's end, in the case the language gives it there. */
        snprintf(range, sizeof range, T(b, "the published range of %s to %s%s"),
                 check_figure(b, k, k->low, true),
                 strcmp(k->unit ? k->unit : "", "weeks") == 0
                     ? fmt(b, "%s%s", num_trim(b, k->high), T(b, " weeks (a range's end)"))
                 : strcmp(k->unit ? k->unit : "", "months") == 0
                     ? fmt(b, "%s%s", num_trim(b, k->high), T(b, " months (a range's end)"))
                     : check_figure(b, k, k->high, false),
                 context);
    snprintf(out, size, k->verdict == MLROI_WITHIN
                            ? (k->low == k->high ? T(b, "%s of %s matches %s%s%s")
                                                 : T(b, "%s of %s lies within %s%s%s"))
                        : k->verdict == MLROI_ABOVE ? T(b, "%s of %s lies above %s%s%s")
                                                    : T(b, "%s of %s lies below %s%s%s"),
             label, check_figure(b, k, k->value, false), range, convbuf, tail);
    return true;
}

/* One check: a coloured dot and tag, then the reviewer's note wrapped beside them. */
static void check_item(brief *b, const mlroi_check *k)
{
    pdf_doc *pd = &b->pd;
    const float size = 8.0f, tag_w = 76.0f, lead = size * (b->pd.lead_factor - 0.04f);
    float x = pd->x0 + 10.0f, w = content_w(b) - 10.0f - tag_w, h;
    mlroi_rgb color;
    const char *tag = check_tag(b, k, &color);
    char text[sizeof k->note + 8];

    /* The note can be longer than a formatting slot. */
    if (check_note_local(b, k, text, sizeof text - 1)) {
        if (text[0] >= 'a' && text[0] <= 'z')
            text[0] = (char)(text[0] - 'a' + 'A');
        strcat(text, ".");
    } else {
        snprintf(text, sizeof text, "%s.", k->note[0] ? k->note : (k->label ? k->label : ""));
    }

    h = pdf_wrap(pd, PDF_REGULAR, size, lead, b->t->colors.text, 0, 0, w, text, false);
    pdf_need(pd, h);
    pdf_fill(pd, color);
    HPDF_Page_Circle(pd->page, pd->x0 + 4.0f, pd->y - size * 0.68f, 2.2f);
    HPDF_Page_Fill(pd->page);
    pdf_fit(pd, PDF_BOLD, size, 6.5f, color, x, pd->y - size, tag_w - 6.0f, PDF_LEFT, tag);
    pdf_wrap(pd, PDF_REGULAR, size, lead, b->t->colors.text, x + tag_w, pd->y, w, text, true);
    pd->y -= h + 2.0f;
    pd->page_fresh = false;
}

static void cash_chart(brief *b, bool on_page);

/* Whether the template lists section ID. */
static bool template_has(const brief *b, mlroi_section id)
{
    for (int i = 0; i < b->t->section_count; i++)
        if (b->t->sections[i].id == id)
            return true;
    return false;
}

/* Every assumption checked against the published benchmarks, one line each. */
static void benchmark_checks(brief *b)
{
    const mlroi_checks *ch = &b->r->checks;

    if (ch->count == 0)
        return;
    pdf_subheading(&b->pd, T(b, "The inputs against published benchmarks"));
    for (int i = 0; i < ch->count; i++)
        check_item(b, &ch->items[i]);
    pdf_gap(&b->pd, 4.0f);
}

/* The sentences of the executive summary, in plain words from the figures. */
static void build_narrative(brief *b, char *out, size_t size)
{
    const mlroi_result *r = b->r;
    const mlroi_bcase_figures *f = adj(b);
    const mlroi_scenario *s = b->s;

    out[0] = '\0';
    if (r->bcase.present) {
        double c0 = f->years[0].costs;
        append(out, size, T(b, "Investing %s over %d year%s"), money(b, f->total_costs), f->horizon,
               f->horizon == 1 ? "" : "s");
        if (c0 > 0)
            append(out, size, T(b, " (%s of it up front)"), money(b, c0));
        append(out, size, T(b, " is expected to return %s in benefits"), money(b, f->total_benefits));
        if (s->bc.has_lines && f->total_benefits != r->bcase.unadjusted.total_benefits)
            append(out, size, T(b, " once each line's risk is allowed for"));
        else if (!s->bc.has_lines && (s->bc.benefit_risk > 0 || s->bc.cost_risk > 0))
            append(out, size, T(b, " once benefits are cut by %s and costs raised by %s for risk"),
                   pct(b, s->bc.benefit_risk * 100, 0), pct(b, s->bc.cost_risk * 100, 0));
        append(out, size, T(b, ". In today's money, discounting at %s a year, the plan is worth %s "
               "net (NPV)"), pct(b, s->bc.discount_rate * 100, 1), money(b, f->npv));
        if (isfinite(f->roi_percent))
            append(out, size, T(b, ", a return of %s on the present value of its costs"),
                   pct(b, f->roi_percent, 1));
        append(out, size, ".");
        if (isfinite(f->payback_months) && f->payback_months <= 0)
            append(out, size, T(b, " The cumulative cash flow never goes below zero."));
        else if (isfinite(f->payback_months))
            append(out, size, T(b, " The investment pays back in %s%s."), months(b, f->payback_months),
                   isfinite(f->discounted_payback_months)
                       ? fmt(b, T(b, " (%s once discounted)"), months(b, f->discounted_payback_months))
                       : "");
        else
            append(out, size, T(b, " The investment does not pay back within the %d-year horizon."),
                   f->horizon);
        if (f->npv < 0)
            append(out, size, T(b, " On these figures the costs outweigh the benefits: the case needs "
                   "larger benefits, lower costs or a longer horizon before it is approved."));
    } else if (r->roi.present) {
        append(out, size, T(b, "The 12-month quick estimate gives benefits of %s against an investment "
               "of %s, a return of %s."), money(b, r->roi.total_benefits),
               money(b, r->roi.investment), pct(b, r->roi.roi_percent, 1));
    } else {
        append(out, size, T(b, "The scenario gives no ROI inputs, so this briefing carries no "
               "financial case."));
    }
    if (r->bcase.present && r->roi.present)
        append(out, size, T(b, " The benefits come from shipping models faster (%s a year) and from "
               "fewer costly model incidents (%s a year)."), money(b, r->roi.deployment_savings),
               money(b, r->roi.incident_savings));
    if (r->maturity.present)
        append(out, size, T(b, " Today the organisation answers yes to %d of the 16 maturity "
               "questions (%s)%s."), r->maturity.score, T(b, r->maturity.level_label),
               r->maturity.gated_level < 4
                   ? fmt(b, T(b, "; every question is met up to level %d"), r->maturity.gated_level)
                   : "");
    if (r->checks.optimistic_count > 0) {
        int k = 0;
        append(out, size, T(b, " %d input%s sit%s above the published benchmarks ("), 
               r->checks.optimistic_count, r->checks.optimistic_count == 1 ? "" : "s",
               r->checks.optimistic_count == 1 ? "s" : "");
        for (int i = 0; i < r->checks.count; i++)
            if (r->checks.items[i].optimistic)
                append(out, size, "%s%s", k++ ? ", " : "", r->checks.items[i].label);
        append(out, size, T(b, "): treat the result as optimistic until they are confirmed."));
    }
}

/* The ask is the case itself: the first-year commitment and the total over the horizon, the
 * engine's figures in the scenario's currency. The roadmap is the timeline of the work; its
 * published phase budgets are a yardstick, never the ask. */
static void build_recommendation(brief *b, char *out, size_t size)
{
    const mlroi_maturity *m = &b->r->maturity;
    const mlroi_result *r = b->r;

    out[0] = '\0';
    if (r->bcase.present) {
        const mlroi_bcase_figures *f = adj(b);
        const char *first = money(b, ask_first_year(b));
        const char *risk = cost_risk_applied(b) ? T(b, ", costs raised for risk") : "";
        const char *how = f->years[0].costs != 0
            ? fmt(b, T(b, "the initial outlay of %s and year 1's %s%s"), money(b, f->years[0].costs),
                  money(b, f->horizon >= 1 ? f->years[1].costs : 0.0), risk)
            : fmt(b, T(b, "year 1's costs%s; nothing is spent up front"), risk);
        if (f->npv < 0)
            append(out, size, T(b, "Do not commit to the programme yet: on these figures its costs "
                   "outweigh its benefits. Approving it would mean %s for the first year (%s) "
                   "and %s over %d year%s."), first, how, money(b, f->total_costs), f->horizon,
                   f->horizon == 1 ? "" : "s");
        else
            append(out, size, T(b, "Approve %s for the first year (%s), within a commitment of %s "
                   "over %d year%s."), first, how, money(b, f->total_costs), f->horizon,
                   f->horizon == 1 ? "" : "s");
    } else if (r->roi.present) {
        append(out, size, T(b, "Approve the 12-month investment of %s that the quick estimate "
               "weighs against %s of benefits."), money(b, r->roi.investment),
               money(b, r->roi.total_benefits));
    }
    if (!m->present) {
        append(out, size, T(b, "%sRun the 16-question maturity assessment: the roadmap phase to start "
               "with depends on it."), out[0] ? " " : "");
        return;
    }
    if (m->roadmap_count == 0) {
        append(out, size, T(b, "%sEvery level of the checklist is met: keep the platform measured "
               "and extend it to more models and business units."), out[0] ? " " : "");
        return;
    }
    {
        const mlroi_phase *p = m->roadmap[0];
        append(out, size, T(b, "%sThe work starts with Phase %d, %s (months %d–%d): %s KPI: %s"),
               out[0] ? " " : "", p->number, T(b, p->name), p->month_from, p->month_to,
               p->goal ? T(b, p->goal) : "", p->kpi ? T(b, p->kpi) : "");
        if (m->roadmap_count > 1)
            append(out, size, T(b, " Then %d more phase%s through month %d (see the roadmap)."),
                   m->roadmap_count - 1, m->roadmap_count > 2 ? "s" : "",
                   m->roadmap[m->roadmap_count - 1]->month_to);
        append(out, size, T(b, " For comparison, the published benchmark for such a phase is %s; "
               "it is a yardstick, not the ask."), phase_budget(b, p, true));
    }
}

/* A check's note without the leaning it ends with (": optimistic"): the paragraph says
 * what is wrong in its own words. */
static const char *note_body(char *p, size_t size, const mlroi_check *k)
{
    char *colon;
    snprintf(p, size, "%s", k->note);
    colon = strrchr(p, ':');
    if (colon && (strcmp(colon, ": optimistic") == 0 || strcmp(colon, ": conservative") == 0 ||
                  strcmp(colon, ": in line") == 0))
        *colon = '\0';
    return p;
}

/* The checks that question the plan itself rather than an input, in plain words: costs of the
 * plan left out of the case, savings that need more weeks than a year holds. "" when none. */
static void build_plan_findings(brief *b, char *out, size_t size)
{
    const mlroi_checks *ch = &b->r->checks;
    char note[sizeof ch->items[0].note];

    out[0] = '\0';
    for (int i = 0; i < ch->count; i++) {
        const mlroi_check *k = &ch->items[i];
        if (k->verdict == MLROI_OUTSIDE && isfinite(k->value) && isfinite(k->low)) {
            append(out, size, T(b, "%sThe case leaves part of the plan's own costs out: it counts %s "
                   "a year, while the team and running costs the plan itself sizes come to %s "
                   "a year. The %s a year left out is in none of the figures on this page, so "
                   "the NPV, the return and the ask are all too favourable."),
                   out[0] ? " " : "", money(b, k->value), money(b, k->low),
                   money(b, k->low - k->value));
        } else if (k->verdict == MLROI_OUTSIDE) {
            append(out, size, T(b, "%sThe case leaves part of the plan's own costs out (%s), so the "
                   "NPV, the return and the ask are all too favourable."), out[0] ? " " : "",
                   note_body(note, sizeof note, k));
        } else if (k->verdict == MLROI_IMPOSSIBLE) {
            if (b->local && strcmp(k->key, "savings_exceed_work") == 0 && b->r->roi.present)
                savings_work_text(b, k, note, sizeof note);
            else
                note_body(note, sizeof note, k);
            append(out, size, T(b, "%sThe savings cannot all be real: %s. Until they are cut to what "
                   "the team can deliver in a year, treat the benefits as overstated."),
                   out[0] ? " " : "", note);
        }
    }
}

static void section_summary(brief *b)
{
    const mlroi_result *r = b->r;
    const mlroi_bcase_figures *f = adj(b);
    const mlroi_template *t = b->t;
    char text[NARRATIVE];
    tile tiles[6];
    bool bc = r->bcase.present;

    heading(b, T(b, "Executive summary"));
    tiles[0] = (tile){ risk_applied(b) ? T(b, "Net present value (risk-adjusted)")
                                       : T(b, "Net present value"),
                       bc ? money(b, f->npv) : "n/a",
                       bc ? fmt(b, T(b, "unadjusted: %s"), money(b, r->bcase.unadjusted.npv))
                          : T(b, "no business case"),
                       bc && f->npv < 0 ? t->colors.negative : t->colors.primary };
    tiles[1] = (tile){ T(b, "Return on investment (present values)"),
                       bc ? pct(b, f->roi_percent, 1) : "n/a",
                       bc ? fmt(b, T(b, "over %d years, discounted at %s"), f->horizon,
                                pct(b, b->s->bc.discount_rate * 100, 1)) : NULL,
                       t->colors.primary };
    tiles[2] = (tile){ T(b, "Payback"), bc ? payback_text(b, f->payback_months, T(b, "not within horizon"))
                                     : "n/a",
                       bc ? fmt(b, T(b, "discounted: %s"),
                                payback_text(b, f->discounted_payback_months,
                                             T(b, "not within horizon")))
                          : NULL,
                       t->colors.primary };
    if (bc && isfinite(f->irr) && f->irr > 1.0) {
        /* An IRR above 100 % says more about a small early outlay than about the return:
         * the headline is the MIRR, the IRR stays in the business case with its note. */
        tiles[3] = (tile){ T(b, "Modified internal rate of return"), pct(b, f->mirr * 100, 1),
                           isfinite(f->mirr) ? fmt(b, T(b, "IRR %s, explained in the business case"),
                                                   pct(b, f->irr * 100, 0))
                                             : rate_note(b, f->mirr_note),
                           t->colors.primary };
    } else {
        tiles[3] = (tile){ T(b, "Internal rate of return"), bc ? pct(b, f->irr * 100, 1) : "n/a",
                           bc && f->irr_note[0]
                               ? fmt(b, isnan(f->irr) ? T(b, "undefined: %s") : "%s",
                                     rate_note(b, f->irr_note))
                               : bc ? fmt(b, T(b, "modified (MIRR): %s"), pct(b, f->mirr * 100, 1))
                                    : NULL,
                           t->colors.primary };
    }
    tiles[4] = (tile){ T(b, "The ask: first year"), bc ? money(b, ask_first_year(b)) : "n/a",
                       bc ? fmt(b, T(b, "%s over %d year%s, undiscounted"), money(b, f->total_costs),
                                f->horizon, f->horizon == 1 ? "" : "s")
                          : NULL,
                       t->colors.primary };
    tiles[5] = (tile){ T(b, "Maturity level"), r->maturity.present ? T(b, r->maturity.level_label) : T(b, "n/a"),
                       r->maturity.present
                           ? fmt(b, T(b, "%d of 16 yes; complete up to level %d"), r->maturity.score,
                                 r->maturity.gated_level)
                           : T(b, "no checklist answers"),
                       t->colors.primary };
    draw_tiles(b, tiles, 6, 3);
    pdf_gap(&b->pd, 4.0f);
    build_narrative(b, text, sizeof text);
    pdf_paragraph(&b->pd, BODY + 0.5f, text);
    build_plan_findings(b, text, sizeof text);
    if (text[0])
        callout_in(b, T(b, "The plan does not add up yet"), text, t->colors.negative,
                   t->colors.negative);
    build_recommendation(b, text, sizeof text);
    callout(b, T(b, "Recommendation"), text);
    /* Page 1 shows the money a year at a glance, the TEI way; the business case then opens
     * with the benchmark checks of its assumptions (here when the template has no such
     * section). */
    if (bc)
        cash_chart(b, true);
    if (!bc || !template_has(b, MLROI_SECTION_BUSINESS_CASE))
        benchmark_checks(b);
}

/* ------------------------------------------------------------------ maturity */

/* The roadmap phase that brings the organisation to LEVEL, or NULL. */
static const mlroi_phase *phase_for_level(const brief *b, int level)
{
    const mlroi_benchmarks *bm = b->r->benchmarks;
    if (!bm)
        return NULL;
    for (int i = 0; i < 3; i++)
        if (bm->phases[i].reaches_level == level)
            return &bm->phases[i];
    return NULL;
}

static void section_maturity(brief *b)
{
    pdf_doc *pd = &b->pd;
    const mlroi_maturity *m = &b->r->maturity;
    const mlroi_template *t = b->t;
    static const char *const names[4] = { "Level 1\nTracking", "Level 2\nPipeline",
                                           "Level 3\nCont. training",
                                           "Level 4\nCI/CD/CT" };
    char text[NARRATIVE];
    pdf_bar bars[4];
    float chart_w = content_w(b) * 0.46f, y0;
    float chart_h = (b->t->full_appendix ? 160.0f : 130.0f) * vscale(b);

    /* The heading, its paragraph and the chart start on the same page. */
    pdf_need(pd, chart_h + 95.0f);
    heading(b, T(b, "Where we stand: MLOps maturity"));
    if (!m->present) {
        pdf_paragraph(pd, BODY, T(b, "The scenario answers none of the maturity questions, so the "
                      "briefing cannot place the organisation on the maturity scale. Answer the "
                      "16 questions under maturity.answers to get the gaps and the roadmap."));
        return;
    }
    text[0] = '\0';
    append(text, sizeof text, T(b, "The organisation answers yes to %d of the 16 checklist questions, "
           "which puts it at %s on the five-level scale. Counting only levels whose every "
           "question is met, it stands at level %d"), m->score, T(b, m->level_label), m->gated_level);
    if (m->gated_level < 4)
        append(text, sizeof text, T(b, "; %d question%s stand%s between it and level %d."),
               m->missing_count, m->missing_count == 1 ? "" : "s",
               m->missing_count == 1 ? "s" : "", m->gated_level + 1);
    else
        append(text, sizeof text, T(b, ": the checklist is complete."));
    if (m->unanswered_count > 0)
        append(text, sizeof text, T(b, " %d question%s went unanswered and count%s as no."),
               m->unanswered_count, m->unanswered_count == 1 ? "" : "s",
               m->unanswered_count == 1 ? "s" : "");
    pdf_paragraph(pd, BODY, text);

    for (int i = 0; i < 4; i++) {
        bars[i].label = names[i];
        bars[i].value = m->yes_per_level[i];
        bars[i].value_text = fmt(b, "%d/4", m->yes_per_level[i]);
        bars[i].color = i < m->gated_level ? t->colors.primary
                                           : pdf_mix(t->colors.accent, pdf_white, 0.15);
    }
    pdf_need(pd, chart_h + 10.0f);
    y0 = pd->y;
    pdf_draw_vbars(pd, pd->x0, y0, chart_w, chart_h, bars, 4, 4, T(b, "yes answers per level"));
    /* Gaps to the next level, beside the chart. */
    {
        float gx = pd->x0 + chart_w + 24.0f, gw = pd->x1 - gx, y = y0 - 4.0f;
        const char *title = m->gated_level < 4 ? fmt(b, T(b, "To reach level %d"), m->gated_level + 1)
                                               : T(b, "Every level is met");
        pdf_fit(pd, PDF_BOLD, 9.5f, 7.0f, t->colors.primary, gx, y - 9.0f, gw, PDF_LEFT, title);
        y -= 18.0f;
        for (int i = 0; i < m->missing_count && y > y0 - chart_h - 40.0f; i++) {
            int q = m->missing[i];
            float h = pdf_wrap(pd, PDF_REGULAR, 8.0f, 10.8f, t->colors.text, gx + 10.0f, y,
                               gw - 10.0f, T(b, mlroi_question_texts[q]), true);
            pdf_fill(pd, t->colors.accent);
            HPDF_Page_Rectangle(pd->page, gx, y - 7.5f, 4.0f, 4.0f);
            HPDF_Page_Fill(pd->page);
            y -= h + 4.0f;
        }
        if (y < y0 - chart_h)
            pd->y = y;
        else
            pd->y = y0 - chart_h;
    }
    pd->y -= 10.0f;
    pd->page_fresh = false;

    pdf_subheading(pd, T(b, "Roadmap"));
    if (m->roadmap_count == 0) {
        pdf_paragraph(pd, BODY, T(b, "No phase of the roadmap remains: the organisation meets every "
                      "level the roadmap builds towards."));
        return;
    }
    {
        pdf_span spans[3];
        int last = 18;
        for (int i = 0; i < m->roadmap_count; i++) {
            const mlroi_phase *p = m->roadmap[i];
            spans[i].label = fmt(b, T(b, "Phase %d: %s"), p->number, T(b, p->name));
            spans[i].detail = fmt(b, T(b, "months %d–%d  ·  benchmark %s  ·  reaches level %d"),
                                  p->month_from, p->month_to, phase_budget(b, p, false),
                                  p->reaches_level);
            spans[i].from = p->month_from;
            spans[i].to = p->month_to;
            if (p->month_to > last)
                last = p->month_to;
        }
        pdf_need(pd, 34.0f * (float)m->roadmap_count + 24.0f);
        pd->y -= pdf_draw_timeline(pd, pd->x0, pd->y, content_w(b), spans, m->roadmap_count,
                                   last) + 6.0f;
        for (int i = 0; i < m->roadmap_count; i++) {
            const mlroi_phase *p = m->roadmap[i];
            text[0] = '\0';
            append(text, sizeof text, T(b, "Phase %d, %s: %s KPI: %s"), p->number, T(b, p->name),
                   p->goal ? T(b, p->goal) : "", p->kpi ? T(b, p->kpi) : "");
            bullet(b, 8.5f, text);
        }
        {
            double rate = mlroi_scenario_fx(b->s, "USD");
            text[0] = '\0';
            append(text, sizeof text, T(b, "Phase budgets are the article's published benchmarks, "
                   "shown for comparison; the plan's own costs are in the business case%s."),
                   strcmp(b->cur, "USD") == 0 ? ""
                   : isfinite(rate) && rate > 0
                       ? fmt(b, T(b, "; converted from US dollars at %s %s per USD"),
                             num_trim(b, rate), b->cur)
                       : T(b, "; they are in US dollars: the scenario gives no USD rate under fx"));
            pdf_paragraph(pd, 7.5f, text);
        }
    }
}

/* ------------------------------------------------------------------ business case */

/* One row of a cash-flow table: which figure, from which case. */
typedef enum cash_row {
    ROW_BENEFITS, ROW_COSTS, ROW_NET, ROW_CUMULATIVE, ROW_DISCOUNT, ROW_PV, ROW_LABEL,
    /* One business-case line (cash_line.lr): its amounts as planned, the risk allowance and
     * the amounts after it; a kind's costs as positive amounts (a subtotal). */
    ROW_LINE_PLAN, ROW_LINE_RISK, ROW_LINE_ADJ, ROW_COSTS_POS,
    /* A line's amounts after risk in a table of several lines; a note under it (the label,
     * wrapped over the whole width, in the first column block only). */
    ROW_LINE_AFTER, ROW_NOTE,
    /* A kind's total in a table of its lines: bold, a rule above. */
    ROW_SUM_BENEFITS, ROW_SUM_COSTS
} cash_row;

typedef struct cash_line {
    const char *label;
    const mlroi_bcase_figures *f;
    cash_row row;
    const mlroi_line_result *lr;   /* for the ROW_LINE_* rows */
} cash_line;

/* A line's amount in year T of one of the ROW_LINE_* rows. */
static double line_year(const mlroi_line_result *lr, cash_row row, int t)
{
    return row == ROW_LINE_PLAN ? lr->values[t]
         : row == ROW_LINE_ADJ || row == ROW_LINE_AFTER ? lr->adjusted[t]
                                                        : lr->adjusted[t] - lr->values[t];
}

/* A cell of a line's own table: years as cash_cell counts them, the engine's totals and
 * present values (the allowance's are the differences of the two). */
static const char *line_cell(brief *b, const cash_line *ln, int c)
{
    const mlroi_line_result *lr = ln->lr;
    int n = ln->f->horizon, agg = b->cash_agg;

    if (agg > 0 && agg <= n) {
        if (c == agg) {
            double sum = 0;
            for (int t = agg; t <= n; t++)
                sum += line_year(lr, ln->row, t);
            return money(b, sum);
        }
        if (c > agg)
            c += n - agg;
    }
    if (c <= n)
        return money(b, line_year(lr, ln->row, c));
    if (c == n + 1)
        return money(b, ln->row == ROW_LINE_PLAN ? lr->total_unadjusted
                        : ln->row == ROW_LINE_RISK ? lr->total - lr->total_unadjusted
                                                   : lr->total);
    return money(b, ln->row == ROW_LINE_PLAN ? lr->pv_unadjusted
                    : ln->row == ROW_LINE_RISK ? lr->pv - lr->pv_unadjusted : lr->pv);
}

/* The text of one cell: column c is Initial (0), a year (1..n), Total (n + 1) or PV (n + 2);
 * with the later years summed from year A = b->cash_agg, Initial, years 1..A-1, years A..n
 * (A), Total (A + 1) and PV (A + 2). */
static const char *cash_cell(brief *b, const cash_line *ln, int c)
{
    const mlroi_bcase_figures *f = ln->f;
    int n = f->horizon, agg = b->cash_agg;

    if (ln->row == ROW_LABEL || ln->row == ROW_NOTE)
        return "";
    if ((ln->row >= ROW_LINE_PLAN && ln->row <= ROW_LINE_ADJ) || ln->row == ROW_LINE_AFTER)
        return line_cell(b, ln, c);
    if (ln->row == ROW_SUM_BENEFITS) {
        cash_line sum = *ln;
        sum.row = ROW_BENEFITS;
        return cash_cell(b, &sum, c);
    }
    if (ln->row == ROW_COSTS_POS || ln->row == ROW_SUM_COSTS) {
        cash_line pos = *ln;
        const char *t;
        pos.row = ROW_COSTS;
        t = cash_cell(b, &pos, c);
        return t[0] == '-' ? t + 1 : t;
    }
    if (agg > 0 && agg <= n) {
        if (c == agg) {
            double sb = 0, sc = 0, sn = 0, sp = 0;
            for (int t = agg; t <= n; t++) {
                sb += f->years[t].benefits;
                sc += f->years[t].costs;
                sn += f->years[t].net;
                sp += f->years[t].pv_net;
            }
            switch (ln->row) {
            case ROW_BENEFITS: return money(b, sb);
            case ROW_COSTS: return money(b, -sc);
            case ROW_NET: return money(b, sn);
            case ROW_CUMULATIVE: return money(b, f->years[n].cumulative_net);
            case ROW_DISCOUNT: return "";
            default: return money(b, sp);
            }
        }
        if (c > agg)
            c += n - agg;   /* Total and PV */
    }
    if (c <= n) {
        const mlroi_cash_year *y = &f->years[c];
        switch (ln->row) {
        case ROW_BENEFITS: return money(b, y->benefits);
        case ROW_COSTS: return money(b, -y->costs);
        case ROW_NET: return money(b, y->net);
        case ROW_CUMULATIVE: return money(b, y->cumulative_net);
        case ROW_DISCOUNT: return num(b, y->discount_factor, 4);
        default: return money(b, y->pv_net);
        }
    }
    /* The engine's own totals. */
    if (c == n + 1)
        return ln->row == ROW_BENEFITS ? money(b, f->total_benefits)
             : ln->row == ROW_COSTS ? money(b, -f->total_costs)
             : ln->row == ROW_NET ? money(b, f->years[n].cumulative_net) : "";
    return ln->row == ROW_BENEFITS ? money(b, f->pv_benefits)
         : ln->row == ROW_COSTS ? money(b, -f->pv_costs)
         : ln->row == ROW_NET || ln->row == ROW_PV ? money(b, f->npv) : "";
}

/* The largest type of the cash-flow tables: a little smaller in the concise briefing. */
static float cash_base_size(const brief *b)
{
    return b->t->full_appendix ? 8.0f : 7.6f;
}

/* The type size at which every cell of columns [start, start + cnt) fits width CW. */
static float cash_block_size(brief *b, const cash_line *lines, int nlines, int start, int cnt,
                             float cw)
{
    float base = cash_base_size(b), size = base, room = cw - 8.0f;
    char clean[128];

    for (int i = 0; i < nlines; i++) {
        pdf_face face = (lines[i].row == ROW_NET || lines[i].row == ROW_PV ||
                         lines[i].row == ROW_LINE_ADJ) ? PDF_BOLD : PDF_REGULAR;
        for (int k = 0; k < cnt; k++) {
            float w;
            pdf_clean(&b->pd, face, cash_cell(b, &lines[i], start + k), clean, sizeof clean);
            w = pdf_width(&b->pd, face, base, clean);
            if (w > room)
                size = fminf(size, base * room / w);
        }
    }
    return (float)floor(size * 10.0f) / 10.0f;
}

/* A table of LINES over Initial, Year 1..N, Total and PV, in as few column blocks as keep the
 * type at 7 pt or more; one size for the whole table so the rows read evenly. The layout is
 * chosen for SIZING (all the tables that should look alike). */
static void cash_table(brief *b, const cash_line *lines, int nlines, int horizon,
                       const cash_line *sizing, int nsizing)
{
    pdf_doc *pd = &b->pd;
    int agg = b->cash_agg > 0 && b->cash_agg <= horizon ? b->cash_agg : 0;
    int total_cols = agg ? agg + 3 : horizon + 3;   /* Initial, years, (sum), Total, PV */
    int per_block = 3, blocks = 1;
    float label_w = b->cash_label_w > 0 ? b->cash_label_w : 96.0f;
    float avail = content_w(b) - label_w, size = cash_base_size(b);

    for (int per = total_cols < 15 ? total_cols : 15; per >= 3; per--) {
        /* One block is worth a slightly smaller type: a second block repeats every row. */
        float floor_size = per == total_cols ? 6.2f : 7.0f;
        blocks = (total_cols + per - 1) / per;
        per_block = (total_cols + blocks - 1) / blocks;   /* balanced blocks */
        size = cash_base_size(b);
        for (int start = 0; start < total_cols; start += per_block) {
            int cnt = total_cols - start < per_block ? total_cols - start : per_block;
            size = fminf(size, cash_block_size(b, sizing, nsizing, start, cnt,
                                               avail / (float)per_block));
        }
        if (size >= floor_size)
            break;
    }
    if (size < 5.5f)
        size = 5.5f;
    for (int start = 0; start < total_cols; start += per_block) {
        int cnt = total_cols - start < per_block ? total_cols - start : per_block;
        pdf_col cols[16];
        const char *cells[16], *head[16];
        char head_text[16][32];   /* repeated on a new page, after the ring has turned */
        float cw = avail / (float)per_block;
        int shade = 0;

        cols[0] = (pdf_col){ label_w, PDF_LEFT };
        for (int k = 0; k < cnt; k++)
            cols[k + 1] = (pdf_col){ cw, PDF_RIGHT };
        pdf_need(pd, (float)(nlines + 1) * size * pd->row_factor + 8.0f);
        cells[0] = start ? T(b, "(continued)") : "";
        for (int k = 0; k < cnt; k++) {
            int c = start + k;
            if (agg && c == agg)
                cells[k + 1] = fmt(b, T(b, "Years %d–%d"), agg, horizon);
            else if (agg && c > agg)
                cells[k + 1] = c == agg + 1 ? T(b, "Total") : T(b, "PV");
            else
                cells[k + 1] = c == 0 ? T(b, "Initial") : c <= horizon ? fmt(b, T(b, "Year %d"), c)
                                      : c == horizon + 1 ? T(b, "Total") : T(b, "PV");
        }
        pdf_table_row(pd, cols, cnt + 1, cells, size, PDF_ROW_HEADER);
        head[0] = cells[0];
        for (int k = 0; k < cnt; k++) {
            snprintf(head_text[k], sizeof head_text[k], "%s", cells[k + 1]);
            head[k + 1] = head_text[k];
        }
        for (int i = 0; i < nlines; i++) {
            const cash_line *ln = &lines[i];
            unsigned style = 0;
            if (ln->row == ROW_NOTE) {
                float ns = size * 0.9f, lead = ns * 1.22f, nw = content_w(b) - 12.0f, nh;
                if (start > 0 || !ln->label || !ln->label[0])
                    continue;
                nh = pdf_wrap(pd, PDF_REGULAR, ns, lead, b->t->colors.muted, 0, 0, nw,
                              ln->label, false);
                if (pd->y - nh < pd->ybottom) {
                    pdf_new_page(pd);
                    pdf_table_row(pd, cols, cnt + 1, head, size, PDF_ROW_HEADER);
                }
                pdf_wrap(pd, PDF_REGULAR, ns, lead, b->t->colors.muted, pd->x0 + 12.0f,
                         pd->y - 1.0f, nw, ln->label, true);
                pd->y -= nh + 1.5f;
                continue;
            }
            /* A table longer than the page goes on, its header repeated. */
            if (pd->y - size * pd->row_factor < pd->ybottom) {
                pdf_new_page(pd);
                pdf_table_row(pd, cols, cnt + 1, head, size, PDF_ROW_HEADER);
            }
            cells[0] = ln->label;
            for (int k = 0; k < cnt; k++)
                cells[k + 1] = cash_cell(b, ln, start + k);
            if (ln->row == ROW_NET || ln->row == ROW_PV || ln->row == ROW_LABEL ||
                ln->row == ROW_LINE_ADJ || ln->row == ROW_SUM_BENEFITS ||
                ln->row == ROW_SUM_COSTS)
                style |= PDF_ROW_BOLD;
            if (ln->row == ROW_NET || ln->row == ROW_LABEL ||
                ((ln->row == ROW_SUM_BENEFITS || ln->row == ROW_SUM_COSTS) && i > 0 &&
                 lines[i - 1].row != ROW_SUM_BENEFITS && lines[i - 1].row != ROW_SUM_COSTS))
                style |= PDF_ROW_RULE;
            if (shade++ % 2)
                style |= PDF_ROW_SHADE;
            pdf_table_row(pd, cols, cnt + 1, cells, size, style);
        }
        pd->y -= 8.0f;
    }
}

/* Says which years a concise table sums, under its heading. */
static void agg_note(brief *b, int n)
{
    if (b->cash_agg)
        pdf_paragraph(&b->pd, 7.5f, fmt(b, T(b, "Years %d to %d are summed in one column; the "
                                        "cumulative net there is that at the end of year %d. "
                                        "The workbook shows every year."), b->cash_agg, n, n));
}

static void cash_tables(brief *b)
{
    const mlroi_bcase *bc = &b->r->bcase;
    int n = bc->adjusted.horizon;

    /* A concise briefing shows ten years one by one and sums the rest in one column; the
     * full briefing and the workbook show every year. */
    b->cash_agg = !b->t->full_appendix && n > 10 ? 11 : 0;
    if (b->t->combined_cash_flow) {
        const cash_line lines[] = {
            { T(b, "Benefits"), &bc->adjusted, ROW_BENEFITS, NULL },
            { T(b, "Costs"), &bc->adjusted, ROW_COSTS, NULL },
            { T(b, "Net cash flow"), &bc->adjusted, ROW_NET, NULL },
            { T(b, "Cumulative net"), &bc->adjusted, ROW_CUMULATIVE, NULL },
            { T(b, "Present value"), &bc->adjusted, ROW_PV, NULL },
            { T(b, "Unadjusted net"), &bc->unadjusted, ROW_NET, NULL },
            { T(b, "Unadjusted cumulative"), &bc->unadjusted, ROW_CUMULATIVE, NULL },
            { T(b, "Unadjusted PV"), &bc->unadjusted, ROW_PV, NULL },
        };
        int nl = (int)(sizeof lines / sizeof lines[0]);
        /* The heading moves with its table. */
        pdf_need(&b->pd, 25.0f + (float)(nl + 1) * cash_base_size(b) * b->pd.row_factor + 8.0f);
        pdf_subheading(&b->pd, T(b, "Cash flows: risk-adjusted, then unadjusted"));
        agg_note(b, n);
        cash_table(b, lines, nl, n, lines, nl);
    } else {
        const cash_line lines[] = {
            { T(b, "Benefits"), &bc->adjusted, ROW_BENEFITS, NULL }, { T(b, "Costs"), &bc->adjusted, ROW_COSTS, NULL },
            { T(b, "Net cash flow"), &bc->adjusted, ROW_NET, NULL },
            { T(b, "Cumulative net"), &bc->adjusted, ROW_CUMULATIVE, NULL },
            { T(b, "Discount factor"), &bc->adjusted, ROW_DISCOUNT, NULL },
            { T(b, "Present value"), &bc->adjusted, ROW_PV, NULL },
            { T(b, "Benefits"), &bc->unadjusted, ROW_BENEFITS, NULL },
            { T(b, "Costs"), &bc->unadjusted, ROW_COSTS, NULL },
            { T(b, "Net cash flow"), &bc->unadjusted, ROW_NET, NULL },
            { T(b, "Cumulative net"), &bc->unadjusted, ROW_CUMULATIVE, NULL },
            { T(b, "Discount factor"), &bc->unadjusted, ROW_DISCOUNT, NULL },
            { T(b, "Present value"), &bc->unadjusted, ROW_PV, NULL },
        };
        pdf_subheading(&b->pd, T(b, "Risk-adjusted cash flows"));
        agg_note(b, n);
        cash_table(b, lines, 6, n, lines, 12);
        pdf_subheading(&b->pd, T(b, "Unadjusted cash flows"));
        cash_table(b, lines + 6, 6, n, lines, 12);
    }
}

/* ------------------------------------------------------------------ business-case lines */

/* A table row that starts a new page when it does not fit, repeating the header there. */
static void paged_row(brief *b, const pdf_col *cols, int n, const char *const *cells, float size,
                      unsigned style, const char *const *head)
{
    pdf_doc *pd = &b->pd;
    if (pd->y - size * pd->row_factor < pd->ybottom) {
        pdf_new_page(pd);
        pdf_table_row(pd, cols, n, head, size, PDF_ROW_HEADER);
    }
    pdf_table_row(pd, cols, n, cells, size, style);
}

/* How a line gives its amounts, in a few words: "from team.annual_cost, +3.0 % a year",
 * "$60,000 a year from year 2", "$80,000 in year 3", "values by year". */
static const char *line_how(brief *b, const mlroi_bc_line *l)
{
    char buf[320];
    int n = adj(b)->horizon;
    bool one_time = l->how == MLROI_LINE_AMOUNT ||
                    (l->how == MLROI_LINE_FROM && l->from == MLROI_FIG_TCO_ONE_TIME);
    int start = isnan(l->start) ? 1 : (int)l->start, end = isnan(l->end) ? n : (int)l->end;

    buf[0] = '\0';
    if (l->how == MLROI_LINE_VALUES)
        append(buf, sizeof buf, T(b, "amounts year by year"));
    else if (l->how == MLROI_LINE_FROM)
        append(buf, sizeof buf, T(b, "from %s"), mlroi_figure_names[l->from]);
    else
        append(buf, sizeof buf, "%s", money(b, l->annual));
    /* The share of the amounts the line counts (a part-time team: 15 %). */
    if (isfinite(l->scale) && l->scale != 1.0)
        append(buf, sizeof buf, " × %s", pct(b, l->scale * 100, l->scale * 100 ==
                                               floor(l->scale * 100) ? 0 : 1));
    if (l->how == MLROI_LINE_VALUES)
        return fmt(b, "%s", buf);
    if (one_time) {
        append(buf, sizeof buf, T(b, " in year %d"), isnan(l->year) ? 0 : (int)l->year);
        return fmt(b, "%s", buf);
    }
    if (l->how == MLROI_LINE_ANNUAL)
        append(buf, sizeof buf, T(b, " a year"));
    if (start != 1 || end != n)
        append(buf, sizeof buf, T(b, ", years %d–%d"), start, end > n ? n : end);
    if (l->escalation != 0)
        append(buf, sizeof buf, T(b, ", %s%s a year"), l->escalation > 0 ? "+" : "",
               pct(b, l->escalation * 100, 1));
    if (l->ramp_count > 0)
        append(buf, sizeof buf, T(b, ", own ramp"));
    return fmt(b, "%s", buf);
}

static int by_size_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

/* The KEEP-th largest |PV| among the lines of kind K (KEEP >= 1), and in *TIES how many lines
 * of exactly that size are still to be listed; -1 when it cannot tell (then all are kept). */
static double largest_pv(const mlroi_bcase *bc, mlroi_line_kind k, size_t keep, size_t *ties)
{
    double *v = malloc(bc->line_count * sizeof *v), thr;
    size_t n = 0, above = 0;

    *ties = 0;
    if (!v || keep == 0) {
        free(v);
        return -1;
    }
    for (size_t i = 0; i < bc->line_count; i++)
        if (bc->lines[i].kind == k)
            v[n++] = fabs(bc->lines[i].pv);
    if (n <= keep) {
        free(v);
        return -1;
    }
    qsort(v, n, sizeof *v, by_size_desc);
    thr = v[keep - 1];
    for (size_t i = 0; i < n; i++)
        above += v[i] > thr;
    *ties = keep - above;
    free(v);
    return thr;
}

/* Lines a concise template lists at most of each kind in the business case section; the
 * others are summed in one row there and each named in the appendix. */
#define LINES_SHOWN_CONCISE 10

/* Does the business case section sum some lines in one row? */
static bool lines_gathered(const brief *b)
{
    size_t nb = 0, nc = 0;

    if (b->t->full_appendix || !b->r->bcase.lines)
        return false;
    for (size_t i = 0; i < b->r->bcase.line_count; i++) {
        if (b->r->bcase.lines[i].kind == MLROI_LINE_BENEFIT)
            nb++;
        else
            nc++;
    }
    return nb > LINES_SHOWN_CONCISE || nc > LINES_SHOWN_CONCISE;
}

/* The lines of the case, benefits then costs, each with its risk and its risk-adjusted total
 * and present value; subtotals that are the case's own totals. A compact template lists the
 * lines of the largest present values of each kind and gathers the rest in one row. */
static void lines_table(brief *b)
{
    pdf_doc *pd = &b->pd;
    const mlroi_bcase *bc = &b->r->bcase;
    const mlroi_scenario *s = b->s;
    const mlroi_bcase_figures *f = adj(b);
    float w = content_w(b), size = b->t->full_appendix ? 7.5f : 7.2f;
    pdf_col cols[5] = { { w * 0.33f, PDF_LEFT }, { w * 0.33f, PDF_LEFT },
                        { w * 0.08f, PDF_RIGHT }, { w * 0.13f, PDF_RIGHT },
                        { w * 0.13f, PDF_RIGHT } };
    const char *head[5] = { T(b, "Line"), T(b, "Amounts"), T(b, "Risk"), T(b, "Total after risk"), T(b, "PV") };
    const size_t cap = b->t->full_appendix ? (size_t)-1 : LINES_SHOWN_CONCISE;

    if (!s->bc.has_lines || bc->line_count == 0 || !bc->lines)
        return;
    /* The concise briefing analyses each line below instead. */
    if (!b->t->full_appendix)
        return;
    pdf_need(pd, 19.0f + 5.0f * size * pd->row_factor);
    pdf_subheading(pd, fmt(b, T(b, "The lines of the case (%zu)"), bc->line_count));
    pdf_table_row(pd, cols, 5, head, size, PDF_ROW_HEADER);
    for (int kind = 0; kind < 2; kind++) {
        mlroi_line_kind k = kind ? MLROI_LINE_COST : MLROI_LINE_BENEFIT;
        size_t shown = 0, count = 0, rest = 0, row = 0, ties = 0;
        double rest_total = 0, rest_pv = 0, threshold = -1;
        const char *cells[5];

        for (size_t i = 0; i < bc->line_count; i++)
            count += bc->lines[i].kind == k;
        if (count > cap)
            threshold = largest_pv(bc, k, cap - 1, &ties);
        cells[0] = kind ? T(b, "Costs") : T(b, "Benefits");
        cells[1] = cells[2] = cells[3] = cells[4] = "";
        paged_row(b, cols, 5, cells, size, PDF_ROW_BOLD, head);
        for (size_t i = 0; i < bc->line_count; i++) {
            const mlroi_line_result *lr = &bc->lines[i];
            if (lr->kind != k)
                continue;
            /* Past the cap, the lines of the largest present values are listed and the
             * others summed in one row. */
            if (count > cap && !(fabs(lr->pv) > threshold ||
                                 (fabs(lr->pv) == threshold && ties > 0 && ties--))) {
                rest++;
                rest_total += lr->total;
                rest_pv += lr->pv;
                continue;
            }
            cells[0] = lr->category && lr->category[0]
                           ? fmt(b, "%s · %s", lr->name ? lr->name : "", lr->category)
                           : (lr->name ? lr->name : "");
            cells[1] = i < s->bc.line_count ? line_how(b, &s->bc.lines[i]) : "";
            cells[2] = fmt(b, "%s%s", k == MLROI_LINE_BENEFIT ? "-" : "+",
                           pct(b, lr->risk * 100, 0));
            cells[3] = money(b, lr->total);
            cells[4] = money(b, lr->pv);
            paged_row(b, cols, 5, cells, size, row++ % 2 ? PDF_ROW_SHADE : 0, head);
            shown++;
        }
        if (rest > 0) {
            cells[0] = fmt(b, kind ? T(b, "%zu more cost lines") : T(b, "%zu more benefit lines"),
                           rest);
            cells[1] = T(b, "each in the appendix and the workbook");
            cells[2] = "";
            cells[3] = money(b, rest_total);
            cells[4] = money(b, rest_pv);
            paged_row(b, cols, 5, cells, size, row++ % 2 ? PDF_ROW_SHADE : 0, head);
        }
        cells[0] = kind ? T(b, "Total costs") : T(b, "Total benefits");
        cells[1] = "";
        cells[2] = "";
        cells[3] = money(b, kind ? f->total_costs : f->total_benefits);
        cells[4] = money(b, kind ? f->pv_costs : f->pv_benefits);
        paged_row(b, cols, 5, cells, size, PDF_ROW_BOLD | PDF_ROW_RULE, head);
    }
    pd->y -= 8.0f;
}

/* Lines the full briefing analyses at most of each kind, the largest present values first
 * (its table of lines and the workbook list every one). */
#define LINES_ANALYSED_FULL 24

/* How a line's risk allowance reads: "cut by 20 % (the case's allowance for benefits)". */
static const char *line_risk_text(brief *b, const mlroi_line_result *lr, bool own)
{
    bool benefit = lr->kind == MLROI_LINE_BENEFIT;
    if (lr->risk == 0)
        return T(b, "no risk allowance");
    return fmt(b, benefit ? T(b, "cut by %s (%s)") : T(b, "raised by %s (%s)"),
               pct(b, lr->risk * 100, lr->risk * 100 == floor(lr->risk * 100) ? 0 : 1),
               own ? T(b, "set for this line")
                   : benefit ? T(b, "the case's allowance for benefits")
                             : T(b, "the case's allowance for costs"));
}

/* The action title of a kind: what its largest line carries. */
static const char *lines_action_title(brief *b, mlroi_line_kind k, const mlroi_line_result *top,
                                      double kind_pv, size_t count)
{
    bool benefit = k == MLROI_LINE_BENEFIT;
    double share = kind_pv != 0 ? top->pv / kind_pv : NAN;
    const char *name = top->name ? top->name : "";

    if (count == 1)
        return fmt(b, benefit ? T(b, "Benefits: one line, %s") : T(b, "Costs: one line, %s"),
                   name);
    if (!isfinite(share))
        return benefit ? T(b, "Benefits line by line") : T(b, "Costs line by line");
    if (share >= 0.5)
        return fmt(b, benefit ? T(b, "%s carries %s of the value")
                              : T(b, "%s carries %s of the cost"), name,
                   share >= 0.95 ? T(b, "nearly all")
                   : share >= 0.73 ? T(b, "three quarters")
                   : share >= 0.63 ? T(b, "two thirds")
                   : share >= 0.55 ? T(b, "more than half") : T(b, "half"));
    return fmt(b, benefit ? T(b, "The benefits come from %zu lines, the largest at %s of the value")
                          : T(b, "The costs spread over %zu lines, the largest at %s of the cost"),
               count, pct(b, share * 100, 0));
}

/* The TEI analysis of one kind of line: an action title, then for each line how it is built,
 * its risk allowance with the reason and source the scenario writes, and a table of its
 * amounts year by year as planned, the allowance and after it, with the total and present
 * value; a subtotal table that is the case's own. A concise template analyses the lines of
 * the largest present values (LINES_SHOWN_CONCISE) and names how many it leaves to the
 * workbook. */
static void lines_analysis(brief *b, mlroi_line_kind k)
{
    pdf_doc *pd = &b->pd;
    const mlroi_bcase *bc = &b->r->bcase;
    const mlroi_scenario *s = b->s;
    const mlroi_bcase_figures *f = adj(b);
    const mlroi_line_result *top = NULL;
    bool benefit = k == MLROI_LINE_BENEFIT, full = b->t->full_appendix;
    const size_t cap = full ? LINES_ANALYSED_FULL : LINES_SHOWN_CONCISE;
    size_t count = 0, ties = 0, skipped = 0, shown = 0;
    double threshold = -1, kind_pv = benefit ? f->pv_benefits : f->pv_costs;
    float text_size = full ? 8.0f : 7.5f;
    char text[NARRATIVE];
    cash_line sizing[3];
    /* The concise form: one table, a row of amounts after risk per line with its note
     * under it, then the totals. */
    cash_line *rows_all = NULL;
    char (*notes)[720] = NULL, (*titles)[160] = NULL;
    int nall = 0;

    if (!bc->lines || bc->line_count == 0)
        return;
    for (size_t i = 0; i < bc->line_count; i++) {
        const mlroi_line_result *lr = &bc->lines[i];
        if (lr->kind != k)
            continue;
        count++;
        if (!top || fabs(lr->pv) > fabs(top->pv))
            top = lr;
    }
    if (count == 0)
        return;
    if (count > cap)
        threshold = largest_pv(bc, k, cap, &ties);
    if (!full) {
        size_t slots = (count < cap ? count : cap) + 1;
        rows_all = malloc((2 * slots + 2) * sizeof *rows_all);
        notes = malloc(slots * sizeof *notes);
        titles = malloc(slots * sizeof *titles);
        if (!rows_all || !notes || !titles) {
            free(rows_all);
            free(notes);
            free(titles);
            return;
        }
    }
    /* Every line's table is set at the size the largest one needs, so they read alike. */
    sizing[0] = (cash_line){ "", f, ROW_LINE_PLAN, top };
    sizing[1] = (cash_line){ "", f, ROW_LINE_RISK, top };
    sizing[2] = (cash_line){ "", f, ROW_LINE_ADJ, top };

    /* A heading of its own in the full briefing; it follows on the page rather than leave
     * the one before half empty. */
    if (full)
        heading(b, benefit ? T(b, "Benefits, line by line") : T(b, "Costs, line by line"));
    if (full) {
        pdf_need(pd, 150.0f);
    } else {
        /* The title, its text and the table keep to one page when they can: a row and about
         * two lines of note for each line. */
        size_t n = count < cap ? count : cap;
        float need = 80.0f + (float)(n + 3) * 7.5f * pd->row_factor + (float)n * 17.5f;
        /* ...or at least start with a few of its rows: the table goes on over the page, its
         * header repeated, rather than leave a gap. */
        pdf_need(pd, fminf(need, 125.0f));
    }
    pdf_subheading(pd, lines_action_title(b, k, top, kind_pv, count));
    text[0] = '\0';
    append(text, sizeof text, benefit
               ? T(b, "%zu benefit line%s add%s up to %s over %d year%s%s, a present value of %s. ")
               : T(b, "%zu cost line%s add%s up to %s over %d year%s%s, a present value of %s. "),
           count, count == 1 ? "" : "s", count == 1 ? "s" : "", money(b, benefit ? f->total_benefits : f->total_costs),
           f->horizon, f->horizon == 1 ? "" : "s", risk_applied(b) ? T(b, " after risk") : "",
           money(b, kind_pv));
    if (full)
        append(text, sizeof text, T(b, "Each table gives a line's amounts year by year as "
               "planned%s, with its total and present value; the text says how the line is "
               "built, why its risk is set where it is and where its figures come from."),
               risk_applied(b) ? T(b, ", the risk allowance and the amounts after it") : "");
    else
        append(text, sizeof text, T(b, "Each line's amounts%s year by year, with its total and "
               "present value; under it, how the line is built, why its risk is set where it "
               "is and where its figures come from."), risk_applied(b) ? T(b, " after risk") : "");
    pdf_paragraph(pd, text_size, text);

    for (size_t i = 0; i < bc->line_count; i++) {
        const mlroi_line_result *lr = &bc->lines[i];
        const mlroi_bc_line *wl = s->bc.has_lines && i < s->bc.line_count ? &s->bc.lines[i]
                                                                          : NULL;
        cash_line rows[3];
        char risk_label[64];
        int nrows = 0;
        float th;
        double share = kind_pv != 0 ? lr->pv / kind_pv : NAN;
        const char *title;

        if (lr->kind != k)
            continue;
        if (count > cap && !(fabs(lr->pv) > threshold ||
                             (fabs(lr->pv) == threshold && ties > 0 && ties--))) {
            skipped++;
            continue;
        }
        text[0] = '\0';
        append(text, sizeof text, "%s", wl ? fmt(b, T(b, "Amounts: %s. "), line_how(b, wl))
                                      : lr->from ? fmt(b, T(b, "Amounts: from %s. "), lr->from) : "");
        if (isfinite(share) && count > 1 && full)
            append(text, sizeof text, benefit ? T(b, "%s of the benefits' present value. ")
                                              : T(b, "%s of the costs' present value. "),
                   pct(b, share * 100, 0));
        append(text, sizeof text, T(b, "Risk: %s"), line_risk_text(b, lr, wl && !isnan(wl->risk)));
        if (lr->note && lr->note[0]) {
            size_t nl = strlen(lr->note);
            append(text, sizeof text, T(b, "; why: %s%s"), lr->note,
                   strchr(".!?", lr->note[nl - 1]) ? " " : ". ");
        } else {
            append(text, sizeof text, "%s", lr->risk != 0
                       ? T(b, "; the scenario writes no reason for it. ") : ". ");
        }
        append(text, sizeof text, T(b, "Source: %s."), lr->source && lr->source[0]
                   ? lr->source : lr->derived ? T(b, "the scenario's quick-estimate inputs")
                                              : T(b, "not given in the scenario"));
        title = lr->category && lr->category[0]
                    ? fmt(b, "%s · %s", lr->name ? lr->name : "", lr->category)
                    : (lr->name ? lr->name : "");
        if (!full) {
            /* The title and the note outlive the ring of formatted numbers. */
            /* A longer text is cut at the buffer: append stops there, on purpose. */
            notes[shown][0] = titles[shown][0] = '\0';
            append(titles[shown], sizeof titles[shown], "%s", lr->name ? lr->name : "");
            if (lr->category && lr->category[0])
                append(notes[shown], sizeof notes[shown], "%s. %s", lr->category, text);
            else
                append(notes[shown], sizeof notes[shown], "%s", text);
            rows_all[nall++] = (cash_line){ titles[shown], f, ROW_LINE_AFTER, lr };
            rows_all[nall++] = (cash_line){ notes[shown], f, ROW_NOTE, lr };
            shown++;
            continue;
        }
        shown++;
        if (lr->risk != 0) {
            rows[nrows++] = (cash_line){ T(b, "As planned"), f, ROW_LINE_PLAN, lr };
            /* The label outlives the ring of formatted numbers the table fills. */
            snprintf(risk_label, sizeof risk_label, T(b, "Risk (%s%s)"), benefit ? "-" : "+",
                     pct(b, lr->risk * 100, lr->risk * 100 == floor(lr->risk * 100) ? 0 : 1));
            rows[nrows++] = (cash_line){ risk_label, f, ROW_LINE_RISK, lr };
            rows[nrows++] = (cash_line){ T(b, "After risk"), f, ROW_LINE_ADJ, lr };
        } else {
            rows[nrows++] = (cash_line){ T(b, "Amounts"), f, ROW_LINE_ADJ, lr };
        }
        th = pdf_wrap(pd, PDF_REGULAR, text_size, text_size * pd->lead_factor,
                      b->t->colors.text, 0, 0, content_w(b), text, false);
        /* The name, its text and its table stay together. */
        pdf_need(pd, 16.0f + th + (float)(nrows + 1) * 7.5f * pd->row_factor + 12.0f);
        pdf_fit(pd, PDF_BOLD, 9.0f, 7.0f, b->t->colors.primary, pd->x0, pd->y - 9.0f,
                content_w(b), PDF_LEFT, title);
        pd->y -= 13.0f;
        pdf_paragraph(pd, text_size, text);
        cash_table(b, rows, nrows, f->horizon, sizing, 3);
        pd->y += 2.0f;
    }
    {
        cash_line rows[2] = {
            { T(b, "Total, as planned"), &bc->unadjusted,
              benefit ? ROW_SUM_BENEFITS : ROW_SUM_COSTS, NULL },
            { risk_applied(b) ? T(b, "Total after risk") : T(b, "Total"), &bc->adjusted,
              benefit ? ROW_SUM_BENEFITS : ROW_SUM_COSTS, NULL },
        };
        int from = risk_applied(b) ? 0 : 1;
        cash_line sz[3] = { sizing[0], sizing[1], sizing[2] };
        const char *rest = skipped == 0 ? NULL
            : fmt(b, benefit ? T(b, "%zu smaller benefit line%s, not analysed here, are in the "
                                   "totals; %s")
                             : T(b, "%zu smaller cost line%s, not analysed here, are in the "
                                   "totals; %s"),
                  skipped, skipped == 1 ? "" : "s",
                  full ? T(b, "the table of lines and the workbook show each of them.")
                       : T(b, "the appendix and the workbook show each of them."));
        if (!full) {
            if (rest) {
                snprintf(notes[shown], sizeof notes[shown], "%s", rest);
                rows_all[nall++] = (cash_line){ notes[shown], f, ROW_NOTE, NULL };
            }
            rows_all[nall++] = rows[from];
            if (!from)
                rows_all[nall++] = rows[1];
            /* The label column as wide as the longest name needs (names are never cut),
             * at least the usual width and at most a third of the page. */
            {
                float lw = 96.0f;
                char clean[160];
                for (int i = 0; i < nall; i++) {
                    if (rows_all[i].row != ROW_LINE_AFTER)
                        continue;
                    pdf_clean(pd, PDF_REGULAR, rows_all[i].label, clean, sizeof clean);
                    lw = fmaxf(lw, pdf_width(pd, PDF_REGULAR, cash_base_size(b), clean) + 10.0f);
                }
                b->cash_label_w = fminf(lw, content_w(b) / 3.0f);
            }
            cash_table(b, rows_all, nall, f->horizon, sz, 3);
            b->cash_label_w = 0;
            free(rows_all);
            free(notes);
            free(titles);
            return;
        }
        pdf_need(pd, 60.0f);
        pdf_fit(pd, PDF_BOLD, 9.0f, 7.0f, b->t->colors.primary, pd->x0, pd->y - 9.0f,
                content_w(b), PDF_LEFT, benefit ? T(b, "All benefits") : T(b, "All costs"));
        pd->y -= 13.0f;
        if (rest)
            pdf_paragraph(pd, text_size, rest);
        cash_table(b, rows + from, 2 - from, f->horizon, sz, 3);
    }
}

/* The case's headline figures in one line: NPV, ROI, IRR and MIRR with their notes,
 * payback. */
static void key_figures(brief *b)
{
    const mlroi_bcase_figures *f = adj(b);
    const mlroi_scenario *s = b->s;
    double fr = isnan(s->bc.mirr_finance_rate) ? s->bc.discount_rate : s->bc.mirr_finance_rate;
    double rr = isnan(s->bc.mirr_reinvest_rate) ? s->bc.discount_rate : s->bc.mirr_reinvest_rate;
    char text[NARRATIVE];

    text[0] = '\0';
    append(text, sizeof text, T(b, "%s: NPV %s, ROI on present values %s, internal rate "
           "of return %s%s, modified internal rate of return (MIRR) %s%s, payback %s, "
           "discounted payback %s."), risk_applied(b) ? T(b, "Risk-adjusted") : T(b, "Key figures"),
           money(b, f->npv), pct(b, f->roi_percent, 1),
           pct(b, f->irr * 100, 1), f->irr_note[0] ? fmt(b, " (%s)", rate_note(b, f->irr_note)) : "",
           pct(b, f->mirr * 100, 1),
           f->mirr_note ? fmt(b, " (%s)", rate_note(b, f->mirr_note))
           : fr == rr ? fmt(b, T(b, " (costs financed and gains reinvested at %s)"), pct(b, fr * 100, 1))
                      : fmt(b, T(b, " (costs financed at %s, gains reinvested at %s)"),
                            pct(b, fr * 100, 1), pct(b, rr * 100, 1)),
           payback_text(b, f->payback_months, T(b, "not within the horizon")),
           payback_text(b, f->discounted_payback_months, T(b, "not within the horizon")));
    if (isfinite(f->irr) && f->irr > 1.0)
        append(text, sizeof text, T(b, " An IRR above 100 %% comes from a small early outlay "
               "followed by large returns; it overstates what the money earns, so the summary "
               "shows the MIRR instead."));
    pdf_paragraph(&b->pd, 8.5f, text);
}

/* The TEI cash-flow chart: each year's risk-adjusted benefits and costs as bars, the
 * cumulative net as a line; the engine's figures as the cash-flow table gives them. With
 * ON_PAGE (page 1 of the briefing) the chart shortens to the room the page has left, down to
 * a floor, rather than moving to the next page. */
static void cash_chart(brief *b, bool on_page)
{
    pdf_doc *pd = &b->pd;
    const mlroi_template *t = b->t;
    {
        double ben[MLROI_MAX_YEARS + 1], cost[MLROI_MAX_YEARS + 1], cum[MLROI_MAX_YEARS + 1];
        const mlroi_bcase_figures *f = adj(b);
        int n = f->horizon + 1;
        const char *labels[3];
        mlroi_rgb colors[3] = { t->colors.positive, t->colors.negative, t->colors.primary };
        pdf_cash_chart c;
        float h = (b->t->full_appendix ? 200.0f : 130.0f) * vscale(b);
        float room = pd->y - pd->ybottom - 50.0f;
        float floor_h = on_page ? 80.0f : t->full_appendix ? 105.0f : 88.0f;

        /* A shorter chart rather than a page of its own for it. */
        if (room < h && room >= floor_h)
            h = room;
        for (int i = 0; i < n; i++) {
            ben[i] = f->years[i].benefits;
            cost[i] = f->years[i].costs;
            cum[i] = f->years[i].cumulative_net;
        }
        labels[0] = risk_applied(b) ? T(b, "risk-adjusted benefits") : T(b, "benefits");
        labels[1] = risk_applied(b) ? T(b, "risk-adjusted costs") : T(b, "costs");
        labels[2] = T(b, "cumulative net cash flow");
        memset(&c, 0, sizeof c);
        c.benefits = ben;
        c.costs = cost;
        c.cumulative = cum;
        c.n = n;
        c.benefit_color = pdf_mix(colors[0], pdf_white, 0.15);
        c.cost_color = pdf_mix(colors[1], pdf_white, 0.15);
        c.line_color = colors[2];
        c.y_label = money_label;
        c.label_ctx = b;
        c.initial_label = T(b, "Initial");
        c.year_word = T(b, "Year");
        c.y_title = fmt(b, T(b, "%s a year (%s); costs below zero"), risk_applied(b)
                        ? T(b, "risk-adjusted cash flows") : T(b, "cash flows"), b->cur);
        pdf_need(pd, h + 50.0f);
        pdf_subheading(pd, isfinite(f->payback_months)
                               ? fmt(b, T(b, "Cash flows by year: paid back %s"),
                                     f->payback_months < 1.0
                                         ? T(b, "within the first month")
                                         : fmt(b, T(b, "after %s"), months(b, f->payback_months)))
                               : T(b, "Cash flows by year: not paid back within the horizon"));
        pdf_draw_cash_chart(pd, pd->x0, pd->y, content_w(b), h, &c);
        pd->y -= h + 4.0f;
        pd->y -= pdf_draw_legend(pd, pd->x0, pd->y, content_w(b), labels, colors, NULL, 3);
        pd->y -= 6.0f;
    }
}

static void section_business_case(brief *b)
{
    pdf_doc *pd = &b->pd;
    const mlroi_bcase *bc = &b->r->bcase;
    const mlroi_scenario *s = b->s;
    char text[NARRATIVE];

    heading(b, T(b, "The business case"));
    if (!bc->present) {
        pdf_paragraph(pd, BODY, T(b, "The scenario has no roi section, so there is no business case: "
                      "the benefits of the case come from the quick estimate's inputs."));
        return;
    }
    text[0] = '\0';
    append(text, sizeof text, T(b, "Cash flows over %d year%s, discounted at %s a year %s; the "
           "initial column is not discounted. "), adj(b)->horizon, adj(b)->horizon == 1 ? "" : "s",
           pct(b, s->bc.discount_rate * 100, 1),
           s->bc.discounting == MLROI_DISC_MID
               ? T(b, "in the middle of each year (flows spread over the year)")
               : T(b, "at the end of each year"));
    if (s->bc.has_lines) {
        size_t nb = 0, nc = 0;
        bool own_risk = false;
        for (size_t i = 0; i < bc->line_count && bc->lines; i++) {
            if (bc->lines[i].kind == MLROI_LINE_BENEFIT)
                nb++;
            else
                nc++;
        }
        for (size_t i = 0; i < s->bc.line_count; i++)
            own_risk = own_risk || !isnan(s->bc.lines[i].risk);
        append(text, sizeof text, T(b, "The case adds up %zu line%s: %zu benefit%s and %zu cost%s, "
               "each with its own timing. "), nb + nc, nb + nc == 1 ? "" : "s", nb,
               nb == 1 ? "" : "s", nc, nc == 1 ? "" : "s");
        append(text, sizeof text, T(b, "The risk-adjusted case cuts each benefit line by its risk "
               "(%s unless the line sets its own) and raises each cost line by its risk (%s "
               "unless set)%s; the unadjusted case shows the same plan without these "
               "allowances."), pct(b, s->bc.benefit_risk * 100, 0),
               pct(b, s->bc.cost_risk * 100, 0), own_risk ? T(b, ", as the table shows") : "");
    } else {
        append(text, sizeof text, T(b, "Costs come from %s. "),
               s->bc.costs_from == MLROI_COSTS_TCO ? T(b, "the total cost of ownership below")
                                                   : T(b, "the yearly investment"));
        if (s->bc.benefit_risk > 0 || s->bc.cost_risk > 0 || s->bc.other_count > 0)
            append(text, sizeof text, T(b, "The risk-adjusted case cuts benefits by %s and raises "
                   "costs by %s; the unadjusted case shows the same plan without these "
                   "allowances."), pct(b, s->bc.benefit_risk * 100, 0),
                   pct(b, s->bc.cost_risk * 100, 0));
        else
            append(text, sizeof text, T(b, "The scenario applies no risk allowance, so both tables "
                   "are the same."));
    }
    pdf_paragraph(pd, BODY, text);
    lines_table(b);
    /* The chart is on page 1 (here when the template has no summary); the assumptions
     * behind the case come first, then its figures. */
    if (!template_has(b, MLROI_SECTION_SUMMARY))
        cash_chart(b, false);
    benchmark_checks(b);
    cash_tables(b);
    key_figures(b);

    /* IRR and the quick estimate, for the record (the concise form has them in the summary). */
    if (b->t->full_appendix && b->r->roi.present) {
        text[0] = '\0';
        append(text, sizeof text, T(b, "The article's 12-month quick estimate on the same inputs: "
               "deployment savings %s, incident savings %s, total benefits %s, investment %s, "
               "ROI %s."), money(b, b->r->roi.deployment_savings),
               money(b, b->r->roi.incident_savings), money(b, b->r->roi.total_benefits),
               money(b, b->r->roi.investment), pct(b, b->r->roi.roi_percent, 1));
        pdf_paragraph(pd, 8.5f, text);
    }
    /* Benefits and costs the TEI way, each line with its reasons. */
    lines_analysis(b, MLROI_LINE_BENEFIT);
    lines_analysis(b, MLROI_LINE_COST);
}

/* ------------------------------------------------------------------ sensitivity */

static bool has_sensitivity(const brief *b)
{
    return (b->in->tornado && b->in->tornado->count > 0) || b->in->mc;
}

/* An input's value as the appendix and the tornado show it. */
static const char *input_value(brief *b, const char *path, double v)
{
    const mlroi_param *p = mlroi_param_find(path);
    if (!isfinite(v))
        return "n/a";
    if (p && (p->flags & MLROI_PF_MONEY))
        return v == floor(v) ? money(b, v) : money_cents(b, v);
    if (p && p->type == MLROI_P_FRACTION)
        return pct(b, v * 100, 1);
    if (fabs(v) >= 1000 || v == floor(v))
        return num(b, v, v == floor(v) ? 0 : 1);
    return num_trim(b, v);
}

/* A line's input by its field name in the language: "scale", "risk", "amount", "annual". */
static const char *line_field(const brief *b, const char *field)
{
    static const char *const fields[] = { N_("scale"), N_("risk"), N_("amount"), N_("annual") };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strcmp(field, fields[i]) == 0)
            return T(b, fields[i]);
    return field;
}

/* "business_case.lines[MLOps team].scale" as a reader says it: "MLOps team (line): scale";
 * any other path as it is. */
static const char *line_param_label(brief *b, const char *path)
{
    static const char prefix[] = "business_case.lines[";
    const char *close;

    if (!path || strncmp(path, prefix, sizeof prefix - 1) != 0)
        return path ? path : "";
    close = strrchr(path, ']');
    if (!close || close < path + sizeof prefix - 1)
        return path;
    return fmt(b, T(b, "%.*s (line)%s%s"), (int)(close - path - (sizeof prefix - 1)),
               path + sizeof prefix - 1, close[1] == '.' ? T(b, ": ") : "",
               close[1] == '.' ? line_field(b, close + 2) : close + 1);
}

static const char *param_label(brief *b, const mlroi_param *p);

/* An uncertain input as a reader names it: its label ("Average incident cost"), a line's
 * input as "MLOps team (line): risk". */
static const char *uncertain_label(brief *b, const char *path)
{
    const mlroi_param *p = mlroi_param_find(path);
    return p ? param_label(b, p) : line_param_label(b, path);
}

static int by_contribution_desc(const void *x, const void *y)
{
    const mlroi_sensitivity_input *a = *(const mlroi_sensitivity_input *const *)x;
    const mlroi_sensitivity_input *c = *(const mlroi_sensitivity_input *const *)y;
    return (a->contribution_to_variance < c->contribution_to_variance) -
           (a->contribution_to_variance > c->contribution_to_variance);
}

/* What drives the Monte Carlo's NPV (contribution to variance, Sobol indices with their
 * intervals) and what knowing each input exactly is worth (EVPPI, EVPI and the board's
 * sentence): the engine's figures from the same seed as the histogram. */
static void risk_drivers(brief *b)
{
    pdf_doc *pd = &b->pd;
    const struct mlroi_sensitivity *sn = b->in->sensitivity;
    const struct mlroi_voi *voi = b->in->voi;
    const mlroi_sensitivity_input *order[MLROI_SOBOL_MAX_INPUTS];
    float w = content_w(b), size = b->t->full_appendix ? 7.8f : 7.4f;
    pdf_col cols[5] = { { w * 0.34f, PDF_LEFT }, { w * 0.15f, PDF_RIGHT },
                        { w * 0.18f, PDF_RIGHT }, { w * 0.16f, PDF_RIGHT },
                        { w * 0.17f, PDF_RIGHT } };
    const char *head[5] = { T(b, "Input"), T(b, "Share of variance"), T(b, "Sobol first order"),
                            T(b, "Sobol total"), T(b, "Worth knowing") };
    char text[NARRATIVE], sentence[512];
    size_t n = 0;

    if (!sn || sn->input_count == 0 || !sn->inputs)
        return;
    for (size_t i = 0; i < sn->input_count && n < MLROI_SOBOL_MAX_INPUTS; i++)
        order[n++] = &sn->inputs[i];
    qsort(order, n, sizeof order[0], by_contribution_desc);
    pdf_need(pd, 60.0f + (float)(n + 1) * size * pd->row_factor + 40.0f);
    pdf_subheading(pd, fmt(b, T(b, "What drives the risk: %s, %s of the spread"),
                           uncertain_label(b, order[0]->path),
                           pct(b, order[0]->contribution_to_variance * 100, 0)));
    pdf_table_row(pd, cols, 5, head, size, PDF_ROW_HEADER);
    for (size_t i = 0; i < n; i++) {
        const mlroi_sensitivity_input *in = order[i];
        const mlroi_sobol_index *si = &in->sobol;
        double evppi = NAN;
        const char *cells[5];
        if (voi)
            for (size_t k = 0; k < voi->input_count; k++)
                if (strcmp(voi->paths[k], in->path) == 0)
                    evppi = voi->evppi[k];
        cells[0] = uncertain_label(b, in->path);
        cells[1] = pct(b, in->contribution_to_variance * 100, 1);
        cells[2] = isfinite(si->first_order_ci[0])
                       ? fmt(b, "%s (%s–%s)", num(b, si->first_order, 2),
                             num(b, si->first_order_ci[0], 2), num(b, si->first_order_ci[1], 2))
                       : num(b, si->first_order, 2);
        cells[3] = isfinite(si->total_ci[0])
                       ? fmt(b, "%s (%s–%s)", num(b, si->total, 2), num(b, si->total_ci[0], 2),
                             num(b, si->total_ci[1], 2))
                       : num(b, si->total, 2);
        cells[4] = isfinite(evppi) ? money(b, evppi) : "n/a";
        pdf_table_row(pd, cols, 5, cells, size, i % 2 ? PDF_ROW_SHADE : 0);
    }
    pd->y -= 6.0f;
    text[0] = '\0';
    if (voi) {
        if (!b->local) {
            mlroi_voi_sentence(voi, b->cur, sentence, sizeof sentence);
        } else {
            /* The engine words its sentence in English: the same finding, said here. */
            size_t top = 0;
            for (size_t k = 1; k < voi->input_count; k++)
                if (voi->evppi[k] > voi->evppi[top])
                    top = k;
            snprintf(sentence, sizeof sentence, T(b, "Knowing %s exactly would be worth up to %s."),
                     voi->input_count ? uncertain_label(b, voi->paths[top]) : "",
                     voi->input_count ? money(b, voi->evppi[top]) : "");
        }
        append(text, sizeof text, T(b, "%s Knowing every input exactly before deciding would be "
               "worth up to %s (the expected value of perfect information); an input worth "
               "little is not worth a study. "), sentence, money(b, voi->evpi));
    }
    append(text, sizeof text, T(b, "Share of variance is each input's squared rank correlation with "
           "the NPV, normalised; the Sobol indices (first order: the input alone; total: with "
           "its interactions; 95 %% intervals) come from %s evaluations, seed %llu%s."),
           num(b, (double)sn->evaluations, 0), (unsigned long long)sn->seed,
           sn->correlations_ignored ? T(b, ", taking the inputs as independent") : "");
    pdf_paragraph(pd, b->t->full_appendix ? 8.5f : 8.0f, text);
}

static void section_sensitivity(brief *b)
{
    pdf_doc *pd = &b->pd;
    const struct mlroi_tornado *tor = b->in->tornado;
    const struct mlroi_mc_result *mc = b->in->mc;
    char text[NARRATIVE];

    if (!has_sensitivity(b))
        return;
    heading(b, T(b, "How sure are we: sensitivity"));
    if (tor && tor->count > 0) {
        pdf_tornado_row rows[MAX_TORNADO_BARS];
        /* Each row's label and values outlive the ring of formatted numbers (ten rows take
         * 30 strings, more than it holds). */
        char row_text[MAX_TORNADO_BARS][3][160];
        int n = 0;
        const char *metric = tor->metric && tor->metric->label ? tor->metric->label : T(b, "NPV");
        /* The board sees the six inputs that move the result most; the rest barely do. */
        const int max_bars = b->t->full_appendix ? MAX_TORNADO_BARS : 6;
        for (size_t i = 0; i < tor->count && n < max_bars; i++) {
            const mlroi_tornado_bar *bar = &tor->bars[i];
            if (!isfinite(bar->low) && !isfinite(bar->high))
                continue;
            snprintf(row_text[n][0], sizeof row_text[n][0], "%s",
                     bar->label ? T(b, bar->label) : line_param_label(b, bar->param));
            snprintf(row_text[n][1], sizeof row_text[n][1], "%s",
                     input_value(b, bar->param, bar->low_value));
            snprintf(row_text[n][2], sizeof row_text[n][2], "%s",
                     input_value(b, bar->param, bar->high_value));
            rows[n].label = row_text[n][0];
            rows[n].low = bar->low;
            rows[n].high = bar->high;
            rows[n].low_text = row_text[n][1];
            rows[n].high_text = row_text[n][2];
            n++;
        }
        text[0] = '\0';
        append(text, sizeof text, T(b, "Each input moves on its own by %s either way (or to the range "
               "the scenario gives) while the others stay put; bars show the %s that results, "
               "around the base case of %s. The input's value is printed at the end of each "
               "bar; green bars raise the result, red bars lower it. "), pct(b, tor->swing_fraction * 100, 0), metric, money(b, tor->base));
        if (n > 0)
            append(text, sizeof text, T(b, "The largest swing comes from %s."), rows[0].label);
        {
            /* The heading, its paragraph and the chart stay on one page. */
            float bar_h = (b->t->full_appendix ? 17.0f : 13.0f) * vscale(b), h = bar_h * (float)n + 16.0f;
            float lead = BODY * pd->lead_factor;
            float para = pdf_wrap(pd, PDF_REGULAR, BODY, lead, b->t->colors.text, 0, 0,
                                  content_w(b), text, false);
            pdf_need(pd, 25.0f + para + (n > 0 ? h : 0.0f));
            pdf_subheading(pd, fmt(b, T(b, "What moves the %s most"), metric));
            pdf_paragraph(pd, BODY, text);
        }
        if (n > 0) {
            float bar_h = (b->t->full_appendix ? 17.0f : 13.0f) * vscale(b), h = bar_h * (float)n + 16.0f;
            pdf_need(pd, h);
            pdf_draw_tornado(pd, pd->x0, pd->y, content_w(b), 150.0f, bar_h, rows, n, tor->base,
                             money_label, b);
            pd->y -= h + 8.0f;
        }
    }
    if (mc) {
        const mlroi_mc_stats *npv = &mc->metrics[0];
        double edges[MLROI_MC_MAX_BINS + 1], counts[MLROI_MC_MAX_BINS];
        pdf_marker marks[3];
        size_t bins = mc->bins < MLROI_MC_MAX_BINS ? mc->bins : MLROI_MC_MAX_BINS;
        float h = (b->t->full_appendix ? 170.0f : 115.0f) * vscale(b);

        /* The heading, its paragraph and the histogram stay on one page. */
        pdf_need(pd, h + 72.0f);
        pdf_subheading(pd, T(b, "Range of outcomes (Monte Carlo)"));
        text[0] = '\0';
        append(text, sizeof text, T(b, "%s scenarios drawn from the ranges the scenario gives for %zu "
               "input%s (%s sampling, seed %llu). In 8 cases out of 10 the NPV lands between %s "
               "(P10) and %s (P90), with a median of %s. The chance that the NPV is positive is "
               "%s."), num(b, (double)mc->samples, 0), mc->input_count,
               mc->input_count == 1 ? "" : "s",
               mc->method_name ? mc->method_name : T(b, "random"),
               (unsigned long long)mc->seed, money(b, npv->pct[1]), money(b, npv->pct[5]),
               money(b, npv->pct[3]), chance(b, mc->p_npv_positive));
        if (isfinite(mc->p_payback_within_horizon)) {
            const char *share = chance(b, mc->p_payback_within_horizon);
            /* A sentence starts with a capital: "More than 99.9 %". */
            append(text, sizeof text, T(b, " %c%s of them pay back within the horizon."),
                   share[0] == 'm' ? 'M' : share[0] == 'l' ? 'L' : share[0], share + 1);
        }
        pdf_paragraph(pd, BODY, text);
        /* The core of the distribution, the 0.5th to the 99.5th percentile, with the rest
         * in open tail bins: the extremes would squeeze the mass into a few bars. */
        if (bins > 0 && mc->core_edges && mc->core_counts) {
            for (size_t i = 0; i <= bins; i++)
                edges[i] = mc->core_edges[i];
            for (size_t i = 0; i < bins; i++)
                counts[i] = (double)mc->core_counts[i];
            marks[0] = (pdf_marker){ npv->pct[1], fmt(b, "P10 %s", money_short(b, npv->pct[1])) };
            marks[1] = (pdf_marker){ npv->pct[3], fmt(b, "P50 %s", money_short(b, npv->pct[3])) };
            marks[2] = (pdf_marker){ npv->pct[5], fmt(b, "P90 %s", money_short(b, npv->pct[5])) };
            pdf_need(pd, h + 6.0f);
            pdf_draw_histogram(pd, pd->x0, pd->y, content_w(b), h, edges, counts, (int)bins,
                               (double)mc->tail_low, (double)mc->tail_high, marks, 3,
                               money_label, b,
                               fmt(b, T(b, "NPV (%s); bars below zero in red; the open end bars hold "
                                   "the lowest and the highest 0.5 %% of outcomes"), b->cur));
            pd->y -= h + 6.0f;
        }
        risk_drivers(b);
    }
}

/* ------------------------------------------------------------------ team and TCO */

/* The platform the published guidance points to (the first matching rule), what else fits, the
 * licence it costs and, when the TCO lists no licence, what it would add to the figures. */
/* The licences the scenario already pays, in words ("Experiment tracking seats (€18,000 a
 * year in the cost of ownership)", "the business-case line Platform licence"), "" when none.
 * A line counts when its category or its name speaks of a licence. */
static const char *licences_paid(brief *b)
{
    const mlroi_scenario *s = b->s;
    const mlroi_bcase *bc = &b->r->bcase;
    char *out = slot(b);
    int n = 0;

    out[0] = '\0';
    if (b->r->tco.present && b->r->tco.licenses > 0) {
        for (size_t i = 0; i < s->tco.license_count; i++)
            append(out, 320, "%s%s", n++ ? ", " : "", s->tco.licenses[i].name);
        append(out, 320, T(b, " (%s a year in the cost of ownership)"), money(b, b->r->tco.licenses));
    }
    for (size_t i = 0; bc->present && i < bc->line_count; i++) {
        const mlroi_line_result *l = &bc->lines[i];
        bool licence = (l->category && strstr(l->category, "icen")) ||
                       (l->name && strstr(l->name, "icen"));
        if (l->kind != MLROI_LINE_COST || !licence)
            continue;
        append(out, 320, T(b, "%sthe business-case line %s"), n++ ? ", " : "", l->name);
    }
    return out;
}

static void platform_block(brief *b)
{
    pdf_doc *pd = &b->pd;
    const mlroi_vendor *v = &b->r->vendor;
    const mlroi_vendor_rule *rec = v->recommended;
    float key_w = 118.0f;
    char text[NARRATIVE];

    if (!v->present || rec == NULL)
        return;
    if (!b->t->full_appendix) {
        /* Compact templates: one paragraph with the stack, its licence and the lock-in risk;
         * the alternatives and the rationale are in `mlroi vendor` and the full briefing. */
        const char *paid = licences_paid(b);
        text[0] = '\0';
        if (paid[0])
            /* Start from what the scenario pays: never advise "no licence fee" to a case
             * that budgets one. */
            append(text, sizeof text, T(b, "The scenario already pays for %s. Platform the guidance "
                   "points to: %s%s."), paid, rec->stack ? mlroi_lang_text(b->lang, rec->stack) : "",
                   rec->licence.high > 0 ? fmt(b, T(b, ", whose licence runs %s–%s a year"),
                                               money(b, rec->licence.low),
                                               money(b, rec->licence.high))
                                         : "");
        else
            append(text, sizeof text, T(b, "Platform the guidance points to: %s, with %s."),
                   rec->stack ? mlroi_lang_text(b->lang, rec->stack) : "",
                   rec->licence.high > 0 ? fmt(b, T(b, "a licence of %s–%s a year"),
                                               money(b, rec->licence.low),
                                               money(b, rec->licence.high))
                                         : T(b, "no licence fee (infrastructure costs only)"));
        if (v->licence_outside_tco)
            append(text, sizeof text, T(b, " The licence is not in the cost of ownership above."));
        if (rec->lock_in)
            append(text, sizeof text, T(b, " Lock-in: %s"), T(b, rec->lock_in));
        pd->y -= 4.0f;
        pdf_paragraph(pd, 8.5f, text);
        return;
    }
    pdf_subheading(pd, T(b, "Platform the guidance points to"));
    {
        const char *paid = licences_paid(b);
        if (paid[0])
            kv_wrap(b, T(b, "Licences paid today"), paid, key_w);
        kv_row(b, T(b, "Recommended stack"), rec->stack ? mlroi_lang_text(b->lang, rec->stack) : "", key_w);
        kv_row(b, T(b, "Licence of the stack"), rec->licence.high > 0
                   ? fmt(b, T(b, "%s–%s a year"), money(b, rec->licence.low),
                         money(b, rec->licence.high))
                   : paid[0] ? T(b, "none for the stack itself; the licences above stay")
                             : T(b, "no licence fee (infrastructure costs only)"), key_w);
    }
    for (int i = 0; i < v->alternative_count; i++)
        kv_row(b, i == 0 ? T(b, "Also fits") : "", mlroi_lang_text(b->lang, v->alternatives[i]->stack), key_w);
    for (int i = 0; i < v->enterprise_count; i++)
        kv_row(b, i == 0 ? T(b, "Enterprise options") : "",
               fmt(b, "%s (%s)", v->enterprise[i]->name, T(b, v->enterprise[i]->cost_text)), key_w);
    pd->y -= 4.0f;
    text[0] = '\0';
    append(text, sizeof text, "%s", rec->rationale ? T(b, rec->rationale) : "");
    if (rec->lock_in)
        append(text, sizeof text, T(b, "%sLock-in: %s"), text[0] ? " " : "", T(b, rec->lock_in));
    if (v->licence_outside_tco)
        append(text, sizeof text, T(b, " The cost of ownership above lists no licence; this stack "
               "would add %s–%s a year, which is not included in any figure of this briefing."),
               money(b, rec->licence.low), money(b, rec->licence.high));
    if (text[0])
        pdf_paragraph(pd, 8.5f, text);
}

/* Each business unit's yearly share of the platform's running cost; the charges are rounded
 * to the cent with the remainders distributed so that they add up to the pool exactly. */
static void chargeback_table(brief *b)
{
    pdf_doc *pd = &b->pd;
    const mlroi_chargeback *cb = &b->r->chargeback;
    bool by_models = b->s->chargeback.basis != MLROI_CB_EQUAL;
    float w = content_w(b);
    pdf_col cols[4] = { { w * 0.40f, PDF_LEFT }, { w * 0.16f, PDF_RIGHT },
                        { w * 0.16f, PDF_RIGHT }, { w * 0.28f, PDF_RIGHT } };
    const char *cells[4];
    double models = 0;
    long long cents = 0;
    char text[NARRATIVE];

    if (!cb->present || cb->unit_count == 0)
        return;
    pdf_need(pd, 60.0f + 14.0f * (float)(cb->unit_count < 6 ? cb->unit_count : 6));
    pdf_subheading(pd, T(b, "Chargeback: who pays for the platform"));
    text[0] = '\0';
    append(text, sizeof text, T(b, "The platform's yearly running cost of %s (%s) is shared %s."),
           money_cents(b, cb->pool),
           cb->pool_source && strcmp(cb->pool_source, "tco.recurring_annual.total") == 0
               ? T(b, "the recurring cost of ownership")
               : T(b, "the business case's yearly cost, risk uplift included"),
           by_models ? T(b, "in proportion to each unit's models in production")
                     : T(b, "equally between the business units"));
    pdf_paragraph(pd, 8.5f, text);
    cells[0] = T(b, "Business unit");
    cells[1] = T(b, "Models");
    cells[2] = T(b, "Share");
    cells[3] = T(b, "Yearly charge");
    pdf_table_row(pd, cols, 4, cells, 8.0f, PDF_ROW_HEADER);
    for (size_t i = 0; i < cb->unit_count; i++) {
        const mlroi_cb_charge *u = &cb->units[i];
        cells[0] = u->name;
        cells[1] = num_trim(b, u->models);
        cells[2] = pct(b, u->share * 100.0, 1);
        cells[3] = money_cents(b, (double)u->annual_charge_cents / 100.0);
        pdf_table_row(pd, cols, 4, cells, 8.0f, i % 2 ? PDF_ROW_SHADE : 0);
        models += u->models;
        cents += u->annual_charge_cents;
    }
    cells[0] = T(b, "Total");
    cells[1] = num_trim(b, models);
    cells[2] = pct(b, 100.0, 1);
    cells[3] = money_cents(b, (double)cents / 100.0);
    pdf_table_row(pd, cols, 4, cells, 8.0f, PDF_ROW_BOLD | PDF_ROW_RULE);
    pd->y -= 6.0f;
}

static void section_team_tco(brief *b)
{
    pdf_doc *pd = &b->pd;
    const mlroi_team *tm = &b->r->team;
    const mlroi_tco *tc = &b->r->tco;
    const mlroi_template *t = b->t;
    char text[NARRATIVE];

    heading(b, T(b, "Team and total cost of ownership"));
    if (tm->present) {
        float w = content_w(b);
        pdf_col cols[5] = { { w * 0.34f, PDF_LEFT }, { w * 0.12f, PDF_RIGHT },
                            { w * 0.27f, PDF_RIGHT }, { w * 0.27f, PDF_RIGHT } };
        const char *cells[4];
        const mlroi_role_cost *roles[3] = { &tm->ml, &tm->mlops, &tm->governance };
        const char *names[3] = { T(b, "ML engineers"), T(b, "MLOps engineers"), T(b, "AI governance lead") };
        bool assumed = false;

        pdf_subheading(pd, T(b, "Recommended roles"));
        cells[0] = T(b, "Role");
        cells[1] = T(b, "People");
        cells[2] = T(b, "Salary per person a year");
        cells[3] = T(b, "Yearly cost");
        pdf_table_row(pd, cols, 4, cells, 8.0f, PDF_ROW_HEADER);
        for (int i = 0; i < 3; i++) {
            const mlroi_role_cost *rc = roles[i];
            if (rc->count == 0 && i == 2)
                continue;
            cells[0] = i == 0 ? fmt(b, T(b, "%s (range %d–%d)"), names[i], tm->ml_min, tm->ml_max)
                              : names[i];
            cells[1] = fmt(b, "%d", rc->count);
            cells[2] = rc->salary_from_scenario
                           ? fmt(b, T(b, "%s (scenario)"), money(b, rc->salary))
                           : fmt(b, "%s%s", money(b, rc->salary), rc->salary_assumed ? " *" : "");
            cells[3] = money(b, rc->annual_cost);
            assumed = assumed || rc->salary_assumed;
            pdf_table_row(pd, cols, 4, cells, 8.0f, i % 2 ? PDF_ROW_SHADE : 0);
        }
        cells[0] = T(b, "Total");
        cells[1] = fmt(b, "%d", tm->headcount);
        cells[2] = fmt(b, T(b, "range %s–%s"), money_short(b, tm->annual_cost_low),
                       money_short(b, tm->annual_cost_high));
        cells[3] = money(b, tm->annual_cost);
        pdf_table_row(pd, cols, 4, cells, 8.0f, PDF_ROW_BOLD | PDF_ROW_RULE);
        pd->y -= 6.0f;
        text[0] = '\0';
        if (b->t->full_appendix)
            append(text, sizeof text, T(b, "The roles follow the published ratios: one ML engineer per "
               "three to four data scientists (%s data scientists here) and one MLOps engineer "
               "per 20 production models (%s models)%s. Salaries are the middle of the %s "
               "benchmark range unless the scenario gives them."),
               num(b, b->s->team.data_scientists, 0), num(b, b->s->team.production_models, 0),
               tm->governance_lead ? T(b, ", plus a governance lead for level 3 ambitions or "
                                     "high-risk models") : "",
               b->s->region == MLROI_REGION_EU ? "EU" : "US");
        if (assumed)
            append(text, sizeof text, T(b, "%s* No published figure: an assumption, shown as such."),
                   text[0] ? " " : "");
        if (tm->bracket)
            append(text, sizeof text, T(b, "%sIn the %s size bracket the article's typical team is "
                   "%s–%s people with a yearly budget of %s–%s: this plan is %s on head count "
                   "and %s on cost."), text[0] ? " " : "", tm->bracket->label,
                   num(b, tm->bracket->people.low, 0),
                   num(b, tm->bracket->people.high, 0), usd(b, tm->bracket->budget.low),
                   usd(b, tm->bracket->budget.high),
                   tm->headcount_within ? T(b, "within the range") : T(b, "outside the range"),
                   tm->cost_within ? T(b, "within the range") : T(b, "outside the range"));
        pdf_paragraph(pd, 8.5f, text);
    }
    if (tc->present) {
        pdf_bar bars[8];
        int n = 0;
        struct { const char *label; double v; } parts[] = {
            { T(b, "Training compute"), tc->training }, { T(b, "Inference compute"), tc->inference },
            { T(b, "Model storage"), tc->storage }, { T(b, "Monitoring"), tc->monitoring },
            { T(b, "Licences"), tc->licenses }, { T(b, "People"), tc->people },
        };
        for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
            if (!(parts[i].v > 0))
                continue;
            bars[n++] = (pdf_bar){ parts[i].label, parts[i].v, money(b, parts[i].v),
                                   t->colors.primary };
        }
        if (tc->one_time_total > 0)
            bars[n++] = (pdf_bar){ T(b, "One-time (set-up, training)"), tc->one_time_total,
                                   money(b, tc->one_time_total), t->colors.accent };
        pdf_subheading(pd, T(b, "Where the money goes"));
        text[0] = '\0';
        append(text, sizeof text, T(b, "Recurring costs come to %s a year, of which %s a month is "
               "cloud (compute, storage and monitoring); one-time costs are %s. Over %d years "
               "the total cost of ownership is %s."), money(b, tc->recurring_total),
               money(b, tc->monthly_cloud), money(b, tc->one_time_total), tc->horizon,
               money(b, tc->total));
        pdf_paragraph(pd, BODY, text);
        /* The components by chart in the consultant's briefing; the board reads the totals. */
        if (n > 0 && b->t->full_appendix) {
            float bar_h = 15.0f * vscale(b);
            float h = bar_h * (float)n + 18.0f;
            pdf_need(pd, h + 14.0f);
            pdf_fit(pd, PDF_REGULAR, 7.5f, 6.0f, t->colors.muted, pd->x0, pd->y - 7.0f,
                    content_w(b), PDF_LEFT, fmt(b, T(b, "yearly cost by component (%s); one-time "
                                                "costs in the accent colour"), b->cur));
            pd->y -= 14.0f;
            pdf_draw_hbars(pd, pd->x0, pd->y, content_w(b), 140.0f, bar_h, bars, n, money_label,
                           b);
            pd->y -= h + 6.0f;
        }
    } else if (!tm->present) {
        pdf_paragraph(pd, BODY, T(b, "The scenario has neither a team nor a tco section."));
    }
    if (b->t->show_platform)
        platform_block(b);
    if (b->t->show_chargeback)
        chargeback_table(b);
}

/* ------------------------------------------------------------------ governance */

static void section_governance(brief *b)
{
    pdf_doc *pd = &b->pd;
    const mlroi_benchmarks *bm = b->r->benchmarks;
    const mlroi_scenario *s = b->s;
    const mlroi_maturity *m = &b->r->maturity;
    char text[NARRATIVE];
    /* The governance dimensions, the checklist questions that evidence them and the level
     * whose roadmap phase delivers them; each name is translated where it is drawn. */
    static const struct { const char *name; int q[3]; int nq; int level; } dims[] = {
        { N_("Traceability of experiments and versions"), { 0, 1, -1 }, 2, 1 },
        { N_("Data lineage"), { 2, -1, -1 }, 1, 1 },
        { N_("Model catalogue"), { 5, 3, -1 }, 2, 2 },
        { N_("Approval workflow"), { 11, -1, -1 }, 1, 3 },
        { N_("Drift monitoring"), { 8, -1, -1 }, 1, 3 },
        { N_("Incident response (rollback)"), { 10, -1, -1 }, 1, 3 },
        { N_("Alignment with the AI Act"), { 15, -1, -1 }, 1, 3 },
    };

    /* The EU AI Act binds organisations in the EU: a US scenario gets the traceability the
     * plan provides, without the Act's calendar. */
    bool eu = s->region == MLROI_REGION_EU;

    heading(b, eu ? T(b, "Governance and the EU AI Act") : T(b, "Governance and traceability"));
    text[0] = '\0';
    if (eu)
        append(text, sizeof text, T(b, "Organisations that use AI in regulated decisions must show "
               "who trained each model, on which data and with which settings, keep logs a "
               "regulator can read, and keep people in charge of approvals."));
    else
        append(text, sizeof text, T(b, "Models that drive business decisions need evidence an "
               "auditor can follow: who trained each model, on which data and with which "
               "settings, and who approved its release."));
    if (s->has_team && s->team.high_risk_models > 0)
        append(text, sizeof text, T(b, " This scenario declares %s high-risk model%s, so %s."),
               num(b, s->team.high_risk_models, 0), s->team.high_risk_models == 1 ? "" : "s",
               eu ? T(b, "the obligations below apply directly")
                  : T(b, "every release needs the approval trail below"));
    pdf_paragraph(pd, BODY, text);
    if (eu && bm && bm->ai_act_count > 0) {
        float w = content_w(b);
        pdf_col cols[2] = { { w * 0.2f, PDF_LEFT }, { w * 0.8f, PDF_LEFT } };
        const char *cells[2] = { T(b, "Date"), T(b, "What applies") };
        pdf_table_row(pd, cols, 2, cells, 8.0f, PDF_ROW_HEADER);
        for (size_t i = 0; i < bm->ai_act_count; i++) {
            cells[0] = month_year(b, bm->ai_act[i].date);
            cells[1] = bm->ai_act[i].text ? T(b, bm->ai_act[i].text) : "";
            pdf_table_row(pd, cols, 2, cells, 8.0f, i % 2 ? PDF_ROW_SHADE : 0);
        }
        pd->y -= 8.0f;
    }
    pdf_subheading(pd, T(b, "What traceability the plan provides"));
    {
        float w = content_w(b);
        pdf_col cols[3] = { { w * 0.34f, PDF_LEFT }, { w * 0.22f, PDF_LEFT },
                            { w * 0.44f, PDF_LEFT } };
        const char *cells[3] = { T(b, "Dimension"), T(b, "Today"), T(b, "With the roadmap") };
        pdf_table_row(pd, cols, 3, cells, 8.0f, PDF_ROW_HEADER);
        for (size_t i = 0; i < sizeof dims / sizeof dims[0]; i++) {
            int yes = 0;
            if (!eu && strstr(dims[i].name, "AI Act"))
                continue;
            for (int k = 0; k < dims[i].nq; k++)
                if (s->answers[dims[i].q[k]] == MLROI_YES)
                    yes++;
            cells[0] = T(b, dims[i].name);
            cells[1] = !m->present ? T(b, "not assessed") : yes == dims[i].nq ? T(b, "in place")
                     : yes ? T(b, "partly in place") : T(b, "missing");
            if (m->present && yes == dims[i].nq) {
                cells[2] = T(b, "kept and audited");
            } else {
                const mlroi_phase *p = phase_for_level(b, dims[i].level);
                cells[2] = p ? fmt(b, T(b, "Phase %d, %s (by month %d)"), p->number, T(b, p->name),
                                   p->month_to)
                             : T(b, "not covered by the roadmap");
            }
            pdf_table_row(pd, cols, 3, cells, 8.0f, i % 2 ? PDF_ROW_SHADE : 0);
        }
        pd->y -= 6.0f;
    }
    if (b->t->full_appendix)
        pdf_paragraph(pd, 8.5f, T(b, "Every figure of this briefing traces to an input listed in the "
                      "appendix, with its source and the SHA-256 of the scenario file, so the "
                      "business case itself can be audited and reproduced."));
}

/* ------------------------------------------------------------------ appendix */

static const char *source_name(const brief *b, unsigned char src)
{
    switch (src) {
    case MLROI_SRC_FILE: return T(b, "scenario");
    case MLROI_SRC_SET: return "--set";
    default: return T(b, "default");
    }
}

/* The value the engine used for an input the scenario leaves to a benchmark (a salary, a
 * monitoring or storage rate), NAN when none; *ASSUMED when no published figure backs it. */
static double benchmark_used(const brief *b, const mlroi_param *p, bool *assumed)
{
    const mlroi_team *t = &b->r->team;
    const mlroi_role_cost *rc = NULL;

    *assumed = false;
    if (strcmp(p->path, "team.ml_engineer_salary") == 0)
        rc = &t->ml;
    else if (strcmp(p->path, "team.mlops_engineer_salary") == 0)
        rc = &t->mlops;
    else if (strcmp(p->path, "team.governance_lead_salary") == 0)
        rc = &t->governance;
    if (rc) {
        if (!t->present || !isfinite(rc->salary) || rc->salary <= 0)
            return NAN;
        *assumed = rc->salary_assumed;
        return rc->salary;
    }
    if (!b->r->tco.present)
        return NAN;
    if (strcmp(p->path, "tco.monitoring_per_model_month") == 0)
        return b->r->tco.monitoring_rate;
    if (strcmp(p->path, "tco.storage_per_gb_month") == 0)
        return b->r->tco.storage_rate;
    return NAN;
}

/* A checklist answer's key ("model_registry") as words in the language ("model registry",
 * "registre de modèles"); tests/lang_check.py collects the keys' words. */
static const char *answer_name(brief *b, const char *key)
{
    char *out = slot(b), *c;

    snprintf(out, sizeof b->ring[0], "%s", key);
    for (c = out; *c; c++)
        if (*c == '_')
            *c = ' ';
    return mlroi_lang_text(b->lang, out);
}

/* An input as a reader names it: the schema's short label, capitalised ("Time to production
 * today"); a checklist answer by its question's id in words ("Checklist: model registry"). */
static const char *param_label(brief *b, const mlroi_param *p)
{
    static const char answers[] = "maturity.answers.";
    char *out = slot(b);
    const char *l = p->label && p->label[0] ? T(b, p->label) : p->path;

    if (strncmp(p->path, answers, sizeof answers - 1) == 0) {
        snprintf(out, 320, T(b, "Checklist: %s"), answer_name(b, p->path + sizeof answers - 1));
    } else {
        snprintf(out, 320, "%s", l);
        if (out[0] >= 'a' && out[0] <= 'z')
            out[0] = (char)(out[0] - 'a' + 'A');
    }
    for (char *c = out; *c; c++)
        if (*c == '_')
            *c = ' ';
    return out;
}

/* A fraction as a percentage with the digits it needs: 0.75 -> "75 %", 0.035 -> "3.5 %". */
static const char *pct_exact(brief *b, double v)
{
    double p = v * 100;
    for (int d = 0; d < 4; d++) {
        double scale = pow(10, d);
        if (fabs(p * scale - nearbyint(p * scale)) < 1e-9 * fmax(1.0, fabs(p * scale)))
            return pct(b, p, d);
    }
    return pct(b, p, 4);
}

/* The value of a scalar parameter as text. */
static const char *param_value(brief *b, const mlroi_param *p)
{
    const char *base = (const char *)b->s + p->offset;
    switch (p->type) {
    case MLROI_P_NUMBER:
    case MLROI_P_COUNT:
    case MLROI_P_FRACTION: {
        double v;
        memcpy(&v, base, sizeof v);
        if (!isfinite(v)) {
            if (strcmp(p->path, "business_case.annual_cost") == 0)
                return fmt(b, T(b, "%s (follows roi.mlops_investment)"),
                           money(b, mlroi_scenario_annual_cost(b->s)));
            if (strcmp(p->path, "business_case.mirr_finance_rate") == 0 ||
                strcmp(p->path, "business_case.mirr_reinvest_rate") == 0)
                return fmt(b, T(b, "%s (the discount rate)"),
                           pct_exact(b, b->s->bc.discount_rate));
            {
                bool assumed;
                double used = benchmark_used(b, p, &assumed);
                if (isfinite(used))
                    return fmt(b, "%s, %s", used == floor(used) ? money(b, used)
                                             : money_cents(b, used),
                               assumed ? T(b, "assumed default") : T(b, "article benchmark"));
            }
            return T(b, "not set");
        }
        if (p->flags & MLROI_PF_MONEY)
            return v == floor(v) ? money(b, v) : money_cents(b, v);
        if (p->type == MLROI_P_FRACTION || (p->flags & MLROI_PF_RATE) ||
            strcmp(p->path, "business_case.cost_risk") == 0)
            return pct_exact(b, v);
        return exact(b, v);
    }
    case MLROI_P_BOOL: {
        bool v;
        memcpy(&v, base, sizeof v);
        return v ? T(b, "yes") : T(b, "no");
    }
    case MLROI_P_ANSWER: {
        signed char v = *(const signed char *)base;
        return v == MLROI_YES ? T(b, "YES") : v == MLROI_NO ? T(b, "NO") : T(b, "unanswered");
    }
    case MLROI_P_STRING: {
        const char *v;
        memcpy(&v, base, sizeof v);
        return v ? v : T(b, "(none)");
    }
    case MLROI_P_ENUM: {
        int v;
        memcpy(&v, base, sizeof v);
        if (p->choices) {
            for (int i = 0; p->choices[i]; i++)
                if (i == v)
                    return p->choices[i];
        }
        return fmt(b, "%d", v);
    }
    case MLROI_P_CURRENCY:
        return fmt(b, "%.3s", base);
    }
    return "";
}

static const char *param_source(const brief *b, const mlroi_param *p)
{
    unsigned char src = b->s->sources ? b->s->sources[mlroi_param_index(p)] : 0;
    if (src == MLROI_SRC_DEFAULT && (p->type == MLROI_P_NUMBER) &&
        isnan(*(const double *)(const void *)((const char *)b->s + p->offset))) {
        bool assumed;
        if (isfinite(benchmark_used(b, p, &assumed)))
            return assumed ? T(b, "default") : T(b, "benchmark");
    }
    return source_name(b, src);
}

/* Inputs a case with business_case.lines refuses (its lines give every cost): not listed. */
static bool param_unused(const brief *b, const mlroi_param *p)
{
    return b->s->bc.has_lines && (strcmp(p->path, "business_case.initial_investment") == 0 ||
                                  strcmp(p->path, "business_case.annual_cost") == 0 ||
                                  strcmp(p->path, "business_case.costs_from") == 0);
}

/* Compact form: path, value and source in two columns side by side, on one page. */
static bool appendix_inputs_compact(brief *b, const mlroi_param *const *params, size_t count)
{
    pdf_doc *pd = &b->pd;
    float size = 6.4f, gap = 12.0f, half = (content_w(b) - gap) / 2.0f;
    float saved_factor = pd->row_factor, side_h[2] = { 0, 0 }, need;
    size_t rows = (count + 1) / 2;
    pdf_col cols[3] = { { half * 0.47f, PDF_LEFT }, { half * 0.38f, PDF_RIGHT },
                        { half * 0.15f, PDF_LEFT } };
    const char *head[3] = { T(b, "Input"), T(b, "Value"), T(b, "Source") };
    float x0 = pd->x0, top, total = 0.0f, run = 0.0f;

    /* Two dense columns of short cells; a value too wide for its cell wraps, never cut. The
     * columns split where their heights are even, not their counts: wrapped values would
     * otherwise leave one side long and the other short. */
    pd->row_factor = saved_factor * 0.84f;
    for (size_t i = 0; i < count; i++) {
        const char *row[3] = { param_label(b, params[i]), param_value(b, params[i]),
                               param_source(b, params[i]) };
        total += pdf_table_row_wrap_height(pd, cols, 3, row, size);
    }
    for (rows = 0; rows < count; rows++) {
        const char *row[3] = { param_label(b, params[rows]), param_value(b, params[rows]),
                               param_source(b, params[rows]) };
        float h = pdf_table_row_wrap_height(pd, cols, 3, row, size);
        if (run + h / 2.0f > total / 2.0f)
            break;
        run += h;
    }
    side_h[0] = run;
    side_h[1] = total - run;
    need = size * pd->row_factor + fmaxf(side_h[0], side_h[1]);
    if (need > pd->ytop - pd->ybottom - 40.0f) {
        pd->row_factor = saved_factor;
        return false;
    }
    pd->row_factor = saved_factor;
    /* Too tall for what is left of the page but a good part of it is free: the rows flow
     * down the left column, then the right one, then onto the next page, rather than leave
     * the page half empty. */
    if (pd->y - 25.0f - need < pd->ybottom && pd->y - pd->ybottom > 0.12f * (pd->ytop - pd->ybottom)) {
        int side = 0;
        float floor = pd->ybottom, lowest = pd->y, left = total;
        pdf_subheading(pd, T(b, "Inputs"));
        top = pd->y;
        pd->row_factor = saved_factor * 0.84f;
        pdf_table_row(pd, cols, 3, head, size, PDF_ROW_HEADER);
        for (size_t i = 0; i < count; i++) {
            const char *row[3] = { param_label(b, params[i]), param_value(b, params[i]),
                                   param_source(b, params[i]) };
            float rh = pdf_table_row_wrap_height(pd, cols, 3, row, size);
            if (pd->y - rh < floor) {
                if (side == 0) {
                    side = 1;
                    floor = pd->ybottom;
                } else {
                    pd->x0 = x0;
                    pdf_new_page(pd);
                    top = pd->y;
                    lowest = pd->y;
                    side = 0;
                    /* On the next page what is left splits into two even columns. */
                    floor = fmaxf(pd->ybottom, top - size * pd->row_factor - left / 2.0f - 1.0f);
                }
                pd->x0 = x0 + (float)side * (half + gap);
                pd->y = top;
                pdf_table_row(pd, cols, 3, head, size, PDF_ROW_HEADER);
            }
            pdf_table_row_wrap(pd, cols, 3, row, size, i % 2 ? PDF_ROW_SHADE : 0);
            left -= rh;
            lowest = fminf(lowest, pd->y);
        }
        /* Below the taller column. */
        pd->y = lowest;
        pd->x0 = x0;
        pd->row_factor = saved_factor;
        pd->y -= 6.0f;
        return true;
    }
    pdf_need(pd, 25.0f + need);
    pdf_subheading(pd, T(b, "Inputs"));
    top = pd->y;
    pd->row_factor = saved_factor * 0.84f;
    for (int side = 0; side < 2; side++) {
        size_t from = side ? rows : 0, to = side ? count : rows;
        pd->x0 = x0 + (float)side * (half + gap);
        pd->y = top;
        pdf_table_row(pd, cols, 3, head, size, PDF_ROW_HEADER);
        for (size_t i = from; i < to; i++) {
            const char *row[3] = { param_label(b, params[i]), param_value(b, params[i]),
                                   param_source(b, params[i]) };
            pdf_table_row_wrap(pd, cols, 3, row, size, (i - from) % 2 ? PDF_ROW_SHADE : 0);
        }
    }
    pd->x0 = x0;
    pd->row_factor = saved_factor;
    pd->y = top - need - 6.0f;
    return true;
}

/* The checklist answers in one paragraph: "Checklist answers (scenario): yes to experiment
 * tracking, ...; no to ...". */
static void appendix_answers_compact(brief *b, const mlroi_param *params, size_t all)
{
    static const char prefix[] = "maturity.answers.";
    static const char *const heads[3] = { N_("yes to "), N_("no to "), N_("unanswered: ") };
    static const signed char values[3] = { MLROI_YES, MLROI_NO, MLROI_UNANSWERED };
    char text[NARRATIVE];
    bool any_default = false, any = false;

    text[0] = '\0';
    for (int g = 0; g < 3; g++) {
        int n = 0;
        for (size_t i = 0; i < all; i++) {
            const mlroi_param *p = &params[i];
            if (p->type != MLROI_P_ANSWER || strncmp(p->path, prefix, sizeof prefix - 1) != 0 ||
                *((const signed char *)b->s + p->offset) != values[g])
                continue;
            append(text, sizeof text, "%s%s%s", n ? ", " : text[0] ? T(b, "; ") : "",
                   n ? "" : T(b, heads[g]), answer_name(b, p->path + sizeof prefix - 1));
            any_default = any_default || strcmp(param_source(b, p), T(b, "default")) == 0;
            any = true;
            n++;
        }
    }
    if (!any)
        return;
    {
        char line[NARRATIVE + 64];
        snprintf(line, sizeof line, T(b, "Checklist answers (%s): %s."),
                 any_default ? T(b, "scenario; those it leaves out unanswered") : T(b, "scenario"), text);
        pdf_paragraph(&b->pd, 6.6f, line);
    }
}

static void appendix_inputs(brief *b)
{
    pdf_doc *pd = &b->pd;
    float w = content_w(b), size = 7.5f;
    size_t all = 0, count = 0;
    char text[NARRATIVE];
    const mlroi_param *params = mlroi_params(&all);
    const mlroi_param **list = malloc((all ? all : 1) * sizeof *list);
    pdf_col cols[5] = { { w * 0.26f, PDF_LEFT }, { w * 0.34f, PDF_LEFT },
                        { w * 0.17f, PDF_RIGHT }, { w * 0.13f, PDF_LEFT },
                        { w * 0.10f, PDF_LEFT } };
    const char *head[5] = { T(b, "Input"), T(b, "Key in the scenario"), T(b, "Value"), T(b, "Unit"), T(b, "Source") };

    if (!list)
        return;
    /* Texts (the scenario's name and organisation) are wrapped in full above the table, in
     * one paragraph in the compact form; the description has its own "Scenario notes". */
    text[0] = '\0';
    for (size_t i = 0; i < all; i++) {
        if (param_unused(b, &params[i]))
            continue;
        if (params[i].type == MLROI_P_STRING) {
            if (strcmp(params[i].path, "description") == 0)
                continue;
            if (b->t->full_appendix)
                kv_wrap(b, fmt(b, "%s (%s)", param_label(b, &params[i]), params[i].path),
                        param_value(b, &params[i]), w * 0.22f);
            else
                append(text, sizeof text, "%s%s%s%s", text[0] ? T(b, "; ") : "",
                       param_label(b, &params[i]), T(b, ": "), param_value(b, &params[i]));
            continue;
        }
        /* The compact form says the checklist in one paragraph below. */
        if (!b->t->full_appendix && params[i].type == MLROI_P_ANSWER)
            continue;
        list[count++] = &params[i];
    }
    if (text[0]) {
        append(text, sizeof text, ".");
        pdf_paragraph(pd, 6.4f, text);
    }
    pd->y -= 4.0f;
    if (!b->t->full_appendix)
        appendix_answers_compact(b, params, all);
    if (!b->t->full_appendix && appendix_inputs_compact(b, list, count)) {
        free(list);
        return;
    }
    pdf_subheading(pd, T(b, "Inputs"));
    pdf_table_row(pd, cols, 5, head, size, PDF_ROW_HEADER);
    for (size_t i = 0; i < count; i++) {
        const mlroi_param *p = list[i];
        const char *row[5] = { param_label(b, p), p->path, param_value(b, p),
                               p->unit ? p->unit : "", param_source(b, p) };
        if (pd->y - pdf_table_row_wrap_height(pd, cols, 5, row, size) < pd->ybottom) {
            pdf_new_page(pd);
            pdf_table_row(pd, cols, 5, head, size, PDF_ROW_HEADER);
        }
        pdf_table_row_wrap(pd, cols, 5, row, size, i % 2 ? PDF_ROW_SHADE : 0);
    }
    free(list);
    pd->y -= 6.0f;
}

/* The array inputs in a few dense lines (compact appendix). */
/* business_case.lines in one dense paragraph: every line's name, how it gives its amounts
 * and its risk (the section's table may gather the smaller ones). */
static void appendix_lines_compact(brief *b)
{
    const mlroi_scenario *s = b->s;
    size_t size = 256 + s->bc.line_count * 480, len;
    char *text;

    if (!s->bc.has_lines || s->bc.line_count == 0 || !lines_gathered(b))
        return;
    text = malloc(size);
    if (!text)
        return;
    len = (size_t)snprintf(text, size, T(b, "Business-case lines (scenario): "));
    for (size_t i = 0; i < s->bc.line_count && len < size; i++) {
        /* A paragraph taller than a page would run off it: one every 12 lines. */
        if (i > 0 && i % 12 == 0) {
            snprintf(text + len, size - len, ";");
            pdf_paragraph(&b->pd, 6.6f, text);
            len = 0;
            text[0] = '\0';
        }
        const mlroi_bc_line *l = &s->bc.lines[i];
        const mlroi_line_result *lr = b->r->bcase.lines && i < b->r->bcase.line_count
                                          ? &b->r->bcase.lines[i] : NULL;
        len += (size_t)snprintf(text + len, size - len, "%s%s (%s, %s%s%s)", len > 40 ? T(b, "; ") : "",
                                l->name ? l->name : "",
                                l->kind == MLROI_LINE_BENEFIT ? T(b, "benefit") : T(b, "cost"),
                                line_how(b, l), lr ? T(b, ", risk ") : "",
                                lr ? pct(b, lr->risk * 100, 0) : "");
    }
    if (len < size)
        snprintf(text + len, size - len, ".");
    pdf_paragraph(&b->pd, 6.6f, text);
    free(text);
}

/* Where the lines come from: category, source and note of each line that gives one. */
static void appendix_lines(brief *b)
{
    pdf_doc *pd = &b->pd;
    const mlroi_scenario *s = b->s;
    float w = content_w(b), size = 7.5f;
    pdf_col cols[4] = { { w * 0.30f, PDF_LEFT }, { w * 0.16f, PDF_LEFT },
                        { w * 0.27f, PDF_LEFT }, { w * 0.27f, PDF_LEFT } };
    const char *head[4] = { T(b, "Line"), T(b, "Category"), T(b, "Source"), T(b, "Note") };
    size_t row = 0;

    if (!s->bc.has_lines)
        return;
    for (size_t i = 0; i < s->bc.line_count; i++) {
        const mlroi_bc_line *l = &s->bc.lines[i];
        const char *cells[4];
        if (!l->category && !l->source && !l->note)
            continue;
        if (row == 0) {
            pdf_subheading(pd, T(b, "Where the business-case lines come from"));
            pdf_table_row(pd, cols, 4, head, size, PDF_ROW_HEADER);
        }
        cells[0] = l->name ? l->name : "";
        cells[1] = l->category ? l->category : "";
        cells[2] = l->source ? l->source : "";
        cells[3] = l->note ? l->note : "";
        /* Sources and notes are read in full here: they wrap. */
        if (pd->y - pdf_table_row_wrap_height(pd, cols, 4, cells, size) < pd->ybottom) {
            pdf_new_page(pd);
            pdf_table_row(pd, cols, 4, head, size, PDF_ROW_HEADER);
        }
        pdf_table_row_wrap(pd, cols, 4, cells, size, row++ % 2 ? PDF_ROW_SHADE : 0);
    }
    if (row)
        pd->y -= 6.0f;
}

/* The exchange rates the scenario gives for benchmarks published in other currencies. */
static void appendix_fx(brief *b, float size)
{
    const mlroi_scenario *s = b->s;
    char line[2048];

    if (s->fx_count == 0)
        return;
    line[0] = '\0';
    append(line, sizeof line, T(b, "Exchange rates for the benchmarks (scenario; the scenario's own "
           "figures are never converted): "));
    for (size_t i = 0; i < s->fx_count && i < MLROI_MAX_FX; i++)
        append(line, sizeof line, T(b, "%sfx.%.3s = %s (1 %.3s in %s)"), i ? ", " : "", s->fx[i].code,
               exact(b, s->fx[i].rate), s->fx[i].code, b->cur);
    append(line, sizeof line, ".");
    pdf_paragraph(&b->pd, size, line);
}

static void appendix_arrays_compact(brief *b)
{
    const mlroi_scenario *s = b->s;
    char line[2048];

    appendix_lines_compact(b);
    appendix_fx(b, 7.0f);

    if (s->has_business_case && s->bc.ramp_count > 0) {
        line[0] = '\0';
        append(line, sizeof line, T(b, "Benefit ramp (scenario), the share of the full benefits "
               "reached year by year: "));
        for (size_t i = 0; i < s->bc.ramp_count; i++)
            append(line, sizeof line, "%s%s", i ? ", " : "",
                   pct(b, s->bc.benefit_ramp[i] * 100, s->bc.benefit_ramp[i] * 100 ==
                       floor(s->bc.benefit_ramp[i] * 100) ? 0 : 1));
        append(line, sizeof line, T(b, "; the last share holds for the later years."));
        pdf_paragraph(&b->pd, 6.6f, line);
    }
    if (s->bc.other_count > 0) {
        line[0] = '\0';
        append(line, sizeof line, T(b, "Other benefits (scenario): "));
        for (size_t i = 0; i < s->bc.other_count; i++) {
            const mlroi_other_benefit *o = &s->bc.other_benefits[i];
            append(line, sizeof line, T(b, "%s%s %s a year at %s risk"), i ? T(b, "; ") : "",
                   o->name ? o->name : "", money(b, o->annual),
                   pct(b, (isfinite(o->risk) ? o->risk : s->bc.benefit_risk) * 100, 1));
        }
        append(line, sizeof line, ".");
        pdf_paragraph(&b->pd, 6.6f, line);
    }
    if (s->tco.workload_count > 0) {
        line[0] = '\0';
        append(line, sizeof line, T(b, "Cloud workloads (scenario): "));
        for (size_t i = 0; i < s->tco.workload_count; i++) {
            const mlroi_workload *wl = &s->tco.workloads[i];
            append(line, sizeof line, T(b, "%s%s (%s, %s × %s, %s hours a month)"), i ? T(b, "; ") : "",
                   wl->name ? wl->name : "", wl->kind == MLROI_WL_TRAINING ? T(b, "training")
                                                                          : T(b, "inference"),
                   wl->instance ? wl->instance
                                : fmt(b, T(b, "%s an hour"), money_cents(b, wl->hourly_rate)),
                   exact(b, wl->instances),
                   exact(b, wl->hours_per_month));
        }
        append(line, sizeof line, ".");
        pdf_paragraph(&b->pd, 6.6f, line);
    }
    if (s->tco.license_count > 0 || s->tco.one_time_count > 0) {
        line[0] = '\0';
        append(line, sizeof line, T(b, "Licences and one-time costs (scenario): "));
        for (size_t i = 0; i < s->tco.license_count; i++) {
            const mlroi_license *l = &s->tco.licenses[i];
            append(line, sizeof line, isfinite(l->monthly) ? T(b, "%s%s %s a month")
                                                           : T(b, "%s%s %s a year"),
                   i ? T(b, "; ") : "", l->name ? l->name : "",
                   money(b, isfinite(l->monthly) ? l->monthly : l->annual));
        }
        for (size_t i = 0; i < s->tco.one_time_count; i++)
            append(line, sizeof line, T(b, "%s%s %s once"), (s->tco.license_count + i) ? T(b, "; ") : "",
                   s->tco.one_time[i].name ? s->tco.one_time[i].name : "",
                   money(b, s->tco.one_time[i].amount));
        append(line, sizeof line, ".");
        pdf_paragraph(&b->pd, 6.6f, line);
    }
    if (s->tco.catalog_count > 0) {
        line[0] = '\0';
        append(line, sizeof line, T(b, "Catalog rates set by the scenario (per hour): "));
        for (size_t i = 0; i < s->tco.catalog_count; i++)
            append(line, sizeof line, "%s%s = %s", i ? ", " : "", s->tco.catalog[i].id,
                   exact(b, s->tco.catalog[i].hourly_rate));
        pdf_paragraph(&b->pd, 6.6f, line);
    }
    if (s->chargeback.unit_count > 0) {
        line[0] = '\0';
        append(line, sizeof line, T(b, "Chargeback units (scenario): "));
        for (size_t i = 0; i < s->chargeback.unit_count; i++)
            append(line, sizeof line, T(b, "%s%s %s model%s"), i ? T(b, "; ") : "",
                   s->chargeback.units[i].name ? s->chargeback.units[i].name : "",
                   exact(b, s->chargeback.units[i].models),
                   s->chargeback.units[i].models == 1 ? "" : "s");
        append(line, sizeof line, ".");
        pdf_paragraph(&b->pd, 6.6f, line);
    }
}

/* The array inputs: one small table per list the scenario gives. */
static void appendix_arrays(brief *b)
{
    pdf_doc *pd = &b->pd;
    const mlroi_scenario *s = b->s;
    float w = content_w(b), size = 7.5f;
    char line[1024];

    appendix_lines(b);
    appendix_fx(b, size);

    if (s->has_business_case && s->bc.ramp_count > 0) {
        line[0] = '\0';
        for (size_t i = 0; i < s->bc.ramp_count; i++)
            append(line, sizeof line, "%s%s", i ? ", " : "",
                   pct(b, s->bc.benefit_ramp[i] * 100, s->bc.benefit_ramp[i] * 100 ==
                       floor(s->bc.benefit_ramp[i] * 100) ? 0 : 1));
        kv_row(b, T(b, "Benefit ramp (share of the full benefits)"),
               fmt(b, T(b, "%.120s (scenario; the last share holds for the later years)"), line),
               w * 0.37f);
    }
    if (s->bc.other_count > 0) {
        pdf_col cols[3] = { { w * 0.5f, PDF_LEFT }, { w * 0.25f, PDF_RIGHT },
                            { w * 0.25f, PDF_RIGHT } };
        const char *cells[3] = { T(b, "Name"), T(b, "Annual"), T(b, "Risk") };
        pdf_subheading(pd, T(b, "Other benefits"));
        pdf_table_row(pd, cols, 3, cells, size, PDF_ROW_HEADER);
        for (size_t i = 0; i < s->bc.other_count; i++) {
            const mlroi_other_benefit *o = &s->bc.other_benefits[i];
            cells[0] = o->name ? o->name : "";
            cells[1] = money(b, o->annual);
            cells[2] = isfinite(o->risk) ? pct(b, o->risk * 100, 1)
                                         : fmt(b, T(b, "%s (benefit_risk)"),
                                               pct(b, s->bc.benefit_risk * 100, 1));
            pdf_table_row(pd, cols, 3, cells, size, i % 2 ? PDF_ROW_SHADE : 0);
        }
    }
    if (s->tco.workload_count > 0) {
        pdf_col cols[5] = { { w * 0.3f, PDF_LEFT }, { w * 0.13f, PDF_LEFT },
                            { w * 0.27f, PDF_LEFT }, { w * 0.12f, PDF_RIGHT },
                            { w * 0.18f, PDF_RIGHT } };
        const char *cells[5] = { T(b, "Name"), T(b, "Kind"), T(b, "Instance or rate"), T(b, "Instances"),
                                 T(b, "Hours a month") };
        pdf_subheading(pd, T(b, "Cloud workloads"));
        pdf_table_row(pd, cols, 5, cells, size, PDF_ROW_HEADER);
        for (size_t i = 0; i < s->tco.workload_count; i++) {
            const mlroi_workload *wl = &s->tco.workloads[i];
            cells[0] = wl->name ? wl->name : "";
            cells[1] = wl->kind == MLROI_WL_TRAINING ? T(b, "training") : T(b, "inference");
            cells[2] = wl->instance ? wl->instance
                                    : fmt(b, T(b, "%s an hour"),
                                          money_cents(b, wl->hourly_rate));
            cells[3] = exact(b, wl->instances);
            cells[4] = exact(b, wl->hours_per_month);
            pdf_table_row(pd, cols, 5, cells, size, i % 2 ? PDF_ROW_SHADE : 0);
        }
    }
    if (s->tco.license_count > 0 || s->tco.one_time_count > 0) {
        pdf_col cols[3] = { { w * 0.5f, PDF_LEFT }, { w * 0.25f, PDF_LEFT },
                            { w * 0.25f, PDF_RIGHT } };
        const char *cells[3] = { T(b, "Item"), T(b, "Kind"), T(b, "Amount") };
        pdf_subheading(pd, T(b, "Licences and one-time costs"));
        pdf_table_row(pd, cols, 3, cells, size, PDF_ROW_HEADER);
        for (size_t i = 0; i < s->tco.license_count; i++) {
            const mlroi_license *l = &s->tco.licenses[i];
            cells[0] = l->name ? l->name : "";
            cells[1] = isfinite(l->monthly) ? T(b, "tco.licenses, monthly") : T(b, "tco.licenses, annual");
            cells[2] = money(b, isfinite(l->monthly) ? l->monthly : l->annual);
            pdf_table_row(pd, cols, 3, cells, size, i % 2 ? PDF_ROW_SHADE : 0);
        }
        for (size_t i = 0; i < s->tco.one_time_count; i++) {
            const mlroi_one_time *o = &s->tco.one_time[i];
            cells[0] = o->name ? o->name : "";
            cells[1] = T(b, "tco.one_time");
            cells[2] = money(b, o->amount);
            pdf_table_row(pd, cols, 3, cells, size,
                          (s->tco.license_count + i) % 2 ? PDF_ROW_SHADE : 0);
        }
    }
    if (s->tco.catalog_count > 0) {
        line[0] = '\0';
        for (size_t i = 0; i < s->tco.catalog_count; i++)
            append(line, sizeof line, "%s%s = %s", i ? ", " : "", s->tco.catalog[i].id,
                   exact(b, s->tco.catalog[i].hourly_rate));
        pdf_subheading(pd, T(b, "Catalog rates set by the scenario (per hour)"));
        pdf_paragraph(pd, size, line);
    }
    if (s->chargeback.unit_count > 0) {
        pdf_col cols[2] = { { w * 0.6f, PDF_LEFT }, { w * 0.4f, PDF_RIGHT } };
        const char *cells[2] = { T(b, "Unit"), T(b, "Models") };
        pdf_subheading(pd, T(b, "Chargeback units"));
        pdf_table_row(pd, cols, 2, cells, size, PDF_ROW_HEADER);
        for (size_t i = 0; i < s->chargeback.unit_count; i++) {
            cells[0] = s->chargeback.units[i].name ? s->chargeback.units[i].name : "";
            cells[1] = exact(b, s->chargeback.units[i].models);
            pdf_table_row(pd, cols, 2, cells, size, i % 2 ? PDF_ROW_SHADE : 0);
        }
    }
}

static void appendix_formulas(brief *b)
{
    const bool lines = b->s->bc.has_lines, mid = b->s->bc.discounting == MLROI_DISC_MID;
    const char *full[8], *compact[2];
    char first[1024];
    size_t nf = 0;

    full[nf++] = T(b, "Quick estimate (12 months): time saved per model = weeks to production today "
        "minus weeks with MLOps; team cost per week = team size × average salary ÷ 52; "
        "deployment savings = time saved × team cost per week × models a year; incident "
        "savings = incidents a year × cost per incident × reduction; ROI = (benefits - "
        "investment) ÷ investment.");
    full[nf++] = lines
        ? T(b, "Business case lines: each line gives its amounts year by year (values), as a yearly "
          "amount from its start to its end year, shaped by its ramp and grown by its "
          "escalation, as one amount in one year, or from one of the engine's figures (the "
          "quick estimate's savings, the team's yearly cost, the TCO's running or one-time "
          "costs). Benefits of year t = the sum of the benefit lines × (1 - their risk); "
          "costs = the sum of the cost lines × (1 + their risk).")
        : T(b, "Business case: benefits in year t = ramp share of year t × (quick-estimate benefits "
          "× (1 - benefit risk) + each other benefit × (1 - its risk)); nothing in the initial "
          "column. Costs = the initial investment up front and the yearly cost each year (or "
          "the TCO's one-time and recurring costs), all raised by the cost risk.");
    full[nf++] = mid
        ? T(b, "Discounting at mid-year: each year's net flow, spread over the year, is divided by "
          "(1 + discount rate) to the power t - ½; the initial column is not discounted; NPV "
          "is the sum. ROI on present values = (PV of benefits - PV of costs) ÷ PV of costs.")
        : T(b, "Discounting: each year's net flow is divided by (1 + discount rate) to the power t, "
          "at the end of year t; NPV is the sum. ROI on present values = (PV of benefits - PV "
          "of costs) ÷ PV of costs.");
    full[nf++] = T(b, "Payback: benefits and costs accrue evenly within each year, so the cumulative "
        "net flow is a straight line between year ends; payback is the first month from which "
        "it stays at or above zero. IRR is the rate at which the NPV is zero: unique when the "
        "net flows change sign once; with several sign changes, given only when exactly one "
        "rate lies between -99 % and 1,000 %. MIRR compounds the positive flows to the last "
        "year at the reinvestment rate and discounts the negative ones to year 0 at the "
        "finance rate (both the discount rate unless the scenario sets them): "
        "(future value ÷ present cost)^(1/N) - 1.");
    full[nf++] = T(b, "Unadjusted figures repeat the same calculation with every risk allowance at "
        "zero.");
    full[nf++] = T(b, "Team: ML engineers = data scientists × 3 ÷ 10 rounded up (range: ÷ 6 to ÷ 2); "
        "MLOps engineers = production models ÷ 20 rounded up; a governance lead when the "
        "target is level 3 or higher or any model is high-risk. TCO: compute = rate × "
        "instances × hours a month × 12; storage = GB × rate per GB-month × 12; monitoring = "
        "models × rate per model-month × 12; plus licences and, when asked, people.");
    full[nf++] = T(b, "Maturity: the score counts yes answers (0–4 gives level 0, 5–8 level 1, 9–12 "
        "level 2, 13–16 level 3-4); the complete level is the highest level whose questions, "
        "and those of every level below, are all yes.");
    snprintf(first, sizeof first, T(b, "NPV = sum of (benefits - costs) of year t ÷ (1 + discount "
        "rate)^%s, year 0 undiscounted; ROI = (PV benefits - PV costs) ÷ PV costs. %s "
        "Payback: first month from which the straight-line cumulative net stays >= 0. MIRR: positive flows compounded at "
        "the reinvestment rate, negative ones discounted at the finance rate. Unadjusted: "
        "every risk at zero."), mid ? "(t - ½)" : "t",
        lines ? T(b, "Benefits of year t = sum of benefit lines × (1 - their risk); costs = sum of "
                "cost lines × (1 + their risk), each line with its own timing.")
              : T(b, "Benefits of year t = ramp share × (quick-estimate benefits × (1 - benefit "
                "risk) + other benefits × (1 - their risk)); costs × (1 + cost risk)."));
    compact[0] = first;
    compact[1] = T(b, "Quick estimate: (weeks saved × team size × salary ÷ 52 × models a year) + "
        "(incidents × cost per incident × reduction). Team, rounded up: ML engineers 3 × data "
        "scientists ÷ 10, MLOps engineers models ÷ 20. Maturity level from the count of yes "
        "answers.");

    pdf_subheading(&b->pd, T(b, "Formulas in words"));
    if (b->t->full_appendix)
        for (size_t i = 0; i < nf; i++)
            bullet(b, 8.0f, full[i]);
    else
        for (size_t i = 0; i < 2; i++)
            bullet(b, 7.5f, compact[i]);
    b->pd.y -= 4.0f;
}

static void appendix_questions(brief *b)
{
    const mlroi_scenario *s = b->s;
    float w = content_w(b);
    pdf_col cols[3] = { { w * 0.30f, PDF_LEFT }, { w * 0.58f, PDF_LEFT },
                        { w * 0.12f, PDF_LEFT } };
    const char *cells[3] = { T(b, "Question"), T(b, "In plain words"), T(b, "Answer") };

    pdf_subheading(&b->pd, T(b, "The maturity checklist"));
    pdf_table_row(&b->pd, cols, 3, cells, 7.5f, PDF_ROW_HEADER);
    for (int q = 0; q < MLROI_MATURITY_QUESTIONS; q++) {
        cells[0] = fmt(b, "L%d %s", mlroi_question_level(q), mlroi_question_ids[q]);
        cells[1] = T(b, mlroi_question_texts[q]);
        cells[2] = s->answers[q] == MLROI_YES ? T(b, "yes") : s->answers[q] == MLROI_NO ? T(b, "no")
                                                                                  : T(b, "unanswered");
        pdf_table_row(&b->pd, cols, 3, cells, 7.5f, q % 2 ? PDF_ROW_SHADE : 0);
    }
    b->pd.y -= 6.0f;
}

static void section_appendix(brief *b)
{
    pdf_doc *pd = &b->pd;
    const mlroi_scenario *s = b->s;
    char hex[65];
    float kw = content_w(b) * 0.3f;

    heading(b, T(b, "Appendix: inputs and method"));
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", s->sha256[i]);
    pdf_subheading(pd, T(b, "Reproduce these figures"));
    kv_wrap(b, T(b, "Scenario file"), s->file && s->file[0] ? s->file : T(b, "(in memory)"), kw);
    kv_row(b, T(b, "SHA-256 of the file"), b->in->scenario_sha256_hex ? b->in->scenario_sha256_hex
                                                                : hex, kw);
    kv_row(b, T(b, "Tool and date"), fmt(b, T(b, "mlroi %s, report dated %s"),
                                   b->in->tool_version ? b->in->tool_version : "",
                                   b->in->date ? b->in->date : ""), kw);
    kv_row(b, T(b, "Benchmarks"), fmt(b, T(b, "%s (published in US dollars; converted only with the scenario's fx)"),
                                b->r->benchmarks && b->r->benchmarks->title
                                    ? b->r->benchmarks->title : T(b, "built in")), kw);
    if (b->in->mc)
        kv_row(b, T(b, "Monte Carlo"), fmt(b, T(b, "seed %llu, %zu samples, %s sampling"),
                                     (unsigned long long)b->in->mc->seed, b->in->mc->samples,
                                     b->in->mc->method_name ? b->in->mc->method_name : ""), kw);
    else
        kv_row(b, T(b, "Monte Carlo"), T(b, "not run (the scenario has no uncertainty section)"), kw);
    if (b->in->tornado && b->t->full_appendix)
        kv_row(b, T(b, "Tornado"), fmt(b, T(b, "each input moved by %s, %zu inputs"),
                                 pct(b, b->in->tornado->swing_fraction * 100, 0),
                                 b->in->tornado->count), kw);
    pd->y -= b->t->full_appendix ? 6.0f : 2.0f;
    if (s->description && s->description[0]) {
        pdf_subheading(pd, T(b, "Scenario notes"));
        pdf_paragraph(pd, b->t->full_appendix ? 8.0f : 6.4f, s->description);
    }
    appendix_inputs(b);
    if (b->t->full_appendix)
        appendix_arrays(b);
    else
        appendix_arrays_compact(b);
    /* The formulas in words are the consultant's: the board reads the figures. */
    if (b->t->full_appendix) {
        appendix_formulas(b);
        appendix_questions(b);
    }
}

/* ------------------------------------------------------------------ document */

static bool section_has_data(const brief *b, mlroi_section id)
{
    switch (id) {
    case MLROI_SECTION_MATURITY: return b->r->maturity.present;
    case MLROI_SECTION_BUSINESS_CASE: return b->r->bcase.present;
    case MLROI_SECTION_TEAM_TCO: return b->r->team.present || b->r->tco.present;
    default: return true;
    }
}

typedef struct write_ctx {
    brief *b;
} write_ctx;

static mlroi_error save_to(void *ctx, const char *tmp_path, mlroi_diags *diags)
{
    brief *b = ((write_ctx *)ctx)->b;
    char why[200];
    errno = 0;
    if (HPDF_SaveToFile(b->pd.doc, tmp_path) != HPDF_OK || b->pd.hpdf_error)
        return mlroi_diags_add(diags, MLROI_ERR_IO, tmp_path, 0, 0, "", "cannot write the PDF: %s",
                               pdf_error_reason(&b->pd, why, sizeof why));
    return MLROI_OK;
}

static void set_info(brief *b)
{
    HPDF_Doc d = b->pd.doc;
    char title[300];
    snprintf(title, sizeof title, "%s: %s", b->t->title, b->s->name ? b->s->name : "");
    /* Document properties are plain ASCII-safe text: keep them short and clean. */
    pdf_clean(&b->pd, PDF_REGULAR, title, title, sizeof title);
    HPDF_SetInfoAttr(d, HPDF_INFO_TITLE, title);
    if (b->t->prepared_by) {
        char author[300];
        pdf_clean(&b->pd, PDF_REGULAR, b->t->prepared_by, author, sizeof author);
        HPDF_SetInfoAttr(d, HPDF_INFO_AUTHOR, author);
    }
    HPDF_SetInfoAttr(d, HPDF_INFO_CREATOR, "mlroi");
    HPDF_SetInfoAttr(d, HPDF_INFO_PRODUCER, "mlroi with libharu");
    pdf_set_dates(&b->pd, b->in->date);
}

mlroi_error mlroi_report_write_pdf(const mlroi_report_input *in, const mlroi_template *tpl,
                                   const char *path, mlroi_diags *diags)
{
    brief *b;
    write_ctx wc;
    mlroi_error err;

    if (!in || !in->result || !in->result->scenario || !tpl)
        return mlroi_diags_add(diags, MLROI_ERR_INVALID, path ? path : "", 0, 0, "",
                               "nothing to render: no evaluated scenario");
    b = calloc(1, sizeof *b);
    if (!b)
        return mlroi_diags_add(diags, MLROI_ERR_NOMEM, path, 0, 0, "", "out of memory");
    b->in = in;
    b->r = in->result;
    b->s = in->result->scenario;
    b->t = tpl;
    b->cur = b->s->currency[0] ? b->s->currency : "USD";
    err = mlroi_lang_builtin(mlroi_lang_codes[tpl->lang >= 0 && tpl->lang < 3 ? tpl->lang : 0],
                             &b->lang, diags);
    if (err != MLROI_OK)
        goto cleanup;
    b->local = strcmp(mlroi_lang_code(b->lang), "en") != 0;
    err = pdf_open(&b->pd, tpl, diags);
    if (err != MLROI_OK)
        goto cleanup;
    b->utf8 = HPDF_GetEncoder(b->pd.doc, "UTF-8");
    b->pd.doc_title = tpl->title ? T(b, tpl->title) : NULL;
    b->pd.footer = tpl->footer ? T(b, tpl->footer) : NULL;
    b->pd.page_word = T(b, "page");
    b->pd.of_word = T(b, "of");
    HPDF_SetPageMode(b->pd.doc, HPDF_PAGE_MODE_USE_OUTLINE);
    for (int i = 0; i < tpl->section_count; i++) {
        const mlroi_template_section *sec = &tpl->sections[i];
        bool first = b->pd.page_count == 0;
        if (sec->id == MLROI_SECTION_SENSITIVITY && !has_sensitivity(b))
            continue;
        if (first) {
            b->pd.running[0] = '\0';
            b->pd.bare_next = sec->id == MLROI_SECTION_COVER;
            pdf_new_page(&b->pd);
            if (sec->id == MLROI_SECTION_COVER)
                b->pd.y = b->pd.ph;   /* the cover draws from the top edge */
        } else if (i > 0 && tpl->sections[i - 1].id == MLROI_SECTION_COVER && tpl->cover_page) {
            if (!b->pd.page_fresh)
                pdf_new_page(&b->pd);
        } else if (sec->new_page && section_has_data(b, sec->id)) {
            /* A section whose module is absent is a short note: it follows on the same page.
             * So does one that would leave the page before it less than half full. */
            float room = b->pd.ytop - b->pd.ybottom;
            if (!b->pd.page_fresh && b->pd.ytop - b->pd.y >= 0.5f * room)
                pdf_new_page(&b->pd);
        }
        switch (sec->id) {
        case MLROI_SECTION_COVER: section_cover(b); break;
        case MLROI_SECTION_SUMMARY: section_summary(b); break;
        case MLROI_SECTION_MATURITY: section_maturity(b); break;
        case MLROI_SECTION_BUSINESS_CASE: section_business_case(b); break;
        case MLROI_SECTION_SENSITIVITY: section_sensitivity(b); break;
        case MLROI_SECTION_TEAM_TCO: section_team_tco(b); break;
        case MLROI_SECTION_GOVERNANCE: section_governance(b); break;
        case MLROI_SECTION_APPENDIX: section_appendix(b); break;
        default: break;
        }
    }
    if (b->pd.page_count == 0)
        pdf_new_page(&b->pd);
    pdf_finish_pages(&b->pd, b->in->date);
    set_info(b);
    if (b->pd.page_count >= PDF_MAX_PAGES) {
        err = mlroi_diags_add(diags, MLROI_ERR_LIMIT, path, 0, 0, "",
                              "the briefing would exceed %d pages", PDF_MAX_PAGES);
        goto cleanup;
    }
    if (b->pd.hpdf_error) {
        char why[200];
        err = mlroi_diags_add(diags, MLROI_ERR_INVALID, path, 0, 0, "", "%s",
                              pdf_error_reason(&b->pd, why, sizeof why));
        goto cleanup;
    }
    wc.b = b;
    err = mlroi_write_atomic(path, save_to, &wc, diags);
cleanup:
    pdf_close(&b->pd);
    mlroi_lang_free(b->lang);
    free(b);
    return err;
}
