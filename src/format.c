/* SPDX-License-Identifier: MIT */
/* Number formatting shared by every renderer: one way to print money, percentages and months. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "mlroi/format.h"

const char *mlroi_currency_symbol(const char *currency)
{
    static const struct { const char *code, *symbol; } symbols[] = {
        {"USD", "$"}, {"EUR", "\xE2\x82\xAC"}, {"GBP", "\xC2\xA3"}, {"JPY", "\xC2\xA5"},
        {"CNY", "\xC2\xA5"}, {"INR", "\xE2\x82\xB9"},
    };
    if (!currency || !currency[0])
        return "$";
    /* Three letters compared in line: tables ask for the symbol once per amount. A byte is
     * read only after the one before it matched a letter, so a shorter code is not overrun. */
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++) {
        const char *k = symbols[i].code;
        if (currency[0] == k[0] && currency[1] == k[1] && currency[2] == k[2] &&
            currency[3] == '\0')
            return symbols[i].symbol;
    }
    return NULL;
}

/* From 10^21 on, a figure prints in scientific notation, as the shortest text that reads back
 * to the same double ("1e+47", "1.7976931348623157e+308"): written out, 10^308 has 309 digits
 * and a double holds only 17 significant ones. The form is stated in the text itself, and
 * every formatter's result then fits in 64 bytes, so nothing is ever cut. */
#define SCIENTIFIC_FROM 1e21
#define MAX_DECIMALS 17

/* |V| (finite, >= SCIENTIFIC_FROM) in the shortest scientific form that reads back exactly. */
static void scientific(char *buf, size_t size, double v)
{
    double a = fabs(v), back;
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, size, "%.*e", prec - 1, a);
        if (sscanf(buf, "%lg", &back) == 1 && back == a)
            break;
    }
}

/* Digits of |v| rounded to `decimals`, grouped by thousands: "1,234,567.89"; from 10^21 on,
 * the scientific form above. */
static void grouped(char *buf, size_t size, double v, int decimals)
{
    char raw[64], *dot;
    size_t int_len, out = 0;
    if (fabs(v) >= SCIENTIFIC_FROM) {
        scientific(buf, size, v);
        return;
    }
    /* Below 10^21 the integer part has at most 21 digits: with 17 decimals it fits in raw. */
    if (decimals > MAX_DECIMALS)
        decimals = MAX_DECIMALS;
    if (decimals < 0)
        decimals = 0;
    if (decimals == 0 && fabs(v) < 9007199254740992.0) {
        /* Whole amounts, the common case of every table: nearbyint() rounds the exact value to
         * the nearest integer, ties to even, as printf's %.0f does, and below 2^53 the result
         * converts exactly; writing the digits by hand is many times faster than printf. */
        unsigned long long u = (unsigned long long)nearbyint(fabs(v));
        char rev[24];
        size_t n = 0;
        do {
            rev[n++] = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        for (size_t i = 0; i < n; i++)
            raw[i] = rev[n - 1 - i];
        raw[n] = '\0';
    } else {
        snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v));
    }
    dot = strchr(raw, '.');
    int_len = dot ? (size_t)(dot - raw) : strlen(raw);
    for (size_t i = 0; i < int_len && out + 2 < size; i++) {
        if (i > 0 && (int_len - i) % 3 == 0)
            buf[out++] = ',';
        buf[out++] = raw[i];
    }
    if (dot)
        out += (size_t)snprintf(buf + out, size > out ? size - out : 0, "%s", dot);
    if (out < size)
        buf[out] = '\0';
    else
        buf[size - 1] = '\0';
}

/* The sign DIGITS (as printed) take for V: none when they are all zeros, since "-$0" and
 * "-0.0 months" read wrong. Judged on the printed text, not on V: printf rounds half to even,
 * so -0.5 prints as 0. */
static const char *sign_of(double v, const char *digits)
{
    return v < 0 && strpbrk(digits, "123456789") ? "-" : "";
}

/* What every formatter prints for a NAN or an infinity. */
static char *not_available(char *buf, size_t size)
{
    snprintf(buf, size, "n/a");
    return buf;
}

