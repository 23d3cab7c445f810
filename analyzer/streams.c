/* streams.c — streams and descriptors in a state the models name: open
 * for reading only (`readonly-stream NAME result`, fopen(path, "r")), a
 * file of /proc (`memory-file NAME result`, open("/proc/self/stat")), or
 * one of the process's standard streams (`standard-stream NAME`: the
 * global variables stdout, stderr, stdin).  A variable or field that
 * receives such a call's result or such a variable is in the state, and so
 * is a node such values reach when everything stored into it is one
 * (descriptor_flow.c): a parameter every caller passes one to, a field
 * every store into which is one, the value of a function that returns one.
 * Models then say `unless arg1=readonly` (fclose writes nothing back),
 * `unless arg1=memory` (read and write of /proc wait for nothing) or
 * `unless arg1=standard` (writes to the program's log). */
#include "blocking.h"
#include "descriptor_flow.h"
#include "program.h"

/* The callee's model of `state` at `call`, or NULL. */
static const struct lc_descriptor_model *streams_model(const struct lc_program *program, uint32_t call,
                                                       enum lc_stream_state state)
{
    const struct lc_program_call *c = &program->calls[call];
    for (uint32_t t = 0; t < c->target_count; t++) {
        const struct lc_function_model *model = program->functions[program->targets[c->first_target + t]].model;
        if (model && model->states[state])
            return model->states[state];
    }
    return NULL;
}

static enum lc_descriptor_source streams_classify_call(struct lc_program *program, uint32_t call, void *data,
                                                       uint32_t *from)
{
    const struct lc_descriptor_model *model = streams_model(program, call, *(const enum lc_stream_state *)data);
    if (!model)
        return lc_descriptor_flow_returned(program, call, from);
    if (!lc_conditions_hold(program, call, model->if_conditions, model->if_count))
        return LC_DESCRIPTOR_UNKNOWN;
    for (size_t i = 0; i < model->unless_count; i++)
        if (lc_conditions_hold(program, call, &model->unless_conditions[i], 1))
            return LC_DESCRIPTOR_UNKNOWN;
    return LC_DESCRIPTOR_HOLDS;
}

/* Is flow node `node` a global variable a `standard-stream` statement
 * names?  Such variables hold the state whatever is stored into them. */
static int streams_is_standard(const struct lc_program *program, uint32_t node)
{
    struct lc_flow_node_names names = lc_fpflow_node_names(program, node);
    return names.kind == LC_VALUE_VAR && program->models && lc_models_is_standard_stream(program->models, names.name);
}

/* Does anything put a value in `state`: a call of a model of it, or a
 * standard stream's variable?  A state nothing gives needs no flow (no
 * pass over every store and call: most programs open no /proc file). */
static int streams_state_has_sources(const struct lc_program *program, enum lc_stream_state state)
{
    for (uint32_t i = 0; i < program->model_call_count; i++)
        if (streams_model(program, program->model_calls[i], state))
            return 1;
    for (uint32_t node = 0; state == LC_STATE_STANDARD && node < program->flow_node_count; node++)
        if (streams_is_standard(program, node))
            return 1;
    return 0;
}

int lc_streams_resolve(struct lc_program *program)
{
    for (enum lc_stream_state state = 0; state < LC_STATE_COUNT; state++) {
        if (!streams_state_has_sources(program, state))
            continue;   /* state_node[state] stays NULL: nothing is in it */
        struct lc_descriptor_flow flow;
        if (lc_descriptor_flow_build(&flow, program, streams_classify_call, &state) != 0) {
            lc_descriptor_flow_free(&flow);
            return -1;
        }
        if (state == LC_STATE_STANDARD)
            lc_descriptor_flow_seed_named(&flow, streams_is_standard);
        lc_descriptor_flow_run(&flow);
        program->state_node[state] = lc_descriptor_flow_take(&flow);
        lc_descriptor_flow_free(&flow);
        if (!program->state_node[state])
            return -1;
    }
    return 0;
}
