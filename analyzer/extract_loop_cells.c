/* extract_loop_cells.c — does an inner loop visit, with its enclosing
 * loop, each cell of one two-dimensional object once?  `for (yy = 0; yy <
 * screen_size_y(s); yy++) for (xx = 0; xx < screen_size_x(s); xx++)
 * grid_view_set_cell(s->grid, xx, yy, &gc);` counts up to two different
 * integer fields of one object (`s->grid->sy`, `s->grid->sx`: its
 * height and width) and reaches the object's cell at both counters: a
 * call given the object (or a field of it) and both counters, or a
 * subscript of one of the object's fields by both (`gd->cells[yy][xx]`,
 * `o->map[yy * o->sx + xx]`).  Each round is another cell: the nest is
 * linear in the object's cells, like a walk over each row's own cells, not
 * the product of two sizes.  Neither the object nor the two fields change
 * in the function, and each loop steps its counter up by one. */
#include "extract_internal.h"

/* The counter of `parts`, stepped up by one (`xx++`, `++xx`), and what it
 * counts up to (`xx < bound`, `xx <= bound`, `xx != bound`, `bound > xx`);
 * 0 when the loop is not so shaped. */
static int cells_counting(const struct lc_extract_loop_parts *parts, CXCursor *counter, CXCursor *bound)
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

/* What the search of the inner body for the cell at both counters keeps. */
struct cells_search {
    CXCursor object, counters[2];
    int found;
};

/* Is `expr` the object or a field of it (`s->grid` for `s->grid->sx`'s
 * object, `gd->cells` for `gd`)? */
static int cells_of_object(const struct cells_search *search, CXCursor expr)
{
    CXCursor inner;
    for (expr = lc_extract_strip(expr);; expr = lc_extract_strip(inner)) {
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
            object |= cells_of_object(search, argument);
            counters |= !clang_Cursor_isNull(variable) && clang_equalCursors(variable, search->counters[0]) ? 1 : 0;
            counters |= !clang_Cursor_isNull(variable) && clang_equalCursors(variable, search->counters[1]) ? 2 : 0;
        }
        search->found |= object && counters == 3;
    } else if (kind == CXCursor_ArraySubscriptExpr) {
        CXCursor array = cursor, children[2];
        while (clang_getCursorKind(array) == CXCursor_ArraySubscriptExpr && lc_extract_children(array, children, 2) == 2)
            array = lc_extract_strip(children[0]);
        if (clang_getCursorKind(array) == CXCursor_MemberRefExpr && cells_of_object(search, array)
            && cells_reads_both(search, cursor))
            search->found = 1;
        return CXChildVisit_Continue;
    }
    return search->found ? CXChildVisit_Break : CXChildVisit_Recurse;
}

int lc_extract_loop_walks_cells(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts,
                                const struct lc_extract_loop_parts *outer)
{
    CXCursor counters[2], bounds[2], objects[2], fields[2];
    if (clang_Cursor_isNull(walk->function) || !cells_counting(outer, &counters[0], &bounds[0])
        || !cells_counting(parts, &counters[1], &bounds[1]) || clang_equalCursors(counters[0], counters[1]))
        return 0;
    for (int i = 0; i < 2; i++)
        if (clang_Cursor_isNull(fields[i] = cells_dimension(bounds[i], &objects[i])))
            return 0;
    CXCursor root = cells_root(objects[0]);
    if (clang_equalCursors(fields[0], fields[1]) || !lc_extract_same_place(objects[0], objects[1])
        || clang_Cursor_isNull(root) || lc_extract_changes_of(walk, root) != 0
        || lc_extract_changes_of(walk, fields[0]) != 0 || lc_extract_changes_of(walk, fields[1]) != 0)
        return 0;
    struct cells_search search = { objects[0], { counters[0], counters[1] }, 0 };
    lc_extract_visit_all(parts->body, cells_visit, &search);
    return search.found;
}
