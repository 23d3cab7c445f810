/* test_cost_heavy_loops.c — what makes a loop on the event loop heavy, for
 * the cost model and the cpu-heavy-loop check, over hand-built programs
 * (cost_case.h; no data files): nested data-dependent loops and
 * bookkeeping ones, loops across calls, expensive library calls, loops
 * only workers run, what a call adds by its callee's loop sources (not its
 * locals, a string's characters), continued walks, limits (`i < INT_MAX`),
 * registries filled at start-up, functions a `cheap` model says do
 * bounded work, functions working on the slot an index picks, and calls
 * formatting a message. */
#include "cost_case.h"

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

/* A callee whose level comes both from walking its parameter's data and
 * from something else: called per element with the element, what makes
 * its level there is the something else, and the description says so
 * (cost->linear, LC_COST_LINEAR_PLAIN: why_but), not the walk of the element's own data. */
static void test_reason_besides_the_element(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_reload");
    builder_function(&c.b, "setup_read", 7, 0);
    builder_function(&c.b, "field_get", 8, 0);
    builder_function(&c.b, "network_find", 9, 0);
    int walk = builder_loop(&c.b, "field_get", 80, -1, LC_BOUND_DATA, 0, "node -> value");
    c.b.facts.loops[walk].bound_param = 0;
    builder_loop(&c.b, "network_find", 90, -1, LC_BOUND_DATA, 0, "networks");
    builder_call(&c.b, "setup_read", 70, builder_function_value("field_get"), 2,
                 builder_param_value("setup_read", 0), "node", builder_other_value(), "\"name\"");
    builder_call(&c.b, "setup_read", 71, builder_function_value("network_find"), 1, builder_other_value(), "name");
    int nodes = builder_loop(&c.b, "on_reload", 100, -1, LC_BOUND_DATA, 0, "tmp");
    builder_call(&c.b, "on_reload", 101, builder_function_value("setup_read"), 1, builder_other_value(), "tmp->data");
    builder_in_loop(&c.b, nodes);
    c.b.facts.calls[c.b.facts.call_count - 1].element_args = 1;
    run(&c);
    const struct lc_finding *reload = at_line(&c, 100);
    assert_non_null(reload);
    assert_non_null(strstr(reload->message, "a loop bounded by `tmp`, in it a call to 'setup_read', in it a call to "
                                            "'network_find', in it a loop bounded by `networks`)"));
    assert_int_equal(reload->related[2].loc.line, 71);
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    uint32_t setup_read = builder_find(&c.b, "setup_read");
    assert_int_equal(cost.function_level[setup_read], 1);
    assert_int_equal(cost.linear[LC_COST_LINEAR_PLAIN].level_but[setup_read], 1);
    assert_int_equal(cost.linear[LC_COST_LINEAR_PLAIN].why_but[setup_read].cause, LC_COST_CAUSE_CALL);
    assert_int_equal(c.b.program.calls[cost.linear[LC_COST_LINEAR_PLAIN].why_but[setup_read].index].loc.line, 71);
    lc_cost_free(&cost);
    finish(&c);
}

static void set_source(struct cost_case *c, int loop, enum lc_loop_source source)
{
    c->b.facts.loops[loop].source = source;
}

/* A call adds only what its callee's loops do over data it is given: not a
 * loop over its own locals or a string's characters. */
