/* SPDX-License-Identifier: MIT */
/* The contract's JSON output of an evaluated scenario, keys in a stable order. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "mlroi/analysis.h"
#include "mlroi/render.h"
#include "mlroi/sha256.h"
#include "mlroi/shortest.h"

static void num(cJSON *o, const char *k, double v)
{
    if (isfinite(v))
        cJSON_AddNumberToObject(o, k, v);
    else
        cJSON_AddNullToObject(o, k);
}

static void str(cJSON *o, const char *k, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, k, v);
    else
        cJSON_AddNullToObject(o, k);
}

/* A new object, already the last item of the array A: rows of a table are built in place. */
static cJSON *add_row(cJSON *a)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToArray(a, o);
    return o;
}

static cJSON *range_obj(const mlroi_range *r)
{
    cJSON *o = cJSON_CreateObject();
    num(o, "low", r->low);
    num(o, "high", r->high);
    return o;
}

static cJSON *scenario_json(const mlroi_result *r)
{
    const mlroi_scenario *s = r->scenario;
    cJSON *o = cJSON_CreateObject(), *org;
    char hex[65];
    static const char *const regions[] = {"US", "EU"};
    str(o, "name", s->name);
    str(o, "description", s->description);
    str(o, "currency", s->currency);
    str(o, "file", s->file);
    mlroi_sha256_hex(s->sha256, hex);
    str(o, "sha256", hex);
    org = cJSON_AddObjectToObject(o, "organization");
    str(org, "name", s->org_name);
    num(org, "employees", s->employees);
    str(org, "region", regions[s->region == MLROI_REGION_EU]);
    return o;
}

static cJSON *ids_array(const int *idx, int n)
{
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(mlroi_question_ids[idx[i]]));
    return a;
}

static cJSON *maturity_json(const mlroi_result *r)
{
    const mlroi_maturity *m = &r->maturity;
    cJSON *o, *a, *ans;
    if (!m->present)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "score", m->score);
    cJSON_AddNumberToObject(o, "level", m->level);
    str(o, "level_label", m->level_label);
    cJSON_AddNumberToObject(o, "gated_level", m->gated_level);
    cJSON_AddItemToObject(o, "missing_for_next_level", ids_array(m->missing, m->missing_count));
    cJSON_AddItemToObject(o, "unanswered", ids_array(m->unanswered, m->unanswered_count));
    a = cJSON_AddArrayToObject(o, "yes_per_level");
    for (int l = 0; l < 4; l++)
        cJSON_AddItemToArray(a, cJSON_CreateNumber(m->yes_per_level[l]));
    ans = cJSON_AddObjectToObject(o, "answers");
    for (int q = 0; q < MLROI_MATURITY_QUESTIONS; q++) {
        signed char v = r->scenario->answers[q];
        if (v == MLROI_UNANSWERED)
            cJSON_AddNullToObject(ans, mlroi_question_ids[q]);
        else
            cJSON_AddBoolToObject(ans, mlroi_question_ids[q], v == MLROI_YES);
    }
    a = cJSON_AddArrayToObject(o, "roadmap");
    for (int i = 0; i < m->roadmap_count; i++) {
        const mlroi_phase *p = m->roadmap[i];
        cJSON *ph = add_row(a);
        cJSON_AddNumberToObject(ph, "phase", p->number);
        str(ph, "name", p->name);
        cJSON_AddNumberToObject(ph, "month_from", p->month_from);
        cJSON_AddNumberToObject(ph, "month_to", p->month_to);
        num(ph, "budget_low", p->budget.low);
        num(ph, "budget_high", p->budget.high);
        cJSON_AddNumberToObject(ph, "reaches_level", p->reaches_level);
        str(ph, "goal", p->goal);
        str(ph, "kpi", p->kpi);
    }
    return o;
}

static cJSON *roi_json(const mlroi_quick *q)
{
    cJSON *o;
    if (!q->present)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    num(o, "time_saved_per_model_weeks", q->time_saved_per_model_weeks);
    num(o, "cost_per_week_team", q->cost_per_week_team);
    num(o, "deployment_savings", q->deployment_savings);
    num(o, "incident_savings", q->incident_savings);
    num(o, "total_benefits", q->total_benefits);
    num(o, "investment", q->investment);
    num(o, "net_benefit", q->net_benefit);
    num(o, "roi_percent", q->roi_percent);
    return o;
}

