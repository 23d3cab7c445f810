/* extract_param_reads.c — which fields of the object a pointer parameter
 * points to a function defined in the TU reads through it: `&threads[i]`
 * handed to `notify(struct thread *t)` that reads only `t->fd` and
 * `t->queue` is a read of `threads[*].fd` and `threads[*].queue`, not of
 * the whole element (extract_access.c).  Asked only about a parameter the
 * function does not write through (extract_param_writes.c), so every use
 * left is a read, a test or a call.
 *
 * Every use of the parameter P is followed upwards (an explicit ancestor
 * stack; parentheses and conversions that keep P's pointee type are
 * transparent), building the field path of the place it reaches: `P->f`,
 * `(*P).f`, `P->f.g` (".f", ".f.g").  The place is read there, as a whole
 * with everything inside it: a value read, an array indexed or decaying,
 * a pointer field followed (`P->queue->head` reads ".queue"), an address
 * taken (`&P->n` passed on reads ".n").  P itself compared or tested
 * reads nothing; P passed to a function defined in the TU reads what that
 * function reads through its parameter (up to LC_PARAM_READS_DEPTH calls
 * deep).  Anything else reads the whole object: `*P` read whole, P
 * converted to another pointer type (`memcpy(dst, P, n)`, a `void *`),
 * indexed (`P[1]`), stored or returned, passed to a function without a
 * body here or through a pointer, or more than LC_PARAM_READS_MAX
 * paths. */
#include "extract_internal.h"

#include <stdlib.h>
#include <string.h>

#define LC_PARAM_READS_DEPTH 4
#define LC_PARAM_READS_STACK 256

/* One walk of a function body for one parameter, and the calls it
 * follows, which add to the same set. */
struct reads_scan {
    struct lc_extract_walk *walk;
    const char **paths;   /* the caller's array */
    int cap, count;
    int whole;            /* some use reads the whole object */
    CXCursor stack[LC_PARAM_READS_STACK];   /* a callee's walk pushes above
                                               its caller's */
    unsigned height;
};

static int reads_function(struct reads_scan *scan, CXCursor function, unsigned index, int depth);

static void reads_add(struct reads_scan *scan, const char *path)
{
    if (!path || !*path) {
        scan->whole = 1;
        return;
    }
    for (int i = 0; i < scan->count; i++)
        if (strcmp(scan->paths[i], path) == 0)
            return;
    if (scan->count == scan->cap)
        scan->whole = 1;
    else
        scan->paths[scan->count++] = path;
}

/* Does the conversion `cast` keep the pointee type of `parameter` (up to
 * qualifiers: `struct thread *` to `const struct thread *`)? */
static int reads_keeps_type(CXCursor cast, CXCursor parameter)
{
    CXType from = clang_getCanonicalType(clang_getCursorType(parameter));
    CXType to = clang_getCanonicalType(clang_getCursorType(cast));
    if (to.kind != CXType_Pointer)
        return clang_equalTypes(from, to);   /* an lvalue-to-rvalue read of P */
    return clang_equalTypes(clang_getUnqualifiedType(clang_getCanonicalType(clang_getPointeeType(from))),
                            clang_getUnqualifiedType(clang_getCanonicalType(clang_getPointeeType(to))));
}

/* P passed as argument `child` of `call`: what the callee reads through
 * that parameter. */
static void reads_call(struct reads_scan *scan, CXCursor call, CXCursor child, int depth)
{
    int nargs = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < nargs; i++)
        if (lc_extract_same_expression(clang_Cursor_getArgument(call, (unsigned)i), child)) {
            CXCursor callee = clang_getCursorReferenced(call);
            if (clang_getCursorKind(callee) != CXCursor_FunctionDecl || depth >= LC_PARAM_READS_DEPTH
                || !reads_function(scan, clang_getCursorDefinition(callee), (unsigned)i, depth + 1))
                scan->whole = 1;
            return;
        }
    scan->whole = 1;   /* the callee expression itself */
}

/* Does `parent`, an operator of P itself, read nothing through it: a
 * comparison, a test (`!P`, `P && ...`), P assigned or moved on (`P = q`,
 * `P++`, `P += n`: then it points elsewhere in the same array, whose
 * elements' fields are those of the element passed)? */
static int reads_keeps_nothing(CXCursor parent, int is_first)
{
    switch (clang_getCursorKind(parent)) {
    case CXCursor_UnaryOperator:
        switch (clang_getCursorUnaryOperatorKind(parent)) {
        case CXUnaryOperator_LNot: case CXUnaryOperator_PostInc: case CXUnaryOperator_PostDec:
        case CXUnaryOperator_PreInc: case CXUnaryOperator_PreDec:
            return 1;
        default:
            return 0;   /* &P: kept */
        }
    case CXCursor_CompoundAssignOperator:
        return is_first;
    case CXCursor_BinaryOperator:
        switch (clang_getCursorBinaryOperatorKind(parent)) {
        case CXBinaryOperator_Assign:
            return is_first;
        case CXBinaryOperator_LT: case CXBinaryOperator_GT: case CXBinaryOperator_LE: case CXBinaryOperator_GE:
        case CXBinaryOperator_EQ: case CXBinaryOperator_NE: case CXBinaryOperator_LAnd: case CXBinaryOperator_LOr:
            return 1;
        default:
            return 0;
        }
    default:
        return 0;
    }
}

