/* lock_wrappers_internal.h — what lock_wrappers.c (the locks wrappers hold
 * in their callers) and lock_wrappers_find.c (which functions are
 * wrappers) share.  Not for use outside them: everything else uses
 * locks.h. */
#ifndef LOOPCHECK_LOCK_WRAPPERS_INTERNAL_H
#define LOOPCHECK_LOCK_WRAPPERS_INTERNAL_H

#include "locks.h"

struct lc_lock_wrapper {
    uint32_t lock;      /* LC_NONE: not a wrapper */
    int action;         /* LC_LOCK_ACQUIRE, LC_LOCK_RELEASE or LC_LOCK_TRY */
    int releases_argument;  /* unconditionally unlocks one of its parameters */
};

/* The lock a direct call's lock model, or the wrapper it calls, acts on,
 * with the action; LC_NONE. */
uint32_t lc_lock_wrapper_call_lock(const struct lc_program *program, const struct lc_lock_wrapper *wrappers,
                                   const struct lc_program_call *c, int *action);
/* Fill wrappers[f] for every function f of the program: what kind of
 * wrapper it is, if any (lock_wrappers.c describes them).  0, or -1 when
 * memory runs out. */
int lc_lock_wrappers_find(const struct lc_program *program, struct lc_lock_wrapper *wrappers);

#endif
