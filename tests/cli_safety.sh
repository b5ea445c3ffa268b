#!/bin/sh
# SPDX-License-Identifier: MIT
# Issue 17: documents that never destroy what they should not (modes, owners, read-only files,
# links, hard links, devices, pipes, signals, long names), outputs that may not replace an
# input or each other, and the loader's \u0000, its cap on diagnostics, figures of any size and
# no "-0" in a text; logos checked before libharu, no terminal escapes on stderr or from a
# catalog, options honoured or refused, "extends" only to regular scenario files. Each case
# names the fault it covers (the bad-input table, tests/bad/*.tsv, has more).
# Usage: sh tests/cli_safety.sh path/to/mlroi   (VALGRIND=1 runs mlroi under memcheck, except
# where a signal or a file-size limit must reach mlroi itself)
set -u
BIN=$1
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
cd "$(dirname "$0")/.." || exit 1
repo=$(pwd)
repo=$(pwd)
LC_ALL=C
export LC_ALL
. tests/common.sh   # run (under memcheck with VALGRIND=1), ok, ko and the counters
skip=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlroi-cli-safety-XXXXXX") || exit 1
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
root=0
[ "$(id -u)" -eq 0 ] && root=1
DATE=2025-01-31

# Everything runs in the folder of the run, so that messages name short relative paths.
cp tests/bad/cmd/base.json "$tmp/base.json"
cp templates/board.json "$tmp/tpl.json"
cp src/data/benchmarks.json "$tmp/cat.json"
cd "$tmp" || exit 1

# expect NAME RC FIRST-LINE ARGS...: mlroi ARGS exits RC and, unless FIRST-LINE is "", prints
# FIRST-LINE as the first line of stderr. Standard input is /dev/null.
expect() {
    e_name=$1 e_rc=$2 e_msg=$3
    shift 3
    run "$@" >"$tmp/stdout" 2>"$tmp/err" </dev/null
    e_got=$?
    e_first=$(head -n 1 "$tmp/err")
    if [ "$e_got" -ne "$e_rc" ]; then
        ko "$e_name: exit $e_got, expected $e_rc"; sed 's/^/    /' "$tmp/err" >&2
    elif [ -n "$e_msg" ] && [ "$e_first" != "$e_msg" ]; then
        ko "$e_name: first line of stderr differs"
        printf '    want: %s\n    got:  %s\n' "$e_msg" "$e_first" >&2
    else
        ok
    fi
}
# check NAME COMMAND...: one more check, passed when COMMAND succeeds.
check() {
    c_name=$1
    shift
    if "$@"; then ok; else ko "$c_name"; fi
}
is_pdf() { [ "$(head -c 5 "$1" 2>/dev/null)" = "%PDF-" ]; }
is_zip() { [ "$(head -c 2 "$1" 2>/dev/null)" = "PK" ]; }
same_text() { [ "$(cat "$1" 2>/dev/null)" = "$2" ]; }
no_leftovers() { [ -z "$(ls -A "${1:-.}" | grep -F ".$2." || true)" ]; }
previous() { printf 'the previous document\n' >"$1"; }

# ---------- 1. Writes that respect the target (issue 17, fault 1) ----------

# A chmod 600 briefing stays 600 (rename() used to give the new file 0644).
previous mode.pdf
chmod 600 mode.pdf
expect keeps-mode 0 "" report base.json --pdf=mode.pdf --date $DATE
check "keeps-mode: mode $(stat -c %a mode.pdf), expected 600" [ "$(stat -c %a mode.pdf)" = 600 ]
check "keeps-mode: not a PDF" is_pdf mode.pdf
previous mode.xlsx
chmod 640 mode.xlsx
expect keeps-mode-xlsx 0 "" report base.json --xlsx=mode.xlsx --date $DATE
check "keeps-mode-xlsx: mode $(stat -c %a mode.xlsx), expected 640" [ "$(stat -c %a mode.xlsx)" = 640 ]

# Run by root, a file another user owns stays theirs.
if [ "$root" = 1 ]; then
    previous owner.pdf
    chown 65534:65534 owner.pdf
    expect keeps-owner 0 "" report base.json --pdf=owner.pdf --date $DATE
    check "keeps-owner: owner $(stat -c %u:%g owner.pdf), expected 65534:65534" \
        [ "$(stat -c %u:%g owner.pdf)" = 65534:65534 ]
    check "keeps-owner: not a PDF" is_pdf owner.pdf
