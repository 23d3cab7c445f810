/* gates.h — the hand-off windows of gated threads (`gated-thread ROLE
 * start START wait WAIT`, models.h): which of the loop's accesses cannot
 * run while the gated thread works.
 *
 * The extractor marks the calls and accesses made inside a window (from a
 * call of START to the end of the first loop statement after it, in the
 * same function, whose condition or body calls WAIT: extract_gates.c).
 * A function reached from a call made inside a window of a gate (through
 * the resolved call graph, function pointers included) is inside too,
 * however else it is reached.  A gate is trusted when a window of it is
 * seen in a function on the loop and no loop function leaves one open (no
 * closing loop, a `return` or `goto` inside).  An access on the loop made
 * outside every window of a trusted gate, in a function no window
 * reaches, cannot run while the gate's thread (the role whose entry
 * function is named ROLE) works: the loop waits for it to finish before it goes on.  The
 * thread works after its entry function's first call of WAIT (source
 * order): what it does before (its set-up, the top of its waiting loop),
 * itself or through the functions it calls there, is no work, and its
 * pairs stay reported; so does a thread whose entry never calls WAIT. */
#ifndef LOOPCHECK_GATES_H
#define LOOPCHECK_GATES_H

#include <stdint.h>

#include "program.h"
#include "threads.h"

struct lc_gates {
    uint8_t *reached;      /* function -> bit g: reached from a call made
                              inside a window of program->gate_roles[g] */
    uint8_t *role_gates;   /* thread role -> bit g: the role is gate g's
                              gated thread, whose entry calls WAIT */
    uint32_t role_count;
    uint8_t *set_up;       /* function -> bit g: reached from a call gate
                              g's entry makes before its first WAIT */
    uint32_t entry[LC_GATE_MAX];              /* gate g's entry function */
    struct lc_location first_wait[LC_GATE_MAX];   /* its first WAIT call */
    uint8_t trusted;       /* bit g: gate g's windows are trusted */
};

/* Compute the windows' reach and the trusted gates; when memory runs out,
 * none is trusted. */
void lc_gates_compute(const struct lc_program *program, const struct lc_threads *threads, struct lc_gates *out);
void lc_gates_free(struct lc_gates *gates);

/* The trusted gates (bit g) every window of which the access is outside
 * (its own place and its function's reach); 0 for an access off the
 * loop. */
uint8_t lc_gates_outside(const struct lc_gates *gates, const struct lc_threads *threads,
                         const struct lc_program_access *access);

/* Can the loop's access `loop_access` and `gated_access` on `role` not
 * run at once: is `role` the gated thread of a trusted gate the loop
 * access is outside every window of, and `gated_access` part of its work? */
int lc_gates_apart(const struct lc_gates *gates, const struct lc_threads *threads,
                   const struct lc_program_access *loop_access, uint32_t role,
                   const struct lc_program_access *gated_access);

#endif
