# SPDX-License-Identifier: MIT
"""Checks of an mlroi workbook: its structure (openpyxl) and its formulas against gnumeric.

Run with /usr/bin/python3 (Debian's openpyxl):

  xlsx_check.py structure BOOK.xlsx [--protected]
      sheets, defined names (each with the prefix mlroi_), validations, charts, styles, print
      set-up; no sheet protected, or (--protected, a book written with --protect) every one.
  xlsx_check.py standard BOOK.xlsx
      the modelling standard: no numeric literal in a formula but 0-12 and 100, no formula
      in an input-styled cell, one formula (R1C1) along each timeline, master check TRUE.
  xlsx_check.py recalc BOOK.xlsx ENGINE.json
      recalculates BOOK with gnumeric and compares every formula cell with the value the
      workbook stores beside it, then every named output with the engine's JSON.
  xlsx_check.py expect BOOK.xlsx NAME=VALUE [NAME=VALUE ...]
      recalculates BOOK with gnumeric and compares named cells with values given by hand
      (the article's worked example, for instance); NAME[i] is the i-th cell of a column,
      or of a timeline row.
  xlsx_check.py change BOOK.xlsx ENGINE.json NAME=VALUE [NAME=VALUE ...]
      sets the named inputs with openpyxl, recalculates with gnumeric and compares every
      named output with ENGINE.json (the engine run with the same change); -PREFIX leaves
      out the names that start with PREFIX. line[K].FIELD
      (amount, annual, risk, escalation, start, end, year, scale, values[T], ramp[T]) is an
      input of the K-th business-case line on the Inputs sheet, as
      `--set business_case.lines[K].FIELD` names it.

  xlsx_check.py risk BOOK.xlsx MC.json [SENS.json]
      the Monte Carlo sheet's variance decomposition, EVPI, EVPPI and board sentence against
      `mlroi montecarlo --sensitivity --format json` run with the same seed and samples
      (the decomposition from SENS.json when given: a run with fewer base samples).
  xlsx_check.py lang ENGLISH.xlsx BOOK.xlsx fr|de
      BOOK is ENGLISH written with --lang: the same sheets, defined names, formulas and
      numbers; the Summary's headline labels read in the language and none of its English
      labels is left.
  xlsx_check.py shown BOOK.xlsx 'SHEET|LABEL=TEXT' ...
      LibreOffice shows TEXT in the cell right of the row labelled LABEL: the number formats
      as a reader sees them.

With --engine libreoffice before the command, LibreOffice (soffice, headless, with a profile
that recalculates every formula on load) does the recalculation instead of gnumeric: a second,
independent spreadsheet engine, and the proof that LibreOffice opens the file cleanly.

Exit status 0 when everything agrees, 1 otherwise (each disagreement is printed).
"""

import csv
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

import openpyxl
from openpyxl.utils.cell import range_boundaries

REL = 1e-9          # relative agreement of any figure
CENTS = 0.005       # absolute agreement of a currency figure

SHEETS_ALWAYS = ["Summary", "Inputs", "Data"]
# Inputs every workbook names, with the sheet whose presence makes them live (blue, unlocked).
REQUIRED_INPUT_NAMES = {"team_size": "Quick estimate", "avg_salary": "Quick estimate",
                        "incident_reduction": "Quick estimate",
                        "mlops_investment": "Quick estimate", "discount_rate": "Business case",
                        "annual_cost": "Business case"}


class Report:
    def __init__(self):
        self.failures = []
        self.checked = 0

    def fail(self, msg):
        self.failures.append(msg)

    def done(self, what):
        for f in self.failures[:60]:
            print("FAIL " + f)
        if len(self.failures) > 60:
            print("FAIL ... and %d more" % (len(self.failures) - 60))
        print("%s: %d checks, %d failures" % (what, self.checked, len(self.failures)))
        return 1 if self.failures else 0


# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------

def is_money_format(fmt):
    return fmt is not None and fmt.startswith('"') and "#,##0" in fmt


def number(v):
    """A cell value as a float, or None when it is not a number."""
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        try:
            return float(v)
        except ValueError:
            return None
    return None


def agree(a, b, money):
    if a is None or b is None:
        return False
    if a == b:
        return True
    if not (math.isfinite(a) and math.isfinite(b)):
        return False
    if abs(a - b) <= REL * max(abs(a), abs(b)):
        return True
    return money and abs(a - b) <= CENTS


