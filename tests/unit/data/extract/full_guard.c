/* Calls made when a table is full, and fields raised by a factor
 * (extract_full_guard.c, extract_raised_limits.c). */
#include <stddef.h>

struct table {
    void **bins;
    unsigned count, size, mask;
};

static const unsigned sizes[] = { 53, 97, 193, 389 };

int grow(struct table *t);
int grow_to(struct table *t, unsigned at_least);
int other(struct table *t);
void note(unsigned n);

void doubled(struct table *t)
{
    t->size *= 2;
    t->mask = (t->mask << 1) | 1;
}

void from_sizes(struct table *t, int index)
{
    unsigned next, limit;
    next = sizes[index + 1];
    limit = next - next / 4;
    t->size = limit;
}

void sized_step(struct table *t)
{
    t->size = (t->count + 16) * sizeof(void *);
}

void stepped(struct table *t)
{
    t->size += 16;
    t->mask = t->size - 1;
}

void times_one(struct table *t)
{
    t->size *= 1;
}

void filed(struct table *t, struct table *u)
{
    if (t->count >= t->size)
        grow(t); /* full_plain */
    if (t->size <= t->count) {
        note(t->count); /* full_not_given */
        grow_to(t, t->count + 1); /* full_swapped */
    }
    if (!t->bins || t->count > t->size * 3 / 4)
        grow(t); /* full_first_allocation */
    if (t->count >= t->size && t->mask != 0)
        grow(t); /* full_and */
    if (u->count >= t->size)
        grow(t); /* two_objects */
    if (t->count >= t->size || t->mask == 0)
        grow(t); /* or_other_test */
    if (t->count >= t->size)
        ;
    else
        grow(t); /* not_full */
    if (t->count < t->size)
        grow(t); /* below_limit */
}

int filed_in_condition(struct table *t)
{
    if (t->count >= t->size && grow(t) != 0) /* full_in_condition */
        return -1;
    if (grow(t) != 0 && t->count >= t->size) /* full_test_after */
        return -1;
    return 0;
}
