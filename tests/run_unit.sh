#!/bin/sh
# SPDX-License-Identifier: MIT
# Run every cmocka binary; with VALGRIND=1 under memcheck. Exit non-zero on any failure.
. "$(dirname "$0")/common.sh"
for t in "$@"; do
    memcheck "$t" || fail=1
done
exit $fail
