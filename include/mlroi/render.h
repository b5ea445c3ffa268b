/* SPDX-License-Identifier: MIT */
/* Renderers of an evaluated scenario: text for people, JSON and CSV for machines. */
#ifndef MLROI_RENDER_H
#define MLROI_RENDER_H

#include <stdio.h>
#include <cjson/cJSON.h>
#include "mlroi/engine.h"

/* Which modules a command shows. */
enum {
    MLROI_SEC_MATURITY = 1u << 0,
    MLROI_SEC_ROI = 1u << 1,
    MLROI_SEC_BCASE = 1u << 2,
    MLROI_SEC_TEAM = 1u << 3,
    MLROI_SEC_TCO = 1u << 4,
    MLROI_SEC_VENDOR = 1u << 5,
    MLROI_SEC_CHECKS = 1u << 6,
    MLROI_SEC_CHARGEBACK = 1u << 7,
    MLROI_SEC_ALL = 0xFFu
};

/* The contract's JSON object for the selected sections (others omitted; a selected module
 * without inputs is null). Caller frees with cJSON_Delete; NULL when out of memory. */
cJSON *mlroi_result_to_json(const mlroi_result *r, unsigned sections);
/* Aligned, currency-formatted text. Returns 0, or -1 on a write error. */
int mlroi_render_text(FILE *f, const mlroi_result *r, unsigned sections);
/* One tidy table: scenario,section,metric,year,value,unit. Returns 0, or -1 on a write error. */
int mlroi_render_csv(FILE *f, const mlroi_result *r, unsigned sections, int header);
/* Section bit of a tidy-row section name ("roi", "business_case", ...); 0 when unknown. */
unsigned mlroi_section_bit(const char *section);
/* Write S as one CSV field, in double quotes (inner quotes doubled) when it holds a comma, a
 * quote or a line break; NULL writes nothing (an empty field). */
void mlroi_csv_field(FILE *f, const char *s);

#endif
