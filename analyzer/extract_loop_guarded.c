/* extract_loop_guarded.c — a loop bounded by a size its function has
 * already tested against a constant.  Input checks cap what they let
 * through:
 *
 *     if (count > MAX_ITEMS) return -1;        (or `>=`, `K < count`, a side of `||`)
 *     for (i = 0; i < count; i++) ...
 *
 *     if (n <= 16) { for (i = 0; i < n; i++) ... }   (or `<`, a side of `&&`)
 *     if (n > 16) { ... } else { for (i = 0; i < n; i++) ... }
 *
 *     if (len > 255) len = 255;                 (a clamp)
 *
 * The loop's bound X (the other side of its counter's comparison: a
 * local, a parameter or a field of one) is at most K where every path to
 * the loop passes such a test: an `if` with no `else`, right in a block
 * around the loop and before it, whose then-branch always leaves (return,
 * break, continue, goto) or sets X to a constant no more than K, or an
 * `if` whose then-branch (its test holding) or else-branch (its test
 * failing) holds the loop.  Nothing from the test to the loop's end may
 * change X (an assignment, `++`, its address taken), nor anywhere in a
 * loop around it that the test is not in (`n += 10` after the loop, in a
 * `while` the test comes before, grows X past it for the next round); a
 * call changing a field is not seen.  The loop makes at most K + 1
 * rounds; a K from which a constant loop costs a level (an overflow
 * guard: `if (count >= 0xffff00U) return NULL;`) says nothing a loop over
 * data does not.
 *
 * The function's `if` and loop statements are listed once
 * (extract_statement_spans.c), so each loop asks them, not the whole
 * function. */
#include "extract_internal.h"

#define GUARDED_TESTS 16   /* tests of one bound weighed */

/* The constant K such that `test` holding means X <= K (`upper`) or, for
 * a test leading away, X <= K once it failed (`!upper`); -1 when it says
 * nothing of X. */
static long long guarded_limit(CXCursor test, CXCursor bound, int upper)
{
    CXCursor sides[2];
    long long constant;
    test = lc_extract_strip(test);
    if (clang_getCursorKind(test) != CXCursor_BinaryOperator || lc_extract_children(test, sides, 2) != 2)
        return -1;
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(test);
    if (op == (upper ? CXBinaryOperator_LAnd : CXBinaryOperator_LOr)) {
        /* either side of `a && b` holds when it does; of `a || b` fails */
        long long left = guarded_limit(sides[0], bound, upper), right = guarded_limit(sides[1], bound, upper);
        return left < 0 ? right : right < 0 || left < right ? left : right;
    }
    int flipped = 0;
    if (lc_extract_integer_constant(sides[1], &constant) && lc_extract_same_place(sides[0], bound))
        flipped = 0;   /* X op K */
    else if (lc_extract_integer_constant(sides[0], &constant) && lc_extract_same_place(sides[1], bound))
        flipped = 1;   /* K op X */
    else
        return -1;
    if (constant < 0)
        return -1;
    /* as `X op K` */
    if (flipped)
        op = op == CXBinaryOperator_LT   ? CXBinaryOperator_GT
             : op == CXBinaryOperator_LE ? CXBinaryOperator_GE
             : op == CXBinaryOperator_GT ? CXBinaryOperator_LT
             : op == CXBinaryOperator_GE ? CXBinaryOperator_LE
                                         : op;
    if (upper)
        return op == CXBinaryOperator_LE || op == CXBinaryOperator_LT ? constant : -1;
    return op == CXBinaryOperator_GT || op == CXBinaryOperator_GE ? constant : -1;
}

/* A then-branch setting X to a constant of at most K (a clamp), else -1. */
static long long guarded_clamp(CXCursor branch, CXCursor bound, long long limit)
{
    CXCursor sides[2];
    long long constant;
    branch = lc_extract_last_statement(branch);
    if (!lc_extract_assignment_sides(lc_extract_strip(branch), sides) || !lc_extract_same_place(sides[0], bound)
        || !lc_extract_integer_constant(sides[1], &constant) || constant < 0 || constant > limit)
        return -1;
    return limit;
}

