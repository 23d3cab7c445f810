/* test_cost_disposal.c — freeing paid for by the allocations
 * (cost_disposal.c), over hand-built programs (cost_case.h, whose rules
 * say `frees free arg1`): what a function frees every time it runs, to a
 * fixed point through the calls handing a parameter on, and the loops
 * each round of which frees the object it is at.  Such a loop, or a
 * recursion freeing what it is given, is not repeated by a loop around
 * its function, nor by a loop around it in the same function (tor's
 * `SMARTLIST_FOREACH(elts, char *, cp, tor_free(cp))` per line); a loop
 * freeing only in some rounds, or handing its element to a function that
 * frees it only sometimes (a reference drop), is, and so is the rest of a
 * freeing loop's round.  A function freeing its parameter whenever it
 * runs and walking only what that parameter owns (a chunked item's chunks
 * handed back to a free list) costs nothing where it is called; one
 * walking shared data besides does. */
#include "cost_case.h"

/* A call in loop `loop` made every round, handing the loop's element to
 * `callee` (call facts element_args, each_round). */
static void each_round_call(struct cost_case *c, const char *caller, unsigned line, const char *callee,
                            const char *element, int loop)
{
    builder_call(&c->b, caller, line, builder_function_value(callee), 1, builder_other_value(), element);
    builder_in_loop(&c->b, loop);
    c->b.facts.calls[c->b.facts.call_count - 1].element_args = 1u;
    c->b.facts.calls[c->b.facts.call_count - 1].each_round = 1;
}

/* A walk freeing every chunk it is at, then the item (`item_free`), as an
 * eviction each request makes: one pass over what was allocated. */
