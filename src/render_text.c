/* SPDX-License-Identifier: MIT */
/* Text output for people: aligned, currency-formatted, every undefined figure explained. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mlroi/format.h"
#include "mlroi/render.h"
#include "huge_alloc.h"

#define B 64   /* formatting buffer */

/* Width in characters of UTF-8 text: "€" is three bytes but one column. */
static int text_width(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Print s right-aligned in `width` columns, preceded by one space. */
static void cell(FILE *f, const char *s, int width)
{
    int pad = width - text_width(s);
    fputc(' ', f);
    while (pad-- > 0)
        fputc(' ', f);
    fputs(s, f);
}

static void kv(FILE *f, const char *label, const char *value)
{
    fprintf(f, "  %-34s %s\n", label, value);
}

static const char *money(char *b, double v, const mlroi_result *r)
{
    return mlroi_fmt_money(b, B, v, r->scenario->currency);
}

static void header(FILE *f, const mlroi_result *r)
{
    const mlroi_scenario *s = r->scenario;
    char b[B];
    fprintf(f, "%s\n", s->name);
    if (s->org_name || isfinite(s->employees)) {
        fprintf(f, "%s", s->org_name ? s->org_name : "Organisation");
        if (isfinite(s->employees))
            fprintf(f, ", %s employees", mlroi_fmt_number(b, B, s->employees, 0));
        if (r->team.bracket)
            fprintf(f, " (%s)", r->team.bracket->label);
        fprintf(f, ", region %s", s->region == MLROI_REGION_EU ? "EU" : "US");
        fputc('\n', f);
    }
    fprintf(f, "Amounts in %s.\n", s->currency);
}

static void wrap_from(FILE *f, const char *text, int col, int hang);

static void maturity(FILE *f, const mlroi_result *r)
{
    const mlroi_maturity *m = &r->maturity;
    char b[B], c[B];
    fputs("\nMaturity (16-question checklist)\n", f);
    if (!m->present) {
        fputs("  n/a: the scenario has no maturity section\n", f);
        return;
    }
    snprintf(b, B, "%d of 16 YES: %s", m->score, m->level_label);
    kv(f, "Score", b);
    snprintf(b, B, "level %d (every question up to it is YES)", m->gated_level);
    kv(f, "Gated level", b);
    snprintf(b, B, "L1 %d/4   L2 %d/4   L3 %d/4   L4 %d/4", m->yes_per_level[0],
             m->yes_per_level[1], m->yes_per_level[2], m->yes_per_level[3]);
    kv(f, "YES answers per level", b);
    if (m->gated_level < 4) {
        fprintf(f, "  To reach level %d, answer YES to:\n", m->gated_level + 1);
        for (int i = 0; i < m->missing_count; i++) {
            fprintf(f, "    - %-26s ", mlroi_question_ids[m->missing[i]]);
            wrap_from(f, mlroi_question_texts[m->missing[i]], 33, 33);
        }
    } else {
        fputs("  Every question is answered YES: nothing is missing.\n", f);
    }
    if (m->unanswered_count) {
        fprintf(f, "  Unanswered (counted as NO): ");
        for (int i = 0; i < m->unanswered_count; i++)
            fprintf(f, "%s%s", i ? ", " : "", mlroi_question_ids[m->unanswered[i]]);
        fputc('\n', f);
    }
    if (m->roadmap_count) {
        fputs("  Roadmap:\n", f);
        for (int i = 0; i < m->roadmap_count; i++) {
            const mlroi_phase *p = m->roadmap[i];
            fprintf(f, "    Phase %d %-12s months %2d-%-2d  %s-%s  reaches level %d\n", p->number,
                    p->name, p->month_from, p->month_to, money(b, p->budget.low, r),
                    money(c, p->budget.high, r), p->reaches_level);
            fprintf(f, "      KPI: %s\n", p->kpi);
        }
    } else {
        fputs("  Roadmap: every phase is done.\n", f);
    }
}

static void quick(FILE *f, const mlroi_result *r)
{
    const mlroi_quick *q = &r->roi;
    char b[B];
    fputs("\nROI quick estimate (12 months)\n", f);
    if (!q->present) {
        fputs("  n/a: the scenario has no roi section\n", f);
        return;
    }
    snprintf(b, B, "%s weeks", mlroi_fmt_number(b + 32, 32, q->time_saved_per_model_weeks, 1));
    kv(f, "Time saved per model", b);
    kv(f, "Team cost per week", money(b, q->cost_per_week_team, r));
    kv(f, "Deployment savings", money(b, q->deployment_savings, r));
    kv(f, "Incident savings", money(b, q->incident_savings, r));
    kv(f, "Total benefits", money(b, q->total_benefits, r));
    kv(f, "Investment (per year)", money(b, q->investment, r));
    kv(f, "Net benefit", money(b, q->net_benefit, r));
    if (isfinite(q->roi_percent))
        kv(f, "ROI", mlroi_fmt_percent(b, B, q->roi_percent, 1));
    else
        kv(f, "ROI", "n/a (no investment to divide by)");
}

static void payback_line(FILE *f, const char *label, double months, int horizon)
{
    char b[B], c[B];
    if (isfinite(months)) {
        kv(f, label, mlroi_fmt_months(b, B, months));
    } else {
        snprintf(c, B, "n/a (not reached within %d years)", horizon);
        kv(f, label, c);
    }
}

static void figures(FILE *f, const mlroi_result *r, const mlroi_bcase_figures *x)
{
    char b[B], c[B], d[B], e[B], g[B], h[B];
    fprintf(f, "  %4s %14s %14s %14s %14s %9s %14s\n", "Year", "Benefits", "Costs", "Net",
            "Cumulative", "Discount", "PV of net");
    for (int t = 0; t <= x->horizon; t++) {
        const mlroi_cash_year *y = &x->years[t];
        fprintf(f, "  %4d", y->year);
        cell(f, money(b, y->benefits, r), 14);
        cell(f, money(c, y->costs, r), 14);
        cell(f, money(d, y->net, r), 14);
        cell(f, money(e, y->cumulative_net, r), 14);
        fprintf(f, " %9.4f", y->discount_factor);
        cell(f, money(g, y->pv_net, r), 14);
        fputc('\n', f);
    }
    fprintf(f, "  %4s", "Sum");
    cell(f, money(b, x->total_benefits, r), 14);
    cell(f, money(c, x->total_costs, r), 14);
    cell(f, money(h, x->total_benefits - x->total_costs, r), 14);
    fputc('\n', f);
    kv(f, "PV of benefits", money(b, x->pv_benefits, r));
    kv(f, "PV of costs", money(b, x->pv_costs, r));
    kv(f, "NPV", money(b, x->npv, r));
    if (isfinite(x->roi_percent))
        kv(f, "PV ROI", mlroi_fmt_percent(b, B, x->roi_percent, 1));
    else
        kv(f, "PV ROI", "n/a (no costs to divide by)");
    {
        char irr[B + sizeof x->irr_note + 8];
        if (isfinite(x->irr) && x->irr_note[0])
            snprintf(irr, sizeof irr, "%s (%s)", mlroi_fmt_percent(b, B, x->irr * 100, 1),
                     x->irr_note);
        else if (isfinite(x->irr))
            snprintf(irr, sizeof irr, "%s", mlroi_fmt_percent(b, B, x->irr * 100, 1));
        else
            snprintf(irr, sizeof irr, "n/a (%s)", x->irr_note[0] ? x->irr_note : "undefined");
        kv(f, "IRR", irr);
    }
    if (isfinite(x->mirr)) {
        kv(f, "MIRR", mlroi_fmt_percent(b, B, x->mirr * 100, 1));
    } else {
        snprintf(c, B, "n/a (%s)", x->mirr_note ? x->mirr_note : "undefined");
        kv(f, "MIRR", c);
    }
    payback_line(f, "Payback", x->payback_months, x->horizon);
    payback_line(f, "Discounted payback", x->discounted_payback_months, x->horizon);
}

/* ---------- the business case's lines, one table per kind ---------- */

/* The lines' tables and the prose fit in this many columns: mlroi_render_text_width sets it
 * for one call (the renderer runs on one thread). */
static int LINES_WIDTH = 100;
#define NAME_WIDTH 28     /* a longer name is cut with an ellipsis (and printed whole below) */
#define NAME_MIN 20       /* names may be cut down to this to save a block of years */
#define BLOCK_CELLS 8     /* at most this many year, Total and PV columns side by side */
#define NAME_BUF (NAME_WIDTH * 4 + 8)   /* NAME_WIDTH characters of UTF-8, a marker, a NUL */
#define GAP 2             /* spaces before each amount column, 1 when that saves a block */

/* NAME in at most W columns (W <= NAME_WIDTH), cut at a character boundary with an ellipsis
 * when longer, into OUT of NAME_BUF bytes; control characters become spaces so that a name can
 * never break the table. Returns true when cut. */
static bool fit_name(char *out, const char *name, int w)
{
    const unsigned char *s = (const unsigned char *)name;
    bool cut = text_width(name) > w;
    int room = cut ? w - 1 : w, cols = 0;
    size_t o = 0;
    while (*s && cols < room) {
        /* a character is at most 4 bytes of valid UTF-8; the bound keeps invalid bytes (a
         * scenario built in code skips the loader's check) inside OUT */
        int bytes = 0;
        do {
            out[o++] = (char)(*s < 0x20 || *s == 0x7F ? ' ' : *s);
            s++;
        } while ((*s & 0xC0) == 0x80 && ++bytes < 3);
        cols++;
    }
    if (cut) {
        while (o > 0 && out[o - 1] == ' ')
            o--;
        memcpy(out + o, "\xE2\x80\xA6", 3);   /* U+2026 HORIZONTAL ELLIPSIS, one column */
        o += 3;
    }
    out[o] = '\0';
    return cut;
}

/* The name as the table shows it in W columns: cut to fit, and " *" after a line derived from
 * the legacy keys (the note under the tables says how to write it). Returns true when cut. */
static bool line_label(char *out, const mlroi_line_result *l, int w)
{
    bool cut = fit_name(out, l->name, w - (l->derived ? 2 : 0));
    if (l->derived)
        strcat(out, " *");
    return cut;
}

/* "-15 %" for a benefit's haircut, "+5 %" for a cost's uplift, "0 %" for none; as many
 * decimals (up to 2) as the risk needs. */
static const char *risk_pct(char *b, double risk, mlroi_line_kind kind)
{
    double p = risk * 100;
    int dec = fabs(p - round(p)) < 1e-9 ? 0 : fabs(p * 10 - round(p * 10)) < 1e-8 ? 1 : 2;
    char num[B / 2];   /* room for the sign in B */
    mlroi_fmt_percent(num, sizeof num, p, dec);
    size_t o = 0;
    if (isfinite(p) && p != 0)
        b[o++] = kind == MLROI_LINE_BENEFIT ? '-' : '+';
    memcpy(b + o, num, strlen(num) + 1);   /* num < B / 2 bytes: it fits */
    return b;
}

typedef struct lines_layout {
    int name_w, risk_w, cell_w;  /* columns of the name, the risk and every amount */
    int gap;                     /* spaces before every amount */
    int cells;                   /* N+1 years, then Total and PV */
    int blocks;                  /* rows of blocks the cells are cut into */
    mlroi_money_prefix money;    /* the currency, prepared for thousands of cells */
} lines_layout;

static int width_max(int w, const char *s)
{
    int t = text_width(s);
    return t > w ? t : w;
}

/* The wider of W and V's amount as the tables print it. */
static int money_width(int w, double v, const mlroi_result *r)
{
    int t = mlroi_fmt_money_width(v, r->scenario->currency);
    return t > w ? t : w;
}

/* The widest of many amounts without measuring each: below 2^53 an amount prints as its
 * rounded digits, a minus sign when it rounds to something other than zero, and the currency,
 * so the widest is that of the largest amount printed without a sign (POS) or of the largest
 * printed with one (NEG). Any other amount (n/a, a huge one) is measured (W). */
typedef struct widest {
    double pos, neg;
    int w;
} widest;

static void widest_add(widest *x, double v, const mlroi_result *r)
{
    double a = fabs(v);
    if (!(a < 9007199254740992.0))
        x->w = money_width(x->w, v, r);
    else if (v < 0 && a > 0.5)   /* nearbyint(0.5) is 0: "-$0" is never printed */
        x->neg = a > x->neg ? a : x->neg;
    else
        x->pos = a > x->pos ? a : x->pos;
}

/* The lines' tables run to thousands of rows: each is put together here and written in large
 * pieces rather than a character or a cell at a time. */
typedef struct rowbuf {
    FILE *f;
    size_t n;
    char b[8192];
} rowbuf;

static void rb_flush(rowbuf *rb)
{
    if (rb->n)
        fwrite(rb->b, 1, rb->n, rb->f);
    rb->n = 0;
}

static void rb_put(rowbuf *rb, const char *s, size_t len)
{
    if (rb->n + len > sizeof rb->b) {
        rb_flush(rb);
        if (len > sizeof rb->b) {
            fwrite(s, 1, len, rb->f);
            return;
        }
    }
    memcpy(rb->b + rb->n, s, len);
    rb->n += len;
}

static void rb_spaces(rowbuf *rb, int count)
{
    if (count <= 0)
        return;
    if ((size_t)count > sizeof rb->b - rb->n)
        rb_flush(rb);
    if ((size_t)count <= sizeof rb->b - rb->n) {
        memset(rb->b + rb->n, ' ', (size_t)count);
        rb->n += (size_t)count;
        return;
    }
    while (count > 0) {   /* wider than the buffer: only a terminal thousands of columns wide */
        int k = count < 64 ? count : 64;
        static const char spaces[] =
            "                                                                ";   /* 64 */
        rb_put(rb, spaces, (size_t)k);
        count -= k;
    }
}

/* S right-aligned in WIDTH columns after one space, as cell() prints it: its bytes and its
 * columns counted in one pass. */
static void rb_cell(rowbuf *rb, const char *s, int width)
{
    size_t len = 0;
    int cols = 0;
    for (; s[len]; len++)
        cols += ((unsigned char)s[len] & 0xC0) != 0x80;
    rb_spaces(rb, 1 + width - cols);
    rb_put(rb, s, len);
}

/* S left-aligned in W columns after two spaces of indent. */
static void rb_left(rowbuf *rb, const char *s, int w)
{
    rb_spaces(rb, 2);
    rb_put(rb, s, strlen(s));
    rb_spaces(rb, w - text_width(s));
}

/* How many blocks the year, Total and PV columns take with a name column W wide and GAP
 * spaces before every amount. */
static int lines_blocks(const lines_layout *lo, int w, int gap)
{
    int fit = (LINES_WIDTH - 2 - w - 1 - lo->risk_w) / (lo->cell_w + gap);
    fit = fit < 1 ? 1 : fit > BLOCK_CELLS ? BLOCK_CELLS : fit;
    return (lo->cells + fit - 1) / fit;
}

static void lines_layout_set(lines_layout *lo, const mlroi_result *r)
{
    const mlroi_bcase *bc = &r->bcase;
    const mlroi_bcase_figures *x = &bc->adjusted;
    char b[B];
    int n = x->horizon, blocks;

    widest wd = { 0, 0, 0 };

    mlroi_money_prefix_init(&lo->money, r->scenario->currency);
    lo->name_w = (int)strlen("Benefits total");
    lo->risk_w = (int)strlen("Risk");
    snprintf(b, B, "Year %d", n);
    lo->cell_w = width_max((int)strlen("Total"), b);
    for (size_t i = 0; i < bc->line_count; i++) {
        const mlroi_line_result *l = &bc->lines[i];
        char name[NAME_BUF];
        line_label(name, l, NAME_WIDTH);
        lo->name_w = width_max(lo->name_w, name);
        lo->risk_w = width_max(lo->risk_w, risk_pct(b, l->risk, l->kind));
        for (int t = 0; t <= n; t++)
            widest_add(&wd, l->adjusted[t], r);
        widest_add(&wd, l->total, r);
        widest_add(&wd, l->pv, r);
    }
    for (int t = 0; t <= n; t++) {
        widest_add(&wd, x->years[t].benefits, r);
        widest_add(&wd, x->years[t].costs, r);
    }
    widest_add(&wd, x->total_benefits, r);
    widest_add(&wd, x->total_costs, r);
    widest_add(&wd, x->pv_benefits, r);
    widest_add(&wd, x->pv_costs, r);
    lo->cell_w = money_width(lo->cell_w, wd.pos, r);
    if (wd.neg > 0)
        lo->cell_w = money_width(lo->cell_w, -wd.neg, r);
    if (wd.w > lo->cell_w)
        lo->cell_w = wd.w;
    /* As many columns as fit: the fewest blocks (a 3-year case then reads on one line), with
     * names cut as little as that allows (never below NAME_MIN) and the wider gap when it
     * costs nothing. lines_kind then cuts the columns into blocks of nearly equal size (5
     * years and the two sums: two blocks of four rather than six and two) so that the last
     * one, with Total and PV, is not a stub. */
    lo->cells = n + 3;
    {
        int natural = lo->name_w, low = natural < NAME_MIN ? natural : NAME_MIN;
        blocks = lines_blocks(lo, natural, GAP);
        lo->gap = GAP;
        for (int w = natural; w >= low; w--) {
            for (int gap = GAP; gap >= 1; gap--) {
                if (lines_blocks(lo, w, gap) < blocks) {
                    blocks = lines_blocks(lo, w, gap);
                    lo->name_w = w;
                    lo->gap = gap;
                }
            }
        }
    }
    lo->blocks = blocks;
}

/* Cells FROM..TO-1 of one row: V holds years 0..N, then Total and PV. */
static void amount_cells(rowbuf *rb, const mlroi_result *r, const lines_layout *lo, int from,
                         int to, const double *v)
{
    char b[B];
    int w = lo->cell_w + lo->gap - 1;
    for (int c = from; c < to; c++) {
        int cols;
        const char *s = mlroi_fmt_money_back(b + B, v[c], &lo->money, &cols);
        if (s) {   /* the text mlroi_fmt_money writes, whose columns are known */
            rb_spaces(rb, 1 + w - cols);
            rb_put(rb, s, (size_t)(b + B - s));
        } else {
            rb_cell(rb, money(b, v[c], r), w);
        }
    }
}

/* One kind's table: a header, a row per line and the kind's totals, in blocks of years. */
static void lines_kind(FILE *f, const mlroi_result *r, const lines_layout *lo, mlroi_line_kind kind)
{
    const mlroi_bcase *bc = &r->bcase;
    const mlroi_bcase_figures *x = &bc->adjusted;
    bool benefit = kind == MLROI_LINE_BENEFIT;
    const char *label = benefit ? "Benefits" : "Costs";
    double v[MLROI_MAX_YEARS + 3], sub[MLROI_MAX_YEARS + 3];
    size_t count = 0;
    int n = x->horizon;
    char b[B], (*risks)[B];
    rowbuf *rb;

    for (size_t i = 0; i < bc->line_count; i++)
        count += bc->lines[i].kind == kind;
    if (count == 0) {
        fprintf(f, "  %s: no line\n", label);
        return;
    }
    /* From the run's region, whose pages the evaluation has already touched (huge_alloc.h):
     * fresh heap pages would each cost a page fault. */
    rb = mlroi_huge_alloc(sizeof *rb);
    if (!rb) {
        fprintf(f, "  %s: (out of memory)\n", label);
        return;
    }
    rb->f = f;
    rb->n = 0;
    /* Each line's risk, as printed in every block of years. */
    risks = mlroi_huge_alloc(bc->line_count * sizeof *risks);
    if (!risks) {
        mlroi_huge_free(rb);
        fprintf(f, "  %s: (out of memory)\n", label);
        return;
    }
    for (size_t i = 0; i < bc->line_count; i++)
        if (bc->lines[i].kind == kind)
            risk_pct(risks[i], bc->lines[i].risk, kind);
    /* The subtotal row holds the engine's yearly totals, not a sum made here: they are the
     * figures of the yearly table above, and the lines add up to them. */
    for (int t = 0; t <= n; t++)
        sub[t] = benefit ? x->years[t].benefits : x->years[t].costs;
    sub[n + 1] = benefit ? x->total_benefits : x->total_costs;
    sub[n + 2] = benefit ? x->pv_benefits : x->pv_costs;
    for (int k = 0; k < lo->blocks; k++) {
        int base = lo->cells / lo->blocks, extra = lo->cells % lo->blocks;
        int from = k * base + (k < extra ? k : extra), to = from + base + (k < extra);
        if (k > 0)
            rb_put(rb, "\n", 1);
        rb_left(rb, label, lo->name_w);
        rb_cell(rb, "Risk", lo->risk_w);
        for (int c = from; c < to; c++) {
            if (c <= n)
                snprintf(b, B, "Year %d", c);
            rb_cell(rb, c <= n ? b : c == n + 1 ? "Total" : "PV", lo->cell_w + lo->gap - 1);
        }
        rb_put(rb, "\n", 1);
        for (size_t i = 0; i < bc->line_count; i++) {
            const mlroi_line_result *l = &bc->lines[i];
            char name[NAME_BUF];
            if (l->kind != kind)
                continue;
            line_label(name, l, lo->name_w);
            rb_left(rb, name, lo->name_w);
            rb_cell(rb, risks[i], lo->risk_w);
            memcpy(v, l->adjusted, (size_t)(n + 1) * sizeof v[0]);
            v[n + 1] = l->total;
            v[n + 2] = l->pv;
            amount_cells(rb, r, lo, from, to, v);
            rb_put(rb, "\n", 1);
        }
        rb_left(rb, benefit ? "Benefits total" : "Costs total", lo->name_w);
        rb_cell(rb, "", lo->risk_w);
        amount_cells(rb, r, lo, from, to, sub);
        rb_put(rb, "\n", 1);
    }
    rb_flush(rb);
    mlroi_huge_free(rb);
    mlroi_huge_free(risks);
}

/* A derived line written as a business_case.lines entry ("so a user sees how to write it"):
 * its name, kind, the figure or amount, and its risk when it is not the kind's default. */
static char *derived_as_json(const mlroi_result *r, const mlroi_line_result *l)
{
    const mlroi_bcase_inputs *bc = &r->scenario->bc;
    bool benefit = l->kind == MLROI_LINE_BENEFIT;
    int n = r->bcase.adjusted.horizon;
    cJSON *o = cJSON_CreateObject();
    char *text = NULL;

    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "name", l->name);
    cJSON_AddStringToObject(o, "kind", benefit ? "benefit" : "cost");
    if (l->from) {
        cJSON_AddStringToObject(o, "from", l->from);
    } else if (benefit) {
        /* an other_benefits entry: its yearly amount, on the case's ramp like any benefit */
        size_t i = 0;
        while (i < bc->other_count && bc->other_benefits[i].name != l->name &&
               strcmp(bc->other_benefits[i].name, l->name) != 0)
            i++;
        if (i == bc->other_count)
            goto done;
        cJSON_AddNumberToObject(o, "annual", bc->other_benefits[i].annual);
    } else {
        /* initial_investment (an amount at year 0) or annual_cost (the same every year) */
        bool yearly = l->values[0] == 0;
        for (int t = 2; t <= n && yearly; t++)
            yearly = l->values[t] == l->values[1];
        if (yearly && n >= 1)
            cJSON_AddNumberToObject(o, "annual", l->values[1]);
        else
            cJSON_AddNumberToObject(o, "amount", l->values[0]);
    }
    if (l->risk != (benefit ? bc->benefit_risk : bc->cost_risk))
        cJSON_AddNumberToObject(o, "risk", l->risk);
    text = cJSON_PrintUnformatted(o);
done:
    cJSON_Delete(o);
    return text;
}

