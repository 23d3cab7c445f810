/* hash.c — 64-bit FNV-1a (http://www.isthe.com/chongo/tech/comp/fnv/). */
#include "hash.h"

#define LC_HASH_FNV1A64_PRIME UINT64_C(0x100000001b3)

uint64_t lc_hash_fnv1a64(const void *data, size_t size, uint64_t seed)
{
    const unsigned char *bytes = data;
    uint64_t hash = seed;
    for (size_t i = 0; i < size; i++) {
        hash ^= bytes[i];
        hash *= LC_HASH_FNV1A64_PRIME;
    }
    return hash;
}
