/* cost_link_depth.c — the loops walking up a link whose chains the
 * program keeps short (cost.h): a loop stepping a pointer up a link field
 * F of struct S every round (facts.h walked_link_usr: `oo = oo->parent`)
 * makes at most as many rounds as an F-chain is long, plus one.
 *
 * How long a chain can be is computed over the places that hold S
 * objects: the flow nodes of variables, fields (T.G: every T's G) and
 * parameters.  depth(P) bounds the chain from any object P may hold:
 *  - a place holds what is stored into it (another place's objects:
 *    depth(Q)), and a parameter what every caller passes (a place's
 *    objects; NULL: 0); at least 1, for an object a static initialiser
 *    put there (`static struct options *defaults = &builtin;`: no store
 *    is seen there);
 *  - a call of a constructor of F (a function whose write of F is made:
 *    into the new object it returns, facts.h) stored into P makes an
 *    object whose chain is one longer than what the write puts there —
 *    the call's argument for a parameter: 1 + depth(Q) for
 *    `w->options = options_create(global_w_options)`;
 *  - any other write `X->F = V` (program->link_writes: a setter
 *    `oo->parent = parent`) makes the chain of X's object 1 + depth(V);
 *    X's object may sit in every place it came from (a parameter's
 *    callers' places, what was stored into them, back to the call that
 *    made it), so each of those places is raised, and what flows from
 *    them follows.
 * A chain is then at most 1 + the depth of any value written into F.  It
 * is unbounded when the program writes F nowhere (a library's link, a
 * chain built out of sight), when a place on the way may hold what cannot
 * be followed (a call's result other than a constructor's, `&x`, `a[i]`,
 * a parameter of a function nothing calls or a library calls, or that a
 * caller changes before passing it on), when X is no place, or when the
 * depths grow past LC_COST_LINK_DEPTH_SMALL — a cycle: `n->next = head;
 * head = n` raises head's depth through itself, so a list stays a loop
 * bounded by data.  Not seen: a link copied by memcpy, the result of a
 * call through a pointer stored into a place, a local written through its
 * address.  The depths only grow, each at most to the cap, so the fixed
 * point is reached in O(places × cap) raises over the places asked about. */
#include "cost.h"

#include <stdlib.h>
#include <string.h>

#include "callers.h"
#include "grow.h"

#define LINK_UNBOUNDED (LC_COST_LINK_DEPTH_SMALL + 1)
#define LINK_PLACES_CAP 1024   /* places followed for one pass */

struct link_edge {
    uint32_t from;     /* a place, LC_NONE: NULL */
    uint32_t to;
    uint8_t weight;    /* added to the depth of `from` (0 for NULL) */
};

struct link_search {
    const struct lc_program *program;
    uint32_t *store_start;                    /* target node -> first of its
                                                 stores; + 1 -> end */
    const struct lc_program_store **store_order;
    uint8_t *constructor;                     /* per function: it has a
                                                 made write of the link */
    uint32_t *made;                           /* the link's made writes */
    size_t made_count, made_cap;
    uint32_t *seen;                           /* node -> the pass that saw it */
    uint32_t pass;
    uint32_t *places;                         /* the places of this pass */
    size_t place_count, place_cap;
    struct link_edge *edges;                  /* first the raises of the
                                                 writes' objects */
    size_t edge_count, edge_cap;
    uint8_t *depth;                           /* per node */
    int failed;                               /* out of memory */
};

static int link_add_edge(struct link_search *search, uint32_t from, uint32_t to, uint8_t weight)
{
    struct link_edge *edge = lc_grow_append((void **)&search->edges, &search->edge_count, &search->edge_cap,
                                            sizeof *search->edges, 64);
    if (!edge) {
        search->failed = 1;
        return -1;
    }
    *edge = (struct link_edge){ from, to, weight };
    return 0;
}

/* Note a place of this pass, its depth 1 to start with; -1 when there
 * are too many. */