else
    printf 'skip keeps-owner: needs root\n'
    skip=$((skip + 1))
fi

# A read-only file is not replaced (rename() needs only the folder's permission); root too.
for doc in pdf xlsx; do
    previous ro.$doc
    chmod 444 ro.$doc
    expect read-only-$doc 1 "mlroi: ro.$doc: the file is read-only: not replacing it (make it writable, or choose another name)" \
        report base.json --$doc=ro.$doc --date $DATE
    check "read-only-$doc: the file changed" same_text ro.$doc 'the previous document'
    check "read-only-$doc: mode changed" [ "$(stat -c %a ro.$doc)" = 444 ]
    check "read-only-$doc: temporary files left" no_leftovers . ro.$doc
done

# A link planted by another user in a shared sticky folder is not followed (the kernel's
# protected_symlinks rule), even by root; a link the folder's owner made is.
if [ "$root" = 1 ]; then
    mkdir shared
    chmod 1777 shared
    printf 'important\n' >important.conf
    ln -s ../important.conf shared/planted.pdf
    chown -h 65534:65534 shared/planted.pdf
    expect planted-link 1 "mlroi: shared/planted.pdf: a symbolic link in a shared sticky folder, owned by another user: not following it (the kernel's protected_symlinks rule)" \
        report base.json --pdf=shared/planted.pdf --date $DATE
    check "planted-link: the linked file changed" same_text important.conf important
    check "planted-link: the link is gone" [ -L shared/planted.pdf ]
    expect planted-link-xlsx 1 "mlroi: shared/planted.pdf: a symbolic link in a shared sticky folder, owned by another user: not following it (the kernel's protected_symlinks rule)" \
        report base.json --xlsx=shared/planted.pdf --date $DATE
    check "planted-link-xlsx: the linked file changed" same_text important.conf important
    previous own.pdf
    ln -s ../own.pdf shared/own-link.pdf
    expect own-link 0 "" report base.json --pdf=shared/own-link.pdf --date $DATE
    check "own-link: the linked file is not a PDF" is_pdf own.pdf
    check "own-link: the link was replaced" [ -L shared/own-link.pdf ]
else
    printf 'skip planted-link: needs root (chown -h to another user)\n'
    skip=$((skip + 1))
fi

# Hard links stay one file: the document is written in place (report.h says why).
previous hard.pdf
ln hard.pdf hard-2.pdf
expect hard-link 0 "" report base.json --pdf=hard.pdf --date $DATE
check "hard-link: the link was broken" [ hard.pdf -ef hard-2.pdf ]
check "hard-link: the other name is not the PDF" is_pdf hard-2.pdf
check "hard-link: temporary files left" no_leftovers . hard.pdf

# Standard output: `>> log` appends; into a pipe; the document is not followed by its name.
printf 'log line\n' >log
run report base.json --pdf=/dev/stdout --date $DATE >>log 2>"$tmp/err" </dev/null
check "append-to-log: exit $?" [ $? -eq 0 ]
check "append-to-log: the log was replaced" [ "$(head -n 1 log)" = 'log line' ]
check "append-to-log: no PDF after the log line" [ "$(sed -n 2p log | head -c 5)" = '%PDF-' ]
check "append-to-log: something follows the PDF" [ "$(tail -n 1 log)" = '%%EOF' ]
printf 'log line\n' >log2
run report base.json --xlsx=/dev/stdout --date $DATE >>log2 2>"$tmp/err" </dev/null
check "append-to-log-xlsx: exit $?" [ $? -eq 0 ]
check "append-to-log-xlsx: the log was replaced" [ "$(head -n 1 log2)" = 'log line' ]
check "append-to-log-xlsx: no workbook after the log line" [ "$(sed -n 2p log2 | head -c 2)" = 'PK' ]
check "pipe: no PDF through the pipe" \
    [ "$(run report base.json --pdf=/dev/stdout --date $DATE 2>/dev/null | head -c 5)" = '%PDF-' ]

