/* test_models_files.c — loading rules files and directories: a missing
 * file or directory, a directory loaded in name order with later files
 * overriding earlier ones and an error reported by path (on
 * tests/unit/data/models/ordered/, found through LOOPCHECK_TEST_DATA), and
 * the shipped rules/ directory (found through LOOPCHECK_RULES_DIR): it
 * loads cleanly, its key models, and an "instead" for every blocking and
 * cpu-heavy entry of libc and libuv. */
#include "models_fixture.h"

static char *data_path(const char *relative)
{
    const char *root = getenv("LOOPCHECK_TEST_DATA");
    assert_non_null(root);
    char *path = NULL;
    assert_true(asprintf(&path, "%s/unit/data/models/%s", root, relative) > 0);
    return path;
}

static void test_missing_file_and_dir(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    char *errors = NULL;
    size_t size = 0;
    FILE *err = open_memstream(&errors, &size);
    assert_non_null(err);
    assert_int_equal(lc_models_load_file(&models, "/nonexistent/x.rules", err), -1);
    assert_int_equal(lc_models_load_dir(&models, "/nonexistent/rules.d", err), -1);
    assert_int_equal(fclose(err), 0);
    assert_string_equal(errors,
                        "/nonexistent/x.rules: cannot read: No such file or directory\n"
                        "/nonexistent/rules.d: cannot read directory: No such file or directory\n");
    free(errors);
    lc_models_free(&models);
}

static void test_load_dir_in_name_order(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    char *dir = data_path("ordered");
    char *errors = NULL;
    size_t size = 0;
    FILE *err = open_memstream(&errors, &size);
    assert_non_null(err);
    assert_int_equal(lc_models_load_dir(&models, dir, err), 1);
    assert_int_equal(fclose(err), 0);
    char *expected = NULL;
    assert_true(asprintf(&expected, "%s/30-errors.rules:2: unknown statement 'frobnicate'\n", dir) > 0);
    assert_string_equal(errors, expected);

    const struct lc_function_model *wait = find(&models, "base_wait");
    assert_string_equal(wait->blocking->reason, "override reason");
    assert_int_equal(wait->blocking->if_count, 1);
    assert_string_equal(wait->library->name, "override");
    assert_int_equal(find(&models, "base_register")->callbacks[0].role, LC_ROLE_POOL);
    assert_int_equal(lc_models_find_field(&models, "base_watcher_s", "cb")->role, LC_ROLE_THREAD);
    assert_true(find(&models, "base_poll")->nonblocking);
    assert_null(lc_models_find(&models, "ignored_function"));

    /* One file on its own reports its own path. */
    char *file = data_path("ordered/10-base.rules");
    assert_int_equal(lc_models_load_file(&models, file, stderr), 0);
    assert_string_equal(find(&models, "base_wait")->blocking->reason, "base reason");
    free(file);
    free(expected);
    free(errors);
    free(dir);
    lc_models_free(&models);
}

static const struct lc_function_model *find_blocking(const struct lc_models *models, const char *name)
{
    const struct lc_function_model *model = find(models, name);
    assert_non_null(model->blocking);
    assert_non_null(model->blocking->reason);
    assert_non_null(model->blocking->instead);
    return model;
}

