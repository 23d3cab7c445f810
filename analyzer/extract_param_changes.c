/* extract_param_changes.c — which parameters the walked function changes
 * (lc_extract_param_unchanged): assigns, increments, decrements or takes
 * the address of, so that it may test or pass on another value than its
 * callers gave.  Not a change: setting a parameter to NULL after its last
 * read, outside any loop (`free(p); p = NULL;`; a macro's `do ... while
 * (0)` is no loop), also through a local that holds its address and is
 * only dereferenced (tor's `tor_free(p)`: `typeof(&(p)) tmp = &(p);
 * raw_free(*tmp); *tmp = NULL;`): every read of it sees what the callers
 * gave. */
#include "extract_internal.h"

#define CHANGES_ALIASES 8   /* locals holding a parameter's address */

struct changes_scan {
    unsigned changed;                             /* bit i: parameter i */
    unsigned serial;                              /* tree order */
    unsigned loops;                               /* loops around the cursor */
    unsigned last_read[LC_ELEMENT_ARGUMENTS];     /* serial, 0: none */
    unsigned first_clear[LC_ELEMENT_ARGUMENTS];   /* serial, 0: none */
    struct changes_alias {
        CXCursor local;                           /* canonical */
        int position;                             /* 1-based */
    } aliases[CHANGES_ALIASES];
    unsigned alias_count;
};

/* The parameter `expr` names (1-based position among the first
 * LC_ELEMENT_ARGUMENTS), else 0. */
static int changes_parameter(CXCursor expr)
{
    CXCursor variable = lc_extract_loop_variable(expr);
    int position = clang_getCursorKind(variable) == CXCursor_ParmDecl ? lc_extract_parameter_position(variable) : 0;
    return position > 0 && position <= LC_ELEMENT_ARGUMENTS ? position : 0;
}

static int changes_alias(const struct changes_scan *scan, CXCursor expr)
{
    expr = lc_extract_strip(expr);
    if (clang_getCursorKind(expr) != CXCursor_DeclRefExpr)
        return 0;
    CXCursor local = clang_getCanonicalCursor(clang_getCursorReferenced(expr));
    for (unsigned i = 0; i < scan->alias_count; i++)
        if (clang_equalCursors(scan->aliases[i].local, local))
            return scan->aliases[i].position;
    return 0;
}

/* `*tmp`, tmp a local holding a parameter's address: that parameter. */
static int changes_through_alias(const struct changes_scan *scan, CXCursor expr)
{
    CXCursor operand;
    expr = lc_extract_strip(expr);
    return clang_getCursorKind(expr) == CXCursor_UnaryOperator
                   && clang_getCursorUnaryOperatorKind(expr) == CXUnaryOperator_Deref
                   && lc_extract_children(expr, &operand, 1) == 1
               ? changes_alias(scan, operand)
               : 0;
}

/* A local declared with a parameter's address (`T **tmp = &(p)`): its
 * position, else 0. */
static int changes_alias_declaration(CXCursor cursor)
{
    CXCursor operand, init = clang_getCursorKind(cursor) == CXCursor_VarDecl && lc_extract_is_local(cursor)
                                 ? lc_extract_strip(clang_Cursor_getVarDeclInitializer(cursor))
                                 : clang_getNullCursor();
    if (clang_getCursorKind(init) != CXCursor_UnaryOperator
        || clang_getCursorUnaryOperatorKind(init) != CXUnaryOperator_AddrOf
        || lc_extract_children(init, &operand, 1) != 1)
        return 0;
    operand = lc_extract_strip(operand);
    return clang_getCursorKind(operand) == CXCursor_DeclRefExpr ? changes_parameter(operand) : 0;
}

static int changes_is_loop(CXCursor cursor)
{
    CXCursor parts[2];
    long long value;
    switch (clang_getCursorKind(cursor)) {
    case CXCursor_ForStmt:
    case CXCursor_WhileStmt:
        return 1;
    case CXCursor_DoStmt:   /* not `do ... while (0)` */
        return !(lc_extract_children(cursor, parts, 2) == 2 && lc_extract_integer_constant(parts[1], &value)
                 && value == 0);
    default:
        return 0;
    }
}

static enum CXChildVisitResult changes_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct changes_scan *scan = data;
    unsigned serial = ++scan->serial;
    CXCursor sides[2];
    int position = changes_alias_declaration(cursor);
    if (position && scan->alias_count < CHANGES_ALIASES) {
        scan->aliases[scan->alias_count++] = (struct changes_alias){ clang_getCanonicalCursor(cursor), position };
        return CXChildVisit_Continue;   /* its `&p` changes nothing by itself */
    }
    if (clang_getCursorKind(cursor) == CXCursor_BinaryOperator
        && clang_getCursorBinaryOperatorKind(cursor) == CXBinaryOperator_Assign
        && lc_extract_children(cursor, sides, 2) == 2 && lc_extract_is_null_pointer_constant(sides[1])) {
        position = changes_parameter(lc_extract_strip(sides[0]));
        if (!position)
            position = changes_through_alias(scan, sides[0]);
        if (position) {   /* `p = NULL`, `*tmp = NULL` */
            if (scan->loops)
                scan->changed |= 1u << (position - 1);
            else if (!scan->first_clear[position - 1])
                scan->first_clear[position - 1] = serial;
            return CXChildVisit_Continue;
        }
    }
    position = changes_through_alias(scan, cursor);
    if (position) {   /* `*tmp`: a read of p */
        scan->last_read[position - 1] = serial;
        return CXChildVisit_Continue;
    }
    position = changes_alias(scan, cursor);
    if (position) {   /* tmp itself, used otherwise */
        scan->changed |= 1u << (position - 1);
        return CXChildVisit_Continue;
    }
    CXCursor target = lc_extract_changed_operand(cursor);
    position = clang_Cursor_isNull(target) ? 0 : changes_parameter(target);
    if (!position && !clang_Cursor_isNull(target))
        position = changes_through_alias(scan, target);   /* `*tmp = other`, `(*tmp)++` */
    if (position)
        scan->changed |= 1u << (position - 1);
    if (clang_getCursorKind(cursor) == CXCursor_DeclRefExpr && (position = changes_parameter(cursor)) != 0)
        scan->last_read[position - 1] = serial;
    if (!changes_is_loop(cursor))
        return CXChildVisit_Recurse;
    scan->loops++;
    clang_visitChildren(cursor, changes_visit, scan);
    scan->loops--;
    return CXChildVisit_Continue;
}

int lc_extract_param_unchanged(struct lc_extract_walk *walk, int position)
{
    if (position <= 0 || position > LC_ELEMENT_ARGUMENTS || clang_Cursor_isNull(walk->function))
        return 0;
    if (!walk->changed_params_known) {
        struct changes_scan scan = { 0 };
        clang_visitChildren(walk->function, changes_visit, &scan);
        for (int i = 0; i < LC_ELEMENT_ARGUMENTS; i++)
            if (scan.first_clear[i] && scan.last_read[i] > scan.first_clear[i])
                scan.changed |= 1u << i;   /* read after it was cleared */
        walk->changed_params_known = 1;
        walk->changed_params = scan.changed;
    }
    return !((walk->changed_params >> (position - 1)) & 1u);
}
