/* test_extract_stores.c — function pointers stored into fields and
 * variables (extract_walk.c, extract_init.c): designated, positional, nested,
 * brace-elided and array initialisers, compound literals, assignments. */
#include "extract_fixture.h"

/* The store of `value_name` into `target_name`, at `line` (0: any). */
static const struct lc_store_fact *find_store(const struct lc_tu_facts *facts,
                                              const char *target_name,
                                              const char *value_name, unsigned line)
{
    for (size_t i = 0; i < facts->store_count; i++) {
        const struct lc_store_fact *store = &facts->stores[i];
        if (strcmp(store->target.name, target_name) == 0 &&
            strcmp(store->value.name, value_name) == 0 && (!line || store->loc.line == line))
            return store;
    }
    fail_msg("no store of %s into %s at line %u", value_name, target_name, line);
    return NULL;
}

static void assert_field_store(const struct lc_tu_facts *facts, const char *file,
                               const char *line_text, const char *field, const char *value)
{
    const struct lc_store_fact *store = find_store(facts, field, value, line_of(file, line_text));
    assert_int_equal(store->target.kind, LC_VALUE_FIELD);
    assert_int_equal(store->value.kind, LC_VALUE_FUNCTION);
    assert_null(store->in_function_usr);
}

static void test_initializer_stores(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "stores.c"), 0);
    const struct lc_tu_facts *facts = &test->facts;
    const char *file = test->file;
    assert_field_store(facts, file, "designated =", "on_read", "a");
    assert_field_store(facts, file, "designated =", "on_close", "b");
    assert_field_store(facts, file, "positional =", "on_read", "b");
    assert_field_store(facts, file, "positional =", "on_close", "c");
    assert_field_store(facts, file, "mixed =", "on_read", "a");
    assert_field_store(facts, file, "mixed =", "on_close", "c");   /* after a designator */
    assert_field_store(facts, file, "nested =", "on_read", "c");
    assert_field_store(facts, file, "nested =", "on_close", "a");
    assert_field_store(facts, file, "nested_designated =", "on_close", "b");
    assert_field_store(facts, file, "table[] =", "handler", "a");
    assert_field_store(facts, file, "table[] =", "handler", "b");
    assert_field_store(facts, file, "flat_table[] =", "handler", "c");   /* brace elision */
    assert_field_store(facts, file, "flat_table[] =", "handler", "a");
    const struct lc_store_fact *store = find_store(facts, "on_read", "a",
                                                   line_of(file, "designated ="));
    assert_string_equal(store->target.record, "ops");
    assert_int_equal(store->loc.col, 38);

    unsigned handlers_line = line_of(file, "handlers[4] =");
    const char *const elements[] = { "a", "b", "c" };
    for (int i = 0; i < 3; i++) {
        store = find_store(facts, "handlers", elements[i], handlers_line);
        assert_int_equal(store->target.kind, LC_VALUE_VAR);
        assert_string_equal(store->target.usr, "c:@handlers");
    }
    store = find_store(facts, "global_fp", "a", 0);
    assert_int_equal(store->target.kind, LC_VALUE_VAR);
    assert_null(store->in_function_usr);
}

static void test_stores_in_a_function(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "stores.c"), 0);
    const struct lc_tu_facts *facts = &test->facts;
    const char *use_usr = find_function(facts, "use", 1)->usr;
    const struct lc_store_fact *store;

    store = find_store(facts, "local", "b", line_of(test->file, "cb_t local = b;"));
    assert_int_equal(store->target.kind, LC_VALUE_VAR);
    assert_string_equal(store->in_function_usr, use_usr);
    store = find_store(facts, "local_static", "c", 0);
    assert_string_equal(store->in_function_usr, use_usr);
    store = find_store(facts, "on_read", "param", line_of(test->file, "p->on_read = param;"));
    assert_int_equal(store->target.kind, LC_VALUE_FIELD);
    assert_int_equal(store->value.kind, LC_VALUE_PARAM);
    assert_int_equal(store->value.param_index, 2);
    assert_string_equal(store->value.usr, use_usr);
    store = find_store(facts, "on_close", "on_read",
                       line_of(test->file, "s.on_close = p->on_read;"));
    assert_int_equal(store->value.kind, LC_VALUE_FIELD);
    store = find_store(facts, "local", "on_read", line_of(test->file, "local = s.on_read;"));
    assert_int_equal(store->target.kind, LC_VALUE_VAR);
    store = find_store(facts, "handlers", "local", line_of(test->file, "handlers[1] = local;"));
    assert_int_equal(store->value.kind, LC_VALUE_VAR);
    store = find_store(facts, "on_close", "c", line_of(test->file, "(struct ops){"));
    assert_int_equal(store->target.kind, LC_VALUE_FIELD);
    assert_string_equal(store->in_function_usr, use_usr);
    /* 17 at file scope, 7 in use(); `n = 4` stores no function. */
    assert_int_equal(facts->store_count, 24);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_initializer_stores, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stores_in_a_function, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
