/* extract_element_varargs.c — values a loop's round takes from a variable
 * argument list: `va_arg(args, T)` itself, a local the loop's body sets
 * from `va_arg` and otherwise only to constants (`v = va_arg(args,
 * ngx_str_t *)`), or a field of one
 * (`v->len`), or a call given only such values (`strlen(s)`).  A
 * formatter's loop over its format string takes the next
 * arguments each round, so a callee's loop bounded by one of them walks
 * that round's own data (extract_element_args.c): `%V` copies its own
 * string, once, not once per directive. */
#include "extract_internal.h"

struct vararg_assignments {
    CXCursor variable;   /* canonical declaration */
    unsigned from_va_arg, other;
};

static enum CXChildVisitResult vararg_assignment_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct vararg_assignments *seen = data;
    CXCursor value, variable = lc_extract_variable_set(cursor, &value), changed;
    long long constant;
    if (!clang_Cursor_isNull(variable) && clang_equalCursors(variable, seen->variable)) {
        if (lc_extract_is_va_arg(value))
            seen->from_va_arg++;
        else if (clang_getCursorKind(cursor) == CXCursor_VarDecl || !lc_extract_integer_constant(value, &constant))
            seen->other++;   /* an assignment of a constant set afresh is no data of other rounds */
    } else if (!clang_Cursor_isNull(changed = lc_extract_changed_operand(cursor))
               && clang_equalCursors(lc_extract_loop_variable(changed), seen->variable)) {
        seen->other++;   /* `v++`, `v += n`, `&v` */
    }
    return CXChildVisit_Recurse;
}

/* A local the loop's body sets from `va_arg`, and otherwise only to
 * constants (nginx's `slen = (size_t) -1` for `%s`, `slen = va_arg(args,
 * size_t)` for `%*s`). */
static int vararg_local(const struct lc_extract_loop_parts *loop, CXCursor expr)
{
    CXCursor variable = lc_extract_loop_variable(expr);
    if (clang_Cursor_isNull(variable) || clang_getCursorKind(variable) != CXCursor_VarDecl
        || clang_Cursor_hasVarDeclGlobalStorage(variable) || clang_Cursor_isNull(loop->body)
        || !lc_extract_function_reads_va_list(clang_getCursorSemanticParent(variable)))
        return 0;
    struct vararg_assignments seen = { .variable = variable };
    clang_visitChildren(loop->body, vararg_assignment_visit, &seen);
    return seen.from_va_arg > 0 && seen.other == 0;
}

/* For a call's arguments: 0 when `argument` is such a value. */
static int vararg_argument_of(void *loop, CXCursor argument)
{
    return lc_extract_element_vararg(loop, argument) ? 0 : -1;
}

int lc_extract_element_vararg(const struct lc_extract_loop_parts *loop, CXCursor argument)
{
    if (lc_extract_is_va_arg(argument))
        return 1;
    CXCursor place = lc_extract_strip(argument), base;
    if (clang_getCursorKind(place) == CXCursor_CallExpr)   /* `strlen(s)`: a measure of it */
        return clang_Cursor_getNumArguments(place) > 0
               && lc_extract_call_arguments_of(place, vararg_argument_of, (void *)loop) == 0;
    while (clang_getCursorKind(place) == CXCursor_MemberRefExpr && lc_extract_children(place, &base, 1) == 1)
        place = lc_extract_strip(base);
    return clang_getCursorKind(place) == CXCursor_DeclRefExpr && vararg_local(loop, place);
}
