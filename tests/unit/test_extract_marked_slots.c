/* test_extract_marked_slots.c — a call given the slot an object's mark is
 * at (`&gd->lines[gd->hsize]`), the mark then moved past it by one by a
 * later statement of the call's own block (`gd->hsize++`, `++x->m`), has
 * that argument as its own share (element_args, extract_marked_slots.c).
 * Not a mark moved by two, another object's mark moved, a slot of one
 * object at another's mark, a call in a branch whose block does not move
 * the mark, nor a mark moved before the call.  On
 * data/extract/marked_slots.c. */
#include "extract_fixture.h"

static void test_marked_slots(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "marked_slots.c"), 0);
    assert_int_equal(find_call_at(test, "at_marked", "compact")->element_args, 1u);
    assert_int_equal(find_call_at(test, "at_marked_nested", "compact")->element_args, 1u);
    assert_int_equal(find_call_at(test, "at_mark_not_stepped", "compact")->element_args, 0u);
    assert_int_equal(find_call_at(test, "at_other_object_stepped", "compact")->element_args, 0u);
    assert_int_equal(find_call_at(test, "at_two_objects", "compact")->element_args, 0u);
    assert_int_equal(find_call_at(test, "at_step_elsewhere", "compact")->element_args, 0u);
    assert_int_equal(find_call_at(test, "at_step_before", "compact")->element_args, 0u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_marked_slots, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
