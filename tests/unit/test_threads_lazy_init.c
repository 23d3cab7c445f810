/* test_threads_lazy_init.c — lazy initialisation that main does before it
 * starts anything, over hand-built programs (threads_case.h; no data
 * files): `if (!g) g = make();` in a getter main calls first (not under a
 * test, not reset elsewhere), and a builder called under `if (g == NULL)`
 * (lc_threads_lazy_writes). */
#include "threads_case.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lazy_initialisation_by_main),
        cmocka_unit_test(test_lazy_writes_by_a_builder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
