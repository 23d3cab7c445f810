/* threads_lazy_writes.c — which writes of a global are made only while it
 * is still 0 / NULL (lazy initialisation, unlocked-shared-state): a write
 * under a test of the variable in its own function (`if (!g) g = make();`,
 * facts.h zero_guarded), or a write of the variable by a function every
 * call of which is either under such a test in its caller (`if (table ==
 * NULL) build_table();`) or made by a function that only `main` runs,
 * before anything else can (threads.h main_first, reached by no thread
 * role): coturn's `set_system_parameters()` building the base64 table that
 * `base64_decode` builds again only while it is NULL.  A function whose
 * address is taken (stored, passed, registered) may be called from
 * anywhere: its writes are not lazy. */
#include <stdlib.h>
#include <string.h>

#include "callers.h"
#include "threads.h"

/* Does call `k` run only where `variable` is 0 / NULL (a test in its
 * caller)? */
static int lazy_call_under_zero_test(const struct lc_program *program, uint32_t k, uint32_t variable)
{
    const struct lc_program_call_extra *extra = lc_program_call_extra_of(program, &program->calls[k]);
    for (uint32_t g = extra->first_guard; g < extra->first_guard + extra->guard_count; g++)
        if (program->guards[g].variable == variable && program->guards[g].equal && program->guards[g].value == 0)
            return 1;
    return 0;
}

/* Is every call of `function` made under a zero test of `variable`, or by
 * a function only main's start-up runs? */
static int lazy_called_lazily(const struct lc_program *program, const struct lc_threads *threads,
                              const uint8_t *taken, uint32_t function, uint32_t variable)
{
    const struct lc_callers *callers = program->callers;
    if (taken[function] || callers->start[function] == callers->start[function + 1])
        return 0;
    for (uint32_t r = callers->start[function]; r < callers->start[function + 1]; r++) {
        uint32_t caller = callers->functions[r];
        int start_up_only = threads->main_first[caller] != 0 && threads->function_role_count[caller] == 0;
        if (!start_up_only && !lazy_call_under_zero_test(program, callers->calls[r], variable))
            return 0;
    }
    return 1;
}

uint8_t *lc_threads_lazy_writes(const struct lc_program *program, const struct lc_threads *threads)
{
    uint8_t *lazy = calloc((size_t)program->access_count + 1, 1);
    uint8_t *taken = lazy && program->callers ? lc_program_address_taken(program) : NULL;
    if (!taken) {
        free(lazy);
        return NULL;
    }
    for (uint32_t a = 0; a < program->access_count; a++) {
        const struct lc_program_access *access = &program->accesses[a];
        if (access->kind != LC_ACCESS_WRITE)
            continue;
        const char *name = program->objects[access->variable].name;
        int whole = name && !strpbrk(name, ".-[");   /* not a field path: "g.f", "g->f" */
        lazy[a] = access->zero_guarded
                  || (whole && lazy_called_lazily(program, threads, taken, access->function, access->variable));
    }
    free(taken);
    return lazy;
}
