/* test_extract_stores.c — function pointers stored into fields and
 * variables (extract_stores.c, extract_init.c): designated, positional,
 * nested, brace-elided and array initialisers, compound literals,
 * assignments; results of calls stored (CALL values); `?:` of functions in
 * stores, arguments and callees; values stored into ints and returned; the
 * calls run where fork() returned 0; pointers to structs (streams)
 * copied, returned and chosen between in arguments; the tests of globals against
 * constants each call runs under; NULL assigned to function-pointer
 * fields (not in initialisers, not into variables), and whether each
 * store is conditional. */
#include "extract_fixture.h"

/* The store of `value_name` into `target_name`, at `line` (0: any). */
static const struct lc_store_fact *find_store(const struct lc_tu_facts *facts,
                                              const char *target_name,
                                              const char *value_name, unsigned line)
{
    for (size_t i = 0; i < facts->store_count; i++) {
        const struct lc_store_fact *store = &facts->stores[i];
        if (strcmp(store->target.name, target_name) == 0 &&
            strcmp(store->value.name, value_name) == 0 && (!line || store->loc.line == line))
            return store;
    }
    fail_msg("no store of %s into %s at line %u", value_name, target_name, line);
    return NULL;
}

static void assert_field_store(const struct lc_tu_facts *facts, const char *file,
                               const char *line_text, const char *field, const char *value)
{
    const struct lc_store_fact *store = find_store(facts, field, value, line_of(file, line_text));
    assert_int_equal(store->target.kind, LC_VALUE_FIELD);
    assert_int_equal(store->value.kind, LC_VALUE_FUNCTION);
    assert_null(store->in_function_usr);
}

static void test_initializer_stores(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "stores.c"), 0);
    const struct lc_tu_facts *facts = &test->facts;
    const char *file = test->file;
    assert_field_store(facts, file, "designated =", "on_read", "a");
    assert_field_store(facts, file, "designated =", "on_close", "b");
    assert_field_store(facts, file, "positional =", "on_read", "b");
    assert_field_store(facts, file, "positional =", "on_close", "c");
    assert_field_store(facts, file, "mixed =", "on_read", "a");
    assert_field_store(facts, file, "mixed =", "on_close", "c");   /* after a designator */
    assert_field_store(facts, file, "nested =", "on_read", "c");
    assert_field_store(facts, file, "nested =", "on_close", "a");
    assert_field_store(facts, file, "nested_designated =", "on_close", "b");
    assert_field_store(facts, file, "table[] =", "handler", "a");
    assert_field_store(facts, file, "table[] =", "handler", "b");
    assert_field_store(facts, file, "flat_table[] =", "handler", "c");   /* brace elision */
    assert_field_store(facts, file, "flat_table[] =", "handler", "a");
    const struct lc_store_fact *store = find_store(facts, "on_read", "a",
                                                   line_of(file, "designated ="));
    assert_string_equal(store->target.record, "ops");
    assert_int_equal(store->loc.col, 38);

    unsigned handlers_line = line_of(file, "handlers[4] =");
    const char *const elements[] = { "a", "b", "c" };
    for (int i = 0; i < 3; i++) {
        store = find_store(facts, "handlers", elements[i], handlers_line);
        assert_int_equal(store->target.kind, LC_VALUE_VAR);
        assert_string_equal(store->target.usr, "c:@handlers");
    }
    store = find_store(facts, "global_fp", "a", 0);
    assert_int_equal(store->target.kind, LC_VALUE_VAR);
    assert_null(store->in_function_usr);
}

