/* loop_pooled.c — walks handing each element back to a pool of the
 * program, and walks that do not (extract_loop_pooled.c), each loop
 * found by the comment on its line. */
#include <stddef.h>

struct chunk {
    struct chunk *next, *prev;
    unsigned class_id;
};

struct slab_class {
    struct chunk *slots;
    unsigned free_count;
};

static struct slab_class classes[4];
static struct chunk *spare;

struct owner {
    struct chunk *kept;
};

/* memcached's shape: the class found per chunk, through a local. */
void release_to_class(struct chunk *chunk)
{
    struct chunk *next;
    struct slab_class *p;
    while (chunk) { /* pushed_through_local */
        next = chunk->next;
        p = &classes[chunk->class_id];
        chunk->prev = NULL;
        chunk->next = p->slots;
        if (chunk->next)
            chunk->next->prev = chunk;
        p->slots = chunk;
        p->free_count++;
        chunk = next;
    }
}

/* Onto a global list itself. */
void release_to_spare(struct chunk *first)
{
    for (struct chunk *c = first, *n; c != NULL; c = n) { /* pushed_to_global */
        n = c->next;
        c->next = spare;
        spare = c;
    }
}

/* A list reversed into a local: the elements stay on a chain. */
struct chunk *reverse(struct chunk *c)
{
    struct chunk *reversed = NULL, *n;
    while (c) { /* reversed_locally */
        n = c->next;
        c->next = reversed;
        reversed = c;
        c = n;
    }
    return reversed;
}

/* Onto a list of an object the caller passes, not the program's. */
void hand_to_owner(struct owner *o, struct chunk *c)
{
    struct chunk *n;
    while (c) { /* pushed_to_parameter */
        n = c->next;
        c->next = o->kept;
        o->kept = c;
        c = n;
    }
}

/* Only some rounds push. */
void release_some(struct chunk *c)
{
    struct chunk *n;
    while (c) { /* pushed_conditionally */
        n = c->next;
        if (c->class_id) {
            c->next = spare;
            spare = c;
        }
        c = n;
    }
}

/* Stepped through the link it overwrites: the walk goes on into the pool. */
void walk_into_pool(struct chunk *c)
{
    while (c) { /* stepped_through_link */
        c->next = spare;
        spare = c;
        c = c->next;
    }
}
