/* SPDX-License-Identifier: MIT */
/* `mlroi assess --interactive`: the 16 checklist questions asked one by one, for a team session. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "mlroi/analysis.h"
#include "mlroi/maturity.h"
#include "mlroi/render.h"
#include "mlroi/report.h"

static const char interactive_usage[] =
    "Usage: mlroi assess --interactive [FILE] [--out ANSWERS.json] [OPTIONS]\n"
    "Ask the 16 maturity questions one at a time (the team working session the checklist\n"
    "is made for), then print the score, level, gated level, the questions missing for the\n"
    "next level and the roadmap phases still to do.\n"
    "With FILE, its answers are the defaults, shown in capitals: [Y/n] or [y/N].\n"
    "Answers, one per line: y or yes, n or no, s or skip (or an empty line: keep the\n"
    "answer in capitals, or leave the question unanswered), b or back (the previous\n"
    "question), q or quit (stop and write nothing). Case does not matter.\n"
    "Questions go to standard error and the result to standard output, so answers can\n"
    "be piped in: printf 'y\\ny\\nn\\n...' | mlroi assess --interactive\n"
    "  --interactive       ask the questions (without it, assess reads FILE's answers)\n"
    "  --out FILE          write a scenario with the answers: FILE's content with its\n"
    "                      maturity answers replaced (without --set changes), or a minimal\n"
    "                      scenario; written to a temporary file and renamed into place\n"
    "  --set PATH=VALUE    override an input of FILE for this run (repeatable)\n"
    "  --format FMT        text (default), json or csv, for the result\n"
    "  --fail-if EXPR      exit 3 when EXPR holds, e.g. 'gated_level<2'\n"
    "  --benchmarks FILE   use another benchmark data file\n"
    "  --sandbox DIR       read extends and --benchmarks only from inside DIR\n"
    "  -h, --help          show this help\n"
    "Exit status: 0 success, 1 runtime or output failure, 2 usage error, invalid\n"
    "scenario, or the answers ended (end of input or q) before the last question,\n"
    "3 a --fail-if gate held.\n";

/* The checklist's level names (MODEL.md, after MLOps for Decision Makers, 2025). */
static const char *const level_names[4] = {
    "Tracking", "Pipeline", "Continuous training", "CI/CD/CT"
};

typedef enum reply {
    REPLY_YES, REPLY_NO, REPLY_KEEP, REPLY_BACK, REPLY_QUIT, REPLY_HELP, REPLY_INVALID
} reply;

/* Every answer understood, lower case. */
static const struct { const char *word; reply r; } replies[] = {
    {"y", REPLY_YES}, {"yes", REPLY_YES}, {"n", REPLY_NO}, {"no", REPLY_NO},
    {"", REPLY_KEEP}, {"s", REPLY_KEEP}, {"skip", REPLY_KEEP}, {"b", REPLY_BACK},
    {"back", REPLY_BACK}, {"q", REPLY_QUIT}, {"quit", REPLY_QUIT}, {"?", REPLY_HELP},
    {"h", REPLY_HELP}, {"help", REPLY_HELP},
};

/* Lower-case, trimmed copy of LINE in BUF; classify it. */
static reply parse_reply(const char *line, char *buf, size_t size)
{
    size_t n = 0;
    const char *p = line, *end = line + strlen(line);
    while (p < end && isspace((unsigned char)*p))
        p++;
    while (end > p && isspace((unsigned char)end[-1]))
        end--;
    if ((size_t)(end - p) >= size)
        return REPLY_INVALID;
    for (; p < end; p++)
        buf[n++] = (char)tolower((unsigned char)*p);
    buf[n] = '\0';
    for (size_t i = 0; i < sizeof replies / sizeof replies[0]; i++)
        if (strcmp(buf, replies[i].word) == 0)
            return replies[i].r;
    return REPLY_INVALID;
}

static const char *choices_for(signed char current)
{
    if (current == MLROI_YES)
        return "[Y/n]";
    if (current == MLROI_NO)
        return "[y/N]";
    return "[y/n]";
}

typedef enum session_end { SESSION_DONE, SESSION_EOF, SESSION_QUIT, SESSION_ERROR } session_end;

/* Ask every question on stderr, reading answers from IN; ANSWERS holds the defaults on
 * entry and the session's answers on return. *at receives the question it stopped at. */
