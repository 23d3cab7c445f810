/* lsp_latency.c — how long loopcheck-lsp takes from didSave of a file to
 * the publishDiagnostics of that file: starts the server in BUILD_DIR
 * (compileCommandsDir), opens FILE, waits for its first diagnostics, then
 * saves it SAVES times (touching the file on disk each time, so the TU is
 * parsed again) and prints each latency and the median, in milliseconds.
 * Usage: lsp_latency LOOPCHECK_LSP BUILD_DIR FILE [SAVES] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <utime.h>

#include "lsp_client.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 4 || argc > 5) {
        fprintf(stderr, "usage: %s LOOPCHECK_LSP BUILD_DIR FILE [SAVES]\n", argv[0]);
        return 2;
    }
    int saves = argc == 5 ? atoi(argv[4]) : 7;
    char *file = realpath(argv[3], NULL), *build = realpath(argv[2], NULL);
    char *uri = file ? lsp_file_uri(file) : NULL;
    struct lsp_client client;
    if (!uri || !build || saves < 1 || saves > 1000 || lsp_client_start(&client, argv[1], build) != 0) {
        fprintf(stderr, "%s: bad arguments, or the server does not start\n", argv[0]);
        return 2;
    }
    double start = now_ms();
    json_decref(lsp_client_initialize(&client, build, json_pack("{s:s}", "compileCommandsDir", build)));
    lsp_client_open_file(&client, file, uri);
    json_t *first = lsp_client_wait_notification(&client, "textDocument/publishDiagnostics", uri, 600000);
    printf("open: first diagnostics after %.1f ms (%zu diagnostics)\n", now_ms() - start,
           json_array_size(lsp_get(first, "params.diagnostics")));
    json_decref(first);
    /* The open itself publishes once more; let it come before timing saves. */
    for (json_t *more; (more = lsp_client_wait_notification(&client, "textDocument/publishDiagnostics", uri, 500));)
        json_decref(more);
    double *latency = calloc((size_t)saves, sizeof *latency);
    int ok = first != NULL && latency != NULL;
    for (int i = 0; ok && i < saves; i++) {
        utime(file, NULL);   /* the file changed on disk: parsed again */
        double sent = now_ms();
        lsp_client_notify(&client, "textDocument/didSave", json_pack("{s:{s:s}}", "textDocument", "uri", uri));
        json_t *published = lsp_client_wait_notification(&client, "textDocument/publishDiagnostics", uri, 600000);
        latency[i] = now_ms() - sent;
        ok = published != NULL;
        json_decref(published);
        json_t *log = lsp_client_wait_message(&client, "window/logMessage", "analysed:", 1000);
        const char *breakdown = strstr(lsp_text(log, "params.message"), "parse and store");
        printf("save %d: didSave -> publishDiagnostics %.1f ms (%s)\n", i + 1, latency[i], breakdown ? breakdown : "");
        json_decref(log);
    }
    if (ok) {
        qsort(latency, (size_t)saves, sizeof *latency, compare_doubles);
        printf("median didSave -> publishDiagnostics: %.1f ms over %d saves\n", latency[saves / 2], saves);
    }
    json_int_t id = lsp_client_request(&client, "shutdown", NULL);
    json_decref(lsp_client_wait_response(&client, id, 60000));
    lsp_client_notify(&client, "exit", NULL);
    lsp_client_finish(&client, 60000);
    free(latency);
    free(file);
    free(build);
    free(uri);
    return ok ? 0 : 1;
}
