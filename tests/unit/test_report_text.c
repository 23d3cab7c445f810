/* test_report_text.c — the compiler-style text report: exact lines,
 * suppressed findings left out, paths relative to the base directory only
 * when the file lies under it; also lc_format_parse. */
#include "report_fixture.h"

static int setup(void **state)
{
    struct report_fixture *fixture = malloc(sizeof *fixture);
    if (!fixture)
        return -1;
    report_fixture_setup(fixture);
    *state = fixture;
    return 0;
}

static int teardown(void **state)
{
    report_fixture_teardown(*state);
    free(*state);
    return 0;
}

/* The expected report when source paths print as `src` and the outside file
 * as `out`. */
static char *expected_text(const char *src, const char *out)
{
    char *text = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&text, &size);
    assert_non_null(stream);
    fprintf(stream,
            "%1$s:6:5: warning: sleep() blocks the event loop (1 entry point); "
            "use a timer instead [blocking-call]\n"
            "%1$s:16:20: note: on_timer registered with timer_start here\n"
            "%1$s:12:5: note: on_timer calls flush_log\n"
            "%1$s:6:5: note: flush_log calls sleep\n"
            "%1$s:4:13: note: flush_log is defined here\n"
            "%2$s:3:9: error: counter is written on the loop and on a worker "
            "without a lock [unlocked-shared-state]\n"
            "%1$s:16:20: note: start registers on_timer\n"
            "%2$s:7:5: note: the worker writes counter here\n",
            src, out);
    assert_int_equal(fclose(stream), 0);
    return text;
}

static void assert_text_report(struct report_fixture *fixture,
                               const char *src, const char *out)
{
    char *expected = expected_text(src, out);
    char *actual = report_fixture_output(fixture, LC_FORMAT_TEXT);
    assert_string_equal(actual, expected);
    free(actual);
    free(expected);
}

static void test_relative_under_base_dir(void **state)
{
    struct report_fixture *fixture = *state;
    assert_text_report(fixture, "src dir/server.c", fixture->outside);
}

static void test_base_dir_with_trailing_slash(void **state)
{
    struct report_fixture *fixture = *state;
    char base[sizeof fixture->base + 1];
    snprintf(base, sizeof base, "%s/", fixture->base);
    fixture->options.base_dir = base;
    assert_text_report(fixture, "src dir/server.c", fixture->outside);
}

static void test_absolute_without_base_dir(void **state)
{
    struct report_fixture *fixture = *state;
    fixture->options.base_dir = NULL;
    assert_text_report(fixture, fixture->source, fixture->outside);
}

static void test_prefix_that_is_not_a_directory(void **state)
{
    struct report_fixture *fixture = *state;
    char base[sizeof fixture->root + 4];
    snprintf(base, sizeof base, "%s/pro", fixture->root);
    fixture->options.base_dir = base;
    assert_text_report(fixture, fixture->source, fixture->outside);
}

static void test_root_as_base_dir(void **state)
{
    struct report_fixture *fixture = *state;
    fixture->options.base_dir = fixture->root;
    assert_text_report(fixture, "proj/src dir/server.c", "outside/lib.c");
}

static void test_nothing_when_all_suppressed(void **state)
{
    struct report_fixture *fixture = *state;
    for (size_t i = 0; i < fixture->findings.count; i++)
        fixture->findings.items[i].suppressed = 1;
    char *actual = report_fixture_output(fixture, LC_FORMAT_TEXT);
    assert_string_equal(actual, "");
    free(actual);
}

static void test_write_error_is_reported(void **state)
{
    struct report_fixture *fixture = *state;
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        skip();
    assert_int_equal(lc_report_write_text(full, &fixture->findings,
                                          &fixture->options), -1);
    fclose(full);
}

static void test_format_names(void **state)
{
    (void)state;
    assert_int_equal(lc_format_parse("text"), LC_FORMAT_TEXT);
    assert_int_equal(lc_format_parse("json"), LC_FORMAT_JSON);
    assert_int_equal(lc_format_parse("sarif"), LC_FORMAT_SARIF);
    assert_int_equal(lc_format_parse("SARIF"), -1);
    assert_int_equal(lc_format_parse("html"), -1);
    assert_int_equal(lc_format_parse(NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_relative_under_base_dir, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_base_dir_with_trailing_slash,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_absolute_without_base_dir, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_prefix_that_is_not_a_directory,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_root_as_base_dir, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nothing_when_all_suppressed, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_write_error_is_reported, setup,
                                        teardown),
        cmocka_unit_test(test_format_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
