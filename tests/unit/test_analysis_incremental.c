/* test_analysis_incremental.c — the analysis kept open between edits
 * (analysis_incremental.h) on a small libuv project made in a temporary
 * directory: app.c registers on_tick, which calls nap() of nap.c, which
 * sleeps through the NAP() macro of nap.h.  Updates from unsaved text and
 * from disk, the fingerprint of unsaved text, parse failures, a file that
 * is no TU, a header changed on disk, finding a function by location. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "analysis_incremental.h"

static const char app_text[] =
    "#include <uv.h>\n"
    "void nap(void);\n"
    "static void on_tick(uv_timer_t *timer)\n"
    "{\n"
    "    (void)timer;\n"
    "    nap();\n"
    "}\n"
    "int main(void)\n"
    "{\n"
    "    uv_timer_t timer;\n"
    "    uv_timer_init(uv_default_loop(), &timer);\n"
    "    uv_timer_start(&timer, on_tick, 10, 10);\n"
    "    return uv_run(uv_default_loop(), UV_RUN_DEFAULT);\n"
    "}\n";

struct project {
    char root[PATH_MAX], app[PATH_MAX + 16], nap_h[PATH_MAX + 16];
    struct lc_analysis_session session;
    FILE *err;
};

static int write_file(const char *path, const char *text)
{
    FILE *out = fopen(path, "w");
    if (!out)
        return -1;
    fputs(text, out);
    return fclose(out);
}

static int setup(void **state)
{
    struct project *p = calloc(1, sizeof *p);
    char path[PATH_MAX + 32];
    if (!p)
        return -1;
    snprintf(p->root, sizeof p->root, "/tmp/loopcheck-incremental-XXXXXX");
    if (!mkdtemp(p->root))
        return -1;
    snprintf(p->app, sizeof p->app, "%s/app.c", p->root);
    snprintf(p->nap_h, sizeof p->nap_h, "%s/nap.h", p->root);
    snprintf(path, sizeof path, "%s/nap.c", p->root);
    FILE *compdb = NULL;
    if (write_file(p->app, app_text) != 0 || write_file(p->nap_h, "#define NAP() sleep(1)\n") != 0
        || write_file(path, "#include <unistd.h>\n#include \"nap.h\"\nvoid nap(void)\n{\n    NAP();\n}\n") != 0)
        return -1;
    snprintf(path, sizeof path, "%s/compile_commands.json", p->root);
    if (!(compdb = fopen(path, "w")))
        return -1;
    fprintf(compdb, "[{\"directory\": \"%s\", \"file\": \"app.c\", \"arguments\": [\"cc\", \"-c\", \"app.c\"]},\n"
                    " {\"directory\": \"%s\", \"file\": \"nap.c\", \"arguments\": [\"cc\", \"-c\", \"nap.c\"]}]\n",
            p->root, p->root);
    fclose(compdb);
    p->err = tmpfile();
    struct lc_analysis_options options = { .build_dir = p->root, .jobs = 2, .err = p->err };
    if (!p->err || lc_analysis_session_open(&p->session, &options) != 0)
        return -1;
    *state = p;
    return 0;
}

static int teardown(void **state)
{
    struct project *p = *state;
    char command[PATH_MAX + 16];
    lc_analysis_session_close(&p->session);
    fclose(p->err);
    snprintf(command, sizeof command, "rm -rf '%s'", p->root);
    int rc = system(command);
    free(p);
    return rc == 0 ? 0 : -1;
}

static size_t findings_in(const struct lc_analysis *analysis, const char *file_suffix)
{
    size_t count = 0;
    for (size_t i = 0; i < analysis->findings.count; i++) {
        const char *file = analysis->findings.items[i].loc.file;
        size_t length = file ? strlen(file) : 0;
        count += length >= strlen(file_suffix) && strcmp(file + length - strlen(file_suffix), file_suffix) == 0;
    }
    return count;
}

static enum lc_tu_state app_state(struct project *p)
{
    char *error = NULL;
    enum lc_tu_state state = lc_store_tu_state(p->session.analysis.store,
                                               lc_analysis_find_command(&p->session.analysis, p->app), &error);
    free(error);
    return state;
}

static void test_unsaved_then_saved(void **state)
{
    struct project *p = *state;
    char *parse_error = NULL;
    assert_int_equal(findings_in(&p->session.analysis, "/nap.c"), 1);
    const char *without_call = "#include <uv.h>\nstatic void on_tick(uv_timer_t *t) { (void)t; }\n"
                               "int main(void) { uv_timer_t t; uv_timer_start(&t, on_tick, 1, 1); return 0; }\n";
    assert_int_equal(lc_analysis_update_tu(&p->session, p->app, without_call, strlen(without_call), p->err,
                                           &parse_error), LC_UPDATE_DONE);
    assert_null(parse_error);
    assert_int_equal(findings_in(&p->session.analysis, "/nap.c"), 0);
    /* Stored, but under a fingerprint the file on disk does not match. */
    assert_int_equal(app_state(p), LC_TU_STALE);
    assert_int_equal(lc_analysis_update_tu(&p->session, p->app, NULL, 0, p->err, &parse_error), LC_UPDATE_DONE);
    assert_int_equal(findings_in(&p->session.analysis, "/nap.c"), 1);
    assert_int_equal(app_state(p), LC_TU_CURRENT_OK);
}