/* TEXT from column COL, where the cursor stands, word by word, continued from column HANG
 * before LINES_WIDTH; runs of spaces and control characters print as one space. */
static void wrap_from(FILE *f, const char *text, int col, int hang)
{
    const unsigned char *s = (const unsigned char *)text;
    bool first = true;
    for (;;) {
        const unsigned char *e;
        int w = 0;
        while (*s && (*s <= ' ' || *s == 0x7F))
            s++;
        if (!*s)
            break;
        for (e = s; *e && *e > ' ' && *e != 0x7F; e++)
            w += (*e & 0xC0) != 0x80;
        if (!first && col + 1 + w > LINES_WIDTH) {
            fprintf(f, "\n%*s", hang, "");
            col = hang;
            first = true;
        }
        if (!first) {
            fputc(' ', f);
            col++;
        }
        fwrite(s, 1, (size_t)(e - s), f);
        col += w;
        first = false;
        s = e;
    }
    fputc('\n', f);
}

/* TEXT from column INDENT, continued from column HANG. */
static void wrapped(FILE *f, const char *text, int indent, int hang)
{
    fprintf(f, "%*s", indent, "");
    wrap_from(f, text, indent, hang);
}

/* "  Label: text", the text wrapped under itself from column HANG. */
static void labelled(FILE *f, const char *label, const char *text, int hang)
{
    int n = fprintf(f, "  %s ", label);
    wrap_from(f, text, n > 0 ? n : 0, hang);
}

