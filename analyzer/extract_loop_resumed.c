/* extract_loop_resumed.c — a loop stepping an iterator its caller keeps:
 *
 *     int hashTypeNext(hashTypeIterator *hi, int skip) {
 *         while ((hi->de = dictNext(hi->di)) != NULL) {
 *             if (skip && expired(hi->de)) continue;
 *             return C_OK;
 *         }
 *         return C_ERR;
 *     }
 *
 * The loop's condition steps an iterator held in a field of a pointer
 * parameter (a call given only such fields, their addresses and
 * constants) and reads nothing else but the step's result (no counter,
 * no size: `i < size(p->t)` walks it all each call), and the function
 * neither sets that field nor hands its
 * address anywhere else: each call goes on from where the last one
 * stopped, so a caller's loop calling it walks the collection once in all
 * — the rounds are amortised over the calls (LC_SOURCE_AMORTIZED).
 *
 * So does a loop walking a local copy of such a field that the function
 * saves back after it (the listpack branch of the same function):
 *
 *     fptr = hi->fptr;
 *     if (fptr == NULL) fptr = lpFirst(zl); else fptr = lpNext(zl, tptr);
 *     while (fptr != NULL) { ...; if (!expired) break; fptr = lpNext(zl, tptr); }
 *     ...
 *     hi->fptr = fptr;
 *
 * The condition reads that local and nothing else (no call), the function
 * sets the local from the field (outside the loop only; before the loop
 * anything else only in an arm of an `if` testing the local: a cursor not
 * started yet) and sets the field only to the local, after the loop,
 * never taking its address: the next call starts where this one stopped.  A store into the field in another
 * arm of an `if` than the loop's (the plain listpack's branch saving its
 * own copy) is on another path. */
#include "extract_internal.h"

#define RESUMED_FIELDS 4

/* The iterator fields the condition's step is given. */
struct resumed_step {
    struct lc_extract_walk *walk;
    CXCursor fields[RESUMED_FIELDS];   /* canonical field declarations */
    unsigned count;
    int other;                          /* a call given anything else */
};

/* `p->f` or `&p->f`, p an unchanged pointer parameter: f's declaration. */
static CXCursor resumed_field(struct lc_extract_walk *walk, CXCursor argument)
{
    CXCursor base, operand = lc_extract_address_operand(argument);
    argument = clang_Cursor_isNull(operand) ? lc_extract_strip(argument) : operand;
    if (clang_getCursorKind(argument) != CXCursor_MemberRefExpr || lc_extract_children(argument, &base, 1) != 1)
        return clang_getNullCursor();
    base = lc_extract_strip(base);
    if (clang_getCursorKind(base) != CXCursor_DeclRefExpr
        || lc_extract_parameter_of(walk, clang_getCursorReferenced(base)) < 0)
        return clang_getNullCursor();
    return clang_getCanonicalCursor(clang_getCursorReferenced(argument));
}

/* The condition reads nothing but the step's result: the target of an
 * assignment of it aside (`(de = next(p->it)) != NULL`), a variable or a
 * field read anywhere else is another bound (a counter, a size). */
static enum CXChildVisitResult resumed_step_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct resumed_step *step = data;
    CXCursor sides[2];
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (lc_extract_assignment_sides(cursor, sides)) {
        resumed_step_visit(lc_extract_strip(sides[1]), cursor, data);
        return CXChildVisit_Continue;
    }
    if (kind == CXCursor_DeclRefExpr || kind == CXCursor_MemberRefExpr) {
        CXCursor named = clang_getCursorReferenced(cursor);
        if (clang_getCursorKind(named) != CXCursor_EnumConstantDecl && clang_getCursorKind(named) != CXCursor_FunctionDecl)
            step->other = 1;
        return CXChildVisit_Continue;
    }
    if (kind != CXCursor_CallExpr)
        return CXChildVisit_Recurse;
    int count = clang_Cursor_getNumArguments(cursor);
    for (int i = 0; i < count; i++) {
        CXCursor argument = clang_Cursor_getArgument(cursor, (unsigned)i), field = resumed_field(step->walk, argument);
        long long value;
        if (!clang_Cursor_isNull(field) && step->count < RESUMED_FIELDS)
            step->fields[step->count++] = field;
        else if (!lc_extract_integer_constant(lc_extract_strip(argument), &value))
            step->other = 1;
    }
    return CXChildVisit_Continue;
}

