/* SPDX-License-Identifier: MIT */
/* The workbook's live model sheets: quick estimate, business case, maturity, team and TCO. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "xlsx_internal.h"

/* ---------------------------------------------------------------------------------------
 * Quick estimate
 * --------------------------------------------------------------------------------------- */

void mlroi_xlsx_quick(xl_ctx *c)
{
    static const char *const heads[] = {XN_("Figure"), XN_("Value"), XN_("Unit"), XN_("Formula")};
    static const double w[] = {36, 18, 18, 70};
    lxw_worksheet *ws = c->quick;
    const mlroi_quick *q = &c->r->roi;
    lxw_row_t row = 4, r_saved, r_week, r_dep, r_inc, r_total, r_inv, r_net;
    char a[24], b[24];

    mlroi_xlsx_sheet_setup(c, ws, XT(c, "ROI quick estimate (12 months)"),
                           XT(c, "The 12-month estimate of MLOps for Decision Makers, 2025."));
    mlroi_xlsx_widths(c, ws, w, 4);
    mlroi_xlsx_heads(c, ws, 3, heads, 4);
    worksheet_freeze_panes(ws, 4, 0);

    r_saved = row;
    mlroi_xlsx_figure(c, ws, row++, 1, XT(c, "Time saved per model"), NULL, XT(c, "weeks"),
                      XT(c, "time to production today - with MLOps"), c->fmt[XL_NUM][0],
                      q->time_saved_per_model_weeks, "=%s-%s",
                      mlroi_xlsx_input(c, "roi.current_time_to_prod_weeks"),
                      mlroi_xlsx_input(c, "roi.mlops_time_to_prod_weeks"));
    r_week = row;
    mlroi_xlsx_figure(c, ws, row++, 1, XT(c, "Cost of the team per week"), NULL, XT(c, "per week"),
                      XT(c, "team size x average salary / weeks per year"), c->fmt[XL_MONEY][0],
                      q->cost_per_week_team, "=%s*%s/%s", mlroi_xlsx_input(c, "roi.team_size"),
                      mlroi_xlsx_input(c, "roi.avg_salary"),
                      mlroi_xlsx_assume(c, "weeks_per_year",
                                        XT(c, "Weeks in a year (salary to a week's cost)"), 52,
                                        XL_COUNT, false, XT(c, "weeks"),
                                        XT(c, "calendar; MLOps for Decision Makers, 2025 (ROI "
                                              "calculator)")));
    r_dep = row;
    mlroi_xlsx_figure(c, ws, row++, 1, XT(c, "Deployment savings"), NULL, XT(c, "per year"),
                      XT(c, "weeks saved x team cost per week x models per year"),
                      c->fmt[XL_MONEY][0], q->deployment_savings, "=%s*%s*%s",
                      mlroi_xlsx_local(a, sizeof a, r_saved, 1),
                      mlroi_xlsx_local(b, sizeof b, r_week, 1),
                      mlroi_xlsx_input(c, "roi.models_per_year"));
    r_inc = row;
    mlroi_xlsx_figure(c, ws, row++, 1, XT(c, "Incident savings"), NULL, XT(c, "per year"),
                      XT(c, "incidents x cost per incident x reduction"), c->fmt[XL_MONEY][0],
                      q->incident_savings, "=%s*%s*%s",
                      mlroi_xlsx_input(c, "roi.model_incidents_per_year"),
                      mlroi_xlsx_input(c, "roi.avg_incident_cost"),
                      mlroi_xlsx_input(c, "roi.incident_reduction"));
    r_total = row;
    mlroi_xlsx_figure(c, ws, row++, 1, XT(c, "Total benefits"), c->f_bold, XT(c, "per year"),
                      XT(c, "deployment savings + incident savings"), c->f_money_total,
                      q->total_benefits, "=%s+%s", mlroi_xlsx_local(a, sizeof a, r_dep, 1),
                      mlroi_xlsx_local(b, sizeof b, r_inc, 1));
    r_inv = row;
    mlroi_xlsx_figure(c, ws, row++, 1, XT(c, "MLOps investment"), NULL, XT(c, "per year"),
                      XT(c, "from the Inputs sheet"), c->fmt[XL_MONEY][0], q->investment, "=%s",
                      mlroi_xlsx_input(c, "roi.mlops_investment"));
    r_net = row;
    mlroi_xlsx_figure(c, ws, row++, 1, XT(c, "Net benefit"), c->f_bold, XT(c, "per year"),
                      XT(c, "total benefits - investment"), c->f_money_total, q->net_benefit,
                      "=%s-%s", mlroi_xlsx_local(a, sizeof a, r_total, 1),
                      mlroi_xlsx_local(b, sizeof b, r_inv, 1));
    mlroi_xlsx_figure(c, ws, row, 1, XT(c, "ROI"), c->f_bold, XT(c, "of the investment"),
                      XT(c, "net benefit / investment (n/a without an investment)"),
                      c->fmt[XL_PCT][0], q->roi_percent / 100.0, "=IF(%s=0,\"n/a\",%s/%s)",
                      mlroi_xlsx_local(a, sizeof a, r_inv, 1),
                      mlroi_xlsx_local(b, sizeof b, r_net, 1),
                      mlroi_xlsx_local(a, sizeof a, r_inv, 1));

    mlroi_xlsx_at(&c->qe_total_benefits, XL_QUICK, r_total, 1);
    mlroi_xlsx_at(&c->qe_deployment, XL_QUICK, r_dep, 1);
    mlroi_xlsx_at(&c->qe_incident, XL_QUICK, r_inc, 1);
    mlroi_xlsx_at(&c->qe_investment, XL_QUICK, r_inv, 1);
    mlroi_xlsx_at(&c->qe_net_benefit, XL_QUICK, r_net, 1);
    mlroi_xlsx_at(&c->qe_roi, XL_QUICK, row, 1);
    mlroi_xlsx_define(c, "roi_time_saved_per_model_weeks", NULL, XL_QUICK, r_saved, 1, r_saved, 1);
    mlroi_xlsx_define(c, "roi_cost_per_week_team", NULL, XL_QUICK, r_week, 1, r_week, 1);
    mlroi_xlsx_define(c, "roi_deployment_savings", NULL, XL_QUICK, r_dep, 1, r_dep, 1);
    mlroi_xlsx_define(c, "roi_incident_savings", NULL, XL_QUICK, r_inc, 1, r_inc, 1);
    mlroi_xlsx_define(c, "roi_total_benefits", NULL, XL_QUICK, r_total, 1, r_total, 1);
    mlroi_xlsx_define(c, "roi_investment", NULL, XL_QUICK, r_inv, 1, r_inv, 1);
    mlroi_xlsx_define(c, "roi_net_benefit", NULL, XL_QUICK, r_net, 1, r_net, 1);
    mlroi_xlsx_define(c, "roi_roi_percent", NULL, XL_QUICK, row, 1, row, 1);
}

