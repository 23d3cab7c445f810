/* gates.c — the hand-off windows of gated threads: what the windows
 * reach, which gates are trusted, and which loop accesses are outside
 * (gates.h). */
#include "gates.h"
#include "reach_marks.h"

#include <stdlib.h>
#include <string.h>

static int gates_on_loop(const struct lc_threads *threads, uint32_t function)
{
    return lc_threads_role_slot(threads, function, LC_THREAD_ROLE_LOOP) >= 0;
}

/* Is the call one of the seeds of a walk: made inside a window of gate
 * `bit` (entry LC_NONE), or made by `entry` before `before`? */
static int gates_seed(const struct lc_program_call *call, uint8_t bit, uint32_t entry,
                      const struct lc_location *before)
{
    if (entry == LC_NONE)
        return (call->gate_windows & bit) != 0;
    return call->caller == entry && lc_location_compare(&call->loc, before) < 0;
}

/* Mark with `bit` every function the seeds (gates_seed) reach,
 * transitively.  0, or -1 when memory runs out. */
static int gates_reach(const struct lc_program *program, uint8_t bit, uint32_t entry,
                       const struct lc_location *before, uint8_t *reached)
{
    uint32_t *stack = malloc(((size_t)program->function_count + 1) * sizeof *stack), top = 0;
    if (!stack)
        return -1;
    for (uint32_t c = 0; c < program->call_count; c++)
        if (gates_seed(&program->calls[c], bit, entry, before))
            lc_reach_mark_call(program, &program->calls[c], reached, bit, stack, &top);
    lc_reach_mark_spread(program, reached, bit, stack, top, 0);
    free(stack);
    return 0;
}

/* The first call (source order) `entry` makes of the WAIT function of the
 * gate of `role` (program->models); 0 when it makes none. */
static int gates_first_wait(const struct lc_program *program, uint32_t entry, const char *role,
                            struct lc_location *first)
{
    const char *wait = NULL;
    for (size_t i = 0; program->models && i < program->models->gate_count; i++)
        if (strcmp(program->models->gates[i].role, role) == 0)
            wait = program->models->gates[i].wait;
    const struct lc_program_function *fn = &program->functions[entry];
    int found = 0;
    for (uint32_t i = 0; wait && i < fn->call_count; i++) {
        const struct lc_program_call *c = &program->calls[fn->first_call + i];
        if (c->callee.kind == LC_VALUE_FUNCTION && c->callee.function != LC_NONE
            && strcmp(program->functions[c->callee.function].name, wait) == 0
            && (!found || lc_location_compare(&c->loc, first) < 0)) {
            *first = c->loc;
            found = 1;
        }
    }
    return found;
}

void lc_gates_compute(const struct lc_program *program, const struct lc_threads *threads, struct lc_gates *out)
{
    memset(out, 0, sizeof *out);
    out->reached = calloc((size_t)program->function_count + 1, 1);
    out->set_up = calloc((size_t)program->function_count + 1, 1);
    out->role_gates = calloc((size_t)threads->role_count + 1, 1);
    if (!out->reached || !out->set_up || !out->role_gates || program->gate_count == 0)
        return;
    out->role_count = threads->role_count;
    uint8_t seen = 0, spoiled = 0;
    for (uint32_t c = 0; c < program->call_count; c++) {
        const struct lc_program_call *call = &program->calls[c];
        if ((call->gate_windows || call->gate_unclosed) && gates_on_loop(threads, call->caller)) {
            seen |= call->gate_windows;
            spoiled |= call->gate_unclosed;
        }
    }
    for (uint32_t a = 0; a < program->access_count; a++)
        if (program->accesses[a].gate_windows && gates_on_loop(threads, program->accesses[a].function))
            seen |= program->accesses[a].gate_windows;
    for (uint32_t g = 0; g < program->gate_count; g++)
        if (gates_reach(program, (uint8_t)(1u << g), LC_NONE, NULL, out->reached) != 0)
            return;
    for (uint32_t r = 0; r < threads->role_count; r++) {
        uint32_t entry = threads->roles[r].entry;
        uint32_t function = entry != LC_NONE ? program->entries[entry].function : LC_NONE;
        for (uint32_t g = 0; function != LC_NONE && g < program->gate_count; g++)
            if (strcmp(program->functions[function].name, program->gate_roles[g]) == 0
                && gates_first_wait(program, function, program->gate_roles[g], &out->first_wait[g])) {
                out->role_gates[r] |= (uint8_t)(1u << g);
                out->entry[g] = function;
                if (gates_reach(program, (uint8_t)(1u << g), function, &out->first_wait[g], out->set_up) != 0)
                    return;
            }
    }
    out->trusted = seen & (uint8_t)~spoiled;
}

void lc_gates_free(struct lc_gates *gates)
{
    free(gates->reached);
    free(gates->set_up);
    free(gates->role_gates);
    memset(gates, 0, sizeof *gates);
}

uint8_t lc_gates_outside(const struct lc_gates *gates, const struct lc_threads *threads,
                         const struct lc_program_access *access)
{
    if (!gates->trusted || !gates_on_loop(threads, access->function))
        return 0;
    return gates->trusted & (uint8_t)~access->gate_windows & (uint8_t)~gates->reached[access->function];
}

/* Is the gated thread's access part of gate g's work: after its entry's
 * first WAIT call, or in a function only its calls after that reach? */
static int gates_work(const struct lc_gates *gates, uint32_t g, const struct lc_program_access *access)
{
    if (access->function == gates->entry[g])
        return lc_location_compare(&access->loc, &gates->first_wait[g]) > 0;
    return !(gates->set_up[access->function] & (1u << g));
}

int lc_gates_apart(const struct lc_gates *gates, const struct lc_threads *threads,
                   const struct lc_program_access *loop_access, uint32_t role,
                   const struct lc_program_access *gated_access)
{
    if (role >= gates->role_count)
        return 0;
    uint8_t both = gates->role_gates[role] & lc_gates_outside(gates, threads, loop_access);
    for (uint32_t g = 0; both && g < LC_GATE_MAX; g++)
        if ((both & (1u << g)) && gates_work(gates, g, gated_access))
            return 1;
    return 0;
}
