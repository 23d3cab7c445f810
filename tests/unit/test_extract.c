/* test_extract.c — the libclang AST walker (extract*.c) on the small C
 * files of tests/unit/data/extract/: functions and annotations (also
 * declarations that they never return), direct and
 * indirect calls, static functions of two files, argument values and texts
 * (an int a pointer parameter points to, flowing as the parameter).
 * Stores are tested in test_extract_stores.c, parsing in
 * test_extract_parse.c. */
#include "extract_fixture.h"

static void test_functions_and_annotations(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "calls.c"), 0);
    assert_null(test->facts.error);
    assert_string_equal(test->facts.path, test->file);

    const struct lc_function_fact *prototype = find_function(&test->facts, "on_timer", 0);
    const struct lc_function_fact *definition = find_function(&test->facts, "on_timer", 1);
    char header[PATH_MAX + 64];
    snprintf(header, sizeof header, "%s/calls.h", test->directory);
    assert_string_equal(prototype->loc.file, header);
    assert_int_equal(prototype->annotations, LC_ANNOT_ASYNC);
    /* The definition in calls.c inherits the header's annotation. */
    assert_string_equal(definition->loc.file, test->file);
    assert_int_equal(definition->loc.line, line_of(test->file, "void on_timer(int status)"));
    assert_int_equal(definition->loc.col, 6);
    assert_int_equal(definition->annotations, LC_ANNOT_ASYNC);
    assert_string_equal(definition->usr, prototype->usr);
    assert_false(definition->is_static);

    assert_int_equal(find_function(&test->facts, "worker_job", 1)->annotations, LC_ANNOT_WORKER);
    assert_int_equal(find_function(&test->facts, "worker_job", 0)->annotations, 0);
    assert_int_equal(find_function(&test->facts, "blocking_flush", 1)->annotations,
                     LC_ANNOT_BLOCKING);
    assert_int_equal(find_function(&test->facts, "table_lookup_small", 0)->annotations, LC_ANNOT_CHEAP);
    const struct lc_function_fact *helper = find_function(&test->facts, "helper", 1);
    assert_true(helper->is_static);
    assert_non_null(strstr(helper->usr, test->file));   /* qualified by its path */

    int header_listed = 0;
    for (size_t i = 0; i < test->facts.included_count; i++)
        header_listed |= strcmp(test->facts.included_files[i], header) == 0;
    assert_true(header_listed);
}

static void test_noreturn_declarations(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "noreturn.c"), 0);
    assert_int_equal(find_function(&test->facts, "gnu_attribute", 0)->annotations, LC_ANNOT_NORETURN);
    assert_int_equal(find_function(&test->facts, "gnu_macro", 0)->annotations, LC_ANNOT_NORETURN);
    assert_int_equal(find_function(&test->facts, "gnu_macro", 1)->annotations, LC_ANNOT_NORETURN);
    assert_int_equal(find_function(&test->facts, "c11_specifier", 0)->annotations, LC_ANNOT_NORETURN);
    assert_int_equal(find_function(&test->facts, "analyzer_only", 0)->annotations, LC_ANNOT_NORETURN);
    assert_int_equal(find_function(&test->facts, "with_format", 0)->annotations, LC_ANNOT_NORETURN);
    assert_int_equal(find_function(&test->facts, "returns", 0)->annotations, LC_ANNOT_COLD);   /* cold, returns */
}

static void test_returns_before_a_call(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "noreturn.c"), 0);
    const struct lc_call_fact *call = find_call_at(test, "after_guarded_return", "finish");
    assert_int_equal(call->runs, LC_RUNS_UNLESS_RETURNED);
    assert_int_equal(call->returned_guard.param, 2);   /* `if (stream) return 1;` */
    assert_int_equal(call->returned_guard.test, LC_PARAM_TEST_NE);
    assert_int_equal(call->returned_guard.value, 0);
    assert_int_equal(find_call_at(test, "after_mixed_returns", "finish")->returned_guard.param, 0);
    call = find_call_at(test, "after_negated_return", "finish");
    assert_int_equal(call->returned_guard.param, 1);
    assert_int_equal(call->returned_guard.test, LC_PARAM_TEST_EQ);   /* `if (!stream) return 0;` */
}

