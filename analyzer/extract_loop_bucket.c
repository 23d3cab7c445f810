/* extract_loop_bucket.c — is a loop the probe of one bucket of a hash
 * table?  A lookup in a chained hash table walks the chain of the one
 * bucket its key hashes to (`he = t->table[h & t->mask]; while (he) { ...;
 * he = he->next; }`, `p = &t->table[h % t->size]; while (*p) p =
 * &(*p)->next;`).  A table sized by a variable grows with its elements and
 * keeps its chains a few long, so the probe costs a few steps, as a call
 * of a library's hash table costs nothing.  A table of a constant size
 * (`t[h % 64]`) keeps chains that grow with the elements: that walk stays
 * a loop bounded by data.
 *
 * The loop is a probe when a test of its condition (alone or `&&`-ed)
 * reads only a local walker that the loop only moves on (`he = he->next`,
 * `p = &(*p)->next`, `he = next_of(he)`, `he++`: a value read from itself),
 * and every value the walker gets outside the loop — its initialiser, the
 * loop's init, assignments before it — is a bucket: an element of an
 * array, or its address, at an index reduced to the table's size (`x %
 * n`, `x & m` with no constant divisor or mask), or at a local every value
 * of which is so reduced; or a field of such an element, or the record
 * holding that link (uthash's `ELMT_FROM_HH(tbl, buckets[bkt].hh_head)`,
 * `(char *)link - offset`); NULL, the walk's end, may be given anywhere.
 * The walker's address is never taken. */
#include "extract_internal.h"

#define BUCKET_INDEX_DEPTH 2   /* an index in a local in a local */

#define BUCKET_SEEN 16   /* changes of the walker inside its loop remembered */

/* What every value of `variable` is checked for, and what was seen. */
struct bucket_values {
    struct lc_extract_walk *walk;
    CXCursor variable;
    const struct lc_extract_loop_parts *parts;  /* the loop: inside it, only moves on */
    CXCursor statement;     /* its statement, or a null cursor (an index) */
    unsigned depth;         /* of index locals */
    int inside;             /* visiting the loop's condition, increment or body */
    unsigned starts;        /* values checked and accepted */
    int failed;
    CXCursor seen[BUCKET_SEEN];   /* the walker's changes met inside the loop */
    unsigned seen_count;
    int seen_overflow;
};

static int bucket_is_hashed_index(struct lc_extract_walk *walk, CXCursor index, unsigned depth);

static int bucket_is_constant(CXCursor expr)
{
    long long value;
    return lc_extract_integer_constant(expr, &value);
}

/* `(char *)p - offset` (the record holding a link, as `container_of`
 * finds it): p; else `value` itself. */
static CXCursor bucket_container_of(CXCursor value)
{
    CXCursor at = lc_extract_strip(value), sides[2];
    if (clang_getCursorKind(at) != CXCursor_BinaryOperator || clang_getCursorBinaryOperatorKind(at) != CXBinaryOperator_Sub
        || lc_extract_children(at, sides, 2) != 2
        || clang_getCanonicalType(clang_getCursorType(at)).kind != CXType_Pointer
        || !lc_extract_is_char(clang_getPointeeType(clang_getCanonicalType(clang_getCursorType(at)))))
        return value;
    return sides[0];
}

/* `t[i]` or `&t[i]` at a hashed index i, a field of it (`t[i].head`,
 * uthash's `buckets[bkt].hh_head`), or the record holding such a link
 * (`(T *)((char *)t[i].head - offset)`). */
static int bucket_is_bucket(struct lc_extract_walk *walk, CXCursor value, unsigned depth)
{
    CXCursor at = lc_extract_strip(bucket_container_of(value)), base;
    while (clang_getCursorKind(at) == CXCursor_MemberRefExpr && lc_extract_children(at, &base, 1) == 1
           && clang_getCursorKind(lc_extract_strip(base)) != CXCursor_DeclRefExpr)
        at = lc_extract_strip(base);
    CXCursor element = lc_extract_array_element(at, NULL), parts[2];
    return !clang_Cursor_isNull(element) && lc_extract_children(element, parts, 2) == 2
           && bucket_is_hashed_index(walk, parts[1], depth);
}

/* Does `value` move the walker on: read from it, on every side of a
 * `?:` (`he = found ? t[h2 % n] : he->next` starts a walk afresh)? */
