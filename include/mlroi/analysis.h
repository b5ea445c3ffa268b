/* SPDX-License-Identifier: MIT */
/* What-if analysis: metric lookup, sweeps, grids, tornado, break-even and Monte Carlo. */
#ifndef MLROI_ANALYSIS_H
#define MLROI_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "mlroi/benchmarks.h"
#include "mlroi/dist.h"
#include "mlroi/engine.h"
#include "mlroi/error.h"
#include "mlroi/scenario.h"

/* Limits: beyond them the functions refuse with MLROI_ERR_LIMIT rather than exhaust memory. */
#define MLROI_SWEEP_MAX_POINTS 100000u      /* values in one sweep */
#define MLROI_GRID_MAX_POINTS 10000u        /* values on one grid axis */
#define MLROI_GRID_MAX_CELLS 4000000u       /* x points * y points (32 MB of results) */
#define MLROI_MC_MAX_SAMPLES 5000000u       /* about 40 bytes per sample, 200 MB at most */
#define MLROI_MC_MAX_INPUTS 64u             /* uncertain inputs */
#define MLROI_MC_MAX_BINS 1000u
#define MLROI_MAX_THREADS 256
#define MLROI_TORNADO_MAX_PARAMS 2600u   /* every param and two per line of 1,000 */

/* ------------------------------------------------------------------------------------------
 * Metrics: one name space shared by sweeps, tornado, grid, break-even, compare and gates.
 * ------------------------------------------------------------------------------------------ */

typedef enum mlroi_metric_id {
    MLROI_M_NPV = 0,                 /* business case, risk-adjusted */
    MLROI_M_ROI_PERCENT,             /* PV ROI of the business case */
    MLROI_M_PAYBACK_MONTHS,
    MLROI_M_DISCOUNTED_PAYBACK_MONTHS,
    MLROI_M_IRR,
    MLROI_M_PV_BENEFITS,
    MLROI_M_PV_COSTS,
    MLROI_M_COST_3Y,                 /* business-case costs of years 0..3, undiscounted */
    MLROI_M_UNADJUSTED_NPV,
    MLROI_M_UNADJUSTED_ROI_PERCENT,
    MLROI_M_QUICK_ROI_PERCENT,       /* 12-month quick estimate */
    MLROI_M_NET_BENEFIT,
    MLROI_M_TOTAL_BENEFITS,
    MLROI_M_TCO_TOTAL,
    MLROI_M_TCO_RECURRING,
    MLROI_M_MONTHLY_CLOUD,
    MLROI_M_TEAM_COST,
    MLROI_M_TEAM_HEADCOUNT,
    MLROI_M_MATURITY_SCORE,
    MLROI_M_MATURITY_LEVEL,
    MLROI_M_GATED_LEVEL,
    MLROI_M_COUNT
} mlroi_metric_id;

/* How a metric's value reads. */
typedef enum mlroi_unit_kind {
    MLROI_U_MONEY = 0,    /* in the scenario's currency */
    MLROI_U_PERCENT,      /* already in percent: 350 means 350 % */
    MLROI_U_RATE,         /* a fraction shown in percent: 0.25 means 25 % (IRR) */
    MLROI_U_MONTHS,
    MLROI_U_COUNT         /* a whole number: level, score, people */
} mlroi_unit_kind;

typedef struct mlroi_metric_info {
    mlroi_metric_id id;
    const char *name;        /* "npv" */
    const char *label;       /* "NPV (risk-adjusted)" */
    mlroi_unit_kind unit;
    bool never_is_infinite;  /* payback: NAN means "not within the horizon" */
} mlroi_metric_info;

/* The table of every metric, in a stable order (for --help and errors). */
const mlroi_metric_info *mlroi_metrics(size_t *count);
/* Look a metric up by name; NULL when unknown. */
const mlroi_metric_info *mlroi_metric_find(const char *name);
/* The metric's value in R; NAN when undefined or its module is absent. */
double mlroi_metric_value(const mlroi_result *r, mlroi_metric_id id);
/* By name: false when NAME is no metric (then *out is untouched); true otherwise, with
 * *out NAN when the figure is undefined or its module is absent. */
bool mlroi_metric_get(const mlroi_result *r, const char *name, double *out);
/* The names joined with ", " into buf (for messages). */
void mlroi_metric_names(char *buf, size_t size);

