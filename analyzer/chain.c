/* chain.c — chains from the loop's entry points (chain.h). */
#include "chain.h"
#include "once_calls.h"

#include <string.h>

static const char *role_phrase(enum lc_thread_role role)
{
    switch (role) {
    case LC_ROLE_LOOP: return "loop callback";
    case LC_ROLE_POOL: return "thread-pool work function";
    case LC_ROLE_THREAD: return "thread function";
    }
    return "callback";
}

const char *lc_entry_describe(const struct lc_program *program, const struct lc_entry *entry,
                              struct lc_arena *arena)
{
    const char *name = program->functions[entry->function].name;
    const char *color = entry->role == LC_ROLE_LOOP ? "async" : "worker";
    if (!entry->api && entry->annotated_by)
        return lc_arena_printf(arena, "%s, annotated %s by %s:%u", name, color, entry->annotated_by->annotation_file,
                               entry->annotated_by->annotation_line);
    if (!entry->api)
        return lc_arena_printf(arena, "%s, annotated loopcheck:%s", name, color);
    return lc_arena_printf(arena, "%s, registered as a %s with %s", name, role_phrase(entry->role), entry->api);
}

/* The keys an argument is known to be when one may be known by its start
 * only: ", starting \"command \"", ", \"command msg\" or starting
 * \"command \""; "" when each is exact (the text shows them). */
static const char *chain_key_starts(const struct lc_arg_key *keys, struct lc_arena *arena)
{
    int starts = 0;
    for (const struct lc_arg_key *key = keys; key && key->text; key++)
        starts |= key->starts;
    const char *text = "";
    for (const struct lc_arg_key *key = keys; starts && text && key->text; key++)
        text = lc_arena_printf(arena, "%s%s%s\"%s\"", text, key == keys ? ", " : " or ",
                               key->starts ? "starting " : "", key->text);
    return text;
}

/* The dispatch call and its key as written: "signal_emit(\"setup
 * saved\")", "signal_emit_id(signal_pidwait)", "signal_emit(cmd, starting
 * \"command \")" for a key known by its start; "signal_continue (any
 * key)" for a dispatcher without a key. */
static const char *chain_dispatch_text(const struct lc_program *program, const struct lc_program_call *c,
                                       struct lc_arena *arena)
{
    const struct lc_program_function *dispatcher = &program->functions[c->callee.function];
    int key = dispatcher->model ? dispatcher->model->keyed_dispatch_key : 0;
    const struct lc_program_value *arg =
        key > 0 && (uint32_t)key <= c->arg_count ? &program->args[c->first_arg + (uint32_t)key - 1] : NULL;
    const char *starts = arg && arg->text ? chain_key_starts(arg->keys, arena) : NULL;
    if (arg && arg->text && starts && starts[0])
        return lc_arena_printf(arena, "%s(%s%s)", dispatcher->name, arg->text, starts);
    if (arg && arg->text)
        return lc_arena_printf(arena, "%s(%s)", dispatcher->name, arg->text);
    return lc_arena_printf(arena, "%s (any key)", dispatcher->name);
}

const char *lc_chain_call_text(const struct lc_program *program, uint32_t call, uint32_t callee,
                               struct lc_arena *arena)
{
    const struct lc_program_call *c = &program->calls[call];
    if (lc_once_call_function(program, c) == callee && c->callee.function != callee)
        return lc_arena_printf(arena, "'%s' runs '%s' through '%s', once in the process",
                               program->functions[c->caller].name, program->functions[callee].name,
                               program->functions[c->callee.function].name);
    if (!lc_program_call_passes_arguments(c, callee)) {
        const char *through = chain_dispatch_text(program, c, arena);
        return through ? lc_arena_printf(arena, "'%s' calls '%s' through %s", program->functions[c->caller].name,
                                         program->functions[callee].name, through)
                       : NULL;
    }
    return lc_arena_printf(arena, "'%s' calls '%s'%s", program->functions[c->caller].name, program->functions[callee].name,
                           c->callee.kind == LC_VALUE_FUNCTION ? "" : " through a function pointer");
}

const char *lc_entry_offload_hint(const struct lc_program *program, uint32_t function)
{
    uint32_t entry = program->loop_entry[function];
    const struct lc_library *library = entry != LC_NONE ? program->entries[entry].library : NULL;
    if (library && library->offload)
        return library->offload;
    return "hand the work to a worker thread and post the result back to the loop";
}

const char *lc_chain_entry_text(const struct lc_program *program, const struct lc_entry *entry,
                                struct lc_arena *arena)
{
    const char *name = program->functions[entry->function].name;
    if (entry->api)
        return lc_arena_printf(arena, "'%s' is registered as a %s with %s here, so it runs on the event loop", name,
                               role_phrase(entry->role), entry->api);
    return lc_arena_printf(arena, "'%s' is %s: it runs on the event loop", name,
                           lc_models_annotation_text(arena, entry->annotated_by, name, "async"));
}

/* The call through which the chain of `function`'s executable reaches `f`. */
static uint32_t chain_parent(const struct lc_program *program, uint32_t function, uint32_t f)
{
    return program->loop_state_parent[(size_t)program->loop_chain_program[function] * program->function_count + f];
}

struct lc_step *lc_chain_to_function(const struct lc_program *program, uint32_t function, size_t extra,
                                     size_t *count, struct lc_arena *arena)
{
    if (!program->on_loop[function] || program->loop_entry[function] == LC_NONE)
        return NULL;
    size_t calls = 0;
    for (uint32_t f = function; chain_parent(program, function, f) != LC_NONE;
         f = program->calls[chain_parent(program, function, f)].caller)
        calls++;
    struct lc_step *steps = lc_arena_alloc(arena, (1 + calls + extra) * sizeof *steps);
    if (!steps)
        return NULL;
    const struct lc_entry *entry = &program->entries[program->loop_entry[function]];
    steps[0].loc = entry->site;
    steps[0].message = lc_chain_entry_text(program, entry, arena);
    size_t i = calls;
    for (uint32_t f = function; chain_parent(program, function, f) != LC_NONE;
         f = program->calls[chain_parent(program, function, f)].caller) {
        steps[i].loc = program->calls[chain_parent(program, function, f)].loc;
        steps[i].message = lc_chain_call_text(program, chain_parent(program, function, f), f, arena);
        i--;
    }
    *count = 1 + calls;
    return steps;
}
