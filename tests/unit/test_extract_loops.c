/* test_extract_loops.c — loop facts (extract_loops.c, extract_flow.c): the
 * bound of each kind of condition with its trip count and text, nesting,
 * the loop of each call, backward gotos, fixed-size tables, logarithmic
 * counters, bisections, tree descents, retries after EINTR, the parameter
 * bounding a loop (an integer, a pointer's own data, a string's parts), what
 * each condition reads, inner loops that continue their enclosing loop's
 * walk, and the global collection a loop walks, on data/extract/loops.c;
 * loops amortised over their function's calls, on data/extract/marks.c;
 * the element of a loop draining a count, on data/extract/drained.c;
 * the tests of a parameter against a constant (or of its bits) that the
 * loops and calls of a branch, or of the rest of a block after `if (test)
 * return;`, run under, also of a field of a pointer parameter
 * (`if (s->conn)`), and constructors (a field of the object made set to a
 * parameter), on data/extract/param_guards.c. */
#include <string.h>

#include "extract_fixture.h"

static int loop_index(struct extract_test *test, const struct lc_loop_fact *loop)
{
    return (int)(loop - test->facts.loops);
}

static void assert_bound(struct extract_test *test, const char *tag, enum lc_loop_kind kind,
                         enum lc_loop_bound bound, long long trip_count, const char *text)
{
    const struct lc_loop_fact *loop = find_loop(test, tag);
    assert_int_equal(loop->kind, kind);
    assert_int_equal(loop->bound, bound);
    assert_int_equal(loop->trip_count, trip_count);
    if (text) {
        assert_non_null(loop->bound_text);
        assert_string_equal(loop->bound_text, text);
    } else {
        assert_null(loop->bound_text);
    }
}

static void test_bounds(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loops.c"), 0);
    assert_bound(test, "small_eight", LC_LOOP_FOR, LC_BOUND_SMALL_CONSTANT, 8, "8");
    assert_bound(test, "constant_limit", LC_LOOP_FOR, LC_BOUND_CONSTANT, 4096, "LIMIT");
    assert_bound(test, "data_parameter", LC_LOOP_FOR, LC_BOUND_DATA, 0, "n");
    assert_bound(test, "data_call", LC_LOOP_FOR, LC_BOUND_DATA, 0, "strlen ( s )");
    assert_bound(test, "data_field", LC_LOOP_FOR, LC_BOUND_DATA, 0, "b -> length");
    assert_bound(test, "data_walk ", LC_LOOP_WHILE, LC_BOUND_DATA, 0, "p");
    assert_bound(test, "data_walk_null", LC_LOOP_WHILE, LC_BOUND_DATA, 0, "p");
    assert_bound(test, "unbounded_for", LC_LOOP_FOR, LC_BOUND_UNBOUNDED, 0, NULL);
    assert_bound(test, "unbounded_while", LC_LOOP_WHILE, LC_BOUND_UNBOUNDED, 0, "1");
    assert_bound(test, "do_once", LC_LOOP_DO, LC_BOUND_SMALL_CONSTANT, 1, "0");
    assert_bound(test, "small_step", LC_LOOP_FOR, LC_BOUND_SMALL_CONSTANT, 4, "10");
    assert_bound(test, "constant_down", LC_LOOP_FOR, LC_BOUND_CONSTANT, 100, "0");
    assert_bound(test, "small_array", LC_LOOP_FOR, LC_BOUND_SMALL_CONSTANT, 8,
                 "( int ) ARRAY_SIZE ( table )");
    assert_bound(test, "data_down", LC_LOOP_FOR, LC_BOUND_DATA, 0, "n");
    assert_bound(test, "small_local", LC_LOOP_WHILE, LC_BOUND_SMALL_CONSTANT, 16, "16");
    assert_bound(test, "constant_and", LC_LOOP_FOR, LC_BOUND_CONSTANT, 4096, "4096");
    assert_bound(test, "data_pointer_range", LC_LOOP_FOR, LC_BOUND_DATA, 0, "end");
    assert_bound(test, "data_assignment", LC_LOOP_WHILE, LC_BOUND_DATA, 0, "( i = next_value ( ) )");
    assert_bound(test, "at_local_sized", LC_LOOP_FOR, LC_BOUND_SMALL_CONSTANT, 8, "size");   /* sizeof / sizeof */
    assert_bound(test, "at_local_changed", LC_LOOP_FOR, LC_BOUND_DATA, 0, "changed");
    assert_bound(test, "at_local_address", LC_LOOP_FOR, LC_BOUND_DATA, 0, "taken");

    const struct lc_loop_fact *loop = find_loop(test, "small_eight");
    const char *bounds_usr = find_function(&test->facts, "bounds", 1)->usr;
    assert_string_equal(loop->function_usr, bounds_usr);
    assert_int_equal(loop->loc.col, 5);   /* the `for` keyword */
    assert_string_equal(loop->loc.file, test->file);
    assert_int_equal(loop->parent_index, -1);
    assert_int_equal(loop->depth, 1);
    assert_int_equal(find_loop(test, "do_once")->loc.col, 5);
}

