/* SPDX-License-Identifier: MIT */
/* The 12-month quick estimate and the risk-adjusted multi-year business case (NPV, IRR, payback). */
#include "mlroi/roi.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* Nothing here allocates: Monte Carlo calls these functions millions of times. */

void mlroi_quick_eval(const mlroi_scenario *s, mlroi_quick *out)
{
    const mlroi_roi_inputs *r = &s->roi;

    out->present = s->has_roi;
    if (!s->has_roi) {
        out->time_saved_per_model_weeks = out->cost_per_week_team = NAN;
        out->deployment_savings = out->incident_savings = out->total_benefits = NAN;
        out->investment = out->net_benefit = out->roi_percent = NAN;
        return;
    }
    out->time_saved_per_model_weeks = r->current_time_to_prod_weeks - r->mlops_time_to_prod_weeks;
    out->cost_per_week_team = r->team_size * r->avg_salary / 52.0;
    out->deployment_savings =
        out->time_saved_per_model_weeks * out->cost_per_week_team * r->models_per_year;
    out->incident_savings =
        r->model_incidents_per_year * r->avg_incident_cost * r->incident_reduction;
    out->total_benefits = out->deployment_savings + out->incident_savings;
    out->investment = r->mlops_investment;
    out->net_benefit = out->total_benefits - out->investment;
    out->roi_percent = out->investment == 0 ? NAN : out->net_benefit / out->investment * 100.0;
}

/* Horner's rule in v = 1/(1+rate): one division and n multiply-adds, no pow(). */
double mlroi_npv(const double *net, int n, double rate)
{
    double v = 1.0 / (1.0 + rate), sum = net[n];
    for (int t = n - 1; t >= 0; t--)
        sum = sum * v + net[t];
    return sum;
}

double mlroi_payback_months(const double *net, int n)
{
    double cum = 0, neg_value = 0, next_value = 0;
    int last_neg = -1;

    /* The curve is linear between year ends, so it is below zero somewhere only if it is
     * below zero at a year end; payback is where it last crosses up through zero. */
    for (int k = 0; k <= n; k++) {
        cum += net[k];
        if (isnan(cum))
            return NAN;
        if (cum < 0) {
            last_neg = k;
            neg_value = cum;
        } else if (last_neg == k - 1 && last_neg >= 0) {
            next_value = cum;
        }
    }
    if (last_neg == n)
        return NAN;
    if (last_neg < 0)
        return 0;
    return 12.0 * last_neg + 12.0 * (-neg_value) / (next_value - neg_value);
}

/* "several sign changes: N" for every N a 31-entry series can have. */
static const char *const several_notes[MLROI_MAX_YEARS + 1] = {
    NULL, NULL,
    "several sign changes: 2", "several sign changes: 3", "several sign changes: 4",
    "several sign changes: 5", "several sign changes: 6", "several sign changes: 7",
    "several sign changes: 8", "several sign changes: 9", "several sign changes: 10",
    "several sign changes: 11", "several sign changes: 12", "several sign changes: 13",
    "several sign changes: 14", "several sign changes: 15", "several sign changes: 16",
    "several sign changes: 17", "several sign changes: 18", "several sign changes: 19",
    "several sign changes: 20", "several sign changes: 21", "several sign changes: 22",
    "several sign changes: 23", "several sign changes: 24", "several sign changes: 25",
    "several sign changes: 26", "several sign changes: 27", "several sign changes: 28",
    "several sign changes: 29", "several sign changes: 30",
};

static int sign_of(double v)
{
    return (v > 0) - (v < 0);
}

/* NPV at RATE (the same Horner sum as mlroi_npv) and its slope d NPV / d rate. */
static double npv_slope(const double *net, int n, double rate, double *slope)
{
    double v = 1.0 / (1.0 + rate), p = net[n], dp = 0;
    for (int t = n - 1; t >= 0; t--) {
        dp = dp * v + p;
        p = p * v + net[t];
    }
    *slope = -dp * v * v;
    return p;
}

/* Safeguarded Newton on [a, b], where fa and fb have opposite signs: a Newton step when it
 * stays strictly inside the bracket, bisection otherwise, so the bracket shrinks every step and
 * it always converges, quadratically near the root. It stops at |NPV| <= ftol (the contract's
 * tolerance) after one more Newton refinement, or when the bracket closes on adjacent doubles
 * (flows so steep that rounding hides the root), returning the end with the smaller |NPV|. */