static void test_stores_in_a_function(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "stores.c"), 0);
    const struct lc_tu_facts *facts = &test->facts;
    const char *use_usr = find_function(facts, "use", 1)->usr;
    const struct lc_store_fact *store;

    store = find_store(facts, "local", "b", line_of(test->file, "cb_t local = b;"));
    assert_int_equal(store->target.kind, LC_VALUE_VAR);
    assert_string_equal(store->in_function_usr, use_usr);
    store = find_store(facts, "local_static", "c", 0);
    assert_string_equal(store->in_function_usr, use_usr);
    store = find_store(facts, "on_read", "param", line_of(test->file, "p->on_read = param;"));
    assert_int_equal(store->target.kind, LC_VALUE_FIELD);
    assert_int_equal(store->value.kind, LC_VALUE_PARAM);
    assert_int_equal(store->value.param_index, 2);
    assert_string_equal(store->value.usr, use_usr);
    store = find_store(facts, "on_close", "on_read",
                       line_of(test->file, "s.on_close = p->on_read;"));
    assert_int_equal(store->value.kind, LC_VALUE_FIELD);
    store = find_store(facts, "local", "on_read", line_of(test->file, "local = s.on_read;"));
    assert_int_equal(store->target.kind, LC_VALUE_VAR);
    store = find_store(facts, "handlers", "local", line_of(test->file, "handlers[1] = local;"));
    assert_int_equal(store->value.kind, LC_VALUE_VAR);
    store = find_store(facts, "on_close", "c", line_of(test->file, "(struct ops){"));
    assert_int_equal(store->target.kind, LC_VALUE_FIELD);
    assert_string_equal(store->in_function_usr, use_usr);
    /* 17 at file scope, 8 in use(): `n = 4` stores no function, and
     * `literal = &(struct ops){...}` a pointer to a struct, for where
     * objects come from only (an OBJECT store of an OTHER value). */
    assert_int_equal(facts->store_count, 25);
    size_t objects = 0;
    for (size_t i = 0; i < facts->store_count; i++)
        if (facts->stores[i].role == LC_STORE_OBJECT) {
            objects++;
            assert_string_equal(facts->stores[i].target.name, "literal");
            assert_int_equal(facts->stores[i].value.kind, LC_VALUE_OTHER);
        }
    assert_int_equal(objects, 1);
}

/* NULL is recorded where it is assigned to a function-pointer field (a
 * hook taken out again), not in an initialiser (a new object, an array's
 * terminator) nor into a variable; each store says whether it may not run
 * every time its function does. */
static void test_null_stores(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "null_stores.c"), 0);
    const struct lc_tu_facts *facts = &test->facts;
    const char *run_usr = find_function(facts, "run", 1)->usr;
    unsigned hook_null = line_of(test->file, "vm->hook = 0;"), trace_null = line_of(test->file, "vm->trace =");
    size_t nulls = 0;
    for (size_t i = 0; i < facts->store_count; i++) {
        const struct lc_store_fact *store = &facts->stores[i];
        if (store->value.kind != LC_VALUE_NULL)
            continue;
        nulls++;
        assert_int_equal(store->target.kind, LC_VALUE_FIELD);
        assert_string_equal(store->in_function_usr, run_usr);
        assert_true(store->loc.line == hook_null || store->loc.line == trace_null);
        assert_string_equal(store->target.name, store->loc.line == hook_null ? "hook" : "trace");
        assert_int_equal(store->conditional, store->loc.line == trace_null);
    }
    assert_int_equal(nulls, 2);
    const struct lc_store_fact *install = find_store(facts, "hook", "on_step",
                                                     line_of(test->file, "vm->hook = on_step;"));
    assert_int_equal(install->conditional, 0);
}

/* The stores on the line holding `tag`: how many, and the first. */
static size_t stores_at(struct extract_test *test, const char *tag,
                        const struct lc_store_fact **first)
{
    unsigned line = line_of(test->file, tag);
    size_t count = 0;
    for (size_t i = 0; i < test->facts.store_count; i++)
        if (test->facts.stores[i].loc.line == line && !count++)
            *first = &test->facts.stores[i];
    return count;
}

/* The one store at `tag` holds the result of a call of `callee`. */
static const struct lc_store_fact *assert_call_store(struct extract_test *test, const char *tag,
                                                     enum lc_value_kind target_kind,
                                                     const char *target, const char *callee)
{
    const struct lc_store_fact *store = NULL;
    assert_int_equal(stores_at(test, tag, &store), 1);
    assert_value(&store->target, target_kind, target);
    assert_value(&store->value, LC_VALUE_CALL, callee);
    assert_true(store->value.call_index >= 0 &&
                (size_t)store->value.call_index < test->facts.call_count);
    const struct lc_call_fact *call = &test->facts.calls[store->value.call_index];
    assert_string_equal(call->callee.name, callee);
    assert_string_equal(call->callee.usr, store->value.usr);
    assert_int_equal(call->loc.line, store->loc.line);
    return store;
}

