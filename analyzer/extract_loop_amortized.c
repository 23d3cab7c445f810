/* extract_loop_amortized.c — a loop that fills an object from the mark the
 * object keeps up to a new size, after which the function moves the mark
 * there:
 *
 *     for (x = line->filled; x < size; x++)
 *         clear_cell(line, x);
 *     line->filled = size;
 *
 * Each place is filled once over the object's life however often the
 * function runs, so a caller growing the object a step at a time (a cell
 * per call, in a loop over the cells) does linear work in all: the loop's
 * rounds are amortised over its callers (LC_SOURCE_AMORTIZED).  The
 * counter starts at a field (`line->filled`, `g->lines[y].size`), the
 * condition is `counter < bound` (or `<=`, `!=`), and an assignment later
 * in the function stores the bound or the counter into that same field. */
#include "extract_internal.h"

/* The counter of `counter < bound` (`<=`, `!=`), the bound in *bound; a
 * null cursor when the condition has another shape. */
static CXCursor amortized_counter(CXCursor condition, CXCursor *bound)
{
    CXCursor tested = lc_extract_strip(condition), sides[2];
    if (clang_getCursorKind(tested) != CXCursor_BinaryOperator || lc_extract_children(tested, sides, 2) != 2)
        return clang_getNullCursor();
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(tested);
    if (op != CXBinaryOperator_LT && op != CXBinaryOperator_LE && op != CXBinaryOperator_NE)
        return clang_getNullCursor();
    *bound = lc_extract_strip(sides[1]);
    CXCursor counter = lc_extract_strip(sides[0]);
    return clang_getCursorKind(counter) == CXCursor_DeclRefExpr ? counter : clang_getNullCursor();
}

/* Where the counter starts: its declaration's initializer in a `for`'s
 * declaration, else the value the init statement assigns it. */
static CXCursor amortized_start(const struct lc_extract_loop_parts *parts, CXCursor counter)
{
    CXCursor variable = lc_extract_loop_variable(counter);
    if (clang_Cursor_isNull(variable))
        return variable;
    CXCursor start = clang_getCursorKind(parts->init) == CXCursor_DeclStmt
                         ? clang_Cursor_getVarDeclInitializer(variable)
                         : lc_extract_init_assignment(parts->init, variable);
    return clang_Cursor_isNull(start) ? start : lc_extract_strip(start);
}

/* A search for `mark = bound` or `mark = counter` after the loop. */
struct amortized_search {
    CXCursor mark, counter, bound;
    unsigned after;   /* the loop's end offset */
    int found;
};

static enum CXChildVisitResult amortized_store_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct amortized_search *search = data;
    CXCursor sides[2];
    if (clang_getCursorKind(cursor) != CXCursor_BinaryOperator
        || clang_getCursorBinaryOperatorKind(cursor) != CXBinaryOperator_Assign
        || lc_extract_children(cursor, sides, 2) != 2
        || lc_extract_offset(clang_getRangeStart(clang_getCursorExtent(cursor))) < search->after
        || !lc_extract_same_place(sides[0], search->mark))
        return CXChildVisit_Recurse;
    search->found = lc_extract_same_place(sides[1], search->bound) || lc_extract_same_place(sides[1], search->counter);
    return search->found ? CXChildVisit_Break : CXChildVisit_Recurse;
}

int lc_extract_loop_is_amortized(struct lc_extract_walk *walk, CXCursor statement,
                                 const struct lc_extract_loop_parts *parts)
{
    if (clang_Cursor_isNull(parts->init) || clang_Cursor_isNull(parts->condition)
        || clang_Cursor_isNull(walk->function))
        return 0;
    CXCursor bound = clang_getNullCursor(), counter = amortized_counter(parts->condition, &bound);
    if (clang_Cursor_isNull(counter))
        return 0;
    CXCursor mark = amortized_start(parts, counter);
    if (clang_getCursorKind(mark) != CXCursor_MemberRefExpr)
        return 0;
    unsigned after = lc_extract_offset(clang_getRangeEnd(clang_getCursorExtent(statement)));
    struct amortized_search search = { mark, counter, bound, after, 0 };
    clang_visitChildren(walk->function, amortized_store_visit, &search);
    return search.found;
}
