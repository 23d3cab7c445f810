/* program.c — freeing a loaded program (every stage's results with it),
 * and the small lookups the stages ask of it: the object of a value, a
 * function by name.  Loading is program_load*.c's. */
#include "program.h"

#include <stdlib.h>
#include <string.h>

#include "callers.h"
#include "cost.h"
#include "scc.h"
#include "threads.h"

void lc_program_free(struct lc_program *program)
{
    if (program->callers)
        lc_callers_free(program->callers);
    if (program->scc)
        lc_scc_free(program->scc);
    if (program->threads)
        lc_threads_free(program->threads);
    if (program->cost)
        lc_cost_free(program->cost);
    if (program->off_loop_cost)
        lc_cost_free(program->off_loop_cost);
    free(program->off_loop_cost);
    free(program->callers);
    free(program->scc);
    free(program->threads);
    free(program->cost);
    free(program->followed);
    free(program->target_start);
    lc_fpflow_free(program);
    free(program->functions);
    free(program->calls);
    free(program->args);
    free(program->targets);
    free(program->model_calls);
    free(program->stores);
    free(program->derived_stores);
    free(program->null_stores);
    free(program->object_stores);
    free(program->made_stores);
    free(program->link_writes);
    free(program->raised_limits);
    free(program->counted_fields);
    lc_made_objects_free(program->made_objects);
    free(program->loops);
    free(program->accesses);
    free(program->objects);
    free(program->held_locks);
    free(program->guards);
    for (uint32_t i = 0; program->call_extras && i < program->call_extra_count; i++)
        free(program->call_extras[i].unreached);
    free(program->call_extras);
    free(program->object_of_symbol);
    free(program->nonblocking_node);
    for (int state = 0; state < LC_STATE_COUNT; state++)
        free(program->state_node[state]);
    free(program->entries);
    free(program->keyed_callbacks);
    free(program->registered);
    free(program->on_loop);
    free(program->on_worker);
    free(program->blocking);
    free(program->loop_parent);
    free(program->loop_entry);
    free(program->loop_chain_program);
    free(program->loop_state_parent);
    free(program->entry_points);
    free(program->blocking_via);
    free(program->terminates);
    free(program->error_exits);
    lc_arena_free(&program->arena);
    memset(program, 0, sizeof *program);
}

uint32_t lc_program_value_object(const struct lc_program *program, const struct lc_program_value *value)
{
    if (!program->object_of_symbol || value->symbol_id <= 0 || value->symbol_id > program->symbol_max)
        return LC_NONE;
    return program->object_of_symbol[value->symbol_id];
}

uint64_t lc_program_every_program(const struct lc_program *program)
{
    return program->program_count >= 64 ? UINT64_MAX : ((uint64_t)1 << program->program_count) - 1;
}

uint32_t lc_program_find_function(const struct lc_program *program, const char *name)
{
    uint32_t found = LC_NONE;
    for (uint32_t f = 0; f < program->function_count; f++) {
        if (strcmp(program->functions[f].name, name) != 0)
            continue;
        if (found == LC_NONE || (program->functions[f].is_defined && !program->functions[found].is_defined))
            found = f;
    }
    return found;
}
