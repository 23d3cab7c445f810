/* check_cpu_heavy_loop.c — `cpu-heavy-loop`: data-dependent work nested
 * deep enough (see analyzer/cost.h), or a call to an expensive library
 * function, in code the event loop runs.  One finding per loop nest or
 * call, at the loop statement (or the call), with the chain from the entry
 * point, the nest that makes it expensive, and the offload to use. */
#include "chain.h"
#include "checks.h"
#include "cost.h"
#include "program.h"
#include "strmap.h"

#include <string.h>

#define CPU_CHAIN_STEPS 8

static const char *cpu_loop_phrase(const struct lc_program_loop *loop, struct lc_arena *arena)
{
    switch (loop->bound) {
    case LC_BOUND_DATA:
        return loop->bound_text ? lc_arena_printf(arena, "a loop bounded by `%s`", loop->bound_text)
                                : "a data-dependent loop";
    case LC_BOUND_UNBOUNDED: return "an unbounded loop";
    case LC_BOUND_CONSTANT:
        if (loop->trip_count == 0)
            return "a loop over a compiled-in table";
        return lc_arena_printf(arena, "a loop of %lld iterations", loop->trip_count);
    case LC_BOUND_SMALL_CONSTANT: return lc_arena_printf(arena, "a loop of %lld iterations", loop->trip_count);
    }
    return "a loop";
}

/* What callee g does besides walking a parameter, when that alone makes
 * its level `level` here (the first kind of tracker whose rest does);
 * else its own cause. */
static struct lc_cost_why cpu_rest_why(const struct lc_cost *cost, uint32_t g, unsigned level)
{
    for (int k = 0; k < LC_COST_LINEAR_KINDS; k++) {
        const struct lc_cost_linear *kind = &cost->linear[k];
        if (kind->level_but[g] >= level && kind->why_but[g].cause != LC_COST_CAUSE_NONE)
            return kind->why_but[g];
    }
    return cost->function_why[g];
}

/* Follow the causes from a loop or call down to the work itself, adding
 * one related location per step; returns the description.  Past a call
 * passing a constant that fails the test its callee's costliest work runs
 * under, the callee's causes are those without that work. */
static const char *cpu_describe(const struct lc_program *program, const struct lc_cost *cost,
                                struct lc_cost_why at, struct lc_finding *finding, struct lc_arena *arena)
{
    const char *text = NULL;
    const struct lc_cost_guarded *guarded = NULL;   /* the test failing in `guarded_function` */
    uint32_t guarded_function = LC_NONE;
    finding->related = lc_arena_alloc(arena, CPU_CHAIN_STEPS * sizeof *finding->related);
    for (int step = 0; step < CPU_CHAIN_STEPS && at.cause != LC_COST_CAUSE_NONE && finding->related; step++) {
        struct lc_step *related = &finding->related[finding->related_count++];
        const char *phrase;
        if (at.cause == LC_COST_CAUSE_LOOP) {
            const struct lc_program_loop *loop = &program->loops[at.index];
            phrase = cpu_loop_phrase(loop, arena);
            related->loc = loop->loc;
            at = guarded && loop->function == guarded_function
                     ? lc_cost_guarded_loop_why(cost, guarded, guarded_function, at.index)
                     : cost->loop_why[at.index];
        } else {
            const struct lc_program_call *call = &program->calls[at.index];
            uint32_t heaviest = LC_NONE;
            unsigned heaviest_level = 0;
            for (uint32_t t = 0; t < call->target_count; t++) {
                uint32_t g = program->targets[call->first_target + t];
                unsigned level = lc_cost_target_level_at(program, cost, g, call);
                if (level > heaviest_level) {
                    heaviest = g;
                    heaviest_level = level;
                }
            }
            related->loc = call->loc;
            if (heaviest == LC_NONE)
                break;
            const struct lc_program_function *fn = &program->functions[heaviest];
            if (fn->model && fn->model->cpu_heavy) {
                phrase = lc_arena_printf(arena, "a call to '%s' (%s)", fn->name, fn->model->cpu_heavy->reason);
                at.cause = LC_COST_CAUSE_NONE;
            } else {
                phrase = lc_arena_printf(arena, "a call to '%s'%s", fn->name,
                                         cost->recursive[heaviest] ? " (recursive)" : "");
                guarded = lc_cost_guard_failing_at(program, cost, heaviest, call);
                if (guarded && guarded->level != heaviest_level)
                    guarded = NULL;
                guarded_function = heaviest;
                /* What the callee does besides walking the parameter its
                 * loops are bounded by, when that alone makes the level
                 * here (always, where the call gives it its loop's element,
                 * its cursor or a small constant there): a reason whatever
                 * the argument. */
                at = guarded ? guarded->why : cpu_rest_why(cost, heaviest, heaviest_level);
            }
        }
        related->message = phrase;
        text = text ? lc_arena_printf(arena, "%s, in it %s", text, phrase) : phrase;
    }
    return text ? text : "expensive work";
}

/* `repeated`: the level counts the recursion of `function` repeating the
 * work at every step (cost->loop_repeated), which the reason says. */