static int link_visit(struct link_search *search, uint32_t node)
{
    if (search->seen[node] == search->pass)
        return 0;
    uint32_t *slot = search->place_count < LINK_PLACES_CAP
                         ? lc_grow_append((void **)&search->places, &search->place_count, &search->place_cap,
                                          sizeof *search->places, 64)
                         : NULL;
    if (!slot) {
        search->failed |= search->place_count < LINK_PLACES_CAP;
        return -1;
    }
    search->seen[node] = search->pass;
    search->depth[node] = 1;   /* what a static initialiser put there, out of sight */
    *slot = node;
    return 0;
}

static void link_new_pass(struct link_search *search)
{
    if (++search->pass == 0) {   /* wrapped: forget every mark */
        memset(search->seen, 0, ((size_t)search->program->flow_node_count + 1) * sizeof *search->seen);
        search->pass = 1;
    }
    search->place_count = 0;
}

/* Argument `index` of `call`, unless it is a parameter its caller changes. */
static const struct lc_program_value *link_argument(const struct lc_program *program,
                                                    const struct lc_program_call *call, uint32_t index)
{
    const struct lc_program_value *arg = index < call->arg_count ? &program->args[call->first_arg + index] : NULL;
    int changed = arg && arg->kind == LC_VALUE_PARAM
                  && (index >= LC_ELEMENT_ARGUMENTS
                      || ((lc_program_call_extra_of(program, call)->changed_param_args >> index) & 1u));
    return changed ? NULL : arg;
}

/* `value` flowing into `to` plus `weight` (NULL: the constant `weight`);
 * its place is visited.  -1 when it cannot be followed: no value, a
 * parameter (a store's: it may have been changed first; a write's and an
 * argument's are unchanged ones, given as `parameter_ok`), anything but a
 * place or NULL. */
static int link_value_into(struct link_search *search, const struct lc_program_value *value, int parameter_ok,
                           uint32_t to, uint8_t weight)
{
    if (value && value->kind == LC_VALUE_NULL)
        return link_add_edge(search, LC_NONE, to, weight);
    if (!value || value->flow_node == LC_NONE
        || !(value->kind == LC_VALUE_VAR || value->kind == LC_VALUE_FIELD
             || (value->kind == LC_VALUE_PARAM && parameter_ok)))
        return -1;
    return link_add_edge(search, value->flow_node, to, weight) == 0 ? link_visit(search, value->flow_node) : -1;
}

/* What the made write `write` sets the link of the object that `call` (of
 * its constructor) makes to, flowing into `to` one deeper: the argument
 * for a parameter, else the value itself. */
static int link_made_value_into(struct link_search *search, const struct lc_program_link_write *write,
                                const struct lc_program_call *call, uint32_t to)
{
    if (write->value.kind != LC_VALUE_PARAM)
        return link_value_into(search, &write->value, 0, to, 1);
    return link_value_into(search, link_argument(search->program, call, (uint32_t)write->value.param_index), 1, to,
                           1);
}

/* The edges into place `node`: its stores and, for a parameter, its
 * callers' arguments.  A constructor's call makes a new object, one deeper
 * than what it is given; with `objects` only the places the objects come
 * from are wanted, so the walk ends there.  -1 when a value cannot be
 * followed. */
static int link_edges_into(struct link_search *search, uint32_t node, int objects)
{
    const struct lc_program *program = search->program;
    for (uint32_t i = search->store_start[node]; i < search->store_start[node + 1]; i++) {
        const struct lc_program_store *store = search->store_order[i];
        uint32_t maker = store->value.function, call = store->value.call;
        if (store->value.kind != LC_VALUE_CALL) {
            if (link_value_into(search, &store->value, 0, node, 0) != 0)
                return -1;
            continue;
        }
        if (maker == LC_NONE || call == LC_NONE || !search->constructor[maker])
            return -1;
        for (size_t m = 0; !objects && m < search->made_count; m++) {
            const struct lc_program_link_write *write = &program->link_writes[search->made[m]];
            if (write->function == maker && link_made_value_into(search, write, &program->calls[call], node) != 0)
                return -1;
        }
    }
    uint32_t function, index;
    if (!lc_fpflow_param_of(program, node, &function, &index))
        return 0;
    const struct lc_callers *callers = program->callers;
    if (callers->start[function] == callers->start[function + 1]
        || (program->registered && program->registered[function]))
        return -1;
    for (uint32_t i = callers->start[function]; i < callers->start[function + 1]; i++)
        if (link_value_into(search, link_argument(program, &program->calls[callers->calls[i]], index), 1, node, 0)
            != 0)
            return -1;
    return 0;
}

