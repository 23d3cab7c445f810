/* scc.c — Tarjan's strongly connected components over the call graph,
 * with an explicit stack of (function, next edge) frames. */
#include "scc.h"

#include <stdlib.h>
#include <string.h>

/* A function's visit number and lowest number it reaches, side by side:
 * an edge to a function seen before reads both at once. */
struct scc_visit {
    uint32_t index, low;
};

struct scc_frame {
    uint32_t function;
    uint32_t next, end;         /* its edges left: program->targets[next .. end) */
};

/* The frame of a function entered: its callees when it is followed. */
static struct scc_frame scc_enter(const struct lc_program *program, uint32_t function)
{
    struct scc_frame frame = { function, 0, 0 };
    if (lc_program_function_is_followed(program, function))
        lc_program_function_targets(program, function, &frame.next, &frame.end);
    return frame;
}

/* The next callee of frame->function, or LC_NONE when done. */
static uint32_t scc_next_edge(const struct lc_program *program, struct scc_frame *frame)
{
    return frame->next < frame->end ? program->targets[frame->next++] : LC_NONE;
}

int lc_scc_compute(const struct lc_program *program, struct lc_scc *scc)
{
    uint32_t n = program->function_count;
    memset(scc, 0, sizeof *scc);
    struct scc_visit *visit = malloc(((size_t)n + 1) * sizeof *visit);
    uint8_t *on_stack = calloc((size_t)n + 1, 1);
    uint32_t *stack = malloc(((size_t)n + 1) * sizeof *stack);
    struct scc_frame *frames = malloc(((size_t)n + 1) * sizeof *frames);
    scc->order = malloc(((size_t)n + 1) * sizeof *scc->order);
    scc->component_start = malloc(((size_t)n + 2) * sizeof *scc->component_start);
    scc->component_of = malloc(((size_t)n + 1) * sizeof *scc->component_of);
    int rc = -1;
    if (!visit || !on_stack || !stack || !frames || !scc->order || !scc->component_start
        || !scc->component_of)
        goto done;
    memset(visit, 0xff, ((size_t)n + 1) * sizeof *visit);
    uint32_t next_index = 0, stack_top = 0, emitted = 0;
    for (uint32_t root = 0; root < n; root++) {
        if (visit[root].index != LC_NONE)
            continue;
        uint32_t depth = 0;
        frames[depth++] = scc_enter(program, root);
        visit[root].index = visit[root].low = next_index++;
        stack[stack_top++] = root;
        on_stack[root] = 1;
        while (depth > 0) {
            struct scc_frame *frame = &frames[depth - 1];
            uint32_t callee = scc_next_edge(program, frame);
            if (callee != LC_NONE) {
                if (visit[callee].index == LC_NONE) {
                    visit[callee].index = visit[callee].low = next_index++;
                    stack[stack_top++] = callee;
                    on_stack[callee] = 1;
                    frames[depth++] = scc_enter(program, callee);
                } else if (on_stack[callee] && visit[callee].index < visit[frame->function].low) {
                    visit[frame->function].low = visit[callee].index;
                }
                continue;
            }
            uint32_t f = frame->function;
            if (visit[f].low == visit[f].index) {
                scc->component_start[scc->component_count] = emitted;
                uint32_t member;
                do {
                    member = stack[--stack_top];
                    on_stack[member] = 0;
                    scc->component_of[member] = scc->component_count;
                    scc->order[emitted++] = member;
                } while (member != f);
                scc->component_count++;
            }
            depth--;
            if (depth > 0 && visit[f].low < visit[frames[depth - 1].function].low)
                visit[frames[depth - 1].function].low = visit[f].low;
        }
    }
    scc->component_start[scc->component_count] = emitted;
    rc = 0;
done:
    free(visit);
    free(on_stack);
    free(stack);
    free(frames);
    if (rc != 0)
        lc_scc_free(scc);
    return rc;
}

void lc_scc_free(struct lc_scc *scc)
{
    free(scc->order);
    free(scc->component_start);
    free(scc->component_of);
    memset(scc, 0, sizeof *scc);
}
