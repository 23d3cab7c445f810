/* store_merge.c — copying a shard database into a store (store_merge.h).
 *
 * The shard is attached as `lc_shard` and copied with INSERT ... SELECT in
 * one transaction.  Ids are renumbered through temporary tables:
 *   merge_file(old, new)    file ids, joined on file.path
 *   merge_symbol(old, new)  symbol ids, joined on symbol.usr
 *   merge_tu(old, new)      the shard's TUs whose source file is not a TU of
 *                           the store yet (a TU present twice is kept once:
 *                           the copy already in the store wins)
 * Call, loop and access ids are shifted past the largest id the store has
 * (merge_offset), which keeps their order and every reference to them:
 * call_arg.call_id, fp_store.value_call_id, call.loop_id, loop.parent_id and
 * held_lock.owner_id (a call or an access, by held_lock.owner). */
#include "store_merge.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char merge_maps_sql[] =
    "CREATE TEMP TABLE IF NOT EXISTS merge_file(old INTEGER PRIMARY KEY, new INTEGER NOT NULL);"
    "CREATE TEMP TABLE IF NOT EXISTS merge_symbol(old INTEGER PRIMARY KEY, new INTEGER NOT NULL);"
    "CREATE TEMP TABLE IF NOT EXISTS merge_tu(old INTEGER PRIMARY KEY, new INTEGER);"
    "CREATE TEMP TABLE IF NOT EXISTS merge_offset(call INTEGER, loop INTEGER, access INTEGER);"
    "DELETE FROM merge_file; DELETE FROM merge_symbol; DELETE FROM merge_tu; DELETE FROM merge_offset;"
    "INSERT INTO merge_offset SELECT (SELECT coalesce(max(id), 0) FROM main.call),"
    "  (SELECT coalesce(max(id), 0) FROM main.loop), (SELECT coalesce(max(id), 0) FROM main.access);"
    "INSERT OR IGNORE INTO main.file(path) SELECT path FROM lc_shard.file ORDER BY id;"
    "INSERT INTO merge_file SELECT s.id, m.id FROM lc_shard.file s JOIN main.file m ON m.path = s.path;"
    "INSERT INTO main.symbol(usr, name) SELECT usr, name FROM lc_shard.symbol WHERE true ORDER BY id"
    "  ON CONFLICT(usr) DO UPDATE SET name = CASE WHEN name = '' THEN excluded.name ELSE name END;"
    "INSERT INTO merge_symbol SELECT s.id, m.id FROM lc_shard.symbol s JOIN main.symbol m ON m.usr = s.usr;"
    "INSERT INTO merge_tu(old) SELECT t.id FROM lc_shard.tu t JOIN merge_file f ON f.old = t.file_id"
    "  WHERE f.new NOT IN (SELECT file_id FROM main.tu);"
    "INSERT INTO main.tu(file_id, directory, args_hash, status, error, parse_ms, parsed_at)"
    "  SELECT f.new, t.directory, t.args_hash, t.status, t.error, t.parse_ms, t.parsed_at"
    "  FROM lc_shard.tu t JOIN merge_tu mt ON mt.old = t.id JOIN merge_file f ON f.old = t.file_id ORDER BY t.id;"
    "UPDATE merge_tu SET new = (SELECT m.id FROM lc_shard.tu t JOIN merge_file f ON f.old = t.file_id"
    "  JOIN main.tu m ON m.file_id = f.new WHERE t.id = merge_tu.old);";

