/* extract_loop_owned.c — does an inner loop walk a list the element of its
 * enclosing loop holds through a pointer field?  tor's
 * `SMARTLIST_FOREACH(votes, networkstatus_t *, v) SMARTLIST_FOREACH(
 * v->routerstatus_list, ...)` counts to `(v->routerstatus_list)->num_used`,
 * and `for (x = e->items->head; x; x = x->next)` starts at
 * `e->items->head`: a field of what the element's pointer field points to.
 * That is the element's own list when the element owns the object — the
 * program frees it through the field, `smartlist_free(ns->routerstatus_list)`
 * — and the rest of a shared container when the field is a back-pointer
 * (`c->server->clients`), which nothing frees through a client.  Only the
 * whole program tells which, so the loop records the field (loop fact
 * owned_field_usr) and the cost model decides (cost_owned_fields.c).
 * The count may be a local the outer body sets from it first (the macro's
 * `rs_sl_len = (v->routerstatus_list)->num_used`), which also makes a
 * count taken from the element's own field (`n = op->argc; for (i = 0; i
 * < n; i++)`) its children outright. */
#include "extract_internal.h"

CXCursor lc_extract_element_field_through(const struct lc_extract_variables *element, CXCursor expr)
{
    CXCursor base;
    expr = lc_extract_strip(expr);
    for (unsigned depth = 0; depth < 8; depth++) {
        enum CXCursorKind kind = clang_getCursorKind(expr);
        if (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(expr) == CXUnaryOperator_AddrOf
            && lc_extract_children(expr, &base, 1) == 1) {
            expr = lc_extract_strip(base);
            continue;
        }
        if (kind != CXCursor_MemberRefExpr || lc_extract_children(expr, &base, 1) != 1)
            break;
        base = lc_extract_strip(base);
        if (clang_getCursorKind(base) == CXCursor_MemberRefExpr
            && clang_getCanonicalType(clang_getCursorType(base)).kind == CXType_Pointer
            && lc_extract_element_field(element, base, 0))
            return clang_getCursorReferenced(base);
        expr = base;
    }
    return clang_getNullCursor();
}

struct owned_search {
    const struct lc_extract_variables *element;
    CXCursor field;   /* the pointer field found, or null */
    int mixed;        /* two different fields */
};

static void owned_note(struct owned_search *search, CXCursor field)
{
    if (clang_Cursor_isNull(field))
        return;
    if (!clang_Cursor_isNull(search->field) && !clang_equalCursors(search->field, field))
        search->mixed = 1;
    search->field = field;
}

static enum CXChildVisitResult owned_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct owned_search *search = data;
    if (clang_getCursorKind(cursor) == CXCursor_MemberRefExpr)
        owned_note(search, lc_extract_element_field_through(search->element, cursor));
    return CXChildVisit_Recurse;
}

/* The inner walker's start, from the for's init: `x = e->items->head`. */
static enum CXChildVisitResult owned_start_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct owned_search *search = data;
    CXCursor value, variable = lc_extract_variable_set(cursor, &value);
    if (clang_Cursor_isNull(variable))
        return CXChildVisit_Recurse;
    if (clang_getCanonicalType(clang_getCursorType(variable)).kind == CXType_Pointer)
        owned_note(search, lc_extract_element_field_through(search->element, value));
    return CXChildVisit_Continue;
}

/* What every value `local` gets is: the element's own field
 * (LC_EXTRACT_OWNED_CHILDREN), a field through one pointer field of it
 * (LC_EXTRACT_OWNED_THROUGH, the field noted), or anything else
 * (LC_EXTRACT_OWNED_NONE).  The local must be declared in the outer body,
 * so it is set afresh for each element, and only set by a declaration or
 * an assignment (no `++`, no address taken). */
static enum lc_extract_owned owned_local(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *outer,
                                         struct owned_search *search, CXCursor local)
{
    if (!lc_extract_is_local(local) || clang_Cursor_isNull(outer->body)
        || !lc_extract_declared_inside(local, outer->body))
        return LC_EXTRACT_OWNED_NONE;
    enum lc_extract_owned kind = LC_EXTRACT_OWNED_NONE;
    const struct lc_extract_variable_event *event = NULL;
    while ((event = lc_extract_variable_event_next(walk, local, event)) != NULL) {
        if ((event->kind != LC_EXTRACT_EVENT_DECLARED && event->kind != LC_EXTRACT_EVENT_ASSIGNED)
            || clang_Cursor_isNull(event->value))
            return LC_EXTRACT_OWNED_NONE;
        CXCursor field = lc_extract_element_field_through(search->element, event->value);
        if (!clang_Cursor_isNull(field)) {
            owned_note(search, field);
            kind = LC_EXTRACT_OWNED_THROUGH;
        } else if (lc_extract_element_field(search->element, event->value, 0)) {
            if (kind == LC_EXTRACT_OWNED_NONE)
                kind = LC_EXTRACT_OWNED_CHILDREN;
        } else {
            return LC_EXTRACT_OWNED_NONE;
        }
    }
    return kind;
}

enum lc_extract_owned lc_extract_loop_owned_children(struct lc_extract_walk *walk,
                                                     struct lc_extract_kept_element *inner, CXCursor *field)
{
    *field = clang_getNullCursor();
    const struct lc_extract_loop_parts *parts = inner->parts, *outer = inner->outer;
    const struct lc_extract_kept_element *kept = NULL;
    if (clang_Cursor_isNull(parts->condition) || !lc_extract_variable_events_cover(walk, walk->function)
        || !(kept = lc_extract_loop_kept(inner)) || kept->element.count == 0)
        return LC_EXTRACT_OWNED_NONE;
    struct owned_search search = { .element = &kept->element, .field = clang_getNullCursor(), .mixed = 0 };
    lc_extract_visit_all(parts->condition, owned_visit, &search);
    lc_extract_visit_all(parts->init, owned_start_visit, &search);
    enum lc_extract_owned kind = clang_Cursor_isNull(search.field) ? LC_EXTRACT_OWNED_NONE : LC_EXTRACT_OWNED_THROUGH;
    /* the locals the condition reads that the loop itself does not move */
    struct lc_extract_variables read = { .count = 0, .found = 0 };
    lc_extract_variables_collect(parts->condition, &read);
    for (unsigned i = 0; i < read.count; i++) {
        if (lc_extract_variables_has_declaration(&kept->moved, read.declarations[i]))
            continue;
        enum lc_extract_owned local = owned_local(walk, outer, &search, read.declarations[i]);
        if (local > kind)
            kind = local;
    }
    if (search.mixed)
        return LC_EXTRACT_OWNED_NONE;
    if (kind == LC_EXTRACT_OWNED_THROUGH)
        *field = search.field;
    return kind;
}
