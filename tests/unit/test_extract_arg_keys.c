/* test_extract_arg_keys.c — the keys a call argument stands for
 * (extract_arg_keys.c) on data/extract/arg_keys.c, with a vocabulary made
 * here (`string-prefix join arg1`): a choice `c ? x : y` stands for the
 * keys of both arms (through parentheses, casts, macros and nesting; a
 * literal arm exactly, a variable known by its start as that start; each
 * once); an arm of any other kind (a parameter, NULL, a call) and it stands
 * for none; a literal alone is a string argument, no key list.  The
 * keys are shown as the store writes them (arg_keys.h), and read back. */
#include "extract_fixture.h"

#include "arg_keys.h"

static const struct lc_string_prefix_function prefix_functions[] = {
    { "join", 1, 0 },
};

static const struct lc_lock_vocabulary vocabulary = {
    .sync_type_count = 0, .hash = 5, .string_prefixes = prefix_functions, .string_prefix_count = 1,
};

/* The keys of the argument of emit() on the line tagged `tag`, as the
 * store writes them ("" when it has none); checks they read back. */
static const char *emitted_keys(struct extract_test *test, const char *tag)
{
    static char text[256];
    const struct lc_call_fact *call = find_call_at(test, tag, "emit");
    assert_int_equal(call->nargs, 1);
    const struct lc_arg_key *keys = call->arg_keys ? call->arg_keys[0] : NULL;
    if (!keys)
        return "";
    char *encoded = lc_arg_keys_encode(keys);
    assert_non_null(encoded);
    assert_true(strlen(encoded) < sizeof text);
    strcpy(text, encoded);
    free(encoded);
    struct lc_arena arena;
    lc_arena_init(&arena);
    const struct lc_arg_key *decoded = NULL;
    assert_int_equal(lc_arg_keys_decode(&arena, text, &decoded), 0);
    assert_non_null(decoded);
    size_t i = 0;
    for (; keys[i].text; i++) {
        assert_string_equal(decoded[i].text, keys[i].text);
        assert_int_equal(decoded[i].starts, keys[i].starts);
    }
    assert_null(decoded[i].text);
    lc_arena_free(&arena);
    return text;
}

static void test_choices_of_literals(void **state)
{
    struct extract_test *test = *state;
    lc_extractor_set_lock_vocabulary(test->extractor, &vocabulary);
    assert_int_equal(extract(test, "arg_keys.c"), 0);
    assert_string_equal(emitted_keys(test, "tag: literals"), "=command notice\n=command msg");
    assert_string_equal(emitted_keys(test, "tag: nested"), "^command \n=command notice\n=command msg");
    assert_string_equal(emitted_keys(test, "tag: chained"), "=one\n=two\n=three");
    assert_string_equal(emitted_keys(test, "tag: parenthesised"), "=command notice\n=command msg");
    assert_string_equal(emitted_keys(test, "tag: macro"), "=command notice\n=command msg");
    assert_string_equal(emitted_keys(test, "tag: macro_nested"), "=raw\n=notice\n=msg");
    assert_string_equal(emitted_keys(test, "tag: starts"), "^command \n^window ");
    assert_string_equal(emitted_keys(test, "tag: duplicate"), "=same");
    assert_string_equal(emitted_keys(test, "tag: disjoint"), "=notice\n=msg");
    assert_string_equal(emitted_keys(test, "tag: empty"), "=\n=msg");
    assert_string_equal(emitted_keys(test, "tag: variable"), "^command ");
}

static void test_choices_not_understood(void **state)
{
    struct extract_test *test = *state;
    lc_extractor_set_lock_vocabulary(test->extractor, &vocabulary);
    assert_int_equal(extract(test, "arg_keys.c"), 0);
    assert_string_equal(emitted_keys(test, "tag: parameter_arm"), "");
    assert_string_equal(emitted_keys(test, "tag: null_arm"), "");
    assert_string_equal(emitted_keys(test, "tag: call_arm"), "");
    assert_string_equal(emitted_keys(test, "tag: parameter"), "");
    const struct lc_call_fact *literal = find_call_at(test, "tag: lone_literal", "emit");
    assert_int_equal(literal->args[0].kind, LC_VALUE_STRING);   /* a string argument, not a list */
    assert_null(literal->arg_keys);
}

static void test_no_vocabulary(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "arg_keys.c"), 0);
    assert_string_equal(emitted_keys(test, "tag: literals"), "=command notice\n=command msg");   /* needs no model */
    assert_string_equal(emitted_keys(test, "tag: nested"), "");   /* cmd is unknown without one */
    assert_string_equal(emitted_keys(test, "tag: variable"), "");
}

/* What the store reads back: a list that is no list is no keys. */
static void test_decode_malformed(void **state)
{
    (void)state;
    struct lc_arena arena;
    lc_arena_init(&arena);
    const struct lc_arg_key *keys = NULL;
    const char *malformed[] = { "", "command", "=a\nb", "=a\n" };
    for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
        assert_int_equal(lc_arg_keys_decode(&arena, malformed[i], &keys), 0);
        assert_null(keys);
    }
    assert_int_equal(lc_arg_keys_decode(&arena, "^a\n=", &keys), 0);
    assert_string_equal(keys[0].text, "a");
    assert_true(keys[0].starts);
    assert_string_equal(keys[1].text, "");
    assert_false(keys[1].starts);
    assert_null(keys[2].text);
    lc_arena_free(&arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_choices_of_literals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_choices_not_understood, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_vocabulary, setup, teardown),
        cmocka_unit_test(test_decode_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
