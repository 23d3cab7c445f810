/* test_extract_loop_step_call.c — a call that gives a loop's walker its
 * next value from the walker itself, in the condition, or in the body for
 * the walker the condition tests or the copy the increment steps it to
 * (also as an arm of a `?:`: one of two steps),
 * is the loop's step and counts outside the loop (loop_index of the loop
 * around, -1 at the top); a call giving another variable its value, or a
 * value not read from the walker, stays in the loop; and the function
 * whose non-zero result keeps a loop going (drain_name)
 * (extract_loop_step_call.c).  On data/extract/loop_step_call.c. */
#include "extract_fixture.h"

static int loop_of_call(struct extract_test *test, const char *tag)
{
    return find_call_at(test, tag, NULL)->loop_index;
}

static void test_steps_count_outside(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_step_call.c"), 0);
    assert_int_equal(loop_of_call(test, "step: condition"), -1);
    assert_int_equal(loop_of_call(test, "step: body"), -1);
    assert_int_equal(loop_of_call(test, "step: copy kept"), -1);
    assert_int_equal(loop_of_call(test, "step: copy removed"), -1);
    assert_int_equal(loop_of_call(test, "step: either removed"), -1);
    assert_int_equal(loop_of_call(test, "step: either kept"), -1);
}

static void test_other_calls_stay_in_the_loop(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_step_call.c"), 0);
    assert_true(loop_of_call(test, "step: other variable") >= 0);
    assert_true(loop_of_call(test, "step: lookup") >= 0);
}

/* The function whose non-zero result keeps a loop going (drain_name). */
static void assert_drain(struct extract_test *test, const char *tag, const char *name)
{
    assert_optional_string(find_loop(test, tag)->drain_name, name);
}

static void test_drain_names(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_step_call.c"), 0);
    assert_drain(test, "drain: assigned", "queue_pop");
    assert_drain(test, "drain: compared", "queue_pop");
    assert_drain(test, "drain: pointer", "list_pop");
    assert_drain(test, "drain: bare", "queue_pop");
    assert_drain(test, "drain: until", NULL);     /* runs while it returns 0 */
    assert_drain(test, "drain: counted", NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_steps_count_outside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_calls_stay_in_the_loop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_drain_names, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
