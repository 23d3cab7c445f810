/* test_threads.c — thread roles, entry locks and the
 * unlocked-shared-state check over hand-built programs: the racy and the
 * locked counter, a helper always called under its caller's lock, atomics,
 * read-only data set up in main, worker-vs-worker sharing, and a worker
 * that dispatches loop callbacks through a pointer (it runs a loop), a
 * thread that runs a library's loop (`runs-loop`) with callbacks of its
 * own (also handed to a helper of the project's), and
 * lock wrappers (a function that returns holding the lock it took), and
 * field paths (two fields never race; a field and the whole may), and the
 * context of each path: tests of a mode variable (a worker does not make a
 * call under a test its own tests contradict, unless it writes the
 * variable) and the functions passed for function-pointer parameters,
 * and the calls a constant argument cuts (`if (conn)` given NULL), and
 * lazy initialisation (`if (!g) g = make();`, also by a builder called
 * under `if (g == NULL)`) that main does before it starts anything,
 * regions where every other thread is paused
 * (`pause-threads`, `resume-threads`), the two sides of a barrier
 * (`barrier-wait`), and a test runner's processes (`process-main`). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "barriers.h"
#include "checks.h"
#include "program_builder.h"
#include "threads.h"

static const char rules[] =
    "library testuv offload \"test_queue_work(loop, req, work, done)\"\n"
    "callback timer_start arg2 loop\n"
    "callback test_queue_work arg3 pool\n"
    "callback test_queue_work arg4 loop\n"
    "runs-loop base_dispatch\n"
    "lock pthread_mutex_lock arg1\n"
    "unlock pthread_mutex_unlock arg1\n"
    "blocking sleep reason \"sleeps\"\n"
    "blocking pthread_cond_wait reason \"waits for a signal\"\n"
    "pause-threads stop_world if arg1~WORLD_PAUSE\n"
    "resume-threads stop_world if arg1~WORLD_RESUME\n"
    "callback thread_create arg3 thread\n"
    "barrier-wait barrier_wait arg1\n";

static const char *const mutex[] = { "c:@counter_lock", NULL };

struct threads_case {
    struct builder b;
    struct lc_findings findings;
};

static void start(struct threads_case *c)
{
    builder_begin(&c->b, rules);
    builder_tu(&c->b, "shared.c");
    builder_function(&c->b, "main", 1, 0);
}

static void on_loop(struct threads_case *c, const char *callback)
{
    builder_function(&c->b, callback, 2, 0);
    builder_call(&c->b, "main", 3, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value(callback), callback);
}

static void on_pool(struct threads_case *c, const char *work)
{
    builder_function(&c->b, work, 4, 0);
    builder_call(&c->b, "main", 5, builder_function_value("test_queue_work"), 4, builder_other_value(), "l",
                 builder_other_value(), "r", builder_function_value(work), work, builder_null_value(), "NULL");
}

static void run(struct threads_case *c)
{
    assert_int_equal(builder_end_tu(&c->b), 0);
    assert_int_equal(builder_link(&c->b), 0);
    lc_findings_init(&c->findings);
    lc_check_find("unlocked-shared-state")->run(&c->b.program, &c->findings);
    lc_findings_sort(&c->findings);
}

static void finish(struct threads_case *c)
{
    lc_findings_free(&c->findings);
    builder_free(&c->b);
}

static const struct lc_finding *at_line(struct threads_case *c, unsigned line)
{
    for (size_t i = 0; i < c->findings.count; i++)
        if (c->findings.items[i].loc.line == line)
            return &c->findings.items[i];
    return NULL;
}

/* `function` runs on one role, a thread's, not the event loop, and the
 * chain that puts it there is the offload, then `registration`. */
static void assert_on_thread_own_loop(struct threads_case *c, const char *function, const char *registration)
{
    struct lc_threads threads;
    assert_int_equal(lc_threads_compute(&c->b.program, &threads), 0);
    uint32_t f = builder_find(&c->b, function);
    assert_int_equal(threads.function_role_count[f], 1);
    uint32_t role = threads.function_roles[(size_t)f * LC_THREAD_ROLE_CAP];
    assert_int_not_equal(role, LC_THREAD_ROLE_LOOP);
    size_t count = 0;
    struct lc_arena arena;
    lc_arena_init(&arena);
    struct lc_step *chain = lc_threads_chain(&c->b.program, &threads, f, role, &count, &arena);
    assert_non_null(chain);
    assert_int_equal(count, 2);
    assert_non_null(strstr(chain[1].message, registration));
    lc_arena_free(&arena);
    lc_threads_free(&threads);
}

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

