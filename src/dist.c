/* SPDX-License-Identifier: MIT */
/* Seeded random numbers, distributions, Latin hypercube strata and Iman-Conover rank correlation. */
#include "mlroi/dist.h"
#include "mlroi/shortest.h"
#include "simd.h"
#include "huge_alloc.h"
#include "parallel.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------
 * Random numbers
 * ------------------------------------------------------------------------------------------ */

#define GOLDEN_GAMMA 0x9e3779b97f4a7c15ull

/* SplitMix64's finaliser: a bijective mix with good avalanche. */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

uint64_t mlroi_rng_key(uint64_t seed, uint64_t stream)
{
    /* Two rounds so that neighbouring seeds and neighbouring streams share nothing visible. */
    return mix64(mix64(seed + GOLDEN_GAMMA) ^ mix64((stream + 1) * 0xd1b54a32d192ed03ull));
}

uint64_t mlroi_rng_bits(uint64_t key, uint64_t index)
{
    /* The index-th output of a SplitMix64 generator whose state starts at KEY. */
    return mix64(key + (index + 1) * GOLDEN_GAMMA);
}

double mlroi_rng_uniform(uint64_t key, uint64_t index)
{
    /* 53 bits centred in their cell: never exactly 0 or 1. */
    return ((double)(mlroi_rng_bits(key, index) >> 11) + 0.5) * 0x1p-53;
}

/* 64-bit words side by side, as many as mlroi_vd holds doubles. */
typedef unsigned long long rng_vu __attribute__((vector_size(sizeof(mlroi_vd))));

MLROI_CLONES
void mlroi_rng_uniform_many(uint64_t key, uint64_t first, size_t count, double *u)
{
    size_t k = 0;
    /* mlroi_rng_uniform in lanes, the same bits: the state steps by GOLDEN_GAMMA modulo 2^64,
     * so LANES steps are one addition; the mix is integer arithmetic (the compiler makes each
     * 64-bit product of 32-bit ones where the processor has none); and the top 53 bits become
     * a double exactly, as its two halves of 21 and 32 bits placed in the mantissas of 2^84
     * and 2^52, which two exact operations take off again. Then the same addition and product
     * as the one-at-a-time code. Left to itself, the compiler keeps this loop scalar: AVX2 has
     * neither the product nor the conversion of 64-bit words. */
    if (count >= MLROI_LANES) {
        const rng_vu step = (rng_vu){ 0 } + (unsigned long long)MLROI_LANES * GOLDEN_GAMMA;
        rng_vu z;
        for (int w = 0; w < MLROI_LANES; w++)
            z[w] = key + (first + (uint64_t)w + 1) * GOLDEN_GAMMA;
        for (; k + MLROI_LANES <= count; k += MLROI_LANES) {
            rng_vu x = z, lo, hi;
            mlroi_vd d;
            x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
            x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
            x = (x ^ (x >> 31)) >> 11;
            lo = (x & 0xffffffffull) | 0x4330000000000000ull;   /* 2^52 + low half */
            hi = (x >> 32) | 0x4530000000000000ull;             /* 2^84 + high half 2^32 */
            d = ((mlroi_vd)hi - (0x1p84 + 0x1p52)) + (mlroi_vd)lo;
            d = (d + 0.5) * 0x1p-53;
            memcpy(u + k, &d, sizeof d);
            z += step;
        }
    }
    for (; k < count; k++)
        u[k] = ((double)(mix64(key + (first + k + 1) * GOLDEN_GAMMA) >> 11) + 0.5) * 0x1p-53;
}

void mlroi_perm_init(mlroi_perm *p, uint64_t n, uint64_t key)
{
    unsigned bits = 0;
    memset(p, 0, sizeof *p);
    p->n = n;
    while (bits < 32 && n > 1 && ((n - 1) >> bits) != 0)
        bits++;
    /* A balanced network needs an even width: at most four times n, so cycle walking takes
     * fewer than four steps on average. */
    p->half_bits = bits < 2 ? 1 : (bits + 1) / 2;
    p->half_mask = (1u << p->half_bits) - 1;
    for (int r = 0; r < MLROI_PERM_ROUNDS; r++) {
        uint64_t k = mlroi_rng_bits(key, (uint64_t)r + 1000);
        p->add[r] = (uint32_t)k;
        p->mul[r] = (uint32_t)(k >> 32) | 1u;   /* odd: a bijection of the 32-bit words */
    }
}

/* Eight words at once: the network works on plain 32-bit words, so a pass over a vector of
 * them is a pass over each, and a loop of passes needs no help from the compiler to run in
 * lanes. */
typedef uint32_t perm_vu __attribute__((vector_size(8 * sizeof(uint32_t))));

/* One pass of the network over each 2 * half_bits wide word of *X, in place (a pointer: a
 * 32-byte vector is passed differently with and without AVX). The round function is a
 * multiply-shift hash: the top half_bits bits of (right + add) * mul, which depend on every
 * bit of right. Four rounds, two of which swap the halves back. */
static MLROI_INLINE void perm_pass(perm_vu *x, unsigned hb, uint32_t mask, const uint32_t *add,
                                   const uint32_t *mul)
{
    const unsigned shift = 32 - hb;
    perm_vu left = *x >> hb, right = *x & mask;
    left ^= ((right + add[0]) * mul[0]) >> shift;
    right ^= ((left + add[1]) * mul[1]) >> shift;
    left ^= ((right + add[2]) * mul[2]) >> shift;
    right ^= ((left + add[3]) * mul[3]) >> shift;
    *x = (left << hb) | right;
}

uint64_t mlroi_perm_apply(const mlroi_perm *p, uint64_t i)
{
    perm_vu x = { (uint32_t)i };
    if (p->n <= 1)
        return 0;
    do
        perm_pass(&x, p->half_bits, p->half_mask, p->add, p->mul);
    while (x[0] >= p->n);
    return x[0];
}

/* Whether a lane of *M (0 or all ones each) is set. */
static MLROI_INLINE bool perm_any(const perm_vu *m)
{
    uint64_t w[sizeof *m / sizeof(uint64_t)];
    memcpy(w, m, sizeof w);
    return (w[0] | w[1] | w[2] | w[3]) != 0;
}

MLROI_CLONES
void mlroi_perm_apply_many(const mlroi_perm *p, uint64_t first, size_t count, uint32_t *out)
{
    const unsigned hb = p->half_bits;
    const uint32_t mask = p->half_mask, base = (uint32_t)first, last = (uint32_t)(p->n - 1);
    const perm_vu lane = { 0, 1, 2, 3, 4, 5, 6, 7 };
    uint32_t add[MLROI_PERM_ROUNDS], mul[MLROI_PERM_ROUNDS];
    size_t k = 0;

    if (p->n <= 1) {
        memset(out, 0, count * sizeof *out);
        return;
    }
    memcpy(add, p->add, sizeof add);
    memcpy(mul, p->mul, sizeof mul);
    /* Eight indexes through the network at a time. The lanes that land outside [0, n) go
     * through it again, all eight words passed and only those lanes kept, until none is
     * left: each index walks exactly as in mlroi_perm_apply. With the network at most four
     * times as wide as n, a second pass is rare enough (a third of the groups at a million)
     * that doing it for all eight lanes costs less than finding the few. */
    for (; k + 8 <= count; k += 8) {
        perm_vu x = base + (uint32_t)k + lane, outside;
        perm_pass(&x, hb, mask, add, mul);
        while (outside = (perm_vu)(x > last), perm_any(&outside)) {
            perm_vu y = x;
            perm_pass(&y, hb, mask, add, mul);
            x = (y & outside) | (x & ~outside);
        }
        memcpy(out + k, &x, sizeof x);
    }
    for (; k < count; k++)
        out[k] = (uint32_t)mlroi_perm_apply(p, first + k);
}

/* ------------------------------------------------------------------------------------------
 * Standard normal
 * ------------------------------------------------------------------------------------------ */

double mlroi_normal_cdf(double x)
{
    return 0.5 * erfc(-x / sqrt(2.0));
}

