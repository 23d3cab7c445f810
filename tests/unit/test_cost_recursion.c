/* test_cost_recursion.c — recursion in the cost model and the
 * cpu-heavy-loop check, over hand-built programs (cost_case.h; no data
 * files): a tree walk (the loop drives the recursion) against work
 * repeated at every step, a wrapper loop that adds nothing, short call
 * cycles that recurse and long ones that do not, recursions descending
 * through a child of their parameter (linear in it), also through a cycle
 * of functions each handing on a child, a self-call
 * restarting its function on a fixed request (no recursion), and calls on
 * a failure path (`fails close result=-1`): no work, no recursion. */
#include "cost_case.h"

static void test_recursion_and_wrappers(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_tree");
    builder_function(&c.b, "walk", 7, 0);
    builder_call(&c.b, "on_tree", 70, builder_function_value("walk"), 0);
    int children = builder_loop(&c.b, "walk", 71, -1, LC_BOUND_DATA, 0, "node->count");
    builder_call(&c.b, "walk", 72, builder_function_value("walk"), 0);
    builder_in_loop(&c.b, children);
    /* A recursion that copies every node's data at every step: repeated. */
    builder_function(&c.b, "flatten", 8, 0);
    builder_call(&c.b, "on_tree", 73, builder_function_value("flatten"), 0);
    builder_loop(&c.b, "flatten", 74, -1, LC_BOUND_DATA, 0, "node->size");
    builder_call(&c.b, "flatten", 75, builder_function_value("flatten"), 0);
    entry(&c, "on_wrapped");
    int wrapper = builder_loop(&c.b, "on_wrapped", 80, -1, LC_BOUND_SMALL_CONSTANT, 4, "4");
    int work = builder_loop(&c.b, "on_wrapped", 81, wrapper, LC_BOUND_DATA, 0, "n");
    builder_loop(&c.b, "on_wrapped", 82, work, LC_BOUND_DATA, 0, "m");
    run(&c);
    assert_null(at_line(&c, 71));       /* a tree walk: the loop drives the recursion */
    assert_non_null(at_line(&c, 74));   /* work repeated at every recursion step */
    assert_null(at_line(&c, 80));       /* the wrapper adds nothing */
    assert_non_null(at_line(&c, 81));
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    assert_true(cost.recursive[builder_find(&c.b, "walk")]);
    assert_false(cost.recursive[builder_find(&c.b, "on_tree")]);
    assert_int_equal(cost.function_level[builder_find(&c.b, "walk")], 1);
    assert_int_equal(cost.function_level[builder_find(&c.b, "flatten")], 2);
    lc_cost_free(&cost);
    finish(&c);
}

/* A function calling itself, or a short cycle, repeats its work; a long
 * cycle through the call graph (callbacks, error paths) does not. */
static void test_short_cycles_recurse_long_ones_not(void **state)
{
    (void)state;
    static const char *const ring[] = { "ring_a", "ring_b", "ring_c", "ring_d", "ring_e" };
    struct cost_case c;
    start(&c);
    entry(&c, "ring_a");
    for (unsigned i = 1; i < 5; i++)
        builder_function(&c.b, ring[i], 11 + i, 0);
    for (unsigned i = 0; i < 5; i++) {
        builder_loop(&c.b, ring[i], 130 + 2 * i, -1, LC_BOUND_DATA, 0, "n");
        builder_call(&c.b, ring[i], 131 + 2 * i, builder_function_value(ring[(i + 1) % 5]), 0);
    }
    entry(&c, "parse_list");
    builder_function(&c.b, "parse_item", 17, 0);
    builder_loop(&c.b, "parse_list", 150, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "parse_list", 151, builder_function_value("parse_item"), 0);
    builder_call(&c.b, "parse_item", 152, builder_function_value("parse_list"), 0);
    run(&c);
    assert_null(at_line(&c, 130));
    assert_non_null(at_line(&c, 150));
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    assert_false(cost.recursive[builder_find(&c.b, "ring_c")]);
    assert_true(cost.recursive[builder_find(&c.b, "parse_item")]);
    assert_int_equal(cost.loop_level[loop_at(&c, 134)], 1);
    lc_cost_free(&cost);
    finish(&c);
}

