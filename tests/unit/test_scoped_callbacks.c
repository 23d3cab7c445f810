/* test_scoped_callbacks.c — callbacks installed only for the duration of a
 * call (scoped_callbacks.c) over hand-built programs: a VM whose step()
 * calls through the field vm.hook; the loop's timer installs count_hook
 * (through the setter set_hook, or a plain store) around run() and takes
 * it out again; a pool job frees a VM, whose finaliser steps.  Scoped: a
 * removal after a call that reaches the hook's call, an unconditional
 * removal or one as conditional as the install, a hook that puts itself
 * back (or a helper only it reaches does), a local copy of the field in the
 * function that copies it.  Not scoped: no removal, a removal with no such
 * call in between (an array's terminator), a removal only on an error
 * path, another function's install, the hook passed in a variable.  And
 * the roles: the job does not reach a scoped hook (no race), nor does the
 * loop when only `main` installs it, unless a function pointer was cut. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "checks.h"
#include "program_builder.h"
#include "scoped_callbacks.h"
#include "threads.h"

static const char rules[] =
    "library testuv offload \"test_queue_work(loop, req, work, done)\"\n"
    "callback timer_start arg2 loop\n"
    "callback test_queue_work arg3 pool\n"
    "callback test_queue_work arg4 loop\n";

struct scoped_case {
    struct builder b;
    struct lc_scoped_callbacks scoped;
    struct lc_findings findings;
};

/* The VM, the loop's timer on_tick (its calls are each test's), the pool
 * job free_job, and the hook count_hook, which writes hook_count at line
 * 16. */
static void start(struct scoped_case *c)
{
    struct builder *b = &c->b;
    memset(&c->scoped, 0, sizeof c->scoped);
    builder_begin(b, rules);
    builder_tu(b, "vm.c");
    builder_function(b, "main", 1, 0);
    builder_function(b, "on_tick", 2, 0);
    builder_call(b, "main", 3, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value("on_tick"), "on_tick");
    builder_function(b, "free_job", 4, 0);
    builder_call(b, "main", 5, builder_function_value("test_queue_work"), 4, builder_other_value(), "l",
                 builder_other_value(), "r", builder_function_value("free_job"), "free_job", builder_null_value(),
                 "NULL");
    builder_function(b, "set_hook", 6, 0);
    builder_store(b, "set_hook", 7, builder_field_value(b, "vm", "hook"), builder_param_value("set_hook", 1));
    builder_function(b, "step", 8, 0);
    builder_call(b, "step", 9, builder_field_value(b, "vm", "hook"), 1, builder_other_value(), "vm");
    builder_function(b, "run", 10, 0);
    builder_call(b, "run", 11, builder_function_value("step"), 1, builder_other_value(), "vm");
    builder_function(b, "free_vm", 12, 0);
    builder_call(b, "free_vm", 13, builder_function_value("step"), 1, builder_other_value(), "vm");
    builder_call(b, "free_job", 14, builder_function_value("free_vm"), 1, builder_other_value(), "vm");
    builder_function(b, "count_hook", 15, 0);
    builder_access(b, "count_hook", 16, "c:@hook_count", LC_ACCESS_WRITE, 0, NULL);
}

/* `caller` calls set_hook(vm, value) at `line`. */
static void set_hook(struct scoped_case *c, const char *caller, unsigned line, struct lc_value value)
{
    builder_call(&c->b, caller, line, builder_function_value("set_hook"), 2, builder_other_value(), "vm", value,
                 value.kind == LC_VALUE_NULL ? "NULL" : "hook");
}

/* `caller` calls `callee` at `line`. */
static void call(struct scoped_case *c, const char *caller, unsigned line, const char *callee)
{
    builder_call(&c->b, caller, line, builder_function_value(callee), 1, builder_other_value(), "vm");
}

/* The last call made may not run every time its function does. */
static void conditional(struct scoped_case *c)
{
    c->b.facts.calls[c->b.facts.call_count - 1].conditional = 1;
}

