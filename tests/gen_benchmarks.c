/* SPDX-License-Identifier: MIT */
/* Build-time tool: gen_benchmarks FILE > benchmarks_builtin.c
 *
 * Loads the benchmark data with the engine's own loader, so that it is checked exactly as a
 * file given at run time, and writes it out as C: a const mlroi_benchmarks whose arrays and
 * strings are static data, and mlroi_benchmarks_default() returning it. mlroi then has its
 * built-in figures without parsing JSON on every run. Doubles are written as hex floats (or
 * INFINITY, NAN) so that they read back bit for bit; tests/test_benchmarks.c compares every
 * field with a parse of the same file, so a field added to the struct must be added to both. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mlroi/benchmarks.h"
#include "mlroi/error.h"

/* ISO C only promises string literals of 4095 bytes (-Wpedantic says so); a longer string is
 * written as an array of its bytes instead. */
#define MAX_LITERAL 4095
/* Source columns a string literal takes before it is continued on the next line: after a
 * space from the first count on, anywhere from the second. */
#define LITERAL_COLUMNS 60
#define LITERAL_COLUMNS_MAX 76

static FILE *out;

static void indent(int depth)
{
    fprintf(out, "%*s", depth * 4, "");
}

static void put_double(double d)
{
    /* %a is exact; the non-finite values have no literal and come from <math.h>. */
    if (isnan(d))
        fputs(signbit(d) ? "-NAN" : "NAN", out);
    else if (isinf(d))
        fputs(d < 0 ? "-INFINITY" : "INFINITY", out);
    else
        fprintf(out, "%a", d);
}

/* The LEN bytes of S as a string literal, continued on a new line at DEPTH when long. Anything
 * but printable ASCII, and '"', '\\' and '?' (trigraphs, which -std=c11 honours), is a 3-digit
 * octal escape: it cannot run on into the next character as a hex escape would. */
static void put_literal(const char *s, size_t len, int depth)
{
    int col = 0;

    putc('"', out);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (col >= LITERAL_COLUMNS_MAX || (col >= LITERAL_COLUMNS && s[i - 1] == ' ')) {
            fputs("\"\n", out);
            indent(depth);
            putc('"', out);
            col = 0;
        }
        if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\' || c == '?') {
            fprintf(out, "\\%03o", c);
            col += 4;
        } else {
            putc(c, out);
            col++;
        }
    }
    putc('"', out);
}

static void put_string(const char *s, int depth)
{
    size_t len;

    if (!s) {
        fputs("NULL", out);
        return;
    }
    len = strlen(s);
    if (len <= MAX_LITERAL) {
        put_literal(s, len, depth);
        return;
    }
    /* A compound literal outside a function is a static array, a constant address. */
    fputs("(const char[]){", out);
    for (size_t i = 0; i <= len; i++) {
        if (i % 12 == 0) {
            putc('\n', out);
            indent(depth);
        }
        /* A character constant: an int above CHAR_MAX would not fit a signed char. */
        fprintf(out, "'\\%03o',", (unsigned)(unsigned char)s[i]);
    }
    putc('\n', out);
    indent(depth - 1);
    putc('}', out);
}

/* ".NAME = " at DEPTH. */
static void field(int depth, const char *name)
{
    indent(depth);
    fprintf(out, ".%s = ", name);
}

static void string_field(int depth, const char *name, const char *s)
{
    field(depth, name);
    put_string(s, depth + 1);
    fputs(",\n", out);
}

static void double_field(int depth, const char *name, double d)
{
    field(depth, name);
    put_double(d);
    fputs(",\n", out);
}

static void int_field(int depth, const char *name, int v)
{
    field(depth, name);
    fprintf(out, "%d,\n", v);
}

/* A char[4] currency: its bytes up to the NUL, which a literal of 3 letters still has room for
 * (and a literal of 4 initializes exactly, without one). */
static void currency_field(int depth, const char *cur)
{
    field(depth, "currency");
    put_literal(cur, strnlen(cur, 4), depth + 1);
    fputs(",\n", out);
}

static void scope_field(int depth, const mlroi_scope *s)
{
    field(depth, "scope");
    fputs("{\n", out);
    field(depth + 1, "brackets");
    fprintf(out, "%uu,\n", s->brackets);
    field(depth + 1, "regions");
    fprintf(out, "%uu,\n", s->regions);
    currency_field(depth + 1, s->currency);
    indent(depth);
    fputs("},\n", out);
}

