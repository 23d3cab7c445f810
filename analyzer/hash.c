/* hash.c — 64-bit FNV-1a (http://www.isthe.com/chongo/tech/comp/fnv/). */
#include "hash.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

int lc_hash_file(const char *path, uint64_t *hash)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat status;
    if (fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        close(fd);
        return -1;
    }
    char buffer[65536];
    ssize_t n;
    while ((n = read(fd, buffer, sizeof buffer)) > 0)
        *hash = lc_hash_fnv1a64(buffer, (size_t)n, *hash);
    close(fd);
    return n == 0 ? 0 : -1;
}
