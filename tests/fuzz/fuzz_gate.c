/* SPDX-License-Identifier: MIT */
/* libFuzzer target for the --fail-if expression parser and its canonical spelling. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mlroi/gate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const double probes[] = {0.0, -1.0, 1e300, -1e300, INFINITY, NAN};
    char *expr = malloc(size + 1);
    char msg[256], once[160], twice[160];
    mlroi_gate g, again;

    if (!expr)
        return 0;
    memcpy(expr, data, size);
    expr[size] = '\0';
    memset(msg, 'x', sizeof msg);
    if (mlroi_gate_parse(expr, &g, msg, sizeof msg) != MLROI_OK) {
        /* A refusal always says why, within the buffer. */
        if (memchr(msg, '\0', sizeof msg) == NULL || msg[0] == '\0')
            abort();
        goto cleanup;
    }
    if (memchr(g.metric, '\0', sizeof g.metric) == NULL || !isfinite(g.threshold) ||
        g.op < MLROI_GATE_LT || g.op > MLROI_GATE_GE)
        abort();
    for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
        mlroi_gate_outcome out = mlroi_gate_test(&g, probes[i], i % 2 == 0);
        if (out != MLROI_GATE_CLEAR && out != MLROI_GATE_HELD && out != MLROI_GATE_UNDEFINED)
            abort();
    }
    /* The canonical spelling parses back to the same gate and spells itself the same. */
    mlroi_gate_format(&g, once, sizeof once);
    if (mlroi_gate_parse(once, &again, msg, sizeof msg) != MLROI_OK)
        abort();
    mlroi_gate_format(&again, twice, sizeof twice);
    if (strcmp(once, twice) != 0 || strcmp(g.metric, again.metric) != 0 || g.op != again.op)
        abort();

cleanup:
    free(expr);
    return 0;
}
