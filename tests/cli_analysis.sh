#!/bin/sh
# SPDX-License-Identifier: MIT
# Command-line tests of the what-if commands (compare, sweep, tornado, grid, breakeven,
# montecarlo) and of --fail-if gates. Usage: sh tests/cli_analysis.sh path/to/mlroi
# Expected figures are hand formulas (computed here by Python), never the program's output.
set -u
BIN=$1
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/common.sh"

# expect NAME RC ARGS...: exit code RC; stdout in $tmp/out, stderr in $tmp/err.
expect() {
    name=$1 rc=$2
    shift 2
    run "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -ne "$rc" ]; then
        ko "$name: exit $got, expected $rc"
        sed 's/^/    /' "$tmp/err" >&2
        return 1
    fi
    ok
    return 0
}
# has NAME FILE TEXT: FILE contains the fixed string TEXT.
has() {
    if grep -qF -- "$3" "$2"; then ok; else ko "$1: '$3' not in $2"; sed 's/^/    /' "$2" >&2; fi
}
# pycheck NAME SCRIPT: run a Python check reading the JSON in $tmp/out.
pycheck() {
    if "$PY" -c "$2" "$tmp/out"; then ok; else ko "$1"; fi
}

# The article's worked example (MLOps for Decision Makers, 2025) with the business case's
# defaults: NPV = (675,000 + 3 c - I) * (1/1.1 + 1/1.1^2 + 1/1.1^3), c the incident cost,
# I the yearly investment.
cat >"$tmp/base.json" <<'EOF'
{ "format": 1, "name": "Base case",
  "roi": { "team_size": 5, "avg_salary": 90000, "models_per_year": 6,
           "current_time_to_prod_weeks": 16, "mlops_time_to_prod_weeks": 3,
           "model_incidents_per_year": 4, "avg_incident_cost": 75000,
           "incident_reduction": 0.75, "mlops_investment": 200000 },
  "uncertainty": { "samples": 20000, "seed": 42,
    "inputs": { "roi.avg_incident_cost": { "dist": "uniform", "min": 50000, "max": 100000 },
                "roi.mlops_investment": { "dist": "triangular", "min": 150000, "mode": 200000, "max": 400000 } },
    "correlations": [ [ "roi.avg_incident_cost", "roi.mlops_investment", 0.3 ] ] } }
EOF
cat >"$tmp/cheaper.json" <<'EOF'
{ "format": 1, "name": "Cheaper platform", "extends": "base.json",
  "roi": { "mlops_investment": 150000 } }
EOF

# --- sweep ---------------------------------------------------------------------------------
if expect sweep-json 0 sweep "$tmp/base.json" --param roi.avg_incident_cost --from 25000 \
        --to 150000 --points 6 --format json; then
    pycheck sweep-linear-npv '
import json, sys
d = json.load(open(sys.argv[1]))
a = sum(1.1 ** -t for t in (1, 2, 3))
assert d["param"] == "roi.avg_incident_cost", d["param"]
assert [r["value"] for r in d["rows"]] == [25000, 50000, 75000, 100000, 125000, 150000]
for r in d["rows"]:
    assert set(r) == {"value", "npv", "roi_percent", "payback_months", "irr"}, set(r)
    want = (675000 + 3 * r["value"] - 200000) * a
    assert abs(r["npv"] - want) <= 1e-9 * want, (r, want)
'
fi
expect sweep-values-text 0 sweep "$tmp/base.json" --param business_case.discount_rate \
    --values 0.05,0.08,0.10,0.12 && has sweep-values-text "$tmp/out" "business_case.discount_rate"
expect sweep-csv 0 sweep "$tmp/base.json" --param roi.team_size --values 4,5 --format csv &&
    has sweep-csv "$tmp/out" "param,value,npv,roi_percent,payback_months,irr"
expect sweep-zero-points 2 sweep "$tmp/base.json" --param roi.team_size --from 1 --to 2 --points 0
expect sweep-huge-points 2 sweep "$tmp/base.json" --param roi.team_size --from 1 --to 2 \
    --points 1000000000
