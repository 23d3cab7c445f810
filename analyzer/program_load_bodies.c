/* program_load_bodies.c — loading what the store says about function
 * bodies beyond calls: loops (and which calls they hold), accesses to
 * globals and statics (their variables and the locks are objects:
 * program_load_objects.c), the locks held at calls and accesses, and the
 * lock objects of lock calls (lock_wrappers.c looks them up), and the tests
 * of globals each call runs under (call_guard).  Rows of a
 * body stored by several TUs (a header's inline function) are taken from
 * the TU that owns the body, as calls are. */
#include "program_load_internal.h"

#include "grow.h"

#include <stdlib.h>
#include <string.h>

#define BODIES_COUNT(names) (sizeof(names) / sizeof(names)[0])

static const enum lc_loop_kind bodies_loop_kinds[] = { LC_LOOP_FOR, LC_LOOP_WHILE, LC_LOOP_DO, LC_LOOP_GOTO };
static const char *const bodies_loop_kind_names[] = { "for", "while", "do", "goto" };
static const enum lc_loop_bound bodies_bounds[] = {
    LC_BOUND_SMALL_CONSTANT, LC_BOUND_CONSTANT, LC_BOUND_DATA, LC_BOUND_UNBOUNDED,
};
static const char *const bodies_bound_names[] = { "small", "constant", "data", "unbounded" };
static const enum lc_loop_source bodies_sources[] = { LC_SOURCE_INPUT, LC_SOURCE_STRING, LC_SOURCE_LOCAL,
                                                      LC_SOURCE_PARENT, LC_SOURCE_AMORTIZED, LC_SOURCE_WAIT };
static const char *const bodies_source_names[] = { "input", "string", "local", "parent", "amortized", "wait" };

static int bodies_lookup(const char *const *names, size_t count, const char *name)
{
    for (size_t i = 0; name && i < count; i++)
        if (strcmp(names[i], name) == 0)
            return (int)i;
    return 0;
}

/* Loops, then the innermost loop of each call; loop_of_row maps loop ids. */
/* A loop bounded by data that a `bounded NAME N` model names, or (`drain`)
 * one kept going by the non-zero results of a function a `drains NAME N`
 * model names (models.h): at most N rounds, a constant trip count, the
 * model said in its text. */
static void bodies_bounded_size(struct program_loader *loader, struct lc_program_loop *loop, const char *name,
                                int drain)
{
    struct lc_program *program = loader->program;
    const struct lc_bounded_size *size = loop->bound == LC_BOUND_DATA && program->models
                                             ? lc_models_find_bounded(program->models, name, drain)
                                             : NULL;
    if (!size)
        return;
    loop->bound = size->most <= LC_SMALL_TRIP_COUNT ? LC_BOUND_SMALL_CONSTANT : LC_BOUND_CONSTANT;
    loop->trip_count = size->most;
    const char *text = lc_arena_printf(&program->arena, "%s (%s %s %lld)", loop->bound_text ? loop->bound_text : name,
                                       drain ? "drains" : "bounded", name, size->most);
    if (text)
        loop->bound_text = text;
}

/* A loop moved on only by the results of a call a `blocking` model names
 * (`at += r` after `r = send(...)`): paced by the transfers, each round
 * moving data the others do not, so its rounds are a few partial
 * transfers, not work that grows on the loop's thread (what the call
 * waits for is blocking-call's). */
static void bodies_transfer(struct program_loader *loader, struct lc_program_loop *loop, const char *name)
{
    struct lc_program *program = loader->program;
    const struct lc_function_model *model = loop->bound == LC_BOUND_DATA && name && program->models
                                                ? lc_models_find(program->models, name)
                                                : NULL;
    if (!model || !model->blocking)
        return;
    loop->bound = LC_BOUND_SMALL_CONSTANT;
    loop->trip_count = LC_SMALL_TRIP_COUNT;
    const char *text = lc_arena_printf(&program->arena, "%s (each round one transfer by %s)",
                                       loop->bound_text ? loop->bound_text : name, name);
    if (text)
        loop->bound_text = text;
}

