/* triple_map.h — a hash map from three uint32 keys to a uint32 value, and
 * a pool of interned uint32 sequences (see triple_map.c).  Zero-initialised
 * structs are empty and ready to use. */
#ifndef LOOPCHECK_TRIPLE_MAP_H
#define LOOPCHECK_TRIPLE_MAP_H

#include <stddef.h>
#include <stdint.h>

/* Open-addressing map from three uint32 keys to a uint32 value. */
struct lc_triple_map {
    uint32_t *keys;          /* capacity * 3; key[0] == UINT32_MAX: empty */
    uint32_t *values;
    size_t capacity, count;
};

/* Interned uint32 sequences (contexts), by content. */
struct lc_sequence_pool {
    uint32_t *items;
    size_t item_count, item_cap;
    uint32_t *start;          /* sequence id -> first item; id + 1 -> end */
    size_t count, cap;
    struct lc_triple_map index; /* (hash, length, n) -> the n-th id with
                                   that hash and length */
};

/* The value slot of key (a, b, c), inserted with `initial` when new (*added
 * says whether it was); NULL when out of memory.  `a` must not be
 * UINT32_MAX (the empty slot's mark). */
uint32_t *lc_triple_map_get(struct lc_triple_map *m, uint32_t a, uint32_t b, uint32_t c, uint32_t initial,
                            int *added);
/* The value of key (a, b, c), or NULL when it is not in the map. */
const uint32_t *lc_triple_map_find(const struct lc_triple_map *m, uint32_t a, uint32_t b, uint32_t c);
/* Empties the map, keeping its memory. */
void lc_triple_map_clear(struct lc_triple_map *m);
void lc_triple_map_free(struct lc_triple_map *m);

/* The id of the sequence of `length` items, interned (the same content gets
 * the same id; ids count from 0); UINT32_MAX when out of memory.  Its items
 * are pool->items[pool->start[id]] to pool->items[pool->start[id + 1]]. */
uint32_t lc_sequence_pool_intern(struct lc_sequence_pool *pool, const uint32_t *items, uint32_t length);
void lc_sequence_pool_free(struct lc_sequence_pool *pool);

#endif
