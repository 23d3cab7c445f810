/* extract_flow.c — the statements that shape control flow inside a function
 * body: blocks, `if`, `switch` and its case labels, for/while/do loops,
 * labels and gotos.  Each visits its own children (a nested
 * clang_visitChildren) so the walk knows where it is:
 *  - the locks held: a block, an if/else branch, a loop body or a switch
 *    body (braced or not) gives back on exit the lockset it was entered
 *    with, and each case label starts from the set held at the switch; a
 *    condition's locks stay (`if (lock(&m) != 0) return;`).  A trylock
 *    tested by the condition holds its lock in the branch where it returned
 *    0, and after the if when the other branch jumps away (return,
 *    continue, break, goto: `if (pthread_mutex_trylock(&m) != 0) continue;`);  Not scopes:
 *    the function body, a GNU statement expression's block, and the body of
 *    `do ... while (0)`, the usual wrapper of multi-statement macros;
 *  - the innermost loop (a for loop's init is outside it; its condition,
 *    increment and body are inside);
 *  - the branches run only where a call returned 0 (extract_guards.c), or
 *    where an earlier call's result passed a test (extract_fail_guards.c);
 *  - the tests of a global against a constant that hold in each branch,
 *    and after `if (test) return;` for the rest of the block
 *    (extract_value_guards.c); a block, a loop or a switch gives them back
 *    on exit, a case label starts from those at the switch, and a label
 *    (a goto may jump to it from anywhere) from none;
 *  - the test of a parameter against a constant the calls and loops of
 *    each branch run under, and the rest of the block after `if (test)
 *    return;` (extract_param_guards.c): the innermost or latest one,
 *    given back as the tests of globals are;
 *  - the innermost loop or switch and loop body, where a break or a
 *    continue lands, and the calls of each branch and switch body, for
 *    the stretches no path from a call reaches (extract_reach.c);
 *  - the innermost open if/switch/loop and its condition, which tell
 *    whether a backward goto (a goto to a label earlier in the function, a
 *    loop too: extract_gotos.c) is conditional.
 * A for statement's parts are told apart in extract_for_parts.c. */
#include "extract_internal.h"

#include <stdlib.h>

/* The open conditional the walk is in, saved while a nested one is. */
struct extract_conditional {
    unsigned open;
    CXCursor guard;
};

static struct extract_conditional extract_enter(struct lc_extract_walk *walk, CXCursor condition)
{
    struct extract_conditional saved = { walk->open_conditional, walk->guard };
    walk->open_conditional = ++walk->conditionals;
    walk->guard = condition;
    return saved;
}

static void extract_leave(struct lc_extract_walk *walk, struct extract_conditional saved)
{
    walk->open_conditional = saved.open;
    walk->guard = saved.guard;
}

/* What a scope (a branch, a body, a block) must not change for what
 * follows it: the locks it takes or releases and the tests its early exits
 * add. */
struct extract_scope {
    struct lc_lockset locks;
    struct lc_value_guards value_guards;
    struct lc_param_guard param_guard;
    int loop_only;
};

static struct extract_scope extract_scope_enter(const struct lc_extract_walk *walk)
{
    return (struct extract_scope){ walk->locks, walk->value_guards, walk->param_guard, walk->loop_only };
}

static void extract_scope_leave(struct lc_extract_walk *walk, const struct extract_scope *scope)
{
    walk->locks = scope->locks;
    walk->value_guards = scope->value_guards;
    walk->param_guard = scope->param_guard;
    walk->loop_only = scope->loop_only;
}

/* A branch or a body, visited as a scope. */
static void extract_scoped(struct lc_extract_walk *walk, CXCursor statement, CXCursor parent)
{
    struct extract_scope scope = extract_scope_enter(walk);
    lc_extract_visit_child(walk, statement, parent);
    extract_scope_leave(walk, &scope);
}

/* A branch run only where call `guard` returned 0 when `zero`
 * (extract_guards.c), only on the loop's thread when `loop_only`, and
 * where `tests` hold; when that call is a trylock, its lock is held there
 * (`taken`). */
