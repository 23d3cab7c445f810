/* chain.h — building the chain of a finding: from the registration of the
 * entry point, through each call on the shortest path the loop takes, to a
 * function.  Shared by the checks and `loopcheck explain`. */
#ifndef LOOPCHECK_CHAIN_H
#define LOOPCHECK_CHAIN_H

#include "finding.h"
#include "program.h"

/* Describe an entry point in a few words: "on_read, registered with
 * uv_read_start" or "on_tick, annotated loopcheck:async". */
const char *lc_entry_describe(const struct lc_program *program, const struct lc_entry *entry,
                              struct lc_arena *arena);

/* A chain's call step: "'caller' calls 'callee'", " through a function
 * pointer" when the call is indirect. */
const char *lc_chain_call_text(const struct lc_program *program, uint32_t call, uint32_t callee,
                               struct lc_arena *arena);

/* How to move work off the loop that reaches `function`: the offload text
 * of the library that registered its entry point, or a generic hint. */
const char *lc_entry_offload_hint(const struct lc_program *program, uint32_t function);

/* The first step of a loop chain: "'on_read' is registered as a loop
 * callback with uv_read_start here, so it runs on the event loop". */
const char *lc_chain_entry_text(const struct lc_program *program, const struct lc_entry *entry,
                                struct lc_arena *arena);

/* Steps from the entry point that reaches `function` on the loop (shortest
 * chain) to `function`, plus `extra` free slots at the end for the caller
 * to fill; *count receives the number of filled steps.  NULL when the
 * function is not on the loop or memory runs out. */
struct lc_step *lc_chain_to_function(const struct lc_program *program, uint32_t function, size_t extra,
                                     size_t *count, struct lc_arena *arena);

#endif
