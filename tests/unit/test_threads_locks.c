/* test_threads_locks.c — where a lock is held, over hand-built programs
 * (threads_case.h; no data files): lock wrappers (a function that returns
 * holding the lock it took, and a wrapper of the wrapper), releases in
 * branches no path takes to the point and early exits where the reach is
 * unknown, a lock an iterator hands back, and, for blocking-call and
 * blocking-under-lock, the event loop waiting for a lock a worker holds
 * across a sleep (also one a helper releases around its sleep). */
#include "threads_case.h"

/* stats_lock() takes c:@stats_mutex and returns, stats_unlock() releases
 * it: what lies between their calls holds it; balanced() is no wrapper. */
static void test_lock_wrappers(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "add_work");
    const char *wrappers[][2] = { { "stats_lock", "pthread_mutex_lock" }, { "stats_unlock", "pthread_mutex_unlock" },
                                  { "balanced", "pthread_mutex_lock" }, { "balanced", "pthread_mutex_unlock" } };
    for (unsigned i = 0; i < 4; i++) {
        builder_function(&c.b, wrappers[i][0], 90 + i, 0);
        builder_call(&c.b, wrappers[i][0], 95 + i, builder_function_value(wrappers[i][1]), 1,
                     builder_var_value("c:@stats_mutex"), "&stats_mutex");
    }
    const char *sides[] = { "add_work", "on_tick" };
    for (unsigned i = 0; i < 2; i++) {
        unsigned base = 100 + 10 * i;
        builder_call(&c.b, sides[i], base, builder_function_value("stats_lock"), 0);
        builder_access(&c.b, sides[i], base + 1, "c:@hits", i ? LC_ACCESS_READ : LC_ACCESS_WRITE, 0, NULL);
        builder_call(&c.b, sides[i], base + 2, builder_function_value("stats_unlock"), 0);
        builder_access(&c.b, sides[i], base + 3, "c:@misses", i ? LC_ACCESS_READ : LC_ACCESS_WRITE, 0, NULL);
        builder_call(&c.b, sides[i], base + 4, builder_function_value("balanced"), 0);
        builder_access(&c.b, sides[i], base + 5, "c:@calls", i ? LC_ACCESS_READ : LC_ACCESS_WRITE, 0, NULL);
        builder_call(&c.b, sides[i], base + 6, builder_function_value("stats_unlock"), 0);
    }
    /* A wrapper of the wrapper: get_locked() calls stats_lock() and returns. */
    builder_function(&c.b, "get_locked", 89, 0);
    builder_call(&c.b, "get_locked", 94, builder_function_value("stats_lock"), 0);
    builder_access(&c.b, "get_locked", 160, "c:@gets", LC_ACCESS_WRITE, 0, NULL);   /* after its own lock */
    builder_call(&c.b, "add_work", 140, builder_function_value("get_locked"), 0);
    builder_access(&c.b, "add_work", 141, "c:@gets", LC_ACCESS_WRITE, 0, NULL);
    builder_call(&c.b, "add_work", 142, builder_function_value("stats_unlock"), 0);
    builder_call(&c.b, "on_tick", 150, builder_function_value("stats_lock"), 0);
    builder_access(&c.b, "on_tick", 151, "c:@gets", LC_ACCESS_READ, 0, NULL);
    builder_call(&c.b, "on_tick", 152, builder_function_value("stats_unlock"), 0);
    run(&c);
    assert_null(at_line(&c, 101));      /* between stats_lock() and stats_unlock() */
    assert_null(at_line(&c, 141));      /* between get_locked() and stats_unlock() */
    assert_null(at_line(&c, 160));      /* in get_locked() after its stats_lock() */
    assert_non_null(at_line(&c, 103));  /* after stats_unlock() */
    assert_non_null(at_line(&c, 105));  /* balanced() holds nothing for its caller */
    assert_int_equal(c.findings.count, 2);
    finish(&c);
}

/* NAME_lock() and NAME_unlock(), defined at `line` and `line` + 1, each
 * calling pthread_mutex_lock / _unlock on the variable `usr`. */
