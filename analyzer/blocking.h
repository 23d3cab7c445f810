/* blocking.h — does one call block?  Evaluates a callee's blocking model
 * (with its argument conditions) or annotation at one call site, and says
 * which argument made it block, for messages. */
#ifndef LOOPCHECK_BLOCKING_H
#define LOOPCHECK_BLOCKING_H

#include <stddef.h>

#include "program.h"

struct lc_call_blocking {
    int blocks;                              /* 0: this call does not block */
    const struct lc_blocking_model *model;   /* NULL when by annotation */
    const char *reason;                      /* the model's reason, or which
                                                annotation says it blocks */
    const char *because;                     /* e.g. "argument 6 is NULL";
                                                NULL when unconditional */
};

/* Does the value name a descriptor known to be non-blocking? */
int lc_value_is_nonblocking(const struct lc_program *program, const struct lc_program_value *value);
/* Does the value name a stream or descriptor known to be in `state`? */
int lc_value_in_state(const struct lc_program *program, const struct lc_program_value *value,
                      enum lc_stream_state state);

/* Does every condition hold at the call?  (Missing arguments: no.) */
int lc_conditions_hold(const struct lc_program *program, uint32_t call, const struct lc_arg_condition *conditions,
                       size_t count);

/* Whether calling `target` at `call` blocks; `because` lives in `arena`. */
struct lc_call_blocking lc_call_blocks(const struct lc_program *program, uint32_t call, uint32_t target,
                                       struct lc_arena *arena);

/* The first target of `call` that blocks there: 1 with *target and *why
 * set, or 0. */
int lc_call_first_blocking_target(const struct lc_program *program, uint32_t call, struct lc_arena *arena,
                                  uint32_t *target, struct lc_call_blocking *why);

#endif
