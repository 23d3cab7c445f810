/* loop_transfer.c — loops moved on only by what a call transferred
 * (extract_loop_transfer.c), and near misses: each loop found by the
 * comment on its line. */
#include <stddef.h>
#include <string.h>
#include <sys/types.h>

ssize_t send_some(int fd, const char *buf, size_t len);
ssize_t write_some(int fd, const char *buf, size_t len);
size_t parse_token(const char *buf, size_t len);

int send_all(int fd, const char *text)
{
    size_t at = 0;
    while (at < strlen(text)) { /* loop: declared result */
        ssize_t r = send_some(fd, text + at, strlen(text) - at);
        if (r == -1)
            return -1;
        at += (size_t)r;
    }
    return 0;
}

int write_all(int fd, const char *buf, size_t left)
{
    ssize_t r;
    while (left > 0) { /* loop: assigned result */
        if ((r = write_some(fd, buf, left)) <= 0)
            return -1;
        buf += r;
        left -= (size_t)r;
    }
    return 0;
}

void consume(int fd, const char *buf, size_t len)
{
    size_t at = 0;
    while (at < len) /* loop: direct call */
        at += (size_t)write_some(fd, buf + at, len - at);
}

/* Near misses: the counter also counted up; the result from two
 * functions; a counter moved by a length. */
void near_misses(int fd, const char *buf, size_t len, size_t step)
{
    size_t at = 0, i;
    ssize_t r;
    for (i = 0; i < len; i++) { /* loop: counted too */
        r = send_some(fd, buf + i, 1);
        i += (size_t)r;
    }
    while (at < len) { /* loop: two functions */
        r = at % 2 ? send_some(fd, buf + at, len - at) : write_some(fd, buf + at, len - at);
        if (at % 3)
            r = write_some(fd, buf, 1);
        else
            r = send_some(fd, buf, 1);
        at += (size_t)r;
    }
    at = 0;
    while (at < len) /* loop: by a length */
        at += step;
}
