/* test_models_statements.c — what each rules-file statement puts in the
 * model store (analyzer/models.h), from rules text given inline (no data
 * files): every statement kind with its conditions, `runs-loop` and
 * `process-main`, `annotate`, `callback ... descriptor`, `fork`, the descriptor states
 * (`readonly-stream`, `memory-file`), `bounded` sizes, `drains` queues, `fails` results, `cheap`
 * functions, the places statements
 * name, and the role names. */
#include "models_fixture.h"
#include "models_lexer.h"

static void test_each_statement(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    load_clean(&models, "each.rules",
               "library demo offload \"demo_submit(job)\"\n"
               "blocking demo_read if arg2=null if arg1!=null unless arg3~DEMO_NOWAIT "
               "unless arg4!~DEMO_BLOCK reason \"reads\" instead \"demo_read_async\"\n"
               "nonblocking demo_now\n"
               "callback demo_start arg2 loop\n"
               "callback demo_start arg3 pool\n"
               "callback demo_thread arg1 thread\n"
               "field demo_watcher_s.cb loop\n"
               "lock demo_lock arg1\n"
               "unlock demo_unlock arg2\n"
               "trylock demo_trylock arg3\n"
               "cpu-heavy demo_sort reason \"sorts\" instead \"sort on a worker\"\n");

    const struct lc_function_model *read = find(&models, "demo_read");
    assert_string_equal(read->library->name, "demo");
    assert_string_equal(read->library->offload, "demo_submit(job)");
    assert_string_equal(read->file, "each.rules");
    assert_int_equal(read->line, 2);
    assert_false(read->nonblocking);
    assert_non_null(read->blocking);
    assert_string_equal(read->blocking->reason, "reads");
    assert_string_equal(read->blocking->instead, "demo_read_async");
    assert_int_equal(read->blocking->line, 2);
    assert_int_equal(read->blocking->if_count, 2);
    assert_int_equal(read->blocking->if_conditions[0].position, 2);
    assert_int_equal(read->blocking->if_conditions[0].test, LC_ARG_IS_NULL);
    assert_null(read->blocking->if_conditions[0].token);
    assert_int_equal(read->blocking->if_conditions[1].position, 1);
    assert_int_equal(read->blocking->if_conditions[1].test, LC_ARG_NOT_NULL);
    assert_int_equal(read->blocking->unless_count, 2);
    assert_int_equal(read->blocking->unless_conditions[0].position, 3);
    assert_int_equal(read->blocking->unless_conditions[0].test, LC_ARG_HAS_TOKEN);
    assert_string_equal(read->blocking->unless_conditions[0].token, "DEMO_NOWAIT");
    assert_int_equal(read->blocking->unless_conditions[1].test, LC_ARG_LACKS_TOKEN);
    assert_string_equal(read->blocking->unless_conditions[1].token, "DEMO_BLOCK");

    const struct lc_function_model *now = find(&models, "demo_now");
    assert_true(now->nonblocking);
    assert_null(now->blocking);

    const struct lc_function_model *start = find(&models, "demo_start");
    assert_int_equal(start->callback_count, 2);
    assert_int_equal(start->callbacks[0].position, 2);
    assert_int_equal(start->callbacks[0].role, LC_ROLE_LOOP);
    assert_int_equal(start->callbacks[1].position, 3);
    assert_int_equal(start->callbacks[1].role, LC_ROLE_POOL);
    assert_int_equal(find(&models, "demo_thread")->callbacks[0].role, LC_ROLE_THREAD);

    const struct lc_field_model *field = lc_models_find_field(&models, "demo_watcher_s", "cb");
    assert_non_null(field);
    assert_int_equal(field->role, LC_ROLE_LOOP);
    assert_string_equal(field->library->name, "demo");
    assert_int_equal(field->line, 7);
    assert_null(lc_models_find_field(&models, "demo_watcher_s", "data"));

    assert_int_equal(find(&models, "demo_lock")->lock->action, LC_LOCK_ACQUIRE);
    assert_int_equal(find(&models, "demo_lock")->lock->position, 1);
    assert_int_equal(find(&models, "demo_unlock")->lock->action, LC_LOCK_RELEASE);
    assert_int_equal(find(&models, "demo_unlock")->lock->position, 2);
    assert_int_equal(find(&models, "demo_trylock")->lock->action, LC_LOCK_TRY);
    assert_int_equal(find(&models, "demo_trylock")->lock->position, 3);
    assert_null(read->lock);

    const struct lc_function_model *sort = find(&models, "demo_sort");
    assert_non_null(sort->cpu_heavy);
    assert_string_equal(sort->cpu_heavy->reason, "sorts");
    assert_string_equal(sort->cpu_heavy->instead, "sort on a worker");
    assert_null(sort->blocking);

    assert_null(lc_models_find(&models, "demo_unknown"));
    lc_models_free(&models);
}

