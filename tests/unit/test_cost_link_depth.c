/* test_cost_link_depth.c — the depth of a link's chains over the places
 * that hold its objects (cost_link_depth.c), on hand-built programs: an
 * options inheritance (global, window's from the global's, pane's from
 * the window's, a pane moved to another window by a setter) is three deep;
 * a chain of constructors from one global to the next is as deep as the
 * globals are many, a constant up to LC_COST_LINK_DEPTH_SMALL; a scope
 * opened inside the current one (`current = scope_open(current)`) is a
 * cycle; a link set from a call's result, or a write whose object is no
 * place, cannot be followed, and one the program never writes is a
 * library's; and a data loop around a walk up the options
 * is not flagged where one around the scopes is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "checks.h"
#include "cost.h"
#include "program_builder.h"

static const char rules[] = "callback timer_start arg2 loop\n";

static void link_write(struct builder *b, const char *function, const char *record, const char *field,
                       struct lc_value object, struct lc_value value, int made)
{
    struct lc_link_write_fact *write = lc_tu_facts_add_link_write(&b->facts);
    struct lc_value link = builder_field_value(b, record, field);
    *write = (struct lc_link_write_fact){ function, link.usr, link.name, object, value, made };
}

/* A constructor `name` of `record.field`: `o = calloc(...); o->field =
 * parameter 0; return o;`. */
static void constructor(struct builder *b, const char *name, unsigned line, const char *record, const char *field)
{
    builder_function(b, name, line, 0);
    link_write(b, name, record, field, builder_var_value("o"), builder_param_value(name, 0), 1);
}

/* `target = maker(argument)` in `function`. */
static void made_into(struct builder *b, const char *function, unsigned line, struct lc_value target,
                      const char *maker, struct lc_value argument)
{
    builder_call(b, function, line, builder_function_value(maker), 1, argument, "argument");
    builder_store(b, function, line, target,
                  (struct lc_value){ .kind = LC_VALUE_CALL, .usr = maker, .name = maker,
                                     .call_index = (int)b->facts.call_count - 1 });
}

/* A loop at `line` in `function` walking up `record.field`. */
static int walk(struct builder *b, const char *function, unsigned line, int parent, const char *record,
                const char *field)
{
    int loop = builder_loop(b, function, line, parent, LC_BOUND_DATA, 0, "o");
    struct lc_value link = builder_field_value(b, record, field);
    b->facts.loops[loop].walked_link_usr = link.usr;
    b->facts.loops[loop].walked_link_name = link.name;
    return loop;
}

static uint32_t loop_at(const struct lc_program *program, unsigned line)
{
    for (uint32_t l = 0; l < program->loop_count; l++)
        if (program->loops[l].loc.line == line)
            return l;
    fail_msg("no loop at line %u", line);
    return LC_NONE;
}

/* `record` and a constructor of its `up` made `count` times, each object
 * by `caller` from the global the previous one went into (RECORD_1 =
 * record(NULL), RECORD_2 = record(RECORD_1), ...), and a walk up it at
 * `line` + 20 in the constructor. */
static void chain_of_globals(struct builder *b, const char *caller, const char *record, unsigned count,
                             unsigned line)
{
    constructor(b, record, line, record, "up");
    const char *previous = NULL;
    for (unsigned i = 0; i < count; i++) {
        const char *global = lc_arena_printf(&b->facts.arena, "%s_%u", record, i + 1);
        made_into(b, caller, line + 1 + i, builder_var_value(global), record,
                  previous ? builder_var_value(previous) : builder_null_value());
        previous = global;
    }
    walk(b, record, line + 20, -1, record, "up");
}

