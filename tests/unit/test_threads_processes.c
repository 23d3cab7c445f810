/* test_threads_processes.c — a test runner whose tests each run in a
 * process of their own (`process-main run_test_*`), over a hand-built
 * program (threads_case.h; no data files): what different tests' threads
 * touch never races, one test's two threads do; without the model all
 * race. */
#include "threads_case.h"

/* A test runner whose tests each run in a process of their own
 * (`process-main run_test_*`): a counter bumped by one test's timer and
 * another test's pool job, and an allocator hook one test installs, which
 * a library function every test calls runs through a pointer, never meet;
 * the test that has both a timer and a pool job does race.  Without the
 * model, all three race. */
static void build_test_runner(struct threads_case *c, const char *rules_text)
{
    builder_begin(&c->b, rules_text);
    builder_tu(&c->b, "runner.c");
    builder_function(&c->b, "main", 1, 0);
    const char *names[] = { "run_part", "run_test_timer", "run_test_pool", "run_test_both", "on_tick",
                            "add_work", "on_both_tick", "both_work", "bump_shared", "set_hook", "my_hook",
                            "lib_alloc", "runner_log" };
    for (unsigned i = 0; i < sizeof names / sizeof *names; i++)
        builder_function(&c->b, names[i], 2 + i, 0);
    builder_call(&c->b, "main", 20, builder_function_value("run_part"), 0);
    builder_call(&c->b, "main", 21, builder_function_value("runner_log"), 0);
    for (unsigned i = 1; i <= 3; i++)   /* the task table: a global initializer */
        builder_store(&c->b, NULL, 22, builder_field_value(&c->b, "task", "main"), builder_function_value(names[i]));
    builder_call(&c->b, "run_part", 23, builder_field_value(&c->b, "task", "main"), 0);
    builder_call(&c->b, "run_test_timer", 24, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value("on_tick"), "on_tick");
    builder_call(&c->b, "run_test_pool", 25, builder_function_value("set_hook"), 1,
                 builder_function_value("my_hook"), "my_hook");
    builder_store(&c->b, "set_hook", 26, builder_field_value(&c->b, "allocator", "hook"),
                  builder_param_value("set_hook", 0));
    builder_call(&c->b, "run_test_pool", 27, builder_function_value("test_queue_work"), 4, builder_other_value(), "l",
                 builder_other_value(), "r", builder_function_value("add_work"), "add_work", builder_null_value(),
                 "NULL");
    builder_call(&c->b, "run_test_both", 28, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value("on_both_tick"), "on_both_tick");
    builder_call(&c->b, "run_test_both", 29, builder_function_value("test_queue_work"), 4, builder_other_value(), "l",
                 builder_other_value(), "r", builder_function_value("both_work"), "both_work", builder_null_value(),
                 "NULL");
    builder_call(&c->b, "lib_alloc", 30, builder_field_value(&c->b, "allocator", "hook"), 0);
    const char *workers[] = { "on_tick", "add_work" };
    for (unsigned i = 0; i < 2; i++) {
        builder_call(&c->b, workers[i], 31, builder_function_value("bump_shared"), 0);
        builder_call(&c->b, workers[i], 32, builder_function_value("lib_alloc"), 0);
        builder_call(&c->b, workers[i], 33, builder_function_value("runner_log"), 0);
    }
    builder_access(&c->b, "bump_shared", 40, "c:@shared", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c->b, "my_hook", 41, "c:@hooked", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c->b, "runner_log", 42, "c:@logged", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c->b, "on_both_tick", 43, "c:@both", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c->b, "both_work", 44, "c:@both", LC_ACCESS_READ, 0, NULL);
    run(c);
}

static void test_process_per_test(void **state)
{
    (void)state;
    struct threads_case c;
    char *with_processes = NULL;
    assert_true(asprintf(&with_processes, "%sprocess-main run_test_*\n", rules) > 0);
    build_test_runner(&c, with_processes);
    assert_non_null(at_line(&c, 43));   /* one test, two threads */
    assert_int_equal(c.findings.count, 1);
    finish(&c);
    free(with_processes);
    build_test_runner(&c, rules);
    assert_non_null(at_line(&c, 40));
    assert_non_null(at_line(&c, 41));
    assert_non_null(at_line(&c, 42));
    assert_non_null(at_line(&c, 43));
    assert_int_equal(c.findings.count, 4);
    finish(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_process_per_test),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
