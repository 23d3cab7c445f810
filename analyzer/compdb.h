/* compdb.h — the compile commands of a build directory, loaded with
 * libclang's clang_CompilationDatabase_* and copied into plain C structs so
 * worker threads can use them without touching libclang's database. */
#ifndef LOOPCHECK_COMPDB_H
#define LOOPCHECK_COMPDB_H

#include <stddef.h>
#include <stdio.h>

struct lc_compile_command {
    char *directory;   /* absolute working directory of the compiler */
    char *file;        /* absolute, normalised path of the source file */
    char **argv;       /* the full command line, argv[0] is the compiler */
    int argc;
    unsigned long long args_hash;  /* hash of directory and argv */
    char *target;      /* the CMake targets it builds (compdb_target.c),
                          separated by spaces, or NULL: unknown */
};

struct lc_compdb {
    struct lc_compile_command *commands;
    size_t count;
};

/* Load BUILD_DIR/compile_commands.json.  On failure prints one line to `err`
 * ("loopcheck: BUILD_DIR/compile_commands.json: ...") and returns -1.
 * A file listed more than once is kept once (the first command), with the
 * targets of all its commands. */
int lc_compdb_load(struct lc_compdb *db, const char *build_dir, FILE *err);
void lc_compdb_free(struct lc_compdb *db);

/* The CMake target of `command`, from its `-o CMakeFiles/<target>.dir/...`
 * (malloc'd), or NULL. */
char *lc_compdb_target(const struct lc_compile_command *command);
/* Add `target` (one name, or NULL: unknown) to the command's targets; a
 * command with an unknown target stays unknown.  0, or -1 when memory runs
 * out. */
int lc_compdb_add_target(struct lc_compile_command *command, const char *target);

/* `path` made absolute against `directory` (when relative) and normalised:
 * resolved with realpath(3) when it exists, else lexically ("//", "." and
 * ".." removed).  Returns a malloc'd string, NULL when memory runs out. */
char *lc_compdb_normalize_path(const char *directory, const char *path);

#endif
