/* test_extract_loop_pooled.c — a walk each round of which links the
 * element it is at in front of a list a global holds (the global itself,
 * or a field through a local set to a global's address in the round),
 * through the link it overwrites, hands its chain back to a pool: its
 * rounds are paid for by the allocations that took the elements
 * (extract_loop_pooled.c, LC_SOURCE_AMORTIZED).  Not a list reversed into
 * a local, one handed to an object a parameter points to, a push in a
 * branch, nor a walk stepped through the link it overwrites.  On
 * data/extract/loop_pooled.c. */
#include "extract_fixture.h"

static void test_pooled_walks(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_pooled.c"), 0);
    assert_source(test, "pushed_through_local", LC_SOURCE_AMORTIZED);
    assert_source(test, "pushed_to_global", LC_SOURCE_AMORTIZED);
}

static void test_other_pushes(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_pooled.c"), 0);
    assert_source(test, "reversed_locally", LC_SOURCE_INPUT);
    assert_source(test, "pushed_to_parameter", LC_SOURCE_INPUT);
    assert_source(test, "pushed_conditionally", LC_SOURCE_INPUT);
    assert_source(test, "stepped_through_link", LC_SOURCE_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_pooled_walks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_pushes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
