/* hash.h — 64-bit FNV-1a, used for compile command fingerprints (compdb.c)
 * and file contents (the store, the results key).  Not cryptographic: it detects change. */
#ifndef LOOPCHECK_HASH_H
#define LOOPCHECK_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The FNV-1a offset basis: the seed of a fresh hash. */
#define LC_HASH_FNV1A64_INIT UINT64_C(0xcbf29ce484222325)

/* Hash `size` bytes of `data`, continuing from `seed` (LC_HASH_FNV1A64_INIT
 * to start, or the result of a previous call to hash several pieces as one). */
uint64_t lc_hash_fnv1a64(const void *data, size_t size, uint64_t seed);

/* Continue *hash over the content of the file at `path`; 0, or -1 when it
 * cannot be read or is not a regular file (a device such as /dev/zero
 * never ends, and no other kind of file has a content to key a cache). */
int lc_hash_file(const char *path, uint64_t *hash);

#endif
