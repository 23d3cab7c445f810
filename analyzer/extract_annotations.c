/* extract_annotations.c — what a function's declaration says of it: the
 * `annotate("loopcheck:...")` attributes of its colors and of its cost
 * (`loopcheck:cheap`), and that it never
 * returns (GNU `noreturn`, which lives in the function's type; C11
 * `_Noreturn` and `[[noreturn]]`, clang's `analyzer_noreturn`, which
 * libclang does not expose but as an attribute's first word). */
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

/* `_Noreturn`, `[[noreturn]]` and `__attribute__((analyzer_noreturn))`,
 * which libclang does not expose: the attribute's first word. */
static int extract_is_noreturn_attribute(CXCursor attribute)
{
    CXTranslationUnit tu = clang_Cursor_getTranslationUnit(attribute);
    CXToken *tokens;
    unsigned count;
    clang_tokenize(tu, clang_getCursorExtent(attribute), &tokens, &count);
    int noreturn = 0;
    if (count > 0) {
        CXString word = clang_getTokenSpelling(tu, tokens[0]);
        const char *text = clang_getCString(word);
        noreturn = text && (strcmp(text, "_Noreturn") == 0 || strcmp(text, "noreturn") == 0
                            || strcmp(text, "analyzer_noreturn") == 0);
        clang_disposeString(word);
    }
    clang_disposeTokens(tu, tokens, count);
    return noreturn;
}

static enum CXChildVisitResult extract_collect_annotation(CXCursor child, CXCursor parent, CXClientData data)
{
    (void)parent;
    unsigned *annotations = data;
    if (clang_getCursorKind(child) == CXCursor_UnexposedAttr && extract_is_noreturn_attribute(child))
        *annotations |= LC_ANNOT_NORETURN;
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
