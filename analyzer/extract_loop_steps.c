/* extract_loop_steps.c — loops that take a few steps whatever the data
 * (at most 64: extract_loops.c counts them as a small constant):
 *  - a logarithmic counter: a variable of the condition is multiplied,
 *    divided or shifted in the condition, the increment or the body
 *    (`j *= 2`, `v /= base`, `while (n >>= 1)`, `v = v / 10`), also through
 *    a variable the body computes from it (`available = nsize - offset`
 *    with `nsize <<= 1`): a 64-bit value takes at most 64 such steps;
 *  - a bisection: the body halves the span between variables of the
 *    condition (`mid = (low + high) / 2`);
 *  - a power: the body does nothing but multiply integer variables by
 *    constants (`scale *= 10`, `mask <<= 1`; nginx's `for (n =
 *    frac_width; n; n--) scale *= 10;`): past 64 rounds a 64-bit result
 *    has lost every bit, so a program whose result means something runs
 *    it a few times;
 *  - a tree descent: the loop steps a pointer down or up a tree's links
 *    (`x = x->left` or `x->right`; a tree.h entry's left, right and
 *    parent): the height of a balanced tree (and amortised O(1) per step of
 *    an in-order walk);
 *  - a retry: the condition tests `errno == EINTR`, alone or `&&`-ed with
 *    other tests (`while (fd == -1 && errno == EINTR)`): it goes round
 *    again only when a signal interrupted the call;
 *  - a draw: the condition reads no variable but a `static const` (whose
 *    initializer is a constant expression) and calls nothing but the C
 *    library's random number generators (`while ((random() & 0xFFFF) <
 *    0.25 * 0xFFFF)`, `while (random() < threshold)`: a skip list's level):
 *    each round goes on with the same constant chance, so the rounds are
 *    few on average (a geometric count), whatever the data. */
#include "extract_internal.h"

#include <string.h>

static int steps_is_scaling(enum CXBinaryOperatorKind op)
{
    return op == CXBinaryOperator_Mul || op == CXBinaryOperator_Div || op == CXBinaryOperator_Shl
           || op == CXBinaryOperator_Shr || op == CXBinaryOperator_MulAssign || op == CXBinaryOperator_DivAssign
           || op == CXBinaryOperator_ShlAssign || op == CXBinaryOperator_ShrAssign;
}

/* `v *= k`, `v >>= k`, `v = v / k` for a variable of the condition. */
static enum CXChildVisitResult steps_scaled_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct lc_extract_variables *variables = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor sides[2], operands[2];
    if ((kind != CXCursor_CompoundAssignOperator && kind != CXCursor_BinaryOperator)
        || lc_extract_children(cursor, sides, 2) != 2 || !lc_extract_variables_has(variables, sides[0]))
        return CXChildVisit_Recurse;
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(cursor);
    CXCursor value = lc_extract_strip(sides[1]);
    if (kind == CXCursor_CompoundAssignOperator)
        variables->found |= steps_is_scaling(op);
    else if (op == CXBinaryOperator_Assign && clang_getCursorKind(value) == CXCursor_BinaryOperator
             && lc_extract_children(value, operands, 2) == 2)
        variables->found |= steps_is_scaling(clang_getCursorBinaryOperatorKind(value))
                             && lc_extract_variables_has(variables, operands[0]);
    return variables->found ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* Is `statement` `x *= K`, `x <<= K` or `x = x * K` (`x = x << K`), x an
 * integer variable, K an integer constant of at least 2 (1 for a shift)? */
static int steps_is_power_step(CXCursor statement)
{
    CXCursor sides[2], operands[2];
    statement = lc_extract_strip(statement);
    enum CXCursorKind kind = clang_getCursorKind(statement);
    if ((kind != CXCursor_CompoundAssignOperator && kind != CXCursor_BinaryOperator)
        || lc_extract_children(statement, sides, 2) != 2
        || clang_getCursorKind(lc_extract_strip(sides[0])) != CXCursor_DeclRefExpr)
        return 0;
    CXType type = clang_getCanonicalType(clang_getCursorType(sides[0]));
    if (type.kind < CXType_Char_U || type.kind > CXType_Int128 || type.kind == CXType_Bool)
        return 0;
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(statement);
    CXCursor factor = sides[1];
    if (op == CXBinaryOperator_Assign) {
        CXCursor value = lc_extract_strip(sides[1]);
        if (clang_getCursorKind(value) != CXCursor_BinaryOperator || lc_extract_children(value, operands, 2) != 2
            || !lc_extract_is_variable(operands[0], lc_extract_loop_variable(sides[0])))
            return 0;
        op = clang_getCursorBinaryOperatorKind(value) == CXBinaryOperator_Mul   ? CXBinaryOperator_MulAssign
             : clang_getCursorBinaryOperatorKind(value) == CXBinaryOperator_Shl ? CXBinaryOperator_ShlAssign
                                                                                 : CXBinaryOperator_Invalid;
        factor = operands[1];
    }
    long long k;
    return ((op == CXBinaryOperator_MulAssign && lc_extract_integer_constant(factor, &k) && k >= 2)
            || (op == CXBinaryOperator_ShlAssign && lc_extract_integer_constant(factor, &k) && k >= 1));
}

