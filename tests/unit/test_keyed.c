/* test_keyed.c — string-keyed callback registries resolved when a program
 * is linked (keyed.c), over a hand-built program (program_builder.h; no
 * data files): a dispatch call with a literal key reaches the callbacks
 * registered under it and those registered under a key that is no
 * literal, not the others; a prefix joins the key; a dispatch without a
 * literal key reaches every keyed callback; the registered functions are
 * known as registered, the dispatch calls give their callbacks none of
 * their arguments, and the chain says which key led there; a variable
 * assigned only ids of literals (keyed-id) is a key standing for them; a
 * key known by how it starts (call_arg.keys) reaches the literal keys
 * starting so and the unknown ones; a key that is one of several (`c ?
 * "a" : "b"`) reaches what each reaches, and a registration under one of
 * several exact keys registers under each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "chain.h"
#include "program_builder.h"

static const char keyed_rules[] =
    "callback timer_start arg2 loop\n"
    "keyed-callback bus_on key arg1 callback arg2\n"
    "keyed-callback bus_bind callback arg2 key arg1 prefix \"command \"\n"
    "keyed-dispatch bus_emit key arg1\n"
    "keyed-dispatch bus_emit_all\n"
    "keyed-id bus_id key arg1\n"
    "keyed-dispatch bus_emit_id key arg1\n";

/* The call `caller` makes at `line`. */
static uint32_t call_at(struct builder *b, const char *caller, unsigned line)
{
    const struct lc_program_function *fn = &b->program.functions[builder_find(b, caller)];
    for (uint32_t c = fn->first_call; c < fn->first_call + fn->call_count; c++)
        if (b->program.calls[c].loc.line == line)
            return c;
    fail_msg("no call of %s at line %u", caller, line);
    return LC_NONE;
}

static int reaches(struct builder *b, uint32_t call, const char *target)
{
    const struct lc_program_call *c = &b->program.calls[call];
    uint32_t t = builder_find(b, target);
    for (uint32_t i = 0; i < c->target_count; i++)
        if (b->program.targets[c->first_target + i] == t)
            return 1;
    return 0;
}

/* main registers on_tick under "tick", on_shutdown under "shutdown",
 * cmd_quit under "command quit" and, through register_any(name, fn),
 * on_dynamic under a key that is no literal; on_timer (a loop callback)
 * emits "tick", emit_quit emits "command quit", emit_named(name) emits a
 * name it is given. */
static void build_bus(struct builder *b)
{
    builder_begin(b, keyed_rules);
    builder_tu(b, "bus.c");
    const char *functions[] = { "main", "on_timer", "on_tick", "on_shutdown", "cmd_quit", "on_dynamic",
                                "register_any", "emit_quit", "emit_named", "emit_everything" };
    for (unsigned i = 0; i < sizeof functions / sizeof functions[0]; i++)
        builder_function(b, functions[i], 1 + i, 0);
    builder_call(b, "main", 20, builder_function_value("bus_on"), 2, builder_string_value(), "\"tick\"",
                 builder_function_value("on_tick"), "on_tick");
    builder_call(b, "main", 21, builder_function_value("bus_on"), 2, builder_string_value(), "\"shutdown\"",
                 builder_function_value("on_shutdown"), "on_shutdown");
    builder_call(b, "main", 22, builder_function_value("bus_bind"), 2, builder_string_value(), "\"quit\"",
                 builder_function_value("cmd_quit"), "cmd_quit");
    builder_call(b, "register_any", 23, builder_function_value("bus_on"), 2, builder_param_value("register_any", 0),
                 "name", builder_param_value("register_any", 1), "fn");
    builder_call(b, "main", 24, builder_function_value("register_any"), 2, builder_other_value(), "dynamic_name()",
                 builder_function_value("on_dynamic"), "on_dynamic");
    builder_call(b, "main", 25, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value("on_timer"), "on_timer");
    builder_call(b, "on_timer", 30, builder_function_value("bus_emit"), 1, builder_string_value(), "\"tick\"");
    builder_call(b, "emit_quit", 31, builder_function_value("bus_emit"), 1, builder_string_value(),
                 "\"command quit\"");
    builder_call(b, "emit_named", 32, builder_function_value("bus_emit"), 1, builder_param_value("emit_named", 0),
                 "name");
    builder_call(b, "emit_everything", 33, builder_function_value("bus_emit_all"), 0);
    assert_int_equal(builder_end_tu(b), 0);
    assert_int_equal(builder_link(b), 0);
}

