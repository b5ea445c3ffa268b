/* SPDX-License-Identifier: MIT */
/* A parse's cJSON nodes from the run's huge page region (src/huge_alloc.h). */
#ifndef MLROI_JSON_ARENA_H
#define MLROI_JSON_ARENA_H

/* cJSON's allocation hooks are set once for the process (on the first json_arena_enter): between
 * json_arena_enter and json_arena_leave, the calling thread's cJSON allocations come from
 * mlroi_huge_alloc; any other cJSON allocation is malloc's as before, and cJSON's frees go to
 * mlroi_huge_free, which tells the two apart by address. A tree may outlive the parse, and take
 * nodes of --set overrides (malloc's) among its own. */
void json_arena_enter(void);
void json_arena_leave(void);

#endif
