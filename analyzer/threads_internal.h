/* threads_internal.h — what threads.c needs from threads_own_loops.c.
 * Private to threads*.c. */
#ifndef LOOPCHECK_THREADS_INTERNAL_H
#define LOOPCHECK_THREADS_INTERNAL_H

#include "threads.h"

/* Loop entries that a thread's own event loop runs: every call that
 * registers the entry by name (a `callback ... loop` argument naming the
 * function) is made by code that runs on one thread role only, and that
 * thread dispatches registered callbacks itself or runs a library's loop
 * (`dispatching`, per role).
 * Fills, per entry, that role and the first registering call, or LC_NONE.
 * Returns how many entries move. */
uint32_t lc_threads_own_loop_entries(const struct lc_program *program, const struct lc_threads *threads,
                                     const uint8_t *dispatching, uint32_t *moved_role, uint32_t *moved_call);

/* Functions of a thread's own loop that are no entry: every call that
 * names the function as an argument is made by code of one dispatching
 * thread role, and no store takes its address.  A call through a pointer
 * made by another role does not reach it.  Fills, per function, that role
 * and the first such call, or LC_NONE.  Returns how many. */
uint32_t lc_threads_own_loop_functions(const struct lc_program *program, const struct lc_threads *threads,
                                       const uint8_t *dispatching, uint32_t *owned_role, uint32_t *owned_call);

/* threads.c: give `function` the role (if it has room and not already),
 * `parent` the call through which it gets it; 1 when added. */
int lc_threads_add_role(struct lc_threads *t, uint32_t function, uint32_t role, uint32_t parent);

/* threads_cuts.c: the calls each function makes only under a test of a
 * parameter (facts.h lc_param_guard, the first LC_THREADS_CUTS_CAP), which
 * a call site entering the function cuts where what it passes fails the
 * test. */
#define LC_THREADS_CUTS_CAP 32
struct lc_threads_cuts {
    uint32_t *start;   /* function -> its first guarded call in calls; + 1 -> end */
    uint32_t *calls;
    uint8_t *bit;      /* call -> its bit in a mask, UINT8_MAX: none */
};
int lc_threads_cuts_build(const struct lc_program *program, struct lc_threads_cuts *cuts);
void lc_threads_cuts_free(struct lc_threads_cuts *cuts);
/* The guarded calls of `callee` that call `c` cuts, as a mask. */
uint32_t lc_threads_cuts_mask(const struct lc_program *program, const struct lc_threads_cuts *cuts,
                              const struct lc_program_call *c, uint32_t callee);
/* Does `mask` cut call `call`? */
static inline int lc_threads_cuts_skips(const struct lc_threads_cuts *cuts, uint32_t call, uint32_t mask)
{
    return cuts->bit[call] != UINT8_MAX && ((mask >> cuts->bit[call]) & 1u);
}

/* threads_context.c: the roles spread with the context of each path (the
 * tests of globals its calls ran under, the functions passed for
 * function-pointer parameters). */
struct lc_threads_context;
struct lc_threads_context *lc_threads_context_new(const struct lc_program *program);
void lc_threads_context_free(struct lc_threads_context *context);
/* Forget the states of the previous spread.  `owned_role` (per function,
 * or NULL): lc_threads_own_loop_functions, kept for the spread. */
int lc_threads_context_begin(struct lc_threads_context *context, const uint32_t *owned_role);
/* Does a scoped callback (scoped_callbacks.c) run on the loop, by
 * `on_loop` (the loop coloring), where none of the functions that scope
 * it does, and no function pointer was cut (then the loop may run them
 * behind it)?  Then the loop's role takes the walk that leaves it out. */
int lc_threads_context_loop_escapes(const struct lc_threads_context *context, const uint8_t *on_loop);
/* Give `function` the role (lc_threads_add_role) and queue it in the most
 * general context.  0, or -1 (no memory). */
int lc_threads_context_seed(struct lc_threads_context *context, struct lc_threads *t, uint32_t function,
                            uint32_t role, uint32_t parent);
/* Breadth-first from the seeds.  A role does not spread into a registered
 * function through a pointer (lc_program_dispatches), nor into a scoped
 * callback before it runs a function that scopes it; `dispatching` notes
 * the roles that would, and those that call a function modelled
 * `runs-loop` (a library's loop, event_base_dispatch).  0, or -1 (no
 * memory). */
int lc_threads_context_spread(const struct lc_program *program, struct lc_threads *t,
                              struct lc_threads_context *context, uint8_t *dispatching);
/* After a spread: the tested variables that a function reached on a role
 * writes give that role no more facts.  1 when one was new (spread
 * again). */
int lc_threads_context_ban_written(const struct lc_program *program, struct lc_threads_context *context);

/* threads_programs.c: threads->programs, the executables in which each
 * role reaches each function.  Returns 0, or -1 when memory runs out. */
int lc_threads_programs(const struct lc_program *program, struct lc_threads *threads);
/* The spread behind it: per (function, role slot), `words` words of the
 * set in which the role reaches the function, from where each role starts
 * (the function's own set, function_sets + function * words) along the
 * calls the roles follow, a callee keeping what its own set allows; all
 * bits where the walk never went.  In the threads' arena; NULL when
 * memory runs out. */
uint64_t *lc_threads_spread_sets(const struct lc_program *program, struct lc_threads *threads,
                                 const uint64_t *function_sets, size_t words);

/* threads_processes.c: threads->processes, the processes (`process-main`
 * models) in which each role reaches each function.  Returns 0, or -1 when
 * memory runs out. */
int lc_threads_processes(const struct lc_program *program, struct lc_threads *threads);

/* threads_main_first.c: threads->main_first.  Returns 0, or -1 when
 * memory runs out. */
int lc_threads_main_first(const struct lc_program *program, struct lc_threads *threads);

#endif
