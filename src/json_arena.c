/* SPDX-License-Identifier: MIT */
/* A parse's cJSON nodes from the run's huge page region (see json_arena.h). */
#include "json_arena.h"

#include <stdlib.h>
#include <cjson/cJSON.h>
#include "huge_alloc.h"

#if !defined(MLROI_NO_THREADS)
#include <pthread.h>

static _Thread_local int parsing;
static pthread_once_t hooks_once = PTHREAD_ONCE_INIT;

static void *hook_malloc(size_t n)
{
    return parsing ? mlroi_huge_alloc(n) : malloc(n);
}

static void install_hooks(void)
{
    cJSON_Hooks h = { hook_malloc, mlroi_huge_free };
    cJSON_InitHooks(&h);
}

void json_arena_enter(void)
{
    pthread_once(&hooks_once, install_hooks);
    parsing = 1;
}

void json_arena_leave(void)
{
    parsing = 0;
}

#else   /* the page engine: one thread, malloc's heap */

void json_arena_enter(void)
{
}

void json_arena_leave(void)
{
}

#endif