static void test_literal_key_reaches_its_callbacks_and_unknown_keys(void **state)
{
    (void)state;
    struct builder b;
    build_bus(&b);
    uint32_t tick = call_at(&b, "on_timer", 30);
    assert_true(b.program.calls[tick].keyed);
    assert_true(reaches(&b, tick, "bus_emit"));
    assert_true(reaches(&b, tick, "on_tick"));
    assert_true(reaches(&b, tick, "on_dynamic"));   /* its key may be "tick" */
    assert_false(reaches(&b, tick, "on_shutdown"));
    assert_false(reaches(&b, tick, "cmd_quit"));
    uint32_t quit = call_at(&b, "emit_quit", 31);
    assert_true(reaches(&b, quit, "cmd_quit"));      /* "command " + "quit" */
    assert_false(reaches(&b, quit, "on_tick"));
    /* Colors: the tick handler runs on the loop, the shutdown one does not. */
    assert_true(b.program.on_loop[builder_find(&b, "on_tick")]);
    assert_false(b.program.on_loop[builder_find(&b, "on_shutdown")]);
    builder_free(&b);
}

static void test_unknown_key_reaches_every_callback(void **state)
{
    (void)state;
    struct builder b;
    build_bus(&b);
    const char *callbacks[] = { "on_tick", "on_shutdown", "cmd_quit", "on_dynamic" };
    uint32_t named = call_at(&b, "emit_named", 32), everything = call_at(&b, "emit_everything", 33);
    for (unsigned i = 0; i < sizeof callbacks / sizeof callbacks[0]; i++) {
        assert_true(reaches(&b, named, callbacks[i]));
        assert_true(reaches(&b, everything, callbacks[i]));
    }
    assert_false(reaches(&b, everything, "on_timer"));
    assert_int_equal(b.program.calls[everything].target_count, 5);   /* bus_emit_all and the four */
    /* The registrations reach nothing but their API. */
    assert_int_equal(b.program.calls[call_at(&b, "main", 20)].target_count, 1);
    builder_free(&b);
}

static void test_callbacks_are_registered_and_get_no_arguments(void **state)
{
    (void)state;
    struct builder b;
    build_bus(&b);
    assert_int_equal(b.program.keyed_callback_count, 4);
    assert_true(b.program.registered[builder_find(&b, "on_tick")]);
    assert_true(b.program.registered[builder_find(&b, "on_dynamic")]);
    assert_false(b.program.registered[builder_find(&b, "emit_named")]);
    const struct lc_program_call *tick = &b.program.calls[call_at(&b, "on_timer", 30)];
    assert_false(lc_program_call_passes_arguments(tick, builder_find(&b, "on_tick")));
    assert_true(lc_program_call_passes_arguments(tick, builder_find(&b, "bus_emit")));
    const struct lc_program_call *plain = &b.program.calls[call_at(&b, "main", 24)];
    assert_true(lc_program_call_passes_arguments(plain, builder_find(&b, "register_any")));
    builder_free(&b);
}

/* `tick_id = bus_id("tick")`; `mixed_id = bus_id("shutdown")` and
 * `mixed_id = next_id()`: on_timer emits both ids. */
static void test_ids_of_literals_are_keys(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, keyed_rules);
    builder_tu(&b, "ids.c");
    const char *functions[] = { "main", "on_timer", "on_tick", "on_shutdown", "next_id" };
    for (unsigned i = 0; i < sizeof functions / sizeof functions[0]; i++)
        builder_function(&b, functions[i], 1 + i, 0);
    builder_call(&b, "main", 20, builder_function_value("bus_on"), 2, builder_string_value(), "\"tick\"",
                 builder_function_value("on_tick"), "on_tick");
    builder_call(&b, "main", 21, builder_function_value("bus_on"), 2, builder_string_value(), "\"shutdown\"",
                 builder_function_value("on_shutdown"), "on_shutdown");
    const struct { const char *variable, *callee, *text; unsigned line; } assigned[] = {
        { "tick_id", "bus_id", "\"tick\"", 22 },
        { "mixed_id", "bus_id", "\"shutdown\"", 23 },
        { "mixed_id", "next_id", "\"shutdown\"", 24 },
    };
    for (unsigned i = 0; i < sizeof assigned / sizeof assigned[0]; i++) {
        builder_call(&b, "main", assigned[i].line, builder_function_value(assigned[i].callee), 1,
                     builder_string_value(), assigned[i].text);
        builder_store(&b, "main", assigned[i].line, builder_var_value(assigned[i].variable),
                      (struct lc_value){ .kind = LC_VALUE_CALL, .usr = assigned[i].callee,
                                         .name = assigned[i].callee, .call_index = (int)b.facts.call_count - 1 });
    }
    builder_call(&b, "on_timer", 30, builder_function_value("bus_emit_id"), 1, builder_var_value("tick_id"),
                 "tick_id");
    builder_call(&b, "on_timer", 31, builder_function_value("bus_emit_id"), 1, builder_var_value("mixed_id"),
                 "mixed_id");
    assert_int_equal(builder_end_tu(&b), 0);
    assert_int_equal(builder_link(&b), 0);
    uint32_t by_id = call_at(&b, "on_timer", 30), mixed = call_at(&b, "on_timer", 31);
    assert_true(reaches(&b, by_id, "on_tick"));
    assert_false(reaches(&b, by_id, "on_shutdown"));
    assert_true(reaches(&b, mixed, "on_tick"));   /* next_id() may be any id */
    assert_true(reaches(&b, mixed, "on_shutdown"));
    struct lc_arena arena;
    lc_arena_init(&arena);
    assert_string_equal(lc_chain_call_text(&b.program, by_id, builder_find(&b, "on_tick"), &arena),
                        "'on_timer' calls 'on_tick' through bus_emit_id(tick_id)");
    lc_arena_free(&arena);
    builder_free(&b);
}

