/* threads_programs.c — in which executables each role reaches each
 * function (program_load_programs.c says which executables may run a
 * function at all).  A role starts, at each function it is seeded on (its
 * entry, a loop entry, a thread's start routine), in the executables of
 * that function, and spreads along the calls the roles follow: a callee
 * gets the caller's executables that may also run the callee.  So a
 * benchmark's thread (its start routine in the benchmark runner) reaches a
 * library function in the benchmark runner only, and a test's loop
 * callback in the test runner only: the two never race.  A pair of
 * (function, role) the walk never meets (a role spread in another way)
 * counts as reached in any executable.  The spread itself serves the
 * processes of threads_processes.c too: sets of any width. */
#include "threads_internal.h"

#include <stdlib.h>
#include <string.h>

#define LC_PROGRAMS_ANY UINT64_MAX

struct programs_item {
    uint32_t function;
    uint8_t slot;
};

int lc_threads_role_slot(const struct lc_threads *t, uint32_t function, uint32_t role)
{
    for (uint8_t i = 0; i < t->function_role_count[function]; i++)
        if (t->function_roles[(size_t)function * LC_THREAD_ROLE_CAP + i] == role)
            return i;
    return -1;
}

uint64_t lc_threads_programs_of(const struct lc_threads *t, uint32_t function, uint32_t role)
{
    int slot = t->programs ? lc_threads_role_slot(t, function, role) : -1;
    return slot < 0 ? LC_PROGRAMS_ANY : t->programs[(size_t)function * LC_THREAD_ROLE_CAP + (size_t)slot];
}


/* Does any word of `from` & `allowed` add a bit to `to`?  Adds them. */
static int sets_merge(uint64_t *to, const uint64_t *from, const uint64_t *allowed, size_t words)
{
    int more = 0;
    for (size_t w = 0; w < words; w++) {
        uint64_t bits = from[w] & allowed[w] & ~to[w];
        to[w] |= bits;
        more |= bits != 0;
    }
    return more;
}

uint64_t *lc_threads_spread_sets(const struct lc_program *program, struct lc_threads *t,
                                 const uint64_t *function_sets, size_t words)
{
    size_t slots = ((size_t)program->function_count + 1) * LC_THREAD_ROLE_CAP;
    uint64_t *reach = lc_arena_alloc(&t->arena, slots * words * sizeof *reach);
    uint8_t *met = calloc(slots, 1);
    struct programs_item *queue = malloc(slots * sizeof *queue);
    /* Each (function, slot) is in the queue at most once at a time. */
    uint8_t *queued = calloc(slots, 1);
    uint8_t *entry = calloc((size_t)program->function_count + 1, 1);
    if (!reach || !met || !queue || !queued || !entry) {
        free(met);
        free(queue);
        free(queued);
        free(entry);
        return NULL;
    }
    memset(reach, 0, slots * words * sizeof *reach);
    for (uint32_t e = 0; e < program->entry_count; e++)
        entry[program->entries[e].function] = 1;
    size_t head = 0, tail = 0;
    /* Seeds: where a role starts (no parent call), and every entry. */
    for (uint32_t f = 0; f < program->function_count; f++)
        for (uint8_t i = 0; i < t->function_role_count[f]; i++)
            if (entry[f] || t->role_parent[(size_t)f * LC_THREAD_ROLE_CAP + i] == LC_NONE) {
                size_t at = (size_t)f * LC_THREAD_ROLE_CAP + i;
                memcpy(reach + at * words, function_sets + (size_t)f * words, words * sizeof *reach);
                met[at] = queued[at] = 1;
                queue[tail++ % slots] = (struct programs_item){ f, i };
            }
    while (head != tail) {
        struct programs_item item = queue[head++ % slots];
        size_t from = (size_t)item.function * LC_THREAD_ROLE_CAP + item.slot;
        queued[from] = 0;
        if (!lc_program_function_is_followed(program, item.function))
            continue;
        uint32_t role = t->function_roles[from], begin, end;
        lc_program_function_targets(program, item.function, &begin, &end);
        for (uint32_t k = begin; k < end; k++) {
            uint32_t g = program->targets[k];
            int slot = lc_program_dispatches(program, item.function, k) ? -1 : lc_threads_role_slot(t, g, role);
            if (slot < 0)
                continue;
            size_t to = (size_t)g * LC_THREAD_ROLE_CAP + (size_t)slot;
            int more = sets_merge(reach + to * words, reach + from * words, function_sets + (size_t)g * words, words);
            if (met[to] && !more)
                continue;
            met[to] = 1;
            if (!queued[to]) {
                queued[to] = 1;
                queue[tail++ % slots] = (struct programs_item){ g, (uint8_t)slot };
            }
        }
    }
    for (size_t at = 0; at < slots; at++)
        if (!met[at])
            memset(reach + at * words, 0xff, words * sizeof *reach);
    free(entry);
    free(met);
    free(queue);
    free(queued);
    return reach;
}

int lc_threads_programs(const struct lc_program *program, struct lc_threads *t)
{
    t->programs = NULL;
    if (!program->function_programs)
        return 0;
    t->programs = lc_threads_spread_sets(program, t, program->function_programs, 1);
    return t->programs ? 0 : -1;
}
