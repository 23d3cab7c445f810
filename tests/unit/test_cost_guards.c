/* test_cost_guards.c — calls passing a constant that fails the test of a
 * parameter their callee's loops or calls run under (`if (idx >= 0)`,
 * `if (conn)`, an unsigned `if (size > 0)`), over hand-built programs
 * (cost_case.h; no data files), and lc_param_guard_fails on each kind of
 * test: comparisons, NULL, unsigned ones, the bits of a flags parameter. */
#include "cost_case.h"

/* A loop on the loop calling `callee` with `argument` for its second
 * parameter, at `line`. */
static void guard_caller(struct cost_case *c, const char *callback, unsigned line, const char *callee,
                         struct lc_value argument, const char *text)
{
    entry(c, callback);
    int loop = builder_loop(&c->b, callback, line, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c->b, callback, line + 1, builder_function_value(callee), 2, builder_other_value(), "s", argument,
                 text);
    builder_in_loop(&c->b, loop);
}

/* A callee whose loop, or whose call of a function with a loop, runs only
 * under a test of its second parameter (`if (idx >= 0) { while ... }`,
 * `if (conn) { attach_all(); }`, `if (size > 0)` of an unsigned size)
 * costs nothing more where a call passes a constant failing the test. */
static void test_calls_passing_constants_failing_a_guard(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    builder_function(&c.b, "settop", 5, 0);
    int fill = builder_loop(&c.b, "settop", 50, -1, LC_BOUND_DATA, 0, "L -> top < L -> base + idx");
    c.b.facts.loops[fill].param_guard = (struct lc_param_guard){ .param = 2, .test = LC_PARAM_TEST_GE, .value = 0 };
    builder_function(&c.b, "attach_all", 6, 0);
    builder_loop(&c.b, "attach_all", 60, -1, LC_BOUND_DATA, 0, "n_clients");
    builder_function(&c.b, "create", 7, 0);
    builder_call(&c.b, "create", 70, builder_function_value("attach_all"), 0);
    c.b.facts.calls[c.b.facts.call_count - 1].param_guard = (struct lc_param_guard){ .param = 2, .test = LC_PARAM_TEST_NE, .value = 0 };
    builder_function(&c.b, "reserve", 8, 0);
    int grow = builder_loop(&c.b, "reserve", 80, -1, LC_BOUND_DATA, 0, "n");
    c.b.facts.loops[grow].param_guard = (struct lc_param_guard){ .param = 2, .test = LC_PARAM_TEST_GT | LC_PARAM_TEST_UNSIGNED, .value = 0 };
    guard_caller(&c, "on_pop", 100, "settop", builder_int_value(-2), "- ( 1 ) - 1");
    guard_caller(&c, "on_push", 110, "settop", builder_int_value(3), "3");
    guard_caller(&c, "on_set", 120, "settop", builder_other_value(), "idx");
    guard_caller(&c, "on_fake", 130, "create", builder_null_value(), "NULL");
    guard_caller(&c, "on_accept", 140, "create", builder_other_value(), "conn");
    guard_caller(&c, "on_keep", 150, "reserve", builder_int_value(0), "0");
    guard_caller(&c, "on_wrap", 160, "reserve", builder_int_value(-1), "-1");   /* SIZE_MAX */
    /* cells walks its cells, and for each attaches all only given a state. */
    builder_function(&c.b, "cells", 9, 0);
    int walk = builder_loop(&c.b, "cells", 90, -1, LC_BOUND_DATA, 0, "nx");
    builder_call(&c.b, "cells", 91, builder_function_value("attach_all"), 0);
    builder_in_loop(&c.b, walk);
    c.b.facts.calls[c.b.facts.call_count - 1].param_guard = (struct lc_param_guard){ .param = 2, .test = LC_PARAM_TEST_NE, .value = 0 };
    guard_caller(&c, "on_search", 170, "cells", builder_null_value(), "NULL");
    run(&c);
    assert_null(at_line(&c, 100));       /* -2 >= 0 fails: the loop does not run */
    assert_non_null(at_line(&c, 110));
    assert_non_null(at_line(&c, 120));   /* not a constant */
    assert_null(at_line(&c, 130));       /* NULL: the guarded call does not run */
    assert_non_null(at_line(&c, 140));
    assert_null(at_line(&c, 150));       /* 0 > 0 fails */
    assert_non_null(at_line(&c, 160));   /* -1 is the largest unsigned */
    const struct lc_finding *search = at_line(&c, 170);   /* rows x cells, without attaching */
    assert_non_null(search);
    assert_non_null(strstr(search->message, "cost level 2: a loop bounded by `n`, in it a call to 'cells', in it a loop "
                                            "bounded by `nx`)"));
    assert_non_null(at_line(&c, 90));    /* in cells itself the test may hold */
    assert_int_equal(c.findings.count, 6);
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    uint32_t settop = builder_find(&c.b, "settop"), create = builder_find(&c.b, "create");
    assert_int_equal(cost.function_level[settop], 1);
    assert_int_not_equal(cost.guarded_of[settop], LC_NONE);
    assert_int_equal(cost.guarded[cost.guarded_of[settop]].level, 0);
    assert_int_equal(cost.guarded[cost.guarded_of[settop]].site, c.b.program.call_count + loop_at(&c, 50));
    assert_int_equal(cost.function_level[create], 1);
    assert_int_not_equal(cost.guarded_of[create], LC_NONE);
    assert_int_equal(cost.guarded[cost.guarded_of[create]].level, 0);
    assert_int_equal(lc_cost_site_guard(&c.b.program, cost.guarded[cost.guarded_of[create]].site)->test,
                     LC_PARAM_TEST_NE);
    assert_int_equal(cost.guarded_of[builder_find(&c.b, "attach_all")], LC_NONE);
    uint32_t cells = builder_find(&c.b, "cells");
    assert_int_equal(cost.function_level[cells], 2);
    assert_int_equal(cost.guarded[cost.guarded_of[cells]].level, 1);
    lc_cost_free(&cost);
    finish(&c);
}

