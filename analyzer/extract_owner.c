/* extract_owner.c — what a function's pointer parameters own.  A loop or a
 * call that reaches a parameter's own data (`rec->nargs`, the chunks after
 * `ITEM_schunk(it)`, `node->value`'s list) walks what the caller passed
 * for it: when that is the element the caller's loop is at, the nest is
 * linear in the elements and what each owns (cost.c).
 *  - a parameter stands for itself when the body never changes it (no
 *    assignment, increment or `&p`), and a local pointer stands for it
 *    when the body only ever sets the local to it (`item *it = (item
 *    *)ptr;`, `redisReply *r = reply;`): computed once per function;
 *  - a place a parameter owns is one pointer step inside its object:
 *    `p->f`, `p->f.g`, `(&p->f)->g`, `*p` (not `p->f->g`, what a field
 *    points to: a server shared by its clients);
 *  - a child of a parameter is what the function reaches from it through
 *    fields, the first one of another type than the parameter
 *    (`((GSList *)node->value)->data`, `r->element[j]`; not `n->next`, the
 *    rest of the parameter's own list). */
#include "extract_internal.h"

#include <stdlib.h>

static int owner_is_pointer(CXType type)
{
    return clang_getCanonicalType(type).kind == CXType_Pointer;
}

/* The index of `declaration` when it is a pointer parameter, or -1. */
static int owner_pointer_parameter(CXCursor declaration)
{
    if (clang_getCursorKind(declaration) != CXCursor_ParmDecl || !owner_is_pointer(clang_getCursorType(declaration)))
        return -1;
    return lc_extract_parameter_position(declaration) - 1;
}

/* The index of the pointer parameter `value` names (after casts), or -1. */
static int owner_parameter_named(CXCursor value)
{
    return owner_pointer_parameter(lc_extract_loop_variable(value));
}

/* The entries of walk->aliases: a parameter is there when the body
 * changes it (param -1); a local pointer when the body gives it a value:
 * the parameter it is always set to, -1 when it is set to anything else. */
#define OWNER_UNSET (-2)   /* a local given no value yet */

static struct lc_extract_alias *owner_entry(struct lc_extract_walk *walk, CXCursor variable)
{
    for (size_t i = 0; i < walk->alias_count; i++)
        if (clang_equalCursors(walk->aliases[i].variable, variable))
            return &walk->aliases[i];
    struct lc_extract_alias *entry =
        lc_extract_append(walk, &walk->aliases, &walk->alias_count, &walk->alias_cap, sizeof *walk->aliases);
    if (entry)
        *entry = (struct lc_extract_alias){ variable, OWNER_UNSET };
    return entry;
}

/* `variable` (canonical) gets `value`, or an unknown one (null). */
static void owner_note(struct lc_extract_walk *walk, CXCursor variable, CXCursor value)
{
    enum CXCursorKind kind = clang_getCursorKind(variable);
    int local = lc_extract_is_local(variable);
    if (kind != CXCursor_ParmDecl && !(local && owner_is_pointer(clang_getCursorType(variable))))
        return;
    struct lc_extract_alias *entry = owner_entry(walk, variable);
    if (!entry)
        return;
    int param = kind == CXCursor_ParmDecl || clang_Cursor_isNull(value) ? -1 : owner_parameter_named(value);
    if (kind == CXCursor_ParmDecl || param < 0 || (entry->param != OWNER_UNSET && entry->param != param))
        entry->param = -1;
    else if (entry->param == OWNER_UNSET)
        entry->param = param;
}

static enum CXChildVisitResult owner_scan_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct lc_extract_walk *walk = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor sides[2], value, variable = lc_extract_variable_set(cursor, &value);
    if (!clang_Cursor_isNull(variable)) {
        owner_note(walk, variable, value);
    } else if ((kind == CXCursor_CompoundAssignOperator || kind == CXCursor_UnaryOperator)
               && lc_extract_children(cursor, sides, 1) >= 1) {
        enum CXUnaryOperatorKind op = kind == CXCursor_UnaryOperator ? clang_getCursorUnaryOperatorKind(cursor)
                                                                     : CXUnaryOperator_PostInc;
        int changes = (op >= CXUnaryOperator_PostInc && op <= CXUnaryOperator_PreDec) || op == CXUnaryOperator_AddrOf;
        CXCursor variable = lc_extract_loop_variable(sides[0]);
        if (changes && !clang_Cursor_isNull(variable))
            owner_note(walk, variable, clang_getNullCursor());
    }
    return walk->out_of_memory ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* Fill walk->aliases once per function. */
