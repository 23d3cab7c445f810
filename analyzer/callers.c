/* callers.c — the reverse call graph of callers.h, by counting sort, and
 * the functions whose callers are not all known (their address taken). */
#include "callers.h"

#include <stdlib.h>
#include <string.h>

int lc_callers_build(const struct lc_program *program, struct lc_callers *callers)
{
    uint32_t n = program->function_count;
    callers->start = calloc((size_t)n + 2, sizeof *callers->start);
    callers->calls = malloc(((size_t)program->target_count + 1) * sizeof *callers->calls);
    callers->functions = malloc(((size_t)program->target_count + 1) * sizeof *callers->functions);
    if (!callers->start || !callers->calls || !callers->functions) {
        lc_callers_free(callers);
        return -1;
    }
    for (uint32_t i = 0; i < program->target_count; i++)
        callers->start[program->targets[i] + 2]++;
    for (uint32_t f = 0; f < n; f++)
        callers->start[f + 2] += callers->start[f + 1];
    for (uint32_t c = 0; c < program->call_count; c++) {
        for (uint32_t t = 0; t < program->calls[c].target_count; t++) {
            uint32_t at = callers->start[program->targets[program->calls[c].first_target + t] + 1]++;
            callers->calls[at] = c;
            callers->functions[at] = program->calls[c].caller;
        }
    }
    return 0;
}

void lc_callers_free(struct lc_callers *callers)
{
    free(callers->start);
    free(callers->calls);
    free(callers->functions);
    memset(callers, 0, sizeof *callers);
}

/* Functions whose address is taken: a stored or passed function value, or
 * an entry. */
uint8_t *lc_program_address_taken(const struct lc_program *program)
{
    uint8_t *taken = calloc((size_t)program->function_count + 1, 1);
    if (!taken)
        return NULL;
    for (uint32_t s = 0; s < program->store_count; s++)
        if (program->stores[s].value.kind == LC_VALUE_FUNCTION && program->stores[s].value.function != LC_NONE)
            taken[program->stores[s].value.function] = 1;
    for (uint32_t c = 0; c < program->call_count; c++) {
        const struct lc_program_call *call = &program->calls[c];
        for (uint32_t a = 0; a < call->arg_count; a++) {
            const struct lc_program_value *arg = &program->args[call->first_arg + a];
            if (arg->kind == LC_VALUE_FUNCTION && arg->function != LC_NONE)
                taken[arg->function] = 1;
        }
    }
    for (uint32_t f = 0; program->registered && f < program->function_count; f++)
        taken[f] |= program->registered[f];
    return taken;
}
