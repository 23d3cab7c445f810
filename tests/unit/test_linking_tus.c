/* test_linking_tus.c — linking the facts of several TUs, over hand-built
 * programs (linking_case.h; no data files): the calls of a header function
 * stored by several TUs counted once, a global's address passed to a
 * function of another TU (a write only when that function's definition
 * writes through it) and the locks that function holds for it, two
 * programs each keeping their main, and the calls
 * of many TUs loaded in path order, grouped by caller, with their
 * pointer calls resolved. */
#include "linking_case.h"

static void test_header_function_in_two_tus_counted_once(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, rules);
    for (int tu = 0; tu < 2; tu++) {
        builder_tu(&b, tu ? "b.c" : "a.c");
        /* static inline helper() in a shared header: same USR, same call */
        builder_function(&b, "helper", 1, 0);
        b.facts.functions[b.facts.function_count - 1].loc.file = "/shared/header.h";
        struct lc_call_fact *call;
        builder_call(&b, "helper", 2, builder_function_value("sleep"), 0);
        call = &b.facts.calls[b.facts.call_count - 1];
        call->loc.file = "/shared/header.h";
        assert_int_equal(builder_end_tu(&b), 0);
    }
    assert_int_equal(builder_link(&b), 0);
    uint32_t helper = builder_find(&b, "helper");
    assert_int_not_equal(helper, LC_NONE);
    assert_int_equal(b.program.functions[helper].call_count, 1);
    builder_free(&b);
}

/* `show(&stats)` in one TU, show() defined in another: a write of stats
 * only when show's definition may write through that parameter (its
 * param_writes); a function defined nowhere (a library's) writes. */
static void test_address_passed_to_another_tu(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, rules);
    builder_tu(&b, "show.c");
    const char *defined[] = { "show", "fill" };
    for (unsigned i = 0; i < 2; i++) {
        builder_function(&b, defined[i], 1 + i, 0);
        b.facts.functions[b.facts.function_count - 1].param_writes = i ? UINT32_MAX : ~1u;   /* show reads arg 0 */
    }
    assert_int_equal(builder_end_tu(&b), 0);
    builder_tu(&b, "main.c");
    builder_function(&b, "main", 10, 0);
    const char *callees[] = { "show", "fill", "library_fill", "show" };
    const int arguments[] = { 0, 0, 0, 1 };
    for (unsigned i = 0; i < 4; i++) {
        builder_access(&b, "main", 11 + i, "c:@stats", LC_ACCESS_WRITE, 0, NULL);
        b.facts.accesses[b.facts.access_count - 1].via_callee_usr = callees[i];
        b.facts.accesses[b.facts.access_count - 1].via_argument = arguments[i];
    }
    assert_int_equal(builder_end_tu(&b), 0);
    assert_int_equal(builder_link(&b), 0);
    enum lc_access_kind expected[] = { LC_ACCESS_READ, LC_ACCESS_WRITE, LC_ACCESS_WRITE, LC_ACCESS_WRITE };
    assert_int_equal(b.program.access_count, 4);
    for (unsigned i = 0; i < 4; i++)
        assert_int_equal(b.program.accesses[i].kind, expected[i]);
    builder_free(&b);
}

/* `stats_add(&hits)` in main.c, stats_add() defined in stats.c holding
 * stats_lock wherever it writes through its parameter (its helper locks,
 * facts.h lc_helper_lock): the write holds stats_lock, with main's own
 * lock; stats_peek(), holding it wherever it uses its parameter and
 * writing through none, gives the read it; a function holding nothing
 * gives nothing, and a helper lock of another parameter neither. */
static void test_helper_locks_of_another_tu(void **state)
{
    (void)state;
    static const struct lc_helper_lock held[] = { { 0, "c:@stats_lock" } };
    static const struct lc_helper_lock other[] = { { 1, "c:@stats_lock" } };
    struct builder b;
    builder_begin(&b, rules);
    builder_tu(&b, "stats.c");
    const char *defined[] = { "stats_add", "stats_peek", "stats_reset", "stats_move" };
    const struct lc_helper_lock *locks[] = { held, held, NULL, other };
    for (unsigned i = 0; i < 4; i++) {
        builder_function(&b, defined[i], 1 + i, 0);
        struct lc_function_fact *fn = &b.facts.functions[b.facts.function_count - 1];
        fn->param_writes = i == 1 ? ~1u : UINT32_MAX;   /* stats_peek reads arg 0 */
        fn->helper_locks = locks[i];
        fn->helper_lock_count = locks[i] ? 1 : 0;
    }
    assert_int_equal(builder_end_tu(&b), 0);
    builder_tu(&b, "main.c");
    builder_function(&b, "main", 10, 0);
    static const char *own[] = { "c:@main_lock" };
    for (unsigned i = 0; i < 4; i++) {
        builder_access(&b, "main", 11 + i, "c:@hits", LC_ACCESS_WRITE, 0, NULL);
        struct lc_access_fact *access = &b.facts.accesses[b.facts.access_count - 1];
        access->via_callee_usr = defined[i];
        access->via_argument = 0;
        if (i == 0)
            access->locks = (struct lc_lockset){ own, 1 };
    }
    assert_int_equal(builder_end_tu(&b), 0);
    assert_int_equal(builder_link(&b), 0);
    assert_int_equal(b.program.access_count, 4);
    const unsigned expected_locks[] = { 2, 1, 0, 0 };
    const enum lc_access_kind expected_kind[] = { LC_ACCESS_WRITE, LC_ACCESS_READ, LC_ACCESS_WRITE, LC_ACCESS_WRITE };
    for (unsigned i = 0; i < 4; i++) {
        const struct lc_program_access *access = &b.program.accesses[i];
        assert_int_equal(access->kind, expected_kind[i]);
        assert_int_equal(access->lock_count, expected_locks[i]);
        int stats_lock = 0;
        for (uint32_t k = 0; k < access->lock_count; k++) {
            const struct lc_program_object *lock = &b.program.objects[b.program.held_locks[access->first_lock + k]];
            stats_lock |= strstr(lock->name, "stats_lock") != NULL;
        }
        assert_int_equal(stats_lock, expected_locks[i] > 0);
    }
    builder_free(&b);
}

