/* extract_macro_args.c — the argument texts of a call, and of a call
 * written in a macro body in particular (`#define LOG(msg) fprintf(stderr,
 * "%s\n", msg)`).  libclang places every token of a macro body at the macro
 * use, so lc_extract_text reads each argument of such a call as the whole
 * use, "LOG ( "hi" )".  Here the body itself is read: the call's first
 * token is found where it is spelled (the #define), the argument list that
 * follows it on the same logical line is split at its top-level commas, and
 * each argument reads as written there ("stderr", "O_RDONLY | O_NONBLOCK",
 * "__FILE__").  An argument that is a parameter of the macro (the body holds
 * one identifier, the argument's first token is spelled elsewhere, and not
 * as the expansion of an object-like macro of that name) reads as written
 * at the use ('"hi"'), or where it is spelled when the use is itself inside
 * another macro's body.  When the list cannot be read so (it is not on the
 * line, or splits into another number of arguments), every argument reads
 * as lc_extract_text gives it, and so do the arguments of a call written
 * directly in the source ("O_NONBLOCK", not its value).  A string literal
 * argument reads as its value (lc_extract_string_argument). */
#include "extract_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* An argument in the body: tokens first..last of the file (last < first
 * when it is empty). */
struct extract_body_argument {
    unsigned first, last;
};

/* Whether the call's first token is spelled somewhere other than where it
 * is placed: in a macro body.  Sets the file and offset of that spelling. */
static int extract_is_in_macro_body(CXCursor call, CXFile *file, unsigned *offset)
{
    CXSourceLocation start = clang_getRangeStart(clang_getCursorExtent(call));
    CXFile placed_file;
    unsigned placed_offset;
    clang_getSpellingLocation(start, file, NULL, NULL, offset);
    clang_getFileLocation(start, &placed_file, NULL, NULL, &placed_offset);
    return *file && !(clang_File_isEqual(*file, placed_file) && *offset == placed_offset);
}

/* Whether only blanks, comments and escaped newlines lie in [from, to). */
static int extract_same_logical_line(const char *contents, unsigned from, unsigned to)
{
    for (unsigned i = from; i < to; i++)
        if (contents[i] == '\n' && !(i > from && contents[i - 1] == '\\') &&
            !(i > from + 1 && contents[i - 1] == '\r' && contents[i - 2] == '\\'))
            return 0;
    return 1;
}

/* What a token is for the split: 0 for no punctuation, the character of a
 * bracket or comma, '.' for `.` and `->`, '*' for `*`, '?' for any other. */
static char extract_punctuation(struct lc_extract_walk *walk, CXToken token)
{
    if (clang_getTokenKind(token) != CXToken_Punctuation)
        return 0;
    CXString spelling = clang_getTokenSpelling(walk->tu, token);
    const char *text = clang_getCString(spelling);
    char kind = '?';
    if (strcmp(text, "->") == 0)
        kind = '.';
    else if (text[0] && !text[1] && strchr("()[]{},.*", text[0]))
        kind = text[0];
    clang_disposeString(spelling);
    return kind;
}

/* Split the argument list that follows token `first` (the callee: `f`,
 * `(*fp)`, `s->cb`, `t[i]`) into `nargs` arguments; 0 when it has that
 * many. */
static int extract_split_arguments(struct lc_extract_walk *walk,
                                   const struct lc_extract_file *entry, const char *contents,
                                   unsigned first, size_t nargs,
                                   struct extract_body_argument *arguments)
{
    int depth = 0, in_list = 0;
    size_t count = 0;
    unsigned start = 0;
    for (unsigned i = first; i < entry->token_count; i++) {
        if (i > first && !extract_same_logical_line(contents, entry->token_offsets[2 * i - 1],
                                                    entry->token_offsets[2 * i]))
            return -1;
        char kind = extract_punctuation(walk, entry->tokens[i]);
        if (!in_list && kind == '(' && depth == 0 && i > first) {
            in_list = 1;
            start = i + 1;
        } else if (kind == '(' || kind == '[' || (in_list && kind == '{')) {
            depth++;
        } else if ((kind == ')' || kind == ']' || (in_list && kind == '}')) && depth > 0) {
            depth--;
        } else if (!in_list && kind && kind != '.' && kind != '*') {
            return -1;   /* not a callee */
        } else if (in_list && depth == 0 && (kind == ',' || kind == ')')) {
            if (count == nargs)
                return -1;
            arguments[count++] = (struct extract_body_argument){ start, i - 1 };
            start = i + 1;
            if (kind == ')')
                return count == nargs ? 0 : -1;
        }
    }
    return -1;
}

/* The identifier that ends just before `offset` (blanks and escaped
 * newlines skipped), as [*begin, offset'); its length, 0 when none. */
static size_t extract_identifier_before(const char *contents, unsigned offset, unsigned *begin)
{
    unsigned end = offset;
    while (end > 0 && (contents[end - 1] == ' ' || contents[end - 1] == '\t' ||
                       contents[end - 1] == '\\' || contents[end - 1] == '\n' ||
                       contents[end - 1] == '\r'))
        end--;
    unsigned start = end;
    while (start > 0 && (isalnum((unsigned char)contents[start - 1]) || contents[start - 1] == '_'))
        start--;
    *begin = start;
    return end - start;
}

/* Whether the one-identifier body argument at token `index` stands for a
 * macro parameter: `arg` starts where it is not, nor right after a macro
 * name like it (`#define stderr stderr`, `#define NULL ((void *)0)`). */
