/* extract_loop_count.c — the element a loop draining a count takes each
 * round: `while (oa->numops) { oa->numops--; op = oa->ops + oa->numops;
 * ... }` walks the ops from the end, `op` being the current one, so an
 * inner loop over `op->argc` walks that op's own arguments
 * (extract_loop_children.c).  The count may also be drained by a call
 * given its owner, which removes the element the body took from one of
 * the owner's fields: `while (listLength(l)) { ln = listFirst(l); ...;
 * listDelNode(l, ln); }` takes the head each round, a new one since the
 * call removed the last.  And a count counted down while a call given
 * only its owner (or the owner's fields) takes an item out each round,
 * through a local's address or as its result, makes that local the
 * element: `while (c->pending) { redisGetReply(c->context, &reply); ...;
 * c->pending--; }`. */
#include "extract_internal.h"

#define COUNT_DRAINING_CALLS 8   /* calls given the count's owner, looked at */

/* A count the loop drains: its condition is a field (`oa->numops`, `!= 0`,
 * `> 0`) that its body or increment counts down or up (`oa->numops--`),
 * or that a call given its owner may change (`listDelNode(l, ln)` for
 * `l->len`). */
struct drained_count {
    CXCursor place;   /* the count: `oa->numops`, `l->len` */
    CXCursor owner;   /* what holds it: `oa`, `l` */
    int found;        /* set by a visit: the place changed, or read */
    int counted;      /* the body or increment counts the place itself */
    CXCursor calls[COUNT_DRAINING_CALLS];   /* calls given the owner */
    unsigned call_count;
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

/* Is `argument` the owner, or its address? */
static int count_is_owner(const struct drained_count *count, CXCursor argument)
{
    CXCursor operand;
    argument = lc_extract_strip(argument);
    if (clang_getCursorKind(argument) == CXCursor_UnaryOperator
        && clang_getCursorUnaryOperatorKind(argument) == CXUnaryOperator_AddrOf
        && lc_extract_children(argument, &operand, 1) == 1)
        argument = operand;
    return lc_extract_same_place(argument, count->owner);
}

/* The calls of the body given the owner: each may drain the count. */
static enum CXChildVisitResult count_call_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct drained_count *count = data;
    if (clang_getCursorKind(cursor) != CXCursor_CallExpr || count->call_count == COUNT_DRAINING_CALLS)
        return CXChildVisit_Recurse;
    int arguments = clang_Cursor_getNumArguments(cursor);
    for (int i = 0; i < arguments; i++)
        if (count_is_owner(count, clang_Cursor_getArgument(cursor, (unsigned)i))) {
            count->calls[count->call_count++] = cursor;
            break;
        }
    return CXChildVisit_Recurse;
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

/* Does `expr` read a field of the owner (`l->head`)? */
static enum CXChildVisitResult count_owner_field_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct drained_count *count = data;
    CXCursor base;
    if (clang_getCursorKind(cursor) == CXCursor_MemberRefExpr && lc_extract_children(cursor, &base, 1) == 1
        && lc_extract_same_place(base, count->owner)) {
        count->found = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* Is `variable` given to a call that may drain the count (the body
 * removes what it took)? */
static int count_removed_by_call(const struct drained_count *count, CXCursor variable)
{
    for (unsigned i = 0; i < count->call_count; i++) {
        int arguments = clang_Cursor_getNumArguments(count->calls[i]);
        for (int j = 0; j < arguments; j++)
            if (clang_equalCursors(lc_extract_loop_variable(clang_Cursor_getArgument(count->calls[i], (unsigned)j)),
                                   variable))
                return 1;
    }
    return 0;
}

/* Is `argument` the owner, one of its fields (`c->context`,
 * `&q->items`) or the owner's address? */
static int count_owner_or_field(struct drained_count *count, CXCursor argument)
{
    if (count_is_owner(count, argument))
        return 1;
    CXCursor operand;
    count->found = 0;
    argument = lc_extract_strip(argument);
    if (clang_getCursorKind(argument) == CXCursor_UnaryOperator
        && clang_getCursorUnaryOperatorKind(argument) == CXUnaryOperator_AddrOf
        && lc_extract_children(argument, &operand, 1) == 1)
        argument = lc_extract_strip(operand);
    if (clang_getCursorKind(argument) == CXCursor_MemberRefExpr)
        count_owner_field_visit(argument, clang_getNullCursor(), count);
    return count->found;
}

/* A call that takes the next item out of the owner: given the owner or
 * its fields, constants, and, when `variable` is not null, that local's
 * address (`redisGetReply(c->context, &reply)`, `item = pop(q)`). */
static int count_taken_from_owner(struct drained_count *count, CXCursor call, CXCursor variable)
{
    int count_arguments = clang_Cursor_getNumArguments(call), from_owner = 0;
    for (int i = 0; i < count_arguments; i++) {
        CXCursor argument = lc_extract_strip(clang_Cursor_getArgument(call, (unsigned)i)), operand;
        long long number;
        if (clang_getCursorKind(argument) == CXCursor_StringLiteral || lc_extract_integer_constant(argument, &number)
            || lc_extract_is_null_pointer_constant(argument))
            continue;
        if (!clang_Cursor_isNull(variable) && clang_getCursorKind(argument) == CXCursor_UnaryOperator
            && clang_getCursorUnaryOperatorKind(argument) == CXUnaryOperator_AddrOf
            && lc_extract_children(argument, &operand, 1) == 1
            && clang_equalCursors(lc_extract_loop_variable(operand), variable))
            continue;
        if (!count_owner_or_field(count, argument))
            return 0;
        from_owner = 1;
    }
    return from_owner;
}

/* The locals a call in the body gives its address to, taking the next
 * item out of the owner of a count the loop counts down. */
static void count_taken_through_address(struct drained_count *count, CXCursor call)
{
    int arguments = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < arguments; i++) {
        CXCursor argument = lc_extract_strip(clang_Cursor_getArgument(call, (unsigned)i)), operand;
        if (clang_getCursorKind(argument) != CXCursor_UnaryOperator
            || clang_getCursorUnaryOperatorKind(argument) != CXUnaryOperator_AddrOf
            || lc_extract_children(argument, &operand, 1) != 1)
            continue;
        CXCursor variable = lc_extract_loop_variable(operand);
        if (!clang_Cursor_isNull(variable) && lc_extract_is_local(variable) && count_taken_from_owner(count, call, variable))
            lc_extract_variables_add(count->element, variable);
    }
}

/* Locals the body sets from the count it counts down (`op = oa->ops +
 * oa->numops`), or from the count or a field of the owner and then gives
 * to a call draining the count (`ln = listFirst(l)`, `listDelNode(l,
 * ln)`): the element taken each round.  With the count counted down,
 * also a local a call takes out of the owner (count_taken_from_owner). */
static enum CXChildVisitResult count_element_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct drained_count *count = data;
    CXCursor value, variable = lc_extract_variable_set(cursor, &value);
    if (count->counted && clang_getCursorKind(cursor) == CXCursor_CallExpr)
        count_taken_through_address(count, cursor);
    if (clang_Cursor_isNull(variable))
        return CXChildVisit_Recurse;
    int at_count = count_is_read(count, value);
    CXCursor call = lc_extract_strip(value);
    int taken = count->counted && clang_getCursorKind(call) == CXCursor_CallExpr
                && count_taken_from_owner(count, call, clang_getNullCursor());
    if ((at_count && count->counted) || taken) {
        lc_extract_variables_add(count->element, variable);
        return CXChildVisit_Recurse;
    }
    count->found = 0;
    lc_extract_visit_all(value, count_owner_field_visit, count);
    if ((at_count || count->found) && count_removed_by_call(count, variable))
        lc_extract_variables_add(count->element, variable);
    return CXChildVisit_Recurse;
}

