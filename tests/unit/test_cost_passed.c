/* test_cost_passed.c — loops bounded by a parameter every caller passes a
 * constant for (cost_passed.c) over hand-built programs: through callers
 * passing a parameter of their own on unchanged, at any depth (a literal
 * path given to `get_str(rec, "settings")`, which hands it to the
 * traversal splitting it), a null pointer, an integer through two
 * callers; not when a caller in between changes the parameter, nor when
 * one caller at the top passes data.  A walk of a table its parameter
 * points to makes as many rounds as the fixed table passed has entries:
 * an array (call_arg table_length) or a global pointer no function
 * writes, initialised to one (defined_variable table_length,
 * program_load_tables.c); a loop that is no table walk is not bounded so. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "checks.h"
#include "cost.h"
#include "program_builder.h"

static const char rules[] = "callback timer_start arg2 loop\n";

struct passed_case {
    struct builder b;
    struct lc_findings findings;
};

static const struct lc_finding *at_line(struct passed_case *c, unsigned line)
{
    for (size_t i = 0; i < c->findings.count; i++)
        if (c->findings.items[i].loc.line == line)
            return &c->findings.items[i];
    return NULL;
}

/* A traversal `name` whose loop at `line` walks the parts of its
 * parameter 1 and, in each, a node's children (data): level 2 unless the
 * parts are a few. */
static void traversal(struct passed_case *c, const char *name, unsigned line)
{
    builder_function(&c->b, name, line - 1, 0);
    int parts = builder_loop(&c->b, name, line, -1, LC_BOUND_DATA, 0, "* part");
    c->b.facts.loops[parts].bound_param = 1;
    builder_loop(&c->b, name, line + 1, parts, LC_BOUND_DATA, 0, "child");
}

/* `caller` calls `callee(rec, path)` passing its own parameter 1 on;
 * `changed`: the caller changes that parameter somewhere. */
static void pass_on(struct passed_case *c, const char *caller, unsigned line, const char *callee, int changed)
{
    builder_call(&c->b, caller, line, builder_function_value(callee), 2, builder_other_value(), "rec",
                 builder_param_value(caller, 1), "path");
    c->b.facts.calls[c->b.facts.call_count - 1].changed_param_args = changed ? 2u : 0u;
}

/* The timer callback calls `callee(rec, <value>)`. */
static void tick_calls(struct passed_case *c, unsigned line, const char *callee, struct lc_value value,
                       const char *text)
{
    builder_call(&c->b, "on_tick", line, builder_function_value(callee), 2, builder_other_value(), "rec", value,
                 text);
}

static void test_constants_passed_through_callers(void **state)
{
    (void)state;
    struct passed_case c;
    builder_begin(&c.b, rules);
    builder_tu(&c.b, "passed.c");
    builder_function(&c.b, "main", 1, 0);
    builder_function(&c.b, "on_tick", 2, 0);
    builder_call(&c.b, "main", 3, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value("on_tick"), "on_tick");
    /* literal and NULL through get_str, and through get_bool -> get_str */
    traversal(&c, "traverse", 100);
    builder_function(&c.b, "get_str", 110, 0);
    pass_on(&c, "get_str", 111, "traverse", 0);
    builder_function(&c.b, "get_bool", 120, 0);
    pass_on(&c, "get_bool", 121, "get_str", 0);
    tick_calls(&c, 10, "get_str", builder_string_value(), "\"settings\"");
    tick_calls(&c, 11, "get_bool", builder_string_value(), "\"fe-common/core\"");
    tick_calls(&c, 12, "get_bool", builder_null_value(), "NULL");
    /* the caller in between changes the path (`path++`) */
    traversal(&c, "traverse_changed", 200);
    builder_function(&c.b, "get_changed", 210, 0);
    pass_on(&c, "get_changed", 211, "traverse_changed", 1);
    tick_calls(&c, 20, "get_changed", builder_string_value(), "\"settings\"");
    /* one call at the top passes a path from the data */
    traversal(&c, "traverse_data", 300);
    builder_function(&c.b, "get_data", 310, 0);
    pass_on(&c, "get_data", 311, "traverse_data", 0);
    tick_calls(&c, 30, "get_data", builder_string_value(), "\"settings\"");
    tick_calls(&c, 31, "get_data", builder_other_value(), "s->prefix");
    /* an integer count through two callers */
    traversal(&c, "traverse_count", 400);
    builder_function(&c.b, "count_middle", 410, 0);
    pass_on(&c, "count_middle", 411, "traverse_count", 0);
    builder_function(&c.b, "count_outer", 420, 0);
    pass_on(&c, "count_outer", 421, "count_middle", 0);
    tick_calls(&c, 40, "count_outer", builder_int_value(4), "4");
    assert_int_equal(builder_end_tu(&c.b), 0);
    assert_int_equal(builder_link(&c.b), 0);
    lc_findings_init(&c.findings);
    lc_check_find("cpu-heavy-loop")->run(&c.b.program, &c.findings);
    lc_findings_sort(&c.findings);
    assert_null(at_line(&c, 100));      /* "settings", "fe-common/core", NULL: a few parts */
    assert_non_null(at_line(&c, 200));  /* what get_changed passes on is not what it was given */
    assert_non_null(at_line(&c, 300));  /* s->prefix */
    assert_null(at_line(&c, 400));      /* 4 rounds */
    assert_int_equal(c.findings.count, 2);
    long long passed[8];
    assert_true(c.b.program.loop_count <= 8);
    assert_int_equal(lc_cost_passed_constants(&c.b.program, passed), 0);
    assert_int_equal(passed[0], 14);    /* "fe-common/core" */
    assert_int_equal(passed[1], -1);    /* the inner loops: bounded by no parameter */
    assert_int_equal(passed[2], -1);
    assert_int_equal(passed[4], -1);
    assert_int_equal(passed[6], 4);
    lc_findings_free(&c.findings);
    builder_free(&c.b);
}

