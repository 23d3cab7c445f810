/* forks.c — calls in the child of a fork.  A call that runs only where an
 * earlier call returned 0 (lc_program_call_extra.zero_guard: `if ((pid = fork())
 * == 0) { ... }`, `case 0:` of `switch (fork())`) runs in a new process
 * when that call is a `fork NAME` model, or a function whose every
 * `return` gives such a call's result (redis's redisFork()), or that runs
 * where a call so guarded returned 0 (nested branches): that process
 * is not the event loop, so the call is marked in_child and linking drops
 * its targets.  So are the crash paths: panic(...) in `(panic(...),
 * abort())` (redis's serverAssert and serverPanic macros) is marked
 * never_returns. */
#include "descriptor_flow.h"
#include "program.h"

static enum lc_descriptor_source forks_classify_call(struct lc_program *program, uint32_t call, void *data,
                                                     uint32_t *from)
{
    (void)data;
    const struct lc_program_call *c = &program->calls[call];
    for (uint32_t t = 0; t < c->target_count; t++) {
        const struct lc_function_model *model = program->functions[program->targets[c->first_target + t]].model;
        if (model && model->forks)
            return LC_DESCRIPTOR_HOLDS;
    }
    return lc_descriptor_flow_returned(program, call, from);
}

/* Does `call` return what fork() does? */
static int forks_call_forks(struct lc_program *program, const struct lc_descriptor_flow *flow, uint32_t call)
{
    uint32_t from = LC_NONE;
    switch (forks_classify_call(program, call, NULL, &from)) {
    case LC_DESCRIPTOR_HOLDS:
        return 1;
    case LC_DESCRIPTOR_FOLLOWS:
        return from < flow->node_count && flow->holds[from];
    default:
        return 0;
    }
}

/* `(panic(...), abort())`: the call before one that never returns (a
 * `terminates` model) does not return either. */
static void forks_mark_crash_paths(struct lc_program *program)
{
    for (uint32_t i = 0; i < program->model_call_count; i++) {
        const struct lc_program_call *call = &program->calls[program->model_calls[i]];
        uint32_t after_comma = lc_program_call_extra_of(program, call)->after_comma;
        for (uint32_t t = 0; after_comma != LC_NONE && t < call->target_count; t++) {
            const struct lc_function_model *model = program->functions[program->targets[call->first_target + t]].model;
            if (model && model->terminates)
                program->calls[after_comma].never_returns = 1;
        }
    }
}

int lc_forks_resolve(struct lc_program *program)
{
    struct lc_descriptor_flow flow;
    if (lc_descriptor_flow_build(&flow, program, forks_classify_call, NULL) != 0) {
        lc_descriptor_flow_free(&flow);
        return -1;
    }
    lc_descriptor_flow_run(&flow);
    /* Guards nest: `if (save() == 0)` inside the child is guarded by save(),
     * whose own guard is the fork.  A guard comes before the call it guards. */
    for (uint32_t c = 0; c < program->call_count; c++) {
        uint32_t guard = lc_program_call_extra_of(program, &program->calls[c])->zero_guard;
        while (guard < c && !forks_call_forks(program, &flow, guard))
            guard = lc_program_call_extra_of(program, &program->calls[guard])->zero_guard;
        program->calls[c].in_child = guard < c;
    }
    lc_descriptor_flow_free(&flow);
    forks_mark_crash_paths(program);
    return 0;
}
