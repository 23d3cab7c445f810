/* test_nonblocking.c — descriptors known to be non-blocking: sockets made
 * with SOCK_NONBLOCK (stored into a variable or a field), descriptors set
 * with fcntl(F_SETFL, O_NONBLOCK), parameters every caller passes such a
 * descriptor to, values functions return, fields every store into which
 * holds one; objects given such a descriptor (an SSL's SSL_set_fd), fields
 * a `nonblocking-place` statement names; blocking sockets are still
 * reported. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "checks.h"
#include "program_builder.h"

static const char rules[] =
    "callback timer_start arg2 loop\n"
    "blocking recv unless arg1=nonblocking unless arg4~MSG_DONTWAIT reason \"waits for data\"\n"
    "nonblocking-descriptor socket result if arg2~SOCK_NONBLOCK reason \"non-blocking socket\"\n"
    "nonblocking-descriptor fcntl arg1 if arg2~F_SETFL if arg3~O_NONBLOCK reason \"set non-blocking\"\n";

/* `target = socket(AF_INET, type, 0)` in main, at `line`. */
static void make_socket(struct builder *b, unsigned line, struct lc_value target, const char *type)
{
    builder_call(b, "main", line, builder_function_value("socket"), 3, builder_other_value(), "AF_INET",
                 builder_other_value(), type, builder_other_value(), "0");
    struct lc_value result = { .kind = LC_VALUE_CALL, .usr = "socket", .name = "socket",
                               .call_index = (int)b->facts.call_count - 1 };
    builder_store(b, "main", line, target, result);
}

static void receive(struct builder *b, const char *function, unsigned line, struct lc_value fd)
{
    builder_call(b, function, line, builder_function_value("recv"), 4, fd, "fd", builder_other_value(), "buf",
                 builder_other_value(), "n", builder_other_value(), "0");
}

static void test_descriptors(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, rules);
    builder_tu(&b, "net.c");
    builder_function(&b, "main", 1, 0);
    builder_function(&b, "on_tick", 2, 0);
    builder_function(&b, "drain", 3, 0);
    builder_call(&b, "main", 4, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value("on_tick"), "on_tick");
    make_socket(&b, 10, builder_field_value(&b, "conn", "fd"), "SOCK_STREAM | SOCK_NONBLOCK");
    make_socket(&b, 11, builder_var_value("c:@blocking_fd"), "SOCK_STREAM");
    make_socket(&b, 12, builder_var_value("c:@later_fd"), "SOCK_STREAM");
    builder_call(&b, "main", 13, builder_function_value("fcntl"), 3, builder_var_value("c:@later_fd"), "later_fd",
                 builder_other_value(), "F_SETFL", builder_other_value(), "flags | O_NONBLOCK");
    receive(&b, "on_tick", 20, builder_field_value(&b, "conn", "fd"));
    receive(&b, "on_tick", 21, builder_var_value("c:@blocking_fd"));
    receive(&b, "on_tick", 22, builder_var_value("c:@later_fd"));
    builder_call(&b, "on_tick", 23, builder_function_value("drain"), 1, builder_field_value(&b, "conn", "fd"), "c->fd");
    receive(&b, "drain", 24, builder_param_value("drain", 0));
    assert_int_equal(builder_end_tu(&b), 0);
    assert_int_equal(builder_link(&b), 0);
    struct lc_findings findings;
    lc_findings_init(&findings);
    lc_check_find("blocking-call")->run(&b.program, &findings);
    assert_int_equal(findings.count, 1);
    assert_int_equal(findings.items[0].loc.line, 21);
    assert_non_null(strstr(findings.items[0].message, "argument 1 is not known to be non-blocking"));
    lc_findings_free(&findings);
    builder_free(&b);
}

static void test_parameter_with_a_blocking_caller(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, rules);
    builder_tu(&b, "mixed.c");
    builder_function(&b, "main", 1, 0);
    builder_function(&b, "on_tick", 2, 0);
    builder_function(&b, "drain", 3, 0);
    builder_call(&b, "main", 4, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value("on_tick"), "on_tick");
    make_socket(&b, 10, builder_var_value("c:@good"), "SOCK_STREAM | SOCK_NONBLOCK");
    make_socket(&b, 11, builder_var_value("c:@bad"), "SOCK_STREAM");
    builder_call(&b, "on_tick", 20, builder_function_value("drain"), 1, builder_var_value("c:@good"), "good");
    builder_call(&b, "on_tick", 21, builder_function_value("drain"), 1, builder_var_value("c:@bad"), "bad");
    receive(&b, "drain", 30, builder_param_value("drain", 0));
    assert_int_equal(builder_end_tu(&b), 0);
    assert_int_equal(builder_link(&b), 0);
    struct lc_findings findings;
    lc_findings_init(&findings);
    lc_check_find("blocking-call")->run(&b.program, &findings);
    assert_int_equal(findings.count, 1);
    assert_int_equal(findings.items[0].loc.line, 30);
    lc_findings_free(&findings);
    builder_free(&b);
}

/* The result of a call of `function` at `line` of `caller`, stored into
 * `target`. */
static void store_result(struct builder *b, const char *caller, unsigned line, const char *function,
                         struct lc_value target)
{
    builder_call(b, caller, line, builder_function_value(function), 0);
    struct lc_value result = { .kind = LC_VALUE_CALL, .usr = function, .name = function,
                               .call_index = (int)b->facts.call_count - 1 };
    builder_store(b, caller, line, target, result);
}

/* memcached's shape: new_socket() returns the socket it made non-blocking;
 * conn_new(sfd) stores it into conn.sfd; the item queue copies conn.sfd
 * into item.sfd and back (a cycle).  pipe_end.fd also receives an
 * expression loopcheck cannot follow (`fd + 1`): it stays blocking. */
