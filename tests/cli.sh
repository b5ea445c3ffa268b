#!/bin/sh
# SPDX-License-Identifier: MIT
# Command-line tests: the article's figures, golden outputs, the bad-input table, usage
# errors and output failures. Usage: sh tests/cli.sh path/to/mlroi
# With VALGRIND=1 every run goes through valgrind memcheck.
set -u
BIN=$1
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$here/common.sh"
tab=$(printf '\t')   # cJSON indents and separates with tabs

# expect_out NAME RC PATTERN ARGS...: exit code RC and stdout containing the fixed string PATTERN.
expect_out() {
    name=$1 rc=$2 pat=$3
    shift 3
    run "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -ne "$rc" ]; then
        ko "$name: exit $got, expected $rc"; sed 's/^/    /' "$tmp/err" >&2
    elif ! grep -qF -- "$pat" "$tmp/out"; then
        ko "$name: output lacks '$pat'"
    else
        ok
    fi
}
# expect_err NAME RC MESSAGE ARGS...: exit code RC and MESSAGE as a line of stderr.
expect_err() {
    name=$1 rc=$2 msg=$3
    shift 3
    run "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -ne "$rc" ]; then
        ko "$name: exit $got, expected $rc"; sed 's/^/    /' "$tmp/err" >&2
    elif ! grep -qxF -- "$msg" "$tmp/err"; then
        ko "$name: stderr lacks the line '$msg'"; sed 's/^/    got: /' "$tmp/err" >&2
    else
        ok
    fi
}

# 1. The article's worked example (MLOps for Decision Makers, 2025): 675,000 + 225,000 = 900,000,
#    ROI (900,000 - 200,000) / 200,000 = 350 %.
seed=scenarios/seed-quick-estimate.json
expect_out article-deployment 0 'Deployment savings                 $675,000' roi "$seed"
expect_out article-incidents 0 'Incident savings                   $225,000' roi "$seed"
expect_out article-total 0 'Total benefits                     $900,000' roi "$seed"
expect_out article-roi 0 'ROI                                350.0 %' roi "$seed"
expect_out article-json 0 "\"deployment_savings\":${tab}675000" roi "$seed" --format json
expect_out article-json-roi 0 "\"roi_percent\":${tab}350" roi "$seed" --format json
expect_out article-csv 0 'roi,total_benefits,,900000,USD' roi "$seed" --format csv
# --set re-runs without editing: team of 8 -> 13 weeks * 8*90000/52 * 6 = 1,080,000.
expect_out set-team-size 0 'Deployment savings                 $1,080,000' roi "$seed" --set roi.team_size=8
# Horizon 1, rate 0: the business case's NPV is the quick estimate's net benefit (700,000).
expect_out npv-identity 0 "\"npv\":${tab}700000" roi "$seed" --format json \
    --set business_case.horizon_years=1 --set business_case.discount_rate=0
# Ten data scientists recommend ceil(3*10/10) = 3 ML engineers, not 4.
expect_out ceiling 0 '3 recommended (range 2-5)' team scenarios/midmarket-fraud.json \
    --set team.data_scientists=10

# 2. Every shipped scenario evaluates, validates, and matches its golden output in each format.
for f in scenarios/seed-quick-estimate.json scenarios/startup.json scenarios/midmarket-fraud.json \
         scenarios/enterprise-coe.json scenarios/tei-study.json; do
    base=$(basename "$f" .json)
    expect_out "validate-$base" 0 "$f: valid" validate "$f"
    for fmt in text json csv; do
        run evaluate "$f" --format "$fmt" >"$tmp/got" 2>"$tmp/err"
        if [ $? -ne 0 ]; then
            ko "golden $base.$fmt: exit status"; continue
        fi
        if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
            cp "$tmp/got" "$here/golden/$base.$fmt"
        fi
        if diff -u "$here/golden/$base.$fmt" "$tmp/got" >"$tmp/diff"; then
            ok
        else
            ko "golden $base.$fmt differs:"; head -20 "$tmp/diff" >&2
        fi
    done
done
# Business-case lines in every format: each kind's lines add up to the yearly benefits and
# costs, a line's pv is its discounted adjusted amounts, the text table's totals are the yearly
# table's, the CSV rows are the JSON's, derived lines written back give the same case.
if sh "$here/cli_lines.sh" "$BIN"; then ok; else ko "cli_lines.sh"; fi
for p in startup midmarket enterprise quick; do
    run init --profile "$p" >"$tmp/init.json" 2>"$tmp/err" && run validate "$tmp/init.json" >/dev/null 2>&1
    if [ $? -eq 0 ]; then ok; else ko "init --profile $p does not validate"; fi
