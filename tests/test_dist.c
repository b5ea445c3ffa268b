/* SPDX-License-Identifier: MIT */
/* Unit tests of the random numbers, distributions, strata and Iman-Conover rank correlation. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "mlroi/dist.h"

#define PI 3.14159265358979323846
#define NAN_SPEC(k) { (k), NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN }

/* Sample moments of N plain random draws of D. */
static void sample_moments(const mlroi_dist *d, size_t n, uint64_t key, double *mean, double *sd)
{
    double sum = 0, ss = 0, m;
    for (size_t i = 0; i < n; i++)
        sum += mlroi_dist_quantile(d, mlroi_rng_uniform(key, i));
    m = sum / (double)n;
    for (size_t i = 0; i < n; i++) {
        double x = mlroi_dist_quantile(d, mlroi_rng_uniform(key, i));
        ss += (x - m) * (x - m);
    }
    *mean = m;
    *sd = sqrt(ss / (double)(n - 1));
}

/* D's own mean and sd are MEAN and SD, to assert_close's tolerances MEAN_TOL and SD_TOL. */
static void check_formula_moments(const mlroi_dist *d, double mean, double mean_tol, double sd,
                                  double sd_tol)
{
    assert_close(mlroi_dist_mean(d), mean, mean_tol);
    assert_close(mlroi_dist_sd(d), sd, sd_tol);
}

/* The mean of N draws of D (stream SEED) is within MEAN_TOL of MEAN, and their sd within SD_TOL
 * (relative) of SD. */
static void check_sample_moments(const mlroi_dist *d, size_t n, uint64_t seed, double mean,
                                 double mean_tol, double sd, double sd_tol)
{
    double m, s;
    sample_moments(d, n, mlroi_rng_key(seed, 0), &m, &s);
    assert_true(fabs(m - mean) < mean_tol);
    assert_close(s / sd, 1.0, sd_tol);
}

static void init_ok(mlroi_dist *d, const mlroi_dist_spec *sp)
{
    const char *field = NULL;
    char msg[256];
    mlroi_error err = mlroi_dist_init(d, sp, &field, msg, sizeof msg);
    if (err != MLROI_OK)
        print_error("init failed at %s: %s\n", field, msg);
    assert_int_equal(err, MLROI_OK);
}

/* SplitMix64 written out here, from its definition (state += 0x9e3779b97f4a7c15, then the
 * finaliser's shifts 30, 27, 31 and products), with the 53-bit conversion as a long double
 * product: an expected value that shares no code with dist.c. */
static double splitmix_uniform(uint64_t key, uint64_t index)
{
    uint64_t z = key + (index + 1) * 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return (double)(((long double)(z >> 11) + 0.5L) / 9007199254740992.0L);
}

static void block_uniforms_match_one_by_one(void **state)
{
    /* Keys and first indices, the last two where the state wraps around 2^64 within the block;
     * every count from 0 to 40 (the lanes and the scalar tail), and a long block. */
    static const uint64_t keys[] = { 99, 0, UINT64_MAX, 0x9e3779b97f4a7c15ull };
    static const uint64_t firsts[] = { 12345, 0, UINT64_MAX - 17, 0x61c8864680b583ebull - 5 };
    double u[3000];
    size_t above_half = 0;
    (void)state;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        for (size_t j = 0; j < sizeof firsts / sizeof firsts[0]; j++)
            for (size_t count = 0; count <= 40; count++) {
                u[count] = -1.0;
                mlroi_rng_uniform_many(keys[i], firsts[j], count, u);
                assert_true(u[count] == -1.0);   /* nothing written past COUNT */
                for (size_t k = 0; k < count; k++) {
                    assert_true(u[k] == mlroi_rng_uniform(keys[i], firsts[j] + k));
                    assert_true(u[k] == splitmix_uniform(keys[i], firsts[j] + k));
                }
            }
    mlroi_rng_uniform_many(99, 12345, 3000, u);
    for (size_t k = 0; k < 3000; k++) {
        assert_true(u[k] == splitmix_uniform(99, 12345 + k));
        above_half += u[k] >= 0.5;   /* top 53 bits from 2^52 up: the conversion's high half */
    }
    assert_in_range(above_half, 1350, 1650);
}

static void pert_table_is_built_only_for_sampling(void **state)
{
    mlroi_dist_spec sp = { MLROI_DIST_PERT, 0.5, 0.9, 0.75, NAN, NAN, NAN, NAN, NAN };
    mlroi_dist checked, full;
    const char *field = NULL;
    char msg[256];
    (void)state;
    init_ok(&full, &sp);
    assert_int_equal(mlroi_dist_check(&checked, &sp, &field, msg, sizeof msg), MLROI_OK);
    assert_null(checked.cdf_table);
    /* What validation needs works without it: PERT's mean (min + 4 mode + max) / 6. */
    assert_close(mlroi_dist_mean(&checked), (0.5 + 4 * 0.75 + 0.9) / 6.0, 1e-15);
    assert_int_equal(mlroi_dist_table(&checked), MLROI_OK);
    assert_non_null(checked.cdf_table);
    assert_int_equal(mlroi_dist_table(&checked), MLROI_OK);   /* a second call keeps it */
    for (int k = 1; k < 1000; k++)
        assert_true(mlroi_dist_quantile(&checked, k / 1000.0) ==
                    mlroi_dist_quantile(&full, k / 1000.0));
    mlroi_dist_free(&checked);
    mlroi_dist_free(&full);
}

