/* lock_wait.c — the part of `blocking-call` about locks: a lock the loop
 * takes (pthread_mutex_lock, uv_mutex_lock, g_mutex_lock...) that a worker
 * holds across a blocking call or CPU-heavy work.  Taking the lock is not
 * blocking by itself; it is when the holder may keep it for long.  The
 * finding is at the loop's acquisition, with the loop's chain, and the
 * worker's holding call and chain as related locations. */
#include "blocking.h"
#include "chain.h"
#include "checks.h"
#include "cost.h"
#include "lock_wait.h"
#include "locks.h"
#include "threads.h"

#include <stdlib.h>

struct lock_hold {
    uint32_t call;         /* the slow call made while holding, LC_NONE */
    uint32_t role;
    const char *what;      /* "calls 'fsync'" */
};

static int lock_wait_on_worker(const struct lc_threads *t, uint32_t function, uint32_t *role)
{
    for (uint8_t i = 0; i < t->function_role_count[function]; i++) {
        *role = t->function_roles[(size_t)function * LC_THREAD_ROLE_CAP + i];
        if (*role != LC_THREAD_ROLE_LOOP)
            return 1;
    }
    return 0;
}

static int lock_wait_call_holds(const struct lc_program *program, uint32_t call, uint32_t lock)
{
    const struct lc_program_call *c = &program->calls[call];
    for (uint32_t i = 0; i < c->lock_count; i++)
        if (program->held_locks[c->first_lock + i] == lock)
            return 1;
    return 0;
}

static int lock_wait_inside(const struct lc_program *program, uint32_t loop, uint32_t outer)
{
    while (loop != LC_NONE && loop != outer)
        loop = program->loops[loop].parent;
    return loop != LC_NONE;
}

/* Is `lock` held across the whole of `loop` (of `call`'s function): do all
 * the function's calls inside it hold it?  The call taking the lock does
 * not (it carries the locks held before it): a lock taken and released in
 * each turn is not held across the loop. */
static int lock_wait_held_across(const struct lc_program *program, uint32_t call, uint32_t loop, uint32_t lock)
{
    const struct lc_program_function *fn = &program->functions[program->calls[call].caller];
    for (uint32_t c = fn->first_call; c < fn->first_call + fn->call_count; c++)
        if (lock_wait_inside(program, program->calls[c].loop, loop) && !lock_wait_call_holds(program, c, lock))
            return 0;
    return 1;
}

/* What makes a call slow while `lock` is held: it blocks, it is (inside)
 * CPU-heavy work, or it is in a CPU-heavy loop the lock is held across
 * (`entry_lock`: held on entry to the function, so across all of it). */
static const char *lock_wait_slow(const struct lc_program *program, const struct lc_cost *cost, unsigned threshold,
                                  uint32_t call, uint32_t lock, int entry_lock, struct lc_arena *arena)
{
    const struct lc_program_call *c = &program->calls[call];
    for (uint32_t t = 0; t < c->target_count; t++) {
        uint32_t g = program->targets[c->first_target + t];
        if (lc_call_blocks(program, call, g, NULL).blocks)
            return lc_arena_printf(arena, "calls '%s', which blocks", program->functions[g].name);
    }
    if (lc_cost_call_level(program, cost, call, NULL) >= threshold)
        return lc_arena_printf(arena, "does CPU-heavy work (a call to '%s')",
                               c->target_count ? program->functions[program->targets[c->first_target]].name : "?");
    uint32_t outer = c->loop;
    if (outer == LC_NONE || !(entry_lock || lock_wait_held_across(program, call, outer, lock)))
        return NULL;
    while (program->loops[outer].parent != LC_NONE
           && (entry_lock || lock_wait_held_across(program, call, program->loops[outer].parent, lock)))
        outer = program->loops[outer].parent;
    return cost->loop_level[outer] >= threshold ? "runs a CPU-heavy loop" : NULL;
}

