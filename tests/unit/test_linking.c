/* test_linking.c — function-pointer flow and registrations: calls through
 * fields, variables and parameters; registration by argument, by field and
 * through wrappers; offload roles; cutting pointers with too many targets;
 * calls in a header function stored by several TUs counted once; the
 * calls of many TUs loaded in path order; the rarely set facts of a call
 * kept in the side table of extras, their calls followed when the calls
 * are grouped by caller; a global's address passed to a function of another
 * TU, a write only when that function's definition writes through it;
 * the field a constructor sets from a constant argument, followed back
 * from a field through a variable to the call (made_objects.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "program_builder.h"

static const char rules[] =
    "library testuv offload \"test_queue_work(loop, req, work, done)\"\n"
    "callback timer_start arg2 loop\n"
    "callback test_queue_work arg3 pool\n"
    "callback test_queue_work arg4 loop\n"
    "field watcher.cb loop\n";

static int has_target(struct builder *b, const char *caller, const char *target)
{
    uint32_t f = builder_find(b, caller), t = builder_find(b, target);
    if (f == LC_NONE || t == LC_NONE)
        return 0;
    const struct lc_program_function *fn = &b->program.functions[f];
    for (uint32_t c = fn->first_call; c < fn->first_call + fn->call_count; c++)
        for (uint32_t i = 0; i < b->program.calls[c].target_count; i++)
            if (b->program.targets[b->program.calls[c].first_target + i] == t)
                return 1;
    return 0;
}

static int entry_role(struct builder *b, const char *name, enum lc_thread_role role, const char **api)
{
    uint32_t f = builder_find(b, name);
    for (uint32_t e = 0; e < b->program.entry_count; e++) {
        if (b->program.entries[e].function == f && b->program.entries[e].role == role) {
            if (api)
                *api = b->program.entries[e].api;
            return 1;
        }
    }
    return 0;
}

static void test_calls_through_fields_vars_and_params(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, rules);
    builder_tu(&b, "a.c");
    builder_function(&b, "dispatch", 1, 0);
    builder_function(&b, "on_get", 2, 0);
    builder_function(&b, "on_set", 3, 0);
    builder_function(&b, "via_var", 4, 0);
    builder_function(&b, "apply", 5, 0);
    builder_function(&b, "applied", 6, 0);
    builder_function(&b, "unrelated", 7, 0);
    /* static struct cmd table[] = { {"get", on_get}, {"set", on_set} }; */
    builder_store(&b, NULL, 10, builder_field_value(&b, "cmd", "fn"), builder_function_value("on_get"));
    builder_store(&b, NULL, 10, builder_field_value(&b, "cmd", "fn"), builder_function_value("on_set"));
    /* handler_t h = via_var; h(); */
    builder_store(&b, "dispatch", 11, builder_var_value("h"), builder_function_value("via_var"));
    builder_call(&b, "dispatch", 12, builder_field_value(&b, "cmd", "fn"), 0);
    builder_call(&b, "dispatch", 13, builder_var_value("h"), 0);
    /* apply(applied): apply calls its parameter 0 */
    builder_call(&b, "dispatch", 14, builder_function_value("apply"), 1, builder_function_value("applied"), "applied");
    builder_call(&b, "apply", 15, builder_param_value("apply", 0), 0);
    assert_int_equal(builder_end_tu(&b), 0);
    assert_int_equal(builder_link(&b), 0);
    assert_true(has_target(&b, "dispatch", "on_get"));
    assert_true(has_target(&b, "dispatch", "on_set"));
    assert_true(has_target(&b, "dispatch", "via_var"));
    assert_true(has_target(&b, "apply", "applied"));
    assert_false(has_target(&b, "dispatch", "unrelated"));
    assert_false(has_target(&b, "apply", "on_get"));
    builder_free(&b);
}

