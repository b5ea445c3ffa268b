/* SPDX-License-Identifier: MIT */
/* Benchmark of the PDF briefing: a full consultant briefing must take under 100 ms and a board
 * briefing under 60 ms, each with every section the report gives it (make bench). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "mlroi/analysis.h"
#include "mlroi/report_pdf.h"
#include "mlroi/template.h"
#include "bench_common.h"

#define RUNS 15

static void print_diags(const mlroi_diags *d)
{
    char line[600];
    for (size_t i = 0; i < d->count; i++) {
        mlroi_diag_format(&d->items[i], line, sizeof line);
        fprintf(stderr, "bench: %s\n", line);
    }
}

/* Render RUNS times; fills best and median in milliseconds. Returns 0 on success. */
static int time_render(const mlroi_report_input *in, const char *tpl_name, int lang,
                       const char *path, double *best, double *median)
{
    mlroi_template *t = NULL;
    mlroi_diags d = { 0 };
    double ms[RUNS];
    int rc = 0;

    if (mlroi_template_builtin(tpl_name, &t, &d) != MLROI_OK) {
        print_diags(&d);
        rc = 1;
        goto done;
    }
    t->lang = lang;
    for (int k = 0; k < RUNS; k++) {
        double t0 = bench_now();
        if (mlroi_report_write_pdf(in, t, path, &d) != MLROI_OK) {
            print_diags(&d);
            rc = 1;
            goto done;
        }
        ms[k] = (bench_now() - t0) * 1e3;
    }
    qsort(ms, RUNS, sizeof ms[0], bench_cmp_double);
    *best = ms[0];
    *median = ms[RUNS / 2];
done:
    mlroi_template_free(t);
    mlroi_diags_free(&d);
    return rc;
}

int main(void)
{
    mlroi_scenario *s = NULL;
    mlroi_result r;
    mlroi_tornado *tor = NULL;
    mlroi_mc_result *mc = NULL;
    mlroi_mc_config *cfg = NULL;
    mlroi_sensitivity *sens = NULL;
    mlroi_voi *voi = NULL;
    mlroi_diags d = { 0 };
    mlroi_report_input in;
    mlroi_tornado_options to = { NULL, NAN, NULL, 0 };
    mlroi_mc_options mo = { 10000, false, 0, -1, 0, 0, NULL, NULL };
    mlroi_mc_options so = { 2000, false, 0, -1, 0, 0, NULL, NULL };
    char dir[] = "/tmp/mlroi-bench-XXXXXX", path[64];
    double cb = 0, cm = 0, bb = 0, bm = 0, fb = 0, fm = 0;
    int rc = 1;

    memset(&r, 0, sizeof r);
    if (!mkdtemp(dir)) {
        perror("bench: mkdtemp");
        return 1;
    }
    snprintf(path, sizeof path, "%s/briefing.pdf", dir);
    if (mlroi_scenario_load("scenarios/midmarket-fraud.json", NULL, &s, &d) != MLROI_OK ||
        mlroi_evaluate(s, mlroi_benchmarks_default(), &r, &d) != MLROI_OK ||
        mlroi_tornado_run(s, mlroi_benchmarks_default(), &to, &tor, &d) != MLROI_OK ||
        mlroi_mc_config_parse(s, &cfg, &d) != MLROI_OK ||
        mlroi_mc_run_with_samples(s, mlroi_benchmarks_default(), cfg, &mo, &mc, &d) != MLROI_OK ||
        /* The risk page's variance decomposition and value of information, as the report
         * computes them (fewer base samples here: only the rendering is timed). */
        mlroi_mc_sensitivity(s, mlroi_benchmarks_default(), cfg, &so, NULL, &sens, &d) !=
            MLROI_OK ||
        mlroi_mc_value_of_information(mc, 0, &voi, &d) != MLROI_OK) {
        print_diags(&d);
        goto done;
    }
    memset(&in, 0, sizeof in);
    in.result = &r;
    in.tornado = tor;
    in.mc = mc;
    in.sensitivity = sens;
    in.voi = voi;
    in.date = "2025-01-31";
    in.epoch = 1738281600;
    in.tool_version = MLROI_VERSION;
    in.scenario_sha256_hex = NULL;
    if (time_render(&in, "consultant", 0, path, &cb, &cm) != 0 ||
        time_render(&in, "board", 0, path, &bb, &bm) != 0 ||
        time_render(&in, "board", 1, path, &fb, &fm) != 0)
        goto done;
    printf("report benchmark (scenarios/midmarket-fraud.json, tornado, Monte Carlo, variance "
           "decomposition and value of information included)\n");
    printf("pdf consultant briefing: best %.1f ms, median %.1f ms of %d  (target < 100 ms)\n", cb,
           cm, RUNS);
    printf("pdf board briefing:      best %.1f ms, median %.1f ms of %d  (target < 60 ms)\n", bb,
           bm, RUNS);
    printf("pdf board briefing, fr:  best %.1f ms, median %.1f ms of %d  (target < 60 ms)\n", fb,
           fm, RUNS);
    rc = cm < 100.0 && bm < 60.0 && fm < 60.0 ? 0 : 1;
    if (cm >= 100.0)
        fprintf(stderr, "bench: the consultant briefing is over its 100 ms target\n");
    if (bm >= 60.0 || fm >= 60.0)
        fprintf(stderr, "bench: the board briefing is over its 60 ms target\n");
done:
    unlink(path);
    rmdir(dir);
    mlroi_diags_free(&d);
    mlroi_tornado_free(tor);
    mlroi_mc_result_free(mc);
    mlroi_sensitivity_free(sens);
    mlroi_voi_free(voi);
    mlroi_mc_config_free(cfg);
    mlroi_result_free(&r);
    mlroi_scenario_free(s);
    return rc;
}
