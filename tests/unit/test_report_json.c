/* test_report_json.c — the JSON report parsed back with jansson: every field
 * of a finding, its chain and related places, suppressed findings listed
 * but not counted, the counts per rule, paths relative to the base
 * directory, and a stable key order. */
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

static void test_findings_and_steps(void **state)
{
    struct report_fixture *fixture = *state;
    json_t *root = report_fixture_parse(fixture, LC_FORMAT_JSON);
    assert_string_equal(json_string_at(root, "version"), "0.1.0-test");
    assert_int_equal(json_array_size(json_at(root, "findings")), 3);

    assert_string_equal(json_string_at(root, "findings[0].rule"), "blocking-call");
    assert_string_equal(json_string_at(root, "findings[0].level"), "warning");
    assert_string_equal(json_string_at(root, "findings[0].file"), "src dir/server.c");
    assert_int_equal(json_integer_at(root, "findings[0].line"), 6);
    assert_int_equal(json_integer_at(root, "findings[0].column"), 5);
    assert_string_equal(json_string_at(root, "findings[0].message"),
                        fixture->findings.items[0].message);
    assert_true(json_is_false(json_at(root, "findings[0].suppressed")));
    assert_int_equal(json_array_size(json_at(root, "findings[0].chain")), 3);
    assert_string_equal(json_string_at(root, "findings[0].chain[1].file"),
                        "src dir/server.c");
    assert_int_equal(json_integer_at(root, "findings[0].chain[1].line"), 12);
    assert_int_equal(json_integer_at(root, "findings[0].chain[1].column"), 5);
    assert_string_equal(json_string_at(root, "findings[0].chain[1].message"),
                        "on_timer calls flush_log");
    assert_int_equal(json_array_size(json_at(root, "findings[0].related")), 1);
    assert_int_equal(json_integer_at(root, "findings[0].related[0].column"), 13);

    assert_string_equal(json_string_at(root, "findings[1].level"), "error");
    assert_string_equal(json_string_at(root, "findings[1].file"), fixture->outside);
    assert_string_equal(json_string_at(root, "findings[1].related[0].file"),
                        fixture->outside);
    assert_string_equal(json_string_at(root, "findings[1].related[0].message"),
                        "the worker writes counter here");
    json_decref(root);
}

static void test_suppressed_listed_not_counted(void **state)
{
    struct report_fixture *fixture = *state;
    json_t *root = report_fixture_parse(fixture, LC_FORMAT_JSON);
    assert_string_equal(json_string_at(root, "findings[2].rule"), "cpu-heavy-loop");
    assert_true(json_is_true(json_at(root, "findings[2].suppressed")));
    assert_int_equal(json_array_size(json_at(root, "findings[2].chain")), 0);
    assert_true(json_is_array(json_at(root, "findings[2].related")));

    assert_int_equal(json_integer_at(root, "counts.findings"), 2);
    assert_int_equal(json_integer_at(root, "counts.suppressed"), 1);
    json_t *by_rule = json_at(root, "counts.by_rule");
    assert_int_equal(json_object_size(by_rule), 2);
    assert_int_equal(json_integer_at(by_rule, "blocking-call"), 1);
    assert_int_equal(json_integer_at(by_rule, "unlocked-shared-state"), 1);
    assert_null(json_at(by_rule, "cpu-heavy-loop"));
    json_decref(root);
}

static void test_counts_add_up_per_rule(void **state)
{
    struct report_fixture *fixture = *state;
    struct lc_finding *again = lc_findings_add(&fixture->findings);
    assert_non_null(again);
    *again = fixture->findings.items[0];
    again->loc.line = 12;
    json_t *root = report_fixture_parse(fixture, LC_FORMAT_JSON);
    assert_int_equal(json_integer_at(root, "counts.findings"), 3);
    assert_int_equal(json_integer_at(root, "counts.by_rule.blocking-call"), 2);
    assert_int_equal(json_integer_at(root, "findings[3].line"), 12);
    json_decref(root);
}

static void test_absolute_paths_without_base_dir(void **state)
{
    struct report_fixture *fixture = *state;
    fixture->options.base_dir = NULL;
    json_t *root = report_fixture_parse(fixture, LC_FORMAT_JSON);
    assert_string_equal(json_string_at(root, "findings[0].file"), fixture->source);
    assert_string_equal(json_string_at(root, "findings[0].chain[0].file"),
                        fixture->source);
    json_decref(root);
}

static void test_key_order_is_stable(void **state)
{
    struct report_fixture *fixture = *state;
    const char *expected[] = { "rule", "level", "file", "line", "column",
                               "message", "suppressed", "chain", "related" };
    json_t *root = report_fixture_parse(fixture, LC_FORMAT_JSON);
    json_t *finding = json_at(root, "findings[0]");
    size_t i = 0;
    for (void *it = json_object_iter(finding); it;
         it = json_object_iter_next(finding, it), i++) {
        assert_true(i < sizeof expected / sizeof expected[0]);
        assert_string_equal(json_object_iter_key(it), expected[i]);
    }
    assert_int_equal(i, sizeof expected / sizeof expected[0]);
    json_decref(root);

    char *first = report_fixture_output(fixture, LC_FORMAT_JSON);
    char *second = report_fixture_output(fixture, LC_FORMAT_JSON);
    assert_string_equal(first, second);
    assert_true(strncmp(first, "{\n  \"version\"", 13) == 0);
    free(first);
    free(second);
}

static void test_empty_report(void **state)
{
    struct report_fixture *fixture = *state;
    fixture->findings.count = 0;
    json_t *root = report_fixture_parse(fixture, LC_FORMAT_JSON);
    assert_int_equal(json_array_size(json_at(root, "findings")), 0);
    assert_int_equal(json_integer_at(root, "counts.findings"), 0);
    assert_int_equal(json_integer_at(root, "counts.suppressed"), 0);
    assert_int_equal(json_object_size(json_at(root, "counts.by_rule")), 0);
    json_decref(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_findings_and_steps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_suppressed_listed_not_counted,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_counts_add_up_per_rule, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_absolute_paths_without_base_dir,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_key_order_is_stable, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_empty_report, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
