/* test_extract_string_prefix.c — call arguments known by how they start
 * (extract_string_prefix.c) on data/extract/string_prefix.c, with a
 * vocabulary made here (`string-prefix join arg1`, `string-prefix format
 * arg1 format`): a local `char *` set only to results of those calls
 * starts with their literal (a format's up to its first '%'; several:
 * what they all start with; a first part `c ? "a " : "b "`: what both
 * start with); a second value of another kind, `&key`, an increment, a
 * first part that is no literal, a parameter: unknown.  Choices of keys
 * are test_extract_arg_keys.c's. */
#include "extract_fixture.h"

static const struct lc_string_prefix_function prefix_functions[] = {
    { "join", 1, 0 },
    { "format", 1, 1 },
};

static const struct lc_lock_vocabulary vocabulary = {
    NULL, 0, NULL, 0, 5, NULL, 0, NULL, 0, prefix_functions, 2, NULL, 0,
};

/* The text the argument of emit() on the line tagged `tag` starts with:
 * its one key, a start; NULL when it has none. */
static const char *emitted_prefix(struct extract_test *test, const char *tag)
{
    const struct lc_call_fact *call = find_call_at(test, tag, "emit");
    assert_int_equal(call->nargs, 1);
    const struct lc_arg_key *keys = call->arg_keys ? call->arg_keys[0] : NULL;
    if (!keys)
        return NULL;
    assert_true(keys[0].starts);
    assert_null(keys[1].text);
    return keys[0].text;
}

static void test_known_starts(void **state)
{
    struct extract_test *test = *state;
    lc_extractor_set_lock_vocabulary(test->extractor, &vocabulary);
    assert_int_equal(extract(test, "string_prefix.c"), 0);
    assert_string_equal(emitted_prefix(test, "tag: plain"), "command ");   /* lower(cmd) keeps it */
    assert_string_equal(emitted_prefix(test, "tag: printf_like"), "default command ");
    assert_string_equal(emitted_prefix(test, "tag: percent"), "100");
    assert_string_equal(emitted_prefix(test, "tag: whole"), "no conversion");
    assert_string_equal(emitted_prefix(test, "tag: common"), "command w");
    assert_string_equal(emitted_prefix(test, "tag: chained_outer"), "command ");
    assert_string_equal(emitted_prefix(test, "tag: chained_inner"), "command ");
    assert_string_equal(emitted_prefix(test, "tag: chosen_part"), "dcc ");
    /* Only the variable's own calls: lower(cmd) passes it, knows nothing of it. */
    const struct lc_call_fact *join = find_call_at(test, "char *cmd = join(", "join");
    assert_null(join->arg_keys);
}

static void test_near_misses(void **state)
{
    struct extract_test *test = *state;
    lc_extractor_set_lock_vocabulary(test->extractor, &vocabulary);
    assert_int_equal(extract(test, "string_prefix.c"), 0);
    assert_null(emitted_prefix(test, "tag: leading"));        /* "%s tail": nothing before the '%' */
    assert_null(emitted_prefix(test, "tag: second_value"));   /* key = other(name) after the call */
    assert_null(emitted_prefix(test, "tag: address_taken"));
    assert_null(emitted_prefix(test, "tag: stepped"));
    assert_null(emitted_prefix(test, "tag: not_literal"));
    assert_null(emitted_prefix(test, "tag: parameter"));
}

static void test_no_vocabulary(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "string_prefix.c"), 0);
    assert_null(emitted_prefix(test, "tag: plain"));
    assert_null(emitted_prefix(test, "tag: chosen_part"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_known_starts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_near_misses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_vocabulary, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
