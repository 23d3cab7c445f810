/* test_extract_locks.c — locksets (extract_locks.c, extract_flow.c) on
 * data/extract/locks.c and locks_other.c, with a lock vocabulary made
 * here: early-return unlocks, branches and loop bodies that do not leak,
 * switch cases, struct-field identities equal across TUs, macro-made
 * locks, do-while(0) macros, trylock, lock arguments that are no
 * accesses, synchronisation objects (sync-type) that are no data, and the
 * regions where the other threads are paused (pause-threads,
 * resume-threads); on data/extract/reach.c, the stretches after a call no
 * path from it reaches (extract_reach.c); on data/extract/runs.c, how surely
 * each call runs (extract_runs.c). */
#include "extract_fixture.h"

#include "models.h"

static const struct lc_lock_function lock_functions[] = {
    { "pthread_mutex_lock", 1, LC_LOCK_ACQUIRE },
    { "pthread_mutex_unlock", 1, LC_LOCK_RELEASE },
    { "pthread_mutex_trylock", 1, LC_LOCK_TRY },
    { "spin_lock", 1, LC_LOCK_ACQUIRE },
};

static const char *const sync_types[] = { "pthread_mutex_t", "pthread_cond_t" };

static const struct lc_arg_condition pause_all[] = {
    { .position = 1, .test = LC_ARG_HAS_TOKEN, .token = "PAUSE_ALL" },
};
static const struct lc_arg_condition resume_all[] = {
    { .position = 1, .test = LC_ARG_HAS_TOKEN, .token = "RESUME_ALL" },
};
static const struct lc_arg_condition null_reason[] = { { .position = 1, .test = LC_ARG_IS_NULL } };

static const struct lc_pause_function pause_functions[] = {
    { "stop_world", 0, pause_all, 1 },
    { "stop_world", 1, resume_all, 1 },
    { "park_all", 0, null_reason, 1 },
    { "unpark_all", 1, NULL, 0 },
};

static const struct lc_lock_vocabulary vocabulary = {
    lock_functions, sizeof lock_functions / sizeof lock_functions[0], sync_types,
    sizeof sync_types / sizeof sync_types[0], 1, pause_functions,
    sizeof pause_functions / sizeof pause_functions[0], NULL, 0, NULL, 0, NULL, 0,
};

static int extract_locked(struct extract_test *test, const char *relative)
{
    lc_extractor_set_lock_vocabulary(test->extractor, &vocabulary);
    return extract(test, relative);
}

/* The lockset holds exactly the locks named (a NULL-ended list). */
static void assert_locks(const struct lc_lockset *locks, const char *const *expected)
{
    size_t count = 0;
    for (; expected[count]; count++) {
        int found = 0;
        for (size_t i = 0; i < locks->count; i++)
            found |= strcmp(locks->locks[i], expected[count]) == 0;
        if (!found)
            fail_msg("%s not held", expected[count]);
    }
    assert_int_equal(locks->count, count);
}

#define NONE ((const char *const[]){ NULL })
#define HELD(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void test_blocks_and_branches(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract_locked(test, "locks.c"), 0);
    char table_lock[sizeof test->file + 16];
    snprintf(table_lock, sizeof table_lock, "c:%s@table_lock", test->file);
    assert_locks(&find_touch(test, 1)->locks, NONE);     /* unlocked before return */
    assert_locks(&find_touch(test, 2)->locks, HELD(table_lock));
    assert_locks(&find_touch(test, 3)->locks, NONE);
    assert_locks(&find_touch(test, 4)->locks, HELD(table_lock));
    assert_locks(&find_touch(test, 5)->locks, NONE);     /* branches do not leak */
    assert_locks(&find_touch(test, 6)->locks, HELD(table_lock));
    assert_locks(&find_touch(test, 7)->locks, NONE);     /* nor do loop bodies */

    /* A lock call carries the locks held before it. */
    const struct lc_call_fact *first = &test->facts.calls[0];
    assert_string_equal(first->callee.name, "pthread_mutex_lock");
    assert_locks(&first->locks, NONE);
    assert_locks(&test->facts.calls[1].locks, HELD(table_lock));   /* the unlock */

    /* Accesses: shared++ under the lock; lock arguments are no accesses. */
    unsigned line = line_of(test->file, "under_table_lock");
    size_t found = 0;
    for (size_t i = 0; i < test->facts.access_count; i++) {
        const struct lc_access_fact *access = &test->facts.accesses[i];
        assert_string_equal(access->variable_name, "shared");
        if (access->loc.line == line) {
            assert_locks(&access->locks, HELD(table_lock));
            found++;
        }
    }
    assert_int_equal(found, 1);
    assert_int_equal(test->facts.access_count, 2);
}

