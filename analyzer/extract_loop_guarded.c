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
 * the loop passes such a test: an `if` before the loop in a block around
 * it whose then-branch always leaves (return, break, continue, goto) or
 * sets X to a constant no more than K, or an `if` whose then-branch (its
 * test holding) or else-branch (its test failing) holds the loop.
 * Nothing from the test to the loop's end may change X (an assignment,
 * `++`, its address taken), nor anywhere in a loop around it that the test
 * is not in (`n += 10` after the loop, in a `while` the test comes before,
 * grows X past it for the next round); a call changing a field is not
 * seen.  The loop makes at most K + 1 rounds; a K from which a constant
 * loop costs a level (an overflow guard: `if (count >= 0xffff00U) return
 * NULL;`) says nothing a loop over data does not. */
#include "extract_internal.h"

#define GUARDED_DEPTH 64   /* statements followed down to the loop */

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
        return op == CXBinaryOperator_LE ? constant : op == CXBinaryOperator_LT ? constant : -1;
    return op == CXBinaryOperator_GT ? constant : op == CXBinaryOperator_GE ? constant : -1;
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

/* The walk down from the function's body to the loop. */
struct guarded_walk {
    CXCursor function, bound;
    unsigned loop, loop_end;   /* the loop statement's offsets */
    long long limit;           /* the least K found, or -1 */
    unsigned around[GUARDED_DEPTH][2];   /* the loops around it, down to it */
    unsigned around_count;
    struct { long long limit; unsigned after; } tests[GUARDED_DEPTH];   /* met on the way */
    unsigned test_count;
};

/* A test met on the way down, weighed once the loops around are known. */
static void guarded_note(struct guarded_walk *walk, long long limit, unsigned after)
{
    if (limit < 0 || walk->test_count == GUARDED_DEPTH)
        return;
    walk->tests[walk->test_count].limit = limit;
    walk->tests[walk->test_count].after = after;
    walk->test_count++;
}

/* The least K of the tests nothing changes X after. */
static void guarded_weigh(struct guarded_walk *walk)
{
    for (unsigned t = 0; t < walk->test_count; t++) {
        struct guarded_changes changes = { walk->bound, walk->tests[t].after, walk->loop_end, 0 };
        for (unsigned i = 0; i < walk->around_count; i++)
            if (walk->around[i][0] > changes.from && walk->around[i][1] > changes.to)
                changes.to = walk->around[i][1];   /* a loop the test is not in */
        if (walk->limit >= 0 && walk->tests[t].limit >= walk->limit)
            continue;
        lc_extract_visit_all(walk->function, guarded_changes_visit, &changes);
        if (!changes.changed)
            walk->limit = walk->tests[t].limit;
    }
}

/* An `if` before the loop in its block: a test leading away or clamping X. */
static void guarded_before(struct guarded_walk *walk, CXCursor statement)
{
    CXCursor parts[3];
    if (clang_getCursorKind(statement) != CXCursor_IfStmt || lc_extract_children(statement, parts, 3) != 2)
        return;   /* no else: the rest of the block runs when the test fails */
    long long limit = guarded_limit(parts[0], walk->bound, 0);
    if (limit < 0)
        return;
    unsigned after = lc_extract_offset(clang_getRangeEnd(clang_getCursorExtent(statement)));
    if (lc_extract_always_exits(parts[1]))
        guarded_note(walk, limit, after);
    else
        guarded_note(walk, guarded_clamp(parts[1], walk->bound, limit), after);
}

static enum CXChildVisitResult guarded_children_visit(CXCursor cursor, CXCursor parent, CXClientData data);

struct guarded_step {
    struct guarded_walk *walk;
    CXCursor parent;
    CXCursor inside;    /* the child holding the loop, null until found */
    unsigned depth;
};

static void guarded_down(struct guarded_walk *walk, CXCursor statement, unsigned depth)
{
    if (depth >= GUARDED_DEPTH || lc_extract_offset(clang_getRangeStart(clang_getCursorExtent(statement))) == walk->loop)
        return;
    enum CXCursorKind kind = clang_getCursorKind(statement);
    if (kind == CXCursor_ForStmt || kind == CXCursor_WhileStmt || kind == CXCursor_DoStmt) {
        CXSourceRange extent = clang_getCursorExtent(statement);
        walk->around[walk->around_count][0] = lc_extract_offset(clang_getRangeStart(extent));
        walk->around[walk->around_count][1] = lc_extract_offset(clang_getRangeEnd(extent));
        walk->around_count++;
    }
    struct guarded_step step = { walk, statement, clang_getNullCursor(), depth };
    clang_visitChildren(statement, guarded_children_visit, &step);
    if (clang_Cursor_isNull(step.inside))
        return;
    CXCursor parts[3];
    unsigned count = clang_getCursorKind(statement) == CXCursor_IfStmt ? lc_extract_children(statement, parts, 3) : 0;
    if (count >= 2 && (clang_equalCursors(parts[1], step.inside) || (count == 3 && clang_equalCursors(parts[2], step.inside)))) {
        /* the loop in the then-branch: the test holds there; in the
         * else-branch: it failed */
        unsigned after = lc_extract_offset(clang_getRangeEnd(clang_getCursorExtent(parts[0])));
        guarded_note(walk, guarded_limit(parts[0], walk->bound, clang_equalCursors(parts[1], step.inside)), after);
    }
    guarded_down(walk, step.inside, depth + 1);
}

static enum CXChildVisitResult guarded_children_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct guarded_step *step = data;
    if (lc_extract_holds_offset(cursor, step->walk->loop)) {
        step->inside = cursor;
        return CXChildVisit_Break;
    }
    if (clang_getCursorKind(step->parent) == CXCursor_CompoundStmt)
        guarded_before(step->walk, cursor);
    return CXChildVisit_Continue;
}

long long lc_extract_loop_guarded(struct lc_extract_walk *walk, CXCursor statement, CXCursor bound)
{
    if (clang_Cursor_isNull(bound) || clang_Cursor_isNull(walk->function))
        return 0;
    enum CXCursorKind kind = clang_getCursorKind(lc_extract_strip(bound));
    if (kind != CXCursor_DeclRefExpr && kind != CXCursor_MemberRefExpr)
        return 0;
    CXSourceRange extent = clang_getCursorExtent(statement);
    struct guarded_walk guarded = { .function = walk->function, .bound = bound,
                                    .loop = lc_extract_offset(clang_getRangeStart(extent)),
                                    .loop_end = lc_extract_offset(clang_getRangeEnd(extent)), .limit = -1 };
    guarded_down(&guarded, walk->function, 0);
    guarded_weigh(&guarded);
    return guarded.limit < 0 || guarded.limit + 1 >= LC_MEDIUM_TRIP_COUNT ? 0 : guarded.limit + 1;
}
