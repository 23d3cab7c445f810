/* extract_loop_children.c — does an inner loop walk the children of the
 * element its enclosing loop is at?  `for (j = 0; j < oa->numops; j++) {
 * op = &oa->ops[j]; for (i = 0; i < op->argc; i++) ... }` visits every
 * argument of every op once: the nest is linear in what the elements own,
 * not the product of two sizes.  The element is a variable the enclosing
 * loop walks (one its condition reads and it changes, also through its
 * address: `j`, `wl`, `de`, `memcpy(&h, ...)`), a pointer it moves on by
 * itself each round at the top level of its body or in its increment
 * (`ptr += p->size`, `current = next` after `next = current->next`), or a
 * local set from one in its body (`op`); the inner loop walks its children when its condition
 * reads one of the element's own fields (`op->argc`, `ops[j].count`,
 * `c->bstate.count`: `->` only on the element itself, so not
 * `c->server->clients`, a field of what the element points to), or its
 * walker starts at such a field of another type than the element
 * (`TAILQ_FIRST(&wl->panes)`, not `a->next`: a pair of the same list is
 * quadratic; `const` aside) or of a record of another type the element
 * holds (`rec->callbacks` with `rec = tmp->data`), or it steps an
 * iterator the outer body starts only on one of the element's fields (`di =
 * dictGetIterator(master->sentinels)`, `listRewind(c->reply, &li)`), or
 * its walker is started by the outer body before it, only ever at such a
 * field, and only moves on from itself inside it (`p =
 * t->buckets[i].head; while (p) { next = p->next; ...; p = next; }`:
 * uthash's rehash).
 * extract_element_args.c finds with the same element which arguments of a
 * call in the loop stand for it. */
#include "extract_internal.h"

/* Does an expression read a variable of `set`? */
static int children_reads(const struct lc_extract_variables *set, CXCursor expr)
{
    struct lc_extract_variables read = { .count = 0, .found = 0 };
    lc_extract_variables_collect(expr, &read);
    for (unsigned i = 0; i < read.count; i++)
        if (lc_extract_variables_has_declaration(set, read.declarations[i]))
            return 1;
    return 0;
}

/* Locals set from the element in the outer body (`op = &oa->ops[j]`,
 * `struct client *c = ln->value`) are the element too. */
static enum CXChildVisitResult children_derived_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct lc_extract_variables *element = data;
    CXCursor value, variable = lc_extract_variable_set(cursor, &value);
    if (!clang_Cursor_isNull(variable) && children_reads(element, value))
        lc_extract_variables_add(element, variable);
    return CXChildVisit_Recurse;
}

/* Is `expr` one of the element's own fields: `op->argc`, `ops[j].count`,
 * `c->bstate.count`, `&wl->panes`, `(&wl->panes)->tqh_first` (TAILQ_FIRST)? */
int lc_extract_element_field(const struct lc_extract_variables *element, CXCursor expr, int through_value)
{
    CXCursor base;
    expr = lc_extract_strip(expr);
    enum CXCursorKind kind = clang_getCursorKind(expr);
    if (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(expr) == CXUnaryOperator_AddrOf)
        return lc_extract_children(expr, &base, 1) == 1 && lc_extract_element_field(element, base, through_value);
    if (kind == CXCursor_DeclRefExpr)
        return through_value && lc_extract_variables_has(element, expr);
    if (kind == CXCursor_ArraySubscriptExpr) {
        CXCursor parts[2];
        return through_value && lc_extract_children(expr, parts, 2) == 2 && children_reads(element, parts[1]);
    }
    if (kind != CXCursor_MemberRefExpr || lc_extract_children(expr, &base, 1) != 1)
        return 0;
    base = lc_extract_strip(base);
    CXCursor object;
    if (clang_getCursorKind(base) == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(base) == CXUnaryOperator_AddrOf
        && lc_extract_children(base, &object, 1) == 1)
        return lc_extract_element_field(element, object, 1);   /* `(&e->values)->tqh_first`: a field of e->values */
    if (clang_getCanonicalType(clang_getCursorType(base)).kind == CXType_Pointer)   /* `->` */
        return (clang_getCursorKind(base) == CXCursor_DeclRefExpr && lc_extract_variables_has(element, base))
               || (clang_getCursorKind(base) == CXCursor_ArraySubscriptExpr
                   && lc_extract_element_field(element, base, 1));   /* `argv[j]->ptr` */
    return lc_extract_element_field(element, base, 1);
}

