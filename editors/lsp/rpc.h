/* rpc.h — JSON-RPC 2.0 messages of the LSP: responses, errors,
 * notifications and log messages, written through the transport. */
#ifndef LOOPCHECK_LSP_RPC_H
#define LOOPCHECK_LSP_RPC_H

#include <jansson.h>

#include "transport.h"

/* JSON-RPC and LSP error codes. */
enum lc_rpc_error {
    LC_RPC_PARSE_ERROR = -32700,
    LC_RPC_INVALID_REQUEST = -32600,
    LC_RPC_METHOD_NOT_FOUND = -32601,
    LC_RPC_INVALID_PARAMS = -32602,
    LC_RPC_INTERNAL_ERROR = -32603,
    LC_RPC_SERVER_NOT_INITIALIZED = -32002,
    LC_RPC_REQUEST_CANCELLED = -32800,
};

/* window/logMessage and window/showMessage types. */
enum lc_rpc_message_type {
    LC_RPC_MESSAGE_ERROR = 1,
    LC_RPC_MESSAGE_WARNING = 2,
    LC_RPC_MESSAGE_INFO = 3,
    LC_RPC_MESSAGE_LOG = 4,
};

/* Each returns 0, or -1 when the message could not be built or written.
 * `result` and `params` are stolen (may be NULL: JSON null / no params). */
int lc_rpc_send_result(struct lc_lsp_transport *transport, const json_t *id, json_t *result);
int lc_rpc_send_error(struct lc_lsp_transport *transport, const json_t *id, int code, const char *message);
int lc_rpc_send_notification(struct lc_lsp_transport *transport, const char *method, json_t *params);
/* window/logMessage (show = 0) or window/showMessage (show = 1). */
int lc_rpc_send_message(struct lc_lsp_transport *transport, int show, enum lc_rpc_message_type type,
                        const char *format, ...) __attribute__((format(printf, 4, 5)));

#endif
