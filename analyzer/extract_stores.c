/* extract_stores.c — values stored into fields and variables: function
 * pointers (`p->cb = f`, `cb_t fp = f`, compound literals; initialiser
 * lists are extract_init.c's) and, whatever the types, the results of
 * direct calls (`c->fd = socket(...)`, `int fd = accept4(...)`), for
 * descriptor tracking, and NULL assigned to a function-pointer field
 * (`p->cb = NULL`, scoped_callbacks.c; not an initialiser's NULL, which
 * starts a new object).  Into a pointer to a struct, in a function, every
 * stored value but a constant is recorded too, apart from the flows
 * (LC_STORE_OBJECT: where an object comes from, made_objects.c).  Into an
 * `int` (a descriptor's type) every stored
 * value but a constant is recorded: an element or a negation of a field,
 * variable or parameter (`c->fd = fds[0]`, `fd = -fd`) as derived from it
 * (LC_STORE_DERIVED), OTHER when it is none of those (`x + 1`), and so is the value of a
 * `return` in a function returning `int` or a pointer to a struct (`return
 * stdout;` from a `FILE *` function, an object store): its target is a
 * CALL naming the function (the value its calls yield).  An `int` stored
 * through a pointer parameter (`*pair = fd`) goes into what the parameter
 * points to (LC_VALUE_POINTEE), the caller's `&field` (descriptor_flow.c).
 * A `?:` stores each of its branches.
 *
 * The walk meets an assignment before the call on its right, so the store
 * of a call's result waits in walk->pending until the call's fact exists,
 * and then names it (value.call_index).
 *
 * A callee or an argument that is a `?:` of functions
 * (`register_cb(c ? on_a : on_b)`, `(c ? f : g)(x)`) becomes a VAR of its
 * own, "c:@lc@cond@FILE@OFFSET" (where the `?:` is), with a store of each
 * branch into it, so linking follows both through that VAR; so does an
 * argument that is a `?:` of pointers to structs each branch of which is
 * a field, a variable or a parameter (`fflush(w ? w->term->out :
 * term->out)`), with an object store of each, for the stream flow. */
#include "extract_internal.h"

#include <stdlib.h>

#define EXTRACT_CONDITIONAL_DEPTH 16   /* `a ? f : b ? g : ...` followed this deep */

static int extract_is_conditional(CXCursor expr, CXCursor *branches)
{
    CXCursor parts[3];
    if (clang_getCursorKind(expr) != CXCursor_ConditionalOperator ||
        lc_extract_children(expr, parts, 3) != 3)
        return 0;
    branches[0] = parts[1];
    branches[1] = parts[2];
    return 1;
}

/* Whether `expr` is, or through `?:` yields, a call. */
static int extract_yields_call(CXCursor expr, unsigned depth)
{
    CXCursor branches[2];
    expr = lc_extract_strip(expr);
    if (clang_getCursorKind(expr) == CXCursor_CallExpr)
        return 1;
    return depth < EXTRACT_CONDITIONAL_DEPTH && extract_is_conditional(expr, branches) &&
           (extract_yields_call(branches[0], depth + 1) ||
            extract_yields_call(branches[1], depth + 1));
}

void lc_extract_add_store(struct lc_extract_walk *walk, enum lc_store_role role, const struct lc_value *target,
                          const struct lc_value *value, const struct lc_location *loc, CXCursor where)
{
    struct lc_store_fact *fact = lc_tu_facts_add_store(walk->facts);
    if (!fact) {
        walk->out_of_memory = 1;
        return;
    }
    fact->role = role;
    fact->target = *target;
    fact->value = *value;
    fact->in_function_usr = walk->function_usr;
    fact->loc = *loc;
    fact->conditional = lc_extract_is_conditional(walk, where);
}

/* An int made from a variable, field or parameter without being it: an
 * element (`fds[0]`, `c->fds[1]`) or a negation (`-c->fd`).  Recorded as
 * LC_STORE_DERIVED (or OTHER when the place is none of those); 1 when
 * `stripped` is one. */
