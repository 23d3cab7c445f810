/* extract_reach.c — where a call's effects cannot go: the stretches of its
 * function's text after it that no path from it reaches without going back
 * around a loop (facts.h lc_call_fact.unreached).  The link step uses them
 * to tell which earlier calls of lock wrappers reach a point
 * (lock_wrappers.c): a release in one branch or case does not end the
 * lock's region in a branch or case it never runs into.  Over the
 * structured control flow of the body:
 *  - a branch of an if never reaches its else;
 *  - a branch that always ends in a jump (return, break, continue) reaches
 *    nothing from its end to the earliest place where the jumps leaving it
 *    land: the end of the function (return), of the innermost loop or
 *    switch around it (break), of the innermost loop's body (continue);
 *    the breaks and continues of a loop or switch of its own stay inside;
 *  - a case of a switch reaches the cases after it only by falling
 *    through: not those after the first case, from its own on, that always
 *    ends in a jump;
 *  - a function with a label (a goto may land anywhere) has none: its calls
 *    say their reach is unknown. */
#include "extract_internal.h"
#include "grow.h"

#include <stdlib.h>
#include <string.h>

/* A call keeps at most this many stretches; leaving one out only makes it
 * reach more. */
#define LC_REACH_MAX_STRETCHES 8

/* The file location of the start (`end` 0) or end (`end` 1) of the
 * cursor's extent; -1 when it has none. */
static int reach_edge(struct lc_extract_walk *walk, CXCursor cursor, int end, struct lc_location *out)
{
    CXSourceRange extent = clang_getCursorExtent(cursor);
    return lc_extract_location(walk, end ? clang_getRangeEnd(extent) : clang_getRangeStart(extent), out);
}

static void reach_add(struct lc_extract_walk *walk, size_t index, const struct lc_location *begin,
                      const struct lc_location *end)
{
    struct lc_call_fact *call = &walk->facts->calls[index];
    if (!call->loc.file || strcmp(call->loc.file, begin->file) != 0 || lc_location_compare(&call->loc, begin) > 0
        || call->unreached_count >= LC_REACH_MAX_STRETCHES)
        return;
    struct lc_unreached *stretches =
        lc_arena_alloc(&walk->facts->arena, (call->unreached_count + 1) * sizeof *stretches);
    if (!stretches) {
        walk->out_of_memory = 1;
        return;
    }
    if (call->unreached_count)
        memcpy(stretches, call->unreached, call->unreached_count * sizeof *stretches);
    stretches[call->unreached_count] = (struct lc_unreached){ begin->line, begin->col, end->line, end->col };
    call->unreached = stretches;
    call->unreached_count++;
}

/* Calls from `first` on do not reach [begin, end]. */
static void reach_add_all(struct lc_extract_walk *walk, size_t first, const struct lc_location *begin,
                          const struct lc_location *end)
{
    if (!begin->file || !end->file || strcmp(begin->file, end->file) != 0 || lc_location_compare(begin, end) > 0)
        return;
    for (size_t i = first; i < walk->facts->call_count && !walk->out_of_memory; i++)
        reach_add(walk, i, begin, end);
}

/* The jumps that leave a statement: not those of its own loops and
 * switches. */
struct reach_jumps {
    unsigned loops, breakables;
    int returns, breaks, continues, gotos;
};

static enum CXChildVisitResult reach_jumps_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct reach_jumps *jumps = data;
    switch (clang_getCursorKind(cursor)) {
    case CXCursor_GotoStmt:
    case CXCursor_IndirectGotoStmt:
        jumps->gotos = 1;
        return CXChildVisit_Break;
    case CXCursor_ReturnStmt:
        jumps->returns = 1;
        return CXChildVisit_Continue;
    case CXCursor_BreakStmt:
        jumps->breaks |= jumps->breakables == 0;
        return CXChildVisit_Continue;
    case CXCursor_ContinueStmt:
        jumps->continues |= jumps->loops == 0;
        return CXChildVisit_Continue;
    case CXCursor_ForStmt:
    case CXCursor_WhileStmt:
    case CXCursor_DoStmt:
        jumps->loops++;
        jumps->breakables++;
        clang_visitChildren(cursor, reach_jumps_visit, jumps);
        jumps->loops--;
        jumps->breakables--;
        return jumps->gotos ? CXChildVisit_Break : CXChildVisit_Continue;
    case CXCursor_SwitchStmt:
        jumps->breakables++;
        clang_visitChildren(cursor, reach_jumps_visit, jumps);
        jumps->breakables--;
        return jumps->gotos ? CXChildVisit_Break : CXChildVisit_Continue;
    default:
        return CXChildVisit_Recurse;
    }
}

/* Where the earliest jump leaving `branch` lands (the end of what it
 * leaves); -1 when one is a goto or lands nowhere known. */
static int reach_landing(struct lc_extract_walk *walk, CXCursor branch, struct lc_location *out)
{
    struct reach_jumps jumps = { 0, 0, 0, 0, 0, 0 };
    if (reach_jumps_visit(branch, clang_getNullCursor(), &jumps) == CXChildVisit_Recurse)
        clang_visitChildren(branch, reach_jumps_visit, &jumps);
    if (jumps.gotos || !(jumps.returns || jumps.breaks || jumps.continues))
        return -1;
    const CXCursor targets[3] = { walk->function, walk->reach_breakable, walk->reach_loop_body };
    const int used[3] = { jumps.returns, jumps.breaks, jumps.continues };
    int found = 0;
    for (int i = 0; i < 3; i++) {
        struct lc_location end;
        if (!used[i])
            continue;
        if (clang_Cursor_isNull(targets[i]) || reach_edge(walk, targets[i], 1, &end) != 0)
            return -1;
        if (!found || lc_location_compare(&end, out) < 0)
            *out = end;
        found = 1;
    }
    return 0;
}

