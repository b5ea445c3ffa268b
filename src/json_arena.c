/* SPDX-License-Identifier: MIT */
/* One region per parse for cJSON's nodes and their position table (see json_arena.h). */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE   /* madvise's MADV_HUGEPAGE */
#endif
#include "json_arena.h"

#include <stdlib.h>

#if defined(__linux__)
#include <sys/mman.h>
#endif

/* Off under AddressSanitizer (gcc says so with __SANITIZE_ADDRESS__, clang with __has_feature),
 * without threads (the page engine) and where huge pages cannot be asked for. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JSON_ARENA_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define JSON_ARENA_ASAN 1
#endif

#if defined(__linux__) && defined(MADV_HUGEPAGE) && !defined(JSON_ARENA_ASAN) && \
    !defined(MLROI_NO_THREADS)
#define JSON_ARENA_ON 1
#endif

#if JSON_ARENA_ON
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <cjson/cJSON.h>
/* Valgrind's own header, when installed, says whether the process runs under it. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define JSON_ARENA_VALGRIND 1
#endif
#endif

#define HUGE_PAGE ((size_t)2 << 20)
/* Regions alive at once (a scenario, the bases it extends, the catalog, a template): past
 * these, a parse uses malloc. */
#define SLOTS 8

/* The region's header sits at its start; blocks follow it. */
struct json_arena {
    size_t size, used;   /* bytes of the region, header included */
    size_t live;         /* blocks not yet freed */
    bool released;       /* the owner is done with it */
    int slot;
};

/* The regions alive, by address, for the free hook; a slot is taken and cleared atomically. */
static _Atomic(uintptr_t) slots[SLOTS];
static _Thread_local json_arena *current;
static pthread_once_t hooks_once = PTHREAD_ONCE_INIT;

static json_arena *owner(const void *p)
{
    uintptr_t q = (uintptr_t)p;
    for (int i = 0; i < SLOTS; i++) {
        uintptr_t b = atomic_load_explicit(&slots[i], memory_order_acquire);
        if (b && q >= b && q < b + ((const json_arena *)b)->size)
            return (json_arena *)b;
    }
    return NULL;
}

static void destroy(json_arena *a)
{
    atomic_store_explicit(&slots[a->slot], 0, memory_order_release);
    free(a);
}

static void *bump(json_arena *a, size_t n)
{
    size_t need = (n + 15) & ~(size_t)15;   /* malloc's alignment */
    void *p;
    if (need < n || need > a->size - a->used)
        return NULL;
    p = (char *)a + a->used;
    a->used += need;
    a->live++;
    return p;
}

static void *hook_malloc(size_t n)
{
    void *p = current ? bump(current, n) : NULL;
    return p ? p : malloc(n);
}

static void install_hooks(void)
{
    cJSON_Hooks h = { hook_malloc, json_arena_free };
    cJSON_InitHooks(&h);
}

json_arena *json_arena_new(size_t bytes)
{
    json_arena *a = NULL;
    size_t whole;
#if JSON_ARENA_VALGRIND
    if (RUNNING_ON_VALGRIND)
        return NULL;
#endif
    if (bytes > SIZE_MAX - HUGE_PAGE - sizeof *a)
        return NULL;
    whole = (bytes + sizeof *a + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    if (posix_memalign((void **)&a, HUGE_PAGE, whole) != 0)
        return NULL;
    (void)madvise(a, whole, MADV_HUGEPAGE);   /* a hint: failing is fine */
    a->size = whole;
    a->used = (sizeof *a + 15) & ~(size_t)15;
    a->live = 0;
    a->released = false;
    for (int i = 0; i < SLOTS; i++) {
        uintptr_t none = 0;
        if (atomic_compare_exchange_strong(&slots[i], &none, (uintptr_t)a)) {
            a->slot = i;
            return a;
        }
    }
    free(a);   /* every slot taken */
    return NULL;
}

void json_arena_enter(json_arena *a)
{
    pthread_once(&hooks_once, install_hooks);
    current = a;
}

void json_arena_leave(void)
{
    current = NULL;
}

void *json_arena_alloc(json_arena *a, size_t n)
{
    void *p = a ? bump(a, n) : NULL;
    return p ? p : malloc(n);
}

void json_arena_free(void *p)
{
    json_arena *a;
    if (!p)
        return;
    a = owner(p);
    if (!a) {
        free(p);
        return;
    }
    if (--a->live == 0 && a->released)
        destroy(a);
}

void json_arena_release(json_arena *a)
{
    if (!a)
        return;
    a->released = true;
    if (a->live == 0)
        destroy(a);
}

#else   /* arenas off: everything is malloc's */

json_arena *json_arena_new(size_t bytes)
{
    (void)bytes;
    return NULL;
}

void json_arena_enter(json_arena *a)
{
    (void)a;
}

void json_arena_leave(void)
{
}

void *json_arena_alloc(json_arena *a, size_t n)
{
    (void)a;
    return malloc(n);
}

void json_arena_free(void *p)
{
    free(p);
}

void json_arena_release(json_arena *a)
{
    (void)a;
}

#endif
