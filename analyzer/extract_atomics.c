/* extract_atomics.c — atomic operations (extract_access.c): a call of
 * __atomic_*, __sync_*, atomic_* or __c11_atomic_*, and the GCC and C11
 * builtins libclang leaves unexposed (AtomicExprs), known by the name
 * spelled where they start; `&g` among such an expression's operands is a
 * WRITE unless that name says "load". */
#include "extract_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int extract_is_atomic_name(const char *name, size_t length)
{
    static const char *const prefixes[] = { "__atomic_", "__sync_", "atomic_", "__c11_atomic_" };
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t prefix_length = strlen(prefixes[i]);
        if (length > prefix_length && strncmp(name, prefixes[i], prefix_length) == 0)
            return 1;
    }
    return 0;
}

/* The name of an AtomicExpr (an unexposed expression of two operands or
 * more whose first token, where it is spelled, names an atomic builtin):
 * [*name, *name + length); 0 when `expr` is none. */
static size_t extract_atomic_expression_name(struct lc_extract_walk *walk, CXCursor expr,
                                             const char **name)
{
    CXCursor operands[2];
    if (lc_extract_children(expr, operands, 2) < 2)
        return 0;
    CXFile file;
    unsigned offset;
    clang_getSpellingLocation(clang_getCursorLocation(expr), &file, NULL, NULL, &offset);
    struct lc_extract_file *entry = file ? lc_extract_file_entry(walk, file) : NULL;
    size_t size;
    const char *contents = entry ? lc_extract_file_contents(walk, entry, &size) : NULL;
    if (!contents || offset >= size)
        return 0;
    size_t length = 0;
    while (offset + length < size &&
           (isalnum((unsigned char)contents[offset + length]) || contents[offset + length] == '_'))
        length++;
    *name = contents + offset;
    return extract_is_atomic_name(*name, length) ? length : 0;
}

/* The `&g` operands of an AtomicExpr that is not a load are WRITEs. */
static void extract_claim_atomic_operands(struct lc_extract_walk *walk, CXCursor expr,
                                          const char *name, size_t length)
{
    for (size_t i = 0; i + 4 <= length; i++)
        if (strncmp(name + i, "load", 4) == 0)
            return;
    unsigned count;
    CXCursor *operands = lc_extract_children_all(walk, expr, &count);
    for (unsigned i = 0; i < count; i++) {
        CXCursor operand = lc_extract_strip(operands[i]), object;
        if (clang_getCursorKind(operand) == CXCursor_UnaryOperator &&
            clang_getCursorUnaryOperatorKind(operand) == CXUnaryOperator_AddrOf &&
            lc_extract_children(operand, &object, 1) == 1)
            lc_extract_claim(walk, object, LC_EXTRACT_CLAIM_WRITE, 1);
    }
    free(operands);
}

size_t lc_extract_atomic_name(struct lc_extract_walk *walk, CXCursor expr, const char **name)
{
    if (clang_getCursorKind(expr) == CXCursor_CallExpr) {
        *name = lc_extract_string(walk, clang_getCursorSpelling(expr));
        return *name && extract_is_atomic_name(*name, strlen(*name)) ? strlen(*name) : 0;
    }
    return clang_getCursorKind(expr) == CXCursor_UnexposedExpr ? extract_atomic_expression_name(walk, expr, name) : 0;
}

int lc_extract_atomic_operation(struct lc_extract_walk *walk, CXCursor expr,
                                const char *callee_name)
{
    if (callee_name)
        return extract_is_atomic_name(callee_name, strlen(callee_name));
    const char *name;
    size_t length = extract_atomic_expression_name(walk, expr, &name);
    if (length)
        extract_claim_atomic_operands(walk, expr, name, length);
    return length > 0;
}
