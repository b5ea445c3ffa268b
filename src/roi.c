/* SPDX-License-Identifier: MIT */
/* The 12-month quick estimate and the risk-adjusted multi-year business case (NPV, IRR, payback). */
#include "mlroi/roi.h"
#include "simd.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
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

/* mlroi_payback_months of COUNT flows of N years (flow k at NET + k * STRIDE) into OUT, in
 * lanes (simd.h): each lane does that function's operations in its order, its branches
 * turned into selections, so each result is the same to the bit. A NAN sum stays NAN to the
 * end, so testing the last one is testing them all. */
typedef struct payback_lanes {
    mlroi_vd cum, neg_value, next_value, last_neg;
} payback_lanes;

static inline void payback_start(payback_lanes *p)
{
    p->cum = p->neg_value = p->next_value = (mlroi_vd){ 0 };
    p->last_neg = (mlroi_vd){ 0 } - 1.0;
}

/* Year K's net flows NET into the payback lanes P. */
static inline void payback_year(payback_lanes *p, const mlroi_vd *net, int k)
{
    mlroi_vm neg, after;
    p->cum = p->cum + *net;
    neg = p->cum < 0;
    after = ~neg & (p->last_neg == (double)(k - 1)) & (p->last_neg >= 0);
    p->next_value = mlroi_vsel(after, p->cum, p->next_value);
    p->neg_value = mlroi_vsel(neg, p->cum, p->neg_value);
    p->last_neg = mlroi_vsel(neg, (mlroi_vd){ 0 } + (double)k, p->last_neg);
}

/* The payback months of flows of N years, after payback_year of each year. */
static inline void payback_end(const payback_lanes *p, int n, mlroi_vd *out)
{
    mlroi_vd v = 12.0 * p->last_neg +
                 12.0 * -p->neg_value / (p->next_value - p->neg_value);
    v = mlroi_vsel(p->last_neg < 0, (mlroi_vd){ 0 }, v);
    *out = mlroi_vsel((p->last_neg == (double)n) | (p->cum != p->cum), (mlroi_vd){ 0 } + NAN,
                      v);
}

#define PAYBACK_VECS 2
MLROI_CLONES
void mlroi_payback_many(const double *net, size_t stride, int n, size_t count, double *out)
{
    enum { GROUP = MLROI_LANES * PAYBACK_VECS };
    size_t i = 0;

    for (; i + GROUP <= count; i += GROUP) {
        payback_lanes p[PAYBACK_VECS];
        for (int j = 0; j < PAYBACK_VECS; j++)
            payback_start(&p[j]);
        for (int k = 0; k <= n; k++)
            for (int j = 0; j < PAYBACK_VECS; j++) {
                mlroi_vd x;
                for (int w = 0; w < MLROI_LANES; w++)
                    x[w] = net[(i + (size_t)(j * MLROI_LANES + w)) * stride + (size_t)k];
                payback_year(&p[j], &x, k);
            }
        for (int j = 0; j < PAYBACK_VECS; j++) {
            mlroi_vd v;
            payback_end(&p[j], n, &v);
            memcpy(out + i + (size_t)(j * MLROI_LANES), &v, sizeof v);
        }
    }
    for (; i < count; i++)
        out[i] = mlroi_payback_months(net + i * stride, n);
}

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

/* Every root of NPV(x) for x in [-0.99, 10] (MODEL.md, several sign changes): NPV sampled at
 * points evenly spaced in log(1 + x), each change of sign between neighbours refined by the
 * bracketed Newton above. Roots closer together than a step (1.2 % of 1 + x) can be missed;
 * the contract's search range is wide and its roots are rates a board reads to 0.1 %. */
#define ROOT_STEPS 600
static int irr_roots(const double *net, int n, double ftol, double *roots, int max)
{
    const double lo = log(0.01), hi = log(11.0);
    double xa = -0.99, fa = mlroi_npv(net, n, xa);
    int found = 0;

    if (fa == 0 && found < max)
        roots[found++] = xa;
    for (int i = 1; i <= ROOT_STEPS; i++) {
        double xb = i == ROOT_STEPS ? 10.0 : exp(lo + (hi - lo) * i / ROOT_STEPS) - 1.0;
        double fb = mlroi_npv(net, n, xb);
        if (fb == 0) {
            if (found < max)
                roots[found++] = xb;
        } else if (fa != 0 && (fa > 0) != (fb > 0)) {
            if (found < max)
                roots[found++] = irr_newton(net, n, xa, xb, fa, fb, ftol);
        }
        xa = xb;
        fa = fb;
    }
    return found;
}

