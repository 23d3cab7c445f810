/* lock_wrappers.c — functions that take or release a lock for their
 * callers (memcached's `STATS_LOCK()` / `STATS_UNLOCK()`, `item_lock(hv)` /
 * `item_unlock(hv)`), and the locks they hold in their callers.
 *
 * A lock wrapper of L calls a `lock` model on L (or a lock wrapper of L:
 * `item_get_locked` calls `item_lock`) unconditionally and does not release
 * L unconditionally (it may on an error path: `limited_get_locked` unlocks
 * and returns NULL when the item is over its reference limit); an unlock
 * wrapper releases L unconditionally and does not take it unconditionally.  L is the wrapper's own lock object (a variable or a field: an array
 * of locks counts as one), so a wrapper that locks what its caller passes
 * is none.  In a caller, L is held at a call or an access that comes after
 * a call of a lock wrapper of L, with no call of an unlock wrapper of L in
 * between, and before a later call of an unlock wrapper of L — in source
 * order, leaving out the calls before the point that no path from them
 * reaches (a release in a branch that ends in a jump, in the other
 * branch of an if/else, in an earlier case of a switch that does not
 * fall through: extract_reach.c), and in a lock wrapper itself, from its
 * take to its end.  In a function with a label, where that reach is not
 * known, a release in a branch followed, after the point, by an
 * unconditional release is an early exit (`STATS_LOCK(); if (x) {
 * STATS_UNLOCK(); goto out; } ...; STATS_UNLOCK();` holds the lock after
 * the branch: the unconditional release would otherwise release a lock
 * not held); any other release ends the region for the rest of the text,
 * and a lock and an unlock under the same condition bracket what lies
 * between them.
 *
 * A trylock wrapper of L tries L (a `trylock` model on its own lock object,
 * or a trylock wrapper of L, also one called through a function pointer)
 * and releases it nowhere (memcached's `item_trylock(hv)` returns the mutex
 * it took, or NULL); its unlocking partner may release whatever it is given
 * (`item_trylock_unlock(lock)`: an argument releaser, a function that
 * unconditionally unlocks one of its parameters).  In a caller, L is held
 * after a call of a trylock wrapper of L up to the next call of an unlock
 * wrapper of L or of an argument releaser, in source order as above: the
 * branch that handles the failure (`if ((l = item_trylock(hv)) == NULL)
 * continue;`) is usually empty, and counts as holding L when it is not.
 *
 * A lock handed back: a call of a function that takes L inside without
 * being a wrapper of L (`lru_pull_tail(..., &it_info)` returns the item it
 * found with its item lock held) holds L in the caller up to a release of
 * L that comes next, before any other take of L (`item_unlock(it_info.hv)`
 * at the end of storage_write), also a call of a function that releases L
 * inside and takes it nowhere (`assoc_iterate_final(iter)` after a walk of
 * `assoc_iterate(iter, &it)`, which returns with the bucket locked): a
 * caller releases only what it holds.  The locks looked at in a function
 * are those of the wrappers it calls and those its callees may hand back
 * (wrappers_handed_lock). */
#include "lock_wrappers_internal.h"

#include "grow.h"

#include <stdlib.h>
#include <string.h>

/* A call that may return holding L: its callee takes L itself (a lock or
 * trylock model, a lock or trylock wrapper) without being a wrapper of L,
 * and does not release L unconditionally. */
#define LC_WRAPPER_HANDED_BACK 16

static int wrappers_takes_inside(const struct lc_program *program, const struct lc_lock_wrapper *wrappers,
                                 uint32_t callee, uint32_t lock)
{
    const struct lc_program_function *fn = &program->functions[callee];
    int takes = 0;
    for (uint32_t i = 0; fn->is_defined && !lc_model_hides_body(fn->model) && i < fn->call_count; i++) {
        const struct lc_program_call *c = &program->calls[fn->first_call + i];
        int action = 0;
        if (lc_lock_wrapper_call_lock(program, wrappers, c, &action) != lock)
            continue;
        if (action == LC_LOCK_RELEASE && !c->conditional)
            return 0;   /* balanced: it gives L back itself */
        takes |= action == LC_LOCK_ACQUIRE || action == LC_LOCK_TRY;
    }
    return takes;
}

/* A call that releases L inside, maybe only when it holds it, and takes it
 * nowhere: it ends a region L was handed back in (memcached's
 * `assoc_iterate_final(iter)` unlocks the bucket `assoc_iterate` returned
 * with, when it did). */
#define LC_WRAPPER_RELEASED_INSIDE 17

static int wrappers_releases_inside(const struct lc_program *program, const struct lc_lock_wrapper *wrappers,
                                    uint32_t callee, uint32_t lock)
{
    const struct lc_program_function *fn = &program->functions[callee];
    int releases = 0;
    for (uint32_t i = 0; fn->is_defined && !lc_model_hides_body(fn->model) && i < fn->call_count; i++) {
        int action = 0;
        if (lc_lock_wrapper_call_lock(program, wrappers, &program->calls[fn->first_call + i], &action) != lock)
            continue;
        if (action == LC_LOCK_ACQUIRE || action == LC_LOCK_TRY)
            return 0;
        releases |= action == LC_LOCK_RELEASE;
    }
    return releases;
}

