/* extract_annotations.c — what a function's declaration says of it: the
 * `annotate("loopcheck:...")` attributes of its colors and of its cost
 * (`loopcheck:cheap`), that it never
 * returns (GNU `noreturn`, which lives in the function's type; C11
 * `_Noreturn` and `[[noreturn]]`, clang's `analyzer_noreturn`, which
 * libclang does not expose but as an attribute's first word), and that it
 * rarely runs (GNU `cold`, also `__cold__`, the first word of its
 * attribute, through a macro too: lighttpd's `__attribute_cold__`; a
 * definition inherits it from an earlier declaration). */
#include "extract_internal.h"

#include <string.h>

static const struct {
    const char *spelling;
    enum lc_annotation bit;
} extract_annotation_names[] = {
    { "loopcheck:async", LC_ANNOT_ASYNC },
    { "loopcheck:worker", LC_ANNOT_WORKER },
    { "loopcheck:blocking", LC_ANNOT_BLOCKING },
    { "loopcheck:nonblocking", LC_ANNOT_NONBLOCKING },
    { "loopcheck:cheap", LC_ANNOT_CHEAP },
};

/* `_Noreturn`, `[[noreturn]]`, `__attribute__((analyzer_noreturn))` and
 * `__attribute__((cold))`, which libclang does not expose: the bit the
 * attribute's first word stands for, or 0.  The word is read where it is
 * spelled: through a macro defined in a header (`#define
 * __attribute_cold__ __attribute__((__cold__))`), the attribute's extent
 * runs from the header to the use and holds no token. */
static unsigned extract_unexposed_attribute(CXCursor attribute)
{
    CXTranslationUnit tu = clang_Cursor_getTranslationUnit(attribute);
    CXFile file;
    unsigned line, column, offset;
    clang_getSpellingLocation(clang_getRangeStart(clang_getCursorExtent(attribute)), &file, &line, &column, &offset);
    CXToken *token = file ? clang_getToken(tu, clang_getLocation(tu, file, line, column)) : NULL;
    if (!token)
        return 0;
    unsigned bit = 0;
    CXString word = clang_getTokenSpelling(tu, *token);
    const char *text = clang_getCString(word);
    if (text && (strcmp(text, "_Noreturn") == 0 || strcmp(text, "noreturn") == 0
                 || strcmp(text, "analyzer_noreturn") == 0))
        bit = LC_ANNOT_NORETURN;
    else if (text && (strcmp(text, "cold") == 0 || strcmp(text, "__cold__") == 0))
        bit = LC_ANNOT_COLD;
    clang_disposeString(word);
    clang_disposeTokens(tu, token, 1);
    return bit;
}

static enum CXChildVisitResult extract_collect_annotation(CXCursor child, CXCursor parent, CXClientData data)
{
    (void)parent;
    unsigned *annotations = data;
    if (clang_getCursorKind(child) == CXCursor_UnexposedAttr)
        *annotations |= extract_unexposed_attribute(child);
    if (clang_getCursorKind(child) != CXCursor_AnnotateAttr)
        return CXChildVisit_Continue;
    CXString spelling = clang_getCursorSpelling(child);
    const char *text = clang_getCString(spelling);
    size_t count = sizeof extract_annotation_names / sizeof extract_annotation_names[0];
    for (size_t i = 0; i < count; i++)
        if (strcmp(text, extract_annotation_names[i].spelling) == 0)
            *annotations |= extract_annotation_names[i].bit;
    clang_disposeString(spelling);
    return CXChildVisit_Continue;
}

unsigned lc_extract_annotations(CXCursor function)
{
    unsigned annotations = 0;
    clang_visitChildren(function, extract_collect_annotation, &annotations);
    CXString type = clang_getTypeSpelling(clang_getCursorType(function));
    const char *spelling = clang_getCString(type);
    if (spelling && strstr(spelling, "__attribute__((noreturn))"))
        annotations |= LC_ANNOT_NORETURN;
    clang_disposeString(type);
    return annotations;
}