static session_end run_session(FILE *in, signed char answers[MLROI_MATURITY_QUESTIONS], int *at)
{
    char *line = NULL, word[16];
    size_t cap = 0;
    /* Piped answers are not echoed by a terminal: echo them, so the transcript reads well. */
    int echo = !isatty(fileno(in));
    session_end end = SESSION_DONE;
    int q = 0;

    fputs("Maturity assessment: 16 yes/no questions, four for each level.\n"
          "Answer y or n. Enter or s keeps the answer in capitals (none: unanswered),\n"
          "b goes back one question, q stops without writing anything.\n", stderr);
    while (q < MLROI_MATURITY_QUESTIONS) {
        int level = mlroi_question_level(q);
        reply r;
        fprintf(stderr, "\n%d/%d  L%d %s  (%s)\n%s\n%s ", q + 1, MLROI_MATURITY_QUESTIONS,
                level, level_names[level - 1], mlroi_question_ids[q], mlroi_question_texts[q],
                choices_for(answers[q]));
        if (fflush(stderr) != 0) {
            end = SESSION_ERROR;
            break;
        }
        errno = 0;
        if (getline(&line, &cap, in) < 0) {
            end = ferror(in) ? SESSION_ERROR : SESSION_EOF;
            fputc('\n', stderr);
            break;
        }
        if (echo)
            fprintf(stderr, "%s%s", line, strchr(line, '\n') ? "" : "\n");
        r = parse_reply(line, word, sizeof word);
        switch (r) {
        case REPLY_YES:
            answers[q++] = MLROI_YES;
            break;
        case REPLY_NO:
            answers[q++] = MLROI_NO;
            break;
        case REPLY_KEEP:
            q++;
            break;
        case REPLY_BACK:
            if (q == 0)
                fputs("  This is the first question.\n", stderr);
            else
                q--;
            break;
        case REPLY_QUIT:
            end = SESSION_QUIT;
            break;
        case REPLY_HELP:
        case REPLY_INVALID:
            fputs("  Answer y (yes), n (no), s (skip), b (back) or q (quit).\n", stderr);
            break;
        }
        if (end != SESSION_DONE)
            break;
    }
    free(line);
    *at = q + 1;
    return end;
}

/* ---------- the answers file ---------- */

