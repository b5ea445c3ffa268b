#!/bin/sh
# SPDX-License-Identifier: MIT
# The hot loops' width and instruction set change no figure: BIN (four lanes, in AVX2 where the
# processor has it) against ONE (built with MLROI_NO_CLONES: two lanes, plain x86-64), byte for
# byte, over the commands whose loops run in lanes (src/simd.h): Monte Carlo at sample counts
# that leave every kind of partial block, with both methods, several threads, correlations, the
# sensitivity design and the exported samples, then grid, sweep, tornado and breakeven. (Both
# call the same libm, so this holds the project's own loops, not the C library's.)
# Usage: sh tests/lanes.sh BIN ONE
set -u
BIN=$1
ONE=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
cd "$root" || exit 1

# same NAME ARGS...: both binaries give the same output and exit status.
same() {
    [ -n "${LANES_TRACE:-}" ] && printf "%s\n" "$*" >&2
    name=$1
    shift
    "$BIN" "$@" >"$tmp/a" 2>&1
    a=$?
    "$ONE" "$@" >"$tmp/b" 2>&1
    b=$?
    if [ "$a" -eq "$b" ] && [ -s "$tmp/a" ] && cmp -s "$tmp/a" "$tmp/b"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        printf 'FAIL: %s: the builds differ (exit %s and %s)\n' "$name" "$a" "$b" >&2
    fi
}

mid=scenarios/midmarket-fraud.json
tei=scenarios/tei-study.json
for f in "$mid" "$tei"; do
    for n in 1 3 257 4099 65537; do
        for m in lhs mc; do
            same "montecarlo $f $n $m" montecarlo "$f" --samples "$n" --method "$m" --format json
        done
    done
    same "montecarlo $f 3 threads" montecarlo "$f" --samples 100003 --threads 3 --bins 37 \
        --format json
    same "montecarlo $f text" montecarlo "$f" --samples 20000
    same "montecarlo $f sensitivity" montecarlo "$f" --samples 2000 --sensitivity --format json
    "$BIN" montecarlo "$f" --samples 5000 --export-samples "$tmp/a.csv" >/dev/null 2>&1
    "$ONE" montecarlo "$f" --samples 5000 --export-samples "$tmp/b.csv" >/dev/null 2>&1
    if [ -s "$tmp/a.csv" ] && cmp -s "$tmp/a.csv" "$tmp/b.csv"; then pass=$((pass + 1))
    else fail=$((fail + 1)); printf 'FAIL: %s: exported samples differ\n' "$f" >&2; fi
done
# Correlated inputs (Iman-Conover) and every kind of distribution, truncation included.
cat >"$tmp/corr.json" <<'EOF'
{ "extends": "midmarket-fraud.json",
  "uncertainty": { "samples": 30011, "seed": 7,
    "inputs": {
      "roi.avg_incident_cost": { "dist": "triangular", "min": 40000, "mode": 75000, "max": 150000 },
      "roi.incident_reduction": { "dist": "pert", "min": 0.5, "mode": 0.75, "max": 0.9 },
      "roi.mlops_time_to_prod_weeks": { "dist": "uniform", "min": 2, "max": 6 },
      "roi.avg_salary": { "dist": "normal", "mean": 90000, "sd": 8000, "min": 70000 },
      "roi.models_per_year": { "dist": "lognormal", "p5": 3, "p95": 10 } },
    "correlations": [ [ "roi.avg_incident_cost", "roi.incident_reduction", -0.4 ],
                      [ "roi.avg_salary", "roi.models_per_year", 0.3 ] ] } }
EOF
cp "$mid" "$tmp/midmarket-fraud.json"
same "montecarlo correlated" montecarlo "$tmp/corr.json" --format json
same "montecarlo correlated, 2 threads" montecarlo "$tmp/corr.json" --threads 2 --format csv

same "grid" grid "$mid" --x roi.avg_incident_cost:10000:200000:101 \
    --y roi.incident_reduction:0.1:0.95:97 --format json
same "grid irr" grid "$mid" --x roi.team_size:1:12:12 --y business_case.discount_rate:0:0.3:31 \
    --metric irr --format json
same "sweep" sweep "$mid" --param roi.models_per_year --from 1 --to 40 --points 40 --format json
same "tornado" tornado "$mid" --format json
same "breakeven" breakeven "$mid" --param roi.incident_reduction --format json

printf 'lanes: %d passed, %d failed\n' "$pass" "$fail"
[ "$fail" -eq 0 ]
