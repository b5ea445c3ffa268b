/* SPDX-License-Identifier: MIT */
/* The 12-month ROI quick estimate and the multi-year, risk-adjusted business case. */
#ifndef MLROI_ROI_H
#define MLROI_ROI_H

#include <stdbool.h>
#include "mlroi/scenario.h"

/* Undefined figures (ROI with zero investment, IRR without a sign change, payback beyond
 * the horizon) are NAN here; every renderer turns NAN into n/a, null or an empty cell. */

typedef struct mlroi_quick {
    bool present;
    double time_saved_per_model_weeks, cost_per_week_team, deployment_savings,
           incident_savings, total_benefits, investment, net_benefit, roi_percent;
} mlroi_quick;

typedef struct mlroi_cash_year {
    int year;
    double benefits, costs, net, cumulative_net, discount_factor, pv_net;
} mlroi_cash_year;

typedef struct mlroi_bcase_figures {
    int horizon;
    mlroi_cash_year years[MLROI_MAX_YEARS + 1];   /* t = 0..horizon */
    double pv_benefits, pv_costs, npv, roi_percent;
    double irr;                  /* NAN when undefined, with irr_note */
    char irr_note[128];          /* "" when irr is defined without remark */
    int sign_changes;
    double mirr;                 /* NAN when undefined, with mirr_note */
    const char *mirr_note;       /* NULL when mirr is defined (a static string) */
    double payback_months, discounted_payback_months;   /* NAN when never */
    double total_benefits, total_costs;                 /* undiscounted sums over t */
} mlroi_bcase_figures;

/* One business-case line as evaluated: its amounts, the risk-adjusted amounts and their sums.
 * The strings are borrowed from the scenario (or static, for the derived lines). */
typedef struct mlroi_line_result {
    const char *name, *category, *source, *note;
    mlroi_line_kind kind;
    const char *from;            /* figure name ("team.annual_cost") or NULL */
    bool derived;                /* derived from the legacy keys, not written */
    double risk;                 /* the risk applied (the default resolved) */
    double scale;                /* the written line's "scale" (1 for a derived line) */
    double values[MLROI_MAX_YEARS + 1], adjusted[MLROI_MAX_YEARS + 1];   /* t = 0..N */
    double total, pv;            /* of the adjusted amounts */
    double total_unadjusted, pv_unadjusted;
} mlroi_line_result;

typedef struct mlroi_bcase {
    bool present;
    mlroi_bcase_figures adjusted, unadjusted;
    /* The lines (written or derived), filled by mlroi_evaluate only; owned by the result
     * (mlroi_result_free). NULL in the analysis fast paths. */
    mlroi_line_result *lines;
    size_t line_count;
} mlroi_bcase;

/* Yearly costs by year (t = 0..N) when costs come from the TCO module. */
typedef struct mlroi_cost_stream {
    double c[MLROI_MAX_YEARS + 1];
} mlroi_cost_stream;

/* The engine's own figures that lines draw on ("from"), NAN when the module has no inputs;
 * indexed by mlroi_figure. */
typedef struct mlroi_plan_figures {
    double v[MLROI_FIG_COUNT];
} mlroi_plan_figures;

/* Quick estimate from s->roi. present = s->has_roi. */
void mlroi_quick_eval(const mlroi_scenario *s, mlroi_quick *out);

/* Fill F from the quick estimate (may be NULL), the team's yearly cost and the TCO (NAN or
 * NULL when absent). */
void mlroi_plan_figures_set(mlroi_plan_figures *f, const mlroi_quick *q, double team_annual,
                            double tco_recurring, double tco_one_time);

/* Business case. tco_costs is needed when costs_from is "tco" (else may be NULL).
 * Returns MLROI_ERR_MISSING when costs_from is "tco" and tco_costs is NULL. A scenario with
 * lines that draw on team or TCO figures needs mlroi_bcase_eval_plan. */
mlroi_error mlroi_bcase_eval(const mlroi_scenario *s, const mlroi_quick *q,
                             const mlroi_cost_stream *tco_costs, mlroi_bcase *out);

/* The business case from the plan's figures (written lines or the legacy keys). Returns
 * MLROI_ERR_MISSING when a line (or costs_from "tco") needs a figure that is NAN. */
mlroi_error mlroi_bcase_eval_plan(const mlroi_scenario *s, const mlroi_plan_figures *f,
                                  mlroi_bcase *out);

