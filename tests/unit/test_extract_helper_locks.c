/* test_extract_helper_locks.c — a write made by handing a variable's
 * address to a function of the TU holds the locks that function holds
 * wherever it writes through that parameter (extract_helper_locks.c), on
 * data/extract/helper_locks.c: directly, through another helper given a
 * local copy, and with the caller's own lock; not when the helper writes
 * after unlocking, keeps the pointer, writes once without the lock, or
 * locks through a lock it is given (no identity the caller shares).  A
 * read so made holds the locks held at every use of the parameter. */
#include <string.h>

#include "extract_fixture.h"

#include "models.h"

static const struct lc_lock_function lock_functions[] = {
    { "pthread_mutex_lock", 1, LC_LOCK_ACQUIRE },
    { "pthread_mutex_unlock", 1, LC_LOCK_RELEASE },
};

static const char *const sync_types[] = { "pthread_mutex_t" };

static const struct lc_lock_vocabulary vocabulary = {
    lock_functions, sizeof lock_functions / sizeof lock_functions[0], sync_types,
    sizeof sync_types / sizeof sync_types[0], 1, NULL, 0, NULL, 0, NULL, 0, NULL, 0,
};

/* The one access of `kind` on the line holding `tag`, of `name`. */
static const struct lc_access_fact *access_at(struct extract_test *test, const char *tag, const char *name,
                                              enum lc_access_kind kind)
{
    unsigned line = line_of(test->file, tag);
    const struct lc_access_fact *found = NULL;
    for (size_t i = 0; i < test->facts.access_count; i++) {
        const struct lc_access_fact *access = &test->facts.accesses[i];
        if (access->loc.line != line || strcmp(access->variable_name, name) != 0)
            continue;
        if (found || access->kind != kind)
            fail_msg("%s: not one access of %s", tag, name);
        found = access;
    }
    if (!found)
        fail_msg("%s: no access of %s", tag, name);
    return found;
}

static const struct lc_access_fact *write_at(struct extract_test *test, const char *tag, const char *name)
{
    return access_at(test, tag, name, LC_ACCESS_WRITE);
}

/* Does the lockset hold a lock whose identity ends with `suffix`? */
static int holds(const struct lc_lockset *locks, const char *suffix)
{
    size_t length = strlen(suffix);
    for (size_t i = 0; i < locks->count; i++) {
        size_t have = strlen(locks->locks[i]);
        if (have >= length && strcmp(locks->locks[i] + have - length, suffix) == 0)
            return 1;
    }
    return 0;
}

static void test_write_locks(void **state)
{
    struct extract_test *test = *state;
    lc_extractor_set_lock_vocabulary(test->extractor, &vocabulary);
    assert_int_equal(extract(test, "helper_locks.c"), 0);
    const struct lc_access_fact *access = write_at(test, "guard_direct", "hits");
    assert_int_equal(access->locks.count, 1);
    assert_true(holds(&access->locks, "@counter_lock"));
    access = write_at(test, "guard_relayed", "relayed");
    assert_int_equal(access->locks.count, 1);
    assert_true(holds(&access->locks, "@counter_lock"));
    assert_int_equal(write_at(test, "guard_late", "late")->locks.count, 0);
    assert_int_equal(write_at(test, "guard_kept", "kept_counter")->locks.count, 0);
    assert_int_equal(write_at(test, "guard_split", "split")->locks.count, 0);
    assert_int_equal(write_at(test, "guard_spelt", "spelt")->locks.count, 0);
    access = write_at(test, "guard_field", "connections[*]");
    assert_int_equal(access->locks.count, 1);
    assert_string_equal(access->locks.locks[0], "c:@S@conn@FI@mu");
    access = write_at(test, "guard_union", "both");
    assert_int_equal(access->locks.count, 2);
    assert_true(holds(&access->locks, "@counter_lock"));
    assert_true(holds(&access->locks, "@other_lock"));
}

/* Reads: every use of the parameter counts, a test outside the lock too. */
static void test_read_locks(void **state)
{
    struct extract_test *test = *state;
    lc_extractor_set_lock_vocabulary(test->extractor, &vocabulary);
    assert_int_equal(extract(test, "helper_locks.c"), 0);
    const struct lc_access_fact *access = access_at(test, "guard_read", "peeked", LC_ACCESS_READ);
    assert_int_equal(access->locks.count, 1);
    assert_true(holds(&access->locks, "@counter_lock"));
    assert_int_equal(access_at(test, "guard_read_tested", "checked", LC_ACCESS_READ)->locks.count, 0);
    access = access_at(test, "guard_read_array", "table", LC_ACCESS_READ);
    assert_int_equal(access->locks.count, 1);
    assert_true(holds(&access->locks, "@counter_lock"));
}

/* A definition other TUs can call keeps the locks it holds for each
 * pointer parameter (facts.h lc_helper_lock): a write's, or a read's when
 * it writes through none; none for a write after the unlock, nor for a
 * pointer to const (no caller's access keeps its callee). */
static void test_exported_helper_locks(void **state)
{
    struct extract_test *test = *state;
    lc_extractor_set_lock_vocabulary(test->extractor, &vocabulary);
    assert_int_equal(extract(test, "helper_locks.c"), 0);
    const char *const names[] = { "add_exported", "peek_exported", "add_exported_late" };
    for (unsigned i = 0; i < 3; i++) {
        const struct lc_function_fact *fn = find_function(&test->facts, names[i], 1);
        assert_non_null(fn);
        assert_int_equal(fn->helper_lock_count, i < 2 ? 1 : 0);
        if (i < 2) {
            assert_int_equal(fn->helper_locks[0].param, 0);
            const char *usr = fn->helper_locks[0].lock_usr;
            assert_string_equal(usr + strlen(usr) - strlen("@counter_lock"), "@counter_lock");
        }
    }
    assert_int_equal(find_function(&test->facts, "bump", 1)->helper_lock_count, 0);   /* static */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_write_locks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_locks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exported_helper_locks, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
