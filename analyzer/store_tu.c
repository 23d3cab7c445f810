/* store_tu.c — saving one TU's facts (one transaction each) and forgetting
 * TUs that left the compile database. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


static const char *const lc_store_statement_sql[LC_STMT_COUNT] = {
    [LC_STMT_INTERN_SYMBOL] = "INSERT INTO symbol(usr, name) VALUES (?1, ?2)"
                              " ON CONFLICT(usr) DO UPDATE SET name = CASE WHEN name = '' THEN excluded.name ELSE name END"
                              " RETURNING id",
    [LC_STMT_INTERN_FILE] = "INSERT INTO file(path) VALUES (?1)"
                            " ON CONFLICT(path) DO UPDATE SET path = excluded.path RETURNING id",
    [LC_STMT_FIND_TU] = "SELECT tu.id, tu.args_hash, tu.status, tu.error FROM tu JOIN file ON file.id = tu.file_id"
                        " WHERE file.path = ?1",
    [LC_STMT_TU_INPUTS] = "SELECT file.path, tu_input.size, tu_input.mtime_ns, tu_input.content_hash"
                          " FROM tu_input JOIN file ON file.id = tu_input.file_id WHERE tu_input.tu_id = ?1",
    [LC_STMT_DELETE_TU_FUNCTIONS] = "DELETE FROM function WHERE tu_id = ?1",
    [LC_STMT_DELETE_TU_CALL_ARGS] = "DELETE FROM call_arg WHERE call_id IN (SELECT id FROM call WHERE tu_id = ?1)",
    [LC_STMT_DELETE_TU_CALLS] = "DELETE FROM call WHERE tu_id = ?1",
    [LC_STMT_DELETE_TU_STORES] = "DELETE FROM fp_store WHERE tu_id = ?1",
    [LC_STMT_DELETE_TU_INPUTS] = "DELETE FROM tu_input WHERE tu_id = ?1",
    [LC_STMT_DELETE_TU_LOOPS] = "DELETE FROM loop WHERE tu_id = ?1",
    [LC_STMT_DELETE_TU_ACCESSES] = "DELETE FROM access WHERE tu_id = ?1",
    [LC_STMT_DELETE_TU_HELD_LOCKS] = "DELETE FROM held_lock WHERE tu_id = ?1",
    [LC_STMT_DELETE_TU_CALL_GUARDS] = "DELETE FROM call_guard WHERE tu_id = ?1",
    [LC_STMT_DELETE_TU_WRITTEN_RECORDS] = "DELETE FROM written_record WHERE tu_id = ?1",
    [LC_STMT_UPSERT_TU] = "INSERT INTO tu(file_id, directory, args_hash, status, error, parse_ms, parsed_at, target)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, datetime('now'), ?7)"
                          " ON CONFLICT(file_id) DO UPDATE SET directory = excluded.directory,"
                          " args_hash = excluded.args_hash, status = excluded.status, error = excluded.error,"
                          " parse_ms = excluded.parse_ms, parsed_at = excluded.parsed_at, target = excluded.target"
                          " RETURNING id",
    [LC_STMT_INSERT_INPUT] = "INSERT OR REPLACE INTO tu_input(tu_id, file_id, size, mtime_ns, content_hash)"
                             " VALUES (?1, ?2, ?3, ?4, ?5)",
    [LC_STMT_INSERT_FUNCTION] = "INSERT INTO function(tu_id, symbol_id, file_id, line, col, is_definition,"
                                " is_static, annotations, param_writes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [LC_STMT_INSERT_CALL] = "INSERT INTO call(tu_id, caller_id, callee_kind, callee_id, callee_record,"
                            " callee_param, file_id, line, col, nargs, loop_id, conditional, zero_guard_id,"
                            " after_comma_id, element_args, branch_exit_after, scaled_args, guard_param, child_args,"
                            " guard_test, guard_value, unreached, guard_field_id, changed_param_args) VALUES (?1, ?2, ?3, ?4,"
                            " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,"
                            " ?23, ?24)",
    [LC_STMT_INSERT_CALL_ARG] = "INSERT INTO call_arg(call_id, position, kind, symbol_id, record, param_index,"
                                " int_value, text, field_of_param) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [LC_STMT_INSERT_STORE] = "INSERT INTO fp_store(tu_id, target_kind, target_id, target_record, value_kind,"
                             " value_id, value_record, value_param, function_id, file_id, line, col,"
                             " value_call_id, conditional, role) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                             " ?12, ?13, ?14, ?15)",
    [LC_STMT_INSERT_LOOP] = "INSERT INTO loop(tu_id, function_id, kind, file_id, line, col, parent_id, depth, bound,"
                            " trip_count, bound_text, source, bound_param, walked_id, guard_param, guard_test,"
                            " guard_value, guard_field_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                            " ?13, ?14, ?15, ?16, ?17, ?18)",
    [LC_STMT_INSERT_ACCESS] = "INSERT INTO access(tu_id, function_id, variable_id, kind, atomic, file_id, line, col,"
                              " zero_guarded, via_callee_id, via_argument, indexed, passed_record_id)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    [LC_STMT_INSERT_HELD_LOCK] = "INSERT INTO held_lock(tu_id, owner, owner_id, lock_id) VALUES (?1, ?2, ?3, ?4)",
    [LC_STMT_INSERT_CALL_GUARD] = "INSERT INTO call_guard(tu_id, call_id, variable_id, equal, value)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5)",
    [LC_STMT_INSERT_WRITTEN_RECORD] = "INSERT OR IGNORE INTO written_record(tu_id, record_id) VALUES (?1, ?2)",
};

int lc_store_prepare_statements(struct lc_store *store, FILE *err)
{
    for (int i = 0; i < LC_STMT_COUNT; i++) {
        if (sqlite3_prepare_v3(store->db, lc_store_statement_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                               &store->statements[i], NULL) != SQLITE_OK) {
            fprintf(err, "loopcheck: %s: %s\n", store->path, sqlite3_errmsg(store->db));
            return -1;
        }
    }
    return 0;
}

void lc_store_finalize_statements(struct lc_store *store)
{
    for (int i = 0; i < LC_STMT_COUNT; i++) {
        sqlite3_finalize(store->statements[i]);
        store->statements[i] = NULL;
    }
}

sqlite3_stmt *lc_store_statement(struct lc_store *store, enum lc_store_statement which)
{
    sqlite3_stmt *stmt = store->statements[which];
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return stmt;
}

/* Run an interning statement (bound already) and cache its id under key. */
static int64_t store_intern(struct lc_store *store, sqlite3_stmt *stmt, struct lc_strmap *cache, const char *key)
{
    int64_t id = 0;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        id = sqlite3_column_int64(stmt, 0);
    sqlite3_reset(stmt);
    if (id > 0 && id < (int64_t)LC_STRMAP_MISSING) {
        const char *copy = lc_arena_strdup(&store->arena, key);
        if (!copy || lc_strmap_put(cache, copy, (uint32_t)id) != 0)
            return 0;
    }
    return id;
}