/* The call of `callee` whose first argument is the constant `value`. */
static const struct lc_call_fact *find_call(struct extract_test *test, const char *callee,
                                            long long value)
{
    for (size_t i = 0; i < test->facts.call_count; i++) {
        const struct lc_call_fact *call = &test->facts.calls[i];
        if (strcmp(call->callee.name, callee) == 0 &&
            (value < 0 || (call->nargs > 0 && call->args[0].int_value == value)))
            return call;
    }
    fail_msg("no call of %s(%lld)", callee, value);
    return NULL;
}

static void test_nesting_and_calls(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loops.c"), 0);
    const struct lc_loop_fact *outer = find_loop(test, "outer");
    const struct lc_loop_fact *middle = find_loop(test, "middle");
    const struct lc_loop_fact *inner = find_loop(test, "inner");
    assert_int_equal(outer->parent_index, -1);
    assert_int_equal(outer->depth, 1);
    assert_int_equal(middle->parent_index, loop_index(test, outer));
    assert_int_equal(middle->depth, 2);
    assert_int_equal(inner->parent_index, loop_index(test, middle));
    assert_int_equal(inner->depth, 3);
    assert_bound(test, "outer", LC_LOOP_FOR, LC_BOUND_DATA, 0, "limit ( )");
    assert_bound(test, "middle", LC_LOOP_WHILE, LC_BOUND_DATA, 0, "n --");
    assert_bound(test, "inner", LC_LOOP_DO, LC_BOUND_DATA, 0, "ready ( )");

    assert_int_equal(find_call(test, "start", -1)->loop_index, -1);   /* the init */
    assert_int_equal(find_call(test, "limit", -1)->loop_index, loop_index(test, outer));
    assert_int_equal(find_call(test, "work", 1)->loop_index, loop_index(test, outer));
    assert_int_equal(find_call(test, "work", 2)->loop_index, loop_index(test, middle));
    assert_int_equal(find_call(test, "work", 3)->loop_index, loop_index(test, inner));
    assert_int_equal(find_call(test, "work", 4)->loop_index, -1);
    /* an iterator's step is outside its loop; a count in the condition is not a step */
    assert_int_equal(find_call(test, "entry_next", -1)->loop_index, -1);
    assert_int_equal(find_call(test, "iterator_next", -1)->loop_index, -1);
    assert_int_equal(find_call(test, "work", 10)->loop_index, loop_index(test, find_loop(test, "step_increment")));
    assert_int_equal(find_call(test, "entry_count", -1)->loop_index, loop_index(test, find_loop(test, "not_a_step")));
    /* the do loop's condition is inside it */
    for (size_t i = 0; i < test->facts.call_count; i++) {
        const struct lc_call_fact *call = &test->facts.calls[i];
        if (strcmp(call->callee.name, "ready") == 0 &&
            call->loc.line == line_of(test->file, "} while (ready());"))
            assert_int_equal(call->loop_index, loop_index(test, inner));
    }
}

static void test_backward_gotos(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loops.c"), 0);
    const struct lc_loop_fact *retry = find_loop(test, "goto_data");
    assert_bound(test, "goto_data", LC_LOOP_GOTO, LC_BOUND_DATA, 0, "try_read ( fd ) < 0");
    assert_int_equal(retry->loc.col, 9);   /* the `goto` keyword */
    assert_int_equal(find_call(test, "try_read", -1)->loop_index, loop_index(test, retry));
    assert_int_equal(find_call(test, "work", 5)->loop_index, -1);

    const struct lc_loop_fact *spin = find_loop(test, "goto_unbounded");
    assert_bound(test, "goto_unbounded", LC_LOOP_GOTO, LC_BOUND_UNBOUNDED, 0, NULL);
    assert_int_equal(find_call(test, "work", 6)->loop_index, loop_index(test, spin));
    assert_int_equal(find_call(test, "work", 7)->loop_index, -1);   /* a forward goto */

    /* The goto loop holds the for loop between its label and it. */
    const struct lc_loop_fact *around_goto = find_loop(test, "around_goto");
    const struct lc_loop_fact *around_for = find_loop(test, "around_for");
    assert_int_equal(around_goto->depth, 1);
    assert_int_equal(around_goto->parent_index, -1);
    assert_int_equal(around_for->parent_index, loop_index(test, around_goto));
    assert_int_equal(around_for->depth, 2);
    assert_int_equal(find_call(test, "work", 8)->loop_index, loop_index(test, around_for));
    size_t gotos = 0;
    for (size_t i = 0; i < test->facts.loop_count; i++)
        gotos += test->facts.loops[i].kind == LC_LOOP_GOTO;
    assert_int_equal(gotos, 3);
    assert_int_equal(test->facts.loop_count, 158);
}

