/* transport.c — Content-Length framing of LSP messages (transport.h). */
#include "transport.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int lc_lsp_transport_init(struct lc_lsp_transport *transport, FILE *in, FILE *out)
{
    transport->in = in;
    transport->out = out;
    return pthread_mutex_init(&transport->write_mutex, NULL) == 0 ? 0 : -1;
}

void lc_lsp_transport_free(struct lc_lsp_transport *transport)
{
    pthread_mutex_destroy(&transport->write_mutex);
}

enum header_line_status { HEADER_LINE, HEADER_LINE_TOO_LONG, HEADER_EOF };

/* One header line without its "\r\n" (or "\n"); an over-long line is read
 * to its end and reported.  *read_any tells whether any byte came. */
static enum header_line_status transport_read_header_line(FILE *in, char *line, size_t size, int *read_any)
{
    size_t used = 0;
    int too_long = 0, c;
    while ((c = getc(in)) != EOF) {
        *read_any = 1;
        if (c == '\n') {
            if (used > 0 && line[used - 1] == '\r')
                used--;
            line[used] = '\0';
            return too_long ? HEADER_LINE_TOO_LONG : HEADER_LINE;
        }
        if (used + 1 < size)
            line[used++] = (char)c;
        else
            too_long = 1;
    }
    return HEADER_EOF;
}

/* The value of a "Content-Length: N" line, or -1 when it is not one, -2
 * when its value is not a usable number. */
static long long transport_content_length(const char *line)
{
    static const char name[] = "Content-Length:";
    if (strncasecmp(line, name, sizeof name - 1) != 0)
        return -1;
    const char *value = line + sizeof name - 1;
    while (*value == ' ' || *value == '\t')
        value++;
    if (!isdigit((unsigned char)*value))
        return -2;
    errno = 0;
    char *end;
    unsigned long long n = strtoull(value, &end, 10);
    while (*end == ' ' || *end == '\t')
        end++;
    if (errno || *end || n > LC_LSP_MAX_CONTENT_LENGTH)
        return -2;
    return (long long)n;
}

/* Read `length` bytes into a fresh buffer; NULL at end of input. */
static char *transport_read_body(FILE *in, size_t length)
{
    char *body = malloc(length + 1);
    if (!body)
        return NULL;
    if (fread(body, 1, length, in) != length) {
        free(body);
        return NULL;
    }
    body[length] = '\0';
    return body;
}

enum lc_lsp_read_status lc_lsp_transport_read(struct lc_lsp_transport *transport, char **body, size_t *length,
                                              const char **error)
{
    char line[LC_LSP_MAX_HEADER_LINE];
    long long content_length = -1;
    int read_any = 0, lines = 0;
    *body = NULL;
    *error = NULL;
    for (;;) {
        enum header_line_status status = transport_read_header_line(transport->in, line, sizeof line, &read_any);
        if (status == HEADER_EOF)
            return read_any ? LC_LSP_READ_TRUNCATED : LC_LSP_READ_EOF;
        if (status == HEADER_LINE_TOO_LONG) {
            *error = "a header line is too long";
            continue;
        }
        if (line[0] == '\0') {
            if (lines == 0)
                continue;       /* stray blank lines between messages */
            break;
        }
        lines++;
        long long value = transport_content_length(line);
        if (value == -2 && !*error)
            *error = "the Content-Length header is not a number (or is over 256 MiB)";
        else if (value >= 0)
            content_length = value;
        else if (!strchr(line, ':') && !*error)
            *error = "a header line is not 'Name: value'";
    }
    if (*error)
        return LC_LSP_READ_BAD_FRAME;
    if (content_length < 0) {
        *error = "the header has no Content-Length";
        return LC_LSP_READ_BAD_FRAME;
    }
    *body = transport_read_body(transport->in, (size_t)content_length);
    if (!*body)
        return LC_LSP_READ_TRUNCATED;
    *length = (size_t)content_length;
    return LC_LSP_READ_MESSAGE;
}

int lc_lsp_transport_write(struct lc_lsp_transport *transport, const json_t *message)
{
    char *text = json_dumps(message, JSON_COMPACT);
    if (!text)
        return -1;
    size_t length = strlen(text);
    pthread_mutex_lock(&transport->write_mutex);
    int rc = fprintf(transport->out, "Content-Length: %zu\r\n\r\n", length) < 0
             || fwrite(text, 1, length, transport->out) != length || fflush(transport->out) != 0
             ? -1 : 0;
    pthread_mutex_unlock(&transport->write_mutex);
    free(text);
    return rc;
}
