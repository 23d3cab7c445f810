/* test_lsp_protocol.c — loopcheck-lsp's protocol over a pipe: framing
 * (split writes, bad headers, oversized and non-numeric lengths), JSON-RPC
 * errors (invalid JSON -32700, invalid request -32600, unknown method
 * -32601, bad params -32602, before initialize -32002, after shutdown),
 * cancellation of a pending request (-32800), a workspace without a
 * compile database, and the exit statuses.
 * Usage: test_lsp_protocol LOOPCHECK_LSP */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lsp_client.h"
#include "lsp_project.h"

#define WAIT_MS 60000

/* The error code of the response with this id (0 when it has none). */
static json_int_t error_code(struct lsp_client *client, json_int_t id)
{
    json_t *response = lsp_client_wait_response(client, id, WAIT_MS);
    json_int_t code = json_integer_value(lsp_get(response, "error.code"));
    json_decref(response);
    return code;
}

/* The error code of the next response with a null id. */
static int match_null_id(const json_t *message, const void *arg)
{
    (void)arg;
    return json_is_null(json_object_get(message, "id")) && json_object_get(message, "error");
}

static json_int_t null_id_error(struct lsp_client *client)
{
    json_t *response = lsp_client_wait(client, match_null_id, NULL, WAIT_MS);
    json_int_t code = json_integer_value(lsp_get(response, "error.code"));
    json_decref(response);
    return code;
}

static void test_before_initialize(struct lsp_tally *t, struct lsp_client *client)
{
    json_int_t id = lsp_client_request(client, "textDocument/hover",
                                       json_pack("{s:{s:s}, s:{s:i, s:i}}", "textDocument", "uri", "file:///x.c",
                                                 "position", "line", 0, "character", 0));
    lsp_check(t, error_code(client, id) == -32002, "a request before initialize: -32002", NULL);
    id = lsp_client_request(client, "shutdown", NULL);
    lsp_check(t, error_code(client, id) == -32002, "shutdown before initialize: -32002", NULL);
}

static void test_framing(struct lsp_tally *t, struct lsp_client *client)
{
    static const char bad_length[] = "Content-Length: abc\r\n\r\n";
    lsp_client_send_raw(client, bad_length, sizeof bad_length - 1);
    lsp_check(t, null_id_error(client) == -32700, "a non-numeric Content-Length: -32700", NULL);
    static const char no_length[] = "X-Something: 1\r\n\r\n";
    lsp_client_send_raw(client, no_length, sizeof no_length - 1);
    lsp_check(t, null_id_error(client) == -32700, "a header without Content-Length: -32700", NULL);
    static const char huge[] = "Content-Length: 99999999999999\r\n\r\n";
    lsp_client_send_raw(client, huge, sizeof huge - 1);
    lsp_check(t, null_id_error(client) == -32700, "an oversized Content-Length: -32700", NULL);
    lsp_client_send_body(client, "{not json");
    lsp_check(t, null_id_error(client) == -32700, "a body that is not JSON: -32700", NULL);
    lsp_client_send_body(client, "[1,2]");
    lsp_check(t, null_id_error(client) == -32600, "a message that is not an object: -32600", NULL);
    lsp_client_send_body(client, "{\"id\":5,\"method\":\"shutdown\"}");
    lsp_check(t, error_code(client, 5) == -32600, "a message without \"jsonrpc\": \"2.0\": -32600", NULL);
    lsp_client_send_body(client, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":5}");
    lsp_check(t, error_code(client, 6) == -32600, "a method that is not a string: -32600", NULL);
    lsp_client_send_body(client, "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"shutdown\"}");
    lsp_check(t, null_id_error(client) == -32600, "an id that is neither a number nor a string: -32600", NULL);
}

/* initialize sent a few bytes at a time, header and body split. */
static json_t *initialize_in_pieces(struct lsp_client *client, const char *root)
{
    char *uri = lsp_file_uri(root), *body = NULL, *frame = NULL;
    json_t *message = json_pack("{s:s, s:i, s:s, s:{s:s, s:{}}}", "jsonrpc", "2.0", "id", 100, "method",
                                "initialize", "params", "rootUri", uri, "capabilities");
    body = json_dumps(message, JSON_COMPACT);
    json_decref(message);
    free(uri);
    int length = body ? asprintf(&frame, "Content-Length: %zu\r\n\r\n%s", strlen(body), body) : -1;
    free(body);
    for (int i = 0; i < length; i += 7)
        lsp_client_send_raw(client, frame + i, (size_t)(length - i < 7 ? length - i : 7));
    free(frame);
    return lsp_client_wait_response(client, 100, WAIT_MS);
}

