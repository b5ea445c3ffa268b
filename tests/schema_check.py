#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Checks src/data/mlroi.schema.json against the shipped scenarios, the bad-input table and
# the loader itself. Usage: /usr/bin/python3 tests/schema_check.py path/to/mlroi
"""Agreement between the JSON Schema and the scenario loader.

1. Every shipped scenario carries "$schema" and validates against the schema.
2. The bad-input table (tests/bad/expected.tsv): every case is classified below. A case the
   schema can express must be rejected by it; a case it cannot express must be accepted by
   it (so the list stays honest); a file that is not JSON at all must not parse. A new case
   that is in no list fails this test until someone decides where it belongs.
3. The keys `mlroi params` lists (the loader's table) are the schema's scalar keys.
4. Good variants the loader accepts (`mlroi init` profiles, a file that extends another,
   every distribution kind) are accepted by the schema; business-case lines of every shape
   (each way of giving amounts, the keys that go with it, legacy keys beside lines, a figure
   whose section is absent) and fx rates are judged alike by both.
5. Boundary probes: for every numeric key, enum and object of the schema, values just inside
   and just outside its range are given to `mlroi validate --set` and to the schema, and the
   two verdicts must be the same. A line's keys are probed on a line of the kind they belong
   to (annual, amount, values, from).
"""
import copy
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCHEMA_PATH = os.path.join(ROOT, "src", "data", "mlroi.schema.json")

# Files that are not JSON a schema could see: the parser stops first.
NOT_JSON = {
    "empty": "no value at all",
    "whitespace-only": "no value at all",
    "syntax-missing-comma": "malformed JSON",
    "syntax-trailing-garbage": "malformed JSON",
    "syntax-truncated": "malformed JSON",
    "invalid-utf8": "not UTF-8 text",
    "nul-byte": "a raw control character inside a string",
}

# Problems a JSON Schema cannot express: the schema accepts these files, the loader does not.
LOADER_ONLY = {
    # A parsed JSON object keeps one value per key; the duplicate is gone before validation.
    "duplicate-key": "duplicate keys",
    # uniqueItems compares whole records; "unique by name" needs code.
    "chargeback-duplicate-unit": "names unique within an array",
    # A sum over the records of an array.
    "chargeback-zero-models": "a sum across records",
    # The file named by "extends" is outside the document.
    "extends-missing": "a file that does not exist",
    "extends-self": "a cycle of files",
    "extends-not-json": "what the file named by extends holds",
    "extends-foreign-keys": "what the file named by extends holds",
    "extends-dev-stdin": "the kind of file extends names",
    "extends-device": "the kind of file extends names",
    # One field compared with two others of the same object.
    "uncertainty-mode-outside": "mode between min and max",
    # The catalog ids are data (the benchmarks file plus tco.catalog), not a fixed list.
    "workload-unknown-instance": "catalog ids known at run time",
    # A line's name must be unique in the case: uniqueItems compares whole records.
    "lines-duplicate-name": "names unique within an array",
    # A schema cannot compare one key's value with another's (values and year against
    # horizon_years, start against end).
    "lines-values-too-long": "an array's length against another key",
    "lines-year-outside": "a value against another key",
    "lines-start-after-horizon": "a value against another key",
    "lines-start-after-end": "a value against another key",
}


def die(msg):
    print("schema_check: " + msg, file=sys.stderr)
    sys.exit(1)


