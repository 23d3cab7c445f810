/* test_linking_pointers.c — function-pointer flow and registrations when
 * a program is linked, over hand-built programs (linking_case.h; no data
 * files): calls through fields, variables and parameters; registration by
 * argument, by field and through wrappers, and offload roles; a pointer
 * with too many targets cut, and what it flows into with it. */
#include "linking_case.h"

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

/* A parameter cut before its functions all flowed on (`add(fn) { hook.func
 * = fn; }` called with 250 handlers): the field it flows into is cut too,
 * so a call through the field follows none of them instead of the ones
 * that got through before the cut. */
static void test_cut_flows_on(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, rules);
    builder_tu(&b, "hooks.c");
    builder_function(&b, "add", 1, 0);
    builder_function(&b, "emit", 2, 0);
    builder_function(&b, "setup", 3, 0);
    builder_store(&b, "add", 4, builder_field_value(&b, "hook", "func"), builder_param_value("add", 0));
    builder_call(&b, "emit", 5, builder_field_value(&b, "hook", "func"), 0);
    char name[32];
    for (int i = 0; i < 250; i++) {
        snprintf(name, sizeof name, "handler_%d", i);
        const char *handler = lc_arena_strdup(&b.facts.arena, name);
        builder_function(&b, handler, 10, 0);
        builder_call(&b, "setup", 11, builder_function_value("add"), 1, builder_function_value(handler), handler);
    }
    assert_int_equal(builder_end_tu(&b), 0);
    assert_int_equal(builder_link(&b), 0);
    assert_true(b.program.cut_pointer_count >= 2);   /* add's parameter and hook.func */
    assert_false(has_target(&b, "emit", "handler_0"));
    assert_false(has_target(&b, "emit", "handler_249"));
    builder_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calls_through_fields_vars_and_params),
        cmocka_unit_test(test_registrations_by_argument_field_and_wrapper),
        cmocka_unit_test(test_pointer_with_too_many_targets_is_cut),
        cmocka_unit_test(test_cut_flows_on),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