/* ------------------------------------------------------------------------------------------
 * Re-evaluation while a few inputs change. When every changing input belongs to the quick
 * estimate or the business case (and the wanted metrics come from there too), the other
 * modules are evaluated once and only those two are re-run; otherwise the whole core is.
 * ------------------------------------------------------------------------------------------ */

typedef struct mlroi_evaluator {
    mlroi_scenario *scenario;        /* borrowed; its bound inputs change between runs */
    const mlroi_benchmarks *bench;
    bool fast;                       /* only the quick estimate and business case re-run */

    unsigned parts;                  /* what of the business case the metrics read
                                        (mlroi_bcase_eval_part's MLROI_BC_*) */
    mlroi_plan_figures figures;      /* team and TCO figures for the business case */
    mlroi_lines_plan plan;           /* the written lines, when no business-case input moves */
    bool batch;                      /* mlroi_evaluator_run_many applies (below) */
    mlroi_bcase_batch cases;         /* its case, prepared once */
} mlroi_evaluator;

/* Evaluate S fully into R (which later runs update in place) and decide the fast path from
 * the input PATHS that will change and the METRICS that will be read. E stays where it is
 * until its last run: its batch points into it (cases.plan is &E->plan). */
mlroi_error mlroi_evaluator_init(mlroi_evaluator *e, mlroi_scenario *s, const mlroi_benchmarks *b,
                                 const char *const *paths, size_t path_count,
                                 const mlroi_metric_id *metrics, size_t metric_count,
                                 mlroi_result *r, mlroi_diags *diags);
/* Re-evaluate after the inputs changed; R must be the result given to init. Never allocates.
 * On the fast path every metric is brought up to date (the unadjusted ones when METRICS
 * read them); the business case's notes and MIRR, which no metric reads, keep the values of
 * an earlier run. */
mlroi_error mlroi_evaluator_run(const mlroi_evaluator *e, mlroi_result *r);

/* Runs at most this many at a time through mlroi_evaluator_run_many. */
#define MLROI_RUN_MANY 256

/* The adjusted NPV, ROI, payback and years' net flows of COUNT (<= MLROI_RUN_MANY) runs at
 * once, bit for bit mlroi_evaluator_run's, when E->batch: the fast path with only roi.*
 * inputs moving (and a plan for the lines, if any), and no metric besides those four and the
 * IRR (which the caller computes from the flows with mlroi_irr_many). Run k's bound inputs
 * are VALUES[j * STRIDE + k], j < INPUTS, written through SLOTS (mlroi_analysis_bind's).
 * Fills NPV[k], ROI[k], PAYBACK[k], PRESENT[k] (false: the run has no case, its figures are
 * NAN and its flows unset) and NETS[k * NETS_STRIDE + t] for t = 0 .. E->cases.n. Returns the
 * first run that cannot be evaluated (mlroi_evaluator_run of that run says why), or COUNT;
 * the runs before it are filled. */
size_t mlroi_evaluator_run_many(const mlroi_evaluator *e, double *const *slots, size_t inputs,
                                const double *values, size_t stride, size_t count, double *npv,
                                double *roi, double *payback, bool *present, double *nets,
                                size_t nets_stride);

/* Resolve PATH for changing it: like mlroi_binding_resolve, and also MLROI_ERR_MISSING when
 * the section the input belongs to is absent from S (changing it would change nothing). */
mlroi_error mlroi_analysis_bind(mlroi_scenario *s, const char *path, mlroi_binding *out,
                                mlroi_diags *diags);

/* ------------------------------------------------------------------------------------------
 * Sweeps and grids. Each value is checked against the input's allowed range before anything
 * is evaluated; the scenario is changed while running and restored before returning, so it
 * must not be shared with another thread meanwhile.
 * ------------------------------------------------------------------------------------------ */

/* POINTS values evenly spaced from FROM to TO, both included (FROM > TO gives a descending
 * list). points >= 2, <= max_points; otherwise MLROI_ERR_RANGE / MLROI_ERR_LIMIT with a
 * diag at PATH (a label for messages, may be NULL). *out is malloc'd: free() it. */
mlroi_error mlroi_linspace(double from, double to, size_t points, size_t max_points,
                           const char *path, double **out, mlroi_diags *diags);

