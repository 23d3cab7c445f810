/* threads_case.h — what the thread tests (test_threads_*.c) share: the
 * rules their hand-built programs are checked against (a library with a
 * pool, a timer, a loop runner, a mutex, blocking calls, pause/resume,
 * threads and a barrier), the counter lock, and a case: a program with
 * main, a timer callback (on_loop) and pool jobs (on_pool), run through
 * unlocked-shared-state, and its findings looked up by line.  Included by
 * each test program; everything is static or static inline. */
#ifndef LOOPCHECK_TEST_THREADS_CASE_H
#define LOOPCHECK_TEST_THREADS_CASE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

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

static inline void start(struct threads_case *c)
{
    builder_begin(&c->b, rules);
    builder_tu(&c->b, "shared.c");
    builder_function(&c->b, "main", 1, 0);
}

static inline void on_loop(struct threads_case *c, const char *callback)
{
    builder_function(&c->b, callback, 2, 0);
    builder_call(&c->b, "main", 3, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value(callback), callback);
}

static inline void on_pool(struct threads_case *c, const char *work)
{
    builder_function(&c->b, work, 4, 0);
    builder_call(&c->b, "main", 5, builder_function_value("test_queue_work"), 4, builder_other_value(), "l",
                 builder_other_value(), "r", builder_function_value(work), work, builder_null_value(), "NULL");
}

static inline void run(struct threads_case *c)
{
    assert_int_equal(builder_end_tu(&c->b), 0);
    assert_int_equal(builder_link(&c->b), 0);
    lc_findings_init(&c->findings);
    lc_check_find("unlocked-shared-state")->run(&c->b.program, &c->findings);
    lc_findings_sort(&c->findings);
}

static inline void finish(struct threads_case *c)
{
    lc_findings_free(&c->findings);
    builder_free(&c->b);
}

static inline const struct lc_finding *at_line(struct threads_case *c, unsigned line)
{
    for (size_t i = 0; i < c->findings.count; i++)
        if (c->findings.items[i].loc.line == line)
            return &c->findings.items[i];
    return NULL;
}

#endif
