/* test_models_precedence.c — which model wins, from rules text given
 * inline (no data files): glob patterns (an exact entry over every
 * pattern, the last declared of two matching ones) and a later file
 * overriding an earlier one, statement by statement. */
#include "models_fixture.h"

static void test_patterns(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    load_clean(&models, "patterns.rules",
               "blocking g_*_sync reason \"a synchronous GLib call\"\n"
               "nonblocking g_cheap_sync\n"
               "blocking g_file_*_sync reason \"file I/O\"\n");
    /* A pattern matches names it covers; none matches others. */
    const struct lc_function_model *io = find(&models, "g_io_sync");
    assert_string_equal(io->name, "g_*_sync");
    assert_string_equal(io->blocking->reason, "a synchronous GLib call");
    assert_null(lc_models_find(&models, "g_io_async"));
    /* An exact entry wins over every pattern. */
    const struct lc_function_model *cheap = find(&models, "g_cheap_sync");
    assert_string_equal(cheap->name, "g_cheap_sync");
    assert_true(cheap->nonblocking);
    assert_null(cheap->blocking);
    /* Of two matching patterns, the one declared last wins. */
    assert_string_equal(find(&models, "g_file_read_sync")->name, "g_file_*_sync");
    lc_models_free(&models);
}

static void test_later_file_overrides(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    load_clean(&models, "first.rules",
               "library lib offload \"first offload\"\n"
               "blocking lib_wait reason \"first\" instead \"first instead\"\n"
               "blocking lib_poll reason \"polls\"\n"
               "nonblocking lib_quick\n"
               "callback lib_start arg2 loop\n"
               "field lib_s.cb loop\n"
               "lock lib_take arg1\n"
               "cpu-heavy lib_hash reason \"first\"\n");
    load_clean(&models, "second.rules",
               "library lib offload \"second offload\"\n"
               "blocking lib_wait if arg1=null reason \"second\"\n"
               "nonblocking lib_poll\n"
               "blocking lib_quick reason \"quick no more\"\n"
               "callback lib_start arg2 pool\n"
               "callback lib_start arg3 loop\n"
               "field lib_s.cb thread\n"
               "trylock lib_take arg2\n"
               "cpu-heavy lib_hash reason \"second\"\n");
    const struct lc_function_model *wait = find(&models, "lib_wait");
    assert_string_equal(wait->blocking->reason, "second");
    assert_null(wait->blocking->instead);
    assert_int_equal(wait->blocking->if_count, 1);
    assert_string_equal(wait->blocking->file, "second.rules");
    assert_string_equal(wait->file, "first.rules");
    assert_string_equal(wait->library->offload, "second offload");
    assert_true(find(&models, "lib_poll")->nonblocking);
    assert_null(find(&models, "lib_poll")->blocking);
    assert_false(find(&models, "lib_quick")->nonblocking);
    assert_string_equal(find(&models, "lib_quick")->blocking->reason, "quick no more");
    const struct lc_function_model *start = find(&models, "lib_start");
    assert_int_equal(start->callback_count, 2);
    assert_int_equal(start->callbacks[0].role, LC_ROLE_POOL);
    assert_int_equal(start->callbacks[1].position, 3);
    assert_int_equal(lc_models_find_field(&models, "lib_s", "cb")->role, LC_ROLE_THREAD);
    assert_int_equal(models.field_count, 1);
    assert_int_equal(find(&models, "lib_take")->lock->action, LC_LOCK_TRY);
    assert_int_equal(find(&models, "lib_take")->lock->position, 2);
    assert_string_equal(find(&models, "lib_hash")->cpu_heavy->reason, "second");
    assert_int_equal(models.library_count, 1);
    lc_models_free(&models);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_patterns),
        cmocka_unit_test(test_later_file_overrides),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