static void test_sources_limit_and_continued_walks(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_log");
    builder_function(&c.b, "log_line", 9, 0);
    int clients = builder_loop(&c.b, "on_log", 90, -1, LC_BOUND_DATA, 0, "n_clients");
    builder_call(&c.b, "on_log", 91, builder_function_value("log_line"), 0);
    builder_in_loop(&c.b, clients);
    set_source(&c, builder_loop(&c.b, "log_line", 92, -1, LC_BOUND_UNBOUNDED, 0, "1"), LC_SOURCE_LOCAL);
    set_source(&c, builder_loop(&c.b, "log_line", 93, -1, LC_BOUND_DATA, 0, "* p"), LC_SOURCE_STRING);
    int string_pair = builder_loop(&c.b, "log_line", 94, -1, LC_BOUND_DATA, 0, "* p");
    set_source(&c, string_pair, LC_SOURCE_STRING);
    set_source(&c, builder_loop(&c.b, "log_line", 95, string_pair, LC_BOUND_DATA, 0, "* q"), LC_SOURCE_STRING);
    entry(&c, "on_sum");
    builder_function(&c.b, "sum_all", 10, 0);
    int sums = builder_loop(&c.b, "on_sum", 100, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_sum", 101, builder_function_value("sum_all"), 0);
    builder_in_loop(&c.b, sums);
    builder_loop(&c.b, "sum_all", 102, -1, LC_BOUND_DATA, 0, "m");
    entry(&c, "on_scan");
    int scan = builder_loop(&c.b, "on_scan", 110, -1, LC_BOUND_DATA, 0, "n");
    set_source(&c, builder_loop(&c.b, "on_scan", 111, scan, LC_BOUND_DATA, 0, "n"), LC_SOURCE_PARENT);
    entry(&c, "on_find_slot");
    builder_loop(&c.b, "on_find_slot", 120, -1, LC_BOUND_CONSTANT, 2147483647, "INT_MAX");
    run(&c);
    assert_null(at_line(&c, 90));       /* logging inside a loop */
    assert_non_null(at_line(&c, 94));   /* a string walk nested in a string walk: its own level */
    assert_non_null(at_line(&c, 100));  /* a loop calling a loop over what it is given */
    assert_null(at_line(&c, 110));      /* the inner loop continues the walk */
    assert_null(at_line(&c, 120));      /* `i < INT_MAX` is a limit, not a count */
    assert_int_equal(c.findings.count, 2);
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    assert_int_equal(cost.function_level[builder_find(&c.b, "log_line")], 0);
    assert_int_equal(cost.loop_level[loop_at(&c, 92)], 1);
    assert_int_equal(cost.loop_level[loop_at(&c, 94)], 2);
    assert_int_equal(cost.loop_export[loop_at(&c, 94)], 0);
    assert_int_equal(cost.function_level[builder_find(&c.b, "sum_all")], 1);
    assert_int_equal(cost.loop_level[loop_at(&c, 110)], 1);
    assert_int_equal(cost.loop_level[loop_at(&c, 120)], 1);
    lc_cost_free(&cost);
    finish(&c);
}

/* A loop nested in a loop over data, walking global `walked` (its loop
 * fact's walked_global_usr): the outer loop's line is `line`. */
static void registry_nest(struct cost_case *c, const char *callback, unsigned line, const char *walked)
{
    entry(c, callback);
    int outer = builder_loop(&c->b, callback, line, -1, LC_BOUND_DATA, 0, "request");
    int inner = builder_loop(&c->b, callback, line + 1, outer, LC_BOUND_DATA, 0, "tmp");
    c->b.facts.loops[inner].walked_global_usr = walked;
    c->b.facts.loops[inner].walked_global_name = walked;
    builder_access(&c->b, callback, line + 1, walked, LC_ACCESS_READ, 0, NULL);
}

static void test_registries_filled_at_start_up(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    /* main calls init, which fills the protocols and the filters once. */
    builder_function(&c.b, "init", 10, 0);
    builder_call(&c.b, "main", 11, builder_function_value("init"), 0);
    builder_access(&c.b, "init", 12, "protocols", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "init", 13, "filters", LC_ACCESS_WRITE, 0, NULL);
    /* bind fills the commands, called from more places than a small registry has. */
    builder_function(&c.b, "bind", 20, 0);
    builder_access(&c.b, "bind", 21, "commands", LC_ACCESS_WRITE, 0, NULL);
    for (unsigned site = 0; site <= LC_COST_REGISTRY_SMALL; site++)
        builder_call(&c.b, "main", 200 + site, builder_function_value("bind"), 0);
    registry_nest(&c, "on_protocols", 100, "protocols");
    registry_nest(&c, "on_commands", 110, "commands");
    registry_nest(&c, "on_filters", 120, "filters");
    builder_access(&c.b, "on_filters", 122, "filters", LC_ACCESS_WRITE, 0, NULL);   /* appended on the loop */
    registry_nest(&c, "on_unfilled", 130, "unfilled");
    run(&c);
    assert_null(at_line(&c, 100));       /* a small registry filled at start-up: a constant */
    assert_non_null(at_line(&c, 110));   /* a registry of many registrations */
    assert_non_null(at_line(&c, 120));   /* also written on the loop */
    assert_non_null(at_line(&c, 130));   /* never written: filled where loopcheck cannot see */
    assert_int_equal(c.findings.count, 3);
    finish(&c);
}

/* A function working on the one slot of an array its index parameter
 * picks (`args_string(args, idx)` handing `&args->values[idx]` to a walk
 * of the value): called once a round with another index (the loop's
 * counter, `i++`, call facts counter_args) it walks each slot once; with
 * the same index every round it is a pass over one slot per round, but
 * with an index that is no counter, it may be any slot: reported. */
static void test_slots_picked_by_an_index(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_args");
    builder_function(&c.b, "value_walk", 60, 0);
    builder_function(&c.b, "args_pick", 61, 0);
    int walk = builder_loop(&c.b, "value_walk", 600, -1, LC_BOUND_DATA, 0, "value -> len");
    c.b.facts.loops[walk].bound_param = 0;
    builder_call(&c.b, "args_pick", 601, builder_function_value("value_walk"), 1, builder_other_value(),
                 "&args->values[idx]");
    c.b.facts.calls[c.b.facts.call_count - 1].args[0].slot_of_param = 2;
    int rounds = builder_loop(&c.b, "on_args", 610, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_args", 611, builder_function_value("args_pick"), 2, builder_other_value(), "args",
                 builder_other_value(), "i");
    builder_in_loop(&c.b, rounds);
    c.b.facts.calls[c.b.facts.call_count - 1].counter_args = 1u << 1;
    int lookups = builder_loop(&c.b, "on_args", 620, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_args", 621, builder_function_value("args_pick"), 2, builder_other_value(), "args",
                 builder_other_value(), "wanted");
    builder_in_loop(&c.b, lookups);
    run(&c);
    assert_null(at_line(&c, 610));      /* each round its own slot */
    assert_non_null(at_line(&c, 620));  /* any slot, every round */
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    uint32_t pick = builder_find(&c.b, "args_pick");
    assert_int_equal(cost.function_level[pick], 1);
    assert_int_equal(cost.linear[LC_COST_LINEAR_SLOT].params[pick], 1u << 1);
    assert_int_equal(cost.linear[LC_COST_LINEAR_SLOT].level_but[pick], 0);
    lc_cost_free(&cost);
    finish(&c);
}

/* A `cheap` model or a `loopcheck:cheap` annotation: a call to the
 * function adds nothing, and its own nest is not reported; the same
 * function without either is. */
static void test_cheap_functions(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_requests");
    static const char *const pools[] = { "pool_append", "pool_other", "pool_marked" };
    for (unsigned i = 0; i < 3; i++) {
        unsigned base = 500 + 20 * i;
        builder_function(&c.b, pools[i], 50 + i, i == 2 ? LC_ANNOT_CHEAP : 0);
        int blocks = builder_loop(&c.b, pools[i], base, -1, LC_BOUND_DATA, 0, "p->next");
        builder_loop(&c.b, pools[i], base + 1, blocks, LC_BOUND_DATA, 0, "b->count");
        int requests = builder_loop(&c.b, "on_requests", base + 2, -1, LC_BOUND_DATA, 0, "n");
        builder_call(&c.b, "on_requests", base + 3, builder_function_value(pools[i]), 1, builder_other_value(),
                     "pool");
        builder_in_loop(&c.b, requests);
    }
    run(&c);
    assert_null(at_line(&c, 500));      /* its own nest: not reported */
    assert_null(at_line(&c, 502));      /* a call to it adds nothing */
    assert_non_null(at_line(&c, 520));
    assert_non_null(at_line(&c, 522));
    assert_null(at_line(&c, 540));      /* annotated loopcheck:cheap: the same */
    assert_null(at_line(&c, 542));
    finish(&c);
}

/* A call formatting a message (call fact share: `log_error(log,
 * "closing %d", fd)`) adds nothing to the loop around it, whatever its
 * callee walks to write the line; the same call with a variable format
 * adds its callee's walk.  A formatter's own nest is still its own
 * finding. */
static void test_formatting_calls(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_close");
    builder_function(&c.b, "log_error", 60, 0);
    builder_loop(&c.b, "log_error", 600, -1, LC_BOUND_DATA, 0, "b");
    builder_function(&c.b, "log_dump", 61, 0);
    int dump = builder_loop(&c.b, "log_dump", 610, -1, LC_BOUND_DATA, 0, "t");
    builder_loop(&c.b, "log_dump", 611, dump, LC_BOUND_DATA, 0, "b");
    static const char *const callees[] = { "log_error", "log_error", "log_dump" };
    for (unsigned i = 0; i < 3; i++) {
        unsigned base = 620 + 10 * i;
        int connections = builder_loop(&c.b, "on_close", base, -1, LC_BOUND_DATA, 0, "n");
        builder_call(&c.b, "on_close", base + 1, builder_function_value(callees[i]), 1, builder_other_value(),
                     "log");
        builder_in_loop(&c.b, connections);
        c.b.facts.calls[c.b.facts.call_count - 1].share = i != 1 ? LC_SHARE_MESSAGE : LC_SHARE_NONE;
    }
    run(&c);
    assert_null(at_line(&c, 620));       /* formats: adds nothing */
    assert_non_null(at_line(&c, 630));   /* a variable format: connections × b */
    assert_null(at_line(&c, 640));       /* formats, though its callee is level 2 */
    assert_non_null(at_line(&c, 610));   /* which is its own finding */
    assert_int_equal(c.findings.count, 2);
    finish(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nested_data_loops_flagged_bookkeeping_not),
        cmocka_unit_test(test_across_calls_library_and_workers),
        cmocka_unit_test(test_reason_besides_the_element),
        cmocka_unit_test(test_sources_limit_and_continued_walks),
        cmocka_unit_test(test_registries_filled_at_start_up),
        cmocka_unit_test(test_cheap_functions),
        cmocka_unit_test(test_slots_picked_by_an_index),
        cmocka_unit_test(test_formatting_calls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
