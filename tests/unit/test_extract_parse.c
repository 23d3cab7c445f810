/* test_extract_parse.c — how the extractor parses (extract.c,
 * extract_args.c): syntax errors, missing files, the flags of a real build,
 * unsaved editor buffers, expressions deep enough to break a recursive
 * walk, and deeply nested blocks. */
#include <pthread.h>

#include "extract_fixture.h"

static void test_syntax_error(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "syntax_error.c"), -1);
    char expected[PATH_MAX + 128];
    snprintf(expected, sizeof expected, "%s:%u:15: error: expected expression", test->file,
             line_of(test->file, "return 1 +;"));
    assert_string_equal(test->facts.error, expected);
}

static void test_missing_file(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "no_such_file.c"), -1);
    char expected[PATH_MAX + 128];
    snprintf(expected, sizeof expected, "%s: error: no such file", test->file);
    assert_string_equal(test->facts.error, expected);
}

static void test_missing_forced_include(void **state)
{
    struct extract_test *test = *state;
    const char *const args[] = { "-include", "no_such_header.h", NULL };
    make_command(test, "args.c", args);
    assert_int_equal(lc_extract_tu(test->extractor, &test->command, NULL, 0, &test->facts), -1);
    assert_non_null(strstr(test->facts.error, "error: 'no_such_header.h' file not found"));
}

/* Output, dependency-file and gcc-only options of a real build, behind a
 * compiler launcher: parsed all the same, and nothing written. */
static void test_real_build_flags(void **state)
{
    struct extract_test *test = *state;
    char dependency_file[64];
    snprintf(dependency_file, sizeof dependency_file, "/tmp/lc-test-extract-%ld.d",
             (long)getpid());
    const char *const args[] = {
        "-o", "args.o", "-MD", "-MF", dependency_file, "-Wp,-MMD,/tmp/lc-test-extract-wp.d",
        "-Wno-stringop-truncation", "-fconserve-stack", "-Wall", "-Werror",
        "-DUNUSED=1", NULL,
    };
    make_command(test, "args.c", args);
    test->argv[0] = "/usr/bin/gcc";
    memmove(test->argv + 1, test->argv, (size_t)(test->command.argc + 1) * sizeof *test->argv);
    test->argv[0] = "ccache";
    test->command.argc++;
    assert_int_equal(lc_extract_tu(test->extractor, &test->command, NULL, 0, &test->facts), 0);
    assert_int_equal(test->facts.call_count, 6);
    assert_int_equal(access(dependency_file, F_OK), -1);
    assert_int_equal(access("/tmp/lc-test-extract-wp.d", F_OK), -1);
}

static void test_unsaved_buffer(void **state)
{
    struct extract_test *test = *state;
    static const char buffer[] =
        "void edited(int);\n"
        "void entry(void)\n"
        "{\n"
        "    edited(42);\n"
        "}\n";
    make_command(test, "unsaved.c", NULL);
    assert_int_equal(lc_extract_tu(test->extractor, &test->command, buffer,
                                   sizeof buffer - 1, &test->facts), 0);
    assert_int_equal(test->facts.call_count, 1);
    assert_value(&test->facts.calls[0].callee, LC_VALUE_FUNCTION, "edited");
    assert_int_equal(test->facts.calls[0].loc.line, 4);
    assert_string_equal(test->facts.calls[0].loc.file, test->file);
}

struct extract_on_thread {
    struct extract_test *test;
    const char *file;
};

static void *extract_on_thread(void *data)
{
    struct extract_on_thread *job = data;
    return (void *)(intptr_t)extract(job->test, job->file);
}

/* Extract `file` on a thread with a 1 MiB stack; returns lc_extract_tu's result. */
static int extract_with_small_stack(struct extract_test *test, const char *file)
{
    struct extract_on_thread job = { test, file };
    pthread_attr_t attributes;
    pthread_t thread;
    void *status;
    assert_int_equal(pthread_attr_init(&attributes), 0);
    assert_int_equal(pthread_attr_setstacksize(&attributes, 1024 * 1024), 0);
    assert_int_equal(pthread_create(&thread, &attributes, extract_on_thread, &job), 0);
    assert_int_equal(pthread_join(thread, &status), 0);
    pthread_attr_destroy(&attributes);
    return (int)(intptr_t)status;
}

/* 20480 calls in one expression, walked on a thread with a small stack. */
static void test_deep_expression(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract_with_small_stack(test, "deep.c"), 0);
    assert_int_equal(test->facts.call_count, 20480);
    unsigned line = line_of(test->file, "return 0 T4096");
    assert_int_equal(test->facts.calls[0].loc.line, line);
    assert_int_equal(test->facts.calls[20479].loc.line, line);
}

/* Blocks nested 250 deep, each walked with a nested visit, on the same
 * small stack. */
static void test_deep_blocks(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract_with_small_stack(test, "nested.c"), 0);
    assert_int_equal(test->facts.call_count, 1);
    assert_string_equal(test->facts.calls[0].callee.name, "work");
    assert_int_equal(test->facts.access_count, 1);
    assert_int_equal(test->facts.accesses[0].kind, LC_ACCESS_WRITE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_syntax_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_forced_include, setup, teardown),
        cmocka_unit_test_setup_teardown(test_real_build_flags, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unsaved_buffer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deep_expression, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deep_blocks, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
