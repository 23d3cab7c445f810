/* extract_loop_walk.c — does an inner loop continue the walk of the loop
 * around it?  A scanner's inner loop that skips a token advances the
 * pointer or counter of the scan (`while (*p == ' ') p++;` inside
 * `while (*p)`): all its rounds together are bounded by the outer walk,
 * not multiplied by it.  It does when it advances (`v++`, `v -= k`,
 * `v = v->next`, `v = strchr(v, ',')`: an assignment that reads v itself)
 * a variable its own condition reads, and either the outer loop's
 * condition reads it too (the outer walker; the outer loop may move it on,
 * `cp = end`; a loop with no condition, `for (;;)`, tests its walker in
 * the `if (*p == '\0') break;` at the top of its body), or it is declared outside the outer loop and the outer loop
 * never sets it afresh (`v = start`, an assignment that does not read v,
 * in its condition, increment or body, the inner loop included): it only
 * moves forward over all the outer loop's rounds.  It also does when it
 * walks one bucket's chain per round: every value it starts from is an
 * array's element (`for (p = table[i]; p != NULL; p = p->next)` inside a
 * loop over the buckets, a hash table's rehash): the chains share out the
 * elements, so the nest is linear in the buckets and the elements.
 * A walker moved on through a local copy (`next = p->next; ...; p =
 * next;`: extract_loop_copy_steps.c) is advanced too.
 * (The loop's step, `x = next(x)`: extract_loop_step_call.c.) */
#include "extract_internal.h"

enum walk_change { WALK_NONE, WALK_ADVANCE, WALK_RESET };

/* What `cursor` does to a variable (*variable), if anything; *value is
 * the value a reset gives it. */
static enum walk_change walk_change_of(CXCursor cursor, CXCursor *variable, CXCursor *value)
{
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor sides[2];
    if (kind == CXCursor_UnaryOperator && lc_extract_children(cursor, sides, 1) == 1) {
        enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(cursor);
        *variable = lc_extract_loop_variable(sides[0]);
        return op >= CXUnaryOperator_PostInc && op <= CXUnaryOperator_PreDec ? WALK_ADVANCE : WALK_NONE;
    }
    if (kind == CXCursor_CompoundAssignOperator && lc_extract_children(cursor, sides, 2) == 2) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(cursor);
        *variable = lc_extract_loop_variable(sides[0]);
        return op == CXBinaryOperator_AddAssign || op == CXBinaryOperator_SubAssign ? WALK_ADVANCE : WALK_RESET;
    }
    if (kind == CXCursor_BinaryOperator && clang_getCursorBinaryOperatorKind(cursor) == CXBinaryOperator_Assign
        && lc_extract_children(cursor, sides, 2) == 2) {
        struct lc_extract_variables read = { .count = 0, .found = 0 };
        *variable = lc_extract_loop_variable(sides[0]);
        *value = sides[1];
        lc_extract_variables_collect(sides[1], &read);
        return lc_extract_variables_has(&read, sides[0]) ? WALK_ADVANCE : WALK_RESET;
    }
    return WALK_NONE;
}

static enum CXChildVisitResult walk_advances_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct lc_extract_variables *advanced = data;
    CXCursor variable = clang_getNullCursor(), value;
    if (walk_change_of(cursor, &variable, &value) == WALK_ADVANCE && !clang_Cursor_isNull(variable)
        && advanced->count < LC_EXTRACT_VARIABLES) {
        int known = 0;
        for (unsigned i = 0; i < advanced->count && !known; i++)
            known = clang_equalCursors(advanced->declarations[i], variable);
        if (!known)
            advanced->declarations[advanced->count++] = variable;
    }
    return CXChildVisit_Recurse;
}

/* The assignments under a cursor that set `variable` afresh, and whether
 * each of them starts it at an array's element (a bucket's head). */
struct walk_resets {
    CXCursor variable;
    unsigned count, from_buckets;
    const CXCursor *steps;   /* copy steps of the inner loop: no resets */
    unsigned step_count;
};

