/* test_extract_texts.c — argument texts (extract_macro_args.c,
 * extract_text.c) on data/extract/macro_args.c: a call written in the
 * source reads its arguments as written there (a macro constant by its
 * name); a call written in a macro body reads them as written in the body,
 * and a macro parameter as written at the use, a string literal as its
 * value; on data/extract/flag_args.c,
 * flags and path strings passed through local variables (extract_flags.c);
 * on data/extract/many_files/, a macro argument spelled in a file first met
 * while the file cache is full. */
#include "extract_fixture.h"

/* Call `which` (0 for the first) on the line holding `tag` has the
 * argument texts listed. */
static void assert_texts_of(struct extract_test *test, const char *tag, size_t which,
                            size_t nargs, ...)
{
    unsigned line = line_of(test->file, tag);
    const struct lc_call_fact *call = NULL;
    for (size_t i = 0; i < test->facts.call_count && !call; i++)
        if (test->facts.calls[i].loc.line == line && which-- == 0)
            call = &test->facts.calls[i];
    if (!call)
        fail_msg("no call at %s", tag);
    assert_int_equal(call->nargs, nargs);
    va_list texts;
    va_start(texts, nargs);
    for (size_t i = 0; i < nargs; i++)
        assert_string_equal(call->arg_texts[i], va_arg(texts, const char *));
    va_end(texts);
}

/* The first call on the line holding `tag`. */
static const struct lc_call_fact *call_at(struct extract_test *test, const char *tag)
{
    unsigned line = line_of(test->file, tag);
    for (size_t i = 0; i < test->facts.call_count; i++)
        if (test->facts.calls[i].loc.line == line)
            return &test->facts.calls[i];
    fail_msg("no call at %s", tag);
    return NULL;
}

#define assert_texts(test, tag, ...) assert_texts_of(test, tag, 0, __VA_ARGS__)

static void test_direct_call(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "macro_args.c"), 0);
    assert_texts(test, "plain_call", 2, "p", "O_NONBLOCK");
}

static void test_calls_in_macro_bodies(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "macro_args.c"), 0);
    assert_texts(test, "log", 3, "stderr", "\"%s\\n\"", "\"hi\"");
    assert_texts(test, "open_nonblocking", 2, "p", "O_RDONLY | O_NONBLOCK");
    assert_texts(test, "nested", 3, "stderr", "\"%s\\n\"", "\"nested\"");
    /* A string literal reads as its value, a stringified argument and
     * __FILE__ too (lc_extract_string_argument). */
    const struct lc_call_fact *check = call_at(test, "check");
    assert_string_equal(check->arg_texts[2], "\"p != 0\"");
    assert_int_equal(check->args[2].kind, LC_VALUE_STRING);
    const char *file = check->arg_texts[3], *suffix = "macro_args.c\"";
    assert_true(file[0] == '"' && strlen(file) > strlen(suffix)
                && strcmp(file + strlen(file) - strlen(suffix), suffix) == 0);
    assert_string_equal(check->arg_texts[4], "__LINE__");
    assert_texts(test, "report", 3, "stdout", "\"%d\\n\"", "( value )");
    /* Parameters of a macro used in another macro's body: where spelled. */
    assert_texts_of(test, "checked_quietly", 0, 2, "stderr", "\"quiet failure\"");
    assert_texts_of(test, "checked_quietly", 1, 2, "stdout", "\"x=%d\\n\"");
}

/* The walker's file cache grows while a macro body's entry is in use: the
 * argument of CALL_WITH(VALUE) is spelled in a seventeenth file (under
 * AddressSanitizer, a use after free before each entry had its own
 * allocation). */
static void test_file_cache_grows_under_a_macro_body(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "many_files/many_files.c"), 0);
    assert_texts(test, "grown_cache", 1, "VALUE");
}

/* A local integer variable passed as an argument reads as what was
 * assigned or or-ed into it before; `~` clears and adds nothing; a
 * parameter reads as itself. */
static void test_flags_through_variables(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "flag_args.c"), 0);
    assert_texts(test, "tag_or_assigned", 3, "fd", "4", "mode = fcntl ( fd , 3 ) | O_NONBLOCK");
    assert_texts(test, "tag_cleared", 3, "fd", "4", "cleared = fcntl ( fd , 3 )");
    assert_texts(test, "tag_replaced", 3, "pid", "& status", "options = WNOHANG");
    assert_texts(test, "tag_parameter", 3, "pid", "& status", "blocking");
}

/* A local string variable reads as the literal assigned to it, or formatted
 * into it (`asprintf(&path, "fmt", ...)`); one assigned a different literal
 * in a branch, or whose address went to a call with no literal after it,
 * reads as itself; so does a parameter. */
static void test_paths_through_variables(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "flag_args.c"), 0);
    assert_texts(test, "tag_literal", 2, "status = \"/proc/self/status\"", "0");
    assert_texts(test, "tag_formatted", 2, "path = \"/proc/%d/cmdline\"", "0");
    assert_texts(test, "tag_either", 2, "either", "0");
    assert_texts(test, "tag_overwritten", 2, "end", "0");
    assert_texts(test, "tag_given", 2, "given", "0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_direct_call, setup, teardown),
        cmocka_unit_test_setup_teardown(test_calls_in_macro_bodies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_cache_grows_under_a_macro_body, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flags_through_variables, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paths_through_variables, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
