/* store_tu.c — saving one TU's facts (one transaction each) and forgetting
 * TUs that left the compile database. */
#include "store_internal.h"

#include "arg_keys.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


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

/* One row of a table about a function (raised_limit, counted_field,
 * helper_lock): the TU, the function, then an integer and a symbol (its
 * USR interned), in that order or, when `symbol_first`, the other. */
static int store_save_function_row(struct lc_store *store, enum lc_store_statement insert, int64_t tu_id,
                                   int64_t function_id, int value, const char *usr, int symbol_first)
{
    int64_t symbol_id = lc_store_intern_symbol(store, usr, NULL);
    if (!symbol_id)
        return -1;
    sqlite3_stmt *stmt = lc_store_statement(store, insert);
    sqlite3_bind_int64(stmt, 1, tu_id);
    sqlite3_bind_int64(stmt, 2, function_id);
    sqlite3_bind_int(stmt, symbol_first ? 4 : 3, value);
    sqlite3_bind_int64(stmt, symbol_first ? 3 : 4, symbol_id);
    return lc_store_step_done(stmt);
}

/* What a function does with its parameters: the fields it raises by a
 * factor, those it counts up through a pointer, the locks it holds for
 * its callers' accesses through them. */
static int store_save_function_rows(struct lc_store *store, int64_t tu_id, int64_t function_id,
                                    const struct lc_function_fact *fn)
{
    int rc = 0;
    for (unsigned i = 0; rc == 0 && i < fn->raised_count; i++)
        rc = store_save_function_row(store, LC_STMT_INSERT_RAISED_LIMIT, tu_id, function_id, fn->raised[i].param,
                                     fn->raised[i].field_usr, 0);
    for (unsigned i = 0; rc == 0 && i < fn->counted_count; i++)
        rc = store_save_function_row(store, LC_STMT_INSERT_COUNTED_FIELD, tu_id, function_id,
                                     fn->counted[i].in_loop, fn->counted[i].field_usr, 1);
    for (unsigned i = 0; rc == 0 && i < fn->helper_lock_count; i++)
        rc = store_save_function_row(store, LC_STMT_INSERT_HELPER_LOCK, tu_id, function_id,
                                     fn->helper_locks[i].param, fn->helper_locks[i].lock_usr, 0);
    return rc;
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
        if (lc_store_step_done(stmt) != 0 || store_save_function_rows(store, tu_id, symbol_id, fn) != 0)
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
        sqlite3_bind_int(stmt, 6, guard->pointer != 0);
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
    if (!caller_id || lc_store_bind_value(store, stmt, 3, &call->callee) != 0
        || lc_store_bind_location(store, stmt, 7, &call->loc) != 0)
        return -1;
    sqlite3_bind_int(stmt, 10, (int)call->nargs);
    if (call->loop_index >= 0 && (size_t)call->loop_index < ids->loop_count)
        sqlite3_bind_int64(stmt, 11, ids->loop_ids[call->loop_index]);
    sqlite3_bind_int(stmt, 12, call->conditional);
    sqlite3_bind_int64(stmt, 15, (sqlite3_int64)call->element_args);
    sqlite3_bind_int64(stmt, 35, (sqlite3_int64)call->cursor_args);
    sqlite3_bind_int64(stmt, 37, (sqlite3_int64)call->counter_args);
    sqlite3_bind_int(stmt, 36, call->each_round);
    sqlite3_bind_int64(stmt, 17, (sqlite3_int64)call->scaled_args);
    sqlite3_bind_int(stmt, 18, call->param_guard.param);
    sqlite3_bind_int(stmt, 20, call->param_guard.test);
    sqlite3_bind_int64(stmt, 21, call->param_guard.value);
    if (lc_store_bind_guard_field(store, stmt, 23, &call->param_guard) != 0)
        return -1;
    sqlite3_bind_int64(stmt, 24, (sqlite3_int64)call->changed_param_args);
    sqlite3_bind_int(stmt, 25, call->runs);
    sqlite3_bind_int(stmt, 26, call->restart_call);
    sqlite3_bind_int(stmt, 38, (int)call->share);
    sqlite3_bind_int(stmt, 41, call->unlikely);
    int64_t full_field_id = call->full_guard.param > 0
                                ? lc_store_intern_symbol(store, call->full_guard.field_usr, NULL) : 0;
    if (call->full_guard.param > 0 && !full_field_id)
        return -1;
    sqlite3_bind_int(stmt, 39, full_field_id ? call->full_guard.param : 0);
    if (full_field_id)
        sqlite3_bind_int64(stmt, 40, full_field_id);
    int64_t empty_field_id = call->empty_field_usr ? lc_store_intern_symbol(store, call->empty_field_usr, NULL) : 0;
    if (call->empty_field_usr && !empty_field_id)
        return -1;
    if (empty_field_id)
        sqlite3_bind_int64(stmt, 42, empty_field_id);
    sqlite3_bind_int64(stmt, 19, call->depth_limit);
    sqlite3_bind_int(stmt, 27, call->loop_only);
    sqlite3_bind_int(stmt, 28, call->returned_guard.param);
    sqlite3_bind_int(stmt, 29, call->returned_guard.test);
    sqlite3_bind_int64(stmt, 30, call->returned_guard.value);
    sqlite3_bind_int(stmt, 32, call->error_return);
    if (call->nonzero_exit >= 0 && (size_t)call->nonzero_exit > index)
        sqlite3_bind_int64(stmt, 31, (sqlite3_int64)((size_t)call->nonzero_exit - index));
    int failed_before = call->fail_guard >= 0 && (size_t)call->fail_guard < index && call->fail_test != LC_RESULT_TEST_NONE;
    if (failed_before)
        sqlite3_bind_int64(stmt, 33, (sqlite3_int64)(index - (size_t)call->fail_guard));
    sqlite3_bind_int(stmt, 34, failed_before ? call->fail_test : LC_RESULT_TEST_NONE);
    char unreached[LC_UNREACHED_TEXT_MAX];
    if (lc_unreached_format(call->unreached, call->unreached_count, unreached, sizeof unreached) == 0)
        sqlite3_bind_text(stmt, 22, unreached, -1, SQLITE_TRANSIENT);
    else if (call->reach_unknown && call->conditional)   /* only these can be early exits (lock_wrappers.c) */
        sqlite3_bind_text(stmt, 22, LC_UNREACHED_UNKNOWN, -1, SQLITE_STATIC);
    if (call->after_comma >= 0 && (size_t)call->after_comma < index)
        sqlite3_bind_int64(stmt, 14, ids->call_ids[call->after_comma]);
    if (call->branch_exit >= 0 && (size_t)call->branch_exit != index)
        sqlite3_bind_int64(stmt, 16, (sqlite3_int64)call->branch_exit - (sqlite3_int64)index);
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
        if (lc_store_bind_value(store, arg_stmt, 3, arg) != 0)
            return -1;
        if (arg->kind == LC_VALUE_INT)
            sqlite3_bind_int64(arg_stmt, 7, arg->int_value);
        sqlite3_bind_int(arg_stmt, 9, arg->field_of_param);
        sqlite3_bind_int(arg_stmt, 11, arg->child_of_param);
        sqlite3_bind_int(arg_stmt, 12, arg->slot_of_param);
        sqlite3_bind_int64(arg_stmt, 13, arg->at_most);
        sqlite3_bind_int64(arg_stmt, 14, arg->table_length);
        if (call->arg_texts && call->arg_texts[a])
            sqlite3_bind_text(arg_stmt, 8, call->arg_texts[a], -1, SQLITE_STATIC);
        char *keys = call->arg_keys && call->arg_keys[a] ? lc_arg_keys_encode(call->arg_keys[a]) : NULL;
        if (call->arg_keys && call->arg_keys[a] && !keys)
            return -1;
        if (keys)
            sqlite3_bind_text(arg_stmt, 10, keys, -1, free);
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
    sqlite3_bind_text(stmt, 2, lc_store_value_kind_name(fact->target.kind), -1, SQLITE_STATIC);
    /* What a pointer parameter points to names its function, not it. */
    int parameter = lc_store_value_of_parameter(fact->target.kind);
    int64_t target_id = lc_store_intern_symbol(store, fact->target.usr, parameter ? NULL : fact->target.name);
    if (!target_id)
        return -1;
    sqlite3_bind_int64(stmt, 3, target_id);
    sqlite3_bind_int(stmt, 16, parameter ? fact->target.param_index : 0);
    if (fact->target.record)
        sqlite3_bind_text(stmt, 4, fact->target.record, -1, SQLITE_STATIC);
    if (lc_store_bind_value(store, stmt, 5, &fact->value) != 0)
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
        LC_STMT_DELETE_TU_WRITTEN_RECORDS, LC_STMT_DELETE_TU_LINK_WRITES, LC_STMT_DELETE_TU_DEFINED_VARIABLES,
        LC_STMT_DELETE_TU_FILE_SCOPE_NAMES, LC_STMT_DELETE_TU_RAISED_LIMITS, LC_STMT_DELETE_TU_COUNTED_FIELDS,
        LC_STMT_DELETE_TU_HELPER_LOCKS,
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
        rc = lc_store_save_accesses(store, tu_id, facts, ids.call_ids);
    if (rc == 0)
        rc = lc_store_save_written_records(store, tu_id, facts);
    if (rc == 0)
        rc = lc_store_save_link_writes(store, tu_id, facts);
    if (rc == 0)
        rc = lc_store_save_defined_variables(store, tu_id, facts);
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
                           "DELETE FROM written_record WHERE tu_id IN drop_tu; DELETE FROM link_write WHERE tu_id IN drop_tu;"
                           "DELETE FROM defined_variable WHERE tu_id IN drop_tu;"
                           "DELETE FROM file_scope_name WHERE tu_id IN drop_tu;"
                           "DELETE FROM raised_limit WHERE tu_id IN drop_tu;"
                           "DELETE FROM counted_field WHERE tu_id IN drop_tu;"
                           "DELETE FROM helper_lock WHERE tu_id IN drop_tu;"
                           "DELETE FROM tu WHERE id IN drop_tu; COMMIT",
                           err);
    if (rc != 0)
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
    pthread_mutex_unlock(&store->mutex);
    return rc;
}