/* The PERT quantile inverts its table as a search of the whole table would: the last entry
 * at or below u, then a straight line to the next one (the guide only narrows the search).
 * The reference here scans every entry; u takes random values, every table value, its
 * neighbouring doubles and the guide's cell bounds, on shapes with flat tails (a mode near
 * an end, and at it) and a symmetric one. */
static double pert_by_scan(const mlroi_dist *d, double u)
{
    const double *t = d->cdf_table;
    int lo = 0;
    double z;
    for (int k = 0; k < MLROI_PERT_TABLE; k++)
        if (t[k] <= u)
            lo = k;
    z = t[lo + 1] > t[lo] ? (u - t[lo]) / (t[lo + 1] - t[lo]) : 0.5;
    z = ((double)lo + z) / MLROI_PERT_TABLE;
    return d->a + (d->c - d->a) * z;
}

/* PERT's table is built several points at a time (dist.c, beta_cf_group); each entry must be
 * the cumulative probability that mlroi_dist_cdf computes one point at a time, to the bit. On
 * [0, 1] the cdf's argument is k / MLROI_PERT_TABLE exactly. Its guide is filled entry by
 * entry; each cell must be where a walk along the table stops. The shapes cover both sides of
 * the fraction's split, modes at and near the ends, and lambdas from flat to peaked. */
static void pert_table_and_guide_are_those_point_by_point(void **state)
{
    const double shapes[][4] = { { 0, 0.5, 1, NAN }, { 0, 0.02, 1, NAN }, { 0, 0, 1, NAN },
                                 { 0, 1, 1, NAN }, { 0, 0.3, 1, 0.5 }, { 0, 0.7, 1, 40 },
                                 { 0, 0.999, 1, 1000 }, { 0, 0.25, 1, 0 } };
    (void)state;
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        mlroi_dist_spec sp = NAN_SPEC(MLROI_DIST_PERT);
        mlroi_dist d;
        sp.min = shapes[s][0];
        sp.mode = shapes[s][1];
        sp.max = shapes[s][2];
        sp.lambda = shapes[s][3];
        init_ok(&d, &sp);
        assert_true(d.cdf_table[0] == 0.0 && d.cdf_table[MLROI_PERT_TABLE] == 1.0);
        /* The guide: where a walk along the table, one entry at a time, stops for each of
         * its cells' lower bounds u = g / MLROI_PERT_GUIDE (the last entry at most u, short
         * of the table's end). */
        for (size_t g = 0, k = 0; g <= MLROI_PERT_GUIDE; g++) {
            double u = (double)g / MLROI_PERT_GUIDE;
            while (k + 1 <= MLROI_PERT_TABLE && d.cdf_table[k + 1] <= u)
                k++;
            if (d.guide[g] != (k < MLROI_PERT_TABLE ? k : MLROI_PERT_TABLE - 1))
                fail_msg("PERT(%g, %g, %g, lambda %g) guide cell %zu: %u, the walk gives %zu",
                         sp.min, sp.mode, sp.max, sp.lambda, g, (unsigned)d.guide[g], k);
        }
        for (int k = 1; k < MLROI_PERT_TABLE; k++) {
            double want = mlroi_dist_cdf(&d, (double)k / MLROI_PERT_TABLE), got = d.cdf_table[k];
            if (memcmp(&got, &want, sizeof got) != 0)
                fail_msg("PERT(%g, %g, %g, lambda %g) entry %d: %.17g, the cdf gives %.17g",
                         sp.min, sp.mode, sp.max, sp.lambda, k, got, want);
        }
        mlroi_dist_free(&d);
    }
}

static void pert_quantile_is_the_whole_table_search(void **state)
{
    const double shapes[4][3] = { { 0, 0.02, 1 }, { 0, 0, 1 }, { 0.5, 0.75, 0.9 },
                                  { 10, 15, 20 } };
    (void)state;
    for (int s = 0; s < 4; s++) {
        mlroi_dist_spec sp = NAN_SPEC(MLROI_DIST_PERT);
        mlroi_dist d;
        double u[3 * (MLROI_PERT_TABLE + 1) + 2000];
        size_t count = 0;
        sp.min = shapes[s][0];
        sp.mode = shapes[s][1];
        sp.max = shapes[s][2];
        init_ok(&d, &sp);
        for (int k = 0; k <= MLROI_PERT_TABLE; k++) {
            double t = d.cdf_table[k];
            if (t > 0 && t < 1) {
                u[count++] = t;
                u[count++] = nextafter(t, 0);
                u[count++] = nextafter(t, 1);
            }
        }
        for (int k = 1; k < 1000; k++) {
            u[count++] = mlroi_rng_uniform(mlroi_rng_key(5, (uint64_t)s), (uint64_t)k);
            u[count++] = (double)(k * 61) / MLROI_PERT_GUIDE;   /* a guide cell's bound */
        }
        for (size_t i = 0; i < count; i++) {
            double got = mlroi_dist_quantile(&d, u[i]), want = pert_by_scan(&d, u[i]);
            if (memcmp(&got, &want, sizeof got) != 0)
                fail_msg("PERT(%g, %g, %g) at u = %.17g: %.17g, the scan gives %.17g",
                         sp.min, sp.mode, sp.max, u[i], got, want);
        }
        mlroi_dist_free(&d);
    }
}

