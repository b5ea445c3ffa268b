#!/bin/sh
# SPDX-License-Identifier: MIT
# A batch of 1,000 scenario files runs in flat memory: the peak resident size of `report
# --outdir` (PDF and workbook), `compare`, `evaluate` and `validate` over 1,000 files is at
# most 1.2 times their peak over 100. Usage: sh tests/batch_memory.sh path/to/mlroi
# BATCH_FILES=N changes the large batch (default 1000).
set -u
MLROI=$1
case $MLROI in /*) ;; *) MLROI=$(pwd)/$MLROI ;; esac
cd "$(dirname "$0")/.." || exit 1
PY=/usr/bin/python3
BIG=${BATCH_FILES:-1000}
SMALL=100
DATE=2025-01-31
fail=0

if [ "${VALGRIND:-}" = 1 ]; then
    # Memcheck's own memory would hide the program's, and 2,000 documents take hours there.
    echo "skip batch_memory: not under valgrind"
    exit 0
fi
if grep -q __asan_init "$MLROI" 2>/dev/null; then
    # AddressSanitizer's quarantine holds freed memory back on purpose.
    echo "skip batch_memory: not with AddressSanitizer"
    exit 0
fi
if ! [ -x /usr/bin/time ] || ! [ -x "$PY" ]; then
    if [ -n "${CI:-}" ]; then
        echo "FAIL batch_memory: /usr/bin/time (package time) and python3 are needed (make test-deps)"
        exit 1
    fi
    echo "skip batch_memory: install the time package (make test-deps) to run it"
    exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlroi-batch-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# BIG scenarios made from the shipped ones in turn, each with its own name and salary so that
# no two documents are alike; Monte Carlo kept to 500 samples so the batch stays quick.
"$PY" - "$tmp/in" "$BIG" scenarios/seed-quick-estimate.json scenarios/startup.json \
    scenarios/midmarket-fraud.json scenarios/enterprise-coe.json <<'EOF' || exit 1
import json, os, sys
out, count, sources = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
os.makedirs(out)
bases = [json.load(open(p, encoding="utf-8")) for p in sources]
for i in range(count):
    s = json.loads(json.dumps(bases[i % len(bases)]))
    s["name"] = "Batch scenario %d" % (i + 1)
    if "roi" in s:
        s["roi"]["avg_salary"] = 80000 + i
    if "uncertainty" in s:
        s["uncertainty"]["samples"] = 500
    with open(os.path.join(out, "s%04d.json" % (i + 1)), "w", encoding="utf-8") as f:
        json.dump(s, f, ensure_ascii=False, indent=1)
EOF
ls "$tmp/in"/*.json | head -n $SMALL >"$tmp/small.list"
ls "$tmp/in"/*.json >"$tmp/big.list"

# peak LIST OUT ARGS...: the maximum resident set size in kB of mlroi ARGS... over the files
# of LIST; "" when the command failed.
peak() {
    list=$1 out=$2
    shift 2
    # shellcheck disable=SC2046
    if /usr/bin/time -f '%M' -o "$tmp/rss" "$MLROI" "$@" $(cat "$list") >"$out" 2>"$tmp/err"; then
        tail -n 1 "$tmp/rss"
    else
        sed 's/^/    /' "$tmp/err" >&2
        echo ""
    fi
}

# check NAME ARGS...: the same command over SMALL and BIG files.
check() {
    name=$1
    shift
    rm -rf "$tmp/docs"
    small=$(peak "$tmp/small.list" "$tmp/out.small" "$@")
    rm -rf "$tmp/docs"
    big=$(peak "$tmp/big.list" "$tmp/out.big" "$@")
    if [ -z "$small" ] || [ -z "$big" ]; then
        echo "FAIL batch_memory: $name failed"
        fail=1
    elif [ $((10 * big)) -gt $((12 * small)) ]; then
        echo "FAIL batch_memory: $name peaks at $big kB for $BIG files, $small kB for $SMALL"
        fail=1
    else
        echo "batch_memory: $name: $small kB for $SMALL files, $big kB for $BIG"
    fi
}

check "report --outdir --pdf --xlsx" report --outdir "$tmp/docs" --pdf --xlsx --date $DATE
n=$(ls "$tmp/docs" | wc -l)
if [ "$n" -ne $((2 * BIG)) ]; then
    echo "FAIL batch_memory: $n documents written, expected $((2 * BIG))"
    fail=1
fi
check compare compare
check evaluate evaluate
check validate validate
[ $fail -eq 0 ] && echo "batch_memory: ok"
exit $fail