static void cpu_report(const struct lc_program *program, const struct lc_cost *cost, uint32_t function,
                       struct lc_location loc, struct lc_cost_why what, unsigned level, int repeated,
                       struct lc_findings *out)
{
    struct lc_finding *finding = lc_findings_add(out);
    if (!finding)
        return;
    size_t count = 0;
    struct lc_step *chain = lc_chain_to_function(program, function, 1, &count, &out->arena);
    const char *work = cpu_describe(program, cost, what, finding, &out->arena);
    if (repeated)
        work = lc_arena_printf(&out->arena, "%s, repeated at every step of the recursion of '%s'", work,
                               program->functions[function].name);
    const struct lc_entry *entry = &program->entries[program->loop_entry[function]];
    unsigned entries = program->entry_points[function];
    const char *offload = lc_entry_offload_hint(program, function);
    const char *instead = "";
    if (what.cause == LC_COST_CAUSE_CALL) {
        for (uint32_t t = 0; t < program->calls[what.index].target_count; t++) {
            const struct lc_program_function *fn =
                &program->functions[program->targets[program->calls[what.index].first_target + t]];
            if (fn->model && fn->model->cpu_heavy && fn->model->cpu_heavy->instead)
                instead = lc_arena_printf(&out->arena, "instead: %s; or ", fn->model->cpu_heavy->instead);
        }
    }
    finding->rule_id = "cpu-heavy-loop";
    finding->level = LC_LEVEL_WARNING;
    finding->loc = loc;
    finding->message = lc_arena_printf(
        &out->arena,
        "'%s' does CPU-bound work on the event loop (cost level %u: %s); reached from %s%u entry point%s (%s); "
        "%soffload it: %s",
        program->functions[function].name, level, work, entries >= LC_ENTRY_COUNT_CAP ? "at least " : "", entries,
        entries == 1 ? "" : "s", lc_entry_describe(program, entry, &out->arena), instead, offload);
    if (chain) {
        chain[count].loc = loc;
        chain[count].message = lc_arena_printf(&out->arena, "'%s' does the work here", program->functions[function].name);
        finding->chain = chain;
        finding->chain_count = count + 1;
    }
}

/* The loop or call that really carries a heavy loop's cost: past wrappers
 * that add nothing themselves (a `for (i = 0; i < 4; i++)` around the work). */
static struct lc_cost_why cpu_culprit(const struct lc_program *program, const struct lc_cost *cost, uint32_t loop)
{
    struct lc_cost_why at = { LC_COST_CAUSE_LOOP, loop };
    while (at.cause == LC_COST_CAUSE_LOOP) {
        const struct lc_program_loop *l = &program->loops[at.index];
        struct lc_cost_why inner = cost->loop_why[at.index];
        int adds_nothing = l->bound == LC_BOUND_SMALL_CONSTANT;
        if (!adds_nothing || inner.cause == LC_COST_CAUSE_NONE)
            break;
        if (inner.cause == LC_COST_CAUSE_CALL && program->calls[inner.index].caller != l->function)
            break;
        at = inner;
    }
    return at;
}

static void check_cpu_heavy_loop(const struct lc_program *program, struct lc_findings *out)
{
    const struct lc_cost *cost = program->cost;
    if (!cost)
        return;
    unsigned threshold = program->cpu_heavy_level ? program->cpu_heavy_level : LC_COST_HEAVY;
    for (uint32_t f = 0; f < program->function_count; f++) {
        if (!program->on_loop[f] || !lc_program_function_is_followed(program, f)
            || lc_program_function_is_cheap(&program->functions[f]))
            continue;   /* said cheap: its work is bounded or amortised */
        for (uint32_t i = cost->loops_start[f]; i < cost->loops_start[f + 1]; i++) {
            uint32_t l = cost->loops_of_function[i];
            if (program->loops[l].parent != LC_NONE || cost->loop_level[l] < threshold)
                continue;
            struct lc_cost_why at = cpu_culprit(program, cost, l);
            struct lc_location loc = at.cause == LC_COST_CAUSE_LOOP ? program->loops[at.index].loc
                                                                     : program->calls[at.index].loc;
            cpu_report(program, cost, f, loc, at, cost->loop_level[l], cost->loop_repeated[l], out);
        }
        const struct lc_program_function *fn = &program->functions[f];
        for (uint32_t c = fn->first_call; c < fn->first_call + fn->call_count; c++) {
            if (program->calls[c].loop != LC_NONE)
                continue;
            for (uint32_t t = 0; t < program->calls[c].target_count && LC_COST_HEAVY >= threshold; t++) {
                uint32_t g = program->targets[program->calls[c].first_target + t];
                if (cost->target_kind[g] == LC_COST_TARGET_HEAVY) {   /* a cpu-heavy model */
                    cpu_report(program, cost, f, program->calls[c].loc, (struct lc_cost_why){ LC_COST_CAUSE_CALL, c },
                               LC_COST_HEAVY, 0, out);
                    break;
                }
            }
        }
    }
}

const struct lc_check lc_check_cpu_heavy_loop = {
    .id = "cpu-heavy-loop",
    .level = LC_LEVEL_WARNING,
    .short_description = "A function the event loop runs does CPU-bound work that grows with its input.",
    .full_description =
        "An event loop serves every client from one thread, so work that computes for long - nested loops "
        "over data, unbounded scans, recursion over data, big-number arithmetic, compression, password "
        "hashing - stalls every other client as surely as a blocking call. loopcheck gives each loop and "
        "function a cost level (data-dependent loops nested in loops or in called functions, recursion, "
        "expensive library calls) and reports work at or above the threshold in code the loop reaches.",
    .help = "Move the work to the loop library's thread pool (uv_queue_work, lcrt_queue_work, "
            "g_task_run_in_thread) and deliver the result back on the loop, or split it into chunks that "
            "yield back to the loop (an idle or timer callback doing a bounded slice per turn). To accept "
            "it, put 'loopcheck: ignore[cpu-heavy-loop]' in a comment on the reported line or the line above.",
    .doc = "rules/cpu-heavy-loop.md",
    .run = check_cpu_heavy_loop,
};
