/* drained.c — loops draining a count (extract_loop_count.c): from the end,
 * the element taken at the count; by a call given the count's owner and
 * the head the body took; counted down while a call takes each round's
 * item out of the owner. */
struct op {
    int argc;
};

struct op_array {
    struct op *ops;
    int numops;
};

/* A count drained from the end: the element is taken at the count. */
int drained(struct op_array *oa)
{
    int count = 0;
    while (oa->numops) {
        oa->numops--;
        struct op *op = oa->ops + oa->numops;
        for (int i = 0; i < op->argc; i++) /* drained_args */
            count++;
    }
    while (oa->numops > 0) {
        struct op *first = oa->ops;
        for (int i = 0; i < first->argc; i++) /* drained_first */
            count++;
        oa->numops--;
    }
    return count;
}

/* A count a call drains: the body takes the head and gives it to the call
 * that removes it, so each round is at another node; not when the call
 * is not given the node (the head may stay). */
struct op_node {
    struct op_node *next;
    int argc;
};

struct op_list {
    struct op_node *head;
    unsigned long len;
};

void op_list_remove(struct op_list *l, struct op_node *n);
void op_list_rotate(struct op_list *l);
void op_node_release(struct op_node *n);

int drained_by_call(struct op_list *l)
{
    int count = 0;
    while (l->len) {
        struct op_node *n = l->head;
        for (int i = 0; i < n->argc; i++) /* call_drained_args */
            count++;
        op_list_remove(l, n);
    }
    while (l->len != 0) {
        struct op_node *n = l->head;
        for (int i = 0; i < n->argc; i++) /* call_drained_kept */
            count++;
        op_list_rotate(l);
        op_node_release(n);
    }
    return count;
}

/* A count counted down while a call takes each round's item out of the
 * count's owner (through its address, or as its result); not an item
 * taken from elsewhere. */
struct reply_source {
    int pending;
    void *context;
};

int reply_read(void *context, struct op_node **out);
struct op_node *reply_pop(struct reply_source *source);
struct op_node *op_list_peek(struct op_list *l);

int drained_replies(struct reply_source *source, struct op_list *other)
{
    int count = 0;
    struct op_node *reply;
    while (source->pending) {
        reply_read(source->context, &reply);
        for (int i = 0; i < reply->argc; i++) /* taken_through_address */
            count++;
        source->pending--;
    }
    while (source->pending > 0) {
        struct op_node *popped = reply_pop(source);
        for (int i = 0; i < popped->argc; i++) /* taken_popped */
            count++;
        source->pending--;
    }
    while (source->pending != 0) {
        struct op_node *elsewhere = op_list_peek(other);
        for (int i = 0; i < elsewhere->argc; i++) /* taken_elsewhere */
            count++;
        source->pending--;
    }
    return count;
}
