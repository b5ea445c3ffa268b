/* SPDX-License-Identifier: MIT */
/* The commands that evaluate and show one scenario: evaluate, roi, assess, team, tco, vendor,
 * check, chargeback, plus validate and init. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "mlroi/analysis.h"
#include "mlroi/format.h"
#include "mlroi/render.h"

#define COMMON_HELP CLI_COMMON_HELP("'npv<0' or 'payback_months>24'")

/* A "show" command: which sections it renders and what it adds to them. */
typedef struct show_spec {
    const char *name;        /* the command */
    unsigned sections;
    const char *needs;       /* section that must be present, or NULL */
    bool strict;             /* check: --strict makes a check that fails it exit 3 */
    bool licence_note;       /* tco: advise on a missing licence line */
    const char *usage;
} show_spec;

static const show_spec show_specs[] = {
    {"evaluate", MLROI_SEC_ALL, NULL, false, false,
     "Usage: mlroi evaluate FILE... [OPTIONS]\n"
     "Evaluate every module the scenario has inputs for: maturity, ROI quick\n"
     "estimate, business case, team, TCO, platform, checks and chargeback.\n" COMMON_HELP},
    {"roi", MLROI_SEC_ROI | MLROI_SEC_BCASE, "roi", false, false,
     "Usage: mlroi roi FILE... [OPTIONS]\n"
     "The 12-month quick estimate and the multi-year, risk-adjusted business case\n"
     "(cash flows, NPV, PV ROI, payback, IRR). Needs the roi section.\n" COMMON_HELP},
    {"team", MLROI_SEC_TEAM, "team", false, false,
     "Usage: mlroi team FILE... [OPTIONS]\n"
     "ML engineers, MLOps engineers and governance lead from the published ratios,\n"
     "their yearly cost, and the company's size bracket. Needs the team section.\n"
     COMMON_HELP},
    {"tco", MLROI_SEC_TCO, "tco", false, true,
     "Usage: mlroi tco FILE... [OPTIONS]\n"
     "Total cost of ownership: training and inference hours, storage, monitoring,\n"
     "licences, people and one-time costs, per year and over the horizon.\n"
     "Needs the tco section.\n" COMMON_HELP},
    {"vendor", MLROI_SEC_VENDOR, "platform", false, false,
     "Usage: mlroi vendor FILE... [OPTIONS]\n"
     "The platform the published guidance points to for the scenario's cloud and\n"
     "team, the alternatives, the licence cost and the lock-in note.\n"
     "Needs the platform section.\n" COMMON_HELP},
    {"check", MLROI_SEC_CHECKS, NULL, true, false,
     "Usage: mlroi check FILE... [--strict] [OPTIONS]\n"
     "Compare the scenario's assumptions with published benchmarks that fit its\n"
     "size, region and currency: below, within or above, which way each leans\n"
     "(optimistic, conservative, in line), and the source of each benchmark. Also\n"
     "flags savings larger than the work (impossible) and plan costs the case\n"
     "leaves out (outside).\n"
     "  --strict            exit 3 when a check fails: an assumption flagged\n"
     "                      optimistic, savings larger than the work, or plan costs\n"
     "                      outside the case; stderr names each\n" COMMON_HELP},
    {"chargeback", MLROI_SEC_CHARGEBACK, "chargeback", false, false,
     "Usage: mlroi chargeback FILE... [OPTIONS]\n"
     "Share the platform's yearly cost among business units, by models or equally;\n"
     "charges add up to the pool to the cent. Needs the chargeback section.\n" COMMON_HELP},
    {"assess", MLROI_SEC_MATURITY, "maturity", false, false,
     "Usage: mlroi assess FILE... [OPTIONS]\n"
     "The 16-question maturity checklist: score, level, gated level, the questions\n"
     "missing for the next level and the roadmap phases still to do.\n" COMMON_HELP},
};

static bool has_section(const mlroi_result *r, const char *needs)
{
    const mlroi_scenario *s = r->scenario;
    if (strcmp(needs, "roi") == 0)
        return s->has_roi;
    if (strcmp(needs, "maturity") == 0)
        return s->has_maturity;
    if (strcmp(needs, "team") == 0)
        return s->has_team;
    if (strcmp(needs, "tco") == 0)
        return s->has_tco;
    if (strcmp(needs, "platform") == 0)
        return s->has_platform;
    if (strcmp(needs, "chargeback") == 0)
        return s->has_chargeback;
    return true;
}

