/* threads_cuts.c — the calls a thread-role context cuts (threads_context.c):
 * each function's calls made only under a test of one of its parameters
 * (`if (conn)`, `if (c->conn)`: facts.h lc_param_guard), and, for a call
 * site entering the function, those whose test fails for what the site
 * passes (a constant, or an object made with a constant in the tested
 * field: lc_param_guard_fails, made_objects.c). */
#include "threads_internal.h"

#include <stdlib.h>
#include <string.h>

int lc_threads_cuts_build(const struct lc_program *program, struct lc_threads_cuts *cuts)
{
    cuts->start = calloc((size_t)program->function_count + 1, sizeof *cuts->start);
    cuts->calls = malloc(((size_t)program->call_count + 1) * sizeof *cuts->calls);
    cuts->bit = malloc((size_t)program->call_count + 1);
    if (!cuts->start || !cuts->calls || !cuts->bit)
        return -1;
    memset(cuts->bit, UINT8_MAX, (size_t)program->call_count + 1);
    uint32_t count = 0;
    for (uint32_t f = 0; f < program->function_count; f++) {
        const struct lc_program_function *fn = &program->functions[f];
        cuts->start[f] = count;
        for (uint32_t k = fn->first_call; k < fn->first_call + fn->call_count; k++) {
            if (lc_program_call_extra_of(program, &program->calls[k])->param_guard.param <= 0
                || count - cuts->start[f] == LC_THREADS_CUTS_CAP)
                continue;
            cuts->bit[k] = (uint8_t)(count - cuts->start[f]);
            cuts->calls[count++] = k;
        }
    }
    cuts->start[program->function_count] = count;
    return 0;
}

void lc_threads_cuts_free(struct lc_threads_cuts *cuts)
{
    free(cuts->start);
    free(cuts->calls);
    free(cuts->bit);
    memset(cuts, 0, sizeof *cuts);
}

uint32_t lc_threads_cuts_mask(const struct lc_program *program, const struct lc_threads_cuts *cuts,
                              const struct lc_program_call *c, uint32_t callee)
{
    uint32_t mask = 0;
    for (uint32_t i = cuts->start[callee]; lc_program_call_passes_arguments(c, callee) && i < cuts->start[callee + 1];
         i++) {
        const struct lc_param_guard *guard =
            &lc_program_call_extra_of(program, &program->calls[cuts->calls[i]])->param_guard;
        if ((uint32_t)guard->param <= c->arg_count
            && lc_param_guard_fails(program, guard, &program->args[c->first_arg + (uint32_t)guard->param - 1]))
            mask |= 1u << (i - cuts->start[callee]);
    }
    return mask;
}
