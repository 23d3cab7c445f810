/* extract_made_fields.c — constructors: a function that returns a local
 * pointer to a struct, and sets a field of it to one of its parameters
 * once, in its own block (`c->conn = conn; ... return c;`), gives that
 * field the value its caller passed in every object it makes (facts.h
 * LC_STORE_MADE; made_objects.c reads them).  Only when the function sets
 * that field nowhere else, never assigns the local after its declaration
 * nor takes its address, never changes the parameter, and returns nothing
 * but the local or NULL. */
#include "extract_internal.h"

/* The local every return gives, and how many return something else. */
struct made_returns {
    unsigned count;
    CXCursor returned;
};

static enum CXChildVisitResult made_returns_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct made_returns *search = data;
    CXCursor value;
    if (clang_getCursorKind(cursor) != CXCursor_ReturnStmt)
        return CXChildVisit_Recurse;
    if (lc_extract_children(cursor, &value, 1) != 1 || lc_extract_is_null_pointer_constant(value))
        return CXChildVisit_Continue;
    CXCursor local = lc_extract_loop_variable(value);
    if (!lc_extract_is_local(local)
        || (!clang_Cursor_isNull(search->returned) && !clang_equalCursors(search->returned, local)))
        search->count++;
    search->returned = local;
    return CXChildVisit_Continue;
}

/* Counts the changes of each field (of any object) or variable the walked
 * function changes, into walk->changes. */
static enum CXChildVisitResult made_changes_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct lc_extract_walk *walk = data;
    CXCursor target = lc_extract_changed_operand(cursor);
    if (clang_Cursor_isNull(target))
        return CXChildVisit_Recurse;
    target = lc_extract_strip(target);
    CXCursor named = clang_getCursorKind(target) == CXCursor_MemberRefExpr
                         ? clang_getCursorReferenced(target)
                         : lc_extract_loop_variable(target);
    if (clang_Cursor_isNull(named))
        return CXChildVisit_Recurse;
    named = clang_getCanonicalCursor(named);
    for (size_t i = 0; i < walk->change_count; i++)
        if (clang_equalCursors(walk->changes[i].declaration, named)) {
            walk->changes[i].count++;
            return CXChildVisit_Recurse;
        }
    struct lc_extract_change *change =
        lc_extract_append(walk, &walk->changes, &walk->change_count, &walk->change_cap, sizeof *change);
    if (change)
        *change = (struct lc_extract_change){ named, 1 };
    return CXChildVisit_Recurse;
}

unsigned lc_extract_changes_of(struct lc_extract_walk *walk, CXCursor declaration)
{
    if (!walk->changes_known) {
        walk->changes_known = 1;
        walk->change_count = 0;
        clang_visitChildren(walk->function, made_changes_visit, walk);
    }
    declaration = clang_getCanonicalCursor(declaration);
    for (size_t i = 0; i < walk->change_count; i++)
        if (clang_equalCursors(walk->changes[i].declaration, declaration))
            return walk->changes[i].count;
    return 0;
}

CXCursor lc_extract_returned_local(struct lc_extract_walk *walk)
{
    if (!walk->made_local_known) {
        struct made_returns search = { 0, clang_getNullCursor() };
        walk->made_local_known = 1;
        clang_visitChildren(walk->function, made_returns_visit, &search);
        walk->made_local = search.count == 0 ? search.returned : clang_getNullCursor();
    }
    return walk->made_local;
}

void lc_extract_made_field(struct lc_extract_walk *walk, CXCursor assignment, const CXCursor sides[2])
{
    CXCursor member = lc_extract_strip(sides[0]), base, parameter = lc_extract_loop_variable(sides[1]);
    struct lc_location loc;
    if (clang_Cursor_isNull(walk->function) || clang_getCursorKind(member) != CXCursor_MemberRefExpr
        || clang_getCursorKind(parameter) != CXCursor_ParmDecl || lc_extract_children(member, &base, 1) != 1
        || lc_extract_is_conditional(walk, assignment))
        return;
    CXCursor local = lc_extract_loop_variable(base), field = clang_getCursorReferenced(member);
    CXCursor returned = lc_extract_returned_local(walk);
    int position = lc_extract_parameter_position(parameter);
    if (clang_Cursor_isNull(returned) || !clang_equalCursors(local, returned)
        || lc_extract_changes_of(walk, returned) != 0
        || clang_getCursorKind(field) != CXCursor_FieldDecl || !lc_extract_param_unchanged(walk, position)
        || lc_extract_changes_of(walk, field) != 1
        || lc_extract_location(walk, clang_getCursorLocation(assignment), &loc) != 0)
        return;
    struct lc_value target, value = {
        .kind = LC_VALUE_PARAM,
        .usr = walk->function_usr,
        .name = lc_extract_string(walk, clang_getCursorSpelling(parameter)),
        .param_index = position - 1,
    };
    lc_extract_field_value(walk, field, &target);
    lc_extract_add_store(walk, LC_STORE_MADE, &target, &value, &loc, assignment);
}
