/* extract_loop_offset.c — offset loops: a for loop whose counter starts at
 * X and counts up by one while it is below X + N runs N rounds whatever X
 * is (`for (yy = py; yy < py + ny; yy++)`, `for (i = start; i <= start +
 * n - 1; i++)`, `for (p = buf; p < buf + len; p++)`), so its bound is N:
 * a constant, a parameter (extract_loops.c, extract_loop_walk.c) or data.
 * Soundness first: X is the very expression the init starts the counter
 * at (the same variables, constants and operators; casts the same), and
 * nothing in the loop may move it: its variables are locals or parameters
 * the loop never changes (assigns, increments, decrements, takes the
 * address of) and whose address the function never takes (a call could
 * change them through it).  The counter is such a local or parameter too,
 * changed in the loop only by its increment, `i++`, `++i` or `i += 1`,
 * and wide enough for X + N (an integer of the same signedness, at least
 * as wide; a pointer to an element of the same size as X's).  N's
 * variables too are never changed in the loop. */
#include "extract_internal.h"

/* `expr` without parentheses and implicit conversions (an explicit cast
 * stays: it may change the value). */
static CXCursor offset_strip(CXCursor expr)
{
    CXCursor only[2];
    while ((clang_getCursorKind(expr) == CXCursor_ParenExpr || clang_getCursorKind(expr) == CXCursor_UnexposedExpr)
           && lc_extract_children(expr, only, 2) == 1)
        expr = only[0];
    return expr;
}

static int offset_is_arithmetic(enum CXBinaryOperatorKind op)
{
    switch (op) {
    case CXBinaryOperator_Mul:
    case CXBinaryOperator_Div:
    case CXBinaryOperator_Rem:
    case CXBinaryOperator_Add:
    case CXBinaryOperator_Sub:
    case CXBinaryOperator_Shl:
    case CXBinaryOperator_Shr:
    case CXBinaryOperator_And:
    case CXBinaryOperator_Xor:
    case CXBinaryOperator_Or:
        return 1;
    default:
        return 0;
    }
}

/* Are `a` and `b` the same value: the same variable, the same constant, the
 * same arithmetic operator on the same operands, the same cast of the same
 * operand?  Anything else (a field, a call, a subscript) is not. */
static int offset_same_value(CXCursor a, CXCursor b)
{
    CXCursor left[8], right[8];
    long long value_a, value_b;
    a = offset_strip(a);
    b = offset_strip(b);
    enum CXCursorKind kind = clang_getCursorKind(a);
    if (kind != clang_getCursorKind(b))
        return 0;
    if (lc_extract_integer_constant(a, &value_a) && lc_extract_integer_constant(b, &value_b))
        return value_a == value_b;
    if (kind == CXCursor_DeclRefExpr) {
        CXCursor variable = lc_extract_loop_variable(a);
        return !clang_Cursor_isNull(variable) && clang_equalCursors(variable, lc_extract_loop_variable(b));
    }
    unsigned count = lc_extract_children(a, left, 8);
    if (count == 0 || count > 8 || lc_extract_children(b, right, 8) != count)
        return 0;
    if (kind == CXCursor_BinaryOperator)
        return clang_getCursorBinaryOperatorKind(a) == clang_getCursorBinaryOperatorKind(b)
               && offset_is_arithmetic(clang_getCursorBinaryOperatorKind(a)) && count == 2
               && offset_same_value(left[0], right[0]) && offset_same_value(left[1], right[1]);
    return kind == CXCursor_CStyleCastExpr   /* the operand follows any TypeRef */
           && clang_equalTypes(clang_getCanonicalType(clang_getCursorType(a)),
                               clang_getCanonicalType(clang_getCursorType(b)))
           && offset_same_value(left[count - 1], right[count - 1]);
}

/* A search under a cursor: changes of `variable` (assigned, incremented,
 * decremented, its address taken; with `address_only`, only the address
 * taken), how many, and the last one. */
struct offset_changes {
    CXCursor variable;
    int address_only;
    unsigned count;
    CXCursor last;
};

