/* extract_loop_cells.c — does an inner loop visit, with its enclosing
 * loop, each cell of one two-dimensional object at most once?  Two nested
 * for loops each count a different variable up by one, and the inner body
 * reaches one object's cell at both counters: a call given the object (or
 * a field of it) and both counters, or a subscript of one of the object's
 * fields by both (`gd->cells[yy][xx]`, `o->map[yy * o->sx + xx]`).  Neither
 * counter changes in the nest but by its loop (the outer one not at all
 * in the outer body, the inner one not in the inner body), so each round
 * is another cell (x, y): the nest is one pass over the object's cells,
 * not the product of two sizes.  The bounds may be anything
 * (`for (yy = py; yy < py + ny; yy++) for (xx = px; xx < px + nx; xx++)
 * grid_clear_cell(gd, xx, yy, bg)`: a rectangle of `gd`), with guards
 * against a pair of the same dimension: not the same bound twice
 * (`y < n` around `x < n`), not an inner loop started from the outer
 * counter (`j = i + 1`); and a bound that is an integer field of an
 * object (`yy < screen_size_y(s)`: `s->grid->sy`) must be a size of the
 * object whose cell is reached, neither changed in the function (so not
 * two sizes of two objects).  The object's variable never changes in the
 * function.  The outer loop must cost its rounds itself (its source not
 * the parent): `for (i) for (j) for (k)` reaching `c->m[i][j]` and
 * `b->m[k][j]` is one pass over c's cells, each with a walk of k, not two
 * passes. */
#include <string.h>

#include "extract_internal.h"

int lc_extract_loop_counting(const struct lc_extract_loop_parts *parts, CXCursor *counter, CXCursor *bound)
{
    CXCursor condition = lc_extract_strip(parts->condition), step = lc_extract_strip(parts->increment), sides[2];
    if (clang_Cursor_isNull(condition) || clang_Cursor_isNull(step)
        || clang_getCursorKind(condition) != CXCursor_BinaryOperator || lc_extract_children(condition, sides, 2) != 2
        || clang_getCursorKind(step) != CXCursor_UnaryOperator)
        return 0;
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(condition);
    int counter_left = op == CXBinaryOperator_LT || op == CXBinaryOperator_LE || op == CXBinaryOperator_NE;
    if (!counter_left && op != CXBinaryOperator_GT && op != CXBinaryOperator_GE)
        return 0;
    enum CXUnaryOperatorKind step_op = clang_getCursorUnaryOperatorKind(step);
    CXCursor stepped;
    if ((step_op != CXUnaryOperator_PostInc && step_op != CXUnaryOperator_PreInc)
        || lc_extract_children(step, &stepped, 1) < 1)
        return 0;
    *counter = lc_extract_loop_variable(sides[counter_left ? 0 : 1]);
    *bound = lc_extract_strip(sides[counter_left ? 1 : 0]);
    return !clang_Cursor_isNull(*counter) && clang_equalCursors(*counter, lc_extract_loop_variable(stepped));
}

/* The integer field `bound` reads of an object (`o->sx`, `o.sx`), and the
 * object in *object; a null cursor when it is not one. */
static CXCursor cells_dimension(CXCursor bound, CXCursor *object)
{
    CXCursor field = clang_getCursorReferenced(bound);
    if (clang_getCursorKind(bound) != CXCursor_MemberRefExpr || clang_getCursorKind(field) != CXCursor_FieldDecl
        || lc_extract_children(bound, object, 1) < 1)
        return clang_getNullCursor();
    enum CXTypeKind kind = clang_getCanonicalType(clang_getCursorType(field)).kind;
    int integer = (kind >= CXType_Char_U && kind <= CXType_UInt128) || (kind >= CXType_Char_S && kind <= CXType_Int128);
    *object = lc_extract_strip(*object);
    return integer ? clang_getCanonicalCursor(field) : clang_getNullCursor();
}

/* The variable an object expression starts from (`s` of `s->grid`). */
static CXCursor cells_root(CXCursor object)
{
    CXCursor inner;
    while (clang_getCursorKind(object) == CXCursor_MemberRefExpr && lc_extract_children(object, &inner, 1) >= 1)
        object = lc_extract_strip(inner);
    return lc_extract_loop_variable(object);
}

/* What the search of the inner body for the cell at both counters keeps:
 * the object the bounds are sizes of, null when neither bound is a field. */
struct cells_search {
    struct lc_extract_walk *walk;
    CXCursor object, counters[2];
    int found;
};

/* Is `expr` the object whose cell is reached, or a field of it?  With the
 * bounds' object: that object or a field of it (`s->grid` for
 * `s->grid->sx`'s object, `gd->cells` for `gd`); without: a variable or a
 * field of one, a pointer to a structure (or, `record`, a field of a
 * structure: the array a subscript reads), whose variable the function
 * never changes. */
static int cells_of_object(const struct cells_search *search, CXCursor expr, int record)
{
    CXCursor inner, root;
    expr = lc_extract_strip(expr);
    if (clang_Cursor_isNull(search->object)) {
        root = cells_root(expr);
        return (record ? clang_getCursorKind(expr) == CXCursor_MemberRefExpr
                       : lc_extract_is_object_pointer(clang_getCursorType(expr)))
               && !clang_Cursor_isNull(root) && lc_extract_changes_of(search->walk, root) == 0;
    }
    for (;; expr = lc_extract_strip(inner)) {
        if (lc_extract_same_place(expr, search->object))
            return 1;
        if (clang_getCursorKind(expr) != CXCursor_MemberRefExpr || lc_extract_children(expr, &inner, 1) < 1)
            return 0;
    }
}

