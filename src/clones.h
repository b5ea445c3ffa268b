/* SPDX-License-Identifier: MIT */
/* MLROI_CLONES: a hot loop compiled twice, for processors with AVX2 and for any x86-64, the
 * program picking one when it loads (GCC's target_clones; glibc's indirect functions). Only
 * for loops whose every result is the same to the bit on both: integer arithmetic and
 * correctly rounded IEEE operations. AVX2 does not bring fused multiply-adds, and ISO C mode
 * contracts none, so a loop's floating-point operations stay those written. Elsewhere (other
 * compilers or processors, the WebAssembly page engine) a loop is compiled once. */
#ifndef MLROI_CLONES_H
#define MLROI_CLONES_H

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) && \
    !defined(MLROI_NO_CLONES)
#define MLROI_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define MLROI_CLONES
#endif

#endif