static void run(struct scoped_case *c)
{
    assert_int_equal(builder_end_tu(&c->b), 0);
    assert_int_equal(builder_link(&c->b), 0);
    assert_int_equal(lc_scoped_callbacks_compute(&c->b.program, &c->scoped), 0);
    lc_findings_init(&c->findings);
    lc_check_find("unlocked-shared-state")->run(&c->b.program, &c->findings);
}

static void finish(struct scoped_case *c)
{
    lc_findings_free(&c->findings);
    lc_scoped_callbacks_free(&c->scoped);
    builder_free(&c->b);
}

/* The first call `function` makes through a pointer. */
static const struct lc_program_call *pointer_call(struct scoped_case *c, const char *function)
{
    const struct lc_program_function *fn = &c->b.program.functions[builder_find(&c->b, function)];
    for (uint32_t k = fn->first_call; k < fn->first_call + fn->call_count; k++)
        if (c->b.program.calls[k].callee.kind != LC_VALUE_FUNCTION)
            return &c->b.program.calls[k];
    fail_msg("%s makes no call through a pointer", function);
    return NULL;
}

/* The functions that scope count_hook for step()'s call through the field
 * (NULL: not scoped); *count of them. */
static const uint32_t *hook_scopes(struct scoped_case *c, uint32_t *count)
{
    const struct lc_program_call *through = pointer_call(c, "step");
    return lc_scoped_callbacks_find(&c->scoped, through->callee.flow_node, builder_find(&c->b, "count_hook"),
                                    builder_find(&c->b, "step"), count);
}

/* count_hook scoped to on_tick alone, and no race: the job never runs on_tick. */
static void assert_scoped_to_on_tick(struct scoped_case *c)
{
    uint32_t count = 0;
    const uint32_t *scopes = hook_scopes(c, &count);
    assert_non_null(scopes);
    assert_int_equal(count, 1);
    assert_int_equal(scopes[0], builder_find(&c->b, "on_tick"));
    assert_int_equal(c->findings.count, 0);
}

/* count_hook not scoped: the job's finaliser reaches it, a race with the loop. */
static void assert_not_scoped(struct scoped_case *c)
{
    uint32_t count;
    assert_null(hook_scopes(c, &count));
    assert_int_equal(c->findings.count, 1);
    assert_int_equal(c->findings.items[0].loc.line, 16);
}

/* on_tick: `set_hook(vm, count_hook); run(vm); set_hook(vm, NULL);` at
 * lines 20-22. */
static void install_around_run(struct scoped_case *c)
{
    set_hook(c, "on_tick", 20, builder_function_value("count_hook"));
    call(c, "on_tick", 21, "run");
    set_hook(c, "on_tick", 22, builder_null_value());
}

static void test_setter_around_a_call(void **state)
{
    (void)state;
    struct scoped_case c;
    start(&c);
    install_around_run(&c);
    run(&c);
    assert_scoped_to_on_tick(&c);
    finish(&c);
}

static void test_plain_stores_around_a_call(void **state)
{
    (void)state;
    struct scoped_case c;
    start(&c);
    builder_store(&c.b, "on_tick", 20, builder_field_value(&c.b, "vm", "hook"), builder_function_value("count_hook"));
    call(&c, "on_tick", 21, "run");
    builder_store(&c.b, "on_tick", 22, builder_field_value(&c.b, "vm", "hook"), builder_null_value());
    run(&c);
    assert_scoped_to_on_tick(&c);
    finish(&c);
}

static void test_installed_for_good(void **state)
{
    (void)state;
    struct scoped_case c;
    start(&c);
    set_hook(&c, "on_tick", 20, builder_function_value("count_hook"));
    call(&c, "on_tick", 21, "run");
    run(&c);
    assert_not_scoped(&c);
    finish(&c);
}

/* set_hook(vm, count_hook); set_hook(other, NULL); run(vm): the NULL is no
 * removal around a call (another object, an array's terminator). */