static int extract_store_derived(struct lc_extract_walk *walk, const struct lc_value *target, CXCursor stripped,
                                 const struct lc_location *loc)
{
    CXCursor operand = stripped;
    enum CXCursorKind kind = clang_getCursorKind(stripped);
    if (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(stripped) == CXUnaryOperator_Minus) {
        if (lc_extract_children(stripped, &operand, 1) != 1)
            return 0;
        operand = lc_extract_strip(operand);
    } else if (kind != CXCursor_ArraySubscriptExpr) {
        return 0;
    }
    struct lc_value value;
    lc_extract_value(walk, operand, &value);
    int place = value.kind == LC_VALUE_FIELD || value.kind == LC_VALUE_VAR || value.kind == LC_VALUE_PARAM;
    if (!place)
        value = (struct lc_value){ .kind = LC_VALUE_OTHER };
    lc_extract_add_store(walk, place ? LC_STORE_DERIVED : LC_STORE_FLOW, target, &value, loc, stripped);
    return 1;
}

static void extract_store_leaf(struct lc_extract_walk *walk, const struct lc_value *target,
                               CXCursor expr, enum lc_extract_stored stored)
{
    CXCursor stripped = lc_extract_strip(expr);
    int call = clang_getCursorKind(stripped) == CXCursor_CallExpr;
    long long constant;
    struct lc_location loc;
    if ((call && !walk->function_usr) || (!call && stored == LC_STORED_CALLS) ||
        (!call && stored == LC_STORED_INTEGERS && lc_extract_integer_constant(expr, &constant)) ||
        (!call && stored == LC_STORED_OBJECTS && lc_extract_is_null_pointer_constant(expr)) ||
        lc_extract_location(walk, clang_getCursorLocation(expr), &loc) != 0)
        return;
    if (call) {
        struct lc_extract_pending_store *pending =
            lc_extract_append(walk, &walk->pending, &walk->pending_count, &walk->pending_cap,
                              sizeof *pending);
        if (pending)
            *pending = (struct lc_extract_pending_store){ stripped, *target, loc };
        return;
    }
    struct lc_value value;
    lc_extract_value(walk, expr, &value);
    if (stored == LC_STORED_OBJECTS) {
        if (value.kind != LC_VALUE_FIELD && value.kind != LC_VALUE_VAR && value.kind != LC_VALUE_PARAM)
            value = (struct lc_value){ .kind = LC_VALUE_OTHER };
        lc_extract_add_store(walk, LC_STORE_OBJECT, target, &value, &loc, expr);
        return;
    }
    lc_extract_remember_result(walk, target, -1);
    /* `fd = fds[1]`, `fd = -fd`: made from the place, not the place (one
     * element is not the array's other descriptors). */
    if (stored == LC_STORED_INTEGERS && extract_store_derived(walk, target, stripped, &loc))
        return;
    if (value.kind == LC_VALUE_FUNCTION || value.kind == LC_VALUE_FIELD ||
        value.kind == LC_VALUE_VAR || value.kind == LC_VALUE_PARAM ||
        (stored == LC_STORED_INTEGERS && value.kind == LC_VALUE_OTHER))
        lc_extract_add_store(walk, LC_STORE_FLOW, target, &value, &loc, expr);
}

static void extract_store_branches(struct lc_extract_walk *walk, const struct lc_value *target,
                                   CXCursor expr, enum lc_extract_stored stored, unsigned depth)
{
    CXCursor branches[2];
    if (depth < EXTRACT_CONDITIONAL_DEPTH &&
        extract_is_conditional(lc_extract_strip(expr), branches)) {
        for (int i = 0; i < 2; i++)
            extract_store_branches(walk, target, branches[i], stored, depth + 1);
        return;
    }
    extract_store_leaf(walk, target, expr, stored);
}

void lc_extract_store(struct lc_extract_walk *walk, const struct lc_value *target,
                      CXCursor value_expr, enum lc_extract_stored stored)
{
    if (target->kind == LC_VALUE_FIELD || target->kind == LC_VALUE_VAR ||
        target->kind == LC_VALUE_CALL || target->kind == LC_VALUE_POINTEE)
        extract_store_branches(walk, target, value_expr, stored, 0);
}

int lc_extract_is_object_pointer(CXType type)
{
    CXType canonical = clang_getCanonicalType(type);
    return canonical.kind == CXType_Pointer
           && clang_getCanonicalType(clang_getPointeeType(canonical)).kind == CXType_Record;
}