/* "Name: from FIGURE; scale S; category C; source: S; note: N" (whatever the line has),
 * malloc'd. */
static char *line_about(const mlroi_line_result *l, double scale)
{
    char sc[B];
    const char *parts[5][2] = {{"from ", l->from}, {"scale ", NULL}, {"category ", l->category},
                               {"source: ", l->source}, {"note: ", l->note}};
    size_t size = strlen(l->name) + 1, len;
    const char *sep = ": ";
    char *text;
    if (scale != 1.0) {
        snprintf(sc, B, "%g", scale);
        parts[1][1] = sc;
    }
    for (int i = 0; i < 5; i++)
        size += parts[i][1] ? strlen(parts[i][0]) + strlen(parts[i][1]) + 2 : 0;
    text = malloc(size);
    if (!text)
        return NULL;
    len = (size_t)snprintf(text, size, "%s", l->name);
    for (int i = 0; i < 5; i++) {
        if (!parts[i][1])
            continue;
        len += (size_t)snprintf(text + len, size - len, "%s%s%s", sep, parts[i][0], parts[i][1]);
        sep = "; ";
    }
    return text;
}

/* What the tables leave out: a cut name in full, where a line's amounts come from, its
 * category, source and note; and the derived lines as they would be written. */
static void lines_notes(FILE *f, const mlroi_result *r, const lines_layout *lo)
{
    const mlroi_bcase *bc = &r->bcase;
    bool heading = false, derived = false;

    for (size_t i = 0; i < bc->line_count; i++) {
        const mlroi_line_result *l = &bc->lines[i];
        char name[NAME_BUF], *about;
        bool cut = line_label(name, l, lo->name_w);
        double scale = r->bcase.lines[i].scale;
        if (l->derived) {
            derived = true;   /* named in full in their JSON below */
            continue;
        }
        if (!cut && !l->from && scale == 1.0 && !l->category && !l->source && !l->note)
            continue;
        if (!heading)
            fputs("\n  Where the lines come from:\n", f);
        heading = true;
        about = line_about(l, scale);
        wrapped(f, about ? about : l->name, 4, 6);
        free(about);
    }
    if (!derived)
        return;
    fputs("\n  * From the legacy keys (initial_investment, annual_cost, costs_from, other_benefits).\n"
          "    The same plan written as business_case.lines, instead of those keys:\n", f);
    for (size_t i = 0; i < bc->line_count; i++) {
        char *text;
        if (!bc->lines[i].derived)
            continue;
        text = derived_as_json(r, &bc->lines[i]);
        if (text)
            fprintf(f, "    %s\n", text);
        else
            fprintf(f, "    %s: (out of memory)\n", bc->lines[i].name);
        free(text);
    }
}

