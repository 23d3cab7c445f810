/* extract_loop_descent.c — a loop that descends a tree through the array
 * of child links its current node holds: each round it replaces its walker
 * with one of the node's children, read from a pointer to a pointer of the
 * walker's type computed from the walker itself.  The walker is a local or
 * a field of a variable (`it->node` of an iterator), read by the
 * condition; the step copies the child in (`memcpy(&it->node, cp, sizeof
 * it->node)`, `memcpy(&h, children + j, sizeof h)`: a call given the
 * walker's address and that pointer) or assigns it (`x = *cp`, `x =
 * children[j]`, `x = x->child[dir]`), the pointer built from the walker
 * (`children + j` with `children` set in the body from `h`, a cast of
 * arithmetic on `it->node`).  Not a single named link (`&p->next`: a list).
 * Counted as a descent when the condition reads nothing but the walker
 * (`while (it->node->size)`; not `steps > 0 || !n->iskey`: a count too).
 * The rounds follow one path from the root: the tree's height, not its
 * size (extract_loops.c counts such a loop as a few steps).  A loop inside a loop stepping its walker so
 * (whatever that loop's condition: an iterator's `while (1)` going up and
 * down) whose condition reads a field of the walker (`i <
 * it->node->size`) or a local the outer body sets from one (`int i =
 * it->node->size - 1; while (i >= 0)`), the walker left alone, scans the
 * current node's own children or bytes: it continues the walk. */
#include "extract_internal.h"

/* The walker: the place the step writes (a variable, or a variable's
 * field), as the expression that names it. */
struct descent_search {
    CXCursor walker;              /* the place, once a step names it */
    CXCursor body;                /* where locals holding the pointer are set */
    int found;
};

static int descent_is_place(CXCursor expr)
{
    CXCursor base;
    expr = lc_extract_strip(expr);
    if (clang_getCursorKind(expr) == CXCursor_DeclRefExpr)
        return !clang_Cursor_isNull(lc_extract_loop_variable(expr));
    return clang_getCursorKind(expr) == CXCursor_MemberRefExpr && lc_extract_children(expr, &base, 1) == 1
           && !clang_Cursor_isNull(lc_extract_loop_variable(base));
}

static int descent_at_place(CXCursor cursor, void *place)
{
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    return (kind == CXCursor_DeclRefExpr || kind == CXCursor_MemberRefExpr)
           && lc_extract_same_place(cursor, *(const CXCursor *)place);
}

/* Does `expr` name `place` anywhere in it (`it->node->size` names
 * `it->node`)? */
static int descent_names(CXCursor expr, CXCursor place)
{
    return lc_extract_any(expr, descent_at_place, &place);
}

/* One named link rather than an array of them: the address of a field
 * (`&p->next`), or a field holding a pointer to one (`p->entry.tqe_prev`,
 * `head->tqh_last` of a tail queue walked backwards). */
static int descent_is_one_link(CXCursor pointer)
{
    CXCursor operand;
    pointer = lc_extract_strip(pointer);
    if (clang_getCursorKind(pointer) == CXCursor_MemberRefExpr)
        return 1;
    return clang_getCursorKind(pointer) == CXCursor_UnaryOperator
           && clang_getCursorUnaryOperatorKind(pointer) == CXUnaryOperator_AddrOf
           && lc_extract_children(pointer, &operand, 1) == 1
           && clang_getCursorKind(lc_extract_strip(operand)) == CXCursor_MemberRefExpr;
}

/* Does `cursor` set local `variable` from an expression naming `place`
 * (`raxNode **cp = raxNodeLastChildPtr(it->node)`), not one named link
 * (`pp = x->entry.tqe_prev`)? */
struct descent_local {
    CXCursor variable, place;
};

static int descent_sets_local(CXCursor cursor, void *data)
{
    const struct descent_local *local = data;
    CXCursor value, variable = lc_extract_variable_set(cursor, &value);
    return !clang_Cursor_isNull(variable) && clang_equalCursors(variable, local->variable)
           && descent_names(value, local->place) && !descent_is_one_link(value);
}

/* Does `cursor` read a local that the body sets from `place`? */
struct descent_built {
    CXCursor place, body;
};

static int descent_reads_built_local(CXCursor cursor, void *data)
{
    const struct descent_built *built = data;
    CXCursor variable = lc_extract_loop_variable(cursor);
    struct descent_local local = { variable, built->place };
    return !clang_Cursor_isNull(variable) && lc_extract_is_local(variable)
           && lc_extract_any(built->body, descent_sets_local, &local);
}

/* Is `expr` built from `place`: it names it, or a local it reads is set in
 * the body from it? */
static int descent_built_from(CXCursor expr, CXCursor place, CXCursor body)
{
    struct descent_built built = { place, body };
    return descent_names(expr, place) || lc_extract_any(expr, descent_reads_built_local, &built);
}

/* A pointer to pointers of the walker's type, not one named link; a
 * field holding one counts when it is indexed (`n->kids[i]`: an array). */
static int descent_is_links(CXCursor pointer, CXType walker, int indexed)
{
    CXType type = clang_getCanonicalType(clang_getCursorType(lc_extract_strip(pointer)));
    return type.kind == CXType_Pointer && lc_extract_same_type(clang_getPointeeType(type), walker)
           && (!descent_is_one_link(pointer)
               || (indexed && clang_getCursorKind(lc_extract_strip(pointer)) == CXCursor_MemberRefExpr));
}



