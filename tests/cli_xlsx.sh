#!/bin/sh
# SPDX-License-Identifier: MIT
# The workbook through the CLI: structure, agreement with gnumeric, input changes, safety.
# Usage: sh tests/cli_xlsx.sh build/mlroi   (exit status non-zero on any failure)
set -u
MLROI=$1
case $MLROI in /*) ;; *) MLROI=$(pwd)/$MLROI ;; esac
cd "$(dirname "$0")/.." || exit 1
PY=/usr/bin/python3
# LibreOffice's soffice script runs itself under valgrind when VALGRIND is set: keep the
# variable for mlroi only.
CHECK="env -u VALGRIND $PY tests/xlsx_check.py"
DATE=2025-01-31
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlroi-cli-xlsx-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

say() { printf '%s\n' "$*"; }
bad() { say "FAIL $*"; fail=1; }
BIN=$MLROI
. tests/common.sh   # run: mlroi, under memcheck with VALGRIND=1

if ! command -v ssconvert >/dev/null 2>&1 || ! $PY -c 'import openpyxl' 2>/dev/null; then
    if [ -n "${CI:-}" ]; then
        say "FAIL cli_xlsx: gnumeric (ssconvert) and python3-openpyxl are needed (make test-deps)"
        exit 1
    fi
    say "skip cli_xlsx: install gnumeric and python3-openpyxl (make test-deps) to run it"
    exit 0
fi

# 1. Every shipped scenario: structure, every formula cell against gnumeric, every named
#    output against `mlroi evaluate`.
for f in scenarios/*.json; do
    b=$(basename "$f" .json)
    if ! run report "$f" --xlsx "$tmp/$b.xlsx" --date $DATE 2>"$tmp/$b.err"; then
        bad "report $f: $(cat "$tmp/$b.err")"
        continue
    fi
    run evaluate "$f" --format json >"$tmp/$b.json" 2>/dev/null || bad "evaluate $f"
    $CHECK structure "$tmp/$b.xlsx" || bad "structure of $b"
    $CHECK recalc "$tmp/$b.xlsx" "$tmp/$b.json" || bad "recalc of $b"
    $CHECK standard "$tmp/$b.xlsx" || bad "modelling standard of $b"
done

# 1a. The workbook in French and German (--lang with --xlsx alone): the English workbook's
#     formulas, names and numbers, recalculated by gnumeric to the engine's figures with the
#     master check TRUE, and a Summary that reads in the language with no English label left.
for b in midmarket-fraud tei-study; do
    [ -f "$tmp/$b.xlsx" ] || continue
    for l in fr de; do
        if ! run report "scenarios/$b.json" --xlsx "$tmp/$b.$l.xlsx" --lang $l --date $DATE \
            2>"$tmp/$b.$l.err"; then
            bad "report $b --xlsx --lang $l: $(cat "$tmp/$b.$l.err")"
            continue
        fi
        $CHECK recalc "$tmp/$b.$l.xlsx" "$tmp/$b.json" || bad "recalc of $b ($l)"
        $CHECK standard "$tmp/$b.$l.xlsx" || bad "modelling standard of $b ($l)"
        $CHECK lang "$tmp/$b.xlsx" "$tmp/$b.$l.xlsx" $l || bad "labels of $b ($l)"
    done
done
# Beside the PDF, --lang and a template's lang set the workbook's language too.
if [ -f "$tmp/startup.xlsx" ]; then
    $PY -c 'import json, sys; t = json.load(open("templates/board.json")); t["lang"] = "fr"
json.dump(t, open(sys.argv[1], "w"))' "$tmp/board-fr.json"
    run report scenarios/startup.json --pdf "$tmp/startup-de.pdf" --xlsx "$tmp/startup.de.xlsx" \
        --lang de --date $DATE >/dev/null 2>&1 || bad "report startup --pdf --xlsx --lang de"
    $CHECK lang "$tmp/startup.xlsx" "$tmp/startup.de.xlsx" de || bad "labels of startup (de)"
    run report scenarios/startup.json --pdf "$tmp/startup-fr.pdf" --xlsx "$tmp/startup.fr.xlsx" \
        --template "$tmp/board-fr.json" --date $DATE >/dev/null 2>&1 ||
        bad "report startup --pdf --xlsx with a French template"
    $CHECK lang "$tmp/startup.xlsx" "$tmp/startup.fr.xlsx" fr || bad "labels of startup (fr template)"
fi
run report scenarios/startup.json --xlsx "$tmp/xx.xlsx" --lang xx >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "en, fr or de" "$tmp/err" && [ ! -e "$tmp/xx.xlsx" ] ||
    bad "--xlsx --lang xx is not refused as a usage error"

# 1b. Partial scenarios: one module alone, costs from the TCO, people included, monthly
#     licences, a zero investment (ROI n/a), other currencies.
cat >"$tmp/only-maturity.json" <<'JSON'
{ "format": 1, "name": "Only maturity",
  "maturity": { "answers": { "experiment_tracking": true, "model_versioning": true } } }
JSON
cat >"$tmp/only-tco.json" <<'JSON'
{ "format": 1, "name": "Only TCO and team", "currency": "EUR",
  "organization": { "name": "Small", "employees": 40, "region": "EU" },
  "tco": { "storage_gb": 100, "monitored_models": 3,
           "licenses": [ { "name": "Tracking", "monthly": 400 }, { "name": "Other", "annual": 1200 } ] },
  "team": { "data_scientists": 10, "production_models": 21, "target_level": 3 } }
JSON
cat >"$tmp/tco-costs.json" <<'JSON'
{ "format": 1, "name": "Costs from the TCO", "currency": "GBP",
  "roi": { "team_size": 2, "avg_salary": 60000, "models_per_year": 2,
           "current_time_to_prod_weeks": 20, "mlops_time_to_prod_weeks": 4,
           "model_incidents_per_year": 1, "avg_incident_cost": 10000, "incident_reduction": 0.5,
           "mlops_investment": 0 },
  "business_case": { "horizon_years": 5, "discount_rate": 0, "costs_from": "tco",
                     "benefit_ramp": [0.2, 0.5, 0.8], "cost_risk": 0.2 },
  "tco": { "workloads": [ { "name": "Own servers", "kind": "training", "hourly_rate": 2.5,
                            "instances": 2, "hours_per_month": 100 } ],
           "one_time": [ { "name": "Set-up", "amount": 90000 } ], "include_people": true },
  "team": { "data_scientists": 3, "production_models": 2, "high_risk_models": 1 } }
JSON
# 1c. With them, decision support (tests/xlsx): chargeback by models over the TCO (with a
#     licence the TCO lacks) and by equal shares over the business case's yearly cost (no TCO);
#     the flagged checks. Each: structure, recalculation, agreement with the engine.
# 1d. And 200 business-case lines over 50 years (every way of giving amounts, mid-year).
$PY tests/xlsx/stress_lines.py 200 50 "$tmp/stress-lines.json" || bad "cannot write the stress case"
for f in "$tmp/only-maturity.json" "$tmp/only-tco.json" "$tmp/tco-costs.json" tests/xlsx/*.json \
    "$tmp/stress-lines.json"; do
    b=$(basename "$f" .json)
    run report "$f" --xlsx "$tmp/$b.xlsx" --date $DATE 2>/dev/null >/dev/null ||
        { bad "report $b"; continue; }
    run evaluate "$f" --format json >"$tmp/$b.out" 2>/dev/null || bad "evaluate $b"
    $CHECK structure "$tmp/$b.xlsx" || bad "structure of $b"
    $CHECK recalc "$tmp/$b.xlsx" "$tmp/$b.out" || bad "recalc of $b"
    $CHECK standard "$tmp/$b.xlsx" || bad "modelling standard of $b"
done
if [ -f "$tmp/tco-costs.xlsx" ]; then
    while read -r set name; do
        run evaluate "$tmp/tco-costs.json" --set "$set" --format json >"$tmp/set.json" \
            2>/dev/null || { bad "evaluate --set $set"; continue; }
        $CHECK change "$tmp/tco-costs.xlsx" "$tmp/set.json" $name || bad "change $name"
    done <<'LIST'
business_case.cost_risk=0.5 cost_risk=0.5
tco.include_people=false include_people=FALSE -checks_
business_case.costs_from=investment costs_from=investment -checks_
business_case.annual_cost=90000 annual_cost=90000
team.ml_engineer_salary=100000 ml_engineer_salary=100000
tco.monitored_models=12 monitored_models=12
LIST
fi

# By hand: no annual_cost, so the yearly cost is the investment 150,000; with a cost risk of
# 0.15 the pool is 150,000 x 1.15 = 172,500, and three equal shares of it are 57,500 each.
if [ -f "$tmp/chargeback-equal.xlsx" ]; then
    $CHECK expect "$tmp/chargeback-equal.xlsx" chargeback_pool=172500 \
        chargeback_units_share=0.3333333333333333 chargeback_units_annual_charge=57500 \
        || bad "the equal chargeback by hand"
fi
while read -r file set name; do
    b=$(basename "$file" .json)
    [ -f "$tmp/$b.xlsx" ] || continue
    run evaluate "$file" --set "$set" --format json >"$tmp/set.json" 2>/dev/null ||
        { bad "evaluate $b --set $set"; continue; }
    # (NAME may carry -PREFIX words: with several sign changes the IRR note words the
    # engine's search for every root at generation, a static text)
    $CHECK change "$tmp/$b.xlsx" "$tmp/set.json" $name || bad "change $b $name"
done <<'LIST'
tests/xlsx/chargeback-equal.json business_case.cost_risk=0.3 cost_risk=0.3
tests/xlsx/chargeback-equal.json roi.mlops_investment=90000 mlops_investment=90000
tests/xlsx/chargeback-equal.json business_case.annual_cost=120000 annual_cost=120000
tests/xlsx/chargeback-equal.json chargeback.basis=models basis=models
tests/xlsx/chargeback-equal.json roi.incident_reduction=0.6 incident_reduction=0.6
tests/xlsx/chargeback-tco.json chargeback.units[3].models=9 chargeback_units_3_models=9
tests/xlsx/chargeback-tco.json tco.monitored_models=30 monitored_models=30
tests/xlsx/lines.json business_case.lines[6].risk=0.3 line[6].risk=0.3
tests/xlsx/lines.json business_case.lines[0].risk=0.2 line[0].risk=0.2
tests/xlsx/lines.json business_case.lines[6].end=3 line[6].end=3
tests/xlsx/lines.json business_case.lines[6].start=2 line[6].start=2
tests/xlsx/lines.json business_case.lines[7].year=4 line[7].year=4
tests/xlsx/lines-50-years.json business_case.lines[3].ramp[0]=0.8 line[3].ramp[0]=0.8 -business_case_irr_note -business_case_unadjusted_irr_note
tests/xlsx/lines.json business_case.lines[6].annual=90000 line[6].annual=90000
tests/xlsx/lines.json business_case.lines[3].escalation=0.05 line[3].escalation=0.05
tests/xlsx/lines.json business_case.lines[2].values[1]=-80000 line[2].values[1]=-80000
tests/xlsx/lines.json business_case.lines[7].amount=120000 line[7].amount=120000
tests/xlsx/lines.json business_case.discounting=mid discounting=mid
tests/xlsx/lines.json business_case.benefit_risk=0.3 benefit_risk=0.3
tests/xlsx/lines.json business_case.cost_risk=0.2 cost_risk=0.2
tests/xlsx/lines.json team.data_scientists=12 data_scientists=12
tests/xlsx/lines.json roi.avg_salary=70000 avg_salary=70000
tests/xlsx/lines.json roi.current_time_to_prod_weeks=60 current_time_to_prod_weeks=60
tests/xlsx/lines.json tco.storage_gb=3000 storage_gb=3000
tests/xlsx/lines.json business_case.mirr_finance_rate=0.04 mirr_finance_rate=0.04
tests/xlsx/lines.json business_case.discount_rate=0.07 discount_rate=0.07
tests/xlsx/lines.json business_case.horizon_years=3 horizon_years=3 -checks_
tests/xlsx/lines.json business_case.horizon_years=10 horizon_years=10
tests/xlsx/lines-mid-year.json business_case.horizon_years=6 horizon_years=6
tests/xlsx/lines-mid-year.json business_case.discounting=end discounting=end
tests/xlsx/lines-mid-year.json business_case.discount_rate=0.12 discount_rate=0.12
tests/xlsx/lines-mid-year.json business_case.lines[4].scale=2 line[4].scale=2
tests/xlsx/lines-mid-year.json business_case.lines[2].scale=0.8 line[2].scale=0.8
tests/xlsx/lines-50-years.json business_case.mirr_reinvest_rate=0.1 mirr_reinvest_rate=0.1
tests/xlsx/lines-50-years.json business_case.discount_rate=0.05 discount_rate=0.05
tests/xlsx/mid-year-legacy.json business_case.discounting=end discounting=end
tests/xlsx/mid-year-legacy.json business_case.initial_investment=200000 initial_investment=200000
LIST

# 1e. The business-case lines by hand from the contract's rules (MODEL.md "Business case
#     lines"), not from the engine: the lines demo's "Platform licence" (line 6) is 60,000 a year
#     from year 1 at its own 10 % cost risk, 66,000 after risk in each of five years: 330,000,
#     present value at 10 % 66,000 x (1 - 1.1^-5) / 0.1 = 250,191.93. "Upgrade" (line 7) is
#     80,000 once in year 3 at the case's 5 % cost risk: 84,000, PV 84,000 / 1.1^3 = 63,110.44.
#     Mid-year discounting at 8 %: year 0 undiscounted, year 1 by 1 / 1.08^0.5 = 0.96225045.
if [ -f "$tmp/lines.xlsx" ]; then
    $CHECK expect "$tmp/lines.xlsx" 'business_case_lines_total[6]=330000' \
        'business_case_lines_pv[6]=250191.92678095776' 'business_case_lines_total[7]=84000' \
        'business_case_lines_pv[7]=63110.44327573251' || bad "the lines by hand"
fi
if [ -f "$tmp/lines-mid-year.xlsx" ]; then
    $CHECK expect "$tmp/lines-mid-year.xlsx" 'business_case_years_discount_factor[0]=1' \
        'business_case_years_discount_factor[1]=0.9622504486493761' \
        || bad "the mid-year discount factors by hand"
fi

# 2. The article's worked example, recalculated by gnumeric: deployment savings 675,000,
#    incident savings 225,000, total benefits 900,000, ROI 350 % (MLOps for Decision Makers,
#    2025).
if [ -f "$tmp/seed-quick-estimate.xlsx" ]; then
    $CHECK expect "$tmp/seed-quick-estimate.xlsx" roi_deployment_savings=675000 \
        roi_incident_savings=225000 roi_total_benefits=900000 roi_roi_percent=3.5 \
        roi_net_benefit=700000 || bad "the article's worked example"
else
    bad "no workbook for scenarios/seed-quick-estimate.json"
fi

# 2b. What drives the risk and what knowing it is worth (issue 16): the Monte Carlo sheet's
#    variance decomposition, EVPI, EVPPI and board sentence are `montecarlo --sensitivity`'s
#    at the same seed and samples; with more than 10,000 samples the report decomposes
#    10,000 base samples (to stay quick) and takes the value of information from all of them.
S=scenarios/midmarket-fraud.json
if run report "$S" --samples 4000 --seed 7 --xlsx "$tmp/risk.xlsx" >/dev/null 2>&1 &&
    run montecarlo "$S" --samples 4000 --seed 7 --sensitivity --format json \
        >"$tmp/risk.json" 2>/dev/null; then
    $CHECK risk "$tmp/risk.xlsx" "$tmp/risk.json" || bad "risk figures at 4,000 samples"
else
    bad "report or montecarlo --sensitivity of $S at 4,000 samples"
fi
if [ -f "$tmp/midmarket-fraud.xlsx" ] &&
    run montecarlo "$S" --sensitivity --format json >"$tmp/risk-all.json" 2>/dev/null &&
    run montecarlo "$S" --samples 10000 --sensitivity --format json \
        >"$tmp/risk-10k.json" 2>/dev/null; then
    $CHECK risk "$tmp/midmarket-fraud.xlsx" "$tmp/risk-all.json" "$tmp/risk-10k.json" ||
        bad "risk figures at the scenario's samples"
else
    bad "montecarlo --sensitivity of $S"
fi

# 3. Change an input in the workbook, recalculate, compare with `evaluate --set`: the shipped
#    mid-market case, and the same case written with the legacy keys (tests/xlsx), whose
#    investment, costs_from and initial investment are inputs of the workbook.
S=scenarios/midmarket-fraud.json
book=$tmp/midmarket-fraud.xlsx
if [ -f "$book" ]; then
    while read -r set name; do
        run evaluate "$S" --set "$set" --format json >"$tmp/set.json" 2>/dev/null ||
            { bad "evaluate --set $set"; continue; }
        $CHECK change "$book" "$tmp/set.json" $name || bad "change $name"
    done <<'LIST'
roi.team_size=8 team_size=8
roi.avg_salary=120000 avg_salary=120000
roi.incident_reduction=0.5 incident_reduction=0.5
business_case.discount_rate=0.07 discount_rate=0.07
business_case.benefit_risk=0.5 benefit_risk=0.5
business_case.discounting=mid discounting=mid
tco.storage_gb=2000 storage_gb=2000
team.data_scientists=10 data_scientists=10
maturity.answers.model_registry=true answer_model_registry=YES
maturity.answers.experiment_tracking=false answer_experiment_tracking=NO
chargeback.units[1].models=6 chargeback_units_1_models=6
chargeback.basis=equal basis=equal
roi.incident_reduction=0.95 incident_reduction=0.95
business_case.horizon_years=5 horizon_years=5 -checks_
business_case.horizon_years=10 horizon_years=10 -checks_
LIST
fi
L=tests/xlsx/legacy-midmarket.json
lbook=$tmp/legacy-midmarket.xlsx
if [ -f "$lbook" ]; then
    while read -r set name; do
        run evaluate "$L" --set "$set" --format json >"$tmp/set.json" 2>/dev/null ||
            { bad "evaluate $L --set $set"; continue; }
        $CHECK change "$lbook" "$tmp/set.json" $name || bad "change legacy $name"
    done <<'LIST'
roi.team_size=8 team_size=8
roi.avg_salary=120000 avg_salary=120000
business_case.discount_rate=0.07 discount_rate=0.07
business_case.annual_cost=150000 annual_cost=150000
business_case.initial_investment=400000 initial_investment=400000
business_case.benefit_risk=0.5 benefit_risk=0.5
business_case.discounting=mid discounting=mid
business_case.mirr_reinvest_rate=0.03 mirr_reinvest_rate=0.03
tco.storage_gb=2000 storage_gb=2000
team.data_scientists=10 data_scientists=10
business_case.costs_from=tco costs_from=tco -checks_
tco.include_people=true include_people=TRUE
chargeback.basis=equal basis=equal
roi.incident_reduction=0.95 incident_reduction=0.95
roi.incident_reduction=0.9 incident_reduction=0.9
business_case.horizon_years=5 horizon_years=5 -checks_
business_case.horizon_years=10 horizon_years=10 -checks_
LIST
else
    bad "no workbook for $L"
fi

# 3b. --protect: every sheet protected (no password), the inputs still unlocked.
run report "$S" --protect --xlsx "$tmp/protected.xlsx" --date $DATE 2>/dev/null >/dev/null ||
    bad "report --protect"
$CHECK structure "$tmp/protected.xlsx" --protected || bad "structure with --protect"

# 4. The same inputs and date give the same bytes.
run report "$S" --xlsx "$tmp/again.xlsx" --date $DATE 2>/dev/null || bad "second report"
cmp -s "$book" "$tmp/again.xlsx" || bad "two runs with the same date differ"

# 4b. The shipped example workbook is current (make examples regenerates it).
if [ -f examples/model-midmarket.xlsx ] && [ -f "$book" ]; then
    cmp -s examples/model-midmarket.xlsx "$book" ||
        bad "examples/model-midmarket.xlsx is stale: run make examples"
fi

# 5. A bad path or a full disk fails cleanly: exit 1, a message, no file left behind.
run report "$S" --xlsx "$tmp/missing/model.xlsx" --date $DATE 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] || bad "a missing folder exits $rc, not 1"
grep -q '^mlroi: ' "$tmp/err" || bad "a missing folder gives no message"
[ ! -e "$tmp/missing" ] || bad "a missing folder was created"
if [ -c /dev/full ]; then
    run report "$S" --xlsx=/dev/full --date $DATE 2>"$tmp/err"
    rc=$?
    [ $rc -eq 1 ] || bad "/dev/full exits $rc, not 1"
    grep -q '^mlroi: ' "$tmp/err" || bad "/dev/full gives no message"
    [ -c /dev/full ] || bad "/dev/full is no longer a device"
fi
ls -A "$tmp" | grep -q '^\.' && bad "a temporary file was left: $(ls -A "$tmp" | grep '^\.')"

# 6. LibreOffice, a second spreadsheet engine: it must open every workbook without complaint
#    and, recalculating every formula on load, agree with the engine like gnumeric does.
if command -v soffice >/dev/null 2>&1; then
    LO="$CHECK --engine libreoffice"
    for b in midmarket-fraud enterprise-coe seed-quick-estimate startup tei-study \
             chargeback-equal tco-costs lines lines-50-years lines-mid-year mid-year-legacy \
             legacy-midmarket; do
        [ -f "$tmp/$b.xlsx" ] || continue
        j=$tmp/$b.out                     # the engine's figures (.json for shipped ones)
        [ -f "$j" ] || j=$tmp/$b.json
        $LO recalc "$tmp/$b.xlsx" "$j" || bad "LibreOffice recalc of $b"
    done
    while read -r set name; do
        "$MLROI" evaluate "$S" --set "$set" --format json >"$tmp/set.json" 2>/dev/null ||
            { bad "evaluate --set $set"; continue; }
        $LO change "$book" "$tmp/set.json" $name || bad "LibreOffice change $name"
    done <<'LIST'
business_case.discount_rate=0.07 discount_rate=0.07
chargeback.units[1].models=6 chargeback_units_1_models=6
maturity.answers.model_registry=true answer_model_registry=YES
business_case.horizon_years=10 horizon_years=10 -checks_
LIST
    # What a reader sees: a share of samples never displays as a certainty it is not
    # (0.99957 as "> 99.9%", 0.00033 as "< 0.1%"), and a middling one as usual.
    P='Monte Carlo|Probability that NPV > 0'
    Q='Monte Carlo|Probability of payback within the horizon'
    # (The legacy mid-market case: its investment moves the probabilities across the range.)
    $CHECK shown "$lbook" "$P=> 99.9%" "$Q=> 99.9%" ||
        bad "LibreOffice shows the midmarket probabilities wrongly"
    for case in "700000 10.6% 12.2%" "1400000 <_0.1% <_0.1%"; do
        set -- $case
        run report "$L" --set roi.mlops_investment="$1" \
            --xlsx "$tmp/chance.xlsx" >/dev/null 2>&1 || { bad "report with investment $1"; continue; }
        $CHECK shown "$tmp/chance.xlsx" "$P=$(echo "$2" | tr _ ' ')" "$Q=$(echo "$3" | tr _ ' ')" ||
            bad "LibreOffice shows the probabilities wrongly with investment $1"
    done
    # The harness itself: a workbook whose stored NPV is wrong must fail the comparison, or
    # the engine would only be echoing the cached values back.
    $PY - "$book" "$tmp/tampered.xlsx" <<'PY'
import re, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename.startswith("xl/worksheets/"):
            # every cached number of a formula cell, times two
            data = re.sub(rb"(<f>[^<]*</f><v>)(-?[0-9.eE+-]+)(</v>)",
                          lambda m: m.group(1) + repr(float(m.group(2)) * 2 + 1).encode()
                          + m.group(3), data)
        zout.writestr(item, data)
PY
    for engine in gnumeric libreoffice; do
        if $CHECK --engine $engine recalc "$tmp/tampered.xlsx" "$tmp/midmarket-fraud.json" \
            >"$tmp/tampered.out" 2>&1; then
            bad "$engine: a workbook with wrong stored values passed the recalc check"
        fi
    done
else
    if [ -n "${CI:-}" ]; then
        bad "LibreOffice (soffice) is needed in CI (make test-deps installs it)"
    else
        say "skip: LibreOffice checks (install libreoffice-calc-nogui to run them)"
    fi
fi

if [ $fail -eq 0 ]; then
    say "cli_xlsx: all passed"
fi
exit $fail
