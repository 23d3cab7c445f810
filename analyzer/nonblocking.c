/* nonblocking.c — descriptors known to be non-blocking.  A variable or
 * field that receives the result of a `nonblocking-descriptor NAME result`
 * call (socket(..., SOCK_NONBLOCK), accept4(..., SOCK_NONBLOCK)), or that is
 * passed where a `nonblocking-descriptor NAME argN` call makes it
 * non-blocking (fcntl(fd, F_SETFL, flags | O_NONBLOCK)), holds one.  So does
 * a node such descriptors reach and every source of which holds one
 * (descriptor_flow.c builds the sources): a parameter every caller passes one to, an int field or
 * variable every store into which is one, the value a function returns
 * when every `return` gives one (memcached's new_socket()), and the
 * descriptor argument of a callback registered with a call whose
 * `callback ... descriptor argM argK` clause passes it one.  Made
 * non-blocking under one name, a descriptor is so under the names that held
 * it before (a `nonblocking-descriptor NAME argN` call on a parameter makes
 * the callers' argument non-blocking).
 * Flow-insensitive: the variable or field is taken to be non-blocking
 * wherever it is used. */
#include "blocking.h"
#include "descriptor_flow.h"
#include "program.h"

#include <stdlib.h>
#include <string.h>

/* A result-descriptor model of the callee of `call`, or NULL. */
static const struct lc_descriptor_model *nonblocking_result_model(const struct lc_program *program, uint32_t call)
{
    const struct lc_program_call *c = &program->calls[call];
    for (uint32_t t = 0; t < c->target_count; t++) {
        const struct lc_program_function *fn = &program->functions[program->targets[c->first_target + t]];
        const struct lc_descriptor_model *d = fn->model ? fn->model->descriptor : NULL;
        if (d && d->position == 0)
            return d;
    }
    return NULL;
}

/* A stored call's result: a model decides it (its `argN=nonblocking`
 * conditions make it follow that argument), else what the callee
 * returns. */
static enum lc_descriptor_source nonblocking_classify_call(struct lc_program *program, uint32_t call,
                                                           void *data, uint32_t *from)
{
    (void)data;
    const struct lc_descriptor_model *d = nonblocking_result_model(program, call);
    if (!d)
        return lc_descriptor_flow_returned(program, call, from);
    const struct lc_program_call *c = &program->calls[call];
    *from = LC_NONE;
    for (size_t i = 0; i < d->if_count; i++) {
        const struct lc_arg_condition *condition = &d->if_conditions[i];
        if (condition->test == LC_ARG_IS_NONBLOCKING && condition->position >= 1
            && (uint32_t)condition->position <= c->arg_count && *from == LC_NONE)
            *from = program->args[c->first_arg + (uint32_t)condition->position - 1].flow_node;
        else if (!lc_conditions_hold(program, call, condition, 1))
            return LC_DESCRIPTOR_UNKNOWN;
    }
    return *from != LC_NONE ? LC_DESCRIPTOR_FOLLOWS : LC_DESCRIPTOR_HOLDS;
}

/* Does a condition of `d` ask whether an argument is non-blocking
 * (`SSL_set_fd arg1 if arg2=nonblocking`)? */
static int nonblocking_model_follows(const struct lc_descriptor_model *d)
{
    for (size_t i = 0; i < d->if_count; i++)
        if (d->if_conditions[i].test == LC_ARG_IS_NONBLOCKING)
            return 1;
    return 0;
}

/* Arguments a `nonblocking-descriptor NAME argN` call makes non-blocking;
 * the number of nodes newly seeded, and in *follows whether a model's
 * condition asks of another argument (known once the flow has run). */
static uint32_t nonblocking_seed_arguments(struct lc_program *program, struct lc_descriptor_flow *flow,
                                           int *follows)
{
    uint32_t seeded = 0;
    for (uint32_t i = 0; i < program->model_call_count; i++) {
        uint32_t call = program->model_calls[i];
        const struct lc_program_call *c = &program->calls[call];
        for (uint32_t t = 0; t < c->target_count; t++) {
            const struct lc_program_function *fn = &program->functions[program->targets[c->first_target + t]];
            const struct lc_descriptor_model *d = fn->model ? fn->model->descriptor : NULL;
            if (!d || d->position <= 0 || (uint32_t)d->position > c->arg_count)
                continue;
            *follows |= nonblocking_model_follows(d);
            if (!lc_conditions_hold(program, call, d->if_conditions, d->if_count))
                continue;
            uint32_t node = program->args[c->first_arg + (uint32_t)d->position - 1].flow_node;
            seeded += node != LC_NONE && !flow->seeded[node];
            lc_descriptor_flow_seed(flow, node);
            break;
        }
    }
    return seeded;
}

