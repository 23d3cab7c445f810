/* extract_loops.c — loop facts: one per for/while/do statement and per
 * backward goto, with the loop around it (same function), its depth and
 * how many times it runs, read from its condition:
 *  - no condition, or a constant true one (`for (;;)`, `while (1)`):
 *    UNBOUNDED; a constant false one: SMALL_CONSTANT with trip count 1 for
 *    `do ... while (0)` (the body runs once), 0 otherwise;
 *  - `i < K`, `i <= K`, `i > K`, `i >= K`, `i != K` (either way round), K an
 *    integer constant (`4096`, `ARRAY_SIZE(a)`, an enum) and i a counter:
 *    when the for's init sets i to a constant A, the count from A to K by
 *    the step of the increment (`i++`, `i -= 2`; 1 when it says nothing);
 *    when A is unknown and i is a local variable counting up (`<`, `<=`),
 *    the count from 0; SMALL_CONSTANT when <= 64, else CONSTANT, and
 *    bound_text is the constant side;
 *  - an offset loop, its counter counted up by one from X to X + N
 *    (`for (yy = py; yy < py + 4; yy++)`: extract_loop_offset.c), N an
 *    integer constant: N rounds, as above, bound_text N;
 *  - `a && b`: the more bounded of the two;
 *  - anything else is DATA: a comparison with a parameter, a field, a
 *    global or a call (`i < n`, `i < strlen(s)`), a pointer walk
 *    (`p != NULL`, `while (p)`), a counter counting down from data; its
 *    bound_text is the non-counter side of a comparison (for a counter
 *    counting down, the data its init sets it to), else the whole condition;
 *  - but DATA that reads a fixed-size table at a varying index is counted
 *    by the table's size (CONSTANT with trip count 0 for a read-only table
 *    whose length the TU does not see), and DATA whose counter is multiplied, divided or
 *    shifted, that bisects, or that descends a tree, is SMALL_CONSTANT (64 steps),
 *    bound_text the condition
 *    (extract_loop_shape.c, which also gives the loop's source).
 * A backward goto (extract_flow.c) is UNBOUNDED, or DATA with the condition
 * that guards it as bound_text.  A DATA loop that steps a pointer up a link
 * of its own struct every round names that link (extract_loop_link.c). */
#include "extract_internal.h"

#include <limits.h>
#include <string.h>

struct extract_bound {
    enum lc_loop_bound bound;
    long long trip_count;
    CXCursor text;            /* whose spelling is bound_text, or null */
};

static int extract_is_unsigned(CXType type)
{
    enum CXTypeKind kind = clang_getCanonicalType(type).kind;
    return kind >= CXType_UChar && kind <= CXType_UInt128;
}

/* An integer constant; unsigned ones above LLONG_MAX read as LLONG_MAX. */
static int extract_constant(CXCursor expr, long long *value)
{
    if (!lc_extract_integer_constant(expr, value))
        return 0;
    if (*value < 0 && extract_is_unsigned(clang_getCursorType(expr)))
        *value = LLONG_MAX;
    return 1;
}

/* A local of the walked function given an integer constant where it is
 * declared and never changed after, nor its address taken (`int size =
 * sizeof(table) / sizeof(table[0]);`): that constant, as a bound. */
static int extract_local_constant(struct lc_extract_walk *walk, CXCursor expr, long long *value)
{
    CXCursor variable = lc_extract_loop_variable(expr);
    if (!lc_extract_is_local(variable)
        || !lc_extract_variable_events_cover(walk, clang_getCursorSemanticParent(variable)))
        return 0;
    int declared = 0;
    for (const struct lc_extract_variable_event *event = NULL;
         (event = lc_extract_variable_event_next(walk, variable, event));)
        if (event->kind != LC_EXTRACT_EVENT_DECLARED || declared++
            || !extract_constant(lc_extract_strip(event->value), value))
            return 0;
    return declared == 1 && !walk->out_of_memory;
}

