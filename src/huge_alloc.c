/* SPDX-License-Identifier: MIT */
/* The run's region in huge pages for what one evaluation allocates in bulk (see huge_alloc.h). */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE   /* madvise's MADV_HUGEPAGE */
#endif
#include "huge_alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

/* gcc says AddressSanitizer with __SANITIZE_ADDRESS__, clang with __has_feature. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HUGE_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define HUGE_ASAN 1
#endif

#if defined(__linux__) && defined(MADV_HUGEPAGE) && !defined(HUGE_ASAN) && \
    !defined(MLROI_NO_THREADS)
#define HUGE_REGION 1
#endif

#if HUGE_REGION
#include <pthread.h>
#include <stdatomic.h>
/* Valgrind's own header, when installed, says whether the process runs under it. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define HUGE_VALGRIND 1
#endif
#endif

/* Two huge pages of address space; only those touched take memory. */
#define REGION_SIZE (2 * MLROI_HUGE_PAGE)
#define UNIT 16   /* malloc's alignment */

/* Set once; read by frees on any thread. */
static _Atomic(char *) region;
static pthread_once_t region_once = PTHREAD_ONCE_INIT;
/* Blocks in use (high 32 bits) and units handed out (low 32 bits), changed together so that
 * the region starts over only when nothing in it is in use. */
static _Atomic uint64_t state;

static void region_init(void)
{
    void *p = NULL;
#if HUGE_VALGRIND
    if (RUNNING_ON_VALGRIND)
        return;
#endif
    if (posix_memalign(&p, MLROI_HUGE_PAGE, REGION_SIZE) != 0)
        return;
    (void)madvise(p, REGION_SIZE, MADV_HUGEPAGE);   /* a hint: failing is fine */
    region = p;
}

static void *region_alloc(size_t n)
{
    uint64_t old, units;
    char *base;
    if (n == 0 || n > REGION_SIZE)
        return NULL;
    pthread_once(&region_once, region_init);
    base = atomic_load(&region);
    if (!base)
        return NULL;
    units = (n + UNIT - 1) / UNIT;
    old = atomic_load(&state);
    do {
        if ((old & 0xFFFFFFFFu) + units > REGION_SIZE / UNIT)
            return NULL;
    } while (!atomic_compare_exchange_weak(&state, &old, old + ((uint64_t)1 << 32) + units));
    return base + (old & 0xFFFFFFFFu) * UNIT;
}

/* True when P came from the region (and is now counted free). */
static int region_free(void *p)
{
    uint64_t old, next;
    char *base = atomic_load_explicit(&region, memory_order_relaxed);
    if (!base || (char *)p < base || (char *)p >= base + REGION_SIZE)
        return 0;
    old = atomic_load(&state);
    do {
        next = old - ((uint64_t)1 << 32);
        if ((next >> 32) == 0)
            next = 0;   /* the last block in use: start over */
    } while (!atomic_compare_exchange_weak(&state, &old, next));
    return 1;
}

#else   /* no region: everything is malloc's */

static void *region_alloc(size_t n)
{
    (void)n;
    return NULL;
}

static int region_free(void *p)
{
    (void)p;
    return 0;
}

#endif

void *mlroi_huge_alloc(size_t n)
{
    void *p = region_alloc(n);
    return p ? p : malloc(n);
}

void *mlroi_huge_calloc(size_t n, size_t size)
{
    void *p = NULL;
    if (n == 0 || size == 0 || n > SIZE_MAX / size)
        return NULL;
    if (n * size >= MLROI_HUGE_MIN && (p = region_alloc(n * size)) != NULL) {
        memset(p, 0, n * size);   /* the region may hand back memory used before */
        return p;
    }
    return calloc(n, size);
}

void mlroi_huge_free(void *p)
{
    if (p && !region_free(p))
        free(p);
}