static void lock_wrapper_pair(struct threads_case *c, const char *name, unsigned line, const char *usr,
                              const char *spelling)
{
    const char *suffixes[] = { "_lock", "_unlock" }, *targets[] = { "pthread_mutex_lock", "pthread_mutex_unlock" };
    for (unsigned i = 0; i < 2; i++) {
        const char *wrapper = lc_arena_printf(&c->b.facts.arena, "%s%s", name, suffixes[i]);
        builder_function(&c->b, wrapper, line + i, 0);
        builder_call(&c->b, wrapper, line + 5 + i, builder_function_value(targets[i]), 1, builder_var_value(usr),
                     spelling);
    }
}

/* A release in a branch that no path takes to the point (facts.h
 * lc_call_fact.unreached: `stats_lock(); if (found) { stats_unlock();
 * return; } else { size++; stats_unlock(); }`) does not end the region
 * there; the release on the way to the point does.  A release in a branch
 * before an unconditional one is an early exit only where the reach is not
 * known (a function with a label). */
static void test_lock_wrappers_unreached(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "add_work");
    lock_wrapper_pair(&c, "stats", 90, "c:@stats_mutex", "&stats_mutex");
    const char *sides[] = { "add_work", "on_tick" };
    for (unsigned i = 0; i < 2; i++) {
        unsigned base = 100 + 10 * i;
        builder_call(&c.b, sides[i], base, builder_function_value("stats_lock"), 0);
        builder_call(&c.b, sides[i], base + 1, builder_function_value("stats_unlock"), 0);
        struct lc_call_fact *early = &c.b.facts.calls[c.b.facts.call_count - 1];
        struct lc_unreached *stretch = lc_arena_alloc(&c.b.facts.arena, sizeof *stretch);
        assert_non_null(stretch);
        *stretch = (struct lc_unreached){ base + 2, 1, base + 9, 1 };   /* from the branch's end on */
        early->conditional = 1;
        early->unreached = stretch;
        early->unreached_count = 1;
        builder_access(&c.b, sides[i], base + 2, "c:@size", i ? LC_ACCESS_READ : LC_ACCESS_WRITE, 0, NULL);
        builder_call(&c.b, sides[i], base + 3, builder_function_value("stats_unlock"), 0);
        c.b.facts.calls[c.b.facts.call_count - 1].conditional = 1;
        builder_access(&c.b, sides[i], base + 4, "c:@after", i ? LC_ACCESS_READ : LC_ACCESS_WRITE, 0, NULL);
        /* In a function with a label (reach unknown): `lock(); if (x) {
         * unlock(); goto out; } jumped++; unlock();` is an early exit. */
        base = 130 + 10 * i;
        builder_call(&c.b, sides[i], base, builder_function_value("stats_lock"), 0);
        builder_call(&c.b, sides[i], base + 1, builder_function_value("stats_unlock"), 0);
        c.b.facts.calls[c.b.facts.call_count - 1].conditional = 1;
        c.b.facts.calls[c.b.facts.call_count - 1].reach_unknown = 1;
        builder_access(&c.b, sides[i], base + 2, "c:@jumped", i ? LC_ACCESS_READ : LC_ACCESS_WRITE, 0, NULL);
        builder_call(&c.b, sides[i], base + 3, builder_function_value("stats_unlock"), 0);
        /* Reach known: `if (x) { lock(); n++; unlock(); } sequential++;
         * lock(); ...; unlock();` the branch's release reaches the access. */
        base = 160 + 10 * i;
        for (unsigned k = 0; k < 2; k++) {
            builder_call(&c.b, sides[i], base + k, builder_function_value(k ? "stats_unlock" : "stats_lock"), 0);
            c.b.facts.calls[c.b.facts.call_count - 1].conditional = 1;
        }
        builder_access(&c.b, sides[i], base + 2, "c:@sequential", i ? LC_ACCESS_READ : LC_ACCESS_WRITE, 0, NULL);
        builder_call(&c.b, sides[i], base + 3, builder_function_value("stats_lock"), 0);
        builder_call(&c.b, sides[i], base + 4, builder_function_value("stats_unlock"), 0);
    }
    run(&c);
    assert_null(at_line(&c, 102));      /* in the else: the then's release does not reach it */
    assert_non_null(at_line(&c, 104));  /* after the else's release */
    assert_null(at_line(&c, 132));      /* after an early exit, reach unknown */
    assert_non_null(at_line(&c, 162));  /* after a branch's release that reaches it */
    assert_int_equal(c.findings.count, 2);
    finish(&c);
}

