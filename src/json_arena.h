/* SPDX-License-Identifier: MIT */
/* One region per parse for cJSON's nodes and their position table, in huge pages. */
#ifndef MLROI_JSON_ARENA_H
#define MLROI_JSON_ARENA_H

#include <stddef.h>

/* Parsing a scenario allocates thousands of small cJSON nodes and a position per node; spread
 * over the heap they cost a page fault every 4 KB. An arena carves them from one region
 * advised MADV_HUGEPAGE, so that the parse touches one or two huge pages instead.
 *
 * cJSON's allocation hooks are set once for the process (on the first json_arena_enter): an
 * allocation comes from the arena the calling thread has entered, else from malloc; cJSON's
 * frees tell the two apart by address, so trees built before, after or outside a parse, and
 * a --set override's nodes inside an arena's tree, are malloc's as before. Freeing a block of
 * an arena only counts it; the region goes back as a whole once its owner has released it and
 * its last block is freed (a tree may outlive its position table: the benchmark catalog's
 * does). One thread at a time uses a tree, as cJSON requires anyway.
 *
 * Arenas are off (json_arena_new returns NULL, everything is malloc's) where huge pages cannot
 * be asked for, under AddressSanitizer and under valgrind, so that those tools still see each
 * node's leaks and misuse. */
typedef struct json_arena json_arena;

/* A region of at least BYTES, or NULL (arenas off, or no memory): the caller then carries on
 * with malloc. Release it with json_arena_release. */
json_arena *json_arena_new(size_t bytes);

/* cJSON allocations of the calling thread come from A (when it has room) until
 * json_arena_leave. A may be NULL. */
void json_arena_enter(json_arena *a);
void json_arena_leave(void);

/* N bytes from A (NULL A: malloc), falling back to malloc when A is full; NULL when out of
 * memory. Free with json_arena_free. */
void *json_arena_alloc(json_arena *a, size_t n);

/* Free P, from an arena or from malloc (NULL is fine). */
void json_arena_free(void *p);

/* The owner is done with A: it goes now if nothing in it is still in use, else when its last
 * block is freed. NULL is fine. */
void json_arena_release(json_arena *a);

#endif
