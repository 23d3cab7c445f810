/* extract_loop_once.c — a call a loop makes at most once per run of the
 * loop: made lazily into a local the loop tests first,
 *
 *     ctx = NULL;   (its declaration, before the loop)
 *     for (...) {
 *         if (ctx == NULL) {
 *             ctx = connect_to(node);
 *             if (ctx == NULL) goto cleanup;
 *         }
 *         ...
 *     }
 *
 * The local is declared before the loop, is a pointer, and the function
 * changes it nowhere else (no other assignment, no `&ctx`).  The first round
 * that passes the test sets it; a NULL result leaves the loop (a return, a
 * goto to a label after the loop, a break out of it); every later round
 * finds it set.  So the call runs once however many rounds the loop makes:
 * its fact is counted with the loop around this one (or at the function's
 * top level), and its cost is not repeated by this loop's rounds
 * (redis-benchmark's cluster set-up connects to the first node only). */
#include "extract_internal.h"

#define ONCE_STATEMENTS 64   /* statements of a branch read */

/* The local pointer `expr` names (after casts), canonical; null otherwise. */
static CXCursor once_local(CXCursor expr)
{
    CXCursor variable = lc_extract_loop_variable(expr);
    return lc_extract_is_local(variable) && clang_getCanonicalType(clang_getCursorType(variable)).kind == CXType_Pointer
               ? variable
               : clang_getNullCursor();
}

/* The local a condition finds NULL: `!v`, `v == NULL`, `NULL == v`. */
static CXCursor once_tested_null(CXCursor condition)
{
    CXCursor test = lc_extract_strip(condition), sides[2];
    enum CXCursorKind kind = clang_getCursorKind(test);
    if (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(test) == CXUnaryOperator_LNot
        && lc_extract_children(test, sides, 1) == 1)
        return once_local(sides[0]);
    if (kind != CXCursor_BinaryOperator || clang_getCursorBinaryOperatorKind(test) != CXBinaryOperator_EQ
        || lc_extract_children(test, sides, 2) != 2)
        return clang_getNullCursor();
    if (lc_extract_is_null_pointer_constant(sides[1]))
        return once_local(sides[0]);
    return lc_extract_is_null_pointer_constant(sides[0]) ? once_local(sides[1]) : clang_getNullCursor();
}

/* The call `statement` assigns to `variable` (`variable = f(...);`), or null. */
static CXCursor once_assigned_call(CXCursor statement, CXCursor variable)
{
    CXCursor assignment = lc_extract_strip(statement), sides[2];
    if (clang_getCursorKind(assignment) != CXCursor_BinaryOperator
        || clang_getCursorBinaryOperatorKind(assignment) != CXBinaryOperator_Assign
        || lc_extract_children(assignment, sides, 2) != 2
        || !clang_equalCursors(once_local(sides[0]), variable))
        return clang_getNullCursor();
    CXCursor call = lc_extract_strip(sides[1]);
    return clang_getCursorKind(call) == CXCursor_CallExpr ? call : clang_getNullCursor();
}

/* Does `statement` (`if (v == NULL) goto cleanup;`) leave the walk's loop
 * when `variable` is still NULL? */
static int once_leaves_when_null(const struct lc_extract_walk *walk, CXCursor statement, CXCursor variable)
{
    CXCursor parts[3];
    if (clang_getCursorKind(statement) != CXCursor_IfStmt || lc_extract_children(statement, parts, 3) != 2
        || !clang_equalCursors(once_tested_null(parts[0]), variable))
        return 0;
    CXCursor jump = lc_extract_last_statement(parts[1]);
    return !clang_Cursor_isNull(jump) && lc_extract_loop_leaving(walk, jump) != LC_LEAVES_NOT;
}

void lc_extract_loop_once_calls(struct lc_extract_walk *walk, CXCursor condition, CXCursor branch, size_t first_call)
{
    if (walk->loop_index < 0 || clang_Cursor_isNull(walk->loop_statement))
        return;
    CXCursor variable = once_tested_null(condition);
    if (clang_Cursor_isNull(variable)
        || lc_extract_offset(clang_getCursorLocation(variable))
               >= lc_extract_offset(clang_getRangeStart(clang_getCursorExtent(walk->loop_statement)))
        || lc_extract_changes_of(walk, variable) != 1 || clang_getCursorKind(branch) != CXCursor_CompoundStmt)
        return;
    CXCursor statements[ONCE_STATEMENTS];
    unsigned count = lc_extract_children(branch, statements, ONCE_STATEMENTS);
    CXCursor call = clang_getNullCursor();
    int leaves = 0;
    for (unsigned i = 0; i < count && i < ONCE_STATEMENTS; i++) {
        if (clang_Cursor_isNull(call))
            call = once_assigned_call(statements[i], variable);
        else
            leaves |= once_leaves_when_null(walk, statements[i], variable);
    }
    struct lc_location at;
    if (clang_Cursor_isNull(call) || !leaves || lc_extract_location(walk, clang_getCursorLocation(call), &at) != 0)
        return;
    for (size_t c = first_call; c < walk->facts->call_count; c++) {
        struct lc_call_fact *fact = &walk->facts->calls[c];
        if (fact->loop_index == walk->loop_index && lc_location_compare(&fact->loc, &at) == 0) {
            fact->loop_index = walk->facts->loops[walk->loop_index].parent_index;
            fact->element_args = fact->cursor_args = 0;
            fact->each_round = 0;
        }
    }
}