done

# 3. The bad-input table (tests/bad/expected.tsv and commands.tsv: unreadable files, --set
#    mistakes, usage errors, a full disk...) runs in cli_bad.sh below, with its output checks.

# 4. --set on an array element and the help texts.
expect_out set-array-element 0 "\"training\":${tab}528" tco scenarios/startup.json --format json \
    --set 'tco.workloads[0].hours_per_month=440'   # 0.10 x 1 x 440 h x 12 = 528
expect_out help 0 "Exit status:" --help
expect_out command-help 0 "Usage: mlroi evaluate" evaluate --help
# Every command's help, as printed (not a format string): no "%%", lines within 100 columns.
for c in $("$BIN" --help | awk '/^Commands:/ { on = 1; next } on && /^$/ { exit }
                                 on && /^  [a-z]/ { print $1 }'); do
    run "$c" --help >"$tmp/help" 2>&1
    if [ $? -eq 0 ] && grep -q "^Usage: mlroi $c" "$tmp/help" && ! grep -q '%%' "$tmp/help" &&
        [ "$(awk 'length > 100' "$tmp/help" | wc -l)" -eq 0 ]; then ok
    else ko "$c --help: no usage, a '%%' or a line over 100 columns"; fi
done
expect_out version 0 "mlroi " --version

# 5. Decision support: platform rules, margin notes, --strict, chargeback to the cent.
mid=scenarios/midmarket-fraud.json
expect_out vendor-aws 0 'MLflow on SageMaker, or self-hosted MLflow on EC2' vendor "$mid"
expect_out vendor-research 0 'Weights & Biases + MLflow' vendor "$mid" --set platform.research_heavy=true
expect_out vendor-multi 0 'ZenML + MLflow for tracking' vendor "$mid" --set platform.cloud=multi
expect_out vendor-gcp 0 'Vertex AI with Kubeflow Pipelines' vendor "$mid" --set platform.cloud=gcp
expect_out vendor-on-prem 0 'Open-source MLflow on the existing infrastructure' vendor "$mid" --set platform.cloud=on_prem
expect_out check-optimistic 0 'incident reduction 0.95 is above the 0.75 the benchmark assumes: optimistic' \
    check "$mid" --set roi.incident_reduction=0.95
expect_err check-strict 3 "mlroi: $mid: 1 check(s) fail --strict: roi.incident_reduction (optimistic)" \
    check "$mid" --strict --set roi.incident_reduction=0.95
expect_out check-strict-clean 0 'incident reduction 0.75' check "$mid" --strict
# 37,136.40 shared 4:3:1 gives 18,568.20 + 13,926.15 + 4,642.05 = 37,136.40.
expect_out chargeback-fraud 0 '$18,568.20' chargeback "$mid"
expect_out chargeback-marketing 0 '$4,642.05' chargeback "$mid"
expect_out tco-licence-note 0 'would add $2,400-$24,000 a year' tco "$mid" --set platform.research_heavy=true
# The mid-market plan by hand: benefits 0, 262,000, 524,000, 524,000 (405,000 + 225,000 at
# 20 % risk and 40,000 at 50 %, half in year 1); costs 55,000 x 1.1, then the team's 385,000
# (half in year 1) and the TCO's 37,136.40, each x 1.1: NPV at 10 % = 42,158.8036063 (to the
# 12 digits a sum in another order keeps).
expect_err gate-holds 3 "mlroi: gate held: npv < 10000000 (npv = 42158.80360631084)" evaluate "$mid" --fail-if 'npv<1e7'

# 6. Commands of later modules bring their own tests.
for extra in cli_analysis.sh cli_report.sh cli_xlsx.sh cli_page.sh cli_bad.sh cli_safety.sh \
             batch_memory.sh; do
    if [ -f "$here/$extra" ]; then
        if sh "$here/$extra" "$BIN"; then ok; else ko "$extra"; fi
    fi
done
# The JSON Schema agrees with the loader (shipped scenarios, bad-input table, boundaries).
if /usr/bin/python3 "$here/schema_check.py" "$BIN"; then ok; else ko "schema_check.py"; fi
# The README's examples are what the tool prints today.
if /usr/bin/python3 "$here/readme_check.py" "$BIN" "$here/../README.md"; then ok
else ko "readme_check.py"; fi
if sh "$here/cli_assess.sh" "$BIN"; then ok; else ko "cli_assess.sh"; fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