static void lines_tables(FILE *f, const mlroi_result *r)
{
    lines_layout lo;
    if (!r->bcase.lines || r->bcase.line_count == 0)
        return;
    lines_layout_set(&lo, r);
    fputs("\nBusiness case lines, risk-adjusted (a benefit less its risk, a cost plus its "
          "risk)\n", f);
    lines_kind(f, r, &lo, MLROI_LINE_BENEFIT);
    fputc('\n', f);
    lines_kind(f, r, &lo, MLROI_LINE_COST);
    lines_notes(f, r, &lo);
}

static void bcase(FILE *f, const mlroi_result *r)
{
    const mlroi_bcase *bc = &r->bcase;
    const mlroi_scenario *s = r->scenario;
    const char *disc = s->bc.discounting == MLROI_DISC_MID ? "mid-year" : "end-of-year";
    char b[B], c[B], d[B];
    if (!bc->present) {
        fputs("\nBusiness case\n  n/a: the business case needs the roi section\n", f);
        return;
    }
    fprintf(f, "\nBusiness case: %d years, discount rate %s", bc->adjusted.horizon,
            mlroi_fmt_percent(b, B, s->bc.discount_rate * 100, 1));
    if (s->bc.has_lines) {
        /* one plan: no costs_from to name; each line carries its own risk */
        fprintf(f, " (%s discounting), %zu line%s\n", disc, s->bc.line_count,
                s->bc.line_count == 1 ? "" : "s");
        fprintf(f, "Risk-adjusted (each line's own risk, below; by default benefits %s, "
                "costs %s)\n", risk_pct(c, s->bc.benefit_risk, MLROI_LINE_BENEFIT),
                risk_pct(d, s->bc.cost_risk, MLROI_LINE_COST));
    } else {
        if (s->bc.discounting == MLROI_DISC_MID)
            fprintf(f, " (%s discounting)", disc);
        fprintf(f, ", costs from %s\n",
                s->bc.costs_from == MLROI_COSTS_TCO ? "the TCO" : "the investment");
        /* a signed 0 % would read as an allowance that is not there */
        fprintf(f, "Risk-adjusted (benefits %s, costs %s)\n",
                risk_pct(c, s->bc.benefit_risk, MLROI_LINE_BENEFIT),
                risk_pct(d, s->bc.cost_risk, MLROI_LINE_COST));
    }
    figures(f, r, &bc->adjusted);
    fputs("Unadjusted (every risk set to 0)\n", f);
    kv(f, "NPV", money(b, bc->unadjusted.npv, r));
    kv(f, "PV ROI", isfinite(bc->unadjusted.roi_percent)
                        ? mlroi_fmt_percent(b, B, bc->unadjusted.roi_percent, 1)
                        : "n/a (no costs to divide by)");
    payback_line(f, "Payback", bc->unadjusted.payback_months, bc->unadjusted.horizon);
    lines_tables(f, r);
}

