#!/bin/sh
# SPDX-License-Identifier: MIT
# A staged install: `make install` with PREFIX=/usr into a temporary DESTDIR, the installed
# binary run from another folder with and without MLROI_DATADIR, the data directory's files
# taking effect, the man page, the bash completion, and `make uninstall` leaving nothing.
# Usage: sh tests/install.sh [BUILD_DIR]   (make install-test)
set -u
BUILD=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
MAKE=${MAKE:-make}
case $BUILD in
/*) bdir=$BUILD ;;
*) bdir=$root/$BUILD ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The canonical path: the binary finds its data through /proc/self/exe, which has no symlinks.
tmp=$(cd "$tmp" && pwd -P)
stage=$tmp/stage
work=$tmp/work
mkdir -p "$stage" "$work"
. "$root/tests/common.sh"   # ok, ko and the counters

# check NAME RC PATTERN CMD...: exit code RC and stdout+stderr containing the fixed PATTERN.
check() {
    name=$1 rc=$2 pat=$3
    shift 3
    "$@" >"$tmp/out" 2>&1
    got=$?
    if [ "$got" -ne "$rc" ]; then
        ko "$name: exit $got, expected $rc"; sed 's/^/    /' "$tmp/out" >&2
    elif ! grep -qF -- "$pat" "$tmp/out"; then
        ko "$name: output lacks '$pat'"; sed 's/^/    /' "$tmp/out" >&2
    else
        ok
    fi
}

if ! "$MAKE" -C "$root" --no-print-directory install BUILD="$BUILD" PREFIX=/usr \
        DESTDIR="$stage" >"$tmp/make.log" 2>&1; then
    cat "$tmp/make.log" >&2
    echo "install: make install failed" >&2
    exit 1
fi
bin=$stage/usr/bin/mlroi
data=$stage/usr/share/mlroi

# Exactly the promised files, nothing else.
{
    echo usr/bin/mlroi
    echo usr/lib/mlroi/mlroi-documents.so
    echo usr/share/mlroi/benchmarks.json
    echo usr/share/mlroi/mlroi.schema.json
    for f in "$root"/templates/*.json; do echo "usr/share/mlroi/templates/${f##*/}"; done
    for f in "$root"/scenarios/*.json; do echo "usr/share/mlroi/scenarios/${f##*/}"; done
    echo usr/share/man/man1/mlroi.1
    echo usr/share/bash-completion/completions/mlroi
} | sort >"$tmp/expected"
(cd "$stage" && find . -type f | sed 's|^\./||' | sort) >"$tmp/got"
if diff -u "$tmp/expected" "$tmp/got" >"$tmp/diff"; then ok; else
    ko "installed files differ from the list:"; cat "$tmp/diff" >&2
fi
if [ -x "$bin" ]; then ok; else ko "the installed binary is not executable"; fi
# Every installed scenario's "$schema" names the installed schema, relative to itself.
for f in "$data"/scenarios/*.json; do
    if grep -qF '"$schema": "../mlroi.schema.json"' "$f" && [ -f "$data/mlroi.schema.json" ]; then
        ok
    else
        ko "${f##*/}: its \$schema does not lead to the installed schema"
    fi
done

cd / || exit 1

# Where the data is found: the variable first, then share/mlroi beside the binary.
check "datadir from MLROI_DATADIR" 0 "data directory: $data (from MLROI_DATADIR)" \
    env MLROI_DATADIR="$data" "$bin" --version
check "datadir beside the binary" 0 "data directory: $data (found beside the binary)" \
    env -u MLROI_DATADIR "$bin" --version
check "MLROI_DATADIR naming no folder" 1 \
    "mlroi: $tmp/none: MLROI_DATADIR names no data directory (no such directory)" \
    env MLROI_DATADIR="$tmp/none" "$bin" evaluate "$data/scenarios/startup.json"
if [ ! -d "$bdir/../share/mlroi" ]; then
    check "uninstalled binary uses the built-in data" 0 \
        "data directory: none (using the data built into the binary)" \
        env -u MLROI_DATADIR "$bdir/mlroi" --version
fi