static double irr_newton(const double *net, int n, double a, double b, double fa, double fb,
                         double ftol)
{
    double x = a - fa * (b - a) / (fb - fa);   /* the secant through the bracket's ends */

    for (int iter = 0; iter < 400; iter++) {
        double slope, fx, next, lo = a < b ? a : b, hi = a < b ? b : a;

        if (!(x > lo && x < hi))
            x = 0.5 * (a + b);
        if (x == a || x == b)
            return fabs(fa) <= fabs(fb) ? a : b;
        fx = npv_slope(net, n, x, &slope);
        next = slope != 0 ? x - fx / slope : NAN;
        if (fabs(fx) <= ftol) {
            double s2, fn;
            if (!(next > lo && next < hi))
                return x;
            fn = npv_slope(net, n, next, &s2);
            return fabs(fn) <= fabs(fx) ? next : x;
        }
        if ((fx > 0) == (fa > 0)) {
            a = x;
            fa = fx;
        } else {
            b = x;
            fb = fx;
        }
        x = next;
    }
    return fabs(fa) <= fabs(fb) ? a : b;
}

/* A start for irr_conventional right of the root of p and closer to it than v = 1, or 1.
 * On [0, 1], v^t <= v^2 for t >= 2, so q(v) = net_0 + net_1 v + (sum of net_t, t >= 2) v^2 is
 * >= p(v) and its positive root r is <= p's root. The tangent of the convex p at r lies below
 * p, so one Newton step from r lands at or right of p's root; rounding can put it a hair to
 * the left, which the caller's checks catch. */
static double irr_start(const double *net, int n)
{
    double s = 0, d, r, p, dp, next;

    for (int t = 2; t <= n; t++)
        s += net[t];
    if (!(s > 0))
        return 1.0;
    /* The root of s v^2 + net_1 v + net_0 (net_0 < 0, so d > net_1^2), in the form that does
     * not cancel. */
    d = sqrt(net[1] * net[1] - 4.0 * s * net[0]);
    r = net[1] >= 0 ? -2.0 * net[0] / (net[1] + d) : (d - net[1]) / (2.0 * s);
    if (!(r > 0 && r < 1))
        return 1.0;
    p = net[n];
    dp = 0;
    for (int t = n - 1; t >= 0; t--) {
        dp = dp * r + p;
        p = p * r + net[t];
    }
    if (!(dp > 0))
        return 1.0;
    next = r - p / dp;
    return next > r && next < 1.0 ? next : 1.0;
}

/* The usual investment: money out at t = 0, nothing out after year 1, and a positive return
 * (NPV at 0 % above zero). In v = 1/(1+x) the NPV is then the polynomial p(v) = sum net_t v^t,
 * convex on [0, 1] (only terms from t = 2 bend it, and they are >= 0), below zero at v = 0 and
 * above it at v = 1. Newton from a point right of the root (irr_start) walks down to it
 * without overshooting, so no bracket is needed. Returns false (the general solver takes over)
 * when the flow is not of that shape or rounding stops the walk. */
static bool irr_conventional(const double *net, int n, double ftol, double *out)
{
    double v;

    if (!(net[0] < 0))
        return false;
    for (int t = 2; t <= n; t++)
        if (net[t] < 0)
            return false;
    v = irr_start(net, n);
    for (int iter = 0; iter < 100; iter++) {
        double p = net[n], dp = 0, next;
        for (int t = n - 1; t >= 0; t--) {
            dp = dp * v + p;
            p = p * v + net[t];
        }
        if (!(dp > 0))
            return false;
        next = v - p / dp;
        if (fabs(p) <= ftol) {
            /* One more step refines the root; keep it unless rounding made it worse. */
            double q = net[n];
            for (int t = n - 1; t >= 0; t--)
                q = q * next + net[t];
            if (next > 0 && fabs(q) <= fabs(p))
                v = next;
            *out = 1.0 / v - 1.0;
            return true;
        }
        if (!(next > 0 && next < v))
            return false;
        v = next;
    }
    return false;
}