/* Outside the condition: does the function set one of the fields or take
 * its address? */
struct resumed_uses {
    const struct resumed_step *step;
    CXCursor condition;
    int touched;
};

static int resumed_is_field(const struct resumed_step *step, CXCursor member)
{
    if (clang_getCursorKind(member) != CXCursor_MemberRefExpr)
        return 0;
    CXCursor field = clang_getCanonicalCursor(clang_getCursorReferenced(member));
    for (unsigned i = 0; i < step->count; i++)
        if (clang_equalCursors(step->fields[i], field))
            return 1;
    return 0;
}

static enum CXChildVisitResult resumed_uses_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct resumed_uses *uses = data;
    if (clang_equalCursors(cursor, uses->condition))
        return CXChildVisit_Continue;
    CXCursor sides[2], operand;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if ((kind == CXCursor_BinaryOperator || kind == CXCursor_CompoundAssignOperator)
        && lc_extract_assignment_sides(cursor, sides) && resumed_is_field(uses->step, lc_extract_strip(sides[0])))
        uses->touched = 1;
    if (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(cursor) == CXUnaryOperator_AddrOf
        && lc_extract_children(cursor, &operand, 1) == 1 && resumed_is_field(uses->step, lc_extract_strip(operand)))
        uses->touched = 1;
    return uses->touched ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* A cursor copied from a field and saved back: what the function does with
 * the local and the field. */
struct resumed_copy {
    struct lc_extract_walk *walk;
    CXCursor local;        /* canonical */
    CXCursor field;        /* canonical; null until the local is set from it */
    unsigned loop_begin, loop_end;
    unsigned saved;        /* `p->f = local` after the loop */
    int failed;
};

/* Is offset `a` in one arm of an `if` of the function and `b` in the
 * other (b 0: is `a` in an arm of an `if` whose condition reads `local`)?
 * The function's `if` statements are listed once (extract_statement_spans.c). */
static int resumed_in_arms(struct lc_extract_walk *walk, unsigned a, unsigned b, CXCursor local)
{
    if (!lc_extract_statement_spans_known(walk))
        return 0;
    for (size_t i = 0; i < walk->statement_span_count; i++) {
        const struct lc_extract_statement_span *span = &walk->statement_spans[i];
        if (!span->is_if)
            continue;
        int has_else = span->else_end != 0;
        int a_then = span->then_begin <= a && a <= span->then_end, a_else = has_else && span->else_begin <= a && a <= span->else_end;
        CXCursor test;
        if (b == 0 && (a_then || a_else) && lc_extract_children(span->statement, &test, 1) >= 1
            && lc_extract_reads_variable(test, local))
            return 1;
        int b_then = span->then_begin <= b && b <= span->then_end, b_else = has_else && span->else_begin <= b && b <= span->else_end;
        if (b != 0 && ((a_then && b_else) || (b_then && a_else)))
            return 1;
    }
    return 0;
}

