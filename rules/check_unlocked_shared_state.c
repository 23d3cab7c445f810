/* check_unlocked_shared_state.c — `unlocked-shared-state`: a global or
 * static accessed from two thread roles (the loop and a worker, or two
 * workers, or two runs of one worker that may overlap: pool work or a
 * thread started in a loop, at two places, or pool work the loop queues),
 * at least one access a write, with no lock common to both.
 * One finding per variable, at its first unprotected write in source
 * order (not in the order the store loads accesses); the other side's
 * accesses and the chain that puts them on their thread are related
 * locations.  Atomics are not races; what only `main` touches happens
 * before the loop and is left out, and so is a lazy initialisation that
 * `main` does first (lazy_initialised), and what a function run once
 * does (once_calls.h: it initialises what its callers use after it).
 * Accesses are keyed by field path
 * (`settings.port`, `queue->head`, `threads[*].stats`): two accesses of one
 * variable overlap when one path is the other or a part of it (`settings`
 * as a whole, `memset(&settings, ...)`, overlaps every field, `threads[*]`
 * every field of every element); `settings.port` and `settings.name`
 * never race, nor do `threads[*].stats` and `threads[*].ev_queue`.  Still one finding per variable, at its
 * first racing field.  An access made where every other thread is paused
 * (LC_LOCK_THREADS_PAUSED held: between a `pause-threads` and a
 * `resume-threads` call, or in a function only called there) races with
 * nothing.  Nor does a pair of roles one of which makes its access before
 * a barrier both wait on once, the other after it (barriers.h), nor a loop
 * access made outside every hand-off window of a gated thread and that
 * thread's access (gates.h). */
#include "barriers.h"
#include "checks.h"
#include "gates.h"
#include "locks.h"
#include "once_calls.h"
#include "shared_state.h"

#include <stdlib.h>
#include <string.h>


/* Locks held at an access: its own and its function's entry locks. */
int shared_holds(const struct shared_state *s, const struct lc_program_access *a, uint32_t lock)
{
    for (uint32_t i = 0; i < a->lock_count; i++)
        if (s->program->held_locks[a->first_lock + i] == lock)
            return 1;
    return lc_locks_entry_held_at(s->program, s->threads, a->function, lock, &a->loc);
}

/* Is every other thread paused at the access: does it hold the pause's
 * pseudo-lock, itself or on entry to its function? */
int shared_paused(const struct shared_state *s, const struct lc_program_access *a)
{
    const struct lc_program *program = s->program;
    for (uint32_t i = 0; i < a->lock_count; i++)
        if (program->objects[program->held_locks[a->first_lock + i]].threads_paused)
            return 1;
    for (uint32_t i = 0; i < s->threads->entry_lock_count[a->function]; i++) {
        uint32_t lock = s->threads->entry_locks[a->function][i];
        if (program->objects[lock].threads_paused
            && lc_locks_entry_held_at(program, s->threads, a->function, lock, &a->loc))
            return 1;
    }
    return 0;
}

/* The locks held at an access, the pause of the other threads left out. */
int shared_lock_count(const struct shared_state *s, const struct lc_program_access *a)
{
    const struct lc_program *program = s->program;
    int count = 0;
    for (uint32_t i = 0; i < a->lock_count; i++)
        count += !program->objects[program->held_locks[a->first_lock + i]].threads_paused;
    for (uint32_t i = 0; i < s->threads->entry_lock_count[a->function]; i++) {
        uint32_t lock = s->threads->entry_locks[a->function][i];
        count += !program->objects[lock].threads_paused
                 && lc_locks_entry_held_at(program, s->threads, a->function, lock, &a->loc);
    }
    return count;
}

/* Does `lock`, held at both a and b, keep them apart?  An element of an
 * array of locks (striped: the two may hold different elements) does only
 * for accesses through an element on both sides, the data it stripes. */
