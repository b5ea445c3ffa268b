#!/bin/sh
# SPDX-License-Identifier: MIT
# The PDF briefing through the CLI, checked from outside with qpdf and poppler's tools.
# Usage: sh tests/cli_report.sh build/mlroi   (UPDATE_GOLDEN=1 rewrites tests/golden/report)
set -u
MLROI=$1
case $MLROI in /*) ;; *) MLROI=$(pwd)/$MLROI ;; esac
cd "$(dirname "$0")/.." || exit 1
PY=/usr/bin/python3
DATE=2025-01-31
GOLDEN=tests/golden/report
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlroi-cli-report-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

say() { printf '%s\n' "$*"; }
bad() { say "FAIL cli_report: $*"; fail=1; }
BIN=$MLROI
. tests/common.sh   # run: mlroi, under memcheck with VALGRIND=1
vrun() { run "$@"; }
# poppler's warnings (a malformed ToUnicode CMap prints "Invalid 'begincidrange' operator")
# are collected and must stay empty: the text layer is what copy-paste and screen readers use.
text_of() { pdftotext "$1" - 2>>"$tmp/poppler.err"; }
pages_of() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }

for tool in qpdf pdfinfo pdftotext; do
    if ! command -v $tool >/dev/null 2>&1; then
        if [ -n "${CI:-}" ]; then
            say "FAIL cli_report: $tool is needed (make test-deps)"
            exit 1
        fi
        say "skip cli_report: install qpdf and poppler-utils (make test-deps) to run it"
        exit 0
    fi
done

# 1. Every shipped scenario with both templates: a valid PDF, the page count, the headline
#    figures exactly as the text output prints them, every input in the appendix, no "nan".
for f in scenarios/*.json; do
    b=$(basename "$f" .json)
    run evaluate "$f" >"$tmp/$b.text" 2>/dev/null || bad "evaluate $f"
    for t in board consultant; do
        out=$tmp/$b.$t.pdf
        if ! run report "$f" --pdf "$out" --template $t --date $DATE >"$tmp/out" 2>"$tmp/err"; then
            bad "report $f --template $t: $(cat "$tmp/err")"
            continue
        fi
        grep -qxF "$out" "$tmp/out" || bad "$b.$t: the written path is not printed"
        qpdf --check "$out" >/dev/null 2>&1 || bad "$b.$t: qpdf --check fails"
        n=$(pages_of "$out")
        if [ $t = board ]; then
            [ "${n:-0}" -ge 4 ] && [ "${n:-0}" -le 5 ] || bad "$b.board: $n pages, expected 4 to 5"
        else
            [ "${n:-0}" -ge 7 ] || bad "$b.consultant: $n pages, expected at least 7"
        fi
        text_of "$out" >"$tmp/$b.$t.txt"
        pdftoppm -r 10 -png "$out" "$tmp/ppm" 2>>"$tmp/poppler.err" || bad "$b.$t: pdftoppm fails"
        if grep -qiw 'nan\|inf\|-nan' "$tmp/$b.$t.txt"; then
            bad "$b.$t: the text holds nan or inf"
        fi
        # The risk-adjusted headline lines of `mlroi evaluate` (NPV, PV ROI, IRR, payback),
        # and the maturity score line's level.
        for key in '  NPV ' '  PV ROI ' '  IRR ' '  Payback '; do
            v=$(sed -n '/^Risk-adjusted/,/^Unadjusted/p' "$tmp/$b.text" |
                grep "^$key" | head -n 1 | sed "s/^$key *//")
            v=${v%% (*}   # the figure itself: "n/a (no sign change)" is "n/a" on a tile
            [ "$v" = "0.0 months" ] && v="within the first month"
            [ -n "$v" ] || continue
            grep -qF -- "$v" "$tmp/$b.$t.txt" || bad "$b.$t: headline '$key' $v is missing"
        done
        # Every input of the scenario file: its key path (the full appendix) or the human
        # label the full appendix gives it beside the path (the compact one), and each array
        # item's name.
        labels=
        if [ $t = board ]; then
            labels=$tmp/$b.labels.txt
            run report "$f" --pdf "$tmp/$b.labels.pdf" --template consultant --date $DATE \
                >/dev/null 2>&1 && pdftotext -layout "$tmp/$b.labels.pdf" "$labels" 2>/dev/null ||
                bad "$b: no consultant briefing to read the labels from"
        fi
        $PY - "$f" "$tmp/$b.$t.txt" $labels <<'EOF' || bad "$b.$t: inputs missing from the appendix"
import json, re, sys
scenario = json.load(open(sys.argv[1], encoding="utf-8"))
text = open(sys.argv[2], encoding="utf-8").read()
flat = " ".join(text.split())
label = {}
if len(sys.argv) > 3:
    # "Discount rate   business_case.discount_rate   10 %" and "Organisation (organization.name)"
    for line in open(sys.argv[3], encoding="utf-8"):
        m = re.match(r"^\s*(\S.*?)\s{2,}([a-z_]+(?:\.[a-z_]+)*)\s{2,}", line) or \
            re.match(r"^\s*(\S.*?) \(([a-z_]+(?:\.[a-z_]+)*)\)\s{2,}", line)
        if m:
            label[m.group(2)] = m.group(1)
missing = []
def walk(node, path):
    if isinstance(node, dict):
        for k, v in node.items():
            if k.startswith("$") or path == "" and k in ("uncertainty", "analysis", "report", "extends"):
                continue
            if path == "tco" and k == "catalog":
                for cid in v:
                    if cid not in flat:
                        missing.append("tco.catalog." + cid)
                continue
            walk(v, path + "." + k if path else k)
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, dict) and "name" in item:
                name = " ".join(str(item["name"]).split())
                if name[:20] not in flat:
                    missing.append(path + ": " + name)
    elif path == "description":
        # The modeller's notes: in the appendix under their own heading, never on the cover.
        if "Scenario notes" not in flat or " ".join(node.split())[:40] not in flat:
            missing.append("description as Scenario notes")
    elif path not in flat and not (path in label and (label[path] in flat or
            # the compact appendix says the checklist in one paragraph
            label[path].startswith("Checklist: ") and label[path][11:] in flat)):
        missing.append(path)