static void extract_branch_guarded(struct lc_extract_walk *walk, CXCursor statement, CXCursor parent, int zero,
                                   int guard, int loop_only, const struct lc_extract_guard_list *tests,
                                   const char *taken)
{
    int saved = walk->zero_guard, saved_loop_only = walk->loop_only;
    walk->loop_only |= loop_only;
    struct lc_value_guards saved_guards = walk->value_guards;
    struct lc_lockset saved_locks = walk->locks;
    if (zero && guard >= 0)
        walk->zero_guard = guard;
    if (zero && taken)
        lc_extract_lock_add(walk, taken);
    lc_extract_value_guards_push(walk, tests);
    extract_scoped(walk, statement, parent);
    walk->locks = saved_locks;
    walk->zero_guard = saved;
    walk->loop_only = saved_loop_only;
    walk->value_guards = saved_guards;
}

/* A branch of an if: guarded, and the calls on its way to a call it can
 * only end with, or to the call its condition needs to have returned
 * (`returned`, -1 none), noted, and those of a branch returning an error.
 * Returns the call it ends with, -1 none. */
static int extract_branch(struct lc_extract_walk *walk, CXCursor statement, CXCursor parent, int zero,
                          int guard, int loop_only, const struct lc_extract_guard_list *tests, const char *taken,
                          int returned)
{
    CXCursor saved_end = walk->branch_end;
    int saved_index = walk->branch_end_index;
    unsigned saved_serial = walk->branch_serial;
    size_t first = walk->facts->call_count, first_access = walk->facts->access_count;
    walk->branch_end = lc_extract_branch_end(statement);
    walk->branch_end_index = -1;
    walk->branch_serial = ++walk->branches;
    extract_branch_guarded(walk, statement, parent, zero, guard, loop_only, tests, taken);
    lc_extract_branch_exits(walk, first, first_access, returned);
    if (lc_extract_branch_error_return(statement))
        lc_extract_mark_error_return(walk, first, first_access);
    int end = walk->branch_end_index;
    walk->branch_end = saved_end;
    walk->branch_end_index = saved_index;
    walk->branch_serial = saved_serial;
    return end;
}

/* What extract_if keeps across a chain: on the heap, because an if nested
 * in an if nests its frame (test_deep_blocks walks 250 of them on a 1 MiB
 * stack, under AddressSanitizer too). */
struct extract_if_state {
    struct lc_extract_guard_split tests;
    struct lc_param_guard first_else_guard, at_if_param_guard, then_guard, else_guard, outer_guard;
    struct lc_extract_fail_guard fail;
    struct lc_extract_fail_saved outer_fail, at_if_fail;
};

/* if / else if / else: the chain is followed in a loop, not by recursion.
 * Each `else if` runs where the tests before it failed.  After a lone
 * `if (test) { ...; return; }` what follows runs where the test failed,
 * and after `if (trylock(&m) != 0) return;` it holds m. */
