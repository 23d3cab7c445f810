/* descriptor_flow.h — a property of the integers and streams a program
 * passes around (a descriptor is non-blocking, a value is fork()'s result,
 * a stream is stdout or was opened for reading only), holding of a
 * flow node when a seed gives it, or when a seed reaches it and every
 * source of the node has it (the greatest such set: a cycle of fields and
 * parameters holds when everything entering it does).
 *
 * The sources of a flow node are the function-pointer flow's edges
 * (argument -> parameter, variable -> field: fpflow.c, which also carries
 * int values), the object stores (a pointer to a struct copied from a
 * variable, field or parameter: `term->out = out`), stored call results,
 * `return` values (a function's CALL node), an int made from a place
 * without being it (an array's element `fds[0]`, a negation `-fd`: it holds
 * when the place does; the aliases do not walk back through it), and the
 * descriptor a
 * registration passes its callback (a `callback ... descriptor argM argK`
 * model).  A store of anything else (an expression, an unknown call), and
 * an argument fpflow does not follow (`emit(fopen(...))`), is a source
 * that never holds.  Used by nonblocking.c, streams.c and forks.c. */
#ifndef LOOPCHECK_DESCRIPTOR_FLOW_H
#define LOOPCHECK_DESCRIPTOR_FLOW_H

#include <stdint.h>

#include "program.h"

/* What a stored call result is. */
enum lc_descriptor_source {
    LC_DESCRIPTOR_UNKNOWN,   /* a source that does not hold */
    LC_DESCRIPTOR_HOLDS,     /* holds: the target is a seed */
    LC_DESCRIPTOR_FOLLOWS,   /* holds when node *from does */
};

/* Classifies the result of `call`; may create flow nodes. */
typedef enum lc_descriptor_source (*lc_descriptor_classify)(struct lc_program *program, uint32_t call, void *data,
                                                            uint32_t *from);

struct lc_descriptor_edge {
    uint32_t from, to;
};

struct lc_descriptor_flow {
    struct lc_program *program;
    uint32_t node_count;
    struct lc_descriptor_edge *edges;   /* besides fpflow's, sorted by from */
    uint32_t edge_count;
    size_t edge_cap;
    uint32_t *edge_start;               /* node -> first edge; node_count + 1 */
    uint8_t *seeded;                    /* per node: holds by a seed */
    uint8_t *tainted;                   /* per node: a source never holds */
    uint8_t *received;                  /* per node: a function's value one
                                           `return` of which holds */
    uint8_t *holds;                     /* per node: the result */
    uint32_t *queue;                    /* work list */
};

/* Collect the sources.  A store that holds makes a variable or field that
 * receives it a seed; into a function's value (a `return`) it is one
 * source that holds, and the value holds when every other `return` gives
 * one too.  0, or -1 when memory runs out. */
int lc_descriptor_flow_build(struct lc_descriptor_flow *flow, struct lc_program *program,
                             lc_descriptor_classify classify, void *data);
/* The node holds (LC_NONE is ignored). */
void lc_descriptor_flow_seed(struct lc_descriptor_flow *flow, uint32_t node);
/* Every node `named` says holds by its name (a field or variable a
 * statement names) holds. */
void lc_descriptor_flow_seed_named(struct lc_descriptor_flow *flow,
                                   int (*named)(const struct lc_program *program, uint32_t node));
/* Propagate from the seeds. */
void lc_descriptor_flow_run(struct lc_descriptor_flow *flow);
/* The per-node marks, handed over (free() them); NULL when out of memory. */
uint8_t *lc_descriptor_flow_take(struct lc_descriptor_flow *flow);
void lc_descriptor_flow_free(struct lc_descriptor_flow *flow);

/* For classifiers: a call of a function loopcheck follows yields what its
 * `return`s give: FOLLOWS with its CALL node in *from; else UNKNOWN. */
enum lc_descriptor_source lc_descriptor_flow_returned(struct lc_program *program, uint32_t call, uint32_t *from);

#endif