/* What a store into an object of `type` records. */
static enum lc_extract_stored extract_stored_for(const struct lc_extract_walk *walk, CXType type)
{
    if (lc_extract_is_function_pointer(type))
        return LC_STORED_FUNCTION_POINTERS;
    if (walk->function_usr && clang_getCanonicalType(type).kind == CXType_Int)
        return LC_STORED_INTEGERS;
    if (walk->function_usr && lc_extract_is_object_pointer(type))
        return LC_STORED_OBJECTS;
    return LC_STORED_CALLS;
}

void lc_extract_call_result(struct lc_extract_walk *walk, CXCursor call, size_t call_index)
{
    for (size_t i = 0; i < walk->pending_count; i++) {
        if (!lc_extract_same_expression(walk->pending[i].call, call))
            continue;
        struct lc_extract_pending_store pending = walk->pending[i];
        walk->pending[i--] = walk->pending[--walk->pending_count];
        const struct lc_value *callee = &walk->facts->calls[call_index].callee;
        if (callee->kind != LC_VALUE_FUNCTION)
            continue;
        struct lc_value value = {
            .kind = LC_VALUE_CALL, .usr = callee->usr, .name = callee->name,
            .call_index = (int)call_index,
        };
        lc_extract_add_store(walk, LC_STORE_FLOW, &pending.target, &value, &pending.loc, call);
        lc_extract_remember_result(walk, &pending.target, (int)call_index);
    }
}

/* `x.f = v`, `p->f = v`, `a[i].f = v`, `var = v`: of function-pointer type,
 * or with a call on the right. */
void lc_extract_assignment(struct lc_extract_walk *walk, CXCursor assignment)
{
    CXCursor sides[2];
    if (!lc_extract_assignment_sides(assignment, sides))
        return;
    lc_extract_link_copy(walk, clang_getCursorType(sides[0]));
    enum lc_extract_stored stored = extract_stored_for(walk, clang_getCursorType(sides[0]));
    if (stored == LC_STORED_CALLS && !(walk->function_usr && extract_yields_call(sides[1], 0)))
        return;
    if (stored == LC_STORED_OBJECTS) {
        lc_extract_made_field(walk, assignment, sides);
        lc_extract_link_write(walk, sides);
    }
    struct lc_value target;
    lc_extract_value(walk, sides[0], &target);
    if (target.kind == LC_VALUE_OTHER && stored == LC_STORED_INTEGERS)
        lc_extract_pointee_of_parameter(walk, sides[0], &target);   /* `*pair = fd`: an out-parameter */
    struct lc_location loc;
    if (stored == LC_STORED_FUNCTION_POINTERS && target.kind == LC_VALUE_FIELD
        && lc_extract_is_null_pointer_constant(sides[1])
        && lc_extract_location(walk, clang_getCursorLocation(sides[1]), &loc) == 0) {
        struct lc_value null = { .kind = LC_VALUE_NULL };
        lc_extract_add_store(walk, LC_STORE_FLOW, &target, &null, &loc, assignment);
    }
    lc_extract_store(walk, &target, sides[1], stored);
}

/* `return v;` in a function returning `int` or a pointer to a struct (a
 * `FILE *`): a store into the value its calls yield. */
void lc_extract_return(struct lc_extract_walk *walk, CXCursor statement)
{
    CXCursor value;
    if (!walk->function_usr || lc_extract_children(statement, &value, 1) != 1)
        return;
    CXType type = clang_getCursorType(value);
    enum lc_extract_stored stored = clang_getCanonicalType(type).kind == CXType_Int ? LC_STORED_INTEGERS
                                    : lc_extract_is_object_pointer(type)           ? LC_STORED_OBJECTS
                                                                                   : LC_STORED_CALLS;
    if (stored == LC_STORED_CALLS)
        return;
    struct lc_value target = { .kind = LC_VALUE_CALL, .usr = walk->function_usr };
    lc_extract_store(walk, &target, value, stored);
}

/* `cb_t fp = f;`, `struct ops o = { ... };`, `handler_t t[] = { ... };`,
 * `int fd = socket(...);` */