static void normal_quantile_matches_published_table_values(void **state)
{
    (void)state;
    /* Standard normal table: z(0.975) = 1.959963984540054, z(0.95) = 1.6448536269514722,
     * z(0.841344746) = 1 (Phi(1) = 0.8413447460685429). */
    assert_close(mlroi_normal_quantile(0.975), 1.959963984540054, 1e-14);
    assert_close(mlroi_normal_quantile(0.95), 1.6448536269514722, 1e-14);
    assert_close(mlroi_normal_quantile(0.8413447460685429), 1.0, 1e-13);
    assert_close(mlroi_normal_quantile(0.5), 0.0, 1e-300);
    assert_close(mlroi_normal_quantile(0.025), -1.959963984540054, 1e-14);
    assert_true(isinf(mlroi_normal_quantile(0.0)) && mlroi_normal_quantile(0.0) < 0);
    assert_nan(mlroi_normal_quantile(1.5));
}

static void normal_quantile_inverts_the_libm_cdf_in_the_tails(void **state)
{
    (void)state;
    /* Phi from erfc (libm) is the independent reference. */
    static const double ps[] = { 1e-300, 1e-20, 1e-9, 0.001, 0.02, 0.3, 0.7, 0.98, 0.999999 };
    for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++) {
        double x = mlroi_normal_quantile(ps[i]);
        double back = 0.5 * erfc(-x / sqrt(2.0));
        assert_close(back / ps[i], 1.0, 1e-12);
    }
}

static void uniforms_are_open_interval_and_centred(void **state)
{
    uint64_t key = mlroi_rng_key(42, 0);
    double sum = 0;
    const size_t n = 1000000;
    (void)state;
    for (size_t i = 0; i < n; i++) {
        double u = mlroi_rng_uniform(key, i);
        assert_true(u > 0.0 && u < 1.0);
        sum += u;
    }
    /* The mean of n uniforms has sd 1/sqrt(12 n) = 0.000289: allow 5 of them. */
    assert_close(sum / (double)n, 0.5, 0.0015);
    /* A different seed or stream gives a different number. */
    assert_true(mlroi_rng_uniform(mlroi_rng_key(42, 0), 7) != mlroi_rng_uniform(mlroi_rng_key(43, 0), 7));
    assert_true(mlroi_rng_uniform(mlroi_rng_key(42, 0), 7) != mlroi_rng_uniform(mlroi_rng_key(42, 1), 7));
}

static void strata_permutation_is_a_bijection(void **state)
{
    static const uint64_t sizes[] = { 1, 2, 3, 7, 1000, 1024, 1025, 65537 };
    (void)state;
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        uint64_t n = sizes[s];
        unsigned char *seen = calloc(n, 1);
        mlroi_perm p;
        assert_non_null(seen);
        mlroi_perm_init(&p, n, 12345 + s);
        for (uint64_t i = 0; i < n; i++) {
            uint64_t y = mlroi_perm_apply(&p, i);
            assert_true(y < n);
            assert_int_equal(seen[y], 0);
            seen[y] = 1;
        }
        free(seen);
    }
}

/* The block form gives the one-by-one values, whatever the block's start and length. */
static void block_permutation_matches_one_by_one(void **state)
{
    static const uint64_t sizes[] = { 1, 2, 3, 7, 8, 9, 1000, 1025, 65537, 1000000 };
    static const size_t blocks[] = { 1, 7, 8, 37, 256, 1000 };
    uint32_t out[1000];
    (void)state;
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        uint64_t n = sizes[s];
        mlroi_perm p;
        mlroi_perm_init(&p, n, 777 + s);
        for (size_t b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
            /* Every index of small n; for large n, the start, a middle stretch and the end. */
            uint64_t stops[3][2] = { { 0, n < 5000 ? n : 3000 },
                                     { n / 2, n / 2 + (n < 5000 ? 0 : 3000) },
                                     { n > 3000 ? n - 3000 : n, n } };
            for (int r = 0; r < 3; r++) {
                for (uint64_t i = stops[r][0]; i < stops[r][1]; i += blocks[b]) {
                    size_t len = stops[r][1] - i < blocks[b] ? (size_t)(stops[r][1] - i)
                                                              : blocks[b];
                    mlroi_perm_apply_many(&p, i, len, out);
                    for (size_t k = 0; k < len; k++)
                        assert_int_equal(out[k], mlroi_perm_apply(&p, i + k));
                }
            }
        }
    }
}

/* The network as dist.h describes it, written out one word at a time: four rounds of
 * the multiply-shift hash, alternately into the left and the right half, walked again
 * while the result is not below N. */
static uint32_t network_walk(const mlroi_perm *p, uint32_t x)
{
    const unsigned hb = p->half_bits, shift = 32 - hb;
    do {
        uint32_t left = x >> hb, right = x & p->half_mask;
        for (int r = 0; r < MLROI_PERM_ROUNDS; r++) {
            if (r % 2 == 0)
                left ^= ((right + p->add[r]) * p->mul[r]) >> shift;
            else
                right ^= ((left + p->add[r]) * p->mul[r]) >> shift;
        }
        x = (left << hb) | right;
    } while (x >= p->n);
    return x;
}

/* Both forms against the network written out, for sizes whose network is wider than n (a
 * million: about one index in twenty walks again) and exactly as wide (2^32), at the start
 * and the end of the range, in blocks that end inside a group of eight. */
