/* source_tu.h — a libclang parse of an open document (its unsaved text,
 * with its compile command) kept for cursor lookups: the identifier under
 * the cursor for hover, the call and its arguments for code actions.
 * Reparsed when the text changed.  Worker thread only. */
#ifndef LOOPCHECK_LSP_SOURCE_TU_H
#define LOOPCHECK_LSP_SOURCE_TU_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "compdb.h"
#include "facts.h"

struct lc_lsp_source_tu {
    CXTranslationUnit tu;    /* NULL until parsed */
    CXFile file;             /* the main file in it */
    char *path;
    char *directory;         /* the compiler's working directory */
    char *text;              /* the text parsed */
    size_t length;
};

/* Parse `text` as `command`'s file, or keep the TU when it was parsed from
 * the same text.  0, or -1 when libclang gives no TU. */
int lc_lsp_source_tu_update(struct lc_lsp_source_tu *source, CXIndex index,
                            const struct lc_compile_command *command, const char *text, size_t length);
void lc_lsp_source_tu_free(struct lc_lsp_source_tu *source);

/* The cursor at a 1-based line and byte column of the main file. */
CXCursor lc_lsp_source_tu_cursor(const struct lc_lsp_source_tu *source, unsigned line, unsigned col);

/* Where `location` is (its expansion location; the path absolute and
 * normalised, malloc'd).  0, or -1 when it is in no file. */
int lc_lsp_source_tu_where(const struct lc_lsp_source_tu *source, CXSourceLocation location,
                           struct lc_location *loc);

#endif