static int shared_lock_guards(const struct shared_state *s, uint32_t lock, const struct lc_program_access *a,
                              const struct lc_program_access *b)
{
    return !s->program->objects[lock].element_lock || (a->indexed && b->indexed);
}

static int shared_common_lock(const struct shared_state *s, const struct lc_program_access *a,
                              const struct lc_program_access *b)
{
    for (uint32_t i = 0; i < a->lock_count; i++) {
        uint32_t lock = s->program->held_locks[a->first_lock + i];
        if (shared_holds(s, b, lock) && shared_lock_guards(s, lock, a, b))
            return 1;
    }
    for (uint32_t i = 0; i < s->threads->entry_lock_count[a->function]; i++) {
        uint32_t lock = s->threads->entry_locks[a->function][i];
        if (shared_holds(s, a, lock) && shared_holds(s, b, lock) && shared_lock_guards(s, lock, a, b))
            return 1;
    }
    return 0;
}

/* A role of a's function different from one of b's (or the same one,
 * when two runs of it may overlap: lc_threads_role_overlaps, and not both
 * accesses are through an element: each run is taken to have its own
 * slot, `results[id]`), reaching them in a
 * common executable and process, not ordered by a barrier (one before
 * it, the other after), not a loop access outside every hand-off
 * window of the other role's gate (gates.h), and the loop's for an access
 * made only on the loop's thread (past a `loop-thread-test`): the pair
 * may run at once.
 * Returns 1 and the two roles. */
static int shared_concurrent(const struct shared_state *s, const struct lc_program_access *a,
                             const struct lc_program_access *b, uint32_t *role_a, uint32_t *role_b)
{
    const struct lc_threads *t = s->threads;
    /* Prefer a pair with the loop: it names the thread users think of
     * (a pool function can also be reached from the pool's own thread);
     * then two roles; then two runs of one role. */
    for (int pass = 0; pass < 3; pass++)
        for (uint8_t i = 0; i < t->function_role_count[a->function]; i++)
            for (uint8_t j = 0; j < t->function_role_count[b->function]; j++) {
                uint32_t ra = t->function_roles[(size_t)a->function * LC_THREAD_ROLE_CAP + i];
                uint32_t rb = t->function_roles[(size_t)b->function * LC_THREAD_ROLE_CAP + j];
                int has_loop = ra == LC_THREAD_ROLE_LOOP || rb == LC_THREAD_ROLE_LOOP;
                int wanted = pass == 0 ? ra != rb && has_loop
                           : pass == 1 ? ra != rb
                                       : ra == rb && !(a->indexed && b->indexed)
                                             && lc_threads_role_overlaps(s->program, t, ra) != LC_ENTRY_ONCE;
                if (wanted
                    && (ra == LC_THREAD_ROLE_LOOP || !a->loop_only) && (rb == LC_THREAD_ROLE_LOOP || !b->loop_only)
                    && (lc_threads_programs_of(t, a->function, ra) & lc_threads_programs_of(t, b->function, rb))
                    && lc_threads_share_process(t, a->function, ra, b->function, rb)
                    && !lc_barriers_order(s->barriers, ra, a->function, &a->loc, rb, b->function, &b->loc)
                    && !(ra == LC_THREAD_ROLE_LOOP && lc_gates_apart(s->gates, t, a, rb, b))
                    && !(rb == LC_THREAD_ROLE_LOOP && lc_gates_apart(s->gates, t, b, ra, a))) {
                    *role_a = ra;
                    *role_b = rb;
                    return 1;
                }
            }
    return 0;
}

/* Do two accesses of one variable touch the same memory: the same field
 * path, or one path inside the other ("stats" and "stats.hits", "queue"
 * and "queue->head", "threads" and "threads[*]", "threads[*]" and
 * "threads[*].stats")? */