/* `runs-loop NAME` and `process-main NAME`: flags that leave the body
 * followed unless another statement names the function. */
static void test_runs_loop(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    load_clean(&models, "loops.rules",
               "library demo offload \"demo_offload(job)\"\n"
               "runs-loop demo_run\n"
               "runs-loop demo_dispatch\n"
               "blocking demo_dispatch reason \"waits for events\"\n"
               "nonblocking demo_cheap\n"
               "process-main run_test_*\n");
    const struct lc_function_model *run = find(&models, "demo_run");
    assert_true(run->runs_loop);
    assert_false(lc_model_hides_body(run));
    assert_string_equal(run->library->name, "demo");
    assert_true(find(&models, "demo_dispatch")->runs_loop);
    assert_true(lc_model_hides_body(find(&models, "demo_dispatch")));
    assert_false(find(&models, "demo_cheap")->runs_loop);
    assert_true(lc_model_hides_body(find(&models, "demo_cheap")));
    assert_false(lc_model_hides_body(NULL));
    const struct lc_function_model *test = lc_models_find(&models, "run_test_timer");   /* a pattern */
    assert_non_null(test);
    assert_true(test->process_main);
    assert_false(test->runs_loop);
    assert_false(lc_model_hides_body(test));
    assert_false(run->process_main);
    char *err = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&err, &size);
    assert_int_equal(lc_models_load_text(&models, "bad.rules", "runs-loop demo_run arg1\nprocess-main\n", stream), 2);
    fclose(stream);
    assert_non_null(strstr(err, "bad.rules:1:"));
    assert_non_null(strstr(err, "bad.rules:2: process-main: missing function name"));
    free(err);
    lc_models_free(&models);
}

/* `annotate NAME COLOR`: the bits a source annotation would give, with
 * where the statement is; async and worker add up, blocking and
 * nonblocking replace each other; the body stays followed. */
static void test_annotate(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    load_clean(&models, "colors.rules",
               "annotate run_turn async\n"
               "annotate run_turn worker\n"
               "annotate vendor_flush nonblocking\n"
               "annotate vendor_flush blocking\n"
               "annotate handle_* async\n");
    const struct lc_function_model *turn = find(&models, "run_turn");
    assert_int_equal(turn->annotations, LC_ANNOT_ASYNC | LC_ANNOT_WORKER);
    assert_false(lc_model_hides_body(turn));
    assert_string_equal(turn->annotation_file, "colors.rules");
    assert_int_equal(turn->annotation_line, 2);
    assert_int_equal(find(&models, "vendor_flush")->annotations, LC_ANNOT_BLOCKING);
    assert_int_equal(find(&models, "vendor_flush")->annotation_line, 4);
    assert_int_equal(lc_models_find(&models, "handle_request")->annotations, LC_ANNOT_ASYNC);   /* a pattern */
    char *err = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&err, &size);
    assert_int_equal(lc_models_load_text(&models, "bad.rules", "annotate f\nannotate f purple\nannotate f async now\n",
                                         stream), 3);
    fclose(stream);
    assert_non_null(strstr(err, "bad.rules:1: annotate f: missing color (async, worker, blocking or nonblocking)"));
    assert_non_null(strstr(err, "bad.rules:2: annotate f: unknown color 'purple' (expected async, worker, blocking or nonblocking)"));
    assert_non_null(strstr(err, "bad.rules:3:"));
    free(err);
    lc_models_free(&models);
}

