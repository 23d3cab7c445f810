/* test_models.c — the rules-file parser and model store (analyzer/models.h):
 * every statement kind, quoting and comments, glob patterns and their
 * precedence, later files overriding earlier ones, each parse error with its
 * exact "file:line: message", loading files and directories, and the
 * shipped rules/ directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "facts.h"
#include "models.h"

/* Load `text` as `name`; *errors gets what was printed on `err`. */
static int load_capturing(struct lc_models *models, const char *name, const char *text,
                          char **errors)
{
    size_t size = 0;
    FILE *err = open_memstream(errors, &size);
    assert_non_null(err);
    int count = lc_models_load_text(models, name, text, err);
    assert_int_equal(fclose(err), 0);
    return count;
}

/* Load text that must parse without errors. */
static void load_clean(struct lc_models *models, const char *name, const char *text)
{
    char *errors = NULL;
    int count = load_capturing(models, name, text, &errors);
    assert_string_equal(errors, "");
    assert_int_equal(count, 0);
    free(errors);
}

static const struct lc_function_model *find(const struct lc_models *models, const char *name)
{
    const struct lc_function_model *model = lc_models_find(models, name);
    assert_non_null(model);
    return model;
}

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
static void expect_error(const char *line, const char *message);

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

    expect_error("gated-thread", "gated-thread: missing function name");
    expect_error("gated-thread io_main stop set_pending wait get_pending", "gated-thread io_main: expected 'start'");
    expect_error("gated-thread io_main start set_pending", "gated-thread io_main: expected 'wait'");
    expect_error("gated-thread io_main start set_pending wait", "gated-thread io_main: missing function name");
    expect_error("gated-thread io_main start set_pending wait get_pending now",
                 "gated-thread io_main: unexpected 'now'");
}

