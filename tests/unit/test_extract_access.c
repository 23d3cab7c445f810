/* test_extract_access.c — accesses of shared variables (extract_access.c)
 * on data/extract/accesses.c: each kind of write, reads, atomics, and what
 * is left out (locals, const objects, thread-locals, sizeof operands);
 * and on data/extract/param_writes.c, addresses handed to functions of the
 * TU that do or do not write through them, structs passed whole and the
 * struct types written through a pointer; the call ending the branch an
 * access is in. */
#include <string.h>

#include "extract_fixture.h"

/* The accesses on the line holding `tag`: how many, and the first. */
static size_t find_accesses(struct extract_test *test, const char *tag,
                            const struct lc_access_fact **first)
{
    unsigned line = line_of(test->file, tag);
    size_t count = 0;
    *first = NULL;
    for (size_t i = 0; i < test->facts.access_count; i++) {
        if (test->facts.accesses[i].loc.line != line)
            continue;
        if (!*first)
            *first = &test->facts.accesses[i];
        count++;
    }
    return count;
}

/* The line holding `tag` has exactly one access: of `name`, of `kind`. */
static const struct lc_access_fact *assert_access(struct extract_test *test, const char *tag,
                                                  const char *name, enum lc_access_kind kind,
                                                  int atomic)
{
    const struct lc_access_fact *access;
    if (find_accesses(test, tag, &access) != 1)
        fail_msg("not one access at %s", tag);
    assert_string_equal(access->variable_name, name);
    if (access->kind != kind)
        fail_msg("%s: %s is a %s", tag, name, access->kind == LC_ACCESS_WRITE ? "write" : "read");
    assert_int_equal(access->atomic, atomic);
    assert_int_equal(access->locks.count, 0);
    return access;
}

static void test_reads_and_writes(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "accesses.c"), 0);
    const struct lc_access_fact *access;
    access = assert_access(test, "write_static_local", "calls", LC_ACCESS_WRITE, 0);
    assert_string_equal(access->function_usr,
                        find_function(&test->facts, "reads_and_writes", 1)->usr);
    assert_non_null(strstr(access->variable_usr, test->file));   /* a static: path-qualified */
    assert_int_equal(access->loc.col, 5);
    access = assert_access(test, "read_global", "counter", LC_ACCESS_READ, 0);
    assert_string_equal(access->variable_usr, "c:@counter");
    assert_int_equal(access->loc.col, 13);
    assert_access(test, "write_file_static", "file_static", LC_ACCESS_WRITE, 0);
    assert_access(test, "write_compound", "counter", LC_ACCESS_WRITE, 0);
    assert_access(test, "write_decrement", "counter", LC_ACCESS_WRITE, 0);
    assert_access(test, "write_and_read", "counter", LC_ACCESS_WRITE, 0);   /* one fact */
    assert_access(test, "write_element", "array", LC_ACCESS_WRITE, 0);
    access = assert_access(test, "write_field", "stats.count", LC_ACCESS_WRITE, 0);   /* a field path */
    assert_string_equal(access->variable_usr, "c:@stats" LC_ACCESS_PATH_MARK ".count");
    assert_access(test, "write_through_pointer", "current->count", LC_ACCESS_WRITE, 0);
    assert_access(test, "read_element_pointer", "slots[*]->count", LC_ACCESS_READ, 0);   /* writes *slots[i] */
    assert_access(test, "read_element_pointer_address", "slots[*]->values", LC_ACCESS_READ, 0);
    assert_access(test, "write_by_address", "counter", LC_ACCESS_WRITE, 0);
    assert_access(test, "write_by_field_address", "stats.values", LC_ACCESS_WRITE, 0);   /* stops at [1] */
    assert_access(test, "read_by_const_address", "file_static", LC_ACCESS_READ, 0);
    assert_access(test, "write_array_argument", "name", LC_ACCESS_WRITE, 0);
    assert_access(test, "read_variadic_array", "name", LC_ACCESS_READ, 0);
    assert_int_equal(find_accesses(test, "sizeof_only", &access), 0);
    assert_int_equal(find_accesses(test, "const_and_thread_local", &access), 0);
    assert_int_equal(find_accesses(test, "local_only", &access), 0);
}