static void test_errors_asserted_away(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "noreturn.c"), 0);
    assert_int_equal(find_call_at(test, "error_call", "note_failure")->error_return, 1);
    assert_int_equal(find_call_at(test, "not_error_call", "note_failure")->error_return, 0);
    unsigned line = line_of(test->file, "error_access");
    int accesses = 0;
    for (size_t i = 0; i < test->facts.access_count; i++)
        if (test->facts.accesses[i].loc.line == line) {
            assert_int_equal(test->facts.accesses[i].error_return, 1);
            accesses++;
        }
    assert_int_equal(accesses, 1);
    /* `int r = setup(fd); CHECK(r == 0);`: a non-zero result ends in finish(9) */
    const struct lc_call_fact *tested = find_call_at(test, "tested_call", "setup");
    assert_true(tested->nonzero_exit >= 0);
    assert_string_equal(test->facts.calls[tested->nonzero_exit].callee.name, "finish");
    /* a return between the call and the test: no */
    assert_int_equal(find_call_at(test, "late_tested_call", "setup")->nonzero_exit, -1);
}

static void test_direct_and_macro_calls(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "calls.c"), 0);
    const char *dispatch_usr = find_function(&test->facts, "dispatch", 1)->usr;
    const char *helper_usr = find_function(&test->facts, "helper", 1)->usr;

    /* FLUSH(helper(10)) expands to blocking_flush(helper(10)). */
    unsigned macro_line = line_of(test->file, "FLUSH(helper(10));");
    const struct lc_call_fact *inner = find_call_by_int_arg(&test->facts, 10);
    assert_value(&inner->callee, LC_VALUE_FUNCTION, "helper");
    assert_string_equal(inner->callee.usr, helper_usr);
    assert_int_equal(inner->loc.line, macro_line);
    assert_int_equal(inner->loc.col, 11);
    int found_flush = 0;
    for (size_t i = 0; i < test->facts.call_count; i++) {
        const struct lc_call_fact *call = &test->facts.calls[i];
        assert_string_equal(call->caller_usr, dispatch_usr);
        if (call->callee.name && strcmp(call->callee.name, "blocking_flush") == 0) {
            found_flush = 1;
            assert_int_equal(call->loc.line, macro_line);
            assert_int_equal(call->loc.col, 5);
            assert_string_equal(call->loc.file, test->file);
            assert_int_equal(call->nargs, 1);
            assert_string_equal(call->arg_texts[0], "helper ( 10 )");
        }
    }
    assert_true(found_flush);

    /* helper(helper(11)) in a nested block: both calls, inner one by value. */
    const struct lc_call_fact *innermost = find_call_by_int_arg(&test->facts, 11);
    assert_int_equal(innermost->loc.line, line_of(test->file, "helper(helper(11))"));
    size_t helper_calls = 0;
    for (size_t i = 0; i < test->facts.call_count; i++)
        helper_calls += test->facts.calls[i].callee.usr &&
                        strcmp(test->facts.calls[i].callee.usr, helper_usr) == 0;
    assert_int_equal(helper_calls, 3);
    assert_int_equal(test->facts.call_count, 13);
}

static void test_indirect_calls(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "calls.c"), 0);
    const char *dispatch_usr = find_function(&test->facts, "dispatch", 1)->usr;
    const struct lc_value *callee;

    callee = &find_call_by_int_arg(&test->facts, 1)->callee;      /* s.on_read(1) */
    assert_value(callee, LC_VALUE_FIELD, "on_read");
    assert_string_equal(callee->record, "ops");
    assert_string_equal(callee->usr, "c:@S@ops@FI@on_read");
    callee = &find_call_by_int_arg(&test->facts, 2)->callee;      /* p->on_close(2) */
    assert_value(callee, LC_VALUE_FIELD, "on_close");
    assert_string_equal(callee->record, "ops");
    callee = &find_call_by_int_arg(&test->facts, 3)->callee;      /* entries[i].handler(3) */
    assert_value(callee, LC_VALUE_FIELD, "handler");
    assert_string_equal(callee->record, "entry");
    callee = &find_call_by_int_arg(&test->facts, 4)->callee;      /* handlers[i](4) */
    assert_value(callee, LC_VALUE_VAR, "handlers");
    callee = &find_call_by_int_arg(&test->facts, 5)->callee;      /* local(5) */
    assert_value(callee, LC_VALUE_VAR, "local");
    callee = &find_call_by_int_arg(&test->facts, 6)->callee;      /* global_handler(6) */
    assert_value(callee, LC_VALUE_VAR, "global_handler");
    assert_string_equal(callee->usr, "c:@global_handler");
    for (long long value = 7; value <= 8; value++) {              /* cb(7), (*cb)(8) */
        callee = &find_call_by_int_arg(&test->facts, value)->callee;
        assert_value(callee, LC_VALUE_PARAM, "cb");
        assert_int_equal(callee->param_index, 3);
        assert_string_equal(callee->usr, dispatch_usr);
    }
    callee = &find_call_by_int_arg(&test->facts, 9)->callee;      /* a.run(9) */
    assert_value(callee, LC_VALUE_FIELD, "run");
    assert_string_equal(callee->record, "anon_ops");
}

