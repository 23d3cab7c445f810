/* threads_internal.h — what threads.c needs from threads_own_loops.c.
 * Private to threads*.c. */
#ifndef LOOPCHECK_THREADS_INTERNAL_H
#define LOOPCHECK_THREADS_INTERNAL_H

#include "threads.h"

/* Loop entries that a thread's own event loop runs: every call that
 * registers the entry by name (a `callback ... loop` argument naming the
 * function) is made by code that runs on one thread role only, and that
 * thread dispatches registered callbacks itself (`dispatching`, per role).
 * Fills, per entry, that role and the first registering call, or LC_NONE.
 * Returns how many entries move. */
uint32_t lc_threads_own_loop_entries(const struct lc_program *program, const struct lc_threads *threads,
                                     const uint8_t *dispatching, uint32_t *moved_role, uint32_t *moved_call);

/* threads_programs.c: threads->programs, the executables in which each
 * role reaches each function.  Returns 0, or -1 when memory runs out. */
int lc_threads_programs(const struct lc_program *program, struct lc_threads *threads);

#endif