expect sweep-out-of-range 2 sweep "$tmp/base.json" --param roi.incident_reduction --values 0.5,1.5 &&
    has sweep-out-of-range "$tmp/err" "roi.incident_reduction: expected"
expect sweep-both-forms 2 sweep "$tmp/base.json" --param roi.team_size --values 1 --from 1
expect sweep-unknown-param 2 sweep "$tmp/base.json" --param roi.nothing --values 1
expect sweep-bad-list 2 sweep "$tmp/base.json" --param roi.team_size --values 1,,2

# --- grid ----------------------------------------------------------------------------------
if expect grid-json 0 grid "$tmp/base.json" --x roi.avg_incident_cost:50000:100000:3 \
        --y business_case.discount_rate:0.05:0.15:3 --format json; then
    pycheck grid-orientation '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["metric"] == "npv"
xs, ys = d["x"]["values"], d["y"]["values"]
assert d["x"]["param"] == "roi.avg_incident_cost" and d["y"]["param"] == "business_case.discount_rate"
for i, r in enumerate(ys):
    for j, c in enumerate(xs):
        want = (675000 + 3 * c - 200000) * sum((1 + r) ** -t for t in (1, 2, 3))
        got = d["matrix"][i][j]
        assert abs(got - want) <= 1e-9 * want, (i, j, got, want)
'
fi
expect grid-threads-1 0 grid "$tmp/base.json" --x roi.models_per_year:2:12:50 \
    --y roi.incident_reduction:0.25:1:50 --format csv --threads 1 && cp "$tmp/out" "$tmp/g1"
expect grid-threads-2 0 grid "$tmp/base.json" --x roi.models_per_year:2:12:50 \
    --y roi.incident_reduction:0.25:1:50 --format csv --threads 2 &&
    { if cmp -s "$tmp/g1" "$tmp/out"; then ok; else ko "grid differs between 1 and 2 threads"; fi; }
expect grid-bad-axis 2 grid "$tmp/base.json" --x roi.models_per_year:2:12 --y roi.team_size:1:2:2
expect grid-too-big 2 grid "$tmp/base.json" --x roi.avg_salary:50000:150000:5000 \
    --y roi.incident_reduction:0:1:5000
# Counts asked from whole to whole step in whole numbers, and say so when points merge:
# team size 1..9 in 30 points is 1, 2, ..., 9 (9 distinct).
if expect grid-whole-steps 0 grid "$tmp/base.json" --x roi.team_size:1:9:30 \
        --y roi.incident_reduction:0:1:3; then
    has grid-whole-note "$tmp/out" "roi.team_size steps in whole numbers: 9 of the 30 points asked are distinct."
    has grid-units "$tmp/out" "by roi.team_size (people) across and roi.incident_reduction (%) down"
    has grid-percent-rows "$tmp/out" "50 %"
fi
if expect grid-whole-json 0 grid "$tmp/base.json" --x roi.team_size:1:9:30 \
        --y roi.incident_reduction:0:1:3 --format json; then
    pycheck grid-whole-values '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["x"]["values"] == [1, 2, 3, 4, 5, 6, 7, 8, 9], d["x"]
'
fi
# Sixty salary columns do not fit 100 characters (the width when not a terminal): thinned,
# with a note; every line fits.
if expect grid-thin 0 grid "$tmp/base.json" --x roi.avg_salary:50000:150000:60 \
        --y roi.incident_reduction:0:1:3; then
    has grid-thin-note "$tmp/out" "of 60), to fit 100 characters; --format csv or json has them all."
    if awk 'length > 100 { bad = 1 } END { exit bad }' "$tmp/out"; then ok; else ko "grid-thin: a line is wider than 100"; fi
fi

# --- tornado -------------------------------------------------------------------------------
if expect tornado-json 0 tornado "$tmp/base.json" --params roi.mlops_investment,roi.avg_incident_cost \
        --format json; then
    pycheck tornado-swings '