static void figures_into(cJSON *o, const mlroi_bcase_figures *f)
{
    cJSON *years = cJSON_AddArrayToObject(o, "years");
    for (int t = 0; t <= f->horizon; t++) {
        const mlroi_cash_year *y = &f->years[t];
        cJSON *row = add_row(years);
        cJSON_AddNumberToObject(row, "year", y->year);
        num(row, "benefits", y->benefits);
        num(row, "costs", y->costs);
        num(row, "net", y->net);
        num(row, "cumulative_net", y->cumulative_net);
        num(row, "discount_factor", y->discount_factor);
        num(row, "pv_net", y->pv_net);
    }
    num(o, "pv_benefits", f->pv_benefits);
    num(o, "pv_costs", f->pv_costs);
    num(o, "npv", f->npv);
    num(o, "roi_percent", f->roi_percent);
    num(o, "irr", f->irr);
    str(o, "irr_note", f->irr_note[0] ? f->irr_note : NULL);
    num(o, "mirr", f->mirr);
    str(o, "mirr_note", f->mirr_note);
    num(o, "payback_months", f->payback_months);
    num(o, "discounted_payback_months", f->discounted_payback_months);
    num(o, "total_benefits", f->total_benefits);
    num(o, "total_costs", f->total_costs);
}

/* Years 0..N of V as an array (null for an undefined amount). */
static cJSON *years_array(const double *v, int n)
{
    cJSON *a = cJSON_CreateArray();
    for (int t = 0; t <= n; t++)
        cJSON_AddItemToArray(a, isfinite(v[t]) ? cJSON_CreateNumber(v[t]) : cJSON_CreateNull());
    return a;
}

/* One business-case line (MODEL.md "Business case lines"): the contract's keys first, then
 * where it comes from and the unadjusted sums. */
static void line_into(cJSON *o, const mlroi_line_result *l, int n, double scale)
{
    str(o, "name", l->name);
    str(o, "kind", l->kind == MLROI_LINE_BENEFIT ? "benefit" : "cost");
    str(o, "category", l->category);
    num(o, "risk", l->risk);
    cJSON_AddItemToObject(o, "values", years_array(l->values, n));
    cJSON_AddItemToObject(o, "adjusted", years_array(l->adjusted, n));
    num(o, "total", l->total);
    num(o, "pv", l->pv);
    str(o, "from", l->from);
    num(o, "scale", scale);
    str(o, "source", l->source);
    str(o, "note", l->note);
    cJSON_AddBoolToObject(o, "derived", l->derived);
    num(o, "total_unadjusted", l->total_unadjusted);
    num(o, "pv_unadjusted", l->pv_unadjusted);
}

static cJSON *bcase_json(const mlroi_result *r)
{
    const mlroi_bcase *b = &r->bcase;
    const mlroi_scenario *s = r->scenario;
    cJSON *o;
    if (!b->present)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    figures_into(o, &b->adjusted);
    cJSON_AddNumberToObject(o, "horizon_years", b->adjusted.horizon);
    num(o, "discount_rate", s->bc.discount_rate);
    /* with lines there is no costs_from (the loader refuses it): each line says its own */
    str(o, "costs_from", s->bc.has_lines ? NULL
                         : s->bc.costs_from == MLROI_COSTS_TCO ? "tco" : "investment");
    num(o, "benefit_risk", s->bc.benefit_risk);
    num(o, "cost_risk", s->bc.cost_risk);
    str(o, "discounting", s->bc.discounting == MLROI_DISC_MID ? "mid" : "end");
    /* MODEL.md: both MIRR rates are the discount rate unless given */
    num(o, "mirr_finance_rate", isnan(s->bc.mirr_finance_rate) ? s->bc.discount_rate
                                                                : s->bc.mirr_finance_rate);
    num(o, "mirr_reinvest_rate", isnan(s->bc.mirr_reinvest_rate) ? s->bc.discount_rate
                                                                  : s->bc.mirr_reinvest_rate);
    /* written lines or, without "lines", those derived from the legacy keys ("derived") */
    {
        cJSON *lines = cJSON_AddArrayToObject(o, "lines");
        for (size_t i = 0; b->lines && i < b->line_count; i++)
            line_into(add_row(lines), &b->lines[i], b->adjusted.horizon, b->lines[i].scale);
    }
    figures_into(cJSON_AddObjectToObject(o, "unadjusted"), &b->unadjusted);
    return o;
}

