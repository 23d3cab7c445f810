/* extract_fail_guards.c — the branches that run only where an earlier
 * call's result passed a test a failure would pass: `if (close(fd) ==
 * -1)`, `if ((err = pthread_mutex_lock(&m)) != 0)`, `r = poll(...); if (r
 * < 0 && errno != EINTR)`, `if (!(p = malloc(n)))`, and the else of `if
 * (fcntl(fd, F_GETFL) >= 0)`.  The calls there carry the tested call and what
 * the branch knows of its result (facts.h fail_guard, fail_test); a
 * `fails` model of the tested function says whether that is its failure
 * (program.h lc_program_call_on_failure_path).  A variable stands for the
 * call whose result it last received, as for extract_guards.c.  In a
 * branch that tests nothing of a result the outer branch's knowledge
 * holds.  Also the branches the condition says are unlikely taken, by
 * `__builtin_expect(c, 0)` (redis's `unlikely(c)`, tor's
 * PREDICT_UNLIKELY(c)) or `__builtin_expect(c, 1)` (`likely`): the calls
 * there are on a rare path (facts.h unlikely), wherever it is nested;
 * likewise the arms of `?:` and the right side of `&&` and `||` such a
 * test guards (tor's `SCHED_BUG(c, chan)`: `PREDICT_UNLIKELY(c) ? ... :
 * 0`). */
#include "extract_internal.h"

#include <string.h>

/* The test `expr OP constant` (or `constant OP expr`, turned) puts on
 * expr's value in the branch where it holds (*then) and where it fails
 * (*otherwise). */
static void fail_comparison(enum CXBinaryOperatorKind op, long long k, int *then, int *otherwise)
{
    *then = *otherwise = LC_RESULT_TEST_NONE;
    if ((op == CXBinaryOperator_EQ || op == CXBinaryOperator_NE) && (k == 0 || k == -1)) {
        int holds = k == 0 ? LC_RESULT_TEST_ZERO : LC_RESULT_TEST_MINUS_ONE;
        int fails = k == 0 ? LC_RESULT_TEST_NONZERO : LC_RESULT_TEST_NONE;
        *then = op == CXBinaryOperator_EQ ? holds : fails;
        *otherwise = op == CXBinaryOperator_EQ ? fails : holds;
    } else if ((op == CXBinaryOperator_LT && k == 0) || (op == CXBinaryOperator_LE && k == -1)) {
        *then = LC_RESULT_TEST_NEGATIVE;
    } else if ((op == CXBinaryOperator_GE && k == 0) || (op == CXBinaryOperator_GT && k == -1)) {
        *otherwise = LC_RESULT_TEST_NEGATIVE;
    } else if ((op == CXBinaryOperator_LE && k == 0) || (op == CXBinaryOperator_LT && k == 1)) {
        *then = LC_RESULT_TEST_NONPOSITIVE;
    } else if ((op == CXBinaryOperator_GT && k == 0) || (op == CXBinaryOperator_GE && k == 1)) {
        *otherwise = LC_RESULT_TEST_NONPOSITIVE;
    }
}

static int fail_constant(CXCursor expr, long long *k)
{
    if (lc_extract_is_null_pointer_constant(expr)) {
        *k = 0;
        return 1;
    }
    return lc_extract_integer_constant(expr, k);
}

/* The call whose result `condition` tests, -1 none; what holds of it
 * where the condition holds (*then) and where it fails (*otherwise). */
static int fail_test_of(struct lc_extract_walk *walk, CXCursor condition, int *then, int *otherwise)
{
    CXCursor parts[2];
    long long k;
    condition = lc_extract_strip(condition);
    *then = *otherwise = LC_RESULT_TEST_NONE;
    enum CXCursorKind kind = clang_getCursorKind(condition);
    if (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(condition) == CXUnaryOperator_LNot
        && lc_extract_children(condition, parts, 1) == 1)
        return fail_test_of(walk, parts[0], otherwise, then);
    if (kind != CXCursor_BinaryOperator || lc_extract_children(condition, parts, 2) != 2
        || clang_getCursorBinaryOperatorKind(condition) == CXBinaryOperator_Assign) {
        int call = lc_extract_result_of(walk, condition);
        if (call >= 0) {
            *then = LC_RESULT_TEST_NONZERO;
            *otherwise = LC_RESULT_TEST_ZERO;
        }
        return call;
    }
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(condition);
    if (op == CXBinaryOperator_LAnd || op == CXBinaryOperator_LOr) {
        /* a && b holds only where both do; a || b fails only where both do */
        for (int side = 0; side < 2; side++) {
            int a, b, call = fail_test_of(walk, parts[side], &a, &b);
            int known = op == CXBinaryOperator_LAnd ? a : b;
            if (call >= 0 && known != LC_RESULT_TEST_NONE) {
                *(op == CXBinaryOperator_LAnd ? then : otherwise) = known;
                return call;
            }
        }
        return -1;
    }
    if (op < CXBinaryOperator_LT || op > CXBinaryOperator_NE)
        return -1;   /* not a comparison */
    /* The result first: evaluating a constant costs more than finding it. */
    int call = lc_extract_result_of(walk, parts[0]);
    if (call >= 0 && fail_constant(parts[1], &k))
        fail_comparison(op, k, then, otherwise);
    else if ((call = lc_extract_result_of(walk, parts[1])) >= 0 && fail_constant(parts[0], &k))
        fail_comparison(lc_extract_flip_comparison(op), k, then, otherwise);
    else
        return -1;
    return *then != LC_RESULT_TEST_NONE || *otherwise != LC_RESULT_TEST_NONE ? call : -1;
}

