/* SPDX-License-Identifier: MIT */
/* A parallel loop over independent ranges of indexes (Monte Carlo's and Iman-Conover's
 * column work), and the few thread primitives the engine uses. */
#ifndef MLROI_PARALLEL_H
#define MLROI_PARALLEL_H

#include <stdbool.h>
#include <stddef.h>

/* Built with -DMLROI_NO_THREADS (the page engine compiled to WebAssembly, whose C library has
 * no threads), the engine never starts a thread: mlroi_threads_cap gives 1, mlroi_thread_start
 * fails, and every loop runs on the calling thread. The figures never depend on the thread
 * count, so they are the same as with --threads 1. */
#ifdef MLROI_NO_THREADS
typedef int mlroi_thread;
typedef bool mlroi_once_flag;
#define MLROI_ONCE_INIT false
#else
#include <pthread.h>
typedef pthread_t mlroi_thread;
typedef pthread_once_t mlroi_once_flag;
#define MLROI_ONCE_INIT PTHREAD_ONCE_INIT
#endif

/* Start FN(ARG) on a new thread; false when it cannot start (always without threads). SLOT
 * is its place among the threads its caller starts together, from 0: on Linux it begins on
 * the SLOT-th processor after the caller's (of those the process may use, round and round),
 * and may move anywhere from there. Left to the scheduler, a new thread is often queued
 * behind its creator or behind a thread started just before, and waits a clock tick or more
 * while another processor idles. A caller that keeps working numbers its threads from 0; one
 * that waits for them once they are all started, too: its own processor comes last. */
bool mlroi_thread_start(mlroi_thread *t, void *(*fn)(void *), void *arg, int slot);
/* Wait for a thread that mlroi_thread_start started. */
void mlroi_thread_join(mlroi_thread t);
/* Call FN once, however many threads ask. */
void mlroi_once(mlroi_once_flag *flag, void (*fn)(void));
/* THREADS, or 1 in a build without threads. */
int mlroi_threads_cap(int threads);
/* Let another thread run (a thread waiting for others' work); nothing without threads. */
void mlroi_thread_yield(void);

typedef void (*mlroi_range_fn)(void *ctx, size_t lo, size_t hi);

/* Call FN(CTX, lo, hi) over [0, N) cut into up to THREADS contiguous ranges of at least GRAIN
 * indexes, in parallel. The ranges' work must not depend on each other (each writes its own
 * places), so the result is the same for any THREADS. The caller's thread runs the first
 * range, and any range whose thread cannot start. */
void mlroi_parallel_for(int threads, size_t n, size_t grain, mlroi_range_fn fn, void *ctx);

#endif