static cJSON *role_json(const char *name, const mlroi_role_cost *rc)
{
    cJSON *o = cJSON_CreateObject();
    str(o, "role", name);
    cJSON_AddNumberToObject(o, "count", rc->count);
    num(o, "salary", rc->salary);
    num(o, "salary_low", rc->salary_low);
    num(o, "salary_high", rc->salary_high);
    cJSON_AddBoolToObject(o, "salary_assumed", rc->salary_assumed);
    cJSON_AddBoolToObject(o, "salary_from_scenario", rc->salary_from_scenario);
    num(o, "annual_cost", rc->annual_cost);
    return o;
}

static cJSON *team_json(const mlroi_team *t)
{
    cJSON *o, *ml, *roles;
    if (!t->present)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    ml = cJSON_AddObjectToObject(o, "ml_engineers");
    cJSON_AddNumberToObject(ml, "min", t->ml_min);
    cJSON_AddNumberToObject(ml, "max", t->ml_max);
    cJSON_AddNumberToObject(ml, "recommended", t->ml_recommended);
    cJSON_AddNumberToObject(o, "mlops_engineers", t->mlops_engineers);
    cJSON_AddNumberToObject(o, "governance_lead", t->governance_lead);
    cJSON_AddNumberToObject(o, "headcount", t->headcount);
    num(o, "annual_cost", t->annual_cost);
    num(o, "annual_cost_low", t->annual_cost_low);
    num(o, "annual_cost_high", t->annual_cost_high);
    roles = cJSON_AddArrayToObject(o, "roles");
    cJSON_AddItemToArray(roles, role_json("ml_engineer", &t->ml));
    cJSON_AddItemToArray(roles, role_json("mlops_engineer", &t->mlops));
    cJSON_AddItemToArray(roles, role_json("governance_lead", &t->governance));
    if (t->bracket) {
        cJSON *b;
        str(o, "size_bracket", t->bracket->id);
        b = cJSON_AddObjectToObject(o, "bracket");
        str(b, "label", t->bracket->label);
        num(b, "people_low", t->bracket->people.low);
        num(b, "people_high", t->bracket->people.high);
        num(b, "budget_low", t->bracket->budget.low);
        num(b, "budget_high", t->bracket->budget.high);
        cJSON_AddBoolToObject(b, "headcount_within", t->headcount_within);
        cJSON_AddBoolToObject(b, "cost_within", t->cost_within);
        str(b, "source", t->bracket->budget.source);
    } else {
        cJSON_AddNullToObject(o, "size_bracket");
        cJSON_AddNullToObject(o, "bracket");
    }
    return o;
}

static cJSON *tco_json(const mlroi_tco *t)
{
    cJSON *o, *rec, *years;
    if (!t->present)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    num(o, "one_time_total", t->one_time_total);
    rec = cJSON_AddObjectToObject(o, "recurring_annual");
    num(rec, "training", t->training);
    num(rec, "inference", t->inference);
    num(rec, "storage", t->storage);
    num(rec, "monitoring", t->monitoring);
    num(rec, "licenses", t->licenses);
    num(rec, "people", t->people);
    num(rec, "total", t->recurring_total);
    num(o, "monthly_cloud", t->monthly_cloud);
    years = cJSON_AddArrayToObject(o, "years");
    for (int y = 0; y <= t->horizon; y++) {
        cJSON *row = add_row(years);
        cJSON_AddNumberToObject(row, "year", t->years[y].year);
        num(row, "one_time", t->years[y].one_time);
        num(row, "recurring", t->years[y].recurring);
        num(row, "total", t->years[y].total);
    }
    num(o, "total", t->total);
    return o;
}

