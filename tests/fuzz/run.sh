#!/bin/sh
# SPDX-License-Identifier: MIT
# Run each fuzz target for a while over a scratch copy of its seed corpus: run.sh BUILD SECONDS NAME...
set -eu
build=$1 seconds=$2
shift 2
here=$(dirname "$0")
status=0
for name in "$@"; do
    bin="$build/fuzz/fuzz_$name"
    work="$build/fuzz-run/$name"
    rm -rf "$work"
    mkdir -p "$work/corpus" "$work/artifacts"
    if [ -d "$here/corpus/$name" ]; then
        cp "$here/corpus/$name"/* "$work/corpus/" 2>/dev/null || true
    fi
    dict=
    if [ -f "$here/$name.dict" ]; then
        dict="-dict=$here/$name.dict"
    fi
    echo "== fuzz $name ($seconds s)"
    # The log keeps libFuzzer's progress lines; the last stats lines are shown.
    if "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$work/artifacts/" $dict "$work/corpus" \
        >"$work/log" 2>&1; then
        grep -E '^(#[0-9]+.*(DONE|pulse)|stat::number_of_executed_units|stat::average_exec_per_sec)' \
            "$work/log" | tail -n 3
    else
        status=1
        tail -n 40 "$work/log"
        echo "fuzz $name: FAILED; reproducer(s) in $work/artifacts:" >&2
        ls "$work/artifacts" >&2
    fi
done
exit $status
