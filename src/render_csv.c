/* SPDX-License-Identifier: MIT */
/* CSV output: the tidy rows of the selected sections, numbers at full precision. */
#include <math.h>
#include <string.h>
#include "mlroi/format.h"
#include "mlroi/render.h"
#include "mlroi/tidy.h"

unsigned mlroi_section_bit(const char *s)
{
    static const struct { const char *name; unsigned bit; } map[] = {
        {"maturity", MLROI_SEC_MATURITY}, {"roi", MLROI_SEC_ROI},
        {"business_case", MLROI_SEC_BCASE}, {"business_case_unadjusted", MLROI_SEC_BCASE},
        {"team", MLROI_SEC_TEAM}, {"tco", MLROI_SEC_TCO}, {"vendor", MLROI_SEC_VENDOR},
        {"checks", MLROI_SEC_CHECKS}, {"chargeback", MLROI_SEC_CHARGEBACK},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].name, s) == 0)
            return map[i].bit;
    return 0;
}

void mlroi_csv_field(FILE *f, const char *s)
{
    if (!s)
        return;
    if (strpbrk(s, ",\"\n\r")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
}

typedef struct csv_ctx {
    FILE *f;
    unsigned sections;
    const char *scenario;
} csv_ctx;

static void row(void *vctx, const char *section, const char *metric, int year, double value,
                const char *unit)
{
    csv_ctx *c = vctx;
    char buf[64];
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
        fputs(mlroi_fmt_exact(buf, sizeof buf, value), c->f);
    fputc(',', c->f);
    mlroi_csv_field(c->f, unit);
    fputc('\n', c->f);
}

int mlroi_render_csv(FILE *f, const mlroi_result *r, unsigned sections, int header)
{
    csv_ctx c = {f, sections, r->scenario->name};
    if (header)
        fputs("scenario,section,metric,year,value,unit\n", f);
    mlroi_result_each_row(r, row, &c);
    return ferror(f) ? -1 : 0;
}