/* A lock an iterator hands back: iter_next() takes the bucket lock inside
 * when it finds an item and releases it when it moves on (both in
 * branches), iter_final() releases it inside when held and is an unlock
 * wrapper of another lock.  The walk calls no wrapper of the bucket lock
 * itself: between iter_next() and iter_final() it holds the lock, after
 * iter_final() not. */
static void test_lock_handed_back_by_iterator(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "add_work");
    lock_wrapper_pair(&c, "bucket", 70, "c:@buckets", "&buckets");
    builder_function(&c.b, "iter_next", 80, 0);
    builder_call(&c.b, "iter_next", 81, builder_function_value("bucket_unlock"), 0);
    c.b.facts.calls[c.b.facts.call_count - 1].conditional = 1;
    builder_call(&c.b, "iter_next", 82, builder_function_value("bucket_lock"), 0);
    c.b.facts.calls[c.b.facts.call_count - 1].conditional = 1;
    builder_function(&c.b, "iter_final", 84, 0);
    builder_call(&c.b, "iter_final", 85, builder_function_value("bucket_unlock"), 0);
    c.b.facts.calls[c.b.facts.call_count - 1].conditional = 1;
    builder_call(&c.b, "iter_final", 86, builder_function_value("pthread_mutex_unlock"), 1,
                 builder_var_value("c:@walk_mutex"), "&walk_mutex");
    const char *sides[] = { "add_work", "on_tick" };
    for (unsigned i = 0; i < 2; i++) {
        unsigned base = 100 + 10 * i;
        builder_call(&c.b, sides[i], base, builder_function_value("iter_next"), 0);
        builder_access(&c.b, sides[i], base + 1, "c:@table", i ? LC_ACCESS_READ : LC_ACCESS_WRITE, 0, NULL);
        builder_call(&c.b, sides[i], base + 2, builder_function_value("iter_final"), 0);
        builder_access(&c.b, sides[i], base + 3, "c:@walks", i ? LC_ACCESS_READ : LC_ACCESS_WRITE, 0, NULL);
    }
    run(&c);
    assert_null(at_line(&c, 101));      /* handed back by iter_next(), given back in iter_final() */
    assert_non_null(at_line(&c, 103));  /* after iter_final() */
    assert_int_equal(c.findings.count, 1);
    finish(&c);
}

