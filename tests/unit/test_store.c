/* test_store.c — the SQLite store: schema creation, fingerprints (content,
 * flags, touch without change), failed TUs, foreign and corrupt files,
 * schema-version rebuild, forgetting TUs that left the compile database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <fcntl.h>
#include <limits.h>
#include <unistd.h>
#include <sys/stat.h>
#include <time.h>

#include "program_builder.h"
#include "store_internal.h"

static char *capture_text;
static size_t capture_size;

static FILE *capture_open(void)
{
    free(capture_text);
    capture_text = NULL;
    return open_memstream(&capture_text, &capture_size);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void set_mtime(const char *path, time_t seconds)
{
    struct timespec times[2] = { { seconds, 0 }, { seconds, 0 } };
    assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

static void test_fingerprints(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, NULL);
    builder_tu(&b, "a.c");
    builder_function(&b, "f", 1, 0);
    struct lc_compile_command command = b.command;
    char path[256];
    snprintf(path, sizeof path, "%s", b.facts.path);
    assert_int_equal(builder_end_tu(&b), 0);
    command.file = path;
    char *error = NULL;
    assert_int_equal(lc_store_tu_state(b.store, &command, &error), LC_TU_CURRENT_OK);
    /* Other flags: stale. */
    command.args_hash = 43;
    assert_int_equal(lc_store_tu_state(b.store, &command, &error), LC_TU_STALE);
    command.args_hash = 42;
    lc_store_close(b.store);
    /* Same content, new time: still current (a new store forgets what it saw). */
    set_mtime(path, 1000000);
    b.store = lc_store_open(b.db_path, stderr);
    assert_non_null(b.store);
    assert_int_equal(lc_store_tu_state(b.store, &command, &error), LC_TU_CURRENT_OK);
    lc_store_close(b.store);
    /* Same size, other content, other time: stale. */
    write_file(path, "/* A.c */\n");
    set_mtime(path, 2000000);
    b.store = lc_store_open(b.db_path, stderr);
    assert_int_equal(lc_store_tu_state(b.store, &command, &error), LC_TU_STALE);
    builder_free(&b);
}

static void test_failed_tu_and_retain(void **state)
{
    (void)state;
    struct builder b;
    builder_begin(&b, NULL);
    builder_tu(&b, "bad.c");
    b.facts.error = "bad.c:3:1: error: expected ';'";
    struct lc_compile_command bad = b.command;
    char bad_path[256];
    snprintf(bad_path, sizeof bad_path, "%s", b.facts.path);
    bad.file = bad_path;
    assert_int_equal(builder_end_tu(&b), 0);
    char *error = NULL;
    assert_int_equal(lc_store_tu_state(b.store, &bad, &error), LC_TU_CURRENT_FAILED);
    assert_string_equal(error, "bad.c:3:1: error: expected ';'");
    free(error);
    builder_tu(&b, "good.c");
    builder_function(&b, "g", 1, 0);
    struct lc_compile_command good = b.command;
    char good_path[256];
    snprintf(good_path, sizeof good_path, "%s", b.facts.path);
    good.file = good_path;
    assert_int_equal(builder_end_tu(&b), 0);
    struct lc_compdb only_good = { .commands = &good, .count = 1 };
    assert_int_equal(lc_store_retain_tus(b.store, &only_good, stderr), 0);
    assert_int_equal(lc_store_tu_state(b.store, &bad, &error), LC_TU_STALE);
    assert_int_equal(lc_store_tu_state(b.store, &good, &error), LC_TU_CURRENT_OK);
    builder_free(&b);
}

static void test_foreign_corrupt_and_old_databases(void **state)
{
    (void)state;
    char dir[] = "/tmp/lc-store-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    /* Not SQLite at all. */
    snprintf(path, sizeof path, "%s/garbage.db", dir);
    write_file(path, "this is not a database, just text that must survive\n");
    FILE *err = capture_open();
    assert_null(lc_store_open(path, err));
    fclose(err);
    assert_non_null(strstr(capture_text, "garbage.db"));
    assert_ptr_equal(strchr(capture_text, '\n'), capture_text + strlen(capture_text) - 1); /* one line */
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 0); /* left alone */
    /* Someone else's SQLite database. */
    snprintf(path, sizeof path, "%s/other.db", dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE precious(x); INSERT INTO precious VALUES (1)", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    err = capture_open();
    assert_null(lc_store_open(path, err));
    fclose(err);
    assert_non_null(strstr(capture_text, "not a loopcheck database"));
    /* An older loopcheck schema: rebuilt. */
    snprintf(path, sizeof path, "%s/old.db", dir);
    struct lc_store *store = lc_store_open(path, stderr);
    assert_non_null(store);
    lc_store_close(store);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    err = capture_open();
    store = lc_store_open(path, err);
    fclose(err);
    assert_non_null(store);
    assert_non_null(strstr(capture_text, "rebuilding"));
    lc_store_close(store);
    /* A directory where the file should be. */
    err = capture_open();
    assert_null(lc_store_open(dir, err));
    fclose(err);
    assert_non_null(strstr(capture_text, "not a regular file"));
    free(capture_text);
    capture_text = NULL;
    char command[160];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    assert_int_equal(system(command), 0);
}

/* A symbol met first without its name (a global a TU defines but names
 * nowhere else) gets the name the next TU gives it, whichever order the
 * workers stored the TUs in; a name once given stays. */
static void test_symbol_names(void **state)
{
    (void)state;
    char dir[] = "/tmp/lc-store-XXXXXX", path[PATH_MAX];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/names.db", dir);
    struct lc_store *store = lc_store_open(path, stderr);
    assert_non_null(store);
    int64_t unnamed = lc_store_intern_symbol(store, "c:@turn_params", NULL);
    assert_true(unnamed > 0);
    assert_int_equal(lc_store_intern_symbol(store, "c:@turn_params", "turn_params"), unnamed);
    int64_t named = lc_store_intern_symbol(store, "c:@counter", "counter");
    assert_int_equal(lc_store_intern_symbol(store, "c:@counter", NULL), named);
    sqlite3_stmt *stmt;
    assert_int_equal(sqlite3_prepare_v2(lc_store_db(store), "SELECT name FROM symbol WHERE usr = ?1", -1, &stmt, NULL),
                     SQLITE_OK);
    const char *usrs[] = { "c:@turn_params", "c:@counter" }, *names[] = { "turn_params", "counter" };
    for (int i = 0; i < 2; i++) {
        sqlite3_bind_text(stmt, 1, usrs[i], -1, SQLITE_STATIC);
        assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
        assert_string_equal((const char *)sqlite3_column_text(stmt, 0), names[i]);
        sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    lc_store_close(store);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fingerprints),
        cmocka_unit_test(test_failed_tu_and_retain),
        cmocka_unit_test(test_foreign_corrupt_and_old_databases),
        cmocka_unit_test(test_symbol_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
