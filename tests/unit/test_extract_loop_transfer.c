/* test_extract_loop_transfer.c — the function whose result is the only
 * change of what a loop's condition reads (`at += r` after `ssize_t r =
 * send_some(...)`, `(r = write_some(...))`, `at += write_some(...)`:
 * facts transfer_name, extract_loop_transfer.c); none when the counter
 * also moves otherwise, when the result comes from two functions, or when
 * no call moves it.  On data/extract/loop_transfer.c. */
#include "extract_fixture.h"

static void assert_transfer(struct extract_test *test, const char *tag, const char *name)
{
    assert_optional_string(find_loop(test, tag)->transfer_name, name);
}

static void test_transfer_loops(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_transfer.c"), 0);
    assert_transfer(test, "loop: declared result", "send_some");
    assert_transfer(test, "loop: assigned result", "write_some");
    assert_transfer(test, "loop: direct call", "write_some");
}

static void test_not_transfer_loops(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_transfer.c"), 0);
    assert_transfer(test, "loop: counted too", NULL);
    assert_transfer(test, "loop: two functions", NULL);
    assert_transfer(test, "loop: by a length", NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_transfer_loops, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_transfer_loops, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
