/* program_builder.h — for unit tests: build TU facts by hand (no libclang),
 * save them into a fresh store, and load, link and color the program. */
#ifndef LOOPCHECK_TEST_PROGRAM_BUILDER_H
#define LOOPCHECK_TEST_PROGRAM_BUILDER_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compdb.h"
#include "facts.h"
#include "models.h"
#include "program.h"
#include "store.h"

struct builder {
    char dir[64];
    char db_path[96];
    struct lc_store *store;
    struct lc_models models;
    struct lc_program program;
    struct lc_tu_facts facts;      /* the TU being written */
    struct lc_compile_command command;
    char *argv0;
    int tu_number;
};

static inline struct lc_value builder_function_value(const char *name)
{
    return (struct lc_value){ .kind = LC_VALUE_FUNCTION, .usr = name, .name = name };
}

static inline struct lc_value builder_field_value(struct builder *b, const char *record, const char *field)
{
    const char *usr = lc_arena_printf(&b->facts.arena, "c:@S@%s@FI@%s", record, field);
    return (struct lc_value){ .kind = LC_VALUE_FIELD, .usr = usr, .name = field, .record = record };
}

static inline struct lc_value builder_var_value(const char *name)
{
    return (struct lc_value){ .kind = LC_VALUE_VAR, .usr = name, .name = name };
}

static inline struct lc_value builder_param_value(const char *function, int index)
{
    return (struct lc_value){ .kind = LC_VALUE_PARAM, .usr = function, .name = "p", .param_index = index };
}

static inline struct lc_value builder_other_value(void)
{
    return (struct lc_value){ .kind = LC_VALUE_OTHER };
}

/* A string literal argument: its text (given at builder_call) is its value
 * between double quotes. */
static inline struct lc_value builder_string_value(void)
{
    return (struct lc_value){ .kind = LC_VALUE_STRING };
}

static inline struct lc_value builder_int_value(long long value)
{
    return (struct lc_value){ .kind = LC_VALUE_INT, .int_value = value };
}

static inline struct lc_value builder_null_value(void)
{
    return (struct lc_value){ .kind = LC_VALUE_NULL };
}

static inline void builder_begin(struct builder *b, const char *rules_text)
{
    memset(b, 0, sizeof *b);
    snprintf(b->dir, sizeof b->dir, "/tmp/lc-unit-XXXXXX");
    if (!mkdtemp(b->dir))
        abort();
    snprintf(b->db_path, sizeof b->db_path, "%s/test.db", b->dir);
    b->store = lc_store_open(b->db_path, stderr);
    lc_models_init(&b->models);
    if (rules_text && lc_models_load_text(&b->models, "test.rules", rules_text, stderr) != 0)
        abort();
}

/* Start the facts of a TU named `file` (created on disk so fingerprints
 * work). */
static inline void builder_tu(struct builder *b, const char *file)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", b->dir, file);
    FILE *f = fopen(path, "w");
    if (!f)
        abort();
    fprintf(f, "/* %s */\n", file);
    fclose(f);
    lc_tu_facts_init(&b->facts);
    b->facts.path = lc_arena_strdup(&b->facts.arena, path);
    b->command = (struct lc_compile_command){ .directory = b->dir, .file = (char *)b->facts.path,
                                              .args_hash = 42 };
}

static inline struct lc_location builder_loc(struct builder *b, unsigned line)
{
    return (struct lc_location){ .file = b->facts.path, .line = line, .col = 5 };
}

/* A function defined in the current TU; `annotations` as enum lc_annotation. */
static inline void builder_function(struct builder *b, const char *name, unsigned line, unsigned annotations)
{
    struct lc_function_fact *fn = lc_tu_facts_add_function(&b->facts);
    fn->usr = lc_arena_strdup(&b->facts.arena, name);
    fn->name = fn->usr;
    fn->loc = builder_loc(b, line);
    fn->is_definition = 1;
    fn->annotations = annotations;
}

/* A call from `caller` at `line` to `callee` with `nargs` arguments
 * (struct lc_value, then a const char * text for each). */
static inline void builder_call(struct builder *b, const char *caller, unsigned line, struct lc_value callee,
                                size_t nargs, ...)
{
    struct lc_call_fact *call = lc_tu_facts_add_call(&b->facts);
    call->caller_usr = lc_arena_strdup(&b->facts.arena, caller);
    call->callee = callee;
    call->loc = builder_loc(b, line);
    call->nargs = nargs;
    call->args = lc_arena_alloc(&b->facts.arena, (nargs + 1) * sizeof *call->args);
    call->arg_texts = lc_arena_alloc(&b->facts.arena, (nargs + 1) * sizeof *call->arg_texts);
    va_list ap;
    va_start(ap, nargs);
    for (size_t i = 0; i < nargs; i++) {
        call->args[i] = va_arg(ap, struct lc_value);
        call->arg_texts[i] = lc_arena_strdup(&b->facts.arena, va_arg(ap, const char *));
    }
    va_end(ap);
}