static int bucket_moves_on(CXCursor value, CXCursor walker)
{
    CXCursor at = lc_extract_strip(value), sides[3];
    if (clang_getCursorKind(at) == CXCursor_ConditionalOperator && lc_extract_children(at, sides, 3) == 3)
        return bucket_moves_on(sides[1], walker) && bucket_moves_on(sides[2], walker);
    return lc_extract_reads_variable(at, walker);
}

/* Check one value `variable` gets: a bucket (a walker) or a hashed index. */
static void bucket_check_start(struct bucket_values *values, CXCursor value)
{
    if (!clang_Cursor_isNull(values->statement) && lc_extract_is_null_pointer_constant(value))
        return;   /* no walk: neither a start nor a failure */
    int accepted = clang_Cursor_isNull(values->statement) ? bucket_is_hashed_index(values->walk, value, values->depth + 1)
                                                          : bucket_is_bucket(values->walk, value, 0);
    if (accepted)
        values->starts++;
    else
        values->failed = 1;
}

static enum CXChildVisitResult bucket_values_visit(CXCursor cursor, CXCursor parent, CXClientData data);

static void bucket_visit_inside(struct bucket_values *values, CXCursor part)
{
    values->inside = 1;
    lc_extract_visit_all(part, bucket_values_visit, values);
    values->inside = 0;
}

static enum CXChildVisitResult bucket_values_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct bucket_values *values = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor sides[2];
    if (!clang_Cursor_isNull(values->statement) && !values->inside
        && lc_extract_same_expression(cursor, values->statement)) {
        lc_extract_visit_all(values->parts->init, bucket_values_visit, values);
        bucket_visit_inside(values, values->parts->condition);
        bucket_visit_inside(values, values->parts->increment);
        bucket_visit_inside(values, values->parts->body);
        return values->failed ? CXChildVisit_Break : CXChildVisit_Continue;
    }
    int touches = (kind == CXCursor_UnaryOperator && lc_extract_children(cursor, sides, 1) == 1
                   && lc_extract_is_variable(sides[0], values->variable))
                  || ((kind == CXCursor_CompoundAssignOperator || lc_extract_assignment_sides(cursor, sides))
                      && lc_extract_children(cursor, sides, 2) == 2 && lc_extract_is_variable(sides[0], values->variable));
    if (touches && values->inside) {
        if (values->seen_count < BUCKET_SEEN)
            values->seen[values->seen_count++] = cursor;
        else
            values->seen_overflow = 1;
    }
    if (kind == CXCursor_UnaryOperator && lc_extract_children(cursor, sides, 1) == 1
        && lc_extract_is_variable(sides[0], values->variable)) {
        enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(cursor);
        int steps = op >= CXUnaryOperator_PostInc && op <= CXUnaryOperator_PreDec;
        if (op == CXUnaryOperator_AddrOf || (steps && (!values->inside || clang_Cursor_isNull(values->statement))))
            values->failed = 1;
    } else if (kind == CXCursor_CompoundAssignOperator && lc_extract_children(cursor, sides, 2) == 2
               && lc_extract_is_variable(sides[0], values->variable)) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(cursor);
        if (!values->inside || clang_Cursor_isNull(values->statement)
            || (op != CXBinaryOperator_AddAssign && op != CXBinaryOperator_SubAssign))
            values->failed = 1;
    } else if (lc_extract_assignment_sides(cursor, sides) && lc_extract_is_variable(sides[0], values->variable)) {
        int moves_on = bucket_moves_on(sides[1], values->variable);
        if (values->inside)
            values->failed |= !moves_on && !lc_extract_is_null_pointer_constant(sides[1]);   /* a walk started afresh */
        else if (moves_on)
            values->failed = 1;
        else
            bucket_check_start(values, sides[1]);
    }
    return values->failed ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* The walker's changes outside its loop, from the function's index of
 * where its variables get values: those in the loop's condition,
 * increment and body were checked by the visit of those parts.  0 when the
 * index cannot answer (another function's variable, too many changes in
 * the loop to tell them apart). */
