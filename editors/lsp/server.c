/* server.c — loopcheck-lsp: the Language Server Protocol over stdin and
 * stdout.  The main thread reads messages and answers what needs no
 * analysis (lifecycle, errors, cancellation); analyses and the requests
 * that read the program are queued for the worker thread (engine.c). */
#include "server.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rpc.h"

/* 0: keep reading; 1: exit. */
typedef int server_handler(struct lc_lsp_server *server, const json_t *id, const json_t *params);

struct server_method {
    const char *name;
    server_handler *handle;
    int is_request;
};

static int server_initialize(struct lc_lsp_server *server, const json_t *id, const json_t *params)
{
    if (server->initialized)
        lc_rpc_send_error(&server->transport, id, LC_RPC_INVALID_REQUEST, "initialize was already received");
    else
        lc_lsp_initialize(server, id, params);
    return 0;
}

static int server_initialized(struct lc_lsp_server *server, const json_t *id, const json_t *params)
{
    (void)server, (void)id, (void)params;
    return 0;
}

static int server_shutdown(struct lc_lsp_server *server, const json_t *id, const json_t *params)
{
    (void)params;
    server->shutdown = 1;
    lc_rpc_send_result(&server->transport, id, NULL);
    return 0;
}

static int server_exit(struct lc_lsp_server *server, const json_t *id, const json_t *params)
{
    (void)server, (void)id, (void)params;
    return 1;
}

static int server_cancel(struct lc_lsp_server *server, const json_t *id, const json_t *params)
{
    (void)id;
    struct lc_lsp_job *job = lc_lsp_worker_cancel(&server->worker, json_object_get(params, "id"));
    if (job)
        lc_rpc_send_error(&server->transport, job->id, LC_RPC_REQUEST_CANCELLED, "the request was cancelled");
    lc_lsp_job_free(job);
    return 0;
}

/* params.textDocument.uri, logging when it is missing. */
static const char *server_document_uri(struct lc_lsp_server *server, const json_t *params, const char *method)
{
    const char *uri = json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
    if (!uri)
        lc_rpc_send_message(&server->transport, 0, LC_RPC_MESSAGE_WARNING,
                            "loopcheck: %s without params.textDocument.uri: ignored", method);
    return uri;
}

static void server_queue_document(struct lc_lsp_server *server, enum lc_lsp_job_kind kind, const char *uri,
                                  double delay)
{
    struct lc_lsp_job *job = lc_lsp_job_new(kind, uri, NULL, NULL);
    if (job && delay > 0)
        job->not_before = lc_lsp_now() + delay;
    lc_lsp_worker_push(&server->worker, job);
}

static int server_did_open(struct lc_lsp_server *server, const json_t *id, const json_t *params)
{
    (void)id;
    const char *uri = server_document_uri(server, params, "textDocument/didOpen");
    json_t *document = json_object_get(params, "textDocument");
    const char *text = json_string_value(json_object_get(document, "text"));
    if (!uri)
        return 0;
    if (!text || lc_lsp_documents_open(&server->documents, uri, text,
                                       (long)json_integer_value(json_object_get(document, "version"))) != 0) {
        lc_rpc_send_message(&server->transport, 0, LC_RPC_MESSAGE_WARNING,
                            "loopcheck: cannot open %s (not a file:// URI, or no text)", uri);
        return 0;
    }
    server_queue_document(server, LC_JOB_DOCUMENT_OPENED, uri, 0);
    return 0;
}

static int server_did_change(struct lc_lsp_server *server, const json_t *id, const json_t *params)
{
    (void)id;
    const char *uri = server_document_uri(server, params, "textDocument/didChange");
    json_t *changes = json_object_get(params, "contentChanges");
    json_t *last = json_array_get(changes, json_array_size(changes) - 1);
    const char *text = json_string_value(json_object_get(last, "text"));
    if (!uri)
        return 0;
    if (!text || json_object_get(last, "range")
        || lc_lsp_documents_change(&server->documents, uri, text,
                                   (long)json_integer_value(json_object_get(json_object_get(params, "textDocument"),
                                                                            "version"))) != 0) {
        lc_rpc_send_message(&server->transport, 0, LC_RPC_MESSAGE_WARNING,
                            "loopcheck: didChange of %s ignored: not open, or not a full text (the server "
                            "asks for full-text sync)", uri);
        return 0;
    }
    server_queue_document(server, LC_JOB_DOCUMENT_CHANGED, uri, LC_LSP_CHANGE_DELAY_SECONDS);
    return 0;
}

