#!/bin/sh
# SPDX-License-Identifier: MIT
# Business-case lines in the text, JSON and CSV outputs: each kind's lines add up to the yearly
# benefits and costs, a line's pv is its adjusted amounts discounted, the text table's totals
# are the yearly table's figures, the CSV rows are the JSON's, and derived lines written back
# as the text shows them give the same case (tests/lines_check.py does the checking).
# Usage: sh tests/cli_lines.sh path/to/mlroi   (VALGRIND=1: every run under memcheck)
set -u
BIN=$1
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$here/common.sh"
PY=/usr/bin/python3

# check NAME FILE: evaluate FILE into NAME.out.text, .json and .csv, then lines_check.py on them.
check() {
    name=$1 file=$2
    for fmt in text json csv; do
        if ! run evaluate "$file" --format $fmt >"$tmp/$name.out.$fmt" 2>"$tmp/err"; then
            ko "$name: evaluate --format $fmt: $(cat "$tmp/err")"
            return 1
        fi
    done
    if $PY "$here/lines_check.py" "$BIN" "$file" "$tmp/$name.out.json" "$tmp/$name.out.text" \
        "$tmp/$name.out.csv"; then
        ok
    else
        ko "$name: lines_check.py"
    fi
}

# Written lines of every kind of amount: from the quick estimate, values with a year 0 and a
# negative amount, annual with start, end, escalation and its own risk, amounts in a year, a
# negative cost, a scaled share; mid-year discounting; a long name with a comma, quotes and a non-ASCII letter.
cat >"$tmp/lines.json" <<'EOF'
{
  "format": 1, "name": "Lines, \"tested\"", "currency": "EUR",
  "roi": {"team_size": 5, "avg_salary": 90000, "models_per_year": 6,
          "current_time_to_prod_weeks": 16, "mlops_time_to_prod_weeks": 3,
          "model_incidents_per_year": 4, "avg_incident_cost": 75000,
          "incident_reduction": 0.75, "mlops_investment": 200000},
  "business_case": {
    "horizon_years": 12, "discount_rate": 0.08, "discounting": "mid",
    "benefit_ramp": [0.25, 0.75, 1.0], "benefit_risk": 0.2, "cost_risk": 0.1,
    "lines": [
      { "name": "Faster deployment", "kind": "benefit", "from": "quick.deployment_savings" },
      { "name": "Fewer incidents, for the fraud models and \"the rest\" of the portfolio (Überblick)",
        "kind": "benefit", "from": "quick.incident_savings", "risk": 0.35, "category": "Risk" },
      { "name": "Productivity dip", "kind": "benefit", "values": [-5000, -40000, -10000], "risk": 0 },
      { "name": "Platform", "kind": "cost", "from": "quick.investment", "escalation": 0.02 },
      { "name": "Licence", "kind": "cost", "annual": 60000, "start": 2, "end": 9,
        "escalation": 0.05, "risk": 0.125, "source": "vendor quote", "note": "ends with the contract" },
      { "name": "Upgrade", "kind": "cost", "amount": 80000, "year": 6 },
      { "name": "Rebate", "kind": "cost", "amount": -15000, "year": 0, "risk": 0 },
      { "name": "Shared GPUs", "kind": "cost", "annual": 20000, "end": 2, "scale": 0.25 }
    ]
  }
}
EOF
check lines "$tmp/lines.json"
# The same over 50 years with amounts in the hundreds of millions: the table wraps its years
# into blocks and stays within 100 columns.
sed -e 's/"horizon_years": 12/"horizon_years": 50/' -e 's/"avg_incident_cost": 75000/"avg_incident_cost": 75000000/' \
    "$tmp/lines.json" >"$tmp/lines50.json"
check lines50 "$tmp/lines50.json"

# Hand-checked figures of lines.json (expected values worked out here, not printed by mlroi):
# - Licence: 60,000 a year from year 2 to 9, +5 % a year from its start, risk 12.5 %:
#   v_2 = 60,000, v_3 = 63,000, v_4 = 66,150, v_9 = 60,000 x 1.05^7 = 84,426.03, v_10 = 0;
#   adjusted_3 = 63,000 x 1.125 = 70,875.
# - Upgrade: 80,000 in year 6 at the default cost risk 10 % = 88,000; mid-year discounting at
#   8 %: d_6 = 1 / 1.08^5.5 = 0.654891, so pv = 88,000 x 0.654891 = 57,630.45.
# - Fewer incidents: 4 incidents x 75,000 x 75 % = 225,000 a year; year 1 on the ramp's 25 %
#   at risk 35 %: 225,000 x 0.25 x 0.65 = 36,562.50; year 3 (ramp 1.0): 146,250.
# - Shared GPUs: a quarter of 20,000 in years 1 and 2 = 5,000, at the cost risk 10 %: 5,500.
# - Year 0: benefits -5,000 (the dip at risk 0), costs -15,000 (the rebate at risk 0).
cat >"$tmp/hand.py" <<'EOF'
import json, sys
bc = json.load(open(sys.argv[1], encoding="utf-8"))["business_case"]
line = {l["name"].split(",")[0]: l for l in bc["lines"]}
def near(what, a, b):
    if abs(a - b) > 1e-9 * max(1.0, abs(b)):
        sys.exit("%s: %r, by hand %r" % (what, a, b))
lic = line["Licence"]
for t, v in ((0, 0), (1, 0), (2, 60000), (3, 63000), (4, 66150), (9, 84426.02535937502),
             (10, 0), (12, 0)):
    near("Licence values[%d]" % t, lic["values"][t], v)
