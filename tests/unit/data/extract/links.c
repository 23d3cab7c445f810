/* links.c — writes of link fields and loops walking up them
 * (test_extract_links.c). */
#include <netdb.h>
#include <stdlib.h>

struct options {
    struct options *parent;
    int value;
};

struct node {
    struct node *next;
    int key;
};

struct holder {
    struct options *options;
};

static struct options root;
static struct options child = { .parent = &root, .value = 1 };
static struct options orphan = { NULL, 2 };

struct options *options_create(struct options *parent)
{
    struct options *oo;

    oo = calloc(1, sizeof *oo);
    oo->parent = parent;
    return oo;
}

struct options *options_found(struct options *parent, struct options *table)
{
    struct options *oo = &table[0];
    oo->parent = parent;
    return oo;
}

void options_set_parent(struct options *oo, struct options *parent)
{
    oo->parent = parent;
}

void options_reparent(struct holder *h, struct holder *from)
{
    h->options->parent = from->options;
}

void node_push(struct node **head, struct node *n)
{
    n->next = *head;
    *head = n;
}

void node_append(struct node **head, struct node *n)
{
    struct node **pp = head;
    while (*pp != NULL)
        pp = &(*pp)->next;
    *pp = n;
}

void options_copy(struct options *to, const struct options *from)
{
    struct options copy = *from;
    *to = copy;
}

int options_get(struct options *oo)
{
    while (oo->value == 0) { /* tag_walk_body */
        oo = oo->parent;
        if (oo == NULL)
            return -1;
    }
    return oo->value;
}

int options_depth(struct options *oo)
{
    int depth = 0;
    for (; oo != NULL; oo = oo->parent) /* tag_walk_increment */
        depth++;
    while ((oo = oo->parent) != NULL) /* tag_walk_condition */
        depth++;
    return depth;
}

int options_skips(struct options *oo, struct options *start)
{
    int seen = 0;
    while (oo != NULL) { /* tag_conditional_step */
        if (oo->value)
            oo = oo->parent;
        seen++;
    }
    while (oo != NULL) { /* tag_continue */
        if (++seen > 3)
            continue;
        oo = oo->parent;
    }
    while (oo != NULL) { /* tag_restarted */
        oo = oo->parent;
        if (seen++ == 2)
            oo = start;
    }
    return seen;
}

int addresses(struct addrinfo *info)
{
    int count = 0;
    for (; info != NULL; info = info->ai_next) /* tag_system_link */
        count++;
    return count;
}
