#!/bin/sh
# SPDX-License-Identifier: MIT
# Command-line tests of `mlroi assess --interactive` with the answers piped in.
# Usage: sh tests/cli_assess.sh path/to/mlroi
# Expected levels are worked out by hand from the checklist's rules (MODEL.md): score = YES
# answers, level from the score (0-4: 0, 5-8: 1, 9-12: 2, 13-16: 3), gated level = highest L
# with every question of levels 1..L answered YES.
set -u
BIN=$1
PY=/usr/bin/python3
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$here/common.sh"
tab=$(printf '\t')

# session NAME RC ANSWERS ARGS...: pipe ANSWERS (printf format) into `assess --interactive ARGS`;
# expect exit code RC. stdout in $tmp/out, stderr in $tmp/err.
session() {
    name=$1 rc=$2 answers=$3
    shift 3
    # shellcheck disable=SC2059
    printf "$answers" | run assess --interactive "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -ne "$rc" ]; then
        ko "$name: exit $got, expected $rc"; sed 's/^/    /' "$tmp/err" | tail -5 >&2
        return 1
    fi
    return 0
}
has() {   # has NAME FILE TEXT: FILE contains the fixed string TEXT
    if grep -qF -- "$3" "$2"; then ok; else ko "$1: $2 lacks '$3'"; fi
}
lacks() {
    if grep -qF -- "$3" "$2"; then ko "$1: $2 has '$3'"; else ok; fi
}

# 1. A known level. L1: y y y y; L2: y y n y; L3: y y y y; L4: n n n n.
#    Score 4 + 3 + 4 = 11 YES, in the 9-12 band: level 2. Level 2 is not complete
#    (automated_staging_deploy is NO), so the gated level is 1, and the only question missing
#    for level 2 is automated_staging_deploy.
known='y\ny\ny\ny\ny\ny\nn\ny\ny\ny\ny\ny\nn\nn\nn\nn\n'
if session known 0 "$known" --out "$tmp/known.json"; then
    has known-score "$tmp/out" "11 of 16 YES: Level 2"
    has known-gated "$tmp/out" "level 1 (every question up to it is YES)"
    has known-missing "$tmp/out" "- automated_staging_deploy"
    lacks known-missing-only "$tmp/out" "- model_registry"
    has known-written "$tmp/err" "Answers written to $tmp/known.json."
    # Prompts go to stderr, the result to stdout, and no terminal control codes anywhere.
    lacks prompts-on-stderr "$tmp/out" "1/16"
    has progress "$tmp/err" "3/16  L1 Tracking  (dataset_versioning)"
    has level-shown "$tmp/err" "16/16  L4 CI/CD/CT  (regulatory_alignment)"
    esc=$(printf '\033')
    if grep -q "$esc" "$tmp/out" "$tmp/err"; then ko "control codes in the output"; else ok; fi
fi
session known-json 0 "$known" --format json
has known-json-gated "$tmp/out" "\"gated_level\":${tab}1"
has known-json-score "$tmp/out" "\"score\":${tab}11"
session known-gate 3 "$known" --fail-if 'gated_level<2'

# 2. The --out file is a valid scenario, follows the schema, and reads back the same.
expect_valid() {
    if run validate "$1" >"$tmp/vout" 2>"$tmp/verr" && grep -qF "$1: valid" "$tmp/vout"; then
        ok
    else
        ko "validate $1:"; cat "$tmp/verr" >&2
    fi
}
expect_valid "$tmp/known.json"
if "$PY" -c '
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))
' "$here/../src/data/mlroi.schema.json" "$tmp/known.json"; then ok; else ko "known.json against the schema"; fi
run assess "$tmp/known.json" --format json >"$tmp/reread" 2>/dev/null
has reread-gated "$tmp/reread" "\"gated_level\":${tab}1"
has reread-score "$tmp/reread" "\"score\":${tab}11"
# Asking again with the file's answers as defaults and Enter 16 times changes nothing.
blank16='\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n'
if session roundtrip 0 "$blank16" "$tmp/known.json" --out "$tmp/again.json"; then
    if cmp -s "$tmp/known.json" "$tmp/again.json"; then ok; else ko "round trip changed the file"; fi
    has defaults-shown "$tmp/err" "[Y/n]"
    has defaults-shown-no "$tmp/err" "[y/N]"
fi

