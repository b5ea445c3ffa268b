#!/bin/sh
# SPDX-License-Identifier: MIT
# `report --html` through the CLI: the file it writes, its name, the outdir batch, refusals,
# repeatable bytes. What the page computes is tested by tests/page/ (make page-test).
# Usage: sh tests/cli_page.sh build/mlroi
set -u
MLROI=$1
case $MLROI in /*) ;; *) MLROI=$(pwd)/$MLROI ;; esac
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlroi-cli-page-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
say() { printf '%s\n' "$*"; }
bad() { say "FAIL cli_page: $*"; fail=1; }
BIN=$MLROI
. "$here/common.sh"   # run: mlroi, under memcheck with VALGRIND=1

cp "$here/../scenarios/midmarket-fraud.json" "$tmp/plan.json"
cd "$tmp" || exit 1

# A build without the WebAssembly toolchain says so, and writes nothing.
run report plan.json --html page.html >out 2>err
rc=$?
if grep -q 'no page engine' err; then
    [ $rc -eq 1 ] || bad "no engine: exit $rc, expected 1"
    [ ! -e page.html ] || bad "no engine: a page was written"
    say "cli_page: this mlroi has no page engine; only its message was checked"
    exit $fail
fi

# 1. One self-contained file: the engine, the script, the style and the scenario inside, a
#    policy that allows no request, nothing fetched from anywhere.
[ $rc -eq 0 ] || bad "--html page.html: exit $rc: $(cat err)"
[ "$(cat out)" = page.html ] || bad "--html page.html printed '$(cat out)'"
head -c 15 page.html | grep -qx '<!DOCTYPE html>' || bad "page.html is no HTML document"
grep -q "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]*' 'wasm-unsafe-eval'; style-src 'sha256-" page.html ||
    bad "page.html lacks its Content-Security-Policy"
# The engine: a WebAssembly module ("\0asm"), gzip-compressed, in base64.
sed -n 's/.*<script type="application\/octet-stream" id="mlroi-engine">\([A-Za-z0-9+\/=]*\)<.*/\1/p' \
    page.html | base64 -d 2>/dev/null | gzip -dc 2>/dev/null | head -c 4 | od -An -tx1 |
    tr -d ' \n' | grep -qx 0061736d ||
    bad "page.html does not carry the engine (a WebAssembly module, gzip-compressed, in base64)"
urls=$(grep -o 'https\?://[^"'"'"' )<>]*' page.html | sort -u)
[ "$urls" = http://www.w3.org/2000/svg ] || bad "page.html names addresses: $urls"
grep -q '<title>Fraud detection platform, three-year case: what if</title>' page.html ||
    bad "page.html's title is not the scenario's name"
if grep -q '<script src\|<link \|@import\|url(' page.html; then bad "page.html loads something"; fi

# 2. The same inputs give the same bytes; --set is carried as the page's starting point.
run report plan.json --html=again.html >/dev/null 2>&1
cmp -s page.html again.html || bad "two runs wrote different pages"
run report plan.json --set roi.team_size=9 --html set.html >/dev/null 2>&1 || bad "--set --html failed"
grep -q '"set":\[\["roi.team_size","9"\]\]' set.html || bad "the page does not start from --set"

# 3. The default name, and a batch beside the PDF and the workbook.
run report plan.json --html >out 2>err || bad "--html without a name: $(cat err)"
[ "$(cat out)" = plan.html ] && [ -s plan.html ] || bad "--html without a name wrote '$(cat out)'"
run report plan.json --outdir docs --pdf --xlsx --html >/dev/null 2>err || bad "--outdir: $(cat err)"
for f in docs/plan.pdf docs/plan.xlsx docs/plan.html; do
    [ -s "$f" ] || bad "--outdir --pdf --xlsx --html wrote no $f"
done

# 4. Refusals: a page over another document, a scenario that extends another.
run report plan.json --pdf same.html --html same.html >/dev/null 2>err
rc=$?
[ $rc -eq 2 ] && grep -qxF 'mlroi: --pdf same.html and --html same.html name the same file: give each document its own name' err ||
    bad "--pdf and --html on one file: exit $rc, $(cat err)"
[ ! -e same.html ] || bad "a refused run wrote same.html"
printf '{"format": 1, "extends": "plan.json", "name": "Variant"}\n' >variant.json
run report variant.json --html variant.html >/dev/null 2>err
rc=$?
[ $rc -eq 2 ] && grep -qxF "mlroi: variant.json: --html needs a scenario that stands alone: the page cannot read the base scenario this one extends (write the base's keys into it)" err ||
    bad "extends: exit $rc, $(cat err)"
[ ! -e variant.html ] || bad "a refused scenario got a page"
run report variant.json --pdf variant.pdf --html variant.html >/dev/null 2>&1
[ ! -e variant.pdf ] || bad "a scenario refused for its page got its PDF first"

[ $fail -eq 0 ] && say "cli_page: ok"
exit $fail