static void test_registrations_by_argument_field_and_wrapper(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, rules);
    builder_tu(&b, "main.c");
    builder_function(&b, "main", 1, 0);
    builder_function(&b, "on_tick", 2, 0);
    builder_function(&b, "on_io", 3, 0);
    builder_function(&b, "start_timer", 4, 0);
    builder_function(&b, "wrapped_tick", 5, 0);
    builder_function(&b, "work", 6, 0);
    builder_function(&b, "done", 7, 0);
    builder_function(&b, "annotated", 8, LC_ANNOT_ASYNC);
    builder_call(&b, "main", 20, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value("on_tick"), "on_tick");
    builder_store(&b, "main", 21, builder_field_value(&b, "watcher", "cb"), builder_function_value("on_io"));
    /* start_timer(cb) { timer_start(&t, cb); }  main: start_timer(wrapped_tick) */
    builder_call(&b, "start_timer", 22, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_param_value("start_timer", 0), "cb");
    builder_call(&b, "main", 23, builder_function_value("start_timer"), 1, builder_function_value("wrapped_tick"),
                 "wrapped_tick");
    builder_call(&b, "main", 24, builder_function_value("test_queue_work"), 4, builder_other_value(), "loop",
                 builder_other_value(), "&req", builder_function_value("work"), "work",
                 builder_function_value("done"), "done");
    assert_int_equal(builder_end_tu(&b), 0);
    assert_int_equal(builder_link(&b), 0);
    const char *api = NULL;
    assert_true(entry_role(&b, "on_tick", LC_ROLE_LOOP, &api));
    assert_string_equal(api, "timer_start");
    assert_true(entry_role(&b, "on_io", LC_ROLE_LOOP, &api));
    assert_string_equal(api, "watcher.cb");
    assert_true(entry_role(&b, "wrapped_tick", LC_ROLE_LOOP, NULL));
    assert_true(entry_role(&b, "work", LC_ROLE_POOL, NULL));
    assert_false(entry_role(&b, "work", LC_ROLE_LOOP, NULL));
    assert_true(entry_role(&b, "done", LC_ROLE_LOOP, NULL));
    assert_true(entry_role(&b, "annotated", LC_ROLE_LOOP, &api));
    assert_null(api);
    assert_false(entry_role(&b, "main", LC_ROLE_LOOP, NULL));
    assert_false(entry_role(&b, "start_timer", LC_ROLE_LOOP, NULL));
    builder_free(&b);
}

static void test_pointer_with_too_many_targets_is_cut(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, rules);
    builder_tu(&b, "many.c");
    builder_function(&b, "caller", 1, 0);
    char name[32];
    for (int i = 0; i < 200; i++) {
        snprintf(name, sizeof name, "handler_%d", i);
        builder_function(&b, name, 2, 0);
        builder_store(&b, NULL, 3, builder_var_value("handlers"),
                      builder_function_value(lc_arena_strdup(&b.facts.arena, name)));
    }
    builder_call(&b, "caller", 4, builder_var_value("handlers"), 0);
    builder_function(&b, "few_caller", 5, 0);
    builder_store(&b, NULL, 6, builder_var_value("few"), builder_function_value("handler_0"));
    builder_call(&b, "few_caller", 7, builder_var_value("few"), 0);
    assert_int_equal(builder_end_tu(&b), 0);
    assert_int_equal(builder_link(&b), 0);
    assert_int_equal(b.program.cut_pointer_count, 1);
    assert_false(has_target(&b, "caller", "handler_0"));
    assert_true(has_target(&b, "few_caller", "handler_0"));
    builder_free(&b);
}

static void test_header_function_in_two_tus_counted_once(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, rules);
    for (int tu = 0; tu < 2; tu++) {
        builder_tu(&b, tu ? "b.c" : "a.c");
        /* static inline helper() in a shared header: same USR, same call */
        builder_function(&b, "helper", 1, 0);
        b.facts.functions[b.facts.function_count - 1].loc.file = "/shared/header.h";
        struct lc_call_fact *call;
        builder_call(&b, "helper", 2, builder_function_value("sleep"), 0);
        call = &b.facts.calls[b.facts.call_count - 1];
        call->loc.file = "/shared/header.h";
        assert_int_equal(builder_end_tu(&b), 0);
    }
    assert_int_equal(builder_link(&b), 0);
    uint32_t helper = builder_find(&b, "helper");
    assert_int_not_equal(helper, LC_NONE);
    assert_int_equal(b.program.functions[helper].call_count, 1);
    builder_free(&b);
}

/* `show(&stats)` in one TU, show() defined in another: a write of stats
 * only when show's definition may write through that parameter (its
 * param_writes); a function defined nowhere (a library's) writes. */