static void test_fields_macros_and_switch(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract_locked(test, "locks.c"), 0);
    char table_lock[sizeof test->file + 16];
    snprintf(table_lock, sizeof table_lock, "c:%s@table_lock", test->file);
    assert_locks(&find_touch(test, 8)->locks, HELD("c:@S@conn@FI@mu"));
    assert_locks(&find_touch(test, 9)->locks, NONE);
    assert_locks(&find_touch(test, 10)->locks, NONE);    /* trylock: not followed */
    assert_locks(&find_touch(test, 11)->locks, HELD("c:@cache_lock"));   /* LOCK(cache) */
    assert_locks(&find_touch(test, 12)->locks, HELD(table_lock));   /* do { } while (0) */
    assert_locks(&find_touch(test, 13)->locks, NONE);
    assert_locks(&find_touch(test, 14)->locks, HELD(table_lock));   /* a case starts over */
    assert_locks(&find_touch(test, 15)->locks, HELD(table_lock));
    assert_locks(&find_touch(test, 16)->locks, HELD(table_lock, "text:lookup ( x )"));
    unsigned line = line_of(test->file, "bump_in_macro");
    for (size_t i = 0; i < test->facts.access_count; i++)
        if (test->facts.accesses[i].loc.line == line)
            assert_locks(&test->facts.accesses[i].locks, HELD(table_lock));
}

/* A held lock's word set to 0 is its release (nginx's ngx_unlock), and no
 * access; another word, or another value, is neither. */
static void test_spin_lock_stores(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract_locked(test, "spin_locks.c"), 0);
    char done_lock[sizeof test->file + 16];
    snprintf(done_lock, sizeof done_lock, "c:%s@done_lock", test->file);
    assert_locks(&find_touch(test, 1)->locks, HELD(done_lock));
    assert_locks(&find_touch(test, 2)->locks, NONE);   /* spin_unlock(&done_lock) */
    assert_locks(&find_touch(test, 3)->locks, NONE);   /* done_lock = 0 */
    assert_locks(&find_touch(test, 4)->locks, HELD(done_lock));
    assert_locks(&find_touch(test, 5)->locks, HELD(done_lock));
    size_t checked = 0;
    for (size_t i = 0; i < test->facts.access_count; i++) {
        const struct lc_access_fact *access = &test->facts.accesses[i];
        unsigned line = access->loc.line;
        if (strcmp(access->variable_name, "done_lock") == 0)
            assert_int_equal(line, line_of(test->file, "not_zero"));
        else if (strcmp(access->variable_name, "other_word") == 0)
            assert_int_equal(line, line_of(test->file, "another_word"));
        else
            assert_int_equal(line, line_of(test->file, "under_spin"));
        assert_locks(&access->locks, HELD(done_lock));   /* each while the lock is held */
        checked++;
    }
    assert_int_equal(checked, 3);
}

