/* test_cost_growth.c — growing a full object by a factor (cost_calls.c),
 * over hand-built programs stored and loaded back (cost_case.h): a call
 * made only when a table is full (call fact full_guard), to a function
 * raising the limit tested by a factor (function fact raised), runs once
 * per doubling and costs nothing where it is called, so filing n entries
 * in a loop is linear.  A callee raising another field, given another
 * argument, or raising nothing (a step: `t->size += 16`), and the same
 * callee called without the test, cost what they walk. */
#include "cost_case.h"

/* `grow` walks the table (a loop bounded by data at `line`), and raises
 * field `raised` of its first parameter by a factor when `raised` is not
 * NULL. */
static void growing_function(struct cost_case *c, const char *grow, unsigned line, const char *raised)
{
    builder_function(&c->b, grow, line, 0);
    if (raised) {
        struct lc_function_fact *fn = &c->b.facts.functions[c->b.facts.function_count - 1];
        fn->raised[fn->raised_count++] = (struct lc_raised_limit){ .param = 1, .field_usr = raised };
    }
    builder_loop(&c->b, grow, line * 10, -1, LC_BOUND_DATA, 0, "t->size");
}

/* `add` calls `grow(t)` under `if (t->count >= t->size)` (full_guard on
 * `limit`, argument `param`; param 0: no test); on_tick calls `add` in a
 * loop at `line`. */
static void filing_loop(struct cost_case *c, const char *add, const char *grow, unsigned line, int param,
                        const char *limit)
{
    builder_function(&c->b, add, line / 10, 0);
    builder_call(&c->b, add, line + 1, builder_function_value(grow), 2, builder_param_value(add, 0), "t",
                 builder_other_value(), "n");
    if (param)
        c->b.facts.calls[c->b.facts.call_count - 1].full_guard =
            (struct lc_raised_limit){ .param = param, .field_usr = limit };
    int rounds = builder_loop(&c->b, "on_tick", line, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c->b, "on_tick", line + 2, builder_function_value(add), 1, builder_other_value(), "table");
    builder_in_loop(&c->b, rounds);
}

static void test_growth_by_a_factor(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_tick");
    growing_function(&c, "table_double", 30, "table::size");
    growing_function(&c, "table_step", 31, NULL);
    growing_function(&c, "table_mask", 32, "table::mask");
    filing_loop(&c, "add_doubled", "table_double", 500, 1, "table::size");
    filing_loop(&c, "add_stepped", "table_step", 510, 1, "table::size");
    filing_loop(&c, "add_other_limit", "table_mask", 520, 1, "table::size");
    filing_loop(&c, "add_other_argument", "table_double", 530, 2, "table::size");
    filing_loop(&c, "add_untested", "table_double", 540, 0, NULL);
    run(&c);
    assert_null(at_line(&c, 500));      /* once per doubling: amortised */
    assert_non_null(at_line(&c, 510));  /* a step: the whole table every 16 */
    assert_non_null(at_line(&c, 520));  /* raises another field than the one tested */
    assert_non_null(at_line(&c, 530));  /* the full object is not the one raised */
    assert_non_null(at_line(&c, 540));  /* grown on every call */
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    assert_int_equal(cost.function_level[builder_find(&c.b, "table_double")], 1);   /* a walk by itself */
    assert_int_equal(cost.function_level[builder_find(&c.b, "add_doubled")], 0);
    assert_int_equal(cost.function_level[builder_find(&c.b, "add_stepped")], 1);
    lc_cost_free(&cost);
    finish(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_growth_by_a_factor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