/* A worker that registers a callback itself and dispatches callbacks runs
 * its own loop: that callback runs on the worker.  A callback registered
 * by main stays on the event loop. */
static void test_callbacks_of_a_thread_own_loop(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "spinner");
    builder_function(&c.b, "own_tick", 8, 0);
    builder_call(&c.b, "spinner", 130, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value("own_tick"), "own_tick");
    builder_store(&c.b, "spinner", 131, builder_field_value(&c.b, "loop", "cb"), builder_function_value("own_tick"));
    builder_call(&c.b, "spinner", 132, builder_field_value(&c.b, "loop", "cb"), 0);
    builder_access(&c.b, "own_tick", 133, "c:@own_ticks", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "spinner", 134, "c:@own_ticks", LC_ACCESS_READ, 0, NULL);
    builder_access(&c.b, "on_tick", 135, "c:@shared", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "spinner", 136, "c:@shared", LC_ACCESS_READ, 0, NULL);
    run(&c);
    assert_null(at_line(&c, 133));     /* own_tick runs on the spinner's own loop */
    const struct lc_finding *shared = at_line(&c, 135);
    assert_non_null(shared);
    assert_int_equal(c.findings.count, 1);
    assert_on_thread_own_loop(&c, "own_tick", "'spinner' registers 'own_tick' with 'timer_start'");
    finish(&c);
}

/* A thread that calls a function modelled `runs-loop` (a library's loop
 * with no body, event_base_dispatch) runs the callbacks it registers
 * itself, and those these callbacks register.  main's own call keeps its
 * callbacks on the event loop, and so does the loop when a callback
 * registers another and runs the loop. */
static void test_callbacks_of_a_library_loop_run_by_a_thread(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "spinner");
    builder_call(&c.b, "main", 140, builder_function_value("base_dispatch"), 1, builder_other_value(), "base");
    builder_function(&c.b, "own_tick", 9, 0);
    builder_function(&c.b, "later_tick", 10, 0);
    builder_call(&c.b, "spinner", 141, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value("own_tick"), "own_tick");
    builder_call(&c.b, "spinner", 142, builder_function_value("base_dispatch"), 1, builder_other_value(), "base");
    builder_call(&c.b, "on_tick", 143, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value("later_tick"), "later_tick");
    builder_call(&c.b, "on_tick", 144, builder_function_value("base_dispatch"), 1, builder_other_value(), "base");
    builder_access(&c.b, "own_tick", 145, "c:@own_ticks", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "spinner", 146, "c:@own_ticks", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "on_tick", 147, "c:@shared", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "own_tick", 148, "c:@shared", LC_ACCESS_READ, 0, NULL);
    builder_access(&c.b, "later_tick", 149, "c:@later", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "spinner", 150, "c:@later", LC_ACCESS_READ, 0, NULL);
    builder_function(&c.b, "nested_tick", 11, 0);   /* registered by own_tick: the spinner's too */
    builder_call(&c.b, "own_tick", 151, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value("nested_tick"), "nested_tick");
    builder_access(&c.b, "nested_tick", 152, "c:@nested", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "spinner", 153, "c:@nested", LC_ACCESS_READ, 0, NULL);
    run(&c);
    assert_null(at_line(&c, 145));     /* own_tick runs on the spinner's own loop */
    assert_null(at_line(&c, 146));
    assert_null(at_line(&c, 152));     /* so does the callback own_tick registers */
    assert_non_null(at_line(&c, 147)); /* the event loop and the spinner's loop */
    assert_non_null(at_line(&c, 149)); /* later_tick stays on the event loop */
    assert_int_equal(c.findings.count, 2);
    struct lc_threads threads;
    assert_int_equal(lc_threads_compute(&c.b.program, &threads), 0);
    uint32_t own_tick = builder_find(&c.b, "own_tick"), later_tick = builder_find(&c.b, "later_tick");
    assert_int_equal(threads.function_role_count[own_tick], 1);
    assert_int_not_equal(threads.function_roles[(size_t)own_tick * LC_THREAD_ROLE_CAP], LC_THREAD_ROLE_LOOP);
    assert_int_equal(threads.function_role_count[later_tick], 1);
    assert_int_equal(threads.function_roles[(size_t)later_tick * LC_THREAD_ROLE_CAP], LC_THREAD_ROLE_LOOP);
    lc_threads_free(&threads);
    finish(&c);
}