/* Horner evaluation of c[0] + c[1] r + ... + c[7] r^7. */
static double poly7(const double *c, double r)
{
    double v = c[7];
    for (int i = 6; i >= 0; i--)
        v = v * r + c[i];
    return v;
}

/* AS 241's central range, |p - 0.5| <= 0.425. */
static const double as241_a[8] = {
    3.3871328727963666080e0, 1.3314166789178437745e+2, 1.9715909503065514427e+3,
    1.3731693765509461125e+4, 4.5921953931549871457e+4, 6.7265770927008700853e+4,
    3.3430575583588128105e+4, 2.5090809287301226727e+3 };
static const double as241_b[8] = {
    1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3,
    2.1213794301586595867e+4, 3.9307895800092710610e+4, 2.8729085735721942674e+4,
    5.2264952788528545610e+3 };

/* AS 241's near tails, r = sqrt(-log(min(p, 1 - p))) <= 5: in r - 1.6. */
static const double as241_c[8] = {
    1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0,
    3.64784832476320460504e0, 1.27045825245236838258e0, 2.41780725177450611770e-1,
    2.27238449892691845833e-2, 7.74545014278341407640e-4 };
static const double as241_d[8] = {
    1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
    1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4,
    1.05075007164441684324e-9 };

static inline double normal_quantile(double p)
{
    /* Wichura (1988), Algorithm AS 241 (PPND16): rational approximations on three ranges. */
    static const double *const a = as241_a, *const b = as241_b;
    static const double *const c = as241_c, *const d = as241_d;
    static const double e[8] = {
        6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0,
        2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
        2.71155556874348757815e-5, 2.01033439929228813265e-7 };
    static const double f[8] = {
        1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
        7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7,
        2.04426310338993978564e-15 };
    double q, r, v;

    if (isnan(p) || p < 0.0 || p > 1.0)
        return NAN;
    if (p == 0.0)
        return -INFINITY;
    if (p == 1.0)
        return INFINITY;
    q = p - 0.5;
    if (fabs(q) <= 0.425) {
        r = 0.180625 - q * q;
        return q * poly7(a, r) / poly7(b, r);
    }
    r = q < 0 ? p : 1.0 - p;
    r = sqrt(-log(r));
    if (r <= 5.0) {
        r -= 1.6;
        v = poly7(c, r) / poly7(d, r);
    } else {
        r -= 5.0;
        v = poly7(e, r) / poly7(f, r);
    }
    return q < 0 ? -v : v;
}

double mlroi_normal_quantile(double p)
{
    return normal_quantile(p);
}

/* ------------------------------------------------------------------------------------------
 * Regularised incomplete beta (for PERT), by its continued fraction (modified Lentz).
 * ------------------------------------------------------------------------------------------ */

static double beta_cf(double a, double b, double x)
{
    const double tiny = 1e-300;
    double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0), h;
    if (fabs(d) < tiny)
        d = tiny;
    d = 1.0 / d;
    h = d;
    for (int m = 1; m <= 500; m++) {
        double m2 = 2.0 * m, num, delta;
        /* Even step. */
        num = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
        d = 1.0 + num * d;
        if (fabs(d) < tiny) d = tiny;
        c = 1.0 + num / c;
        if (fabs(c) < tiny) c = tiny;
        d = 1.0 / d;
        h *= d * c;
        /* Odd step. */
        num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
        d = 1.0 + num * d;
        if (fabs(d) < tiny) d = tiny;
        c = 1.0 + num / c;
        if (fabs(c) < tiny) c = tiny;
        d = 1.0 / d;
        delta = d * c;
        h *= delta;
        if (fabs(delta - 1.0) < 1e-15)
            break;
    }
    return h;
}

/* log(Gamma(a + b) / (Gamma(a) Gamma(b))), the first terms of incomplete_beta's exponent. */
static double log_beta_front(double a, double b)
{
    return lgamma(a + b) - lgamma(a) - lgamma(b);
}

/* I_x(a, b), with LB = log_beta_front(a, b): a table of many x works it out once. */
static double incomplete_beta_lb(double a, double b, double lb, double x)
{
    double front;
    if (x <= 0.0)
        return 0.0;
    if (x >= 1.0)
        return 1.0;
    front = exp(lb + a * log(x) + b * log1p(-x));
    /* The fraction converges fast on one side of the mean; use symmetry on the other. */
    if (x < (a + 1.0) / (a + b + 2.0))
        return front * beta_cf(a, b, x) / a;
    return 1.0 - front * beta_cf(b, a, 1.0 - x) / b;
}

static double incomplete_beta(double a, double b, double x)
{
    return incomplete_beta_lb(a, b, log_beta_front(a, b), x);
}

/* PERT's table is some 4,000 incomplete beta evaluations, each a chain of divisions that
 * waits on the last: a run spent half a millisecond on it before its first sample. Here
 * CF_VECS vectors of MLROI_LANES points go through beta_cf together, lane w doing exactly
 * the operations beta_cf(A[w], B[w], X[w]) does, in the same order (simd.h), and keeping
 * its value from the step where beta_cf would stop; the chains overlap in the processor.
 * The points' fronts (exp and log, libm's) stay one at a time. */
#define CF_VECS 4
#define CF_GROUP (CF_VECS * MLROI_LANES)

MLROI_CLONES
static void beta_cf_group(const double a[CF_GROUP], const double b[CF_GROUP],
                          const double x[CF_GROUP], double out[CF_GROUP])
{
    const mlroi_vd zero = { 0 }, one = zero + 1.0, tiny = zero + 1e-300;
    mlroi_vd va[CF_VECS], vb[CF_VECS], vx[CF_VECS], c[CF_VECS], d[CF_VECS], h[CF_VECS];
    mlroi_vm on[CF_VECS];
    bool any = true;

    for (int j = 0; j < CF_VECS; j++) {
        memcpy(&va[j], a + j * MLROI_LANES, sizeof va[j]);
        memcpy(&vb[j], b + j * MLROI_LANES, sizeof vb[j]);
        memcpy(&vx[j], x + j * MLROI_LANES, sizeof vx[j]);
        c[j] = one;
        d[j] = one - (va[j] + vb[j]) * vx[j] / (va[j] + 1.0);
        d[j] = mlroi_vsel(mlroi_vabs(d[j]) < tiny, tiny, d[j]);
        d[j] = one / d[j];
        h[j] = d[j];
        on[j] = zero == zero;
    }
    for (int m = 1; m <= 500 && any; m++) {
        const double md = m, m2 = 2.0 * m;
        any = false;
        for (int j = 0; j < CF_VECS; j++) {
            mlroi_vd num, delta, hn;
            mlroi_vm conv;
            /* Even step. */
            num = md * (vb[j] - md) * vx[j] / ((va[j] + m2 - 1.0) * (va[j] + m2));
            d[j] = 1.0 + num * d[j];
            d[j] = mlroi_vsel(mlroi_vabs(d[j]) < tiny, tiny, d[j]);
            c[j] = 1.0 + num / c[j];
            c[j] = mlroi_vsel(mlroi_vabs(c[j]) < tiny, tiny, c[j]);
            d[j] = one / d[j];
            hn = h[j] * (d[j] * c[j]);
            /* Odd step. */
            num = -(va[j] + md) * (va[j] + vb[j] + md) * vx[j] /
                  ((va[j] + m2) * (va[j] + m2 + 1.0));
            d[j] = 1.0 + num * d[j];
            d[j] = mlroi_vsel(mlroi_vabs(d[j]) < tiny, tiny, d[j]);
            c[j] = 1.0 + num / c[j];
            c[j] = mlroi_vsel(mlroi_vabs(c[j]) < tiny, tiny, c[j]);
            d[j] = one / d[j];
            delta = d[j] * c[j];
            hn = hn * delta;
            /* A lane that has stopped keeps its value; the others take this step's. */
            h[j] = mlroi_vsel(on[j], hn, h[j]);
            conv = mlroi_vabs(delta - 1.0) < 1e-15;
            on[j] &= ~conv;
            any = any || mlroi_vany(&on[j]);
        }
    }
    for (int j = 0; j < CF_VECS; j++)
        memcpy(out + j * MLROI_LANES, &h[j], sizeof h[j]);
}

