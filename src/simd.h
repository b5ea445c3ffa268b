/* SPDX-License-Identifier: MIT */
/* What Monte Carlo's hot loops share to run several samples per instruction, always with the
 * same bits as the one-at-a-time code. */
#ifndef MLROI_SIMD_H
#define MLROI_SIMD_H

#include <math.h>
#include <stdbool.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* MLROI_CLONES: a hot loop compiled twice, for processors with AVX2 and for any x86-64, the
 * program picking one when it loads (GCC's target_clones; glibc's indirect functions). Only
 * for loops whose every result is the same to the bit on both: integer arithmetic and
 * correctly rounded IEEE operations. AVX2 does not bring fused multiply-adds, and ISO C mode
 * contracts none, so a loop's floating-point operations stay those written. Elsewhere (other
 * compilers or processors, the WebAssembly page engine) a loop is compiled once. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) && \
    !defined(MLROI_NO_CLONES)
#define MLROI_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define MLROI_CLONES
#endif

/* A hot loop's helper that must be inlined into it: called out of line, it would keep the
 * loop's accumulators in memory (and run outside the loop's clone). */
#if defined(__GNUC__)
#define MLROI_INLINE inline __attribute__((always_inline))
#else
#define MLROI_INLINE inline
#endif

/* Doubles side by side (GCC's and clang's vector extension). Each lane does exactly what the
 * scalar code does, in the same order, so a loop written over lanes gives the scalar loop's
 * values. Comparisons give masks (all ones or all zeros a lane). Where the hot loops have an
 * AVX2 clone, four lanes: one AVX register there, two SSE2 registers in the other clone
 * (the compiler splits each operation in two; only processors without AVX2 run it). Elsewhere
 * two, one register of SSE2 or NEON. A vector of four is passed to a function differently
 * with AVX and without, so none is: the helpers below are macros, or take pointers. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) && \
    !defined(MLROI_NO_CLONES)
#define MLROI_LANES 4
#else
#define MLROI_LANES 2
#endif
typedef double mlroi_vd __attribute__((vector_size(MLROI_LANES * sizeof(double))));
typedef long long mlroi_vm __attribute__((vector_size(MLROI_LANES * sizeof(long long))));

typedef int mlroi_vi __attribute__((vector_size(MLROI_LANES * sizeof(int))));
typedef unsigned mlroi_vu __attribute__((vector_size(MLROI_LANES * sizeof(unsigned))));

/* The 32-bit unsigned lanes of U as doubles, exactly as (double) converts each: the word goes
 * into the mantissa of 2^52, which one exact subtraction takes off again (AVX2 converts signed
 * words only, and one at a time what is wider). */
#define mlroi_vu_to_vd(u) \
    ((mlroi_vd)(__builtin_convertvector((u), mlroi_vm) | 0x4330000000000000LL) - 0x1p52)

/* M ? A : B, lane by lane. */
#define mlroi_vsel(m, a, b)                                                                 \
    ((mlroi_vd)(((mlroi_vm)(m) & (mlroi_vm)(a)) | (~(mlroi_vm)(m) & (mlroi_vm)(b))))

/* A bucket's number: T clamped to [0, LAST] (LAST below 2^31; NAN gives LAST), then truncated.
 * Monotone in T, infinities included; for T in [0, 2^63) what `(size_t)T < LAST ? (size_t)T :
 * LAST` gives. mlroi_vindex does the same lane by lane, in one conversion. */
static inline size_t mlroi_index(double t, size_t last)
{
    if (!(t < (double)last))
        t = (double)last;
    if (!(t > 0))
        t = 0;
    return (size_t)(long long)t;
}
#define mlroi_vindex(t, last)                                                                \
    __extension__({                                                                          \
        const mlroi_vd vindex_zero_ = { 0 }, vindex_last_ = vindex_zero_ + (double)(last);   \
        mlroi_vd vindex_t_ = (t);                                                            \
        vindex_t_ = mlroi_vsel(vindex_t_ < vindex_last_, vindex_t_, vindex_last_);           \
        vindex_t_ = mlroi_vsel(vindex_t_ > vindex_zero_, vindex_t_, vindex_zero_);           \
        __builtin_convertvector(vindex_t_, mlroi_vi);                                        \
    })

/* |X|, lane by lane: the sign bit cleared. */
#define mlroi_vabs(x) ((mlroi_vd)((mlroi_vm)(x) & ((mlroi_vm){ 0 } + 0x7fffffffffffffffLL)))

/* Square roots of *X in place, lane by lane: IEEE 754 rounds a square root correctly, so the
 * instruction gives sqrt()'s bits; a negative lane gives NAN. */
static inline void mlroi_vsqrt_at(mlroi_vd *x)
{
#if defined(__SSE2__) && MLROI_LANES == 4
    __m128d lo = _mm_sqrt_pd(_mm_set_pd((*x)[1], (*x)[0]));
    __m128d hi = _mm_sqrt_pd(_mm_set_pd((*x)[3], (*x)[2]));
    *x = (mlroi_vd){ lo[0], lo[1], hi[0], hi[1] };
#elif defined(__SSE2__) && MLROI_LANES == 2
    *x = (mlroi_vd)_mm_sqrt_pd((__m128d)*x);
#else
    for (int w = 0; w < MLROI_LANES; w++)
        (*x)[w] = (*x)[w] >= 0 ? sqrt((*x)[w]) : NAN;
#endif
}
#define mlroi_vsqrt(x)                                                                      \
    __extension__({ mlroi_vd vsqrt_x_ = (x); mlroi_vsqrt_at(&vsqrt_x_); vsqrt_x_; })

/* R[0 .. MLROI_LANES) transposed in place: lane w of R[i] becomes lane i of R[w]. It only
 * moves bits, so the values stay the same. A block of years of several runs, each run's years
 * in a row in memory, becomes each year's runs in lanes in a few shuffles, not a load a lane. */
#if defined(__clang__)
#define mlroi_vshuffle_(a, b, ...) __builtin_shufflevector(a, b, __VA_ARGS__)
#else
#define mlroi_vshuffle_(a, b, ...) __builtin_shuffle(a, b, (mlroi_vm){ __VA_ARGS__ })
#endif
static inline void mlroi_vtranspose(mlroi_vd *r)
{
#if MLROI_LANES == 4
    mlroi_vd t0 = mlroi_vshuffle_(r[0], r[1], 0, 4, 2, 6);
    mlroi_vd t1 = mlroi_vshuffle_(r[0], r[1], 1, 5, 3, 7);
    mlroi_vd t2 = mlroi_vshuffle_(r[2], r[3], 0, 4, 2, 6);
    mlroi_vd t3 = mlroi_vshuffle_(r[2], r[3], 1, 5, 3, 7);
    r[0] = mlroi_vshuffle_(t0, t2, 0, 1, 4, 5);
    r[1] = mlroi_vshuffle_(t1, t3, 0, 1, 4, 5);
    r[2] = mlroi_vshuffle_(t0, t2, 2, 3, 6, 7);
    r[3] = mlroi_vshuffle_(t1, t3, 2, 3, 6, 7);
#else
    mlroi_vd t0 = mlroi_vshuffle_(r[0], r[1], 0, 2), t1 = mlroi_vshuffle_(r[0], r[1], 1, 3);
    r[0] = t0;
    r[1] = t1;
#endif
}

/* Whether any lane of *M is set. */
static inline bool mlroi_vany(const mlroi_vm *m)
{
    long long a = 0;
    for (int w = 0; w < MLROI_LANES; w++)
        a |= (*m)[w];
    return a != 0;
}

#endif
