/* extract_marked_slots.c — a call given the slot an object's mark is at,
 * the mark then moved past it, as tmux moves a line into its history:
 *
 *     grid_compact_line(&gd->linedata[gd->hsize]);
 *     ...
 *     gd->hsize++;
 *
 * The call works on the slot at `X->mark` of an array the same object
 * holds (`X->slots[X->mark]`, or its address), and the first later
 * statement of the same block that changes the mark moves it on by one
 * (`X->mark++`, `++X->mark`, `X->mark += 1`).  Each slot is passed once before the mark leaves it
 * behind, so what the callee does over that slot's own data is paid for
 * by the slots the object ever gets: the argument is the call's own share,
 * as a loop's element is (element_args, extract_element_args.c). */
#include "extract_internal.h"

/* `X->slots[X->mark]` (or `&` of it) of one pointer variable X: the mark
 * in *mark. */
static int marked_slot(CXCursor argument, CXCursor *mark)
{
    CXCursor parts[2], slots_field, mark_field;
    argument = lc_extract_strip(argument);
    if (clang_getCursorKind(argument) == CXCursor_UnaryOperator
        && clang_getCursorUnaryOperatorKind(argument) == CXUnaryOperator_AddrOf
        && lc_extract_children(argument, parts, 1) == 1)
        argument = lc_extract_strip(parts[0]);
    if (clang_getCursorKind(argument) != CXCursor_ArraySubscriptExpr || lc_extract_children(argument, parts, 2) != 2)
        return 0;
    CXCursor object = lc_extract_pointer_field(parts[0], &slots_field);
    *mark = lc_extract_strip(parts[1]);
    return !clang_Cursor_isNull(object)
           && clang_equalCursors(object, lc_extract_pointer_field(*mark, &mark_field));
}

#define MARKED_DEPTH 64   /* statements followed down to the call */

/* `X->mark++`, `++X->mark`, `X->mark += 1`. */
static int marked_steps(CXCursor statement, CXCursor mark)
{
    CXCursor operand, sides[2];
    long long step = 1;
    statement = lc_extract_strip(statement);
    if (clang_getCursorKind(statement) == CXCursor_CompoundAssignOperator
        && (lc_extract_children(statement, sides, 2) != 2 || !lc_extract_integer_constant(sides[1], &step)))
        return 0;
    return step == 1 && lc_extract_increases(statement, &operand) && lc_extract_same_place(operand, mark);
}

/* A block searched for the call as a statement of its own, then for a
 * step of the mark after it. */
struct marked_block {
    CXCursor call, mark;
    int state;          /* 0: before the call, 1: after it, 2: the mark
                           stepped by one, 3: changed otherwise */
    CXCursor holder;    /* the statement holding the call deeper, or null */
};

static enum CXChildVisitResult marked_block_visit(CXCursor statement, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct marked_block *block = data;
    if (block->state == 1) {
        /* the first statement changing the mark decides */
        CXCursor changed = lc_extract_changed_operand(lc_extract_strip(statement));
        if (clang_Cursor_isNull(changed) || !lc_extract_same_place(changed, block->mark))
            return CXChildVisit_Continue;
        block->state = marked_steps(statement, block->mark) ? 2 : 3;
        return CXChildVisit_Break;
    }
    if (lc_extract_same_expression(lc_extract_strip(statement), block->call))
        block->state = 1;
    else if (lc_extract_holds(statement, block->call)) {
        block->holder = statement;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

/* The first child of `node` holding the call, in *holder. */
static enum CXChildVisitResult marked_holder_visit(CXCursor child, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct marked_block *block = data;
    if (!lc_extract_holds(child, block->call))
        return CXChildVisit_Continue;
    block->holder = child;
    return CXChildVisit_Break;
}

/* Is the call, somewhere under `node`, a statement of its own block that
 * a later statement of the block follows by stepping the mark? */
static int marked_stepped(CXCursor node, CXCursor call, CXCursor mark, unsigned depth)
{
    struct marked_block block = { .call = call, .mark = mark, .holder = clang_getNullCursor() };
    if (depth > MARKED_DEPTH)
        return 0;
    if (clang_getCursorKind(node) == CXCursor_CompoundStmt)
        clang_visitChildren(node, marked_block_visit, &block);
    else
        clang_visitChildren(node, marked_holder_visit, &block);
    if (block.state != 0)
        return block.state == 2;
    return !clang_Cursor_isNull(block.holder) && marked_stepped(block.holder, call, mark, depth + 1);
}

unsigned lc_extract_marked_slot_arguments(struct lc_extract_walk *walk, CXCursor call)
{
    CXCursor mark;
    unsigned mask = 0;
    int count = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < count && i < LC_ELEMENT_ARGUMENTS && !clang_Cursor_isNull(walk->function); i++) {
        if (!marked_slot(clang_Cursor_getArgument(call, (unsigned)i), &mark))
            continue;
        CXCursor body = lc_extract_function_body(walk->function);
        if (!clang_Cursor_isNull(body) && marked_stepped(body, call, mark, 0))
            mask |= 1u << i;
    }
    return mask;
}
