/* test_cost_constant_bounds.c — loops bounded by a parameter that callers
 * pass constants for, over hand-built programs (cost_case.h; no data
 * files): every caller passes a small constant (a small constant loop),
 * one call passes a small constant or a string literal (that call costs a
 * pass), a big or medium constant or data (it does not); a wrapper
 * passing the length on after a failure report stays linear in it; a
 * loop handing its cursor to a callee that walks on from it and hands it
 * back costs one walk. */
#include "cost_case.h"

/* A loop bounded by a parameter every caller passes a small constant for
 * (`mempbrk(s, len, "\r\n", 2)`) is a small constant loop. */
static void test_parameters_callers_pass_constants_for(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_request");
    builder_function(&c.b, "find_any", 18, 0);
    builder_function(&c.b, "find_all", 19, 0);
    builder_call(&c.b, "on_request", 160, builder_function_value("find_any"), 2, builder_other_value(), "len",
                 builder_int_value(2), "2");
    builder_call(&c.b, "on_request", 161, builder_function_value("find_any"), 2, builder_other_value(), "len",
                 builder_int_value(3), "3");
    builder_call(&c.b, "on_request", 162, builder_function_value("find_all"), 2, builder_other_value(), "len",
                 builder_int_value(2), "2");
    builder_call(&c.b, "on_request", 163, builder_function_value("find_all"), 2, builder_other_value(), "len",
                 builder_other_value(), "n");
    int any = builder_loop(&c.b, "find_any", 170, -1, LC_BOUND_DATA, 0, "len");
    int any_chars = builder_loop(&c.b, "find_any", 171, any, LC_BOUND_DATA, 0, "charslen");
    c.b.facts.loops[any_chars].bound_param = 1;
    builder_function(&c.b, "fill", 20, 0);
    builder_call(&c.b, "on_request", 164, builder_function_value("fill"), 1, builder_int_value(200000), "200000");
    int fill = builder_loop(&c.b, "fill", 190, -1, LC_BOUND_DATA, 0, "count");
    c.b.facts.loops[fill].bound_param = 0;
    int all = builder_loop(&c.b, "find_all", 180, -1, LC_BOUND_DATA, 0, "len");
    int all_chars = builder_loop(&c.b, "find_all", 181, all, LC_BOUND_DATA, 0, "charslen");
    c.b.facts.loops[all_chars].bound_param = 1;
    run(&c);
    assert_null(at_line(&c, 170));      /* every caller passes 2 or 3 */
    assert_non_null(at_line(&c, 180));  /* one caller passes data */
    assert_non_null(at_line(&c, 190));  /* 200000 rounds: a big constant loop */
    finish(&c);
}

/* A call passing, for the parameter bounding its callee's growing loop, a
 * constant a loop of that many rounds costs nothing for, a value at most
 * such a constant (`hash_n(labuf, labuf[0] + 1)`: an unsigned byte plus
 * one, call_arg at_most) or a string literal, costs the rest of the
 * callee: `hash_n(key, 16)` in a loop is one pass; `hash_n(key, n)` and
 * `hash_n(key, 4096)` are not, whatever the other callers pass. */
