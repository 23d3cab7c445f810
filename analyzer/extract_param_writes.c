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
 * LC_PARAM_WRITES_DEPTH calls deep); anything else (stored into a field or
 * a global, returned) counts as a write: it may be written through the
 * copy.  Functions not defined in the TU are assumed to write here; a
 * direct call of one is left to linking, which reads the mask of the
 * parameters its definition writes through (lc_extract_param_writes_mask,
 * computed for every definition other TUs can call).  The same walk hands
 * each use, with how it uses the pointer, to a visitor
 * (lc_extract_param_uses: the locks a helper holds at them,
 * extract_helper_locks.c).
 *
 * A pointer copied into a local (`struct t *t = p;`) is followed through
 * the local's uses as P's own.  What a variadic function takes from its
 * variable arguments is followed the same way: each `va_arg(list, T *)`
 * (T not const) is a use, and the list handed to another function (`va_list`
 * to `vformat(buf, fmt, args)`) writes when that function writes through
 * what it takes with `va_arg`; the C library's formatters (`vsnprintf`,
 * `printf`...) only read theirs (`%n` aside).  A variadic function that
 * writes through none of them writes through no argument past its
 * parameters: `format(buf, "[%V]", &levels[i])` reads `levels`. */
#include "extract_internal.h"

#include <stdlib.h>
#include <string.h>

#define LC_PARAM_WRITES_DEPTH 4
#define LC_PARAM_WRITES_STACK 256

enum param_state { PARAM_POINTER, PARAM_PLACE };

#define LC_PARAM_WRITES_PARAMS 32   /* parameters a mask holds */
#define PARAM_VARIADIC LC_PARAM_WRITES_PARAMS   /* the position of what
                                                   va_arg gives */
#define LC_PARAM_WRITES_ALIASES 16  /* locals copies are followed into */
#define LC_PARAM_WRITES_PASSES 3    /* walks, for copies used before
                                       they are made (in a loop) */

