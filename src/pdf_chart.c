/* SPDX-License-Identifier: MIT */
/* Vector charts of the PDF briefing: lines, bars, tornado, histogram, timeline, legend. */
#include "pdf_draw.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define AXIS_SIZE 7.0f       /* tick labels */
#define TITLE_SIZE 7.5f      /* axis titles */

pdf_axis pdf_nice_axis(double lo, double hi, int max_ticks)
{
    pdf_axis a;
    double range, raw, mag, norm, step;

    if (!isfinite(lo) || !isfinite(hi)) {
        lo = 0;
        hi = 1;
    }
    if (hi < lo) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    if (hi - lo < 1e-9 * fmax(1.0, fabs(hi))) {
        double pad = fabs(hi) > 0 ? fabs(hi) * 0.5 : 1.0;
        lo -= pad;
        hi += pad;
    }
    if (max_ticks < 2)
        max_ticks = 2;
    range = hi - lo;
    raw = range / max_ticks;
    mag = pow(10.0, floor(log10(raw)));
    norm = raw / mag;
    step = norm <= 1.0 ? 1.0 : norm <= 2.0 ? 2.0 : norm <= 2.5 ? 2.5 : norm <= 5.0 ? 5.0 : 10.0;
    step *= mag;
    a.step = step;
    a.lo = floor(lo / step + 1e-9) * step;
    a.hi = ceil(hi / step - 1e-9) * step;
    return a;
}

static float map(double v, double lo, double hi, float p0, float p1)
{
    if (hi == lo)
        return p0;
    return p0 + (float)((v - lo) / (hi - lo)) * (p1 - p0);
}

/* Widest tick label of an axis, to size the plot's left margin. */
static float widest_label(pdf_doc *pd, pdf_axis a, pdf_label_fn lbl, const void *ctx)
{
    float w = 0;
    char buf[64], clean[64];
    for (double v = a.lo; v <= a.hi + a.step * 0.5; v += a.step) {
        lbl(buf, sizeof buf, fabs(v) < a.step * 1e-6 ? 0.0 : v, ctx);
        pdf_clean(pd, PDF_REGULAR, buf, clean, sizeof clean);
        w = fmaxf(w, pdf_width(pd, PDF_REGULAR, AXIS_SIZE, clean));
    }
    return w;
}

/* Horizontal grid and labelled ticks of a vertical value axis. */
static void y_grid(pdf_doc *pd, float px0, float px1, float py0, float py1, pdf_axis a,
                   pdf_label_fn lbl, const void *ctx)
{
    const mlroi_template *t = pd->tpl;
    char buf[64];
    for (double v = a.lo; v <= a.hi + a.step * 0.5; v += a.step) {
        double vv = fabs(v) < a.step * 1e-6 ? 0.0 : v;
        float y = map(vv, a.lo, a.hi, py0, py1);
        pdf_line(pd, px0, y, px1, y, vv == 0.0 ? 0.9f : 0.35f,
                 vv == 0.0 ? t->colors.muted : pdf_mix(t->colors.muted, pdf_white, 0.7), false);
        lbl(buf, sizeof buf, vv, ctx);
        pdf_text(pd, PDF_REGULAR, AXIS_SIZE, t->colors.muted, px0 - 4.0f, y - 2.5f, PDF_RIGHT,
                 buf);
    }
}