static void owner_scan(struct lc_extract_walk *walk)
{
    if (!walk->aliases_known) {
        walk->aliases_known = 1;
        clang_visitChildren(walk->function, owner_scan_visit, walk);
    }
}

int lc_extract_unchanged_parameter(struct lc_extract_walk *walk, CXCursor variable)
{
    if (clang_Cursor_isNull(walk->function) || clang_Cursor_isNull(variable))
        return -1;
    owner_scan(walk);
    variable = clang_getCanonicalCursor(variable);
    if (clang_getCursorKind(variable) != CXCursor_ParmDecl)
        return -1;
    for (size_t i = 0; i < walk->alias_count; i++)
        if (clang_equalCursors(walk->aliases[i].variable, variable))
            return -1;   /* changed */
    return lc_extract_parameter_position(variable) - 1;
}

int lc_extract_parameter_of(struct lc_extract_walk *walk, CXCursor variable)
{
    if (clang_Cursor_isNull(walk->function) || clang_Cursor_isNull(variable))
        return -1;
    owner_scan(walk);
    variable = clang_getCanonicalCursor(variable);
    if (clang_getCursorKind(variable) == CXCursor_ParmDecl)
        return lc_extract_unchanged_parameter(walk, variable) >= 0 ? owner_pointer_parameter(variable) : -1;
    for (size_t i = 0; i < walk->alias_count; i++) {
        const struct lc_extract_alias *alias = &walk->aliases[i];
        if (!clang_equalCursors(alias->variable, variable) || alias->param < 0)
            continue;
        for (size_t j = 0; j < walk->alias_count; j++)
            if (clang_getCursorKind(walk->aliases[j].variable) == CXCursor_ParmDecl
                && lc_extract_parameter_position(walk->aliases[j].variable) == alias->param + 1)
                return -1;   /* the parameter itself changes */
        return alias->param;
    }
    return -1;
}

/* Qualifiers aside, are two types the same (`const item *` and `item *`,
 * `const char *` and `char *`)? */
int lc_extract_same_type(CXType a, CXType b)
{
    a = clang_getCanonicalType(a);
    b = clang_getCanonicalType(b);
    if (clang_equalTypes(a, b))
        return 1;
    if (a.kind != b.kind)
        return 0;
    if (a.kind == CXType_Pointer)
        return lc_extract_same_type(clang_getPointeeType(a), clang_getPointeeType(b));
    if (a.kind >= CXType_FirstBuiltin && a.kind <= CXType_LastBuiltin)
        return 1;   /* a builtin type has no declaration to compare */
    CXCursor left = clang_getTypeDeclaration(a), right = clang_getTypeDeclaration(b);
    return !clang_Cursor_isNull(left) && clang_getCursorKind(left) != CXCursor_NoDeclFound
           && clang_equalCursors(clang_getCanonicalCursor(left), clang_getCanonicalCursor(right));
}

int lc_extract_owned_place(struct lc_extract_walk *walk, CXCursor expr, CXCursor *root)
{
    CXCursor base;
    expr = lc_extract_strip(expr);
    enum CXCursorKind kind = clang_getCursorKind(expr);
    int deref = kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(expr) == CXUnaryOperator_Deref;
    if ((kind != CXCursor_MemberRefExpr && !deref) || lc_extract_children(expr, &base, 1) != 1)
        return -1;
    base = lc_extract_strip(base);
    if (!deref && !owner_is_pointer(clang_getCursorType(base)))
        return lc_extract_owned_place(walk, base, root);   /* `.`: inside the same object */
    CXCursor operand;
    int address = clang_getCursorKind(base) == CXCursor_UnaryOperator
                  && clang_getCursorUnaryOperatorKind(base) == CXUnaryOperator_AddrOf;
    if (!deref && address && lc_extract_children(base, &operand, 1) == 1)
        return lc_extract_owned_place(walk, operand, root);   /* `(&p->f)->g` is `p->f.g` */
    if (clang_getCursorKind(base) != CXCursor_DeclRefExpr)
        return -1;
    *root = base;
    return lc_extract_parameter_of(walk, lc_extract_loop_variable(base));
}

#define OWNER_CHILD_DEPTH 8   /* fields followed down to the parameter */