static void test_initialize(struct lsp_tally *t, struct lsp_client *client, const struct lsp_project *project)
{
    json_t *response = initialize_in_pieces(client, project->root);
    lsp_check(t, json_is_true(lsp_get(response, "result.capabilities.hoverProvider")),
              "initialize sent in pieces is answered, with hoverProvider", response);
    lsp_check(t, json_integer_value(lsp_get(response, "result.capabilities.textDocumentSync.change")) == 1,
              "full-text document sync", response);
    lsp_check(t, json_is_string(lsp_get(response, "result.capabilities.codeActionProvider.codeActionKinds.0")),
              "code actions offered", response);
    json_decref(response);
    lsp_client_notify(client, "initialized", NULL);
    json_int_t id = lsp_client_request(client, "initialize", json_pack("{s:{}}", "capabilities"));
    lsp_check(t, error_code(client, id) == -32600, "a second initialize: -32600", NULL);
}

/* Several messages in one write while the first analysis runs: the hover
 * is still queued when the cancel comes. */
static void test_cancel(struct lsp_tally *t, struct lsp_client *client, const struct lsp_project *project)
{
    size_t length;
    char *text = lsp_read_file(project->app, &length);
    json_t *messages[] = {
        json_pack("{s:s, s:s, s:{s:{s:s, s:s, s:i, s:s}}}", "jsonrpc", "2.0", "method", "textDocument/didOpen",
                  "params", "textDocument", "uri", project->app_uri, "languageId", "c", "version", 1, "text",
                  text ? text : ""),
        json_pack("{s:s, s:i, s:s, s:{s:{s:s}, s:{s:i, s:i}}}", "jsonrpc", "2.0", "id", 200, "method",
                  "textDocument/hover", "params", "textDocument", "uri", project->app_uri, "position", "line", 6,
                  "character", 14),
        json_pack("{s:s, s:s, s:{s:i}}", "jsonrpc", "2.0", "method", "$/cancelRequest", "params", "id", 200),
        json_pack("{s:s, s:s, s:{s:i}}", "jsonrpc", "2.0", "method", "$/cancelRequest", "params", "id", 999),
        json_pack("{s:s, s:i, s:s, s:{s:{s:s}, s:{s:i, s:i}}}", "jsonrpc", "2.0", "id", 201, "method",
                  "textDocument/hover", "params", "textDocument", "uri", project->app_uri, "position", "line", 6,
                  "character", 14),
    };
    free(text);
    char *batch = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&batch, &size);
    for (size_t i = 0; i < sizeof messages / sizeof *messages; i++) {
        char *body = json_dumps(messages[i], JSON_COMPACT);
        fprintf(out, "Content-Length: %zu\r\n\r\n%s", strlen(body), body);
        free(body);
        json_decref(messages[i]);
    }
    fclose(out);
    lsp_client_send_raw(client, batch, size);
    free(batch);
    lsp_check(t, error_code(client, 200) == -32800, "a cancelled pending request: -32800 RequestCancelled", NULL);
    json_t *response = lsp_client_wait_response(client, 201, WAIT_MS);
    lsp_check(t, response && !json_object_get(response, "error")
                     && strstr(lsp_text(response, "result.contents.value"), "async"),
              "the request after it is answered once the analysis is done (on_tick: async)", response);
    json_decref(response);
}

