/* test_extract_tables.c — a loop walking the table its pointer parameter
 * points to, to a sentinel, one step forward a round, directly or through
 * a local set only to it (loop table_walk and bound_param,
 * extract_loop_table_param.c), not a linked list, a parameter reset to
 * another table, characters, a condition calling out or a walk
 * backwards; and the fixed tables values name (extract_tables.c): an
 * array of records or pointers as an argument, whole or from its first
 * entry (call_arg table_length), or a global pointer initialised to one
 * (defined_variable table_length), not a buffer of characters or numbers.
 * On data/extract/table_walks.c. */
#include "extract_fixture.h"

static void assert_table_walk(struct extract_test *test, const char *tag, int param)
{
    const struct lc_loop_fact *loop = find_loop(test, tag);
    if (loop->bound_param != param || loop->table_walk != (param >= 0))
        fail_msg("%s: bound_param %d, table_walk %d; expected %d", tag, loop->bound_param, loop->table_walk, param);
}

static void test_walks_of_a_table(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "table_walks.c"), 0);
    assert_table_walk(test, "param_stepped", 0);
    assert_table_walk(test, "local_from_param", 0);
    assert_table_walk(test, "strings_by_two", 0);
}

static void test_other_walks(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "table_walks.c"), 0);
    assert_table_walk(test, "linked_list", -1);
    assert_table_walk(test, "reset_param", -1);
    assert_table_walk(test, "characters", -1);
    assert_table_walk(test, "called_condition", -1);
    assert_table_walk(test, "backwards", -1);
}

static long long table_argument(struct extract_test *test, const char *tag, const char *callee)
{
    return find_call_at(test, tag, callee)->args[0].table_length;
}

static void test_table_arguments(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "table_walks.c"), 0);
    assert_int_equal(table_argument(test, "array_argument", "lookup_by_id"), 3);
    assert_int_equal(table_argument(test, "first_entry", "lookup_by_id"), 3);
    assert_int_equal(table_argument(test, "strings_argument", "nth_name"), 6);
    assert_int_equal(table_argument(test, "later_entry", "lookup_by_id"), 0);
    assert_int_equal(table_argument(test, "pointer_argument", "lookup_by_id"), 0);   /* the program's: */
    assert_int_equal(table_argument(test, "char_buffer", "count_chars"), 0);
    assert_int_equal(table_argument(test, "number_array", "sum"), 0);
}

/* The table length noted with the definition of global `name`. */
static long long defined_table(struct extract_test *test, const char *name)
{
    size_t length = strlen(name);
    for (size_t i = 0; i < test->facts.defined_variable_count; i++) {
        const char *usr = test->facts.defined_variables[i].usr;
        size_t usr_length = strlen(usr);
        if (usr_length > length && usr[usr_length - length - 1] == '@' && strcmp(usr + usr_length - length, name) == 0)
            return test->facts.defined_variables[i].table_length;
    }
    fail_msg("%s is not defined", name);
    return -1;
}

static void test_tables_held_by_globals(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "table_walks.c"), 0);
    assert_int_equal(defined_table(test, "sizes_data"), 4);
    assert_int_equal(defined_table(test, "sizes"), 4);
    assert_int_equal(defined_table(test, "sizes_start"), 4);
    assert_int_equal(defined_table(test, "labels"), 6);
    assert_int_equal(defined_table(test, "nothing"), 0);
    assert_int_equal(defined_table(test, "text"), 0);
    assert_int_equal(defined_table(test, "numbers"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_walks_of_a_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_walks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_table_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tables_held_by_globals, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
