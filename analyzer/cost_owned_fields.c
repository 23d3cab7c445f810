/* cost_owned_fields.c — the pointer fields whose objects the program
 * frees through them, and the inner loops that walk such an object of
 * their enclosing loop's element (cost.h, lc_cost_owned_loops).  A field
 * given to a function for a parameter it frees every time it runs
 * (lc_cost_disposal: `smartlist_free_(ns->routerstatus_list)`, also
 * through tor's `*tmp` after `tmp = &(ns->routerstatus_list)`) holds an
 * object its record owns: each record has one of its own, so a loop over
 * the records walking each one's list (extract_loop_owned.c) visits every
 * entry once, not records times entries.  A field nothing frees through
 * (a back-pointer, `c->server`, or a shared object dropped by reference
 * count, `window_remove_ref(wl->window)`) stays a walk of shared data.
 * O(calls log calls + loops log calls). */
#include "cost.h"

#include <stdlib.h>

#include "grow.h"

static int owned_compare(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

int lc_cost_owned_loops(const struct lc_program *program, const uint32_t *frees, uint8_t *owned)
{
    int64_t *fields = NULL;
    size_t count = 0, cap = 0;
    for (uint32_t c = 0; c < program->call_count; c++) {
        const struct lc_program_call *call = &program->calls[c];
        if (call->target_count != 1)
            continue;
        uint32_t g = program->targets[call->first_target];
        if (!frees[g] || !lc_program_call_passes_arguments(call, g))
            continue;
        for (uint32_t p = 0; p < call->arg_count && p < LC_ELEMENT_ARGUMENTS; p++) {
            const struct lc_program_value *arg = &program->args[call->first_arg + p];
            if (!((frees[g] >> p) & 1u) || arg->kind != LC_VALUE_FIELD || arg->symbol_id == 0)
                continue;
            int64_t *slot = lc_grow_append((void **)&fields, &count, &cap, sizeof *fields, 64);
            if (!slot) {
                free(fields);
                return -1;
            }
            *slot = arg->symbol_id;
        }
    }
    if (count > 0)
        qsort(fields, count, sizeof *fields, owned_compare);
    for (uint32_t l = 0; l < program->loop_count; l++) {
        const struct lc_program_loop *loop = &program->loops[l];
        owned[l] = count > 0 && loop->owned_field != 0 && loop->source == LC_SOURCE_INPUT
                   && bsearch(&loop->owned_field, fields, count, sizeof *fields, owned_compare) != NULL;
    }
    free(fields);
    return 0;
}
