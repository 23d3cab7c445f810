/* test_extract_loop_consumes.c — an inner loop that reads through and
 * moves on, every round, a pointer its outer loop moves on too and never
 * sets afresh consumes the scanned buffer: source PARENT (a label's bytes
 * after its length, a record's bytes after its count); not when the
 * pointer is set afresh each outer round, moved on only by the inner
 * loop, or only written through (extract_loop_consumes.c).  On
 * data/extract/loop_consumes.c. */
#include "extract_fixture.h"

static void test_consumed_buffers(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_consumes.c"), 0);
    assert_source(test, "loop: label bytes", LC_SOURCE_PARENT);
    assert_source(test, "loop: record bytes", LC_SOURCE_PARENT);
}

static void test_not_consumed(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_consumes.c"), 0);
    assert_source(test, "loop: set afresh", LC_SOURCE_INPUT);
    assert_source(test, "loop: inner only", LC_SOURCE_INPUT);
    assert_source(test, "loop: written only", LC_SOURCE_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_consumed_buffers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_consumed, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
