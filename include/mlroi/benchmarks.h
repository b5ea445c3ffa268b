/* SPDX-License-Identifier: MIT */
/* Published benchmark figures (salaries, brackets, phases, rates, guidance), loaded from data. */
#ifndef MLROI_BENCHMARKS_H
#define MLROI_BENCHMARKS_H

#include <stddef.h>
#include "mlroi/error.h"
#include "mlroi/scenario.h"

/* Whom a published figure was published for: a check compares it only with a scenario of one
 * of these size brackets and regions, and (money) only in this currency or through the
 * scenario's "fx" rate for it. */
typedef struct mlroi_scope {
    unsigned brackets;         /* bit (1u << i) per brackets[i] (startup, midmarket, enterprise) */
    unsigned regions;          /* bit (1u << mlroi_region) */
    char currency[4];          /* ISO 4217 of a money figure ("USD"); "" when it is not money */
} mlroi_scope;

#define MLROI_SCOPE_ALL_BRACKETS 7u
#define MLROI_SCOPE_ALL_REGIONS 3u

/* A published range with the few words that say where it comes from. */
typedef struct mlroi_range {
    double low, high;
    const char *source;
    /* Every bracket and region, and no currency, unless the data says otherwise (the checks'
     * benchmarks must say all three). */
    mlroi_scope scope;
} mlroi_range;

typedef struct mlroi_bracket {
    const char *id;            /* "startup", "midmarket", "enterprise" */
    const char *label;         /* "Startup / SMB" */
    const char *noun;          /* "a start-up", "a mid-market company", "an enterprise" */
    double max_employees;      /* inclusive upper bound; INFINITY for the last */
    mlroi_range people;
    mlroi_range budget;        /* yearly */
} mlroi_bracket;

typedef struct mlroi_phase {
    int number;                /* 1..3 */
    const char *name;          /* "Foundations" */
    int month_from, month_to;
    mlroi_range budget;
    int reaches_level;
    const char *goal;          /* our words: what the phase builds */
    const char *kpi;
} mlroi_phase;

typedef struct mlroi_catalog_rate {
    const char *id;            /* "gpu.a100.training", "storage.gb_month" */
    double rate;               /* per hour (instances) or per GB-month (storage) */
    const char *source;
    char currency[4];          /* the currency of the published rate, "" when not given */
} mlroi_catalog_rate;

/* One row of the platform table; a rule matches when any of its conditions holds. */
typedef struct mlroi_vendor_rule {
    const char *id;            /* "research_heavy", "multi_cloud", ... */
    int when_research_heavy;   /* 1: matches when platform.research_heavy */
    int when_microsoft_centric;/* 1: matches when platform.microsoft_centric */
    unsigned when_clouds;      /* bit (1u << mlroi_cloud) per matching cloud */
    int always;                /* the "otherwise" row */
    const char *stack;
    mlroi_range licence;       /* per year */
    const char *rationale;
    const char *lock_in;
} mlroi_vendor_rule;

typedef struct mlroi_alternative {
    const char *name;          /* "Databricks managed MLflow" */
    const char *cost_text;     /* "from about 1 per DBU" */
    mlroi_range annual;        /* NAN low/high when not a yearly figure */
} mlroi_alternative;

typedef struct mlroi_dated_fact {
    const char *date;          /* "2026-08" */
    const char *text;
} mlroi_dated_fact;

typedef struct mlroi_benchmarks {
    const char *title;         /* "MLOps for Decision Makers, 2025" */
    /* Salaries per person per year, [MLROI_REGION_US], [MLROI_REGION_EU]. A range with
     * assumed != 0 has no published figure: reports show it as an assumption. */
    mlroi_range ml_engineer[2];
    mlroi_range mlops_engineer[2];
    mlroi_range governance_lead[2];
    int mlops_engineer_assumed[2];
    int governance_lead_assumed[2];
    mlroi_bracket brackets[3];
    mlroi_phase phases[3];
    mlroi_catalog_rate *catalog; size_t catalog_count;   /* includes storage.gb_month */
    mlroi_range monitoring_per_model_month;  /* default is the middle */
    mlroi_vendor_rule *rules; size_t rule_count;
    mlroi_alternative *enterprise_alternatives; size_t alternative_count;
    /* Reasonableness benchmarks, each with the scope it was published for. */
    mlroi_range time_to_prod_without;        /* weeks */
    mlroi_range time_to_prod_with;           /* weeks */
    mlroi_range incident_reduction;          /* low = high = 0.75 */
    double incident_reduction_optimistic;    /* 0.9 */
    mlroi_range roi_3y_percent;              /* 210 */
    double roi_3y_optimistic_factor;         /* 2: above twice is flagged */
    mlroi_range payback_months;              /* 12..18 */
    mlroi_range monthly_cloud_midmarket;
    mlroi_range monthly_cloud_enterprise;
    mlroi_dated_fact *ai_act; size_t ai_act_count;
    void *priv;                /* storage owned by the benchmarks */
} mlroi_benchmarks;

/* The benchmarks compiled into the binary (src/data/benchmarks.json, parsed at build time):
 * static data, never NULL. */
const mlroi_benchmarks *mlroi_benchmarks_default(void);
/* Load benchmarks from a JSON file of the same shape; *out owns the result. */
mlroi_error mlroi_benchmarks_load(const char *file, mlroi_benchmarks **out, mlroi_diags *diags);
/* Parse from text. */
mlroi_error mlroi_benchmarks_load_text(const char *name, const char *text, size_t len,
                                       mlroi_benchmarks **out, mlroi_diags *diags);
/* Release; accepts NULL. Never call on mlroi_benchmarks_default(). */
void mlroi_benchmarks_free(mlroi_benchmarks *b);
/* Index of the bracket with id ID in b->brackets (the bit of mlroi_scope.brackets), or -1. */
int mlroi_bracket_index(const mlroi_benchmarks *b, const char *id);
/* Rate of a catalog id, honouring the scenario's tco.catalog overrides; NAN when unknown. */
double mlroi_benchmarks_rate(const mlroi_benchmarks *b, const mlroi_scenario *s, const char *id);

#endif
