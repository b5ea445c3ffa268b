/* SPDX-License-Identifier: MIT */
/* Number formatting shared by every renderer: one way to print money, percentages and months. */
#include <math.h>
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
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++)
        if (strcmp(symbols[i].code, currency) == 0)
            return symbols[i].symbol;
    return NULL;
}

/* Digits of |v| rounded to `decimals`, grouped by thousands: "1,234,567.89". */
static void grouped(char *buf, size_t size, double v, int decimals)
{
    char raw[64], *dot;
    size_t int_len, out = 0;
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v));
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

/* True when v rounds to zero at `decimals`: then no minus sign ("-$0" reads wrong). */
static int rounds_to_zero(double v, int decimals)
{
    return fabs(v) < 0.5 * pow(10, -decimals);
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

    snprintf(buf, size, "%s%s%s%s", sign, sym ? sym : currency, sym ? "" : " ", digits);
    return buf;
}

static char *money(char *buf, size_t size, double v, const char *currency, int decimals)
{
    char digits[64];

    if (!isfinite(v))
        return not_available(buf, size);
    grouped(digits, sizeof digits, v, decimals);
    return with_currency(buf, size, (v < 0 && !rounds_to_zero(v, decimals)) ? "-" : "",
                         currency, digits);
}

char *mlroi_fmt_money(char *buf, size_t size, double v, const char *currency)
{
    return money(buf, size, v, currency, 0);
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
    return with_currency(buf, size, (v < 0 && strcmp(num, "0")) ? "-" : "", currency, num);
}

char *mlroi_fmt_number(char *buf, size_t size, double v, int decimals)
{
    char digits[64];
    if (!isfinite(v))
        return not_available(buf, size);
    grouped(digits, sizeof digits, v, decimals);
    snprintf(buf, size, "%s%s", (v < 0 && !rounds_to_zero(v, decimals)) ? "-" : "", digits);
    return buf;
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
        snprintf(buf + len, size - len, " %%");
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
    if (!isfinite(months))
        return not_available(buf, size);
    snprintf(buf, size, "%.1f months", months);
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
