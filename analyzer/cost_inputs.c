/* cost_inputs.c — what the cost pass (cost.c) reads off the program
 * before it walks the components: the loops of each function, the
 * self-calls that repeat a function's work, and the parameter a
 * recursion descends through. */
#include "cost.h"

#include <stdlib.h>

#include "callers.h"
#include "scc.h"

/* How argument `at` of `call` hands on its caller's parameter `from`. */
enum cost_link { COST_LINK_NONE, COST_LINK_SAME, COST_LINK_CHILD };

static enum cost_link cost_link_of(const struct lc_program *program, const struct lc_program_call *call, uint32_t at,
                                   int from)
{
    if (at >= call->arg_count)
        return COST_LINK_NONE;
    const struct lc_program_value *arg = &program->args[call->first_arg + at];
    if (arg->child_of_param == from + 1)
        return COST_LINK_CHILD;
    int unchanged = at >= LC_ELEMENT_ARGUMENTS || !((lc_program_call_extra_of(program, call)->changed_param_args >> at) & 1u);
    return arg->kind == LC_VALUE_PARAM && arg->param_index == from && unchanged ? COST_LINK_SAME : COST_LINK_NONE;
}

/* The position of the first argument of `call` handing on its caller's
 * parameter `from` as a child, else as itself, else -1. */
static int cost_link_position(const struct lc_program *program, const struct lc_program_call *call, int from)
{
    int same = -1;
    for (uint32_t a = 0; a < call->arg_count; a++) {
        enum cost_link link = cost_link_of(program, call, a, from);
        if (link == COST_LINK_CHILD)
            return (int)a;
        if (link == COST_LINK_SAME && same < 0)
            same = (int)a;
    }
    return same;
}

_Static_assert(LC_COST_RECURSION_CYCLE <= 8, "a component's members are bits of a byte");

/* Do the links handing a parameter on unchanged (same[i], bit j: member i
 * to member j) close no cycle among `count` members? */
static int cost_same_links_acyclic(const uint8_t *same, uint32_t count)
{
    uint8_t left = (uint8_t)((1u << count) - 1);
    for (int removed = 1; removed && left;) {
        removed = 0;
        for (uint32_t i = 0; i < count; i++)
            if (((left >> i) & 1u) && !(same[i] & left)) {
                left &= (uint8_t)~(1u << i);   /* no link to a member left */
                removed = 1;
            }
    }
    return left == 0;
}

/* The functions of a component met so far, from the first on. */
struct cost_members {
    uint32_t function[LC_COST_RECURSION_CYCLE], count;
};

/* The calls inside the component of members->function[0] that add work,
 * made by the members, breadth first (`visit` may add members): each of
 * their targets in the component is given to `visit` with the index of
 * the member making it and that of the target (members->count when it is
 * none yet).  `visit` returns -1 to go on, else what the walk returns;
 * the walk returns -1 once every member's calls are seen. */
static int cost_walk_component(const struct lc_program *program, const struct lc_cost *cost,
                               struct cost_members *members,
                               int (*visit)(void *context, uint32_t from, const struct lc_program_call *call,
                                            uint32_t target, uint32_t seen),
                               void *context)
{
    uint32_t component = cost->component_of[members->function[0]];
    for (uint32_t next = 0; next < members->count; next++) {
        const struct lc_program_function *fn = &program->functions[members->function[next]];
        for (uint32_t c = fn->first_call; c < fn->first_call + fn->call_count; c++) {
            const struct lc_program_call *call = &program->calls[c];
            if (lc_cost_call_adds_nothing(program, cost, call))
                continue;
            for (uint32_t t = 0; t < call->target_count; t++) {
                uint32_t g = program->targets[call->first_target + t], seen = 0;
                if (cost->component_of[g] != component)
                    continue;
                while (seen < members->count && members->function[seen] != g)
                    seen++;
                int result = visit(context, next, call, g, seen);
                if (result >= 0)
                    return result;
            }
        }
    }
    return -1;
}

/* A walk looking for one tree (cost_walks_tree). */
struct cost_tree_walk {
    const struct lc_program *program;
    struct cost_members members;
    int descent[LC_COST_RECURSION_CYCLE];   /* the parameter each descends through */
    uint8_t same[LC_COST_RECURSION_CYCLE];  /* bit j: hands member j its own unchanged */
    uint32_t calls;
};

static int cost_tree_visit(void *context, uint32_t from_member, const struct lc_program_call *call, uint32_t target,
                           uint32_t seen)
{
    struct cost_tree_walk *walk = context;
    int from = walk->descent[from_member];
    walk->calls++;
    if (seen == walk->members.count) {
        int at = cost_link_position(walk->program, call, from);
        if (at < 0 || walk->members.count == LC_COST_RECURSION_CYCLE)
            return 0;
        walk->members.function[walk->members.count] = target;
        walk->descent[walk->members.count++] = at;
    }
    enum cost_link link = cost_link_of(walk->program, call, (uint32_t)walk->descent[seen], from);
    if (link == COST_LINK_NONE)
        return 0;
    if (link == COST_LINK_SAME)
        walk->same[from_member] |= (uint8_t)(1u << seen);
    return -1;
}

