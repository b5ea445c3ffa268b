/* SPDX-License-Identifier: MIT */
/* The run's region in huge pages for what one evaluation allocates in bulk. */
#ifndef MLROI_HUGE_ALLOC_H
#define MLROI_HUGE_ALLOC_H

#include <stddef.h>

/* A command-line run parses the catalog and a scenario into thousands of small cJSON nodes with
 * a position each, loads the scenario's records and evaluates a result per business-case line:
 * spread over the heap, that costs a page fault every 4 KB (200 lines over 50 years: about 230
 * of them, at 11 to 25 us each). These blocks come instead from one region of the process,
 * 2 MB aligned and advised MADV_HUGEPAGE (Linux's "madvise" setting), so that they cost one or
 * two faults. A block freed there is only counted; the region starts over once all of its
 * blocks are freed. What does not fit comes from malloc, so a long run (a batch, an analysis
 * that evaluates many times) never holds more than the region. Any thread may allocate and free.
 *
 * The region is off (everything is malloc's) where huge pages cannot be asked for, under
 * AddressSanitizer and under valgrind, so that those tools still see each block's leaks and
 * misuse. */

/* Linux's huge page on x86-64 and arm64 (2 MB): the region's alignment, and that of a large
 * block a caller advises MADV_HUGEPAGE itself. */
#define MLROI_HUGE_PAGE ((size_t)2 << 20)

/* Blocks from this size up are worth the region when they do not come from a parse: below it
 * malloc's heap pages are shared with other small blocks anyway. */
#define MLROI_HUGE_MIN ((size_t)64 << 10)

/* N bytes (uninitialised) from the region, else from malloc; NULL when out of memory. Free with
 * mlroi_huge_free. */
void *mlroi_huge_alloc(size_t n);

/* calloc(N, SIZE); at MLROI_HUGE_MIN bytes and above from the region when it has room. NULL
 * when N or SIZE is 0, or out of memory. Free with mlroi_huge_free. */
void *mlroi_huge_calloc(size_t n, size_t size);

/* Free P, from the region or from malloc (NULL is fine). */
void mlroi_huge_free(void *p);

#endif