/* A function whose address only such a thread's code takes (handed by
 * name to the project's own registration helper, which stores it in a
 * field) runs on that thread: the loop's generic callback calling the field
 * does not reach it, but does reach the handler the loop passes. */
static void test_functions_only_a_thread_own_loop_passes(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "spinner");
    builder_function(&c.b, "generic_cb", 12, 0);
    builder_function(&c.b, "set_handler", 13, 0);
    builder_function(&c.b, "owned_cb", 14, 0);
    builder_function(&c.b, "loop_cb", 15, 0);
    builder_call(&c.b, "spinner", 160, builder_function_value("base_dispatch"), 1, builder_other_value(), "base");
    builder_call(&c.b, "main", 161, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value("generic_cb"), "generic_cb");
    builder_store(&c.b, "set_handler", 162, builder_field_value(&c.b, "conn", "handler"),
                  builder_param_value("set_handler", 1));
    builder_call(&c.b, "spinner", 163, builder_function_value("set_handler"), 2, builder_other_value(), "c",
                 builder_function_value("owned_cb"), "owned_cb");
    builder_call(&c.b, "on_tick", 164, builder_function_value("set_handler"), 2, builder_other_value(), "c",
                 builder_function_value("loop_cb"), "loop_cb");
    builder_call(&c.b, "generic_cb", 165, builder_field_value(&c.b, "conn", "handler"), 0);
    builder_access(&c.b, "owned_cb", 166, "c:@spun", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "spinner", 167, "c:@spun", LC_ACCESS_READ, 0, NULL);
    builder_access(&c.b, "loop_cb", 168, "c:@looped", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "spinner", 169, "c:@looped", LC_ACCESS_READ, 0, NULL);
    run(&c);
    assert_null(at_line(&c, 166));     /* owned_cb runs on the spinner only */
    assert_non_null(at_line(&c, 168)); /* loop_cb on the event loop */
    assert_int_equal(c.findings.count, 1);
    assert_on_thread_own_loop(&c, "owned_cb", "'spinner' registers 'owned_cb' with 'set_handler'");
    finish(&c);
}

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
    const char *wrappers[][2] = { { "stats_lock", "pthread_mutex_lock" }, { "stats_unlock", "pthread_mutex_unlock" } };
    for (unsigned i = 0; i < 2; i++) {
        builder_function(&c.b, wrappers[i][0], 90 + i, 0);
        builder_call(&c.b, wrappers[i][0], 95 + i, builder_function_value(wrappers[i][1]), 1,
                     builder_var_value("c:@stats_mutex"), "&stats_mutex");
    }
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
    const char *wrappers[][2] = { { "bucket_lock", "pthread_mutex_lock" }, { "bucket_unlock", "pthread_mutex_unlock" } };
    for (unsigned i = 0; i < 2; i++) {
        builder_function(&c.b, wrappers[i][0], 70 + i, 0);
        builder_call(&c.b, wrappers[i][0], 75 + i, builder_function_value(wrappers[i][1]), 1,
                     builder_var_value("c:@buckets"), "&buckets");
    }
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

/* An access of a field path `path` of variable `usr` (as the extractor
 * names them: "g.f", USR g's + LC_ACCESS_PATH_MARK + ".f"). */
static void field_access(struct threads_case *c, const char *function, unsigned line, const char *usr,
                         const char *name, const char *path, enum lc_access_kind kind)
{
    builder_access(&c->b, function, line, path ? lc_arena_printf(&c->b.facts.arena, "%s%s%s", usr,
                                                                   LC_ACCESS_PATH_MARK, path) : usr,
                   kind, 0, NULL);
    c->b.facts.accesses[c->b.facts.access_count - 1].variable_name =
        path ? lc_arena_printf(&c->b.facts.arena, "%s%s", name, path) : name;
}