int64_t lc_store_intern_file(struct lc_store *store, const char *path)
{
    uint32_t cached = lc_strmap_get(&store->file_ids, path);
    if (cached != LC_STRMAP_MISSING)
        return cached;
    sqlite3_stmt *stmt = lc_store_statement(store, LC_STMT_INTERN_FILE);
    sqlite3_bind_text(stmt, 1, path, -1, SQLITE_STATIC);
    return store_intern(store, stmt, &store->file_ids, path);
}

int64_t lc_store_intern_symbol(struct lc_store *store, const char *usr, const char *name)
{
    uint32_t cached = lc_strmap_get(&store->symbol_ids, usr);
    if (cached != LC_STRMAP_MISSING)
        return cached;
    sqlite3_stmt *stmt = lc_store_statement(store, LC_STMT_INTERN_SYMBOL);
    sqlite3_bind_text(stmt, 1, usr, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, name ? name : "", -1, SQLITE_STATIC);
    return store_intern(store, stmt, &store->symbol_ids, usr);
}

static const char *store_value_kind_name(enum lc_value_kind kind)
{
    switch (kind) {
    case LC_VALUE_NULL: return "null";
    case LC_VALUE_INT: return "int";
    case LC_VALUE_FUNCTION: return "function";
    case LC_VALUE_FIELD: return "field";
    case LC_VALUE_VAR: return "var";
    case LC_VALUE_PARAM: return "param";
    case LC_VALUE_CALL: return "call";
    case LC_VALUE_OTHER: break;
    }
    return "other";
}

/* Bind a value's kind, symbol, record and parameter index at columns
 * first..first+3; returns 0, -1 when interning failed. */