static void test_call_results(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "call_stores.c"), 0);
    const struct lc_store_fact *store;
    store = assert_call_store(test, "field_call", LC_VALUE_FIELD, "fd", "socket");
    assert_string_equal(store->target.record, "conn");
    assert_string_equal(store->in_function_usr,
                        find_function(&test->facts, "descriptors", 1)->usr);
    assert_call_store(test, "variable_call", LC_VALUE_VAR, "fd", "accept4");
    assert_call_store(test, "assigned_call", LC_VALUE_VAR, "fd", "open");
    assert_int_equal(stores_at(test, "not_a_call", &store), 0);

    /* fd = c ? open("a") : open("b"): one store per branch, each its call. */
    assert_int_equal(stores_at(test, "conditional_calls", &store), 2);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(store[i].value.kind, LC_VALUE_CALL);
        const struct lc_call_fact *call = &test->facts.calls[store[i].value.call_index];
        assert_string_equal(call->arg_texts[0], i == 0 ? "\"a\"" : "\"b\"");
    }
}

/* The two stores at `tag` store audit_to_disk and audit_nowhere into a VAR. */
static const struct lc_store_fact *assert_both_branches(struct extract_test *test, const char *tag)
{
    const struct lc_store_fact *store = NULL;
    assert_int_equal(stores_at(test, tag, &store), 2);
    assert_value(&store[0].value, LC_VALUE_FUNCTION, "audit_to_disk");
    assert_value(&store[1].value, LC_VALUE_FUNCTION, "audit_nowhere");
    assert_int_equal(store[0].target.kind, LC_VALUE_VAR);
    assert_string_equal(store[0].target.usr, store[1].target.usr);
    return store;
}

static void test_conditional_functions(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "call_stores.c"), 0);
    const struct lc_store_fact *store = assert_both_branches(test, "conditional_store");
    assert_string_equal(store->target.name, "audit");
    assert_int_equal(stores_at(test, "conditional_field", &store), 1);   /* `: 0` stores none */
    assert_value(&store->target, LC_VALUE_FIELD, "audit");

    /* An argument and a callee `?:` become a VAR of their own per site. */
    char prefix[sizeof test->file + 32];
    snprintf(prefix, sizeof prefix, "c:@lc@cond@%s@", test->file);
    const struct lc_call_fact *call = find_call_at(test, "conditional_argument", NULL);
    assert_value(&call->args[1], LC_VALUE_VAR, "verbose ? audit_to_disk : audit_nowhere");
    assert_memory_equal(call->args[1].usr, prefix, strlen(prefix));
    store = assert_both_branches(test, "conditional_argument");
    assert_string_equal(store->target.usr, call->args[1].usr);
    const char *argument_usr = call->args[1].usr;

    call = find_call_at(test, "conditional_callee", NULL);
    assert_int_equal(call->callee.kind, LC_VALUE_VAR);
    assert_memory_equal(call->callee.usr, prefix, strlen(prefix));
    assert_string_not_equal(call->callee.usr, argument_usr);
    store = assert_both_branches(test, "conditional_callee");
    assert_string_equal(store->target.usr, call->callee.usr);

    assert_value(&find_call_at(test, "plain_argument", NULL)->args[1], LC_VALUE_FUNCTION, "audit_nowhere");
}

/* Into an int: a parameter, an element or negation of a place (derived
 * from it), another expression (OTHER), not a constant; `return v;`
 * stores into a CALL naming the function. */
static void test_int_stores_and_returns(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "int_stores.c"), 0);
    const struct lc_store_fact *store = NULL;
    assert_int_equal(stores_at(test, "other_store", &store), 1);
    assert_int_equal(store->value.kind, LC_VALUE_OTHER);
    assert_int_equal(stores_at(test, "param_store", &store), 1);
    assert_int_equal(store->target.kind, LC_VALUE_FIELD);
    assert_int_equal(store->value.kind, LC_VALUE_PARAM);
    assert_int_equal(stores_at(test, "constant_store", &store), 0);
    const char *make_socket = find_function(&test->facts, "make_socket", 1)->usr;
    assert_int_equal(stores_at(test, "param_return", &store), 1);
    assert_int_equal(store->target.kind, LC_VALUE_CALL);
    assert_string_equal(store->target.usr, make_socket);
    assert_int_equal(store->value.kind, LC_VALUE_PARAM);
    assert_int_equal(stores_at(test, "var_return", &store), 1);
    assert_int_equal(store->target.kind, LC_VALUE_CALL);
    assert_value(&store->value, LC_VALUE_VAR, "sfd");
    /* An element of an array, a negation: derived from the place. */
    assert_int_equal(stores_at(test, "element_store", &store), 1);
    assert_int_equal(store->role, LC_STORE_DERIVED);
    assert_value(&store->value, LC_VALUE_VAR, "pipe_fds");
    assert_int_equal(stores_at(test, "negated_store", &store), 1);
    assert_int_equal(store->role, LC_STORE_DERIVED);
    assert_int_equal(store->value.kind, LC_VALUE_FIELD);
    assert_int_equal(stores_at(test, "sum_store", &store), 1);
    assert_int_equal(store->role, LC_STORE_FLOW);
    assert_int_equal(store->value.kind, LC_VALUE_OTHER);
    assert_int_equal(stores_at(test, "other_store", &store), 1);   /* a parameter's element */
    assert_int_equal(store->role, LC_STORE_FLOW);
}

