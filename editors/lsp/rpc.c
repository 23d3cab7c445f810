/* rpc.c — building and sending JSON-RPC messages (rpc.h). */
#include "rpc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int rpc_send(struct lc_lsp_transport *transport, json_t *message)
{
    if (!message)
        return -1;
    int rc = lc_lsp_transport_write(transport, message);
    json_decref(message);
    return rc;
}

int lc_rpc_send_result(struct lc_lsp_transport *transport, const json_t *id, json_t *result)
{
    return rpc_send(transport, json_pack("{s:s, s:O, s:o}", "jsonrpc", "2.0", "id", id ? id : json_null(),
                                         "result", result ? result : json_null()));
}

int lc_rpc_send_error(struct lc_lsp_transport *transport, const json_t *id, int code, const char *message)
{
    return rpc_send(transport, json_pack("{s:s, s:O, s:{s:i, s:s}}", "jsonrpc", "2.0", "id",
                                         id ? id : json_null(), "error", "code", code, "message", message));
}

int lc_rpc_send_notification(struct lc_lsp_transport *transport, const char *method, json_t *params)
{
    return rpc_send(transport, json_pack("{s:s, s:s, s:o}", "jsonrpc", "2.0", "method", method,
                                         "params", params ? params : json_object()));
}

int lc_rpc_send_message(struct lc_lsp_transport *transport, int show, enum lc_rpc_message_type type,
                        const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *text = NULL;
    int length = vasprintf(&text, format, args);
    va_end(args);
    if (length < 0)
        return -1;
    int rc = lc_rpc_send_notification(transport, show ? "window/showMessage" : "window/logMessage",
                                      json_pack("{s:i, s:s}", "type", (int)type, "message", text));
    free(text);
    return rc;
}
