/* extract_loop_table_param.c — the pointer parameter whose table a loop
 * walks to its sentinel.  A lookup helper handed a table (`while
 * (table->name != NULL) { if (table->id == id) return table; table++; }`,
 * or `for (p = table; p->name; p++)`) makes as many rounds as the table
 * has entries: none of the function's own data bounds it, what its
 * callers pass does (a fixed table: call_arg table_length, loop fact
 * table_walk, cost_passed.c).
 *
 * The loop walks parameter P's table when its condition reads one
 * variable V and nothing else (no call), through a dereference (`V->f`,
 * `*V`, `V[k]`: the sentinel test), V points to records or pointers (an
 * array of strings or of structs, not of characters: a string's walk is
 * a text walk), the loop steps V forward by a constant (`V++`, `V += 2`),
 * and every other change the function makes to V (its variable events)
 * sets it to P (V a local: `p = table`; V may be P itself), P never
 * changed but by those steps. */
#include "extract_internal.h"

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

/* What the function does to `variable` (its variable events): only steps
 * forward and, unless it is `parameter` itself, sets to the one parameter
 * (*parameter, canonical; null until seen); 0 when it does anything else. */
static int table_only_steps(struct lc_extract_walk *walk, CXCursor variable, CXCursor *parameter)
{
    for (const struct lc_extract_variable_event *event = NULL;
         (event = lc_extract_variable_event_next(walk, variable, event));) {
        if (event->kind == LC_EXTRACT_EVENT_STEPPED || event->kind == LC_EXTRACT_EVENT_UPDATED) {
            if (!table_is_step(event->cursor))
                return 0;
            continue;
        }
        if (event->kind != LC_EXTRACT_EVENT_DECLARED && event->kind != LC_EXTRACT_EVENT_ASSIGNED)
            return 0;   /* its address taken */
        CXCursor source = lc_extract_loop_variable(event->value);
        if (clang_Cursor_isNull(source) || clang_getCursorKind(source) != CXCursor_ParmDecl)
            return 0;
        source = clang_getCanonicalCursor(source);
        if (clang_equalCursors(source, variable)
            || (!clang_Cursor_isNull(*parameter) && !clang_equalCursors(*parameter, source)))
            return 0;
        *parameter = source;
    }
    return 1;
}

/* The steps of V in the loop. */
struct table_steps {
    CXCursor variable;   /* canonical */
    unsigned count;
};

static enum CXChildVisitResult table_steps_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct table_steps *steps = data;
    CXCursor changed = lc_extract_loop_variable(lc_extract_updated_operand(cursor));
    if (!clang_Cursor_isNull(changed) && clang_equalCursors(clang_getCanonicalCursor(changed), steps->variable)
        && table_is_step(cursor))
        steps->count++;
    return CXChildVisit_Recurse;
}

/* A dereference: `V->f`, `V[k]`, `*V` (the sentinel test). */
static int table_dereferences(CXCursor cursor, void *unused)
{
    (void)unused;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    return kind == CXCursor_MemberRefExpr || kind == CXCursor_ArraySubscriptExpr
           || (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(cursor) == CXUnaryOperator_Deref);
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
    if (!lc_extract_any(parts->condition, table_dereferences, NULL) || lc_extract_holds_call(parts->condition))
        return -1;
    struct table_steps steps = { clang_getCanonicalCursor(variable), 0 };
    lc_extract_visit_all(parts->increment, table_steps_visit, &steps);
    lc_extract_visit_all(parts->body, table_steps_visit, &steps);
    CXCursor parameter = clang_getCursorKind(variable) == CXCursor_ParmDecl ? steps.variable : clang_getNullCursor();
    if (steps.count == 0 || !table_only_steps(walk, steps.variable, &parameter) || clang_Cursor_isNull(parameter))
        return -1;
    /* the parameter itself stays where the callers pointed it */
    CXCursor none = clang_getNullCursor();
    if (!clang_equalCursors(parameter, steps.variable) && (!table_only_steps(walk, parameter, &none)
                                                           || !clang_Cursor_isNull(none)))
        return -1;
    return lc_extract_parameter_position(parameter) - 1;
}