static void permutation_matches_the_network_written_out(void **state)
{
    static const uint64_t sizes[] = { 2, 3, 9, 1000, 1000000, 1ull << 32 };
    uint32_t out[203];
    (void)state;
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        uint64_t n = sizes[s];
        mlroi_perm p;
        mlroi_perm_init(&p, n, 4242 + s);
        for (int end = 0; end < 2; end++) {
            size_t len = n < 203 ? (size_t)n : 203;
            uint64_t first = end ? n - len : 0;
            mlroi_perm_apply_many(&p, first, len, out);
            for (size_t k = 0; k < len; k++) {
                uint32_t want = network_walk(&p, (uint32_t)(first + k));
                assert_int_equal(out[k], want);
                assert_int_equal(mlroi_perm_apply(&p, first + k), want);
            }
        }
    }
}

/* Pearson correlation of two sequences of N numbers. */
static double correlation_u32(const uint32_t *x, const uint32_t *y, size_t n)
{
    double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        mx += x[i];
        my += y[i];
    }
    mx /= (double)n;
    my /= (double)n;
    for (size_t i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / sqrt(sxx * syy);
}

/* Latin hypercube needs the inputs' strata to be unrelated: two keys' permutations, a
 * permutation and the sample order, and neighbouring samples must show no rank correlation
 * beyond chance. For independent orders the correlation has sd 1 / sqrt(n - 1) = 0.0032 at
 * n = 100,000; the bound is six times that. */
static void strata_of_different_keys_are_unrelated(void **state)
{
    const size_t n = 100000;
    const double bound = 6.0 / sqrt((double)(n - 1));
    uint32_t *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *id = malloc(n * sizeof *id);
    mlroi_perm pa, pb;
    (void)state;
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(id);
    for (uint64_t seed = 1; seed <= 5; seed++) {
        mlroi_perm_init(&pa, n, mlroi_rng_key(seed, 100));
        mlroi_perm_init(&pb, n, mlroi_rng_key(seed, 101));
        mlroi_perm_apply_many(&pa, 0, n, a);
        mlroi_perm_apply_many(&pb, 0, n, b);
        for (size_t i = 0; i < n; i++)
            id[i] = (uint32_t)i;
        assert_true(fabs(correlation_u32(a, b, n)) < bound);
        assert_true(fabs(correlation_u32(a, id, n)) < bound);
        assert_true(fabs(correlation_u32(a, a + 1, n - 1)) < bound);
        assert_true(fabs(correlation_u32(b, b + 1, n - 1)) < bound);
    }
    free(a);
    free(b);
    free(id);
}

/* The block quantile gives the one-by-one values, bit for bit, for every kind (truncated or
 * not), down to the extreme uniforms. */
static void block_quantiles_match_one_by_one(void **state)
{
    mlroi_dist_spec specs[9];
    double u[1000], x[1000];
    (void)state;
    for (int k = 0; k < 9; k++)
        specs[k] = (mlroi_dist_spec)NAN_SPEC(MLROI_DIST_UNIFORM);
    specs[0].min = 2; specs[0].max = 6;
    specs[1].kind = MLROI_DIST_TRIANGULAR;
    specs[1].min = 40000; specs[1].mode = 75000; specs[1].max = 150000;
    specs[2].kind = MLROI_DIST_PERT;
    specs[2].min = 0.5; specs[2].mode = 0.75; specs[2].max = 0.9;
    specs[3].kind = MLROI_DIST_NORMAL;
    specs[3].mean = 90000; specs[3].sd = 8000;
    specs[4].kind = MLROI_DIST_NORMAL;
    specs[4].mean = 0; specs[4].sd = 1; specs[4].min = -0.5; specs[4].max = 2;
    specs[5].kind = MLROI_DIST_LOGNORMAL;
    specs[5].p5 = 3; specs[5].p95 = 10;
    specs[6].kind = MLROI_DIST_LOGNORMAL;
    specs[6].p5 = 3; specs[6].p95 = 10; specs[6].max = 8;
    /* triangles with the mode at an end: one side of the mode is empty */
    specs[7].kind = MLROI_DIST_TRIANGULAR;
    specs[7].min = 1; specs[7].mode = 1; specs[7].max = 5;
    specs[8].kind = MLROI_DIST_TRIANGULAR;
    specs[8].min = 1; specs[8].mode = 5; specs[8].max = 5;
    for (size_t i = 0; i < 1000; i++)
        u[i] = mlroi_rng_uniform(mlroi_rng_key(11, 0), i);
    u[0] = 0x1p-54;
    u[1] = 1.0 - 0x1p-53;
    u[2] = 0.5;
    u[3] = (75000.0 - 40000.0) / (150000.0 - 40000.0);   /* the first triangle's mode */
    for (int k = 0; k < 9; k++) {
        mlroi_dist d;
        init_ok(&d, &specs[k]);
        /* whole blocks, a remainder after them, fewer than a block */
        static const size_t counts[] = { 1000, 997, 7 };
        for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
            mlroi_dist_quantile_many(&d, u, x, counts[c]);
            for (size_t i = 0; i < counts[c]; i++) {
                double one = mlroi_dist_quantile(&d, u[i]);
                assert_memory_equal(&x[i], &one, sizeof one);
            }
        }
        mlroi_dist_free(&d);
    }
}

static void uniform_moments_match_formulas(void **state)
{
    mlroi_dist_spec sp = NAN_SPEC(MLROI_DIST_UNIFORM);
    mlroi_dist d;
    double mean, sd;
    (void)state;
    sp.min = 2;
    sp.max = 6;
    init_ok(&d, &sp);
    /* mean (2+6)/2 = 4, sd 4/sqrt(12) = 1.1547005. */
    check_formula_moments(&d, 4.0, 1e-15, 4.0 / sqrt(12.0), 1e-15);
    sample_moments(&d, 200000, mlroi_rng_key(1, 0), &mean, &sd);
    assert_close(mean, 4.0, 5 * 1.1547 / sqrt(200000.0) / 4.0);
    assert_close(sd / 1.1547005383792515, 1.0, 0.01);
    mlroi_dist_free(&d);
}

