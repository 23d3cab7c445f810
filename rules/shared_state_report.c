/* shared_state_report.c — the text of an unlocked-shared-state finding
 * (check_unlocked_shared_state.c finds the pair): the message with the lock
 * most accesses hold, the two chains, and the related accesses of the same
 * memory, each with what keeps it apart (a pause, a barrier's side, a
 * hand-off window it is outside of, a lock). */
#include "barriers.h"
#include "chain.h"
#include "gates.h"
#include "shared_state.h"

#include <string.h>

/* The lock most accesses of the memory `w` touches hold, or LC_NONE; *of:
 * how many accesses touch it. */
static uint32_t shared_usual_lock(const struct shared_state *s, const uint32_t *accesses, uint32_t count,
                                  const struct lc_program_access *w, uint32_t *held_at, uint32_t *of)
{
    const struct lc_program *program = s->program;
    uint32_t best = LC_NONE;
    *held_at = *of = 0;
    for (uint32_t i = 0; i < count; i++) {
        const struct lc_program_access *a = &program->accesses[accesses[i]];
        if (!shared_overlap(program, w, a))
            continue;
        (*of)++;
        for (uint32_t k = 0; k < a->lock_count; k++) {
            uint32_t lock = program->held_locks[a->first_lock + k], n = 0;
            if (program->objects[lock].threads_paused)
                continue;
            for (uint32_t j = 0; j < count; j++)
                n += (uint32_t)(shared_overlap(program, w, &program->accesses[accesses[j]])
                                && shared_holds(s, &program->accesses[accesses[j]], lock));
            if (n > *held_at) {
                *held_at = n;
                best = lock;
            }
        }
    }
    return best;
}

/* The gates (bit g) whose gated thread makes one of `accesses`: only
 * their windows matter to the variable's notes. */
static uint8_t shared_gates_of(const struct shared_state *s, const uint32_t *accesses, uint32_t count)
{
    const struct lc_threads *t = s->threads;
    uint8_t gates = 0;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t f = s->program->accesses[accesses[i]].function;
        for (uint8_t r = 0; r < t->function_role_count[f]; r++) {
            uint32_t role = t->function_roles[(size_t)f * LC_THREAD_ROLE_CAP + r];
            if (role < s->gates->role_count)
                gates |= s->gates->role_gates[role];
        }
    }
    return gates;
}

/* What the related location of an access adds: the pause, a barrier's
 * side, a window (of `gates`) it is outside of, a lock. */
static const char *shared_note(const struct shared_state *s, const struct lc_program_access *a, uint8_t gates,
                               struct lc_arena *arena)
{
    if (shared_paused(s, a))
        return " (other threads paused)";
    const struct lc_threads *t = s->threads;
    for (uint32_t i = 0; i < s->barriers->wait_count; i++) {
        const struct lc_barrier_wait *wait = &s->barriers->waits[i];
        enum lc_barrier_phase phase = lc_barriers_phase(wait, a->function, &a->loc);
        if (phase != LC_BARRIER_NEITHER && lc_threads_role_slot(t, a->function, wait->role) >= 0)
            return lc_arena_printf(arena, " (%s barrier '%s')", phase == LC_BARRIER_BEFORE ? "before" : "after",
                                   s->program->objects[wait->barrier].name);
    }
    uint8_t outside = lc_gates_outside(s->gates, t, a) & gates;
    for (uint32_t g = 0; outside && g < s->program->gate_count; g++)
        if (outside & (1u << g))
            return lc_arena_printf(arena, " (outside %s's hand-off window)", s->program->gate_roles[g]);
    return shared_lock_count(s, a) ? " (under a lock)" : "";
}

/* How the other side of a race within one role is named: another run of
 * it, and why runs overlap. */
static const char *shared_other_run(const struct shared_state *s, uint32_t role, struct lc_arena *arena)
{
    const struct lc_entry *entry = &s->program->entries[s->threads->roles[role].entry];
    const char *api = entry->api ? entry->api : "its registration";
    switch (lc_threads_role_overlaps(s->program, s->threads, role)) {
    case LC_ENTRY_IN_LOOP:
        return lc_arena_printf(arena, "another run of it (it is handed to %s in a loop, so several run at once)",
                               api);
    case LC_ENTRY_SITES:
        return lc_arena_printf(arena, "another run of it (it is handed to %s at more than one place, so several "
                                      "run at once)", api);
    case LC_ENTRY_QUEUED_ON_LOOP:
        return lc_arena_printf(arena, "another run of it (the event loop queues it with %s and may queue the next "
                                      "before the last has ended)", api);
    case LC_ENTRY_ONCE:
        break;
    }
    return lc_threads_role_name(s->program, s->threads, role, arena);
}