static int wrappers_before(const struct lc_location *a, const struct lc_location *b)
{
    return a->file && b->file && strcmp(a->file, b->file) == 0
           && (a->line < b->line || (a->line == b->line && a->col < b->col));
}

/* Is `lock` held at `at` by the wrapper calls of `function`? */
static int wrappers_hold(const struct lc_program *program, const struct lc_lock_wrapper *wrappers, uint32_t function,
                         uint32_t lock, const struct lc_location *at)
{
    const struct lc_program_function *fn = &program->functions[function];
    const struct lc_location *last = NULL, *next = NULL, *last_kept = NULL;
    int last_action = 0, next_action = 0, released_after = 0, tried = 0, last_kept_action = 0;
    int released_after_always = 0, last_reach_unknown = 0;
    for (uint32_t i = 0; i < fn->call_count; i++) {
        const struct lc_program_call *c = &program->calls[fn->first_call + i];
        tried |= c->callee.kind == LC_VALUE_FUNCTION && c->callee.function != LC_NONE
                 && wrappers[c->callee.function].lock == lock && wrappers[c->callee.function].action == LC_LOCK_TRY;
    }
    for (uint32_t i = 0; i < fn->call_count; i++) {
        const struct lc_program_call *c = &program->calls[fn->first_call + i];
        if (c->callee.kind != LC_VALUE_FUNCTION || c->callee.function == LC_NONE)
            continue;
        const struct lc_lock_wrapper *w = &wrappers[c->callee.function];
        /* A wrapper or a lock model of L; after a trylock wrapper, an
         * argument releaser is its partner. */
        int action = 0;
        if (lc_lock_wrapper_call_lock(program, wrappers, c, &action) != lock)
            action = tried && w->releases_argument ? LC_LOCK_RELEASE : 0;
        if (action == 0 && w->lock == LC_NONE && wrappers_takes_inside(program, wrappers, c->callee.function, lock))
            action = LC_WRAPPER_HANDED_BACK;
        if (action == 0 && wrappers_before(at, &c->loc)
            && wrappers_releases_inside(program, wrappers, c->callee.function, lock))
            action = LC_WRAPPER_RELEASED_INSIDE;
        if (action == 0)
            continue;
        if (wrappers_before(&c->loc, at)) {
            /* A call with no path to `at` (a release in a branch that
             * returns, in another case of a switch) does not end the region. */
            if (lc_unreached_covers(lc_program_call_extra_of(program, c)->unreached, at->line, at->col))
                continue;
            if (!last || wrappers_before(last, &c->loc)) {
                last = &c->loc;
                last_action = action;
                last_reach_unknown = lc_unreached_unknown(lc_program_call_extra_of(program, c)->unreached);
            }
            /* The same, leaving out releases in a branch. */
            if (!(action == LC_LOCK_RELEASE && c->conditional) && (!last_kept || wrappers_before(last_kept, &c->loc))) {
                last_kept = &c->loc;
                last_kept_action = action;
            }
        } else if (wrappers_before(at, &c->loc)) {
            released_after |= action == LC_LOCK_RELEASE;
            released_after_always |= action == LC_LOCK_RELEASE && !c->conditional;
            if (!next || wrappers_before(&c->loc, next)) {
                next = &c->loc;
                next_action = action;
            }
        }
    }
    if (!last)
        return 0;
    /* `lock(); if (found) { unlock(); goto out; } ... unlock();`: a release
     * in a branch before an unconditional one after is an early exit, in a
     * function whose calls' reach is not known (elsewhere an early exit
     * does not reach the point and was left out above). */
    if (last_action == LC_LOCK_RELEASE && released_after_always && last_reach_unknown
        && (last_kept_action == LC_LOCK_ACQUIRE || last_kept_action == LC_LOCK_TRY))
        return 1;
    if (last_action == LC_WRAPPER_HANDED_BACK)
        return next_action == LC_LOCK_RELEASE || next_action == LC_WRAPPER_RELEASED_INSIDE;
    /* A lock wrapper of L holds L after it takes it, to its end (memcached's
     * item_get_locked: `item_lock(hv); it = do_item_get(...); return it;`). */
    if (last_action == LC_LOCK_ACQUIRE && wrappers[function].lock == lock
        && wrappers[function].action == LC_LOCK_ACQUIRE)
        return 1;
    return (last_action == LC_LOCK_ACQUIRE || last_action == LC_LOCK_TRY) && released_after;
}