void lc_extract_reach_branch(struct lc_extract_walk *walk, CXCursor branch, size_t first_call, CXCursor sibling)
{
    struct lc_location begin, end;
    if (first_call >= walk->facts->call_count)
        return;
    if (lc_extract_always_exits(branch) && reach_edge(walk, branch, 1, &begin) == 0
        && reach_landing(walk, branch, &end) == 0) {
        reach_add_all(walk, first_call, &begin, &end);
        return;
    }
    if (!clang_Cursor_isNull(sibling) && reach_edge(walk, sibling, 0, &begin) == 0
        && reach_edge(walk, sibling, 1, &end) == 0)
        reach_add_all(walk, first_call, &begin, &end);
}

struct reach_children {
    CXCursor *items;
    size_t count, cap;
    int out_of_memory;
};

static enum CXChildVisitResult reach_collect(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct reach_children *children = data;
    if (lc_grow((void **)&children->items, &children->cap, children->count, sizeof *children->items, 16) != 0) {
        children->out_of_memory = 1;
        return CXChildVisit_Break;
    }
    children->items[children->count++] = cursor;
    return CXChildVisit_Continue;
}

static int reach_is_label(CXCursor cursor)
{
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    return kind == CXCursor_CaseStmt || kind == CXCursor_DefaultStmt;
}

/* The statement a case label labels (`case 1: case 2: stmt`: stmt). */
static CXCursor reach_labelled(CXCursor cursor)
{
    for (int depth = 0; depth < 64 && reach_is_label(cursor); depth++) {
        struct reach_children children = { NULL, 0, 0, 0 };
        clang_visitChildren(cursor, reach_collect, &children);
        CXCursor last = children.count && !children.out_of_memory ? children.items[children.count - 1]
                                                                    : clang_getNullCursor();
        free(children.items);
        if (clang_Cursor_isNull(last))
            return last;
        cursor = last;
    }
    return cursor;
}

/* After a case `arm` (the statements from its label to the next), where
 * the cases no longer reached from it begin: the label after the first
 * case from it on that always ends in a jump; -1 when none. */
static int reach_cases_end(struct lc_extract_walk *walk, const struct reach_children *body, const size_t *labels,
                           size_t label_count, size_t arm, struct lc_location *out)
{
    for (size_t i = arm; i + 1 < label_count; i++) {
        CXCursor last = reach_labelled(body->items[labels[i + 1] - 1]);
        if (!clang_Cursor_isNull(last) && lc_extract_always_exits(last))
            return reach_edge(walk, body->items[labels[i + 1]], 0, out);
    }
    return -1;
}

void lc_extract_reach_switch(struct lc_extract_walk *walk, CXCursor body, size_t first_call)
{
    if (first_call >= walk->facts->call_count || clang_getCursorKind(body) != CXCursor_CompoundStmt)
        return;
    struct reach_children children = { NULL, 0, 0, 0 };
    clang_visitChildren(body, reach_collect, &children);
    size_t *labels = children.count ? malloc(children.count * sizeof *labels) : NULL;
    struct lc_location *begins = children.count ? malloc(children.count * sizeof *begins) : NULL;
    struct lc_location *cut = children.count ? malloc(children.count * sizeof *cut) : NULL;
    int *has_cut = children.count ? calloc(children.count, sizeof *has_cut) : NULL;
    struct lc_location end;
    size_t label_count = 0;
    if (children.out_of_memory || (children.count && (!labels || !begins || !cut || !has_cut)))
        walk->out_of_memory = 1;
    else if (children.count && reach_edge(walk, body, 1, &end) == 0) {
        for (size_t i = 0; i < children.count; i++)
            if (reach_is_label(children.items[i]) && reach_edge(walk, children.items[i], 0, &begins[label_count]) == 0)
                labels[label_count++] = i;
        for (size_t arm = 0; arm < label_count; arm++)
            has_cut[arm] = reach_cases_end(walk, &children, labels, label_count, arm, &cut[arm]) == 0;
        for (size_t c = first_call; c < walk->facts->call_count && !walk->out_of_memory; c++) {
            const struct lc_location *at = &walk->facts->calls[c].loc;
            size_t arm = label_count;
            for (size_t i = 0; i < label_count; i++)
                if (at->file && begins[i].file && strcmp(at->file, begins[i].file) == 0
                    && lc_location_compare(&begins[i], at) <= 0)
                    arm = i;
            if (arm < label_count && has_cut[arm] && strcmp(cut[arm].file, end.file) == 0
                && lc_location_compare(&cut[arm], &end) <= 0)
                reach_add(walk, c, &cut[arm], &end);
        }
    }
    free(children.items);
    free(labels);
    free(begins);
    free(cut);
    free(has_cut);
}

void lc_extract_reach_function_end(struct lc_extract_walk *walk)
{
    for (size_t i = walk->reach_first_call; walk->label_count && i < walk->facts->call_count; i++) {
        walk->facts->calls[i].unreached = NULL;
        walk->facts->calls[i].unreached_count = 0;
        walk->facts->calls[i].reach_unknown = 1;
        walk->facts->calls[i].runs = LC_RUNS_MAYBE;   /* a goto may skip or repeat it */
    }
    walk->reach_first_call = walk->facts->call_count;
}
