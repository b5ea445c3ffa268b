/* SPDX-License-Identifier: MIT */
/* Decision support: the platform rules, the reasonableness checks and the chargeback split. */
#include "mlroi/decision.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *mlroi_verdict_name(mlroi_verdict v)
{
    switch (v) {
    case MLROI_BELOW: return "below";
    case MLROI_WITHIN: return "within";
    case MLROI_ABOVE: return "above";
    case MLROI_IMPOSSIBLE: return "impossible";
    case MLROI_OUTSIDE: return "outside";
    case MLROI_NOT_COMPARED: return "not compared";
    }
    return "unknown";
}

const char *mlroi_leaning_name(mlroi_leaning l)
{
    switch (l) {
    case MLROI_LEAN_OPTIMISTIC: return "optimistic";
    case MLROI_LEAN_CONSERVATIVE: return "conservative";
    case MLROI_LEAN_IN_LINE: break;
    }
    return "in line";
}

/* The size bracket of the organisation, or NULL when its head count is unknown. */
static const mlroi_bracket *scenario_bracket(const mlroi_scenario *s, const mlroi_benchmarks *b,
                                             const mlroi_team *team)
{
    if (team && team->present && team->bracket)
        return team->bracket;
    if (isnan(s->employees))
        return NULL;
    return mlroi_bracket_for(b, s->employees);
}

static bool rule_matches(const mlroi_vendor_rule *r, const mlroi_platform_inputs *p)
{
    return r->always || (r->when_research_heavy && p->research_heavy) ||
           (r->when_microsoft_centric && p->microsoft_centric) ||
           (r->when_clouds & (1u << p->cloud)) != 0;
}

void mlroi_vendor_eval(const mlroi_scenario *s, const mlroi_benchmarks *b,
                       const mlroi_team *team, mlroi_vendor *out)
{
    const mlroi_bracket *bracket;

    memset(out, 0, sizeof *out);
    if (!s->has_platform)
        return;
    out->present = true;
    for (size_t i = 0; i < b->rule_count; i++) {
        const mlroi_vendor_rule *r = &b->rules[i];
        if (!rule_matches(r, &s->platform))
            continue;
        if (!out->recommended)
            out->recommended = r;
        else if (out->alternative_count < 8)
            out->alternatives[out->alternative_count++] = r;
    }
    out->licence_outside_tco = out->recommended && s->has_tco && s->tco.license_count == 0 &&
                               out->recommended->licence.high > 0;
    bracket = scenario_bracket(s, b, team);
    if (bracket && strcmp(bracket->id, "enterprise") == 0)
        for (size_t i = 0; i < b->alternative_count && out->enterprise_count < 8; i++)
            out->enterprise[out->enterprise_count++] = &b->enterprise_alternatives[i];
}

/* How a check's figures are written in its note. */
typedef enum note_style { NS_WEEKS, NS_FRACTION, NS_PERCENT, NS_MONTHS, NS_MONEY } note_style;

/* A whole amount with thousands separators: 1234567.8 -> "1,234,568". */
static void fmt_grouped(char *buf, size_t size, double v)
{
    char digits[64];
    size_t len, out = 0;
    int neg = v < 0;

    snprintf(digits, sizeof digits, "%.0f", fabs(v));
    len = strlen(digits);
    if (neg && out + 1 < size)
        buf[out++] = '-';
    for (size_t i = 0; i < len && out + 1 < size; i++) {
        if (i > 0 && (len - i) % 3 == 0 && out + 1 < size)
            buf[out++] = ',';
        if (out + 1 < size)
            buf[out++] = digits[i];
    }
    buf[out] = '\0';
}

static void fmt_value(char *buf, size_t size, double v, note_style style)
{
    switch (style) {
    case NS_WEEKS: snprintf(buf, size, "%g", v); break;
    case NS_FRACTION: snprintf(buf, size, "%.2f", v); break;
    case NS_PERCENT: snprintf(buf, size, "%.0f %%", v); break;
    case NS_MONTHS: snprintf(buf, size, v == floor(v) ? "%.0f" : "%.1f", v); break;
    case NS_MONEY: fmt_grouped(buf, size, v); break;
    }
}

