/* test_threads_pauses_barriers.c — ordering without locks, over hand-built
 * programs (threads_case.h; no data files): regions where every other
 * thread is paused (`pause-threads`, `resume-threads`; also no sleep
 * under a lock there), and the two sides of a barrier (`barrier-wait`):
 * barrier wrappers, waits in a loop, a field's barrier, and the callbacks
 * of a thread that runs its own loop before its wait. */
#include "barriers.h"
#include "threads_case.h"

/* Where every other thread is paused (memcached's assoc_expand between
 * pause_threads(PAUSE_ALL_THREADS) and pause_threads(RESUME_ALL_THREADS)):
 * an access there, or in a helper called only there, races with nothing;
 * one after the resume does, also in a helper that resumes the threads
 * itself.  A sleep there is no sleep under a lock. */
static void test_paused_threads(void **state)
{
    (void)state;
    static const char *const paused[] = { LC_LOCK_THREADS_PAUSED, NULL };
    static const char *const paused_and_mutex[] = { LC_LOCK_THREADS_PAUSED, "c:@counter_lock", NULL };
    struct threads_case c;
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "grow_work");
    builder_function(&c.b, "grow", 6, 0);
    builder_function(&c.b, "grow_and_resume", 7, 0);
    builder_call(&c.b, "grow_work", 70, builder_function_value("stop_world"), 1, builder_other_value(),
                 "WORLD_PAUSE");
    builder_call(&c.b, "grow_work", 71, builder_function_value("grow"), 0);
    builder_call_locks(&c.b, paused);
    builder_access(&c.b, "grow_work", 72, "c:@size", LC_ACCESS_WRITE, 0, paused);
    builder_call(&c.b, "grow_work", 73, builder_function_value("sleep"), 1, builder_other_value(), "1");
    builder_call_locks(&c.b, paused);
    builder_call(&c.b, "grow_work", 74, builder_function_value("sleep"), 1, builder_other_value(), "1");
    builder_call_locks(&c.b, paused_and_mutex);
    builder_call(&c.b, "grow_work", 75, builder_function_value("stop_world"), 1, builder_other_value(),
                 "WORLD_RESUME");
    builder_call_locks(&c.b, paused);
    builder_access(&c.b, "grow_work", 76, "c:@round", LC_ACCESS_WRITE, 0, NULL);
    builder_call(&c.b, "grow_work", 77, builder_function_value("stop_world"), 1, builder_other_value(),
                 "WORLD_PAUSE");
    builder_call(&c.b, "grow_work", 78, builder_function_value("grow_and_resume"), 0);
    builder_call_locks(&c.b, paused);
    builder_access(&c.b, "grow", 80, "c:@capacity", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "grow_and_resume", 90, "c:@before", LC_ACCESS_WRITE, 0, NULL);
    builder_call(&c.b, "grow_and_resume", 91, builder_function_value("stop_world"), 1, builder_other_value(),
                 "WORLD_RESUME");
    builder_access(&c.b, "grow_and_resume", 92, "c:@after", LC_ACCESS_WRITE, 0, NULL);
    const char *const variables[] = { "c:@size", "c:@round", "c:@capacity", "c:@before", "c:@after" };
    for (unsigned i = 0; i < sizeof variables / sizeof variables[0]; i++)
        builder_access(&c.b, "on_tick", 100 + i, variables[i], LC_ACCESS_READ, 0, NULL);
    run(&c);
    assert_null(at_line(&c, 72));      /* in the region */
    assert_null(at_line(&c, 80));      /* in a helper called only there */
    assert_null(at_line(&c, 90));      /* before the helper resumes */
    assert_non_null(at_line(&c, 76));  /* after the resume */
    assert_non_null(at_line(&c, 92));  /* after the helper's resume */
    assert_int_equal(c.findings.count, 2);
    const struct lc_finding *after = at_line(&c, 92);
    int noted = 0;
    for (size_t i = 0; i < after->related_count; i++)
        noted |= strstr(after->related[i].message, "(other threads paused)") != NULL;
    assert_false(noted);
    lc_findings_free(&c.findings);
    lc_findings_init(&c.findings);
    lc_check_find("blocking-under-lock")->run(&c.b.program, &c.findings);
    lc_check_find("blocking-call")->run(&c.b.program, &c.findings);
    assert_null(at_line(&c, 73));      /* paused, no lock held */
    const struct lc_finding *under = at_line(&c, 74);
    assert_non_null(under);
    assert_non_null(strstr(under->message, "holds 'c:@counter_lock'"));
    assert_int_equal(c.findings.count, 1);
    finish(&c);
}