/* An element of an array of locks: the array's identity, marked. */
static void test_striped_locks(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract_locked(test, "locks_striped.c"), 0);
    char stripe[sizeof test->file + 24];
    snprintf(stripe, sizeof stripe, "c:%s@stripes" LC_LOCK_ELEMENT_MARK, test->file);
    assert_locks(&find_touch(test, 17)->locks, HELD(stripe));
    assert_locks(&find_touch(test, 18)->locks, HELD(stripe));   /* through a local pointer */
    unsigned indexed = line_of(test->file, "indexed_write"), scalar = line_of(test->file, "scalar_write");
    size_t seen = 0;
    for (size_t i = 0; i < test->facts.access_count; i++) {
        const struct lc_access_fact *access = &test->facts.accesses[i];
        if (access->loc.line == indexed || access->loc.line == scalar) {
            assert_int_equal(access->indexed, access->loc.line == indexed);
            assert_locks(&access->locks, HELD(stripe));
            seen++;
        }
    }
    assert_int_equal(seen, 2);
}

static void test_field_identity_across_files(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract_locked(test, "locks_other.c"), 0);
    assert_locks(&find_touch(test, 20)->locks, HELD("c:@S@conn@FI@mu"));
}

static void test_no_vocabulary(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "locks.c"), 0);
    for (size_t i = 0; i < test->facts.call_count; i++)
        assert_int_equal(test->facts.calls[i].locks.count, 0);
    assert_true(test->facts.access_count > 2);   /* lock objects are plain writes */
}

static void test_sync_objects_are_no_data(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract_locked(test, "sync.c"), 0);
    assert_int_equal(test->facts.access_count, 1);
    assert_string_equal(test->facts.accesses[0].variable_name, "connections[*].pending");
    assert_int_equal(test->facts.accesses[0].loc.line, line_of(test->file, "counter"));
}

static void test_sync_objects_without_sync_types(void **state)
{
    struct extract_test *test = *state;
    static const struct lc_lock_vocabulary locks_only = {
        lock_functions, sizeof lock_functions / sizeof lock_functions[0], NULL, 0, 2, NULL, 0, NULL, 0, NULL, 0, NULL, 0,
    };
    lc_extractor_set_lock_vocabulary(test->extractor, &locks_only);
    assert_int_equal(extract(test, "sync.c"), 0);
    assert_int_equal(test->facts.access_count, 4);   /* ready, connections twice, sync_lock */
    for (size_t i = 0; i < test->facts.access_count; i++)
        assert_int_equal(test->facts.accesses[i].kind, LC_ACCESS_WRITE);
}

/* A pause-threads call holds LC_LOCK_THREADS_PAUSED after it, up to a
 * resume-threads call, scoped by blocks like a lock; a call whose
 * conditions fail (PAUSE_WORKERS, a reason that is not NULL) does
 * nothing. */
static void test_pause_regions(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract_locked(test, "pauses.c"), 0);
    assert_locks(&find_touch(test, 1)->locks, NONE);
    assert_locks(&find_touch(test, 2)->locks, HELD(LC_LOCK_THREADS_PAUSED));
    assert_locks(&find_touch(test, 3)->locks, NONE);     /* resumed in the branch */
    assert_locks(&find_touch(test, 4)->locks, HELD(LC_LOCK_THREADS_PAUSED));
    assert_locks(&find_touch(test, 5)->locks, NONE);
    assert_locks(&find_touch(test, 6)->locks, NONE);     /* park_all(reason): arg1 is not NULL */
    assert_locks(&find_touch(test, 7)->locks, HELD(LC_LOCK_THREADS_PAUSED));
    assert_locks(&find_touch(test, 8)->locks, NONE);
    /* The pausing call itself carries what was held before it. */
    assert_locks(&test->facts.calls[1].locks, NONE);
    assert_string_equal(test->facts.calls[1].callee.name, "stop_world");
    unsigned line = line_of(test->file, "paused_write");
    size_t found = 0;
    for (size_t i = 0; i < test->facts.access_count; i++)
        if (test->facts.accesses[i].loc.line == line) {
            assert_locks(&test->facts.accesses[i].locks, HELD(LC_LOCK_THREADS_PAUSED));
            found++;
        }
    assert_true(found >= 1);
}