int lc_extract_loop_is_power(const struct lc_extract_loop_parts *parts)
{
    CXCursor statements[8];
    if (clang_Cursor_isNull(parts->body))
        return 0;
    unsigned count = clang_getCursorKind(parts->body) == CXCursor_CompoundStmt
                         ? lc_extract_children(parts->body, statements, 8)
                         : (statements[0] = parts->body, 1u);
    if (count == 0 || count > 8)
        return 0;
    for (unsigned i = 0; i < count; i++)
        if (!steps_is_power_step(statements[i]))
            return 0;
    return 1;
}

/* `available = nsize - offset` in the body, available a variable of the
 * condition: the variables it is computed from count too (nsize). */
static enum CXChildVisitResult steps_derived_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct lc_extract_variables *variables = data, read = { .count = 0, .found = 0 };
    CXCursor sides[2];
    if (!lc_extract_assignment_sides(cursor, sides) || !lc_extract_variables_has(variables, sides[0]))
        return CXChildVisit_Recurse;
    lc_extract_variables_collect(sides[1], &read);
    for (unsigned i = 0; i < read.count && variables->count < LC_EXTRACT_VARIABLES; i++)
        if (!lc_extract_variables_has_declaration(variables, read.declarations[i]))
            variables->declarations[variables->count++] = read.declarations[i];
    return CXChildVisit_Recurse;
}

int lc_extract_loop_is_logarithmic(const struct lc_extract_loop_parts *parts)
{
    struct lc_extract_variables variables = { .count = 0, .found = 0 };
    if (clang_Cursor_isNull(parts->condition))
        return 0;
    lc_extract_variables_collect(parts->condition, &variables);
    if (!clang_Cursor_isNull(parts->body))
        clang_visitChildren(parts->body, steps_derived_visit, &variables);
    const CXCursor *changers[3] = { &parts->condition, &parts->increment, &parts->body };
    for (int i = 0; i < 3 && variables.count > 0 && !variables.found; i++) {
        if (clang_Cursor_isNull(*changers[i]))
            continue;
        steps_scaled_visit(*changers[i], clang_getNullCursor(), &variables);
        if (!variables.found)
            clang_visitChildren(*changers[i], steps_scaled_visit, &variables);
    }
    return variables.found;
}

/* A tree descent: the loop steps a pointer through a field (`x =
 * x->left`, `parent = x->parent`) of a tree node's links — two different
 * fields of one record (left or right), or a field of a record that holds
 * three or more pointers of that type (left, right, parent: a tree.h
 * entry).  A list's links (next, or next and prev) are neither. */
struct steps_descent {
    CXCursor fields[2];
    unsigned field_count;
    int tree;
};

static enum CXChildVisitResult steps_count_links(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct { CXType type; unsigned count; } *links = data;
    if (clang_getCursorKind(cursor) == CXCursor_FieldDecl
        && clang_equalTypes(clang_getCanonicalType(clang_getCursorType(cursor)), links->type))
        links->count++;
    return CXChildVisit_Continue;
}

static void steps_note_field(struct steps_descent *descent, CXCursor field)
{
    struct { CXType type; unsigned count; } links = { clang_getCanonicalType(clang_getCursorType(field)), 0 };
    clang_visitChildren(clang_getCursorSemanticParent(field), steps_count_links, &links);
    if (links.count >= 3)
        descent->tree = 1;
    for (unsigned i = 0; i < descent->field_count; i++)
        if (clang_equalCursors(descent->fields[i], field))
            return;
    if (descent->field_count < 2)
        descent->fields[descent->field_count++] = field;
    if (descent->field_count == 2 && clang_equalCursors(clang_getCursorSemanticParent(descent->fields[0]),
                                                        clang_getCursorSemanticParent(descent->fields[1])))
        descent->tree = 1;
}

static enum CXChildVisitResult steps_descent_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct steps_descent *descent = data;
    CXCursor sides[2];
    if (!lc_extract_assignment_sides(cursor, sides))
        return CXChildVisit_Recurse;
    CXCursor value = lc_extract_strip(sides[1]);
    CXCursor field = clang_getCursorKind(value) == CXCursor_MemberRefExpr ? clang_getCursorReferenced(value)
                                                                          : clang_getNullCursor();
    if (clang_getCursorKind(field) == CXCursor_FieldDecl
        && clang_getCanonicalType(clang_getCursorType(field)).kind == CXType_Pointer)
        steps_note_field(descent, field);
    return descent->tree ? CXChildVisit_Break : CXChildVisit_Recurse;
}

