/* SPDX-License-Identifier: MIT */
/* The workbook's analysis sheets: sensitivity (sweep, tornado, grid) and Monte Carlo. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mlroi/analysis.h"
#include "xlsx_internal.h"

void mlroi_xlsx_sensitivity(xl_ctx *c)
{
    mlroi_xlsx_sheet_setup(c, c->sens, "Sensitivity", NULL);
}

void mlroi_xlsx_montecarlo(xl_ctx *c)
{
    mlroi_xlsx_sheet_setup(c, c->mc, "Monte Carlo", NULL);
}
