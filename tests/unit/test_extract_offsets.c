/* test_extract_offsets.c — offset loops (extract_loop_offset.c): a for
 * loop counting its counter up by one from X to X + N is bounded by N, a
 * constant (its rounds) or a parameter (loop fact bound_param); its near
 * misses (X moved in the loop, a counter started elsewhere, a step of
 * two, a narrower counter or one of another signedness, a cast start, a
 * global or a field for X, X's or the counter's address taken, a global
 * counter) stay bounded by data, on data/extract/offsets.c. */
#include "extract_fixture.h"

static void assert_rounds(struct extract_test *test, const char *tag, enum lc_loop_bound bound, long long rounds,
                          const char *text)
{
    const struct lc_loop_fact *loop = find_loop(test, tag);
    assert_int_equal(loop->bound, bound);
    assert_int_equal(loop->trip_count, rounds);
    assert_non_null(loop->bound_text);
    assert_string_equal(loop->bound_text, text);
    assert_int_equal(loop->bound_param, -1);
}

static void assert_data(struct extract_test *test, const char *tag, int param)
{
    const struct lc_loop_fact *loop = find_loop(test, tag);
    assert_int_equal(loop->bound, LC_BOUND_DATA);
    assert_int_equal(loop->bound_param, param);
}

/* A constant count: its rounds, whatever the start. */
static void test_offsets_of_constants(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "offsets.c"), 0);
    assert_rounds(test, "offset_small", LC_BOUND_SMALL_CONSTANT, 4, "4");
    assert_rounds(test, "offset_big", LC_BOUND_CONSTANT, 5000, "5000");
    assert_rounds(test, "offset_inclusive", LC_BOUND_SMALL_CONSTANT, 8, "8");        /* <= start + 8 - 1 */
    assert_rounds(test, "offset_flipped", LC_BOUND_SMALL_CONSTANT, 3, "3");          /* start + 3 > i */
    assert_rounds(test, "offset_count_first", LC_BOUND_SMALL_CONSTANT, 6, "6");      /* 6 + start, i += 1 */
    assert_rounds(test, "offset_pointer", LC_BOUND_SMALL_CONSTANT, 16, "16");        /* p < buf + 16 */
    assert_rounds(test, "offset_expression", LC_BOUND_SMALL_CONSTANT, 10, "10");     /* y + 1 + 10 */
    assert_rounds(test, "offset_not_equal", LC_BOUND_SMALL_CONSTANT, 12, "12");
    assert_rounds(test, "offset_negative", LC_BOUND_SMALL_CONSTANT, 0, "- 2");
}

/* A parameter count bounds the loop (its callers may pass a constant);
 * a field or a local of unknown value stays data, never bounded by the
 * start. */
static void test_offsets_of_parameters(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "offsets.c"), 0);
    assert_data(test, "param_rows", 2);             /* py + ny: ny */
    assert_data(test, "param_minus_one", 4);        /* s + n - 1: n */
    assert_data(test, "data_field_count", -1);      /* py + gd->sy */
    assert_data(test, "data_local_count", -1);      /* py + rows: not py */
    assert_string_equal(find_loop(test, "param_rows")->bound_text, "py + ny");
}

/* Not offset loops: bounded by data as before. */
static void test_offset_near_misses(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "offsets.c"), 0);
    assert_data(test, "miss_start_moved", -1);      /* py++ in the body */
    assert_data(test, "miss_counter_elsewhere", -1);/* i = 0 */
    assert_data(test, "miss_other_start", -1);      /* i = px, py + ny */
    assert_data(test, "miss_counter_moved", -1);    /* yy++ in the body too */
    assert_data(test, "miss_step_two", -1);         /* yy += 2 */
    assert_data(test, "miss_count_moved", -1);      /* ny++ in the body */
    assert_data(test, "miss_narrow", 6);            /* unsigned char to low + 4: low */
    assert_data(test, "miss_cast_start", 4);        /* (unsigned char)s, s + 4: s */
    assert_data(test, "miss_global_start", -1);     /* origin */
    assert_data(test, "miss_not_equal_less", -1);   /* != s + n - 1 */
    assert_data(test, "miss_start_address", -1);    /* locate(&py) */
    assert_int_equal(find_loop(test, "miss_field_start")->bound, LC_BOUND_DATA);   /* gd->first */
    assert_data(test, "miss_counter_address", 0);   /* locate(&yy) after it: py */
    assert_data(test, "miss_global_counter", -1);   /* origin: a call may move it */
    assert_int_equal(find_loop(test, "miss_signedness")->bound, LC_BOUND_DATA);   /* unsigned u to int s + 4 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_offsets_of_constants, setup, teardown),
        cmocka_unit_test_setup_teardown(test_offsets_of_parameters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_offset_near_misses, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
