/* scoped_callbacks.h — callbacks installed only for the duration of a call
 * (scoped_callbacks.c): which functions a call through a function-pointer
 * field reaches only while one of a few installing functions runs. */
#ifndef LOOPCHECK_SCOPED_CALLBACKS_H
#define LOOPCHECK_SCOPED_CALLBACKS_H

#include <stdint.h>

#include "program.h"
#include "triple_map.h"

struct lc_scoped_callbacks {
    struct lc_triple_map pairs;   /* (flow node, function, 0) -> first of its
                                     record in `records`: the owner (the one
                                     function whose calls through a local
                                     copy it holds for; LC_NONE for a
                                     field), the count, then the scoping
                                     functions */
    uint32_t *records;
    size_t record_count, record_cap;
};

/* Find the scoped callbacks of the program.  Needs the resolved targets
 * (lc_fpflow_resolve), the reverse call graph (program->callers) and
 * program->registered.  0, or -1 (no memory). */
int lc_scoped_callbacks_compute(const struct lc_program *program, struct lc_scoped_callbacks *scoped);
void lc_scoped_callbacks_free(struct lc_scoped_callbacks *scoped);

/* The functions that scope `function` for a call made by `caller` through
 * flow node `node` (*count of them): a thread reaches `function` there
 * only while it runs one of them.  NULL when it is not scoped. */
const uint32_t *lc_scoped_callbacks_find(const struct lc_scoped_callbacks *scoped, uint32_t node,
                                         uint32_t function, uint32_t caller, uint32_t *count);

/* Is some scoped function marked in `runs` (one byte per function) while
 * none of the functions that scope it is? */
int lc_scoped_callbacks_escape(const struct lc_scoped_callbacks *scoped, const uint8_t *runs);

#endif
