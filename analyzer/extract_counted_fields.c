/* extract_counted_fields.c — the fields a function counts up through a
 * pointer, of whatever object (facts.h, struct lc_counted_field):
 *
 *     p->free_count++;          (also `++p->n`, `p->n += K`, K > 0)
 *
 * and whether it does so in a loop's round.  A call made only where such
 * a count is 0 (extract_empty_guard.c) to a function that counts it up in
 * the rounds of a loop, itself or through the functions it calls, refills
 * an empty pool: what it does is paid for by the takes that emptied it
 * (cost_calls.c).  Fields are told apart by their declaration, not by
 * object; the first LC_COUNTED_FIELDS only. */
#include "extract_internal.h"

#include <string.h>

struct counted_search {
    struct lc_extract_walk *walk;
    struct lc_function_fact *fact;
    int in_loop;
};

static void counted_note(struct counted_search *search, CXCursor field)
{
    struct lc_function_fact *fact = search->fact;
    const char *usr = lc_extract_usr(search->walk, field);
    if (!usr) {
        search->walk->out_of_memory = 1;
        return;
    }
    for (unsigned i = 0; i < fact->counted_count; i++)
        if (strcmp(fact->counted[i].field_usr, usr) == 0) {
            fact->counted[i].in_loop |= search->in_loop;
            return;
        }
    if (fact->counted_count < LC_COUNTED_FIELDS)
        fact->counted[fact->counted_count++] = (struct lc_counted_field){ .field_usr = usr, .in_loop = search->in_loop };
}

static enum CXChildVisitResult counted_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct counted_search *search = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    CXCursor parts[2];
    struct lc_extract_loop_parts once = { .condition = clang_getNullCursor() };
    if (kind == CXCursor_DoStmt && lc_extract_children(cursor, parts, 2) == 2)
        once.condition = parts[1];
    /* a macro's `do { ... } while (0)` runs its body once: no loop */
    if (kind == CXCursor_ForStmt || kind == CXCursor_WhileStmt
        || (kind == CXCursor_DoStmt && !lc_extract_loop_is_do_once(LC_LOOP_DO, &once))) {
        struct counted_search inner = { search->walk, search->fact, 1 };
        clang_visitChildren(cursor, counted_visit, &inner);
        return CXChildVisit_Continue;
    }
    CXCursor counted, field;
    if ((kind == CXCursor_UnaryOperator || kind == CXCursor_CompoundAssignOperator)
        && lc_extract_increases(cursor, &counted) && !clang_Cursor_isNull(lc_extract_pointer_field(counted, &field)))
        counted_note(search, field);
    return CXChildVisit_Recurse;
}

void lc_extract_counted_fields(struct lc_extract_walk *walk, CXCursor function, struct lc_function_fact *fact)
{
    struct counted_search search = { walk, fact, 0 };
    CXCursor body = lc_extract_function_body(function);
    if (!clang_Cursor_isNull(body))
        clang_visitChildren(body, counted_visit, &search);
}
