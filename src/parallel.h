/* SPDX-License-Identifier: MIT */
/* A parallel loop over independent ranges of indexes (Monte Carlo's and Iman-Conover's
 * column work). */
#ifndef MLROI_PARALLEL_H
#define MLROI_PARALLEL_H

#include <stddef.h>

typedef void (*mlroi_range_fn)(void *ctx, size_t lo, size_t hi);

/* Call FN(CTX, lo, hi) over [0, N) cut into up to THREADS contiguous ranges of at least GRAIN
 * indexes, in parallel. The ranges' work must not depend on each other (each writes its own
 * places), so the result is the same for any THREADS. The caller's thread runs the first
 * range, and any range whose thread cannot start. */
void mlroi_parallel_for(int threads, size_t n, size_t grain, mlroi_range_fn fn, void *ctx);

#endif