int lc_extract_loop_is_descent(const struct lc_extract_loop_parts *parts)
{
    struct steps_descent descent = { .field_count = 0, .tree = 0 };
    const CXCursor *steps[3] = { &parts->condition, &parts->increment, &parts->body };
    for (int i = 0; i < 3 && !descent.tree; i++) {
        if (clang_Cursor_isNull(*steps[i]))
            continue;
        if (steps_descent_visit(*steps[i], clang_getNullCursor(), &descent) == CXChildVisit_Recurse)
            clang_visitChildren(*steps[i], steps_descent_visit, &descent);
    }
    return descent.tree;
}

/* `(low + high) / 2`, `(low + high) >> 1`: a midpoint of condition variables. */
static enum CXChildVisitResult steps_midpoint_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct lc_extract_variables *variables = data;
    CXCursor sides[2], terms[2];
    long long divisor;
    if (clang_getCursorKind(cursor) != CXCursor_BinaryOperator || lc_extract_children(cursor, sides, 2) != 2)
        return CXChildVisit_Recurse;
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(cursor);
    CXCursor sum = lc_extract_strip(sides[0]);
    int halves = lc_extract_integer_constant(sides[1], &divisor)
                 && ((op == CXBinaryOperator_Div && divisor == 2) || (op == CXBinaryOperator_Shr && divisor == 1));
    if (halves && clang_getCursorKind(sum) == CXCursor_BinaryOperator
        && (clang_getCursorBinaryOperatorKind(sum) == CXBinaryOperator_Add
            || clang_getCursorBinaryOperatorKind(sum) == CXBinaryOperator_Sub)
        && lc_extract_children(sum, terms, 2) == 2
        && (lc_extract_variables_has(variables, terms[0]) || lc_extract_variables_has(variables, terms[1])))
        variables->found = 1;
    return variables->found ? CXChildVisit_Break : CXChildVisit_Recurse;
}

static int steps_tests_interrupted(struct lc_extract_walk *walk, CXCursor expr)
{
    CXCursor sides[2];
    expr = lc_extract_strip(expr);
    if (clang_getCursorKind(expr) != CXCursor_BinaryOperator || lc_extract_children(expr, sides, 2) != 2)
        return 0;
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(expr);
    if (op == CXBinaryOperator_LAnd)
        return steps_tests_interrupted(walk, sides[0]) || steps_tests_interrupted(walk, sides[1]);
    const char *text = op == CXBinaryOperator_EQ ? lc_extract_text(walk, expr) : NULL;
    return text && (strcmp(text, "errno == EINTR") == 0 || strcmp(text, "EINTR == errno") == 0);
}

int lc_extract_loop_is_retry(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts)
{
    return !clang_Cursor_isNull(parts->condition) && steps_tests_interrupted(walk, parts->condition);
}

/* The C library's random number generators (C, POSIX, the BSDs'). */
static const char *const steps_random_functions[] = {
    "rand", "random", "rand_r", "drand48", "erand48", "lrand48", "nrand48", "mrand48", "jrand48",
    "arc4random", "arc4random_uniform",
};

/* What a condition draws: random calls, other calls, variables read. */
struct steps_draw {
    unsigned draws;
    int other;
};

static enum CXChildVisitResult steps_draw_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct steps_draw *draw = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (kind == CXCursor_CallExpr) {
        CXCursor callee = lc_extract_called_function(cursor);
        CXString name = clang_getCursorSpelling(callee);
        const char *text = clang_Cursor_isNull(callee) ? NULL : clang_getCString(name);
        int random = 0;
        for (size_t i = 0; text && i < sizeof steps_random_functions / sizeof steps_random_functions[0]; i++)
            random |= strcmp(text, steps_random_functions[i]) == 0;
        clang_disposeString(name);
        if (random && clang_Cursor_getNumArguments(cursor) == 0)
            draw->draws++;
        else
            draw->other = 1;   /* arc4random_uniform(n) draws below n: its rounds grow with n */
        return CXChildVisit_Continue;
    }
    CXCursor variable = lc_extract_loop_variable(cursor);
    int constant = !clang_Cursor_isNull(variable) && clang_Cursor_hasVarDeclGlobalStorage(variable) == 1
                   && clang_isConstQualifiedType(clang_getCursorType(variable));
    if (!clang_Cursor_isNull(variable) && !constant)
        draw->other = 1;   /* a static const's initializer is a constant expression */
    return draw->other ? CXChildVisit_Break : CXChildVisit_Recurse;
}

int lc_extract_loop_is_draw(const struct lc_extract_loop_parts *parts)
{
    struct steps_draw draw = { 0, 0 };
    if (clang_Cursor_isNull(parts->condition))
        return 0;
    lc_extract_visit_all(parts->condition, steps_draw_visit, &draw);
    return draw.draws > 0 && !draw.other;
}

int lc_extract_loop_is_bisection(const struct lc_extract_loop_parts *parts)
{
    struct lc_extract_variables variables = { .count = 0, .found = 0 };
    if (clang_Cursor_isNull(parts->condition) || clang_Cursor_isNull(parts->body))
        return 0;
    lc_extract_variables_collect(parts->condition, &variables);
    if (variables.count > 0)
        clang_visitChildren(parts->body, steps_midpoint_visit, &variables);
    return variables.found;
}