/* The use of P at the top of the stack, in the function whose walk
 * starts at stack[base]: what it reads. */
static void reads_use(struct reads_scan *scan, unsigned base, CXCursor parameter, int depth)
{
    const char *path = NULL;   /* NULL: P itself, a pointer; else the place's path */
    CXCursor child = scan->stack[scan->height - 1];
    for (unsigned level = scan->height - 1; level > base; level--) {
        CXCursor parent = scan->stack[level - 1], first;
        enum CXCursorKind kind = clang_getCursorKind(parent);
        int is_first = lc_extract_children(parent, &first, 1) >= 1 && clang_equalCursors(first, child);
        if (kind == CXCursor_ParenExpr || kind == CXCursor_UnexposedExpr || kind == CXCursor_CStyleCastExpr) {
            if (!path && !reads_keeps_type(parent, parameter))
                break;   /* converted: anything may be read */
            child = parent;
            continue;
        }
        int pointer_place = path && clang_getCanonicalType(clang_getCursorType(child)).kind == CXType_Pointer;
        if (kind == CXCursor_MemberRefExpr && is_first && !pointer_place) {
            const char *name = lc_extract_string(scan->walk, clang_getCursorSpelling(parent));
            path = name ? lc_arena_printf(&scan->walk->facts->arena, "%s.%s", path ? path : "", name) : NULL;
            if (!path)
                break;
        } else if (kind == CXCursor_UnaryOperator && !path
                   && clang_getCursorUnaryOperatorKind(parent) == CXUnaryOperator_Deref) {
            path = "";   /* *P: a member of it follows, or it is read whole */
        } else if (path) {
            reads_add(scan, path);   /* read here, with all it holds */
            return;
        } else if (kind == CXCursor_BinaryOperator
                   && (clang_getCursorBinaryOperatorKind(parent) == CXBinaryOperator_Add
                       || clang_getCursorBinaryOperatorKind(parent) == CXBinaryOperator_Sub)) {
            break;   /* P + k: another object's fields */
        } else if (kind == CXCursor_CallExpr) {
            reads_call(scan, parent, child, depth);
            return;
        } else if (reads_keeps_nothing(parent, is_first)) {
            return;   /* compared, tested, P = q, P++: no field read */
        } else {
            if (!clang_isStatement(kind) || kind == CXCursor_ReturnStmt)
                break;   /* kept: stored, returned, copied */
            return;      /* tested: if (P), while (P) */
        }
        child = parent;
    }
    scan->whole = 1;
}

/* The walk of one function's body for one parameter. */
struct reads_frame {
    struct reads_scan *scan;
    CXCursor parameter;   /* canonical */
    int depth;
    unsigned base;        /* the stack height where it starts */
};

static enum CXChildVisitResult reads_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct reads_frame *frame = data;
    struct reads_scan *scan = frame->scan;
    if (scan->height == LC_PARAM_READS_STACK) {
        scan->whole = 1;
        return CXChildVisit_Break;
    }
    scan->stack[scan->height++] = cursor;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (kind == CXCursor_DeclRefExpr
        && clang_equalCursors(clang_getCanonicalCursor(clang_getCursorReferenced(cursor)), frame->parameter))
        reads_use(scan, frame->base, frame->parameter, frame->depth);
    else if (kind != CXCursor_UnaryExpr)   /* sizeof, _Alignof: not evaluated */
        clang_visitChildren(cursor, reads_visit, frame);
    scan->height--;
    return scan->whole ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* Add what `function` reads through its parameter `index`; 0 when it is
 * no definition with that parameter. */
static int reads_function(struct reads_scan *scan, CXCursor function, unsigned index, int depth)
{
    if (clang_Cursor_isNull(function) || clang_getCursorKind(function) != CXCursor_FunctionDecl
        || !clang_isCursorDefinition(function) || (int)index >= clang_Cursor_getNumArguments(function))
        return 0;
    struct reads_frame frame = { scan, clang_getCanonicalCursor(clang_Cursor_getArgument(function, index)), depth,
                                 scan->height };
    clang_visitChildren(function, reads_visit, &frame);
    return 1;
}

int lc_extract_call_read_fields(struct lc_extract_walk *walk, CXCursor call, unsigned index, const char **paths,
                                int cap)
{
    CXCursor callee = clang_getCursorReferenced(call);
    if (clang_getCursorKind(callee) != CXCursor_FunctionDecl)
        return -1;
    struct reads_scan *scan = malloc(sizeof *scan);
    if (!scan)
        return -1;
    *scan = (struct reads_scan){ .walk = walk, .paths = paths, .cap = cap };
    int known = reads_function(scan, clang_getCursorDefinition(callee), index, 0);
    int count = known && !scan->whole ? scan->count : -1;
    free(scan);
    return count;
}
