/* test_compdb.c — loading compile_commands.json (compdb.c), path
 * normalisation and the FNV-1a fingerprint (hash.c).  Each test writes its
 * build directory under a fresh temporary directory, since a compilation
 * database holds absolute paths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "compdb.h"
#include "hash.h"

struct compdb_test_dir {
    char root[64];          /* mkdtemp'd, realpath'd */
    char paths[8][256];     /* created files and directories, to remove */
    int path_count;
};

static void test_dir_track(struct compdb_test_dir *dir, const char *relative)
{
    assert_true(dir->path_count < 8);
    char path[sizeof dir->paths[0]];
    snprintf(path, sizeof path, "%s/%s", dir->root, relative);
    memcpy(dir->paths[dir->path_count++], path, sizeof path);
}

static void test_dir_mkdir(struct compdb_test_dir *dir, const char *relative)
{
    test_dir_track(dir, relative);
    assert_int_equal(mkdir(dir->paths[dir->path_count - 1], 0700), 0);
}

/* Write `text` to ROOT/relative; "@ROOT@" in it stands for the root. */
static void test_dir_write(struct compdb_test_dir *dir, const char *relative,
                           const char *text)
{
    test_dir_track(dir, relative);
    FILE *file = fopen(dir->paths[dir->path_count - 1], "w");
    assert_non_null(file);
    for (const char *p = text; *p; p++) {
        if (strncmp(p, "@ROOT@", 6) == 0) {
            fputs(dir->root, file);
            p += 5;
        } else {
            fputc(*p, file);
        }
    }
    assert_int_equal(fclose(file), 0);
}

static int setup_dir(void **state)
{
    struct compdb_test_dir *dir = calloc(1, sizeof *dir);
    char template[] = "/tmp/lc-test-compdb-XXXXXX";
    if (!dir || !mkdtemp(template))
        return -1;
    char *real = realpath(template, NULL);
    snprintf(dir->root, sizeof dir->root, "%s", real);
    free(real);
    *state = dir;
    return 0;
}

static int teardown_dir(void **state)
{
    struct compdb_test_dir *dir = *state;
    for (int i = dir->path_count - 1; i >= 0; i--)
        remove(dir->paths[i]);
    rmdir(dir->root);
    free(dir);
    return 0;
}

/* Load ROOT/build; returns the status and the text printed on `err`. */
static int load_build_dir(struct compdb_test_dir *dir, struct lc_compdb *db,
                          char **err_text)
{
    char build_dir[128];
    snprintf(build_dir, sizeof build_dir, "%s/build", dir->root);
    size_t err_size;
    FILE *err = open_memstream(err_text, &err_size);
    assert_non_null(err);
    int status = lc_compdb_load(db, build_dir, err);
    fclose(err);
    return status;
}

static void test_hash_known_vectors(void **state)
{
    (void)state;
    assert_true(lc_hash_fnv1a64("", 0, LC_HASH_FNV1A64_INIT) ==
                UINT64_C(0xcbf29ce484222325));
    assert_true(lc_hash_fnv1a64("a", 1, LC_HASH_FNV1A64_INIT) ==
                UINT64_C(0xaf63dc4c8601ec8c));
    assert_true(lc_hash_fnv1a64("foobar", 6, LC_HASH_FNV1A64_INIT) ==
                UINT64_C(0x85944171f73967e8));
    uint64_t in_pieces = lc_hash_fnv1a64("bar", 3,
                                         lc_hash_fnv1a64("foo", 3, LC_HASH_FNV1A64_INIT));
    assert_true(in_pieces == UINT64_C(0x85944171f73967e8));
}

static void test_normalize_path_lexically(void **state)
{
    (void)state;
    static const char *const cases[][3] = {
        { "/nonexistent-lc/a/b", "../c/./d//e", "/nonexistent-lc/a/c/d/e" },
        { "/nonexistent-lc", "../../../x/..", "/" },
        { "/nonexistent-lc/", "/abs/./y/", "/abs/y" },
        { "rel/dir", "../../../up", "../up" },
        { NULL, "a/..", "." },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *normal = lc_compdb_normalize_path(cases[i][0], cases[i][1]);
        assert_non_null(normal);
        assert_string_equal(normal, cases[i][2]);
        free(normal);
    }
}