static int store_bind_value(struct lc_store *store, sqlite3_stmt *stmt, int first, const struct lc_value *value)
{
    sqlite3_bind_text(stmt, first, store_value_kind_name(value->kind), -1, SQLITE_STATIC);
    if (value->usr) {
        /* A parameter's symbol is its function: do not name it after the
         * parameter. */
        int64_t id = lc_store_intern_symbol(store, value->usr, value->kind == LC_VALUE_PARAM ? NULL : value->name);
        if (!id)
            return -1;
        sqlite3_bind_int64(stmt, first + 1, id);
    }
    if (value->record)
        sqlite3_bind_text(stmt, first + 2, value->record, -1, SQLITE_STATIC);
    if (value->kind == LC_VALUE_PARAM)
        sqlite3_bind_int(stmt, first + 3, value->param_index);
    return 0;
}

int lc_store_step_done(sqlite3_stmt *stmt)
{
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return rc == SQLITE_DONE ? 0 : -1;
}

int lc_store_bind_location(struct lc_store *store, sqlite3_stmt *stmt, int first, const struct lc_location *loc)
{
    int64_t file_id = lc_store_intern_file(store, loc->file ? loc->file : "");
    if (!file_id)
        return -1;
    sqlite3_bind_int64(stmt, first, file_id);
    sqlite3_bind_int(stmt, first + 1, (int)loc->line);
    sqlite3_bind_int(stmt, first + 2, (int)loc->col);
    return 0;
}

static int store_save_input(struct lc_store *store, int64_t tu_id, const char *path)
{
    struct lc_disk_file *file = lc_store_disk_file(store, path, 1);
    if (!file)
        return -1;
    if (!file->exists)
        return 0; /* gone already: the next run re-parses */
    int64_t file_id = lc_store_intern_file(store, path);
    if (!file_id)
        return -1;
    sqlite3_stmt *stmt = lc_store_statement(store, LC_STMT_INSERT_INPUT);
    sqlite3_bind_int64(stmt, 1, tu_id);
    sqlite3_bind_int64(stmt, 2, file_id);
    sqlite3_bind_int64(stmt, 3, file->size);
    sqlite3_bind_int64(stmt, 4, file->mtime_ns);
    sqlite3_bind_int64(stmt, 5, (int64_t)file->content_hash);
    return lc_store_step_done(stmt);
}

static int store_save_functions(struct lc_store *store, int64_t tu_id, const struct lc_tu_facts *facts)
{
    for (size_t i = 0; i < facts->function_count; i++) {
        const struct lc_function_fact *fn = &facts->functions[i];
        sqlite3_stmt *stmt = lc_store_statement(store, LC_STMT_INSERT_FUNCTION);
        int64_t symbol_id = lc_store_intern_symbol(store, fn->usr, fn->name);
        sqlite3_bind_int64(stmt, 1, tu_id);
        sqlite3_bind_int64(stmt, 2, symbol_id);
        if (!symbol_id || lc_store_bind_location(store, stmt, 3, &fn->loc) != 0)
            return -1;
        sqlite3_bind_int(stmt, 6, fn->is_definition);
        sqlite3_bind_int(stmt, 7, fn->is_static);
        sqlite3_bind_int(stmt, 8, (int)fn->annotations);
        sqlite3_bind_int64(stmt, 9, (int64_t)fn->param_writes);
        if (lc_store_step_done(stmt) != 0)
            return -1;
    }
    return 0;
}

/* Row ids of a TU's loops and calls, by fact index, while it is saved. */
struct store_tu_ids {
    int64_t *loop_ids;
    int64_t *call_ids;
    size_t loop_count;
};

/* The variable tests a call runs under (call_guard rows, in order). */
static int store_save_call_guards(struct lc_store *store, int64_t tu_id, int64_t call_id,
                                  const struct lc_value_guards *guards)
{
    for (size_t i = 0; i < guards->count; i++) {
        const struct lc_value_guard *guard = &guards->items[i];
        int64_t variable_id = lc_store_intern_symbol(store, guard->variable_usr, guard->variable_name);
        if (!variable_id)
            return -1;
        sqlite3_stmt *stmt = lc_store_statement(store, LC_STMT_INSERT_CALL_GUARD);
        sqlite3_bind_int64(stmt, 1, tu_id);
        sqlite3_bind_int64(stmt, 2, call_id);
        sqlite3_bind_int64(stmt, 3, variable_id);
        sqlite3_bind_int(stmt, 4, guard->equal);
        sqlite3_bind_int64(stmt, 5, guard->value);
        if (lc_store_step_done(stmt) != 0)
            return -1;
    }
    return 0;
}

