/* locks.c — lock facts of locks.h. */
#include "locks.h"

#include <string.h>

#include "blocking.h"
#include "callers.h"

uint32_t lc_locks_acquired(const struct lc_program *program, uint32_t call)
{
    const struct lc_program_call *c = &program->calls[call];
    for (uint32_t t = 0; t < c->target_count; t++) {
        const struct lc_program_function *fn = &program->functions[program->targets[c->first_target + t]];
        const struct lc_lock_model *lock = fn->model ? fn->model->lock : NULL;
        if (!lock || lock->action != LC_LOCK_ACQUIRE || lock->position < 1 || (uint32_t)lock->position > c->arg_count)
            continue;
        const struct lc_program_value *arg = &program->args[c->first_arg + (uint32_t)lock->position - 1];
        /* One element of an array of locks (`&locks[i]`): the array is the
         * lock's identity, but which element another thread holds is not
         * known, so waiting for it is not established. */
        if (arg->text && strchr(arg->text, '['))
            return LC_NONE;
        return lc_program_value_object(program, arg);
    }
    return LC_NONE;
}

int lc_locks_acquires_shared(const struct lc_program *program, uint32_t call)
{
    const struct lc_program_call *c = &program->calls[call];
    for (uint32_t t = 0; t < c->target_count; t++) {
        const struct lc_program_function *fn = &program->functions[program->targets[c->first_target + t]];
        if (fn->model && fn->model->lock && fn->model->lock->action != LC_LOCK_RELEASE)
            return fn->model->lock->shared;
    }
    return 0;
}

static int locks_before(const struct lc_location *a, const struct lc_location *b)
{
    return a->line < b->line || (a->line == b->line && a->col < b->col);
}

/* What the direct call `call` does to `lock`: LC_LOCK_ACQUIRE,
 * LC_LOCK_RELEASE (or LC_LOCK_TRY) by its lock model on that lock, or, for
 * the pseudo-lock of paused threads, by a `pause-threads` or
 * `resume-threads` model whose conditions hold there; 0 when nothing. */
static int locks_call_action(const struct lc_program *program, uint32_t call, uint32_t lock)
{
    const struct lc_program_call *c = &program->calls[call];
    const struct lc_function_model *model = program->functions[c->callee.function].model;
    if (!model)
        return 0;
    if (program->objects[lock].threads_paused) {
        const struct lc_pause_model *pause = model->pauses_threads, *resume = model->resumes_threads;
        int pauses = pause && lc_conditions_hold(program, call, pause->if_conditions, pause->if_count);
        int resumes = resume && lc_conditions_hold(program, call, resume->if_conditions, resume->if_count);
        return pauses == resumes ? 0 : pauses ? LC_LOCK_ACQUIRE : LC_LOCK_RELEASE;
    }
    const struct lc_lock_model *m = model->lock;
    if (m && m->position >= 1 && (uint32_t)m->position <= c->arg_count
        && lc_program_value_object(program, &program->args[c->first_arg + (uint32_t)m->position - 1]) == lock)
        return (int)m->action;
    return 0;
}

/* Is the last call of `function` before `at` that takes or releases `lock`
 * (source order, among the calls with a path to `at`: extract_reach.c) a
 * release?  (A re-lock inside a branch is no longer in the
 * locksets after the branch, but it still took the lock again.) */
static int locks_released_before(const struct lc_program *program, uint32_t function, uint32_t lock,
                                 const struct lc_location *at)
{
    const struct lc_program_function *fn = &program->functions[function];
    const struct lc_location *last = NULL;
    int released = 0;
    for (uint32_t i = 0; i < fn->call_count; i++) {
        const struct lc_program_call *c = &program->calls[fn->first_call + i];
        if (c->callee.kind != LC_VALUE_FUNCTION || c->callee.function == LC_NONE || !c->loc.file || !at->file
            || strcmp(c->loc.file, at->file) != 0 || !locks_before(&c->loc, at) || (last && locks_before(&c->loc, last))
            || lc_unreached_covers(lc_program_call_extra_of(program, c)->unreached, at->line, at->col))
            continue;
        int action = locks_call_action(program, fn->first_call + i, lock);
        if (action) {
            last = &c->loc;
            released = action == LC_LOCK_RELEASE;
        }
    }
    return released;
}

