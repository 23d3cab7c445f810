/* test_extract_loop_copy_steps.c — an inner loop that moves its walker on
 * through a local copy of the walker's next link (`next = p->next; ...;
 * p = next;`, extract_loop_copy_steps.c) walks one bucket's chain per
 * round of its outer loop (source PARENT), also a copy declared before the
 * loop and set in its body before the step; a copy taken from elsewhere,
 * or declared outside the loop and read before it is set, does not make a
 * step (source INPUT).  A walk continued inside a macro's expansion.  On
 * data/extract/loop_copy_steps.c. */
#include "extract_fixture.h"

static void test_copy_steps(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_copy_steps.c"), 0);
    assert_source(test, "saved_next", LC_SOURCE_PARENT);
    assert_source(test, "assigned_next", LC_SOURCE_PARENT);
    assert_source(test, "declared_before", LC_SOURCE_PARENT);
    assert_source(test, "branch_step", LC_SOURCE_PARENT);
}

static void test_not_copy_steps(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_copy_steps.c"), 0);
    assert_source(test, "other_copy", LC_SOURCE_INPUT);
    assert_source(test, "outside_copy", LC_SOURCE_INPUT);
    assert_source(test, "step_before_set", LC_SOURCE_INPUT);
}

/* Inside a macro's expansion every offset is the expansion's: the index
 * declared before the outer loop is found outside it all the same.  The
 * macro's `do ... while (0)` runs once: the `for` is the while's parent
 * (depth 2), as without the wrapper. */
static void test_walk_continued_inside_a_macro(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_copy_steps.c"), 0);
    unsigned line = line_of(test->file, "MERGE_JOIN(a, na, b, nb, matches);");
    size_t inner = 0;
    for (size_t i = 0; i < test->facts.loop_count; i++)
        if (test->facts.loops[i].loc.line == line && test->facts.loops[i].depth == 2
            && test->facts.loops[i].kind == LC_LOOP_WHILE) {
            assert_int_equal(test->facts.loops[i].source, LC_SOURCE_PARENT);
            inner++;
        }
    assert_int_equal(inner, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_copy_steps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_copy_steps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walk_continued_inside_a_macro, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