walk(scenario, "")
for m in missing:
    print("    missing:", m)
sys.exit(1 if missing else 0)
EOF
    done
done

# 1b. Page 1 of the board briefing: one ask, the engine's first-year costs (initial column
#     plus year 1, as `mlroi evaluate` prints them) and its total costs, for a legacy and a
#     lines scenario; no phase budget as the ask; an IRR above 100 % is no headline tile; a
#     payback of 0 reads "within the first month"; "risk-adjusted" only with some risk set.
for f in tests/xlsx/legacy-midmarket.json scenarios/enterprise-coe.json \
         scenarios/seed-quick-estimate.json tests/xlsx/lines.json; do
    b=$(basename "$f" .json)
    run evaluate "$f" >"$tmp/$b.ask.text" 2>/dev/null || { bad "evaluate $f"; continue; }
    run report "$f" --pdf "$tmp/$b.ask.pdf" --template board --date $DATE >/dev/null 2>&1 ||
        { bad "report $f"; continue; }
    pdftotext -f 1 -l 1 "$tmp/$b.ask.pdf" "$tmp/$b.page1.txt" 2>>"$tmp/poppler.err"
    $PY - "$tmp/$b.ask.text" "$tmp/$b.page1.txt" <<'EOF' || bad "$b: page 1 does not ask for the case"
import re, sys
evaluate = open(sys.argv[1], encoding="utf-8").read().splitlines()
page = " ".join(open(sys.argv[2], encoding="utf-8").read().split())
problems = []
block = evaluate[next(i for i, l in enumerate(evaluate) if l.startswith("Risk-adjusted")):]
block = block[:next(i for i, l in enumerate(block) if l.startswith("Unadjusted"))]
def amount(text):
    return float(re.sub(r"[^0-9.\-]", "", text))
rows = {}
for l in block:
    m = re.match(r"^\s+(\d+|Sum)\s+(\S+)\s+(\S+)\s", l)
    if m:
        rows[m.group(1)] = m.group(3)
first = amount(rows["0"]) + amount(rows["1"])
m = re.search(r"Approve (\S+) for the first year", page)
if not m or abs(amount(m.group(1)) - first) > 1:
    problems.append("first year: expected %.0f, found %s" % (first, m and m.group(1)))
if "commitment of %s over" % rows["Sum"] not in page:
    problems.append("total: %s missing" % rows["Sum"])
if re.search(r"Approve Phase", page):
    problems.append("a phase budget is asked for")
irr = [l for l in block if l.startswith("  IRR ")][0].split()[1]
if re.match(r"^[0-9.]+$", irr) and float(irr) > 100:
    if "Internal rate of return" in page or irr + " %" in page:
        problems.append("IRR %s %% is a headline tile" % irr)
payback = [l for l in block if l.startswith("  Payback ")][0]
if "0.0 months" in payback and ("within the first month" not in page or "0.0 months" in page):
    problems.append("payback 0 is not worded")
risk = "(benefits 0 %, costs 0 %)" not in block[0]
if not risk and "risk-adjusted" in page.lower():
    problems.append("'risk-adjusted' without any risk")
for p in problems:
    print("    " + p)
sys.exit(1 if problems else 0)
EOF
done

# 1b2. The checks that question the plan itself, in plain words on page 1 when they hold: a
#      case that leaves the plan's team and running costs out (the amounts as `mlroi check`
#      gives them), savings that need more weeks than a year holds; neither for a case that
#      passes both checks.
for f in tests/xlsx/legacy-midmarket.json scenarios/seed-quick-estimate.json \
         scenarios/midmarket-fraud.json; do
    b=$(basename "$f" .json)
    run check "$f" >"$tmp/$b.check" 2>/dev/null
    run report "$f" --pdf "$tmp/$b.plan.pdf" --template board --date $DATE >/dev/null 2>&1 ||
        { bad "report $f"; continue; }
    pdftotext -f 1 -l 1 "$tmp/$b.plan.pdf" "$tmp/$b.plan1.txt" 2>>"$tmp/poppler.err"
    $PY - "$tmp/$b.check" "$tmp/$b.plan1.txt" <<'EOF' || bad "$b: page 1 misstates the plan checks"
