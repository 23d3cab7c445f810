/* extract_changes.c — what the loop-shape tests share about changes
 * and visits: adding a declaration to a set of variables, the operand an
 * assignment, `++`/`--`, a compound assignment or `&` changes, the
 * variables changed under a cursor, and visits of a cursor's whole tree
 * (itself first) or until a test holds. */
#include "extract_internal.h"

void lc_extract_variables_add(struct lc_extract_variables *set, CXCursor declaration)
{
    if (!clang_Cursor_isNull(declaration) && !lc_extract_variables_has_declaration(set, declaration)
        && set->count < LC_EXTRACT_VARIABLES)
        set->declarations[set->count++] = declaration;
}

/* Variables assigned, incremented or decremented under a cursor, or whose
 * address a call is given (`memcpy(&h, children + j, sizeof h)`). */
static enum CXChildVisitResult changes_changed_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct lc_extract_variables *changed = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor target;
    if (kind == CXCursor_CallExpr) {
        int count = clang_Cursor_getNumArguments(cursor);
        for (int i = 0; i < count; i++) {
            CXCursor argument = lc_extract_strip(clang_Cursor_getArgument(cursor, (unsigned)i)), operand;
            if (clang_getCursorKind(argument) == CXCursor_UnaryOperator
                && clang_getCursorUnaryOperatorKind(argument) == CXUnaryOperator_AddrOf
                && lc_extract_children(argument, &operand, 1) == 1)
                lc_extract_variables_add(changed, lc_extract_loop_variable(operand));
        }
        return CXChildVisit_Recurse;
    }
    target = lc_extract_assigned_operand(cursor);
    if (!clang_Cursor_isNull(target))
        lc_extract_variables_add(changed, lc_extract_loop_variable(target));
    return CXChildVisit_Recurse;
}

CXCursor lc_extract_assigned_operand(CXCursor cursor)
{
    CXCursor sides[2], target = lc_extract_updated_operand(cursor);
    return clang_Cursor_isNull(target) && lc_extract_assignment_sides(cursor, sides) ? sides[0] : target;
}

CXCursor lc_extract_changed_operand(CXCursor cursor)
{
    CXCursor target = lc_extract_assigned_operand(cursor);
    if (clang_Cursor_isNull(target) && clang_getCursorKind(cursor) == CXCursor_UnaryOperator
        && clang_getCursorUnaryOperatorKind(cursor) == CXUnaryOperator_AddrOf
        && lc_extract_children(cursor, &target, 1) != 1)
        return clang_getNullCursor();
    return target;
}

CXCursor lc_extract_updated_operand(CXCursor cursor)
{
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    int updates = kind == CXCursor_CompoundAssignOperator
                  || (kind == CXCursor_UnaryOperator
                      && clang_getCursorUnaryOperatorKind(cursor) >= CXUnaryOperator_PostInc
                      && clang_getCursorUnaryOperatorKind(cursor) <= CXUnaryOperator_PreDec);
    CXCursor target;
    return updates && lc_extract_children(cursor, &target, 1) >= 1 ? target : clang_getNullCursor();
}

void lc_extract_visit_all(CXCursor cursor, CXCursorVisitor visitor, void *data)
{
    if (!clang_Cursor_isNull(cursor) && visitor(cursor, clang_getNullCursor(), data) == CXChildVisit_Recurse)
        clang_visitChildren(cursor, visitor, data);
}

struct extract_any {
    int (*matches)(CXCursor cursor, void *arg);
    void *arg;
    int found;
};

static enum CXChildVisitResult extract_any_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct extract_any *any = data;
    any->found = any->matches(cursor, any->arg);
    return any->found ? CXChildVisit_Break : CXChildVisit_Recurse;
}

int lc_extract_any(CXCursor cursor, int (*matches)(CXCursor cursor, void *arg), void *arg)
{
    struct extract_any any = { matches, arg, 0 };
    lc_extract_visit_all(cursor, extract_any_visit, &any);
    return any.found;
}

static int extract_is_call(CXCursor cursor, void *unused)
{
    (void)unused;
    return clang_getCursorKind(cursor) == CXCursor_CallExpr;
}

int lc_extract_holds_call(CXCursor expr)
{
    return lc_extract_any(expr, extract_is_call, NULL);
}

int lc_extract_names(CXCursor expr, CXCursor variable)
{
    CXCursor named = lc_extract_loop_variable(expr);
    return !clang_Cursor_isNull(named) && clang_equalCursors(named, variable);
}

int lc_extract_increases(CXCursor expr, CXCursor *operand)
{
    expr = lc_extract_strip(expr);
    CXCursor sides[2];
    long long step;
    if (clang_getCursorKind(expr) == CXCursor_UnaryOperator) {
        enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(expr);
        return (op == CXUnaryOperator_PostInc || op == CXUnaryOperator_PreInc)
               && lc_extract_children(expr, operand, 1) == 1;
    }
    if (clang_getCursorKind(expr) != CXCursor_CompoundAssignOperator
        || clang_getCursorBinaryOperatorKind(expr) != CXBinaryOperator_AddAssign
        || lc_extract_children(expr, sides, 2) != 2 || !lc_extract_integer_constant(sides[1], &step) || step <= 0)
        return 0;
    *operand = sides[0];
    return 1;
}

int lc_extract_cuts_round(CXCursor cursor, void *unused)
{
    (void)unused;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    return kind == CXCursor_ContinueStmt || kind == CXCursor_GotoStmt || kind == CXCursor_LabelStmt;
}

static int extract_is_expression(CXCursor cursor, void *expression)
{
    return lc_extract_same_expression(cursor, *(const CXCursor *)expression);
}

int lc_extract_holds(CXCursor statement, CXCursor expression)
{
    return lc_extract_any(statement, extract_is_expression, &expression);
}

CXCursor lc_extract_function_body(CXCursor function)
{
    CXCursor items[8], body = clang_getNullCursor();
    unsigned children = lc_extract_children(clang_getCursorDefinition(function), items, 8);
    for (unsigned i = 0; i < children && i < 8; i++)
        if (clang_getCursorKind(items[i]) == CXCursor_CompoundStmt)
            body = items[i];
    return body;
}

void lc_extract_changed_variables(CXCursor cursor, struct lc_extract_variables *changed)
{
    lc_extract_visit_all(cursor, changes_changed_visit, changed);
}