/* A lookup `name` whose loop at `line` walks what its parameter 0 points
 * to (as a table when `table`) and, in each round, data: level 2 unless
 * the table is a fixed one. */
static int lookup(struct passed_case *c, const char *name, unsigned line, int table)
{
    builder_function(&c->b, name, line - 1, 0);
    int walk = builder_loop(&c->b, name, line, -1, LC_BOUND_DATA, 0, "table -> name");
    c->b.facts.loops[walk].bound_param = 0;
    c->b.facts.loops[walk].table_walk = table;
    builder_loop(&c->b, name, line + 1, walk, LC_BOUND_DATA, 0, "n");
    return walk;
}

static void test_tables_passed(void **state)
{
    (void)state;
    struct passed_case c;
    builder_begin(&c.b, rules);
    builder_tu(&c.b, "tables.c");
    builder_function(&c.b, "main", 1, 0);
    builder_function(&c.b, "on_tick", 2, 0);
    builder_call(&c.b, "main", 3, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value("on_tick"), "on_tick");
    assert_int_equal(lc_tu_facts_add_defined_variable(&c.b.facts, "sizes", 4), 0);
    assert_int_equal(lc_tu_facts_add_defined_variable(&c.b.facts, "moving", 5), 0);
    builder_function(&c.b, "set_moving", 5, 0);
    builder_access(&c.b, "set_moving", 6, "moving", LC_ACCESS_WRITE, 0, NULL);
    int sizes_walk = lookup(&c, "lookup_sizes", 100, 1);
    builder_call(&c.b, "on_tick", 10, builder_function_value("lookup_sizes"), 1, builder_var_value("sizes"), "sizes");
    int moving_walk = lookup(&c, "lookup_moving", 200, 1);
    builder_call(&c.b, "on_tick", 20, builder_function_value("lookup_moving"), 1, builder_var_value("moving"),
                 "moving");
    int array_walk = lookup(&c, "lookup_array", 300, 1);
    builder_call(&c.b, "on_tick", 30, builder_function_value("lookup_array"), 1, builder_var_value("colours"),
                 "colours");
    c.b.facts.calls[c.b.facts.call_count - 1].args[0].table_length = 3;
    int owner_walk = lookup(&c, "owner_walk", 400, 0);
    builder_call(&c.b, "on_tick", 40, builder_function_value("owner_walk"), 1, builder_var_value("sizes"), "sizes");
    assert_int_equal(builder_end_tu(&c.b), 0);
    assert_int_equal(builder_link(&c.b), 0);
    lc_findings_init(&c.findings);
    lc_check_find("cpu-heavy-loop")->run(&c.b.program, &c.findings);
    lc_findings_sort(&c.findings);
    assert_null(at_line(&c, 100));      /* the 4 entries of what `sizes` points to */
    assert_non_null(at_line(&c, 200));  /* set_moving may point `moving` elsewhere */
    assert_null(at_line(&c, 300));      /* an array of 3 */
    assert_non_null(at_line(&c, 400));  /* a list `sizes` owns: no table walk */
    assert_int_equal(c.findings.count, 2);
    long long passed[8];
    assert_true(c.b.program.loop_count <= 8);
    assert_int_equal(lc_cost_passed_constants(&c.b.program, passed), 0);
    assert_int_equal(passed[sizes_walk], 4);
    assert_int_equal(passed[moving_walk], -1);
    assert_int_equal(passed[array_walk], 3);
    assert_int_equal(passed[owner_walk], -1);
    lc_findings_free(&c.findings);
    builder_free(&c.b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_constants_passed_through_callers),
        cmocka_unit_test(test_tables_passed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