static void test_tables_logarithms_and_sources(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loops.c"), 0);
    assert_bound(test, "table_sentinel", LC_LOOP_FOR, LC_BOUND_SMALL_CONSTANT, 5, "names [ i ] != NULL");
    assert_bound(test, "draw_level", LC_LOOP_WHILE, LC_BOUND_SMALL_CONSTANT, 64,
                 "( random ( ) & 0xFFFF ) < ( 0.25 * 0xFFFF )");
    assert_bound(test, "draw_threshold", LC_LOOP_WHILE, LC_BOUND_SMALL_CONSTANT, 64, "random ( ) < threshold");
    assert_bound(test, "draw_below_data", LC_LOOP_WHILE, LC_BOUND_DATA, 0, "rand ( ) % n");   /* reads n */
    assert_bound(test, "draw_own_generator", LC_LOOP_WHILE, LC_BOUND_DATA, 0, "next_draw ( state )");
    assert_bound(test, "byte_count_down", LC_LOOP_WHILE, LC_BOUND_CONSTANT, 256, "left --");
    assert_bound(test, "byte_count_up", LC_LOOP_FOR, LC_BOUND_CONSTANT, 256, "i < len");
    assert_bound(test, "byte_count_down_by_two", LC_LOOP_FOR, LC_BOUND_CONSTANT, 256, "k > 0");
    assert_bound(test, "byte_skips_zero", LC_LOOP_WHILE, LC_BOUND_DATA, 0, "odd");      /* -= 2 may skip 0 */
    assert_bound(test, "int_count_up", LC_LOOP_FOR, LC_BOUND_DATA, 0, "n");
    assert_bound(test, "byte_reloaded", LC_LOOP_WHILE, LC_BOUND_DATA, 0, "again");     /* set afresh */
    assert_bound(test, "byte_from_anywhere", LC_LOOP_FOR, LC_BOUND_DATA, 0, "small"); /* from n */
    assert_bound(test, "table_months", LC_LOOP_WHILE, LC_BOUND_SMALL_CONSTANT, 12, "days >= mdays [ m ]");
    assert_bound(test, "log_for", LC_LOOP_FOR, LC_BOUND_SMALL_CONSTANT, 64, "j < n");
    assert_bound(test, "log_while", LC_LOOP_WHILE, LC_BOUND_SMALL_CONSTANT, 64, "v >= 10");
    assert_bound(test, "log_assign", LC_LOOP_WHILE, LC_BOUND_SMALL_CONSTANT, 64, "v");
    assert_bound(test, "power_scale", LC_LOOP_FOR, LC_BOUND_SMALL_CONSTANT, 64, "i");           /* scale *= 10 */
    assert_bound(test, "power_shift", LC_LOOP_FOR, LC_BOUND_SMALL_CONSTANT, 64, "i < n");       /* mask <<= 1 */
    assert_bound(test, "power_summed", LC_LOOP_FOR, LC_BOUND_DATA, 0, "n");                     /* the powers summed */
    assert_bound(test, "give_up_break", LC_LOOP_FOR, LC_BOUND_SMALL_CONSTANT, 5, "b");          /* n++ > 3: break */
    assert_bound(test, "give_up_return", LC_LOOP_FOR, LC_BOUND_SMALL_CONSTANT, 8, "b");         /* 8 <= ++m: return */
    assert_bound(test, "give_up_skipped", LC_LOOP_FOR, LC_BOUND_DATA, 0, "b");                  /* continue before */
    assert_source(test, "resumed_step", LC_SOURCE_AMORTIZED);     /* where the last call stopped */
    assert_source(test, "resumed_restarted", LC_SOURCE_INPUT);    /* s->it = cursor_open() first */
    assert_source(test, "resumed_counted", LC_SOURCE_INPUT);      /* i < cursor_size(s->it) */
    assert_source(test, "resumed_copy", LC_SOURCE_AMORTIZED);     /* at = s->at; ...; s->at = at */
    assert_source(test, "resumed_copy_unsaved", LC_SOURCE_INPUT); /* not saved back */
    assert_source(test, "resumed_copy_reset", LC_SOURCE_INPUT);   /* s->at = s->first before */
    assert_source(test, "resumed_copy_restarted", LC_SOURCE_INPUT); /* at = cursor_first(...) always */
    assert_bound(test, "step_data", LC_LOOP_FOR, LC_BOUND_DATA, 0, "n");
    assert_bound(test, "log_condition", LC_LOOP_WHILE, LC_BOUND_SMALL_CONSTANT, 64, "s >>= 1");
    assert_bound(test, "log_divide", LC_LOOP_DO, LC_BOUND_SMALL_CONSTANT, 64, "( val /= base ) != 0");
    assert_source(test, "data_parameter", LC_SOURCE_INPUT);
    assert_source(test, "data_call", LC_SOURCE_INPUT);
    assert_source(test, "data_walk ", LC_SOURCE_INPUT);
    assert_source(test, "data_pointer_range", LC_SOURCE_INPUT);
    assert_source(test, "local_from_parameter", LC_SOURCE_INPUT);
    assert_source(test, "unbounded_while", LC_SOURCE_LOCAL);
    assert_source(test, "unbounded_for", LC_SOURCE_LOCAL);
    assert_source(test, "local_only", LC_SOURCE_LOCAL);
    assert_source(test, "string_walk", LC_SOURCE_STRING);
    assert_source(test, "string_index", LC_SOURCE_STRING);
    assert_source(test, "string_classified", LC_SOURCE_STRING);   /* work(s[i]): a character's test */
    assert_source(test, "label_skip", LC_SOURCE_STRING);          /* len = *d++ every round */
    assert_source(test, "label_reset", LC_SOURCE_INPUT);          /* d = start goes back */
    assert_source(test, "label_after_continue", LC_SOURCE_INPUT); /* a round may skip the read */
    assert_source(test, "label_compare", LC_SOURCE_STRING);       /* skipped or walked, either branch */
    assert_source(test, "label_half_consumed", LC_SOURCE_INPUT);  /* one branch only */
    assert_source(test, "counter_classified", LC_SOURCE_INPUT);   /* work(i): not a character */
    assert_source(test, "string_in_literal_set", LC_SOURCE_STRING);  /* strchr(" \t", s[i]): against a set */
    assert_source(test, "string_in_variable_set", LC_SOURCE_STRING);
    assert_source(test, "string_with_count", LC_SOURCE_INPUT);       /* and a number: not only a test */
    assert_bound(test, "descent_left", LC_LOOP_WHILE, LC_BOUND_SMALL_CONSTANT, 64, "n -> left");
    assert_bound(test, "descent_search", LC_LOOP_WHILE, LC_BOUND_SMALL_CONSTANT, 64, "s");
    assert_bound(test, "list_walk", LC_LOOP_WHILE, LC_BOUND_DATA, 0, "l");
    assert_bound(test, "descent_conditional", LC_LOOP_WHILE, LC_BOUND_SMALL_CONSTANT, 64, "s && s -> key != key");
    assert_bound(test, "descent_link_address", LC_LOOP_WHILE, LC_BOUND_SMALL_CONSTANT, 64, "* at");
    assert_bound(test, "list_link_address", LC_LOOP_WHILE, LC_BOUND_DATA, 0, "* at");
    assert_bound(test, "bisection", LC_LOOP_WHILE, LC_BOUND_SMALL_CONSTANT, 64, "low <= high");
    assert_bound(test, "retry_interrupted", LC_LOOP_DO, LC_BOUND_SMALL_CONSTANT, 64, "fd == - 1 && errno == EINTR");
    assert_bound(test, "retry_or_data", LC_LOOP_WHILE, LC_BOUND_DATA, 0, "fd == - 1 || errno == EINTR");
    assert_bound(test, "table_pointer", LC_LOOP_FOR, LC_BOUND_SMALL_CONSTANT, 4, "map -> from != NULL");
    assert_bound(test, "pairs_inner", LC_LOOP_FOR, LC_BOUND_DATA, 0, "n");
    assert_source(test, "scan", LC_SOURCE_INPUT);
    assert_source(test, "scan_skip", LC_SOURCE_PARENT);
    assert_source(test, "break_skip", LC_SOURCE_PARENT);      /* the outer test is at its break */
    assert_source(test, "pairs_inner", LC_SOURCE_INPUT);
    assert_source(test, "token", LC_SOURCE_STRING);
    assert_source(test, "token_rest", LC_SOURCE_PARENT);
    assert_source(test, "word_rest", LC_SOURCE_PARENT);       /* msg only moves forward */
    assert_source(test, "rescan_inner", LC_SOURCE_STRING);    /* p starts afresh each round */
    assert_source(test, "rehash_chain", LC_SOURCE_PARENT);    /* one bucket's chain per round */
    assert_source(test, "cross_inner", LC_SOURCE_INPUT);      /* the whole list every round */
    assert_source(test, "op_args", LC_SOURCE_PARENT);         /* the current op's own arguments */
    assert_source(test, "op_arg_list", LC_SOURCE_PARENT);
    assert_source(test, "all_ops_again", LC_SOURCE_INPUT);    /* every op, for every op */
    assert_source(test, "pairs_same_list", LC_SOURCE_INPUT);
    assert_source(test, "members_iterator", LC_SOURCE_PARENT);   /* started on g->members */
    assert_source(test, "members_rewound", LC_SOURCE_PARENT);
    assert_source(test, "head_by_value", LC_SOURCE_PARENT);      /* TAILQ_FOREACH(m, &g->head, ...) */
    assert_source(test, "label_pairs", LC_SOURCE_STRING);        /* la = *a++ before and in the loop */
    assert_source(test, "label_or_count", LC_SOURCE_INPUT);      /* also given n */
    assert_source(test, "label_address_taken", LC_SOURCE_INPUT); /* forget_label(&left) */
    assert_source(test, "text_compare_count", LC_SOURCE_STRING);  /* c1 = *s1++ against c2 = *s2++ */
    assert_source(test, "text_compare_index", LC_SOURCE_STRING);  /* a[i] against b[i] */
    assert_source(test, "copy_until_nul", LC_SOURCE_INPUT);       /* one text, against '\0' */
    assert_source(test, "count_differences", LC_SOURCE_INPUT);    /* never leaves */
    assert_source(test, "compare_with_inner", LC_SOURCE_INPUT);   /* a loop inside */
    assert_source(test, "search_with_reset", LC_SOURCE_INPUT);    /* pos = 0: back over the key */
    assert_source(test, "everyone_iterator", LC_SOURCE_INPUT);
    assert_source(test, "trie_node_bytes", LC_SOURCE_PARENT);    /* h moves on through copy_pointer(&h, ...) */
    assert_int_equal(find_loop(test, "trie_descent")->bound_param, 2);
    assert_int_equal(find_loop(test, "param_len")->bound_param, 1);
    assert_int_equal(find_loop(test, "param_charslen")->bound_param, 3);
    assert_int_equal(find_loop(test, "param_field")->bound_param, 4);   /* b's own length (extract_loop_owner.c) */
    assert_int_equal(find_loop(test, "param_two")->bound_param, 1);     /* either side of && */
    assert_int_equal(find_loop(test, "param_either")->bound_param, 3);
    assert_int_equal(find_loop(test, "param_local")->bound_param, 1);   /* blocks = len / 4 */
    assert_int_equal(find_loop(test, "param_multiplied")->bound_param, -1);
    assert_int_equal(find_loop(test, "param_quotient")->bound_param, 1);  /* the dividend, len */
    assert_int_equal(find_loop(test, "small_eight")->bound_param, -1);
    assert_int_equal(find_loop(test, "parts_split")->bound_param, 1);   /* the parts of path */
    assert_int_equal(find_loop(test, "parts_indexed")->bound_param, 1);
    assert_int_equal(find_loop(test, "parts_two_strings")->bound_param, -1);
    assert_int_equal(find_loop(test, "parts_global")->bound_param, -1);
    assert_int_equal(find_loop(test, "parts_changed")->bound_param, -1);
    assert_bound(test, "indexed_body", LC_LOOP_FOR, LC_BOUND_SMALL_CONSTANT, 8, "i <= flag");
    assert_bound(test, "unseen_table", LC_LOOP_FOR, LC_BOUND_CONSTANT, 0, "map -> from != NULL");
    assert_source(test, "iterator_on_held", LC_SOURCE_PARENT);    /* over what the group holds */
    assert_source(test, "iterator_on_rest", LC_SOURCE_INPUT);    /* from the group: the rest of the list */
    assert_source(test, "first_child_walk", LC_SOURCE_PARENT);   /* group_first_entry(g), entry_after(e) */
    assert_source(test, "sibling_walk", LC_SOURCE_INPUT);        /* group_after(g): the rest of the list */
}

