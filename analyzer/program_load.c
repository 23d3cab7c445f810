/* program_load.c — reading every stored fact into a `struct lc_program`.
 *
 * Functions, calls and stores are read TU by TU, the TUs sorted by path
 * (program_load_calls.c): the order of the program's arrays — and with it
 * every tie a check breaks (which entry point a chain starts from) — does
 * not depend on the order the TUs were parsed, stored or merged in (ids
 * differ between a run with -j 1, one with -j 8 and a merge of shards; the
 * findings must not).
 *
 * A function defined in a header is stored once per TU that includes it;
 * its calls are taken from one TU only (the first, in path order, that
 * defines it), so call sites are never duplicated. */
#include "program_load_internal.h"

#include "grow.h"

#include <stdlib.h>
#include <string.h>

const struct lc_program_call_extra lc_program_call_no_extra = {
    .zero_guard = LC_NONE, .after_comma = LC_NONE, .branch_exit = LC_NONE, .nonzero_exit = LC_NONE,
    .fail_guard = LC_NONE
};

int64_t program_loader_max_id(struct program_loader *loader, const char *sql)
{
    sqlite3_stmt *stmt;
    int64_t max = -1;
    if (sqlite3_prepare_v2(loader->db, sql, -1, &stmt, NULL) == SQLITE_OK) {
        if (sqlite3_step(stmt) == SQLITE_ROW)
            max = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
    }
    if (max > LC_PROGRAM_LOADER_MAX_ROW_ID) {
        fprintf(loader->err, "loopcheck: corrupt database: '%s' gives %lld, beyond any row id\n", sql, (long long)max);
        loader->corrupt = 1;
        return 0;
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
    size_t old_cap = loader->function_cap;
    if (lc_grow((void **)&program->functions, &loader->function_cap, program->function_count,
                sizeof *program->functions, 1024) != 0)
        return LC_NONE;
    if (old_cap != loader->function_cap) {
        struct program_owner **owners = realloc(loader->function_owners, loader->function_cap * sizeof *owners);
        uint8_t *statics = realloc(loader->function_is_static, loader->function_cap * sizeof *statics);
        uint32_t *writes = realloc(loader->function_param_writes, loader->function_cap * sizeof *writes);
        if (owners)
            loader->function_owners = owners;
        if (statics)
            loader->function_is_static = statics;
        if (writes)
            loader->function_param_writes = writes;
        if (!owners || !statics || !writes)
            return LC_NONE;
    }
    index = program->function_count++;
    struct lc_program_function *fn = &program->functions[index];
    memset(fn, 0, sizeof *fn);
    fn->name = loader->symbol_names[symbol_id] ? loader->symbol_names[symbol_id] : "";
    fn->symbol_id = symbol_id;
    loader->function_owners[index] = NULL;
    loader->function_is_static[index] = 0;
    loader->function_param_writes[index] = 0;
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
    struct program_owner *owner = lc_arena_alloc(&loader->owners, sizeof *owner);
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

static int loader_function_row(struct program_loader *loader, sqlite3_stmt *stmt, void *data)
{
    (void)data;
    uint32_t index = program_loader_function(loader, sqlite3_column_int64(stmt, 0));
    if (index == LC_NONE)
        return -1;
    struct lc_program_function *fn = &loader->program->functions[index];
    int is_definition = sqlite3_column_int(stmt, 5);
    fn->annotations |= (unsigned)sqlite3_column_int(stmt, 7);
    loader->function_is_static[index] |= sqlite3_column_int(stmt, 6) != 0;
    if ((is_definition && !fn->is_defined) || !fn->loc.file) {
        fn->loc.file = program_loader_file(loader, sqlite3_column_int64(stmt, 2));
        fn->loc.line = (unsigned)sqlite3_column_int(stmt, 3);
        fn->loc.col = (unsigned)sqlite3_column_int(stmt, 4);
    }
    fn->is_defined |= is_definition;
    if (is_definition)
        loader->function_param_writes[index] |= (uint32_t)sqlite3_column_int64(stmt, 8);
    if (is_definition && loader_add_owner(loader, index, sqlite3_column_int64(stmt, 1), sqlite3_column_int64(stmt, 2),
                                          sqlite3_column_int(stmt, 3)) != 0)
        return -1;
    return 0;
}

static int loader_read_functions(struct program_loader *loader)
{
    return program_loader_each_tu(loader, "function", "SELECT symbol_id, tu_id, file_id, line, col, is_definition, is_static,"
                                              " annotations, param_writes FROM function WHERE rowid BETWEEN ?1 AND ?2"
                                              " AND +tu_id = ?3", loader_function_row, NULL);
}

enum lc_value_kind program_loader_value_kind(const char *kind)
{
    static const struct {
        const char *text;
        enum lc_value_kind kind;
    } kinds[] = { { "function", LC_VALUE_FUNCTION }, { "call", LC_VALUE_CALL }, { "null", LC_VALUE_NULL },
                  { "int", LC_VALUE_INT },           { "field", LC_VALUE_FIELD }, { "var", LC_VALUE_VAR },
                  { "param", LC_VALUE_PARAM },       { "string", LC_VALUE_STRING },
                  { "pointee", LC_VALUE_POINTEE } };
    for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kind, kinds[i].text) == 0)
            return kinds[i].kind;
    return LC_VALUE_OTHER;
}