static void test_address_passed_to_another_tu(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, rules);
    builder_tu(&b, "show.c");
    const char *defined[] = { "show", "fill" };
    for (unsigned i = 0; i < 2; i++) {
        builder_function(&b, defined[i], 1 + i, 0);
        b.facts.functions[b.facts.function_count - 1].param_writes = i ? UINT32_MAX : ~1u;   /* show reads arg 0 */
    }
    assert_int_equal(builder_end_tu(&b), 0);
    builder_tu(&b, "main.c");
    builder_function(&b, "main", 10, 0);
    const char *callees[] = { "show", "fill", "library_fill", "show" };
    const int arguments[] = { 0, 0, 0, 1 };
    for (unsigned i = 0; i < 4; i++) {
        builder_access(&b, "main", 11 + i, "c:@stats", LC_ACCESS_WRITE, 0, NULL);
        b.facts.accesses[b.facts.access_count - 1].via_callee_usr = callees[i];
        b.facts.accesses[b.facts.access_count - 1].via_argument = arguments[i];
    }
    assert_int_equal(builder_end_tu(&b), 0);
    assert_int_equal(builder_link(&b), 0);
    enum lc_access_kind expected[] = { LC_ACCESS_READ, LC_ACCESS_WRITE, LC_ACCESS_WRITE, LC_ACCESS_WRITE };
    assert_int_equal(b.program.access_count, 4);
    for (unsigned i = 0; i < 4; i++)
        assert_int_equal(b.program.accesses[i].kind, expected[i]);
    builder_free(&b);
}

static void test_two_programs_each_keep_their_main(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, rules);
    for (int tu = 0; tu < 2; tu++) {
        const char *callback = tu ? "on_second" : "on_first";
        builder_tu(&b, tu ? "second.c" : "first.c");
        builder_function(&b, "main", 1, 0);
        builder_function(&b, callback, 2, 0);
        builder_call(&b, "main", 3, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                     builder_function_value(callback), callback);
        assert_int_equal(builder_end_tu(&b), 0);
    }
    assert_int_equal(builder_link(&b), 0);
    assert_true(entry_role(&b, "on_first", LC_ROLE_LOOP, NULL));
    assert_true(entry_role(&b, "on_second", LC_ROLE_LOOP, NULL));
    assert_int_equal(b.program.functions[builder_find(&b, "main")].call_count, 2);
    builder_free(&b);
}

/* Eight TUs stored out of path order (the loader reads the call table in
 * slices, one per core, and must give the same program as one reader):
 * each TU's calls stay grouped under their caller in stored order, a
 * header function defined by every TU keeps the calls of one, and calls
 * through a field and a parameter (whose record and index the slices keep
 * aside) are resolved; the field is named (`watcher.cb`) so its stores
 * register loop callbacks. */
static void test_calls_of_many_tus_in_path_order(void **state)
{
    (void)state;
    static const char *const files[] = { "h.c", "c.c", "f.c", "a.c", "g.c", "b.c", "e.c", "d.c" };
    struct builder b;
    builder_begin(&b, rules);
    for (int tu = 0; tu < 8; tu++) {
        char name[16];
        snprintf(name, sizeof name, "fn_%c", files[tu][0]);
        builder_tu(&b, files[tu]);
        builder_function(&b, "helper", 1, 0);
        b.facts.functions[b.facts.function_count - 1].loc.file = "/shared/header.h";
        builder_call(&b, "helper", 2, builder_function_value("sleep"), 0);
        b.facts.calls[b.facts.call_count - 1].loc.file = "/shared/header.h";
        builder_function(&b, name, 10, 0);
        for (unsigned line = 20; line < 20 + (unsigned)tu; line++)
            builder_call(&b, name, line, builder_function_value("helper"), 0);
        builder_call(&b, name, 40, builder_field_value(&b, "watcher", "cb"), 0);
        builder_call(&b, name, 41, builder_param_value(name, 1), 0);
        builder_store(&b, name, 42, builder_field_value(&b, "watcher", "cb"), builder_function_value(name));
        if (files[tu][0] == 'a') {   /* driver() { fn_a(0, target_a); } */
            builder_function(&b, "target_a", 50, 0);
            builder_function(&b, "driver", 51, 0);
            builder_call(&b, "driver", 52, builder_function_value("fn_a"), 2, builder_null_value(), "0",
                         builder_function_value("target_a"), "target_a");
        }
        assert_int_equal(builder_end_tu(&b), 0);
    }
    assert_int_equal(builder_link(&b), 0);
    assert_int_equal(b.program.functions[builder_find(&b, "helper")].call_count, 1);
    assert_int_equal(b.program.call_count, 1 + 1 + 8 * 2 + (0 + 1 + 2 + 3 + 4 + 5 + 6 + 7));
    for (int tu = 0; tu < 8; tu++) {
        char name[16];
        snprintf(name, sizeof name, "fn_%c", files[tu][0]);
        const struct lc_program_function *fn = &b.program.functions[builder_find(&b, name)];
        assert_int_equal(fn->call_count, tu + 2);
        for (uint32_t c = 0; c < fn->call_count; c++) {
            const struct lc_program_call *call = &b.program.calls[fn->first_call + c];
            assert_int_equal(call->caller, builder_find(&b, name));
            assert_int_equal(call->loc.line, c + 2 < fn->call_count ? 20 + c : 40 + (c + 1 - (fn->call_count - 1)));
            assert_non_null(strstr(call->loc.file, files[tu]));
        }
        assert_true(has_target(&b, name, "fn_a"));   /* every fn_X is stored into watcher.cb */
        assert_true(has_target(&b, name, "fn_h"));
        assert_true(entry_role(&b, name, LC_ROLE_LOOP, NULL));
    }
    assert_true(has_target(&b, "fn_a", "target_a"));
    assert_false(has_target(&b, "fn_b", "target_a"));
    builder_free(&b);
}