void pdf_draw_line_chart(pdf_doc *pd, float x, float ytop, float w, float h,
                         const pdf_line_chart *c)
{
    const mlroi_template *t = pd->tpl;
    double lo = 0, hi = 0;
    pdf_axis ya;
    float px0, px1, py0, py1;
    char buf[32];

    for (int s = 0; s < c->series_count; s++)
        for (int i = 0; i < c->series[s].n; i++)
            if (isfinite(c->series[s].y[i])) {
                lo = fmin(lo, c->series[s].y[i]);
                hi = fmax(hi, c->series[s].y[i]);
            }
    ya = pdf_nice_axis(lo, hi, 5);
    px0 = x + widest_label(pd, ya, c->y_label, c->label_ctx) + 8.0f;
    px1 = x + w - 6.0f;
    py1 = ytop - 26.0f;                       /* room for the title and the marker's label */
    py0 = ytop - h + (c->x_title ? 26.0f : 14.0f);
    if (c->y_title)
        pdf_text(pd, PDF_REGULAR, TITLE_SIZE, t->colors.muted, x, ytop - 6.0f, PDF_LEFT,
                 c->y_title);
    y_grid(pd, px0, px1, py0, py1, ya, c->y_label, c->label_ctx);
    /* x ticks */
    for (double v = c->x_lo; v <= c->x_hi + 1e-9; v += c->x_step) {
        float xx = map(v, c->x_lo, c->x_hi, px0, px1);
        pdf_line(pd, xx, py0, xx, py0 - 3.0f, 0.5f, t->colors.muted, false);
        snprintf(buf, sizeof buf, "%g", v);
        pdf_text(pd, PDF_REGULAR, AXIS_SIZE, t->colors.muted, xx, py0 - 11.0f, PDF_CENTER, buf);
    }
    if (c->x_title)
        pdf_text(pd, PDF_REGULAR, TITLE_SIZE, t->colors.muted, (px0 + px1) / 2, ytop - h + 2.0f,
                 PDF_CENTER, c->x_title);
    /* series */
    HPDF_Page_SetLineJoin(pd->page, HPDF_ROUND_JOIN);
    for (int s = 0; s < c->series_count; s++) {
        const pdf_series *se = &c->series[s];
        static const HPDF_UINT16 dash[] = { 5, 3 };
        bool started = false;
        pdf_stroke(pd, se->color);
        HPDF_Page_SetLineWidth(pd->page, se->dashed ? 1.3f : 2.0f);
        if (se->dashed)
            HPDF_Page_SetDash(pd->page, dash, 2, 0);
        for (int i = 0; i < se->n; i++) {
            float xx, yy;
            if (!isfinite(se->y[i]) || !isfinite(se->x[i]))
                continue;
            xx = map(se->x[i], c->x_lo, c->x_hi, px0, px1);
            yy = map(se->y[i], ya.lo, ya.hi, py0, py1);
            if (!started)
                HPDF_Page_MoveTo(pd->page, xx, yy);
            else
                HPDF_Page_LineTo(pd->page, xx, yy);
            started = true;
        }
        if (started)
            HPDF_Page_Stroke(pd->page);
        if (se->dashed)
            HPDF_Page_SetDash(pd->page, NULL, 0, 0);
    }
    HPDF_Page_SetLineJoin(pd->page, HPDF_MITER_JOIN);
    if (isfinite(c->marker_x) && c->marker_x >= c->x_lo && c->marker_x <= c->x_hi) {
        float xx = map(c->marker_x, c->x_lo, c->x_hi, px0, px1);
        float y0 = map(0.0, ya.lo, ya.hi, py0, py1);
        pdf_line(pd, xx, py0, xx, py1 + 2.0f, 0.8f, t->colors.text, true);
        pdf_fill(pd, t->colors.accent);
        HPDF_Page_Circle(pd->page, xx, y0, 3.6f);
        HPDF_Page_Fill(pd->page);
        if (c->marker_label) {
            float room = px1 - xx;
            pdf_align al = room < 90.0f ? PDF_RIGHT : PDF_LEFT;
            pdf_text(pd, PDF_BOLD, 7.5f, t->colors.text, al == PDF_RIGHT ? xx - 4.0f : xx + 4.0f,
                     py1 + 5.0f, al, c->marker_label);
        }
    }
}

