/* grow.h — room for one more element in a growing array (doubling). */
#ifndef LOOPCHECK_GROW_H
#define LOOPCHECK_GROW_H

#include <stddef.h>
#include <stdlib.h>

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

#endif
