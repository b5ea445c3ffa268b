/* SPDX-License-Identifier: MIT */
/* A parallel loop over independent ranges of indexes. */
#include "parallel.h"

#include <pthread.h>
#include <stdbool.h>

#define MAX_RANGES 64

typedef struct range_job {
    mlroi_range_fn fn;
    void *ctx;
    size_t lo, hi;
} range_job;

static void *range_worker(void *arg)
{
    range_job *job = arg;
    job->fn(job->ctx, job->lo, job->hi);
    return NULL;
}

void mlroi_parallel_for(int threads, size_t n, size_t grain, mlroi_range_fn fn, void *ctx)
{
    range_job jobs[MAX_RANGES];
    pthread_t tids[MAX_RANGES];
    bool started[MAX_RANGES] = { false };
    size_t parts = threads > 1 ? (size_t)threads : 1;

    if (parts > MAX_RANGES)
        parts = MAX_RANGES;
    if (grain < 1)
        grain = 1;
    if (parts > n / grain)
        parts = n / grain > 0 ? n / grain : 1;
    for (size_t t = 0; t < parts; t++)
        jobs[t] = (range_job){ fn, ctx, n * t / parts, n * (t + 1) / parts };
    for (size_t t = 1; t < parts; t++)
        started[t] = pthread_create(&tids[t], NULL, range_worker, &jobs[t]) == 0;
    for (size_t t = 0; t < parts; t++)
        if (!started[t])
            range_worker(&jobs[t]);
    for (size_t t = 1; t < parts; t++)
        if (started[t])
            pthread_join(tids[t], NULL);
}
