/* SPDX-License-Identifier: MIT */
/* The scenario: every input of the model, loaded and validated from a JSON file. */
#ifndef MLROI_SCENARIO_H
#define MLROI_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include "mlroi/error.h"

#define MLROI_MAX_YEARS 50       /* horizon_years is 1..MLROI_MAX_YEARS */
#define MLROI_MATURITY_QUESTIONS 16
#define MLROI_MAX_RAMP MLROI_MAX_YEARS
#define MLROI_MAX_CATALOG 64
#define MLROI_MAX_LINES 1000     /* business_case.lines entries */
#define MLROI_MAX_FX 32          /* entries of the top-level fx object */

/* Numbers the scenario did not give and that have no constant default are NAN
 * in the struct (e.g. business_case.annual_cost, which follows roi.mlops_investment). */

/* Where an input's value came from; reports cite it in their appendix. */
typedef enum mlroi_source {
    MLROI_SRC_DEFAULT = 0,   /* the contract's default or a benchmark */
    MLROI_SRC_FILE,          /* the scenario file (or a file it extends) */
    MLROI_SRC_SET            /* a --set override on the command line */
} mlroi_source;

typedef enum mlroi_region { MLROI_REGION_US = 0, MLROI_REGION_EU } mlroi_region;
typedef enum mlroi_costs_from { MLROI_COSTS_INVESTMENT = 0, MLROI_COSTS_TCO } mlroi_costs_from;
typedef enum mlroi_workload_kind { MLROI_WL_TRAINING = 0, MLROI_WL_INFERENCE } mlroi_workload_kind;
typedef enum mlroi_cloud {
    MLROI_CLOUD_NONE = 0,    /* not given */ MLROI_CLOUD_AWS, MLROI_CLOUD_AZURE, MLROI_CLOUD_GCP,
    MLROI_CLOUD_MULTI, MLROI_CLOUD_ON_PREM
} mlroi_cloud;
typedef enum mlroi_cb_basis { MLROI_CB_MODELS = 0, MLROI_CB_EQUAL } mlroi_cb_basis;
typedef enum mlroi_discounting { MLROI_DISC_END = 0, MLROI_DISC_MID } mlroi_discounting;

/* --- Business-case lines (MODEL.md "Business case lines") --- */
typedef enum mlroi_line_kind { MLROI_LINE_BENEFIT = 0, MLROI_LINE_COST } mlroi_line_kind;
/* How a line gives its amounts: exactly one of these keys. */
typedef enum mlroi_line_how {
    MLROI_LINE_VALUES = 0,   /* "values": [a0, a1, ...] */
    MLROI_LINE_ANNUAL,       /* "annual": a, over start..end with ramp and escalation */
    MLROI_LINE_AMOUNT,       /* "amount": a at "year" */
    MLROI_LINE_FROM          /* "from": one of the engine's own figures */
} mlroi_line_how;
/* The engine's figures a line can draw on ("from"), in the order of mlroi_figure_names. */
typedef enum mlroi_figure {
    MLROI_FIG_DEPLOYMENT_SAVINGS = 0, /* quick.deployment_savings: benefit, yearly */
    MLROI_FIG_INCIDENT_SAVINGS,       /* quick.incident_savings: benefit, yearly */
    MLROI_FIG_TOTAL_BENEFITS,         /* quick.total_benefits: benefit, yearly */
    MLROI_FIG_INVESTMENT,             /* quick.investment: cost, yearly */
    MLROI_FIG_TEAM_ANNUAL,            /* team.annual_cost: cost, yearly */
    MLROI_FIG_TCO_RECURRING,          /* tco.recurring: cost, yearly */
    MLROI_FIG_TCO_ONE_TIME,           /* tco.one_time: cost, an amount at "year" */
    MLROI_FIG_COUNT
} mlroi_figure;
/* "quick.deployment_savings" ... indexed by mlroi_figure. */
extern const char *const mlroi_figure_names[MLROI_FIG_COUNT];
/* The section a figure needs ("roi", "team", "tco"). */
const char *mlroi_figure_section(mlroi_figure f);

