/* extract_loop_consumes.c — does an inner loop consume the buffer its
 * outer loop scans?  A scanner reads a length from its buffer and lets an
 * inner loop consume that many bytes:
 *
 *     while (atlabel > 1) {
 *         len1 = *d1++;                  (the outer loop moves d1 on)
 *         while (len1) { ...*d1...; d1++; len1--; }
 *         atlabel--;
 *     }
 *
 * Every round of the inner loop reads through d1 and moves it on, and
 * nothing sets d1 afresh, so all the inner rounds together are at most
 * the buffer's length: one pass, as for a loop continuing its outer
 * loop's walk (extract_loop_walk.c), although the inner condition tests a
 * count.  It holds when a pointer P
 *   - is moved on (`P++`, `++P`, `P += k`) by a statement of the inner
 *     loop's body (not under a branch) or its increment, and read through
 *     (`*P`, `P[i]`) in the inner loop;
 *   - is moved on by the outer loop outside the inner one too;
 *   - is never set afresh in the outer loop (an assignment not reading P)
 *     nor has its address taken there, and is declared outside it. */
#include "extract_internal.h"

#define CONSUMES_STATEMENTS 64   /* statements of an inner body looked at */

/* What the outer or inner loop does with P. */
struct consumes_scan {
    CXCursor pointer;
    unsigned advances, reads;
    int reset;
};

/* Is `statement` a move of P onwards: `P++`, `++P`, `P += k`? */
static int consumes_advances(CXCursor statement, CXCursor pointer)
{
    CXCursor target = lc_extract_updated_operand(lc_extract_strip(statement));
    enum CXCursorKind kind = clang_getCursorKind(lc_extract_strip(statement));
    if (clang_Cursor_isNull(target) || !lc_extract_is_variable(target, pointer))
        return 0;
    if (kind == CXCursor_UnaryOperator) {
        enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(lc_extract_strip(statement));
        return op == CXUnaryOperator_PostInc || op == CXUnaryOperator_PreInc;
    }
    return clang_getCursorBinaryOperatorKind(lc_extract_strip(statement)) == CXBinaryOperator_AddAssign;
}

/* Is `cursor` what `parent` assigns to (`*out = x`: a write, no read)? */
static int consumes_is_target(CXCursor cursor, CXCursor parent)
{
    CXCursor sides[2];
    return !clang_Cursor_isNull(parent) && lc_extract_assignment_sides(parent, sides)
           && lc_extract_same_expression(sides[0], cursor);
}

static enum CXChildVisitResult consumes_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    struct consumes_scan *scan = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor sides[2];
    if (consumes_advances(cursor, scan->pointer))
        scan->advances++;
    else if (!clang_Cursor_isNull(lc_extract_updated_operand(cursor))
             && lc_extract_is_variable(lc_extract_updated_operand(cursor), scan->pointer))
        scan->reset = 1;   /* `P--`, `P -= k`: not a forward scan */
    else if (lc_extract_assignment_sides(cursor, sides) && lc_extract_is_variable(sides[0], scan->pointer))
        scan->reset |= !lc_extract_reads_variable(sides[1], scan->pointer);
    else if (kind == CXCursor_UnaryOperator && lc_extract_children(cursor, sides, 1) == 1) {
        enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(cursor);
        CXCursor operand = lc_extract_strip(sides[0]);
        if (op == CXUnaryOperator_AddrOf && lc_extract_is_variable(operand, scan->pointer))
            scan->reset = 1;
        else if (op == CXUnaryOperator_Deref && !consumes_is_target(cursor, parent)
                 && (lc_extract_is_variable(operand, scan->pointer)
                     || consumes_advances(operand, scan->pointer)))   /* `*P`, `*P++` */
            scan->reads++;
    } else if (kind == CXCursor_ArraySubscriptExpr && !consumes_is_target(cursor, parent)
               && lc_extract_children(cursor, sides, 2) == 2 && lc_extract_is_variable(sides[0], scan->pointer)) {
        scan->reads++;
    }
    return CXChildVisit_Recurse;
}

/* What a loop does with P; its init too with `with_init` (the inner
 * loop's runs every outer round; the outer loop's once, before it). */
static struct consumes_scan consumes_scan_of(const struct lc_extract_loop_parts *parts, CXCursor pointer,
                                             int with_init)
{
    struct consumes_scan scan = { pointer, 0, 0, 0 };
    if (with_init)
        lc_extract_visit_all(parts->init, consumes_visit, &scan);
    lc_extract_visit_loop_parts(parts, consumes_visit, &scan);
    return scan;
}

/* Does the loop of `parts`, inside the loop of `outer` (its statement
 * `outer_statement`), consume pointer `pointer` as the header says? */
static int consumes_pointer(const struct lc_extract_loop_parts *parts, const struct lc_extract_loop_parts *outer,
                            CXCursor outer_statement, CXCursor pointer)
{
    if (clang_getCanonicalType(clang_getCursorType(pointer)).kind != CXType_Pointer
        || (clang_getCursorKind(pointer) == CXCursor_VarDecl
            && (clang_Cursor_hasVarDeclGlobalStorage(pointer) == 1
                || lc_extract_declared_inside(pointer, outer_statement))))
        return 0;
    struct consumes_scan inner = consumes_scan_of(parts, pointer, 1), all = consumes_scan_of(outer, pointer, 0);
    return inner.reads > 0 && !inner.reset && !all.reset && all.advances > inner.advances;
}

int lc_extract_loop_consumes_walk(const struct lc_extract_loop_parts *parts, const struct lc_extract_loop_parts *outer,
                                  CXCursor outer_statement)
{
    CXCursor statements[CONSUMES_STATEMENTS + 2];
    unsigned count = 0;
    if (!clang_Cursor_isNull(parts->body) && clang_getCursorKind(parts->body) == CXCursor_CompoundStmt)
        count = lc_extract_children(parts->body, statements, CONSUMES_STATEMENTS);
    else if (!clang_Cursor_isNull(parts->body))
        statements[count++] = parts->body;
    if (count > CONSUMES_STATEMENTS)
        return 0;
    CXCursor increment = lc_extract_strip(parts->increment), sides[2];
    if (clang_getCursorKind(increment) == CXCursor_BinaryOperator
        && clang_getCursorBinaryOperatorKind(increment) == CXBinaryOperator_Comma
        && lc_extract_children(increment, sides, 2) == 2) {
        statements[count++] = sides[0];   /* `i++, p++` */
        statements[count++] = sides[1];
    } else if (!clang_Cursor_isNull(increment)) {
        statements[count++] = increment;
    }
    for (unsigned i = 0; i < count; i++) {
        CXCursor moved = lc_extract_updated_operand(lc_extract_strip(statements[i]));
        CXCursor pointer = clang_Cursor_isNull(moved) ? moved : lc_extract_loop_variable(moved);
        if (!clang_Cursor_isNull(pointer) && consumes_advances(statements[i], pointer)
            && consumes_pointer(parts, outer, outer_statement, pointer))
            return 1;
    }
    return 0;
}
