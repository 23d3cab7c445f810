/* compdb.c — loading BUILD_DIR/compile_commands.json with libclang's
 * clang_CompilationDatabase_* into the plain structs of compdb.h: absolute,
 * normalised paths, a copy of every argument, a fingerprint of the command
 * line, one command per source file.
 *
 * libclang says nothing useful when the JSON is broken (it prints to stderr
 * and returns NULL), so the file is first checked with jansson to report
 * where it is broken. */
#include "compdb.h"

#include <clang-c/CXCompilationDatabase.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hash.h"

/* Normalise an absolute or relative path in place: drop empty and "."
 * components, fold "name/.." pairs; "/.." is "/", a relative path keeps its
 * leading "..". */
static void compdb_normalize_lexically(char *path)
{
    const int absolute = path[0] == '/';
    char *start = path + absolute;
    char *out = start;        /* writing never overtakes reading */
    const char *in = start;
    while (*in) {
        const char *end = strchr(in, '/');
        size_t len = end ? (size_t)(end - in) : strlen(in);
        int keep = len > 0 && !(len == 1 && in[0] == '.');
        if (len == 2 && in[0] == '.' && in[1] == '.') {
            char *last = out;
            while (last > start && last[-1] != '/')
                last--;
            int last_is_dotdot = out - last == 2 && last[0] == '.' && last[1] == '.';
            if (out > start && !last_is_dotdot) {
                out = last > start ? last - 1 : start;
                keep = 0;
            } else if (absolute) {
                keep = 0;
            }
        }
        if (keep) {
            if (out > start)
                *out++ = '/';
            memmove(out, in, len);
            out += len;
        }
        in += len + (end != NULL);
    }
    if (out == start && !absolute)
        *out++ = '.';
    *out = '\0';
}

char *lc_compdb_normalize_path(const char *directory, const char *path)
{
    char *joined;
    if (path[0] == '/' || !directory || !directory[0]) {
        joined = strdup(path);
    } else {
        size_t dir_len = strlen(directory), path_len = strlen(path);
        joined = malloc(dir_len + path_len + 2);
        if (joined) {
            memcpy(joined, directory, dir_len);
            joined[dir_len] = '/';
            memcpy(joined + dir_len + 1, path, path_len + 1);
        }
    }
    if (!joined)
        return NULL;
    char *real = realpath(joined, NULL);
    if (real) {
        free(joined);
        return real;
    }
    compdb_normalize_lexically(joined);
    return joined;
}

/* Check that `json_path` holds a JSON array of compile commands; prints the
 * reason to `err` and returns -1 when it does not. */
static int compdb_check_json(const char *json_path, FILE *err)
{
    json_error_t error;
    json_t *root = json_load_file(json_path, 0, &error);
    if (!root) {
        fprintf(err, "loopcheck: cannot load %s: not a valid compilation database "
                "(line %d, column %d: %s)\n", json_path, error.line, error.column,
                error.text);
        return -1;
    }
    const char *problem = NULL;
    size_t index = 0;
    if (!json_is_array(root))
        problem = "the top level is not an array";
    for (; index < json_array_size(root); index++) {
        json_t *entry = json_array_get(root, index);
        if (!json_is_object(entry))
            problem = "is not an object";
        else if (!json_is_string(json_object_get(entry, "directory")))
            problem = "has no \"directory\" string";
        else if (!json_is_string(json_object_get(entry, "file")))
            problem = "has no \"file\" string";
        else if (!json_is_string(json_object_get(entry, "command")) &&
                 !json_is_array(json_object_get(entry, "arguments")))
            problem = "has neither \"command\" nor \"arguments\"";
        if (problem)
            break;
    }
    if (problem && json_is_array(root))
        fprintf(err, "loopcheck: cannot load %s: not a valid compilation database "
                "(entry %zu %s)\n", json_path, index + 1, problem);
    else if (problem)
        fprintf(err, "loopcheck: cannot load %s: not a valid compilation database "
                "(%s)\n", json_path, problem);
    json_decref(root);
    return problem ? -1 : 0;
}

static void compdb_free_command(struct lc_compile_command *command)
{
    free(command->directory);
    free(command->file);
    free(command->target);
    for (int i = 0; i < command->argc; i++)
        free(command->argv[i]);
    free(command->argv);
    memset(command, 0, sizeof *command);
}

/* Copy one libclang command; its directory is made absolute against
 * `build_dir`, its file against its directory.  Returns -1 when memory runs
 * out (the partial copy is left for compdb_free_command). */
static int compdb_copy_command(struct lc_compile_command *out, CXCompileCommand in,
                               const char *build_dir)
{
    CXString directory = clang_CompileCommand_getDirectory(in);
    out->directory = lc_compdb_normalize_path(build_dir, clang_getCString(directory));
    clang_disposeString(directory);
    if (!out->directory)
        return -1;
    CXString file = clang_CompileCommand_getFilename(in);
    out->file = lc_compdb_normalize_path(out->directory, clang_getCString(file));
    clang_disposeString(file);
    if (!out->file)
        return -1;

    unsigned argc = clang_CompileCommand_getNumArgs(in);
    out->argv = calloc((size_t)argc + 1, sizeof *out->argv);
    if (!out->argv)
        return -1;
    uint64_t hash = lc_hash_fnv1a64(out->directory, strlen(out->directory) + 1,
                                    LC_HASH_FNV1A64_INIT);
    for (unsigned i = 0; i < argc; i++) {
        CXString arg = clang_CompileCommand_getArg(in, i);
        out->argv[i] = strdup(clang_getCString(arg));
        clang_disposeString(arg);
        if (!out->argv[i])
            return -1;
        out->argc++;
        hash = lc_hash_fnv1a64(out->argv[i], strlen(out->argv[i]) + 1, hash);
    }
    out->args_hash = hash;
    out->target = lc_compdb_target(out);
    return 0;
}

