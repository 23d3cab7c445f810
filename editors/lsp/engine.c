/* engine.c — what the worker does: open the analysis, re-analyse a
 * document when it is opened, changed (its unsaved text), saved or closed,
 * answer the requests that read the program, and publish the diagnostics
 * of every open document whose diagnostics changed. */
#include "server.h"

#include <stdlib.h>
#include <string.h>

#include "diagnostics.h"
#include "rpc.h"

/* A stream collecting what the engine prints, forwarded as log messages. */
struct engine_log {
    char *text;
    size_t size;
    FILE *stream;
};

static FILE *engine_log_open(struct engine_log *log)
{
    memset(log, 0, sizeof *log);
    log->stream = open_memstream(&log->text, &log->size);
    return log->stream ? log->stream : stderr;
}

static void engine_log_forward(struct lc_lsp_server *server, struct engine_log *log)
{
    if (log->stream && fclose(log->stream) == 0) {
        for (char *line = log->text, *next; line && *line; line = next) {
            next = strchr(line, '\n');
            if (next)
                *next++ = '\0';
            int error = strstr(line, ": error") != NULL;
            lc_rpc_send_message(&server->transport, 0, error ? LC_RPC_MESSAGE_WARNING : LC_RPC_MESSAGE_INFO, "%s",
                                line);
        }
    }
    free(log->text);
    memset(log, 0, sizeof *log);
}

struct lc_lsp_file_state *lc_lsp_engine_file(struct lc_lsp_engine *engine, const char *path)
{
    for (size_t i = 0; i < engine->file_count; i++)
        if (strcmp(engine->files[i]->path, path) == 0)
            return engine->files[i];
    if (engine->file_count == engine->file_cap) {
        size_t cap = engine->file_cap ? engine->file_cap * 2 : 8;
        struct lc_lsp_file_state **grown = realloc(engine->files, cap * sizeof *grown);
        if (!grown)
            return NULL;
        engine->files = grown;
        engine->file_cap = cap;
    }
    struct lc_lsp_file_state *state = calloc(1, sizeof *state);
    if (state)
        state->path = strdup(path);
    if (!state || !state->path) {
        free(state);
        return NULL;
    }
    engine->files[engine->file_count++] = state;
    return state;
}

struct lc_lsp_source_tu *lc_lsp_engine_source(struct lc_lsp_engine *engine, const struct lc_lsp_document *document)
{
    const struct lc_compile_command *command = lc_analysis_find_command(&engine->session.analysis, document->path);
    struct lc_lsp_file_state *state = command ? lc_lsp_engine_file(engine, document->path) : NULL;
    if (!state
        || lc_lsp_source_tu_update(&state->source, engine->index, command, document->text, document->length) != 0)
        return NULL;
    return &state->source;
}

static void engine_file_free(struct lc_lsp_file_state *state)
{
    free(state->path);
    free(state->parse_error);
    json_decref(state->published);
    lc_lsp_source_tu_free(&state->source);
    free(state);
}

void lc_lsp_engine_free(struct lc_lsp_engine *engine)
{
    for (size_t i = 0; i < engine->file_count; i++)
        engine_file_free(engine->files[i]);
    free(engine->files);
    if (engine->ready)
        lc_analysis_session_close(&engine->session);
    if (engine->index)
        clang_disposeIndex(engine->index);
    lc_lsp_rule_doc_uris_free(engine->doc_uris);
    for (size_t i = 0; i < engine->rules_file_count; i++)
        free(engine->rules_files[i]);
    free(engine->rules_files);
    free(engine->build_dir);
    free(engine->compdb_path);
    memset(engine, 0, sizeof *engine);
}

/* Is anything of `path` in the analysed program (a function declared or
 * defined there)? */
static int engine_program_mentions(const struct lc_program *program, const char *path)
{
    for (uint32_t f = 0; f < program->function_count; f++)
        if (program->functions[f].loc.file && strcmp(program->functions[f].loc.file, path) == 0)
            return 1;
    return 0;
}

