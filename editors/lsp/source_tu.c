/* source_tu.c — libclang parses of open documents (source_tu.h). */
#include "source_tu.h"

#include <stdlib.h>
#include <string.h>

#include "analysis_incremental.h"

void lc_lsp_source_tu_free(struct lc_lsp_source_tu *source)
{
    if (source->tu)
        clang_disposeTranslationUnit(source->tu);
    free(source->path);
    free(source->directory);
    free(source->text);
    memset(source, 0, sizeof *source);
}

int lc_lsp_source_tu_update(struct lc_lsp_source_tu *source, CXIndex index,
                            const struct lc_compile_command *command, const char *text, size_t length)
{
    if (source->tu && source->path && strcmp(source->path, command->file) == 0 && source->length == length
        && memcmp(source->text, text, length) == 0)
        return 0;
    lc_lsp_source_tu_free(source);
    source->path = strdup(command->file);
    source->directory = strdup(command->directory);
    source->text = malloc(length + 1);
    int argc;
    const char **argv = lc_extract_arguments(command, &argc);
    if (!source->path || !source->directory || !source->text || !argv) {
        free(argv);
        lc_lsp_source_tu_free(source);
        return -1;
    }
    memcpy(source->text, text, length);
    source->text[length] = '\0';
    source->length = length;
    struct CXUnsavedFile unsaved = { source->path, source->text, (unsigned long)length };
    enum CXErrorCode code = clang_parseTranslationUnit2FullArgv(
        index, NULL, argv, argc, &unsaved, 1,
        CXTranslationUnit_KeepGoing | CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles, &source->tu);
    free(argv);
    if (code != CXError_Success || !source->tu) {
        source->tu = NULL;
        lc_lsp_source_tu_free(source);
        return -1;
    }
    source->file = clang_getFile(source->tu, source->path);
    return 0;
}

CXCursor lc_lsp_source_tu_cursor(const struct lc_lsp_source_tu *source, unsigned line, unsigned col)
{
    if (!source->tu || !source->file)
        return clang_getNullCursor();
    return clang_getCursor(source->tu, clang_getLocation(source->tu, source->file, line, col));
}

int lc_lsp_source_tu_where(const struct lc_lsp_source_tu *source, CXSourceLocation location,
                           struct lc_location *loc)
{
    CXFile file;
    unsigned line, col;
    memset(loc, 0, sizeof *loc);
    clang_getExpansionLocation(location, &file, &line, &col, NULL);
    if (!file)
        return -1;
    CXString name = clang_getFileName(file);
    const char *spelled = clang_getCString(name);
    char *path = spelled ? lc_compdb_normalize_path(source->directory, spelled) : NULL;
    clang_disposeString(name);
    if (!path)
        return -1;
    loc->file = path;
    loc->line = line;
    loc->col = col;
    return 0;
}
