/* descriptor_flow.c — a property that holds of a flow node when a seed
 * gives it or every source of the node has it (descriptor_flow.h). */
#include "descriptor_flow.h"

#include "grow.h"

#include <stdlib.h>
#include <string.h>

static int flow_add_edge(struct lc_descriptor_flow *flow, uint32_t from, uint32_t to)
{
    if (lc_grow((void **)&flow->edges, &flow->edge_cap, flow->edge_count, sizeof *flow->edges, 64) != 0)
        return -1;
    flow->edges[flow->edge_count++] = (struct lc_descriptor_edge){ from, to };
    return 0;
}

/* A source of `to` that never holds: an edge from LC_NONE. */
static int flow_add_unknown(struct lc_descriptor_flow *flow, uint32_t to)
{
    return flow_add_edge(flow, LC_NONE, to);
}

enum lc_descriptor_source lc_descriptor_flow_returned(struct lc_program *program, uint32_t call, uint32_t *from)
{
    const struct lc_program_call *c = &program->calls[call];
    if (c->target_count != 1 || !lc_program_function_is_followed(program, program->targets[c->first_target]))
        return LC_DESCRIPTOR_UNKNOWN;
    uint32_t callee = program->targets[c->first_target];
    *from = lc_fpflow_node(program, LC_VALUE_CALL, callee, 0, NULL, program->functions[callee].name);
    return *from == LC_NONE ? LC_DESCRIPTOR_UNKNOWN : LC_DESCRIPTOR_FOLLOWS;
}

/* Stored values that are not fpflow edges: call results, the places an
 * object store copies a pointer from (`term->out = out`: fpflow follows
 * function pointers and integers, not pointers to structs), and the rest. */
