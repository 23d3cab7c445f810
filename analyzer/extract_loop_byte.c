/* extract_loop_byte.c — is a loop bounded by a one-byte count?  A count
 * held in a variable of a one-byte integer type (`uint8_t`, `unsigned
 * char`) is at most 255, so a loop counting it down, or counting a counter
 * up to it, makes at most 256 rounds, whatever the data: a DNS label's
 * length (`while (lablen--)`), a TLV's (`for (i = 0; i < len; i++)` with
 * `uint8_t len`).  It holds when
 *   - the condition tests the variable against 0 (`v`, `v--`, `--v`,
 *     `v != 0`), and the loop changes it only by counting it down by one
 *     (`v--`, `--v`, `v -= 1`), at least once; or it tests `v > 0` and the
 *     loop changes it only by counting it down (also `v -= k`, k a
 *     positive constant);
 *   - or the condition compares a counter with it (`i < v`, `i <= v`, or
 *     the same turned round), the loop never changes the variable,
 *     the loop's init starts the counter at a constant of at least 0, and
 *     the loop changes the counter only by counting it up by one (`i++`,
 *     `++i`, `i += 1`).
 * The variable is a local or a parameter, its address never given in the
 * loop (a call could change it there).  Likewise an argument a call is
 * given of an unsigned one-byte type, or such plus a constant
 * (`hashlittle(labuf, labuf[0] + 1, h)`), is at most 255 plus that
 * constant: a callee's loop bounded by that parameter makes at most that
 * many rounds there (lc_extract_argument_at_most). */
#include "extract_internal.h"

/* A local or parameter of a one-byte integer type, or null. */
static CXCursor byte_variable(CXCursor expr)
{
    CXCursor variable = lc_extract_loop_variable(expr);
    if (clang_Cursor_isNull(variable))
        return variable;
    CXType type = clang_getCanonicalType(clang_getCursorType(variable));
    int global = clang_getCursorKind(variable) == CXCursor_VarDecl && clang_Cursor_hasVarDeclGlobalStorage(variable);
    if (global || !lc_extract_is_integer(type) || type.kind == CXType_Bool || clang_Type_getSizeOf(type) != 1)
        return clang_getNullCursor();
    return variable;
}

/* How the loop changes one variable: counted down, up by one, or
 * otherwise. */
struct byte_changes {
    CXCursor variable;
    unsigned down, down_by_more, up, other;   /* down: by one */
};

static enum CXChildVisitResult byte_changes_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct byte_changes *changes = data;
    CXCursor changed = lc_extract_loop_variable(lc_extract_changed_operand(cursor)), sides[2];
    if (clang_Cursor_isNull(changed) || !clang_equalCursors(changed, changes->variable))
        return CXChildVisit_Recurse;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    long long by = 0;
    if (kind == CXCursor_UnaryOperator) {
        enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(cursor);
        if (op == CXUnaryOperator_PostDec || op == CXUnaryOperator_PreDec)
            changes->down++;
        else if (op == CXUnaryOperator_PostInc || op == CXUnaryOperator_PreInc)
            changes->up++;
        else
            changes->other++;   /* `&v` */
    } else if (kind == CXCursor_CompoundAssignOperator && lc_extract_children(cursor, sides, 2) == 2
               && lc_extract_integer_constant(sides[1], &by) && by > 0) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(cursor);
        if (op == CXBinaryOperator_SubAssign && by == 1)
            changes->down++;
        else if (op == CXBinaryOperator_SubAssign)
            changes->down_by_more++;
        else if (op == CXBinaryOperator_AddAssign && by == 1)
            changes->up++;
        else
            changes->other++;
    } else {
        changes->other++;
    }
    return CXChildVisit_Recurse;
}

/* The changes of `variable` in the loop's condition, increment and body. */
static struct byte_changes byte_changes_of(const struct lc_extract_loop_parts *parts, CXCursor variable)
{
    struct byte_changes changes = { variable, 0, 0, 0, 0 };
    lc_extract_visit_loop_parts(parts, byte_changes_visit, &changes);
    return changes;
}

/* `v`, `v--`, `--v`, `v != 0`; `v > 0`, `0 < v` (*above set): the
 * variable tested against 0, or null. */
