/* report_fixture.h — the findings the report tests print: a temporary
 * project (ROOT/proj with a source file in "src dir", a space in its name)
 * and three findings: a blocking call in it, an unlocked access in a file
 * outside the project (ROOT/outside/lib.c), and a suppressed heavy loop.
 * Also json_at(), to read a parsed report by a path such as
 * "runs[0].results[1].locations[0]". */
#ifndef LOOPCHECK_TEST_REPORT_FIXTURE_H
#define LOOPCHECK_TEST_REPORT_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"

struct report_fixture {
    char root[64];            /* the temporary directory */
    char base[128];           /* ROOT/proj, the base directory */
    char source_dir[192];     /* ROOT/proj/src dir */
    char source[256];         /* ROOT/proj/src dir/server.c */
    char outside[192];        /* ROOT/outside/lib.c (never written) */
    struct lc_findings findings;
    struct lc_report_options options;
};

static const char report_fixture_source[] =
    "/* server.c */\n"                                  /* 1 */
    "#include <unistd.h>\n"                             /* 2 */
    "\n"                                                /* 3 */
    "static void flush_log(void)\n"                     /* 4 */
    "{\n"                                               /* 5 */
    "    sleep(1);\n"                                   /* 6 */
    "}\n"                                               /* 7 */
    "\n"                                                /* 8 */
    "static void on_timer(void *data)\n"                /* 9 */
    "{\n"                                               /* 10 */
    "    (void)data;\n"                                 /* 11 */
    "    flush_log();\n"                                /* 12 */
    "}\n"                                               /* 13 */
    "\n"                                                /* 14 */
    "static int counter;\n"                             /* 15 */
    "void start(void) { timer_start(on_timer); }\n"     /* 16 */
    "void bump(void) { for (;;) counter++; }\n";        /* 17 */

static void report_fixture_write_file(const char *path, const char *text)
{
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    assert_true(fputs(text, out) >= 0);
    assert_int_equal(fclose(out), 0);
}

static struct lc_step *report_fixture_steps(struct report_fixture *fixture,
                                            size_t count)
{
    struct lc_step *steps =
        lc_arena_alloc(&fixture->findings.arena, count * sizeof *steps);
    assert_non_null(steps);
    return steps;
}

static void report_fixture_step(struct lc_step *step, const char *file,
                                unsigned line, unsigned col,
                                const char *message)
{
    step->loc = (struct lc_location){ file, line, col };
    step->message = message;
}

static struct lc_finding *report_fixture_finding(
    struct report_fixture *fixture, const char *rule_id, enum lc_level level,
    const char *file, unsigned line, unsigned col, const char *message)
{
    struct lc_finding *finding = lc_findings_add(&fixture->findings);
    assert_non_null(finding);
    finding->rule_id = rule_id;
    finding->level = level;
    finding->loc = (struct lc_location){ file, line, col };
    finding->message = message;
    return finding;
}

static void report_fixture_add_findings(struct report_fixture *fixture)
{
    const char *src = fixture->source, *out = fixture->outside;
    struct lc_finding *blocking = report_fixture_finding(
        fixture, "blocking-call", LC_LEVEL_WARNING, src, 6, 5,
        "sleep() blocks the event loop (1 entry point); use a timer instead");
    blocking->chain = report_fixture_steps(fixture, 3);
    blocking->chain_count = 3;
    report_fixture_step(&blocking->chain[0], src, 16, 20,
                        "on_timer registered with timer_start here");
    report_fixture_step(&blocking->chain[1], src, 12, 5,
                        "on_timer calls flush_log");
    report_fixture_step(&blocking->chain[2], src, 6, 5, "flush_log calls sleep");
    blocking->related = report_fixture_steps(fixture, 1);
    blocking->related_count = 1;
    report_fixture_step(&blocking->related[0], src, 4, 13,
                        "flush_log is defined here");

    struct lc_finding *unlocked = report_fixture_finding(
        fixture, "unlocked-shared-state", LC_LEVEL_ERROR, out, 3, 9,
        "counter is written on the loop and on a worker without a lock");
    unlocked->chain = report_fixture_steps(fixture, 1);
    unlocked->chain_count = 1;
    report_fixture_step(&unlocked->chain[0], src, 16, 20, "start registers on_timer");
    unlocked->related = report_fixture_steps(fixture, 1);
    unlocked->related_count = 1;
    report_fixture_step(&unlocked->related[0], out, 7, 5,
                        "the worker writes counter here");

    struct lc_finding *loop = report_fixture_finding(
        fixture, "cpu-heavy-loop", LC_LEVEL_WARNING, src, 17, 19,
        "this loop may run long on the event loop");
    loop->suppressed = 1;
}