static const char merge_facts_sql[] =
    "INSERT INTO main.tu_input(tu_id, file_id, size, mtime_ns, content_hash)"
    "  SELECT mt.new, f.new, x.size, x.mtime_ns, x.content_hash FROM lc_shard.tu_input x"
    "  JOIN merge_tu mt ON mt.old = x.tu_id JOIN merge_file f ON f.old = x.file_id;"
    "INSERT INTO main.function(tu_id, symbol_id, file_id, line, col, is_definition, is_static, annotations)"
    "  SELECT mt.new, s.new, f.new, x.line, x.col, x.is_definition, x.is_static, x.annotations"
    "  FROM lc_shard.function x JOIN merge_tu mt ON mt.old = x.tu_id JOIN merge_symbol s ON s.old = x.symbol_id"
    "  JOIN merge_file f ON f.old = x.file_id ORDER BY x.rowid;"
    "INSERT INTO main.loop(id, tu_id, function_id, kind, file_id, line, col, parent_id, depth, bound, trip_count,"
    "  bound_text)"
    "  SELECT x.id + o.loop, mt.new, s.new, x.kind, f.new, x.line, x.col, x.parent_id + o.loop, x.depth, x.bound,"
    "  x.trip_count, x.bound_text FROM lc_shard.loop x JOIN merge_tu mt ON mt.old = x.tu_id"
    "  JOIN merge_symbol s ON s.old = x.function_id JOIN merge_file f ON f.old = x.file_id"
    "  CROSS JOIN merge_offset o ORDER BY x.id;"
    "INSERT INTO main.call(id, tu_id, caller_id, callee_kind, callee_id, callee_record, callee_param, file_id,"
    "  line, col, nargs, loop_id)"
    "  SELECT x.id + o.call, mt.new, caller.new, x.callee_kind, callee.new, x.callee_record, x.callee_param,"
    "  f.new, x.line, x.col, x.nargs, x.loop_id + o.loop FROM lc_shard.call x JOIN merge_tu mt ON mt.old = x.tu_id"
    "  JOIN merge_symbol caller ON caller.old = x.caller_id LEFT JOIN merge_symbol callee ON callee.old = x.callee_id"
    "  JOIN merge_file f ON f.old = x.file_id CROSS JOIN merge_offset o ORDER BY x.id;"
    "INSERT INTO main.call_arg(call_id, position, kind, symbol_id, record, param_index, int_value, text)"
    "  SELECT x.call_id + o.call, x.position, x.kind, s.new, x.record, x.param_index, x.int_value, x.text"
    "  FROM lc_shard.call_arg x JOIN lc_shard.call c ON c.id = x.call_id JOIN merge_tu mt ON mt.old = c.tu_id"
    "  LEFT JOIN merge_symbol s ON s.old = x.symbol_id CROSS JOIN merge_offset o ORDER BY x.call_id, x.position;"
    "INSERT INTO main.fp_store(tu_id, target_kind, target_id, target_record, value_kind, value_id, value_record,"
    "  value_param, function_id, file_id, line, col, value_call_id)"
    "  SELECT mt.new, x.target_kind, target.new, x.target_record, x.value_kind, value.new, x.value_record,"
    "  x.value_param, fn.new, f.new, x.line, x.col, x.value_call_id + o.call"
    "  FROM lc_shard.fp_store x JOIN merge_tu mt ON mt.old = x.tu_id JOIN merge_symbol target ON target.old = x.target_id"
    "  LEFT JOIN merge_symbol value ON value.old = x.value_id LEFT JOIN merge_symbol fn ON fn.old = x.function_id"
    "  JOIN merge_file f ON f.old = x.file_id CROSS JOIN merge_offset o ORDER BY x.rowid;"
    "INSERT INTO main.access(id, tu_id, function_id, variable_id, kind, atomic, file_id, line, col)"
    "  SELECT x.id + o.access, mt.new, fn.new, v.new, x.kind, x.atomic, f.new, x.line, x.col"
    "  FROM lc_shard.access x JOIN merge_tu mt ON mt.old = x.tu_id JOIN merge_symbol fn ON fn.old = x.function_id"
    "  JOIN merge_symbol v ON v.old = x.variable_id JOIN merge_file f ON f.old = x.file_id"
    "  CROSS JOIN merge_offset o ORDER BY x.id;"
    "INSERT INTO main.held_lock(tu_id, owner, owner_id, lock_id)"
    "  SELECT mt.new, x.owner, x.owner_id + CASE x.owner WHEN 'call' THEN o.call ELSE o.access END, s.new"
    "  FROM lc_shard.held_lock x JOIN merge_tu mt ON mt.old = x.tu_id JOIN merge_symbol s ON s.old = x.lock_id"
    "  CROSS JOIN merge_offset o ORDER BY x.rowid;";

static int merge_exec(sqlite3 *db, const char *sql, const char *shard_path, FILE *err)
{
    char *message = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &message) == SQLITE_OK)
        return 0;
    fprintf(err, "loopcheck: %s: cannot merge it: %s\n", shard_path, message ? message : sqlite3_errmsg(db));
    sqlite3_free(message);
    return -1;
}

