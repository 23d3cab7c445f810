/* extract_param_writes.c — does a function defined in the TU write through
 * one of its pointer parameters?  Used by extract_access.c: `f(&g)` or
 * `f(g_array)` is a WRITE of g only when f may write through that
 * parameter.
 *
 * Every use of the parameter P in the body is followed upwards (an explicit
 * ancestor stack; implicit casts, parentheses and casts are transparent)
 * with one of two states:
 *  - POINTER: a pointer into P's object (P itself, `&P->f`, `P + 1`, an
 *    array inside it decaying);
 *  - PLACE: an lvalue inside P's object (`*P`, `P->f`, `P[i]`, `P->a.b`).
 * A PLACE that is assigned, compound-assigned or incremented is a write; a
 * PLACE read as a value (not an array) is safe, and the value read (even a
 * pointer, `P->queue`) points elsewhere.  A POINTER compared or tested is
 * safe; passed to a call it is a write unless the parameter is a pointer to
 * const or the callee, defined in this TU, does not write through it (up to
 * LC_PARAM_WRITES_DEPTH calls deep); anything else (stored, returned,
 * copied into a variable) counts as a write: it may be written through the
 * copy.  Functions not defined in the TU are assumed to write here; a
 * direct call of one is left to linking, which reads the mask of the
 * parameters its definition writes through (lc_extract_param_writes_mask,
 * computed for every definition other TUs can call). */
#include "extract_internal.h"

#include <stdlib.h>

#define LC_PARAM_WRITES_DEPTH 4
#define LC_PARAM_WRITES_STACK 256

enum param_state { PARAM_POINTER, PARAM_PLACE };

#define LC_PARAM_WRITES_PARAMS 32   /* parameters a mask holds */

/* One walk of a body for the parameters asked about. */
struct param_scan {
    CXCursor parms[LC_PARAM_WRITES_PARAMS];   /* canonical, by position */
    unsigned parm_count;
    uint32_t wanted;  /* the positions asked about */
    uint32_t written; /* those found written through */
    int depth;        /* calls followed so far */
    CXCursor stack[LC_PARAM_WRITES_STACK];
    unsigned height;
};

static int param_is_transparent(CXCursor cursor)
{
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    return kind == CXCursor_UnexposedExpr || kind == CXCursor_ParenExpr || kind == CXCursor_CStyleCastExpr;
}

static int param_is_array(CXCursor cursor)
{
    enum CXTypeKind kind = clang_getCanonicalType(clang_getCursorType(cursor)).kind;
    return kind == CXType_ConstantArray || kind == CXType_IncompleteArray || kind == CXType_VariableArray;
}

static int param_function_writes(CXCursor function, unsigned index, int depth);

/* A POINTER passed as argument `child` of `call`. */
static int param_call_writes(CXCursor call, CXCursor child, int depth)
{
    int nargs = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < nargs; i++) {
        if (!clang_equalCursors(clang_Cursor_getArgument(call, (unsigned)i), child))
            continue;
        CXType type = clang_getCanonicalType(clang_getCursorType(child));
        if (type.kind == CXType_Pointer && clang_isConstQualifiedType(clang_getPointeeType(type)))
            return 0;
        CXCursor callee = clang_getCursorReferenced(call);
        if (clang_getCursorKind(callee) != CXCursor_FunctionDecl || depth >= LC_PARAM_WRITES_DEPTH)
            return 1;
        return param_function_writes(clang_getCursorDefinition(callee), (unsigned)i, depth + 1);
    }
    return 0;   /* the callee expression itself */
}

/* Does the use of P at the top of the stack write through it? */
static int param_use_writes(const struct param_scan *scan)
{
    enum param_state state = PARAM_POINTER;
    CXCursor child = scan->stack[scan->height - 1], place = child;
    for (unsigned level = scan->height - 1; level > 0; level--) {
        CXCursor parent = scan->stack[level - 1];
        if (param_is_transparent(parent)) {
            child = parent;
            continue;
        }
        CXCursor first;
        int is_first = lc_extract_children(parent, &first, 1) >= 1 && clang_equalCursors(first, child);
        enum CXCursorKind kind = clang_getCursorKind(parent);
        if (state == PARAM_PLACE && param_is_array(place)
            && !(is_first && (kind == CXCursor_MemberRefExpr || kind == CXCursor_ArraySubscriptExpr)))
            state = PARAM_POINTER;   /* an array inside P's object decays */
        switch (kind) {
        case CXCursor_MemberRefExpr:
        case CXCursor_ArraySubscriptExpr:
            if (!is_first)
                return 0;   /* an index */
            state = PARAM_PLACE;
            place = parent;
            break;
        case CXCursor_UnaryOperator:
            switch (clang_getCursorUnaryOperatorKind(parent)) {
            case CXUnaryOperator_Deref:
                state = PARAM_PLACE;
                place = parent;
                break;
            case CXUnaryOperator_AddrOf:
                state = PARAM_POINTER;
                break;
            case CXUnaryOperator_LNot:
                return 0;
            default:        /* ++, --: of the place, or of the pointer copy */
                return state == PARAM_PLACE;
            }
            break;
        case CXCursor_CompoundAssignOperator:
            return is_first && state == PARAM_PLACE;
        case CXCursor_BinaryOperator: {
            enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(parent);
            if (op == CXBinaryOperator_Assign)
                return state == PARAM_PLACE ? is_first : !is_first;
            if (state == PARAM_POINTER && (op == CXBinaryOperator_Add || op == CXBinaryOperator_Sub))
                break;
            return 0;       /* compared, or a value read and combined */
        }
        case CXCursor_CallExpr:
            if (state == PARAM_PLACE)
                return 0;   /* a value read from P's object */
            return param_call_writes(parent, child, scan->depth);
        default:
            if (state == PARAM_PLACE)
                return 0;   /* read */
            return clang_isStatement(kind) && kind != CXCursor_ReturnStmt
                       ? 0  /* tested: if (P), while (P) */
                       : 1;
        }
        child = parent;
    }
    return 0;
}

