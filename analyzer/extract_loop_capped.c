/* extract_loop_capped.c — a loop over a collection the program keeps
 * under a cap: the list whose head a static variable holds, or the count
 * a static variable keeps, grows only where a test of a count against a
 * constant allows it and that count goes up (lighttpd's pool of
 * oversized chunks):
 *
 *   if (pool_n < 64) { ++pool_n; chunk **co = &pool; ... *co = c; }
 *   if (handler_count < MAX_HANDLERS) handlers[handler_count++] = h;
 *   if (cache_n >= CACHE_MAX) return; ...; e->next = cache; cache = e; cache_n++;
 *
 * The loop walks the collection as lc_extract_loop_walked_list finds it
 * (a side of its condition's `&&`: `while (*co && size < (*co)->size)`
 * from `co = &pool`).  The variable has internal linkage or is a static
 * local, so its translation unit holds every use of it; its uses there
 * are read for what can make the collection grow:
 *   - a list head: taking its address (`&pool`, an insertion through the
 *     pointer), assigning it anything but NULL or a link read from an
 *     element (`pool = c->next`, or a local that starts as one: a
 *     removal), writing a field of its
 *     first element of the head's own type (`pool->next = c`), or a
 *     compound assignment or `++` of it: each must be capped;
 *   - a count: an increase (`n++`, `++n`, `n += K`) must be capped by a
 *     test of the count itself; a decrease, `n = 0` are removals; taking
 *     its address or assigning another value is not allowed.
 * A use is capped where a test `N < K` (`N <= K`, `K > N`, a side of
 * `&&`) holds — the then branch of the `if`, or the rest of a block after
 * `if (N >= K) return;` (a side of `||`) — and that branch or rest
 * increases N, a static integer count; K an integer constant.  Every
 * capped use of a list must be capped by the same count, and the count's
 * own uses are checked as a count's, but its increases may be anywhere
 * (a count higher than the list is long caps it sooner) and `N = 0` only
 * in a function that also empties the list (assigns it NULL, or drains
 * it: `while (list)`).  The collection then never
 * holds more than K entries (K + 1 for `<=`), whatever the input: the
 * loop is a constant one of that many rounds.  Trusted, not checked: that
 * a removal from the list takes one off the count (`--N` where an entry
 * is popped), and that nothing inserts through a copy of the head's value
 * (`c = pool; c->next = x`), as a registry's walk trusts its writes. */
#include "extract_internal.h"

#include <stdlib.h>

/* A test `N < K` holding: the count, how many entries it allows, and
 * the branch (or rest of a block) it holds in. */
struct capped_cap {
    CXCursor count;     /* canonical; null: none */
    long long limit;
    unsigned region;
};

struct capped_scan {
    CXCursor variable;   /* canonical: the list head or the count */
    int is_list;         /* a pointer: a list's head */
    int counter_pass;    /* checking a list's count (variable is the count) */
    CXCursor list;       /* in the counter pass: the list it counts */
    struct capped_cap cap;   /* the cap found (a list's), limit 0: none */
    int empties_list;    /* the function walked assigns the list NULL */
    int zeroes_count;    /* the function walked assigns the count 0 */
    unsigned regions;    /* capped branches met */
    unsigned grown_in;   /* the last one a use grew the collection in */
    int bad;
};

static int capped_is_static(CXCursor declaration)
{
    if (clang_getCursorKind(declaration) != CXCursor_VarDecl || !clang_Cursor_hasVarDeclGlobalStorage(declaration))
        return 0;
    enum CXLinkageKind linkage = clang_getCursorLinkage(declaration);
    return linkage == CXLinkage_Internal || linkage == CXLinkage_NoLinkage;
}

/* `expr` increases the static integer `count` (`count++`, `++count`,
 * `count += K`, K > 0)? */
static int capped_increases(CXCursor expr, CXCursor count)
{
    CXCursor operand;
    return lc_extract_increases(expr, &operand) && lc_extract_names(operand, count);
}

static int capped_increases_match(CXCursor cursor, void *count)
{
    return capped_increases(cursor, *(const CXCursor *)count);
}

/* Does `statement` increase `count` somewhere? */
static int capped_branch_increases(CXCursor statement, CXCursor count)
{
    return lc_extract_any(statement, capped_increases_match, &count);
}

