/* callers.c — the reverse call graph of callers.h, by counting sort. */
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
