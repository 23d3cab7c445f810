/* linking_case.h — what the linking tests (test_linking_*.c) share: the
 * rules their hand-built programs are linked with (a timer, a pool with a
 * loop callback, a callback field), and two questions about the linked
 * program: does a caller's call reach a target, and is a function an entry
 * of a role (through which API).  Included by each test program;
 * everything is static or static inline. */
#ifndef LOOPCHECK_TEST_LINKING_CASE_H
#define LOOPCHECK_TEST_LINKING_CASE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "program_builder.h"

static const char rules[] =
    "library testuv offload \"test_queue_work(loop, req, work, done)\"\n"
    "callback timer_start arg2 loop\n"
    "callback test_queue_work arg3 pool\n"
    "callback test_queue_work arg4 loop\n"
    "field watcher.cb loop\n";

static inline int has_target(struct builder *b, const char *caller, const char *target)
{
    uint32_t f = builder_find(b, caller), t = builder_find(b, target);
    if (f == LC_NONE || t == LC_NONE)
        return 0;
    const struct lc_program_function *fn = &b->program.functions[f];
    for (uint32_t c = fn->first_call; c < fn->first_call + fn->call_count; c++)
        for (uint32_t i = 0; i < b->program.calls[c].target_count; i++)
            if (b->program.targets[b->program.calls[c].first_target + i] == t)
                return 1;
    return 0;
}

static inline int entry_role(struct builder *b, const char *name, enum lc_thread_role role, const char **api)
{
    uint32_t f = builder_find(b, name);
    for (uint32_t e = 0; e < b->program.entry_count; e++) {
        if (b->program.entries[e].function == f && b->program.entries[e].role == role) {
            if (api)
                *api = b->program.entries[e].api;
            return 1;
        }
    }
    return 0;
}

#endif
