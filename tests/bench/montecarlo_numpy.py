# SPDX-License-Identifier: MIT
"""Reference for `mlroi montecarlo FILE --format json`: the vectorised Monte Carlo of the
business case (model.py) with the scenario's samples, distributions and method (Latin
hypercube or plain), its statistics written with json.dump (make bench times the two as whole
processes). Random numbers are numpy's own, so the figures agree with mlroi's statistically.
Usage: montecarlo_numpy.py FILE [--check MLROI.json]"""
import json
import math
import sys

import numpy as np

import model

Z95 = 1.6448536269514722   # Phi(Z95) = 0.95
PCTS = (5, 10, 25, 50, 75, 90, 95)
METRICS = ("npv", "roi_percent", "payback_months", "irr")

# Phi tabulated finely: the normal quantile is its inverse by interpolation.
_Z = np.linspace(-9.0, 9.0, 1 << 18)
_PHI = 0.5 * np.frompyfunc(lambda z: math.erfc(-z / math.sqrt(2.0)), 1, 1)(_Z).astype(float)


def beta_table(a, b):
    """The cdf of Beta(a, b) (a, b >= 1) on a fine grid, by the trapezoid rule."""
    x = np.linspace(0.0, 1.0, 1 << 18)
    pdf = x ** (a - 1.0) * (1.0 - x) ** (b - 1.0)
    cdf = np.concatenate(([0.0], np.cumsum(0.5 * (pdf[1:] + pdf[:-1]))))
    return x, cdf / cdf[-1]


def sampler(spec):
    """(cdf, quantile) of the untruncated distribution SPEC as written in a scenario."""
    kind = spec["dist"]
    if kind == "uniform":
        a, b = spec["min"], spec["max"]
        return (lambda v: np.clip((v - a) / (b - a), 0, 1)), (lambda u: a + (b - a) * u)
    if kind == "triangular":
        a, m, c = spec["min"], spec["mode"], spec["max"]
        fm = (m - a) / (c - a)
        return (lambda v: np.where(v <= m, (v - a) ** 2 / ((c - a) * (m - a)),
                                   1 - (c - v) ** 2 / ((c - a) * (c - m)))), \
               (lambda u: np.where(u < fm, a + np.sqrt(u * (c - a) * (m - a)),
                                   c - np.sqrt((1 - u) * (c - a) * (c - m))))
    if kind == "pert":
        a, m, c = spec["min"], spec["mode"], spec["max"]
        lam = spec.get("lambda", 4.0)
        x, cdf = beta_table(1 + lam * (m - a) / (c - a), 1 + lam * (c - m) / (c - a))
        return (lambda v: np.interp((v - a) / (c - a), x, cdf)), \
               (lambda u: a + (c - a) * np.interp(u, cdf, x))
    if kind in ("normal", "lognormal"):
        log = kind == "lognormal"
        if "p5" in spec:
            lo, hi = spec["p5"], spec["p95"]
            if log:
                lo, hi = math.log(lo), math.log(hi)
            mu, sigma = (lo + hi) / 2, (hi - lo) / (2 * Z95)
        elif log:
            s2 = math.log1p((spec["sd"] / spec["mean"]) ** 2)
            mu, sigma = math.log(spec["mean"]) - s2 / 2, math.sqrt(s2)
        else:
            mu, sigma = spec["mean"], spec["sd"]
        if log:
            return (lambda v: np.interp((np.log(np.maximum(v, 1e-300)) - mu) / sigma, _Z, _PHI)), \
                   (lambda u: np.exp(mu + sigma * np.interp(u, _PHI, _Z)))
        return (lambda v: np.interp((v - mu) / sigma, _Z, _PHI)), \
               (lambda u: mu + sigma * np.interp(u, _PHI, _Z))
    raise SystemExit("montecarlo_numpy: unknown distribution " + kind)


def draw(spec, n, lhs, rng):
    cdf, quantile = sampler(spec)
    u_lo = float(cdf(np.array(spec["min"]))) if "min" in spec and spec["dist"] in ("normal", "lognormal") else 0.0
    u_hi = float(cdf(np.array(spec["max"]))) if "max" in spec and spec["dist"] in ("normal", "lognormal") else 1.0
    u = rng.random(n)
    if lhs:
        u = (rng.permutation(n) + u) / n
    return quantile(u_lo + u * (u_hi - u_lo))


def stats(v):
    ok = v[~np.isnan(v)]
    out = {"undefined_share": 1.0 - ok.size / v.size}
    if ok.size:
        out.update({"mean": ok.mean(), "sd": ok.std(ddof=1) if ok.size > 1 else 0.0,
                    "min": ok.min(), "max": ok.max()})
        out.update({"p%d" % p: q for p, q in zip(PCTS, np.percentile(ok, PCTS))})
    return out


def main(argv):
    s, fig = model.load(argv[1])
    unc = s["uncertainty"]
    if unc.get("correlations"):
        raise SystemExit("montecarlo_numpy: correlations are not modelled")
    n = int(unc.get("samples", 10000))
    lhs = unc.get("method", "lhs") == "lhs"
    rng = np.random.default_rng(unc.get("seed", 42))
    for path, spec in unc["inputs"].items():
        fig[path] = draw(spec, n, lhs, rng)
    values = dict(zip(METRICS, model.metrics(fig)))
    npv = values["npv"]
    counts, edges = np.histogram(npv[~np.isnan(npv)], bins=20)
    doc = {"samples": n, "method": "lhs" if lhs else "mc",
           "metrics": {m: stats(v) for m, v in values.items()},
           "p_npv_positive": float(np.mean(npv > 0)),
           "p_payback_within_horizon": float(np.mean(~np.isnan(values["payback_months"]))),
           "histogram": {"edges": edges.tolist(), "counts": counts.tolist()}}
    if len(argv) > 3 and argv[2] == "--check":
        with open(argv[3], encoding="utf-8") as f:
            return check(json.load(f), values, doc)
    json.dump(doc, sys.stdout, default=float)
    return 0


def check(got, values, doc):
    """mlroi's figures against these samples: each mean within 5 standard errors, each
    percentile's level (the share of these samples below mlroi's figure) and each share within
    5 standard errors of the binomial."""
    n, bad = doc["samples"], []

    def near(name, p_got, p_want):
        if abs(p_got - p_want) > 5 * math.sqrt(max(p_want * (1 - p_want), 1e-6) / n):
            bad.append("%s: %.6g, numpy %.6g" % (name, p_got, p_want))
    for m, v in values.items():
        ok = np.sort(v[~np.isnan(v)])
        g = got["metrics"][m]
        near(m + ".undefined_share", g["undefined_share"], doc["metrics"][m]["undefined_share"])
        if ok.size < 2:
            continue
        se = ok.std() / math.sqrt(ok.size)
        if abs(g["mean"] - ok.mean()) > 5 * se:
            bad.append("%s.mean: %.6g, numpy %.6g (se %.3g)" % (m, g["mean"], ok.mean(), se))
        for p in PCTS:
            level = np.searchsorted(ok, g["p%d" % p]) / ok.size
            near("%s.p%d (level)" % (m, p), level, p / 100.0)
    near("p_npv_positive", got["p_npv_positive"], doc["p_npv_positive"])
    near("p_payback_within_horizon", got["p_payback_within_horizon"],
         doc["p_payback_within_horizon"])
    for line in bad:
        print("montecarlo check: " + line)
    print("montecarlo check: %d samples, %s" % (n, "agrees" if not bad else "DIFFERS"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
