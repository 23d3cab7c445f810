/* test_threads_field_paths.c — the unlocked-shared-state check on field
 * paths, over hand-built programs (threads_case.h; no data files): two
 * fields never race, a field and the whole may, a pointer's whole overlaps
 * its fields; and memcached's stats_state.curr_items (every write locked,
 * one read not), whose related accesses are those of the same memory. */
#include "threads_case.h"

/* An access of a field path `path` of variable `usr` (as the extractor
 * names them: "g.f", USR g's + LC_ACCESS_PATH_MARK + ".f"). */
static void field_access(struct threads_case *c, const char *function, unsigned line, const char *usr,
                         const char *name, const char *path, enum lc_access_kind kind)
{
    builder_access(&c->b, function, line, path ? lc_arena_printf(&c->b.facts.arena, "%s%s%s", usr,
                                                                   LC_ACCESS_PATH_MARK, path) : usr,
                   kind, 0, NULL);
    c->b.facts.accesses[c->b.facts.access_count - 1].variable_name =
        path ? lc_arena_printf(&c->b.facts.arena, "%s%s", name, path) : name;
}

static void test_field_paths(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "add_work");
    field_access(&c, "add_work", 120, "c:@cfg", "cfg", ".port", LC_ACCESS_WRITE);
    field_access(&c, "on_tick", 121, "c:@cfg", "cfg", ".name", LC_ACCESS_READ);
    field_access(&c, "add_work", 122, "c:@opts", "opts", ".level", LC_ACCESS_WRITE);
    field_access(&c, "add_work", 123, "c:@opts", "opts", ".limits.soft", LC_ACCESS_WRITE);
    field_access(&c, "on_tick", 124, "c:@opts", "opts", ".limits", LC_ACCESS_READ);
    field_access(&c, "on_tick", 125, "c:@opts", "opts", NULL, LC_ACCESS_WRITE);   /* memset(&opts, ...) */
    field_access(&c, "add_work", 127, "c:@queue", "queue", "->head", LC_ACCESS_WRITE);
    field_access(&c, "on_tick", 128, "c:@queue", "queue", "->count", LC_ACCESS_READ);
    run(&c);
    assert_int_equal(c.findings.count, 1);   /* cfg's and queue's fields do not race; opts: one finding */
    assert_non_null(strstr(c.findings.items[0].message, "'opts"));
    finish(&c);
    /* Without the whole-variable write opts.limits still overlaps
     * opts.limits.soft; a pointer's whole (queue = ...) overlaps queue->head. */
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "add_work");
    field_access(&c, "add_work", 123, "c:@opts", "opts", ".limits.soft", LC_ACCESS_WRITE);
    field_access(&c, "on_tick", 124, "c:@opts", "opts", ".limits", LC_ACCESS_READ);
    field_access(&c, "on_tick", 126, "c:@opts", "opts", ".limitless", LC_ACCESS_READ);
    field_access(&c, "add_work", 127, "c:@queue", "queue", "->head", LC_ACCESS_READ);
    field_access(&c, "on_tick", 129, "c:@queue", "queue", NULL, LC_ACCESS_WRITE);
    run(&c);
    assert_int_equal(c.findings.count, 2);
    assert_non_null(at_line(&c, 129));
    assert_non_null(strstr(c.findings.items[0].message, "'opts.limits.soft' is written by 'add_work'"));
    assert_non_null(strstr(c.findings.items[0].message, "read by 'on_tick'"));
    finish(&c);
}

/* memcached's stats_state.curr_items: every write under the stats lock,
 * one read without it.  The finding is at the unprotected read; its related
 * accesses are those of the same memory, each named by its own path (not
 * the other fields of the struct). */
static void test_locked_writes_unlocked_read(void **state)
{
    (void)state;
    struct threads_case c;
    start(&c);
    on_loop(&c, "on_tick");
    on_pool(&c, "add_work");
    field_access(&c, "add_work", 130, "c:@stats", "stats", ".curr_items", LC_ACCESS_WRITE);
    c.b.facts.accesses[c.b.facts.access_count - 1].locks = builder_locks(&c.b, mutex);
    field_access(&c, "add_work", 131, "c:@stats", "stats", ".conn_structs", LC_ACCESS_WRITE);
    c.b.facts.accesses[c.b.facts.access_count - 1].locks = builder_locks(&c.b, mutex);
    field_access(&c, "on_tick", 132, "c:@stats", "stats", ".conn_structs", LC_ACCESS_WRITE);
    c.b.facts.accesses[c.b.facts.access_count - 1].locks = builder_locks(&c.b, mutex);
    field_access(&c, "on_tick", 133, "c:@stats", "stats", ".curr_items", LC_ACCESS_READ);
    field_access(&c, "on_tick", 134, "c:@stats", "stats", ".curr_items", LC_ACCESS_WRITE);
    c.b.facts.accesses[c.b.facts.access_count - 1].locks = builder_locks(&c.b, mutex);
    run(&c);
    assert_int_equal(c.findings.count, 1);
    const struct lc_finding *f = at_line(&c, 133);
    assert_non_null(f);
    assert_non_null(strstr(f->message, "'stats.curr_items' is written by 'add_work'"));
    assert_non_null(strstr(f->message, "held at 2 of the 3 accesses"));
    int saw_write = 0;
    for (size_t i = 0; i < f->related_count; i++) {
        assert_int_not_equal(f->related[i].loc.line, 131);   /* another field */
        assert_int_not_equal(f->related[i].loc.line, 132);
        saw_write |= f->related[i].loc.line == 130
                     && strstr(f->related[i].message, "'stats.curr_items' written here by 'add_work'") != NULL;
    }
    assert_true(saw_write);
    finish(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_field_paths),
        cmocka_unit_test(test_locked_writes_unlocked_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
