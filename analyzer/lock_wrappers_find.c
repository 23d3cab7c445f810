/* lock_wrappers_find.c — which functions are lock wrappers: lock, unlock
 * and trylock wrappers of their own lock object, and argument releasers
 * (the definitions are in lock_wrappers.c, which uses them).  Wrappers of
 * wrappers are found in a few rounds. */
#include "lock_wrappers_internal.h"

#include "callers.h"

#include <stdlib.h>

#define LC_LOCK_WRAPPER_DEPTH 4

uint32_t lc_lock_wrapper_call_lock(const struct lc_program *program, const struct lc_lock_wrapper *wrappers,
                                   const struct lc_program_call *c, int *action)
{
    if (c->callee.kind != LC_VALUE_FUNCTION || c->callee.function == LC_NONE)
        return LC_NONE;
    if (wrappers[c->callee.function].lock != LC_NONE) {
        *action = wrappers[c->callee.function].action;
        return wrappers[c->callee.function].lock;
    }
    const struct lc_function_model *model = program->functions[c->callee.function].model;
    const struct lc_lock_model *lock = model ? model->lock : NULL;
    if (!lock || lock->position < 1 || (uint32_t)lock->position > c->arg_count)
        return LC_NONE;
    const struct lc_program_value *arg = &program->args[c->first_arg + (uint32_t)lock->position - 1];
    *action = (int)lock->action;
    return arg->kind == LC_VALUE_PARAM ? LC_NONE : lc_program_value_object(program, arg);
}

/* Does the direct call `c` unlock one of its caller's parameters? */
static int wrappers_releases_parameter(const struct lc_program *program, const struct lc_program_call *c)
{
    if (c->conditional || c->callee.kind != LC_VALUE_FUNCTION || c->callee.function == LC_NONE)
        return 0;
    const struct lc_function_model *model = program->functions[c->callee.function].model;
    const struct lc_lock_model *lock = model ? model->lock : NULL;
    return lock && lock->action == LC_LOCK_RELEASE && lock->position >= 1 && (uint32_t)lock->position <= c->arg_count
           && program->args[c->first_arg + (uint32_t)lock->position - 1].kind == LC_VALUE_PARAM;
}

/* A function that tries its own lock L and releases L nowhere. */
static struct lc_lock_wrapper wrappers_trylock_of(const struct lc_program *program,
                                                  const struct lc_lock_wrapper *wrappers, uint32_t function)
{
    const struct lc_program_function *fn = &program->functions[function];
    struct lc_lock_wrapper found = { LC_NONE, 0, 0 };
    for (uint32_t i = 0; i < fn->call_count; i++) {
        const struct lc_program_call *c = &program->calls[fn->first_call + i];
        int action = 0;
        uint32_t lock = lc_lock_wrapper_call_lock(program, wrappers, c, &action);
        if (lock != LC_NONE && action == LC_LOCK_TRY && found.lock == LC_NONE)
            found = (struct lc_lock_wrapper){ lock, LC_LOCK_TRY, 0 };
        /* A trylock wrapper called through a pointer (a callback that
         * tries the lock for whoever runs it). */
        for (uint32_t t = 0; c->callee.kind != LC_VALUE_FUNCTION && t < c->target_count && found.lock == LC_NONE; t++) {
            const struct lc_lock_wrapper *w = &wrappers[program->targets[c->first_target + t]];
            if (w->lock != LC_NONE && w->action == LC_LOCK_TRY)
                found = *w;
        }
    }
    for (uint32_t i = 0; found.lock != LC_NONE && i < fn->call_count; i++) {
        const struct lc_program_call *c = &program->calls[fn->first_call + i];
        int action = 0;
        if ((lc_lock_wrapper_call_lock(program, wrappers, c, &action) == found.lock && action == LC_LOCK_RELEASE)
            || (c->callee.kind == LC_VALUE_FUNCTION && c->callee.function != LC_NONE
                && wrappers[c->callee.function].releases_argument))
            return (struct lc_lock_wrapper){ LC_NONE, 0, 0 };
    }
    return found;
}

static struct lc_lock_wrapper wrappers_of(const struct lc_program *program, const struct lc_lock_wrapper *wrappers,
                                          uint32_t function)
{
    const struct lc_program_function *fn = &program->functions[function];
    struct lc_lock_wrapper found = { LC_NONE, 0, 0 };
    if (!fn->is_defined || lc_model_hides_body(fn->model))
        return found;
    for (uint32_t i = 0; i < fn->call_count; i++)
        found.releases_argument |= wrappers_releases_parameter(program, &program->calls[fn->first_call + i]);
    for (uint32_t i = 0; i < fn->call_count; i++) {
        const struct lc_program_call *c = &program->calls[fn->first_call + i];
        int action = 0;
        uint32_t lock = lc_lock_wrapper_call_lock(program, wrappers, c, &action);
        if (lock == LC_NONE || action == LC_LOCK_TRY)
            continue;
        if (!c->conditional) {
            found = (struct lc_lock_wrapper){ lock, action, found.releases_argument };
            break;
        }
    }
    if (found.lock == LC_NONE && !found.releases_argument)
        return wrappers_trylock_of(program, wrappers, function);
    /* Taking and releasing it unconditionally (in any order) is a
     * balanced use, no wrapper; so is trying it and releasing it. */
    for (uint32_t i = 0; found.lock != LC_NONE && i < fn->call_count; i++) {
        const struct lc_program_call *c = &program->calls[fn->first_call + i];
        int action = 0;
        if (lc_lock_wrapper_call_lock(program, wrappers, c, &action) != found.lock || action == found.action)
            continue;
        if ((!c->conditional && action != LC_LOCK_TRY) || (action == LC_LOCK_TRY && found.action == LC_LOCK_RELEASE))
            return found.releases_argument ? (struct lc_lock_wrapper){ LC_NONE, 0, 1 }
                                           : wrappers_trylock_of(program, wrappers, function);
    }
    return found;
}

int lc_lock_wrappers_find(const struct lc_program *program, struct lc_lock_wrapper *wrappers)
{
    for (uint32_t f = 0; f < program->function_count; f++)
        wrappers[f] = (struct lc_lock_wrapper){ LC_NONE, 0, 0 };
    /* Wrappers of wrappers: a few rounds, each sees the wrappers the last
     * one found (and may find a function balanced after all).  Only a
     * function that calls a lock model or a function that changed can be
     * or stop being one: those are the candidates (marked for good). */
    uint8_t *candidate = calloc((size_t)program->function_count + 1, 1);
    if (!candidate)
        return -1;
    for (uint32_t i = 0; i < program->model_call_count; i++) {
        const struct lc_program_call *c = &program->calls[program->model_calls[i]];
        int action = 0;
        if (lc_lock_wrapper_call_lock(program, wrappers, c, &action) != LC_NONE
            || wrappers_releases_parameter(program, c))
            candidate[c->caller] = 1;
    }
    for (int round = 0, changed = 1; changed && round < LC_LOCK_WRAPPER_DEPTH; round++) {
        changed = 0;
        for (uint32_t f = 0; f < program->function_count; f++) {
            if (!candidate[f])
                continue;
            struct lc_lock_wrapper w = wrappers_of(program, wrappers, f);
            if (w.lock == wrappers[f].lock && w.action == wrappers[f].action
                && w.releases_argument == wrappers[f].releases_argument)
                continue;
            changed = 1;
            wrappers[f] = w;
            for (uint32_t r = program->callers->start[f]; r < program->callers->start[f + 1]; r++)
                candidate[program->callers->functions[r]] = 1;
        }
    }
    free(candidate);
    return 0;
}
