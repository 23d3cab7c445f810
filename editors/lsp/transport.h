/* transport.h — LSP base protocol over a pair of streams: messages framed
 * by a `Content-Length: N` header block ("\r\n" line ends, a blank line,
 * then N bytes of JSON).  One thread reads; any thread writes (writes are
 * serialised, one whole message at a time). */
#ifndef LOOPCHECK_LSP_TRANSPORT_H
#define LOOPCHECK_LSP_TRANSPORT_H

#include <jansson.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

#define LC_LSP_MAX_HEADER_LINE 1024
#define LC_LSP_MAX_CONTENT_LENGTH ((size_t)256 << 20)

struct lc_lsp_transport {
    FILE *in;                      /* read by one thread only */
    FILE *out;
    pthread_mutex_t write_mutex;
};

enum lc_lsp_read_status {
    LC_LSP_READ_MESSAGE,           /* *body (malloc'd, NUL-terminated) and *length set */
    LC_LSP_READ_EOF,               /* the input ended between messages */
    LC_LSP_READ_BAD_FRAME,         /* a header block without a usable Content-Length,
                                      skipped; *error says what was wrong */
    LC_LSP_READ_TRUNCATED,         /* the input ended inside a message */
};

int lc_lsp_transport_init(struct lc_lsp_transport *transport, FILE *in, FILE *out);
void lc_lsp_transport_free(struct lc_lsp_transport *transport);

/* Read the next message.  A bad frame leaves the stream at the start of
 * the next header block, so reading can go on. */
enum lc_lsp_read_status lc_lsp_transport_read(struct lc_lsp_transport *transport, char **body,
                                              size_t *length, const char **error);

/* Write one message (compact JSON).  Returns 0, or -1 when writing failed
 * (the client is gone). */
int lc_lsp_transport_write(struct lc_lsp_transport *transport, const json_t *message);

#endif