/* Loops amortised over their function's calls (extract_loop_amortized.c). */
static void test_marks(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "marks.c"), 0);
    assert_source(test, "mark_moved", LC_SOURCE_AMORTIZED);    /* r->filled = size after it */
    assert_source(test, "mark_counter", LC_SOURCE_AMORTIZED);  /* r->filled = x */
    assert_source(test, "mark_kept", LC_SOURCE_INPUT);         /* the mark never moves */
    assert_source(test, "mark_other", LC_SOURCE_INPUT);        /* another object's mark; its own reset */
    assert_source(test, "mark_before", LC_SOURCE_INPUT);       /* moved before the loop */
    assert_source(test, "mark_lowered", LC_SOURCE_AMORTIZED);         /* t->highest = j after it */
    assert_source(test, "mark_lowered_kept", LC_SOURCE_INPUT);        /* the mark never moves */
    assert_source(test, "mark_lowered_upward", LC_SOURCE_INPUT);      /* counts up: not a scan down */
}

/* Spin locks' acquisitions (extract_loop_spin.c): a claim in the condition,
 * or under every way out; not a loop with another way out, nor one that
 * only loads. */
static void test_spins(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "spins.c"), 0);
    assert_source(test, "spin_backoff", LC_SOURCE_WAIT);
    assert_source(test, "spin_condition", LC_SOURCE_WAIT);
    assert_source(test, "spin_break", LC_SOURCE_WAIT);
    assert_int_not_equal(find_loop(test, "spin_no_claim")->source, LC_SOURCE_WAIT);
    assert_int_not_equal(find_loop(test, "spin_other_exit")->source, LC_SOURCE_WAIT);
    assert_int_not_equal(find_loop(test, "spin_load_only")->source, LC_SOURCE_WAIT);
}

