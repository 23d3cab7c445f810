/* extract_param_guards.c — the test of a parameter against an integer
 * constant an `if` makes (facts.h, struct lc_param_guard): `if (conn)`,
 * `if (conn != NULL)`, `if (idx >= 0)`, `if (0 < count)`, `if (!flags)`,
 * `if (flags & F)`, `if ((flags & F) == 0)`, one side of `&&` (for the then branch) or of `||` (for the else
 * branch), for a parameter the function never assigns, increments or takes
 * the address of (the value a caller passes is the value tested); also of
 * a field of a pointer parameter, `if (c->conn)`, when the function never
 * sets that field (of any object) itself.  Also which arguments of a call
 * pass on a parameter the function changes (struct lc_call_fact.
 * changed_param_args). */
#include "extract_internal.h"

unsigned lc_extract_changed_param_arguments(struct lc_extract_walk *walk, const struct lc_call_fact *call)
{
    unsigned changed = 0;
    for (size_t i = 0; i < call->nargs && i < LC_ELEMENT_ARGUMENTS; i++)
        if (call->args[i].kind == LC_VALUE_PARAM && !lc_extract_param_unchanged(walk, call->args[i].param_index + 1))
            changed |= 1u << i;
    return changed;
}

/* Parentheses and implicit conversions only: an explicit cast changes the
 * value compared (`(size_t)n > 10`). */
static CXCursor param_guards_strip_implicit(CXCursor expr)
{
    CXCursor child;
    while ((clang_getCursorKind(expr) == CXCursor_ParenExpr || clang_getCursorKind(expr) == CXCursor_UnexposedExpr)
           && lc_extract_children(expr, &child, 1) == 1)
        expr = child;
    return expr;
}

static int param_guards_is_unsigned(CXType type)
{
    switch (clang_getCanonicalType(type).kind) {
    case CXType_Bool:
    case CXType_Char_U:
    case CXType_UChar:
    case CXType_UShort:
    case CXType_UInt:
    case CXType_ULong:
    case CXType_ULongLong:
    case CXType_UInt128:
    case CXType_Enum:   /* its type may be unsigned */
        return 1;
    default:
        return 0;
    }
}

/* `p->field` with p a pointer parameter the function never changes and a
 * field it never sets: the parameter (1 + its index), *field_usr, and the
 * field's type in *type; else 0. */
static int param_guards_field(struct lc_extract_walk *walk, CXCursor side, const char **field_usr, CXType *type)
{
    CXCursor member = param_guards_strip_implicit(side), base;
    if (clang_getCursorKind(member) != CXCursor_MemberRefExpr || lc_extract_children(member, &base, 1) != 1)
        return 0;
    CXCursor parameter = lc_extract_loop_variable(base);
    CXCursor field = clang_getCursorReferenced(member);
    if (clang_getCursorKind(parameter) != CXCursor_ParmDecl || clang_getCursorKind(field) != CXCursor_FieldDecl
        || clang_getCanonicalType(clang_getCursorType(parameter)).kind != CXType_Pointer)
        return 0;
    int position = lc_extract_parameter_position(parameter);
    if (!lc_extract_param_unchanged(walk, position) || lc_extract_changes_of(walk, field) != 0)
        return 0;
    *field_usr = lc_extract_usr(walk, field);
    *type = clang_getCursorType(field);
    return *field_usr ? position : 0;
}

/* The parameter `side` names (1 + its index) when the function never
 * changes it, or the parameter whose field it is (*field_usr), else 0;
 * *pointer tells a pointer from an integer. */
static int param_guards_parameter(struct lc_extract_walk *walk, CXCursor side, int *pointer, const char **field_usr)
{
    CXCursor parameter = lc_extract_loop_variable(side);
    CXType type;
    int position = 0;
    *field_usr = NULL;
    if (clang_getCursorKind(parameter) == CXCursor_ParmDecl) {
        type = clang_getCursorType(parameter);
        position = lc_extract_parameter_position(parameter);
        if (!lc_extract_param_unchanged(walk, position))
            return 0;
    } else if (!(position = param_guards_field(walk, side, field_usr, &type))) {
        return 0;
    }
    *pointer = clang_getCanonicalType(type).kind == CXType_Pointer;
    if (!*pointer) {   /* an integer, named without an explicit cast */
        enum CXCursorKind named = clang_getCursorKind(param_guards_strip_implicit(side));
        if (!lc_extract_is_integer(type) || (named != CXCursor_DeclRefExpr && named != CXCursor_MemberRefExpr))
            return 0;
    }
    return position;
}