/* The call at `line` of `caller`'s calls. */
static uint32_t call_at(struct builder *b, const char *caller, unsigned line)
{
    const struct lc_program_function *fn = &b->program.functions[builder_find(b, caller)];
    for (uint32_t c = fn->first_call; c < fn->first_call + fn->call_count; c++)
        if (b->program.calls[c].loc.line == line)
            return c;
    return LC_NONE;
}

static void test_rare_call_facts_in_extras(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, rules);
    builder_tu(&b, "rare.c");
    builder_function(&b, "a", 1, 0);
    builder_function(&b, "b", 2, 0);
    /* a's and b's calls interleaved: grouping by caller moves them */
    builder_call(&b, "a", 10, builder_function_value("x"), 0);
    builder_call(&b, "b", 20, builder_function_value("y"), 1, builder_other_value(), "v / 10");
    b.facts.calls[1].zero_guard = 0;
    b.facts.calls[1].param_guard = (struct lc_param_guard){ .param = 2, .test = LC_PARAM_TEST_GE | LC_PARAM_TEST_UNSIGNED, .value = -7 };
    b.facts.calls[1].scaled_args = 1;
    builder_call(&b, "a", 11, builder_function_value("z"), 0);
    b.facts.calls[2].after_comma = 0;
    b.facts.calls[2].element_args = 4;
    b.facts.calls[2].branch_exit = 3;
    builder_call(&b, "a", 12, builder_function_value("w"), 0);
    assert_int_equal(builder_end_tu(&b), 0);
    assert_int_equal(builder_link(&b), 0);
    assert_true(sizeof(struct lc_program_call) <= 72);

    uint32_t plain = call_at(&b, "a", 10), comma = call_at(&b, "a", 11), last = call_at(&b, "a", 12);
    uint32_t guarded = call_at(&b, "b", 20);
    assert_true(plain != LC_NONE && comma != LC_NONE && last != LC_NONE && guarded != LC_NONE);
    const struct lc_program_call *calls = b.program.calls;
    assert_int_equal(calls[plain].extra, LC_NONE);
    assert_int_equal(calls[last].extra, LC_NONE);
    const struct lc_program_call_extra *none = lc_program_call_extra_of(&b.program, &calls[plain]);
    assert_int_equal(none->zero_guard, LC_NONE);
    assert_int_equal(none->after_comma, LC_NONE);
    assert_int_equal(none->branch_exit, LC_NONE);
    assert_int_equal(none->guard_count, 0);
    assert_int_equal(none->param_guard.param, 0);
    assert_int_equal(none->scaled_args | none->element_args, 0);

    const struct lc_program_call_extra *extra = lc_program_call_extra_of(&b.program, &calls[comma]);
    assert_int_not_equal(calls[comma].extra, LC_NONE);
    assert_int_equal(extra->after_comma, plain);
    assert_int_equal(extra->branch_exit, last);
    assert_int_equal(extra->element_args, 4);
    assert_int_equal(extra->zero_guard, LC_NONE);

    extra = lc_program_call_extra_of(&b.program, &calls[guarded]);
    assert_int_equal(extra->zero_guard, plain);
    assert_int_equal(extra->param_guard.param, 2);
    assert_int_equal(extra->param_guard.test, LC_PARAM_TEST_GE | LC_PARAM_TEST_UNSIGNED);
    assert_int_equal(extra->param_guard.value, -7);
    assert_int_equal(extra->scaled_args, 1);
    assert_int_equal(extra->after_comma, LC_NONE);
    builder_free(&b);
}

/* session_new(conn) keeps conn in session.conn.  engine.session holds,
 * through the local `fake`, only session_new(NULL): a test of conn fails
 * for it.  spare.session holds a session made with a connection of some
 * kind, and server.session one made by another function: unknown. */
