/* keyed.h — string-keyed callback registries (keyed.c): the callbacks each
 * `keyed-dispatch` call reaches, for lc_fpflow_resolve to add to its
 * targets. */
#ifndef LOOPCHECK_KEYED_H
#define LOOPCHECK_KEYED_H

#include <stddef.h>
#include <stdint.h>

#include "program.h"

/* Per call c, the callbacks it dispatches to: functions[start[c] ..
 * start[c + 1]), each once. */
struct lc_keyed_targets {
    uint32_t *start;        /* call_count + 1; NULL when no model is keyed */
    uint32_t *functions;
    size_t count;
};

/* How many callbacks call `c` dispatches to. */
static inline uint32_t lc_keyed_target_count(const struct lc_keyed_targets *targets, uint32_t c)
{
    return targets->start ? targets->start[c + 1] - targets->start[c] : 0;
}

/* Once the function-pointer flow has run: fill program->keyed_callbacks
 * (every function a `keyed-callback` call registers), mark the
 * `keyed-dispatch` calls (lc_program_call.keyed) and give each its
 * callbacks; nothing when no function's model is keyed (most programs:
 * the pass over every call is skipped).  Returns 0, or -1 when memory
 * runs out. */
int lc_keyed_resolve(struct lc_program *program, struct lc_keyed_targets *targets);
void lc_keyed_targets_free(struct lc_keyed_targets *targets);

#endif