/* A recursion giving itself a child of its parameter (call_arg
 * child_of_param) walks what its caller passed there once: called per element
 * with the element's own tree it adds no level; given a shared tree, or
 * recursing along its own list, it does. */
static void test_descents_are_linear_in_their_parameter(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_clients");
    builder_function(&c.b, "tree_free", 21, 0);
    builder_function(&c.b, "list_free", 22, 0);
    int own = builder_loop(&c.b, "on_clients", 200, -1, LC_BOUND_DATA, 0, "c");
    builder_call(&c.b, "on_clients", 201, builder_function_value("tree_free"), 1, builder_other_value(), "c->reply");
    builder_in_loop(&c.b, own);
    c.b.facts.calls[c.b.facts.call_count - 1].element_args = 1;
    int shared = builder_loop(&c.b, "on_clients", 210, -1, LC_BOUND_DATA, 0, "c");
    builder_call(&c.b, "on_clients", 211, builder_function_value("tree_free"), 1, builder_other_value(), "shared");
    builder_in_loop(&c.b, shared);
    int siblings = builder_loop(&c.b, "on_clients", 230, -1, LC_BOUND_DATA, 0, "c");
    builder_call(&c.b, "on_clients", 231, builder_function_value("list_free"), 1, builder_other_value(), "c->list");
    builder_in_loop(&c.b, siblings);
    c.b.facts.calls[c.b.facts.call_count - 1].element_args = 1;
    int elements = builder_loop(&c.b, "tree_free", 220, -1, LC_BOUND_DATA, 0, "node->count");
    c.b.facts.loops[elements].bound_param = 0;
    builder_call(&c.b, "tree_free", 221, builder_function_value("tree_free"), 1, builder_other_value(),
                 "node->elements[i]");
    builder_in_loop(&c.b, elements);
    c.b.facts.calls[c.b.facts.call_count - 1].args[0].child_of_param = 1;
    int rest = builder_loop(&c.b, "list_free", 240, -1, LC_BOUND_DATA, 0, "node->count");
    c.b.facts.loops[rest].bound_param = 0;
    builder_call(&c.b, "list_free", 241, builder_function_value("list_free"), 1, builder_other_value(), "node->next");
    builder_in_loop(&c.b, rest);
    run(&c);
    assert_null(at_line(&c, 200));      /* each client's own tree */
    assert_non_null(at_line(&c, 210));  /* the shared tree for every client */
    assert_non_null(at_line(&c, 230));  /* along the list: not a child */
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    assert_int_equal(cost.linear[LC_COST_LINEAR_PLAIN].params[builder_find(&c.b, "tree_free")], 1u << 0);
    assert_int_equal(cost.linear[LC_COST_LINEAR_PLAIN].level_but[builder_find(&c.b, "tree_free")], 0);
    assert_int_equal(cost.linear[LC_COST_LINEAR_PLAIN].params[builder_find(&c.b, "list_free")], 0);
    lc_cost_free(&cost);
    finish(&c);
}

/* A cycle of functions each handing the next a child of what it was given
 * (tmux's cmd_list_print -> cmd_print -> args_print -> args_print_value
 * -> cmd_list_print) walks one tree, linear in the first one's parameter:
 * called per element with the element's own list it adds no level.  One
 * link handing on something else (a shared list) makes it a recursion
 * repeating its work, as before. */
