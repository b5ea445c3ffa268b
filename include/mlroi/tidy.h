/* SPDX-License-Identifier: MIT */
/* Every output figure as one tidy row: CSV output and the workbook's Data sheet share it. */
#ifndef MLROI_TIDY_H
#define MLROI_TIDY_H

#include "mlroi/engine.h"

/* year is -1 when the figure is not yearly; value may be NAN (undefined: print empty). */
typedef void (*mlroi_row_fn)(void *ctx, const char *section, const char *metric, int year,
                             double value, const char *unit);

/* Call fn once per figure of every present module, in a stable order. */
void mlroi_result_each_row(const mlroi_result *r, mlroi_row_fn fn, void *ctx);

#endif