typedef struct mlroi_sweep_row {
    double value;            /* the swept input */
    double npv, roi_percent, payback_months, irr;
    double metric;           /* the extra metric, or NAN when none was asked */
} mlroi_sweep_row;

typedef struct mlroi_sweep {
    char param[128];
    const mlroi_metric_info *metric;   /* extra metric, or NULL */
    size_t count;
    mlroi_sweep_row *rows;   /* count rows, owned */
} mlroi_sweep;

/* Evaluate S once per value of PARAM (any numeric path mlroi_binding_resolve knows).
 * METRIC (may be NULL) adds one more column. *out is owned: mlroi_sweep_free. */
mlroi_error mlroi_sweep_run(mlroi_scenario *s, const mlroi_benchmarks *b, const char *param,
                            const double *values, size_t count, const char *metric,
                            mlroi_sweep **out, mlroi_diags *diags);
void mlroi_sweep_free(mlroi_sweep *sw);

/* One axis of a grid, from "PATH:FROM:TO:POINTS". */
typedef struct mlroi_axis {
    char param[128];
    size_t count;
    double *values;          /* owned by the axis (free() / mlroi_grid_free) */
} mlroi_axis;

/* Parse "PATH:FROM:TO:POINTS" (points 2..MLROI_GRID_MAX_POINTS). LABEL names the option in
 * messages ("--x"). */
mlroi_error mlroi_axis_parse(const char *text, const char *label, mlroi_axis *out,
                             mlroi_diags *diags);

typedef struct mlroi_grid {
    const mlroi_metric_info *metric;
    mlroi_axis x, y;
    double *matrix;          /* y.count rows of x.count: matrix[i * x.count + j] is the metric
                                at y.values[i] and x.values[j]; owned */
} mlroi_grid;

/* Evaluate METRIC over every (x, y) pair. The axes are moved into the result (their values
 * arrays change owner; the caller's axes are zeroed). THREADS <= 0 means one per CPU.
 * Identical results for any thread count. *out is owned: mlroi_grid_free. */
mlroi_error mlroi_grid_run(mlroi_scenario *s, const mlroi_benchmarks *b, const char *metric,
                           mlroi_axis *x, mlroi_axis *y, int threads, mlroi_grid **out,
                           mlroi_diags *diags);
void mlroi_grid_free(mlroi_grid *g);

/* ------------------------------------------------------------------------------------------
 * Tornado: one input at a time to its low and high value.
 * ------------------------------------------------------------------------------------------ */

/* The spider's points: each input at base x (1 + step), metric read at each. */
#define MLROI_SPIDER_POINTS 7
extern const double mlroi_spider_steps[MLROI_SPIDER_POINTS];   /* -0.3, -0.2, ... +0.3 */

typedef struct mlroi_tornado_bar {
    char param[128];
    const char *label;       /* the parameter's human label, or the path */
    double base_value, low_value, high_value;
    double low, high;        /* the metric with the input at its low / high value */
    double swing;            /* |high - low|; NAN when either is undefined */
    bool from_scenario;      /* range from analysis.tornado rather than base +/- swing */
    /* An enum choice (business_case.discounting): its low and high values by name ("end",
     * "mid"; low_value and high_value are their indexes); NULL for a number. */
    const char *low_text, *high_text;
    /* The spider (business inputs only): the input at base x (1 + mlroi_spider_steps[k]),
     * whole-number inputs rounded to the nearest, and the metric there; NAN where that value
     * is outside the input's allowed range or the model is undefined. */
    double spider_value[MLROI_SPIDER_POINTS], spider[MLROI_SPIDER_POINTS];
} mlroi_tornado_bar;

typedef struct mlroi_tornado {
    const mlroi_metric_info *metric;
    double base;             /* the metric at the base scenario */
    double swing_fraction;   /* e.g. 0.2 */
    size_t count;
    mlroi_tornado_bar *bars; /* business inputs, sorted by swing, largest first (undefined
                              * swings last) */
    /* Modelling choices, apart from the bars and not ranked: business_case.horizon_years,
     * discount_rate and discounting, in that order. They are how the case is measured, not
     * risks of the business, so they never enter bars (nor the report's tornado). Without
     * params or analysis.tornado all three are shown (when the scenario has a business case);
     * with them, only those listed. A choice whose value cannot be evaluated has NAN figures. */
    size_t choice_count;
    mlroi_tornado_bar *choices;
} mlroi_tornado;

