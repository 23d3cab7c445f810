/* extract_guards.c — the branches that run only where a call returned 0:
 * `if ((pid = fork()) == 0) { child }`, `pid = fork(); if (!pid) ...`,
 * `if (pid != 0) parent; else child`, and the statements after `case 0:`
 * of `switch (fork())`.  Each call there carries that call's index
 * (lc_call_fact.zero_guard); linking decides whether the call was fork()
 * (forks.c).  A variable stands for the call whose result it last
 * received, in source order.  Also the two calls of `(a(), b())`: when b
 * never returns (`(panic(...), abort())`), neither does a (forks.c); and
 * whether a tested call is a `loop-thread-test` (extract_flow.c: what
 * runs where it returned non-zero runs on the loop's thread only). */
#include "extract_internal.h"

#include <string.h>

void lc_extract_remember_result(struct lc_extract_walk *walk, const struct lc_value *target, int call_index)
{
    if (target->kind != LC_VALUE_VAR || !target->usr)
        return;
    for (size_t i = 0; i < walk->result_count; i++)
        if (strcmp(walk->results[i].variable_usr, target->usr) == 0) {
            walk->results[i].call_index = call_index;
            return;
        }
    struct lc_extract_call_result *entry =
        lc_extract_append(walk, &walk->results, &walk->result_count, &walk->result_cap, sizeof *entry);
    if (entry)
        *entry = (struct lc_extract_call_result){ target->usr, call_index };
}

int lc_extract_is_loop_thread_test(const struct lc_extract_walk *walk, int call_index)
{
    const struct lc_lock_vocabulary *vocabulary = walk->vocabulary;
    if (call_index < 0 || !vocabulary)
        return 0;
    const struct lc_value *callee = &walk->facts->calls[call_index].callee;
    for (size_t i = 0; callee->kind == LC_VALUE_FUNCTION && callee->name && i < vocabulary->loop_thread_test_count;
         i++)
        if (strcmp(vocabulary->loop_thread_tests[i], callee->name) == 0)
            return 1;
    return 0;
}

/* The fact of `call`, already recorded in the function being walked. */
static int extract_call_index(struct lc_extract_walk *walk, CXCursor call)
{
    struct lc_location loc;
    if (lc_extract_location(walk, clang_getCursorLocation(call), &loc) != 0)
        return -1;
    for (size_t i = walk->facts->call_count; i-- > 0;) {
        const struct lc_call_fact *fact = &walk->facts->calls[i];
        if (fact->caller_usr != walk->function_usr)
            break;
        if (fact->loc.line == loc.line && fact->loc.col == loc.col && strcmp(fact->loc.file, loc.file) == 0)
            return (int)i;
    }
    return -1;
}

int lc_extract_result_of(struct lc_extract_walk *walk, CXCursor expr)
{
    CXCursor sides[2];
    expr = lc_extract_strip(expr);
    switch (clang_getCursorKind(expr)) {
    case CXCursor_CallExpr:
        return extract_call_index(walk, expr);
    case CXCursor_BinaryOperator:
        if (clang_getCursorBinaryOperatorKind(expr) != CXBinaryOperator_Assign
            || lc_extract_children(expr, sides, 2) != 2)
            return -1;
        return lc_extract_result_of(walk, sides[1]);
    case CXCursor_DeclRefExpr: {
        struct lc_value value;
        lc_extract_value(walk, expr, &value);
        for (size_t i = 0; value.kind == LC_VALUE_VAR && i < walk->result_count; i++)
            if (strcmp(walk->results[i].variable_usr, value.usr) == 0)
                return walk->results[i].call_index;
        return -1;
    }
    default:
        return -1;
    }
}

static int extract_is_zero(CXCursor expr)
{
    long long value;
    return lc_extract_integer_constant(expr, &value) && value == 0;
}

int lc_extract_zero_test(struct lc_extract_walk *walk, CXCursor condition, int *zero_branch)
{
    CXCursor parts[2];
    condition = lc_extract_strip(condition);
    enum CXCursorKind kind = clang_getCursorKind(condition);
    *zero_branch = 0;
    if (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(condition) == CXUnaryOperator_LNot
        && lc_extract_children(condition, parts, 1) == 1) {
        /* `!(r == 0)`, assert's `if (!(expr))`: the test inside, turned */
        int inner, call = lc_extract_zero_test(walk, parts[0], &inner);
        *zero_branch = inner == 1 ? 2 : 1;
        return call;
    }
    if (kind == CXCursor_BinaryOperator && lc_extract_children(condition, parts, 2) == 2) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(condition);
        if (op != CXBinaryOperator_EQ && op != CXBinaryOperator_NE)
            return -1;
        int side = extract_is_zero(parts[1]) ? 0 : extract_is_zero(parts[0]) ? 1 : -1;
        if (side < 0)
            return -1;
        *zero_branch = op == CXBinaryOperator_EQ ? 1 : 2;
        return lc_extract_result_of(walk, parts[side]);
    }
    *zero_branch = 2;
    return lc_extract_result_of(walk, condition);
}

void lc_extract_comma(struct lc_extract_walk *walk, CXCursor comma)
{
    CXCursor sides[2];
    if (!walk->function_usr || clang_getCursorBinaryOperatorKind(comma) != CXBinaryOperator_Comma
        || lc_extract_children(comma, sides, 2) != 2)
        return;
    CXCursor left = lc_extract_strip(sides[0]), right = lc_extract_strip(sides[1]);
    if (clang_getCursorKind(left) != CXCursor_CallExpr || clang_getCursorKind(right) != CXCursor_CallExpr)
        return;
    walk->comma_left = left;
    walk->comma_right = right;
    walk->comma_left_index = -1;
}

void lc_extract_comma_call(struct lc_extract_walk *walk, CXCursor call, size_t index)
{
    if (clang_Cursor_isNull(walk->comma_left))
        return;
    if (lc_extract_same_expression(walk->comma_left, call))
        walk->comma_left_index = (int)index;
    else if (lc_extract_same_expression(walk->comma_right, call))
        walk->facts->calls[index].after_comma = walk->comma_left_index;
}

void lc_extract_case_label(struct lc_extract_walk *walk, CXCursor label)
{
    CXCursor value;
    int zero = clang_getCursorKind(label) == CXCursor_CaseStmt && lc_extract_children(label, &value, 1) >= 1
               && extract_is_zero(value);
    walk->zero_guard = zero && walk->switch_guard >= 0 ? walk->switch_guard : walk->switch_outer_guard;
}