static int param_guards_negated(int test)
{
    static const int negated[] = {
        [LC_PARAM_TEST_NONE] = LC_PARAM_TEST_NONE, [LC_PARAM_TEST_EQ] = LC_PARAM_TEST_NE,
        [LC_PARAM_TEST_NE] = LC_PARAM_TEST_EQ,     [LC_PARAM_TEST_LT] = LC_PARAM_TEST_GE,
        [LC_PARAM_TEST_LE] = LC_PARAM_TEST_GT,     [LC_PARAM_TEST_GT] = LC_PARAM_TEST_LE,
        [LC_PARAM_TEST_GE] = LC_PARAM_TEST_LT,     [LC_PARAM_TEST_BITS_SET] = LC_PARAM_TEST_BITS_CLEAR,
        [LC_PARAM_TEST_BITS_CLEAR] = LC_PARAM_TEST_BITS_SET,
    };
    return negated[test & ~LC_PARAM_TEST_UNSIGNED] | (test & LC_PARAM_TEST_UNSIGNED);
}

/* The test `constant OP param` read as `param OP' constant`. */
static int param_guards_mirrored(int test)
{
    switch (test) {
    case LC_PARAM_TEST_LT: return LC_PARAM_TEST_GT;
    case LC_PARAM_TEST_LE: return LC_PARAM_TEST_GE;
    case LC_PARAM_TEST_GT: return LC_PARAM_TEST_LT;
    case LC_PARAM_TEST_GE: return LC_PARAM_TEST_LE;
    default: return test;
    }
}

static int param_guards_test_of(enum CXBinaryOperatorKind op)
{
    switch (op) {
    case CXBinaryOperator_EQ: return LC_PARAM_TEST_EQ;
    case CXBinaryOperator_NE: return LC_PARAM_TEST_NE;
    case CXBinaryOperator_LT: return LC_PARAM_TEST_LT;
    case CXBinaryOperator_LE: return LC_PARAM_TEST_LE;
    case CXBinaryOperator_GT: return LC_PARAM_TEST_GT;
    case CXBinaryOperator_GE: return LC_PARAM_TEST_GE;
    default: return LC_PARAM_TEST_NONE;
    }
}

/* `param & constant` (either way round): the parameter (1 + its index)
 * and the mask, or 0. */
static int param_guards_mask(struct lc_extract_walk *walk, CXCursor expr, long long *mask, const char **field_usr)
{
    CXCursor sides[2];
    int pointer = 0;
    expr = lc_extract_strip(expr);
    if (clang_getCursorKind(expr) != CXCursor_BinaryOperator
        || clang_getCursorBinaryOperatorKind(expr) != CXBinaryOperator_And || lc_extract_children(expr, sides, 2) != 2)
        return 0;
    for (int side = 0; side < 2; side++) {
        int position = param_guards_parameter(walk, sides[side], &pointer, field_usr);
        if (position && !pointer && lc_extract_integer_constant(sides[1 - side], mask))
            return position;
    }
    return 0;
}

/* `(param & constant) == 0`, `!= 0`, either way round: the guard of the
 * then branch, or none (param 0). */
static struct lc_param_guard param_guards_mask_comparison(struct lc_extract_walk *walk, int test,
                                                          const CXCursor sides[2])
{
    struct lc_param_guard guard = { 0 };
    long long zero, mask;
    const char *field_usr;
    for (int side = 0; side < 2 && (test == LC_PARAM_TEST_EQ || test == LC_PARAM_TEST_NE); side++) {
        int position = param_guards_mask(walk, sides[side], &mask, &field_usr);
        if (position && lc_extract_integer_constant(sides[1 - side], &zero) && zero == 0)
            return (struct lc_param_guard){ position,
                                            test == LC_PARAM_TEST_NE ? LC_PARAM_TEST_BITS_SET : LC_PARAM_TEST_BITS_CLEAR,
                                            mask, { field_usr } };
    }
    return guard;
}

/* `param OP constant` or `constant OP param`: the guard of the then
 * branch, or none (param 0). */