static int bodies_read_loops(struct program_bodies_loader *b)
{
    struct program_loader *loader = b->loader;
    struct lc_program *program = loader->program;
    int64_t loop_max = program_loader_max_id(loader, "SELECT coalesce(max(id), 0) FROM loop");
    uint32_t *loop_of_row = malloc(((size_t)(loop_max > 0 ? loop_max : 0) + 1) * sizeof *loop_of_row);
    sqlite3_stmt *stmt = program_loader_prepare(loader, "SELECT id, tu_id, function_id, kind, file_id, line, col,"
                                                        " parent_id, depth, bound, trip_count, bound_text, source, bound_param,"
                                                        " coalesce(walked_id, 0), guard_param, guard_test, guard_value,"
                                                        " coalesce(guard_field_id, 0), bound_name, coalesce(link_id, 0), loop_only, drain_name,"
                                                        " transfer_name, cursor_params, table_walk,"
                                                        " coalesce(owned_field_id, 0) FROM loop ORDER BY id");
    int rc = loop_of_row && stmt ? 0 : -1;
    if (loop_of_row)
        memset(loop_of_row, 0xff, ((size_t)(loop_max > 0 ? loop_max : 0) + 1) * sizeof *loop_of_row);
    while (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW) {
        uint32_t function = program_loader_function(loader, sqlite3_column_int64(stmt, 2));
        if (function == LC_NONE || !program_loader_owns(loader, function, sqlite3_column_int64(stmt, 1)))
            continue;
        if (lc_grow((void **)&program->loops, &b->loop_cap, program->loop_count,
                    sizeof *program->loops, 1024) != 0) {
            rc = -1;
            break;
        }
        int64_t parent_row = sqlite3_column_int64(stmt, 7);
        struct lc_program_loop *loop = &program->loops[program->loop_count];
        *loop = (struct lc_program_loop){
            .function = function,
            .kind = bodies_loop_kinds[bodies_lookup(bodies_loop_kind_names, BODIES_COUNT(bodies_loop_kind_names),
                                                    (const char *)sqlite3_column_text(stmt, 3))],
            .loc = { program_loader_file(loader, sqlite3_column_int64(stmt, 4)),
                     (unsigned)sqlite3_column_int(stmt, 5), (unsigned)sqlite3_column_int(stmt, 6) },
            .parent = parent_row > 0 && parent_row <= loop_max ? loop_of_row[parent_row] : LC_NONE,
            .depth = (unsigned)sqlite3_column_int(stmt, 8),
            .bound = bodies_bounds[bodies_lookup(bodies_bound_names, BODIES_COUNT(bodies_bound_names),
                                                 (const char *)sqlite3_column_text(stmt, 9))],
            .trip_count = sqlite3_column_int64(stmt, 10),
            .bound_text = lc_arena_strdup(&program->arena, (const char *)sqlite3_column_text(stmt, 11)),
            .source = bodies_sources[bodies_lookup(bodies_source_names, BODIES_COUNT(bodies_source_names),
                                                   (const char *)sqlite3_column_text(stmt, 12))],
            .bound_param = sqlite3_column_int(stmt, 13),
            /* the symbol for now: bodies_walked_objects maps it */
            .walked_object = (uint32_t)sqlite3_column_int64(stmt, 14),
            .walked_link = sqlite3_column_int64(stmt, 20),
            .loop_only = (uint8_t)sqlite3_column_int(stmt, 21),
            .cursor_params = (uint32_t)sqlite3_column_int64(stmt, 24),
            .table_walk = (uint8_t)sqlite3_column_int(stmt, 25),
            .owned_field = sqlite3_column_int64(stmt, 26),
            .param_guard = { .param = sqlite3_column_int(stmt, 15), .test = sqlite3_column_int(stmt, 16),
                             .value = sqlite3_column_int64(stmt, 17), .field_symbol = sqlite3_column_int64(stmt, 18) },
        };
        bodies_bounded_size(loader, loop, (const char *)sqlite3_column_text(stmt, 19), 0);
        bodies_bounded_size(loader, loop, (const char *)sqlite3_column_text(stmt, 22), 1);
        bodies_transfer(loader, loop, (const char *)sqlite3_column_text(stmt, 23));
        loop_of_row[sqlite3_column_int64(stmt, 0)] = program->loop_count++;
    }
    sqlite3_finalize(stmt);
    /* The call loader left each call's loop row id in its loop. */
    for (uint32_t c = 0; c < program->call_count; c++) {
        uint32_t loop_row = program->calls[c].loop;
        program->calls[c].loop = loop_row != LC_NONE && loop_row <= loop_max ? loop_of_row[loop_row] : LC_NONE;
    }
    free(loop_of_row);
    return rc;
}

