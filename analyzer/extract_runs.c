/* extract_runs.c — how surely a call runs each time its function runs to
 * its end (facts.h enum lc_call_runs), for the barrier model
 * (threads_barriers.c): a thread that waits on a barrier must wait there
 * once, and a wrapper of the wait must always wait.
 *
 * ONCE: the call is in no branch, loop, switch, `?:`, `&&` or `||` (the
 * body of a `do ... while (0)`, the usual macro wrapper, is no loop), and
 * no return or goto comes before it in the function (a return in an
 * earlier `if` may skip it); UNLESS_RETURNED when one does (at most once,
 * and what follows it only after it).  RETRIED: it is at the top of the body of a
 * `do ... while (COND)` (or in COND) that itself runs once, and no return,
 * goto, break or continue comes before it in the loop: it runs at least
 * once, again when COND asks for it (a wait retried after a failure).
 * When every return before an UNLESS_RETURNED call is under one test of a
 * parameter (`if (fp) return r; exit(r);`), a caller whose argument fails
 * the test makes it run (facts.h returned_guard).  A
 * function with a label is left to extract_reach.c, which makes every call
 * of it MAYBE: a goto may skip or repeat anything. */
#include "extract_internal.h"

void lc_extract_runs_begin(struct lc_extract_walk *walk)
{
    walk->returns_seen = walk->jumps_seen = 0;
    walk->returns_guard = (struct lc_param_guard){ 0 };
    walk->returns_unguarded = 0;
    walk->sure_do = (struct lc_extract_sure_do){ 0 };
}

void lc_extract_runs_jump(struct lc_extract_walk *walk, enum CXCursorKind kind)
{
    const struct lc_param_guard *guard = &walk->param_guard, *seen = &walk->returns_guard;
    switch (kind) {
    case CXCursor_ReturnStmt:
    case CXCursor_GotoStmt:
    case CXCursor_IndirectGotoStmt:
        if (kind != CXCursor_ReturnStmt || guard->param == 0 || guard->field_usr
            || (walk->returns_seen > 0
                && (seen->param != guard->param || seen->test != guard->test || seen->value != guard->value)))
            walk->returns_unguarded = 1;
        else
            walk->returns_guard = *guard;
        walk->returns_seen++;
        walk->jumps_seen++;
        break;
    case CXCursor_BreakStmt:
    case CXCursor_ContinueStmt:
        walk->jumps_seen++;
        break;
    default:
        break;
    }
}

struct lc_extract_sure_do lc_extract_runs_enter_do(struct lc_extract_walk *walk, int outer_loop_index,
                                                   unsigned outer_open, int do_once)
{
    struct lc_extract_sure_do saved = walk->sure_do;
    int runs_once = outer_loop_index < 0 && outer_open == 0 && walk->returns_seen == 0;
    walk->sure_do = (struct lc_extract_sure_do){
        .active = runs_once,
        .loop_index = walk->loop_index,
        .open_conditional = walk->open_conditional,
        .jumps_seen = walk->jumps_seen,
        .runs = do_once ? LC_RUNS_ONCE : LC_RUNS_RETRIED,
    };
    return saved;
}

void lc_extract_runs_leave_do(struct lc_extract_walk *walk, struct lc_extract_sure_do saved)
{
    walk->sure_do = saved;
}

struct lc_param_guard lc_extract_call_returned_guard(const struct lc_extract_walk *walk, int runs)
{
    if (runs != LC_RUNS_UNLESS_RETURNED || walk->returns_unguarded)
        return (struct lc_param_guard){ 0 };
    return walk->returns_guard;
}

int lc_extract_call_runs(const struct lc_extract_walk *walk, CXCursor call, int conditional)
{
    if (!conditional)
        return walk->returns_seen == 0 ? LC_RUNS_ONCE : LC_RUNS_UNLESS_RETURNED;
    const struct lc_extract_sure_do *sure = &walk->sure_do;
    if (!sure->active || walk->loop_index != sure->loop_index || walk->open_conditional != sure->open_conditional
        || walk->jumps_seen != sure->jumps_seen || lc_extract_in_conditional_expression(walk, call))
        return LC_RUNS_MAYBE;
    return sure->runs;
}
