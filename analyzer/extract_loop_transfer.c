/* extract_loop_transfer.c — is a loop paced by a call's transfers?  A
 * loop that writes (or reads) what is left, moving its counter on by what
 * the call moved,
 *
 *     while (at < len) {
 *         r = send(fd, text + at, len - at, 0);
 *         if (r == -1) ...;
 *         at += r;
 *     }
 *
 * makes one round per partial transfer: every round moves data the others
 * do not, and the kernel copies the bytes.  Here only the call is found:
 * the function whose result is the only change of the variables its
 * condition reads (`at += r`, `left -= r`, `p += r` with `r = f(...)` in
 * the loop, or `at += f(...)`); whether that function moves data through
 * a descriptor is for the models to say when the program is loaded (a
 * `blocking` model: program_load_bodies.c). */
#include "extract_internal.h"

/* The calls giving locals of the loop their values, and what was seen. */
struct transfer_scan {
    struct lc_extract_variables counters;   /* what the condition reads */
    CXCursor value_of[LC_EXTRACT_VARIABLES]; /* `r = f(...)`: f's call, by local */
    CXCursor locals[LC_EXTRACT_VARIABLES];
    unsigned local_count;
    CXCursor callee;      /* the one function whose result moves them on */
    int changes, other;   /* changes of the counters; a change of another kind */
};

/* First pass: `r = f(...)`, `ssize_t r = f(...)` for locals r. */
static enum CXChildVisitResult transfer_results_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct transfer_scan *scan = data;
    CXCursor sides[2], local = clang_getNullCursor(), callee = clang_getNullCursor();
    if (clang_getCursorKind(cursor) == CXCursor_VarDecl) {
        local = clang_getCanonicalCursor(cursor);
        callee = lc_extract_called_function(clang_Cursor_getVarDeclInitializer(cursor));
    } else if (lc_extract_assignment_sides(cursor, sides)) {
        local = lc_extract_loop_variable(sides[0]);
        callee = lc_extract_called_function(sides[1]);
    }
    if (!clang_Cursor_isNull(local) && !clang_Cursor_isNull(callee) && scan->local_count < LC_EXTRACT_VARIABLES) {
        scan->locals[scan->local_count] = local;
        scan->value_of[scan->local_count++] = callee;
    }
    return CXChildVisit_Recurse;
}

/* The function whose result `value` is: `f(...)`, or a local the loop
 * sets only from calls of it (not also from another function's). */
static CXCursor transfer_source(const struct transfer_scan *scan, CXCursor value)
{
    CXCursor callee = lc_extract_called_function(value), local = lc_extract_loop_variable(value);
    if (!clang_Cursor_isNull(callee) || clang_Cursor_isNull(local))
        return callee;
    for (unsigned i = 0; i < scan->local_count; i++) {
        if (!clang_equalCursors(scan->locals[i], local))
            continue;
        if (!clang_Cursor_isNull(callee) && !clang_equalCursors(callee, scan->value_of[i]))
            return clang_getNullCursor();
        callee = scan->value_of[i];
    }
    return callee;
}

/* Second pass: every change of a counter is `+= r` or `-= r`. */
static enum CXChildVisitResult transfer_changes_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct transfer_scan *scan = data;
    CXCursor target = lc_extract_changed_operand(cursor), sides[2];
    if (clang_Cursor_isNull(target) || !lc_extract_variables_has(&scan->counters, target))
        return CXChildVisit_Recurse;
    scan->changes++;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    enum CXBinaryOperatorKind op = kind == CXCursor_CompoundAssignOperator ? clang_getCursorBinaryOperatorKind(cursor)
                                                                           : CXBinaryOperator_Invalid;
    CXCursor source = (op == CXBinaryOperator_AddAssign || op == CXBinaryOperator_SubAssign)
                              && lc_extract_children(cursor, sides, 2) == 2
                          ? transfer_source(scan, sides[1])
                          : clang_getNullCursor();
    if (clang_Cursor_isNull(source) || (!clang_Cursor_isNull(scan->callee) && !clang_equalCursors(source, scan->callee)))
        scan->other = 1;
    else
        scan->callee = source;
    return scan->other ? CXChildVisit_Break : CXChildVisit_Recurse;
}

const char *lc_extract_loop_transfer_name(struct lc_extract_walk *walk, const struct lc_extract_loop_parts *parts)
{
    struct transfer_scan scan = { .counters = { .count = 0, .found = 0 }, .local_count = 0,
                                  .callee = clang_getNullCursor(), .changes = 0, .other = 0 };
    if (clang_Cursor_isNull(parts->condition))
        return NULL;
    lc_extract_variables_collect(parts->condition, &scan.counters);
    lc_extract_visit_loop_parts(parts, transfer_results_visit, &scan);
    lc_extract_visit_loop_parts(parts, transfer_changes_visit, &scan);
    return scan.changes > 0 && !scan.other && !clang_Cursor_isNull(scan.callee)
               ? lc_extract_string(walk, clang_getCursorSpelling(scan.callee))
               : NULL;
}