import json, sys
d = json.load(open(sys.argv[1]))
a = sum(1.1 ** -t for t in (1, 2, 3))
assert d["metric"] == "npv" and abs(d["base"] - 700000 * a) < 1e-6
b = d["bars"]
assert [x["param"] for x in b] == ["roi.avg_incident_cost", "roi.mlops_investment"], b
assert set(b[0]) == {"param", "low_value", "high_value", "low", "high", "swing", "spider"}
# +/-20 %: incident cost 60,000..90,000 moves NPV by 3 * 30,000 * a; investment by 80,000 * a.
assert abs(b[0]["swing"] - 90000 * a) < 1e-6 and abs(b[1]["swing"] - 80000 * a) < 1e-6
# The spider of the incident cost c is a straight line: at c = 75,000 (1 + f) the NPV is
# (700,000 + 3 * 75,000 f) * a; of the investment I: (700,000 - 200,000 f) * a.
for bar, slope, base in ((b[0], 225000, 75000), (b[1], -200000, 200000)):
    sp = bar["spider"]
    assert [p["step"] for p in sp] == [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3], sp
    for p in sp:
        assert abs(p["value"] - base * (1 + p["step"])) < 1e-6, p
        assert abs(p["metric"] - (700000 + slope * p["step"]) * a) < 1e-6, p
# Only the inputs listed: no modelling choice was.
assert d["choices"] == [], d["choices"]
'
fi
# Without --params: horizon, discount rate and discounting apart from the bars, by hand:
# 3 years -> 2 and 4 (whole years, outwards), 10 % -> 8 % and 12 %, end -> mid year
# (each flow half a year nearer: times 1.1 ** 0.5).
if expect tornado-choices 0 tornado "$tmp/base.json" --format json; then
    pycheck tornado-choices-apart '
import json, sys
d = json.load(open(sys.argv[1]))
def npv(r, n, mid=False):
    return 700000 * sum((1 + r) ** -(t - (0.5 if mid else 0)) for t in range(1, n + 1))
assert not [b for b in d["bars"] if b["param"].startswith("business_case.")], d["bars"]
c = d["choices"]
assert [x["param"] for x in c] == ["business_case.horizon_years", "business_case.discount_rate",
                                   "business_case.discounting"], c
assert (c[0]["low_value"], c[0]["high_value"]) == (2, 4), c[0]
assert abs(c[0]["low"] - npv(0.1, 2)) < 1e-6 and abs(c[0]["high"] - npv(0.1, 4)) < 1e-6
assert abs(c[1]["low"] - npv(0.08, 3)) < 1e-6 and abs(c[1]["high"] - npv(0.12, 3)) < 1e-6
assert (c[2]["base_value"], c[2]["low_value"], c[2]["high_value"]) == ("end", "end", "mid")
assert abs(c[2]["high"] - npv(0.1, 3, True)) < 1e-6
assert "spider" not in c[0]
'
fi
expect tornado-text 0 tornado "$tmp/base.json" && has tornado-text "$tmp/out" "roi.avg_salary" &&
    has tornado-text-choices "$tmp/out" "Modelling choices" &&
    has tornado-text-discounting "$tmp/out" "business_case.discounting"
expect tornado-text-spider 0 tornado "$tmp/base.json" --spider &&
    has tornado-text-spider "$tmp/out" "Spider of"
if expect tornado-csv-spider 0 tornado "$tmp/base.json" --params roi.avg_incident_cost --spider \
        --format csv; then
    pycheck tornado-csv-spider-rows '
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
a = sum(1.1 ** -t for t in (1, 2, 3))
assert rows[0] == ["metric", "param", "step", "input", "value"], rows[0]
assert len(rows) == 8, rows
for m, p, f, c, v in rows[1:]:
    f = float(f)
    assert (m, p) == ("npv", "roi.avg_incident_cost")
    assert abs(float(c) - 75000 * (1 + f)) < 0.01 and abs(float(v) - (700000 + 225000 * f) * a) < 0.01
'
fi
if expect tornado-csv 0 tornado "$tmp/base.json" --format csv; then
    pycheck tornado-csv-groups '
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
assert rows[0][-1] == "group", rows[0]
groups = [r[-1] for r in rows[1:]]
# The bars first, then the three choices.
assert groups == ["input"] * (len(groups) - 3) + ["choice"] * 3, groups
assert rows[-1][2:6] == ["business_case.discounting", "end", "end", "mid"], rows[-1]
'
fi
expect tornado-bad-swing 2 tornado "$tmp/base.json" --swing 1.5
expect tornado-bad-metric 2 tornado "$tmp/base.json" --metric nope

