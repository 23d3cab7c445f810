/* test_color.c — coloring and the blocking-call check over hand-built
 * programs: loop reachability with shortest chains, workers, main before
 * the loop, nonblocking/blocking annotations, argument conditions,
 * recursion, entry counts and the blocking color. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "checks.h"
#include "program_builder.h"
#include "scc.h"

static const char rules[] =
    "library testuv offload \"test_queue_work(loop, req, work, done)\"\n"
    "callback timer_start arg2 loop\n"
    "callback test_queue_work arg3 pool\n"
    "callback test_queue_work arg4 loop\n"
    "library libc offload \"a worker thread\"\n"
    "blocking sleep reason \"suspends the thread\" instead \"a timer\"\n"
    "blocking fs_open if arg3=null reason \"opens the file synchronously\" instead \"pass a callback\"\n"
    "blocking recv unless arg4~MSG_DONTWAIT reason \"waits for data\"\n"
    "terminates abort\n";

struct color_case {
    struct builder b;
    struct lc_findings findings;
};

static void register_timer(struct builder *b, const char *callback, unsigned line)
{
    builder_call(b, "main", line, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value(callback), callback);
}

static void run_checks(struct color_case *c)
{
    assert_int_equal(builder_end_tu(&c->b), 0);
    assert_int_equal(builder_link(&c->b), 0);
    lc_findings_init(&c->findings);
    lc_check_find("blocking-call")->run(&c->b.program, &c->findings);
    lc_findings_sort(&c->findings);
}

static void finish(struct color_case *c)
{
    lc_findings_free(&c->findings);
    builder_free(&c->b);
}

static const struct lc_finding *finding_at(struct color_case *c, unsigned line)
{
    for (size_t i = 0; i < c->findings.count; i++)
        if (c->findings.items[i].loc.line == line)
            return &c->findings.items[i];
    return NULL;
}

static void test_chain_from_registration_to_blocking_call(void **state)
{
    (void)state;
    struct color_case c;
    builder_begin(&c.b, rules);
    builder_tu(&c.b, "server.c");
    builder_function(&c.b, "main", 1, 0);
    builder_function(&c.b, "on_tick", 2, 0);
    builder_function(&c.b, "save", 3, 0);
    builder_function(&c.b, "flush", 4, 0);
    register_timer(&c.b, "on_tick", 10);
    builder_call(&c.b, "on_tick", 11, builder_function_value("save"), 0);
    builder_call(&c.b, "save", 12, builder_function_value("flush"), 0);
    builder_call(&c.b, "flush", 13, builder_function_value("sleep"), 1, builder_other_value(), "1");
    builder_call(&c.b, "main", 14, builder_function_value("sleep"), 1, builder_other_value(), "1");
    run_checks(&c);
    assert_int_equal(c.findings.count, 1);
    const struct lc_finding *f = finding_at(&c, 13);
    assert_non_null(f);
    assert_string_equal(f->rule_id, "blocking-call");
    assert_int_equal(f->chain_count, 4);
    assert_int_equal(f->chain[0].loc.line, 10);
    assert_int_equal(f->chain[1].loc.line, 11);
    assert_int_equal(f->chain[2].loc.line, 12);
    assert_int_equal(f->chain[3].loc.line, 13);
    assert_non_null(strstr(f->message, "'sleep' blocks the event loop"));
    assert_non_null(strstr(f->message, "a timer"));
    assert_non_null(strstr(f->message, "1 entry point "));
    assert_non_null(strstr(f->message, "registered as a loop callback with timer_start"));
    assert_non_null(strstr(f->message, "test_queue_work"));
    struct lc_program *p = &c.b.program;
    assert_true(p->blocking[builder_find(&c.b, "on_tick")]);
    assert_true(p->blocking[builder_find(&c.b, "flush")]);
    assert_false(p->on_loop[builder_find(&c.b, "main")]);
    finish(&c);
}

static void test_workers_annotations_and_conditions(void **state)
{
    (void)state;
    struct color_case c;
    builder_begin(&c.b, rules);
    builder_tu(&c.b, "mix.c");
    builder_function(&c.b, "main", 1, 0);
    builder_function(&c.b, "on_tick", 2, 0);
    builder_function(&c.b, "work", 3, 0);
    builder_function(&c.b, "done", 4, 0);
    builder_function(&c.b, "trusted", 5, LC_ANNOT_NONBLOCKING);
    builder_function(&c.b, "slow", 6, LC_ANNOT_BLOCKING);
    builder_function(&c.b, "on_open", 7, 0);
    register_timer(&c.b, "on_tick", 10);
    builder_call(&c.b, "main", 11, builder_function_value("test_queue_work"), 4, builder_other_value(), "loop",
                 builder_other_value(), "&req", builder_function_value("work"), "work",
                 builder_function_value("done"), "done");
    builder_call(&c.b, "work", 12, builder_function_value("sleep"), 1, builder_other_value(), "1");
    builder_call(&c.b, "done", 13, builder_function_value("slow"), 0);
    builder_call(&c.b, "slow", 14, builder_function_value("sleep"), 1, builder_other_value(), "1");
    builder_call(&c.b, "on_tick", 15, builder_function_value("trusted"), 0);
    builder_call(&c.b, "trusted", 16, builder_function_value("sleep"), 1, builder_other_value(), "1");
    builder_call(&c.b, "on_tick", 17, builder_function_value("fs_open"), 3, builder_other_value(), "loop",
                 builder_string_value(), "\"x\"", builder_null_value(), "NULL");
    builder_call(&c.b, "on_tick", 18, builder_function_value("fs_open"), 3, builder_other_value(), "loop",
                 builder_string_value(), "\"x\"", builder_function_value("on_open"), "on_open");
    builder_call(&c.b, "on_tick", 19, builder_function_value("recv"), 4, builder_other_value(), "fd",
                 builder_other_value(), "buf", builder_other_value(), "n", builder_other_value(), "MSG_DONTWAIT");
    builder_call(&c.b, "on_tick", 20, builder_function_value("recv"), 4, builder_other_value(), "fd",
                 builder_other_value(), "buf", builder_other_value(), "n", builder_other_value(), "MSG_PEEK");
    run_checks(&c);
    assert_null(finding_at(&c, 12));    /* worker */
    assert_non_null(finding_at(&c, 13)); /* annotated blocking, after-work runs on the loop */
    assert_null(finding_at(&c, 14));    /* body of an annotated blocking function */
    assert_null(finding_at(&c, 16));    /* inside a nonblocking function */
    const struct lc_finding *open_null = finding_at(&c, 17);
    assert_non_null(open_null);
    assert_non_null(strstr(open_null->message, "argument 3 is NULL"));
    assert_null(finding_at(&c, 18));    /* callback given */
    assert_null(finding_at(&c, 19));    /* MSG_DONTWAIT */
    const struct lc_finding *recv_peek = finding_at(&c, 20);
    assert_non_null(recv_peek);
    assert_non_null(strstr(recv_peek->message, "argument 4 lacks MSG_DONTWAIT"));
    assert_int_equal(c.findings.count, 3);
    struct lc_program *p = &c.b.program;
    assert_true(p->on_worker[builder_find(&c.b, "work")]);
    assert_false(p->on_loop[builder_find(&c.b, "work")]);
    assert_false(p->blocking[builder_find(&c.b, "trusted")]);
    finish(&c);
}