/* `callback ... descriptor argM argK`, `fork NAME`, and a bad clause. */
static void test_callback_descriptor_and_fork(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    load_clean(&models, "descriptor.rules",
               "callback demo_watch arg4 loop descriptor arg2 arg1\n"
               "callback demo_watch arg5 loop\n"
               "fork demo_fork\n"
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

static void test_quoting_and_comments(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    load_clean(&models, "quoting.rules",
               "# a comment line\n"
               "\n"
               "   \t  # an indented comment\n"
               "blocking q_one reason \"a \\\"quoted\\\" word, a \\\\ and a # inside\" # trailing\n"
               "blocking q_two reason \"\" instead \"tabs\tstay\"\r\n"
               "nonblocking q_three# comment right after a word\n"
               "blocking\tq_four\treason \"x\"#comment right after a string\n");
    assert_string_equal(find(&models, "q_one")->blocking->reason,
                        "a \"quoted\" word, a \\ and a # inside");
    assert_string_equal(find(&models, "q_two")->blocking->reason, "");
    assert_string_equal(find(&models, "q_two")->blocking->instead, "tabs\tstay");
    assert_null(find(&models, "q_one")->blocking->instead);
    assert_true(find(&models, "q_three")->nonblocking);
    assert_int_equal(find(&models, "q_four")->line, 7);
    lc_models_free(&models);
}

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

/* One bad line, the message it must print, and a good line that must still
 * load after it. */
static void expect_error(const char *line, const char *message)
{
    struct lc_models models;
    lc_models_init(&models);
    char *text = NULL, *errors = NULL, *expected = NULL;
    assert_true(asprintf(&text, "# bad line next\n%s\nnonblocking after_error\n", line) > 0);
    assert_true(asprintf(&expected, "bad.rules:2: %s\n", message) > 0);
    assert_int_equal(load_capturing(&models, "bad.rules", text, &errors), 1);
    assert_string_equal(errors, expected);
    assert_true(find(&models, "after_error")->nonblocking);
    free(text);
    free(errors);
    free(expected);
    lc_models_free(&models);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("frobnicate x", "unknown statement 'frobnicate'");
    expect_error("\"blocking\" x", "unknown statement 'blocking'");
    expect_error("blocking x reason \"open", "unterminated string");
    expect_error("blocking x reason \"ends in backslash\\", "unterminated string");
    expect_error("blocking x reason \"bad \\n escape\"",
                 "invalid escape in string (only \\\" and \\\\ are allowed)");
    expect_error("blocking x reason \"a\"b", "missing blank after the closing quote");
    expect_error("blocking x\"y reason \"a\"", "unexpected '\"' inside a word");
    expect_error("blocking", "blocking: missing function name");
    expect_error("blocking 9lives reason \"r\"", "blocking: invalid function name '9lives'");
    expect_error("blocking x", "blocking x: missing reason \"...\"");
    expect_error("blocking x instead \"y\"", "blocking x: missing reason \"...\"");
    expect_error("blocking x reason", "blocking x: expected a quoted string after 'reason'");
    expect_error("blocking x reason bare", "blocking x: expected a quoted string after 'reason'");
    expect_error("blocking x reason \"a\" reason \"b\"",
                 "blocking x: unexpected 'reason' (expected if, unless, reason or instead, once each)");
    expect_error("blocking x because \"a\"",
                 "blocking x: unexpected 'because' (expected if, unless, reason or instead, once each)");
    expect_error("blocking x if reason \"r\"",
                 "blocking x: bad condition 'reason' (expected argN=null, argN!=null, argN=nonblocking, argN!=nonblocking, argN=readonly, argN!=readonly, argN=memory, argN!=memory, argN~TOKEN, argN!~TOKEN, argN^PREFIX or argN!^PREFIX)");
    expect_error("blocking x if", "blocking x: missing condition after 'if'");
    expect_error("nonblocking-descriptor s argX reason \"r\"",
                 "nonblocking-descriptor s: expected result or argN after the name");
    expect_error("nonblocking-descriptor s result unless arg1~X reason \"r\"",
                 "nonblocking-descriptor s: unless is not allowed here (use if)");
    expect_error("nonblocking-descriptor s result if arg2~X",
                 "nonblocking-descriptor s: missing reason \"...\"");
    expect_error("blocking x unless arg0=null reason \"r\"",
                 "blocking x: bad condition 'arg0=null' (expected argN=null, argN!=null, argN=nonblocking, argN!=nonblocking, argN=readonly, argN!=readonly, argN=memory, argN!=memory, argN~TOKEN, argN!~TOKEN, argN^PREFIX or argN!^PREFIX)");
    expect_error("blocking x if arg2=NULL reason \"r\"",
                 "blocking x: bad condition 'arg2=NULL' (expected argN=null, argN!=null, argN=nonblocking, argN!=nonblocking, argN=readonly, argN!=readonly, argN=memory, argN!=memory, argN~TOKEN, argN!~TOKEN, argN^PREFIX or argN!^PREFIX)");
    expect_error("blocking x if arg2~ reason \"r\"",
                 "blocking x: bad condition 'arg2~' (expected argN=null, argN!=null, argN=nonblocking, argN!=nonblocking, argN=readonly, argN!=readonly, argN=memory, argN!=memory, argN~TOKEN, argN!~TOKEN, argN^PREFIX or argN!^PREFIX)");
    expect_error("blocking x if arg2~A|B reason \"r\"",
                 "blocking x: bad condition 'arg2~A|B' (expected argN=null, argN!=null, argN=nonblocking, argN!=nonblocking, argN=readonly, argN!=readonly, argN=memory, argN!=memory, argN~TOKEN, argN!~TOKEN, argN^PREFIX or argN!^PREFIX)");
    expect_error("cpu-heavy x if arg1=null reason \"r\"",
                 "cpu-heavy x: unexpected 'if' (expected reason or instead, once each)");
    expect_error("callback x", "callback x: missing argument position (argN)");
    expect_error("callback x 2 loop", "callback x: invalid argument position '2' (expected argN, N from 1 to 127)");
    expect_error("callback x arg0 loop", "callback x: invalid argument position 'arg0' (expected argN, N from 1 to 127)");
    expect_error("callback x arg128 loop", "callback x: invalid argument position 'arg128' (expected argN, N from 1 to 127)");
    expect_error("lock x argument1", "lock x: invalid argument position 'argument1' (expected argN, N from 1 to 127)");
    expect_error("callback x arg2", "callback x: missing role (loop, pool or thread)");
    expect_error("callback x arg2 main", "callback x: unknown role 'main' (expected loop, pool or thread)");
    expect_error("field s.cb worker", "field s.cb: unknown role 'worker' (expected loop, pool or thread)");
    expect_error("field cb loop", "field: invalid RECORD.FIELD 'cb'");
    expect_error("field s.cb.x loop", "field: invalid RECORD.FIELD 's.cb.x'");
    expect_error("field", "field: missing RECORD.FIELD");
    expect_error("nonblocking x y", "nonblocking x: unexpected 'y'");
    expect_error("unlock x arg1 arg2", "unlock x: unexpected 'arg2'");
    expect_error("pause-threads", "pause-threads: missing function name");
    expect_error("pause-threads p arg1~X", "pause-threads p: unexpected 'arg1~X' (expected if)");
    expect_error("resume-threads p if", "resume-threads p: missing condition after 'if'");
    expect_error("resume-threads p unless arg1~X", "resume-threads p: unexpected 'unless' (expected if)");
    expect_error("pause-threads p if arg1=nonblocking",
                 "pause-threads p: only argN~TOKEN, argN!~TOKEN, argN=null and argN!=null conditions are allowed "
                 "here");
    expect_error("pause-threads p if arg1~X reason \"r\"", "pause-threads p: unexpected 'reason' (expected if)");
    expect_error("library", "library: missing library name");
    expect_error("library lib", "library lib: expected offload \"...\"");
    expect_error("library lib offload", "library lib: expected a quoted string after 'offload'");

    char many[65 * 3 + 1] = "";
    for (int i = 0; i < 65; i++)
        strcat(many, "w ");
    expect_error(many, "too many words on one line");
}

static void test_duplicates_and_counts(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    char *errors = NULL;
    int count = load_capturing(&models, "dup.rules",
                               "library first offload \"f\"\n"
                               "blocking dup reason \"one\"\n"
                               "cpu-heavy hot reason \"one\"\n"
                               "bogus\n"
                               "library second offload \"s\"\n"
                               "blocking dup reason \"two\"\n"
                               "cpu-heavy hot reason \"two\"\n",
                               &errors);
    assert_int_equal(count, 3);
    assert_string_equal(errors,
                        "dup.rules:4: unknown statement 'bogus'\n"
                        "dup.rules:6: blocking dup: already declared at line 2 of this file\n"
                        "dup.rules:7: cpu-heavy hot: already declared at line 3 of this file\n");
    /* The first declaration stays, with its library: a rejected line
     * changes nothing. */
    assert_string_equal(find(&models, "dup")->blocking->reason, "one");
    assert_string_equal(find(&models, "dup")->library->name, "first");
    assert_string_equal(find(&models, "hot")->cpu_heavy->reason, "one");
    assert_string_equal(find(&models, "hot")->library->name, "first");
    free(errors);
    lc_models_free(&models);
}

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

static void test_role_names(void **state)
{
    (void)state;
    assert_string_equal(lc_thread_role_name(LC_ROLE_LOOP), "loop");
    assert_string_equal(lc_thread_role_name(LC_ROLE_POOL), "pool");
    assert_string_equal(lc_thread_role_name(LC_ROLE_THREAD), "thread");
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
    assert_int_equal(lc_models_find_bounded(&models, "screen_size_x")->most, 400);
    assert_int_equal(lc_models_find_bounded(&models, "grid.sy")->most, 500);
    assert_int_equal(lc_models_find_bounded(&models, "protocol_count")->most, 4);
    assert_null(lc_models_find_bounded(&models, "grid.sx"));
    assert_null(lc_models_find_bounded(&models, NULL));
    lc_models_free(&models);
    expect_error("bounded", "bounded: missing or invalid name (a function, RECORD.FIELD or a variable)");
    expect_error("bounded 9x 4", "bounded: missing or invalid name (a function, RECORD.FIELD or a variable)");
    expect_error("bounded rows", "bounded rows: expected the largest size, a non-negative integer");
    expect_error("bounded rows -1", "bounded rows: expected the largest size, a non-negative integer");
    expect_error("bounded rows 12x", "bounded rows: expected the largest size, a non-negative integer");
    expect_error("bounded rows 12 more", "bounded rows: unexpected 'more'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_statement),
        cmocka_unit_test(test_runs_loop),
        cmocka_unit_test(test_pause_threads),
        cmocka_unit_test(test_gated_thread),
        cmocka_unit_test(test_bounded_sizes),
        cmocka_unit_test(test_callback_descriptor_and_fork),
        cmocka_unit_test(test_quoting_and_comments),
        cmocka_unit_test(test_patterns),
        cmocka_unit_test(test_later_file_overrides),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_duplicates_and_counts),
        cmocka_unit_test(test_missing_file_and_dir),
        cmocka_unit_test(test_load_dir_in_name_order),
        cmocka_unit_test(test_role_names),
        cmocka_unit_test(test_shipped_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
