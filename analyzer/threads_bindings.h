/* threads_bindings.h — the function-pointer bindings of threads_context.c:
 * for each parameter a function calls through (or passes on to one), the
 * functions its caller passed there.  Private to threads*.c. */
#ifndef LOOPCHECK_THREADS_BINDINGS_H
#define LOOPCHECK_THREADS_BINDINGS_H

#include <stdint.h>

#include "program.h"
#include "triple_map.h"

#define LC_THREADS_BINDING_SET_CAP 4          /* a binding of more is unknown */
#define LC_THREADS_BINDING_ANY UINT32_MAX     /* a binding of unknown functions */
#define LC_THREADS_PARAM_BITS 32              /* parameters past these are never bound */

/* Per function (bit per parameter): the parameters that have a binding,
 * into `bound` (zeroed, function_count entries). */
void lc_threads_bound_params(const struct lc_program *program, uint32_t *bound);

/* A context's items are the mask of its function's guarded calls it cuts
 * (threads_context.c), its facts (a count, then 4 items each) and then,
 * for each bound parameter in order, LC_THREADS_BINDING_ANY or a count and
 * that many functions.  `items` below point at the facts. */

/* The binding of bound parameter `param` of `function` in the context
 * `items`: its functions, *count of them, or NULL when unknown. */
const uint32_t *lc_threads_binding(const uint32_t *bound_params, uint32_t function, const uint32_t *items,
                                   uint32_t param, uint32_t *count);

/* The context of `callee` called at `c` from `caller` in context `items`,
 * whose cut mask and facts after the call are already in `out`: interned
 * in `pool`, or LC_NONE (no memory). */
uint32_t lc_threads_callee_bindings(struct lc_sequence_pool *pool, const uint32_t *bound_params,
                                    const struct lc_program *program, uint32_t caller, const uint32_t *items,
                                    const struct lc_program_call *c, uint32_t callee, uint32_t *out);

/* May call `c` of `function` in context `items` reach target `g`?  Not
 * when it calls through a bound parameter whose binding leaves g out. */
int lc_threads_binding_allows(const struct lc_program *program, const uint32_t *bound_params, uint32_t function,
                              const uint32_t *items, const struct lc_program_call *c, uint32_t g);

#endif
