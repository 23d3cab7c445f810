/* shared_state.h — what the unlocked-shared-state check
 * (check_unlocked_shared_state.c) and the writing of its findings
 * (shared_state_report.c) share: the program with its threads, barriers
 * and gates, and the questions both ask of an access. */
#ifndef LOOPCHECK_SHARED_STATE_H
#define LOOPCHECK_SHARED_STATE_H

#include <stdint.h>

#include "checks.h"
#include "program.h"
#include "threads.h"

#define SHARED_RELATED_MAX 8

struct lc_barriers;
struct lc_gates;

struct shared_state {
    const struct lc_program *program;
    const struct lc_threads *threads;
    const struct lc_barriers *barriers;
    const struct lc_gates *gates;
};

/* Does the access hold `lock`, itself or on entry to its function? */
int shared_holds(const struct shared_state *s, const struct lc_program_access *a, uint32_t lock);
/* Is every other thread paused at the access? */
int shared_paused(const struct shared_state *s, const struct lc_program_access *a);
/* The locks held at the access, the pause of the other threads left out. */
int shared_lock_count(const struct shared_state *s, const struct lc_program_access *a);
/* Do two accesses of one variable touch the same memory? */
int shared_overlap(const struct lc_program *program, const struct lc_program_access *a,
                   const struct lc_program_access *b);
/* Add the finding for the pair (write, other) of `accesses`, made on
 * roles role_write and role_other. */
void shared_report(const struct shared_state *s, const uint32_t *accesses, uint32_t count, uint32_t write,
                   uint32_t other, uint32_t role_write, uint32_t role_other, struct lc_findings *out);

#endif