static void role(FILE *f, const mlroi_result *r, const char *label, const mlroi_role_cost *rc)
{
    char b[B], c[B];
    const char *note = rc->salary_from_scenario ? "from the scenario"
                       : rc->salary_assumed     ? "assumed: no published benchmark"
                                                : "benchmark middle";
    fprintf(f, "  %-22s %3d  x", label, rc->count);
    cell(f, money(b, rc->salary, r), 10);
    fputs(" =", f);
    cell(f, money(c, rc->annual_cost, r), 12);
    fprintf(f, "  (%s)\n", note);
}

static void team(FILE *f, const mlroi_result *r)
{
    const mlroi_team *t = &r->team;
    char b[B], c[B], d[B];
    fputs("\nTeam sizing\n", f);
    if (!t->present) {
        fputs("  n/a: the scenario has no team section\n", f);
        return;
    }
    snprintf(b, B, "%d recommended (range %d-%d)", t->ml_recommended, t->ml_min, t->ml_max);
    kv(f, "ML engineers", b);
    snprintf(b, B, "%d", t->mlops_engineers);
    kv(f, "MLOps engineers", b);
    kv(f, "Governance lead", t->governance_lead ? "1" : "0 (not needed below level 3)");
    role(f, r, "ML engineer", &t->ml);
    role(f, r, "MLOps engineer", &t->mlops);
    if (t->governance.count)
        role(f, r, "Governance lead", &t->governance);
    {
        char e[B], line[3 * B + 16];
        snprintf(line, sizeof line, "%s (range %s-%s)", money(c, t->annual_cost, r),
                 money(d, t->annual_cost_low, r), money(e, t->annual_cost_high, r));
        kv(f, "Yearly cost", line);
    }
    if (t->bracket) {
        char line[200];
        snprintf(line, sizeof line, "%d people vs %g-%g typical: %s", t->headcount,
                 t->bracket->people.low, t->bracket->people.high,
                 t->headcount_within ? "within" : "outside");
        kv(f, "Against the size bracket", line);
        snprintf(line, sizeof line, "%s vs %s-%s a year: %s", money(b, t->annual_cost, r),
                 money(c, t->bracket->budget.low, r), money(d, t->bracket->budget.high, r),
                 t->cost_within ? "within" : "outside");
        kv(f, "", line);
    } else {
        kv(f, "Against the size bracket", "n/a (organization.employees is not given)");
    }
}

