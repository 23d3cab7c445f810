/* extract_call_depth.c — a direct self-call made only once a depth counter
 * passed a test against a constant limit (call fact depth_limit): the
 * recursion goes at most that many levels deep, whatever the data.
 *
 *   if (ctx->recursion++ < MAX_RECURSION) return resolve(r, ctx, &cname);
 *   if (++nesting > 16) return -1; ...; rc = expand(t, text);
 *   if (depth >= MAX_DEPTH) return; ...; render(child, depth + 1);
 *   if (nesting > 100) return ERR; nesting++; rc = eval(cmd); nesting--;
 *
 * The counter is a global or static variable (or a field of one), a field
 * of a pointer parameter that the self-call passes on in the same place
 * and that nothing on the way to the call changes, or a parameter the
 * function never changes and the self-call is given plus a positive
 * constant.  A variable or field is incremented in the test itself, or by
 * a statement of a block holding the call after the test (`nesting++;`).
 * The test is on the way to the call: the condition of an `if` whose then
 * branch holds it (`<`, `<=`; a side of `&&`; the else branch with `>`,
 * `>=`, a side of `||`), or of an `if` before it whose branch always
 * leaves (`if (depth >= MAX) return;`).  Nothing on the way sets the
 * counter back (`= 0`, `--`).  Statements that always leave are not on
 * the way.  The call is in no loop, `switch` or label (a recursion
 * a loop drives is a walk, cost.c).  The limit is stored, at least 1;
 * 0: none. */
#include "extract_internal.h"


/* A counter a test compares with a constant. */
struct depth_counter {
    CXCursor place;        /* the variable, field or parameter */
    CXCursor root;         /* the declaration the place starts from */
    long long limit;
    int incremented;       /* by the test itself (`x++ < K`, `++x > K`) */
};

struct depth_scan {
    struct lc_extract_walk *walk;
    CXCursor call;
    long long limit;               /* found: the counter's limit, else 0 */
    struct depth_counter found;    /* the counter of that limit */
    struct depth_counter pending;  /* tested but not yet incremented */
    int has_pending;
    struct depth_watched {
        CXCursor root;             /* second pass: the parameter whose
                                      field is the counter, or null */
        CXCursor place;            /* the counter, or null */
    } watch;
    int watch_changed;             /* the parameter is changed, or the
                                      counter set back, on the way */
};

/* The declaration a place starts from (`x`, `p->a.b`: p), or null. */
static CXCursor depth_root(CXCursor place)
{
    place = lc_extract_strip(place);
    while (clang_getCursorKind(place) == CXCursor_MemberRefExpr) {
        CXCursor base;
        if (lc_extract_children(place, &base, 1) != 1)
            return clang_getNullCursor();
        place = lc_extract_strip(base);
    }
    return lc_extract_loop_variable(place);
}

/* `side` as a counter: a place, maybe incremented. */
static int depth_counter_of(CXCursor side, struct depth_counter *counter)
{
    CXCursor operand;
    counter->incremented = lc_extract_increases(side, &operand);
    counter->place = lc_extract_strip(counter->incremented ? operand : side);
    counter->root = depth_root(counter->place);
    enum CXCursorKind kind = clang_getCursorKind(counter->place);
    return !clang_Cursor_isNull(counter->root) && (kind == CXCursor_DeclRefExpr || kind == CXCursor_MemberRefExpr);
}

/* Does `condition` holding (`holds`) or failing bound a counter?  `<`,
 * `<=` when it holds, `>`, `>=` when it fails, through `!`, `&&` (holds)
 * and `||` (fails). */
static int depth_test(CXCursor condition, int holds, struct depth_counter *counter)
{
    condition = lc_extract_strip(condition);
    CXCursor sides[2];
    enum CXCursorKind kind = clang_getCursorKind(condition);
    if (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(condition) == CXUnaryOperator_LNot)
        return lc_extract_children(condition, sides, 1) == 1 && depth_test(sides[0], !holds, counter);
    if (kind != CXCursor_BinaryOperator || lc_extract_children(condition, sides, 2) != 2)
        return 0;
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(condition);
    if ((op == CXBinaryOperator_LAnd && holds) || (op == CXBinaryOperator_LOr && !holds))
        return depth_test(sides[0], holds, counter) || depth_test(sides[1], holds, counter);
    long long limit;
    if (!lc_extract_against_constant(sides, &op, &limit))
        return 0;
    int bounds = holds ? op == CXBinaryOperator_LT || op == CXBinaryOperator_LE
                       : op == CXBinaryOperator_GT || op == CXBinaryOperator_GE;
    counter->limit = limit < 1 ? 1 : limit;
    return bounds && depth_counter_of(sides[0], counter);
}

/* The self-call's argument for the parameter `root`, or null. */
static CXCursor depth_argument(const struct depth_scan *scan, CXCursor root)
{
    int position = lc_extract_parameter_position(root);
    if (position <= 0 || position > clang_Cursor_getNumArguments(scan->call))
        return clang_getNullCursor();
    return lc_extract_strip(clang_Cursor_getArgument(scan->call, (unsigned)position - 1));
}

/* `root + K` or `K + root`, K > 0. */
static int depth_passes_more(CXCursor argument, CXCursor root)
{
    CXCursor sides[2];
    long long step;
    if (clang_getCursorKind(argument) != CXCursor_BinaryOperator
        || clang_getCursorBinaryOperatorKind(argument) != CXBinaryOperator_Add
        || lc_extract_children(argument, sides, 2) != 2)
        return 0;
    for (int i = 0; i < 2; i++)
        if (lc_extract_names(sides[i], root) && lc_extract_integer_constant(sides[1 - i], &step) && step > 0)
            return 1;
    return 0;
}

