/* test_extract_loop_guarded.c — a loop bounded by a size its function
 * tested against a constant first (extract_loop_guarded.c): after `if
 * (count > 16) return -1;`, in the then-branch of `if (r->n <= 8)` and the
 * else-branch of `if (r->n > 4)`, after
 * `if (verbose || 32 < r->n) return 0;` (a counter counting down from
 * it), after a clamp `if (len > 255) len = 255;`: at most K + 1 rounds.
 * Not a test of another value, one that may fail with the size unbounded
 * (`verbose && count > 16`), a branch that does not leave, a size changed
 * after the test or in the loop, nor a constant from which a loop costs a
 * level (an overflow guard).  On data/extract/loop_guarded.c. */
#include "extract_fixture.h"

static void assert_guarded(struct extract_test *test, const char *tag, enum lc_loop_bound bound,
                           long long trip_count)
{
    const struct lc_loop_fact *loop = find_loop(test, tag);
    if (loop->bound != bound || loop->trip_count != trip_count)
        fail_msg("%s: bound %d, %lld rounds; expected %d, %lld", tag, (int)loop->bound, loop->trip_count,
                 (int)bound, trip_count);
}

static void test_guarded_sizes(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_guarded.c"), 0);
    assert_guarded(test, "after_return", LC_BOUND_SMALL_CONSTANT, 17);
    assert_guarded(test, "in_then", LC_BOUND_SMALL_CONSTANT, 9);
    assert_guarded(test, "in_else", LC_BOUND_SMALL_CONSTANT, 5);
    assert_guarded(test, "after_either", LC_BOUND_SMALL_CONSTANT, 33);
    assert_guarded(test, "after_clamp", LC_BOUND_CONSTANT, 256);
    assert_guarded(test, "tested_each_round", LC_BOUND_SMALL_CONSTANT, 17);
}

static void test_unguarded_sizes(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_guarded.c"), 0);
    assert_guarded(test, "other_bound", LC_BOUND_DATA, 0);
    assert_guarded(test, "only_with_another", LC_BOUND_DATA, 0);
    assert_guarded(test, "not_leaving", LC_BOUND_DATA, 0);
    assert_guarded(test, "changed_after", LC_BOUND_DATA, 0);
    assert_guarded(test, "grown_inside", LC_BOUND_DATA, 0);
    assert_guarded(test, "grown_around", LC_BOUND_DATA, 0);
    assert_guarded(test, "overflow_guard", LC_BOUND_DATA, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_guarded_sizes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unguarded_sizes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
