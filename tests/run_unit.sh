#!/bin/sh
# SPDX-License-Identifier: MIT
# Run every cmocka binary; with VALGRIND=1 under memcheck. Exit non-zero on any failure.
fail=0
for t in "$@"; do
    if [ "${VALGRIND:-}" = 1 ]; then
        valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all \
            "$t" || fail=1
    else
        "$t" || fail=1
    fi
done
exit $fail
