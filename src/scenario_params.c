/* SPDX-License-Identifier: MIT */
/* The table of every scalar input: its path, type, range, default, unit and label. */
#include <math.h>
#include <stddef.h>
#include <string.h>
#include "mlroi/scenario.h"

const char *const mlroi_question_ids[MLROI_MATURITY_QUESTIONS] = {
    "experiment_tracking", "model_versioning", "dataset_versioning", "model_documentation",
    "one_command_training", "model_registry", "automated_staging_deploy", "production_metrics",
    "drift_monitoring", "automated_retraining", "fast_rollback", "approval_process",
    "automated_model_tests", "autonomous_deployment", "mlops_kpis", "regulatory_alignment",
};

/* Our own phrasing of the checklist in MLOps for Decision Makers, 2025. */
const char *const mlroi_question_texts[MLROI_MATURITY_QUESTIONS] = {
    "Are ML experiments recorded in a tracking tool (MLflow, Weights & Biases, Neptune)?",
    "Does every model carry a version number and a log of its metrics?",
    "Can the exact dataset each model was trained on be identified and retrieved?",
    "Does each model in production have at least a short written description?",
    "Can a training run be started with one command or one trigger?",
    "Is there one central registry where models are stored and promoted?",
    "Does a model reach the staging environment without manual steps?",
    "Are the quality metrics of production models measured?",
    "Is drift in the input data detected automatically?",
    "Is retraining automatic, or at least semi-automatic?",
    "Can a previous model version be restored in under 30 minutes?",
    "Do high-risk models go through a formal approval before release?",
    "Are model tests (unit, integration, shadow) run automatically?",
    "Can a model be deployed to production with no human step?",
    "Are KPIs of the MLOps team measured and reported to management?",
    "Is AI governance aligned with the EU AI Act and the sector's rules?",
};

static const char *const region_choices[] = {"US", "EU", NULL};
static const char *const costs_from_choices[] = {"investment", "tco", NULL};
static const char *const cloud_choices[] = {"none", "aws", "azure", "gcp", "multi", "on_prem", NULL};
static const char *const basis_choices[] = {"models", "equal", NULL};
static const char *const discounting_choices[] = {"end", "mid", NULL};

#define OFF(field) offsetof(mlroi_scenario, field)
#define BIG 1e12          /* money: no real budget comes near; keeps every product finite */
#define MANY 1e7          /* counts */
#define REQ MLROI_PF_REQUIRED
#define MONEY MLROI_PF_MONEY

#define ANSWER(i, id) {"maturity.answers." id, MLROI_P_ANSWER, OFF(answers) + (i), 0, 1, 0, NAN, \
                       "yes/no", id, NULL}