# --- breakeven -----------------------------------------------------------------------------
# NPV = (900,000 - I) a: zero at I = 900,000 exactly.
if expect breakeven-json 0 breakeven "$tmp/base.json" --param roi.mlops_investment --format json; then
    pycheck breakeven-closed-form '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["param"] == "roi.mlops_investment" and d["metric"] == "npv" and d["target"] == 0
assert abs(d["value"] - 900000) <= 1e-9 * 900000, d
'
fi
if expect breakeven-none 0 breakeven "$tmp/base.json" --param roi.incident_reduction \
        --target 1e9 --format json; then
    pycheck breakeven-null '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["value"] is None and "stays below" in d["reason"], d
'
fi

# Answers in the input's own unit. NPV = (475,000 + 300,000 r) a with a = sum 1.1^-t, t = 1..3:
# the target (475,000 + 127,500) a is reached at r = 42.5 %.
t=$("$PY" -c 'print(repr(602500 * sum(1.1 ** -t for t in (1, 2, 3))))')
expect breakeven-percent 0 breakeven "$tmp/base.json" --param roi.incident_reduction --target "$t" &&
    has breakeven-percent "$tmp/out" "when roi.incident_reduction = 42.5 %"
# Deployment savings are 13 x 90,000 / 52 x 6 = 135,000 a person: NPV = (135,000 n + 25,000) a,
# so the target (135,000 x 3.5 + 25,000) a is reached with 3.5 people.
t=$("$PY" -c 'print(repr(497500 * sum(1.1 ** -t for t in (1, 2, 3))))')
if expect breakeven-people 0 breakeven "$tmp/base.json" --param roi.team_size --target "$t"; then
    has breakeven-people "$tmp/out" "when roi.team_size = 3.50 people"
    has breakeven-people-base "$tmp/out" "(the scenario has 5 people)"
fi
expect breakeven-money 0 breakeven "$tmp/base.json" --param roi.mlops_investment &&
    has breakeven-money "$tmp/out" "when roi.mlops_investment = \$900,000"
expect breakeven-none-text 0 breakeven "$tmp/base.json" --param roi.incident_reduction --target 1e9 &&
    has breakeven-none-text "$tmp/out" "from 0 % to 100 % brings NPV"
expect sweep-heading 0 sweep "$tmp/base.json" --param roi.avg_salary --values 80000,90000 &&
    has sweep-heading "$tmp/out" "roi.avg_salary (USD)"

# --- prose fits the width ------------------------------------------------------------------
# Not a terminal: 100 columns, or $COLUMNS. Every line of evaluate for the shipped scenarios
# fits 100 (counted in characters, not bytes: the euro sign is one); the checks' prose wraps to
# any width, here 72.
fits() {
    pycheck "$1" "
import sys
long = [l for l in open(sys.argv[1], encoding='utf-8').read().splitlines() if len(l) > $2]
assert not long, long[:3]
"
}
for f in scenarios/seed-quick-estimate.json scenarios/startup.json scenarios/midmarket-fraud.json \
         scenarios/enterprise-coe.json scenarios/tei-study.json; do
    b=$(basename "$f" .json)
    expect "width-100-$b" 0 evaluate "$f" && fits "width-100-$b-fits" 100
    export COLUMNS=72
    expect "width-72-$b" 0 check "$f" && fits "width-72-$b-fits" 72
    unset COLUMNS
done

# --- compare -------------------------------------------------------------------------------
# A variant of one scenario: team 5 -> 8 adds 3 x 135,000 a year of deployment savings, so NPV
# rises by 405,000 a (a = sum 1.1^-t, t = 1..3); columns are headed by names, not paths.
if expect compare-variant-json 0 compare "$tmp/base.json" "$tmp/base.json@roi.team_size=8" \
        --format json; then
    pycheck compare-variant-delta '
