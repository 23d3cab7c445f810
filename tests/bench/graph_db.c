/* graph_db.c — a stored call graph of a chosen size for the graph-scale
 * benchmark (tests/bench/run_bench.sh): FUNCTIONS functions and CALLS
 * direct calls written with SQL straight into the schema-2 tables of a
 * loopcheck database, so `loopcheck check --stats` over it times loading,
 * function-pointer flow, coloring and the checks without any parsing.
 *
 * DB must come from a `loopcheck check` run over a small project: its TUs
 * (rows of `tu`, with fingerprints that match the files on disk, so the
 * check reuses them) own the generated functions, in equal consecutive
 * blocks, and their rows are written TU after TU as loopcheck writes them;
 * the TUs' own facts are replaced, and the stamp of the stored results is
 * removed (the next check must not take them for this graph's).  Besides the calls (three in four to one
 * of the next 64 functions, like calls within a file; one in four to any
 * function), it adds: 4 uv_timer_start registrations and one uv_queue_work
 * (their callbacks as function values in call_arg), a `sleep` call per
 * 10,000 functions, and function pointers stored into FUNCTIONS/1000 struct
 * fields (4 functions each, one call through each field).
 *
 * Usage: graph_db DB FUNCTIONS CALLS [SEED] */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct graph {
    sqlite3 *db;
    int64_t *tu_ids, *tu_files;
    int tu_count;
    int64_t functions, calls;
    int64_t symbol_base;          /* g_i is symbol symbol_base + i */
    int64_t api_timer, api_queue, api_sleep, field_base;
    sqlite3_stmt *call, *arg, *store;
    uint8_t *special;             /* per function: the calls it makes besides
                                     the direct ones (enum graph_special) */
    uint64_t rng;
};

enum graph_special { GRAPH_TIMER = 1, GRAPH_QUEUE = 2, GRAPH_SLEEP = 4, GRAPH_FIELD = 8 };

/* The TU owning function (or field) `i` of `count`: consecutive blocks. */
static int graph_tu_of(const struct graph *g, int64_t i, int64_t count)
{
    return (int)(i * g->tu_count / count);
}

static uint64_t graph_random(struct graph *g)
{
    g->rng ^= g->rng << 13;
    g->rng ^= g->rng >> 7;
    g->rng ^= g->rng << 17;
    return g->rng;
}

static int graph_exec(struct graph *g, const char *sql)
{
    char *message = NULL;
    if (sqlite3_exec(g->db, sql, NULL, NULL, &message) != SQLITE_OK) {
        fprintf(stderr, "graph_db: %s: %s\n", sql, message ? message : sqlite3_errmsg(g->db));
        sqlite3_free(message);
        return -1;
    }
    return 0;
}

static int graph_step(struct graph *g, sqlite3_stmt *stmt)
{
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) {
        fprintf(stderr, "graph_db: %s\n", sqlite3_errmsg(g->db));
        return -1;
    }
    return 0;
}

static int graph_read_tus(struct graph *g)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(g->db, "SELECT id, file_id FROM tu WHERE status = 'ok' ORDER BY id", -1, &stmt, NULL)
        != SQLITE_OK)
        return -1;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        int64_t *ids = realloc(g->tu_ids, (size_t)(g->tu_count + 1) * sizeof *ids);
        int64_t *files = ids ? realloc(g->tu_files, (size_t)(g->tu_count + 1) * sizeof *files) : NULL;
        if (ids)
            g->tu_ids = ids;
        if (files)
            g->tu_files = files;
        if (!ids || !files)
            break;
        g->tu_ids[g->tu_count] = sqlite3_column_int64(stmt, 0);
        g->tu_files[g->tu_count++] = sqlite3_column_int64(stmt, 1);
    }
    sqlite3_finalize(stmt);
    if (g->tu_count == 0)
        fprintf(stderr, "graph_db: the database holds no parsed TU\n");
    return g->tu_count > 0 ? 0 : -1;
}

