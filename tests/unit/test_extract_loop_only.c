/* test_extract_loop_only.c — what runs only on the loop's thread
 * (extract_flow.c, facts.h loop_only) on data/extract/loop_only.c, with a
 * vocabulary made here (`loop-thread-test on_loop`): the rest of a block
 * after `if (!on_loop()) return;`, the then-branch of `if (on_loop())` and
 * the else of `if (on_loop() == 0)`, through a variable holding the
 * result too; not after the block the early return is in, nor at another
 * case of a switch or at a label, nor without an early exit. */
#include "extract_fixture.h"

#include "models.h"

static const char *const loop_thread_tests[] = { "on_loop" };

static const struct lc_lock_vocabulary vocabulary = {
    NULL, 0, NULL, 0, 7, NULL, 0, NULL, 0, NULL, 0, loop_thread_tests, 1,
};

static int touch_loop_only(struct extract_test *test, long long tag)
{
    return find_touch(test, tag)->loop_only;
}

static int access_loop_only(struct extract_test *test, const char *tag)
{
    unsigned line = line_of(test->file, tag);
    for (size_t i = 0; i < test->facts.access_count; i++)
        if (test->facts.accesses[i].loc.line == line)
            return test->facts.accesses[i].loop_only;
    fail_msg("no access at %s", tag);
    return -1;
}

static void test_loop_only(void **state)
{
    struct extract_test *test = *state;
    lc_extractor_set_lock_vocabulary(test->extractor, &vocabulary);
    assert_int_equal(extract(test, "loop_only.c"), 0);
    static const int expected[] = { 0, /* 1 */ 0, 1, 1, 1, 0, 0, 1, 0, /* 9 */ 1, 0, 1, 0, 0, 1, 0, 1, 0, 0 };
    for (long long tag = 1; tag <= 18; tag++)
        if (touch_loop_only(test, tag) != expected[tag])
            fail_msg("touch(%lld): loop_only %d, wanted %d", tag, touch_loop_only(test, tag), expected[tag]);
    assert_int_equal(access_loop_only(test, "access_after_return"), 1);
    assert_int_equal(access_loop_only(test, "access_in_then"), 1);
}

/* Without the statement, nothing is the loop's only. */
static void test_without_the_model(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_only.c"), 0);
    for (long long tag = 1; tag <= 18; tag++)
        assert_int_equal(touch_loop_only(test, tag), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_loop_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_without_the_model, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