static void engine_publish_one(struct lc_lsp_server *server, const struct lc_lsp_document *document,
                               struct lc_lsp_text_cache *texts, int always)
{
    struct lc_lsp_engine *engine = &server->engine;
    struct lc_lsp_file_state *state = lc_lsp_engine_file(engine, document->path);
    if (!state)
        return;
    const struct lc_analysis *analysis = &engine->session.analysis;
    struct lc_lsp_file_notes notes = {
        .parse_error = state->parse_error,
        .parse_error_kept_findings = state->parse_error_kept_findings,
        .outside_compdb = engine->ready && !lc_analysis_find_command(analysis, document->path)
                                  && !engine_program_mentions(&analysis->program, document->path)
                              ? engine->compdb_path : NULL,
    };
    json_t *diagnostics = lc_lsp_diagnostics_for_file(engine->ready ? &analysis->findings : NULL, document->path,
                                                      texts, engine->doc_uris, &notes);
    if (!diagnostics || (!always && state->published && json_equal(diagnostics, state->published))) {
        json_decref(diagnostics);
        return;
    }
    json_decref(state->published);
    state->published = json_incref(diagnostics);
    lc_rpc_send_notification(&server->transport, "textDocument/publishDiagnostics",
                             json_pack("{s:s, s:I, s:o}", "uri", document->uri, "version",
                                       (json_int_t)document->version, "diagnostics", diagnostics));
}

/* Publish the diagnostics of every open document whose diagnostics
 * changed, and those of `analysed` (the document just analysed, or NULL)
 * in any case: the editor learns the analysis of its change is done. */
static void engine_publish(struct lc_lsp_server *server, const char *analysed)
{
    size_t count = 0;
    struct lc_lsp_document *documents = lc_lsp_documents_copy_all(&server->documents, &count);
    struct lc_lsp_text_cache texts;
    lc_lsp_text_cache_init(&texts, server->engine.utf8);
    for (size_t i = 0; documents && i < count; i++)
        lc_lsp_text_cache_put(&texts, documents[i].path, documents[i].text, documents[i].length);
    for (size_t i = 0; documents && i < count; i++)
        engine_publish_one(server, &documents[i], &texts, analysed && strcmp(documents[i].uri, analysed) == 0);
    lc_lsp_text_cache_free(&texts);
    for (size_t i = 0; documents && i < count; i++)
        lc_lsp_document_free(&documents[i]);
    free(documents);
}

static void engine_open_project(struct lc_lsp_server *server)
{
    struct lc_lsp_engine *engine = &server->engine;
    if (!engine->build_dir)
        return;
    struct engine_log log;
    struct lc_analysis_options options = {
        .build_dir = engine->build_dir,
        .rules_files = (const char *const *)engine->rules_files,
        .rules_file_count = engine->rules_file_count,
        .err = engine_log_open(&log),
    };
    int rc = lc_analysis_session_open(&engine->session, &options);
    engine_log_forward(server, &log);
    if (rc < 0) {
        lc_analysis_session_close(&engine->session);
        lc_rpc_send_message(&server->transport, 1, LC_RPC_MESSAGE_ERROR,
                            "loopcheck: cannot analyse %s (see the log)", engine->build_dir);
        return;
    }
    engine->ready = 1;
    const struct lc_analysis_stats *s = &engine->session.analysis.stats;
    lc_rpc_send_message(&server->transport, 0, LC_RPC_MESSAGE_INFO,
                        "loopcheck: %zu TUs (%zu parsed, %zu reused, %zu failed), %u functions, %u entry points, "
                        "%zu findings (%zu suppressed), %.2f s",
                        s->tus, s->parsed, s->reused, s->failed, s->functions, s->entry_points, s->findings,
                        s->suppressed, s->seconds);
    engine_publish(server, NULL);
}