/* The cap `condition` holding (`holds`) or failing sets: `N < K`, `N <=
 * K`, `K > N`, `K >= N` holding, `N >= K`, `N > K` failing, through `&&`
 * (holds), `||` (fails) and `!`. */
static struct capped_cap capped_test(CXCursor condition, int holds)
{
    struct capped_cap none = { clang_getNullCursor(), 0, 0 };
    CXCursor sides[2];
    condition = lc_extract_strip(condition);
    enum CXCursorKind kind = clang_getCursorKind(condition);
    if (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(condition) == CXUnaryOperator_LNot)
        return lc_extract_children(condition, sides, 1) == 1 ? capped_test(sides[0], !holds) : none;
    if (kind != CXCursor_BinaryOperator || lc_extract_children(condition, sides, 2) != 2)
        return none;
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(condition);
    if ((op == CXBinaryOperator_LAnd && holds) || (op == CXBinaryOperator_LOr && !holds)) {
        struct capped_cap cap = capped_test(sides[0], holds);
        return clang_Cursor_isNull(cap.count) ? capped_test(sides[1], holds) : cap;
    }
    long long limit;
    if (!lc_extract_against_constant(sides, &op, &limit))
        return none;
    CXCursor count = lc_extract_loop_variable(sides[0]);
    if (clang_Cursor_isNull(count) || !capped_is_static(count)
        || !lc_extract_is_integer(clang_getCursorType(count)) || limit < 0)
        return none;
    if (holds ? op == CXBinaryOperator_LT : op == CXBinaryOperator_GE)
        return (struct capped_cap){ count, limit, 0 };
    if (holds ? op == CXBinaryOperator_LE : op == CXBinaryOperator_GT)
        return (struct capped_cap){ count, limit + 1, 0 };
    return none;
}

/* A use that can make the collection grow, under `cap`: one per capped
 * branch (two insertions for one increase would double the length). */
static void capped_growth(struct capped_scan *scan, struct capped_cap cap)
{
    if (scan->counter_pass)
        return;   /* a count higher than the list: it caps sooner */
    if (clang_Cursor_isNull(cap.count) || scan->grown_in == cap.region) {
        scan->bad = 1;
        return;
    }
    scan->grown_in = cap.region;
    if (scan->is_list) {
        if (!clang_Cursor_isNull(scan->cap.count) && !clang_equalCursors(scan->cap.count, cap.count))
            scan->bad = 1;   /* two counts: neither alone holds the length */
        scan->cap.count = cap.count;
        scan->cap.limit = cap.limit > scan->cap.limit ? cap.limit : scan->cap.limit;
    } else if (!clang_equalCursors(cap.count, scan->variable)) {
        scan->bad = 1;
    } else if (cap.limit > scan->cap.limit) {
        scan->cap.limit = cap.limit;
    }
}

/* The cap `test` sets over `branch` when `branch` increases its count. */
static struct capped_cap capped_region(struct capped_scan *scan, struct capped_cap test, CXCursor *branch,
                                       unsigned count, struct capped_cap otherwise)
{
    for (unsigned i = 0; i < count && !clang_Cursor_isNull(test.count); i++)
        if (capped_branch_increases(branch[i], test.count)) {
            test.region = ++scan->regions;
            return test;
        }
    return otherwise;
}

/* A link read from an entry (`c->next`), or a local that starts as one
 * (`struct buf *next = pool->next; ... pool = next;`): the head moved on,
 * an entry taken off. */
static int capped_is_link(CXCursor value)
{
    if (clang_getCursorKind(value) == CXCursor_MemberRefExpr)
        return 1;
    CXCursor local = lc_extract_loop_variable(value);
    if (clang_Cursor_isNull(local) || !lc_extract_is_local(local))
        return 0;
    CXCursor start = clang_Cursor_getVarDeclInitializer(local);
    return !clang_Cursor_isNull(start) && clang_getCursorKind(lc_extract_strip(start)) == CXCursor_MemberRefExpr;
}

/* `while (list)` or `while (list != NULL)`: it runs until the list is
 * empty. */