static void test_link_depths(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, rules);
    builder_tu(&b, "links.c");
    builder_function(&b, "main", 1, 0);
    builder_function(&b, "on_tick", 2, 0);
    builder_call(&b, "main", 3, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value("on_tick"), "on_tick");
    /* options: global, window's, pane's; a setter moves a pane */
    constructor(&b, "options_create", 10, "options", "parent");
    builder_function(&b, "options_set_parent", 20, 0);
    link_write(&b, "options_set_parent", "options", "parent", builder_param_value("options_set_parent", 0),
               builder_param_value("options_set_parent", 1), 0);
    made_into(&b, "main", 4, builder_var_value("global_options"), "options_create", builder_null_value());
    made_into(&b, "main", 5, builder_field_value(&b, "window", "options"), "options_create",
              builder_var_value("global_options"));
    made_into(&b, "main", 6, builder_field_value(&b, "pane", "options"), "options_create",
              builder_field_value(&b, "window", "options"));
    builder_call(&b, "on_tick", 7, builder_function_value("options_set_parent"), 2,
                 builder_field_value(&b, "pane", "options"), "p->options", builder_field_value(&b, "window", "options"),
                 "w->options");
    builder_function(&b, "options_get", 30, 0);
    walk(&b, "options_get", 31, -1, "options", "parent");
    /* on_tick: per client, a look-up up the options, a walk of the scopes */
    int clients = builder_loop(&b, "on_tick", 8, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&b, "on_tick", 9, builder_function_value("options_get"), 1, builder_other_value(), "c->oo");
    builder_in_loop(&b, clients);
    clients = builder_loop(&b, "on_tick", 11, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&b, "on_tick", 12, builder_function_value("scope_depth"), 1, builder_other_value(), "current");
    builder_in_loop(&b, clients);
    /* chains of 8 and of 9 constructors */
    chain_of_globals(&b, "main", "eight", 8, 100);
    assert_int_equal(builder_end_tu(&b), 0);
    builder_tu(&b, "more.c");
    builder_function(&b, "main_more", 1, 0);
    chain_of_globals(&b, "main_more", "nine", 9, 200);
    /* scopes: `current = scope_open(current)` */
    constructor(&b, "scope_open", 300, "scope", "outer");
    made_into(&b, "main_more", 301, builder_var_value("current"), "scope_open", builder_var_value("current"));
    builder_function(&b, "scope_depth", 310, 0);
    walk(&b, "scope_depth", 311, -1, "scope", "outer");
    /* a style's base from a look-up; a list pushed through a table's element */
    builder_function(&b, "style_inherit", 400, 0);
    link_write(&b, "style_inherit", "style", "base", builder_param_value("style_inherit", 0), builder_other_value(),
               0);
    walk(&b, "style_inherit", 401, -1, "style", "base");
    builder_function(&b, "node_set", 500, 0);
    link_write(&b, "node_set", "node", "next", builder_other_value(), builder_null_value(), 0);
    walk(&b, "node_set", 501, -1, "node", "next");
    walk(&b, "node_set", 502, -1, "list", "next");
    assert_int_equal(builder_end_tu(&b), 0);
    assert_int_equal(builder_link(&b), 0);

    const struct lc_program *program = &b.program;
    uint8_t constant[32] = { 0 };
    assert_true(program->loop_count <= 32);
    assert_int_equal(lc_cost_link_loops(program, constant), 0);
    assert_true(constant[loop_at(program, 31)]);    /* pane, window, global */
    assert_true(constant[loop_at(program, 120)]);   /* 8 deep */
    assert_false(constant[loop_at(program, 220)]);  /* 9 deep */
    assert_false(constant[loop_at(program, 311)]);  /* a cycle */
    assert_false(constant[loop_at(program, 401)]);  /* a call's result */
    assert_false(constant[loop_at(program, 501)]);  /* no place */
    assert_false(constant[loop_at(program, 502)]);  /* written nowhere */
    assert_false(constant[loop_at(program, 8)]);    /* no link */

    struct lc_findings findings;
    lc_findings_init(&findings);
    lc_check_find("cpu-heavy-loop")->run(&b.program, &findings);
    int options_flagged = 0, scopes_flagged = 0;
    for (size_t i = 0; i < findings.count; i++) {
        options_flagged |= findings.items[i].loc.line == 8;
        scopes_flagged |= findings.items[i].loc.line == 11;
    }
    assert_false(options_flagged);
    assert_true(scopes_flagged);
    lc_findings_free(&findings);
    builder_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_link_depths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