static void cycle_family(struct cost_case *c, const char *const names[3], int last_link_is_child)
{
    const char *list = names[0], *cmd = names[1], *value = names[2];
    unsigned base = last_link_is_child ? 300 : 340;
    builder_function(&c->b, list, base / 10, 0);
    builder_function(&c->b, cmd, base / 10 + 1, 0);
    builder_function(&c->b, value, base / 10 + 2, 0);
    int cmds = builder_loop(&c->b, list, base, -1, LC_BOUND_DATA, 0, "list->cmds");
    builder_call(&c->b, list, base + 1, builder_function_value(cmd), 1, builder_other_value(), "cmd");
    builder_in_loop(&c->b, cmds);
    c->b.facts.calls[c->b.facts.call_count - 1].args[0].child_of_param = 1;
    int values = builder_loop(&c->b, cmd, base + 2, -1, LC_BOUND_DATA, 0, "cmd->count");
    c->b.facts.loops[values].bound_param = 0;
    builder_call(&c->b, cmd, base + 3, builder_function_value(value), 2, builder_other_value(), "buf",
                 builder_other_value(), "&cmd->values[i]");
    builder_in_loop(&c->b, values);
    c->b.facts.calls[c->b.facts.call_count - 1].args[1].child_of_param = 1;
    builder_call(&c->b, value, base + 4, builder_function_value(list), 1, builder_other_value(),
                 last_link_is_child ? "value->list" : "shared_list");
    c->b.facts.calls[c->b.facts.call_count - 1].args[0].child_of_param = last_link_is_child ? 2 : 0;
    int clients = builder_loop(&c->b, "on_lists", base + 5, -1, LC_BOUND_DATA, 0, "c");
    builder_call(&c->b, "on_lists", base + 6, builder_function_value(list), 1, builder_other_value(), "c->list");
    builder_in_loop(&c->b, clients);
    c->b.facts.calls[c->b.facts.call_count - 1].element_args = 1;
}

/* A function handing its parameter on unchanged to one that walks the
 * parameter's children and calls it back on each (irssi's
 * config_node_get_length(node) -> config_block_get_length(node) -> each
 * subnode's length): still one walk of the tree.  Two functions handing
 * the same node back and forth descend nowhere. */
static void same_node_family(struct cost_case *c, const char *const names[2], int walks_children)
{
    const char *node = names[0], *block = names[1];
    unsigned base = walks_children ? 360 : 380;
    builder_function(&c->b, node, base / 10, 0);
    builder_function(&c->b, block, base / 10 + 1, 0);
    builder_call(&c->b, node, base + 1, builder_function_value(block), 1, builder_param_value(node, 0), "node");
    int children = builder_loop(&c->b, block, base + 2, -1, LC_BOUND_DATA, 0, "tmp");
    c->b.facts.loops[children].bound_param = 0;
    builder_call(&c->b, block, base + 3, builder_function_value(node), 1,
                 walks_children ? builder_other_value() : builder_param_value(block, 0),
                 walks_children ? "tmp->data" : "node");
    builder_in_loop(&c->b, children);
    c->b.facts.calls[c->b.facts.call_count - 1].args[0].child_of_param = walks_children ? 1 : 0;
    int clients = builder_loop(&c->b, "on_lists", base + 5, -1, LC_BOUND_DATA, 0, "c");
    builder_call(&c->b, "on_lists", base + 6, builder_function_value(node), 1, builder_other_value(), "c->tree");
    builder_in_loop(&c->b, clients);
    c->b.facts.calls[c->b.facts.call_count - 1].element_args = 1;
}