static void extract_if(struct lc_extract_walk *walk, CXCursor statement)
{
    int first = 1, exits_early = 0;
    struct lc_lockset after_condition = walk->locks;
    struct lc_value_guards at_if = walk->value_guards;
    struct extract_if_state *state = calloc(1, sizeof *state);
    if (!state) {   /* out of memory: the calls, without what the branches say */
        clang_visitChildren(statement, lc_extract_visit, walk);
        return;
    }
    struct lc_extract_guard_split *tests = &state->tests;
    state->at_if_param_guard = walk->param_guard;
    state->at_if_fail = (struct lc_extract_fail_saved){ walk->fail_guard, walk->fail_test, walk->unlikely };
    const char *first_taken_after = NULL;
    int loop_only_after = 0;
    for (;;) {
        CXCursor parts[3];
        unsigned count = lc_extract_children(statement, parts, 3);
        if (count < 2 || count > 3) {
            clang_visitChildren(statement, lc_extract_visit, walk);
            break;
        }
        size_t condition_first = walk->facts->call_count;
        lc_extract_visit_child(walk, parts[0], statement);
        int returned = lc_extract_condition_returned_call(walk, parts[0], condition_first);
        lc_extract_full_guard_condition(walk, parts[0], condition_first);
        if (first)
            after_condition = walk->locks;
        int zero_branch, guard = lc_extract_zero_test(walk, parts[0], &zero_branch);
        lc_extract_fail_guard_of(walk, parts[0], &state->fail);
        int thread_test = lc_extract_is_loop_thread_test(walk, guard);
        exits_early = first && count == 2 && lc_extract_always_exits(parts[1]);
        first = 0;
        lc_extract_value_guard_split(walk, parts[0], tests);
        const char *taken = lc_extract_trylock_of(walk, guard);
        struct extract_conditional saved = extract_enter(walk, parts[0]);
        state->outer_guard = walk->param_guard;
        lc_extract_param_guard_split(walk, parts[0], &state->then_guard, &state->else_guard);
        if (exits_early)
            state->first_else_guard = state->else_guard;
        walk->param_guard = lc_extract_param_guard_inner(state->outer_guard, state->then_guard);
        size_t first_call = walk->facts->call_count;
        unsigned jumps = walk->jumps_seen;
        state->outer_fail = lc_extract_fail_enter(walk, &state->fail, 1);
        int then_end = extract_branch(walk, parts[1], statement, zero_branch == 1, guard,
                                      thread_test && zero_branch == 2, &tests->then_guards, taken, returned);
        lc_extract_fail_leave(walk, state->outer_fail);
        if (zero_branch == 2)
            lc_extract_nonzero_exit(walk, guard, jumps, then_end);
        lc_extract_reach_branch(walk, parts[1], first_call, count == 3 ? parts[2] : clang_getNullCursor());
        lc_extract_loop_once_calls(walk, parts[0], parts[1], first_call);
        lc_extract_full_guard_calls(walk, parts[0], parts[1], first_call);
        lc_extract_empty_guard_calls(walk, parts[0], first_call);
        if (clang_getCursorKind(parts[1]) != CXCursor_CompoundStmt)
            lc_extract_loop_exit_calls(walk, parts[1], first_call);
        /* The else branch, and the rest of an else-if chain, run where the
         * test failed. */
        walk->param_guard = lc_extract_param_guard_inner(state->outer_guard, state->else_guard);
        int chained = count == 3 && clang_getCursorKind(parts[2]) == CXCursor_IfStmt;
        if (count == 3 && !chained) {
            first_call = walk->facts->call_count;
            state->outer_fail = lc_extract_fail_enter(walk, &state->fail, 0);
            int else_end = extract_branch(walk, parts[2], statement, zero_branch == 2, guard,
                                          thread_test && zero_branch == 1, &tests->else_guards, taken, -1);
            lc_extract_fail_leave(walk, state->outer_fail);
            if (zero_branch == 1)
                lc_extract_nonzero_exit(walk, guard, jumps, else_end);
            lc_extract_reach_branch(walk, parts[2], first_call, clang_getNullCursor());
            if (clang_getCursorKind(parts[2]) != CXCursor_CompoundStmt)
                lc_extract_loop_exit_calls(walk, parts[2], first_call);
        }
        extract_leave(walk, saved);
        /* `if (pthread_mutex_trylock(&m) != 0) return;`: the rest holds m;
         * after `if (!in_main_thread()) return;` it runs on the loop's
         * thread only. */
        if (taken && zero_branch == 2 && exits_early)
            first_taken_after = taken;
        if (thread_test && zero_branch == 1 && exits_early)
            loop_only_after = 1;
        if (!chained)
            break;
        lc_extract_value_guards_push(walk, &tests->else_guards);
        lc_extract_fail_enter(walk, &state->fail, 0);   /* the rest of the chain: the else */
        statement = parts[2];
    }
    walk->locks = after_condition;
    lc_extract_fail_leave(walk, state->at_if_fail);
    walk->value_guards = at_if;
    walk->param_guard = exits_early ? lc_extract_param_guard_inner(state->at_if_param_guard, state->first_else_guard)
                                    : state->at_if_param_guard;
    if (exits_early)
        lc_extract_value_guards_push(walk, &tests->else_guards);
    if (first_taken_after)
        lc_extract_lock_add(walk, first_taken_after);
    walk->loop_only |= loop_only_after;
    free(state);
}