typedef struct mlroi_bc_line {
    char *name;                       /* unique in the case */
    char *category, *source, *note;   /* free text, NULL when absent */
    mlroi_line_kind kind;
    mlroi_line_how how;
    mlroi_figure from;                /* for MLROI_LINE_FROM */
    double values[MLROI_MAX_YEARS + 1];
    size_t value_count;               /* for MLROI_LINE_VALUES */
    double annual;                    /* the yearly amount (ANNUAL) or the amount (AMOUNT) */
    double year;                      /* AMOUNT and one-time figures: the year, default 0 */
    double start, end;                /* yearly lines: NAN means 1 and N */
    double ramp[MLROI_MAX_RAMP];
    size_t ramp_count;                /* 0: benefit_ramp for a benefit, [1.0] for a cost */
    double escalation;                /* > -1, default 0 */
    double risk;                      /* NAN: benefit_risk or cost_risk */
    double scale;                     /* "scale", default 1: multiplies every amount (a
                                         share of a figure, e.g. a part-time team); what-if
                                         analysis moves it for values and figure lines */
} mlroi_bc_line;

/* Answer to one checklist question. */
typedef enum mlroi_answer { MLROI_UNANSWERED = -1, MLROI_NO = 0, MLROI_YES = 1 } mlroi_answer;

typedef struct mlroi_roi_inputs {
    double team_size, avg_salary, models_per_year;
    double current_time_to_prod_weeks, mlops_time_to_prod_weeks;
    double model_incidents_per_year, avg_incident_cost, incident_reduction;
    double mlops_investment;
} mlroi_roi_inputs;

typedef struct mlroi_other_benefit {
    char *name;
    double annual;
    double risk;             /* NAN: follows business_case.benefit_risk */
} mlroi_other_benefit;

typedef struct mlroi_bcase_inputs {
    double horizon_years;    /* whole number 1..30, kept as double so it can be swept */
    double discount_rate;
    double initial_investment;
    double annual_cost;      /* NAN: follows roi.mlops_investment */
    mlroi_costs_from costs_from;
    double benefit_ramp[MLROI_MAX_RAMP];
    size_t ramp_count;       /* 0 means the default [1.0] */
    double benefit_risk;
    double cost_risk;
    mlroi_other_benefit *other_benefits;
    size_t other_count;
    mlroi_discounting discounting;
    double mirr_finance_rate, mirr_reinvest_rate;   /* NAN: discount_rate */
    bool has_lines;          /* "lines" given: the legacy cost keys are refused */
    mlroi_bc_line *lines;    /* the written lines, owned */
    size_t line_count;
} mlroi_bcase_inputs;

typedef struct mlroi_team_inputs {
    double data_scientists, production_models, target_level, high_risk_models;
    /* Salary overrides per person per year; NAN: the region's benchmark or default. */
    double ml_engineer_salary, mlops_engineer_salary, governance_lead_salary;
} mlroi_team_inputs;

typedef struct mlroi_workload {
    char *name;
    mlroi_workload_kind kind;
    char *instance;          /* catalog id, or NULL when hourly_rate is given */
    double hourly_rate;      /* NAN when instance is given */
    double instances;
    double hours_per_month;
} mlroi_workload;

typedef struct mlroi_license {
    char *name;
    double annual;           /* NAN for a monthly line */
    double monthly;          /* NAN for an annual line; the yearly cost is monthly * 12 */
} mlroi_license;

typedef struct mlroi_one_time {
    char *name;
    double amount;
} mlroi_one_time;

typedef struct mlroi_rate {
    char *id;
    double hourly_rate;
} mlroi_rate;

typedef struct mlroi_tco_inputs {
    mlroi_workload *workloads; size_t workload_count;
    double storage_gb;
    double monitored_models;
    double monitoring_per_model_month;   /* NAN: benchmark default */
    double storage_per_gb_month;         /* NAN: catalog rate */
    mlroi_license *licenses; size_t license_count;
    bool include_people;
    mlroi_one_time *one_time; size_t one_time_count;
    mlroi_rate *catalog; size_t catalog_count;   /* scenario additions/overrides */
} mlroi_tco_inputs;

typedef struct mlroi_platform_inputs {
    mlroi_cloud cloud;
    bool microsoft_centric;
    bool research_heavy;
} mlroi_platform_inputs;

