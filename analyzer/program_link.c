/* program_link.c — the executables a TU of no build target is linked into
 * (program_link.h): first, per TU, the symbols its live code names
 * (reached from its non-static functions and file-scope initialisers
 * through its own static functions, so a header's static inline helper the
 * TU never uses names nothing); then, per `main`, the set of TUs a linker
 * would pull in for those names.  O(definitions + references) per TU pass,
 * and per `main` O(the names of the TUs in its set), plus a sort. */
#include "program_link.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static int link_compare_definitions(const void *a, const void *b)
{
    const struct lc_link_definition *x = a, *y = b;
    if (x->tu != y->tu)
        return x->tu < y->tu ? -1 : 1;
    return x->symbol < y->symbol ? -1 : x->symbol > y->symbol;
}

static int link_compare_references(const void *a, const void *b)
{
    const struct lc_link_reference *x = a, *y = b;
    if (x->tu != y->tu)
        return x->tu < y->tu ? -1 : 1;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    return x->to < y->to ? -1 : x->to > y->to;
}

struct link_state {
    struct lc_link_input *input;
    uint32_t *definition_start;   /* per TU + 1: its definitions */
    uint32_t *reference_start;    /* per TU + 1: its references */
    uint32_t *named_start;        /* per TU + 1: the symbols its live code names */
    uint32_t *named;
    uint32_t named_count;
    uint32_t *definer_start;      /* per symbol + 1: the TUs defining it (not static) */
    uint32_t *definers;
    uint32_t *stamp;              /* per symbol: scratch marks */
    uint32_t *live;               /* per symbol: scratch marks */
    uint32_t *work;               /* scratch stack of symbols */
};

/* Where each key's items begin, keys below `keys`, of `count` items sorted
 * by the uint32_t key at `key_offset`; start[keys] is `count`. */
static void link_starts_of_sorted(uint32_t *start, uint32_t keys, const void *items, size_t size, uint32_t count,
                                  size_t key_offset)
{
    uint32_t at = 0;
    for (uint32_t k = 0; k <= keys; k++) {
        while (at < count) {
            uint32_t key;
            memcpy(&key, (const char *)items + (size_t)at * size + key_offset, sizeof key);
            if (key >= k)
                break;
            at++;
        }
        start[k] = at;
    }
}

