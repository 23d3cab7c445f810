/* cost.h — the CPU cost model: how much work a loop or a function may do,
 * as a level — the number of data-dependent repetitions nested in it.
 *
 *   a loop bounded by data (`i < n`, `p != NULL`) or unbounded     1
 *   a loop with a constant trip count >= LC_COST_BIG_TRIP           2
 *       (>= LC_COST_LIMIT_TRIP: `i < INT_MAX`, a limit, 1)
 *   a loop with a constant trip count >= LC_COST_MEDIUM_TRIP        1
 *   (a loop over a fixed-size table, or one whose counter is multiplied,
 *   divided or shifted, is counted: extract_loop_shape.c)
 *   a call to a `cpu-heavy` model (crypt, compress, BN_mod_exp)     LC_COST_HEAVY
 *   a call to a `cheap` model (bounded or amortised work per call:     0
 *       an allocator walking its blocks from a mark it moves on)
 *   recursion (a function calling itself, or a cycle of at most  +1 on the
 *       LC_COST_RECURSION_CYCLE functions)                          work repeated
 *       at every step; a loop that drives the recursion (over a node's
 *       children) is the recursion itself: a walk is linear, and so is a
 *       recursion every call of which, through a cycle of functions too,
 *       hands on a child of what its caller was given (`print_list(l)` ->
 *       `print_cmd(cmd)` -> `print_list(cmd->args->list)`: one tree,
 *       linear in the first one's parameter; lc_cost_descended_param).
 *       A larger
 *       cycle of the call graph runs through callbacks, dispatch tables and
 *       error paths (an error handler that logs through the code that
 *       failed), not a recursion that repeats the work; nor is a
 *       self-call restarting its function on a fixed request (call
 *       facts restart_call: `return seek(it, ">=", NULL, 0)`), nor a
 *       function's one self-call made only once a depth counter passed
 *       a limit below LC_COST_MEDIUM_TRIP (call facts depth_limit:
 *       `if (ctx->hops++ < 16) return follow(ctx)`)
 *   a loop that continues its enclosing loop's walk (LC_SOURCE_PARENT)  0
 *   a loop over a small registry filled at start-up (cost_registry.c)   0
 *   a loop walking up a link whose chains the program keeps at most     0
 *       LC_COST_LINK_DEPTH_SMALL long (`oo = oo->parent` over options
 *       inheriting from a window's, a session's, the global ones:
 *       cost_link_depth.c)
 *   a call passing a constant that fails the test of a parameter       what
 *       what makes its callee's level runs under (`createClient(NULL)`  the rest
 *       with `if (conn) { ... }`; `lua_settop(L, -2)` with `if (idx >=
 *       0) { while (...) ... }`): the calls and loops under that test
 *       do not run
 *   a call on the way out: in a branch that can only end with a call   0
 *       of a function that never returns (`{ log(...); fatal(...); }`)
 *   a call in a loop passing a field of the loop's current element       0
 *       (`hash(key, it->nkey)`) for the one parameter bounding the
 *       callee's growing loops: it walks that element's own data
 *   a call passing, for that parameter, a constant a loop of that many   0
 *       rounds costs nothing for (`verify(name, CLUSTER_NAMELEN)`), or a
 *       string literal (`config_node_traverse(rec, "settings", 0)`)
 *   a call in a loop handing a callee, for the index it picks one slot    0
 *       of an array by, the loop's counter (`args_string(args, i++)`
 *       handing on `&args->values[idx]`): each round its own slot
 *   a call in a loop handing the loop's cursor to a callee that walks on   0
 *       from it and taking the result back (`buf = pad(buf, last, n)` in
 *       `while (*fmt && buf < last)`: cursor_params, extract_loop_cursor.c)
 *   a loop freeing in every round the object it is at (or the slot its   0 where
 *       counter picks), or a recursion freeing its parameter               called
 *       (cost_disposal.c): once per allocation
 *       (also to a loop around it in its function)                         or nested
 *
 * Levels add up through nesting and through calls (a loop calling a
 * function with a loop is 2).  A call adds what its callee's loops do with
 * data a caller passes or the program shares (enum lc_loop_source: INPUT,
 * or a constant count): a loop over the callee's own locals (`while (1)`
 * stepping a date) or over a string's characters costs its level inside
 * its function, but a call to that function adds nothing; nor does a loop
 * filling an object from the mark it keeps up to a new size, the mark
 * moved there after (LC_SOURCE_AMORTIZED: each place once over the
 * object's life, however many calls grow it), nor a loop waiting for a
 * spin lock or a gated thread (LC_SOURCE_WAIT).  Levels are
 * propagated callee-first over the strongly connected components of the
 * call graph, so the whole pass is O(V + E).  Work at or above the threshold (default LC_COST_HEAVY) stalls
 * the loop. */