static void test_parse_failures(void **state)
{
    struct project *p = *state;
    char *parse_error = NULL;
    const char *broken = "#include <uv.h>\nstatic void on_tick(uv_timer_t *t) {\n";
    assert_int_equal(lc_analysis_update_tu(&p->session, p->app, broken, strlen(broken), p->err, &parse_error),
                     LC_UPDATE_PARSE_FAILED);
    assert_non_null(parse_error);
    assert_non_null(strstr(parse_error, "app.c:"));
    free(parse_error);
    /* The unsaved failure changes nothing: the last facts stay. */
    assert_int_equal(findings_in(&p->session.analysis, "/nap.c"), 1);
    assert_int_equal(app_state(p), LC_TU_CURRENT_OK);
    assert_int_equal(lc_analysis_update_tu(&p->session, "/nowhere/else.c", NULL, 0, p->err, &parse_error),
                     LC_UPDATE_NOT_IN_COMPDB);
}

static void test_refresh_after_header_change(void **state)
{
    struct project *p = *state;
    size_t reparsed = 0, failed = 0;
    assert_int_equal(lc_analysis_refresh(&p->session, p->err, &reparsed, &failed), LC_UPDATE_DONE);
    assert_int_equal(reparsed, 0);
    assert_int_equal(write_file(p->nap_h, "#define NAP() ((void)0)  /* no more sleeping */\n"), 0);
    assert_int_equal(lc_analysis_refresh(&p->session, p->err, &reparsed, &failed), LC_UPDATE_DONE);
    assert_int_equal(reparsed, 1);
    assert_int_equal(failed, 0);
    assert_int_equal(findings_in(&p->session.analysis, "/nap.c"), 0);
}

static void test_function_at(void **state)
{
    struct project *p = *state;
    const struct lc_program *program = &p->session.analysis.program;
    uint32_t f = lc_analysis_function_at(program, p->app, 3, 13);
    assert_int_not_equal(f, LC_NONE);
    assert_string_equal(program->functions[f].name, "on_tick");
    assert_int_equal(lc_analysis_function_at(program, p->app, 3, 14), LC_NONE);
    int argc = 0;
    const char **argv = lc_extract_arguments(lc_analysis_find_command(&p->session.analysis, p->app), &argc);
    assert_non_null(argv);
    assert_true(argc > 1);
    assert_null(argv[argc]);
    free(argv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_unsaved_then_saved, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parse_failures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refresh_after_header_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_function_at, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