static void triangular_sample_moments_match_formulas(void **state)
{
    mlroi_dist_spec sp = NAN_SPEC(MLROI_DIST_TRIANGULAR);
    mlroi_dist d;
    (void)state;
    sp.min = 40000;
    sp.mode = 75000;
    sp.max = 150000;
    init_ok(&d, &sp);
    /* mean = (40000 + 75000 + 150000) / 3 = 88333.33;
     * var = (a^2 + m^2 + c^2 - am - ac - mc) / 18
     *     = (1.6e9 + 5.625e9 + 22.5e9 - 3e9 - 6e9 - 11.25e9) / 18 = 526,388,888.9,
     * sd = 22,943.17. */
    check_formula_moments(&d, 88333.333333333333, 1e-12, 22943.16649656034, 1e-9);
    /* Standard error of the mean: 22943 / sqrt(200000) = 51; allow 5 of them. */
    check_sample_moments(&d, 200000, 2, 88333.333, 5 * 51.3, 22943.16649656034, 0.01);
    /* Its cdf at the mode is (m - a) / (c - a) = 35000 / 110000. */
    assert_close(mlroi_dist_cdf(&d, 75000), 35000.0 / 110000.0, 1e-15);
    mlroi_dist_free(&d);
}

static void pert_sample_moments_match_formulas(void **state)
{
    mlroi_dist_spec sp = NAN_SPEC(MLROI_DIST_PERT);
    mlroi_dist d;
    (void)state;
    sp.min = 0.5;
    sp.mode = 0.75;
    sp.max = 0.9;
    init_ok(&d, &sp);
    /* PERT with lambda 4: mean = (a + 4m + c) / 6 = (0.5 + 3 + 0.9) / 6 = 0.733333;
     * var = (mean - a)(c - mean) / 7 = 0.233333 * 0.166667 / 7 = 0.00555556, sd = 0.0745356. */
    check_formula_moments(&d, 4.4 / 6.0, 1e-14,
                          sqrt((4.4 / 6 - 0.5) * (0.9 - 4.4 / 6) / 7.0), 1e-12);
    check_sample_moments(&d, 200000, 3, 4.4 / 6.0, 5 * 0.0745356 / sqrt(200000.0),
                         0.07453559924999299, 0.01);
    /* The tabulated inverse agrees with the incomplete beta it was built from. */
    for (int k = 1; k < 100; k++) {
        double u = k / 100.0;
        assert_close(mlroi_dist_cdf(&d, mlroi_dist_quantile(&d, u)), u, 1e-6);
    }
    mlroi_dist_free(&d);
}

static void lognormal_from_interval_matches_formulas(void **state)
{
    mlroi_dist_spec sp = NAN_SPEC(MLROI_DIST_LOGNORMAL);
    mlroi_dist d;
    (void)state;
    sp.p5 = 3;
    sp.p95 = 10;
    init_ok(&d, &sp);
    /* mu = (ln 3 + ln 10) / 2 = 1.7005987, sigma = (ln 10 - ln 3) / (2 * 1.6448536) = 0.3659817;
     * mean = exp(mu + sigma^2 / 2) = 5.8566046,
     * sd = sqrt((exp(sigma^2) - 1) exp(2 mu + sigma^2)) = 2.2172275. */
    assert_close(mlroi_dist_quantile(&d, 0.05), 3.0, 1e-12);
    assert_close(mlroi_dist_quantile(&d, 0.95), 10.0, 1e-12);
    check_formula_moments(&d, 5.856604565660669, 1e-12, 2.217227530951255, 1e-12);
    check_sample_moments(&d, 400000, 4, 5.856604565660669, 5 * 2.2172 / sqrt(400000.0),
                         2.217227530951255, 0.02);
    mlroi_dist_free(&d);
}

static void lognormal_from_mean_and_sd_reproduces_them(void **state)
{
    mlroi_dist_spec sp = NAN_SPEC(MLROI_DIST_LOGNORMAL);
    mlroi_dist d;
    (void)state;
    sp.mean = 100;
    sp.sd = 30;
    init_ok(&d, &sp);
    check_formula_moments(&d, 100.0, 1e-12, 30.0, 1e-12);
    check_sample_moments(&d, 400000, 5, 100.0, 5 * 30 / sqrt(400000.0), 30.0, 0.02);
    mlroi_dist_free(&d);
}

static void truncated_normal_has_the_half_normal_mean(void **state)
{
    mlroi_dist_spec sp = NAN_SPEC(MLROI_DIST_NORMAL);
    mlroi_dist d;
    (void)state;
    sp.mean = 0;
    sp.sd = 1;
    sp.min = 0;
    init_ok(&d, &sp);
    /* A standard normal cut at 0 is the half-normal: mean sqrt(2/pi) = 0.7978846,
     * sd sqrt(1 - 2/pi) = 0.6028103. */
    check_sample_moments(&d, 400000, 6, sqrt(2.0 / PI), 5 * 0.6028 / sqrt(400000.0),
                         sqrt(1.0 - 2.0 / PI), 0.01);
    for (size_t i = 0; i < 1000; i++)
        assert_true(mlroi_dist_quantile(&d, mlroi_rng_uniform(7, i)) >= 0.0);
    /* Restricting to an input's range keeps samples inside it. */
    assert_int_equal(mlroi_dist_restrict(&d, 0.0, 0.5, (char[128]){ 0 }, 128), MLROI_OK);
    for (size_t i = 0; i < 1000; i++) {
        double x = mlroi_dist_quantile(&d, mlroi_rng_uniform(8, i));
        assert_true(x >= 0.0 && x <= 0.5);
    }
    mlroi_dist_free(&d);
}

