/* loop_capped.c — loops over collections a static variable keeps under a
 * cap (extract_loop_capped.c), found by the comment on their line. */
#include <stddef.h>
#include <stdlib.h>

#include "loop_capped.h"

#define POOL_MAX 64
#define HANDLERS_MAX 16

struct node {
    struct node *next;
    size_t size;
};

typedef void handler_fn(void);

/* A sorted pool: inserted through the head's address under the cap. */
static struct node *pool;
static int pool_n;

void pool_put(struct node *n)
{
    if (pool_n < POOL_MAX && n->size > 0) {
        ++pool_n;
        struct node **at = &pool;
        while (*at && n->size < (*at)->size) /* pool_walk */
            at = &(*at)->next;
        n->next = *at;
        *at = n;
    } else {
        free(n);
    }
}

struct node *pool_get(void)
{
    struct node *n = pool;
    if (n) {
        pool = n->next;
        --pool_n;
    }
    return n;
}

void pool_clear(void)
{
    while (pool) {
        struct node *next = pool->next;
        free(pool);
        pool = next;
    }
    pool_n = 0;
}

/* A count of handlers, each added only below the cap. */
static handler_fn *handlers[HANDLERS_MAX];
static int handler_count;

int handler_add(handler_fn *h)
{
    if (handler_count >= HANDLERS_MAX)
        return -1;
    handlers[handler_count++] = h;
    return 0;
}

void handlers_run(void)
{
    for (int i = 0; i < handler_count; i++) /* handlers_walk */
        handlers[i]();
}

/* Pushed at the head with no cap. */
static struct node *spares;

void spare_keep(struct node *n)
{
    n->next = spares;
    spares = n;
}

size_t spares_total(void)
{
    size_t total = 0;
    for (struct node *n = spares; n; n = n->next) /* spares_walk */
        total += n->size;
    return total;
}

/* Two pushes for one increase. */
static struct node *twice;
static int twice_n;

void twice_put(struct node *a, struct node *b)
{
    if (twice_n < 8) {
        twice_n++;
        a->next = twice;
        twice = a;
        b->next = twice;
        twice = b;
    }
}

size_t twice_total(void)
{
    size_t total = 0;
    for (struct node *n = twice; n; n = n->next) /* twice_walk */
        total += n->size;
    return total;
}

/* The count reset while the list is kept. */
static struct node *kept;
static int kept_n;

void kept_put(struct node *n)
{
    if (kept_n < 8) {
        kept_n++;
        n->next = kept;
        kept = n;
    }
}

void kept_forget(void)
{
    kept_n = 0;
}

size_t kept_total(void)
{
    size_t total = 0;
    for (struct node *n = kept; n; n = n->next) /* kept_walk */
        total += n->size;
    return total;
}

/* A count set from outside. */
static int slots;

void slots_set(int n)
{
    slots = n;
}

int slots_sum(const int *values)
{
    int sum = 0;
    for (int i = 0; i < slots; i++) /* slots_walk */
        sum += values[i];
    return sum;
}

/* Capped here, but the header's inline function pushes with no cap. */
void hpool_put(struct hnode *n)
{
    if (hpool_n < 8) {
        hpool_n++;
        n->next = hpool;
        hpool = n;
    }
}

int hpool_total(void)
{
    int total = 0;
    for (struct hnode *n = hpool; n; n = n->next) /* hpool_walk */
        total += n->size;
    return total;
}