static void test_shipped_rules(void **state)
{
    (void)state;
    const char *dir = getenv("LOOPCHECK_RULES_DIR");
    assert_non_null(dir);
    struct lc_models models;
    lc_models_init(&models);
    char *errors = NULL;
    size_t size = 0;
    FILE *err = open_memstream(&errors, &size);
    assert_non_null(err);
    int count = lc_models_load_dir(&models, dir, err);
    assert_int_equal(fclose(err), 0);
    assert_string_equal(errors, "");
    assert_int_equal(count, 0);

    const struct lc_function_model *open = find_blocking(&models, "uv_fs_open");
    assert_string_equal(open->library->name, "libuv");
    assert_int_equal(open->blocking->if_count, 1);
    assert_int_equal(open->blocking->if_conditions[0].position, 6);
    assert_int_equal(open->blocking->if_conditions[0].test, LC_ARG_IS_NULL);
    assert_int_equal(open->callback_count, 1);
    assert_int_equal(open->callbacks[0].position, 6);
    assert_int_equal(open->callbacks[0].role, LC_ROLE_LOOP);

    const struct lc_function_model *recv = find_blocking(&models, "recv");
    assert_string_equal(recv->library->name, "libc");
    assert_int_equal(recv->blocking->if_count, 0);
    assert_int_equal(recv->blocking->unless_count, 2);
    assert_int_equal(recv->blocking->unless_conditions[0].position, 1);
    assert_int_equal(recv->blocking->unless_conditions[0].test, LC_ARG_IS_NONBLOCKING);
    assert_int_equal(recv->blocking->unless_conditions[1].position, 4);
    assert_int_equal(recv->blocking->unless_conditions[1].test, LC_ARG_HAS_TOKEN);
    assert_string_equal(recv->blocking->unless_conditions[1].token, "MSG_DONTWAIT");
    assert_int_equal(find_blocking(&models, "recvmsg")->blocking->unless_conditions[1].position, 3);
    const struct lc_function_model *socket_model = lc_models_find(&models, "socket");
    assert_non_null(socket_model);
    assert_non_null(socket_model->descriptor);
    assert_int_equal(socket_model->descriptor->position, 0);
    assert_string_equal(socket_model->descriptor->if_conditions[0].token, "SOCK_NONBLOCK");
    const struct lc_function_model *fcntl_model = lc_models_find(&models, "fcntl");
    assert_int_equal(fcntl_model->descriptor->position, 1);
    assert_int_equal(fcntl_model->descriptor->if_count, 2);

    const struct lc_function_model *work = find(&models, "uv_queue_work");
    assert_int_equal(work->callback_count, 2);
    assert_int_equal(work->callbacks[0].position, 3);
    assert_int_equal(work->callbacks[0].role, LC_ROLE_POOL);
    assert_int_equal(work->callbacks[1].position, 4);
    assert_int_equal(work->callbacks[1].role, LC_ROLE_LOOP);
    assert_non_null(strstr(work->library->offload, "uv_queue_work"));

    assert_non_null(strstr(find_blocking(&models, "sleep")->blocking->instead, "timer"));
    assert_int_equal(find(&models, "uv_timer_start")->callbacks[0].position, 2);
    assert_int_equal(find(&models, "uv_getaddrinfo")->blocking->if_conditions[0].position, 3);
    assert_int_equal(find(&models, "pthread_create")->callbacks[0].role, LC_ROLE_THREAD);
    assert_int_equal(find(&models, "pthread_mutex_lock")->lock->action, LC_LOCK_ACQUIRE);
    assert_int_equal(find(&models, "pthread_mutex_trylock")->lock->action, LC_LOCK_TRY);
    assert_int_equal(find(&models, "uv_mutex_unlock")->lock->action, LC_LOCK_RELEASE);
    assert_true(find(&models, "pthread_rwlock_rdlock")->lock->shared);       /* a read hold */
    assert_true(find(&models, "pthread_rwlock_tryrdlock")->lock->shared);
    assert_false(find(&models, "pthread_rwlock_wrlock")->lock->shared);
    assert_false(find(&models, "pthread_mutex_lock")->lock->shared);
    assert_true(find(&models, "uv_rwlock_rdlock")->lock->shared);
    assert_non_null(find(&models, "qsort")->cpu_heavy);
    assert_true(find(&models, "uv_async_send")->nonblocking);
    assert_int_equal(lc_models_find_field(&models, "uv_process_options_s", "exit_cb")->role,
                     LC_ROLE_LOOP);
    assert_string_equal(find_blocking(&models, "fcntl")->blocking->if_conditions[0].token, "F_SETLKW");
    const struct lc_function_model *poll = find_blocking(&models, "poll");
    assert_int_equal(poll->blocking->unless_conditions[0].position, 3);
    assert_string_equal(poll->blocking->unless_conditions[0].token, "0");
    assert_null(lc_models_find(&models, "memcpy"));
    const char *const loop_runners[] = { "event_base_dispatch", "event_base_loop", "g_main_loop_run",
                                         "g_main_context_iteration", "uv_run", "ev_run", "lcrt_loop_run" };
    for (size_t i = 0; i < sizeof loop_runners / sizeof loop_runners[0]; i++)
        assert_true(find(&models, loop_runners[i])->runs_loop);
    assert_false(lc_model_hides_body(find(&models, "uv_run")));

    /* Every entry of posix.rules and libuv.rules belongs to its library, and
     * each blocking and cpu-heavy one says what to do instead. */
    for (size_t i = 0; i < models.bucket_count; i++) {
        const struct lc_function_model *model = models.buckets[i];
        if (!model || !model->library
            || (strcmp(model->library->name, "libc") != 0 && strcmp(model->library->name, "libuv") != 0))
            continue;
        if (model->blocking && !model->blocking->instead)
            fail_msg("%s (%s:%u) has no instead", model->name, model->file, model->line);
        if (model->cpu_heavy && !model->cpu_heavy->instead)
            fail_msg("%s (%s:%u) has no instead", model->name, model->file, model->line);
    }
    free(errors);
    lc_models_free(&models);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_missing_file_and_dir),
        cmocka_unit_test(test_load_dir_in_name_order),
        cmocka_unit_test(test_shipped_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