static void report_fixture_setup(struct report_fixture *fixture)
{
    memset(fixture, 0, sizeof *fixture);
    snprintf(fixture->root, sizeof fixture->root, "/tmp/lc-report-XXXXXX");
    assert_non_null(mkdtemp(fixture->root));
    snprintf(fixture->base, sizeof fixture->base, "%s/proj", fixture->root);
    snprintf(fixture->source_dir, sizeof fixture->source_dir, "%s/src dir",
             fixture->base);
    snprintf(fixture->source, sizeof fixture->source, "%s/server.c",
             fixture->source_dir);
    snprintf(fixture->outside, sizeof fixture->outside, "%s/outside/lib.c",
             fixture->root);
    assert_int_equal(mkdir(fixture->base, 0700), 0);
    assert_int_equal(mkdir(fixture->source_dir, 0700), 0);
    report_fixture_write_file(fixture->source, report_fixture_source);

    lc_findings_init(&fixture->findings);
    report_fixture_add_findings(fixture);
    fixture->options.base_dir = fixture->base;
    fixture->options.tool_version = "0.1.0-test";
    fixture->options.docs_base_uri = "https://example.org/loopcheck/";
}

static void report_fixture_teardown(struct report_fixture *fixture)
{
    lc_findings_free(&fixture->findings);
    unlink(fixture->source);
    rmdir(fixture->source_dir);
    rmdir(fixture->base);
    rmdir(fixture->root);
}

/* The report in `format` as a malloc'd string; the write must succeed. */
static char *report_fixture_output(struct report_fixture *fixture,
                                   enum lc_format format)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    assert_int_equal(lc_report_write(format, out, &fixture->findings,
                                     &fixture->options), 0);
    assert_int_equal(fclose(out), 0);
    return text;
}

/* The report parsed back; json_decref it. */
static inline json_t *report_fixture_parse(struct report_fixture *fixture,
                                           enum lc_format format)
{
    char *text = report_fixture_output(fixture, format);
    json_error_t error;
    json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &error);
    if (!root)
        fail_msg("report is not JSON: %s at line %d", error.text, error.line);
    free(text);
    return root;
}

/* The value at `path` ("a.b[2].c") under `value`, or NULL. */
static inline json_t *json_at(json_t *value, const char *path)
{
    const char *p = path;
    while (value && *p) {
        if (*p == '.')
            p++;
        if (*p == '[') {
            char *end;
            unsigned long index = strtoul(p + 1, &end, 10);
            value = json_array_get(value, index);
            p = end + 1;
            continue;
        }
        size_t length = strcspn(p, ".[");
        value = json_object_getn(value, p, length);
        p += length;
    }
    return value;
}

/* The string at `path`; fails the test when there is none. */
static inline const char *json_string_at(json_t *value, const char *path)
{
    json_t *found = json_at(value, path);
    if (!json_is_string(found))
        fail_msg("no string at %s", path);
    return json_string_value(found);
}

/* The integer at `path`; fails the test when there is none. */
static inline long long json_integer_at(json_t *value, const char *path)
{
    json_t *found = json_at(value, path);
    if (!json_is_integer(found))
        fail_msg("no integer at %s", path);
    return json_integer_value(found);
}

#endif