static void extract_switch(struct lc_extract_walk *walk, CXCursor statement)
{
    CXCursor parts[2];
    if (lc_extract_children(statement, parts, 2) != 2) {
        clang_visitChildren(statement, lc_extract_visit, walk);
        return;
    }
    lc_extract_visit_child(walk, parts[0], statement);
    struct lc_lockset saved_switch = walk->switch_locks;
    struct lc_value_guards saved_switch_guards = walk->switch_value_guards, at_switch = walk->value_guards;
    struct lc_param_guard saved_switch_param_guard = walk->switch_param_guard, at_switch_param = walk->param_guard;
    walk->switch_value_guards = at_switch;
    walk->switch_param_guard = at_switch_param;
    int saved_guard = walk->switch_guard, saved_outer = walk->switch_outer_guard, outer = walk->zero_guard;
    int saved_switch_loop_only = walk->switch_loop_only, at_switch_loop_only = walk->loop_only;
    walk->switch_loop_only = at_switch_loop_only;
    walk->switch_locks = walk->locks;
    walk->switch_guard = lc_extract_result_of(walk, parts[0]);
    walk->switch_outer_guard = outer;
    struct extract_conditional saved = extract_enter(walk, parts[0]);
    CXCursor saved_breakable = walk->reach_breakable;
    size_t first_call = walk->facts->call_count;
    walk->reach_breakable = statement;
    extract_scoped(walk, parts[1], statement);
    lc_extract_reach_switch(walk, parts[1], first_call);
    walk->reach_breakable = saved_breakable;
    extract_leave(walk, saved);
    walk->switch_locks = saved_switch;
    walk->switch_value_guards = saved_switch_guards;
    walk->value_guards = at_switch;
    walk->switch_param_guard = saved_switch_param_guard;
    walk->param_guard = at_switch_param;
    walk->switch_guard = saved_guard;
    walk->switch_outer_guard = saved_outer;
    walk->switch_loop_only = saved_switch_loop_only;
    walk->loop_only = at_switch_loop_only;
    walk->zero_guard = outer;
}

int lc_extract_loop_is_do_once(enum lc_loop_kind kind, const struct lc_extract_loop_parts *loop)
{
    long long value;
    return kind == LC_LOOP_DO && lc_extract_integer_constant(loop->condition, &value) &&
           value == 0;
}

