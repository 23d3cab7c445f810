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
 * in the function stores the bound or the counter into that same field.
 *
 * The same holds for a scan down from the mark to the next place in use,
 * after which the mark is lowered there:
 *
 *     for (j = loop->maxfd - 1; j >= 0; j--)
 *         if (loop->events[j].mask != NONE) break;
 *     loop->maxfd = j;
 *
 * The places the scan passes are below the mark and empty, and the mark
 * moves below them: each is passed once until the program adds a place
 * above it again.  The counter starts at the field or the field minus a
 * constant, the condition is `counter >= bound` (or `>`), the increment
 * counts it down, and the counter or the bound is stored into the field
 * later. */
#include "extract_internal.h"

/* The counter of `counter < bound` (`<=`, `!=`: *down 0) or `counter >=
 * bound` (`>`: *down 1), the bound in *bound; a null cursor when the
 * condition has another shape. */
static CXCursor amortized_counter(CXCursor condition, CXCursor *bound, int *down)
{
    CXCursor tested = lc_extract_strip(condition), sides[2];
    if (clang_getCursorKind(tested) != CXCursor_BinaryOperator || lc_extract_children(tested, sides, 2) != 2)
        return clang_getNullCursor();
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(tested);
    *down = op == CXBinaryOperator_GE || op == CXBinaryOperator_GT;
    if (op != CXBinaryOperator_LT && op != CXBinaryOperator_LE && op != CXBinaryOperator_NE && !*down)
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

/* `mark - constant` gives the mark (a scan down starts below it). */
static CXCursor amortized_below(CXCursor start)
{
    CXCursor sides[2];
    long long constant;
    if (clang_getCursorKind(start) == CXCursor_BinaryOperator
        && clang_getCursorBinaryOperatorKind(start) == CXBinaryOperator_Sub && lc_extract_children(start, sides, 2) == 2
        && lc_extract_integer_constant(lc_extract_strip(sides[1]), &constant))
        return lc_extract_strip(sides[0]);
    return start;
}

/* Does the increment count the counter down (`j--`, `--j`, `j -= 1`)? */
static int amortized_counts_down(CXCursor increment, CXCursor counter)
{
    CXCursor target = lc_extract_updated_operand(lc_extract_strip(increment));
    if (clang_Cursor_isNull(target) || !lc_extract_same_place(target, counter))
        return 0;
    CXCursor step = lc_extract_strip(increment);
    if (clang_getCursorKind(step) == CXCursor_CompoundAssignOperator)
        return clang_getCursorBinaryOperatorKind(step) == CXBinaryOperator_SubAssign;
    enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(step);
    return op == CXUnaryOperator_PostDec || op == CXUnaryOperator_PreDec;
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
    if (!lc_extract_assignment_sides(cursor, sides)
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
    int down = 0;
    CXCursor bound = clang_getNullCursor(), counter = amortized_counter(parts->condition, &bound, &down);
    if (clang_Cursor_isNull(counter) || (down && !amortized_counts_down(parts->increment, counter)))
        return 0;
    CXCursor mark = amortized_start(parts, counter);
    if (down && !clang_Cursor_isNull(mark))
        mark = amortized_below(mark);
    if (clang_getCursorKind(mark) != CXCursor_MemberRefExpr)
        return 0;
    unsigned after = lc_extract_offset(clang_getRangeEnd(clang_getCursorExtent(statement)));
    struct amortized_search search = { mark, counter, bound, after, 0 };
    clang_visitChildren(walk->function, amortized_store_visit, &search);
    return search.found;
}
