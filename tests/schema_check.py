#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Checks scenarios/mlroi.schema.json against the shipped scenarios, the bad-input table and
# the loader itself. Usage: /usr/bin/python3 tests/schema_check.py path/to/mlroi
"""Agreement between the JSON Schema and the scenario loader.

1. Every shipped scenario carries "$schema" and validates against the schema.
2. The bad-input table (tests/bad/expected.tsv): every case is classified below. A case the
   schema can express must be rejected by it; a case it cannot express must be accepted by
   it (so the list stays honest); a file that is not JSON at all must not parse. A new case
   that is in no list fails this test until someone decides where it belongs.
3. The keys `mlroi params` lists (the loader's table) are the schema's scalar keys.
4. Good variants the loader accepts (`mlroi init` profiles, a file that extends another,
   every distribution kind) are accepted by the schema.
5. Boundary probes: for every numeric key, enum and object of the schema, values just inside
   and just outside its range are given to `mlroi validate --set` and to the schema, and the
   two verdicts must be the same.
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
SCHEMA_PATH = os.path.join(ROOT, "scenarios", "mlroi.schema.json")

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
    # The catalog ids are data (the benchmarks file plus tco.catalog), not a fixed list.
    "workload-unknown-instance": "catalog ids known at run time",
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
    names = sorted(n for n in os.listdir(os.path.join(ROOT, "scenarios"))
                   if n.endswith(".json") and n not in ("benchmarks.json", "mlroi.schema.json"))
    if not names:
        ck.ko("no shipped scenarios found")
    for n in names:
        path = os.path.join(ROOT, "scenarios", n)
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        if doc.get("$schema") != "mlroi.schema.json":
            ck.ko("scenarios/%s: no \"$schema\": \"mlroi.schema.json\"" % n)
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
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
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
             "business_case": {"costs_from": "tco"}}
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
    """A scenario with every section and one record of each kind, so every key has a place."""
    with open(os.path.join(ROOT, "scenarios", "midmarket-fraud.json"), encoding="utf-8") as f:
        doc = json.load(f)
    doc["organization"]["employees"] = 300
    doc["business_case"].update({"annual_cost": 150000, "costs_from": "investment"})
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


# The spellings the loader accepts (MODEL.md and src/scenario_params.c), probed whatever the
# schema lists, so that a spelling missing from the schema shows up.
LOADER_ENUMS = {
    "organization.region": ["US", "EU"],
    "business_case.costs_from": ["investment", "tco"],
    "tco.workloads[0].kind": ["training", "inference"],
    "platform.cloud": ["none", "aws", "azure", "gcp", "multi", "on_prem"],
    "chargeback.basis": ["models", "equal"],
}


def check_boundaries(ck):
    base = probe_base(ck)
    path = ck.write("probe.json", base)
    if ck.schema_errors(base) or not ck.loader_accepts(path)[0]:
        ck.ko("the probe scenario itself is not valid")
        return
    for key, node in leaves(ck.schema, ck.schema, ""):
        top = key.split(".")[0].split("[")[0]
        if top in ("uncertainty", "analysis", "$schema", "extends", "name", "description"):
            continue
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
