#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// The 64 round constants K of FIPS 180-4 (shared with the portable loop in SHA256.swift).
const uint32_t *csha256_round_constants(void);

/// 1 when this processor has the SHA extensions (x86-64 SHA-NI with SSSE3 and SSE4.1), else 0.
int csha256_hardware_available(void);

/// Compresses `blocks` 64-byte blocks from `data` into `state` (8 words, FIPS 180-4 order) with
/// the SHA instructions. Call only when csha256_hardware_available() returned 1.
void csha256_hardware_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
