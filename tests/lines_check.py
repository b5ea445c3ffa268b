#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Business-case lines in the three outputs of one `mlroi evaluate`, checked from outside.

Usage: lines_check.py MLROI SCENARIO OUT.json OUT.text OUT.csv

Every figure is recomputed here from the JSON's own inputs (each line's values and risk, the
discount factors) with the formulas of MODEL.md, never taken from the program as the answer:
each kind's lines add up to the yearly benefits and costs, a line's pv is its adjusted amounts
times the discount factors, MIRR follows its formula; then the text table and the CSV rows must
show those same figures. Derived lines (a scenario without "lines") must, written back as the
text output suggests, give the same business case.
"""
import csv
import json
import math
import os
import re
import subprocess
import sys
import tempfile

REL = 1e-9
WIDTH = 100     # the lines' tables fit in this many columns
failures = []


def fail(msg):
    failures.append(msg)


def close(a, b, scale=None):
    """a == b to REL relative to SCALE (the size of the terms that were summed)."""
    if a is None or b is None:
        return a is b
    s = max(abs(a), abs(b), scale or 0.0, 1.0)
    return abs(a - b) <= REL * s


SYMBOLS = {"USD": "$", "EUR": "\u20ac", "GBP": "\u00a3", "JPY": "\u00a5", "CNY": "\u00a5",
           "INR": "\u20b9"}


def money(v, currency):
    """The text output's money: rounded to whole units, grouped, the symbol, "-" unless 0.
    A currency without a symbol reads "CHF_1,000" here and in the text given to check_text."""
    sym = SYMBOLS.get(currency, currency + "_")
    digits = "{:,.0f}".format(abs(v))
    return ("-" if v < 0 and digits != "0" else "") + sym + digits


def check_json(bc, scenario_has_lines):
    n = bc["horizon_years"]
    years, unadj = bc["years"], bc["unadjusted"]["years"]
    lines = bc["lines"]
    if len(years) != n + 1:
        fail("years has %d entries for %d years" % (len(years), n))
    df = [y["discount_factor"] for y in years]
    for kind, key, pv_key in (("benefit", "benefits", "pv_benefits"),
                              ("cost", "costs", "pv_costs")):
        mine = [l for l in lines if l["kind"] == kind]
        for t in range(n + 1):
            terms = [l["adjusted"][t] for l in mine if len(l["adjusted"]) == n + 1]
            if not close(math.fsum(terms), years[t][key], sum(abs(x) for x in terms)):
                fail("year %d: %s lines' adjusted amounts add up to %r, years[%d].%s is %r"
                     % (t, kind, math.fsum(terms), t, key, years[t][key]))
            raw = [l["values"][t] for l in mine if len(l["values"]) == n + 1]
            if not close(math.fsum(raw), unadj[t][key], sum(abs(x) for x in raw)):
                fail("year %d: %s lines' values add up to %r, unadjusted %r"
                     % (t, kind, math.fsum(raw), unadj[t][key]))
        pvs = [l["pv"] for l in mine]
        if not close(math.fsum(pvs), bc[pv_key], sum(abs(x) for x in pvs)):
            fail("%s lines' pv add up to %r, %s is %r" % (kind, math.fsum(pvs), pv_key, bc[pv_key]))
    for l in lines:
        name = l["name"]
        for k in ("name", "kind", "category", "risk", "values", "adjusted", "total", "pv",
                  "from", "scale", "source", "note", "derived", "total_unadjusted",
                  "pv_unadjusted"):
            if k not in l:
                fail("line %r has no %r" % (name, k))
                return
        if len(l["values"]) != n + 1 or len(l["adjusted"]) != n + 1:
            fail("line %r: %d values and %d adjusted for %d years"
                 % (name, len(l["values"]), len(l["adjusted"]), n))
            continue
        factor = 1 - l["risk"] if l["kind"] == "benefit" else 1 + l["risk"]
        for t in range(n + 1):
            if not close(l["adjusted"][t], l["values"][t] * factor):
                fail("line %r year %d: adjusted %r, values x (1 %s risk) = %r"
                     % (name, t, l["adjusted"][t], "-" if l["kind"] == "benefit" else "+",
                        l["values"][t] * factor))
        scale = sum(abs(x) for x in l["adjusted"])
        pv = math.fsum(a * d for a, d in zip(l["adjusted"], df))
        if not close(l["pv"], pv, scale):
            fail("line %r: pv %r, sum adjusted_t x discount_factor_t = %r" % (name, l["pv"], pv))
        if not close(l["total"], math.fsum(l["adjusted"]), scale):
            fail("line %r: total %r, sum of adjusted %r" % (name, l["total"],
                                                             math.fsum(l["adjusted"])))
        pvu = math.fsum(v * d for v, d in zip(l["values"], df))
        if not close(l["pv_unadjusted"], pvu, sum(abs(x) for x in l["values"])):
            fail("line %r: pv_unadjusted %r, expected %r" % (name, l["pv_unadjusted"], pvu))
        if l["derived"] == scenario_has_lines:
            fail("line %r: derived is %r in a scenario %s lines"
                 % (name, l["derived"], "with" if scenario_has_lines else "without"))
    # MIRR (MODEL.md) from the yearly nets, at the echoed finance and reinvestment rates.
    for label, fig in (("adjusted", bc), ("unadjusted", bc["unadjusted"])):
        net = [y["net"] for y in fig["years"]]
        fr, rr = bc["mirr_finance_rate"], bc["mirr_reinvest_rate"]
        pos = math.fsum(x * (1 + rr) ** (n - t) for t, x in enumerate(net) if x > 0)
        neg = -math.fsum(x / (1 + fr) ** t for t, x in enumerate(net) if x < 0)
        want = (pos / neg) ** (1.0 / n) - 1 if pos > 0 and neg > 0 else None
        if "mirr" not in fig or "mirr_note" not in fig:
            fail("%s figures lack mirr or mirr_note" % label)
        elif want is None:
            if fig["mirr"] is not None or not fig["mirr_note"]:
                fail("%s: mirr %r (note %r), expected null with a note"
                     % (label, fig["mirr"], fig["mirr_note"]))
        elif not close(fig["mirr"], want) or fig["mirr_note"] is not None:
            fail("%s: mirr %r (note %r), formula gives %r" % (label, fig["mirr"],
                                                             fig["mirr_note"], want))
        if fig["irr"] is not None:
            npv = math.fsum(x / (1 + fig["irr"]) ** t for t, x in enumerate(net))
            if abs(npv) > 1e-6 * sum(abs(x) for x in net):
                fail("%s: NPV at irr %r is %r, not 0" % (label, fig["irr"], npv))
        elif not fig["irr_note"]:
            fail("%s: irr is null without irr_note" % label)


def section(text, first, stop):
    """The lines of TEXT from the line starting with FIRST up to one starting with STOP."""
    out, on = [], False
    for line in text.splitlines():
        if line.startswith(first):
            on = True
        elif on and stop and line.startswith(stop):
            break
        if on:
            out.append(line)
    return out


def check_text(bc, text, currency, scenario_has_lines):
    n = bc["horizon_years"]
    if currency not in SYMBOLS:   # one token per amount: "CHF 1,000" -> "CHF_1,000"
        text = text.replace(currency + " ", currency + "_")
    head = section(text, "Business case:", "Risk-adjusted")
    if not head:
        fail("text: no business case heading")
        return
    if scenario_has_lines:
        want = "(%s discounting), %d line%s" % (
            "mid-year" if bc["discounting"] == "mid" else "end-of-year", len(bc["lines"]),
            "" if len(bc["lines"]) == 1 else "s")
        if want not in head[0] or "costs from" in head[0]:
            fail("text: heading %r, expected it to end %r" % (head[0], want))
    # The yearly table: year -> (benefits, costs) as printed, and the Sum row.
    yearly, sums = {}, None
    for line in section(text, "  Year       Benefits", "  PV of benefits")[1:]:
        f = line.split()
        if f[0] == "Sum":
            sums = (f[1], f[2])
        else:
            yearly[int(f[0])] = (f[1], f[2])
    pv_text = {}
    for line in text.splitlines():
        m = re.match(r"  PV of (benefits|costs) +(\S+)$", line)
        if m and m.group(1) not in pv_text:
            pv_text[m.group(1)] = m.group(2)
    table = section(text, "Business case lines, risk-adjusted", None)
    end = [i for i, l in enumerate(table) if i > 0 and l and not l.startswith(" ")]
    table = table[:end[0]] if end else table
    if not table:
        fail("text: no lines table")
        return
    for line in table:
        if len(line) > WIDTH and not line.startswith("    {"):
            fail("text: %d columns (over %d): %r" % (len(line), WIDTH, line))
    # Each kind's blocks: header (Year t, Total, PV), a row per line, the subtotal.
    seen = {"benefit": {}, "cost": {}}   # kind -> {label: {column: cell}}
    kind, cols = None, []
    for line in table[1:]:
        m = re.match(r"  (Benefits|Costs) +Risk +(.*)$", line)
        if m:
            kind = "benefit" if m.group(1) == "Benefits" else "cost"
            cols = re.findall(r"Year \d+|Total|PV", m.group(2))
            continue
        if not kind or not line.strip() or not line.startswith("  ") or line.startswith("   "):
            kind = None if not line.strip() else kind
            continue
        # name (single spaces), risk ("-15 %", none on a total row), one cell per column
        tokens = line.split()
        cells, rest = tokens[-len(cols):], tokens[:-len(cols)]
        risk = ""
        if rest and rest[-1] == "%":
            risk, rest = rest[-2] + " %", rest[:-2]
        label = " ".join(rest)
        row = seen[kind].setdefault(label, {"risk": risk})
        row.update(zip(cols, cells))
    full = len(["Year %d" % t for t in range(n + 1)]) + 2
    for kind, key, word in (("benefit", "benefits", "Benefits"), ("cost", "costs", "Costs")):
        mine = [l for l in bc["lines"] if l["kind"] == kind]
        if not mine:
            continue
        sub = seen[kind].get(word + " total")
        if not sub or len(sub) - 1 != full:
            fail("text: %s total row has %s columns, expected %d"
                 % (word, len(sub) - 1 if sub else "no", full))
            continue
        # The subtotal row shows the yearly table's own rounded figures.
        for t in range(n + 1):
            if sub["Year %d" % t] != yearly[t][0 if kind == "benefit" else 1]:
                fail("text: %s total year %d is %s, the yearly table says %s"
                     % (word, t, sub["Year %d" % t], yearly[t][0 if kind == "benefit" else 1]))
        if sub["Total"] != sums[0 if kind == "benefit" else 1]:
            fail("text: %s total %s, Sum row %s" % (word, sub["Total"], sums))
        if sub["PV"] != pv_text[key]:
            fail("text: %s PV %s, PV of %s %s" % (word, sub["PV"], key, pv_text[key]))
        # One row per line, under its name (cut with an ellipsis, never silently).
        for l in mine:
            name = l["name"]
            if len(l["adjusted"]) != n + 1:
                continue   # reported by check_json
            rows = [lab for lab in seen[kind]
                    if lab.rstrip(" *") == name or
                    (lab.rstrip(" *").endswith("\u2026") and
                     name.startswith(lab.rstrip(" *")[:-1].rstrip()))]
            if len(rows) != 1:
                fail("text: line %r has %d rows (%s)" % (name, len(rows), rows))
                continue
            lab = rows[0]
            if lab.endswith(" *") != l["derived"]:
                fail("text: line %r: the derived marker is %s" % (name, "wrong"))
            if lab.rstrip(" *").endswith("\u2026") and not re.search(
                    r"^    " + re.escape(name) + r"(:|$)|\"name\":" + re.escape(json.dumps(name, ensure_ascii=False)),
                    text, re.M):
                fail("text: the name %r is cut in the table and never printed whole" % name)
            row = seen[kind][lab]
            for t in range(n + 1):
                if row.get("Year %d" % t) != money(l["adjusted"][t], currency):
                    fail("text: %r year %d shows %s, adjusted %r" % (name, t, row.get("Year %d" % t),
                                                                   l["adjusted"][t]))
            if row.get("Total") != money(l["total"], currency) or \
                    row.get("PV") != money(l["pv"], currency):
                fail("text: %r total/PV %s/%s" % (name, row.get("Total"), row.get("PV")))
            pct = l["risk"] * 100
            want = "{:,.{}f}".format(pct, 0 if abs(pct - round(pct)) < 1e-9 else
                                     1 if abs(pct * 10 - round(pct * 10)) < 1e-8 else 2)
            want = (("-" if kind == "benefit" else "+") if pct else "") + want + " %"
            if row["risk"] != want:
                fail("text: %r risk shows %r, expected %r" % (name, row["risk"], want))
            if l["from"] and not l["derived"] and not re.search(
                    r"^    " + re.escape(name) + r":\s+from\s+" + re.escape(l["from"]), text,
                    re.M):
                fail("text: %r does not say it comes from %s" % (name, l["from"]))


def same(a, b, amount=True):
    """The CSV A rounds amounts to the cent and other figures to ten significant digits (half
    away from zero, on the shortest decimal); the JSON B is at full precision."""
    if a is None or b is None:
        return a is b
    if amount:
        return abs(a - b) <= 0.005 + 1e-9 * abs(b)
    return abs(a - b) <= 5e-10 * abs(b) * (1 + 1e-9)


def check_csv(bc, csv_text):
    n = bc["horizon_years"]
    rows = [r for r in csv.reader(csv_text.splitlines()) if r and r[1] == "business_case.lines"]
    got = {}
    for r in rows:
        metric = r[2]
        kind, rest = metric.split(".", 1)
        name, field = rest.rsplit(".", 1)
        got[(kind, name, field, r[3])] = float(r[4]) if r[4] else None
    if len(rows) != len(bc["lines"]) * (2 * (n + 1) + 5) or len(got) != len(rows):
        fail("csv: %d business_case.lines rows (%d distinct), expected %d"
             % (len(rows), len(got), len(bc["lines"]) * (2 * (n + 1) + 5)))
    for l in bc["lines"]:
        k = (l["kind"], l["name"])
        for t in range(min(n + 1, len(l["values"]), len(l["adjusted"]))):
            for field in ("values", "adjusted"):
                f = "value" if field == "values" else field
                if not same(got.get(k + (f, str(t))), l[field][t]):
                    fail("csv: %s %r year %d: %r, JSON %r" % (f, l["name"], t,
                                                             got.get(k + (f, str(t))), l[field][t]))
        for f in ("risk", "total", "pv", "total_unadjusted", "pv_unadjusted"):
            if not same(got.get(k + (f, "")), l[f], f != "risk"):
                fail("csv: %s of %r: %r, JSON %r" % (f, l["name"], got.get(k + (f, "")), l[f]))


def check_derived_written_back(mlroi, scenario, bc, text):
    """The derived lines, written as the text output shows them, give the same case."""
    hints = [json.loads(l.strip()) for l in text.splitlines() if l.startswith("    {\"name\"")]
    if len(hints) != len(bc["lines"]):
        fail("text: %d derived lines written out, %d lines" % (len(hints), len(bc["lines"])))
        return
    with open(scenario, encoding="utf-8") as fh:
        s = json.load(fh)
    case = s.setdefault("business_case", {})
    for k in ("initial_investment", "annual_cost", "costs_from", "other_benefits"):
        case.pop(k, None)
    case["lines"] = hints
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "written.json")
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(s, fh)
        p = subprocess.run([mlroi, "evaluate", path, "--format", "json"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        fail("the derived lines written back do not evaluate: %s" % p.stderr.strip())
        return
    again = json.loads(p.stdout)["business_case"]
    for key in ("npv", "pv_benefits", "pv_costs", "roi_percent", "payback_months"):
        if not close(again[key], bc[key], abs(bc["pv_benefits"]) + abs(bc["pv_costs"])):
            fail("written back: %s %r, legacy keys %r" % (key, again[key], bc[key]))
    for a, b in zip(again["years"], bc["years"]):
        for key in ("benefits", "costs"):
            if not close(a[key], b[key]):
                fail("written back: year %d %s %r, legacy keys %r" % (b["year"], key, a[key], b[key]))


def main():
    mlroi, scenario, jpath, tpath, cpath = sys.argv[1:6]
    with open(jpath, encoding="utf-8") as fh:
        d = json.load(fh)
    with open(tpath, encoding="utf-8") as fh:
        text = fh.read()
    with open(cpath, encoding="utf-8") as fh:
        csv_text = fh.read()
    with open(scenario, encoding="utf-8") as fh:
        has_lines = "lines" in json.load(fh).get("business_case", {})
    bc = d["business_case"]
    if bc is None:
        print("lines_check: %s has no business case" % scenario)
        return 1
    check_json(bc, has_lines)
    check_text(bc, text, d["scenario"]["currency"], has_lines)
    check_csv(bc, csv_text)
    if not has_lines:
        check_derived_written_back(mlroi, scenario, bc, text)
    for f in failures[:20]:
        print("FAIL lines_check %s: %s" % (os.path.basename(scenario), f))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