static void tco(FILE *f, const mlroi_result *r)
{
    const mlroi_tco *t = &r->tco;
    char b[B];
    fputs("\nTotal cost of ownership\n", f);
    if (!t->present) {
        fputs("  n/a: the scenario has no tco section\n", f);
        return;
    }
    kv(f, "Training (per year)", money(b, t->training, r));
    kv(f, "Inference (per year)", money(b, t->inference, r));
    kv(f, "Storage (per year)", money(b, t->storage, r));
    kv(f, "Monitoring (per year)", money(b, t->monitoring, r));
    kv(f, "Licences (per year)", money(b, t->licenses, r));
    kv(f, "People (per year)", money(b, t->people, r));
    kv(f, "Recurring total (per year)", money(b, t->recurring_total, r));
    kv(f, "Cloud per month", money(b, t->monthly_cloud, r));
    kv(f, "One-time costs", money(b, t->one_time_total, r));
    for (int y = 0; y <= t->horizon; y++) {
        char label[32];
        snprintf(label, sizeof label, y ? "Year %d" : "Year 0 (one-time)", y);
        kv(f, label, money(b, t->years[y].total, r));
    }
    {
        char label[48];
        snprintf(label, sizeof label, "Total over %d years", t->horizon);
        kv(f, label, money(b, t->total, r));
    }
}