/* One integer from a query on the attached shard; -1 with *ok = 0 when the
 * query fails (the file is no SQLite database, or lacks the table). */
static long long merge_query_int(sqlite3 *db, const char *sql, int *ok)
{
    sqlite3_stmt *stmt = NULL;
    long long value = -1;
    *ok = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
        value = sqlite3_column_int64(stmt, 0);
        *ok = 1;
    }
    sqlite3_finalize(stmt);
    return value;
}

/* The attached file is a loopcheck database of our schema: 0, or -1 after
 * one line on `err`. */
static int merge_check_shard(sqlite3 *db, const char *shard_path, FILE *err)
{
    int ok;
    long long ours = merge_query_int(db, "SELECT count(*) FROM lc_shard.meta WHERE key = 'tool'"
                                         " AND value = 'loopcheck'", &ok);
    if (!ok || ours != 1) {
        fprintf(err, "loopcheck: %s: not a loopcheck database\n", shard_path);
        return -1;
    }
    long long version = merge_query_int(db, "PRAGMA lc_shard.user_version", &ok);
    if (!ok || version != LC_STORE_SCHEMA_VERSION) {
        fprintf(err, "loopcheck: %s: schema version %lld, expected %d: run the shard again with this loopcheck\n",
                shard_path, version, LC_STORE_SCHEMA_VERSION);
        return -1;
    }
    return 0;
}

static int merge_attach(sqlite3 *db, const char *shard_path, FILE *err)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(db, "ATTACH DATABASE ?1 AS lc_shard", -1, &stmt, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(stmt, 1, shard_path, -1, SQLITE_STATIC);
        rc = sqlite3_step(stmt) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    if (rc != SQLITE_OK && sqlite3_errcode(db) == SQLITE_NOTADB)
        fprintf(err, "loopcheck: %s: not a loopcheck database (%s)\n", shard_path, sqlite3_errmsg(db));
    else if (rc != SQLITE_OK)
        fprintf(err, "loopcheck: %s: cannot open it: %s\n", shard_path, sqlite3_errmsg(db));
    sqlite3_finalize(stmt);
    return rc == SQLITE_OK ? 0 : -1;
}

/* A regular file, and not the store itself. */
static int merge_check_file(struct lc_store *store, const char *shard_path, FILE *err)
{
    struct stat st;
    if (stat(shard_path, &st) != 0) {
        fprintf(err, "loopcheck: %s: %s\n", shard_path, strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        fprintf(err, "loopcheck: %s: not a regular file\n", shard_path);
        return -1;
    }
    char *shard_real = realpath(shard_path, NULL), *store_real = realpath(lc_store_path(store), NULL);
    int same = shard_real && store_real && strcmp(shard_real, store_real) == 0;
    free(shard_real);
    free(store_real);
    if (same)
        fprintf(err, "loopcheck: %s: is the output database itself\n", shard_path);
    return same ? -1 : 0;
}

int lc_store_merge(struct lc_store *store, const char *shard_path, size_t *added, size_t *skipped, FILE *err)
{
    sqlite3 *db = lc_store_db(store);
    *added = *skipped = 0;
    if (merge_check_file(store, shard_path, err) != 0 || merge_attach(db, shard_path, err) != 0)
        return -1;
    int rc = merge_check_shard(db, shard_path, err);
    if (rc == 0)
        rc = merge_exec(db, "BEGIN IMMEDIATE", shard_path, err);
    if (rc == 0) {
        rc = merge_exec(db, merge_maps_sql, shard_path, err) == 0 && merge_exec(db, merge_facts_sql, shard_path, err) == 0
                 ? 0 : -1;
        int ok;
        long long copied = merge_query_int(db, "SELECT count(*) FROM merge_tu", &ok);
        long long total = merge_query_int(db, "SELECT count(*) FROM lc_shard.tu", &ok);
        if (rc == 0 && ok) {
            *added = (size_t)copied;
            *skipped = (size_t)(total - copied);
        }
        if (rc == 0)
            rc = merge_exec(db, "COMMIT", shard_path, err);
        if (rc != 0)
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    }
    sqlite3_exec(db, "DETACH DATABASE lc_shard", NULL, NULL, NULL);
    return rc;
}