import json, sys
d = json.load(open(sys.argv[1]))
a = sum(1.1 ** -t for t in (1, 2, 3))
s0, s1 = d["scenarios"]
assert s0["label"] == "Base case" and s0["changes"] is None, s0
assert s1["label"] == "team_size=8" and s1["changes"] == "roi.team_size=8", s1
assert abs(s1["delta"]["npv"] - 405000 * a) <= 1e-9 * 405000 * a, s1
'
fi
if expect compare-variant-text 0 compare "$tmp/base.json" "$tmp/base.json@roi.team_size=8,roi.avg_salary=100000" "$tmp/base.json"; then
    has compare-variant-head "$tmp/out" "Base case  team_size=8, avg_salary=100000"
    has compare-variant-same "$tmp/out" "Base case (2)"
    has compare-variant-percent "$tmp/out" " %)"
fi
expect compare-variant-bad 2 compare "$tmp/base.json" "$tmp/base.json@team" &&
    has compare-variant-bad "$tmp/err" "expected FILE@KEY=VALUE[,KEY=VALUE...]"
expect compare-variant-unknown 2 compare "$tmp/base.json" "$tmp/base.json@roi.nothing=1" &&
    has compare-variant-unknown "$tmp/err" 'unknown key "nothing"'
expect compare-text 0 compare "$tmp/base.json" "$tmp/cheaper.json" &&
    has compare-text "$tmp/out" "vs first"
if expect compare-json 0 compare "$tmp/base.json" "$tmp/cheaper.json" --format json; then
    pycheck compare-delta '
import json, sys
d = json.load(open(sys.argv[1]))
a = sum(1.1 ** -t for t in (1, 2, 3))
s0, s1 = d["scenarios"]
assert s0["delta"] is None
assert set(s0["values"]) == {"npv", "roi_percent", "payback_months", "irr", "cost_3y", "maturity_level"}
# 50,000 a year cheaper: NPV up by 50,000 a, 3-year cost down by 150,000.
assert abs(s1["delta"]["npv"] - 50000 * a) < 1e-6, s1
assert abs(s1["delta"]["cost_3y"] + 150000) < 1e-6, s1
'
fi
expect compare-csv 0 compare "$tmp/base.json" "$tmp/cheaper.json" --format csv &&
    has compare-csv "$tmp/out" "file,name,metric,value,delta_to_first"
expect compare-one-file 2 compare "$tmp/base.json"

# --- montecarlo ----------------------------------------------------------------------------
if expect mc-json 0 montecarlo "$tmp/base.json" --format json --threads 1; then
    cp "$tmp/out" "$tmp/mc1"
    if [ -s "$tmp/err" ]; then ko "montecarlo wrote to stderr without a terminal"; else ok; fi
    pycheck mc-keys '
import json, sys
d = json.load(open(sys.argv[1]))
assert list(d) == ["samples", "seed", "method", "metrics", "p_npv_positive",
                   "p_payback_within_horizon", "histogram"], list(d)
assert d["samples"] == 20000 and d["seed"] == 42 and d["method"] == "lhs"
assert list(d["metrics"]) == ["npv", "roi_percent", "payback_months", "irr"]
for m in d["metrics"].values():
    assert list(m) == ["mean", "sd", "min", "max", "p5", "p10", "p25", "p50", "p75", "p90",
                       "p95", "undefined_share"], list(m)
h = d["histogram"]
assert list(h) == ["edges", "counts"] and len(h["edges"]) == len(h["counts"]) + 1
assert sum(h["counts"]) == 20000
# Means: c uniform(50,000, 100,000) has mean 75,000; I triangular(150,000, 200,000, 400,000)
# has mean 250,000; NPV is linear in both, so E[NPV] = (675,000 + 225,000 - 250,000) a.
a = sum(1.1 ** -t for t in (1, 2, 3))
want = 650000 * a
assert abs(d["metrics"]["npv"]["mean"] - want) <= 2e-3 * want, (d["metrics"]["npv"]["mean"], want)
'
fi
expect mc-threads-2 0 montecarlo "$tmp/base.json" --format json --threads 2 &&
    { if cmp -s "$tmp/mc1" "$tmp/out"; then ok; else ko "montecarlo differs between 1 and 2 threads"; fi; }
