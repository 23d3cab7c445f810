/* test_fixture_expectations.c — the fixture test's comparison
 * (tests/fixtures/expectations.c): "expect:" comments read from a source,
 * findings read from a hand-made loopcheck JSON report, and a comparison that
 * fails on a missing finding, on an unexpected one, counts lines expecting
 * several findings as multisets and skips rules loopcheck does not
 * implement.  Each test works in a fresh temporary directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "expectations.h"

static const char *const only_blocking_call[] = { "blocking-call" };

struct expectations_test {
    char root[64];               /* mkdtemp'd, realpath'd */
    char source[128];            /* ROOT/source.c */
    char report[128];            /* ROOT/report.json */
    struct lc_fixture_findings expected, reported;
    char *output;                /* what lc_fixture_compare printed */
    size_t output_length;
};

static void write_file(const char *path, const char *text)
{
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    assert_int_equal(fputs(text, file) >= 0, 1);
    assert_int_equal(fclose(file), 0);
}

static int setup(void **state)
{
    struct expectations_test *test = calloc(1, sizeof *test);
    char template[] = "/tmp/lc-test-expectations-XXXXXX";
    if (!test || !mkdtemp(template) || !realpath(template, test->root))
        return -1;
    snprintf(test->source, sizeof test->source, "%s/source.c", test->root);
    snprintf(test->report, sizeof test->report, "%s/report.json", test->root);
    lc_fixture_findings_init(&test->expected);
    lc_fixture_findings_init(&test->reported);
    *state = test;
    return 0;
}

static int teardown(void **state)
{
    struct expectations_test *test = *state;
    lc_fixture_findings_free(&test->expected);
    lc_fixture_findings_free(&test->reported);
    free(test->output);
    unlink(test->source);
    unlink(test->report);
    rmdir(test->root);
    free(test);
    return 0;
}

/* Write the source and scan it; returns the scanner's status. */
static int scan_source(struct expectations_test *test, const char *text)
{
    write_file(test->source, text);
    FILE *err = fopen("/dev/null", "w");
    assert_non_null(err);
    int rc = lc_fixture_expectations_scan(&test->expected, test->source, err);
    fclose(err);
    return rc;
}

/* Write a report whose findings are `findings_json` and read it. */
static int read_report(struct expectations_test *test, const char *findings_json)
{
    char text[2048];
    snprintf(text, sizeof text, "{\"version\": \"0.1.0\", \"findings\": [%s]}", findings_json);
    write_file(test->report, text);
    FILE *err = fopen("/dev/null", "w");
    assert_non_null(err);
    int rc = lc_fixture_report_read(&test->reported, test->report, test->root, err);
    fclose(err);
    return rc;
}

static struct lc_fixture_result compare(struct expectations_test *test,
                                        const char *const *implemented, size_t count)
{
    FILE *out = open_memstream(&test->output, &test->output_length);
    assert_non_null(out);
    struct lc_fixture_result result =
        lc_fixture_compare(&test->expected, &test->reported, implemented, count, out);
    assert_int_equal(fclose(out), 0);
    return result;
}

static void assert_finding(const struct lc_fixture_finding *finding, const char *file,
                           unsigned line, const char *rule)
{
    assert_string_equal(finding->file, file);
    assert_int_equal(finding->line, line);
    assert_string_equal(finding->rule, rule);
}

static void test_scan_reads_only_comments(void **state)
{
    struct expectations_test *test = *state;
    assert_int_equal(scan_source(test,
        "/* a fixture */\n"
        "void a(void) { sleep(1); /* expect: blocking-call */ }\n"
        "void b(void) { spin(); } // expect: cpu-heavy-loop\n"
        "const char *s = \"/* expect: blocking-call */\";\n"
        "char q = '\"'; /* expect: blocking-call,unlocked-shared-state */\n"
        "/* a comment\n"
        "   ending here: expect: blocking-call */\n"
        "int n; /* unexpect: blocking-call */\n"), 0);
    assert_int_equal(test->expected.count, 5);
    assert_int_equal(test->expected.malformed, 0);
    assert_finding(&test->expected.items[0], test->source, 2, "blocking-call");
    assert_finding(&test->expected.items[1], test->source, 3, "cpu-heavy-loop");
    assert_finding(&test->expected.items[2], test->source, 5, "blocking-call");
    assert_finding(&test->expected.items[3], test->source, 5, "unlocked-shared-state");
    assert_finding(&test->expected.items[4], test->source, 7, "blocking-call");
    assert_null(test->expected.items[4].message);
}