/* Analyse `document` again: its unsaved text, or the file on disk. */
static void engine_update_tu(struct lc_lsp_server *server, struct lc_lsp_file_state *state,
                             const struct lc_lsp_document *document, int from_buffer)
{
    struct engine_log log;
    char *parse_error = NULL;
    struct lc_analysis_session *session = &server->engine.session;
    enum lc_update_status status =
        lc_analysis_update_tu(session, document->path, from_buffer ? document->text : NULL,
                              (unsigned long)document->length, engine_log_open(&log), &parse_error);
    engine_log_forward(server, &log);
    lc_rpc_send_message(&server->transport, 0, LC_RPC_MESSAGE_LOG,
                        "loopcheck: %s (%s) analysed: parse and store %.1f ms, link and checks %.1f ms",
                        document->path, from_buffer ? "unsaved text" : "from disk", session->parse_ms,
                        session->relink_ms);
    free(state->parse_error);
    state->parse_error = parse_error;
    state->parse_error_kept_findings = from_buffer;
    if (status == LC_UPDATE_DONE)
        state->unsaved_in_store = from_buffer;
    else if (status == LC_UPDATE_PARSE_FAILED && !from_buffer)
        state->unsaved_in_store = 0;
    else if (status == LC_UPDATE_FAILED)
        lc_rpc_send_message(&server->transport, 1, LC_RPC_MESSAGE_ERROR,
                            "loopcheck: the analysis failed after %s changed (see the log)", document->path);
}

/* Parse again every TU whose inputs changed on disk (a header was saved,
 * files changed outside the editor), then the unsaved buffers that were
 * analysed, since their TUs were parsed from disk again. */
static void engine_refresh(struct lc_lsp_server *server)
{
    struct engine_log log;
    size_t reparsed = 0, failed = 0;
    lc_analysis_refresh(&server->engine.session, engine_log_open(&log), &reparsed, &failed);
    engine_log_forward(server, &log);
    if (reparsed == 0)
        return;
    size_t count = 0;
    struct lc_lsp_document *documents = lc_lsp_documents_copy_all(&server->documents, &count);
    for (size_t i = 0; documents && i < count; i++) {
        struct lc_lsp_file_state *state = lc_lsp_engine_file(&server->engine, documents[i].path);
        if (state && state->unsaved_in_store)
            engine_update_tu(server, state, &documents[i], 1);
        lc_lsp_document_free(&documents[i]);
    }
    free(documents);
}

/* Does the editor's text equal the file on disk? */
static int engine_same_as_disk(const struct lc_lsp_document *document)
{
    struct lc_lsp_text_cache disk;
    lc_lsp_text_cache_init(&disk, 0);
    size_t length = 0;
    const char *text = lc_lsp_text_cache_get(&disk, document->path, &length);
    int same = text && length == document->length && memcmp(text, document->text, length) == 0;
    lc_lsp_text_cache_free(&disk);
    return same;
}

static void engine_document_opened(struct lc_lsp_server *server, struct lc_lsp_file_state *state,
                                   const struct lc_lsp_document *document)
{
    struct lc_analysis *analysis = &server->engine.session.analysis;
    const struct lc_compile_command *command = lc_analysis_find_command(analysis, document->path);
    if (!command) {
        lc_rpc_send_message(&server->transport, 0, LC_RPC_MESSAGE_INFO,
                            "loopcheck: %s is not in %s: it is checked only as part of the translation units "
                            "that include it", document->path, server->engine.compdb_path);
        return;
    }
    if (!engine_same_as_disk(document)) {
        engine_update_tu(server, state, document, 1);
        return;
    }
    engine_refresh(server);   /* may run everything again: `command` is gone */
    /* A TU that failed to parse (in this run or an earlier one) says why. */
    char *error = NULL;
    command = lc_analysis_find_command(analysis, document->path);
    if (command && analysis->store && lc_store_tu_state(analysis->store, command, &error) == LC_TU_CURRENT_FAILED) {
        free(state->parse_error);
        state->parse_error = error;
        state->parse_error_kept_findings = 0;
    } else {
        free(error);
    }
}