static cJSON *vendor_json(const mlroi_vendor *v)
{
    cJSON *o, *alts, *ent;
    if (!v->present || !v->recommended)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    str(o, "recommended", v->recommended->stack);
    str(o, "rule", v->recommended->id);
    alts = cJSON_AddArrayToObject(o, "alternatives");
    for (int i = 0; i < v->alternative_count; i++)
        cJSON_AddItemToArray(alts, cJSON_CreateString(v->alternatives[i]->stack));
    str(o, "rationale", v->recommended->rationale);
    str(o, "lock_in", v->recommended->lock_in);
    cJSON_AddItemToObject(o, "licence_annual", range_obj(&v->recommended->licence));
    ent = cJSON_AddArrayToObject(o, "enterprise_alternatives");
    for (int i = 0; i < v->enterprise_count; i++) {
        cJSON *e = add_row(ent);
        str(e, "name", v->enterprise[i]->name);
        str(e, "cost", v->enterprise[i]->cost_text);
        num(e, "annual_low", v->enterprise[i]->annual.low);
        num(e, "annual_high", v->enterprise[i]->annual.high);
    }
    return o;
}

static cJSON *checks_json(const mlroi_checks *c)
{
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < c->count; i++) {
        const mlroi_check *k = &c->items[i];
        cJSON *o = add_row(a);
        str(o, "key", k->key);
        num(o, "value", k->value);
        num(o, "benchmark_low", k->low);
        num(o, "benchmark_high", k->high);
        str(o, "verdict", mlroi_verdict_name(k->verdict));
        str(o, "source", k->source);
        cJSON_AddBoolToObject(o, "optimistic", k->optimistic);
        str(o, "leaning", mlroi_leaning_name(k->leaning));
        cJSON_AddBoolToObject(o, "fails_strict", k->fails_strict);
        str(o, "unit", k->unit);
        str(o, "note", k->note);
    }
    return a;
}

static cJSON *chargeback_json(const mlroi_result *r)
{
    const mlroi_chargeback *c = &r->chargeback;
    cJSON *o, *units;
    if (!c->present)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    num(o, "pool", c->pool);
    str(o, "pool_source", c->pool_source);
    str(o, "basis", r->scenario->chargeback.basis == MLROI_CB_EQUAL ? "equal" : "models");
    units = cJSON_AddArrayToObject(o, "units");
    for (size_t i = 0; i < c->unit_count; i++) {
        cJSON *u = add_row(units);
        str(u, "name", c->units[i].name);
        num(u, "models", c->units[i].models);
        num(u, "share", c->units[i].share);
        num(u, "annual_charge", c->units[i].annual_charge);
        num(u, "annual_charge_rounded", (double)c->units[i].annual_charge_cents / 100.0);
    }
    return o;
}

cJSON *mlroi_result_to_json(const mlroi_result *r, unsigned sec)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddItemToObject(o, "scenario", scenario_json(r));
    if (sec & MLROI_SEC_MATURITY)
        cJSON_AddItemToObject(o, "maturity", maturity_json(r));
    if (sec & MLROI_SEC_ROI)
        cJSON_AddItemToObject(o, "roi", roi_json(&r->roi));
    if (sec & MLROI_SEC_BCASE)
        cJSON_AddItemToObject(o, "business_case", bcase_json(r));
    if (sec & MLROI_SEC_TEAM)
        cJSON_AddItemToObject(o, "team", team_json(&r->team));
    if (sec & MLROI_SEC_TCO)
        cJSON_AddItemToObject(o, "tco", tco_json(&r->tco));
    if (sec & MLROI_SEC_VENDOR)
        cJSON_AddItemToObject(o, "vendor", vendor_json(&r->vendor));
    if (sec & MLROI_SEC_CHECKS)
        cJSON_AddItemToObject(o, "checks", checks_json(&r->checks));
    if (sec & MLROI_SEC_CHARGEBACK)
        cJSON_AddItemToObject(o, "chargeback", chargeback_json(r));
    return o;
}