static int store_save_call(struct lc_store *store, int64_t tu_id, const struct lc_call_fact *call,
                           struct store_tu_ids *ids, size_t index)
{
    sqlite3_stmt *stmt = lc_store_statement(store, LC_STMT_INSERT_CALL);
    int64_t caller_id = lc_store_intern_symbol(store, call->caller_usr, NULL);
    sqlite3_bind_int64(stmt, 1, tu_id);
    sqlite3_bind_int64(stmt, 2, caller_id);
    if (!caller_id || store_bind_value(store, stmt, 3, &call->callee) != 0
        || lc_store_bind_location(store, stmt, 7, &call->loc) != 0)
        return -1;
    sqlite3_bind_int(stmt, 10, (int)call->nargs);
    if (call->loop_index >= 0 && (size_t)call->loop_index < ids->loop_count)
        sqlite3_bind_int64(stmt, 11, ids->loop_ids[call->loop_index]);
    sqlite3_bind_int(stmt, 12, call->conditional);
    sqlite3_bind_int64(stmt, 15, (sqlite3_int64)call->element_args);
    sqlite3_bind_int64(stmt, 17, (sqlite3_int64)call->scaled_args);
    sqlite3_bind_int(stmt, 18, call->param_guard.param);
    sqlite3_bind_int(stmt, 20, call->param_guard.test);
    sqlite3_bind_int64(stmt, 21, call->param_guard.value);
    if (lc_store_bind_guard_field(store, stmt, 23, &call->param_guard) != 0)
        return -1;
    sqlite3_bind_int64(stmt, 19, (sqlite3_int64)call->child_args);
    sqlite3_bind_int64(stmt, 24, (sqlite3_int64)call->changed_param_args);
    char unreached[LC_UNREACHED_TEXT_MAX];
    if (lc_unreached_format(call->unreached, call->unreached_count, unreached, sizeof unreached) == 0)
        sqlite3_bind_text(stmt, 22, unreached, -1, SQLITE_TRANSIENT);
    else if (call->reach_unknown && call->conditional)   /* only these can be early exits (lock_wrappers.c) */
        sqlite3_bind_text(stmt, 22, LC_UNREACHED_UNKNOWN, -1, SQLITE_STATIC);
    if (call->after_comma >= 0 && (size_t)call->after_comma < index)
        sqlite3_bind_int64(stmt, 14, ids->call_ids[call->after_comma]);
    if (call->branch_exit >= 0 && (size_t)call->branch_exit > index)
        sqlite3_bind_int64(stmt, 16, (sqlite3_int64)((size_t)call->branch_exit - index));
    if (call->zero_guard >= 0 && (size_t)call->zero_guard < index)
        sqlite3_bind_int64(stmt, 13, ids->call_ids[call->zero_guard]);
    if (lc_store_step_done(stmt) != 0)
        return -1;
    int64_t call_id = sqlite3_last_insert_rowid(store->db);
    ids->call_ids[index] = call_id;
    if (lc_store_save_held_locks(store, tu_id, "call", call_id, &call->locks) != 0
        || store_save_call_guards(store, tu_id, call_id, &call->value_guards) != 0)
        return -1;
    for (size_t a = 0; a < call->nargs; a++) {
        const struct lc_value *arg = &call->args[a];
        sqlite3_stmt *arg_stmt = lc_store_statement(store, LC_STMT_INSERT_CALL_ARG);
        sqlite3_bind_int64(arg_stmt, 1, call_id);
        sqlite3_bind_int(arg_stmt, 2, (int)a + 1);
        if (store_bind_value(store, arg_stmt, 3, arg) != 0)
            return -1;
        if (arg->kind == LC_VALUE_INT)
            sqlite3_bind_int64(arg_stmt, 7, arg->int_value);
        sqlite3_bind_int(arg_stmt, 9, arg->field_of_param);
        if (call->arg_texts && call->arg_texts[a])
            sqlite3_bind_text(arg_stmt, 8, call->arg_texts[a], -1, SQLITE_STATIC);
        if (lc_store_step_done(arg_stmt) != 0)
            return -1;
    }
    return 0;
}

