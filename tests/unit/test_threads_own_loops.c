/* test_threads_own_loops.c — threads that run an event loop of their own,
 * over hand-built programs (threads_case.h; no data files): a worker that
 * registers a callback and dispatches callbacks, a thread that runs a
 * library's loop (`runs-loop`) with callbacks of its own and those these
 * register, and a function only such a thread hands to a registration
 * helper of the project's: each runs on that thread, not the event loop,
 * and the chain says so. */
#include "threads_case.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_callbacks_of_a_thread_own_loop),
        cmocka_unit_test(test_callbacks_of_a_library_loop_run_by_a_thread),
        cmocka_unit_test(test_functions_only_a_thread_own_loop_passes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