static void test_cycles_walking_one_tree_are_linear(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_lists");
    static const char *const tree[] = { "tree_list", "tree_cmd", "tree_value" };
    static const char *const shared[] = { "shared_list", "shared_cmd", "shared_value" };
    static const char *const lengths[] = { "node_length", "block_length" };
    static const char *const echoes[] = { "echo_node", "echo_block" };
    cycle_family(&c, tree, 1);
    cycle_family(&c, shared, 0);
    same_node_family(&c, lengths, 1);
    same_node_family(&c, echoes, 0);
    run(&c);
    assert_null(at_line(&c, 365));      /* each client's own tree, through the node handed on */
    assert_non_null(at_line(&c, 385));  /* the same node back and forth */
    assert_null(at_line(&c, 305));      /* each client's own list of commands */
    assert_non_null(at_line(&c, 345));
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    assert_true(cost.recursive[builder_find(&c.b, "tree_list")]);
    assert_int_equal(lc_cost_descended_param(&c.b.program, &cost, builder_find(&c.b, "tree_list")), 0);
    assert_int_equal(lc_cost_descended_param(&c.b.program, &cost, builder_find(&c.b, "tree_value")), 1);
    assert_int_equal(lc_cost_descended_param(&c.b.program, &cost, builder_find(&c.b, "shared_list")), -1);
    assert_int_equal(lc_cost_descended_param(&c.b.program, &cost, builder_find(&c.b, "node_length")), 0);
    assert_int_equal(lc_cost_descended_param(&c.b.program, &cost, builder_find(&c.b, "block_length")), 0);
    assert_int_equal(lc_cost_descended_param(&c.b.program, &cost, builder_find(&c.b, "echo_node")), -1);
    assert_int_equal(cost.linear[LC_COST_LINEAR_PLAIN].params[builder_find(&c.b, "tree_list")], 1u << 0);
    assert_int_equal(cost.linear[LC_COST_LINEAR_PLAIN].params[builder_find(&c.b, "shared_list")], 0);
    lc_cost_free(&cost);
    finish(&c);
}

/* A self-call restarting its function on a fixed request (call facts:
 * restart_call, `return seek(it, ">=", NULL, 0)`) goes a bounded number of
 * levels deep: no recursion, nothing repeated; another self-call is one. */