/* A test failing for a constant (lc_param_guard_fails): each comparison,
 * NULL for a pointer's, unsigned ones refusing negative numbers, and the
 * bits of a flags parameter. */
static void test_guard_fails_for_constants(void **state)
{
    (void)state;
    struct lc_program_value minus_two = { .kind = LC_VALUE_INT, .int_value = -2 };
    struct lc_program_value five = { .kind = LC_VALUE_INT, .int_value = 5 };
    struct lc_program_value null = { .kind = LC_VALUE_NULL };
    struct lc_program_value other = { .kind = LC_VALUE_OTHER };
    struct lc_param_guard at_least_zero = { .param = 1, .test = LC_PARAM_TEST_GE, .value = 0 }, is_five = { .param = 1, .test = LC_PARAM_TEST_EQ, .value = 5 };
    struct lc_param_guard not_null = { .param = 1, .test = LC_PARAM_TEST_NE, .value = 0 }, below_five = { .param = 1, .test = LC_PARAM_TEST_LT, .value = 5 };
    struct lc_param_guard above = { .param = 1, .test = LC_PARAM_TEST_GT, .value = 5 }, at_most = { .param = 1, .test = LC_PARAM_TEST_LE, .value = -3 };
    struct lc_param_guard unsigned_below = { .param = 1, .test = LC_PARAM_TEST_LT | LC_PARAM_TEST_UNSIGNED, .value = 5 };
    struct lc_param_guard unsigned_above_minus = { .param = 1, .test = LC_PARAM_TEST_GT | LC_PARAM_TEST_UNSIGNED, .value = -1 };
    assert_true(lc_param_guard_fails(NULL, &at_least_zero, &minus_two));
    assert_false(lc_param_guard_fails(NULL, &at_least_zero, &five));
    assert_false(lc_param_guard_fails(NULL, &at_least_zero, &other));
    assert_true(lc_param_guard_fails(NULL, &is_five, &minus_two));
    assert_false(lc_param_guard_fails(NULL, &is_five, &five));
    assert_true(lc_param_guard_fails(NULL, &not_null, &null));
    assert_false(lc_param_guard_fails(NULL, &not_null, &five));
    assert_true(lc_param_guard_fails(NULL, &below_five, &five));
    assert_false(lc_param_guard_fails(NULL, &below_five, &minus_two));
    assert_true(lc_param_guard_fails(NULL, &above, &five));
    assert_true(lc_param_guard_fails(NULL, &at_most, &minus_two));
    assert_true(lc_param_guard_fails(NULL, &unsigned_below, &five));
    assert_false(lc_param_guard_fails(NULL, &unsigned_below, &minus_two));       /* a large number */
    assert_false(lc_param_guard_fails(NULL, &unsigned_above_minus, &five));      /* against a large number */
    struct lc_param_guard evict = { .param = 1, .test = LC_PARAM_TEST_BITS_SET, .value = 4 }, no_evict = { .param = 1, .test = LC_PARAM_TEST_BITS_CLEAR, .value = 4 };
    struct lc_program_value zero = { .kind = LC_VALUE_INT, .int_value = 0 };
    assert_true(lc_param_guard_fails(NULL, &evict, &zero));       /* flags 0: (0 & 4) == 0 */
    assert_false(lc_param_guard_fails(NULL, &evict, &five));      /* 5 & 4 */
    assert_true(lc_param_guard_fails(NULL, &no_evict, &five));
    assert_false(lc_param_guard_fails(NULL, &no_evict, &zero));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calls_passing_constants_failing_a_guard),
        cmocka_unit_test(test_guard_fails_for_constants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
