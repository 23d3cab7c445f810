/* test_extract_cells.c — an inner loop visiting with its outer loop each
 * cell of one two-dimensional object (extract_loop_cells.c) adds no
 * repetition: its source is the parent.  Nested loops over the two sizes
 * of one object, over a rectangle of its cells, and their near misses, on
 * data/extract/cells.c. */
#include "extract_fixture.h"

/* Both bounds sizes of the object: two different integer fields of it. */
static void test_cells_of_sizes(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "cells.c"), 0);
    assert_source(test, "cells_call", LC_SOURCE_PARENT);           /* grid_set(s->grid, xx, yy, ...) */
    assert_source(test, "cells_subscript", LC_SOURCE_PARENT);      /* gd->rows[y][x] */
    assert_source(test, "cells_flat", LC_SOURCE_PARENT);           /* gd->cells[y * gd->sx + x] */
    assert_source(test, "cells_same_size", LC_SOURCE_INPUT);       /* sx twice: pairs */
    assert_source(test, "cells_two_objects", LC_SOURCE_INPUT);
    assert_source(test, "cells_not_addressed", LC_SOURCE_INPUT);   /* no cell at (x, y) */
    assert_source(test, "cells_other_object", LC_SOURCE_PARENT);   /* compare(p, i, j): the rule's limit */
    assert_source(test, "cells_resized", LC_SOURCE_INPUT);         /* gd->sx++ */
}

/* Any bounds: a rectangle of the object's cells, each round another one. */
static void test_cells_of_rectangles(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "cells.c"), 0);
    assert_source(test, "rect_call", LC_SOURCE_PARENT);            /* py + ny, px + nx: a rectangle */
    assert_source(test, "rect_subscript", LC_SOURCE_PARENT);       /* height, a local per row */
    assert_source(test, "rect_one_size", LC_SOURCE_PARENT);        /* top + ny, gd->sx of the object */
    assert_source(test, "rect_same_bound", LC_SOURCE_INPUT);       /* py + ny twice: pairs of rows */
    assert_source(test, "rect_triangle", LC_SOURCE_INPUT);         /* j = i + 1: pairs */
    assert_source(test, "rect_same_counter", LC_SOURCE_INPUT);     /* rows[y][y]: no cell at x */
    assert_source(test, "rect_other_size", LC_SOURCE_INPUT);       /* other->sy: another object's size */
    assert_source(test, "rect_counter_reset", LC_SOURCE_INPUT);    /* y = 0 in the outer body */
    assert_source(test, "rect_inner_back", LC_SOURCE_INPUT);       /* x = 0 in the inner body */
    assert_source(test, "rect_moving_object", LC_SOURCE_INPUT);    /* gd++ */
    assert_source(test, "rect_no_object", LC_SOURCE_INPUT);        /* put_at(x, y, 'E') */
    assert_source(test, "product_cell", LC_SOURCE_PARENT);         /* c->at[i][j] */
    assert_source(test, "product_sum", LC_SOURCE_INPUT);           /* b->at[k][j], but j is free already */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_cells_of_sizes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cells_of_rectangles, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
