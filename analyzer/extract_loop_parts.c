/* extract_loop_parts.c — the string parameter whose parts a loop walks.
 * A loop walks the parts of string parameter p when its condition reads
 * nothing but constants, counters (integer locals) and one local vector of
 * strings (`char **`: `*tmp != NULL`, `parts[i] != NULL`), and every value
 * the function gives that vector is a constant, one computed from the
 * vector itself (`tmp++`), another such local (`tmp = list`, depth
 * PARTS_DEPTH), or the result, of type `char **`, of a call given p and
 * constants alone (`list = g_strsplit(section, "/", -1)`: a split, a
 * tokenisation), p never changed.  The rounds are as many as p has parts:
 * a caller passing a literal (`config_node_traverse(rec, "settings", 0)`)
 * makes them a few (cost.c). */
#include "extract_internal.h"

#define PARTS_DEPTH 2   /* locals followed from the walker to the split */

enum parts_verdict { PARTS_FAILED = -2, PARTS_NEUTRAL = -1 };

static int parts_is_vector(CXType type)
{
    type = clang_getCanonicalType(type);
    return type.kind == CXType_Pointer && lc_extract_is_string(clang_getPointeeType(type));
}

static void parts_found(int *param, int found)
{
    if (*param == PARTS_FAILED)
        return;
    *param = found < 0 || (*param >= 0 && *param != found) ? PARTS_FAILED : found;
}

/* A call given one string parameter and constants: the parameter's index,
 * PARTS_FAILED otherwise. */
static int parts_split_of(struct lc_extract_walk *walk, CXCursor call)
{
    int param = PARTS_NEUTRAL;
    long long number;
    int count = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < count && param != PARTS_FAILED; i++) {
        CXCursor arg = lc_extract_strip(clang_Cursor_getArgument(call, (unsigned)i));
        if (clang_getCursorKind(arg) == CXCursor_StringLiteral || lc_extract_integer_constant(arg, &number)
            || lc_extract_is_null_pointer_constant(arg))
            continue;
        CXCursor variable = lc_extract_loop_variable(arg);
        int index = !clang_Cursor_isNull(variable) && clang_getCursorKind(variable) == CXCursor_ParmDecl
                            && lc_extract_is_string(clang_getCursorType(variable))
                        ? lc_extract_parameter_of(walk, variable)
                        : -1;
        parts_found(&param, index);
    }
    return param >= 0 ? param : PARTS_FAILED;
}

/* What the function gives one local vector of strings. */
struct parts_vector {
    struct lc_extract_walk *walk;
    CXCursor variable;   /* canonical */
    unsigned depth;
    int param;           /* as parts_found */
};

static int parts_vector_of(struct lc_extract_walk *walk, CXCursor variable, unsigned depth);

static void parts_value(struct parts_vector *vector, CXCursor value)
{
    value = lc_extract_strip(value);
    if (lc_extract_is_null_pointer_constant(value))
        return;
    if (lc_extract_reads_variable(value, vector->variable))
        return;   /* moved on from itself */
    CXCursor source = lc_extract_loop_variable(value);
    if (clang_getCursorKind(value) == CXCursor_CallExpr && parts_is_vector(clang_getCursorType(value)))
        parts_found(&vector->param, parts_split_of(vector->walk, value));
    else if (!clang_Cursor_isNull(source) && clang_getCursorKind(source) == CXCursor_VarDecl
             && !clang_Cursor_hasVarDeclGlobalStorage(source) && parts_is_vector(clang_getCursorType(source))
             && vector->depth < PARTS_DEPTH)
        parts_found(&vector->param, parts_vector_of(vector->walk, source, vector->depth + 1));
    else
        vector->param = PARTS_FAILED;
}

static enum CXChildVisitResult parts_vector_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct parts_vector *vector = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor sides[2], value, variable = lc_extract_variable_set(cursor, &value);
    if (!clang_Cursor_isNull(variable) && clang_equalCursors(variable, vector->variable)) {
        parts_value(vector, value);
    } else if (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(cursor) == CXUnaryOperator_AddrOf
               && lc_extract_children(cursor, sides, 1) == 1
               && clang_equalCursors(lc_extract_loop_variable(sides[0]), vector->variable)) {
        vector->param = PARTS_FAILED;   /* set where the function cannot see */
    }
    return vector->param == PARTS_FAILED ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* The parameter whose parts every value of `variable` comes from;
 * PARTS_NEUTRAL when it is given none, PARTS_FAILED when one is not. */
static int parts_vector_of(struct lc_extract_walk *walk, CXCursor variable, unsigned depth)
{
    struct parts_vector vector = { walk, clang_getCanonicalCursor(variable), depth, PARTS_NEUTRAL };
    clang_visitChildren(walk->function, parts_vector_visit, &vector);
    return vector.param;
}

/* The condition: its one vector of strings, counters and constants. */
struct parts_condition {
    CXCursor vector;   /* null until seen */
    int failed;
};

static enum CXChildVisitResult parts_condition_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct parts_condition *condition = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (kind == CXCursor_UnaryExpr)   /* sizeof: not evaluated */
        return CXChildVisit_Continue;
    if (kind == CXCursor_CallExpr || kind == CXCursor_MemberRefExpr) {
        condition->failed = 1;
        return CXChildVisit_Break;
    }
    if (kind != CXCursor_DeclRefExpr)
        return CXChildVisit_Recurse;
    CXCursor declaration = clang_getCanonicalCursor(clang_getCursorReferenced(cursor));
    CXType type = clang_getCanonicalType(clang_getCursorType(declaration));
    int local = lc_extract_is_local(declaration);
    int counter = local && type.kind >= CXType_Bool && type.kind <= CXType_Int128;
    if (local && parts_is_vector(type) && (clang_Cursor_isNull(condition->vector)
                                           || clang_equalCursors(condition->vector, declaration)))
        condition->vector = declaration;
    else if (!counter && clang_getCursorKind(declaration) != CXCursor_EnumConstantDecl)
        condition->failed = 1;   /* a parameter, a global, a second vector */
    return condition->failed ? CXChildVisit_Break : CXChildVisit_Recurse;
}

int lc_extract_loop_string_parts(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts)
{
    struct parts_condition condition = { clang_getNullCursor(), 0 };
    if (clang_Cursor_isNull(parts->condition) || clang_Cursor_isNull(walk->function))
        return -1;
    if (parts_condition_visit(parts->condition, clang_getNullCursor(), &condition) == CXChildVisit_Recurse)
        clang_visitChildren(parts->condition, parts_condition_visit, &condition);
    if (condition.failed || clang_Cursor_isNull(condition.vector))
        return -1;
    int param = parts_vector_of(walk, condition.vector, 0);
    return param >= 0 ? param : -1;
}
