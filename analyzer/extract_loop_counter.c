/* extract_loop_counter.c — a for loop's counter as its init and its
 * increment state it: the value the init starts it at (`i = A`, `int i =
 * A`, among others in a comma expression or a declaration) and the part
 * of the increment that changes it (`i++` of `i++, j--`).  The loop
 * bounds (extract_loops.c) and the offset loops (extract_loop_offset.c)
 * read them. */
#include "extract_internal.h"

static int counter_same_declaration(CXCursor a, CXCursor b)
{
    return clang_equalCursors(clang_getCanonicalCursor(a), clang_getCanonicalCursor(b));
}

/* Whether `expr` is a comma expression; its two sides if so. */
static int counter_is_comma(CXCursor expr, CXCursor *sides)
{
    return clang_getCursorKind(expr) == CXCursor_BinaryOperator &&
           clang_getCursorBinaryOperatorKind(expr) == CXBinaryOperator_Comma &&
           lc_extract_children(expr, sides, 2) == 2;
}

/* `expr` itself when it changes `variable` (`i++`, `--i`, `i += s`,
 * `i = v`), else null. */
static CXCursor counter_changes(CXCursor expr, CXCursor variable)
{
    CXCursor operand;
    enum CXCursorKind kind = clang_getCursorKind(expr);
    int changes = kind == CXCursor_CompoundAssignOperator ||
        (kind == CXCursor_BinaryOperator &&
         clang_getCursorBinaryOperatorKind(expr) == CXBinaryOperator_Assign) ||
        (kind == CXCursor_UnaryOperator &&
         clang_getCursorUnaryOperatorKind(expr) >= CXUnaryOperator_PostInc &&
         clang_getCursorUnaryOperatorKind(expr) <= CXUnaryOperator_PreDec);
    if (!changes || lc_extract_children(expr, &operand, 1) < 1)
        return clang_getNullCursor();
    CXCursor changed = lc_extract_loop_variable(operand);
    return !clang_Cursor_isNull(changed) && counter_same_declaration(changed, variable)
               ? expr : clang_getNullCursor();
}

CXCursor lc_extract_counter_change_of(CXCursor increment, CXCursor variable)
{
    CXCursor sides[2];
    while (counter_is_comma(increment, sides)) {
        CXCursor change = counter_changes(sides[1], variable);
        if (!clang_Cursor_isNull(change))
            return change;
        increment = sides[0];
    }
    return counter_changes(increment, variable);
}

CXCursor lc_extract_counter_start(CXCursor init, CXCursor variable)
{
    CXCursor declared[8], sides[2];
    if (clang_getCursorKind(init) == CXCursor_DeclStmt) {
        unsigned count = lc_extract_children(init, declared, 8);
        for (unsigned i = 0; i < count && i < 8; i++)
            if (counter_same_declaration(declared[i], variable))
                return clang_Cursor_getVarDeclInitializer(declared[i]);
        return clang_getNullCursor();
    }
    CXCursor assignment = lc_extract_counter_change_of(init, variable);
    if (clang_getCursorKind(assignment) != CXCursor_BinaryOperator ||
        lc_extract_children(assignment, sides, 2) != 2)
        return clang_getNullCursor();
    return sides[1];
}
