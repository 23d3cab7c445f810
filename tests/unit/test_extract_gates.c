/* test_extract_gates.c — the hand-off windows of a gated thread
 * (extract_gates.c) on data/extract/gates.c, with a vocabulary made here
 * (`gated-thread worker start hand wait left`): a window opens at a call
 * of hand(), whatever block it is in, and closes at the end of the first
 * loop after it that calls left() in its body or condition; the calls
 * and accesses inside carry the window's identity, and a window its
 * function leaves open (no such loop, a return or goto inside it, a waiting loop
 * that began before the hand-over) marks the call that opened it.  A loop
 * closing a window and calling nothing but left() waits (LC_SOURCE_WAIT). */
#include "extract_fixture.h"

#include "models.h"

static const struct lc_gate_function gate_functions[] = {
    { "hand", "left", LC_LOCK_GATE_PREFIX "worker", LC_LOCK_GATE_UNCLOSED "worker" },
};

static const struct lc_lock_vocabulary vocabulary = {
    NULL, 0, NULL, 0, 3, NULL, 0, gate_functions, 1, NULL, 0, NULL, 0,
};

#define WINDOW (LC_LOCK_GATE_PREFIX "worker")
#define UNCLOSED (LC_LOCK_GATE_UNCLOSED "worker")

/* Does the lockset hold exactly `identity` (NULL: nothing)? */
static void assert_only(const struct lc_lockset *locks, const char *identity)
{
    assert_int_equal(locks->count, identity ? 1 : 0);
    if (identity)
        assert_string_equal(locks->locks[0], identity);
}

/* The calls of hand(), in source order: the n-th one. */
static const struct lc_call_fact *find_hand(struct extract_test *test, int n)
{
    for (size_t i = 0; i < test->facts.call_count; i++)
        if (strcmp(test->facts.calls[i].callee.name, "hand") == 0 && n-- == 0)
            return &test->facts.calls[i];
    fail_msg("too few calls of hand()");
    return NULL;
}

/* The accesses of `mode` on the line tagged `tag` hold `identity`. */
static void assert_access(struct extract_test *test, const char *tag, const char *identity)
{
    unsigned line = line_of(test->file, tag);
    size_t found = 0;
    for (size_t i = 0; i < test->facts.access_count; i++)
        if (test->facts.accesses[i].loc.line == line) {
            assert_only(&test->facts.accesses[i].locks, identity);
            found++;
        }
    assert_true(found >= 1);
}

static void test_windows(void **state)
{
    struct extract_test *test = *state;
    lc_extractor_set_lock_vocabulary(test->extractor, &vocabulary);
    assert_int_equal(extract(test, "gates.c"), 0);
    assert_only(&find_touch(test, 1)->locks, NULL);
    assert_only(&find_touch(test, 2)->locks, WINDOW);    /* the hand-over's block does not end it */
    assert_only(&find_touch(test, 3)->locks, WINDOW);    /* inside the waiting loop */
    assert_only(&find_touch(test, 4)->locks, NULL);      /* after it */
    assert_access(test, "before_window", NULL);
    assert_access(test, "in_window", WINDOW);
    assert_access(test, "after_window", NULL);
    assert_only(&find_hand(test, 0)->locks, NULL);       /* opens it: carries what was before */
    /* left() in the loop's condition. */
    assert_only(&find_touch(test, 5)->locks, WINDOW);
    assert_only(&find_touch(test, 6)->locks, WINDOW);
    assert_only(&find_touch(test, 7)->locks, NULL);
    assert_only(&find_hand(test, 1)->locks, NULL);
}

static void test_unclosed_windows(void **state)
{
    struct extract_test *test = *state;
    lc_extractor_set_lock_vocabulary(test->extractor, &vocabulary);
    assert_int_equal(extract(test, "gates.c"), 0);
    /* No waiting loop: open to the end, and the opening call says so. */
    assert_only(&find_touch(test, 8)->locks, WINDOW);
    assert_only(&find_hand(test, 2)->locks, UNCLOSED);
    /* A return inside the window: the thread may still work after it. */
    assert_only(&find_touch(test, 9)->locks, NULL);
    assert_only(&find_hand(test, 3)->locks, UNCLOSED);
    /* The loop that waits began before the hand-over: it closes nothing. */
    assert_only(&find_touch(test, 10)->locks, WINDOW);
    assert_only(&find_hand(test, 4)->locks, UNCLOSED);
    /* A goto inside the window may skip the wait too. */
    assert_only(&find_touch(test, 11)->locks, NULL);
    assert_only(&find_hand(test, 5)->locks, UNCLOSED);
}

/* The loop that closes a window and only calls left() waits; one that
 * also does other work (touch(3) in fan_out) does not. */
static void test_waiting_loops(void **state)
{
    struct extract_test *test = *state;
    lc_extractor_set_lock_vocabulary(test->extractor, &vocabulary);
    assert_int_equal(extract(test, "gates.c"), 0);
    assert_source(test, "waiting_loop", LC_SOURCE_WAIT);
    assert_int_not_equal(find_loop(test, "while (1) {")->source, LC_SOURCE_WAIT);   /* fan_out's */
}

/* Without the vocabulary's gate, nothing is marked. */
static void test_no_gate(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "gates.c"), 0);
    for (long long tag = 1; tag <= 11; tag++)
        assert_only(&find_touch(test, tag)->locks, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_windows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unclosed_windows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_gate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_waiting_loops, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