struct compdb_order {
    const char *file;
    size_t index;
};

static int compdb_order_compare(const void *a, const void *b)
{
    const struct compdb_order *x = a, *y = b;
    int by_file = strcmp(x->file, y->file);
    if (by_file)
        return by_file;
    return (x->index > y->index) - (x->index < y->index);
}

/* Keep the first command of each file, in database order. */
static int compdb_remove_duplicates(struct lc_compdb *db)
{
    struct compdb_order *order = malloc(db->count * sizeof *order);
    if (!order)
        return -1;
    for (size_t i = 0; i < db->count; i++)
        order[i] = (struct compdb_order){ db->commands[i].file, i };
    if (db->count == 0) {
        free(order);
        return 0;
    }
    qsort(order, db->count, sizeof *order, compdb_order_compare);
    size_t first = order[0].index;   /* the kept command of the current file */
    for (size_t i = 1; i < db->count; i++) {
        if (strcmp(order[i].file, order[i - 1].file) != 0) {
            first = order[i].index;
        } else {
            struct lc_compile_command *duplicate = &db->commands[order[i].index], *kept = &db->commands[first];
            if (lc_compdb_add_target(kept, duplicate->target) != 0) {
                free(order);
                return -1;
            }
            order[i].file = order[i - 1].file;   /* the duplicate's copy is freed */
            compdb_free_command(duplicate);
        }
    }
    free(order);
    size_t kept = 0;
    for (size_t i = 0; i < db->count; i++)
        if (db->commands[i].file)
            db->commands[kept++] = db->commands[i];
    db->count = kept;
    return 0;
}

/* Copy every command of `cx_db`; prints why and returns -1 on failure. */
static int compdb_copy_all(struct lc_compdb *db, CXCompilationDatabase cx_db,
                           const char *build_dir, const char *json_path, FILE *err)
{
    CXCompileCommands all = clang_CompilationDatabase_getAllCompileCommands(cx_db);
    size_t count = all ? clang_CompileCommands_getSize(all) : 0;
    int status = -1;
    if (count == 0) {
        fprintf(err, "loopcheck: %s: no compile commands\n", json_path);
        goto done;
    }
    db->commands = calloc(count, sizeof *db->commands);
    if (!db->commands)
        goto out_of_memory;
    for (size_t i = 0; i < count; i++) {
        db->count++;
        CXCompileCommand command = clang_CompileCommands_getCommand(all, (unsigned)i);
        if (compdb_copy_command(&db->commands[i], command, build_dir) != 0)
            goto out_of_memory;
    }
    if (compdb_remove_duplicates(db) != 0)
        goto out_of_memory;
    status = 0;
    goto done;
out_of_memory:
    fprintf(err, "loopcheck: %s: out of memory\n", json_path);
done:
    if (all)
        clang_CompileCommands_dispose(all);
    return status;
}

int lc_compdb_load(struct lc_compdb *db, const char *build_dir, FILE *err)
{
    db->commands = NULL;
    db->count = 0;
    size_t dir_len = strlen(build_dir);
    while (dir_len > 1 && build_dir[dir_len - 1] == '/')
        dir_len--;
    char json_path[PATH_MAX];
    if ((size_t)snprintf(json_path, sizeof json_path, "%.*s/compile_commands.json",
                         (int)dir_len, build_dir) >= sizeof json_path) {
        fprintf(err, "loopcheck: %s: path too long\n", build_dir);
        return -1;
    }
    struct stat st;
    if (stat(build_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(err, "loopcheck: %s: no such build directory\n", build_dir);
        return -1;
    }
    if (stat(json_path, &st) != 0) {
        fprintf(err, "loopcheck: %s: no such file (generate it with "
                "cmake -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, meson or bear)\n", json_path);
        return -1;
    }
    if (compdb_check_json(json_path, err) != 0)
        return -1;

    char *absolute_dir = lc_compdb_normalize_path(NULL, build_dir);
    if (!absolute_dir) {
        fprintf(err, "loopcheck: %s: out of memory\n", json_path);
        return -1;
    }
    CXCompilationDatabase_Error code;
    CXCompilationDatabase cx_db = clang_CompilationDatabase_fromDirectory(absolute_dir, &code);
    int status = -1;
    if (!cx_db || code != CXCompilationDatabase_NoError)
        fprintf(err, "loopcheck: cannot load %s: not a valid compilation database\n",
                json_path);
    else
        status = compdb_copy_all(db, cx_db, absolute_dir, json_path, err);
    if (cx_db)
        clang_CompilationDatabase_dispose(cx_db);
    free(absolute_dir);
    if (status != 0)
        lc_compdb_free(db);
    return status;
}

void lc_compdb_free(struct lc_compdb *db)
{
    for (size_t i = 0; i < db->count; i++)
        compdb_free_command(&db->commands[i]);
    free(db->commands);
    db->commands = NULL;
    db->count = 0;
}
