/* extract_conditionals.c — which calls may not run every time their
 * function does: the spans of the `?:`, `&&` and `||` expressions of the
 * function walked so far (what is inside one may not run), and, with the
 * walk's open branches and loops, whether a call or store is conditional
 * (facts.h lc_call_fact.conditional). */
#include "extract_internal.h"
#include "grow.h"

static int extract_span_of(CXCursor cursor, struct lc_extract_span *span)
{
    CXSourceRange extent = clang_getCursorExtent(cursor);
    CXFile end_file;
    clang_getExpansionLocation(clang_getRangeStart(extent), &span->file, NULL, NULL, &span->begin);
    clang_getExpansionLocation(clang_getRangeEnd(extent), &end_file, NULL, NULL, &span->end);
    return span->file && clang_File_isEqual(span->file, end_file) && span->begin <= span->end;
}

void lc_extract_conditional_expression(struct lc_extract_walk *walk, CXCursor cursor)
{
    struct lc_extract_span span;
    if (!extract_span_of(cursor, &span))
        return;
    if (lc_grow((void **)&walk->conditional_spans, &walk->conditional_cap, walk->conditional_count,
                sizeof *walk->conditional_spans, 16) != 0) {
        walk->out_of_memory = 1;
        return;
    }
    walk->conditional_spans[walk->conditional_count++] = span;
}

int lc_extract_is_conditional(const struct lc_extract_walk *walk, CXCursor call)
{
    return walk->open_conditional || walk->loop_index >= 0 || lc_extract_in_conditional_expression(walk, call);
}

int lc_extract_in_conditional_expression(const struct lc_extract_walk *walk, CXCursor call)
{
    struct lc_extract_span span;
    if (!extract_span_of(call, &span))
        return 1;
    for (size_t i = 0; i < walk->conditional_count; i++) {
        const struct lc_extract_span *outer = &walk->conditional_spans[i];
        if (clang_File_isEqual(outer->file, span.file) && outer->begin <= span.begin && span.end <= outer->end)
            return 1;
    }
    return 0;
}