static struct lc_param_guard param_guards_comparison(struct lc_extract_walk *walk, CXCursor condition,
                                                     const CXCursor sides[2])
{
    struct lc_param_guard guard = { 0 };
    int test = param_guards_test_of(clang_getCursorBinaryOperatorKind(condition)), pointer = 0;
    if (test == LC_PARAM_TEST_NONE)
        return guard;
    guard = param_guards_mask_comparison(walk, test, sides);
    for (int side = 0; side < 2 && !guard.param; side++) {
        const char *field_usr;
        int position = param_guards_parameter(walk, sides[side], &pointer, &field_usr);
        CXCursor constant = sides[1 - side];
        long long value = 0;
        if (!position)
            continue;
        if (pointer ? (test != LC_PARAM_TEST_EQ && test != LC_PARAM_TEST_NE)
                          || !lc_extract_is_null_pointer_constant(constant)
                    : !lc_extract_integer_constant(constant, &value))
            return guard;
        CXType declared = clang_getCursorType(field_usr ? clang_getCursorReferenced(param_guards_strip_implicit(sides[side]))
                                                        : lc_extract_loop_variable(sides[side]));
        int is_unsigned = !pointer && (param_guards_is_unsigned(clang_getCursorType(sides[0]))
                                       || param_guards_is_unsigned(clang_getCursorType(sides[1]))
                                       || param_guards_is_unsigned(declared));
        guard.param = position;
        guard.field_usr = field_usr;
        guard.test = (side == 0 ? test : param_guards_mirrored(test)) | (is_unsigned ? LC_PARAM_TEST_UNSIGNED : 0);
        guard.value = pointer ? 0 : value;
        return guard;
    }
    return guard;
}

void lc_extract_param_guard_split(struct lc_extract_walk *walk, CXCursor condition, struct lc_param_guard *then_guard,
                                  struct lc_param_guard *else_guard)
{
    CXCursor parts[2];
    *then_guard = *else_guard = (struct lc_param_guard){ 0 };
    condition = lc_extract_strip(condition);
    enum CXCursorKind kind = clang_getCursorKind(condition);
    if (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(condition) == CXUnaryOperator_LNot
        && lc_extract_children(condition, parts, 1) == 1) {
        lc_extract_param_guard_split(walk, parts[0], else_guard, then_guard);
        return;
    }
    if (kind == CXCursor_BinaryOperator && lc_extract_children(condition, parts, 2) == 2) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(condition);
        if (op == CXBinaryOperator_LAnd || op == CXBinaryOperator_LOr) {
            /* a && b: both hold in the then branch; a || b: both fail in
             * the else branch.  The first side with a guard gives it. */
            struct lc_param_guard left[2], right[2];
            lc_extract_param_guard_split(walk, parts[0], &left[0], &left[1]);
            lc_extract_param_guard_split(walk, parts[1], &right[0], &right[1]);
            int branch = op == CXBinaryOperator_LAnd ? 0 : 1;
            struct lc_param_guard *into = branch == 0 ? then_guard : else_guard;
            *into = left[branch].param ? left[branch] : right[branch];
            return;
        }
        *then_guard = param_guards_comparison(walk, condition, parts);
    } else {   /* `if (conn)`, `if (count)`: != 0 */
        const char *field_usr;
        int pointer = 0, position = param_guards_parameter(walk, condition, &pointer, &field_usr);
        if (position)
            *then_guard = (struct lc_param_guard){ position, LC_PARAM_TEST_NE, 0, { field_usr } };
    }
    long long mask;
    const char *mask_field_usr = NULL;
    int masked = !then_guard->param ? param_guards_mask(walk, condition, &mask, &mask_field_usr) : 0;
    if (masked)   /* `if (flags & F)` */
        *then_guard = (struct lc_param_guard){ masked, LC_PARAM_TEST_BITS_SET, mask, { mask_field_usr } };
    if (then_guard->param)
        *else_guard = (struct lc_param_guard){ then_guard->param, param_guards_negated(then_guard->test),
                                               then_guard->value, { then_guard->field_usr } };
}

struct lc_param_guard lc_extract_param_guard_inner(struct lc_param_guard outer, struct lc_param_guard inner)
{
    return !inner.param || (inner.field_usr && outer.param && !outer.field_usr) ? outer : inner;
}
