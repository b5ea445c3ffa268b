/* SPDX-License-Identifier: MIT */
/* The Monte Carlo configuration read from a cJSON tree: shared by the loader, which reports
 * each problem at its line and column, and by montecarlo.c, which builds the config it runs. */
#ifndef MLROI_MC_CONFIG_H
#define MLROI_MC_CONFIG_H

#include "mlroi/analysis.h"

#include <cjson/cJSON.h>

/* Where a problem goes: NODE is the value at fault (its key when KEY != 0), PATH its key path
 * ("uncertainty.inputs.roi.avg_salary.sd"), MSG the finished message. Returns CODE. */
typedef mlroi_error (*mlroi_mc_report_fn)(void *ctx, const cJSON *node, int key,
                                          const char *path, mlroi_error code, const char *msg);

/* Validate the `uncertainty` object UNC of scenario S and build its config into *OUT (caller
 * frees with mlroi_mc_config_free). Stops at the first problem: given REPORT, it goes there
 * (with CTX); without, to DIAGS under S's file name with no position. */
mlroi_error mlroi_mc_config_from_json(const mlroi_scenario *s, const cJSON *unc,
                                      mlroi_mc_report_fn report, void *ctx,
                                      mlroi_mc_config **out, mlroi_diags *diags);

#endif