static const char *style_unit(note_style style)
{
    switch (style) {
    case NS_WEEKS: return " weeks";
    case NS_MONTHS: return " months";
    default: return "";
    }
}

/* Add one comparison with its note. OPTIMISTIC_ABOVE is NAN when no flag applies. */
static void add_check(mlroi_checks *out, const char *key, const char *label, double value,
                      mlroi_range bench, double optimistic_above, const char *unit,
                      note_style style, const char *context)
{
    mlroi_check *c;
    char v[64], lo[64], hi[64];
    const char *unit_text = style_unit(style);

    if (out->count >= MLROI_MAX_CHECKS)
        return;
    c = &out->items[out->count++];
    memset(c, 0, sizeof *c);
    c->key = key;
    c->label = label;
    c->value = value;
    c->low = bench.low;
    c->high = bench.high;
    c->unit = unit;
    c->source = bench.source;
    /* A figure that never arrives (payback beyond the horizon) is beyond any range. */
    if (isnan(value) || value > bench.high)
        c->verdict = MLROI_ABOVE;
    else if (value < bench.low)
        c->verdict = MLROI_BELOW;
    else
        c->verdict = MLROI_WITHIN;
    c->optimistic = !isnan(optimistic_above) && value > optimistic_above;
    if (c->optimistic)
        out->optimistic_count++;

    fmt_value(v, sizeof v, value, style);
    fmt_value(lo, sizeof lo, bench.low, style);
    fmt_value(hi, sizeof hi, bench.high, style);
    if (isnan(value))
        snprintf(c->note, sizeof c->note, "%s never arrives within the horizon: longer than the "
                 "published %s-%s%s%s", label, lo, hi, unit_text, context);
    else if (bench.low == bench.high)
        snprintf(c->note, sizeof c->note, "%s %s%s is %s the %s%s the benchmark assumes%s%s",
                 label, v, unit_text, c->verdict == MLROI_WITHIN ? "at" : mlroi_verdict_name(c->verdict),
                 lo, unit_text, context, c->optimistic ? ": optimistic" : "");
    else
        snprintf(c->note, sizeof c->note, "%s %s%s is %s the published %s-%s%s%s%s", label, v,
                 unit_text, mlroi_verdict_name(c->verdict), lo, hi, unit_text, context,
                 c->optimistic ? ": optimistic" : "");
}

void mlroi_checks_eval(const mlroi_scenario *s, const mlroi_benchmarks *b,
                       const mlroi_quick *q, const mlroi_bcase *bc, const mlroi_team *team,
                       const mlroi_tco *tco, mlroi_checks *out)
{
    const mlroi_bracket *bracket = scenario_bracket(s, b, team);
    char context[96];

    memset(out, 0, sizeof *out);
    if (q && q->present) {
        add_check(out, "roi.current_time_to_prod_weeks", "time to production without MLOps",
                  s->roi.current_time_to_prod_weeks, b->time_to_prod_without, NAN, "weeks",
                  NS_WEEKS, "");
        add_check(out, "roi.mlops_time_to_prod_weeks", "time to production with MLOps",
                  s->roi.mlops_time_to_prod_weeks, b->time_to_prod_with, NAN, "weeks",
                  NS_WEEKS, "");
        add_check(out, "roi.incident_reduction", "incident reduction", s->roi.incident_reduction,
                  b->incident_reduction, b->incident_reduction_optimistic, "fraction",
                  NS_FRACTION, "");
    }
    if (bc && bc->present) {
        /* The published ROI is a 3-year figure: comparing another horizon with it would
         * mislead, so the check is made only for 3-year cases. */
        if (bc->adjusted.horizon == 3 && !isnan(bc->adjusted.roi_percent))
            add_check(out, "business_case.roi_percent", "3-year PV ROI",
                      bc->adjusted.roi_percent, b->roi_3y_percent,
                      b->roi_3y_percent.high * b->roi_3y_optimistic_factor, "percent",
                      NS_PERCENT, "");
        add_check(out, "business_case.payback_months", "payback",
                  bc->adjusted.payback_months, b->payback_months, NAN, "months", NS_MONTHS,
                  " of an SMB");
    }
    if (tco && tco->present && bracket) {
        /* The article gives cloud budgets for mid-size and enterprise organisations only. */
        if (strcmp(bracket->id, "midmarket") == 0)
            add_check(out, "tco.monthly_cloud", "monthly cloud cost", tco->monthly_cloud,
                      b->monthly_cloud_midmarket, NAN, "per month", NS_MONEY,
                      " of a mid-size company");
        else if (strcmp(bracket->id, "enterprise") == 0)
            add_check(out, "tco.monthly_cloud", "monthly cloud cost", tco->monthly_cloud,
                      b->monthly_cloud_enterprise, NAN, "per month", NS_MONEY,
                      " of an enterprise with LLM fine-tuning");
    }
    if (team && team->present && bracket) {
        snprintf(context, sizeof context, " for a %s team", bracket->label);
        add_check(out, "team.annual_cost", "team yearly cost", team->annual_cost,
                  bracket->budget, NAN, "per year", NS_MONEY, context);
    }
}

