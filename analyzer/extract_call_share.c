/* extract_call_share.c — calls whose work is the round's own share of a
 * loop around them, whatever their callee walks to do it (call fact
 * `share`, enum lc_call_share): formatting a message (a variadic callee
 * given a string literal for its last named parameter) and comparing two
 * keys through a function pointer (two pointers to one const type, an
 * integer result). */
#include "extract_internal.h"

/* `log_error(errh, __FILE__, __LINE__, "bad %s", name)`,
 * `ngx_log_error_core(level, log, err, "%V", &s)`: the callee takes a
 * variable argument list after a named parameter given a string literal,
 * the format of what it writes. */
static int call_formats(CXCursor callee, CXCursor call)
{
    if (clang_getCursorKind(callee) != CXCursor_FunctionDecl || !lc_extract_function_is_variadic(callee))
        return 0;
    int named = clang_Cursor_getNumArguments(callee);
    if (named < 1 || clang_Cursor_getNumArguments(call) < named)
        return 0;
    CXCursor format = lc_extract_strip(clang_Cursor_getArgument(call, (unsigned)named - 1));
    return clang_getCursorKind(format) == CXCursor_StringLiteral;
}

static int call_is_integer(CXType type)
{
    switch (clang_getCanonicalType(type).kind) {
    case CXType_Int: case CXType_Long: case CXType_LongLong: case CXType_Short: case CXType_SChar:
        return 1;
    default:
        return 0;
    }
}

/* `int (*cmp)(const void *, const void *)`, GLib's `gint (*)(gconstpointer,
 * gconstpointer)`, tor's `int (*)(const void **, const void **)`: two
 * pointers to one const type (or pointers to such pointers), an integer
 * result. */
static int call_compares_type(CXType type)
{
    type = clang_getCanonicalType(type);
    if (type.kind == CXType_Pointer)
        type = clang_getCanonicalType(clang_getPointeeType(type));
    if (type.kind != CXType_FunctionProto || clang_getNumArgTypes(type) != 2 || clang_isFunctionTypeVariadic(type)
        || !call_is_integer(clang_getResultType(type)))
        return 0;
    CXType first = clang_getCanonicalType(clang_getArgType(type, 0));
    CXType second = clang_getCanonicalType(clang_getArgType(type, 1));
    if (first.kind != CXType_Pointer || !clang_equalTypes(first, second))
        return 0;
    CXType key = clang_getPointeeType(first);
    if (key.kind == CXType_Pointer)
        key = clang_getPointeeType(key);
    return clang_isConstQualifiedType(key);
}

/* `rbtree->cmp(key, node->key)`: made through a pointer of a comparison's
 * type (a direct call is followed as it is). */
static int call_compares(CXCursor callee, CXCursor call)
{
    CXCursor children[1];
    return clang_getCursorKind(callee) != CXCursor_FunctionDecl && lc_extract_children(call, children, 1) >= 1
           && call_compares_type(clang_getCursorType(lc_extract_strip(children[0])));
}

enum lc_call_share lc_extract_call_share(CXCursor call)
{
    CXCursor callee = clang_getCursorReferenced(call);
    return call_formats(callee, call)    ? LC_SHARE_MESSAGE
           : call_compares(callee, call) ? LC_SHARE_COMPARISON
                                         : LC_SHARE_NONE;
}