import re, sys
# The check's prose wraps at 100 columns: read it as one line, as the page is read.
check = " ".join(open(sys.argv[1], encoding="utf-8").read().split())
page = " ".join(open(sys.argv[2], encoding="utf-8").read().split())
problems = []
outside = re.search(r"\[outside *\] the case counts ([0-9,]+) a year;.* come to ([0-9,]+):", check)
impossible = "[impossible" in check
if outside:
    want = "it counts $%s a year, while the team and running costs the plan itself sizes come " \
           "to $%s a year" % outside.groups()
    if want not in page:
        problems.append("costs left out: '%s' missing" % want)
elif "plan's own costs out" in page:
    problems.append("costs left out, though the check passes")
if impossible != ("The savings cannot all be real" in page):
    problems.append("impossible savings: check %s, page %s" %
                    (impossible, "The savings cannot all be real" in page))
if bool(outside or impossible) != ("The plan does not add up yet" in page):
    problems.append("the plan-honesty box is %s" % ("missing" if outside or impossible
                                                     else "shown with nothing to say"))
for p in problems:
    print("    " + p)
sys.exit(1 if problems else 0)
EOF
done

# 1b3. The engine writes its checks' notes and its IRR notes in English; the French and German
#      briefings word them in their language from the same figures: savings larger than the
#      work, costs left out of the case, why a benchmark was not compared (size bracket,
#      currency without fx), an IRR without a sign change and one with two rates. Expected
#      phrases are written here by hand, with the amounts the scenarios give.
$PY - "$tmp/no-fx.json" <<'EOF'
import json, sys
s = json.load(open("scenarios/enterprise-coe.json", encoding="utf-8"))
s.pop("fx", None)
s.pop("$schema", None)
json.dump(s, open(sys.argv[1], "w", encoding="utf-8"))
EOF
cat >"$tmp/two-rates.json" <<'EOF'
{ "format": 1, "name": "Two rates", "business_case": { "horizon_years": 2, "lines": [
  { "name": "In", "kind": "benefit", "values": [0, 230] },
  { "name": "Out", "kind": "cost", "values": [100, 0, 132] } ] } }
EOF
for l in fr de; do
    for f in scenarios/seed-quick-estimate.json tests/xlsx/legacy-midmarket.json \
             scenarios/midmarket-fraud.json "$tmp/no-fx.json" "$tmp/two-rates.json"; do
        b=$(basename "$f" .json)
        run report "$f" --pdf "$tmp/$b.notes.$l.pdf" --template consultant --lang $l \
            --date $DATE >/dev/null 2>&1 || { bad "$b.$l: report fails"; continue; }
        pdftotext -q "$tmp/$b.notes.$l.pdf" "$tmp/$b.notes.$l.txt"
    done
    $PY - "$tmp" $l <<'EOF' || bad "$l: the engine's notes are not in the language"
import sys
tmp, lang = sys.argv[1], sys.argv[2]
def text(name):
    return " ".join(open("%s/%s.notes.%s.txt" % (tmp, name, lang), encoding="utf-8").read().split())
want = {
    "fr": {
        "seed-quick-estimate": ["6 modèles par an × 16 semaines = 96 semaines de toute l'équipe, "
                                "au-delà des 52 semaines d'une année",
                                "les gains de déploiement (675 000 $) dépassent la masse "
                                "salariale de l'équipe (450 000 $)",
                                "la formule compte toute l'équipe pour chaque modèle",
                                "les flux ne changent jamais de signe"],
        "legacy-midmarket": ["Le dossier compte 200 000 $ par an ; l'équipe du plan (385 000 $) et "
                             "ses coûts d'exploitation (37 136 $) atteignent 422 136 $ : "
                             "222 136 $ par an restent hors du dossier",
                             "car aucun poste de coût ne reprend"],
        "midmarket-fraud": ["non comparé : aucune fourchette publiée pour une ETI"],
        "no-fx": ["référence publiée en USD (indiquez \"fx\": { \"USD\": taux } pour la convertir)"],
        "two-rates": ["plusieurs taux : 10,0 % et 20,0 %"],
    },
    "de": {
        "seed-quick-estimate": ["6 Modelle pro Jahr × 16 Wochen = 96 Wochen des ganzen Teams, "
                                "mehr als die 52 Wochen eines Jahres",
                                "die Einsparungen bei der Bereitstellung (675.000 $) übersteigen "
                                "die Lohnsumme des Teams (450.000 $)",
                                "Die Formel rechnet für jedes Modell nacheinander mit dem ganzen Team",
                                "die Zahlungsströme wechseln nie das Vorzeichen"],
        "legacy-midmarket": ["Der Fall rechnet mit 200.000 $ pro Jahr; Team (385.000 $) und "
                             "Betriebskosten (37.136 $) des Plans betragen zusammen 422.136 $: "
                             "222.136 $ pro Jahr fehlen im Fall",
                             "denn keine Kostenposition übernimmt"],
        "midmarket-fraud": ["nicht verglichen: keine veröffentlichte Spanne für ein "
                            "mittelständisches Unternehmen"],
        "no-fx": ["Richtwert in USD veröffentlicht (zur Umrechnung \"fx\": { \"USD\": Kurs } angeben)"],
        "two-rates": ["mehrere Zinssätze: 10,0 % und 20,0 %"],
    },
}[lang]
# (The scenarios' own texts, such as a description, stay as they are written.)
english = ["whole-team weeks, within the 52", "whole-team weeks, more than the 52",
           "the formula counts", "the case counts", "draws on the",
           "not compared", "published for", "no published range", "no sign change",
           "several rates", "benchmark in USD"]
