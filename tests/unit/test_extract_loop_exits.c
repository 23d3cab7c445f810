/* test_extract_loop_exits.c — the calls of a block's tail that runs to an
 * exit of the loop on every path run at most once per run of the loop
 * (extract_loop_exits.c): they count with the loop around it, or at the top
 * level after a return; calls before a way back (a continue, a goto, a
 * label, a loop of its own, a break of a switch around the block), or in a
 * block that does not leave, stay in the loop.
 * On data/extract/loop_exits.c. */
#include "extract_fixture.h"

static int loop_index_of(struct extract_test *test, const char *tag)
{
    return (int)(find_loop(test, tag) - test->facts.loops);
}

static int call_loop(struct extract_test *test, const char *tag, const char *callee)
{
    return find_call_at(test, tag, callee)->loop_index;
}

/* Leaving: the calls move out. */
static void test_leaving_branch(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_exits.c"), 0);
    assert_int_equal(call_loop(test, "return_call", "report"), -1);
    assert_int_equal(call_loop(test, "goto_call", "report"), -1);
    assert_int_equal(call_loop(test, "handled_call", "handle"), -1);
    /* A break leaves the inner loop only; the `continue` of a
     * `do ... while (0)` wrapper ends the wrapper, not the loop. */
    assert_int_equal(call_loop(test, "break_call", "report"), loop_index_of(test, "break_outer"));
    /* The tail of a loop body after its last continue; a break ending a
     * switch inside the tail lands before the exit. */
    assert_int_equal(call_loop(test, "tail_call", "report"), -1);
    assert_int_equal(find_call_at(test, "tail_test", "bad_token")->loop_index, loop_index_of(test, "tail_loop"));
}

/* A way back into the loop, or no exit: the calls stay. */
static void test_staying_branch(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_exits.c"), 0);
    assert_int_equal(call_loop(test, "continue_call", "report"), loop_index_of(test, "continue_loop"));
    assert_int_equal(call_loop(test, "back_call", "report"), loop_index_of(test, "back_loop"));
    assert_int_equal(call_loop(test, "switch_call", "report"), loop_index_of(test, "switch_loop"));
    assert_int_equal(call_loop(test, "walked_call", "report"), loop_index_of(test, "walked_loop"));
    assert_int_equal(call_loop(test, "on_call", "report"), loop_index_of(test, "on_loop"));
    /* A switch body ending in a return: the break of an earlier case
     * leaves the switch, not the loop. */
    assert_int_equal(call_loop(test, "case_call", "report"), loop_index_of(test, "case_loop"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_leaving_branch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_staying_branch, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