class Checker:
    def __init__(self, binary):
        self.binary = binary
        self.passed = 0
        self.failed = 0
        with open(SCHEMA_PATH, encoding="utf-8") as f:
            self.schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(self.schema)
        self.validator = jsonschema.Draft202012Validator(self.schema)
        self.tmp = tempfile.mkdtemp(prefix="mlroi-schema-")

    def ok(self):
        self.passed += 1

    def ko(self, msg):
        self.failed += 1
        print("FAIL: " + msg, file=sys.stderr)

    def schema_errors(self, doc):
        return list(self.validator.iter_errors(doc))

    def loader_accepts(self, path, sets=(), command="validate"):
        args = [self.binary, command, path]
        for s in sets:
            args += ["--set", s]
        if command == "montecarlo":
            args += ["--samples", "64", "--threads", "1"]
        p = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if p.returncode not in (0, 2):
            self.ko("%s: exit %d (expected 0 or 2): %s" % (" ".join(args[1:]), p.returncode,
                                                        p.stderr.strip()))
        return p.returncode == 0, p.stderr.strip()

    def write(self, name, doc):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=1)
        return path


def error_path(err):
    """A schema error's location in the loader's notation: roi.avg_salary, units[1].name."""
    out = ""
    for part in err.absolute_path:
        if isinstance(part, int):
            out += "[%d]" % part
        else:
            out += ("." if out else "") + part
    return out


def loader_path(message):
    """The key path of a loader message 'mlroi: FILE:L:C: PATH: text', or None."""
    parts = message.split(": ")
    if len(parts) < 4:
        return None
    cand = parts[2]
    if cand and all(c.isalnum() or c in "_.$[]" for c in cand):
        return cand
    return None


def check_shipped(ck):
    names = sorted(n for n in os.listdir(os.path.join(ROOT, "scenarios")) if n.endswith(".json"))
    if not names:
        ck.ko("no shipped scenarios found")
    for n in names:
        path = os.path.join(ROOT, "scenarios", n)
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        # "$schema" leads an editor from the scenario's folder to the schema.
        ref = doc.get("$schema")
        if not isinstance(ref, str) or \
                os.path.normpath(os.path.join(ROOT, "scenarios", ref)) != SCHEMA_PATH:
            ck.ko("scenarios/%s: \"$schema\" does not lead to src/data/mlroi.schema.json" % n)
        else:
            ck.ok()
        errs = ck.schema_errors(doc)
        if errs:
            ck.ko("scenarios/%s: rejected by the schema at %s: %s" %
                  (n, error_path(errs[0]) or "the top", errs[0].message))
        else:
            ck.ok()