/* Into a pointer to a struct: `return v;` stores into a CALL naming the
 * function (not NULL; a call's result as a flow store), a copy is an object
 * store, and a `?:` argument all of whose branches are places becomes a VAR
 * of its own with an object store of each; any other `?:` stays OTHER. */
static void test_stream_stores_and_returns(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "stream_stores.c"), 0);
    const struct lc_store_fact *store = NULL;
    assert_int_equal(stores_at(test, "null_return", &store), 0);
    assert_int_equal(stores_at(test, "var_return", &store), 1);
    assert_int_equal(store->role, LC_STORE_OBJECT);
    assert_int_equal(store->target.kind, LC_VALUE_CALL);
    assert_string_equal(store->target.usr, find_function(&test->facts, "status_stream", 1)->usr);
    assert_value(&store->value, LC_VALUE_VAR, "standard_out");
    assert_int_equal(stores_at(test, "call_return", &store), 1);
    assert_int_equal(store->role, LC_STORE_FLOW);
    assert_int_equal(store->target.kind, LC_VALUE_CALL);
    assert_value(&store->value, LC_VALUE_CALL, "open_stream");
    assert_int_equal(stores_at(test, "var_store", &store), 1);
    assert_int_equal(store->role, LC_STORE_OBJECT);
    assert_value(&store->target, LC_VALUE_FIELD, "out");

    char prefix[sizeof test->file + 32];
    snprintf(prefix, sizeof prefix, "c:@lc@cond@%s@", test->file);
    const struct lc_call_fact *call = find_call_at(test, "places_argument", NULL);
    assert_int_equal(call->args[0].kind, LC_VALUE_VAR);
    assert_memory_equal(call->args[0].usr, prefix, strlen(prefix));
    assert_int_equal(stores_at(test, "places_argument", &store), 2);
    assert_int_equal(store[0].role, LC_STORE_OBJECT);
    assert_string_equal(store[0].target.usr, call->args[0].usr);
    assert_value(&store[0].value, LC_VALUE_FIELD, "out");
    assert_value(&store[1].value, LC_VALUE_VAR, "standard_err");
    assert_int_equal(find_call_at(test, "other_argument", NULL)->args[0].kind, LC_VALUE_OTHER);
    assert_int_equal(stores_at(test, "other_argument", &store), 0);
    assert_int_equal(find_call_at(test, "call_argument", "flush")->args[0].kind, LC_VALUE_OTHER);
}

/* The calls that run only where fork() returned 0 carry that call. */
static void test_zero_guards(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "int_stores.c"), 0);
    static const struct {
        const char *tag, *guard;
    } expected[] = {
        { "child_if", "fork_if" }, { "parent_if", NULL }, { "parent_var", NULL },
        { "child_var", "fork_var" }, { "child_case", "fork_switch" }, { "child_case_next", "fork_switch" },
        { "parent_default", NULL }, { "after", NULL },
    };
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++) {
        const struct lc_call_fact *call = find_call_at(test, expected[i].tag, NULL);
        if (!expected[i].guard) {
            assert_int_equal(call->zero_guard, -1);
            continue;
        }
        assert_true(call->zero_guard >= 0 && (size_t)call->zero_guard < test->facts.call_count);
        assert_int_equal(test->facts.calls[call->zero_guard].loc.line, line_of(test->file, expected[i].guard));
    }
}

