/* extract_loop_compare.c — does a loop compare two texts?  A hand-written
 * `strncasecmp` or `memcmp` reads, each round, a character of each of two
 * strings, compares them, and leaves at the first difference:
 *
 *     while (n) { c1 = *s1++; c2 = *s2++; ...; if (c1 != c2) return c1 - c2; n--; }
 *     for (i = 0; i < len; i++) { ca = a[i]; cb = b[i]; if (ca != cb) return 0; }
 *
 * Its rounds are a walk over text, as a loop testing a string's characters
 * is (LC_SOURCE_STRING, extract_loop_shape.c): a call of its function costs
 * what the C library's `strncasecmp` costs where it is called.  It holds
 * when the loop has no loop inside it, its body can leave it (a `return`,
 * a `goto`, or a `break` outside any `switch`), and a comparison in its
 * condition or body (`==`, `!=`, `<`, `<=`, `>`, `>=`) has on one side a
 * character read through one pointer or array and on the other one read
 * through another (`*s1`, `a[i]`, `udata[i + j]`; directly, through a
 * call such as `tolower(*s1)`, or through a local the loop sets from such
 * a read, `c1 = *s1++`, and from itself, `c1 = c1 | 0x20`), and the loop
 * sets none of the pointers and indexes those reads go through afresh (a
 * search's `pos = 0` goes back over the text: not a compare). */
#include "extract_internal.h"

#define COMPARE_LOCALS 8   /* character locals of one loop followed */

/* A local the loop sets from characters read through `base`. */
struct compare_local {
    CXCursor variable;   /* canonical */
    CXCursor base;       /* canonical: the pointer or array read */
};

struct compare_scan {
    struct compare_local locals[COMPARE_LOCALS];
    unsigned local_count;
    struct lc_extract_variables positions;   /* the pointers and indexes
                                                the reads go through */
    int compares, leaves, nested, in_switch;
};

/* The pointer or array a character read goes through (`*s1++`, `a[i]`,
 * `((unsigned char *)a)[i]`, `*(p + i)`), or null. */
static CXCursor compare_read_base(CXCursor expr)
{
    CXCursor parts[2];
    expr = lc_extract_strip(expr);
    enum CXCursorKind kind = clang_getCursorKind(expr);
    int deref = kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(expr) == CXUnaryOperator_Deref;
    if ((!deref && kind != CXCursor_ArraySubscriptExpr) || !lc_extract_is_char(clang_getCursorType(expr))
        || lc_extract_children(expr, parts, 2) < 1)
        return clang_getNullCursor();
    CXCursor at = lc_extract_strip(parts[0]);
    for (int step = 0; step < 4; step++) {   /* `s1++`, `p + i` to the pointer */
        enum CXCursorKind at_kind = clang_getCursorKind(at);
        CXCursor sides[2];
        if (at_kind == CXCursor_UnaryOperator && lc_extract_children(at, sides, 1) == 1)
            at = lc_extract_strip(sides[0]);
        else if (at_kind == CXCursor_BinaryOperator && lc_extract_children(at, sides, 2) == 2)
            at = lc_extract_strip(
                clang_getCanonicalType(clang_getCursorType(lc_extract_strip(sides[0]))).kind == CXType_Pointer
                    ? sides[0]
                    : sides[1]);
        else
            break;
    }
    return lc_extract_loop_variable(at);
}

/* The bases of the characters `expr` reads, directly or through the
 * loop's character locals: a first one in *first, and whether it reads
 * through another one too (returned: 2 bases, 1 one, 0 none). */
struct compare_bases {
    const struct compare_scan *scan;
    struct lc_extract_variables *positions;   /* where to add the variables
                                                 of the reads, or null */
    CXCursor first;
    int count;
};

static void compare_note_base(struct compare_bases *bases, CXCursor base)
{
    if (clang_Cursor_isNull(base))
        return;
    if (bases->count == 0) {
        bases->first = base;
        bases->count = 1;
    } else if (!clang_equalCursors(bases->first, base)) {
        bases->count = 2;
    }
}

static enum CXChildVisitResult compare_bases_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct compare_bases *bases = data;
    CXCursor base = compare_read_base(cursor);
    if (!clang_Cursor_isNull(base)) {
        compare_note_base(bases, base);
        if (bases->positions)
            lc_extract_variables_collect(cursor, bases->positions);
        return CXChildVisit_Continue;
    }
    CXCursor variable = clang_getCursorKind(cursor) == CXCursor_DeclRefExpr ? lc_extract_loop_variable(cursor)
                                                                             : clang_getNullCursor();
    for (unsigned i = 0; !clang_Cursor_isNull(variable) && i < bases->scan->local_count; i++)
        if (clang_equalCursors(bases->scan->locals[i].variable, variable))
            compare_note_base(bases, bases->scan->locals[i].base);
    return CXChildVisit_Recurse;
}

