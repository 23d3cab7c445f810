/* extract_walk_flow.h — the walker's visitor and the control flow it
 * follows: the walk of a TU and whether an expression runs conditionally
 * (extract_walk.c), statements, blocks, for parts, labels and gotos
 * (extract_flow.c, extract_for_parts.c, extract_gotos.c), how a branch
 * ends (extract_branches.c), the stretches no path reaches
 * (extract_reach.c) and how surely a call runs (extract_runs.c).
 * Internal to the extractor: included through extract_internal.h. */
#ifndef LOOPCHECK_EXTRACT_WALK_FLOW_H
#define LOOPCHECK_EXTRACT_WALK_FLOW_H

#include "extract_walk_state.h"

/* extract_walk.c: record the functions, calls, loops, accesses and stores
 * of the TU, then free the walk's own arrays. */
void lc_extract_walk_tu(struct lc_extract_walk *walk);
/* The visitor itself (CXCursorVisitor, client data the walk). */
enum CXChildVisitResult lc_extract_visit(CXCursor cursor, CXCursor parent, CXClientData data);
/* Visit `child` of `parent` as clang_visitChildren with recursion would. */
void lc_extract_visit_child(struct lc_extract_walk *walk, CXCursor child, CXCursor parent);
/* May the expression (a call, a store) not run every time its function
 * does?  Inside an if/switch/loop, or inside a ?:, && or || seen before it
 * (pre-order: an enclosing expression is always seen first).  Erring
 * towards "yes" is safe: only unconditional calls make a function never
 * return. */
/* extract_conditionals.c: note a `?:`, `&&` or `||` the walk meets (what
 * is inside it may not run). */
void lc_extract_conditional_expression(struct lc_extract_walk *walk, CXCursor cursor);
int lc_extract_is_conditional(const struct lc_extract_walk *walk, CXCursor expr);
/* Is `expr` inside a `?:`, `&&` or `||` of the function (or where its
 * extent is not known)? */
int lc_extract_in_conditional_expression(const struct lc_extract_walk *walk, CXCursor expr);

/* extract_flow.c: a statement inside a function body other than a block;
 * returns what the visitor should do with its children (it visits them
 * itself when the statement opens a branch or a loop). */
enum CXChildVisitResult lc_extract_statement(struct lc_extract_walk *walk, CXCursor statement);
/* extract_for_parts.c: the parts of a for statement from its `count`
 * children (body last); returns the index of the init, or -1. */
int lc_extract_for_parts(const CXCursor *parts, unsigned count, struct lc_extract_loop_parts *loop);
/* extract_gotos.c: a label (a goto may come back to it), and a goto,
 * a loop when its label came before it. */
void lc_extract_label(struct lc_extract_walk *walk, CXCursor label);
void lc_extract_goto(struct lc_extract_walk *walk, CXCursor statement);
/* A block `{ ... }` in `parent`: a scope whose locks and guards end with
 * it (a function's own body and a statement expression's are not); kept
 * apart from lc_extract_statement so that the frame nested blocks stack is
 * small. */
enum CXChildVisitResult lc_extract_block(struct lc_extract_walk *walk, CXCursor block, CXCursor parent);

/* extract_branches.c */
/* Does the statement end in return, break, continue or goto (itself, or
 * the last statement of its block)? */
int lc_extract_always_exits(CXCursor statement);
/* The call an if branch can only end with: its last statement when that
 * is a call and nothing before leaves the branch (return, goto, break,
 * continue); else null. */
CXCursor lc_extract_branch_end(CXCursor statement);
/* The fact of the call, among the condition's (from `first` on), that the
 * condition is true only once it returned: `x ? (report(...), 1) : 0`
 * (tor's BUG(x)); -1 none. */
int lc_extract_condition_returned_call(struct lc_extract_walk *walk, CXCursor condition, size_t first);
/* Mark the calls of a branch (from `first` on) and its accesses (from
 * `first_access` on) as on the way to the call it ends with (facts.h
 * branch_exit), or all of them to `returned`, when that is not -1. */
void lc_extract_branch_exits(struct lc_extract_walk *walk, size_t first, size_t first_access, int returned);
/* Does a branch leave only by its last statement, a `return` of a non-zero
 * integer constant (`{ log(...); return -1; }`)? */
int lc_extract_branch_error_return(CXCursor statement);
/* Mark the calls (from `first` on) and accesses (from `first_access` on)
 * of such a branch (facts.h error_return). */
void lc_extract_mark_error_return(struct lc_extract_walk *walk, size_t first, size_t first_access);
/* The call `tested` (its result tested against 0 in the condition of the
 * `if` being left, where `jumps` returns and jumps had been met) ends the
 * process through `end`, the call the branch taken when it is not 0 ends
 * with, when nothing between the call and the test could skip the test
 * (facts.h nonzero_exit). */
void lc_extract_nonzero_exit(struct lc_extract_walk *walk, int tested, unsigned jumps, int end);
/* The statement a branch ends with: itself, or the last statement of its
 * block (of the innermost block ending it); null for an empty block. */
CXCursor lc_extract_last_statement(CXCursor statement);

/* extract_reach.c: the stretches after a call that no path from it
 * reaches (facts.h lc_call_fact.unreached). */
/* After an if branch (its calls from `first_call` on) was walked:
 * `sibling` is the else part of a then branch, else null. */
void lc_extract_reach_branch(struct lc_extract_walk *walk, CXCursor branch, size_t first_call, CXCursor sibling);
/* After a switch body (its calls from `first_call` on) was walked. */
void lc_extract_reach_switch(struct lc_extract_walk *walk, CXCursor body, size_t first_call);
/* At the end of a top-level declaration: a function with labels keeps
 * none; the next starts at the next call. */
void lc_extract_reach_function_end(struct lc_extract_walk *walk);

/* extract_runs.c: how surely a call runs (facts.h enum lc_call_runs). */
void lc_extract_runs_begin(struct lc_extract_walk *walk);
/* A statement that jumps (return, goto, break, continue): count it. */
void lc_extract_runs_jump(struct lc_extract_walk *walk, enum CXCursorKind kind);
/* Entering the body of a do loop (`do_once`: `while (0)`), after the
 * loop's index and open conditional are set; returns what to give back
 * to lc_extract_runs_leave_do. */
struct lc_extract_sure_do lc_extract_runs_enter_do(struct lc_extract_walk *walk, int outer_loop_index,
                                                   unsigned outer_open, int do_once);
void lc_extract_runs_leave_do(struct lc_extract_walk *walk, struct lc_extract_sure_do saved);
int lc_extract_call_runs(const struct lc_extract_walk *walk, CXCursor call, int conditional);
/* The test of a parameter every return before a call of `runs`
 * UNLESS_RETURNED ran under (facts.h returned_guard); param 0: none. */
struct lc_param_guard lc_extract_call_returned_guard(const struct lc_extract_walk *walk, int runs);

#endif
