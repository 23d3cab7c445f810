/* test_report_sarif.c — the SARIF 2.1.0 log parsed back with jansson, field
 * by field: the driver and its rules (from the real check table), results
 * with primary, flow and related locations, SRCROOT-relative and absolute
 * percent-encoded URIs, suppressions, and fingerprints that survive edits
 * above the finding. */
#include "report_fixture.h"

#include <ctype.h>

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

static void test_log_and_driver(void **state)
{
    struct report_fixture *fixture = *state;
    json_t *log = report_fixture_parse(fixture, LC_FORMAT_SARIF);
    assert_string_equal(json_string_at(log, "$schema"),
                        "https://json.schemastore.org/sarif-2.1.0.json");
    assert_string_equal(json_string_at(log, "version"), "2.1.0");
    assert_int_equal(json_array_size(json_at(log, "runs")), 1);
    json_t *driver = json_at(log, "runs[0].tool.driver");
    assert_string_equal(json_string_at(driver, "name"), "loopcheck");
    assert_string_equal(json_string_at(driver, "version"), "0.1.0-test");
    assert_string_equal(json_string_at(driver, "semanticVersion"), "0.1.0-test");
    assert_string_equal(json_string_at(driver, "informationUri"),
                        "https://example.org/loopcheck/");
    char base_uri[256];
    snprintf(base_uri, sizeof base_uri, "file://%s/", fixture->base);
    assert_string_equal(
        json_string_at(log, "runs[0].originalUriBaseIds.SRCROOT.uri"), base_uri);
    json_decref(log);
}

static void test_one_rule_per_check(void **state)
{
    struct report_fixture *fixture = *state;
    json_t *log = report_fixture_parse(fixture, LC_FORMAT_SARIF);
    json_t *rules = json_at(log, "runs[0].tool.driver.rules");
    assert_true(lc_check_count > 0);
    assert_int_equal(json_array_size(rules), lc_check_count);
    for (size_t i = 0; i < lc_check_count; i++) {
        const struct lc_check *check = lc_checks[i];
        json_t *rule = json_array_get(rules, i);
        assert_string_equal(json_string_at(rule, "id"), check->id);
        const char *name = json_string_at(rule, "name");
        assert_true(isupper((unsigned char)name[0]));
        assert_null(strchr(name, '-'));
        assert_string_equal(json_string_at(rule, "shortDescription.text"),
                            check->short_description);
        assert_string_equal(json_string_at(rule, "fullDescription.text"),
                            check->full_description);
        assert_string_equal(json_string_at(rule, "help.text"), check->help);
        assert_string_equal(json_string_at(rule, "help.markdown"), check->help);
        char help_uri[512];
        snprintf(help_uri, sizeof help_uri, "https://example.org/loopcheck/%s",
                 check->doc);
        assert_string_equal(json_string_at(rule, "helpUri"), help_uri);
        assert_string_equal(json_string_at(rule, "defaultConfiguration.level"),
                            lc_level_name(check->level));
        if (strcmp(check->id, "blocking-call") == 0)
            assert_string_equal(name, "BlockingCall");
    }
    json_decref(log);
}

static void test_primary_location_relative_to_srcroot(void **state)
{
    struct report_fixture *fixture = *state;
    json_t *log = report_fixture_parse(fixture, LC_FORMAT_SARIF);
    json_t *result = json_at(log, "runs[0].results[0]");
    assert_int_equal(json_array_size(json_at(log, "runs[0].results")), 3);
    assert_string_equal(json_string_at(result, "ruleId"), "blocking-call");
    assert_string_equal(json_string_at(result, "level"), "warning");
    assert_string_equal(json_string_at(result, "message.text"),
                        fixture->findings.items[0].message);
    json_t *where = json_at(result, "locations[0].physicalLocation");
    assert_string_equal(json_string_at(where, "artifactLocation.uri"),
                        "src%20dir/server.c");
    assert_string_equal(json_string_at(where, "artifactLocation.uriBaseId"),
                        "SRCROOT");
    assert_int_equal(json_integer_at(where, "region.startLine"), 6);
    assert_int_equal(json_integer_at(where, "region.startColumn"), 5);
    assert_null(json_at(result, "suppressions"));
    json_decref(log);
}

