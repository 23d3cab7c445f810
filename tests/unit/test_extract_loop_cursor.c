/* test_extract_loop_cursor.c — cursors (extract_loop_cursor.c), on
 * data/extract/cursors.c: the parameters a loop advances and its function
 * hands back (`cursor_params`), also through a local copy every value of
 * which comes from the parameter or itself, returned (not a copy also set
 * from another parameter, nor one not returned on every path), and a
 * call's arguments that are its loop's cursor handed over and taken back
 * (`cursor_args`), also through a copy the loop steps its cursor by, and as
 * what a local pointer points to (`*s = skip(*s, end)`). */
#include "extract_fixture.h"

static void test_cursor_parameters(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "cursors.c"), 0);
    assert_int_equal(find_loop(test, "cursor_pad")->cursor_params, 1u);
    assert_int_equal(find_loop(test, "cursor_skip")->cursor_params, 1u);
    assert_int_equal(find_loop(test, "cursor_qualifiers")->cursor_params, 1u);
    assert_int_equal(find_loop(test, "cursor_count")->cursor_params, 0u);
    assert_int_equal(find_loop(test, "cursor_or_null")->cursor_params, 0u);
    assert_int_equal(find_loop(test, "cursor_copy:")->cursor_params, 1u);
    assert_int_equal(find_loop(test, "cursor_copy_of_link")->cursor_params, 2u);
    assert_int_equal(find_loop(test, "cursor_copy_reset")->cursor_params, 0u);
    assert_int_equal(find_loop(test, "cursor_copy_other_return")->cursor_params, 0u);
    assert_int_equal(find_loop(test, "cursor_unread")->cursor_params, 0u);
}

static void test_cursor_handed_back(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "cursors.c"), 0);
    assert_int_equal(find_call_at(test, "call_handed_back", "pad")->cursor_args, 1u);
    assert_int_equal(find_call_at(test, "call_other_variable", "pad")->cursor_args, 0u);
    assert_int_equal(find_call_at(test, "call_other_argument", "pad")->cursor_args, 0u);
    assert_int_equal(find_call_at(test, "call_not_taken_back", "pad")->cursor_args, 0u);
    assert_int_equal(find_call_at(test, "call_loop_walks_another", "pad")->cursor_args, 0u);
    assert_int_equal(find_call_at(test, "call_through_copy", "next_of")->cursor_args, 2u);
    assert_int_equal(find_call_at(test, "call_copy_not_cursor", "next_of")->cursor_args, 0u);
    assert_int_equal(find_call_at(test, "call_pointed_cursor", "skip_blank")->cursor_args, 1u);   /* `*s` */
    assert_int_equal(find_call_at(test, "call_pointed_other", "skip_blank")->cursor_args, 0u);    /* into `*other` */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_cursor_parameters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cursor_handed_back, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