static char *read_text(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0;
    if (!f)
        return NULL;
    for (;;) {
        size_t got;
        if (cap - n < 4097) {
            char *nb = cap > MLROI_MAX_FILE_SIZE ? NULL : realloc(buf, cap ? cap * 2 : 8192);
            if (!nb) {
                free(buf);
                buf = NULL;
                goto cleanup;
            }
            buf = nb;
            cap = cap ? cap * 2 : 8192;
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        buf = NULL;
        goto cleanup;
    }
    buf[n] = '\0';
    *len = n;
cleanup:
    fclose(f);
    return buf;
}

/* FILE's content (or a minimal scenario) with maturity.answers set to ANSWERS; NULL when out
 * of memory or FILE cannot be read again. The caller frees the text. */
static char *answers_document(const char *file, const signed char *answers)
{
    cJSON *root = NULL, *maturity, *old, *fresh = NULL, *note = NULL;
    char *text = NULL;
    if (file) {
        size_t len = 0;
        char *raw = read_text(file, &len);
        if (!raw)
            return NULL;
        root = cJSON_ParseWithLength(raw, len);
        free(raw);
    } else {
        root = cJSON_CreateObject();
        if (root && (!cJSON_AddStringToObject(root, "$schema", "mlroi.schema.json") ||
                     !cJSON_AddNumberToObject(root, "format", 1) ||
                     !cJSON_AddStringToObject(root, "name", "Maturity assessment"))) {
            cJSON_Delete(root);
            root = NULL;
        }
    }
    if (!cJSON_IsObject(root))
        goto cleanup;
    maturity = cJSON_GetObjectItemCaseSensitive(root, "maturity");
    if (!cJSON_IsObject(maturity)) {
        cJSON_DeleteItemFromObjectCaseSensitive(root, "maturity");
        maturity = cJSON_AddObjectToObject(root, "maturity");
        if (!maturity)
            goto cleanup;
    }
    fresh = cJSON_CreateObject();
    if (!fresh)
        goto cleanup;
    /* A note the team left on the answers stays with them. */
    old = cJSON_GetObjectItemCaseSensitive(maturity, "answers");
    note = cJSON_IsObject(old) ? cJSON_GetObjectItemCaseSensitive(old, "$comment") : NULL;
    if (note) {
        cJSON *copy = cJSON_Duplicate(note, 1);
        if (!copy)
            goto cleanup;
        cJSON_AddItemToObject(fresh, "$comment", copy);
    }
    for (int q = 0; q < MLROI_MATURITY_QUESTIONS; q++)
        if (answers[q] != MLROI_UNANSWERED &&
            !cJSON_AddBoolToObject(fresh, mlroi_question_ids[q], answers[q] == MLROI_YES))
            goto cleanup;
    if (old)
        cJSON_ReplaceItemInObjectCaseSensitive(maturity, "answers", fresh);
    else
        cJSON_AddItemToObject(maturity, "answers", fresh);
    fresh = NULL;
    text = cJSON_Print(root);
cleanup:
    cJSON_Delete(fresh);
    cJSON_Delete(root);
    return text;
}

typedef struct doc_writer {
    const char *text;
} doc_writer;

static mlroi_error write_doc(void *ctx, const char *tmp_path, mlroi_diags *diags)
{
    const doc_writer *w = ctx;
    FILE *f = fopen(tmp_path, "wb");
    int bad;
    if (!f)
        return mlroi_diags_add(diags, MLROI_ERR_IO, tmp_path, 0, 0, "", "cannot open: %s",
                               strerror(errno));
    fputs(w->text, f);
    fputc('\n', f);
    bad = ferror(f);
    if (fclose(f) != 0 || bad)
        return mlroi_diags_add(diags, MLROI_ERR_IO, tmp_path, 0, 0, "", "write error: %s",
                               strerror(errno));
    return MLROI_OK;
}

/* Check that the document loads as a scenario where it will live, then write it atomically. */
static int save_answers(const cli_common *c, const char *out, const char *file,
                        const signed char *answers)
{
    mlroi_diags d = {0};
    mlroi_scenario *check = NULL;
    mlroi_load_options o = {0};
    const char *ids[MLROI_MAX_CATALOG + 1];
    doc_writer w;
    int rc = CLI_EXIT_OK;
    char *text = answers_document(file, answers);
    if (!text) {
        cli_error("%s: cannot build the answers file (out of memory, or %s cannot be read again)",
                  out, file ? file : "the scenario");
        return CLI_EXIT_FAILURE;
    }
    cli_catalog_ids(c, ids);
    o.known_instances = ids;
    cli_sandbox_apply(c, &o);
    /* Named as the output so that an "extends" path resolves as it will for `validate`. */
    if (mlroi_scenario_load_text(out, text, strlen(text), &o, &check, &d) != MLROI_OK) {
        for (size_t i = 0; i < d.count; i++)
            if (d.items[i].code != MLROI_OK) {
                char line[1024];
                mlroi_diag_format(&d.items[i], line, sizeof line);
                cli_error("%s", line);
            }
        cli_error("%s: the answers file would not be a valid scenario there: nothing written", out);
        rc = CLI_EXIT_FAILURE;
        goto cleanup;
    }
    mlroi_diags_free(&d);
    w.text = text;
    if (mlroi_write_atomic(out, write_doc, &w, &d) != MLROI_OK) {
        cli_print_diags(&d);
        rc = CLI_EXIT_FAILURE;
        goto cleanup;
    }
    fprintf(stderr, "Answers written to %s.\n", out);
cleanup:
    mlroi_scenario_free(check);
    mlroi_diags_free(&d);
    free(text);
    return rc;
}

/* ---------- the command ---------- */

static int show_result(const cli_common *c, const mlroi_result *r)
{
    int rc;
    if (c->format == CLI_FMT_JSON)
        rc = cli_json_print(mlroi_result_to_json(r, MLROI_SEC_MATURITY));
    else if (c->format == CLI_FMT_CSV)
        rc = mlroi_render_csv(stdout, r, MLROI_SEC_MATURITY, 1) == 0 ? CLI_EXIT_OK
                                                                     : CLI_EXIT_FAILURE;
    else
        rc = mlroi_render_text_width(stdout, r, MLROI_SEC_MATURITY, (int)cli_text_width()) == 0 ? CLI_EXIT_OK
                                                                   : CLI_EXIT_FAILURE;
    if (rc == CLI_EXIT_OK && c->fail_if_count)
        rc = cli_gates(c, cli_lookup_result, (void *)r);
    return rc;
}

static int assess_interactive(int argc, char **argv)
{
    static const char *interactive, *out;
    static const cli_opt opts[] = {
        {"interactive", false, &interactive, NULL, NULL},
        {"out", true, &out, NULL, NULL},
        {NULL, 0, 0, 0, 0}
    };
    cli_common c;
    mlroi_scenario *s = NULL;
    mlroi_result r;
    mlroi_diags d = {0};
    signed char answers[MLROI_MATURITY_QUESTIONS];
    const char *file = NULL;
    int rc, at = 0;
    bool evaluated = false;
    session_end end;

    interactive = out = NULL;
    memset(&r, 0, sizeof r);
    rc = cli_parse(argc, argv, opts, interactive_usage, &c);
    if (rc >= 0)
        goto cleanup;
    if (c.file_count > 1) {
        rc = cli_usage_error(&c, "--interactive takes at most one scenario file");
        goto cleanup;
    }
    if (c.file_count == 1) {
        file = c.files[0];
        if (strcmp(file, "-") == 0) {
            rc = cli_usage_error(&c, "the answers come from standard input: give FILE by name");
            goto cleanup;
        }
        rc = cli_load(&c, file, &s);
        if (rc != CLI_EXIT_OK)
            goto cleanup;
    } else {
        if (c.override_count) {
            rc = cli_usage_error(&c, "--set needs a scenario FILE");
            goto cleanup;
        }
        s = mlroi_scenario_new();
        if (!s) {
            cli_error("out of memory");
            rc = CLI_EXIT_FAILURE;
            goto cleanup;
        }
        free(s->name);
        s->name = strdup("Maturity assessment");
        if (!s->name) {
            cli_error("out of memory");
            rc = CLI_EXIT_FAILURE;
            goto cleanup;
        }
    }
    memcpy(answers, s->answers, sizeof answers);

    end = run_session(stdin, answers, &at);
    if (end == SESSION_EOF) {
        cli_error("the answers ended at question %d of %d: nothing written", at,
                  MLROI_MATURITY_QUESTIONS);
        rc = CLI_EXIT_USAGE;
        goto cleanup;
    }
    if (end == SESSION_QUIT) {
        cli_error("stopped at question %d of %d: nothing written", at, MLROI_MATURITY_QUESTIONS);
        rc = CLI_EXIT_USAGE;
        goto cleanup;
    }
    if (end == SESSION_ERROR) {
        cli_error("cannot read the answers: %s", errno ? strerror(errno) : "input error");
        rc = CLI_EXIT_FAILURE;
        goto cleanup;
    }
    fputc('\n', stderr);

    memcpy(s->answers, answers, sizeof answers);
    s->has_maturity = true;
    if (mlroi_evaluate(s, c.bench, &r, &d) != MLROI_OK) {
        cli_print_diags(&d);
        rc = CLI_EXIT_USAGE;
        goto cleanup;
    }
    evaluated = true;
    cli_print_diags(&d);   /* warnings */
    rc = show_result(&c, &r);
    if ((rc == CLI_EXIT_OK || rc == CLI_EXIT_GATE) && out) {
        int w = save_answers(&c, out, file, answers);
        if (w != CLI_EXIT_OK)
            rc = w;
    }
cleanup:
    if (evaluated)
        mlroi_result_free(&r);
    mlroi_diags_free(&d);
    mlroi_scenario_free(s);
    cli_common_free(&c);
    return rc;
}

int cli_cmd_assess_any(int argc, char **argv)
{
    bool help = false;
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "--interactive") == 0)
            return assess_interactive(argc, argv);
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            help = true;
    }
    if (help) {
        int rc = cli_cmd_assess(argc, argv);
        if (rc == CLI_EXIT_OK)
            fputs("Interactive session: mlroi assess --interactive [FILE] [--out ANSWERS.json]\n"
                  "(see mlroi assess --interactive --help).\n", stdout);
        return rc;
    }
    return cli_cmd_assess(argc, argv);
}
