/* extract_loop_count.c — the element a loop draining a count takes each
 * round: `while (oa->numops) { oa->numops--; op = oa->ops + oa->numops;
 * ... }` walks the ops from the end, `op` being the current one, so an
 * inner loop over `op->argc` walks that op's own arguments
 * (extract_loop_children.c). */
#include "extract_internal.h"

/* A count the loop drains: its condition is a field (`oa->numops`, `!= 0`,
 * `> 0`) that its body or increment counts down or up (`oa->numops--`). */
struct drained_count {
    CXCursor place;
    int found;        /* set by a visit: the place changed, or read */
    struct lc_extract_variables *element;
};

static enum CXChildVisitResult count_changed_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct drained_count *count = data;
    CXCursor target = lc_extract_updated_operand(cursor);
    if (!clang_Cursor_isNull(target) && lc_extract_same_place(target, count->place))
        count->found = 1;
    return count->found ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* Does `expr` read the count's place? */
static enum CXChildVisitResult count_read_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct drained_count *count = data;
    if (clang_getCursorKind(cursor) == CXCursor_MemberRefExpr && lc_extract_same_place(cursor, count->place)) {
        count->found = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

static int count_is_read(struct drained_count *count, CXCursor expr)
{
    count->found = 0;
    lc_extract_visit_all(expr, count_read_visit, count);
    return count->found;
}

/* Locals the body sets from the count (`op = oa->ops + oa->numops`): the
 * element taken each round. */
static enum CXChildVisitResult count_element_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct drained_count *count = data;
    CXCursor value, variable = lc_extract_variable_set(cursor, &value);
    if (!clang_Cursor_isNull(variable) && count_is_read(count, value))
        lc_extract_variables_add(count->element, variable);
    return CXChildVisit_Recurse;
}

void lc_extract_loop_counted_element(const struct lc_extract_loop_parts *outer, struct lc_extract_variables *element)
{
    CXCursor place = lc_extract_strip(outer->condition), sides[2];
    long long zero;
    if (clang_getCursorKind(place) == CXCursor_BinaryOperator && lc_extract_children(place, sides, 2) == 2
        && (clang_getCursorBinaryOperatorKind(place) == CXBinaryOperator_NE
            || clang_getCursorBinaryOperatorKind(place) == CXBinaryOperator_GT)
        && lc_extract_integer_constant(lc_extract_strip(sides[1]), &zero) && zero == 0)
        place = lc_extract_strip(sides[0]);
    if (clang_getCursorKind(place) != CXCursor_MemberRefExpr)
        return;
    struct drained_count count = { place, 0, element };
    lc_extract_visit_all(outer->increment, count_changed_visit, &count);
    lc_extract_visit_all(outer->body, count_changed_visit, &count);
    if (count.found)
        lc_extract_visit_all(outer->body, count_element_visit, &count);
}