static CXCursor byte_tested(CXCursor condition, int *above)
{
    CXCursor at = lc_extract_strip(condition), sides[2];
    long long zero;
    enum CXCursorKind kind = clang_getCursorKind(at);
    if (kind == CXCursor_UnaryOperator && lc_extract_children(at, sides, 1) == 1) {
        enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(at);
        return op == CXUnaryOperator_PostDec || op == CXUnaryOperator_PreDec ? byte_variable(sides[0])
                                                                             : clang_getNullCursor();
    }
    if (kind == CXCursor_BinaryOperator && lc_extract_children(at, sides, 2) == 2) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(at);
        if ((op == CXBinaryOperator_NE || op == CXBinaryOperator_GT) && lc_extract_integer_constant(sides[1], &zero)
            && zero == 0) {
            *above = op == CXBinaryOperator_GT;
            return byte_tested(sides[0], above);
        }
        if ((op == CXBinaryOperator_NE || op == CXBinaryOperator_LT) && lc_extract_integer_constant(sides[0], &zero)
            && zero == 0) {
            *above = op == CXBinaryOperator_LT;
            return byte_tested(sides[1], above);
        }
        return clang_getNullCursor();
    }
    return byte_variable(at);
}

/* `i < v`, `i <= v`, `v > i`, `v >= i`: the counter in *counter and the
 * one-byte bound, or null. */
static CXCursor byte_compared(CXCursor condition, CXCursor *counter)
{
    CXCursor at = lc_extract_strip(condition), sides[2];
    if (clang_getCursorKind(at) != CXCursor_BinaryOperator || lc_extract_children(at, sides, 2) != 2)
        return clang_getNullCursor();
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(at);
    int left = op == CXBinaryOperator_LT || op == CXBinaryOperator_LE;
    int right = op == CXBinaryOperator_GT || op == CXBinaryOperator_GE;
    CXCursor bound = left ? byte_variable(sides[1]) : clang_getNullCursor();
    if (!clang_Cursor_isNull(bound)) {
        *counter = lc_extract_loop_variable(sides[0]);
        return bound;
    }
    bound = right ? byte_variable(sides[0]) : clang_getNullCursor();
    *counter = clang_Cursor_isNull(bound) ? clang_getNullCursor() : lc_extract_loop_variable(sides[1]);
    return bound;
}

int lc_extract_loop_byte_bound(const struct lc_extract_loop_parts *parts)
{
    if (clang_Cursor_isNull(parts->condition))
        return 0;
    int above = 0;
    CXCursor variable = byte_tested(parts->condition, &above);
    if (!clang_Cursor_isNull(variable)) {
        struct byte_changes changes = byte_changes_of(parts, variable);
        return changes.down + changes.down_by_more > 0 && (above || changes.down_by_more == 0) && changes.up == 0
               && changes.other == 0;
    }
    CXCursor counter = clang_getNullCursor();
    variable = byte_compared(parts->condition, &counter);
    if (clang_Cursor_isNull(variable) || clang_Cursor_isNull(counter) || clang_equalCursors(variable, counter))
        return 0;
    struct byte_changes bound = byte_changes_of(parts, variable), counted = byte_changes_of(parts, counter);
    CXCursor start = lc_extract_counter_start(parts->init, counter);
    long long from = -1;
    return bound.down + bound.down_by_more + bound.up + bound.other == 0 && counted.up > 0
           && counted.down + counted.down_by_more + counted.other == 0
           && !clang_Cursor_isNull(start) && lc_extract_integer_constant(start, &from) && from >= 0;
}

/* An expression of an unsigned one-byte integer type before any
 * conversion (`labuf[0]`, `lablen`, `*p` of a `uint8_t *`). */
static int byte_unsigned(CXCursor expr)
{
    CXType type = clang_getCanonicalType(clang_getCursorType(lc_extract_strip(expr)));
    return type.kind == CXType_UChar || type.kind == CXType_Char_U;
}

long long lc_extract_argument_at_most(CXCursor argument)
{
    CXCursor sides[2];
    long long constant;
    argument = lc_extract_strip(argument);
    if (byte_unsigned(argument))
        return 255;
    if (clang_getCursorKind(argument) != CXCursor_BinaryOperator
        || clang_getCursorBinaryOperatorKind(argument) != CXBinaryOperator_Add
        || lc_extract_children(argument, sides, 2) != 2)
        return 0;
    for (int i = 0; i < 2; i++)
        if (byte_unsigned(sides[i]) && lc_extract_integer_constant(sides[1 - i], &constant) && constant >= 0
            && constant < 1000000)
            return 255 + constant;
    return 0;
}