/* What mlroi_bcase_eval_part computes besides NPV, PV figures, ROI, payback and IRR. */
enum {
    MLROI_BC_UNADJUSTED = 1u << 0,          /* the unadjusted figures */
    MLROI_BC_DISCOUNTED_PAYBACK = 1u << 1,
    MLROI_BC_MIRR = 1u << 2,                /* mirr and mirr_note */
    MLROI_BC_IRR_NOTE = 1u << 3,            /* irr_note (sign_changes is always set) */
    MLROI_BC_ALL = (1u << 4) - 1,
    /* Not part of ALL: leave irr (NAN) and sign_changes (stale) to the caller, which computes
     * the IRR of many runs at once from their years' net flows with mlroi_irr_many. */
    MLROI_BC_SKIP_IRR = 1u << 4
};

/* The same for analysis loops, which call it millions of times on one result: OUT must be
 * zeroed or hold an earlier result (then only what changed is rewritten). PARTS (MLROI_BC_*)
 * says what to compute beyond NPV, the PV figures, ROI, payback and IRR; what it leaves out
 * is stale: don't read it. Never allocates and never fills out->lines. */
mlroi_error mlroi_bcase_eval_part(const mlroi_scenario *s, const mlroi_plan_figures *f,
                                  unsigned parts, mlroi_bcase *out);

/* A written line resolved against the figures: its amounts v_0..v_n as MODEL.md's table
 * describes them (a "from" line becomes the ANNUAL or AMOUNT line of its figure). */
typedef struct mlroi_line_spec {
    mlroi_line_kind kind;
    mlroi_line_how how;       /* VALUES, ANNUAL or AMOUNT */
    const double *values; size_t value_count;
    double a, year, start, end, escalation;
    const double *ramp; size_t ramp_count;   /* 0: [1.0] */
    double scale;
} mlroi_line_spec;

/* Analysis loops re-evaluate one case millions of times while only some inputs move. When no
 * business-case input moves (only the quick estimate's, or none), everything about a written
 * line but the figure it draws on stays put: it is resolved once here, and each run only reads
 * the figure. Up to this many lines; a larger case runs the general way. */
#define MLROI_PLANNED_LINES 32

typedef struct mlroi_lines_plan {
    size_t count;             /* 0: no plan (no lines, or more than MLROI_PLANNED_LINES) */
    struct {
        mlroi_line_spec spec; /* spec.a is the amount of a line without a figure */
        int from;             /* the mlroi_figure it draws on, -1 for none */
        double factor;        /* 1 - risk for a benefit, 1 + risk for a cost */
        /* Without escalation or scale, v_t = a * mult[t] for t in first..last: the ramp, or
         * 1, or (with a = 1) the written values; products by exactly 1 left out change no
         * bit. Otherwise (simple false) the line runs the general way. */
        bool simple;
        double a;
        int first, last;
        double mult[MLROI_MAX_YEARS + 1];
    } line[MLROI_PLANNED_LINES];
} mlroi_lines_plan;

/* Resolve S's written lines into P; P->count stays 0 when S has none or too many. Valid while
 * no business_case input of S changes. */
void mlroi_lines_plan_set(const mlroi_scenario *s, mlroi_lines_plan *p);

/* mlroi_bcase_eval_part with S's lines read from PLAN (made by mlroi_lines_plan_set from S)
 * when it has them: the same figures, bit for bit. */
mlroi_error mlroi_bcase_eval_planned(const mlroi_scenario *s, const mlroi_plan_figures *f,
                                     unsigned parts, const mlroi_lines_plan *plan,
                                     mlroi_bcase *out);

/* Many runs of one case whose runs differ only in the quick estimate's inputs (roi.*), as
 * Monte Carlo makes them: what stays put (the horizon, the discount factors, the lines' plan,
 * the team's and the TCO's figures) is taken once, and each run's adjusted NPV, ROI, payback
 * and net flows are then the same, bit for bit, as mlroi_bcase_eval_planned's. The runs go a
 * stage at a time over the batch, so that the divisions of neighbouring runs overlap instead
 * of waiting on each other. */
typedef struct mlroi_bcase_batch {
    const mlroi_scenario *scenario;
    const mlroi_lines_plan *plan;          /* the lines' plan, NULL for a case without lines */
    mlroi_plan_figures figures;            /* the figures besides the quick estimate's */
    int n;                                 /* the horizon in years */
    double df[MLROI_MAX_YEARS + 1];        /* discount factors */
} mlroi_bcase_batch;