static void test_rule_index_points_into_rules(void **state)
{
    struct report_fixture *fixture = *state;
    json_t *log = report_fixture_parse(fixture, LC_FORMAT_SARIF);
    json_t *results = json_at(log, "runs[0].results");
    for (size_t i = 0; i < json_array_size(results); i++) {
        json_t *result = json_array_get(results, i);
        const char *rule_id = json_string_at(result, "ruleId");
        json_t *index = json_at(result, "ruleIndex");
        if (!lc_check_find(rule_id)) {
            assert_null(index);
            continue;
        }
        assert_true(json_is_integer(index));
        json_t *rule = json_array_get(json_at(log, "runs[0].tool.driver.rules"),
                                      (size_t)json_integer_value(index));
        assert_string_equal(json_string_at(rule, "id"), rule_id);
    }
    json_decref(log);
}

static void test_code_flow_follows_the_chain(void **state)
{
    struct report_fixture *fixture = *state;
    json_t *log = report_fixture_parse(fixture, LC_FORMAT_SARIF);
    json_t *result = json_at(log, "runs[0].results[0]");
    json_t *steps = json_at(result, "codeFlows[0].threadFlows[0].locations");
    assert_int_equal(json_array_size(json_at(result, "codeFlows")), 1);
    assert_int_equal(json_array_size(steps), 3);
    const unsigned lines[] = { 16, 12, 6 };
    const struct lc_step *chain = fixture->findings.items[0].chain;
    for (size_t i = 0; i < 3; i++) {
        json_t *step = json_array_get(steps, i);
        assert_int_equal(json_integer_at(step, "executionOrder"), (long long)i + 1);
        assert_int_equal(
            json_integer_at(step, "location.physicalLocation.region.startLine"),
            lines[i]);
        assert_string_equal(json_string_at(step, "location.message.text"),
                            chain[i].message);
        assert_string_equal(
            json_string_at(step, "location.physicalLocation.artifactLocation.uri"),
            "src%20dir/server.c");
    }
    assert_int_equal(
        json_integer_at(result, "codeFlows[0].threadFlows[0].locations[1]"
                                ".location.physicalLocation.region.startColumn"),
        5);
    assert_null(json_at(log, "runs[0].results[2].codeFlows"));
    json_decref(log);
}

static void test_related_and_outside_locations(void **state)
{
    struct report_fixture *fixture = *state;
    json_t *log = report_fixture_parse(fixture, LC_FORMAT_SARIF);
    json_t *result = json_at(log, "runs[0].results[1]");
    char outside_uri[256];
    snprintf(outside_uri, sizeof outside_uri, "file://%s", fixture->outside);
    assert_string_equal(json_string_at(result, "level"), "error");
    json_t *primary = json_at(result, "locations[0].physicalLocation");
    assert_string_equal(json_string_at(primary, "artifactLocation.uri"),
                        outside_uri);
    assert_null(json_at(primary, "artifactLocation.uriBaseId"));

    assert_int_equal(json_array_size(json_at(result, "relatedLocations")), 1);
    json_t *related = json_at(result, "relatedLocations[0]");
    assert_int_equal(json_integer_at(related, "id"), 1);
    assert_string_equal(json_string_at(related, "message.text"),
                        "the worker writes counter here");
    assert_string_equal(
        json_string_at(related, "physicalLocation.artifactLocation.uri"),
        outside_uri);
    assert_int_equal(json_integer_at(related, "physicalLocation.region.startLine"), 7);
    assert_int_equal(json_integer_at(log, "runs[0].results[0].relatedLocations[0].id"), 1);
    json_decref(log);
}

static void test_absolute_uris_without_base_dir(void **state)
{
    struct report_fixture *fixture = *state;
    fixture->options.base_dir = NULL;
    fixture->options.docs_base_uri = NULL;
    json_t *log = report_fixture_parse(fixture, LC_FORMAT_SARIF);
    char uri[512];
    snprintf(uri, sizeof uri, "file://%s/src%%20dir/server.c", fixture->base);
    assert_string_equal(
        json_string_at(log, "runs[0].results[0].locations[0].physicalLocation"
                            ".artifactLocation.uri"),
        uri);
    assert_null(json_at(log, "runs[0].results[0].locations[0].physicalLocation"
                             ".artifactLocation.uriBaseId"));
    assert_null(json_at(log, "runs[0].originalUriBaseIds"));
    assert_null(json_at(log, "runs[0].tool.driver.informationUri"));
    assert_null(json_at(log, "runs[0].tool.driver.rules[0].helpUri"));
    json_decref(log);
}

