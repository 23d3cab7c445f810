/* extract_variable_events.c — where the variables of the walked function
 * get their values, indexed once per function: each declaration with an
 * initializer, each assignment `v = x`, each `v++`, `--v` and `v += x`,
 * each call given `&v` as an argument and each `&v`, in the function's
 * tree order, found by the variable.  The loop tests ask, for every loop, where the locals of its
 * condition come from (extract_walker_origin.c, extract_loop_shape.c);
 * searching the function's whole tree each time made a function of N loops
 * cost N walks of its tree.  An event inside a call given the variable's
 * address (`f(&v, v = 1)`) says so: a test that takes the call as the
 * variable's step skips what is inside it. */
#include "extract_internal.h"

#include <stdlib.h>

#define EVENTS_CALL_DEPTH 8       /* nested calls given addresses followed */
#define EVENTS_CALL_ADDRESSES 4   /* addresses per call remembered */

/* The calls given an address around the cursor being indexed. */
struct events_scan {
    struct lc_extract_walk *walk;
    unsigned serial;
    unsigned depth;                 /* entries of `given` in use */
    struct events_call {
        CXCursor variables[EVENTS_CALL_ADDRESSES];   /* canonical */
        unsigned count;
        int overflow;               /* more addresses than remembered */
    } given[EVENTS_CALL_DEPTH];
    int too_deep;                   /* calls nested past EVENTS_CALL_DEPTH */
};

/* Is an event of `variable` here inside a call given its address?  Past
 * what the scan remembers, taken to be (the test then skips it, as it
 * would a call's argument). */
static int events_under_call(const struct events_scan *scan, CXCursor variable)
{
    if (scan->too_deep)
        return 1;
    for (unsigned i = 0; i < scan->depth; i++) {
        if (scan->given[i].overflow)
            return 1;
        for (unsigned j = 0; j < scan->given[i].count; j++)
            if (clang_equalCursors(scan->given[i].variables[j], variable))
                return 1;
    }
    return 0;
}

static struct lc_extract_variable_event *events_add(struct events_scan *scan, enum lc_extract_event_kind kind,
                                                   CXCursor variable, CXCursor cursor, CXCursor value)
{
    struct lc_extract_walk *walk = scan->walk;
    struct lc_extract_variable_event *event = lc_extract_append(walk, &walk->variable_events,
                                                                &walk->variable_event_count,
                                                                &walk->variable_event_cap, sizeof *event);
    if (!event)
        return NULL;
    *event = (struct lc_extract_variable_event){
        .variable = variable, .cursor = cursor, .value = value, .hash = clang_hashCursor(variable),
        .serial = scan->serial++, .kind = (unsigned char)kind,
        .under_call_given_address = (unsigned char)events_under_call(scan, variable),
    };
    return event;
}

/* The variable whose address `argument` is (`&li`, `(void *)&nick`), or null. */
static CXCursor events_address_of(CXCursor argument)
{
    CXCursor operand;
    argument = lc_extract_strip(argument);
    if (clang_getCursorKind(argument) != CXCursor_UnaryOperator
        || clang_getCursorUnaryOperatorKind(argument) != CXUnaryOperator_AddrOf
        || lc_extract_children(argument, &operand, 1) != 1)
        return clang_getNullCursor();
    return lc_extract_loop_variable(operand);
}

static enum CXChildVisitResult events_visit(CXCursor cursor, CXCursor parent, CXClientData data);

/* A call: one event per variable whose address it is given, then its
 * children with those variables remembered. */
static void events_call(struct events_scan *scan, CXCursor call)
{
    struct events_call given = { .count = 0, .overflow = 0 };
    int count = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < count; i++) {
        CXCursor variable = events_address_of(clang_Cursor_getArgument(call, (unsigned)i));
        if (clang_Cursor_isNull(variable))
            continue;
        int seen = 0;
        for (unsigned j = 0; j < given.count; j++)
            seen |= clang_equalCursors(given.variables[j], variable);
        if (seen)
            continue;
        events_add(scan, LC_EXTRACT_EVENT_CALL_GIVEN_ADDRESS, variable, call, clang_getNullCursor());
        if (given.count < EVENTS_CALL_ADDRESSES)
            given.variables[given.count++] = variable;
        else
            given.overflow = 1;
    }
    if (given.count == 0 && !given.overflow) {
        clang_visitChildren(call, events_visit, scan);
        return;
    }
    if (scan->depth == EVENTS_CALL_DEPTH) {
        int was = scan->too_deep;
        scan->too_deep = 1;
        clang_visitChildren(call, events_visit, scan);
        scan->too_deep = was;
        return;
    }
    scan->given[scan->depth++] = given;
    clang_visitChildren(call, events_visit, scan);
    scan->depth--;
}