void pdf_draw_hbars(pdf_doc *pd, float x, float ytop, float w, float label_w, float bar_h,
                    const pdf_bar *bars, int n, pdf_label_fn tick_label, const void *ctx)
{
    const mlroi_template *t = pd->tpl;
    double hi = 0;
    float value_w = 0, bx0, bx1, y = ytop;
    pdf_axis a;
    char clean[128];

    for (int i = 0; i < n; i++) {
        hi = fmax(hi, bars[i].value);
        if (bars[i].value_text) {
            pdf_clean(pd, PDF_BOLD, bars[i].value_text, clean, sizeof clean);
            value_w = fmaxf(value_w, pdf_width(pd, PDF_BOLD, 7.5f, clean));
        }
    }
    a = pdf_nice_axis(0, hi > 0 ? hi : 1, 4);
    bx0 = x + label_w + 6.0f;
    bx1 = x + w - value_w - 8.0f;
    for (int i = 0; i < n; i++) {
        float bw = map(fmax(0, bars[i].value), 0, a.hi, 0, bx1 - bx0);
        float cy = y - bar_h / 2;
        pdf_fit(pd, PDF_REGULAR, 8.0f, 6.0f, t->colors.text, x, cy - 2.8f, label_w, PDF_LEFT,
                bars[i].label);
        pdf_rect(pd, bx0, y - bar_h + 2.0f, bw, bar_h - 4.0f, bars[i].color);
        if (bars[i].value_text)
            pdf_text(pd, PDF_BOLD, 7.5f, t->colors.text, bx0 + bw + 4.0f, cy - 2.6f, PDF_LEFT,
                     bars[i].value_text);
        y -= bar_h;
    }
    pdf_line(pd, bx0, ytop, bx0, y, 0.7f, t->colors.muted, false);
    if (tick_label) {
        char buf[64];
        for (double v = 0; v <= a.hi + a.step * 0.5; v += a.step) {
            float xx = map(v, 0, a.hi, bx0, bx1);
            pdf_line(pd, xx, y, xx, y - 3.0f, 0.5f, t->colors.muted, false);
            tick_label(buf, sizeof buf, v, ctx);
            pdf_text(pd, PDF_REGULAR, AXIS_SIZE, t->colors.muted, xx, y - 11.0f, PDF_CENTER, buf);
        }
    }
}

void pdf_draw_vbars(pdf_doc *pd, float x, float ytop, float w, float h, const pdf_bar *bars,
                    int n, double max, const char *y_title)
{
    const mlroi_template *t = pd->tpl;
    float px0 = x + 18.0f, px1 = x + w, py0 = ytop - h + 26.0f, py1 = ytop - 26.0f;
    float slot = (px1 - px0) / (float)(n > 0 ? n : 1);
    char buf[32];

    if (y_title)
        pdf_text(pd, PDF_REGULAR, TITLE_SIZE, t->colors.muted, x, ytop - 6.0f, PDF_LEFT, y_title);
    for (int v = 0; v <= (int)max; v++) {
        float y = map(v, 0, max, py0, py1);
        pdf_line(pd, px0, y, px1, y, v == 0 ? 0.9f : 0.35f,
                 v == 0 ? t->colors.muted : pdf_mix(t->colors.muted, pdf_white, 0.7), false);
        snprintf(buf, sizeof buf, "%d", v);
        pdf_text(pd, PDF_REGULAR, AXIS_SIZE, t->colors.muted, px0 - 4.0f, y - 2.5f, PDF_RIGHT,
                 buf);
    }
    for (int i = 0; i < n; i++) {
        float cx = px0 + slot * ((float)i + 0.5f), bw = fminf(slot * 0.55f, 46.0f);
        float top = map(fmin(bars[i].value, max), 0, max, py0, py1);
        pdf_rect(pd, cx - bw / 2, py0, bw, top - py0, bars[i].color);
        if (bars[i].value_text)
            pdf_text(pd, PDF_BOLD, 8.0f, t->colors.text, cx, top + 3.0f, PDF_CENTER,
                     bars[i].value_text);
        /* A label may hold two lines ("Level 3\nContinuous training"). */
        {
            const char *nl = strchr(bars[i].label, '\n');
            char first[64];
            if (nl) {
                snprintf(first, sizeof first, "%.*s", (int)(nl - bars[i].label), bars[i].label);
                pdf_fit(pd, PDF_BOLD, 7.0f, 5.5f, t->colors.text, cx - slot / 2 + 1.0f,
                        py0 - 10.0f, slot - 2.0f, PDF_CENTER, first);
                pdf_fit(pd, PDF_REGULAR, 6.8f, 5.0f, t->colors.muted, cx - slot / 2 + 1.0f,
                        py0 - 19.0f, slot - 2.0f, PDF_CENTER, nl + 1);
            } else {
                pdf_fit(pd, PDF_REGULAR, 7.5f, 6.0f, t->colors.text, cx - slot / 2 + 2.0f,
                        py0 - 11.0f, slot - 4.0f, PDF_CENTER, bars[i].label);
            }
        }
    }
}