static int server_did_save(struct lc_lsp_server *server, const json_t *id, const json_t *params)
{
    (void)id;
    const char *uri = server_document_uri(server, params, "textDocument/didSave");
    if (uri && lc_lsp_documents_saved(&server->documents, uri, json_string_value(json_object_get(params, "text"))) == 0)
        server_queue_document(server, LC_JOB_DOCUMENT_SAVED, uri, 0);
    return 0;
}

static int server_did_close(struct lc_lsp_server *server, const json_t *id, const json_t *params)
{
    (void)id;
    const char *uri = server_document_uri(server, params, "textDocument/didClose");
    if (uri && lc_lsp_documents_close(&server->documents, uri) == 0)
        server_queue_document(server, LC_JOB_DOCUMENT_CLOSED, uri, 0);
    return 0;
}

/* hover and codeAction: checked here, answered by the worker. */
static void server_queue_request(struct lc_lsp_server *server, enum lc_lsp_job_kind kind, const json_t *id,
                                 const json_t *params, const char *needed)
{
    const char *uri = json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
    if (!uri || !json_is_object(json_object_get(params, needed))) {
        char message[128];
        snprintf(message, sizeof message, "params need textDocument.uri and %s", needed);
        lc_rpc_send_error(&server->transport, id, LC_RPC_INVALID_PARAMS, message);
        return;
    }
    struct lc_lsp_job *job = lc_lsp_job_new(kind, uri, (json_t *)id, (json_t *)params);
    if (!job)
        lc_rpc_send_error(&server->transport, id, LC_RPC_INTERNAL_ERROR, "out of memory");
    lc_lsp_worker_push(&server->worker, job);
}

static int server_hover(struct lc_lsp_server *server, const json_t *id, const json_t *params)
{
    server_queue_request(server, LC_JOB_HOVER, id, params, "position");
    return 0;
}

static int server_code_action(struct lc_lsp_server *server, const json_t *id, const json_t *params)
{
    server_queue_request(server, LC_JOB_CODE_ACTION, id, params, "range");
    return 0;
}

static const struct server_method server_methods[] = {
    { "initialize", server_initialize, 1 },
    { "initialized", server_initialized, 0 },
    { "shutdown", server_shutdown, 1 },
    { "exit", server_exit, 0 },
    { "$/cancelRequest", server_cancel, 0 },
    { "textDocument/didOpen", server_did_open, 0 },
    { "textDocument/didChange", server_did_change, 0 },
    { "textDocument/didSave", server_did_save, 0 },
    { "textDocument/didClose", server_did_close, 0 },
    { "textDocument/hover", server_hover, 1 },
    { "textDocument/codeAction", server_code_action, 1 },
};

static const struct server_method *server_find_method(const char *name)
{
    for (size_t i = 0; i < sizeof server_methods / sizeof *server_methods; i++)
        if (strcmp(server_methods[i].name, name) == 0)
            return &server_methods[i];
    return NULL;
}

