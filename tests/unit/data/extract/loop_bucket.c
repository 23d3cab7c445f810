/* loop_bucket.c — probes of one hash bucket (extract_loop_bucket.c), and
 * near misses: each loop found by the comment on its line. */
#include <stddef.h>

struct entry {
    struct entry *next;
    unsigned key;
};

struct table {
    struct entry **buckets;
    unsigned size, mask;
    unsigned char exp;
};

struct entry *next_of(struct entry *he);

/* A bucket at `hash & mask`, walked along its chain. */
struct entry *find_masked(struct table *t, unsigned hash, unsigned key)
{
    struct entry *he = t->buckets[hash & t->mask];
    while (he) { /* loop: masked */
        if (he->key == key)
            return he;
        he = he->next;
    }
    return NULL;
}

/* The index in a local set twice, the walker moved on by a call, the
 * table's size a shift (redis's dict). */
struct entry *find_index_local(struct table *t, unsigned hash, unsigned key)
{
    unsigned idx = hash & ((1u << t->exp) - 1);
    struct entry *he;
    if (key == 0)
        idx = hash & t->mask;
    he = t->buckets[idx];
    while (he != NULL) { /* loop: index_local */
        if (he->key == key)
            return he;
        he = next_of(he);
    }
    return NULL;
}

/* A pointer to the link, from `&t[h % size]` (tor's HT_FIND_P_). */
struct entry **find_link(struct table *t, unsigned hash, unsigned key)
{
    struct entry **p = &t->buckets[hash % t->size];
    while (*p) { /* loop: link */
        if ((*p)->key == key)
            return p;
        p = &(*p)->next;
    }
    return p;
}

/* The walker started in the for's init, with a second test. */
unsigned count_in_bucket(struct table *t, unsigned hash, unsigned limit)
{
    unsigned n = 0;
    for (struct entry *he = t->buckets[hash % t->size]; he && n < limit; he = he->next) /* loop: for_init */
        n++;
    return n;
}

/* Near miss: a table of a constant size, whose chains grow. */
struct entry *find_fixed(struct entry **fixed, unsigned hash, unsigned key)
{
    for (struct entry *he = fixed[hash % 16]; he; he = he->next) /* loop: constant_size */
        if (he->key == key)
            return he;
    return NULL;
}

/* Near miss: an index not reduced to the size (a counter). */
unsigned count_from(struct table *t, unsigned i)
{
    unsigned n = 0;
    for (struct entry *he = t->buckets[i]; he; he = he->next) /* loop: not_hashed */
        n++;
    return n;
}

/* Near miss: the walker also starts at a list's head. */
struct entry *find_or_scan(struct table *t, struct entry *all, unsigned hash, unsigned key)
{
    struct entry *he = t->buckets[hash % t->size];
    if (key == 0)
        he = all;
    while (he) { /* loop: list_start */
        if (he->key == key)
            return he;
        he = he->next;
    }
    return NULL;
}

/* Near miss: the walk restarts inside the loop. */
unsigned rescan(struct table *t, unsigned hash, unsigned key)
{
    unsigned n = 0;
    struct entry *he = t->buckets[hash % t->size];
    while (he) { /* loop: restarted */
        n++;
        he = he->key == key ? t->buckets[(hash + n) % t->size] : he->next;
    }
    return n;
}

/* A rehash in place through a pointer to the link (tor's ht.h): each
 * round of the loop over the buckets walks that bucket's chain. */
void rehash_in_place(struct entry **table, unsigned size, unsigned new_size)
{
    for (unsigned b = 0; b < size; ++b) {
        struct entry *e, **link;
        for (link = &table[b], e = *link; e != NULL; e = *link) { /* loop: link_pointer */
            unsigned b2 = e->key % new_size;
            if (b2 == b) {
                link = &e->next;
            } else {
                *link = e->next;
                e->next = table[b2];
                table[b2] = e;
            }
        }
    }
}

/* Near miss: the link pointer goes back to the first bucket in the loop. */
void rehash_restarting(struct entry **table, unsigned size, unsigned new_size)
{
    for (unsigned b = 0; b < size; ++b) {
        struct entry *e, **link;
        for (link = &table[b], e = *link; e != NULL; e = *link) { /* loop: link_restarted */
            if (e->key % new_size == b)
                link = &e->next;
            else
                link = &table[0];
        }
    }
}

/* Buckets held by value, their chain's head a field (uthash's
 * `buckets[bkt].hh_head`), and the record found from its link by the
 * link's offset (`ELMT_FROM_HH`); NULL ends a walk anywhere. */
struct link {
    struct link *next;
    unsigned hashv;
};
struct head_bucket {
    struct link *head;
};
struct link_table {
    struct head_bucket *buckets;
    unsigned count;
    long offset;
};
struct keyed {
    int key;
    struct link link;
};

struct link *probe_field(struct link_table *t, unsigned hashv)
{
    unsigned bucket = hashv & (t->count - 1U);
    struct link *l = t->buckets[bucket].head;
    while (l != NULL) { /* loop: bucket_field */
        if (l->hashv == hashv)
            break;
        l = l->next;
    }
    return l;
}

struct keyed *probe_container(struct link_table *t, unsigned hashv, int key)
{
    struct keyed *out;
    unsigned bucket = hashv & (t->count - 1U);
    if (t->buckets[bucket].head != NULL)
        out = (struct keyed *)(void *)((char *)t->buckets[bucket].head - t->offset);
    else
        out = NULL;
    while (out != NULL) { /* loop: bucket_container */
        if (out->key == key)
            break;
        if (out->link.next != NULL)
            out = (struct keyed *)(void *)((char *)out->link.next - t->offset);
        else
            out = NULL;
    }
    return out;
}

/* Near miss: the first bucket's chain, whatever the hash. */
struct link *probe_first_field(struct link_table *t, unsigned hashv)
{
    struct link *l = t->buckets[0].head;
    while (l != NULL && l->hashv != hashv) /* loop: bucket_field_unhashed */
        l = l->next;
    return l;
}
