/* extract_walker_origin.c — where a local of a loop's condition gets its
 * values (lc_extract_walker_origin): outside the loop, from what an origin
 * callback accepts (places a parameter owns: extract_loop_owner.c; a
 * global by name: extract_loop_registry.c) or a constant; inside it, from
 * itself (`chunk = chunk->next`) or a local the loop computes from it
 * (`next = chunk->next; ... chunk = next`).  With iterator steps allowed
 * (struct lc_extract_walker_steps), a local may also be an iterator's
 * step: set inside the loop by a call given only constants and the
 * condition's other locals or their addresses (`de = dictNext(di)`, `mw1
 * = RB_NEXT(mw)`, `listNext(&li)`), and started outside it by a call given
 * its address (`listRewind(list, &li)`, which the `started` callback
 * judges). */
#include "extract_internal.h"

#define WALKER_INSIDE 16   /* assignments of a walker inside its loop looked at */

/* What the function gives one local of the condition. */
struct origin_walker {
    struct lc_extract_walk *walk;
    lc_extract_origin_of origin;            /* what a value from outside the
                                               loop is read from */
    void *context;                          /* origin's */
    const struct lc_extract_walker_steps *steps;   /* null: no iterator steps */
    CXCursor variable;                      /* canonical */
    struct lc_extract_variables derived;    /* locals the loop computes from it */
    CXCursor inside[WALKER_INSIDE];         /* its assignments in the loop's
                                               condition, increment and body,
                                               and the calls there given its
                                               address */
    unsigned inside_count;
    int param;                              /* the origin found,
                                               LC_EXTRACT_ORIGIN_NONE or _FAILED */
};

void lc_extract_origin_combine(int *param, int found)
{
    if (*param == LC_EXTRACT_ORIGIN_FAILED)
        return;
    *param = found < 0 || (*param >= 0 && *param != found) ? LC_EXTRACT_ORIGIN_FAILED : found;
}

static int walker_assigns(CXCursor cursor, CXCursor variable, CXCursor *value)
{
    CXCursor sides[2];
    if (!lc_extract_assignment_sides(cursor, sides) || !clang_equalCursors(lc_extract_loop_variable(sides[0]), variable))
        return 0;
    *value = sides[1];
    return 1;
}

/* Is `argument` the address of `variable` (`&li`, `(void *)&nick`)? */
static int walker_address_of(CXCursor argument, CXCursor variable)
{
    CXCursor operand;
    argument = lc_extract_strip(argument);
    return clang_getCursorKind(argument) == CXCursor_UnaryOperator
           && clang_getCursorUnaryOperatorKind(argument) == CXUnaryOperator_AddrOf
           && lc_extract_children(argument, &operand, 1) == 1
           && clang_equalCursors(lc_extract_loop_variable(operand), variable);
}

/* Is `cursor` a call given the walker's address? */
static int walker_call_given_address(CXCursor cursor, CXCursor variable)
{
    if (clang_getCursorKind(cursor) != CXCursor_CallExpr)
        return 0;
    int count = clang_Cursor_getNumArguments(cursor);
    for (int i = 0; i < count; i++)
        if (walker_address_of(clang_Cursor_getArgument(cursor, (unsigned)i), variable))
            return 1;
    return 0;
}

/* Is `cursor` one of the loop's own (the same node, met by another visit:
 * lc_extract_same_expression; macro-proof, unlike offsets)? */
static int walker_inside(const struct origin_walker *walker, CXCursor cursor)
{
    for (unsigned i = 0; i < walker->inside_count; i++)
        if (lc_extract_same_expression(walker->inside[i], cursor))
            return 1;
    return 0;
}

static int walker_is_constant(CXCursor value)
{
    long long number;
    return lc_extract_is_null_pointer_constant(value) || lc_extract_integer_constant(value, &number);
}

/* An iterator's step: a call given nothing but constants, string
 * literals and the condition's locals (pointers) or their addresses. */
static int walker_step_call(const struct origin_walker *walker, CXCursor call)
{
    call = lc_extract_strip(call);
    if (!walker->steps || clang_getCursorKind(call) != CXCursor_CallExpr)
        return 0;
    int count = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < count; i++) {
        CXCursor argument = lc_extract_strip(clang_Cursor_getArgument(call, (unsigned)i)), operand;
        if (walker_is_constant(argument) || clang_getCursorKind(argument) == CXCursor_StringLiteral)
            continue;
        if (clang_getCursorKind(argument) == CXCursor_UnaryOperator
            && clang_getCursorUnaryOperatorKind(argument) == CXUnaryOperator_AddrOf
            && lc_extract_children(argument, &operand, 1) == 1)
            argument = lc_extract_strip(operand);
        else if (clang_getCanonicalType(clang_getCursorType(argument)).kind != CXType_Pointer)
            return 0;
        if (clang_getCursorKind(argument) != CXCursor_DeclRefExpr
            || !lc_extract_variables_has(walker->steps->steppers, argument))
            return 0;
    }
    return 1;
}

