/* test_extract_variable_events.c — the per-function index of where
 * variables get values (extract_variable_events.c), on
 * data/extract/variable_events.c parsed here with libclang: each kind of
 * event, in tree order, and which ones lie inside a call given the
 * variable's address. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract_internal.h"

struct events_test {
    CXIndex index;
    CXTranslationUnit tu;
    CXCursor function;
    struct lc_extract_walk walk;
};

static enum CXChildVisitResult find_function(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct events_test *test = data;
    CXString name = clang_getCursorSpelling(cursor);
    if (clang_getCursorKind(cursor) == CXCursor_FunctionDecl && clang_isCursorDefinition(cursor)
        && strcmp(clang_getCString(name), "events") == 0)
        test->function = cursor;
    clang_disposeString(name);
    return CXChildVisit_Continue;
}

static int setup(void **state)
{
    struct events_test *test = calloc(1, sizeof *test);
    const char *data = getenv("LOOPCHECK_TEST_DATA");
    char path[PATH_MAX];
    if (!test || !data)
        return -1;
    snprintf(path, sizeof path, "%s/unit/data/extract/variable_events.c", data);
    test->index = clang_createIndex(0, 0);
    test->tu = clang_parseTranslationUnit(test->index, path, NULL, 0, NULL, 0, CXTranslationUnit_None);
    if (!test->tu)
        return -1;
    test->function = clang_getNullCursor();
    clang_visitChildren(clang_getTranslationUnitCursor(test->tu), find_function, test);
    test->walk.function = test->function;
    *state = test;
    return clang_Cursor_isNull(test->function) ? -1 : 0;
}

static int teardown(void **state)
{
    struct events_test *test = *state;
    free(test->walk.variable_events);
    clang_disposeTranslationUnit(test->tu);
    clang_disposeIndex(test->index);
    free(test);
    return 0;
}

/* The local named `name` of the function. */
struct local_search {
    const char *name;
    CXCursor found;
};

static enum CXChildVisitResult find_local(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct local_search *search = data;
    CXString name = clang_getCursorSpelling(cursor);
    if (clang_getCursorKind(cursor) == CXCursor_VarDecl && strcmp(clang_getCString(name), search->name) == 0)
        search->found = clang_getCanonicalCursor(cursor);
    clang_disposeString(name);
    return CXChildVisit_Recurse;
}

/* The events of the local `name`: kinds and "inside a call given its
 * address" flags, as two strings ("DSCA", "0001"). */
static void events_of(struct events_test *test, const char *name, char *kinds, char *under)
{
    static const char letters[] = { 'D', 'A', 'C', 'R', 'S', 'U' };   /* enum lc_extract_event_kind */
    struct local_search search = { name, clang_getNullCursor() };
    clang_visitChildren(test->function, find_local, &search);
    assert_false(clang_Cursor_isNull(search.found));
    size_t n = 0;
    for (const struct lc_extract_variable_event *event = NULL;
         (event = lc_extract_variable_event_next(&test->walk, search.found, event));) {
        assert_true(clang_equalCursors(event->variable, search.found));
        kinds[n] = letters[event->kind];
        under[n++] = event->under_call_given_address ? '1' : '0';
    }
    kinds[n] = under[n] = '\0';
}

static void test_events_in_tree_order(void **state)
{
    struct events_test *test = *state;
    char kinds[32], under[32];
    /* x = 1 declared; x++; use(&x): the call, then its `&x` inside it */
    events_of(test, "x", kinds, under);
    assert_string_equal(kinds, "DSCR");
    assert_string_equal(under, "0001");
    /* y = n; y += 2; both(&y, (y = 3, 4)): the call, its `&y`, the
     * assignment in its arguments */
    events_of(test, "y", kinds, under);
    assert_string_equal(kinds, "AUCRA");
    assert_string_equal(under, "00011");
    assert_false(test->walk.out_of_memory);
}

static void test_null_function_has_no_events(void **state)
{
    struct events_test *test = *state;
    struct lc_extract_walk empty = { 0 };
    empty.function = clang_getNullCursor();
    assert_null(lc_extract_variable_event_next(&empty, test->function, NULL));
    assert_false(lc_extract_variable_events_cover(&empty, test->function));
    assert_true(lc_extract_variable_events_cover(&test->walk, test->function));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_events_in_tree_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_null_function_has_no_events, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
