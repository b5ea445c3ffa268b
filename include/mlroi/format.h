/* SPDX-License-Identifier: MIT */
/* Number formatting shared by every renderer, so a figure reads the same everywhere. */
#ifndef MLROI_FORMAT_H
#define MLROI_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* All functions write a NUL-terminated string into buf (size >= 64 is always enough) and
 * return buf. A NAN or infinite value prints as "n/a" (never "nan"). A figure of 10^21 or
 * more prints in scientific notation, as the shortest text that reads back to the same
 * double ("$1e+47", "-1e+308 %"), so that no digit is ever cut; a value that rounds to zero
 * never carries a minus sign ("-0", "-$0"). */

/* Currency amount, rounded to whole units with thousand separators and the currency's
 * symbol: "$1,234,568", "-$12,000", "€65,000", "£1,000", "CHF 1,000" for others. */
char *mlroi_fmt_money(char *buf, size_t size, double v, const char *currency);
/* The columns mlroi_fmt_money's text of V takes, found without writing it (table layout). */
int mlroi_fmt_money_width(double v, const char *currency);
/* A currency's prefix as mlroi_fmt_money writes it ("$", "CHF "), prepared once for a table
 * of amounts. */
typedef struct {
    char text[24];
    size_t len;
    int cols;      /* the columns it takes */
    bool usable;   /* false for a code too long for text: use mlroi_fmt_money */
} mlroi_money_prefix;
void mlroi_money_prefix_init(mlroi_money_prefix *p, const char *currency);
/* mlroi_fmt_money's text of V written to end just before END, which needs 32 + p->len bytes
 * before it; returns where it starts, its columns in *COLS, no NUL. NULL when V is not a
 * whole amount below 2^53 or the prefix is not usable: then use mlroi_fmt_money. */
char *mlroi_fmt_money_back(char *end, double v, const mlroi_money_prefix *p, int *cols);
/* Same with cents: "$1,234,567.89". */
char *mlroi_fmt_money_cents(char *buf, size_t size, double v, const char *currency);
/* Compact for charts and tiles: "$1.2M", "$675k", "$950". */
char *mlroi_fmt_money_short(char *buf, size_t size, double v, const char *currency);
/* Percentage of a value already in percent: 350 -> "350.0 %"; decimals as given. */
char *mlroi_fmt_percent(char *buf, size_t size, double percent, int decimals);
/* A probability (0 to 1) in percent with one decimal that never rounds to a certainty or an
 * impossibility it is not: 0.99957 -> "> 99.9 %" ("more than 99.9 %" with WORDS),
 * 0.0003 -> "< 0.1 %" ("less than 0.1 %"); exactly 0 and 1 print as "0.0 %" and "100.0 %". */
char *mlroi_fmt_chance(char *buf, size_t size, double p, bool words);
/* A plain number with separators and a fixed number of decimals: "1,234.5". */
char *mlroi_fmt_number(char *buf, size_t size, double v, int decimals);
/* Months: "14.2 months"; NAN gives "n/a". */
char *mlroi_fmt_months(char *buf, size_t size, double months);
/* Symbol or code prefix for a currency: "$", "€", "£", "¥", otherwise "CODE ". */
const char *mlroi_currency_symbol(const char *currency);

/* Shortest text that reads back to the same double ("%.17g" trimmed); "null" for NAN/inf.
 * This is what JSON and CSV print. */
char *mlroi_fmt_exact(char *buf, size_t size, double v);

#endif
