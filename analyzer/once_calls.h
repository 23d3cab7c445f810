/* once_calls.h — functions run once in the process: a `runs-once NAME
 * argN` model (pthread_once(&once, init), uv_once, call_once) runs the
 * function passed as argument N in the first call only, and every other
 * call waits until it has ended.  A function only such calls reach (no
 * direct call, no other call passing it) runs once, and so does one only
 * such functions call (init_once -> init_threads): it initialises what the
 * callers of the once-call use after it (`uv_once(&once, init);
 * use(table);`), so its accesses race with nothing (unlocked-shared-state
 * takes every use to come after a once-call). */
#ifndef LOOPCHECK_ONCE_CALLS_H
#define LOOPCHECK_ONCE_CALLS_H

#include <stdint.h>

#include "program.h"

/* The function a call hands to its `runs-once` callee (a target of the
 * call, run on the calling thread), LC_NONE when the callee is no such
 * model or the argument names no function. */
uint32_t lc_once_call_function(const struct lc_program *program, const struct lc_program_call *call);

/* Per function: 1 when only once-calls reach it; NULL when memory runs
 * out (none known then). */
uint8_t *lc_once_functions(const struct lc_program *program);

#endif
