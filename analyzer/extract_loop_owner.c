/* extract_loop_owner.c — the pointer parameter whose own data a loop
 * walks (extract_owner.c says what a parameter owns).  A loop is bounded
 * by pointer parameter p when its condition reads nothing but constants,
 * places p owns of another type than p (`n < rec->nargs`, `node->value !=
 * NULL`, `*collector`) and locals that are either counters (set only to
 * constants, or from themselves) or walkers started from p's own data:
 * every value the function gives the local outside the loop is a
 * constant, one computed from the local itself (`chunk = chunk->next`), or
 * one read from places p owns, the local being of another type than p
 * (`item_chunk *chunk = ITEM_schunk(it)`, `for (tmp = node->value; tmp;
 * tmp = tmp->next)`); inside the loop it is given only constants, values
 * computed from itself, or a local the loop computes from it (`next =
 * chunk->next; ... chunk = next;`).  Such a loop walks what the caller
 * passed for p: the chunks of one item, the lines of one buffer.  Not
 * counted: a walk from p itself (`while (p) p = p->next`, the rest of a
 * list the caller may be walking too), or through `p->next` (same type):
 * a walker of p's own type counts only when it starts at a field other
 * than every one the loop steps it through (`for (c = p->kids.first; c;
 * c = c->next)`, tmux's `TAILQ_FOREACH(lc, &lcparent->cells, entry)`: a
 * tree's children, another list than the one p is on). */
#include "extract_internal.h"

enum owner_verdict { OWNER_FAILED = LC_EXTRACT_ORIGIN_FAILED, OWNER_NEUTRAL = LC_EXTRACT_ORIGIN_NONE };

#define OWNER_STEPS 4   /* fields a walker is stepped through, looked at */

/* What a walker's values outside its loop are checked against. */
struct owner_origin {
    struct lc_extract_walk *walk;
    CXCursor steps[OWNER_STEPS];   /* the fields the loop steps it through
                                      (`c = c->next`: next), canonical */
    unsigned step_count;
};

/* A value read from places parameter `param` owns and constants only. */
struct owner_value {
    const struct owner_origin *origin;
    CXType holder;   /* the type of what receives it: not the parameter's,
                        unless it is read from another field than the
                        loop's steps (owner_other_list) */
    int param;       /* the parameter found, OWNER_NEUTRAL, OWNER_FAILED */
};

/* Is the place `member` read from a field the walker is never stepped
 * through (the head of another list than the one the loop follows)? */
static int owner_other_list(const struct owner_origin *origin, CXCursor member)
{
    CXCursor field = clang_getCanonicalCursor(clang_getCursorReferenced(member));
    if (origin->step_count == 0 || clang_getCursorKind(field) != CXCursor_FieldDecl)
        return 0;
    for (unsigned i = 0; i < origin->step_count; i++)
        if (clang_equalCursors(origin->steps[i], field))
            return 0;
    return 1;
}

/* The parameter a call measures: every argument is a constant, a string
 * literal, the parameter itself, a place it owns or the address of one
 * (`RB_MIN(tree, &p->items)`), and at least one is (`len = sdslen(s)`, `n
 * = listLength(p->clients)`): what the call returns
 * is taken to be a size or a part of that parameter's own data.  Not when
 * `holder` is of the parameter's own type (`x = next_of(p)`: the rest of
 * a list).  The parameter, or -1. */
static int owner_argument_of(void *context, CXCursor argument)
{
    struct lc_extract_walk *walk = context;
    CXCursor root, operand;
    if (clang_getCursorKind(argument) == CXCursor_UnaryOperator
        && clang_getCursorUnaryOperatorKind(argument) == CXUnaryOperator_AddrOf
        && lc_extract_children(argument, &operand, 1) == 1)
        return lc_extract_owned_place(walk, operand, &root);
    return clang_getCursorKind(argument) == CXCursor_DeclRefExpr
               ? lc_extract_parameter_of(walk, lc_extract_loop_variable(argument))
               : lc_extract_owned_place(walk, argument, &root);
}

static int owner_call_of(struct lc_extract_walk *walk, CXCursor call, CXType holder)
{
    int found = lc_extract_call_arguments_of(call, owner_argument_of, walk);
    if (found < 0)
        return -1;
    CXType parameter = clang_getCursorType(clang_Cursor_getArgument(walk->function, (unsigned)found));
    return lc_extract_same_type(holder, parameter) ? -1 : found;
}

