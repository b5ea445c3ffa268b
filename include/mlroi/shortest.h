/* SPDX-License-Identifier: MIT */
/* The shortest decimal text that reads back (strtod) to the same double, for JSON and CSV. */
#ifndef MLROI_SHORTEST_H
#define MLROI_SHORTEST_H

#include <stddef.h>

/* Room for any result with its NUL: "-2.2250738585072014e-308" is 24 characters. */
#define MLROI_SHORTEST_SIZE 32

/* Write into BUF (at least MLROI_SHORTEST_SIZE bytes) the shortest decimal that strtod reads
 * back to V exactly; of two equally short ones, the nearer to V. The form is the one %.17g
 * would choose: plain ("0.001", "1234.5", "10000000000000000") when the decimal exponent X
 * is -5 < X < 17, else "1.5e-07" / "1e+300" (two exponent digits at least). Valid JSON: no
 * '+' in front, -0.0 prints "0" (the sign of zero carries no amount; strtod("0") == -0.0),
 * and a NaN or an infinity prints "null" (callers that want an empty CSV cell test first).
 * Returns the length written (the NUL not counted).
 *   char b[MLROI_SHORTEST_SIZE]; mlroi_shortest(b, 0.1 + 0.2);   // "0.30000000000000004" */
size_t mlroi_shortest(char *buf, double v);

/* V rounded to PLACES (0..17) decimals, half away from zero, applied to the shortest decimal
 * of V (so 1.005 gives "1.01", as a spreadsheet's ROUND does), then printed as above without
 * trailing zeros: mlroi_shortest_places(b, 220000.00000000003, 2) writes "220000". */
size_t mlroi_shortest_places(char *buf, double v, int places);

/* V rounded to SIG (1..17) significant digits the same way: (b, 2.0 / 3.0, 10) writes
 * "0.6666666667". */
size_t mlroi_shortest_sig(char *buf, double v, int sig);

#endif