static void test_static_functions_of_two_files_differ(void **state)
{
    struct extract_test *test = *state;
    const char *usrs[2];
    const char *const files[2] = { "one/util.c", "two/util.c" };
    for (int i = 0; i < 2; i++) {
        lc_tu_facts_free(&test->facts);
        lc_tu_facts_init(&test->facts);
        assert_int_equal(extract(test, files[i]), 0);
        const struct lc_function_fact *helper = find_function(&test->facts, "helper", 1);
        assert_true(helper->is_static);
        assert_int_equal(test->facts.call_count, 1);
        assert_string_equal(test->facts.calls[0].callee.usr, helper->usr);
        usrs[i] = strdup(helper->usr);
        assert_non_null(usrs[i]);
    }
    assert_string_not_equal(usrs[0], usrs[1]);
    free((char *)usrs[0]);
    free((char *)usrs[1]);
}

static void test_argument_values_and_texts(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "args.c"), 0);
    const struct lc_tu_facts *facts = &test->facts;
    assert_int_equal(facts->call_count, 6);

    const struct lc_call_fact *call = &facts->calls[0];   /* uv_fs_open(..., NULL) */
    assert_value(&call->callee, LC_VALUE_FUNCTION, "uv_fs_open");
    assert_int_equal(call->nargs, 6);
    assert_value(&call->args[0], LC_VALUE_PARAM, "loop");
    assert_int_equal(call->args[1].param_index, 1);
    assert_int_equal(call->args[2].kind, LC_VALUE_STRING);
    assert_string_equal(call->arg_texts[2], "\"x\"");
    assert_int_equal(call->args[3].kind, LC_VALUE_INT);
    assert_int_equal(call->args[3].int_value, 0);
    assert_string_equal(call->arg_texts[3], "O_RDONLY");
    assert_int_equal(call->args[4].kind, LC_VALUE_INT);
    assert_int_equal(call->args[5].kind, LC_VALUE_NULL);
    assert_string_equal(call->arg_texts[5], "NULL");

    call = &facts->calls[1];   /* uv_fs_open(..., on_open) */
    assert_int_equal(call->args[3].int_value, 0100);
    assert_string_equal(call->arg_texts[3], "O_RDONLY | 0100");
    assert_int_equal(call->args[4].int_value, 0644);
    assert_value(&call->args[5], LC_VALUE_FUNCTION, "on_open");

    call = &facts->calls[2];   /* send_msg(fd, buf, sizeof buf, MSG_DONTWAIT) */
    assert_int_equal(call->args[2].int_value, sizeof(char *));
    assert_string_equal(call->arg_texts[2], "sizeof buf");
    assert_int_equal(call->args[3].int_value, 0x40);
    assert_string_equal(call->arg_texts[3], "MSG_DONTWAIT");

    call = &facts->calls[3];   /* send_msg(fd, (void *)0, 0, LEVEL_HIGH) */
    assert_int_equal(call->args[1].kind, LC_VALUE_NULL);
    assert_string_equal(call->arg_texts[1], "( void * ) 0");
    assert_int_equal(call->args[2].kind, LC_VALUE_INT);
    assert_int_equal(call->args[3].int_value, 7);

    call = &facts->calls[4];   /* send_msg(fd, buf, 1, fd & MSG_DONTWAIT) */
    assert_int_equal(call->args[3].kind, LC_VALUE_OTHER);
    assert_string_equal(call->arg_texts[3], "fd & MSG_DONTWAIT");

    /* OPEN_SYNC(loop, req, "y"): the call is in the macro body, so its
     * arguments read as written there, parameters as written at the use. */
    call = &facts->calls[5];
    assert_int_equal(call->loc.line, line_of(test->file, "OPEN_SYNC(loop, req, \"y\");"));
    assert_string_equal(call->arg_texts[0], "loop");
    assert_string_equal(call->arg_texts[2], "\"y\"");
    assert_string_equal(call->arg_texts[3], "O_RDONLY");
    assert_int_equal(call->args[5].kind, LC_VALUE_NULL);
    assert_string_equal(call->arg_texts[5], "NULL");
}

/* `fcntl(*fd, ...)` with fd a pointer parameter: what fd points to
 * (flowing as fd); an int reached any other way through a pointer is not.
 * And `*write_end = w`, a store into what a pointer parameter points to. */
