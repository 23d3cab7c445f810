/* extract_helper_locks.c — the locks a function holds wherever it uses a
 * pointer parameter, given to the caller's access: `bump(&hits)` with
 * `static void bump(int *n) { lock(&m); ++*n; unlock(&m); }` writes `hits`
 * holding m, though the caller holds nothing at the call; `peek(&hits)`
 * reading `*n` under m reads it holding m.
 *
 * While the TU is walked, every reference to a pointer parameter or to a
 * local pointer with locks held at it is noted with those locks
 * (lc_extract_helper_locks_note_use).  An access made by handing a
 * variable's address to a function defined in the TU asks for that
 * parameter's guard (lc_extract_helper_locks_request); once the TU is
 * walked (every body's locks known) each guard is computed and added to
 * its access's lockset (lc_extract_helper_locks_apply); a definition other
 * TUs can call keeps its parameters' guards as facts (lc_helper_lock:
 * linking adds them to the accesses made through it, program_load_bodies.c),
 * when a lock was held at a use of a pointer in its own body.  The guard of a
 * parameter for a write is what every use of it that writes through it
 * (extract_param_writes.c) holds in common: the locks at the use, and
 * when the use hands the pointer to a function of the TU that writes
 * through it, that function's guard for its parameter too
 * (LC_HELPER_LOCKS_DEPTH calls deep).  For a read, every use of it counts
 * (a test of it outside the lock too), with the locks at the use only.  A
 * pointer kept (stored, returned) may be used anywhere: no guard; a lock
 * of the object taken or released (`lock(&p->mu)`) uses no data.  Only
 * locks that name the same object in every frame count (a variable's or a
 * field's usr, the threads-paused region), not a lock spelt as the
 * callee's own expression ("text:..."). */
#include "extract_internal.h"

#include <stdlib.h>
#include <string.h>

#define LC_HELPER_LOCKS_DEPTH 4

/* Does a lock held in the callee name the same object for the caller? */
static int guard_lock_is_shared(const char *identity)
{
    return strncmp(identity, "c:", 2) == 0 || strcmp(identity, LC_LOCK_THREADS_PAUSED) == 0;
}

static unsigned guard_spelling_offset(CXCursor cursor)
{
    unsigned offset = 0;
    clang_getSpellingLocation(clang_getCursorLocation(cursor), NULL, NULL, NULL, &offset);
    return offset;
}

void lc_extract_helper_locks_note_use(struct lc_extract_walk *walk, CXCursor reference)
{
    if (walk->locks.count == 0)
        return;
    CXCursor declaration = clang_getCursorReferenced(reference);
    enum CXCursorKind kind = clang_getCursorKind(declaration);
    if ((kind != CXCursor_ParmDecl && (kind != CXCursor_VarDecl || clang_Cursor_hasVarDeclGlobalStorage(declaration)))
        || clang_getCanonicalType(clang_getCursorType(declaration)).kind != CXType_Pointer)
        return;
    struct lc_extract_use_locks *use = lc_extract_append(walk, &walk->use_locks, &walk->use_lock_count,
                                                         &walk->use_lock_cap, sizeof *use);
    if (!use) {
        walk->out_of_memory = 1;
        return;
    }
    *use = (struct lc_extract_use_locks){ reference, guard_spelling_offset(reference), walk->locks };
    if (walk->export_current >= 0)
        walk->exports[walk->export_current].locked = 1;
}

void lc_extract_helper_locks_export(struct lc_extract_walk *walk, size_t function, CXCursor definition)
{
    struct lc_extract_export *export = lc_extract_append(walk, &walk->exports, &walk->export_count,
                                                         &walk->export_cap, sizeof *export);
    if (!export) {
        walk->out_of_memory = 1;
        return;
    }
    *export = (struct lc_extract_export){ function, definition, 0 };
    walk->export_current = (long)(walk->export_count - 1);
}

void lc_extract_helper_locks_request(struct lc_extract_walk *walk, size_t access, CXCursor definition,
                                    unsigned position, int reads)
{
    struct lc_extract_guard_request *request =
        lc_extract_append(walk, &walk->guard_requests, &walk->guard_request_count, &walk->guard_request_cap,
                          sizeof *request);
    if (!request) {
        walk->out_of_memory = 1;
        return;
    }
    *request = (struct lc_extract_guard_request){ access, definition, position, reads };
}

static int guard_use_order(const void *a, const void *b)
{
    unsigned x = ((const struct lc_extract_use_locks *)a)->offset;
    unsigned y = ((const struct lc_extract_use_locks *)b)->offset;
    return (x > y) - (x < y);
}

/* The locks held at `use` (noted in the walk), or an empty set. */
static struct lc_lockset guard_locks_at(const struct lc_extract_walk *walk, CXCursor use)
{
    unsigned offset = guard_spelling_offset(use);
    size_t low = 0, high = walk->use_lock_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (walk->use_locks[middle].offset < offset)
            low = middle + 1;
        else
            high = middle;
    }
    for (size_t i = low; i < walk->use_lock_count && walk->use_locks[i].offset == offset; i++)
        if (lc_extract_same_expression(walk->use_locks[i].reference, use))
            return walk->use_locks[i].locks;
    return (struct lc_lockset){ NULL, 0 };
}

