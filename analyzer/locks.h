/* locks.h — lock facts shared by the lock-related checks: which lock a
 * call acquires, and whether a lock is held at a call (by the call's own
 * lockset or by every caller of its function). */
#ifndef LOOPCHECK_LOCKS_H
#define LOOPCHECK_LOCKS_H

#include <stdint.h>

#include "program.h"
#include "threads.h"

/* The lock object a call acquires and may wait for (a `lock` model with an
 * acquiring action), or LC_NONE; LC_NONE too for one element of an array
 * of locks (`&locks[i]`), where the element other threads hold is unknown. */
uint32_t lc_locks_acquired(const struct lc_program *program, uint32_t call);
/* Does `call` take its lock shared (a read hold: `lock NAME argN shared`)? */
int lc_locks_acquires_shared(const struct lc_program *program, uint32_t call);

/* Add to the locksets of calls and accesses the locks that lock wrappers
 * hold there (lock_wrappers.c: a function that returns holding a lock it
 * took, and its unlocking partner).  Returns 0, or -1 when memory runs out
 * (the locksets are then unchanged).  Needs the reverse call graph and
 * program->model_calls. */
int lc_lock_wrappers_apply(struct lc_program *program);

/* Is `lock`, one of `function`'s entry locks, still held at `at`: not
 * released by a call of `function` before `at` (source order; for the
 * pause of the other threads, a `resume-threads` call)?  A helper
 * called under its caller's lock may release it for a while
 * (`unlock(&l); usleep(...); lock(&l);`); after its own re-lock the lock
 * is in the call's own lockset again. */
int lc_locks_entry_held_at(const struct lc_program *program, const struct lc_threads *threads, uint32_t function,
                           uint32_t lock, const struct lc_location *at);

/* Does `call`'s own lockset hold `lock` (not counting its function's entry
 * locks)? */
int lc_locks_call_holds(const struct lc_program *program, uint32_t call, uint32_t lock);
/* Is `lock` held shared at `call`: is the latest acquisition of it before
 * the call, in the call's function, a shared one (`lock NAME argN
 * shared`)?  When the function does not take it, is it held shared at
 * every call of the function that holds it (a lock its callers hold; the
 * function's calls of itself aside), up to two callers up?  Otherwise
 * exclusive. */
int lc_locks_held_shared_at(const struct lc_program *program, const struct lc_threads *threads, uint32_t call,
                            uint32_t lock);
/* Is `lock` held at `call`? */
int lc_locks_held_at(const struct lc_program *program, const struct lc_threads *threads, uint32_t call,
                     uint32_t lock);

/* Is `lock` one of the call's arguments (a wait that releases it)? */
int lc_locks_is_argument(const struct lc_program *program, const struct lc_program_call *call, uint32_t lock);
/* Is `lock`, held on entry to `function`, given to it by every call of it
 * (a condition-wait wrapper, `tor_cond_wait(&pool->cond, &pool->lock,
 * NULL)`, which may release it)?  Its blocking calls are then not made
 * under it, as a wait given the lock is not. */
int lc_locks_entry_given(const struct lc_program *program, uint32_t function, uint32_t lock);

/* Any lock held at `call` that the call does not take as an argument (a
 * condition wait releases the mutex it is given), nor its function's
 * callers give it (lc_locks_entry_given), or LC_NONE.  The pause
 * of the other threads (LC_LOCK_THREADS_PAUSED) is no lock anyone waits
 * for and is not one. */
uint32_t lc_locks_kept_across(const struct lc_program *program, const struct lc_threads *threads, uint32_t call);

#endif
