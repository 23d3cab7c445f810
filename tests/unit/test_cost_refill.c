/* test_cost_refill.c — refilling an empty pool (cost_calls.c), over
 * hand-built programs stored and loaded back (cost_case.h): a call made
 * only where a pool's count field is 0 (call fact empty_field_usr), to a
 * function that counts that field up in the rounds of a loop — through a
 * function its loop calls (a slab split into items, each handed to the
 * function putting it on the free list) or in its own loop — runs once per
 * emptying, and costs nothing where it is called: taking n items in a loop
 * is linear.  A test of another field, no test, a refill that counts
 * nothing up, or one that walks and then counts once, costs what it walks. */
#include "cost_case.h"

/* `name` at `line`, counting `field` up (in a loop's round when
 * `in_loop`), when `field` is not NULL. */
static void counting_function(struct cost_case *c, const char *name, unsigned line, const char *field, int in_loop)
{
    builder_function(&c->b, name, line, 0);
    if (field) {
        struct lc_function_fact *fn = &c->b.facts.functions[c->b.facts.function_count - 1];
        fn->counted[fn->counted_count++] = (struct lc_counted_field){ .field_usr = field, .in_loop = in_loop };
    }
}

/* `refill` walks a slab (a loop bounded by data at `line`), calling
 * `give` in every round when `give` is not NULL. */
static void slab_walk(struct cost_case *c, const char *refill, unsigned line, const char *give)
{
    int rounds = builder_loop(&c->b, refill, line, -1, LC_BOUND_DATA, 0, "p->perslab");
    if (give) {
        builder_call(&c->b, refill, line + 1, builder_function_value(give), 1, builder_other_value(), "item");
        builder_in_loop(&c->b, rounds);
    }
}

/* `take` calls `refill(id)` under `if (p->... == 0)` on `field` (NULL: no
 * test); on_tick calls `take` in a loop at `line`. */
static void taking_loop(struct cost_case *c, const char *take, const char *refill, unsigned line, const char *field)
{
    builder_function(&c->b, take, line / 10, 0);
    builder_call(&c->b, take, line + 1, builder_function_value(refill), 1, builder_other_value(), "id");
    c->b.facts.calls[c->b.facts.call_count - 1].empty_field_usr = field;
    int rounds = builder_loop(&c->b, "on_tick", line, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c->b, "on_tick", line + 2, builder_function_value(take), 1, builder_other_value(), "id");
    builder_in_loop(&c->b, rounds);
}

static void test_refilling_an_empty_pool(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_tick");
    counting_function(&c, "give_back", 20, "pool::free_count", 0);
    counting_function(&c, "give_nothing", 21, NULL, 0);
    counting_function(&c, "split", 30, NULL, 0);
    slab_walk(&c, "split", 300, "give_back");
    counting_function(&c, "split_nothing", 31, NULL, 0);
    slab_walk(&c, "split_nothing", 310, "give_nothing");
    counting_function(&c, "fill_in_own_loop", 32, "pool::free_count", 1);
    slab_walk(&c, "fill_in_own_loop", 320, NULL);
    counting_function(&c, "walk_then_count", 33, "pool::free_count", 0);
    slab_walk(&c, "walk_then_count", 330, NULL);
    taking_loop(&c, "take_split", "split", 500, "pool::free_count");
    taking_loop(&c, "take_other_field", "split", 510, "pool::made");
    taking_loop(&c, "take_unguarded", "split", 520, NULL);
    taking_loop(&c, "take_split_nothing", "split_nothing", 530, "pool::free_count");
    taking_loop(&c, "take_own_loop", "fill_in_own_loop", 540, "pool::free_count");
    taking_loop(&c, "take_walk_then_count", "walk_then_count", 550, "pool::free_count");
    run(&c);
    assert_null(at_line(&c, 500));      /* once per emptying: amortised */
    assert_non_null(at_line(&c, 510));  /* another field is tested than the one counted */
    assert_non_null(at_line(&c, 520));  /* split on every take */
    assert_non_null(at_line(&c, 530));  /* the split counts nothing up */
    assert_null(at_line(&c, 540));      /* counted up in its own loop's rounds */
    assert_non_null(at_line(&c, 550));  /* a walk, then one count: not per round */
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    assert_int_equal(cost.function_level[builder_find(&c.b, "split")], 1);   /* a walk by itself */
    assert_int_equal(cost.function_level[builder_find(&c.b, "take_split")], 0);
    assert_int_equal(cost.function_level[builder_find(&c.b, "take_unguarded")], 1);
    lc_cost_free(&cost);
    finish(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refilling_an_empty_pool),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
