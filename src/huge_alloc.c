/* SPDX-License-Identifier: MIT */
/* calloc for the large arrays of a run, in huge pages where Linux offers them. */
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

void *mlroi_huge_calloc(size_t n, size_t size)
{
    if (n == 0 || size == 0 || n > SIZE_MAX / size)
        return NULL;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (n * size >= MLROI_HUGE_MIN) {
        const size_t huge = (size_t)2 << 20;
        size_t bytes = n * size, whole;
        void *p = NULL;
        if (bytes > SIZE_MAX - huge)
            return NULL;
        whole = (bytes + huge - 1) / huge * huge;   /* the tail too, in a huge page */
        if (posix_memalign(&p, huge, whole) != 0)
            return NULL;
        (void)madvise(p, whole, MADV_HUGEPAGE);   /* a hint: failing is fine */
        memset(p, 0, bytes);   /* the heap may hand back memory it used before */
        return p;
    }
#endif
    return calloc(n, size);
}
