/* extract_statement_spans.c — the walked function's `if` and loop
 * statements with their offsets (an `if`'s arms, the block it is right
 * in), listed once per function (walk statement_spans): the questions of
 * paths to a loop (extract_loop_guarded.c) and of arms of an `if`
 * (extract_loop_resumed.c) ask this list instead of walking the function
 * again for every loop. */
#include "extract_internal.h"

static enum CXChildVisitResult spans_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    struct lc_extract_walk *walk = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (kind != CXCursor_IfStmt && kind != CXCursor_ForStmt && kind != CXCursor_WhileStmt && kind != CXCursor_DoStmt)
        return CXChildVisit_Recurse;
    struct lc_extract_statement_span *span =
        lc_extract_append(walk, &walk->statement_spans, &walk->statement_span_count, &walk->statement_span_cap,
                          sizeof *walk->statement_spans);
    if (!span)
        return CXChildVisit_Break;
    CXSourceRange extent = clang_getCursorExtent(cursor);
    span->begin = lc_extract_offset(clang_getRangeStart(extent));
    span->end = lc_extract_offset(clang_getRangeEnd(extent));
    CXCursor parts[3];
    unsigned count = kind == CXCursor_IfStmt ? lc_extract_children(cursor, parts, 3) : 0;
    span->is_if = count >= 2;
    walk->statement_if_count += (size_t)span->is_if;
    span->statement = span->is_if ? cursor : clang_getNullCursor();
    for (unsigned i = 1; i < count; i++) {
        CXSourceRange arm = clang_getCursorExtent(parts[i]);
        *(i == 1 ? &span->then_begin : &span->else_begin) = lc_extract_offset(clang_getRangeStart(arm));
        *(i == 1 ? &span->then_end : &span->else_end) = lc_extract_offset(clang_getRangeEnd(arm));
    }
    if (count >= 2 && clang_getCursorKind(parent) == CXCursor_CompoundStmt) {
        CXSourceRange block = clang_getCursorExtent(parent);
        span->block_begin = lc_extract_offset(clang_getRangeStart(block));
        span->block_end = lc_extract_offset(clang_getRangeEnd(block));
    }
    return CXChildVisit_Recurse;
}

int lc_extract_statement_spans_known(struct lc_extract_walk *walk)
{
    if (!walk->statement_spans_known) {
        walk->statement_span_count = walk->statement_if_count = 0;
        lc_extract_visit_all(walk->function, spans_visit, walk);
        walk->statement_spans_known = 1;
    }
    return !walk->out_of_memory;
}