#ifndef LOOPCHECK_COST_H
#define LOOPCHECK_COST_H

#include <stddef.h>
#include <stdint.h>

#include "program.h"

#define LC_COST_HEAVY 2
#define LC_COST_MEDIUM_TRIP LC_MEDIUM_TRIP_COUNT
#define LC_COST_BIG_TRIP 100000
#define LC_COST_LIMIT_TRIP 2147483647LL   /* a constant this big is a limit: level 1 */
#define LC_COST_RECURSION_CYCLE 4           /* at most this many functions in a
                                               cycle make a recursion */
#define LC_COST_MAX 9
#define LC_COST_REGISTRY_SMALL 64           /* at most this many registrations
                                               make a registry a constant */
#define LC_COST_LINK_DEPTH_SMALL 8          /* chains of a link at most this
                                               long make a walk up them a
                                               constant */

/* What made a level: a nested loop, a call, or nothing more. */
enum lc_cost_cause {
    LC_COST_CAUSE_NONE = 0,
    LC_COST_CAUSE_LOOP,     /* index: the nested loop */
    LC_COST_CAUSE_CALL,     /* index: the call */
};

struct lc_cost_why {
    uint8_t cause;          /* enum lc_cost_cause */
    uint32_t index;
};

/* A function whose costliest work runs under the test of a parameter
 * (facts.h param_guard: `if (conn)`, `if (idx >= 0)`), when without what
 * that test guards it costs less: what it costs, and why, where a call
 * passes a constant failing the test. */
struct lc_cost_guarded {
    uint32_t site;                  /* a call or loop under the test
                                       (lc_cost_site_guard) */
    uint8_t level;                  /* the function's level without what
                                       the test guards */
    struct lc_cost_why why;         /* what makes that level */
    uint32_t first_loop_why;        /* its loops' causes then, in
                                       loops_of_function order: into
                                       guarded_loop_why */
};

/* The parameters a function's level repeats with, by how a caller hands
 * them the round's own share (cost.c). */
enum lc_cost_linear_kind {
    LC_COST_LINEAR_PLAIN,   /* bounding every loop that makes its level
                               (`hash(key, length)`: its length), as a
                               count or the data it owns: given a field of
                               the element the caller's loop is at */
    LC_COST_LINEAR_CURSOR,  /* also bounding a loop as a cursor it hands
                               back (`while (n-- && p < end) *p++ = c;
                               return p;`: n and p; facts.h cursor_params):
                               given the caller's loop cursor, taken back
                               (facts.h cursor_args) */
    LC_COST_LINEAR_SLOT,    /* an integer parameter picking the one slot of
                               an array its work is on (`args_string(args,
                               idx)` handing on `&args->values[idx]`:
                               call_arg slot_of_param): given another index
                               every round of the caller's loop (facts.h
                               counter_args) or a small constant */
    LC_COST_LINEAR_TABLE,   /* a pointer parameter to a table its loops
                               walk to the sentinel (loop table_walk): given
                               a fixed table of a few entries (call_arg
                               table_length: `status_lookup(status_names,
                               code)`) */
    LC_COST_LINEAR_KINDS
};