static void test_field_paths(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "add_work");
    field_access(&c, "add_work", 120, "c:@cfg", "cfg", ".port", LC_ACCESS_WRITE);
    field_access(&c, "on_tick", 121, "c:@cfg", "cfg", ".name", LC_ACCESS_READ);
    field_access(&c, "add_work", 122, "c:@opts", "opts", ".level", LC_ACCESS_WRITE);
    field_access(&c, "add_work", 123, "c:@opts", "opts", ".limits.soft", LC_ACCESS_WRITE);
    field_access(&c, "on_tick", 124, "c:@opts", "opts", ".limits", LC_ACCESS_READ);
    field_access(&c, "on_tick", 125, "c:@opts", "opts", NULL, LC_ACCESS_WRITE);   /* memset(&opts, ...) */
    field_access(&c, "add_work", 127, "c:@queue", "queue", "->head", LC_ACCESS_WRITE);
    field_access(&c, "on_tick", 128, "c:@queue", "queue", "->count", LC_ACCESS_READ);
    run(&c);
    assert_int_equal(c.findings.count, 1);   /* cfg's and queue's fields do not race; opts: one finding */
    assert_non_null(strstr(c.findings.items[0].message, "'opts"));
    finish(&c);
    /* Without the whole-variable write opts.limits still overlaps
     * opts.limits.soft; a pointer's whole (queue = ...) overlaps queue->head. */
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "add_work");
    field_access(&c, "add_work", 123, "c:@opts", "opts", ".limits.soft", LC_ACCESS_WRITE);
    field_access(&c, "on_tick", 124, "c:@opts", "opts", ".limits", LC_ACCESS_READ);
    field_access(&c, "on_tick", 126, "c:@opts", "opts", ".limitless", LC_ACCESS_READ);
    field_access(&c, "add_work", 127, "c:@queue", "queue", "->head", LC_ACCESS_READ);
    field_access(&c, "on_tick", 129, "c:@queue", "queue", NULL, LC_ACCESS_WRITE);
    run(&c);
    assert_int_equal(c.findings.count, 2);
    assert_non_null(at_line(&c, 129));
    assert_non_null(strstr(c.findings.items[0].message, "'opts.limits.soft' is written by 'add_work'"));
    assert_non_null(strstr(c.findings.items[0].message, "read by 'on_tick'"));
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
    finish(&c);
}

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

/* memcached's stats_state.curr_items: every write under the stats lock,
 * one read without it.  The finding is at the unprotected read; its related
 * accesses are those of the same memory, each named by its own path (not
 * the other fields of the struct). */
static void test_locked_writes_unlocked_read(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "add_work");
    field_access(&c, "add_work", 130, "c:@stats", "stats", ".curr_items", LC_ACCESS_WRITE);
    c.b.facts.accesses[c.b.facts.access_count - 1].locks = builder_locks(&c.b, mutex);
    field_access(&c, "add_work", 131, "c:@stats", "stats", ".conn_structs", LC_ACCESS_WRITE);
    c.b.facts.accesses[c.b.facts.access_count - 1].locks = builder_locks(&c.b, mutex);
    field_access(&c, "on_tick", 132, "c:@stats", "stats", ".conn_structs", LC_ACCESS_WRITE);
    c.b.facts.accesses[c.b.facts.access_count - 1].locks = builder_locks(&c.b, mutex);
    field_access(&c, "on_tick", 133, "c:@stats", "stats", ".curr_items", LC_ACCESS_READ);
    field_access(&c, "on_tick", 134, "c:@stats", "stats", ".curr_items", LC_ACCESS_WRITE);
    c.b.facts.accesses[c.b.facts.access_count - 1].locks = builder_locks(&c.b, mutex);
    run(&c);
    assert_int_equal(c.findings.count, 1);
    const struct lc_finding *f = at_line(&c, 133);
    assert_non_null(f);
    assert_non_null(strstr(f->message, "'stats.curr_items' is written by 'add_work'"));
    assert_non_null(strstr(f->message, "held at 2 of the 3 accesses"));
    int saw_write = 0;
    for (size_t i = 0; i < f->related_count; i++) {
        assert_int_not_equal(f->related[i].loc.line, 131);   /* another field */
        assert_int_not_equal(f->related[i].loc.line, 132);
        saw_write |= f->related[i].loc.line == 130
                     && strstr(f->related[i].message, "'stats.curr_items' written here by 'add_work'") != NULL;
    }
    assert_true(saw_write);
    finish(&c);
}

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