static struct compare_bases compare_bases_of(const struct compare_scan *scan, CXCursor expr,
                                             struct lc_extract_variables *positions)
{
    struct compare_bases bases = { scan, positions, clang_getNullCursor(), 0 };
    lc_extract_visit_all(expr, compare_bases_visit, &bases);
    return bases;
}

/* `local = <characters of one base>` in the loop: a character local. */
static void compare_note_local(struct compare_scan *scan, CXCursor variable, CXCursor value)
{
    if (clang_Cursor_isNull(variable) || clang_Cursor_isNull(value) || !lc_extract_is_local(variable))
        return;
    struct compare_bases bases = compare_bases_of(scan, value, &scan->positions);
    if (bases.count != 1)
        return;
    for (unsigned i = 0; i < scan->local_count; i++)
        if (clang_equalCursors(scan->locals[i].variable, variable))
            return;   /* `c1 = c1 | 0x20`: still the same base's */
    if (scan->local_count < COMPARE_LOCALS)
        scan->locals[scan->local_count++] = (struct compare_local){ variable, bases.first };
}

static enum CXChildVisitResult compare_locals_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    CXCursor value, variable = lc_extract_variable_set(cursor, &value);
    compare_note_local(data, variable, value);
    return CXChildVisit_Recurse;
}

static int compare_is_comparison(CXCursor cursor)
{
    if (clang_getCursorKind(cursor) != CXCursor_BinaryOperator)
        return 0;
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(cursor);
    return op == CXBinaryOperator_EQ || op == CXBinaryOperator_NE || op == CXBinaryOperator_LT
           || op == CXBinaryOperator_LE || op == CXBinaryOperator_GT || op == CXBinaryOperator_GE;
}

static enum CXChildVisitResult compare_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct compare_scan *scan = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor sides[2];
    switch (kind) {
    case CXCursor_ForStmt:
    case CXCursor_WhileStmt:
    case CXCursor_DoStmt:
        scan->nested = 1;
        return CXChildVisit_Break;
    case CXCursor_ReturnStmt:
    case CXCursor_GotoStmt:
        scan->leaves = 1;
        break;
    case CXCursor_BreakStmt:
        scan->leaves |= !scan->in_switch;
        break;
    case CXCursor_SwitchStmt:
        scan->in_switch++;
        clang_visitChildren(cursor, compare_visit, scan);
        scan->in_switch--;
        return scan->nested ? CXChildVisit_Break : CXChildVisit_Continue;
    default:
        break;
    }
    if (compare_is_comparison(cursor) && lc_extract_children(cursor, sides, 2) == 2) {
        struct compare_bases left = compare_bases_of(scan, sides[0], &scan->positions),
                             right = compare_bases_of(scan, sides[1], &scan->positions);
        if (left.count == 1 && right.count == 1 && !clang_equalCursors(left.first, right.first))
            scan->compares = 1;
    }
    return CXChildVisit_Recurse;
}

/* Does `cursor` set a position afresh (`pos = 0`, `p = start`: an
 * assignment not reading it), going back over a text (a search, not a
 * compare)? */
static int compare_resets(CXCursor cursor, void *positions)
{
    CXCursor value, variable = lc_extract_variable_set(cursor, &value);
    return !clang_Cursor_isNull(variable) && lc_extract_variables_has_declaration(positions, variable)
           && !lc_extract_reads_variable(value, variable);
}

int lc_extract_loop_compares_texts(const struct lc_extract_loop_parts *parts)
{
    struct compare_scan scan = { .local_count = 0, .positions = { .count = 0, .found = 0 } };
    if (clang_Cursor_isNull(parts->body))
        return 0;
    lc_extract_visit_all(parts->body, compare_locals_visit, &scan);
    lc_extract_visit_all(parts->condition, compare_visit, &scan);
    if (!scan.nested)
        lc_extract_visit_all(parts->body, compare_visit, &scan);
    if (!scan.compares || !scan.leaves || scan.nested)
        return 0;
    return !lc_extract_any(parts->increment, compare_resets, &scan.positions)
           && !lc_extract_any(parts->body, compare_resets, &scan.positions);
}
