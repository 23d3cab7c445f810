/* test_cost_owned_fields.c — inner loops walking a list reached through a
 * pointer field of the outer loop's element (cost_owned_fields.c), over
 * hand-built programs (cost_case.h, whose rules say `frees free arg1`):
 * such a loop walks the element's own children, and adds no repetition,
 * when the program frees what the field points to through it
 * (`vector_free_(room->members)`, vector_free_ freeing its parameter past
 * a NULL test), and walks shared data (a back-pointer, `room->server`;
 * an object released by reference count) otherwise. */
#include "cost_case.h"

/* A nest: a loop over the rooms at `line`, and in it a loop through the
 * room's pointer field `field`. */
static void room_nest(struct cost_case *c, const char *function, unsigned line, const char *field)
{
    builder_function(&c->b, function, line / 10, 0);
    int rooms = builder_loop(&c->b, function, line, -1, LC_BOUND_DATA, 0, "rooms");
    int inner = builder_loop(&c->b, function, line + 1, rooms, LC_BOUND_DATA, 0, "room->field->count");
    c->b.facts.loops[inner].owned_field_usr = lc_arena_printf(&c->b.facts.arena, "c:@S@room@FI@%s", field);
    c->b.facts.loops[inner].owned_field_name = field;
    builder_call(&c->b, "on_tick", line + 5, builder_function_value(function), 1, builder_other_value(), "rooms");
}

static void test_owned_fields(void **state)
{
    (void)state;
    struct cost_case c;
    start(&c);
    entry(&c, "on_tick");
    builder_function(&c.b, "vector_free_", 20, 0);
    builder_function(&c.b, "topic_release", 21, 0);
    builder_function(&c.b, "room_free", 22, 0);
    /* `if (!v) return; free(v);` */
    builder_call(&c.b, "vector_free_", 200, builder_function_value("free"), 1, builder_param_value("vector_free_", 0),
                 "v");
    builder_call_runs(&c.b, LC_RUNS_UNLESS_RETURNED);
    c.b.facts.calls[c.b.facts.call_count - 1].returned_guard =
        (struct lc_param_guard){ .param = 1, .test = LC_PARAM_TEST_EQ, .value = 0 };
    /* `if (--t->refs > 0) return; free(t);`: not every time */
    builder_call(&c.b, "topic_release", 210, builder_function_value("free"), 1,
                 builder_param_value("topic_release", 0), "t");
    builder_call_runs(&c.b, LC_RUNS_UNLESS_RETURNED);
    builder_call(&c.b, "room_free", 220, builder_function_value("vector_free_"), 1,
                 builder_field_value(&c.b, "room", "members"), "room->members");
    builder_call_runs(&c.b, LC_RUNS_ONCE);
    builder_call(&c.b, "room_free", 221, builder_function_value("topic_release"), 1,
                 builder_field_value(&c.b, "room", "topic"), "room->topic");
    builder_call_runs(&c.b, LC_RUNS_ONCE);
    room_nest(&c, "count_members", 500, "members");
    room_nest(&c, "count_neighbours", 600, "server");
    room_nest(&c, "count_topic_words", 700, "topic");
    run(&c);
    assert_null(at_line(&c, 500));      /* each room's own members */
    assert_non_null(at_line(&c, 600));  /* a back-pointer: every room, per room */
    assert_non_null(at_line(&c, 700));  /* a shared topic, released by count */
    struct lc_cost cost;
    assert_int_equal(lc_cost_compute(&c.b.program, &cost, 0), 0);
    assert_int_equal(cost.loop_level[loop_at(&c, 500)], 1);
    assert_int_equal(cost.loop_level[loop_at(&c, 600)], 2);
    lc_cost_free(&cost);
    finish(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_owned_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