static void test_reserved_characters_are_percent_encoded(void **state)
{
    struct report_fixture *fixture = *state;
    char odd[256];
    snprintf(odd, sizeof odd, "%s/src dir/we#ird%%?\xc3\xa9.c", fixture->base);
    fixture->findings.count = 1;
    fixture->findings.items[0].loc.file = odd;
    json_t *log = report_fixture_parse(fixture, LC_FORMAT_SARIF);
    assert_string_equal(
        json_string_at(log, "runs[0].results[0].locations[0].physicalLocation"
                            ".artifactLocation.uri"),
        "src%20dir/we%23ird%25%3F%C3%A9.c");
    json_decref(log);
}

static void test_suppressed_result_carries_suppression(void **state)
{
    struct report_fixture *fixture = *state;
    json_t *log = report_fixture_parse(fixture, LC_FORMAT_SARIF);
    json_t *result = json_at(log, "runs[0].results[2]");
    assert_string_equal(json_string_at(result, "ruleId"), "cpu-heavy-loop");
    assert_int_equal(json_array_size(json_at(result, "suppressions")), 1);
    assert_string_equal(json_string_at(result, "suppressions[0].kind"), "inSource");
    assert_true(strlen(json_string_at(result, "suppressions[0].justification")) > 0);
    assert_null(json_at(log, "runs[0].results[1].suppressions"));
    json_decref(log);
}

/* The loopcheck/v1 fingerprint of result `index`, copied. */
static char *fingerprint_of(struct report_fixture *fixture, size_t index)
{
    json_t *log = report_fixture_parse(fixture, LC_FORMAT_SARIF);
    char path[64];
    snprintf(path, sizeof path, "runs[0].results[%zu].partialFingerprints", index);
    json_t *fingerprints = json_at(log, path);
    assert_int_equal(json_object_size(fingerprints), 1);
    char *copy = strdup(json_string_at(fingerprints, "loopcheck/v1"));
    json_decref(log);
    assert_non_null(copy);
    return copy;
}

static void test_fingerprint_survives_moves_above(void **state)
{
    struct report_fixture *fixture = *state;
    char *before = fingerprint_of(fixture, 0);
    assert_int_equal(strlen(before), 18);
    assert_int_equal(strspn(before, "0123456789abcdef"), 16);
    assert_string_equal(before + 16, ":1");

    char moved[sizeof report_fixture_source + 64];
    snprintf(moved, sizeof moved, "/* new */\n\n\n%s", report_fixture_source);
    report_fixture_write_file(fixture->source, moved);
    fixture->findings.items[0].loc.line += 3;
    char *after = fingerprint_of(fixture, 0);
    assert_string_equal(after, before);
    free(after);

    char *line = strstr(moved, "    sleep(1);");
    assert_non_null(line);
    line[10] = '2';
    report_fixture_write_file(fixture->source, moved);
    char *changed = fingerprint_of(fixture, 0);
    assert_string_not_equal(changed, before);
    free(changed);
    free(before);
}

static void test_fingerprint_counts_identical_findings(void **state)
{
    struct report_fixture *fixture = *state;
    struct lc_finding *twin = lc_findings_add(&fixture->findings);
    assert_non_null(twin);
    *twin = fixture->findings.items[0];
    char *first = fingerprint_of(fixture, 0);
    char *second = fingerprint_of(fixture, 3);
    assert_int_equal(strncmp(first, second, 16), 0);
    assert_string_equal(first + 16, ":1");
    assert_string_equal(second + 16, ":2");
    char *other = fingerprint_of(fixture, 2);
    assert_int_not_equal(strncmp(first, other, 16), 0);
    free(first);
    free(second);
    free(other);
}

int main(void)
{
#define SARIF_TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        SARIF_TEST(test_log_and_driver),
        SARIF_TEST(test_one_rule_per_check),
        SARIF_TEST(test_primary_location_relative_to_srcroot),
        SARIF_TEST(test_rule_index_points_into_rules),
        SARIF_TEST(test_code_flow_follows_the_chain),
        SARIF_TEST(test_related_and_outside_locations),
        SARIF_TEST(test_absolute_uris_without_base_dir),
        SARIF_TEST(test_reserved_characters_are_percent_encoded),
        SARIF_TEST(test_suppressed_result_carries_suppression),
        SARIF_TEST(test_fingerprint_survives_moves_above),
        SARIF_TEST(test_fingerprint_counts_identical_findings),
    };
#undef SARIF_TEST
    return cmocka_run_group_tests(tests, NULL, NULL);
}
