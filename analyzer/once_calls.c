/* once_calls.c — functions run once in the process through `runs-once`
 * calls (once_calls.h). */
#include "once_calls.h"

#include <stdlib.h>
#include <string.h>

#define ONCE_DEPTH 8   /* rounds: helpers of helpers of a once-function */

uint32_t lc_once_call_function(const struct lc_program *program, const struct lc_program_call *call)
{
    if (call->callee.kind != LC_VALUE_FUNCTION)
        return LC_NONE;
    const struct lc_function_model *model = program->functions[call->callee.function].model;
    if (!model || model->once_position < 1 || (uint32_t)model->once_position > call->arg_count)
        return LC_NONE;
    const struct lc_program_value *arg = &program->args[call->first_arg + (uint32_t)model->once_position - 1];
    return arg->kind == LC_VALUE_FUNCTION ? arg->function : LC_NONE;
}

/* One round: mark `once` the functions every way in to which is a
 * once-call handing them or a call made by a function marked already;
 * returns whether one was added. */
static int once_round(const struct lc_program *program, uint8_t *once, uint8_t *reached, uint8_t *other)
{
    memset(reached, 0, (size_t)program->function_count + 1);
    memset(other, 0, (size_t)program->function_count + 1);
    for (uint32_t c = 0; c < program->call_count; c++) {
        const struct lc_program_call *call = &program->calls[c];
        /* A once-call's own body (libuv's uv_once calls pthread_once) is
         * not followed. */
        if (call->caller != LC_NONE && lc_model_hides_body(program->functions[call->caller].model))
            continue;
        uint32_t handed = lc_once_call_function(program, call);
        int from_once = call->caller != LC_NONE && once[call->caller];
        for (uint32_t t = 0; t < call->target_count; t++) {
            uint32_t target = program->targets[call->first_target + t];
            if (target == handed || from_once) {
                reached[target] = 1;
            } else if (handed == LC_NONE || target != call->callee.function) {
                other[target] = 1;
            }
        }
        /* Its address handed on: another way in. */
        for (uint32_t i = 0; i < call->arg_count; i++) {
            const struct lc_program_value *arg = &program->args[call->first_arg + i];
            if (arg->kind == LC_VALUE_FUNCTION && arg->function != handed)
                other[arg->function] = 1;
        }
    }
    int added = 0;
    for (uint32_t f = 0; f < program->function_count; f++)
        if (!once[f] && reached[f] && !other[f] && !(program->registered && program->registered[f])) {
            once[f] = 1;
            added = 1;
        }
    return added;
}

uint8_t *lc_once_functions(const struct lc_program *program)
{
    size_t size = (size_t)program->function_count + 1;
    uint8_t *once = calloc(size, 1), *reached = malloc(size), *other = malloc(size);
    if (!once || !reached || !other) {
        free(once);
        free(reached);
        free(other);
        return NULL;
    }
    /* Each round adds the callees of the last round's functions; a chain
     * of helpers deeper than this stays unknown. */
    for (int round = 0; round < ONCE_DEPTH && once_round(program, once, reached, other); round++)
        ;
    free(reached);
    free(other);
    return once;
}
