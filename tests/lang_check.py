#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Every text the briefing translates (each T(b, "...") of src/report_pdf.c, and the texts of
# the shipped templates) and every label of the workbook (each XT(c, "...") and XN_("...") of
# src/xlsx_*.c and src/report_xlsx.c) has a translation in every language file under templates/lang, with
# the same printf conversions in the same order ("%.0s" may stand for a "%s" the language
# does not print). `python3 tests/lang_check.py [--keys]` exits 1 naming what is missing.
import json, re, sys, glob, os

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
src = open(os.path.join(root, "src/report_pdf.c"), encoding="utf-8").read()
lit = r'"(?:[^"\\\n]|\\.)*"'
keys = []
for m in re.finditer(r'\bT\(b,\s*((?:' + lit + r'\s*)+)\)', src):
    parts = re.findall(r'"((?:[^"\\\n]|\\.)*)"', m.group(1))
    text = "".join(parts)
    text = bytes(text, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
    keys.append(text)
for m in re.finditer(r'\bN_\((' + lit + r')\)', src):
    keys.append(m.group(1)[1:-1])
# The workbook's labels: XT(c, "...") where written, XN_("...") in its static tables.
for f in sorted(glob.glob(os.path.join(root, "src/xlsx_*.c")) +
                [os.path.join(root, "src/report_xlsx.c")]):
    xs = open(f, encoding="utf-8").read()
    for m in re.finditer(r'\b(?:XT\(\w+,|XN_\()\s*((?:' + lit + r'\s*)+)\)', xs):
        parts = re.findall(r'"((?:[^"\\\n]|\\.)*)"', m.group(1))
        text = "".join(parts)
        text = bytes(text, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
        keys.append(text)
for t in sorted(glob.glob(os.path.join(root, "templates/*.json"))):
    tpl = json.load(open(t, encoding="utf-8"))
    for k in ("title", "subtitle", "footer", "prepared_for", "prepared_by"):
        if isinstance(tpl.get(k), str):
            keys.append(tpl[k])
# Texts of the data the briefing shows: the roadmap phases of the benchmarks, the maturity
# levels' names.
bench = json.load(open(os.path.join(root, "src/data/benchmarks.json"), encoding="utf-8"))
for ph in bench.get("phases", []):
    keys += [ph[k] for k in ("name", "goal", "kpi") if isinstance(ph.get(k), str)]
mat = open(os.path.join(root, "src/maturity.c"), encoding="utf-8").read()
keys += re.findall(r'"(Level [0-9-]+)"', mat)
# The platform guidance and the EU AI Act calendar of the benchmarks.
for rule in bench.get("platform_rules", []):
    keys += [rule[k] for k in ("rationale", "lock_in", "stack") if isinstance(rule.get(k), str)]
# Whom a benchmark was published for, in the reasons a check was not compared.
keys += [br["noun"] for br in bench.get("brackets", []) if isinstance(br.get("noun"), str)]
keys += [e["cost_text"] for e in bench.get("enterprise_alternatives", [])
         if isinstance(e.get("cost_text"), str)]
keys += [a["text"] for a in bench.get("ai_act", []) if isinstance(a.get("text"), str)]
# The inputs' labels (the schema's short titles) and the checklist's questions.
par = open(os.path.join(root, "src/scenario_params.c"), encoding="utf-8").read()
keys += [m[2] for m in re.findall(r'\{"([^"]+)",\s*MLROI_P_\w+,\s*OFF\([^)]*\),[^"]*?"([^"]*)",'
                                  r'\s*"([^"]*)"', par)]
# The checklist answers' keys in words ("model registry"), as the appendix names them.
keys += [k.replace("_", " ") for k in re.findall(r'ANSWER\(\d+, "([a-z_]+)"\)', par)]
qs = re.search(r'mlroi_question_texts\[[^]]*\] = \{(.*?)\};', par, re.S)
keys += re.findall(r'"((?:[^"\\\n]|\\.)*)"', qs.group(1))
keys = sorted(set(keys))
if "--keys" in sys.argv:
    print(json.dumps(keys, ensure_ascii=False, indent=1))
    sys.exit(0)

conv = re.compile(r'%(?:%|[-+ #0]*\d*(?:\.\d+)?(?:l|ll|z|h)?[sdufgecxp])')
def conversions(s):
    out = []
    for c in conv.findall(s):
        if c == "%%":
            continue
        out.append("%s" if c == "%.0s" else c)
    return out

bad = 0
for f in sorted(glob.glob(os.path.join(root, "templates/lang/*.json"))):
    lang = json.load(open(f, encoding="utf-8"))
    strings = lang.get("strings", {})
    name = os.path.relpath(f, root)
    for k in keys:
        if k not in strings:
            print("%s: missing %r" % (name, k))
            bad += 1
        elif conversions(k) != conversions(strings[k]):
            print("%s: %r changes the conversions %s into %s" % (name, k, conversions(k),
                                                                 conversions(strings[k])))
            bad += 1
    for k in strings:
        if k not in keys:
            print("%s: %r is no text of the briefing" % (name, k))
            bad += 1
    # Excel refuses a validation's title longer than 32 characters (the workbook's inputs).
    for k in ("Outside the allowed range", "YES or NO"):
        if k in strings and len(strings[k]) > 32:
            print("%s: %r is longer than Excel's 32 characters for a title" % (name, strings[k]))
            bad += 1
    if len(lang.get("months", [])) != 12:
        print("%s: months needs 12 names" % name)
        bad += 1
print("lang_check: %d texts, %s" % (len(keys), "ok" if bad == 0 else "%d problems" % bad))
sys.exit(1 if bad else 0)