/* The element a loop draining a count takes (extract_loop_count.c): an
 * inner loop over its own children is bounded by the parent. */
static void test_drained_counts(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "drained.c"), 0);
    assert_source(test, "drained_args", LC_SOURCE_PARENT);     /* the op taken at the count */
    assert_source(test, "drained_first", LC_SOURCE_INPUT);     /* always the first op */
    assert_source(test, "call_drained_args", LC_SOURCE_PARENT);   /* the head, removed by the call */
    assert_source(test, "call_drained_kept", LC_SOURCE_INPUT);    /* the call is not given the head */
    assert_source(test, "taken_through_address", LC_SOURCE_PARENT);   /* reply_read(source->context, &reply) */
    assert_source(test, "taken_popped", LC_SOURCE_PARENT);            /* reply_pop(source) */
    assert_source(test, "taken_elsewhere", LC_SOURCE_INPUT);          /* op_list_peek(other) */
}

/* An inner walker the outer body starts before the inner loop, from one
 * of the element's fields of another type (`p = t->buckets[i].head;
 * while (p) ...`, uthash's rehash), walks that element's children; not
 * one started at the same place every round, set back to elsewhere
 * inside, or whose address a call is given; nor the rest of the outer
 * walker's own list (`tail = p->next`), `const` or not.  A list the
 * node's record owns (`rec->callbacks`, `rec = tmp->data`) is that
 * record's, though both lists have one type. */