/* A descriptor made non-blocking through one name is non-blocking under
 * every name that held it before: the variables and parameters stored into
 * that field or variable, the arguments passed to that parameter (tmux's
 * setblocking(fd, 0): `mode |= O_NONBLOCK; fcntl(fd, F_SETFL, mode)`;
 * hiredis's `c->fd = s; redisSetBlocking(c, 0)`).  The seeds walk back
 * along the flow's edges.  0, or -1 when memory runs out. */
static int nonblocking_seed_aliases(struct lc_program *program, struct lc_descriptor_flow *flow)
{
    uint32_t n = flow->node_count;
    uint32_t *start = calloc((size_t)n + 2, sizeof *start), *sources = NULL, *queue = NULL;
    for (uint32_t node = 0; start && node < n; node++) {
        const uint32_t *next;
        uint32_t count = lc_fpflow_successors(program, node, &next);
        for (uint32_t i = 0; i < count; i++)
            start[next[i] + 2]++;
    }
    for (uint32_t node = 0; start && node < n; node++)
        start[node + 2] += start[node + 1];
    if (start && (sources = malloc(((size_t)start[n + 1] + 1) * sizeof *sources))
        && (queue = malloc(((size_t)n + 1) * sizeof *queue))) {
        for (uint32_t node = 0; node < n; node++) {
            const uint32_t *next;
            uint32_t count = lc_fpflow_successors(program, node, &next);
            for (uint32_t i = 0; i < count; i++)
                sources[start[next[i] + 1]++] = node;
        }
        uint32_t tail = 0;
        for (uint32_t node = 0; node < n; node++)
            if (flow->seeded[node])
                queue[tail++] = node;
        for (uint32_t head = 0; head < tail; head++)
            for (uint32_t i = start[queue[head]]; i < start[queue[head] + 1]; i++)
                if (!flow->seeded[sources[i]]) {
                    lc_descriptor_flow_seed(flow, sources[i]);
                    queue[tail++] = sources[i];
                }
    }
    int rc = start && sources && queue ? 0 : -1;
    free(start);
    free(sources);
    free(queue);
    return rc;
}

/* Is flow node `node` a field or global variable a `nonblocking-place`
 * statement names?  It holds non-blocking descriptors whatever is stored
 * into it. */
static int nonblocking_is_place(const struct lc_program *program, uint32_t node)
{
    if (!program->models)
        return 0;
    struct lc_flow_node_names names = lc_fpflow_node_names(program, node);
    return (names.kind == LC_VALUE_FIELD && lc_models_is_nonblocking_place(program->models, names.record, names.name))
           || (names.kind == LC_VALUE_VAR && lc_models_is_nonblocking_place(program->models, NULL, names.name));
}

/* Run the flow; while a model that asks whether another argument is
 * non-blocking (`SSL_set_fd arg1 if arg2=nonblocking`) seeds more once the
 * flow knows, run it again from the first taint: the seeds only grow, so
 * this ends (at most once per such call).  0, or -1 when memory runs out. */
static int nonblocking_run(struct lc_program *program, struct lc_descriptor_flow *flow, int follows)
{
    uint8_t *taint = follows ? malloc((size_t)flow->node_count + 1) : NULL;
    if (follows && !taint)
        return -1;
    if (taint)
        memcpy(taint, flow->tainted, flow->node_count);
    int rc = 0;
    for (;;) {
        lc_descriptor_flow_run(flow);
        if (!follows)
            break;
        program->nonblocking_node = flow->holds;   /* what argN=nonblocking reads */
        int again = 0;
        uint32_t added = nonblocking_seed_arguments(program, flow, &again);
        program->nonblocking_node = NULL;
        if (added == 0)
            break;
        if ((rc = nonblocking_seed_aliases(program, flow)) != 0)
            break;
        memcpy(flow->tainted, taint, flow->node_count);
    }
    free(taint);
    return rc;
}

int lc_nonblocking_resolve(struct lc_program *program)
{
    struct lc_descriptor_flow flow;
    if (lc_descriptor_flow_build(&flow, program, nonblocking_classify_call, NULL) != 0) {
        lc_descriptor_flow_free(&flow);
        return -1;
    }
    int follows = 0;
    nonblocking_seed_arguments(program, &flow, &follows);
    lc_descriptor_flow_seed_named(&flow, nonblocking_is_place);
    int rc = nonblocking_seed_aliases(program, &flow);
    if (rc == 0)
        rc = nonblocking_run(program, &flow, follows);
    program->nonblocking_node = lc_descriptor_flow_take(&flow);
    lc_descriptor_flow_free(&flow);
    return rc;
}
