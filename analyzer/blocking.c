/* blocking.c — evaluating blocking models at a call site (blocking.h). */
#include "blocking.h"

#include <ctype.h>
#include <string.h>

/* Is `text` a string literal starting with `prefix`, or a local variable
 * the extractor spelled with the literal it holds ("path = \"/proc/...")? */
static int text_has_prefix(const char *text, const char *prefix)
{
    const char *p = text;
    while (p && (isalnum((unsigned char)*p) || *p == '_'))
        p++;
    if (p && p != text && strncmp(p, " = \"", 4) == 0)
        text = p + 3;
    return text && text[0] == '"' && strncmp(text + 1, prefix, strlen(prefix)) == 0;
}

int lc_value_is_nonblocking(const struct lc_program *program, const struct lc_program_value *value)
{
    return program->nonblocking_node && value->flow_node != LC_NONE && program->nonblocking_node[value->flow_node];
}

int lc_value_in_state(const struct lc_program *program, const struct lc_program_value *value,
                      enum lc_stream_state state)
{
    const uint8_t *nodes = program->state_node[state];
    return nodes && value->flow_node != LC_NONE && nodes[value->flow_node];
}

/* -1 when the argument is missing (the condition cannot hold). */
static int condition_holds(const struct lc_program *program, const struct lc_program_call *call,
                           const struct lc_arg_condition *condition)
{
    if (condition->position < 1 || (uint32_t)condition->position > call->arg_count)
        return -1;
    const struct lc_program_value *arg = &program->args[call->first_arg + (uint32_t)condition->position - 1];
    switch (condition->test) {
    case LC_ARG_IS_NULL: return arg->kind == LC_VALUE_NULL;
    case LC_ARG_NOT_NULL: return arg->kind != LC_VALUE_NULL;
    case LC_ARG_HAS_TOKEN: return lc_text_has_token(arg->text, condition->token);
    case LC_ARG_LACKS_TOKEN: return !lc_text_has_token(arg->text, condition->token);
    case LC_ARG_IS_NONBLOCKING: return lc_value_is_nonblocking(program, arg);
    case LC_ARG_NOT_NONBLOCKING: return !lc_value_is_nonblocking(program, arg);
    case LC_ARG_IN_STATE: return lc_value_in_state(program, arg, condition->state);
    case LC_ARG_NOT_IN_STATE: return !lc_value_in_state(program, arg, condition->state);
    case LC_ARG_HAS_PREFIX: return text_has_prefix(arg->text, condition->token);
    case LC_ARG_LACKS_PREFIX: return !text_has_prefix(arg->text, condition->token);
    }
    return -1;
}

static const char *condition_text(struct lc_arena *arena, const struct lc_arg_condition *condition, int negated)
{
    enum lc_arg_test test = condition->test;
    static const enum lc_arg_test opposite[] = {
        [LC_ARG_IS_NULL] = LC_ARG_NOT_NULL, [LC_ARG_NOT_NULL] = LC_ARG_IS_NULL,
        [LC_ARG_HAS_TOKEN] = LC_ARG_LACKS_TOKEN, [LC_ARG_LACKS_TOKEN] = LC_ARG_HAS_TOKEN,
        [LC_ARG_IS_NONBLOCKING] = LC_ARG_NOT_NONBLOCKING, [LC_ARG_NOT_NONBLOCKING] = LC_ARG_IS_NONBLOCKING,
        [LC_ARG_HAS_PREFIX] = LC_ARG_LACKS_PREFIX, [LC_ARG_LACKS_PREFIX] = LC_ARG_HAS_PREFIX,
        [LC_ARG_IN_STATE] = LC_ARG_NOT_IN_STATE, [LC_ARG_NOT_IN_STATE] = LC_ARG_IN_STATE,
    };
    static const char *const state_text[LC_STATE_COUNT] = {
        [LC_STATE_READONLY] = "a stream opened for reading only",
        [LC_STATE_MEMORY] = "a file of /proc (memory)",
        [LC_STATE_STANDARD] = "one of the process's standard streams",
    };
    if (negated)
        test = opposite[test];
    switch (test) {
    case LC_ARG_IS_NULL: return lc_arena_printf(arena, "argument %d is NULL", condition->position);
    case LC_ARG_NOT_NULL: return lc_arena_printf(arena, "argument %d is not NULL", condition->position);
    case LC_ARG_HAS_TOKEN:
        return lc_arena_printf(arena, "argument %d has %s", condition->position, condition->token);
    case LC_ARG_LACKS_TOKEN:
        return lc_arena_printf(arena, "argument %d lacks %s", condition->position, condition->token);
    case LC_ARG_IS_NONBLOCKING:
        return lc_arena_printf(arena, "argument %d is a non-blocking descriptor", condition->position);
    case LC_ARG_NOT_NONBLOCKING:
        return lc_arena_printf(arena, "argument %d is not known to be non-blocking", condition->position);
    case LC_ARG_IN_STATE:
        return lc_arena_printf(arena, "argument %d is %s", condition->position, state_text[condition->state]);
    case LC_ARG_NOT_IN_STATE:   /* an exception that did not apply: not a cause */
        return NULL;
    case LC_ARG_HAS_PREFIX:
        return lc_arena_printf(arena, "argument %d starts with \"%s\"", condition->position, condition->token);
    case LC_ARG_LACKS_PREFIX:   /* likewise */
        return NULL;
    }
    return NULL;
}

