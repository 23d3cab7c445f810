/* scc.c — Tarjan's strongly connected components over the call graph,
 * with an explicit stack of (function, next edge) frames; each component's
 * members are then listed by function index. */
#include "scc.h"

#include <stdlib.h>
#include <string.h>

/* A function's visit number and lowest number it reaches, side by side:
 * an edge to a function seen before reads both at once.  Once its
 * component is out, its number is SCC_DONE: larger than any other, it
 * lowers no caller's (only functions still on the stack do), so no
 * on-stack flag is needed. */
#define SCC_DONE (LC_NONE - 1)

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

static int scc_compare_functions(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* List the members of component `k`, order[first .. last), by function
 * index, so the passes that walk a component read the functions and their
 * calls in memory order (a million-function cycle otherwise comes out in
 * depth-first order, a cache miss per function).  When the members are
 * dense in their index range, that range is scanned for them (their
 * component_of is already k); else they are sorted. */
static void scc_sort_members(struct lc_scc *scc, uint32_t k, uint32_t first, uint32_t last)
{
    if (last - first < 2)
        return;
    uint32_t low = UINT32_MAX, high = 0;
    for (uint32_t i = first; i < last; i++) {
        low = scc->order[i] < low ? scc->order[i] : low;
        high = scc->order[i] > high ? scc->order[i] : high;
    }
    if ((uint64_t)(high - low) + 1 > (uint64_t)(last - first) * 8) {
        qsort(&scc->order[first], last - first, sizeof *scc->order, scc_compare_functions);
        return;
    }
    for (uint32_t f = low, i = first; f <= high; f++)
        if (scc->component_of[f] == k)
            scc->order[i++] = f;
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
    uint32_t *stack = malloc(((size_t)n + 1) * sizeof *stack);
    struct scc_frame *frames = malloc(((size_t)n + 1) * sizeof *frames);
    scc->order = malloc(((size_t)n + 1) * sizeof *scc->order);
    scc->component_start = malloc(((size_t)n + 2) * sizeof *scc->component_start);
    scc->component_of = malloc(((size_t)n + 1) * sizeof *scc->component_of);
    int rc = -1;
    if (!visit || !stack || !frames || !scc->order || !scc->component_start
        || !scc->component_of)
        goto done;
    memset(visit, 0xff, ((size_t)n + 1) * sizeof *visit);
    memset(scc->component_of, 0xff, ((size_t)n + 1) * sizeof *scc->component_of);
    uint32_t next_index = 0, stack_top = 0, emitted = 0;
    for (uint32_t root = 0; root < n; root++) {
        if (visit[root].index != LC_NONE)
            continue;
        uint32_t depth = 0;
        frames[depth++] = scc_enter(program, root);
        visit[root].index = visit[root].low = next_index++;
        stack[stack_top++] = root;
        while (depth > 0) {
            struct scc_frame *frame = &frames[depth - 1];
            uint32_t callee = scc_next_edge(program, frame);
            if (callee != LC_NONE) {
                if (visit[callee].index == LC_NONE) {
                    visit[callee].index = visit[callee].low = next_index++;
                    stack[stack_top++] = callee;
                    frames[depth++] = scc_enter(program, callee);
                } else if (visit[callee].index < visit[frame->function].low) {
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
                    visit[member].index = SCC_DONE;
                    scc->component_of[member] = scc->component_count;
                    scc->order[emitted++] = member;
                } while (member != f);
                scc_sort_members(scc, scc->component_count, scc->component_start[scc->component_count], emitted);
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
