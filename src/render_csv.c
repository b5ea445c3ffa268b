/* SPDX-License-Identifier: MIT */
/* CSV output: the tidy rows of the selected sections, amounts to the cent and other figures
 * to ten significant digits (JSON keeps full precision). */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "mlroi/format.h"
#include "mlroi/render.h"
#include "mlroi/shortest.h"
#include "mlroi/tidy.h"

unsigned mlroi_section_bit(const char *s)
{
    static const struct { const char *name; unsigned bit; } map[] = {
        {"maturity", MLROI_SEC_MATURITY}, {"roi", MLROI_SEC_ROI},
        {"business_case", MLROI_SEC_BCASE}, {"business_case_unadjusted", MLROI_SEC_BCASE},
        {"business_case.lines", MLROI_SEC_BCASE},
        {"team", MLROI_SEC_TEAM}, {"tco", MLROI_SEC_TCO}, {"vendor", MLROI_SEC_VENDOR},
        {"checks", MLROI_SEC_CHECKS}, {"chargeback", MLROI_SEC_CHARGEBACK},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].name, s) == 0)
            return map[i].bit;
    return 0;
}

/* S is a plain decimal number: [+-]digits[.digits][e[+-]digits]. */
static bool is_number_text(const char *s)
{
    bool digits = false;
    if (*s == '+' || *s == '-')
        s++;
    for (; *s >= '0' && *s <= '9'; s++)
        digits = true;
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++)
            digits = true;
    if (!digits)
        return false;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!(*s >= '0' && *s <= '9'))
            return false;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

void mlroi_csv_field(FILE *f, const char *s)
{
    /* A spreadsheet runs a cell that starts with = + - or @ (or a tab or CR before one) as
     * a formula: a leading apostrophe keeps such text text (OWASP "CSV injection"). A plain
     * number such as -5 stays a number. */
    bool guard;
    if (!s)
        return;
    guard = strchr("=+-@\t\r", *s) && *s && !is_number_text(s);
    if (strpbrk(s, ",\"\n\r")) {
        fputc('"', f);
        if (guard)
            fputc('\'', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        if (guard)
            fputc('\'', f);
        fputs(s, f);
    }
}

size_t mlroi_csv_number(char *buf, double v, bool amount)
{
    /* Amounts go to a spreadsheet as money: cents. Ratios, percents and counts keep ten
     * significant digits, more than any decision reads and free of float noise. */
    return amount ? mlroi_shortest_places(buf, v, 2) : mlroi_shortest_sig(buf, v, 10);
}

typedef struct csv_ctx {
    FILE *f;
    unsigned sections;
    const char *scenario;
    const char *currency;    /* the unit of amounts */
    const mlroi_result *r;
    bool in_bcase;           /* the last row was a business_case row */
    bool lines_done;         /* the business_case.lines rows are written */
    int err;                 /* -1 when out of memory */
} csv_ctx;

static void row(void *vctx, const char *section, const char *metric, int year, double value,
                const char *unit);

/* One row of a line: metric "<kind>.<name>.<field>" written into M (SIZE bytes). The name
 * sits between the first and the last dot, so it may hold dots itself. */
static void line_row(csv_ctx *c, char *m, size_t size, const mlroi_line_result *l,
                     const char *field, int year, double value, const char *unit)
{
    snprintf(m, size, "%s.%s.%s", l->kind == MLROI_LINE_BENEFIT ? "benefit" : "cost", l->name,
             field);
    row(c, "business_case.lines", m, year, value, unit);
}

/* The business-case lines: for each line and year t, "value" (as written) and "adjusted"
 * (after its risk), then its risk, total and pv, adjusted and not. */
static void lines_rows(csv_ctx *c)
{
    const mlroi_bcase *bc = &c->r->bcase;
    const char *cur = c->r->scenario->currency;
    c->lines_done = true;
    if (!bc->present || !bc->lines)
        return;
    for (size_t i = 0; i < bc->line_count; i++) {
        const mlroi_line_result *l = &bc->lines[i];
        size_t size = strlen(l->name) + 32;   /* "benefit." + name + ".total_unadjusted" */
        char *m = malloc(size);
        if (!m) {
            c->err = -1;
            return;
        }
        for (int t = 0; t <= bc->adjusted.horizon; t++) {
            line_row(c, m, size, l, "value", t, l->values[t], cur);
            line_row(c, m, size, l, "adjusted", t, l->adjusted[t], cur);
        }
        line_row(c, m, size, l, "risk", -1, l->risk, "ratio");
        line_row(c, m, size, l, "total", -1, l->total, cur);
        line_row(c, m, size, l, "pv", -1, l->pv, cur);
        line_row(c, m, size, l, "total_unadjusted", -1, l->total_unadjusted, cur);
        line_row(c, m, size, l, "pv_unadjusted", -1, l->pv_unadjusted, cur);
        free(m);
    }
}

static void row(void *vctx, const char *section, const char *metric, int year, double value,
                const char *unit)
{
    csv_ctx *c = vctx;
    char buf[MLROI_SHORTEST_SIZE];
    /* The lines follow the business case's own rows (the tidy rows know nothing of them). */
    if (!c->lines_done) {
        bool bcase = strncmp(section, "business_case", 13) == 0;
        if (c->in_bcase && !bcase)
            lines_rows(c);
        c->in_bcase = bcase;
    }
    if (!(mlroi_section_bit(section) & c->sections))
        return;
    mlroi_csv_field(c->f, c->scenario);
    fputc(',', c->f);
    mlroi_csv_field(c->f, section);
    fputc(',', c->f);
    mlroi_csv_field(c->f, metric);
    fputc(',', c->f);
    if (year >= 0)
        fprintf(c->f, "%d", year);
    fputc(',', c->f);
    if (isfinite(value))
        fwrite(buf, 1, mlroi_csv_number(buf, value, unit && c->currency
                                                          && strcmp(unit, c->currency) == 0),
               c->f);
    fputc(',', c->f);
    mlroi_csv_field(c->f, unit);
    fputc('\n', c->f);
}

int mlroi_render_csv(FILE *f, const mlroi_result *r, unsigned sections, int header)
{
    csv_ctx c = {f, sections, r->scenario->name, r->scenario->currency, r, false, false, 0};
    if (header)
        fputs("scenario,section,metric,year,value,unit\n", f);
    mlroi_result_each_row(r, row, &c);
    if (!c.lines_done)
        lines_rows(&c);
    return ferror(f) || c.err ? -1 : 0;
}
