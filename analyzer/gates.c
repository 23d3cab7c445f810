/* gates.c — the hand-off windows of gated threads: what the windows
 * reach, which gates are trusted, and which loop accesses are outside
 * (gates.h). */
#include "gates.h"

#include <stdlib.h>
#include <string.h>

static int gates_on_loop(const struct lc_threads *threads, uint32_t function)
{
    for (uint8_t i = 0; i < threads->function_role_count[function]; i++)
        if (threads->function_roles[(size_t)function * LC_THREAD_ROLE_CAP + i] == LC_THREAD_ROLE_LOOP)
            return 1;
    return 0;
}

/* Mark with `bit` every function the calls inside gate bit's windows
 * reach, transitively.  0, or -1 when memory runs out. */
static int gates_reach(const struct lc_program *program, uint8_t bit, uint8_t *reached)
{
    uint32_t *stack = malloc(((size_t)program->function_count + 1) * sizeof *stack), top = 0;
    if (!stack)
        return -1;
    for (uint32_t c = 0; c < program->call_count; c++) {
        const struct lc_program_call *call = &program->calls[c];
        for (uint32_t t = 0; (call->gate_windows & bit) && t < call->target_count; t++) {
            uint32_t target = program->targets[call->first_target + t];
            if (!(reached[target] & bit)) {
                reached[target] |= bit;
                stack[top++] = target;
            }
        }
    }
    while (top > 0) {
        uint32_t function = stack[--top], begin, end;
        lc_program_function_targets(program, function, &begin, &end);
        for (uint32_t t = begin; t < end; t++) {
            uint32_t target = program->targets[t];
            if (!(reached[target] & bit)) {
                reached[target] |= bit;
                stack[top++] = target;
            }
        }
    }
    free(stack);
    return 0;
}

void lc_gates_compute(const struct lc_program *program, const struct lc_threads *threads, struct lc_gates *out)
{
    memset(out, 0, sizeof *out);
    out->reached = calloc((size_t)program->function_count + 1, 1);
    out->role_gates = calloc((size_t)threads->role_count + 1, 1);
    if (!out->reached || !out->role_gates || program->gate_count == 0)
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
        if (gates_reach(program, (uint8_t)(1u << g), out->reached) != 0)
            return;
    for (uint32_t r = 0; r < threads->role_count; r++) {
        uint32_t entry = threads->roles[r].entry;
        const char *name = entry != LC_NONE ? program->functions[program->entries[entry].function].name : NULL;
        for (uint32_t g = 0; name && g < program->gate_count; g++)
            if (strcmp(name, program->gate_roles[g]) == 0)
                out->role_gates[r] |= (uint8_t)(1u << g);
    }
    out->trusted = seen & (uint8_t)~spoiled;
}

void lc_gates_free(struct lc_gates *gates)
{
    free(gates->reached);
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

int lc_gates_apart(const struct lc_gates *gates, const struct lc_threads *threads,
                   const struct lc_program_access *loop_access, uint32_t role)
{
    return role < gates->role_count
           && (gates->role_gates[role] & lc_gates_outside(gates, threads, loop_access)) != 0;
}
