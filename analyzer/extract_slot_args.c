/* extract_slot_args.c — arguments that pick one slot of an array, so that
 * a call made once per slot does each slot's work once (cost.c's slot
 * tracker):
 *  - an argument that is a slot at an index parameter of the caller, or a
 *    place inside it (`&args->values[idx]`, `t[idx]`, `t[idx].name`, also
 *    through a local set once to one, `gl = &gd->lines[idx]; free(gl->cells)`;
 *    the index an integer parameter the caller never changes): a caller
 *    doing its work through it does the work of the slot `idx` picks
 *    (call_arg slot_of_param);
 *  - an argument that is a loop's counter stepped by one, or a local
 *    stepped by one right there (`args_string(args, i++)`): every round
 *    gives another index (call facts counter_args). */
#include "extract_internal.h"

/* The value of a local given one at its declaration and never again,
 * whose address is not taken (`struct line *gl = &gd->lines[py];`), or
 * null. */
static CXCursor slot_local_value(struct lc_extract_walk *walk, CXCursor variable)
{
    if (!lc_extract_is_local(variable) || !lc_extract_variable_events_cover(walk, walk->function))
        return clang_getNullCursor();
    const struct lc_extract_variable_event *event = lc_extract_variable_event_next(walk, variable, NULL);
    if (!event || event->kind != LC_EXTRACT_EVENT_DECLARED || lc_extract_variable_event_next(walk, variable, event))
        return clang_getNullCursor();
    return event->value;
}

/* The index of `expr`'s slot: `t[i]`, `&t[i]`, `t[i].f`, `&t[i].f`,
 * `t[i]->f`, and `p->f` for a local p holding one of them. */
static CXCursor slot_index(struct lc_extract_walk *walk, CXCursor expr)
{
    CXCursor parts[2];
    int followed = 0;
    for (int depth = 0; depth < 8; depth++) {
        expr = lc_extract_strip(expr);
        enum CXCursorKind kind = clang_getCursorKind(expr);
        if (kind == CXCursor_ArraySubscriptExpr)
            return lc_extract_children(expr, parts, 2) == 2 ? lc_extract_strip(parts[1]) : clang_getNullCursor();
        if (kind == CXCursor_DeclRefExpr && !followed) {
            expr = slot_local_value(walk, clang_getCanonicalCursor(clang_getCursorReferenced(expr)));
            followed = 1;
            if (clang_Cursor_isNull(expr))
                break;
            continue;
        }
        int address = kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(expr) == CXUnaryOperator_AddrOf;
        if ((!address && kind != CXCursor_MemberRefExpr) || lc_extract_children(expr, parts, 1) < 1)
            break;
        expr = parts[0];
    }
    return clang_getNullCursor();
}

int lc_extract_slot_of_parameter(struct lc_extract_walk *walk, CXCursor argument)
{
    CXCursor index = slot_index(walk, argument);
    if (clang_Cursor_isNull(index) || clang_getCursorKind(index) != CXCursor_DeclRefExpr)
        return 0;
    if (!lc_extract_is_counting_integer(clang_getCursorType(index)))
        return 0;
    int param = lc_extract_unchanged_parameter(walk, clang_getCursorReferenced(index));
    return param >= 0 ? param + 1 : 0;
}

/* Is `argument` `v++` or `++v`, v a local integer? */
static int slot_stepped_local(CXCursor argument)
{
    CXCursor operand;
    argument = lc_extract_strip(argument);
    if (clang_getCursorKind(argument) != CXCursor_UnaryOperator || lc_extract_children(argument, &operand, 1) != 1)
        return 0;
    enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(argument);
    CXCursor variable = clang_getCanonicalCursor(clang_getCursorReferenced(lc_extract_strip(operand)));
    return (op == CXUnaryOperator_PostInc || op == CXUnaryOperator_PreInc) && lc_extract_is_local(variable)
           && lc_extract_is_counting_integer(clang_getCursorType(variable));
}

unsigned lc_extract_counter_arguments(const struct lc_extract_loop_parts *loop, CXCursor call)
{
    CXCursor counter = clang_getNullCursor(), bound;
    if (!lc_extract_loop_counting(loop, &counter, &bound))
        counter = clang_getNullCursor();
    int count = clang_Cursor_getNumArguments(call);
    unsigned mask = 0;
    for (int i = 0; i < count && i < LC_ELEMENT_ARGUMENTS; i++) {
        CXCursor argument = clang_Cursor_getArgument(call, (unsigned)i);
        if (slot_stepped_local(argument)
            || (!clang_Cursor_isNull(counter) && lc_extract_is_variable(argument, counter)))
            mask |= 1u << i;
    }
    return mask;
}
