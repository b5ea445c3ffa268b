/* SPDX-License-Identifier: MIT */
/* libFuzzer target for --set PATH=VALUE overrides applied to the scenarios shipped as profiles. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mlroi/analysis.h"
#include "mlroi/engine.h"
#include "mlroi/scenario.h"
#include "fuzz_check.h"

/* The profiles `mlroi init` prints, compiled in from scenarios/ by the Makefile. */
extern const unsigned char mlroi_profile_startup[], mlroi_profile_midmarket[],
    mlroi_profile_enterprise[], mlroi_profile_quick[];
extern const size_t mlroi_profile_startup_len, mlroi_profile_midmarket_len,
    mlroi_profile_enterprise_len, mlroi_profile_quick_len;

#define FUZZ_MAX_SETS 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input: one byte choosing the profile, then one override a line, split at the first
 * '=' as the command line splits `--set PATH=VALUE`. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const unsigned char *profile;
    size_t profile_len;
    char *text, *p;
    mlroi_override sets[FUZZ_MAX_SETS];
    size_t nsets = 0;
    mlroi_load_options o = {0};
    mlroi_diags d = {0};
    mlroi_scenario *s = NULL;
    mlroi_error e;

    if (size < 1)
        return 0;
    switch (data[0] & 3u) {
    case 0: profile = mlroi_profile_startup; profile_len = mlroi_profile_startup_len; break;
    case 1: profile = mlroi_profile_midmarket; profile_len = mlroi_profile_midmarket_len; break;
    case 2: profile = mlroi_profile_enterprise; profile_len = mlroi_profile_enterprise_len; break;
    default: profile = mlroi_profile_quick; profile_len = mlroi_profile_quick_len; break;
    }
    text = malloc(size);
    if (!text)
        return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    for (p = text; *p && nsets < FUZZ_MAX_SETS;) {
        char *nl = strchr(p, '\n'), *eq;
        if (nl)
            *nl = '\0';
        eq = strchr(p, '=');
        /* The command line refuses an argument with no '=' or an empty path. */
        if (eq && eq != p) {
            *eq = '\0';
            sets[nsets].path = p;
            sets[nsets].value = eq + 1;
            nsets++;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    o.overrides = sets;
    o.override_count = nsets;

    e = mlroi_scenario_load_text("profile.json", (const char *)profile, profile_len, &o, &s, &d);
    if (e != MLROI_OK && (s != NULL || mlroi_diags_errors(&d) == 0))
        abort();
    if (s) {
        /* The same path syntax names what sweeps and Monte Carlo vary. */
        for (size_t i = 0; i < nsets; i++) {
            mlroi_binding bind;
            mlroi_diags bd = {0};
            if (mlroi_binding_resolve(s, sets[i].path, &bind, &bd) == MLROI_OK) {
                /* A value the loader accepted is one a sweep may start from. */
                if (isfinite(*bind.value) &&
                    mlroi_binding_check(&bind, *bind.value, &bd) != MLROI_OK)
                    abort();
                if (bind.path[sizeof bind.path - 1] != '\0')
                    abort();
            } else if (mlroi_diags_errors(&bd) == 0) {
                abort();
            }
            mlroi_diags_free(&bd);
        }
        mlroi_diags_free(&d);
        fuzz_check_scenario(s, &d);
    }
    mlroi_scenario_free(s);
    mlroi_diags_free(&d);
    free(text);
    return 0;
}