static void licence_note_text(const mlroi_result *r)
{
    char lo[64], hi[64];
    const mlroi_range *l = &r->vendor.recommended->licence;
    printf("\nNote: tco lists no licence, but the recommended platform (%s) would add %s-%s a "
           "year.\nIt is not added to the figures above; add a tco.licenses line to include it.\n",
           r->vendor.recommended->stack, mlroi_fmt_money(lo, sizeof lo, l->low, r->scenario->currency),
           mlroi_fmt_money(hi, sizeof hi, l->high, r->scenario->currency));
}

static int show_one(const cli_common *c, const char *file, const show_spec *spec, bool strict,
                    bool header)
{
    mlroi_scenario *s = NULL;
    mlroi_result r;
    int rc = cli_evaluate(c, file, &s, &r);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (spec->needs && !has_section(&r, spec->needs)) {
        cli_error("%s: the scenario has no \"%s\" section, which 'mlroi %s' needs", file,
                  spec->needs, c->command);
        rc = CLI_EXIT_USAGE;
        goto done;
    }
    if (c->format == CLI_FMT_JSON) {
        cJSON *root = mlroi_result_to_json(&r, spec->sections);
        if (root && spec->licence_note && r.vendor.licence_outside_tco) {
            cJSON *tco = cJSON_GetObjectItemCaseSensitive(root, "tco");
            cJSON *adv = cJSON_AddObjectToObject(tco, "licence_advice");
            cJSON_AddStringToObject(adv, "recommended", r.vendor.recommended->stack);
            cli_json_num(adv, "would_add_low", r.vendor.recommended->licence.low);
            cli_json_num(adv, "would_add_high", r.vendor.recommended->licence.high);
            cJSON_AddBoolToObject(adv, "included", false);
        }
        rc = cli_json_print(root);
    } else if (c->format == CLI_FMT_CSV) {
        rc = mlroi_render_csv(stdout, &r, spec->sections, header) == 0 ? CLI_EXIT_OK
                                                                        : CLI_EXIT_FAILURE;
    } else {
        rc = mlroi_render_text_width(stdout, &r, spec->sections, (int)cli_text_width()) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
        if (spec->licence_note && r.vendor.licence_outside_tco)
            licence_note_text(&r);
    }
    if (rc == CLI_EXIT_OK && c->fail_if_count)
        rc = cli_gates(c, cli_lookup_result, &r);
    if (rc == CLI_EXIT_OK && strict && r.checks.strict_count > 0) {
        char names[512] = "";
        size_t len = 0;
        for (int i = 0; i < r.checks.count && len < sizeof names; i++) {
            const mlroi_check *k = &r.checks.items[i];
            if (!k->fails_strict)
                continue;
            /* The flag names an optimistic assumption whatever its range verdict says. */
            snprintf(names + len, sizeof names - len, "%s%s (%s)", len ? ", " : "", k->key,
                     k->optimistic ? "optimistic" : mlroi_verdict_name(k->verdict));
            len = strlen(names);
        }
        cli_error("%s: %d check(s) fail --strict: %s", file, r.checks.strict_count, names);
        rc = CLI_EXIT_GATE;
    }
done:
    mlroi_result_free(&r);
    mlroi_scenario_free(s);
    return rc;
}

/* Run the show command named by argv[0] on every file given. */
static int run_show(int argc, char **argv)
{
    const show_spec *spec = NULL;
    const char *strict = NULL;
    const cli_opt strict_opt[] = {{"strict", false, &strict, NULL, NULL}, {NULL, 0, 0, 0, 0}};
    cli_common c;
    int rc;

    for (size_t i = 0; i < sizeof show_specs / sizeof show_specs[0] && !spec; i++)
        if (strcmp(show_specs[i].name, argv[0]) == 0)
            spec = &show_specs[i];
    if (spec == NULL) {   /* a command wired to the wrong function */
        cli_error("unknown command '%s'", argv[0]);
        return CLI_EXIT_FAILURE;
    }
    rc = cli_parse(argc, argv, spec->strict ? strict_opt : NULL, spec->usage, &c);
    if (rc >= 0)
        goto done;
    if (c.file_count == 0) {
        rc = cli_usage_error(&c, "no scenario file given");
        goto done;
    }
    if (c.format == CLI_FMT_JSON && c.file_count > 1) {
        rc = cli_usage_error(&c, "--format json takes one scenario at a time");
        goto done;
    }
    rc = CLI_EXIT_OK;
    for (size_t i = 0; i < c.file_count; i++) {
        int one;
        if (i && c.format == CLI_FMT_TEXT)
            fputs("\n", stdout);
        one = show_one(&c, c.files[i], spec, strict != NULL, i == 0);
        if (one > rc || (rc == CLI_EXIT_GATE && one != CLI_EXIT_OK))
            rc = one;
    }
done:
    cli_common_free(&c);
    return rc;
}

