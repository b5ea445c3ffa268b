# SPDX-License-Identifier: MIT
"""A business case of many lines over a long horizon, for the never-break tests of the briefing
and the workbook: every way of giving amounts, own ramps, escalation, per-line risk, long and
non-ASCII names, categories, sources and notes, mid-year discounting.

Usage: /usr/bin/python3 tests/xlsx/stress_lines.py LINES YEARS OUT.json
"""
import json
import sys

QUESTIONS = ["experiment_tracking", "model_versioning", "dataset_versioning",
             "model_documentation", "one_command_training", "model_registry",
             "automated_staging_deploy", "production_metrics", "drift_monitoring",
             "automated_retraining", "fast_rollback", "approval_process",
             "automated_model_tests", "autonomous_deployment", "mlops_kpis",
             "regulatory_alignment"]
BENEFIT_FIGURES = ["quick.deployment_savings", "quick.incident_savings", "quick.total_benefits"]
COST_FIGURES = ["quick.investment", "team.annual_cost", "tco.recurring", "tco.one_time"]


def line(i, horizon):
    kind = "benefit" if i % 2 == 0 else "cost"
    name = "Line %03d %s – ünïcode €" % (i, kind)
    if i % 7 == 0:
        name += " with a rather long name that will not fit in one table cell at all"
    out = {"name": name, "kind": kind}
    way = i % 5
    if way == 0:        # values, some negative, up to the last year
        out["values"] = [((t * 7919 + i * 104729) % 20000) - 2000 for t in range(horizon + 1)]
    elif way == 1:      # a yearly amount over part of the horizon
        out["annual"] = 1000 * (i + 1)
        out["start"] = i % 10
        out["end"] = min(horizon, 10 + i % 40)
        out["escalation"] = (i % 4) * 0.01
        if i % 3 == 0:
            out["ramp"] = [0.2 * (k + 1) for k in range(1 + i % 5)]
    elif way == 2:      # one amount in one year
        out["amount"] = 5000 * (i + 1)
        out["year"] = i % (horizon + 1)
    elif way == 3:      # an engine figure
        out["from"] = BENEFIT_FIGURES[i % 3] if kind == "benefit" else COST_FIGURES[i % 4]
        if out["from"] == "tco.one_time":
            out["year"] = i % 5
        else:
            out["escalation"] = 0.005 * (i % 3)
    else:               # an engine figure with a risk of its own
        out["from"] = (BENEFIT_FIGURES[(i // 2) % 3] if kind == "benefit"
                       else COST_FIGURES[(i // 2) % 3])
        out["risk"] = 0.1 if kind == "benefit" else 0.3
    if i % 4 == 0:
        out["category"] = "Category %d" % (i % 6)
    if i % 6 == 0:
        out["source"] = "source %d: a quote" % i
    if i % 9 == 0:
        out["note"] = "a note on line %d" % i
    return out


def scenario(count, horizon):
    return {
        "format": 1, "name": "Stress: %d lines over %d years" % (count, horizon),
        "currency": "CHF",
        "organization": {"name": "Stress AG", "employees": 900, "region": "EU"},
        "maturity": {"answers": {q: i % 3 == 0 for i, q in enumerate(QUESTIONS)}},
        "roi": {"team_size": 6, "avg_salary": 80000, "models_per_year": 3,
                "current_time_to_prod_weeks": 12, "mlops_time_to_prod_weeks": 3,
                "model_incidents_per_year": 5, "avg_incident_cost": 30000,
                "incident_reduction": 0.6, "mlops_investment": 180000},
        "team": {"data_scientists": 9, "production_models": 25},
        "tco": {"storage_gb": 800, "monitored_models": 25,
                "one_time": [{"name": "Set-up", "amount": 90000}]},
        "business_case": {"horizon_years": horizon, "discount_rate": 0.07,
                          "discounting": "mid", "benefit_ramp": [0.3, 0.7, 1.0],
                          "benefit_risk": 0.15, "cost_risk": 0.08,
                          "lines": [line(i, horizon) for i in range(count)]},
        "chargeback": {"units": [{"name": "A", "models": 10}, {"name": "B", "models": 15}]},
    }


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.stderr.write(__doc__)
        sys.exit(2)
    with open(sys.argv[3], "w", encoding="utf-8") as fh:
        json.dump(scenario(int(sys.argv[1]), int(sys.argv[2])), fh, indent=1,
                  ensure_ascii=False)
