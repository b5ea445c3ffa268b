#!/bin/sh
# SPDX-License-Identifier: MIT
# The bad-input table: every case must exit with its code and print its exact first line on
# stderr, never crash, never leave an output file behind and never touch an existing one.
# Usage: sh tests/cli_bad.sh path/to/mlroi   (VALGRIND=1 runs every case under memcheck;
# BAD_CASES=REGEX runs only the cases whose names match)
#
# tests/bad/expected.tsv   NAME, EXIT, FIRST LINE: `mlroi validate tests/bad/NAME.json`
# tests/bad/commands.tsv   NAME, EXIT, OUTPUT, ARGUMENTS, FIRST LINE: any command line
#   ARGUMENTS are shell words (quotes work). OUTPUT is "-", "stdout" (standard output goes
#   to /dev/full) or the path of the file the command would write. In ARGUMENTS, OUTPUT and
#   the message, @TMP@ is a fresh folder holding the generated inputs (huge.json, deep.json,
#   dir.json/, unreadable.json, dangling.pdf, a valid base.json, out/) and @FF@ is the byte
#   0xFF.
set -u
MLROI=$1
case $MLROI in /*) ;; *) MLROI=$(pwd)/$MLROI ;; esac
cd "$(dirname "$0")/.." || exit 1
LC_ALL=C
export LC_ALL
tab=$(printf '\t')
ff=$(printf '\377')
. tests/common.sh   # memcheck, ok, ko and the counters
skip=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlroi-cli-bad-XXXXXX") || exit 1
chmod 755 "$tmp"   # the unreadable case may run as another user
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

as_nobody=0
run() {
    set -- "$MLROI" "$@"
    if [ "$as_nobody" = 1 ]; then
        set -- setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
    fi
    memcheck "$@" </dev/null
}

# Inputs that cannot live in the repository: a sparse 100 MB file, 100,000 nested arrays, a
# folder named like a scenario, a file nobody may read.
mkdir -p "$tmp/out" "$tmp/dir.json"
truncate -s 100M "$tmp/huge.json"
head -c 100000 /dev/zero | tr '\0' '[' >"$tmp/deep.json"
cp tests/bad/cmd/base.json "$tmp/base.json"
cp tests/bad/cmd/base.json "$tmp/unreadable.json"
chmod 000 "$tmp/unreadable.json"
ln -s nowhere/x.pdf "$tmp/dangling.pdf"
# The devices a careless writer run by root could replace (rename() over them).
devices_before=$(ls -l /dev/full /dev/null /dev/stdout 2>&1)
root=0
[ "$(id -u)" -eq 0 ] && root=1

subst() {
    printf '%s' "$1" | sed -e "s|@TMP@|$tmp|g" -e "s|@FF@|$ff|g"
}

# check NAME RC OUTPUT MESSAGE ARGS...: one run of a case, with its output checks.
check() {
    c_name=$1 c_rc=$2 c_out=$3 c_msg=$4
    shift 4
    if [ "$c_out" = stdout ]; then
        run "$@" >/dev/full 2>"$tmp/err"
    else
        run "$@" >"$tmp/stdout" 2>"$tmp/err"
    fi
    got=$?
    first=$(head -n 1 "$tmp/err")
    if [ "$got" -ge 128 ]; then
        ko "$c_name: crashed (exit $got)"; sed 's/^/    /' "$tmp/err" >&2
    elif [ "$got" -ne "$c_rc" ]; then
        ko "$c_name: exit $got, expected $c_rc"; sed 's/^/    /' "$tmp/err" >&2
    elif [ "$first" != "$c_msg" ]; then
        ko "$c_name: first line of stderr differs"
        printf '    want: %s\n    got:  %s\n' "$c_msg" "$first" >&2
    else
        ok
    fi
}

# leftovers FILE: the hidden temporary files a writer would leave beside FILE.
leftovers() {
    ls -A "$(dirname "$1")" 2>/dev/null | grep -F ".$(basename "$1")." || true
}

# case NAME RC OUTPUT MESSAGE ARGS...: the run, then what happened to the output.
one_case() {
    name=$1 rc=$2 out=$3 msg=$4
    shift 4
    if [ -n "${BAD_CASES:-}" ] && ! printf '%s\n' "$name" | grep -Eq -- "$BAD_CASES"; then
        return
    fi
    case $out in
    - | stdout)
        check "$name" "$rc" "$out" "$msg" "$@"
        ;;
    /dev/*)
        check "$name" "$rc" "$out" "$msg" "$@"
        if [ -c "$out" ]; then ok; else ko "$name: $out is no longer a device"; fi
        ;;
    *)
        # No file may appear where there was none...
        rm -f "$out" 2>/dev/null
        check "$name" "$rc" "$out" "$msg" "$@"
        if [ -e "$out" ] && [ ! -d "$out" ]; then
            ko "$name: $out was written"; rm -f "$out"
        else
            ok
        fi
        # ...and an existing one keeps its bytes (unless OUT is a folder or cannot exist).
        if [ -d "$(dirname "$out")" ] && [ ! -d "$out" ]; then
            printf 'the previous document\n' >"$out"
            cp "$out" "$tmp/previous"
            check "$name (file existed)" "$rc" "$out" "$msg" "$@"
            if cmp -s "$tmp/previous" "$out"; then ok; else ko "$name: the existing $out changed"; fi
            rm -f "$out"
        fi
        left=$(leftovers "$out")
        if [ -z "$left" ]; then ok; else ko "$name: temporary files left: $left"; fi
        ;;
    esac
}

# 1. Scenario files, each through `mlroi validate`.
while IFS="$tab" read -r name rc msg; do
    case $name in '' | '#'*) continue ;; esac
    one_case "bad/$name" "$rc" - "$msg" validate "tests/bad/$name.json"
done <tests/bad/expected.tsv

# 2. Command lines.
while IFS="$tab" read -r name rc out args msg; do
    case $name in '' | '#'*) continue ;; esac
    as_nobody=0
    case $args in
    *@TMP@/unreadable.json*)
        # root reads any file whatever its mode: run this case as nobody when possible.
        if [ "$root" = 1 ] && command -v setpriv >/dev/null 2>&1; then
            as_nobody=1
        elif [ "$root" = 1 ]; then
            printf 'skip %s: running as root without setpriv\n' "$name"
            skip=$((skip + 1))
            continue
        fi
        ;;
    esac
    if [ "$out" = stdout ] && [ ! -c /dev/full ]; then
        printf 'skip %s: no /dev/full\n' "$name"
        skip=$((skip + 1))
        continue
    fi
    case $out in /dev/full) [ -c /dev/full ] || { skip=$((skip + 1)); continue; } ;; esac
    out=$(subst "$out")
    msg=$(subst "$msg")
    eval "set -- $(subst "$args")"
    one_case "$name" "$rc" "$out" "$msg" "$@"
done <tests/bad/commands.tsv

if [ "$(ls -l /dev/full /dev/null /dev/stdout 2>&1)" = "$devices_before" ]; then
    ok
else
    ko "a device node changed: $(ls -l /dev/full /dev/null /dev/stdout 2>&1)"
fi

echo "cli_bad: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