struct lc_cost_linear {
    uint32_t *params;               /* per function: bit i, parameter i;
                                       first LC_ELEMENT_ARGUMENTS only */
    uint8_t *level_but;             /* per function: its level where one of
                                       params is handed the round's share */
    struct lc_cost_why *why_but;    /* per function: what makes that level */
};

struct lc_cost {
    uint8_t *function_level;        /* per function */
    struct lc_cost_why *function_why;
    uint8_t *recursive;             /* per function: in a call-graph cycle */
    struct lc_cost_linear linear[LC_COST_LINEAR_KINDS];   /* by kind: the
                                       parameters a function is linear in,
                                       its level where a caller hands one
                                       of them the round's own share */
    uint32_t *frees_params;         /* per function: bit i, it frees its
                                       parameter i whenever it runs
                                       (cost_disposal.c) */
    uint32_t *guarded_of;           /* per function: into guarded, LC_NONE */
    struct lc_cost_guarded *guarded;            /* the few such functions */
    size_t guarded_count, guarded_cap;
    struct lc_cost_why *guarded_loop_why;       /* their loops' causes */
    size_t guarded_loop_why_count, guarded_loop_why_cap;
    uint32_t *component_of;         /* per function: its strongly connected component */
    uint8_t *loop_level;            /* per loop */
    uint8_t *loop_repeated;         /* per loop: 1 when its level counts
                                       its function's recursion repeating
                                       it (a top-level loop of a recursive
                                       function, driving no recursion) */
    uint8_t *loop_export;           /* per loop: what it adds to its function's
                                       level where the function is called */
    struct lc_cost_why *loop_why;
    uint32_t *loops_of_function;    /* CSR: loop indexes grouped by function */
    uint32_t *loops_start;          /* function -> first in loops_of_function */
    uint8_t *target_kind;           /* per function, as a call's target
                                       (enum lc_cost_target_kind) */
    int off_loop;                   /* the cost on a thread other than the
                                       loop's: calls made only on the loop's
                                       thread (past a `loop-thread-test`)
                                       cost nothing */
};

/* What a function costs where it is called: its model's level
 * (LC_COST_HEAVY), its own level when its body is followed, else nothing.
 * One byte per function, so a pass over every call reads a small array
 * rather than every target's function. */
enum lc_cost_target_kind { LC_COST_TARGET_OPAQUE = 0, LC_COST_TARGET_HEAVY, LC_COST_TARGET_FOLLOWED };

/* Compute every level from the program's components (lc_color_program
 * builds them first, then keeps the result in program->cost, and, when
 * some calls run on the loop's thread only, the cost off the loop in
 * program->off_loop_cost).  Returns 0, or -1 when they are missing or
 * memory runs out. */
int lc_cost_compute(const struct lc_program *program, struct lc_cost *cost, int off_loop);

/* Mark (registry[l] = 1) the loops that walk a small registry filled at
 * start-up (cost_registry.c); needs the colors on_loop and on_worker, the
 * reverse call graph and the components.  Returns 0 or -1 (no memory). */
int lc_cost_registry_loops(const struct lc_program *program, uint8_t *registry);
/* Mark (constant[l] = 1) the loops walking up a link (walked_link) whose
 * chains are at most LC_COST_LINK_DEPTH_SMALL long (cost_link_depth.c);
 * needs program->callers.  Returns 0 or -1 (no memory). */
int lc_cost_link_loops(const struct lc_program *program, uint8_t *constant);
/* The parameters each function frees every time it runs (frees[f], bit
 * i: parameter i), and the loops each round of which frees the object it
 * is at (disposing[l] = 1; cost_disposal.c); needs program->callers.
 * Returns 0 or -1 (no memory). */
int lc_cost_disposal(const struct lc_program *program, uint32_t *frees, uint8_t *disposing);
/* Mark (owned[l] = 1) the inner loops walking a list their enclosing
 * loop's element holds through a pointer field (owned_field) that the
 * program frees through, given what each function frees (`frees`,
 * lc_cost_disposal): the element's children, as LC_SOURCE_PARENT
 * (cost_owned_fields.c).  Returns 0 or -1 (no memory). */