int lc_locks_entry_held_at(const struct lc_program *program, const struct lc_threads *threads, uint32_t function,
                           uint32_t lock, const struct lc_location *at)
{
    return lc_threads_entry_holds(threads, function, lock) && !locks_released_before(program, function, lock, at);
}

int lc_locks_call_holds(const struct lc_program *program, uint32_t call, uint32_t lock)
{
    const struct lc_program_call *c = &program->calls[call];
    for (uint32_t i = 0; i < c->lock_count; i++)
        if (program->held_locks[c->first_lock + i] == lock)
            return 1;
    return 0;
}

int lc_locks_held_at(const struct lc_program *program, const struct lc_threads *threads, uint32_t call, uint32_t lock)
{
    return lc_locks_call_holds(program, call, lock)
           || lc_locks_entry_held_at(program, threads, program->calls[call].caller, lock, &program->calls[call].loc);
}

#define LOCKS_MODE_DEPTH 2   /* callers looked through for a lock's mode */

static int locks_held_shared_at(const struct lc_program *program, const struct lc_threads *threads, uint32_t call,
                                uint32_t lock, int depth)
{
    const struct lc_program_call *c = &program->calls[call];
    const struct lc_program_function *fn = &program->functions[c->caller];
    int shared = 0, taken_here = 0;
    for (uint32_t k = fn->first_call; k < fn->first_call + fn->call_count; k++) {
        if (k == call || !locks_before(&program->calls[k].loc, &c->loc) || lc_locks_acquired(program, k) != lock)
            continue;
        shared = lc_locks_acquires_shared(program, k);
        taken_here = 1;
    }
    if (taken_here || depth == LOCKS_MODE_DEPTH || !program->callers)
        return shared;
    const struct lc_callers *callers = program->callers;
    uint32_t f = c->caller, seen = 0;
    for (uint32_t i = callers->start[f]; i < callers->start[f + 1]; i++) {
        uint32_t k = callers->calls[i], g = program->calls[k].caller;
        if (g == f || !(lc_locks_call_holds(program, k, lock) || lc_threads_entry_holds(threads, g, lock)))
            continue;
        if (!locks_held_shared_at(program, threads, k, lock, depth + 1))
            return 0;
        seen++;
    }
    return seen > 0;
}

int lc_locks_held_shared_at(const struct lc_program *program, const struct lc_threads *threads, uint32_t call,
                            uint32_t lock)
{
    return locks_held_shared_at(program, threads, call, lock, 0);
}

int lc_locks_is_argument(const struct lc_program *program, const struct lc_program_call *c, uint32_t lock)
{
    for (uint32_t a = 0; a < c->arg_count; a++)
        if (lc_program_value_object(program, &program->args[c->first_arg + a]) == lock)
            return 1;
    return 0;
}

int lc_locks_entry_given(const struct lc_program *program, uint32_t function, uint32_t lock)
{
    const struct lc_callers *callers = program->callers;
    int given = 0;
    for (uint32_t r = callers ? callers->start[function] : 0; callers && r < callers->start[function + 1]; r++) {
        const struct lc_program_call *c = &program->calls[callers->calls[r]];
        if (!lc_locks_is_argument(program, c, lock))
            return 0;
        given = 1;
    }
    return given;
}

uint32_t lc_locks_kept_across(const struct lc_program *program, const struct lc_threads *threads, uint32_t call)
{
    const struct lc_program_call *c = &program->calls[call];
    for (uint32_t i = 0; i < c->lock_count; i++) {
        uint32_t lock = program->held_locks[c->first_lock + i];
        if (!program->objects[lock].threads_paused && !lc_locks_is_argument(program, c, lock))
            return lock;
    }
    for (uint32_t i = 0; i < threads->entry_lock_count[c->caller]; i++) {
        uint32_t lock = threads->entry_locks[c->caller][i];
        if (!program->objects[lock].threads_paused && !lc_locks_is_argument(program, c, lock)
            && lc_locks_entry_held_at(program, threads, c->caller, lock, &c->loc)
            && !lc_locks_entry_given(program, c->caller, lock))
            return lock;
    }
    return LC_NONE;
}