static void range_body(int depth, const mlroi_range *r)
{
    fputs("{\n", out);
    double_field(depth + 1, "low", r->low);
    double_field(depth + 1, "high", r->high);
    string_field(depth + 1, "source", r->source);
    scope_field(depth + 1, &r->scope);
    indent(depth);
    putc('}', out);
}

static void range_field(int depth, const char *name, const mlroi_range *r)
{
    field(depth, name);
    range_body(depth, r);
    fputs(",\n", out);
}

/* NAME[2] of ranges, per region. */
static void ranges_field(int depth, const char *name, const mlroi_range r[2])
{
    field(depth, name);
    fputs("{\n", out);
    for (int i = 0; i < 2; i++) {
        indent(depth + 1);
        range_body(depth + 1, &r[i]);
        fputs(",\n", out);
    }
    indent(depth);
    fputs("},\n", out);
}

static void ints_field(int depth, const char *name, const int v[2])
{
    field(depth, name);
    fprintf(out, "{ %d, %d },\n", v[0], v[1]);
}

static void put_bracket(int depth, const mlroi_bracket *k)
{
    string_field(depth, "id", k->id);
    string_field(depth, "label", k->label);
    string_field(depth, "noun", k->noun);
    double_field(depth, "max_employees", k->max_employees);
    range_field(depth, "people", &k->people);
    range_field(depth, "budget", &k->budget);
}

static void put_phase(int depth, const mlroi_phase *ph)
{
    int_field(depth, "number", ph->number);
    string_field(depth, "name", ph->name);
    int_field(depth, "month_from", ph->month_from);
    int_field(depth, "month_to", ph->month_to);
    range_field(depth, "budget", &ph->budget);
    int_field(depth, "reaches_level", ph->reaches_level);
    string_field(depth, "goal", ph->goal);
    string_field(depth, "kpi", ph->kpi);
}

static void put_rate(int depth, const mlroi_catalog_rate *c)
{
    string_field(depth, "id", c->id);
    double_field(depth, "rate", c->rate);
    string_field(depth, "source", c->source);
    currency_field(depth, c->currency);
}

static void put_rule(int depth, const mlroi_vendor_rule *r)
{
    string_field(depth, "id", r->id);
    int_field(depth, "when_research_heavy", r->when_research_heavy);
    int_field(depth, "when_microsoft_centric", r->when_microsoft_centric);
    field(depth, "when_clouds");
    fprintf(out, "%uu,\n", r->when_clouds);
    int_field(depth, "always", r->always);
    string_field(depth, "stack", r->stack);
    range_field(depth, "licence", &r->licence);
    string_field(depth, "rationale", r->rationale);
    string_field(depth, "lock_in", r->lock_in);
}

static void put_alternative(int depth, const mlroi_alternative *a)
{
    string_field(depth, "name", a->name);
    string_field(depth, "cost_text", a->cost_text);
    range_field(depth, "annual", &a->annual);
}

static void put_fact(int depth, const mlroi_dated_fact *f)
{
    string_field(depth, "date", f->date);
    string_field(depth, "text", f->text);
}

/* The records of a pointer member as a static array NAME: not const, since the struct points
 * to them with T * (the data is never written). Nothing when there are none: the member is
 * then NULL, as the loader leaves it. */
#define PUT_RECORDS(type, name, items, count, put)                                \
    do {                                                                          \
        if ((count) == 0)                                                         \
            break;                                                                \
        fprintf(out, "\nstatic %s %s[%zu] = {\n", type, name, (size_t)(count));   \
        for (size_t i_ = 0; i_ < (count); i_++) {                                 \
            fputs("    {\n", out);                                                \
            put(2, &(items)[i_]);                                                 \
            fputs("    },\n", out);                                               \
        }                                                                         \
        fputs("};\n", out);                                                       \
    } while (0)

static void pointer_field(int depth, const char *name, const char *array, size_t count)
{
    field(depth, name);
    fprintf(out, "%s,\n", count ? array : "NULL");
}

static void count_field(int depth, const char *name, size_t count)
{
    field(depth, name);
    fprintf(out, "%zu,\n", count);
}