/* The first reference of `tu` from `from` (references sorted). */
static uint32_t link_first_from(const struct link_state *s, uint32_t tu, uint32_t from)
{
    uint32_t low = s->reference_start[tu], high = s->reference_start[tu + 1];
    while (low < high) {
        uint32_t middle = low + (high - low) / 2;
        if (s->input->references[middle].from < from)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

/* The symbols the live code of `tu` names, appended to s->named. */
static void link_named_of_tu(struct link_state *s, uint32_t tu)
{
    const struct lc_link_input *in = s->input;
    uint32_t mark = tu + 1, top = 0;
    s->named_start[tu] = s->named_count;
    for (uint32_t d = s->definition_start[tu]; d < s->definition_start[tu + 1]; d++) {
        const struct lc_link_definition *definition = &in->definitions[d];
        if (definition->is_static)
            s->stamp[definition->symbol] = mark;   /* static here: followed only once live */
        else if (s->live[definition->symbol] != mark) {
            s->live[definition->symbol] = mark;
            s->work[top++] = definition->symbol;
        }
    }
    /* File-scope initialisers first, then the live functions. */
    for (uint32_t from = LC_LINK_NONE, first = 1; first || top > 0; first = 0) {
        if (!first)
            from = s->work[--top];
        for (uint32_t r = link_first_from(s, tu, from);
             r < s->reference_start[tu + 1] && in->references[r].from == from; r++) {
            uint32_t to = in->references[r].to;
            if (s->live[to] == mark)
                continue;
            s->live[to] = mark;
            if (s->stamp[to] == mark)
                s->work[top++] = to;   /* a static function of this TU */
            else
                s->named[s->named_count++] = to;
        }
    }
    s->named_start[tu + 1] = s->named_count;
}

/* Symbol -> the TUs that define it with external linkage. */
static int link_definers(struct link_state *s)
{
    const struct lc_link_input *in = s->input;
    s->definer_start = calloc((size_t)in->symbol_count + 2, sizeof *s->definer_start);
    s->definers = malloc(((size_t)in->definition_count + 1) * sizeof *s->definers);
    if (!s->definer_start || !s->definers)
        return -1;
    for (uint32_t d = 0; d < in->definition_count; d++)
        if (!in->definitions[d].is_static)
            s->definer_start[in->definitions[d].symbol + 2]++;
    for (uint32_t k = 0; k < in->symbol_count; k++)
        s->definer_start[k + 2] += s->definer_start[k + 1];
    for (uint32_t d = 0; d < in->definition_count; d++)
        if (!in->definitions[d].is_static)
            s->definers[s->definer_start[in->definitions[d].symbol + 1]++] = in->definitions[d].tu;
    return 0;
}

/* One `main`'s set, grown from `main_tu`: stamps `mark` in `in_set`. */
struct link_set {
    uint32_t mark;
    uint32_t *in_set;     /* per TU */
    uint32_t *queue, head, tail;
    uint32_t *deferred, deferred_head, deferred_tail;
};

static void link_join(struct link_state *s, struct link_set *set, uint32_t tu)
{
    set->in_set[tu] = set->mark;
    set->queue[set->tail++] = tu;
    for (uint32_t i = s->named_start[tu]; i < s->named_start[tu + 1]; i++)
        s->stamp[s->named[i]] = set->mark;   /* named by the set */
}

/* How many symbols the set names that `tu` defines. */
static uint32_t link_score(const struct link_state *s, const struct link_set *set, uint32_t tu)
{
    uint32_t score = 0;
    for (uint32_t d = s->definition_start[tu]; d < s->definition_start[tu + 1]; d++)
        score += !s->input->definitions[d].is_static && s->stamp[s->input->definitions[d].symbol] == set->mark;
    return score;
}

/* Is candidate (score, named, rank) better than the best so far? */
static int link_better(const uint32_t candidate[3], const uint32_t best[3])
{
    for (int i = 0; i < 3; i++)
        if (candidate[i] != best[i])
            return i == 0 ? candidate[i] > best[i] : candidate[i] < best[i];
    return 0;
}

/* Resolve `symbol` for the set: nothing when a TU of the set defines it;
 * else the only candidate joins, or of several the best (or, when
 * `defer`, the choice waits until the set names all it will without it). */
static void link_resolve(struct link_state *s, struct link_set *set, uint32_t symbol, int defer)
{
    uint32_t best[3] = { 0, 0, 0 }, best_tu = LC_LINK_NONE, candidates = 0;
    for (uint32_t i = s->definer_start[symbol]; i < s->definer_start[symbol + 1]; i++)
        if (set->in_set[s->definers[i]] == set->mark)
            return;
    for (uint32_t i = s->definer_start[symbol]; i < s->definer_start[symbol + 1]; i++) {
        uint32_t tu = s->definers[i];
        if (s->input->tu_defines_main[tu])
            continue;
        if (++candidates > 1 && defer) {
            set->deferred[set->deferred_tail++] = symbol;
            return;
        }
        uint32_t candidate[3] = { link_score(s, set, tu), s->named_start[tu + 1] - s->named_start[tu],
                                  s->input->tu_rank ? s->input->tu_rank[tu] : tu };
        if (best_tu == LC_LINK_NONE || link_better(candidate, best)) {
            memcpy(best, candidate, sizeof best);
            best_tu = tu;
        }
    }
    if (best_tu != LC_LINK_NONE)
        link_join(s, set, best_tu);
}

static void link_grow_set(struct link_state *s, struct link_set *set, uint32_t main_tu)
{
    set->head = set->tail = set->deferred_head = set->deferred_tail = 0;
    link_join(s, set, main_tu);
    while (set->head < set->tail || set->deferred_head < set->deferred_tail) {
        if (set->head == set->tail) {
            link_resolve(s, set, set->deferred[set->deferred_head++], 0);
            continue;
        }
        uint32_t tu = set->queue[set->head++];
        for (uint32_t i = s->named_start[tu]; i < s->named_start[tu + 1]; i++)
            link_resolve(s, set, s->named[i], 1);
    }
}

static void link_free(struct link_state *s)
{
    free(s->definition_start);
    free(s->reference_start);
    free(s->named_start);
    free(s->named);
    free(s->definer_start);
    free(s->definers);
    free(s->stamp);
    free(s->live);
    free(s->work);
}

int lc_link_programs(struct lc_link_input *input, uint64_t *programs)
{
    struct link_state s = { .input = input };
    size_t tus = (size_t)input->tu_count + 1, symbols = (size_t)input->symbol_count + 1;
    memset(programs, 0, (size_t)input->tu_count * sizeof *programs);
    s.definition_start = malloc(tus * sizeof *s.definition_start);
    s.reference_start = malloc(tus * sizeof *s.reference_start);
    s.named_start = malloc(tus * sizeof *s.named_start);
    s.named = malloc(((size_t)input->reference_count + 1) * sizeof *s.named);
    s.stamp = calloc(symbols, sizeof *s.stamp);
    s.live = calloc(symbols, sizeof *s.live);
    s.work = malloc(symbols * sizeof *s.work);
    struct link_set set = { 0 };
    set.in_set = calloc(tus, sizeof *set.in_set);
    set.queue = malloc(tus * sizeof *set.queue);
    set.deferred = malloc(((size_t)input->reference_count + 1) * sizeof *set.deferred);
    int rc = s.definition_start && s.reference_start && s.named_start && s.named && s.stamp && s.live && s.work
                     && set.in_set && set.queue && set.deferred
                 ? 0
                 : -1;
    if (rc == 0) {
        qsort(input->definitions, input->definition_count, sizeof *input->definitions, link_compare_definitions);
        qsort(input->references, input->reference_count, sizeof *input->references, link_compare_references);
        link_starts_of_sorted(s.definition_start, input->tu_count, input->definitions, sizeof *input->definitions,
                              input->definition_count, offsetof(struct lc_link_definition, tu));
        link_starts_of_sorted(s.reference_start, input->tu_count, input->references, sizeof *input->references,
                              input->reference_count, offsetof(struct lc_link_reference, tu));
        for (uint32_t tu = 0; tu < input->tu_count; tu++)
            link_named_of_tu(&s, tu);
        rc = link_definers(&s);
    }
    memset(s.stamp, 0, rc == 0 ? symbols * sizeof *s.stamp : 0);
    for (uint32_t tu = 0, k = 0; rc == 0 && tu < input->tu_count && k < LC_LINK_PROGRAMS_MAX; tu++) {
        if (!input->tu_defines_main[tu])
            continue;
        set.mark = k + 1;
        link_grow_set(&s, &set, tu);
        for (uint32_t i = 0; i < set.tail; i++)
            programs[set.queue[i]] |= (uint64_t)1 << k;
        k++;
    }
    link_free(&s);
    free(set.in_set);
    free(set.queue);
    free(set.deferred);
    return rc;
}
