/* test_extract_owner.c — what a function's pointer parameters own
 * (extract_owner.c, extract_loop_owner.c) and the element of a loop as
 * its calls see it (extract_loop_children.c), on data/extract/owned.c:
 * the pointer parameter bounding a loop (`bound_param`), the children of a
 * parameter a call is given (`child_of_param`), arguments standing for a
 * parameter (`field_of_param`) and the arguments that are the loop's element
 * (`element_args`: a pointer stepped by the loop, a drained list's head,
 * what a formatter's round takes from its variable argument list);
 * on data/extract/passed_params.c, the arguments passing on a parameter
 * the caller changes (`changed_param_args`). */
#include "extract_fixture.h"

static void test_loop_owners(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "owned.c"), 0);
    assert_int_equal(find_loop(test, "owner_chunks")->bound_param, 0);       /* from ITEM_CHUNK(it) */
    assert_int_equal(find_loop(test, "owner_alias_count")->bound_param, 0);  /* node = ptr */
    assert_int_equal(find_loop(test, "owner_alias_list")->bound_param, 0);
    assert_int_equal(find_loop(test, "owner_deref")->bound_param, 0);        /* *head */
    assert_int_equal(find_loop(test, "owner_macro")->bound_param, 0);        /* a walk spelled by a macro */
    assert_int_equal(find_loop(test, "owner_measured")->bound_param, 0);     /* len = measure(s) */
    assert_int_equal(find_loop(test, "owner_next_call")->bound_param, -1);   /* next_node(node): the rest of a list */
    assert_int_equal(find_loop(test, "owner_self_walk")->bound_param, -1);   /* the parameter itself */
    assert_int_equal(find_loop(test, "owner_same_type")->bound_param, -1);   /* node->next: the same list */
    assert_int_equal(find_loop(test, "owner_global")->bound_param, -1);
    assert_int_equal(find_loop(test, "owner_two_deep")->bound_param, -1);    /* server->nodes->children */
    assert_int_equal(find_loop(test, "owner_reassigned")->bound_param, -1);  /* node = node->next */
    assert_int_equal(find_loop(test, "owner_iterator")->bound_param, 0);          /* di = new(t); next(di) */
    assert_int_equal(find_loop(test, "owner_iterator_address")->bound_param, 0);  /* rewind(t, &li) */
    assert_int_equal(find_loop(test, "owner_iterator_sought")->bound_param, 0);   /* and seek(&li, "^", 0) */
    assert_int_equal(find_loop(test, "owner_iterator_restarted")->bound_param, -1);   /* rewound on a global */
    assert_int_equal(find_loop(test, "owner_iterator_safe")->bound_param, 0);     /* a FOREACH_SAFE */
    assert_int_equal(find_loop(test, "owner_iterator_field")->bound_param, 2);    /* first(&k->holder) */
    assert_int_equal(find_loop(test, "owner_iterator_global")->bound_param, -1);
    assert_int_equal(find_loop(test, "owner_iterator_parameter")->bound_param, -1);
}

static void test_children_and_aliases(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "owned.c"), 0);
    assert_int_equal(find_call_at(test, "child_element", "tree_free")->args[0].child_of_param, 1);
    assert_int_equal(find_call_at(test, "child_cell", "tree_free")->args[0].child_of_param, 1);
    assert_int_equal(find_call_at(test, "child_sibling", "list_free")->args[0].child_of_param, 0);
    assert_int_equal(find_loop(test, "owner_cells")->bound_param, 0);
    assert_int_equal(find_call_at(test, "child_walked", "tree_has_flag")->args[0].child_of_param, 1);   /* the loop's element */
    assert_int_equal(find_call_at(test, "child_rest", "tree_has_flag")->args[0].child_of_param, 0);     /* from cell itself */
    /* a cycle of functions: children handed to other functions, at other positions */
    assert_int_equal(find_call_at(test, "cycle_value", "print_list")->args[0].child_of_param, 2);
    assert_int_equal(find_call_at(test, "cycle_shared", "print_list")->args[0].child_of_param, 0);
    assert_int_equal(find_call_at(test, "cycle_indexed", "print_value")->args[1].child_of_param, 1);
    assert_int_equal(find_call_at(test, "cycle_indexed", "print_value")->args[0].child_of_param, 0);   /* a local */
    assert_int_equal(find_call_at(test, "cycle_nested", "print_value")->args[1].child_of_param, 1);   /* an entry's value */
    assert_int_equal(find_call_at(test, "cycle_cmd", "print_args")->args[0].child_of_param, 1);
    assert_int_equal(find_call_at(test, "cycle_list", "print_cmd")->args[0].child_of_param, 1);   /* from list->cmds */
    assert_int_equal(find_call_at(test, "cycle_rest", "print_cmd")->args[0].child_of_param, 0);   /* from cmd->next */
    assert_int_equal(find_call_at(test, "field_alias", "consume")->args[0].field_of_param, 1);
    assert_int_equal(find_call_at(test, "field_address", "consume")->args[0].field_of_param, 2);
    assert_int_equal(find_call_at(test, "field_moved", "consume")->args[0].field_of_param, 0);
    assert_int_equal(find_call_at(test, "field_measured", "scan")->args[1].field_of_param, 1);   /* measure(it->data) */
}

/* Slots an index parameter picks (call_arg slot_of_param), and the
 * arguments that are another index every round (counter_args). */