# A FIFO is written into, never replaced.
mkfifo fifo.pdf
cat fifo.pdf >from-fifo.pdf &
reader=$!
expect fifo 0 "" report base.json --pdf=fifo.pdf --date $DATE
wait $reader
check "fifo: no PDF came through" is_pdf from-fifo.pdf
check "fifo: no longer a FIFO" [ -p fifo.pdf ]

# SIGTERM, SIGHUP and Ctrl-C remove the temporary file (fault 10). Writing to a FIFO with no
# reader holds mlroi while the finished document waits in TMPDIR: the signal comes then.
# Background jobs of a script ignore SIGINT: env --default-signal gives it back.
for sig in TERM:143 HUP:129 INT:130; do
    name=${sig%%:*} want=${sig#*:}
    set --
    if [ "$name" = INT ]; then
        if ! env --default-signal=INT true 2>/dev/null; then
            printf 'skip signal-INT: env has no --default-signal\n'
            skip=$((skip + 1))
            continue
        fi
        set -- env --default-signal=INT
    fi
    mkdir "held-$name"
    mkfifo "held-$name.pdf"
    TMPDIR=$tmp/held-$name "$@" "$BIN" report base.json --pdf="held-$name.pdf" --date $DATE \
        </dev/null >/dev/null 2>&1 &
    pid=$!
    i=0
    while [ -z "$(ls -A "held-$name")" ] && [ $i -lt 200 ]; do
        sleep 0.05
        i=$((i + 1))
    done
    kill -"$name" $pid
    wait $pid 2>/dev/null
    got=$?
    check "signal-$name: exit $got, expected $want" [ "$got" -eq "$want" ]
    check "signal-$name: temporary file left: $(ls -A "held-$name")" [ -z "$(ls -A "held-$name")" ]
done

# A write that fails names the document, not the hidden temporary file. A file-size limit
# (SIGXFSZ ignored) makes the write fail.
for doc in pdf xlsx; do
    (trap '' XFSZ; ulimit -f 8; exec "$BIN" report base.json --$doc=limited.$doc --date $DATE) \
        >/dev/null 2>"$tmp/err" </dev/null
    got=$?
    check "names-target-$doc: exit $got, expected 1" [ "$got" -eq 1 ]
    check "names-target-$doc: '$(head -n 1 "$tmp/err")' does not name limited.$doc" \
        grep -q "^mlroi: limited\.$doc: " "$tmp/err"
    # (libxlsxwriter's own "[ERROR]" lines are its business: only mlroi's are checked)
    check "names-target-$doc: a message names the temporary file" \
        sh -c "! grep '^mlroi:' '$tmp/err' | grep -q '\.limited\.$doc\.\|mlroi-out-'"
    check "names-target-$doc: a file was left" [ ! -e limited.$doc ]
    check "names-target-$doc: temporary files left" no_leftovers . limited.$doc
done

# Output names of 248 to 255 bytes (the longest a file name may be) work: the temporary name
# is shortened to fit.
for n in 248 255; do
    long=$(printf "%0$((n - 4))d" 0 | tr 0 x).pdf
    expect "long-name-$n" 0 "" report base.json --pdf="$long" --date $DATE
    check "long-name-$n: no PDF" is_pdf "$long"
done
long=$(printf "%0250d" 0 | tr 0 y).xlsx
expect long-name-255-xlsx 0 "" report base.json --xlsx="$long" --date $DATE
check "long-name-255-xlsx: no workbook" is_zip "$long"

# ---------- 2. Every path checked before anything is written (faults 2 and 3) ----------

cp base.json self.json
expect output-is-scenario 2 "mlroi: --xlsx self.json would replace the scenario self.json: choose another name for the document" \
    report self.json --xlsx=self.json --date $DATE
check "output-is-scenario: the scenario changed" cmp -s self.json base.json
ln -s self.json self-link.pdf
expect output-links-to-scenario 2 "mlroi: --pdf self-link.pdf would replace the scenario self.json: choose another name for the document" \
    report self.json --pdf=self-link.pdf --date $DATE
check "output-links-to-scenario: the scenario changed" cmp -s self.json base.json

cp tpl.json tpl-copy.json
expect output-is-template 2 "mlroi: --pdf tpl.json would replace the template tpl.json: choose another name for the document" \
    report base.json --pdf=tpl.json --template tpl.json --date $DATE
check "output-is-template: the template changed" cmp -s tpl.json tpl-copy.json

# A 1x1 red PNG, written byte by byte (signature, IHDR, IDAT, IEND with their CRCs).
mkdir brand
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\001\000\000\000\001\010\002\000\000\000\220wS\336\000\000\000\014IDAT\010\327c\370\317\300\000\000\003\001\001\000\030\335\215\260\000\000\000\000IEND\256B`\202' >brand/logo.png
cp brand/logo.png logo-copy.png
printf '{ "format": 1, "logo": "logo.png" }\n' >brand/brand.json
expect output-is-logo 2 "mlroi: --pdf brand/logo.png would replace the template's logo brand/logo.png: choose another name for the document" \
    report base.json --pdf=brand/logo.png --template brand/brand.json --date $DATE
check "output-is-logo: the logo changed" cmp -s brand/logo.png logo-copy.png

printf '{ "extends": "base.json", "name": "Child" }\n' >child.json
cp base.json base-copy.json
expect output-is-extended 2 "mlroi: --pdf base.json would replace base.json, which child.json extends: choose another name for the document" \
    report child.json --pdf=base.json --date $DATE
check "output-is-extended: the base changed" cmp -s base.json base-copy.json

cp cat.json cat-copy.json
expect output-is-catalog 2 "mlroi: --xlsx cat.json would replace the benchmark catalog cat.json: choose another name for the document" \
    report base.json --benchmarks cat.json --xlsx=cat.json --date $DATE
check "output-is-catalog: the catalog changed" cmp -s cat.json cat-copy.json

expect outputs-collide 2 "mlroi: --pdf doc.pdf and --xlsx doc.pdf name the same file: give each document its own name" \
    report base.json --pdf=doc.pdf --xlsx=doc.pdf --date $DATE
check "outputs-collide: a file was written" [ ! -e doc.pdf ]
expect outputs-collide-spelling 2 "mlroi: --pdf doc.pdf and --xlsx ./doc.pdf name the same file: give each document its own name" \
    report base.json --pdf=doc.pdf --xlsx=./doc.pdf --date $DATE
previous kept.pdf
ln -s kept.pdf kept-link.pdf
expect outputs-collide-link 2 "mlroi: --pdf kept.pdf and --xlsx kept-link.pdf name the same file: give each document its own name" \
    report base.json --pdf=kept.pdf --xlsx=kept-link.pdf --date $DATE
check "outputs-collide-link: the file changed" same_text kept.pdf 'the previous document'

mkdir a b
cp base.json a/plan.json
cp base.json b/plan.json
expect batch-same-name 2 "mlroi: a/plan.json and b/plan.json would both write out/plan.pdf: give the scenarios different file names, or report them in separate runs" \
    report a/plan.json b/plan.json --outdir out --pdf --date $DATE
check "batch-same-name: something was written" [ ! -e out ]

# The word after --pdf is the output whatever its case or extension; never a scenario.
cp base.json plan.json
expect pdf-word-upper-case 0 "" report plan.json --pdf Briefing.PDF --date $DATE
check "pdf-word-upper-case: Briefing.PDF is not the PDF" is_pdf Briefing.PDF
check "pdf-word-upper-case: plan.pdf was written" [ ! -e plan.pdf ]
expect xlsx-word-no-extension 0 "" report plan.json --xlsx model --date $DATE
check "xlsx-word-no-extension: model is not the workbook" is_zip model
# /dev/stdout after --pdf is never read as a scenario: it used to wait for good on its own pipe.
{ timeout 20 "$BIN" report --pdf /dev/stdout </dev/null 2>"$tmp/err"; echo $? >"$tmp/rc"; } | cat >/dev/null
check "pdf-stdout-not-read: exit $(cat "$tmp/rc"), expected 2" [ "$(cat "$tmp/rc")" = 2 ]
check "pdf-stdout-not-read: $(head -n 1 "$tmp/err")" [ "$(head -n 1 "$tmp/err")" = "mlroi: no scenario file given" ]

# ---------- 3. \u0000 in keys and strings (fault 7) ----------

printf '{ "format": 1, "name": "x", "roi\\u0000 x": {} }\n' >nul-key.json
expect nul-in-key 2 'mlroi: nul-key.json:1:33: the key "roi\u0000..." holds \u0000 (a NUL character), which is not allowed' \
    validate nul-key.json
printf '{ "format": 1,\n  "name": "Approved\\u0000 -- NOT approved" }\n' >nul-text.json
expect nul-in-text 2 'mlroi: nul-text.json:2:20: name: the text holds \u0000 (a NUL character), which is not allowed' \
    validate nul-text.json
expect nul-in-set 2 'mlroi: --set: name: the value holds \u0000 (a NUL character), which is not allowed' \
    evaluate base.json --set 'name="Approved\u0000 -- NOT approved"'
# An escaped backslash before u0000 is text, not a NUL.
printf '{ "format": 1, "name": "C:\\\\u0000",\n%s\n' "$(sed 1d base.json)" >backslash.json
expect backslash-u0000-is-text 0 "" validate backslash.json

# ---------- 4. Duplicate keys are capped like every diagnostic (fault 9) ----------

# 1,000 keys "a": 999 duplicates, 200 listed, then one line for the 799 others.
{
    printf '{'
    i=0
    while [ $i -lt 999 ]; do printf '"a": %d, ' $i; i=$((i + 1)); done
    printf '"a": 999 }\n'
} >dups.json
expect duplicates-capped 2 "" validate dups.json
check "duplicates-capped: $(wc -l <"$tmp/err") lines, expected 201" [ "$(wc -l <"$tmp/err")" -eq 201 ]
check "duplicates-capped: last line $(tail -n 1 "$tmp/err")" \
    [ "$(tail -n 1 "$tmp/err")" = "mlroi: dups.json: ... and 799 more" ]

# ---------- 5. Text holds any finite figure (fault 5) ----------

# A discount rate of -90 % over 30 years multiplies by 10 a year: figures up to 10^57. The text
# must hold every figure whole, in a stated scientific form, the same double the JSON gives.
big="--set roi.team_size=1e7 --set roi.avg_salary=1e12 --set roi.models_per_year=1e7
     --set roi.current_time_to_prod_weeks=520 --set business_case.discount_rate=-0.9
     --set business_case.horizon_years=30"
# shellcheck disable=SC2086
run evaluate base.json $big >big.txt 2>"$tmp/err" </dev/null
check "big-figures: evaluate failed: $(head -n 1 "$tmp/err")" [ $? -eq 0 ]
# shellcheck disable=SC2086
run evaluate base.json $big --format json >big.json 2>/dev/null </dev/null
if command -v python3 >/dev/null 2>&1; then
    check "big-figures: the text's NPV is not the JSON's" python3 - big.txt big.json <<'EOF'
import json, re, sys
text = open(sys.argv[1]).read()
npv = json.load(open(sys.argv[2]))["business_case"]["npv"]
line = re.search(r"^  NPV +(\S+)$", text, re.M).group(1)
sys.exit(0 if npv > 1e47 and "e+" in line and float(line.lstrip("$")) == npv else 1)
EOF
else
    printf 'skip big-figures: no python3\n'
    skip=$((skip + 1))
fi

# ---------- 6. -0 never reaches a text (smaller faults) ----------

for p in roi.current_time_to_prod_weeks roi.mlops_time_to_prod_weeks roi.models_per_year \
         team.data_scientists; do
    run evaluate "$repo/scenarios/enterprise-coe.json" --set "$p=-0" >minus0.txt 2>&1 </dev/null
    check "minus-zero $p: $(grep -E -- '(^|[^0-9.,])-0(\.0+)?([^0-9.,]|$)|-[$]0([^0-9.,]|$)' minus0.txt | head -n 1)" \
        sh -c "! grep -Eq -- '(^|[^0-9.,])-0(\.0+)?([^0-9.,]|\$)|-[\$]0([^0-9.,]|\$)' minus0.txt"
done
run sweep "$repo/scenarios/enterprise-coe.json" --param roi.team_size --values -0,1 >minus0.txt 2>&1 </dev/null
check "minus-zero sweep: $(grep -E -- '(^| )-0( |$)' minus0.txt | head -n 1)" \
    sh -c "! grep -Eq -- '(^| )-0( |\$)' minus0.txt"

# ---------- 7. Logos checked before libharu sees them (fault 4) ----------

# A PNG whose IHDR checksum is wrong: libpng's error used to abort the process (exit 134).
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\001\000\000\000\001\010\002\000\000\000\000\000\000\000\000\000\000\000IEND\256B`\202' >crc.png
printf '{ "logo": "crc.png" }\n' >crc-logo.json
expect logo-png-bad-crc 2 "mlroi: crc.png: logo: not a usable PNG image: IHDR: CRC error" \
    report base.json --pdf=crc.pdf --template crc-logo.json --date $DATE
check "logo-png-bad-crc: crc.pdf was written" [ ! -e crc.pdf ]
# A real JPEG (a page of a briefing, by pdftoppm) still goes in, and the PDF is clean.
if command -v pdftoppm >/dev/null 2>&1 && command -v qpdf >/dev/null 2>&1; then
    run report base.json --pdf=page.pdf --date $DATE >/dev/null 2>&1 </dev/null
    pdftoppm -jpeg -r 10 -f 1 -l 1 -singlefile page.pdf mark >/dev/null 2>&1
    printf '{ "logo": "mark.jpg" }\n' >jpeg-logo.json
    expect logo-jpeg-good 0 "" report base.json --pdf=jpeg.pdf --template jpeg-logo.json --date $DATE
    check "logo-jpeg-good: qpdf finds a fault" sh -c 'qpdf --check jpeg.pdf >/dev/null 2>&1'
else
    printf 'skip logo-jpeg-good: no pdftoppm or qpdf\n'
    skip=$((skip + 1))
fi

# ---------- 8. Terminal escapes never reach the terminal (fault 6) ----------

esc=$(printf '\033')
printf '{ "format": 1, "name": "x", "\\u001b]0;pwned\\u0007": 1 }\n' >esc-key.json
run validate esc-key.json >/dev/null 2>"$tmp/err" </dev/null
check "esc-in-message: ESC reached stderr" sh -c "! grep -q '$esc' '$tmp/err'"
check "esc-in-message: the key is not shown escaped: $(head -n 1 "$tmp/err")" \
    grep -qF '\x1B]0;pwned\x07' "$tmp/err"
sed 's/"label": "Startup \/ SMB"/"label": "Startup \\u001b[2J"/' cat.json >cat-esc.json
expect catalog-escape 2 "mlroi: cat-esc.json:29:33: brackets[0].label: expected text without control characters (such as terminal escapes)" \
    evaluate base.json --benchmarks cat-esc.json
sed 's/"label": "Startup \/ SMB"/"label": "Startup \\u009b2J"/' cat.json >cat-c1.json
expect catalog-c1-control 2 "mlroi: cat-c1.json:29:33: brackets[0].label: expected text without control characters (such as terminal escapes)" \
    evaluate base.json --benchmarks cat-c1.json

# ---------- 9. Options do what they say (fault 8) ----------

printf '{ "format": 2 }\n' >bad-format.json
run validate base.json bad-format.json --format json >v.json 2>"$tmp/err" </dev/null
check "validate-json: exit $?, expected 2" [ $? -eq 2 ]
check "validate-json: stderr not empty: $(head -n 1 "$tmp/err")" [ ! -s "$tmp/err" ]
run validate base.json --format json >v-ok.json 2>/dev/null </dev/null
check "validate-json-valid: not []" same_text v-ok.json '[]'
run params --format json >p.json 2>/dev/null </dev/null
run params >p.txt 2>/dev/null </dev/null
if command -v python3 >/dev/null 2>&1; then
    check "validate-json: not a list of diagnostics" python3 - v.json <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if isinstance(d, list) and d and d[0]["file"] == "bad-format.json" and
         d[0]["severity"] == "error" and d[0]["path"] == "format" and d[0]["line"] == 1 else 1)
