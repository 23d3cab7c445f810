/* extract_loop_copy_steps.c — a walker a loop moves on through a local
 * copy (extract_loop_walk.c):
 *
 *     while (p) {
 *         GCObject *next = p->gch.next;   (save next)
 *         ...
 *         p = next;
 *     }
 *
 * `p = next` reads no p, yet it moves p on: every value the copy gets in
 * the loop is computed from p, and the copy is declared inside the loop,
 * so no value from before it reaches the step.  A copy declared before
 * the loop does too when every value it gets in its function is computed
 * from p and a statement of the loop's body, before the one holding the
 * step, sets it (`struct type *elm, *next;` around the loop, as ht.h's
 * rehash does; `nextp = &(*p)->next; ... else p = nextp;`).
 * Such a walker counts as advanced by the loop, as `p = p->next` does,
 * and the step is no fresh start of it. */
#include "extract_internal.h"

/* The values `copy` gets in the loop, and how many of them read `walker`. */
struct copy_values {
    CXCursor copy, walker;
    unsigned count, from_walker;
};

static void copy_value(struct copy_values *values, CXCursor value)
{
    values->count++;
    values->from_walker += lc_extract_reads_variable(value, values->walker);
}

static enum CXChildVisitResult copy_values_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct copy_values *values = data;
    CXCursor sides[2];
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (kind == CXCursor_VarDecl && clang_equalCursors(clang_getCanonicalCursor(cursor), values->copy)) {
        CXCursor value = clang_Cursor_getVarDeclInitializer(cursor);
        if (!clang_Cursor_isNull(value))   /* else set below: reading it before is undefined */
            copy_value(values, value);
    } else if (kind == CXCursor_BinaryOperator && clang_getCursorBinaryOperatorKind(cursor) == CXBinaryOperator_Assign
               && lc_extract_children(cursor, sides, 2) == 2
               && clang_equalCursors(lc_extract_loop_variable(sides[0]), values->copy)) {
        copy_value(values, sides[1]);
    } else if ((kind == CXCursor_CompoundAssignOperator
                || (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(cursor) != CXUnaryOperator_Deref))
               && lc_extract_children(cursor, sides, 1) >= 1
               && clang_equalCursors(lc_extract_loop_variable(sides[0]), values->copy)) {
        values->count++;   /* `next += k`, `next++`, `&next`: not a value of the walker's (`*next` reads it) */
    }
    return CXChildVisit_Recurse;
}

/* Is `statement` `copy = ...`? */
static int copy_is_set_by(CXCursor statement, CXCursor copy)
{
    CXCursor sides[2];
    return lc_extract_assignment_sides(statement, sides)
           && clang_equalCursors(lc_extract_loop_variable(sides[0]), copy);
}

static int copy_is_step(CXCursor cursor, void *step)
{
    return lc_extract_same_expression(cursor, *(const CXCursor *)step);
}

/* Is `step` `statement` or in it? */
static int copy_holds_step(CXCursor statement, CXCursor step)
{
    return lc_extract_any(statement, copy_is_step, &step);
}

/* A copy declared before the loop: is every value it gets in its
 * function computed from the walker, and is it set by a statement of the
 * loop's body before the one holding the step (`p = nextp` in a branch)? */
static int copy_set_before_step(const struct lc_extract_loop_parts *parts, CXCursor copy, CXCursor walker,
                                CXCursor step)
{
    CXCursor function = clang_getCursorSemanticParent(copy);
    if (clang_getCursorKind(function) != CXCursor_FunctionDecl || clang_Cursor_isNull(parts->body)
        || clang_getCursorKind(parts->body) != CXCursor_CompoundStmt)
        return 0;
    struct copy_values values = { copy, walker, 0, 0 };
    lc_extract_visit_all(function, copy_values_visit, &values);
    if (values.count == 0 || values.from_walker != values.count)
        return 0;
    CXCursor statements[64];
    unsigned count = lc_extract_children(parts->body, statements, 64);
    int set = 0;
    for (unsigned i = 0; i < count; i++) {
        if (copy_holds_step(statements[i], step))
            return set;
        set |= copy_is_set_by(statements[i], copy);
    }
    return 0;
}

/* The assignments `walker = copy` of the loop found so far. */
struct copy_steps {
    const struct lc_extract_loop_parts *parts;
    struct lc_extract_variables *advanced;
    CXCursor *steps;
    unsigned count, cap;
};

static enum CXChildVisitResult copy_steps_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct copy_steps *found = data;
    CXCursor sides[2];
    if (!lc_extract_assignment_sides(cursor, sides) || clang_getCursorKind(lc_extract_strip(sides[1])) != CXCursor_DeclRefExpr)
        return CXChildVisit_Recurse;
    CXCursor walker = lc_extract_loop_variable(sides[0]), copy = lc_extract_loop_variable(sides[1]);
    if (clang_Cursor_isNull(walker) || clang_Cursor_isNull(copy) || clang_equalCursors(walker, copy)
        || !lc_extract_is_local(copy) || clang_Cursor_isNull(found->parts->body)
        || !(lc_extract_declared_inside(copy, found->parts->body)
             || copy_set_before_step(found->parts, copy, walker, cursor)))
        return CXChildVisit_Continue;
    struct copy_values values = { copy, walker, 0, 0 };
    lc_extract_visit_loop_parts(found->parts, copy_values_visit, &values);
    if (values.count == 0 || values.from_walker != values.count || found->count == found->cap)
        return CXChildVisit_Continue;
    found->steps[found->count++] = cursor;
    lc_extract_variables_add(found->advanced, walker);
    return CXChildVisit_Continue;
}

unsigned lc_extract_loop_copy_steps(const struct lc_extract_loop_parts *parts, struct lc_extract_variables *advanced,
                                    CXCursor *steps, unsigned cap)
{
    struct copy_steps found = { parts, advanced, steps, 0, cap };
    lc_extract_visit_loop_parts(parts, copy_steps_visit, &found);
    return found.count;
}
