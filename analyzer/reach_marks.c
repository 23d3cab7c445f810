/* reach_marks.c — marking what seed calls reach (reach_marks.h). */
#include "reach_marks.h"

static void reach_mark(uint8_t *mark, uint8_t bit, uint32_t target, uint32_t *pending, uint32_t *count)
{
    if (!(mark[target] & bit)) {
        mark[target] |= bit;
        pending[(*count)++] = target;
    }
}

void lc_reach_mark_call(const struct lc_program *program, const struct lc_program_call *call, uint8_t *mark,
                        uint8_t bit, uint32_t *pending, uint32_t *count)
{
    for (uint32_t t = 0; call->first_target != LC_NONE && t < call->target_count; t++)
        reach_mark(mark, bit, program->targets[call->first_target + t], pending, count);
}

void lc_reach_mark_spread(const struct lc_program *program, uint8_t *mark, uint8_t bit, uint32_t *pending,
                          uint32_t count, int followed_only)
{
    while (count > 0) {
        uint32_t function = pending[--count], begin, end;
        if (followed_only && !lc_program_function_is_followed(program, function))
            continue;
        lc_program_function_targets(program, function, &begin, &end);
        for (uint32_t t = begin; t < end; t++)
            reach_mark(mark, bit, program->targets[t], pending, &count);
    }
}
