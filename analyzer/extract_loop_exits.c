/* extract_loop_exits.c — the calls of a branch that leaves its loop:
 *
 *     while (1) {
 *         ...
 *         if (new_rbuf == NULL) {
 *             out_of_memory(c, "SERVER_ERROR out of memory");
 *             c->close_after_write = true;
 *             return READ_MEMORY_ERROR;
 *         }
 *         ...
 *     }
 *
 * A branch whose last statement leaves the innermost loop (a return, a
 * break of that loop, a goto to a label after it) and that holds nothing
 * leading back into the loop (no continue outside a `do ... while (0)`, no
 * goto, no label, no loop of its own) ends at that exit on every path: it
 * is entered at most once per run of the loop.  Its calls are counted with
 * the loop around this one (a break, a goto), or at the function's top
 * level (a return leaves every loop), as extract_loop_once.c does for a
 * lazily made local.  A break inside a switch of the branch lands before
 * the exit, so it is no way back. */
#include "extract_internal.h"

enum lc_extract_leaving lc_extract_loop_leaving(const struct lc_extract_walk *walk, CXCursor jump)
{
    switch (clang_getCursorKind(jump)) {
    case CXCursor_ReturnStmt:
        return LC_LEAVES_FUNCTION;
    case CXCursor_BreakStmt:
        return clang_equalCursors(walk->reach_breakable, walk->loop_statement) ? LC_LEAVES_LOOP : LC_LEAVES_NOT;
    case CXCursor_GotoStmt: {
        CXCursor label = clang_getCursorReferenced(jump);
        CXSourceRange loop = clang_getCursorExtent(walk->loop_statement);
        return !clang_Cursor_isNull(label)
                       && lc_extract_offset(clang_getCursorLocation(label)) > lc_extract_offset(clang_getRangeEnd(loop))
                   ? LC_LEAVES_LOOP
                   : LC_LEAVES_NOT;
    }
    default:
        return LC_LEAVES_NOT;
    }
}

/* Is `statement` a `do ... while (0)` (a macro's wrapper)? */
static int exits_is_do_once(CXCursor statement)
{
    CXCursor parts[2];
    long long value;
    return clang_getCursorKind(statement) == CXCursor_DoStmt && lc_extract_children(statement, parts, 2) == 2
           && lc_extract_integer_constant(parts[1], &value) && value == 0;
}

/* A branch's scan for a way back into the loop: the exit it ends with
 * (not one), and whether one was found. */
struct exits_scan {
    CXCursor exit;
    int way_back;
};

/* Note a way back; a continue inside a `do ... while (0)` only ends that
 * wrapper. */
static enum CXChildVisitResult exits_way_back_visit(CXCursor cursor, CXCursor parent, CXClientData data);

static enum CXChildVisitResult exits_way_back_in_do_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    if (clang_getCursorKind(cursor) == CXCursor_ContinueStmt)
        return CXChildVisit_Continue;
    return exits_way_back_visit(cursor, parent, data);
}

static enum CXChildVisitResult exits_way_back_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct exits_scan *scan = data;
    if (clang_equalCursors(cursor, scan->exit))
        return CXChildVisit_Continue;
    if (exits_is_do_once(cursor)) {
        clang_visitChildren(cursor, exits_way_back_in_do_visit, data);
        return scan->way_back ? CXChildVisit_Break : CXChildVisit_Continue;
    }
    switch (clang_getCursorKind(cursor)) {
    case CXCursor_ContinueStmt:
    case CXCursor_GotoStmt:
    case CXCursor_IndirectGotoStmt:
    case CXCursor_LabelStmt:
    case CXCursor_ForStmt:
    case CXCursor_WhileStmt:
    case CXCursor_DoStmt:
        scan->way_back = 1;
        return CXChildVisit_Break;
    default:
        return CXChildVisit_Recurse;
    }
}

void lc_extract_loop_exit_calls(struct lc_extract_walk *walk, CXCursor branch, size_t first_call)
{
    if (walk->loop_index < 0 || clang_Cursor_isNull(walk->loop_statement) || first_call == walk->facts->call_count)
        return;
    CXCursor last = lc_extract_last_statement(branch);
    if (clang_Cursor_isNull(last))
        return;
    enum lc_extract_leaving leaving = lc_extract_loop_leaving(walk, last);
    if (leaving == LC_LEAVES_NOT)
        return;
    struct exits_scan scan = { last, 0 };
    clang_visitChildren(branch, exits_way_back_visit, &scan);
    if (scan.way_back)
        return;
    int outside = leaving == LC_LEAVES_FUNCTION ? -1 : walk->facts->loops[walk->loop_index].parent_index;
    for (size_t c = first_call; c < walk->facts->call_count; c++) {
        struct lc_call_fact *fact = &walk->facts->calls[c];
        if (fact->loop_index == walk->loop_index) {
            fact->loop_index = outside;
            fact->element_args = 0;
        }
    }
}
