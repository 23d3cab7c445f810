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
 * — the rounds are amortised over the calls (LC_SOURCE_AMORTIZED). */
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
