/* extract_element_args.c — which arguments of a call made in a loop stand
 * for the loop's current element, so that a callee's loop bounded by one
 * walks that element's own data, once per element (cost.h): a field of
 * the element or the element itself (`hash(ITEM_key(it), it->nkey)`,
 * `free_argv(m->argc, m->argv)`, `item_remove(it)`, `argv[j]->ptr`, the
 * address of a field held by value, `&node->info`; the element as
 * extract_loop_children.c finds it), a call given only such
 * fields (`sdslen(argv[j]->ptr)`: a measure of the element's data), a block size of a blocked loop (`for
 * (n = 0; n < len / block; n++) sum(p + n * block, block)`: each round a
 * block, all the rounds `len`), and, in a loop draining a list (`while
 * (buffer->first_line != NULL)`: the loop changes no variable its
 * condition reads, the body or a call moves the head on), the head and its
 * fields (`&buffer->first_line->info`), what a round takes from a
 * variable argument list (extract_element_varargs.c), the element read
 * through a local holding its address (tor's `tor_free(p)`), and the slot
 * of an array at a counter stepped up by one (`args[n]`, `&args[n]` for
 * `n < nargs`). */
#include "extract_internal.h"

static int element_is_pointer(CXCursor declaration)
{
    return clang_getCanonicalType(clang_getCursorType(declaration)).kind == CXType_Pointer;
}

#define ELEMENT_BLOCK_DEPTH 3   /* locals followed into their initializers */

/* The block sizes of a blocked loop: the locals and parameters in a divisor of
 * its bound (`n < nb_blocks` with `nb_blocks = (len - 1) / block_len` and
 * `block_len = STRIPE * per_block`: block_len and per_block).  A round
 * given one of them does a block: all the rounds together cover `len`. */
static void element_block_sizes(CXCursor expr, int divisor, unsigned depth, struct lc_extract_variables *sizes)
{
    CXCursor parts[8];
    expr = lc_extract_strip(expr);
    enum CXCursorKind kind = clang_getCursorKind(expr);
    if (kind == CXCursor_DeclRefExpr) {
        CXCursor variable = lc_extract_loop_variable(expr);
        int parameter = clang_getCursorKind(variable) == CXCursor_ParmDecl;
        if (!parameter && (clang_getCursorKind(variable) != CXCursor_VarDecl || clang_Cursor_hasVarDeclGlobalStorage(variable)))
            return;
        if (divisor)
            lc_extract_variables_add(sizes, variable);
        CXCursor value = parameter ? clang_getNullCursor() : clang_Cursor_getVarDeclInitializer(variable);
        if (depth < ELEMENT_BLOCK_DEPTH && !clang_Cursor_isNull(value))
            element_block_sizes(value, divisor, depth + 1, sizes);
        return;
    }
    unsigned count = lc_extract_children(expr, parts, 8);
    int quotient = kind == CXCursor_BinaryOperator && clang_getCursorBinaryOperatorKind(expr) == CXBinaryOperator_Div;
    for (unsigned i = 0; i < count && i < 8; i++)
        element_block_sizes(parts[i], divisor || (quotient && i == 1), depth, sizes);
}

/* The head a draining loop takes each round: its condition tests a field
 * of a variable (`while (buffer->first_line != NULL)`, `while
 * (rec->mainnode->value)`), or what a pointer points to (`while
 * (*collector)`), and the loop changes no variable it reads: the body or a
 * call it makes moves the head on.  Null otherwise. */