/* `t[i]`, or `&t[i]` for a walk through a pointer to the link. */
static int walk_is_bucket(CXCursor value)
{
    return !clang_Cursor_isNull(lc_extract_array_element(value, NULL));
}

static enum CXChildVisitResult walk_reset_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct walk_resets *resets = data;
    CXCursor variable = clang_getNullCursor(), value = clang_getNullCursor();
    for (unsigned i = 0; i < resets->step_count; i++)
        if (lc_extract_same_expression(cursor, resets->steps[i]))   /* reached another way: not equal cursors */
            return CXChildVisit_Continue;
    if (walk_change_of(cursor, &variable, &value) == WALK_RESET && !clang_Cursor_isNull(variable)
        && clang_equalCursors(variable, resets->variable)) {
        resets->count++;
        resets->from_buckets += walk_is_bucket(value);
    }
    return CXChildVisit_Recurse;
}

void lc_extract_visit_loop_parts(const struct lc_extract_loop_parts *parts, CXCursorVisitor visitor, void *data)
{
    lc_extract_visit_all(parts->condition, visitor, data);
    lc_extract_visit_all(parts->increment, visitor, data);
    lc_extract_visit_all(parts->body, visitor, data);
}

unsigned lc_extract_offset(CXSourceLocation location)
{
    unsigned offset = 0;
    clang_getExpansionLocation(location, NULL, NULL, NULL, &offset);
    return offset;
}

int lc_extract_holds_offset(CXCursor cursor, unsigned offset)
{
    CXSourceRange extent = clang_getCursorExtent(cursor);
    return offset >= lc_extract_offset(clang_getRangeStart(extent)) && offset <= lc_extract_offset(clang_getRangeEnd(extent));
}

/* Does `cursor` declare the variable `canonical` is? */
static int walk_declares(CXCursor cursor, void *canonical)
{
    return clang_getCursorKind(cursor) == CXCursor_VarDecl
           && clang_equalCursors(clang_getCanonicalCursor(cursor), *(const CXCursor *)canonical);
}

int lc_extract_declared_inside(CXCursor variable, CXCursor statement)
{
    CXCursor canonical = clang_getCanonicalCursor(variable);
    return lc_extract_any(statement, walk_declares, &canonical);
}

/* Is `statement` a bare `break` (or a block holding only one)? */
static int walk_is_break(CXCursor statement)
{
    CXCursor only;
    if (clang_getCursorKind(statement) == CXCursor_CompoundStmt && lc_extract_children(statement, &only, 1) == 1)
        statement = only;
    return clang_getCursorKind(statement) == CXCursor_BreakStmt;
}

/* The tests of a loop with no condition (`for (;;)`): those of the
 * `if (test) break;` statements at the top of its body. */
static enum CXChildVisitResult walk_exit_tests_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    CXCursor parts[3];
    if (clang_getCursorKind(cursor) == CXCursor_IfStmt && lc_extract_children(cursor, parts, 3) == 2
        && walk_is_break(parts[1]))
        lc_extract_variables_collect(parts[0], data);
    return CXChildVisit_Continue;
}

void lc_extract_loop_advanced(const struct lc_extract_loop_parts *parts, struct lc_extract_variables *advanced)
{
    lc_extract_visit_loop_parts(parts, walk_advances_visit, advanced);
}

