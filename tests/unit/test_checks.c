/* test_checks.c — the table of checks (rules/checks.c): every check is
 * found by its id, and `--checks` lists select them in order, from all
 * enabled, by id or pattern, with a leading '-' disabling. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "checks.h"

static size_t check_index(const char *id)
{
    for (size_t i = 0; i < lc_check_count; i++)
        if (strcmp(lc_checks[i]->id, id) == 0)
            return i;
    fail_msg("no check %s", id);
    return 0;
}

static void test_every_check_is_found(void **state)
{
    (void)state;
    assert_true(lc_check_count >= 4);
    for (size_t i = 0; i < lc_check_count; i++)
        assert_ptr_equal(lc_check_find(lc_checks[i]->id), lc_checks[i]);
    assert_null(lc_check_find("no-such-check"));
}

/* The selection that `list` makes: which of the four checks run, as a
 * string of 0/1 in the order blocking-call, cpu-heavy-loop,
 * unlocked-shared-state, blocking-under-lock. */
static const char *selected(const char *list)
{
    static char flags[5];
    uint32_t disabled = 0xdead;
    char *bad = NULL;
    assert_int_equal(lc_checks_parse_selection(list, &disabled, &bad), 0);
    assert_null(bad);
    const char *ids[] = { "blocking-call", "cpu-heavy-loop", "unlocked-shared-state", "blocking-under-lock" };
    for (size_t i = 0; i < 4; i++)
        flags[i] = lc_check_enabled(disabled, check_index(ids[i])) ? '1' : '0';
    flags[4] = '\0';
    return flags;
}

static void test_selections(void **state)
{
    (void)state;
    assert_string_equal(selected("*"), "1111");
    assert_string_equal(selected("-cpu-heavy-loop"), "1011");
    assert_string_equal(selected("-*,blocking-call"), "1000");
    assert_string_equal(selected("-*,blocking-*"), "1001");
    assert_string_equal(selected("-*,blocking-*,-blocking-under-lock"), "1000");
    assert_string_equal(selected("-*,*-state"), "0010");
    assert_string_equal(selected("-*,*"), "1111");
}

static void expect_bad(const char *list, const char *entry)
{
    uint32_t disabled;
    char *bad = NULL;
    assert_int_equal(lc_checks_parse_selection(list, &disabled, &bad), -1);
    assert_non_null(bad);
    assert_string_equal(bad, entry);
    free(bad);
}

static void test_bad_entries(void **state)
{
    (void)state;
    expect_bad("nope", "nope");
    expect_bad("blocking-call,-nope", "-nope");
    expect_bad("", "");
    expect_bad("blocking-call,", "");
    expect_bad("-", "-");
    expect_bad("blocking-call,,cpu-heavy-loop", "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_check_is_found),
        cmocka_unit_test(test_selections),
        cmocka_unit_test(test_bad_entries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