void shared_report(const struct shared_state *s, const uint32_t *accesses, uint32_t count, uint32_t write,
                          uint32_t other, uint32_t role_write, uint32_t role_other, struct lc_findings *out)
{
    const struct lc_program *program = s->program;
    const struct lc_program_access *w = &program->accesses[write], *o = &program->accesses[other];
    struct lc_finding *finding = lc_findings_add(out);
    if (!finding)
        return;
    struct lc_arena *arena = &out->arena;
    const char *name = program->objects[w->variable].name;
    uint32_t held_at, of;
    uint32_t lock = shared_usual_lock(s, accesses, count, w, &held_at, &of);
    const char *fix = lock != LC_NONE
        ? lc_arena_printf(arena, "take '%s' around every access (it is held at %u of the %u accesses), make it "
                                 "_Atomic, or hand the data over through the loop (the after-work callback, "
                                 "uv_async_send)", program->objects[lock].name, held_at, of)
        : "protect every access with one mutex, make it _Atomic, or hand the data over through the loop (the "
          "after-work callback, uv_async_send) instead of sharing it";
    /* At the unprotected side: the write, else the access racing it. */
    int at_other = shared_lock_count(s, w) > 0 && shared_lock_count(s, o) == 0;
    finding->rule_id = "unlocked-shared-state";
    finding->level = LC_LEVEL_WARNING;
    finding->loc = at_other ? o->loc : w->loc;
    finding->message = lc_arena_printf(arena, "'%s' is written by '%s' on %s and %s by '%s' on %s with no lock in "
                                              "common; %s",
                                       name, program->functions[w->function].name,
                                       lc_threads_role_name(program, s->threads, role_write, arena),
                                       o->kind == LC_ACCESS_WRITE ? "written" : "read",
                                       program->functions[o->function].name,
                                       role_other == role_write ? shared_other_run(s, role_other, arena)
                                                                : lc_threads_role_name(program, s->threads, role_other,
                                                                                       arena),
                                       fix);
    size_t chain_count = 0;
    struct lc_step *chain = lc_threads_chain(program, s->threads, w->function, role_write, &chain_count, arena);
    if (chain) {
        finding->chain = chain;
        finding->chain_count = chain_count;
    }
    /* Two runs of one function: its chain is already the finding's. */
    size_t other_chain_count = 0;
    struct lc_step *other_chain = role_other == role_write && o->function == w->function
                                      ? NULL
                                      : lc_threads_chain(program, s->threads, o->function, role_other,
                                                         &other_chain_count, arena);
    finding->related = lc_arena_alloc(arena, (SHARED_RELATED_MAX + other_chain_count + 1) * sizeof *finding->related);
    if (!finding->related)
        return;
    for (size_t i = 0; i < other_chain_count; i++)
        finding->related[finding->related_count++] = other_chain[i];
    /* The racing access the primary location is not, then the other
     * accesses of the same memory (the field, or the variable it is in),
     * each named by its own path. */
    uint32_t racing = at_other ? write : other;
    uint8_t gates = shared_gates_of(s, accesses, count);
    for (uint32_t i = 0; i <= count && finding->related_count < SHARED_RELATED_MAX + other_chain_count; i++) {
        uint32_t index = i == 0 ? racing : accesses[i - 1];
        const struct lc_program_access *a = &program->accesses[index];
        if (i > 0 && (index == write || index == other || !shared_overlap(program, w, a)))
            continue;
        finding->related[finding->related_count++] = (struct lc_step){
            a->loc, lc_arena_printf(arena, "'%s' %s here by '%s'%s", program->objects[a->variable].name,
                                    a->kind == LC_ACCESS_WRITE ? "written" : "read",
                                    program->functions[a->function].name, shared_note(s, a, gates, arena)),
        };
    }
}