/* Raise every place the object of `write` may sit in (the places it came
 * from, back to the constructor's call that made it) to 1 + the depth of
 * the value written.  -1 when one cannot be followed. */
static int link_raise(struct link_search *search, const struct lc_program_link_write *write)
{
    const struct lc_program_value *object = &write->object, *value = &write->value;
    int named = value->kind == LC_VALUE_VAR || value->kind == LC_VALUE_FIELD || value->kind == LC_VALUE_PARAM;
    if (object->flow_node == LC_NONE
        || (object->kind != LC_VALUE_VAR && object->kind != LC_VALUE_FIELD && object->kind != LC_VALUE_PARAM)
        || (value->kind != LC_VALUE_NULL && (!named || value->flow_node == LC_NONE)))
        return -1;
    link_new_pass(search);
    size_t raises = search->edge_count;
    if (link_visit(search, object->flow_node) != 0)
        return -1;
    for (size_t i = 0; i < search->place_count; i++)
        if (link_edges_into(search, search->places[i], 1) != 0)
            return -1;
    search->edge_count = raises;   /* only the places were wanted */
    for (size_t i = 0; i < search->place_count; i++)
        if (link_add_edge(search, named ? value->flow_node : LC_NONE, search->places[i], 1) != 0)
            return -1;
    return 0;
}

/* The constructors of `field` and their made writes. */
static int link_constructors(struct link_search *search, int64_t field)
{
    const struct lc_program *program = search->program;
    memset(search->constructor, 0, (size_t)program->function_count + 1);
    search->made_count = 0;
    for (uint32_t w = 0; w < program->link_write_count; w++) {
        const struct lc_program_link_write *write = &program->link_writes[w];
        if (write->field_symbol != field || !write->made)
            continue;
        uint32_t *slot = lc_grow_append((void **)&search->made, &search->made_count, &search->made_cap,
                                        sizeof *search->made, 8);
        if (!slot) {
            search->failed = 1;
            return -1;
        }
        *slot = w;
        search->constructor[write->function] = 1;
    }
    return 0;
}

/* The value a write puts into the link: an edge into the chain (to
 * LC_NONE), its place visited; for a made write of a parameter, what
 * every call of its constructor gives there. */
static int link_written(struct link_search *search, const struct lc_program_link_write *write)
{
    const struct lc_program *program = search->program;
    const struct lc_callers *callers = program->callers;
    if (!write->made || write->value.kind != LC_VALUE_PARAM)
        return link_value_into(search, &write->value, write->value.kind == LC_VALUE_PARAM, LC_NONE, 1);
    uint32_t f = write->function;
    if (callers->start[f] == callers->start[f + 1] || (program->registered && program->registered[f]))
        return -1;
    for (uint32_t i = callers->start[f]; i < callers->start[f + 1]; i++)
        if (link_made_value_into(search, write, &program->calls[callers->calls[i]], LC_NONE) != 0)
            return -1;
    return 0;
}

