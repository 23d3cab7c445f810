/* extract_text.c — how an expression is spelled in the source, for argument
 * texts ("MSG_DONTWAIT | 1") and loop bounds.  libclang's cursor extents
 * start at the spelling of a macro-expanded token (inside the #define), so
 * for those the range is rebuilt from file offsets: the macro argument as
 * written, or the whole macro use when the expression comes from a macro
 * body (the arguments of a call written in a macro body are read from the
 * body by extract_macro_args.c).  Locations for arbitrary offsets are slow
 * to make (clang_getLocationForOffset scans every source entry of the TU for
 * any file but the main one), so such ranges are cut from a token list of
 * the whole file, made once; the file's bytes are kept at hand too. */
#include "extract_internal.h"

#include <stdlib.h>
#include <string.h>

struct extract_span {
    CXFile file;
    unsigned begin, end;   /* byte offsets */
    int exact;             /* no macro involved: the extent itself will do */
};

/* Whether `location` is a plain file location (not from a macro). */
static int extract_is_file_location(CXSourceLocation location)
{
    CXFile spelling_file, file;
    unsigned spelling_offset, offset;
    clang_getSpellingLocation(location, &spelling_file, NULL, NULL, &spelling_offset);
    clang_getExpansionLocation(location, &file, NULL, NULL, &offset);
    return clang_File_isEqual(spelling_file, file) && spelling_offset == offset;
}

/* The file range to tokenize for `extent`; 0 when there is none. */
static int extract_text_span(CXSourceRange extent, struct extract_span *span)
{
    CXSourceLocation begin = clang_getRangeStart(extent), end = clang_getRangeEnd(extent);
    if (extract_is_file_location(begin) && extract_is_file_location(end)) {
        span->exact = 1;
        return 1;
    }
    CXFile file_begin, file_end, expansion_begin_file, expansion_end_file;
    unsigned file_begin_offset, file_end_offset, expansion_begin, expansion_end;
    clang_getFileLocation(begin, &file_begin, NULL, NULL, &file_begin_offset);
    clang_getFileLocation(end, &file_end, NULL, NULL, &file_end_offset);
    clang_getExpansionLocation(begin, &expansion_begin_file, NULL, NULL, &expansion_begin);
    clang_getExpansionLocation(end, &expansion_end_file, NULL, NULL, &expansion_end);
    if (!file_begin || !expansion_begin_file)
        return 0;
    /* Inside the arguments of one macro use: the argument as written. */
    if (clang_File_isEqual(file_begin, file_end) && file_begin_offset <= file_end_offset &&
        clang_File_isEqual(expansion_begin_file, expansion_end_file) &&
        expansion_begin == expansion_end) {
        *span = (struct extract_span){ file_begin, file_begin_offset, file_end_offset, 0 };
        return 1;
    }
    if (!clang_File_isEqual(expansion_begin_file, expansion_end_file))
        return 0;
    /* From a macro body, or across several macro uses: from the first use
     * to the farthest end. */
    unsigned last = expansion_end;
    if (clang_File_isEqual(file_end, expansion_begin_file) && file_end_offset > last)
        last = file_end_offset;
    if (last < expansion_begin)
        return 0;
    *span = (struct extract_span){ expansion_begin_file, expansion_begin, last, 0 };
    return 1;
}

const char *lc_extract_file_contents(struct lc_extract_walk *walk,
                                     struct lc_extract_file *entry, size_t *size)
{
    if (!entry->loaded) {
        entry->loaded = 1;
        entry->contents = clang_getFileContents(walk->tu, entry->file, &entry->size);
    }
    *size = entry->size;
    return entry->contents;
}

/* Tokenize the whole of `entry`'s file once, with the byte offsets at which
 * each token begins and ends. */