struct wrappers_rebuild {
    const struct lc_program *program;
    const struct lc_lock_wrapper *wrappers;
    const uint32_t *handed;        /* per function: the lock it may hand
                                      back (wrappers_handed_lock), LC_NONE */
    const uint8_t *uses;           /* per function: calls a wrapper or a
                                      function that may hand a lock back */
    const uint32_t *old;           /* the held locks before */
    uint32_t *held, count;         /* the new array */
    size_t cap;
};

static int wrappers_push(struct wrappers_rebuild *r, uint32_t lock)
{
    if (lc_grow((void **)&r->held, &r->cap, r->count, sizeof *r->held, 256) != 0)
        return -1;
    r->held[r->count++] = lock;
    return 0;
}

/* The lock a function that is no wrapper may return holding: the first it
 * takes inside without releasing it unconditionally (wrappers_takes_inside),
 * or LC_NONE. */
static uint32_t wrappers_handed_lock(const struct lc_program *program, const struct lc_lock_wrapper *wrappers,
                                     uint32_t function)
{
    const struct lc_program_function *fn = &program->functions[function];
    for (uint32_t i = 0; wrappers[function].lock == LC_NONE && fn->is_defined && !lc_model_hides_body(fn->model)
                         && i < fn->call_count; i++) {
        int action = 0;
        uint32_t lock = lc_lock_wrapper_call_lock(program, wrappers, &program->calls[fn->first_call + i], &action);
        if (lock != LC_NONE && (action == LC_LOCK_ACQUIRE || action == LC_LOCK_TRY)
            && wrappers_takes_inside(program, wrappers, function, lock))
            return lock;
    }
    return LC_NONE;
}

/* Copy one lockset into the new array, adding the wrapper locks held. */
static int wrappers_rebuild_set(struct wrappers_rebuild *r, uint32_t function, const struct lc_location *at,
                                uint32_t *first, uint32_t *lock_count)
{
    uint32_t start = r->count;
    for (uint32_t i = 0; i < *lock_count; i++)
        if (wrappers_push(r, r->old[*first + i]) != 0)
            return -1;
    const struct lc_program_function *fn = &r->program->functions[function];
    for (uint32_t i = 0; r->uses[function] && i < fn->call_count; i++) {
        const struct lc_program_call *c = &r->program->calls[fn->first_call + i];
        if (c->callee.kind != LC_VALUE_FUNCTION || c->callee.function == LC_NONE)
            continue;
        uint32_t lock = r->wrappers[c->callee.function].lock, seen = 0;
        if (lock == LC_NONE)
            lock = r->handed[c->callee.function];
        for (uint32_t k = start; k < r->count && !seen; k++)
            seen = r->held[k] == lock;
        if (lock != LC_NONE && !seen && wrappers_hold(r->program, r->wrappers, function, lock, at)
            && wrappers_push(r, lock) != 0)
            return -1;
    }
    *first = start;
    *lock_count = r->count - start;
    return 0;
}

int lc_lock_wrappers_apply(struct lc_program *program)
{
    size_t n = (size_t)program->function_count + 1;
    struct lc_lock_wrapper *wrappers = malloc(n * sizeof *wrappers);
    uint8_t *uses = calloc(n, 1);
    int any = 0, rc = wrappers && uses ? lc_lock_wrappers_find(program, wrappers) : -1;
    for (uint32_t f = 0; rc == 0 && f < program->function_count; f++)
        any |= wrappers[f].lock != LC_NONE;
    uint32_t *handed = rc == 0 && any ? malloc(n * sizeof *handed) : NULL;
    if (any && !handed)
        rc = -1;
    for (uint32_t f = 0; rc == 0 && any && f < program->function_count; f++)
        handed[f] = wrappers_handed_lock(program, wrappers, f);
    for (uint32_t c = 0; rc == 0 && any && c < program->call_count; c++) {
        const struct lc_program_call *call = &program->calls[c];
        if (call->callee.kind == LC_VALUE_FUNCTION && call->callee.function != LC_NONE
            && (wrappers[call->callee.function].lock != LC_NONE || handed[call->callee.function] != LC_NONE))
            uses[call->caller] = 1;
    }
    struct wrappers_rebuild r = { program, wrappers, handed, uses, program->held_locks, NULL, 0, 0 };
    for (uint32_t c = 0; rc == 0 && any && c < program->call_count; c++) {
        struct lc_program_call *call = &program->calls[c];
        rc = wrappers_rebuild_set(&r, call->caller, &call->loc, &call->first_lock, &call->lock_count);
    }
    for (uint32_t a = 0; rc == 0 && any && a < program->access_count; a++) {
        struct lc_program_access *access = &program->accesses[a];
        rc = wrappers_rebuild_set(&r, access->function, &access->loc, &access->first_lock, &access->lock_count);
    }
    if (rc == 0 && any) {
        free(program->held_locks);
        program->held_locks = r.held;
        program->held_lock_count = r.count;
    } else {
        free(r.held);
    }
    free(wrappers);
    free(handed);
    free(uses);
    return rc;
}
