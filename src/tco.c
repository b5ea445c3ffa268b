/* SPDX-License-Identifier: MIT */
/* Total cost of ownership: yearly cloud, storage, monitoring, licence and people costs. */
#include "mlroi/tco.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* "a, b, c": the catalog ids a workload may name (built-in, then the scenario's own). */
static void known_ids(const mlroi_benchmarks *b, const mlroi_scenario *s, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < b->catalog_count + s->tco.catalog_count; i++) {
        const char *id = i < b->catalog_count ? b->catalog[i].id
                                              : s->tco.catalog[i - b->catalog_count].id;
        int w;
        if (!id || strcmp(id, "storage.gb_month") == 0)
            continue;
        w = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", id);
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
    }
}

static void tco_zero(mlroi_tco *out)
{
    memset(out, 0, sizeof *out);
}

mlroi_error mlroi_tco_eval(const mlroi_scenario *s, const mlroi_benchmarks *b,
                           const mlroi_team *team, mlroi_tco *out, mlroi_diags *diags)
{
    const mlroi_tco_inputs *in = &s->tco;
    mlroi_error err = MLROI_OK;
    double h = s->bc.horizon_years;
    int n;

    tco_zero(out);
    if (!s->has_tco)
        return MLROI_OK;
    n = (h >= 1 && h <= MLROI_MAX_YEARS) ? (int)floor(h + 0.5) : 3;

    for (size_t i = 0; i < in->workload_count; i++) {
        const mlroi_workload *w = &in->workloads[i];
        double rate = w->instance ? mlroi_benchmarks_rate(b, s, w->instance) : w->hourly_rate;
        double yearly;
        if (isnan(rate)) {
            char path[64], ids[256];
            snprintf(path, sizeof path, "tco.workloads[%zu].instance", i);
            if (err == MLROI_OK)
                err = MLROI_ERR_INVALID;
            if (!diags)
                continue;
            known_ids(b, s, ids, sizeof ids);
            if (w->instance)
                mlroi_diags_add(diags, MLROI_ERR_INVALID, s->file ? s->file : "", 0, 0, path,
                                "unknown catalog id \"%s\": expected one of %s, or add it "
                                "under tco.catalog", w->instance, ids);
            else
                mlroi_diags_add(diags, MLROI_ERR_INVALID, s->file ? s->file : "", 0, 0, path,
                                "expected a catalog id or an hourly_rate");
            continue;
        }
        yearly = rate * w->instances * w->hours_per_month * 12.0;
        if (w->kind == MLROI_WL_INFERENCE)
            out->inference += yearly;
        else
            out->training += yearly;
    }
    if (err != MLROI_OK)
        goto cleanup;

    out->storage_rate = mlroi_benchmarks_rate(b, s, "storage.gb_month");
    out->storage = in->storage_gb * out->storage_rate * 12.0;
    out->monitoring_rate = isnan(in->monitoring_per_model_month)
        ? (b->monitoring_per_model_month.low + b->monitoring_per_model_month.high) / 2.0
        : in->monitoring_per_model_month;
    out->monitoring = in->monitored_models * out->monitoring_rate * 12.0;

    for (size_t i = 0; i < in->license_count; i++) {
        const mlroi_license *l = &in->licenses[i];
        out->licenses += isnan(l->annual) ? l->monthly * 12.0 : l->annual;
    }
    out->has_licence_for_stack = in->license_count > 0;

    if (in->include_people) {
        if (!team || !team->present) {
            err = mlroi_diags_add(diags, MLROI_ERR_MISSING, s->file ? s->file : "", 0, 0,
                                  "tco.include_people",
                                  "people costs come from team sizing: add a team section "
                                  "or set include_people to false");
            goto cleanup;
        }
        out->people = team->annual_cost;
    }

    for (size_t i = 0; i < in->one_time_count; i++)
        out->one_time_total += in->one_time[i].amount;

    out->recurring_total = out->training + out->inference + out->storage + out->monitoring +
                           out->licenses + out->people;
    out->monthly_cloud = (out->training + out->inference + out->storage + out->monitoring) / 12.0;
    out->horizon = n;
    out->years[0] = (mlroi_tco_year){ 0, out->one_time_total, 0.0, out->one_time_total };
    for (int t = 1; t <= n; t++)
        out->years[t] = (mlroi_tco_year){ t, 0.0, out->recurring_total, out->recurring_total };
    out->total = out->one_time_total + n * out->recurring_total;
    out->present = true;

cleanup:
    if (err != MLROI_OK)
        tco_zero(out);
    return err;
}

void mlroi_tco_cost_stream(const mlroi_tco *t, mlroi_cost_stream *out)
{
    memset(out, 0, sizeof *out);
    if (!t->present)
        return;
    out->c[0] = t->one_time_total;
    for (int y = 1; y <= t->horizon && y <= MLROI_MAX_YEARS; y++)
        out->c[y] = t->recurring_total;
}
