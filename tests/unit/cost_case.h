/* cost_case.h — what the cost tests (test_cost_*.c but test_cost_passed.c
 * and test_cost_link_depth.c) share: the rules their hand-built programs
 * are checked against (a timer, a pool, a cpu-heavy library call, a cheap
 * function), a case:
 * a program with main and timer callbacks (entry), run through
 * cpu-heavy-loop, its findings looked up by line, and the program's loop
 * at a line.  Included by each test program; everything is static or
 * static inline. */
#ifndef LOOPCHECK_TEST_COST_CASE_H
#define LOOPCHECK_TEST_COST_CASE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "checks.h"
#include "cost.h"
#include "program_builder.h"

static const char rules[] =
    "library testuv offload \"test_queue_work(loop, req, work, done)\"\n"
    "callback timer_start arg2 loop\n"
    "callback test_queue_work arg3 pool\n"
    "cpu-heavy crypt reason \"hashes a password on purpose slowly\" instead \"hash on the pool\"\n"
    "fails close result=-1\n"
    "frees free arg1\n"
    "cheap pool_append reason \"walks the blocks from a mark it moves on\"\n";

struct cost_case {
    struct builder b;
    struct lc_findings findings;
};

static inline void start(struct cost_case *c)
{
    builder_begin(&c->b, rules);
    builder_tu(&c->b, "cpu.c");
    builder_function(&c->b, "main", 1, 0);
}

static inline void entry(struct cost_case *c, const char *callback)
{
    builder_function(&c->b, callback, 2, 0);
    builder_call(&c->b, "main", 3, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value(callback), callback);
}

static inline void run(struct cost_case *c)
{
    assert_int_equal(builder_end_tu(&c->b), 0);
    assert_int_equal(builder_link(&c->b), 0);
    lc_findings_init(&c->findings);
    lc_check_find("cpu-heavy-loop")->run(&c->b.program, &c->findings);
    lc_findings_sort(&c->findings);
}

static inline void finish(struct cost_case *c)
{
    lc_findings_free(&c->findings);
    builder_free(&c->b);
}

static inline const struct lc_finding *at_line(struct cost_case *c, unsigned line)
{
    for (size_t i = 0; i < c->findings.count; i++)
        if (c->findings.items[i].loc.line == line)
            return &c->findings.items[i];
    return NULL;
}

/* The program's loop at `line`. */
static inline uint32_t loop_at(struct cost_case *c, unsigned line)
{
    for (uint32_t l = 0; l < c->b.program.loop_count; l++)
        if (c->b.program.loops[l].loc.line == line)
            return l;
    fail_msg("no loop at line %u", line);
    return LC_NONE;
}

#endif
