/* SPDX-License-Identifier: MIT */
/* The two ways src/sha256.c hashes, so that the tests can hold one against the other. */
#ifndef MLROI_SHA256_INTERNAL_H
#define MLROI_SHA256_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

/* Whether mlroi_sha256 uses the x86 SHA extensions on this CPU (false on other machines, in
 * builds without them and under valgrind). */
bool mlroi_sha256_fast(void);
/* mlroi_sha256 with the portable rounds whatever the CPU. */
void mlroi_sha256_scalar(const void *data, size_t len, unsigned char out[32]);

#endif
