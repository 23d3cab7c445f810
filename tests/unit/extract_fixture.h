/* extract_fixture.h — what the extractor's tests (test_extract*.c) share:
 * an extractor and facts per test, commands for the C files of
 * tests/unit/data/extract/, and finders over the facts.  Included by each
 * test program; everything is static inline. */
#ifndef LOOPCHECK_EXTRACT_FIXTURE_H
#define LOOPCHECK_EXTRACT_FIXTURE_H

#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "extract.h"

struct extract_test {
    struct lc_extractor *extractor;
    struct lc_tu_facts facts;
    struct lc_compile_command command;
    char *argv[24];
    char directory[PATH_MAX];
    char file[PATH_MAX + 64];
};

static inline int setup(void **state)
{
    struct extract_test *test = calloc(1, sizeof *test);
    const char *data = getenv("LOOPCHECK_TEST_DATA");
    char path[PATH_MAX];
    if (!test || !data) {
        free(test);
        return -1;
    }
    snprintf(path, sizeof path, "%s/unit/data/extract", data);
    if (!realpath(path, test->directory) || !(test->extractor = lc_extractor_new())) {
        free(test);
        return -1;
    }
    lc_tu_facts_init(&test->facts);
    *state = test;
    return 0;
}

static inline int teardown(void **state)
{
    struct extract_test *test = *state;
    lc_tu_facts_free(&test->facts);
    lc_extractor_free(test->extractor);
    free(test);
    return 0;
}

/* Build the command `cc ARGS... -c RELATIVE` run in the data directory
 * (`args` ends with NULL; the file stays relative, as in a real database). */
static inline void make_command(struct extract_test *test, const char *relative,
                                const char *const *args)
{
    int argc = 0;
    test->argv[argc++] = "cc";
    for (; args && *args; args++)
        test->argv[argc++] = (char *)*args;
    test->argv[argc++] = "-c";
    test->argv[argc++] = (char *)relative;
    test->argv[argc] = NULL;
    snprintf(test->file, sizeof test->file, "%s/%s", test->directory, relative);
    test->command = (struct lc_compile_command){
        .directory = test->directory, .file = test->file,
        .argv = test->argv, .argc = argc,
    };
}

static inline int extract(struct extract_test *test, const char *relative)
{
    make_command(test, relative, NULL);
    return lc_extract_tu(test->extractor, &test->command, NULL, 0, &test->facts);
}

/* The 1-based line of the first occurrence of `needle` in `path`. */
static inline unsigned line_of(const char *path, const char *needle)
{
    FILE *file = fopen(path, "r");
    assert_non_null(file);
    char line[512];
    unsigned number = 0;
    while (fgets(line, sizeof line, file)) {
        number++;
        if (strstr(line, needle)) {
            fclose(file);
            return number;
        }
    }
    fclose(file);
    fail_msg("%s not in %s", needle, path);
    return 0;
}

static inline const struct lc_function_fact *
find_function(const struct lc_tu_facts *facts, const char *name, int is_definition)
{
    for (size_t i = 0; i < facts->function_count; i++)
        if (strcmp(facts->functions[i].name, name) == 0 &&
            facts->functions[i].is_definition == is_definition)
            return &facts->functions[i];
    fail_msg("no %s of %s", is_definition ? "definition" : "declaration", name);
    return NULL;
}

/* The loop on the line holding `tag`. */
static inline const struct lc_loop_fact *find_loop(struct extract_test *test, const char *tag)
{
    unsigned line = line_of(test->file, tag);
    for (size_t i = 0; i < test->facts.loop_count; i++)
        if (test->facts.loops[i].loc.line == line)
            return &test->facts.loops[i];
    fail_msg("no loop at %s", tag);
    return NULL;
}

/* The loop on the line holding `tag` reads what `source` says. */
static inline void assert_source(struct extract_test *test, const char *tag, enum lc_loop_source source)
{
    const struct lc_loop_fact *loop = find_loop(test, tag);
    if (loop->source != source)
        fail_msg("%s: source %d, expected %d", tag, (int)loop->source, (int)source);
}

/* `actual` is NULL when `expected` is, else the same string. */
static inline void assert_optional_string(const char *actual, const char *expected)
{
    if (!expected) {
        assert_null(actual);
        return;
    }
    assert_non_null(actual);
    assert_string_equal(actual, expected);
}

/* The call on the line holding `tag`; of `callee` when not NULL. */
static inline const struct lc_call_fact *find_call_at(struct extract_test *test, const char *tag, const char *callee)
{
    unsigned line = line_of(test->file, tag);
    for (size_t i = 0; i < test->facts.call_count; i++) {
        const struct lc_call_fact *call = &test->facts.calls[i];
        if (call->loc.line == line && (!callee || (call->callee.name && strcmp(call->callee.name, callee) == 0)))
            return call;
    }
    fail_msg("no call%s%s at %s", callee ? " of " : "", callee ? callee : "", tag);
    return NULL;
}

/* The call touch(tag): the data files mark places with `touch(N)`. */
static inline const struct lc_call_fact *find_touch(struct extract_test *test, long long tag)
{
    for (size_t i = 0; i < test->facts.call_count; i++) {
        const struct lc_call_fact *call = &test->facts.calls[i];
        if (strcmp(call->callee.name, "touch") == 0 && call->args[0].int_value == tag)
            return call;
    }
    fail_msg("no touch(%lld)", tag);
    return NULL;
}

/* The call whose first argument is the integer constant `value`. */
static inline const struct lc_call_fact *
find_call_by_int_arg(const struct lc_tu_facts *facts, long long value)
{
    for (size_t i = 0; i < facts->call_count; i++)
        if (facts->calls[i].nargs > 0 && facts->calls[i].args[0].kind == LC_VALUE_INT &&
            facts->calls[i].args[0].int_value == value)
            return &facts->calls[i];
    fail_msg("no call with argument %lld", value);
    return NULL;
}

static inline void assert_value(const struct lc_value *value, enum lc_value_kind kind,
                                const char *name)
{
    assert_int_equal(value->kind, kind);
    assert_non_null(value->name);
    assert_string_equal(value->name, name);
    assert_non_null(value->usr);
}

#endif