/* ---------------------------------------------------------------------------------------
 * Maturity
 * --------------------------------------------------------------------------------------- */

void mlroi_xlsx_maturity(xl_ctx *c)
{
    static const char *const heads[] = {XN_("Level"), XN_("Question id"), XN_("Question"),
                                        XN_("Answer"),
                                        XN_("Source"), XN_("Gap for the next gated level")};
    static const double w[] = {8, 26, 80, 10, 22, 24};
    lxw_worksheet *ws = c->maturity;
    const mlroi_maturity *m = &c->r->maturity;
    const lxw_row_t first = 4, last = first + MLROI_MATURITY_QUESTIONS - 1;
    lxw_row_t row, r_score, r_level, r_lv[4], r_gated;
    char a[24], b[24], buf[512];

    mlroi_xlsx_sheet_setup(c, ws, XT(c, "Maturity checklist"),
                           XT(c, "Answers are inputs of the Inputs sheet: YES or NO (empty when "
                                 "unknown: it counts as NO). Checklist of MLOps for Decision "
                                 "Makers, 2025."));
    mlroi_xlsx_widths(c, ws, w, 6);
    mlroi_xlsx_heads(c, ws, first - 1, heads, 6);
    worksheet_freeze_panes(ws, first, 0);
    /* The gated level is computed further down; the gap column points at it. */
    r_score = last + 2;
    r_level = r_score + 1;
    for (int l = 0; l < 4; l++)
        r_lv[l] = r_score + 3 + (lxw_row_t)l;
    r_gated = r_score + 7;

    for (int i = 0; i < MLROI_MATURITY_QUESTIONS; i++) {
        lxw_row_t r = first + (lxw_row_t)i;
        int level = mlroi_question_level(i);
        int ans = c->s->answers[i];
        bool missing = false;
        char ref[96];

        for (int k = 0; k < m->missing_count; k++)
            if (m->missing[k] == i)
                missing = true;
        mlroi_xlsx_num(c, ws, r, 0, level, c->fmt[XL_COUNT][0]);
        mlroi_xlsx_text(c, ws, r, 1, mlroi_question_ids[i], NULL);
        mlroi_xlsx_text(c, ws, r, 2, XT(c, mlroi_question_texts[i]), NULL);
        /* The answer is an input of the Inputs sheet; a blank one stays blank here. */
        mlroi_xlsx_ref(ref, sizeof ref, XL_INPUTS, c->answers_row + (lxw_row_t)i, 2);
        mlroi_xlsx_formula_text(c, ws, r, 3, NULL,
                                ans == MLROI_YES ? "YES" : ans == MLROI_NO ? "NO" : "",
                                "=IF(%s=\"\",\"\",%s)", ref, ref);
        mlroi_xlsx_text(c, ws, r, 4,
                        ans == MLROI_UNANSWERED ? XT(c, "unanswered") : XT(c, "Inputs sheet"),
                        NULL);
        mlroi_xlsx_formula_text(c, ws, r, 5, NULL, missing ? "missing" : "",
                                "=IF(AND(%s=%s+1,%s<>\"YES\"),\"missing\",\"\")",
                                mlroi_xlsx_local(a, sizeof a, r, 0),
                                mlroi_xlsx_local(b, sizeof b, r_gated, 3),
                                mlroi_xlsx_local(buf, sizeof buf, r, 3));
    }

    row = r_score;
    mlroi_xlsx_text(c, ws, row, 2, XT(c, "Score: number of YES answers (0..16)"), c->f_bold);
    mlroi_xlsx_formula(c, ws, row, 3, c->fmt[XL_COUNT][0], m->score, "=COUNTIF(%s:%s,\"YES\")",
                       mlroi_xlsx_local(a, sizeof a, first, 3),
                       mlroi_xlsx_local(b, sizeof b, last, 3));
    mlroi_xlsx_define(c, "maturity_score", NULL, XL_MATURITY, row, 3, row, 3);
    mlroi_xlsx_at(&c->mat_score, XL_MATURITY, row, 3);
    mlroi_xlsx_local(a, sizeof a, r_score, 3);
    mlroi_xlsx_text(c, ws, r_level, 2, XT(c, "Level from the score (0-4: 0, 5-8: 1, 9-12: 2, "
                                             "13-16: 3)"), NULL);
    {
        static const char src[] = "MLOps for Decision Makers, 2025 (maturity checklist)";
        const char *l3 = mlroi_xlsx_assume(c, "maturity_level3_score",
                                           XT(c, "Maturity: lowest score of level 3-4"), 13,
                                           XL_COUNT, false, XT(c, "YES answers"), src);
        const char *l2 = mlroi_xlsx_assume(c, "maturity_level2_score",
                                           XT(c, "Maturity: lowest score of level 2"), 9,
                                           XL_COUNT, false, XT(c, "YES answers"), src);
        const char *l1 = mlroi_xlsx_assume(c, "maturity_level1_score",
                                           XT(c, "Maturity: lowest score of level 1"), 5,
                                           XL_COUNT, false, XT(c, "YES answers"), src);
        mlroi_xlsx_formula(c, ws, r_level, 3, c->fmt[XL_COUNT][0], m->level,
                           "=IF(%s>=%s,3,IF(%s>=%s,2,IF(%s>=%s,1,0)))", a, l3, a, l2, a, l1);
    }
    mlroi_xlsx_define(c, "maturity_level", NULL, XL_MATURITY, r_level, 3, r_level, 3);
    mlroi_xlsx_text(c, ws, r_level + 1, 2, XT(c, "Level label"), NULL);
    mlroi_xlsx_local(b, sizeof b, r_level, 3);
    mlroi_xlsx_formula_text(c, ws, r_level + 1, 3, NULL, m->level_label,
                            "=IF(%s=3,\"Level 3-4\",\"Level \"&%s)", b, b);
    mlroi_xlsx_define(c, "maturity_level_label", NULL, XL_MATURITY, r_level + 1, 3,
                      r_level + 1, 3);
    mlroi_xlsx_at(&c->mat_level_label, XL_MATURITY, r_level + 1, 3);
    for (int l = 0; l < 4; l++) {
        lxw_row_t q0 = first + (lxw_row_t)(4 * l);
        snprintf(buf, sizeof buf, XT(c, "YES answers of level %d (of 4)"), l + 1);
        mlroi_xlsx_text(c, ws, r_lv[l], 2, buf, NULL);
        mlroi_xlsx_formula(c, ws, r_lv[l], 3, c->fmt[XL_COUNT][0], m->yes_per_level[l],
                           "=COUNTIF(%s:%s,\"YES\")", mlroi_xlsx_local(a, sizeof a, q0, 3),
                           mlroi_xlsx_local(b, sizeof b, q0 + 3, 3));
    }
    {
        char l1[24], l2[24], l3[24], l4[24];
        mlroi_xlsx_local(l1, sizeof l1, r_lv[0], 3);
        mlroi_xlsx_local(l2, sizeof l2, r_lv[1], 3);
        mlroi_xlsx_local(l3, sizeof l3, r_lv[2], 3);
        mlroi_xlsx_local(l4, sizeof l4, r_lv[3], 3);
        mlroi_xlsx_text(c, ws, r_gated, 2, XT(c, "Gated level: highest level whose questions, and "
                                                 "those of every level below, are all YES"),
                        c->f_bold);
        mlroi_xlsx_formula(c, ws, r_gated, 3, c->fmt[XL_COUNT][0], m->gated_level,
                           "=IF(%s<4,0,IF(%s<4,1,IF(%s<4,2,IF(%s<4,3,4))))", l1, l2, l3, l4);
        mlroi_xlsx_define(c, "maturity_gated_level", NULL, XL_MATURITY, r_gated, 3, r_gated, 3);
        mlroi_xlsx_at(&c->mat_gated, XL_MATURITY, r_gated, 3);
    }

    row = r_gated + 2;
    if (m->roadmap_count) {
        static const char *const rh[] = {XN_("Phase"), XN_("Name"), XN_("Goal"), XN_("Months"),
                                         XN_("Budget"),
                                         XN_("Reaches level")};
        mlroi_xlsx_heads(c, ws, row, rh, 6);
        mlroi_xlsx_text(c, ws, row - 1, 2, XT(c, "Roadmap: the phases still to do"), c->f_bold);
        row++;
        for (int i = 0; i < m->roadmap_count; i++, row++) {
            const mlroi_phase *ph = m->roadmap[i];
            char money_lo[64], money_hi[64];
            mlroi_xlsx_num(c, ws, row, 0, ph->number, NULL);
            mlroi_xlsx_text(c, ws, row, 1, XT(c, ph->name), NULL);
            snprintf(buf, sizeof buf, XT(c, "%s. KPI: %s"), ph->goal ? XT(c, ph->goal) : "",
                     ph->kpi ? XT(c, ph->kpi) : "");
            mlroi_xlsx_text(c, ws, row, 2, buf, NULL);
            snprintf(buf, sizeof buf, "%d-%d", ph->month_from, ph->month_to);
            mlroi_xlsx_text(c, ws, row, 3, buf, NULL);
            snprintf(money_lo, sizeof money_lo, "%.0f", ph->budget.low);
            snprintf(money_hi, sizeof money_hi, "%.0f", ph->budget.high);
            snprintf(buf, sizeof buf, "%s-%s %s", money_lo, money_hi, c->s->currency);
            mlroi_xlsx_text(c, ws, row, 4, buf, NULL);
            mlroi_xlsx_num(c, ws, row, 5, ph->reaches_level, NULL);
        }
        /* The roadmap is the engine's, from the answers at generation. */
        mlroi_xlsx_static_label(c, ws, row + 1, 2);
    }
}