/* One walk of a body for the parameters asked about. */
struct param_scan {
    CXCursor parms[LC_PARAM_WRITES_PARAMS];   /* canonical, by position */
    unsigned parm_count;
    CXCursor aliases[LC_PARAM_WRITES_ALIASES];   /* locals holding a copy */
    unsigned alias_position[LC_PARAM_WRITES_ALIASES];
    unsigned alias_count;
    uint64_t wanted;  /* the positions asked about (PARAM_VARIADIC too) */
    uint64_t written; /* those found written through */
    int depth;        /* calls followed so far */
    CXCursor stack[LC_PARAM_WRITES_STACK];
    unsigned height;
    /* Set: the uses that write (every use, with every_use) are handed to
     * `collect` and the walk goes on (lc_extract_param_uses); `via_call`,
     * `via_position`: the call the use being classified is an argument
     * of, or a null cursor. */
    lc_extract_param_use_fn collect;
    void *collect_context;
    int every_use;
    int collect_stopped;
    CXCursor via_call;
    unsigned via_position;
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

static int param_is_pointer(CXType type)
{
    return clang_getCanonicalType(type).kind == CXType_Pointer;
}

static int param_is_writable_pointer(CXType type)
{
    CXType canonical = clang_getCanonicalType(type);
    return canonical.kind == CXType_Pointer && !clang_isConstQualifiedType(clang_getPointeeType(canonical));
}

static uint64_t param_function_writes_mask(CXCursor function, uint64_t wanted, int depth);

/* May `callee` (a function declaration) write through a pointer it is
 * given at `index`, past its parameters when `index` is PARAM_VARIADIC,
 * or through what it takes with `va_arg` from a va_list given there? */
static int param_callee_writes(CXCursor callee, unsigned index, int depth)
{
    if (clang_getCursorKind(callee) != CXCursor_FunctionDecl)
        return 1;
    CXCursor definition = clang_getCursorDefinition(callee);
    if (clang_Cursor_isNull(definition))
        return index != PARAM_VARIADIC || !lc_extract_library_reads_variable_arguments(callee);
    if (depth >= LC_PARAM_WRITES_DEPTH || (index >= LC_PARAM_WRITES_PARAMS && index != PARAM_VARIADIC))
        return 1;
    return param_function_writes_mask(definition, (uint64_t)1 << index, depth + 1) != 0;
}

/* The position of argument `child` of `call` for its callee's summary: a
 * parameter's, or PARAM_VARIADIC past the parameters of a variadic
 * callee, or for a va_list; -1 when `child` is the callee expression. */
static int param_argument_position(CXCursor call, CXCursor child, int *past_parameters)
{
    int nargs = clang_Cursor_getNumArguments(call);
    CXCursor callee = clang_getCursorReferenced(call);
    int declared = clang_getCursorKind(callee) == CXCursor_FunctionDecl ? clang_Cursor_getNumArguments(callee) : -1;
    for (int i = 0; i < nargs; i++) {
        if (!lc_extract_same_expression(clang_Cursor_getArgument(call, (unsigned)i), child))
            continue;   /* (cursors of one expression reached two ways differ) */
        *past_parameters = declared >= 0 && i >= declared && lc_extract_function_is_variadic(callee);
        return *past_parameters ? PARAM_VARIADIC : i;
    }
    return -1;
}

/* A POINTER passed as argument `child` of `call` (kept in scan->via_call):
 * LC_PARAM_USE_CALL_WRITE when the callee may write through it. */
static enum lc_param_use param_call_writes(struct param_scan *scan, CXCursor call, CXCursor child)
{
    int past_parameters = 0, position = param_argument_position(call, child, &past_parameters);
    if (position < 0)
        return LC_PARAM_USE_READ;   /* the callee expression itself */
    scan->via_call = call;
    scan->via_position = (unsigned)position;
    if (!param_is_writable_pointer(clang_getCursorType(child))
        || !param_callee_writes(clang_getCursorReferenced(call), (unsigned)position, scan->depth))
        return LC_PARAM_USE_READ;
    return LC_PARAM_USE_CALL_WRITE;
}

/* A variable argument list used in the body: va_start, va_end and
 * va_copy are no writes; handed to a function, what that function does
 * with it; kept any other way, a write. */
static int param_list_use_writes(const struct param_scan *scan)
{
    CXCursor child = scan->stack[scan->height - 1];
    for (unsigned level = scan->height - 1; level > 0; level--) {
        CXCursor parent = scan->stack[level - 1];
        if (param_is_transparent(parent)) {
            child = parent;
            continue;
        }
        if (clang_getCursorKind(parent) != CXCursor_CallExpr)
            return 1;
        CXString spelling = clang_getCursorSpelling(clang_getCursorReferenced(parent));
        const char *name = clang_getCString(spelling);
        int builtin = name && strncmp(name, "__builtin_va_", 13) == 0;
        clang_disposeString(spelling);
        int past_parameters = 0;
        if (builtin || param_argument_position(parent, child, &past_parameters) < 0)
            return 0;
        return param_callee_writes(clang_getCursorReferenced(parent), PARAM_VARIADIC, scan->depth);
    }
    return 1;
}

/* Follow later uses of `variable`, a local holding a copy of the pointer
 * at `position`, as that pointer's; 0 when it is one, else -1 (not a
 * local pointer, or too many). */
static int param_alias_add(struct param_scan *scan, CXCursor variable, unsigned position)
{
    variable = clang_getCanonicalCursor(variable);
    if (clang_getCursorKind(variable) != CXCursor_VarDecl || clang_Cursor_hasVarDeclGlobalStorage(variable)
        || !param_is_pointer(clang_getCursorType(variable)))
        return -1;
    for (unsigned i = 0; i < scan->alias_count; i++)
        if (clang_equalCursors(scan->aliases[i], variable))
            return scan->alias_position[i] == position ? 0 : -1;
    if (scan->alias_count == LC_PARAM_WRITES_ALIASES)
        return -1;
    scan->aliases[scan->alias_count] = variable;
    scan->alias_position[scan->alias_count++] = position;
    return 0;
}

/* Does the use of the pointer at `position`, at the top of the stack,
 * write through it, and how? */
static enum lc_param_use param_use_writes(struct param_scan *scan, unsigned position)
{
    enum param_state state = PARAM_POINTER;
    CXCursor child = scan->stack[scan->height - 1], place = child;
    for (unsigned level = scan->height - 1; level > 0; level--) {
        CXCursor parent = scan->stack[level - 1];
        if (state == PARAM_POINTER && clang_getCursorKind(parent) == CXCursor_CStyleCastExpr
            && !param_is_pointer(clang_getCursorType(parent)))
            return LC_PARAM_USE_READ;   /* `(uintptr_t) p`: its value, printed or compared */
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
                return LC_PARAM_USE_READ;   /* an index */
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
                return LC_PARAM_USE_READ;
            default:        /* ++, --: of the place, or of the pointer copy */
                return state == PARAM_PLACE ? LC_PARAM_USE_WRITE : LC_PARAM_USE_READ;
            }
            break;
        case CXCursor_CompoundAssignOperator:
            return is_first && state == PARAM_PLACE ? LC_PARAM_USE_WRITE : LC_PARAM_USE_READ;
        case CXCursor_BinaryOperator: {
            enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(parent);
            if (op == CXBinaryOperator_Assign && state == PARAM_POINTER && !is_first)
                return param_alias_add(scan, clang_getCursorReferenced(lc_extract_strip(first)), position) != 0
                           ? LC_PARAM_USE_ESCAPE
                           : LC_PARAM_USE_READ;
            if (op == CXBinaryOperator_Assign && state == PARAM_PLACE)
                return is_first ? LC_PARAM_USE_WRITE : LC_PARAM_USE_READ;
            if (op == CXBinaryOperator_Assign)   /* the pointer itself changed */
                return LC_PARAM_USE_READ;
            if (state == PARAM_POINTER && (op == CXBinaryOperator_Add || op == CXBinaryOperator_Sub))
                break;
            return LC_PARAM_USE_READ;   /* compared, or a value read and combined */
        }
        case CXCursor_VarDecl:   /* `struct t *t = p;` */
            return state == PARAM_POINTER && param_alias_add(scan, parent, position) != 0 ? LC_PARAM_USE_ESCAPE
                                                                                         : LC_PARAM_USE_READ;
        case CXCursor_CallExpr:
            if (state == PARAM_PLACE)
                return LC_PARAM_USE_READ;   /* a value read from P's object */
            return param_call_writes(scan, parent, child);
        default:
            if (state == PARAM_PLACE)
                return LC_PARAM_USE_READ;   /* read */
            return clang_isStatement(kind) && kind != CXCursor_ReturnStmt
                       ? LC_PARAM_USE_READ  /* tested: if (P), while (P) */
                       : LC_PARAM_USE_ESCAPE;
        }
        child = parent;
    }
    return LC_PARAM_USE_READ;
}

