/* SPDX-License-Identifier: MIT */
/* The Excel workbook: a live model (inputs, formulas, charts) that finance can audit and change. */
#ifndef MLROI_REPORT_XLSX_H
#define MLROI_REPORT_XLSX_H

#include "mlroi/error.h"
#include "mlroi/report.h"

/* Write the workbook of IN (in->result required; analysis results optional) to PATH.
 *
 * Sheets: Summary, Inputs, Quick estimate, Business case, Business case lines (a scenario with
 * business_case.lines: one row per line, its amounts year by year before and after risk, whose
 * sums are the case's yearly benefits and costs), Maturity, Team, TCO (each when the scenario
 * has that module), Chargeback (when it has a chargeback section), Sensitivity and Monte Carlo
 * (when IN carries those results), Assumptions, Checks and Data (every output as a row of an
 * Excel table). The
 * platform recommendation sits on the TCO sheet (the Summary without one), the
 * reasonableness checks on the Summary. Model sheets hold live formulas whose cached results are
 * the engine's figures; every input has a defined name (mlroi_team_size,
 * mlroi_discount_rate, ...) and every engine output one named after its JSON path with '_'
 * for '.' (mlroi_business_case_npv, mlroi_business_case_years_net for a timeline row,
 * mlroi_business_case_lines_values for the lines' amounts by year). Timelines run across the
 * columns, Initial and Year 1 to Year 50 whatever the horizon, so that the horizon is one
 * input: years after it count 0 (the named rows hold 0 there). An Assumptions sheet names
 * every fixed figure the formulas use; a Checks sheet holds mlroi_master_check. Sheets are
 * unprotected unless in->protect. Any number of lines fits.
 *
 * The file is written to a temporary name beside PATH and renamed into place, so a failure
 * leaves no partial file. The same inputs give the same bytes (document dates come from
 * in->epoch). Numbers are written in the "C" locale whatever the process locale is.
 * Returns MLROI_OK, MLROI_ERR_IO (with a diag) or MLROI_ERR_NOMEM. diags may be NULL.
 *
 *     mlroi_report_input in = { .result = &r, .date = "2025-01-31", .epoch = t };
 *     err = mlroi_report_write_xlsx(&in, "model.xlsx", &diags);
 */
mlroi_error mlroi_report_write_xlsx(const mlroi_report_input *in, const char *path,
                                    mlroi_diags *diags);

#endif