static void test_no_call_in_between(void **state)
{
    (void)state;
    struct scoped_case c;
    start(&c);
    set_hook(&c, "on_tick", 20, builder_function_value("count_hook"));
    set_hook(&c, "on_tick", 21, builder_null_value());
    call(&c, "on_tick", 22, "run");
    run(&c);
    assert_not_scoped(&c);
    finish(&c);
}

/* `if (run(vm) < 0) set_hook(vm, NULL);` after an unconditional install:
 * it stays installed when run() succeeds. */
static void test_removal_on_an_error_path(void **state)
{
    (void)state;
    struct scoped_case c;
    start(&c);
    install_around_run(&c);
    conditional(&c);
    run(&c);
    assert_not_scoped(&c);
    finish(&c);
}

/* `if (counting) set_hook(vm, count_hook); run(vm); if (counting)
 * set_hook(vm, NULL);`: as conditional as the install. */
static void test_conditional_install_and_removal(void **state)
{
    (void)state;
    struct scoped_case c;
    start(&c);
    set_hook(&c, "on_tick", 20, builder_function_value("count_hook"));
    conditional(&c);
    call(&c, "on_tick", 21, "run");
    set_hook(&c, "on_tick", 22, builder_null_value());
    conditional(&c);
    run(&c);
    assert_scoped_to_on_tick(&c);
    finish(&c);
}

/* count_hook puts itself back, and so does rearm, which only it calls:
 * still scoped.  A second loop callback installing it for good is not. */
static void test_reinstalls(void **state)
{
    (void)state;
    for (int other_installer = 0; other_installer < 2; other_installer++) {
        struct scoped_case c;
        start(&c);
        install_around_run(&c);
        set_hook(&c, "count_hook", 30, builder_function_value("count_hook"));
        call(&c, "count_hook", 31, "rearm");
        builder_function(&c.b, "rearm", 32, 0);
        set_hook(&c, "rearm", 33, builder_function_value("count_hook"));
        if (other_installer) {
            builder_function(&c.b, "on_other", 40, 0);
            builder_call(&c.b, "main", 41, builder_function_value("timer_start"), 2, builder_other_value(), "&u",
                         builder_function_value("on_other"), "on_other");
            set_hook(&c, "on_other", 42, builder_function_value("count_hook"));
        }
        run(&c);
        if (other_installer)
            assert_not_scoped(&c);
        else
            assert_scoped_to_on_tick(&c);
        finish(&c);
    }
}

/* `hook_t h = count_hook; set_hook(vm, h);`: through a variable, not
 * followed: not scoped. */
static void test_hook_in_a_variable(void **state)
{
    (void)state;
    struct scoped_case c;
    start(&c);
    builder_store(&c.b, "on_tick", 19, builder_var_value("c:vm.c@h"), builder_function_value("count_hook"));
    set_hook(&c, "on_tick", 20, builder_var_value("c:vm.c@h"));
    call(&c, "on_tick", 21, "run");
    set_hook(&c, "on_tick", 22, builder_null_value());
    run(&c);
    assert_not_scoped(&c);
    finish(&c);
}

/* finalise() copies the field into a local and calls through the copy:
 * scoped for its calls, not for another function calling through the same
 * variable node. */
static void test_local_copy(void **state)
{
    (void)state;
    struct scoped_case c;
    start(&c);
    install_around_run(&c);
    builder_function(&c.b, "finalise", 50, 0);
    builder_store(&c.b, "finalise", 51, builder_var_value("c:vm.c@F@finalise@h"),
                  builder_field_value(&c.b, "vm", "hook"));
    builder_call(&c.b, "finalise", 52, builder_var_value("c:vm.c@F@finalise@h"), 1, builder_other_value(), "vm");
    call(&c, "free_vm", 53, "finalise");
    run(&c);
    const struct lc_program_call *through = pointer_call(&c, "finalise");
    uint32_t count = 0, hook = builder_find(&c.b, "count_hook");
    const uint32_t *scopes = lc_scoped_callbacks_find(&c.scoped, through->callee.flow_node, hook,
                                                      builder_find(&c.b, "finalise"), &count);
    assert_non_null(scopes);
    assert_int_equal(count, 1);
    assert_int_equal(scopes[0], builder_find(&c.b, "on_tick"));
    assert_null(lc_scoped_callbacks_find(&c.scoped, through->callee.flow_node, hook, builder_find(&c.b, "step"),
                                         &count));
    assert_int_equal(c.findings.count, 0);
    finish(&c);
}

