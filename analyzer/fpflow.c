/* fpflow.c — function-pointer flow: which functions each field, variable
 * and parameter of function-pointer type may hold, the targets of indirect
 * calls, and the registrations (entry points, offloaded work) read from the
 * models.
 *
 * Flow-insensitive and field-based: every function stored into field F of a
 * struct type anywhere flows to every call through F.  A function passed as
 * argument i flows into parameter i of each callee (direct or resolved), so
 * wrappers around registration APIs are seen through.  A node that reaches
 * program->pointer_target_cap functions is cut, with every node it flows
 * into: calls through them are not followed (Smatch does the same), and a
 * note says so.  A call of a
 * `keyed-dispatch` function reaches, after the function itself, the keyed
 * callbacks keyed.c gives it. */
#include "fpflow_internal.h"
#include "grow.h"
#include "keyed.h"
#include "once_calls.h"

#include <stdlib.h>
#include <string.h>

static int flow_push(uint32_t **items, uint32_t *count, uint32_t *cap, uint32_t value)
{
    if (*count == *cap) {
        uint32_t new_cap = *cap ? *cap * 2 : 4;
        uint32_t *grown = realloc(*items, new_cap * sizeof *grown);
        if (!grown)
            return -1;
        *items = grown;
        *cap = new_cap;
    }
    (*items)[(*count)++] = value;
    return 0;
}

static int flow_enqueue(struct lc_program *program, uint32_t node)
{
    struct lc_flow_node *n = &program->flow_nodes[node];
    if (n->queued)
        return 0;
    n->queued = 1;
    struct lc_flow_index *index = program->flow_index;
    return flow_push(&index->queue, &index->queue_count, &index->queue_cap, node);
}

/* Cut `node` and every node its functions flow into: what the cut node
 * would have passed on is no longer known there either, so a call
 * through any of them is not followed (and noted) rather than followed
 * to the part of the set that got through before the cut.  0, or -1
 * when memory runs out. */
static int flow_cut(struct lc_program *program, uint32_t node)
{
    uint32_t *pending = NULL, count = 0, cap = 0;
    int rc = flow_push(&pending, &count, &cap, node);
    while (rc == 0 && count > 0) {
        struct lc_flow_node *n = &program->flow_nodes[pending[--count]];
        if (n->cut)
            continue;
        n->cut = 1;
        program->cut_pointer_count++;
        for (uint32_t i = 0; rc == 0 && i < n->successor_count; i++)
            rc = flow_push(&pending, &count, &cap, n->successors[i]);
    }
    free(pending);
    return rc;
}

/* Add one function to a node's set. */
static int flow_add_function(struct lc_program *program, uint32_t node, uint32_t function)
{
    struct lc_flow_node *n = &program->flow_nodes[node];
    if (n->cut)
        return 0;
    for (uint32_t i = 0; i < n->function_count; i++)
        if (n->functions[i] == function)
            return 0;
    if (n->function_count + 1 >= program->pointer_target_cap)
        return flow_cut(program, node);
    if (flow_push(&n->functions, &n->function_count, &n->function_cap, function) != 0)
        return -1;
    return flow_enqueue(program, node);
}

/* `from`'s functions flow into `to` from now on. */
static int flow_add_edge(struct lc_program *program, uint32_t from, uint32_t to)
{
    if (from == to)
        return 0;
    struct lc_flow_node *n = &program->flow_nodes[from];
    for (uint32_t i = 0; i < n->successor_count; i++)
        if (n->successors[i] == to)
            return 0;
    if (flow_push(&n->successors, &n->successor_count, &n->successor_cap, to) != 0)
        return -1;
    if (program->flow_nodes[from].cut)
        return flow_cut(program, to);
    for (uint32_t i = 0; i < program->flow_nodes[from].propagated; i++)
        if (flow_add_function(program, to, program->flow_nodes[from].functions[i]) != 0)
            return -1;
    return 0;
}

/* A value flows into `to`: a function directly, or a node's set. */
static int flow_value_into(struct lc_program *program, const struct lc_program_value *value, uint32_t to)
{
    if (value->kind == LC_VALUE_FUNCTION)
        return flow_add_function(program, to, value->function);
    if (value->flow_node != LC_NONE)
        return flow_add_edge(program, value->flow_node, to);
    return 0;
}

