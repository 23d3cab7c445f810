/* extract_call_restart.c — a self-call that restarts its function on a
 * fixed request (`if (first) return seek(it, ">=", NULL, 0);` in
 * `seek(it, op, ele, len)`): every argument is a constant (an integer,
 * NULL, a string literal) or the caller's own parameter of the same
 * position, never changed in the function, at least one a constant; the
 * call is the value of a `return` or a statement of its own, in no loop
 * and under no label; and what the function runs before it on the way
 * there calls nothing and writes outside its locals only constants (`=`
 * a constant, `|=` or `&=` a constant: writing again changes nothing).
 * A branch ending in a `return` is not on the way.  A second restart
 * would then repeat the first one's request on a state nothing but those
 * constant writes changed: the recursion goes a bounded number of levels
 * deep whatever the data, and repeats no work (call fact restart_call). */
#include "extract_internal.h"

#include <stdlib.h>

struct restart_scan {
    CXCursor call;
    int bad;
};

static int restart_is_constant(CXCursor expr)
{
    long long value;
    return clang_getCursorKind(lc_extract_strip(expr)) == CXCursor_StringLiteral
           || lc_extract_is_null_pointer_constant(expr) || lc_extract_integer_constant(expr, &value);
}

static int restart_is_local_place(CXCursor target)
{
    CXCursor variable = lc_extract_loop_variable(target);
    return !clang_Cursor_isNull(variable) && lc_extract_is_local(variable);
}

/* Calls and writes in an expression or statement run before the call. */
static enum CXChildVisitResult restart_effects_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct restart_scan *scan = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor sides[2];
    if (kind == CXCursor_CallExpr) {
        scan->bad = 1;
    } else if (kind == CXCursor_CompoundAssignOperator && lc_extract_children(cursor, sides, 2) == 2) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(cursor);
        scan->bad = !restart_is_local_place(sides[0])
                    && !((op == CXBinaryOperator_OrAssign || op == CXBinaryOperator_AndAssign)
                         && restart_is_constant(sides[1]));
    } else if (kind == CXCursor_BinaryOperator && clang_getCursorBinaryOperatorKind(cursor) == CXBinaryOperator_Assign
               && lc_extract_children(cursor, sides, 2) == 2) {
        scan->bad = !restart_is_local_place(sides[0]) && !restart_is_constant(sides[1]);
    } else if (!clang_Cursor_isNull(lc_extract_updated_operand(cursor))) {
        scan->bad = !restart_is_local_place(lc_extract_updated_operand(cursor));
    }
    return scan->bad ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* Does the statement end in a `return` (itself, or a block's last)? */
static int restart_returns(CXCursor statement)
{
    if (clang_getCursorKind(statement) == CXCursor_ReturnStmt)
        return 1;
    CXCursor items[64];
    unsigned count = clang_getCursorKind(statement) == CXCursor_CompoundStmt ? lc_extract_children(statement, items, 64)
                                                                            : 0;
    return count > 0 && count <= 64 && restart_returns(items[count - 1]);
}

/* A statement run before the call, not holding it. */
static void restart_before(struct restart_scan *scan, CXCursor statement)
{
    CXCursor parts[3];
    if (clang_getCursorKind(statement) == CXCursor_IfStmt) {
        unsigned count = lc_extract_children(statement, parts, 3);
        lc_extract_visit_all(parts[0], restart_effects_visit, scan);
        for (unsigned i = 1; i < count && i < 3 && !scan->bad; i++)
            if (!restart_returns(parts[i]))
                restart_before(scan, parts[i]);
        return;
    }
    if (clang_getCursorKind(statement) == CXCursor_CompoundStmt) {
        CXCursor *items = NULL;
        unsigned count = lc_extract_children(statement, NULL, 0);
        items = count > 0 ? malloc(count * sizeof *items) : NULL;
        if (count > 0 && !items) {
            scan->bad = 1;
            return;
        }
        lc_extract_children(statement, items, count);
        for (unsigned i = 0; i < count && !scan->bad; i++)
            restart_before(scan, items[i]);
        free(items);
        return;
    }
    lc_extract_visit_all(statement, restart_effects_visit, scan);
}

/* On the way down: what the conditions and the statements before the call
 * run (lc_extract_call_path). */
static int restart_condition(void *context, CXCursor condition, int branch)
{
    (void)branch;
    struct restart_scan *scan = context;
    lc_extract_visit_all(condition, restart_effects_visit, scan);
    return scan->bad;
}

static int restart_statement_before(void *context, CXCursor statement)
{
    struct restart_scan *scan = context;
    restart_before(scan, statement);
    return scan->bad;
}

/* Is argument `index` the caller's own parameter of that position, never
 * changed in the function? */
static int restart_passes_own(struct lc_extract_walk *walk, CXCursor argument, int index)
{
    CXCursor variable = lc_extract_loop_variable(argument);
    if (clang_Cursor_isNull(variable) || clang_getCursorKind(variable) != CXCursor_ParmDecl
        || lc_extract_parameter_position(variable) != index + 1)
        return 0;
    struct lc_extract_variables changed = { .count = 0, .found = 0 };
    lc_extract_changed_variables(clang_getCursorDefinition(walk->function), &changed);
    return !lc_extract_variables_has_declaration(&changed, variable);
}

int lc_extract_restart_call(struct lc_extract_walk *walk, CXCursor call)
{
    if (!lc_extract_is_self_call(walk, call))
        return 0;
    int count = clang_Cursor_getNumArguments(call), constants = 0;
    for (int i = 0; i < count; i++) {
        CXCursor argument = clang_Cursor_getArgument(call, (unsigned)i);
        if (restart_is_constant(argument))
            constants++;
        else if (!restart_passes_own(walk, argument, i))
            return 0;
    }
    CXCursor body = lc_extract_function_body(walk->function);
    if (constants == 0 || clang_Cursor_isNull(body))
        return 0;
    struct restart_scan scan = { call, 0 };
    struct lc_extract_call_path_visitor visitor = { restart_condition, restart_statement_before, &scan };
    /* the call a statement of its own; not in a condition, a loop, a
     * switch, after a label nor in a larger expression */
    return lc_extract_call_path(body, call, &visitor) == LC_CALL_PATH_STATEMENT && !scan.bad;
}
