/* test_threads_conditions.c — the context of each path into a function,
 * over hand-built programs (threads_case.h; no data files): tests of a mode
 * variable (a worker does not make a call under a test its own tests
 * contradict, unless it writes the variable), the functions passed for
 * function-pointer parameters, and the calls a constant argument cuts
 * (`if (conn)` given NULL). */
#include "threads_case.h"

/* The last call added runs where `variable` == (or !=) `value`. */
static void guarded_by(struct threads_case *c, const char *variable, int equal, long long value)
{
    struct lc_value_guard *guard = lc_arena_alloc(&c->b.facts.arena, sizeof *guard);
    *guard = (struct lc_value_guard){ variable, variable, equal, value, 0 };
    c->b.facts.calls[c->b.facts.call_count - 1].value_guards = (struct lc_value_guards){ guard, 1 };
}

static void test_mode_guards(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "io_job");
    on_pool(&c, "mode_switching_job");
    builder_function(&c.b, "parse", 6, 0);
    builder_function(&c.b, "execute", 7, 0);
    builder_call(&c.b, "io_job", 70, builder_function_value("parse"), 0);
    guarded_by(&c, "c:@mode", 1, 1);                                      /* if (mode == READ) */
    builder_call(&c.b, "mode_switching_job", 71, builder_function_value("parse"), 0);
    guarded_by(&c, "c:@mode", 1, 1);
    builder_call(&c.b, "parse", 72, builder_function_value("execute"), 0);
    guarded_by(&c, "c:@mode", 1, 0);                                      /* after `if (mode != IDLE) return;` */
    builder_call(&c.b, "on_tick", 73, builder_function_value("parse"), 0);
    builder_access(&c.b, "parse", 80, "c:@parsed", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "on_tick", 81, "c:@parsed", LC_ACCESS_READ, 0, NULL);
    builder_access(&c.b, "execute", 82, "c:@executed", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "mode_switching_job", 83, "c:@mode", LC_ACCESS_WRITE, 0, NULL);
    run(&c);
    assert_non_null(at_line(&c, 80));             /* parse runs on the jobs and the loop */
    struct lc_threads threads;
    assert_int_equal(lc_threads_compute(&c.b.program, &threads), 0);
    uint32_t execute = builder_find(&c.b, "execute"), parse = builder_find(&c.b, "parse");
    assert_int_equal(threads.function_role_count[parse], 3);
    /* The loop, and the job that writes the mode itself (its tests say
     * nothing); not io_job, which only reads it. */
    assert_int_equal(threads.function_role_count[execute], 2);
    for (uint8_t i = 0; i < threads.function_role_count[execute]; i++) {
        uint32_t role = threads.function_roles[(size_t)execute * LC_THREAD_ROLE_CAP + i];
        assert_true(role == LC_THREAD_ROLE_LOOP
                    || c.b.program.entries[threads.roles[role].entry].function
                           == builder_find(&c.b, "mode_switching_job"));
    }
    lc_threads_free(&threads);
    finish(&c);
}

static void test_function_pointer_parameters(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "clear_job");
    builder_function(&c.b, "clear", 6, 0);
    builder_function(&c.b, "clear_all", 7, 0);
    builder_function(&c.b, "progress", 8, 0);
    builder_function(&c.b, "count_entry", 9, 0);
    builder_call(&c.b, "clear", 90, builder_param_value("clear", 1), 1, builder_param_value("clear", 0), "t");
    /* clear_all(cb) passes its own parameter on: clear(t, cb). */
    builder_call(&c.b, "clear_all", 91, builder_function_value("clear"), 2, builder_other_value(), "t",
                 builder_param_value("clear_all", 0), "cb");
    builder_call(&c.b, "on_tick", 92, builder_function_value("clear"), 2, builder_other_value(), "t",
                 builder_function_value("progress"), "progress");
    builder_call(&c.b, "clear_job", 93, builder_function_value("clear"), 2, builder_other_value(), "t",
                 builder_null_value(), "NULL");
    builder_call(&c.b, "clear_job", 94, builder_function_value("clear_all"), 1, builder_function_value("count_entry"),
                 "count_entry");
    builder_access(&c.b, "progress", 100, "c:@ticks", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "on_tick", 101, "c:@ticks", LC_ACCESS_READ, 0, NULL);
    builder_access(&c.b, "count_entry", 102, "c:@counted", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "on_tick", 103, "c:@counted", LC_ACCESS_READ, 0, NULL);
    run(&c);
    assert_null(at_line(&c, 100));                /* the job never calls progress */
    assert_non_null(at_line(&c, 102));            /* it does call count_entry, through clear_all */
    assert_int_equal(c.findings.count, 1);
    finish(&c);
}

/* close_a and close_b count a closed connection only `if (conn)`: the pool
 * job passes NULL to close_a, so closed_a is the loop's alone; it passes
 * a connection to close_b, so closed_b is shared.  The thread roles follow
 * the call site's constant. */
static void test_calls_cut_by_constant_arguments(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "add_work");
    const char *names[2][3] = { { "close_a", "count_a", "c:@closed_a" }, { "close_b", "count_b", "c:@closed_b" } };
    for (unsigned i = 0; i < 2; i++) {
        builder_function(&c.b, names[i][0], 10 + 10 * i, 0);
        builder_function(&c.b, names[i][1], 15 + 10 * i, 0);
        builder_call(&c.b, names[i][0], 11 + 10 * i, builder_function_value(names[i][1]), 0);
        c.b.facts.calls[c.b.facts.call_count - 1].param_guard =
            (struct lc_param_guard){ .param = 1, .test = LC_PARAM_TEST_NE, .value = 0 };
        builder_access(&c.b, names[i][1], 16 + 10 * i, names[i][2], LC_ACCESS_WRITE, 0, NULL);
        builder_call(&c.b, "on_tick", 40 + i, builder_function_value(names[i][0]), 1, builder_other_value(), "conn");
    }
    builder_call(&c.b, "add_work", 50, builder_function_value("close_a"), 1, builder_null_value(), "NULL");
    builder_call(&c.b, "add_work", 51, builder_function_value("close_b"), 1, builder_other_value(), "spare");
    run(&c);
    assert_null(at_line(&c, 16));
    assert_non_null(at_line(&c, 26));
    assert_int_equal(c.findings.count, 1);
    struct lc_threads threads;
    assert_int_equal(lc_threads_compute(&c.b.program, &threads), 0);
    assert_int_equal(threads.function_role_count[builder_find(&c.b, "count_a")], 1);   /* the loop only */
    assert_int_equal(threads.function_role_count[builder_find(&c.b, "count_b")], 2);
    assert_int_equal(threads.function_role_count[builder_find(&c.b, "close_a")], 2);
    lc_threads_free(&threads);
    finish(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mode_guards),
        cmocka_unit_test(test_function_pointer_parameters),
        cmocka_unit_test(test_calls_cut_by_constant_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