enum param_use {
    PARAM_USE_NONE = -1,     /* not a use: walk into it */
    PARAM_USE_SKIP = -2,     /* `va_arg(list, int)`: a value, nothing in it */
};

/* The position `cursor` is a use of (a parameter asked about, a local
 * copy of one, PARAM_VARIADIC for `va_arg` of a writable pointer or a
 * va_list), or an enum param_use; `*list`: a use of a va_list. */
static int param_named(const struct param_scan *scan, CXCursor cursor, int *list)
{
    *list = 0;
    if ((scan->wanted >> PARAM_VARIADIC) & 1u) {
        if (lc_extract_is_va_arg(cursor))
            return param_is_writable_pointer(clang_getCursorType(cursor)) ? PARAM_VARIADIC : PARAM_USE_SKIP;
        if (clang_getCursorKind(cursor) == CXCursor_DeclRefExpr
            && lc_extract_is_va_list_type(clang_getCursorType(cursor))) {
            *list = 1;
            return PARAM_VARIADIC;
        }
    }
    if (clang_getCursorKind(cursor) != CXCursor_DeclRefExpr)
        return PARAM_USE_NONE;
    CXCursor referenced = clang_getCanonicalCursor(clang_getCursorReferenced(cursor));
    if (clang_getCursorKind(referenced) == CXCursor_VarDecl) {
        for (unsigned i = 0; i < scan->alias_count; i++)
            if (clang_equalCursors(referenced, scan->aliases[i]))
                return (int)scan->alias_position[i];
        return PARAM_USE_NONE;
    }
    if (clang_getCursorKind(referenced) != CXCursor_ParmDecl)
        return PARAM_USE_NONE;
    for (unsigned i = 0; i < scan->parm_count; i++)
        if (((scan->wanted >> i) & 1u) && clang_equalCursors(referenced, scan->parms[i]))
            return (int)i;
    return PARAM_USE_NONE;
}

static enum CXChildVisitResult param_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct param_scan *scan = data;
    if (scan->height == LC_PARAM_WRITES_STACK) {
        scan->written = scan->wanted;
        scan->collect_stopped = 1;   /* too deep to tell */
        return CXChildVisit_Break;
    }
    scan->stack[scan->height++] = cursor;
    int list, named = param_named(scan, cursor, &list);
    if (named >= 0 && scan->collect) {
        scan->via_call = clang_getNullCursor();
        enum lc_param_use use = list ? (param_list_use_writes(scan) ? LC_PARAM_USE_ESCAPE : LC_PARAM_USE_READ)
                                     : param_use_writes(scan, (unsigned)named);
        if ((use != LC_PARAM_USE_READ || scan->every_use)
            && scan->collect(scan->collect_context, cursor, use, scan->via_call, scan->via_position) != 0)
            scan->collect_stopped = 1;
    } else if (named >= 0) {
        uint64_t bit = (uint64_t)1 << named;
        if (!(scan->written & bit)
            && (list ? param_list_use_writes(scan) : param_use_writes(scan, (unsigned)named) != LC_PARAM_USE_READ))
            scan->written |= bit;
    } else if (named == PARAM_USE_NONE) {
        clang_visitChildren(cursor, param_visit, scan);
    }
    scan->height--;
    if (scan->collect)
        return scan->collect_stopped ? CXChildVisit_Break : CXChildVisit_Continue;
    return scan->written == scan->wanted ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* A scan of `function`'s body for the positions in `wanted`, calls
 * followed `depth` deep so far; NULL when out of memory. */
