/* extract_loop_step_call.c — is a call the loop's step, the call that
 * moves its walker on?  An iterator's next function does: over all the
 * rounds it visits the data once (a tree's in-order successor, a hash
 * table's next non-empty bucket), so the call counts as outside the loop.
 * It is the step when, in the loop's condition or increment, it gives a
 * variable its value (`x = next(x)`, `(de = dictNext(di)) != NULL`) or
 * advances an iterator whose address it is given (`while
 * (raxNext(&it))`); or when, in the body, it gives the walker the
 * condition tests (`while (i) { ...; i = HT_NEXT_RMV(map, head, i); }`),
 * or the copy the increment steps the walker to (`for (ent = first; ent;
 * ent = next) { ...; next = HT_NEXT(map, head, ent); }`), its next value
 * from the walker itself.  The value may pick one of two steps (`iter =
 * del ? strmap_iter_next_rmv(map, iter) : strmap_iter_next(map, iter)`,
 * tor's MAP_FOREACH_MODIFY): each is the step.  Also the call whose
 * non-zero result keeps a loop going (`while ((e = ERR_get_error()) !=
 * 0)`), for `drains` models. */
#include "extract_internal.h"

/* Is `value` the call, or a `?:` one of whose arms is? */
static int step_value_is(CXCursor value, CXCursor call)
{
    CXCursor arms[3];
    value = lc_extract_strip(value);
    if (lc_extract_same_expression(value, call))
        return 1;
    return clang_getCursorKind(value) == CXCursor_ConditionalOperator && lc_extract_children(value, arms, 3) == 3
           && (lc_extract_same_expression(lc_extract_strip(arms[1]), call)
               || lc_extract_same_expression(lc_extract_strip(arms[2]), call));
}

/* A call in the condition or increment giving a variable its value, or
 * advancing an iterator whose address it is given. */
struct walk_step {
    CXCursor call;
    int step;
};

static int walk_takes_address(CXCursor call)
{
    int count = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < count; i++) {
        CXCursor argument = lc_extract_strip(clang_Cursor_getArgument(call, (unsigned)i)), operand;
        if (clang_getCursorKind(argument) == CXCursor_UnaryOperator
            && clang_getCursorUnaryOperatorKind(argument) == CXUnaryOperator_AddrOf
            && lc_extract_children(argument, &operand, 1) == 1
            && !clang_Cursor_isNull(lc_extract_loop_variable(operand)))
            return 1;
    }
    return 0;
}

static enum CXChildVisitResult walk_step_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct walk_step *step = data;
    CXCursor sides[2];
    if (lc_extract_same_expression(cursor, step->call)) {
        step->step = walk_takes_address(cursor);
        return CXChildVisit_Break;
    }
    if (lc_extract_assignment_sides(cursor, sides) && step_value_is(sides[1], step->call)
        && !clang_Cursor_isNull(lc_extract_loop_variable(sides[0]))) {
        step->step = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* A call in the body giving the walker (or the copy the increment steps
 * it to) its next value from itself. */
struct body_step {
    CXCursor call, walker, copy;
    int step;
};

static enum CXChildVisitResult body_step_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct body_step *step = data;
    CXCursor sides[2];
    if (!lc_extract_assignment_sides(cursor, sides) || !step_value_is(sides[1], step->call))
        return CXChildVisit_Recurse;
    CXCursor target = lc_extract_loop_variable(sides[0]);
    step->step = !clang_Cursor_isNull(target)
                 && (clang_equalCursors(target, step->walker) || clang_equalCursors(target, step->copy))
                 && lc_extract_reads_variable(sides[1], step->walker);
    return CXChildVisit_Break;
}

/* The variable the increment steps the walker to (`ent = next`), or a
 * null cursor. */
static CXCursor step_copy(const struct lc_extract_loop_parts *parts, CXCursor walker)
{
    CXCursor increment = lc_extract_strip(parts->increment), sides[2];
    if (clang_Cursor_isNull(increment) || !lc_extract_assignment_sides(increment, sides)
        || !clang_equalCursors(lc_extract_loop_variable(sides[0]), walker))
        return clang_getNullCursor();
    return lc_extract_loop_variable(sides[1]);
}

int lc_extract_loop_is_step(const struct lc_extract_loop_parts *parts, CXCursor call)
{
    struct walk_step step = { call, 0 };
    const CXCursor *pieces[2] = { &parts->condition, &parts->increment };
    for (int i = 0; i < 2 && !step.step; i++)
        if (!clang_Cursor_isNull(*pieces[i]) && walk_step_visit(*pieces[i], clang_getNullCursor(), &step)
            == CXChildVisit_Recurse)
            clang_visitChildren(*pieces[i], walk_step_visit, &step);
    CXCursor walker = clang_Cursor_isNull(parts->condition) ? clang_getNullCursor()
                                                           : lc_extract_only_variable(parts->condition);
    if (step.step || clang_Cursor_isNull(walker) || clang_Cursor_isNull(parts->body))
        return step.step;
    struct body_step in_body = { call, walker, step_copy(parts, walker), 0 };
    lc_extract_visit_all(parts->body, body_step_visit, &in_body);
    return in_body.step;
}

/* A call's truth: the call, `(x = f(...))`, either compared `!= 0` or
 * `!= NULL`; the call, or a null cursor. */
static CXCursor drain_call_of(CXCursor condition)
{
    CXCursor at = lc_extract_strip(condition), sides[2];
    if (clang_getCursorKind(at) == CXCursor_CallExpr)
        return at;
    if (clang_getCursorKind(at) != CXCursor_BinaryOperator || lc_extract_children(at, sides, 2) != 2)
        return clang_getNullCursor();
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(at);
    if (op == CXBinaryOperator_Assign && !clang_Cursor_isNull(lc_extract_loop_variable(sides[0])))
        return clang_getCursorKind(lc_extract_strip(sides[1])) == CXCursor_CallExpr ? lc_extract_strip(sides[1])
                                                                                : clang_getNullCursor();
    if (op != CXBinaryOperator_NE)
        return clang_getNullCursor();
    long long value = 1;
    if (lc_extract_is_null_pointer_constant(sides[1]) || (lc_extract_integer_constant(sides[1], &value) && value == 0))
        return drain_call_of(sides[0]);
    if (lc_extract_is_null_pointer_constant(sides[0]) || (lc_extract_integer_constant(sides[0], &value) && value == 0))
        return drain_call_of(sides[1]);
    return clang_getNullCursor();
}

const char *lc_extract_loop_drain_name(struct lc_extract_walk *walk, CXCursor condition)
{
    CXCursor call = clang_Cursor_isNull(condition) ? condition : drain_call_of(condition);
    CXCursor callee = lc_extract_called_function(call);
    return clang_Cursor_isNull(callee) ? NULL : lc_extract_string(walk, clang_getCursorSpelling(callee));
}
