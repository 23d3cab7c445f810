/* test_finding.c — the findings list: growth, sort order, level names, and
 * inline `loopcheck: ignore` suppressions read from temporary source files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "finding.h"

static struct lc_finding *add_finding(struct lc_findings *findings,
                                      const char *file, unsigned line,
                                      unsigned col, const char *rule_id)
{
    struct lc_finding *finding = lc_findings_add(findings);
    assert_non_null(finding);
    finding->rule_id = rule_id;
    finding->level = LC_LEVEL_WARNING;
    finding->loc.file = file;
    finding->loc.line = line;
    finding->loc.col = col;
    return finding;
}

/* Write `text` to a new temporary file; its path goes into `path`. */
static void write_temp_source(char *path, size_t size, const char *text)
{
    snprintf(path, size, "/tmp/lc-finding-XXXXXX.c");
    int fd = mkstemps(path, 2);
    assert_true(fd >= 0);
    FILE *out = fdopen(fd, "w");
    assert_non_null(out);
    assert_int_equal(fputs(text, out) >= 0, 1);
    assert_int_equal(fclose(out), 0);
}

static void test_add_grows_and_zeroes(void **state)
{
    (void)state;
    struct lc_findings findings;
    lc_findings_init(&findings);
    for (unsigned i = 0; i < 100; i++) {
        struct lc_finding *finding = lc_findings_add(&findings);
        assert_non_null(finding);
        assert_null(finding->rule_id);
        assert_int_equal(finding->suppressed, 0);
        assert_int_equal(finding->chain_count, 0);
        finding->loc.line = i + 1;
    }
    assert_int_equal(findings.count, 100);
    assert_true(findings.cap >= 100);
    for (unsigned i = 0; i < 100; i++)
        assert_int_equal(findings.items[i].loc.line, i + 1);
    lc_findings_free(&findings);
}

static void test_sort_by_file_line_column_rule(void **state)
{
    (void)state;
    struct lc_findings findings;
    lc_findings_init(&findings);
    add_finding(&findings, "/src/b.c", 1, 1, "blocking-call");
    add_finding(&findings, "/src/a.c", 10, 2, "cpu-heavy-loop");
    add_finding(&findings, "/src/a.c", 10, 2, "blocking-call");
    add_finding(&findings, "/src/a.c", 9, 30, "blocking-call");
    add_finding(&findings, "/src/a.c", 10, 1, "unlocked-shared-state");
    lc_findings_sort(&findings);

    const struct { const char *file; unsigned line, col; const char *rule; }
        expected[] = {
            { "/src/a.c", 9, 30, "blocking-call" },
            { "/src/a.c", 10, 1, "unlocked-shared-state" },
            { "/src/a.c", 10, 2, "blocking-call" },
            { "/src/a.c", 10, 2, "cpu-heavy-loop" },
            { "/src/b.c", 1, 1, "blocking-call" },
        };
    assert_int_equal(findings.count, 5);
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(findings.items[i].loc.file, expected[i].file);
        assert_int_equal(findings.items[i].loc.line, expected[i].line);
        assert_int_equal(findings.items[i].loc.col, expected[i].col);
        assert_string_equal(findings.items[i].rule_id, expected[i].rule);
    }
    lc_findings_free(&findings);
}

/* Two loops of one macro expansion share its location and say the same:
 * one finding; the same place with another message stays, ordered by it. */
static void test_sort_drops_repeated_findings(void **state)
{
    (void)state;
    struct lc_findings findings;
    lc_findings_init(&findings);
    add_finding(&findings, "/src/a.c", 123, 1, "cpu-heavy-loop")->message = "grow: 2 nested loops";
    add_finding(&findings, "/src/a.c", 123, 1, "cpu-heavy-loop")->message = "grow: 2 nested loops";
    add_finding(&findings, "/src/a.c", 123, 1, "cpu-heavy-loop")->message = "find: a loop";
    add_finding(&findings, "/src/a.c", 123, 1, "blocking-call")->message = "grow: 2 nested loops";
    add_finding(&findings, "/src/a.c", 123, 1, "cpu-heavy-loop")->message = "grow: 2 nested loops";
    lc_findings_sort(&findings);
    assert_int_equal(findings.count, 3);
    assert_string_equal(findings.items[0].rule_id, "blocking-call");
    assert_string_equal(findings.items[1].message, "find: a loop");
    assert_string_equal(findings.items[2].message, "grow: 2 nested loops");
    lc_findings_free(&findings);
}

static void test_level_names_round_trip(void **state)
{
    (void)state;
    const char *names[] = { "none", "note", "warning", "error" };
    const enum lc_level levels[] = { LC_LEVEL_NONE, LC_LEVEL_NOTE,
                                     LC_LEVEL_WARNING, LC_LEVEL_ERROR };
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(lc_level_parse(names[i]), (int)levels[i]);
        assert_string_equal(lc_level_name(levels[i]), names[i]);
    }
    assert_int_equal(lc_level_parse("Warning"), -1);
    assert_int_equal(lc_level_parse("warn"), -1);
    assert_int_equal(lc_level_parse(""), -1);
    assert_int_equal(lc_level_parse(NULL), -1);
}

