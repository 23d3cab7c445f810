/* args.c — constant, NULL and macro arguments (input of
 * tests/unit/test_extract*.c); the functions look like libuv's and POSIX's
 * but are declared here. */
#include <stddef.h>

#define O_RDONLY 0
#define MSG_DONTWAIT 0x40
#define OPEN_SYNC(loop, req, path) uv_fs_open(loop, req, path, O_RDONLY, 0, NULL)

typedef struct loop_s loop_t;
typedef struct req_s req_t;
typedef void (*fs_cb)(req_t *req);

int uv_fs_open(loop_t *loop, req_t *req, const char *path, int flags, int mode, fs_cb cb);
long send_msg(int fd, const void *buf, unsigned long len, int flags);
void on_open(req_t *req);

enum { LEVEL_HIGH = 7 };

void run(loop_t *loop, req_t *req, int fd, char *buf)
{
    uv_fs_open(loop, req, "x", O_RDONLY, 0, NULL);
    uv_fs_open(loop, req, "/etc/passwd", O_RDONLY | 0100, 0644, on_open);
    send_msg(fd, buf, sizeof buf, MSG_DONTWAIT);
    send_msg(fd, (void *)0, 0, LEVEL_HIGH);
    send_msg(fd, buf, 1, fd & MSG_DONTWAIT);
    OPEN_SYNC(loop, req, "y");
}
