/* extract_loop_retired.c — a walk from a mark that retires the elements
 * it passes too often, as nginx's pool allocator appends a block:
 *
 *     for (p = pool->current; p->d.next; p = p->d.next) {
 *         if (p->d.failed++ > 4)
 *             pool->current = p->d.next;
 *     }
 *
 * The walk starts at a place (a field, `pool->current`) and steps through
 * a link of the element it is at; every round, an `if` of the body's own
 * block counts the element's pass in one of its fields and, once that
 * count is past a constant K, moves the start past it (the same place set
 * to a link read from the element).  Each element is passed at most K + 2
 * times before the walks start beyond it, so all the walks together cost
 * a few steps per element ever added: the rounds are amortised
 * (LC_SOURCE_AMORTIZED).  A program that set the start back, or the
 * counts down, without a walk of its own would repeat them: not checked
 * (nginx's ngx_reset_pool does both after walking every block). */
#include "extract_internal.h"

#define RETIRED_MOST_PASSES 1000   /* K: a count past it is no few passes */

/* The walker and where it starts: `p = pool->current` (or the declaration
 * `struct block *p = pool->current`); 0 when the init is not so. */
static int retired_start(CXCursor init, CXCursor *walker, CXCursor *start)
{
    CXCursor sides[2];
    init = lc_extract_strip(init);
    if (lc_extract_assignment_sides(init, sides)) {
        *walker = lc_extract_loop_variable(sides[0]);
        *start = lc_extract_strip(sides[1]);
    } else if (clang_getCursorKind(init) == CXCursor_DeclStmt && lc_extract_children(init, sides, 1) == 1
               && clang_getCursorKind(sides[0]) == CXCursor_VarDecl) {
        *walker = clang_getCanonicalCursor(sides[0]);
        *start = lc_extract_strip(clang_Cursor_getVarDeclInitializer(sides[0]));
    } else {
        return 0;
    }
    return !clang_Cursor_isNull(*walker) && clang_getCursorKind(*start) == CXCursor_MemberRefExpr;
}

/* Does `expr` read a field through the walker (`p->d.next`)? */
static int retired_reads_walker(CXCursor expr, CXCursor walker)
{
    expr = lc_extract_strip(expr);
    return clang_getCursorKind(expr) == CXCursor_MemberRefExpr && lc_extract_reads_variable(expr, walker);
}

/* `p = p->next`: the increment steps the walker through a link of its
 * element. */
static int retired_steps(CXCursor increment, CXCursor walker)
{
    CXCursor sides[2];
    return lc_extract_assignment_sides(lc_extract_strip(increment), sides) && lc_extract_is_variable(sides[0], walker)
           && retired_reads_walker(sides[1], walker);
}

/* `p->failed++ > K` (also `++p->failed`, `>=`): a pass counted in a field
 * of the element, tested against a few. */
static int retired_counts_passes(CXCursor condition, CXCursor walker)
{
    CXCursor sides[2], counter;
    long long most;
    condition = lc_extract_strip(condition);
    if (clang_getCursorKind(condition) != CXCursor_BinaryOperator || lc_extract_children(condition, sides, 2) != 2)
        return 0;
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(condition);
    CXCursor counted = lc_extract_strip(sides[0]);
    return (op == CXBinaryOperator_GT || op == CXBinaryOperator_GE) && clang_getCursorKind(counted) == CXCursor_UnaryOperator
           && lc_extract_increases(counted, &counter) && retired_reads_walker(counter, walker)
           && lc_extract_integer_constant(sides[1], &most) && most >= 0 && most < RETIRED_MOST_PASSES;
}

/* The start moved past the element: `pool->current = p->d.next`. */
struct retired_move {
    CXCursor walker, start;
};

static int retired_moves_start(CXCursor cursor, void *data)
{
    const struct retired_move *move = data;
    CXCursor sides[2];
    return lc_extract_assignment_sides(cursor, sides) && lc_extract_same_place(sides[0], move->start)
           && retired_reads_walker(sides[1], move->walker);
}

/* Is `statement` an `if` counting the element's pass whose branch moves
 * the start past it? */
static int retired_if(CXCursor statement, const struct retired_move *move)
{
    CXCursor parts[3];
    return clang_getCursorKind(statement) == CXCursor_IfStmt && lc_extract_children(statement, parts, 3) == 2
           && retired_counts_passes(parts[0], move->walker)
           && lc_extract_any(parts[1], retired_moves_start, (void *)move);
}

/* Is the walker changed in the body (its only step is the increment)? */
static int retired_walker_changed(CXCursor cursor, void *walker)
{
    return lc_extract_is_variable(lc_extract_changed_operand(cursor), *(const CXCursor *)walker);
}

/* A statement of the body's own block that is such an `if`. */
struct retired_search {
    const struct retired_move *move;
    int found;
};

static enum CXChildVisitResult retired_statement_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct retired_search *search = data;
    search->found = retired_if(cursor, search->move);
    return search->found ? CXChildVisit_Break : CXChildVisit_Continue;
}

int lc_extract_loop_retires_passed(const struct lc_extract_loop_parts *parts)
{
    struct retired_move move;
    if (clang_Cursor_isNull(parts->init) || clang_Cursor_isNull(parts->increment) || clang_Cursor_isNull(parts->body)
        || !retired_start(parts->init, &move.walker, &move.start) || !retired_steps(parts->increment, move.walker)
        || lc_extract_any(parts->body, retired_walker_changed, &move.walker)
        || lc_extract_any(parts->body, lc_extract_cuts_round, NULL))   /* a round may skip the count */
        return 0;
    if (retired_if(parts->body, &move))
        return 1;
    struct retired_search search = { &move, 0 };
    if (clang_getCursorKind(parts->body) == CXCursor_CompoundStmt)
        clang_visitChildren(parts->body, retired_statement_visit, &search);
    return search.found;
}
