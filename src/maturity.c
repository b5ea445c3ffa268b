/* SPDX-License-Identifier: MIT */
/* Scores the 16-question maturity checklist and lists the roadmap phases still to do. */
#include "mlroi/maturity.h"

#include <string.h>

#define QUESTIONS_PER_LEVEL 4

const char *mlroi_maturity_level_label(int level)
{
    static const char *const labels[4] = { "Level 0", "Level 1", "Level 2", "Level 3-4" };
    if (level < 0 || level > 3)
        return "Level ?";
    return labels[level];
}

int mlroi_question_level(int question)
{
    if (question < 0 || question >= MLROI_MATURITY_QUESTIONS)
        return 0;
    return question / QUESTIONS_PER_LEVEL + 1;
}

/* The checklist's scoring bands: 0-4 YES, 5-8, 9-12, 13-16. */
static int level_from_score(int score)
{
    if (score <= 4)
        return 0;
    if (score <= 8)
        return 1;
    if (score <= 12)
        return 2;
    return 3;
}

void mlroi_maturity_eval(const mlroi_scenario *s, const mlroi_benchmarks *b, mlroi_maturity *out)
{
    int gated = 0;
    int still_gated = 1;

    memset(out, 0, sizeof *out);
    out->present = s->has_maturity;
    for (int q = 0; q < MLROI_MATURITY_QUESTIONS; q++) {
        if (s->answers[q] == MLROI_YES) {
            out->score++;
            out->yes_per_level[q / QUESTIONS_PER_LEVEL]++;
        } else if (s->answers[q] != MLROI_NO) {
            out->unanswered[out->unanswered_count++] = q;
        }
    }
    out->level = level_from_score(out->score);
    out->level_label = mlroi_maturity_level_label(out->level);

    /* A level counts only when it and every level below it are complete. */
    for (int l = 0; l < 4 && still_gated; l++) {
        if (out->yes_per_level[l] == QUESTIONS_PER_LEVEL)
            gated = l + 1;
        else
            still_gated = 0;
    }
    out->gated_level = gated;
    if (gated < 4) {
        for (int k = 0; k < QUESTIONS_PER_LEVEL; k++) {
            int q = gated * QUESTIONS_PER_LEVEL + k;
            if (s->answers[q] != MLROI_YES)
                out->missing[out->missing_count++] = q;
        }
    }
    if (b) {
        for (int p = 0; p < 3; p++)
            if (b->phases[p].reaches_level > gated)
                out->roadmap[out->roadmap_count++] = &b->phases[p];
    }
}
