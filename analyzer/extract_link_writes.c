/* extract_link_writes.c — link fields and their writes (facts.h
 * lc_link_write_fact).  A link field is a field of struct S of type
 * `struct S *` (`parent` of `struct options`, `next` of a list node); a
 * write is an assignment `X->F = V` in a function.  The object X (the
 * pointer before `->`) and the value V are recorded as lc_extract_value
 * names them when they are a field (`w->options`), a variable or a
 * parameter the function never changes; V may also be NULL.  Anything else
 * is OTHER: `x.parent` of a struct variable, `a[i]->parent`, `&node`, a
 * call's result.  A link an initialiser list gives a value other than
 * NULL (`{ .parent = &root }`, also at file scope: no function), every
 * link of a struct copied whole (`*a = *b`, `n = (struct node){ ... }`,
 * `struct node copy = *n;`) and every link whose address is taken (`pp =
 * &(*pp)->next`: written through it) are written with an OTHER object and
 * value: what such a chain holds is not followed.  (A copy made by memcpy
 * is not seen.)  A write into a new object the function returns makes the
 * function a constructor of the link (facts.h made: `oo = xcalloc(1,
 * sizeof *oo); oo->parent = parent; return oo;`).  The whole program's
 * writes bound how long a chain of that link can grow
 * (cost_link_depth.c). */
#include "extract_internal.h"

static int link_is_field(CXCursor field)
{
    CXType type = clang_getCanonicalType(clang_getCursorType(field));
    if (clang_getCursorKind(field) != CXCursor_FieldDecl || type.kind != CXType_Pointer)
        return 0;
    CXType pointee = clang_getCanonicalType(clang_getPointeeType(type));
    CXType record = clang_getCanonicalType(clang_getCursorType(clang_getCursorSemanticParent(field)));
    return pointee.kind == CXType_Record && clang_equalTypes(pointee, record);
}

CXCursor lc_extract_link_field(CXCursor member)
{
    CXCursor field = clang_getCursorKind(member) == CXCursor_MemberRefExpr ? clang_getCursorReferenced(member)
                                                                           : clang_getNullCursor();
    return link_is_field(field) ? field : clang_getNullCursor();
}

/* A new write of link `field` in the walked function (none at file
 * scope); NULL when out of memory. */
static struct lc_link_write_fact *link_add(struct lc_extract_walk *walk, CXCursor field)
{
    struct lc_link_write_fact *fact = lc_tu_facts_add_link_write(walk->facts);
    if (!fact) {
        walk->out_of_memory = 1;
        return NULL;
    }
    fact->function_usr = walk->function_usr;
    fact->field_usr = lc_extract_usr(walk, field);
    fact->field_name = lc_extract_string(walk, clang_getCursorSpelling(field));
    fact->object = fact->value = (struct lc_value){ .kind = LC_VALUE_OTHER };
    return fact;
}

void lc_extract_link_initializer(struct lc_extract_walk *walk, CXCursor field, CXCursor value)
{
    if (link_is_field(field) && !lc_extract_is_null_pointer_constant(value))
        link_add(walk, field);
}

static enum CXVisitorResult link_copy_visit(CXCursor field, CXClientData data)
{
    if (link_is_field(field))
        link_add(data, field);
    return CXVisit_Continue;
}

void lc_extract_link_address(struct lc_extract_walk *walk, CXCursor cursor)
{
    CXCursor operand;
    if (clang_getCursorKind(cursor) != CXCursor_UnaryOperator
        || clang_getCursorUnaryOperatorKind(cursor) != CXUnaryOperator_AddrOf
        || lc_extract_children(cursor, &operand, 1) != 1)
        return;
    CXCursor field = lc_extract_link_field(lc_extract_strip(operand));
    if (!clang_Cursor_isNull(field))
        link_add(walk, field);
}

void lc_extract_link_copy(struct lc_extract_walk *walk, CXType type)
{
    type = clang_getCanonicalType(type);
    if (type.kind == CXType_Record)
        clang_Type_visitFields(type, link_copy_visit, walk);
}

/* A field, variable or unchanged parameter `expr` names; NULL; else OTHER. */
static void link_value(struct lc_extract_walk *walk, CXCursor expr, struct lc_value *value)
{
    CXCursor stripped = lc_extract_strip(expr);
    enum CXCursorKind kind = clang_getCursorKind(stripped);
    if (lc_extract_is_null_pointer_constant(expr)) {
        *value = (struct lc_value){ .kind = LC_VALUE_NULL };
        return;
    }
    lc_extract_value(walk, stripped, value);
    int named = (kind == CXCursor_DeclRefExpr || kind == CXCursor_MemberRefExpr)
                && (value->kind == LC_VALUE_FIELD || value->kind == LC_VALUE_VAR
                    || (value->kind == LC_VALUE_PARAM && lc_extract_param_unchanged(walk, value->param_index + 1)));
    if (!named)
        *value = (struct lc_value){ .kind = LC_VALUE_OTHER };
}

/* A call returning `void *`: an allocator's new memory. */
static int link_allocates(CXCursor expr)
{
    expr = lc_extract_strip(expr);
    CXType type = clang_getCanonicalType(clang_getCursorType(expr));
    return clang_getCursorKind(expr) == CXCursor_CallExpr && type.kind == CXType_Pointer
           && clang_getCanonicalType(clang_getPointeeType(type)).kind == CXType_Void;
}

struct link_assignment {
    CXCursor local, value;
};

static enum CXChildVisitResult link_assignment_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct link_assignment *search = data;
    CXCursor sides[2];
    if (lc_extract_assignment_sides(cursor, sides)
        && clang_equalCursors(lc_extract_loop_variable(sides[0]), search->local)) {
        search->value = sides[1];
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* Is `base` the new object the walked function returns (facts.h made)? */
static int link_is_made(struct lc_extract_walk *walk, CXCursor base)
{
    CXCursor local = lc_extract_loop_variable(base), returned = lc_extract_returned_local(walk);
    if (clang_Cursor_isNull(local) || clang_Cursor_isNull(returned) || !clang_equalCursors(local, returned))
        return 0;
    CXCursor init = clang_Cursor_getVarDeclInitializer(local);
    unsigned changes = lc_extract_changes_of(walk, local);
    if (changes == 0)
        return !clang_Cursor_isNull(init) && link_allocates(init);
    if (changes != 1 || (!clang_Cursor_isNull(init) && !lc_extract_is_null_pointer_constant(init)))
        return 0;
    struct link_assignment search = { local, clang_getNullCursor() };
    clang_visitChildren(walk->function, link_assignment_visit, &search);
    return !clang_Cursor_isNull(search.value) && link_allocates(search.value);
}

void lc_extract_link_write(struct lc_extract_walk *walk, const CXCursor sides[2])
{
    CXCursor member = lc_extract_strip(sides[0]), base;
    CXCursor field = lc_extract_link_field(member);
    struct lc_link_write_fact *fact =
        clang_Cursor_isNull(field) || !walk->function_usr ? NULL : link_add(walk, field);
    if (!fact)
        return;
    if (lc_extract_children(member, &base, 1) == 1
        && clang_getCanonicalType(clang_getCursorType(base)).kind == CXType_Pointer) {
        link_value(walk, base, &fact->object);
        fact->made = fact->object.kind == LC_VALUE_VAR && link_is_made(walk, base);
    }
    link_value(walk, sides[1], &fact->value);
}