static int capped_drains(CXCursor loop, CXCursor list)
{
    CXCursor condition, sides[2];
    if (lc_extract_children(loop, &condition, 1) < 1)
        return 0;
    condition = lc_extract_strip(condition);
    if (lc_extract_names(condition, list))
        return 1;
    return clang_getCursorKind(condition) == CXCursor_BinaryOperator
           && clang_getCursorBinaryOperatorKind(condition) == CXBinaryOperator_NE
           && lc_extract_children(condition, sides, 2) == 2 && lc_extract_names(sides[0], list)
           && lc_extract_is_null_pointer_constant(sides[1]);
}

/* An assignment `lhs = value` as a use of the variable. */
static void capped_assignment(struct capped_scan *scan, CXCursor lhs, CXCursor value, struct capped_cap cap)
{
    lhs = lc_extract_strip(lhs);
    value = lc_extract_strip(value);
    long long number;
    if (lc_extract_names(lhs, scan->variable)) {
        int empty = lc_extract_is_null_pointer_constant(value)
                    || (lc_extract_integer_constant(value, &number) && number == 0);
        if (scan->is_list) {
            scan->empties_list |= empty;
            if (!empty && !capped_is_link(value))
                capped_growth(scan, cap);   /* a new head */
        } else if (empty) {
            scan->zeroes_count = 1;
        } else {
            scan->bad = 1;   /* a count set to another value */
        }
        return;
    }
    CXCursor base;
    if (scan->is_list && clang_getCursorKind(lhs) == CXCursor_MemberRefExpr && lc_extract_children(lhs, &base, 1) == 1
        && lc_extract_names(base, scan->variable)
        && clang_equalTypes(clang_getCanonicalType(clang_getCursorType(lhs)),
                            clang_getCanonicalType(clang_getCursorType(scan->variable))))
        capped_growth(scan, cap);   /* linked after the first entry */
}

/* An operator as a use of the variable. */
static void capped_operator(struct capped_scan *scan, CXCursor cursor, struct capped_cap cap)
{
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor sides[2];
    if (kind == CXCursor_BinaryOperator && clang_getCursorBinaryOperatorKind(cursor) == CXBinaryOperator_Assign
        && lc_extract_children(cursor, sides, 2) == 2) {
        capped_assignment(scan, sides[0], sides[1], cap);
        return;
    }
    if (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(cursor) == CXUnaryOperator_AddrOf) {
        if (lc_extract_children(cursor, sides, 1) == 1 && lc_extract_names(sides[0], scan->variable)) {
            if (scan->is_list)
                capped_growth(scan, cap);   /* an insertion through the pointer */
            else
                scan->bad = 1;
        }
        return;
    }
    CXCursor operand = lc_extract_updated_operand(cursor);
    if (clang_Cursor_isNull(operand) || !lc_extract_names(operand, scan->variable))
        return;
    if (scan->is_list)
        scan->bad = 1;
    else if (capped_increases(cursor, scan->variable))
        capped_growth(scan, cap);
    else if (kind == CXCursor_CompoundAssignOperator
             && clang_getCursorBinaryOperatorKind(cursor) != CXBinaryOperator_SubAssign)
        scan->bad = 1;
}

struct capped_visit {
    struct capped_scan *scan;
    struct capped_cap cap;
};

static void capped_statement(struct capped_scan *scan, CXCursor statement, struct capped_cap cap);

