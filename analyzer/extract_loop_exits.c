/* extract_loop_exits.c — the calls on the way out of a loop:
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
 *     TAILQ_FOREACH(w, &windows, entry) {
 *         if (w->id != id)
 *             continue;
 *         window_redraw(w);
 *         return w;
 *     }
 *
 * A block of the loop (a branch, the body, any braces) that ends by leaving
 * the innermost loop (a return, a break of that loop, a goto to a label
 * after it) has a tail from which every path runs to that exit: the
 * statements after the last one holding a way back into the loop (a
 * continue outside a `do ... while (0)`, a break of a switch around the
 * block, a goto, a label, a loop of its own).  The tail is entered at most
 * once per run of the loop, so its calls count with the loop around this
 * one (a break, a goto) or at the function's top level (a return leaves
 * every loop), as extract_loop_once.c does for a lazily made local.  A
 * branch that is itself the exit (`if (bad) return report(r);`) is such a
 * tail too.  A break or continue that ends a switch or a `do ... while (0)`
 * inside the tail lands before the exit: no way back. */
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
    if (clang_getCursorKind(statement) != CXCursor_DoStmt || lc_extract_children(statement, parts, 2) != 2)
        return 0;
    const struct lc_extract_loop_parts loop = { clang_getNullCursor(), parts[1], clang_getNullCursor(), parts[0] };
    return lc_extract_loop_is_do_once(LC_LOOP_DO, &loop);
}

/* A scan of one statement for a way back into the loop. */
struct exits_scan {
    int break_leaves;    /* a break of the block's own level leaves the loop */
    int break_ends;      /* inside a switch or `do ... while (0)` of the statement */
    int continue_ends;   /* inside a `do ... while (0)` of the statement */
    int way_back;
};

static enum CXChildVisitResult exits_way_back_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct exits_scan *scan = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (kind == CXCursor_SwitchStmt || exits_is_do_once(cursor)) {
        struct exits_scan inner = *scan;
        inner.break_ends = 1;
        inner.continue_ends |= kind == CXCursor_DoStmt;
        clang_visitChildren(cursor, exits_way_back_visit, &inner);
        scan->way_back |= inner.way_back;
        return scan->way_back ? CXChildVisit_Break : CXChildVisit_Continue;
    }
    switch (kind) {
    case CXCursor_BreakStmt:
        scan->way_back |= !scan->break_ends && !scan->break_leaves;
        break;
    case CXCursor_ContinueStmt:
        scan->way_back |= !scan->continue_ends;
        break;
    case CXCursor_GotoStmt:
    case CXCursor_IndirectGotoStmt:
    case CXCursor_LabelStmt:
    case CXCursor_ForStmt:
    case CXCursor_WhileStmt:
    case CXCursor_DoStmt:
        scan->way_back = 1;
        break;
    default:
        return CXChildVisit_Recurse;
    }
    return scan->way_back ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* The statements of a block from which every path runs to the exit the
 * block ends with: the first after the last one holding a way back. */
struct exits_tail {
    int break_leaves;
    CXCursor clean_from;   /* the first statement after the last way back, or null */
    CXCursor start;        /* the tail's first statement if the last one is the exit */
    CXCursor last;         /* the block's last statement */
};

static enum CXChildVisitResult exits_tail_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    struct exits_tail *tail = data;
    tail->start = clang_Cursor_isNull(tail->clean_from) ? cursor : tail->clean_from;
    tail->last = cursor;
    struct exits_scan scan = { tail->break_leaves, 0, 0, 0 };
    if (exits_way_back_visit(cursor, parent, &scan) == CXChildVisit_Recurse)
        clang_visitChildren(cursor, exits_way_back_visit, &scan);
    if (scan.way_back)
        tail->clean_from = clang_getNullCursor();
    else if (clang_Cursor_isNull(tail->clean_from))
        tail->clean_from = cursor;
    return CXChildVisit_Continue;
}

void lc_extract_loop_exit_calls(struct lc_extract_walk *walk, CXCursor statement, size_t first_call)
{
    if (walk->loop_index < 0 || clang_Cursor_isNull(walk->loop_statement) || first_call == walk->facts->call_count)
        return;
    CXCursor start = statement, last = statement;
    if (clang_getCursorKind(statement) == CXCursor_CompoundStmt) {
        last = lc_extract_last_statement(statement);
        if (clang_Cursor_isNull(last) || lc_extract_loop_leaving(walk, last) == LC_LEAVES_NOT)
            return;
        struct exits_tail tail = { clang_equalCursors(walk->reach_breakable, walk->loop_statement),
                                   clang_getNullCursor(), clang_getNullCursor(), clang_getNullCursor() };
        clang_visitChildren(statement, exits_tail_visit, &tail);
        start = tail.start;
        last = tail.last;
    }
    enum lc_extract_leaving leaving = clang_Cursor_isNull(last) ? LC_LEAVES_NOT : lc_extract_loop_leaving(walk, last);
    struct lc_location from;
    if (leaving == LC_LEAVES_NOT || lc_extract_location(walk, clang_getCursorLocation(start), &from) != 0)
        return;
    int outside = leaving == LC_LEAVES_FUNCTION ? -1 : walk->facts->loops[walk->loop_index].parent_index;
    for (size_t c = first_call; c < walk->facts->call_count; c++) {
        struct lc_call_fact *fact = &walk->facts->calls[c];
        if (fact->loop_index == walk->loop_index && lc_location_compare(&fact->loc, &from) >= 0) {
            fact->loop_index = outside;
            fact->element_args = fact->cursor_args = 0;
            fact->each_round = 0;
        }
    }
}
