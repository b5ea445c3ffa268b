/* SPDX-License-Identifier: MIT */
/* Parser and test for `--fail-if` gate expressions; strict, so a typo never passes silently. */
#include "mlroi/gate.h"
#include "mlroi/analysis.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static mlroi_error syntax(char *msg, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static mlroi_error syntax(char *msg, size_t size, const char *fmt, ...)
{
    va_list ap;
    if (size > 0) {
        va_start(ap, fmt);
        vsnprintf(msg, size, fmt, ap);
        va_end(ap);
    }
    return MLROI_ERR_SYNTAX;
}

static const char *skip_blanks(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* Is p the start of a plain decimal number: [+-]? digits [. digits] [e [+-] digits]?
 * Returns the end, or NULL. strtod alone would also take "inf", "nan" and hex. */
static const char *scan_number(const char *p)
{
    const char *start;
    if (*p == '+' || *p == '-')
        p++;
    start = p;
    while (isdigit((unsigned char)*p))
        p++;
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p))
            p++;
    }
    if (p == start || (p == start + 1 && *start == '.'))
        return NULL;
    if (*p == 'e' || *p == 'E') {
        const char *e = p + 1;
        if (*e == '+' || *e == '-')
            e++;
        if (!isdigit((unsigned char)*e))
            return NULL;
        while (isdigit((unsigned char)*e))
            e++;
        p = e;
    }
    return p;
}

/* What a '%' after a gate's number means for METRIC: 1, the metric is a fraction (irr, a
 * chance such as p_npv_positive, a METRIC.undefined_share): divide by 100; 2, the metric is
 * already in percent (roi_percent): keep the number; 0, neither (money, months, counts). */
static int percent_kind(const char *metric)
{
    char base[MLROI_GATE_NAME_MAX];
    const char *dot = strchr(metric, '.');
    const mlroi_metric_info *m;
    size_t n = dot ? (size_t)(dot - metric) : strlen(metric);
    if (strncmp(metric, "p_", 2) == 0 || (dot && strcmp(dot, ".undefined_share") == 0))
        return 1;
    snprintf(base, sizeof base, "%.*s", (int)n, metric);
    m = mlroi_metric_find(base);
    if (m == NULL)
        return 1;   /* an unknown name is refused where the metrics are looked up */
    return m->unit == MLROI_U_RATE ? 1 : m->unit == MLROI_U_PERCENT ? 2 : 0;
}

mlroi_error mlroi_gate_parse(const char *expr, mlroi_gate *out, char *msg, size_t msg_size)
{
    const char *p, *name, *num_end;
    size_t name_len;
    char numbuf[64];
    double v;

    if (msg_size > 0)
        msg[0] = '\0';
    if (expr == NULL)
        return syntax(msg, msg_size, "empty expression");
    memset(out, 0, sizeof *out);
    p = skip_blanks(expr);
    if (*p == '\0')
        return syntax(msg, msg_size, "empty expression: write METRIC OP NUMBER, e.g. 'npv<0'");
    name = p;
    if (!isalpha((unsigned char)*p))
        return syntax(msg, msg_size, "expected a metric name at the start of '%s'", expr);
    while (isalnum((unsigned char)*p) || *p == '_' || *p == '.')
        p++;
    name_len = (size_t)(p - name);
    if (name_len >= sizeof out->metric)
        return syntax(msg, msg_size, "metric name too long in '%s'", expr);
    if (name[name_len - 1] == '.')
        return syntax(msg, msg_size, "metric name '%.*s' ends with '.'", (int)name_len, name);
    memcpy(out->metric, name, name_len);
    out->metric[name_len] = '\0';

    p = skip_blanks(p);
    if (p[0] == '<' && p[1] == '=') {
        out->op = MLROI_GATE_LE;
        p += 2;
    } else if (p[0] == '>' && p[1] == '=') {
        out->op = MLROI_GATE_GE;
        p += 2;
    } else if (p[0] == '<') {
        out->op = MLROI_GATE_LT;
        p += 1;
    } else if (p[0] == '>') {
        out->op = MLROI_GATE_GT;
        p += 1;
    } else if (*p == '\0') {
        return syntax(msg, msg_size, "expected <, <=, > or >= after '%s'", out->metric);
    } else {
        return syntax(msg, msg_size, "unsupported operator at '%s': use <, <=, > or >=", p);
    }
    if (*p == '<' || *p == '>' || *p == '=')
        return syntax(msg, msg_size, "unsupported operator in '%s': use <, <=, > or >=", expr);

    p = skip_blanks(p);
    if (*p == '\0')
        return syntax(msg, msg_size, "expected a number after '%s %s'", out->metric,
                      mlroi_gate_op_text(out->op));
    num_end = scan_number(p);
    if (num_end == NULL || (size_t)(num_end - p) >= sizeof numbuf)
        return syntax(msg, msg_size, "expected a number after '%s %s', got '%s'", out->metric,
                      mlroi_gate_op_text(out->op), p);
    memcpy(numbuf, p, (size_t)(num_end - p));
    numbuf[num_end - p] = '\0';
    errno = 0;
    v = strtod(numbuf, NULL);
    if (errno == ERANGE && isinf(v))
        return syntax(msg, msg_size, "number out of range: '%s'", numbuf);
    if (!isfinite(v))
        return syntax(msg, msg_size, "number out of range: '%s'", numbuf);
    p = skip_blanks(num_end);
    if (*p == '%') {
        /* "irr<15%": a rate or a share (a fraction in JSON) written as the text shows it. */
        int kind = percent_kind(out->metric);
        if (kind == 0)
            return syntax(msg, msg_size, "'%%' suits a rate, a share or a percentage; %s is "
                          "none: write it as a plain number", out->metric);
        if (kind == 1)
            v /= 100.0;
        p = skip_blanks(p + 1);
    }
    if (*p != '\0')
        return syntax(msg, msg_size, "unexpected '%s' after the number in '%s'", p, expr);
    out->threshold = v;
    return MLROI_OK;
}

mlroi_gate_outcome mlroi_gate_test(const mlroi_gate *g, double value, bool nan_is_infinite)
{
    bool held = false;
    if (isnan(value)) {
        if (!nan_is_infinite)
            return MLROI_GATE_UNDEFINED;
        value = INFINITY;
    }
    switch (g->op) {
    case MLROI_GATE_LT: held = value < g->threshold; break;
    case MLROI_GATE_LE: held = value <= g->threshold; break;
    case MLROI_GATE_GT: held = value > g->threshold; break;
    case MLROI_GATE_GE: held = value >= g->threshold; break;
    }
    return held ? MLROI_GATE_HELD : MLROI_GATE_CLEAR;
}

const char *mlroi_gate_op_text(mlroi_gate_op op)
{
    switch (op) {
    case MLROI_GATE_LT: return "<";
    case MLROI_GATE_LE: return "<=";
    case MLROI_GATE_GT: return ">";
    case MLROI_GATE_GE: return ">=";
    }
    return "?";
}

void mlroi_gate_format(const mlroi_gate *g, char *buf, size_t size)
{
    snprintf(buf, size, "%s %s %.15g", g->metric, mlroi_gate_op_text(g->op), g->threshold);
}