/* The guard being computed for one parameter. */
struct guard_scan {
    const struct lc_extract_walk *walk;
    const char *locks[LC_EXTRACT_GUARD_LOCKS];   /* held at every use so far */
    size_t count;
    int started;   /* a use was seen */
    int failed;    /* no guard: the pointer is kept, or too deep */
    int depth;
    int reads;     /* every use counts, not only the writing ones */
};

static int guard_function(const struct lc_extract_walk *walk, CXCursor function, unsigned position, int depth,
                          int reads, const char **locks, size_t *count);

/* Keep of scan->locks those in `held` or in `more`. */
static void guard_intersect(struct guard_scan *scan, struct lc_lockset held, const char **more, size_t more_count)
{
    size_t kept = 0;
    for (size_t i = 0; i < scan->count; i++) {
        int found = 0;
        for (size_t k = 0; k < held.count && !found; k++)
            found = strcmp(held.locks[k], scan->locks[i]) == 0;
        for (size_t k = 0; k < more_count && !found; k++)
            found = strcmp(more[k], scan->locks[i]) == 0;
        if (found)
            scan->locks[kept++] = scan->locks[i];
    }
    scan->count = kept;
}

/* The first use: its locks, those that name a shared object. */
static void guard_start(struct guard_scan *scan, struct lc_lockset held, const char **more, size_t more_count)
{
    scan->started = 1;
    for (size_t i = 0; i < held.count + more_count && scan->count < LC_EXTRACT_GUARD_LOCKS; i++) {
        const char *identity = i < held.count ? held.locks[i] : more[i - held.count];
        if (guard_lock_is_shared(identity))
            scan->locks[scan->count++] = identity;
    }
}

static int guard_visit_use(void *context, CXCursor use, enum lc_param_use kind, CXCursor call, unsigned position)
{
    struct guard_scan *scan = context;
    const char *inner[LC_EXTRACT_GUARD_LOCKS];
    size_t inner_count = 0;
    if (kind == LC_PARAM_USE_ESCAPE) {
        scan->failed = 1;
        return 1;
    }
    if (!clang_Cursor_isNull(call) && (int)position < clang_Cursor_getNumArguments(call)) {
        CXType type = clang_getCanonicalType(clang_getCursorType(clang_Cursor_getArgument(call, position)));
        if (type.kind == CXType_Pointer && lc_extract_is_sync_type(scan->walk, clang_getPointeeType(type)))
            return 0;   /* a lock inside the object taken or released: no data */
    }
    /* A writing callee's own guard adds to the locks at the call (for a
     * read guard, its reads are not known: the call's locks only). */
    CXCursor callee = kind == LC_PARAM_USE_CALL_WRITE && !scan->reads ? lc_extract_called_function(call)
                                                                       : clang_getNullCursor();
    CXCursor definition = clang_Cursor_isNull(callee) ? callee : clang_getCursorDefinition(callee);
    if (!clang_Cursor_isNull(definition)
        && guard_function(scan->walk, definition, position, scan->depth + 1, 0, inner, &inner_count) != 0) {
        scan->failed = 1;
        return 1;
    }
    struct lc_lockset held = guard_locks_at(scan->walk, use);
    if (scan->started)
        guard_intersect(scan, held, inner, inner_count);
    else
        guard_start(scan, held, inner, inner_count);
    return 0;   /* on: a later use may keep the pointer */
}

/* The guard of parameter `position` of `function` in *locks (*count of
 * them, at most LC_EXTRACT_GUARD_LOCKS): the locks held at every use that
 * writes through it (every use when `reads`); -1 when the pointer may be
 * used with none of them (kept, too deep to tell). */
static int guard_function(const struct lc_extract_walk *walk, CXCursor function, unsigned position, int depth,
                          int reads, const char **locks, size_t *count)
{
    *count = 0;
    if (depth > LC_HELPER_LOCKS_DEPTH)
        return -1;
    struct guard_scan scan = { .walk = walk, .depth = depth, .reads = reads };
    int complete = lc_extract_param_uses(function, position, reads, guard_visit_use, &scan) == 0;
    if (scan.failed || !complete)
        return -1;
    if (scan.count > 0)
        memcpy(locks, scan.locks, scan.count * sizeof *locks);
    *count = scan.count;
    return 0;
}

/* Add the locks of `guard` that `fact` does not hold to its lockset. */
static void guard_add_locks(struct lc_extract_walk *walk, struct lc_access_fact *fact, const char **guard,
                            size_t count)
{
    const char **locks = lc_arena_alloc(&walk->facts->arena, (fact->locks.count + count) * sizeof *locks);
    if (!locks) {
        walk->out_of_memory = 1;
        return;
    }
    if (fact->locks.count > 0)
        memcpy(locks, fact->locks.locks, fact->locks.count * sizeof *locks);
    size_t total = fact->locks.count;
    for (size_t i = 0; i < count; i++) {
        int held = 0;
        for (size_t k = 0; k < fact->locks.count && !held; k++)
            held = strcmp(fact->locks.locks[k], guard[i]) == 0;
        if (!held)
            locks[total++] = guard[i];
    }
    fact->locks = (struct lc_lockset){ locks, total };
}