static void depth_found(struct depth_scan *scan, const struct depth_counter *counter)
{
    scan->limit = counter->limit;
    scan->found = *counter;
}

/* `counter = v`, `counter--`, `counter -= k`: set back. */
static int depth_sets_back(CXCursor cursor, CXCursor place)
{
    CXCursor sides[2], operand, target = lc_extract_updated_operand(cursor);
    if (lc_extract_assignment_sides(cursor, sides))
        target = sides[0];
    else if (!clang_Cursor_isNull(target) && lc_extract_increases(cursor, &operand))
        return 0;
    return !clang_Cursor_isNull(target) && lc_extract_same_place(target, place);
}

static int depth_changes_watch(CXCursor cursor, void *data)
{
    const struct depth_watched *watch = data;
    if (!clang_Cursor_isNull(watch->place) && depth_sets_back(cursor, watch->place))
        return 1;
    CXCursor target = lc_extract_changed_operand(cursor);
    if (clang_Cursor_isNull(target))
        target = lc_extract_updated_operand(cursor);
    return !clang_Cursor_isNull(watch->root) && !clang_Cursor_isNull(target) && lc_extract_names(target, watch->root);
}

/* Note whether the watched parameter is changed, or the counter set
 * back, under `cursor`. */
static void depth_watch(struct depth_scan *scan, CXCursor cursor)
{
    if (!clang_Cursor_isNull(scan->watch.place) && !scan->watch_changed)
        scan->watch_changed = lc_extract_any(cursor, depth_changes_watch, &scan->watch);
}

/* A counter tested on the way: the limit when it holds, or pending until
 * the statement incrementing it. */
static void depth_note(struct depth_scan *scan, const struct depth_counter *counter)
{
    if (clang_getCursorKind(counter->root) == CXCursor_ParmDecl) {
        CXCursor argument = depth_argument(scan, counter->root);
        if (clang_getCursorKind(counter->place) == CXCursor_DeclRefExpr) {
            /* the parameter itself: the call is given it plus a constant */
            int position = lc_extract_parameter_position(counter->root);
            if (!counter->incremented && lc_extract_param_unchanged(scan->walk, position)
                && depth_passes_more(argument, counter->root))
                depth_found(scan, counter);
            return;
        }
        /* its field: the call is given the parameter as it got it */
        if (!lc_extract_names(argument, counter->root))
            return;
    } else if (lc_extract_is_local(counter->root)) {
        return;   /* each call has its own */
    }
    if (counter->incremented) {
        depth_found(scan, counter);
    } else {
        scan->pending = *counter;
        scan->has_pending = 1;
    }
}

/* A statement run before the call, not holding it: the tests of `if`s
 * that leave, the increment of a pending counter, what it changes. */
static void depth_before(struct depth_scan *scan, CXCursor statement)
{
    CXCursor parts[3], operand;
    if (clang_getCursorKind(statement) == CXCursor_IfStmt) {
        unsigned count = lc_extract_children(statement, parts, 3);
        struct depth_counter counter;
        if (count == 2 && lc_extract_always_exits(parts[1]) && depth_test(parts[0], 0, &counter))
            depth_note(scan, &counter);
        depth_watch(scan, parts[0]);
        for (unsigned i = 1; i < count && i < 3; i++)
            if (!lc_extract_always_exits(parts[i]))
                depth_watch(scan, parts[i]);
        return;
    }
    if (scan->has_pending && lc_extract_increases(statement, &operand)
        && lc_extract_same_place(operand, scan->pending.place)) {
        depth_found(scan, &scan->pending);
        return;
    }
    depth_watch(scan, statement);
}

/* On the way down: the tests of the `if`s holding the call, what the
 * conditions and the statements before it change (lc_extract_call_path). */
static int depth_condition(void *context, CXCursor condition, int branch)
{
    struct depth_scan *scan = context;
    struct depth_counter counter;
    depth_watch(scan, condition);
    if (depth_test(condition, branch == 1, &counter))
        depth_note(scan, &counter);
    return 0;
}

static int depth_statement_before(void *context, CXCursor statement)
{
    depth_before(context, statement);
    return 0;
}

/* The way down to the call: 1 when the call is in no loop, `switch` or
 * label (a recursion a loop drives is a walk, cost.c). */
static int depth_descend(struct depth_scan *scan, CXCursor body)
{
    struct lc_extract_call_path_visitor visitor = { depth_condition, depth_statement_before, scan };
    enum lc_call_path path = lc_extract_call_path(body, scan->call, &visitor);
    return path != LC_CALL_PATH_NESTED && path != LC_CALL_PATH_FAILED;
}

long long lc_extract_depth_limit(struct lc_extract_walk *walk, CXCursor call)
{
    if (!lc_extract_is_self_call(walk, call))
        return 0;
    CXCursor body = lc_extract_function_body(walk->function);
    if (clang_Cursor_isNull(body))
        return 0;
    CXCursor none = clang_getNullCursor();
    struct depth_scan scan = { .walk = walk, .call = call, .watch = { none, none } };
    if (!depth_descend(&scan, body) || !scan.limit)
        return 0;
    /* the counter never set back on the way; a field of a parameter: the
     * parameter the same on the whole way */
    int field = clang_getCursorKind(scan.found.root) == CXCursor_ParmDecl
                && clang_getCursorKind(scan.found.place) == CXCursor_MemberRefExpr;
    struct depth_scan again = { .walk = walk, .call = call, .watch = { field ? scan.found.root : none, scan.found.place } };
    return depth_descend(&again, body) && !again.watch_changed ? scan.limit : 0;
}
