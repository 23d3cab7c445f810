/* extract_text.c — how an expression is spelled in the source, for argument
 * texts ("MSG_DONTWAIT | 1").  libclang's cursor extents start at the
 * spelling of a macro-expanded token (inside the #define), so the range is
 * rebuilt from file locations: the macro argument as written, or the whole
 * macro use when the expression comes from a macro body. */
#include "extract_internal.h"

#include <string.h>

struct extract_span {
    CXFile file;
    unsigned begin, end;   /* byte offsets */
};

/* The file range to tokenize for `extent`; 0 when there is none. */
static int extract_text_span(CXSourceRange extent, struct extract_span *span)
{
    CXSourceLocation begin = clang_getRangeStart(extent), end = clang_getRangeEnd(extent);
    CXFile file_begin, file_end, expansion_begin_file, expansion_end_file;
    unsigned file_begin_offset, file_end_offset, expansion_begin, expansion_end;
    clang_getFileLocation(begin, &file_begin, NULL, NULL, &file_begin_offset);
    clang_getFileLocation(end, &file_end, NULL, NULL, &file_end_offset);
    clang_getExpansionLocation(begin, &expansion_begin_file, NULL, NULL, &expansion_begin);
    clang_getExpansionLocation(end, &expansion_end_file, NULL, NULL, &expansion_end);
    if (!file_begin || !expansion_begin_file)
        return 0;
    int same_files = clang_File_isEqual(file_begin, file_end);
    int no_macro = file_begin_offset == expansion_begin && file_end_offset == expansion_end;
    int one_macro_use = clang_File_isEqual(expansion_begin_file, expansion_end_file) &&
                        expansion_begin == expansion_end;
    if (same_files && file_begin_offset <= file_end_offset && (no_macro || one_macro_use)) {
        *span = (struct extract_span){ file_begin, file_begin_offset, file_end_offset };
        return 1;
    }
    if (!clang_File_isEqual(expansion_begin_file, expansion_end_file))
        return 0;
    /* Spans several macro uses: from the first use to the farthest end. */
    unsigned last = expansion_end;
    if (clang_File_isEqual(file_end, expansion_begin_file) && file_end_offset > last)
        last = file_end_offset;
    if (last < expansion_begin)
        return 0;
    *span = (struct extract_span){ expansion_begin_file, expansion_begin, last };
    return 1;
}

const char *lc_extract_text(struct lc_extract_walk *walk, CXCursor expr)
{
    char text[LC_EXTRACT_TEXT_MAX + 1];
    size_t length = 0;
    struct extract_span span;
    if (extract_text_span(clang_getCursorExtent(expr), &span)) {
        CXSourceRange range =
            clang_getRange(clang_getLocationForOffset(walk->tu, span.file, span.begin),
                           clang_getLocationForOffset(walk->tu, span.file, span.end));
        CXToken *tokens = NULL;
        unsigned token_count = 0;
        clang_tokenize(walk->tu, range, &tokens, &token_count);
        for (unsigned i = 0; i < token_count && length < LC_EXTRACT_TEXT_MAX; i++) {
            CXString spelling = clang_getTokenSpelling(walk->tu, tokens[i]);
            const char *token = clang_getCString(spelling);
            size_t token_length = strlen(token);
            if (length > 0)
                text[length++] = ' ';
            if (token_length > LC_EXTRACT_TEXT_MAX - length)
                token_length = LC_EXTRACT_TEXT_MAX - length;
            memcpy(text + length, token, token_length);
            length += token_length;
            clang_disposeString(spelling);
        }
        clang_disposeTokens(walk->tu, tokens, token_count);
    }
    const char *copy = lc_arena_strndup(&walk->facts->arena, text, length);
    if (!copy)
        walk->out_of_memory = 1;
    return copy;
}
