/* extract_va_arg.c — recognising variable argument lists: a `va_list`
 * type, a `va_arg(list, T)` expression, and a variadic function or one
 * given a `va_list`, for the walks that follow what a function takes from
 * its variable arguments (extract_element_varargs.c, extract_param_writes.c). */
#include "extract_internal.h"

#include <string.h>

int lc_extract_is_va_list_type(CXType type)
{
    CXString spelling = clang_getTypeSpelling(clang_getCanonicalType(type));
    const char *text = clang_getCString(spelling);
    int list = text && (strstr(text, "va_list") != NULL);
    clang_disposeString(spelling);
    return list;
}

/* libclang shows `va_arg(list, T)` as an unexposed expression of type T
 * over the list (which the usual stripping would take for a conversion of
 * the list itself). */
int lc_extract_is_va_arg(CXCursor expr)
{
    CXCursor children[8];
    for (unsigned depth = 0; depth < 16; depth++) {
        enum CXCursorKind kind = clang_getCursorKind(expr);
        if (kind != CXCursor_UnexposedExpr && kind != CXCursor_ParenExpr && kind != CXCursor_CStyleCastExpr)
            return 0;
        unsigned count = lc_extract_children(expr, children, 8);
        if (count == 0 || count > 8)
            return 0;
        if (kind == CXCursor_UnexposedExpr && !lc_extract_is_va_list_type(clang_getCursorType(expr))
            && lc_extract_is_va_list_type(clang_getCursorType(lc_extract_strip(children[count - 1])))) {
            unsigned types = 0;   /* the T of va_arg(list, T) may show first, as type references */
            while (types + 1 < count && clang_getCursorKind(children[types]) == CXCursor_TypeRef)
                types++;
            return types + 1 == count;
        }
        expr = children[count - 1];
    }
    return 0;
}

int lc_extract_function_is_variadic(CXCursor function)
{
    CXType type = clang_getCursorType(function);
    return type.kind == CXType_FunctionProto && clang_isFunctionTypeVariadic(type);
}

int lc_extract_function_reads_va_list(CXCursor function)
{
    if (lc_extract_function_is_variadic(function))
        return 1;
    int count = clang_Cursor_getNumArguments(function);
    for (int i = 0; i < count; i++)
        if (lc_extract_is_va_list_type(clang_getCursorType(clang_Cursor_getArgument(function, (unsigned)i))))
            return 1;
    return 0;
}

int lc_extract_library_reads_variable_arguments(CXCursor callee)
{
    static const char *const readers[] = {
        "printf", "fprintf", "dprintf", "sprintf", "snprintf", "asprintf", "syslog",
        "vprintf", "vfprintf", "vdprintf", "vsprintf", "vsnprintf", "vasprintf", "vsyslog",
    };
    CXString spelling = clang_getCursorSpelling(callee);
    const char *name = clang_getCString(spelling);
    int reads = 0;
    for (size_t i = 0; name && i < sizeof readers / sizeof *readers; i++)
        reads |= strcmp(name, readers[i]) == 0;
    clang_disposeString(spelling);
    return reads;
}
