/* extract_field_path.c — the field path of an access to a struct global,
 * through a global pointer or through an element of a global array:
 * `settings.sig_hup` and `settings.idle_timeout` are two variables for
 * unlocked-shared-state, as two globals would be, and so are
 * `queue->head` and `queue->count`, and `threads[i].stats.hits` and
 * `threads[j].ev_queue` (paths "[*].stats.hits" and "[*].ev_queue": every
 * element is one, `[*]`).  The path is spelled with its separators
 * (".conn.count", "->head", "[*].stats"); an element read or handed on
 * whole (`threads[i]`, `&threads[i]`) is the path "[*]" when it is a
 * struct or union, and no path at all otherwise (`sizes[i]` is an access
 * of `sizes`: a scalar element has no parts to tell apart).  The walk
 * meets the outermost member or subscript first; it leaves a PATH claim
 * on the variable's DeclRefExpr, which extract_access.c reads (first
 * claim wins).  An element (`g[i]`, `threads[i].x`, `g.slots[i]`) also
 * leaves an INDEXED claim the same way: the access is through an element,
 * which a striped lock may guard. */
#include "extract_internal.h"

#include <string.h>

#define LC_FIELD_PATH_DEPTH 16

static int field_path_is_indexable(CXCursor base)
{
    enum CXTypeKind kind = clang_getCanonicalType(clang_getCursorType(base)).kind;
    return kind == CXType_Pointer || kind == CXType_ConstantArray || kind == CXType_IncompleteArray
           || kind == CXType_VariableArray;
}

/* One step down from a member or an element to the expression it is part
 * of: its separator ("." "->" "[*]") and field name ("" for an element);
 * a null cursor when `expr` is neither. */
static CXCursor field_path_step(struct lc_extract_walk *walk, CXCursor expr, const char **separator,
                                const char **name)
{
    CXCursor base;
    enum CXCursorKind kind = clang_getCursorKind(expr);
    if ((kind != CXCursor_MemberRefExpr && kind != CXCursor_ArraySubscriptExpr)
        || lc_extract_children(expr, &base, 1) < 1)
        return clang_getNullCursor();
    base = lc_extract_strip(base);
    if (kind == CXCursor_ArraySubscriptExpr) {
        *separator = "[*]";   /* `i[g]` has the index first: no path */
        *name = "";
        return field_path_is_indexable(base) ? base : clang_getNullCursor();
    }
    *separator = clang_getCanonicalType(clang_getCursorType(base)).kind == CXType_Pointer ? "->" : ".";
    *name = lc_extract_string(walk, clang_getCursorSpelling(expr));
    return *name ? base : clang_getNullCursor();
}

/* A PATH claim for the place `outer` (a member or an element) on the
 * variable at its base, unless an outer expression made one already. */
static void field_path_claim(struct lc_extract_walk *walk, CXCursor outer)
{
    const char *separators[LC_FIELD_PATH_DEPTH], *names[LC_FIELD_PATH_DEPTH];
    size_t count = 0, length = 1;
    CXCursor expr = outer;
    while (count < LC_FIELD_PATH_DEPTH) {
        CXCursor base = field_path_step(walk, expr, &separators[count], &names[count]);
        if (clang_Cursor_isNull(base))
            break;
        length += strlen(separators[count]) + strlen(names[count]);
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
        strcat(path, separators[i - 1]);
        strcat(path, names[i - 1]);
    }
    *claim = (struct lc_extract_claim){ .reference = expr, .action = LC_EXTRACT_CLAIM_PATH, .path = path };
}

void lc_extract_access_member(struct lc_extract_walk *walk, CXCursor member)
{
    field_path_claim(walk, member);
}

static int field_path_is_record(CXCursor expr)
{
    return clang_getCanonicalType(clang_getCursorType(expr)).kind == CXType_Record;
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
    *claim = (struct lc_extract_claim){ .reference = expr, .action = LC_EXTRACT_CLAIM_INDEXED };
    if (field_path_is_record(subscript))
        field_path_claim(walk, subscript);
}
