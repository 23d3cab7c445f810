/* color.c — coloring: which functions run on the loop (breadth-first from
 * the entry points, so each keeps the shortest chain), which on workers,
 * which may block (backwards from blocking calls), and how many distinct
 * entry points reach each (capped).  Every pass is O(V + E); the entry
 * count pass is O(LC_ENTRY_COUNT_CAP * (V + E)). */
#include "blocking.h"
#include "callers.h"
#include "program.h"

#include <stdlib.h>
#include <string.h>

/* Breadth-first from the entries of the given roles; marks `seen` and, when
 * `parent` is set, records the chain. */
static int color_reach(struct lc_program *program, int want_loop, uint8_t *seen, uint32_t *parent,
                       uint32_t *entry_of)
{
    uint32_t *queue = malloc(((size_t)program->function_count + 1) * sizeof *queue);
    if (!queue)
        return -1;
    uint32_t head = 0, tail = 0;
    for (uint32_t e = 0; e < program->entry_count; e++) {
        const struct lc_entry *entry = &program->entries[e];
        if ((entry->role == LC_ROLE_LOOP) != want_loop || seen[entry->function])
            continue;
        seen[entry->function] = 1;
        if (parent) {
            parent[entry->function] = LC_NONE;
            entry_of[entry->function] = e;
        }
        queue[tail++] = entry->function;
    }
    while (head < tail) {
        uint32_t f = queue[head++];
        if (!lc_program_function_is_followed(program, f))
            continue;
        const struct lc_program_function *fn = &program->functions[f];
        for (uint32_t c = fn->first_call; c < fn->first_call + fn->call_count; c++) {
            const struct lc_program_call *call = &program->calls[c];
            for (uint32_t t = 0; t < call->target_count; t++) {
                uint32_t g = program->targets[call->first_target + t];
                if (seen[g])
                    continue;
                seen[g] = 1;
                if (parent) {
                    parent[g] = c;
                    entry_of[g] = entry_of[f];
                }
                queue[tail++] = g;
            }
        }
    }
    free(queue);
    return 0;
}

/* Backwards from every blocking call: a followed function that makes one
 * blocks too. */
static int color_blocking(struct lc_program *program)
{
    uint32_t n = program->function_count;
    struct lc_callers callers;
    uint32_t *queue = malloc(((size_t)n + 1) * sizeof *queue);
    if (!queue || lc_callers_build(program, &callers) != 0) {
        free(queue);
        return -1;
    }
    uint32_t head = 0, tail = 0;
    for (uint32_t c = 0; c < program->call_count; c++) {
        const struct lc_program_call *call = &program->calls[c];
        for (uint32_t t = 0; t < call->target_count; t++) {
            uint32_t g = program->targets[call->first_target + t];
            if (!lc_call_blocks(program, c, g, NULL).blocks)
                continue;
            if (!program->blocking[g]) {
                program->blocking[g] = 1;
                queue[tail++] = g;
            }
        }
    }
    while (head < tail) {
        uint32_t g = queue[head++];
        for (uint32_t i = callers.start[g]; i < callers.start[g + 1]; i++) {
            uint32_t c = callers.calls[i], f = program->calls[c].caller;
            if (program->blocking[f] || !lc_program_function_is_followed(program, f))
                continue;
            /* A modelled callee blocks only where its conditions hold. */
            if (program->functions[g].model && !lc_call_blocks(program, c, g, NULL).blocks)
                continue;
            program->blocking[f] = 1;
            program->blocking_via[f] = c;
            queue[tail++] = f;
        }
    }
    lc_callers_free(&callers);
    free(queue);
    return 0;
}

