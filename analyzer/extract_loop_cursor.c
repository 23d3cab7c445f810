/* extract_loop_cursor.c — cursors a function moves on and hands back.
 * A loop whose condition reads a parameter the loop advances (`while (*s
 * == ' ') s++;`, `while (len++ < width && buf < last) *buf++ = zero;`), in
 * a function returning the parameter's type, every return of which gives
 * a value read from that parameter (`return s;`, `return memcpy(buf, p,
 * len) + len;`; not `return p - start;`, a length), walks on from where
 * its caller's cursor is and tells the caller where it stopped (facts.h
 * cursor_params).  So does a loop advancing a local copy of such a
 * parameter — every value the local gets is read from the parameter or
 * from the local itself (`link = pos != NULL ? pos->next : NULL; while
 * (link && ...) link = link->next;`), its address never taken — when
 * every return reads the local or the parameter (`return link;`, irssi's
 * command_history_list_next).  A call made in a loop that hands the loop's own cursor
 * over and takes it back (`buf = sprintf_num(buf, last, ...)` inside
 * `while (*fmt && buf < last)`: the loop's condition reads `buf`, the
 * call's result is assigned to `buf`, `buf` is an argument) continues that
 * walk: each round the callee walks its own stretch, all of them together
 * one walk (struct lc_call_fact.cursor_args).  Also when the result goes
 * to a copy the loop then steps its cursor through (`next =
 * list_next(h, link); ...; link = next;`: extract_loop_copy_steps.c), and
 * when the cursor is what a local pointer points to (`s = &start; while
 * (*s < end) { ...; *s = eat_whitespace(*s, end); }`, tor's tokenizer:
 * the loop's condition reads s, the result goes to `*s`, `*s` is an
 * argument). */
#include "extract_internal.h"

/* Every return statement of a function, with the variables its value
 * reads (none for a bare `return;`), handed to `seen`, which returns 0 to
 * stop. */
struct cursor_returns {
    int (*seen)(void *context, const struct lc_extract_variables *read);
    void *context;
};

static enum CXChildVisitResult cursor_returns_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    const struct cursor_returns *returns = data;
    if (clang_getCursorKind(cursor) != CXCursor_ReturnStmt)
        return CXChildVisit_Recurse;
    CXCursor value;
    struct lc_extract_variables read = { .count = 0, .found = 0 };
    if (lc_extract_children(cursor, &value, 1) == 1)
        lc_extract_variables_collect(value, &read);
    return returns->seen(returns->context, &read) ? CXChildVisit_Continue : CXChildVisit_Break;
}

static void cursor_each_return(CXCursor function, int (*seen)(void *context, const struct lc_extract_variables *read),
                               void *context)
{
    struct cursor_returns returns = { seen, context };
    clang_visitChildren(function, cursor_returns_visit, &returns);
}

/* The parameters (bit i: parameter i) every return reads; 0 when one
 * returns nothing or none returns. */
struct cursor_returned {
    unsigned params;
    int seen;
};

static int cursor_returned_note(void *context, const struct lc_extract_variables *read)
{
    struct cursor_returned *returned = context;
    unsigned params = 0;
    for (unsigned i = 0; i < read->count; i++) {
        CXCursor variable = read->declarations[i];
        int position = clang_getCursorKind(variable) == CXCursor_ParmDecl ? lc_extract_parameter_position(variable) : 0;
        if (position > 0 && position <= LC_ELEMENT_ARGUMENTS)
            params |= 1u << (position - 1);
    }
    returned->params = returned->seen ? returned->params & params : params;
    returned->seen = 1;
    return 1;
}

/* Does every return read a local copy or its parameter? */
struct cursor_copy_returned {
    CXCursor copy;      /* the local */
    int param;          /* its parameter's position (1-based) */
    int all;            /* every return so far reads one of them */
};