static void vendor(FILE *f, const mlroi_result *r)
{
    const mlroi_vendor *v = &r->vendor;
    char b[B], c[B];
    fputs("\nPlatform\n", f);
    if (!v->present || !v->recommended) {
        fputs("  n/a: the scenario has no platform section\n", f);
        return;
    }
    kv(f, "Recommended", v->recommended->stack);
    if (v->recommended->licence.high > 0)
        fprintf(f, "  %-34s %s-%s a year\n", "Licence", money(b, v->recommended->licence.low, r),
                money(c, v->recommended->licence.high, r));
    else
        kv(f, "Licence", "no licence fee (infrastructure costs only)");
    labelled(f, "Why:", v->recommended->rationale, 4);
    labelled(f, "Lock-in:", v->recommended->lock_in, 4);
    for (int i = 0; i < v->alternative_count; i++)
        labelled(f, "Also fits:", v->alternatives[i]->stack, 4);
    for (int i = 0; i < v->enterprise_count; i++) {
        size_t n = strlen(v->enterprise[i]->name) + strlen(v->enterprise[i]->cost_text) + 4;
        char *t = malloc(n);
        if (t != NULL)
            snprintf(t, n, "%s (%s)", v->enterprise[i]->name, v->enterprise[i]->cost_text);
        labelled(f, "Enterprise option:", t ? t : v->enterprise[i]->name, 4);
        free(t);
    }
}