static const mlroi_param params[] = {
    {"format", MLROI_P_COUNT, OFF(format), 1, 1, 0, 1, "", "file format", NULL},
    {"name", MLROI_P_STRING, OFF(name), 0, 0, 0, NAN, "", "scenario name", NULL},
    {"description", MLROI_P_STRING, OFF(description), 0, 0, 0, NAN, "", "description", NULL},
    {"currency", MLROI_P_CURRENCY, OFF(currency), 0, 0, 0, NAN, "ISO 4217", "currency", NULL},
    {"organization.name", MLROI_P_STRING, OFF(org_name), 0, 0, 0, NAN, "", "organisation", NULL},
    {"organization.employees", MLROI_P_COUNT, OFF(employees), 0, MANY, 0, NAN, "people",
     "employees", NULL},
    {"organization.region", MLROI_P_ENUM, OFF(region), 0, 0, 0, 0, "", "salary region",
     region_choices},
    ANSWER(0, "experiment_tracking"), ANSWER(1, "model_versioning"),
    ANSWER(2, "dataset_versioning"), ANSWER(3, "model_documentation"),
    ANSWER(4, "one_command_training"), ANSWER(5, "model_registry"),
    ANSWER(6, "automated_staging_deploy"), ANSWER(7, "production_metrics"),
    ANSWER(8, "drift_monitoring"), ANSWER(9, "automated_retraining"),
    ANSWER(10, "fast_rollback"), ANSWER(11, "approval_process"),
    ANSWER(12, "automated_model_tests"), ANSWER(13, "autonomous_deployment"),
    ANSWER(14, "mlops_kpis"), ANSWER(15, "regulatory_alignment"),
    {"roi.team_size", MLROI_P_NUMBER, OFF(roi.team_size), 0, MANY, REQ, NAN, "people",
     "team size", NULL},
    {"roi.avg_salary", MLROI_P_NUMBER, OFF(roi.avg_salary), 0, BIG, REQ | MONEY, NAN,
     "per person per year", "average salary", NULL},
    {"roi.models_per_year", MLROI_P_NUMBER, OFF(roi.models_per_year), 0, MANY, REQ, NAN,
     "models per year", "new models per year", NULL},
    {"roi.current_time_to_prod_weeks", MLROI_P_NUMBER, OFF(roi.current_time_to_prod_weeks), 0,
     520, REQ, NAN, "weeks", "time to production today", NULL},
    {"roi.mlops_time_to_prod_weeks", MLROI_P_NUMBER, OFF(roi.mlops_time_to_prod_weeks), 0, 520,
     REQ, NAN, "weeks", "time to production with MLOps", NULL},
    {"roi.model_incidents_per_year", MLROI_P_NUMBER, OFF(roi.model_incidents_per_year), 0, MANY,
     REQ, NAN, "incidents per year", "model incidents per year", NULL},
    {"roi.avg_incident_cost", MLROI_P_NUMBER, OFF(roi.avg_incident_cost), 0, BIG, REQ | MONEY,
     NAN, "per incident", "average incident cost", NULL},
    {"roi.incident_reduction", MLROI_P_FRACTION, OFF(roi.incident_reduction), 0, 1, REQ, NAN,
     "fraction", "incident reduction", NULL},
    {"roi.mlops_investment", MLROI_P_NUMBER, OFF(roi.mlops_investment), 0, BIG, REQ | MONEY, NAN,
     "per year", "MLOps investment", NULL},
    {"business_case.horizon_years", MLROI_P_COUNT, OFF(bc.horizon_years), 1, MLROI_MAX_YEARS, 0,
     3, "years", "horizon", NULL},
    {"business_case.discount_rate", MLROI_P_NUMBER, OFF(bc.discount_rate), -1, 1,
     MLROI_PF_MIN_EXCL | MLROI_PF_RATE, 0.10, "per year", "discount rate", NULL},
    {"business_case.initial_investment", MLROI_P_NUMBER, OFF(bc.initial_investment), 0, BIG,
     MONEY, 0, "at month 0", "initial investment", NULL},
    {"business_case.annual_cost", MLROI_P_NUMBER, OFF(bc.annual_cost), 0, BIG, MONEY, NAN,
     "per year", "yearly cost", NULL},
    {"business_case.costs_from", MLROI_P_ENUM, OFF(bc.costs_from), 0, 0, 0, 0, "",
     "source of costs", costs_from_choices},
    {"business_case.benefit_risk", MLROI_P_FRACTION, OFF(bc.benefit_risk), 0, 1,
     MLROI_PF_MAX_EXCL, 0, "fraction", "benefit risk haircut", NULL},
    {"business_case.cost_risk", MLROI_P_NUMBER, OFF(bc.cost_risk), 0, 10, 0, 0, "fraction",
     "cost risk uplift", NULL},
    {"business_case.discounting", MLROI_P_ENUM, OFF(bc.discounting), 0, 0, 0, 0, "",
     "discounting", discounting_choices},
    {"business_case.mirr_finance_rate", MLROI_P_NUMBER, OFF(bc.mirr_finance_rate), -1, 1,
     MLROI_PF_MIN_EXCL | MLROI_PF_RATE, NAN, "per year", "MIRR finance rate", NULL},
    {"business_case.mirr_reinvest_rate", MLROI_P_NUMBER, OFF(bc.mirr_reinvest_rate), -1, 1,
     MLROI_PF_MIN_EXCL | MLROI_PF_RATE, NAN, "per year", "MIRR reinvestment rate", NULL},
    {"team.data_scientists", MLROI_P_COUNT, OFF(team.data_scientists), 0, MANY, REQ, NAN,
     "people", "data scientists", NULL},
    {"team.production_models", MLROI_P_COUNT, OFF(team.production_models), 0, MANY, REQ, NAN,
     "models", "models in production", NULL},
    {"team.target_level", MLROI_P_COUNT, OFF(team.target_level), 0, 4, 0, 2, "level",
     "target maturity level", NULL},
    {"team.high_risk_models", MLROI_P_COUNT, OFF(team.high_risk_models), 0, MANY, 0, 0, "models",
     "high-risk models", NULL},
    {"team.ml_engineer_salary", MLROI_P_NUMBER, OFF(team.ml_engineer_salary), 0, BIG, MONEY, NAN,
     "per person per year", "ML engineer salary", NULL},
    {"team.mlops_engineer_salary", MLROI_P_NUMBER, OFF(team.mlops_engineer_salary), 0, BIG, MONEY,
     NAN, "per person per year", "MLOps engineer salary", NULL},
    {"team.governance_lead_salary", MLROI_P_NUMBER, OFF(team.governance_lead_salary), 0, BIG,
     MONEY, NAN, "per year", "governance lead salary", NULL},
    {"tco.storage_gb", MLROI_P_NUMBER, OFF(tco.storage_gb), 0, BIG, 0, 0, "GB", "model storage",
     NULL},
    {"tco.monitored_models", MLROI_P_COUNT, OFF(tco.monitored_models), 0, MANY, 0, 0, "models",
     "monitored models", NULL},
    {"tco.monitoring_per_model_month", MLROI_P_NUMBER, OFF(tco.monitoring_per_model_month), 0,
     BIG, MONEY, NAN, "per model per month", "monitoring rate", NULL},
    {"tco.storage_per_gb_month", MLROI_P_NUMBER, OFF(tco.storage_per_gb_month), 0, BIG, MONEY,
     NAN, "per GB per month", "storage rate", NULL},
    {"tco.include_people", MLROI_P_BOOL, OFF(tco.include_people), 0, 1, 0, 0, "yes/no",
     "include team cost", NULL},
    {"platform.cloud", MLROI_P_ENUM, OFF(platform.cloud), 0, 0, 0, 0, "", "cloud",
     cloud_choices},
    {"platform.microsoft_centric", MLROI_P_BOOL, OFF(platform.microsoft_centric), 0, 1, 0, 0,
     "yes/no", "Microsoft-centric", NULL},
    {"platform.research_heavy", MLROI_P_BOOL, OFF(platform.research_heavy), 0, 1, 0, 0,
     "yes/no", "research-heavy team", NULL},
    {"chargeback.basis", MLROI_P_ENUM, OFF(chargeback.basis), 0, 0, 0, 0, "",
     "chargeback basis", basis_choices},
};

const mlroi_param *mlroi_params(size_t *count)
{
    if (count)
        *count = sizeof params / sizeof params[0];
    return params;
}

const mlroi_param *mlroi_param_find(const char *path)
{
    for (size_t i = 0; i < sizeof params / sizeof params[0]; i++)
        if (strcmp(params[i].path, path) == 0)
            return &params[i];
    return NULL;
}

size_t mlroi_param_index(const mlroi_param *p)
{
    return (size_t)(p - params);
}