static int bodies_read_accesses(struct program_bodies_loader *b, const uint32_t *call_of_row, int64_t call_row_max,
                                uint32_t **access_of_row, int64_t *access_max)
{
    struct program_loader *loader = b->loader;
    struct lc_program *program = loader->program;
    uint8_t *written = program_loader_written_records(loader);
    *access_max = program_loader_max_id(loader, "SELECT coalesce(max(id), 0) FROM access");
    *access_of_row = malloc(((size_t)*access_max + 1) * sizeof **access_of_row);
    sqlite3_stmt *stmt = program_loader_prepare(loader, "SELECT id, tu_id, function_id, variable_id, kind, atomic,"
                                                        " file_id, line, col, zero_guarded, via_callee_id, via_argument,"
                                                        " indexed, passed_record_id, loop_only, coalesce(exit_call_id, 0), error_return"
                                                        " FROM access ORDER BY id");
    int rc = *access_of_row && stmt && written ? 0 : -1;
    if (*access_of_row)
        memset(*access_of_row, 0xff, ((size_t)*access_max + 1) * sizeof **access_of_row);
    while (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW) {
        uint32_t function = program_loader_function(loader, sqlite3_column_int64(stmt, 2));
        if (function == LC_NONE || !program_loader_owns(loader, function, sqlite3_column_int64(stmt, 1)))
            continue;
        uint32_t variable = program_bodies_object(b, sqlite3_column_int64(stmt, 3));
        if (variable == LC_NONE || lc_grow((void **)&program->accesses, &b->access_cap,
                                           program->access_count, sizeof *program->accesses, 1024) != 0) {
            rc = -1;
            break;
        }
        const char *kind = (const char *)sqlite3_column_text(stmt, 4);
        int64_t exit_row = sqlite3_column_int64(stmt, 15);
        /* A write made by handing the address to a function of the program
         * stays one only when that function writes through the parameter. */
        int argument = sqlite3_column_int(stmt, 11);
        uint32_t callee = program_loader_via_callee(loader, sqlite3_column_int64(stmt, 10), argument);
        int callee_writes = callee == LC_NONE || ((loader->function_param_writes[callee] >> argument) & 1u);
        int writes = kind && strcmp(kind, "write") == 0 && callee_writes
                     && program_loader_passed_record_writes(loader, written, sqlite3_column_int64(stmt, 13));
        program->accesses[program->access_count] = (struct lc_program_access){
            .function = function,
            .variable = variable,
            .kind = writes ? LC_ACCESS_WRITE : LC_ACCESS_READ,
            .atomic = sqlite3_column_int(stmt, 5),
            .loc = { program_loader_file(loader, sqlite3_column_int64(stmt, 6)),
                     (unsigned)sqlite3_column_int(stmt, 7), (unsigned)sqlite3_column_int(stmt, 8) },
            .zero_guarded = (uint8_t)sqlite3_column_int(stmt, 9),
            .indexed = (uint8_t)sqlite3_column_int(stmt, 12),
            .loop_only = (uint8_t)sqlite3_column_int(stmt, 14),
            .exit_call = exit_row > 0 && exit_row <= call_row_max ? call_of_row[exit_row] : LC_NONE,
            .error_return = (uint8_t)sqlite3_column_int(stmt, 16),
        };
        /* The callee's helper locks are a write's when it writes through
         * the parameter, else a read's: only for an access of that kind. */
        if (callee != LC_NONE && writes == callee_writes) {
            if (lc_grow((void **)&b->vias, &b->via_cap, b->via_count, sizeof *b->vias, 64) != 0) {
                rc = -1;
                break;
            }
            b->vias[b->via_count++] = (struct program_access_via){ program->access_count, callee, argument };
        }
        (*access_of_row)[sqlite3_column_int64(stmt, 0)] = program->access_count++;
    }
    free(written);
    sqlite3_finalize(stmt);
    return rc;
}