static enum CXChildVisitResult events_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct events_scan *scan = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor sides[2];
    if (scan->walk->out_of_memory)
        return CXChildVisit_Break;
    if (kind == CXCursor_VarDecl) {
        CXCursor value = clang_Cursor_getVarDeclInitializer(cursor);
        if (!clang_Cursor_isNull(value))
            events_add(scan, LC_EXTRACT_EVENT_DECLARED, clang_getCanonicalCursor(cursor), cursor, value);
    } else if (lc_extract_assignment_sides(cursor, sides)) {
        CXCursor variable = lc_extract_loop_variable(sides[0]);
        if (!clang_Cursor_isNull(variable))
            events_add(scan, LC_EXTRACT_EVENT_ASSIGNED, variable, cursor, sides[1]);
    } else if (kind == CXCursor_CallExpr) {
        events_call(scan, cursor);
        return CXChildVisit_Continue;
    } else if (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(cursor) == CXUnaryOperator_AddrOf) {
        CXCursor variable = events_address_of(cursor);
        if (!clang_Cursor_isNull(variable))
            events_add(scan, LC_EXTRACT_EVENT_ADDRESS, variable, cursor, clang_getNullCursor());
    } else {
        CXCursor variable = lc_extract_loop_variable(lc_extract_updated_operand(cursor));
        int unary = kind == CXCursor_UnaryOperator;
        struct lc_extract_variable_event *event =
            clang_Cursor_isNull(variable) ? NULL
                                          : events_add(scan, unary ? LC_EXTRACT_EVENT_STEPPED : LC_EXTRACT_EVENT_UPDATED,
                                                       variable, cursor, clang_getNullCursor());
        if (event)
            event->op = unary ? (int)clang_getCursorUnaryOperatorKind(cursor)
                              : (int)clang_getCursorBinaryOperatorKind(cursor);
    }
    return CXChildVisit_Recurse;
}

static int events_order(const void *a, const void *b)
{
    const struct lc_extract_variable_event *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->serial < y->serial ? -1 : x->serial > y->serial;
}

/* Index the walked function once. */
static void events_index(struct lc_extract_walk *walk)
{
    struct events_scan scan = { .walk = walk };
    walk->variable_events_known = 1;
    walk->variable_event_count = 0;
    clang_visitChildren(walk->function, events_visit, &scan);
    if (walk->variable_event_count > 1)
        qsort(walk->variable_events, walk->variable_event_count, sizeof *walk->variable_events, events_order);
}

int lc_extract_variable_events_cover(const struct lc_extract_walk *walk, CXCursor function)
{
    return walk && !clang_Cursor_isNull(walk->function) && clang_equalCursors(function, walk->function);
}

const struct lc_extract_variable_event *lc_extract_variable_event_next(struct lc_extract_walk *walk,
                                                                      CXCursor variable,
                                                                      const struct lc_extract_variable_event *after)
{
    if (clang_Cursor_isNull(walk->function) || clang_Cursor_isNull(variable))
        return NULL;
    if (!walk->variable_events_known)
        events_index(walk);
    unsigned hash = clang_hashCursor(variable);
    size_t at;
    if (after) {
        at = (size_t)(after - walk->variable_events) + 1;
    } else {
        size_t high = walk->variable_event_count;
        for (at = 0; at < high;) {   /* the first event of that hash */
            size_t middle = at + (high - at) / 2;
            if (walk->variable_events[middle].hash < hash)
                at = middle + 1;
            else
                high = middle;
        }
    }
    /* the variables hashing alike interleave: skip the others' */
    for (; at < walk->variable_event_count && walk->variable_events[at].hash == hash; at++)
        if (clang_equalCursors(walk->variable_events[at].variable, variable))
            return &walk->variable_events[at];
    return NULL;
}
