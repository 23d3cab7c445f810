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
};

struct lc_compdb {
    struct lc_compile_command *commands;
    size_t count;
};

/* Load BUILD_DIR/compile_commands.json.  On failure prints one line to `err`
 * ("loopcheck: BUILD_DIR/compile_commands.json: ...") and returns -1.
 * A file listed more than once is kept once (the first command). */
int lc_compdb_load(struct lc_compdb *db, const char *build_dir, FILE *err);
void lc_compdb_free(struct lc_compdb *db);

/* `path` made absolute against `directory` (when relative) and normalised:
 * resolved with realpath(3) when it exists, else lexically ("//", "." and
 * ".." removed).  Returns a malloc'd string, NULL when memory runs out. */
char *lc_compdb_normalize_path(const char *directory, const char *path);

#endif
