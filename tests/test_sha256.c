/* SPDX-License-Identifier: MIT */
/* Known answers of SHA-256, and the SHA-NI rounds held against the scalar ones. */
#include <stdlib.h>
#include "testutil.h"
#include "mlroi/sha256.h"
#include "../src/sha256_internal.h"

/* The digest of LEN bytes at DATA in hex, from mlroi_sha256 (SHA-NI where the CPU has it) and
 * from the scalar rounds: both must be WANT. */
static void check_digest(const void *data, size_t len, const char *want)
{
    unsigned char d[32];
    char hex[65];
    mlroi_sha256(data, len, d);
    mlroi_sha256_hex(d, hex);
    assert_string_equal(hex, want);
    mlroi_sha256_scalar(data, len, d);
    mlroi_sha256_hex(d, hex);
    assert_string_equal(hex, want);
}

/* The examples of FIPS 180-4 (NIST's "SHA256.pdf" and the long-message test): one block, a
 * message whose padding needs a second block (448 bits) and a two-block message (896 bits). */
static void fips_examples(void **state)
{
    (void)state;
    check_digest("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    check_digest("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    check_digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
                 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    check_digest("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                 "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 112,
                 "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

/* One million 'a': 15,625 blocks through the multi-block rounds in one call. */
static void million_a(void **state)
{
    enum { N = 1000000 };
    char *a = malloc(N);
    (void)state;
    assert_non_null(a);
    memset(a, 'a', N);
    check_digest(a, N, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(a);
}

/* Every length from 0 to 300 bytes (no whole block to almost five, every tail length, the
 * padding in one block and in two) hashes the same with SHA-NI as with the scalar rounds. */
static void sha_ni_matches_scalar(void **state)
{
    enum { N = 300 };
    unsigned char buf[N], fast[32], slow[32];
    uint32_t x = 0x9e3779b9u;
    (void)state;
    if (!mlroi_sha256_fast()) {
        print_message("SHA-NI not used here (CPU, build or valgrind): comparison skipped\n");
        skip();
    }
    for (size_t i = 0; i < N; i++) {   /* xorshift32: fixed bytes that look random */
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        buf[i] = (unsigned char)(x >> 24);
    }
    for (size_t len = 0; len <= N; len++) {
        mlroi_sha256(buf, len, fast);
        mlroi_sha256_scalar(buf, len, slow);
        if (memcmp(fast, slow, sizeof fast) != 0) {
            print_error("length %zu: SHA-NI and scalar digests differ\n", len);
            fail();
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fips_examples),
        cmocka_unit_test(million_a),
        cmocka_unit_test(sha_ni_matches_scalar),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
