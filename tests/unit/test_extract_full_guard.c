/* test_extract_full_guard.c — calls made only when an object is full
 * (call fact full_guard, extract_full_guard.c): in the then branch of
 * `t->count >= t->size` (or `<=` the other way round, the limit scaled by
 * constants, one side of `&&`, or of `||` with a NULL test of a field of
 * the same object), given the object, or right of `&&` after such a
 * test; not the calls not given it, a
 * comparison of two objects, `||` with another test or the else branch;
 * a test below the limit names the other field as the limit.  And the fields a function raises by a factor
 * (function fact raised, extract_raised_limits.c): `*= 2`, `<<`, a table
 * of sizes through locals (two deep); not a step (`+= 16`, `size - 1`,
 * `(count + 16) * sizeof(void *)`) nor `*= 1`.
 * On data/extract/full_guard.c. */
#include "extract_fixture.h"

/* Does `usr` end with `tail` (a field's USR names its file first)? */
static int ends_with(const char *usr, const char *tail)
{
    size_t length = strlen(usr), tail_length = strlen(tail);
    return length >= tail_length && strcmp(usr + length - tail_length, tail) == 0;
}

static int full_param(struct extract_test *test, const char *tag, const char *callee)
{
    return find_call_at(test, tag, callee)->full_guard.param;
}

static void test_full_guards(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "full_guard.c"), 0);
    assert_int_equal(full_param(test, "full_plain", "grow"), 1);
    assert_true(ends_with(find_call_at(test, "full_plain", "grow")->full_guard.field_usr, "@S@table@FI@size"));
    assert_int_equal(full_param(test, "full_swapped", "grow_to"), 1);
    assert_int_equal(full_param(test, "full_first_allocation", "grow"), 1);
    assert_int_equal(full_param(test, "full_and", "grow"), 1);
    assert_int_equal(full_param(test, "full_in_condition", "grow"), 1);
    assert_int_equal(full_param(test, "full_test_after", "grow"), 0);
    assert_int_equal(full_param(test, "full_not_given", "note"), 0);
    assert_int_equal(full_param(test, "two_objects", "grow"), 0);
    assert_int_equal(full_param(test, "or_other_test", "grow"), 0);
    assert_int_equal(full_param(test, "not_full", "grow"), 0);
    /* `t->count < t->size` reads as `size` past `count`: the limit noted
     * is `count`, which `grow` does not raise */
    const struct lc_call_fact *below = find_call_at(test, "below_limit", "grow");
    assert_true(below->full_guard.param == 0 || !ends_with(below->full_guard.field_usr, "@FI@size"));
}

/* Does function `name` raise field `field` of parameter `param` (1-based)? */
static int raises(struct extract_test *test, const char *name, int param, const char *field)
{
    const struct lc_function_fact *fn = find_function(&test->facts, name, 1);
    char tail[64];
    snprintf(tail, sizeof tail, "@S@table@FI@%s", field);
    for (unsigned i = 0; i < fn->raised_count; i++)
        if (fn->raised[i].param == param && ends_with(fn->raised[i].field_usr, tail))
            return 1;
    return 0;
}

static void test_raised_limits(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "full_guard.c"), 0);
    assert_true(raises(test, "doubled", 1, "size"));
    assert_true(raises(test, "doubled", 1, "mask"));
    assert_true(raises(test, "from_sizes", 1, "size"));
    assert_false(raises(test, "stepped", 1, "size"));
    assert_false(raises(test, "stepped", 1, "mask"));
    assert_false(raises(test, "times_one", 1, "size"));
    assert_false(raises(test, "sized_step", 1, "size"));   /* sizeof is no factor */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_full_guards, setup, teardown),
        cmocka_unit_test_setup_teardown(test_raised_limits, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