void lc_extract_variable(struct lc_extract_walk *walk, CXCursor variable)
{
    CXCursor init = clang_Cursor_getVarDeclInitializer(variable);
    if (clang_Cursor_isNull(init))
        return;
    CXType type = clang_getCursorType(variable);
    int list = clang_getCursorKind(init) == CXCursor_InitListExpr;
    if (!list)
        lc_extract_link_copy(walk, type);
    enum lc_extract_stored stored = extract_stored_for(walk, type);
    if (!list && stored == LC_STORED_CALLS && !(walk->function_usr && extract_yields_call(init, 0)))
        return;
    struct lc_value target = {
        .kind = LC_VALUE_VAR,
        .usr = lc_extract_usr(walk, variable),
        .name = lc_extract_string(walk, clang_getCursorSpelling(variable)),
    };
    if (list)
        lc_extract_initializer(walk, &target, type, init);
    else
        lc_extract_store(walk, &target, init, stored);
}

/* `(struct ops){ .on_read = f }`: its fields are the targets. */
void lc_extract_compound_literal(struct lc_extract_walk *walk, CXCursor literal)
{
    unsigned count;
    CXCursor *children = lc_extract_children_all(walk, literal, &count);
    if (count > 0 && clang_getCursorKind(children[count - 1]) == CXCursor_InitListExpr) {
        struct lc_value no_target = { .kind = LC_VALUE_OTHER };
        lc_extract_initializer(walk, &no_target, clang_getCursorType(literal),
                               children[count - 1]);
    }
    free(children);
}

/* Is every branch of the `?:` (nested ones too) a field, a variable or a
 * parameter? */
static int extract_branches_are_places(struct lc_extract_walk *walk, CXCursor expr, unsigned depth)
{
    CXCursor branches[2];
    if (extract_is_conditional(lc_extract_strip(expr), branches))
        return depth < EXTRACT_CONDITIONAL_DEPTH && extract_branches_are_places(walk, branches[0], depth + 1)
               && extract_branches_are_places(walk, branches[1], depth + 1);
    struct lc_value value;
    lc_extract_value(walk, expr, &value);
    return value.kind == LC_VALUE_FIELD || value.kind == LC_VALUE_VAR || value.kind == LC_VALUE_PARAM;
}

void lc_extract_operand(struct lc_extract_walk *walk, CXCursor expr, int is_argument,
                        struct lc_value *value)
{
    if (is_argument)
        lc_extract_argument(walk, expr, value);
    else
        lc_extract_value(walk, expr, value);
    CXCursor conditional = lc_extract_strip(expr), branches[2];
    if (value->kind != LC_VALUE_OTHER || !extract_is_conditional(conditional, branches))
        return;
    /* Function pointers; and, for an argument, pointers to structs whose
     * branches are all places (`fflush(w ? w->term->out : term->out)`:
     * the stream is what both fields hold). */
    CXType type = clang_getCursorType(conditional);
    enum lc_extract_stored stored;
    if (lc_extract_is_function_pointer(type))
        stored = LC_STORED_FUNCTION_POINTERS;
    else if (is_argument && walk->function_usr && lc_extract_is_object_pointer(type)
             && extract_branches_are_places(walk, conditional, 0))
        stored = LC_STORED_OBJECTS;
    else
        return;
    struct lc_location loc;
    CXFile file;
    unsigned offset;
    CXSourceLocation where = clang_getCursorLocation(conditional);
    clang_getFileLocation(where, &file, NULL, NULL, &offset);
    if (lc_extract_location(walk, where, &loc) != 0)
        return;
    struct lc_value synthetic = {
        .kind = LC_VALUE_VAR,
        .usr = lc_arena_printf(&walk->facts->arena, "c:@lc@cond@%s@%u", loc.file, offset),
        .name = lc_extract_text(walk, conditional),
    };
    if (!synthetic.usr) {
        walk->out_of_memory = 1;
        return;
    }
    size_t stores = walk->facts->store_count, pending = walk->pending_count;
    lc_extract_store(walk, &synthetic, conditional, stored);
    if (walk->facts->store_count > stores || walk->pending_count > pending)
        *value = synthetic;
}
