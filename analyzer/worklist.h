/* worklist.h — the functions a fixed point still has to take up: a ring of
 * indexes below `size`, each in it at most once (a flag per index), taken
 * out in the order put in. */
#ifndef LOOPCHECK_WORKLIST_H
#define LOOPCHECK_WORKLIST_H

#include <stdint.h>
#include <stdlib.h>

struct lc_worklist {
    uint32_t *ring;
    uint8_t *queued;
    uint32_t size, head, count;
};

/* An empty worklist for indexes below `size`: 0, or -1 (out of memory). */
static inline int lc_worklist_init(struct lc_worklist *work, uint32_t size)
{
    *work = (struct lc_worklist){ malloc(((size_t)size + 1) * sizeof *work->ring), calloc((size_t)size + 1, 1),
                                  size, 0, 0 };
    return work->ring && work->queued ? 0 : -1;
}

static inline void lc_worklist_free(struct lc_worklist *work)
{
    free(work->ring);
    free(work->queued);
}

/* Put `index` in, unless it is in already. */
static inline void lc_worklist_push(struct lc_worklist *work, uint32_t index)
{
    if (work->queued[index])
        return;
    work->queued[index] = 1;
    work->ring[(work->head + work->count++) % work->size] = index;
}

/* Take the oldest index out into *index: 1, or 0 when the list is empty. */
static inline int lc_worklist_pop(struct lc_worklist *work, uint32_t *index)
{
    if (work->count == 0)
        return 0;
    *index = work->ring[work->head];
    work->head = (work->head + 1) % work->size;
    work->count--;
    work->queued[*index] = 0;
    return 1;
}

#endif