int program_loader_value_of(struct program_loader *loader, enum lc_value_kind kind, int64_t symbol_id,
                            const char *record, int param_index, struct lc_program_value *value)
{
    memset(value, 0, sizeof *value);
    value->function = value->flow_node = value->call = LC_NONE;
    value->symbol_id = symbol_id;
    value->kind = kind;
    switch (kind) {
    case LC_VALUE_FUNCTION:
    case LC_VALUE_CALL:
        value->function = program_loader_function(loader, symbol_id);
        return value->function == LC_NONE ? -1 : 0;
    case LC_VALUE_FIELD:
    case LC_VALUE_VAR:
    case LC_VALUE_PARAM:
    case LC_VALUE_POINTEE: {   /* `*p` flows as the parameter p (facts.h) */
        const char *name = symbol_id > 0 && symbol_id <= loader->symbol_max ? loader->symbol_names[symbol_id] : NULL;
        int64_t id = symbol_id;
        enum lc_value_kind node_kind = kind == LC_VALUE_POINTEE ? LC_VALUE_PARAM : kind;
        if (node_kind == LC_VALUE_PARAM && (id = program_loader_function(loader, symbol_id)) == LC_NONE)
            return -1;
        value->param_index = param_index;
        value->flow_node = lc_fpflow_node(loader->program, node_kind, id, param_index, record, name);
        return value->flow_node == LC_NONE ? -1 : 0;
    }
    default:
        return 0;
    }
}

/* Fill a value from columns kind, symbol_id, record, param_index. */
int program_loader_value(struct program_loader *loader, sqlite3_stmt *stmt, int first, struct lc_program_value *value)
{
    return program_loader_value_of(loader, program_loader_value_kind((const char *)sqlite3_column_text(stmt, first)),
                                   sqlite3_column_int64(stmt, first + 1),
                                   (const char *)sqlite3_column_text(stmt, first + 2),
                                   sqlite3_column_int(stmt, first + 3), value);
}

/* The models of functions `first` onwards.  A static function of the
 * user's is never the library one, but takes an `annotate` statement's
 * color (a home-grown loop's static dispatch function) and a `cheap`
 * statement's cost (nginx's static ngx_palloc_block). */
static void loader_attach_models(struct program_loader *loader, uint32_t first)
{
    struct lc_program *program = loader->program;
    for (uint32_t f = first; f < program->function_count; f++) {
        const struct lc_function_model *model = lc_models_find(program->models, program->functions[f].name);
        if (!loader->function_is_static[f])
            program->functions[f].model = model;
        if (model) {
            program->functions[f].annotations |= model->annotations;
            program->functions[f].cheap = model->cheap;
        }
    }
}

/* The connection to read with: one of its own, read-only and without the
 * mutex that serialises the store's connection for the extraction threads
 * (reading millions of rows a column at a time, that mutex alone costs a
 * tenth of the load); the store's own when that cannot be opened. */