/* Symbols g_0 .. g_(N-1), the modelled APIs and the fields; functions. */
static int graph_write_symbols(struct graph *g)
{
    sqlite3_stmt *symbol, *function;
    if (sqlite3_prepare_v2(g->db, "INSERT INTO symbol(id, usr, name) VALUES (?1, ?2, ?3)", -1, &symbol, NULL)
            != SQLITE_OK
        || sqlite3_prepare_v2(g->db, "INSERT INTO function(tu_id, symbol_id, file_id, line, col, is_definition,"
                                     " is_static, annotations, param_writes)"
                                     " VALUES (?1, ?2, ?3, ?4, 1, ?5, 0, 0, 4294967295)",
                              -1, &function, NULL) != SQLITE_OK)
        return -1;
    static const char *const apis[] = { "uv_timer_start", "uv_queue_work", "sleep" };
    int64_t fields = g->functions / 1000 + 1, total = g->functions + 3 + fields;
    g->api_timer = g->symbol_base + g->functions;
    g->api_queue = g->api_timer + 1;
    g->api_sleep = g->api_timer + 2;
    g->field_base = g->api_timer + 3;
    int rc = 0;
    for (int64_t k = 0; rc == 0 && k < total; k++) {
        int64_t i = (k + g->functions) % total;   /* APIs and fields first */
        char usr[64], name[32];
        if (i < g->functions) {
            snprintf(usr, sizeof usr, "c:@F@bench_g%lld", (long long)i);
            snprintf(name, sizeof name, "bench_g%lld", (long long)i);
        } else if (i < g->functions + 3) {
            snprintf(usr, sizeof usr, "c:@F@%s", apis[i - g->functions]);
            snprintf(name, sizeof name, "%s", apis[i - g->functions]);
        } else {
            snprintf(usr, sizeof usr, "c:@S@bench_ops@FI@handle%lld", (long long)(i - g->functions - 3));
            snprintf(name, sizeof name, "handle%lld", (long long)(i - g->functions - 3));
        }
        sqlite3_bind_int64(symbol, 1, g->symbol_base + i);
        sqlite3_bind_text(symbol, 2, usr, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(symbol, 3, name, -1, SQLITE_TRANSIENT);
        rc = graph_step(g, symbol);
        if (rc == 0 && i < g->functions + 3) {
            int tu = i < g->functions ? graph_tu_of(g, i, g->functions) : 0;
            sqlite3_bind_int64(function, 1, g->tu_ids[tu]);
            sqlite3_bind_int64(function, 2, g->symbol_base + i);
            sqlite3_bind_int64(function, 3, g->tu_files[tu]);
            sqlite3_bind_int64(function, 4, i + 1);
            sqlite3_bind_int(function, 5, i < g->functions);
            rc = graph_step(g, function);
        }
    }
    sqlite3_finalize(symbol);
    sqlite3_finalize(function);
    return rc;
}

/* One call from function `caller`; returns its id, 0 on error. */
static int64_t graph_call(struct graph *g, int64_t caller, const char *kind, int64_t callee, int nargs, int col)
{
    int tu = graph_tu_of(g, caller, g->functions);
    sqlite3_bind_int64(g->call, 1, g->tu_ids[tu]);
    sqlite3_bind_int64(g->call, 2, g->symbol_base + caller);
    sqlite3_bind_text(g->call, 3, kind, -1, SQLITE_STATIC);
    sqlite3_bind_int64(g->call, 4, callee);
    if (kind[0] == 'f' && kind[1] == 'i')
        sqlite3_bind_text(g->call, 5, "bench_ops", -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(g->call, 5);
    sqlite3_bind_int64(g->call, 6, g->tu_files[tu]);
    sqlite3_bind_int64(g->call, 7, caller + 1);
    sqlite3_bind_int(g->call, 8, col);
    sqlite3_bind_int(g->call, 9, nargs);
    return graph_step(g, g->call) == 0 ? sqlite3_last_insert_rowid(g->db) : 0;
}

static int graph_arg(struct graph *g, int64_t call, int position, const char *kind, int64_t symbol, const char *text)
{
    sqlite3_bind_int64(g->arg, 1, call);
    sqlite3_bind_int(g->arg, 2, position);
    sqlite3_bind_text(g->arg, 3, kind, -1, SQLITE_STATIC);
    if (symbol)
        sqlite3_bind_int64(g->arg, 4, symbol);
    else
        sqlite3_bind_null(g->arg, 4);
    sqlite3_bind_text(g->arg, 5, text, -1, SQLITE_STATIC);
    return graph_step(g, g->arg);
}

static int64_t graph_any(struct graph *g)
{
    return (int64_t)(graph_random(g) % (uint64_t)g->functions);
}

/* The calls besides the direct ones that function `caller` makes. */
static int graph_special_calls(struct graph *g, int64_t caller)
{
    int rc = 0;
    if (g->special[caller] & GRAPH_TIMER) {
        int64_t call = graph_call(g, caller, "function", g->api_timer, 4, 100);
        rc = call && graph_arg(g, call, 1, "other", 0, "&timer") == 0
                     && graph_arg(g, call, 2, "function", g->symbol_base + graph_any(g), "on_timer") == 0
                 ? 0 : -1;
    }
    if (rc == 0 && (g->special[caller] & GRAPH_QUEUE)) {
        int64_t call = graph_call(g, caller, "function", g->api_queue, 4, 110);
        rc = call && graph_arg(g, call, 3, "function", g->symbol_base + graph_any(g), "work") == 0
                     && graph_arg(g, call, 4, "function", g->symbol_base + graph_any(g), "after_work") == 0
                 ? 0 : -1;
    }
    if (rc == 0 && (g->special[caller] & GRAPH_SLEEP)) {
        int64_t call = graph_call(g, caller, "function", g->api_sleep, 1, 120);
        rc = call && graph_arg(g, call, 1, "int", 0, "1") == 0 ? 0 : -1;
    }
    if (rc == 0 && (g->special[caller] & GRAPH_FIELD))
        rc = graph_call(g, caller, "field", g->field_base + graph_any(g) % (g->functions / 1000 + 1), 0, 130) ? 0 : -1;
    return rc;
}

/* Every function's calls, function after function (so TU after TU), then
 * the stores into the fields. */
static int graph_write_calls(struct graph *g)
{
    g->special = calloc((size_t)g->functions, 1);
    if (!g->special)
        return -1;
    for (int r = 0; r < 4; r++)
        g->special[graph_any(g)] |= GRAPH_TIMER;
    g->special[graph_any(g)] |= GRAPH_QUEUE;
    for (int64_t s = 0; s < g->functions / 10000 + 1; s++)
        g->special[graph_any(g)] |= GRAPH_SLEEP;
    for (int64_t f = 0; f < g->functions / 1000 + 1; f++)
        g->special[graph_any(g)] |= GRAPH_FIELD;
    int rc = 0;
    for (int64_t c = 0, caller = 0; rc == 0 && caller < g->functions; caller++) {
        for (int col = 1; rc == 0 && c * g->functions < (caller + 1) * g->calls; c++, col++) {
            int64_t callee = caller + 1 + (int64_t)(graph_random(g) % 64);
            if (graph_random(g) % 4 == 0)
                callee = graph_any(g);
            rc = graph_call(g, caller, "function", g->symbol_base + callee % g->functions, 0, col) ? 0 : -1;
        }
        if (rc == 0 && g->special[caller])
            rc = graph_special_calls(g, caller);
    }
    int64_t fields = g->functions / 1000 + 1;
    for (int64_t f = 0; rc == 0 && f < fields; f++) {
        for (int k = 0; rc == 0 && k < 4; k++) {
            int tu = graph_tu_of(g, f, fields);
            sqlite3_bind_int64(g->store, 1, g->tu_ids[tu]);
            sqlite3_bind_int64(g->store, 2, g->field_base + f);
            sqlite3_bind_int64(g->store, 3, g->symbol_base + graph_any(g));
            sqlite3_bind_int64(g->store, 4, g->tu_files[tu]);
            rc = graph_step(g, g->store);
        }
    }
    return rc;
}

static int graph_prepare(struct graph *g)
{
    return sqlite3_prepare_v2(g->db, "INSERT INTO call(tu_id, caller_id, callee_kind, callee_id, callee_record,"
                                     " file_id, line, col, nargs) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                              -1, &g->call, NULL) == SQLITE_OK
                   && sqlite3_prepare_v2(g->db, "INSERT INTO call_arg(call_id, position, kind, symbol_id, text)"
                                                " VALUES (?1, ?2, ?3, ?4, ?5)", -1, &g->arg, NULL) == SQLITE_OK
                   && sqlite3_prepare_v2(g->db, "INSERT INTO fp_store(tu_id, target_kind, target_id, target_record,"
                                                " value_kind, value_id, file_id, line, col)"
                                                " VALUES (?1, 'field', ?2, 'bench_ops', 'function', ?3, ?4, 1, 1)",
                                         -1, &g->store, NULL) == SQLITE_OK
               ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc < 4 || argc > 5) {
        fprintf(stderr, "usage: graph_db DB FUNCTIONS CALLS [SEED]\n");
        return 2;
    }
    struct graph g = { .functions = atoll(argv[2]), .calls = atoll(argv[3]) };
    g.rng = argc == 5 ? strtoull(argv[4], NULL, 10) * 2654435761u + 1 : 88172645463325252ull;
    if (g.functions < 1 || g.calls < 0 || sqlite3_open_v2(argv[1], &g.db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        fprintf(stderr, "graph_db: %s: cannot open it, or bad sizes\n", argv[1]);
        return 2;
    }
    int rc = graph_exec(&g, "PRAGMA synchronous = OFF; BEGIN") == 0 && graph_read_tus(&g) == 0
                     && graph_exec(&g, "DELETE FROM meta WHERE key LIKE 'results%';"
                                       " DELETE FROM function; DELETE FROM call; DELETE FROM call_arg;"
                                       " DELETE FROM fp_store; DELETE FROM loop; DELETE FROM access;"
                                       " DELETE FROM held_lock; DROP INDEX call_caller; DROP INDEX call_callee;"
                                       " DROP INDEX call_tu; DROP INDEX function_symbol; DROP INDEX function_tu") == 0
                 ? 0 : -1;
    sqlite3_stmt *max_symbol = NULL;
    if (rc == 0 && sqlite3_prepare_v2(g.db, "SELECT coalesce(max(id), 0) + 1 FROM symbol", -1, &max_symbol, NULL)
                       == SQLITE_OK && sqlite3_step(max_symbol) == SQLITE_ROW)
        g.symbol_base = sqlite3_column_int64(max_symbol, 0);
    sqlite3_finalize(max_symbol);
    rc = rc == 0 && g.symbol_base > 0 && graph_prepare(&g) == 0 && graph_write_symbols(&g) == 0
                 && graph_write_calls(&g) == 0
                 && graph_exec(&g, "CREATE INDEX call_tu ON call(tu_id); CREATE INDEX call_caller ON call(caller_id);"
                                   " CREATE INDEX call_callee ON call(callee_id);"
                                   " CREATE INDEX function_tu ON function(tu_id);"
                                   " CREATE INDEX function_symbol ON function(symbol_id); COMMIT") == 0
             ? 0 : -1;
    sqlite3_finalize(g.call);
    sqlite3_finalize(g.arg);
    sqlite3_finalize(g.store);
    sqlite3_close(g.db);
    free(g.tu_ids);
    free(g.tu_files);
    free(g.special);
    return rc == 0 ? 0 : 1;
}