/* The step of `increment` for `variable`: `i++` 1, `i -= 3` 3; 1 when unknown. */
static long long extract_step(CXCursor increment, CXCursor variable)
{
    CXCursor children[2];
    long long step;
    CXCursor change = lc_extract_counter_change_of(increment, variable);
    if (clang_getCursorKind(change) != CXCursor_CompoundAssignOperator ||
        lc_extract_children(change, children, 2) != 2 ||
        !extract_constant(children[1], &step) || step == 0 || step == LLONG_MIN)
        return 1;
    return step < 0 ? -step : step;
}

/* Iterations of `i OP bound` from `start` by `step` (op with i on the left). */
static long long extract_trip_count(enum CXBinaryOperatorKind op, long long start,
                                    long long bound, long long step)
{
    long long low = start, high = bound;
    int inclusive = op == CXBinaryOperator_LE || op == CXBinaryOperator_GE;
    if (op == CXBinaryOperator_GT || op == CXBinaryOperator_GE ||
        (op == CXBinaryOperator_NE && start > bound)) {
        low = bound;
        high = start;
    }
    if (high < low || (high == low && !inclusive))
        return 0;
    unsigned long long distance = (unsigned long long)high - (unsigned long long)low;
    unsigned long long count = distance / (unsigned long long)step +
                               (inclusive || distance % (unsigned long long)step != 0);
    return count > (unsigned long long)LLONG_MAX ? LLONG_MAX : (long long)count;
}

static void extract_counted(struct extract_bound *out, long long trip_count, CXCursor bound)
{
    out->bound = trip_count <= LC_SMALL_TRIP_COUNT ? LC_BOUND_SMALL_CONSTANT
                                                        : LC_BOUND_CONSTANT;
    out->trip_count = trip_count;
    out->text = bound;
}

static void extract_data(struct extract_bound *out, CXCursor text)
{
    out->bound = LC_BOUND_DATA;
    out->trip_count = 0;
    out->text = text;
}

enum CXBinaryOperatorKind lc_extract_flip_comparison(enum CXBinaryOperatorKind op)
{
    switch (op) {
    case CXBinaryOperator_LT: return CXBinaryOperator_GT;
    case CXBinaryOperator_GT: return CXBinaryOperator_LT;
    case CXBinaryOperator_LE: return CXBinaryOperator_GE;
    case CXBinaryOperator_GE: return CXBinaryOperator_LE;
    default: return op;
    }
}

int lc_extract_against_constant(CXCursor sides[2], enum CXBinaryOperatorKind *op, long long *constant)
{
    if (lc_extract_integer_constant(sides[0], constant)) {
        *op = lc_extract_flip_comparison(*op);
        sides[0] = sides[1];
        return 1;
    }
    return lc_extract_integer_constant(sides[1], constant);
}

static int extract_is_pointer(CXCursor expr)
{
    return clang_getCanonicalType(clang_getCursorType(expr)).kind == CXType_Pointer;
}

/* `side OP K` with K constant `bound` (at cursor `bound_side`). */
static void extract_against_constant(const struct lc_extract_loop_parts *loop,
                                     enum CXBinaryOperatorKind op, CXCursor side,
                                     long long bound, CXCursor bound_side,
                                     struct extract_bound *out)
{
    CXCursor variable = lc_extract_loop_variable(side);
    if (clang_Cursor_isNull(variable) || op == CXBinaryOperator_EQ) {
        extract_data(out, side);
        return;
    }
    long long step = clang_Cursor_isNull(loop->increment) ? 1 :
                     extract_step(loop->increment, variable);
    CXCursor start = clang_Cursor_isNull(loop->init) ? clang_getNullCursor() :
                     lc_extract_counter_start(loop->init, variable);
    long long start_value;
    if (!clang_Cursor_isNull(start) && extract_constant(start, &start_value)) {
        extract_counted(out, extract_trip_count(op, start_value, bound, step), bound_side);
        return;
    }
    int counts_up = op == CXBinaryOperator_LT || op == CXBinaryOperator_LE;
    if (counts_up && clang_getCursorKind(variable) == CXCursor_VarDecl &&
        !clang_Cursor_hasVarDeclGlobalStorage(variable)) {
        extract_counted(out, extract_trip_count(op, 0, bound, step), bound_side);
        return;
    }
    extract_data(out, clang_Cursor_isNull(start) ? side : start);
}

