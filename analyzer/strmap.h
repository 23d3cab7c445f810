/* strmap.h — an open-addressing hash map from strings to 32-bit indexes.
 * Keys are not copied: they must outlive the map (they live in an arena). */
#ifndef LOOPCHECK_STRMAP_H
#define LOOPCHECK_STRMAP_H

#include <stddef.h>
#include <stdint.h>

#define LC_STRMAP_MISSING UINT32_MAX

struct lc_strmap_slot {
    const char *key;
    uint64_t hash;
    uint32_t value;
};

struct lc_strmap {
    struct lc_strmap_slot *slots;
    size_t capacity, count;   /* capacity is a power of two */
};

void lc_strmap_init(struct lc_strmap *map);
void lc_strmap_free(struct lc_strmap *map);
/* The value stored for key, or LC_STRMAP_MISSING. */
uint32_t lc_strmap_get(const struct lc_strmap *map, const char *key);
/* Insert or replace; returns 0, or -1 when memory runs out. */
int lc_strmap_put(struct lc_strmap *map, const char *key, uint32_t value);

#endif