static void test_atomics(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "accesses.c"), 0);
    assert_access(test, "atomic_type", "atomic_counter", LC_ACCESS_WRITE, 1);
    assert_access(test, "atomic_typedef", "typedef_atomic", LC_ACCESS_READ, 1);
    assert_access(test, "atomic_gcc", "plain_for_builtins", LC_ACCESS_WRITE, 1);
    assert_access(test, "atomic_sync", "plain_for_builtins", LC_ACCESS_WRITE, 1);
    assert_access(test, "atomic_c11", "atomic_counter", LC_ACCESS_WRITE, 1);
    assert_access(test, "atomic_macro", "plain_for_builtins", LC_ACCESS_WRITE, 1);
    assert_access(test, "atomic_load", "atomic_counter", LC_ACCESS_READ, 1);
    assert_access(test, "not_atomic", "plain_for_builtins", LC_ACCESS_WRITE, 0);
}

static void test_callees_that_do_not_write(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "param_writes.c"), 0);
    const struct lc_access_fact *notify;
    assert_int_equal(find_accesses(test, "read_notify", &notify), 2);   /* two calls deep, only reads */
    assert_string_equal(notify[0].variable_name, "threads[*].fd");       /* what it reads: the fields */
    assert_int_equal(notify[0].kind, LC_ACCESS_READ);
    assert_string_equal(notify[1].variable_name, "threads[*].queue");
    assert_int_equal(notify[1].kind, LC_ACCESS_READ);
    assert_access(test, "write_forward", "threads[*]", LC_ACCESS_WRITE, 0);  /* set_fd writes t->fd */
    assert_access(test, "write_keep", "table", LC_ACCESS_WRITE, 0);       /* the pointer is kept */
    assert_access(test, "write_fill_row", "table", LC_ACCESS_WRITE, 0);   /* a row to an unknown fill */
    assert_access(test, "read_lookup", "table", LC_ACCESS_READ, 0);
    const struct lc_access_fact *via = assert_access(test, "write_via_fill", "threads[*].fd", LC_ACCESS_WRITE, 0);
    assert_string_equal(via->via_callee_usr, "c:@F@fill");   /* declared only: left to linking */
    assert_int_equal(via->via_argument, 0);
    assert_null(assert_access(test, "write_forward", "threads[*]", LC_ACCESS_WRITE, 0)->via_callee_usr);
    assert_int_equal(find_function(&test->facts, "inspect", 1)->param_writes, UINT32_MAX & ~1u & ~4u);
    assert_int_equal(find_function(&test->facts, "stash", 1)->param_writes, UINT32_MAX);   /* keeps p */
    assert_int_equal(find_function(&test->facts, "set_fd", 1)->param_writes, UINT32_MAX);  /* static: unknown */
    assert_int_equal(find_function(&test->facts, "fill", 0)->param_writes, UINT32_MAX);    /* a declaration */
}

/* An address handed through `...`: a read when the variadic callee only
 * reads what it takes with va_arg (also through a va_list it hands on, and
 * a local copy), and for the C library's formatters; a write when the
 * callee writes through it or hands its va_list to an unknown function. */
static void test_variable_arguments(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "param_writes.c"), 0);
    assert_access(test, "read_format", "level_names[*]", LC_ACCESS_READ, 0);
    assert_access(test, "write_scan", "parsed_total", LC_ACCESS_WRITE, 0);
    assert_access(test, "read_printf", "parsed_total", LC_ACCESS_READ, 0);
    assert_access(test, "write_kept", "level_names[*]", LC_ACCESS_WRITE, 0);
    assert_int_equal(find_function(&test->facts, "format_text", 1)->param_writes, 1u);   /* buf only */
    assert_int_equal(find_function(&test->facts, "scan_ints", 1)->param_writes, UINT32_MAX & ~1u);
    assert_int_equal(find_function(&test->facts, "kept_arguments", 1)->param_writes, UINT32_MAX & ~1u);
}