EOF
    check "params-json: not the text's paths as a JSON array" python3 - p.json p.txt <<'EOF'
import json, sys
paths = json.load(open(sys.argv[1]))
sys.exit(0 if paths == open(sys.argv[2]).read().splitlines() else 1)
EOF
else
    printf 'skip validate-json, params-json: no python3\n'
    skip=$((skip + 2))
fi

# ---------- 10. "extends" only to regular files, revealing nothing (fault 11) ----------

mkfifo pipe.json
printf '{ "extends": "pipe.json" }\n' >on-fifo.json
{ timeout 20 "$BIN" validate on-fifo.json </dev/null >/dev/null 2>"$tmp/err"; echo $? >"$tmp/rc"; }
check "extends-fifo: exit $(cat "$tmp/rc"), expected 2 (124: it hung)" [ "$(cat "$tmp/rc")" = 2 ]
check "extends-fifo: $(head -n 1 "$tmp/err")" same_text "$tmp/err" \
    'mlroi: on-fifo.json:1:14: extends: pipe.json: is not a regular file: "extends" takes a scenario file'
printf 'SECRET-LINE: hunter2\n' >secret.txt
printf '{ "SECRET_KEY": "hunter2", "roi": { "SECRET2": 1 } }\n' >secret.json
for target in secret.txt secret.json; do
    printf '{ "extends": "%s" }\n' $target >leak.json
    run validate leak.json >/dev/null 2>"$tmp/err" </dev/null
    check "extends-reveals-nothing $target: $(head -n 1 "$tmp/err")" \
        sh -c "! grep -Eq 'SECRET|hunter|got' '$tmp/err'"
