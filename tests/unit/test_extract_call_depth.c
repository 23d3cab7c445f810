/* test_extract_call_depth.c — a direct self-call made only once a depth
 * counter passed a test against a constant limit (call fact depth_limit,
 * extract_call_depth.c): a field of the parameter passed on, incremented
 * in the test; a parameter given one more; a static counter incremented
 * after the test that leaves.  Not a counter never incremented, a local,
 * a test the wrong way, a parameter changed on the way, a parameter
 * passed as it came, a counter set back on the way (`= 0`, `--`), nor a
 * call in a loop.  On data/extract/call_depth.c. */
#include "extract_fixture.h"

static long long depth_at(struct extract_test *test, const char *tag, const char *callee)
{
    return find_call_at(test, tag, callee)->depth_limit;
}

static void test_depth_limited(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "call_depth.c"), 0);
    assert_int_equal(depth_at(test, "field_in_test", "follow"), 16);
    assert_int_equal(depth_at(test, "parameter_plus_one", "descend"), 8);
    assert_int_equal(depth_at(test, "static_after_test", "nest"), 100);
}

static void test_not_depth_limited(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "call_depth.c"), 0);
    assert_int_equal(depth_at(test, "never_incremented", "no_increment"), 0);
    assert_int_equal(depth_at(test, "local_level", "local_counter"), 0);
    assert_int_equal(depth_at(test, "bound_below", "wrong_way"), 0);
    assert_int_equal(depth_at(test, "changed_parameter", "other_object"), 0);
    assert_int_equal(depth_at(test, "depth_as_given", "same_depth"), 0);
    assert_int_equal(depth_at(test, "in_a_loop", "in_loop"), 0);
    assert_int_equal(depth_at(test, "counter_set_back", "set_back"), 0);
    assert_int_equal(depth_at(test, "counter_decremented", "nest_reset"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_depth_limited, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_depth_limited, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