static void put_benchmarks(const char *file, const mlroi_benchmarks *b)
{
    fputs("/* SPDX-License-Identifier: MIT */\n/* Generated by tests/gen_benchmarks.c from ",
          out);
    /* A comment cannot hold every byte a file name may have ("*" + "/", trigraphs): keep
     * letters, digits and "._-/" and make the rest "_". */
    for (const char *c = file; *c; c++)
        putc(strchr("._-/", *c) || (*c >= '0' && *c <= '9') || (*c >= 'A' && *c <= 'Z') ||
             (*c >= 'a' && *c <= 'z') ? *c : '_', out);
    fputs(": do not edit. */\n"
          "#include <math.h>\n#include <stddef.h>\n#include \"mlroi/benchmarks.h\"\n", out);

    PUT_RECORDS("mlroi_catalog_rate", "catalog", b->catalog, b->catalog_count, put_rate);
    PUT_RECORDS("mlroi_vendor_rule", "rules", b->rules, b->rule_count, put_rule);
    PUT_RECORDS("mlroi_alternative", "alternatives", b->enterprise_alternatives,
                b->alternative_count, put_alternative);
    PUT_RECORDS("mlroi_dated_fact", "ai_act", b->ai_act, b->ai_act_count, put_fact);

    fputs("\nstatic const mlroi_benchmarks builtin = {\n", out);
    string_field(1, "title", b->title);
    ranges_field(1, "ml_engineer", b->ml_engineer);
    ranges_field(1, "mlops_engineer", b->mlops_engineer);
    ranges_field(1, "governance_lead", b->governance_lead);
    ints_field(1, "mlops_engineer_assumed", b->mlops_engineer_assumed);
    ints_field(1, "governance_lead_assumed", b->governance_lead_assumed);
    field(1, "brackets");
    fputs("{\n", out);
    for (int i = 0; i < 3; i++) {
        fputs("        {\n", out);
        put_bracket(3, &b->brackets[i]);
        fputs("        },\n", out);
    }
    fputs("    },\n", out);
    field(1, "phases");
    fputs("{\n", out);
    for (int i = 0; i < 3; i++) {
        fputs("        {\n", out);
        put_phase(3, &b->phases[i]);
        fputs("        },\n", out);
    }
    fputs("    },\n", out);
    pointer_field(1, "catalog", "catalog", b->catalog_count);
    count_field(1, "catalog_count", b->catalog_count);
    range_field(1, "monitoring_per_model_month", &b->monitoring_per_model_month);
    pointer_field(1, "rules", "rules", b->rule_count);
    count_field(1, "rule_count", b->rule_count);
    pointer_field(1, "enterprise_alternatives", "alternatives", b->alternative_count);
    count_field(1, "alternative_count", b->alternative_count);
    range_field(1, "time_to_prod_without", &b->time_to_prod_without);
    range_field(1, "time_to_prod_with", &b->time_to_prod_with);
    range_field(1, "incident_reduction", &b->incident_reduction);
    double_field(1, "incident_reduction_optimistic", b->incident_reduction_optimistic);
    range_field(1, "roi_3y_percent", &b->roi_3y_percent);
    double_field(1, "roi_3y_optimistic_factor", b->roi_3y_optimistic_factor);
    range_field(1, "payback_months", &b->payback_months);
    range_field(1, "monthly_cloud_midmarket", &b->monthly_cloud_midmarket);
    range_field(1, "monthly_cloud_enterprise", &b->monthly_cloud_enterprise);
    pointer_field(1, "ai_act", "ai_act", b->ai_act_count);
    count_field(1, "ai_act_count", b->ai_act_count);
    /* No storage of its own: mlroi_benchmarks_free must never be called on it. */
    field(1, "priv");
    fputs("NULL,\n};\n", out);

    fputs("\nconst mlroi_benchmarks *mlroi_benchmarks_default(void)\n{\n"
          "    return &builtin;\n}\n", out);
}

int main(int argc, char **argv)
{
    mlroi_benchmarks *b = NULL;
    mlroi_diags d = {0};
    int rc = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: gen_benchmarks FILE > benchmarks_builtin.c\n");
        return 2;
    }
    if (mlroi_benchmarks_load(argv[1], &b, &d) != MLROI_OK) {
        for (size_t i = 0; i < d.count; i++) {
            char msg[1024];
            mlroi_diag_format(&d.items[i], msg, sizeof msg);
            fprintf(stderr, "gen_benchmarks: %s\n", msg);
        }
        mlroi_diags_free(&d);
        return 1;
    }
    mlroi_diags_free(&d);
    out = stdout;
    put_benchmarks(argv[1], b);
    mlroi_benchmarks_free(b);
    /* A full disk must not leave a truncated file that compiles. */
    if (fflush(out) != 0 || ferror(out)) {
        perror("gen_benchmarks: writing the C file");
        rc = 1;
    }
    return rc;
}