static int has_written_record(const struct lc_tu_facts *facts, const char *usr)
{
    for (size_t i = 0; i < facts->written_record_count; i++)
        if (strcmp(facts->written_records[i], usr) == 0)
            return 1;
    return 0;
}

/* A struct variable passed whole by address to its own type names the
 * struct (linking makes the write a read when no TU writes that type
 * through a pointer); a conversion (`clear(&stats_total)`, a `void *`)
 * does not.  The types written through a pointer: by a member write
 * (`s->count++`, `t->fd = -1`, `w->ops = ...`), by a conversion of a
 * pointer to one; a member's address converted (`&w->embedded`) writes the
 * outer struct only. */
/* The callee of the call ending the branch an access is in, or NULL. */
static const char *exit_callee(struct extract_test *test, const char *tag)
{
    const struct lc_access_fact *access;
    if (find_accesses(test, tag, &access) != 1)
        fail_msg("not one access at %s", tag);
    if (access->branch_exit < 0)
        return NULL;
    assert_true((size_t)access->branch_exit < test->facts.call_count);
    return test->facts.calls[access->branch_exit].callee.name;
}

static void test_branch_exits(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "accesses.c"), 0);
    assert_string_equal(exit_callee(test, "exit_to_die"), "die");
    assert_string_equal(exit_callee(test, "exit_to_note"), "note");
    assert_string_equal(exit_callee(test, "exit_to_inner_die"), "die");   /* the innermost branch */
    assert_null(exit_callee(test, "no_exit_return"));
    assert_null(exit_callee(test, "no_exit_outside"));
    assert_string_equal(exit_callee(test, "exit_to_comma_die"), "die");   /* the comma's last call */
    assert_string_equal(exit_callee(test, "exit_to_bug"), "die");   /* the condition's call */
    assert_null(exit_callee(test, "no_exit_else"));
    unsigned line = line_of(test->file, "call_to_bug");
    size_t found = 0;
    for (size_t i = 0; i < test->facts.call_count; i++) {
        const struct lc_call_fact *call = &test->facts.calls[i];
        if (call->loc.line != line)
            continue;
        found++;
        assert_true(call->branch_exit >= 0);
        assert_string_equal(test->facts.calls[call->branch_exit].callee.name, "die");
    }
    assert_int_equal(found, 1);
}

static void test_structs_passed_and_written(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "param_writes.c"), 0);
    const struct lc_access_fact *ops = assert_access(test, "passed_ops", "ops_table", LC_ACCESS_WRITE, 0);
    assert_string_equal(ops->passed_record_usr, "c:@S@ops");
    assert_string_equal(ops->via_callee_usr, "c:@F@attach");
    const struct lc_access_fact *stats = assert_access(test, "passed_stats", "stats_total", LC_ACCESS_WRITE, 0);
    assert_string_equal(stats->passed_record_usr, "c:@S@stats");
    assert_null(assert_access(test, "converted_stats", "stats_total", LC_ACCESS_WRITE, 0)->passed_record_usr);
    assert_null(assert_access(test, "write_keep", "table", LC_ACCESS_WRITE, 0)->passed_record_usr);   /* an int */
    assert_true(has_written_record(&test->facts, "c:@S@stats"));
    assert_true(has_written_record(&test->facts, "c:@S@owner"));
    assert_true(has_written_record(&test->facts, "c:@S@thread"));
    assert_false(has_written_record(&test->facts, "c:@S@ops"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reads_and_writes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_atomics, setup, teardown),
        cmocka_unit_test_setup_teardown(test_variable_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_callees_that_do_not_write, setup, teardown),
        cmocka_unit_test_setup_teardown(test_structs_passed_and_written, setup, teardown),
        cmocka_unit_test_setup_teardown(test_branch_exits, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
