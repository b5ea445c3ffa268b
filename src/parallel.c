/* SPDX-License-Identifier: MIT */
/* A parallel loop over independent ranges of indexes, and the engine's thread primitives. */
#include "parallel.h"
#ifndef MLROI_NO_THREADS
#include <sched.h>
#endif

#ifdef MLROI_NO_THREADS
bool mlroi_thread_start(mlroi_thread *t, void *(*fn)(void *), void *arg)
{
    (void)t;
    (void)fn;
    (void)arg;
    return false;
}

void mlroi_thread_join(mlroi_thread t)
{
    (void)t;
}

void mlroi_once(mlroi_once_flag *flag, void (*fn)(void))
{
    if (!*flag) {
        *flag = true;
        fn();
    }
}

int mlroi_threads_cap(int threads)
{
    (void)threads;
    return 1;
}

void mlroi_thread_yield(void)
{
}
#else
bool mlroi_thread_start(mlroi_thread *t, void *(*fn)(void *), void *arg)
{
    return pthread_create(t, NULL, fn, arg) == 0;
}

void mlroi_thread_join(mlroi_thread t)
{
    pthread_join(t, NULL);
}

void mlroi_once(mlroi_once_flag *flag, void (*fn)(void))
{
    pthread_once(flag, fn);
}

int mlroi_threads_cap(int threads)
{
    return threads;
}

void mlroi_thread_yield(void)
{
    sched_yield();
}
#endif

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
    mlroi_thread tids[MAX_RANGES];
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
        started[t] = mlroi_thread_start(&tids[t], range_worker, &jobs[t]);
    for (size_t t = 0; t < parts; t++)
        if (!started[t])
            range_worker(&jobs[t]);
    for (size_t t = 1; t < parts; t++)
        if (started[t])
            mlroi_thread_join(tids[t]);
}
