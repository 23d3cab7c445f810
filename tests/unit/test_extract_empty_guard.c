/* test_extract_empty_guard.c — calls made only where a count field of an
 * object is 0 (call fact empty_field_usr, extract_empty_guard.c): in the
 * then branch of `p->n == 0`, `0 == p->n`, `!p->n`, `p->n < 1`, `p->n <=
 * 0`, or one side of `&&`; not under a low-water mark (`< 8`), `!= 0`,
 * `||`, a NULL pointer test, nor in the else branch.  And the fields a
 * function counts up through a pointer (function fact counted,
 * extract_counted_fields.c), in a loop's round or not (a macro's `do {
 * } while (0)` is no loop); not a decrease, an
 * assignment, nor a field of a global named without a pointer.
 * On data/extract/empty_guard.c. */
#include "extract_fixture.h"

/* Does `usr` end with `tail` (a field's USR names its file first)? */
static int ends_with(const char *usr, const char *tail)
{
    if (!usr)
        return 0;
    size_t length = strlen(usr), tail_length = strlen(tail);
    return length >= tail_length && strcmp(usr + length - tail_length, tail) == 0;
}

static int empty_guarded(struct extract_test *test, const char *tag)
{
    return ends_with(find_call_at(test, tag, "refill")->empty_field_usr, "@S@pool@FI@free_count");
}

static void test_empty_guards(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "empty_guard.c"), 0);
    assert_true(empty_guarded(test, "empty_and"));
    assert_true(empty_guarded(test, "empty_not_second"));
    assert_non_null(find_call_at(test, "empty_not", "note")->empty_field_usr);   /* every call of the branch */
    assert_true(empty_guarded(test, "empty_swapped"));
    assert_true(empty_guarded(test, "empty_below_one"));
    assert_true(empty_guarded(test, "empty_at_most_zero"));
    assert_false(empty_guarded(test, "low_water"));
    assert_false(empty_guarded(test, "else_branch"));
    assert_false(empty_guarded(test, "not_empty"));
    assert_false(empty_guarded(test, "empty_or"));
    assert_null(find_call_at(test, "pointer_null", "refill")->empty_field_usr);
}

/* How function `name` counts field `field` of struct pool: -1 not at all,
 * else whether in a loop's round. */
static int counted(struct extract_test *test, const char *name, const char *field)
{
    const struct lc_function_fact *fn = find_function(&test->facts, name, 1);
    char tail[64];
    snprintf(tail, sizeof tail, "@S@pool@FI@%s", field);
    for (unsigned i = 0; i < fn->counted_count; i++)
        if (ends_with(fn->counted[i].field_usr, tail))
            return fn->counted[i].in_loop;
    return -1;
}

static void test_counted_fields(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "empty_guard.c"), 0);
    assert_int_equal(counted(test, "counted_outside", "free_count"), 0);
    assert_int_equal(counted(test, "counted_outside", "made"), 0);
    assert_int_equal(counted(test, "counted_in_loop", "free_count"), 1);
    assert_int_equal(counted(test, "counted_in_loop", "state"), -1);   /* assigned */
    assert_int_equal(counted(test, "counted_in_loop", "made"), -1);    /* counted down */
    assert_int_equal(counted(test, "counted_global", "made"), -1);     /* no pointer */
    assert_int_equal(counted(test, "counted_in_macro", "free_count"), 0);   /* `do { } while (0)` runs once */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_empty_guards, setup, teardown),
        cmocka_unit_test_setup_teardown(test_counted_fields, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
