/* SPDX-License-Identifier: MIT */
/* What-if answers in the input's own unit: money with its currency, rates and risks in
 * percent, counts in whole numbers; the width a text table may take. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "cli.h"
#include "mlroi/format.h"

/* The last key of PATH: "risk" in "business_case.lines[Cloud].risk". */
static const char *last_key(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot ? dot + 1 : path;
}

static bool key_is(const char *key, const char *name)
{
    size_t n = strlen(name);
    /* "ramp" also names "ramp[2]"; "benefit_risk" ends in "risk". */
    size_t k = strcspn(key, "[");
    return k >= n && strncmp(key + k - n, name, n) == 0 &&
           (k == n || key[k - n - 1] == '_');
}

cli_input_unit cli_input_unit_of(mlroi_scenario *s, const char *path, const char **label)
{
    const mlroi_param *p = mlroi_param_find(path);
    const char *key = last_key(path);
    mlroi_binding b;

    *label = "";
    if (p != NULL) {
        if (p->flags & MLROI_PF_MONEY)
            return CLI_IN_MONEY;
        if (p->type == MLROI_P_FRACTION || (p->flags & MLROI_PF_RATE))
            return CLI_IN_PERCENT;
        if (p->type == MLROI_P_COUNT || p->type == MLROI_P_ANSWER) {
            *label = p->unit;
            return CLI_IN_WHOLE;
        }
    }
    if (p == NULL && s != NULL && mlroi_binding_resolve(s, path, &b, NULL) == MLROI_OK) {
        if (b.flags & MLROI_PF_MONEY)
            return CLI_IN_MONEY;
        if (b.whole)
            return CLI_IN_WHOLE;
    }
    if (key_is(key, "risk") || key_is(key, "rate") || key_is(key, "reduction") ||
        key_is(key, "escalation") || key_is(key, "scale") || key_is(key, "ramp"))
        return CLI_IN_PERCENT;
    if (p != NULL) {
        *label = p->unit;
        if (strcmp(p->unit, "people") == 0 || strcmp(p->unit, "models per year") == 0 ||
            strcmp(p->unit, "incidents per year") == 0 || strcmp(p->unit, "models") == 0)
            return CLI_IN_COUNT;
    }
    return CLI_IN_NUMBER;
}

/* "%.Ng" without a trailing ".0": 2.5, 3, 0.125. */
static void plain(char *buf, size_t size, double v, int digits)
{
    snprintf(buf, size, "%.*g", digits, v == 0 ? 0.0 : v);
}

const char *cli_fmt_input_value(char *buf, size_t size, double v, cli_input_unit u,
                                const char *label, const char *currency, bool precise)
{
    char num[64];
    if (!isfinite(v)) {
        snprintf(buf, size, "n/a");
        return buf;
    }
    switch (u) {
    case CLI_IN_MONEY:
        return precise && v != floor(v) ? mlroi_fmt_money_cents(buf, size, v, currency)
                                        : mlroi_fmt_money(buf, size, v, currency);
    case CLI_IN_PERCENT:
        if (precise) {
            /* Two decimals, without the zeros that say nothing: 23.29, 7.5, 20. */
            size_t n = (size_t)snprintf(num, sizeof num, "%.2f", v * 100.0);
            while (n > 0 && num[n - 1] == '0')
                num[--n] = '\0';
            if (n > 0 && num[n - 1] == '.')
                num[--n] = '\0';
        } else {
            plain(num, sizeof num, v * 100.0, 4);
        }
        if (strcmp(num, "-0") == 0)
            memmove(num, num + 1, strlen(num));
        snprintf(buf, size, "%s %%", num);
        return buf;
    case CLI_IN_WHOLE:
    case CLI_IN_COUNT:
        if (v == floor(v) && fabs(v) < 1e15)
            mlroi_fmt_number(num, sizeof num, v, 0);
        else
            mlroi_fmt_number(num, sizeof num, v, 2);
        break;
    default:
        if (v == floor(v) && fabs(v) < 1e15)
            mlroi_fmt_number(num, sizeof num, v, 0);
        else if (precise)
            mlroi_fmt_number(num, sizeof num, v, 2);
        else
            plain(num, sizeof num, v, 4);
        break;
    }
    if (precise && label[0])
        snprintf(buf, size, "%s %s", num, label);
    else
        snprintf(buf, size, "%s", num);
    return buf;
}

const char *cli_input_heading(char *buf, size_t size, const char *path, cli_input_unit u,
                              const char *label, const char *currency)
{
    switch (u) {
    case CLI_IN_MONEY:
        snprintf(buf, size, "%s (%s)", path, currency ? currency : "USD");
        break;
    case CLI_IN_PERCENT:
        snprintf(buf, size, "%s (%%)", path);
        break;
    default:
        if (label[0])
            snprintf(buf, size, "%s (%s)", path, label);
        else
            snprintf(buf, size, "%s", path);
        break;
    }
    return buf;
}

size_t cli_whole_steps(double *values, size_t count)
{
    size_t k = 0;
    for (size_t i = 0; i < count; i++) {
        double v = round(values[i]);
        bool seen = false;
        for (size_t j = 0; j < k && !seen; j++)
            seen = values[j] == v;
        if (!seen)
            values[k++] = v;
    }
    return k;
}

bool cli_steps_whole(cli_input_unit u, const double *values, size_t count)
{
    if (u == CLI_IN_WHOLE)
        return true;
    if (u != CLI_IN_COUNT || count < 2)
        return false;
    /* A count asked from a whole number to a whole number steps in whole numbers; a range with
     * fractional ends (2.5 FTE) is kept as written. */
    return values[0] == floor(values[0]) && values[count - 1] == floor(values[count - 1]);
}

size_t cli_text_width(void)
{
    struct winsize ws;
    const char *cols = getenv("COLUMNS");
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
        return ws.ws_col;
    if (cols != NULL) {
        char *end;
        long n = strtol(cols, &end, 10);
        if (*end == '\0' && n >= 40 && n <= 1000)
            return (size_t)n;
    }
    return 100;
}

bool cli_colour(void)
{
    const char *no = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    return isatty(STDOUT_FILENO) && (no == NULL || no[0] == '\0') &&
           !(term != NULL && strcmp(term, "dumb") == 0);
}

void cli_print_wrapped(const char *text, size_t hang)
{
    size_t width = cli_text_width(), col = 0;
    const char *s = text;
    while (*s) {
        const char *e = s;
        size_t w = 0;
        while (*s == ' ')
            s++;
        if (*s == '\0')
            break;
        for (e = s; *e && *e != ' '; e++)
            w += ((unsigned char)*e & 0xC0) != 0x80;
        if (col > hang && col + 1 + w > width) {
            printf("\n%*s", (int)hang, "");
            col = hang;
        } else if (col > 0) {
            fputc(' ', stdout);
            col++;
        }
        fwrite(s, 1, (size_t)(e - s), stdout);
        col += w;
        s = e;
    }
    fputc('\n', stdout);
}