static void extract_loop_statement(struct lc_extract_walk *walk, CXCursor statement,
                                   enum lc_loop_kind kind)
{
    CXCursor parts[4];
    unsigned count = lc_extract_children(statement, parts, 4);
    if (count == 0 || count > 4 || (kind != LC_LOOP_FOR && count != 2)) {
        clang_visitChildren(statement, lc_extract_visit, walk);
        return;
    }
    CXCursor none = clang_getNullCursor();
    struct lc_extract_loop_parts loop = { none, none, none, none };
    int init = -1;
    unsigned body = kind == LC_LOOP_DO ? 0 : count - 1;
    if (kind == LC_LOOP_FOR)
        init = lc_extract_for_parts(parts, count, &loop);
    else
        loop.condition = parts[kind == LC_LOOP_DO ? 1 : 0];
    loop.body = parts[body];
    if (init >= 0)
        lc_extract_visit_child(walk, parts[init], statement);
    int index = lc_extract_loop(walk, statement, kind, &loop);
    struct lc_value_guards saved_guards = walk->value_guards;   /* `do { ... break; } while (0)` too */
    struct lc_param_guard saved_param_guard = walk->param_guard;
    int saved_loop = walk->loop_index;
    unsigned saved_open = walk->open_conditional;
    const struct lc_extract_loop_parts *saved_parts = walk->loop_parts;
    CXCursor saved_statement = walk->loop_statement;
    /* A macro's `do ... while (0)` runs its body once: what it holds is in
     * the loop around it (the element a call is given, an inner loop's
     * parent), as without the wrapper. */
    if (index >= 0 && !lc_extract_loop_is_do_once(kind, &loop)) {
        walk->loop_index = index;
        walk->loop_parts = &loop;
        walk->loop_statement = statement;
    }
    struct extract_conditional saved = extract_enter(walk, loop.condition);
    unsigned saved_loop_conditional = walk->loop_conditional, saved_loop_jumps = walk->loop_jumps;
    walk->loop_conditional = walk->open_conditional;
    walk->loop_jumps = walk->jumps_seen;
    struct lc_extract_sure_do saved_sure_do = walk->sure_do;
    if (kind == LC_LOOP_DO)
        saved_sure_do = lc_extract_runs_enter_do(walk, saved_loop, saved_open, lc_extract_loop_is_do_once(kind, &loop));
    CXCursor saved_breakable = walk->reach_breakable, saved_body = walk->reach_loop_body;
    walk->reach_breakable = statement;
    walk->reach_loop_body = loop.body;
    for (unsigned i = 0; i < count && !walk->out_of_memory; i++) {
        if ((int)i == init)
            continue;
        if (i != body)
            lc_extract_visit_child(walk, parts[i], statement);
        else if (!lc_extract_loop_is_do_once(kind, &loop))
            extract_scoped(walk, parts[i], statement);
        else if (clang_getCursorKind(parts[i]) == CXCursor_CompoundStmt)
            clang_visitChildren(parts[i], lc_extract_visit, walk);   /* its block is no scope */
        else
            lc_extract_visit_child(walk, parts[i], statement);
    }
    walk->reach_breakable = saved_breakable;
    walk->reach_loop_body = saved_body;
    lc_extract_runs_leave_do(walk, saved_sure_do);
    extract_leave(walk, saved);
    walk->loop_conditional = saved_loop_conditional;
    walk->loop_jumps = saved_loop_jumps;
    walk->value_guards = saved_guards;
    walk->param_guard = saved_param_guard;
    walk->loop_index = saved_loop;
    lc_extract_gates_loop_end(walk, index);
    walk->loop_parts = saved_parts;
    walk->loop_statement = saved_statement;
}

enum CXChildVisitResult lc_extract_block(struct lc_extract_walk *walk, CXCursor block, CXCursor parent)
{
    if (clang_getCursorKind(parent) == CXCursor_FunctionDecl || clang_getCursorKind(parent) == CXCursor_StmtExpr)
        return CXChildVisit_Recurse;
    struct extract_scope scope = extract_scope_enter(walk);
    size_t first_call = walk->facts->call_count;
    clang_visitChildren(block, lc_extract_visit, walk);
    extract_scope_leave(walk, &scope);
    lc_extract_loop_exit_calls(walk, block, first_call);
    return CXChildVisit_Continue;
}

enum CXChildVisitResult lc_extract_statement(struct lc_extract_walk *walk, CXCursor statement)
{
    switch (clang_getCursorKind(statement)) {
    case CXCursor_IfStmt:
        extract_if(walk, statement);
        return CXChildVisit_Continue;
    case CXCursor_SwitchStmt:
        extract_switch(walk, statement);
        return CXChildVisit_Continue;
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt:
        walk->locks = walk->switch_locks;
        walk->value_guards = walk->switch_value_guards;
        walk->param_guard = walk->switch_param_guard;
        walk->loop_only = walk->switch_loop_only;
        lc_extract_case_label(walk, statement);
        return CXChildVisit_Recurse;
    case CXCursor_ForStmt:
        extract_loop_statement(walk, statement, LC_LOOP_FOR);
        return CXChildVisit_Continue;
    case CXCursor_WhileStmt:
        extract_loop_statement(walk, statement, LC_LOOP_WHILE);
        return CXChildVisit_Continue;
    case CXCursor_DoStmt:
        extract_loop_statement(walk, statement, LC_LOOP_DO);
        return CXChildVisit_Continue;
    case CXCursor_LabelStmt:
        walk->value_guards = (struct lc_value_guards){ NULL, 0 };
        walk->param_guard = (struct lc_param_guard){ 0 };
        walk->loop_only = 0;   /* a label is reached from anywhere */
        lc_extract_label(walk, statement);
        return CXChildVisit_Recurse;
    case CXCursor_GotoStmt:
        lc_extract_goto(walk, statement);
        return CXChildVisit_Recurse;
    default:
        return CXChildVisit_Recurse;
    }
}