static void lock_wait_report(const struct lc_program *program, const struct lc_threads *t, uint32_t acquire,
                             uint32_t lock, const struct lock_hold *hold, struct lc_findings *out)
{
    const struct lc_program_call *c = &program->calls[acquire];
    const struct lc_program_call *w = &program->calls[hold->call];
    struct lc_finding *finding = lc_findings_add(out);
    if (!finding)
        return;
    struct lc_arena *arena = &out->arena;
    const char *name = program->objects[lock].name;
    finding->rule_id = "blocking-call";
    finding->level = LC_LEVEL_WARNING;
    finding->loc = c->loc;
    finding->message = lc_arena_printf(
        arena,
        "taking '%s' may block the event loop: '%s' on %s holds it while it %s (%s:%u); hold the lock only "
        "around the shared data and do the slow work outside it, or let the loop use a try-lock and retry later",
        name, program->functions[w->caller].name, lc_threads_role_name(program, t, hold->role, arena), hold->what,
        w->loc.file ? w->loc.file : "?", w->loc.line);
    size_t count = 0;
    struct lc_step *chain = lc_chain_to_function(program, c->caller, 1, &count, arena);
    if (chain) {
        chain[count] = (struct lc_step){ c->loc, lc_arena_printf(arena, "'%s' takes '%s' here",
                                                                  program->functions[c->caller].name, name) };
        finding->chain = chain;
        finding->chain_count = count + 1;
    }
    size_t worker_count = 0;
    struct lc_step *worker = lc_threads_chain(program, t, w->caller, hold->role, &worker_count, arena);
    finding->related = lc_arena_alloc(arena, (worker_count + 1) * sizeof *finding->related);
    if (!finding->related)
        return;
    for (size_t i = 0; i < worker_count; i++)
        finding->related[finding->related_count++] = worker[i];
    finding->related[finding->related_count++] = (struct lc_step){
        w->loc, lc_arena_printf(arena, "'%s' %s while holding '%s'", program->functions[w->caller].name, hold->what,
                                name),
    };
}

void lc_lock_wait_check(const struct lc_program *program, struct lc_findings *out)
{
    const struct lc_threads *threads = program->threads;
    const struct lc_cost *cost = program->cost;
    if (!threads || !cost)
        return;
    /* CPU work makes the loop wait only when it is clearly long: one level
     * above what cpu-heavy-loop reports (measured on memcached: at the
     * plain threshold most such holds were short). */
    unsigned threshold = (program->cpu_heavy_level ? program->cpu_heavy_level : LC_COST_HEAVY) + 1;
    struct lock_hold *holds = calloc((size_t)program->object_count + 1, sizeof *holds);
    for (uint32_t c = 0; holds && c < program->call_count; c++) {
        const struct lc_program_call *call = &program->calls[c];
        uint32_t role;
        if ((call->lock_count == 0 && threads->entry_lock_count[call->caller] == 0)
            || !lc_program_function_is_followed(program, call->caller) || !lock_wait_on_worker(threads, call->caller, &role))
            continue;
        for (uint32_t i = 0; i < call->lock_count + threads->entry_lock_count[call->caller]; i++) {
            uint32_t lock = i < call->lock_count ? program->held_locks[call->first_lock + i]
                                                 : threads->entry_locks[call->caller][i - call->lock_count];
            /* A wait given the lock (pthread_cond_wait) releases it, and so
             * does an unlock of a caller's lock before the call; the pause
             * of the other threads is no lock the loop takes. */
            if (holds[lock].what || program->objects[lock].threads_paused
                || lc_locks_is_argument(program, call, lock)
                || (i >= call->lock_count && !lc_locks_entry_held_at(program, threads, call->caller, lock, &call->loc)))
                continue;
            const char *slow = lock_wait_slow(program, cost, threshold, c, lock, i >= call->lock_count, &out->arena);
            if (slow)
                holds[lock] = (struct lock_hold){ c, role, slow };
        }
    }
    /* Then the loop's lock calls (lock models: among the modelled calls,
     * which are in the order of their callers). */
    for (uint32_t i = 0; holds && i < program->model_call_count; i++) {
        uint32_t c = program->model_calls[i], f = program->calls[c].caller;
        if (!program->on_loop[f] || !lc_program_function_is_followed(program, f))
            continue;
        uint32_t lock = lc_locks_acquired(program, c);
        if (lock != LC_NONE && holds[lock].what)
            lock_wait_report(program, threads, c, lock, &holds[lock], out);
    }
    free(holds);
}
