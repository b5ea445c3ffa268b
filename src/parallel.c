/* SPDX-License-Identifier: MIT */
/* A parallel loop over independent ranges of indexes, and the engine's thread primitives. */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE   /* sched_getcpu, CPU_SET, pthread_attr_setaffinity_np */
#endif
#include "parallel.h"
#ifndef MLROI_NO_THREADS
#include <sched.h>
#include <stdlib.h>
#endif

#ifdef MLROI_NO_THREADS
bool mlroi_thread_start(mlroi_thread *t, void *(*fn)(void *), void *arg, int slot)
{
    (void)t;
    (void)fn;
    (void)arg;
    (void)slot;
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
#if defined(__linux__) && defined(__GLIBC__) && defined(CPU_SET)
#define PLACED_START 1

/* A placed thread's start: free again to run anywhere the process may, then its work. */
typedef struct placed {
    void *(*fn)(void *);
    void *arg;
    cpu_set_t allowed;
} placed;

static void *placed_start(void *arg)
{
    placed p = *(placed *)arg;
    free(arg);
    (void)pthread_setaffinity_np(pthread_self(), sizeof p.allowed, &p.allowed);
    return p.fn(p.arg);
}

/* The processor SLOT places after the caller's among ALLOWED, or -1 when there is no other. */
static int slot_cpu(const cpu_set_t *allowed, int slot)
{
    int count = CPU_COUNT(allowed), here = sched_getcpu(), at = 0, n = 0;
    if (count < 2 || slot < 0 || here < 0 || !CPU_ISSET(here, allowed))
        return -1;
    for (int c = 0; c < here; c++)
        at += CPU_ISSET(c, allowed) != 0;   /* the caller's rank among ALLOWED */
    at = (at + 1 + slot % count) % count;
    for (int c = 0; c < CPU_SETSIZE; c++)
        if (CPU_ISSET(c, allowed) && n++ == at)
            return c;
    return -1;
}
#endif

bool mlroi_thread_start(mlroi_thread *t, void *(*fn)(void *), void *arg, int slot)
{
#if defined(PLACED_START)
    placed *p = malloc(sizeof *p);
    if (p != NULL && sched_getaffinity(0, sizeof p->allowed, &p->allowed) == 0) {
        int cpu = slot_cpu(&p->allowed, slot);
        pthread_attr_t attr;
        if (cpu >= 0 && pthread_attr_init(&attr) == 0) {
            cpu_set_t one;
            int rc;
            CPU_ZERO(&one);
            CPU_SET(cpu, &one);
            p->fn = fn;
            p->arg = arg;
            rc = pthread_attr_setaffinity_np(&attr, sizeof one, &one) == 0
                 ? pthread_create(t, &attr, placed_start, p) : -1;
            pthread_attr_destroy(&attr);
            if (rc == 0)
                return true;
        }
    }
    free(p);
#else
    (void)slot;
#endif
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
        started[t] = mlroi_thread_start(&tids[t], range_worker, &jobs[t], (int)t - 1);
    for (size_t t = 0; t < parts; t++)
        if (!started[t])
            range_worker(&jobs[t]);
    for (size_t t = 1; t < parts; t++)
        if (started[t])
            mlroi_thread_join(tids[t]);
}