/* Check one message and hand it to its handler.  0: go on; 1: exit. */
static int server_dispatch(struct lc_lsp_server *server, const json_t *message)
{
    struct lc_lsp_transport *transport = &server->transport;
    json_t *id = json_object_get(message, "id");
    const char *method = json_string_value(json_object_get(message, "method"));
    const char *version = json_string_value(json_object_get(message, "jsonrpc"));
    int is_response = id && !json_object_get(message, "method")
                      && (json_object_get(message, "result") || json_object_get(message, "error"));
    if (id && !json_is_string(id) && !json_is_integer(id)) {
        lc_rpc_send_error(transport, NULL, LC_RPC_INVALID_REQUEST, "the id must be a string or an integer");
        return 0;
    }
    if (!json_is_object(message) || !version || strcmp(version, "2.0") != 0 || (!method && !is_response)) {
        lc_rpc_send_error(transport, id, LC_RPC_INVALID_REQUEST,
                          "not a JSON-RPC 2.0 message (an object with \"jsonrpc\": \"2.0\" and a method)");
        return 0;
    }
    if (is_response)
        return 0;   /* the server sends no requests, so expects no responses */
    const struct server_method *handler = server_find_method(method);
    int is_request = id != NULL;
    if (!handler || handler->is_request != is_request) {
        if (is_request)
            lc_rpc_send_error(transport, id, LC_RPC_METHOD_NOT_FOUND, "method not found");
        return 0;   /* unknown notifications, "$/..." ones included, are ignored */
    }
    if (handler->handle == server_exit)
        return 1;
    if (!server->initialized && handler->handle != server_initialize) {
        if (is_request)
            lc_rpc_send_error(transport, id, LC_RPC_SERVER_NOT_INITIALIZED, "the server is not initialized yet");
        return 0;
    }
    if (server->shutdown) {
        if (is_request)
            lc_rpc_send_error(transport, id, LC_RPC_INVALID_REQUEST, "the server is shutting down");
        return 0;
    }
    return handler->handle(server, id, json_object_get(message, "params"));
}

/* Read and answer messages until `exit` or the end of the input; returns
 * the exit status: 0 after shutdown, else 1. */
static int server_loop(struct lc_lsp_server *server)
{
    for (;;) {
        char *body = NULL;
        size_t length = 0;
        const char *frame_error = NULL;
        enum lc_lsp_read_status status = lc_lsp_transport_read(&server->transport, &body, &length, &frame_error);
        if (status == LC_LSP_READ_EOF || status == LC_LSP_READ_TRUNCATED)
            return server->shutdown ? 0 : 1;
        if (status == LC_LSP_READ_BAD_FRAME) {
            lc_rpc_send_error(&server->transport, NULL, LC_RPC_PARSE_ERROR, frame_error);
            continue;
        }
        json_error_t error;
        json_t *message = json_loadb(body, length, 0, &error);
        free(body);
        if (!message) {
            char text[JSON_ERROR_TEXT_LENGTH + 64];
            snprintf(text, sizeof text, "invalid JSON at byte %d: %s", error.position, error.text);
            lc_rpc_send_error(&server->transport, NULL, LC_RPC_PARSE_ERROR, text);
            continue;
        }
        int done = server_dispatch(server, message);
        json_decref(message);
        if (done)
            return server->shutdown ? 0 : 1;
    }
}

static const char server_usage[] =
    "usage: loopcheck-lsp\n"
    "\n"
    "The loopcheck language server: speaks LSP 3.17 on stdin and stdout. An editor\n"
    "starts it; it finds compile_commands.json in the workspace (initializationOptions\n"
    "{\"compileCommandsDir\": DIR}, else ROOT/build, else ROOT) and shares the\n"
    "cache BUILD_DIR/loopcheck.db with `loopcheck check`.\n";

int main(int argc, char **argv)
{
    if (argc > 1) {
        int help = strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0;
        if (strcmp(argv[1], "--version") == 0)
            printf("loopcheck-lsp %s\n", LOOPCHECK_VERSION);
        else
            fputs(server_usage, help ? stdout : stderr);
        return help || strcmp(argv[1], "--version") == 0 ? 0 : 2;
    }
    signal(SIGPIPE, SIG_IGN);
    struct lc_lsp_server *server = calloc(1, sizeof *server);
    if (!server || lc_lsp_transport_init(&server->transport, stdin, stdout) != 0
        || lc_lsp_documents_init(&server->documents) != 0
        || lc_lsp_worker_start(&server->worker, lc_lsp_engine_run, server) != 0) {
        fprintf(stderr, "loopcheck-lsp: cannot start (out of memory or threads)\n");
        free(server);
        return 1;
    }
    int status = server_loop(server);
    lc_lsp_worker_stop(&server->worker);
    lc_lsp_engine_free(&server->engine);
    lc_lsp_documents_free(&server->documents);
    lc_lsp_transport_free(&server->transport);
    free(server);
    return status;
}