def text_of(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    return str(v)


PREFIX = "mlroi_"    # every defined name of the workbook carries it (no collisions)


def defined_names(wb):
    """[(name, defined name)] of the workbook, as stored."""
    try:
        return list(wb.defined_names.items())           # openpyxl >= 3.1
    except AttributeError:
        return [(d.name, d) for d in wb.defined_names.definedName]


def name_destinations(wb):
    """{name: (sheet, min_col, min_row, max_col, max_row)} of every defined name, without
    the workbook's prefix (mlroi_npv -> npv; the JSON path business_case_npv)."""
    out = {}
    for name, dn in defined_names(wb):
        if name.startswith(PREFIX):
            name = name[len(PREFIX):]
        for sheet, ref in dn.destinations:
            c0, r0, c1, r1 = range_boundaries(ref.replace("$", ""))
            out[name] = (sheet, c0, r0, c1, r1)
    return out


ENGINE = "gnumeric"

# A LibreOffice user profile whose only setting makes Calc recalculate OOXML files on load
# (by default it shows the values cached in the file).
LO_PROFILE_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def lo_cell(text):
    """LibreOffice writes percent-formatted numbers with their sign: back to a plain number."""
    if text.endswith("%"):
        try:
            return repr(float(text[:-1]) / 100.0)
        except ValueError:
            return text
    return text


def recalc_libreoffice(path, workdir, strict=True, as_shown=False):
    """Recalculate PATH with LibreOffice; {sheet: rows of strings}, one CSV per sheet. With
    AS_SHOWN, each cell as its number format displays it, untouched."""
    profile = os.path.join(workdir, "lo-profile")
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w",
              encoding="utf-8") as fh:
        fh.write(LO_PROFILE_XCU)
    out = os.path.join(workdir, "lo-out")
    os.makedirs(out, exist_ok=True)
    # Filter options: comma, double quotes, UTF-8, from line 1, full precision rather than the
    # cell's display format, every sheet (-1) into its own file.
    opts = "44,34,76,1,,0,false,true,%s,false,false,-1" % ("true" if as_shown else "false")
    proc = subprocess.run(["soffice", "--headless", "--norestore",
                           "-env:UserInstallation=file://" + os.path.abspath(profile),
                           "--convert-to", "csv:Text - txt - csv (StarCalc):" + opts,
                           "--outdir", out, path],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise RuntimeError("soffice failed: " + proc.stderr.strip())
    # Without a Java runtime soffice says so on every start; that is about Java, not the file.
    noise = [l for l in proc.stderr.splitlines() if l.strip() and "javaldx" not in l]
    if noise and strict:
        raise RuntimeError("soffice complained: " + " | ".join(noise))
    stem = os.path.splitext(os.path.basename(path))[0]
    book = openpyxl.load_workbook(path, read_only=True)
    sheets = {}
    for title in book.sheetnames:
        f = os.path.join(out, "%s-%s.csv" % (stem, title))
        if not os.path.exists(f):
            raise RuntimeError("LibreOffice wrote no sheet %s" % title)
        with open(f, newline="", encoding="utf-8") as fh:
            sheets[title] = [[c if as_shown else lo_cell(c) for c in row]
                             for row in csv.reader(fh)]
    book.close()
    return sheets


def recalc(path, workdir, strict=True):
    """Recalculate PATH with the chosen engine; {sheet: rows of strings} from its CSV output.

    STRICT: any message from gnumeric fails (a copy saved by openpyxl loses its charts,
    which gnumeric reports, so changed copies are read with strict=False)."""
    if ENGINE == "libreoffice":
        return recalc_libreoffice(path, workdir, strict)
    pattern = os.path.join(workdir, "out_%s.csv")
    proc = subprocess.run(["ssconvert", "--recalc", "-S", "-T", "Gnumeric_stf:stf_assistant",
                           "-O", "format=raw separator=,", path, pattern],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise RuntimeError("ssconvert failed: " + proc.stderr.strip())
    # gnumeric does not read Excel tables (the Data sheet is one); it reads their cells and
    # says so in two lines, which are about gnumeric, not the file.
    text = proc.stderr.replace("Unexpected element 'tableParts' in state : \n\tworksheet", "")
    noise = [l for l in text.splitlines() if l.strip()]
    if noise and strict:
        raise RuntimeError("ssconvert complained: " + " | ".join(noise))
    book = openpyxl.load_workbook(path, read_only=True)
    sheets = {}
    for title in book.sheetnames:
        f = os.path.join(workdir, "out_%s.csv" % title)
        with open(f, newline="", encoding="utf-8") as fh:
            sheets[title] = list(csv.reader(fh))
    book.close()
    return sheets


def csv_value(sheets, sheet, row, col):
    rows = sheets.get(sheet, [])
    if row - 1 < len(rows) and col - 1 < len(rows[row - 1]):
        return rows[row - 1][col - 1]
    return ""


def flatten(obj, prefix, out):
    """JSON paths joined by '_' (business_case.years[*].net -> business_case_years_net)."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            flatten(v, prefix + "_" + k if prefix else k, out)
    elif isinstance(obj, list) and obj and all(isinstance(x, dict) for x in obj):
        keys = []
        for x in obj:
            for k in x:
                if k not in keys:
                    keys.append(k)
        for k in keys:
            out[prefix + "_" + k] = [x.get(k) for x in obj]
    else:
        out[prefix] = obj


# Contract outputs (MODEL.md) the JSON renderer may not print yet: a workbook name for one of
# them is compared when the engine's JSON has it, and only noted when it does not (each of
# their cells is still checked against the cached engine figure by `recalc`).
PENDING = re.compile(r"^(business_case_lines_.*|business_case_(unadjusted_)?mirr(_note)?|"
                     r"checks_leaning)$")


def engine_value(flat, name):
    """The engine's figure for a workbook name, in the workbook's unit; KeyError if none."""
    v = flat[name]
    if name.endswith("_optimistic"):
        # A flag column reads "optimistic" or stays empty.
        flags = v if isinstance(v, list) else [v]
        words = ["optimistic" if x else "" for x in flags]
        return words if isinstance(v, list) else words[0]
    scale = 0.01 if name.endswith("roi_percent") else 1.0
    if isinstance(v, list):
        return [x * scale if isinstance(x, (int, float)) and not isinstance(x, bool) else x
                for x in v]
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return v * scale
    return v


def compare_names(rep, wb, flat, sheets, label, skip=()):
    """Every named output of the workbook against the engine's JSON (but those starting with
    a prefix in SKIP)."""
    dests = name_destinations(wb)
    unmatched, pending = [], []
    for name, (sheet, c0, r0, c1, r1) in sorted(dests.items()):
        if sheet in ("Inputs", "Assumptions", "Checks") or name.startswith("answer_") or \
                name.startswith("_xlnm"):
            continue
        if skip and name.startswith(skip):
            continue
        try:
            want = engine_value(flat, name)
        except KeyError:
            if PENDING.match(name):
                pending.append(name)
            else:
                unmatched.append(name)
            continue
        cells = [(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]
        wants = want if isinstance(want, list) else [want]
        # A timeline runs to year 50 whatever the horizon: past the engine's years its
        # flows are 0 (its year headings go on counting and are not compared).
        if wants and all(isinstance(w, list) for w in wants):
            # a column of arrays (each line's values by year): row by row
            width = c1 - c0 + 1
            if any(len(w) > width for w in wants):
                rep.fail("%s: %s is %d columns wide, engine rows of %s values" %
                         (label, name, width, sorted(set(len(w) for w in wants))))
                continue
            wants = [x for w in wants for x in w + [0] * (width - len(w))]
        elif isinstance(want, list) and len(cells) > len(wants) and \
                (r0 == r1 or c0 == c1) and "years_" in name:
            if name.endswith("_year"):
                cells = cells[:len(wants)]
            else:
                wants = wants + [0] * (len(cells) - len(wants))
        if len(wants) != len(cells):
            rep.fail("%s: %s has %d cells, engine %d values" % (label, name, len(cells),
                                                                  len(wants)))
            continue
        ws = wb[sheet]
        for (r, c), w in zip(cells, wants):
            got = csv_value(sheets, sheet, r, c)
            money = is_money_format(ws.cell(row=r, column=c).number_format)
            rep.checked += 1
            if w is None:
                if got not in ("", "n/a"):
                    rep.fail("%s: %s = %r, engine null" % (label, name, got))
            elif isinstance(w, str):
                # the Summary words a leaning "In line" where the JSON says "in line"
                same = got.lower() == w.lower() if name.endswith("_leaning") else got == w
                if not same:
                    rep.fail("%s: %s = %r, engine %r" % (label, name, got, w))
            elif not agree(number(got), float(w), money):
                rep.fail("%s: %s = %r, engine %r" % (label, name, got, w))
    if unmatched:
        rep.fail("%s: names with no engine figure: %s" % (label, ", ".join(unmatched)))
    if pending:
        print("note: %s: not in the engine's JSON yet (checked against the cached figures "
              "only): %s" % (label, ", ".join(pending)))


# ---------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------

def check_decision_support(rep, wb, dests):
    """Chargeback sheet, platform recommendation and reasonableness checks, when present."""
    names = wb.sheetnames
    inputs = wb["Inputs"]
    ref_re = re.compile(r"^='?Inputs'?!\$([A-Z]+)\$(\d+)$")
    if "Chargeback" in names:
        ws = wb["Chargeback"]
        for n in ("chargeback_pool", "chargeback_basis", "chargeback_units_name",
                  "chargeback_units_models", "chargeback_units_share",
                  "chargeback_units_annual_charge"):
            rep.checked += 1
            if n not in dests or dests[n][0] != "Chargeback":
                rep.fail("Chargeback: defined name %s missing" % n)
        if all(n in dests for n in ("chargeback_units_models", "chargeback_units_share",
                                      "chargeback_units_annual_charge", "chargeback_pool")):
            _, mc, r0, _, r1 = dests["chargeback_units_models"]
            _, sc, _, _, _ = dests["chargeback_units_share"]
            _, cc, _, _, _ = dests["chargeback_units_annual_charge"]
            for r in range(r0, r1 + 1):
                rep.checked += 1
                # Each unit's models follow an editable (unlocked, named) input.
                m = ref_re.match(str(ws.cell(row=r, column=mc).value))
                if not m:
                    rep.fail("Chargeback!%s%d is not a reference to Inputs: %r" %
                             (openpyxl.utils.get_column_letter(mc), r,
                              ws.cell(row=r, column=mc).value))
                else:
                    cell = inputs[m.group(1) + m.group(2)]
                    if cell.protection.locked:
                        rep.fail("the models input %s of Chargeback row %d is locked" %
                                 (cell.coordinate, r))
                    named = inputs.cell(row=cell.row, column=6).value
                    if not named or not named.startswith(PREFIX) or \
                            named[len(PREFIX):] not in dests:
                        rep.fail("the models input %s has no defined name" % cell.coordinate)
                share = str(ws.cell(row=r, column=sc).value)
                if "SUM(" not in share or "ROWS(" not in share:
                    rep.fail("Chargeback share %d is not models / SUM(models) or 1 / ROWS: %r" %
                             (r, share))
                charge = str(ws.cell(row=r, column=cc).value)
                if not charge.startswith("=") or "*" not in charge:
                    rep.fail("Chargeback charge %d is not pool * share: %r" % (r, charge))
                if not is_money_format(ws.cell(row=r, column=cc).number_format):
                    rep.fail("Chargeback charge %d has no currency format" % r)
            total = str(ws.cell(row=r1 + 1, column=cc).value)
            rep.checked += 1
            if not total.startswith("=SUM("):
                rep.fail("Chargeback: no total under the charges (%r)" % total)
            pool = dests["chargeback_pool"]
            if not is_money_format(ws.cell(row=pool[2], column=pool[1]).number_format):
                rep.fail("Chargeback pool has no currency format")
        texts = [str(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
        rep.checked += 1
        if not any("to the cent" in t for t in texts):
            rep.fail("Chargeback: no note on the rounding of the printed statement")
    if "vendor_recommended" in dests:
        rep.checked += 1
        want = "TCO" if "TCO" in names else "Summary"
        if dests["vendor_recommended"][0] != want:
            rep.fail("platform recommendation on %s, not %s" % (dests["vendor_recommended"][0],
                                                                 want))
    if "checks_verdict" in dests:
        sheet, vc, r0, _, r1 = dests["checks_verdict"]
        ws = wb[sheet]
        rep.checked += 1
        if sheet != "Summary":
            rep.fail("reasonableness checks on %s, not Summary" % sheet)
        for r in range(r0, r1 + 1):
            v = str(ws.cell(row=r, column=vc).value)
            # against a range: a live formula; the engine's own verdicts: its words
            if not v.startswith("=IF(") and v not in ("impossible", "outside",
                                                      "not compared"):
                rep.fail("check verdict %s%d is neither a formula nor a verdict: %r" %
                         (openpyxl.utils.get_column_letter(vc), r, v))
        if not ws.conditional_formatting:
            rep.fail("flagged checks are not highlighted")


def check_lines(rep, wb, dests):
    """A scenario with business_case.lines: one row per line with live amounts, the yearly
    totals as sums of the line rows, the case's figures as formulas over them."""
    ws = wb["Business case lines"]
    for n in ("business_case_lines_name", "business_case_lines_values",
              "business_case_lines_adjusted", "business_case_lines_total",
              "business_case_lines_pv", "business_case_lines_risk"):
        rep.checked += 1
        if n not in dests or dests[n][0] != "Business case lines":
            rep.fail("Business case lines: defined name %s missing" % n)
    if "business_case_lines_values" not in dests:
        return
    _, c0, r0, c1, r1 = dests["business_case_lines_values"]
    _, a0, _, a1, _ = dests["business_case_lines_adjusted"]
    # every amount a formula over the line's inputs, which sit on the Inputs sheet
    for r in range(r0, r1 + 1):
        k = r - r0
        rep.checked += 1
        if line_input_cell(wb, dests, k, "risk", None) is None or \
                line_input_cell(wb, dests, k, "scale", None) is None:
            rep.fail("line %r has no risk or scale input on the Inputs sheet" %
                     ws.cell(row=r, column=1).value)
        for c in range(c0, c1 + 1):
            v = ws.cell(row=r, column=c)
            rep.checked += 1
            if not str(v.value).startswith("=IF("):
                rep.fail("line %r: amount %s is not a formula: %r" % (
                    ws.cell(row=r, column=1).value, v.coordinate, v.value))
        for c in range(a0, a1 + 1):
            rep.checked += 1
            if not str(ws.cell(row=r, column=c).value).startswith("="):
                rep.fail("risk-adjusted amount %s is not a formula" %
                         ws.cell(row=r, column=c).coordinate)
    # the yearly sums under the lines, and the Business case reading them
    for r in (r1 + 1, r1 + 2):
        for c in list(range(c0, c1 + 1)) + list(range(a0, a1 + 1)):
            rep.checked += 1
            if not str(ws.cell(row=r, column=c).value).startswith("=SUMIF("):
                rep.fail("yearly sum %s is not a SUMIF of the lines: %r" % (
                    ws.cell(row=r, column=c).coordinate, ws.cell(row=r, column=c).value))
    bc = wb["Business case"]
    for key in ("business_case_years_benefits", "business_case_years_costs"):
        if key not in dests:
            rep.fail("defined name %s missing" % key)
            continue
        _, col, b0, _, b1 = dests[key]
        for r in range(b0, b1 + 1):
            rep.checked += 1
            if "Business case lines" not in str(bc.cell(row=r, column=col).value):
                rep.fail("%s%d does not read the lines: %r" % (
                    openpyxl.utils.get_column_letter(col), r, bc.cell(row=r, column=col).value))
    formulas = [c.value for row in bc.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=")]
    # MIRR from its helper rows: Excel's MIRR() would count the years past the horizon
    rep.checked += 1
    if "business_case_mirr" not in dests:
        rep.fail("defined name business_case_mirr missing")
    else:
        _, mc, mr, _, _ = dests["business_case_mirr"]
        f = str(bc.cell(row=mr, column=mc).value)
        if not f.startswith("=") or "SUM(" not in f:
            rep.fail("MIRR is not a formula over its helper rows: %r" % f)


def cmd_structure(path, protected=False):
    rep = Report()
    wb = openpyxl.load_workbook(path)
    names = wb.sheetnames
    # One prefix on every name, so that pasting the sheets into another model collides with
    # none of its names (name, region, format...).
    for name, _ in defined_names(wb):
        rep.checked += 1
        if not name.startswith(PREFIX) and not name.startswith("_xlnm"):
            rep.fail("defined name %s lacks the prefix %s" % (name, PREFIX))
    for s in SHEETS_ALWAYS:
        rep.checked += 1
        if s not in names:
            rep.fail("sheet %s missing (have %s)" % (s, names))
    if names and names[0] != "Summary":
        rep.fail("the first sheet is %s, not Summary" % names[0])
    dests = name_destinations(wb)
    for n in REQUIRED_INPUT_NAMES:
        rep.checked += 1
        if n not in dests:
            rep.fail("defined name %s missing" % n)
        elif dests[n][0] != "Inputs":
            rep.fail("defined name %s points at %s, not Inputs" % (n, dests[n][0]))

    inputs = wb["Inputs"]
    # Inputs: one row per input, key/value/unit/source/name, blue input cells unlocked.
    heads = [inputs.cell(row=4, column=c).value for c in range(1, 7)]
    rep.checked += 1
    if heads != ["Key", "Input", "Value", "Unit", "Source", "Defined name"]:
        rep.fail("Inputs header row is %r" % heads)
    with_lines = "Business case lines" in names
    for n, live_sheet in REQUIRED_INPUT_NAMES.items():
        if n not in dests or live_sheet not in names:
            continue
        if with_lines and n == "annual_cost":
            continue   # refused beside business_case.lines: fixed, not an input
        _, c0, r0, _, _ = dests[n]
        cell = inputs.cell(row=r0, column=c0)
        rep.checked += 1
        if cell.protection.locked:
            rep.fail("input %s (%s) is locked" % (n, cell.coordinate))
        color = cell.font.color.rgb if cell.font and cell.font.color else None
        if not color or not str(color).upper().endswith("0000FF"):
            rep.fail("input %s is not blue (font %r)" % (n, color))
        fill = cell.fill.fgColor.rgb if cell.fill and cell.fill.fgColor else None
        if not fill or str(fill).upper().endswith("000000"):
            rep.fail("input %s has no light fill (%r)" % (n, fill))
        if inputs.cell(row=r0, column=6).value != PREFIX + n:
            rep.fail("Inputs row %d names %r, not %s" % (r0, inputs.cell(row=r0, column=6).value,
                                                          n))
    if "discount_rate" in dests:
        _, c0, r0, _, _ = dests["discount_rate"]
        rep.checked += 1
        if "%" not in inputs.cell(row=r0, column=c0).number_format:
            rep.fail("discount_rate is not formatted as a percentage")
    if "avg_salary" in dests:
        _, c0, r0, _, _ = dests["avg_salary"]
        rep.checked += 1
        if not is_money_format(inputs.cell(row=r0, column=c0).number_format):
            rep.fail("avg_salary has no currency format: %r" %
                     inputs.cell(row=r0, column=c0).number_format)

    # Validations: fractions 0..1, counts whole numbers.
    dv_cells = {}
    for dv in inputs.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in range(rng.min_row, rng.max_row + 1):
                dv_cells[(row, rng.min_col)] = dv
    for n, kind in (("incident_reduction", "decimal"), ("team_size", "decimal"),
                    ("discount_rate", "decimal"), ("data_scientists", "whole")):
        if n not in dests:
            continue
        _, c0, r0, _, _ = dests[n]
        if inputs.cell(row=r0, column=c0).protection.locked:
            continue   # fixed in this workbook (its module is absent): nothing to validate
        dv = dv_cells.get((r0, c0))
        rep.checked += 1
        if dv is None:
            rep.fail("input %s has no data validation" % n)
        elif dv.type != kind:
            rep.fail("input %s validates as %s, not %s" % (n, dv.type, kind))
    if "incident_reduction" in dests:
        _, c0, r0, _, _ = dests["incident_reduction"]
        dv = dv_cells.get((r0, c0))
        if dv is not None and (float(dv.formula1) != 0 or float(dv.formula2) != 1):
            rep.fail("incident_reduction validates %s..%s, not 0..1" % (dv.formula1,
                                                                        dv.formula2))

    # Open sheets (rows can be added), or with --protect protection without a password on
    # every sheet; frozen header rows; landscape, fit width.
    for ws in wb.worksheets:
        rep.checked += 1
        if protected and not ws.protection.sheet:
            rep.fail("sheet %s is not protected" % ws.title)
        if not protected and ws.protection.sheet:
            rep.fail("sheet %s is protected without --protect" % ws.title)
        if ws.protection.password:
            rep.fail("sheet %s has a password" % ws.title)
        if ws.title != "Summary" and not ws.freeze_panes:
            rep.fail("sheet %s has no frozen header" % ws.title)
        if ws.page_setup.orientation != "landscape":
            rep.fail("sheet %s is not landscape" % ws.title)
        if not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage:
            rep.fail("sheet %s does not fit to the page" % ws.title)
        if ws.page_setup.fitToWidth not in (None, 1, "1"):
            rep.fail("sheet %s fits to %r pages wide" % (ws.title, ws.page_setup.fitToWidth))
        if ws.merged_cells.ranges:
            rep.fail("sheet %s has merged cells" % ws.title)

    # Every formula cell locked; the Summary and TCO carry charts.
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    if ws.title != "Inputs" and not cell.protection.locked:
                        rep.fail("formula %s!%s is unlocked" % (ws.title, cell.coordinate))
    for sheet in ("Summary", "TCO"):
        if sheet in names and (sheet != "Summary" or "Business case" in names):
            rep.checked += 1
            if not wb[sheet]._charts:
                rep.fail("sheet %s has no chart" % sheet)
    for sheet in ("Sensitivity", "Monte Carlo"):
        if sheet in names:
            rep.checked += 1
            if not wb[sheet]._charts:
                rep.fail("sheet %s has no chart" % sheet)

    if "Maturity" in names:
        ws = wb["Maturity"]
        rep.checked += 1
        # the answers are inputs on the Inputs sheet, each named and YES/NO-validated
        for qid in ("experiment_tracking", "regulatory_alignment"):
            n = "answer_" + qid
            if n not in dests or dests[n][0] != "Inputs":
                rep.fail("the answer %s is not an input of the Inputs sheet" % qid)
            elif (dests[n][2], dests[n][1]) not in dv_cells or \
                    dv_cells[(dests[n][2], dests[n][1])].type != "list":
                rep.fail("the answer %s has no YES/NO validation" % qid)
        formulas = [c.value for row in ws.iter_rows() for c in row
                    if isinstance(c.value, str) and c.value.startswith("=")]
        if not any("COUNTIF(" in f for f in formulas):
            rep.fail("Maturity score is not a COUNTIF formula")
    if "Business case" in names:
        formulas = [c.value for row in wb["Business case"].iter_rows() for c in row
                    if isinstance(c.value, str) and c.value.startswith("=")]
        rep.checked += 1
        if not any("NPV(" in f for f in formulas):
            rep.fail("Business case has no NPV() formula")
        if not any("IRR(" in f for f in formulas):
            rep.fail("Business case has no IRR() formula")

    check_decision_support(rep, wb, dests)
    if with_lines:
        check_lines(rep, wb, dests)

    data = wb["Data"]
    rep.checked += 1
    heads = [data.cell(row=1, column=c).value for c in range(1, 6)]
    if heads != ["section", "item", "year", "value", "unit"]:
        rep.fail("Data header row is %r" % heads)
    if data.max_row < 2:
        rep.fail("Data sheet has only %d rows" % data.max_row)
    # An Excel table finance can import, whose amounts carry no float noise: money to the
    # cent, other figures to ten significant digits.
    rep.checked += 1
    if len(data.tables) != 1:
        rep.fail("the Data sheet holds %d tables, not one" % len(data.tables))
    else:
        table = list(data.tables.values())[0]
        ref = table.ref if hasattr(table, "ref") else table
        if not str(ref).startswith("A1:E"):
            rep.fail("the Data table covers %s, not the five columns" % ref)
    for r in range(2, data.max_row + 1):
        v, unit = data.cell(row=r, column=4).value, data.cell(row=r, column=5).value
        if not isinstance(v, (int, float)) or isinstance(v, bool) or v == 0:
            continue
        rep.checked += 1
        if unit and len(unit) == 3 and unit.isupper():
            if abs(v * 100 - round(v * 100)) > 1e-6 * max(1, abs(v * 100)):
                rep.fail("Data row %d: %r %s is not rounded to the cent" % (r, v, unit))
        elif float("%.10g" % v) != v:
            rep.fail("Data row %d: %r carries more than ten significant digits" % (r, v))
    return rep.done("structure")


# A formula's parts that hold digits without being numbers: strings, quoted sheet names,
# names and functions (mlroi_chargeback_units_3_models, LOG10), cell references (AB$12).
STRING_RE = re.compile(r'"(?:[^"]|"")*"')
SHEET_RE = re.compile(r"'(?:[^']|'')*'!")
CELL_RE = re.compile(r"(?<![A-Za-z0-9_.])(\$?)([A-Z]{1,3})(\$?)([0-9]+)(?![A-Za-z0-9_(])")
WORD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
NUMBER_RE = re.compile(r"(?<![A-Za-z0-9_.])[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?")
ALLOWED_LITERALS = set(float(k) for k in range(13)) | {100.0}


def literals(formula):
    """The numeric literals of a formula."""
    f = STRING_RE.sub('""', formula)
    f = SHEET_RE.sub("", f)
    f = CELL_RE.sub(" ", f)
    f = WORD_RE.sub(" ", f)
    return [float(m.group(0)) for m in NUMBER_RE.finditer(f)]


def r1c1(formula, row, col):
    """The formula in R1C1 form from the cell (ROW, COL): the same text for every cell of a
    row (or column) that computes the same thing."""
    f = STRING_RE.split(formula)
    strings = STRING_RE.findall(formula)

    def one(m):
        c = openpyxl.utils.column_index_from_string(m.group(2))
        r = int(m.group(4))
        rr = "R%d" % r if m.group(3) else "R[%d]" % (r - row)
        cc = "C%d" % c if m.group(1) else "C[%d]" % (c - col)
        return rr + cc
    out = []
    for i, part in enumerate(f):
        out.append(CELL_RE.sub(one, part))
        if i < len(strings):
            out.append(strings[i])
    return "".join(out)


def is_input_style(cell):
    color = cell.font.color.rgb if cell.font and cell.font.color else None
    return bool(color) and isinstance(color, str) and color.upper().endswith("0000FF")


# Sheets whose yearly rows (or columns) are timelines: every formula along one is the same.
TIMELINE_SHEETS = ("Business case", "Business case lines", "TCO", "Chargeback")


def cmd_standard(path):
    """The modelling standard (FAST, ICAEW code): no numeric literal in a formula but 0-12 and
    100 (every other figure is a named cell with its source), no formula in an input-styled
    cell, one formula along each timeline (the same R1C1 form from its first year on), and
    the master check TRUE once recalculated."""
    rep = Report()
    wb = openpyxl.load_workbook(path)
    dests = name_destinations(wb)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if not (isinstance(v, str) and v.startswith("=")):
                    continue
                rep.checked += 1
                bad = [x for x in literals(v[1:]) if x not in ALLOWED_LITERALS]
                if bad:
                    rep.fail("%s!%s: constant %s in %s" % (ws.title, cell.coordinate,
                                                           ", ".join("%g" % x for x in bad), v))
                rep.checked += 1
                if is_input_style(cell):
                    rep.fail("%s!%s: a formula in an input cell: %s" % (ws.title,
                                                                       cell.coordinate, v))
    for name, (sheet, c0, r0, c1, r1) in sorted(dests.items()):
        # a yearly figure laid out across the columns (Initial, Year 1 ... Year N)
        if sheet not in TIMELINE_SHEETS or r0 != r1 or c1 == c0 or "years_" not in name:
            continue
        ws = wb[sheet]
        cells = [ws.cell(row=r, column=c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]
        forms = [r1c1(x.value, x.row, x.column) for x in cells[1:]
                 if isinstance(x.value, str) and x.value.startswith("=")]
        rep.checked += 1
        if len(set(forms)) > 1:
            rep.fail("%s: %s (%s) has %d different formulas along its years: %s" %
                     (sheet, name, openpyxl.utils.get_column_letter(c0) + str(r0),
                      len(set(forms)), " | ".join(sorted(set(forms))[:3])))
    for name in ("business_case_lines_values", "business_case_lines_adjusted"):
        if name not in dests:
            continue
        sheet, c0, r0, c1, r1 = dests[name]
        ws = wb[sheet]
        for r in range(r0, r1 + 1):
            forms = set(r1c1(ws.cell(row=r, column=c).value, r, c) for c in range(c0 + 1, c1 + 1)
                        if str(ws.cell(row=r, column=c).value).startswith("="))
            rep.checked += 1
            if len(forms) > 1:
                rep.fail("%s row %d: %d different formulas along the years: %s" %
                         (name, r, len(forms), " | ".join(sorted(forms)[:2])))
    rep.checked += 1
    if "master_check" not in dests:
        rep.fail("no defined name mlroi_master_check")
    else:
        work = tempfile.mkdtemp(prefix="mlroi-xlsx-")
        try:
            sheets = recalc(path, work)
            sheet, c0, r0, _, _ = dests["master_check"]
            got = csv_value(sheets, sheet, r0, c0)
            if got.upper() != "TRUE":
                rep.fail("the master check is %r, not TRUE" % got)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return rep.done("standard %s" % os.path.basename(path))


def formula_cells(path):
    """[(sheet, row, col, formula, cached value, number format)] of every formula cell."""
    wf = openpyxl.load_workbook(path)
    wv = openpyxl.load_workbook(path, data_only=True)
    out = []
    for ws in wf.worksheets:
        vs = wv[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    out.append((ws.title, cell.row, cell.column, cell.value,
                                vs.cell(row=cell.row, column=cell.column).value,
                                cell.number_format))
    return out, wf


def cmd_recalc(path, engine_json):
    rep = Report()
    with open(engine_json, encoding="utf-8") as fh:
        flat = {}
        flatten(json.load(fh), "", flat)
    work = tempfile.mkdtemp(prefix="mlroi-xlsx-")
    try:
        sheets = recalc(path, work)
        cells, wb = formula_cells(path)
        for sheet, r, c, formula, cached, fmt in cells:
            got = csv_value(sheets, sheet, r, c)
            rep.checked += 1
            cn = number(cached)
            if cn is not None:
                gn = number(got)
                if not agree(gn, cn, is_money_format(fmt)):
                    rep.fail("%s!%s%d %s: %s %r, cached %r" %
                             (sheet, openpyxl.utils.get_column_letter(c), r, formula, ENGINE,
                              got, cached))
            elif text_of(cached) != got:
                rep.fail("%s!%s%d %s: %s %r, cached %r" %
                         (sheet, openpyxl.utils.get_column_letter(c), r, formula, ENGINE, got,
                          cached))
        if len(cells) < 10:
            rep.fail("only %d formula cells" % len(cells))
        compare_names(rep, wb, flat, sheets, "recalc")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rep.done("recalc (%s) %s" % (ENGINE, os.path.basename(path)))


def parse_value(text):
    if text in ("YES", "NO", ""):
        return text
    if text in ("TRUE", "FALSE"):
        return text == "TRUE"
    try:
        return float(text)
    except ValueError:
        return text


# line[K].FIELD or line[K].values[T]: an input of the K-th business-case line (from 0), as
# `--set business_case.lines[K].FIELD` names it for the engine.
LINE_INPUT = re.compile(r"^line\[(\d+)\]\.(amount|annual|risk|escalation|start|end|year|scale|"
                        r"values|ramp)"
                        r"(?:\[(\d+)\])?$")


def line_input_cell(wb, dests, k, field, index):
    """The cell of an input of line K: its row on the Inputs sheet, found by its key
    business_case.lines[K].FIELD (amount finds the amount or the yearly amount), or None."""
    inputs = wb["Inputs"]
    fields = ("amount", "annual") if field in ("amount", "annual") else (field,)
    keys = ["business_case.lines[%d].%s%s" % (k, f, "[%s]" % index if index is not None else "")
            for f in fields]
    for row in range(1, inputs.max_row + 1):
        if inputs.cell(row=row, column=1).value in keys:
            return inputs.cell(row=row, column=3)
    return None


def cmd_change(path, engine_json, changes):
    rep = Report()
    # -PREFIX: names that start with PREFIX are not compared (a change that adds a check
    # adds a row the workbook was not laid out for)
    skip = tuple(c[1:] for c in changes if c.startswith("-"))
    changes = [c for c in changes if not c.startswith("-")]
    with open(engine_json, encoding="utf-8") as fh:
        flat = {}
        flatten(json.load(fh), "", flat)
    work = tempfile.mkdtemp(prefix="mlroi-xlsx-")
    try:
        wb = openpyxl.load_workbook(path)
        dests = name_destinations(wb)
        for ch in changes:
            name, _, value = ch.partition("=")
            m = LINE_INPUT.match(name)
            if m:
                cell = line_input_cell(wb, dests, int(m.group(1)), m.group(2), m.group(3))
                if cell is None:
                    rep.fail("no input %s on the Inputs sheet" % name)
                    continue
            elif name not in dests:
                rep.fail("no defined name %s" % name)
                continue
            else:
                sheet, c0, r0, _, _ = dests[name]
                cell = wb[sheet].cell(row=r0, column=c0)
            if cell.protection.locked:
                rep.fail("input %s is locked" % name)
            v = parse_value(value)
            cell.value = None if v == "" else v
        changed = os.path.join(work, "changed.xlsx")
        wb.save(changed)
        sheets = recalc(changed, work, strict=False)
        compare_names(rep, openpyxl.load_workbook(changed), flat, sheets,
                      "change " + " ".join(changes), skip)
        # the model still checks itself once an input changed
        if "master_check" in dests:
            rep.checked += 1
            sheet, c0, r0, _, _ = dests["master_check"]
            got = csv_value(sheets, sheet, r0, c0)
            if got.upper() != "TRUE":
                rep.fail("change %s: the master check is %r" % (" ".join(changes), got))
        # and says its static sheets (tornado, Monte Carlo, roadmap) are now stale
        if "static_current" in dests and changes:
            rep.checked += 1
            sheet, c0, r0, _, _ = dests["static_current"]
            got = csv_value(sheets, sheet, r0, c0)
            if got.upper() != "FALSE":
                rep.fail("change %s: the static sheets still read current (%r)" %
                         (" ".join(changes), got))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rep.done("change %s" % " ".join(changes))


def cmd_expect(path, pairs):
    rep = Report()
    work = tempfile.mkdtemp(prefix="mlroi-xlsx-")
    try:
        sheets = recalc(path, work)
        wb = openpyxl.load_workbook(path)
        dests = name_destinations(wb)
        for pair in pairs:
            name, _, value = pair.partition("=")
            rep.checked += 1
            m = re.match(r"^(\w+)\[(\d+)\]$", name)   # NAME[i]: the i-th cell of a column
            index = int(m.group(2)) if m else 0
            if m:
                name = m.group(1)
            if name not in dests:
                rep.fail("no defined name %s" % name)
                continue
            sheet, c0, r0, c1, r1 = dests[name]
            # a column counts down its rows, a timeline row across its columns
            across = r0 == r1 and c1 > c0
            if (c0 if across else r0) + index > (c1 if across else r1):
                rep.fail("%s has no cell %d" % (name, index))
                continue
            got = csv_value(sheets, sheet, r0 + (0 if across else index),
                            c0 + (index if across else 0))
            want = parse_value(value)
            if isinstance(want, float):
                ok = agree(number(got), want, False)
            else:
                ok = got == value
            if not ok:
                rep.fail("%s = %r, expected %s" % (name, got, value))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rep.done("expect %s" % os.path.basename(path))


def cmd_shown(path, pairs):
    """LibreOffice displays, in the cell right of the row labelled LABEL on SHEET, TEXT: what a
    reader sees, number format included (pairs SHEET|LABEL=TEXT)."""
    rep = Report()
    work = tempfile.mkdtemp(prefix="mlroi-xlsx-")
    try:
        sheets = recalc_libreoffice(path, work, as_shown=True)
        for pair in pairs:
            where, _, want = pair.partition("=")
            sheet, _, label = where.partition("|")
            rep.checked += 1
            rows = [r for r in sheets.get(sheet, []) if r and r[0] == label]
            if not rows:
                rep.fail("no row %r on sheet %s" % (label, sheet))
            elif len(rows[0]) < 2 or rows[0][1] != want:
                rep.fail("%s: %s shows %r, expected %r"
                         % (sheet, label, rows[0][1] if len(rows[0]) > 1 else "", want))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rep.done("shown %s" % os.path.basename(path))


def cmd_risk(path, mc_json, sens_json=None):
    """What drives NPV and what knowing an input is worth, as the workbook shows them (static
    numbers) against the engine's JSON from the same run."""
    rep = Report()
    with open(mc_json) as fp:
        eng = json.load(fp)
    ws = openpyxl.load_workbook(path)["Monte Carlo"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]

    def table(heads):
        """{column A: row} of the rows under the heading row that starts with HEADS."""
        for i, r in enumerate(rows):
            if list(r[:len(heads)]) == heads:
                out = {}
                for r2 in rows[i + 1:]:
                    if not r2 or r2[0] is None:
                        break
                    out[r2[0]] = r2
                return out
        rep.fail("no table headed %r on the Monte Carlo sheet" % heads)
        return {}

    def same(what, got, want):
        rep.checked += 1
        if not isinstance(got, (int, float)) or not agree(float(got), float(want), False):
            rep.fail("%s = %r, engine says %r" % (what, got, want))

    voi = eng.get("value_of_information")
    if sens_json:
        with open(sens_json) as fp:
            eng = json.load(fp)
    sens = eng.get("sensitivity")
    if not sens or not voi:
        rep.fail("%s has no sensitivity or value_of_information" % mc_json)
        return rep.done("risk %s" % os.path.basename(path))
    t = table(["Input", "Label", "Contribution to variance", "First-order index"])
    rep.checked += 1
    if len(t) != len(sens["inputs"]):
        rep.fail("variance decomposition has %d rows, the engine %d inputs"
                 % (len(t), len(sens["inputs"])))
    for e in sens["inputs"]:
        r = t.get(e["path"])
        if r is None:
            rep.fail("no variance decomposition row for %s" % e["path"])
            continue
        same(e["path"] + " contribution_to_variance", r[2], e["contribution_to_variance"])
        same(e["path"] + " first_order", r[3], e["first_order"])
        same(e["path"] + " first_order_ci[0]", r[4], e["first_order_ci"][0])
        same(e["path"] + " first_order_ci[1]", r[5], e["first_order_ci"][1])
        same(e["path"] + " total", r[6], e["total"])
        same(e["path"] + " total_ci[0]", r[7], e["total_ci"][0])
        same(e["path"] + " total_ci[1]", r[8], e["total_ci"][1])
    evpi = [r for r in rows if r and r[0] == "Knowing every input exactly (EVPI)"]
    rep.checked += 1
    if not evpi:
        rep.fail("no EVPI row")
    else:
        same("evpi", evpi[0][2], voi["evpi"])
    t = table(["Input", "Label", "EVPPI"])
    rep.checked += 1
    if len(t) != len(voi["inputs"]):
        rep.fail("EVPPI table has %d rows, the engine %d inputs" % (len(t), len(voi["inputs"])))
    for e in voi["inputs"]:
        r = t.get(e["path"])
        if r is None:
            rep.fail("no EVPPI row for %s" % e["path"])
        else:
            same(e["path"] + " evppi", r[2], e["evppi"])
    rep.checked += 1
    if not any(r and r[0] == voi["sentence"] for r in rows):
        rep.fail("the sheet does not say %r" % voi["sentence"])
    rep.checked += 1
    if not any(r and isinstance(r[0], str) and r[0].startswith("Simulation results")
               and "static numbers" in r[0] for r in rows):
        rep.fail("no note that the figures are static simulation results")
    return rep.done("risk %s" % os.path.basename(path))


# The Summary's labels as a French or German finance controller writes them, by hand (not
# read from the language files, which are what is under test), and English ones that must
# not be left on a translated Summary (words both languages share, such as "Description" in
# French, are not listed).
SUMMARY_LABELS = {
    "fr": ["Scénario", "Devise", "Chiffres clés", "Valeur", "Provenance", "VAN ajustée du risque",
           "TRI", "TRIM", "Délai de récupération (mois)", "Délai de récupération actualisé (mois)",
           "Contrôle de vraisemblance"],
    "de": ["Szenario", "Währung", "Kennzahlen im Überblick", "Wert", "Herkunft",
           "Kapitalwert, risikobereinigt", "IZF", "MIZF", "Amortisationsdauer (Monate)",
           "Dynamische Amortisationsdauer (Monate)", "Plausibilitätsprüfung"],
}
SUMMARY_ENGLISH = ["Scenario", "Currency", "Report date", "Written by",
                   "Headline figures", "Value", "Where it comes from", "NPV, risk-adjusted",
                   "IRR", "Payback (months)", "Discounted payback (months)", "NPV, unadjusted",
                   "Model checks: every check of the Checks sheet holds",
                   "Static sheets current (inputs as at generation)", "Reasonableness check",
                   "Benchmark", "Leaning", "Cumulative cash flow, risk-adjusted"]


def check_format(rep, sheet, cell, other):
    """A translated amount shows its symbol after the figure and a no-break space
    ('#,##0"\u00a0€"'), a percentage its sign after a no-break space; the English workbook
    puts the symbol first ('"€"#,##0')."""
    english, local = cell.number_format, other.number_format
    m = re.match(r'^"([^"]+)"#,##0(\.00)?;', english)
    if m:
        want = '#,##0%s"\u00a0%s";[Red]-#,##0%s"\u00a0%s"' % (m.group(2) or "", m.group(1),
                                                             m.group(2) or "", m.group(1))
    elif english == "0.0%":
        want = '0.0"\u00a0"%'
    else:
        return
    rep.checked += 1
    if local != want:
        rep.fail("%s!%s is formatted %r, expected %r" % (sheet, cell.coordinate, local, want))


def cmd_lang(english, path, lang):
    rep = Report()
    we = openpyxl.load_workbook(english)
    wl = openpyxl.load_workbook(path)
    rep.checked += 1
    if we.sheetnames != wl.sheetnames:
        rep.fail("sheets %r, in English %r" % (wl.sheetnames, we.sheetnames))
    rep.checked += 1
    if sorted(defined_names(we)) != sorted(defined_names(wl)):
        rep.fail("the defined names differ from the English workbook's")
    translated = 0
    for ws in we.worksheets:
        if ws.title not in wl.sheetnames:
            continue
        other = wl[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                w = other.cell(row=cell.row, column=cell.column).value
                formula = isinstance(v, str) and v.startswith("=")
                if formula or isinstance(v, (int, float)) or v is None:
                    rep.checked += 1
                    if v != w:
                        rep.fail("%s!%s is %r, in English %r" % (ws.title, cell.coordinate, w, v))
                    if v is not None:
                        check_format(rep, ws.title, cell, other.cell(row=cell.row,
                                                                     column=cell.column))
                elif v != w:
                    translated += 1
                    # An amount in a text reads "22 500 €" in French and German, never "€22,500".
                    rep.checked += 1
                    if isinstance(w, str) and re.search(r"[$€£][0-9]", w):
                        rep.fail("%s!%s writes an amount the English way: %r" %
                                 (ws.title, cell.coordinate, w))
    rep.checked += 1
    if translated < 100:
        rep.fail("only %d texts differ from the English workbook" % translated)
    summary = wl["Summary"]
    texts = set(str(c.value) for row in summary.iter_rows() for c in row
                if isinstance(c.value, str) and not c.value.startswith("="))
    for want in SUMMARY_LABELS[lang]:
        rep.checked += 1
        if want not in texts:
            rep.fail("Summary: no label %r" % want)
    for english_label in SUMMARY_ENGLISH:
        rep.checked += 1
        if english_label in texts:
            rep.fail("Summary: the English label %r is left" % english_label)
    for chart in summary._charts:
        rep.checked += 1
        title = "".join(r.t for p in chart.title.tx.rich.p for r in (p.r or [])) \
            if chart.title and chart.title.tx and chart.title.tx.rich else ""
        if title in SUMMARY_ENGLISH:
            rep.fail("Summary: the chart's title %r is English" % title)
    return rep.done("lang %s %s" % (lang, os.path.basename(path)))


def main(argv):
    global ENGINE
    if len(argv) >= 3 and argv[1] == "--engine":
        if argv[2] not in ("gnumeric", "libreoffice"):
            sys.stderr.write("unknown engine %s\n" % argv[2])
            return 2
        ENGINE = argv[2]
        argv = argv[:1] + argv[3:]
    if len(argv) == 3 and argv[1] == "standard":
        return cmd_standard(argv[2])
    if len(argv) >= 3 and argv[1] == "structure":
        return cmd_structure(argv[2], "--protected" in argv[3:])
    if len(argv) == 4 and argv[1] == "recalc":
        return cmd_recalc(argv[2], argv[3])
    if len(argv) >= 4 and argv[1] == "expect":
        return cmd_expect(argv[2], argv[3:])
    if len(argv) in (4, 5) and argv[1] == "risk":
        return cmd_risk(*argv[2:])
    if len(argv) == 5 and argv[1] == "lang" and argv[4] in SUMMARY_LABELS:
        return cmd_lang(argv[2], argv[3], argv[4])
    if len(argv) >= 4 and argv[1] == "shown":
        return cmd_shown(argv[2], argv[3:])
    if len(argv) >= 5 and argv[1] == "change":
        return cmd_change(argv[2], argv[3], argv[4:])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
