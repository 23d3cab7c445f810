/* barriers.h — which side of a barrier each thread's accesses are on.
 *
 * A barrier wait (a `barrier-wait NAME argN` model: pthread_barrier_wait)
 * returns in each thread of the barrier only once every one of them has
 * arrived, so what a thread does before its wait happens before what any
 * other thread of the barrier does after its own.  A barrier is known by
 * its variable, whose address is passed (`&barrier`); a wait on a
 * parameter, a struct field (`&s->ready`: that field of every object of
 * the type) or an element of an array of barriers names none.
 *
 * A barrier wrapper of B is a function whose body has one wait on B — a
 * call of the model or of another wrapper of B — that runs every time the
 * function does (facts.h LC_RUNS_ONCE), or at least once in a retry loop
 * (LC_RUNS_RETRIED: coturn's `barrier_wait_func` calls pthread_barrier_wait
 * in a `do ... while` that repeats a failed wait), and no other wait.
 *
 * Phases: a thread role (a start routine given to pthread_create) whose
 * entry function E makes exactly one wait W on B (a direct call of the
 * model or of a wrapper of B) in no branch, loop, switch, `?:`, `&&` or
 * `||` (no label in E; a return before it may end the thread first) and reaches no other wait on B
 * anywhere.  A function is before B for that role when only E's calls
 * before W (in source order) reach it, after B when only E's calls after
 * W do, or the callbacks the role's own loop runs (functions the role
 * reaches that E's calls do not: their phase is that of the calls that
 * run the loop, so they are after B only when nothing reached before W
 * calls a `runs-loop` function or dispatches through a pointer).  What E
 * does itself is before or after W by its place.  Everything else (what
 * both sides reach, what the wrapper calls around its wait) is on neither
 * side.
 *
 * The model trusts the barrier's count: every thread that waits on B
 * arrives once per round, as pthread_barrier_init(&B, NULL, N) with N the
 * number of those threads makes it. */
#ifndef LOOPCHECK_BARRIERS_H
#define LOOPCHECK_BARRIERS_H

#include <stdint.h>

#include "program.h"
#include "threads.h"

enum lc_barrier_phase {
    LC_BARRIER_NEITHER = 0,
    LC_BARRIER_BEFORE,
    LC_BARRIER_AFTER,
};

/* One thread role's single wait on one barrier, and the phase of every
 * function for that role. */
struct lc_barrier_wait {
    uint32_t role;
    uint32_t barrier;          /* the barrier's object */
    uint32_t entry;            /* the role's entry function */
    struct lc_location at;     /* the wait's call in it */
    uint8_t *phase;            /* function -> enum lc_barrier_phase */
};

struct lc_barriers {
    struct lc_barrier_wait *waits;
    uint32_t wait_count;
};

/* The barrier wrappers of the program: per function, the object of the
 * barrier it waits on for its callers, LC_NONE when none.  NULL when
 * memory runs out. */
uint32_t *lc_barriers_wrappers(const struct lc_program *program);

/* Find the thread roles' single waits and the phases.  0, or -1 when
 * memory runs out (then nothing is known: no wait). */
int lc_barriers_compute(const struct lc_program *program, const struct lc_threads *threads,
                        struct lc_barriers *barriers);
void lc_barriers_free(struct lc_barriers *barriers);

/* The phase of a point (`function`, `at`) for the role of `wait`. */
enum lc_barrier_phase lc_barriers_phase(const struct lc_barrier_wait *wait, uint32_t function,
                                        const struct lc_location *at);

/* Is the access at (function_a, at_a) on role_a ordered with the one at
 * (function_b, at_b) on role_b by a barrier both roles wait on once, one
 * before it and the other after?  The wait of role_a that orders them, or
 * NULL. */
const struct lc_barrier_wait *lc_barriers_order(const struct lc_barriers *barriers, uint32_t role_a,
                                                uint32_t function_a, const struct lc_location *at_a,
                                                uint32_t role_b, uint32_t function_b,
                                                const struct lc_location *at_b);

#endif
