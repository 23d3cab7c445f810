/* extract_loop_walk.c — does an inner loop continue the walk of the loop
 * around it?  A scanner's inner loop that skips a token advances the
 * pointer or counter of the scan (`while (*p == ' ') p++;` inside
 * `while (*p)`): all its rounds together are bounded by the outer walk,
 * not multiplied by it.  It does when it advances (`v++`, `v -= k`,
 * `v = v->next`, `v = strchr(v, ',')`: an assignment that reads v itself)
 * a variable its own condition reads, one that the outer loop never sets afresh (`v = start`, an
 * assignment that does not read v, in its condition, increment or body,
 * the inner loop included) and that either the outer loop's condition
 * reads or is declared outside the outer loop: it only moves forward over
 * all the outer loop's rounds. */
#include "extract_internal.h"

enum walk_change { WALK_NONE, WALK_ADVANCE, WALK_RESET };

/* What `cursor` does to a variable (*variable), if anything. */
static enum walk_change walk_change_of(CXCursor cursor, CXCursor *variable)
{
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor sides[2];
    if (kind == CXCursor_UnaryOperator && lc_extract_children(cursor, sides, 1) == 1) {
        enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(cursor);
        *variable = lc_extract_loop_variable(sides[0]);
        return op >= CXUnaryOperator_PostInc && op <= CXUnaryOperator_PreDec ? WALK_ADVANCE : WALK_NONE;
    }
    if (kind == CXCursor_CompoundAssignOperator && lc_extract_children(cursor, sides, 2) == 2) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(cursor);
        *variable = lc_extract_loop_variable(sides[0]);
        return op == CXBinaryOperator_AddAssign || op == CXBinaryOperator_SubAssign ? WALK_ADVANCE : WALK_RESET;
    }
    if (kind == CXCursor_BinaryOperator && clang_getCursorBinaryOperatorKind(cursor) == CXBinaryOperator_Assign
        && lc_extract_children(cursor, sides, 2) == 2) {
        struct lc_extract_variables read = { .count = 0, .found = 0 };
        *variable = lc_extract_loop_variable(sides[0]);
        lc_extract_variables_collect(sides[1], &read);
        return lc_extract_variables_has(&read, sides[0]) ? WALK_ADVANCE : WALK_RESET;
    }
    return WALK_NONE;
}

static enum CXChildVisitResult walk_advances_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct lc_extract_variables *advanced = data;
    CXCursor variable = clang_getNullCursor();
    if (walk_change_of(cursor, &variable) == WALK_ADVANCE && !clang_Cursor_isNull(variable)
        && advanced->count < LC_EXTRACT_VARIABLES) {
        int known = 0;
        for (unsigned i = 0; i < advanced->count && !known; i++)
            known = clang_equalCursors(advanced->declarations[i], variable);
        if (!known)
            advanced->declarations[advanced->count++] = variable;
    }
    return CXChildVisit_Recurse;
}

/* Does anything under `cursor` set `variables->declarations[0]` afresh? */
static enum CXChildVisitResult walk_reset_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct lc_extract_variables *variables = data;
    CXCursor variable = clang_getNullCursor();
    if (walk_change_of(cursor, &variable) == WALK_RESET && !clang_Cursor_isNull(variable)
        && clang_equalCursors(variable, variables->declarations[0]))
        variables->found = 1;
    return variables->found ? CXChildVisit_Break : CXChildVisit_Recurse;
}

static void walk_visit_parts(const struct lc_extract_loop_parts *parts, CXCursorVisitor visitor, void *data)
{
    const CXCursor *pieces[3] = { &parts->condition, &parts->increment, &parts->body };
    for (int i = 0; i < 3; i++)
        if (!clang_Cursor_isNull(*pieces[i]) && visitor(*pieces[i], clang_getNullCursor(), data) == CXChildVisit_Recurse)
            clang_visitChildren(*pieces[i], visitor, data);
}

static unsigned walk_offset(CXSourceLocation location)
{
    unsigned offset = 0;
    clang_getExpansionLocation(location, NULL, NULL, NULL, &offset);
    return offset;
}

/* Is `variable` declared inside `statement`? */
static int walk_declared_inside(CXCursor variable, CXCursor statement)
{
    CXSourceRange extent = clang_getCursorExtent(statement);
    unsigned at = walk_offset(clang_getCursorLocation(variable));
    return at >= walk_offset(clang_getRangeStart(extent)) && at <= walk_offset(clang_getRangeEnd(extent));
}

int lc_extract_loop_continues(const struct lc_extract_loop_parts *parts, const struct lc_extract_loop_parts *outer,
                              CXCursor outer_statement)
{
    struct lc_extract_variables advanced = { .count = 0, .found = 0 }, walked = { .count = 0, .found = 0 };
    struct lc_extract_variables own = { .count = 0, .found = 0 };
    walk_visit_parts(parts, walk_advances_visit, &advanced);
    lc_extract_variables_collect(parts->condition, &own);
    lc_extract_variables_collect(outer->condition, &walked);
    for (unsigned i = 0; i < advanced.count; i++) {
        CXCursor variable = advanced.declarations[i];
        int own_walk = 0;
        for (unsigned j = 0; j < own.count && !own_walk; j++)
            own_walk = clang_equalCursors(own.declarations[j], variable);
        if (!own_walk)
            continue;   /* `sum += x`: an accumulator, not what the loop walks */
        int in_condition = 0;
        for (unsigned j = 0; j < walked.count && !in_condition; j++)
            in_condition = clang_equalCursors(walked.declarations[j], variable);
        if (!in_condition && walk_declared_inside(variable, outer_statement))
            continue;
        struct lc_extract_variables reset = { .declarations = { variable }, .count = 1, .found = 0 };
        walk_visit_parts(outer, walk_reset_visit, &reset);
        if (!reset.found)
            return 1;
    }
    return 0;
}