static void set_note(char *note, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_note(char *note, size_t size, const char *fmt, ...)
{
    va_list ap;
    if (!note || size == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(note, size, fmt, ap);
    va_end(ap);
}

/* "several rates: -67.9 % and -8.3 %" */
static void roots_note(char *note, size_t size, const double *roots, int count)
{
    size_t len;
    if (!note || size == 0)
        return;
    len = (size_t)snprintf(note, size, "several rates: ");
    for (int i = 0; i < count && len < size; i++) {
        const char *sep = i == 0 ? "" : i == count - 1 ? " and " : ", ";
        len += (size_t)snprintf(note + len, size - len, "%s%.1f %%", sep, roots[i] * 100.0);
    }
}

/* How many times the flow changes sign, the sign of its first non-zero amount and the sum of
 * its amounts' sizes (the IRR's tolerance scales with it); false when an amount is not
 * finite, and then the counts are partial. */
static bool irr_signs(const double *net, int n, int *changes, int *first, double *scale)
{
    int prev = 0;
    *changes = *first = 0;
    *scale = 0;
    for (int t = 0; t <= n; t++) {
        int sg = sign_of(net[t]);
        if (!isfinite(net[t]))
            return false;
        *scale += fabs(net[t]);
        if (sg != 0) {
            if (prev != 0 && sg != prev)
                ++*changes;
            if (*first == 0)
                *first = sg;
            prev = sg;
        }
    }
    return true;
}

double mlroi_irr(const double *net, int n, char *note, size_t note_size, int *sign_changes)
{
    int changes = 0, first = 0;
    double scale = 0, ftol, f0, a, b, fa, fb;
    int kmax;
    const char *why = NULL;
    double result = NAN;

    if (!irr_signs(net, n, &changes, &first, &scale)) {
        why = "undefined cash flow";
        goto done;
    }
    if (changes == 0) {
        why = "no sign change";
        goto done;
    }
    if (changes > 1) {
        double roots[8];
        int found = irr_roots(net, n, 1e-9 * scale, roots, 8);
        if (found == 1) {
            result = roots[0];
            set_note(note, note_size, "one rate although the flows change sign %d times",
                     changes);
        } else if (found == 0) {
            why = "no rate between -99 % and 1,000 %";
        } else {
            roots_note(note, note_size, roots, found);
            why = NULL;
        }
        if (sign_changes)
            *sign_changes = changes;
        if (why)
            set_note(note, note_size, "%s", why);
        return result;
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
    set_note(note, note_size, "%s", isnan(result) && why ? why : "");
    if (sign_changes)
        *sign_changes = changes;
    return result;
}

/* ---------- the IRR of many flows at once (Monte Carlo) ---------- */

/* Monte Carlo asks for a million IRRs, nearly all of the usual investment that
 * irr_conventional solves. Here IRR_GROUP flows of the same N years are solved together, in
 * vectors of MLROI_LANES (simd.h), each lane doing exactly the operations mlroi_irr does on
 * its flow, so each result is the same to the bit. Instead of branching, every lane computes
 * every step and keeps what mlroi_irr would keep; the group's chains of multiply-adds and
 * divisions overlap in the processor. A flow that mlroi_irr would not solve by that walk goes
 * to mlroi_irr itself. */
#define IRR_VECS 8
#define IRR_GROUP (MLROI_LANES * IRR_VECS)

/* The group's flows NET + k * STRIDE (k < IRR_GROUP) of N years, 1 <= N <= MLROI_MAX_YEARS:
 * OUT[k] gets the IRR of each flow solved here; ALONE[k] marks the others. */
static MLROI_INLINE void irr_walk(const double *net, size_t stride, int n, double out[IRR_GROUP],
                                  bool alone[IRR_GROUP])
{
    mlroi_vd nt[MLROI_MAX_YEARS + 1][IRR_VECS];
    mlroi_vd v[IRR_VECS], ftol[IRR_VECS], pc[IRR_VECS], nx[IRR_VECS];
    mlroi_vm on[IRR_VECS], done[IRR_VECS];
    bool walking = false;

    /* The runs' years as lanes: blocks of MLROI_LANES years of MLROI_LANES runs transposed,
     * the years left over a value at a time. */
    for (int j = 0; j < IRR_VECS; j++) {
        const double *rows = net + (size_t)(j * MLROI_LANES) * stride;
        int t = 0;
        for (; t + MLROI_LANES <= n + 1; t += MLROI_LANES) {
            mlroi_vd r[MLROI_LANES];
            for (int w = 0; w < MLROI_LANES; w++)
                memcpy(&r[w], rows + (size_t)w * stride + (size_t)t, sizeof r[w]);
            mlroi_vtranspose(r);
            for (int w = 0; w < MLROI_LANES; w++)
                nt[t + w][j] = r[w];
        }
        for (; t <= n; t++)
            for (int w = 0; w < MLROI_LANES; w++)
                nt[t][j][w] = rows[(size_t)w * stride + (size_t)t];
    }

    for (int j = 0; j < IRR_VECS; j++) {
        mlroi_vd scale = {0}, s = {0}, f0 = nt[n][j], d, r, p, dp = {0}, next;
        mlroi_vm ok = nt[0][j] < 0, start_ok;
        /* irr_signs: every amount finite (its sizes summed in year order, for the
         * tolerance); irr_conventional: money out at t = 0 and none after year 1. */
        for (int t = 0; t <= n; t++) {
            ok &= mlroi_vabs(nt[t][j]) <= DBL_MAX;
            scale = scale + mlroi_vabs(nt[t][j]);
            if (t >= 2)
                ok &= nt[t][j] >= 0;
        }
        /* mlroi_npv at 0 % (v = 1: Horner's products are the sums themselves) above the
         * tolerance. With the shape above that also means exactly one sign change. */
        for (int t = n - 1; t >= 0; t--)
            f0 = f0 + nt[t][j];
        ftol[j] = 1e-9 * scale;
        ok &= f0 > ftol[j];
        on[j] = ok;
        done[j] = (mlroi_vm){0};
        walking = walking || mlroi_vany(&ok);

        /* irr_start, its two forms of the root as one division of the chosen operands. */
        for (int t = 2; t <= n; t++)
            s = s + nt[t][j];
        /* (a lane with d < 0 has s <= 0 and starts at 1, as in irr_start) */
        d = mlroi_vsqrt(nt[1][j] * nt[1][j] - 4.0 * s * nt[0][j]);
        {
            mlroi_vm pos = nt[1][j] >= 0;
            r = mlroi_vsel(pos, -2.0 * nt[0][j], d - nt[1][j]) /
                mlroi_vsel(pos, nt[1][j] + d, 2.0 * s);
        }
        p = nt[n][j];
        for (int t = n - 1; t >= 0; t--) {
            dp = dp * r + p;
            p = p * r + nt[t][j];
        }
        next = r - p / dp;
        start_ok = (s > 0) & (r > 0) & (r < 1) & (dp > 0) & (next > r) & (next < 1.0);
        v[j] = mlroi_vsel(start_ok, next, (mlroi_vd){0} + 1.0);
        pc[j] = nx[j] = (mlroi_vd){0};
    }

    /* irr_conventional's walk: a lane stops when it converges (its last p and step are kept
     * for the refinement) or when the walk fails (then mlroi_irr takes it). */
    for (int iter = 0; iter < 100 && walking; iter++) {
        walking = false;
        for (int j = 0; j < IRR_VECS; j++) {
            mlroi_vd p = nt[n][j], dp = {0}, next;
            mlroi_vm conv, steps;
            for (int t = n - 1; t >= 0; t--) {
                dp = dp * v[j] + p;
                p = p * v[j] + nt[t][j];
            }
            next = v[j] - p / dp;
            conv = on[j] & (dp > 0) & (mlroi_vabs(p) <= ftol[j]);
            steps = on[j] & (dp > 0) & ~conv & (next > 0) & (next < v[j]);
            done[j] |= conv;
            pc[j] = mlroi_vsel(conv, p, pc[j]);
            nx[j] = mlroi_vsel(conv, next, nx[j]);
            v[j] = mlroi_vsel(steps, next, v[j]);
            on[j] = steps;
            walking = walking || mlroi_vany(&steps);
        }
    }

    /* The refining step of each converged lane, kept unless rounding made it worse. */
    for (int j = 0; j < IRR_VECS; j++) {
        mlroi_vd q = nt[n][j], w;
        for (int t = n - 1; t >= 0; t--)
            q = q * nx[j] + nt[t][j];
        w = mlroi_vsel((nx[j] > 0) & (mlroi_vabs(q) <= mlroi_vabs(pc[j])), nx[j], v[j]);
        w = 1.0 / w - 1.0;
        for (int k = 0; k < MLROI_LANES; k++) {
            out[j * MLROI_LANES + k] = w[k];
            alone[j * MLROI_LANES + k] = done[j][k] == 0;
        }
    }
}

/* irr_walk with N a constant for the horizons of one to five years (the contract's default
 * is three): each year's loop is unrolled and a vector's chain stays in registers, which
 * takes a third of the instructions off a three-year group. Longer horizons walk with N in a
 * variable. The same operations either way. */
MLROI_CLONES
static void irr_group(const double *net, size_t stride, int n, double out[IRR_GROUP],
                      bool alone[IRR_GROUP])
{
    switch (n) {
    case 1: irr_walk(net, stride, 1, out, alone); break;
    case 2: irr_walk(net, stride, 2, out, alone); break;
    case 3: irr_walk(net, stride, 3, out, alone); break;
    case 4: irr_walk(net, stride, 4, out, alone); break;
    case 5: irr_walk(net, stride, 5, out, alone); break;
    default: irr_walk(net, stride, n, out, alone); break;
    }
}

void mlroi_irr_many(const double *net, size_t stride, const int *n, size_t count, double *out)
{
    size_t i = 0;

    for (; i + IRR_GROUP <= count; i += IRR_GROUP) {
        bool same_n = n[i] >= 1 && n[i] <= MLROI_MAX_YEARS, alone[IRR_GROUP];
        for (int k = 1; k < IRR_GROUP && same_n; k++)
            same_n = n[i + (size_t)k] == n[i];
        if (same_n)
            irr_group(net + i * stride, stride, n[i], out + i, alone);
        for (size_t k = 0; k < IRR_GROUP; k++)
            if (!same_n || alone[k])
                out[i + k] = mlroi_irr(net + (i + k) * stride, n[i + k], NULL, 0, NULL);
    }
    for (; i < count; i++)   /* the last group, when partial */
        out[i] = mlroi_irr(net + i * stride, n[i], NULL, 0, NULL);
}

const char *const mlroi_figure_names[MLROI_FIG_COUNT] = {
    "quick.deployment_savings", "quick.incident_savings", "quick.total_benefits",
    "quick.investment", "team.annual_cost", "tco.recurring", "tco.one_time",
};

const char *mlroi_figure_section(mlroi_figure f)
{
    switch (f) {
    case MLROI_FIG_TEAM_ANNUAL: return "team";
    case MLROI_FIG_TCO_RECURRING: case MLROI_FIG_TCO_ONE_TIME: return "tco";
    default: return "roi";
    }
}

void mlroi_plan_figures_set(mlroi_plan_figures *f, const mlroi_quick *q, double team_annual,
                            double tco_recurring, double tco_one_time)
{
    bool quick = q && q->present;
    f->v[MLROI_FIG_DEPLOYMENT_SAVINGS] = quick ? q->deployment_savings : NAN;
    f->v[MLROI_FIG_INCIDENT_SAVINGS] = quick ? q->incident_savings : NAN;
    f->v[MLROI_FIG_TOTAL_BENEFITS] = quick ? q->total_benefits : NAN;
    f->v[MLROI_FIG_INVESTMENT] = quick ? q->investment : NAN;
    f->v[MLROI_FIG_TEAM_ANNUAL] = team_annual;
    f->v[MLROI_FIG_TCO_RECURRING] = tco_recurring;
    f->v[MLROI_FIG_TCO_ONE_TIME] = tco_one_time;
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

/* Every figure of one set of yearly totals B_t and C_t (MODEL.md: the formulas apply to the
 * totals unchanged). NET_OUT receives net_t for MIRR. */
static void flows_figures(const mlroi_bcase_inputs *bc, const double *ben, const double *cost,
                          const double *df, int n, unsigned parts, mlroi_bcase_figures *f)
{
    double net[MLROI_MAX_YEARS + 1], pv[MLROI_MAX_YEARS + 1];
    double cum = 0, fr, rr;
    int stale = f->horizon;   /* years past N still hold an earlier, longer case's figures */

    f->horizon = n;
    f->pv_benefits = f->pv_costs = f->npv = 0;
    f->total_benefits = f->total_costs = 0;
    for (int t = 0; t <= n; t++) {
        mlroi_cash_year *y = &f->years[t];
        y->year = t;
        y->benefits = ben[t];
        y->costs = cost[t];
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
    /* A note costs a formatted print per evaluation: analysis loops that never show it (a
     * million Monte Carlo samples) leave it out, and MIRR's root with it. */
    if (parts & MLROI_BC_SKIP_IRR)
        f->irr = NAN;   /* the caller's, from the years' net flows (mlroi_irr_many) */
    else if (parts & MLROI_BC_IRR_NOTE)
        f->irr = mlroi_irr(net, n, f->irr_note, sizeof f->irr_note, &f->sign_changes);
    else
        f->irr = mlroi_irr(net, n, NULL, 0, &f->sign_changes);
    if (parts & MLROI_BC_MIRR) {
        fr = isnan(bc->mirr_finance_rate) ? bc->discount_rate : bc->mirr_finance_rate;
        rr = isnan(bc->mirr_reinvest_rate) ? bc->discount_rate : bc->mirr_reinvest_rate;
        f->mirr = mlroi_mirr(net, n, fr, rr, &f->mirr_note);
    }
    f->payback_months = mlroi_payback_months(net, n);
    if (parts & MLROI_BC_DISCOUNTED_PAYBACK)
        f->discounted_payback_months = mlroi_payback_months(pv, n);
}

double mlroi_mirr(const double *net, int n, double fr, double rr, const char **note)
{
    double fv = 0, pv = 0, gr = 1, gf = 1;
    const char *why = NULL;
    double result = NAN;

    /* Growth (1+rr)^(n-t) from the end backwards, discount 1/(1+fr)^t forwards: no pow()
     * but the final root. */
    for (int t = n; t >= 0; t--) {
        if (net[t] > 0)
            fv += net[t] * gr;
        gr *= 1.0 + rr;
    }
    for (int t = 0; t <= n; t++) {
        if (net[t] < 0)
            pv -= net[t] / gf;
        gf *= 1.0 + fr;
    }
    if (!(pv > 0))
        why = "no negative flow";
    else if (!(fv > 0))
        why = "no positive flow";
    else if (n < 1)
        why = "no year to compound over";
    else
        result = pow(fv / pv, 1.0 / n) - 1.0;
    if (note)
        *note = isnan(result) ? (why ? why : "undefined") : NULL;
    return result;
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
    for (size_t i = 0; bc->has_lines && i < bc->line_count; i++)
        if (!isnan(bc->lines[i].risk) && bc->lines[i].risk != 0)
            return false;
    return true;
}

/* The legacy keys' totals, exactly as the formulas of MODEL.md "Business case" (the lines
 * derived from them give the same figures; computing them this way keeps every figure of a
 * scenario without lines bit for bit what it was). */
static mlroi_error legacy_flows(const mlroi_scenario *s, const mlroi_plan_figures *fg, int risky,
                                int n, double annual_cost, double *ben, double *cost)
{
    const mlroi_bcase_inputs *bc = &s->bc;
    double br = risky ? bc->benefit_risk : 0.0;
    double cr = risky ? bc->cost_risk : 0.0;
    double full = fg->v[MLROI_FIG_TOTAL_BENEFITS] * (1.0 - br);
    double c0, ct;

    if (bc->costs_from == MLROI_COSTS_TCO) {
        c0 = fg->v[MLROI_FIG_TCO_ONE_TIME];
        ct = fg->v[MLROI_FIG_TCO_RECURRING];
        if (isnan(c0) || isnan(ct))
            return MLROI_ERR_MISSING;
    } else {
        c0 = bc->initial_investment;
        ct = annual_cost;
    }
    for (size_t i = 0; i < bc->other_count; i++) {
        const mlroi_other_benefit *o = &bc->other_benefits[i];
        double risk = risky ? (isnan(o->risk) ? br : o->risk) : 0.0;
        full += o->annual * (1.0 - risk);
    }
    for (int t = 0; t <= n; t++) {
        ben[t] = t == 0 ? 0.0 : ramp_at(bc, t) * full;
        cost[t] = (t == 0 ? c0 : ct) * (1.0 + cr);
    }
    return MLROI_OK;
}

/* A line's amounts v_0..v_n, described the way MODEL.md's table gives them (roi.h). */
typedef mlroi_line_spec line_spec;

/* Add a line's amounts v_0..v_n times FACTOR into ADJ, and v_t into RAW when it is not NULL:
 * only the years the line has are touched, which keeps Monte Carlo on lines as fast as on the
 * legacy keys. A is the line's yearly amount or amount (SP->a, or its figure of this run). */
static void spec_add(const line_spec *sp, double a, int n, double factor, double *adj,
                     double *raw)
{
    switch (sp->how) {
    case MLROI_LINE_VALUES:
        for (size_t t = 0; t < sp->value_count && t <= (size_t)n; t++) {
            double v = sp->values[t];
            if (sp->scale != 1.0)
                v *= sp->scale;
            adj[t] += v * factor;
            if (raw)
                raw[t] += v;
        }
        break;
    case MLROI_LINE_AMOUNT:
        if (sp->year >= 0 && sp->year <= n) {
            double v = a;
            int t = (int)sp->year;
            if (sp->scale != 1.0)
                v *= sp->scale;
            adj[t] += v * factor;
            if (raw)
                raw[t] += v;
        }
        break;
    default: {
        int start = isnan(sp->start) ? 1 : (int)sp->start;
        int end = isnan(sp->end) ? n : (int)sp->end;
        double growth = 1.0;
        if (end > n)
            end = n;
        for (int t = start < 0 ? 0 : start; t <= end; t++) {
            size_t k = (size_t)(t - start);
            double ramp = sp->ramp_count == 0 ? 1.0
                          : sp->ramp[k < sp->ramp_count ? k : sp->ramp_count - 1];
            double v = a * ramp * growth;
            if (sp->scale != 1.0)
                v *= sp->scale;
            adj[t] += v * factor;
            if (raw)
                raw[t] += v;
            growth *= 1.0 + sp->escalation;
        }
        break;
    }
    }
}

static void spec_amounts(const line_spec *sp, int n, double *v)
{
    for (int t = 0; t <= n; t++)
        v[t] = 0.0;
    spec_add(sp, sp->a, n, 1.0, v, NULL);
}

/* Resolve a written line against the figures. MLROI_ERR_MISSING when its figure is NAN. */
static mlroi_error line_spec_of(const mlroi_bcase_inputs *bc, const mlroi_bc_line *l,
                                const mlroi_plan_figures *fg, line_spec *sp)
{
    sp->kind = l->kind;
    sp->how = l->how;
    sp->values = l->values;
    sp->value_count = l->value_count;
    sp->a = l->annual;
    sp->year = isnan(l->year) ? 0 : l->year;
    sp->start = l->start;
    sp->end = l->end;
    sp->escalation = l->escalation;
    sp->scale = l->scale;
    if (l->ramp_count > 0) {
        sp->ramp = l->ramp;
        sp->ramp_count = l->ramp_count;
    } else if (l->kind == MLROI_LINE_BENEFIT) {
        sp->ramp = bc->benefit_ramp;
        sp->ramp_count = bc->ramp_count;
    } else {
        sp->ramp = NULL;
        sp->ramp_count = 0;
    }
    if (l->how == MLROI_LINE_FROM) {
        sp->a = fg->v[l->from];
        if (isnan(sp->a))
            return MLROI_ERR_MISSING;
        sp->how = l->from == MLROI_FIG_TCO_ONE_TIME ? MLROI_LINE_AMOUNT : MLROI_LINE_ANNUAL;
    }
    return MLROI_OK;
}

static double line_risk(const mlroi_bcase_inputs *bc, const mlroi_bc_line *l)
{
    if (!isnan(l->risk))
        return l->risk;
    return l->kind == MLROI_LINE_BENEFIT ? bc->benefit_risk : bc->cost_risk;
}

/* The written lines' totals: B_t = sum v_t (1 - risk), C_t = sum v_t (1 + risk), and the
 * unadjusted totals beside them when UBEN is not NULL. */
static mlroi_error lines_flows(const mlroi_bcase_inputs *bc, const mlroi_plan_figures *fg, int n,
                               double *ben, double *cost, double *uben, double *ucost)
{
    for (int t = 0; t <= n; t++) {
        ben[t] = cost[t] = 0;
        if (uben)
            uben[t] = ucost[t] = 0;
    }
    for (size_t i = 0; i < bc->line_count; i++) {
        const mlroi_bc_line *l = &bc->lines[i];
        double risk = line_risk(bc, l);
        double factor = l->kind == MLROI_LINE_BENEFIT ? 1.0 - risk : 1.0 + risk;
        double *adj = l->kind == MLROI_LINE_BENEFIT ? ben : cost;
        double *raw = l->kind == MLROI_LINE_BENEFIT ? uben : ucost;
        line_spec sp;
        mlroi_error err = line_spec_of(bc, l, fg, &sp);
        if (err != MLROI_OK)
            return err;
        spec_add(&sp, sp.a, n, factor, adj, uben ? raw : NULL);
    }
    return MLROI_OK;
}

/* The years a simple line (no escalation, no scale) has, and v_t / a for each, exactly as
 * spec_add would take them. */
static void plan_years(const line_spec *sp, int n, int *first, int *last, double *mult)
{
    *first = 1;
    *last = 0;
    switch (sp->how) {
    case MLROI_LINE_VALUES:
        *first = 0;
        *last = sp->value_count < (size_t)n + 1 ? (int)sp->value_count - 1 : n;
        for (int t = 0; t <= *last; t++)
            mult[t] = sp->values[t];
        break;
    case MLROI_LINE_AMOUNT:
        if (sp->year >= 0 && sp->year <= n) {
            *first = *last = (int)sp->year;
            mult[*first] = 1.0;
        }
        break;
    default: {
        int start = isnan(sp->start) ? 1 : (int)sp->start;
        int end = isnan(sp->end) ? n : (int)sp->end;
        *first = start < 0 ? 0 : start;
        *last = end > n ? n : end;
        for (int t = *first; t <= *last; t++) {
            size_t k = (size_t)(t - start);
            mult[t] = sp->ramp_count == 0 ? 1.0
                      : sp->ramp[k < sp->ramp_count ? k : sp->ramp_count - 1];
        }
        break;
    }
    }
}

void mlroi_lines_plan_set(const mlroi_scenario *s, mlroi_lines_plan *p)
{
    const mlroi_bcase_inputs *bc = &s->bc;
    mlroi_plan_figures none;
    double h = bc->horizon_years;
    int n;
    p->count = 0;
    if (!bc->has_lines || bc->line_count == 0 || bc->line_count > MLROI_PLANNED_LINES ||
        !(h >= 1 && h <= MLROI_MAX_YEARS))
        return;
    n = (int)floor(h + 0.5);
    for (int f = 0; f < MLROI_FIG_COUNT; f++)
        none.v[f] = 0;   /* a line's figure is read at each run, not here */
    for (size_t i = 0; i < bc->line_count; i++) {
        const mlroi_bc_line *l = &bc->lines[i];
        double risk = line_risk(bc, l);
        line_spec *sp = &p->line[i].spec;
        line_spec_of(bc, l, &none, sp);
        p->line[i].from = l->how == MLROI_LINE_FROM ? (int)l->from : -1;
        p->line[i].factor = l->kind == MLROI_LINE_BENEFIT ? 1.0 - risk : 1.0 + risk;
        p->line[i].simple = sp->escalation == 0 && sp->scale == 1.0;
        p->line[i].a = sp->how == MLROI_LINE_VALUES ? 1.0 : sp->a;
        if (p->line[i].simple)
            plan_years(sp, n, &p->line[i].first, &p->line[i].last, p->line[i].mult);
    }
    p->count = bc->line_count;
}

/* lines_flows without the unadjusted totals, from a plan: the same operations in the same
 * order, so the same figures bit for bit. BEN and COST hold zeros for years 0..N on entry
 * (mlroi_bcase_batch_run clears them as it reads them, cheaper than two memset calls a run). */
static mlroi_error planned_flows(const mlroi_lines_plan *p, const mlroi_plan_figures *fg, int n,
                                 double *ben, double *cost)
{
    for (size_t i = 0; i < p->count; i++) {
        const line_spec *sp = &p->line[i].spec;
        double a = p->line[i].a, factor = p->line[i].factor;
        double *adj = sp->kind == MLROI_LINE_BENEFIT ? ben : cost;
        if (p->line[i].from >= 0) {
            a = fg->v[p->line[i].from];
            if (isnan(a))
                return MLROI_ERR_MISSING;
        }
        if (!p->line[i].simple) {
            spec_add(sp, a, n, factor, adj, NULL);
            continue;
        }
        for (int t = p->line[i].first; t <= p->line[i].last; t++) {
            double v = a * p->line[i].mult[t];
            adj[t] += v * factor;
        }
    }
    return MLROI_OK;
}

/* Discount factors: end of year 1/(1+r)^t by repeated division (one division a year instead
 * of a pow(), within t/2 units in the last place of it); mid-year 1/(1+r)^(t-0.5). */
static void discount_factors(const mlroi_bcase_inputs *bc, int n, double *df)
{
    df[0] = 1.0;
    for (int t = 1; t <= n; t++)
        df[t] = df[t - 1] / (1.0 + bc->discount_rate);
    if (bc->discounting == MLROI_DISC_MID) {
        double half = sqrt(1.0 + bc->discount_rate);
        for (int t = 1; t <= n; t++)
            df[t] *= half;
    }
}

mlroi_error mlroi_bcase_eval(const mlroi_scenario *s, const mlroi_quick *q,
                             const mlroi_cost_stream *tco_costs, mlroi_bcase *out)
{
    mlroi_plan_figures f;
    mlroi_plan_figures_set(&f, q, NAN, tco_costs ? tco_costs->c[1] : NAN,
                           tco_costs ? tco_costs->c[0] : NAN);
    return mlroi_bcase_eval_plan(s, &f, out);
}

mlroi_error mlroi_bcase_eval_plan(const mlroi_scenario *s, const mlroi_plan_figures *f,
                                  mlroi_bcase *out)
{
    memset(out, 0, sizeof *out);
    return mlroi_bcase_eval_part(s, f, MLROI_BC_ALL, out);
}

mlroi_error mlroi_bcase_eval_part(const mlroi_scenario *s, const mlroi_plan_figures *fg,
                                  unsigned parts, mlroi_bcase *out)
{
    return mlroi_bcase_eval_planned(s, fg, parts, NULL, out);
}

mlroi_error mlroi_bcase_eval_planned(const mlroi_scenario *s, const mlroi_plan_figures *fg,
                                     unsigned parts, const mlroi_lines_plan *plan,
                                     mlroi_bcase *out)
{
    const bool unadjusted = (parts & MLROI_BC_UNADJUSTED) != 0;
    double ben[MLROI_MAX_YEARS + 1], cost[MLROI_MAX_YEARS + 1], df[MLROI_MAX_YEARS + 1];
    double uben[MLROI_MAX_YEARS + 1], ucost[MLROI_MAX_YEARS + 1];
    const mlroi_bcase_inputs *bc = &s->bc;
    double h = bc->horizon_years;
    bool same = riskless(bc);
    mlroi_error err;
    int n;

    out->present = false;
    if (!bc->has_lines && (!s->has_roi || isnan(fg->v[MLROI_FIG_TOTAL_BENEFITS])))
        return MLROI_OK;   /* the benefits come from the roi section: no roi, no case */
    if (!(h >= 1 && h <= MLROI_MAX_YEARS))
        return MLROI_ERR_RANGE;
    if (!(bc->discount_rate > -1.0))
        return MLROI_ERR_RANGE;
    n = (int)floor(h + 0.5);   /* 1 .. MLROI_MAX_YEARS, which the compiler is told */
    if (n < 1 || n > MLROI_MAX_YEARS)
        return MLROI_ERR_RANGE;
    discount_factors(bc, n, df);
    if (bc->has_lines) {
        if (plan && plan->count > 0 && !(unadjusted && !same)) {
            for (int t = 0; t <= n; t++)
                ben[t] = cost[t] = 0;
            err = planned_flows(plan, fg, n, ben, cost);
        } else
            err = lines_flows(bc, fg, n, ben, cost, unadjusted && !same ? uben : NULL, ucost);
        if (err != MLROI_OK)
            return err;
        flows_figures(bc, ben, cost, df, n, parts, &out->adjusted);
        if (unadjusted && !same)
            flows_figures(bc, uben, ucost, df, n, parts, &out->unadjusted);
    } else {
        err = legacy_flows(s, fg, 1, n, mlroi_scenario_annual_cost(s), ben, cost);
        if (err != MLROI_OK)
            return err;
        flows_figures(bc, ben, cost, df, n, parts, &out->adjusted);
        if (unadjusted && !same) {
            legacy_flows(s, fg, 0, n, mlroi_scenario_annual_cost(s), uben, ucost);
            flows_figures(bc, uben, ucost, df, n, parts, &out->unadjusted);
        }
    }
    if (unadjusted && same)
        out->unadjusted = out->adjusted;
    out->present = true;
    /* Inputs within their ranges can still overflow together (a discount rate just above
     * -1 over 50 years, a tiny investment under large benefits). Every term is >= 0 or
     * bounded by these sums, so they are enough to catch it; an infinity must never reach a
     * report as "n/a". */
    if (!isfinite(df[n]) || !figures_finite(&out->adjusted) ||
        (unadjusted && !figures_finite(&out->unadjusted)))
        return MLROI_ERR_NUMERIC;
    return MLROI_OK;
}

/* ---------- many runs at once (Monte Carlo) ---------- */

bool mlroi_bcase_batch_init(const mlroi_scenario *s, const mlroi_plan_figures *fg,
                            const mlroi_lines_plan *plan, mlroi_bcase_batch *b)
{
    const mlroi_bcase_inputs *bc = &s->bc;
    double h = bc->horizon_years;

    memset(b, 0, sizeof *b);
    if (bc->has_lines ? plan == NULL || plan->count == 0 : !s->has_roi)
        return false;
    if (!(h >= 1 && h <= MLROI_MAX_YEARS) || !(bc->discount_rate > -1.0))
        return false;
    b->scenario = s;
    b->plan = bc->has_lines ? plan : NULL;
    b->figures = *fg;
    b->n = (int)floor(h + 0.5);
    discount_factors(bc, b->n, b->df);
    return isfinite(b->df[b->n]);
}

/* The flows come from legacy_flows or planned_flows, as in mlroi_bcase_eval_planned; the sums
 * are flows_figures', the operations in the same order: test_analysis's batch test holds the
 * two ways to the same bits. */
size_t mlroi_bcase_batch_run(const mlroi_bcase_batch *b, const mlroi_quick *q,
                             const double *annual, size_t count, double *npv, double *roi,
                             double *payback, bool *present, double *nets, size_t stride)
{
    const mlroi_scenario *s = b->scenario;
    const int n = b->n;
    double ben[MLROI_MAX_YEARS + 1], cost[MLROI_MAX_YEARS + 1];
    size_t done = count;

    for (int t = 0; t <= n; t++)
        ben[t] = cost[t] = 0;   /* planned_flows adds into zeros; the sums clear them again */
    for (size_t k = 0; k < count; k++) {
        double pv_benefits = 0, pv_costs = 0, sum = 0, benefits = 0, costs = 0;
        double *net = nets + k * stride;
        mlroi_plan_figures fg = b->figures;
        mlroi_error err;

        fg.v[MLROI_FIG_DEPLOYMENT_SAVINGS] = q[k].deployment_savings;
        fg.v[MLROI_FIG_INCIDENT_SAVINGS] = q[k].incident_savings;
        fg.v[MLROI_FIG_TOTAL_BENEFITS] = q[k].total_benefits;
        fg.v[MLROI_FIG_INVESTMENT] = q[k].investment;
        present[k] = b->plan != NULL || !isnan(q[k].total_benefits);
        if (!present[k]) {
            npv[k] = roi[k] = NAN;   /* no case: no benefits without roi figures */
            for (int t = 0; t <= n; t++)
                net[t] = 0;
            continue;
        }
        err = b->plan ? planned_flows(b->plan, &fg, n, ben, cost)
                      : legacy_flows(s, &fg, 1, n, annual[k], ben, cost);
        if (err != MLROI_OK) {
            done = k;
            break;
        }
        for (int t = 0; t <= n; t++) {
            net[t] = ben[t] - cost[t];
            pv_benefits += ben[t] * b->df[t];
            pv_costs += cost[t] * b->df[t];
            sum += net[t] * b->df[t];
            benefits += ben[t];
            costs += cost[t];
            ben[t] = cost[t] = 0;
        }
        npv[k] = sum;
        roi[k] = pv_costs == 0 ? NAN : (pv_benefits - pv_costs) / pv_costs * 100.0;
        if (!(isfinite(pv_benefits) && isfinite(pv_costs) && isfinite(sum) &&
              isfinite(benefits) && isfinite(costs) && !isinf(roi[k]))) {
            done = k;
            break;
        }
    }
    /* Payback a stage apart, several flows at once (a case not present has zeros). */
    mlroi_payback_many(nets, stride, n, done, payback);
    for (size_t k = 0; k < done; k++)
        if (!present[k])
            payback[k] = NAN;
    return done;
}

/* Whether each lane of X is finite (false for NAN too). */
#define lanes_finite(x) (mlroi_vabs(x) < INFINITY)

/* The cases' stage of mlroi_bcase_batch_quick: what it reads, each run's quick total and
 * recurring cost among them (a vector of runs each), and where it writes. */
typedef struct quick_cases {
    const mlroi_bcase_batch *b;
    const double *others, *ramp;
    size_t other_count, count, stride;
    double keep_benefits, with_cost_risk, c0;
    const mlroi_vd *total, *costt;
    double *npv, *roi, *payback, *nets;
    bool *present;
    mlroi_vm fail;              /* lanes whose figures are too large */
} quick_cases;

/* The cases of C's runs over N years: legacy_flows from each run's totals, then
 * mlroi_bcase_batch_run's sums and mlroi_payback_many's steps, the operations in their order. */
static MLROI_INLINE void quick_cases_run(quick_cases *c, int n)
{
    const mlroi_vd cost0 = ((mlroi_vd){ 0 } + c->c0) * c->with_cost_risk;
    const mlroi_vd *total = c->total, *costt = c->costt;
    const size_t count = c->count, stride = c->stride;
    double *npv = c->npv, *roi = c->roi, *payback = c->payback, *nets = c->nets;
    bool *present = c->present;
    for (size_t k = 0, g = 0; k < count; k += MLROI_LANES, g++) {
        const size_t lanes = count - k < MLROI_LANES ? count - k : MLROI_LANES;
        mlroi_vd full, pv_benefits = { 0 }, pv_costs = { 0 }, sum = { 0 }, benefits = { 0 },
                 costs = { 0 }, roi_v, back;
        payback_lanes pb;
        full = total[g] * c->keep_benefits;
        for (size_t i = 0; i < c->other_count; i++)
            full += c->others[i];
        payback_start(&pb);
        for (int t = 0; t <= n; t++) {
            mlroi_vd ben = t == 0 ? (mlroi_vd){ 0 } : c->ramp[t] * full;
            mlroi_vd cost = t == 0 ? cost0 : costt[g], net = ben - cost;
            if (lanes == MLROI_LANES)
                for (size_t w = 0; w < MLROI_LANES; w++)
                    nets[(k + w) * stride + (size_t)t] = net[w];
            else
                for (size_t w = 0; w < lanes; w++)
                    nets[(k + w) * stride + (size_t)t] = net[w];
            pv_benefits += ben * c->b->df[t];
            pv_costs += cost * c->b->df[t];
            sum += net * c->b->df[t];
            benefits += ben;
            costs += cost;
            payback_year(&pb, &net, t);
        }
        payback_end(&pb, n, &back);
        roi_v = mlroi_vsel(pv_costs == 0.0, (mlroi_vd){ 0 } + NAN,
                           (pv_benefits - pv_costs) / pv_costs * 100.0);
        c->fail |= ~(lanes_finite(pv_benefits) & lanes_finite(pv_costs) & lanes_finite(sum) &
                     lanes_finite(benefits) & lanes_finite(costs)) |
                   (mlroi_vabs(roi_v) == INFINITY);
        if (lanes == MLROI_LANES) {   /* whole vectors: a store each, not one per lane */
            memcpy(npv + k, &sum, sizeof sum);
            memcpy(roi + k, &roi_v, sizeof roi_v);
            memcpy(payback + k, &back, sizeof back);
            memset(present + k, true, MLROI_LANES * sizeof *present);
        } else {
            for (size_t w = 0; w < lanes; w++) {
                npv[k + w] = sum[w];
                roi[k + w] = roi_v[w];
                payback[k + w] = back[w];
                present[k + w] = true;
            }
        }
    }
}

MLROI_CLONES
size_t mlroi_bcase_batch_quick(const mlroi_bcase_batch *b, const double *const *cols,
                               size_t count, double *npv, double *roi, double *payback,
                               bool *present, double *nets, size_t stride)
{
    const mlroi_scenario *s = b->scenario;
    const mlroi_bcase_inputs *bc = &s->bc;
    const double consts[MLROI_ROI_FIELDS] = {
        s->roi.team_size, s->roi.avg_salary, s->roi.models_per_year,
        s->roi.current_time_to_prod_weeks, s->roi.mlops_time_to_prod_weeks,
        s->roi.model_incidents_per_year, s->roi.avg_incident_cost, s->roi.incident_reduction,
        s->roi.mlops_investment,
    };
    const int n = b->n;
    const double with_cost_risk = 1.0 + bc->cost_risk;
    /* A field no column moves reads its value from every lane of a vector of it. */
    mlroi_vd fixed[MLROI_ROI_FIELDS];
    const double *field[MLROI_ROI_FIELDS];
    size_t step[MLROI_ROI_FIELDS];
    double others[64], ramp[MLROI_MAX_YEARS + 1], ct = NAN, pad[MLROI_LANES];
    const bool annual_fixed = !isnan(bc->annual_cost), tco = bc->costs_from == MLROI_COSTS_TCO;
    mlroi_vd total[MLROI_BCASE_QUICK_MAX / MLROI_LANES + 1];
    mlroi_vd costt[MLROI_BCASE_QUICK_MAX / MLROI_LANES + 1];
    mlroi_vm fail = { 0 };
    quick_cases c = { .b = b, .others = others, .ramp = ramp, .other_count = bc->other_count,
                      .count = count, .stride = stride, .keep_benefits = 1.0 - bc->benefit_risk,
                      .with_cost_risk = with_cost_risk, .total = total, .costt = costt,
                      .npv = npv, .roi = roi, .payback = payback, .nets = nets,
                      .present = present };

    if (b->plan != NULL || !s->has_roi || bc->other_count > sizeof others / sizeof others[0])
        return 0;
    /* legacy_flows' terms that no roi input moves, each computed as it computes it */
    for (size_t i = 0; i < bc->other_count; i++) {
        const mlroi_other_benefit *o = &bc->other_benefits[i];
        others[i] = o->annual * (1.0 - (isnan(o->risk) ? bc->benefit_risk : o->risk));
    }
    for (int t = 1; t <= n; t++)
        ramp[t] = ramp_at(bc, t);
    if (tco) {
        c.c0 = b->figures.v[MLROI_FIG_TCO_ONE_TIME];
        ct = b->figures.v[MLROI_FIG_TCO_RECURRING];
        if (isnan(c.c0) || isnan(ct))
            return 0;
    } else {
        c.c0 = bc->initial_investment;
        if (annual_fixed)
            ct = bc->annual_cost;
    }
    for (int j = 0; j < MLROI_ROI_FIELDS; j++) {
        fixed[j] = (mlroi_vd){ 0 } + consts[j];
        field[j] = cols[j] != NULL ? cols[j] : (const double *)&fixed[j];
        step[j] = cols[j] != NULL;
    }
    if (count > MLROI_BCASE_QUICK_MAX)
        return 0;
    /* Two stages over the runs, each with short independent steps the processor overlaps:
     * the quick estimates, then the cases. */
    for (size_t k = 0, g = 0; k < count; k += MLROI_LANES, g++) {
        const size_t lanes = count - k < MLROI_LANES ? count - k : MLROI_LANES;
        mlroi_vd f[MLROI_ROI_FIELDS], tsw, cpw, dep, inc, invest, net;
        for (int j = 0; j < MLROI_ROI_FIELDS; j++) {
            if (lanes == MLROI_LANES || step[j] == 0) {
                memcpy(&f[j], field[j] + k * step[j], sizeof f[j]);
                continue;
            }
            /* the last runs: their values, the last one repeated to fill the lanes */
            for (size_t w = 0; w < MLROI_LANES; w++)
                pad[w] = field[j][k + (w < lanes ? w : lanes - 1)];
            memcpy(&f[j], pad, sizeof f[j]);
        }
        /* mlroi_quick_eval */
        tsw = f[3] - f[4];
        cpw = f[0] * f[1] / 52.0;
        dep = tsw * cpw * f[2];
        inc = f[5] * f[6] * f[7];
        total[g] = dep + inc;
        invest = f[8];
        net = total[g] - invest;
        /* Where the quick estimate's ROI, net / investment * 100, could be too large for a
         * double (mlroi_evaluator_run_many stops there), the usual way takes the chunk: with
         * |net| <= 1e300 and |investment| >= 1e-6 it is at most about 1e308. */
        fail |= (invest != 0.0) & ~((mlroi_vabs(net) <= 1e300) & (mlroi_vabs(invest) >= 1e-6));
        fail |= total[g] != total[g];   /* no case */
        costt[g] = (tco || annual_fixed ? (mlroi_vd){ 0 } + ct : invest) * with_cost_risk;
    }
    /* The cases, compiled for each horizon of one to five years as irr_group is. */
    c.fail = fail;
    switch (n) {
    case 1: quick_cases_run(&c, 1); break;
    case 2: quick_cases_run(&c, 2); break;
    case 3: quick_cases_run(&c, 3); break;
    case 4: quick_cases_run(&c, 4); break;
    case 5: quick_cases_run(&c, 5); break;
    default: quick_cases_run(&c, n); break;
    }
    return mlroi_vany(&c.fail) ? 0 : count;
}

/* ---------- the lines, one by one, for the reports ---------- */

size_t mlroi_bcase_line_count(const mlroi_scenario *s)
{
    const mlroi_bcase_inputs *bc = &s->bc;
    if (bc->has_lines)
        return bc->line_count;
    /* quick.total_benefits, the other benefits, then the costs */
    return 1 + bc->other_count + (bc->costs_from == MLROI_COSTS_TCO ? 2
                                  : (bc->initial_investment != 0 ? 2 : 1));
}

static void line_sums(mlroi_line_result *r, const double *df, int n)
{
    r->total = r->pv = r->total_unadjusted = r->pv_unadjusted = 0;
    for (int t = 0; t <= n; t++) {
        r->total += r->adjusted[t];
        r->pv += r->adjusted[t] * df[t];
        r->total_unadjusted += r->values[t];
        r->pv_unadjusted += r->values[t] * df[t];
    }
}

static void line_fill(mlroi_line_result *r, const line_spec *sp, double risk, const double *df,
                      int n)
{
    double factor = sp->kind == MLROI_LINE_BENEFIT ? 1.0 - risk : 1.0 + risk;
    r->kind = sp->kind;
    r->risk = risk;
    spec_amounts(sp, n, r->values);
    for (int t = 0; t <= n; t++)
        r->adjusted[t] = r->values[t] * factor;
    for (int t = n + 1; t <= MLROI_MAX_YEARS; t++)
        r->values[t] = r->adjusted[t] = 0;
    line_sums(r, df, n);
}

/* A derived line: a yearly amount A from year 1 with the benefit ramp (benefits) or none. */
static void derived_yearly(mlroi_line_result *r, const mlroi_bcase_inputs *bc, const char *name,
                           mlroi_line_kind kind, const char *from, double a, double risk,
                           const double *df, int n)
{
    line_spec sp = { kind, MLROI_LINE_ANNUAL, NULL, 0, a, 0, NAN, NAN, 0,
                     kind == MLROI_LINE_BENEFIT ? bc->benefit_ramp : NULL,
                     kind == MLROI_LINE_BENEFIT ? bc->ramp_count : 0, 1.0 };
    memset(r, 0, sizeof *r);
    r->name = name;
    r->from = from;
    r->derived = true;
    r->scale = 1.0;
    line_fill(r, &sp, risk, df, n);
}

static void derived_amount(mlroi_line_result *r, const char *name, const char *from, double a,
                           double risk, const double *df, int n)
{
    line_spec sp = { MLROI_LINE_COST, MLROI_LINE_AMOUNT, NULL, 0, a, 0, NAN, NAN, 0, NULL, 0,
                     1.0 };
    memset(r, 0, sizeof *r);
    r->name = name;
    r->from = from;
    r->derived = true;
    r->scale = 1.0;
    line_fill(r, &sp, risk, df, n);
}

mlroi_error mlroi_bcase_lines_eval(const mlroi_scenario *s, const mlroi_plan_figures *fg,
                                   const mlroi_bcase *bcr, mlroi_line_result *out)
{
    const mlroi_bcase_inputs *bc = &s->bc;
    double df[MLROI_MAX_YEARS + 1];
    int n = bcr->adjusted.horizon;
    size_t k = 0;

    for (int t = 0; t <= n; t++)
        df[t] = bcr->adjusted.years[t].discount_factor;
    if (bc->has_lines) {
        for (size_t i = 0; i < bc->line_count; i++) {
            const mlroi_bc_line *l = &bc->lines[i];
            mlroi_line_result *r = &out[i];
            line_spec sp;
            mlroi_error err = line_spec_of(bc, l, fg, &sp);
            if (err != MLROI_OK)
                return err;
            memset(r, 0, sizeof *r);
            r->name = l->name;
            r->category = l->category;
            r->source = l->source;
            r->note = l->note;
            r->from = l->how == MLROI_LINE_FROM ? mlroi_figure_names[l->from] : NULL;
            r->scale = l->scale;
            line_fill(r, &sp, line_risk(bc, l), df, n);
        }
        return MLROI_OK;
    }
    derived_yearly(&out[k++], bc, "Quick-estimate benefits", MLROI_LINE_BENEFIT,
                   mlroi_figure_names[MLROI_FIG_TOTAL_BENEFITS], fg->v[MLROI_FIG_TOTAL_BENEFITS],
                   bc->benefit_risk, df, n);
    for (size_t i = 0; i < bc->other_count; i++) {
        const mlroi_other_benefit *o = &bc->other_benefits[i];
        derived_yearly(&out[k], bc, o->name, MLROI_LINE_BENEFIT, NULL, o->annual,
                       isnan(o->risk) ? bc->benefit_risk : o->risk, df, n);
        /* other_benefits follow the benefit ramp from year 1, as B_t says */
        k++;
    }
    if (bc->costs_from == MLROI_COSTS_TCO) {
        derived_amount(&out[k++], "Set-up (TCO one-time)",
                       mlroi_figure_names[MLROI_FIG_TCO_ONE_TIME], fg->v[MLROI_FIG_TCO_ONE_TIME],
                       bc->cost_risk, df, n);
        derived_yearly(&out[k++], bc, "Running costs (TCO)", MLROI_LINE_COST,
                       mlroi_figure_names[MLROI_FIG_TCO_RECURRING],
                       fg->v[MLROI_FIG_TCO_RECURRING], bc->cost_risk, df, n);
    } else {
        if (bc->initial_investment != 0)
            derived_amount(&out[k++], "Initial investment", NULL, bc->initial_investment,
                           bc->cost_risk, df, n);
        derived_yearly(&out[k++], bc, "MLOps investment", MLROI_LINE_COST,
                       isnan(bc->annual_cost) ? mlroi_figure_names[MLROI_FIG_INVESTMENT] : NULL,
                       mlroi_scenario_annual_cost(s), bc->cost_risk, df, n);
    }
    return MLROI_OK;
}
