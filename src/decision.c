/* SPDX-License-Identifier: MIT */
/* Decision support: the platform rules, the reasonableness checks and the chargeback split. */
#include "mlroi/decision.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlroi/format.h"

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

/* snprintf for the notes: a note longer than its buffer is cut short, which only shortens
 * what a reviewer reads, so the length is deliberately not checked. */
static void textf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void textf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}

/* How a check's figures are written in its note. */
typedef enum note_style { NS_WEEKS, NS_FRACTION, NS_PERCENT, NS_MONTHS, NS_MONEY } note_style;

static void fmt_value(char *buf, size_t size, double v, note_style style)
{
    switch (style) {
    case NS_WEEKS: textf(buf, size, "%g", v); break;
    case NS_FRACTION: textf(buf, size, "%.2f", v); break;
    case NS_PERCENT: mlroi_fmt_percent(buf, size, v, 0); break;
    case NS_MONTHS: textf(buf, size, v == floor(v) ? "%.0f" : "%.1f", v); break;
    case NS_MONEY: mlroi_fmt_number(buf, size, v, 0); break;
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

/* One comparison with a published benchmark: the words of its note and which way a value above
 * the range leans. */
typedef struct check_spec {
    const char *key, *label;
    const char *lead;            /* the note's words before the value ("payback of") */
    const char *unit;
    note_style style;
    const char *below, *above;   /* "shorter than" / "longer than"; "below" / "above" */
    mlroi_leaning when_above;    /* below the range leans the other way */
    const char *context;         /* after the range: " of an SMB" */
} check_spec;

/* Longer without MLOps, or shorter with it, makes the deployment savings larger: optimistic. A
 * cost below its range, or a payback shorter than published, is optimistic too. */
static const check_spec spec_time_without = {
    "roi.current_time_to_prod_weeks", "time to production without MLOps",
    "time to production without MLOps", "weeks", NS_WEEKS, "shorter than", "longer than",
    MLROI_LEAN_OPTIMISTIC, "" };
static const check_spec spec_time_with = {
    "roi.mlops_time_to_prod_weeks", "time to production with MLOps",
    "time to production with MLOps", "weeks", NS_WEEKS, "shorter than", "longer than",
    MLROI_LEAN_CONSERVATIVE, "" };
static const check_spec spec_incidents = {
    "roi.incident_reduction", "incident reduction", "incident reduction", "fraction",
    NS_FRACTION, "below", "above", MLROI_LEAN_OPTIMISTIC, "" };
static const check_spec spec_roi = {
    "business_case.roi_percent", "3-year PV ROI", "3-year PV ROI", "percent", NS_PERCENT,
    "below", "above", MLROI_LEAN_OPTIMISTIC, "" };
static const check_spec spec_payback = {
    "business_case.payback_months", "payback", "payback of", "months", NS_MONTHS,
    "shorter than", "longer than", MLROI_LEAN_CONSERVATIVE, " of an SMB" };
static const check_spec spec_cloud_midmarket = {
    "tco.monthly_cloud", "monthly cloud cost", "monthly cloud cost", "per month", NS_MONEY,
    "lower than", "higher than", MLROI_LEAN_CONSERVATIVE, " of a mid-size company" };
static const check_spec spec_cloud_enterprise = {
    "tco.monthly_cloud", "monthly cloud cost", "monthly cloud cost", "per month", NS_MONEY,
    "lower than", "higher than", MLROI_LEAN_CONSERVATIVE,
    " of an enterprise with LLM fine-tuning" };
static const check_spec spec_team = {
    "team.annual_cost", "team yearly cost", "team yearly cost", "per year", NS_MONEY,
    "lower than", "higher than", MLROI_LEAN_CONSERVATIVE, "" };

static mlroi_leaning lean_other_way(mlroi_leaning l)
{
    return l == MLROI_LEAN_OPTIMISTIC ? MLROI_LEAN_CONSERVATIVE
         : l == MLROI_LEAN_CONSERVATIVE ? MLROI_LEAN_OPTIMISTIC : MLROI_LEAN_IN_LINE;
}

/* A new check of OUT (NULL when OUT is full), its benchmark unknown until compared. */
static mlroi_check *check_new(mlroi_checks *out, const char *key, const char *label,
                              const char *unit, double value, const char *source)
{
    mlroi_check *c;

    if (out->count >= MLROI_MAX_CHECKS)
        return NULL;
    c = &out->items[out->count++];
    memset(c, 0, sizeof *c);
    c->key = key;
    c->label = label;
    c->unit = unit;
    c->value = value;
    c->low = c->high = NAN;
    c->source = source;
    c->leaning = MLROI_LEAN_IN_LINE;
    return c;
}

static void check_count(mlroi_checks *out, const mlroi_check *c)
{
    if (c->optimistic)
        out->optimistic_count++;
    if (c->fails_strict)
        out->strict_count++;
}

/* The note's opening: "payback of 4.4 months", "payback never arrives within the horizon". */
static void note_lead(char *buf, size_t size, const check_spec *cs, double value)
{
    char v[64];

    if (isnan(value)) {
        textf(buf, size, "%s never arrives within the horizon", cs->label);
        return;
    }
    fmt_value(v, sizeof v, value, cs->style);
    textf(buf, size, "%s %s%s", cs->lead, v, style_unit(cs->style));
}

/* How far a benchmark fits a scenario, in the order they are tested: a benchmark that fits
 * the bracket but not the currency tells more than one of another bracket. */
typedef enum bench_fit { FIT_BRACKET = 0, FIT_REGION, FIT_CURRENCY, FIT_OK } bench_fit;

/* Whether BENCH fits the scenario (MODEL.md "Benchmarks that fit"): its size bracket (BRACKET,
 * NULL when the head count is unknown), its region, and a money benchmark's currency, the
 * scenario's own or one it gives a rate for in "fx". When it fits, *USE is BENCH in the
 * scenario's currency and CONV says how it was converted ("" when it was not); otherwise WHY
 * says what does not fit. */
static bench_fit bench_fits(const mlroi_scenario *s, const mlroi_benchmarks *b,
                            const mlroi_bracket *bracket, const mlroi_range *bench,
                            mlroi_range *use, char *conv, size_t conv_size, char *why,
                            size_t why_size)
{
    static const char *const regions[2] = { "the US", "the EU" };   /* by mlroi_region */
    const mlroi_scope *sc = &bench->scope;
    int k;

    *use = *bench;
    conv[0] = why[0] = '\0';
    if ((sc->brackets & MLROI_SCOPE_ALL_BRACKETS) != MLROI_SCOPE_ALL_BRACKETS) {
        if (!bracket) {
            char nouns[160] = "";
            for (k = 0; k < 3; k++) {
                size_t len = strlen(nouns);
                if (sc->brackets & (1u << k))
                    textf(nouns + len, sizeof nouns - len, "%s%s", len ? " or " : "",
                          b->brackets[k].noun ? b->brackets[k].noun : "");
            }
            textf(why, why_size, "published for %s, and the scenario gives no "
                  "organization.employees", nouns);
            return FIT_BRACKET;
        }
        k = mlroi_bracket_index(b, bracket->id);
        if (k < 0 || !(sc->brackets & (1u << k))) {
            textf(why, why_size, "no published range for %s",
                  bracket->noun && bracket->noun[0] ? bracket->noun : bracket->label);
            return FIT_BRACKET;
        }
    }
    if (!(sc->regions & (1u << s->region))) {
        textf(why, why_size, "no published range for %s", regions[s->region]);
        return FIT_REGION;
    }
    if (sc->currency[0] && strcmp(sc->currency, s->currency) != 0) {
        double rate = mlroi_scenario_fx(s, sc->currency);
        char lo[64], hi[64];

        if (!(rate > 0) || !isfinite(rate)) {
            textf(why, why_size, "benchmark in %s (give \"fx\": { \"%s\": rate } to "
                  "convert it)", sc->currency, sc->currency);
            return FIT_CURRENCY;
        }
        use->low = bench->low * rate;
        use->high = bench->high * rate;
        memcpy(use->scope.currency, s->currency, sizeof use->scope.currency);
        mlroi_fmt_number(lo, sizeof lo, bench->low, 0);
        mlroi_fmt_number(hi, sizeof hi, bench->high, 0);
        if (bench->low == bench->high)
            textf(conv, conv_size, " (%s %s at %g %s per %s)", lo, sc->currency, rate,
                  s->currency, sc->currency);
        else
            textf(conv, conv_size, " (%s-%s %s at %g %s per %s)", lo, hi, sc->currency, rate,
                  s->currency, sc->currency);
    }
    return FIT_OK;
}

/* Compare VALUE with the first of BENCHES (N of them, each worded by SPECS) that fits the
 * scenario; when none fits, the check says why the one that came nearest does not, and is not
 * compared. OPTIMISTIC_ABOVE (NAN when no flag applies) is in the benchmark's own unit: only
 * benchmarks that are not money carry one. */
static void check_benchmark(mlroi_checks *out, const mlroi_scenario *s,
                            const mlroi_benchmarks *b, const mlroi_bracket *bracket,
                            const check_spec *const *specs, const mlroi_range *const *benches,
                            size_t n, double value, double optimistic_above)
{
    const check_spec *cs = specs[0];
    const char *unit_text = style_unit(cs->style);
    const mlroi_range *bench = benches[0];
    mlroi_check *c;
    mlroi_range use;
    char lead[160], conv[128], why[160], lo[64], hi[64], flag[64], tail[128];
    bench_fit best = FIT_BRACKET, fit = FIT_BRACKET;

    why[0] = '\0';
    for (size_t i = 0; i < n && fit != FIT_OK; i++) {
        char w[160];
        fit = bench_fits(s, b, bracket, benches[i], &use, conv, sizeof conv, w, sizeof w);
        if (fit == FIT_OK || !why[0] || fit > best) {
            cs = specs[i];
            bench = benches[i];
        }
        if (fit != FIT_OK && (!why[0] || fit > best)) {
            best = fit;
            textf(why, sizeof why, "%s", w);
        }
    }
    c = check_new(out, cs->key, cs->label, cs->unit, value, bench->source);
    if (!c)
        return;
    note_lead(lead, sizeof lead, cs, value);
    if (fit != FIT_OK) {
        c->verdict = MLROI_NOT_COMPARED;
        textf(c->note, sizeof c->note, "%s: not compared: %s", lead, why);
        return;
    }
    c->low = use.low;
    c->high = use.high;
    /* A figure that never arrives (payback beyond the horizon) is beyond any range. */
    if (isnan(value) || value > use.high)
        c->verdict = MLROI_ABOVE;
    else if (value < use.low)
        c->verdict = MLROI_BELOW;
    else
        c->verdict = MLROI_WITHIN;
    c->leaning = c->verdict == MLROI_ABOVE ? cs->when_above
               : c->verdict == MLROI_BELOW ? lean_other_way(cs->when_above) : MLROI_LEAN_IN_LINE;
    c->optimistic = !isnan(optimistic_above) && value > optimistic_above;
    c->fails_strict = c->optimistic;
    check_count(out, c);

    flag[0] = tail[0] = '\0';
    if (c->optimistic) {
        fmt_value(lo, sizeof lo, optimistic_above, cs->style);
        textf(flag, sizeof flag, " (flagged above %s%s)", lo, unit_text);
    }
    if (c->leaning != MLROI_LEAN_IN_LINE)
        textf(tail, sizeof tail, ": %s%s", mlroi_leaning_name(c->leaning), flag);
    fmt_value(lo, sizeof lo, use.low, cs->style);
    fmt_value(hi, sizeof hi, use.high, cs->style);
    if (isnan(value))
        textf(c->note, sizeof c->note, "%s: longer than the published %s-%s%s%s%s%s", lead, lo,
              hi, unit_text, cs->context, conv, tail);
    else if (use.low == use.high)
        textf(c->note, sizeof c->note, "%s is %s the %s%s the benchmark assumes%s%s%s", lead,
              c->verdict == MLROI_WITHIN ? "at" : c->verdict == MLROI_ABOVE ? cs->above
                                                                            : cs->below,
              lo, unit_text, cs->context, conv, tail);
    else
        textf(c->note, sizeof c->note, "%s is %s the published %s-%s%s%s%s%s", lead,
              c->verdict == MLROI_WITHIN ? "within" : c->verdict == MLROI_ABOVE ? cs->above
                                                                                : cs->below,
              lo, hi, unit_text, cs->context, conv, tail);
}

/* A check against one benchmark. */
static void check_one(mlroi_checks *out, const mlroi_scenario *s, const mlroi_benchmarks *b,
                      const mlroi_bracket *bracket, const check_spec *spec,
                      const mlroi_range *bench, double value, double optimistic_above)
{
    check_benchmark(out, s, b, bracket, &spec, &bench, 1, value, optimistic_above);
}

/* A year holds 52 weeks of the whole team's time: the quick estimate's deployment savings
 * count the whole team for every model, one after another (MODEL.md "Savings larger than the
 * work"). */
#define WEEKS_PER_YEAR 52.0

static void check_savings_exceed_work(mlroi_checks *out, const mlroi_scenario *s,
                                      const mlroi_quick *q)
{
    const mlroi_roi_inputs *in = &s->roi;
    double team_weeks = in->models_per_year * in->current_time_to_prod_weeks;
    double payroll = in->team_size * in->avg_salary;
    bool over_weeks = team_weeks > WEEKS_PER_YEAR, over_pay = q->deployment_savings > payroll;
    char weeks[160], pay[160], ds[64], pr[64];
    mlroi_check *c = check_new(out, "savings_exceed_work", "savings larger than the work",
                               "team-weeks", team_weeks,
                               "mlroi: a year holds 52 weeks of the team's time and one payroll "
                               "(team_size x avg_salary)");

    if (!c)
        return;
    c->low = 0;
    c->high = WEEKS_PER_YEAR;
    mlroi_fmt_number(ds, sizeof ds, q->deployment_savings, 0);
    mlroi_fmt_number(pr, sizeof pr, payroll, 0);
    textf(weeks, sizeof weeks, "%g models a year x %g weeks = %g whole-team weeks, %s the "
          "52 of a year", in->models_per_year, in->current_time_to_prod_weeks, team_weeks,
          over_weeks ? "more than" : "within");
    textf(pay, sizeof pay, "deployment savings (%s) %s the team's payroll (%s)", ds,
          over_pay ? "exceed" : "stay within", pr);
    if (over_weeks || over_pay) {
        c->verdict = MLROI_IMPOSSIBLE;
        c->leaning = MLROI_LEAN_OPTIMISTIC;
        c->fails_strict = true;
        textf(c->note, sizeof c->note, "%s%s%s: the formula counts the whole team for every "
              "model in turn: optimistic", over_weeks ? weeks : "",
              over_weeks && over_pay ? "; " : "", over_pay ? pay : "");
    } else {
        c->verdict = MLROI_WITHIN;
        textf(c->note, sizeof c->note, "%s; %s", weeks, pay);
    }
    check_count(out, c);
}

/* Whether the case's cost lines draw on the team's yearly cost (TEAM) and on the TCO (TCO):
 * written lines "from" those figures, or the legacy costs_from "tco" (people included only
 * with tco.include_people). */
static void plan_drawn_on(const mlroi_scenario *s, bool *team, bool *tco)
{
    bool recurring = false;

    *team = *tco = false;
    if (!s->bc.has_lines) {
        recurring = *tco = s->bc.costs_from == MLROI_COSTS_TCO;
    } else {
        for (size_t i = 0; i < s->bc.line_count; i++) {
            const mlroi_bc_line *l = &s->bc.lines[i];
            if (l->kind != MLROI_LINE_COST || l->how != MLROI_LINE_FROM)
                continue;
            if (l->from == MLROI_FIG_TEAM_ANNUAL)
                *team = true;
            else if (l->from == MLROI_FIG_TCO_RECURRING)
                recurring = *tco = true;
            else if (l->from == MLROI_FIG_TCO_ONE_TIME)
                *tco = true;
        }
    }
    if (recurring && s->tco.include_people)
        *team = true;
}

/* The case's yearly cost is the average of its unadjusted costs over years 1..N: the legacy
 * case's annual_cost exactly, and for written lines what they count a year on average
 * (escalation, ramps, a later upgrade), set against a plan whose costs are the same every
 * year. Year 0 (set-up) is left out, as the plan's yearly figure leaves out one-time costs;
 * risk uplifts are left out, as the plan's figures carry none. */
static double case_yearly_cost(const mlroi_bcase *bc)
{
    const mlroi_bcase_figures *f = &bc->unadjusted;
    double sum = 0;

    if (f->horizon < 1)
        return NAN;
    for (int t = 1; t <= f->horizon; t++)
        sum += f->years[t].costs;
    return sum / f->horizon;
}

static void check_plan_costs(mlroi_checks *out, const mlroi_scenario *s, const mlroi_bcase *bc,
                             const mlroi_team *team, const mlroi_tco *tco)
{
    bool has_team = team && team->present, has_tco = tco && tco->present;
    bool team_drawn, tco_drawn, team_out, tco_out;
    double case_cost, team_cost = 0, running = 0, plan, gap;
    char cc[64], tc[64], rc[64], pc[64], gc[64], plan_text[192], gap_text[96];
    const char *left_out;
    mlroi_check *c;

    plan_drawn_on(s, &team_drawn, &tco_drawn);
    team_out = has_team && !team_drawn;
    tco_out = has_tco && !tco_drawn;
    if (!team_out && !tco_out)
        return;
    case_cost = case_yearly_cost(bc);
    if (has_team)
        team_cost = team->annual_cost;
    /* The TCO's people are the team's cost: counted once, as the team's. */
    if (has_tco)
        running = tco->recurring_total - tco->people;
    plan = team_cost + running;
    c = check_new(out, "plan_costs_outside_case", "plan costs outside the case", "per year",
                  case_cost, "mlroi: this scenario's own team sizing and TCO");
    if (!c)
        return;
    c->low = c->high = plan;
    c->verdict = MLROI_OUTSIDE;
    c->fails_strict = true;
    gap = plan - case_cost;
    c->leaning = gap > 0.5 ? MLROI_LEAN_OPTIMISTIC
               : gap < -0.5 ? MLROI_LEAN_CONSERVATIVE : MLROI_LEAN_IN_LINE;
    mlroi_fmt_number(cc, sizeof cc, case_cost, 0);
    mlroi_fmt_number(tc, sizeof tc, team_cost, 0);
    mlroi_fmt_number(rc, sizeof rc, running, 0);
    mlroi_fmt_number(pc, sizeof pc, plan, 0);
    mlroi_fmt_number(gc, sizeof gc, fabs(gap), 0);
    if (has_team && has_tco)
        textf(plan_text, sizeof plan_text, "the plan's team (%s) and running costs (%s) "
              "come to %s", tc, rc, pc);
    else if (has_team)
        textf(plan_text, sizeof plan_text, "the plan's team comes to %s", pc);
    else
        textf(plan_text, sizeof plan_text, "the plan's running costs come to %s", pc);
    if (c->leaning == MLROI_LEAN_OPTIMISTIC)
        textf(gap_text, sizeof gap_text, "%s a year is left out", gc);
    else if (c->leaning == MLROI_LEAN_CONSERVATIVE)
        textf(gap_text, sizeof gap_text, "%s a year more than the plan", gc);
    else
        textf(gap_text, sizeof gap_text, "the same amount");
    left_out = team_out && tco_out ? "no cost line draws on the team or the TCO (from "
                                     "team.annual_cost, tco.recurring)"
             : team_out ? "no cost line draws on the team (from team.annual_cost, or "
                          "tco.recurring with tco.include_people)"
                        : "no cost line draws on the TCO (from tco.recurring)";
    textf(c->note, sizeof c->note, "the case counts %s a year; %s: %s, as %s%s%s", cc,
          plan_text, gap_text, left_out, c->leaning != MLROI_LEAN_IN_LINE ? ": " : "",
          c->leaning != MLROI_LEAN_IN_LINE ? mlroi_leaning_name(c->leaning) : "");
    check_count(out, c);
}

void mlroi_checks_eval(const mlroi_scenario *s, const mlroi_benchmarks *b,
                       const mlroi_quick *q, const mlroi_bcase *bc, const mlroi_team *team,
                       const mlroi_tco *tco, mlroi_checks *out)
{
    const mlroi_bracket *bracket = scenario_bracket(s, b, team);

    memset(out, 0, sizeof *out);
    if (q && q->present) {
        check_one(out, s, b, bracket, &spec_time_without, &b->time_to_prod_without,
                  s->roi.current_time_to_prod_weeks, NAN);
        check_one(out, s, b, bracket, &spec_time_with, &b->time_to_prod_with,
                  s->roi.mlops_time_to_prod_weeks, NAN);
        check_one(out, s, b, bracket, &spec_incidents, &b->incident_reduction,
                  s->roi.incident_reduction, b->incident_reduction_optimistic);
        check_savings_exceed_work(out, s, q);
    }
    if (bc && bc->present) {
        /* The published ROI is a 3-year figure: comparing another horizon with it would
         * mislead, so the check is made only for 3-year cases. */
        if (bc->adjusted.horizon == 3 && !isnan(bc->adjusted.roi_percent))
            check_one(out, s, b, bracket, &spec_roi, &b->roi_3y_percent,
                      bc->adjusted.roi_percent,
                      b->roi_3y_percent.high * b->roi_3y_optimistic_factor);
        check_one(out, s, b, bracket, &spec_payback, &b->payback_months,
                  bc->adjusted.payback_months, NAN);
        check_plan_costs(out, s, bc, team, tco);
    }
    if (tco && tco->present) {
        /* The article gives cloud budgets for mid-size and enterprise organisations: the one
         * published for the scenario's bracket is used, in its own words. */
        const check_spec *specs[2] = { &spec_cloud_midmarket, &spec_cloud_enterprise };
        const mlroi_range *cloud[2] = { &b->monthly_cloud_midmarket,
                                        &b->monthly_cloud_enterprise };
        check_benchmark(out, s, b, bracket, specs, cloud, 2, tco->monthly_cloud, NAN);
    }
    if (team && team->present) {
        char context[96];
        check_spec spec = spec_team;
        mlroi_check *c;
        char lead[160];

        if (bracket) {
            /* The budget of the team's own bracket, in its own words. */
            textf(context, sizeof context, " for %s",
                  bracket->noun && bracket->noun[0] ? bracket->noun : bracket->label);
            spec.context = context;
            check_one(out, s, b, bracket, &spec, &bracket->budget, team->annual_cost, NAN);
        } else if ((c = check_new(out, spec.key, spec.label, spec.unit, team->annual_cost,
                                  b->brackets[0].budget.source)) != NULL) {
            c->verdict = MLROI_NOT_COMPARED;
            note_lead(lead, sizeof lead, &spec, team->annual_cost);
            textf(c->note, sizeof c->note, "%s: not compared: published for each size of "
                  "company, and the scenario gives no organization.employees", lead);
        }
    }
}

mlroi_error mlroi_chargeback_eval(const mlroi_scenario *s, const mlroi_tco *tco,
                                  const mlroi_bcase *bc, mlroi_chargeback *out,
                                  mlroi_diags *diags)
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
    } else if (s->bc.has_lines && bc && bc->present) {
        /* The lines' risk-adjusted yearly cost, years 1..N on average: what the legacy
         * annual_cost * (1 + cost_risk) is for a case with the same cost every year. */
        int years = bc->adjusted.horizon;
        pool = 0;
        for (int t = 1; t <= years; t++)
            pool += bc->adjusted.years[t].costs;
        pool /= years > 0 ? years : 1;
        out->pool_source = "business_case.lines";
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