static int store_save_store(struct lc_store *store, int64_t tu_id, const struct lc_store_fact *fact,
                            const struct store_tu_ids *ids, size_t call_count)
{
    sqlite3_stmt *stmt = lc_store_statement(store, LC_STMT_INSERT_STORE);
    sqlite3_bind_int64(stmt, 1, tu_id);
    if (!fact->target.usr)
        return 0;
    sqlite3_bind_text(stmt, 2, store_value_kind_name(fact->target.kind), -1, SQLITE_STATIC);
    int64_t target_id = lc_store_intern_symbol(store, fact->target.usr, fact->target.name);
    if (!target_id)
        return -1;
    sqlite3_bind_int64(stmt, 3, target_id);
    if (fact->target.record)
        sqlite3_bind_text(stmt, 4, fact->target.record, -1, SQLITE_STATIC);
    if (store_bind_value(store, stmt, 5, &fact->value) != 0)
        return -1;
    if (fact->in_function_usr) {
        int64_t function_id = lc_store_intern_symbol(store, fact->in_function_usr, NULL);
        if (!function_id)
            return -1;
        sqlite3_bind_int64(stmt, 9, function_id);
    }
    if (lc_store_bind_location(store, stmt, 10, &fact->loc) != 0)
        return -1;
    if (fact->value.kind == LC_VALUE_CALL && fact->value.call_index >= 0
        && (size_t)fact->value.call_index < call_count)
        sqlite3_bind_int64(stmt, 13, ids->call_ids[fact->value.call_index]);
    sqlite3_bind_int(stmt, 14, fact->conditional != 0);
    sqlite3_bind_int(stmt, 15, (int)fact->role);
    return lc_store_step_done(stmt);
}

static int store_delete_tu_facts(struct lc_store *store, int64_t tu_id)
{
    static const enum lc_store_statement deletes[] = {
        LC_STMT_DELETE_TU_FUNCTIONS, LC_STMT_DELETE_TU_CALL_ARGS, LC_STMT_DELETE_TU_CALLS,
        LC_STMT_DELETE_TU_STORES, LC_STMT_DELETE_TU_INPUTS, LC_STMT_DELETE_TU_LOOPS,
        LC_STMT_DELETE_TU_ACCESSES, LC_STMT_DELETE_TU_HELD_LOCKS, LC_STMT_DELETE_TU_CALL_GUARDS,
        LC_STMT_DELETE_TU_WRITTEN_RECORDS,
    };
    for (size_t i = 0; i < sizeof deletes / sizeof *deletes; i++) {
        sqlite3_stmt *stmt = lc_store_statement(store, deletes[i]);
        sqlite3_bind_int64(stmt, 1, tu_id);
        if (lc_store_step_done(stmt) != 0)
            return -1;
    }
    return 0;
}

static int64_t store_upsert_tu(struct lc_store *store, const struct lc_compile_command *command,
                               const struct lc_tu_facts *facts, double parse_ms)
{
    int64_t file_id = lc_store_intern_file(store, command->file);
    if (!file_id)
        return 0;
    sqlite3_stmt *stmt = lc_store_statement(store, LC_STMT_UPSERT_TU);
    sqlite3_bind_int64(stmt, 1, file_id);
    sqlite3_bind_text(stmt, 2, command->directory, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 3, (int64_t)command->args_hash);
    sqlite3_bind_text(stmt, 4, facts->error ? "failed" : "ok", -1, SQLITE_STATIC);
    if (facts->error)
        sqlite3_bind_text(stmt, 5, facts->error, -1, SQLITE_STATIC);
    sqlite3_bind_double(stmt, 6, parse_ms);
    if (command->target)
        sqlite3_bind_text(stmt, 7, command->target, -1, SQLITE_STATIC);
    int64_t tu_id = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_reset(stmt);
    return tu_id;
}