static enum CXChildVisitResult owner_value_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct owner_value *value = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor root;
    int deref = kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(cursor) == CXUnaryOperator_Deref;
    if (kind == CXCursor_MemberRefExpr || deref) {
        int param = lc_extract_owned_place(value->origin->walk, cursor, &root);
        int other_type = param >= 0 && (!lc_extract_same_type(value->holder, clang_getCursorType(root))
                                        || (kind == CXCursor_MemberRefExpr && owner_other_list(value->origin, cursor)));
        lc_extract_origin_combine(&value->param, other_type ? param : -1);
        return CXChildVisit_Continue;
    }
    if (kind == CXCursor_UnaryExpr)   /* sizeof: not evaluated */
        return CXChildVisit_Continue;
    if (kind == CXCursor_CallExpr) {
        lc_extract_origin_combine(&value->param, owner_call_of(value->origin->walk, cursor, value->holder));
        return value->param == OWNER_FAILED ? CXChildVisit_Break : CXChildVisit_Continue;
    }
    int named = kind == CXCursor_DeclRefExpr
                && clang_getCursorKind(clang_getCursorReferenced(cursor)) != CXCursor_EnumConstantDecl;
    if (named)
        value->param = OWNER_FAILED;   /* a variable read by itself */
    return value->param == OWNER_FAILED ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* lc_extract_origin_of for a parameter's own data: its index. */
static int owner_value_of(void *context, CXCursor expr, CXType holder)
{
    struct owner_value value = { context, holder, OWNER_NEUTRAL };
    if (owner_value_visit(expr, clang_getNullCursor(), &value) == CXChildVisit_Recurse)
        clang_visitChildren(expr, owner_value_visit, &value);
    return value.param;
}

/* An iterator started outside the loop by a call given its address
 * (`listRewind(list, &li)`): the parameter its other arguments are, or
 * own, as for owner_call_of; constants aside, the walker's address (of
 * the `holder` type) skipped.  A call given nothing else leaves the
 * iterator on what it walks (`raxSeek(&ri, "^", NULL, 0)`, `raxStop(&ri)`):
 * OWNER_NEUTRAL. */
static int owner_started_of(void *context, CXCursor call, CXType holder)
{
    const struct owner_origin *origin = context;
    int found = OWNER_NEUTRAL, count = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < count && found != OWNER_FAILED; i++) {
        CXCursor argument = lc_extract_strip(clang_Cursor_getArgument(call, (unsigned)i)), operand;
        long long number;
        if (clang_getCursorKind(argument) == CXCursor_StringLiteral || lc_extract_integer_constant(argument, &number)
            || lc_extract_is_null_pointer_constant(argument))
            continue;
        if (clang_getCursorKind(argument) == CXCursor_UnaryOperator
            && clang_getCursorUnaryOperatorKind(argument) == CXUnaryOperator_AddrOf
            && lc_extract_children(argument, &operand, 1) == 1
            && lc_extract_same_type(clang_getCursorType(lc_extract_strip(operand)), holder))
            continue;
        lc_extract_origin_combine(&found, owner_argument_of(origin->walk, argument));
    }
    if (found == OWNER_NEUTRAL)
        return OWNER_NEUTRAL;
    if (found < 0)
        return OWNER_FAILED;
    CXType parameter = clang_getCursorType(clang_Cursor_getArgument(origin->walk->function, (unsigned)found));
    return lc_extract_same_type(holder, parameter) ? OWNER_FAILED : found;
}

/* The condition: places owned, and the locals to look at. */
struct owner_condition {
    struct lc_extract_walk *walk;
    struct lc_extract_variables locals;
    int param;
};

static void owner_condition_local(struct owner_condition *condition, CXCursor declaration)
{
    if (lc_extract_variables_has_declaration(&condition->locals, declaration))
        return;
    if (condition->locals.count == LC_EXTRACT_VARIABLES)
        condition->param = OWNER_FAILED;
    else
        condition->locals.declarations[condition->locals.count++] = declaration;
}

/* An iterator's step in the condition (`(de = dictNext(di)) != NULL`,
 * `listNext(&li)`): a call given only constants, string literals, local
 * pointers and the addresses of locals, each of which becomes a local
 * to look at. */
