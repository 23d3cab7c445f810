/* extract_loop_pooled.c — a walk that hands every element it passes back
 * to a pool of the program, as a slab allocator takes a freed item's
 * chunks back onto its free lists:
 *
 *     while (chunk) {
 *         next = chunk->next;
 *         p = &slabclass[chunk->clsid];
 *         chunk->next = p->slots;       (the element put in front of the
 *         p->slots = chunk;              pool's list)
 *         chunk = next;
 *     }
 *
 * Every round links the element it is at (the pointer its condition
 * tests) in front of a list a global holds — the global itself, a field
 * of it, or a field through a local set to its address in the round
 * (`p = &slabclass[i]`) — through the link field the round overwrites.
 * The walk takes its chain apart, and an element gets onto such a chain
 * only when the program takes it from the pool (an allocation), so all
 * such walks together make as many rounds as there were allocations:
 * LC_SOURCE_AMORTIZED, as for a loop freeing what it walks
 * (cost_disposal.c).  Both statements are of the body's own block, no
 * round is cut short (`continue`, `goto`) and nothing steps the walker
 * through the link it overwrites (that would walk the pool instead). */
#include "extract_internal.h"

#define POOLED_ROOT_DEPTH 8   /* fields and subscripts followed to a variable */

/* The variable `place` is rooted at: `slabclass[i].slots`,
 * `p->slots`, `pool`; a null cursor when none. */
static CXCursor pooled_root(CXCursor place)
{
    for (unsigned depth = 0; depth < POOLED_ROOT_DEPTH; depth++) {
        place = lc_extract_strip(place);
        enum CXCursorKind kind = clang_getCursorKind(place);
        if (kind == CXCursor_DeclRefExpr)
            return lc_extract_loop_variable(place);
        if ((kind != CXCursor_MemberRefExpr && kind != CXCursor_ArraySubscriptExpr)
            || lc_extract_children(place, &place, 1) < 1)
            return clang_getNullCursor();
    }
    return clang_getNullCursor();
}

static int pooled_is_global(CXCursor variable)
{
    return clang_getCursorKind(variable) == CXCursor_VarDecl && clang_Cursor_hasVarDeclGlobalStorage(variable);
}

/* Is `variable` set, by a statement of the body's own block, to the
 * address of a place rooted at a global (`p = &slabclass[id]`)? */
struct pooled_local {
    CXCursor variable;
    int found;
};

static enum CXChildVisitResult pooled_local_visit(CXCursor statement, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct pooled_local *local = data;
    CXCursor value, set = lc_extract_variable_set(statement, &value);
    CXCursor address = clang_Cursor_isNull(set) ? set : lc_extract_address_operand(value);
    if (!clang_Cursor_isNull(address) && clang_equalCursors(set, local->variable)
        && pooled_is_global(pooled_root(address)))
        local->found = 1;
    return CXChildVisit_Continue;
}

/* Is `head` a place a global holds, in a round of `body`? */
static int pooled_is_pool(CXCursor head, CXCursor body)
{
    CXCursor root = pooled_root(head);
    if (clang_Cursor_isNull(root))
        return 0;
    if (pooled_is_global(root))
        return 1;
    struct pooled_local local = { root, 0 };
    if (clang_getCursorKind(lc_extract_strip(head)) == CXCursor_MemberRefExpr && lc_extract_is_local(root))
        clang_visitChildren(body, pooled_local_visit, &local);
    return local.found;
}

/* The walker the condition tests, a local or a parameter: `while
 * (chunk)`, `chunk != NULL`. */
static CXCursor pooled_walker(CXCursor condition)
{
    CXCursor sides[2], tested = lc_extract_strip(condition);
    if (clang_getCursorKind(tested) == CXCursor_BinaryOperator
        && clang_getCursorBinaryOperatorKind(tested) == CXBinaryOperator_NE && lc_extract_children(tested, sides, 2) == 2)
        tested = lc_extract_is_null_pointer_constant(sides[1])   ? sides[0]
                 : lc_extract_is_null_pointer_constant(sides[0]) ? sides[1]
                                                                 : clang_getNullCursor();
    CXCursor walker = lc_extract_loop_variable(tested);
    if ((!lc_extract_is_local(walker) && clang_getCursorKind(walker) != CXCursor_ParmDecl)
        || clang_getCanonicalType(clang_getCursorType(walker)).kind != CXType_Pointer)
        return clang_getNullCursor();
    return walker;
}

/* The push being looked for, and what the search found. */
struct pooled_push {
    CXCursor walker, body;
    CXCursor link, head;   /* W->link = head, once seen */
    int linked, pushed;
};

static enum CXChildVisitResult pooled_push_visit(CXCursor statement, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct pooled_push *push = data;
    CXCursor sides[2], field;
    if (!lc_extract_assignment_sides(lc_extract_strip(statement), sides))
        return CXChildVisit_Continue;
    if (!push->linked) {
        CXCursor base = lc_extract_pointer_field(sides[0], &field);
        if (!clang_Cursor_isNull(base) && clang_equalCursors(base, push->walker)
            && pooled_is_pool(sides[1], push->body)) {
            push->link = clang_getCanonicalCursor(field);
            push->head = lc_extract_strip(sides[1]);
            push->linked = 1;
        }
    } else if (lc_extract_same_place(sides[0], push->head) && lc_extract_is_variable(sides[1], push->walker)) {
        push->pushed = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

/* Does `cursor` step the walker through the overwritten link (`chunk =
 * chunk->next`)? */
static int pooled_steps_through_link(CXCursor cursor, void *data)
{
    const struct pooled_push *push = data;
    CXCursor sides[2], field;
    if (!lc_extract_assignment_sides(cursor, sides) || !lc_extract_is_variable(sides[0], push->walker))
        return 0;
    CXCursor base = lc_extract_pointer_field(sides[1], &field);
    return !clang_Cursor_isNull(base) && clang_equalCursors(base, push->walker)
           && clang_equalCursors(clang_getCanonicalCursor(field), push->link);
}

int lc_extract_loop_pools_elements(const struct lc_extract_loop_parts *parts)
{
    if (clang_Cursor_isNull(parts->condition) || clang_Cursor_isNull(parts->body)
        || clang_getCursorKind(parts->body) != CXCursor_CompoundStmt)
        return 0;
    struct pooled_push push = { .walker = pooled_walker(parts->condition), .body = parts->body };
    if (clang_Cursor_isNull(push.walker) || lc_extract_any(parts->body, lc_extract_cuts_round, NULL))
        return 0;
    clang_visitChildren(parts->body, pooled_push_visit, &push);
    return push.pushed && !lc_extract_any(parts->body, pooled_steps_through_link, &push)
           && !lc_extract_any(parts->increment, pooled_steps_through_link, &push);
}
