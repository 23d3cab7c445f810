/* extract_loop_reads_on.c — a loop that goes its way through a text of
 * length-prefixed parts: every round, a statement of its body's own block
 * (under no branch or inner loop, and after no statement holding a
 * `continue`, a `goto` or a label) takes a length through a pointer,
 * moving past it (`len = *d++;`), a later one goes past that many
 * characters — skips them (`d += len;`), walks them (`while (len) { ...;
 * d++; len--; }`), or does either in each branch of an `if` — and nothing
 * in the loop sets the pointer afresh (`d = start` would go back).  Its rounds are at most the text's characters, whatever
 * its condition counts (`while (atlabel > labs2) { len = *d++; d += len;
 * atlabel--; }`: unbound's walk over a DNS name's labels), so it is a
 * walk over a string (LC_SOURCE_STRING, extract_loop_shape.c).  A loop
 * that only takes bytes one by one (a decompressor's `ctrl = *ip++`) is
 * not taken for text. */
#include "extract_internal.h"

/* `*p++` or `*++p` of a character: the pointer's declaration, or null. */
static CXCursor reads_on_pointer(CXCursor expr)
{
    expr = lc_extract_strip(expr);
    CXCursor operand;
    if (clang_getCursorKind(expr) != CXCursor_UnaryOperator
        || clang_getCursorUnaryOperatorKind(expr) != CXUnaryOperator_Deref
        || !lc_extract_is_char(clang_getCursorType(expr)) || lc_extract_children(expr, &operand, 1) != 1)
        return clang_getNullCursor();
    operand = lc_extract_strip(operand);
    CXCursor pointer;
    if (clang_getCursorKind(operand) != CXCursor_UnaryOperator
        || (clang_getCursorUnaryOperatorKind(operand) != CXUnaryOperator_PostInc
            && clang_getCursorUnaryOperatorKind(operand) != CXUnaryOperator_PreInc)
        || lc_extract_children(operand, &pointer, 1) != 1)
        return clang_getNullCursor();
    return lc_extract_loop_variable(pointer);
}

/* A statement of the body's block taking a length through a pointer and
 * moving past it: `len = *p++;`, `T len = *p++;`; the length's variable
 * in `*length`. */
static CXCursor reads_on_length(CXCursor statement, CXCursor *length)
{
    CXCursor sides[2], declaration;
    if (lc_extract_assignment_sides(statement, sides)) {
        *length = lc_extract_loop_variable(sides[0]);
        return reads_on_pointer(sides[1]);
    }
    if (clang_getCursorKind(statement) == CXCursor_DeclStmt && lc_extract_children(statement, &declaration, 1) == 1
        && clang_getCursorKind(declaration) == CXCursor_VarDecl
        && !clang_Cursor_isNull(clang_Cursor_getVarDeclInitializer(declaration))) {
        *length = clang_getCanonicalCursor(declaration);
        return reads_on_pointer(clang_Cursor_getVarDeclInitializer(declaration));
    }
    return clang_getNullCursor();
}

struct reads_on_part {
    CXCursor pointer, length;
};

/* `p += len` */
static int reads_on_skips(CXCursor expr, const struct reads_on_part *part)
{
    CXCursor sides[2];
    expr = lc_extract_strip(expr);
    return clang_getCursorKind(expr) == CXCursor_CompoundAssignOperator
           && clang_getCursorBinaryOperatorKind(expr) == CXBinaryOperator_AddAssign
           && lc_extract_children(expr, sides, 2) == 2 && lc_extract_names(sides[0], part->pointer)
           && lc_extract_names(sides[1], part->length);
}

static int reads_on_steps_pointer(CXCursor cursor, void *part)
{
    CXCursor operand;
    return lc_extract_increases(cursor, &operand) && lc_extract_names(operand, ((struct reads_on_part *)part)->pointer);
}

static int reads_on_counts_down(CXCursor cursor, void *part)
{
    CXCursor operand = lc_extract_updated_operand(cursor);
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    return !clang_Cursor_isNull(operand) && lc_extract_names(operand, ((struct reads_on_part *)part)->length)
           && ((kind == CXCursor_UnaryOperator
                && (clang_getCursorUnaryOperatorKind(cursor) == CXUnaryOperator_PostDec
                    || clang_getCursorUnaryOperatorKind(cursor) == CXUnaryOperator_PreDec))
               || (kind == CXCursor_CompoundAssignOperator
                   && clang_getCursorBinaryOperatorKind(cursor) == CXBinaryOperator_SubAssign));
}

/* Does `statement` go past the part's characters: `p += len;`, a loop
 * stepping p while counting len down (`while (len) { ...; p++; len--; }`),
 * or an `if` each branch of which does? */
static int reads_on_consumes(CXCursor statement, const struct reads_on_part *part)
{
    enum CXCursorKind kind = clang_getCursorKind(statement);
    CXCursor items[3];
    if (kind == CXCursor_CompoundStmt) {
        CXCursor block[32];
        unsigned count = lc_extract_children(statement, block, 32);
        for (unsigned i = 0; i < count && i < 32; i++)
            if (reads_on_consumes(block[i], part))
                return 1;
        return 0;
    }
    if (kind == CXCursor_IfStmt)
        return lc_extract_children(statement, items, 3) == 3 && reads_on_consumes(items[1], part)
               && reads_on_consumes(items[2], part);
    if (kind == CXCursor_WhileStmt || kind == CXCursor_ForStmt || kind == CXCursor_DoStmt)
        return lc_extract_any(statement, reads_on_steps_pointer, (void *)part)
               && lc_extract_any(statement, reads_on_counts_down, (void *)part);
    return reads_on_skips(statement, part);
}

struct reads_on_set {
    CXCursor pointer;
    int set;
};

/* `p = ...` anywhere in the loop. */
static enum CXChildVisitResult reads_on_set_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct reads_on_set *search = data;
    CXCursor sides[2];
    if (lc_extract_assignment_sides(cursor, sides) && lc_extract_names(sides[0], search->pointer)) {
        search->set = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

int lc_extract_loop_reads_on(const struct lc_extract_loop_parts *parts)
{
    if (clang_Cursor_isNull(parts->body))
        return 0;
    CXCursor items[32];
    unsigned count = clang_getCursorKind(parts->body) == CXCursor_CompoundStmt
                         ? lc_extract_children(parts->body, items, 32)
                         : (items[0] = parts->body, 1);
    for (unsigned i = 0; i + 1 < count && i + 1 < 32; i++) {
        struct reads_on_part part = { clang_getNullCursor(), clang_getNullCursor() };
        part.pointer = reads_on_length(items[i], &part.length);
        int consumed = 0;
        for (unsigned j = i + 1; j < count && j < 32 && !consumed && !clang_Cursor_isNull(part.pointer)
                                 && !clang_Cursor_isNull(part.length);
             j++)
            consumed = reads_on_consumes(items[j], &part);
        if (!consumed) {
            if (lc_extract_any(items[i], lc_extract_cuts_round, NULL))
                return 0;   /* what follows may be skipped in a round */
            continue;
        }
        struct reads_on_set search = { part.pointer, 0 };
        lc_extract_visit_loop_parts(parts, reads_on_set_visit, &search);
        if (!search.set)
            return 1;
    }
    return 0;
}