static int cursor_copy_returned_note(void *context, const struct lc_extract_variables *read)
{
    struct cursor_copy_returned *returned = context;
    int reads = 0;
    for (unsigned i = 0; i < read->count; i++) {
        CXCursor variable = read->declarations[i];
        reads |= clang_equalCursors(variable, returned->copy)
                 || (clang_getCursorKind(variable) == CXCursor_ParmDecl
                     && lc_extract_parameter_position(variable) == returned->param);
    }
    returned->all &= reads;
    return returned->all;
}

/* The one parameter a value reads (1-based), 0 for none, -1 for more. */
static int cursor_param_read(CXCursor value)
{
    struct lc_extract_variables variables = { .count = 0, .found = 0 };
    lc_extract_variables_collect(value, &variables);
    int param = 0;
    for (unsigned i = 0; i < variables.count; i++) {
        CXCursor variable = variables.declarations[i];
        if (clang_getCursorKind(variable) != CXCursor_ParmDecl)
            continue;
        int position = lc_extract_parameter_position(variable);
        if (param != 0 && param != position)
            return -1;
        param = position;
    }
    return param;
}

/* The parameter (1-based) a local is a copy of: every value it gets reads
 * that one parameter or the local itself, at least one the parameter,
 * and its address is never taken; else 0. */
static int cursor_copy_of(struct lc_extract_walk *walk, CXCursor local)
{
    int param = 0;
    for (const struct lc_extract_variable_event *event = NULL;
         (event = lc_extract_variable_event_next(walk, local, event));) {
        if (event->kind == LC_EXTRACT_EVENT_ADDRESS || event->kind == LC_EXTRACT_EVENT_CALL_GIVEN_ADDRESS
            || event->under_call_given_address)
            return 0;
        if (event->kind != LC_EXTRACT_EVENT_DECLARED && event->kind != LC_EXTRACT_EVENT_ASSIGNED)
            continue;
        if (clang_Cursor_isNull(event->value))
            return 0;
        int read = cursor_param_read(event->value);
        if (read < 0 || (read > 0 && param > 0 && read != param))
            return 0;
        if (read == 0 && !lc_extract_reads_variable(event->value, local))
            return 0;   /* a value from elsewhere */
        if (read > 0)
            param = read;
    }
    return param;
}

/* The parameter (bit) a local copy advanced by the loop stands for, when
 * every return reads the copy or that parameter; else 0. */
static unsigned cursor_copy_param(struct lc_extract_walk *walk, CXCursor local, CXType result)
{
    if (clang_getCursorKind(local) != CXCursor_VarDecl || clang_Cursor_hasVarDeclGlobalStorage(local) == 1
        || !lc_extract_same_type(clang_getCursorType(local), result))
        return 0;
    int param = cursor_copy_of(walk, local);
    if (param <= 0 || param > LC_ELEMENT_ARGUMENTS
        || !lc_extract_same_type(clang_getCursorType(clang_Cursor_getArgument(walk->function, (unsigned)param - 1)),
                                 result))
        return 0;
    struct cursor_copy_returned returned = { local, param, 1 };
    cursor_each_return(walk->function, cursor_copy_returned_note, &returned);
    return returned.all ? 1u << (param - 1) : 0;
}