static int bucket_outside_from_index(struct bucket_values *values, CXCursor function)
{
    struct lc_extract_walk *walk = values->walk;
    if (!lc_extract_variable_events_cover(walk, function))
        return 0;
    if (!clang_Cursor_isNull(values->statement)) {
        bucket_visit_inside(values, values->parts->condition);
        bucket_visit_inside(values, values->parts->increment);
        bucket_visit_inside(values, values->parts->body);
        if (values->seen_overflow)
            return 0;
    }
    for (const struct lc_extract_variable_event *event = NULL;
         !values->failed && (event = lc_extract_variable_event_next(walk, values->variable, event));) {
        int inside = 0;
        for (unsigned j = 0; j < values->seen_count && !inside; j++)
            inside = lc_extract_same_expression(values->seen[j], event->cursor);
        if (inside)
            continue;
        switch ((enum lc_extract_event_kind)event->kind) {
        case LC_EXTRACT_EVENT_ASSIGNED:
            if (bucket_moves_on(event->value, values->variable))
                values->failed = 1;
            else
                bucket_check_start(values, event->value);
            break;
        case LC_EXTRACT_EVENT_STEPPED:
        case LC_EXTRACT_EVENT_UPDATED:
        case LC_EXTRACT_EVENT_ADDRESS:
            values->failed = 1;
            break;
        case LC_EXTRACT_EVENT_DECLARED:              /* its initializer: checked first */
        case LC_EXTRACT_EVENT_CALL_GIVEN_ADDRESS:    /* its `&v`: an ADDRESS too */
            break;
        }
    }
    return !walk->out_of_memory;
}

/* Does every value `variable` (a local) gets pass, with at least one? */
static int bucket_every_value(struct bucket_values *values)
{
    CXCursor variable = values->variable;
    CXCursor function = clang_getCursorSemanticParent(variable);
    if (clang_getCursorKind(variable) != CXCursor_VarDecl || clang_Cursor_hasVarDeclGlobalStorage(variable) == 1
        || clang_getCursorKind(function) != CXCursor_FunctionDecl)
        return 0;
    CXCursor initializer = clang_Cursor_getVarDeclInitializer(variable);
    const struct bucket_values fresh = *values;
    if (!clang_Cursor_isNull(initializer))
        bucket_check_start(values, initializer);
    if (!values->failed && !bucket_outside_from_index(values, function)) {
        *values = fresh;   /* the index could not answer: the function is searched */
        if (!clang_Cursor_isNull(initializer))
            bucket_check_start(values, initializer);
        if (!values->failed)
            lc_extract_visit_all(function, bucket_values_visit, values);
    }
    return !values->failed && values->starts > 0;
}

/* `x % n`, `x & m` (neither side a constant), or a local every value of
 * which is one, `depth` locals deep at most. */
static int bucket_is_hashed_index(struct lc_extract_walk *walk, CXCursor index, unsigned depth)
{
    CXCursor at = lc_extract_strip(index), sides[2];
    if (clang_getCursorKind(at) == CXCursor_BinaryOperator && lc_extract_children(at, sides, 2) == 2) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(at);
        if (op == CXBinaryOperator_Rem)
            return !bucket_is_constant(sides[1]);
        if (op == CXBinaryOperator_And)
            return !bucket_is_constant(sides[0]) && !bucket_is_constant(sides[1]);
        return 0;
    }
    CXCursor variable = lc_extract_loop_variable(at);
    if (clang_Cursor_isNull(variable) || depth > BUCKET_INDEX_DEPTH)
        return 0;
    struct bucket_values values = { walk, variable, NULL, clang_getNullCursor(), depth, 0, 0, 0, { { 0 } }, 0, 0 };
    return bucket_every_value(&values);
}

static int bucket_probes(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts, CXCursor statement,
                         CXCursor test)
{
    CXCursor at = lc_extract_strip(test), sides[2];
    if (clang_getCursorKind(at) == CXCursor_BinaryOperator && clang_getCursorBinaryOperatorKind(at) == CXBinaryOperator_LAnd
        && lc_extract_children(at, sides, 2) == 2)
        return bucket_probes(walk, parts, statement, sides[0]) || bucket_probes(walk, parts, statement, sides[1]);
    CXCursor walker = lc_extract_only_variable(at);
    if (clang_Cursor_isNull(walker))
        return 0;
    struct bucket_values values = { walk, walker, parts, statement, 0, 0, 0, 0, { { 0 } }, 0, 0 };
    return bucket_every_value(&values);
}

int lc_extract_loop_is_bucket_probe(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts,
                                    CXCursor statement)
{
    return !clang_Cursor_isNull(parts->condition) && bucket_probes(walk, parts, statement, parts->condition);
}