int shared_overlap(const struct lc_program *program, const struct lc_program_access *a,
                          const struct lc_program_access *b)
{
    if (a->variable == b->variable)
        return 1;
    const char *x = program->objects[a->variable].name, *y = program->objects[b->variable].name;
    size_t lx = strlen(x), ly = strlen(y);
    if (lx > ly) {
        const char *t = x;
        x = y;
        y = t;
        lx = ly;
    }
    return strncmp(x, y, lx) == 0 && (y[lx] == '.' || y[lx] == '-' || y[lx] == '[');
}

/* An access with its location, sorted into source order (file, line,
 * column, reads first) so the finding does not depend on the order the
 * store loads accesses in (a merged database holds them in another). */
struct shared_located {
    struct lc_location loc;
    enum lc_access_kind kind;
    uint32_t access;
};

static int shared_compare_locations(const void *x, const void *y)
{
    const struct shared_located *a = x, *b = y;
    int by_place = lc_location_compare(&a->loc, &b->loc);
    return by_place ? by_place : (int)a->kind - (int)b->kind;
}

static void shared_sort_accesses(const struct lc_program *program, uint32_t *accesses, uint32_t count)
{
    struct shared_located *located = malloc(((size_t)count + 1) * sizeof *located);
    if (!located)
        return;   /* the load order, then */
    for (uint32_t i = 0; i < count; i++) {
        const struct lc_program_access *a = &program->accesses[accesses[i]];
        located[i] = (struct shared_located){ a->loc, a->kind, accesses[i] };
    }
    qsort(located, count, sizeof *located, shared_compare_locations);
    for (uint32_t i = 0; i < count; i++)
        accesses[i] = located[i].access;
    free(located);
}

/* One variable's accesses, all its field paths (atomic and main-only ones
 * and those on the way out of the process left out), put in source order. */
static void shared_check_variable(const struct shared_state *s, uint32_t *accesses, uint32_t count,
                                  struct lc_findings *out)
{
    const struct lc_program *program = s->program;
    shared_sort_accesses(program, accesses, count);
    uint32_t best_write = LC_NONE, best_other = LC_NONE, best_rw = 0, best_ro = 0;
    for (uint32_t i = 0; i < count; i++) {
        const struct lc_program_access *w = &program->accesses[accesses[i]];
        if (w->kind != LC_ACCESS_WRITE || shared_paused(s, w))
            continue;
        for (uint32_t j = 0; j < count; j++) {
            const struct lc_program_access *o = &program->accesses[accesses[j]];
            uint32_t rw, ro;
            if (!shared_overlap(program, w, o) || shared_paused(s, o) || !shared_concurrent(s, w, o, &rw, &ro)
                || shared_common_lock(s, w, o))
                continue;
            /* Prefer an unprotected write, then the earliest. */
            int better = best_write == LC_NONE
                         || (shared_lock_count(s, w) == 0 && shared_lock_count(s, &program->accesses[best_write]) > 0);
            if (better) {
                best_write = accesses[i];
                best_other = accesses[j];
                best_rw = rw;
                best_ro = ro;
            }
            break;
        }
    }
    if (best_write != LC_NONE)
        shared_report(s, accesses, count, best_write, best_other, best_rw, best_ro, out);
}

/* Per object: is every write of it, anywhere (also in `main`), a lazy
 * initialisation, a write made only while it is 0 (`if (!g) g = make();`,
 * `if (!table) build_table();`: lc_threads_lazy_writes)?  Then a test of
 * it that fails is final: once written, it stays.  NULL when memory runs
 * out. */
static uint8_t *shared_lazy_variables(const struct lc_program *program, const uint8_t *lazy_writes)
{
    uint8_t *lazy = malloc((size_t)program->object_count + 1);
    if (!lazy)
        return NULL;
    memset(lazy, 1, (size_t)program->object_count + 1);
    for (uint32_t a = 0; a < program->access_count; a++) {
        const struct lc_program_access *access = &program->accesses[a];
        if (access->kind == LC_ACCESS_WRITE && !lazy_writes[a])
            lazy[access->variable] = 0;
    }
    return lazy;
}