bad = 0
for name, phrases in want.items():
    page = text(name)
    for p in phrases:
        if p not in page:
            print("    %s.%s: '%s' missing" % (name, lang, p))
            bad = 1
    for e in english:
        if e in page:
            print("    %s.%s: English '%s' left" % (name, lang, e))
            bad = 1
sys.exit(bad)
EOF
done

# 1c. The consultant cover: title, organisation, date; no description, no file path, no
#     placeholder author; the description is "Scenario notes" in the appendix, where no value
#     is cut. The EU AI Act only for an EU scenario; no "no licence fee" to a case paying one.
for b in enterprise-coe midmarket-fraud; do
    pdftotext -f 1 -l 1 "$tmp/$b.consultant.pdf" "$tmp/$b.cover.txt" 2>>"$tmp/poppler.err"
    grep -qF 'scenarios/' "$tmp/$b.cover.txt" && bad "$b: the cover shows the file path"
    grep -qiF 'advisory firm' "$tmp/$b.cover.txt" && bad "$b: a placeholder author on the cover"
    grep -qF 'Prepared by' "$tmp/$b.cover.txt" && bad "$b: 'Prepared by' without an author"
    desc=$($PY -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["description"].split())[:30])' "scenarios/$b.json")
    tr -s ' \n' '  ' <"$tmp/$b.cover.txt" | grep -qF "$desc" && bad "$b: the description is on the cover"
    for t in board consultant; do
        sed -n '/^Appendix: inputs and method/,$p' "$tmp/$b.$t.txt" >"$tmp/$b.$t.appendix"
        grep -qF 'Scenario notes' "$tmp/$b.$t.appendix" || bad "$b.$t: no Scenario notes"
        grep -qF '…' "$tmp/$b.$t.appendix" && bad "$b.$t: a value is cut in the appendix"
    done
done
grep -qF 'EU AI Act' "$tmp/enterprise-coe.board.txt" || bad "EU scenario: no AI Act section"
grep -qF 'Governance and the EU AI Act' "$tmp/midmarket-fraud.board.txt" &&
    bad "US scenario: the EU AI Act section"
for t in board consultant; do
    tr -s ' \n' '  ' <"$tmp/enterprise-coe.$t.txt" | grep -qF 'no licence fee' &&
        bad "enterprise-coe.$t: 'no licence fee' to a scenario that pays a licence"
    tr -s ' \n' '  ' <"$tmp/enterprise-coe.$t.txt" | grep -qF 'Experiment tracking seats' ||
        bad "enterprise-coe.$t: the licence it pays is not named"
done
if run report scenarios/enterprise-coe.json --pdf "$tmp/by.pdf" --template consultant \
    --prepared-by "Conseil Dupré & Associés" --date $DATE >/dev/null 2>&1; then
    pdftotext -f 1 -l 1 "$tmp/by.pdf" - 2>>"$tmp/poppler.err" | tr -s ' \n' '  ' |
        grep -qF 'Prepared by Conseil Dupré & Associés' || bad "--prepared-by on the cover"
else
    bad "report --prepared-by"
fi