/* SIGN, then the currency's symbol, or its code and a space, then DIGITS: "-$12", "CHF 1k". */
static char *with_currency(char *buf, size_t size, const char *sign, const char *currency,
                           const char *digits)
{
    const char *sym = mlroi_currency_symbol(currency);
    const char *parts[4] = { sign, sym ? sym : currency, sym ? "" : " ", digits };
    size_t out = 0;

    /* By hand rather than snprintf: tables print thousands of amounts. Cut at SIZE like it. */
    if (size == 0)
        return buf;
    for (int i = 0; i < 4; i++)
        for (const char *p = parts[i]; *p && out + 1 < size; p++)
            buf[out++] = *p;
    buf[out] = '\0';
    return buf;
}

/* The digits of U and their commas, written from the right to end just before END:
 * "1,234,567", a group of three at a time. Returns where they start (at most 26 bytes back). */
static char *whole_digits_back(char *end, unsigned long long u)
{
    char *p = end;
    unsigned g;
    for (; u >= 1000; u /= 1000) {
        g = (unsigned)(u % 1000);
        p -= 4;
        p[0] = ',';
        p[1] = (char)('0' + g / 100);
        p[2] = (char)('0' + g / 10 % 10);
        p[3] = (char)('0' + g % 10);
    }
    g = (unsigned)u;
    do {
        *--p = (char)('0' + g % 10);
        g /= 10;
    } while (g);
    return p;
}

/* Whole amounts below 2^53, every table's cell: nearbyint() rounds ties to even like %.0f,
 * and the result converts exactly. */
static bool whole(double v, int decimals)
{
    return decimals == 0 && fabs(v) < 9007199254740992.0;
}

static char *money(char *buf, size_t size, double v, const char *currency, int decimals)
{
    char digits[64];

    if (!isfinite(v))
        return not_available(buf, size);
    if (whole(v, decimals)) {
        /* The digits and their commas written in one pass, as grouped() and sign_of() would
         * give them ("-" only before a figure that is not all zeros). */
        unsigned long long u = (unsigned long long)nearbyint(fabs(v));
        digits[sizeof digits - 1] = '\0';
        return with_currency(buf, size, v < 0 && u != 0 ? "-" : "", currency,
                             whole_digits_back(digits + sizeof digits - 1, u));
    }
    grouped(digits, sizeof digits, v, decimals);
    return with_currency(buf, size, sign_of(v, digits), currency, digits);
}

void mlroi_money_prefix_init(mlroi_money_prefix *p, const char *currency)
{
    const char *sym = mlroi_currency_symbol(currency);
    const char *text = sym ? sym : currency;
    size_t len = strlen(text);

    p->len = 0;
    p->cols = 0;
    p->usable = len + 1 < sizeof p->text;   /* a code too long for it takes mlroi_fmt_money */
    if (!p->usable)
        return;
    memcpy(p->text, text, len);
    if (!sym)
        p->text[len++] = ' ';
    p->len = len;
    for (size_t i = 0; i < len; i++)
        p->cols += ((unsigned char)p->text[i] & 0xC0) != 0x80;
}

char *mlroi_fmt_money_back(char *end, double v, const mlroi_money_prefix *p, int *cols)
{
    unsigned long long u;
    char *s;

    if (!p->usable || !isfinite(v) || !whole(v, 0))
        return NULL;
    u = (unsigned long long)nearbyint(fabs(v));
    s = whole_digits_back(end, u);
    *cols = (int)(end - s) + p->cols;
    s -= p->len;
    memcpy(s, p->text, p->len);
    if (v < 0 && u != 0) {
        *--s = '-';
        ++*cols;
    }
    return s;
}

char *mlroi_fmt_money(char *buf, size_t size, double v, const char *currency)
{
    return money(buf, size, v, currency, 0);
}

int mlroi_fmt_money_width(double v, const char *currency)
{
    char b[64];
    if (isfinite(v) && fabs(v) < 9007199254740992.0) {
        /* the columns of the text money() writes, without writing it: digits, a comma
         * between groups of three, the sign, and the symbol (one column) or the code and a
         * space */
        unsigned long long u = (unsigned long long)nearbyint(fabs(v));
        const char *sym = mlroi_currency_symbol(currency);
        int digits = 1, w = v < 0 && u != 0;   /* the sign */
        for (; u >= 10; u /= 10)
            digits++;
        w += digits + (digits - 1) / 3;
        if (sym)
            return w + 1;
        for (const unsigned char *p = (const unsigned char *)currency; *p; p++)
            w += (*p & 0xC0) != 0x80;
        return w + 1;
    }
    mlroi_fmt_money(b, sizeof b, v, currency);
    {
        int w = 0;
        for (const unsigned char *p = (const unsigned char *)b; *p; p++)
            w += (*p & 0xC0) != 0x80;
        return w;
    }
}

