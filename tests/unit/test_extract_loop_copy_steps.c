/* test_extract_loop_copy_steps.c — an inner loop that moves its walker on
 * through a local copy of the walker's next link (`next = p->next; ...;
 * p = next;`, extract_loop_copy_steps.c) walks one bucket's chain per
 * round of its outer loop (source PARENT); a copy taken from elsewhere, or
 * declared outside the loop, does not make a step (source INPUT).  On
 * data/extract/loop_copy_steps.c. */
#include "extract_fixture.h"

static void assert_source(struct extract_test *test, const char *tag, enum lc_loop_source source)
{
    assert_int_equal(find_loop(test, tag)->source, source);
}

static void test_copy_steps(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_copy_steps.c"), 0);
    assert_source(test, "saved_next", LC_SOURCE_PARENT);
    assert_source(test, "assigned_next", LC_SOURCE_PARENT);
}

static void test_not_copy_steps(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_copy_steps.c"), 0);
    assert_source(test, "other_copy", LC_SOURCE_INPUT);
    assert_source(test, "outside_copy", LC_SOURCE_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_copy_steps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_copy_steps, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