/* Line numbers of suppression_source, one finding per interesting line. */
static const char suppression_source[] =
    "#include <unistd.h>\n"                                         /* 1 */
    "void f(void) {\n"                                              /* 2 */
    "    sleep(1); // loopcheck: ignore\n"                          /* 3 */
    "    // loopcheck: ignore[blocking-call]\n"                     /* 4 */
    "    sleep(2);\n"                                               /* 5 */
    "    /* loopcheck: ignore[cpu-heavy-loop] */\n"                 /* 6 */
    "    sleep(3);\n"                                               /* 7 */
    "    sleep(4); /* loopcheck: ignore[cpu-heavy-loop, blocking-call] */\n"
    "    puts(\"/* loopcheck: ignore */\");\n"                      /* 9 */
    "    sleep(5);\n"                                               /* 10 */
    "    sleep(6); // loopcheck: ignored\n"                         /* 11 */
    "    sleep(7); // loopcheck: ignore-me\n"                       /* 12 */
    "    sleep(8); /*loopcheck: ignore*/\n"                         /* 13 */
    "    char c = '\"'; sleep(9); // loopcheck: ignore[blocking-call]\n"
    "    sleep(10);\n"                                              /* 15 */
    "    /* several lines,\n"                                       /* 16 */
    "       loopcheck: ignore because it is a test */\n"            /* 17 */
    "    sleep(11);\n"                                              /* 18 */
    "    sleep(12);\n"                                              /* 19 */
    "}\n";

static void test_suppressions_in_one_file(void **state)
{
    (void)state;
    char path[64];
    write_temp_source(path, sizeof path, suppression_source);
    struct lc_findings findings;
    lc_findings_init(&findings);
    const struct { unsigned line; const char *rule; int suppressed; } cases[] = {
        { 3, "blocking-call", 1 },   /* bare ignore on the same line */
        { 5, "blocking-call", 1 },   /* rule named on the line above */
        { 7, "blocking-call", 0 },   /* the line above names another rule */
        { 7, "cpu-heavy-loop", 1 },  /* ... which is suppressed */
        { 8, "blocking-call", 1 },   /* second id of a list */
        { 8, "unlocked-shared-state", 0 },
        { 9, "unlocked-shared-state", 0 }, /* the text is in a string */
        { 10, "blocking-call", 0 },
        { 11, "blocking-call", 0 },  /* "ignored" is not "ignore" */
        { 12, "blocking-call", 0 },  /* "ignore-me" neither */
        { 13, "blocking-call", 1 },  /* the comment ends right after it */
        { 14, "blocking-call", 1 },  /* a '"' literal before the comment */
        { 15, "blocking-call", 1 },  /* line above is 14 */
        { 17, "blocking-call", 1 },  /* inside a block comment's 2nd line */
        { 18, "blocking-call", 1 },
        { 19, "blocking-call", 0 },  /* two lines below: no */
        { 1, "blocking-call", 0 },
    };
    size_t case_count = sizeof cases / sizeof cases[0], expected = 0;
    for (size_t i = 0; i < case_count; i++) {
        add_finding(&findings, path, cases[i].line, 5, cases[i].rule);
        expected += (size_t)cases[i].suppressed;
    }
    size_t suppressed = lc_findings_apply_suppressions(&findings);
    for (size_t i = 0; i < case_count; i++) {
        if (findings.items[i].suppressed != cases[i].suppressed)
            fail_msg("line %u %s: suppressed=%d, expected %d", cases[i].line,
                     cases[i].rule, findings.items[i].suppressed,
                     cases[i].suppressed);
    }
    assert_int_equal(suppressed, expected);
    lc_findings_free(&findings);
    unlink(path);
}

static void test_suppressions_across_files_and_missing_file(void **state)
{
    (void)state;
    char first[64], second[64];
    write_temp_source(first, sizeof first,
                      "int a; // loopcheck: ignore\nint b;\nint c;\n");
    write_temp_source(second, sizeof second,
                      "int a;\nint b; /* loopcheck: ignore[cpu-heavy-loop] */\n");
    struct lc_findings findings;
    lc_findings_init(&findings);
    add_finding(&findings, second, 2, 1, "cpu-heavy-loop");
    add_finding(&findings, first, 3, 1, "blocking-call");
    add_finding(&findings, "/nonexistent/loopcheck/missing.c", 1, 1,
                "blocking-call");
    add_finding(&findings, first, 2, 1, "blocking-call");
    add_finding(&findings, second, 1, 1, "cpu-heavy-loop");
    add_finding(&findings, NULL, 1, 1, "blocking-call");

    assert_int_equal(lc_findings_apply_suppressions(&findings), 2);
    const int expected[] = { 1, 0, 0, 1, 0, 0 };
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(findings.items[i].suppressed, expected[i]);
    lc_findings_free(&findings);
    unlink(first);
    unlink(second);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_grows_and_zeroes),
        cmocka_unit_test(test_sort_by_file_line_column_rule),
        cmocka_unit_test(test_sort_drops_repeated_findings),
        cmocka_unit_test(test_level_names_round_trip),
        cmocka_unit_test(test_suppressions_in_one_file),
        cmocka_unit_test(test_suppressions_across_files_and_missing_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