/* `nonblocking-place RECORD.FIELD|VARIABLE reason "WHY"`. */
static void test_nonblocking_places(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    load_clean(&models, "places.rules",
               "nonblocking-place connection.fd reason \"every connection's descriptor is non-blocking\"\n"
               "nonblocking-place wake_fd reason \"made with O_NONBLOCK\"\n");
    assert_true(lc_models_is_nonblocking_place(&models, "connection", "fd"));
    assert_false(lc_models_is_nonblocking_place(&models, "listener", "fd"));
    assert_false(lc_models_is_nonblocking_place(&models, "connection", "f"));
    assert_false(lc_models_is_nonblocking_place(&models, NULL, "fd"));
    assert_true(lc_models_is_nonblocking_place(&models, NULL, "wake_fd"));
    assert_false(lc_models_is_nonblocking_place(&models, "connection", "wake_fd"));
    char *err = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&err, &size);
    assert_int_equal(lc_models_load_text(&models, "bad.rules",
                                         "nonblocking-place conn.fd\n"
                                         "nonblocking-place .fd reason \"x\"\n"
                                         "nonblocking-place a.b.c reason \"x\"\n", stream), 3);
    fclose(stream);
    assert_non_null(strstr(err, "bad.rules:1: nonblocking-place conn.fd: expected reason \"WHY\""));
    assert_non_null(strstr(err, "bad.rules:2:"));
    assert_non_null(strstr(err, "bad.rules:3: nonblocking-place a.b.c: invalid name 'a.b.c'"));
    free(err);
    lc_models_free(&models);
}

/* `callback ... descriptor argM argK`, `fork NAME`, `loop-thread-test
 * NAME`, and a bad clause. */
static void test_callback_descriptor_and_fork(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    load_clean(&models, "descriptor.rules",
               "callback demo_watch arg4 loop descriptor arg2 arg1\n"
               "callback demo_watch arg5 loop\n"
               "fork demo_fork\n"
               "loop-thread-test demo_on_loop\n"
               "blocking demo_open unless arg1^/proc/ if arg2!^/dev/ reason \"opens\"\n"
               "readonly-stream demo_open result if arg2^r unless arg2^r+ reason \"read\"\n"
               "blocking demo_close unless arg1=readonly reason \"closes\"\n"
               "memory-file demo_proc result if arg1^/proc/ reason \"procfs\"\n"
               "blocking demo_read unless arg1=memory reason \"reads\"\n");
    const struct lc_descriptor_model *readonly = find(&models, "demo_open")->states[LC_STATE_READONLY];
    assert_non_null(readonly);
    assert_int_equal(readonly->position, 0);
    assert_int_equal(readonly->if_count, 1);
    assert_int_equal(readonly->unless_count, 1);
    assert_string_equal(readonly->unless_conditions[0].token, "r+");
    const struct lc_arg_condition *closed = &find(&models, "demo_close")->blocking->unless_conditions[0];
    assert_int_equal(closed->test, LC_ARG_IN_STATE);
    assert_int_equal(closed->state, LC_STATE_READONLY);
    assert_null(find(&models, "demo_open")->states[LC_STATE_MEMORY]);
    assert_non_null(find(&models, "demo_proc")->states[LC_STATE_MEMORY]);
    assert_int_equal(find(&models, "demo_read")->blocking->unless_conditions[0].state, LC_STATE_MEMORY);
    const struct lc_function_model *open_model = find(&models, "demo_open");
    assert_int_equal(open_model->blocking->unless_conditions[0].test, LC_ARG_HAS_PREFIX);
    assert_string_equal(open_model->blocking->unless_conditions[0].token, "/proc/");
    assert_int_equal(open_model->blocking->if_conditions[0].test, LC_ARG_LACKS_PREFIX);
    assert_string_equal(open_model->blocking->if_conditions[0].token, "/dev/");
    const struct lc_function_model *watch = find(&models, "demo_watch");
    assert_int_equal(watch->callback_count, 2);
    assert_int_equal(watch->callbacks[0].position, 4);
    assert_int_equal(watch->callbacks[0].descriptor_position, 2);
    assert_int_equal(watch->callbacks[0].descriptor_parameter, 1);
    assert_int_equal(watch->callbacks[1].descriptor_position, 0);
    assert_true(find(&models, "demo_fork")->forks);
    assert_false(watch->forks);
    assert_true(find(&models, "demo_on_loop")->loop_thread_test);
    assert_false(find(&models, "demo_on_loop")->terminates);   /* the function stays analysed */
    assert_false(find(&models, "demo_fork")->loop_thread_test);
    char *err = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&err, &size);
    assert_int_equal(lc_models_load_text(&models, "bad.rules", "callback demo_bad arg1 loop descriptor arg2\n",
                                         stream), 1);
    fclose(stream);
    assert_non_null(strstr(err, "bad.rules:1:"));
    free(err);
    lc_models_free(&models);
}