/* A lazy initialisation `main` does before anything else can run
 * (lc_threads_main_initialises): the write happens once, on main, and
 * every later call on any thread only reads, as the test fails. */
static int shared_main_initialises(const struct lc_program *program, const uint8_t *lazy, const uint8_t *lazy_writes,
                                   uint32_t a)
{
    const struct lc_program_access *access = &program->accesses[a];
    return access->kind == LC_ACCESS_WRITE && lazy_writes[a] && lazy[access->variable]
           && lc_threads_main_initialises(program, program->threads, access->function);
}

static void check_unlocked_shared_state(const struct lc_program *program, struct lc_findings *out)
{
    const struct lc_threads *threads = program->threads;
    if (!threads)
        return;
    struct lc_barriers barriers;
    lc_barriers_compute(program, threads, &barriers);   /* none known when memory runs out */
    struct lc_gates gates;
    lc_gates_compute(program, threads, &gates);         /* none trusted when memory runs out */
    uint8_t *once = lc_once_functions(program);          /* none known when memory runs out */
    struct shared_state s = { program, threads, &barriers, &gates };
    uint8_t *lazy_writes = lc_threads_lazy_writes(program, threads);
    uint8_t *lazy = lazy_writes ? shared_lazy_variables(program, lazy_writes) : NULL;
    /* Group the accesses that matter by variable (counting sort). */
    uint32_t *start = calloc((size_t)program->object_count + 2, sizeof *start);
    uint32_t *order = malloc(((size_t)program->access_count + 1) * sizeof *order);
    for (uint32_t pass = 0; start && order && lazy && pass < 2; pass++) {
        for (uint32_t a = 0; a < program->access_count; a++) {
            const struct lc_program_access *access = &program->accesses[a];
            if (access->atomic || threads->function_role_count[access->function] == 0
                || lc_program_access_on_way_out(program, access) || shared_main_initialises(program, lazy, lazy_writes, a)
                || (once && once[access->function]))
                continue;
            uint32_t family = program->objects[access->variable].family;
            if (pass == 0)
                start[family + 2]++;
            else
                order[start[family + 1]++] = a;
        }
        for (uint32_t v = 0; pass == 0 && v < program->object_count; v++)
            start[v + 2] += start[v + 1];
    }
    for (uint32_t v = 0; start && order && lazy && v < program->object_count; v++)
        /* One access can race with itself: a function that runs on two
         * threads. */
        if (start[v + 1] - start[v] >= 1)
            shared_check_variable(&s, &order[start[v]], start[v + 1] - start[v], out);
    free(start);
    free(order);
    free(lazy);
    free(lazy_writes);
    free(once);
    lc_barriers_free(&barriers);
    lc_gates_free(&gates);
}

const struct lc_check lc_check_unlocked_shared_state = {
    .id = "unlocked-shared-state",
    .level = LC_LEVEL_WARNING,
    .short_description = "A global or static is shared by the loop and a worker thread without a common lock.",
    .full_description =
        "Work offloaded from the event loop runs on other threads. As soon as it is, data that both sides "
        "touch needs a lock: a global or static written on one thread and read or written on another, with "
        "no lock held by both accesses, is a data race. loopcheck knows the thread each function runs on "
        "(the loop, each thread-pool work function, each thread) and the locks held at each access "
        "(including locks every caller holds), and reports each such variable once.",
    .help = "Take one mutex around every access, make the variable _Atomic, or hand the data over through "
            "the loop (the after-work callback runs on the loop; uv_async_send wakes it) instead of sharing "
            "it. To accept it, put 'loopcheck: ignore[unlocked-shared-state]' in a comment on the reported "
            "line or the line above.",
    .doc = "rules/unlocked-shared-state.md",
    .run = check_unlocked_shared_state,
};
