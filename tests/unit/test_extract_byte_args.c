/* test_extract_byte_args.c — an argument of an unsigned one-byte type
 * (a variable, an array element, a field, through casts), or such plus a
 * non-negative constant either way round, is at most 255 plus that
 * constant (call_arg at_most, extract_loop_byte.c); not a signed byte (a
 * negative length turns huge), a wider type, a product, nor a size.  On
 * data/extract/byte_args.c. */
#include "extract_fixture.h"

/* The bound of the length argument of the call on the line of `tag`. */
static long long length_at_most(struct extract_test *test, const char *tag)
{
    const struct lc_call_fact *call = find_call_at(test, tag, "hash_n");
    assert_true(call->nargs == 3);
    return call->args[1].at_most;
}

static void test_bounded_arguments(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "byte_args.c"), 0);
    assert_int_equal(length_at_most(test, "element_plus_one"), 256);
    assert_int_equal(length_at_most(test, "byte_variable"), 255);
    assert_int_equal(length_at_most(test, "byte_field_cast"), 255);
    assert_int_equal(length_at_most(test, "constant_first"), 257);
}

static void test_unbounded_arguments(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "byte_args.c"), 0);
    assert_int_equal(length_at_most(test, "signed_byte"), 0);
    assert_int_equal(length_at_most(test, "two_bytes"), 0);
    assert_int_equal(length_at_most(test, "byte_times_two"), 0);
    assert_int_equal(length_at_most(test, "whole_count"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bounded_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unbounded_arguments, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