mlroi_error mlroi_chargeback_eval(const mlroi_scenario *s, const mlroi_tco *tco,
                                  mlroi_chargeback *out, mlroi_diags *diags)
{
    const mlroi_chargeback_inputs *in = &s->chargeback;
    const char *file = s->file ? s->file : "";
    double total = 0, pool;
    long long pool_cents, assigned = 0, leftover;
    size_t n = in->unit_count;
    mlroi_error err = MLROI_OK;

    memset(out, 0, sizeof *out);
    if (!s->has_chargeback)
        return MLROI_OK;
    if (n == 0) {
        err = mlroi_diags_add(diags, MLROI_ERR_MISSING, file, 0, 0, "chargeback.units",
                              "expected at least one unit to charge");
        goto cleanup;
    }
    if (tco && tco->present) {
        pool = tco->recurring_total;
        out->pool_source = "tco.recurring_annual.total";
    } else {
        pool = mlroi_scenario_annual_cost(s) * (1.0 + s->bc.cost_risk);
        out->pool_source = "business_case.annual_cost";
    }
    if (!isfinite(pool)) {
        err = mlroi_diags_add(diags, MLROI_ERR_MISSING, file, 0, 0, "chargeback",
                              "nothing to charge: add a tco section, business_case.annual_cost "
                              "or roi.mlops_investment");
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++)
        total += in->units[i].models;
    if (in->basis == MLROI_CB_MODELS && !(total > 0)) {
        err = mlroi_diags_add(diags, MLROI_ERR_INVALID, file, 0, 0, "chargeback.units",
                              "the units hold no models to share the pool by: give their "
                              "models or use \"basis\": \"equal\"");
        goto cleanup;
    }
    out->units = calloc(n, sizeof *out->units);
    if (!out->units) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, file, 0, 0, "chargeback", "out of memory");
        goto cleanup;
    }
    out->unit_count = n;
    out->pool = pool;
    pool_cents = llround(pool * 100.0);

    /* Each unit first gets the whole cents below its exact share; the cents left over go one
     * each to the largest remainders, earlier units first on ties, so the charges add up to
     * the pool to the cent. */
    for (size_t i = 0; i < n; i++) {
        mlroi_cb_charge *u = &out->units[i];
        u->name = in->units[i].name;
        u->models = in->units[i].models;
        u->share = in->basis == MLROI_CB_EQUAL ? 1.0 / (double)n : u->models / total;
        u->annual_charge = pool * u->share;
        u->annual_charge_cents = (long long)floor((double)pool_cents * u->share);
        assigned += u->annual_charge_cents;
    }
    leftover = pool_cents - assigned;
    while (leftover != 0) {
        size_t pick = n;
        double best = 0;
        for (size_t i = 0; i < n; i++) {
            const mlroi_cb_charge *u = &out->units[i];
            double rem = (double)pool_cents * u->share - (double)u->annual_charge_cents;
            if (leftover > 0 ? (pick == n || rem > best) : (pick == n || rem <= best)) {
                pick = i;
                best = rem;
            }
        }
        if (leftover > 0) {
            out->units[pick].annual_charge_cents++;
            leftover--;
        } else {
            out->units[pick].annual_charge_cents--;
            leftover++;
        }
    }
    out->present = true;

cleanup:
    if (err != MLROI_OK) {
        free(out->units);
        memset(out, 0, sizeof *out);
    }
    return err;
}