/* Function `callee` is called at `call`: its pointer arguments flow into the
 * callee's parameters. */
static int flow_bind_arguments(struct lc_program *program, uint32_t call, uint32_t callee)
{
    const struct lc_program_call *c = &program->calls[call];
    for (uint32_t a = 0; a < c->arg_count; a++) {
        const struct lc_program_value *arg = &program->args[c->first_arg + a];
        if (arg->kind != LC_VALUE_FUNCTION && arg->flow_node == LC_NONE)
            continue;
        uint32_t param = lc_fpflow_node(program, LC_VALUE_PARAM, callee, (int)a, NULL,
                                        program->functions[callee].name);
        if (param == LC_NONE || flow_value_into(program, arg, param) != 0)
            return -1;
    }
    return 0;
}

/* Push a node's new functions to its successors and to the calls through
 * it. */
static int flow_propagate(struct lc_program *program, uint32_t node)
{
    program->flow_nodes[node].queued = 0;
    while (program->flow_nodes[node].propagated < program->flow_nodes[node].function_count) {
        struct lc_flow_node *n = &program->flow_nodes[node];
        uint32_t function = n->functions[n->propagated++];
        for (uint32_t s = 0; s < program->flow_nodes[node].successor_count; s++)
            if (flow_add_function(program, program->flow_nodes[node].successors[s], function) != 0)
                return -1;
        for (uint32_t c = 0; c < program->flow_nodes[node].call_count; c++)
            if (flow_bind_arguments(program, program->flow_nodes[node].calls[c], function) != 0)
                return -1;
    }
    return 0;
}

static int flow_seed(struct lc_program *program)
{
    for (uint32_t s = 0; s < program->store_count; s++)
        if (flow_value_into(program, &program->stores[s].value, program->stores[s].target_node) != 0)
            return -1;
    for (uint32_t c = 0; c < program->call_count; c++) {
        const struct lc_program_callee *callee = &program->calls[c].callee;
        if (callee->kind == LC_VALUE_FUNCTION) {
            if (flow_bind_arguments(program, c, callee->function) != 0)
                return -1;
        } else if (callee->flow_node != LC_NONE) {
            struct lc_flow_node *n = &program->flow_nodes[callee->flow_node];
            if (flow_push(&n->calls, &n->call_count, &n->call_cap, c) != 0)
                return -1;
        }
    }
    return 0;
}

static int flow_run(struct lc_program *program)
{
    struct lc_flow_index *index = program->flow_index;
    while (index && index->queue_count > 0) {
        uint32_t node = index->queue[--index->queue_count];
        if (flow_propagate(program, node) != 0)
            return -1;
    }
    return 0;
}

/* Calls are grouped by caller, so each function's targets are one range. */
static void flow_target_starts(struct lc_program *program)
{
    for (uint32_t f = 0, position = 0; f <= program->function_count; f++) {
        program->target_start[f] = position;
        const struct lc_program_function *fn = f < program->function_count ? &program->functions[f] : NULL;
        if (fn && fn->call_count) {
            const struct lc_program_call *last = &program->calls[fn->first_call + fn->call_count - 1];
            position = last->first_target + last->target_count;
        }
    }
}

/* A call in the child of a fork (forks.c), or one that never returns (a
 * panic followed by __builtin_unreachable(): a crash path), reaches
 * nothing: its targets are taken out and the others close up, keeping
 * their order. */
static void flow_drop_child_targets(struct lc_program *program)
{
    uint32_t position = 0;
    for (uint32_t c = 0; c < program->call_count; c++) {
        struct lc_program_call *call = &program->calls[c];
        if (call->in_child || call->never_returns)
            call->target_count = 0;
        memmove(&program->targets[position], &program->targets[call->first_target],
                call->target_count * sizeof *program->targets);
        call->first_target = position;
        position += call->target_count;
    }
    program->target_count = position;
    flow_target_starts(program);
}

/* Fill every call's target list: its callee (a function, or what a flow
 * node holds), then the keyed callbacks of a dispatch call, then the
 * function a `runs-once` call runs (once_calls.h). */
