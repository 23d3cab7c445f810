/* grow.h — room for one more element in a growing array (doubling), and
 * appending a zeroed element to one. */
#ifndef LOOPCHECK_GROW_H
#define LOOPCHECK_GROW_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Make room for element `count` of *items (capacity *cap, in elements of
 * `size` bytes), doubling from `first_cap`.  0, or -1 (out of memory:
 * *items is unchanged). */
static inline int lc_grow(void **items, size_t *cap, size_t count, size_t size, size_t first_cap)
{
    if (count < *cap)
        return 0;
    size_t new_cap = *cap ? *cap * 2 : first_cap;
    void *grown = realloc(*items, new_cap * size);
    if (!grown)
        return -1;
    *items = grown;
    *cap = new_cap;
    return 0;
}

/* Append one zeroed element to *items (*count used, capacity *cap); the new
 * element, or NULL when memory runs out. */
static inline void *lc_grow_append(void **items, size_t *count, size_t *cap, size_t size, size_t first_cap)
{
    if (lc_grow(items, cap, *count, size, first_cap) != 0)
        return NULL;
    void *slot = (char *)*items + (*count)++ * size;
    memset(slot, 0, size);
    return slot;
}

#endif