/* The tests a call runs under, as "mode==1 flag!=0" (in order). */
static void assert_value_guards(struct extract_test *test, const char *tag, const char *expected)
{
    const struct lc_call_fact *call = find_call_at(test, tag, NULL);
    char text[256] = "";
    for (size_t i = 0; i < call->value_guards.count; i++) {
        const struct lc_value_guard *guard = &call->value_guards.items[i];
        size_t used = strlen(text);
        snprintf(text + used, sizeof text - used, "%s%s%s%lld", used ? " " : "", guard->variable_name,
                 guard->equal ? "==" : "!=", guard->value);
    }
    if (strcmp(text, expected) != 0)
        fail_msg("%s: guards \"%s\", expected \"%s\"", tag, text, expected);
}

static void test_value_guards(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "value_guards.c"), 0);
    assert_value_guards(test, "then_eq", "mode==1");
    assert_value_guards(test, "else_if", "mode!=1 mode==2");
    assert_value_guards(test, "else_else", "mode!=1 mode!=2");
    assert_value_guards(test, "and_not", "flag==0 mode!=4");
    assert_value_guards(test, "not_a_global", "");
    assert_value_guards(test, "before_exit", "");
    assert_value_guards(test, "inside_exit", "mode!=0");
    assert_value_guards(test, "after_exit", "mode==0");
    assert_value_guards(test, "case_after_break", "mode==0 flag==0");
    assert_value_guards(test, "next_case", "mode==0");
    assert_value_guards(test, "after_switch", "mode==0");
}

/* Whether the write on the tagged line runs only where its own variable
 * is 0. */
static int zero_guarded_write_at(struct extract_test *test, const char *tag)
{
    unsigned line = line_of(test->file, tag);
    for (size_t i = 0; i < test->facts.access_count; i++)
        if (test->facts.accesses[i].loc.line == line && test->facts.accesses[i].kind == LC_ACCESS_WRITE)
            return test->facts.accesses[i].zero_guarded;
    fail_msg("%s: no write", tag);
    return -1;
}

/* A write of the variable itself under `== NULL`, `!g` (also through a
 * switch) is a lazy initialisation; a write of another variable, of a
 * field, or under another test is not.  Calls keep tests of pointers too
 * (marked: for a callee's lazy writes only, threads_lazy_writes.c). */
static void test_lazy_writes(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "lazy_writes.c"), 0);
    assert_int_equal(zero_guarded_write_at(test, "lazy_null"), 1);
    assert_int_equal(zero_guarded_write_at(test, "lazy_flag"), 1);
    assert_int_equal(zero_guarded_write_at(test, "lazy_switch"), 1);
    assert_int_equal(zero_guarded_write_at(test, "other_variable"), 0);
    assert_int_equal(zero_guarded_write_at(test, "not_zero"), 0);
    assert_int_equal(zero_guarded_write_at(test, "unguarded"), 0);
    assert_int_equal(zero_guarded_write_at(test, "field_path"), 0);
    assert_value_guards(test, "call_under_flag", "inited==0");
    assert_value_guards(test, "call_under_null", "table==0");
    const struct lc_call_fact *under_null = find_call_at(test, "call_under_null", "run");
    assert_int_equal(under_null->value_guards.count, 1);
    assert_true(under_null->value_guards.items[0].pointer);
    assert_false(find_call_at(test, "call_under_flag", "run")->value_guards.items[0].pointer);
}

/* `(a(), b())`: b's fact names a's. */
static void test_comma_calls(void **state)
{
    struct extract_test *test = *state;
    assert_int_equal(extract(test, "int_stores.c"), 0);
    const struct lc_call_fact *report = find_call_at(test, "tag_never_returns", NULL);
    unsigned line = line_of(test->file, "tag_never_returns");
    const struct lc_call_fact *unreachable = NULL;
    for (size_t i = 0; i < test->facts.call_count; i++)
        if (test->facts.calls[i].loc.line == line && &test->facts.calls[i] != report)
            unreachable = &test->facts.calls[i];
    assert_non_null(unreachable);
    assert_string_equal(unreachable->callee.name, "__builtin_unreachable");
    assert_int_equal(unreachable->after_comma, (int)(report - test->facts.calls));
    assert_int_equal(report->after_comma, -1);
    assert_int_equal(find_call_at(test, "tag_returns", NULL)->after_comma, -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_initializer_stores, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stores_in_a_function, setup, teardown),
        cmocka_unit_test_setup_teardown(test_call_results, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conditional_functions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_int_stores_and_returns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stream_stores_and_returns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_zero_guards, setup, teardown),
        cmocka_unit_test_setup_teardown(test_comma_calls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_value_guards, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lazy_writes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_null_stores, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