# 1e. The board briefing of every shipped scenario in every language: four to five pages, the
#     cash-flow chart on page 1 (its title and legend), and no page but the last less than
#     half full (the lowest text of a page, above the footer, below the middle of the writing
#     area).
for f in scenarios/*.json; do
    b=$(basename "$f" .json)
    for l in en fr de; do
        out=$tmp/$b.board.$l.pages.pdf
        run report "$f" --pdf "$out" --template board --lang $l --date $DATE >/dev/null 2>&1 ||
            { bad "$b.board.$l: report fails"; continue; }
        n=$(pages_of "$out")
        [ "${n:-0}" -ge 4 ] && [ "${n:-0}" -le 5 ] || bad "$b.board.$l: $n pages, expected 4 to 5"
        case $l in
            en) chart='Cash flows by year: .*cumulative net cash flow' ;;
            fr) chart='Flux de trésorerie par année : .*flux net cumulé' ;;
            de) chart='Cashflows je Jahr: .*kumulierter Netto-Cashflow' ;;
        esac
        pdftotext -q -f 1 -l 1 "$out" - | tr -s ' \n' '  ' | grep -q "$chart" ||
            bad "$b.board.$l: no cash-flow chart on page 1"
        pdftotext -q -bbox "$out" "$tmp/bbox.html" || { bad "$b.board.$l: pdftotext"; continue; }
        $PY - "$tmp/bbox.html" <<'EOF' || bad "$b.board.$l: a page before the last is less than half full"
import re, sys
pages = re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>',
                   open(sys.argv[1], encoding="utf-8").read(), re.S)
for number, (height, body) in enumerate(pages[:-1], start=1):
    h = float(height)
    # Header and footer bands (about 60 and 50 points) are left out.
    low = max([float(y) for y in re.findall(r'yMax="([\d.]+)"', body) if float(y) < h - 50] or [0])
    if (low - 60) / (h - 110) < 0.5:
        print("    page %d: text ends at %.0f %% of the page" % (number, 100 * (low - 60) / (h - 110)))
        sys.exit(1)
EOF
    done
done

# US Letter is shorter than A4: the board briefing still fits four to five pages, in every
# language.
sed 's/"page_size": "A4"/"page_size": "Letter"/' templates/board.json >"$tmp/board-letter.json"
for f in scenarios/*.json; do
    b=$(basename "$f" .json)
    for l in en fr de; do
        run report "$f" --pdf "$tmp/$b.letter.pdf" --template "$tmp/board-letter.json" \
            --lang $l --date $DATE >/dev/null 2>&1 || { bad "$b.$l on Letter"; continue; }
        n=$(pages_of "$tmp/$b.letter.pdf")
        [ "${n:-0}" -ge 4 ] && [ "${n:-0}" -le 5 ] || bad "$b.board.$l on Letter: $n pages"
        pdfinfo "$tmp/$b.letter.pdf" 2>/dev/null | grep -q 'Page size: *612 x 792' ||
            bad "$b.board.$l on Letter: not Letter paper"
    done
done

# 2. Golden text per template and language (the article-based mid-market scenario, date fixed).
mkdir -p "$GOLDEN"
for l in fr de; do
    for t in board consultant; do
        run report scenarios/midmarket-fraud.json --pdf "$tmp/midmarket-fraud.$t.$l.pdf" \
            --template $t --lang $l --date $DATE >/dev/null 2>&1 || bad "report --lang $l"
        text_of "$tmp/midmarket-fraud.$t.$l.pdf" >"$tmp/midmarket-fraud.$t.$l.txt"
    done
done
for t in board consultant board.fr consultant.fr board.de consultant.de; do
    g=$GOLDEN/midmarket-fraud.$t.txt
    if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
        cp "$tmp/midmarket-fraud.$t.txt" "$g"
    elif ! cmp -s "$tmp/midmarket-fraud.$t.txt" "$g"; then
        bad "midmarket-fraud.$t: text differs from $g"
        diff "$g" "$tmp/midmarket-fraud.$t.txt" | head -n 20 | sed 's/^/    /'
    fi
done

# 3. Reproducible: the same inputs give the same bytes; SOURCE_DATE_EPOCH gives the date.
mid=scenarios/midmarket-fraud.json
run report $mid --pdf "$tmp/again.pdf" --template consultant --date $DATE >/dev/null 2>&1
cmp -s "$tmp/again.pdf" "$tmp/midmarket-fraud.consultant.pdf" || bad "two runs differ"
SOURCE_DATE_EPOCH=1738281600 run report $mid --pdf "$tmp/sde.pdf" --template consultant \
    >/dev/null 2>&1 || bad "report with SOURCE_DATE_EPOCH"
cmp -s "$tmp/sde.pdf" "$tmp/midmarket-fraud.consultant.pdf" ||
    bad "SOURCE_DATE_EPOCH=1738281600 does not give the 2025-01-31 document"
pdfinfo "$tmp/sde.pdf" 2>/dev/null | grep -q '^CreationDate:.*2025' || bad "creation date"

# 4. Batch mode: one briefing per scenario, named after the file; OUT needs one scenario.
if run report scenarios/startup.json scenarios/enterprise-coe.json --outdir "$tmp/batch" --pdf \
    --date $DATE >"$tmp/out" 2>"$tmp/err"; then
    for b in startup enterprise-coe; do
        [ -s "$tmp/batch/$b.pdf" ] || bad "batch: no $tmp/batch/$b.pdf"
    done
else
    bad "batch: $(cat "$tmp/err")"
fi
run report scenarios/startup.json $mid --pdf "$tmp/one.pdf" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] || bad "an output name with two scenarios must be a usage error"
grep -q -- '--outdir' "$tmp/err" || bad "the usage error should point to --outdir"

# A scenario with UTF-8 names, no Monte Carlo and an enormous investment.
cat >"$tmp/intl.json" <<'EOF'
{ "format": 1, "name": "Détection de fraude – 2025 € plan 中文 😀", "currency": "EUR",
  "organization": { "name": "Société Générale des Données Très Longues et Encore Plus Longues SA", "employees": 1200, "region": "EU" },
  "roi": { "team_size": 5, "avg_salary": 60000, "models_per_year": 6,
           "current_time_to_prod_weeks": 16, "mlops_time_to_prod_weeks": 3,
           "model_incidents_per_year": 4, "avg_incident_cost": 75000,
           "incident_reduction": 0.75, "mlops_investment": 2000000 } }
EOF

# 5. Bad templates and dates are clear errors naming the key; nothing is written.
printf '{ "colors": { "primary": "navy" } }\n' >"$tmp/bad.json"
vrun report $mid --pdf "$tmp/x.pdf" --template "$tmp/bad.json" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] || bad "bad template: exit status"
grep -q 'colors.primary: expected a colour' "$tmp/err" || bad "bad template: $(cat "$tmp/err")"
[ ! -e "$tmp/x.pdf" ] || bad "bad template: a file was written"
vrun report $mid --pdf "$tmp/x.pdf" --template glossy >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q 'unknown template "glossy"' "$tmp/err" || bad "unknown template name"
vrun report $mid --pdf "$tmp/x.pdf" --date 2025-02-30 >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] || bad "--date 2025-02-30 must be refused"

# 6. Safe output: a failure keeps the previous briefing and leaves no temporary file.
mkdir -p "$tmp/safe"
printf 'previous briefing\n' >"$tmp/safe/keep.pdf"
printf 'not a png' >"$tmp/safe/logo.png"
printf '{ "logo": "logo.png" }\n' >"$tmp/safe/logo.json"
vrun report "$tmp/intl.json" --pdf "$tmp/safe/keep.pdf" --template "$tmp/safe/logo.json" >/dev/null 2>"$tmp/err"
[ $? -ne 0 ] || bad "an unreadable logo must fail"
grep -q 'logo' "$tmp/err" || bad "the logo error should name the logo: $(cat "$tmp/err")"
[ "$(cat "$tmp/safe/keep.pdf")" = "previous briefing" ] || bad "the previous briefing was lost"
[ "$(ls -A "$tmp/safe" | wc -l)" -eq 3 ] || bad "a temporary file was left: $(ls -A "$tmp/safe")"
vrun report "$tmp/intl.json" --pdf "$tmp/nowhere/x/y.pdf" >/dev/null 2>&1
[ $? -eq 1 ] || bad "writing into a missing folder must exit 1"

# 7. A real logo (PNG written here), Letter paper, texts from the command line.
$PY - "$tmp/safe/mark.png" <<'EOF'
import struct, sys, zlib
w, h = 48, 16
rows = b"".join(b"\x00" + bytes(v for x in range(w) for v in (30 + 4 * x, 90, 140))
                for _ in range(h))
def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
EOF
printf '{ "logo": "mark.png", "page_size": "Letter", "cover": "page" }\n' >"$tmp/safe/brand.json"
if vrun report "$tmp/intl.json" --pdf "$tmp/brand.pdf" --template "$tmp/safe/brand.json" --date $DATE \
    --prepared-for "Zoë Müller – CFO" >/dev/null 2>"$tmp/err"; then
    pdfinfo "$tmp/brand.pdf" 2>/dev/null | grep -q 'Page size: *612 x 792' || bad "not Letter"
    [ "$(pdfimages -list "$tmp/brand.pdf" 2>/dev/null | tail -n +3 | wc -l)" -ge 1 ] ||
        bad "the logo is not in the PDF"
    text_of "$tmp/brand.pdf" | grep -qF 'Prepared for Zoë Müller – CFO' || bad "--prepared-for"
else
    bad "branded template: $(cat "$tmp/err")"
fi

# 8. UTF-8 names, a --set override marked in the appendix, a missing module.
if vrun report "$tmp/intl.json" --pdf "$tmp/intl.pdf" --date $DATE \
    --set roi.team_size=7 >/dev/null 2>"$tmp/err"; then
    text_of "$tmp/intl.pdf" >"$tmp/intl.txt"
    grep -qF 'Détection de fraude – 2025 €' "$tmp/intl.txt" || bad "accents, dash and euro"
    grep -qF 'Société Générale' "$tmp/intl.txt" || bad "a long organisation name"
    grep -qF -- '--set' "$tmp/intl.txt" || bad "the --set source is not shown"
    grep -qF '€' "$tmp/intl.txt" || bad "euro amounts"
    # The characters CP1252 lacks come out as '?', never as garbage; the NPV as evaluated.
    grep -qF 'plan ?? ?' "$tmp/intl.txt" || bad "CJK and emoji are not drawn as '?'"
    v=$(run evaluate "$tmp/intl.json" --set roi.team_size=7 2>/dev/null |
        sed -n '/^Risk-adjusted/,/^Unadjusted/p' | grep '^  NPV ' | sed 's/^  NPV *//')
    [ -n "$v" ] && grep -qF -- "$v" "$tmp/intl.txt" || bad "intl: the NPV '$v' is not in the text"
    grep -qiw 'nan' "$tmp/intl.txt" && bad "intl: nan in the text"
    qpdf --check "$tmp/intl.pdf" >/dev/null 2>&1 || bad "intl: qpdf --check"