/* A write under a test that its variable is 0 (lazy initialisation),
 * in `function`. */
static void lazy_write(struct threads_case *c, const char *function, unsigned line, const char *variable)
{
    builder_access(&c->b, function, line, variable, LC_ACCESS_WRITE, 0, NULL);
    c->b.facts.accesses[c->b.facts.access_count - 1].zero_guarded = 1;
}

/* A getter that builds `variable` on first use, called by the pool job and
 * the loop's timer. */
static void lazy_getter(struct threads_case *c, const char *getter, unsigned line, const char *variable)
{
    builder_function(&c->b, getter, line, 0);
    builder_access(&c->b, getter, line + 1, variable, LC_ACCESS_READ, 0, NULL);
    lazy_write(c, getter, line + 2, variable);
    builder_access(&c->b, getter, line + 3, variable, LC_ACCESS_READ, 0, NULL);
    builder_call(&c->b, "add_work", line + 4, builder_function_value(getter), 0);
    builder_call(&c->b, "on_tick", line + 5, builder_function_value(getter), 0);
}

static void test_lazy_initialisation_by_main(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    /* main: settings_get() and origin_get() at line 1, cond_get() under a
     * test at line 2, the timer (3) and the pool job (5), then label_get()
     * at line 8. */
    builder_call(&c.b, "main", 1, builder_function_value("settings_get"), 0);
    builder_call(&c.b, "main", 1, builder_function_value("origin_get"), 0);
    builder_call(&c.b, "main", 2, builder_function_value("cond_get"), 0);
    c.b.facts.calls[c.b.facts.call_count - 1].conditional = 1;
    on_loop(&c, "on_tick");
    on_pool(&c, "add_work");
    builder_call(&c.b, "main", 8, builder_function_value("label_get"), 0);
    lazy_getter(&c, "settings_get", 10, "c:@settings");
    lazy_getter(&c, "label_get", 20, "c:@label");
    lazy_getter(&c, "origin_get", 30, "c:@origin");
    builder_access(&c.b, "on_tick", 40, "c:@origin", LC_ACCESS_WRITE, 0, NULL);   /* a reset to 0 */
    lazy_getter(&c, "cond_get", 50, "c:@cond");
    run(&c);
    assert_null(at_line(&c, 12));           /* main built it before any thread */
    assert_non_null(at_line(&c, 22));       /* first built on the threads */
    assert_non_null(at_line(&c, 32));       /* reset elsewhere: built again later */
    assert_non_null(at_line(&c, 52));       /* main may not call it */
    assert_int_equal(c.findings.count, 3);
    struct lc_threads threads;
    assert_int_equal(lc_threads_compute(&c.b.program, &threads), 0);
    assert_true(lc_threads_main_initialises(&c.b.program, &threads, builder_find(&c.b, "settings_get")));
    assert_true(lc_threads_main_initialises(&c.b.program, &threads, builder_find(&c.b, "origin_get")));
    assert_false(lc_threads_main_initialises(&c.b.program, &threads, builder_find(&c.b, "label_get")));
    assert_false(lc_threads_main_initialises(&c.b.program, &threads, builder_find(&c.b, "cond_get")));
    lc_threads_free(&threads);
    finish(&c);
}

/* The last call runs only where `variable` (a pointer) is NULL. */
static void under_null_test(struct threads_case *c, const char *variable)
{
    struct lc_value_guard *guard = lc_arena_alloc(&c->b.facts.arena, sizeof *guard);
    assert_non_null(guard);
    *guard = (struct lc_value_guard){ variable, variable, 1, 0, 1 };
    c->b.facts.calls[c->b.facts.call_count - 1].value_guards = (struct lc_value_guards){ guard, 1 };
}