# A shipped scenario from the installed folder gives what the build tree gives.
for how in env beside; do
    if [ $how = env ]; then set -- env MLROI_DATADIR="$data" "$bin"; else set -- env -u MLROI_DATADIR "$bin"; fi
    "$@" evaluate "$data/scenarios/midmarket-fraud.json" --format json >"$tmp/inst.json" 2>"$tmp/err"
    rc=$?
    env -u MLROI_DATADIR "$bdir/mlroi" evaluate "$root/scenarios/midmarket-fraud.json" \
        --format json >"$tmp/tree.json" 2>/dev/null
    # Only the scenario's file name and hash may differ: the installed copy names the schema
    # where it is installed ("$schema": "../mlroi.schema.json").
    sed -i '/^		"file":	/d; /^		"sha256":	/d' "$tmp/inst.json" "$tmp/tree.json"
    if [ $rc -eq 0 ] && [ -s "$tmp/inst.json" ] && cmp -s "$tmp/inst.json" "$tmp/tree.json"
    then ok; else
        ko "evaluate ($how): exit $rc or output differs from the build tree's"; cat "$tmp/err" >&2
    fi
    # The seed scenario is the article's worked example: ((900,000 - 200,000) / 200,000) x 100
    # = 350 % (MLOps for Decision Makers, 2025, quick estimate).
    check "seed example ($how)" 0 "ROI                                350.0 %" \
        "$@" roi "$data/scenarios/seed-quick-estimate.json"
    check "report --pdf --template board ($how)" 0 "" \
        "$@" report "$data/scenarios/midmarket-fraud.json" --pdf "$work/board-$how.pdf" \
        --template board --date 2025-06-30
    if head -c 5 "$work/board-$how.pdf" 2>/dev/null | grep -q '^%PDF-'; then ok; else
        ko "report ($how): no PDF written"
    fi
done

# Without its document module the installed binary still evaluates, and refuses a PDF or a
# workbook in one line naming the module, writing nothing.
module=$stage/usr/lib/mlroi/mlroi-documents.so
mv "$module" "$module.away"
check "evaluate without the document module" 0 "ROI" \
    env -u MLROI_DATADIR "$bin" roi "$data/scenarios/seed-quick-estimate.json"
for doc in pdf xlsx; do
    check "report --$doc without the document module" 1 \
        "mlroi: cannot load the document module $module (no such file), so no PDF or workbook can be written" \
        env -u MLROI_DATADIR "$bin" report "$data/scenarios/startup.json" --$doc "$work/none.$doc" \
        --outdir "$work/none"
    if [ ! -e "$work/none.$doc" ] && [ ! -e "$work/none" ]; then ok; else
        ko "report --$doc without the document module wrote something"
    fi
done
mv "$module.away" "$module"

# A changed template in the data folder replaces the built-in one of that name, and an added
# one is found by name.
sed 's/"title": *"[^"]*"/"title": "Staged install template check"/' \
    "$root/templates/board.json" >"$data/templates/board.json"
grep -q 'Staged install template check' "$data/templates/board.json" || ko "cannot edit the template"
cp "$data/templates/board.json" "$data/templates/acme.json"
for how in env beside; do
    if [ $how = env ]; then set -- env MLROI_DATADIR="$data" "$bin"; else set -- env -u MLROI_DATADIR "$bin"; fi
    for name in board acme; do
        rm -f "$work/t.pdf"
        if "$@" report "$data/scenarios/startup.json" --pdf "$work/t.pdf" --template $name \
                --date 2025-06-30 >/dev/null 2>"$tmp/err" &&
           pdftotext -q "$work/t.pdf" - | grep -q 'Staged install template check'; then ok; else
            ko "template $name from the data folder ($how) not used"; cat "$tmp/err" >&2
        fi
    done
done
# A template given as a path is still read from that path.
check "template by path" 0 "" "$bin" report "$data/scenarios/startup.json" \
    --pdf "$work/p.pdf" --template "$root/templates/consultant.json" --date 2025-06-30

# A broken file in the data folder is an error that names it, never a silent fall-back.
printf '{ "format": 1,\n  "title": }\n' >"$data/templates/board.json"
check "broken template named" 2 "$data/templates/board.json:2:" \
    env -u MLROI_DATADIR "$bin" report "$data/scenarios/startup.json" --pdf "$work/x.pdf"
if [ ! -e "$work/x.pdf" ]; then ok; else ko "a PDF was written with a broken template"; fi
install -m 644 "$root/templates/board.json" "$data/templates/board.json"

# The catalog in the data folder is used; --benchmarks still wins. The A100 training rate
# raised from 13.83 to 20 per hour: midmarket-fraud trains 1 instance x 40 h a month on it and
# 2 x 200 h on cpu.small (0.10): 20 x 40 x 12 + 0.10 x 400 x 12 = 9,600 + 480 = $10,080 a year.
sed 's/"rate": 13.83/"rate": 20/' "$root/src/data/benchmarks.json" >"$data/benchmarks.json"
check "catalog from the data folder" 0 'Training (per year)                $10,080' \
    env -u MLROI_DATADIR "$bin" tco "$data/scenarios/midmarket-fraud.json"
