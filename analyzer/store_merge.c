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
 * call_arg.call_id, fp_store.value_call_id, call.loop_id, call.zero_guard_id,
 * call.after_comma_id, loop.parent_id, access.exit_call_id and
 * held_lock.owner_id (a call or an access, by held_lock.owner).
 *
 * The columns copied are read from the schema, so a column added to tu or
 * to a fact table is merged without a change here — unless it names an id ("id" or
 * "..._id"), which must be renumbered: such a column, or a new table of
 * per-TU facts (one with a tu_id), that merge_tables does not describe makes
 * the merge fail rather than copy ids that mean nothing in the store. */
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
    "  WHERE f.new NOT IN (SELECT file_id FROM main.tu);";

/* After the TUs are copied (merge_tables[0]): their ids in the store. */
static const char merge_tu_ids_sql[] =
    "UPDATE merge_tu SET new = (SELECT m.id FROM lc_shard.tu t JOIN merge_file f ON f.old = t.file_id"
    "  JOIN main.tu m ON m.file_id = f.new WHERE t.id = merge_tu.old);";

/* A fact table: where its rows come from (`x` is the shard's row; only rows
 * of the TUs in merge_tu) and the columns that are renumbered rather than
 * copied. */
struct merge_table {
    const char *name;
    const char *from;
    const char *order;
    struct {
        const char *column, *value;
    } renumbered[12];
};

#define MERGE_TU "JOIN merge_tu mt ON mt.old = x.tu_id"
#define MERGE_FILE "JOIN merge_file f ON f.old = x.file_id"
#define MERGE_OFFSETS "CROSS JOIN merge_offset o"

