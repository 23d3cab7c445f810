/* lock_wait.c — the part of `blocking-call` about locks: a lock the loop
 * takes (pthread_mutex_lock, uv_mutex_lock, g_mutex_lock...) that a worker
 * holds across a blocking call or CPU-heavy work.  Taking the lock is not
 * blocking by itself; it is when the holder may keep it for long, in the
 * same executable, and when one of the two holds is exclusive (a shared,
 * read, hold of a read-write lock waits for no other shared hold).  The
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
#include <string.h>

#include "grow.h"

#define LOCK_WAIT_HOLDS 8   /* holds kept per lock */

struct lock_hold {
    uint32_t call;         /* the slow call made while holding */
    uint32_t role;
    const char *what;      /* "calls 'fsync'" */
    int cpu;               /* slow by CPU work, not by a blocking call */
    int shared;            /* a shared (read) hold */
    uint32_t next;         /* the lock's next hold, LC_NONE */
};

struct lock_holds {
    uint32_t *first;       /* per lock: its first hold, LC_NONE */
    uint8_t *count;        /* per lock */
    struct lock_hold *items;
    size_t item_count, item_cap;
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

/* Is `lock` held across the whole of `loop` (of `call`'s function): do all
 * the function's calls inside it hold it?  The call taking the lock does
 * not (it carries the locks held before it): a lock taken and released in
 * each turn is not held across the loop. */
static int lock_wait_held_across(const struct lc_program *program, uint32_t call, uint32_t loop, uint32_t lock)
{
    const struct lc_program_function *fn = &program->functions[program->calls[call].caller];
    for (uint32_t c = fn->first_call; c < fn->first_call + fn->call_count; c++)
        if (lc_program_loop_inside(program, program->calls[c].loop, loop) && !lc_locks_call_holds(program, c, lock))
            return 0;
    return 1;
}

/* What makes a call slow while `lock` is held: it blocks, it is (inside)
 * CPU-heavy work, or it is in a CPU-heavy loop the lock is held across
 * (`entry_lock`: held on entry to the function, so across all of it);
 * *cpu says which of the last two. */
static const char *lock_wait_slow(const struct lc_program *program, const struct lc_cost *cost, unsigned threshold,
                                  uint32_t call, uint32_t lock, int entry_lock, struct lc_arena *arena, int *cpu)
{
    const struct lc_program_call *c = &program->calls[call];
    *cpu = 1;
    for (uint32_t t = 0; t < c->target_count; t++) {
        uint32_t g = program->targets[c->first_target + t];
        if (lc_call_blocks(program, call, g, NULL).blocks) {
            *cpu = 0;
            return lc_arena_printf(arena, "calls '%s', which blocks", program->functions[g].name);
        }
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

static int lock_wait_add_hold(struct lock_holds *holds, uint32_t lock, struct lock_hold hold)
{
    if (holds->count[lock] == LOCK_WAIT_HOLDS)
        return 0;
    if (lc_grow((void **)&holds->items, &holds->item_cap, holds->item_count, sizeof *holds->items, 64) != 0)
        return -1;
    hold.next = holds->first[lock];
    holds->first[lock] = (uint32_t)holds->item_count;
    holds->items[holds->item_count++] = hold;
    holds->count[lock]++;
    return 0;
}

/* The first hold of `lock` that makes the loop's acquisition `acquire`
 * wait: in an executable that runs the acquiring function too, and not
 * shared when the acquisition is shared; one across a blocking call
 * before one across CPU work; NULL when none does. */
static const struct lock_hold *lock_wait_blocking_hold(const struct lc_program *program, const struct lc_threads *t,
                                                       const struct lock_holds *holds, uint32_t acquire, uint32_t lock)
{
    uint32_t f = program->calls[acquire].caller;
    int shared = lc_locks_acquires_shared(program, acquire);
    const struct lock_hold *found = NULL;
    for (uint32_t h = holds->first[lock]; h != LC_NONE; h = holds->items[h].next) {
        const struct lock_hold *hold = &holds->items[h];
        if (!(shared && hold->shared) && (!found || found->cpu || !hold->cpu)
            && (lc_threads_programs_of(t, f, LC_THREAD_ROLE_LOOP)
                & lc_threads_programs_of(t, program->calls[hold->call].caller, hold->role)))
            found = hold;   /* newest first: the last match is the earliest hold */
    }
    return found;
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
    /* A wait for CPU work rests on the cost model's estimate of how long
     * the work is: a note, not a warning. */
    finding->level = hold->cpu ? LC_LEVEL_NOTE : LC_LEVEL_WARNING;
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
    /* What a worker does while it holds a lock: its cost off the loop. */
    const struct lc_cost *cost = program->off_loop_cost ? program->off_loop_cost : program->cost;
    if (!threads || !cost)
        return;
    /* CPU work makes the loop wait only when it is clearly long: one level
     * above what cpu-heavy-loop reports (measured on memcached: at the
     * plain threshold most such holds were short). */
    unsigned threshold = (program->cpu_heavy_level ? program->cpu_heavy_level : LC_COST_HEAVY) + 1;
    struct lock_holds holds = { malloc(((size_t)program->object_count + 1) * sizeof *holds.first),
                                calloc((size_t)program->object_count + 1, 1), NULL, 0, 0 };
    int ok = holds.first && holds.count;
    if (ok)
        memset(holds.first, 0xff, ((size_t)program->object_count + 1) * sizeof *holds.first);
    for (uint32_t c = 0; ok && c < program->call_count; c++) {
        const struct lc_program_call *call = &program->calls[c];
        uint32_t role;
        if ((call->lock_count == 0 && threads->entry_lock_count[call->caller] == 0)
            || !lc_program_function_is_followed(program, call->caller) || !lock_wait_on_worker(threads, call->caller, &role)
            || lc_program_call_extra_of(program, call)->loop_only)
            continue;   /* (a call past a loop-thread-test runs on the loop only) */
        for (uint32_t i = 0; i < call->lock_count + threads->entry_lock_count[call->caller]; i++) {
            uint32_t lock = i < call->lock_count ? program->held_locks[call->first_lock + i]
                                                 : threads->entry_locks[call->caller][i - call->lock_count];
            /* A wait given the lock (pthread_cond_wait) releases it, and so
             * do an unlock of a caller's lock before the call and a
             * wrapper its callers give the lock (tor_cond_wait); the pause
             * of the other threads is no lock the loop takes. */
            if (holds.count[lock] == LOCK_WAIT_HOLDS || program->objects[lock].threads_paused
                || lc_locks_is_argument(program, call, lock)
                || (i >= call->lock_count && (!lc_locks_entry_held_at(program, threads, call->caller, lock, &call->loc)
                                              || lc_locks_entry_given(program, call->caller, lock))))
                continue;
            int cpu;
            const char *slow = lock_wait_slow(program, cost, threshold, c, lock, i >= call->lock_count, &out->arena, &cpu);
            if (slow
                && lock_wait_add_hold(&holds, lock,
                                      (struct lock_hold){ c, role, slow, cpu,
                                                          lc_locks_held_shared_at(program, threads, c, lock), LC_NONE })
                       != 0)
                ok = 0;
        }
    }
    /* Then the loop's lock calls (lock models: among the modelled calls,
     * which are in the order of their callers). */
    for (uint32_t i = 0; ok && i < program->model_call_count; i++) {
        uint32_t c = program->model_calls[i], f = program->calls[c].caller;
        if (!program->on_loop[f] || !lc_program_function_is_followed(program, f))
            continue;
        uint32_t lock = lc_locks_acquired(program, c);
        const struct lock_hold *hold = lock != LC_NONE ? lock_wait_blocking_hold(program, threads, &holds, c, lock) : NULL;
        if (hold)
            lock_wait_report(program, threads, c, lock, hold, out);
    }
    free(holds.first);
    free(holds.count);
    free(holds.items);
}