static void test_requests(struct lsp_tally *t, struct lsp_client *client)
{
    json_int_t id = lsp_client_request(client, "workspace/frobnicate", NULL);
    lsp_check(t, error_code(client, id) == -32601, "an unknown method: -32601", NULL);
    lsp_client_notify(client, "workspace/somethingNew", NULL);
    lsp_client_notify(client, "$/setTrace", json_pack("{s:s}", "value", "off"));
    id = lsp_client_request(client, "textDocument/hover", json_pack("{s:{s:s}}", "textDocument", "uri", "file:///a.c"));
    lsp_check(t, error_code(client, id) == -32602, "hover without a position: -32602", NULL);
    lsp_client_notify(client, "textDocument/didOpen",
                      json_pack("{s:{s:s, s:s, s:i, s:s}}", "textDocument", "uri", "untitled:Untitled-1",
                                "languageId", "c", "version", 1, "text", "int x;"));
    json_t *log = lsp_client_wait_message(client, "window/logMessage", "untitled:Untitled-1", WAIT_MS);
    lsp_check(t, log != NULL,
              "a document that is not a file is refused with a log message", log);
    json_decref(log);
    id = lsp_client_request(client, "textDocument/hover",
                            json_pack("{s:{s:s}, s:{s:i, s:i}}", "textDocument", "uri", "untitled:Untitled-1",
                                      "position", "line", 0, "character", 4));
    json_t *response = lsp_client_wait_response(client, id, WAIT_MS);
    lsp_check(t, response && json_is_null(json_object_get(response, "result")),
              "hover on a document the server does not have: null", response);
    json_decref(response);
}

static void test_shutdown(struct lsp_tally *t, struct lsp_client *client)
{
    json_int_t id = lsp_client_request(client, "shutdown", NULL);
    json_t *response = lsp_client_wait_response(client, id, WAIT_MS);
    lsp_check(t, response && json_is_null(json_object_get(response, "result")), "shutdown: null", response);
    json_decref(response);
    id = lsp_client_request(client, "textDocument/hover", json_pack("{s:{s:s}, s:{s:i, s:i}}", "textDocument", "uri",
                                                                     "file:///a.c", "position", "line", 0,
                                                                     "character", 0));
    lsp_check(t, error_code(client, id) == -32600, "a request after shutdown: -32600", NULL);
    lsp_client_notify(client, "exit", NULL);
    lsp_check(t, lsp_client_finish(client, WAIT_MS) == 0, "exit after shutdown: status 0", NULL);
}

/* A workspace without compile_commands.json: told so, still serving. */
static void test_no_compdb(struct lsp_tally *t, const char *server)
{
    struct lsp_client client;
    char empty[] = "/tmp/loopcheck-lsp-empty-XXXXXX";
    if (!mkdtemp(empty) || lsp_client_start(&client, server, empty) != 0) {
        lsp_check(t, 0, "start a server in an empty directory", NULL);
        return;
    }
    json_t *result = lsp_client_initialize(&client, empty, NULL);
    lsp_check(t, result != NULL, "initialize without a compile database", NULL);
    json_decref(result);
    json_t *shown = lsp_client_wait_message(&client, "window/showMessage", "compile_commands.json", WAIT_MS);
    lsp_check(t, shown != NULL,
              "the user is told there is no compile_commands.json", shown);
    json_decref(shown);
    json_int_t id = lsp_client_request(&client, "shutdown", NULL);
    json_decref(lsp_client_wait_response(&client, id, WAIT_MS));
    lsp_check(t, lsp_client_finish(&client, WAIT_MS) == 0, "end of input after shutdown: status 0", NULL);
    rmdir(empty);
}

static void test_exit_without_shutdown(struct lsp_tally *t, const char *server)
{
    struct lsp_client client;
    if (lsp_client_start(&client, server, "/") != 0)
        return;
    lsp_client_notify(&client, "exit", NULL);
    lsp_check(t, lsp_client_finish(&client, WAIT_MS) == 1, "exit without shutdown: status 1", NULL);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s LOOPCHECK_LSP\n", argv[0]);
        return 2;
    }
    struct lsp_tally tally = { 0 };
    struct lsp_project project;
    struct lsp_client client;
    if (lsp_project_create(&project) != 0 || lsp_client_start(&client, argv[1], project.root) != 0) {
        fprintf(stderr, "cannot set up the project or start %s\n", argv[1]);
        return 1;
    }
    test_before_initialize(&tally, &client);
    test_framing(&tally, &client);
    test_initialize(&tally, &client, &project);
    test_cancel(&tally, &client, &project);
    test_requests(&tally, &client);
    test_shutdown(&tally, &client);
    test_no_compdb(&tally, argv[1]);
    test_exit_without_shutdown(&tally, argv[1]);
    lsp_project_remove(&project);
    return lsp_tally_report(&tally, "test_lsp_protocol");
}