int cli_cmd_evaluate(int argc, char **argv)
{
    return run_show(argc, argv);
}

int cli_cmd_roi(int argc, char **argv)
{
    return run_show(argc, argv);
}

int cli_cmd_team(int argc, char **argv)
{
    return run_show(argc, argv);
}

int cli_cmd_tco(int argc, char **argv)
{
    return run_show(argc, argv);
}

int cli_cmd_vendor(int argc, char **argv)
{
    return run_show(argc, argv);
}

int cli_cmd_check(int argc, char **argv)
{
    return run_show(argc, argv);
}

int cli_cmd_chargeback(int argc, char **argv)
{
    return run_show(argc, argv);
}

int cli_cmd_assess(int argc, char **argv)
{
    return run_show(argc, argv);
}

/* validate's diagnostics: printed to stderr, or (--format json) appended to LIST as objects
 * with the same fields a text line shows. Frees D. */
static void validate_emit(cJSON *list, mlroi_diags *d)
{
    for (size_t i = 0; list && i < d->count; i++) {
        const mlroi_diag *dg = &d->items[i];
        cJSON *o = cJSON_CreateObject();
        if (!o || !cJSON_AddStringToObject(o, "severity", dg->code == MLROI_OK ? "warning"
                                                                                : "error") ||
            !cJSON_AddStringToObject(o, "file", dg->file) ||
            !cJSON_AddNumberToObject(o, "line", dg->line) ||
            !cJSON_AddNumberToObject(o, "column", dg->column) ||
            !cJSON_AddStringToObject(o, "path", dg->path) ||
            !cJSON_AddStringToObject(o, "message", dg->message) ||
            !cJSON_AddItemToArray(list, o)) {
            cJSON_Delete(o);
            cli_error("out of memory");
        }
    }
    if (!list)
        cli_print_diags(d);
    mlroi_diags_free(d);
}

static int validate_rc(mlroi_error e)
{
    if (e == MLROI_OK)
        return CLI_EXIT_OK;
    return (e == MLROI_ERR_IO || e == MLROI_ERR_NOMEM) ? CLI_EXIT_FAILURE : CLI_EXIT_USAGE;
}

int cli_cmd_validate(int argc, char **argv)
{
    cli_common c;
    cJSON *list = NULL;
    const char *ids[MLROI_MAX_CATALOG + 1];
    mlroi_load_options o = {0};
    int rc = cli_parse(argc, argv, NULL,
                       "Usage: mlroi validate FILE... [--set PATH=VALUE] [--format text|json]\n"
                       "Check scenario files without evaluating them and list every problem\n"
                       "found, each with its file, line, column and key path.\n"
                       "--format json prints one JSON array of the problems (warnings too) on\n"
                       "standard output, each with severity, file, line, column, path and\n"
                       "message; an empty array when every file is valid.\n"
                       "Exit status: 0 all valid, 1 a file could not be read, 2 a file is invalid.\n",
                       &c);
    if (rc >= 0)
        goto done;
    /* Options that would be silently ignored are refused (issue 17). */
    if (c.fail_if_count) {
        rc = cli_usage_error(&c, "validate has no figures to gate: use --fail-if with evaluate "
                                 "or an analysis command");
        goto done;
    }
    if (c.format == CLI_FMT_CSV) {
        rc = cli_usage_error(&c, "validate prints text or JSON (--format json), not CSV");
        goto done;
    }
    if (c.file_count == 0) {
        rc = cli_usage_error(&c, "no scenario file given");
        goto done;
    }
    if (c.format == CLI_FMT_JSON && !(list = cJSON_CreateArray())) {
        cli_error("out of memory");
        rc = CLI_EXIT_FAILURE;
        goto done;
    }
    cli_catalog_ids(&c, ids);
    o.overrides = c.overrides;
    o.override_count = c.override_count;
    o.known_instances = ids;
    cli_sandbox_apply(&c, &o);
    rc = CLI_EXIT_OK;
    for (size_t i = 0; i < c.file_count; i++) {
        mlroi_scenario *s = NULL;
        mlroi_diags d = {0};
        int one = validate_rc(mlroi_scenario_load(c.files[i], &o, &s, &d));
        validate_emit(list, &d);
        if (one == CLI_EXIT_OK) {
            mlroi_result r;
            /* Evaluation finds what the loader cannot (an unknown catalog id, say). */
            if (mlroi_evaluate(s, c.bench, &r, &d) != MLROI_OK) {
                one = CLI_EXIT_USAGE;
                validate_emit(list, &d);
            }
            mlroi_diags_free(&d);
            mlroi_result_free(&r);
        }
        if (one == CLI_EXIT_OK && s->has_uncertainty) {
            /* The loader keeps the uncertainty section as text for montecarlo and report:
             * check its distributions and correlations here too. */
            mlroi_mc_config *mc = NULL;
            if (mlroi_mc_config_parse(s, &mc, &d) != MLROI_OK) {
                one = CLI_EXIT_USAGE;
                validate_emit(list, &d);
            }
            mlroi_diags_free(&d);
            mlroi_mc_config_free(mc);
        }
        if (one == CLI_EXIT_OK && !list)
            printf("%s: valid\n", c.files[i]);
        if (one > rc)
            rc = one;
        mlroi_scenario_free(s);
    }
    if (list) {
        int prc = cli_json_print(list);
        list = NULL;
        if (prc > rc)
            rc = prc;
    }
done:
    cJSON_Delete(list);
    cli_common_free(&c);
    return rc;
}

