/* SPDX-License-Identifier: MIT */
/* A compact SHA-256 written from FIPS 180-4; hashing a scenario file is all it has to do. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "mlroi/sha256.h"
#include "sha256_internal.h"

/* The SHA extensions (SHA-NI) do two rounds an instruction; they are x86's, and only GCC and
 * clang are asked to compile them (per function, so the build's flags stay baseline x86-64).
 * Everywhere else (the WebAssembly page engine, other CPUs) the scalar rounds below do it all. */
#if defined(__x86_64__) && defined(__GNUC__)
#define SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>
#include <stdatomic.h>
#endif

static const uint32_t k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void block(uint32_t h[8], const unsigned char *p)
{
    uint32_t w[64], a, b, c, d, e, f, g, hh;
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    a = h[0]; b = h[1]; c = h[2]; d = h[3]; e = h[4]; f = h[5]; g = h[6]; hh = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) +
                      k[i] + w[i];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

/* The scalar compression of N consecutive blocks. */
static void blocks_scalar(uint32_t h[8], const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        block(h, p + 64 * i);
}

#if SHA_NI
#define SHA_TARGET __attribute__((target("sha,sse4.1")))

/* Four rounds from I (a multiple of 4) with the schedule's words W[I..I+3] in W. SHA256RNDS2
 * keeps the state as two halves, {A, B, E, F} and {C, D, G, H} (A in the top lane), and does two
 * rounds with W+K of the first in the low lane of its third operand, of the second in the next;
 * after two rounds the old ABEF is the new CDGH, so the halves swap roles at each call. */
SHA_TARGET static inline void rounds4(__m128i *abef, __m128i *cdgh, __m128i w, int i)
{
    __m128i wk = _mm_add_epi32(w, _mm_loadu_si128((const __m128i *)(k + i)));
    *cdgh = _mm_sha256rnds2_epu32(*cdgh, *abef, wk);
    *abef = _mm_sha256rnds2_epu32(*abef, *cdgh, _mm_shuffle_epi32(wk, 0x0e));
}

/* W[i..i+3] from the sixteen words before them, four a register with the oldest in W0: MSG1
 * adds sigma0 of the next word to each of W[i-16..i-13], W[i-7..i-4] are added from W2:W3, and
 * MSG2 adds sigma1 of the word two before each: W[i-2] and W[i-1] (in W3) for the first two,
 * then the W[i] and W[i+1] it has just found for the last two. */
SHA_TARGET static inline __m128i schedule4(__m128i w0, __m128i w1, __m128i w2, __m128i w3)
{
    __m128i t = _mm_add_epi32(_mm_sha256msg1_epu32(w0, w1), _mm_alignr_epi8(w3, w2, 4));
    return _mm_sha256msg2_epu32(t, w3);
}

/* The message is big-endian words; a load gives each word's bytes reversed. */
SHA_TARGET static inline __m128i load_words(const unsigned char *p)
{
    const __m128i swap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
    return _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)p), swap);
}

/* N blocks with SHA-NI, the state kept in two registers from the first block to the last. */
SHA_TARGET static void blocks_sha_ni(uint32_t h[8], const unsigned char *p, size_t n)
{
    __m128i abef = _mm_set_epi32((int)h[0], (int)h[1], (int)h[4], (int)h[5]);
    __m128i cdgh = _mm_set_epi32((int)h[2], (int)h[3], (int)h[6], (int)h[7]);
    uint32_t lanes[4];
    for (; n > 0; n--, p += 64) {
        __m128i abef0 = abef, cdgh0 = cdgh;
        __m128i w0 = load_words(p), w1 = load_words(p + 16);
        __m128i w2 = load_words(p + 32), w3 = load_words(p + 48);
        rounds4(&abef, &cdgh, w0, 0);
        rounds4(&abef, &cdgh, w1, 4);
        rounds4(&abef, &cdgh, w2, 8);
        rounds4(&abef, &cdgh, w3, 12);
        for (int i = 16; i < 64; i += 16) {
            w0 = schedule4(w0, w1, w2, w3);
            rounds4(&abef, &cdgh, w0, i);
            w1 = schedule4(w1, w2, w3, w0);
            rounds4(&abef, &cdgh, w1, i + 4);
            w2 = schedule4(w2, w3, w0, w1);
            rounds4(&abef, &cdgh, w2, i + 8);
            w3 = schedule4(w3, w0, w1, w2);
            rounds4(&abef, &cdgh, w3, i + 12);
        }
        abef = _mm_add_epi32(abef, abef0);
        cdgh = _mm_add_epi32(cdgh, cdgh0);
    }
    _mm_storeu_si128((__m128i *)lanes, abef);
    h[0] = lanes[3]; h[1] = lanes[2]; h[4] = lanes[1]; h[5] = lanes[0];
    _mm_storeu_si128((__m128i *)lanes, cdgh);
    h[2] = lanes[3]; h[3] = lanes[2]; h[6] = lanes[1]; h[7] = lanes[0];
}

/* SHA-NI (CPUID leaf 7, EBX bit 29) and SSE4.1 (leaf 1, ECX bit 19), asked once: 0 not yet
 * known, 1 absent, 2 present. Threads that ask at the same time find the same answer, so an
 * atomic int without ordering is enough. Valgrind (3.19) cannot run the instructions, and its
 * CPUID says so: under it the scalar rounds are used. */
static atomic_int sha_ni_state;

static bool cpu_sha_ni(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 19)))
        return false;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
        return false;
    return (b & (1u << 29)) != 0;
}
#endif

bool mlroi_sha256_fast(void)
{
#if SHA_NI
    int s = atomic_load_explicit(&sha_ni_state, memory_order_relaxed);
    if (s == 0) {
        s = cpu_sha_ni() ? 2 : 1;
        atomic_store_explicit(&sha_ni_state, s, memory_order_relaxed);
    }
    return s == 2;
#else
    return false;
#endif
}

/* The padding and the digest around BLOCKS, the compression of whole blocks. */
static void sha256_with(void (*blocks)(uint32_t h[8], const unsigned char *p, size_t n),
                        const void *data, size_t len, unsigned char out[32])
{
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    const unsigned char *p = data;
    unsigned char tail[128];
    size_t full = len / 64 * 64, rest = len - full, tlen;
    uint64_t bits = (uint64_t)len * 8;
    if (full)
        blocks(h, p, full / 64);
    memset(tail, 0, sizeof tail);
    if (rest)
        memcpy(tail, p + full, rest);
    tail[rest] = 0x80;
    tlen = rest + 1 + 8 <= 64 ? 64 : 128;
    for (int i = 0; i < 8; i++)
        tail[tlen - 1 - i] = (unsigned char)(bits >> (8 * i));
    blocks(h, tail, tlen / 64);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (unsigned char)(h[i] >> 24);
        out[4 * i + 1] = (unsigned char)(h[i] >> 16);
        out[4 * i + 2] = (unsigned char)(h[i] >> 8);
        out[4 * i + 3] = (unsigned char)h[i];
    }
}

void mlroi_sha256_scalar(const void *data, size_t len, unsigned char out[32])
{
    sha256_with(blocks_scalar, data, len, out);
}

void mlroi_sha256(const void *data, size_t len, unsigned char out[32])
{
#if SHA_NI
    if (mlroi_sha256_fast()) {
        sha256_with(blocks_sha_ni, data, len, out);
        return;
    }
#endif
    sha256_with(blocks_scalar, data, len, out);
}

void mlroi_sha256_hex(const unsigned char digest[32], char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 15];
    }
    hex[64] = '\0';
}