static int store_save_tu_locked(struct lc_store *store, const struct lc_compile_command *command,
                                const struct lc_tu_facts *facts, double parse_ms)
{
    int64_t tu_id = store_upsert_tu(store, command, facts, parse_ms);
    if (!tu_id || store_delete_tu_facts(store, tu_id) != 0 || store_save_input(store, tu_id, command->file) != 0)
        return -1;
    for (size_t i = 0; i < facts->included_count; i++)
        if (store_save_input(store, tu_id, facts->included_files[i]) != 0)
            return -1;
    if (facts->error)
        return 0;
    struct store_tu_ids ids = {
        .loop_ids = malloc((facts->loop_count + 1) * sizeof *ids.loop_ids),
        .call_ids = malloc((facts->call_count + 1) * sizeof *ids.call_ids),
        .loop_count = facts->loop_count,
    };
    int rc = ids.loop_ids && ids.call_ids && store_save_functions(store, tu_id, facts) == 0
                     && lc_store_save_loops(store, tu_id, facts, ids.loop_ids) == 0
                 ? 0
                 : -1;
    for (size_t i = 0; rc == 0 && i < facts->call_count; i++)
        rc = store_save_call(store, tu_id, &facts->calls[i], &ids, i);
    for (size_t i = 0; rc == 0 && i < facts->store_count; i++)
        rc = store_save_store(store, tu_id, &facts->stores[i], &ids, facts->call_count);
    if (rc == 0)
        rc = lc_store_save_accesses(store, tu_id, facts);
    if (rc == 0)
        rc = lc_store_save_written_records(store, tu_id, facts);
    free(ids.loop_ids);
    free(ids.call_ids);
    return rc;
}

int lc_store_save_tu(struct lc_store *store, const struct lc_compile_command *command,
                     const struct lc_tu_facts *facts, double parse_ms, FILE *err)
{
    pthread_mutex_lock(&store->mutex);
    int rc = sqlite3_exec(store->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
    if (rc == 0)
        rc = store_save_tu_locked(store, command, facts, parse_ms);
    if (rc == 0)
        rc = sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
    if (rc != 0) {
        fprintf(err, "loopcheck: %s: cannot store the facts of %s: %s\n", store->path, command->file,
                sqlite3_errmsg(store->db));
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
        /* The id caches may name rows the rollback removed. */
        lc_strmap_free(&store->symbol_ids);
        lc_strmap_free(&store->file_ids);
    }
    pthread_mutex_unlock(&store->mutex);
    return rc;
}

int lc_store_retain_tus(struct lc_store *store, const struct lc_compdb *compdb, FILE *err)
{
    pthread_mutex_lock(&store->mutex);
    int rc = lc_store_exec(store, "BEGIN IMMEDIATE; CREATE TEMP TABLE IF NOT EXISTS keep_path(path TEXT PRIMARY KEY);"
                                  " DELETE FROM keep_path", err);
    sqlite3_stmt *keep = NULL;
    if (rc == 0 && sqlite3_prepare_v2(store->db, "INSERT OR IGNORE INTO keep_path(path) VALUES (?1)", -1, &keep,
                                      NULL) != SQLITE_OK)
        rc = -1;
    for (size_t i = 0; rc == 0 && i < compdb->count; i++) {
        sqlite3_bind_text(keep, 1, compdb->commands[i].file, -1, SQLITE_STATIC);
        rc = lc_store_step_done(keep);
    }
    sqlite3_finalize(keep);
    if (rc == 0)
        rc = lc_store_exec(store,
                           "CREATE TEMP TABLE IF NOT EXISTS drop_tu(id INTEGER PRIMARY KEY); DELETE FROM drop_tu;"
                           "INSERT INTO drop_tu SELECT tu.id FROM tu JOIN file ON file.id = tu.file_id"
                           "  WHERE file.path NOT IN (SELECT path FROM keep_path);"
                           "DELETE FROM call_arg WHERE call_id IN (SELECT id FROM call WHERE tu_id IN drop_tu);"
                           "DELETE FROM call WHERE tu_id IN drop_tu; DELETE FROM function WHERE tu_id IN drop_tu;"
                           "DELETE FROM fp_store WHERE tu_id IN drop_tu; DELETE FROM tu_input WHERE tu_id IN drop_tu;"
                           "DELETE FROM loop WHERE tu_id IN drop_tu; DELETE FROM access WHERE tu_id IN drop_tu;"
                           "DELETE FROM held_lock WHERE tu_id IN drop_tu; DELETE FROM call_guard WHERE tu_id IN drop_tu;"
                           "DELETE FROM written_record WHERE tu_id IN drop_tu;"
                           "DELETE FROM tu WHERE id IN drop_tu; COMMIT",
                           err);
    if (rc != 0)
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
    pthread_mutex_unlock(&store->mutex);
    return rc;
}