/* A growing text; LEN is SIZE when out of memory (every later append is then dropped). */
typedef struct json_out {
    char *buf;
    size_t len, size;
    bool failed;
} json_out;

static bool out_reserve(json_out *o, size_t more)
{
    size_t want;
    char *b;
    if (o->failed)
        return false;
    if (o->len + more < o->size)
        return true;
    want = o->size ? o->size : 4096;
    while (want <= o->len + more)
        want *= 2;
    b = realloc(o->buf, want);
    if (!b) {
        o->failed = true;
        return false;
    }
    o->buf = b;
    o->size = want;
    return true;
}

static void out_bytes(json_out *o, const char *s, size_t n)
{
    if (!out_reserve(o, n))
        return;
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void out_char(json_out *o, char c)
{
    if (out_reserve(o, 1))
        o->buf[o->len++] = c;
}

static void out_tabs(json_out *o, int n)
{
    while (n-- > 0)
        out_char(o, '\t');
}

/* A JSON string with cJSON's escapes, so the text is the one cJSON_Print made. */
static void out_string(json_out *o, const char *s)
{
    out_char(o, '"');
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        const char *esc = NULL;
        switch (*p) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default: break;
        }
        if (esc) {
            out_bytes(o, esc, 2);
        } else if (*p < 32) {
            char u[8];
            snprintf(u, sizeof u, "\\u%04x", *p);
            out_bytes(o, u, 6);
        } else {
            out_char(o, (char)*p);
        }
    }
    out_char(o, '"');
}

static void out_value(json_out *o, const cJSON *item, int depth)
{
    const cJSON *c;
    char num[MLROI_SHORTEST_SIZE];
    switch (item->type & 0xFF) {
    case cJSON_False: out_bytes(o, "false", 5); break;
    case cJSON_True: out_bytes(o, "true", 4); break;
    case cJSON_NULL: out_bytes(o, "null", 4); break;
    case cJSON_Number: out_bytes(o, num, mlroi_shortest(num, item->valuedouble)); break;
    case cJSON_String: out_string(o, item->valuestring); break;
    case cJSON_Raw:
        if (item->valuestring)
            out_bytes(o, item->valuestring, strlen(item->valuestring));
        break;
    case cJSON_Array:
        out_char(o, '[');
        for (c = item->child; c; c = c->next) {
            out_value(o, c, depth + 1);
            if (c->next)
                out_bytes(o, ", ", 2);
        }
        out_char(o, ']');
        break;
    case cJSON_Object:
        out_bytes(o, "{\n", 2);
        for (c = item->child; c; c = c->next) {
            out_tabs(o, depth + 1);
            out_string(o, c->string);
            out_bytes(o, ":\t", 2);
            out_value(o, c, depth + 1);
            if (c->next)
                out_char(o, ',');
            out_char(o, '\n');
        }
        out_tabs(o, depth);
        out_char(o, '}');
        break;
    default:
        o->failed = true;   /* cJSON_Invalid: cJSON_Print fails on it too */
        break;
    }
}

char *mlroi_json_print(const cJSON *item)
{
    json_out o = { NULL, 0, 0, false };
    if (!item)
        return NULL;
    out_value(&o, item, 0);
    out_char(&o, '\0');
    if (o.failed) {
        free(o.buf);
        return NULL;
    }
    return o.buf;
}

