/* SPDX-License-Identifier: MIT */
/* SHA-256 (FIPS 180-4), so a report can name the exact scenario file it was built from. */
#ifndef MLROI_SHA256_H
#define MLROI_SHA256_H

#include <stddef.h>

/* Digest of len bytes at data into out[32]. */
void mlroi_sha256(const void *data, size_t len, unsigned char out[32]);
/* 64 lowercase hex digits and a NUL into hex[65]. */
void mlroi_sha256_hex(const unsigned char digest[32], char hex[65]);

#endif