void pdf_draw_tornado(pdf_doc *pd, float x, float ytop, float w, float label_w, float bar_h,
                      const pdf_tornado_row *rows, int n, double base, pdf_label_fn lbl,
                      const void *ctx)
{
    const mlroi_template *t = pd->tpl;
    double lo = base, hi = base;
    float bx0 = x + label_w + 8.0f, bx1 = x + w - 8.0f, y = ytop, xb;
    pdf_axis a;
    char buf[64];

    for (int i = 0; i < n; i++) {
        if (isfinite(rows[i].low)) {
            lo = fmin(lo, rows[i].low);
            hi = fmax(hi, rows[i].low);
        }
        if (isfinite(rows[i].high)) {
            lo = fmin(lo, rows[i].high);
            hi = fmax(hi, rows[i].high);
        }
    }
    a = pdf_nice_axis(lo, hi, 5);
    /* Leave room at both ends for the input values printed beside the bars. */
    bx0 += 34.0f;
    bx1 -= 34.0f;
    xb = map(base, a.lo, a.hi, bx0, bx1);
    for (int i = 0; i < n; i++) {
        const pdf_tornado_row *r = &rows[i];
        float cy = y - bar_h / 2;
        pdf_fit(pd, PDF_REGULAR, 7.5f, 5.5f, t->colors.text, x, cy - 2.6f, label_w, PDF_LEFT,
                r->label);
        for (int side = 0; side < 2; side++) {
            double v = side ? r->high : r->low;
            const char *txt = side ? r->high_text : r->low_text;
            float xv;
            if (!isfinite(v))
                continue;
            xv = map(v, a.lo, a.hi, bx0, bx1);
            pdf_rect(pd, fminf(xv, xb), y - bar_h + 2.5f, fabsf(xv - xb), bar_h - 5.0f,
                     v < base ? t->colors.negative : t->colors.positive);
            if (txt)
                pdf_text(pd, PDF_REGULAR, 6.5f, t->colors.muted,
                         xv < xb ? xv - 3.0f : xv + 3.0f, cy - 2.3f,
                         xv < xb ? PDF_RIGHT : PDF_LEFT, txt);
        }
        y -= bar_h;
    }
    pdf_line(pd, xb, ytop + 2.0f, xb, y, 0.9f, t->colors.text, false);
    pdf_line(pd, bx0, y, bx1, y, 0.6f, t->colors.muted, false);
    for (double v = a.lo; v <= a.hi + a.step * 0.5; v += a.step) {
        float xx = map(v, a.lo, a.hi, bx0, bx1);
        pdf_line(pd, xx, y, xx, y - 3.0f, 0.5f, t->colors.muted, false);
        lbl(buf, sizeof buf, fabs(v) < a.step * 1e-6 ? 0.0 : v, ctx);
        pdf_text(pd, PDF_REGULAR, AXIS_SIZE, t->colors.muted, xx, y - 11.0f, PDF_CENTER, buf);
    }
}