static int flow_fill_targets(struct lc_program *program, const struct lc_keyed_targets *keyed)
{
    uint32_t total = 0;
    for (uint32_t c = 0; c < program->call_count; c++) {
        const struct lc_program_callee *callee = &program->calls[c].callee;
        uint32_t count = 0;
        if (callee->kind == LC_VALUE_FUNCTION)
            count = 1;
        else if (callee->flow_node != LC_NONE)
            lc_fpflow_functions(program, callee->flow_node, &count);
        count += lc_keyed_target_count(keyed, c);
        count += lc_once_call_function(program, &program->calls[c]) != LC_NONE;
        program->calls[c].first_target = total;
        program->calls[c].target_count = count;
        total += count;
    }
    program->targets = malloc(((size_t)total + 1) * sizeof *program->targets);
    program->target_start = malloc(((size_t)program->function_count + 1) * sizeof *program->target_start);
    if (!program->targets || !program->target_start)
        return -1;
    program->target_count = total;
    flow_target_starts(program);
    for (uint32_t c = 0; c < program->call_count; c++) {
        struct lc_program_call *call = &program->calls[c];
        uint32_t keyed_count = lc_keyed_target_count(keyed, c);
        uint32_t once = lc_once_call_function(program, call);
        uint32_t *to = &program->targets[call->first_target];
        if (call->callee.kind == LC_VALUE_FUNCTION) {
            *to = call->callee.function;
        } else if (call->target_count > keyed_count) {
            uint32_t count;
            const uint32_t *functions = lc_fpflow_functions(program, call->callee.flow_node, &count);
            if (count > 0)
                memcpy(to, functions, count * sizeof *functions);
        }
        if (keyed_count > 0)   /* keyed->functions is NULL in a program with none */
            memcpy(to + call->target_count - keyed_count - (once != LC_NONE), &keyed->functions[keyed->start[c]],
                   keyed_count * sizeof *keyed->functions);
        if (once != LC_NONE)   /* pthread_once(&once, init) runs init here */
            to[call->target_count - 1] = once;
    }
    return 0;
}

/* program->model_calls, once every call has its targets, in one pass over
 * the calls.  Whether a model or an annotation describes a function is
 * first copied to one byte per function: the pass over every target then
 * reads that small array rather than the functions themselves. */
static int flow_model_calls(struct lc_program *program)
{
    uint8_t *described = malloc((size_t)program->function_count + 1);
    size_t cap = 0;
    int rc = described ? 0 : -1;
    for (uint32_t f = 0; rc == 0 && f < program->function_count; f++)
        described[f] = program->functions[f].model
                       || (program->functions[f].annotations & ~(LC_ANNOT_NORETURN | LC_ANNOT_CHEAP));
    for (uint32_t c = 0; rc == 0 && c < program->call_count; c++) {
        const struct lc_program_call *call = &program->calls[c];
        int is_described = 0;
        for (uint32_t t = 0; t < call->target_count && !is_described; t++)
            is_described = described[program->targets[call->first_target + t]];
        if (is_described
            && (rc = lc_grow((void **)&program->model_calls, &cap, program->model_call_count,
                             sizeof *program->model_calls, 1024)) == 0)
            program->model_calls[program->model_call_count++] = c;
    }
    free(described);
    return rc;
}

static void flow_report_cuts(const struct lc_program *program, FILE *err)
{
    for (uint32_t n = 0; n < program->flow_node_count; n++) {
        const struct lc_flow_node *node = &program->flow_nodes[n];
        if (!node->cut || !node->call_count)
            continue;
        fprintf(err, "loopcheck: note: %s%s%s has %u or more possible targets; calls through it are not followed\n",
                node->record ? node->record : "", node->record ? "." : "", node->name ? node->name : "?",
                program->pointer_target_cap);
    }
}

int lc_fpflow_resolve(struct lc_program *program, FILE *err)
{
    struct lc_keyed_targets keyed;
    if (flow_seed(program) != 0 || flow_run(program) != 0)
        return -1;
    int rc = lc_keyed_resolve(program, &keyed) == 0 && flow_fill_targets(program, &keyed) == 0 ? 0 : -1;
    lc_keyed_targets_free(&keyed);
    if (rc != 0 || flow_model_calls(program) != 0 || lc_forks_resolve(program) != 0)
        return -1;
    flow_drop_child_targets(program);
    if (lc_registrations_collect(program) != 0 || lc_nonblocking_resolve(program) != 0
        || lc_streams_resolve(program) != 0)
        return -1;
    flow_report_cuts(program, err);
    return 0;
}
