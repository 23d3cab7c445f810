/* store_statements.c — the statements the store keeps prepared (their
 * SQL), interning symbols and files (cached in memory), and binding
 * values and locations to a statement's columns. */
#include "store_internal.h"

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
    [LC_STMT_DELETE_TU_DEFINED_VARIABLES] = "DELETE FROM defined_variable WHERE tu_id = ?1",
    [LC_STMT_DELETE_TU_FILE_SCOPE_NAMES] = "DELETE FROM file_scope_name WHERE tu_id = ?1",
    [LC_STMT_DELETE_TU_LINK_WRITES] = "DELETE FROM link_write WHERE tu_id = ?1",
    [LC_STMT_DELETE_TU_RAISED_LIMITS] = "DELETE FROM raised_limit WHERE tu_id = ?1",
    [LC_STMT_DELETE_TU_COUNTED_FIELDS] = "DELETE FROM counted_field WHERE tu_id = ?1",
    [LC_STMT_DELETE_TU_HELPER_LOCKS] = "DELETE FROM helper_lock WHERE tu_id = ?1",
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
                            " after_comma_id, element_args, branch_exit_after, scaled_args, guard_param, depth_limit,"
                            " guard_test, guard_value, unreached, guard_field_id, changed_param_args, runs, restart_call, loop_only,"
                            " returned_param, returned_test, returned_value, nonzero_exit_after, error_return,"
                            " fail_guard_before, fail_test, cursor_args, each_round, counter_args, share, full_param,"
                            " full_field_id, unlikely, empty_field_id) VALUES (?1, ?2,"
                            " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,"
                            " ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39,"
                            " ?40, ?41, ?42)",
    [LC_STMT_INSERT_CALL_ARG] = "INSERT INTO call_arg(call_id, position, kind, symbol_id, record, param_index,"
                                 " int_value, text, field_of_param, keys, child_of_param, slot_of_param, at_most,"
                                 " table_length) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    [LC_STMT_INSERT_STORE] = "INSERT INTO fp_store(tu_id, target_kind, target_id, target_record, value_kind,"
                             " value_id, value_record, value_param, function_id, file_id, line, col,"
                             " value_call_id, conditional, role, target_param) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                             " ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    [LC_STMT_INSERT_LOOP] = "INSERT INTO loop(tu_id, function_id, kind, file_id, line, col, parent_id, depth, bound,"
                            " trip_count, bound_text, source, bound_param, walked_id, guard_param, guard_test,"
                            " guard_value, guard_field_id, bound_name, link_id, loop_only, drain_name, transfer_name,"
                            " cursor_params, table_walk, owned_field_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                            " ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
    [LC_STMT_INSERT_ACCESS] = "INSERT INTO access(tu_id, function_id, variable_id, kind, atomic, file_id, line, col,"
                              " zero_guarded, via_callee_id, via_argument, indexed, passed_record_id, loop_only, exit_call_id,"
                              " error_return)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    [LC_STMT_INSERT_HELD_LOCK] = "INSERT INTO held_lock(tu_id, owner, owner_id, lock_id) VALUES (?1, ?2, ?3, ?4)",
    [LC_STMT_INSERT_CALL_GUARD] = "INSERT INTO call_guard(tu_id, call_id, variable_id, equal, value, pointer)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [LC_STMT_INSERT_WRITTEN_RECORD] = "INSERT OR IGNORE INTO written_record(tu_id, record_id) VALUES (?1, ?2)",
    [LC_STMT_INSERT_DEFINED_VARIABLE] = "INSERT OR IGNORE INTO defined_variable(tu_id, symbol_id, table_length) VALUES (?1, ?2, ?3)",
    [LC_STMT_INSERT_FILE_SCOPE_NAME] = "INSERT OR IGNORE INTO file_scope_name(tu_id, symbol_id) VALUES (?1, ?2)",
    [LC_STMT_INSERT_LINK_WRITE] = "INSERT INTO link_write(tu_id, function_id, field_id, object_kind, object_id,"
                                  " object_record, object_param, value_kind, value_id, value_record, value_param, made)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    [LC_STMT_INSERT_RAISED_LIMIT] = "INSERT INTO raised_limit(tu_id, function_id, param, field_id)"
                                    " VALUES (?1, ?2, ?3, ?4)",
    [LC_STMT_INSERT_COUNTED_FIELD] = "INSERT INTO counted_field(tu_id, function_id, field_id, in_loop)"
                                     " VALUES (?1, ?2, ?3, ?4)",
    [LC_STMT_INSERT_HELPER_LOCK] = "INSERT INTO helper_lock(tu_id, function_id, param, lock_id) VALUES (?1, ?2, ?3, ?4)",
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

/* A symbol first met without its name (a defined variable, a record, a
 * lock) is not cached: the next intern that has the name then reaches the
 * upsert, which fills the name in, whichever TU the workers stored first. */
int64_t lc_store_intern_symbol(struct lc_store *store, const char *usr, const char *name)
{
    uint32_t cached = lc_strmap_get(&store->symbol_ids, usr);
    if (cached != LC_STRMAP_MISSING)
        return cached;
    sqlite3_stmt *stmt = lc_store_statement(store, LC_STMT_INTERN_SYMBOL);
    sqlite3_bind_text(stmt, 1, usr, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, name ? name : "", -1, SQLITE_STATIC);
    if (name && *name)
        return store_intern(store, stmt, &store->symbol_ids, usr);
    int64_t id = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_reset(stmt);
    return id;
}

const char *lc_store_value_kind_name(enum lc_value_kind kind)
{
    switch (kind) {
    case LC_VALUE_NULL: return "null";
    case LC_VALUE_INT: return "int";
    case LC_VALUE_FUNCTION: return "function";
    case LC_VALUE_FIELD: return "field";
    case LC_VALUE_VAR: return "var";
    case LC_VALUE_PARAM: return "param";
    case LC_VALUE_CALL: return "call";
    case LC_VALUE_STRING: return "string";
    case LC_VALUE_POINTEE: return "pointee";
    case LC_VALUE_OTHER: break;
    }
    return "other";
}

int lc_store_bind_value(struct lc_store *store, sqlite3_stmt *stmt, int first, const struct lc_value *value)
{
    sqlite3_bind_text(stmt, first, lc_store_value_kind_name(value->kind), -1, SQLITE_STATIC);
    if (value->usr) {
        /* A parameter's symbol is its function: do not name it after the
         * parameter. */
        int64_t id = lc_store_intern_symbol(store, value->usr,
                                            lc_store_value_of_parameter(value->kind) ? NULL : value->name);
        if (!id)
            return -1;
        sqlite3_bind_int64(stmt, first + 1, id);
    }
    if (value->record)
        sqlite3_bind_text(stmt, first + 2, value->record, -1, SQLITE_STATIC);
    if (lc_store_value_of_parameter(value->kind))
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