static const char *join(struct lc_arena *arena, const char *a, const char *b)
{
    if (!a || !b)
        return a ? a : b;
    return lc_arena_printf(arena, "%s and %s", a, b);
}

struct lc_call_blocking lc_call_blocks(const struct lc_program *program, uint32_t call, uint32_t target,
                                       struct lc_arena *arena)
{
    struct lc_call_blocking result = { 0 };
    const struct lc_program_function *fn = &program->functions[target];
    const struct lc_program_call *c = &program->calls[call];
    if (fn->annotations & LC_ANNOT_NONBLOCKING)
        return result;
    if (fn->annotations & LC_ANNOT_BLOCKING) {
        const struct lc_function_model *stated =
            arena ? lc_models_annotating(program->models, fn->name, LC_ANNOT_BLOCKING) : NULL;
        const char *text = arena ? lc_models_annotation_text(arena, stated, fn->name, "blocking") : NULL;
        result.blocks = 1;
        result.reason = text ? lc_arena_printf(arena, "it is %s", text) : "it is annotated loopcheck:blocking";
        return result;
    }
    if (!fn->model || !fn->model->blocking)
        return result;
    const struct lc_blocking_model *model = fn->model->blocking;
    for (size_t i = 0; i < model->if_count; i++) {
        if (condition_holds(program, c, &model->if_conditions[i]) != 1)
            return result;
        if (arena)
            result.because = join(arena, result.because, condition_text(arena, &model->if_conditions[i], 0));
    }
    for (size_t i = 0; i < model->unless_count; i++) {
        int holds = condition_holds(program, c, &model->unless_conditions[i]);
        if (holds == 1)
            return result;
        if (arena && holds == 0)
            result.because = join(arena, result.because, condition_text(arena, &model->unless_conditions[i], 1));
    }
    result.blocks = 1;
    result.model = model;
    result.reason = model->reason;
    return result;
}

int lc_conditions_hold(const struct lc_program *program, uint32_t call, const struct lc_arg_condition *conditions,
                       size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (condition_holds(program, &program->calls[call], &conditions[i]) != 1)
            return 0;
    return 1;
}

int lc_call_first_blocking_target(const struct lc_program *program, uint32_t call, struct lc_arena *arena,
                                  uint32_t *target, struct lc_call_blocking *why)
{
    const struct lc_program_call *c = &program->calls[call];
    for (uint32_t t = 0; t < c->target_count; t++) {
        *target = program->targets[c->first_target + t];
        /* Once colored, a callee that blocks at no call at all is marked
         * so (color.c): no need to look at its model again. */
        if (program->blocking && !program->blocking[*target])
            continue;
        *why = lc_call_blocks(program, call, *target, arena);
        if (why->blocks)
            return 1;
    }
    return 0;
}
