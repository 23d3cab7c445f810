/* test_extract_links.c — link fields (a field of struct S of type `struct
 * S *`) and their writes (extract_link_writes.c): the object and the value
 * of `X->F = V`, a constructor's write into the new object it returns
 * (made), an initialiser's non-NULL link, whole-struct copies and a
 * link's address taken as unfollowed writes; and the loops stepping a pointer up a link every
 * round (extract_loop_link.c), not when the step is conditional, can be
 * skipped by `continue`, or the walker is set again, nor up a link a
 * system header declares (getaddrinfo's `ai_next`). */
#include "extract_fixture.h"

/* The `index`-th write of link `field` in `function` (NULL: file scope). */
static const struct lc_link_write_fact *find_write(const struct lc_tu_facts *facts, const char *function,
                                                   const char *field, unsigned index)
{
    for (size_t i = 0; i < facts->link_write_count; i++) {
        const struct lc_link_write_fact *write = &facts->link_writes[i];
        int in_function = function ? write->function_usr && strstr(write->function_usr, function) != NULL
                                   : write->function_usr == NULL;
        if (in_function && strcmp(write->field_name, field) == 0 && index-- == 0)
            return write;
    }
    fail_msg("no write %u of %s in %s", index, field, function ? function : "file scope");
    return NULL;
}

static size_t count_writes(const struct lc_tu_facts *facts, const char *field)
{
    size_t count = 0;
    for (size_t i = 0; i < facts->link_write_count; i++)
        count += strcmp(facts->link_writes[i].field_name, field) == 0;
    return count;
}

static void test_link_writes(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "links.c"), 0);
    const struct lc_tu_facts *facts = &test->facts;
    const struct lc_link_write_fact *write = find_write(facts, "options_create", "parent", 0);
    assert_value(&write->object, LC_VALUE_VAR, "oo");
    assert_value(&write->value, LC_VALUE_PARAM, "parent");
    assert_int_equal(write->value.param_index, 0);
    assert_true(write->made);                    /* calloc's new memory, returned */
    assert_non_null(strstr(write->field_usr, "@S@options@FI@parent"));
    write = find_write(facts, "options_found", "parent", 0);
    assert_value(&write->object, LC_VALUE_VAR, "oo");
    assert_false(write->made);                   /* an element of a table, not new */
    write = find_write(facts, "options_set_parent", "parent", 0);
    assert_value(&write->object, LC_VALUE_PARAM, "oo");
    assert_value(&write->value, LC_VALUE_PARAM, "parent");
    assert_int_equal(write->value.param_index, 1);
    assert_false(write->made);
    write = find_write(facts, "options_reparent", "parent", 0);
    assert_value(&write->object, LC_VALUE_FIELD, "options");
    assert_value(&write->value, LC_VALUE_FIELD, "options");
    write = find_write(facts, "node_push", "next", 0);
    assert_value(&write->object, LC_VALUE_PARAM, "n");
    assert_int_equal(write->value.kind, LC_VALUE_OTHER);   /* *head */
    /* `child`'s initialiser gives a link (`&root`), `orphan`'s NULL */
    write = find_write(facts, NULL, "parent", 0);
    assert_int_equal(write->object.kind, LC_VALUE_OTHER);
    assert_int_equal(write->value.kind, LC_VALUE_OTHER);
    /* `struct options copy = *from;` and `*to = copy;` */
    find_write(facts, "options_copy", "parent", 1);
    assert_int_equal(count_writes(facts, "parent"), 7);
    /* `pp = &(*pp)->next` in node_append: written through the address */
    write = find_write(facts, "node_append", "next", 0);
    assert_int_equal(write->object.kind, LC_VALUE_OTHER);
    assert_int_equal(count_writes(facts, "next"), 2);
    assert_int_equal(count_writes(facts, "options"), 0);    /* no link: another struct's */
}

static void test_loops_walking_links(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "links.c"), 0);
    const char *walks[] = { "tag_walk_body", "tag_walk_increment", "tag_walk_condition" };
    for (size_t i = 0; i < sizeof walks / sizeof walks[0]; i++) {
        const struct lc_loop_fact *loop = find_loop(test, walks[i]);
        assert_non_null(loop->walked_link_usr);
        assert_non_null(strstr(loop->walked_link_usr, "@S@options@FI@parent"));
        assert_string_equal(loop->walked_link_name, "parent");
    }
    const char *not_walks[] = { "tag_conditional_step", "tag_continue", "tag_restarted", "tag_system_link" };
    for (size_t i = 0; i < sizeof not_walks / sizeof not_walks[0]; i++)
        assert_null(find_loop(test, not_walks[i])->walked_link_usr);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_link_writes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loops_walking_links, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
