/* SPDX-License-Identifier: MIT */
/* The PDF board briefing: every section of the business case, laid out by a template. */
#ifndef MLROI_REPORT_PDF_H
#define MLROI_REPORT_PDF_H

#include "mlroi/report.h"
#include "mlroi/template.h"

/* Render the briefing of IN, styled by TPL, into PATH. The file is written beside PATH and
 * renamed into place (mlroi_write_atomic), so a failure keeps the previous file. The same
 * inputs give a byte-identical file: document dates come from in->epoch. Figures are read
 * from in->result and the analysis results; nothing is recomputed. A case with
 * business_case.lines gets a table of its lines (benefits, then costs, each with its risk);
 * horizons past ten years are laid out in column blocks (a concise template sums years 11..N
 * in one column).
 * Returns MLROI_OK, or MLROI_ERR_IO / MLROI_ERR_INVALID (unusable font or logo) with a diag. */
mlroi_error mlroi_report_write_pdf(const mlroi_report_input *in, const mlroi_template *tpl,
                                   const char *path, mlroi_diags *diags);

#endif