static const struct merge_table merge_tables[] = {
    /* First: the TUs themselves, their new ids given by the store. */
    { "tu", "lc_shard.tu x JOIN merge_tu mt ON mt.old = x.id " MERGE_FILE, "x.id",
      { { "id", "NULL" }, { "file_id", "f.new" } } },
    { "tu_input", "lc_shard.tu_input x " MERGE_TU " " MERGE_FILE, "x.tu_id, x.file_id",
      { { "tu_id", "mt.new" }, { "file_id", "f.new" } } },
    { "function", "lc_shard.function x " MERGE_TU " JOIN merge_symbol s ON s.old = x.symbol_id " MERGE_FILE, "x.rowid",
      { { "tu_id", "mt.new" }, { "symbol_id", "s.new" }, { "file_id", "f.new" } } },
    { "loop", "lc_shard.loop x " MERGE_TU " JOIN merge_symbol s ON s.old = x.function_id"
              " LEFT JOIN merge_symbol walked ON walked.old = x.walked_id"
              " LEFT JOIN merge_symbol field ON field.old = x.guard_field_id"
              " LEFT JOIN merge_symbol link ON link.old = x.link_id"
              " LEFT JOIN merge_symbol owned ON owned.old = x.owned_field_id " MERGE_FILE " " MERGE_OFFSETS,
      "x.id",
      { { "id", "x.id + o.loop" }, { "tu_id", "mt.new" }, { "function_id", "s.new" }, { "file_id", "f.new" },
        { "parent_id", "x.parent_id + o.loop" }, { "walked_id", "walked.new" }, { "guard_field_id", "field.new" },
        { "link_id", "link.new" }, { "owned_field_id", "owned.new" } } },
    { "call", "lc_shard.call x " MERGE_TU " JOIN merge_symbol caller ON caller.old = x.caller_id"
              " LEFT JOIN merge_symbol callee ON callee.old = x.callee_id"
              " LEFT JOIN merge_symbol field ON field.old = x.guard_field_id"
              " LEFT JOIN merge_symbol grown ON grown.old = x.full_field_id"
              " LEFT JOIN merge_symbol emptied ON emptied.old = x.empty_field_id " MERGE_FILE " " MERGE_OFFSETS, "x.id",
      { { "id", "x.id + o.call" }, { "tu_id", "mt.new" }, { "caller_id", "caller.new" }, { "callee_id", "callee.new" },
        { "file_id", "f.new" }, { "loop_id", "x.loop_id + o.loop" }, { "zero_guard_id", "x.zero_guard_id + o.call" },
        { "after_comma_id", "x.after_comma_id + o.call" }, { "guard_field_id", "field.new" },
        { "full_field_id", "grown.new" }, { "empty_field_id", "emptied.new" } } },
    { "call_arg", "lc_shard.call_arg x JOIN lc_shard.call c ON c.id = x.call_id JOIN merge_tu mt ON mt.old = c.tu_id"
                  " LEFT JOIN merge_symbol s ON s.old = x.symbol_id " MERGE_OFFSETS, "x.call_id, x.position",
      { { "call_id", "x.call_id + o.call" }, { "symbol_id", "s.new" } } },
    { "fp_store", "lc_shard.fp_store x " MERGE_TU " JOIN merge_symbol target ON target.old = x.target_id"
                  " LEFT JOIN merge_symbol value ON value.old = x.value_id"
                  " LEFT JOIN merge_symbol fn ON fn.old = x.function_id " MERGE_FILE " " MERGE_OFFSETS, "x.rowid",
      { { "tu_id", "mt.new" }, { "target_id", "target.new" }, { "value_id", "value.new" }, { "function_id", "fn.new" },
        { "file_id", "f.new" }, { "value_call_id", "x.value_call_id + o.call" } } },
    { "access", "lc_shard.access x " MERGE_TU " JOIN merge_symbol fn ON fn.old = x.function_id"
                " JOIN merge_symbol v ON v.old = x.variable_id LEFT JOIN merge_symbol via ON via.old = x.via_callee_id"
                " LEFT JOIN merge_symbol rec ON rec.old = x.passed_record_id " MERGE_FILE " " MERGE_OFFSETS, "x.id",
      { { "id", "x.id + o.access" }, { "tu_id", "mt.new" }, { "function_id", "fn.new" }, { "variable_id", "v.new" },
        { "file_id", "f.new" }, { "via_callee_id", "via.new" }, { "passed_record_id", "rec.new" },
        { "exit_call_id", "x.exit_call_id + o.call" } } },
    { "held_lock", "lc_shard.held_lock x " MERGE_TU " JOIN merge_symbol s ON s.old = x.lock_id " MERGE_OFFSETS,
      "x.rowid",
      { { "tu_id", "mt.new" }, { "owner_id", "x.owner_id + CASE x.owner WHEN 'call' THEN o.call ELSE o.access END" },
        { "lock_id", "s.new" } } },
    { "call_guard", "lc_shard.call_guard x " MERGE_TU " JOIN merge_symbol s ON s.old = x.variable_id " MERGE_OFFSETS,
      "x.rowid", { { "tu_id", "mt.new" }, { "call_id", "x.call_id + o.call" }, { "variable_id", "s.new" } } },
    { "written_record", "lc_shard.written_record x " MERGE_TU " JOIN merge_symbol s ON s.old = x.record_id",
      "x.tu_id, x.record_id", { { "tu_id", "mt.new" }, { "record_id", "s.new" } } },
    { "defined_variable", "lc_shard.defined_variable x " MERGE_TU " JOIN merge_symbol s ON s.old = x.symbol_id",
      "x.tu_id, x.symbol_id", { { "tu_id", "mt.new" }, { "symbol_id", "s.new" } } },
    { "file_scope_name", "lc_shard.file_scope_name x " MERGE_TU " JOIN merge_symbol s ON s.old = x.symbol_id",
      "x.tu_id, x.symbol_id", { { "tu_id", "mt.new" }, { "symbol_id", "s.new" } } },
    { "link_write", "lc_shard.link_write x " MERGE_TU " LEFT JOIN merge_symbol fn ON fn.old = x.function_id"
                    " JOIN merge_symbol field ON field.old = x.field_id"
                    " LEFT JOIN merge_symbol object ON object.old = x.object_id"
                    " LEFT JOIN merge_symbol value ON value.old = x.value_id", "x.rowid",
      { { "tu_id", "mt.new" }, { "function_id", "fn.new" }, { "field_id", "field.new" },
        { "object_id", "object.new" }, { "value_id", "value.new" } } },
    { "raised_limit", "lc_shard.raised_limit x " MERGE_TU " JOIN merge_symbol fn ON fn.old = x.function_id"
                      " JOIN merge_symbol field ON field.old = x.field_id", "x.rowid",
      { { "tu_id", "mt.new" }, { "function_id", "fn.new" }, { "field_id", "field.new" } } },
    { "counted_field", "lc_shard.counted_field x " MERGE_TU " JOIN merge_symbol fn ON fn.old = x.function_id"
                       " JOIN merge_symbol field ON field.old = x.field_id", "x.rowid",
      { { "tu_id", "mt.new" }, { "function_id", "fn.new" }, { "field_id", "field.new" } } },
    { "helper_lock", "lc_shard.helper_lock x " MERGE_TU " JOIN merge_symbol fn ON fn.old = x.function_id"
                     " JOIN merge_symbol l ON l.old = x.lock_id", "x.rowid",
      { { "tu_id", "mt.new" }, { "function_id", "fn.new" }, { "lock_id", "l.new" } } },
};

#define MERGE_TABLE_COUNT (sizeof merge_tables / sizeof *merge_tables)

static int merge_exec(sqlite3 *db, const char *sql, const char *shard_path, FILE *err)
{
    char *message = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &message) == SQLITE_OK)
        return 0;
    fprintf(err, "loopcheck: %s: cannot merge it: %s\n", shard_path, message ? message : sqlite3_errmsg(db));
    sqlite3_free(message);
    return -1;
}

static int merge_names_id(const char *column)
{
    size_t length = strlen(column);
    return strcmp(column, "id") == 0 || (length > 3 && strcmp(column + length - 3, "_id") == 0);
}

/* Append to *sql (growing it) and return 0, or -1 when memory runs out. */
static int merge_append(char **sql, size_t *length, const char *text)
{
    size_t more = strlen(text);
    char *grown = realloc(*sql, *length + more + 1);
    if (!grown)
        return -1;
    memcpy(grown + *length, text, more + 1);
    *sql = grown;
    *length += more;
    return 0;
}

