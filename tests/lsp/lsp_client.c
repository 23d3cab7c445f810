/* lsp_client.c — the tests' LSP client (lsp_client.h). */
#include "lsp_client.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int lsp_client_start(struct lsp_client *client, const char *server, const char *directory)
{
    int in[2], out[2];
    memset(client, 0, sizeof *client);
    signal(SIGPIPE, SIG_IGN);
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0)
        return -1;
    client->pid = fork();
    if (client->pid < 0)
        return -1;
    if (client->pid == 0) {
        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        if (directory && chdir(directory) != 0)
            _exit(127);
        execl(server, server, (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    client->to_server = in[1];
    client->from_server = out[0];
    client->backlog = json_array();
    client->next_id = 1;
    return client->backlog ? 0 : -1;
}

static double lsp_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

int lsp_client_finish(struct lsp_client *client, int timeout_ms)
{
    if (client->to_server >= 0)
        close(client->to_server);
    client->to_server = -1;
    int status = 0, exited = 0;
    for (double end = lsp_now_ms() + timeout_ms; !exited && lsp_now_ms() < end;) {
        exited = waitpid(client->pid, &status, WNOHANG) == client->pid;
        if (!exited)
            usleep(10000);
    }
    if (!exited) {
        kill(client->pid, SIGKILL);
        waitpid(client->pid, &status, 0);
    }
    close(client->from_server);
    json_decref(client->backlog);
    free(client->buffer);
    memset(client, 0, sizeof *client);
    return exited && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int lsp_client_send_raw(struct lsp_client *client, const char *bytes, size_t length)
{
    while (length > 0) {
        ssize_t n = write(client->to_server, bytes, length);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        bytes += n;
        length -= (size_t)n;
    }
    return 0;
}

int lsp_client_send_body(struct lsp_client *client, const char *body)
{
    char header[64];
    int length = snprintf(header, sizeof header, "Content-Length: %zu\r\n\r\n", strlen(body));
    return lsp_client_send_raw(client, header, (size_t)length) == 0
           && lsp_client_send_raw(client, body, strlen(body)) == 0 ? 0 : -1;
}

int lsp_client_send(struct lsp_client *client, json_t *message)
{
    char *body = message ? json_dumps(message, JSON_COMPACT) : NULL;
    json_decref(message);
    if (!body)
        return -1;
    int rc = lsp_client_send_body(client, body);
    free(body);
    return rc;
}

json_int_t lsp_client_request(struct lsp_client *client, const char *method, json_t *params)
{
    json_int_t id = client->next_id++;
    lsp_client_send(client, json_pack("{s:s, s:I, s:s, s:o}", "jsonrpc", "2.0", "id", id, "method", method,
                                      "params", params ? params : json_object()));
    return id;
}

int lsp_client_notify(struct lsp_client *client, const char *method, json_t *params)
{
    return lsp_client_send(client, json_pack("{s:s, s:s, s:o}", "jsonrpc", "2.0", "method", method, "params",
                                             params ? params : json_object()));
}

/* Move every complete frame of the buffer into the backlog. */
static void lsp_client_frame(struct lsp_client *client)
{
    for (;;) {
        char *end = client->used ? memmem(client->buffer, client->used, "\r\n\r\n", 4) : NULL;
        if (!end)
            return;
        size_t header = (size_t)(end - client->buffer) + 4;
        char *field = memmem(client->buffer, header, "Content-Length:", 15);
        size_t length = field ? strtoul(field + 15, NULL, 10) : 0;
        if (client->used < header + length)
            return;
        json_t *message = json_loadb(client->buffer + header, length, 0, NULL);
        json_array_append_new(client->backlog, message ? message : json_string("unparsable message"));
        memmove(client->buffer, client->buffer + header + length, client->used - header - length);
        client->used -= header + length;
    }
}

/* Read what the server wrote within timeout_ms; -1 when it closed. */
static int lsp_client_read(struct lsp_client *client, int timeout_ms)
{
    struct pollfd fd = { .fd = client->from_server, .events = POLLIN };
    int ready = poll(&fd, 1, timeout_ms < 0 ? 0 : timeout_ms);
    if (ready <= 0)
        return 0;
    if (client->cap - client->used < 65536) {
        size_t cap = client->cap * 2 + 65536;
        char *grown = realloc(client->buffer, cap);
        if (!grown)
            return -1;
        client->buffer = grown;
        client->cap = cap;
    }
    ssize_t n = read(client->from_server, client->buffer + client->used, client->cap - client->used);
    if (n <= 0)
        return -1;
    client->used += (size_t)n;
    lsp_client_frame(client);
    return 0;
}

json_t *lsp_client_wait(struct lsp_client *client, lsp_match *match, const void *arg, int timeout_ms)
{
    double end = lsp_now_ms() + timeout_ms;
    for (size_t seen = 0;;) {
        for (; seen < json_array_size(client->backlog); seen++) {
            json_t *message = json_array_get(client->backlog, seen);
            if (match(message, arg)) {
                json_incref(message);
                json_array_remove(client->backlog, seen);
                return message;
            }
        }
        double left = end - lsp_now_ms();
        if (left <= 0 || lsp_client_read(client, (int)left) != 0)
            return NULL;
    }
}

static int lsp_match_response(const json_t *message, const void *arg)
{
    json_t *id = json_object_get(message, "id");
    return !json_object_get(message, "method") && json_is_integer(id)
           && json_integer_value(id) == *(const json_int_t *)arg;
}

json_t *lsp_client_wait_response(struct lsp_client *client, json_int_t id, int timeout_ms)
{
    return lsp_client_wait(client, lsp_match_response, &id, timeout_ms);
}

struct lsp_notification_key {
    const char *method, *uri;
};

static int lsp_match_notification(const json_t *message, const void *arg)
{
    const struct lsp_notification_key *key = arg;
    const char *method = json_string_value(json_object_get(message, "method"));
    const char *uri = json_string_value(lsp_get(message, "params.uri"));
    return method && strcmp(method, key->method) == 0 && (!key->uri || (uri && strcmp(uri, key->uri) == 0));
}

json_t *lsp_client_wait_notification(struct lsp_client *client, const char *method, const char *uri,
                                     int timeout_ms)
{
    struct lsp_notification_key key = { method, uri };
    return lsp_client_wait(client, lsp_match_notification, &key, timeout_ms);
}

struct lsp_message_key {
    const char *method, *words;
};

static int lsp_match_message(const json_t *message, const void *arg)
{
    const struct lsp_message_key *key = arg;
    const char *method = json_string_value(json_object_get(message, "method"));
    return method && strcmp(method, key->method) == 0 && strstr(lsp_text(message, "params.message"), key->words);
}

json_t *lsp_client_wait_message(struct lsp_client *client, const char *method, const char *words, int timeout_ms)
{
    struct lsp_message_key key = { method, words };
    return lsp_client_wait(client, lsp_match_message, &key, timeout_ms);
}

json_t *lsp_client_initialize(struct lsp_client *client, const char *root, json_t *options)
{
    char *uri = lsp_file_uri(root);
    json_t *params = json_pack("{s:i, s:s, s:{}}", "processId", (int)getpid(), "rootUri", uri, "capabilities");
    if (options)
        json_object_set_new(params, "initializationOptions", options);
    free(uri);
    json_t *response = lsp_client_wait_response(client, lsp_client_request(client, "initialize", params), 30000);
    json_t *result = json_incref(json_object_get(response, "result"));
    json_decref(response);
    lsp_client_notify(client, "initialized", NULL);
    return result;
}

int lsp_client_open_file(struct lsp_client *client, const char *path, const char *uri)
{
    size_t length;
    char *text = lsp_read_file(path, &length);
    if (!text)
        return -1;
    int rc = lsp_client_notify(client, "textDocument/didOpen",
                               json_pack("{s:{s:s, s:s, s:i, s:s}}", "textDocument", "uri", uri, "languageId", "c",
                                         "version", 1, "text", text));
    free(text);
    return rc;
}

void lsp_check(struct lsp_tally *tally, int ok, const char *what, const json_t *context)
{
    if (ok) {
        tally->passed++;
        printf("ok   - %s\n", what);
        return;
    }
    tally->failed++;
    printf("FAIL - %s\n", what);
    if (context) {
        char *text = json_dumps(context, JSON_INDENT(2));
        printf("%s\n", text ? text : "(unprintable)");
        free(text);
    }
}

int lsp_tally_report(const struct lsp_tally *tally, const char *program)
{
    printf("%s: %d passed, %d failed\n", program, tally->passed, tally->failed);
    return tally->failed == 0 && tally->passed > 0 ? 0 : 1;
}

char *lsp_read_file(const char *path, size_t *length)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return NULL;
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    int c;
    while (out && (c = getc(in)) != EOF)
        putc(c, out);
    fclose(in);
    if (!out || fclose(out) != 0) {
        free(text);
        return NULL;
    }
    *length = size;
    return text;
}

int lsp_write_file(const char *path, const char *text)
{
    FILE *out = fopen(path, "wb");
    if (!out)
        return -1;
    int ok = fputs(text, out) >= 0;
    return fclose(out) == 0 && ok ? 0 : -1;
}

char *lsp_file_uri(const char *path)
{
    char *uri = NULL;
    return asprintf(&uri, "file://%s", path) < 0 ? NULL : uri;
}

json_t *lsp_get(const json_t *value, const char *path)
{
    char key[128];
    while (value && *path) {
        size_t length = strcspn(path, ".");
        if (length >= sizeof key)
            return NULL;
        memcpy(key, path, length);
        key[length] = '\0';
        path += length + (path[length] == '.');
        if (json_is_array(value) && isdigit((unsigned char)key[0]))
            value = json_array_get(value, strtoul(key, NULL, 10));
        else
            value = json_object_get(value, key);
    }
    return (json_t *)value;
}

const char *lsp_text(const json_t *value, const char *path)
{
    const char *text = json_string_value(lsp_get(value, path));
    return text ? text : "";
}
