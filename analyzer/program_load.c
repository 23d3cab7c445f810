/* program_load.c — reading every stored fact into a `struct lc_program`.
 *
 * Functions, calls and stores are read TU by TU, the TUs sorted by path:
 * the order of the program's arrays — and with it every tie a check breaks
 * (which entry point a chain starts from) — does not depend on the order
 * the TUs were parsed, stored or merged in (ids differ between a run with
 * -j 1, one with -j 8 and a merge of shards; the findings must not).
 *
 * A function defined in a header is stored once per TU that includes it;
 * its calls are taken from one TU only (the first, in path order, that
 * defines it), so call sites are never duplicated. */
#include "program_load_internal.h"

#include <stdlib.h>
#include <string.h>

#include "callers.h"
#include "cost.h"
#include "scc.h"
#include "threads.h"

int64_t program_loader_max_id(struct program_loader *loader, const char *sql)
{
    sqlite3_stmt *stmt;
    int64_t max = -1;
    if (sqlite3_prepare_v2(loader->db, sql, -1, &stmt, NULL) == SQLITE_OK) {
        if (sqlite3_step(stmt) == SQLITE_ROW)
            max = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
    }
    return max;
}

sqlite3_stmt *program_loader_prepare(struct program_loader *loader, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(loader->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        fprintf(loader->err, "loopcheck: cannot read the database: %s\n", sqlite3_errmsg(loader->db));
        return NULL;
    }
    return stmt;
}

int program_loader_grow(void **items, uint32_t *cap, uint32_t count, size_t size)
{
    if (count < *cap)
        return 0;
    uint32_t new_cap = *cap ? *cap * 2 : 1024;
    void *grown = realloc(*items, (size_t)new_cap * size);
    if (!grown)
        return -1;
    *items = grown;
    *cap = new_cap;
    return 0;
}

/* id -> string table from a two-column query. */
static const char **program_loader_strings(struct program_loader *loader, const char *max_sql, const char *sql, int64_t *max)
{
    *max = program_loader_max_id(loader, max_sql);
    if (*max < 0)
        *max = 0;
    const char **strings = calloc((size_t)*max + 1, sizeof *strings);
    sqlite3_stmt *stmt = program_loader_prepare(loader, sql);
    if (!strings || !stmt) {
        sqlite3_finalize(stmt);
        free(strings);
        return NULL;
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(stmt, 0);
        if (id >= 0 && id <= *max)
            strings[id] = lc_arena_strdup(&loader->program->arena, (const char *)sqlite3_column_text(stmt, 1));
    }
    sqlite3_finalize(stmt);
    return strings;
}

/* The function for a symbol, created on first use. */
uint32_t program_loader_function(struct program_loader *loader, int64_t symbol_id)
{
    if (symbol_id <= 0 || symbol_id > loader->symbol_max)
        return LC_NONE;
    uint32_t index = loader->symbol_function[symbol_id];
    if (index != LC_NONE)
        return index;
    struct lc_program *program = loader->program;
    uint32_t old_cap = loader->function_cap;
    if (program_loader_grow((void **)&program->functions, &loader->function_cap, program->function_count,
                    sizeof *program->functions) != 0)
        return LC_NONE;
    if (old_cap != loader->function_cap) {
        struct program_owner **owners = realloc(loader->function_owners, loader->function_cap * sizeof *owners);
        int *statics = realloc(loader->function_is_static, loader->function_cap * sizeof *statics);
        if (owners)
            loader->function_owners = owners;
        if (statics)
            loader->function_is_static = statics;
        if (!owners || !statics)
            return LC_NONE;
    }
    index = program->function_count++;
    struct lc_program_function *fn = &program->functions[index];
    memset(fn, 0, sizeof *fn);
    fn->name = loader->symbol_names[symbol_id] ? loader->symbol_names[symbol_id] : "";
    fn->symbol_id = symbol_id;
    loader->function_owners[index] = NULL;
    loader->function_is_static[index] = 0;
    loader->symbol_function[symbol_id] = index;
    return index;
}

const char *program_loader_file(struct program_loader *loader, int64_t file_id)
{
    return file_id >= 0 && file_id <= loader->file_max ? loader->file_paths[file_id] : NULL;
}

/* Record a definition; a TU whose definition is at a place already owned
 * is not an owner. */
