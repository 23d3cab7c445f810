/* extract_loop_link_pointer.c — does an inner loop walk one bucket's chain
 * through a pointer to the link?  The in-place rehash of ht.h (and the
 * unlinking walk of any list) holds the address of the link it is at:
 *
 *     for (pE = &new_table[b], e = *pE; e != NULL; e = *pE) {
 *         if (stays) pE = &e->next;                 (step past e)
 *         else { *pE = e->next; ...move e... }      (unlink e)
 *     }
 *
 * e never reads itself, yet the loop moves it along the chain: its every
 * value is `*pE`, and every value pE or the link it points at gets in the
 * loop comes from e.  When pE starts, every time, at the address of an
 * array's element (a bucket), each round of the loop around walks that
 * bucket's chain: the chains share the elements out, one pass in all
 * (extract_loop_walk.c's bucket rule, for this shape). */
#include "extract_internal.h"

/* What the loop does with the walker `element` and the link pointer `link`. */
struct link_scan {
    CXCursor element, link;
    int inside;            /* in the loop's condition, increment or body */
    unsigned element_sets, link_starts;
    int failed;
};

static int link_is_deref_of(CXCursor value, CXCursor link)
{
    CXCursor at = lc_extract_strip(value), operand;
    return clang_getCursorKind(at) == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(at) == CXUnaryOperator_Deref
           && lc_extract_children(at, &operand, 1) == 1 && lc_extract_is_variable(operand, link);
}

/* `&t[i]`: the address of an array's element. */
static int link_is_bucket_address(CXCursor value)
{
    int address = 0;
    return !clang_Cursor_isNull(lc_extract_array_element(value, &address)) && address;
}

static enum CXChildVisitResult link_scan_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct link_scan *scan = data;
    CXCursor sides[2], changed = lc_extract_changed_operand(cursor);
    if (!lc_extract_assignment_sides(cursor, sides)) {
        if (!clang_Cursor_isNull(changed)
            && (lc_extract_is_variable(changed, scan->element) || lc_extract_is_variable(changed, scan->link)))
            scan->failed = 1;   /* `e++`, `pE += k`, `&pE`: not this walk */
    } else {
        CXCursor target = lc_extract_loop_variable(sides[0]);
        if (clang_equalCursors(target, scan->element)) {
            scan->element_sets++;
            scan->failed |= !link_is_deref_of(sides[1], scan->link);
        } else if (clang_equalCursors(target, scan->link)) {
            if (link_is_bucket_address(sides[1]) && !scan->inside)
                scan->link_starts++;
            else   /* `pE = &e->next`; a bucket in the loop starts afresh */
                scan->failed |= !lc_extract_reads_variable(sides[1], scan->element);
        } else if (scan->inside && link_is_deref_of(sides[0], scan->link)) {
            scan->failed |= !lc_extract_reads_variable(sides[1], scan->element);       /* `*pE = e->next` */
        }
    }
    return scan->failed ? CXChildVisit_Break : CXChildVisit_Recurse;
}

int lc_extract_loop_walks_link_pointer(const struct lc_extract_loop_parts *parts,
                                       const struct lc_extract_loop_parts *outer)
{
    if (clang_Cursor_isNull(parts->condition) || clang_Cursor_isNull(parts->increment))
        return 0;
    CXCursor element = lc_extract_only_variable(parts->condition), sides[2];
    CXCursor step = lc_extract_strip(parts->increment);
    if (clang_Cursor_isNull(element) || !lc_extract_is_local(element)
        || !lc_extract_assignment_sides(step, sides)
        || !clang_equalCursors(lc_extract_loop_variable(sides[0]), element)
        || clang_getCursorKind(lc_extract_strip(sides[1])) != CXCursor_UnaryOperator)
        return 0;
    CXCursor operand;
    if (lc_extract_children(lc_extract_strip(sides[1]), &operand, 1) != 1)
        return 0;
    CXCursor link = lc_extract_loop_variable(operand);
    if (clang_Cursor_isNull(link) || !lc_extract_is_local(link)
        || !clang_Cursor_isNull(clang_Cursor_getVarDeclInitializer(link)))
        return 0;
    struct link_scan scan = { element, link, 0, 0, 0, 0 };
    lc_extract_visit_all(parts->init, link_scan_visit, &scan);
    scan.inside = 1;
    lc_extract_visit_loop_parts(parts, link_scan_visit, &scan);
    scan.inside = 0;
    /* the link's other values, in the body of the loop around (this loop
     * included, seen again from outside): buckets, or read from e */
    lc_extract_visit_all(outer->body, link_scan_visit, &scan);
    return !scan.failed && scan.element_sets > 0 && scan.link_starts > 0;
}
