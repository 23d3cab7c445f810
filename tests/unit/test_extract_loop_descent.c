/* test_extract_loop_descent.c — a loop stepping its walker (a local or a
 * cursor's field) to one of the node's children read from a pointer array
 * built from the walker (extract_loop_descent.c) is a descent, a few steps
 * (LC_BOUND_SMALL_CONSTANT), and a loop inside it bounded by a field of the
 * walker scans the node it is at (source PARENT), also in an iterator's
 * `while (1)` step that goes up and down.  One named link (also a tail
 * queue's pointer to the previous link, walked backwards), a pointer
 * array from elsewhere, a walker the condition does not read, a condition
 * reading a count besides the walker stay loops bounded by data.  On data/extract/loop_descent.c. */
#include "extract_fixture.h"

static void assert_bound(struct extract_test *test, const char *tag, enum lc_loop_bound bound)
{
    assert_int_equal(find_loop(test, tag)->bound, bound);
}

static void test_descents(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_descent.c"), 0);
    assert_bound(test, "field_memcpy", LC_BOUND_SMALL_CONSTANT);
    assert_bound(test, "field_scan_outer", LC_BOUND_SMALL_CONSTANT);
    assert_bound(test, "local_deref", LC_BOUND_SMALL_CONSTANT);
    assert_bound(test, "array_field", LC_BOUND_SMALL_CONSTANT);
    assert_bound(test, "kids_array", LC_BOUND_SMALL_CONSTANT);
    assert_int_equal(find_loop(test, "field_scan_inner")->source, LC_SOURCE_PARENT);
    assert_int_equal(find_loop(test, "iterator_scan")->source, LC_SOURCE_PARENT);
    assert_int_equal(find_loop(test, "iterator_back_scan")->source, LC_SOURCE_PARENT);
    assert_bound(test, "iterator_step", LC_BOUND_UNBOUNDED);
}

static void test_not_descents(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_descent.c"), 0);
    assert_bound(test, "named_link", LC_BOUND_DATA);
    assert_bound(test, "tail_queue_back", LC_BOUND_DATA);
    assert_bound(test, "tail_queue_local", LC_BOUND_DATA);
    assert_bound(test, "other_table", LC_BOUND_DATA);
    assert_bound(test, "unread_walker", LC_BOUND_DATA);
    assert_bound(test, "counted_too", LC_BOUND_DATA);
    assert_int_equal(find_loop(test, "moving_inner")->source, LC_SOURCE_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_descents, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_descents, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
