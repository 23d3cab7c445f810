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

/* The copy declared in the loop over the buckets, set first in the inner
 * body, the walker set in a statement (tor's ht.h rehash). */
void rehash_copy_outside(struct node **table, unsigned size, struct node **into, unsigned into_size)
{
    for (unsigned b = 0; b < size; ++b) {
        struct node *elm, *next;
        elm = table[b];
        while (elm) { /* declared_before */
            next = elm->next;
            elm->next = into[elm->hash % into_size];
            into[elm->hash % into_size] = elm;
            elm = next;
        }
    }
}

/* Near miss: declared before the loop, but the step comes before the
 * copy is set in the round. */
void step_first(struct node **table, unsigned size)
{
    for (unsigned b = 0; b < size; ++b) {
        struct node *elm, *next;
        elm = table[b];
        next = elm;
        while (elm) { /* step_before_set */
            elm = next;
            use(elm);
            next = elm->next;
        }
    }
}

/* A merge of two sorted arrays written by a macro (tor's
 * SMARTLIST_FOREACH_JOIN): the inner loop moves on an index declared
 * before the outer loop and never set afresh; every offset inside the
 * expansion is the macro's, so where the index is declared comes from
 * the tree. */
#define MERGE_JOIN(a, na, b, nb, matches)                  \
    do {                                                   \
        unsigned a_index = 0;                              \
        for (unsigned b_index = 0; b_index < (nb); b_index++) { \
            while (a_index < (na)) { /* merge_join */      \
                if ((a)[a_index] > (b)[b_index])           \
                    break;                                 \
                (matches) += (a)[a_index] == (b)[b_index]; \
                a_index++;                                 \
            }                                              \
        }                                                  \
    } while (0)

unsigned merge(const unsigned *a, unsigned na, const unsigned *b, unsigned nb)
{
    unsigned matches = 0;
    MERGE_JOIN(a, na, b, nb, matches);
    return matches;
}

/* The walk of each bucket through a pointer to the link, moved on in a
 * branch through a copy set at the top of the body (tor's
 * HT_FOREACH_FN): the other branch unlinks the entry instead. */
void remove_matching(struct node **table, unsigned size, unsigned hash)
{
    struct node **p, **nextp;
    for (unsigned idx = 0; idx < size; ++idx) {
        p = &table[idx];
        while (*p) { /* branch_step */
            nextp = &(*p)->next;
            if ((*p)->hash == hash)
                *p = *nextp;
            else
                p = nextp;
        }
    }
}
