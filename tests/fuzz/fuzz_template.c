/* SPDX-License-Identifier: MIT */
/* libFuzzer target for the report template loader. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mlroi/template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    char line[1024];
    mlroi_template *t = NULL;
    mlroi_diags d = {0};
    mlroi_error e;

    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    e = mlroi_template_load_text("fuzz.json", NULL, text, size, &t, &d);
    for (size_t i = 0; i < d.count; i++)
        mlroi_diag_format(&d.items[i], line, sizeof line);
    if (e != MLROI_OK && (t != NULL || mlroi_diags_errors(&d) == 0))
        abort();
    if (e == MLROI_OK) {
        if (t == NULL || t->name == NULL || t->title == NULL || t->font_regular == NULL ||
            t->font_bold == NULL || t->section_count < 0 ||
            t->section_count > MLROI_SECTION_COUNT)
            abort();
        for (int i = 0; i < t->section_count; i++)
            if (mlroi_section_name(t->sections[i].id) == NULL)
                abort();
    }
    mlroi_template_free(t);
    mlroi_diags_free(&d);
    free(text);
    return 0;
}
