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
 *    few on average (a geometric count), whatever the data;
 *  - a give-up: a statement of the body's own block, no `continue` before
 *    it, is `if (n++ > K) break;` (or `return`, `>=`, `++n`), n a local
 *    integer the function sets only to constants of at least 0: K + 2
 *    rounds at most
 *    (nginx's ngx_palloc_large looks at four large blocks, then gives up). */
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
    if (!lc_extract_is_counting_integer(clang_getCursorType(sides[0])))
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
 * x->left`, `parent = x->parent`; either arm of `x = r < 0 ? x->left :
 * x->right`; a link's address, `at = &(*at)->left` — those two for a
 * pointer the condition reads) of a tree node's
 * links — two different fields of one record (left or right), or a field
 * of a record that holds three or more pointers of that type (left, right,
 * parent: a tree.h entry).  A list's links (next, or next and prev) are
 * neither. */
struct steps_descent {
    CXCursor fields[2];
    unsigned field_count;
    int tree;
    struct lc_extract_variables tested;   /* what the condition reads */
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

/* A value stepping to a link: `x->left`; for a pointer the condition
 * reads (`tested`), also `&x->left` or either arm of a `?:` of those. */
static void steps_note_value(struct steps_descent *descent, CXCursor value, int tested, int depth)
{
    CXCursor arms[3];
    value = lc_extract_strip(value);
    enum CXCursorKind kind = clang_getCursorKind(value);
    if (kind == CXCursor_ConditionalOperator && tested && depth < 2 && lc_extract_children(value, arms, 3) == 3) {
        steps_note_value(descent, arms[1], tested, depth + 1);
        steps_note_value(descent, arms[2], tested, depth + 1);
        return;
    }
    CXCursor operand = tested ? lc_extract_address_operand(value) : clang_getNullCursor();
    if (!clang_Cursor_isNull(operand))
        value = operand;
    CXCursor field = clang_getCursorKind(value) == CXCursor_MemberRefExpr ? clang_getCursorReferenced(value)
                                                                          : clang_getNullCursor();
    if (clang_getCursorKind(field) == CXCursor_FieldDecl
        && clang_getCanonicalType(clang_getCursorType(field)).kind == CXType_Pointer)
        steps_note_field(descent, field);
}

static enum CXChildVisitResult steps_descent_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct steps_descent *descent = data;
    CXCursor sides[2];
    if (!lc_extract_assignment_sides(cursor, sides))
        return CXChildVisit_Recurse;
    steps_note_value(descent, sides[1], lc_extract_variables_has(&descent->tested, sides[0]), 0);
    return descent->tree ? CXChildVisit_Break : CXChildVisit_Recurse;
}

int lc_extract_loop_is_descent(const struct lc_extract_loop_parts *parts)
{
    struct steps_descent descent = { .field_count = 0, .tree = 0, .tested = { .count = 0, .found = 0 } };
    if (!clang_Cursor_isNull(parts->condition))
        lc_extract_variables_collect(parts->condition, &descent.tested);
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

/* A loop giving up after a few rounds (nginx's ngx_palloc_large: `if (n++
 * > 3) break;`): the check of a counter against a constant, how many
 * rounds it allows, and whether the function sets the counter only to
 * constants besides. */
struct steps_give_up {
    CXCursor counter;      /* the local counted, canonical */
    int other;             /* set or taken otherwise than to a constant */
    int set;               /* set to a constant somewhere */
    int steps;             /* incremented: only by the test may it be */
};

static enum CXChildVisitResult steps_counter_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct steps_give_up *give_up = data;
    CXCursor sides[2], operand;
    long long value;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (kind == CXCursor_VarDecl && clang_equalCursors(clang_getCanonicalCursor(cursor), give_up->counter)) {
        CXCursor init = clang_Cursor_getVarDeclInitializer(cursor);
        if (!clang_Cursor_isNull(init)) {
            int constant = lc_extract_integer_constant(lc_extract_strip(init), &value) && value >= 0;
            give_up->set |= constant;
            give_up->other |= !constant;
        }
    } else if (kind == CXCursor_BinaryOperator && lc_extract_assignment_sides(cursor, sides)
               && lc_extract_is_variable(sides[0], give_up->counter)) {
        int constant = lc_extract_integer_constant(lc_extract_strip(sides[1]), &value) && value >= 0;
        give_up->set |= constant;
        give_up->other |= !constant;
    } else if (kind == CXCursor_CompoundAssignOperator && lc_extract_children(cursor, sides, 2) == 2
               && lc_extract_is_variable(sides[0], give_up->counter)) {
        give_up->other = 1;
    } else if (kind == CXCursor_UnaryOperator && lc_extract_children(cursor, &operand, 1) == 1
               && lc_extract_is_variable(operand, give_up->counter)) {
        enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(cursor);
        give_up->steps += op == CXUnaryOperator_PostInc || op == CXUnaryOperator_PreInc;
        give_up->other |= op == CXUnaryOperator_PostDec || op == CXUnaryOperator_PreDec || op == CXUnaryOperator_AddrOf;
    }
    return CXChildVisit_Recurse;
}

static int steps_is_continue(CXCursor cursor, void *unused)
{
    (void)unused;
    return clang_getCursorKind(cursor) == CXCursor_ContinueStmt;
}

/* Does `statement` only leave: `break;`, `return ...;`, or a block ending
 * in one with no continue inside? */
static int steps_only_leaves(CXCursor statement)
{
    enum CXCursorKind kind = clang_getCursorKind(statement);
    if (kind == CXCursor_BreakStmt || kind == CXCursor_ReturnStmt)
        return 1;
    CXCursor statements[16];
    unsigned count = kind == CXCursor_CompoundStmt ? lc_extract_children(statement, statements, 16) : 0;
    if (count == 0 || count > 16 || lc_extract_any(statement, steps_is_continue, NULL))
        return 0;
    enum CXCursorKind last = clang_getCursorKind(statements[count - 1]);
    return last == CXCursor_BreakStmt || last == CXCursor_ReturnStmt;
}

/* The rounds `if (n++ > K) break;` allows (K + 2; `>=`: K + 1; also
 * `++n`, and the constant on the left), n a local integer counted from
 * 0 or more; 0 when
 * `statement` is no such test. */
static long long steps_give_up_test(CXCursor statement, struct steps_give_up *give_up)
{
    CXCursor parts[3], sides[2], operand;
    if (clang_getCursorKind(statement) != CXCursor_IfStmt || lc_extract_children(statement, parts, 3) != 2
        || !steps_only_leaves(parts[1]))
        return 0;
    CXCursor test = lc_extract_strip(parts[0]);
    if (clang_getCursorKind(test) != CXCursor_BinaryOperator || lc_extract_children(test, sides, 2) != 2)
        return 0;
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(test);
    long long k;
    int left = lc_extract_integer_constant(sides[1], &k);
    if (!left && lc_extract_integer_constant(sides[0], &k)) {   /* K < n++: n++ > K */
        CXCursor swap = sides[0];
        sides[0] = sides[1];
        sides[1] = swap;
        op = op == CXBinaryOperator_LT ? CXBinaryOperator_GT : op == CXBinaryOperator_LE ? CXBinaryOperator_GE : op;
    } else if (!left) {
        return 0;
    }
    CXCursor step = lc_extract_strip(sides[0]);
    if (clang_getCursorKind(step) != CXCursor_UnaryOperator || lc_extract_children(step, &operand, 1) != 1)
        return 0;
    enum CXUnaryOperatorKind unary = clang_getCursorUnaryOperatorKind(step);
    CXCursor counter = clang_getCanonicalCursor(clang_getCursorReferenced(lc_extract_strip(operand)));
    if ((unary != CXUnaryOperator_PostInc && unary != CXUnaryOperator_PreInc) || !lc_extract_is_local(counter)
        || !lc_extract_is_counting_integer(clang_getCursorType(counter)) || k < 0
        || (op != CXBinaryOperator_GT && op != CXBinaryOperator_GE))
        return 0;
    give_up->counter = counter;
    return k + (op == CXBinaryOperator_GT) + (unary == CXUnaryOperator_PostInc);   /* from 0 at least */
}

long long lc_extract_loop_gives_up(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts)
{
    CXCursor statements[32];
    if (clang_Cursor_isNull(parts->body) || clang_Cursor_isNull(walk->function)
        || clang_getCursorKind(parts->body) != CXCursor_CompoundStmt)
        return 0;
    unsigned count = lc_extract_children(parts->body, statements, 32);
    for (unsigned i = 0; i < count && i < 32; i++) {
        struct steps_give_up give_up = { clang_getNullCursor(), 0, 0, 0 };
        long long rounds = steps_give_up_test(statements[i], &give_up);
        if (rounds > 0) {
            clang_visitChildren(walk->function, steps_counter_visit, &give_up);
            return give_up.set && !give_up.other && give_up.steps == 1 ? rounds : 0;
        }
        if (lc_extract_any(statements[i], steps_is_continue, NULL))
            return 0;   /* a round may skip the test */
    }
    return 0;
}