static void test_freeing_loops(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_tick");
    builder_function(&c.b, "item_free", 20, 0);
    builder_function(&c.b, "evict", 21, 0);
    builder_function(&c.b, "item_trim", 22, 0);
    builder_function(&c.b, "unref", 23, 0);
    builder_function(&c.b, "refs_drop", 24, 0);
    int chunks = builder_loop(&c.b, "item_free", 300, -1, LC_BOUND_DATA, 0, "chunk");
    each_round_call(&c, "item_free", 301, "free", "chunk", chunks);
    builder_call(&c.b, "item_free", 302, builder_function_value("free"), 1, builder_param_value("item_free", 0), "it");
    builder_call_runs(&c.b, LC_RUNS_UNLESS_RETURNED);
    builder_call(&c.b, "evict", 303, builder_function_value("item_free"), 1, builder_other_value(), "victim");
    builder_call_runs(&c.b, LC_RUNS_ONCE);
    int requests = builder_loop(&c.b, "on_tick", 310, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_tick", 311, builder_function_value("evict"), 1, builder_other_value(), "cache");
    builder_in_loop(&c.b, requests);
    /* freeing only the chunks past a mark: not every round */
    int some = builder_loop(&c.b, "item_trim", 320, -1, LC_BOUND_DATA, 0, "chunk");
    builder_call(&c.b, "item_trim", 321, builder_function_value("free"), 1, builder_other_value(), "chunk");
    builder_in_loop(&c.b, some);
    c.b.facts.calls[c.b.facts.call_count - 1].element_args = 1u;
    int trims = builder_loop(&c.b, "on_tick", 330, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_tick", 331, builder_function_value("item_trim"), 1, builder_other_value(), "it");
    builder_in_loop(&c.b, trims);
    /* `if (--x->refs == 0) free(x)`: it may not free */
    builder_call(&c.b, "unref", 340, builder_function_value("free"), 1, builder_param_value("unref", 0), "x");
    int refs = builder_loop(&c.b, "refs_drop", 350, -1, LC_BOUND_DATA, 0, "ref");
    each_round_call(&c, "refs_drop", 351, "unref", "ref", refs);
    int drops = builder_loop(&c.b, "on_tick", 360, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_tick", 361, builder_function_value("refs_drop"), 1, builder_other_value(), "list");
    builder_in_loop(&c.b, drops);
    /* `if (x == NULL) return; free(x);` frees x; `if (--x->refs) return;
     * free(x);` does not always */
    builder_function(&c.b, "release", 25, 0);
    builder_function(&c.b, "drop", 26, 0);
    builder_function(&c.b, "releases", 27, 0);
    builder_function(&c.b, "drops", 28, 0);
    builder_call(&c.b, "release", 370, builder_function_value("free"), 1, builder_param_value("release", 0), "x");
    builder_call_runs(&c.b, LC_RUNS_UNLESS_RETURNED);
    c.b.facts.calls[c.b.facts.call_count - 1].returned_guard =
        (struct lc_param_guard){ .param = 1, .test = LC_PARAM_TEST_EQ, .value = 0 };
    builder_call(&c.b, "drop", 371, builder_function_value("free"), 1, builder_param_value("drop", 0), "x");
    builder_call_runs(&c.b, LC_RUNS_UNLESS_RETURNED);
    int released = builder_loop(&c.b, "releases", 380, -1, LC_BOUND_DATA, 0, "e");
    each_round_call(&c, "releases", 381, "release", "e", released);
    int dropped = builder_loop(&c.b, "drops", 385, -1, LC_BOUND_DATA, 0, "e");
    each_round_call(&c, "drops", 386, "drop", "e", dropped);
    int release_rounds = builder_loop(&c.b, "on_tick", 390, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_tick", 391, builder_function_value("releases"), 1, builder_other_value(), "list");
    builder_in_loop(&c.b, release_rounds);
    int drop_rounds = builder_loop(&c.b, "on_tick", 395, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_tick", 396, builder_function_value("drops"), 1, builder_other_value(), "list");
    builder_in_loop(&c.b, drop_rounds);
    run(&c);
    assert_null(at_line(&c, 310));      /* evictions: each chunk freed once */
    assert_non_null(at_line(&c, 330));  /* a walk freeing in some rounds only */
    assert_non_null(at_line(&c, 360));  /* a reference drop does not always free */
    assert_null(at_line(&c, 390));      /* returns early only on NULL: frees */
    assert_non_null(at_line(&c, 395));  /* returns early while references remain */
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    assert_int_equal(cost.loop_level[loop_at(&c, 300)], 1);                     /* inside it, a walk */
    assert_int_equal(cost.function_level[builder_find(&c.b, "item_free")], 0);  /* where called: paid for */
    assert_int_equal(cost.function_level[builder_find(&c.b, "evict")], 0);
    assert_int_equal(cost.function_level[builder_find(&c.b, "item_trim")], 1);
    lc_cost_free(&cost);
    finish(&c);
}

/* A tree's free (`tree_free(node)` on each child, then `free(node)`) runs
 * once per node; a recursion that does not free its node (a walk) repeats
 * its work at every node. */
static void test_freeing_recursion(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_tick");
    builder_function(&c.b, "tree_free", 20, 0);
    builder_function(&c.b, "tree_walk", 21, 0);
    int children = builder_loop(&c.b, "tree_free", 400, -1, LC_BOUND_DATA, 0, "node->children");
    each_round_call(&c, "tree_free", 401, "tree_free", "child", children);
    builder_call(&c.b, "tree_free", 402, builder_function_value("free"), 1, builder_param_value("tree_free", 0), "node");
    builder_call_runs(&c.b, LC_RUNS_ONCE);
    int walk = builder_loop(&c.b, "tree_walk", 410, -1, LC_BOUND_DATA, 0, "node->children");
    builder_call(&c.b, "tree_walk", 411, builder_function_value("tree_walk"), 1, builder_other_value(), "child");
    builder_in_loop(&c.b, walk);
    int lookups = builder_loop(&c.b, "on_tick", 420, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_tick", 421, builder_function_value("tree_free"), 1, builder_other_value(), "found");
    builder_in_loop(&c.b, lookups);
    int walks = builder_loop(&c.b, "on_tick", 430, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_tick", 431, builder_function_value("tree_walk"), 1, builder_other_value(), "root");
    builder_in_loop(&c.b, walks);
    run(&c);
    assert_null(at_line(&c, 420));      /* freed once per node */
    assert_non_null(at_line(&c, 430));  /* the same tree walked every round */
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    assert_int_equal(cost.function_level[builder_find(&c.b, "tree_free")], 0);
    assert_int_equal(cost.function_level[builder_find(&c.b, "tree_walk")], 1);
    lc_cost_free(&cost);
    finish(&c);
}

/* Per line, a list split from it and freed element by element: the frees
 * are paid for by the split's allocations, whatever loop is around them;
 * a freeing loop that also walks a shared list each round repeats that
 * walk per element, and so per line. */
static void test_freeing_loops_nested(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_config");
    builder_function(&c.b, "scan_all", 20, 0);
    builder_loop(&c.b, "scan_all", 500, -1, LC_BOUND_DATA, 0, "all");
    int lines = builder_loop(&c.b, "on_config", 510, -1, LC_BOUND_DATA, 0, "line");
    int elements = builder_loop(&c.b, "on_config", 511, lines, LC_BOUND_DATA, 0, "elts");
    each_round_call(&c, "on_config", 512, "free", "cp", elements);
    int options = builder_loop(&c.b, "on_config", 520, -1, LC_BOUND_DATA, 0, "option");
    int entries = builder_loop(&c.b, "on_config", 521, options, LC_BOUND_DATA, 0, "entries");
    each_round_call(&c, "on_config", 522, "free", "e", entries);
    builder_call(&c.b, "on_config", 523, builder_function_value("scan_all"), 1, builder_other_value(), "list");
    builder_in_loop(&c.b, entries);
    run(&c);
    assert_null(at_line(&c, 510));      /* lines × their own frees */
    assert_non_null(at_line(&c, 520));  /* options × entries × a shared walk */
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    assert_int_equal(cost.loop_level[loop_at(&c, 511)], 1);   /* inside it, a walk */
    assert_int_equal(cost.loop_level[loop_at(&c, 510)], 1);   /* around it: the lines only */
    assert_int_equal(cost.loop_level[loop_at(&c, 521)], 2);   /* entries × the shared walk */
    assert_int_equal(cost.loop_level[loop_at(&c, 520)], 2);   /* options × the shared walk */
    lc_cost_free(&cost);
    finish(&c);
}

/* Per request, an item handed back: `slab_free(it)` walks the item's own
 * chunks (a loop bounded by its parameter) before `free(it)`; `pool_free`
 * also walks the whole pool (a global: no parameter bounds it). */
static void test_freeing_own_parts(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_tick");
    builder_function(&c.b, "slab_free", 20, 0);
    builder_function(&c.b, "pool_free", 21, 0);
    int chunks = builder_loop(&c.b, "slab_free", 600, -1, LC_BOUND_DATA, 0, "chunk");
    c.b.facts.loops[chunks].bound_param = 0;
    builder_call(&c.b, "slab_free", 601, builder_function_value("free"), 1, builder_param_value("slab_free", 0), "it");
    builder_call_runs(&c.b, LC_RUNS_ONCE);
    builder_loop(&c.b, "pool_free", 610, -1, LC_BOUND_DATA, 0, "pool");
    builder_call(&c.b, "pool_free", 611, builder_function_value("free"), 1, builder_param_value("pool_free", 0), "it");
    builder_call_runs(&c.b, LC_RUNS_ONCE);
    int requests = builder_loop(&c.b, "on_tick", 620, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_tick", 621, builder_function_value("slab_free"), 1, builder_other_value(), "item");
    builder_in_loop(&c.b, requests);
    int pooled = builder_loop(&c.b, "on_tick", 630, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_tick", 631, builder_function_value("pool_free"), 1, builder_other_value(), "item");
    builder_in_loop(&c.b, pooled);
    run(&c);
    assert_null(at_line(&c, 620));      /* each chunk handed back once per allocation */
    assert_non_null(at_line(&c, 630));  /* the pool walked per request */
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    assert_int_equal(cost.function_level[builder_find(&c.b, "slab_free")], 1);   /* inside it, a walk */
    assert_int_equal(cost.loop_level[loop_at(&c, 620)], 1);
    assert_int_equal(cost.loop_level[loop_at(&c, 630)], 2);
    lc_cost_free(&cost);
    finish(&c);
}

/* A history's oldest lines freed: `line_free(gd, py)` frees the cells of
 * the slot its index picks (`gl = &gd->lines[py]; free(gl->cells)`: call_arg
 * slot_of_param), `line_drop(gd, y)` hands its index on to it, and a loop
 * calling either with its counter every round (counter_args, each_round)
 * frees a slot a round, paid for by the lines' allocations.  Calling it
 * only in some rounds, or with a callee that frees the slot only
 * sometimes, is not. */
static void test_freeing_slots(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_tick");
    builder_function(&c.b, "line_free", 20, 0);
    builder_function(&c.b, "line_clear", 21, 0);
    builder_function(&c.b, "line_drop", 22, 0);
    builder_function(&c.b, "lines_free", 23, 0);
    builder_function(&c.b, "lines_free_some", 24, 0);
    builder_function(&c.b, "lines_clear", 25, 0);
    builder_function(&c.b, "lines_drop", 26, 0);
    builder_call(&c.b, "line_free", 700, builder_function_value("free"), 1, builder_other_value(), "gl->cells");
    builder_call_runs(&c.b, LC_RUNS_ONCE);
    c.b.facts.calls[c.b.facts.call_count - 1].args[0].slot_of_param = 2;
    builder_call(&c.b, "line_clear", 701, builder_function_value("free"), 1, builder_other_value(), "gl->cells");
    c.b.facts.calls[c.b.facts.call_count - 1].args[0].slot_of_param = 2;   /* under an `if`: not always */
    builder_call(&c.b, "line_drop", 702, builder_function_value("line_free"), 2, builder_param_value("line_drop", 0),
                 "gd", builder_param_value("line_drop", 1), "y");
    builder_call_runs(&c.b, LC_RUNS_ONCE);
    static const struct { const char *function, *callee; unsigned line; int each_round; } rounds[] = {
        { "lines_free", "line_free", 710, 1 },
        { "lines_free_some", "line_free", 720, 0 },
        { "lines_clear", "line_clear", 730, 1 },
        { "lines_drop", "line_drop", 740, 1 },
    };
    for (size_t i = 0; i < sizeof rounds / sizeof rounds[0]; i++) {
        int lines = builder_loop(&c.b, rounds[i].function, rounds[i].line, -1, LC_BOUND_DATA, 0, "py + ny");
        builder_call(&c.b, rounds[i].function, rounds[i].line + 1, builder_function_value(rounds[i].callee), 2,
                     builder_other_value(), "gd", builder_other_value(), "yy");
        builder_in_loop(&c.b, lines);
        c.b.facts.calls[c.b.facts.call_count - 1].counter_args = 1u << 1;
        c.b.facts.calls[c.b.facts.call_count - 1].each_round = rounds[i].each_round;
        int panes = builder_loop(&c.b, "on_tick", rounds[i].line + 50, -1, LC_BOUND_DATA, 0, "panes");
        builder_call(&c.b, "on_tick", rounds[i].line + 51, builder_function_value(rounds[i].function), 1,
                     builder_other_value(), "wp->gd");
        builder_in_loop(&c.b, panes);
    }
    run(&c);
    assert_null(at_line(&c, 760));      /* a slot freed every round */
    assert_non_null(at_line(&c, 770));  /* in some rounds only */
    assert_non_null(at_line(&c, 780));  /* a callee freeing the slot only sometimes */
    assert_null(at_line(&c, 790));      /* the index handed on to the one freeing */
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    assert_int_equal(cost.function_level[builder_find(&c.b, "lines_free")], 0);
    assert_int_equal(cost.function_level[builder_find(&c.b, "lines_free_some")], 1);
    lc_cost_free(&cost);
    finish(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_freeing_own_parts),
        cmocka_unit_test(test_freeing_loops),
        cmocka_unit_test(test_freeing_recursion),
        cmocka_unit_test(test_freeing_loops_nested),
        cmocka_unit_test(test_freeing_slots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