static int flow_collect_stores(struct lc_descriptor_flow *flow, lc_descriptor_classify classify, void *data)
{
    struct lc_program *program = flow->program;
    for (uint32_t s = 0; s < program->store_count + program->object_store_count; s++) {
        const struct lc_program_store *store = lc_program_value_or_object_store(program, s);
        int object = s >= program->store_count;
        uint32_t from = LC_NONE, to = store->target_node;
        enum lc_descriptor_source source = LC_DESCRIPTOR_UNKNOWN;
        switch (store->value.kind) {
        case LC_VALUE_CALL:
            if (store->value.call != LC_NONE)
                source = classify(program, store->value.call, data, &from);
            break;
        case LC_VALUE_FIELD:
        case LC_VALUE_VAR:
        case LC_VALUE_PARAM:
            if (!object)
                continue;   /* an fpflow edge */
            from = store->value.flow_node;
            source = from != LC_NONE ? LC_DESCRIPTOR_FOLLOWS : LC_DESCRIPTOR_UNKNOWN;
            break;
        case LC_VALUE_OTHER:
            break;
        default:
            continue;   /* functions, constants */
        }
        if (source == LC_DESCRIPTOR_FOLLOWS && from == to)
            continue;   /* `return f(...)` in f, `x = x`, add nothing */
        int rc = source == LC_DESCRIPTOR_HOLDS     ? flow_add_edge(flow, to, to)
                 : source == LC_DESCRIPTOR_FOLLOWS ? flow_add_edge(flow, from, to)
                                                   : flow_add_unknown(flow, to);
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* An int made from a place without being it (an element, a negation:
 * facts.h LC_STORE_DERIVED) holds when the place does. */
static int flow_collect_derived(struct lc_descriptor_flow *flow)
{
    const struct lc_program *program = flow->program;
    for (uint32_t s = 0; s < program->derived_store_count; s++) {
        const struct lc_program_store *store = &program->derived_stores[s];
        uint32_t from = store->value.flow_node, to = store->target_node;
        if (from == to)
            continue;   /* `fd = -fd` */
        if ((from != LC_NONE ? flow_add_edge(flow, from, to) : flow_add_unknown(flow, to)) != 0)
            return -1;
    }
    return 0;
}

/* The functions a call or a function value reaches: the function named,
 * or what the pointer holds (fpflow). */
static const uint32_t *flow_functions_of(const struct lc_program *program, enum lc_value_kind kind,
                                         const uint32_t *function, uint32_t flow_node, uint32_t *count)
{
    *count = 0;
    if (kind == LC_VALUE_FUNCTION) {
        *count = 1;
        return function;
    }
    return flow_node != LC_NONE ? lc_fpflow_functions(program, flow_node, count) : NULL;
}

/* The out-parameters: pointer parameters an `int` is stored through (`*pair
 * = fd`: a store whose target is the parameter's node, LC_VALUE_POINTEE),
 * marked per flow node; NULL when there is none (or no memory: *failed). */
static uint8_t *flow_out_parameters(const struct lc_program *program, int *failed)
{
    uint8_t *out = NULL;
    for (uint32_t s = 0; s < program->store_count + program->derived_store_count; s++) {
        uint32_t target = s < program->store_count ? program->stores[s].target_node
                                                   : program->derived_stores[s - program->store_count].target_node;
        if (target == LC_NONE || lc_fpflow_node_names(program, target).kind != LC_VALUE_PARAM)
            continue;
        if (!out && !(out = calloc((size_t)program->flow_node_count + 1, 1))) {
            *failed = 1;
            return NULL;
        }
        out[target] = 1;
    }
    return out;
}

/* An argument fpflow does not follow (an expression, a call's result:
 * `emit(fopen(...))`) is a source of the parameter that never holds.  And
 * the place whose address a call passes to an out-parameter (`&field`) has
 * the parameter for a source: it holds what the function stored through
 * it (mosquitto's net__socketpair(&mosq->sockpairR, &mosq->sockpairW)). */
static int flow_collect_call_arguments(struct lc_descriptor_flow *flow, uint32_t call, uint32_t callee,
                                       const uint8_t *out)
{
    struct lc_program *program = flow->program;
    const struct lc_program_call *c = &program->calls[call];
    for (uint32_t a = 0; a < c->arg_count; a++) {
        const struct lc_program_value *arg = &program->args[c->first_arg + a];
        int unknown = arg->kind == LC_VALUE_OTHER;
        int address = out && arg->flow_node != LC_NONE && arg->text && arg->text[0] == '&';
        uint32_t parameter = unknown || address ? lc_fpflow_find_node(program, LC_VALUE_PARAM, callee, (int)a)
                                                : LC_NONE;
        if (parameter == LC_NONE)
            continue;
        if (unknown ? flow_add_unknown(flow, parameter) != 0
                    : out[parameter] && flow_add_edge(flow, parameter, arg->flow_node) != 0)
            return -1;
    }
    return 0;
}

/* The functions each call reaches as fpflow binds its arguments: the
 * callee, or what the pointer it calls through holds. */
static int flow_collect_arguments(struct lc_descriptor_flow *flow)
{
    struct lc_program *program = flow->program;
    int failed = 0;
    uint8_t *out = flow_out_parameters(program, &failed);
    for (uint32_t call = 0; !failed && call < program->call_count; call++) {
        const struct lc_program_callee *callee = &program->calls[call].callee;
        uint32_t count;
        const uint32_t *functions = flow_functions_of(program, callee->kind, &callee->function, callee->flow_node,
                                                      &count);
        for (uint32_t i = 0; !failed && i < count; i++)
            failed = flow_collect_call_arguments(flow, call, functions[i], out) != 0;
    }
    free(out);
    return failed ? -1 : 0;
}

/* `event_set(ev, fd, events, cb, arg)`: fd flows into cb's argument 1. */
static int flow_collect_callback(struct lc_descriptor_flow *flow, uint32_t call, const struct lc_callback_model *model)
{
    struct lc_program *program = flow->program;
    const struct lc_program_call *c = &program->calls[call];
    if ((uint32_t)model->position > c->arg_count || (uint32_t)model->descriptor_position > c->arg_count)
        return 0;
    const struct lc_program_value *callback = &program->args[c->first_arg + (uint32_t)model->position - 1];
    const struct lc_program_value *descriptor = &program->args[c->first_arg + (uint32_t)model->descriptor_position - 1];
    if (descriptor->kind == LC_VALUE_INT || descriptor->kind == LC_VALUE_NULL)
        return 0;   /* no descriptor (a timer's -1) */
    uint32_t count;
    const uint32_t *functions = flow_functions_of(program, callback->kind, &callback->function, callback->flow_node,
                                                  &count);
    for (uint32_t i = 0; i < count; i++) {
        uint32_t function = functions[i];
        uint32_t parameter = lc_fpflow_node(program, LC_VALUE_PARAM, function, model->descriptor_parameter - 1,
                                            NULL, program->functions[function].name);
        if (parameter == LC_NONE
            || (descriptor->flow_node != LC_NONE ? flow_add_edge(flow, descriptor->flow_node, parameter)
                                                 : flow_add_unknown(flow, parameter)) != 0)
            return -1;
    }
    return 0;
}

static int flow_collect_callbacks(struct lc_descriptor_flow *flow)
{
    struct lc_program *program = flow->program;
    for (uint32_t i = 0; i < program->model_call_count; i++) {
        uint32_t call = program->model_calls[i];
        const struct lc_program_call *c = &program->calls[call];
        for (uint32_t t = 0; t < c->target_count; t++) {
            const struct lc_function_model *model = program->functions[program->targets[c->first_target + t]].model;
            for (size_t m = 0; model && m < model->callback_count; m++)
                if (model->callbacks[m].descriptor_position
                    && flow_collect_callback(flow, call, &model->callbacks[m]) != 0)
                    return -1;
        }
    }
    return 0;
}

static int flow_compare_edges(const void *a, const void *b)
{
    uint32_t x = ((const struct lc_descriptor_edge *)a)->from, y = ((const struct lc_descriptor_edge *)b)->from;
    return x < y ? -1 : x > y;
}

/* Index the edges by their origin; taint the nodes with a source that
 * never holds or with no source at all (written where loopcheck does not
 * see: through a pointer, by a caller it does not know). */
static int flow_index(struct lc_descriptor_flow *flow)
{
    uint32_t n = flow->node_count = flow->program->flow_node_count;
    flow->edge_start = calloc((size_t)n + 2, sizeof *flow->edge_start);
    flow->seeded = calloc((size_t)n + 1, 1);
    flow->tainted = calloc((size_t)n + 1, 1);
    flow->holds = calloc((size_t)n + 1, 1);
    flow->received = calloc((size_t)n + 1, 1);
    flow->queue = malloc(((size_t)n + 1) * sizeof *flow->queue);
    if (!flow->edge_start || !flow->seeded || !flow->tainted || !flow->holds || !flow->received || !flow->queue)
        return -1;
    if (flow->edge_count)
        qsort(flow->edges, flow->edge_count, sizeof *flow->edges, flow_compare_edges);
    uint8_t *sourced = calloc((size_t)n + 1, 1);
    if (!sourced)
        return -1;
    for (uint32_t e = 0; e < flow->edge_count; e++) {
        const struct lc_descriptor_edge *edge = &flow->edges[e];
        sourced[edge->to] = 1;
        if (edge->from != LC_NONE)
            flow->edge_start[edge->from + 1]++;
        else
            flow->tainted[edge->to] = 1;
    }
    for (uint32_t node = 0; node < n; node++) {
        flow->edge_start[node + 1] += flow->edge_start[node];
        const uint32_t *next;
        uint32_t count = lc_fpflow_successors(flow->program, node, &next);
        for (uint32_t i = 0; i < count; i++)
            sourced[next[i]] = 1;
    }
    for (uint32_t node = 0; node < n; node++)
        flow->tainted[node] |= (uint8_t)!sourced[node];
    free(sourced);
    return 0;
}

int lc_descriptor_flow_build(struct lc_descriptor_flow *flow, struct lc_program *program,
                             lc_descriptor_classify classify, void *data)
{
    memset(flow, 0, sizeof *flow);
    flow->program = program;
    if (flow_collect_stores(flow, classify, data) != 0 || flow_collect_derived(flow) != 0
        || flow_collect_arguments(flow) != 0
        || flow_collect_callbacks(flow) != 0 || flow_index(flow) != 0)
        return -1;
    /* A store that holds is an edge from its target to itself: a seed when
     * the target is a variable or field (it receives the descriptor or
     * stream), one source that holds when it is a function's value (which
     * holds when every `return` gives one). */
    for (uint32_t e = 0; e < flow->edge_count; e++) {
        uint32_t to = flow->edges[e].to;
        if (flow->edges[e].from != to)
            continue;
        if (lc_fpflow_node_names(program, to).kind == LC_VALUE_CALL)
            flow->received[to] = 1;
        else
            lc_descriptor_flow_seed(flow, to);
    }
    return 0;
}

void lc_descriptor_flow_seed(struct lc_descriptor_flow *flow, uint32_t node)
{
    if (node != LC_NONE && node < flow->node_count)
        flow->seeded[node] = 1;
}

/* Every node reachable from the nodes marked in `marks` (the queue holds
 * them), not passing through seeds when `stop_at_seeds`. */
static void flow_spread(struct lc_descriptor_flow *flow, uint8_t *marks, int stop_at_seeds)
{
    uint32_t tail = 0;
    for (uint32_t node = 0; node < flow->node_count; node++)
        if (marks[node])
            flow->queue[tail++] = node;
    for (uint32_t head = 0; head < tail; head++) {
        uint32_t node = flow->queue[head];
        const uint32_t *next;
        uint32_t count = lc_fpflow_successors(flow->program, node, &next);
        for (uint32_t i = 0, e = flow->edge_start[node]; i < count || e < flow->edge_start[node + 1]; ) {
            uint32_t to = i < count ? next[i++] : flow->edges[e++].to;
            if (!marks[to] && !(stop_at_seeds && flow->seeded[to])) {
                marks[to] = 1;
                flow->queue[tail++] = to;
            }
        }
    }
}

/* A node holds when it is a seed, or when a seed or a store that holds
 * reaches it and no source that never holds does (cycles of fields and
 * parameters hold when what enters them does). */
void lc_descriptor_flow_run(struct lc_descriptor_flow *flow)
{
    for (uint32_t node = 0; node < flow->node_count; node++) {
        flow->tainted[node] &= (uint8_t)!flow->seeded[node];
        flow->holds[node] = flow->seeded[node] | flow->received[node];
    }
    flow_spread(flow, flow->tainted, 1);
    flow_spread(flow, flow->holds, 0);
    for (uint32_t node = 0; node < flow->node_count; node++)
        flow->holds[node] &= (uint8_t)(flow->seeded[node] || !flow->tainted[node]);
}

void lc_descriptor_flow_seed_named(struct lc_descriptor_flow *flow,
                                   int (*named)(const struct lc_program *program, uint32_t node))
{
    for (uint32_t node = 0; node < flow->node_count; node++)
        if (named(flow->program, node))
            lc_descriptor_flow_seed(flow, node);
}

uint8_t *lc_descriptor_flow_take(struct lc_descriptor_flow *flow)
{
    uint8_t *holds = flow->holds;
    flow->holds = NULL;
    return holds;
}

void lc_descriptor_flow_free(struct lc_descriptor_flow *flow)
{
    free(flow->edges);
    free(flow->edge_start);
    free(flow->seeded);
    free(flow->tainted);
    free(flow->holds);
    free(flow->received);
    free(flow->queue);
    memset(flow, 0, sizeof *flow);
}