/* The side of `a OP b` (neither constant) that is not the loop's counter:
 * the left one when the right one is what the increment or init changes,
 * else the right one (`i < n`). */
static CXCursor extract_bounding_side(const struct lc_extract_loop_parts *loop,
                                      const CXCursor *sides)
{
    CXCursor right = lc_extract_loop_variable(sides[1]);
    if (clang_Cursor_isNull(right))
        return sides[1];
    int counter = (!clang_Cursor_isNull(loop->increment) &&
                   !clang_Cursor_isNull(lc_extract_counter_change_of(loop->increment, right))) ||
                  (!clang_Cursor_isNull(loop->init) &&
                   !clang_Cursor_isNull(lc_extract_counter_start(loop->init, right)));
    return counter ? sides[0] : sides[1];
}

static void extract_classify(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *loop,
                             CXCursor condition, unsigned depth, struct extract_bound *out);

/* An offset loop (lc_extract_loop_offset) whose count N is a constant:
 * N rounds (one more for `<=`, K fewer for `X + N - K`, none when
 * negative; a negative N is no count for `!=`, which never meets it). */
static int extract_offset_counted(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *loop,
                                  CXCursor condition, struct extract_bound *out)
{
    struct lc_extract_offset offset;
    long long count;
    if (!lc_extract_loop_offset(walk, loop, condition, &offset) || !extract_constant(offset.count, &count)
        || (offset.exact && count < 0))
        return 0;
    long long rounds = count < offset.less ? 0 : count - offset.less;
    extract_counted(out, rounds < LLONG_MAX ? rounds + offset.inclusive : rounds, offset.count);
    return 1;
}

static void extract_comparison(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *loop,
                               CXCursor condition, enum CXBinaryOperatorKind op, struct extract_bound *out)
{
    CXCursor sides[2];
    long long left_value, right_value;
    if (extract_offset_counted(walk, loop, condition, out))
        return;
    if (lc_extract_children(condition, sides, 2) != 2) {
        extract_data(out, condition);
        return;
    }
    /* `(void *)0` is no integer constant, its operand is */
    int left_constant = extract_constant(lc_extract_strip(sides[0]), &left_value)
                        || extract_local_constant(walk, sides[0], &left_value);
    int right_constant = extract_constant(lc_extract_strip(sides[1]), &right_value)
                         || extract_local_constant(walk, sides[1], &right_value);
    if (extract_is_pointer(sides[0]) || extract_is_pointer(sides[1]))
        extract_data(out, left_constant ? sides[1] : right_constant ? sides[0]
                                                   : extract_bounding_side(loop, sides));
    else if (right_constant)
        extract_against_constant(loop, op, sides[0], right_value, sides[1], out);
    else if (left_constant)
        extract_against_constant(loop, lc_extract_flip_comparison(op), sides[1], left_value, sides[0], out);
    else
        extract_data(out, extract_bounding_side(loop, sides));
}

