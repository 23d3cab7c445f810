/* test_extract_call_restart.c — a self-call whose arguments are constants
 * or the caller's own unchanged parameters, at least one a constant, made
 * as a return's value or a statement of its own after nothing but
 * constant writes on the way, restarts its function on a fixed request
 * (call fact restart_call, extract_call_restart.c).  Not after a call, an
 * increment or a store of a value through a parameter, with a moved or
 * changed argument, with no constant, nor in a loop.  On
 * data/extract/call_restart.c. */
#include "extract_fixture.h"

static int restart_at(struct extract_test *test, const char *tag, const char *callee)
{
    return find_call_at(test, tag, callee)->restart_call;
}

static void test_restart(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "call_restart.c"), 0);
    assert_int_equal(restart_at(test, "fixed_request", "seek"), 1);
}

static void test_not_restart(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "call_restart.c"), 0);
    assert_int_equal(restart_at(test, "call_before", "after_call"), 0);
    assert_int_equal(restart_at(test, "increment_before", "after_increment"), 0);
    assert_int_equal(restart_at(test, "store_before", "after_store"), 0);
    assert_int_equal(restart_at(test, "moved_argument", "moved"), 0);
    assert_int_equal(restart_at(test, "no_constant", "all_own"), 0);
    assert_int_equal(restart_at(test, "changed_parameter", "changed_own"), 0);
    assert_int_equal(restart_at(test, "in_a_loop", "in_loop"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_restart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_restart, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
