/* test_threads_overlapping_runs.c — one function racing with itself
 * (registrations.c, lc_threads_role_overlaps, once_calls.c): pool work and
 * threads started in a loop, through a wrapper called in a loop, at two
 * places, or queued by the loop; a start joined in the same round; an
 * element on both sides; a function run through a `runs-once` call. */
#include "threads_case.h"

#include <stdlib.h>
#include <string.h>

#include "once_calls.h"

static const char overlap_rules[] =
    "callback timer_start arg2 loop\n"
    "callback test_queue_work arg3 pool\n"
    "callback test_queue_work arg4 loop\n"
    "callback thread_create arg3 thread\n"
    "thread-join thread_join\n"
    "runs-once once_run arg2\n";

static void overlap_start(struct threads_case *c)
{
    builder_begin(&c->b, overlap_rules);
    builder_tu(&c->b, "runs.c");
    builder_function(&c->b, "main", 1, 0);
}

/* main starts `function` with thread_create at `line`. */
static void start_thread(struct threads_case *c, const char *function, unsigned line)
{
    builder_call(&c->b, "main", line, builder_function_value("thread_create"), 3, builder_other_value(), "&t",
                 builder_null_value(), "NULL", builder_function_value(function), function);
}

static void queue_work(struct threads_case *c, const char *caller, const char *work, unsigned line)
{
    builder_call(&c->b, caller, line, builder_function_value("test_queue_work"), 4, builder_other_value(), "l",
                 builder_other_value(), "r", builder_function_value(work), work, builder_null_value(), "NULL");
}

static const char *message_at(struct threads_case *c, unsigned line)
{
    const struct lc_finding *finding = at_line(c, line);
    return finding ? finding->message : NULL;
}

static void test_started_in_a_loop(void **state)
{
    (void)state;
    struct threads_case c;
    overlap_start(&c);
    builder_function(&c.b, "fetch", 2, 0);
    builder_function(&c.b, "scan", 3, 0);
    builder_function(&c.b, "report", 4, 0);
    builder_function(&c.b, "sum", 5, 0);
    int loop = builder_loop(&c.b, "main", 10, -1, LC_BOUND_DATA, 0, "n");
    queue_work(&c, "main", "fetch", 11);
    builder_in_loop(&c.b, loop);
    start_thread(&c, "scan", 12);
    builder_in_loop(&c.b, loop);
    start_thread(&c, "report", 13);                /* once, out of the loop */
    int joined = builder_loop(&c.b, "main", 14, -1, LC_BOUND_DATA, 0, "n");
    start_thread(&c, "sum", 15);
    builder_in_loop(&c.b, joined);
    builder_call(&c.b, "main", 16, builder_function_value("thread_join"), 1, builder_other_value(), "t");
    builder_in_loop(&c.b, joined);
    int macro = builder_loop(&c.b, "main", 17, -1, LC_BOUND_SMALL_CONSTANT, 1, "0");
    builder_function(&c.b, "once_more", 6, 0);
    start_thread(&c, "once_more", 18);             /* in a do { ... } while (0) */
    builder_in_loop(&c.b, macro);
    builder_access(&c.b, "fetch", 20, "c:@fetched", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "scan", 21, "c:@scanned", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "report", 22, "c:@reports", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "sum", 23, "c:@sums", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "once_more", 24, "c:@more", LC_ACCESS_WRITE, 0, NULL);
    run(&c);
    assert_non_null(message_at(&c, 20));
    assert_non_null(strstr(message_at(&c, 20), "written by 'fetch' on another run of it (it is handed to "
                                               "test_queue_work in a loop, so several run at once)"));
    assert_int_equal(at_line(&c, 20)->related_count, 1);   /* the chain once, then the access */
    assert_non_null(strstr(message_at(&c, 21), "handed to thread_create in a loop"));
    assert_null(at_line(&c, 22));                  /* one run */
    assert_null(at_line(&c, 23));                  /* joined in the same round */
    assert_null(at_line(&c, 24));                  /* the loop runs once */
    assert_int_equal(c.findings.count, 2);
    finish(&c);
}

