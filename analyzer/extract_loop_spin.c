/* extract_loop_spin.c — a loop that waits for another thread instead of
 * computing: a spin lock's acquisition.  Its condition claims the lock
 * with an atomic exchange (`while (__sync_lock_test_and_set(&l, 1))`,
 * `while (!atomic_compare_exchange_weak(&l, &free, 1))`), or it has none
 * (`for (;;)`, `while (1)`) and its every way out — a return, a break of
 * it, a goto — is taken under a test that claims the lock so (nginx's
 * ngx_rwlock_wlock: `if (*lock == 0 && ngx_atomic_cmp_set(lock, 0, 1))
 * return;`).  The pauses, back-offs and yields inside are waiting too: the
 * loop is LC_SOURCE_WAIT and costs nothing with all it holds (cost.c).
 * How long it waits depends on the other thread; that is a lock's
 * business, not cpu-heavy-loop's. */
#include "extract_internal.h"

#include <stdlib.h>
#include <string.h>

#define SPIN_DEPTH 64   /* statements followed this deep */

/* Is `name` (of `length`) an exchange that claims: compare-and-swap,
 * compare-exchange, test-and-set, exchange? */
static int spin_is_claim_name(const char *name, size_t length)
{
    static const char *const claims[] = { "compare_and_swap", "compare_exchange", "test_and_set", "exchange" };
    for (size_t c = 0; c < sizeof claims / sizeof claims[0]; c++)
        for (size_t i = 0; i + strlen(claims[c]) <= length; i++)
            if (strncmp(name + i, claims[c], strlen(claims[c])) == 0)
                return 1;
    return 0;
}

struct spin_claim {
    struct lc_extract_walk *walk;
    int found;
};

static enum CXChildVisitResult spin_claim_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct spin_claim *claim = data;
    const char *name;
    size_t length = lc_extract_atomic_name(claim->walk, cursor, &name);
    if (length && spin_is_claim_name(name, length)) {
        claim->found = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* Does `expr` claim a lock with an atomic exchange somewhere in it? */
static int spin_claims(struct lc_extract_walk *walk, CXCursor expr)
{
    struct spin_claim claim = { walk, 0 };
    const char *name;
    size_t length = lc_extract_atomic_name(walk, expr, &name);
    if (length && spin_is_claim_name(name, length))
        return 1;
    clang_visitChildren(expr, spin_claim_visit, &claim);
    return claim.found;
}

/* The ways out of the loop under `statement`: 1 when there is one and
 * each is taken under a claiming test, 0 when one is not, -1 when there is
 * none.  `claimed`: inside the then branch of a claiming `if`; `nested`:
 * inside an inner loop or switch (its breaks stay inside). */
static int spin_exits(struct lc_extract_walk *walk, CXCursor statement, int claimed, int nested, unsigned depth)
{
    enum CXCursorKind kind = clang_getCursorKind(statement);
    if (depth > SPIN_DEPTH)
        return 0;
    if (kind == CXCursor_ReturnStmt || kind == CXCursor_GotoStmt || (kind == CXCursor_BreakStmt && !nested))
        return claimed ? 1 : 0;
    if (kind == CXCursor_IfStmt) {
        CXCursor parts[3];
        unsigned count = lc_extract_children(statement, parts, 3);
        if (count < 2)
            return 0;
        int then = spin_exits(walk, parts[1], claimed || spin_claims(walk, parts[0]), nested, depth + 1);
        int otherwise = count == 3 ? spin_exits(walk, parts[2], claimed, nested, depth + 1) : -1;
        return then == 0 || otherwise == 0 ? 0 : then == 1 || otherwise == 1 ? 1 : -1;
    }
    int inner = nested || kind == CXCursor_ForStmt || kind == CXCursor_WhileStmt || kind == CXCursor_DoStmt
                || kind == CXCursor_SwitchStmt;
    unsigned count;
    CXCursor *children = lc_extract_children_all(walk, statement, &count);
    int result = -1;
    for (unsigned i = 0; i < count && result != 0; i++) {
        int exits = spin_exits(walk, children[i], claimed, inner, depth + 1);
        result = exits == 0 ? 0 : exits == 1 ? 1 : result;
    }
    free(children);
    return result;
}

int lc_extract_loop_is_spin(struct lc_extract_walk *walk, enum lc_loop_kind kind,
                            const struct lc_extract_loop_parts *parts)
{
    if (kind == LC_LOOP_GOTO || clang_Cursor_isNull(parts->body))
        return 0;
    long long always;
    if (!clang_Cursor_isNull(parts->condition)
        && !(lc_extract_integer_constant(parts->condition, &always) && always != 0))
        return spin_claims(walk, parts->condition);
    return spin_exits(walk, parts->body, 0, 0, 0) == 1;
}