/* Each loop's walked global, by symbol until now, becomes its object: the
 * loop's condition reads it, so it has one once the accesses are read. */
static int bodies_walked_objects(struct program_bodies_loader *b)
{
    struct lc_program *program = b->loader->program;
    for (uint32_t l = 0; l < program->loop_count; l++) {
        int64_t symbol = program->loops[l].walked_object;
        program->loops[l].walked_object =
            symbol > 0 && symbol <= b->loader->symbol_max ? b->symbol_object[symbol] : LC_NONE;
    }
    return 0;
}

/* Held locks, in row order: the rows of one owner are contiguous.  A
 * hand-off window's mark is no lock: it sets the owner's gate bits. */
static int bodies_read_held_locks(struct program_bodies_loader *b, const uint32_t *call_of_row, int64_t call_row_max,
                                  const uint32_t *access_of_row, int64_t access_max)
{
    struct lc_program *program = b->loader->program;
    sqlite3_stmt *stmt = program_loader_prepare(b->loader, "SELECT owner, owner_id, lock_id FROM held_lock");
    int rc = stmt ? 0 : -1;
    while (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW) {
        const char *owner = (const char *)sqlite3_column_text(stmt, 0);
        int64_t row = sqlite3_column_int64(stmt, 1);
        uint32_t *first, *count;
        uint8_t *windows, *unclosed = NULL;
        if (owner && owner[0] == 'c') {
            uint32_t call = row > 0 && row <= call_row_max ? call_of_row[row] : LC_NONE;
            if (call == LC_NONE)
                continue;
            first = &program->calls[call].first_lock;
            count = &program->calls[call].lock_count;
            windows = &program->calls[call].gate_windows;
            unclosed = &program->calls[call].gate_unclosed;
        } else {
            uint32_t access = row > 0 && row <= access_max ? access_of_row[row] : LC_NONE;
            if (access == LC_NONE)
                continue;
            first = &program->accesses[access].first_lock;
            count = &program->accesses[access].lock_count;
            windows = &program->accesses[access].gate_windows;
        }
        uint32_t lock = program_bodies_object(b, sqlite3_column_int64(stmt, 2));
        const struct lc_program_object *object = lock != LC_NONE ? &program->objects[lock] : NULL;
        if (object && object->gate_role) {
            uint8_t bit = program_load_gate_bit(program, object->gate_role);
            if (!object->gate_unclosed)
                *windows |= bit;
            else if (unclosed)
                *unclosed |= bit;
            continue;
        }
        if (lock == LC_NONE || lc_grow((void **)&program->held_locks, &b->held_cap,
                                       program->held_lock_count, sizeof *program->held_locks, 1024) != 0) {
            rc = -1;
            break;
        }
        if (*count == 0)
            *first = program->held_lock_count;
        program->held_locks[program->held_lock_count++] = lock;
        (*count)++;
    }
    sqlite3_finalize(stmt);
    return rc;
}

/* The tests of a global each call runs under, in row order: the rows of
 * one call are contiguous. */
