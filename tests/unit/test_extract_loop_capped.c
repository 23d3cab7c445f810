/* test_extract_loop_capped.c — a loop over a list or count a static
 * variable keeps that grows only under a test of a count against a
 * constant (`if (pool_n < 64) { ++pool_n; ... &pool ... }`) is a constant
 * loop of at most that many rounds (extract_loop_capped.c): the pool's
 * walk from the head's address, the handlers' count after `if (n >= MAX)
 * return;`.  Not a list pushed with no cap, two pushes for one increase,
 * a count reset where the list is kept, a count set from outside, nor a
 * pool a header's inline function pushes with no cap.  On
 * data/extract/loop_capped.c. */
#include "extract_fixture.h"

static void test_capped_collections(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_capped.c"), 0);
    const struct lc_loop_fact *pool = find_loop(test, "pool_walk");
    assert_int_equal(pool->bound, LC_BOUND_SMALL_CONSTANT);
    assert_int_equal(pool->trip_count, 64);
    const struct lc_loop_fact *handlers = find_loop(test, "handlers_walk");
    assert_int_equal(handlers->bound, LC_BOUND_SMALL_CONSTANT);
    assert_int_equal(handlers->trip_count, 16);
}

static void test_uncapped_collections(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_capped.c"), 0);
    assert_int_equal(find_loop(test, "spares_walk")->bound, LC_BOUND_DATA);
    assert_int_equal(find_loop(test, "twice_walk")->bound, LC_BOUND_DATA);
    assert_int_equal(find_loop(test, "kept_walk")->bound, LC_BOUND_DATA);
    assert_int_equal(find_loop(test, "slots_walk")->bound, LC_BOUND_DATA);
    assert_int_equal(find_loop(test, "hpool_walk")->bound, LC_BOUND_DATA);   /* the header pushes too */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_capped_collections, setup, teardown),
        cmocka_unit_test_setup_teardown(test_uncapped_collections, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
