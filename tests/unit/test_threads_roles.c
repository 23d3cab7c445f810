/* test_threads_roles.c — which threads run each function, and the locks
 * every caller holds on entry, with the unlocked-shared-state check over
 * hand-built programs (threads_case.h; no data files): the racy and the
 * locked counter, atomics, read-only data set up in main, a helper always
 * called under its caller's lock (also from its own cycle), worker-vs-worker
 * sharing, and a worker that dispatches loop callbacks through a pointer
 * (it runs a loop: the callbacks stay on the event loop). */
#include "threads_case.h"

static void test_racy_and_locked_counters(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "add_work");
    builder_access(&c.b, "main", 9, "c:@racy", LC_ACCESS_WRITE, 0, NULL);      /* before the loop */
    builder_access(&c.b, "add_work", 10, "c:@racy", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "on_tick", 11, "c:@racy", LC_ACCESS_READ, 0, NULL);
    builder_access(&c.b, "add_work", 20, "c:@locked", LC_ACCESS_WRITE, 0, mutex);
    builder_access(&c.b, "on_tick", 21, "c:@locked", LC_ACCESS_READ, 0, mutex);
    builder_access(&c.b, "add_work", 30, "c:@atomic", LC_ACCESS_WRITE, 1, NULL);
    builder_access(&c.b, "on_tick", 31, "c:@atomic", LC_ACCESS_READ, 1, NULL);
    builder_access(&c.b, "main", 40, "c:@config", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "add_work", 41, "c:@config", LC_ACCESS_READ, 0, NULL);
    builder_access(&c.b, "on_tick", 42, "c:@config", LC_ACCESS_READ, 0, NULL);
    run(&c);
    const struct lc_finding *racy = at_line(&c, 10);
    assert_non_null(racy);
    assert_string_equal(racy->rule_id, "unlocked-shared-state");
    assert_non_null(strstr(racy->message, "'c:@racy' is written by 'add_work' on worker 'add_work'"));
    assert_non_null(strstr(racy->message, "read by 'on_tick' on the event loop"));
    assert_int_equal(racy->chain_count, 1);       /* the offload itself */
    assert_int_equal(racy->chain[0].loc.line, 5);
    assert_true(racy->related_count >= 2);        /* loop chain + the read */
    assert_int_equal(c.findings.count, 1);
    finish(&c);
}

static void test_helper_called_under_lock_and_two_workers(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "add_work");
    on_pool(&c, "other_work");
    builder_function(&c.b, "bump", 6, 0);
    builder_call(&c.b, "add_work", 50, builder_function_value("bump"), 0);
    builder_call_locks(&c.b, mutex);
    builder_call(&c.b, "on_tick", 51, builder_function_value("bump"), 0);
    builder_call_locks(&c.b, mutex);
    builder_access(&c.b, "bump", 52, "c:@count", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "add_work", 60, "c:@total", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "other_work", 61, "c:@total", LC_ACCESS_READ, 0, NULL);
    run(&c);
    assert_null(at_line(&c, 52));                 /* every caller holds the lock */
    assert_non_null(at_line(&c, 60));             /* two different workers */
    struct lc_threads threads;
    assert_int_equal(lc_threads_compute(&c.b.program, &threads), 0);
    uint32_t bump = builder_find(&c.b, "bump");
    assert_int_equal(threads.function_role_count[bump], 2);
    assert_int_equal(threads.entry_lock_count[bump], 1);
    lc_threads_free(&threads);
    finish(&c);
}

/* A helper called only from its own cycle (a log function that logs):
 * the lock its callers hold at the calls protects it; an unlocked call
 * in the cycle leaves it unprotected. */
static void test_helper_called_from_its_own_cycle(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "add_work");
    const char *log[] = { "log_line", "open_file", "warn", "reopen" };
    for (unsigned i = 0; i < 4; i++)
        builder_function(&c.b, log[i], 70 + i, 0);
    builder_call(&c.b, "on_tick", 80, builder_function_value("log_line"), 0);
    builder_call(&c.b, "add_work", 81, builder_function_value("log_line"), 0);
    builder_call(&c.b, "log_line", 82, builder_function_value("open_file"), 0);
    builder_call_locks(&c.b, mutex);
    builder_call(&c.b, "open_file", 83, builder_function_value("log_line"), 0);
    builder_access(&c.b, "open_file", 84, "c:@log_file", LC_ACCESS_WRITE, 0, NULL);
    builder_call(&c.b, "on_tick", 85, builder_function_value("warn"), 0);
    builder_call(&c.b, "add_work", 86, builder_function_value("warn"), 0);
    builder_call(&c.b, "warn", 87, builder_function_value("reopen"), 0);
    builder_call(&c.b, "reopen", 88, builder_function_value("warn"), 0);
    builder_access(&c.b, "reopen", 89, "c:@warn_file", LC_ACCESS_WRITE, 0, NULL);
    run(&c);
    assert_null(at_line(&c, 84));                 /* log_line holds the lock at its call */
    assert_non_null(at_line(&c, 89));             /* warn holds nothing */
    assert_int_equal(c.findings.count, 1);
    finish(&c);
}

/* A worker that calls registered callbacks through a pointer runs an event
 * loop of its own: the callbacks stay on the loop, they are not the
 * worker's; a direct call still gives the callee the worker's role. */
static void test_worker_dispatching_loop_callbacks(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "run_loop");
    builder_function(&c.b, "helper", 7, 0);
    builder_store(&c.b, "main", 8, builder_field_value(&c.b, "loop", "cb"), builder_function_value("on_tick"));
    builder_call(&c.b, "run_loop", 80, builder_field_value(&c.b, "loop", "cb"), 0);
    builder_call(&c.b, "run_loop", 81, builder_function_value("helper"), 0);
    builder_call(&c.b, "on_tick", 82, builder_function_value("helper"), 0);
    builder_access(&c.b, "on_tick", 83, "c:@ticks", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "helper", 84, "c:@helped", LC_ACCESS_WRITE, 0, NULL);
    run(&c);
    assert_null(at_line(&c, 83));                 /* on_tick runs on the loop only */
    assert_non_null(at_line(&c, 84));             /* helper: loop and worker */
    struct lc_threads threads;
    assert_int_equal(lc_threads_compute(&c.b.program, &threads), 0);
    assert_int_equal(threads.function_role_count[builder_find(&c.b, "on_tick")], 1);
    assert_int_equal(threads.function_role_count[builder_find(&c.b, "helper")], 2);
    lc_threads_free(&threads);
    finish(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_racy_and_locked_counters),
        cmocka_unit_test(test_helper_called_under_lock_and_two_workers),
        cmocka_unit_test(test_helper_called_from_its_own_cycle),
        cmocka_unit_test(test_worker_dispatching_loop_callbacks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