/* `a && b`: the more bounded side (the smaller count of two constants). */
static void extract_conjunction(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *loop,
                                CXCursor condition, unsigned depth, struct extract_bound *out)
{
    CXCursor sides[2];
    struct extract_bound both[2];
    if (lc_extract_children(condition, sides, 2) != 2) {
        extract_data(out, condition);
        return;
    }
    for (int i = 0; i < 2; i++)
        extract_classify(walk, loop, sides[i], depth + 1, &both[i]);
    int counted[2];
    for (int i = 0; i < 2; i++)
        counted[i] = both[i].bound == LC_BOUND_SMALL_CONSTANT ||
                     both[i].bound == LC_BOUND_CONSTANT;
    if (counted[0] && counted[1])
        *out = both[0].trip_count <= both[1].trip_count ? both[0] : both[1];
    else if (counted[0] || counted[1])
        *out = counted[0] ? both[0] : both[1];
    else
        extract_data(out, condition);
}

#define EXTRACT_CONDITION_DEPTH 8   /* `a && b && ...` followed this deep */

static void extract_classify(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *loop,
                             CXCursor condition, unsigned depth, struct extract_bound *out)
{
    long long value;
    if (extract_constant(condition, &value)) {
        *out = (struct extract_bound){ value ? LC_BOUND_UNBOUNDED : LC_BOUND_SMALL_CONSTANT,
                                       0, condition };
        return;
    }
    CXCursor stripped = lc_extract_strip(condition);
    if (clang_getCursorKind(stripped) != CXCursor_BinaryOperator ||
        depth >= EXTRACT_CONDITION_DEPTH) {
        extract_data(out, condition);
        return;
    }
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(stripped);
    switch (op) {
    case CXBinaryOperator_LT:
    case CXBinaryOperator_GT:
    case CXBinaryOperator_LE:
    case CXBinaryOperator_GE:
    case CXBinaryOperator_NE:
    case CXBinaryOperator_EQ:
        extract_comparison(walk, loop, stripped, op, out);
        break;
    case CXBinaryOperator_LAnd:
        extract_conjunction(walk, loop, stripped, depth, out);
        break;
    default:
        extract_data(out, condition);
        break;
    }
}

/* What a loop's bounding expression names (facts.h bound_name): the
 * function it calls, "RECORD.FIELD" of a field it reads, a global
 * variable; else NULL. */
static const char *extract_bound_name(struct lc_extract_walk *walk, CXCursor text)
{
    CXCursor expr = lc_extract_strip(text), named = clang_getCursorReferenced(expr);
    switch (clang_getCursorKind(expr)) {
    case CXCursor_MemberRefExpr:
        if (clang_getCursorKind(named) == CXCursor_FieldDecl) {
            struct lc_value field;
            lc_extract_field_value(walk, named, &field);
            return field.record && field.name ? lc_arena_printf(&walk->facts->arena, "%s.%s", field.record, field.name)
                                              : NULL;
        }
        return NULL;
    case CXCursor_CallExpr:
        return clang_getCursorKind(named) == CXCursor_FunctionDecl
                   ? lc_extract_string(walk, clang_getCursorSpelling(named))
                   : NULL;
    case CXCursor_DeclRefExpr:
        return clang_getCursorKind(named) == CXCursor_VarDecl && clang_Cursor_hasVarDeclGlobalStorage(named)
                   ? lc_extract_string(walk, clang_getCursorSpelling(named))
                   : NULL;
    default:
        return NULL;
    }
}