static void test_made_objects(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, rules);
    builder_tu(&b, "made.c");
    builder_function(&b, "session_new", 1, 0);
    builder_function(&b, "setup", 2, 0);
    builder_function(&b, "user", 3, 0);
    struct lc_store_fact *made = lc_tu_facts_add_store(&b.facts);
    *made = (struct lc_store_fact){ .role = LC_STORE_MADE, .target = builder_field_value(&b, "session", "conn"),
                                    .value = builder_param_value("session_new", 0), .in_function_usr = "session_new",
                                    .loc = builder_loc(&b, 5) };
    builder_call(&b, "setup", 10, builder_function_value("session_new"), 1, builder_null_value(), "NULL");
    builder_store(&b, "setup", 10, builder_var_value("fake"),
                  (struct lc_value){ .kind = LC_VALUE_CALL, .usr = "session_new", .name = "session_new",
                                     .call_index = 0 });
    struct lc_store_fact *object = lc_tu_facts_add_store(&b.facts);
    *object = (struct lc_store_fact){ .role = LC_STORE_OBJECT, .target = builder_field_value(&b, "engine", "session"),
                                      .value = builder_var_value("fake"), .in_function_usr = "setup",
                                      .loc = builder_loc(&b, 11) };
    builder_call(&b, "setup", 12, builder_function_value("session_new"), 1, builder_other_value(), "&peer");
    builder_store(&b, "setup", 12, builder_field_value(&b, "spare", "session"),
                  (struct lc_value){ .kind = LC_VALUE_CALL, .usr = "session_new", .name = "session_new",
                                     .call_index = 1 });
    builder_call(&b, "setup", 13, builder_function_value("zalloc"), 0);
    builder_store(&b, "setup", 13, builder_field_value(&b, "server", "session"),
                  (struct lc_value){ .kind = LC_VALUE_CALL, .usr = "zalloc", .name = "zalloc", .call_index = 2 });
    builder_call(&b, "user", 20, builder_function_value("session_close"), 1,
                 builder_field_value(&b, "engine", "session"), "engine.session");
    builder_call(&b, "user", 21, builder_function_value("session_close"), 1,
                 builder_field_value(&b, "spare", "session"), "spare.session");
    builder_call(&b, "user", 22, builder_function_value("session_close"), 1,
                 builder_field_value(&b, "server", "session"), "server.session");
    assert_int_equal(builder_end_tu(&b), 0);
    assert_int_equal(builder_link(&b), 0);

    const struct lc_program *program = &b.program;
    assert_int_equal(program->made_store_count, 1);
    assert_int_equal(program->object_store_count, 1);
    int64_t conn = lc_fpflow_node_names(program, program->made_stores[0].target_node).symbol_id;
    struct lc_param_guard if_conn = { .param = 1, .test = LC_PARAM_TEST_NE, .value = 0, .field_symbol = conn };
    struct lc_param_guard no_conn = { .param = 1, .test = LC_PARAM_TEST_EQ, .value = 0, .field_symbol = conn };
    struct lc_param_guard plain = { .param = 1, .test = LC_PARAM_TEST_NE, .value = 0 };
    const struct lc_program_call *engine = &program->calls[call_at(&b, "user", 20)];
    const struct lc_program_call *spare = &program->calls[call_at(&b, "user", 21)];
    const struct lc_program_call *server = &program->calls[call_at(&b, "user", 22)];
    assert_true(lc_param_guard_fails(program, &if_conn, &program->args[engine->first_arg]));
    assert_false(lc_param_guard_fails(program, &no_conn, &program->args[engine->first_arg]));
    assert_false(lc_param_guard_fails(program, &plain, &program->args[engine->first_arg]));   /* not NULL itself */
    assert_false(lc_param_guard_fails(program, &if_conn, &program->args[spare->first_arg]));
    assert_false(lc_param_guard_fails(program, &if_conn, &program->args[server->first_arg]));
    /* Asked again: the kept answer. */
    assert_true(lc_param_guard_fails(program, &if_conn, &program->args[engine->first_arg]));
    builder_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calls_through_fields_vars_and_params),
        cmocka_unit_test(test_registrations_by_argument_field_and_wrapper),
        cmocka_unit_test(test_pointer_with_too_many_targets_is_cut),
        cmocka_unit_test(test_header_function_in_two_tus_counted_once),
        cmocka_unit_test(test_address_passed_to_another_tu),
        cmocka_unit_test(test_two_programs_each_keep_their_main),
        cmocka_unit_test(test_calls_of_many_tus_in_path_order),
        cmocka_unit_test(test_rare_call_facts_in_extras),
        cmocka_unit_test(test_made_objects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