static struct param_scan *param_scan_new(CXCursor function, uint64_t wanted, int depth)
{
    struct param_scan *scan = calloc(1, sizeof *scan);
    if (!scan)
        return NULL;
    int count = clang_Cursor_getNumArguments(function);
    scan->parm_count = count < LC_PARAM_WRITES_PARAMS ? (unsigned)count : LC_PARAM_WRITES_PARAMS;
    for (unsigned i = 0; i < scan->parm_count; i++)
        scan->parms[i] = clang_getCanonicalCursor(clang_Cursor_getArgument(function, i));
    scan->wanted = wanted;
    scan->depth = depth;
    return scan;
}

/* Walk the body, again while the walk finds new local copies (until every
 * position wanted is found written, when not collecting). */
static void param_scan_run(struct param_scan *scan, CXCursor function)
{
    for (unsigned pass = 0, aliases = 0; scan->wanted && pass < LC_PARAM_WRITES_PASSES; pass++) {
        clang_visitChildren(function, param_visit, scan);
        if (scan->alias_count == aliases || scan->collect_stopped || (!scan->collect && scan->written == scan->wanted))
            break;
        aliases = scan->alias_count;
    }
}

/* Which of the positions in `wanted` the definition `function` may write
 * through. */
static uint64_t param_function_writes_mask(CXCursor function, uint64_t wanted, int depth)
{
    struct param_scan *scan = param_scan_new(function, wanted, depth);
    if (!scan)
        return wanted;
    param_scan_run(scan, function);
    uint64_t written = scan->written;
    free(scan);
    return written;
}

int lc_extract_param_uses(CXCursor function, unsigned index, int every_use, lc_extract_param_use_fn collect,
                          void *context)
{
    if (index >= LC_PARAM_WRITES_PARAMS || (int)index >= clang_Cursor_getNumArguments(function))
        return -1;
    struct param_scan *scan = param_scan_new(function, (uint64_t)1 << index, 0);
    if (!scan)
        return -1;
    scan->collect = collect;
    scan->collect_context = context;
    scan->every_use = every_use;
    param_scan_run(scan, function);
    int stopped = scan->collect_stopped;
    free(scan);
    return stopped ? -1 : 0;
}

static int param_function_writes(CXCursor function, unsigned index, int depth)
{
    if (clang_Cursor_isNull(function) || clang_getCursorKind(function) != CXCursor_FunctionDecl
        || !clang_isCursorDefinition(function) || index >= LC_PARAM_WRITES_PARAMS)
        return 1;
    if ((int)index >= clang_Cursor_getNumArguments(function))
        return !lc_extract_function_is_variadic(function)
               || param_function_writes_mask(function, (uint64_t)1 << PARAM_VARIADIC, depth) != 0;
    return param_function_writes_mask(function, (uint64_t)1 << index, depth) != 0;
}

int lc_extract_call_writes_argument(CXCursor call, unsigned index)
{
    CXCursor callee = clang_getCursorReferenced(call);
    if (clang_getCursorKind(callee) != CXCursor_FunctionDecl)
        return 1;
    CXCursor definition = clang_getCursorDefinition(callee);
    if (clang_Cursor_isNull(definition))
        return !((int)index >= clang_Cursor_getNumArguments(callee) && lc_extract_function_is_variadic(callee)
                 && lc_extract_library_reads_variable_arguments(callee));
    return param_function_writes(definition, index, 0);
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
        if (param_is_writable_pointer(clang_getCursorType(clang_Cursor_getArgument(function, (unsigned)i))))
            pointers |= 1u << i;
        mask &= ~(1u << i);
    }
    uint64_t wanted = pointers;
    if (lc_extract_function_is_variadic(function) && count < LC_PARAM_WRITES_PARAMS)
        wanted |= (uint64_t)1 << PARAM_VARIADIC;
    uint64_t written = param_function_writes_mask(function, wanted, 0);
    if ((wanted >> PARAM_VARIADIC) & ~(written >> PARAM_VARIADIC) & 1u)
        mask = 0;   /* no argument past the parameters is written through */
    return mask | (uint32_t)written;
}