void lc_extract_loop_counted_element(const struct lc_extract_loop_parts *outer, struct lc_extract_variables *element)
{
    CXCursor place = lc_extract_strip(outer->condition), sides[2], owner;
    long long zero;
    if (clang_getCursorKind(place) == CXCursor_BinaryOperator && lc_extract_children(place, sides, 2) == 2
        && (clang_getCursorBinaryOperatorKind(place) == CXBinaryOperator_NE
            || clang_getCursorBinaryOperatorKind(place) == CXBinaryOperator_GT)
        && lc_extract_integer_constant(lc_extract_strip(sides[1]), &zero) && zero == 0)
        place = lc_extract_strip(sides[0]);
    if (clang_getCursorKind(place) != CXCursor_MemberRefExpr || lc_extract_children(place, &owner, 1) != 1)
        return;
    struct drained_count count = { .place = place, .owner = lc_extract_strip(owner), .element = element };
    lc_extract_visit_all(outer->increment, count_changed_visit, &count);
    lc_extract_visit_all(outer->body, count_changed_visit, &count);
    count.counted = count.found;
    lc_extract_visit_all(outer->body, count_call_visit, &count);
    if (count.counted || count.call_count > 0)
        lc_extract_visit_all(outer->body, count_element_visit, &count);
}