/* `__builtin_expect(c, k)`: k (0 or 1), else -1. */
static int fail_expected(CXCursor condition)
{
    CXCursor call = lc_extract_strip(condition), callee = clang_getCursorReferenced(call);
    long long k;
    if (clang_getCursorKind(call) != CXCursor_CallExpr || clang_Cursor_getNumArguments(call) != 2
        || clang_getCursorKind(callee) != CXCursor_FunctionDecl)
        return -1;
    CXString name = clang_getCursorSpelling(callee);
    int expect = strcmp(clang_getCString(name), "__builtin_expect") == 0;
    clang_disposeString(name);
    if (!expect || !lc_extract_integer_constant(clang_Cursor_getArgument(call, 1), &k) || (k != 0 && k != 1))
        return -1;
    return (int)k;
}

/* Does the code say `condition` is unlikely to hold (`wanted` 1) or to
 * fail (`wanted` 0)?  `a && b` holds only where both do, `a || b` fails
 * only where both do. */
static int fail_unlikely(CXCursor condition, int wanted)
{
    CXCursor parts[2];
    condition = lc_extract_strip(condition);
    int expected = fail_expected(condition);
    if (expected >= 0)
        return expected == !wanted;
    enum CXCursorKind kind = clang_getCursorKind(condition);
    if (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(condition) == CXUnaryOperator_LNot
        && lc_extract_children(condition, parts, 1) == 1)
        return fail_unlikely(parts[0], !wanted);
    if (kind != CXCursor_BinaryOperator || lc_extract_children(condition, parts, 2) != 2)
        return 0;
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(condition);
    if ((op == CXBinaryOperator_LAnd && wanted) || (op == CXBinaryOperator_LOr && !wanted))
        return fail_unlikely(parts[0], wanted) || fail_unlikely(parts[1], wanted);
    return 0;
}

enum CXChildVisitResult lc_extract_unlikely_arms(struct lc_extract_walk *walk, CXCursor expr)
{
    CXCursor parts[3];
    int conditional = clang_getCursorKind(expr) == CXCursor_ConditionalOperator;
    unsigned count = lc_extract_children(expr, parts, 3);
    if (count != (conditional ? 3u : 2u))
        return CXChildVisit_Recurse;
    int rare[3] = { 0, 0, 0 };
    if (conditional) {
        rare[1] = fail_unlikely(parts[0], 1);
        rare[2] = fail_unlikely(parts[0], 0);
    } else {   /* `a && b` evaluates b where a holds; `a || b` where a fails */
        rare[1] = fail_unlikely(parts[0], clang_getCursorBinaryOperatorKind(expr) == CXBinaryOperator_LAnd);
    }
    if (!rare[1] && !rare[2])
        return CXChildVisit_Recurse;
    for (unsigned i = 0; i < count && !walk->out_of_memory; i++) {
        int saved = walk->unlikely;
        walk->unlikely |= rare[i];
        lc_extract_visit_child(walk, parts[i], expr);
        walk->unlikely = saved;
    }
    return CXChildVisit_Continue;
}

void lc_extract_fail_guard_of(struct lc_extract_walk *walk, CXCursor condition, struct lc_extract_fail_guard *guard)
{
    guard->call = fail_test_of(walk, condition, &guard->then, &guard->otherwise);
    guard->unlikely_then = fail_unlikely(condition, 1);
    guard->unlikely_else = fail_unlikely(condition, 0);
}

struct lc_extract_fail_saved lc_extract_fail_enter(struct lc_extract_walk *walk,
                                                   const struct lc_extract_fail_guard *guard, int then_branch)
{
    struct lc_extract_fail_saved saved = { walk->fail_guard, walk->fail_test, walk->unlikely };
    int test = then_branch ? guard->then : guard->otherwise;
    if (guard->call >= 0 && test != LC_RESULT_TEST_NONE) {
        walk->fail_guard = guard->call;
        walk->fail_test = test;
    }
    if (then_branch ? guard->unlikely_then : guard->unlikely_else)
        walk->unlikely = 1;
    return saved;
}

void lc_extract_fail_leave(struct lc_extract_walk *walk, struct lc_extract_fail_saved saved)
{
    walk->fail_guard = saved.guard;
    walk->fail_test = saved.test;
    walk->unlikely = saved.unlikely;
}