static void test_good_database_with_relative_paths(void **state)
{
    struct compdb_test_dir *dir = *state;
    test_dir_mkdir(dir, "build");
    test_dir_mkdir(dir, "src");
    test_dir_write(dir, "src/a.c", "int a;\n");
    test_dir_write(dir, "build/compile_commands.json",
        "[{\"directory\": \"@ROOT@\", \"file\": \"src/a.c\",\n"
        "  \"command\": \"cc -DX=\\\"a b\\\" -c src/a.c -o a.o\"},\n"
        " {\"directory\": \"@ROOT@/build\", \"file\": \"./../src/./gone/../b.c\",\n"
        "  \"arguments\": [\"cc\", \"-c\", \"../src/b.c\"]}]\n");
    struct lc_compdb db;
    char *err_text = NULL;
    assert_int_equal(load_build_dir(dir, &db, &err_text), 0);
    assert_string_equal(err_text, "");
    assert_int_equal(db.count, 2);

    char expected[256];
    const struct lc_compile_command *a = &db.commands[0];
    assert_string_equal(a->directory, dir->root);
    snprintf(expected, sizeof expected, "%s/src/a.c", dir->root);
    assert_string_equal(a->file, expected);
    assert_int_equal(a->argc, 6);
    assert_string_equal(a->argv[0], "cc");
    assert_string_equal(a->argv[1], "-DX=a b");
    assert_string_equal(a->argv[5], "a.o");
    assert_null(a->argv[6]);
    uint64_t hash = lc_hash_fnv1a64(a->directory, strlen(a->directory) + 1,
                                    LC_HASH_FNV1A64_INIT);
    for (int i = 0; i < a->argc; i++)
        hash = lc_hash_fnv1a64(a->argv[i], strlen(a->argv[i]) + 1, hash);
    assert_true(a->args_hash == hash);

    const struct lc_compile_command *b = &db.commands[1];
    snprintf(expected, sizeof expected, "%s/build", dir->root);
    assert_string_equal(b->directory, expected);
    snprintf(expected, sizeof expected, "%s/src/b.c", dir->root);   /* lexical */
    assert_string_equal(b->file, expected);
    assert_int_equal(b->argc, 3);
    assert_true(b->args_hash != a->args_hash);
    lc_compdb_free(&db);
    free(err_text);
}

static void test_duplicate_file_is_kept_once(void **state)
{
    struct compdb_test_dir *dir = *state;
    test_dir_mkdir(dir, "build");
    test_dir_write(dir, "build/compile_commands.json",
        "[{\"directory\": \"@ROOT@\", \"file\": \"x.c\", \"command\": \"cc -DFIRST -c x.c\"},\n"
        " {\"directory\": \"@ROOT@\", \"file\": \"y.c\", \"command\": \"cc -c y.c\"},\n"
        " {\"directory\": \"@ROOT@/build\", \"file\": \"../x.c\", \"command\": \"cc -DSECOND -c ../x.c\"}]\n");
    struct lc_compdb db;
    char *err_text = NULL;
    assert_int_equal(load_build_dir(dir, &db, &err_text), 0);
    assert_int_equal(db.count, 2);
    assert_string_equal(db.commands[0].argv[1], "-DFIRST");
    assert_string_equal(db.commands[1].argv[2], "y.c");
    lc_compdb_free(&db);
    free(err_text);
}

/* CMake's and Meson's object paths name the target; a file built for two
 * targets keeps both; other object paths name none. */