int lc_extract_loop_continues(const struct lc_extract_loop_parts *parts, const struct lc_extract_loop_parts *outer,
                              CXCursor outer_statement)
{
    struct lc_extract_variables advanced = { .count = 0, .found = 0 }, walked = { .count = 0, .found = 0 };
    struct lc_extract_variables own = { .count = 0, .found = 0 };
    CXCursor steps[LC_EXTRACT_VARIABLES];
    lc_extract_loop_advanced(parts, &advanced);
    unsigned step_count = lc_extract_loop_copy_steps(parts, &advanced, steps, LC_EXTRACT_VARIABLES);
    lc_extract_variables_collect(parts->condition, &own);
    if (!clang_Cursor_isNull(outer->condition))
        lc_extract_variables_collect(outer->condition, &walked);
    else if (!clang_Cursor_isNull(outer->body) && clang_getCursorKind(outer->body) == CXCursor_CompoundStmt)
        clang_visitChildren(outer->body, walk_exit_tests_visit, &walked);
    for (unsigned i = 0; i < advanced.count; i++) {
        CXCursor variable = advanced.declarations[i];
        int own_walk = 0;
        for (unsigned j = 0; j < own.count && !own_walk; j++)
            own_walk = clang_equalCursors(own.declarations[j], variable);
        if (!own_walk)
            continue;   /* `sum += x`: an accumulator, not what the loop walks */
        int in_condition = 0;
        for (unsigned j = 0; j < walked.count && !in_condition; j++)
            in_condition = clang_equalCursors(walked.declarations[j], variable);
        if (in_condition)
            return 1;
        struct walk_resets resets = { variable, 0, 0, steps, step_count };
        lc_extract_visit_loop_parts(outer, walk_reset_visit, &resets);
        CXCursor start = clang_Cursor_getVarDeclInitializer(variable);
        int declared_inside = lc_extract_declared_inside(variable, outer_statement);
        if (declared_inside && !clang_Cursor_isNull(start)) {
            resets.count++;
            resets.from_buckets += walk_is_bucket(start);
        }
        if (resets.count > 0 && resets.from_buckets == resets.count)
            return 1;   /* each round walks one bucket's chain */
        if (!declared_inside && resets.count == 0)
            return 1;
    }
    return 0;
}

/* The parameter bounding the loop: the only thing its condition reads
 * besides locals and constants is one integer parameter (`j < charslen`,
 * `while (len--)`), with no field, global, call or dereference.  A local's
 * value (its initializer, or what the for's init assigns it; not one that
 * multiplies or shifts left) is read the same way, WALK_PARAMETER_DEPTH
 * deep: `nblocks = len / 4; for (i = -nblocks; i; i++)` is bounded by
 * `len`.  Only a quotient's dividend and a difference's minuend count
 * (`len / block`, `len - done`: sizes, at most that).  Either side of
 * `a && b` that is so bounds the loop.  An offset loop's comparison
 * (`for (yy = py; yy < py + ny; yy++)`: extract_loop_offset.c) is bounded
 * by its count alone, `ny`, when that is so bounded; never by its start. */
#define WALK_PARAMETER_DEPTH 3

struct walk_parameter {
    const struct lc_extract_loop_parts *parts;
    CXCursor parameter;
    unsigned depth;
    int other;      /* something else the condition depends on */
};

static enum CXChildVisitResult walk_parameter_visit(CXCursor cursor, CXCursor parent, CXClientData data);

static void walk_parameter_of(struct walk_parameter *found, CXCursor expr)
{
    if (walk_parameter_visit(expr, clang_getNullCursor(), found) == CXChildVisit_Recurse)
        clang_visitChildren(expr, walk_parameter_visit, found);
}

static void walk_parameter_local(struct walk_parameter *found, CXCursor variable)
{
    CXCursor value = clang_Cursor_getVarDeclInitializer(variable);
    const struct lc_extract_loop_parts *parts = found->parts;
    if (clang_Cursor_isNull(value) && !clang_Cursor_isNull(parts->init)
        && clang_getCursorKind(parts->init) != CXCursor_DeclStmt)
        value = lc_extract_init_assignment(parts->init, variable);
    if (clang_Cursor_isNull(value) || found->depth >= WALK_PARAMETER_DEPTH)
        return;
    found->depth++;
    walk_parameter_of(found, value);
    found->depth--;
}

