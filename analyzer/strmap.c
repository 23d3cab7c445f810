/* strmap.c — the string map of strmap.h: linear probing, grown at 50 % load. */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"

void lc_strmap_init(struct lc_strmap *map)
{
    map->slots = NULL;
    map->capacity = map->count = 0;
}

void lc_strmap_free(struct lc_strmap *map)
{
    free(map->slots);
    lc_strmap_init(map);
}

static uint64_t strmap_hash(const char *key)
{
    return lc_hash_fnv1a64(key, strlen(key), LC_HASH_FNV1A64_INIT);
}

static struct lc_strmap_slot *strmap_find_slot(struct lc_strmap_slot *slots, size_t capacity,
                                               const char *key, uint64_t hash)
{
    size_t i = (size_t)hash & (capacity - 1);
    while (slots[i].key && (slots[i].hash != hash || strcmp(slots[i].key, key) != 0))
        i = (i + 1) & (capacity - 1);
    return &slots[i];
}

uint32_t lc_strmap_get(const struct lc_strmap *map, const char *key)
{
    if (!map->capacity)
        return LC_STRMAP_MISSING;
    struct lc_strmap_slot *slot = strmap_find_slot(map->slots, map->capacity, key, strmap_hash(key));
    return slot->key ? slot->value : LC_STRMAP_MISSING;
}

static int strmap_grow(struct lc_strmap *map)
{
    size_t capacity = map->capacity ? map->capacity * 2 : 64;
    struct lc_strmap_slot *slots = calloc(capacity, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < map->capacity; i++) {
        if (map->slots[i].key)
            *strmap_find_slot(slots, capacity, map->slots[i].key, map->slots[i].hash) = map->slots[i];
    }
    free(map->slots);
    map->slots = slots;
    map->capacity = capacity;
    return 0;
}

int lc_strmap_put(struct lc_strmap *map, const char *key, uint32_t value)
{
    if ((map->count + 1) * 2 > map->capacity && strmap_grow(map) != 0)
        return -1;
    uint64_t hash = strmap_hash(key);
    struct lc_strmap_slot *slot = strmap_find_slot(map->slots, map->capacity, key, hash);
    if (!slot->key) {
        slot->key = key;
        slot->hash = hash;
        map->count++;
    }
    slot->value = value;
    return 0;
}