/* Prepare B for S, the figures F of the run that set up the analysis, and S's lines' PLAN
 * (mlroi_lines_plan_set; it must outlive B). False when the case cannot run this way (lines
 * without a plan) or not at all as it stands (a horizon or rate out of range, discount
 * factors that overflow): then run each case the usual way, which says why. */
bool mlroi_bcase_batch_init(const mlroi_scenario *s, const mlroi_plan_figures *f,
                            const mlroi_lines_plan *plan, mlroi_bcase_batch *b);

/* COUNT runs: run k has the quick estimate Q[k] and the yearly cost ANNUAL[k]
 * (mlroi_scenario_annual_cost of its inputs, read without lines). Fills NPV[k], ROI[k],
 * PAYBACK[k], PRESENT[k] (false: the run has no case, its figures are NAN and its flows
 * unset) and the years' net flows NETS[k * STRIDE + t], t = 0..n. Returns the first run that
 * cannot be evaluated (mlroi_bcase_eval_planned would refuse it: figures too large, a figure
 * a line needs missing), or COUNT; the runs before it are filled. */
size_t mlroi_bcase_batch_run(const mlroi_bcase_batch *b, const mlroi_quick *q,
                             const double *annual, size_t count, double *npv, double *roi,
                             double *payback, bool *present, double *nets, size_t stride);

/* The roi section's inputs in mlroi_roi_inputs' order (team_size first), as
 * mlroi_bcase_batch_quick takes them. */
#define MLROI_ROI_FIELDS 9

/* The most runs mlroi_bcase_batch_quick takes at once. */
#define MLROI_BCASE_QUICK_MAX 256

/* mlroi_bcase_batch_run of COUNT runs of a case without lines, from their roi inputs rather
 * than their quick estimates: field f of run k is COLS[f][k], or the scenario's value where
 * COLS[f] is NULL. The quick estimate, the flows and the sums go a few runs per instruction
 * (simd.h), each run with the operations mlroi_quick_eval and mlroi_bcase_batch_run do, in
 * their order. Returns COUNT (at most MLROI_BCASE_QUICK_MAX) when every run has a case and
 * every figure is finite, as mlroi_bcase_batch_run would fill them; otherwise 0, with the
 * outputs unspecified: then run the batch the usual way, which finds the run that fails. A
 * run whose figures are only near the limits of a double may take that way too. */
size_t mlroi_bcase_batch_quick(const mlroi_bcase_batch *b, const double *const *cols,
                               size_t count, double *npv, double *roi, double *payback,
                               bool *present, double *nets, size_t stride);

/* Number of lines the case has: the written ones, or those derived from the legacy keys. */
size_t mlroi_bcase_line_count(const mlroi_scenario *s);
/* Evaluate every line into OUT (mlroi_bcase_line_count entries) for a case already evaluated
 * with the same figures (its horizon and discount factors). */
mlroi_error mlroi_bcase_lines_eval(const mlroi_scenario *s, const mlroi_plan_figures *f,
                                   const mlroi_bcase *bc, mlroi_line_result *out);

/* Building blocks, exposed for tests and analysis. NET has n+1 entries (t = 0..n). */
double mlroi_npv(const double *net, int n, double rate);
/* IRR of a flow (MODEL.md): NAN with NOTE set when undefined; with several sign changes NOTE
 * also says when the one rate found is reported. NOTE ("" when nothing to say) may be NULL. */
double mlroi_irr(const double *net, int n, char *note, size_t note_size, int *sign_changes);
/* mlroi_irr (without the note) of COUNT flows, the i-th at NET + i * STRIDE over years 0 to
 * N[i], into OUT[i]: each result the same to the bit as mlroi_irr's, several computed at
 * once where they take the usual investment's walk. */
void mlroi_irr_many(const double *net, size_t stride, const int *n, size_t count, double *out);
/* MIRR of a flow over N years at finance rate FR and reinvestment rate RR; NAN with *note
 * (static) when there is no negative or no positive flow. */
double mlroi_mirr(const double *net, int n, double fr, double rr, const char **note);
/* Payback month over cumulative piecewise-linear curve of NET; NAN when it ends below zero. */
double mlroi_payback_months(const double *net, int n);
/* The same for COUNT flows of N years, flow k at NET + k * STRIDE, into OUT: the same bits. */
void mlroi_payback_many(const double *net, size_t stride, int n, size_t count, double *out);

#endif