expect mc-rerun 0 montecarlo "$tmp/base.json" --format json --threads 2 &&
    { if cmp -s "$tmp/mc1" "$tmp/out"; then ok; else ko "montecarlo differs between runs"; fi; }
expect mc-seed-override 0 montecarlo "$tmp/base.json" --format json --seed 7 --samples 5000 --method mc &&
    pycheck mc-override '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["seed"] == 7 and d["samples"] == 5000 and d["method"] == "mc", d
'
expect mc-text 0 montecarlo "$tmp/base.json" --samples 2000 &&
    has mc-text-seed "$tmp/out" "seed 42"
expect mc-csv 0 montecarlo "$tmp/base.json" --samples 2000 --format csv &&
    has mc-csv "$tmp/out" "probability,p_npv_positive,"
expect mc-too-many 2 montecarlo "$tmp/base.json" --samples 999999999
expect mc-no-uncertainty 2 montecarlo scenarios/seed-quick-estimate.json &&
    has mc-no-uncertainty "$tmp/err" "uncertainty"
cat >"$tmp/bad.json" <<'EOF'
{ "format": 1, "roi": { "team_size": 5, "avg_salary": 90000, "models_per_year": 6,
  "current_time_to_prod_weeks": 16, "mlops_time_to_prod_weeks": 3,
  "model_incidents_per_year": 4, "avg_incident_cost": 75000,
  "incident_reduction": 0.75, "mlops_investment": 200000 },
  "uncertainty": { "inputs": { "roi.avg_salary": { "dist": "normal", "mean": 90000, "sd": -1 } } } }
EOF
expect mc-bad-sd 2 montecarlo "$tmp/bad.json" &&
    has mc-bad-sd "$tmp/err" "uncertainty.inputs.roi.avg_salary.sd"

# --- montecarlo --export-samples, --sensitivity ----------------------------------------------
# Two independent uniform inputs: NPV = (675,000 + 3 c - I) A with c ~ U(50,000, 100,000) and
# I ~ U(600,000, 1,200,000), so Var(NPV) / A^2 = (9 * 50,000^2 + 600,000^2) / 12: S_c = 22.5 /
# 382.5 = 0.0588 and S_I = 360 / 382.5 = 0.9412 (no interaction: first order = total); NPV
# straddles zero, so knowing the inputs is worth something.
cat >"$tmp/sobol.json" <<'EOF'
{ "format": 1, "name": "Sobol case",
  "roi": { "team_size": 5, "avg_salary": 90000, "models_per_year": 6,
           "current_time_to_prod_weeks": 16, "mlops_time_to_prod_weeks": 3,
           "model_incidents_per_year": 4, "avg_incident_cost": 75000,
           "incident_reduction": 0.75, "mlops_investment": 200000 },
  "uncertainty": { "samples": 20000, "seed": 5,
    "inputs": { "roi.avg_incident_cost": { "dist": "uniform", "min": 50000, "max": 100000 },
                "roi.mlops_investment": { "dist": "uniform", "min": 600000, "max": 1200000 } } } }
EOF
if expect mc-export 0 montecarlo "$tmp/sobol.json" --threads 1 --export-samples "$tmp/s1.csv" \
        --sensitivity --format json; then
    cp "$tmp/out" "$tmp/sens.json"
    pycheck mc-export-rows '
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1].rsplit("/", 1)[0] + "/s1.csv")))
assert rows[0] == ["roi.avg_incident_cost", "roi.mlops_investment", "npv", "roi_percent",
                   "payback_months", "irr"], rows[0]
assert len(rows) == 20001, len(rows)
A = 1 / 1.1 + 1 / 1.1 ** 2 + 1 / 1.1 ** 3
npv = []
for r in rows[1:]:
    c, i, n = float(r[0]), float(r[1]), float(r[2])
    assert abs(n - (675000 + 3 * c - i) * A) < 1e-6 * abs(i), r
    npv.append(n)