/* The longest chain of `field` (at least 1), or LINK_UNBOUNDED. */
static uint8_t link_field_depth(struct link_search *search, int64_t field)
{
    const struct lc_program *program = search->program;
    search->edge_count = 0;
    if (link_constructors(search, field) != 0)
        return LINK_UNBOUNDED;
    for (uint32_t w = 0; w < program->link_write_count; w++) {
        const struct lc_program_link_write *write = &program->link_writes[w];
        if (write->field_symbol == field && !write->made && link_raise(search, write) != 0)
            return LINK_UNBOUNDED;
    }
    size_t raise_count = search->edge_count;
    link_new_pass(search);
    int written = 0;
    for (uint32_t w = 0; w < program->link_write_count; w++) {
        if (program->link_writes[w].field_symbol != field)
            continue;
        written = 1;
        if (link_written(search, &program->link_writes[w]) != 0)
            return LINK_UNBOUNDED;
    }
    if (!written)
        return LINK_UNBOUNDED;
    for (size_t i = 0; i < search->place_count; i++) {
        uint32_t node = search->places[i];
        if (link_edges_into(search, node, 0) != 0)
            return LINK_UNBOUNDED;
        for (size_t e = 0; e < raise_count; e++)
            if (search->edges[e].to == node && search->edges[e].from != LC_NONE
                && link_visit(search, search->edges[e].from) != 0)
                return LINK_UNBOUNDED;
    }
    /* The depths only grow; a cycle grows them past the cap. */
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t e = 0; e < search->edge_count; e++) {
            const struct link_edge *edge = &search->edges[e];
            if (edge->to == LC_NONE || search->seen[edge->to] != search->pass)
                continue;
            unsigned depth = (edge->from == LC_NONE ? 0u : search->depth[edge->from]) + edge->weight;
            if (depth <= search->depth[edge->to])
                continue;
            if (depth >= LINK_UNBOUNDED)
                return LINK_UNBOUNDED;
            search->depth[edge->to] = (uint8_t)depth;
            changed = 1;
        }
    }
    unsigned longest = 1;
    for (size_t e = raise_count; e < search->edge_count; e++) {
        const struct link_edge *edge = &search->edges[e];
        unsigned depth = (edge->from == LC_NONE ? 0u : search->depth[edge->from]) + edge->weight;
        if (edge->to == LC_NONE && depth > longest)
            longest = depth;
    }
    return (uint8_t)(longest < LINK_UNBOUNDED ? longest : LINK_UNBOUNDED);
}

/* Group the stores that bring objects into a place by target node. */
static int link_index_stores(struct link_search *search)
{
    const struct lc_program *program = search->program;
    size_t nodes = (size_t)program->flow_node_count + 2;
    search->store_start = calloc(nodes, sizeof *search->store_start);
    search->store_order = malloc(((size_t)program->store_count + program->object_store_count + 1)
                                 * sizeof *search->store_order);
    if (!search->store_start || !search->store_order)
        return -1;
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t s = 0; s < program->store_count + program->object_store_count; s++) {
            const struct lc_program_store *store = lc_program_value_or_object_store(program, s);
            if (store->target_node >= program->flow_node_count || store->value.kind == LC_VALUE_NULL
                || store->value.kind == LC_VALUE_FUNCTION)
                continue;
            if (pass == 0)
                search->store_start[store->target_node + 2]++;
            else
                search->store_order[search->store_start[store->target_node + 1]++] = store;
        }
        for (size_t n = 2; pass == 0 && n < nodes; n++)
            search->store_start[n] += search->store_start[n - 1];
    }
    return 0;
}

int lc_cost_link_loops(const struct lc_program *program, uint8_t *constant)
{
    uint32_t walking = 0;   /* no loop walks a link: nothing to compute */
    for (uint32_t l = 0; l < program->loop_count && !walking; l++)
        walking = program->loops[l].walked_link != 0 && !constant[l];
    if (!walking || !program->callers)
        return 0;
    struct link_search search = { .program = program };
    struct { int64_t field; uint8_t depth; } *known = NULL;
    size_t known_count = 0, known_cap = 0;
    search.constructor = malloc((size_t)program->function_count + 1);
    search.seen = calloc((size_t)program->flow_node_count + 1, sizeof *search.seen);
    search.depth = calloc((size_t)program->flow_node_count + 1, 1);
    int rc = search.constructor && search.seen && search.depth && link_index_stores(&search) == 0 ? 0 : -1;
    for (uint32_t l = 0; rc == 0 && l < program->loop_count; l++) {
        int64_t field = program->loops[l].walked_link;
        if (field == 0 || constant[l])
            continue;
        size_t k = 0;
        while (k < known_count && known[k].field != field)
            k++;
        if (k == known_count) {
            if (lc_grow((void **)&known, &known_cap, known_count, sizeof *known, 8) != 0) {
                rc = -1;
                break;
            }
            known[known_count++].field = field;
            known[k].depth = link_field_depth(&search, field);
            rc = search.failed ? -1 : 0;
        }
        constant[l] = known[k].depth <= LC_COST_LINK_DEPTH_SMALL;
    }
    free(known);
    free(search.constructor);
    free(search.made);
    free(search.seen);
    free(search.depth);
    free(search.store_start);
    free(search.store_order);
    free(search.places);
    free(search.edges);
    return rc;
}
