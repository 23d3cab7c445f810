/* lsp_client.h — a small LSP client for the tests: starts loopcheck-lsp
 * with pipes for stdin and stdout, sends framed JSON-RPC messages (built
 * with jansson, or raw bytes), and waits for the messages it wants,
 * keeping the others for later waits.  Also the checks and the tally the
 * test programs print ("N passed, M failed"). */
#ifndef LOOPCHECK_TEST_LSP_CLIENT_H
#define LOOPCHECK_TEST_LSP_CLIENT_H

#include <jansson.h>
#include <stddef.h>
#include <sys/types.h>

struct lsp_client {
    pid_t pid;
    int to_server;          /* its stdin */
    int from_server;        /* its stdout */
    char *buffer;           /* bytes read, not yet framed */
    size_t used, cap;
    json_t *backlog;        /* messages received, not yet waited for */
    json_int_t next_id;
};

/* Start `server` (argv[0] only) in `directory`.  0, or -1. */
int lsp_client_start(struct lsp_client *client, const char *server, const char *directory);
/* Close its stdin and wait for it to exit (at most timeout_ms; killed
 * after that).  Returns its exit status, or -1 when it was killed or died
 * of a signal. */
int lsp_client_finish(struct lsp_client *client, int timeout_ms);

int lsp_client_send_raw(struct lsp_client *client, const char *bytes, size_t length);
/* Send one message (stolen) with its Content-Length header. */
int lsp_client_send(struct lsp_client *client, json_t *message);
/* Send a request; returns its id. */
json_int_t lsp_client_request(struct lsp_client *client, const char *method, json_t *params);
int lsp_client_notify(struct lsp_client *client, const char *method, json_t *params);

/* The next message for which `match` holds (backlog first), within
 * timeout_ms; NULL on timeout or when the server closed its output.  The
 * caller owns the message. */
typedef int lsp_match(const json_t *message, const void *arg);
json_t *lsp_client_wait(struct lsp_client *client, lsp_match *match, const void *arg, int timeout_ms);
json_t *lsp_client_wait_response(struct lsp_client *client, json_int_t id, int timeout_ms);
/* The next notification `method`; with `uri`, the next one for it. */
json_t *lsp_client_wait_notification(struct lsp_client *client, const char *method, const char *uri,
                                     int timeout_ms);
/* The next notification `method` whose params.message contains `words`. */
json_t *lsp_client_wait_message(struct lsp_client *client, const char *method, const char *words, int timeout_ms);
/* initialize (with initializationOptions, may be NULL) and initialized;
 * returns the initialize result (owned) or NULL. */
json_t *lsp_client_initialize(struct lsp_client *client, const char *root, json_t *options);
/* textDocument/didOpen of a file with its text from disk; 0 or -1. */
int lsp_client_open_file(struct lsp_client *client, const char *path, const char *uri);

/* The tally of checks. */
struct lsp_tally {
    int passed, failed;
};
void lsp_check(struct lsp_tally *tally, int ok, const char *what, const json_t *context);
int lsp_tally_report(const struct lsp_tally *tally, const char *program);

/* Small helpers. */
char *lsp_read_file(const char *path, size_t *length);
int lsp_write_file(const char *path, const char *text);
char *lsp_file_uri(const char *path);
/* The value at a path of object keys and array indexes: "a.b.0.c". */
json_t *lsp_get(const json_t *value, const char *path);
/* The string there, "" when there is none. */
const char *lsp_text(const json_t *value, const char *path);
/* Send `body` (any bytes) framed with its Content-Length. */
int lsp_client_send_body(struct lsp_client *client, const char *body);

#endif
