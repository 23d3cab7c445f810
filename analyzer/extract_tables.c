/* extract_tables.c — fixed tables a value names: an array of a constant
 * length of more than one entry, of records or of pointers (a table of
 * structs or of strings, not a buffer of characters or numbers), named
 * as itself (`lookup(rcodes, id)`: the array decays) or by its first
 * entry's address (`&rcodes[0]`), or a global pointer whose initialiser
 * is such an array (`sldns_lookup_table *sldns_rcodes =
 * sldns_rcodes_data;`).  A loop walking a table to its sentinel makes at
 * most that many rounds (extract_loop_table_param.c, call_arg table_length;
 * a global pointer's length is kept with its definition and given to the
 * arguments naming it when nothing writes it: program_load_tables.c). */
#include "extract_internal.h"

long long lc_extract_array_length(CXType type)
{
    type = clang_getCanonicalType(type);
    long long length = type.kind == CXType_ConstantArray ? clang_getArraySize(type) : 0;
    return length > 1 ? length : 0;
}

/* The length of an array type of table entries, more than one; else 0. */
static long long tables_length_of_type(CXType type)
{
    enum CXTypeKind entry = clang_getCanonicalType(clang_getArrayElementType(clang_getCanonicalType(type))).kind;
    return entry == CXType_Record || entry == CXType_Pointer ? lc_extract_array_length(type) : 0;
}

long long lc_extract_table_length(CXCursor expr)
{
    int address = 0;
    CXCursor element = lc_extract_array_element(expr, &address), parts[2];
    long long index;
    if (!clang_Cursor_isNull(element)) {
        /* `&t[0]`: the table from its start */
        if (!address || lc_extract_children(element, parts, 2) != 2 || !lc_extract_integer_constant(parts[1], &index)
            || index != 0)
            return 0;
        expr = parts[0];
    }
    expr = lc_extract_strip(expr);
    if (clang_getCursorKind(expr) != CXCursor_DeclRefExpr
        || clang_getCursorKind(clang_getCursorReferenced(expr)) != CXCursor_VarDecl)
        return 0;
    return tables_length_of_type(clang_getCursorType(clang_getCursorReferenced(expr)));
}

long long lc_extract_variable_table_length(CXCursor variable)
{
    long long length = tables_length_of_type(clang_getCursorType(variable));
    if (length > 0 || clang_getCanonicalType(clang_getCursorType(variable)).kind != CXType_Pointer)
        return length;
    CXCursor value = clang_Cursor_getVarDeclInitializer(variable);
    return clang_Cursor_isNull(value) ? 0 : lc_extract_table_length(value);
}