static void test_slots(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "owned.c"), 0);
    assert_int_equal(find_call_at(test, "pick_address", "slot_use")->args[0].slot_of_param, 2);   /* &args->values[idx] */
    assert_int_equal(find_call_at(test, "pick_field", "slot_use")->args[0].slot_of_param, 2);     /* a field of the slot */
    assert_int_equal(find_call_at(test, "pick_offset", "slot_use")->args[0].slot_of_param, 0);    /* idx + 1 */
    assert_int_equal(find_call_at(test, "pick_changed", "slot_use")->args[0].slot_of_param, 0);   /* shift++ later */
    assert_int_equal(find_call_at(test, "pick_local", "slot_use")->args[0].slot_of_param, 2);   /* held = &values[idx] */
    assert_int_equal(find_call_at(test, "pick_local_moved", "slot_use")->args[0].slot_of_param, 0);   /* set again */
    assert_int_equal(find_call_at(test, "pick_counter", "slot_pick")->counter_args, 1u << 1);    /* the loop's counter */
    assert_int_equal(find_call_at(test, "pick_stepped", "slot_pick")->counter_args, 1u << 1);    /* i++ there */
    assert_int_equal(find_call_at(test, "pick_skipping", "slot_pick")->counter_args, 0u);        /* j += 2 */
    assert_int_equal(find_call_at(test, "pick_counter", "slot_pick")->each_round, 1);
    assert_int_equal(find_call_at(test, "pick_some_rounds", "slot_pick")->counter_args, 1u << 1);
    assert_int_equal(find_call_at(test, "pick_some_rounds", "slot_pick")->each_round, 0);        /* under an if */
}

static void test_loop_elements(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "owned.c"), 0);
    assert_int_equal(find_call_at(test, "element_stepped", "walk_node")->element_args, 1u);
    assert_int_equal(find_call_at(test, "element_conditional_step", "walk_node")->element_args, 0u);
    assert_int_equal(find_call_at(test, "element_head", "walk_node")->element_args, 1u);
    assert_int_equal(find_call_at(test, "element_head_field", "consume")->element_args, 1u);
    assert_int_equal(find_call_at(test, "element_measured", "scan")->element_args, 3u);        /* argv[j]->data, its measure */
    assert_int_equal(find_call_at(test, "element_other_measure", "scan")->element_args, 1u);   /* not measure(other) */
    assert_int_equal(find_call_at(test, "element_not_head", "walk_node")->element_args, 0u);
    assert_int_equal(find_call_at(test, "element_member_address", "walk_node")->element_args, 1u);   /* &h->held */
    assert_int_equal(find_call_at(test, "element_other_member_address", "walk_node")->element_args, 0u);
    /* a macro's `do ... while (0)` runs once: the call is in the walk around it */
    assert_int_equal(find_call_at(test, "element_in_do_once", "walk_node")->element_args, 1u);
    assert_int_equal(find_call_at(test, "element_in_do_once", "walk_node")->each_round, 1);
    assert_int_equal(find_call_at(test, "element_through_address", "free")->element_args, 1u);
    assert_int_equal(find_call_at(test, "element_through_address", "free")->each_round, 1);
    assert_int_equal(find_call_at(test, "element_freed_under_if", "free")->each_round, 0);
    assert_int_equal(find_call_at(test, "element_freed_after_continue", "free")->element_args, 1u);
    assert_int_equal(find_call_at(test, "element_freed_after_continue", "free")->each_round, 0);
    assert_int_equal(find_call_at(test, "element_address_set_again", "free")->element_args, 0u);
    assert_int_equal(find_call_at(test, "element_pointed_head", "free")->element_args, 1u);
    assert_int_equal(find_call_at(test, "element_pointed_field", "free")->element_args, 1u);
    assert_int_equal(find_call_at(test, "element_slot", "free")->element_args, 1u);
    assert_int_equal(find_call_at(test, "element_slot_shifted", "free")->element_args, 0u);
    assert_int_equal(find_call_at(test, "element_slot_address", "consume")->element_args, 1u);   /* &args[n] */
    /* What a round takes from a variable argument list. */
    assert_int_equal(find_call_at(test, "element_vararg_fields", "scan")->element_args, 3u);   /* v->data, v->len */
    assert_int_equal(find_call_at(test, "element_vararg_local", "scan")->element_args, 3u);    /* s, measure(s) */
    assert_int_equal(find_call_at(test, "element_vararg_direct", "scan")->element_args, 1u);
    assert_int_equal(find_call_at(test, "element_vararg_none", "scan")->element_args, 0u);    /* height: constants only */
    assert_int_equal(find_call_at(test, "element_vararg_or_constant", "scan")->element_args, 2u);
    /* The token a tokenizing loop hands on and then moves past (`cur += tlen`). */
    assert_int_equal(find_call_at(test, "element_token", "scan")->element_args, 3u);   /* cur, stepped, and tlen */
    /* not tlen where cur is set afresh (`cur = line`) or not handed on */
    assert_int_equal(find_call_at(test, "element_token_reset", "scan")->element_args & 2u, 0u);
    assert_int_equal(find_call_at(test, "element_token_not_moved", "scan")->element_args, 0u);
}

static void test_changed_parameters_passed_on(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "passed_params.c"), 0);
    assert_int_equal(find_call_at(test, "call_unchanged", "walk_parts")->changed_param_args, 0u);
    assert_int_equal(find_call_at(test, "call_advanced", "walk_parts")->changed_param_args, 1u);   /* path++ */
    assert_int_equal(find_call_at(test, "call_assigned", "walk_parts")->changed_param_args, 2u);   /* count = 0 later */
    assert_int_equal(find_call_at(test, "call_address", "walk_parts")->changed_param_args, 1u);    /* &path taken; count + 1 */
    assert_int_equal(find_call_at(test, "take_address(&path)", "take_address")->changed_param_args, 0u);  /* &path: not a parameter */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_loop_owners, setup, teardown),
        cmocka_unit_test_setup_teardown(test_children_and_aliases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_slots, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loop_elements, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changed_parameters_passed_on, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