double mlroi_irr(const double *net, int n, const char **note, int *sign_changes)
{
    int changes = 0, prev = 0, first = 0;
    double scale = 0, ftol, f0, a, b, fa, fb;
    int kmax;
    const char *why = NULL;
    double result = NAN;

    for (int t = 0; t <= n; t++) {
        int sg = sign_of(net[t]);
        if (!isfinite(net[t])) {
            why = "undefined cash flow";
            goto done;
        }
        scale += fabs(net[t]);
        if (sg != 0) {
            if (prev != 0 && sg != prev)
                changes++;
            if (first == 0)
                first = sg;
            prev = sg;
        }
    }
    if (changes == 0) {
        why = "no sign change";
        goto done;
    }
    if (changes > 1) {
        why = changes <= MLROI_MAX_YEARS ? several_notes[changes] : "several sign changes";
        goto done;
    }

    /* One sign change: by Descartes' rule NPV has exactly one root above -1. NPV tends to
     * the sign of the first non-zero flow as x grows and to the last one's near -1. */
    ftol = 1e-9 * scale;
    f0 = mlroi_npv(net, n, 0.0);
    if (fabs(f0) <= ftol) {
        result = 0.0;
        goto done;
    }
    if (f0 > 0 && irr_conventional(net, n, ftol, &result))
        goto done;
    /* Keep (1+x)^n inside the double range while probing towards -1 and upwards. */
    kmax = 900 / (n > 0 ? n : 1);
    if (kmax > 60)
        kmax = 60;
    a = 0.0;
    fa = f0;
    b = NAN;
    fb = NAN;
    /* Powers of two by doubling and halving: exact, and no libm call per probe. */
    if (sign_of(f0) == first) {
        double p = 1.0;
        for (int k = 1; k <= kmax; k++) {
            double x = -1.0 + (p *= 0.5);
            double fx = mlroi_npv(net, n, x);
            if (sign_of(fx) != first) {
                b = x;
                fb = fx;
                break;
            }
            a = x;
            fa = fx;
        }
    } else {
        double p = 1.0;
        for (int k = 1; k <= kmax; k++) {
            double x = (p *= 2.0) - 1.0;
            double fx = mlroi_npv(net, n, x);
            if (sign_of(fx) == first || fx == 0) {
                b = x;
                fb = fx;
                break;
            }
            a = x;
            fa = fx;
        }
    }
    if (isnan(b)) {
        why = "no rate found between -100 % and the search limit";
        goto done;
    }
    if (fb == 0) {
        result = b;
        goto done;
    }
    result = irr_newton(net, n, a, b, fa, fb, ftol);

done:
    if (note)
        *note = isnan(result) ? why : NULL;
    if (sign_changes)
        *sign_changes = changes;
    return result;
}

static double ramp_at(const mlroi_bcase_inputs *bc, int t)
{
    size_t i;
    if (bc->ramp_count == 0)
        return 1.0;
    i = (size_t)(t - 1);
    if (i >= bc->ramp_count)
        i = bc->ramp_count - 1;
    return bc->benefit_ramp[i];
}

/* One set of figures; RISKY = 0 zeroes every haircut and uplift (the "unadjusted" case). */
static void bcase_figures(const mlroi_scenario *s, const mlroi_quick *q, const double *base_costs,
                          const double *df, int n, int risky, mlroi_bcase_figures *f)
{
    const mlroi_bcase_inputs *bc = &s->bc;
    double br = risky ? bc->benefit_risk : 0.0;
    double cr = risky ? bc->cost_risk : 0.0;
    double full = q->total_benefits * (1.0 - br);
    double net[MLROI_MAX_YEARS + 1], pv[MLROI_MAX_YEARS + 1];
    double cum = 0;
    int stale = f->horizon;   /* years past N still hold an earlier, longer case's figures */

    for (size_t i = 0; i < bc->other_count; i++) {
        const mlroi_other_benefit *o = &bc->other_benefits[i];
        double risk = risky ? (isnan(o->risk) ? br : o->risk) : 0.0;
        full += o->annual * (1.0 - risk);
    }
    f->horizon = n;
    f->pv_benefits = f->pv_costs = f->npv = 0;
    f->total_benefits = f->total_costs = 0;
    for (int t = 0; t <= n; t++) {
        mlroi_cash_year *y = &f->years[t];
        y->year = t;
        y->benefits = t == 0 ? 0.0 : ramp_at(bc, t) * full;
        y->costs = base_costs[t] * (1.0 + cr);
        y->net = y->benefits - y->costs;
        cum += y->net;
        y->cumulative_net = cum;
        y->discount_factor = df[t];
        y->pv_net = y->net * y->discount_factor;
        f->pv_benefits += y->benefits * y->discount_factor;
        f->pv_costs += y->costs * y->discount_factor;
        f->npv += y->pv_net;
        f->total_benefits += y->benefits;
        f->total_costs += y->costs;
        net[t] = y->net;
        pv[t] = y->pv_net;
    }
    if (stale > MLROI_MAX_YEARS)
        stale = MLROI_MAX_YEARS;
    for (int t = n + 1; t <= stale; t++)
        memset(&f->years[t], 0, sizeof f->years[t]);
    f->roi_percent = f->pv_costs == 0 ? NAN : (f->pv_benefits - f->pv_costs) / f->pv_costs * 100.0;
    f->irr = mlroi_irr(net, n, &f->irr_note, &f->sign_changes);
    f->payback_months = mlroi_payback_months(net, n);
    f->discounted_payback_months = mlroi_payback_months(pv, n);
}

