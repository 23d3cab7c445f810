/* extract_branches.c — what an `if` branch tells about the calls in it:
 * whether it always leaves (return, break, continue, goto last), the call
 * it can only end with (`{ report(); die(); }`, lc_call_fact
 * branch_exit).  Kept out of extract_flow.c's recursive walk, whose
 * frames stay small for deeply nested code. */
#include "extract_internal.h"

/* Does a branch hold a statement that leaves it early (return, goto,
 * break, continue)? */
static enum CXChildVisitResult extract_leaves_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (kind == CXCursor_ReturnStmt || kind == CXCursor_GotoStmt || kind == CXCursor_IndirectGotoStmt
        || kind == CXCursor_BreakStmt || kind == CXCursor_ContinueStmt) {
        *(int *)data = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

static enum CXChildVisitResult extract_last_child_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    *(CXCursor *)data = cursor;
    return CXChildVisit_Continue;
}

CXCursor lc_extract_last_statement(CXCursor statement)
{
    CXCursor last = statement;
    while (clang_getCursorKind(last) == CXCursor_CompoundStmt) {
        CXCursor block = last;
        last = clang_getNullCursor();
        clang_visitChildren(block, extract_last_child_visit, &last);
    }
    return last;
}

int lc_extract_always_exits(CXCursor statement)
{
    switch (clang_getCursorKind(lc_extract_last_statement(statement))) {
    case CXCursor_ReturnStmt:
    case CXCursor_BreakStmt:
    case CXCursor_ContinueStmt:
    case CXCursor_GotoStmt:
        return 1;
    default:
        return 0;
    }
}

/* A macro's wrapper around statements: the last statement inside `do {
 * ... } while (0)` or a GNU statement expression `(void) ({ ... })`, else
 * null. */
static CXCursor extract_wrapped_last(CXCursor statement)
{
    CXCursor parts[2];
    long long value;
    if (clang_getCursorKind(statement) == CXCursor_DoStmt && lc_extract_children(statement, parts, 2) == 2
        && lc_extract_integer_constant(parts[1], &value) && value == 0)
        return lc_extract_last_statement(parts[0]);
    for (int depth = 0; depth < 4; depth++) {
        enum CXCursorKind kind = clang_getCursorKind(statement);
        unsigned count = lc_extract_children(statement, parts, 2);
        if (kind == CXCursor_StmtExpr && count == 1)
            return lc_extract_last_statement(parts[0]);
        if ((kind != CXCursor_CStyleCastExpr && kind != CXCursor_ParenExpr && kind != CXCursor_UnexposedExpr)
            || count < 1)
            return clang_getNullCursor();
        statement = count == 2 ? parts[1] : parts[0];   /* a cast's type reference comes first */
    }
    return clang_getNullCursor();
}

/* The call a branch can only end with: its last statement when that is a
 * call (`{ log(...); fatal(...); }`, also the last inside a macro's `do {
 * ... } while (0)` or `(void) ({ ... })`) and nothing before leaves the
 * branch; else null. */
CXCursor lc_extract_branch_end(CXCursor statement)
{
    CXCursor last = lc_extract_last_statement(statement);
    for (int depth = 0; depth < 4 && !clang_Cursor_isNull(last); depth++) {
        CXCursor inner = extract_wrapped_last(last);
        if (clang_Cursor_isNull(inner))
            break;
        last = inner;
    }
    if (clang_Cursor_isNull(last))
        return last;
    last = lc_extract_strip(last);
    int leaves = 0;
    if (clang_getCursorKind(last) != CXCursor_CallExpr)
        return clang_getNullCursor();
    clang_visitChildren(statement, extract_leaves_visit, &leaves);
    return leaves ? clang_getNullCursor() : last;
}