/* A table built by a function of its own: main's set-up calls the builder
 * first, the decoder on the pool and the loop calls it again only under
 * `if (table == NULL)`: its write is lazy, main's.  The scratch table's
 * builder is also called by the pool job with no test: built again on a
 * thread, a race. */
static void test_lazy_writes_by_a_builder(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    builder_function(&c.b, "setup", 10, 0);
    builder_call(&c.b, "main", 1, builder_function_value("setup"), 0);
    builder_call(&c.b, "setup", 11, builder_function_value("build_table"), 0);
    builder_call(&c.b, "main", 1, builder_function_value("scratch_get"), 0);
    on_loop(&c, "on_tick");
    on_pool(&c, "add_work");
    builder_function(&c.b, "build_table", 20, 0);
    builder_access(&c.b, "build_table", 21, "c:@table", LC_ACCESS_WRITE, 0, NULL);
    builder_function(&c.b, "decode", 30, 0);
    builder_access(&c.b, "decode", 31, "c:@table", LC_ACCESS_READ, 0, NULL);
    builder_call(&c.b, "decode", 32, builder_function_value("build_table"), 0);
    under_null_test(&c, "c:@table");
    builder_access(&c.b, "decode", 33, "c:@table", LC_ACCESS_READ, 0, NULL);
    builder_call(&c.b, "add_work", 34, builder_function_value("decode"), 0);
    builder_call(&c.b, "on_tick", 35, builder_function_value("decode"), 0);
    builder_function(&c.b, "scratch_build", 40, 0);
    builder_access(&c.b, "scratch_build", 41, "c:@scratch", LC_ACCESS_WRITE, 0, NULL);
    builder_function(&c.b, "scratch_get", 50, 0);
    builder_access(&c.b, "scratch_get", 51, "c:@scratch", LC_ACCESS_READ, 0, NULL);
    builder_call(&c.b, "scratch_get", 52, builder_function_value("scratch_build"), 0);
    under_null_test(&c, "c:@scratch");
    builder_call(&c.b, "on_tick", 53, builder_function_value("scratch_get"), 0);
    builder_call(&c.b, "add_work", 54, builder_function_value("scratch_build"), 0);   /* no test */
    run(&c);
    assert_null(at_line(&c, 21));
    assert_non_null(at_line(&c, 41));
    assert_int_equal(c.findings.count, 1);
    struct lc_threads threads;
    assert_int_equal(lc_threads_compute(&c.b.program, &threads), 0);
    uint8_t *lazy = lc_threads_lazy_writes(&c.b.program, &threads);
    assert_non_null(lazy);
    for (uint32_t a = 0; a < c.b.program.access_count; a++)
        if (c.b.program.accesses[a].kind == LC_ACCESS_WRITE)
            assert_int_equal(lazy[a], c.b.program.accesses[a].loc.line == 21);
    free(lazy);
    lc_threads_free(&threads);
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
        cmocka_unit_test(test_racy_and_locked_counters),
        cmocka_unit_test(test_helper_called_under_lock_and_two_workers),
        cmocka_unit_test(test_helper_called_from_its_own_cycle),
        cmocka_unit_test(test_worker_dispatching_loop_callbacks),
        cmocka_unit_test(test_callbacks_of_a_thread_own_loop),
        cmocka_unit_test(test_callbacks_of_a_library_loop_run_by_a_thread),
        cmocka_unit_test(test_functions_only_a_thread_own_loop_passes),
        cmocka_unit_test(test_lock_wrappers),
        cmocka_unit_test(test_lock_wrappers_unreached),
        cmocka_unit_test(test_lock_handed_back_by_iterator),
        cmocka_unit_test(test_field_paths),
        cmocka_unit_test(test_locked_writes_unlocked_read),
        cmocka_unit_test(test_paused_threads),
        cmocka_unit_test(test_barrier_phases),
        cmocka_unit_test(test_loop_waits_for_a_lock_held_across_sleep),
        cmocka_unit_test(test_mode_guards),
        cmocka_unit_test(test_function_pointer_parameters),
        cmocka_unit_test(test_lazy_initialisation_by_main),
        cmocka_unit_test(test_lazy_writes_by_a_builder),
        cmocka_unit_test(test_calls_cut_by_constant_arguments),
        cmocka_unit_test(test_process_per_test),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
