/* extract_locks.c — the locks held along a function body, from the lock
 * vocabulary (struct lc_lock_vocabulary: the `lock`, `unlock` and `trylock`
 * models).  A call to an ACQUIRE function adds the identity of its lock
 * argument, a RELEASE removes it.  A TRY takes the lock where it returned 0:
 * the walk remembers the last one, and extract_flow.c adds its lock to the
 * branch where a test of its result says 0 (`if (pthread_mutex_trylock(&m)
 * == 0) { held }`, the else of `if (pthread_mutex_trylock(&m)) ...`) and,
 * when the other branch jumps away (`if (pthread_mutex_trylock(&m) != 0)
 * return;`), to the rest of the block.  Where the set is restored (blocks,
 * branches) is extract_flow.c's business.
 *
 * The identity of a lock is that of its object after `&`, casts and
 * parentheses: the usr of a variable (an array of locks counts as one), the
 * usr of a field for `&s->mu`, `&obj.mu`, `&table[i].mu` (the struct type
 * and field, "c:@S@conn@FI@mu", the same in every TU), else "text:" and
 * the expression's spelling; an element of an array of locks
 * (`&item_locks[hv & mask]`) is the array's identity with
 * LC_LOCK_ELEMENT_MARK after it, one striped lock.  A local pointer initialised with an address
 * (`pthread_mutex_t *lock = &item_locks[i]; pthread_mutex_trylock(lock);`)
 * stands for that object; the lock argument of the call's fact says so too
 * (lc_extract_lock_argument), so lock wrappers see it at link time.
 *
 * A held lock is also released by storing 0 into it (a spin lock's word:
 * nginx's `#define ngx_unlock(lock) *(lock) = 0`); that store is no
 * access of data (lc_extract_lock_store).
 *
 * A call that pauses every other thread (a `pause-threads` model whose
 * conditions hold at the call) adds LC_LOCK_THREADS_PAUSED, one that
 * resumes them removes it: a region of the function, scoped by blocks like
 * any lock's.  Locksets are arrays in the facts' arena that
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

/* The address a local pointer variable named by `reference` is initialised
 * with (`&item_locks[i]`), or a null cursor. */
static CXCursor extract_local_pointer_init(CXCursor reference)
{
    CXCursor declaration = clang_getCursorReferenced(reference), init;
    if (clang_getCursorKind(declaration) != CXCursor_VarDecl
        || clang_Cursor_hasVarDeclGlobalStorage(declaration) == 1
        || clang_getCanonicalType(clang_getCursorType(declaration)).kind != CXType_Pointer)
        return clang_getNullCursor();
    /* The initializer is the last child (a type reference may come first). */
    CXCursor children[4];
    unsigned count = lc_extract_children(declaration, children, 4);
    if (count < 1 || count > 4)
        return clang_getNullCursor();
    init = lc_extract_strip(children[count - 1]);
    if (clang_getCursorKind(init) != CXCursor_UnaryOperator
        || clang_getCursorUnaryOperatorKind(init) != CXUnaryOperator_AddrOf)
        return clang_getNullCursor();
    return init;
}

/* The lock object of argument `arg`: without `&`, casts and parentheses,
 * through a local pointer initialised with an address. */
static CXCursor extract_lock_object(CXCursor arg)
{
    CXCursor operand;
    for (int depth = 0; depth < 8; depth++) {
        arg = lc_extract_strip(arg);
        if (clang_getCursorKind(arg) == CXCursor_DeclRefExpr) {
            CXCursor init = extract_local_pointer_init(arg);
            if (clang_Cursor_isNull(init))
                return arg;
            arg = init;
            continue;
        }
        if (clang_getCursorKind(arg) != CXCursor_UnaryOperator ||
            clang_getCursorUnaryOperatorKind(arg) != CXUnaryOperator_AddrOf ||
            lc_extract_children(arg, &operand, 1) != 1)
            return arg;
        arg = operand;
    }
    return arg;
}

/* The identity of a lock object whose value is `value`: its usr, with
 * LC_LOCK_ELEMENT_MARK for an element of an array of locks. */
static const char *extract_lock_usr(struct lc_extract_walk *walk, CXCursor object, const struct lc_value *value)
{
    if (clang_getCursorKind(lc_extract_strip(object)) != CXCursor_ArraySubscriptExpr)
        return value->usr;
    const char *element = lc_arena_printf(&walk->facts->arena, "%s" LC_LOCK_ELEMENT_MARK, value->usr);
    if (!element)
        walk->out_of_memory = 1;
    return element;
}

void lc_extract_lock_argument(struct lc_extract_walk *walk, CXCursor arg, struct lc_value *value)
{
    CXCursor stripped = lc_extract_strip(arg), object = extract_lock_object(stripped);
    int local = clang_getCursorKind(stripped) == CXCursor_DeclRefExpr
                && !clang_Cursor_isNull(extract_local_pointer_init(stripped));
    struct lc_value found;
    lc_extract_value(walk, object, &found);
    if ((!local && clang_getCursorKind(lc_extract_strip(object)) != CXCursor_ArraySubscriptExpr)
        || (found.kind != LC_VALUE_VAR && found.kind != LC_VALUE_FIELD) || !found.usr)
        return;
    found.usr = extract_lock_usr(walk, object, &found);
    *value = found;
}

