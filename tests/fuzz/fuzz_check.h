/* SPDX-License-Identifier: MIT */
/* Checks the scenario fuzz targets share: what an evaluated scenario must never show. */
#ifndef MLROI_FUZZ_CHECK_H
#define MLROI_FUZZ_CHECK_H

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlroi/analysis.h"
#include "mlroi/engine.h"
#include "mlroi/render.h"

/* The bounds on inputs keep every product finite: no figure of a result that evaluated may be
 * infinite, and the NPV of a business case is always a number. */
static void fuzz_check_figures(const mlroi_result *r)
{
    size_t n = 0;
    const mlroi_metric_info *m = mlroi_metrics(&n);
    for (size_t i = 0; i < n; i++)
        if (isinf(mlroi_metric_value(r, m[i].id)))
            abort();
    if (r->bcase.present && isnan(mlroi_metric_value(r, MLROI_M_NPV)))
        abort();
}

/* Names are the user's text and may well spell "nan"; blank their letters so that any "nan"
 * or "inf" left in the output is a number printed without a check. */
static void fuzz_blank_letters(char *text)
{
    for (; text && *text; text++)
        if (isalpha((unsigned char)*text))
            *text = 'x';
}

static void fuzz_blank_names(mlroi_scenario *s)
{
    fuzz_blank_letters(s->name);
    fuzz_blank_letters(s->description);
    fuzz_blank_letters(s->org_name);
    for (size_t i = 0; i < s->bc.other_count; i++)
        fuzz_blank_letters(s->bc.other_benefits[i].name);
    for (size_t i = 0; i < s->tco.workload_count; i++)
        fuzz_blank_letters(s->tco.workloads[i].name);
    for (size_t i = 0; i < s->tco.license_count; i++)
        fuzz_blank_letters(s->tco.licenses[i].name);
    for (size_t i = 0; i < s->tco.one_time_count; i++)
        fuzz_blank_letters(s->tco.one_time[i].name);
    for (size_t i = 0; i < s->chargeback.unit_count; i++)
        fuzz_blank_letters(s->chargeback.units[i].name);
    for (size_t i = 0; i < s->bc.line_count; i++) {
        fuzz_blank_letters(s->bc.lines[i].name);
        fuzz_blank_letters(s->bc.lines[i].category);
        fuzz_blank_letters(s->bc.lines[i].source);
        fuzz_blank_letters(s->bc.lines[i].note);
    }
}

/* Catalog ids stay as written (the rates are looked up by them). */
static int fuzz_ids_spell_nan(const mlroi_scenario *s)
{
    for (size_t i = 0; i < s->tco.catalog_count; i++)
        if (strstr(s->tco.catalog[i].id, "nan") || strstr(s->tco.catalog[i].id, "inf"))
            return 1;
    for (size_t i = 0; i < s->tco.workload_count; i++) {
        const char *id = s->tco.workloads[i].instance;
        if (id && (strstr(id, "nan") || strstr(id, "inf")))
            return 1;
    }
    return 0;
}

/* Is WORD in TEXT on its own, not inside a longer word? */
static int fuzz_has_word(const char *text, size_t len, const char *word)
{
    size_t w = strlen(word);
    for (size_t i = 0; i + w <= len; i++) {
        if (memcmp(text + i, word, w) != 0)
            continue;
        if ((i == 0 || !isalpha((unsigned char)text[i - 1])) &&
            (i + w == len || !isalpha((unsigned char)text[i + w])))
            return 1;
    }
    return 0;
}

/* Render S's result as text and CSV: neither may show "nan" or "inf". */
static void fuzz_check_rendered(const mlroi_result *r, int ids_spell_nan)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return;
    mlroi_render_text(f, r, MLROI_SEC_ALL);
    mlroi_render_csv(f, r, MLROI_SEC_ALL, 1);
    if (fclose(f) != 0) {
        free(buf);
        return;
    }
    if (!ids_spell_nan && (fuzz_has_word(buf, len, "nan") || fuzz_has_word(buf, len, "inf"))) {
        fwrite(buf, 1, len, stderr);
        abort();
    }
    free(buf);
}

/* Evaluate S (its names blanked) and check figures and output; diags get what failed. */
static void fuzz_check_scenario(mlroi_scenario *s, mlroi_diags *d)
{
    mlroi_result r;
    mlroi_error e;
    int ids = fuzz_ids_spell_nan(s);
    fuzz_blank_names(s);
    e = mlroi_evaluate(s, mlroi_benchmarks_default(), &r, d);
    if (e != MLROI_OK && mlroi_diags_errors(d) == 0)
        abort();
    if (e == MLROI_OK) {
        fuzz_check_figures(&r);
        fuzz_check_rendered(&r, ids);
    }
    mlroi_result_free(&r);
}

#endif