static void test_started_before(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "started_before.c"), 0);
    assert_source(test, "before_chain", LC_SOURCE_PARENT);
    assert_source(test, "before_declared", LC_SOURCE_PARENT);
    assert_source(test, "before_same_bucket", LC_SOURCE_INPUT);
    assert_source(test, "before_restarted", LC_SOURCE_INPUT);
    assert_source(test, "before_address_taken", LC_SOURCE_INPUT);
    assert_source(test, "rest_for", LC_SOURCE_INPUT);
    assert_source(test, "rest_while", LC_SOURCE_INPUT);
    assert_source(test, "slot_measured", LC_SOURCE_PARENT);   /* length_of(keys[i]) */
    assert_source(test, "first_measured", LC_SOURCE_INPUT);   /* length_of(keys[0]) */
    assert_source(test, "record_owned_list", LC_SOURCE_PARENT);   /* rec->callbacks, rec = tmp->data */
    assert_source(test, "rest_of_modules", LC_SOURCE_INPUT);    /* tmp->next: the rest of the list */
    /* the innermost of the loops the macro's use holds (the do-while(0), the for, the while) */
    const struct lc_loop_fact *inner = NULL;
    unsigned line = line_of(test->file, "macro_rehash");
    for (size_t i = 0; i < test->facts.loop_count; i++)
        if (test->facts.loops[i].loc.line == line && (!inner || test->facts.loops[i].depth > inner->depth))
            inner = &test->facts.loops[i];
    assert_non_null(inner);
    assert_int_equal(inner->source, LC_SOURCE_PARENT);
}