/* Does an expression read one of the element's own fields (`op->argc`),
 * other than as the pointer a further `->` goes through?
 * `c->server->clients` reads c->server only to reach what the server
 * holds (extract_loop_owned.c). */
struct children_fields {
    const struct lc_extract_variables *element;
    int found;
};

static enum CXChildVisitResult children_field_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct children_fields *search = data;
    if (clang_getCursorKind(cursor) != CXCursor_MemberRefExpr)
        return CXChildVisit_Recurse;
    if (lc_extract_element_field(search->element, cursor, 0)) {
        search->found = 1;
        return CXChildVisit_Break;
    }
    return clang_Cursor_isNull(lc_extract_element_field_through(search->element, cursor)) ? CXChildVisit_Recurse
                                                                                         : CXChildVisit_Continue;
}

static int children_reads_field(const struct lc_extract_variables *element, CXCursor expr)
{
    struct children_fields search = { element, 0 };
    lc_extract_visit_all(expr, children_field_visit, &search);
    return search.found;
}

/* The inner walker's start, from the for's init: `wp = TAILQ_FIRST(&w->panes)`. */
static enum CXChildVisitResult children_start_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    CXCursor *start = data, sides[2];
    if (clang_getCursorKind(cursor) == CXCursor_VarDecl) {
        *start = clang_Cursor_getVarDeclInitializer(cursor);
        return CXChildVisit_Break;
    }
    if (clang_getCursorKind(cursor) == CXCursor_BinaryOperator
        && clang_getCursorBinaryOperatorKind(cursor) == CXBinaryOperator_Assign
        && lc_extract_children(cursor, sides, 2) == 2) {
        *start = sides[1];
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* An iterator over the element's children: a local of the inner loop's
 * condition that the outer body sets only from calls given one of the
 * element's fields (`di = dictGetIterator(master->sentinels)`, `it =
 * iter_start(c->reply)`) or that such a call is given the address of
 * (`listRewind(c->reply, &li)`); or a node the outer body sets from a call
 * given the element itself, for a pointer of another type, and then steps
 * by calls given only the node (`a = options_array_first(o); while (a)
 * ... a = options_array_next(a);`: from the element's first child to the
 * next; an iterator made from the element might walk the rest of the
 * list instead). */
struct children_iterator {
    const struct lc_extract_variables *element;
    CXType walker;                        /* the outer loop's walker type */
    struct lc_extract_variables locals;   /* the one local looked at */
    int started, other;   /* set from the element's field; otherwise */
    int entered, stepped; /* set from a call given the element; by its
                             own step */
};

/* Is an argument of `call` one of the element's fields, or a local the
 * outer body takes from the element of another type than the walker
 * (`dict *clients = dictGetVal(de)`: what the entry holds, not the entry,
 * from which an iterator would walk the rest of the list), or the slot
 * the element's index picks (`strlen(keys[i])`)? */
static int children_call_takes_field(const struct children_iterator *search, CXCursor call)
{
    int count = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < count; i++) {
        CXCursor argument = clang_Cursor_getArgument(call, (unsigned)i), stripped = lc_extract_strip(argument);
        if (lc_extract_element_field(search->element, argument, 0)
            || (clang_getCursorKind(stripped) == CXCursor_DeclRefExpr
                && lc_extract_variables_has(search->element, stripped)
                && !lc_extract_same_type(clang_getCursorType(stripped), search->walker))
            || (clang_getCursorKind(stripped) == CXCursor_ArraySubscriptExpr   /* `strlen(keys[i])` */
                && lc_extract_element_field(search->element, stripped, 1)
                && !lc_extract_same_type(clang_getCursorType(stripped), search->walker)))
            return 1;
    }
    return 0;
}

/* Is `call` given variables of `set` and constants only, at least one of
 * them of `set`? */
static int children_call_given_only(CXCursor call, const struct lc_extract_variables *set)
{
    int count = clang_getCursorKind(call) == CXCursor_CallExpr ? clang_Cursor_getNumArguments(call) : 0, given = 0;
    for (int i = 0; i < count; i++) {
        CXCursor argument = lc_extract_strip(clang_Cursor_getArgument(call, (unsigned)i));
        long long value;
        if (clang_getCursorKind(argument) == CXCursor_DeclRefExpr && lc_extract_variables_has(set, argument))
            given = 1;
        else if (!lc_extract_integer_constant(argument, &value) && !lc_extract_is_null_pointer_constant(argument))
            return 0;
    }
    return given;
}

/* Is `call` given the element itself and nothing else the outer body
 * has (constants aside), its result a pointer of another type than the
 * walker's (`a = options_array_first(o)`: into the element, at its first
 * child)? */
static int children_call_goes_in(const struct children_iterator *search, CXCursor call)
{
    CXType result = clang_getCanonicalType(clang_getCursorType(call));
    return result.kind == CXType_Pointer && !lc_extract_same_type(clang_getCursorType(call), search->walker)
           && children_call_given_only(call, search->element);
}

/* Is `value` a call given the local looked at and constants only (`a =
 * options_array_next(a)`: the iterator's own step)? */
static int children_call_steps(const struct children_iterator *search, CXCursor value)
{
    return children_call_given_only(value, &search->locals);
}

static int children_takes_address_of(const struct lc_extract_variables *locals, CXCursor call)
{
    int count = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < count; i++) {
        CXCursor argument = lc_extract_strip(clang_Cursor_getArgument(call, (unsigned)i)), operand;
        if (clang_getCursorKind(argument) == CXCursor_UnaryOperator
            && clang_getCursorUnaryOperatorKind(argument) == CXUnaryOperator_AddrOf
            && lc_extract_children(argument, &operand, 1) == 1 && lc_extract_variables_has(locals, operand))
            return 1;
    }
    return 0;
}

static enum CXChildVisitResult children_iterator_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct children_iterator *search = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor value = clang_getNullCursor(), sides[2];
    if (kind == CXCursor_VarDecl
        && lc_extract_variables_has_declaration(&search->locals, clang_getCanonicalCursor(cursor)))
        value = lc_extract_strip(clang_Cursor_getVarDeclInitializer(cursor));
    else if (kind == CXCursor_BinaryOperator && clang_getCursorBinaryOperatorKind(cursor) == CXBinaryOperator_Assign
             && lc_extract_children(cursor, sides, 2) == 2 && lc_extract_variables_has(&search->locals, sides[0]))
        value = lc_extract_strip(sides[1]);
    else if (kind == CXCursor_CallExpr && children_takes_address_of(&search->locals, cursor))
        value = cursor;
    if (clang_Cursor_isNull(value))
        return CXChildVisit_Recurse;
    if (clang_getCursorKind(value) == CXCursor_CallExpr && children_call_takes_field(search, value))
        search->started = 1;
    else if (clang_getCursorKind(value) == CXCursor_CallExpr && children_call_goes_in(search, value))
        search->entered = 1;
    else if (kind != CXCursor_CallExpr && children_call_steps(search, value))
        search->stepped = 1;
    else if (kind != CXCursor_CallExpr)
        search->other = 1;
    return CXChildVisit_Recurse;
}

#define CHILDREN_STATEMENTS 64   /* top-level statements of a body looked at */

static int children_is_pointer(CXCursor declaration)
{
    return clang_getCanonicalType(clang_getCursorType(declaration)).kind == CXType_Pointer;
}

/* Does one of `statements` set local `variable` from `from` (`next =
 * current->next`, `listNode *next = current->next`)? */
static int children_sets_from(const CXCursor *statements, unsigned count, CXCursor variable, CXCursor from)
{
    struct lc_extract_variables source = { .count = 0, .found = 0 };
    lc_extract_variables_add(&source, from);
    for (unsigned i = 0; i < count; i++) {
        CXCursor parts[8], sides[2];
        if (clang_getCursorKind(statements[i]) == CXCursor_DeclStmt) {
            unsigned declared = lc_extract_children(statements[i], parts, 8);
            for (unsigned j = 0; j < declared && j < 8; j++)
                if (clang_equalCursors(clang_getCanonicalCursor(parts[j]), variable)
                    && children_reads(&source, clang_Cursor_getVarDeclInitializer(parts[j])))
                    return 1;
        } else if (clang_getCursorKind(statements[i]) == CXCursor_BinaryOperator
                   && clang_getCursorBinaryOperatorKind(statements[i]) == CXBinaryOperator_Assign
                   && lc_extract_children(statements[i], sides, 2) == 2
                   && clang_equalCursors(lc_extract_loop_variable(sides[0]), variable)
                   && children_reads(&source, sides[1])) {
            return 1;
        }
    }
    return 0;
}

/* The pointer `statement` moves on from itself (`ptr += p->size`, `p++`,
 * `cur = cur->next`, `current = next` after `next = current->next` among
 * `statements`), or null. */
static CXCursor children_step_of(CXCursor statement, const CXCursor *statements, unsigned count)
{
    CXCursor sides[2];
    enum CXCursorKind kind = clang_getCursorKind(statement);
    if (kind == CXCursor_BinaryOperator && clang_getCursorBinaryOperatorKind(statement) == CXBinaryOperator_Comma
        && lc_extract_children(statement, sides, 2) == 2) {
        CXCursor left = children_step_of(sides[0], statements, count);
        return clang_Cursor_isNull(left) ? children_step_of(sides[1], statements, count) : left;
    }
    if (lc_extract_children(statement, sides, 2) < 1)
        return clang_getNullCursor();
    CXCursor variable = lc_extract_loop_variable(sides[0]);
    if (clang_Cursor_isNull(variable) || !children_is_pointer(variable))
        return clang_getNullCursor();
    int steps = 0;
    if (kind == CXCursor_UnaryOperator) {
        enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(statement);
        steps = op >= CXUnaryOperator_PostInc && op <= CXUnaryOperator_PreDec;
    } else if (kind == CXCursor_CompoundAssignOperator) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(statement);
        steps = op == CXBinaryOperator_AddAssign || op == CXBinaryOperator_SubAssign;
    } else if (kind == CXCursor_BinaryOperator
               && clang_getCursorBinaryOperatorKind(statement) == CXBinaryOperator_Assign) {
        struct lc_extract_variables self = { .count = 0, .found = 0 };
        lc_extract_variables_add(&self, variable);
        CXCursor through = lc_extract_loop_variable(sides[1]);
        steps = children_reads(&self, sides[1])
                || (!clang_Cursor_isNull(through) && children_sets_from(statements, count, through, variable));
    }
    return steps ? variable : clang_getNullCursor();
}

/* The pointers the loop moves on by itself every round: in its increment,
 * or by a statement at the top level of its body (not under an `if`):
 * each round is at another object. */
static void children_stepped(const struct lc_extract_loop_parts *outer, struct lc_extract_variables *element)
{
    CXCursor statements[CHILDREN_STATEMENTS];
    unsigned count = 0;
    if (!clang_Cursor_isNull(outer->body) && clang_getCursorKind(outer->body) == CXCursor_CompoundStmt)
        count = lc_extract_children(outer->body, statements, CHILDREN_STATEMENTS);
    else if (!clang_Cursor_isNull(outer->body))
        statements[count++] = outer->body;
    if (count > CHILDREN_STATEMENTS)
        count = CHILDREN_STATEMENTS;
    if (!clang_Cursor_isNull(outer->increment))
        lc_extract_variables_add(element, children_step_of(outer->increment, statements, count));
    for (unsigned i = 0; i < count; i++)
        lc_extract_variables_add(element, children_step_of(statements[i], statements, count));
}

/* The element the loop `outer` is at: the variables its condition reads
 * and it changes, or else the locals its body takes from a count it
 * drains (lc_extract_loop_counted_element), the pointers it moves on by
 * itself every round (children_stepped), and the locals its body sets from them; its walker
 * type in *walker.  Returns 0 when it walks none. */
int lc_extract_loop_element(const struct lc_extract_loop_parts *outer, struct lc_extract_variables *element,
                            CXType *walker)
{
    struct lc_extract_variables read = { .count = 0, .found = 0 }, changed = { .count = 0, .found = 0 };
    lc_extract_variables_collect(outer->condition, &read);
    lc_extract_changed_variables(outer->condition, &changed);
    lc_extract_changed_variables(outer->increment, &changed);
    lc_extract_changed_variables(outer->body, &changed);
    for (unsigned i = 0; i < read.count; i++)
        if (lc_extract_variables_has_declaration(&changed, read.declarations[i]))
            lc_extract_variables_add(element, read.declarations[i]);
    if (element->count == 0 && !clang_Cursor_isNull(outer->condition))
        lc_extract_loop_counted_element(outer, element);
    children_stepped(outer, element);
    if (element->count == 0)
        return 0;
    *walker = clang_getCanonicalType(clang_getCursorType(element->declarations[0]));
    lc_extract_visit_all(outer->body, children_derived_visit, element);
    return 1;
}

/* A walker the outer body starts before the inner loop: every value the
 * outer body gives it outside the inner loop is one of the element's
 * fields, of another type than the outer walker (`p =
 * t->buckets[i].head;`, uthash's rehash), its address is never taken, and
 * inside the inner loop it only moves on from itself (`p = p->next`, or
 * `p = next` after `next = p->next` at the top of the inner body). */
struct children_before {
    const struct lc_extract_loop_parts *inner;
    const struct lc_extract_variables *element;
    CXType walker;
    CXCursor local;
    CXCursor statements[CHILDREN_STATEMENTS];   /* the inner body's */
    unsigned statement_count;
    int starts, other;
};

static int children_is_inner_part(const struct lc_extract_loop_parts *inner, CXCursor cursor)
{
    const CXCursor parts[] = { inner->init, inner->condition, inner->increment, inner->body };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (!clang_Cursor_isNull(parts[i]) && lc_extract_same_expression(cursor, parts[i]))
            return 1;
    return 0;
}

static enum CXChildVisitResult children_before_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct children_before *search = data;
    int inside = children_is_inner_part(search->inner, cursor);
    CXCursor value, operand, variable = lc_extract_variable_set(cursor, &value);
    if (clang_getCursorKind(cursor) == CXCursor_UnaryOperator
        && clang_getCursorUnaryOperatorKind(cursor) == CXUnaryOperator_AddrOf
        && lc_extract_children(cursor, &operand, 1) == 1
        && clang_equalCursors(lc_extract_loop_variable(operand), search->local))
        search->other = 1;
    if (!inside && clang_equalCursors(variable, search->local)) {
        CXCursor start = lc_extract_strip(value);
        if (lc_extract_element_field(search->element, start, 0)
            && !lc_extract_same_type(clang_getCursorType(start), search->walker))
            search->starts++;
        else
            search->other = 1;
    }
    return inside ? CXChildVisit_Continue : CXChildVisit_Recurse;
}

/* Inside the inner loop: is every change of the local a step from itself? */
static enum CXChildVisitResult children_steps_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct children_before *search = data;
    CXCursor value, variable = lc_extract_variable_set(cursor, &value);
    if (clang_equalCursors(variable, search->local)) {
        if (!clang_equalCursors(children_step_of(cursor, search->statements, search->statement_count), search->local))
            search->other = 1;
    } else if (clang_Cursor_isNull(variable) && !clang_Cursor_isNull(lc_extract_updated_operand(cursor))
               && clang_equalCursors(lc_extract_loop_variable(lc_extract_updated_operand(cursor)), search->local)) {
        search->other = 1;   /* `p++` over an array: not a chain */
    }
    return search->other ? CXChildVisit_Break : CXChildVisit_Recurse;
}

static int children_started_before(const struct lc_extract_loop_parts *outer, const struct lc_extract_loop_parts *inner,
                                   const struct lc_extract_variables *element, CXType walker, CXCursor local)
{
    struct children_before search = { .inner = inner, .element = element, .walker = walker, .local = local };
    if (!children_is_pointer(local) || clang_Cursor_isNull(outer->body))
        return 0;
    lc_extract_visit_all(outer->body, children_before_visit, &search);
    if (search.starts == 0 || search.other)
        return 0;
    if (!clang_Cursor_isNull(inner->body) && clang_getCursorKind(inner->body) == CXCursor_CompoundStmt)
        search.statement_count = lc_extract_children(inner->body, search.statements, CHILDREN_STATEMENTS);
    if (search.statement_count > CHILDREN_STATEMENTS)
        search.statement_count = CHILDREN_STATEMENTS;
    lc_extract_visit_all(inner->condition, children_steps_visit, &search);
    lc_extract_visit_all(inner->increment, children_steps_visit, &search);
    lc_extract_visit_all(inner->body, children_steps_visit, &search);
    return !search.other;
}

/* Is `start` a field taken through `->` from a local of the element that
 * is not of the walker's type (`rec->callbacks` with `rec = tmp->data`,
 * both lists GSLists)?  It is the list the record the node holds owns,
 * not the rest of the walked one (`a->next`). */
static int children_field_of_held_record(const struct lc_extract_variables *element, CXCursor start, CXType walker)
{
    CXCursor base;
    start = lc_extract_strip(start);
    if (clang_getCursorKind(start) != CXCursor_MemberRefExpr || lc_extract_children(start, &base, 1) != 1)
        return 0;
    base = lc_extract_strip(base);
    return clang_getCursorKind(base) == CXCursor_DeclRefExpr && lc_extract_variables_has(element, base)
           && clang_getCanonicalType(clang_getCursorType(base)).kind == CXType_Pointer
           && !lc_extract_same_type(clang_getCursorType(base), walker);
}

const struct lc_extract_kept_element *lc_extract_loop_kept(struct lc_extract_kept_element *kept)
{
    if (!kept->computed) {
        const struct lc_extract_loop_parts *parts = kept->parts;
        struct lc_extract_variables all = { .count = 0, .found = 0 };
        kept->computed = 1;
        kept->element = kept->moved = (struct lc_extract_variables){ .count = 0, .found = 0 };
        kept->walks = lc_extract_loop_element(kept->outer, &all, &kept->walker);
        /* what the inner loop moves is its own walker, not the element */
        lc_extract_changed_variables(parts->init, &kept->moved);
        lc_extract_changed_variables(parts->condition, &kept->moved);
        lc_extract_changed_variables(parts->increment, &kept->moved);
        lc_extract_changed_variables(parts->body, &kept->moved);
        for (unsigned i = 0; i < all.count; i++)
            if (!lc_extract_variables_has_declaration(&kept->moved, all.declarations[i]))
                lc_extract_variables_add(&kept->element, all.declarations[i]);
    }
    return kept->walks ? kept : NULL;
}

int lc_extract_loop_walks_children(struct lc_extract_kept_element *search)
{
    const struct lc_extract_kept_element *kept = lc_extract_loop_kept(search);
    if (!kept)
        return 0;
    const struct lc_extract_loop_parts *parts = kept->parts, *outer = kept->outer;
    const struct lc_extract_variables *element = &kept->element;
    CXType walker = kept->walker;
    if (children_reads_field(element, parts->condition))
        return 1;
    CXCursor start = clang_getNullCursor();
    lc_extract_visit_all(parts->init, children_start_visit, &start);
    if (!clang_Cursor_isNull(start) && lc_extract_element_field(element, start, 0)
        && (!lc_extract_same_type(clang_getCursorType(lc_extract_strip(start)), walker)
            || children_field_of_held_record(element, start, walker)))
        return 1;
    struct lc_extract_variables read = { .count = 0, .found = 0 };
    lc_extract_variables_collect(parts->condition, &read);
    for (unsigned i = 0; i < read.count; i++) {
        struct children_iterator iterator = { element, walker, { .count = 0, .found = 0 }, 0, 0, 0, 0 };
        if (clang_getCursorKind(read.declarations[i]) != CXCursor_VarDecl
            || clang_Cursor_hasVarDeclGlobalStorage(read.declarations[i]))
            continue;
        lc_extract_variables_add(&iterator.locals, read.declarations[i]);
        lc_extract_visit_all(outer->body, children_iterator_visit, &iterator);
        if ((iterator.started || (iterator.entered && iterator.stepped)) && !iterator.other)
            return 1;
        if (clang_Cursor_isNull(start) && children_started_before(outer, parts, element, walker, read.declarations[i]))
            return 1;
    }
    return 0;
}
