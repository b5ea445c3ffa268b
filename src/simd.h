/* SPDX-License-Identifier: MIT */
/* What Monte Carlo's hot loops share to run several samples per instruction, always with the
 * same bits as the one-at-a-time code. */
#ifndef MLROI_SIMD_H
#define MLROI_SIMD_H

#include <math.h>
#include <stdbool.h>
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

/* Two doubles in one register (GCC's and clang's vector extension; SSE2 on x86-64): each lane
 * does exactly what the scalar code does, in the same order, so a loop written over lanes
 * gives the scalar loop's values. Comparisons give masks (all ones or all zeros a lane). */
#define MLROI_LANES 2
typedef double mlroi_vd __attribute__((vector_size(MLROI_LANES * sizeof(double))));
typedef long long mlroi_vm __attribute__((vector_size(MLROI_LANES * sizeof(long long))));

/* M ? A : B, lane by lane. */
static inline mlroi_vd mlroi_vsel(mlroi_vm m, mlroi_vd a, mlroi_vd b)
{
    return (mlroi_vd)((m & (mlroi_vm)a) | (~m & (mlroi_vm)b));
}

static inline mlroi_vd mlroi_vabs(mlroi_vd x)
{
    const mlroi_vm magnitude = (mlroi_vm){0} + 0x7fffffffffffffffLL;
    return (mlroi_vd)((mlroi_vm)x & magnitude);
}

/* Square roots lane by lane: IEEE 754 rounds a square root correctly, so the instruction
 * gives sqrt()'s bits; a negative lane gives NAN. */
static inline mlroi_vd mlroi_vsqrt(mlroi_vd x)
{
#if defined(__SSE2__) && MLROI_LANES == 2
    return (mlroi_vd)_mm_sqrt_pd((__m128d)x);
#else
    for (int w = 0; w < MLROI_LANES; w++)
        x[w] = x[w] >= 0 ? sqrt(x[w]) : NAN;
    return x;
#endif
}

/* Whether any lane of M is set. */
static inline bool mlroi_vany(mlroi_vm m)
{
    long long a = 0;
    for (int w = 0; w < MLROI_LANES; w++)
        a |= m[w];
    return a != 0;
}

#endif
