/* extract_field_path.c — the field path of an access to a struct global or
 * through a global pointer: `settings.sig_hup` and `settings.idle_timeout`
 * are two variables for unlocked-shared-state, as two globals would be, and
 * so are `queue->head` and `queue->count`.  The path is spelled with its
 * separators (".conn.count", "->head"); it stops at `[i]` (`threads[i].x`
 * is an access of `threads`).  The walk meets the outermost member first;
 * it leaves a PATH claim on the variable's DeclRefExpr, which
 * extract_access.c reads (first claim wins).  An element (`g[i]`,
 * `threads[i].x`, `g.slots[i]`) leaves an INDEXED claim the same way: the
 * access is through an element, which a striped lock may guard. */
#include "extract_internal.h"

#include <string.h>

#define LC_FIELD_PATH_DEPTH 16

void lc_extract_access_member(struct lc_extract_walk *walk, CXCursor member)
{
    const char *names[LC_FIELD_PATH_DEPTH];
    int arrows[LC_FIELD_PATH_DEPTH];
    size_t count = 0, length = 1;
    CXCursor expr = member, base;
    while (clang_getCursorKind(expr) == CXCursor_MemberRefExpr && count < LC_FIELD_PATH_DEPTH) {
        if (lc_extract_children(expr, &base, 1) < 1)
            return;
        base = lc_extract_strip(base);
        names[count] = lc_extract_string(walk, clang_getCursorSpelling(expr));
        arrows[count] = clang_getCanonicalType(clang_getCursorType(base)).kind == CXType_Pointer;
        if (!names[count])
            return;
        length += strlen(names[count]) + 2;
        count++;
        expr = base;
    }
    if (clang_getCursorKind(expr) != CXCursor_DeclRefExpr || count == 0 || count == LC_FIELD_PATH_DEPTH)
        return;
    for (size_t i = 0; i < walk->claim_count; i++)
        if (walk->claims[i].action == LC_EXTRACT_CLAIM_PATH
            && lc_extract_same_expression(walk->claims[i].reference, expr))
            return;   /* an outer member said it already */
    char *path = lc_arena_alloc(&walk->facts->arena, length);
    struct lc_extract_claim *claim = path ? lc_extract_append(walk, &walk->claims, &walk->claim_count,
                                                              &walk->claim_cap, sizeof *claim)
                                          : NULL;
    if (!claim) {
        walk->out_of_memory = 1;
        return;
    }
    path[0] = '\0';
    for (size_t i = count; i > 0; i--) {
        strcat(path, arrows[i - 1] ? "->" : ".");
        strcat(path, names[i - 1]);
    }
    *claim = (struct lc_extract_claim){ expr, LC_EXTRACT_CLAIM_PATH, 0, path, NULL, 0, NULL };
}

void lc_extract_access_subscript(struct lc_extract_walk *walk, CXCursor subscript)
{
    CXCursor expr;
    if (lc_extract_children(subscript, &expr, 1) < 1)
        return;
    for (int depth = 0; depth < LC_FIELD_PATH_DEPTH; depth++) {
        expr = lc_extract_strip(expr);
        if (clang_getCursorKind(expr) == CXCursor_DeclRefExpr)
            break;
        if (clang_getCursorKind(expr) != CXCursor_MemberRefExpr || lc_extract_children(expr, &expr, 1) < 1)
            return;
    }
    if (clang_getCursorKind(expr) != CXCursor_DeclRefExpr)
        return;
    struct lc_extract_claim *claim = lc_extract_append(walk, &walk->claims, &walk->claim_count, &walk->claim_cap,
                                                       sizeof *claim);
    if (!claim) {
        walk->out_of_memory = 1;
        return;
    }
    *claim = (struct lc_extract_claim){ expr, LC_EXTRACT_CLAIM_INDEXED, 0, NULL, NULL, 0, NULL };
}