static int loader_add_owner(struct program_loader *loader, uint32_t function, int64_t tu_id, int64_t file_id, int line)
{
    for (struct program_owner *o = loader->function_owners[function]; o; o = o->next)
        if (o->file_id == file_id && o->line == line)
            return 0;
    struct program_owner *owner = lc_arena_alloc(&loader->program->arena, sizeof *owner);
    if (!owner)
        return -1;
    *owner = (struct program_owner){ tu_id, file_id, line, loader->function_owners[function] };
    loader->function_owners[function] = owner;
    return 0;
}

int program_loader_owns(const struct program_loader *loader, uint32_t function, int64_t tu_id)
{
    for (const struct program_owner *o = loader->function_owners[function]; o; o = o->next)
        if (o->tu_id == tu_id)
            return 1;
    return 0;
}

/* The TUs, sorted by the path of their source file. */
static int loader_read_tu_order(struct program_loader *loader)
{
    int64_t count = program_loader_max_id(loader, "SELECT count(*) FROM tu");
    sqlite3_stmt *stmt = program_loader_prepare(loader, "SELECT tu.id FROM tu JOIN file ON file.id = tu.file_id"
                                                        " ORDER BY file.path");
    loader->tu_order = malloc(((size_t)(count > 0 ? count : 0) + 1) * sizeof *loader->tu_order);
    if (!stmt || !loader->tu_order) {
        sqlite3_finalize(stmt);
        return -1;
    }
    while ((int64_t)loader->tu_count < count && sqlite3_step(stmt) == SQLITE_ROW)
        loader->tu_order[loader->tu_count++] = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return 0;
}

typedef int loader_row_fn(struct program_loader *loader, sqlite3_stmt *stmt, void *data);

/* Step `sql` — a query on `table` whose ?1 and ?2 bound a range of rowids
 * and ?3 is a TU id (written +tu_id so the rowid range is what is searched)
 * — over the rows of each TU in path order, calling `row` on every row
 * (with `data`).  A TU's rows of a table are contiguous (each TU is stored
 * in one transaction), so each TU is read as one range, without sorting. */
static int loader_each_tu(struct program_loader *loader, const char *table, const char *sql, loader_row_fn *row,
                          void *data)
{
    char range_sql[160];
    snprintf(range_sql, sizeof range_sql, "SELECT (SELECT min(rowid) FROM %s WHERE tu_id = ?1),"
                                          " (SELECT max(rowid) FROM %s WHERE tu_id = ?1)", table, table);
    sqlite3_stmt *range = program_loader_prepare(loader, range_sql);
    sqlite3_stmt *stmt = range ? program_loader_prepare(loader, sql) : NULL;
    int rc = stmt ? 0 : -1;
    for (size_t t = 0; rc == 0 && t < loader->tu_count; t++) {
        sqlite3_reset(range);
        sqlite3_bind_int64(range, 1, loader->tu_order[t]);
        if (sqlite3_step(range) != SQLITE_ROW || sqlite3_column_type(range, 0) == SQLITE_NULL)
            continue;
        sqlite3_reset(stmt);
        sqlite3_bind_int64(stmt, 1, sqlite3_column_int64(range, 0));
        sqlite3_bind_int64(stmt, 2, sqlite3_column_int64(range, 1));
        sqlite3_bind_int64(stmt, 3, loader->tu_order[t]);
        while (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW)
            rc = row(loader, stmt, data);
    }
    sqlite3_finalize(range);
    sqlite3_finalize(stmt);
    return rc;
}

static int loader_function_row(struct program_loader *loader, sqlite3_stmt *stmt, void *data)
{
    (void)data;
    uint32_t index = program_loader_function(loader, sqlite3_column_int64(stmt, 0));
    if (index == LC_NONE)
        return -1;
    struct lc_program_function *fn = &loader->program->functions[index];
    int is_definition = sqlite3_column_int(stmt, 5);
    fn->annotations |= (unsigned)sqlite3_column_int(stmt, 7);
    loader->function_is_static[index] |= sqlite3_column_int(stmt, 6);
    if ((is_definition && !fn->is_defined) || !fn->loc.file) {
        fn->loc.file = program_loader_file(loader, sqlite3_column_int64(stmt, 2));
        fn->loc.line = (unsigned)sqlite3_column_int(stmt, 3);
        fn->loc.col = (unsigned)sqlite3_column_int(stmt, 4);
    }
    fn->is_defined |= is_definition;
    if (is_definition && loader_add_owner(loader, index, sqlite3_column_int64(stmt, 1), sqlite3_column_int64(stmt, 2),
                                          sqlite3_column_int(stmt, 3)) != 0)
        return -1;
    return 0;
}

