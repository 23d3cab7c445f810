/* extract_for_parts.c — a for statement's parts.  libclang shows only the
 * parts a for statement has; when some are missing they are told apart by
 * shape: before the condition, a declaration, an assignment or a comma
 * expression is the init; after it, `++`, `--`, an assignment or a comma
 * expression is the increment. */
#include "extract_internal.h"

/* An init or an increment rather than a condition. */
static int extract_is_side_effect(CXCursor expr)
{
    switch (clang_getCursorKind(expr)) {
    case CXCursor_DeclStmt:
    case CXCursor_CompoundAssignOperator:
        return 1;
    case CXCursor_BinaryOperator: {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(expr);
        return op == CXBinaryOperator_Assign || op == CXBinaryOperator_Comma;
    }
    case CXCursor_UnaryOperator: {
        enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(expr);
        return op >= CXUnaryOperator_PostInc && op <= CXUnaryOperator_PreDec;
    }
    default:
        return 0;
    }
}

/* The parts of a for statement from its `count` children (body last);
 * returns the index of the init, or -1. */
int lc_extract_for_parts(const CXCursor *parts, unsigned count, struct lc_extract_loop_parts *loop)
{
    loop->body = parts[count - 1];
    switch (count - 1) {
    case 3:
        loop->init = parts[0];
        loop->condition = parts[1];
        loop->increment = parts[2];
        return 0;
    case 2:
        if (!extract_is_side_effect(parts[0])) {
            loop->condition = parts[0];
            loop->increment = parts[1];
            return -1;
        }
        loop->init = parts[0];
        if (extract_is_side_effect(parts[1]))
            loop->increment = parts[1];
        else
            loop->condition = parts[1];
        return 0;
    case 1:
        if (!extract_is_side_effect(parts[0])) {
            loop->condition = parts[0];
            return -1;
        }
        if (clang_getCursorKind(parts[0]) == CXCursor_UnaryOperator ||
            clang_getCursorKind(parts[0]) == CXCursor_CompoundAssignOperator) {
            loop->increment = parts[0];
            return -1;
        }
        loop->init = parts[0];
        return 0;
    default:
        return -1;
    }
}
