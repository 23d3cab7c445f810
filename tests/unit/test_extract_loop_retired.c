/* test_extract_loop_retired.c — a walk from a mark (a field) stepping
 * through its element's link, an `if` of its body's own block counting
 * the element's pass in a field of it (`p->d.failed++ > 4`, `++b->failed
 * >= 5`) and moving that same mark past it, retires what it passed more
 * than a few times: its rounds are amortised (extract_loop_retired.c,
 * LC_SOURCE_AMORTIZED).  Not with a limit that is no constant, another
 * mark moved than the one started from, a `continue` that may skip the
 * count, the count nested in another `if`, a test with no count, nor a
 * walk started elsewhere than the mark it moves.  On
 * data/extract/loop_retired.c. */
#include "extract_fixture.h"

static void test_retiring_walks(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_retired.c"), 0);
    assert_source(test, "nginx_shape", LC_SOURCE_AMORTIZED);
    assert_source(test, "declared_walker", LC_SOURCE_AMORTIZED);
}

static void test_other_walks(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_retired.c"), 0);
    assert_source(test, "limit_not_constant", LC_SOURCE_INPUT);
    assert_source(test, "other_mark_moved", LC_SOURCE_INPUT);
    assert_source(test, "continue_first", LC_SOURCE_INPUT);
    assert_source(test, "count_nested", LC_SOURCE_INPUT);
    assert_source(test, "no_count", LC_SOURCE_INPUT);
    assert_source(test, "from_first_moves_current", LC_SOURCE_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_retiring_walks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_walks, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