int lc_extract_tokenize_file(struct lc_extract_walk *walk, struct lc_extract_file *entry)
{
    if (entry->tokenized)
        return entry->token_count > 0 ? 0 : -1;
    entry->tokenized = 1;
    size_t size = 0;
    if (!lc_extract_file_contents(walk, entry, &size) || size == 0)
        return -1;
    CXSourceRange whole =
        clang_getRange(clang_getLocationForOffset(walk->tu, entry->file, 0),
                       clang_getLocationForOffset(walk->tu, entry->file, (unsigned)size));
    clang_tokenize(walk->tu, whole, &entry->tokens, &entry->token_count);
    entry->token_offsets = malloc((size_t)entry->token_count * 2 * sizeof *entry->token_offsets);
    if (!entry->token_offsets) {
        walk->out_of_memory = 1;
        return -1;
    }
    for (unsigned i = 0; i < entry->token_count; i++) {
        CXSourceRange extent = clang_getTokenExtent(walk->tu, entry->tokens[i]);
        clang_getFileLocation(clang_getRangeStart(extent), NULL, NULL, NULL,
                              &entry->token_offsets[2 * i]);
        clang_getFileLocation(clang_getRangeEnd(extent), NULL, NULL, NULL,
                              &entry->token_offsets[2 * i + 1]);
    }
    return 0;
}

/* Append `token`'s spelling to text[*length], space-separated, up to
 * LC_EXTRACT_TEXT_MAX characters. */
static void extract_append_token(struct lc_extract_walk *walk, CXToken token, char *text,
                                 size_t *length)
{
    if (*length >= LC_EXTRACT_TEXT_MAX)
        return;
    CXString spelling = clang_getTokenSpelling(walk->tu, token);
    const char *chars = clang_getCString(spelling);
    size_t token_length = strlen(chars);
    if (*length > 0)
        text[(*length)++] = ' ';
    if (token_length > LC_EXTRACT_TEXT_MAX - *length)
        token_length = LC_EXTRACT_TEXT_MAX - *length;
    memcpy(text + *length, chars, token_length);
    *length += token_length;
    clang_disposeString(spelling);
}

unsigned lc_extract_token_at(const struct lc_extract_file *entry, unsigned offset)
{
    const unsigned *offsets = entry->token_offsets;
    unsigned low = 0, high = entry->token_count;
    while (low < high) {
        unsigned middle = low + (high - low) / 2;
        if (offsets[2 * middle] < offset)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

/* The tokens of `span` from the file's token list, taken as clang_tokenize
 * takes them: the first token at or after the start, then each next one
 * while the previous one ends before the end of the span. */
static void extract_span_text(struct lc_extract_walk *walk, const struct extract_span *span,
                              char *text, size_t *length)
{
    struct lc_extract_file *entry = lc_extract_file_entry(walk, span->file);
    if (!entry || lc_extract_tokenize_file(walk, entry) != 0)
        return;
    const unsigned *offsets = entry->token_offsets;
    unsigned low = lc_extract_token_at(entry, span->begin);
    for (unsigned i = low; i < entry->token_count; i++) {
        if (i > low && offsets[2 * (i - 1) + 1] >= span->end)
            break;
        extract_append_token(walk, entry->tokens[i], text, length);
    }
}

/* A copy of text[0, length) in the facts' arena. */
static const char *extract_keep_text(struct lc_extract_walk *walk, const char *text,
                                     size_t length)
{
    const char *copy = lc_arena_strndup(&walk->facts->arena, text, length);
    if (!copy)
        walk->out_of_memory = 1;
    return copy;
}

const char *lc_extract_text_of_span(struct lc_extract_walk *walk, CXFile file,
                                    unsigned begin, unsigned end)
{
    char text[LC_EXTRACT_TEXT_MAX + 1];
    size_t length = 0;
    struct extract_span span = { file, begin, end, 0 };
    extract_span_text(walk, &span, text, &length);
    return extract_keep_text(walk, text, length);
}

const char *lc_extract_text(struct lc_extract_walk *walk, CXCursor expr)
{
    char text[LC_EXTRACT_TEXT_MAX + 1];
    size_t length = 0;
    struct extract_span span;
    CXSourceRange extent = clang_getCursorExtent(expr);
    int found = extract_text_span(extent, &span);
    if (found && span.exact) {
        CXToken *tokens = NULL;
        unsigned token_count = 0;
        clang_tokenize(walk->tu, extent, &tokens, &token_count);
        for (unsigned i = 0; i < token_count; i++)
            extract_append_token(walk, tokens[i], text, &length);
        clang_disposeTokens(walk->tu, tokens, token_count);
    } else if (found) {
        extract_span_text(walk, &span, text, &length);
    }
    return extract_keep_text(walk, text, length);
}
