/* extract_field_path.c — the field path of an access to a struct global:
 * `settings.sig_hup` and `settings.idle_timeout` are two variables for
 * unlocked-shared-state, as two globals would be.  The path follows `.`
 * from the variable (`stats.conn.count` is "conn.count"); it stops at `->`
 * and `[i]` (`threads[i].stats` is an access of `threads`).  The walk meets
 * the outermost member first; it leaves a PATH claim on the variable's
 * DeclRefExpr, which extract_access.c reads (first claim wins). */
#include "extract_internal.h"

#include <string.h>

void lc_extract_access_member(struct lc_extract_walk *walk, CXCursor member)
{
    const char *names[16];
    size_t count = 0;
    CXCursor expr = member, base;
    while (clang_getCursorKind(expr) == CXCursor_MemberRefExpr && count < 16) {
        if (lc_extract_children(expr, &base, 1) < 1)
            return;
        base = lc_extract_strip(base);
        if (clang_getCanonicalType(clang_getCursorType(base)).kind == CXType_Pointer)
            return;   /* `->`: not a part of the variable */
        names[count++] = lc_extract_string(walk, clang_getCursorSpelling(expr));
        expr = base;
    }
    if (clang_getCursorKind(expr) != CXCursor_DeclRefExpr || count == 0 || count == 16)
        return;
    for (size_t i = 0; i < walk->claim_count; i++)
        if (walk->claims[i].action == LC_EXTRACT_CLAIM_PATH
            && lc_extract_same_expression(walk->claims[i].reference, expr))
            return;   /* an outer member said it already */
    size_t length = 0;
    for (size_t i = 0; i < count; i++) {
        if (!names[i])
            return;
        length += strlen(names[i]) + 1;
    }
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
        strcat(path, names[i - 1]);
        if (i > 1)
            strcat(path, ".");
    }
    *claim = (struct lc_extract_claim){ expr, LC_EXTRACT_CLAIM_PATH, 0, path };
}
