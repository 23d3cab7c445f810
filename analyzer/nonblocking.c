/* nonblocking.c — descriptors known to be non-blocking.  A variable or
 * field that receives the result of a `nonblocking-descriptor NAME result`
 * call (socket(..., SOCK_NONBLOCK), accept4(..., SOCK_NONBLOCK)), or that is
 * passed where a `nonblocking-descriptor NAME argN` call makes it
 * non-blocking (fcntl(fd, F_SETFL, flags | O_NONBLOCK)), holds one; so does
 * a parameter whose every caller passes one.  Flow-insensitive: the
 * variable or field is taken to be non-blocking wherever it is used. */
#include "blocking.h"
#include "program.h"

#include <stdlib.h>

static int nonblocking_mark(struct lc_program *program, uint32_t node, uint32_t *queue, uint32_t *tail)
{
    if (node == LC_NONE || program->nonblocking_node[node])
        return 0;
    program->nonblocking_node[node] = 1;
    queue[(*tail)++] = node;
    return 1;
}

/* A descriptor model whose conditions hold at this call, or NULL. */
static const struct lc_descriptor_model *nonblocking_model_at(const struct lc_program *program, uint32_t call)
{
    const struct lc_program_call *c = &program->calls[call];
    for (uint32_t t = 0; t < c->target_count; t++) {
        const struct lc_program_function *fn = &program->functions[program->targets[c->first_target + t]];
        const struct lc_descriptor_model *d = fn->model ? fn->model->descriptor : NULL;
        if (d && lc_conditions_hold(program, call, d->if_conditions, d->if_count))
            return d;
    }
    return NULL;
}

int lc_nonblocking_resolve(struct lc_program *program)
{
    uint32_t n = program->flow_node_count;
    program->nonblocking_node = calloc((size_t)n + 1, 1);
    uint32_t *queue = malloc(((size_t)n + 1) * sizeof *queue);
    uint32_t *sources = calloc((size_t)n + 1, sizeof *sources);      /* predecessors */
    uint32_t *good_sources = calloc((size_t)n + 1, sizeof *good_sources);
    if (!program->nonblocking_node || !queue || !sources || !good_sources) {
        free(queue);
        free(sources);
        free(good_sources);
        return -1;
    }
    uint32_t tail = 0;
    for (uint32_t s = 0; s < program->store_count; s++) {
        const struct lc_program_store *store = &program->stores[s];
        const struct lc_descriptor_model *d = store->value.kind == LC_VALUE_CALL && store->value.call != LC_NONE
                                                  ? nonblocking_model_at(program, store->value.call) : NULL;
        if (d && d->position == 0)
            nonblocking_mark(program, store->target_node, queue, &tail);
    }
    for (uint32_t c = 0; c < program->call_count; c++) {
        const struct lc_descriptor_model *d = nonblocking_model_at(program, c);
        if (d && d->position > 0 && (uint32_t)d->position <= program->calls[c].arg_count)
            nonblocking_mark(program, program->args[program->calls[c].first_arg + (uint32_t)d->position - 1].flow_node,
                             queue, &tail);
    }
    for (uint32_t node = 0; node < n; node++) {
        const uint32_t *next;
        uint32_t count = lc_fpflow_successors(program, node, &next);
        for (uint32_t i = 0; i < count; i++)
            sources[next[i]]++;
    }
    /* A parameter becomes non-blocking once all its sources are. */
    for (uint32_t head = 0; head < tail; head++) {
        const uint32_t *next;
        uint32_t count = lc_fpflow_successors(program, queue[head], &next);
        for (uint32_t i = 0; i < count; i++)
            if (++good_sources[next[i]] == sources[next[i]]
                && lc_fpflow_node_names(program, next[i]).kind == LC_VALUE_PARAM)
                nonblocking_mark(program, next[i], queue, &tail);
    }
    free(queue);
    free(sources);
    free(good_sources);
    return 0;
}