static void test_two_programs_each_keep_their_main(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, rules);
    for (int tu = 0; tu < 2; tu++) {
        const char *callback = tu ? "on_second" : "on_first";
        builder_tu(&b, tu ? "second.c" : "first.c");
        builder_function(&b, "main", 1, 0);
        builder_function(&b, callback, 2, 0);
        builder_call(&b, "main", 3, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                     builder_function_value(callback), callback);
        assert_int_equal(builder_end_tu(&b), 0);
    }
    assert_int_equal(builder_link(&b), 0);
    assert_true(entry_role(&b, "on_first", LC_ROLE_LOOP, NULL));
    assert_true(entry_role(&b, "on_second", LC_ROLE_LOOP, NULL));
    assert_int_equal(b.program.functions[builder_find(&b, "main")].call_count, 2);
    builder_free(&b);
}

/* Eight TUs stored out of path order (the loader reads the call table in
 * slices, one per core, and must give the same program as one reader):
 * each TU's calls stay grouped under their caller in stored order, a
 * header function defined by every TU keeps the calls of one, and calls
 * through a field and a parameter (whose record and index the slices keep
 * aside) are resolved; the field is named (`watcher.cb`) so its stores
 * register loop callbacks. */
static void test_calls_of_many_tus_in_path_order(void **state)
{
    (void)state;
    static const char *const files[] = { "h.c", "c.c", "f.c", "a.c", "g.c", "b.c", "e.c", "d.c" };
    struct builder b;
    builder_begin(&b, rules);
    for (int tu = 0; tu < 8; tu++) {
        char name[16];
        snprintf(name, sizeof name, "fn_%c", files[tu][0]);
        builder_tu(&b, files[tu]);
        builder_function(&b, "helper", 1, 0);
        b.facts.functions[b.facts.function_count - 1].loc.file = "/shared/header.h";
        builder_call(&b, "helper", 2, builder_function_value("sleep"), 0);
        b.facts.calls[b.facts.call_count - 1].loc.file = "/shared/header.h";
        builder_function(&b, name, 10, 0);
        for (unsigned line = 20; line < 20 + (unsigned)tu; line++)
            builder_call(&b, name, line, builder_function_value("helper"), 0);
        builder_call(&b, name, 40, builder_field_value(&b, "watcher", "cb"), 0);
        builder_call(&b, name, 41, builder_param_value(name, 1), 0);
        builder_store(&b, name, 42, builder_field_value(&b, "watcher", "cb"), builder_function_value(name));
        if (files[tu][0] == 'a') {   /* driver() { fn_a(0, target_a); } */
            builder_function(&b, "target_a", 50, 0);
            builder_function(&b, "driver", 51, 0);
            builder_call(&b, "driver", 52, builder_function_value("fn_a"), 2, builder_null_value(), "0",
                         builder_function_value("target_a"), "target_a");
        }
        assert_int_equal(builder_end_tu(&b), 0);
    }
    assert_int_equal(builder_link(&b), 0);
    assert_int_equal(b.program.functions[builder_find(&b, "helper")].call_count, 1);
    assert_int_equal(b.program.call_count, 1 + 1 + 8 * 2 + (0 + 1 + 2 + 3 + 4 + 5 + 6 + 7));
    for (int tu = 0; tu < 8; tu++) {
        char name[16];
        snprintf(name, sizeof name, "fn_%c", files[tu][0]);
        const struct lc_program_function *fn = &b.program.functions[builder_find(&b, name)];
        assert_int_equal(fn->call_count, tu + 2);
        for (uint32_t c = 0; c < fn->call_count; c++) {
            const struct lc_program_call *call = &b.program.calls[fn->first_call + c];
            assert_int_equal(call->caller, builder_find(&b, name));
            assert_int_equal(call->loc.line, c + 2 < fn->call_count ? 20 + c : 40 + (c + 1 - (fn->call_count - 1)));
            assert_non_null(strstr(call->loc.file, files[tu]));
        }
        assert_true(has_target(&b, name, "fn_a"));   /* every fn_X is stored into watcher.cb */
        assert_true(has_target(&b, name, "fn_h"));
        assert_true(entry_role(&b, name, LC_ROLE_LOOP, NULL));
    }
    assert_true(has_target(&b, "fn_a", "target_a"));
    assert_false(has_target(&b, "fn_b", "target_a"));
    builder_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_function_in_two_tus_counted_once),
        cmocka_unit_test(test_address_passed_to_another_tu),
        cmocka_unit_test(test_helper_locks_of_another_tu),
        cmocka_unit_test(test_two_programs_each_keep_their_main),
        cmocka_unit_test(test_calls_of_many_tus_in_path_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