static enum CXChildVisitResult offset_changes_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct offset_changes *changes = data;
    int address = clang_getCursorKind(cursor) == CXCursor_UnaryOperator
                  && clang_getCursorUnaryOperatorKind(cursor) == CXUnaryOperator_AddrOf;
    CXCursor changed = lc_extract_loop_variable(lc_extract_changed_operand(cursor));
    if ((address || !changes->address_only) && !clang_Cursor_isNull(changed)
        && clang_equalCursors(changed, changes->variable)) {
        changes->count++;
        changes->last = cursor;
    }
    return CXChildVisit_Recurse;
}

/* The changes of `variable` in the loop's parts (its init with
 * `with_init`). */
static struct offset_changes offset_changes_in_loop(const struct lc_extract_loop_parts *parts, CXCursor variable,
                                                    int with_init)
{
    struct offset_changes changes = { variable, 0, 0, clang_getNullCursor() };
    if (with_init)
        lc_extract_visit_all(parts->init, offset_changes_visit, &changes);
    lc_extract_visit_loop_parts(parts, offset_changes_visit, &changes);
    return changes;
}

/* What the check of an expression's variables keeps: the walk, the loop,
 * whether they must be locals or parameters whose address the function
 * never takes, and whether one fails. */
struct offset_stable {
    struct lc_extract_walk *walk;
    const struct lc_extract_loop_parts *parts;
    int strict;
    int failed;
};

/* Is `variable` a local or a parameter whose address its function never
 * takes?  The walked function's are looked up in its index of where its
 * variables get values (extract_variable_events.c). */
static int offset_unaliased(struct lc_extract_walk *walk, CXCursor variable)
{
    CXCursor function = clang_getCursorSemanticParent(variable);
    if (clang_getCursorKind(function) != CXCursor_FunctionDecl
        || (clang_getCursorKind(variable) == CXCursor_VarDecl && clang_Cursor_hasVarDeclGlobalStorage(variable)))
        return 0;
    if (lc_extract_variable_events_cover(walk, function)) {
        for (const struct lc_extract_variable_event *event = NULL;
             (event = lc_extract_variable_event_next(walk, variable, event));)
            if (event->kind == LC_EXTRACT_EVENT_ADDRESS)
                return 0;
        return !walk->out_of_memory;
    }
    struct offset_changes taken = { variable, 1, 0, clang_getNullCursor() };
    lc_extract_visit_all(function, offset_changes_visit, &taken);
    return taken.count == 0;
}

static enum CXChildVisitResult offset_stable_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct offset_stable *stable = data;
    CXCursor variable = clang_getCursorKind(cursor) == CXCursor_DeclRefExpr ? lc_extract_loop_variable(cursor)
                                                                           : clang_getNullCursor();
    if (!clang_Cursor_isNull(variable)
        && ((stable->strict && !offset_unaliased(stable->walk, variable))
            || offset_changes_in_loop(stable->parts, variable, 1).count != 0))
        stable->failed = 1;
    return stable->failed ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* Does the loop leave the variables of `expr` alone (and, `strict`, are
 * they locals or parameters the function never takes the address of)? */
static int offset_stable(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts, CXCursor expr,
                         int strict)
{
    struct offset_stable stable = { walk, parts, strict, 0 };
    lc_extract_visit_all(expr, offset_stable_visit, &stable);
    return !stable.failed;
}

/* Is the loop's only change of `counter` its increment's `i++`, `++i` or
 * `i += 1`? */
static int offset_counts_up_by_one(const struct lc_extract_loop_parts *parts, CXCursor counter)
{
    struct offset_changes changes = offset_changes_in_loop(parts, counter, 0);
    CXCursor step = changes.last, sides[2];
    long long by;
    if (changes.count != 1 || clang_Cursor_isNull(parts->increment)
        || !lc_extract_same_expression(step, lc_extract_counter_change_of(parts->increment, counter)))
        return 0;
    if (clang_getCursorKind(step) == CXCursor_UnaryOperator)
        return clang_getCursorUnaryOperatorKind(step) == CXUnaryOperator_PostInc
               || clang_getCursorUnaryOperatorKind(step) == CXUnaryOperator_PreInc;
    return clang_getCursorBinaryOperatorKind(step) == CXBinaryOperator_AddAssign
           && lc_extract_children(step, sides, 2) == 2 && lc_extract_integer_constant(sides[1], &by) && by == 1;
}

/* 1 for a signed integer type, 0 for an unsigned one, -1 for any other
 * (an enumeration's depends on its values). */