void pdf_draw_histogram(pdf_doc *pd, float x, float ytop, float w, float h, const double *edges,
                        const double *counts, int bins, double tail_low, double tail_high,
                        const pdf_marker *marks, int nmarks, pdf_label_fn lbl, const void *ctx,
                        const char *x_title)
{
    const mlroi_template *t = pd->tpl;
    double cmax = 0, lo, hi;
    pdf_axis xa;
    float px0 = x + 6.0f, px1 = x + w - 6.0f, py0 = ytop - h + 26.0f;
    float py1 = ytop - 12.0f * (float)(nmarks > 0 ? nmarks : 1) - 6.0f;
    float slot, gap = 5.0f;
    char buf[64], clean[96];

    if (bins <= 0)
        return;
    for (int i = 0; i < bins; i++)
        cmax = fmax(cmax, counts[i]);
    cmax = fmax(cmax, fmax(tail_low, tail_high));
    lo = edges[0];
    hi = edges[bins];
    /* Open tail bins, as wide as a core bin, apart from the core by a gap. */
    slot = (px1 - px0) / (float)(bins + (tail_low > 0) + (tail_high > 0));
    for (int side = 0; side < 2; side++) {
        double n = side ? tail_high : tail_low;
        float a, top;
        mlroi_rgb c;
        if (!(n > 0))
            continue;
        a = side ? px1 - slot : px0;
        top = map(n, 0, cmax > 0 ? cmax : 1, py0, py1);
        c = (side ? hi : lo) <= 0 ? pdf_mix(t->colors.negative, pdf_white, 0.55)
                                  : pdf_mix(t->colors.primary, pdf_white, 0.55);
        pdf_rect(pd, a + 0.4f, py0, slot - 0.8f, top - py0, c);
        lbl(buf, sizeof buf, side ? hi : lo, ctx);
        snprintf(clean, sizeof clean, "%s %s", side ? ">" : "<", buf);
        pdf_text(pd, PDF_REGULAR, AXIS_SIZE, t->colors.muted, side ? a + slot : a, top + 3.0f,
                 side ? PDF_RIGHT : PDF_LEFT, clean);
        if (side)
            px1 -= slot + gap;
        else
            px0 += slot + gap;
    }
    xa = pdf_nice_axis(lo, hi, 6);
    /* The core fills the plot; ticks only inside it, so that none stands over a tail. */
    for (int i = 0; i < bins; i++) {
        float a = map(edges[i], lo, hi, px0, px1), b = map(edges[i + 1], lo, hi, px0, px1);
        float top = map(counts[i], 0, cmax > 0 ? cmax : 1, py0, py1);
        mlroi_rgb c = edges[i + 1] <= 0 ? pdf_mix(t->colors.negative, pdf_white, 0.25)
                                        : pdf_mix(t->colors.primary, pdf_white, 0.15);
        pdf_rect(pd, a + 0.4f, py0, b - a - 0.8f, top - py0, c);
    }
    pdf_line(pd, x + 6.0f, py0, x + w - 6.0f, py0, 0.8f, t->colors.muted, false);
    for (double v = xa.lo; v <= xa.hi + xa.step * 0.5; v += xa.step) {
        float xx;
        if (v < lo - xa.step * 1e-6 || v > hi + xa.step * 1e-6)
            continue;
        xx = map(v, lo, hi, px0, px1);
        pdf_line(pd, xx, py0, xx, py0 - 3.0f, 0.5f, t->colors.muted, false);
        lbl(buf, sizeof buf, fabs(v) < xa.step * 1e-6 ? 0.0 : v, ctx);
        pdf_text(pd, PDF_REGULAR, AXIS_SIZE, t->colors.muted, xx, py0 - 11.0f, PDF_CENTER, buf);
    }
    if (x_title)
        pdf_text(pd, PDF_REGULAR, TITLE_SIZE, t->colors.muted, x + w / 2,
                 ytop - h + 2.0f, PDF_CENTER, x_title);
    /* Markers: one label row each, so close percentiles never print over each other. */
    for (int i = 0; i < nmarks; i++) {
        float xx, ly = ytop - 8.0f - 12.0f * (float)i;
        float tw;
        if (!isfinite(marks[i].x) || marks[i].x < lo || marks[i].x > hi)
            continue;
        xx = map(marks[i].x, lo, hi, px0, px1);
        pdf_line(pd, xx, py0, xx, ly - 3.0f, 0.9f, t->colors.text, true);
        pdf_clean(pd, PDF_BOLD, marks[i].label, clean, sizeof clean);
        tw = pdf_width(pd, PDF_BOLD, 7.0f, clean);
        if (xx + 3.0f + tw <= x + w - 6.0f)
            pdf_text(pd, PDF_BOLD, 7.0f, t->colors.text, xx + 3.0f, ly, PDF_LEFT, clean);
        else
            pdf_text(pd, PDF_BOLD, 7.0f, t->colors.text, xx - 3.0f, ly, PDF_RIGHT, clean);
    }
}