static void test_scan_counts_malformed_and_fails_on_missing_file(void **state)
{
    struct expectations_test *test = *state;
    assert_int_equal(scan_source(test, "int x; /* expect: */\nint y; // expect:, blocking-call\n"), 0);
    assert_int_equal(test->expected.count, 0);
    assert_int_equal(test->expected.malformed, 2);
    FILE *err = fopen("/dev/null", "w");
    assert_non_null(err);
    assert_int_equal(lc_fixture_expectations_scan(&test->expected, "/nonexistent/x.c", err), -1);
    fclose(err);
}

static void test_report_keeps_unsuppressed_with_resolved_paths(void **state)
{
    struct expectations_test *test = *state;
    write_file(test->source, "int x;\n");
    char findings[1024];
    snprintf(findings, sizeof findings,
             "{\"rule\": \"blocking-call\", \"file\": \"source.c\", \"line\": 3, \"column\": 5,"
             " \"message\": \"'sleep' blocks\", \"suppressed\": false},"
             "{\"rule\": \"blocking-call\", \"file\": \"%s\", \"line\": 4, \"column\": 1,"
             " \"message\": \"m\", \"suppressed\": true},"
             "{\"rule\": \"cpu-heavy-loop\", \"file\": \"./sub/../source.c\", \"line\": 9,"
             " \"column\": 1, \"message\": \"m2\", \"suppressed\": false}",
             test->source);
    assert_int_equal(read_report(test, findings), 0);
    assert_int_equal(test->reported.count, 2);
    assert_finding(&test->reported.items[0], test->source, 3, "blocking-call");
    assert_string_equal(test->reported.items[0].message, "'sleep' blocks");
    assert_finding(&test->reported.items[1], test->source, 9, "cpu-heavy-loop");
}

static void test_report_rejects_non_reports(void **state)
{
    struct expectations_test *test = *state;
    assert_int_equal(read_report(test, "{\"rule\": \"blocking-call\", \"line\": 3}"), -1);
    write_file(test->report, "{\"counts\": {}}");
    FILE *err = fopen("/dev/null", "w");
    assert_non_null(err);
    assert_int_equal(lc_fixture_report_read(&test->reported, test->report, test->root, err), -1);
    write_file(test->report, "{\"findings\": [");
    assert_int_equal(lc_fixture_report_read(&test->reported, test->report, test->root, err), -1);
    fclose(err);
}

static const char *const two_line_source =
    "void a(void) { sleep(1); /* expect: blocking-call */ }\n"
    "void b(void) { fsync(0); /* expect: blocking-call */ }\n";

static void test_compare_passes_when_all_met(void **state)
{
    struct expectations_test *test = *state;
    assert_int_equal(scan_source(test, two_line_source), 0);
    assert_int_equal(read_report(test,
        "{\"rule\": \"blocking-call\", \"file\": \"source.c\", \"line\": 2, \"message\": \"b\"},"
        "{\"rule\": \"blocking-call\", \"file\": \"source.c\", \"line\": 1, \"message\": \"a\"}"), 0);
    struct lc_fixture_result result = compare(test, only_blocking_call, 1);
    assert_int_equal(result.passed, 2);
    assert_int_equal(result.failed, 0);
    assert_int_equal(result.skipped, 0);
    assert_string_equal(test->output, "");
}

