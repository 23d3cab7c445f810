/* extract_value_guards.c — the tests of a global or static integer variable
 * against a constant that hold where a call runs (facts.h, struct
 * lc_value_guard): a condition `g == K`, `g != K`, `!g`, `g`, a `&&` of
 * them (for the then branch), a `||` of them (for the else branch), and
 * `!` of any of these.  K is what clang evaluates to an integer: a literal,
 * an enum constant, a macro expanding to one.  extract_flow.c pushes the
 * tests onto walk->value_guards for the branches they hold in, and after
 * `if (test) { ...; return; }` (no else; the branch ends with return,
 * break, continue or goto) pushes the negation for the rest of the block.
 * Linking uses them to keep a thread's role out of calls its thread never
 * makes (threads_facts.c).  Tests of a global or static pointer against
 * NULL (`!p`, `p == NULL`) are kept too, marked `pointer`: a write of `p`
 * under `p == NULL` is a lazy initialisation (extract_access.c), and so is
 * a write by a function called only under it (lazy_writes.c); the thread
 * roles do not follow them. */
#include "extract_internal.h"

#include <stdlib.h>
#include <string.h>

/* A global or static, non-thread-local, integer (or enum) variable, maybe
 * _Atomic, or (*pointer set) a pointer. */
static int extract_is_guard_variable(CXCursor declaration, int *pointer)
{
    *pointer = 0;
    if (clang_getCursorKind(declaration) != CXCursor_VarDecl
        || clang_Cursor_hasVarDeclGlobalStorage(declaration) != 1
        || clang_getCursorTLSKind(declaration) != CXTLS_None)
        return 0;
    CXType type = clang_getCanonicalType(clang_getCursorType(declaration));
    if (type.kind == CXType_Atomic)
        type = clang_getCanonicalType(clang_Type_getValueType(type));
    enum CXTypeKind kind = type.kind;
    *pointer = kind == CXType_Pointer;
    return (kind >= CXType_Bool && kind <= CXType_Int128) || kind == CXType_Enum || *pointer;
}

/* The guard variable `expr` names, or a null cursor; *pointer: it is a
 * pointer. */
static CXCursor extract_guard_variable(CXCursor expr, int *pointer)
{
    *pointer = 0;
    expr = lc_extract_strip(expr);
    if (clang_getCursorKind(expr) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    CXCursor declaration = clang_getCursorReferenced(expr);
    return extract_is_guard_variable(declaration, pointer) ? declaration : clang_getNullCursor();
}

static void extract_split_add(struct lc_extract_walk *walk, struct lc_extract_guard_list *list, CXCursor variable,
                              int equal, long long value, int pointer)
{
    if (list->count == LC_EXTRACT_GUARD_SPLIT_MAX)
        return;
    list->items[list->count++] = (struct lc_value_guard){
        lc_extract_usr(walk, variable), lc_extract_string(walk, clang_getCursorSpelling(variable)), equal, value, pointer
    };
}

static void extract_split_append(struct lc_extract_guard_list *to, const struct lc_extract_guard_list *from)
{
    for (size_t i = 0; i < from->count && to->count < LC_EXTRACT_GUARD_SPLIT_MAX; i++)
        to->items[to->count++] = from->items[i];
}

void lc_extract_value_guard_split(struct lc_extract_walk *walk, CXCursor condition, struct lc_extract_guard_split *split)
{
    CXCursor parts[2], variable;
    long long value;
    split->then_guards.count = split->else_guards.count = 0;
    condition = lc_extract_strip(condition);
    enum CXCursorKind kind = clang_getCursorKind(condition);
    if (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(condition) == CXUnaryOperator_LNot
        && lc_extract_children(condition, parts, 1) == 1) {
        struct lc_extract_guard_split inner;
        lc_extract_value_guard_split(walk, parts[0], &inner);
        split->then_guards = inner.else_guards;
        split->else_guards = inner.then_guards;
        return;
    }
    if (kind == CXCursor_BinaryOperator && lc_extract_children(condition, parts, 2) == 2) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(condition);
        if (op == CXBinaryOperator_LAnd || op == CXBinaryOperator_LOr) {
            struct lc_extract_guard_split left, right;
            lc_extract_value_guard_split(walk, parts[0], &left);
            lc_extract_value_guard_split(walk, parts[1], &right);
            struct lc_extract_guard_list *into = op == CXBinaryOperator_LAnd ? &split->then_guards : &split->else_guards;
            extract_split_append(into, op == CXBinaryOperator_LAnd ? &left.then_guards : &left.else_guards);
            extract_split_append(into, op == CXBinaryOperator_LAnd ? &right.then_guards : &right.else_guards);
            return;
        }
        if (op != CXBinaryOperator_EQ && op != CXBinaryOperator_NE)
            return;
        int pointer;
        int side = !clang_Cursor_isNull(extract_guard_variable(parts[0], &pointer)) ? 0
                   : !clang_Cursor_isNull(extract_guard_variable(parts[1], &pointer)) ? 1 : -1;
        if (side < 0)
            return;
        if (pointer) {
            if (!lc_extract_is_null_pointer_constant(parts[1 - side]))
                return;
            value = 0;
        } else if (!lc_extract_integer_constant(parts[1 - side], &value)) {
            return;
        }
        variable = extract_guard_variable(parts[side], &pointer);
        extract_split_add(walk, &split->then_guards, variable, op == CXBinaryOperator_EQ, value, pointer);
        extract_split_add(walk, &split->else_guards, variable, op != CXBinaryOperator_EQ, value, pointer);
        return;
    }
    int pointer;
    variable = extract_guard_variable(condition, &pointer);
    if (clang_Cursor_isNull(variable))
        return;
    extract_split_add(walk, &split->then_guards, variable, 0, 0, pointer);
    extract_split_add(walk, &split->else_guards, variable, 1, 0, pointer);
}

void lc_extract_value_guards_push(struct lc_extract_walk *walk, const struct lc_extract_guard_list *list)
{
    if (list->count == 0)
        return;
    size_t count = walk->value_guards.count + list->count;
    struct lc_value_guard *items = lc_arena_alloc(&walk->facts->arena, count * sizeof *items);
    if (!items) {
        walk->out_of_memory = 1;
        return;
    }
    if (walk->value_guards.count)
        memcpy(items, walk->value_guards.items, walk->value_guards.count * sizeof *items);
    memcpy(&items[walk->value_guards.count], list->items, list->count * sizeof *items);
    walk->value_guards = (struct lc_value_guards){ items, count };
}