/* TABLE[k] = I_x(A, B) at x = k / MLROI_PERT_TABLE, each as incomplete_beta_lb gives it (LB =
 * log_beta_front(A, B)); the ends, 0 and 1, are the caller's. */
static void incomplete_beta_table(double a, double b, double lb, double *table)
{
    const double split = (a + 1.0) / (a + b + 2.0);
    int k = 1;
    for (; k + CF_GROUP <= MLROI_PERT_TABLE; k += CF_GROUP) {
        double ga[CF_GROUP], gb[CF_GROUP], gx[CF_GROUP], front[CF_GROUP], cf[CF_GROUP];
        bool lower[CF_GROUP];
        for (int i = 0; i < CF_GROUP; i++) {
            double x = (double)(k + i) / MLROI_PERT_TABLE;
            front[i] = exp(lb + a * log(x) + b * log1p(-x));
            /* The fraction converges fast on one side of the mean; symmetry on the other. */
            lower[i] = x < split;
            ga[i] = lower[i] ? a : b;
            gb[i] = lower[i] ? b : a;
            gx[i] = lower[i] ? x : 1.0 - x;
        }
        beta_cf_group(ga, gb, gx, cf);
        for (int i = 0; i < CF_GROUP; i++)
            table[k + i] = lower[i] ? front[i] * cf[i] / a : 1.0 - front[i] * cf[i] / b;
    }
    for (; k < MLROI_PERT_TABLE; k++)
        table[k] = incomplete_beta_lb(a, b, lb, (double)k / MLROI_PERT_TABLE);
}

/* ------------------------------------------------------------------------------------------
 * Distributions
 * ------------------------------------------------------------------------------------------ */

static const char *const kind_names[MLROI_DIST_KIND_COUNT] = {
    "uniform", "triangular", "pert", "normal", "lognormal"
};

/* z such that Phi(z) = 0.95: a 90 % interval is mean +/- Z90 sd. */
#define Z95 1.6448536269514722

const char *mlroi_dist_kind_name(mlroi_dist_kind k)
{
    return (unsigned)k < MLROI_DIST_KIND_COUNT ? kind_names[k] : "?";
}

int mlroi_dist_kind_from_name(const char *name)
{
    for (int k = 0; k < MLROI_DIST_KIND_COUNT; k++)
        if (strcmp(name, kind_names[k]) == 0)
            return k;
    return -1;
}

/* The untruncated quantile functions, one per kind. */
static inline double q_uniform(const mlroi_dist *d, double u)
{
    return d->a + (d->b - d->a) * u;
}

static inline double q_triangular(const mlroi_dist *d, double u)
{
    double range = d->c - d->a, fm = (d->b - d->a) / range;
    if (u < fm)
        return d->a + sqrt(u * range * (d->b - d->a));
    return d->c - sqrt((1.0 - u) * range * (d->c - d->b));
}

static inline double q_pert(const mlroi_dist *d, double u)
{
    /* Invert the tabulated cdf: bisection on the table, linear inside the cell. */
    const double *t = d->cdf_table;
    /* The guide narrows the search to the cells between u's neighbours k / GUIDE and
     * (k + 1) / GUIDE (a power of two, so u * GUIDE is exact); the answer, the last
     * entry <= u, is the same as a search of the whole table. */
    size_t g = (size_t)(u * MLROI_PERT_GUIDE);
    size_t lo = d->guide[g < MLROI_PERT_GUIDE ? g : MLROI_PERT_GUIDE - 1];
    size_t hi = g + 1 <= MLROI_PERT_GUIDE ? (size_t)d->guide[g + 1] + 1 : MLROI_PERT_TABLE;
    double z;
    if (hi > MLROI_PERT_TABLE)
        hi = MLROI_PERT_TABLE;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (t[mid] <= u)
            lo = mid;
        else
            hi = mid;
    }
    z = t[hi] > t[lo] ? (u - t[lo]) / (t[hi] - t[lo]) : 0.5;
    z = ((double)lo + z) / MLROI_PERT_TABLE;
    return d->a + (d->c - d->a) * z;
}

static inline double q_normal(const mlroi_dist *d, double u)
{
    return d->a + d->b * normal_quantile(u);
}

static inline double q_lognormal(const mlroi_dist *d, double u)
{
    return exp(d->a + d->b * normal_quantile(u));
}

static double raw_quantile(const mlroi_dist *d, double u)
{
    switch (d->kind) {
    case MLROI_DIST_UNIFORM:    return q_uniform(d, u);
    case MLROI_DIST_TRIANGULAR: return q_triangular(d, u);
    case MLROI_DIST_PERT:       return q_pert(d, u);
    case MLROI_DIST_NORMAL:     return q_normal(d, u);
    case MLROI_DIST_LOGNORMAL:  return q_lognormal(d, u);
    default:                    return NAN;
    }
}

double mlroi_dist_cdf(const mlroi_dist *d, double x)
{
    if (isnan(x))
        return NAN;
    switch (d->kind) {
    case MLROI_DIST_UNIFORM:
        if (x <= d->a) return 0.0;
        if (x >= d->b) return 1.0;
        return (x - d->a) / (d->b - d->a);
    case MLROI_DIST_TRIANGULAR: {
        double range = d->c - d->a;
        if (x <= d->a) return 0.0;
        if (x >= d->c) return 1.0;
        if (x <= d->b)
            return (x - d->a) * (x - d->a) / (range * (d->b - d->a));
        return 1.0 - (d->c - x) * (d->c - x) / (range * (d->c - d->b));
    }
    case MLROI_DIST_PERT:
        return incomplete_beta(d->alpha, d->beta, (x - d->a) / (d->c - d->a));
    case MLROI_DIST_NORMAL:
        return mlroi_normal_cdf((x - d->a) / d->b);
    case MLROI_DIST_LOGNORMAL:
        if (x <= 0.0) return 0.0;
        return mlroi_normal_cdf((log(x) - d->a) / d->b);
    default:
        return NAN;
    }
}

double mlroi_dist_mean(const mlroi_dist *d)
{
    switch (d->kind) {
    case MLROI_DIST_UNIFORM:    return (d->a + d->b) / 2.0;
    case MLROI_DIST_TRIANGULAR: return (d->a + d->b + d->c) / 3.0;
    case MLROI_DIST_PERT:
        return d->a + (d->c - d->a) * d->alpha / (d->alpha + d->beta);
    case MLROI_DIST_NORMAL:     return d->a;
    case MLROI_DIST_LOGNORMAL:  return exp(d->a + d->b * d->b / 2.0);
    default:                    return NAN;
    }
}

double mlroi_dist_sd(const mlroi_dist *d)
{
    switch (d->kind) {
    case MLROI_DIST_UNIFORM:
        return (d->b - d->a) / sqrt(12.0);
    case MLROI_DIST_TRIANGULAR: {
        double a = d->a, m = d->b, c = d->c;
        return sqrt((a * a + m * m + c * c - a * m - a * c - m * c) / 18.0);
    }
    case MLROI_DIST_PERT: {
        double s = d->alpha + d->beta;
        return (d->c - d->a) * sqrt(d->alpha * d->beta / (s * s * (s + 1.0)));
    }
    case MLROI_DIST_NORMAL:
        return d->b;
    case MLROI_DIST_LOGNORMAL: {
        double s2 = d->b * d->b;
        return sqrt(expm1(s2) * exp(2.0 * d->a + s2));
    }
    default:
        return NAN;
    }
}

void mlroi_dist_free(mlroi_dist *d)
{
    if (d == NULL)
        return;
    mlroi_huge_free(d->cdf_table);
    mlroi_huge_free(d->guide);
    d->cdf_table = NULL;
    d->guide = NULL;
}

