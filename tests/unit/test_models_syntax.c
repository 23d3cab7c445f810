/* test_models_syntax.c — the rules-file syntax, from rules text given
 * inline (no data files): quoting, escapes and comments, each parse error
 * with its exact "file:line: message" (a good line after it still loads),
 * and a function declared twice in one file (the first stays). */
#include "models_fixture.h"

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
                 "blocking x: bad condition 'reason' (expected argN=null, argN!=null, argN=nonblocking, argN!=nonblocking, argN=readonly, argN!=readonly, argN=memory, argN!=memory, argN=standard, argN!=standard, argN~TOKEN, argN!~TOKEN, argN^PREFIX or argN!^PREFIX)");
    expect_error("blocking x if", "blocking x: missing condition after 'if'");
    expect_error("nonblocking-descriptor s argX reason \"r\"",
                 "nonblocking-descriptor s: expected result or argN after the name");
    expect_error("nonblocking-descriptor s result unless arg1~X reason \"r\"",
                 "nonblocking-descriptor s: unless is not allowed here (use if)");
    expect_error("nonblocking-descriptor s result if arg2~X",
                 "nonblocking-descriptor s: missing reason \"...\"");
    expect_error("blocking x unless arg0=null reason \"r\"",
                 "blocking x: bad condition 'arg0=null' (expected argN=null, argN!=null, argN=nonblocking, argN!=nonblocking, argN=readonly, argN!=readonly, argN=memory, argN!=memory, argN=standard, argN!=standard, argN~TOKEN, argN!~TOKEN, argN^PREFIX or argN!^PREFIX)");
    expect_error("blocking x if arg2=NULL reason \"r\"",
                 "blocking x: bad condition 'arg2=NULL' (expected argN=null, argN!=null, argN=nonblocking, argN!=nonblocking, argN=readonly, argN!=readonly, argN=memory, argN!=memory, argN=standard, argN!=standard, argN~TOKEN, argN!~TOKEN, argN^PREFIX or argN!^PREFIX)");
    expect_error("blocking x if arg2~ reason \"r\"",
                 "blocking x: bad condition 'arg2~' (expected argN=null, argN!=null, argN=nonblocking, argN!=nonblocking, argN=readonly, argN!=readonly, argN=memory, argN!=memory, argN=standard, argN!=standard, argN~TOKEN, argN!~TOKEN, argN^PREFIX or argN!^PREFIX)");
    expect_error("blocking x if arg2~A|B reason \"r\"",
                 "blocking x: bad condition 'arg2~A|B' (expected argN=null, argN!=null, argN=nonblocking, argN!=nonblocking, argN=readonly, argN!=readonly, argN=memory, argN!=memory, argN=standard, argN!=standard, argN~TOKEN, argN!~TOKEN, argN^PREFIX or argN!^PREFIX)");
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
                               "cpu-heavy hot reason \"two\"\n"
                               "cheap hot reason \"three\"\n"
                               "cheap cool reason \"one\"\n"
                               "cpu-heavy cool reason \"two\"\n",
                               &errors);
    assert_int_equal(count, 5);
    assert_string_equal(errors,
                        "dup.rules:4: unknown statement 'bogus'\n"
                        "dup.rules:6: blocking dup: already declared at line 2 of this file\n"
                        "dup.rules:7: cpu-heavy hot: already declared at line 3 of this file\n"
                        "dup.rules:8: cheap hot: already declared cpu-heavy at line 3 of this file\n"
                        "dup.rules:10: cpu-heavy cool: already declared cheap at line 9 of this file\n");
    /* The first declaration stays, with its library: a rejected line
     * changes nothing. */
    assert_string_equal(find(&models, "dup")->blocking->reason, "one");
    assert_string_equal(find(&models, "dup")->library->name, "first");
    assert_string_equal(find(&models, "hot")->cpu_heavy->reason, "one");
    assert_null(find(&models, "hot")->cheap);
    assert_string_equal(find(&models, "cool")->cheap->reason, "one");
    assert_null(find(&models, "cool")->cpu_heavy);
    assert_string_equal(find(&models, "hot")->library->name, "first");
    free(errors);
    lc_models_free(&models);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quoting_and_comments),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_duplicates_and_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
