/* extract_full_guard.c — calls made only when an object is full (facts.h,
 * lc_call_fact full_guard): in the then branch of a test that a count
 * field of a pointer reached a limit field of the same pointer, given that
 * pointer,
 *
 *     if (table->num >= table->size)                  (also `>`, `<=`, `<`
 *         table_grow(table);                           the other way round)
 *     if (!head->table || head->n_entries >= head->load_limit)
 *         grow(head, head->n_entries + 1);
 *
 * The limit may be scaled by constants (`t->used >= t->size * 3 / 4`); the
 * test may be one side of `&&`, or of `||` whose other side finds a field
 * of the same pointer NULL (the first allocation).  A call right of `&&`
 * after such a test is made when full too (`if (t->count >= t->size &&
 * grow(t) != 0) return -1;`).  When the callee raises
 * that limit by a factor (extract_raised_limits.c), the call runs once per
 * doubling of the object, and its work over the object is paid for by the
 * insertions that filled it (cost_calls.c). */
#include "extract_internal.h"

#include <string.h>

#define FULL_CALLS 16   /* calls of one branch looked at */

/* The limit side: `object->field`, scaled by integer constants. */
static int full_limit(CXCursor expr, CXCursor object, CXCursor *field)
{
    CXCursor sides[2];
    long long constant;
    expr = lc_extract_strip(expr);
    if (clang_getCursorKind(expr) == CXCursor_BinaryOperator && lc_extract_children(expr, sides, 2) == 2) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(expr);
        if (op != CXBinaryOperator_Mul && op != CXBinaryOperator_Div && op != CXBinaryOperator_Shr
            && op != CXBinaryOperator_Shl)
            return 0;
        if (lc_extract_integer_constant(sides[1], &constant))
            return full_limit(sides[0], object, field);
        return op == CXBinaryOperator_Mul && lc_extract_integer_constant(sides[0], &constant)
               && full_limit(sides[1], object, field);
    }
    CXCursor base = lc_extract_pointer_field(expr, field);
    return !clang_Cursor_isNull(base) && clang_equalCursors(base, object);
}

/* `count >= limit`: the object in *object, the limit's field in *limit. */
static int full_comparison(CXCursor test, CXCursor *object, CXCursor *limit)
{
    CXCursor sides[2], count;
    if (clang_getCursorKind(test) != CXCursor_BinaryOperator || lc_extract_children(test, sides, 2) != 2)
        return 0;
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(test);
    int at_left = op == CXBinaryOperator_GE || op == CXBinaryOperator_GT;
    if (!at_left && op != CXBinaryOperator_LE && op != CXBinaryOperator_LT)
        return 0;
    *object = lc_extract_pointer_field(sides[at_left ? 0 : 1], &count);
    return !clang_Cursor_isNull(*object) && full_limit(sides[at_left ? 1 : 0], *object, limit)
           && !clang_equalCursors(clang_getCanonicalCursor(count), clang_getCanonicalCursor(*limit));
}

/* Is `expr` a pointer field of `object`? */
static int full_pointer_field(CXCursor expr, CXCursor object)
{
    CXCursor field;
    return clang_getCanonicalType(clang_getCursorType(lc_extract_strip(expr))).kind == CXType_Pointer
           && clang_equalCursors(lc_extract_pointer_field(expr, &field), object);
}

/* `!object->field`, `object->field == NULL`, the field a pointer. */
static int full_first_allocation(CXCursor test, CXCursor object)
{
    CXCursor sides[2];
    test = lc_extract_strip(test);
    if (clang_getCursorKind(test) == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(test) == CXUnaryOperator_LNot
        && lc_extract_children(test, sides, 1) == 1)
        return full_pointer_field(sides[0], object);
    return clang_getCursorKind(test) == CXCursor_BinaryOperator
           && clang_getCursorBinaryOperatorKind(test) == CXBinaryOperator_EQ && lc_extract_children(test, sides, 2) == 2
           && lc_extract_is_null_pointer_constant(sides[1]) && full_pointer_field(sides[0], object);
}