/* One rate of the top-level "fx" object: 1 unit of CODE = RATE of the scenario's currency. */
typedef struct mlroi_fx {
    char code[4];
    double rate;
} mlroi_fx;

typedef struct mlroi_cb_unit {
    char *name;
    double models;
} mlroi_cb_unit;

typedef struct mlroi_chargeback_inputs {
    mlroi_cb_basis basis;
    mlroi_cb_unit *units; size_t unit_count;
} mlroi_chargeback_inputs;

/* A whole scenario. Strings are UTF-8, owned by the scenario. */
typedef struct mlroi_scenario {
    char *file;              /* the path it was loaded from ("" for in-memory text) */
    double format;           /* the file format, 1 */
    unsigned char sha256[32];/* of the file's bytes as read (the top file only) */
    char *name;
    char *description;
    char currency[4];        /* ISO 4217, default "USD" */
    char *org_name;          /* NULL when absent */
    double employees;        /* NAN when absent */
    mlroi_region region;

    bool has_organization, has_maturity, has_roi, has_business_case, has_team, has_tco,
         has_platform, has_chargeback, has_uncertainty, has_analysis;

    signed char answers[MLROI_MATURITY_QUESTIONS];   /* mlroi_answer, in the contract's order */
    mlroi_roi_inputs roi;
    mlroi_bcase_inputs bc;
    mlroi_team_inputs team;
    mlroi_tco_inputs tco;
    mlroi_platform_inputs platform;
    mlroi_chargeback_inputs chargeback;
    mlroi_fx fx[MLROI_MAX_FX];      /* benchmarks' currencies; never changes own figures */
    size_t fx_count;

    /* Sections read by later modules (analysis, reports), kept as parsed JSON text; NULL
     * when absent. The loader validates uncertainty with the rest (src/mc_config.h). */
    char *uncertainty_json;
    char *analysis_json;
    char *report_json;

    /* Where each scalar input came from, indexed like mlroi_params(). */
    unsigned char *sources;
} mlroi_scenario;

/* --- Scalar parameters: one table drives loading, --set, sweeps and the appendix. --- */

typedef enum mlroi_ptype {
    MLROI_P_NUMBER,   /* double */
    MLROI_P_COUNT,    /* double holding a whole number */
    MLROI_P_FRACTION, /* double in the range given by min/max */
    MLROI_P_BOOL,     /* bool */
    MLROI_P_ANSWER,   /* signed char mlroi_answer */
    MLROI_P_STRING,   /* char * */
    MLROI_P_ENUM,     /* int-sized enum, spelled by `choices` (value = index) */
    MLROI_P_CURRENCY  /* char[4], three capital letters (ISO 4217) */
} mlroi_ptype;

#define MLROI_PF_MIN_EXCL 1u   /* value must be > min rather than >= */
#define MLROI_PF_MAX_EXCL 2u   /* value must be < max rather than <= */
#define MLROI_PF_MONEY    4u   /* a currency amount */
#define MLROI_PF_REQUIRED 8u   /* required when its section is present */
#define MLROI_PF_RATE     16u  /* a yearly rate: a value above 1 gets the "fractions" hint */

typedef struct mlroi_param {
    const char *path;        /* "roi.avg_salary" */
    mlroi_ptype type;
    size_t offset;           /* into mlroi_scenario */
    double min, max;         /* for numbers */
    unsigned flags;
    double def;              /* constant default, or NAN when none */
    const char *unit;        /* "per year", "weeks", "fraction", "" */
    const char *label;       /* a short human label */
    const char *const *choices; /* NULL-terminated spellings for MLROI_P_ENUM */
} mlroi_param;

/* The table of every scalar parameter, in a stable order; *count receives its size. */
const mlroi_param *mlroi_params(size_t *count);
/* Look up a parameter by exact path; NULL when none. */
const mlroi_param *mlroi_param_find(const char *path);
/* Index of p in the table (for mlroi_scenario.sources). */
size_t mlroi_param_index(const mlroi_param *p);

/* A numeric input of a scenario that sweeps and Monte Carlo can change in place:
 * scalar params and numeric fields of array elements ("tco.workloads[0].hours_per_month"). */
