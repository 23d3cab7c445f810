/* calls.h — declarations for calls.c (input of tests/unit/test_extract*.c).
 * on_timer's annotation is only here: its definition inherits it. */
#ifndef CALLS_H
#define CALLS_H

typedef void (*handler_fn)(int);

struct ops {
    handler_fn on_read;
    handler_fn on_close;
};

typedef struct {
    handler_fn run;
} anon_ops;

void on_timer(int status) __attribute__((annotate("loopcheck:async")));
void worker_job(int n);
void blocking_flush(int fd) __attribute__((annotate("loopcheck:blocking")));
int table_lookup_small(int key) __attribute__((annotate("loopcheck:cheap")));

#endif
