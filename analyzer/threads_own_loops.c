/* threads_own_loops.c — callbacks of an event loop that a thread runs
 * itself (a test thread calling uv_run on a loop of its own, a worker
 * calling a function modelled `runs-loop` such as event_base_loop): a callback
 * registered only by that thread's code runs on that thread, not on "the
 * event loop".  Registrations through a function pointer (libuv's
 * uv_timer_again re-arming handle->timer_cb) name no callback and are left
 * out; a registration from `main` or from the loop keeps the callback on
 * the loop.  The same for a function that is no entry, whose address such
 * a thread's code alone takes (passes it by name; never stored): coturn's
 * admin thread handing `https_input_handler` to its own
 * register_callback_on_ioa_socket, called back through a socket's field by
 * engine code every thread runs. */
#include "threads_internal.h"

#include <stdlib.h>

#define OWN_LOOP_UNSEEN UINT32_MAX
#define OWN_LOOP_NO (UINT32_MAX - 1)

/* The role of a registrar that runs on exactly one dispatching thread. */
static uint32_t own_loop_registrar_role(const struct lc_threads *t, const uint8_t *dispatching, uint32_t function)
{
    if (t->function_role_count[function] != 1)
        return OWN_LOOP_NO;
    uint32_t role = t->function_roles[(size_t)function * LC_THREAD_ROLE_CAP];
    return role != LC_THREAD_ROLE_LOOP && dispatching[role] ? role : OWN_LOOP_NO;
}

/* Record that call `c` registers loop entry `e` (or passes function `e`
 * by name, for lc_threads_own_loop_functions). */
static void own_loop_note(const struct lc_program *program, const struct lc_threads *t, const uint8_t *dispatching,
                          uint32_t e, uint32_t c, uint32_t *moved_role, uint32_t *moved_call)
{
    uint32_t role = own_loop_registrar_role(t, dispatching, program->calls[c].caller);
    if (moved_role[e] == OWN_LOOP_UNSEEN) {
        moved_role[e] = role;
        moved_call[e] = c;
    } else if (moved_role[e] != role) {
        moved_role[e] = OWN_LOOP_NO;
    }
}

/* Turn the marks left by own_loop_note into results: LC_NONE for what no
 * single own-loop thread takes; the number taken. */
static uint32_t own_loop_settle(uint32_t *role, uint32_t *call, uint32_t count)
{
    uint32_t taken = 0;
    for (uint32_t i = 0; i < count; i++) {
        if (role[i] == OWN_LOOP_UNSEEN || role[i] == OWN_LOOP_NO) {
            role[i] = LC_NONE;
            call[i] = LC_NONE;
        } else {
            taken++;
        }
    }
    return taken;
}

uint32_t lc_threads_own_loop_entries(const struct lc_program *program, const struct lc_threads *t,
                                     const uint8_t *dispatching, uint32_t *moved_role, uint32_t *moved_call)
{
    uint32_t *loop_entry = malloc(((size_t)program->function_count + 1) * sizeof *loop_entry);
    for (uint32_t e = 0; e < program->entry_count; e++) {
        moved_role[e] = OWN_LOOP_UNSEEN;
        moved_call[e] = LC_NONE;
    }
    if (!loop_entry)
        return 0;
    for (uint32_t f = 0; f < program->function_count; f++)
        loop_entry[f] = LC_NONE;
    for (uint32_t e = 0; e < program->entry_count; e++)
        if (program->entries[e].role == LC_ROLE_LOOP)
            loop_entry[program->entries[e].function] = e;
    for (uint32_t i = 0; i < program->model_call_count; i++) {
        uint32_t c = program->model_calls[i];
        const struct lc_program_call *call = &program->calls[c];
        for (uint32_t k = 0; k < call->target_count; k++) {
            const struct lc_function_model *model = program->functions[program->targets[call->first_target + k]].model;
            for (size_t m = 0; model && m < model->callback_count; m++) {
                const struct lc_callback_model *cb = &model->callbacks[m];
                if (cb->role != LC_ROLE_LOOP || cb->position < 1 || (uint32_t)cb->position > call->arg_count)
                    continue;
                const struct lc_program_value *arg = &program->args[call->first_arg + (uint32_t)cb->position - 1];
                if (arg->kind == LC_VALUE_FUNCTION && arg->function != LC_NONE && loop_entry[arg->function] != LC_NONE)
                    own_loop_note(program, t, dispatching, loop_entry[arg->function], c, moved_role, moved_call);
            }
        }
    }
    free(loop_entry);
    return own_loop_settle(moved_role, moved_call, program->entry_count);
}

uint32_t lc_threads_own_loop_functions(const struct lc_program *program, const struct lc_threads *t,
                                       const uint8_t *dispatching, uint32_t *owned_role, uint32_t *owned_call)
{
    for (uint32_t f = 0; f < program->function_count; f++) {
        owned_role[f] = OWN_LOOP_UNSEEN;
        owned_call[f] = LC_NONE;
    }
    for (uint32_t e = 0; e < program->entry_count; e++)
        owned_role[program->entries[e].function] = OWN_LOOP_NO;
    for (uint32_t s = 0; s < program->store_count; s++)
        if (program->stores[s].value.kind == LC_VALUE_FUNCTION && program->stores[s].value.function != LC_NONE)
            owned_role[program->stores[s].value.function] = OWN_LOOP_NO;
    for (uint32_t c = 0; c < program->call_count; c++) {
        const struct lc_program_call *call = &program->calls[c];
        for (uint32_t a = 0; a < call->arg_count; a++) {
            const struct lc_program_value *arg = &program->args[call->first_arg + a];
            if (arg->kind == LC_VALUE_FUNCTION && arg->function != LC_NONE && owned_role[arg->function] != OWN_LOOP_NO)
                own_loop_note(program, t, dispatching, arg->function, c, owned_role, owned_call);
        }
    }
    return own_loop_settle(owned_role, owned_call, program->function_count);
}