/* "INSERT INTO main.T(columns) SELECT values FROM ... ORDER BY ...", the
 * columns read from the schema; NULL after one line on `err`. */
static char *merge_table_sql(sqlite3 *db, const struct merge_table *table, const char *shard_path, FILE *err)
{
    char pragma[64], *columns = NULL, *values = NULL, *sql = NULL;
    size_t columns_length = 0, values_length = 0, sql_length = 0;
    snprintf(pragma, sizeof pragma, "PRAGMA main.table_info(%s)", table->name);
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(db, pragma, -1, &stmt, NULL) == SQLITE_OK ? 0 : -1;
    while (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW) {
        const char *column = (const char *)sqlite3_column_text(stmt, 1), *value = NULL;
        for (size_t i = 0; i < sizeof table->renumbered / sizeof *table->renumbered && !value; i++)
            if (table->renumbered[i].column && strcmp(table->renumbered[i].column, column) == 0)
                value = table->renumbered[i].value;
        if (!value && merge_names_id(column)) {
            fprintf(err, "loopcheck: %s: cannot merge it: column %s.%s is an id this loopcheck cannot renumber\n",
                    shard_path, table->name, column);
            rc = -1;
            break;
        }
        char qualified[96];
        snprintf(qualified, sizeof qualified, "x.%s", column);
        if ((columns_length && merge_append(&columns, &columns_length, ", ") != 0)
            || merge_append(&columns, &columns_length, column) != 0
            || (values_length && merge_append(&values, &values_length, ", ") != 0)
            || merge_append(&values, &values_length, value ? value : qualified) != 0)
            rc = -1;
    }
    sqlite3_finalize(stmt);
    if (rc == 0 && columns_length
        && (merge_append(&sql, &sql_length, "INSERT INTO main.") != 0 || merge_append(&sql, &sql_length, table->name) != 0
            || merge_append(&sql, &sql_length, "(") != 0 || merge_append(&sql, &sql_length, columns) != 0
            || merge_append(&sql, &sql_length, ") SELECT ") != 0 || merge_append(&sql, &sql_length, values) != 0
            || merge_append(&sql, &sql_length, " FROM ") != 0 || merge_append(&sql, &sql_length, table->from) != 0
            || merge_append(&sql, &sql_length, " ORDER BY ") != 0
            || merge_append(&sql, &sql_length, table->order) != 0)) {
        free(sql);
        sql = NULL;
    }
    if (rc == 0 && !sql)
        fprintf(err, "loopcheck: %s: cannot merge table %s (out of memory, or no such table)\n", shard_path,
                table->name);
    free(columns);
    free(values);
    return sql;
}

/* Every table of per-TU facts (a tu_id column) is one merge_tables knows. */
static int merge_check_tables(sqlite3 *db, const char *shard_path, FILE *err)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT m.name FROM main.sqlite_schema m WHERE m.type = 'table'"
                                    " AND m.name <> 'tu' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name)"
                                    " WHERE name = 'tu_id')", -1, &stmt, NULL) == SQLITE_OK ? 0 : -1;
    while (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(stmt, 0);
        int known = 0;
        for (size_t i = 0; i < MERGE_TABLE_COUNT && !known; i++)
            known = strcmp(merge_tables[i].name, name) == 0;
        if (!known) {
            fprintf(err, "loopcheck: %s: cannot merge it: this loopcheck does not know how to merge table %s\n",
                    shard_path, name);
            rc = -1;
        }
    }
    sqlite3_finalize(stmt);
    return rc;
}

static int merge_facts(sqlite3 *db, const char *shard_path, FILE *err)
{
    int rc = merge_check_tables(db, shard_path, err);
    for (size_t i = 0; rc == 0 && i < MERGE_TABLE_COUNT; i++) {
        char *sql = merge_table_sql(db, &merge_tables[i], shard_path, err);
        rc = sql ? merge_exec(db, sql, shard_path, err) : -1;
        free(sql);
        if (rc == 0 && i == 0)
            rc = merge_exec(db, merge_tu_ids_sql, shard_path, err);
    }
    return rc;
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
    if (merge_check_file(store, shard_path, err) != 0)
        return -1;
    /* Once the shard is attached, "database is locked" no longer says which
     * of the two another process holds: ask for the output's write lock first. */
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(err, "loopcheck: %s: cannot write it (%s); %s not merged\n", lc_store_path(store),
                sqlite3_errmsg(db), shard_path);
        return -1;
    }
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (merge_attach(db, shard_path, err) != 0)
        return -1;
    int rc = merge_check_shard(db, shard_path, err);
    if (rc == 0)
        rc = merge_exec(db, "BEGIN IMMEDIATE", shard_path, err);
    if (rc == 0) {
        rc = merge_exec(db, merge_maps_sql, shard_path, err) == 0 && merge_facts(db, shard_path, err) == 0 ? 0 : -1;
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
