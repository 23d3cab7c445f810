/* reach_marks.h — marking, with one bit of a byte per function, every
 * function some seed calls reach through the call graph (barriers.c's
 * phases of a thread, gates.c's reach of hand-off windows). */
#ifndef LOOPCHECK_REACH_MARKS_H
#define LOOPCHECK_REACH_MARKS_H

#include <stdint.h>

#include "program.h"

/* Mark `bit` on the targets of `call` not marked yet and push them on
 * `pending` (room for every function: each is pushed once per bit). */
void lc_reach_mark_call(const struct lc_program *program, const struct lc_program_call *call, uint8_t *mark,
                        uint8_t bit, uint32_t *pending, uint32_t *count);
/* Mark `bit` on everything the `count` pending functions reach: through
 * every body, or only through the bodies loopcheck follows
 * (lc_program_function_is_followed) when `followed_only`. */
void lc_reach_mark_spread(const struct lc_program *program, uint8_t *mark, uint8_t bit, uint32_t *pending,
                          uint32_t count, int followed_only);

#endif