static void walker_value(struct origin_walker *walker, CXCursor assignment, CXCursor value)
{
    if (walker_is_constant(value))
        return;
    if (lc_extract_reads_variable(value, walker->variable))
        return;   /* moved on from itself */
    if (walker_inside(walker, assignment)) {
        if (!lc_extract_variables_has(&walker->derived, value) && !walker_step_call(walker, value))
            walker->param = LC_EXTRACT_ORIGIN_FAILED;
        return;
    }
    lc_extract_origin_combine(&walker->param,
                              walker->origin(walker->context, value, clang_getCursorType(walker->variable)));
}

/* One place the function gives the walker a value (extract_variable_events.c).
 * With iterator steps, a call given its address is its step inside the
 * loop, its start outside, and what that call's arguments do is the
 * call's. */
static void walker_event(struct origin_walker *walker, const struct lc_extract_variable_event *event)
{
    int skipped = walker->steps && event->under_call_given_address;
    switch ((enum lc_extract_event_kind)event->kind) {
    case LC_EXTRACT_EVENT_DECLARED:
    case LC_EXTRACT_EVENT_ASSIGNED:
        if (!skipped)
            walker_value(walker, event->cursor, event->value);
        return;
    case LC_EXTRACT_EVENT_CALL_GIVEN_ADDRESS:
        if (!walker->steps || skipped)
            return;
        if (walker_inside(walker, event->cursor) ? !walker_step_call(walker, event->cursor) : !walker->steps->started)
            walker->param = LC_EXTRACT_ORIGIN_FAILED;
        else if (!walker_inside(walker, event->cursor)) {
            int started = walker->steps->started(walker->context, event->cursor, clang_getCursorType(walker->variable));
            if (started != LC_EXTRACT_ORIGIN_NONE)   /* NONE: a seek or a stop, on what it walks */
                lc_extract_origin_combine(&walker->param, started);
        }
        return;
    case LC_EXTRACT_EVENT_ADDRESS:
        if (!skipped)
            walker->param = LC_EXTRACT_ORIGIN_FAILED;   /* set where the function cannot see */
        return;
    case LC_EXTRACT_EVENT_STEPPED:
    case LC_EXTRACT_EVENT_UPDATED:
        return;   /* moved on from itself */
    }
}

static void walker_note_inside(struct origin_walker *walker, CXCursor cursor)
{
    if (walker->inside_count == WALKER_INSIDE)
        walker->param = LC_EXTRACT_ORIGIN_FAILED;
    else
        walker->inside[walker->inside_count++] = cursor;
}

/* In the loop: the walker's assignments and the calls given its address,
 * and the locals the loop's body sets from it (`next = chunk->next`). */
static enum CXChildVisitResult walker_loop_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct origin_walker *walker = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor sides[2], target = clang_getNullCursor(), value = clang_getNullCursor();
    if (walker_assigns(cursor, walker->variable, &value)
        || (walker->steps && walker_call_given_address(cursor, walker->variable))) {
        walker_note_inside(walker, cursor);
        return CXChildVisit_Recurse;
    }
    if (kind == CXCursor_VarDecl) {
        target = clang_getCanonicalCursor(cursor);
        value = clang_Cursor_getVarDeclInitializer(cursor);
    } else if (kind == CXCursor_BinaryOperator && clang_getCursorBinaryOperatorKind(cursor) == CXBinaryOperator_Assign
               && lc_extract_children(cursor, sides, 2) == 2) {
        target = lc_extract_loop_variable(sides[0]);
        value = sides[1];
    }
    if (!clang_Cursor_isNull(target) && lc_extract_reads_variable(value, walker->variable))
        lc_extract_variables_add(&walker->derived, target);
    return CXChildVisit_Recurse;
}

int lc_extract_walker_origin(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts, CXCursor variable,
                             lc_extract_origin_of origin, void *context, const struct lc_extract_walker_steps *steps)
{
    struct origin_walker walker = { .walk = walk, .origin = origin, .context = context, .steps = steps,
                                    .variable = variable, .param = LC_EXTRACT_ORIGIN_NONE };
    lc_extract_visit_loop_parts(parts, walker_loop_visit, &walker);
    for (const struct lc_extract_variable_event *event = NULL;
         walker.param != LC_EXTRACT_ORIGIN_FAILED && (event = lc_extract_variable_event_next(walk, variable, event));)
        walker_event(&walker, event);
    return walker.param;
}