/* The test that the object is full somewhere in the condition: itself,
 * one side of `&&`, or of `||` whose other side is a first allocation. */
static int full_test(CXCursor condition, CXCursor *object, CXCursor *limit)
{
    CXCursor sides[2];
    condition = lc_extract_strip(condition);
    if (full_comparison(condition, object, limit))
        return 1;
    if (clang_getCursorKind(condition) != CXCursor_BinaryOperator || lc_extract_children(condition, sides, 2) != 2)
        return 0;
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(condition);
    if (op == CXBinaryOperator_LAnd)
        return full_test(sides[0], object, limit) || full_test(sides[1], object, limit);
    if (op != CXBinaryOperator_LOr)
        return 0;
    for (int side = 0; side < 2; side++)
        if (full_test(sides[side], object, limit) && full_first_allocation(sides[1 - side], *object))
            return 1;
    return 0;
}

/* The calls of the branch given the object, and which argument it is. */
struct full_calls {
    CXCursor object;
    CXCursor calls[FULL_CALLS];
    int positions[FULL_CALLS];
    unsigned count;
};

static enum CXChildVisitResult full_calls_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct full_calls *found = data;
    if (clang_getCursorKind(cursor) != CXCursor_CallExpr || found->count >= FULL_CALLS)
        return CXChildVisit_Recurse;
    int count = clang_Cursor_getNumArguments(cursor);
    for (int i = 0; i < count && i < LC_ELEMENT_ARGUMENTS; i++)
        if (lc_extract_names(clang_Cursor_getArgument(cursor, (unsigned)i), found->object)) {
            found->calls[found->count] = cursor;
            found->positions[found->count++] = i + 1;
            break;
        }
    return CXChildVisit_Recurse;
}

/* Note the calls under `where` (made from fact `first_call` on) given
 * `object` as made when it is full, `limit` the field tested. */
static void full_mark(struct lc_extract_walk *walk, CXCursor where, CXCursor object, CXCursor limit, size_t first_call)
{
    struct full_calls found = { .object = object, .count = 0 };
    lc_extract_visit_all(where, full_calls_visit, &found);
    const char *usr = found.count ? lc_extract_usr(walk, limit) : NULL;
    for (unsigned i = 0; i < found.count && usr; i++) {
        struct lc_location at;
        if (lc_extract_location(walk, clang_getCursorLocation(found.calls[i]), &at) != 0)
            continue;
        CXString name = clang_getCursorSpelling(clang_getCursorReferenced(found.calls[i]));
        for (size_t c = first_call; c < walk->facts->call_count; c++) {
            struct lc_call_fact *fact = &walk->facts->calls[c];
            /* in a macro every call of the branch has the one location */
            if (lc_location_compare(&fact->loc, &at) == 0 && fact->callee.kind == LC_VALUE_FUNCTION
                && fact->callee.name && strcmp(fact->callee.name, clang_getCString(name)) == 0)
                fact->full_guard = (struct lc_raised_limit){ .param = found.positions[i], .field_usr = usr };
        }
        clang_disposeString(name);
    }
}

void lc_extract_full_guard_calls(struct lc_extract_walk *walk, CXCursor condition, CXCursor branch, size_t first_call)
{
    CXCursor object, limit;
    if (first_call < walk->facts->call_count && full_test(condition, &object, &limit))
        full_mark(walk, branch, object, limit, first_call);
}

void lc_extract_full_guard_condition(struct lc_extract_walk *walk, CXCursor condition, size_t first_call)
{
    CXCursor sides[2], object, limit;
    condition = lc_extract_strip(condition);
    if (first_call < walk->facts->call_count && clang_getCursorKind(condition) == CXCursor_BinaryOperator
        && clang_getCursorBinaryOperatorKind(condition) == CXBinaryOperator_LAnd
        && lc_extract_children(condition, sides, 2) == 2 && full_test(sides[0], &object, &limit))
        full_mark(walk, sides[1], object, limit, first_call);
}
