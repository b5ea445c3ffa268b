/* SPDX-License-Identifier: MIT */
/* The workbook's sheet writers, one unit each, over the shared cell writers (xlsx_cells.h);
 * report_xlsx.c calls them in dependency order. Private to the workbook writer. */
#ifndef MLROI_XLSX_INTERNAL_H
#define MLROI_XLSX_INTERNAL_H

#include "xlsx_cells.h"

/* The Inputs sheet (xlsx_inputs.c), written first: it names every input. */
void mlroi_xlsx_inputs(xl_ctx *c);
/* Sheets (xlsx_model.c). */
void mlroi_xlsx_quick(xl_ctx *c);
void mlroi_xlsx_maturity(xl_ctx *c);
void mlroi_xlsx_team(xl_ctx *c);
void mlroi_xlsx_tco(xl_ctx *c);
/* The Business case lines sheet (xlsx_lines.c), written before the Business case. */
void mlroi_xlsx_lines(xl_ctx *c);
/* Sheets (xlsx_analysis.c). */
void mlroi_xlsx_sensitivity(xl_ctx *c);
void mlroi_xlsx_montecarlo(xl_ctx *c);
/* Decision support (xlsx_decision.c): the Chargeback sheet; the platform recommendation block
 * and the reasonableness checks table, written on WS from ROW with text lines of at most
 * LINE_WIDTH characters; each returns the first free row under what it wrote. */
void mlroi_xlsx_chargeback(xl_ctx *c);
lxw_row_t mlroi_xlsx_vendor(xl_ctx *c, lxw_worksheet *ws, const char *sheet, lxw_row_t row,
                            size_t line_width);
lxw_row_t mlroi_xlsx_checks(xl_ctx *c, lxw_row_t row);

/* The Checks sheet (xlsx_integrity.c), written after every model sheet: each total against
 * its parts, the master check (mlroi_master_check) and whether the static sheets are current
 * (mlroi_static_current). */
void mlroi_xlsx_integrity(xl_ctx *c);
/* Two rows at ROW, COL of a static sheet: what it was computed from, and a live line that
 * reads STALE once the inputs no longer match. */
void mlroi_xlsx_static_label(xl_ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col);

/* The Business case sheet (xlsx_bcase.c), after the lines and TCO sheets it reads. */
void mlroi_xlsx_bcase(xl_ctx *c);
/* A timeline's heading rows on WS: the periods (Initial, Year 1 ... Year 50) on YEAR_ROW and
 * on FLAG_ROW 1 for a year inside the horizon input, 0 after it. */
void mlroi_xlsx_timeline_heads(xl_ctx *c, lxw_worksheet *ws, lxw_row_t year_row,
                               lxw_row_t flag_row);

/* The Summary and Data sheets (xlsx_summary.c), written last. */
void mlroi_xlsx_summary(xl_ctx *c);
void mlroi_xlsx_data(xl_ctx *c);

#endif
