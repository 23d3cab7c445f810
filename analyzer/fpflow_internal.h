/* fpflow_internal.h — the function-pointer flow's nodes and their index,
 * shared by fpflow.c (propagation, call targets) and fpflow_nodes.c (the
 * node table and the questions asked of a node).  Private to fpflow*.c. */
#ifndef LOOPCHECK_FPFLOW_INTERNAL_H
#define LOOPCHECK_FPFLOW_INTERNAL_H

#include "program.h"

struct lc_flow_node {
    enum lc_value_kind kind;
    int64_t id;               /* FIELD/VAR: symbol id; PARAM, CALL (what the
                                 function returns): function index */
    int param_index;
    const char *record, *name;
    uint32_t *functions;      /* the set, in arrival order */
    uint32_t function_count, function_cap, propagated;
    uint32_t *successors;     /* nodes its functions flow into */
    uint32_t successor_count, successor_cap;
    uint32_t *calls;          /* indirect calls through it */
    uint32_t call_count, call_cap;
    int cut, queued;
};

/* Open-addressing map from a node key to its index. */
struct lc_flow_index {
    uint64_t *keys;           /* 0 = empty */
    uint32_t *values;
    size_t capacity, count;
    uint32_t *queue;          /* worklist of node indexes */
    uint32_t queue_count, queue_cap;
    size_t node_cap;          /* room in program->flow_nodes */
};

#endif