else
    bad "UTF-8 scenario: $(cat "$tmp/err")"
fi

# 9. Business-case lines (tests/xlsx: the lines demo, 50 years, mid-year): each template's
#    text holds the engine's risk-adjusted headline figures as `mlroi evaluate` prints them
#    (NPV, PV ROI, IRR, MIRR, payback), every line's name, and the yearly benefits, costs and
#    net of the risk-adjusted table (the years a concise briefing shows one by one: 0 to 10).
for f in tests/xlsx/lines.json tests/xlsx/lines-50-years.json tests/xlsx/lines-mid-year.json; do
    b=$(basename "$f" .json)
    run evaluate "$f" >"$tmp/$b.text" 2>/dev/null || { bad "evaluate $f"; continue; }
    for t in board consultant; do
        out=$tmp/$b.$t.pdf
        run report "$f" --pdf "$out" --template $t --date $DATE >/dev/null 2>"$tmp/err" ||
            { bad "report $f --template $t: $(cat "$tmp/err")"; continue; }
        qpdf --check "$out" >/dev/null 2>&1 || bad "$b.$t: qpdf --check fails"
        text_of "$out" >"$tmp/$b.$t.txt"
        grep -qiw 'nan\|inf' "$tmp/$b.$t.txt" && bad "$b.$t: the text holds nan or inf"
        $PY - "$f" "$tmp/$b.text" "$tmp/$b.$t.txt" $t <<'EOF' || bad "$b.$t: figures or lines missing"