static void engine_document_saved(struct lc_lsp_server *server, struct lc_lsp_file_state *state,
                                  const struct lc_lsp_document *document)
{
    if (lc_analysis_find_command(&server->engine.session.analysis, document->path))
        engine_update_tu(server, state, document, 0);
    else
        engine_refresh(server);
}

static void engine_document_closed(struct lc_lsp_server *server, const char *uri)
{
    struct lc_lsp_engine *engine = &server->engine;
    char *raw_path = lc_lsp_uri_to_path(uri);
    char *path = raw_path ? lc_compdb_normalize_path("/", raw_path) : NULL;
    free(raw_path);
    for (size_t i = 0; path && i < engine->file_count; i++) {
        struct lc_lsp_file_state *state = engine->files[i];
        if (strcmp(state->path, path) != 0)
            continue;
        if (engine->ready && state->unsaved_in_store) {
            struct lc_lsp_document on_disk = { .path = path };
            engine_update_tu(server, state, &on_disk, 0);
        }
        engine_file_free(state);
        engine->files[i] = engine->files[--engine->file_count];
        break;
    }
    free(path);
    lc_rpc_send_notification(&server->transport, "textDocument/publishDiagnostics",
                             json_pack("{s:s, s:[]}", "uri", uri, "diagnostics"));
}

static void engine_document(struct lc_lsp_server *server, struct lc_lsp_job *job)
{
    struct lc_lsp_engine *engine = &server->engine;
    if (job->kind == LC_JOB_DOCUMENT_CLOSED) {
        engine_document_closed(server, job->uri);
    } else if (engine->ready) {
        struct lc_lsp_document document;
        if (lc_lsp_documents_copy(&server->documents, job->uri, &document) != 0)
            return;   /* closed since */
        struct lc_lsp_file_state *state = lc_lsp_engine_file(engine, document.path);
        if (state && job->kind == LC_JOB_DOCUMENT_OPENED)
            engine_document_opened(server, state, &document);
        else if (state && job->kind == LC_JOB_DOCUMENT_CHANGED
                 && lc_analysis_find_command(&engine->session.analysis, document.path))
            engine_update_tu(server, state, &document, 1);
        else if (state && job->kind == LC_JOB_DOCUMENT_SAVED)
            engine_document_saved(server, state, &document);
        lc_lsp_document_free(&document);
    }
    engine_publish(server, job->kind == LC_JOB_DOCUMENT_CLOSED ? NULL : job->uri);
}

static void engine_request(struct lc_lsp_server *server, struct lc_lsp_job *job)
{
    struct lc_lsp_engine *engine = &server->engine;
    struct lc_lsp_document document;
    json_t *result = NULL;
    if (engine->ready && lc_lsp_documents_copy(&server->documents, job->uri, &document) == 0) {
        result = job->kind == LC_JOB_HOVER ? lc_lsp_hover(engine, &document, job->params)
                                           : lc_lsp_code_actions(engine, &document, job->params);
        lc_lsp_document_free(&document);
    }
    if (!result)
        result = job->kind == LC_JOB_HOVER ? json_null() : json_array();
    lc_rpc_send_result(&server->transport, job->id, result);
}

void lc_lsp_engine_run(void *context, struct lc_lsp_job *job)
{
    struct lc_lsp_server *server = context;
    switch (job->kind) {
    case LC_JOB_OPEN_PROJECT:
        engine_open_project(server);
        break;
    case LC_JOB_DOCUMENT_OPENED:
    case LC_JOB_DOCUMENT_CHANGED:
    case LC_JOB_DOCUMENT_SAVED:
    case LC_JOB_DOCUMENT_CLOSED:
        engine_document(server, job);
        break;
    case LC_JOB_HOVER:
    case LC_JOB_CODE_ACTION:
        engine_request(server, job);
        break;
    }
}