static void test_wrapper_sites_and_the_loop(void **state)
{
    (void)state;
    struct threads_case c;
    overlap_start(&c);
    builder_function(&c.b, "start_worker", 2, 0);
    builder_call(&c.b, "start_worker", 3, builder_function_value("thread_create"), 3, builder_other_value(), "&t",
                 builder_null_value(), "NULL", builder_param_value("start_worker", 0), "run");
    builder_function(&c.b, "rotate", 4, 0);
    builder_function(&c.b, "single", 5, 0);
    int loop = builder_loop(&c.b, "main", 10, -1, LC_BOUND_DATA, 0, "n");
    builder_call(&c.b, "main", 11, builder_function_value("start_worker"), 1, builder_function_value("rotate"),
                 "rotate");
    builder_in_loop(&c.b, loop);
    builder_call(&c.b, "main", 12, builder_function_value("start_worker"), 1, builder_function_value("single"),
                 "single");
    builder_function(&c.b, "twice", 6, 0);
    start_thread(&c, "twice", 13);
    start_thread(&c, "twice", 14);
    on_loop(&c, "on_tick");
    builder_function(&c.b, "compress", 7, 0);
    queue_work(&c, "on_tick", "compress", 15);
    builder_access(&c.b, "rotate", 20, "c:@rotated", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "single", 21, "c:@singles", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "twice", 22, "c:@twice", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "compress", 23, "c:@compressed", LC_ACCESS_WRITE, 0, NULL);
    run(&c);
    assert_non_null(strstr(message_at(&c, 20), "handed to thread_create in a loop"));
    assert_null(at_line(&c, 21));                  /* the wrapper's one call out of a loop */
    assert_non_null(strstr(message_at(&c, 22), "handed to thread_create at more than one place"));
    assert_non_null(strstr(message_at(&c, 23), "the event loop queues it with test_queue_work"));
    assert_int_equal(c.findings.count, 3);
    finish(&c);
}

static void test_elements_and_once_calls(void **state)
{
    (void)state;
    struct threads_case c;
    overlap_start(&c);
    builder_function(&c.b, "work", 2, 0);
    builder_function(&c.b, "init_table", 3, 0);
    builder_function(&c.b, "fill", 4, 0);
    int loop = builder_loop(&c.b, "main", 10, -1, LC_BOUND_DATA, 0, "n");
    queue_work(&c, "main", "work", 11);
    builder_in_loop(&c.b, loop);
    builder_call(&c.b, "work", 20, builder_function_value("once_run"), 2, builder_other_value(), "&once",
                 builder_function_value("init_table"), "init_table");
    builder_call(&c.b, "init_table", 21, builder_function_value("fill"), 0);
    builder_access(&c.b, "init_table", 22, "c:@table", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "fill", 23, "c:@filled", LC_ACCESS_WRITE, 0, NULL);
    builder_access(&c.b, "work", 24, "c:@table", LC_ACCESS_READ, 0, NULL);
    builder_access(&c.b, "work", 25, "c:@filled", LC_ACCESS_READ, 0, NULL);
    builder_access(&c.b, "work", 26, "c:@slots", LC_ACCESS_WRITE, 0, NULL);
    c.b.facts.accesses[c.b.facts.access_count - 1].indexed = 1;
    builder_access(&c.b, "work", 27, "c:@slots", LC_ACCESS_READ, 0, NULL);
    c.b.facts.accesses[c.b.facts.access_count - 1].indexed = 1;
    builder_access(&c.b, "work", 28, "c:@total", LC_ACCESS_WRITE, 0, NULL);
    run(&c);
    assert_null(at_line(&c, 22));                  /* set once, by the once-call's function */
    assert_null(at_line(&c, 23));                  /* and by what only it calls */
    assert_null(at_line(&c, 26));                  /* each run's own element */
    assert_non_null(at_line(&c, 28));              /* the same runs do race on a scalar */
    assert_int_equal(c.findings.count, 1);
    uint8_t *once = lc_once_functions(&c.b.program);
    assert_non_null(once);
    assert_int_equal(once[builder_find(&c.b, "init_table")], 1);
    assert_int_equal(once[builder_find(&c.b, "fill")], 1);
    assert_int_equal(once[builder_find(&c.b, "work")], 0);
    free(once);
    finish(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_started_in_a_loop),
        cmocka_unit_test(test_wrapper_sites_and_the_loop),
        cmocka_unit_test(test_elements_and_once_calls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
