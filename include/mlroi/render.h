/* SPDX-License-Identifier: MIT */
/* Renderers of an evaluated scenario: text for people, JSON and CSV for machines. */
#ifndef MLROI_RENDER_H
#define MLROI_RENDER_H

#include <stdbool.h>
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
/* ITEM as text laid out as cJSON_Print lays it out (tabs, keys in order), but every number
 * in its shortest round-trip form (mlroi_shortest) instead of cJSON's %.15g-within-epsilon:
 * full precision, as MODEL.md asks. A NaN or infinite number prints null. Caller frees the
 * text with free(); NULL when out of memory or ITEM is NULL or invalid. */
char *mlroi_json_print(const cJSON *item);
struct mlroi_sensitivity;
struct mlroi_voi;
struct mlroi_mc_result;
/* A Monte Carlo run as `montecarlo --format json` prints it: samples, seed, method, each
 * metric's statistics, P(NPV > 0), P(payback within the horizon) and the histogram; with
 * CHART_VIEW also the chart's histogram from the 0.5th to the 99.5th percentile
 * ("core_histogram", with its open tails) and the scenario's NPV ("base_npv"). NULL when out
 * of memory. */
cJSON *mlroi_mc_to_json(const struct mlroi_mc_result *mc, bool chart_view);
/* Add to ROOT what drives the risk: "sensitivity" (the variance decomposition: each input's
 * Sobol indices with their intervals and its contribution to variance) when SENS is given,
 * and "value_of_information" (EVPI, each input's EVPPI, the bins, the board's sentence in
 * CURRENCY) when VOI is: the keys `montecarlo --sensitivity --format json` prints. */
void mlroi_drivers_to_json(cJSON *root, const struct mlroi_sensitivity *sens,
                           const struct mlroi_voi *voi, const char *currency);

/* Aligned, currency-formatted text, its prose wrapped and its tables fitted to 100 columns.
 * Returns 0, or -1 on a write error. */
int mlroi_render_text(FILE *f, const mlroi_result *r, unsigned sections);
/* The same fitted to COLUMNS (60 to 1000; a terminal's width). Not for use from two threads
 * at once. */
int mlroi_render_text_width(FILE *f, const mlroi_result *r, unsigned sections, int columns);
/* One tidy table: scenario,section,metric,year,value,unit. Returns 0, or -1 on a write error. */
int mlroi_render_csv(FILE *f, const mlroi_result *r, unsigned sections, int header);
/* Section bit of a tidy-row section name ("roi", "business_case", ...); 0 when unknown. */
unsigned mlroi_section_bit(const char *section);
/* Write S as one CSV field, in double quotes (inner quotes doubled) when it holds a comma, a
 * quote or a line break; NULL writes nothing (an empty field). Text that starts with = + - @,
 * a tab or a CR (a formula to a spreadsheet) but is no plain number gets a leading
 * apostrophe, inside the quotes. */
void mlroi_csv_field(FILE *f, const char *s);
/* V as a CSV cell into BUF (MLROI_SHORTEST_SIZE bytes): an AMOUNT rounded to the cent, any
 * other figure to ten significant digits, half away from zero, without trailing zeros
 * (220000.00000000003 -> "220000"; 2/3 -> "0.6666666667"). Returns the length. */
size_t mlroi_csv_number(char *buf, double v, bool amount);

#endif