typedef struct mlroi_tornado_options {
    const char *metric;      /* NULL: "npv" */
    double swing;            /* NAN: analysis.swing or 0.2; must be in (0, 1] */
    const char *const *params; size_t param_count;   /* empty: see mlroi_tornado_run */
} mlroi_tornado_options;

/* Which inputs move: PARAMS when given, else the keys of the scenario's analysis.tornado,
 * else every numeric scalar the scenario sets (not a default). Each moves to its
 * analysis.tornado [low, high] range when the scenario gives one, else to base * (1 -/+ swing)
 * (whole-number inputs rounded outwards), kept inside its allowed range. The modelling
 * choices among them go to choices (discounting to the other convention), the rest to bars.
 * *out is owned: mlroi_tornado_free. */
mlroi_error mlroi_tornado_run(mlroi_scenario *s, const mlroi_benchmarks *b,
                              const mlroi_tornado_options *o, mlroi_tornado **out,
                              mlroi_diags *diags);
void mlroi_tornado_free(mlroi_tornado *t);

/* ------------------------------------------------------------------------------------------
 * Break-even: the value of one input at which a metric reaches a target.
 * ------------------------------------------------------------------------------------------ */

typedef struct mlroi_breakeven {
    char param[128];
    const mlroi_metric_info *metric;
    double target;
    double base_value;       /* the input's value in the scenario */
    double value;            /* the break-even value; NAN when none (see reason) */
    double metric_at_value;
    int evaluations;
    char reason[256];        /* why there is no value; "" when there is one */
    /* When no value of the input in [search_lo, search_hi] reaches the target, the metric
     * was seen only from metric_min to metric_max there (all NAN otherwise), so a reader can
     * be told the range in the input's and the metric's own units. */
    double search_lo, search_hi, metric_min, metric_max;
} mlroi_breakeven;

/* Searches outwards from the base value for a change of sign of metric - target (staying in
 * the input's allowed range, and within 2^40 times the base value when the range is open),
 * then narrows it by Brent's method to 1e-9 relative. The crossing nearest the base value wins.
 * A whole-number input gives the first whole value, going from the base, at which the
 * metric reaches the target. Returns MLROI_OK also when there is no value (value NAN). */
mlroi_error mlroi_breakeven_run(mlroi_scenario *s, const mlroi_benchmarks *b,
                                const char *param, const char *metric, double target,
                                mlroi_breakeven *out, mlroi_diags *diags);

/* ------------------------------------------------------------------------------------------
 * Monte Carlo.
 * ------------------------------------------------------------------------------------------ */

typedef enum mlroi_mc_method { MLROI_MC_LHS = 0, MLROI_MC_PLAIN } mlroi_mc_method;

#define MLROI_MC_DEFAULT_SAMPLES 10000u
#define MLROI_MC_DEFAULT_SEED 42u
#define MLROI_MC_DEFAULT_BINS 20u

typedef struct mlroi_mc_input {
    char path[128];
    mlroi_dist dist;         /* already restricted to the input's allowed range */
    bool whole;              /* whole-number input: samples are rounded */
} mlroi_mc_input;

typedef struct mlroi_mc_correlation {
    int a, b;                /* indexes into inputs */
    double rho;              /* rank correlation in [-1, 1] */
} mlroi_mc_correlation;

/* The scenario's `uncertainty` section, validated. */
typedef struct mlroi_mc_config {
    size_t samples;
    uint64_t seed;
    mlroi_mc_method method;
    size_t bins;
    mlroi_mc_input *inputs; size_t input_count;
    mlroi_mc_correlation *correlations; size_t correlation_count;
} mlroi_mc_config;

/* The largest seed: 2^53 - 1, the largest whole number a JSON number holds exactly, the same
 * for uncertainty.seed and every --seed. */
#define MLROI_MAX_SEED 9007199254740991LL

/* Parse S->uncertainty_json:
 *   { "samples": n, "seed": n, "method": "lhs"|"mc", "bins": n,
 *     "inputs": { PATH: { "dist": ..., ... } }, "correlations": [[PATH, PATH, rho], ...] }
 * The loader runs the same checks on the section as it reads the file, so a loaded scenario's
 * problems were already reported there with file:line:col; a problem here (a scenario built
 * or changed in code) goes to diags with its key ("uncertainty.inputs.roi.avg_salary.sd")
 * and no position. MLROI_ERR_MISSING when the scenario has no uncertainty section or no
 * inputs. The config is ready to sample (PERT tables built: mlroi_dist_table).
 * *out is owned: mlroi_mc_config_free. */
