/* threads.c — thread roles and entry locks of threads.h. */
#include "threads.h"

#include <stdlib.h>
#include <string.h>

#include "callers.h"
#include "chain.h"
#include "grow.h"
#include "locks.h"
#include "once_calls.h"
#include "scc.h"
#include "threads_internal.h"

/* Give `function` the role (if it has room and not already); 1 when added. */
int lc_threads_add_role(struct lc_threads *t, uint32_t function, uint32_t role, uint32_t parent)
{
    uint8_t count = t->function_role_count[function];
    if (lc_threads_role_slot(t, function, role) >= 0 || count >= LC_THREAD_ROLE_CAP)
        return 0;
    t->function_roles[(size_t)function * LC_THREAD_ROLE_CAP + count] = role;
    t->role_parent[(size_t)function * LC_THREAD_ROLE_CAP + count] = parent;
    t->function_role_count[function] = (uint8_t)(count + 1);
    return 1;
}

/* What threads' own loops take from the event loop (threads_own_loops.c):
 * per loop entry, the role of the thread whose loop runs it and the call
 * registering it (`moved` of them); per function, the role of the thread
 * that alone takes its address and the call passing it (`owned`); LC_NONE
 * when none. */
struct threads_own {
    uint32_t *moved_role, *moved_call, moved;
    uint32_t *owned_role, *owned_call, owned;
};

/* The loop's role, which goes first so a function the loop reaches always
 * keeps it.  With nothing taken by a thread's own loop, and no scoped
 * callback on the loop without the function that scopes it, it is the
 * loop coloring's (the same walk from the same entries, by the same rule
 * for registered functions, with the same chains); else a walk from the
 * loop entries that stay. */
static int threads_loop_role(const struct lc_program *program, struct lc_threads *t, uint8_t *dispatching,
                             struct lc_threads_context *context, const struct threads_own *own)
{
    if (own->moved == 0 && own->owned == 0 && !lc_threads_context_loop_escapes(context, program->on_loop)) {
        for (uint32_t f = 0; f < program->function_count; f++)
            if (program->on_loop[f])
                lc_threads_add_role(t, f, LC_THREAD_ROLE_LOOP, program->loop_parent[f]);
        return 0;
    }
    int rc = 0;
    for (uint32_t e = 0; rc == 0 && e < program->entry_count; e++)
        if (program->entries[e].role == LC_ROLE_LOOP && own->moved_role[e] == LC_NONE)
            rc = lc_threads_context_seed(context, t, program->entries[e].function, LC_THREAD_ROLE_LOOP, LC_NONE);
    return rc == 0 ? lc_threads_context_spread(program, t, context, dispatching) : -1;
}

/* The roles, from scratch.  A loop entry or a function a thread's own loop
 * takes (`own`) is seeded with that thread's role instead of the loop's,
 * its registering or passing call as parent.  Spread again while a role
 * turns out to write a variable its facts were about. */
static int threads_roles(const struct lc_program *program, struct lc_threads *t, uint8_t *dispatching,
                         struct lc_threads_context *context, const struct threads_own *own)
{
    free(t->roles);
    t->roles = malloc(((size_t)program->entry_count + 1) * sizeof *t->roles);
    if (!t->roles)
        return -1;
    int rc = 0;
    do {
        memset(t->function_role_count, 0, (size_t)program->function_count + 1);
        memset(dispatching, 0, (size_t)program->entry_count + 1);
        t->roles[0].entry = LC_NONE;
        t->role_count = 1;
        if (lc_threads_context_begin(context, own->owned ? own->owned_role : NULL) != 0
            || threads_loop_role(program, t, dispatching, context, own) != 0)
            return -1;
        for (uint32_t e = 0; rc == 0 && e < program->entry_count; e++) {
            if (program->entries[e].role == LC_ROLE_LOOP)
                continue;
            uint32_t role = t->role_count;
            t->roles[t->role_count++].entry = e;
            rc = lc_threads_context_seed(context, t, program->entries[e].function, role, LC_NONE);
        }
        for (uint32_t e = 0; rc == 0 && e < program->entry_count; e++)
            if (own->moved_role[e] != LC_NONE)
                rc = lc_threads_context_seed(context, t, program->entries[e].function, own->moved_role[e],
                                             own->moved_call[e]);
        for (uint32_t f = 0; rc == 0 && own->owned && f < program->function_count; f++)
            if (own->owned_role[f] != LC_NONE)
                rc = lc_threads_context_seed(context, t, f, own->owned_role[f], own->owned_call[f]);
        if (rc == 0)
            rc = lc_threads_context_spread(program, t, context, dispatching);
    } while (rc == 0 && lc_threads_context_ban_written(program, context));
    return rc;
}

