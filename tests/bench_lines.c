/* SPDX-License-Identifier: MIT */
/* Benchmark of business-case lines (make bench): a whole `mlroi evaluate` process on a case of
 * 200 lines over 50 years, and Monte Carlo on a case written as lines against the same case
 * written with the legacy keys. Usage: bench_lines PATH-TO-MLROI */
#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "mlroi/analysis.h"
#include "mlroi/engine.h"
#include "bench_common.h"

extern char **environ;

/* A 50-year case of 200 lines: yearly lines with ramps and escalation, 51-value lines, one-time
 * amounts, and lines drawing on the quick estimate, the team and the TCO. */
static char *big_case(void)
{
    size_t cap = 1 << 20, len = 0;
    char *t = malloc(cap);
    if (t == NULL)
        return NULL;
#define ADD(...) (len += (size_t)snprintf(t + len, cap - len, __VA_ARGS__))
    ADD("{ \"format\": 1, \"name\": \"Two hundred lines\",\n"
        "  \"organization\": { \"employees\": 300, \"region\": \"US\" },\n"
        "  \"roi\": { \"team_size\": 5, \"avg_salary\": 90000, \"models_per_year\": 3,\n"
        "    \"current_time_to_prod_weeks\": 16, \"mlops_time_to_prod_weeks\": 3,\n"
        "    \"model_incidents_per_year\": 4, \"avg_incident_cost\": 75000,\n"
        "    \"incident_reduction\": 0.75, \"mlops_investment\": 200000 },\n"
        "  \"team\": { \"data_scientists\": 6, \"production_models\": 8 },\n"
        "  \"tco\": { \"storage_gb\": 500, \"monitored_models\": 8,\n"
        "    \"one_time\": [ { \"name\": \"Set-up\", \"amount\": 55000 } ] },\n"
        "  \"business_case\": { \"horizon_years\": 50, \"discount_rate\": 0.05,\n"
        "    \"benefit_ramp\": [0.25, 0.5, 0.75, 1], \"benefit_risk\": 0.1, \"cost_risk\": 0.05,\n"
        "    \"lines\": [\n"
        "      { \"name\": \"Deployment\", \"kind\": \"benefit\", \"from\": \"quick.deployment_savings\" },\n"
        "      { \"name\": \"Incidents\", \"kind\": \"benefit\", \"from\": \"quick.incident_savings\" },\n"
        "      { \"name\": \"Team\", \"kind\": \"cost\", \"from\": \"team.annual_cost\", \"escalation\": 0.03 },\n"
        "      { \"name\": \"Running\", \"kind\": \"cost\", \"from\": \"tco.recurring\" },\n"
        "      { \"name\": \"Set-up\", \"kind\": \"cost\", \"from\": \"tco.one_time\" }");
    for (int i = 5; i < 200; i++) {
        const char *kind = i % 2 ? "cost" : "benefit";
        switch (i % 3) {
        case 0:
            ADD(",\n      { \"name\": \"Line %d\", \"kind\": \"%s\", \"annual\": %d, \"start\": %d,"
                " \"ramp\": [0.5, 1], \"escalation\": 0.02, \"risk\": 0.1,"
                " \"category\": \"Group %d\", \"source\": \"bench\" }",
                i, kind, 1000 + i, 1 + i % 5, i % 7);
            break;
        case 1:
            ADD(",\n      { \"name\": \"Line %d\", \"kind\": \"%s\", \"values\": [", i, kind);
            for (int y = 0; y <= 50; y++)
                ADD("%s%d", y ? ", " : "", 100 * (i + y));
            ADD("] }");
            break;
        default:
            ADD(",\n      { \"name\": \"Line %d\", \"kind\": \"%s\", \"amount\": %d, \"year\": %d }",
                i, kind, 5000 + i, i % 51);
            break;
        }
    }
    ADD(" ] } }\n");
#undef ADD
    return t;
}

/* Best and median wall time of `MLROI evaluate FILE` (or `MLROI --version` when FILE is NULL:
 * what a process of this binary costs before it reads anything) as a whole process, output
 * discarded. */
