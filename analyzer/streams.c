/* streams.c — streams and descriptors in a state the models name: open
 * for reading only (`readonly-stream NAME result`, fopen(path, "r")) or a
 * file of /proc (`memory-file NAME result`, open("/proc/self/stat")).  A
 * variable or field that receives such a call's result is in the state,
 * and so is a node such results reach when everything stored into it is
 * one (descriptor_flow.c), the value of a function that returns one
 * included.  Models then say `unless arg1=readonly` (fclose writes nothing
 * back) or `unless arg1=memory` (read and write of /proc wait for nothing). */
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

int lc_streams_resolve(struct lc_program *program)
{
    for (enum lc_stream_state state = 0; state < LC_STATE_COUNT; state++) {
        struct lc_descriptor_flow flow;
        if (lc_descriptor_flow_build(&flow, program, streams_classify_call, &state) != 0) {
            lc_descriptor_flow_free(&flow);
            return -1;
        }
        lc_descriptor_flow_run(&flow);
        program->state_node[state] = lc_descriptor_flow_take(&flow);
        lc_descriptor_flow_free(&flow);
        if (!program->state_node[state])
            return -1;
    }
    return 0;
}
