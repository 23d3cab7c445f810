/* check_blocking_call.c — `blocking-call`: a call that may block, made by a
 * function the event loop runs (and, in lock_wait.c, a lock the loop takes
 * while a worker may hold it across slow work).  One finding per call site, at the call,
 * with the shortest chain from an entry point, the number of entry points
 * that reach it, and the fix: the model's non-blocking alternative, or
 * offloading with the thread pool of the loop library in use. */
#include "blocking.h"
#include "chain.h"
#include "checks.h"
#include "lock_wait.h"
#include "program.h"
#include "strmap.h"

#include <string.h>

static const char *blocking_message(const struct lc_program *program, uint32_t call, uint32_t target,
                                    const struct lc_call_blocking *why, struct lc_arena *arena)
{
    const struct lc_program_call *c = &program->calls[call];
    const char *callee = program->functions[target].name;
    const char *reason = why->reason;
    unsigned entries = program->entry_points[c->caller];
    const struct lc_entry *entry = &program->entries[program->loop_entry[c->caller]];
    const char *instead = why->model && why->model->instead
        ? lc_arena_printf(arena, "instead: %s; or offload it: %s", why->model->instead,
                          lc_entry_offload_hint(program, c->caller))
        : lc_arena_printf(arena, "offload it: %s", lc_entry_offload_hint(program, c->caller));
    return lc_arena_printf(arena, "'%s' blocks the event loop: %s%s%s%s; reached from %s%u entry point%s (%s); %s",
                           callee, reason, why->because ? " (" : "", why->because ? why->because : "",
                           why->because ? ")" : "", entries >= LC_ENTRY_COUNT_CAP ? "at least " : "", entries,
                           entries == 1 ? "" : "s", lc_entry_describe(program, entry, arena), instead);
}

static void blocking_report(const struct lc_program *program, uint32_t call, uint32_t target,
                            const struct lc_call_blocking *why, struct lc_findings *out)
{
    const struct lc_program_call *c = &program->calls[call];
    struct lc_finding *finding = lc_findings_add(out);
    if (!finding)
        return;
    size_t count = 0;
    struct lc_step *chain = lc_chain_to_function(program, c->caller, 1, &count, &out->arena);
    finding->rule_id = "blocking-call";
    finding->level = LC_LEVEL_WARNING;
    finding->loc = c->loc;
    finding->message = blocking_message(program, call, target, why, &out->arena);
    if (chain) {
        chain[count].loc = c->loc;
        chain[count].message = lc_arena_printf(&out->arena, "'%s' calls '%s', which blocks",
                                               program->functions[c->caller].name, program->functions[target].name);
        finding->chain = chain;
        finding->chain_count = count + 1;
    }
}

static void check_blocking_call(const struct lc_program *program, struct lc_findings *out)
{
    struct lc_strmap reported; /* "file:line:col" of reported calls */
    lc_strmap_init(&reported);
    /* Only a call with a target a model or an annotation describes blocks
     * at the call itself (lc_call_blocks); program->model_calls lists them
     * in call order, which is caller order. */
    for (uint32_t i = 0; i < program->model_call_count; i++) {
        uint32_t c = program->model_calls[i], f = program->calls[c].caller;
        if (!program->on_loop[f] || !lc_program_function_is_followed(program, f)
            || lc_program_call_on_way_out(program, &program->calls[c]))
            continue;
        uint32_t target;
        struct lc_call_blocking why;
        if (lc_call_first_blocking_target(program, c, &out->arena, &target, &why)
            && lc_location_set_claim(&reported, &out->arena, &program->calls[c].loc))
            blocking_report(program, c, target, &why, out);
    }
    lc_strmap_free(&reported);
    lc_lock_wait_check(program, out);
}

const struct lc_check lc_check_blocking_call = {
    .id = "blocking-call",
    .level = LC_LEVEL_WARNING,
    .short_description = "A function the event loop runs makes a call that may block.",
    .full_description =
        "Every callback of an event loop runs on the loop's one thread. A call that waits - sleeping, "
        "disk I/O, a DNS lookup, a synchronous network or database client, waiting for a process or a "
        "lock - stalls every other client for as long as it waits. This check follows every chain of "
        "calls (direct and through function pointers) from each registered loop callback and reports "
        "each blocking call it reaches.",
    .help = "Use the non-blocking form the message names (e.g. uv_fs_* with a callback, uv_getaddrinfo, "
            "a timer instead of sleep), or move the work to the loop library's thread pool "
            "(uv_queue_work) and deliver the result back on the loop. To accept a call, put "
            "'loopcheck: ignore[blocking-call]' in a comment on its line or the line above.",
    .doc = "rules/blocking-call.md",
    .run = check_blocking_call,
};