# 3. back: answer q1 y, q2 n, go back, answer q2 y: model_versioning is YES.
#    Skip (s, and an empty line) leaves q3 and q4 unanswered; the rest YES gives 14 YES but
#    gated level 0, with q3 and q4 missing for level 1.
if session back-skip 0 'y\nn\nb\ny\ns\n\ny\ny\ny\ny\ny\ny\ny\ny\ny\ny\ny\ny\n' --out "$tmp/skip.json"; then
    has back "$tmp/skip.json" "\"model_versioning\":${tab}true"
    lacks skip-absent "$tmp/skip.json" "dataset_versioning"
    lacks skip-absent-2 "$tmp/skip.json" "model_documentation"
    has skip-score "$tmp/out" "14 of 16 YES: Level 3-4"
    has skip-gated "$tmp/out" "level 0 (every question up to it is YES)"
    has skip-unanswered "$tmp/out" "Unanswered (counted as NO): dataset_versioning, model_documentation"
    expect_valid "$tmp/skip.json"
fi
# back on the first question stays there.
session back-first 2 'b\n' && has back-first-hint "$tmp/err" "This is the first question."

# 4. Anything else is asked again with a hint; answers are case-insensitive.
#    maybe, "y y" and 1 are refused, so the 16 real answers still land on the 16 questions:
#    all YES gives 16 of 16 and gated level 4.
if session invalid 0 'maybe\ny y\n1\nYes\nYES\n Y \nyes\ny\ny\ny\ny\ny\ny\ny\ny\ny\ny\ny\nY\n'; then
    n=$(grep -c "Answer y (yes), n (no), s (skip), b (back) or q (quit)." "$tmp/err")
    if [ "$n" -eq 3 ]; then ok; else ko "invalid: $n hints, expected 3"; fi
    has invalid-all-yes "$tmp/out" "16 of 16 YES: Level 3-4"
    has invalid-gated "$tmp/out" "level 4 (every question up to it is YES)"
fi
session case-no 0 'NO\nNo\nn\nN\nno\nn\nn\nn\nn\nn\nn\nn\nn\nn\nn\nn\n' && has all-no "$tmp/out" "0 of 16 YES: Level 0"

# 5. The input ends early, or q: a clear error, exit 2, nothing written, an old file kept.
echo '{ "keep": "me" }' >"$tmp/old.json"
if session eof 2 'y\ny\ny\ny\ny\n' --out "$tmp/old.json"; then
    if grep -qxF "mlroi: the answers ended at question 6 of 16: nothing written" "$tmp/err"; then ok
    else ko "eof: message"; tail -2 "$tmp/err" >&2; fi
    has eof-kept "$tmp/old.json" '"keep": "me"'
    if [ -s "$tmp/out" ]; then ko "eof: a result was printed"; else ok; fi
fi
session quit 2 'y\nq\n' --out "$tmp/none.json" &&
    has quit-message "$tmp/err" "mlroi: stopped at question 2 of 16: nothing written"
if [ -e "$tmp/none.json" ]; then ko "quit wrote a file"; else ok; fi
session empty-input 2 '' --out "$tmp/none.json"
if [ -e "$tmp/none.json" ]; then ko "empty input wrote a file"; else ok; fi
ls -a "$tmp" | grep -q '^\.none' && ko "a temporary file was left behind" || ok

# 6. A scenario FILE: its answers are the defaults, and --out keeps the rest of its content.
#    midmarket-fraud.json has 7 YES (L1 4/4, L2 2/4, L3 1/4); Enter 16 times keeps them.
mid=scenarios/midmarket-fraud.json
if session file-defaults 0 "$blank16" "$mid" --out "$tmp/mid.json"; then
    has file-score "$tmp/out" "7 of 16 YES: Level 1"
    expect_valid "$tmp/mid.json"
    run roi "$mid" --format json | grep -v '"file"\|"sha256"' >"$tmp/roi1"
    run roi "$tmp/mid.json" --format json | grep -v '"file"\|"sha256"' >"$tmp/roi2"
    if cmp -s "$tmp/roi1" "$tmp/roi2"; then ok; else ko "--out lost part of the scenario"; fi
fi
# Changing one answer: model_registry (L2) to YES gives 8 YES, gated level still 1.
if session file-change 0 '\n\n\n\n\ny\n\n\n\n\n\n\n\n\n\n\n' "$mid" --out "$tmp/mid2.json"; then
    has file-change-score "$tmp/out" "8 of 16 YES: Level 1"
    has file-change-saved "$tmp/mid2.json" "\"model_registry\":${tab}true"
fi

# 7. Usage and output errors.
session two-files 2 '' "$mid" "$mid"
session stdin-file 2 '' -
session bad-out 1 "$blank16" "$mid" --out "$tmp/no-such-dir/x.json"
run assess --interactive --help >"$tmp/out" 2>&1 && has help "$tmp/out" "Usage: mlroi assess --interactive [FILE] [--out ANSWERS.json]"
run assess --help >"$tmp/out" 2>&1 && has help-plain "$tmp/out" "mlroi assess --interactive [FILE]"
run --help >"$tmp/out" 2>&1 && has help-main "$tmp/out" "--interactive"

echo "cli_assess: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