static enum CXChildVisitResult walk_parameter_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct walk_parameter *found = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (kind == CXCursor_CallExpr || kind == CXCursor_MemberRefExpr || kind == CXCursor_ArraySubscriptExpr
        || (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(cursor) == CXUnaryOperator_Deref)) {
        found->other = 1;
        return CXChildVisit_Break;
    }
    if (kind == CXCursor_BinaryOperator) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(cursor);
        CXCursor sides[2];
        if ((op == CXBinaryOperator_Div || op == CXBinaryOperator_Shr || op == CXBinaryOperator_Sub)
            && lc_extract_children(cursor, sides, 2) == 2) {
            walk_parameter_of(found, sides[0]);   /* at most its dividend, or its minuend */
            return found->other ? CXChildVisit_Break : CXChildVisit_Continue;
        }
    }
    if (found->depth > 0 && (kind == CXCursor_BinaryOperator || kind == CXCursor_CompoundAssignOperator)) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(cursor);
        if (op == CXBinaryOperator_Mul || op == CXBinaryOperator_Shl || op == CXBinaryOperator_MulAssign
            || op == CXBinaryOperator_ShlAssign) {
            found->other = 1;   /* `n * 10` grows past what a caller passes */
            return CXChildVisit_Break;
        }
    }
    CXCursor variable = kind == CXCursor_DeclRefExpr ? lc_extract_loop_variable(cursor) : clang_getNullCursor();
    if (clang_Cursor_isNull(variable))
        return CXChildVisit_Recurse;
    if (clang_getCursorKind(variable) == CXCursor_VarDecl && clang_Cursor_hasVarDeclGlobalStorage(variable) == 1)
        found->other = 1;
    else if (clang_getCursorKind(variable) == CXCursor_VarDecl)
        walk_parameter_local(found, variable);
    else if (clang_getCursorKind(variable) == CXCursor_ParmDecl) {
        enum CXTypeKind type = clang_getCanonicalType(clang_getCursorType(variable)).kind;
        int integer = type >= CXType_Bool && type <= CXType_Int128;
        if (!integer || (!clang_Cursor_isNull(found->parameter) && !clang_equalCursors(found->parameter, variable)))
            found->other = 1;
        found->parameter = variable;
    }
    return found->other ? CXChildVisit_Break : CXChildVisit_Continue;
}

#define WALK_CONJUNCTION_DEPTH 4   /* `a && b && ...` followed this deep */

/* The parameter bounding `condition`; in `a && b`, either side's (`n-- &&
 * d->used != 0` stops within n rounds); in an offset loop's, its count's. */
static CXCursor walk_parameter_bounding(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts,
                                        CXCursor condition, unsigned depth)
{
    CXCursor stripped = lc_extract_strip(condition), sides[2];
    if (depth < WALK_CONJUNCTION_DEPTH && clang_getCursorKind(stripped) == CXCursor_BinaryOperator
        && clang_getCursorBinaryOperatorKind(stripped) == CXBinaryOperator_LAnd
        && lc_extract_children(stripped, sides, 2) == 2) {
        CXCursor left = walk_parameter_bounding(walk, parts, sides[0], depth + 1);
        return clang_Cursor_isNull(left) ? walk_parameter_bounding(walk, parts, sides[1], depth + 1) : left;
    }
    struct walk_parameter found = { parts, clang_getNullCursor(), 0, 0 };
    struct lc_extract_offset offset;
    /* `yy < py + ny` from py: ny rounds, whatever py is */
    walk_parameter_of(&found, lc_extract_loop_offset(walk, parts, condition, &offset) ? offset.count : condition);
    return found.other ? clang_getNullCursor() : found.parameter;
}

int lc_extract_bounding_parameter(CXCursor expr)
{
    struct lc_extract_loop_parts none = { clang_getNullCursor(), clang_getNullCursor(), clang_getNullCursor(),
                                          clang_getNullCursor() };
    struct walk_parameter found = { &none, clang_getNullCursor(), 0, 0 };
    walk_parameter_of(&found, expr);
    if (found.other || clang_Cursor_isNull(found.parameter))
        return -1;
    return lc_extract_parameter_position(found.parameter) - 1;
}

int lc_extract_loop_parameter(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts)
{
    struct walk_parameter found = { parts, clang_getNullCursor(), 0, 0 };
    if (!clang_Cursor_isNull(parts->condition))
        found.parameter = walk_parameter_bounding(walk, parts, parts->condition, 0);
    if (clang_Cursor_isNull(found.parameter))
        return -1;
    return lc_extract_parameter_position(found.parameter) - 1;
}