d = json.load(open(sys.argv[1]))
# EVPI from the samples themselves: E[max(NPV, 0)] - max(E[NPV], 0).
m = sum(npv) / len(npv)
evpi = sum(max(x, 0) for x in npv) / len(npv) - max(m, 0)
v = d["value_of_information"]
assert evpi > 0 and abs(v["evpi"] - evpi) <= 1e-9 * evpi, (v["evpi"], evpi)
assert [e["path"] for e in v["inputs"]] == ["roi.avg_incident_cost", "roi.mlops_investment"]
assert all(0 <= e["evppi"] <= evpi for e in v["inputs"])
assert v["sentence"].startswith("Knowing the "), v["sentence"]
s = d["sensitivity"]
assert s["metric"] == "npv"
want = {"roi.avg_incident_cost": 22.5 / 382.5, "roi.mlops_investment": 360 / 382.5}
for e in s["inputs"]:
    w = want[e["path"]]
    assert abs(e["first_order"] - w) < 0.02 and abs(e["total"] - w) < 0.02, e
    assert e["first_order_ci"][0] <= e["first_order"] <= e["first_order_ci"][1], e
    assert e["total_ci"][0] <= e["total"] <= e["total_ci"][1], e
    assert abs(e["contribution_to_variance"] - w) < 0.03, e
'
fi
expect mc-export-threads 0 montecarlo "$tmp/sobol.json" --threads 2 --export-samples "$tmp/s2.csv" \
    --sensitivity --format json &&
    { if cmp -s "$tmp/s1.csv" "$tmp/s2.csv" && cmp -s "$tmp/sens.json" "$tmp/out"; then ok; else
        ko "exported samples or sensitivity differ between 1 and 2 threads"; fi; }
expect mc-sens-text 0 montecarlo "$tmp/sobol.json" --sensitivity --samples 2000 &&
    has mc-sens-text "$tmp/out" "contribution to variance" &&
    has mc-sens-sentence "$tmp/out" "exactly would be worth up to"
expect mc-sens-csv 0 montecarlo "$tmp/sobol.json" --sensitivity --samples 2000 --format csv &&
    has mc-sens-csv "$tmp/out" "sensitivity,roi.mlops_investment:total," &&
    has mc-voi-csv "$tmp/out" "value_of_information,evpi,"
expect mc-export-unwritable 1 montecarlo "$tmp/sobol.json" --export-samples "$tmp/no/such/s.csv" &&
    has mc-export-unwritable "$tmp/err" "--export-samples $tmp/no/such/s.csv: cannot write: no folder"
mkdir "$tmp/adir"
expect mc-export-folder 1 montecarlo "$tmp/sobol.json" --export-samples "$tmp/adir" &&
    has mc-export-folder "$tmp/err" "is a folder"
expect mc-sens-one-input 2 montecarlo tests/bad/cmd/mc-one-input.json --sensitivity &&
    has mc-sens-one-input "$tmp/err" "needs at least two uncertain inputs"
expect mc-metric-without-sens 2 montecarlo "$tmp/sobol.json" --metric irr &&
    has mc-metric-without-sens "$tmp/err" "add --sensitivity"
"$PY" - "$tmp/many.json" <<'PYEOF'
import json, sys
lines = [{"name": "Benefit", "kind": "benefit", "from": "quick.total_benefits"}]
lines += [{"name": "Cost %d" % i, "kind": "cost", "annual": 1000} for i in range(51)]
inputs = {"business_case.lines[Cost %d].risk" % i: {"dist": "uniform", "min": 0, "max": 0.2}
          for i in range(51)}
json.dump({"format": 1, "name": "Many inputs",
           "roi": {"team_size": 5, "avg_salary": 90000, "models_per_year": 6,
                   "current_time_to_prod_weeks": 16, "mlops_time_to_prod_weeks": 3,
                   "model_incidents_per_year": 4, "avg_incident_cost": 75000,
                   "incident_reduction": 0.75, "mlops_investment": 200000},
           "business_case": {"lines": lines},
           "uncertainty": {"samples": 100, "inputs": inputs}}, open(sys.argv[1], "w"))
