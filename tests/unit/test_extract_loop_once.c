/* test_extract_loop_once.c — a call a loop makes at most once per run,
 * lazily into a local tested first and a NULL result leaving the loop
 * (extract_loop_once.c), counts with the loop around it; near misses stay
 * in their loop.  On data/extract/loop_once.c. */
#include "extract_fixture.h"

static int loop_index_of(struct extract_test *test, const char *tag)
{
    return (int)(find_loop(test, tag) - test->facts.loops);
}

static int call_loop(struct extract_test *test, const char *tag)
{
    return find_call_at(test, tag, "connect_to")->loop_index;
}

/* Made once: counted outside the loop. */
static void test_made_once(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_once.c"), 0);
    assert_int_equal(call_loop(test, "goto_call"), -1);      /* goto past the loop */
    assert_int_equal(call_loop(test, "break_call"), -1);     /* break out of it */
    assert_int_equal(call_loop(test, "nested_call"), loop_index_of(test, "nested_outer"));
}

/* Near misses: the call may run in every round. */
static void test_made_again(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_once.c"), 0);
    assert_int_equal(call_loop(test, "continue_call"), loop_index_of(test, "continue_loop"));
    assert_int_equal(call_loop(test, "unchecked_call"), loop_index_of(test, "unchecked_loop"));
    assert_int_equal(call_loop(test, "reset_call"), loop_index_of(test, "reset_loop"));
    assert_int_equal(call_loop(test, "inside_call"), loop_index_of(test, "inside_loop"));
    assert_int_equal(call_loop(test, "global_call"), loop_index_of(test, "global_loop"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_made_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_made_again, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