/* The child a step reads: `*cp`, `children[j]`, `x->child[dir]`. */
static int descent_is_child_read(CXCursor value, CXCursor place, CXCursor body)
{
    CXCursor parts[2];
    CXType walker = clang_getCanonicalType(clang_getCursorType(place));
    value = lc_extract_strip(value);
    enum CXCursorKind kind = clang_getCursorKind(value);
    if (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(value) == CXUnaryOperator_Deref
        && lc_extract_children(value, parts, 1) == 1)
        return descent_is_links(parts[0], walker, 0) && descent_built_from(parts[0], place, body);
    if (kind == CXCursor_ArraySubscriptExpr && lc_extract_children(value, parts, 2) == 2) {
        CXType base = clang_getCanonicalType(clang_getCursorType(lc_extract_strip(parts[0])));
        int links = base.kind == CXType_ConstantArray ? lc_extract_same_type(clang_getArrayElementType(base), walker)
                                                      : descent_is_links(parts[0], walker, 1);
        return links && descent_built_from(parts[0], place, body);
    }
    return 0;
}

/* The address of a place a call is given (`&it->node`), or null. */
static CXCursor descent_address_of(CXCursor argument)
{
    CXCursor operand;
    argument = lc_extract_strip(argument);
    if (clang_getCursorKind(argument) == CXCursor_UnaryOperator
        && clang_getCursorUnaryOperatorKind(argument) == CXUnaryOperator_AddrOf
        && lc_extract_children(argument, &operand, 1) == 1 && descent_is_place(operand))
        return lc_extract_strip(operand);
    return clang_getNullCursor();
}

/* A call copying a child in: given `&place` and a pointer to the node's
 * links built from the place. */
static int descent_copies_child(CXCursor call, CXCursor place, CXCursor body)
{
    int count = clang_Cursor_getNumArguments(call), given = 0, links = 0;
    CXType walker = clang_getCanonicalType(clang_getCursorType(place));
    for (int i = 0; i < count; i++) {
        CXCursor argument = clang_Cursor_getArgument(call, (unsigned)i), address = descent_address_of(argument);
        if (!clang_Cursor_isNull(address) && lc_extract_same_place(address, place))
            given = 1;
        else if (descent_is_links(argument, walker, 0) && descent_built_from(argument, place, body))
            links = 1;
    }
    return given && links;
}

static int descent_is_walker_type(CXCursor place)
{
    return clang_getCanonicalType(clang_getCursorType(place)).kind == CXType_Pointer;
}

static enum CXChildVisitResult descent_step_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct descent_search *search = data;
    CXCursor sides[2];
    if (clang_getCursorKind(cursor) == CXCursor_CallExpr) {
        int count = clang_Cursor_getNumArguments(cursor);
        for (int i = 0; i < count && !search->found; i++) {
            CXCursor place = descent_address_of(clang_Cursor_getArgument(cursor, (unsigned)i));
            if (!clang_Cursor_isNull(place) && descent_is_walker_type(place)
                && descent_copies_child(cursor, place, search->body)) {
                search->walker = place;
                search->found = 1;
            }
        }
    } else if (lc_extract_assignment_sides(cursor, sides) && descent_is_place(sides[0])
               && descent_is_walker_type(sides[0])
               && descent_is_child_read(sides[1], lc_extract_strip(sides[0]), search->body)) {
        search->walker = lc_extract_strip(sides[0]);
        search->found = 1;
    }
    return search->found ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* The walker the loop steps down to a child; null when it steps none. */
static CXCursor descent_walker(const struct lc_extract_loop_parts *parts)
{
    if (clang_Cursor_isNull(parts->body))
        return clang_getNullCursor();
    struct descent_search search = { clang_getNullCursor(), parts->body, 0 };
    lc_extract_visit_all(parts->body, descent_step_visit, &search);
    if (!search.found)
        lc_extract_visit_all(parts->increment, descent_step_visit, &search);
    return search.found ? search.walker : clang_getNullCursor();
}

/* The variable a place is (`n`) or is a field of (`it` of `it->node`). */
static CXCursor descent_place_variable(CXCursor place)
{
    CXCursor base;
    if (clang_getCursorKind(place) == CXCursor_MemberRefExpr && lc_extract_children(place, &base, 1) == 1)
        return lc_extract_loop_variable(base);
    return lc_extract_loop_variable(place);
}

int lc_extract_loop_descends_children(const struct lc_extract_loop_parts *parts)
{
    CXCursor walker = descent_walker(parts);
    if (clang_Cursor_isNull(walker) || clang_Cursor_isNull(parts->condition) || !descent_names(parts->condition, walker))
        return 0;
    /* the walker alone: not `steps > 0 || !n->iskey`, a count besides */
    struct lc_extract_variables read = { .count = 0, .found = 0 };
    lc_extract_variables_collect(parts->condition, &read);
    CXCursor variable = descent_place_variable(walker);
    for (unsigned i = 0; i < read.count; i++)
        if (!clang_equalCursors(read.declarations[i], variable))
            return 0;
    return 1;
}

/* Does the inner loop leave `place` alone: no assignment of it, no call
 * given its address? */
static int descent_changes(CXCursor cursor, void *place)
{
    CXCursor target = lc_extract_changed_operand(cursor);
    return !clang_Cursor_isNull(target) && lc_extract_same_place(target, *(const CXCursor *)place);
}

int lc_extract_loop_scans_descended_node(const struct lc_extract_loop_parts *parts,
                                         const struct lc_extract_loop_parts *outer)
{
    CXCursor place = descent_walker(outer);
    if (clang_Cursor_isNull(place) || clang_Cursor_isNull(parts->condition)
        || !descent_built_from(parts->condition, place, outer->body))
        return 0;
    const CXCursor *moves[4] = { &parts->init, &parts->condition, &parts->increment, &parts->body };
    for (int i = 0; i < 4; i++)
        if (lc_extract_any(*moves[i], descent_changes, &place))
            return 0;
    return 1;
}