static mlroi_error bad(const char **field, const char *name, char *msg, size_t size,
                       mlroi_error err, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static mlroi_error bad(const char **field, const char *name, char *msg, size_t size,
                       mlroi_error err, const char *fmt, ...)
{
    va_list ap;
    *field = name;
    va_start(ap, fmt);
    vsnprintf(msg, size, fmt, ap);
    va_end(ap);
    return err;
}

static bool given(double v) { return !isnan(v); }

/* V in a message as its shortest exact decimal ("0.95", not "0.94999999999999996"), so the
 * figure reads as the one written in the scenario. BUF holds MLROI_SHORTEST_SIZE bytes. */
static const char *num(char *buf, double v)
{
    if (isinf(v))
        snprintf(buf, MLROI_SHORTEST_SIZE, "%s", v < 0 ? "-infinity" : "infinity");
    else
        mlroi_shortest(buf, v);
    return buf;
}

mlroi_error mlroi_dist_check(mlroi_dist *d, const mlroi_dist_spec *sp, const char **field,
                             char *msg, size_t msg_size)
{
    static const char *none = "";
    const char *f_dummy;
    char n1[MLROI_SHORTEST_SIZE], n2[MLROI_SHORTEST_SIZE], n3[MLROI_SHORTEST_SIZE];
    mlroi_error err = MLROI_OK;

    if (field == NULL)
        field = &f_dummy;
    *field = none;
    if (msg_size > 0)
        msg[0] = '\0';
    memset(d, 0, sizeof *d);
    d->kind = sp->kind;
    d->lo = -INFINITY;
    d->hi = INFINITY;

    /* Reject keys that have no meaning for the kind, so a typo is not silently ignored. */
    switch (sp->kind) {
    case MLROI_DIST_UNIFORM:
        if (given(sp->mode)) return bad(field, "mode", msg, msg_size, MLROI_ERR_INVALID,
                                        "a uniform distribution takes no mode");
        /* fall through */
    case MLROI_DIST_TRIANGULAR:
    case MLROI_DIST_PERT:
        if (given(sp->mean)) return bad(field, "mean", msg, msg_size, MLROI_ERR_INVALID,
                                        "give %s for this distribution, not a mean",
                                        sp->kind == MLROI_DIST_UNIFORM ? "min and max" :
                                        "min, mode and max");
        if (given(sp->sd)) return bad(field, "sd", msg, msg_size, MLROI_ERR_INVALID,
                                      "give %s for this distribution, not an sd",
                                      sp->kind == MLROI_DIST_UNIFORM ? "min and max" :
                                      "min, mode and max");
        if (given(sp->p5)) return bad(field, "p5", msg, msg_size, MLROI_ERR_INVALID,
                                      "p5/p95 are for normal and lognormal distributions");
        if (given(sp->p95)) return bad(field, "p95", msg, msg_size, MLROI_ERR_INVALID,
                                       "p5/p95 are for normal and lognormal distributions");
        if (sp->kind != MLROI_DIST_PERT && given(sp->lambda))
            return bad(field, "lambda", msg, msg_size, MLROI_ERR_INVALID,
                       "lambda is for pert distributions only");
        if (!given(sp->min)) return bad(field, "min", msg, msg_size, MLROI_ERR_MISSING,
                                        "the distribution needs a min");
        if (!given(sp->max)) return bad(field, "max", msg, msg_size, MLROI_ERR_MISSING,
                                        "the distribution needs a max");
        if (!(sp->min < sp->max))
            return bad(field, "max", msg, msg_size, MLROI_ERR_INVALID,
                       "max (%s) must be greater than min (%s)", num(n1, sp->max), num(n2, sp->min));
        break;
    case MLROI_DIST_NORMAL:
    case MLROI_DIST_LOGNORMAL:
        if (given(sp->mode)) return bad(field, "mode", msg, msg_size, MLROI_ERR_INVALID,
                                        "give mean and sd, or p5 and p95, not a mode");
        if (given(sp->lambda)) return bad(field, "lambda", msg, msg_size, MLROI_ERR_INVALID,
                                          "lambda is for pert distributions only");
        break;
    default:
        return bad(field, "dist", msg, msg_size, MLROI_ERR_INVALID,
                   "unknown distribution");
    }

    switch (sp->kind) {
    case MLROI_DIST_UNIFORM:
        d->a = sp->min;
        d->b = sp->max;
        d->lo = sp->min;
        d->hi = sp->max;
        break;
    case MLROI_DIST_TRIANGULAR:
    case MLROI_DIST_PERT:
        if (!given(sp->mode))
            return bad(field, "mode", msg, msg_size, MLROI_ERR_MISSING,
                       "the distribution needs a mode");
        if (sp->mode < sp->min || sp->mode > sp->max)
            return bad(field, "mode", msg, msg_size, MLROI_ERR_INVALID,
                       "mode (%s) must lie between min (%s) and max (%s)",
                       num(n1, sp->mode), num(n2, sp->min), num(n3, sp->max));
        d->a = sp->min;
        d->b = sp->mode;
        d->c = sp->max;
        d->lo = sp->min;
        d->hi = sp->max;
        if (sp->kind == MLROI_DIST_PERT) {
            double lambda = given(sp->lambda) ? sp->lambda : 4.0;
            if (!(lambda >= 0.0 && lambda <= 1000.0))
                return bad(field, "lambda", msg, msg_size, MLROI_ERR_INVALID,
                           "lambda must be between 0 and 1000, got %s", num(n1, lambda));
            d->alpha = 1.0 + lambda * (sp->mode - sp->min) / (sp->max - sp->min);
            d->beta = 1.0 + lambda * (sp->max - sp->mode) / (sp->max - sp->min);
        }
        break;
    case MLROI_DIST_NORMAL:
    case MLROI_DIST_LOGNORMAL: {
        bool lognormal = sp->kind == MLROI_DIST_LOGNORMAL;
        bool by_moments = given(sp->mean) || given(sp->sd);
        bool by_interval = given(sp->p5) || given(sp->p95);
        if (by_moments && by_interval)
            return bad(field, given(sp->p5) ? "p5" : "p95", msg, msg_size, MLROI_ERR_INVALID,
                       "give either mean and sd or p5 and p95, not both");
        if (by_interval) {
            if (!given(sp->p5)) return bad(field, "p5", msg, msg_size, MLROI_ERR_MISSING,
                                           "p95 needs p5 too");
            if (!given(sp->p95)) return bad(field, "p95", msg, msg_size, MLROI_ERR_MISSING,
                                            "p5 needs p95 too");
            if (lognormal && !(sp->p5 > 0.0))
                return bad(field, "p5", msg, msg_size, MLROI_ERR_INVALID,
                           "a lognormal's p5 must be greater than 0, got %s", num(n1, sp->p5));
            if (!(sp->p95 > sp->p5))
                return bad(field, "p95", msg, msg_size, MLROI_ERR_INVALID,
                           "p95 (%s) must be greater than p5 (%s)", num(n1, sp->p95), num(n2, sp->p5));
            if (lognormal) {
                d->a = (log(sp->p5) + log(sp->p95)) / 2.0;
                d->b = (log(sp->p95) - log(sp->p5)) / (2.0 * Z95);
            } else {
                d->a = (sp->p5 + sp->p95) / 2.0;
                d->b = (sp->p95 - sp->p5) / (2.0 * Z95);
            }
        } else {
            if (!given(sp->mean)) return bad(field, "mean", msg, msg_size, MLROI_ERR_MISSING,
                                             "give mean and sd, or p5 and p95");
            if (!given(sp->sd)) return bad(field, "sd", msg, msg_size, MLROI_ERR_MISSING,
                                           "give mean and sd, or p5 and p95");
            if (!(sp->sd > 0.0))
                return bad(field, "sd", msg, msg_size, MLROI_ERR_INVALID,
                           "sd must be greater than 0, got %s", num(n1, sp->sd));
            if (lognormal && !(sp->mean > 0.0))
                return bad(field, "mean", msg, msg_size, MLROI_ERR_INVALID,
                           "a lognormal's mean must be greater than 0, got %s", num(n1, sp->mean));
            if (lognormal) {
                double s2 = log1p((sp->sd / sp->mean) * (sp->sd / sp->mean));
                d->b = sqrt(s2);
                d->a = log(sp->mean) - s2 / 2.0;
            } else {
                d->a = sp->mean;
                d->b = sp->sd;
            }
        }
        if (!isfinite(d->a) || !isfinite(d->b) || !(d->b > 0.0))
            return bad(field, by_interval ? "p95" : "sd", msg, msg_size, MLROI_ERR_INVALID,
                       "the parameters give no usable spread");
        if (lognormal) {
            d->lo = 0.0;
            if (given(sp->min) && !(sp->min >= 0.0))
                return bad(field, "min", msg, msg_size, MLROI_ERR_INVALID,
                           "a lognormal's min must be 0 or more, got %s", num(n1, sp->min));
        }
        if (given(sp->min))
            d->lo = sp->min;
        if (given(sp->max))
            d->hi = sp->max;
        if (given(sp->min) && given(sp->max) && !(sp->min < sp->max))
            return bad(field, "max", msg, msg_size, MLROI_ERR_INVALID,
                       "max (%s) must be greater than min (%s)", num(n1, sp->max), num(n2, sp->min));
        break;
    }
    default:
        break;
    }
    d->u_lo = 0.0;
    d->u_hi = 1.0;
    {
        char why[160];
        err = mlroi_dist_restrict(d, d->lo, d->hi, why, sizeof why);
        if (err != MLROI_OK) {
            *field = given(sp->max) ? "max" : "min";
            snprintf(msg, msg_size, "%s", why);
            mlroi_dist_free(d);
        }
    }
    return err;
}

mlroi_error mlroi_dist_table(mlroi_dist *d)
{
    if (d->kind != MLROI_DIST_PERT || d->cdf_table != NULL)
        return MLROI_OK;
    /* From the run's huge page region (huge_alloc.h): the guide alone would be 33 fresh
     * pages, a page fault each, and the table 9. */
    d->cdf_table = mlroi_huge_alloc((MLROI_PERT_TABLE + 1) * sizeof *d->cdf_table);
    d->guide = mlroi_huge_alloc((MLROI_PERT_GUIDE + 1) * sizeof *d->guide);
    if (d->cdf_table == NULL || d->guide == NULL) {
        mlroi_dist_free(d);
        return MLROI_ERR_NOMEM;
    }
    incomplete_beta_table(d->alpha, d->beta, log_beta_front(d->alpha, d->beta), d->cdf_table);
    d->cdf_table[0] = 0.0;
    d->cdf_table[MLROI_PERT_TABLE] = 1.0;
    /* guide[g] = the last table entry k (at most TABLE - 1) such that entries 1 to k are all
     * <= g / GUIDE: the entry a walk along the table stops at for u = g / GUIDE. Filled entry
     * by entry: the cells of k end where u reaches TOP, the greatest of entries 1 to k + 1,
     * and g / GUIDE < TOP exactly when g < TOP * GUIDE (both products by a power of two, so
     * exact); an undefined entry stops the walk for good. */
    {
        size_t g = 0;
        double top = -INFINITY;
        for (size_t k = 0; k < MLROI_PERT_TABLE && g <= MLROI_PERT_GUIDE; k++) {
            const double next = d->cdf_table[k + 1];
            double edge;
            size_t stop;
            if (next > top || isnan(next))
                top = next;
            edge = ceil(top * MLROI_PERT_GUIDE);
            stop = !(edge <= MLROI_PERT_GUIDE) ? MLROI_PERT_GUIDE + 1
                   : edge > 0                  ? (size_t)edge
                                               : 0;
            for (; g < stop; g++)
                d->guide[g] = (uint16_t)k;
        }
        for (; g <= MLROI_PERT_GUIDE; g++)
            d->guide[g] = MLROI_PERT_TABLE - 1;
    }
    return MLROI_OK;
}

mlroi_error mlroi_dist_init(mlroi_dist *d, const mlroi_dist_spec *sp, const char **field,
                            char *msg, size_t msg_size)
{
    mlroi_error err = mlroi_dist_check(d, sp, field, msg, msg_size);
    if (err == MLROI_OK && mlroi_dist_table(d) != MLROI_OK) {
        if (field != NULL)
            *field = "dist";
        snprintf(msg, msg_size, "out of memory");
        err = MLROI_ERR_NOMEM;
    }
    return err;
}

mlroi_error mlroi_dist_restrict(mlroi_dist *d, double lo, double hi, char *msg, size_t msg_size)
{
    double nlo = fmax(d->lo, lo), nhi = fmin(d->hi, hi);
    double ulo, uhi;
    if (!(nlo < nhi)) {
        char n1[MLROI_SHORTEST_SIZE], n2[MLROI_SHORTEST_SIZE];
        snprintf(msg, msg_size, "the range [%s, %s] leaves no room for the distribution",
                 num(n1, nlo), num(n2, nhi));
        return MLROI_ERR_INVALID;
    }
    ulo = isinf(nlo) ? 0.0 : mlroi_dist_cdf(d, nlo);
    uhi = isinf(nhi) ? 1.0 : mlroi_dist_cdf(d, nhi);
    if (!(uhi - ulo >= 1e-9)) {
        char n1[MLROI_SHORTEST_SIZE], n2[MLROI_SHORTEST_SIZE];
        snprintf(msg, msg_size, "less than 1e-9 of the distribution lies in [%s, %s]",
                 num(n1, nlo), num(n2, nhi));
        return MLROI_ERR_INVALID;
    }
    d->lo = nlo;
    d->hi = nhi;
    d->u_lo = ulo;
    d->u_hi = uhi;
    return MLROI_OK;
}

double mlroi_dist_quantile(const mlroi_dist *d, double u)
{
    double x = raw_quantile(d, d->u_lo + u * (d->u_hi - d->u_lo));
    /* Rounding at the ends must not step outside the support. */
    if (x < d->lo) x = d->lo;
    if (x > d->hi) x = d->hi;
    return x;
}

#define NQ_BLOCK 8
#define NQ_MAX 256   /* draws a normal_quantile_block at most */

/* Z[k] = normal_quantile(P[k]) for k < COUNT, a multiple of NQ_BLOCK (P and Z apart). Most
 * draws fall in the central range, whose rational function is plain arithmetic: it is
 * computed for all of them in lanes (simd.h: the same operations in the same order as
 * normal_quantile, so the same values). The few in the tails are listed without a branch,
 * then redone one by one: a test per draw would guess wrong at each of them. */
MLROI_CLONES
static void normal_quantile_block(const double *p, double *z, size_t count)
{
    unsigned tails[NQ_MAX];
    size_t nt = 0;
    _Static_assert(NQ_BLOCK % MLROI_LANES == 0, "whole vectors");
    for (size_t k = 0; k < count; k += MLROI_LANES) {
        mlroi_vd q, r, num, den;
        memcpy(&q, p + k, sizeof q);
        q = q - 0.5;
        r = 0.180625 - q * q;
        num = (mlroi_vd){0} + as241_a[7];
        den = (mlroi_vd){0} + as241_b[7];
        for (int i = 6; i >= 0; i--) {
            num = num * r + as241_a[i];
            den = den * r + as241_b[i];
        }
        num = q * num / den;
        memcpy(z + k, &num, sizeof num);
    }
    for (size_t k = 0; k < count; k++) {
        tails[nt] = (unsigned)k;
        nt += !(fabs(p[k] - 0.5) <= 0.425);
    }
    /* The tails a few at a time: log one by one (libm's), the rest in lanes as
     * normal_quantile works it out. Lanes with p at 0 or 1 (or outside), or in the far tails
     * (r > 5, p below about 1e-11), go one by one. */
    {
        size_t i = 0;
        for (; i + MLROI_LANES <= nt; i += MLROI_LANES) {
            mlroi_vd pv, q, r, num, den, v;
            mlroi_vm odd, low;
            for (int w = 0; w < MLROI_LANES; w++)
                pv[w] = p[tails[i + (size_t)w]];
            odd = ~((pv > 0.0) & (pv < 1.0));
            q = pv - 0.5;
            low = q < 0;
            r = mlroi_vsel(low, pv, 1.0 - pv);
            for (int w = 0; w < MLROI_LANES; w++)
                r[w] = odd[w] ? 0.5 : -log(r[w]);
            r = mlroi_vsqrt(r);
            odd |= r > 5.0;
            if (mlroi_vany(&odd)) {
                for (int w = 0; w < MLROI_LANES; w++)
                    z[tails[i + (size_t)w]] = normal_quantile(p[tails[i + (size_t)w]]);
                continue;
            }
            r = r - 1.6;
            num = (mlroi_vd){ 0 } + as241_c[7];
            den = (mlroi_vd){ 0 } + as241_d[7];
            for (int c = 6; c >= 0; c--) {
                num = num * r + as241_c[c];
                den = den * r + as241_d[c];
            }
            v = num / den;
            v = mlroi_vsel(low, -v, v);
            for (int w = 0; w < MLROI_LANES; w++)
                z[tails[i + (size_t)w]] = v[w];
        }
        for (; i < nt; i++)
            z[tails[i]] = normal_quantile(p[tails[i]]);
    }
}

/* The normal and lognormal loops of mlroi_dist_quantile_many, eight draws at a time. */
MLROI_CLONES
static void normal_many(const mlroi_dist *d, const double *u, double *x, size_t count,
                        bool lognormal)
{
    const double u_lo = d->u_lo, width = d->u_hi - d->u_lo;
    double p[NQ_MAX], z[NQ_MAX];
    size_t k = 0;

    while (count - k >= NQ_BLOCK) {
        size_t len = count - k < NQ_MAX ? (count - k) / NQ_BLOCK * NQ_BLOCK : NQ_MAX;
        for (size_t i = 0; i < len; i++)
            p[i] = u_lo + u[k + i] * width;
        normal_quantile_block(p, z, len);
        for (size_t i = 0; i < len; i++) {
            double v = d->a + d->b * z[i];
            if (lognormal)
                v = exp(v);
            if (v < d->lo) v = d->lo;
            if (v > d->hi) v = d->hi;
            x[k + i] = v;
        }
        k += len;
    }
    for (; k < count; k++) {
        double v = lognormal ? q_lognormal(d, u_lo + u[k] * width)
                             : q_normal(d, u_lo + u[k] * width);
        if (v < d->lo) v = d->lo;
        if (v > d->hi) v = d->hi;
        x[k] = v;
    }
}

/* The loop of mlroi_dist_quantile_many for one kind: the kind's test leaves the loop. */
#define QUANTILE_LOOP(fn)                                                                   \
    for (size_t k = 0; k < count; k++) {                                                    \
        double v = fn(d, u_lo + u[k] * width);                                              \
        if (v < d->lo) v = d->lo;                                                           \
        if (v > d->hi) v = d->hi;                                                           \
        x[k] = v;                                                                           \
    }

/* The triangular loop, in lanes (simd.h): both branches of q_triangular computed and one
 * kept, the same expressions, so the same values; a random draw falls on either side of the
 * mode, and a branch on it would be mispredicted half the time. */
MLROI_CLONES
static void triangular_many(const mlroi_dist *d, const double *u, double *x, size_t count)
{
    const double u_lo = d->u_lo, width = d->u_hi - d->u_lo;
    const double a = d->a, b = d->b, c = d->c, lo = d->lo, hi = d->hi;
    const double range = c - a, fm = (b - a) / range;
    size_t k = 0;
    for (; k + MLROI_LANES <= count; k += MLROI_LANES) {
        mlroi_vd p, v;
        memcpy(&p, u + k, sizeof p);
        p = u_lo + p * width;
        v = mlroi_vsel(p < fm, a + mlroi_vsqrt(p * range * (b - a)),
                       c - mlroi_vsqrt((1.0 - p) * range * (c - b)));
        v = mlroi_vsel(v < lo, (mlroi_vd){0} + lo, v);
        v = mlroi_vsel(v > hi, (mlroi_vd){0} + hi, v);
        memcpy(x + k, &v, sizeof v);
    }
    for (; k < count; k++) {
        double p = u_lo + u[k] * width;
        double left = a + sqrt(p * range * (b - a));
        double right = c - sqrt((1.0 - p) * range * (c - b));
        double v = p < fm ? left : right;
        if (v < lo) v = lo;
        if (v > hi) v = hi;
        x[k] = v;
    }
}

MLROI_CLONES
void mlroi_dist_quantile_many(const mlroi_dist *d, const double *u, double *x, size_t count)
{
    const double u_lo = d->u_lo, width = d->u_hi - d->u_lo;
    switch (d->kind) {
    case MLROI_DIST_UNIFORM:    QUANTILE_LOOP(q_uniform) break;
    case MLROI_DIST_TRIANGULAR: triangular_many(d, u, x, count); break;
    case MLROI_DIST_PERT:       QUANTILE_LOOP(q_pert) break;
    case MLROI_DIST_NORMAL:     normal_many(d, u, x, count, false); break;
    case MLROI_DIST_LOGNORMAL:  normal_many(d, u, x, count, true); break;
    default:
        for (size_t k = 0; k < count; k++)
            x[k] = NAN;
        break;
    }
}

/* ------------------------------------------------------------------------------------------
 * Sorting
 * ------------------------------------------------------------------------------------------ */

/* Map a double to an unsigned key with the same order; every NAN goes last. */
static uint64_t sort_key(double v)
{
    uint64_t bits;
    if (isnan(v))
        return UINT64_MAX;
    memcpy(&bits, &v, sizeof bits);
    return (bits >> 63) ? ~bits : bits | 0x8000000000000000ull;
}

#define RADIX_BITS 11
#define RADIX_SIZE (1u << RADIX_BITS)
#define RADIX_PASSES 6   /* 6 * 11 >= 64 */

typedef struct sort_item {
    uint64_t key;
    uint32_t idx;
} sort_item;

#define BUCKET_MIN_N 4096   /* below this the radix sort is cheap enough */

/* The bucket of X among BUCKETS of width 1 / SCALE from LO: monotone in X (IEEE rounding
 * is), the greatest value clamped into the last bucket. */
static size_t bucket_of(double x, double lo, double scale, size_t buckets)
{
    size_t b = (size_t)((x - lo) * scale);
    return b < buckets ? b : buckets - 1;
}

/* The order of mlroi_argsort by buckets of equal width between the least and the greatest
 * value: one pass counts, one places every item in its bucket (in index order), and each
 * bucket, a handful of items, is sorted by insertion. The bucket of a value never decreases
 * as the value grows, so this is the same order as the radix sort's, in two passes over
 * memory instead of six. Returns false (and does nothing) when the values do not suit it:
 * infinities, all equal, or so bunched (a heavy tail) that the buckets would be long. */
static bool argsort_buckets(const double *v, size_t n, uint32_t *idx, mlroi_error *err)
{
    double lo = INFINITY, hi = -INFINITY, scale;
    size_t buckets = n / 2, m = 0, work = 0;
    uint32_t *start = NULL;
    sort_item *items = NULL;

    for (size_t i = 0; i < n; i++) {
        if (isnan(v[i]))
            continue;
        if (v[i] < lo) lo = v[i];
        if (v[i] > hi) hi = v[i];
    }
    if (!(isfinite(lo) && isfinite(hi) && hi > lo))
        return false;
    scale = (double)buckets / (hi - lo);
    if (!isfinite(scale))
        return false;
    start = calloc(buckets + 1, sizeof *start);
    if (start == NULL)
        return false;   /* the radix sort says whether memory is short */
    for (size_t i = 0; i < n; i++) {
        if (isnan(v[i]))
            continue;
        start[bucket_of(v[i], lo, scale, buckets)]++;
        m++;
    }
    /* Insertion sorts cost about the sum of the squared bucket sizes. */
    for (size_t b = 0; b < buckets; b++)
        work += (size_t)start[b] * start[b];
    if (work > 16 * n) {
        free(start);
        return false;
    }
    items = malloc((m ? m : 1) * sizeof *items);
    if (items == NULL) {
        free(start);
        return false;
    }
    for (size_t b = 0, sum = 0; b <= buckets; b++) {
        uint32_t c = start[b];
        start[b] = (uint32_t)sum;
        sum += c;
    }
    for (size_t i = 0; i < n; i++) {
        if (isnan(v[i]))
            continue;
        items[start[bucket_of(v[i], lo, scale, buckets)]++] =
            (sort_item){ sort_key(v[i]), (uint32_t)i };
    }
    /* start[b] is now the end of bucket b, and the start of bucket b + 1. */
    for (size_t b = 0, first = 0; b < buckets; b++) {
        size_t end = start[b];
        for (size_t i = first + 1; i < end; i++) {
            sort_item it = items[i];
            size_t j = i;
            while (j > first && items[j - 1].key > it.key) {
                items[j] = items[j - 1];
                j--;
            }
            items[j] = it;
        }
        first = end;
    }
    for (size_t k = 0; k < m; k++)
        idx[k] = items[k].idx;
    for (size_t i = 0; i < n; i++)   /* NAN last, in index order, as sort_key puts it */
        if (isnan(v[i]))
            idx[m++] = (uint32_t)i;
    free(items);
    free(start);
    *err = MLROI_OK;
    return true;
}

mlroi_error mlroi_argsort(const double *v, size_t n, uint32_t *idx)
{
    sort_item *a = NULL, *b = NULL;
    size_t (*count)[RADIX_SIZE] = NULL;
    mlroi_error err = MLROI_OK;

    if (n == 0)
        return MLROI_OK;
    if (n > UINT32_MAX)
        return MLROI_ERR_LIMIT;
    if (n >= BUCKET_MIN_N && argsort_buckets(v, n, idx, &err))
        return err;
    a = malloc(n * sizeof *a);
    b = malloc(n * sizeof *b);
    count = calloc(RADIX_PASSES, sizeof *count);
    if (a == NULL || b == NULL || count == NULL) {
        err = MLROI_ERR_NOMEM;
        goto cleanup;
    }
    /* One pass fills the keys and the digit counts of every pass. */
    for (size_t i = 0; i < n; i++) {
        uint64_t k = sort_key(v[i]);
        a[i].key = k;
        a[i].idx = (uint32_t)i;
        for (int p = 0; p < RADIX_PASSES; p++)
            count[p][(k >> (p * RADIX_BITS)) & (RADIX_SIZE - 1)]++;
    }
    /* Least significant digit first; each pass is stable, so the whole sort is. */
    for (int p = 0; p < RADIX_PASSES; p++) {
        unsigned shift = (unsigned)p * RADIX_BITS;
        size_t sum = 0;
        bool trivial = false;
        for (size_t d = 0; d < RADIX_SIZE; d++) {
            size_t c = count[p][d];
            if (c == n)
                trivial = true;   /* every key has this digit: the pass would not move */
            count[p][d] = sum;
            sum += c;
        }
        if (trivial)
            continue;
        for (size_t i = 0; i < n; i++)
            b[count[p][(a[i].key >> shift) & (RADIX_SIZE - 1)]++] = a[i];
        {
            sort_item *t = a;
            a = b;
            b = t;
        }
    }
    for (size_t i = 0; i < n; i++)
        idx[i] = a[i].idx;
cleanup:
    free(a);
    free(b);
    free(count);
    return err;
}

double mlroi_rank_correlation(const double *x, const double *y, size_t n)
{
    uint32_t *ox = NULL, *oy = NULL;
    double *rx = NULL, *ry = NULL;
    double result = NAN;

    if (n < 2)
        return NAN;
    ox = malloc(n * sizeof *ox);
    oy = malloc(n * sizeof *oy);
    rx = malloc(n * sizeof *rx);
    ry = malloc(n * sizeof *ry);
    if (ox == NULL || oy == NULL || rx == NULL || ry == NULL)
        goto cleanup;
    if (mlroi_argsort(x, n, ox) != MLROI_OK || mlroi_argsort(y, n, oy) != MLROI_OK)
        goto cleanup;
    for (size_t r = 0; r < n; r++) {
        rx[ox[r]] = (double)r;
        ry[oy[r]] = (double)r;
    }
    {
        /* Pearson on the ranks; both rank vectors have mean (n-1)/2 and the same spread. */
        double mean = (double)(n - 1) / 2.0, sxy = 0.0, sxx = 0.0;
        for (size_t i = 0; i < n; i++) {
            sxy += (rx[i] - mean) * (ry[i] - mean);
            sxx += (rx[i] - mean) * (rx[i] - mean);
        }
        result = sxy / sxx;
    }
cleanup:
    free(ox);
    free(oy);
    free(rx);
    free(ry);
    return result;
}

mlroi_error mlroi_cholesky(const double *a, int k, double *l)
{
    for (int i = 0; i < k * k; i++)
        l[i] = 0.0;
    for (int j = 0; j < k; j++) {
        double diag = a[j * k + j];
        for (int p = 0; p < j; p++)
            diag -= l[j * k + p] * l[j * k + p];
        /* A relative threshold: a matrix that is only just semi-definite is refused too,
         * since the scores it would give are degenerate. */
        if (!(diag > 1e-12))
            return MLROI_ERR_INVALID;
        l[j * k + j] = sqrt(diag);
        for (int i = j + 1; i < k; i++) {
            double s = a[i * k + j];
            for (int p = 0; p < j; p++)
                s -= l[i * k + p] * l[j * k + p];
            l[i * k + j] = s / l[j * k + j];
        }
    }
    return MLROI_OK;
}

double mlroi_rank_to_normal_correlation(double rho)
{
    /* Pearson's relation for a bivariate normal: Spearman = (6 / pi) asin(r / 2). Its
     * inverse maps +-1 to +-1 exactly (sin(pi / 6) = 1 / 2), so perfect correlation stays. */
    if (rho >= 1.0)
        return 1.0;
    if (rho <= -1.0)
        return -1.0;
    return 2.0 * sin(3.14159265358979323846 * rho / 6.0);
}

double mlroi_min_eigenvalue(const double *a, int k)
{
    /* Cyclic Jacobi rotations on a copy: k <= MLROI_IC_MAX_K, so k^3 per sweep is nothing,
     * and it converges for any symmetric matrix. */
    double m[MLROI_IC_MAX_K * MLROI_IC_MAX_K], least;
    if (k < 1 || k > MLROI_IC_MAX_K)
        return NAN;
    memcpy(m, a, (size_t)k * (size_t)k * sizeof *m);
    for (int sweep = 0; sweep < 100; sweep++) {
        double off = 0.0;
        for (int p = 0; p < k; p++)
            for (int q = p + 1; q < k; q++)
                off += m[p * k + q] * m[p * k + q];
        if (off < 1e-30)
            break;
        for (int p = 0; p < k; p++) {
            for (int q = p + 1; q < k; q++) {
                double apq = m[p * k + q], theta, t, c, sn;
                if (fabs(apq) < 1e-300)
                    continue;
                theta = (m[q * k + q] - m[p * k + p]) / (2.0 * apq);
                t = (theta >= 0 ? 1.0 : -1.0) / (fabs(theta) + sqrt(theta * theta + 1.0));
                c = 1.0 / sqrt(t * t + 1.0);
                sn = t * c;
                for (int r = 0; r < k; r++) {   /* columns p and q */
                    double rp = m[r * k + p], rq = m[r * k + q];
                    m[r * k + p] = c * rp - sn * rq;
                    m[r * k + q] = sn * rp + c * rq;
                }
                for (int r = 0; r < k; r++) {   /* rows p and q */
                    double pr = m[p * k + r], qr = m[q * k + r];
                    m[p * k + r] = c * pr - sn * qr;
                    m[q * k + r] = sn * pr + c * qr;
                }
            }
        }
    }
    least = m[0];
    for (int i = 1; i < k; i++)
        if (m[i * k + i] < least)
            least = m[i * k + i];
    return least;
}

/* Cholesky of a positive semi-definite A: a pivot that is zero (within TOL) leaves its column
 * zero, so a perfectly correlated column becomes a copy of an earlier one. */
static mlroi_error cholesky_semidefinite(const double *a, int k, double *l, double tol)
{
    for (int i = 0; i < k * k; i++)
        l[i] = 0.0;
    for (int j = 0; j < k; j++) {
        double diag = a[j * k + j];
        for (int p = 0; p < j; p++)
            diag -= l[j * k + p] * l[j * k + p];
        if (diag < -tol)
            return MLROI_ERR_INVALID;
        if (diag <= tol)
            continue;
        l[j * k + j] = sqrt(diag);
        for (int i = j + 1; i < k; i++) {
            double s = a[i * k + j];
            for (int p = 0; p < j; p++)
                s -= l[i * k + p] * l[j * k + p];
            l[i * k + j] = s / l[j * k + j];
        }
    }
    return MLROI_OK;
}

mlroi_error mlroi_rank_target_check(const double *target, int k, double *least)
{
    double m[MLROI_IC_MAX_K * MLROI_IC_MAX_K];
    if (k > MLROI_IC_MAX_K)
        return MLROI_ERR_LIMIT;
    for (int i = 0; i < k * k; i++)
        m[i] = mlroi_rank_to_normal_correlation(target[i]);
    *least = mlroi_min_eigenvalue(m, k);
    return *least < -MLROI_PSD_TOLERANCE ? MLROI_ERR_INVALID : MLROI_OK;
}

/* Iman-Conover's work on independent ranges of rows, run by mlroi_parallel_for. */
typedef struct ic_job {
    size_t n;
    int k;
    uint64_t key;
    double *scores;        /* k columns of n */
    uint32_t *ord_s;       /* the first score column's ascending order */
    const double *m;       /* k x k transform, lower triangular */
    double *x;             /* a column being reordered, */
    const double *col;     /* a copy of its values, */
    const uint32_t *ox;    /* their ascending order */
} ic_job;

/* Van der Waerden scores Phi^-1((r + 1) / (n + 1)), each column an independent random
 * permutation of them, computed in place rather than looked up: a lookup at a random rank
 * misses the cache every time. The first column's rank order is its permutation. */
static void ic_scores(void *ctx, size_t lo, size_t hi)
{
    ic_job *job = ctx;
    uint32_t rank[256];
    for (int j = 0; j < job->k; j++) {
        mlroi_perm perm;
        double *sj = job->scores + (size_t)j * job->n;
        mlroi_perm_init(&perm, job->n, mlroi_rng_key(job->key, (uint64_t)j));
        for (size_t i = lo; i < hi; i += 256) {
            size_t len = hi - i < 256 ? hi - i : 256;
            mlroi_perm_apply_many(&perm, i, len, rank);
            for (size_t t = 0; t < len; t++)
                sj[i + t] = normal_quantile((double)(rank[t] + 1) / (double)(job->n + 1));
            if (j == 0)
                for (size_t t = 0; t < len; t++)
                    job->ord_s[rank[t]] = (uint32_t)(i + t);
        }
    }
}

/* T = S M^T, row by row in place (M is lower triangular, so row i's new entries need only
 * its old ones). */
static void ic_transform(void *ctx, size_t lo, size_t hi)
{
    ic_job *job = ctx;
    double row[MLROI_IC_MAX_K];
    const size_t n = job->n;
    const int k = job->k;
    for (size_t i = lo; i < hi; i++) {
        for (int j = 0; j < k; j++)
            row[j] = job->scores[(size_t)j * n + i];
        for (int j = 0; j < k; j++) {
            double s = 0.0;
            for (int t = 0; t <= j; t++)
                s += job->m[j * k + t] * row[t];
            job->scores[(size_t)j * n + i] = s;
        }
    }
}

/* The column's r-th smallest value goes where T's column has its r-th smallest score. */
static void ic_reorder(void *ctx, size_t lo, size_t hi)
{
    ic_job *job = ctx;
    for (size_t r = lo; r < hi; r++)
        job->x[job->ord_s[r]] = job->col[job->ox[r]];
}

mlroi_error mlroi_iman_conover(double *x, size_t n, int k, const double *target, uint64_t key,
                               const uint32_t *const *orders, int threads)
{
    double *scores = NULL, *col = NULL;
    double *corr = NULL, *q = NULL, *p = NULL, *qinv = NULL, *m = NULL;
    uint32_t *ord_s = NULL, *ord_x = NULL;
    size_t kk = (size_t)k * (size_t)k;
    ic_job job;
    mlroi_error err = MLROI_OK;

    if (k > MLROI_IC_MAX_K)
        return MLROI_ERR_LIMIT;
    if (k < 2 || n < 2)
        return MLROI_OK;
    corr = calloc(kk, sizeof *corr);
    q = calloc(kk, sizeof *q);
    p = calloc(kk, sizeof *p);
    qinv = calloc(kk, sizeof *qinv);
    m = calloc(kk, sizeof *m);
    if (corr == NULL || q == NULL || p == NULL || qinv == NULL || m == NULL) {
        err = MLROI_ERR_NOMEM;
        goto cleanup;
    }
    /* The scores are normal, so the target rank correlations become the normal correlations
     * that give them; a semi-definite target (rho = +-1) is factored as it is. */
    for (size_t i = 0; i < kk; i++)
        corr[i] = mlroi_rank_to_normal_correlation(target[i]);
    if (mlroi_min_eigenvalue(corr, k) < -MLROI_PSD_TOLERANCE) {
        err = MLROI_ERR_INVALID;
        goto cleanup;
    }
    err = cholesky_semidefinite(corr, k, p, 1e-10);
    if (err != MLROI_OK)
        goto cleanup;
    if (n <= (size_t)k) {
        err = MLROI_ERR_INVALID;   /* too few samples to carry k correlated columns */
        goto cleanup;
    }

    scores = malloc(n * (size_t)k * sizeof *scores);
    col = malloc(n * sizeof *col);
    ord_s = malloc(n * sizeof *ord_s);
    ord_x = malloc(n * sizeof *ord_x);
    if (scores == NULL || col == NULL || ord_s == NULL || ord_x == NULL) {
        err = MLROI_ERR_NOMEM;
        goto cleanup;
    }
    /* The first column's rank order (ord_s) is its permutation: T's first column is a
     * positive multiple of it (the factors are lower triangular), so it needs no sort later. */
    job = (ic_job){ n, k, key, scores, ord_s, m, NULL, NULL, NULL };
    mlroi_parallel_for(threads, n, 4096, ic_scores, &job);
    /* Their actual correlation E (not exactly the identity) ... */
    for (int a = 0; a < k; a++) {
        for (int b = 0; b <= a; b++) {
            const double *sa = scores + (size_t)a * n, *sb = scores + (size_t)b * n;
            double sab = 0.0, saa = 0.0, sbb = 0.0;
            for (size_t i = 0; i < n; i++) {
                sab += sa[i] * sb[i];
                saa += sa[i] * sa[i];
                sbb += sb[i] * sb[i];
            }
            corr[a * k + b] = corr[b * k + a] = sab / sqrt(saa * sbb);
        }
    }
    err = mlroi_cholesky(corr, k, q);
    if (err != MLROI_OK)
        goto cleanup;
    /* ... is undone and the target put in its place: T = S (P Q^-1)^T. */
    for (int j = 0; j < k; j++) {
        for (int i = 0; i < k; i++) {
            double s = (i == j) ? 1.0 : 0.0;
            for (int t = 0; t < i; t++)
                s -= q[i * k + t] * qinv[t * k + j];
            qinv[i * k + j] = s / q[i * k + i];
        }
    }
    for (int i = 0; i < k; i++)
        for (int j = 0; j < k; j++) {
            double s = 0.0;
            for (int t = 0; t < k; t++)
                s += p[i * k + t] * qinv[t * k + j];
            m[i * k + j] = s;
        }
    mlroi_parallel_for(threads, n, 4096, ic_transform, &job);
    /* Give each column of X the rank order of the matching column of T. */
    for (int j = 0; j < k; j++) {
        double *xj = x + (size_t)j * n;
        const uint32_t *ox = orders ? orders[j] : NULL;
        if (j > 0)
            err = mlroi_argsort(scores + (size_t)j * n, n, ord_s);
        if (err == MLROI_OK && ox == NULL) {
            err = mlroi_argsort(xj, n, ord_x);
            ox = ord_x;
        }
        if (err != MLROI_OK)
            goto cleanup;
        memcpy(col, xj, n * sizeof *col);
        job.x = xj;
        job.col = col;
        job.ox = ox;
        mlroi_parallel_for(threads, n, 4096, ic_reorder, &job);
    }
cleanup:
    free(scores);
    free(col);
    free(ord_s);
    free(ord_x);
    free(corr);
    free(q);
    free(p);
    free(qinv);
    free(m);
    return err;
}