PYEOF
expect mc-sens-51 2 montecarlo "$tmp/many.json" --sensitivity &&
    has mc-sens-51 "$tmp/err" "at most 50 uncertain inputs, not 51"
expect mc-many-plain 0 montecarlo "$tmp/many.json"

# Goal seek on a probability: with c ~ U(50,000, 100,000), P(NPV > 0) = (100,000 - (I -
# 675,000) / 3) / 50,000 is 0.9 at I = 840,000; 10,000 samples move P in steps of 1/10,000
# (15 of I), so the answer is within 30 of it, and a Monte Carlo there gives 0.9 within a step.
if expect be-mc 0 breakeven tests/bad/cmd/mc-one-input.json --param roi.mlops_investment \
        --metric p_npv_positive --target 0.9 --format json; then
    pycheck be-mc-closed-form '
import json, sys
d = json.load(open(sys.argv[1]))
assert abs(d["value"] - 840000) <= 30, d
assert abs(d["metric_at_value"] - 0.9) <= 1e-4 + 1e-12, d
assert d["samples"] == 10000 and d["seed"] == 42, d
'
    at=$("$PY" -c 'import json, sys; print(repr(json.load(open(sys.argv[1]))["value"]))' "$tmp/out")
    cp "$tmp/out" "$tmp/be1"
    expect be-mc-verify 0 montecarlo tests/bad/cmd/mc-one-input.json --set "roi.mlops_investment=$at" \
        --format json && pycheck be-mc-verify-p '
import json, sys
d = json.load(open(sys.argv[1]))
assert abs(d["p_npv_positive"] - 0.9) <= 1e-4 + 1e-12, d["p_npv_positive"]
'
    expect be-mc-threads 0 breakeven tests/bad/cmd/mc-one-input.json --param roi.mlops_investment \
        --metric p_npv_positive --target 0.9 --format json --threads 1 &&
        { if cmp -s "$tmp/be1" "$tmp/out"; then ok; else ko "goal seek differs with 1 thread"; fi; }
fi
expect be-mc-uncertain 2 breakeven tests/bad/cmd/mc-one-input.json --param roi.avg_incident_cost \
    --metric npv.p10 --target 0 &&
    has be-mc-uncertain "$tmp/err" "the input is uncertain"
expect be-mc-samples-plain 2 breakeven tests/bad/cmd/mc-one-input.json --param roi.team_size \
    --samples 100

# --- gates ---------------------------------------------------------------------------------
expect gate-clear 0 sweep "$tmp/base.json" --param roi.team_size --values 5 --fail-if 'npv<0'
expect gate-held 3 tornado "$tmp/base.json" --params roi.team_size --fail-if 'npv > 0' &&
    has gate-held "$tmp/err" "mlroi: gate held: npv > 0 (npv = "
expect gate-bad-expr 2 grid "$tmp/base.json" --x roi.team_size:1:2:2 --y roi.avg_salary:1:2:2 \
    --fail-if 'npv=0'
expect gate-unknown 2 breakeven "$tmp/base.json" --param roi.team_size --fail-if 'nvp<0' &&
    has gate-unknown "$tmp/err" "unknown metric 'nvp'"
expect gate-mc-stat 3 montecarlo "$tmp/base.json" --samples 2000 --fail-if 'p_npv_positive<1.01' \
    --fail-if 'npv.p10>0' &&
    has gate-mc-stat "$tmp/err" "mlroi: gate held: npv.p10 > 0"
expect gate-mc-clear 0 montecarlo "$tmp/base.json" --samples 2000 --fail-if 'npv.p10<0'
expect gate-mc-unknown 2 montecarlo "$tmp/base.json" --samples 2000 --fail-if 'npv.p11<0'
expect gate-payback-never 3 evaluate "$tmp/base.json" --set roi.mlops_investment=2000000 \
    --fail-if 'payback_months>24' &&
    has gate-payback-never "$tmp/err" "never within the horizon"
expect gate-compare 3 compare "$tmp/base.json" "$tmp/cheaper.json" --fail-if 'npv<1800000'

echo "cli_analysis: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