static void checks(FILE *f, const mlroi_result *r)
{
    fputs("\nReasonableness checks\n", f);
    if (r->checks.count == 0) {
        fputs("  none: the scenario has no input that a benchmark covers\n", f);
        return;
    }
    /* The tag says what the reader takes away: which way a compared figure leans (a payback
     * shorter than published is optimistic, not "below"), or the verdict of a check that is
     * not a comparison (impossible, outside the case, not compared). */
    int width = 0;
    for (int i = 0; i < r->checks.count; i++) {
        const mlroi_check *k = &r->checks.items[i];
        bool compared = k->verdict == MLROI_BELOW || k->verdict == MLROI_WITHIN ||
                        k->verdict == MLROI_ABOVE;
        int w = (int)strlen(compared ? mlroi_leaning_name(k->leaning)
                                     : mlroi_verdict_name(k->verdict));
        width = w > width ? w : width;
    }
    for (int i = 0; i < r->checks.count; i++) {
        const mlroi_check *k = &r->checks.items[i];
        bool compared = k->verdict == MLROI_BELOW || k->verdict == MLROI_WITHIN ||
                        k->verdict == MLROI_ABOVE;
        fprintf(f, "  [%-*s] ", width, compared ? mlroi_leaning_name(k->leaning)
                                               : mlroi_verdict_name(k->verdict));
        wrap_from(f, k->note, width + 5, width + 5);
        fprintf(f, "  %*s source: ", width + 2, "");
        wrap_from(f, k->source, width + 13, width + 13);
    }
}

static void chargeback(FILE *f, const mlroi_result *r)
{
    const mlroi_chargeback *c = &r->chargeback;
    char b[B], d[B];
    fputs("\nChargeback\n", f);
    if (!c->present) {
        fputs("  n/a: the scenario has no chargeback section\n", f);
        return;
    }
    fprintf(f, "  Pool %s a year (%s), shared by %s\n", mlroi_fmt_money_cents(b, B, c->pool,
            r->scenario->currency), c->pool_source,
            r->scenario->chargeback.basis == MLROI_CB_EQUAL ? "equal shares" : "models");
    for (size_t i = 0; i < c->unit_count; i++)
    {
        int pad = 30 - text_width(c->units[i].name);
        fprintf(f, "  %s", c->units[i].name);
        while (pad-- > 0)
            fputc(' ', f);
        fprintf(f, " %8g %-6s %8.2f %%", c->units[i].models,
                c->units[i].models == 1 ? "model" : "models", c->units[i].share * 100);
        cell(f, mlroi_fmt_money_cents(d, B, (double)c->units[i].annual_charge_cents / 100.0,
                                      r->scenario->currency), 16);
        fputc('\n', f);
    }
}

int mlroi_render_text_width(FILE *f, const mlroi_result *r, unsigned sections, int columns)
{
    int rc;
    LINES_WIDTH = columns < 60 ? 60 : columns > 1000 ? 1000 : columns;
    rc = mlroi_render_text(f, r, sections);
    LINES_WIDTH = 100;
    return rc;
}

int mlroi_render_text(FILE *f, const mlroi_result *r, unsigned sec)
{
    /* `evaluate` shows what the scenario has; a named command explains what is missing. */
    if (sec == MLROI_SEC_ALL) {
        sec = 0;
        sec |= r->maturity.present ? MLROI_SEC_MATURITY : 0;
        sec |= r->roi.present ? MLROI_SEC_ROI : 0;
        sec |= r->bcase.present ? MLROI_SEC_BCASE : 0;
        sec |= r->team.present ? MLROI_SEC_TEAM : 0;
        sec |= r->tco.present ? MLROI_SEC_TCO : 0;
        sec |= r->vendor.present ? MLROI_SEC_VENDOR : 0;
        sec |= r->checks.count ? MLROI_SEC_CHECKS : 0;
        sec |= r->chargeback.present ? MLROI_SEC_CHARGEBACK : 0;
    }
    header(f, r);
    if (sec & MLROI_SEC_MATURITY)
        maturity(f, r);
    if (sec & MLROI_SEC_ROI)
        quick(f, r);
    if (sec & MLROI_SEC_BCASE)
        bcase(f, r);
    if (sec & MLROI_SEC_TEAM)
        team(f, r);
    if (sec & MLROI_SEC_TCO)
        tco(f, r);
    if (sec & MLROI_SEC_VENDOR)
        vendor(f, r);
    if (sec & MLROI_SEC_CHECKS)
        checks(f, r);
    if (sec & MLROI_SEC_CHARGEBACK)
        chargeback(f, r);
    return ferror(f) ? -1 : 0;
}