static int loader_read_functions(struct program_loader *loader)
{
    return loader_each_tu(loader, "function", "SELECT symbol_id, tu_id, file_id, line, col, is_definition, is_static,"
                                              " annotations FROM function WHERE rowid BETWEEN ?1 AND ?2"
                                              " AND +tu_id = ?3", loader_function_row, NULL);
}

/* Fill a value from columns kind, symbol_id, record, param_index. */
int program_loader_value(struct program_loader *loader, sqlite3_stmt *stmt, int first, struct lc_program_value *value)
{
    const char *kind = (const char *)sqlite3_column_text(stmt, first);
    int64_t symbol_id = sqlite3_column_int64(stmt, first + 1);
    memset(value, 0, sizeof *value);
    value->function = value->flow_node = value->call = LC_NONE;
    value->symbol_id = symbol_id;
    if (!kind)
        return 0;
    if (strcmp(kind, "function") == 0) {
        value->kind = LC_VALUE_FUNCTION;
        value->function = program_loader_function(loader, symbol_id);
        return value->function == LC_NONE ? -1 : 0;
    }
    if (strcmp(kind, "call") == 0) {
        value->kind = LC_VALUE_CALL;
        value->function = program_loader_function(loader, symbol_id);
        value->call = LC_NONE;
        return value->function == LC_NONE ? -1 : 0;
    }
    if (strcmp(kind, "null") == 0) {
        value->kind = LC_VALUE_NULL;
    } else if (strcmp(kind, "int") == 0) {
        value->kind = LC_VALUE_INT;
    } else if (strcmp(kind, "field") == 0 || strcmp(kind, "var") == 0 || strcmp(kind, "param") == 0) {
        value->kind = kind[0] == 'f' ? LC_VALUE_FIELD : kind[0] == 'v' ? LC_VALUE_VAR : LC_VALUE_PARAM;
        const char *name = symbol_id > 0 && symbol_id <= loader->symbol_max ? loader->symbol_names[symbol_id] : NULL;
        int64_t id = symbol_id;
        if (value->kind == LC_VALUE_PARAM && (id = program_loader_function(loader, symbol_id)) == LC_NONE)
            return -1;
        value->flow_node = lc_fpflow_node(loader->program, value->kind, id, sqlite3_column_int(stmt, first + 3),
                                          (const char *)sqlite3_column_text(stmt, first + 2), name);
        return value->flow_node == LC_NONE ? -1 : 0;
    }
    return 0;
}

/* Where the calls of the store went: call.id -> index into program->calls. */
struct loader_call_rows {
    uint32_t *call_of_row;
    int64_t call_row_max;
};

static int loader_call_row(struct program_loader *loader, sqlite3_stmt *stmt, void *data)
{
    struct loader_call_rows *rows = data;
    struct lc_program *program = loader->program;
    int64_t row = sqlite3_column_int64(stmt, 0);
    uint32_t caller = program_loader_function(loader, sqlite3_column_int64(stmt, 2));
    if (row < 0 || row > rows->call_row_max || caller == LC_NONE
        || !program_loader_owns(loader, caller, sqlite3_column_int64(stmt, 1)))
        return 0; /* a header's function whose body another TU provides */
    if (program_loader_grow((void **)&program->calls, &loader->call_cap, program->call_count,
                            sizeof *program->calls) != 0)
        return -1;
    struct lc_program_call *call = &program->calls[program->call_count];
    memset(call, 0, sizeof *call);
    call->caller = caller;
    call->first_target = LC_NONE;
    int64_t loop_row = sqlite3_column_type(stmt, 10) == SQLITE_NULL ? -1 : sqlite3_column_int64(stmt, 10);
    call->loop = loop_row > 0 && loop_row < LC_NONE ? (uint32_t)loop_row : LC_NONE;
    call->loc.file = program_loader_file(loader, sqlite3_column_int64(stmt, 7));
    call->loc.line = (unsigned)sqlite3_column_int(stmt, 8);
    call->loc.col = (unsigned)sqlite3_column_int(stmt, 9);
    call->conditional = sqlite3_column_int(stmt, 11);
    rows->call_of_row[row] = program->call_count++;
    return program_loader_value(loader, stmt, 3, &call->callee);
}

