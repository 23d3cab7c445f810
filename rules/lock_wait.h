/* lock_wait.h — the loop waiting on a lock a worker holds across slow work
 * (part of the blocking-call check; lock_wait.c). */
#ifndef LOOPCHECK_LOCK_WAIT_H
#define LOOPCHECK_LOCK_WAIT_H

#include "finding.h"
#include "program.h"

void lc_lock_wait_check(const struct lc_program *program, struct lc_findings *out);

#endif