static void test_recursion_and_entry_counts(void **state)
{
    (void)state;
    struct color_case c;
    builder_begin(&c.b, rules);
    builder_tu(&c.b, "rec.c");
    builder_function(&c.b, "main", 1, 0);
    builder_function(&c.b, "on_a", 2, 0);
    builder_function(&c.b, "on_b", 3, 0);
    builder_function(&c.b, "walk", 4, 0);
    register_timer(&c.b, "on_a", 10);
    register_timer(&c.b, "on_b", 11);
    builder_call(&c.b, "on_a", 12, builder_function_value("walk"), 0);
    builder_call(&c.b, "on_b", 13, builder_function_value("walk"), 0);
    builder_call(&c.b, "walk", 14, builder_function_value("walk"), 0);
    builder_call(&c.b, "walk", 15, builder_function_value("sleep"), 1, builder_other_value(), "1");
    run_checks(&c);
    assert_int_equal(c.findings.count, 1);
    assert_non_null(strstr(c.findings.items[0].message, "reached from 2 entry points"));
    assert_int_equal(c.b.program.entry_points[builder_find(&c.b, "walk")], 2);
    finish(&c);
}

static void test_functions_that_never_return(void **state)
{
    (void)state;
    struct color_case c;
    builder_begin(&c.b, rules);
    builder_tu(&c.b, "panic.c");
    builder_function(&c.b, "main", 1, 0);
    builder_function(&c.b, "on_tick", 2, 0);
    builder_function(&c.b, "panic", 3, 0);
    builder_function(&c.b, "check", 4, 0);
    register_timer(&c.b, "on_tick", 10);
    builder_call(&c.b, "on_tick", 11, builder_function_value("panic"), 0);
    c.b.facts.calls[c.b.facts.call_count - 1].conditional = 1;
    builder_call(&c.b, "on_tick", 12, builder_function_value("check"), 0);
    /* panic: writes a crash log, then aborts whatever happens */
    builder_call(&c.b, "panic", 20, builder_function_value("sleep"), 1, builder_other_value(), "1");
    builder_call(&c.b, "panic", 21, builder_function_value("abort"), 0);
    c.b.facts.calls[c.b.facts.call_count - 1].runs = LC_RUNS_ONCE;
    /* check: aborts only sometimes, so it returns and its sleep counts */
    builder_call(&c.b, "check", 30, builder_function_value("sleep"), 1, builder_other_value(), "1");
    builder_call(&c.b, "check", 31, builder_function_value("abort"), 0);
    c.b.facts.calls[c.b.facts.call_count - 1].conditional = 1;
    /* dispatch: returns from the cases of a switch, and aborts after it
     * (`unreachable()` for a value no case takes): it returns too */
    builder_function(&c.b, "dispatch", 5, 0);
    builder_call(&c.b, "on_tick", 13, builder_function_value("dispatch"), 0);
    builder_call(&c.b, "dispatch", 40, builder_function_value("sleep"), 1, builder_other_value(), "1");
    builder_call(&c.b, "dispatch", 41, builder_function_value("abort"), 0);
    c.b.facts.calls[c.b.facts.call_count - 1].runs = LC_RUNS_UNLESS_RETURNED;
    run_checks(&c);
    assert_null(finding_at(&c, 20));
    assert_non_null(finding_at(&c, 30));
    assert_non_null(finding_at(&c, 40));
    assert_true(c.b.program.terminates[builder_find(&c.b, "panic")]);
    assert_false(c.b.program.terminates[builder_find(&c.b, "check")]);
    assert_false(c.b.program.terminates[builder_find(&c.b, "dispatch")]);
    assert_false(c.b.program.terminates[builder_find(&c.b, "on_tick")]);
    finish(&c);
}

