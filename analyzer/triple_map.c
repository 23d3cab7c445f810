/* triple_map.c — an open-addressing hash map from three uint32 keys to a
 * uint32 value, and a pool of interned uint32 sequences built on it (the
 * contexts of threads_context.c: a state is a (function, role, context)
 * triple, a context an interned sequence of facts and bindings). */
#include "triple_map.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"

static uint32_t triple_map_hash(uint32_t a, uint32_t b, uint32_t c)
{
    uint64_t h = ((uint64_t)a * 0x9e3779b97f4a7c15ull) ^ ((uint64_t)b * 0xc2b2ae3d27d4eb4full) ^ ((uint64_t)c << 17);
    h ^= h >> 29;
    return (uint32_t)(h * 0xbf58476d1ce4e5b9ull >> 32);
}

static size_t triple_map_slot(const struct lc_triple_map *m, uint32_t a, uint32_t b, uint32_t c)
{
    size_t i = triple_map_hash(a, b, c) & (m->capacity - 1);
    while (m->keys[i * 3] != UINT32_MAX
           && (m->keys[i * 3] != a || m->keys[i * 3 + 1] != b || m->keys[i * 3 + 2] != c))
        i = (i + 1) & (m->capacity - 1);
    return i;
}

static int triple_map_grow(struct lc_triple_map *m)
{
    struct lc_triple_map bigger = { NULL, NULL, m->capacity ? m->capacity * 2 : 1024, m->count };
    bigger.keys = malloc(bigger.capacity * 3 * sizeof *bigger.keys);
    bigger.values = malloc(bigger.capacity * sizeof *bigger.values);
    if (!bigger.keys || !bigger.values) {
        free(bigger.keys);
        free(bigger.values);
        return -1;
    }
    memset(bigger.keys, 0xff, bigger.capacity * 3 * sizeof *bigger.keys);
    for (size_t i = 0; i < m->capacity; i++) {
        if (m->keys[i * 3] == UINT32_MAX)
            continue;
        size_t slot = triple_map_slot(&bigger, m->keys[i * 3], m->keys[i * 3 + 1], m->keys[i * 3 + 2]);
        memcpy(&bigger.keys[slot * 3], &m->keys[i * 3], 3 * sizeof *bigger.keys);
        bigger.values[slot] = m->values[i];
    }
    free(m->keys);
    free(m->values);
    *m = bigger;
    return 0;
}

uint32_t *lc_triple_map_get(struct lc_triple_map *m, uint32_t a, uint32_t b, uint32_t c, uint32_t initial,
                                 int *added)
{
    if ((m->count + 1) * 2 > m->capacity && triple_map_grow(m) != 0)
        return NULL;
    size_t slot = triple_map_slot(m, a, b, c);
    *added = m->keys[slot * 3] == UINT32_MAX;
    if (*added) {
        m->keys[slot * 3] = a;
        m->keys[slot * 3 + 1] = b;
        m->keys[slot * 3 + 2] = c;
        m->values[slot] = initial;
        m->count++;
    }
    return &m->values[slot];
}

const uint32_t *lc_triple_map_find(const struct lc_triple_map *m, uint32_t a, uint32_t b, uint32_t c)
{
    if (m->count == 0)
        return NULL;
    size_t slot = triple_map_slot(m, a, b, c);
    return m->keys[slot * 3] == UINT32_MAX ? NULL : &m->values[slot];
}

void lc_triple_map_clear(struct lc_triple_map *m)
{
    if (m->keys)
        memset(m->keys, 0xff, m->capacity * 3 * sizeof *m->keys);
    m->count = 0;
}

void lc_triple_map_free(struct lc_triple_map *m)
{
    free(m->keys);
    free(m->values);
    memset(m, 0, sizeof *m);
}

/* The id of the sequence, interned; UINT32_MAX when out of memory. */
uint32_t lc_sequence_pool_intern(struct lc_sequence_pool *pool, const uint32_t *items, uint32_t length)
{
    uint32_t hash = 0x811c9dc5u;
    for (uint32_t i = 0; i < length; i++)
        hash = (hash ^ items[i]) * 0x01000193u;
    if (hash == UINT32_MAX) /* the map's mark of an empty slot */
        hash = 0;
    for (uint32_t probe = 0;; probe++) {
        int added;
        uint32_t *id = lc_triple_map_get(&pool->index, hash, length, probe, UINT32_MAX, &added);
        if (!id)
            return UINT32_MAX;
        if (!added) {
            if (length == 0 || memcmp(&pool->items[pool->start[*id]], items, length * sizeof *items) == 0)
                return *id;
            continue;
        }
        if (lc_grow((void **)&pool->start, &pool->cap, pool->count + 1, sizeof *pool->start, 256) != 0)
            return UINT32_MAX;
        while (pool->item_count + length > pool->item_cap)
            if (lc_grow((void **)&pool->items, &pool->item_cap, pool->item_cap, sizeof *pool->items, 1024) != 0)
                return UINT32_MAX;
        if (pool->count == 0)
            pool->start[0] = 0;
        if (length > 0)
            memcpy(&pool->items[pool->item_count], items, length * sizeof *items);
        pool->item_count += length;
        *id = (uint32_t)pool->count++;
        pool->start[pool->count] = (uint32_t)pool->item_count;
        return *id;
    }
}


void lc_sequence_pool_free(struct lc_sequence_pool *pool)
{
    free(pool->items);
    free(pool->start);
    lc_triple_map_free(&pool->index);
    memset(pool, 0, sizeof *pool);
}
