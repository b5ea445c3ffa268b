/* SPDX-License-Identifier: MIT */
/* The 16-question maturity checklist: score, level, gated level, gaps and roadmap. */
#ifndef MLROI_MATURITY_H
#define MLROI_MATURITY_H

#include <stdbool.h>
#include "mlroi/benchmarks.h"
#include "mlroi/scenario.h"

typedef struct mlroi_maturity {
    bool present;
    int score;                       /* YES answers, 0..16 */
    int level;                       /* 0..3 from the score */
    const char *level_label;         /* "Level 0", ..., "Level 3-4" */
    int gated_level;                 /* 0..4 */
    int yes_per_level[4];            /* YES answers among levels 1..4 */
    int missing[4];                  /* question indexes missing for gated_level + 1 */
    int missing_count;
    int unanswered[MLROI_MATURITY_QUESTIONS];   /* question indexes */
    int unanswered_count;
    const mlroi_phase *roadmap[3];   /* phases still to do, in order */
    int roadmap_count;
} mlroi_maturity;

/* Compute from the scenario's answers. Never fails. */
void mlroi_maturity_eval(const mlroi_scenario *s, const mlroi_benchmarks *b, mlroi_maturity *out);
/* Label for a score level (0..3). */
const char *mlroi_maturity_level_label(int level);
/* Level (1..4) a question index belongs to. */
int mlroi_question_level(int question);

#endif