static int loader_read_calls(struct program_loader *loader, uint32_t **call_of_row, int64_t *call_row_max)
{
    *call_row_max = program_loader_max_id(loader, "SELECT coalesce(max(id), 0) FROM call");
    *call_of_row = malloc(((size_t)*call_row_max + 1) * sizeof **call_of_row);
    if (!*call_of_row)
        return -1;
    memset(*call_of_row, 0xff, ((size_t)*call_row_max + 1) * sizeof **call_of_row);
    struct loader_call_rows rows = { *call_of_row, *call_row_max };
    return loader_each_tu(loader, "call", "SELECT id, tu_id, caller_id, callee_kind, callee_id, callee_record,"
                                          " callee_param, file_id, line, col, loop_id, conditional FROM call"
                                          " WHERE id BETWEEN ?1 AND ?2 AND +tu_id = ?3", loader_call_row, &rows);
}

static int loader_read_args(struct program_loader *loader, const uint32_t *call_of_row, int64_t call_row_max)
{
    struct lc_program *program = loader->program;
    sqlite3_stmt *stmt = program_loader_prepare(loader, "SELECT call_id, kind, symbol_id, record, param_index, text"
                                                " FROM call_arg ORDER BY call_id, position");
    if (!stmt)
        return -1;
    int rc = 0;
    while (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW) {
        int64_t row = sqlite3_column_int64(stmt, 0);
        uint32_t call_index = row >= 0 && row <= call_row_max ? call_of_row[row] : LC_NONE;
        if (call_index == LC_NONE)
            continue;
        if (program_loader_grow((void **)&program->args, &loader->arg_cap, program->arg_count, sizeof *program->args) != 0)
            return sqlite3_finalize(stmt), -1;
        struct lc_program_call *call = &program->calls[call_index];
        if (call->arg_count == 0)
            call->first_arg = program->arg_count;
        struct lc_program_value *arg = &program->args[program->arg_count++];
        call->arg_count++;
        rc = program_loader_value(loader, stmt, 1, arg);
        arg->text = lc_arena_strdup(&program->arena, (const char *)sqlite3_column_text(stmt, 5));
    }
    sqlite3_finalize(stmt);
    return rc;
}

static int loader_store_row(struct program_loader *loader, sqlite3_stmt *stmt, void *data)
{
    const struct loader_call_rows *rows = data;
    struct lc_program *program = loader->program;
    struct lc_program_value target;
    if (program_loader_value(loader, stmt, 0, &target) != 0
        || program_loader_grow((void **)&program->stores, &loader->store_cap, program->store_count,
                               sizeof *program->stores) != 0)
        return -1;
    if (target.flow_node == LC_NONE)
        return 0;
    struct lc_program_store *store = &program->stores[program->store_count++];
    store->target_node = target.flow_node;
    int rc = program_loader_value(loader, stmt, 4, &store->value);
    store->loc.file = program_loader_file(loader, sqlite3_column_int64(stmt, 8));
    store->loc.line = (unsigned)sqlite3_column_int(stmt, 9);
    store->loc.col = (unsigned)sqlite3_column_int(stmt, 10);
    int64_t call_row = sqlite3_column_int64(stmt, 11);
    if (store->value.kind == LC_VALUE_CALL)
        store->value.call = call_row > 0 && call_row <= rows->call_row_max ? rows->call_of_row[call_row] : LC_NONE;
    return rc;
}

static int loader_read_stores(struct program_loader *loader, uint32_t *call_of_row, int64_t call_row_max)
{
    struct loader_call_rows rows = { call_of_row, call_row_max };
    return loader_each_tu(loader, "fp_store", "SELECT target_kind, target_id, target_record, NULL, value_kind,"
                                              " value_id, value_record, value_param, file_id, line, col,"
                                              " value_call_id FROM fp_store WHERE rowid BETWEEN ?1 AND ?2"
                                              " AND +tu_id = ?3", loader_store_row, &rows);
}

/* Order calls by caller (stable: each caller's calls keep their order) and
 * give each function its range.  The calls move in place, cycle by cycle:
 * a copy of them would double the peak memory of a large program. */