static enum CXChildVisitResult capped_visit_child(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct capped_visit *visit = data;
    capped_statement(visit->scan, cursor, visit->cap);
    return visit->scan->bad ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* The items of a block from `first`: after `if (N >= K) return;`, the rest
 * is capped when it increases N. */
static void capped_block(struct capped_scan *scan, CXCursor *items, unsigned count, struct capped_cap cap)
{
    for (unsigned i = 0; i < count && !scan->bad; i++) {
        capped_statement(scan, items[i], cap);
        CXCursor parts[3];
        if (clang_getCursorKind(items[i]) != CXCursor_IfStmt || lc_extract_children(items[i], parts, 3) != 2
            || !lc_extract_always_exits(parts[1]))
            continue;
        cap = capped_region(scan, capped_test(parts[0], 0), items + i + 1, count - i - 1, cap);
    }
}

static void capped_statement(struct capped_scan *scan, CXCursor statement, struct capped_cap cap)
{
    enum CXCursorKind kind = clang_getCursorKind(statement);
    if (kind == CXCursor_IfStmt) {
        CXCursor parts[3];
        unsigned count = lc_extract_children(statement, parts, 3);
        if (count < 2 || count > 3) {
            scan->bad = 1;
            return;
        }
        capped_statement(scan, parts[0], cap);
        for (unsigned i = 1; i < count && !scan->bad; i++)
            capped_statement(scan, parts[i], capped_region(scan, capped_test(parts[0], i == 1), parts + i, 1, cap));
        return;
    }
    if (kind == CXCursor_ForStmt || kind == CXCursor_WhileStmt || kind == CXCursor_DoStmt) {
        cap = (struct capped_cap){ clang_getNullCursor(), 0, 0 };   /* many rounds for one increase */
        scan->empties_list |= scan->is_list && kind == CXCursor_WhileStmt && capped_drains(statement, scan->variable);
    }
    if (kind == CXCursor_CompoundStmt) {
        unsigned count = lc_extract_children(statement, NULL, 0);
        CXCursor *items = count > 0 ? malloc(count * sizeof *items) : NULL;
        if (count > 0 && !items) {
            scan->bad = 1;
            return;
        }
        lc_extract_children(statement, items, count);
        capped_block(scan, items, count, cap);
        free(items);
        return;
    }
    capped_operator(scan, statement, cap);
    struct capped_visit visit = { scan, cap };
    clang_visitChildren(statement, capped_visit_child, &visit);
}

static void capped_function(struct capped_scan *scan, CXCursor function)
{
    CXCursor body = lc_extract_function_body(function);
    if (!clang_Cursor_isNull(body))
        capped_statement(scan, body, (struct capped_cap){ clang_getNullCursor(), 0, 0 });
}

/* Every function the TU defines outside system headers (a static inline
 * function of a header may use the variable too); in the count's pass,
 * whether each empties the list too. */
static enum CXChildVisitResult capped_function_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct capped_scan *scan = data;
    if (clang_getCursorKind(cursor) != CXCursor_FunctionDecl || !clang_isCursorDefinition(cursor)
        || clang_Location_isInSystemHeader(clang_getCursorLocation(cursor)))
        return CXChildVisit_Continue;
    scan->empties_list = scan->zeroes_count = 0;
    if (scan->counter_pass) {
        struct capped_scan list = { .variable = scan->list, .is_list = 1, .list = clang_getNullCursor(),
                                    .cap = { clang_getNullCursor(), 0, 0 } };
        capped_function(&list, cursor);
        scan->empties_list = list.empties_list;
    }
    capped_function(scan, cursor);
    if (scan->counter_pass && scan->zeroes_count && !scan->empties_list)
        scan->bad = 1;   /* the count reset where the list is kept */
    return scan->bad ? CXChildVisit_Break : CXChildVisit_Continue;
}

static long long capped_limit(struct lc_extract_walk *walk, CXCursor variable)
{
    CXCursor unit = clang_getTranslationUnitCursor(walk->tu);
    enum CXTypeKind type = clang_getCanonicalType(clang_getCursorType(variable)).kind;
    struct capped_scan scan = { .variable = variable, .is_list = type == CXType_Pointer, .list = clang_getNullCursor(),
                                .cap = { clang_getNullCursor(), 0, 0 } };
    if (!scan.is_list && !lc_extract_is_integer(clang_getCursorType(variable)))
        return 0;
    clang_visitChildren(unit, capped_function_visit, &scan);
    if (scan.bad || scan.cap.limit <= 0 || !scan.is_list)
        return scan.bad ? 0 : scan.cap.limit;
    struct capped_scan count = { .variable = scan.cap.count, .counter_pass = 1, .list = variable,
                                 .cap = { clang_getNullCursor(), 0, 0 } };
    clang_visitChildren(unit, capped_function_visit, &count);
    return count.bad ? 0 : scan.cap.limit;
}

long long lc_extract_loop_capped(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts)
{
    CXCursor variable = lc_extract_loop_walked_list(walk, parts);
    if (clang_Cursor_isNull(variable) || !capped_is_static(variable))
        return 0;
    for (size_t i = 0; i < walk->capped_count; i++)
        if (clang_equalCursors(walk->capped[i].variable, variable))
            return walk->capped[i].limit;
    long long limit = capped_limit(walk, variable);
    if (walk->capped_count < LC_EXTRACT_CAPPED_CACHE)
        walk->capped[walk->capped_count++] = (struct lc_extract_capped){ variable, limit };
    return limit;
}
