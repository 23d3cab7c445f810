/* test_extract_param_reads.c — field paths through elements of global
 * arrays (extract_field_path.c: `threads[i].stats.hits` is an access of
 * "threads[*].stats.hits", a scalar element of its array) and addresses
 * handed to functions of the TU that read only some fields through them
 * (extract_param_reads.c, extract_access_arguments.c), on
 * data/extract/element_reads.c. */
#include <string.h>

#include "extract_fixture.h"

/* One access the line holding `tag` must have. */
struct expected_access {
    const char *name;
    enum lc_access_kind kind;
};

/* The line holding `tag` has exactly the accesses `expected` (`count` of
 * them), in that order; the first one's fact. */
static const struct lc_access_fact *assert_accesses(struct extract_test *test, const char *tag,
                                                    const struct expected_access *expected, size_t count)
{
    unsigned line = line_of(test->file, tag);
    const struct lc_access_fact *first = NULL;
    size_t seen = 0;
    for (size_t i = 0; i < test->facts.access_count; i++) {
        const struct lc_access_fact *access = &test->facts.accesses[i];
        if (access->loc.line != line)
            continue;
        if (seen >= count)
            fail_msg("%s: an access of %s too many", tag, access->variable_name);
        assert_string_equal(access->variable_name, expected[seen].name);
        if (access->kind != expected[seen].kind)
            fail_msg("%s: %s is a %s", tag, access->variable_name,
                     access->kind == LC_ACCESS_WRITE ? "write" : "read");
        first = first ? first : access;
        seen++;
    }
    if (seen != count)
        fail_msg("%s: %zu accesses, not %zu", tag, seen, count);
    return first;
}

#define ASSERT_ACCESSES(test, tag, ...)                                                                   \
    assert_accesses(test, tag, (const struct expected_access[]){ __VA_ARGS__ },                           \
                    sizeof((const struct expected_access[]){ __VA_ARGS__ }) / sizeof(struct expected_access))

static void test_element_paths(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "element_reads.c"), 0);
    const struct lc_access_fact *access =
        ASSERT_ACCESSES(test, "element_field_write", { "threads[*].stats.hits", LC_ACCESS_WRITE });
    assert_string_equal(access->variable_usr, "c:@threads" LC_ACCESS_PATH_MARK "[*].stats.hits");
    assert_int_equal(access->indexed, 1);   /* a striped lock may guard it */
    ASSERT_ACCESSES(test, "pointer_element_read", { "thread_table[*].n.send_fd", LC_ACCESS_READ });
    access = ASSERT_ACCESSES(test, "scalar_element", { "sizes", LC_ACCESS_READ });   /* no parts: no path */
    assert_int_equal(access->indexed, 1);
    ASSERT_ACCESSES(test, "field_element_field", { "slabs.per_slab[*].misses", LC_ACCESS_READ });
    ASSERT_ACCESSES(test, "element_address_write", { "threads[*]", LC_ACCESS_WRITE });   /* the whole element */
}

static void test_fields_read_through_a_parameter(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "element_reads.c"), 0);
    /* notify tests t, then hands it to wake: two calls, two fields. */
    const struct lc_access_fact *access = ASSERT_ACCESSES(test, "reader_two_deep",
                                                          { "threads[*].n.event_fd", LC_ACCESS_READ },
                                                          { "threads[*].queue", LC_ACCESS_READ });
    assert_int_equal(access->indexed, 1);
    ASSERT_ACCESSES(test, "const_reader", { "threads[*].slots", LC_ACCESS_READ });   /* an array read whole */
    ASSERT_ACCESSES(test, "struct_address", { "settings.port", LC_ACCESS_READ });
    ASSERT_ACCESSES(test, "moved_on", { "threads[*].stats.misses", LC_ACCESS_READ });   /* t++: the next element */
    ASSERT_ACCESSES(test, "field_address", { "threads[*].n", LC_ACCESS_READ });   /* &t->n handed to a reader */
}

/* Where the callee may read anything through the parameter, the element
 * is read whole, as before. */
static void test_whole_reads(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "element_reads.c"), 0);
    ASSERT_ACCESSES(test, "whole_copy", { "threads[*]", LC_ACCESS_READ });          /* *t copied */
    ASSERT_ACCESSES(test, "converted", { "threads[*]", LC_ACCESS_READ });           /* to const void * */
    ASSERT_ACCESSES(test, "indexed_parameter", { "threads[*]", LC_ACCESS_READ });   /* t[1]: not t's fields */
    ASSERT_ACCESSES(test, "no_body_here", { "threads[*]", LC_ACCESS_READ });            /* no body here */
    ASSERT_ACCESSES(test, "reads_nothing", { "threads[*]", LC_ACCESS_READ });       /* only compared */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_element_paths, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fields_read_through_a_parameter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_whole_reads, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
