/* test_linking_call_facts.c — what linking keeps of a call's facts, over
 * hand-built programs (linking_case.h; no data files): the rarely set
 * facts in the side table of extras, their calls followed when the calls
 * are grouped by caller; and the field a constructor sets from a constant
 * argument, followed back from a field through a variable to the call
 * (made_objects.c); and the calls in a branch that handles an earlier
 * call's failure, as its `fails` model says (failure_paths.c). */
#include "linking_case.h"

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

/* sweep() calls report() at `line`, in a branch where what `test` says
 * holds of the result of its call number `guard`. */
static void report_under(struct builder *b, unsigned line, int guard, int test)
{
    builder_call(b, "sweep", line, builder_function_value("report"), 0);
    b->facts.calls[b->facts.call_count - 1].fail_guard = guard;
    b->facts.calls[b->facts.call_count - 1].fail_test = test;
}

/* close() fails with -1 (`fails close result=-1`), strcmp has no model:
 * a call where close's result was -1 (or negative) is on a failure path;
 * one where it was not 0 is not (the model says only that -1 fails, any
 * non-negative result succeeds), nor one under strcmp's result; malloc
 * fails with NULL. */
static void test_failure_paths(void **state)
{
    (void)state;
    static const char fails_rules[] = "fails close result=-1\nfails malloc result=null\n";
    struct builder b;
    builder_begin(&b, fails_rules);
    builder_tu(&b, "fail.c");
    builder_function(&b, "sweep", 1, 0);
    builder_call(&b, "sweep", 10, builder_function_value("close"), 0);
    report_under(&b, 11, 0, LC_RESULT_TEST_MINUS_ONE);
    report_under(&b, 12, 0, LC_RESULT_TEST_NEGATIVE);
    report_under(&b, 13, 0, LC_RESULT_TEST_NONZERO);
    builder_call(&b, "sweep", 14, builder_function_value("strcmp"), 0);
    report_under(&b, 15, 4, LC_RESULT_TEST_NONZERO);
    builder_call(&b, "sweep", 16, builder_function_value("malloc"), 0);
    report_under(&b, 17, 6, LC_RESULT_TEST_ZERO);
    report_under(&b, 18, 6, LC_RESULT_TEST_NONZERO);
    assert_int_equal(builder_end_tu(&b), 0);
    assert_int_equal(builder_link(&b), 0);

    const struct lc_program *program = &b.program;
    uint32_t close_call = call_at(&b, "sweep", 10);
    const struct lc_program_call *minus_one = &program->calls[call_at(&b, "sweep", 11)];
    assert_int_equal(lc_program_call_extra_of(program, minus_one)->fail_guard, close_call);
    assert_int_equal(lc_program_call_extra_of(program, minus_one)->fail_test, LC_RESULT_TEST_MINUS_ONE);
    assert_true(lc_program_call_on_failure_path(program, minus_one));
    assert_true(lc_program_call_on_failure_path(program, &program->calls[call_at(&b, "sweep", 12)]));
    assert_false(lc_program_call_on_failure_path(program, &program->calls[call_at(&b, "sweep", 13)]));
    assert_false(lc_program_call_on_failure_path(program, &program->calls[call_at(&b, "sweep", 15)]));
    assert_true(lc_program_call_on_failure_path(program, &program->calls[call_at(&b, "sweep", 17)]));
    assert_false(lc_program_call_on_failure_path(program, &program->calls[call_at(&b, "sweep", 18)]));
    assert_false(lc_program_call_on_failure_path(program, &program->calls[close_call]));
    builder_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rare_call_facts_in_extras),
        cmocka_unit_test(test_made_objects),
        cmocka_unit_test(test_failure_paths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
