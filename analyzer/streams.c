/* streams.c — streams known to be open for reading only: a variable or
 * field that receives the result of a `readonly-stream NAME result` call
 * (fopen(path, "r")) holds one, and so does a node such streams reach when
 * everything stored into it is one (descriptor_flow.c), the value of a
 * function that returns one included.  `fclose` of such a stream writes
 * nothing back (posix.rules: `unless arg1=readonly`). */
#include "blocking.h"
#include "descriptor_flow.h"
#include "program.h"

/* The read-only-stream model of the callee of `call`, or NULL. */
static const struct lc_descriptor_model *streams_model(const struct lc_program *program, uint32_t call)
{
    const struct lc_program_call *c = &program->calls[call];
    for (uint32_t t = 0; t < c->target_count; t++) {
        const struct lc_function_model *model = program->functions[program->targets[c->first_target + t]].model;
        if (model && model->readonly_stream)
            return model->readonly_stream;
    }
    return NULL;
}

static enum lc_descriptor_source streams_classify_call(struct lc_program *program, uint32_t call, void *data,
                                                       uint32_t *from)
{
    (void)data;
    const struct lc_descriptor_model *model = streams_model(program, call);
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
    struct lc_descriptor_flow flow;
    if (lc_descriptor_flow_build(&flow, program, streams_classify_call, NULL) != 0) {
        lc_descriptor_flow_free(&flow);
        return -1;
    }
    lc_descriptor_flow_run(&flow);
    program->readonly_node = lc_descriptor_flow_take(&flow);
    lc_descriptor_flow_free(&flow);
    return program->readonly_node ? 0 : -1;
}
