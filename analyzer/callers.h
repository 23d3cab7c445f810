/* callers.h — the reverse call graph: for each function, the calls that
 * may reach it (compressed rows). */
#ifndef LOOPCHECK_CALLERS_H
#define LOOPCHECK_CALLERS_H

#include <stdint.h>

#include "program.h"

struct lc_callers {
    uint32_t *start;     /* function -> first in calls; function + 1 -> end */
    uint32_t *calls;     /* call indexes */
    uint32_t *functions; /* the caller of each of `calls`: a pass over the
                            callers reads it in order instead of looking up
                            each call */
};

int lc_callers_build(const struct lc_program *program, struct lc_callers *callers);
void lc_callers_free(struct lc_callers *callers);
/* Per function, 1 when its address is taken: a stored or passed function
 * value, or an entry point (program->registered, once known), whose
 * callers are not all known; NULL when memory runs out. */
uint8_t *lc_program_address_taken(const struct lc_program *program);

#endif