char *mlroi_fmt_money_cents(char *buf, size_t size, double v, const char *currency)
{
    return money(buf, size, v, currency, 2);
}

char *mlroi_fmt_money_short(char *buf, size_t size, double v, const char *currency)
{
    double a = fabs(v);
    const char *unit = "";
    double scaled = a;
    char num[32];
    if (!isfinite(v))
        return not_available(buf, size);
    if (a >= SCIENTIFIC_FROM) {
        /* Compact like the rest: two significant digits, in a stated form ("$1.0e+47"). */
        snprintf(num, sizeof num, "%.1e", a);
        return with_currency(buf, size, sign_of(v, num), currency, num);
    }
    if (a >= 999.5e6) {
        scaled = a / 1e9;
        unit = "B";
    } else if (a >= 999.5e3) {
        scaled = a / 1e6;
        unit = "M";
    } else if (a >= 999.5) {
        scaled = a / 1e3;
        unit = "k";
    }
    if (unit[0] && scaled < 9.95)
        snprintf(num, sizeof num, "%.1f%s", scaled, unit);
    else
        snprintf(num, sizeof num, "%.0f%s", scaled, unit);
    return with_currency(buf, size, sign_of(v, num), currency, num);
}

/* A then B into BUF of SIZE, cut as snprintf would cut them. */
static char *joined(char *buf, size_t size, const char *a, const char *b)
{
    size_t out = 0;
    if (size == 0)
        return buf;
    for (; *a && out + 1 < size; a++)
        buf[out++] = *a;
    for (; *b && out + 1 < size; b++)
        buf[out++] = *b;
    buf[out] = '\0';
    return buf;
}

char *mlroi_fmt_number(char *buf, size_t size, double v, int decimals)
{
    char digits[64];
    if (!isfinite(v))
        return not_available(buf, size);
    grouped(digits, sizeof digits, v, decimals);
    return joined(buf, size, sign_of(v, digits), digits);
}

char *mlroi_fmt_percent(char *buf, size_t size, double percent, int decimals)
{
    size_t len;

    /* The number, then " %" where it fits: a short buffer keeps the same prefix. */
    if (size == 0)
        return buf;
    mlroi_fmt_number(buf, size, percent, decimals);
    len = strlen(buf);
    if (isfinite(percent) && len < size)
        joined(buf + len, size - len, " %", "");
    return buf;
}

char *mlroi_fmt_chance(char *buf, size_t size, double p, bool words)
{
    if (p > 0.0 && p < 0.0005)
        snprintf(buf, size, "%s0.1 %%", words ? "less than " : "< ");
    else if (p < 1.0 && p >= 0.9995)
        snprintf(buf, size, "%s99.9 %%", words ? "more than " : "> ");
    else
        mlroi_fmt_percent(buf, size, p * 100.0, 1);
    return buf;
}

char *mlroi_fmt_months(char *buf, size_t size, double months)
{
    char digits[64];
    if (!isfinite(months))
        return not_available(buf, size);
    if (fabs(months) >= SCIENTIFIC_FROM)
        scientific(digits, sizeof digits, months);
    else
        snprintf(digits, sizeof digits, "%.1f", fabs(months));
    snprintf(buf, size, "%s%s months", sign_of(months, digits), digits);
    return buf;
}

char *mlroi_fmt_exact(char *buf, size_t size, double v)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "null");
        return buf;
    }
    /* The shortest of %.15g..%.17g that reads back to the same double. */
    for (int prec = 15; prec <= 17; prec++) {
        double back;
        snprintf(buf, size, "%.*g", prec, v);
        if (sscanf(buf, "%lg", &back) == 1 && back == v)
            break;
    }
    if (strcmp(buf, "-0") == 0)
        snprintf(buf, size, "0");
    return buf;
}
