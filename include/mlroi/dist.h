/* SPDX-License-Identifier: MIT */
/* Seeded random numbers, probability distributions, Latin hypercube strata and rank correlation. */
#ifndef MLROI_DIST_H
#define MLROI_DIST_H

#include <stddef.h>
#include <stdint.h>
#include "mlroi/error.h"

/* --- Counter-based random numbers ---------------------------------------------------------
 * Every random number is a pure function of (key, index): the stream key comes from the seed
 * and a stream number (one per uncertain input), the index is the sample number. So a sample
 * draws the same numbers whichever thread computes it, and runs are reproducible. */

/* Key of stream STREAM under SEED. */
uint64_t mlroi_rng_key(uint64_t seed, uint64_t stream);
/* 64 random bits for INDEX of the stream KEY (SplitMix64 output function). */
uint64_t mlroi_rng_bits(uint64_t key, uint64_t index);
/* A uniform number in the open interval (0, 1), never 0 or 1. */
double mlroi_rng_uniform(uint64_t key, uint64_t index);
/* U[k] = mlroi_rng_uniform(KEY, FIRST + k) for k < COUNT, without a call per number. */
void mlroi_rng_uniform_many(uint64_t key, uint64_t first, size_t count, double *u);

/* A keyed bijection of [0, n), n <= 2^32: Latin hypercube sampling puts sample i in
 * stratum perm(i). It is computed on demand (a small Feistel network with cycle walking), so
 * it needs no memory and any thread can evaluate any index. */
#define MLROI_PERM_ROUNDS 4
typedef struct mlroi_perm {
    uint64_t n;
    unsigned half_bits;
    uint32_t half_mask;
    uint32_t add[MLROI_PERM_ROUNDS], mul[MLROI_PERM_ROUNDS];
} mlroi_perm;

/* 1 <= n <= 2^32. */
void mlroi_perm_init(mlroi_perm *p, uint64_t n, uint64_t key);
/* The image of i (< n). */
uint64_t mlroi_perm_apply(const mlroi_perm *p, uint64_t i);
/* OUT[k] = the image of FIRST + k for k < COUNT (all < n): the same values as
 * mlroi_perm_apply, many times faster over a block. */
void mlroi_perm_apply_many(const mlroi_perm *p, uint64_t first, size_t count, uint32_t *out);

/* --- Standard normal ----------------------------------------------------------------------- */

/* Phi(x). */
double mlroi_normal_cdf(double x);
/* Phi^-1(p) for p in (0,1); -INFINITY / INFINITY at 0 / 1; NAN outside. Relative accuracy
 * about 1e-15 (Wichura's AS 241). */
double mlroi_normal_quantile(double p);

/* --- Distributions ------------------------------------------------------------------------- */

typedef enum mlroi_dist_kind {
    MLROI_DIST_UNIFORM = 0,
    MLROI_DIST_TRIANGULAR,
    MLROI_DIST_PERT,
    MLROI_DIST_NORMAL,
    MLROI_DIST_LOGNORMAL,
    MLROI_DIST_KIND_COUNT
} mlroi_dist_kind;

/* What a scenario gives for one distribution; NAN marks an absent key.
 *   uniform:    min, max
 *   triangular: min, mode, max
 *   pert:       min, mode, max, optional lambda (default 4)
 *   normal:     mean and sd, or p5 and p95; optional min/max truncation
 *   lognormal:  mean and sd, or p5 and p95 (all > 0); optional min/max truncation */
typedef struct mlroi_dist_spec {
    mlroi_dist_kind kind;
    double min, max, mode, mean, sd, p5, p95, lambda;
} mlroi_dist_spec;

/* A ready-to-sample distribution. Plain data once initialised; PERT keeps a table of its
 * cumulative distribution (built by mlroi_dist_table), owned by the struct (mlroi_dist_free). */
typedef struct mlroi_dist {
    mlroi_dist_kind kind;
    double a, b, c;          /* uniform: min, max; triangular/pert: min, mode, max;
                                normal: mean, sd; lognormal: mu, sigma of the logarithm */
    double alpha, beta;      /* PERT's beta shape */
    double lo, hi;           /* support after truncation */
    double u_lo, u_hi;       /* cumulative probability at lo and hi */
    double *cdf_table;       /* PERT: cdf at MLROI_PERT_TABLE + 1 evenly spaced points */
    uint16_t *guide;         /* PERT: where to start looking for u in k / MLROI_PERT_GUIDE */
} mlroi_dist;

/* The guide has many cells per table entry where the density is high, so that a draw's
 * search has mostly nothing left to bisect: 128 KB a PERT input, and a PERT draw takes a
 * third of the time it took with 1,024 cells. Entries fit in 16 bits. */
#define MLROI_PERT_TABLE 4096
#define MLROI_PERT_GUIDE 65536
_Static_assert(MLROI_PERT_TABLE <= 65536, "guide entries are 16 bits");

/* Names as written in a scenario: "uniform", "triangular", "pert", "normal", "lognormal". */
const char *mlroi_dist_kind_name(mlroi_dist_kind k);
/* Kind from its name; -1 when unknown. */
int mlroi_dist_kind_from_name(const char *name);