/* Merge `from`'s entry set into `to`'s; 1 when `to` grew. */
static int color_merge_entries(uint32_t *sets, uint8_t *counts, uint32_t from, uint32_t to)
{
    int grew = 0;
    for (uint32_t i = 0; i < counts[from] && counts[to] < LC_ENTRY_COUNT_CAP; i++) {
        uint32_t entry = sets[(size_t)from * LC_ENTRY_COUNT_CAP + i];
        int present = 0;
        for (uint32_t j = 0; j < counts[to] && !present; j++)
            present = sets[(size_t)to * LC_ENTRY_COUNT_CAP + j] == entry;
        if (!present) {
            sets[(size_t)to * LC_ENTRY_COUNT_CAP + counts[to]++] = entry;
            grew = 1;
        }
    }
    return grew;
}

static int color_entry_points(struct lc_program *program)
{
    uint32_t n = program->function_count;
    uint32_t *sets = malloc(((size_t)n * LC_ENTRY_COUNT_CAP + 1) * sizeof *sets);
    uint32_t *queue = malloc(((size_t)n * (LC_ENTRY_COUNT_CAP + 1) + 1) * sizeof *queue);
    uint8_t *queued = calloc((size_t)n + 1, 1);
    int rc = -1;
    if (!sets || !queue || !queued)
        goto done;
    size_t head = 0, tail = 0;
    for (uint32_t e = 0; e < program->entry_count; e++) {
        uint32_t f = program->entries[e].function;
        if (program->entries[e].role != LC_ROLE_LOOP || program->entry_points[f] >= LC_ENTRY_COUNT_CAP)
            continue;
        int present = 0;
        for (uint32_t j = 0; j < program->entry_points[f]; j++)
            present |= sets[(size_t)f * LC_ENTRY_COUNT_CAP + j] == f;
        if (!present)
            sets[(size_t)f * LC_ENTRY_COUNT_CAP + program->entry_points[f]++] = f;
        if (!queued[f]) {
            queued[f] = 1;
            queue[tail++] = f;
        }
    }
    /* Each set grows at most LC_ENTRY_COUNT_CAP times, so each function is
     * queued at most LC_ENTRY_COUNT_CAP + 1 times. */
    while (head < tail) {
        uint32_t f = queue[head++];
        queued[f] = 0;
        if (!lc_program_function_is_followed(program, f))
            continue;
        const struct lc_program_function *fn = &program->functions[f];
        for (uint32_t c = fn->first_call; c < fn->first_call + fn->call_count; c++) {
            for (uint32_t t = 0; t < program->calls[c].target_count; t++) {
                uint32_t g = program->targets[program->calls[c].first_target + t];
                if (color_merge_entries(sets, program->entry_points, f, g) && !queued[g]) {
                    queued[g] = 1;
                    queue[tail++] = g;
                }
            }
        }
    }
    rc = 0;
done:
    free(sets);
    free(queue);
    free(queued);
    return rc;
}

int lc_color_program(struct lc_program *program)
{
    size_t n = (size_t)program->function_count + 1;
    program->on_loop = calloc(n, 1);
    program->on_worker = calloc(n, 1);
    program->blocking = calloc(n, 1);
    program->entry_points = calloc(n, 1);
    program->loop_parent = malloc(n * sizeof *program->loop_parent);
    program->loop_entry = malloc(n * sizeof *program->loop_entry);
    program->blocking_via = malloc(n * sizeof *program->blocking_via);
    if (!program->on_loop || !program->on_worker || !program->blocking || !program->entry_points
        || !program->loop_parent || !program->loop_entry || !program->blocking_via)
        return -1;
    memset(program->loop_parent, 0xff, n * sizeof *program->loop_parent);
    memset(program->loop_entry, 0xff, n * sizeof *program->loop_entry);
    memset(program->blocking_via, 0xff, n * sizeof *program->blocking_via);
    if (color_reach(program, 1, program->on_loop, program->loop_parent, program->loop_entry) != 0
        || color_reach(program, 0, program->on_worker, NULL, NULL) != 0 || color_blocking(program) != 0
        || color_entry_points(program) != 0)
        return -1;
    return 0;
}