/* What threads' own loops take, from the roles just computed; 1 when it
 * differs from what they took before. */
static int threads_own_update(const struct lc_program *program, const struct lc_threads *t,
                              const uint8_t *dispatching, struct threads_own *own, uint32_t *previous)
{
    size_t entries = program->entry_count, functions = program->function_count;
    memcpy(previous, own->moved_role, entries * sizeof *previous);
    memcpy(previous + entries, own->owned_role, functions * sizeof *previous);
    own->moved = lc_threads_own_loop_entries(program, t, dispatching, own->moved_role, own->moved_call);
    own->owned = lc_threads_own_loop_functions(program, t, dispatching, own->owned_role, own->owned_call);
    return memcmp(previous, own->moved_role, entries * sizeof *previous) != 0
           || memcmp(previous + entries, own->owned_role, functions * sizeof *previous) != 0;
}

/* The roles, then again with the loop entries that threads' own loops run
 * and the functions only their code passes (threads_own_loops.c) seeded
 * on those threads; again while that takes more: a callback a moved one
 * registers (a connection's, set up by the admin thread's listener
 * callback) is registered on that thread too.  At most OWN_LOOP_ROUNDS
 * rounds. */
#define OWN_LOOP_ROUNDS 8
static int threads_own_loops(const struct lc_program *program, struct lc_threads *t)
{
    size_t entries = (size_t)program->entry_count + 1, functions = (size_t)program->function_count + 1;
    uint8_t *dispatching = calloc(entries, 1);
    struct threads_own own = {
        .moved_role = malloc(entries * sizeof *own.moved_role),
        .moved_call = malloc(entries * sizeof *own.moved_call),
        .owned_role = malloc(functions * sizeof *own.owned_role),
        .owned_call = malloc(functions * sizeof *own.owned_call),
    };
    uint32_t *previous = malloc((entries + functions) * sizeof *previous);
    struct lc_threads_context *context = lc_threads_context_new(program);
    int rc = dispatching && own.moved_role && own.moved_call && own.owned_role && own.owned_call && previous && context
        ? 0 : -1;
    for (uint32_t e = 0; rc == 0 && e < program->entry_count; e++)
        own.moved_role[e] = own.moved_call[e] = LC_NONE;
    for (uint32_t f = 0; rc == 0 && f < program->function_count; f++)
        own.owned_role[f] = own.owned_call[f] = LC_NONE;
    if (rc == 0)
        rc = threads_roles(program, t, dispatching, context, &own);
    /* Equal to the start (nothing taken): the roles just computed hold. */
    int again = rc == 0 && threads_own_update(program, t, dispatching, &own, previous);
    for (int round = 1; rc == 0 && again; round++) {
        rc = threads_roles(program, t, dispatching, context, &own);
        if (rc != 0 || round == OWN_LOOP_ROUNDS)
            break;
        again = threads_own_update(program, t, dispatching, &own, previous);
    }
    lc_threads_context_free(context);
    free(dispatching);
    free(own.moved_role);
    free(own.moved_call);
    free(own.owned_role);
    free(own.owned_call);
    free(previous);
    return rc;
}

/* Sorted, duplicate-free copy of `count` object indexes into the arena. */
static uint32_t *threads_sorted_set(struct lc_arena *arena, const uint32_t *items, uint32_t count, uint32_t *out)
{
    uint32_t *set = lc_arena_alloc(arena, ((size_t)count + 1) * sizeof *set);
    uint32_t size = 0;
    for (uint32_t i = 0; set && i < count; i++) {
        uint32_t j = size;
        while (j > 0 && set[j - 1] > items[i])
            j--;
        if (j > 0 && set[j - 1] == items[i])
            continue;
        memmove(&set[j + 1], &set[j], (size - j) * sizeof *set);
        set[j] = items[i];
        size++;
    }
    *out = size;
    return set;
}

/* Locks held at a call into the callee: the call's own plus its caller's
 * entry locks (those the caller has not released before the call). */
static uint32_t *threads_call_locks(const struct lc_program *program, struct lc_threads *t, uint32_t call,
                                    uint32_t *count)
{
    const struct lc_program_call *c = &program->calls[call];
    uint32_t own = c->lock_count, inherited = t->entry_lock_count[c->caller];
    uint32_t *all = malloc(((size_t)own + inherited + 1) * sizeof *all);
    if (!all)
        return NULL;
    if (own)
        memcpy(all, &program->held_locks[c->first_lock], own * sizeof *all);
    uint32_t kept = 0;   /* the caller's entry locks it has not released before the call */
    for (uint32_t i = 0; i < inherited; i++)
        if (lc_locks_entry_held_at(program, t, c->caller, t->entry_locks[c->caller][i], &c->loc))
            all[own + kept++] = t->entry_locks[c->caller][i];
    uint32_t *set = threads_sorted_set(&t->arena, all, own + kept, count);
    free(all);
    return set;
}