/* The global variable a loop walks (extract_loop_registry.c), or none. */
static void assert_walked(struct extract_test *test, const char *tag, const char *name)
{
    const struct lc_loop_fact *loop = find_loop(test, tag);
    if (!name) {
        assert_null(loop->walked_global_usr);
        return;
    }
    assert_non_null(loop->walked_global_usr);
    assert_string_equal(loop->walked_global_name, name);
}

static void test_walked_globals(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "loops.c"), 0);
    assert_walked(test, "global_head", "registry");        /* for (head = registry; head; head = head->next) */
    assert_walked(test, "global_alias", "registry");       /* a local started from it */
    assert_walked(test, "global_count", "registry_count"); /* i < registry_count */
    assert_walked(test, "global_drained", "pending");      /* while (pending != NULL) */
    assert_walked(test, "global_parameter", NULL);         /* also a parameter */
    assert_walked(test, "global_two", NULL);               /* two globals */
    assert_walked(test, "global_field", NULL);             /* registry_queue->length */
    assert_walked(test, "global_none", NULL);              /* started from a parameter */
    assert_walked(test, "global_address", NULL);           /* &moved handed to a call */
    assert_walked(test, "data_parameter", NULL);
    assert_walked(test, "small_eight", NULL);
    assert_string_equal(find_loop(test, "global_head")->walked_global_usr,
                        find_loop(test, "global_alias")->walked_global_usr);
}

/* The test of a parameter `tag`'s call (or loop) runs under: "" for none,
 * else "N OP VALUE" with N the 1-based parameter and OP prefixed with u
 * when unsigned. */
static void assert_param_guard(const struct lc_param_guard *guard, const char *expected)
{
    static const char *const tests[] = { "", "==", "!=", "<", "<=", ">", ">=", "&", "!&" };
    char text[64] = "";
    const char *field = guard->field_usr ? strrchr(guard->field_usr, '@') + 1 : NULL;
    if (guard->param)
        snprintf(text, sizeof text, "%d%s%s %s%s %lld", guard->param, field ? "->" : "", field ? field : "",
                 guard->test & LC_PARAM_TEST_UNSIGNED ? "u" : "", tests[guard->test & ~LC_PARAM_TEST_UNSIGNED],
                 guard->value);
    assert_string_equal(text, expected);
}