static int cells_reads_both(const struct cells_search *search, CXCursor expr)
{
    struct lc_extract_variables read = { .count = 0, .found = 0 };
    lc_extract_variables_collect(expr, &read);
    return lc_extract_variables_has_declaration(&read, search->counters[0])
           && lc_extract_variables_has_declaration(&read, search->counters[1]);
}

static enum CXChildVisitResult cells_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct cells_search *search = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (kind == CXCursor_CallExpr) {
        int count = clang_Cursor_getNumArguments(cursor), object = 0, counters = 0;
        for (int i = 0; i < count; i++) {
            CXCursor argument = clang_Cursor_getArgument(cursor, (unsigned)i);
            CXCursor variable = lc_extract_loop_variable(argument);
            object |= cells_of_object(search, argument, 0);
            counters |= !clang_Cursor_isNull(variable) && clang_equalCursors(variable, search->counters[0]) ? 1 : 0;
            counters |= !clang_Cursor_isNull(variable) && clang_equalCursors(variable, search->counters[1]) ? 2 : 0;
        }
        search->found |= object && counters == 3;
    } else if (kind == CXCursor_ArraySubscriptExpr) {
        CXCursor array = cursor, children[2];
        while (clang_getCursorKind(array) == CXCursor_ArraySubscriptExpr && lc_extract_children(array, children, 2) == 2)
            array = lc_extract_strip(children[0]);
        if (clang_getCursorKind(array) == CXCursor_MemberRefExpr && cells_of_object(search, array, 1)
            && cells_reads_both(search, cursor))
            search->found = 1;
        return CXChildVisit_Continue;
    }
    return search->found ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* Does anything under the visited cursor change the counter in `data`
 * (assigned, incremented, decremented, its address taken)? */
static enum CXChildVisitResult cells_changed_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct cells_search *search = data;
    CXCursor changed = lc_extract_loop_variable(lc_extract_changed_operand(cursor));
    search->found |= !clang_Cursor_isNull(changed) && clang_equalCursors(changed, search->counters[0]);
    return search->found ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* Does anything under the visited cursor read the counter in `data`? */
static enum CXChildVisitResult cells_read_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct cells_search *search = data;
    CXCursor read = lc_extract_loop_variable(cursor);
    search->found |= !clang_Cursor_isNull(read) && clang_equalCursors(read, search->counters[0]);
    return search->found ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* Does `cursor` (null: nothing) change `counter`, or with `visitor`
 * cells_read_visit, read it? */
static int cells_counter_under(CXCursor cursor, CXCursor counter, CXCursorVisitor visitor)
{
    struct cells_search search = { NULL, clang_getNullCursor(), { counter, counter }, 0 };
    lc_extract_visit_all(cursor, visitor, &search);
    return search.found;
}

/* Are the two bounds one: the same place (`gd->sy` twice, `n` twice) or
 * the same text (`py + ny` twice)? */
static int cells_same_bound(struct lc_extract_walk *walk, CXCursor a, CXCursor b)
{
    const char *text_a = lc_extract_text(walk, a), *text_b = lc_extract_text(walk, b);
    return lc_extract_same_place(a, b) || (text_a && text_b && text_a[0] && strcmp(text_a, text_b) == 0);
}

/* The object the bounds are sizes of (a null cursor when neither is an
 * integer field) in *object; 0 when they are sizes of two objects, the same
 * size twice, or a size or the object changes in the function. */
static int cells_bounds_object(struct lc_extract_walk *walk, const CXCursor bounds[2], CXCursor *object)
{
    CXCursor objects[2], fields[2];
    *object = clang_getNullCursor();
    for (int i = 0; i < 2; i++) {
        fields[i] = cells_dimension(bounds[i], &objects[i]);
        if (clang_Cursor_isNull(fields[i]))
            continue;
        CXCursor root = cells_root(objects[i]);
        if ((!clang_Cursor_isNull(*object) && !lc_extract_same_place(*object, objects[i])) || clang_Cursor_isNull(root)
            || lc_extract_changes_of(walk, root) != 0 || lc_extract_changes_of(walk, fields[i]) != 0)
            return 0;
        *object = objects[i];
    }
    return !cells_same_bound(walk, bounds[0], bounds[1]);
}

int lc_extract_loop_walks_cells(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts,
                                const struct lc_extract_loop_parts *outer)
{
    CXCursor counters[2], bounds[2], object;
    int outer_free = walk->loop_index >= 0 && walk->facts->loops[walk->loop_index].source == LC_SOURCE_PARENT;
    if (clang_Cursor_isNull(walk->function) || outer_free || !lc_extract_loop_counting(outer, &counters[0], &bounds[0])
        || !lc_extract_loop_counting(parts, &counters[1], &bounds[1]) || clang_equalCursors(counters[0], counters[1]))
        return 0;
    if (cells_counter_under(parts->init, counters[0], cells_read_visit)
        || cells_counter_under(outer->condition, counters[0], cells_changed_visit)
        || cells_counter_under(outer->body, counters[0], cells_changed_visit)
        || cells_counter_under(parts->condition, counters[1], cells_changed_visit)
        || cells_counter_under(parts->body, counters[1], cells_changed_visit)
        || !cells_bounds_object(walk, bounds, &object))
        return 0;
    struct cells_search search = { walk, object, { counters[0], counters[1] }, 0 };
    lc_extract_visit_all(parts->body, cells_visit, &search);
    return search.found;
}