near("Licence adjusted[3]", lic["adjusted"][3], 70875)
near("Upgrade adjusted[6]", line["Upgrade"]["adjusted"][6], 88000)
near("Upgrade pv", line["Upgrade"]["pv"], 88000 * 0.6548914866889556)
near("Fewer incidents adjusted[1]", line["Fewer incidents"]["adjusted"][1], 36562.5)
near("Fewer incidents adjusted[3]", line["Fewer incidents"]["adjusted"][3], 146250)
gpu = line["Shared GPUs"]
for t, v in ((0, 0), (1, 5000), (2, 5000), (3, 0)):
    near("Shared GPUs values[%d]" % t, gpu["values"][t], v)
near("Shared GPUs adjusted[2]", gpu["adjusted"][2], 5500)
near("Shared GPUs scale", gpu["scale"], 0.25)
near("benefits in year 0", bc["years"][0]["benefits"], -5000)
near("costs in year 0", bc["years"][0]["costs"], -15000)
if bc["discounting"] != "mid" or bc["costs_from"] is not None:
    sys.exit("discounting %r, costs_from %r" % (bc["discounting"], bc["costs_from"]))
EOF
if $PY "$tmp/hand.py" "$tmp/lines.out.json" 2>"$tmp/err"; then ok; else ko "lines: $(cat "$tmp/err")"; fi
if grep -qxF 'Business case: 12 years, discount rate 8.0 % (mid-year discounting), 8 lines' \
    "$tmp/lines.out.text"; then ok; else ko "lines: the text heading"; fi
if grep -qF '  Licence                      +12.5 %' "$tmp/lines.out.text"; then ok
else ko "lines: Licence's risk"; fi
if grep -qxF '    Shared GPUs: scale 0.25' "$tmp/lines.out.text"; then ok
else ko "lines: Shared GPUs' scale"; fi
# `mlroi roi` prints the same tables as `mlroi evaluate`.
run roi "$tmp/lines.json" >"$tmp/roi.text" 2>"$tmp/err"
tables() { awk '/^Business case lines/ { on = 1; print; next } on && /^[^ ]/ { exit } on && NF' "$1"; }
tables "$tmp/roi.text" >"$tmp/roi.part"
tables "$tmp/lines.out.text" >"$tmp/evaluate.part"
if [ -s "$tmp/roi.part" ] && cmp -s "$tmp/roi.part" "$tmp/evaluate.part"; then ok
else ko "roi: the lines tables differ from evaluate's"; fi

# Only costs, no roi section: "Benefits: no line", the costs' table as usual; CHF has no symbol.
cat >"$tmp/costs.json" <<'EOF'
{ "format": 1, "name": "Costs only", "currency": "CHF",
  "business_case": { "horizon_years": 2, "discount_rate": 0.05,
    "lines": [ { "name": "Run", "kind": "cost", "annual": 1000, "start": 1 } ] } }
EOF
check costs "$tmp/costs.json"
if grep -qxF '  Benefits: no line' "$tmp/costs.out.text"; then ok; else ko "costs: no 'Benefits: no line'"; fi

# The legacy keys: derived lines, marked and written out as lines; written back (lines_check)
# they give the same case. Investment costs with an initial amount and other benefits with
# and without their own risk, then TCO costs, then mid-year discounting.
cat >"$tmp/legacy.json" <<'EOF'
{
  "format": 1, "name": "Legacy keys", "currency": "GBP",
  "roi": {"team_size": 4, "avg_salary": 80000, "models_per_year": 5,
          "current_time_to_prod_weeks": 20, "mlops_time_to_prod_weeks": 4,
          "model_incidents_per_year": 3, "avg_incident_cost": 50000,
          "incident_reduction": 0.6, "mlops_investment": 150000},
  "tco": {"workloads": [{"name": "train", "kind": "training", "hourly_rate": 3.5,
                         "hours_per_month": 100}],
          "one_time": [{"name": "setup", "amount": 40000}]},
  "business_case": {
    "horizon_years": 4, "discount_rate": 0.09, "initial_investment": 30000,
    "annual_cost": 120000, "benefit_ramp": [0.4, 0.8, 1.0], "benefit_risk": 0.1,
    "cost_risk": 0.2,
    "other_benefits": [ { "name": "Audit fines avoided", "annual": 25000, "risk": 0.5 },
                        { "name": "Cloud savings", "annual": 10000 } ]
  }
}
EOF
check legacy "$tmp/legacy.json"
# Audit fines: 25,000 on the ramp 0.4, 0.8, 1.0 at its own risk 50 %: 5,000, 10,000, 12,500.
if grep -qxF '  Audit fines avoided *     -50 %          £0      £5,000     £10,000     £12,500' \
    "$tmp/legacy.out.text"; then ok; else ko "legacy: the derived other benefit's row"; fi
if grep -qxF '    {"name":"Audit fines avoided","kind":"benefit","annual":25000,"risk":0.5}' \
    "$tmp/legacy.out.text"; then ok; else ko "legacy: the derived other benefit written as a line"; fi
sed -e 's/"initial_investment": 30000,/"costs_from": "tco",/' -e 's/"annual_cost": 120000, //' \
    "$tmp/legacy.json" >"$tmp/legacy-tco.json"
check legacy-tco "$tmp/legacy-tco.json"
sed 's/"horizon_years": 4,/"horizon_years": 4, "discounting": "mid",/' "$tmp/legacy.json" \
    >"$tmp/legacy-mid.json"
check legacy-mid "$tmp/legacy-mid.json"
if grep -qF ' (mid-year discounting), costs from the investment' "$tmp/legacy-mid.out.text"; then ok
else ko "legacy-mid: the heading does not say mid-year"; fi

# Every shipped scenario with a business case.
for f in "$here"/../scenarios/*.json; do
    check "shipped-$(basename "$f" .json)" "$f"
done

echo "cli_lines: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
