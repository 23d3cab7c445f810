/* extract_element_tokens.c — the token a tokenizing loop hands on each
 * round, as memcached's multi-get walks the keys of its request line:
 *
 *     while (klen != 0) {
 *         process_get_cmd(t, curkey, klen, ...);   (the token: a pointer
 *         curkey += klen;                            into the buffer and
 *         ...klen = the next key's length...         its length)
 *     }
 *
 * A call given a pointer P and an integer variable N, in a loop whose
 * body's own block moves P on by N (`P += N`) and never sets P afresh,
 * hands over the part of the buffer the round consumes: whatever the
 * callee does over N, all the rounds together do it over the buffer once,
 * as for the loop's element (extract_element_args.c). */
#include "extract_internal.h"

/* A statement of the body's own block moving P on by N: `P += N`. */
struct token_step {
    CXCursor pointer, length;
    int found;
};

static enum CXChildVisitResult token_step_visit(CXCursor statement, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct token_step *step = data;
    CXCursor sides[2];
    statement = lc_extract_strip(statement);
    if (clang_getCursorKind(statement) == CXCursor_CompoundAssignOperator
        && clang_getCursorBinaryOperatorKind(statement) == CXBinaryOperator_AddAssign
        && lc_extract_children(statement, sides, 2) == 2 && lc_extract_is_variable(sides[0], step->pointer)
        && lc_extract_is_variable(sides[1], step->length))
        step->found = 1;
    return CXChildVisit_Continue;
}

/* Is P set afresh in the loop (`P = buf`)? */
static int token_pointer_reset(CXCursor cursor, void *pointer)
{
    CXCursor sides[2];
    return lc_extract_assignment_sides(cursor, sides) && lc_extract_is_variable(sides[0], *(const CXCursor *)pointer);
}

static int token_is_local_pointer(CXCursor variable)
{
    return lc_extract_is_local(variable) && clang_getCanonicalType(clang_getCursorType(variable)).kind == CXType_Pointer;
}

int lc_extract_element_token(const struct lc_extract_loop_parts *loop, CXCursor call, CXCursor argument)
{
    struct token_step step = { .length = lc_extract_loop_variable(argument) };
    if (clang_Cursor_isNull(loop->body) || clang_getCursorKind(loop->body) != CXCursor_CompoundStmt
        || !lc_extract_is_local(step.length) || !lc_extract_is_counting_integer(clang_getCursorType(step.length)))
        return 0;
    int count = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < count && !step.found; i++) {
        step.pointer = lc_extract_loop_variable(clang_Cursor_getArgument(call, (unsigned)i));
        if (!token_is_local_pointer(step.pointer)
            || lc_extract_any(loop->body, token_pointer_reset, &step.pointer)
            || lc_extract_any(loop->increment, token_pointer_reset, &step.pointer))
            continue;
        clang_visitChildren(loop->body, token_step_visit, &step);
    }
    return step.found;
}
