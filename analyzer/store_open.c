/* store_open.c — opening and closing the cache database: the connection
 * and its pragmas, the schema checked or rebuilt (store_schema.c) and the
 * prepared statements (store_statements.c); and running plain SQL on it
 * (lc_store_exec). */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int lc_store_exec(struct lc_store *store, const char *sql, FILE *err)
{
    char *message = NULL;
    if (sqlite3_exec(store->db, sql, NULL, NULL, &message) != SQLITE_OK) {
        fprintf(err, "loopcheck: %s: %s\n", store->path, message ? message : sqlite3_errmsg(store->db));
        sqlite3_free(message);
        return -1;
    }
    return 0;
}

struct lc_store *lc_store_open(const char *path, FILE *err)
{
    struct lc_store *store = calloc(1, sizeof *store);
    if (!store) {
        fprintf(err, "loopcheck: %s: out of memory\n", path);
        return NULL;
    }
    store->path = strdup(path);
    lc_arena_init(&store->arena);
    lc_strmap_init(&store->symbol_ids);
    lc_strmap_init(&store->file_ids);
    lc_strmap_init(&store->disk_files);
    pthread_mutex_init(&store->mutex, NULL);
    if (path[0] == '\0' || strcmp(path, ":memory:") == 0) {
        /* SQLite would open a private in-memory database that every other
         * connection of the run (the program loader's) cannot see. */
        fprintf(err, "loopcheck: '%s': not a database file name\n", path);
        goto fail;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        fprintf(err, "loopcheck: %s: not a regular file\n", path);
        goto fail;
    }
    int rc = sqlite3_open_v2(path, &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
    if (rc != SQLITE_OK) {
        fprintf(err, "loopcheck: %s: cannot open the database: %s\n", path,
                store->db ? sqlite3_errmsg(store->db) : sqlite3_errstr(rc));
        goto fail;
    }
    sqlite3_busy_timeout(store->db, 5000);
    if (lc_store_exec(store, "PRAGMA journal_mode = WAL", err) != 0
        || lc_store_exec(store, "PRAGMA synchronous = NORMAL", err) != 0
        || lc_store_prepare_schema(store, err) != 0
        || lc_store_prepare_statements(store, err) != 0)
        goto fail;
    return store;
fail:
    lc_store_close(store);
    return NULL;
}

void lc_store_close(struct lc_store *store)
{
    if (!store)
        return;
    lc_store_finalize_statements(store);
    if (store->db)
        sqlite3_close(store->db);
    lc_strmap_free(&store->symbol_ids);
    lc_strmap_free(&store->file_ids);
    lc_strmap_free(&store->disk_files);
    free(store->disk_file_info);
    lc_arena_free(&store->arena);
    pthread_mutex_destroy(&store->mutex);
    free(store->path);
    free(store);
}

sqlite3 *lc_store_db(struct lc_store *store)
{
    return store->db;
}

const char *lc_store_path(const struct lc_store *store)
{
    return store->path;
}