static int time_process(const char *mlroi, const char *file, int runs, double *best,
                        double *median)
{
    double t[64];
    posix_spawn_file_actions_t fa;
    const char *argv_eval[] = { mlroi, "evaluate", file, NULL };
    const char *argv_version[] = { mlroi, "--version", NULL };
    int rc = 0;

    if (runs > 64)
        runs = 64;
    /* posix_spawn, as bench_numpy starts its processes: a fork() of this process would add
     * the copy of its own page tables, and the faults of its pages after it, to each figure. */
    if (posix_spawn_file_actions_init(&fa) != 0)
        return -1;
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    for (int k = 0; k < runs && rc == 0; k++) {
        double t0;
        int status;
        pid_t pid;
        fflush(stdout);
        t0 = bench_now();
        /* posix_spawn takes char *const[] for history's sake; it does not write to them. */
        if (posix_spawn(&pid, mlroi, &fa, NULL,
                        (char *const *)(file ? argv_eval : argv_version), environ) != 0 ||
            waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            rc = -1;
        t[k] = bench_now() - t0;
    }
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        return -1;
    qsort(t, (size_t)runs, sizeof t[0], bench_cmp_double);
    *best = t[0];
    *median = t[runs / 2];
    return 0;
}

/* The bench_analysis case, written with the legacy keys or as lines with the same figures. */
static const char mc_text[] =
    BENCH_CASE_HEAD ", %s },\n"
    BENCH_CASE_INPUTS " } } }\n";
static const char legacy_keys[] = "\"initial_investment\": 50000";
static const char as_lines[] =
    "\"lines\": [\n"
    "    { \"name\": \"Deployment\", \"kind\": \"benefit\", \"from\": \"quick.deployment_savings\" },\n"
    "    { \"name\": \"Incidents\", \"kind\": \"benefit\", \"from\": \"quick.incident_savings\" },\n"
    "    { \"name\": \"Set-up\", \"kind\": \"cost\", \"amount\": 50000 },\n"
    "    { \"name\": \"Investment\", \"kind\": \"cost\", \"from\": \"quick.investment\" } ]";

static mlroi_scenario *load(const char *body)
{
    char text[4096];
    mlroi_diags d = { 0 };
    mlroi_scenario *s = NULL;
    snprintf(text, sizeof text, mc_text, body);
    if (mlroi_scenario_load_text("bench.json", text, strlen(text), NULL, &s, &d) != MLROI_OK) {
        char line[600];
        for (size_t i = 0; i < d.count; i++) {
            mlroi_diag_format(&d.items[i], line, sizeof line);
            fprintf(stderr, "bench: %s\n", line);
        }
    }
    mlroi_diags_free(&d);
    return s;
}

/* Median and best wall seconds of REPEAT runs of 1e6 samples on THREADS threads, and the NPV
 * mean (the two forms must agree). */
static int time_mc(const mlroi_scenario *s, int threads, int repeat, double *best, double *median,
                   double *mean)
{
    double t[16];
    if (repeat > 16)
        repeat = 16;
    for (int k = 0; k < repeat; k++) {
        mlroi_mc_options o = { 1000000, false, 0, -1, 0, threads, NULL, NULL };
        mlroi_mc_result *r = NULL;
        mlroi_diags d = { 0 };
        double t0 = bench_now();
        mlroi_error err = mlroi_mc_run_scenario(s, NULL, &o, &r, &d);
        t[k] = bench_now() - t0;
        if (err == MLROI_OK)
            *mean = r->metrics[0].mean;
        mlroi_diags_free(&d);
        mlroi_mc_result_free(r);
        if (err != MLROI_OK)
            return -1;
    }
    qsort(t, (size_t)repeat, sizeof t[0], bench_cmp_double);
    *best = t[0];
    *median = t[repeat / 2];
    return 0;
}

int main(int argc, char **argv)
{
    char file[] = "/tmp/mlroi-bench-lines-XXXXXX";
    char *text = big_case();
    mlroi_scenario *legacy = load(legacy_keys), *lines = load(as_lines);
    double pb = 0, pm = 0, lb = 0, lm = 0, ln = 0, wb = 0, wm = 0, wn = 0;
    int fd = -1, rc = 0;

    if (text == NULL || legacy == NULL || lines == NULL) {
        rc = 1;
        goto done;
    }
    printf("business-case lines benchmark\n");
    if (argc > 1) {
        FILE *f;
        fd = mkstemp(file);
        f = fd >= 0 ? fdopen(fd, "w") : NULL;
        if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0) {
            fprintf(stderr, "bench: cannot write %s\n", file);
            rc = 1;
            goto done;
        }
        if (time_process(argv[1], file, 40, &pb, &pm) != 0) {
            fprintf(stderr, "bench: %s evaluate failed\n", argv[1]);
            rc = 1;
            goto done;
        }
        printf("evaluate, 200 lines over 50 years, whole process: best %.2f ms, median %.2f ms"
               "  (target < 5 ms)\n", pb * 1e3, pm * 1e3);
        if (time_process(argv[1], NULL, 40, &pb, &pm) == 0)
            printf("  beside it, mlroi --version (starting the process, reading nothing): "
                   "best %.2f ms, median %.2f ms\n", pb * 1e3, pm * 1e3);
    }
    if (time_mc(legacy, 2, 7, &wb, &wm, &wn) != 0 || time_mc(lines, 2, 7, &lb, &lm, &ln) != 0) {
        fprintf(stderr, "bench: a Monte Carlo run failed\n");
        rc = 1;
        goto done;
    }
    printf("montecarlo 1,000,000 samples, 2 threads, legacy keys: best %.3f s, median %.3f s\n",
           wb, wm);
    printf("montecarlo 1,000,000 samples, 2 threads, as lines:    best %.3f s, median %.3f s"
           "  (mean NPV %.2f vs %.2f)\n", lb, lm, ln, wn);
done:
    if (fd >= 0)
        unlink(file);
    free(text);
    mlroi_scenario_free(legacy);
    mlroi_scenario_free(lines);
    return rc;
}
