/* test_models_keyed.c — `keyed-callback NAME [key argK] callback argF
 * [prefix "TEXT"]`, `keyed-dispatch NAME [key argK]` and `keyed-id NAME
 * key argK` read from rules
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keyed_callback),
        cmocka_unit_test(test_keyed_dispatch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