/* `bounded NAME N`: a function, RECORD.FIELD or a variable; a later
 * statement for the same name wins; names not declared have none. */
static void test_bounded_sizes(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    load_clean(&models, "sizes.rules",
               "bounded screen_size_x 1000\n"
               "bounded grid.sy 500   # a pane's rows\n"
               "bounded protocol_count 4\n"
               "bounded screen_size_x 400\n");
    assert_int_equal(lc_models_find_bounded(&models, "screen_size_x", 0)->most, 400);
    assert_int_equal(lc_models_find_bounded(&models, "grid.sy", 0)->most, 500);
    assert_int_equal(lc_models_find_bounded(&models, "protocol_count", 0)->most, 4);
    assert_null(lc_models_find_bounded(&models, "grid.sx", 0));
    assert_null(lc_models_find_bounded(&models, NULL, 0));
    lc_models_free(&models);
    expect_error("bounded", "bounded: missing or invalid name (a function, RECORD.FIELD or a variable)");
    expect_error("bounded 9x 4", "bounded: missing or invalid name (a function, RECORD.FIELD or a variable)");
    expect_error("bounded rows", "bounded rows: expected the largest size, a non-negative integer");
    expect_error("bounded rows -1", "bounded rows: expected the largest size, a non-negative integer");
    expect_error("bounded rows 12x", "bounded rows: expected the largest size, a non-negative integer");
    expect_error("bounded rows 12 more", "bounded rows: unexpected 'more'");
    expect_error("bounded grid.1sy 4", "bounded: missing or invalid name (a function, RECORD.FIELD or a variable)");
    expect_error("bounded a.b.c 4", "bounded: missing or invalid name (a function, RECORD.FIELD or a variable)");
}

/* `drains NAME N`: a function, kept apart from the `bounded` sizes of the
 * same name; a later statement wins. */
static void test_drains(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    load_clean(&models, "queues.rules",
               "drains ERR_get_error 8\n"
               "bounded ERR_get_error 100\n"
               "drains ERR_get_error 16   # ERR_NUM_ERRORS\n");
    assert_int_equal(lc_models_find_bounded(&models, "ERR_get_error", 1)->most, 16);
    assert_int_equal(lc_models_find_bounded(&models, "ERR_get_error", 0)->most, 100);
    assert_null(lc_models_find_bounded(&models, "ERR_peek_error", 1));
    lc_models_free(&models);
    expect_error("drains", "drains: missing or invalid function name");
    expect_error("drains queue.head 4", "drains: missing or invalid function name");
    expect_error("drains next", "drains next: expected the largest number of entries, a non-negative integer");
    expect_error("drains next -2", "drains next: expected the largest number of entries, a non-negative integer");
    expect_error("drains next 4 more", "drains next: unexpected 'more'");
}

/* `cheap NAME reason "..."`: the body stays followed (only its cost is
 * said); `instead` is refused, and so is a name cpu-heavy in the same
 * file; a later file's statement wins over a cpu-heavy one. */
static void test_cheap(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    load_clean(&models, "pool.rules",
               "cheap pool_append_block reason \"walks the blocks from a mark it moves on\"\n"
               "cpu-heavy pool_sort reason \"sorts\"\n");
    load_clean(&models, "later.rules", "cheap pool_sort reason \"sorts at most 8\"\n");
    const struct lc_function_model *append = find(&models, "pool_append_block");
    assert_non_null(append->cheap);
    assert_string_equal(append->cheap->reason, "walks the blocks from a mark it moves on");
    assert_int_equal(append->cheap->line, 1);
    assert_false(lc_model_hides_body(append));
    assert_null(append->cpu_heavy);
    assert_string_equal(find(&models, "pool_sort")->cheap->reason, "sorts at most 8");
    assert_null(find(&models, "pool_sort")->cpu_heavy);
    lc_models_free(&models);
    expect_error("cheap", "cheap: missing function name");
    expect_error("cheap x", "cheap x: missing reason \"...\"");
    expect_error("cheap x reason \"r\" instead \"y\"", "cheap x: a cheap function takes no instead");
    expect_error("cheap x if arg1=null reason \"r\"", "cheap x: unexpected 'if' (expected reason or instead, once each)");
}

/* `fails NAME result...`: the results that mean a function failed; the
 * function stays analysed (its body is followed); a later statement
 * wins; the words are printed back as written. */