static int offset_signed(CXType type)
{
    if (type.kind >= CXType_Bool && type.kind <= CXType_UInt128)
        return 0;
    return type.kind >= CXType_Char_S && type.kind <= CXType_Int128 ? 1 : -1;
}

/* Does the counter's type hold every value up to `bound`: an integer of
 * the same signedness at least as wide as the bound's (an unsigned counter
 * would take `x + -2` for a large bound), or a pointer to an element of
 * the same size as the bound's (each `p++` one element of X)? */
static int offset_wide_enough(CXCursor counter, CXCursor bound)
{
    CXType mine = clang_getCanonicalType(clang_getCursorType(counter));
    CXType theirs = clang_getCanonicalType(clang_getCursorType(bound));
    if (mine.kind == CXType_Pointer && theirs.kind == CXType_Pointer) {
        long long size = clang_Type_getSizeOf(clang_getPointeeType(mine));
        return size > 0 && size == clang_Type_getSizeOf(clang_getPointeeType(theirs));
    }
    return offset_signed(mine) >= 0 && offset_signed(mine) == offset_signed(theirs)
           && clang_Type_getSizeOf(mine) >= clang_Type_getSizeOf(theirs) && clang_Type_getSizeOf(theirs) > 0;
}

/* `counter_side OP bound_side` with the counter on the left (`<`, `<=`,
 * `!=`): is it an offset loop's? */
static int offset_comparison(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts,
                             CXCursor counter_side, CXCursor bound_side, struct lc_extract_offset *offset)
{
    CXCursor counter_expr = offset_strip(counter_side), bound = offset_strip(bound_side), sides[2];
    CXCursor counter = lc_extract_loop_variable(counter_expr);
    if (clang_getCursorKind(counter_expr) != CXCursor_DeclRefExpr || clang_Cursor_isNull(counter)
        || clang_Cursor_isNull(parts->init) || !offset_wide_enough(counter, bound) || !offset_unaliased(walk, counter))
        return 0;
    CXCursor start = lc_extract_counter_start(parts->init, counter);
    long long less = 0;
    if (clang_getCursorKind(bound) == CXCursor_BinaryOperator
        && clang_getCursorBinaryOperatorKind(bound) == CXBinaryOperator_Sub && lc_extract_children(bound, sides, 2) == 2
        && lc_extract_integer_constant(sides[1], &less)) {
        if (less < 0 || offset->exact)
            return 0;   /* `i != s + n - 1` with n 0 never meets its bound */
        bound = offset_strip(sides[0]);
    }
    offset->less = less;
    if (clang_Cursor_isNull(start) || clang_getCursorKind(bound) != CXCursor_BinaryOperator
        || clang_getCursorBinaryOperatorKind(bound) != CXBinaryOperator_Add || lc_extract_children(bound, sides, 2) != 2)
        return 0;
    int start_left = offset_same_value(sides[0], start);
    if (!start_left && !offset_same_value(sides[1], start))
        return 0;
    offset->count = sides[start_left ? 1 : 0];
    return offset_counts_up_by_one(parts, counter) && offset_stable(walk, parts, sides[start_left ? 0 : 1], 1)
           && offset_stable(walk, parts, offset->count, 0);
}

int lc_extract_loop_offset(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts, CXCursor condition,
                           struct lc_extract_offset *offset)
{
    CXCursor comparison = offset_strip(condition), sides[2];
    if (clang_getCursorKind(comparison) != CXCursor_BinaryOperator || lc_extract_children(comparison, sides, 2) != 2)
        return 0;
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(comparison);
    offset->inclusive = op == CXBinaryOperator_LE || op == CXBinaryOperator_GE;
    offset->exact = op == CXBinaryOperator_NE;
    switch (op) {
    case CXBinaryOperator_LT:
    case CXBinaryOperator_LE:
        return offset_comparison(walk, parts, sides[0], sides[1], offset);
    case CXBinaryOperator_GT:
    case CXBinaryOperator_GE:
        return offset_comparison(walk, parts, sides[1], sides[0], offset);
    case CXBinaryOperator_NE:
        return offset_comparison(walk, parts, sides[0], sides[1], offset)
               || offset_comparison(walk, parts, sides[1], sides[0], offset);
    default:
        return 0;
    }
}
