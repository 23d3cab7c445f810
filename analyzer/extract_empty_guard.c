/* extract_empty_guard.c — calls made only where a count field of an
 * object is 0 (facts.h, lc_call_fact empty_field_usr): in the then branch
 * of
 *
 *     if (p->free_count == 0)            (also `0 == p->n`, `!p->n`,
 *         new_slab(id);                   `p->n < 1`, `p->n <= 0`, one
 *                                         side of `&&`)
 *
 * with p any pointer.  When the callee counts that field up in a loop's
 * rounds (extract_counted_fields.c), the call refills an empty pool: it
 * runs once per emptying, and what it does is paid for by the takes that
 * emptied the pool (cost_calls.c). */
#include "extract_internal.h"

/* `p->n` of a counting integer type (no `_Bool`, no enum) through a
 * pointer: the field in *field. */
static int empty_count(CXCursor expr, CXCursor *field)
{
    expr = lc_extract_strip(expr);
    return lc_extract_is_counting_integer(clang_getCursorType(expr))
           && !clang_Cursor_isNull(lc_extract_pointer_field(expr, field));
}

/* Is `test` a test that a count is 0?  The count's field in *field. */
static int empty_test(CXCursor test, CXCursor *field)
{
    CXCursor sides[2];
    long long value;
    test = lc_extract_strip(test);
    if (clang_getCursorKind(test) == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(test) == CXUnaryOperator_LNot)
        return lc_extract_children(test, sides, 1) == 1 && empty_count(sides[0], field);
    if (clang_getCursorKind(test) != CXCursor_BinaryOperator || lc_extract_children(test, sides, 2) != 2)
        return 0;
    switch (clang_getCursorBinaryOperatorKind(test)) {
    case CXBinaryOperator_LAnd:
        return empty_test(sides[0], field) || empty_test(sides[1], field);
    case CXBinaryOperator_EQ:
        return (lc_extract_integer_constant(sides[1], &value) && value == 0 && empty_count(sides[0], field))
               || (lc_extract_integer_constant(sides[0], &value) && value == 0 && empty_count(sides[1], field));
    case CXBinaryOperator_LT:
        return lc_extract_integer_constant(sides[1], &value) && value == 1 && empty_count(sides[0], field);
    case CXBinaryOperator_LE:
        return lc_extract_integer_constant(sides[1], &value) && value == 0 && empty_count(sides[0], field);
    default:
        return 0;
    }
}

void lc_extract_empty_guard_calls(struct lc_extract_walk *walk, CXCursor condition, size_t first_call)
{
    CXCursor field;
    if (first_call >= walk->facts->call_count || !empty_test(condition, &field))
        return;
    const char *usr = lc_extract_usr(walk, field);
    if (!usr) {
        walk->out_of_memory = 1;
        return;
    }
    for (size_t c = first_call; c < walk->facts->call_count; c++)
        walk->facts->calls[c].empty_field_usr = usr;
}