static void test_loop_waits_for_a_lock_held_across_sleep(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "add_work");
    builder_call(&c.b, "add_work", 70, builder_function_value("sleep"), 1, builder_other_value(), "1");
    builder_call_locks(&c.b, mutex);
    builder_call(&c.b, "add_work", 72, builder_function_value("pthread_cond_wait"), 2, builder_var_value("cond"),
                 "& cond", builder_var_value("c:@counter_lock"), "& counter_lock");
    builder_call_locks(&c.b, mutex);
    builder_call(&c.b, "on_tick", 71, builder_function_value("pthread_mutex_lock"), 1,
                 builder_var_value("c:@counter_lock"), "& counter_lock");
    /* nap() is called under counter_lock and releases it around its second
     * sleep (the caller's lock, so not in nap's own locksets). */
    builder_function(&c.b, "nap", 9, 0);
    builder_call(&c.b, "add_work", 74, builder_function_value("nap"), 0);
    builder_call_locks(&c.b, mutex);
    builder_call(&c.b, "nap", 158, builder_function_value("sleep"), 1, builder_other_value(), "1");
    builder_call(&c.b, "nap", 159, builder_function_value("pthread_mutex_unlock"), 1,
                 builder_var_value("c:@counter_lock"), "& counter_lock");
    builder_call(&c.b, "nap", 160, builder_function_value("sleep"), 1, builder_other_value(), "1");
    builder_call(&c.b, "nap", 161, builder_function_value("pthread_mutex_lock"), 1,
                 builder_var_value("c:@counter_lock"), "& counter_lock");
    /* After the re-lock (say in a branch, whose lockset is gone after it). */
    builder_call(&c.b, "nap", 162, builder_function_value("sleep"), 1, builder_other_value(), "1");
    /* One element of an array of locks: which one the worker holds is unknown. */
    builder_call(&c.b, "on_tick", 73, builder_function_value("pthread_mutex_lock"), 1,
                 builder_var_value("c:@counter_lock"), "& counter_lock [ i ]");
    assert_int_equal(builder_end_tu(&c.b), 0);
    assert_int_equal(builder_link(&c.b), 0);
    lc_findings_init(&c.findings);
    lc_check_find("blocking-call")->run(&c.b.program, &c.findings);
    lc_check_find("blocking-under-lock")->run(&c.b.program, &c.findings);
    lc_findings_sort(&c.findings);
    const struct lc_finding *wait = at_line(&c, 71);
    assert_non_null(wait);
    assert_string_equal(wait->rule_id, "blocking-call");
    assert_non_null(strstr(wait->message, "taking 'c:@counter_lock' may block the event loop"));
    assert_non_null(strstr(wait->message, "calls 'sleep', which blocks"));
    assert_int_equal(wait->related[wait->related_count - 1].loc.line, 70);
    const struct lc_finding *under = at_line(&c, 70);
    assert_non_null(under);
    assert_string_equal(under->rule_id, "blocking-under-lock");
    assert_null(at_line(&c, 72)); /* the wait releases the lock it is given */
    assert_null(at_line(&c, 73));
    assert_non_null(at_line(&c, 158));   /* still under the caller's lock */
    assert_null(at_line(&c, 160));       /* after nap released it */
    assert_non_null(at_line(&c, 162));   /* taken again */
    assert_int_equal(c.findings.count, 4);
    assert_int_equal(wait->level, LC_LEVEL_WARNING);   /* the holder blocks */
    finish(&c);
}

/* A worker holds a lock across three nested loops over data: the loop's
 * lock call waits for CPU work the cost model estimates, a note; held
 * across a blocking call as well (`also_blocks`), the wait is a warning
 * naming the call. */
static void loop_waits_for_cpu_work(int also_blocks)
{
    static const char *const table_lock[] = { "c:@table_lock", NULL };
    struct threads_case c;
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "rebuild");
    int outer = builder_loop(&c.b, "rebuild", 80, -1, LC_BOUND_DATA, 0, "t->rows");
    int middle = builder_loop(&c.b, "rebuild", 81, outer, LC_BOUND_DATA, 0, "t->cols");
    int inner = builder_loop(&c.b, "rebuild", 82, middle, LC_BOUND_DATA, 0, "t->depth");
    builder_call(&c.b, "rebuild", 83, builder_function_value("touch_cell"), 0);
    builder_call_locks(&c.b, table_lock);
    builder_in_loop(&c.b, inner);
    if (also_blocks) {
        builder_call(&c.b, "rebuild", 86, builder_function_value("sleep"), 1, builder_other_value(), "1");
        builder_call_locks(&c.b, table_lock);
    }
    builder_call(&c.b, "on_tick", 75, builder_function_value("pthread_mutex_lock"), 1,
                 builder_var_value("c:@table_lock"), "& table_lock");
    assert_int_equal(builder_end_tu(&c.b), 0);
    assert_int_equal(builder_link(&c.b), 0);
    lc_findings_init(&c.findings);
    lc_check_find("blocking-call")->run(&c.b.program, &c.findings);
    const struct lc_finding *wait = at_line(&c, 75);
    assert_non_null(wait);
    assert_non_null(strstr(wait->message, also_blocks ? "calls 'sleep', which blocks" : "runs a CPU-heavy loop"));
    assert_int_equal(wait->level, also_blocks ? LC_LEVEL_WARNING : LC_LEVEL_NOTE);
    finish(&c);
}

static void test_loop_waits_for_cpu_work(void **state)
{
    (void)state;
    loop_waits_for_cpu_work(0);
    loop_waits_for_cpu_work(1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lock_wrappers),
        cmocka_unit_test(test_lock_wrappers_unreached),
        cmocka_unit_test(test_lock_handed_back_by_iterator),
        cmocka_unit_test(test_loop_waits_for_a_lock_held_across_sleep),
        cmocka_unit_test(test_loop_waits_for_cpu_work),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