/* `p->f = local` or `local = p->f` (an unchanged pointer parameter's field). */
static enum CXChildVisitResult resumed_copy_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct resumed_copy *copy = data;
    unsigned at = lc_extract_offset(clang_getCursorLocation(cursor));
    int in_loop = at >= copy->loop_begin && at <= copy->loop_end;
    CXCursor value, set = lc_extract_variable_set(cursor, &value), sides[2], operand;
    if (!clang_Cursor_isNull(set) && clang_equalCursors(set, copy->local)) {
        CXCursor field = resumed_field(copy->walk, value);
        if (!clang_Cursor_isNull(field)) {
            if (in_loop || (!clang_Cursor_isNull(copy->field) && !clang_equalCursors(copy->field, field)))
                copy->failed = 1;   /* taken afresh every round, or from two fields */
            copy->field = field;
        } else if (at < copy->loop_begin) {
            copy->failed = !resumed_in_arms(copy->walk, at, 0, copy->local);   /* a start, when it has none */
        }
    } else if (lc_extract_assignment_sides(cursor, sides) && !clang_Cursor_isNull(copy->field)
               && clang_equalCursors(resumed_field(copy->walk, sides[0]), copy->field)) {
        CXCursor saved = lc_extract_loop_variable(sides[1]);
        if (resumed_in_arms(copy->walk, at, copy->loop_begin, copy->local))
            return CXChildVisit_Recurse;   /* another path */
        if (at <= copy->loop_end || clang_Cursor_isNull(saved)
            || !clang_equalCursors(clang_getCanonicalCursor(saved), copy->local))
            copy->failed = 1;
        else
            copy->saved++;
    } else if (clang_getCursorKind(cursor) == CXCursor_CompoundAssignOperator
               && lc_extract_children(cursor, sides, 2) == 2 && !clang_Cursor_isNull(copy->field)
               && clang_equalCursors(resumed_field(copy->walk, sides[0]), copy->field)) {
        copy->failed = 1;
    } else if (clang_getCursorKind(cursor) == CXCursor_UnaryOperator
               && clang_getCursorUnaryOperatorKind(cursor) == CXUnaryOperator_AddrOf
               && lc_extract_children(cursor, &operand, 1) == 1 && !clang_Cursor_isNull(copy->field)
               && clang_equalCursors(resumed_field(copy->walk, operand), copy->field)) {
        copy->failed = 1;
    }
    return copy->failed ? CXChildVisit_Break : CXChildVisit_Recurse;
}

int lc_extract_loop_resumes_copy(struct lc_extract_walk *walk, CXCursor statement,
                                 const struct lc_extract_loop_parts *parts)
{
    if (clang_Cursor_isNull(parts->condition) || clang_Cursor_isNull(walk->function))
        return 0;
    CXCursor local = lc_extract_only_variable(parts->condition);
    if (clang_Cursor_isNull(local) || !lc_extract_is_local(local) || lc_extract_holds_call(parts->condition))
        return 0;
    /* cheap first: is the local ever set from a parameter's field? */
    const struct lc_extract_variable_event *event = NULL;
    while ((event = lc_extract_variable_event_next(walk, clang_getCanonicalCursor(local), event))
           && !((event->kind == LC_EXTRACT_EVENT_DECLARED || event->kind == LC_EXTRACT_EVENT_ASSIGNED)
                && !clang_Cursor_isNull(resumed_field(walk, event->value))))
        ;
    if (!event)
        return 0;
    CXSourceRange extent = clang_getCursorExtent(statement);
    struct resumed_copy copy = { walk, clang_getCanonicalCursor(local), clang_getNullCursor(),
                                 lc_extract_offset(clang_getRangeStart(extent)), lc_extract_offset(clang_getRangeEnd(extent)),
                                 0, 0 };
    /* two passes: the field is known once the local is seen set from it */
    lc_extract_visit_all(walk->function, resumed_copy_visit, &copy);
    copy.saved = 0;
    if (!copy.failed && !clang_Cursor_isNull(copy.field))
        lc_extract_visit_all(walk->function, resumed_copy_visit, &copy);
    return !copy.failed && !clang_Cursor_isNull(copy.field) && copy.saved > 0;
}

int lc_extract_loop_resumes_iterator(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts)
{
    if (clang_Cursor_isNull(parts->condition) || clang_Cursor_isNull(walk->function))
        return 0;
    struct resumed_step step = { .walk = walk, .count = 0, .other = 0 };
    if (resumed_step_visit(lc_extract_strip(parts->condition), clang_getNullCursor(), &step) == CXChildVisit_Recurse)
        clang_visitChildren(lc_extract_strip(parts->condition), resumed_step_visit, &step);
    if (step.count == 0 || step.other)
        return 0;
    struct resumed_uses uses = { &step, parts->condition, 0 };
    clang_visitChildren(walk->function, resumed_uses_visit, &uses);
    return !uses.touched;
}