/* The shipped scenarios, compiled in so that `init` works from anywhere. */
/* How a shipped scenario names its schema (src/data/mlroi.schema.json). */
#define SHIPPED_SCHEMA_REF "\"../src/data/mlroi.schema.json\""

extern const unsigned char mlroi_profile_startup[], mlroi_profile_midmarket[],
    mlroi_profile_enterprise[], mlroi_profile_quick[];

int cli_cmd_init(int argc, char **argv)
{
    static const char *profile;
    static const cli_opt opts[] = {{"profile", true, &profile, NULL, NULL}, {NULL, 0, 0, 0, 0}};
    static const struct { const char *name; const unsigned char *text; } profiles[] = {
        {"startup", mlroi_profile_startup}, {"midmarket", mlroi_profile_midmarket},
        {"enterprise", mlroi_profile_enterprise}, {"quick", mlroi_profile_quick},
    };
    cli_common c;
    int rc;
    profile = "midmarket";
    rc = cli_parse(argc, argv, opts,
                   "Usage: mlroi init [--profile startup|midmarket|enterprise|quick] > FILE\n"
                   "Print a complete starting scenario built from the published figures for a\n"
                   "company profile (default midmarket): a business case written line by line\n"
                   "whose cost lines draw on the scenario's own team and TCO, with a \"$comment\"\n"
                   "on each section and line saying what it means and where its figure comes\n"
                   "from (quick: the article's worked example, unchanged). Edit the figures,\n"
                   "then run 'mlroi validate FILE'.\n",
                   &c);
    if (rc >= 0)
        goto done;
    if (c.file_count) {
        rc = cli_usage_error(&c, "init takes no file: redirect its output instead");
        goto done;
    }
    /* init prints a shipped scenario as written (its "$comment"s included): options it would
     * ignore are refused (issue 17). Its output is JSON, so --format json is what it does. */
    if (c.override_count) {
        rc = cli_usage_error(&c, "init prints the profile as written: edit the file it "
                                 "prints, or give --set to the command that reads it");
        goto done;
    }
    if (c.format == CLI_FMT_CSV) {
        rc = cli_usage_error(&c, "init prints a scenario, which is JSON: --format csv does "
                                 "not apply");
        goto done;
    }
    if (c.fail_if_count) {
        rc = cli_usage_error(&c, "init has no figures to gate: use --fail-if with evaluate");
        goto done;
    }
    for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++)
        if (strcmp(profiles[i].name, profile) == 0) {
            /* The shipped scenario names the schema from scenarios/; a new plan lives in the
             * user's folder, beside a copy of the schema (share/mlroi/mlroi.schema.json). */
            const char *text = (const char *)profiles[i].text, *from = SHIPPED_SCHEMA_REF;
            const char *hit = strstr(text, from);
            if (hit != NULL)
                printf("%.*s%s%s", (int)(hit - text), text, "\"mlroi.schema.json\"",
                       hit + strlen(from));
            else
                fputs(text, stdout);
            rc = CLI_EXIT_OK;
            goto done;
        }
    rc = cli_usage_error(&c, "unknown profile '%s' (startup, midmarket, enterprise or quick)",
                         profile);
done:
    cli_common_free(&c);
    return rc;
}
