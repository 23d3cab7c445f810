/* fpflow_nodes.c — the function-pointer flow's nodes (fpflow.c): one per
 * field, variable, parameter and function result, found by key in an
 * open-addressing index, and what a node holds (its functions, whether it
 * was cut, the calls through it, where its functions flow). */
#include "fpflow_internal.h"
#include "grow.h"

#include <stdlib.h>
#include <string.h>

static uint64_t flow_key(enum lc_value_kind kind, int64_t id, int param_index)
{
    return ((uint64_t)id << 20) ^ ((uint64_t)(unsigned)param_index << 4) ^ (uint64_t)kind ^ (1ull << 63);
}

static size_t flow_slot(const struct lc_flow_index *index, uint64_t key)
{
    size_t i = (size_t)((key * 0x9e3779b97f4a7c15ull) >> 20) & (index->capacity - 1);
    while (index->keys[i] && index->keys[i] != key)
        i = (i + 1) & (index->capacity - 1);
    return i;
}

static int flow_index_grow(struct lc_flow_index *index)
{
    struct lc_flow_index bigger = *index;
    bigger.capacity = index->capacity ? index->capacity * 2 : 1024;
    bigger.keys = calloc(bigger.capacity, sizeof *bigger.keys);
    bigger.values = malloc(bigger.capacity * sizeof *bigger.values);
    if (!bigger.keys || !bigger.values) {
        free(bigger.keys);
        free(bigger.values);
        return -1;
    }
    for (size_t i = 0; i < index->capacity; i++) {
        if (index->keys[i]) {
            size_t slot = flow_slot(&bigger, index->keys[i]);
            bigger.keys[slot] = index->keys[i];
            bigger.values[slot] = index->values[i];
        }
    }
    free(index->keys);
    free(index->values);
    *index = bigger;
    return 0;
}

uint32_t lc_fpflow_node(struct lc_program *program, enum lc_value_kind kind, int64_t id, int param_index,
                        const char *record, const char *name)
{
    if (!program->flow_index && !(program->flow_index = calloc(1, sizeof *program->flow_index)))
        return LC_NONE;
    struct lc_flow_index *index = program->flow_index;
    if ((index->count + 1) * 2 > index->capacity && flow_index_grow(index) != 0)
        return LC_NONE;
    uint64_t key = flow_key(kind, id, kind == LC_VALUE_PARAM ? param_index : 0);
    size_t slot = flow_slot(index, key);
    if (index->keys[slot])
        return index->values[slot];
    if (lc_grow((void **)&program->flow_nodes, &index->node_cap, program->flow_node_count,
                sizeof *program->flow_nodes, 256) != 0)
        return LC_NONE;
    uint32_t node_index = program->flow_node_count++;
    struct lc_flow_node *node = &program->flow_nodes[node_index];
    memset(node, 0, sizeof *node);
    node->kind = kind;
    node->id = id;
    node->param_index = param_index;
    node->record = lc_arena_strdup(&program->arena, record);
    node->name = name;
    index->keys[slot] = key;
    index->values[slot] = node_index;
    index->count++;
    return node_index;
}

uint32_t lc_fpflow_find_node(const struct lc_program *program, enum lc_value_kind kind, int64_t id, int param_index)
{
    const struct lc_flow_index *index = program->flow_index;
    if (!index || index->capacity == 0)
        return LC_NONE;
    size_t slot = flow_slot(index, flow_key(kind, id, kind == LC_VALUE_PARAM ? param_index : 0));
    return index->keys[slot] ? index->values[slot] : LC_NONE;
}

void lc_fpflow_free(struct lc_program *program)
{
    for (uint32_t n = 0; n < program->flow_node_count; n++) {
        free(program->flow_nodes[n].functions);
        free(program->flow_nodes[n].successors);
        free(program->flow_nodes[n].calls);
    }
    free(program->flow_nodes);
    if (program->flow_index) {
        free(program->flow_index->keys);
        free(program->flow_index->values);
        free(program->flow_index->queue);
        free(program->flow_index);
    }
    program->flow_nodes = NULL;
    program->flow_index = NULL;
    program->flow_node_count = 0;
}

const uint32_t *lc_fpflow_functions(const struct lc_program *program, uint32_t node, uint32_t *count)
{
    const struct lc_flow_node *n = &program->flow_nodes[node];
    *count = n->cut ? 0 : n->function_count;
    return n->functions;
}

int lc_fpflow_is_cut(const struct lc_program *program, uint32_t node)
{
    return program->flow_nodes[node].cut;
}

uint32_t lc_fpflow_calls(const struct lc_program *program, uint32_t node, const uint32_t **calls)
{
    *calls = program->flow_nodes[node].calls;
    return program->flow_nodes[node].call_count;
}

uint32_t lc_fpflow_successors(const struct lc_program *program, uint32_t node, const uint32_t **successors)
{
    *successors = program->flow_nodes[node].successors;
    return program->flow_nodes[node].successor_count;
}

int lc_fpflow_param_of(const struct lc_program *program, uint32_t node, uint32_t *function, uint32_t *index)
{
    const struct lc_flow_node *n = &program->flow_nodes[node];
    if (n->kind != LC_VALUE_PARAM || n->id < 0 || n->param_index < 0)
        return 0;
    *function = (uint32_t)n->id;
    *index = (uint32_t)n->param_index;
    return 1;
}

struct lc_flow_node_names lc_fpflow_node_names(const struct lc_program *program, uint32_t node)
{
    const struct lc_flow_node *n = &program->flow_nodes[node];
    return (struct lc_flow_node_names){ .kind = n->kind, .record = n->record, .name = n->name, .symbol_id = n->id };
}
