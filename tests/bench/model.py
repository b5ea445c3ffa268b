# SPDX-License-Identifier: MIT
"""The business case of MODEL.md written with numpy, one array element per case: the
reference the benchmarks hold mlroi against (make bench). It reads the legacy form of a
scenario (roi and business_case without lines); every figure is a numpy array or a float."""
import json

import numpy as np

BC_DEFAULTS = {"horizon_years": 3, "discount_rate": 0.10, "initial_investment": 0.0,
               "benefit_ramp": [1.0], "benefit_risk": 0.0, "cost_risk": 0.0}


def load(path):
    """The scenario's roi and business_case figures, flattened to 'roi.x' / 'business_case.x'."""
    with open(path, encoding="utf-8") as f:
        s = json.load(f)
    bc = dict(BC_DEFAULTS)
    bc.update(s.get("business_case", {}))
    if "lines" in bc or "other_benefits" in bc or bc.get("costs_from", "investment") != "investment":
        raise SystemExit("model.py: only the legacy business case (no lines) is modelled")
    bc.setdefault("annual_cost", s["roi"]["mlops_investment"])
    fig = {"roi." + k: v for k, v in s["roi"].items()}
    fig.update({"business_case." + k: v for k, v in bc.items()})
    return s, fig


def ramp(fig, t):
    r = fig["business_case.benefit_ramp"]
    return r[min(t, len(r)) - 1]


def flows(f):
    """Net flows net_t (t = 0..N) and discount factors d_t: lists of arrays / floats."""
    saved = f["roi.current_time_to_prod_weeks"] - f["roi.mlops_time_to_prod_weeks"]
    per_week = f["roi.team_size"] * f["roi.avg_salary"] / 52.0
    total = (saved * per_week * f["roi.models_per_year"]
             + f["roi.model_incidents_per_year"] * f["roi.avg_incident_cost"]
             * f["roi.incident_reduction"])
    n = int(f["business_case.horizon_years"])
    r = f["business_case.discount_rate"]
    up = 1.0 + f["business_case.cost_risk"]
    ben = [0.0 * total] + [ramp(f, t) * (total * (1.0 - f["business_case.benefit_risk"]))
                           for t in range(1, n + 1)]
    cost = [f["business_case.initial_investment"] * up] + \
           [f["business_case.annual_cost"] * up for _ in range(n)]
    disc = [1.0 / (1.0 + r) ** t for t in range(n + 1)]
    return ben, cost, disc


def npv(f):
    ben, cost, disc = flows(f)
    return sum((b - c) * d for b, c, d in zip(ben, cost, disc))


def metrics(f):
    """NPV, PV ROI (%), payback months and IRR of every case (NAN where undefined)."""
    ben, cost, disc = flows(f)
    n = len(ben) - 1
    net = [b - c for b, c in zip(ben, cost)]
    pvb = sum(b * d for b, d in zip(ben, disc))
    pvc = sum(c * d for c, d in zip(cost, disc))
    npv_ = pvb - pvc
    with np.errstate(divide="ignore", invalid="ignore"):
        roi = np.where(pvc != 0, (pvb - pvc) / pvc * 100.0, np.nan)
    # Payback: the cumulative net curve is linear between the year ends; it pays back where
    # it last crosses from below zero, NAN when it ends below zero.
    cum = np.cumsum(np.vstack(np.broadcast_arrays(*net)), axis=0)
    below = cum < 0
    last = np.where(below.any(axis=0), n - np.argmax(below[::-1], axis=0), -1)
    k = np.clip(last, 0, n - 1)
    ck = np.take_along_axis(cum, k[None, :], 0)[0]
    ck1 = np.take_along_axis(cum, np.minimum(k + 1, n)[None, :], 0)[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = 12.0 * k + 12.0 * (-ck) / (ck1 - ck)
    payback = np.where(last < 0, 0.0, np.where(cum[n] < 0, np.nan, cross))
    return npv_, roi, payback, irr(np.vstack(np.broadcast_arrays(*net)))


def irr(net):
    """The rate with zero NPV where the net flows (rows t = 0..N) change sign exactly once;
    NAN elsewhere. In y = 1 / (1 + x) the NPV is the polynomial sum net_t y^t, with exactly
    one root above 0 (Descartes): safeguarded Newton (a bisection step whenever Newton leaves
    the bracket (0, Cauchy's bound]), every case at once until all have converged."""
    sgn = np.sign(net)
    changes = np.zeros(net.shape[1], dtype=int)
    prev = np.zeros(net.shape[1])
    for row in sgn:
        changes += (row != 0) & (prev != 0) & (row != prev)
        prev = np.where(row != 0, row, prev)
    ok = changes == 1
    cols = np.arange(net.shape[1])
    lead = np.sign(net[np.argmax(net != 0, axis=0), cols])
    top = net[net.shape[0] - 1 - np.argmax(net[::-1] != 0, axis=0), cols]
    tol = 1e-9 * np.sum(np.abs(net), axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        hi = np.where(ok, 1.0 + np.max(np.abs(net), axis=0) / np.abs(top), 2.0)
    lo = np.zeros(net.shape[1])
    y = np.minimum(1.0, 0.5 * hi)
    deriv = net[1:] * np.arange(1, net.shape[0])[:, None]
    for _ in range(200):
        f = np.zeros_like(y)
        for row in net[::-1]:
            f = f * y + row
        df = np.zeros_like(y)
        for row in deriv[::-1]:
            df = df * y + row
        left = np.sign(f) == lead
        lo = np.where(left, y, lo)
        hi = np.where(left, hi, y)
        with np.errstate(divide="ignore", invalid="ignore"):
            step = y - f / df
        step = np.where((step > lo) & (step < hi), step, 0.5 * (lo + hi))
        done = ~ok | (np.abs(f) <= tol) | (np.abs(step - y) <= 1e-15 * y)
        y = np.where(done, y, step)
        if done.all():
            break
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(ok, 1.0 / y - 1.0, np.nan)