/* ---------------------------------------------------------------------------------------
 * Team
 * --------------------------------------------------------------------------------------- */

void mlroi_xlsx_team(xl_ctx *c)
{
    static const double w[] = {52, 12, 18, 18, 18, 18};
    static const char *const ch[] = {XN_("Role"), XN_("People"), XN_("Salary used"),
                                     XN_("Yearly cost"), XN_("Salary range low"),
                                     XN_("Salary range high")};
    lxw_worksheet *ws = c->team;
    const mlroi_team *t = &c->r->team;
    const char *ds = mlroi_xlsx_input(c, "team.data_scientists");
    lxw_row_t row = 4, r_min, r_max, r_rec, r_mlops, r_gov, r_head, r_roles, r_total;
    char a[24], b[24], d[24];
    static const char src[] = "MLOps for Decision Makers, 2025 (team ratios)";
    const char *per_min = mlroi_xlsx_assume(c, "ds_per_ml_engineer_min",
                                            XT(c, "Data scientists per ML engineer, at least"), 6,
                                            XL_COUNT, false, XT(c, "data scientists"), src);
    const char *per_max = mlroi_xlsx_assume(c, "ds_per_ml_engineer_max",
                                            XT(c, "Data scientists per ML engineer, at most (2 per "
                                                  "4)"), 2,
                                            XL_COUNT, false, XT(c, "data scientists"), src);
    const char *rec_ml = mlroi_xlsx_assume(c, "ml_engineers_per_ds_recommended_num",
                                           XT(c, "Recommended ML engineers per group of data "
                                                 "scientists below (1.5 per 5 = 3 per 10)"), 3,
                                           XL_COUNT, false, XT(c, "ML engineers"), src);
    const char *rec_ds = mlroi_xlsx_assume(c, "ml_engineers_per_ds_recommended_den",
                                           XT(c, "The group of data scientists of the recommended "
                                                 "ratio (whole numbers: exact "
                                                 "ceilings)"), 10, XL_COUNT,
                                           false, XT(c, "data scientists"), src);
    const char *per_mlops = mlroi_xlsx_assume(c, "models_per_mlops_engineer",
                                              XT(c, "Production models per MLOps engineer, at "
                                                    "most"), 20,
                                              XL_COUNT, false, XT(c, "models"), src);
    const char *gov_level = mlroi_xlsx_assume(c, "governance_from_level",
                                              XT(c, "Target level from which a governance lead is "
                                                    "needed"), 3,
                                              XL_COUNT, false, XT(c, "level"), src);

    mlroi_xlsx_sheet_setup(c, ws, XT(c, "Team sizing"),
                           XT(c, "Ratios and salaries of MLOps for Decision Makers, 2025; ceilings "
                                 "are whole people."));
    mlroi_xlsx_widths(c, ws, w, 6);
    mlroi_xlsx_text(c, ws, 3, 0, XT(c, "Role"), c->f_header);
    mlroi_xlsx_text(c, ws, 3, 1, XT(c, "People"), c->f_header);
    mlroi_xlsx_text(c, ws, 3, 2, XT(c, "Rule"), c->f_header);
    worksheet_freeze_panes(ws, 4, 0);

    r_min = row;
    mlroi_xlsx_figure(c, ws, row++, 1, XT(c, "ML engineers, minimum"), NULL, NULL,
                      XT(c, "1 per 6 data scientists"), c->fmt[XL_COUNT][0], t->ml_min,
                      "=ROUNDUP(%s/%s,0)", ds, per_min);
    r_max = row;
    mlroi_xlsx_figure(c, ws, row++, 1, XT(c, "ML engineers, maximum"), NULL, NULL,
                      XT(c, "2 per 4 data scientists"), c->fmt[XL_COUNT][0], t->ml_max,
                      "=ROUNDUP(%s/%s,0)", ds, per_max);
    r_rec = row;
    mlroi_xlsx_figure(c, ws, row++, 1, XT(c, "ML engineers, recommended"), c->f_bold, NULL,
                      XT(c, "1.5 per 5 data scientists"), c->fmt[XL_COUNT][0], t->ml_recommended,
                      "=ROUNDUP(%s*%s/%s,0)", rec_ml, ds, rec_ds);
    r_mlops = row;
    mlroi_xlsx_figure(c, ws, row++, 1, XT(c, "MLOps engineers"), c->f_bold, NULL,
                      XT(c, "1 per up to 20 production models"), c->fmt[XL_COUNT][0],
                      t->mlops_engineers, "=ROUNDUP(%s/%s,0)",
                      mlroi_xlsx_input(c, "team.production_models"), per_mlops);
    r_gov = row;
    mlroi_xlsx_figure(c, ws, row++, 1, XT(c, "Governance lead"), c->f_bold, NULL,
                      XT(c, "when the target level is 3 or more, or a model is high-risk"),
                      c->fmt[XL_COUNT][0], t->governance_lead, "=IF(OR(%s>=%s,%s>0),1,0)",
                      mlroi_xlsx_input(c, "team.target_level"), gov_level,
                      mlroi_xlsx_input(c, "team.high_risk_models"));
    r_head = row;
    mlroi_xlsx_figure(c, ws, row, 1, XT(c, "Head count"), c->f_bold, NULL, NULL,
                      c->fmt[XL_COUNT][0],
                      t->headcount, "=%s+%s+%s", mlroi_xlsx_local(a, sizeof a, r_rec, 1),
                      mlroi_xlsx_local(b, sizeof b, r_mlops, 1),
                      mlroi_xlsx_local(d, sizeof d, r_gov, 1));
    row += 2;

    mlroi_xlsx_heads(c, ws, row, ch, 6);
    row++;
    r_roles = row;
    {
        struct { const char *label, *salary; lxw_row_t count_row; const mlroi_role_cost *rc; }
        roles[3] = {
            {XN_("ML engineers (recommended)"), "team.ml_engineer_salary", r_rec, &t->ml},
            {XN_("MLOps engineers"), "team.mlops_engineer_salary", r_mlops, &t->mlops},
            {XN_("Governance lead"), "team.governance_lead_salary", r_gov, &t->governance},
        };
        for (int i = 0; i < 3; i++, row++) {
            mlroi_xlsx_text(c, ws, row, 0, XT(c, roles[i].label), NULL);
            mlroi_xlsx_formula(c, ws, row, 1, c->fmt[XL_COUNT][0], roles[i].rc->count, "=%s",
                               mlroi_xlsx_local(a, sizeof a, roles[i].count_row, 1));
            mlroi_xlsx_formula(c, ws, row, 2, c->fmt[XL_MONEY][0], roles[i].rc->salary, "=%s",
                               mlroi_xlsx_input(c, roles[i].salary));
            mlroi_xlsx_formula(c, ws, row, 3, c->fmt[XL_MONEY][0], roles[i].rc->annual_cost,
                               "=%s*%s", mlroi_xlsx_local(a, sizeof a, row, 1),
                               mlroi_xlsx_local(b, sizeof b, row, 2));
            /* The range is the benchmark's while the salary is its middle; a salary of one's
             * own (typed here or set in the scenario) narrows the range to itself. */
            mlroi_xlsx_local(b, sizeof b, row, 2);
            for (int k = 0; k < 2; k++) {
                double v = k ? roles[i].rc->salary_high : roles[i].rc->salary_low;
                static const char *const role_key[3] = {"ml_engineer", "mlops_engineer",
                                                        "governance_lead"};
                char key[64], mid_key[64], label[160];
                const char *bound, *mid;
                if (roles[i].rc->salary_from_scenario) {
                    mlroi_xlsx_formula(c, ws, row, (lxw_col_t)(4 + k), c->fmt[XL_MONEY][0], v,
                                       "=%s", b);
                    continue;
                }
                snprintf(key, sizeof key, "%s_salary_%s", role_key[i], k ? "high" : "low");
                snprintf(label, sizeof label, XT(c, "%s: salary range, %s"), XT(c, roles[i].label),
                         k ? XT(c, "high") : XT(c, "low"));
                bound = mlroi_xlsx_assume(c, key, label, v, XL_MONEY, false, XT(c, "per year"),
                                          roles[i].rc->salary_assumed
                                              ? XT(c, "assumption (no published figure)")
                                              : XT(c, "benchmark: MLOps for Decision Makers, "
                                                      "2025"));
                snprintf(mid_key, sizeof mid_key, "%s_salary_mid", role_key[i]);
                snprintf(label, sizeof label, XT(c, "%s: the salary used by default (middle of the "
                                                    "range)"), XT(c, roles[i].label));
                mid = mlroi_xlsx_assume(c, mid_key, label,
                                        (roles[i].rc->salary_low + roles[i].rc->salary_high) / 2.0,
                                        XL_MONEY, false, XT(c, "per year"),
                                        XT(c, "middle of the benchmark range"));
                mlroi_xlsx_formula(c, ws, row, (lxw_col_t)(4 + k), c->fmt[XL_MONEY][0], v,
                                   "=IF(%s=%s,%s,%s)", b, mid, bound, b);
            }
        }
    }
    r_total = row;
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Team cost per year"), c->f_bold);
    mlroi_xlsx_formula(c, ws, row, 3, c->f_money_total, t->annual_cost, "=SUM(%s:%s)",
                       mlroi_xlsx_local(a, sizeof a, r_roles, 3),
                       mlroi_xlsx_local(b, sizeof b, r_roles + 2, 3));
    {
        char e[24];
        mlroi_xlsx_local(a, sizeof a, r_roles, 1);
        mlroi_xlsx_local(b, sizeof b, r_roles + 2, 1);
        mlroi_xlsx_local(d, sizeof d, r_roles, 4);
        mlroi_xlsx_local(e, sizeof e, r_roles + 2, 4);
        mlroi_xlsx_formula(c, ws, row, 4, c->f_money_total, t->annual_cost_low,
                           "=SUMPRODUCT(%s:%s,%s:%s)", a, b, d, e);
        mlroi_xlsx_local(d, sizeof d, r_roles, 5);
        mlroi_xlsx_local(e, sizeof e, r_roles + 2, 5);
        mlroi_xlsx_formula(c, ws, row, 5, c->f_money_total, t->annual_cost_high,
                           "=SUMPRODUCT(%s:%s,%s:%s)", a, b, d, e);
    }
    mlroi_xlsx_define(c, "team_ml_engineers_min", NULL, XL_TEAM, r_min, 1, r_min, 1);
    mlroi_xlsx_define(c, "team_ml_engineers_max", NULL, XL_TEAM, r_max, 1, r_max, 1);
    mlroi_xlsx_define(c, "team_ml_engineers_recommended", NULL, XL_TEAM, r_rec, 1, r_rec, 1);
    mlroi_xlsx_define(c, "team_mlops_engineers", NULL, XL_TEAM, r_mlops, 1, r_mlops, 1);
    mlroi_xlsx_define(c, "team_governance_lead", NULL, XL_TEAM, r_gov, 1, r_gov, 1);
    mlroi_xlsx_define(c, "team_headcount", NULL, XL_TEAM, r_head, 1, r_head, 1);
    mlroi_xlsx_define(c, "team_annual_cost", NULL, XL_TEAM, r_total, 3, r_total, 3);
    mlroi_xlsx_define(c, "team_annual_cost_low", NULL, XL_TEAM, r_total, 4, r_total, 4);
    mlroi_xlsx_define(c, "team_annual_cost_high", NULL, XL_TEAM, r_total, 5, r_total, 5);
    mlroi_xlsx_at(&c->team_annual_cost, XL_TEAM, r_total, 3);
    mlroi_xlsx_at(&c->team_headcount, XL_TEAM, r_head, 1);
    row += 2;

    if (t->bracket) {
        mlroi_xlsx_text(c, ws, row, 0, XT(c, "Size bracket of the organisation"), c->f_header);
        mlroi_xlsx_text(c, ws, row, 1, "", c->f_header);
        mlroi_xlsx_text(c, ws, row, 2, XT(c, "Low"), c->f_header);
        mlroi_xlsx_text(c, ws, row, 3, XT(c, "High"), c->f_header);
        mlroi_xlsx_text(c, ws, row, 4, XT(c, "Plan inside?"), c->f_header);
        row++;
        mlroi_xlsx_text(c, ws, row, 0, t->bracket->label, NULL);
        mlroi_xlsx_text(c, ws, row, 1, XT(c, "people"), NULL);
        mlroi_xlsx_num(c, ws, row, 2, t->bracket->people.low, c->fmt[XL_COUNT][0]);
        mlroi_xlsx_num(c, ws, row, 3, t->bracket->people.high, c->fmt[XL_COUNT][0]);
        mlroi_xlsx_text(c, ws, row++, 4, t->headcount_within ? XT(c, "yes") : XT(c, "no"), NULL);
        mlroi_xlsx_text(c, ws, row, 0, t->bracket->label, NULL);
        mlroi_xlsx_text(c, ws, row, 1, XT(c, "budget per year"), NULL);
        mlroi_xlsx_num(c, ws, row, 2, t->bracket->budget.low, c->fmt[XL_MONEY][0]);
        mlroi_xlsx_num(c, ws, row, 3, t->bracket->budget.high, c->fmt[XL_MONEY][0]);
        mlroi_xlsx_text(c, ws, row++, 4, t->cost_within ? XT(c, "yes") : XT(c, "no"), NULL);
    }
}