/* The guards computed for the TU's requests and exports, by function,
 * parameter and kind: many accesses go through one helper. */
struct guard_memo_entry {
    CXCursor definition;
    unsigned position;
    int reads, used, rc;
    size_t count;
    const char *locks[LC_EXTRACT_GUARD_LOCKS];
};

struct guard_memo {
    struct guard_memo_entry *entries;
    size_t mask;   /* capacity - 1: a power of two, or no table */
};

/* guard_function at depth 0, remembered in `memo` (when it has a table). */
static int guard_remembered(struct lc_extract_walk *walk, struct guard_memo *memo, CXCursor definition,
                            unsigned position, int reads, const char **locks, size_t *count)
{
    if (!memo->entries)
        return guard_function(walk, definition, position, 0, reads, locks, count);
    size_t slot = ((size_t)clang_hashCursor(definition) * 31u + position * 2u + (unsigned)reads) & memo->mask;
    for (;; slot = (slot + 1) & memo->mask) {
        struct guard_memo_entry *entry = &memo->entries[slot];
        if (!entry->used) {
            entry->definition = definition;
            entry->position = position;
            entry->reads = reads;
            entry->used = 1;
            entry->rc = guard_function(walk, definition, position, 0, reads, entry->locks, &entry->count);
        }
        if (entry->position == position && entry->reads == reads && clang_equalCursors(entry->definition, definition)) {
            if (entry->count > 0)
                memcpy(locks, entry->locks, entry->count * sizeof *locks);
            *count = entry->count;
            return entry->rc;
        }
    }
}

/* The helper locks of an exported definition (facts.h lc_helper_lock):
 * for each pointer-to-non-const parameter, the guard of a write when it
 * writes through it, else of a read (linking makes the caller's access a
 * read then). */
static void guard_export(struct lc_extract_walk *walk, struct guard_memo *memo, const struct lc_extract_export *export)
{
    struct lc_function_fact *fact = &walk->facts->functions[export->function];
    struct lc_helper_lock rows[64];
    unsigned count = 0;
    int params = clang_Cursor_getNumArguments(export->definition);
    for (int p = 0; p < params && p < 32 && count + LC_EXTRACT_GUARD_LOCKS <= 64; p++) {
        CXType type = clang_getCanonicalType(clang_getCursorType(clang_Cursor_getArgument(export->definition,
                                                                                           (unsigned)p)));
        if (type.kind != CXType_Pointer || clang_isConstQualifiedType(clang_getPointeeType(type)))
            continue;   /* only what is handed to a non-const pointer keeps its callee (via_callee_usr) */
        const char *guard[LC_EXTRACT_GUARD_LOCKS];
        size_t held = 0;
        int reads = !((fact->param_writes >> p) & 1u);
        if (guard_remembered(walk, memo, export->definition, (unsigned)p, reads, guard, &held) != 0)
            continue;
        for (size_t i = 0; i < held; i++)
            rows[count++] = (struct lc_helper_lock){ p, guard[i] };
    }
    if (count == 0)
        return;
    struct lc_helper_lock *kept = lc_arena_alloc(&walk->facts->arena, count * sizeof *kept);
    if (!kept) {
        walk->out_of_memory = 1;
        return;
    }
    memcpy(kept, rows, count * sizeof *kept);
    fact->helper_locks = kept;
    fact->helper_lock_count = count;
}

void lc_extract_helper_locks_apply(struct lc_extract_walk *walk)
{
    if (walk->use_lock_count == 0)
        return;   /* no lock held at any pointer: no guard */
    qsort(walk->use_locks, walk->use_lock_count, sizeof *walk->use_locks, guard_use_order);
    size_t keys = walk->guard_request_count, capacity = 16;
    for (size_t i = 0; i < walk->export_count; i++)
        if (walk->exports[i].locked) {
            int params = clang_Cursor_getNumArguments(walk->exports[i].definition);
            keys += params > 32 ? 32 : params > 0 ? (size_t)params : 0;
        }
    while (capacity < 2 * keys)
        capacity *= 2;
    struct guard_memo memo = { calloc(capacity, sizeof *memo.entries), capacity - 1 };   /* none: no memo */
    for (size_t i = 0; i < walk->guard_request_count && !walk->out_of_memory; i++) {
        const struct lc_extract_guard_request *request = &walk->guard_requests[i];
        const char *guard[LC_EXTRACT_GUARD_LOCKS];
        size_t count = 0;
        if (guard_remembered(walk, &memo, request->definition, request->position, request->reads, guard, &count) == 0
            && count > 0)
            guard_add_locks(walk, &walk->facts->accesses[request->access], guard, count);
    }
    for (size_t i = 0; i < walk->export_count && !walk->out_of_memory; i++)
        if (walk->exports[i].locked)
            guard_export(walk, &memo, &walk->exports[i]);
    free(memo.entries);
}