static CXCursor element_drained_head(const struct lc_extract_loop_parts *loop)
{
    CXCursor head = lc_extract_strip(loop->condition), sides[2], base;
    if (clang_getCursorKind(head) == CXCursor_BinaryOperator
        && clang_getCursorBinaryOperatorKind(head) == CXBinaryOperator_NE && lc_extract_children(head, sides, 2) == 2)
        head = lc_extract_is_null_pointer_constant(sides[1]) ? lc_extract_strip(sides[0])
               : lc_extract_is_null_pointer_constant(sides[0]) ? lc_extract_strip(sides[1])
                                                                : clang_getNullCursor();
    int pointed = clang_getCursorKind(head) == CXCursor_UnaryOperator
                  && clang_getCursorUnaryOperatorKind(head) == CXUnaryOperator_Deref;
    if ((clang_getCursorKind(head) != CXCursor_MemberRefExpr && !pointed) || !element_is_pointer(head))
        return clang_getNullCursor();
    for (base = head; clang_getCursorKind(base) == CXCursor_MemberRefExpr || base.kind == head.kind;)
        if (lc_extract_children(base, &base, 1) != 1)
            return clang_getNullCursor();
        else
            base = lc_extract_strip(base);
    if (clang_getCursorKind(base) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    struct lc_extract_variables read = { .count = 0, .found = 0 }, changed = { .count = 0, .found = 0 };
    lc_extract_variables_collect(loop->condition, &read);
    lc_extract_changed_variables(loop->increment, &changed);
    lc_extract_changed_variables(loop->body, &changed);
    for (unsigned i = 0; i < read.count; i++)
        if (lc_extract_variables_has_declaration(&changed, read.declarations[i]))
            return clang_getNullCursor();
    return head;
}

/* Is `argument` the head itself, or one of its fields (`&head->info`,
 * `((GSList *)head)->data`)? */
static int element_of_head(CXCursor head, CXCursor argument)
{
    CXCursor base;
    argument = lc_extract_strip(argument);
    if (lc_extract_same_place(argument, head))
        return 1;
    enum CXCursorKind kind = clang_getCursorKind(argument);
    if (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(argument) == CXUnaryOperator_AddrOf)
        return lc_extract_children(argument, &base, 1) == 1 && element_of_head(head, base);
    if (kind != CXCursor_MemberRefExpr || lc_extract_children(argument, &base, 1) != 1)
        return 0;
    return element_is_pointer(lc_extract_strip(base)) ? lc_extract_same_place(base, head) : element_of_head(head, base);
}

/* `*q`, q a local started at the element's address and never set again
 * (tor's `tor_free(p)`: `typeof(&(p)) tmp = &(p); free(*tmp);`): the
 * element itself. */
static int element_through_address(struct lc_extract_walk *walk, struct lc_extract_variables *element, CXCursor argument)
{
    CXCursor object = lc_extract_through_address(walk, argument);
    return !clang_Cursor_isNull(object) && lc_extract_variables_has(element, object);
}

/* `t[i]`, i the counter a loop steps up by one: a slot of its own each
 * round (`g_free(rec->args[n])` for `n < rec->nargs`). */
static int element_slot(const struct lc_extract_loop_parts *loop, CXCursor argument)
{
    CXCursor sides[2], counter, bound, slot = lc_extract_array_element(argument, NULL);   /* also `&t[i]` */
    return !clang_Cursor_isNull(slot) && lc_extract_children(slot, sides, 2) == 2
           && lc_extract_loop_counting(loop, &counter, &bound) && lc_extract_is_variable(sides[1], counter);
}

/* `&e->member`: the address of a field of the element held by value (a
 * list node's embedded record), its own data as the field is. */
static int element_member_address(CXCursor argument)
{
    CXCursor operand;
    return clang_getCursorKind(argument) == CXCursor_UnaryOperator
           && clang_getCursorUnaryOperatorKind(argument) == CXUnaryOperator_AddrOf
           && lc_extract_children(argument, &operand, 1) == 1
           && clang_getCursorKind(lc_extract_strip(operand)) == CXCursor_MemberRefExpr;
}

/* A call given only the element's fields and constants (`sdslen(argv[j]->ptr)`):
 * a measure of the element's own data. */
static int element_field_of(void *context, CXCursor argument)
{
    return clang_getCursorKind(argument) == CXCursor_MemberRefExpr && lc_extract_element_field(context, argument, 0)
               ? 0
               : -1;
}

static int element_measured(struct lc_extract_variables *element, CXCursor call)
{
    return lc_extract_call_arguments_of(call, element_field_of, element) == 0;
}

unsigned lc_extract_element_arguments(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *loop,
                                      CXCursor call)
{
    struct lc_extract_variables element = { .count = 0, .found = 0 }, sizes = { .count = 0, .found = 0 };
    CXType walker;
    int count = clang_Cursor_getNumArguments(call);
    if (count <= 0)
        return 0;
    unsigned mask = 0;
    if (!clang_Cursor_isNull(loop->condition))
        element_block_sizes(loop->condition, 0, 0, &sizes);
    for (int i = 0; i < count && i < LC_ELEMENT_ARGUMENTS && sizes.count > 0; i++)
        if (lc_extract_variables_has(&sizes, clang_Cursor_getArgument(call, (unsigned)i)))
            mask |= 1u << i;
    for (int i = 0; i < count && i < LC_ELEMENT_ARGUMENTS; i++)
        if (lc_extract_element_vararg(loop, clang_Cursor_getArgument(call, (unsigned)i))
            || lc_extract_element_token(loop, call, clang_Cursor_getArgument(call, (unsigned)i)))
            mask |= 1u << i;
    CXCursor head = clang_Cursor_isNull(loop->condition) ? clang_getNullCursor() : element_drained_head(loop);
    for (int i = 0; i < count && i < LC_ELEMENT_ARGUMENTS && !clang_Cursor_isNull(head); i++)
        if (element_of_head(head, clang_Cursor_getArgument(call, (unsigned)i)))
            mask |= 1u << i;
    for (int i = 0; i < count && i < LC_ELEMENT_ARGUMENTS; i++)
        if (element_slot(loop, lc_extract_strip(clang_Cursor_getArgument(call, (unsigned)i))))
            mask |= 1u << i;
    if (!lc_extract_loop_element(loop, &element, &walker))
        return mask;
    for (int i = 0; i < count && i < LC_ELEMENT_ARGUMENTS; i++) {
        CXCursor argument = clang_Cursor_getArgument(call, (unsigned)i), stripped = lc_extract_strip(argument);
        int field = (clang_getCursorKind(stripped) == CXCursor_MemberRefExpr || element_member_address(stripped))
                    && lc_extract_element_field(&element, argument, 0);
        int itself = clang_getCursorKind(stripped) == CXCursor_DeclRefExpr
                     && clang_getCanonicalType(clang_getCursorType(stripped)).kind == CXType_Pointer
                     && lc_extract_variables_has(&element, stripped);
        int measured = clang_getCursorKind(stripped) == CXCursor_CallExpr && element_measured(&element, stripped);
        if (field || itself || measured || element_through_address(walk, &element, stripped))
            mask |= 1u << i;
    }
    return mask;
}
