/* extract_internal.h — what the parts of the libclang AST walker share:
 * extract.c (parsing, errors, includes), extract_args.c (the command line),
 * extract_walk.c (the visitor), extract_values.c (what an expression
 * refers to, locations, source text) and extract_init.c (initialiser lists).
 * Not a public interface: everything else uses extract.h. */
#ifndef LOOPCHECK_EXTRACT_INTERNAL_H
#define LOOPCHECK_EXTRACT_INTERNAL_H

#include <clang-c/Index.h>

#include "compdb.h"
#include "facts.h"

/* A file of the TU with its absolute, normalised name. */
struct lc_extract_file {
    CXFile file;
    const char *path;     /* in the facts' arena */
    int listed;           /* already in facts->included_files */
    int tokenized;        /* tokens below were made (extract_text.c) */
    CXToken *tokens;      /* the whole file's tokens, or NULL */
    unsigned token_count;
    unsigned *token_offsets; /* malloc'd: begin and end offset of each token */
};

/* The state of one TU's walk. */
struct lc_extract_walk {
    struct lc_tu_facts *facts;
    CXTranslationUnit tu;
    const char *directory;          /* the compiler's working directory */
    struct lc_extract_file *files;  /* malloc'd cache of file names */
    size_t file_count, file_cap;
    const char *function_usr;       /* the definition being walked, or NULL */
    int out_of_memory;              /* set on the first failed allocation */
};

/* extract_args.c: the argument vector for libclang (argv[0] included);
 * a malloc'd array of pointers into `command` and string constants, NULL
 * when memory runs out. */
const char **lc_extract_arguments(const struct lc_compile_command *command, int *argc);

/* extract_walk.c: record the functions, calls and stores of the TU. */
void lc_extract_walk_tu(struct lc_extract_walk *walk);
/* Record a store of `value_expr` into `target` (FIELD or VAR) when the value
 * is a function, field, variable or parameter. */
void lc_extract_store(struct lc_extract_walk *walk, const struct lc_value *target,
                      CXCursor value_expr);

/* extract_init.c: the stores an initialiser makes into an object of `type`
 * that is `target` (a VAR, a FIELD, or OTHER for a compound literal). */
void lc_extract_initializer(struct lc_extract_walk *walk, const struct lc_value *target,
                            CXType type, CXCursor init);

/* extract_values.c */
struct lc_extract_file *lc_extract_file_entry(struct lc_extract_walk *walk, CXFile file);
/* Free the file cache (before the TU is disposed). */
void lc_extract_files_free(struct lc_extract_walk *walk);
/* Where `location` is in a file: its expansion location, except that a
 * token of a macro argument is placed where the argument is written in the
 * macro use.  0 on success, -1 when it has no file (a builtin) or memory
 * ran out. */
int lc_extract_location(struct lc_extract_walk *walk, CXSourceLocation location,
                        struct lc_location *out);
/* The USR of `declaration` in the facts' arena.  Where clang qualifies it
 * with a file's basename (static functions and variables, locals), the
 * absolute path stands instead, so util.c of two directories differ. */
const char *lc_extract_usr(struct lc_extract_walk *walk, CXCursor declaration);
/* A copy of `string` in the facts' arena; disposes `string`. */
const char *lc_extract_string(struct lc_extract_walk *walk, CXString string);
/* Children of `cursor`: up to `max` of them into `items`; returns how many
 * there are in all.  lc_extract_children_all mallocs the array. */
unsigned lc_extract_children(CXCursor cursor, CXCursor *items, unsigned max);
CXCursor *lc_extract_children_all(struct lc_extract_walk *walk, CXCursor cursor,
                                  unsigned *count);
int lc_extract_is_function_pointer(CXType type);
/* What `expr` refers to after parentheses, casts, `*f` and `&f`. */
void lc_extract_value(struct lc_extract_walk *walk, CXCursor expr, struct lc_value *value);
/* The FIELD value of a FieldDecl. */
void lc_extract_field_value(struct lc_extract_walk *walk, CXCursor field,
                            struct lc_value *value);
/* As lc_extract_value, plus NULL for null pointer constants and INT for
 * integer constant expressions. */
void lc_extract_argument(struct lc_extract_walk *walk, CXCursor arg, struct lc_value *value);
/* The source spelling of `expr`: its tokens joined by single spaces (at the
 * macro use when it comes from a macro), at most LC_EXTRACT_TEXT_MAX chars. */
#define LC_EXTRACT_TEXT_MAX 200
const char *lc_extract_text(struct lc_extract_walk *walk, CXCursor expr);

#endif