typedef struct bad_spec {
    mlroi_dist_spec spec;
    const char *field;
    mlroi_error err;
} bad_spec;

static void invalid_parameters_are_errors_naming_the_key(void **state)
{
    const double N = NAN;
    /* kind, min, max, mode, mean, sd, p5, p95, lambda */
    const bad_spec cases[] = {
        { { MLROI_DIST_TRIANGULAR, 1, 3, 4, N, N, N, N, N }, "mode", MLROI_ERR_INVALID },
        { { MLROI_DIST_PERT, 1, 3, 0, N, N, N, N, N }, "mode", MLROI_ERR_INVALID },
        { { MLROI_DIST_PERT, 1, 3, N, N, N, N, N, N }, "mode", MLROI_ERR_MISSING },
        { { MLROI_DIST_PERT, 1, 3, 2, N, N, N, N, -1 }, "lambda", MLROI_ERR_INVALID },
        { { MLROI_DIST_UNIFORM, 5, 5, N, N, N, N, N, N }, "max", MLROI_ERR_INVALID },
        { { MLROI_DIST_UNIFORM, 5, 1, N, N, N, N, N, N }, "max", MLROI_ERR_INVALID },
        { { MLROI_DIST_UNIFORM, N, 1, N, N, N, N, N, N }, "min", MLROI_ERR_MISSING },
        { { MLROI_DIST_UNIFORM, 0, 1, 0.5, N, N, N, N, N }, "mode", MLROI_ERR_INVALID },
        { { MLROI_DIST_TRIANGULAR, 0, 1, 0.5, N, N, N, N, 4 }, "lambda", MLROI_ERR_INVALID },
        { { MLROI_DIST_NORMAL, N, N, N, 10, 0, N, N, N }, "sd", MLROI_ERR_INVALID },
        { { MLROI_DIST_NORMAL, N, N, N, 10, -2, N, N, N }, "sd", MLROI_ERR_INVALID },
        { { MLROI_DIST_NORMAL, N, N, N, 10, N, N, N, N }, "sd", MLROI_ERR_MISSING },
        { { MLROI_DIST_NORMAL, N, N, N, 10, 1, 5, N, N }, "p5", MLROI_ERR_INVALID },
        { { MLROI_DIST_NORMAL, N, N, N, N, N, 5, 5, N }, "p95", MLROI_ERR_INVALID },
        { { MLROI_DIST_NORMAL, N, N, N, N, N, 5, N, N }, "p95", MLROI_ERR_MISSING },
        { { MLROI_DIST_NORMAL, 3, 2, N, 10, 1, N, N, N }, "max", MLROI_ERR_INVALID },
        { { MLROI_DIST_LOGNORMAL, N, N, N, N, N, 0, 10, N }, "p5", MLROI_ERR_INVALID },
        { { MLROI_DIST_LOGNORMAL, N, N, N, N, N, -3, 10, N }, "p5", MLROI_ERR_INVALID },
        { { MLROI_DIST_LOGNORMAL, N, N, N, -5, 1, N, N, N }, "mean", MLROI_ERR_INVALID },
        { { MLROI_DIST_LOGNORMAL, N, N, N, 0, 1, N, N, N }, "mean", MLROI_ERR_INVALID },
        { { MLROI_DIST_LOGNORMAL, -1, N, N, 5, 1, N, N, N }, "min", MLROI_ERR_INVALID },
        { { MLROI_DIST_NORMAL, N, 1e-300, N, 1e6, 1, N, N, N }, "max", MLROI_ERR_INVALID },
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mlroi_dist d;
        const char *field = NULL;
        char msg[256] = "";
        mlroi_error err = mlroi_dist_init(&d, &cases[i].spec, &field, msg, sizeof msg);
        if (err != cases[i].err || strcmp(field, cases[i].field) != 0)
            print_error("case %zu: err %d field '%s' msg '%s'\n", i, (int)err, field, msg);
        assert_int_equal(err, cases[i].err);
        assert_string_equal(field, cases[i].field);
        assert_true(strlen(msg) > 10);
        mlroi_dist_free(&d);
    }
}

static void argsort_is_stable_and_puts_nan_last(void **state)
{
    const double v[] = { 3.0, -1.0, NAN, 3.0, -0.5, 1e300, -1e300, 0.0 };
    const uint32_t want[] = { 6, 1, 4, 7, 0, 3, 5, 2 };
    uint32_t idx[8];
    (void)state;
    assert_int_equal(mlroi_argsort(v, 8, idx), MLROI_OK);
    for (int i = 0; i < 8; i++)
        assert_int_equal(idx[i], want[i]);
}

typedef struct ref_item {
    double v;
    uint32_t i;
} ref_item;

/* The order mlroi_argsort promises, written independently: NAN last, then by value, -0 before
 * +0, and equal values in index order. */
static int ref_compare(const void *pa, const void *pb)
{
    const ref_item *a = pa, *b = pb;
    if (isnan(a->v) != isnan(b->v))
        return isnan(a->v) ? 1 : -1;
    if (!isnan(a->v)) {
        if (a->v != b->v)
            return a->v < b->v ? -1 : 1;
        if (signbit(a->v) != signbit(b->v))
            return signbit(a->v) ? -1 : 1;
    }
    return (a->i > b->i) - (a->i < b->i);
}