float pdf_draw_timeline(pdf_doc *pd, float x, float ytop, float w, const pdf_span *spans, int n,
                        double months)
{
    const mlroi_template *t = pd->tpl;
    float px0 = x, px1 = x + w, row = 34.0f, y = ytop - 16.0f;
    char buf[32];

    for (int m = 0; m <= (int)months; m += 3) {
        float xx = map(m, 0, months, px0, px1);
        snprintf(buf, sizeof buf, m == 0 ? "month %d" : "%d", m);
        pdf_text(pd, PDF_REGULAR, AXIS_SIZE, t->colors.muted, m == 0 ? xx : xx, ytop - 8.0f,
                 m == 0 ? PDF_LEFT : PDF_CENTER, buf);
        pdf_line(pd, xx, ytop - 11.0f, xx, ytop - 16.0f - row * (float)n, 0.35f,
                 pdf_mix(t->colors.muted, pdf_white, 0.6), false);
    }
    for (int i = 0; i < n; i++) {
        float a = map(spans[i].from - 1, 0, months, px0, px1);
        float b = map(spans[i].to, 0, months, px0, px1);
        mlroi_rgb c = pdf_mix(t->colors.primary, t->colors.accent, n > 1 ? (double)i / (n - 1) : 0);
        char clean[160];
        float tw;
        pdf_rect(pd, a, y - 15.0f, b - a, 13.0f, c);
        pdf_clean(pd, PDF_BOLD, spans[i].label, clean, sizeof clean);
        tw = pdf_width(pd, PDF_BOLD, 7.5f, clean);
        if (tw + 8.0f <= b - a)
            pdf_text(pd, PDF_BOLD, 7.5f, pdf_white, a + 4.0f, y - 11.5f, PDF_LEFT, clean);
        else if (b + 4.0f + tw <= px1)
            pdf_text(pd, PDF_BOLD, 7.5f, t->colors.text, b + 4.0f, y - 11.5f, PDF_LEFT, clean);
        else
            pdf_fit(pd, PDF_BOLD, 7.5f, 5.5f, t->colors.text, px0, y - 11.5f, a - px0 - 4.0f,
                    PDF_RIGHT, clean);
        if (spans[i].detail)
            pdf_fit(pd, PDF_REGULAR, 7.0f, 5.5f, t->colors.muted, a, y - 24.0f,
                    fmaxf(px1 - a, 40.0f), PDF_LEFT, spans[i].detail);
        y -= row;
    }
    return ytop - y;
}

float pdf_draw_legend(pdf_doc *pd, float x, float ytop, float w, const char *const *labels,
                      const mlroi_rgb *colors, const bool *dashed, int n)
{
    const mlroi_template *t = pd->tpl;
    float xx = x, y = ytop - 8.0f;
    char clean[160];

    for (int i = 0; i < n; i++) {
        float tw;
        pdf_clean(pd, PDF_REGULAR, labels[i], clean, sizeof clean);
        tw = pdf_width(pd, PDF_REGULAR, 7.5f, clean);
        if (xx > x && xx + 22.0f + tw > x + w) {
            xx = x;
            y -= 11.0f;
        }
        pdf_line(pd, xx, y + 2.5f, xx + 16.0f, y + 2.5f, dashed && dashed[i] ? 1.3f : 2.4f,
                 colors[i], dashed && dashed[i]);
        pdf_text(pd, PDF_REGULAR, 7.5f, t->colors.text, xx + 20.0f, y, PDF_LEFT, clean);
        xx += 20.0f + tw + 14.0f;
    }
    return ytop - y + 4.0f;
}