static void test_fails(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    load_clean(&models, "fails.rules",
               "fails close result=-1\n"
               "fails pthread_mutex_lock result!=0   # an error number\n"
               "fails SSL_write result<=0\n"
               "fails uv_listen result<0\n"
               "fails malloc result=null\n"
               "fails PQsendQuery result=0\n"
               "fails uv_listen result=-1\n");
    assert_int_equal(find(&models, "close")->fails, LC_RESULT_TEST_MINUS_ONE);
    assert_int_equal(find(&models, "pthread_mutex_lock")->fails, LC_RESULT_TEST_NONZERO);
    assert_int_equal(find(&models, "SSL_write")->fails, LC_RESULT_TEST_NONPOSITIVE);
    assert_int_equal(find(&models, "uv_listen")->fails, LC_RESULT_TEST_MINUS_ONE);
    assert_int_equal(find(&models, "malloc")->fails, LC_RESULT_TEST_ZERO);
    assert_false(lc_model_hides_body(find(&models, "close")));
    assert_string_equal(find(&models, "SSL_write")->fails_text, "result<=0");
    assert_string_equal(find(&models, "PQsendQuery")->fails_text, "result=0");
    assert_int_equal(find(&models, "PQsendQuery")->fails, LC_RESULT_TEST_ZERO);
    lc_models_free(&models);
    expect_error("fails close", "fails close: expected result=-1, result<0, result<=0, result!=0, result=null or result=0");
    expect_error("fails close result=2", "fails close: expected result=-1, result<0, result<=0, result!=0, result=null or result=0");
    expect_error("fails close \"result=-1\"",
                 "fails close: expected result=-1, result<0, result<=0, result!=0, result=null or result=0");
    expect_error("fails close result=-1 always", "fails close: unexpected 'always'");
}

/* `frees NAME argK`: the argument a deallocator frees; the function's body,
 * if the program has one, stays analysed. */
static void test_frees(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    load_clean(&models, "frees.rules", "frees free arg1\nfrees g_slice_free1 arg2\n");
    assert_int_equal(find(&models, "free")->frees_position, 1);
    assert_int_equal(find(&models, "g_slice_free1")->frees_position, 2);
    assert_false(lc_model_hides_body(find(&models, "free")));
    lc_models_free(&models);
    expect_error("frees free", "frees free: missing argument position (argN)");
    expect_error("frees free arg0", "frees free: invalid argument position 'arg0' (expected argN, N from 1 to 127)");
    expect_error("frees free arg1 arg2", "frees free: unexpected 'arg2'");
}

/* `field`, `nonblocking-place` and `bounded` name places alike: an
 * identifier, or RECORD.FIELD of two (lc_rules_place_kind). */
static void test_place_names(void **state)
{
    (void)state;
    assert_int_equal(lc_rules_place_kind("wake_fd"), 0);
    assert_int_equal(lc_rules_place_kind("conn.fd"), 1);
    assert_int_equal(lc_rules_place_kind("conn.1fd"), -1);
    assert_int_equal(lc_rules_place_kind("conn."), -1);
    assert_int_equal(lc_rules_place_kind(".fd"), -1);
    assert_int_equal(lc_rules_place_kind("a.b.c"), -1);
    assert_int_equal(lc_rules_place_kind("9x"), -1);
    expect_error("field conn.1fd loop", "field: invalid RECORD.FIELD 'conn.1fd'");
    expect_error("field conn loop", "field: invalid RECORD.FIELD 'conn'");
    expect_error("nonblocking-place conn.1fd reason \"x\"",
                 "nonblocking-place conn.1fd: invalid name 'conn.1fd' (RECORD.FIELD or a variable)");
}

static void test_role_names(void **state)
{
    (void)state;
    assert_string_equal(lc_thread_role_name(LC_ROLE_LOOP), "loop");
    assert_string_equal(lc_thread_role_name(LC_ROLE_POOL), "pool");
    assert_string_equal(lc_thread_role_name(LC_ROLE_THREAD), "thread");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_statement),
        cmocka_unit_test(test_runs_loop),
        cmocka_unit_test(test_bounded_sizes),
        cmocka_unit_test(test_drains),
        cmocka_unit_test(test_cheap),
        cmocka_unit_test(test_fails),
        cmocka_unit_test(test_frees),
        cmocka_unit_test(test_callback_descriptor_and_fork),
        cmocka_unit_test(test_annotate),
        cmocka_unit_test(test_nonblocking_places),
        cmocka_unit_test(test_place_names),
        cmocka_unit_test(test_role_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