done

# ---------- 11. --sandbox DIR: what a scenario or a template names stays inside DIR ----------
# For CI jobs that evaluate scenarios nobody has reviewed: extends (up, absolute, or through a
# link that leads out), a template file, its logo and the catalog are refused before they are
# read; what lies inside is read as usual.
mkdir -p box/sub
cp base.json box/base.json
cp brand/logo.png outside-logo.png
printf '{ "format": 1, "extends": "base.json", "roi": { "team_size": 7 } }\n' >box/ok.json
printf '{ "format": 1, "extends": "../base.json" }\n' >box/up.json
printf '{ "format": 1, "extends": "%s/base.json" }\n' "$tmp" >box/abs.json
ln -s ../base.json box/link.json
printf '{ "format": 1, "extends": "link.json" }\n' >box/via-link.json
printf '{ "format": 1, "logo": "../outside-logo.png" }\n' >box/tpl-out.json
printf '{ "format": 1, "logo": "sub/logo.png" }\n' >box/tpl-in.json
cp brand/logo.png box/sub/logo.png
cp cat.json box/cat.json
real_box=$(cd box && pwd -P)
expect sandbox-inside 0 "" evaluate box/ok.json --sandbox box
for f in up abs via-link; do
    b=$(sed -n 's/.*"extends": "\([^"]*\)".*/\1/p' box/$f.json)
    case $b in /*) ;; *) b=box/$b ;; esac
    col=$(awk '{ print index($0, "\"extends\":") + 11; exit }' box/$f.json)
    expect "sandbox-$f" 2 "mlroi: box/$f.json:1:$col: extends: $b: outside the sandbox $real_box" \
        validate box/$f.json --sandbox box
done
expect sandbox-catalog-out 2 "mlroi: --benchmarks: cat.json: outside the sandbox $real_box" \
    evaluate box/ok.json --sandbox box --benchmarks cat.json
expect sandbox-catalog-in 0 "" evaluate box/ok.json --sandbox box --benchmarks box/cat.json
expect sandbox-template-out 2 "mlroi: --template: tpl.json: outside the sandbox $real_box" \
    report box/ok.json --sandbox box --template tpl.json --pdf box/t.pdf --date $DATE
expect sandbox-logo-out 2 "mlroi: box/tpl-out.json: the template's logo box/../outside-logo.png: outside the sandbox $real_box" \
    report box/ok.json --sandbox box --template box/tpl-out.json --pdf box/t.pdf --date $DATE
check "sandbox: nothing written after a refusal" [ ! -e box/t.pdf ]
expect sandbox-logo-in 0 "" report box/ok.json --sandbox box --template box/tpl-in.json \
    --pdf box/t.pdf --date $DATE
check "sandbox-logo-in: not a PDF" is_pdf box/t.pdf
expect sandbox-report-extends 2 "" report box/up.json --sandbox box --pdf box/u.pdf --date $DATE
check "sandbox: the report of a refused scenario is not written" [ ! -e box/u.pdf ]
expect sandbox-no-folder 2 "mlroi: --sandbox: 'no-such-dir' is no folder: No such file or directory" \
    evaluate box/ok.json --sandbox no-such-dir

# ---------- 12. Smaller items ----------
# report --seed and montecarlo --seed take the same seeds: 0 to 2^53 - 1 (a JSON number's exact
# whole numbers), as uncertainty.seed does.
mc=$repo/scenarios/midmarket-fraud.json
for cmd in "report $mc --pdf seed.pdf --samples 1000" "montecarlo $mc --samples 1000"; do
    # shellcheck disable=SC2086
    expect "seed-max ${cmd%% *}" 0 "" $cmd --seed 9007199254740991
    # shellcheck disable=SC2086
    expect "seed-over ${cmd%% *}" 2 \
        "mlroi: --seed expects a whole number from 0 to 9007199254740991, got '9007199254740992'" \
        $cmd --seed 9007199254740992
done

# Under a memory limit that leaves room for a few threads only, --threads 30 still gives the
# same figures as one thread: a thread that cannot start leaves its work to the others.
if [ "${VALGRIND:-}" = 1 ] || grep -q __asan_init "$BIN" 2>/dev/null; then
    skip=$((skip + 1))   # both reserve far more address space than the limit
else
    "$BIN" montecarlo "$mc" --samples 200000 --threads 1 >mc1.txt 2>&1
    "$BIN" grid "$mc" --x roi.avg_salary:80000:100000:300 --y roi.team_size:2:9:8 --format csv \
        --threads 1 >grid1.csv 2>&1
    (ulimit -v 200000; "$BIN" montecarlo "$mc" --samples 200000 --threads 30 >mc30.txt 2>&1)
    check "threads-fallback montecarlo: $(head -n 1 mc30.txt)" cmp -s mc1.txt mc30.txt
    (ulimit -v 200000; "$BIN" grid "$mc" --x roi.avg_salary:80000:100000:300 --y roi.team_size:2:9:8 \
        --format csv --threads 30 >grid30.csv 2>&1)
    check "threads-fallback grid: $(head -n 1 grid30.csv)" cmp -s grid1.csv grid30.csv
    # Monte Carlo out of memory inside report is the machine's failure: exit 1, not 2, and
    # no document.
    (ulimit -v 150000; "$BIN" report "$mc" --pdf oom.pdf --samples 5000000 --date $DATE \
        >/dev/null 2>oom.err; echo $? >oom.rc)
    check "report-mc-oom: exit $(cat oom.rc), expected 1: $(head -n 1 oom.err)" [ "$(cat oom.rc)" = 1 ]
    check "report-mc-oom: a document was written" [ ! -e oom.pdf ]
fi

# A full disk: each document names itself (not its temporary file) and the system's reason,
# once, with the mlroi: prefix (libharu used to say "error 0x1066, detail 4118", libxlsxwriter
# printed its own [ERROR] lines); nothing is left behind. A 32 KB tmpfs needs root.
mkdir -p tiny
if mount -t tmpfs -o size=32k tmpfs tiny 2>/dev/null; then
    kinds="pdf xlsx"
    # A build without the page engine writes no page at all (cli_page.sh checks it says so).
    "$BIN" report base.json --html probe.html --date $DATE >/dev/null 2>&1 && kinds="$kinds html"
    for e in $kinds; do
        case $e in pdf) what="cannot write the PDF: " ;; xlsx) what="cannot write the workbook: " ;;
                   html) what= ;; esac
        expect "disk-full-$e" 1 "mlroi: tiny/b.$e: ${what}write error: No space left on device" \
            report base.json --$e tiny/b.$e --date $DATE
        check "disk-full-$e: one line of stderr, got $(wc -l <"$tmp/err")" [ "$(wc -l <"$tmp/err")" = 1 ]
        check "disk-full-$e: something left behind: $(ls -A tiny)" [ -z "$(ls -A tiny)" ]
    done
    umount tiny
else
    skip=$((skip + 1))
fi

echo "cli_safety: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
