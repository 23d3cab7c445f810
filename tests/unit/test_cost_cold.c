/* test_cost_cold.c — calls on paths the code says are rare add nothing
 * where they are made, over hand-built programs (cost_case.h): calls of
 * functions declared cold (`__attribute__((cold))`, LC_ANNOT_COLD: an
 * error's recovery) and calls in a branch `__builtin_expect` says is
 * unlikely taken (call fact unlikely).  A loop calling such a helper that
 * walks a queue is one loop, the same call of a helper on no rare path is
 * two nested; a cold function's own loops still make its own level; a
 * cycle closed only by a call of a cold function is no recursion. */
#include "cost_case.h"

/* `callee` walks a queue (a loop at `line`), and `caller`'s loop at
 * `line + 10` calls it every round. */
static void queue_walk(struct cost_case *c, const char *caller, unsigned line, const char *callee, unsigned annotations)
{
    builder_function(&c->b, callee, line / 10, annotations);
    builder_loop(&c->b, callee, line, -1, LC_BOUND_DATA, 0, "q->count");
    builder_function(&c->b, caller, line / 10 + 1, 0);
    int requests = builder_loop(&c->b, caller, line + 10, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c->b, caller, line + 11, builder_function_value(callee), 1, builder_other_value(), "q");
    builder_in_loop(&c->b, requests);
    builder_call(&c->b, "on_tick", line + 12, builder_function_value(caller), 1, builder_other_value(), "q");
}

static void test_cold_calls(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_tick");
    queue_walk(&c, "serve_cold", 500, "compact_cold", LC_ANNOT_COLD);
    queue_walk(&c, "serve_hot", 600, "compact_hot", 0);
    /* a cycle through a cold call: serve_retry -> recover (cold) -> serve_retry */
    builder_function(&c.b, "serve_retry", 70, 0);
    builder_function(&c.b, "recover", 71, LC_ANNOT_COLD);
    builder_loop(&c.b, "serve_retry", 700, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "serve_retry", 701, builder_function_value("recover"), 1, builder_other_value(), "q");
    builder_call(&c.b, "recover", 702, builder_function_value("serve_retry"), 1, builder_other_value(), "q");
    builder_call(&c.b, "on_tick", 703, builder_function_value("serve_retry"), 1, builder_other_value(), "q");
    /* the helper not declared cold, called in an unlikely branch */
    builder_function(&c.b, "serve_expect", 80, 0);
    int rounds = builder_loop(&c.b, "serve_expect", 810, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "serve_expect", 811, builder_function_value("compact_hot"), 1, builder_other_value(), "q");
    builder_in_loop(&c.b, rounds);
    c.b.facts.calls[c.b.facts.call_count - 1].unlikely = 1;
    builder_call(&c.b, "on_tick", 812, builder_function_value("serve_expect"), 1, builder_other_value(), "q");
    run(&c);
    assert_null(at_line(&c, 510));      /* the cold helper's walk adds nothing */
    assert_null(at_line(&c, 810));      /* nor a call in an unlikely branch */
    assert_non_null(at_line(&c, 610));  /* requests x queue */
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    assert_int_equal(cost.function_level[builder_find(&c.b, "compact_cold")], 1);   /* its own loop */
    assert_int_equal(cost.function_level[builder_find(&c.b, "serve_cold")], 1);
    assert_int_equal(cost.function_level[builder_find(&c.b, "serve_hot")], 2);
    assert_false(cost.recursive[builder_find(&c.b, "serve_retry")]);
    assert_int_equal(cost.function_level[builder_find(&c.b, "serve_retry")], 1);
    lc_cost_free(&cost);
    finish(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cold_calls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