/* Append a loop fact inside walk->loop_index; returns its index or -1. */
static int extract_add_loop(struct lc_extract_walk *walk, enum lc_loop_kind kind,
                            const struct lc_location *loc, const struct extract_bound *bound,
                            enum lc_loop_source source, int parameter, CXCursor walked)
{
    const char *text = clang_Cursor_isNull(bound->text) ? NULL
                                                        : lc_extract_text(walk, bound->text);
    struct lc_loop_fact *fact = lc_tu_facts_add_loop(walk->facts);
    if (!fact) {
        walk->out_of_memory = 1;
        return -1;
    }
    fact->function_usr = walk->function_usr;
    fact->kind = kind;
    fact->loc = *loc;
    fact->parent_index = walk->loop_index;
    fact->depth = walk->loop_index >= 0 ? walk->facts->loops[walk->loop_index].depth + 1 : 1;
    fact->bound = bound->bound;
    fact->trip_count = bound->trip_count;
    fact->bound_text = text;
    fact->bound_name = bound->bound == LC_BOUND_DATA && !clang_Cursor_isNull(bound->text)
                           ? extract_bound_name(walk, bound->text)
                           : NULL;
    fact->source = source;
    fact->bound_param = bound->bound == LC_BOUND_DATA ? parameter : -1;
    fact->param_guard = walk->param_guard;
    fact->loop_only = walk->loop_only;
    if (!clang_Cursor_isNull(walked)) {
        fact->walked_global_usr = lc_extract_usr(walk, walked);
        fact->walked_global_name = lc_extract_string(walk, clang_getCursorSpelling(walked));
    }
    return (int)(walk->facts->loop_count - 1);
}

