/* test_models_pauses_gates.c — the statements that order threads without
 * a lock, from rules text given inline (no data files): `pause-threads`
 * and `resume-threads` with their conditions, `gated-thread ROLE start
 * START wait WAIT` and its bad lines, and the lock vocabulary that carries
 * them, whose hash changes with them. */
#include "models_fixture.h"

/* The lock vocabulary of `text` (its pause entries and hash). */
static unsigned long long vocabulary_hash(const char *text, size_t *pause_count)
{
    struct lc_models models;
    struct lc_arena arena;
    struct lc_lock_vocabulary vocabulary;
    lc_models_init(&models);
    lc_arena_init(&arena);
    load_clean(&models, "vocabulary.rules", text);
    assert_int_equal(lc_models_lock_vocabulary(&models, &arena, &vocabulary), 0);
    *pause_count = vocabulary.pause_count;
    unsigned long long hash = vocabulary.hash;
    lc_arena_free(&arena);
    lc_models_free(&models);
    return hash;
}

/* `pause-threads NAME [if COND]...` and `resume-threads NAME [if COND]...`:
 * one of each per function (later wins), with conditions on the call's
 * own arguments; the body stays followed; the lock vocabulary carries
 * them, and its hash changes with them. */
static void test_pause_threads(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    load_clean(&models, "pause.rules",
               "library demo offload \"demo_offload(job)\"\n"
               "pause-threads demo_pause if arg1~DEMO_PAUSE_ALL\n"
               "resume-threads demo_pause if arg1~DEMO_RESUME_ALL if arg2!=null\n"
               "pause-threads stop_world\n"
               "resume-threads start_world if arg1!~DEMO_PARTIAL\n"
               "resume-threads start_world if arg1=null   # later wins\n");
    const struct lc_function_model *pause = find(&models, "demo_pause");
    assert_false(lc_model_hides_body(pause));
    assert_string_equal(pause->library->name, "demo");
    assert_non_null(pause->pauses_threads);
    assert_int_equal(pause->pauses_threads->if_count, 1);
    assert_int_equal(pause->pauses_threads->if_conditions[0].position, 1);
    assert_int_equal(pause->pauses_threads->if_conditions[0].test, LC_ARG_HAS_TOKEN);
    assert_string_equal(pause->pauses_threads->if_conditions[0].token, "DEMO_PAUSE_ALL");
    assert_non_null(pause->resumes_threads);
    assert_int_equal(pause->resumes_threads->if_count, 2);
    assert_string_equal(pause->resumes_threads->if_conditions[0].token, "DEMO_RESUME_ALL");
    assert_int_equal(pause->resumes_threads->if_conditions[1].position, 2);
    assert_int_equal(pause->resumes_threads->if_conditions[1].test, LC_ARG_NOT_NULL);
    const struct lc_function_model *stop = find(&models, "stop_world");
    assert_int_equal(stop->pauses_threads->if_count, 0);
    assert_null(stop->resumes_threads);
    const struct lc_function_model *start = find(&models, "start_world");
    assert_null(start->pauses_threads);
    assert_int_equal(start->resumes_threads->if_count, 1);
    assert_int_equal(start->resumes_threads->if_conditions[0].test, LC_ARG_IS_NULL);
    lc_models_free(&models);

    size_t pauses = 0;
    unsigned long long none = vocabulary_hash("lock demo_lock arg1\n", &pauses);
    assert_int_equal(pauses, 0);
    unsigned long long paired = vocabulary_hash("lock demo_lock arg1\n"
                                                "pause-threads demo_pause if arg1~DEMO_PAUSE_ALL\n"
                                                "resume-threads demo_pause if arg1~DEMO_RESUME_ALL\n",
                                                &pauses);
    assert_int_equal(pauses, 2);
    unsigned long long other_token = vocabulary_hash("lock demo_lock arg1\n"
                                                     "pause-threads demo_pause if arg1~DEMO_PAUSE_SOME\n"
                                                     "resume-threads demo_pause if arg1~DEMO_RESUME_ALL\n",
                                                     &pauses);
    assert_true(none != paired);
    assert_true(other_token != paired);
}

/* `gated-thread ROLE start START wait WAIT`: names only (no function
 * model is made, so START's and WAIT's bodies stay followed); a role named
 * again is replaced; the lock vocabulary carries each gate with its
 * identities, and its hash changes with them; bad lines. */
static void test_gated_thread(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    load_clean(&models, "gates.rules",
               "gated-thread io_main start set_pending wait get_pending\n"
               "gated-thread disk_main start queue_disk wait disk_left\n"
               "gated-thread io_main start hand_over wait get_pending   # later wins\n");
    assert_int_equal(models.gate_count, 2);
    assert_string_equal(models.gates[0].role, "io_main");
    assert_string_equal(models.gates[0].start, "hand_over");
    assert_string_equal(models.gates[0].wait, "get_pending");
    assert_string_equal(models.gates[1].role, "disk_main");
    assert_null(lc_models_find(&models, "hand_over"));
    assert_null(lc_models_find(&models, "get_pending"));
    struct lc_arena arena;
    struct lc_lock_vocabulary vocabulary;
    lc_arena_init(&arena);
    assert_int_equal(lc_models_lock_vocabulary(&models, &arena, &vocabulary), 0);
    assert_int_equal(vocabulary.gate_count, 2);
    assert_string_equal(vocabulary.gates[0].start, "hand_over");
    assert_string_equal(vocabulary.gates[0].wait, "get_pending");
    assert_string_equal(vocabulary.gates[0].identity, LC_LOCK_GATE_PREFIX "io_main");
    assert_string_equal(vocabulary.gates[1].unclosed, LC_LOCK_GATE_UNCLOSED "disk_main");
    lc_arena_free(&arena);
    lc_models_free(&models);

    size_t pauses = 0;
    unsigned long long none = vocabulary_hash("lock demo_lock arg1\n", &pauses);
    unsigned long long gated = vocabulary_hash("lock demo_lock arg1\n"
                                               "gated-thread io_main start set_pending wait get_pending\n", &pauses);
    unsigned long long other_wait = vocabulary_hash("lock demo_lock arg1\n"
                                                    "gated-thread io_main start set_pending wait get_left\n",
                                                    &pauses);
    assert_true(none != gated);
    assert_true(other_wait != gated);
    /* A loop-thread-test is read by the extractor: part of the hash. */
    unsigned long long tested = vocabulary_hash("lock demo_lock arg1\nloop-thread-test on_loop\n", &pauses);
    assert_true(tested != none);

    expect_error("lock demo_rdlock arg1 shared now", "lock demo_rdlock: unexpected 'now'");
    expect_error("lock demo_rdlock arg1 reading",
                 "lock demo_rdlock: unexpected 'reading' (expected 'shared' or the end of the line)");
    expect_error("unlock demo_unlock arg1 shared", "unlock demo_unlock: unexpected 'shared'");
    expect_error("loop-thread-test", "loop-thread-test: missing function name");

    expect_error("gated-thread", "gated-thread: missing function name");
    expect_error("gated-thread io_main stop set_pending wait get_pending", "gated-thread io_main: expected 'start'");
    expect_error("gated-thread io_main start set_pending", "gated-thread io_main: expected 'wait'");
    expect_error("gated-thread io_main start set_pending wait", "gated-thread io_main: missing function name");
    expect_error("gated-thread io_main start set_pending wait get_pending now",
                 "gated-thread io_main: unexpected 'now'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pause_threads),
        cmocka_unit_test(test_gated_thread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
