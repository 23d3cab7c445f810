/* loop_descent.c — loops descending a tree through the array of child
 * links a node holds (extract_loop_descent.c): each loop found by the
 * comment on its line. */
#include <stddef.h>
#include <string.h>

struct node {
    struct node *next;
    unsigned size;
    unsigned char bytes[16];
    struct node *child[2];
    struct node **kids;
    struct { struct node *next, **prev; } entry;   /* a tail queue's links */
};

struct node_head {
    struct node *first, **last;
};

struct cursor {
    struct node *node;
    size_t depth;
};

struct node **children_of(struct node *n);
void use(unsigned char byte);

/* Through a field of the cursor, copied out of the node's pointer array. */
void seek_last(struct cursor *it)
{
    while (it->node->size) { /* field_memcpy */
        struct node **cp = children_of(it->node) + it->node->size - 1;
        memcpy(&it->node, cp, sizeof it->node);
        it->depth++;
    }
}

/* The same with a scan of the node's own bytes inside. */
void seek_byte(struct cursor *it, unsigned char byte)
{
    while (it->node->size) { /* field_scan_outer */
        unsigned j = 0;
        while (j + 1 < it->node->size && it->node->bytes[j] < byte) /* field_scan_inner */
            j++;
        memcpy(&it->node, children_of(it->node) + j, sizeof it->node);
    }
}

/* Through a local: `*cp`, an array field's element. */
size_t first_depth(struct node *n)
{
    size_t depth = 0;
    while (n->size) { /* local_deref */
        struct node **cp = children_of(n);
        n = *cp;
        depth++;
    }
    return depth;
}

size_t leftmost(struct node *n, int dir)
{
    size_t depth = 0;
    while (n) { /* array_field */
        n = n->child[dir];
        depth++;
    }
    return depth;
}

size_t kid_depth(struct node *n, unsigned i)
{
    size_t depth = 0;
    while (n->size > 1) { /* kids_array */
        n = n->kids[i];
        depth++;
    }
    return depth;
}

/* Near misses: one named link is a list (also a tail queue walked
 * backwards through a pointer to the previous link); a pointer array from elsewhere;
 * a walker the condition does not read. */
size_t list_length(struct node *n)
{
    size_t length = 0;
    while (n) { /* named_link */
        memcpy(&n, &n->next, sizeof n);
        length++;
    }
    return length;
}

size_t backwards(struct node *n)
{
    size_t length = 0;
    while (n) { /* tail_queue_back */
        n = *(((struct node_head *)n->entry.prev)->last);
        length++;
    }
    return length;
}

size_t backwards_local(struct node *n)
{
    size_t length = 0;
    while (n) { /* tail_queue_local */
        struct node **pp = n->entry.prev;
        n = *pp;
        length++;
    }
    return length;
}

size_t foreign_links(struct node *n, struct node **table)
{
    size_t steps = 0;
    while (n->size) { /* other_table */
        n = table[steps];
        steps++;
    }
    return steps;
}

/* A count in the condition besides the walker: not the height alone. */
size_t random_walk(struct node *n, size_t steps)
{
    size_t taken = 0;
    while (steps > 0 || n->size) { /* counted_too */
        n = *children_of(n);
        if (steps > 0)
            steps--;
        taken++;
    }
    return taken;
}

void not_the_condition(struct cursor *it, size_t count)
{
    for (size_t i = 0; i < count; i++) /* unread_walker */
        memcpy(&it->node, children_of(it->node), sizeof it->node);
}

/* A scan inside a descent that moves the walker itself is no scan of one node. */
void scan_moves(struct cursor *it)
{
    while (it->node->size) { /* moving_outer */
        while (it->node->size > 1) /* moving_inner */
            memcpy(&it->node, children_of(it->node) + 1, sizeof it->node);
        memcpy(&it->node, children_of(it->node), sizeof it->node);
    }
}

/* An iterator's step: up through a stack, down to a child, in a `while
 * (1)`; the scan of the node it is at is that node's own bytes. */
struct node *pop(struct cursor *it);

int next_step(struct cursor *it, unsigned char prev)
{
    while (1) { /* iterator_step */
        it->node = pop(it);
        unsigned i = 0;
        while (i < it->node->size) { /* iterator_scan */
            if (it->node->bytes[i] > prev)
                break;
            i++;
        }
        if (i != it->node->size) {
            memcpy(&it->node, children_of(it->node) + i, sizeof it->node);
            return 1;
        }
    }
}

/* The same backwards, from a counter the step sets from the node's size. */
int prev_step(struct cursor *it, unsigned char next)
{
    while (1) { /* iterator_back */
        it->node = pop(it);
        int i = (int)it->node->size - 1;
        while (i >= 0) { /* iterator_back_scan */
            if (it->node->bytes[i] < next)
                break;
            i--;
        }
        if (i != -1) {
            memcpy(&it->node, children_of(it->node) + i, sizeof it->node);
            return 1;
        }
    }
}
