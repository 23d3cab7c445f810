/* test_streams.c — the process's standard streams (`standard-stream NAME`,
 * `argN=standard`) followed through a parameter into a struct field, a
 * local copy and a function's return; a field also stored from an opened
 * file, a parameter one caller passes an expression to, and a stream
 * loopcheck cannot follow stay file streams; and the statement's parse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "checks.h"
#include "program_builder.h"

static const char rules[] =
    "callback timer_start arg2 loop\n"
    "standard-stream stdout\n"
    "standard-stream stderr\n"
    "blocking fputs unless arg2=standard reason \"writes to a file stream\"\n"
    "blocking fopen reason \"opens a file\"\n";

/* fputs(s, stream) in `function` at `line`. */
static void write_to(struct builder *b, const char *function, unsigned line, struct lc_value stream)
{
    builder_call(b, function, line, builder_function_value("fputs"), 2, builder_other_value(), "s", stream,
                 "stream");
}

/* `target = function()` in `caller` at `line`. */
static void store_result(struct builder *b, const char *caller, unsigned line, const char *function,
                         struct lc_value target)
{
    builder_call(b, caller, line, builder_function_value(function), 0);
    struct lc_value result = { .kind = LC_VALUE_CALL, .usr = function, .name = function,
                               .call_index = (int)b->facts.call_count - 1 };
    builder_store(b, caller, line, target, result);
}

/* An object store (a pointer to a struct copied: `term->out = out`). */
static void copy_pointer(struct builder *b, const char *function, unsigned line, struct lc_value target,
                         struct lc_value value)
{
    builder_store(b, function, line, target, value);
    b->facts.stores[b->facts.store_count - 1].role = LC_STORE_OBJECT;
}

static int compare_lines(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return x < y ? -1 : x > y;
}

/* The lines of the blocking-call findings, in increasing order, as
 * "l1 l2 ...". */
static char *finding_lines(struct builder *b)
{
    struct lc_findings findings;
    lc_findings_init(&findings);
    lc_check_find("blocking-call")->run(&b->program, &findings);
    unsigned numbers[16];
    size_t count = findings.count < 16 ? findings.count : 16;
    for (size_t i = 0; i < count; i++)
        numbers[i] = findings.items[i].loc.line;
    lc_findings_free(&findings);
    qsort(numbers, count, sizeof numbers[0], compare_lines);
    char *lines = calloc(1, 256);
    for (size_t i = 0; lines && i < count; i++)
        snprintf(lines + strlen(lines), 256 - strlen(lines), "%s%u", i ? " " : "", numbers[i]);
    return lines;
}

static void test_standard_streams_followed(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, rules);
    builder_tu(&b, "term.c");
    builder_function(&b, "main", 1, 0);
    builder_function(&b, "on_tick", 2, 0);
    builder_function(&b, "terminal_init", 3, 0);
    builder_function(&b, "status_stream", 4, 0);
    builder_function(&b, "report", 5, 0);
    builder_call(&b, "main", 6, builder_function_value("timer_start"), 2, builder_other_value(), "&t",
                 builder_function_value("on_tick"), "on_tick");
    /* terminal_init(stdout) stores its parameter into terminal.out. */
    builder_call(&b, "main", 7, builder_function_value("terminal_init"), 1, builder_var_value("stdout"), "stdout");
    copy_pointer(&b, "terminal_init", 10, builder_field_value(&b, "terminal", "out"),
                 builder_param_value("terminal_init", 0));
    /* journal.stream: stderr, and an opened file. */
    copy_pointer(&b, "main", 11, builder_field_value(&b, "journal", "stream"), builder_var_value("stderr"));
    store_result(&b, "main", 12, "fopen", builder_field_value(&b, "journal", "stream"));
    /* status_stream() returns stdout. */
    struct lc_value returned = { .kind = LC_VALUE_CALL, .usr = "status_stream" };
    copy_pointer(&b, "status_stream", 13, returned, builder_var_value("stdout"));
    /* report(stdout) and report(<an expression>). */
    builder_call(&b, "on_tick", 14, builder_function_value("report"), 1, builder_var_value("stdout"), "stdout");
    builder_call(&b, "on_tick", 15, builder_function_value("report"), 1, builder_other_value(), "pick()");
    write_to(&b, "report", 20, builder_param_value("report", 0));
    write_to(&b, "on_tick", 21, builder_field_value(&b, "terminal", "out"));
    write_to(&b, "on_tick", 22, builder_field_value(&b, "journal", "stream"));
    copy_pointer(&b, "on_tick", 23, builder_var_value("c:term.c@errors"), builder_var_value("stderr"));
    write_to(&b, "on_tick", 24, builder_var_value("c:term.c@errors"));
    store_result(&b, "on_tick", 25, "status_stream", builder_var_value("c:term.c@status"));
    write_to(&b, "on_tick", 26, builder_var_value("c:term.c@status"));
    /* A pointer copied from something loopcheck does not follow. */
    copy_pointer(&b, "on_tick", 27, builder_var_value("c:term.c@other"), builder_other_value());
    copy_pointer(&b, "on_tick", 28, builder_var_value("c:term.c@other"), builder_var_value("stdout"));
    write_to(&b, "on_tick", 29, builder_var_value("c:term.c@other"));
    write_to(&b, "on_tick", 30, builder_var_value("stderr"));
    assert_int_equal(builder_end_tu(&b), 0);
    assert_int_equal(builder_link(&b), 0);
    char *lines = finding_lines(&b);
    /* The parameter given an expression (20), the field also given an
     * opened file (22), the variable given an expression (29); main's
     * fopen (12) does not run on the loop. */
    assert_string_equal(lines, "20 22 29");
    free(lines);
    builder_free(&b);
}

static void test_standard_stream_statement(void **state)
{
    (void)state;
    struct lc_models models;
    lc_models_init(&models);
    char *err = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&err, &size);
    assert_int_equal(lc_models_load_text(&models, "streams.rules",
                                         "standard-stream stdout\n"
                                         "standard-stream stdout\n"
                                         "blocking demo_write unless arg1=standard reason \"writes\"\n"
                                         "standard-stream\n"
                                         "standard-stream a b\n",
                                         stream),
                     2);
    fclose(stream);
    assert_non_null(strstr(err, "streams.rules:4:"));
    assert_non_null(strstr(err, "streams.rules:5:"));
    free(err);
    assert_true(lc_models_is_standard_stream(&models, "stdout"));
    assert_false(lc_models_is_standard_stream(&models, "stderr"));
    assert_int_equal(models.standard_streams.count, 1);
    const struct lc_function_model *write = lc_models_find(&models, "demo_write");
    assert_int_equal(write->blocking->unless_conditions[0].test, LC_ARG_IN_STATE);
    assert_int_equal(write->blocking->unless_conditions[0].state, LC_STATE_STANDARD);
    assert_string_equal(lc_stream_state_word(LC_STATE_STANDARD), "standard");
    assert_string_equal(lc_stream_state_statement(LC_STATE_STANDARD), "standard-stream");
    lc_models_free(&models);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_standard_streams_followed),
        cmocka_unit_test(test_standard_stream_statement),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
