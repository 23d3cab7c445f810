/* extract_call_path.c — the way from a function's body down to one of its
 * calls (lc_extract_call_path): through `return`s, the branch of each `if`
 * holding the call (its condition reported with the branch taken) and the
 * blocks holding it (each statement before it reported), as the
 * self-call facts read it (extract_call_restart.c, extract_call_depth.c). */
#include "extract_internal.h"

#include <stdlib.h>

/* Is `call` a direct call of the function walked? */
int lc_extract_is_self_call(const struct lc_extract_walk *walk, CXCursor call)
{
    CXCursor callee = clang_getCursorReferenced(call);
    return !clang_Cursor_isNull(walk->function) && !clang_Cursor_isNull(callee)
           && clang_equalCursors(clang_getCanonicalCursor(callee), clang_getCanonicalCursor(walk->function));
}

enum lc_call_path lc_extract_call_path(CXCursor statement, CXCursor call, const struct lc_extract_call_path_visitor *visitor)
{
    enum CXCursorKind kind = clang_getCursorKind(statement);
    CXCursor parts[3];
    if (lc_extract_same_expression(lc_extract_strip(statement), call))
        return LC_CALL_PATH_STATEMENT;
    if (kind == CXCursor_ReturnStmt && lc_extract_children(statement, parts, 1) == 1)
        return lc_extract_call_path(parts[0], call, visitor);
    if (kind == CXCursor_IfStmt) {
        unsigned count = lc_extract_children(statement, parts, 3);
        if (count < 2 || lc_extract_holds(parts[0], call))
            return LC_CALL_PATH_CONDITION;
        for (unsigned branch = 1; branch < count && branch < 3; branch++)
            if (lc_extract_holds(parts[branch], call))
                return visitor->condition(visitor->context, parts[0], (int)branch)
                           ? LC_CALL_PATH_STOPPED
                           : lc_extract_call_path(parts[branch], call, visitor);
        return LC_CALL_PATH_EXPRESSION;
    }
    if (kind == CXCursor_CompoundStmt) {
        unsigned count = lc_extract_children(statement, NULL, 0);
        CXCursor *items = count > 0 ? malloc(count * sizeof *items) : NULL;
        if (!items)
            return LC_CALL_PATH_FAILED;
        lc_extract_children(statement, items, count);
        enum lc_call_path found = LC_CALL_PATH_EXPRESSION;
        for (unsigned i = 0; i < count; i++) {
            if (lc_extract_holds(items[i], call)) {
                found = lc_extract_call_path(items[i], call, visitor);
                break;
            }
            if (visitor->before(visitor->context, items[i])) {
                found = LC_CALL_PATH_STOPPED;
                break;
            }
        }
        free(items);
        return found;
    }
    if (kind == CXCursor_ForStmt || kind == CXCursor_WhileStmt || kind == CXCursor_DoStmt
        || kind == CXCursor_SwitchStmt || kind == CXCursor_CaseStmt || kind == CXCursor_DefaultStmt
        || kind == CXCursor_LabelStmt)
        return LC_CALL_PATH_NESTED;
    return LC_CALL_PATH_EXPRESSION;
}
