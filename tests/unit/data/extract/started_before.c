/* Inner walkers started by the outer body before their loop (extract_loop_children.c). */
#include <stddef.h>

struct handle {
    struct handle *next;
    unsigned hashv;
};
struct bucket {
    struct handle *head;
};
struct table {
    struct bucket *buckets;
    unsigned count;
};
struct property {
    struct property *next;
    int id;
};

void keep(struct handle **p);

unsigned started(struct table *t, struct handle *other)
{
    unsigned s = 0;
    struct handle *p, *next;
    for (unsigned i = 0; i < t->count; i++) {
        p = t->buckets[i].head;
        while (p != NULL) { /* before_chain */
            next = p->next;
            s += p->hashv;
            p = next;
        }
    }
    for (unsigned i = 0; i < t->count; i++) {
        struct handle *q = t->buckets[i].head;
        while (q != NULL) { /* before_declared */
            s += q->hashv;
            q = q->next;
        }
    }
    for (unsigned i = 0; i < t->count; i++) {
        p = t->buckets[0].head;
        while (p != NULL) { /* before_same_bucket */
            s += p->hashv;
            p = p->next;
        }
    }
    for (unsigned i = 0; i < t->count; i++) {
        p = t->buckets[i].head;
        while (p != NULL) { /* before_restarted */
            s += p->hashv;
            p = p->next;
            if (p == NULL && s < 10)
                p = other;
        }
    }
    for (unsigned i = 0; i < t->count; i++) {
        p = t->buckets[i].head;
        keep(&p);
        while (p != NULL) { /* before_address_taken */
            s += p->hashv;
            p = p->next;
        }
    }
    return s;
}

int duplicates(const struct property *properties)
{
    const struct property *p, *tail;
    for (p = properties; p != NULL; p = p->next)
        for (tail = p->next; tail != NULL; tail = tail->next) /* rest_for */
            if (p->id == tail->id)
                return 1;
    p = properties;
    while (p != NULL) {
        tail = p->next;
        while (tail != NULL) { /* rest_while */
            if (p->id == tail->id)
                return 1;
            tail = tail->next;
        }
        p = p->next;
    }
    return 0;
}

/* A rehash written as a macro, as uthash's HASH_EXPAND_BUCKETS is: every
 * node of the expansion has the extent of the macro's use. */
#define REHASH(tbl, fresh, sum)                                    \
    do {                                                           \
        struct handle *walker_, *next_;                            \
        for (unsigned b_ = 0; b_ < (tbl)->count; b_++) {           \
            walker_ = (tbl)->buckets[b_].head;                     \
            while (walker_ != NULL) {                              \
                next_ = walker_->next;                             \
                walker_->next = (fresh)[walker_->hashv % 2].head;  \
                (fresh)[walker_->hashv % 2].head = walker_;        \
                (sum)++;                                           \
                walker_ = next_;                                   \
            }                                                      \
        }                                                          \
    } while (0)

unsigned rehashed(struct table *t, struct bucket *fresh)
{
    unsigned sum = 0;
    REHASH(t, fresh, sum); /* macro_rehash */
    return sum;
}

/* A count the outer body takes from a measure of its slot (`strlen(keys[i])`,
 * uthash's key hash over each key), counted down inside. */
unsigned long length_of(const char *key);

unsigned long hashed(char **keys, unsigned n)
{
    unsigned long h = 0;
    for (unsigned i = 0; i < n; i++) {
        unsigned long k = length_of(keys[i]);
        while (k >= 4) { /* slot_measured */
            h += k;
            k -= 4;
        }
    }
    for (unsigned i = 0; i < n; i++) {
        unsigned long k = length_of(keys[0]);
        while (k >= 4) { /* first_measured */
            h += k;
            k -= 4;
        }
    }
    return h;
}

/* GLib-style lists of records that own lists of their own: the node's
 * record is of another type than the node, so its list is its own. */
struct slist {
    void *data;
    struct slist *next;
};
struct module {
    struct slist *callbacks;
    struct slist *link;   /* a list node of its own */
};

int held_lists(struct slist *modules, int wanted)
{
    int found = 0;
    for (struct slist *tmp = modules; tmp != NULL; tmp = tmp->next) {
        struct module *rec = tmp->data;
        for (struct slist *cb = rec->callbacks; cb != NULL; cb = cb->next) /* record_owned_list */
            found += cb->data == (void *)&wanted;
        for (struct slist *rest = tmp->next; rest != NULL; rest = rest->next) /* rest_of_modules */
            found += rest->data == tmp->data;
    }
    return found;
}
