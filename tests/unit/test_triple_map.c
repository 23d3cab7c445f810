/* test_triple_map.c — the (a, b, c) -> value map and the interned sequence
 * pool of triple_map.c: insertion, lookup, growth past many keys, clearing,
 * and interning that gives equal sequences one id and distinct ones
 * distinct ids (also sequences of one hash but different lengths). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "triple_map.h"

static void map_inserts_then_finds(void **state)
{
    (void)state;
    struct lc_triple_map map = {0};
    int added;
    uint32_t *value = lc_triple_map_get(&map, 1, 2, 3, 7, &added);
    assert_non_null(value);
    assert_true(added);
    assert_int_equal(*value, 7);
    *value = 9;
    value = lc_triple_map_get(&map, 1, 2, 3, 7, &added);
    assert_false(added);
    assert_int_equal(*value, 9);
    value = lc_triple_map_get(&map, 1, 3, 2, 5, &added);
    assert_true(added);
    assert_int_equal(*value, 5);
    assert_int_equal(map.count, 2);
    lc_triple_map_free(&map);
}

static void map_keeps_every_key_when_it_grows(void **state)
{
    (void)state;
    struct lc_triple_map map = {0};
    int added;
    for (uint32_t i = 0; i < 50000; i++)
        *lc_triple_map_get(&map, i, i * 3, i % 7, 0, &added) = i + 1;
    assert_true(map.capacity >= 100000);
    for (uint32_t i = 0; i < 50000; i++) {
        uint32_t *value = lc_triple_map_get(&map, i, i * 3, i % 7, 0, &added);
        assert_false(added);
        assert_int_equal(*value, i + 1);
    }
    lc_triple_map_clear(&map);
    assert_int_equal(map.count, 0);
    assert_true(lc_triple_map_get(&map, 4, 12, 4, 0, &added) != NULL);
    assert_true(added);
    lc_triple_map_free(&map);
}

static void pool_interns_by_content(void **state)
{
    (void)state;
    struct lc_sequence_pool pool = {0};
    const uint32_t a[] = { 1, 2, 3 }, b[] = { 1, 2, 3 }, c[] = { 3, 2, 1 };
    uint32_t empty = lc_sequence_pool_intern(&pool, a, 0);
    uint32_t id_a = lc_sequence_pool_intern(&pool, a, 3);
    uint32_t id_b = lc_sequence_pool_intern(&pool, b, 3);
    uint32_t id_c = lc_sequence_pool_intern(&pool, c, 3);
    uint32_t id_prefix = lc_sequence_pool_intern(&pool, a, 2);
    assert_int_equal(empty, 0);
    assert_int_equal(id_a, id_b);
    assert_int_not_equal(id_a, id_c);
    assert_int_not_equal(id_a, id_prefix);
    assert_int_equal(pool.count, 4);
    assert_int_equal(pool.start[id_c + 1] - pool.start[id_c], 3);
    assert_int_equal(pool.items[pool.start[id_c]], 3);
    assert_int_equal(pool.start[empty + 1], pool.start[empty]);
    for (uint32_t i = 0; i < 3000; i++) {
        uint32_t items[2] = { i, i };
        assert_int_equal(lc_sequence_pool_intern(&pool, items, 2), 4 + i);
    }
    uint32_t again[2] = { 1234, 1234 };
    assert_int_equal(lc_sequence_pool_intern(&pool, again, 2), 4 + 1234);
    lc_sequence_pool_free(&pool);
    assert_null(pool.items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(map_inserts_then_finds),
        cmocka_unit_test(map_keeps_every_key_when_it_grows),
        cmocka_unit_test(pool_interns_by_content),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