import json, re, sys
scenario = json.load(open(sys.argv[1], encoding="utf-8"))
evaluate = open(sys.argv[2], encoding="utf-8").read().splitlines()
flat = " ".join(open(sys.argv[3], encoding="utf-8").read().split())
concise = sys.argv[4] == "board"
missing = []
block = evaluate[next(i for i, l in enumerate(evaluate) if l.startswith("Risk-adjusted")):]
block = block[:next(i for i, l in enumerate(block) if l.startswith("Unadjusted"))]
for key in ("NPV", "PV ROI", "IRR", "MIRR", "Payback"):
    row = [l for l in block if l.startswith("  %s " % key)]
    if not row:
        missing.append("evaluate prints no %s" % key)
        continue
    value = row[0][len(key) + 2:].strip().split(" (")[0]
    if value not in flat:
        missing.append("%s %s" % (key, value))
for l in block:
    m = re.match(r"^\s+(\d+)\s+(\S+)\s+(\S+)\s+(\S+)\s", l)
    if not m or (concise and int(m.group(1)) > 10):
        continue
    for v in m.group(2, 3, 4):
        if v not in flat:
            missing.append("year %s: %s" % (m.group(1), v))
for line in scenario["business_case"]["lines"]:
    if " ".join(line["name"].split())[:20] not in flat:
        missing.append("line " + line["name"])
for m in missing:
    print("    missing:", m)
sys.exit(1 if missing else 0)
EOF
    done
done

# 10. Never break: 200 lines over 50 years (tests/xlsx/stress_lines.py), both documents at
#     once, under valgrind with VALGRIND=1; a valid PDF that lists every line somewhere.
$PY tests/xlsx/stress_lines.py 200 50 "$tmp/stress.json" || bad "cannot write the stress case"
if run report "$tmp/stress.json" --pdf "$tmp/stress.pdf" --xlsx "$tmp/stress.xlsx" --date $DATE \
    >/dev/null 2>"$tmp/err"; then
    qpdf --check "$tmp/stress.pdf" >/dev/null 2>&1 || bad "stress: qpdf --check fails"
    [ -s "$tmp/stress.xlsx" ] || bad "stress: no workbook"
    for t in board consultant; do
        run report "$tmp/stress.json" --pdf "$tmp/stress.$t.pdf" --template $t --date $DATE \
            >/dev/null 2>&1 || { bad "stress --template $t"; continue; }
        text_of "$tmp/stress.$t.pdf" | tr -s ' \n' '  ' >"$tmp/stress.$t.txt"
        for i in 000 057 123 199; do
            grep -qF "Line $i" "$tmp/stress.$t.txt" || bad "stress.$t: line $i is missing"
        done
    done
else
    bad "stress report: $(cat "$tmp/err")"
fi

