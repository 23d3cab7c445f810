/* extract_loop_cursor.c — cursors a function moves on and hands back.
 * A loop whose condition reads a parameter the loop advances (`while (*s
 * == ' ') s++;`, `while (len++ < width && buf < last) *buf++ = zero;`), in
 * a function returning the parameter's type, every return of which gives
 * a value read from that parameter (`return s;`, `return memcpy(buf, p,
 * len) + len;`; not `return p - start;`, a length), walks on from where
 * its caller's cursor is and tells the caller where it stopped (facts.h
 * cursor_params).  A call made in a loop that hands the loop's own cursor
 * over and takes it back (`buf = sprintf_num(buf, last, ...)` inside
 * `while (*fmt && buf < last)`: the loop's condition reads `buf`, the
 * call's result is assigned to `buf`, `buf` is an argument) continues that
 * walk: each round the callee walks its own stretch, all of them together
 * one walk (struct lc_call_fact.cursor_args). */
#include "extract_internal.h"

/* The parameters (bit i: parameter i) every return statement of the
 * walked function reads; 0 when one returns nothing or none returns. */
struct cursor_returns {
    unsigned params;
    int seen;
};

static enum CXChildVisitResult cursor_returns_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct cursor_returns *returns = data;
    if (clang_getCursorKind(cursor) != CXCursor_ReturnStmt)
        return CXChildVisit_Recurse;
    CXCursor value;
    unsigned read = 0;
    if (lc_extract_children(cursor, &value, 1) == 1) {
        struct lc_extract_variables variables = { .count = 0, .found = 0 };
        lc_extract_variables_collect(value, &variables);
        for (unsigned i = 0; i < variables.count; i++) {
            CXCursor variable = variables.declarations[i];
            int position = clang_getCursorKind(variable) == CXCursor_ParmDecl ? lc_extract_parameter_position(variable)
                                                                             : 0;
            if (position > 0 && position <= LC_ELEMENT_ARGUMENTS)
                read |= 1u << (position - 1);
        }
    }
    returns->params = returns->seen ? returns->params & read : read;
    returns->seen = 1;
    return CXChildVisit_Continue;
}

static unsigned cursor_returned_params(struct lc_extract_walk *walk)
{
    if (!walk->returned_params_known) {
        struct cursor_returns returns = { 0, 0 };
        if (!clang_Cursor_isNull(walk->function))
            clang_visitChildren(walk->function, cursor_returns_visit, &returns);
        walk->returned_params = returns.params;
        walk->returned_params_known = 1;
    }
    return walk->returned_params;
}

unsigned lc_extract_loop_cursor_params(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts)
{
    if (clang_Cursor_isNull(parts->condition) || clang_Cursor_isNull(walk->function))
        return 0;
    struct lc_extract_variables read = { .count = 0, .found = 0 }, advanced = { .count = 0, .found = 0 };
    lc_extract_variables_collect(parts->condition, &read);
    lc_extract_loop_advanced(parts, &advanced);
    unsigned params = 0;
    CXType result = clang_getResultType(clang_getCursorType(walk->function));
    for (unsigned i = 0; i < advanced.count; i++) {
        CXCursor variable = advanced.declarations[i];
        int position = clang_getCursorKind(variable) == CXCursor_ParmDecl ? lc_extract_parameter_position(variable) : 0;
        if (position > 0 && position <= LC_ELEMENT_ARGUMENTS && lc_extract_variables_has_declaration(&read, variable)
            && lc_extract_same_type(clang_getCursorType(variable), result))
            params |= 1u << (position - 1);
    }
    return params ? params & cursor_returned_params(walk) : 0;
}

void lc_extract_cursor_assignment(struct lc_extract_walk *walk, CXCursor assignment)
{
    CXCursor sides[2];
    if (!lc_extract_assignment_sides(assignment, sides))
        return;
    CXCursor value = lc_extract_strip(sides[1]);
    CXCursor variable = lc_extract_loop_variable(sides[0]);
    if (clang_getCursorKind(value) != CXCursor_CallExpr || clang_Cursor_isNull(variable))
        return;
    walk->cursor_call = value;
    walk->cursor_variable = variable;
}

unsigned lc_extract_cursor_arguments(struct lc_extract_walk *walk, CXCursor call)
{
    if (!walk->loop_parts || clang_Cursor_isNull(walk->loop_parts->condition) || clang_Cursor_isNull(walk->cursor_call)
        || !lc_extract_same_expression(walk->cursor_call, call)
        || !lc_extract_reads_variable(walk->loop_parts->condition, walk->cursor_variable))
        return 0;
    unsigned mask = 0;
    int count = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < count && i < LC_ELEMENT_ARGUMENTS; i++)
        if (lc_extract_is_variable(clang_Cursor_getArgument(call, (unsigned)i), walk->cursor_variable))
            mask |= 1u << i;
    return mask;
}
