/* SPDX-License-Identifier: MIT */
/* Text output for people: aligned, currency-formatted, every undefined figure explained. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "mlroi/format.h"
#include "mlroi/render.h"

#define B 64   /* formatting buffer */

/* Width in characters of UTF-8 text: "€" is three bytes but one column. */
static int text_width(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Print s right-aligned in `width` columns, preceded by one space. */
static void cell(FILE *f, const char *s, int width)
{
    int pad = width - text_width(s);
    fputc(' ', f);
    while (pad-- > 0)
        fputc(' ', f);
    fputs(s, f);
}

static void kv(FILE *f, const char *label, const char *value)
{
    fprintf(f, "  %-34s %s\n", label, value);
}

static const char *money(char *b, double v, const mlroi_result *r)
{
    return mlroi_fmt_money(b, B, v, r->scenario->currency);
}

static void header(FILE *f, const mlroi_result *r)
{
    const mlroi_scenario *s = r->scenario;
    char b[B];
    fprintf(f, "%s\n", s->name);
    if (s->org_name || isfinite(s->employees)) {
        fprintf(f, "%s", s->org_name ? s->org_name : "Organisation");
        if (isfinite(s->employees))
            fprintf(f, ", %s employees", mlroi_fmt_number(b, B, s->employees, 0));
        if (r->team.bracket)
            fprintf(f, " (%s)", r->team.bracket->label);
        fprintf(f, ", region %s", s->region == MLROI_REGION_EU ? "EU" : "US");
        fputc('\n', f);
    }
    fprintf(f, "Amounts in %s.\n", s->currency);
}

static void maturity(FILE *f, const mlroi_result *r)
{
    const mlroi_maturity *m = &r->maturity;
    char b[B], c[B];
    fputs("\nMaturity (16-question checklist)\n", f);
    if (!m->present) {
        fputs("  n/a: the scenario has no maturity section\n", f);
        return;
    }
    snprintf(b, B, "%d of 16 YES: %s", m->score, m->level_label);
    kv(f, "Score", b);
    snprintf(b, B, "level %d (every question up to it is YES)", m->gated_level);
    kv(f, "Gated level", b);
    snprintf(b, B, "L1 %d/4   L2 %d/4   L3 %d/4   L4 %d/4", m->yes_per_level[0],
             m->yes_per_level[1], m->yes_per_level[2], m->yes_per_level[3]);
    kv(f, "YES answers per level", b);
    if (m->gated_level < 4) {
        fprintf(f, "  To reach level %d, answer YES to:\n", m->gated_level + 1);
        for (int i = 0; i < m->missing_count; i++)
            fprintf(f, "    - %-26s %s\n", mlroi_question_ids[m->missing[i]],
                    mlroi_question_texts[m->missing[i]]);
    } else {
        fputs("  Every question is answered YES: nothing is missing.\n", f);
    }
    if (m->unanswered_count) {
        fprintf(f, "  Unanswered (counted as NO): ");
        for (int i = 0; i < m->unanswered_count; i++)
            fprintf(f, "%s%s", i ? ", " : "", mlroi_question_ids[m->unanswered[i]]);
        fputc('\n', f);
    }
    if (m->roadmap_count) {
        fputs("  Roadmap:\n", f);
        for (int i = 0; i < m->roadmap_count; i++) {
            const mlroi_phase *p = m->roadmap[i];
            fprintf(f, "    Phase %d %-12s months %2d-%-2d  %s-%s  reaches level %d\n", p->number,
                    p->name, p->month_from, p->month_to, money(b, p->budget.low, r),
                    money(c, p->budget.high, r), p->reaches_level);
            fprintf(f, "      KPI: %s\n", p->kpi);
        }
    } else {
        fputs("  Roadmap: every phase is done.\n", f);
    }
}

static void quick(FILE *f, const mlroi_result *r)
{
    const mlroi_quick *q = &r->roi;
    char b[B];
    fputs("\nROI quick estimate (12 months)\n", f);
    if (!q->present) {
        fputs("  n/a: the scenario has no roi section\n", f);
        return;
    }
    snprintf(b, B, "%s weeks", mlroi_fmt_number(b + 32, 32, q->time_saved_per_model_weeks, 1));
    kv(f, "Time saved per model", b);
    kv(f, "Team cost per week", money(b, q->cost_per_week_team, r));
    kv(f, "Deployment savings", money(b, q->deployment_savings, r));
    kv(f, "Incident savings", money(b, q->incident_savings, r));
    kv(f, "Total benefits", money(b, q->total_benefits, r));
    kv(f, "Investment (per year)", money(b, q->investment, r));
    kv(f, "Net benefit", money(b, q->net_benefit, r));
    if (isfinite(q->roi_percent))
        kv(f, "ROI", mlroi_fmt_percent(b, B, q->roi_percent, 1));
    else
        kv(f, "ROI", "n/a (no investment to divide by)");
}

static void payback_line(FILE *f, const char *label, double months, int horizon)
{
    char b[B], c[B];
    if (isfinite(months)) {
        kv(f, label, mlroi_fmt_months(b, B, months));
    } else {
        snprintf(c, B, "n/a (not reached within %d years)", horizon);
        kv(f, label, c);
    }
}

static void figures(FILE *f, const mlroi_result *r, const mlroi_bcase_figures *x)
{
    char b[B], c[B], d[B], e[B], g[B], h[B];
    fprintf(f, "  %4s %14s %14s %14s %14s %9s %14s\n", "Year", "Benefits", "Costs", "Net",
            "Cumulative", "Discount", "PV of net");
    for (int t = 0; t <= x->horizon; t++) {
        const mlroi_cash_year *y = &x->years[t];
        fprintf(f, "  %4d", y->year);
        cell(f, money(b, y->benefits, r), 14);
        cell(f, money(c, y->costs, r), 14);
        cell(f, money(d, y->net, r), 14);
        cell(f, money(e, y->cumulative_net, r), 14);
        fprintf(f, " %9.4f", y->discount_factor);
        cell(f, money(g, y->pv_net, r), 14);
        fputc('\n', f);
    }
    fprintf(f, "  %4s", "Sum");
    cell(f, money(b, x->total_benefits, r), 14);
    cell(f, money(c, x->total_costs, r), 14);
    cell(f, money(h, x->total_benefits - x->total_costs, r), 14);
    fputc('\n', f);
    kv(f, "PV of benefits", money(b, x->pv_benefits, r));
    kv(f, "PV of costs", money(b, x->pv_costs, r));
    kv(f, "NPV", money(b, x->npv, r));
    if (isfinite(x->roi_percent))
        kv(f, "PV ROI", mlroi_fmt_percent(b, B, x->roi_percent, 1));
    else
        kv(f, "PV ROI", "n/a (no costs to divide by)");
    {
        char irr[B + sizeof x->irr_note + 8];
        if (isfinite(x->irr) && x->irr_note[0])
            snprintf(irr, sizeof irr, "%s (%s)", mlroi_fmt_percent(b, B, x->irr * 100, 1),
                     x->irr_note);
        else if (isfinite(x->irr))
            snprintf(irr, sizeof irr, "%s", mlroi_fmt_percent(b, B, x->irr * 100, 1));
        else
            snprintf(irr, sizeof irr, "n/a (%s)", x->irr_note[0] ? x->irr_note : "undefined");
        kv(f, "IRR", irr);
    }
    if (isfinite(x->mirr)) {
        kv(f, "MIRR", mlroi_fmt_percent(b, B, x->mirr * 100, 1));
    } else {
        snprintf(c, B, "n/a (%s)", x->mirr_note ? x->mirr_note : "undefined");
        kv(f, "MIRR", c);
    }
    payback_line(f, "Payback", x->payback_months, x->horizon);
    payback_line(f, "Discounted payback", x->discounted_payback_months, x->horizon);
}

static void bcase(FILE *f, const mlroi_result *r)
{
    const mlroi_bcase *bc = &r->bcase;
    const mlroi_scenario *s = r->scenario;
    char b[B], c[B], d[B];
    if (!bc->present) {
        fputs("\nBusiness case\n  n/a: the business case needs the roi section\n", f);
        return;
    }
    fprintf(f, "\nBusiness case: %d years, discount rate %s, costs from %s\n",
            bc->adjusted.horizon, mlroi_fmt_percent(b, B, s->bc.discount_rate * 100, 1),
            s->bc.costs_from == MLROI_COSTS_TCO ? "the TCO" : "the investment");
    fprintf(f, "Risk-adjusted (benefits -%s, costs +%s)\n",
            mlroi_fmt_percent(c, B, s->bc.benefit_risk * 100, 0),
            mlroi_fmt_percent(d, B, s->bc.cost_risk * 100, 0));
    figures(f, r, &bc->adjusted);
    fputs("Unadjusted (every risk set to 0)\n", f);
    kv(f, "NPV", money(b, bc->unadjusted.npv, r));
    kv(f, "PV ROI", isfinite(bc->unadjusted.roi_percent)
                        ? mlroi_fmt_percent(b, B, bc->unadjusted.roi_percent, 1)
                        : "n/a (no costs to divide by)");
    payback_line(f, "Payback", bc->unadjusted.payback_months, bc->unadjusted.horizon);
}

static void role(FILE *f, const mlroi_result *r, const char *label, const mlroi_role_cost *rc)
{
    char b[B], c[B];
    const char *note = rc->salary_from_scenario ? "from the scenario"
                       : rc->salary_assumed     ? "assumed: no published benchmark"
                                                : "benchmark middle";
    fprintf(f, "  %-22s %3d  x", label, rc->count);
    cell(f, money(b, rc->salary, r), 10);
    fputs(" =", f);
    cell(f, money(c, rc->annual_cost, r), 12);
    fprintf(f, "  (%s)\n", note);
}

static void team(FILE *f, const mlroi_result *r)
{
    const mlroi_team *t = &r->team;
    char b[B], c[B], d[B];
    fputs("\nTeam sizing\n", f);
    if (!t->present) {
        fputs("  n/a: the scenario has no team section\n", f);
        return;
    }
    snprintf(b, B, "%d recommended (range %d-%d)", t->ml_recommended, t->ml_min, t->ml_max);
    kv(f, "ML engineers", b);
    snprintf(b, B, "%d", t->mlops_engineers);
    kv(f, "MLOps engineers", b);
    kv(f, "Governance lead", t->governance_lead ? "1" : "0 (not needed below level 3)");
    role(f, r, "ML engineer", &t->ml);
    role(f, r, "MLOps engineer", &t->mlops);
    if (t->governance.count)
        role(f, r, "Governance lead", &t->governance);
    {
        char e[B], line[3 * B + 16];
        snprintf(line, sizeof line, "%s (range %s-%s)", money(c, t->annual_cost, r),
                 money(d, t->annual_cost_low, r), money(e, t->annual_cost_high, r));
        kv(f, "Yearly cost", line);
    }
    if (t->bracket) {
        char line[200];
        snprintf(line, sizeof line, "%d people vs %g-%g typical: %s", t->headcount,
                 t->bracket->people.low, t->bracket->people.high,
                 t->headcount_within ? "within" : "outside");
        kv(f, "Against the size bracket", line);
        snprintf(line, sizeof line, "%s vs %s-%s a year: %s", money(b, t->annual_cost, r),
                 money(c, t->bracket->budget.low, r), money(d, t->bracket->budget.high, r),
                 t->cost_within ? "within" : "outside");
        kv(f, "", line);
    } else {
        kv(f, "Against the size bracket", "n/a (organization.employees is not given)");
    }
}

static void tco(FILE *f, const mlroi_result *r)
{
    const mlroi_tco *t = &r->tco;
    char b[B];
    fputs("\nTotal cost of ownership\n", f);
    if (!t->present) {
        fputs("  n/a: the scenario has no tco section\n", f);
        return;
    }
    kv(f, "Training (per year)", money(b, t->training, r));
    kv(f, "Inference (per year)", money(b, t->inference, r));
    kv(f, "Storage (per year)", money(b, t->storage, r));
    kv(f, "Monitoring (per year)", money(b, t->monitoring, r));
    kv(f, "Licences (per year)", money(b, t->licenses, r));
    kv(f, "People (per year)", money(b, t->people, r));
    kv(f, "Recurring total (per year)", money(b, t->recurring_total, r));
    kv(f, "Cloud per month", money(b, t->monthly_cloud, r));
    kv(f, "One-time costs", money(b, t->one_time_total, r));
    for (int y = 0; y <= t->horizon; y++) {
        char label[32];
        snprintf(label, sizeof label, y ? "Year %d" : "Year 0 (one-time)", y);
        kv(f, label, money(b, t->years[y].total, r));
    }
    {
        char label[48];
        snprintf(label, sizeof label, "Total over %d years", t->horizon);
        kv(f, label, money(b, t->total, r));
    }
}

static void vendor(FILE *f, const mlroi_result *r)
{
    const mlroi_vendor *v = &r->vendor;
    char b[B], c[B];
    fputs("\nPlatform\n", f);
    if (!v->present || !v->recommended) {
        fputs("  n/a: the scenario has no platform section\n", f);
        return;
    }
    kv(f, "Recommended", v->recommended->stack);
    if (v->recommended->licence.high > 0)
        fprintf(f, "  %-34s %s-%s a year\n", "Licence", money(b, v->recommended->licence.low, r),
                money(c, v->recommended->licence.high, r));
    else
        kv(f, "Licence", "no licence fee (infrastructure costs only)");
    fprintf(f, "  Why: %s\n", v->recommended->rationale);
    fprintf(f, "  Lock-in: %s\n", v->recommended->lock_in);
    for (int i = 0; i < v->alternative_count; i++)
        fprintf(f, "  Also fits: %s\n", v->alternatives[i]->stack);
    for (int i = 0; i < v->enterprise_count; i++)
        fprintf(f, "  Enterprise option: %s (%s)\n", v->enterprise[i]->name,
                v->enterprise[i]->cost_text);
}

static void checks(FILE *f, const mlroi_result *r)
{
    fputs("\nReasonableness checks\n", f);
    if (r->checks.count == 0) {
        fputs("  none: the scenario has no input that a benchmark covers\n", f);
        return;
    }
    /* The tag says what the reader takes away: which way a compared figure leans (a payback
     * shorter than published is optimistic, not "below"), or the verdict of a check that is
     * not a comparison (impossible, outside the case, not compared). */
    int width = 0;
    for (int i = 0; i < r->checks.count; i++) {
        const mlroi_check *k = &r->checks.items[i];
        bool compared = k->verdict == MLROI_BELOW || k->verdict == MLROI_WITHIN ||
                        k->verdict == MLROI_ABOVE;
        int w = (int)strlen(compared ? mlroi_leaning_name(k->leaning)
                                     : mlroi_verdict_name(k->verdict));
        width = w > width ? w : width;
    }
    for (int i = 0; i < r->checks.count; i++) {
        const mlroi_check *k = &r->checks.items[i];
        bool compared = k->verdict == MLROI_BELOW || k->verdict == MLROI_WITHIN ||
                        k->verdict == MLROI_ABOVE;
        fprintf(f, "  [%-*s] %s\n", width, compared ? mlroi_leaning_name(k->leaning)
                                                    : mlroi_verdict_name(k->verdict), k->note);
        fprintf(f, "  %*s source: %s\n", width + 2, "", k->source);
    }
}

static void chargeback(FILE *f, const mlroi_result *r)
{
    const mlroi_chargeback *c = &r->chargeback;
    char b[B], d[B];
    fputs("\nChargeback\n", f);
    if (!c->present) {
        fputs("  n/a: the scenario has no chargeback section\n", f);
        return;
    }
    fprintf(f, "  Pool %s a year (%s), shared by %s\n", mlroi_fmt_money_cents(b, B, c->pool,
            r->scenario->currency), c->pool_source,
            r->scenario->chargeback.basis == MLROI_CB_EQUAL ? "equal shares" : "models");
    for (size_t i = 0; i < c->unit_count; i++)
    {
        int pad = 30 - text_width(c->units[i].name);
        fprintf(f, "  %s", c->units[i].name);
        while (pad-- > 0)
            fputc(' ', f);
        fprintf(f, " %8g %-6s %8.2f %%", c->units[i].models,
                c->units[i].models == 1 ? "model" : "models", c->units[i].share * 100);
        cell(f, mlroi_fmt_money_cents(d, B, (double)c->units[i].annual_charge_cents / 100.0,
                                      r->scenario->currency), 16);
        fputc('\n', f);
    }
}

int mlroi_render_text(FILE *f, const mlroi_result *r, unsigned sec)
{
    /* `evaluate` shows what the scenario has; a named command explains what is missing. */
    if (sec == MLROI_SEC_ALL) {
        sec = 0;
        sec |= r->maturity.present ? MLROI_SEC_MATURITY : 0;
        sec |= r->roi.present ? MLROI_SEC_ROI : 0;
        sec |= r->bcase.present ? MLROI_SEC_BCASE : 0;
        sec |= r->team.present ? MLROI_SEC_TEAM : 0;
        sec |= r->tco.present ? MLROI_SEC_TCO : 0;
        sec |= r->vendor.present ? MLROI_SEC_VENDOR : 0;
        sec |= r->checks.count ? MLROI_SEC_CHECKS : 0;
        sec |= r->chargeback.present ? MLROI_SEC_CHARGEBACK : 0;
    }
    header(f, r);
    if (sec & MLROI_SEC_MATURITY)
        maturity(f, r);
    if (sec & MLROI_SEC_ROI)
        quick(f, r);
    if (sec & MLROI_SEC_BCASE)
        bcase(f, r);
    if (sec & MLROI_SEC_TEAM)
        team(f, r);
    if (sec & MLROI_SEC_TCO)
        tco(f, r);
    if (sec & MLROI_SEC_VENDOR)
        vendor(f, r);
    if (sec & MLROI_SEC_CHECKS)
        checks(f, r);
    if (sec & MLROI_SEC_CHARGEBACK)
        chargeback(f, r);
    return ferror(f) ? -1 : 0;
}
