/* SPDX-License-Identifier: MIT */
/* mlroi against its numpy references (tests/bench/), each run as a whole process: a 1000 x 1000
 * NPV grid in JSON and a Monte Carlo of 1,000,000 samples; prints the ratios (make bench). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "bench_common.h"

extern char **environ;

/* The analysis benchmark's case (bench_analysis.c): three years, five uncertain inputs. */
static const char scenario_text[] =
    BENCH_CASE_HEAD ",\n"
    "           \"initial_investment\": 50000 },\n"
    BENCH_CASE_INPUTS " } } }\n";

#define PYTHON "/usr/bin/python3"   /* Debian's, which sees python3-numpy */
#define X_AXIS "roi.avg_salary:60000:120000:1000"
#define Y_AXIS "roi.incident_reduction:0.25:1:1000"
#define REPEAT 5

/* Run ARGV with stdout into OUT (NULL: inherited); wall seconds, or -1 when it fails. */
static double run(const char *const argv[], const char *out)
{
    posix_spawn_file_actions_t fa;
    pid_t pid;
    int status, rc;
    double t0;

    posix_spawn_file_actions_init(&fa);
    if (out != NULL)
        posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, out, O_WRONLY | O_CREAT | O_TRUNC,
                                         0644);
    fflush(stdout);   /* our lines before the child's */
    t0 = bench_now();
    /* posix_spawn takes char *const[] for history's sake; it does not write to them. */
    rc = posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        fprintf(stderr, "bench: cannot run %s: %s\n", argv[0], strerror(rc));
        return -1;
    }
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench: %s failed (status %d)\n", argv[0], status);
        return -1;
    }
    return bench_now() - t0;
}

/* A and B run REPEAT times, alternately (so both meet the same load); the best and median wall
 * times of each; false when a run fails. */
static int race(const char *const a[], const char *const b[], const char *out_a, const char *out_b,
                double best[2], double median[2])
{
    double t[2][REPEAT];
    for (int k = 0; k < REPEAT; k++) {
        t[0][k] = run(a, out_a);
        t[1][k] = run(b, out_b);
        if (t[0][k] < 0 || t[1][k] < 0)
            return 0;
    }
    for (int i = 0; i < 2; i++) {
        qsort(t[i], REPEAT, sizeof t[i][0], bench_cmp_double);
        best[i] = t[i][0];
        median[i] = t[i][REPEAT / 2];
    }
    return 1;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 2 ? argv[2] : "tests/bench";
    char tmp[] = "/tmp/mlroi-bench-XXXXXX", scen[64], out_m[64], out_n[64];
    char grid_py[512], mc_py[512];
    double best[2], med[2];
    FILE *f;
    int rc = 1;

    if (argc < 2) {
        fprintf(stderr, "usage: bench_numpy MLROI [SCRIPT_DIR]\n");
        return 2;
    }
    if (access(PYTHON, X_OK) != 0 ||
        system(PYTHON " -c 'import numpy' 2>/dev/null") != 0) {
        printf("numpy benchmark skipped: " PYTHON " cannot import numpy "
               "(apt-get install python3-numpy)\n");
        return 0;
    }
    if (mkdtemp(tmp) == NULL) {
        perror("bench: mkdtemp");
        return 1;
    }
    snprintf(scen, sizeof scen, "%s/bench.json", tmp);
    snprintf(out_m, sizeof out_m, "%s/mlroi.json", tmp);
    snprintf(out_n, sizeof out_n, "%s/numpy.json", tmp);
    snprintf(grid_py, sizeof grid_py, "%s/grid_numpy.py", dir);
    snprintf(mc_py, sizeof mc_py, "%s/montecarlo_numpy.py", dir);
    f = fopen(scen, "w");
    if (f == NULL || fputs(scenario_text, f) == EOF || fclose(f) != 0) {
        perror("bench: scenario");
        goto done;
    }
    printf("mlroi against numpy, whole processes, best (median) of %d alternating runs\n",
           REPEAT);
    {
        const char *m[] = { argv[1], "grid", scen, "--x", X_AXIS, "--y", Y_AXIS, "--format", "json",
                      NULL };
        const char *n[] = { PYTHON, grid_py, scen, X_AXIS, Y_AXIS, NULL };
        const char *check[] = { PYTHON, grid_py, scen, X_AXIS, Y_AXIS, "--check", out_m, NULL };
        if (!race(m, n, out_m, out_n, best, med) || run(check, NULL) < 0)
            goto done;
        printf("grid 1000 x 1000 npv, JSON: mlroi %.3f s (%.3f), numpy %.3f s (%.3f): "
               "%.1fx faster (median %.1fx; target >= 3x)\n", best[0], med[0], best[1], med[1],
               best[1] / best[0], med[1] / med[0]);
    }
    {
        const char *m[] = { argv[1], "montecarlo", scen, "--format", "json", NULL };
        const char *n[] = { PYTHON, mc_py, scen, NULL };
        const char *check[] = { PYTHON, mc_py, scen, "--check", out_m, NULL };
        if (!race(m, n, out_m, out_n, best, med) || run(check, NULL) < 0)
            goto done;
        printf("montecarlo 1,000,000 samples, 5 inputs, LHS, JSON: mlroi %.3f s (%.3f), numpy "
               "%.3f s (%.3f): %.1fx faster (median %.1fx; target >= 35x)\n", best[0], med[0],
               best[1], med[1], best[1] / best[0], med[1] / med[0]);
    }
    rc = 0;
done:
    unlink(scen);
    unlink(out_m);
    unlink(out_n);
    rmdir(tmp);
    return rc;
}