/* Does `f`'s component walk one tree from f's parameter `param`: does
 * every call inside the component (that adds work) hand its callee, for
 * the parameter that callee descends through, a child of the one its
 * caller descends through, or that one itself unchanged, with a child on
 * every way round (`get_length(node)` -> `block_length(node)` -> each
 * `get_length(child)`)?  The parameters are found on the way, from `f`
 * on, each function's from the first call reaching it; a component of at
 * most LC_COST_RECURSION_CYCLE functions. */
static int cost_walks_tree(const struct lc_program *program, const struct lc_cost *cost, uint32_t f, int param)
{
    struct cost_tree_walk walk = { .program = program, .members = { { f }, 1 }, .descent = { param } };
    return cost_walk_component(program, cost, &walk.members, cost_tree_visit, &walk) < 0 && walk.calls > 0
           && cost_same_links_acyclic(walk.same, walk.members.count);
}

/* The parameter a recursion descends through: every call back into its
 * component (of at most LC_COST_RECURSION_CYCLE functions) is given a
 * child of the parameter the calling function descends through, or that
 * parameter itself with a child further round (call_arg
 * child_of_param: `free_node(rec, node, ((GSList *)node->value)->data)`;
 * tmux's `cmd_list_print(list)` printing each `cmd_print(cmd)` of the
 * list, which prints `args_print(cmd->args)`, which prints each value,
 * one of which prints `cmd_list_print(value->cmdlist)`), so the recursion
 * walks what the first caller passed there once, like a loop over that
 * parameter's own data; -1 when there is none. */
int lc_cost_descended_param(const struct lc_program *program, const struct lc_cost *cost, uint32_t f)
{
    const struct lc_scc *scc = program->scc;
    uint32_t component = cost->component_of[f];
    if (scc->component_start[component + 1] - scc->component_start[component] > LC_COST_RECURSION_CYCLE)
        return -1;
    for (int param = 0; param < LC_ELEMENT_ARGUMENTS; param++)
        if (cost_walks_tree(program, cost, f, param))
            return param;
    return -1;
}

/* Does `f` call itself in a way that repeats its work: directly (a
 * pointer that may hold it holds others too: a dispatch to a sibling, as
 * a Unix-socket read handing over to the TCP one), with no argument
 * divided or shifted (`digits(v / 10)` recurses a logarithmic number of
 * times, like a loop dividing its counter), and not as a restart on a
 * fixed request (`return seek(it, ">=", NULL, 0)`: a bounded number of
 * levels, call facts restart_call)?  Nor when its one such self-call is
 * made only once a depth counter passed a limit below
 * LC_COST_MEDIUM_TRIP (`if (ctx->recursion++ < 50) return resolve(r,
 * ctx, &cname)`: a chain of at most that many calls, call facts
 * depth_limit); two such calls may branch at every level. */
int lc_cost_calls_itself(const struct lc_program *program, const struct lc_cost *cost, uint32_t f)
{
    const struct lc_program_function *fn = &program->functions[f];
    unsigned self_calls = 0, limited = 0;
    for (uint32_t c = fn->first_call; c < fn->first_call + fn->call_count; c++) {
        const struct lc_program_call *call = &program->calls[c];
        const struct lc_program_call_extra *extra = lc_program_call_extra_of(program, call);
        if (call->callee.kind == LC_VALUE_FUNCTION && call->callee.function == f && extra->scaled_args == 0
            && !extra->restart_call && !lc_cost_call_adds_nothing(program, cost, call)) {
            self_calls++;
            limited += extra->depth_limit > 0 && extra->depth_limit < LC_COST_MEDIUM_TRIP;
        }
    }
    return self_calls > 0 && !(self_calls == 1 && limited == 1);
}

/* Does the call come back to the walk's first function? */
static int cost_cycle_visit(void *context, uint32_t from_member, const struct lc_program_call *call, uint32_t target,
                            uint32_t seen)
{
    (void)from_member;
    (void)call;
    struct cost_members *members = context;
    if (target == members->function[0])
        return 1;
    if (seen == members->count && members->count < LC_COST_RECURSION_CYCLE)
        members->function[members->count++] = target;
    return -1;
}

int lc_cost_cycles_back(const struct lc_program *program, const struct lc_cost *cost, uint32_t f)
{
    struct cost_members members = { { f }, 1 };
    return cost_walk_component(program, cost, &members, cost_cycle_visit, &members) == 1;
}

int lc_cost_group_loops(const struct lc_program *program, struct lc_cost *cost)
{
    uint32_t n = program->function_count;
    cost->loops_start = calloc((size_t)n + 2, sizeof *cost->loops_start);
    cost->loops_of_function = malloc(((size_t)program->loop_count + 1) * sizeof *cost->loops_of_function);
    if (!cost->loops_start || !cost->loops_of_function)
        return -1;
    for (uint32_t l = 0; l < program->loop_count; l++)
        cost->loops_start[program->loops[l].function + 2]++;
    for (uint32_t f = 0; f < n; f++)
        cost->loops_start[f + 2] += cost->loops_start[f + 1];
    for (uint32_t l = 0; l < program->loop_count; l++)
        cost->loops_of_function[cost->loops_start[program->loops[l].function + 1]++] = l;
    return 0;
}