static void threads_intersect(uint32_t *set, uint32_t *count, const uint32_t *other, uint32_t other_count)
{
    uint32_t kept = 0;
    for (uint32_t i = 0; i < *count; i++)
        for (uint32_t j = 0; j < other_count; j++)
            if (set[i] == other[j]) {
                set[kept++] = set[i];
                break;
            }
    *count = kept;
}

/* Callers first (reverse of the callee-first components); callers inside
 * the same cycle are skipped.  Uses the program's reverse call graph and
 * components. */
static int threads_entry_locks(const struct lc_program *program, struct lc_threads *t)
{
    const struct lc_callers *callers = program->callers;
    const struct lc_scc *scc = program->scc;
    const uint8_t *registered = program->registered;
    for (uint32_t k = scc->component_count; k > 0; k--) {
        for (uint32_t i = scc->component_start[k - 1]; i < scc->component_start[k]; i++) {
            uint32_t f = scc->order[i], *set = NULL, count = 0;
            int first = 1;
            for (uint32_t r = callers->start[f]; r < callers->start[f + 1] && !registered[f]; r++) {
                uint32_t call = callers->calls[r], caller = callers->functions[r];
                /* A caller in the same cycle, or one only `main` runs
                 * (before the loop), says nothing about concurrent calls. */
                if (scc->component_of[caller] == k - 1 || t->function_role_count[caller] == 0)
                    continue;
                if (t->entry_lock_count[caller] == 0 && program->calls[call].lock_count == 0) {
                    first = 0;   /* a caller holding nothing: nothing is held on entry */
                    count = 0;
                    break;
                }
                uint32_t call_count;
                uint32_t *locks = threads_call_locks(program, t, call, &call_count);
                if (!locks)
                    break;
                if (first) {
                    set = locks;
                    count = call_count;
                    first = 0;
                } else {
                    threads_intersect(set, &count, locks, call_count);
                }
            }
            /* Called from its own cycle only (a logging helper that logs):
             * the locks every such call holds itself. */
            for (uint32_t r = callers->start[f]; first && r < callers->start[f + 1] && !registered[f]; r++) {
                uint32_t call = callers->calls[r], caller = callers->functions[r];
                if (t->function_role_count[caller] == 0)
                    continue;
                const struct lc_program_call *c = &program->calls[call];
                if (c->lock_count == 0) {   /* a call holding nothing: nothing is held on entry */
                    set = NULL;
                    break;
                }
                uint32_t call_count;
                uint32_t *locks = threads_sorted_set(&t->arena, &program->held_locks[c->first_lock], c->lock_count,
                                                     &call_count);
                if (!locks)
                    break;
                if (set == NULL) {
                    set = locks;
                    count = call_count;
                } else {
                    threads_intersect(set, &count, locks, call_count);
                }
            }
            t->entry_locks[f] = set;
            t->entry_lock_count[f] = set ? count : 0;
        }
    }
    return 0;
}

int lc_threads_compute(const struct lc_program *program, struct lc_threads *t)
{
    size_t n = (size_t)program->function_count + 1;
    memset(t, 0, sizeof *t);
    if (!program->callers || !program->scc || !program->on_loop || !program->loop_parent || !program->registered)
        return -1;
    lc_arena_init(&t->arena);
    t->function_roles = malloc(n * LC_THREAD_ROLE_CAP * sizeof *t->function_roles);
    t->role_parent = malloc(n * LC_THREAD_ROLE_CAP * sizeof *t->role_parent);
    t->function_role_count = calloc(n, 1);
    t->entry_locks = calloc(n, sizeof *t->entry_locks);
    t->entry_lock_count = calloc(n, sizeof *t->entry_lock_count);
    if (!t->function_roles || !t->role_parent || !t->function_role_count || !t->entry_locks || !t->entry_lock_count
        || threads_own_loops(program, t) != 0 || threads_entry_locks(program, t) != 0
        || lc_threads_programs(program, t) != 0 || lc_threads_processes(program, t) != 0
        || lc_threads_main_first(program, t) != 0) {
        lc_threads_free(t);
        return -1;
    }
    return 0;
}

void lc_threads_free(struct lc_threads *t)
{
    free(t->roles);
    free(t->function_roles);
    free(t->role_parent);
    free(t->function_role_count);
    free(t->entry_locks);
    free(t->entry_lock_count);
    free(t->main_first);
    lc_arena_free(&t->arena);
    memset(t, 0, sizeof *t);
}

