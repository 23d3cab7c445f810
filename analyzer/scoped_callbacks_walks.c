/* scoped_callbacks_walks.c — the two walks over the call graph that
 * scoped_callbacks.c asks about an install: the functions only a callback
 * reaches (its own re-installs do not count), and whether a call between
 * an install and its removal may reach a call through the field (the call
 * the callback is installed for). */
#include "scoped_callbacks_internal.h"

#include <stdlib.h>

#include "callers.h"

#define SCOPED_ONLY_REACHED_CAP 4096   /* functions that only F reaches, at most */

/* Does only `function` reach `other` (through calls, every caller of each
 * function on the way being one of them, none registered)?  The set is
 * made once per function asked about. */
int lc_scoped_only_reached_by(const struct lc_program *program, struct lc_scoped_walks *walks, uint32_t function,
                              uint32_t other)
{
    const struct lc_callers *callers = program->callers;
    if (!walks->only_stamp)
        walks->only_stamp = calloc((size_t)program->function_count + 1, sizeof *walks->only_stamp);
    if (!walks->only_queue)
        walks->only_queue = malloc(((size_t)SCOPED_ONLY_REACHED_CAP * 2 + 1) * sizeof *walks->only_queue);
    if (!walks->only_stamp || !walks->only_queue)
        return 0;   /* out of memory: the install counts, which is safe */
    if (walks->only_generation == 0 || walks->only_function != function) {
        uint32_t generation = ++walks->only_generation, members = 1, head = 0, tail = 0;
        walks->only_function = function;
        walks->only_stamp[function] = generation;
        walks->only_queue[tail++] = function;
        while (head < tail && members < SCOPED_ONLY_REACHED_CAP) {
            uint32_t member = walks->only_queue[head++], begin, end;
            lc_program_function_targets(program, member, &begin, &end);
            for (uint32_t i = begin; i < end && members < SCOPED_ONLY_REACHED_CAP; i++) {
                uint32_t g = program->targets[i];
                if (walks->only_stamp[g] == generation || program->registered[g])
                    continue;
                uint32_t r = callers->start[g];
                while (r < callers->start[g + 1] && walks->only_stamp[callers->functions[r]] == generation)
                    r++;
                if (r < callers->start[g + 1])
                    continue;   /* another caller: looked at again if that one joins */
                walks->only_stamp[g] = generation;
                members++;
                if (tail < SCOPED_ONLY_REACHED_CAP * 2)
                    walks->only_queue[tail++] = g;
            }
        }
    }
    return walks->only_stamp[other] == walks->only_generation;
}

/* Is call `c` made through field `node` or a variable it flows into (a
 * local copy)? */
static int scoped_call_through(const struct lc_program *program, uint32_t node, const struct lc_program_call *c)
{
    if (c->callee.kind == LC_VALUE_FUNCTION || c->callee.flow_node == LC_NONE)
        return 0;
    if (c->callee.flow_node == node)
        return 1;
    const uint32_t *successors;
    uint32_t count = lc_fpflow_successors(program, node, &successors);
    for (uint32_t i = 0; i < count; i++)
        if (successors[i] == c->callee.flow_node
            && lc_fpflow_node_names(program, successors[i]).kind == LC_VALUE_VAR)
            return 1;
    return 0;
}

/* Mark (walks->reach_stamp) the functions that may reach a call through field
 * `node` or a local copy of it: the callers of those calls, and their
 * callers.  Once per field. */
static int scoped_reaching(const struct lc_program *program, struct lc_scoped_walks *walks, uint32_t node)
{
    const struct lc_callers *callers = program->callers;
    if (walks->reach_generation && walks->reach_node == node)
        return 0;
    if (!walks->reach_stamp)
        walks->reach_stamp = calloc((size_t)program->function_count + 1, sizeof *walks->reach_stamp);
    if (!walks->reach_queue)
        walks->reach_queue = malloc(((size_t)program->function_count + 1) * sizeof *walks->reach_queue);
    if (!walks->reach_stamp || !walks->reach_queue)
        return -1;
    uint32_t generation = ++walks->reach_generation, head = 0, tail = 0;
    walks->reach_node = node;
    const uint32_t *nodes;
    uint32_t node_count = lc_fpflow_successors(program, node, &nodes);
    for (uint32_t n = 0; n <= node_count; n++) {
        uint32_t through = n == node_count ? node : nodes[n];
        if (through != node && lc_fpflow_node_names(program, through).kind != LC_VALUE_VAR)
            continue;
        const uint32_t *calls;
        uint32_t call_count = lc_fpflow_calls(program, through, &calls);
        for (uint32_t i = 0; i < call_count; i++) {
            uint32_t caller = program->calls[calls[i]].caller;
            if (walks->reach_stamp[caller] != generation) {
                walks->reach_stamp[caller] = generation;
                walks->reach_queue[tail++] = caller;
            }
        }
    }
    while (head < tail) {
        uint32_t f = walks->reach_queue[head++];
        for (uint32_t r = callers->start[f]; r < callers->start[f + 1]; r++) {
            uint32_t caller = callers->functions[r];
            if (walks->reach_stamp[caller] != generation) {
                walks->reach_stamp[caller] = generation;
                walks->reach_queue[tail++] = caller;
            }
        }
    }
    return 0;
}

/* Does `installer`, between `from` and `to` in its body, make a call that
 * may reach a call through field `node`: is the callback installed for
 * the duration of that call? */
int lc_scoped_called_between(const struct lc_program *program, struct lc_scoped_walks *walks, uint32_t node,
                             uint32_t installer, const struct lc_location *from, const struct lc_location *to)
{
    const struct lc_program_function *fn = &program->functions[installer];
    /* First the calls through the field itself; the walk over the callers
     * only when there is another call in between. */
    int other_calls = 0;
    for (uint32_t k = fn->first_call; k < fn->first_call + fn->call_count; k++) {
        const struct lc_program_call *c = &program->calls[k];
        if (lc_location_compare(&c->loc, from) <= 0 || lc_location_compare(&c->loc, to) >= 0)
            continue;
        if (scoped_call_through(program, node, c))
            return 1;
        other_calls |= c->target_count > 0;
    }
    if (!other_calls || scoped_reaching(program, walks, node) != 0)
        return 0;
    for (uint32_t k = fn->first_call; k < fn->first_call + fn->call_count; k++) {
        const struct lc_program_call *c = &program->calls[k];
        if (lc_location_compare(&c->loc, from) <= 0 || lc_location_compare(&c->loc, to) >= 0)
            continue;
        for (uint32_t t = c->first_target; t < c->first_target + c->target_count; t++)
            if (walks->reach_stamp[program->targets[t]] == walks->reach_generation)
                return 1;
    }
    return 0;
}

void lc_scoped_walks_free(struct lc_scoped_walks *walks)
{
    free(walks->only_stamp);
    free(walks->only_queue);
    free(walks->reach_stamp);
    free(walks->reach_queue);
}
