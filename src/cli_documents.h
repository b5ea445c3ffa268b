/* SPDX-License-Identifier: MIT */
/* The PDF and workbook writers, opened from their module only when a document is written. */
#ifndef MLROI_CLI_DOCUMENTS_H
#define MLROI_CLI_DOCUMENTS_H

#include <stdbool.h>
#include "mlroi/error.h"
#include "mlroi/report.h"
#include "mlroi/template.h"

/* The module's file name, beside the binary in the build tree or in MLROI_MODULEDIR_REL seen
 * from the binary's folder once installed. */
#define CLI_DOCUMENTS_MODULE "mlroi-documents.so"

/* Open the document module once per process (later calls return the first answer). True when
 * both writers are ready; else false after printing one line that names the module and why it
 * did not load. The module stays open until the process ends. */
bool cli_documents_open(void);

/* mlroi_report_write_pdf and mlroi_report_write_xlsx (include/mlroi/report_pdf.h,
 * report_xlsx.h) through the module; call cli_documents_open first. */
mlroi_error cli_documents_write_pdf(const mlroi_report_input *in, const mlroi_template *tpl,
                                    const char *path, mlroi_diags *diags);
mlroi_error cli_documents_write_xlsx(const mlroi_report_input *in, const char *path,
                                     mlroi_diags *diags);

#endif