/* Large inputs of every shape, sorted by buckets or by radix (heavy tails, ties, infinities
 * and constant columns make the bucket sort decline), against qsort. */
static void argsort_matches_a_reference_sort(void **state)
{
    const size_t n = 50000;
    double *v = malloc(n * sizeof *v);
    ref_item *ref = malloc(n * sizeof *ref);
    uint32_t *idx = malloc(n * sizeof *idx);
    (void)state;
    assert_non_null(v);
    assert_non_null(ref);
    assert_non_null(idx);
    for (int shape = 0; shape < 9; shape++) {
        for (size_t i = 0; i < n; i++) {
            double u = mlroi_rng_uniform(mlroi_rng_key(21, (uint64_t)shape), i);
            switch (shape) {
            case 0: v[i] = mlroi_normal_quantile(u); break;            /* buckets */
            case 1: v[i] = floor(u * 20000.0); break;                  /* few ties each */
            case 2: v[i] = floor(u * 100.0) / 100.0; break;            /* long runs of ties */
            case 3: v[i] = i % 97 == 0 ? NAN : i % 3 == 0 ? -0.0 : i % 3 == 1 ? 0.0 : u - 0.5;
                break;
            case 4: v[i] = exp(10.0 * mlroi_normal_quantile(u)); break;   /* heavy tail */
            case 5: v[i] = i % 1000 == 0 ? (i % 2000 ? INFINITY : -INFINITY) : u; break;
            case 6: v[i] = 42.0; break;
            case 7: v[i] = i % 5 == 0 ? NAN : -1e300 * u; break;
            default:   /* a few signed zeros among spread values: buckets */
                v[i] = i % 1000 == 0 ? -0.0 : i % 1000 == 1 ? 0.0 : i % 101 == 0 ? NAN : u - 0.5;
                break;
            }
            ref[i] = (ref_item){ v[i], (uint32_t)i };
        }
        qsort(ref, n, sizeof *ref, ref_compare);
        assert_int_equal(mlroi_argsort(v, n, idx), MLROI_OK);
        for (size_t k = 0; k < n; k++)
            if (idx[k] != ref[k].i) {
                print_error("shape %d: position %zu holds %u, expected %u\n", shape, k,
                            idx[k], ref[k].i);
                fail();
            }
    }
    free(v);
    free(ref);
    free(idx);
}

static void iman_conover_reaches_the_declared_rank_correlation(void **state)
{
    const size_t n = 20000;
    const double target[4] = { 1.0, 0.6, 0.6, 1.0 };
    double *x = malloc(2 * n * sizeof *x), *sorted_before = malloc(n * sizeof *x);
    double *again = malloc(2 * n * sizeof *again);
    uint32_t *idx = malloc(n * sizeof *idx);
    (void)state;
    assert_non_null(x);
    assert_non_null(again);
    assert_non_null(sorted_before);
    assert_non_null(idx);
    /* Two independent columns: a uniform and an exponential. */
    for (size_t i = 0; i < n; i++) {
        x[i] = mlroi_rng_uniform(mlroi_rng_key(9, 0), i);
        x[n + i] = -log(mlroi_rng_uniform(mlroi_rng_key(9, 1), i));
    }
    assert_true(fabs(mlroi_rank_correlation(x, x + n, n)) < 0.05);
    assert_int_equal(mlroi_argsort(x + n, n, idx), MLROI_OK);
    for (size_t i = 0; i < n; i++)
        sorted_before[i] = x[n + idx[i]];
    memcpy(again, x, 2 * n * sizeof *x);
    assert_int_equal(mlroi_iman_conover(x, n, 2, target, 77, NULL, 1), MLROI_OK);
    /* Any number of threads gives the same columns, bit for bit. */
    assert_int_equal(mlroi_iman_conover(again, n, 2, target, 77, NULL, 3), MLROI_OK);
    assert_memory_equal(x, again, 2 * n * sizeof *x);
    /* Spearman's rho within 0.02 of 0.6 ... */
    assert_close(mlroi_rank_correlation(x, x + n, n), 0.6, 0.02);
    /* ... and the marginal is untouched: the same values, only reordered. */
    assert_int_equal(mlroi_argsort(x + n, n, idx), MLROI_OK);
    for (size_t i = 0; i < n; i++)
        assert_true(x[n + idx[i]] == sorted_before[i]);
    free(x);
    free(again);
    free(sorted_before);
    free(idx);
}

static void iman_conover_meets_spearman_targets_including_one_at_a_million(void **state)
{
    /* Spearman's rho of the reordered columns is the rho asked for: within 0.005 at 10^6
     * samples for each target, -1 and 1 included (then the ranks are equal or reversed, so
     * the rank correlation is exactly +-1). The columns are U(0,1) and a lognormal-like
     * exp(U): rank correlation does not care about the marginals. Without the conversion
     * 2 sin(pi rho / 6), rho = 0.5 would come out as (6 / pi) asin(0.25) = 0.4826. */
    static const double targets[] = { -0.9, -0.5, 0.3, 0.5, 0.9, 1.0, -1.0 };
    const size_t n = 1000000;
    double *x = malloc(2 * n * sizeof *x);
    (void)state;
    assert_non_null(x);
    for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
        const double target[4] = { 1.0, targets[t], targets[t], 1.0 };
        double got;
        for (size_t i = 0; i < n; i++) {
            x[i] = mlroi_rng_uniform(mlroi_rng_key(11, 0), i);
            x[n + i] = exp(mlroi_rng_uniform(mlroi_rng_key(11, 1), i));
        }
        assert_int_equal(mlroi_iman_conover(x, n, 2, target, 5 + t, NULL, 2), MLROI_OK);
        got = mlroi_rank_correlation(x, x + n, n);
        if (fabs(got - targets[t]) > 0.005)
            print_error("target %g: Spearman %.5f\n", targets[t], got);
        assert_true(fabs(got - targets[t]) <= 0.005);
        if (fabs(targets[t]) == 1.0)
            assert_close(got, targets[t], 1e-12);
    }
    free(x);
}

