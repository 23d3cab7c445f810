/* threads.h — which threads each function may run on, and which locks are
 * held whenever it runs.
 *
 * Thread roles: role 0 is the loop thread (every loop entry point); each
 * offloaded function (pool work, a thread's start routine, a `worker`
 * annotation) is a role of its own.  `main` and what only it reaches run
 * before the loop and get no role.  A role spreads with the context of
 * each path (threads_context.c): the tests of globals its calls ran under
 * (a call under a contradicting test is not made on that thread) and the
 * functions passed for function-pointer parameters; the loop's role, when
 * no entry moved to a thread's own loop, is the loop coloring's (color.c),
 * without context, as reachability is.  A role does not spread through a
 * function pointer into a function registered as an entry (a callback of
 * the loop, a pool's work): the caller dispatches it for its registration
 * (a thread running uv_run), and it keeps that registration's role.  Nor
 * does it spread through a field into a callback installed there only for
 * the duration of a call (scoped_callbacks.c) unless it runs the
 * installing function too.  Each
 * function keeps up to
 * LC_THREAD_ROLE_CAP roles (enough to tell one thread from several) and,
 * per role, the call through which that role first reached it, so a chain
 * can be printed.
 *
 * Entry locks: the locks held at every call of a function (intersection
 * over its callers, each caller adding its own entry locks; callers in the
 * function's own cycle count only when there is no other, with the locks
 * their calls hold themselves); a function registered as a callback or
 * with no caller has none.  So a helper that
 * every caller calls under a lock counts as protected.
 *
 * Executables: when the compile database builds several programs, each
 * role reaches each function in some of them only (threads_programs.c).
 * Processes: the same for the processes a test runner starts, one per
 * function modelled `process-main` (threads_processes.c).
 *
 * Main first: the functions `main` runs, through calls that always run,
 * before its first call that may start a thread or register a callback
 * (threads_main_first.c). */
#ifndef LOOPCHECK_THREADS_H
#define LOOPCHECK_THREADS_H

#include <stdint.h>

#include "program.h"

#define LC_THREAD_ROLE_CAP 4
#define LC_THREAD_ROLE_LOOP 0u

struct lc_thread_role_info {
    uint32_t entry;       /* index into program->entries; LC_NONE for the loop */
};

struct lc_threads {
    struct lc_thread_role_info *roles;  /* role id -> info */
    uint32_t role_count;
    uint32_t *function_roles;           /* function * CAP + i -> role id */
    uint8_t *function_role_count;
    uint32_t *role_parent;              /* function * CAP + i -> call, LC_NONE at the role's entry */
    uint32_t **entry_locks;             /* function -> sorted object indexes */
    uint32_t *entry_lock_count;
    uint64_t *programs;                 /* function * CAP + i -> the executables
                                           in which that role reaches it
                                           (threads_programs.c); NULL: any */
    uint64_t *processes;                /* (function * CAP + i) * process_words:
                                           the processes (`process-main`) in
                                           which that role reaches it
                                           (threads_processes.c); NULL: any */
    size_t process_words;
    uint64_t *main_first;               /* function -> the executables whose
                                           `main` runs it before it may start
                                           a thread (threads_main_first.c);
                                           0: none */
    struct lc_arena arena;              /* the lists above */
};

/* Compute the roles and entry locks from the program's reverse call graph,
 * components and loop coloring (lc_color_program computes them first, then
 * keeps the result in program->threads).  Returns 0, or -1 when they are missing or memory
 * runs out. */
int lc_threads_compute(const struct lc_program *program, struct lc_threads *threads);
void lc_threads_free(struct lc_threads *threads);

/* The executables in which `role` reaches `function` (bit i: the
 * program's program_names[i]; all bits when unknown).  Two accesses whose
 * sets are disjoint are in different processes. */
uint64_t lc_threads_programs_of(const struct lc_threads *threads, uint32_t function, uint32_t role);
/* Do the roles reach the two functions in a common process (always, when
 * no `process-main` model names one)?  Roles in no common process never
 * race. */
int lc_threads_share_process(const struct lc_threads *threads, uint32_t function_a, uint32_t role_a,
                             uint32_t function_b, uint32_t role_b);

/* Does `main` run `function` before anything else can run, in every
 * executable where a role reaches it (threads_main_first.c)?  Then a lazy
 * initialisation there (`if (!g) g = make();`) is `main`'s. */
int lc_threads_main_initialises(const struct lc_program *program, const struct lc_threads *threads,
                                uint32_t function);

/* Per access: a lazy write, made only while the variable is 0 / NULL
 * (threads_lazy_writes.c); NULL when memory runs out. */
uint8_t *lc_threads_lazy_writes(const struct lc_program *program, const struct lc_threads *threads);

/* May two runs of `role` overlap, and why (enum lc_entry_replication):
 * LC_ENTRY_ONCE for the loop and a role started once, the entry's
 * replication otherwise, or LC_ENTRY_QUEUED_ON_LOOP for pool work
 * registered by a function the loop runs. */
enum lc_entry_replication lc_threads_role_overlaps(const struct lc_program *program, const struct lc_threads *threads,
                                                   uint32_t role);
/* The slot of `role` among the roles of `function`, -1 when it has not. */
int lc_threads_role_slot(const struct lc_threads *threads, uint32_t function, uint32_t role);
/* Is `lock` among the locks held at every call of `function`? */
int lc_threads_entry_holds(const struct lc_threads *threads, uint32_t function, uint32_t lock);
/* A readable name of a role: "the event loop", "pool work 'compress_job'". */
const char *lc_threads_role_name(const struct lc_program *program, const struct lc_threads *threads, uint32_t role,
                                 struct lc_arena *arena);
/* The chain that puts `function` on `role` (registration, then calls), as
 * lc_chain_to_function does for the loop; NULL when it does not run there.
 * The loop's chain is the one the roles' walk took, which leaves out the
 * loop entries that threads' own loops run. */
struct lc_step *lc_threads_chain(const struct lc_program *program, const struct lc_threads *threads,
                                 uint32_t function, uint32_t role, size_t *count, struct lc_arena *arena);

#endif
