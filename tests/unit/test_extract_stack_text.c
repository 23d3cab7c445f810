/* test_extract_stack_text.c — a loop of a static function over the
 * characters of a buffer every caller in the file fills on its own stack
 * walks text (extract_stack_text.c): its source becomes a string's, which
 * costs nothing where the function is called.  The loops and their near
 * misses on data/extract/stack_text.c. */
#include "extract_fixture.h"

/* Which loops read a character parameter at their counter. */
static void test_text_params(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "stack_text.c"), 0);
    assert_int_equal(find_loop(test, "flatten_loop")->text_param, 0);
    assert_int_equal(find_loop(test, "journal_loop")->text_param, 0);
    assert_int_equal(find_loop(test, "exported_loop")->text_param, 0);
    assert_int_equal(find_loop(test, "moved_loop")->text_param, -1);      /* text++: not at the counter */
    assert_int_equal(find_loop(test, "integers_loop")->text_param, -1);   /* int values: not text */
}

/* Which arguments are character arrays on the caller's stack. */
static void test_stack_arguments(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "stack_text.c"), 0);
    assert_int_equal(find_call_at(test, "stack_call", "flatten")->stack_text_args, 1u);
    assert_int_equal(find_call_at(test, "journal_call", "count_in_journal")->stack_text_args, 0u);
    assert_int_equal(find_call_at(test, "static_call", "count_in_journal")->stack_text_args, 0u);
}

/* Only a static function, its address not taken, every call passing its
 * own stack text. */
static void test_stack_text_sources(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "stack_text.c"), 0);
    assert_source(test, "flatten_loop", LC_SOURCE_STRING);
    assert_source(test, "journal_loop", LC_SOURCE_INPUT);    /* also given the shared journal */
    assert_source(test, "taken_loop", LC_SOURCE_INPUT);      /* its address is taken */
    assert_source(test, "exported_loop", LC_SOURCE_INPUT);   /* other files may call it */
    assert_source(test, "moved_loop", LC_SOURCE_INPUT);
    assert_source(test, "integers_loop", LC_SOURCE_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_text_params, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stack_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stack_text_sources, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