static inline void builder_store(struct builder *b, const char *in_function, unsigned line, struct lc_value target,
                                 struct lc_value value)
{
    struct lc_store_fact *store = lc_tu_facts_add_store(&b->facts);
    store->target = target;
    store->value = value;
    store->in_function_usr = in_function;
    store->loc = builder_loc(b, line);
}

/* A loop in `function` at `line`; returns its index for calls' loop_index
 * and children's parent. */
static inline int builder_loop(struct builder *b, const char *function, unsigned line, int parent,
                               enum lc_loop_bound bound, long long trip_count, const char *bound_text)
{
    struct lc_loop_fact *loop = lc_tu_facts_add_loop(&b->facts);
    loop->function_usr = lc_arena_strdup(&b->facts.arena, function);
    loop->kind = LC_LOOP_FOR;
    loop->loc = builder_loc(b, line);
    loop->parent_index = parent;
    loop->depth = parent < 0 ? 1 : b->facts.loops[parent].depth + 1;
    loop->bound = bound;
    loop->trip_count = trip_count;
    loop->bound_text = lc_arena_strdup(&b->facts.arena, bound_text);
    return (int)b->facts.loop_count - 1;
}

/* Put the last call made into loop `loop`. */
static inline void builder_in_loop(struct builder *b, int loop)
{
    b->facts.calls[b->facts.call_count - 1].loop_index = loop;
}

/* A lockset from a NULL-terminated list of lock usrs, in the facts' arena. */
static inline struct lc_lockset builder_locks(struct builder *b, const char *const *locks)
{
    struct lc_lockset set = { 0 };
    while (locks && locks[set.count])
        set.count++;
    set.locks = lc_arena_alloc(&b->facts.arena, (set.count + 1) * sizeof *set.locks);
    for (size_t i = 0; i < set.count; i++)
        set.locks[i] = lc_arena_strdup(&b->facts.arena, locks[i]);
    return set;
}

/* An access to `variable` in `function` at `line`, holding `locks`
 * (NULL-terminated, or NULL). */
static inline void builder_access(struct builder *b, const char *function, unsigned line, const char *variable,
                                  enum lc_access_kind kind, int atomic, const char *const *locks)
{
    struct lc_access_fact *access = lc_tu_facts_add_access(&b->facts);
    access->function_usr = lc_arena_strdup(&b->facts.arena, function);
    access->variable_usr = lc_arena_strdup(&b->facts.arena, variable);
    access->variable_name = access->variable_usr;
    access->kind = kind;
    access->atomic = atomic;
    access->loc = builder_loc(b, line);
    access->locks = builder_locks(b, locks);
}

/* The last call made holds `locks`. */
static inline void builder_call_locks(struct builder *b, const char *const *locks)
{
    b->facts.calls[b->facts.call_count - 1].locks = builder_locks(b, locks);
}

/* The last call made runs so surely (facts.h enum lc_call_runs). */
static inline void builder_call_runs(struct builder *b, int runs)
{
    b->facts.calls[b->facts.call_count - 1].runs = runs;
}

static inline int builder_end_tu(struct builder *b)
{
    int rc = lc_store_save_tu(b->store, &b->command, &b->facts, 1.0, stderr);
    lc_tu_facts_free(&b->facts);
    return rc;
}

/* Load, link and color everything saved so far. */
static inline int builder_link(struct builder *b)
{
    if (lc_program_load(&b->program, b->store, &b->models, stderr) != 0)
        return -1;
    if (lc_fpflow_resolve(&b->program, stderr) != 0)
        return -1;
    return lc_color_program(&b->program);
}

static inline uint32_t builder_find(struct builder *b, const char *name)
{
    return lc_program_find_function(&b->program, name);
}

static inline void builder_free(struct builder *b)
{
    lc_program_free(&b->program);
    lc_models_free(&b->models);
    lc_store_close(b->store);
    char command[160];
    snprintf(command, sizeof command, "rm -rf '%s'", b->dir);
    if (system(command) != 0)
        fprintf(stderr, "cannot remove %s\n", b->dir);
}

#endif
