/* extract_raised_limits.c — the fields of its pointer parameters a
 * function raises by a factor (facts.h, struct lc_raised_limit): a hash
 * table's or a buffer's growth,
 *
 *     t->size *= 2;                           (also `<<=`)
 *     t->limit = t->size << 1;                (a product by a literal of
 *                                              at least 2, a left shift)
 *     new_len = primes[++i]; new_limit = load * new_len;
 *     head->load_limit = new_limit;           (a table of sizes, through
 *                                              locals, two deep)
 *
 * A limit raised so is reached again only after as many insertions as
 * the object already holds: a call made when the object is full
 * (extract_full_guard.c) runs once per doubling, and what it does over the
 * object is paid for by the insertions that filled it (cost_calls.c).  A
 * limit raised by a step (`t->size += 16`, `(t->count + 16) *
 * sizeof(void *)`) is no such thing: each step costs a pass over an
 * object that grows by the step, quadratic in all. */
#include "extract_internal.h"

#include <string.h>

/* What the search of one function keeps. */
struct raised_search {
    struct lc_extract_walk *walk;
    struct lc_function_fact *fact;
};

#define RAISED_HOPS 2   /* locals followed from the value stored */

/* Is `expr` an integer literal of at least 2 (`2`, `2U`; not `sizeof`)? */
static int raised_multiplier(CXCursor expr)
{
    long long value;
    expr = lc_extract_strip(expr);
    return clang_getCursorKind(expr) == CXCursor_IntegerLiteral && lc_extract_integer_constant(expr, &value)
           && value >= 2;
}

/* A factor: a product by a literal of at least 2 (`n * 2`), a left shift,
 * or a slot of a constant table of static storage (`primes[i]`). */
static int raised_factor(CXCursor cursor, void *unused)
{
    (void)unused;
    CXCursor parts[2];
    switch (clang_getCursorKind(cursor)) {
    case CXCursor_BinaryOperator: {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(cursor);
        return op == CXBinaryOperator_Shl
               || (op == CXBinaryOperator_Mul && lc_extract_children(cursor, parts, 2) == 2
                   && (raised_multiplier(parts[0]) || raised_multiplier(parts[1])));
    }
    case CXCursor_ArraySubscriptExpr: {
        if (lc_extract_children(cursor, parts, 2) != 2)
            return 0;
        CXCursor table = lc_extract_strip(parts[0]);
        CXCursor declaration = clang_getCursorReferenced(table);
        return clang_getCursorKind(table) == CXCursor_DeclRefExpr && clang_getCursorKind(declaration) == CXCursor_VarDecl
               && clang_Cursor_hasVarDeclGlobalStorage(declaration)
               && clang_getCanonicalType(clang_getCursorType(declaration)).kind == CXType_ConstantArray;
    }
    default:
        return 0;
    }
}

/* Is `value` grown by a factor, itself or through the locals it reads
 * (`new_limit = load * new_len` after `new_len = primes[++i]`: their
 * initialisers and assignments, from the function's variable events),
 * `hops` locals deep? */
static int raised_value(struct lc_extract_walk *walk, CXCursor value, int hops)
{
    if (clang_Cursor_isNull(value))
        return 0;
    if (lc_extract_any(value, raised_factor, NULL))
        return 1;
    struct lc_extract_variables read = { .count = 0, .found = 0 };
    if (hops > 0)
        lc_extract_variables_collect(value, &read);
    for (unsigned i = 0; i < read.count; i++) {
        if (clang_getCursorKind(read.declarations[i]) != CXCursor_VarDecl || !lc_extract_is_local(read.declarations[i]))
            continue;
        for (const struct lc_extract_variable_event *event = lc_extract_variable_event_next(walk, read.declarations[i], NULL);
             event; event = lc_extract_variable_event_next(walk, read.declarations[i], event))
            if ((event->kind == LC_EXTRACT_EVENT_DECLARED || event->kind == LC_EXTRACT_EVENT_ASSIGNED)
                && raised_value(walk, event->value, hops - 1))
                return 1;
    }
    return 0;
}

/* 1 + the index of the pointer parameter `field` (`p->f`) is taken from,
 * and the field in *declaration; 0 otherwise. */
static int raised_parameter_field(CXCursor field, CXCursor *declaration)
{
    CXCursor parameter = lc_extract_pointer_field(field, declaration);
    return clang_getCursorKind(parameter) == CXCursor_ParmDecl ? lc_extract_parameter_position(parameter) : 0;
}

static void raised_note(struct raised_search *search, int param, CXCursor field)
{
    struct lc_function_fact *fact = search->fact;
    const char *usr = lc_extract_usr(search->walk, field);
    if (!usr) {
        search->walk->out_of_memory = 1;
        return;
    }
    for (unsigned i = 0; i < fact->raised_count; i++)
        if (fact->raised[i].param == param && strcmp(fact->raised[i].field_usr, usr) == 0)
            return;
    if (fact->raised_count < LC_RAISED_LIMITS)
        fact->raised[fact->raised_count++] = (struct lc_raised_limit){ .param = param, .field_usr = usr };
}

static enum CXChildVisitResult raised_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct raised_search *search = data;
    CXCursor sides[2], field;
    int param = 0;
    if (clang_getCursorKind(cursor) == CXCursor_CompoundAssignOperator && lc_extract_children(cursor, sides, 2) == 2) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(cursor);
        int scales = op == CXBinaryOperator_ShlAssign || (op == CXBinaryOperator_MulAssign && raised_multiplier(sides[1]));
        param = scales ? raised_parameter_field(sides[0], &field) : 0;
    } else if (lc_extract_assignment_sides(cursor, sides)) {
        /* the target first: only then are the value's locals followed */
        param = raised_parameter_field(sides[0], &field);
        if (param > 0 && !raised_value(search->walk, sides[1], RAISED_HOPS))
            param = 0;
    }
    if (param > 0 && param <= LC_ELEMENT_ARGUMENTS)
        raised_note(search, param, field);
    return CXChildVisit_Recurse;
}

void lc_extract_raised_limits(struct lc_extract_walk *walk, CXCursor function, struct lc_function_fact *fact)
{
    struct raised_search search = { walk, fact };
    CXCursor body = lc_extract_function_body(function);
    /* the variable events answer for the function walked: `function` */
    if (!clang_Cursor_isNull(body) && lc_extract_variable_events_cover(walk, function))
        clang_visitChildren(body, raised_visit, &search);
}
