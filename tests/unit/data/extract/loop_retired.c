/* loop_retired.c — walks from a mark moved past what they passed too
 * often (extract_loop_retired.c), each loop found by the comment on its
 * line. */
#include <stddef.h>

struct data {
    struct block *next;
    unsigned failed;
};

struct block {
    struct data d;
    struct block *next;
    unsigned failed;
    size_t used;
};

struct pool {
    struct block *current, *first;
    long steps;
};

void add_nginx(struct pool *pool, struct block *fresh)
{
    struct block *p;
    for (p = pool->current; p->d.next; p = p->d.next) { /* nginx_shape */
        if (p->d.failed++ > 4) {
            pool->current = p->d.next;
        }
    }
    p->d.next = fresh;
}

void add_counted(struct pool *pool, struct block *fresh)
{
    for (struct block *b = pool->current; b->next; b = b->next) { /* declared_walker */
        pool->steps++;
        if (++b->failed >= 5)
            pool->current = b->next;
    }
    fresh->failed = 0;
}

void add_limit(struct pool *pool, unsigned limit)
{
    struct block *b;
    for (b = pool->current; b->next; b = b->next) /* limit_not_constant */
        if (b->failed++ > limit)
            pool->current = b->next;
}

void add_other_mark(struct pool *pool)
{
    struct block *b;
    for (b = pool->current; b->next; b = b->next) /* other_mark_moved */
        if (b->failed++ > 4)
            pool->first = b->next;
}

void add_skipping(struct pool *pool)
{
    struct block *b;
    for (b = pool->current; b->next; b = b->next) { /* continue_first */
        if (b->used == 0)
            continue;
        if (b->failed++ > 4)
            pool->current = b->next;
    }
}

void add_nested(struct pool *pool)
{
    struct block *b;
    for (b = pool->current; b->next; b = b->next) { /* count_nested */
        if (b->used > 0) {
            if (b->failed++ > 4)
                pool->current = b->next;
        }
    }
}

void add_not_counted(struct pool *pool)
{
    struct block *b;
    for (b = pool->current; b->next; b = b->next) /* no_count */
        if (b->failed > 4)
            pool->current = b->next;
}

void add_from_first(struct pool *pool)
{
    struct block *b;
    for (b = pool->first; b->next; b = b->next) /* from_first_moves_current */
        if (b->failed++ > 4)
            pool->current = b->next;
}
