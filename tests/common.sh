# SPDX-License-Identifier: MIT
# Shared by the test scripts: the memcheck wrapper and the pass/fail counters.
# Source it after setting BIN to the mlroi binary; it starts both counters at zero.
pass=0
fail=0

# memcheck COMMAND ARGS...: run it, under valgrind memcheck when VALGRIND=1 (any error or
# leak then exits 99). tests/valgrind.supp (from the folder the script was started in, the
# repository's) leaves out only the dynamic loader's records of the document module.
VALGRIND_SUPP=${VALGRIND_SUPP:-$(pwd)/tests/valgrind.supp}
memcheck() {
    if [ "${VALGRIND:-}" = 1 ]; then
        if [ -f "$VALGRIND_SUPP" ]; then
            set -- --suppressions="$VALGRIND_SUPP" "$@"
        fi
        valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all "$@"
    else
        "$@"
    fi
}
# run ARGS...: the mlroi binary in $BIN with ARGS.
run() { memcheck "$BIN" "$@"; }
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*" >&2; }