/* Only main installs the hook around run(): the loop's timer, which steps
 * a VM too, does not reach it, and the loop's role leaves it out. */
static void test_installed_by_main_only(void **state)
{
    (void)state;
    struct scoped_case c;
    start(&c);
    set_hook(&c, "main", 20, builder_function_value("count_hook"));
    call(&c, "main", 21, "run");
    set_hook(&c, "main", 22, builder_null_value());
    call(&c, "on_tick", 23, "run");
    run(&c);
    assert_true(c.b.program.on_loop[builder_find(&c.b, "count_hook")]);   /* the coloring does */
    assert_true(lc_scoped_callbacks_escape(&c.scoped, c.b.program.on_loop));
    assert_int_equal(c.findings.count, 0);
    finish(&c);
}

/* Does `function` run on the loop's role (threads.h)? */
static int on_loop_role(struct scoped_case *c, const char *function)
{
    const struct lc_threads *t = c->b.program.threads;
    uint32_t f = builder_find(&c->b, function);
    for (uint8_t i = 0; i < t->function_role_count[f]; i++)
        if (t->function_roles[(size_t)f * LC_THREAD_ROLE_CAP + i] == LC_THREAD_ROLE_LOOP)
            return 1;
    return 0;
}

/* As above, and once more with a function pointer cut (three functions
 * stored into `table.fn`, the cap set to 3): the loop may run main's
 * installing code behind it, so its role keeps the hook. */
static void test_loop_keeps_hooks_when_a_pointer_is_cut(void **state)
{
    (void)state;
    for (int cut = 0; cut < 2; cut++) {
        struct scoped_case c;
        start(&c);
        set_hook(&c, "main", 20, builder_function_value("count_hook"));
        call(&c, "main", 21, "run");
        set_hook(&c, "main", 22, builder_null_value());
        call(&c, "on_tick", 23, "run");
        const char *const handlers[] = { "h1", "h2", "h3" };
        for (unsigned i = 0; i < 3; i++) {
            builder_function(&c.b, handlers[i], 60 + i, 0);
            builder_store(&c.b, NULL, 64 + i, builder_field_value(&c.b, "table", "fn"),
                          builder_function_value(handlers[i]));
        }
        assert_int_equal(builder_end_tu(&c.b), 0);
        assert_int_equal(lc_program_load(&c.b.program, c.b.store, &c.b.models, stderr), 0);
        if (cut)
            c.b.program.pointer_target_cap = 3;
        assert_int_equal(lc_fpflow_resolve(&c.b.program, stderr), 0);
        assert_int_equal(lc_color_program(&c.b.program), 0);
        assert_int_equal(c.b.program.cut_pointer_count, (uint32_t)cut);
        assert_int_equal(on_loop_role(&c, "count_hook"), cut);
        assert_true(on_loop_role(&c, "step"));
        lc_findings_init(&c.findings);
        finish(&c);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_setter_around_a_call),
        cmocka_unit_test(test_plain_stores_around_a_call),
        cmocka_unit_test(test_installed_for_good),
        cmocka_unit_test(test_no_call_in_between),
        cmocka_unit_test(test_removal_on_an_error_path),
        cmocka_unit_test(test_conditional_install_and_removal),
        cmocka_unit_test(test_reinstalls),
        cmocka_unit_test(test_hook_in_a_variable),
        cmocka_unit_test(test_local_copy),
        cmocka_unit_test(test_installed_by_main_only),
        cmocka_unit_test(test_loop_keeps_hooks_when_a_pointer_is_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