int lc_threads_entry_holds(const struct lc_threads *t, uint32_t function, uint32_t lock)
{
    for (uint32_t i = 0; i < t->entry_lock_count[function]; i++)
        if (t->entry_locks[function][i] == lock)
            return 1;
    return 0;
}

const char *lc_threads_role_name(const struct lc_program *program, const struct lc_threads *t, uint32_t role,
                                 struct lc_arena *arena)
{
    if (role == LC_THREAD_ROLE_LOOP)
        return "the event loop";
    const struct lc_entry *entry = &program->entries[t->roles[role].entry];
    return lc_arena_printf(arena, "%s '%s'", entry->role == LC_ROLE_THREAD ? "thread" : "worker",
                           program->functions[entry->function].name);
}

enum lc_entry_replication lc_threads_role_overlaps(const struct lc_program *program, const struct lc_threads *t,
                                                   uint32_t role)
{
    if (role == LC_THREAD_ROLE_LOOP)
        return LC_ENTRY_ONCE;
    const struct lc_entry *entry = &program->entries[t->roles[role].entry];
    if (entry->replicated != LC_ENTRY_ONCE)
        return (enum lc_entry_replication)entry->replicated;
    if (entry->role == LC_ROLE_POOL && entry->site_function != LC_NONE
        && lc_threads_role_slot(t, entry->site_function, LC_THREAD_ROLE_LOOP) >= 0)
        return LC_ENTRY_QUEUED_ON_LOOP;
    return LC_ENTRY_ONCE;
}

/* The loop entry of `function`, where the loop's walk starts, or
 * LC_NONE. */
static uint32_t threads_loop_entry(const struct lc_program *program, uint32_t function)
{
    for (uint32_t e = 0; e < program->entry_count; e++)
        if (program->entries[e].function == function && program->entries[e].role == LC_ROLE_LOOP)
            return e;
    return LC_NONE;
}

struct lc_step *lc_threads_chain(const struct lc_program *program, const struct lc_threads *t, uint32_t function,
                                 uint32_t role, size_t *count, struct lc_arena *arena)
{
    size_t calls = 0;
    uint32_t f = function, slot;
    for (;;) {
        for (slot = 0; slot < t->function_role_count[f] && t->function_roles[(size_t)f * LC_THREAD_ROLE_CAP + slot] != role;
             slot++)
            ;
        if (slot == t->function_role_count[f])
            return NULL;
        uint32_t parent = t->role_parent[(size_t)f * LC_THREAD_ROLE_CAP + slot];
        if (parent == LC_NONE || calls > program->function_count)
            break;
        calls++;
        f = program->calls[parent].caller;
    }
    uint32_t first = role == LC_THREAD_ROLE_LOOP ? threads_loop_entry(program, f) : t->roles[role].entry;
    if (first == LC_NONE)
        return lc_chain_to_function(program, function, 0, count, arena);
    struct lc_step *steps = lc_arena_alloc(arena, (calls + 1) * sizeof *steps);
    if (!steps)
        return NULL;
    const struct lc_entry *entry = &program->entries[first];
    steps[0].loc = entry->site;
    if (role == LC_THREAD_ROLE_LOOP)
        steps[0].message = lc_chain_entry_text(program, entry, arena);
    else if (entry->api)
        steps[0].message = lc_arena_printf(arena, "'%s' is handed to %s here: it runs on another thread",
                                           program->functions[entry->function].name, entry->api);
    else
        steps[0].message = lc_arena_printf(arena, "'%s' is %s", program->functions[entry->function].name,
                                           lc_models_annotation_text(arena, entry->annotated_by,
                                                                     program->functions[entry->function].name,
                                                                     "worker"));
    f = function;
    for (size_t i = calls; i > 0; i--) {
        for (slot = 0; t->function_roles[(size_t)f * LC_THREAD_ROLE_CAP + slot] != role; slot++)
            ;
        uint32_t call = t->role_parent[(size_t)f * LC_THREAD_ROLE_CAP + slot];
        const struct lc_program_call *c = &program->calls[call];
        steps[i].loc = c->loc;
        steps[i].message = c->callee.kind == LC_VALUE_FUNCTION && c->callee.function != f
                                   && lc_program_call_passes_arguments(c, f) && lc_once_call_function(program, c) != f
            ? lc_arena_printf(arena, "'%s' registers '%s' with '%s' on the event loop this thread runs itself",
                              program->functions[c->caller].name, program->functions[f].name,
                              program->functions[c->callee.function].name)
            : lc_chain_call_text(program, call, f, arena);
        f = program->calls[call].caller;
    }
    *count = calls + 1;
    return steps;
}
