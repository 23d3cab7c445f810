/* test_extract_fail_guards.c — what a branch knows of an earlier call's
 * result (extract_fail_guards.c, facts.h fail_guard and fail_test) on
 * data/extract/fail_guards.c: `== -1`, `!= 0` and its else, `< 0` through
 * a variable and under `&&`, the else of `>= 0`, `<= 0`, `!(p = make())`,
 * the else of `||`, the else of `> 0`, a nested test of another call
 * within a failure branch, and the rest of an else-if chain; nothing
 * outside the branches or after the chain, for a comparison with another
 * constant, nor inside `||`'s then-branch. */
#include "extract_fixture.h"

/* The callee of the call touch(tag)'s fail_guard names, or "-". */
static const char *guard_of(struct extract_test *test, long long tag)
{
    const struct lc_call_fact *touch = find_touch(test, tag);
    if (touch->fail_guard < 0 || touch->fail_test == LC_RESULT_TEST_NONE)
        return "-";
    return test->facts.calls[touch->fail_guard].callee.name;
}

static void test_fail_guards(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "fail_guards.c"), 0);
    static const struct {
        const char *callee;
        int test;
    } expected[] = {
        { "-", 0 },
        /* 1 */ { "-", LC_RESULT_TEST_NONE },
        /* 2 */ { "status", LC_RESULT_TEST_MINUS_ONE },
        /* 3 */ { "status", LC_RESULT_TEST_NONZERO },
        /* 4 */ { "status", LC_RESULT_TEST_ZERO },
        /* 5 */ { "status", LC_RESULT_TEST_NEGATIVE },
        /* 6 */ { "-", LC_RESULT_TEST_NONE },
        /* 7 */ { "status", LC_RESULT_TEST_NEGATIVE },
        /* 8 */ { "status", LC_RESULT_TEST_NONPOSITIVE },
        /* 9 */ { "make", LC_RESULT_TEST_ZERO },
        /* 10 */ { "-", LC_RESULT_TEST_NONE },
        /* 11 */ { "make", LC_RESULT_TEST_NONZERO },
        /* 12 */ { "-", LC_RESULT_TEST_NONE },
        /* 13 */ { "compare", LC_RESULT_TEST_NONPOSITIVE },
        /* 14 */ { "status", LC_RESULT_TEST_MINUS_ONE },
        /* 15 */ { "status", LC_RESULT_TEST_ZERO },
        /* 16 */ { "-", LC_RESULT_TEST_NONE },
        /* 17 */ { "status", LC_RESULT_TEST_ZERO },
        /* 18 */ { "status", LC_RESULT_TEST_NONZERO },
        /* 19 */ { "status", LC_RESULT_TEST_NONZERO },
        /* 20 */ { "-", LC_RESULT_TEST_NONE },
    };
    for (long long tag = 1; tag <= 20; tag++) {
        const struct lc_call_fact *touch = find_touch(test, tag);
        int test_kind = touch->fail_guard < 0 ? LC_RESULT_TEST_NONE : touch->fail_test;
        if (strcmp(guard_of(test, tag), expected[tag].callee) != 0 || test_kind != expected[tag].test)
            fail_msg("touch(%lld): guard %s test %d, wanted %s %d", tag, guard_of(test, tag), test_kind,
                     expected[tag].callee, expected[tag].test);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fail_guards, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
