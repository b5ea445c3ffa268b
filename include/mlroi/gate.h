/* SPDX-License-Identifier: MIT */
/* Pipeline gates: parse and test `--fail-if` expressions such as `npv<0` or `npv.p10 < -5e4`. */
#ifndef MLROI_GATE_H
#define MLROI_GATE_H

#include <stdbool.h>
#include <stddef.h>
#include "mlroi/error.h"

typedef enum mlroi_gate_op {
    MLROI_GATE_LT = 0,   /* <  */
    MLROI_GATE_LE,       /* <= */
    MLROI_GATE_GT,       /* >  */
    MLROI_GATE_GE        /* >= */
} mlroi_gate_op;

#define MLROI_GATE_NAME_MAX 64

/* One parsed expression: NAME OP NUMBER, blanks allowed around each part. NAME is letters,
 * digits, '_' and '.', starting with a letter ("npv", "payback_months", "npv.p10").
 * NUMBER is a finite decimal number ("0", "-50000", "1.5e6", "0.8"). */
typedef struct mlroi_gate {
    char metric[MLROI_GATE_NAME_MAX];
    mlroi_gate_op op;
    double threshold;
} mlroi_gate;

/* How a gate turned out for one value. */
typedef enum mlroi_gate_outcome {
    MLROI_GATE_CLEAR = 0,    /* the condition is false: the pipeline may pass */
    MLROI_GATE_HELD,         /* the condition is true: the pipeline must fail */
    MLROI_GATE_UNDEFINED     /* the metric has no value (NAN); callers treat it as held */
} mlroi_gate_outcome;

/* Parse EXPR. On failure returns MLROI_ERR_SYNTAX and writes what is wrong into msg
 * (e.g. "expected <, <=, > or >= after 'npv'"). */
mlroi_error mlroi_gate_parse(const char *expr, mlroi_gate *out, char *msg, size_t msg_size);
/* Test VALUE. A payback-like metric (when nan_is_infinite) counts a NAN ("never") as
 * +infinity; any other NAN gives MLROI_GATE_UNDEFINED. */
mlroi_gate_outcome mlroi_gate_test(const mlroi_gate *g, double value, bool nan_is_infinite);
/* "<", "<=", ">", ">=". */
const char *mlroi_gate_op_text(mlroi_gate_op op);
/* The expression in a canonical spelling: "npv < 0". */
void mlroi_gate_format(const mlroi_gate *g, char *buf, size_t size);

#endif