static void test_pointee_of_parameter(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "pointee_args.c"), 0);
    const struct lc_call_fact *call = find_call_at(test, "set_flags", "fcntl");
    assert_value(&call->args[0], LC_VALUE_POINTEE, "fd");
    assert_int_equal(call->args[0].param_index, 0);
    const char *others[] = { "twice_removed", "sum_of_pointee", "global_pointee", "element_of_param" };
    for (unsigned i = 0; i < 4; i++)
        assert_int_equal(find_call_at(test, others[i], "use")->args[0].kind, LC_VALUE_OTHER);
    call = find_call_at(test, "plain_param", "use");
    assert_value(&call->args[0], LC_VALUE_PARAM, "n");
    assert_int_equal(call->args[0].param_index, 2);

    /* `*write_end = w` stores into what the parameter points to; a store
     * two pointers away, and a constant, record nothing. */
    unsigned out = line_of(test->file, "out_store"), twice = line_of(test->file, "twice_removed_store"),
             constant = line_of(test->file, "constant_store");
    int found = 0;
    for (size_t i = 0; i < test->facts.store_count; i++) {
        const struct lc_store_fact *store = &test->facts.stores[i];
        assert_int_not_equal(store->loc.line, twice);
        assert_int_not_equal(store->loc.line, constant);
        if (store->loc.line != out)
            continue;
        found = 1;
        assert_value(&store->target, LC_VALUE_POINTEE, "write_end");
        assert_int_equal(store->target.param_index, 1);
        assert_value(&store->value, LC_VALUE_VAR, "w");
    }
    assert_true(found);
}

/* `*tmp`, tmp holding an object's address, is that object; a parameter
 * set to NULL after its last read, outside any loop, is not changed for
 * the calls before (extract_param_changes.c). */
static void test_cleared_parameters(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "freed_through.c"), 0);
    const struct lc_call_fact *call = find_call_at(test, "at_field_through", "list_free_");
    assert_value(&call->args[0], LC_VALUE_FIELD, "routers");
    call = find_call_at(test, "at_param_through", "free");
    assert_value(&call->args[0], LC_VALUE_PARAM, "l");
    assert_int_equal(call->changed_param_args, 0);
    assert_int_equal(find_call_at(test, "at_cleared_after", "free")->changed_param_args, 0);
    const char *changed[] = { "at_cleared_before", "at_read_after_clear", "at_cleared_in_loop", "at_alias_escapes",
                              "at_set_elsewhere", "at_set_through_alias" };
    for (unsigned i = 0; i < sizeof changed / sizeof changed[0]; i++)
        assert_int_equal(find_call_at(test, changed[i], "free")->changed_param_args, 1);
}

/* `__attribute__((cold))` and `_Noreturn`, also spelled through a macro
 * a header defines (extract_annotations.c). */
static void test_cold_and_noreturn_macros(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "cold_paths.c"), 0);
    assert_int_equal(find_function(&test->facts, "recover_through_macro", 0)->annotations, LC_ANNOT_COLD);
    assert_int_equal(find_function(&test->facts, "recover_through_macro", 1)->annotations, LC_ANNOT_COLD);
    assert_int_equal(find_function(&test->facts, "recover_direct", 1)->annotations, LC_ANNOT_COLD);
    assert_int_equal(find_function(&test->facts, "recover_not_inlined", 1)->annotations, LC_ANNOT_COLD);
    assert_int_equal(find_function(&test->facts, "stop_through_macro", 0)->annotations, LC_ANNOT_NORETURN);
    assert_int_equal(find_function(&test->facts, "plain", 1)->annotations, 0);
}

/* Calls in a branch `__builtin_expect` says is unlikely taken
 * (extract_fail_guards.c). */
static void test_unlikely_branches(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "unlikely.c"), 0);
    const char *rare[] = { "at_unlikely_then", "at_likely_else", "at_nested_and", "at_not_likely",
                           "at_chained_unlikely", "at_ternary_then", "at_and_right", "at_or_right" };
    for (unsigned i = 0; i < sizeof rare / sizeof rare[0]; i++)
        assert_int_equal(find_call_at(test, rare[i], "grow")->unlikely, 1);
    const char *usual[] = { "at_unlikely_else", "at_likely_then", "at_either_then", "at_plain_then",
                            "at_chained_rest", "at_ternary_else", "at_plain_and", "at_after" };
    for (unsigned i = 0; i < sizeof usual / sizeof usual[0]; i++)
        assert_int_equal(find_call_at(test, usual[i], "use")->unlikely, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_functions_and_annotations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_noreturn_declarations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_returns_before_a_call, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors_asserted_away, setup, teardown),
        cmocka_unit_test_setup_teardown(test_direct_and_macro_calls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_indirect_calls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_static_functions_of_two_files_differ, setup, teardown),
        cmocka_unit_test_setup_teardown(test_argument_values_and_texts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pointee_of_parameter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cleared_parameters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cold_and_noreturn_macros, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unlikely_branches, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
