/* cost_registry.c — the loops over a small registry filled at start-up
 * (cost.h): a loop walking a global collection (its walked_object,
 * extract_loop_registry.c) that is written somewhere, and only by
 * functions neither the loop nor a worker reaches — the init functions
 * main calls before the loop runs, the deinit after it — walks as many
 * elements as the program registered, not as many as its input brings.
 * Every write of the variable or of a field path of it counts (its
 * family), its address passed on too (the access facts).  What the loop
 * reaches is what the coloring resolved: a handler run through a
 * dispatcher loopcheck does not follow (a string-keyed signal table, a
 * module's init function looked up by name) counts as not reached, so a
 * write made there counts as one at start-up.
 *
 * How many registrations: each write counts once per call path to the
 * function making it, through start-up functions, from one no start-up
 * function calls (main, a module's init function).
 * `chat_protocol_register` called from one init function is one;
 * `command_bind` called from hundreds of init functions is hundreds, and a
 * walk over such a registry stays a loop bounded by data.  A registry of
 * at most LC_COST_REGISTRY_SMALL registrations is a constant (level 0),
 * like a small fixed-size table.  A start-up function in a recursion
 * counts as many.  The path counts are one pass over the components,
 * callers first: O(V + E), then one pass over the accesses and the loops. */
#include "cost.h"

#include <stdlib.h>

#include "callers.h"
#include "scc.h"

#define REGISTRY_MANY (LC_COST_REGISTRY_SMALL + 1)   /* a count past the cap */

static uint32_t registry_add(uint32_t a, uint32_t b)
{
    return a + b > REGISTRY_MANY ? REGISTRY_MANY : a + b;
}

static int registry_at_run_time(const struct lc_program *program, uint32_t f)
{
    return program->on_loop[f] || program->on_worker[f];
}

/* Per start-up function, its call paths from a function nothing at
 * start-up calls, capped at REGISTRY_MANY. */
static void registry_paths(const struct lc_program *program, uint32_t *paths)
{
    const struct lc_scc *scc = program->scc;
    const struct lc_callers *callers = program->callers;
    for (uint32_t k = scc->component_count; k > 0; k--) {
        uint32_t first = scc->component_start[k - 1], last = scc->component_start[k];
        for (uint32_t i = first; i < last; i++) {
            uint32_t f = scc->order[i], count = 0;
            if (last - first > 1) {
                paths[f] = REGISTRY_MANY;
                continue;
            }
            for (uint32_t r = callers->start[f]; r < callers->start[f + 1]; r++) {
                uint32_t g = callers->functions[r];
                if (g != f && !registry_at_run_time(program, g))
                    count = registry_add(count, paths[g]);
            }
            paths[f] = count > 0 ? count : 1;
        }
    }
}

int lc_cost_registry_loops(const struct lc_program *program, uint8_t *registry)
{
    if (!program->on_loop || !program->on_worker || !program->scc || !program->callers)
        return 0;
    uint32_t walking = 0;   /* no loop walks a global: nothing to count */
    for (uint32_t l = 0; l < program->loop_count && !walking; l++)
        walking = program->loops[l].walked_object != LC_NONE;
    if (!walking)
        return 0;
    uint32_t *paths = malloc(((size_t)program->function_count + 1) * sizeof *paths);
    uint32_t *registrations = calloc((size_t)program->object_count + 1, sizeof *registrations);
    uint8_t *written_at_run_time = calloc((size_t)program->object_count + 1, 1);
    int rc = paths && registrations && written_at_run_time ? 0 : -1;
    if (rc == 0)
        registry_paths(program, paths);
    for (uint32_t a = 0; rc == 0 && a < program->access_count; a++) {
        const struct lc_program_access *access = &program->accesses[a];
        uint32_t family = program->objects[access->variable].family;
        if (access->kind != LC_ACCESS_WRITE)
            continue;
        if (registry_at_run_time(program, access->function))
            written_at_run_time[family] = 1;
        else
            registrations[family] = registry_add(registrations[family], paths[access->function]);
    }
    for (uint32_t l = 0; rc == 0 && l < program->loop_count; l++) {
        uint32_t walked = program->loops[l].walked_object;
        uint32_t family = walked != LC_NONE ? program->objects[walked].family : LC_NONE;
        registry[l] = family != LC_NONE && !written_at_run_time[family] && registrations[family] > 0
                      && registrations[family] <= LC_COST_REGISTRY_SMALL;
    }
    free(paths);
    free(registrations);
    free(written_at_run_time);
    return rc;
}
