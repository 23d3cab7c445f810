/* extract_loop_link.c — a loop walking up a link (facts.h
 * walked_link_usr): every round it steps one pointer variable through a
 * link field of its own struct (`oo = oo->parent`; lc_extract_link_field)
 * — the condition is the step (`while ((p = p->parent) != NULL)`), or the
 * increment of a `for` is, or a statement of the body's own block is, the
 * body holding no `continue` nor label that could skip it — and changes
 * that variable nowhere else in the loop (assigned, incremented, its
 * address taken).  Not a link of a struct a system header declares (`p =
 * p->ai_next` over getaddrinfo's list, glib's `tmp = tmp->next`): a
 * library writes it, out of sight.  Each round then moves one link further along a chain,
 * so the loop makes at most as many rounds as the chains of that link are
 * long, plus one (cost_link_depth.c). */
#include "extract_internal.h"

#include <stdlib.h>

/* The link field of `expr` when it is the step `v = v->F`, else null. */
static CXCursor link_step(CXCursor expr, CXCursor *variable)
{
    CXCursor sides[2], base;
    expr = lc_extract_strip(expr);
    if (clang_getCursorKind(expr) == CXCursor_BinaryOperator && lc_extract_children(expr, sides, 2) == 2
        && (clang_getCursorBinaryOperatorKind(expr) == CXBinaryOperator_NE
            || clang_getCursorBinaryOperatorKind(expr) == CXBinaryOperator_EQ))
        expr = lc_extract_strip(sides[0]);   /* `(p = p->parent) != NULL` */
    if (!lc_extract_assignment_sides(expr, sides))
        return clang_getNullCursor();
    CXCursor member = lc_extract_strip(sides[1]), field = lc_extract_link_field(member);
    *variable = lc_extract_loop_variable(sides[0]);
    if (clang_Cursor_isNull(field) || clang_Cursor_isNull(*variable) || lc_extract_children(member, &base, 1) != 1
        || !clang_equalCursors(lc_extract_loop_variable(base), *variable))
        return clang_getNullCursor();
    return field;
}

struct link_changes {
    CXCursor variable;
    unsigned changes;    /* of the variable */
    int skips;           /* a `continue` or a label */
};

static enum CXChildVisitResult link_changes_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct link_changes *search = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor target = lc_extract_changed_operand(cursor);
    if (kind == CXCursor_ContinueStmt || kind == CXCursor_LabelStmt)
        search->skips = 1;
    if (!clang_Cursor_isNull(target) && clang_equalCursors(lc_extract_loop_variable(target), search->variable))
        search->changes++;
    return CXChildVisit_Recurse;
}

/* The link field the loop steps up every round, else null. */
static CXCursor link_walked(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts)
{
    CXCursor variable = clang_getNullCursor(), field = clang_getNullCursor();
    if (!clang_Cursor_isNull(parts->condition))
        field = link_step(parts->condition, &variable);
    if (clang_Cursor_isNull(field) && !clang_Cursor_isNull(parts->increment))
        field = link_step(parts->increment, &variable);
    if (clang_Cursor_isNull(field) && !clang_Cursor_isNull(parts->body)) {
        unsigned count;
        int block = clang_getCursorKind(parts->body) == CXCursor_CompoundStmt;
        CXCursor *statements = block ? lc_extract_children_all(walk, parts->body, &count) : NULL;
        if (!block)
            field = link_step(parts->body, &variable);
        for (unsigned i = 0; block && statements && i < count && clang_Cursor_isNull(field); i++)
            field = link_step(statements[i], &variable);
        free(statements);
    }
    if (clang_Cursor_isNull(field) || clang_Location_isInSystemHeader(clang_getCursorLocation(field)))
        return clang_getNullCursor();
    struct link_changes search = { clang_getCanonicalCursor(variable), 0, 0 };
    const CXCursor *parts_changing[3] = { &parts->condition, &parts->increment, &parts->body };
    for (int i = 0; i < 3; i++)
        lc_extract_visit_all(*parts_changing[i], link_changes_visit, &search);
    return search.changes == 1 && !search.skips ? field : clang_getNullCursor();
}

void lc_extract_loop_link(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts,
                          struct lc_loop_fact *loop)
{
    CXCursor field = link_walked(walk, parts);
    if (clang_Cursor_isNull(field))
        return;
    loop->walked_link_usr = lc_extract_usr(walk, field);
    loop->walked_link_name = lc_extract_string(walk, clang_getCursorSpelling(field));
}