# 10a. French and German editions: every text has its translation (tests/lang_check.py);
#      page 1 asks for the engine's first-year costs and total in the language's own number
#      format, for a legacy and a lines scenario; a language that is not there is refused.
$PY tests/lang_check.py >"$tmp/lang.out" 2>&1 || bad "lang_check: $(cat "$tmp/lang.out")"
for f in tests/xlsx/legacy-midmarket.json scenarios/enterprise-coe.json tests/xlsx/lines.json; do
    b=$(basename "$f" .json)
    [ -s "$tmp/$b.ask.text" ] || continue
    for l in fr de; do
        run report "$f" --pdf "$tmp/$b.$l.pdf" --lang $l --date $DATE >/dev/null 2>&1 ||
            { bad "report $f --lang $l"; continue; }
        pdftotext -f 1 -l 1 "$tmp/$b.$l.pdf" "$tmp/$b.$l.txt" 2>>"$tmp/poppler.err"
        $PY - "$tmp/$b.ask.text" "$tmp/$b.$l.txt" $l <<'EOF' || bad "$b --lang $l: page 1 does not ask for the case"
import re, sys
evaluate = open(sys.argv[1], encoding="utf-8").read().splitlines()
page = " ".join(open(sys.argv[2], encoding="utf-8").read().replace("\u00a0", " ").split())
lang = sys.argv[3]
block = evaluate[next(i for i, l in enumerate(evaluate) if l.startswith("Risk-adjusted")):]
block = block[:next(i for i, l in enumerate(block) if l.startswith("Unadjusted"))]
rows = {}
for l in block:
    m = re.match(r"^\s+(\d+|Sum)\s+(\S+)\s+(\S+)\s", l)
    if m:
        rows[m.group(1)] = float(re.sub(r"[^0-9.\-]", "", m.group(3)))
first = rows["0"] + rows["1"]
# The language's way: "1 647 730 €" in French, "1.647.730 €" in German.
group = " " if lang == "fr" else "."
def local(v):
    return "{:,.0f}".format(v).replace(",", group)
if lang == "fr":
    ask = "Approuver %s" % local(first)
    total = "engagement de %s" % local(rows["Sum"])
else:
    ask = "Empfehlung %s" % local(first)
    total = "Zusage von %s" % local(rows["Sum"])
problems = [t for t in (ask, total) if t not in page]
for p in problems:
    print("    missing: " + p)
sys.exit(1 if problems else 0)
EOF
    done
done
run report scenarios/startup.json --pdf "$tmp/xx.pdf" --lang xx >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "en, fr or de" "$tmp/err" || bad "--lang xx is not refused as a usage error"

# 10b. The risk page says what drives the risk and what knowing it is worth, in the engine's
#      figures: each input's contribution to variance as `montecarlo --sensitivity` gives it
#      at the report's 10,000 base samples, and the value-of-information sentence and EVPI of
#      the report's own Monte Carlo (the scenario's samples), for both templates.
f=scenarios/midmarket-fraud.json
if run montecarlo "$f" --sensitivity --samples 10000 --format json >"$tmp/sobol.json" 2>/dev/null &&
   run montecarlo "$f" --sensitivity --format json >"$tmp/voi.json" 2>/dev/null; then
    for t in board consultant; do
        $PY - "$tmp/sobol.json" "$tmp/voi.json" "$tmp/midmarket-fraud.$t.txt" <<'EOF' ||
import json, sys
sobol = json.load(open(sys.argv[1], encoding="utf-8"))["sensitivity"]
voi = json.load(open(sys.argv[2], encoding="utf-8"))["value_of_information"]
flat = " ".join(open(sys.argv[3], encoding="utf-8").read().split())
problems = []
if "What drives the risk" not in flat:
    problems.append("no 'What drives the risk' table")
for i in sobol["inputs"]:
    share = "%.1f %%" % (i["contribution_to_variance"] * 100)
    if share not in flat:
        problems.append("%s: share of variance %s missing" % (i["path"], share))
if voi["sentence"] not in flat:
    problems.append("the value-of-information sentence is missing: " + voi["sentence"])
evpi = "${:,.0f}".format(voi["evpi"])
if evpi not in flat:
    problems.append("EVPI " + evpi + " missing")
for p in problems:
    print("    " + p)
sys.exit(1 if problems else 0)
EOF
            bad "midmarket-fraud.$t: the risk drivers differ from montecarlo --sensitivity"
    done
else
    bad "montecarlo --sensitivity on $f failed"
fi

# 11. The shipped examples are up to date (make examples regenerates them).
for t in board consultant; do
    ex=examples/briefing-$t.pdf
    [ $t = board ] && ex=examples/board/midmarket-fraud.en.pdf
    [ -f "$ex" ] || continue
    cmp -s "$ex" "$tmp/midmarket-fraud.$t.pdf" ||
        bad "$ex is stale: run make examples"
done

# 12. No warning from poppler on any briefing read above (pdftotext and pdftoppm).
if [ -s "$tmp/poppler.err" ]; then
    bad "poppler warns: $(sort "$tmp/poppler.err" | uniq -c | head -n 5)"
fi

[ $fail -eq 0 ] && say "cli_report: ok"
exit $fail