/* False when a sum overflowed: every year's figure is bounded by these. */
static bool figures_finite(const mlroi_bcase_figures *f)
{
    return isfinite(f->pv_benefits) && isfinite(f->pv_costs) && isfinite(f->npv) &&
           isfinite(f->total_benefits) && isfinite(f->total_costs) && !isinf(f->roi_percent);
}

/* True when the unadjusted case would equal the adjusted one: no haircut, no uplift. */
static bool riskless(const mlroi_bcase_inputs *bc)
{
    if (bc->benefit_risk != 0 || bc->cost_risk != 0)
        return false;
    for (size_t i = 0; i < bc->other_count; i++)
        if (!isnan(bc->other_benefits[i].risk) && bc->other_benefits[i].risk != 0)
            return false;
    return true;
}

mlroi_error mlroi_bcase_eval(const mlroi_scenario *s, const mlroi_quick *q,
                             const mlroi_cost_stream *tco_costs, mlroi_bcase *out)
{
    memset(out, 0, sizeof *out);
    return mlroi_bcase_eval_part(s, q, tco_costs, true, out);
}

mlroi_error mlroi_bcase_eval_part(const mlroi_scenario *s, const mlroi_quick *q,
                                  const mlroi_cost_stream *tco_costs, bool unadjusted,
                                  mlroi_bcase *out)
{
    double base[MLROI_MAX_YEARS + 1], df[MLROI_MAX_YEARS + 1];
    double h = s->bc.horizon_years;
    int n;

    out->present = false;
    if (!s->has_roi || !q || !q->present)
        return MLROI_OK;   /* the benefits come from the roi section: no roi, no case */
    if (!(h >= 1 && h <= MLROI_MAX_YEARS))
        return MLROI_ERR_RANGE;
    if (!(s->bc.discount_rate > -1.0))
        return MLROI_ERR_RANGE;
    n = (int)floor(h + 0.5);
    if (s->bc.costs_from == MLROI_COSTS_TCO) {
        if (!tco_costs)
            return MLROI_ERR_MISSING;
        for (int t = 0; t <= n; t++)
            base[t] = tco_costs->c[t];
    } else {
        double annual = mlroi_scenario_annual_cost(s);
        base[0] = s->bc.initial_investment;
        for (int t = 1; t <= n; t++)
            base[t] = annual;
    }
    /* Discount factors 1/(1+r)^t by repeated division: one division a year instead of a
     * pow(), and within t/2 units in the last place of it. */
    df[0] = 1.0;
    for (int t = 1; t <= n; t++)
        df[t] = df[t - 1] / (1.0 + s->bc.discount_rate);
    bcase_figures(s, q, base, df, n, 1, &out->adjusted);
    if (unadjusted) {
        if (riskless(&s->bc))
            out->unadjusted = out->adjusted;
        else
            bcase_figures(s, q, base, df, n, 0, &out->unadjusted);
    }
    out->present = true;
    /* Inputs within their ranges can still overflow together (a discount rate just above
     * -1 over 30 years, a tiny investment under large benefits). Every term is >= 0 or
     * bounded by these sums, so they are enough to catch it; an infinity must never reach a
     * report as "n/a". */
    if (!isfinite(q->total_benefits) || isinf(q->roi_percent) || !isfinite(df[n]) ||
        !figures_finite(&out->adjusted) || (unadjusted && !figures_finite(&out->unadjusted)))
        return MLROI_ERR_NUMERIC;
    return MLROI_OK;
}