static unsigned cursor_returned_params(struct lc_extract_walk *walk)
{
    if (!walk->returned_params_known) {
        struct cursor_returned returned = { 0, 0 };
        if (!clang_Cursor_isNull(walk->function))
            cursor_each_return(walk->function, cursor_returned_note, &returned);
        walk->returned_params = returned.params;
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
    unsigned params = 0, copies = 0;
    CXType result = clang_getResultType(clang_getCursorType(walk->function));
    for (unsigned i = 0; i < advanced.count; i++) {
        CXCursor variable = advanced.declarations[i];
        int position = clang_getCursorKind(variable) == CXCursor_ParmDecl ? lc_extract_parameter_position(variable) : 0;
        if (position > 0 && position <= LC_ELEMENT_ARGUMENTS && lc_extract_variables_has_declaration(&read, variable)
            && lc_extract_same_type(clang_getCursorType(variable), result))
            params |= 1u << (position - 1);
        else if (position == 0 && lc_extract_variables_has_declaration(&read, variable))
            copies |= cursor_copy_param(walk, variable, result);
    }
    return (params ? params & cursor_returned_params(walk) : 0) | copies;
}

/* p of `*p`, p a local (canonical), or a null cursor. */
static CXCursor cursor_pointer_of(CXCursor expr)
{
    CXCursor pointer;
    expr = lc_extract_strip(expr);
    if (clang_getCursorKind(expr) != CXCursor_UnaryOperator || clang_getCursorUnaryOperatorKind(expr) != CXUnaryOperator_Deref
        || lc_extract_children(expr, &pointer, 1) != 1)
        return clang_getNullCursor();
    pointer = lc_extract_loop_variable(pointer);
    return lc_extract_is_local(pointer) ? pointer : clang_getNullCursor();
}

void lc_extract_cursor_assignment(struct lc_extract_walk *walk, CXCursor assignment)
{
    CXCursor sides[2];
    if (!lc_extract_assignment_sides(assignment, sides))
        return;
    CXCursor value = lc_extract_strip(sides[1]);
    CXCursor variable = lc_extract_loop_variable(sides[0]), pointer = clang_getNullCursor();
    if (clang_Cursor_isNull(variable))
        variable = pointer = cursor_pointer_of(sides[0]);
    if (clang_getCursorKind(value) != CXCursor_CallExpr || clang_Cursor_isNull(variable))
        return;
    walk->cursor_call = value;
    walk->cursor_variable = variable;
    walk->cursor_pointed = !clang_Cursor_isNull(pointer);
}

/* Is `argument` the cursor: the variable, or `*p` when the cursor is
 * what p points to? */
static int cursor_is_argument(CXCursor argument, CXCursor cursor, int pointed)
{
    return pointed ? clang_equalCursors(cursor_pointer_of(argument), cursor) != 0 : lc_extract_is_variable(argument, cursor);
}

#define CURSOR_COPY_STEPS 4

/* The cursor the loop's condition reads that the loop steps through
 * `copy` (`link = next`), or a null cursor. */
static CXCursor cursor_stepped_through(const struct lc_extract_loop_parts *parts, CXCursor copy)
{
    struct lc_extract_variables advanced = { .count = 0, .found = 0 };
    CXCursor steps[CURSOR_COPY_STEPS], sides[2];
    unsigned count = lc_extract_loop_copy_steps(parts, &advanced, steps, CURSOR_COPY_STEPS);
    for (unsigned i = 0; i < count; i++) {
        CXCursor walker;
        if (lc_extract_assignment_sides(steps[i], sides) && lc_extract_is_variable(sides[1], copy)
            && !clang_Cursor_isNull(walker = lc_extract_loop_variable(sides[0]))
            && lc_extract_reads_variable(parts->condition, walker))
            return walker;
    }
    return clang_getNullCursor();
}

unsigned lc_extract_cursor_arguments(struct lc_extract_walk *walk, CXCursor call)
{
    if (!walk->loop_parts || clang_Cursor_isNull(walk->loop_parts->condition) || clang_Cursor_isNull(walk->cursor_call)
        || !lc_extract_same_expression(walk->cursor_call, call))
        return 0;
    CXCursor cursor = walk->cursor_variable;
    if (!lc_extract_reads_variable(walk->loop_parts->condition, cursor))
        cursor = walk->cursor_pointed ? clang_getNullCursor() : cursor_stepped_through(walk->loop_parts, cursor);
    if (clang_Cursor_isNull(cursor))
        return 0;
    unsigned mask = 0;
    int count = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < count && i < LC_ELEMENT_ARGUMENTS; i++)
        if (cursor_is_argument(clang_Cursor_getArgument(call, (unsigned)i), cursor, walk->cursor_pointed))
            mask |= 1u << i;
    return mask;
}
