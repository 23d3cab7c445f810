/* scc.h — strongly connected components of the call graph (Tarjan's
 * algorithm, iterative so deep call chains cannot overflow the stack).
 * Components come out callees first: a component is listed after every
 * component it calls into; a component's members are listed by function
 * index (the passes over the components are the same in any order within
 * one, and read the functions in memory order). */
#ifndef LOOPCHECK_SCC_H
#define LOOPCHECK_SCC_H

#include <stdint.h>

#include "program.h"

struct lc_scc {
    uint32_t *order;            /* functions, component by component, each
                                   component's by index */
    uint32_t *component_start;  /* component k is order[start[k] .. start[k+1]) */
    uint32_t component_count;
    uint32_t *component_of;     /* function -> component */
};

/* Edges: every target of every call made by a followed function.  Returns
 * 0, or -1 when memory runs out. */
int lc_scc_compute(const struct lc_program *program, struct lc_scc *scc);
void lc_scc_free(struct lc_scc *scc);

#endif
