/* extract_gates.c — the hand-off windows of gated threads (`gated-thread`,
 * facts.h lc_gate_function) along one function's walk.  A call of the
 * gate's start function opens its window; the window closes at the end of
 * the outermost loop statement that begins after that call and holds a call
 * of the gate's wait function (in its condition or body).  While a window
 * is open, the locksets recorded for calls and accesses carry its identity;
 * the walk's own lockset does not, so a window is scoped by no block.  A
 * window the function leaves open (no such loop, or a `return` or `goto`
 * inside it: either may skip the wait)
 * puts the gate's `unclosed` mark on the call that opened it: the analysis
 * then trusts no window of that gate.  The loop closing a window waits for
 * the gate's threads when all it calls, its inner loops included, is the
 * wait function (redis's `while (1) { pending = 0; for (j = 1; j <
 * io_threads_num; j++) pending += getIOPendingCount(j); if (pending == 0)
 * break; }`): it is LC_SOURCE_WAIT, as a spin lock's acquisition
 * (extract_loop_spin.c), and costs nothing with all it holds. */
#include "extract_internal.h"

#include <string.h>

static int extract_gate_calls(const struct lc_call_fact *fact, const char *name)
{
    return fact->callee.kind == LC_VALUE_FUNCTION && fact->callee.name && strcmp(fact->callee.name, name) == 0;
}

void lc_extract_gates_call(struct lc_extract_walk *walk, size_t index)
{
    const struct lc_lock_vocabulary *vocabulary = walk->vocabulary;
    const struct lc_call_fact *fact = &walk->facts->calls[index];
    for (size_t g = 0; vocabulary && g < vocabulary->gate_count; g++) {
        unsigned bit = 1u << g;
        if (!(walk->gate_open & bit)) {
            if (extract_gate_calls(fact, vocabulary->gates[g].start)) {
                walk->gate_open |= bit;
                walk->gate_start_call[g] = index;
                walk->gate_close_loop[g] = -1;
            }
            continue;
        }
        if (walk->gate_close_loop[g] >= 0 || !extract_gate_calls(fact, vocabulary->gates[g].wait))
            continue;
        const struct lc_location *opened = &walk->facts->calls[walk->gate_start_call[g]].loc;
        for (int loop = walk->loop_index; loop >= 0; loop = walk->facts->loops[loop].parent_index)
            if (lc_location_compare(&walk->facts->loops[loop].loc, opened) > 0)
                walk->gate_close_loop[g] = loop;
    }
}

/* Is the loop `loop_index`, just walked, one calling only the wait
 * function of gate g?  Its calls are the last ones recorded. */
static int extract_gate_only_waits(const struct lc_extract_walk *walk, int loop_index, size_t g)
{
    int waits = 0;
    for (size_t c = walk->facts->call_count; c-- > 0;) {
        const struct lc_call_fact *fact = &walk->facts->calls[c];
        int inside = 0;
        for (int loop = fact->loop_index; loop >= 0 && !inside; loop = walk->facts->loops[loop].parent_index)
            inside = loop == loop_index;
        if (!inside)
            break;
        if (!extract_gate_calls(fact, walk->vocabulary->gates[g].wait))
            return 0;
        waits = 1;
    }
    return waits;
}

void lc_extract_gates_loop_end(struct lc_extract_walk *walk, int loop_index)
{
    for (size_t g = 0; loop_index >= 0 && g < LC_GATE_MAX; g++)
        if ((walk->gate_open & (1u << g)) && walk->gate_close_loop[g] == loop_index) {
            walk->gate_open &= ~(1u << g);
            if (extract_gate_only_waits(walk, loop_index, g))
                walk->facts->loops[loop_index].source = LC_SOURCE_WAIT;
        }
}

void lc_extract_gates_jump(struct lc_extract_walk *walk)
{
    walk->gate_escaped |= walk->gate_open;
}

/* `lockset` with `extra` (count of them) added, in the facts' arena. */
static struct lc_lockset extract_gates_join(struct lc_extract_walk *walk, struct lc_lockset lockset,
                                            const char *const *extra, size_t count)
{
    const char **locks = lc_arena_alloc(&walk->facts->arena, (lockset.count + count + 1) * sizeof *locks);
    if (!locks) {
        walk->out_of_memory = 1;
        return lockset;
    }
    for (size_t i = 0; i < lockset.count; i++)
        locks[i] = lockset.locks[i];
    for (size_t i = 0; i < count; i++)
        locks[lockset.count + i] = extra[i];
    return (struct lc_lockset){ locks, lockset.count + count };
}

void lc_extract_gates_function_end(struct lc_extract_walk *walk)
{
    unsigned unclosed = walk->gate_open | walk->gate_escaped;
    for (size_t g = 0; walk->vocabulary && g < walk->vocabulary->gate_count; g++)
        if (unclosed & (1u << g)) {
            struct lc_call_fact *start = &walk->facts->calls[walk->gate_start_call[g]];
            start->locks = extract_gates_join(walk, start->locks, &walk->vocabulary->gates[g].unclosed, 1);
        }
    walk->gate_open = walk->gate_escaped = 0;
}

struct lc_lockset lc_extract_gates_locks(struct lc_extract_walk *walk)
{
    if (!walk->gate_open)
        return walk->locks;
    if (walk->gate_locks_base != walk->locks.locks || walk->gate_locks_base_count != walk->locks.count
        || walk->gate_locks_open != walk->gate_open) {
        const char *identities[LC_GATE_MAX];
        size_t count = 0;
        for (size_t g = 0; g < walk->vocabulary->gate_count; g++)
            if (walk->gate_open & (1u << g))
                identities[count++] = walk->vocabulary->gates[g].identity;
        walk->gate_locks = extract_gates_join(walk, walk->locks, identities, count);
        walk->gate_locks_base = walk->locks.locks;
        walk->gate_locks_base_count = walk->locks.count;
        walk->gate_locks_open = walk->gate_open;
    }
    return walk->gate_locks;
}