static int loader_group_calls(struct lc_program *program, uint32_t *call_of_row, int64_t call_row_max)
{
    uint32_t *start = calloc((size_t)program->function_count + 1, sizeof *start);
    uint32_t *destination = malloc(((size_t)program->call_count + 1) * sizeof *destination);
    if (!start || !destination) {
        free(start);
        free(destination);
        return -1;
    }
    for (uint32_t i = 0; i < program->call_count; i++)
        start[program->calls[i].caller + 1]++;
    for (uint32_t f = 0; f < program->function_count; f++) {
        start[f + 1] += start[f];
        program->functions[f].first_call = start[f];
        program->functions[f].call_count = 0;
    }
    for (uint32_t i = 0; i < program->call_count; i++) {
        struct lc_program_function *fn = &program->functions[program->calls[i].caller];
        destination[i] = fn->first_call + fn->call_count++;
    }
    for (int64_t row = 0; row <= call_row_max; row++)
        if (call_of_row[row] != LC_NONE)
            call_of_row[row] = destination[call_of_row[row]];
    for (uint32_t i = 0; i < program->call_count; i++) {
        while (destination[i] != i) {
            uint32_t to = destination[i];
            struct lc_program_call moved = program->calls[to];
            program->calls[to] = program->calls[i];
            program->calls[i] = moved;
            destination[i] = destination[to];
            destination[to] = to;
        }
    }
    free(start);
    free(destination);
    return 0;
}

static void loader_attach_models(struct program_loader *loader)
{
    struct lc_program *program = loader->program;
    for (uint32_t f = 0; f < program->function_count; f++) {
        /* A static function of the user's is never the library one. */
        if (!loader->function_is_static[f])
            program->functions[f].model = lc_models_find(program->models, program->functions[f].name);
    }
}

int lc_program_load(struct lc_program *program, struct lc_store *store, const struct lc_models *models, FILE *err)
{
    memset(program, 0, sizeof *program);
    lc_arena_init(&program->arena);
    program->models = models;
    program->pointer_target_cap = 200;
    struct program_loader loader = { .program = program, .db = lc_store_db(store), .err = err };
    uint32_t *call_of_row = NULL;
    int64_t call_row_max = 0;
    int rc = -1;
    if (lc_store_exec(store, "BEGIN", err) != 0)
        return -1;
    loader.file_paths = program_loader_strings(&loader, "SELECT coalesce(max(id), 0) FROM file", "SELECT id, path FROM file",
                                       &loader.file_max);
    loader.symbol_names = program_loader_strings(&loader, "SELECT coalesce(max(id), 0) FROM symbol",
                                         "SELECT id, name FROM symbol", &loader.symbol_max);
    if (!loader.file_paths || !loader.symbol_names)
        goto done;
    loader.symbol_function = malloc(((size_t)loader.symbol_max + 1) * sizeof *loader.symbol_function);
    if (!loader.symbol_function)
        goto done;
    memset(loader.symbol_function, 0xff, ((size_t)loader.symbol_max + 1) * sizeof *loader.symbol_function);
    if (loader_read_tu_order(&loader) != 0 || loader_read_functions(&loader) != 0 || loader_read_calls(&loader, &call_of_row, &call_row_max) != 0
        || loader_read_args(&loader, call_of_row, call_row_max) != 0
        || loader_group_calls(program, call_of_row, call_row_max) != 0
        || loader_read_stores(&loader, call_of_row, call_row_max) != 0
        || program_loader_read_bodies(&loader, call_of_row, call_row_max) != 0)
        goto done;
    loader_attach_models(&loader);
    rc = 0;
done:
    sqlite3_exec(loader.db, "COMMIT", NULL, NULL, NULL);
    if (rc != 0)
        fprintf(err, "loopcheck: %s: cannot load the program (out of memory or unreadable database)\n",
                lc_store_path(store));
    free(call_of_row);
    free(loader.file_paths);
    free(loader.symbol_names);
    free(loader.symbol_function);
    free(loader.function_owners);
    free(loader.function_is_static);
    free(loader.tu_order);
    return rc;
}

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
    free(program->callers);
    free(program->scc);
    free(program->threads);
    free(program->cost);
    lc_fpflow_free(program);
    free(program->functions);
    free(program->calls);
    free(program->args);
    free(program->targets);
    free(program->stores);
    free(program->loops);
    free(program->accesses);
    free(program->objects);
    free(program->held_locks);
    free(program->object_of_symbol);
    free(program->nonblocking_node);
    free(program->entries);
    free(program->on_loop);
    free(program->on_worker);
    free(program->blocking);
    free(program->loop_parent);
    free(program->loop_entry);
    free(program->entry_points);
    free(program->blocking_via);
    free(program->terminates);
    lc_arena_free(&program->arena);
    memset(program, 0, sizeof *program);
}

uint32_t lc_program_value_object(const struct lc_program *program, const struct lc_program_value *value)
{
    if (!program->object_of_symbol || value->symbol_id <= 0 || value->symbol_id > program->symbol_max)
        return LC_NONE;
    return program->object_of_symbol[value->symbol_id];
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