static void test_restarts_do_not_recurse(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_seek");
    builder_function(&c.b, "seek", 31, 0);
    builder_function(&c.b, "drain", 32, 0);
    int seeks = builder_loop(&c.b, "on_seek", 300, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_seek", 301, builder_function_value("seek"), 0);
    builder_in_loop(&c.b, seeks);
    int drains = builder_loop(&c.b, "on_seek", 302, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_seek", 303, builder_function_value("drain"), 0);
    builder_in_loop(&c.b, drains);
    builder_call(&c.b, "seek", 311, builder_function_value("seek"), 0);
    c.b.facts.calls[c.b.facts.call_count - 1].restart_call = 1;
    builder_call(&c.b, "drain", 321, builder_function_value("drain"), 0);
    run(&c);
    assert_null(at_line(&c, 300));      /* a restart: one more run at most */
    assert_non_null(at_line(&c, 302));  /* a recursion: data-deep */
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    assert_false(cost.recursive[builder_find(&c.b, "seek")]);
    assert_int_equal(cost.function_level[builder_find(&c.b, "seek")], 0);
    assert_true(cost.recursive[builder_find(&c.b, "drain")]);
    assert_int_equal(cost.function_level[builder_find(&c.b, "drain")], 1);
    lc_cost_free(&cost);
    finish(&c);
}

/* A self-call made only once a depth counter passed a limit (call facts:
 * depth_limit, `if (ctx->hops++ < 16) return follow(ctx)`) goes at most
 * that many levels deep: no recursion, a loop in its function is not
 * repeated.  Two such self-calls may branch at every level, and a limit
 * of 1,000 or more is data-deep: both stay recursions. */
static void test_depth_limits_do_not_recurse(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_lookup");
    const char *names[] = { "follow", "branch", "deep" };
    long long limits[] = { 16, 16, 5000 };
    for (int i = 0; i < 3; i++) {
        builder_function(&c.b, names[i], 41 + i, 0);
        builder_call(&c.b, "on_lookup", 400 + (unsigned)i, builder_function_value(names[i]), 0);
        builder_loop(&c.b, names[i], 410 + 10 * (unsigned)i, -1, LC_BOUND_DATA, 0, "t->count");
        for (int calls = i == 1 ? 2 : 1; calls > 0; calls--) {
            builder_call(&c.b, names[i], 411 + 10 * (unsigned)i + (unsigned)calls, builder_function_value(names[i]), 0);
            c.b.facts.calls[c.b.facts.call_count - 1].depth_limit = limits[i];
        }
    }
    run(&c);
    assert_null(at_line(&c, 410));      /* at most 16 levels, one scan each */
    assert_non_null(at_line(&c, 420));  /* two calls a level: a tree of them */
    assert_non_null(at_line(&c, 430));  /* 5,000 levels: as deep as data */
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    assert_false(cost.recursive[builder_find(&c.b, "follow")]);
    assert_int_equal(cost.function_level[builder_find(&c.b, "follow")], 1);
    assert_true(cost.recursive[builder_find(&c.b, "branch")]);
    assert_true(cost.recursive[builder_find(&c.b, "deep")]);
    lc_cost_free(&cost);
    finish(&c);
}

/* close's result tested: a report made where it was -1 adds nothing to
 * the loop around it, one made where it was not 0 does (0 and every
 * descriptor number are successes); a logger whose cycle back to itself
 * is closed only where close failed is no recursion. */
static void test_failure_paths(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    builder_function(&c.b, "report", 20, 0);
    builder_loop(&c.b, "report", 210, -1, LC_BOUND_DATA, 0, "table->count");
    entry(&c, "on_sweep");
    int sweep = builder_loop(&c.b, "on_sweep", 200, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_sweep", 201, builder_function_value("close"), 0);
    builder_in_loop(&c.b, sweep);
    int closing = (int)c.b.facts.call_count - 1;
    builder_call(&c.b, "on_sweep", 202, builder_function_value("report"), 0);
    builder_in_loop(&c.b, sweep);
    c.b.facts.calls[c.b.facts.call_count - 1].fail_guard = closing;
    c.b.facts.calls[c.b.facts.call_count - 1].fail_test = LC_RESULT_TEST_MINUS_ONE;
    entry(&c, "on_sweep_nonzero");
    sweep = builder_loop(&c.b, "on_sweep_nonzero", 220, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_sweep_nonzero", 221, builder_function_value("close"), 0);
    builder_in_loop(&c.b, sweep);
    closing = (int)c.b.facts.call_count - 1;
    builder_call(&c.b, "on_sweep_nonzero", 222, builder_function_value("report"), 0);
    builder_in_loop(&c.b, sweep);
    c.b.facts.calls[c.b.facts.call_count - 1].fail_guard = closing;
    c.b.facts.calls[c.b.facts.call_count - 1].fail_test = LC_RESULT_TEST_NONZERO;
    builder_function(&c.b, "log_line", 23, 0);
    builder_function(&c.b, "log_failure", 24, 0);
    builder_loop(&c.b, "log_line", 230, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "log_line", 231, builder_function_value("close"), 0);
    closing = (int)c.b.facts.call_count - 1;
    builder_call(&c.b, "log_line", 232, builder_function_value("log_failure"), 0);
    c.b.facts.calls[c.b.facts.call_count - 1].fail_guard = closing;
    c.b.facts.calls[c.b.facts.call_count - 1].fail_test = LC_RESULT_TEST_NEGATIVE;
    builder_call(&c.b, "log_failure", 240, builder_function_value("log_line"), 0);
    run(&c);
    assert_null(at_line(&c, 200));
    assert_non_null(at_line(&c, 220));
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    assert_false(cost.recursive[builder_find(&c.b, "log_line")]);
    assert_false(cost.recursive[builder_find(&c.b, "log_failure")]);
    assert_int_equal(cost.function_level[builder_find(&c.b, "log_line")], 1);
    lc_cost_free(&cost);
    finish(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_failure_paths),
        cmocka_unit_test(test_recursion_and_wrappers),
        cmocka_unit_test(test_short_cycles_recurse_long_ones_not),
        cmocka_unit_test(test_descents_are_linear_in_their_parameter),
        cmocka_unit_test(test_cycles_walking_one_tree_are_linear),
        cmocka_unit_test(test_restarts_do_not_recurse),
        cmocka_unit_test(test_depth_limits_do_not_recurse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