/* The last call's argument `position` (0-based, of `nargs`) is known to be
 * one of `keys` (facts.h arg_keys, ended by a key whose text is NULL). */
static void set_keys(struct builder *b, size_t nargs, size_t position, const struct lc_arg_key *keys,
                     size_t key_count)
{
    struct lc_call_fact *call = &b->facts.calls[b->facts.call_count - 1];
    assert_int_equal(call->nargs, nargs);
    if (!call->arg_keys) {
        call->arg_keys = lc_arena_alloc(&b->facts.arena, nargs * sizeof *call->arg_keys);
        assert_non_null(call->arg_keys);
        memset(call->arg_keys, 0, nargs * sizeof *call->arg_keys);
    }
    struct lc_arg_key *copy = lc_arena_alloc(&b->facts.arena, key_count * sizeof *copy);
    assert_non_null(copy);
    memcpy(copy, keys, key_count * sizeof *copy);
    call->arg_keys[position] = copy;
}

/* Keys known by their start: on_timer emits `cmd` ("command " + a name)
 * and `w` ("command w..."); emit_named registers on_named under a key
 * known by its start only (unknown as a registration). */
static void test_key_known_by_its_start(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, keyed_rules);
    builder_tu(&b, "starts.c");
    const char *functions[] = { "main", "on_timer", "on_tick", "cmd_quit", "cmd_window", "cmd_wait",
                                "on_commander", "on_named" };
    for (unsigned i = 0; i < sizeof functions / sizeof functions[0]; i++)
        builder_function(&b, functions[i], 1 + i, 0);
    const struct { const char *key, *callback; unsigned line; } registered[] = {
        { "\"tick\"", "on_tick", 20 },
        { "\"commander\"", "on_commander", 21 },   /* "command" but no space */
    };
    for (unsigned i = 0; i < sizeof registered / sizeof registered[0]; i++)
        builder_call(&b, "main", registered[i].line, builder_function_value("bus_on"), 2, builder_string_value(),
                     registered[i].key, builder_function_value(registered[i].callback), registered[i].callback);
    const struct { const char *key, *callback; unsigned line; } bound[] = {
        { "\"quit\"", "cmd_quit", 22 },
        { "\"window close\"", "cmd_window", 23 },
        { "\"wait\"", "cmd_wait", 24 },
    };
    for (unsigned i = 0; i < sizeof bound / sizeof bound[0]; i++)
        builder_call(&b, "main", bound[i].line, builder_function_value("bus_bind"), 2, builder_string_value(),
                     bound[i].key, builder_function_value(bound[i].callback), bound[i].callback);
    const struct { const char *variable, *prefix; unsigned line; } emitted[] = {
        { "cmd", "command ", 30 },
        { "w", "command w", 31 },
        { "q", "command q", 32 },
    };
    for (unsigned i = 0; i < sizeof emitted / sizeof emitted[0]; i++) {
        builder_call(&b, "on_timer", emitted[i].line, builder_function_value("bus_emit"), 1,
                     builder_var_value(emitted[i].variable), emitted[i].variable);
        const struct lc_arg_key start[] = { { emitted[i].prefix, 1 }, { NULL, 0 } };
        set_keys(&b, 1, 0, start, 2);
    }
    builder_call(&b, "main", 25, builder_function_value("bus_on"), 2, builder_var_value("named"), "named",
                 builder_function_value("on_named"), "on_named");
    const struct lc_arg_key zzz[] = { { "zzz", 1 }, { NULL, 0 } };
    set_keys(&b, 2, 0, zzz, 2);
    assert_int_equal(builder_end_tu(&b), 0);
    assert_int_equal(builder_link(&b), 0);
    uint32_t cmd = call_at(&b, "on_timer", 30), w = call_at(&b, "on_timer", 31), q = call_at(&b, "on_timer", 32);
    assert_true(reaches(&b, cmd, "cmd_quit"));
    assert_true(reaches(&b, cmd, "cmd_window"));
    assert_true(reaches(&b, cmd, "cmd_wait"));
    assert_true(reaches(&b, cmd, "on_named"));      /* registered under an unknown key */
    assert_false(reaches(&b, cmd, "on_tick"));
    assert_false(reaches(&b, cmd, "on_commander"));
    assert_true(reaches(&b, w, "cmd_window"));
    assert_true(reaches(&b, w, "cmd_wait"));
    assert_false(reaches(&b, w, "cmd_quit"));
    assert_true(reaches(&b, q, "cmd_quit"));
    assert_false(reaches(&b, q, "cmd_window"));
    assert_int_equal(b.program.calls[q].target_count, 3);   /* bus_emit, cmd_quit, on_named */
    struct lc_arena arena;
    lc_arena_init(&arena);
    assert_string_equal(lc_chain_call_text(&b.program, cmd, builder_find(&b, "cmd_quit"), &arena),
                        "'on_timer' calls 'cmd_quit' through bus_emit(cmd, starting \"command \")");
    lc_arena_free(&arena);
    builder_free(&b);
}