static const char *extract_lock_identity(struct lc_extract_walk *walk, CXCursor arg)
{
    CXCursor object = extract_lock_object(arg);
    struct lc_value value;
    lc_extract_value(walk, object, &value);
    if ((value.kind == LC_VALUE_VAR || value.kind == LC_VALUE_FIELD) && value.usr)
        return extract_lock_usr(walk, object, &value);
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

/* Does the condition hold at the call: its argument's spelling, or
 * whether it is a null pointer constant?  A missing argument: no. */
static int extract_pause_condition_holds(const struct lc_call_fact *fact, const struct lc_arg_condition *condition)
{
    if (condition->position < 1 || (size_t)condition->position > fact->nargs)
        return 0;
    const char *text = fact->arg_texts[condition->position - 1];
    int is_null = fact->args[condition->position - 1].kind == LC_VALUE_NULL;
    switch (condition->test) {
    case LC_ARG_HAS_TOKEN: return lc_text_has_token(text, condition->token);
    case LC_ARG_LACKS_TOKEN: return !lc_text_has_token(text, condition->token);
    case LC_ARG_IS_NULL: return is_null;
    case LC_ARG_NOT_NULL: return !is_null;
    default: return 0;   /* not allowed in these models (models_parse.c) */
    }
}

int lc_extract_pause_action(const struct lc_extract_walk *walk, const struct lc_call_fact *fact)
{
    const struct lc_lock_vocabulary *vocabulary = walk->vocabulary;
    int action = 0;
    if (!vocabulary || fact->callee.kind != LC_VALUE_FUNCTION || !fact->callee.name)
        return 0;
    for (size_t i = 0; i < vocabulary->pause_count; i++) {
        const struct lc_pause_function *pause = &vocabulary->pauses[i];
        int holds = strcmp(pause->name, fact->callee.name) == 0;
        for (size_t k = 0; holds && k < pause->condition_count; k++)
            holds = extract_pause_condition_holds(fact, &pause->conditions[k]);
        if (holds)
            action |= pause->resumes ? LC_EXTRACT_RESUMES : LC_EXTRACT_PAUSES;
    }
    /* A call both models match says nothing. */
    return action == (LC_EXTRACT_PAUSES | LC_EXTRACT_RESUMES) ? 0 : action;
}

void lc_extract_pause_apply(struct lc_extract_walk *walk, int action)
{
    if (action == LC_EXTRACT_PAUSES) {
        lc_extract_lock_add(walk, LC_LOCK_THREADS_PAUSED);
        return;
    }
    for (size_t i = 0; action == LC_EXTRACT_RESUMES && i < walk->locks.count; i++)
        if (strcmp(walk->locks.locks[i], LC_LOCK_THREADS_PAUSED) == 0) {
            extract_change_locks(walk, NULL, i);
            return;
        }
}

void lc_extract_lock_add(struct lc_extract_walk *walk, const char *identity)
{
    for (size_t i = 0; i < walk->locks.count; i++)
        if (strcmp(walk->locks.locks[i], identity) == 0)
            return;
    extract_change_locks(walk, identity, 0);
}

void lc_extract_lock_store(struct lc_extract_walk *walk, CXCursor assignment)
{
    CXCursor sides[2], operand;
    if (walk->locks.count == 0 || clang_getCursorBinaryOperatorKind(assignment) != CXBinaryOperator_Assign
        || lc_extract_children(assignment, sides, 2) != 2)
        return;
    long long stored;
    if (!lc_extract_is_integer(clang_getCursorType(sides[0])) || !lc_extract_integer_constant(sides[1], &stored)
        || stored != 0)
        return;
    /* The lock word: `*E` is the object E points to, as a lock argument. */
    CXCursor place = lc_extract_strip(sides[0]), object = place;
    if (clang_getCursorKind(place) == CXCursor_UnaryOperator
        && clang_getCursorUnaryOperatorKind(place) == CXUnaryOperator_Deref
        && lc_extract_children(place, &operand, 1) == 1)
        object = extract_lock_object(operand);
    struct lc_value value;
    lc_extract_value(walk, object, &value);
    if ((value.kind != LC_VALUE_VAR && value.kind != LC_VALUE_FIELD) || !value.usr)
        return;
    const char *identity = extract_lock_usr(walk, object, &value);
    for (size_t i = 0; identity && i < walk->locks.count; i++)
        if (strcmp(walk->locks.locks[i], identity) == 0) {
            lc_extract_claim(walk, object, LC_EXTRACT_CLAIM_SKIP, 0);
            extract_change_locks(walk, NULL, i);
            return;
        }
}

const char *lc_extract_trylock_of(const struct lc_extract_walk *walk, int call_index)
{
    return call_index >= 0 && call_index == walk->try_call ? walk->try_identity : NULL;
}

void lc_extract_lock_apply(struct lc_extract_walk *walk, const struct lc_lock_function *function,
                           CXCursor call, size_t index)
{
    int nargs = clang_Cursor_getNumArguments(call);
    if (function->position < 1 || function->position > nargs)
        return;
    const char *identity =
        extract_lock_identity(walk, clang_Cursor_getArgument(call, (unsigned)function->position - 1));
    if (!identity)
        return;
    if (function->action == LC_LOCK_TRY) {
        walk->try_call = (int)index;
        walk->try_identity = identity;
        return;
    }
    size_t held = walk->locks.count;
    for (size_t i = 0; i < walk->locks.count && held == walk->locks.count; i++)
        if (strcmp(walk->locks.locks[i], identity) == 0)
            held = i;
    if (function->action == LC_LOCK_ACQUIRE && held == walk->locks.count)
        extract_change_locks(walk, identity, 0);
    else if (function->action == LC_LOCK_RELEASE && held < walk->locks.count)
        extract_change_locks(walk, NULL, held);
}
