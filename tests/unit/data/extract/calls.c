/* calls.c — direct and indirect calls (input of tests/unit/test_extract*.c). */
#include "calls.h"

#define FLUSH(fd) blocking_flush(fd)

struct entry {
    const char *name;
    handler_fn handler;
};

static struct entry entries[] = { { "a", worker_job }, { "b", on_timer } };
static handler_fn handlers[] = { worker_job, on_timer };
handler_fn global_handler = on_timer;

static int helper(int x)
{
    return x + 1;
}

void on_timer(int status)
{
    (void)status;
}

__attribute__((annotate("loopcheck:worker"))) void worker_job(int n)
{
    (void)n;
}

void blocking_flush(int fd)
{
    (void)fd;
}

void dispatch(struct ops s, struct ops *p, anon_ops a, handler_fn cb, int i)
{
    handler_fn local = worker_job;
    s.on_read(1);
    p->on_close(2);
    entries[i].handler(3);
    handlers[i](4);
    local(5);
    global_handler(6);
    cb(7);
    (*cb)(8);
    a.run(9);
    FLUSH(helper(10));
    if (i > 0) {
        int nested = helper(helper(11));
        (void)nested;
    }
}
