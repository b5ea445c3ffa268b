/* SPDX-License-Identifier: MIT */
/* The languages of the documents: each sentence's translation and the way numbers, amounts
 * and dates are written, from a data file per language compiled into the binary. */
#ifndef MLROI_LANG_H
#define MLROI_LANG_H

#include <stdbool.h>
#include <stddef.h>
#include "mlroi/error.h"

typedef struct mlroi_lang mlroi_lang;

/* The languages there are, NULL-terminated: "en", "fr", "de". */
extern const char *const mlroi_lang_codes[];

/* The built-in language CODE ("en", "fr" or "de") into *OUT (owned: mlroi_lang_free).
 * English is the source language: its texts are the keys, so it needs no file. Returns
 * MLROI_OK, MLROI_ERR_INVALID naming the languages there are, or the error of a broken
 * data file (with a diag naming it). */
mlroi_error mlroi_lang_builtin(const char *code, mlroi_lang **out, mlroi_diags *diags);
/* Parse a language file's TEXT (NAME names it in diags). */
mlroi_error mlroi_lang_load_text(const char *name, const char *text, mlroi_lang **out,
                                 mlroi_diags *diags);
void mlroi_lang_free(mlroi_lang *l);

const char *mlroi_lang_code(const mlroi_lang *l);
/* The translation of the English text EN, or EN itself when the language has none (English,
 * or a text the file leaves out). A translation keeps EN's printf conversions in their order
 * (tests/lang_check.py checks every file). L may be NULL (English). */
const char *mlroi_lang_text(const mlroi_lang *l, const char *en) __attribute__((format_arg(2)));
/* How many texts the language translates. */
size_t mlroi_lang_count(const mlroi_lang *l);

/* Rewrite in place a number as format.c writes it ("1,234,567.5", "-0.25") with the
 * language's group and decimal marks ("1 234 567,5" with no-break spaces in French,
 * "1.234.567,5" in German). SIZE is BUF's size; the result is cut at a character boundary. */
char *mlroi_lang_number(const mlroi_lang *l, char *buf, size_t size);
/* An amount in CURRENCY with DECIMALS as the language writes it: "$1,234" in English (format.c's
 * mlroi_fmt_money), "1 234 €" in French, "1.234 €" in German (the figure, a no-break space, the
 * symbol or the code). L NULL is English. */
char *mlroi_lang_money(const mlroi_lang *l, char *buf, size_t size, double v,
                       const char *currency, int decimals);
/* The separator between a figure and its unit or currency ("" or a no-break space). */
const char *mlroi_lang_unit_space(const mlroi_lang *l);
/* Whether an amount reads "1 234 €" (true) or "€1,234" (false). */
bool mlroi_lang_currency_after(const mlroi_lang *l);
/* The name of month M (1..12); "" outside. */
const char *mlroi_lang_month(const mlroi_lang *l, int m);

#endif
