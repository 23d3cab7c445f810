/* test_extract_loop_bucket.c — a loop walking the chain of the one bucket
 * a hash picks in a table sized by a variable (`t[h & mask]`, `&t[h %
 * size]`, an index in a local so set; extract_loop_bucket.c) is a few
 * steps; a table of a constant size, an index that is no hash, a walker
 * that may start elsewhere or starts afresh in the loop stay loops bounded
 * by data.  So does a bucket held by value, its chain's head a field, and
 * the record found from a link by the link's offset (uthash).  A rehash in place through a pointer to the link walks one
 * bucket per round (extract_loop_link_pointer.c).  On
 * data/extract/loop_bucket.c. */
#include "extract_fixture.h"

static void test_bucket_probes(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_bucket.c"), 0);
    const char *probes[] = { "loop: masked", "loop: index_local", "loop: link", "loop: for_init", "loop: bucket_field",
                             "loop: bucket_container" };
    for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
        const struct lc_loop_fact *loop = find_loop(test, probes[i]);
        if (loop->bound != LC_BOUND_SMALL_CONSTANT)
            fail_msg("%s: bound %d, not a few steps", probes[i], (int)loop->bound);
    }
}

static void test_not_bucket_probes(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_bucket.c"), 0);
    const char *walks[] = { "loop: constant_size", "loop: not_hashed", "loop: list_start", "loop: restarted",
                            "loop: bucket_field_unhashed" };
    for (size_t i = 0; i < sizeof walks / sizeof walks[0]; i++) {
        const struct lc_loop_fact *loop = find_loop(test, walks[i]);
        if (loop->bound != LC_BOUND_DATA)
            fail_msg("%s: bound %d, not data", walks[i], (int)loop->bound);
    }
}

/* An inner loop walking a bucket's chain through a pointer to the link,
 * one bucket per round of the loop around, continues that walk (source
 * PARENT); one whose link pointer may go back to another bucket does not. */
static void test_link_pointer_walks(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loop_bucket.c"), 0);
    assert_int_equal(find_loop(test, "loop: link_pointer")->source, LC_SOURCE_PARENT);
    assert_int_equal(find_loop(test, "loop: link_restarted")->source, LC_SOURCE_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bucket_probes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_bucket_probes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_link_pointer_walks, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
