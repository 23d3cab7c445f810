/* test_extract_call_formats.c — a call of a variadic function given a
 * string literal for its last named parameter formats a message (call
 * fact formats, extract_va_arg.c): also through parentheses, joined
 * literals and a logging macro, with no variable arguments at all.  Not
 * a variable format, a function that is not variadic or takes a va_list,
 * nor a variadic one whose last named parameter is an integer.  A list
 * of strings (`log_list("first", "second", NULL)`) counts: its first,
 * named, is a literal.  On data/extract/call_formats.c. */
#include "extract_fixture.h"

static int formats_at(struct extract_test *test, const char *tag, const char *callee)
{
    return find_call_at(test, tag, callee)->formats;
}

static void test_formatting_calls(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "call_formats.c"), 0);
    assert_int_equal(formats_at(test, "literal_format", "log_error"), 1);
    assert_int_equal(formats_at(test, "parenthesised_format", "log_error"), 1);
    assert_int_equal(formats_at(test, "joined_format", "log_error"), 1);
    assert_int_equal(formats_at(test, "macro_format", "log_error"), 1);
    assert_int_equal(formats_at(test, "no_arguments", "log_error"), 1);
    assert_int_equal(formats_at(test, "literal_list", "log_list"), 1);
}

static void test_other_calls(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "call_formats.c"), 0);
    assert_int_equal(formats_at(test, "variable_format", "log_error"), 0);
    assert_int_equal(formats_at(test, "not_variadic", "log_plain"), 0);
    assert_int_equal(formats_at(test, "integer_before", "sum_values"), 0);
    assert_int_equal(formats_at(test, "va_list_taker", "log_va"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_formatting_calls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_calls, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
