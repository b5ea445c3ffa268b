/* SPDX-License-Identifier: MIT */
/* calloc for the large arrays of a run, in huge pages where Linux offers them. */
#ifndef MLROI_HUGE_ALLOC_H
#define MLROI_HUGE_ALLOC_H

#include <stddef.h>

/* Arrays from this size up are worth a huge page: below it, the 2 MB page costs more to clear
 * than the 4 KB pages it saves faulting in. */
#define MLROI_HUGE_MIN ((size_t)64 << 10)

/* calloc(N, SIZE); at MLROI_HUGE_MIN bytes and above, in 2 MB aligned memory advised
 * MADV_HUGEPAGE (Linux's "madvise" setting), so that filling 200 business-case lines costs
 * one page fault rather than 45. NULL when N or SIZE is 0 or out of memory. The caller frees
 * the block with free(). */
void *mlroi_huge_calloc(size_t n, size_t size);

#endif