static void test_returned_and_stored_descriptors(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, rules);
    builder_tu(&b, "queue.c");
    builder_function(&b, "main", 1, 0);
    builder_function(&b, "on_tick", 2, 0);
    builder_function(&b, "new_socket", 3, 0);
    builder_function(&b, "conn_new", 4, 0);
    builder_call(&b, "main", 5, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value("on_tick"), "on_tick");
    builder_call(&b, "new_socket", 10, builder_function_value("socket"), 3, builder_other_value(), "AF_INET",
                 builder_other_value(), "SOCK_STREAM | SOCK_NONBLOCK", builder_other_value(), "0");
    struct lc_value socket_result = { .kind = LC_VALUE_CALL, .usr = "socket", .name = "socket",
                                      .call_index = (int)b.facts.call_count - 1 };
    builder_store(&b, "new_socket", 10, builder_var_value("c:@nb"), socket_result);
    struct lc_value returned = { .kind = LC_VALUE_CALL, .usr = "new_socket" };
    builder_store(&b, "new_socket", 11, returned, builder_var_value("c:@nb"));
    store_result(&b, "main", 20, "new_socket", builder_var_value("c:@sfd"));
    builder_call(&b, "main", 21, builder_function_value("conn_new"), 1, builder_var_value("c:@sfd"), "sfd");
    builder_store(&b, "conn_new", 30, builder_field_value(&b, "conn", "sfd"), builder_param_value("conn_new", 0));
    builder_store(&b, "on_tick", 31, builder_field_value(&b, "item", "sfd"), builder_field_value(&b, "conn", "sfd"));
    builder_call(&b, "on_tick", 32, builder_function_value("conn_new"), 1, builder_field_value(&b, "item", "sfd"),
                 "item->sfd");
    store_result(&b, "main", 40, "new_socket", builder_field_value(&b, "pipe_end", "fd"));
    builder_store(&b, "main", 41, builder_field_value(&b, "pipe_end", "fd"), builder_other_value());
    receive(&b, "on_tick", 50, builder_field_value(&b, "conn", "sfd"));
    receive(&b, "on_tick", 51, builder_field_value(&b, "item", "sfd"));
    receive(&b, "on_tick", 52, builder_field_value(&b, "pipe_end", "fd"));
    assert_int_equal(builder_end_tu(&b), 0);
    assert_int_equal(builder_link(&b), 0);
    struct lc_findings findings;
    lc_findings_init(&findings);
    lc_check_find("blocking-call")->run(&b.program, &findings);
    assert_int_equal(findings.count, 1);
    assert_int_equal(findings.items[0].loc.line, 52);
    lc_findings_free(&findings);
    builder_free(&b);
}

/* An object given a non-blocking descriptor (`tls_bind(session, fd)`,
 * modelled `arg1 if arg2=nonblocking`) is non-blocking itself: known only
 * once the flow has run, so it runs again; one given a blocking descriptor
 * stays blocking.  A field a `nonblocking-place` statement names holds
 * non-blocking descriptors whatever is stored into it. */
static void test_objects_and_places(void **state)
{
    (void)state;
    static const char object_rules[] =
        "callback timer_start arg2 loop\n"
        "blocking tls_read unless arg1=nonblocking reason \"waits for a record\"\n"
        "blocking recv unless arg1=nonblocking reason \"waits for data\"\n"
        "nonblocking-descriptor socket result if arg2~SOCK_NONBLOCK reason \"non-blocking socket\"\n"
        "nonblocking-descriptor tls_bind arg1 if arg2=nonblocking reason \"the session uses the descriptor\"\n"
        "nonblocking-place listener.fd reason \"inherited non-blocking\"\n";
    struct builder b;
    builder_begin(&b, object_rules);
    builder_tu(&b, "tls.c");
    builder_function(&b, "main", 1, 0);
    builder_function(&b, "on_tick", 2, 0);
    builder_call(&b, "main", 3, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value("on_tick"), "on_tick");
    make_socket(&b, 10, builder_field_value(&b, "conn", "fd"), "SOCK_STREAM | SOCK_NONBLOCK");
    make_socket(&b, 11, builder_var_value("c:@plain_fd"), "SOCK_STREAM");
    builder_call(&b, "main", 12, builder_function_value("tls_bind"), 2, builder_field_value(&b, "conn", "session"),
                 "c->session", builder_field_value(&b, "conn", "fd"), "c->fd");
    builder_call(&b, "main", 13, builder_function_value("tls_bind"), 2, builder_var_value("c:@plain_session"),
                 "plain_session", builder_var_value("c:@plain_fd"), "plain_fd");
    builder_store(&b, "main", 14, builder_field_value(&b, "listener", "fd"), builder_other_value());
    builder_call(&b, "on_tick", 20, builder_function_value("tls_read"), 1, builder_field_value(&b, "conn", "session"),
                 "c->session");
    builder_call(&b, "on_tick", 21, builder_function_value("tls_read"), 1, builder_var_value("c:@plain_session"),
                 "plain_session");
    receive(&b, "on_tick", 22, builder_field_value(&b, "listener", "fd"));
    assert_int_equal(builder_end_tu(&b), 0);
    assert_int_equal(builder_link(&b), 0);
    struct lc_findings findings;
    lc_findings_init(&findings);
    lc_check_find("blocking-call")->run(&b.program, &findings);
    assert_int_equal(findings.count, 1);
    assert_int_equal(findings.items[0].loc.line, 21);   /* the session bound to a blocking socket */
    lc_findings_free(&findings);
    builder_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_descriptors),
        cmocka_unit_test(test_parameter_with_a_blocking_caller),
        cmocka_unit_test(test_returned_and_stored_descriptors),
        cmocka_unit_test(test_objects_and_places),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