/* The members of a component are listed by function index: a cycle whose
 * members lie close together (their index range is scanned) and one whose
 * members lie far apart (they are sorted). */
static void test_component_members_by_index(void **state)
{
    (void)state;
    struct color_case c;
    builder_begin(&c.b, rules);
    builder_tu(&c.b, "cycles.c");
    char names[24][8];
    for (int i = 0; i < 24; i++) {
        snprintf(names[i], sizeof names[i], "f%d", i);
        builder_function(&c.b, names[i], (unsigned)i + 1, 0);
    }
    /* f0 -> f1 -> f2 -> f3 -> f1 and f4 -> f23 -> f4: depth-first, each
     * cycle's members come off the stack last index first */
    builder_call(&c.b, "f0", 30, builder_function_value("f1"), 0);
    builder_call(&c.b, "f1", 31, builder_function_value("f2"), 0);
    builder_call(&c.b, "f2", 32, builder_function_value("f3"), 0);
    builder_call(&c.b, "f3", 33, builder_function_value("f1"), 0);
    builder_call(&c.b, "f4", 34, builder_function_value("f23"), 0);
    builder_call(&c.b, "f23", 35, builder_function_value("f4"), 0);
    run_checks(&c);
    const struct lc_scc *scc = c.b.program.scc;
    assert_non_null(scc);
    uint32_t f1 = builder_find(&c.b, "f1"), f4 = builder_find(&c.b, "f4");
    uint32_t near = scc->component_of[f1], far = scc->component_of[f4];
    assert_int_equal(scc->component_start[near + 1] - scc->component_start[near], 3);
    assert_int_equal(scc->component_start[far + 1] - scc->component_start[far], 2);
    const char *near_members[] = { "f1", "f2", "f3" }, *far_members[] = { "f4", "f23" };
    for (uint32_t i = 0; i < 3; i++)
        assert_int_equal(scc->order[scc->component_start[near] + i], builder_find(&c.b, near_members[i]));
    for (uint32_t i = 0; i < 2; i++)
        assert_int_equal(scc->order[scc->component_start[far] + i], builder_find(&c.b, far_members[i]));
    for (uint32_t i = 0; i < c.b.program.function_count; i++)
        assert_true(scc->order[i] < c.b.program.function_count);
    finish(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chain_from_registration_to_blocking_call),
        cmocka_unit_test(test_workers_annotations_and_conditions),
        cmocka_unit_test(test_recursion_and_entry_counts),
        cmocka_unit_test(test_functions_that_never_return),
        cmocka_unit_test(test_component_members_by_index),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