int lc_extract_loop(struct lc_extract_walk *walk, CXCursor statement, enum lc_loop_kind kind,
                    const struct lc_extract_loop_parts *parts)
{
    struct lc_location loc;
    if (lc_extract_location(walk, clang_getCursorLocation(statement), &loc) != 0)
        return -1;
    struct extract_bound bound = { LC_BOUND_UNBOUNDED, 0, clang_getNullCursor() };
    if (kind == LC_LOOP_GOTO && !clang_Cursor_isNull(parts->condition))
        extract_data(&bound, parts->condition);
    else if (kind != LC_LOOP_GOTO && !clang_Cursor_isNull(parts->condition))
        extract_classify(walk, parts, parts->condition, 0, &bound);
    if (lc_extract_loop_is_do_once(kind, parts))
        bound.trip_count = 1;   /* do ... while (0): the body runs once */
    long long table = bound.bound == LC_BOUND_DATA ? lc_extract_loop_table_size(parts) : 0, capped;
    if (table == LC_EXTRACT_TABLE_UNSEEN)
        bound = (struct extract_bound){ LC_BOUND_CONSTANT, 0, parts->condition };   /* compiled in */
    if (table > 0)
        extract_counted(&bound, table, parts->condition);
    else if (bound.bound == LC_BOUND_DATA
             && (lc_extract_loop_is_logarithmic(parts) || lc_extract_loop_is_power(parts)
                 || lc_extract_loop_is_bisection(parts)
                 || lc_extract_loop_is_descent(parts) || lc_extract_loop_is_retry(walk, parts)
                 || lc_extract_loop_is_draw(parts)
                 || lc_extract_loop_is_bucket_probe(walk, parts, statement)))
        extract_counted(&bound, LC_SMALL_TRIP_COUNT, parts->condition);
    else if (bound.bound == LC_BOUND_DATA && lc_extract_loop_descends_children(parts))
        extract_counted(&bound, LC_SMALL_TRIP_COUNT, parts->condition);   /* the tree's height */
    else if (bound.bound == LC_BOUND_DATA && lc_extract_loop_byte_bound(parts))
        extract_counted(&bound, LC_BYTE_TRIP_COUNT, parts->condition);    /* a one-byte count */
    else if (bound.bound == LC_BOUND_DATA && kind != LC_LOOP_GOTO && (capped = lc_extract_loop_capped(walk, parts)) > 0)
        extract_counted(&bound, capped, parts->condition);                /* a capped collection */
    else if (bound.bound == LC_BOUND_DATA && kind != LC_LOOP_GOTO && (capped = lc_extract_loop_gives_up(walk, parts)) > 0)
        extract_counted(&bound, capped, parts->condition);                /* it gives up after a few */
    else if (bound.bound == LC_BOUND_DATA && kind != LC_LOOP_GOTO
             && (capped = lc_extract_loop_guarded(walk, statement, bound.text)) > 0)
        extract_counted(&bound, capped, parts->condition);                /* a size tested first */
    struct lc_extract_kept_element kept = { .parts = parts, .outer = walk->loop_parts };
    int continues = walk->loop_parts && (lc_extract_loop_continues(parts, walk->loop_parts, walk->loop_statement)
                                         || lc_extract_loop_walks_children(&kept)
                                         || lc_extract_loop_walks_link_pointer(parts, walk->loop_parts)
                                         || lc_extract_loop_consumes_walk(parts, walk->loop_parts, walk->loop_statement)
                                         || lc_extract_loop_scans_descended_node(parts, walk->loop_parts)
                                         || lc_extract_loop_walks_cells(walk, parts, walk->loop_parts));
    CXCursor owned_field = clang_getNullCursor();
    if (!continues && walk->loop_parts && bound.bound == LC_BOUND_DATA && kind != LC_LOOP_GOTO)
        continues = lc_extract_loop_owned_children(walk, &kept, &owned_field) == LC_EXTRACT_OWNED_CHILDREN;
    int parameter = bound.bound == LC_BOUND_DATA ? lc_extract_loop_parameter(walk, parts) : -1;
    if (parameter < 0 && bound.bound == LC_BOUND_DATA)
        parameter = lc_extract_loop_owner(walk, parts);
    if (parameter < 0 && bound.bound == LC_BOUND_DATA)
        parameter = lc_extract_loop_string_parts(walk, parts);
    int table_walk = 0;
    if (parameter < 0 && bound.bound == LC_BOUND_DATA && kind != LC_LOOP_GOTO) {
        parameter = lc_extract_loop_table_param(walk, parts);
        table_walk = parameter >= 0;
    }
    CXCursor walked = parameter < 0 && bound.bound == LC_BOUND_DATA && kind != LC_LOOP_GOTO
                          ? lc_extract_loop_registry(walk, parts)
                          : clang_getNullCursor();
    enum lc_loop_source source = lc_extract_loop_is_spin(walk, kind, parts)             ? LC_SOURCE_WAIT
                                 : continues                                        ? LC_SOURCE_PARENT
                                 : lc_extract_loop_is_amortized(walk, statement, parts) ? LC_SOURCE_AMORTIZED
                                 : lc_extract_loop_resumes_iterator(walk, parts)        ? LC_SOURCE_AMORTIZED
                                 : lc_extract_loop_resumes_copy(walk, statement, parts) ? LC_SOURCE_AMORTIZED
                                 : lc_extract_loop_retires_passed(parts)                ? LC_SOURCE_AMORTIZED
                                 : lc_extract_loop_pools_elements(parts)                ? LC_SOURCE_AMORTIZED
                                                                                    : lc_extract_loop_source(walk, parts);
    int index = extract_add_loop(walk, kind, &loc, &bound, source, parameter, walked);
    if (index >= 0) {
        walk->facts->loops[index].cursor_params = lc_extract_loop_cursor_params(walk, parts);
        walk->facts->loops[index].table_walk = table_walk;
    }
    if (index >= 0 && bound.bound == LC_BOUND_DATA)
        walk->facts->loops[index].text_param = lc_extract_loop_text_param(walk, parts, parameter);
    if (index >= 0 && bound.bound == LC_BOUND_DATA && kind != LC_LOOP_GOTO) {
        lc_extract_loop_link(walk, parts, &walk->facts->loops[index]);
        walk->facts->loops[index].drain_name = lc_extract_loop_drain_name(walk, parts->condition);
        walk->facts->loops[index].transfer_name = lc_extract_loop_transfer_name(walk, parts);
    }
    if (index >= 0 && !clang_Cursor_isNull(owned_field)) {
        walk->facts->loops[index].owned_field_usr = lc_extract_usr(walk, owned_field);
        walk->facts->loops[index].owned_field_name = lc_extract_string(walk, clang_getCursorSpelling(owned_field));
    }
    return index;
}