static void test_parameter_guards(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "param_guards.c"), 0);
    assert_param_guard(&find_loop(test, "ge_loop")->param_guard, "2 >= 0");
    assert_param_guard(&find_call_at(test, "ge_call", "touch")->param_guard, "2 >= 0");
    assert_param_guard(&find_call_at(test, "ge_else", "touch")->param_guard, "2 < 0");
    assert_param_guard(&find_call_at(test, "after_if", "touch")->param_guard, "");
    assert_param_guard(&find_call_at(test, "mirrored", "touch")->param_guard, "2 > 0");
    assert_param_guard(&find_call_at(test, "not_name", "touch")->param_guard, "4 == 0");
    assert_param_guard(&find_call_at(test, "and_left", "touch")->param_guard, "4 != 0");
    assert_param_guard(&find_call_at(test, "or_then", "touch")->param_guard, "");
    assert_param_guard(&find_call_at(test, "or_else", "touch")->param_guard, "2 != 3");
    assert_param_guard(&find_call_at(test, "unsigned_le", "touch")->param_guard, "3 u<= 10");
    assert_param_guard(&find_call_at(test, "cast", "touch")->param_guard, "");   /* (unsigned)n */
    assert_param_guard(&find_call_at(test, "chain_then", "touch")->param_guard, "2 > 1");
    assert_param_guard(&find_call_at(test, "chain_else_if", "touch")->param_guard, "2 < -1");
    assert_param_guard(&find_call_at(test, "chain_last", "touch")->param_guard, "2 >= -1");
    assert_param_guard(&find_call_at(test, "bare_pointer", "touch")->param_guard, "1 != 0");
    assert_param_guard(&find_call_at(test, "not_a_constant", "touch")->param_guard, "");
    assert_param_guard(&find_call_at(test, "decremented_first", "touch")->param_guard, "");   /* n-- first */
    assert_param_guard(&find_call_at(test, "before_label", "touch")->param_guard, "1 > 0");
    assert_param_guard(&find_call_at(test, "after_label", "touch")->param_guard, "");   /* a goto comes in */
    /* After `if (test) return;`, the rest of the block runs where it failed. */
    assert_param_guard(&find_call_at(test, "before_return", "touch")->param_guard, "");
    assert_param_guard(&find_call_at(test, "after_return", "touch")->param_guard, "2 >= 0");
    assert_param_guard(&find_call_at(test, "inner_return", "touch")->param_guard, "1 != 0");
    assert_param_guard(&find_call_at(test, "after_block", "touch")->param_guard, "2 >= 0");
    assert_param_guard(&find_call_at(test, "case_rest", "touch")->param_guard, "2 <= 5");
    assert_param_guard(&find_call_at(test, "next_case", "touch")->param_guard, "2 >= 0");
    /* Bits of a flags parameter: & for (flags & F) != 0, !& for == 0. */
    assert_param_guard(&find_call_at(test, "mask_set", "touch")->param_guard, "1 & 4");
    assert_param_guard(&find_call_at(test, "mask_clear", "touch")->param_guard, "1 !& 8");
    assert_param_guard(&find_call_at(test, "mask_else", "touch")->param_guard, "1 & 8");
    assert_param_guard(&find_call_at(test, "mask_not", "touch")->param_guard, "2 !& 2");
    /* A field of a pointer parameter the function never sets. */
    assert_param_guard(&find_call_at(test, "field_set", "touch")->param_guard, "1->conn != 0");
    assert_param_guard(&find_call_at(test, "field_mask_clear", "touch")->param_guard, "1->flags !& 2");
    assert_param_guard(&find_call_at(test, "field_and", "touch")->param_guard, "1->conn != 0");
    assert_param_guard(&find_call_at(test, "field_changed", "touch")->param_guard, "");
    assert_param_guard(&find_call_at(test, "field_inside_param", "touch")->param_guard, "3 != 0");
    /* Constructors: one field set to a parameter (LC_STORE_MADE). */
    size_t made = 0;
    for (size_t i = 0; i < test->facts.store_count; i++) {
        const struct lc_store_fact *store = &test->facts.stores[i];
        if (store->role != LC_STORE_MADE)
            continue;
        made++;
        assert_string_equal(store->target.name, "conn");
        assert_string_equal(store->in_function_usr, find_function(&test->facts, "session_new", 1)->usr);
        assert_int_equal(store->value.kind, LC_VALUE_PARAM);
        assert_int_equal(store->value.param_index, 0);
    }
    assert_int_equal(made, 1);
    const struct lc_call_fact *popped = find_call_at(test, "popped", "stack_settop");
    assert_int_equal(popped->nargs, 2);
    assert_int_equal(popped->args[1].kind, LC_VALUE_INT);
    assert_int_equal(popped->args[1].int_value, -2);
}

/* What a loop bounded by data names, for `bounded` models. */
static void test_bound_names(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "bounded.c"), 0);
    assert_string_equal(find_loop(test, "by_call")->bound_name, "screen_rows");
    assert_string_equal(find_loop(test, "by_field")->bound_name, "grid.sx");
    assert_string_equal(find_loop(test, "by_global")->bound_name, "protocol_count");
    assert_null(find_loop(test, "by_param")->bound_name);
    assert_null(find_loop(test, "by_constant")->bound_name);   /* not DATA */
}

/* The pointer field of the outer loop's element an inner loop walks
 * through (extract_loop_owned.c), or none. */
static void assert_owned_field(struct extract_test *test, const char *tag, const char *field)
{
    const struct lc_loop_fact *loop = find_loop(test, tag);
    assert_optional_string(loop->owned_field_name, field);
}

static void test_owned_fields(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "owned_loops.c"), 0);
    assert_owned_field(test, "at_count_through_local", "members");   /* length = room->members->count */
    assert_owned_field(test, "at_count_through", "members");
    assert_owned_field(test, "at_back_pointer", "server");
    assert_owned_field(test, "at_start_through", "links");           /* l = r->links->head */
    assert_source(test, "at_count_through", LC_SOURCE_INPUT);        /* the program decides */
    assert_owned_field(test, "at_own_count", NULL);                  /* own = room->count */
    assert_source(test, "at_own_count", LC_SOURCE_PARENT);
    assert_owned_field(test, "at_count_before", NULL);               /* the first room's, set before */
    assert_source(test, "at_count_before", LC_SOURCE_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bounds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nesting_and_calls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backward_gotos, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tables_logarithms_and_sources, setup, teardown),
        cmocka_unit_test_setup_teardown(test_marks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_started_before, setup, teardown),
        cmocka_unit_test_setup_teardown(test_drained_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walked_globals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parameter_guards, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bound_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_spins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_owned_fields, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
