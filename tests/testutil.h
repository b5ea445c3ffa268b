/* SPDX-License-Identifier: MIT */
/* Helpers shared by the cmocka tests. */
#ifndef MLROI_TESTUTIL_H
#define MLROI_TESTUTIL_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* Relative-or-absolute closeness; prints both values on failure. */
#define assert_close(actual, expected, tol) do { \
        double a_ = (actual), e_ = (expected), t_ = (tol); \
        if (!(fabs(a_ - e_) <= t_ * fmax(1.0, fabs(e_)))) { \
            print_error("%s = %.17g, expected %.17g (tol %g)\n", #actual, a_, e_, t_); \
            fail(); \
        } \
    } while (0)

#define assert_nan(x) do { double v_ = (x); \
        if (!isnan(v_)) { print_error("%s = %.17g, expected NAN\n", #x, v_); fail(); } \
    } while (0)

#endif