static void rank_to_normal_correlation_inverts_pearsons_relation(void **state)
{
    /* Spearman of a bivariate normal with correlation r is (6 / pi) asin(r / 2). */
    (void)state;
    for (double rho = -1.0; rho <= 1.0; rho += 0.125) {
        double r = mlroi_rank_to_normal_correlation(rho);
        assert_close(6.0 / 3.14159265358979323846 * asin(r / 2.0), rho, 1e-14);
    }
    assert_true(mlroi_rank_to_normal_correlation(1.0) == 1.0);
    assert_true(mlroi_rank_to_normal_correlation(-1.0) == -1.0);
}

static void least_eigenvalue_matches_the_closed_form(void **state)
{
    /* [[1, a, -a], [a, 1, a], [-a, a, 1]]: eigenvalues 1 + a (twice) and 1 - 2a; for
     * a = 0.9, -0.8. A 2 x 2 [[1, r], [r, 1]] has 1 - |r|. */
    const double m[9] = { 1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1 };
    const double two[4] = { 1, -0.3, -0.3, 1 };
    const double one[4] = { 1, 1, 1, 1 };
    double least = 0;
    (void)state;
    assert_close(mlroi_min_eigenvalue(m, 3), -0.8, 1e-12);
    assert_close(mlroi_min_eigenvalue(two, 2), 0.7, 1e-12);
    assert_int_equal(mlroi_rank_target_check(one, 2, &least), MLROI_OK);
    assert_close(least, 0.0, 1e-12);
    assert_int_equal(mlroi_rank_target_check(m, 3, &least), MLROI_ERR_INVALID);
    assert_true(least < -0.5);
}

static void contradictory_correlations_are_not_positive_definite(void **state)
{
    /* a~b 0.9, b~c 0.9, but a~c -0.9: no such three variables exist. */
    const double m[9] = { 1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1 };
    double l[9], x[300];
    (void)state;
    assert_int_equal(mlroi_cholesky(m, 3, l), MLROI_ERR_INVALID);
    for (int i = 0; i < 300; i++)
        x[i] = i;
    assert_int_equal(mlroi_iman_conover(x, 100, 3, m, 1, NULL, 1), MLROI_ERR_INVALID);
}

static void cholesky_factor_multiplies_back(void **state)
{
    const double m[9] = { 1, 0.5, 0.2, 0.5, 1, 0.3, 0.2, 0.3, 1 };
    double l[9];
    (void)state;
    assert_int_equal(mlroi_cholesky(m, 3, l), MLROI_OK);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            double s = 0;
            for (int k = 0; k < 3; k++)
                s += l[i * 3 + k] * l[j * 3 + k];
            assert_close(s, m[i * 3 + j], 1e-15);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(normal_quantile_matches_published_table_values),
        cmocka_unit_test(normal_quantile_inverts_the_libm_cdf_in_the_tails),
        cmocka_unit_test(uniforms_are_open_interval_and_centred),
        cmocka_unit_test(strata_permutation_is_a_bijection),
        cmocka_unit_test(pert_table_and_guide_are_those_point_by_point),
        cmocka_unit_test(block_permutation_matches_one_by_one),
        cmocka_unit_test(permutation_matches_the_network_written_out),
        cmocka_unit_test(strata_of_different_keys_are_unrelated),
        cmocka_unit_test(block_quantiles_match_one_by_one),
        cmocka_unit_test(block_uniforms_match_one_by_one),
        cmocka_unit_test(pert_table_is_built_only_for_sampling),
        cmocka_unit_test(uniform_moments_match_formulas),
        cmocka_unit_test(triangular_sample_moments_match_formulas),
        cmocka_unit_test(pert_sample_moments_match_formulas),
        cmocka_unit_test(pert_quantile_is_the_whole_table_search),
        cmocka_unit_test(lognormal_from_interval_matches_formulas),
        cmocka_unit_test(lognormal_from_mean_and_sd_reproduces_them),
        cmocka_unit_test(truncated_normal_has_the_half_normal_mean),
        cmocka_unit_test(invalid_parameters_are_errors_naming_the_key),
        cmocka_unit_test(argsort_is_stable_and_puts_nan_last),
        cmocka_unit_test(argsort_matches_a_reference_sort),
        cmocka_unit_test(iman_conover_reaches_the_declared_rank_correlation),
        cmocka_unit_test(iman_conover_meets_spearman_targets_including_one_at_a_million),
        cmocka_unit_test(rank_to_normal_correlation_inverts_pearsons_relation),
        cmocka_unit_test(least_eigenvalue_matches_the_closed_form),
        cmocka_unit_test(contradictory_correlations_are_not_positive_definite),
        cmocka_unit_test(cholesky_factor_multiplies_back),
    };
    return cmocka_run_group_tests_name("dist", tests, NULL, NULL);
}
