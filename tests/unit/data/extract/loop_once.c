/* loop_once.c — calls a loop makes at most once per run, into a local it
 * tests first (extract_loop_once.c): each call and loop found by the
 * comment on its line. */
#include <stddef.h>

struct context;
struct context *connect_to(int node);
void use(struct context *ctx, int node);

struct context *shared;

int connect_once_goto(const int *nodes, int count)
{
    struct context *ctx = NULL;
    for (int i = 0; i < count; i++) { /* goto_loop */
        if (ctx == NULL) {
            ctx = connect_to(nodes[i]); /* goto_call */
            if (ctx == NULL)
                goto fail;
        }
        use(ctx, nodes[i]);
    }
    return 0;
fail:
    return -1;
}

void connect_once_break(const int *nodes, int count)
{
    struct context *ctx = NULL;
    for (int i = 0; i < count; i++) {
        if (!ctx) {
            ctx = connect_to(nodes[i]); /* break_call */
            if (!ctx)
                break;
        }
        use(ctx, nodes[i]);
    }
}

void connect_nested(const int *nodes, int count)
{
    for (int round = 0; round < count; round++) { /* nested_outer */
        struct context *ctx = NULL;
        for (int i = 0; i < count; i++) {
            if (ctx == NULL) {
                ctx = connect_to(nodes[i]); /* nested_call */
                if (ctx == NULL)
                    return;
            }
            use(ctx, nodes[i]);
        }
    }
}

void retry_continue(const int *nodes, int count)
{
    struct context *ctx = NULL;
    for (int i = 0; i < count; i++) { /* continue_loop */
        if (ctx == NULL) {
            ctx = connect_to(nodes[i]); /* continue_call */
            if (ctx == NULL)
                continue;
        }
        use(ctx, nodes[i]);
    }
}

void no_check(const int *nodes, int count)
{
    struct context *ctx = NULL;
    for (int i = 0; i < count; i++) { /* unchecked_loop */
        if (ctx == NULL) {
            ctx = connect_to(nodes[i]); /* unchecked_call */
        }
        use(ctx, nodes[i]);
    }
}

void reset_each_round(const int *nodes, int count)
{
    struct context *ctx = NULL;
    for (int i = 0; i < count; i++) { /* reset_loop */
        if (ctx == NULL) {
            ctx = connect_to(nodes[i]); /* reset_call */
            if (ctx == NULL)
                return;
        }
        use(ctx, nodes[i]);
        ctx = NULL;
    }
}

void declared_inside(const int *nodes, int count)
{
    for (int i = 0; i < count; i++) { /* inside_loop */
        struct context *ctx = NULL;
        if (ctx == NULL) {
            ctx = connect_to(nodes[i]); /* inside_call */
            if (ctx == NULL)
                return;
        }
        use(ctx, nodes[i]);
    }
}

void global_context(const int *nodes, int count)
{
    for (int i = 0; i < count; i++) { /* global_loop */
        if (shared == NULL) {
            shared = connect_to(nodes[i]); /* global_call */
            if (shared == NULL)
                return;
        }
        use(shared, nodes[i]);
    }
}
