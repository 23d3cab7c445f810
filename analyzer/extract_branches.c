/* extract_branches.c — what an `if` branch tells about the calls in it:
 * whether it always leaves (return, break, continue, goto last), the call
 * it can only end with (`{ report(); die(); }`, lc_call_fact
 * branch_exit), or the call its condition needs to have returned (`if
 * (BUG(x))`); the calls and accesses on the way to either.  Kept out of
 * extract_flow.c's recursive walk, whose frames stay small for deeply
 * nested code. */
#include "extract_internal.h"

#include <string.h>

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

/* How many statements leave the branch early, counting the last. */
static enum CXChildVisitResult extract_leaves_count_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    int leaves = 0;
    extract_leaves_visit(cursor, parent, &leaves);
    *(int *)data += leaves;
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

int lc_extract_condition_returned_call(struct lc_extract_walk *walk, CXCursor condition, size_t first)
{
    CXCursor parts[3], sides[2];
    long long value;
    condition = lc_extract_strip(condition);
    if (clang_getCursorKind(condition) != CXCursor_ConditionalOperator || lc_extract_children(condition, parts, 3) != 3
        || !lc_extract_integer_constant(parts[2], &value) || value != 0)
        return -1;
    CXCursor taken = lc_extract_strip(parts[1]);
    if (clang_getCursorKind(taken) != CXCursor_BinaryOperator
        || clang_getCursorBinaryOperatorKind(taken) != CXBinaryOperator_Comma || lc_extract_children(taken, sides, 2) != 2
        || !lc_extract_integer_constant(sides[1], &value) || value == 0)
        return -1;
    CXCursor call = lc_extract_strip(sides[0]);
    struct lc_location loc;
    if (clang_getCursorKind(call) != CXCursor_CallExpr
        || lc_extract_location(walk, clang_getCursorLocation(call), &loc) != 0)
        return -1;
    CXString name = clang_getCursorSpelling(call);
    const char *callee = clang_getCString(name);
    int found = -1;
    for (size_t i = first; i < walk->facts->call_count && found < 0; i++) {
        const struct lc_call_fact *fact = &walk->facts->calls[i];
        if (fact->loc.line == loc.line && fact->loc.col == loc.col && fact->callee.name && callee
            && strcmp(fact->callee.name, callee) == 0)
            found = (int)i;
    }
    clang_disposeString(name);
    return found;
}

int lc_extract_branch_error_return(CXCursor statement)
{
    CXCursor last = lc_extract_last_statement(statement), value;
    long long constant;
    int leaves = 0;
    if (clang_getCursorKind(last) != CXCursor_ReturnStmt || lc_extract_children(last, &value, 1) != 1
        || !lc_extract_integer_constant(value, &constant) || constant == 0)
        return 0;
    clang_visitChildren(statement, extract_leaves_count_visit, &leaves);
    return leaves == 1;
}

void lc_extract_mark_error_return(struct lc_extract_walk *walk, size_t first, size_t first_access)
{
    for (size_t i = first; i < walk->facts->call_count; i++)
        walk->facts->calls[i].error_return = 1;
    for (size_t i = first_access; i < walk->facts->access_count; i++)
        walk->facts->accesses[i].error_return = 1;
}

/* The loop around `loop` that is not a macro's `do { ... } while (0)`. */
static int extract_repeating_loop(const struct lc_extract_walk *walk, int loop)
{
    while (loop >= 0 && walk->facts->loops[loop].kind == LC_LOOP_DO
           && walk->facts->loops[loop].bound == LC_BOUND_SMALL_CONSTANT && walk->facts->loops[loop].trip_count == 1)
        loop = walk->facts->loops[loop].parent_index;
    return loop;
}

void lc_extract_nonzero_exit(struct lc_extract_walk *walk, int tested, unsigned jumps, int end)
{
    if (tested < 0 || end < 0)
        return;
    struct lc_call_fact *call = &walk->facts->calls[tested];
    if (call->branch_serial == walk->branch_serial && call->jumps_before == jumps
        && extract_repeating_loop(walk, call->loop_index) == extract_repeating_loop(walk, walk->loop_index)
        && call->nonzero_exit < 0)
        call->nonzero_exit = end;
}

void lc_extract_branch_exits(struct lc_extract_walk *walk, size_t first, size_t first_access, int returned)
{
    int end = returned >= 0 ? returned : walk->branch_end_index;
    size_t last = returned >= 0 ? walk->facts->call_count : (size_t)end;
    for (size_t i = first; end >= 0 && i < last; i++)
        if (walk->facts->calls[i].branch_exit < 0)
            walk->facts->calls[i].branch_exit = end;
    for (size_t i = first_access; end >= 0 && i < walk->facts->access_count; i++)
        if (walk->facts->accesses[i].branch_exit < 0)
            walk->facts->accesses[i].branch_exit = end;
}

/* The call a branch can only end with: its last statement when that is a
 * call (`{ log(...); fatal(...); }`, also the last inside a macro's `do {
 * ... } while (0)` or `(void) ({ ... })`, or the last of a comma
 * expression: redis's `serverPanic(...)`, `_serverPanic(...), abort()`)
 * and nothing before leaves the branch; else null. */
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
    CXCursor sides[2];
    for (int depth = 0; depth < 4 && clang_getCursorKind(last) == CXCursor_BinaryOperator
                        && clang_getCursorBinaryOperatorKind(last) == CXBinaryOperator_Comma
                        && lc_extract_children(last, sides, 2) == 2;
         depth++)
        last = lc_extract_strip(sides[1]);
    int leaves = 0;
    if (clang_getCursorKind(last) != CXCursor_CallExpr)
        return clang_getNullCursor();
    clang_visitChildren(statement, extract_leaves_visit, &leaves);
    return leaves ? clang_getNullCursor() : last;
}