typedef struct mlroi_binding {
    double *value;           /* into the scenario it was resolved against */
    double min, max;
    unsigned flags;
    bool whole;              /* must stay a whole number */
    char path[128];
} mlroi_binding;

/* Resolve PATH against S. Errors go to diags (may be NULL) with code MLROI_ERR_UNKNOWN_KEY
 * or MLROI_ERR_TYPE for a non-numeric key. The pointer stays valid while S lives. */
mlroi_error mlroi_binding_resolve(mlroi_scenario *s, const char *path, mlroi_binding *out,
                                  mlroi_diags *diags);
/* Check a candidate value against the binding's range; fills diags on failure. */
mlroi_error mlroi_binding_check(const mlroi_binding *b, double v, mlroi_diags *diags);

/* --- Loading --- */

/* One --set PATH=VALUE override, applied to the JSON before validation. */
typedef struct mlroi_override {
    const char *path;
    const char *value;       /* JSON-ish text: a number, true/false/null, or a bare string */
} mlroi_override;

typedef struct mlroi_load_options {
    const mlroi_override *overrides;
    size_t override_count;
    size_t max_file_size;    /* 0: the default limit (MLROI_MAX_FILE_SIZE) */
    /* Resolver for "extends": returns malloc'd text of PATH, with a NUL at text[*len], or NULL
     * with *err set. NULL: read from the file system. Used by the fuzzer. */
    char *(*read_file)(void *ctx, const char *path, size_t *len, mlroi_error *err);
    void *read_ctx;
    /* Asked before "extends" reads PATH: false refuses it (exit 2, the reason in WHY), as
     * `--sandbox DIR` does for a path outside DIR. NULL: every path may be read. */
    bool (*allow_path)(void *ctx, const char *path, char *why, size_t why_size);
    void *allow_ctx;
    /* Catalog ids the benchmarks know (NULL-terminated), so that a workload naming an unknown
     * instance is reported at its line and column; NULL: not checked here (the engine still
     * refuses it). */
    const char *const *known_instances;
} mlroi_load_options;

#define MLROI_MAX_FILE_SIZE (4u * 1024u * 1024u)
#define MLROI_MAX_DEPTH 64          /* JSON nesting accepted in a scenario */
#define MLROI_MAX_EXTENDS 8         /* length of an "extends" chain */

/* Load and validate the scenario in FILE. On success *out owns a new scenario (free it with
 * mlroi_scenario_free). Every problem found is appended to diags (errors and warnings);
 * the return value is the first error's code, or MLROI_OK. opts may be NULL. */
mlroi_error mlroi_scenario_load(const char *file, const mlroi_load_options *opts,
                                mlroi_scenario **out, mlroi_diags *diags);
/* The same from text in memory; NAME labels diagnostics. */
mlroi_error mlroi_scenario_load_text(const char *name, const char *text, size_t len,
                                     const mlroi_load_options *opts, mlroi_scenario **out,
                                     mlroi_diags *diags);
/* A scenario holding every default and no sections (name "Untitled", currency USD); for
 * tests and for building scenarios in code. NULL on allocation failure. */
mlroi_scenario *mlroi_scenario_new(void);
/* Deep copy (for threads that perturb inputs); NULL on allocation failure. */
mlroi_scenario *mlroi_scenario_clone(const mlroi_scenario *s);
/* Release; accepts NULL. */
void mlroi_scenario_free(mlroi_scenario *s);

/* Maturity question ids, in the contract's order (16 entries). */
extern const char *const mlroi_question_ids[MLROI_MATURITY_QUESTIONS];
/* The question text, in the project's own words. */
extern const char *const mlroi_question_texts[MLROI_MATURITY_QUESTIONS];

/* Resolved values of inputs that default to others (what the engine uses). */
double mlroi_scenario_annual_cost(const mlroi_scenario *s);   /* annual_cost or mlops_investment */
/* Index of the written line named NAME, or -1. */
long mlroi_scenario_line_find(const mlroi_scenario *s, const char *name);
/* Rate of one unit of CODE in the scenario's currency: 1 for its own, NAN when no fx. */
double mlroi_scenario_fx(const mlroi_scenario *s, const char *code);

#endif