/* The position of the parameter asked about that `cursor` names, or -1. */
static int param_named(const struct param_scan *scan, CXCursor cursor)
{
    if (clang_getCursorKind(cursor) != CXCursor_DeclRefExpr)
        return -1;
    CXCursor referenced = clang_getCursorReferenced(cursor);
    if (clang_getCursorKind(referenced) != CXCursor_ParmDecl)
        return -1;
    for (unsigned i = 0; i < scan->parm_count; i++)
        if (((scan->wanted >> i) & 1u) && clang_equalCursors(referenced, scan->parms[i]))
            return (int)i;
    return -1;
}

static enum CXChildVisitResult param_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct param_scan *scan = data;
    if (scan->height == LC_PARAM_WRITES_STACK) {
        scan->written = scan->wanted;
        return CXChildVisit_Break;
    }
    scan->stack[scan->height++] = cursor;
    int named = param_named(scan, cursor);
    if (named >= 0) {
        if (!((scan->written >> named) & 1u) && param_use_writes(scan))
            scan->written |= 1u << named;
    } else {
        clang_visitChildren(cursor, param_visit, scan);
    }
    scan->height--;
    return scan->written == scan->wanted ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* Which of the parameters in `wanted` (bit i: position i) the definition
 * `function` may write through: one walk of its body for all of them. */
static uint32_t param_function_writes_mask(CXCursor function, uint32_t wanted, int depth)
{
    struct param_scan *scan = malloc(sizeof *scan);
    if (!scan)
        return wanted;
    int count = clang_Cursor_getNumArguments(function);
    scan->parm_count = count < LC_PARAM_WRITES_PARAMS ? (unsigned)count : LC_PARAM_WRITES_PARAMS;
    for (unsigned i = 0; i < scan->parm_count; i++)
        scan->parms[i] = clang_getCanonicalCursor(clang_Cursor_getArgument(function, i));
    scan->wanted = wanted;
    scan->written = 0;
    scan->depth = depth;
    scan->height = 0;
    if (wanted)
        clang_visitChildren(function, param_visit, scan);
    uint32_t written = scan->written;
    free(scan);
    return written;
}

static int param_function_writes(CXCursor function, unsigned index, int depth)
{
    if (clang_Cursor_isNull(function) || clang_getCursorKind(function) != CXCursor_FunctionDecl
        || !clang_isCursorDefinition(function) || (int)index >= clang_Cursor_getNumArguments(function)
        || index >= LC_PARAM_WRITES_PARAMS)
        return 1;
    return param_function_writes_mask(function, 1u << index, depth) != 0;
}

int lc_extract_call_writes_argument(CXCursor call, unsigned index)
{
    CXCursor callee = clang_getCursorReferenced(call);
    if (clang_getCursorKind(callee) != CXCursor_FunctionDecl)
        return 1;
    return param_function_writes(clang_getCursorDefinition(callee), index, 0);
}

CXCursor lc_extract_call_external_callee(CXCursor call)
{
    CXCursor callee = clang_getCursorReferenced(call);
    if (clang_getCursorKind(callee) != CXCursor_FunctionDecl || !clang_Cursor_isNull(clang_getCursorDefinition(callee)))
        return clang_getNullCursor();
    return callee;
}

uint32_t lc_extract_param_writes_mask(CXCursor function)
{
    uint32_t mask = UINT32_MAX, pointers = 0;   /* positions past the parameters: variadic */
    int count = clang_Cursor_getNumArguments(function);
    for (int i = 0; i < count && i < LC_PARAM_WRITES_PARAMS; i++) {
        CXType type = clang_getCanonicalType(clang_getCursorType(clang_Cursor_getArgument(function, (unsigned)i)));
        if (type.kind == CXType_Pointer && !clang_isConstQualifiedType(clang_getPointeeType(type)))
            pointers |= 1u << i;
        mask &= ~(1u << i);
    }
    return mask | param_function_writes_mask(function, pointers, 0);
}