/* Does anything between offsets `from` and `to` change X? */
struct guarded_changes {
    CXCursor bound;
    unsigned from, to;
    int changed;
};

static enum CXChildVisitResult guarded_changes_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct guarded_changes *changes = data;
    unsigned at = lc_extract_offset(clang_getCursorLocation(cursor));
    if (at < changes->from || at > changes->to)
        return CXChildVisit_Recurse;
    CXCursor changed = lc_extract_changed_operand(cursor);
    if (!clang_Cursor_isNull(changed) && lc_extract_same_place(changed, changes->bound))
        changes->changed = 1;
    return changes->changed ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* A test of X on the way to the loop. */
struct guarded_test {
    long long limit;
    unsigned after;    /* where it ends: X must not change from there */
};

static unsigned guarded_tests_of(struct lc_extract_walk *walk, CXCursor bound, unsigned begin, unsigned end,
                                 struct guarded_test *tests)
{
    unsigned count = 0;
    for (size_t i = 0; i < walk->statement_span_count && count < GUARDED_TESTS; i++) {
        const struct lc_extract_statement_span *span = &walk->statement_spans[i];
        if (!span->is_if || span->begin > begin)
            continue;
        CXCursor parts[3];
        unsigned arms = lc_extract_children(span->statement, parts, 3);
        CXSourceRange test = clang_getCursorExtent(parts[0]);
        long long limit = -1;
        unsigned after = lc_extract_offset(clang_getRangeEnd(test));
        if (span->then_begin <= begin && end <= span->then_end)
            limit = guarded_limit(parts[0], bound, 1);   /* the test holds in the then-branch */
        else if (arms == 3 && span->else_begin <= begin && end <= span->else_end)
            limit = guarded_limit(parts[0], bound, 0);   /* and failed in the else-branch */
        else if (arms == 2 && span->end < begin && span->block_begin < begin && end <= span->block_end) {
            /* right in a block around the loop, before it: leading away, or a clamp */
            limit = guarded_limit(parts[0], bound, 0);
            if (limit >= 0 && !lc_extract_always_exits(parts[1]))
                limit = guarded_clamp(parts[1], bound, limit);
            after = span->end;
        }
        if (limit >= 0) {
            tests[count].limit = limit;
            tests[count].after = after;
            count++;
        }
    }
    return count;
}

long long lc_extract_loop_guarded(struct lc_extract_walk *walk, CXCursor statement, CXCursor bound)
{
    if (clang_Cursor_isNull(bound) || clang_Cursor_isNull(walk->function))
        return 0;
    enum CXCursorKind kind = clang_getCursorKind(lc_extract_strip(bound));
    if ((kind != CXCursor_DeclRefExpr && kind != CXCursor_MemberRefExpr) || !lc_extract_statement_spans_known(walk)
        || walk->statement_if_count == 0)
        return 0;
    CXSourceRange extent = clang_getCursorExtent(statement);
    unsigned begin = lc_extract_offset(clang_getRangeStart(extent)), end = lc_extract_offset(clang_getRangeEnd(extent));
    struct guarded_test tests[GUARDED_TESTS];
    unsigned count = guarded_tests_of(walk, bound, begin, end, tests);
    long long best = -1;
    for (unsigned t = 0; t < count; t++) {
        if (best >= 0 && tests[t].limit >= best)
            continue;
        struct guarded_changes changes = { bound, tests[t].after, end, 0 };
        for (size_t i = 0; i < walk->statement_span_count; i++) {
            const struct lc_extract_statement_span *loop = &walk->statement_spans[i];
            if (!loop->is_if && loop->begin > changes.from && loop->begin < begin
                && end <= loop->end && loop->end > changes.to)
                changes.to = loop->end;   /* a loop around it the test is not in */
        }
        lc_extract_visit_all(walk->function, guarded_changes_visit, &changes);
        if (!changes.changed)
            best = tests[t].limit;
    }
    return best < 0 || best + 1 >= LC_MEDIUM_TRIP_COUNT ? 0 : best + 1;
}