static void owner_condition_step(struct owner_condition *condition, CXCursor call)
{
    int count = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < count && condition->param != OWNER_FAILED; i++) {
        CXCursor argument = lc_extract_strip(clang_Cursor_getArgument(call, (unsigned)i)), operand;
        long long number;
        if (clang_getCursorKind(argument) == CXCursor_StringLiteral || lc_extract_integer_constant(argument, &number)
            || lc_extract_is_null_pointer_constant(argument))
            continue;
        int address = clang_getCursorKind(argument) == CXCursor_UnaryOperator
                      && clang_getCursorUnaryOperatorKind(argument) == CXUnaryOperator_AddrOf
                      && lc_extract_children(argument, &operand, 1) == 1;
        if (address)
            argument = lc_extract_strip(operand);
        CXCursor declaration = clang_getCanonicalCursor(clang_getCursorReferenced(argument));
        if (clang_getCursorKind(argument) != CXCursor_DeclRefExpr || !lc_extract_is_local(declaration)
            || (!address && clang_getCanonicalType(clang_getCursorType(argument)).kind != CXType_Pointer))
            condition->param = OWNER_FAILED;
        else
            owner_condition_local(condition, declaration);
    }
}

static enum CXChildVisitResult owner_condition_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct owner_condition *condition = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor root;
    int deref = kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(cursor) == CXUnaryOperator_Deref;
    if (kind == CXCursor_MemberRefExpr || deref) {
        int param = lc_extract_owned_place(condition->walk, cursor, &root);
        int other_type = param >= 0 && !lc_extract_same_type(clang_getCursorType(cursor), clang_getCursorType(root));
        lc_extract_origin_combine(&condition->param, other_type ? param : -1);
        return condition->param == OWNER_FAILED ? CXChildVisit_Break : CXChildVisit_Continue;
    }
    if (kind == CXCursor_UnaryExpr)
        return CXChildVisit_Continue;
    if (kind == CXCursor_CallExpr) {
        owner_condition_step(condition, cursor);
        return condition->param == OWNER_FAILED ? CXChildVisit_Break : CXChildVisit_Continue;
    }
    if (kind != CXCursor_DeclRefExpr)
        return CXChildVisit_Recurse;
    CXCursor declaration = clang_getCanonicalCursor(clang_getCursorReferenced(cursor));
    enum CXCursorKind declared = clang_getCursorKind(declaration);
    if (lc_extract_is_local(declaration))
        owner_condition_local(condition, declaration);
    else if (declared != CXCursor_EnumConstantDecl)
        condition->param = OWNER_FAILED;   /* a global, a parameter by itself */
    return condition->param == OWNER_FAILED ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* The fields the loop steps `variable` through: `variable = <something
 * of variable>->f` in its condition, increment or body gives f. */
struct owner_steps {
    CXCursor variable;
    struct owner_origin *origin;
};

static enum CXChildVisitResult owner_steps_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct owner_steps *steps = data;
    CXCursor sides[2], value;
    if (!lc_extract_assignment_sides(cursor, sides)
        || !clang_equalCursors(lc_extract_loop_variable(sides[0]), steps->variable))
        return CXChildVisit_Recurse;
    value = lc_extract_strip(sides[1]);
    if (clang_getCursorKind(value) == CXCursor_MemberRefExpr && lc_extract_reads_variable(value, steps->variable)
        && steps->origin->step_count < OWNER_STEPS)
        steps->origin->steps[steps->origin->step_count++] = clang_getCanonicalCursor(clang_getCursorReferenced(value));
    return CXChildVisit_Recurse;
}

static void owner_find_steps(const struct lc_extract_loop_parts *parts, CXCursor variable, struct owner_origin *origin)
{
    struct owner_steps steps = { variable, origin };
    origin->step_count = 0;
    lc_extract_visit_loop_parts(parts, owner_steps_visit, &steps);
}

int lc_extract_loop_owner(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts)
{
    struct owner_condition condition = { walk, { .count = 0, .found = 0 }, OWNER_NEUTRAL };
    if (clang_Cursor_isNull(parts->condition) || clang_Cursor_isNull(walk->function))
        return -1;
    if (owner_condition_visit(parts->condition, clang_getNullCursor(), &condition) == CXChildVisit_Recurse)
        clang_visitChildren(parts->condition, owner_condition_visit, &condition);
    struct owner_origin origin = { .walk = walk };
    struct lc_extract_walker_steps steps = { &condition.locals, owner_started_of };
    for (unsigned i = 0; i < condition.locals.count && condition.param != OWNER_FAILED; i++) {
        owner_find_steps(parts, condition.locals.declarations[i], &origin);
        int param = lc_extract_walker_origin(walk, parts, condition.locals.declarations[i], owner_value_of, &origin,
                                             &steps);
        if (param != OWNER_NEUTRAL)
            lc_extract_origin_combine(&condition.param, param);
    }
    return condition.param >= 0 ? condition.param : -1;
}
