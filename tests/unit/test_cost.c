/* test_cost.c — the cost model and the cpu-heavy-loop check over
 * hand-built programs: nested data-dependent loops, bookkeeping loops,
 * loops across calls, expensive library calls, recursion, constant loops,
 * workers, wrappers that add nothing, what a call adds by its callee's loop
 * sources, continued walks, limits, short and long call cycles, and loops
 * bounded by a parameter the callers pass constants for (all of them, or
 * one call: a small constant, a string literal), recursions descending
 * through a parameter, registries filled at start-up, and calls passing
 * a constant that fails the test of a parameter their callee's loops or
 * calls run under. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
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

static void set_source(struct cost_case *c, int loop, enum lc_loop_source source)
{
    c->b.facts.loops[loop].source = source;
}

/* The program's loop at `line`. */
static uint32_t loop_at(struct cost_case *c, unsigned line)
{
    for (uint32_t l = 0; l < c->b.program.loop_count; l++)
        if (c->b.program.loops[l].loc.line == line)
            return l;
    fail_msg("no loop at line %u", line);
    return LC_NONE;
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
    assert_int_equal(lc_cost_compute(&c.b.program, &cost), 0);
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
    c.b.facts.loops[builder_loop(&c.b, "find_any", 171, any, LC_BOUND_DATA, 0, "charslen")].bound_param = 1;
    builder_function(&c.b, "fill", 20, 0);
    builder_call(&c.b, "on_request", 164, builder_function_value("fill"), 1, builder_int_value(200000), "200000");
    c.b.facts.loops[builder_loop(&c.b, "fill", 190, -1, LC_BOUND_DATA, 0, "count")].bound_param = 0;
    int all = builder_loop(&c.b, "find_all", 180, -1, LC_BOUND_DATA, 0, "len");
    c.b.facts.loops[builder_loop(&c.b, "find_all", 181, all, LC_BOUND_DATA, 0, "charslen")].bound_param = 1;
    run(&c);
    assert_null(at_line(&c, 170));      /* every caller passes 2 or 3 */
    assert_non_null(at_line(&c, 180));  /* one caller passes data */
    assert_non_null(at_line(&c, 190));  /* 200000 rounds: a big constant loop */
    finish(&c);
}

/* A call passing, for the parameter bounding its callee's growing loop, a
 * constant a loop of that many rounds costs nothing for, or a string
 * literal, costs the rest of the callee: `hash_n(key, 16)` in a loop is
 * one pass; `hash_n(key, n)` and `hash_n(key, 4096)` are not, whatever
 * the other callers pass. */
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
    builder_call(&c.b, "on_tick", 212, builder_function_value("walk_path"), 1, builder_other_value(), "\"settings\"");
    builder_in_loop(&c.b, small);
    int data = builder_loop(&c.b, "on_tick", 220, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_tick", 221, builder_function_value("hash_n"), 2, builder_other_value(), "key",
                 builder_other_value(), "n");
    builder_in_loop(&c.b, data);
    int medium = builder_loop(&c.b, "on_tick", 230, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_tick", 231, builder_function_value("hash_n"), 2, builder_other_value(), "key",
                 builder_int_value(4096), "4096");
    builder_in_loop(&c.b, medium);
    int named = builder_loop(&c.b, "on_tick", 240, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "on_tick", 241, builder_function_value("walk_path"), 1, builder_other_value(), "path");
    builder_in_loop(&c.b, named);
    run(&c);
    assert_null(at_line(&c, 210));      /* 16 rounds, the parts of "settings" */
    assert_non_null(at_line(&c, 220));  /* a length from the data */
    assert_non_null(at_line(&c, 230));  /* 4096 rounds: a medium constant loop */
    assert_non_null(at_line(&c, 240));  /* a path from the data */
    assert_int_equal(c.findings.count, 3);
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost), 0);
    uint32_t hash = builder_find(&c.b, "hash_n");
    assert_int_equal(cost.function_level[hash], 1);
    assert_int_equal(cost.linear_param[hash], 1);
    assert_int_equal(cost.loop_level[loop_at(&c, 210)], 1);
    assert_int_equal(cost.loop_level[loop_at(&c, 220)], 2);
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
    assert_int_equal(lc_cost_compute(&c.b.program, &cost), 0);
    assert_false(cost.recursive[builder_find(&c.b, "ring_c")]);
    assert_true(cost.recursive[builder_find(&c.b, "parse_item")]);
    assert_int_equal(cost.loop_level[loop_at(&c, 134)], 1);
    lc_cost_free(&cost);
    finish(&c);
}

/* A recursion giving itself a child of its parameter (call facts:
 * child_args) walks what its caller passed there once: called per element
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
    c.b.facts.calls[c.b.facts.call_count - 1].child_args = 1;
    int rest = builder_loop(&c.b, "list_free", 240, -1, LC_BOUND_DATA, 0, "node->count");
    c.b.facts.loops[rest].bound_param = 0;
    builder_call(&c.b, "list_free", 241, builder_function_value("list_free"), 1, builder_other_value(), "node->next");
    builder_in_loop(&c.b, rest);
    run(&c);
    assert_null(at_line(&c, 200));      /* each client's own tree */
    assert_non_null(at_line(&c, 210));  /* the shared tree for every client */
    assert_non_null(at_line(&c, 230));  /* along the list: not a child */
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost), 0);
    assert_int_equal(cost.linear_param[builder_find(&c.b, "tree_free")], 0);
    assert_int_equal(cost.level_but_linear[builder_find(&c.b, "tree_free")], 0);
    assert_int_equal(cost.linear_param[builder_find(&c.b, "list_free")], -1);
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
    assert_int_equal(lc_cost_compute(&c.b.program, &cost), 0);
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
        cmocka_unit_test(test_nested_data_loops_flagged_bookkeeping_not),
        cmocka_unit_test(test_across_calls_library_and_workers),
        cmocka_unit_test(test_recursion_and_wrappers),
        cmocka_unit_test(test_sources_limit_and_continued_walks),
        cmocka_unit_test(test_short_cycles_recurse_long_ones_not),
        cmocka_unit_test(test_parameters_callers_pass_constants_for),
        cmocka_unit_test(test_calls_passing_small_constants_or_literals),
        cmocka_unit_test(test_descents_are_linear_in_their_parameter),
        cmocka_unit_test(test_registries_filled_at_start_up),
        cmocka_unit_test(test_calls_passing_constants_failing_a_guard),
        cmocka_unit_test(test_guard_fails_for_constants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