mlroi_error mlroi_mc_config_parse(const mlroi_scenario *s, mlroi_mc_config **out,
                                  mlroi_diags *diags);
void mlroi_mc_config_free(mlroi_mc_config *c);

/* Percentiles reported, in order. */
#define MLROI_MC_PCT_COUNT 7
extern const int mlroi_mc_percentiles[MLROI_MC_PCT_COUNT];   /* 5 10 25 50 75 90 95 */

/* Statistics of one metric over the samples where it is defined. Percentiles interpolate
 * linearly between order statistics (position p * (n - 1), like PERCENTILE.INC). */
typedef struct mlroi_mc_stats {
    const mlroi_metric_info *metric;
    size_t defined;          /* samples where the metric has a value */
    double undefined_share;  /* 1 - defined / samples */
    double mean, sd;         /* sd with n - 1; NAN when defined < 2 */
    double min, max;
    double pct[MLROI_MC_PCT_COUNT];
} mlroi_mc_stats;

/* The four metrics Monte Carlo reports, in this order. */
#define MLROI_MC_METRICS 4   /* npv, roi_percent, payback_months, irr */

typedef struct mlroi_mc_result {
    size_t samples;
    uint64_t seed;
    mlroi_mc_method method;
    const char *method_name; /* "lhs" or "mc" */
    size_t input_count;
    char (*input_paths)[128];                /* input_count paths, owned */
    mlroi_mc_stats metrics[MLROI_MC_METRICS];
    double p_npv_positive;   /* share of samples with npv > 0 */
    double p_payback_within_horizon;   /* share of samples that pay back within the horizon */
    size_t bins;
    double *edges;           /* bins + 1 NPV histogram edges, evenly spaced from min to max */
    size_t *counts;          /* bins counts; a bin holds [edge_k, edge_k+1), the last one
                                also its upper edge */
    /* The same NPV histogram over its core, for charts: BINS bins evenly spaced from the
     * 0.5th to the 99.5th percentile (core_edges, bins + 1), and the samples left out on
     * either side (tail_low below core_edges[0], tail_high above core_edges[bins]) for open
     * tail bins ("< x", "> y"). When the two percentiles are equal, the core is the
     * histogram above and both tails are 0. */
    double *core_edges;
    size_t *core_counts;
    size_t tail_low, tail_high;
    double base_npv;         /* npv of the scenario as written */
    /* From mlroi_mc_run_with_samples, else NULL (owned): */
    double *sample_inputs;   /* samples rows of input_count values, sample i's at i * input_count */
    double *sample_metrics;  /* samples rows of MLROI_MC_METRICS (npv, roi_percent,
                                payback_months, irr; NAN where undefined) */
} mlroi_mc_result;

typedef void (*mlroi_progress_fn)(void *ctx, size_t done, size_t total);

typedef struct mlroi_mc_options {
    size_t samples;          /* 0: the scenario's (or the default) */
    bool has_seed; uint64_t seed;
    int method;              /* -1: the scenario's; else mlroi_mc_method */
    size_t bins;             /* 0: the scenario's (or the default) */
    int threads;             /* <= 0: one per CPU; the result never depends on it */
    /* Called on the calling thread about every 100 ms while the samples run (may be NULL). */
    mlroi_progress_fn progress; void *progress_ctx;
} mlroi_mc_options;

/* Run CFG's sampling on S (not modified: each thread works on a copy). OPTIONS may be NULL.
 * *out is owned: mlroi_mc_result_free. */
mlroi_error mlroi_mc_run(const mlroi_scenario *s, const mlroi_benchmarks *b,
                         const mlroi_mc_config *cfg, const mlroi_mc_options *options,
                         mlroi_mc_result **out, mlroi_diags *diags);
/* The same run, keeping every sample's inputs and metrics in (*out)->sample_inputs and
 * sample_metrics (8 * (input_count + 4) more bytes per sample): for --export-samples and the
 * value of information. */
mlroi_error mlroi_mc_run_with_samples(const mlroi_scenario *s, const mlroi_benchmarks *b,
                                      const mlroi_mc_config *cfg, const mlroi_mc_options *options,
                                      mlroi_mc_result **out, mlroi_diags *diags);