/* One step down from `expr` towards the variable it is reached from:
 * the base of `a->f`, `a.f`, `a[i]`, `*a`, `&a` in *base; returns -1 when
 * `expr` is none of those, 1 when the step goes through a pointer (`->`,
 * `[]`, `*`), else 0. */
static int owner_step(CXCursor expr, CXCursor *base)
{
    enum CXCursorKind kind = clang_getCursorKind(expr);
    CXCursor parts[2];
    if (kind != CXCursor_MemberRefExpr && kind != CXCursor_ArraySubscriptExpr && kind != CXCursor_UnaryOperator)
        return -1;
    enum CXUnaryOperatorKind op = kind == CXCursor_UnaryOperator ? clang_getCursorUnaryOperatorKind(expr)
                                                                 : CXUnaryOperator_Invalid;
    if ((kind == CXCursor_UnaryOperator && op != CXUnaryOperator_Deref && op != CXUnaryOperator_AddrOf)
        || lc_extract_children(expr, parts, 2) < 1)
        return -1;
    *base = parts[0];
    if (kind == CXCursor_MemberRefExpr)
        return owner_is_pointer(clang_getCursorType(lc_extract_strip(parts[0])));
    return kind == CXCursor_ArraySubscriptExpr || op == CXUnaryOperator_Deref;
}

int lc_extract_child_of_parameter(struct lc_extract_walk *walk, CXCursor expr)
{
    CXCursor nearest = clang_getNullCursor(), base;
    for (int depth = 0; depth < OWNER_CHILD_DEPTH; depth++) {
        expr = lc_extract_strip(expr);
        if (clang_getCursorKind(expr) == CXCursor_DeclRefExpr) {
            int param = clang_Cursor_isNull(nearest) ? -1 : lc_extract_parameter_of(walk, lc_extract_loop_variable(expr));
            int other_type = !lc_extract_same_type(clang_getCursorType(nearest), clang_getCursorType(expr));
            return param >= 0 && other_type ? param + 1 : 0;
        }
        int step = owner_step(expr, &base);
        if (step < 0)
            return 0;
        if (step)
            nearest = expr;   /* the hop nearest the variable so far */
        expr = base;
    }
    return 0;
}

/* The pointer parameter whose own data the innermost loop around the call
 * walks (loop fact bound_param), directly or through the enclosing loops
 * whose walk it goes on with (LC_SOURCE_PARENT: `TAILQ_FOREACH(value,
 * &entry->values, entry)` inside `RB_FOREACH(entry, tree, &args->tree)`
 * walks the children of what the outer loop is at), or -1. */
static int owner_walked_parameter(struct lc_extract_walk *walk)
{
    for (int l = walk->loop_index; l >= 0; l = walk->facts->loops[l].parent_index) {
        const struct lc_loop_fact *loop = &walk->facts->loops[l];
        if (loop->bound_param >= 0)
            return loop->bound_param;
        if (loop->source != LC_SOURCE_PARENT)
            return -1;
    }
    return -1;
}

/* Is `argument` the element of the innermost loop around the call? */
static int owner_is_loop_element(struct lc_extract_walk *walk, CXCursor argument)
{
    struct lc_extract_variables element = { .count = 0, .found = 0 };
    CXType walker;
    CXCursor stripped = lc_extract_strip(argument);
    return walk->loop_index >= 0 && walk->loop_parts && clang_getCursorKind(stripped) == CXCursor_DeclRefExpr
           && owner_is_pointer(clang_getCursorType(stripped))
           && lc_extract_loop_element(walk->loop_parts, &element, &walker) && lc_extract_variables_has(&element, stripped);
}

int lc_extract_child_argument(struct lc_extract_walk *walk, CXCursor argument)
{
    int child = lc_extract_child_of_parameter(walk, argument);
    if (child)
        return child;
    if (!owner_is_loop_element(walk, argument))
        return 0;
    int param = owner_walked_parameter(walk);
    if (param >= 0)
        return param + 1;
    /* a walk starting at a child (`TAILQ_FOREACH(cmd, list->cmds, entry)`:
     * what a field of the parameter points to) */
    CXCursor start = lc_extract_counter_start(walk->loop_parts->init, lc_extract_loop_variable(argument));
    return clang_Cursor_isNull(start) ? 0 : lc_extract_child_of_parameter(walk, start);
}