void mlroi_drivers_to_json(cJSON *root, const mlroi_sensitivity *sens, const mlroi_voi *voi,
                           const char *currency)
{
    cJSON *o, *inputs;
    char sentence[512];
    if (sens != NULL) {
        o = cJSON_AddObjectToObject(root, "sensitivity");
        cJSON_AddStringToObject(o, "metric", sens->metric->name);
        cJSON_AddNumberToObject(o, "base_samples", (double)sens->base_samples);
        cJSON_AddNumberToObject(o, "evaluations", (double)sens->evaluations);
        cJSON_AddBoolToObject(o, "correlations_ignored", sens->correlations_ignored);
        inputs = cJSON_AddArrayToObject(o, "inputs");
        for (size_t j = 0; j < sens->input_count; j++) {
            const mlroi_sensitivity_input *in = &sens->inputs[j];
            cJSON *e = add_row(inputs), *ci;
            cJSON_AddStringToObject(e, "path", in->path);
            num(e, "first_order", in->sobol.first_order);
            num(e, "total", in->sobol.total);
            ci = cJSON_AddArrayToObject(e, "first_order_ci");
            cJSON_AddItemToArray(ci, cJSON_CreateNumber(in->sobol.first_order_ci[0]));
            cJSON_AddItemToArray(ci, cJSON_CreateNumber(in->sobol.first_order_ci[1]));
            ci = cJSON_AddArrayToObject(e, "total_ci");
            cJSON_AddItemToArray(ci, cJSON_CreateNumber(in->sobol.total_ci[0]));
            cJSON_AddItemToArray(ci, cJSON_CreateNumber(in->sobol.total_ci[1]));
            num(e, "contribution_to_variance", in->contribution_to_variance);
        }
    }
    if (voi == NULL)
        return;
    o = cJSON_AddObjectToObject(root, "value_of_information");
    num(o, "evpi", voi->evpi);
    inputs = cJSON_AddArrayToObject(o, "inputs");
    for (size_t j = 0; j < voi->input_count; j++) {
        cJSON *e = add_row(inputs);
        cJSON_AddStringToObject(e, "path", voi->paths[j]);
        num(e, "evppi", voi->evppi[j]);
    }
    cJSON_AddNumberToObject(o, "bins", (double)voi->bins);
    cJSON_AddStringToObject(o, "sentence", mlroi_voi_sentence(voi, currency, sentence,
                                                                sizeof sentence));
}

static void mc_stats_json(cJSON *obj, const mlroi_mc_stats *st)
{
    cJSON *o = cJSON_AddObjectToObject(obj, st->metric->name);
    num(o, "mean", st->mean);
    num(o, "sd", st->sd);
    num(o, "min", st->min);
    num(o, "max", st->max);
    for (int k = 0; k < MLROI_MC_PCT_COUNT; k++) {
        char key[8];
        snprintf(key, sizeof key, "p%d", mlroi_mc_percentiles[k]);
        num(o, key, st->pct[k]);
    }
    num(o, "undefined_share", st->undefined_share);
}

/* BINS counts and their BINS + 1 edges under KEY of ROOT. */
static cJSON *histogram_json(cJSON *root, const char *key, const double *edges,
                             const size_t *counts, size_t bins)
{
    cJSON *h = cJSON_AddObjectToObject(root, key);
    cJSON *e = cJSON_AddArrayToObject(h, "edges"), *c = cJSON_AddArrayToObject(h, "counts");
    for (size_t k = 0; k <= bins; k++)
        cJSON_AddItemToArray(e, cJSON_CreateNumber(edges[k]));
    for (size_t k = 0; k < bins; k++)
        cJSON_AddItemToArray(c, cJSON_CreateNumber((double)counts[k]));
    return h;
}

cJSON *mlroi_mc_to_json(const mlroi_mc_result *mc, bool chart_view)
{
    cJSON *root = cJSON_CreateObject(), *metrics;
    if (root == NULL)
        return NULL;
    cJSON_AddNumberToObject(root, "samples", (double)mc->samples);
    cJSON_AddNumberToObject(root, "seed", (double)mc->seed);
    cJSON_AddStringToObject(root, "method", mc->method_name);
    metrics = cJSON_AddObjectToObject(root, "metrics");
    for (int m = 0; m < MLROI_MC_METRICS; m++)
        mc_stats_json(metrics, &mc->metrics[m]);
    num(root, "p_npv_positive", mc->p_npv_positive);
    num(root, "p_payback_within_horizon", mc->p_payback_within_horizon);
    histogram_json(root, "histogram", mc->edges, mc->counts, mc->bins);
    if (chart_view) {
        cJSON *core = histogram_json(root, "core_histogram", mc->core_edges, mc->core_counts,
                                     mc->bins);
        cJSON_AddNumberToObject(core, "tail_low", (double)mc->tail_low);
        cJSON_AddNumberToObject(core, "tail_high", (double)mc->tail_high);
        num(root, "base_npv", mc->base_npv);
    }
    return root;
}
