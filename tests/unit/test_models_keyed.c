/* test_models_keyed.c — `keyed-callback NAME [key argK] callback argF
 * [prefix "TEXT"]`, `keyed-dispatch NAME [key argK]`, `keyed-id NAME
 * key argK` and `string-prefix NAME argK [format]` read from rules
 * text given inline: the clauses in any order, the body hidden, what
 * `loopcheck models` needs, and the bad lines with their messages. */
#include "models_fixture.h"

static void test_keyed_callback(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    load_clean(&models, "keyed.rules",
               "library bus offload \"bus_offload(job)\"\n"
               "keyed-callback bus_on key arg3 callback arg4\n"
               "keyed-callback bus_bind key arg3 prefix \"command \" callback arg6\n"
               "keyed-callback bus_on_id callback arg2   # no key: every key\n");
    const struct lc_function_model *on = find(&models, "bus_on");
    assert_true(lc_model_hides_body(on));
    assert_string_equal(on->library->name, "bus");
    assert_non_null(on->keyed_callback);
    assert_int_equal(on->keyed_callback->key_position, 3);
    assert_int_equal(on->keyed_callback->callback_position, 4);
    assert_string_equal(on->keyed_callback->prefix, "");
    assert_false(on->keyed_dispatch);
    const struct lc_function_model *bind = find(&models, "bus_bind");
    assert_int_equal(bind->keyed_callback->key_position, 3);
    assert_int_equal(bind->keyed_callback->callback_position, 6);
    assert_string_equal(bind->keyed_callback->prefix, "command ");
    const struct lc_function_model *by_id = find(&models, "bus_on_id");
    assert_int_equal(by_id->keyed_callback->key_position, 0);
    assert_int_equal(by_id->keyed_callback->callback_position, 2);
    lc_models_free(&models);

    expect_error("keyed-callback", "keyed-callback: missing function name");
    expect_error("keyed-callback bus_on key arg3", "keyed-callback bus_on: missing callback argF");
    expect_error("keyed-callback bus_on key arg3 callback arg3",
                 "keyed-callback bus_on: the key and the callback are the same argument");
    expect_error("keyed-callback bus_on callback arg4 prefix \"command \"",
                 "keyed-callback bus_on: prefix needs a key argK");
    expect_error("keyed-callback bus_on key arg3 callback arg4 key arg2",
                 "keyed-callback bus_on: unexpected 'key' (expected key argK, callback argF or prefix \"TEXT\","
                 " once each)");
    expect_error("keyed-callback bus_on key third callback arg4",
                 "keyed-callback bus_on: invalid argument position 'third' (expected argN, N from 1 to 127)");
    expect_error("keyed-callback bus_on key arg3 callback arg4 prefix command",
                 "keyed-callback bus_on: expected a quoted string after 'prefix'");
}

static void test_keyed_dispatch(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    load_clean(&models, "dispatch.rules",
               "keyed-dispatch bus_emit key arg1\n"
               "keyed-dispatch bus_emit_id\n"
               "keyed-id bus_id key arg2\n");
    const struct lc_function_model *emit = find(&models, "bus_emit");
    assert_true(lc_model_hides_body(emit));
    assert_true(emit->keyed_dispatch);
    assert_int_equal(emit->keyed_dispatch_key, 1);
    assert_null(emit->keyed_callback);
    const struct lc_function_model *by_id = find(&models, "bus_emit_id");
    assert_true(by_id->keyed_dispatch);
    assert_int_equal(by_id->keyed_dispatch_key, 0);
    const struct lc_function_model *id = find(&models, "bus_id");
    assert_true(lc_model_hides_body(id));
    assert_int_equal(id->keyed_id_key, 2);
    assert_false(id->keyed_dispatch);
    lc_models_free(&models);

    expect_error("keyed-dispatch", "keyed-dispatch: missing function name");
    expect_error("keyed-dispatch bus_emit key", "keyed-dispatch bus_emit: missing argument position (argN)");
    expect_error("keyed-dispatch bus_emit arg1", "keyed-dispatch bus_emit: unexpected 'arg1'");
    expect_error("keyed-dispatch bus_emit key arg1 callback arg2", "keyed-dispatch bus_emit: unexpected 'callback'");
    expect_error("keyed-id bus_id", "keyed-id bus_id: expected key argK after the name");
    expect_error("keyed-id bus_id key arg2 arg3", "keyed-id bus_id: unexpected 'arg3'");
}

static void test_string_prefix(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    load_clean(&models, "strings.rules",
               "string-prefix str_concat arg1\n"
               "string-prefix str_printf arg2 format\n");
    const struct lc_function_model *concat = find(&models, "str_concat");
    assert_int_equal(concat->string_prefix_position, 1);
    assert_false(concat->string_prefix_format);
    assert_false(concat->keyed_dispatch);
    const struct lc_function_model *printf_like = find(&models, "str_printf");
    assert_int_equal(printf_like->string_prefix_position, 2);
    assert_true(printf_like->string_prefix_format);
    /* The extractor's vocabulary carries them, and they change its hash. */
    struct lc_arena arena;
    lc_arena_init(&arena);
    struct lc_lock_vocabulary with, without;
    assert_int_equal(lc_models_lock_vocabulary(&models, &arena, &with), 0);
    assert_int_equal(with.string_prefix_count, 2);
    int seen_format = 0;
    for (size_t i = 0; i < with.string_prefix_count; i++)
        seen_format += with.string_prefixes[i].format
                       && strcmp(with.string_prefixes[i].name, "str_printf") == 0
                       && with.string_prefixes[i].position == 2;
    assert_int_equal(seen_format, 1);
    lc_models_free(&models);
    lc_models_init(&models);
    assert_int_equal(lc_models_lock_vocabulary(&models, &arena, &without), 0);
    assert_int_equal(without.string_prefix_count, 0);
    assert_true(with.hash != without.hash);
    lc_models_free(&models);
    lc_arena_free(&arena);

    expect_error("string-prefix", "string-prefix: missing function name");
    expect_error("string-prefix str_concat", "string-prefix str_concat: missing argument position (argN)");
    expect_error("string-prefix str_concat arg1 printf", "string-prefix str_concat: unexpected 'printf'");
    expect_error("string-prefix str_concat first",
                 "string-prefix str_concat: invalid argument position 'first' (expected argN, N from 1 to 127)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keyed_callback),
        cmocka_unit_test(test_keyed_dispatch),
        cmocka_unit_test(test_string_prefix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