/* ---------------------------------------------------------------------------------------
 * TCO
 * --------------------------------------------------------------------------------------- */

enum { TC_NAME = 0, TC_KIND, TC_INSTANCE, TC_RATE, TC_COUNT, TC_HOURS, TC_YEARLY, TC_COLS };

void mlroi_xlsx_tco(xl_ctx *c)
{
    static const double w[TC_COLS] = {40, 14, 22, 16, 16, 16, 18};
    static const char *const wh[TC_COLS] = {XN_("Workload"), XN_("Kind"), XN_("Instance"),
                                            XN_("Rate per hour"), XN_("Instances"),
                                            XN_("Hours per month"), XN_("Yearly cost")};
    lxw_worksheet *ws = c->tco;
    const mlroi_scenario *s = c->s;
    const mlroi_tco *t = &c->r->tco;
    lxw_row_t row = 3, w0 = 0, l0 = 0, o0 = 0, r_break, r_total, r_monthly, r_one, y0;
    char a[24], b[24], d[24], ref[96];
    const lxw_col_t V = TC_YEARLY;

    mlroi_xlsx_sheet_setup(c, ws, XT(c, "Total cost of ownership"),
                           XT(c, "Cloud rates from the catalog (MLOps for Decision Makers, 2025) "
                                 "unless the scenario sets them."));
    mlroi_xlsx_widths(c, ws, w, TC_COLS);
    worksheet_freeze_panes(ws, s->tco.workload_count ? 4 : 3, 0);

    if (s->tco.workload_count) {
        mlroi_xlsx_heads(c, ws, row, wh, TC_COLS);
        row++;
        w0 = row;
        for (size_t i = 0; i < s->tco.workload_count; i++, row++) {
            const mlroi_workload *wl = &s->tco.workloads[i];
            lxw_row_t in = c->workload_row + (lxw_row_t)(3 * i);
            double rate = wl->instance ? mlroi_benchmarks_rate(c->r->benchmarks, s, wl->instance)
                                       : wl->hourly_rate;
            mlroi_xlsx_text(c, ws, row, TC_NAME, wl->name, NULL);
            mlroi_xlsx_text(c, ws, row, TC_KIND,
                            wl->kind == MLROI_WL_TRAINING ? "training" : "inference", NULL);
            mlroi_xlsx_text(c, ws, row, TC_INSTANCE,
                            wl->instance ? wl->instance : XT(c, "(own rate)"), NULL);
            mlroi_xlsx_formula(c, ws, row, TC_RATE, c->fmt[XL_CENTS][0], rate, "=%s",
                               mlroi_xlsx_ref(ref, sizeof ref, XL_INPUTS, in, 2));
            mlroi_xlsx_formula(c, ws, row, TC_COUNT, c->fmt[XL_NUM][0], wl->instances, "=%s",
                               mlroi_xlsx_ref(ref, sizeof ref, XL_INPUTS, in + 1, 2));
            mlroi_xlsx_formula(c, ws, row, TC_HOURS, c->fmt[XL_NUM][0], wl->hours_per_month,
                               "=%s", mlroi_xlsx_ref(ref, sizeof ref, XL_INPUTS, in + 2, 2));
            mlroi_xlsx_formula(c, ws, row, TC_YEARLY, c->fmt[XL_MONEY][0],
                               rate * wl->instances * wl->hours_per_month * 12,
                               "=%s*%s*%s*12", mlroi_xlsx_local(a, sizeof a, row, TC_RATE),
                               mlroi_xlsx_local(b, sizeof b, row, TC_COUNT),
                               mlroi_xlsx_local(d, sizeof d, row, TC_HOURS));
        }
        row++;
    }
    if (s->tco.license_count) {
        mlroi_xlsx_band(c, ws, row, TC_YEARLY - 1, XT(c, "Licence"), c->f_header);
        mlroi_xlsx_text(c, ws, row, TC_YEARLY, XT(c, "Yearly cost"), c->f_header);
        row++;
        l0 = row;
        for (size_t i = 0; i < s->tco.license_count; i++, row++) {
            const mlroi_license *l = &s->tco.licenses[i];
            bool monthly = isnan(l->annual);
            mlroi_xlsx_ref(ref, sizeof ref, XL_INPUTS, c->license_row + (lxw_row_t)i, 2);
            mlroi_xlsx_text(c, ws, row, TC_NAME, l->name, NULL);
            if (monthly)
                mlroi_xlsx_formula(c, ws, row, V, c->fmt[XL_MONEY][0], l->monthly * 12,
                                   "=%s*12", ref);
            else
                mlroi_xlsx_formula(c, ws, row, V, c->fmt[XL_MONEY][0], l->annual, "=%s", ref);
        }
        row++;
    }
    if (s->tco.one_time_count) {
        mlroi_xlsx_band(c, ws, row, TC_YEARLY - 1, XT(c, "One-time cost"), c->f_header);
        mlroi_xlsx_text(c, ws, row, TC_YEARLY, XT(c, "Amount"), c->f_header);
        row++;
        o0 = row;
        for (size_t i = 0; i < s->tco.one_time_count; i++, row++) {
            mlroi_xlsx_ref(ref, sizeof ref, XL_INPUTS, c->one_time_row + (lxw_row_t)i, 2);
            mlroi_xlsx_text(c, ws, row, TC_NAME, s->tco.one_time[i].name, NULL);
            mlroi_xlsx_formula(c, ws, row, V, c->fmt[XL_MONEY][0], s->tco.one_time[i].amount,
                               "=%s", ref);
        }
        row++;
    }

    /* The yearly breakdown. */
    mlroi_xlsx_band(c, ws, row, TC_YEARLY - 1, XT(c, "Recurring cost per year"), c->f_header);
    mlroi_xlsx_text(c, ws, row, TC_YEARLY, XT(c, "Per year"), c->f_header);
    row++;
    r_break = row;
    {
        char kinds[64], costs[64];
        if (s->tco.workload_count) {
            lxw_row_t w1 = w0 + (lxw_row_t)s->tco.workload_count - 1;
            snprintf(kinds, sizeof kinds, "%s:%s", mlroi_xlsx_local(a, sizeof a, w0, TC_KIND),
                     mlroi_xlsx_local(b, sizeof b, w1, TC_KIND));
            snprintf(costs, sizeof costs, "%s:%s", mlroi_xlsx_local(a, sizeof a, w0, TC_YEARLY),
                     mlroi_xlsx_local(b, sizeof b, w1, TC_YEARLY));
            mlroi_xlsx_formula(c, ws, row, V, c->fmt[XL_MONEY][0], t->training,
                               "=SUMIF(%s,\"training\",%s)", kinds, costs);
            mlroi_xlsx_formula(c, ws, row + 1, V, c->fmt[XL_MONEY][0], t->inference,
                               "=SUMIF(%s,\"inference\",%s)", kinds, costs);
        } else {
            mlroi_xlsx_num(c, ws, row, V, t->training, c->fmt[XL_MONEY][0]);
            mlroi_xlsx_num(c, ws, row + 1, V, t->inference, c->fmt[XL_MONEY][0]);
        }
    }
    mlroi_xlsx_text(c, ws, row, TC_NAME, XT(c, "Training"), NULL);
    mlroi_xlsx_text(c, ws, row + 1, TC_NAME, XT(c, "Inference"), NULL);
    row += 2;
    mlroi_xlsx_text(c, ws, row, TC_NAME, XT(c, "Storage"), NULL);
    mlroi_xlsx_formula(c, ws, row, V, c->fmt[XL_MONEY][0], t->storage, "=%s*%s*12",
                       mlroi_xlsx_input(c, "tco.storage_gb"),
                       mlroi_xlsx_input(c, "tco.storage_per_gb_month"));
    mlroi_xlsx_text(c, ws, row++, TC_KIND, XT(c, "GB x rate per GB-month x 12"), c->f_note);
    mlroi_xlsx_text(c, ws, row, TC_NAME, XT(c, "Monitoring"), NULL);
    mlroi_xlsx_formula(c, ws, row, V, c->fmt[XL_MONEY][0], t->monitoring, "=%s*%s*12",
                       mlroi_xlsx_input(c, "tco.monitored_models"),
                       mlroi_xlsx_input(c, "tco.monitoring_per_model_month"));
    mlroi_xlsx_text(c, ws, row++, TC_KIND, XT(c, "models x rate per model-month x 12"), c->f_note);
    mlroi_xlsx_text(c, ws, row, TC_NAME, XT(c, "Licences"), NULL);
    if (s->tco.license_count)
        mlroi_xlsx_formula(c, ws, row, V, c->fmt[XL_MONEY][0], t->licenses, "=SUM(%s:%s)",
                           mlroi_xlsx_local(a, sizeof a, l0, V),
                           mlroi_xlsx_local(b, sizeof b,
                                            l0 + (lxw_row_t)s->tco.license_count - 1, V));
    else
        mlroi_xlsx_num(c, ws, row, V, t->licenses, c->fmt[XL_MONEY][0]);
    row++;
    mlroi_xlsx_text(c, ws, row, TC_NAME, XT(c, "People (when included)"), NULL);
    if (c->team_annual_cost.set)
        mlroi_xlsx_formula(c, ws, row, V, c->fmt[XL_MONEY][0], t->people, "=IF(%s,%s,0)",
                           mlroi_xlsx_input(c, "tco.include_people"),
                           mlroi_xlsx_cref(ref, sizeof ref, &c->team_annual_cost));
    else
        mlroi_xlsx_num(c, ws, row, V, t->people, c->fmt[XL_MONEY][0]);
    row++;
    r_total = row;
    mlroi_xlsx_text(c, ws, row, TC_NAME, XT(c, "Recurring total per year"), c->f_bold);
    mlroi_xlsx_formula(c, ws, row, V, c->f_money_total, t->recurring_total, "=SUM(%s:%s)",
                       mlroi_xlsx_local(a, sizeof a, r_break, V),
                       mlroi_xlsx_local(b, sizeof b, r_break + 5, V));
    row++;
    r_monthly = row;
    mlroi_xlsx_text(c, ws, row, TC_NAME, XT(c, "Monthly cloud cost"), NULL);
    mlroi_xlsx_formula(c, ws, row, V, c->fmt[XL_MONEY][0], t->monthly_cloud,
                       "=(%s+%s+%s+%s)/12", mlroi_xlsx_local(a, sizeof a, r_break, V),
                       mlroi_xlsx_local(b, sizeof b, r_break + 1, V),
                       mlroi_xlsx_local(d, sizeof d, r_break + 2, V),
                       mlroi_xlsx_local(ref, sizeof ref, r_break + 3, V));
    mlroi_xlsx_text(c, ws, row++, TC_KIND, XT(c, "training + inference + storage + monitoring, per "
                                                 "month"), c->f_note);
    r_one = row;
    mlroi_xlsx_text(c, ws, row, TC_NAME, XT(c, "One-time total"), c->f_bold);
    if (s->tco.one_time_count)
        mlroi_xlsx_formula(c, ws, row, V, c->f_money_total, t->one_time_total, "=SUM(%s:%s)",
                           mlroi_xlsx_local(a, sizeof a, o0, V),
                           mlroi_xlsx_local(b, sizeof b,
                                            o0 + (lxw_row_t)s->tco.one_time_count - 1, V));
    else
        mlroi_xlsx_num(c, ws, row, V, t->one_time_total, c->f_money_total);
    row += 2;

    /* The years across the columns, as on the Business case (Initial, Year 1 ... Year 50),
     * the recurring cost counted while the flag says the year is inside the horizon. */
    if (row < 20)
        row = 20;   /* clear of the chart */
    mlroi_xlsx_timeline_heads(c, ws, row, row + 1);
    y0 = row + 2;
    mlroi_xlsx_text(c, ws, y0, 0, XT(c, "One-time"), NULL);
    mlroi_xlsx_text(c, ws, y0 + 1, 0, XT(c, "Recurring"), NULL);
    mlroi_xlsx_text(c, ws, y0 + 2, 0, XT(c, "Total"), c->f_bold);
    for (int y = 0; y <= MLROI_MAX_YEARS; y++) {
        const lxw_col_t col = XL_YEAR0_COL + (lxw_col_t)y;
        const bool in = y <= t->horizon;
        const mlroi_tco_year *ty = in ? &t->years[y] : NULL;
        char fl[24];
        mlroi_xlsx_colrel(fl, sizeof fl, row + 1, col);
        if (y == 0) {
            mlroi_xlsx_formula(c, ws, y0, col, c->fmt[XL_MONEY][0], ty->one_time, "=%s",
                               mlroi_xlsx_local(a, sizeof a, r_one, V));
            mlroi_xlsx_num(c, ws, y0 + 1, col, 0, c->fmt[XL_MONEY][0]);
        } else {
            mlroi_xlsx_num(c, ws, y0, col, 0, c->fmt[XL_MONEY][0]);
            mlroi_xlsx_formula(c, ws, y0 + 1, col, c->fmt[XL_MONEY][0], in ? ty->recurring : 0,
                               "=%s*%s", mlroi_xlsx_local(a, sizeof a, r_total, V), fl);
        }
        lxw_rowcol_to_cell(a, y0, col);
        lxw_rowcol_to_cell(b, y0 + 1, col);
        mlroi_xlsx_formula(c, ws, y0 + 2, col, c->fmt[XL_MONEY][0], in ? ty->total : 0,
                           "=%s+%s", a, b);
    }
    row = y0 + 3;
    mlroi_xlsx_text(c, ws, row, 0, XT(c, "Total over the horizon"), c->f_bold);
    mlroi_xlsx_formula(c, ws, row, V, c->f_money_total, t->total, "=%s+%s*%s",
                       mlroi_xlsx_local(a, sizeof a, r_one, V),
                       mlroi_xlsx_input(c, "business_case.horizon_years"),
                       mlroi_xlsx_local(b, sizeof b, r_total, V));

    mlroi_xlsx_define(c, "tco_recurring_annual_training", NULL, XL_TCO, r_break, V, r_break, V);
    mlroi_xlsx_define(c, "tco_recurring_annual_inference", NULL, XL_TCO, r_break + 1, V,
                      r_break + 1, V);
    mlroi_xlsx_define(c, "tco_recurring_annual_storage", NULL, XL_TCO, r_break + 2, V,
                      r_break + 2, V);
    mlroi_xlsx_define(c, "tco_recurring_annual_monitoring", NULL, XL_TCO, r_break + 3, V,
                      r_break + 3, V);
    mlroi_xlsx_define(c, "tco_recurring_annual_licenses", NULL, XL_TCO, r_break + 4, V,
                      r_break + 4, V);
    mlroi_xlsx_define(c, "tco_recurring_annual_people", NULL, XL_TCO, r_break + 5, V,
                      r_break + 5, V);
    mlroi_xlsx_define(c, "tco_recurring_annual_total", NULL, XL_TCO, r_total, V, r_total, V);
    mlroi_xlsx_define(c, "tco_monthly_cloud", NULL, XL_TCO, r_monthly, V, r_monthly, V);
    mlroi_xlsx_define(c, "tco_one_time_total", NULL, XL_TCO, r_one, V, r_one, V);
    {
        const lxw_col_t c0 = XL_YEAR0_COL, c1 = XL_YEAR0_COL + MLROI_MAX_YEARS;
        mlroi_xlsx_define(c, "tco_years_year", NULL, XL_TCO, y0 - 2, c0, y0 - 2, c1);
        mlroi_xlsx_define(c, "tco_years_one_time", NULL, XL_TCO, y0, c0, y0, c1);
        mlroi_xlsx_define(c, "tco_years_recurring", NULL, XL_TCO, y0 + 1, c0, y0 + 1, c1);
        mlroi_xlsx_define(c, "tco_years_total", NULL, XL_TCO, y0 + 2, c0, y0 + 2, c1);
    }
    mlroi_xlsx_define(c, "tco_total", NULL, XL_TCO, row, V, row, V);
    /* The platform recommendation goes under the tables, clear of the chart. */
    c->tco_end_row = row + 2 < 20 ? 20 : row + 2;
    mlroi_xlsx_at(&c->tco_years_total, XL_TCO, y0 + 2, XL_YEAR0_COL);
    mlroi_xlsx_at(&c->tco_recurring, XL_TCO, r_total, V);
    mlroi_xlsx_at(&c->tco_monthly_cloud, XL_TCO, r_monthly, V);
    mlroi_xlsx_at(&c->tco_one_time, XL_TCO, r_one, V);
    mlroi_xlsx_at(&c->tco_people, XL_TCO, r_break + 5, V);

    {
        lxw_chart *chart = workbook_add_chart(c->wb, LXW_CHART_BAR);
        lxw_chart_series *ser;
        if (!chart) {
            mlroi_xlsx_fail(c, MLROI_ERR_NOMEM, "out of memory");
            return;
        }
        ser = chart_add_series(chart, NULL, NULL);
        chart_series_set_categories(ser, XL_TCO, r_break, TC_NAME, r_break + 5, TC_NAME);
        chart_series_set_values(ser, XL_TCO, r_break, V, r_break + 5, V);
        chart_series_set_name(ser, XT(c, "Recurring cost per year"));
        chart_title_set_name(chart, XT(c, "Recurring cost per year by item"));
        chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
        chart_axis_set_num_format(chart->x_axis, c->money_num);
        chart_axis_set_reverse(chart->y_axis);
        mlroi_xlsx_check(c, worksheet_insert_chart(ws, 3, TC_COLS + 1, chart));
    }
}