/* Keys that are one of several (facts.h arg_keys, through the store): main
 * registers cmd_notice, cmd_msg and cmd_quit under their own literals,
 * cmd_channel under `c ? "join" : "part"` after the prefix "command ", and
 * on_partial under `c ? "x" : y` where y is known only by its start; on_timer
 * emits `notice ? "command notice" : "command msg"` (30), `raw ? cmd :
 * "command notice"` where cmd starts "command p" (31), "command join" (32),
 * "command part" (33) and "x" (34). */
static void test_key_one_of_several(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, keyed_rules);
    builder_tu(&b, "choices.c");
    const char *functions[] = { "main", "on_timer", "cmd_notice", "cmd_msg", "cmd_quit", "cmd_channel",
                                "on_partial" };
    for (unsigned i = 0; i < sizeof functions / sizeof functions[0]; i++)
        builder_function(&b, functions[i], 1 + i, 0);
    const struct { const char *key, *callback; unsigned line; } registered[] = {
        { "\"command notice\"", "cmd_notice", 20 },
        { "\"command msg\"", "cmd_msg", 21 },
        { "\"command quit\"", "cmd_quit", 22 },
    };
    for (unsigned i = 0; i < sizeof registered / sizeof registered[0]; i++)
        builder_call(&b, "main", registered[i].line, builder_function_value("bus_on"), 2, builder_string_value(),
                     registered[i].key, builder_function_value(registered[i].callback), registered[i].callback);
    builder_call(&b, "main", 23, builder_function_value("bus_bind"), 2, builder_other_value(),
                 "c ? \"join\" : \"part\"", builder_function_value("cmd_channel"), "cmd_channel");
    const struct lc_arg_key join_part[] = { { "join", 0 }, { "part", 0 }, { NULL, 0 } };
    set_keys(&b, 2, 0, join_part, 3);
    builder_call(&b, "main", 24, builder_function_value("bus_on"), 2, builder_other_value(), "c ? \"x\" : y",
                 builder_function_value("on_partial"), "on_partial");
    const struct lc_arg_key x_or_y[] = { { "x", 0 }, { "y", 1 }, { NULL, 0 } };
    set_keys(&b, 2, 0, x_or_y, 3);
    builder_call(&b, "on_timer", 30, builder_function_value("bus_emit"), 1, builder_other_value(),
                 "notice ? \"command notice\" : \"command msg\"");
    const struct lc_arg_key notice_msg[] = { { "command notice", 0 }, { "command msg", 0 }, { NULL, 0 } };
    set_keys(&b, 1, 0, notice_msg, 3);
    builder_call(&b, "on_timer", 31, builder_function_value("bus_emit"), 1, builder_other_value(),
                 "raw ? cmd : \"command notice\"");
    const struct lc_arg_key p_notice[] = { { "command p", 1 }, { "command notice", 0 }, { NULL, 0 } };
    set_keys(&b, 1, 0, p_notice, 3);
    const struct { const char *key; unsigned line; } emitted[] = {
        { "\"command join\"", 32 }, { "\"command part\"", 33 }, { "\"x\"", 34 },
    };
    for (unsigned i = 0; i < sizeof emitted / sizeof emitted[0]; i++)
        builder_call(&b, "on_timer", emitted[i].line, builder_function_value("bus_emit"), 1, builder_string_value(),
                     emitted[i].key);
    assert_int_equal(builder_end_tu(&b), 0);
    assert_int_equal(builder_link(&b), 0);
    uint32_t choice = call_at(&b, "on_timer", 30), mixed = call_at(&b, "on_timer", 31);
    assert_true(reaches(&b, choice, "cmd_notice"));
    assert_true(reaches(&b, choice, "cmd_msg"));
    assert_true(reaches(&b, choice, "on_partial"));     /* registered under an unknown key */
    assert_false(reaches(&b, choice, "cmd_quit"));      /* "command " alone would reach it */
    assert_false(reaches(&b, choice, "cmd_channel"));
    assert_int_equal(b.program.calls[choice].target_count, 4);   /* bus_emit and the three */
    assert_true(reaches(&b, mixed, "cmd_notice"));
    assert_true(reaches(&b, mixed, "cmd_channel"));     /* "command part" starts "command p" */
    assert_true(reaches(&b, mixed, "on_partial"));
    assert_false(reaches(&b, mixed, "cmd_msg"));
    assert_false(reaches(&b, mixed, "cmd_quit"));
    /* cmd_channel is registered under both "command join" and "command part". */
    assert_true(reaches(&b, call_at(&b, "on_timer", 32), "cmd_channel"));
    assert_true(reaches(&b, call_at(&b, "on_timer", 33), "cmd_channel"));
    assert_false(reaches(&b, call_at(&b, "on_timer", 32), "cmd_notice"));
    /* on_partial's key may be known only by its start: unknown, reached by any key. */
    uint32_t x = call_at(&b, "on_timer", 34);
    assert_true(reaches(&b, x, "on_partial"));
    assert_int_equal(b.program.calls[x].target_count, 2);
    struct lc_arena arena;
    lc_arena_init(&arena);
    assert_string_equal(lc_chain_call_text(&b.program, choice, builder_find(&b, "cmd_msg"), &arena),
                        "'on_timer' calls 'cmd_msg' through bus_emit(notice ? \"command notice\" : \"command msg\")");
    assert_string_equal(lc_chain_call_text(&b.program, mixed, builder_find(&b, "cmd_channel"), &arena),
                        "'on_timer' calls 'cmd_channel' through bus_emit(raw ? cmd : \"command notice\", starting "
                        "\"command p\" or \"command notice\")");
    lc_arena_free(&arena);
    builder_free(&b);
}