static sqlite3 *loader_open(struct lc_store *store, int *own)
{
    sqlite3 *db = NULL;
    *own = sqlite3_open_v2(lc_store_path(store), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK;
    if (*own)
        return db;
    sqlite3_close(db);
    return lc_store_db(store);
}

/* The followed flag of every function, now that models are attached. */
static int loader_followed(struct lc_program *program)
{
    uint8_t *followed = malloc((size_t)program->function_count + 1);
    if (!followed)
        return -1;
    for (uint32_t f = 0; f < program->function_count; f++)
        followed[f] = (uint8_t)lc_program_function_is_followed(program, f);
    program->followed = followed;
    return 0;
}

int lc_program_load(struct lc_program *program, struct lc_store *store, const struct lc_models *models, FILE *err)
{
    memset(program, 0, sizeof *program);
    lc_arena_init(&program->arena);
    program->models = models;
    program->pointer_target_cap = 200;
    int own_db;
    struct program_loader loader = { .program = program, .db = loader_open(store, &own_db), .err = err };
    loader.path = own_db ? lc_store_path(store) : NULL;
    lc_arena_init(&loader.owners);
    uint32_t *call_of_row = NULL;
    int64_t call_row_max = 0;
    int rc = -1;
    if (sqlite3_exec(loader.db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(err, "loopcheck: %s: %s\n", lc_store_path(store), sqlite3_errmsg(loader.db));
        if (own_db)
            sqlite3_close(loader.db);
        return -1;
    }
    /* The call table is decoded on other threads while the symbols and
     * functions are read here. */
    struct program_call_rows rows = { 0 };
    int calls_started = 0, calls_finished = 0, functions_rc;
    loader.file_paths = program_loader_strings(&loader, "SELECT coalesce(max(id), 0) FROM file", "SELECT id, path FROM file",
                                       &loader.file_max);
    if (!loader.file_paths || program_loader_read_tu_order(&loader) != 0
        || !(calls_started = program_loader_start_calls(&loader, &rows) == 0))
        goto done;
    loader.symbol_names = program_loader_strings(&loader, "SELECT coalesce(max(id), 0) FROM symbol",
                                         "SELECT id, name FROM symbol", &loader.symbol_max);
    loader.symbol_function =
        loader.symbol_names ? malloc(((size_t)loader.symbol_max + 1) * sizeof *loader.symbol_function) : NULL;
    if (!loader.symbol_function)
        goto done;
    memset(loader.symbol_function, 0xff, ((size_t)loader.symbol_max + 1) * sizeof *loader.symbol_function);
    functions_rc = loader_read_functions(&loader);
    /* The models of the functions read so far, while the calls are still
     * being decoded; linking the calls may make more functions (callees
     * with no row of their own). */
    uint32_t attached = program->function_count;
    loader_attach_models(&loader, 0);
    calls_finished = 1;
    if (program_loader_finish_calls(&loader, &rows) != 0 || functions_rc != 0
        || program_loader_read_calls(&loader, &rows, &call_of_row, &call_row_max) != 0)
        goto done;
    loader_attach_models(&loader, attached);   /* the bodies' lock arguments need them */
    if (program_loader_read_bodies(&loader, call_of_row, call_row_max) != 0
        || program_loader_read_link_writes(&loader) != 0
        || program_loader_read_raised_limits(&loader) != 0
        || program_loader_read_counted_fields(&loader) != 0 || program_loader_read_programs(&loader) != 0
        || program_loader_read_tables(&loader) != 0)
        goto done;
    rc = loader_followed(program);
    if (rc == 0)
        rc = lc_made_objects_build(program);
done:
    if (calls_started && !calls_finished)
        program_loader_finish_calls(&loader, &rows);
    if (loader.corrupt)
        rc = -1;
    program_call_rows_free(&rows);
    sqlite3_exec(loader.db, "COMMIT", NULL, NULL, NULL);
    if (own_db)
        sqlite3_close(loader.db);
    if (rc != 0)
        fprintf(err, "loopcheck: %s: cannot load the program (out of memory or unreadable database)\n",
                lc_store_path(store));
    free(call_of_row);
    free(loader.file_paths);
    free(loader.symbol_names);
    free(loader.symbol_function);
    free(loader.function_owners);
    free(loader.function_is_static);
    free(loader.function_param_writes);
    lc_arena_free(&loader.owners);
    free(loader.tu_order);
    return rc;
}