/* Check SPEC and prepare D for sampling: mlroi_dist_check, then mlroi_dist_table. On failure
 * returns MLROI_ERR_INVALID (bad values) or MLROI_ERR_MISSING (a needed key absent), sets
 * *field to the offending key ("sd", "mode") and writes a sentence into msg.
 * MLROI_ERR_NOMEM when the PERT table cannot be allocated. */
mlroi_error mlroi_dist_init(mlroi_dist *d, const mlroi_dist_spec *spec, const char **field,
                            char *msg, size_t msg_size);
/* mlroi_dist_init without PERT's table: enough to validate SPEC and for mlroi_dist_cdf,
 * mean, sd and mlroi_dist_restrict, not to sample (the table costs about 4,000 incomplete beta
 * evaluations, and a loader that only checks a scenario has no use for it). */
mlroi_error mlroi_dist_check(mlroi_dist *d, const mlroi_dist_spec *spec, const char **field,
                             char *msg, size_t msg_size);
/* Build what sampling D needs (PERT's table; nothing for the other kinds); does nothing when
 * it is built already. MLROI_ERR_NOMEM, with D freed, when memory is short. The quantile
 * functions need it done. */
mlroi_error mlroi_dist_table(mlroi_dist *d);
/* Restrict D further to [lo, hi] (an input's allowed range). MLROI_ERR_INVALID with a message
 * when less than 1e-9 of the probability is left inside. */
mlroi_error mlroi_dist_restrict(mlroi_dist *d, double lo, double hi, char *msg, size_t msg_size);
/* Value at cumulative probability u in (0,1) of the (truncated) distribution. */
double mlroi_dist_quantile(const mlroi_dist *d, double u);
/* X[k] = mlroi_dist_quantile(D, U[k]) for k < COUNT, the same values, faster over a block. */
void mlroi_dist_quantile_many(const mlroi_dist *d, const double *u, double *x, size_t count);
/* Cumulative probability of the untruncated distribution at x. */
double mlroi_dist_cdf(const mlroi_dist *d, double x);
/* Analytical mean and standard deviation of the untruncated distribution. */
double mlroi_dist_mean(const mlroi_dist *d);
double mlroi_dist_sd(const mlroi_dist *d);
/* Release the table; accepts NULL and a zeroed struct. */
void mlroi_dist_free(mlroi_dist *d);

/* --- Sorting and rank correlation ---------------------------------------------------------- */

/* Stable ascending order of n doubles: idx[k] is the index of the k-th smallest. NAN sorts
 * last. Radix sort, O(n); needs n <= UINT32_MAX. Returns MLROI_ERR_NOMEM on failure. */
mlroi_error mlroi_argsort(const double *v, size_t n, uint32_t *idx);
/* Spearman rank correlation of two samples (no ties assumed); NAN when n < 2 or on
 * allocation failure. */
double mlroi_rank_correlation(const double *x, const double *y, size_t n);
/* Cholesky factor of the k x k symmetric matrix A (row-major) into L (lower, row-major).
 * MLROI_ERR_INVALID when A is not positive definite. */
mlroi_error mlroi_cholesky(const double *a, int k, double *l);

#define MLROI_IC_MAX_K 64   /* columns Iman-Conover accepts */
/* How far below zero the least eigenvalue of a correlation matrix may fall (rounding) and
 * still count as positive semi-definite. */
#define MLROI_PSD_TOLERANCE 1e-10

/* The correlation r of two normal variables whose rank (Spearman) correlation is RHO:
 * r = 2 sin(pi rho / 6); +-1 maps to +-1. */
double mlroi_rank_to_normal_correlation(double rho);
/* Least eigenvalue of the symmetric K x K matrix A (row-major, k <= MLROI_IC_MAX_K; NAN
 * beyond). Jacobi rotations. */
double mlroi_min_eigenvalue(const double *a, int k);
/* Whether the rank-correlation matrix TARGET (k x k) can be met: its normal-score matrix
 * (mlroi_rank_to_normal_correlation of each entry) must be positive semi-definite. Sets
 * *LEAST to that matrix's least eigenvalue. MLROI_ERR_INVALID when it is below
 * -MLROI_PSD_TOLERANCE, MLROI_ERR_LIMIT when k > MLROI_IC_MAX_K. */
mlroi_error mlroi_rank_target_check(const double *target, int k, double *least);

/* Iman-Conover: reorder each of the K columns of X (column j is x[j*n .. j*n+n-1]) so that
 * their rank (Spearman) correlation approaches TARGET (k x k, row-major, unit diagonal):
 * each entry is turned into the normal scores' correlation 2 sin(pi rho / 6) first, and
 * rho = +-1 is allowed (the columns then have equal or reversed ranks). The values of a
 * column are only permuted, never changed. KEY seeds the random scores. ORDERS (may be NULL,
 * or hold NULL entries) gives a column's ascending order when the caller knows it already
 * (Latin hypercube strata), which saves a sort. THREADS share the work (the result is the
 * same for any number). Returns
 * MLROI_ERR_INVALID when TARGET is not positive semi-definite (mlroi_rank_target_check) or
 * n <= k, MLROI_ERR_LIMIT when
 * k > MLROI_IC_MAX_K, MLROI_ERR_NOMEM. */
mlroi_error mlroi_iman_conover(double *x, size_t n, int k, const double *target, uint64_t key,
                               const uint32_t *const *orders, int threads);

#endif