static void test_calls_passing_small_constants_or_literals(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_tick");
    builder_function(&c.b, "hash_n", 21, 0);
    builder_function(&c.b, "walk_path", 22, 0);
    int bytes = builder_loop(&c.b, "hash_n", 200, -1, LC_BOUND_DATA, 0, "length");
    c.b.facts.loops[bytes].bound_param = 1;
    int parts = builder_loop(&c.b, "walk_path", 201, -1, LC_BOUND_DATA, 0, "* part");
    c.b.facts.loops[parts].bound_param = 0;
    int small = builder_loop(&c.b, "on_tick", 210, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_tick", 211, builder_function_value("hash_n"), 2, builder_other_value(), "key",
                 builder_int_value(16), "16");
    builder_in_loop(&c.b, small);
    builder_call(&c.b, "on_tick", 212, builder_function_value("walk_path"), 1, builder_string_value(), "\"settings\"");
    builder_in_loop(&c.b, small);
    int data = builder_loop(&c.b, "on_tick", 220, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_tick", 221, builder_function_value("hash_n"), 2, builder_other_value(), "key",
                 builder_other_value(), "n");
    builder_in_loop(&c.b, data);
    int medium = builder_loop(&c.b, "on_tick", 230, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_tick", 231, builder_function_value("hash_n"), 2, builder_other_value(), "key",
                 builder_int_value(4096), "4096");
    builder_in_loop(&c.b, medium);
    int label = builder_loop(&c.b, "on_tick", 250, -1, LC_BOUND_DATA, 0, "n");
    struct lc_value byte = builder_other_value();
    byte.at_most = 256;
    builder_call(&c.b, "on_tick", 251, builder_function_value("hash_n"), 2, builder_other_value(), "labuf", byte,
                 "labuf[0] + 1");
    builder_in_loop(&c.b, label);
    int named = builder_loop(&c.b, "on_tick", 240, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_tick", 241, builder_function_value("walk_path"), 1, builder_other_value(), "path");
    builder_in_loop(&c.b, named);
    run(&c);
    assert_null(at_line(&c, 210));      /* 16 rounds, the parts of "settings" */
    assert_non_null(at_line(&c, 220));  /* a length from the data */
    assert_non_null(at_line(&c, 230));  /* 4096 rounds: a medium constant loop */
    assert_non_null(at_line(&c, 240));  /* a path from the data */
    assert_null(at_line(&c, 250));      /* at most 256 rounds */
    assert_int_equal(c.findings.count, 3);
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    uint32_t hash = builder_find(&c.b, "hash_n");
    assert_int_equal(cost.function_level[hash], 1);
    assert_int_equal(cost.linear[LC_COST_LINEAR_PLAIN].params[hash], 1u << 1);
    assert_int_equal(cost.loop_level[loop_at(&c, 210)], 1);
    assert_int_equal(cost.loop_level[loop_at(&c, 220)], 2);
    lc_cost_free(&cost);
    finish(&c);
}

/* A wrapper handing its length on (`hash_g(key, len)` returning
 * `hash_n(key, len)`) after a check whose failure reports and gives up
 * (a report walking data on a failure path) is linear in that length all
 * the same: `hash_g(key, 16)` per element is one pass.  The report adds
 * nothing to what the wrapper does besides its length. */
static void test_failure_report_before_a_pass_on(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_tick");
    builder_function(&c.b, "hash_n", 21, 0);
    builder_function(&c.b, "hash_g", 22, 0);
    builder_function(&c.b, "report", 23, 0);
    int bytes = builder_loop(&c.b, "hash_n", 200, -1, LC_BOUND_DATA, 0, "length");
    c.b.facts.loops[bytes].bound_param = 1;
    builder_loop(&c.b, "report", 201, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "hash_g", 202, builder_function_value("close"), 0);
    int closing = (int)c.b.facts.call_count - 1;
    builder_call(&c.b, "hash_g", 203, builder_function_value("report"), 0);
    c.b.facts.calls[c.b.facts.call_count - 1].fail_guard = closing;
    c.b.facts.calls[c.b.facts.call_count - 1].fail_test = LC_RESULT_TEST_MINUS_ONE;
    builder_call(&c.b, "hash_g", 204, builder_function_value("hash_n"), 2, builder_param_value("hash_g", 0), "key",
                 builder_param_value("hash_g", 1), "len");
    int each = builder_loop(&c.b, "on_tick", 210, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_tick", 211, builder_function_value("hash_g"), 2, builder_other_value(), "key",
                 builder_int_value(16), "16");
    builder_in_loop(&c.b, each);
    int data = builder_loop(&c.b, "on_tick", 220, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_tick", 221, builder_function_value("hash_g"), 2, builder_other_value(), "key",
                 builder_other_value(), "n");
    builder_in_loop(&c.b, data);
    run(&c);
    assert_null(at_line(&c, 210));      /* 16 rounds per element */
    assert_non_null(at_line(&c, 220));  /* a length from the data */
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    uint32_t wrapper = builder_find(&c.b, "hash_g");
    assert_int_equal(cost.linear[LC_COST_LINEAR_PLAIN].params[wrapper], 1u << 1);
    assert_int_equal(cost.linear[LC_COST_LINEAR_PLAIN].level_but[wrapper], 0);
    lc_cost_free(&cost);
    finish(&c);
}

/* `pad(buf, last, ...)` walks on from `buf` and returns where it stopped
 * (its loop's cursor_params); so does `pad_on`, passing its cursor on to
 * it.  A loop giving them its cursor and taking the result back (the
 * call's cursor_args) walks once; a loop not taking it back, or giving
 * its element (element_args) without taking it back, walks again every
 * round. */
static void test_cursor_handed_back(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_tick");
    builder_function(&c.b, "pad", 24, 0);
    builder_function(&c.b, "pad_on", 25, 0);
    int walk = builder_loop(&c.b, "pad", 300, -1, LC_BOUND_DATA, 0, "buf < last");
    c.b.facts.loops[walk].cursor_params = 1u;
    builder_call(&c.b, "pad_on", 301, builder_function_value("pad"), 2, builder_param_value("pad_on", 0), "buf",
                 builder_param_value("pad_on", 1), "last");
    int handed = builder_loop(&c.b, "on_tick", 310, -1, LC_BOUND_DATA, 0, "buf < last");
    builder_call(&c.b, "on_tick", 311, builder_function_value("pad"), 2, builder_other_value(), "buf",
                 builder_other_value(), "last");
    builder_in_loop(&c.b, handed);
    c.b.facts.calls[c.b.facts.call_count - 1].cursor_args = 1u;
    int kept = builder_loop(&c.b, "on_tick", 320, -1, LC_BOUND_DATA, 0, "p < end");
    builder_call(&c.b, "on_tick", 321, builder_function_value("pad"), 2, builder_other_value(), "p",
                 builder_other_value(), "end");
    builder_in_loop(&c.b, kept);
    int element = builder_loop(&c.b, "on_tick", 330, -1, LC_BOUND_DATA, 0, "p < end");
    builder_call(&c.b, "on_tick", 331, builder_function_value("pad"), 2, builder_other_value(), "p",
                 builder_other_value(), "end");
    builder_in_loop(&c.b, element);
    c.b.facts.calls[c.b.facts.call_count - 1].element_args = 1u;
    int wrapped = builder_loop(&c.b, "on_tick", 340, -1, LC_BOUND_DATA, 0, "buf < last");
    builder_call(&c.b, "on_tick", 341, builder_function_value("pad_on"), 2, builder_other_value(), "buf",
                 builder_other_value(), "last");
    builder_in_loop(&c.b, wrapped);
    c.b.facts.calls[c.b.facts.call_count - 1].cursor_args = 1u;
    run(&c);
    assert_null(at_line(&c, 310));      /* buf = pad(buf, last) */
    assert_non_null(at_line(&c, 320));  /* n += pad(p, end): the rest, every round */
    assert_non_null(at_line(&c, 330));  /* the element, not taken back */
    assert_null(at_line(&c, 340));      /* buf = pad_on(buf, last) */
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    uint32_t pad = builder_find(&c.b, "pad"), pad_on = builder_find(&c.b, "pad_on");
    assert_int_equal(cost.linear[LC_COST_LINEAR_PLAIN].params[pad], 0);
    assert_int_equal(cost.linear[LC_COST_LINEAR_CURSOR].params[pad], 1u);
    assert_int_equal(cost.linear[LC_COST_LINEAR_CURSOR].level_but[pad], 0);
    assert_int_equal(cost.linear[LC_COST_LINEAR_CURSOR].params[pad_on], 1u);
    lc_cost_free(&cost);
    finish(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parameters_callers_pass_constants_for),
        cmocka_unit_test(test_calls_passing_small_constants_or_literals),
        cmocka_unit_test(test_failure_report_before_a_pass_on),
        cmocka_unit_test(test_cursor_handed_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