/* Parse the scenario's uncertainty section and run it (for the report renderers). */
mlroi_error mlroi_mc_run_scenario(const mlroi_scenario *s, const mlroi_benchmarks *b,
                                  const mlroi_mc_options *options, mlroi_mc_result **out,
                                  mlroi_diags *diags);
void mlroi_mc_result_free(mlroi_mc_result *r);

/* ------------------------------------------------------------------------------------------
 * What drives the risk (variance decomposition) and what knowing an input is worth.
 * ------------------------------------------------------------------------------------------ */

#define MLROI_SOBOL_MAX_INPUTS 50u
#define MLROI_SOBOL_BOOTSTRAP 100u          /* resamples behind each 95 % interval */
#define MLROI_SOBOL_MAX_VALUES 25000000u    /* design size: (inputs + 2) * N * inputs doubles */

typedef struct mlroi_sobol_index {
    double first_order, total;
    double first_order_ci[2], total_ci[2];   /* bootstrap 95 % intervals (NAN without one) */
} mlroi_sobol_index;

/* Sobol indices from Saltelli's design with Jansen's estimators. FA[i] = f(A_i), FB[i] =
 * f(B_i) and FAB[j * n + i] = f(A_i with input j taken from B_i), for i < N and j < K, all
 * defined. With V the variance of FA and FB together:
 *   total_j       = sum_i (FA_i - FAB_ji)^2 / (2 N V)
 *   first_order_j = 1 - sum_i (FB_i - FAB_ji)^2 / (2 N V)
 * BOOT resamples of the N rows (seeded by KEY; 0 for none) give the percentile intervals.
 * The result does not depend on THREADS. MLROI_ERR_INVALID when N < 2 or V is 0. */
mlroi_error mlroi_sobol_estimate(const double *fa, const double *fb, const double *fab, size_t n,
                                 int k, size_t boot, uint64_t key, int threads,
                                 mlroi_sobol_index *out);

/* OUT[j] = rho_j^2 / sum rho^2, rho_j the Spearman correlation of column j of X (K columns of
 * N, column j at x + j * n) with F: the "contribution to variance" @RISK shows. All zero when
 * every rho is 0. MLROI_ERR_NOMEM. */
mlroi_error mlroi_contribution_to_variance(const double *x, const double *f, size_t n, int k,
                                           double *out);

typedef struct mlroi_sensitivity_input {
    char path[128];
    mlroi_sobol_index sobol;
    double contribution_to_variance;
} mlroi_sensitivity_input;

typedef struct mlroi_sensitivity {
    const mlroi_metric_info *metric;
    size_t base_samples;     /* N: rows of A and of B */
    size_t evaluations;      /* (inputs + 2) N */
    uint64_t seed;
    bool correlations_ignored;   /* the scenario declares correlations: Sobol indices take
                                    the inputs as independent */
    size_t input_count;
    mlroi_sensitivity_input *inputs;   /* in the order of the uncertainty section; owned */
} mlroi_sensitivity;

/* Variance decomposition of METRIC (NULL: "npv"; one of the Monte Carlo metrics) over CFG's
 * inputs: Saltelli's design of N = options' (or the scenario's) samples rows for A and for
 * B, drawn like the Monte Carlo's (seeded, Latin hypercube or plain) from streams of their
 * own, evaluated (inputs + 2) N times. Seeded and the same for any thread count.
 * MLROI_ERR_RANGE with one input (nothing to decompose), MLROI_ERR_LIMIT above
 * MLROI_SOBOL_MAX_INPUTS or MLROI_SOBOL_MAX_VALUES, MLROI_ERR_INVALID when the metric is
 * undefined in a sample or never varies. *out is owned: mlroi_sensitivity_free. */
mlroi_error mlroi_mc_sensitivity(const mlroi_scenario *s, const mlroi_benchmarks *b,
                                 const mlroi_mc_config *cfg, const mlroi_mc_options *options,
                                 const char *metric, mlroi_sensitivity **out,
                                 mlroi_diags *diags);
void mlroi_sensitivity_free(mlroi_sensitivity *r);

/* Expected value of perfect information for the go / no-go decision (invest when the
 * expected NPV is positive): E[max(NPV, 0)] - max(E[NPV], 0) over the N values
 * NPV[i * STRIDE]; NAN when N is 0 or a value is undefined. */
