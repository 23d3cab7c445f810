/* test_extract_call_share.c — calls whose work is the round's own share
 * (call fact share, extract_call_share.c).  A call of a variadic function
 * given a string literal for its last named parameter formats a message:
 * also through parentheses, joined literals and a logging macro, with no
 * variable arguments at all; not a variable format, a function that is
 * not variadic or takes a va_list, nor a variadic one whose last named
 * parameter is an integer.  A list of strings (`log_list("first",
 * "second", NULL)`) counts: its first, named, is a literal.  A call
 * through a pointer taking two pointers to one const type (or pointers to
 * such pointers) and returning an integer compares two keys: through a
 * field, a parameter, `(*p)(...)`; not a direct call of a comparator
 * (followed as it is), nor a pointer taking writable pointers, two
 * types, three parameters, or returning nothing.  On
 * data/extract/call_share.c. */
#include "extract_fixture.h"

static int formats_at(struct extract_test *test, const char *tag, const char *callee)
{
    return find_call_at(test, tag, callee)->share == LC_SHARE_MESSAGE;
}

/* The share of the call on the line of `tag` (a call through a pointer
 * has no callee name). */
static enum lc_call_share share_at(struct extract_test *test, const char *tag)
{
    return find_call_at(test, tag, NULL)->share;
}

static void test_formatting_calls(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "call_share.c"), 0);
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
    assert_int_equal(extract(test, "call_share.c"), 0);
    assert_int_equal(formats_at(test, "variable_format", "log_error"), 0);
    assert_int_equal(formats_at(test, "not_variadic", "log_plain"), 0);
    assert_int_equal(formats_at(test, "integer_before", "sum_values"), 0);
    assert_int_equal(formats_at(test, "va_list_taker", "log_va"), 0);
}

static void test_comparisons(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "call_share.c"), 0);
    assert_int_equal(share_at(test, "field_comparison"), LC_SHARE_COMPARISON);
    assert_int_equal(share_at(test, "parameter_comparison"), LC_SHARE_COMPARISON);
    assert_int_equal(share_at(test, "dereferenced_comparison"), LC_SHARE_COMPARISON);
    assert_int_equal(share_at(test, "match_comparison"), LC_SHARE_COMPARISON);
    assert_int_equal(share_at(test, "pointer_pair_comparison"), LC_SHARE_COMPARISON);
    assert_int_equal(share_at(test, "direct_comparator"), LC_SHARE_NONE);
    assert_int_equal(share_at(test, "not_const"), LC_SHARE_NONE);
    assert_int_equal(share_at(test, "mixed_types"), LC_SHARE_NONE);
    assert_int_equal(share_at(test, "three_parameters"), LC_SHARE_NONE);
    assert_int_equal(share_at(test, "no_result"), LC_SHARE_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_formatting_calls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_calls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_comparisons, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