def check_bad_table(ck):
    bad = os.path.join(ROOT, "tests", "bad")
    seen = set()
    with open(os.path.join(bad, "expected.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f
                if line.strip() and not line.startswith("#")]
    for row in rows:
        name, message = row[0], row[2] if len(row) > 2 else ""
        seen.add(name)
        with open(os.path.join(bad, name + ".json"), "rb") as f:
            raw = f.read()
        try:
            doc = json.loads(raw.decode("utf-8"))
            parsed = True
        except (UnicodeDecodeError, ValueError):
            parsed = False
        if name in NOT_JSON:
            if parsed:
                ck.ko("bad/%s is listed as not JSON, yet it parses" % name)
            else:
                ck.ok()
            continue
        if not parsed:
            ck.ko("bad/%s does not parse as JSON: add it to NOT_JSON" % name)
            continue
        errs = ck.schema_errors(doc)
        if name in LOADER_ONLY:
            if errs:
                ck.ko("bad/%s is listed as beyond a schema (%s), yet the schema rejects it: %s"
                      % (name, LOADER_ONLY[name], errs[0].message))
            else:
                ck.ok()
            continue
        if not errs:
            ck.ko("bad/%s: the schema accepts what the loader rejects (%s); tighten the schema "
                  "or list the case in LOADER_ONLY with the reason" % (name, message))
            continue
        # The schema should complain where the loader does (or above it, for a missing key).
        where = loader_path(message)
        if where is not None and not any(where.startswith(error_path(e)) for e in errs):
            ck.ko("bad/%s: the loader points at %s, the schema at %s" %
                  (name, where, ", ".join(error_path(e) or "the top" for e in errs)))
        else:
            ck.ok()
    for name in sorted((set(NOT_JSON) | set(LOADER_ONLY)) - seen):
        ck.ko("%s is listed here but not in tests/bad/expected.tsv" % name)


def check_good_variants(ck):
    for profile in ("startup", "midmarket", "enterprise", "quick"):
        p = subprocess.run([ck.binary, "init", "--profile", profile], capture_output=True,
                           text=True)
        if p.returncode != 0:
            ck.ko("init --profile %s: exit %d" % (profile, p.returncode))
            continue
        errs = ck.schema_errors(json.loads(p.stdout))
        if errs:
            ck.ko("init --profile %s: rejected by the schema at %s: %s" %
                  (profile, error_path(errs[0]) or "the top", errs[0].message))
        else:
            ck.ok()
    # A file that extends another may leave out what its base gives.
    with open(os.path.join(ROOT, "scenarios", "midmarket-fraud.json"), encoding="utf-8") as f:
        base = json.load(f)
    ck.write("base.json", base)
    child = {"$schema": "mlroi.schema.json", "extends": "base.json",
             "$comment": "only what differs from the base",
             "roi": {"team_size": 8, "$comment": "two more people"},
             "team": {"data_scientists": 10},
             "chargeback": {"basis": "equal"},
             "business_case": {"discounting": "mid", "$comment": "mid-year flows"}}
    agree(ck, "extends-partial", ck.write("child.json", child), child, True)
    # Records with notes, a monthly licence, an hourly rate, a custom catalog rate.
    doc = copy.deepcopy(base)
    doc["tco"]["licenses"] = [{"name": "Tracking", "monthly": 200, "$comment": "per team"},
                              {"name": "Registry", "annual": 1000}]
    doc["tco"]["catalog"] = {"$comment": "negotiated", "tpu.v5": 3.2}
    doc["tco"]["workloads"].append({"name": "TPU", "kind": "training", "instance": "tpu.v5",
                                    "hours_per_month": 10})
    doc["tco"]["workloads"].append({"name": "Own", "kind": "inference", "hourly_rate": 0.5,
                                    "hours_per_month": 744, "instances": 0})
    doc["maturity"]["answers"]["$comment"] = "agreed in the workshop"
    doc["chargeback"]["units"].append({"name": "Ops"})
    agree(ck, "records", ck.write("records.json", doc), doc, True)
    check_line_variants(ck, base)
    # Every distribution kind, and the mistakes a schema can see, checked by montecarlo.
    dists = [
        ({"dist": "uniform", "min": 2, "max": 6}, True),
        ({"dist": "triangular", "min": 2, "mode": 3, "max": 6}, True),
        ({"dist": "pert", "min": 2, "mode": 3, "max": 6, "lambda": 6}, True),
        ({"dist": "normal", "mean": 4, "sd": 1, "min": 0}, True),
        ({"dist": "normal", "p5": 2, "p95": 6}, True),
        ({"dist": "lognormal", "mean": 4, "sd": 1}, True),
        ({"dist": "lognormal", "p5": 2, "p95": 6, "min": 0, "max": 20}, True),
        ({"dist": "uniform", "min": 2, "mode": 3, "max": 6}, False),
        ({"dist": "triangular", "min": 2, "max": 6}, False),
        ({"dist": "triangular", "min": 2, "mode": 3, "max": 6, "lambda": 4}, False),
        ({"dist": "pert", "min": 2, "mode": 3, "max": 6, "lambda": 1001}, False),
        ({"dist": "normal", "mean": 4}, False),
        ({"dist": "normal", "mean": 4, "sd": 0}, False),
        ({"dist": "normal", "mean": 4, "sd": 1, "p5": 2}, False),
        ({"dist": "lognormal", "mean": -1, "sd": 1}, False),
        ({"dist": "lognormal", "p5": 0, "p95": 6}, False),
        ({"dist": "lognormal", "mean": 4, "sd": 1, "min": -1}, False),
        ({"dist": "gamma", "min": 2, "max": 6}, False),
        ({"min": 2, "max": 6}, False),
        ({"dist": "uniform", "min": 2, "max": 6, "shape": 1}, False),
    ]
    for i, (dist, good) in enumerate(dists):
        doc = copy.deepcopy(base)
        doc["uncertainty"] = {"samples": 64, "inputs": {"roi.mlops_time_to_prod_weeks": dist}}
        agree(ck, "distribution %s" % json.dumps(dist), ck.write("dist%d.json" % i, doc), doc,
              good, command="montecarlo")
    settings = [
        ({"samples": 0}, False), ({"samples": 5000001}, False), ({"seed": -1}, False),
        ({"bins": 1001}, False), ({"method": "sobol"}, False), ({"method": "mc"}, True),
        ({"correlations": [["roi.mlops_time_to_prod_weeks", "roi.avg_salary", 0.5]]}, True),
        ({"correlations": [["roi.mlops_time_to_prod_weeks", "roi.avg_salary", 1.5]]}, False),
        ({"correlations": [["roi.mlops_time_to_prod_weeks", "roi.avg_salary"]]}, False),
        ({"$comment": "a note"}, False),
    ]
    for i, (extra, good) in enumerate(settings):
        doc = copy.deepcopy(base)
        doc["uncertainty"] = {"samples": 64, "inputs": {
            "roi.mlops_time_to_prod_weeks": {"dist": "uniform", "min": 2, "max": 6},
            "roi.avg_salary": {"dist": "uniform", "min": 80000, "max": 100000}}}
        doc["uncertainty"].update(extra)
        agree(ck, "uncertainty %s" % json.dumps(extra), ck.write("mc%d.json" % i, doc), doc,
              good, command="montecarlo")


# Lines the loader and the schema must judge alike: (label, line, accepted). Each is added to
# a copy of the mid-market scenario (which has roi, team and tco sections) as its last line.
LINE_VARIANTS = [
    ("values from year 0", {"kind": "cost", "values": [100, 200, -50]}, True),
    ("annual with every yearly key", {"kind": "cost", "annual": 1000, "start": 0, "end": 3,
                                      "ramp": [0.5, 1], "escalation": 0.03, "risk": 0.2,
                                      "category": "", "source": "quote\nline two",
                                      "note": "why"}, True),
    ("amount at a year", {"kind": "benefit", "amount": -5000, "year": 3, "risk": 1}, True),
    ("amount without year", {"kind": "cost", "amount": 5000}, True),
    ("from a yearly figure with its keys", {"kind": "cost", "from": "team.annual_cost",
                                            "start": 2, "ramp": [0.5], "escalation": -0.5},
     True),
    ("from tco.one_time at a year", {"kind": "cost", "from": "tco.one_time", "year": 2}, True),
    ("from a benefit figure", {"kind": "benefit", "from": "quick.total_benefits"}, True),
    ("from quick.investment", {"kind": "cost", "from": "quick.investment"}, True),
    ("no way of giving amounts", {"kind": "cost"}, False),
    ("two ways", {"kind": "cost", "annual": 1, "values": [1]}, False),
    ("three ways", {"kind": "cost", "annual": 1, "amount": 1, "from": "tco.recurring"}, False),
    ("no kind", {"annual": 1}, False),
    ("no name", None, False),
    ("an unknown key", {"kind": "cost", "annual": 1, "amount_": 1}, False),
    ("empty values", {"kind": "cost", "values": []}, False),
    ("52 values", {"kind": "cost", "values": [1] * 52}, False),
    ("a value that is not a number", {"kind": "cost", "values": [1, None]}, False),
    ("empty ramp", {"kind": "cost", "annual": 1, "ramp": []}, False),
    ("51 ramp steps", {"kind": "cost", "annual": 1, "ramp": [1] * 51}, False),
    ("a cost figure on a benefit line", {"kind": "benefit", "from": "team.annual_cost"}, False),
    ("a benefit figure on a cost line", {"kind": "cost", "from": "quick.deployment_savings"},
     False),
    ("year on a yearly figure", {"kind": "cost", "from": "tco.recurring", "year": 1}, False),
    ("year on values", {"kind": "cost", "values": [1], "year": 0}, False),
    ("start on an amount", {"kind": "cost", "amount": 1, "start": 1}, False),
    ("ramp on tco.one_time", {"kind": "cost", "from": "tco.one_time", "ramp": [1]}, False),
    ("escalation on values", {"kind": "cost", "values": [1], "escalation": 0.1}, False),
    ("end 0 before the default start", {"kind": "cost", "annual": 1, "end": 0}, False),
    ("end 0 with start 0", {"kind": "cost", "annual": 1, "start": 0, "end": 0}, True),
    ("a category of 201 bytes", {"kind": "cost", "annual": 1, "category": "x" * 201}, False),
    ("a control character in a note", {"kind": "cost", "annual": 1, "note": "a\u0001"},
     False),
]


def check_line_variants(ck, base):
    for i, (label, line, good) in enumerate(LINE_VARIANTS):
        doc = copy.deepcopy(base)
        if line is not None:
            line = dict(line, name="Probe line")
        else:
            line = {"kind": "cost", "annual": 1}
        doc["business_case"]["lines"].append(line)
        agree(ck, "line: " + label, ck.write("line%d.json" % i, doc), doc, good)
    # Legacy keys beside lines, and a figure whose section is absent.
    for i, (key, value) in enumerate((("initial_investment", 0), ("annual_cost", 1),
                                      ("costs_from", "investment"), ("other_benefits", []))):
        doc = copy.deepcopy(base)
        doc["business_case"][key] = value
        agree(ck, "lines beside %s" % key, ck.write("legacy%d.json" % i, doc), doc, False)
    for i, section in enumerate(("roi", "team", "tco")):
        doc = copy.deepcopy(base)
        del doc[section]
        doc.pop("chargeback", None)
        doc.pop("uncertainty", None)
        agree(ck, "lines without the %s section" % section, ck.write("nosec%d.json" % i, doc),
              doc, False)
        # A file that extends a base with that section may leave it out.
        child = {"extends": "base.json", "business_case": doc["business_case"]}
        agree(ck, "extends: lines whose %s section is in the base" % section,
              ck.write("nosec-child%d.json" % i, child), child, True)
    # fx: codes and rates.
    for i, (fx, good) in enumerate(((
            {"USD": 0.92, "GBP": 1.17, "$comment": "treasury rates"}, True),
            ({"usd": 0.92}, False), ({"USD": 0}, False), ({"USD": -1}, False),
            ({"USD": "0.92"}, False), ({"US": 1}, False),
            ({"A" + chr(65 + k // 26) + chr(65 + k % 26): 1 for k in range(32)}, True),
            ({"A" + chr(65 + k // 26) + chr(65 + k % 26): 1 for k in range(33)}, False))):
        doc = copy.deepcopy(base)
        doc["fx"] = fx
        agree(ck, "fx %s" % json.dumps(fx)[:60], ck.write("fx%d.json" % i, doc), doc, good)


def agree(ck, label, path, doc, expected, sets=(), command="validate"):
    """The loader and the schema both give EXPECTED (True = accepted) for DOC."""
    loader_ok, why = ck.loader_accepts(path, sets, command)
    errs = ck.schema_errors(doc)
    schema_ok = not errs
    if loader_ok != expected:
        ck.ko("%s: the loader %s it (expected %s)%s" %
              (label, "accepts" if loader_ok else "rejects",
               "accept" if expected else "reject", ": " + why if why else ""))
    elif schema_ok != expected:
        ck.ko("%s: the loader %s it, the schema %s it%s" %
              (label, "accepts" if loader_ok else "rejects",
               "accepts" if schema_ok else "rejects",
               ": " + errs[0].message if errs else ""))
    else:
        ck.ok()


# ---------------------------------------------------------------- boundary probes

def resolve(schema, node):
    while "$ref" in node:
        target = schema
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        merged = dict(target)
        merged.update({k: v for k, v in node.items() if k != "$ref"})
        node = merged
    return node


def leaves(schema, node, path):
    """(path, resolved schema) of every scalar key the loader checks, arrays at index 0."""
    node = resolve(schema, node)
    if "properties" in node:
        yield path, node
        for key, sub in node["properties"].items():
            if key == "$comment":
                continue
            yield from leaves(schema, sub, (path + "." if path else "") + key)
    elif node.get("type") == "array" and isinstance(node.get("items"), dict):
        yield from leaves(schema, node["items"], path + "[0]")
    else:
        yield path, node


def set_path(doc, path, value):
    """Apply PATH=VALUE to a parsed document as `--set` does (no dots inside keys here)."""
    parts = []
    for comp in path.split("."):
        while "[" in comp:
            name, rest = comp.split("[", 1)
            if name:
                parts.append(name)
            index, comp = rest.split("]", 1)
            parts.append(int(index))
        if comp:
            parts.append(comp)
    cur = doc
    for p in parts[:-1]:
        cur = cur[p]
    cur[parts[-1]] = value


def number_text(v):
    return str(int(v)) if float(v).is_integer() and abs(v) < 1e15 else repr(float(v))


def probe_values(node):
    lo = node.get("minimum", node.get("exclusiveMinimum"))
    hi = node.get("maximum", node.get("exclusiveMaximum"))
    vals = set()
    for b in (lo, hi):
        if b is None:
            continue
        step = max(abs(b), 1) * 1e-9
        vals.update((b, b - step, b + step))
    if node.get("type") == "integer" and lo is not None and hi is not None and hi - lo >= 1:
        vals.add(lo + 0.5)
    return sorted(vals)


def probe_base(ck):
    """A scenario with every section and one record of each kind, so every key has a place.
    Its business case uses the legacy keys; probe_lines_base gives the lines' keys a place."""
    with open(os.path.join(ROOT, "scenarios", "midmarket-fraud.json"), encoding="utf-8") as f:
        doc = json.load(f)
    doc["organization"]["employees"] = 300
    del doc["business_case"]["lines"]
    doc["business_case"].update({"annual_cost": 150000, "costs_from": "investment",
                                 "initial_investment": 50000, "mirr_finance_rate": 0.05,
                                 "mirr_reinvest_rate": 0.08,
                                 "other_benefits": [{"name": "Compliance", "annual": 40000,
                                                     "risk": 0.5}]})
    doc["fx"] = {"GBP": 1.27}
    doc["team"].update({"high_risk_models": 1, "ml_engineer_salary": 120000,
                        "mlops_engineer_salary": 130000, "governance_lead_salary": 140000})
    doc["tco"].update({"licenses": [{"name": "Tracking", "annual": 1000}],
                       "catalog": {"custom_gpu": 2.5}, "monitoring_per_model_month": 100,
                       "storage_per_gb_month": 0.02, "include_people": False})
    doc["tco"]["workloads"][0] = {"name": "Own rate", "kind": "training", "hourly_rate": 1.5,
                                  "instances": 1, "hours_per_month": 40}
    doc["platform"].update({"microsoft_centric": False, "research_heavy": False})
    # validate does not read these two: they are probed through montecarlo above.
    del doc["uncertainty"]
    return doc


# The lines of the lines probe: one per way of giving amounts, so that every key of a line
# has a line it belongs to. The horizon is the longest, so that every year 0..50 is inside.
PROBE_LINES = [
    {"name": "Probe annual", "kind": "cost", "annual": 1000, "ramp": [1.0], "escalation": 0,
     "risk": 0.1, "category": "c", "source": "s", "note": "n"},
    {"name": "Probe amount", "kind": "benefit", "amount": 500, "year": 1, "risk": 0.1},
    {"name": "Probe values", "kind": "benefit", "values": [0, 100, 200]},
    {"name": "Probe figure", "kind": "cost", "from": "team.annual_cost"},
]
# The schema's key of a line (items at [0]) -> the index of the probe line it is tried on.
PROBE_LINE_OF = {"amount": 1, "year": 1, "values": 2, "from": 3}


def probe_lines_base(ck):
    doc = probe_base(ck)
    for key in ("annual_cost", "costs_from", "initial_investment", "other_benefits"):
        del doc["business_case"][key]
    doc["business_case"]["horizon_years"] = 50
    doc["business_case"]["lines"] = copy.deepcopy(PROBE_LINES)
    return doc


def line_probe_key(key):
    """business_case.lines[0].KEY... -> the same key on the probe line KEY belongs to."""
    rest = key[len("business_case.lines[0]."):]
    if not rest:
        return key
    field = rest.split(".")[0].split("[")[0]
    return "business_case.lines[%d].%s" % (PROBE_LINE_OF.get(field, 0), rest)


# The spellings the loader accepts (MODEL.md and src/scenario_params.c), probed whatever the
# schema lists, so that a spelling missing from the schema shows up.
LOADER_ENUMS = {
    "organization.region": ["US", "EU"],
    "business_case.costs_from": ["investment", "tco"],
    "tco.workloads[0].kind": ["training", "inference"],
    "platform.cloud": ["none", "aws", "azure", "gcp", "multi", "on_prem"],
    "chargeback.basis": ["models", "equal"],
    "business_case.discounting": ["end", "mid"],
    "business_case.lines[0].kind": ["benefit", "cost"],
    "business_case.lines[3].from": ["quick.deployment_savings", "quick.incident_savings",
                                    "quick.total_benefits", "quick.investment",
                                    "team.annual_cost", "tco.recurring", "tco.one_time"],
}


def check_boundaries(ck):
    legacy = probe_base(ck)
    legacy_path = ck.write("probe.json", legacy)
    lines = probe_lines_base(ck)
    lines_path = ck.write("probe-lines.json", lines)
    for doc, p in ((legacy, legacy_path), (lines, lines_path)):
        if ck.schema_errors(doc) or not ck.loader_accepts(p)[0]:
            ck.ko("the probe scenario %s itself is not valid" % os.path.basename(p))
            return
    for key, node in leaves(ck.schema, ck.schema, ""):
        top = key.split(".")[0].split("[")[0]
        if top in ("uncertainty", "analysis", "$schema", "extends", "name", "description"):
            continue
        base, path = legacy, legacy_path
        if key.startswith("business_case.lines[0]"):
            base, path, key = lines, lines_path, line_probe_key(key)
        if "properties" in node:
            if node.get("additionalProperties") is False:
                probe(ck, base, path, (key + "." if key else "") + "no_such_key", "1")
            continue
        if key.startswith("tco.licenses[0].monthly"):
            continue   # the probe licence is annual: monthly would also give both
        if node.get("type") in ("number", "integer"):
            for v in probe_values(node):
                probe(ck, base, path, key, number_text(v))
            probe(ck, base, path, key, "\"12\"")
        elif "enum" in node:
            for v in sorted(set(node["enum"]) | set(LOADER_ENUMS.get(key, []))):
                probe(ck, base, path, key, v)
            probe(ck, base, path, key, "bogus")
        elif node.get("type") == "boolean":
            for v in ("true", "false", "\"yes\""):
                probe(ck, base, path, key, v)
    probe(ck, base, path, "tco.catalog.custom_gpu", "-1")
    probe(ck, base, path, "tco.catalog.custom_gpu", "1000000000000.001")
    probe(ck, base, path, "currency", "EUR")
    probe(ck, base, path, "currency", "eur")
    probe(ck, base, path, "tco.licenses[0].name", "")
    probe(ck, base, path, "organization.name", "x" * 200)
    probe(ck, base, path, "organization.name", "x" * 201)
    # A benefit line's risk stops at 1, a cost line's at 10 (the schema's maximum above).
    for v in ("0", "1", "1.000000001", "-0.000000001"):
        probe(ck, lines, lines_path, "business_case.lines[1].risk", v)
    probe(ck, lines, lines_path, "business_case.lines[0].name", "")
    probe(ck, lines, lines_path, "business_case.lines[0].category", "")
    # fx: a rate of the scenario's own, new codes, and what is not a code.
    for v in ("1.27", "0", "-0.000000001", "0.000000001", "1000000000", "1000000000.001",
              "\"1\""):
        probe(ck, base, path, "fx.GBP", v)
    probe(ck, base, path, "fx.USD", "0.92")
    probe(ck, base, path, "fx.usd", "0.92")
    probe(ck, base, path, "fx.USDX", "0.92")


def probe(ck, base, path, key, text):
    """Give KEY=TEXT to the loader (as --set) and to the schema; their verdicts must agree."""
    doc = copy.deepcopy(base)
    try:
        value = json.loads(text)
    except ValueError:
        value = text   # --set takes a bare word as a string
    set_path(doc, key, value)
    loader_ok, why = ck.loader_accepts(path, ["%s=%s" % (key, text)])
    errs = ck.schema_errors(doc)
    if loader_ok == (not errs):
        ck.ok()
    else:
        ck.ko("%s=%s: the loader %s it%s; the schema %s it%s" %
              (key, text, "accepts" if loader_ok else "rejects", "" if loader_ok else
               " (" + why + ")", "rejects" if errs else "accepts",
               " (" + errs[0].message + ")" if errs else ""))


def check_descriptions(ck):
    """Every key carries a description: editors show it on hover."""
    missing = []

    def walk(node, path):
        if not isinstance(node, dict):
            return
        for key, sub in node.get("properties", {}).items():
            if "description" not in resolve(ck.schema, sub):
                missing.append(path + key)
            walk(sub, path + key + ".")
        for key in ("items", "additionalProperties"):
            walk(node.get(key), path)
    walk(ck.schema, "")
    for defn in ck.schema["$defs"].values():
        walk(defn, "$defs: ")
    for key in missing:
        ck.ko("%s: no description" % key)
    if not missing:
        ck.ok()


def check_params(ck):
    """The loader's table of scalar inputs (`mlroi params`) and the schema list the same keys."""
    p = subprocess.run([ck.binary, "params"], capture_output=True, text=True)
    if p.returncode != 0:
        ck.ko("mlroi params: exit %d" % p.returncode)
        return
    listed = {line for line in p.stdout.splitlines() if line and "[" not in line}
    in_schema = set()
    for key, node in leaves(ck.schema, ck.schema, ""):
        top = key.split(".")[0].split("[")[0]
        if ("[" in key or "properties" in node or not key or
                top in ("uncertainty", "analysis", "$schema", "extends")):
            continue
        in_schema.add(key)
    for key in sorted(listed - in_schema):
        ck.ko("%s: the loader reads it, the schema does not describe it" % key)
    for key in sorted(in_schema - listed):
        ck.ko("%s: the schema describes it, `mlroi params` does not list it" % key)
    if listed == in_schema:
        ck.ok()


def main():
    if len(sys.argv) != 2:
        die("usage: schema_check.py path/to/mlroi")
    ck = Checker(os.path.abspath(sys.argv[1]))
    os.chdir(ROOT)   # the bad table's messages name files relative to the repository
    check_shipped(ck)
    check_bad_table(ck)
    check_good_variants(ck)
    check_params(ck)
    check_descriptions(ck)
    check_boundaries(ck)
    subprocess.run(["rm", "-rf", ck.tmp], check=False)
    print("schema: %d passed, %d failed" % (ck.passed, ck.failed))
    return 1 if ck.failed else 0


if __name__ == "__main__":
    sys.exit(main())