static void barrier_wait_call(struct threads_case *c, const char *caller, unsigned line, int runs)
{
    builder_call(&c->b, caller, line, builder_function_value("barrier_wait"), 1, builder_var_value("c:@started"),
                 "&started");
    builder_call_runs(&c->b, runs);
}

static void direct_call(struct threads_case *c, const char *caller, unsigned line, const char *callee, int runs)
{
    builder_call(&c->b, caller, line, builder_function_value(callee), 0);
    builder_call_runs(&c->b, runs);
}

/* Threads that meet once on a barrier (coturn's admin and relay threads):
 * what one writes before its wait (through a wrapper that retries a failed
 * wait), the other reads after its own: ordered.  Both after: a race; a
 * function the thread calls before and after its wait: a race; a thread
 * that waits in a loop: no side of the barrier; a callback of a thread that
 * runs its own loop before its wait: on both sides. */
static void test_barrier_phases(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    const char *const starts[] = { "setup_thread", "server_thread", "looper", "looper_peer", "early_server",
                                   "field_waiter" };
    for (unsigned i = 0; i < 6; i++) {
        builder_function(&c.b, starts[i], 10 + i, 0);
        builder_call(&c.b, "main", 200 + i, builder_function_value("thread_create"), 3, builder_other_value(), "&t",
                     builder_null_value(), "NULL", builder_function_value(starts[i]), starts[i]);
    }
    const char *const helpers[] = { "wait_started", "build_table", "serve", "touch_mixed" };
    for (unsigned i = 0; i < 4; i++)
        builder_function(&c.b, helpers[i], 20 + i, 0);
    barrier_wait_call(&c, "wait_started", 205, LC_RUNS_RETRIED);
    direct_call(&c, "setup_thread", 209, "touch_mixed", LC_RUNS_ONCE);
    direct_call(&c, "setup_thread", 210, "build_table", LC_RUNS_ONCE);
    direct_call(&c, "setup_thread", 211, "wait_started", LC_RUNS_ONCE);
    builder_access(&c.b, "setup_thread", 212, "c:@served", LC_ACCESS_READ, 0, NULL);
    direct_call(&c, "setup_thread", 213, "touch_mixed", LC_RUNS_ONCE);
    builder_access(&c.b, "build_table", 220, "c:@table", LC_ACCESS_WRITE, 0, NULL);
    barrier_wait_call(&c, "server_thread", 230, LC_RUNS_UNLESS_RETURNED);
    direct_call(&c, "server_thread", 231, "serve", LC_RUNS_ONCE);
    builder_access(&c.b, "serve", 240, "c:@table", LC_ACCESS_READ, 0, NULL);
    builder_access(&c.b, "serve", 241, "c:@served", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "serve", 242, "c:@mixed", LC_ACCESS_READ, 0, NULL);
    builder_access(&c.b, "touch_mixed", 270, "c:@mixed", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "looper", 250, "c:@step", LC_ACCESS_WRITE, 0, NULL);
    barrier_wait_call(&c, "looper", 251, LC_RUNS_MAYBE);
    barrier_wait_call(&c, "looper_peer", 260, LC_RUNS_ONCE);
    builder_access(&c.b, "looper_peer", 261, "c:@step", LC_ACCESS_READ, 0, NULL);
    builder_access(&c.b, "build_table", 221, "c:@banner", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "serve", 243, "c:@banner", LC_ACCESS_READ, 0, NULL);
    builder_function(&c.b, "early_tick", 30, 0);
    builder_call(&c.b, "early_server", 280, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value("early_tick"), "early_tick");
    builder_call_runs(&c.b, LC_RUNS_ONCE);
    builder_call(&c.b, "early_server", 281, builder_function_value("base_dispatch"), 1, builder_other_value(), "b");
    builder_call_runs(&c.b, LC_RUNS_ONCE);
    barrier_wait_call(&c, "early_server", 282, LC_RUNS_ONCE);
    builder_access(&c.b, "early_tick", 283, "c:@banner", LC_ACCESS_READ, 0, NULL);
    builder_call(&c.b, "field_waiter", 290, builder_function_value("barrier_wait"), 1,
                 builder_field_value(&c.b, "pool", "ready"), "&p->ready");   /* one of many: no barrier */
    builder_call_runs(&c.b, LC_RUNS_ONCE);
    run(&c);
    assert_null(at_line(&c, 220));       /* before the barrier, read after it */
    const struct lc_finding *served = at_line(&c, 241);
    assert_non_null(served);             /* after the barrier on both sides */
    int noted = 0;
    for (size_t i = 0; i < served->related_count; i++)
        noted |= strstr(served->related[i].message, "'setup_thread' (after barrier 'c:@started')") != NULL;
    assert_true(noted);
    assert_non_null(at_line(&c, 270));   /* touch_mixed runs before and after the wait */
    assert_non_null(at_line(&c, 250));   /* the looper waits in a loop */
    const struct lc_finding *banner = at_line(&c, 221);
    assert_non_null(banner);             /* early_tick may run before early_server's wait */
    assert_non_null(strstr(banner->message, "read by 'early_tick'"));
    assert_int_equal(c.findings.count, 4);

    uint32_t *wrappers = lc_barriers_wrappers(&c.b.program);
    assert_non_null(wrappers);
    assert_int_not_equal(wrappers[builder_find(&c.b, "wait_started")], LC_NONE);
    assert_int_equal(wrappers[builder_find(&c.b, "looper")], LC_NONE);   /* waits in a loop */
    assert_int_equal(wrappers[builder_find(&c.b, "build_table")], LC_NONE);
    free(wrappers);
    struct lc_threads threads;
    struct lc_barriers barriers;
    assert_int_equal(lc_threads_compute(&c.b.program, &threads), 0);
    assert_int_equal(lc_barriers_compute(&c.b.program, &threads, &barriers), 0);
    assert_int_equal(barriers.wait_count, 4);   /* setup, server, peer, early; not the looper nor the
                                                   field's */
    for (uint32_t i = 0; i < barriers.wait_count; i++) {
        const struct lc_barrier_wait *wait = &barriers.waits[i];
        const char *entry = c.b.program.functions[wait->entry].name;
        assert_string_not_equal(entry, "looper");
        assert_string_not_equal(entry, "field_waiter");
        if (strcmp(entry, "setup_thread") == 0) {
            assert_int_equal(wait->phase[builder_find(&c.b, "build_table")], LC_BARRIER_BEFORE);
            assert_int_equal(wait->phase[builder_find(&c.b, "touch_mixed")], LC_BARRIER_NEITHER);
            assert_int_equal(wait->phase[builder_find(&c.b, "wait_started")], LC_BARRIER_NEITHER);
        }
        if (strcmp(entry, "server_thread") == 0)
            assert_int_equal(wait->phase[builder_find(&c.b, "serve")], LC_BARRIER_AFTER);
        if (strcmp(entry, "early_server") == 0)
            assert_int_equal(wait->phase[builder_find(&c.b, "early_tick")], LC_BARRIER_NEITHER);
    }
    lc_barriers_free(&barriers);
    lc_threads_free(&threads);
    finish(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paused_threads),
        cmocka_unit_test(test_barrier_phases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