static void test_chain_names_the_key(void **state)
{
    (void)state;
    struct builder b;
    build_bus(&b);
    struct lc_arena arena;
    lc_arena_init(&arena);
    assert_string_equal(lc_chain_call_text(&b.program, call_at(&b, "on_timer", 30), builder_find(&b, "on_tick"),
                                           &arena),
                        "'on_timer' calls 'on_tick' through bus_emit(\"tick\")");
    assert_string_equal(lc_chain_call_text(&b.program, call_at(&b, "emit_named", 32), builder_find(&b, "cmd_quit"),
                                           &arena),
                        "'emit_named' calls 'cmd_quit' through bus_emit(name)");
    assert_string_equal(lc_chain_call_text(&b.program, call_at(&b, "emit_everything", 33),
                                           builder_find(&b, "on_shutdown"), &arena),
                        "'emit_everything' calls 'on_shutdown' through bus_emit_all (any key)");
    assert_string_equal(lc_chain_call_text(&b.program, call_at(&b, "main", 24), builder_find(&b, "register_any"),
                                           &arena),
                        "'main' calls 'register_any'");
    lc_arena_free(&arena);
    builder_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literal_key_reaches_its_callbacks_and_unknown_keys),
        cmocka_unit_test(test_unknown_key_reaches_every_callback),
        cmocka_unit_test(test_callbacks_are_registered_and_get_no_arguments),
        cmocka_unit_test(test_ids_of_literals_are_keys),
        cmocka_unit_test(test_key_known_by_its_start),
        cmocka_unit_test(test_key_one_of_several),
        cmocka_unit_test(test_chain_names_the_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