static int bodies_read_call_guards(struct program_bodies_loader *b, const uint32_t *call_of_row, int64_t call_row_max)
{
    struct lc_program *program = b->loader->program;
    sqlite3_stmt *stmt = program_loader_prepare(b->loader, "SELECT call_id, variable_id, equal, value, pointer FROM call_guard");
    int rc = stmt ? 0 : -1;
    while (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW) {
        int64_t row = sqlite3_column_int64(stmt, 0);
        uint32_t call = row > 0 && row <= call_row_max ? call_of_row[row] : LC_NONE;
        if (call == LC_NONE)
            continue;
        uint32_t variable = program_bodies_object(b, sqlite3_column_int64(stmt, 1));
        if (variable == LC_NONE || lc_grow((void **)&program->guards, &b->guard_cap, program->guard_count,
                                           sizeof *program->guards, 1024) != 0) {
            rc = -1;
            break;
        }
        struct lc_program_call *c = &program->calls[call];
        if (c->extra == LC_NONE) {
            if (program->call_extra_count == LC_NONE - 1
                || lc_grow((void **)&program->call_extras, &b->call_extra_cap, program->call_extra_count,
                           sizeof *program->call_extras, 1024) != 0) {
                rc = -1;
                break;
            }
            c->extra = program->call_extra_count;
            program->call_extras[program->call_extra_count++] = lc_program_call_no_extra;
        }
        struct lc_program_call_extra *extra = &program->call_extras[c->extra];
        if (extra->guard_count == 0)
            extra->first_guard = program->guard_count;
        program->guards[program->guard_count++] = (struct lc_program_guard){
            .variable = variable, .equal = (uint8_t)(sqlite3_column_int(stmt, 2) != 0),
            .pointer = (uint8_t)(sqlite3_column_int(stmt, 4) != 0), .value = sqlite3_column_int64(stmt, 3)
        };
        extra->guard_count++;
    }
    sqlite3_finalize(stmt);
    return rc;
}

/* An object for the lock argument of every call of a lock model, so that a
 * lock only ever taken (`item_lock` takes `item_locks` and returns) has one,
 * and for the barrier of every call of a `barrier-wait` model. */
static int bodies_lock_arguments(struct program_bodies_loader *b)
{
    const struct lc_program *program = b->loader->program;
    for (uint32_t c = 0; c < program->call_count; c++) {
        const struct lc_program_call *call = &program->calls[c];
        if (call->callee.kind != LC_VALUE_FUNCTION || call->callee.function == LC_NONE)
            continue;
        const struct lc_function_model *model = program->functions[call->callee.function].model;
        int position = !model ? 0 : model->lock ? model->lock->position : model->barrier_position;
        if (position < 1 || (uint32_t)position > call->arg_count)
            continue;
        int64_t symbol = program->args[call->first_arg + (uint32_t)position - 1].symbol_id;
        if (symbol > 0 && program_bodies_object(b, symbol) == LC_NONE)
            return -1;
    }
    return 0;
}

int program_loader_read_bodies(struct program_loader *loader, const uint32_t *call_of_row, int64_t call_row_max)
{
    struct program_bodies_loader b = { .loader = loader, .call_extra_cap = loader->program->call_extra_count };
    lc_strmap_init(&b.families);
    b.symbol_object = malloc(((size_t)loader->symbol_max + 1) * sizeof *b.symbol_object);
    b.usr_of_symbol = program_loader_prepare(loader, "SELECT usr FROM symbol WHERE id = ?1");
    uint32_t *access_of_row = NULL;
    int64_t access_max = 0;
    int rc = -1;
    if (b.symbol_object && b.usr_of_symbol) {
        memset(b.symbol_object, 0xff, ((size_t)loader->symbol_max + 1) * sizeof *b.symbol_object);
        rc = bodies_read_loops(&b) == 0
                     && bodies_read_accesses(&b, call_of_row, call_row_max, &access_of_row, &access_max) == 0
                     && bodies_walked_objects(&b) == 0
                     && bodies_read_held_locks(&b, call_of_row, call_row_max, access_of_row, access_max) == 0
                     && program_bodies_helper_locks(&b) == 0
                     && bodies_read_call_guards(&b, call_of_row, call_row_max) == 0
                     && bodies_lock_arguments(&b) == 0
                 ? 0
                 : -1;
    }
    sqlite3_finalize(b.usr_of_symbol);
    lc_strmap_free(&b.families);
    free(b.vias);
    loader->program->object_of_symbol = b.symbol_object;
    loader->program->symbol_max = loader->symbol_max;
    free(access_of_row);
    return rc;
}
