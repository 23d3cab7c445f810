/* extract_loop_registry.c — the global (or static) variable whose
 * collection a loop walks: a list whose head is the variable (`for (tmp =
 * chat_protocols; tmp != NULL; tmp = tmp->next)`), a count kept in one
 * (`for (i = 0; i < handler_count; i++)`), a list drained from it
 * (`while (pending != NULL)`).  The loop's condition reads nothing but
 * constants, that one variable by name, and locals that are counters (set
 * only to constants or from themselves) or walkers every value of which
 * outside the loop is the variable itself (lc_extract_walker_origin); no
 * call, no parameter, no other global, and not the variable through a
 * field, an element or a dereference (`g->len` of a structure a library
 * call may fill without writing g).  Such a loop runs as many rounds as
 * the collection has elements, and the collection grows only where the
 * variable is written (its access facts): cost.c counts it as bounded
 * when every write is made where neither the loop nor a worker runs
 * (start-up, shutdown). */
#include "extract_internal.h"

enum { REGISTRY_FAILED = LC_EXTRACT_ORIGIN_FAILED, REGISTRY_NONE = LC_EXTRACT_ORIGIN_NONE, REGISTRY_FOUND = 0 };

/* The variable found so far, and what the condition reads. */
struct registry_search {
    struct lc_extract_walk *walk;
    CXCursor global;                       /* canonical, or null */
    struct lc_extract_variables locals;    /* of the condition */
    int verdict;
    int through_address;                   /* a walker may start at the
                                              variable's address (`co =
                                              &head`, stepping `co =
                                              &(*co)->next`) */
};

static int registry_is_global(CXCursor declaration)
{
    return clang_getCursorKind(declaration) == CXCursor_VarDecl
           && clang_Cursor_hasVarDeclGlobalStorage(declaration) == 1;
}

/* Note `declaration` (canonical) as the variable walked: REGISTRY_FOUND,
 * or REGISTRY_FAILED when another one was. */
static int registry_note(struct registry_search *search, CXCursor declaration)
{
    if (clang_Cursor_isNull(search->global))
        search->global = declaration;
    return clang_equalCursors(search->global, declaration) ? REGISTRY_FOUND : REGISTRY_FAILED;
}

/* lc_extract_origin_of: a walker's value from outside the loop must be the
 * variable itself (after casts). */
static int registry_origin(void *context, CXCursor value, CXType holder)
{
    (void)holder;
    struct registry_search *search = context;
    CXCursor operand, stripped = lc_extract_strip(value);
    if (search->through_address && clang_getCursorKind(stripped) == CXCursor_UnaryOperator
        && clang_getCursorUnaryOperatorKind(stripped) == CXUnaryOperator_AddrOf
        && lc_extract_children(stripped, &operand, 1) == 1)
        value = operand;
    CXCursor declaration = lc_extract_loop_variable(value);
    if (clang_Cursor_isNull(declaration) || !registry_is_global(declaration))
        return REGISTRY_FAILED;
    return registry_note(search, declaration);
}

/* Fold one verdict into the search's. */
static void registry_combine(struct registry_search *search, int verdict)
{
    if (verdict == REGISTRY_FAILED)
        search->verdict = REGISTRY_FAILED;
    else if (verdict == REGISTRY_FOUND && search->verdict != REGISTRY_FAILED)
        search->verdict = REGISTRY_FOUND;
}

/* Is the object `expr` reaches into (`g->f`, `*g`, `g[i]`) a global? */
static int registry_through_global(CXCursor expr)
{
    CXCursor base;
    if (lc_extract_children(expr, &base, 1) < 1)
        return 0;
    CXCursor declaration = lc_extract_loop_variable(base);
    return !clang_Cursor_isNull(declaration) && registry_is_global(declaration);
}

static enum CXChildVisitResult registry_condition_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct registry_search *search = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    int deref = kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(cursor) == CXUnaryOperator_Deref;
    if (kind == CXCursor_UnaryExpr)   /* sizeof: not evaluated */
        return CXChildVisit_Continue;
    if (kind == CXCursor_CallExpr
        || ((kind == CXCursor_MemberRefExpr || kind == CXCursor_ArraySubscriptExpr || deref)
            && registry_through_global(cursor))) {
        search->verdict = REGISTRY_FAILED;
        return CXChildVisit_Break;
    }
    if (kind != CXCursor_DeclRefExpr)
        return CXChildVisit_Recurse;
    CXCursor declaration = clang_getCanonicalCursor(clang_getCursorReferenced(cursor));
    enum CXCursorKind declared = clang_getCursorKind(declaration);
    if (declared == CXCursor_EnumConstantDecl)
        return CXChildVisit_Continue;
    if (registry_is_global(declaration))
        registry_combine(search, registry_note(search, declaration));
    else if (declared != CXCursor_VarDecl || (!lc_extract_variables_has_declaration(&search->locals, declaration)
                                              && search->locals.count == LC_EXTRACT_VARIABLES))
        search->verdict = REGISTRY_FAILED;   /* a parameter, a function, too many locals */
    else if (!lc_extract_variables_has_declaration(&search->locals, declaration))
        search->locals.declarations[search->locals.count++] = declaration;
    return search->verdict == REGISTRY_FAILED ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* The variable `condition` (the loop's, or a side of its `&&`) walks the
 * collection of. */
static CXCursor registry_walked(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts,
                                CXCursor condition, int through_address)
{
    struct registry_search search = { walk, clang_getNullCursor(), { .count = 0, .found = 0 }, REGISTRY_NONE,
                                      through_address };
    if (clang_Cursor_isNull(condition) || clang_Cursor_isNull(walk->function))
        return clang_getNullCursor();
    if (registry_condition_visit(condition, clang_getNullCursor(), &search) == CXChildVisit_Recurse)
        clang_visitChildren(condition, registry_condition_visit, &search);
    for (unsigned i = 0; i < search.locals.count && search.verdict != REGISTRY_FAILED; i++)
        registry_combine(&search,
                      lc_extract_walker_origin(walk, parts, search.locals.declarations[i], registry_origin, &search,
                                               NULL));
    return search.verdict == REGISTRY_FOUND ? search.global : clang_getNullCursor();
}

CXCursor lc_extract_loop_registry(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts)
{
    return registry_walked(walk, parts, parts->condition, 0);
}

/* The variable one side of `condition`'s `&&` walks the collection of. */
static CXCursor registry_walked_side(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts,
                                     CXCursor condition)
{
    CXCursor found = registry_walked(walk, parts, condition, 1), sides[2];
    condition = lc_extract_strip(condition);
    if (!clang_Cursor_isNull(found) || clang_getCursorKind(condition) != CXCursor_BinaryOperator
        || clang_getCursorBinaryOperatorKind(condition) != CXBinaryOperator_LAnd
        || lc_extract_children(condition, sides, 2) != 2)
        return found;
    found = registry_walked_side(walk, parts, sides[0]);
    return clang_Cursor_isNull(found) ? registry_walked_side(walk, parts, sides[1]) : found;
}

CXCursor lc_extract_loop_walked_list(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts)
{
    return registry_walked_side(walk, parts, parts->condition);
}