static void test_compare_fails_on_missing(void **state)
{
    struct expectations_test *test = *state;
    assert_int_equal(scan_source(test, two_line_source), 0);
    assert_int_equal(read_report(test,
        "{\"rule\": \"blocking-call\", \"file\": \"source.c\", \"line\": 1, \"message\": \"a\"}"), 0);
    struct lc_fixture_result result = compare(test, only_blocking_call, 1);
    assert_int_equal(result.passed, 1);
    assert_int_equal(result.failed, 1);
    char line[256];
    snprintf(line, sizeof line, "%s:2: missing: blocking-call\n", test->source);
    assert_string_equal(test->output, line);
}

static void test_compare_fails_on_unexpected(void **state)
{
    struct expectations_test *test = *state;
    assert_int_equal(scan_source(test, two_line_source), 0);
    assert_int_equal(read_report(test,
        "{\"rule\": \"blocking-call\", \"file\": \"source.c\", \"line\": 1, \"message\": \"a\"},"
        "{\"rule\": \"blocking-call\", \"file\": \"source.c\", \"line\": 2, \"message\": \"b\"},"
        "{\"rule\": \"blocking-call\", \"file\": \"source.c\", \"line\": 3,"
        " \"message\": \"'usleep' blocks\"}"), 0);
    struct lc_fixture_result result = compare(test, only_blocking_call, 1);
    assert_int_equal(result.passed, 2);
    assert_int_equal(result.failed, 1);
    char line[256];
    snprintf(line, sizeof line, "%s:3: unexpected: blocking-call: 'usleep' blocks\n", test->source);
    assert_string_equal(test->output, line);
}

static void test_compare_counts_each_expected_finding(void **state)
{
    struct expectations_test *test = *state;
    assert_int_equal(scan_source(test, "f(); g(); /* expect: blocking-call, blocking-call */\n"
                                       "h(); /* expect: blocking-call */\n"), 0);
    const char *finding =
        "{\"rule\": \"blocking-call\", \"file\": \"source.c\", \"line\": 1, \"message\": \"m\"}";
    char findings[512];
    snprintf(findings, sizeof findings, "%s, %s, %s", finding, finding, finding);
    assert_int_equal(read_report(test, findings), 0);
    struct lc_fixture_result result = compare(test, only_blocking_call, 1);
    assert_int_equal(result.passed, 2);
    assert_int_equal(result.failed, 2);
    assert_non_null(strstr(test->output, ":1: unexpected: blocking-call: m\n"));
    assert_non_null(strstr(test->output, ":2: missing: blocking-call\n"));
}

static void test_compare_skips_unimplemented_rules(void **state)
{
    struct expectations_test *test = *state;
    assert_int_equal(scan_source(test, "for (;;) spin(); // expect: cpu-heavy-loop\n"
                                       "sleep(1); /* expect: blocking-call */\n"
                                       "int x; /* expect: */\n"), 0);
    assert_int_equal(read_report(test,
        "{\"rule\": \"blocking-call\", \"file\": \"source.c\", \"line\": 2, \"message\": \"m\"}"), 0);
    struct lc_fixture_result result = compare(test, only_blocking_call, 1);
    assert_int_equal(result.passed, 1);
    assert_int_equal(result.skipped, 1);
    assert_int_equal(result.failed, 1);   /* the malformed expectation */
    char line[256];
    snprintf(line, sizeof line, "%s:1: skipped: cpu-heavy-loop not implemented\n", test->source);
    assert_string_equal(test->output, line);

    static const char *const both[] = { "blocking-call", "cpu-heavy-loop" };
    free(test->output);
    test->output = NULL;
    result = compare(test, both, 2);
    assert_int_equal(result.skipped, 0);
    assert_int_equal(result.failed, 2);
    assert_non_null(strstr(test->output, ":1: missing: cpu-heavy-loop\n"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_scan_reads_only_comments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scan_counts_malformed_and_fails_on_missing_file, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_report_keeps_unsuppressed_with_resolved_paths, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_report_rejects_non_reports, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compare_passes_when_all_met, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compare_fails_on_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compare_fails_on_unexpected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compare_counts_each_expected_finding, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compare_skips_unimplemented_rules, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
