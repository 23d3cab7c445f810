/* loop_copy_steps.c — walkers moved on through a local copy
 * (extract_loop_copy_steps.c): each loop found by the comment on its line. */
#include <stddef.h>

struct node {
    struct node *next;
    unsigned hash;
};

void use(struct node *n);

/* A rehash: each bucket's chain, saved next, walked once per bucket. */
void rehash(struct node **table, unsigned size, struct node **into, unsigned into_size)
{
    for (unsigned i = 0; i < size; i++) {
        struct node *p = table[i];
        while (p) { /* saved_next */
            struct node *next = p->next;
            p->next = into[p->hash % into_size];
            into[p->hash % into_size] = p;
            p = next;
        }
    }
}

/* The copy assigned in the loop, declared in it without a value. */
void free_buckets(struct node **table, unsigned size)
{
    for (unsigned i = 0; i < size; i++) {
        struct node *p = table[i];
        while (p != NULL) { /* assigned_next */
            struct node *next;
            next = p->next;
            use(p);
            p = next;
        }
    }
}

/* Near miss: the copy comes from another list, not from the walker. */
void cross(struct node **table, unsigned size, struct node *all)
{
    for (unsigned i = 0; i < size; i++) {
        struct node *p = table[i];
        while (p) { /* other_copy */
            struct node *other = all;
            use(p);
            p = other;
        }
    }
}

/* Near miss: the copy is declared outside the loop, so its first value
 * is not the walker's. */
void outside(struct node **table, unsigned size, struct node *start)
{
    struct node *saved = start;
    for (unsigned i = 0; i < size; i++) {
        struct node *p = table[i];
        while (p) { /* outside_copy */
            use(p);
            p = saved;
            saved = p->next;
        }
    }
}