double mlroi_voi_evpi(const double *npv, size_t stride, size_t n);
/* Expected value of partial perfect information about one input: E_x[max(E[NPV | x], 0)] -
 * max(E[NPV], 0), E[NPV | x] estimated by sorting the samples on X (X[i * XSTRIDE]) into
 * BINS bins of equal count (ties kept in one bin) and averaging NPV in each; clamped to
 * [0, EVPI]. NAN on allocation failure or undefined values. */
double mlroi_voi_evppi(const double *x, size_t xstride, const double *npv, size_t stride,
                       size_t n, size_t bins);
/* The bins mlroi_voi_evppi uses for N samples: 2 N^(1/3), from 10 to 1,000. */
size_t mlroi_voi_bins(size_t n);

typedef struct mlroi_voi {
    double evpi;
    size_t bins;
    size_t input_count;
    char (*paths)[128];      /* owned */
    double *evppi;           /* input_count values, owned */
} mlroi_voi;

/* EVPI and each input's EVPPI from a run that kept its samples (mlroi_mc_run_with_samples).
 * MLROI_ERR_INVALID when NPV is undefined in a sample. *out is owned: mlroi_voi_free. */
mlroi_error mlroi_mc_value_of_information(const mlroi_mc_result *r, int threads,
                                          mlroi_voi **out, mlroi_diags *diags);
void mlroi_voi_free(mlroi_voi *v);
/* The board's sentence, into BUF: "Knowing the average incident cost exactly would be worth
 * up to EUR 110,000; the other inputs are worth less than EUR 5,000 each." (the first figure
 * to two significant digits, the second rounded up to one), with the input's label where it
 * has one, else its path; CURRENCY as in the scenario. Returns BUF. */
char *mlroi_voi_sentence(const mlroi_voi *v, const char *currency, char *buf, size_t size);

/* ------------------------------------------------------------------------------------------
 * Goal seek on a simulated statistic.
 * ------------------------------------------------------------------------------------------ */

typedef struct mlroi_mc_breakeven {
    char param[128];
    char statistic[64];      /* "p_npv_positive", "npv.p10", ... */
    double target;
    double base_value;       /* the input's value in the scenario */
    double statistic_at_base;
    double value;            /* the answer; NAN when none (see reason) */
    double statistic_at_value;
    double bracket;          /* width of the last bracket around the crossing */
    size_t samples;
    uint64_t seed;
    int runs;                /* Monte Carlo runs made */
    char reason[256];        /* why there is no value; "" when there is one */
} mlroi_mc_breakeven;

/* Whether NAME is a statistic mlroi_mc_stat_get knows. */
bool mlroi_mc_stat_known(const char *name);

/* The value of PARAM (an input of the scenario that is not uncertain) at which the Monte
 * Carlo STATISTIC reaches TARGET. Every trial runs CFG with the same seed and samples
 * (common random numbers), so the statistic is a deterministic function of PARAM and the
 * answer is reproducible. Searches outwards from the base value with doubling steps (within
 * the input's allowed range, and 2^40 times the base value), then bisects the first bracket
 * to 1e-9 relative; the end of the bracket whose statistic is nearer the target is the
 * answer, so a statistic that moves in steps (a share of samples, an order statistic) is at
 * the target within one step. A whole-number input is bisected to whole values. Returns
 * MLROI_OK also when there is no answer (value NAN, reason says why). */
mlroi_error mlroi_mc_breakeven_run(const mlroi_scenario *s, const mlroi_benchmarks *b,
                                   const mlroi_mc_config *cfg, const mlroi_mc_options *options,
                                   const char *param, const char *statistic, double target,
                                   mlroi_mc_breakeven *out, mlroi_diags *diags);

/* A statistic by gate name: "p_npv_positive", "p_payback_within_horizon", "samples",
 * "npv.mean", "irr.p10", "payback_months.undefined_share"... false when unknown. */
bool mlroi_mc_stat_get(const mlroi_mc_result *r, const char *name, double *out);
/* Statistic names after the dot: "mean", "sd", "min", "max", "p5", ..., "undefined_share". */
const char *const *mlroi_mc_stat_names(size_t *count);

/* Number of CPUs online (at least 1). */
int mlroi_cpu_count(void);

#endif
