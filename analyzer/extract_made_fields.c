/* extract_made_fields.c — constructors: a function that returns a local
 * pointer to a struct, and sets a field of it to one of its parameters
 * once, in its own block (`c->conn = conn; ... return c;`), gives that
 * field the value its caller passed in every object it makes (facts.h
 * LC_STORE_MADE; made_objects.c reads them).  Only when the function sets
 * that field nowhere else, never assigns the local after its declaration
 * nor takes its address, never changes the parameter, and returns nothing
 * but the local or NULL. */
#include "extract_internal.h"

struct made_search {
    CXCursor declaration;   /* the local, or the field */
    unsigned count;         /* returns of something else / changes */
    CXCursor returned;      /* the local every return gives */
};

static int made_is_local(CXCursor declaration)
{
    return clang_getCursorKind(declaration) == CXCursor_VarDecl && !clang_Cursor_hasVarDeclGlobalStorage(declaration);
}

static enum CXChildVisitResult made_returns_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct made_search *search = data;
    CXCursor value;
    if (clang_getCursorKind(cursor) != CXCursor_ReturnStmt)
        return CXChildVisit_Recurse;
    if (lc_extract_children(cursor, &value, 1) != 1 || lc_extract_is_null_pointer_constant(value))
        return CXChildVisit_Continue;
    CXCursor local = lc_extract_loop_variable(value);
    if (!made_is_local(local)
        || (!clang_Cursor_isNull(search->returned) && !clang_equalCursors(search->returned, local)))
        search->count++;
    search->returned = local;
    return CXChildVisit_Continue;
}

/* Counts the changes of a field (of any object) or of a variable. */
static enum CXChildVisitResult made_changes_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct made_search *search = data;
    CXCursor target = lc_extract_changed_operand(cursor);
    if (clang_Cursor_isNull(target))
        return CXChildVisit_Recurse;
    target = lc_extract_strip(target);
    CXCursor named = clang_getCursorKind(target) == CXCursor_MemberRefExpr
                         ? clang_getCursorReferenced(target)
                         : lc_extract_loop_variable(target);
    if (!clang_Cursor_isNull(named) && clang_equalCursors(clang_getCanonicalCursor(named), search->declaration))
        search->count++;
    return CXChildVisit_Recurse;
}

unsigned lc_extract_changes_of(CXCursor function, CXCursor declaration)
{
    struct made_search search = { clang_getCanonicalCursor(declaration), 0, clang_getNullCursor() };
    clang_visitChildren(function, made_changes_visit, &search);
    return search.count;
}

/* The local the walked function returns (see the top), else null; the
 * walk keeps the answer for the whole function. */
static CXCursor made_returned_local(struct lc_extract_walk *walk)
{
    if (!walk->made_local_known) {
        struct made_search search = { clang_getNullCursor(), 0, clang_getNullCursor() };
        walk->made_local_known = 1;
        clang_visitChildren(walk->function, made_returns_visit, &search);
        walk->made_local = search.count == 0 && !clang_Cursor_isNull(search.returned)
                                   && lc_extract_changes_of(walk->function, search.returned) == 0
                               ? search.returned
                               : clang_getNullCursor();
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
    CXCursor returned = made_returned_local(walk);
    int position = lc_extract_parameter_position(parameter);
    if (clang_Cursor_isNull(returned) || !clang_equalCursors(local, returned)
        || clang_getCursorKind(field) != CXCursor_FieldDecl || !lc_extract_param_unchanged(walk, position)
        || lc_extract_changes_of(walk->function, field) != 1
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
