/* extract_locks.c — the locks held along a function body, from the lock
 * vocabulary (struct lc_lock_vocabulary: the `lock`, `unlock` and `trylock`
 * models).  A call to an ACQUIRE function adds the identity of its lock
 * argument, a RELEASE removes it, a TRY changes nothing (a trylock takes the
 * lock only when it returns 0, which is not followed: the lock taken by
 * `if (pthread_mutex_trylock(&m) == 0) { ... }` is not seen).  Where the
 * set is restored (blocks, branches) is extract_flow.c's business.
 *
 * The identity of a lock is that of its object after `&`, casts and
 * parentheses: the usr of a variable (an array of locks counts as one), the
 * usr of a field for `&s->mu`, `&obj.mu`, `&table[i].mu` (the struct type
 * and field, "c:@S@conn@FI@mu", the same in every TU), else "text:" and
 * the expression's spelling.  Locksets are arrays in the facts' arena that
 * are never changed once made: every change makes a new one, so facts
 * share them freely. */
#include "extract_internal.h"

#include <string.h>

#include "models.h"

const struct lc_lock_function *lc_extract_lock_function(struct lc_extract_walk *walk,
                                                        const struct lc_value *callee)
{
    const struct lc_lock_vocabulary *vocabulary = walk->vocabulary;
    if (!vocabulary || callee->kind != LC_VALUE_FUNCTION || !callee->name)
        return NULL;
    for (size_t i = 0; i < vocabulary->count; i++)
        if (strcmp(vocabulary->functions[i].name, callee->name) == 0)
            return &vocabulary->functions[i];
    return NULL;
}

/* The lock object of argument `arg`: without `&`, casts and parentheses. */
static CXCursor extract_lock_object(CXCursor arg)
{
    CXCursor operand;
    for (;;) {
        arg = lc_extract_strip(arg);
        if (clang_getCursorKind(arg) != CXCursor_UnaryOperator ||
            clang_getCursorUnaryOperatorKind(arg) != CXUnaryOperator_AddrOf ||
            lc_extract_children(arg, &operand, 1) != 1)
            return arg;
        arg = operand;
    }
}

static const char *extract_lock_identity(struct lc_extract_walk *walk, CXCursor arg)
{
    CXCursor object = extract_lock_object(arg);
    struct lc_value value;
    lc_extract_value(walk, object, &value);
    if ((value.kind == LC_VALUE_VAR || value.kind == LC_VALUE_FIELD) && value.usr)
        return value.usr;
    const char *text = lc_extract_text(walk, object);
    const char *identity = text ? lc_arena_printf(&walk->facts->arena, "text:%s", text) : NULL;
    if (!identity)
        walk->out_of_memory = 1;
    return identity;
}

/* A new lockset: the current one with `identity` added, or without the
 * entry at `removed` (when `identity` is NULL). */
static void extract_change_locks(struct lc_extract_walk *walk, const char *identity,
                                 size_t removed)
{
    size_t count = identity ? walk->locks.count + 1 : walk->locks.count - 1;
    const char **locks = NULL;
    if (count > 0) {
        locks = lc_arena_alloc(&walk->facts->arena, count * sizeof *locks);
        if (!locks) {
            walk->out_of_memory = 1;
            return;
        }
    }
    size_t next = 0;
    for (size_t i = 0; i < walk->locks.count; i++)
        if (identity || i != removed)
            locks[next++] = walk->locks.locks[i];
    if (identity)
        locks[next++] = identity;
    walk->locks = (struct lc_lockset){ locks, count };
}

void lc_extract_lock_apply(struct lc_extract_walk *walk, const struct lc_lock_function *function,
                           CXCursor call)
{
    int nargs = clang_Cursor_getNumArguments(call);
    if ((function->action != LC_LOCK_ACQUIRE && function->action != LC_LOCK_RELEASE) ||
        function->position < 1 || function->position > nargs)
        return;
    const char *identity =
        extract_lock_identity(walk, clang_Cursor_getArgument(call, (unsigned)function->position - 1));
    if (!identity)
        return;
    size_t held = walk->locks.count;
    for (size_t i = 0; i < walk->locks.count && held == walk->locks.count; i++)
        if (strcmp(walk->locks.locks[i], identity) == 0)
            held = i;
    if (function->action == LC_LOCK_ACQUIRE && held == walk->locks.count)
        extract_change_locks(walk, identity, 0);
    else if (function->action == LC_LOCK_RELEASE && held < walk->locks.count)
        extract_change_locks(walk, NULL, held);
}