static void test_cmake_targets(void **state)
{
    struct compdb_test_dir *dir = *state;
    test_dir_mkdir(dir, "build");
    test_dir_write(dir, "build/compile_commands.json",
        "[{\"directory\": \"@ROOT@/build\", \"file\": \"../t.c\","
        " \"command\": \"cc -o test/CMakeFiles/run-tests.dir/t.c.o -c ../t.c\"},\n"
        " {\"directory\": \"@ROOT@/build\", \"file\": \"../t.c\","
        " \"command\": \"cc -otest/CMakeFiles/run-tests-static.dir/t.c.o -c ../t.c\"},\n"
        " {\"directory\": \"@ROOT@/build\", \"file\": \"../b.c\","
        " \"command\": \"cc -o CMakeFiles/bench.dir/b.c.o -c ../b.c\"},\n"
        " {\"directory\": \"@ROOT@\", \"file\": \"m.c\", \"command\": \"cc -o m.o -c m.c\"},\n"
        " {\"directory\": \"@ROOT@/build\", \"file\": \"../core.c\","
        " \"command\": \"cc -o src/core/libcore.a.p/.._.._src_core_core.c.o -c ../core.c\"},\n"
        " {\"directory\": \"@ROOT@/build\", \"file\": \"../main.c\","
        " \"command\": \"cc -o irssi.p/main.c.o -c ../main.c\"},\n"
        " {\"directory\": \"@ROOT@/build\", \"file\": \"../p.c\", \"command\": \"cc -o .p/p.c.o -c ../p.c\"}]\n");
    struct lc_compdb db;
    char *err_text = NULL;
    assert_int_equal(load_build_dir(dir, &db, &err_text), 0);
    assert_int_equal(db.count, 6);
    assert_string_equal(db.commands[0].target, "run-tests run-tests-static");
    assert_string_equal(db.commands[1].target, "bench");
    assert_null(db.commands[2].target);
    assert_string_equal(db.commands[3].target, "libcore.a");   /* Meson */
    assert_string_equal(db.commands[4].target, "irssi");
    assert_null(db.commands[5].target);                        /* `.p` alone names nothing */
    lc_compdb_free(&db);
    free(err_text);
}

/* Expect loading to fail with one line on `err` that contains `fragment`. */
static void expect_load_error(struct compdb_test_dir *dir, const char *fragment)
{
    struct lc_compdb db;
    char *err_text = NULL;
    assert_int_equal(load_build_dir(dir, &db, &err_text), -1);
    assert_non_null(strstr(err_text, fragment));
    assert_non_null(strstr(err_text, "loopcheck: "));
    assert_int_equal(strchr(err_text, '\n') - err_text, strlen(err_text) - 1);
    assert_null(db.commands);
    assert_int_equal(db.count, 0);
    free(err_text);
}

static void test_malformed_json(void **state)
{
    struct compdb_test_dir *dir = *state;
    test_dir_mkdir(dir, "build");
    test_dir_write(dir, "build/compile_commands.json",
                   "[{\"directory\": \"/x\",\n  \"file\" \"a.c\"}]\n");
    expect_load_error(dir, "compile_commands.json: not a valid compilation database (line 2");
}

static void test_entry_without_file(void **state)
{
    struct compdb_test_dir *dir = *state;
    test_dir_mkdir(dir, "build");
    test_dir_write(dir, "build/compile_commands.json",
        "[{\"directory\": \"/x\", \"file\": \"a.c\", \"command\": \"cc a.c\"},\n"
        " {\"directory\": \"/x\", \"command\": \"cc b.c\"}]\n");
    expect_load_error(dir, "(entry 2 has no \"file\" string)");
}

static void test_empty_database(void **state)
{
    struct compdb_test_dir *dir = *state;
    test_dir_mkdir(dir, "build");
    test_dir_write(dir, "build/compile_commands.json", "[]\n");
    expect_load_error(dir, "compile_commands.json: no compile commands");
}

static void test_missing_database_file(void **state)
{
    struct compdb_test_dir *dir = *state;
    test_dir_mkdir(dir, "build");
    expect_load_error(dir, "build/compile_commands.json: no such file");
}

static void test_missing_build_directory(void **state)
{
    struct compdb_test_dir *dir = *state;
    expect_load_error(dir, "build: no such build directory");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_known_vectors),
        cmocka_unit_test(test_normalize_path_lexically),
        cmocka_unit_test_setup_teardown(test_good_database_with_relative_paths,
                                        setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_duplicate_file_is_kept_once,
                                        setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_cmake_targets, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_malformed_json, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_entry_without_file, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_empty_database, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_missing_database_file, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_missing_build_directory,
                                        setup_dir, teardown_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
