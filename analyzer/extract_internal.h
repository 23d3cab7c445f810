/* extract_internal.h — what the parts of the libclang AST walker share:
 * extract.c (parsing, errors, includes), extract_args.c (the command line),
 * extract_walk.c (the visitor, functions and calls), extract_flow.c (the
 * statements that shape control flow: blocks, branches, loops, labels),
 * extract_loops.c (loop facts and their bounds), extract_locks.c (the locks
 * held), extract_access.c (reads and writes of globals), extract_stores.c
 * (stores into fields and variables), extract_values.c (what an expression
 * refers to, locations, USRs), extract_init.c (initialiser lists),
 * extract_text.c and extract_macro_args.c (source text).
 * Every extract*.c includes this header; it gathers, by area:
 * extract_walk_state.h (the walk's state), extract_walk_flow.h (the
 * visitor and control flow), extract_expressions.h (values, predicates,
 * source text), extract_accesses.h (changes, guards, locks, accesses,
 * stores) and extract_loop_facts.h (loop facts and loop shapes).
 * Not a public interface: everything else uses extract.h. */
#ifndef LOOPCHECK_EXTRACT_INTERNAL_H
#define LOOPCHECK_EXTRACT_INTERNAL_H

#include "extract_walk_state.h"
#include "extract_walk_flow.h"
#include "extract_expressions.h"
#include "extract_accesses.h"
#include "extract_loop_facts.h"

#endif