void pdf_draw_cash_chart(pdf_doc *pd, float x, float ytop, float w, float h,
                         const pdf_cash_chart *c)
{
    const mlroi_template *t = pd->tpl;
    double lo = 0, hi = 0;
    pdf_axis ya;
    float px0, px1, py0, py1, slot, bw, y0;
    int n = c->n, step = 1;
    bool long_labels;
    char buf[32];

    if (n <= 0)
        return;
    for (int i = 0; i < n; i++) {
        if (isfinite(c->benefits[i]))
            hi = fmax(hi, c->benefits[i]);
        if (isfinite(c->costs[i]))
            lo = fmin(lo, -c->costs[i]);
        if (isfinite(c->cumulative[i])) {
            lo = fmin(lo, c->cumulative[i]);
            hi = fmax(hi, c->cumulative[i]);
        }
    }
    ya = pdf_nice_axis(lo, hi, 6);
    px0 = x + widest_label(pd, ya, c->y_label, c->label_ctx) + 8.0f;
    px1 = x + w - 4.0f;
    py1 = ytop - 16.0f;
    py0 = ytop - h + 26.0f;
    slot = (px1 - px0) / (float)n;
    /* Thin bars on a long horizon, never wider than a column of the cash-flow table. */
    bw = fminf(slot * 0.62f, 30.0f);
    y0 = map(0.0, ya.lo, ya.hi, py0, py1);
    if (c->y_title)
        pdf_text(pd, PDF_REGULAR, TITLE_SIZE, t->colors.muted, x, ytop - 6.0f, PDF_LEFT,
                 c->y_title);
    y_grid(pd, px0, px1, py0, py1, ya, c->y_label, c->label_ctx);
    /* Year labels: "Initial", "Year 1" when they fit; else bare numbers, every STEP-th year
     * so that labels never touch (50 years: every 5th). */
    {
        char widest[64];
        snprintf(widest, sizeof widest, "%s %d", c->year_word ? c->year_word : "Year",
                 n > 10 ? 10 : 1);
        long_labels = pdf_width(pd, PDF_REGULAR, AXIS_SIZE, widest) + 4.0f <= slot;
    }
    if (!long_labels) {
        float need = pdf_width(pd, PDF_REGULAR, AXIS_SIZE, n > 10 ? "50" : "5") + 6.0f;
        static const int steps[] = { 1, 2, 5, 10, 20, 25, 50 };
        for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
            step = steps[k];
            if (slot * (float)step >= need)
                break;
        }
    }
    for (int i = 0; i < n; i++) {
        float cx = px0 + slot * ((float)i + 0.5f);
        if (isfinite(c->benefits[i]) && c->benefits[i] > 0)
            pdf_rect(pd, cx - bw / 2, y0, bw, map(c->benefits[i], ya.lo, ya.hi, py0, py1) - y0,
                     c->benefit_color);
        if (isfinite(c->costs[i]) && c->costs[i] > 0)
            pdf_rect(pd, cx - bw / 2, map(-c->costs[i], ya.lo, ya.hi, py0, py1), bw,
                     y0 - map(-c->costs[i], ya.lo, ya.hi, py0, py1), c->cost_color);
        if (long_labels) {
            if (i == 0)
                snprintf(buf, sizeof buf, "%s", c->initial_label ? c->initial_label : "Initial");
            else
                snprintf(buf, sizeof buf, "%s %d", c->year_word ? c->year_word : "Year", i);
        } else if (i % step == 0) {
            snprintf(buf, sizeof buf, "%d", i);
        } else {
            continue;
        }
        pdf_line(pd, cx, py0, cx, py0 - 3.0f, 0.5f, t->colors.muted, false);
        pdf_text(pd, PDF_REGULAR, AXIS_SIZE, t->colors.muted, cx, py0 - 11.0f, PDF_CENTER, buf);
    }
    if (!long_labels)
        pdf_text(pd, PDF_REGULAR, TITLE_SIZE, t->colors.muted, (px0 + px1) / 2, ytop - h + 2.0f,
                 PDF_CENTER, "year (0 = initial outlay)");
    /* The zero line over the bars, then the cumulative net. */
    pdf_line(pd, px0, y0, px1, y0, 0.9f, t->colors.muted, false);
    HPDF_Page_SetLineJoin(pd->page, HPDF_ROUND_JOIN);
    pdf_stroke(pd, c->line_color);
    HPDF_Page_SetLineWidth(pd->page, 1.8f);
    {
        bool started = false;
        for (int i = 0; i < n; i++) {
            float cx = px0 + slot * ((float)i + 0.5f);
            if (!isfinite(c->cumulative[i]))
                continue;
            if (!started)
                HPDF_Page_MoveTo(pd->page, cx, map(c->cumulative[i], ya.lo, ya.hi, py0, py1));
            else
                HPDF_Page_LineTo(pd->page, cx, map(c->cumulative[i], ya.lo, ya.hi, py0, py1));
            started = true;
        }
        if (started)
            HPDF_Page_Stroke(pd->page);
    }
    HPDF_Page_SetLineJoin(pd->page, HPDF_MITER_JOIN);
    /* A dot per year while they stay apart. */
    if (slot >= 12.0f) {
        pdf_fill(pd, c->line_color);
        for (int i = 0; i < n; i++)
            if (isfinite(c->cumulative[i])) {
                HPDF_Page_Circle(pd->page, px0 + slot * ((float)i + 0.5f),
                                 map(c->cumulative[i], ya.lo, ya.hi, py0, py1), 2.4f);
                HPDF_Page_Fill(pd->page);
            }
    }
}