static int extract_is_parameter(struct lc_extract_walk *walk, const struct lc_extract_file *entry,
                                unsigned index, CXCursor arg)
{
    CXFile file;
    unsigned offset;
    clang_getSpellingLocation(clang_getRangeStart(clang_getCursorExtent(arg)), &file, NULL,
                              NULL, &offset);
    if (!file || (clang_File_isEqual(file, entry->file) &&
                  offset == entry->token_offsets[2 * index]))
        return 0;
    struct lc_extract_file *spelled = lc_extract_file_entry(walk, file);
    size_t size;
    const char *contents = spelled ? lc_extract_file_contents(walk, spelled, &size) : NULL;
    if (!contents || offset > size)
        return 1;
    unsigned begin;
    size_t length = extract_identifier_before(contents, offset, &begin);
    CXString name = clang_getTokenSpelling(walk->tu, entry->tokens[index]);
    int macro = length == strlen(clang_getCString(name)) &&
                strncmp(contents + begin, clang_getCString(name), length) == 0;
    clang_disposeString(name);
    return !macro;
}

/* A parameter's text: as written at the use, or, when the use is in another
 * macro's body too, where it is spelled. */
static const char *extract_parameter_text(struct lc_extract_walk *walk, CXCursor arg)
{
    CXSourceRange extent = clang_getCursorExtent(arg);
    CXFile placed, expanded, spelled_begin, spelled_end;
    unsigned placed_offset, expanded_offset, begin, end;
    CXSourceLocation start = clang_getRangeStart(extent);
    clang_getFileLocation(start, &placed, NULL, NULL, &placed_offset);
    clang_getExpansionLocation(start, &expanded, NULL, NULL, &expanded_offset);
    clang_getSpellingLocation(start, &spelled_begin, NULL, NULL, &begin);
    clang_getSpellingLocation(clang_getRangeEnd(extent), &spelled_end, NULL, NULL, &end);
    int at_use = !(clang_File_isEqual(placed, expanded) && placed_offset == expanded_offset);
    if (at_use || !spelled_begin || !clang_File_isEqual(spelled_begin, spelled_end) || end < begin)
        return lc_extract_text(walk, arg);
    /* Both ends in one #define, not one in a definition and one in a use. */
    struct lc_extract_file *entry = lc_extract_file_entry(walk, spelled_begin);
    size_t size;
    const char *contents = entry ? lc_extract_file_contents(walk, entry, &size) : NULL;
    if (!contents || end > size || !extract_same_logical_line(contents, begin, end))
        return lc_extract_text(walk, arg);
    return lc_extract_text_of_span(walk, spelled_begin, begin, end);
}

static const char *extract_body_text(struct lc_extract_walk *walk,
                                     const struct lc_extract_file *entry,
                                     struct extract_body_argument argument, CXCursor arg)
{
    if (argument.last < argument.first)
        return lc_extract_text(walk, arg);
    if (argument.first == argument.last &&
        clang_getTokenKind(entry->tokens[argument.first]) == CXToken_Identifier &&
        extract_is_parameter(walk, entry, argument.first, arg))
        return extract_parameter_text(walk, arg);
    return lc_extract_text_of_span(walk, entry->file, entry->token_offsets[2 * argument.first],
                                   entry->token_offsets[2 * argument.last + 1]);
}

/* The arguments of `call` as written in its macro body; NULL (malloc'd
 * otherwise) when the call is not in one or its list cannot be read. */
static struct extract_body_argument *extract_body_arguments(struct lc_extract_walk *walk,
                                                            CXCursor call, size_t nargs,
                                                            struct lc_extract_file **body)
{
    CXFile file;
    unsigned offset;
    if (!extract_is_in_macro_body(call, &file, &offset))
        return NULL;
    struct lc_extract_file *entry = lc_extract_file_entry(walk, file);
    size_t size;
    const char *contents = entry ? lc_extract_file_contents(walk, entry, &size) : NULL;
    if (!contents || lc_extract_tokenize_file(walk, entry) != 0)
        return NULL;
    unsigned first = lc_extract_token_at(entry, offset);
    struct extract_body_argument *arguments = malloc(nargs * sizeof *arguments);
    if (!arguments || first >= entry->token_count ||
        entry->token_offsets[2 * first] != offset ||
        extract_split_arguments(walk, entry, contents, first, nargs, arguments) != 0) {
        free(arguments);
        return NULL;
    }
    *body = entry;
    return arguments;
}

void lc_extract_argument_texts(struct lc_extract_walk *walk, CXCursor call, size_t nargs,
                               const char **texts)
{
    struct lc_extract_file *body = NULL;
    struct extract_body_argument *arguments = extract_body_arguments(walk, call, nargs, &body);
    for (size_t i = 0; i < nargs; i++) {
        CXCursor arg = clang_Cursor_getArgument(call, (unsigned)i);
        texts[i] = arguments ? extract_body_text(walk, body, arguments[i], arg)
                             : lc_extract_text(walk, arg);
    }
    free(arguments);
}

void lc_extract_string_argument(struct lc_extract_walk *walk, CXCursor argument, struct lc_value *value,
                                const char **text)
{
    CXCursor literal = lc_extract_strip(argument);
    if (value->kind != LC_VALUE_OTHER || clang_getCursorKind(literal) != CXCursor_StringLiteral)
        return;
    /* libclang spells a string literal from the AST: its value, quoted,
     * with the escapes it needs, pieces joined. */
    const char *spelling = lc_extract_string(walk, clang_getCursorSpelling(literal));
    if (spelling && spelling[0] == '"') {
        value->kind = LC_VALUE_STRING;
        *text = spelling;
    }
}
