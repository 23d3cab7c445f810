/* Calls made when a pool's count is 0, and the fields functions count up
 * (extract_empty_guard.c, extract_counted_fields.c). */
#include <stddef.h>

struct pool {
    void *free;
    unsigned free_count, made;
    int state;
};

static struct pool pools[4];

void refill(unsigned id);
void note(unsigned n);
void other(void);

void took(unsigned id, int flags)
{
    struct pool *p = &pools[id];
    if (p->free_count == 0 && flags != 1)
        refill(id); /* empty_and */
    if (!p->free_count) {
        note(p->made); /* empty_not */
        refill(id); /* empty_not_second */
    }
    if (0 == p->free_count)
        refill(id); /* empty_swapped */
    if (p->free_count < 1)
        refill(id); /* empty_below_one */
    if (p->free_count <= 0)
        refill(id); /* empty_at_most_zero */
    if (p->free_count < 8)
        refill(id); /* low_water */
    if (p->free_count == 0)
        other();
    else
        refill(id); /* else_branch */
    if (p->free_count != 0)
        refill(id); /* not_empty */
    if (p->free_count == 0 || flags)
        refill(id); /* empty_or */
    if (p->free == NULL)
        refill(id); /* pointer_null */
}

void counted_outside(struct pool *p)
{
    p->free_count++;
    ++p->made;
}

void counted_in_loop(struct pool *p, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        p->free_count += 1;
    p->state = 1;
    p->made--;
}

#define COUNT_UP(p) do { (p)->free_count++; } while (0)

void counted_in_macro(struct pool *p)
{
    COUNT_UP(p);
}

void counted_global(void)
{
    pools[0].made++;   /* no pointer */
}