int lc_cost_owned_loops(const struct lc_program *program, const uint32_t *frees, uint8_t *owned);
void lc_cost_free(struct lc_cost *cost);

/* The level target `function` adds at `call` (a model's level, its own
 * level, or less where the call passes the current element's field, a
 * small constant or a string literal for the parameter its loops are
 * bounded by, or a constant failing the test its costliest work runs
 * under); 0 on the way out of the process is lc_cost_call_level's. */
unsigned lc_cost_target_level_at(const struct lc_program *program, const struct lc_cost *cost, uint32_t function,
                                 const struct lc_program_call *call);

/* The test of a parameter a site runs under (param 0: none): a site is a
 * call's index, or program->call_count + a loop's index (cost_calls.c). */
const struct lc_param_guard *lc_cost_site_guard(const struct lc_program *program, uint32_t site);

/* What target `function` costs at `call` when the call passes a constant
 * failing the test its costliest work runs under (cost->guarded), else
 * NULL (cost_calls.c). */
const struct lc_cost_guarded *lc_cost_guard_failing_at(const struct lc_program *program, const struct lc_cost *cost,
                                                       uint32_t function, const struct lc_program_call *call);

/* The cause of `loop`'s level, a loop of `function`, where the test of
 * `guarded` fails (cost_calls.c). */
struct lc_cost_why lc_cost_guarded_loop_why(const struct lc_cost *cost, const struct lc_cost_guarded *guarded,
                                            uint32_t function, uint32_t loop);


/* cost_inputs.c: group the loops by function (cost->loops_start,
 * loops_of_function); 0, or -1 when memory runs out. */
int lc_cost_group_loops(const struct lc_program *program, struct lc_cost *cost);
/* cost_passed.c: for each loop bounded by a parameter, the largest
 * constant every caller of its function passes there (an integer, a
 * string literal's length, 0 for NULL; also through callers passing a
 * parameter of their own on unchanged), else -1, into `passed`; 0, or -1
 * when memory runs out. */
int lc_cost_passed_constants(const struct lc_program *program, long long *passed);
/* Does `f` call itself directly with no argument divided or shifted (a
 * recursion repeating its work), by a call that adds work
 * (lc_cost_call_adds_nothing)? */
int lc_cost_calls_itself(const struct lc_program *program, const struct lc_cost *cost, uint32_t f);
/* Does `f`, in a component of a few functions, come back to itself
 * through calls inside it that add work (a cycle closed only on a failure
 * path, `log_err` -> `log_msg` -> `log_err` when a lock fails, repeats
 * nothing)? */
int lc_cost_cycles_back(const struct lc_program *program, const struct lc_cost *cost, uint32_t f);
/* The parameter `f` descends through when its component walks one tree
 * (every call back into the component is given a child of the parameter
 * its caller descends through: call_arg child_of_param), or -1. */
int lc_cost_descended_param(const struct lc_program *program, const struct lc_cost *cost, uint32_t f);

/* The level of a loop of `trip_count` rounds, a constant (cost.c). */
unsigned lc_cost_of_rounds(long long trip_count);

/* Does the call add no work where it is made: on the way out of the
 * process, on a failure path (failure_paths.c), the round's own share
 * (call fact share: a message formatted, two keys compared through a
 * function pointer: work in proportion to what the round gives it), in a
 * branch the code says is unlikely (`__builtin_expect`), of functions all
 * declared cold (`__attribute__((cold))`: rarely run, an error's
 * recovery), or, off the loop, made only on the loop's thread
 * (cost_calls.c)?  Nor does it make its caller recursive. */
int lc_cost_call_adds_nothing(const struct lc_program *program, const struct lc_cost *cost,
                              const struct lc_program_call *c);

/* The level a call adds where it is made (the most expensive target). */
unsigned lc_cost_call_level(const struct lc_program *program, const struct lc_cost *cost, uint32_t call,
                            struct lc_cost_why *why);

#endif
