/* scoped_callbacks_internal.h — what scoped_callbacks.c needs from
 * scoped_callbacks_walks.c.  Private to scoped_callbacks*.c. */
#ifndef LOOPCHECK_SCOPED_CALLBACKS_INTERNAL_H
#define LOOPCHECK_SCOPED_CALLBACKS_INTERNAL_H

#include <stdint.h>

#include "program.h"

/* The walks' marks, made when first needed; zeroed: none yet. */
struct lc_scoped_walks {
    uint32_t *only_stamp;     /* function -> generation of the callback
                                 that alone reaches it */
    uint32_t *only_queue;
    uint32_t only_function, only_generation;
    uint32_t *reach_stamp;    /* function -> generation of the field a
                                 call through which it may reach */
    uint32_t *reach_queue;
    uint32_t reach_node, reach_generation;
};

/* Does only `function` reach `other` (through calls, every caller of each
 * function on the way being one of them, none registered)?  Needs
 * program->callers and program->registered; 0 when memory runs out. */
int lc_scoped_only_reached_by(const struct lc_program *program, struct lc_scoped_walks *walks, uint32_t function,
                              uint32_t other);

/* Does `installer`, between `from` and `to` in its body, make a call that
 * may reach a call through field `node` (or a local copy of it)?  0 when
 * memory runs out. */
int lc_scoped_called_between(const struct lc_program *program, struct lc_scoped_walks *walks, uint32_t node,
                             uint32_t installer, const struct lc_location *from, const struct lc_location *to);

void lc_scoped_walks_free(struct lc_scoped_walks *walks);

#endif
