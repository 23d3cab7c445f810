/* test_cost.c — the cost model and the cpu-heavy-loop check over
 * hand-built programs: nested data-dependent loops, bookkeeping loops,
 * loops across calls, expensive library calls, recursion, constant loops,
 * workers, and wrappers that add nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "checks.h"
#include "cost.h"
#include "program_builder.h"

static const char rules[] =
    "library testuv offload \"test_queue_work(loop, req, work, done)\"\n"
    "callback timer_start arg2 loop\n"
    "callback test_queue_work arg3 pool\n"
    "cpu-heavy crypt reason \"hashes a password on purpose slowly\" instead \"hash on the pool\"\n";

struct cost_case {
    struct builder b;
    struct lc_findings findings;
};

static void start(struct cost_case *c)
{
    builder_begin(&c->b, rules);
    builder_tu(&c->b, "cpu.c");
    builder_function(&c->b, "main", 1, 0);
}

static void entry(struct cost_case *c, const char *callback)
{
    builder_function(&c->b, callback, 2, 0);
    builder_call(&c->b, "main", 3, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value(callback), callback);
}

static void run(struct cost_case *c)
{
    assert_int_equal(builder_end_tu(&c->b), 0);
    assert_int_equal(builder_link(&c->b), 0);
    lc_findings_init(&c->findings);
    lc_check_find("cpu-heavy-loop")->run(&c->b.program, &c->findings);
    lc_findings_sort(&c->findings);
}

static void finish(struct cost_case *c)
{
    lc_findings_free(&c->findings);
    builder_free(&c->b);
}

static const struct lc_finding *at_line(struct cost_case *c, unsigned line)
{
    for (size_t i = 0; i < c->findings.count; i++)
        if (c->findings.items[i].loc.line == line)
            return &c->findings.items[i];
    return NULL;
}

static void test_nested_data_loops_flagged_bookkeeping_not(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_tick");
    int outer = builder_loop(&c.b, "on_tick", 10, -1, LC_BOUND_DATA, 0, "a->n");
    builder_loop(&c.b, "on_tick", 11, outer, LC_BOUND_DATA, 0, "b->n");
    entry(&c, "on_clients");
    builder_loop(&c.b, "on_clients", 20, -1, LC_BOUND_DATA, 0, "n_clients");
    builder_loop(&c.b, "on_clients", 21, -1, LC_BOUND_CONSTANT, 4096, "4096");
    entry(&c, "on_big");
    builder_loop(&c.b, "on_big", 30, -1, LC_BOUND_CONSTANT, 100000000, "100000000");
    run(&c);
    const struct lc_finding *nested = at_line(&c, 10);
    assert_non_null(nested);
    assert_string_equal(nested->rule_id, "cpu-heavy-loop");
    assert_non_null(strstr(nested->message, "a loop bounded by `a->n`, in it a loop bounded by `b->n`"));
    assert_non_null(strstr(nested->message, "test_queue_work"));
    assert_null(at_line(&c, 20));
    assert_null(at_line(&c, 21));
    assert_non_null(at_line(&c, 30));
    assert_int_equal(c.findings.count, 2);
    finish(&c);
}

static void test_across_calls_library_and_workers(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_scan");
    builder_function(&c.b, "match_one", 4, 0);
    int scan = builder_loop(&c.b, "on_scan", 40, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_scan", 41, builder_function_value("match_one"), 0);
    builder_in_loop(&c.b, scan);
    builder_loop(&c.b, "match_one", 42, -1, LC_BOUND_DATA, 0, "strlen ( s )");
    entry(&c, "on_login");
    builder_call(&c.b, "on_login", 50, builder_function_value("crypt"), 0);
    builder_function(&c.b, "work", 5, 0);
    builder_call(&c.b, "main", 6, builder_function_value("test_queue_work"), 4, builder_other_value(), "l",
                 builder_other_value(), "r", builder_function_value("work"), "work", builder_null_value(), "NULL");
    int w = builder_loop(&c.b, "work", 60, -1, LC_BOUND_DATA, 0, "n");
    builder_loop(&c.b, "work", 61, w, LC_BOUND_DATA, 0, "m");
    run(&c);
    const struct lc_finding *scan_finding = at_line(&c, 40);
    assert_non_null(scan_finding);
    assert_non_null(strstr(scan_finding->message, "a call to 'match_one'"));
    assert_int_equal(scan_finding->related_count, 3);
    assert_int_equal(scan_finding->related[2].loc.line, 42);
    assert_null(at_line(&c, 42)); /* one level: not heavy by itself */
    const struct lc_finding *login = at_line(&c, 50);
    assert_non_null(login);
    assert_non_null(strstr(login->message, "hash on the pool"));
    assert_null(at_line(&c, 60)); /* worker only */
    assert_int_equal(c.findings.count, 2);
    finish(&c);
}

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
    assert_int_equal(lc_cost_compute(&c.b.program, &cost), 0);
    assert_true(cost.recursive[builder_find(&c.b, "walk")]);
    assert_false(cost.recursive[builder_find(&c.b, "on_tree")]);
    assert_int_equal(cost.function_level[builder_find(&c.b, "walk")], 1);
    assert_int_equal(cost.function_level[builder_find(&c.b, "flatten")], 2);
    lc_cost_free(&cost);
    finish(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nested_data_loops_flagged_bookkeeping_not),
        cmocka_unit_test(test_across_calls_library_and_workers),
        cmocka_unit_test(test_recursion_and_wrappers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