# 13.83 x 40 x 12 + 480 = 6,638.40 + 480 = $7,118.
check "--benchmarks wins over the data folder" 0 'Training (per year)                $7,118' \
    env -u MLROI_DATADIR "$bin" tco "$data/scenarios/midmarket-fraud.json" \
    --benchmarks "$root/src/data/benchmarks.json"
printf '[1, 2' >"$data/benchmarks.json"
check "broken catalog named" 2 "$data/benchmarks.json:1:" \
    env -u MLROI_DATADIR "$bin" evaluate "$data/scenarios/startup.json"
install -m 644 "$root/src/data/benchmarks.json" "$data/benchmarks.json"

# The man page: no warning from man or groff, and found under the staged MANPATH.
LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 \
    -l "$stage/usr/share/man/man1/mlroi.1" >"$tmp/man.txt" 2>"$tmp/man.err"
if [ ! -s "$tmp/man.err" ] && grep -q 'MLROI_DATADIR' "$tmp/man.txt"; then ok; else
    ko "man page warnings:"; cat "$tmp/man.err" >&2
fi
if [ "$(MANPATH="$stage/usr/share/man" man -w mlroi 2>/dev/null)" = \
     "$stage/usr/share/man/man1/mlroi.1" ]; then ok; else ko "man -w mlroi does not find the page"; fi
# Every command the binary lists is in the man page.
for c in $("$bin" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p'); do
    if grep -q "^       $c\( \|$\)" "$tmp/man.txt"; then ok; else
        ko "man page lacks command $c"
    fi
done

# Bash completion, sourced and called as bash would call it.
if command -v bash >/dev/null 2>&1; then
    comp() {
        bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
                 COMPREPLY=(); _mlroi; printf "%s\n" "${COMPREPLY[@]}"' \
            sh "$stage/usr/share/bash-completion/completions/mlroi" "$@"
    }
    # expect_comp WANT WORDS...: WANT is one of the completions offered.
    expect_comp() {
        want=$1
        shift
        if comp "$@" | grep -qxF -- "$want"; then ok; else
            ko "completion of '$*' lacks '$want' (got: $(comp "$@" | tr '\n' ' '))"
        fi
    }
    expect_comp sweep "$bin" sw
    expect_comp montecarlo "$bin" ""
    expect_comp --strict "$bin" check x.json --st
    expect_comp --interactive "$bin" assess --int
    expect_comp --threads "$bin" grid x.json --th
    expect_comp json "$bin" evaluate x.json --format j
    expect_comp csv "$bin" evaluate x.json --format = c
    expect_comp enterprise "$bin" init --profile ent
    expect_comp lhs "$bin" montecarlo x.json --method l
    expect_comp roi.avg_incident_cost "$bin" sweep x.json --param roi.avg_i
    expect_comp roi.team_size= "$bin" evaluate x.json --set roi.team_s
    expect_comp tco.storage_gb: "$bin" grid x.json --x tco.storage
    expect_comp roi.team_size,roi.avg_salary "$bin" tornado x.json --params roi.team_size,roi.avg_sal
    expect_comp consultant "$bin" report x.json --template c
    # Template names include the data folder's own.
    expect_comp acme "$bin" report x.json --template a
    expect_comp "$data/scenarios/startup.json" "$bin" evaluate "$data/scenarios/sta"
    if [ -z "$(comp "$bin" evaluate x.json --fail-if '')" ]; then ok; else
        ko "completion offers something for a --fail-if expression"
    fi
else
    ko "bash is missing: completion not tested"
fi

# Uninstall removes exactly what install wrote: a file of the user's own stays.
if "$MAKE" -C "$root" --no-print-directory uninstall BUILD="$BUILD" PREFIX=/usr \
        DESTDIR="$stage" >"$tmp/make.log" 2>&1; then ok; else
    ko "make uninstall failed"; cat "$tmp/make.log" >&2
fi
left=$(cd "$stage" && find . -type f | sed 's|^\./||')
if [ "$left" = usr/share/mlroi/templates/acme.json ]; then ok; else
    ko "after uninstall, files left: $(echo $left)"
fi
rm -f "$data/templates/acme.json"
"$MAKE" -C "$root" --no-print-directory uninstall BUILD="$BUILD" PREFIX=/usr \
    DESTDIR="$stage" >"$tmp/make.log" 2>&1
if [ -z "$(cd "$stage" && find . -type f)" ] && [ ! -e "$data" ] &&
   [ ! -e "$stage/usr/lib/mlroi" ]; then ok; else
    ko "uninstall left files, the data folder or the module's folder behind"
fi

echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
