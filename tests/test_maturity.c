/* SPDX-License-Identifier: MIT */
/* Tests of the maturity checklist: score bands, gated level, gaps and roadmap. */
#include "testutil.h"

#include <string.h>
#include "mlroi/benchmarks.h"
#include "mlroi/maturity.h"
#include "mlroi/scenario.h"

/* A scenario whose first YES_COUNT questions (in the contract's order) are YES, the rest NO. */
static mlroi_scenario *answered(int yes_count)
{
    mlroi_scenario *s = mlroi_scenario_new();
    assert_non_null(s);
    s->has_maturity = true;
    for (int q = 0; q < MLROI_MATURITY_QUESTIONS; q++)
        s->answers[q] = q < yes_count ? MLROI_YES : MLROI_NO;
    return s;
}

static void eval_first_yes(int yes_count, mlroi_maturity *m)
{
    mlroi_scenario *s = answered(yes_count);
    mlroi_maturity_eval(s, mlroi_benchmarks_default(), m);
    mlroi_scenario_free(s);
}

static void score_bands_follow_the_checklist(void **state)
{
    /* The checklist: 0-4 YES level 0, 5-8 level 1, 9-12 level 2, 13-16 "Level 3-4". */
    const int scores[] = { 0, 4, 5, 8, 9, 12, 13, 16 };
    const int levels[] = { 0, 0, 1, 1, 2, 2, 3, 3 };
    mlroi_maturity m;
    (void)state;

    for (size_t i = 0; i < sizeof scores / sizeof scores[0]; i++) {
        eval_first_yes(scores[i], &m);
        assert_int_equal(m.score, scores[i]);
        assert_int_equal(m.level, levels[i]);
    }
    assert_string_equal(m.level_label, "Level 3-4");
    eval_first_yes(0, &m);
    assert_string_equal(m.level_label, "Level 0");
}

static void questions_belong_to_levels_in_groups_of_four(void **state)
{
    (void)state;
    assert_int_equal(mlroi_question_level(0), 1);
    assert_int_equal(mlroi_question_level(3), 1);
    assert_int_equal(mlroi_question_level(4), 2);
    assert_int_equal(mlroi_question_level(15), 4);
    assert_string_equal(mlroi_question_ids[10], "fast_rollback");
    assert_int_equal(mlroi_question_level(10), 3);
}

static void unanswered_questions_count_as_no_and_are_listed(void **state)
{
    mlroi_scenario *s = answered(16);
    mlroi_maturity m;
    (void)state;

    s->answers[2] = MLROI_UNANSWERED;    /* dataset_versioning */
    s->answers[9] = MLROI_UNANSWERED;    /* automated_retraining */
    mlroi_maturity_eval(s, mlroi_benchmarks_default(), &m);
    assert_int_equal(m.score, 14);
    assert_int_equal(m.unanswered_count, 2);
    assert_int_equal(m.unanswered[0], 2);
    assert_int_equal(m.unanswered[1], 9);
    assert_int_equal(m.gated_level, 0);
    assert_int_equal(m.missing_count, 1);
    assert_int_equal(m.missing[0], 2);
    mlroi_scenario_free(s);
}

static void gated_level_needs_every_lower_level_complete(void **state)
{
    mlroi_scenario *s = answered(4);   /* level 1 complete */
    mlroi_maturity m;
    (void)state;

    /* Level 3 complete, level 2 barely started: the score says level 2 (9 YES), the gate 1. */
    for (int q = 8; q < 12; q++)
        s->answers[q] = MLROI_YES;
    s->answers[4] = MLROI_YES;
    s->answers[6] = MLROI_NO;
    s->answers[7] = MLROI_UNANSWERED;
    mlroi_maturity_eval(s, mlroi_benchmarks_default(), &m);
    assert_int_equal(m.score, 9);
    assert_int_equal(m.level, 2);
    assert_int_equal(m.gated_level, 1);
    assert_int_equal(m.yes_per_level[0], 4);
    assert_int_equal(m.yes_per_level[1], 1);
    assert_int_equal(m.yes_per_level[2], 4);
    assert_int_equal(m.yes_per_level[3], 0);
    /* Missing for level 2: model_registry (5), automated_staging_deploy (6), production_metrics (7). */
    assert_int_equal(m.missing_count, 3);
    assert_int_equal(m.missing[0], 5);
    assert_int_equal(m.missing[1], 6);
    assert_int_equal(m.missing[2], 7);
    mlroi_scenario_free(s);
}

static void nothing_is_missing_at_gated_level_four(void **state)
{
    mlroi_maturity m;
    (void)state;
    eval_first_yes(16, &m);
    assert_int_equal(m.gated_level, 4);
    assert_int_equal(m.missing_count, 0);
    assert_int_equal(m.unanswered_count, 0);
    assert_int_equal(m.roadmap_count, 0);
}

static void roadmap_lists_the_phases_still_to_do(void **state)
{
    mlroi_maturity m;
    (void)state;

    eval_first_yes(0, &m);                  /* gated 0: phases 1, 2, 3 */
    assert_int_equal(m.gated_level, 0);
    assert_int_equal(m.roadmap_count, 3);
    assert_int_equal(m.roadmap[0]->number, 1);
    assert_string_equal(m.roadmap[0]->name, "Foundations");
    assert_int_equal(m.roadmap[0]->month_from, 1);
    assert_int_equal(m.roadmap[0]->month_to, 3);
    assert_close(m.roadmap[0]->budget.low, 25000, 0);
    assert_close(m.roadmap[0]->budget.high, 50000, 0);
    assert_int_equal(m.roadmap[2]->number, 3);

    eval_first_yes(4, &m);                  /* gated 1: phases 2, 3 */
    assert_int_equal(m.roadmap_count, 2);
    assert_int_equal(m.roadmap[0]->number, 2);
    assert_string_equal(m.roadmap[0]->name, "Automation");
    assert_int_equal(m.roadmap[0]->month_from, 4);
    assert_int_equal(m.roadmap[0]->month_to, 9);

    eval_first_yes(8, &m);                  /* gated 2: phase 3 */
    assert_int_equal(m.roadmap_count, 1);
    assert_int_equal(m.roadmap[0]->number, 3);
    assert_string_equal(m.roadmap[0]->name, "Maturity");
    assert_close(m.roadmap[0]->budget.low, 75000, 0);
    assert_close(m.roadmap[0]->budget.high, 150000, 0);

    eval_first_yes(12, &m);                 /* gated 3: nothing left */
    assert_int_equal(m.gated_level, 3);
    assert_int_equal(m.roadmap_count, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(score_bands_follow_the_checklist),
        cmocka_unit_test(questions_belong_to_levels_in_groups_of_four),
        cmocka_unit_test(unanswered_questions_count_as_no_and_are_listed),
        cmocka_unit_test(gated_level_needs_every_lower_level_complete),
        cmocka_unit_test(nothing_is_missing_at_gated_level_four),
        cmocka_unit_test(roadmap_lists_the_phases_still_to_do),
    };
    return cmocka_run_group_tests_name("maturity", tests, NULL, NULL);
}
