/* extract_loop_table_param.c — the pointer parameter whose table a loop
 * walks to its sentinel.  A lookup helper handed a table (`while
 * (table->name != NULL) { if (table->id == id) return table; table++; }`,
 * or `for (p = table; p->name; p++)`) makes as many rounds as the table
 * has entries: none of the function's own data bounds it, what its
 * callers pass does (a fixed table: call_arg at_most, cost_passed.c).
 *
 * The loop walks parameter P's table when its condition reads one
 * variable V and nothing else (no call), through a dereference (`V->f`,
 * `*V`, `V[k]`: the sentinel test), V points to records or pointers (an
 * array of strings or of structs, not of characters: a string's walk is
 * a text walk), the loop steps V forward by a constant (`V++`, `V += 2`),
 * and every other change the function makes to V sets it to P (V a local:
 * `p = table`; V may be P itself), P never changed but by those steps. */
#include "extract_internal.h"

/* What the function does to V, and where V starts. */
struct table_walker {
    CXCursor variable;    /* V, canonical */
    CXCursor parameter;   /* P, canonical; null until seen */
    unsigned steps;
    int failed;
};

/* `V++`, `++V`, `V += K` (K > 0). */
static int table_is_step(CXCursor cursor)
{
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor sides[2];
    long long constant;
    if (kind == CXCursor_UnaryOperator)
        return clang_getCursorUnaryOperatorKind(cursor) == CXUnaryOperator_PostInc
               || clang_getCursorUnaryOperatorKind(cursor) == CXUnaryOperator_PreInc;
    return kind == CXCursor_CompoundAssignOperator && clang_getCursorBinaryOperatorKind(cursor) == CXBinaryOperator_AddAssign
           && lc_extract_children(cursor, sides, 2) == 2 && lc_extract_integer_constant(sides[1], &constant)
           && constant > 0;
}

static int table_is(CXCursor expr, CXCursor variable)
{
    CXCursor found = lc_extract_loop_variable(expr);
    return !clang_Cursor_isNull(found) && clang_equalCursors(clang_getCanonicalCursor(found), variable);
}

static enum CXChildVisitResult table_changes_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct table_walker *walker = data;
    CXCursor value, set = lc_extract_variable_set(cursor, &value);
    if (!clang_Cursor_isNull(set) && clang_equalCursors(set, walker->variable)) {
        CXCursor source = lc_extract_loop_variable(value);
        if (clang_Cursor_isNull(source) || clang_getCursorKind(source) != CXCursor_ParmDecl
            || clang_equalCursors(walker->variable, clang_getCanonicalCursor(source))
            || (!clang_Cursor_isNull(walker->parameter)
                && !clang_equalCursors(walker->parameter, clang_getCanonicalCursor(source))))
            walker->failed = 1;
        else
            walker->parameter = clang_getCanonicalCursor(source);
        return walker->failed ? CXChildVisit_Break : CXChildVisit_Recurse;
    }
    CXCursor changed = lc_extract_changed_operand(cursor);
    if (clang_Cursor_isNull(changed) || !table_is(changed, walker->variable))
        return CXChildVisit_Recurse;
    if (!table_is_step(cursor))
        walker->failed = 1;
    return walker->failed ? CXChildVisit_Break : CXChildVisit_Recurse;
}

static enum CXChildVisitResult table_steps_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct table_walker *walker = data;
    CXCursor changed = lc_extract_updated_operand(cursor);
    if (!clang_Cursor_isNull(changed) && table_is(changed, walker->variable) && table_is_step(cursor))
        walker->steps++;
    return CXChildVisit_Recurse;
}

/* Does the condition dereference (its one variable) and call nothing? */
struct table_condition {
    int dereferences, calls;
};

static enum CXChildVisitResult table_condition_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct table_condition *condition = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (kind == CXCursor_CallExpr)
        condition->calls = 1;
    if (kind == CXCursor_MemberRefExpr || kind == CXCursor_ArraySubscriptExpr
        || (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(cursor) == CXUnaryOperator_Deref))
        condition->dereferences = 1;
    return condition->calls ? CXChildVisit_Break : CXChildVisit_Recurse;
}

static int table_points_to_entries(CXCursor variable)
{
    CXType type = clang_getCanonicalType(clang_getCursorType(variable));
    if (type.kind != CXType_Pointer)
        return 0;
    enum CXTypeKind entry = clang_getCanonicalType(clang_getPointeeType(type)).kind;
    return entry == CXType_Record || entry == CXType_Pointer;
}

int lc_extract_loop_table_param(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts)
{
    if (clang_Cursor_isNull(parts->condition) || clang_Cursor_isNull(walk->function))
        return -1;
    CXCursor variable = lc_extract_only_variable(parts->condition);
    if (clang_Cursor_isNull(variable) || !table_points_to_entries(variable)
        || (clang_getCursorKind(variable) != CXCursor_ParmDecl && !lc_extract_is_local(variable)))
        return -1;
    struct table_condition condition = { 0, 0 };
    lc_extract_visit_all(parts->condition, table_condition_visit, &condition);
    if (!condition.dereferences || condition.calls)
        return -1;
    struct table_walker walker = { clang_getCanonicalCursor(variable), clang_getNullCursor(), 0, 0 };
    if (clang_getCursorKind(variable) == CXCursor_ParmDecl)
        walker.parameter = walker.variable;
    lc_extract_visit_all(walk->function, table_changes_visit, &walker);
    if (walker.failed || clang_Cursor_isNull(walker.parameter))
        return -1;
    lc_extract_visit_all(parts->increment, table_steps_visit, &walker);
    lc_extract_visit_all(parts->body, table_steps_visit, &walker);
    if (walker.steps == 0)
        return -1;
    if (!clang_equalCursors(walker.parameter, walker.variable)) {
        /* the parameter itself stays where the callers pointed it */
        struct table_walker start = { walker.parameter, clang_getNullCursor(), 0, 0 };
        lc_extract_visit_all(walk->function, table_changes_visit, &start);
        if (start.failed || !clang_Cursor_isNull(start.parameter))
            return -1;
    }
    return lc_extract_parameter_position(walker.parameter) - 1;
}