/* Does a path lead from `from` to touch(tag): is the touch outside every
 * stretch `from` does not reach (extract_reach.c)? */
static int reaches(struct extract_test *test, const struct lc_call_fact *from, long long tag)
{
    const struct lc_call_fact *to = find_touch(test, tag);
    char text[LC_UNREACHED_TEXT_MAX];
    return lc_unreached_format(from->unreached, from->unreached_count, text, sizeof text) != 0
           || !lc_unreached_covers(text, to->loc.line, to->loc.col);
}

/* A release in one branch or case does not reach the other branch, the
 * later cases it does not fall into, or what follows a branch that
 * returns or continues; a break out of a loop lands after it; a goto may
 * land anywhere. */
static void test_reach(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract_locked(test, "reach.c"), 0);
    const struct lc_call_fact *then_give = find_call_at(test, "then_give", "give");
    assert_false(reaches(test, then_give, 1));
    assert_false(reaches(test, then_give, 2));
    assert_true(reaches(test, find_call_at(test, "else_give", "give"), 2));
    const struct lc_call_fact *case0 = find_call_at(test, "case0_give", "give");
    assert_false(reaches(test, case0, 3));
    assert_false(reaches(test, case0, 4));
    assert_false(reaches(test, case0, 5));
    assert_true(reaches(test, case0, 6));
    const struct lc_call_fact *case1 = find_call_at(test, "case1_give", "give");
    assert_true(reaches(test, case1, 4));   /* falls through */
    assert_false(reaches(test, case1, 5));
    assert_true(reaches(test, case1, 6));
    const struct lc_call_fact *loop_give = find_call_at(test, "loop_give", "give");
    assert_false(reaches(test, loop_give, 7));
    assert_true(reaches(test, loop_give, 8));
    const struct lc_call_fact *escape = find_call_at(test, "escape_give", "give");
    assert_false(reaches(test, escape, 9));
    assert_true(reaches(test, escape, 10));   /* the break, not the return */
    const struct lc_call_fact *label_give = find_call_at(test, "label_give", "give");
    assert_true(reaches(test, label_give, 11));
    assert_int_equal(label_give->unreached_count, 0);
}

/* How surely each call runs: once, at most once (a return before it), at
 * least once (a retry do-while), or maybe. */
static void test_call_runs(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract_locked(test, "runs.c"), 0);
    static const int expected[] = {
        0, LC_RUNS_ONCE, LC_RUNS_MAYBE, LC_RUNS_ONCE, LC_RUNS_MAYBE, LC_RUNS_MAYBE, LC_RUNS_MAYBE, LC_RUNS_ONCE,
        LC_RUNS_UNLESS_RETURNED, LC_RUNS_RETRIED, LC_RUNS_MAYBE, LC_RUNS_ONCE, LC_RUNS_MAYBE, LC_RUNS_MAYBE,
    };
    for (long long tag = 1; tag <= 13; tag++) {
        const struct lc_call_fact *call = find_touch(test, tag);
        if (call->runs != expected[tag])
            fail_msg("touch(%lld) runs %d, expected %d", tag, call->runs, expected[tag]);
    }
    assert_int_equal(find_call_at(test, "rc = try_wait", "try_wait")->runs, LC_RUNS_RETRIED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_blocks_and_branches, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fields_macros_and_switch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_spin_lock_stores, setup, teardown),
        cmocka_unit_test_setup_teardown(test_striped_locks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_field_identity_across_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_vocabulary, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sync_objects_are_no_data, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sync_objects_without_sync_types, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pause_regions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reach, setup, teardown),
        cmocka_unit_test_setup_teardown(test_call_runs, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
