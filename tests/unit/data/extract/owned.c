/* What pointer parameters own (extract_owner.c, extract_loop_owner.c) and
 * which arguments of a call in a loop are the loop's element
 * (extract_loop_children.c): each loop or call is found by the comment on
 * its line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

struct chunk {
    struct chunk *next;
    int size;
};

struct item {
    struct item *next;
    int flags, nkey;
    char data[8];
};

struct list_cell {
    struct list_cell *next;
    void *data;
};

struct node {
    struct node *next;
    struct list_cell *children;
    struct node **elements;
    size_t count;
    struct item *first;
};

struct holder {
    struct holder *next;
    struct node held;
};

struct server {
    struct node *nodes;
    struct holder *holders;
};

struct node *shared_nodes;

void consume(void *p);
void walk_node(struct node *node);

#define ITEM_CHUNK(it) ((struct chunk *)((char *)&(it)->data + (it)->nkey))

int chunk_walk(struct item *it)
{
    int total = 0;
    struct chunk *chunk = ITEM_CHUNK(it), *next;
    if (it->flags)
        chunk = chunk->next;
    while (chunk) { /* owner_chunks */
        next = chunk->next;
        total += chunk->size;
        chunk = next;
    }
    return total;
}

int alias_walk(void *ptr)
{
    struct node *node = ptr;
    int total = 0;
    for (size_t i = 0; i < node->count; i++) /* owner_alias_count */
        total++;
    for (struct list_cell *cell = node->children; cell != NULL; cell = cell->next) /* owner_alias_list */
        total++;
    return total;
}

#define EACH_CHILD(var, parent) for ((var) = (parent)->children; (var) != NULL; (var) = (var)->next)

int macro_walk(struct node *node)
{
    struct list_cell *cell;
    int total = 0;
    EACH_CHILD(cell, node) /* owner_macro */
        total++;
    return total;
}

int deref_walk(struct list_cell **head)
{
    int total = 0;
    while (*head) { /* owner_deref */
        struct list_cell *next = (*head)->next;
        total++;
        *head = next;
    }
    return total;
}

int not_owned(struct node *node, struct server *server)
{
    int total = 0;
    for (struct node *n = node; n != NULL; n = n->next) /* owner_self_walk */
        total++;
    for (struct node *other = node->next; other != NULL; other = other->next) /* owner_same_type */
        total++;
    for (struct node *n = shared_nodes; n != NULL; n = n->next) /* owner_global */
        total++;
    for (struct list_cell *cell = server->nodes->children; cell != NULL; cell = cell->next) /* owner_two_deep */
        total++;
    node = node->next;
    for (size_t i = 0; i < node->count; i++) /* owner_reassigned */
        total++;
    return total;
}

/* Recursions: into a child of another type, and along the same list. */
void tree_free(struct node *node)
{
    for (size_t i = 0; i < node->count; i++)
        tree_free(node->elements[i]); /* child_element */
    while (node->children != NULL)
        tree_free(((struct node *)node->children->data)); /* child_cell */
    free(node);
}

/* A walk of a node's own cells that recurses into each (a tree's walk,
 * tmux's layout cells: a list head inside the node). */
struct tree_cell {
    struct tree_cell *next;
    struct {
        struct tree_cell *first;
    } kids;
    int flag;
};

int tree_has_flag(struct tree_cell *cell)
{
    for (struct tree_cell *child = cell->kids.first; child != NULL; child = child->next) /* owner_cells */
        if (child->flag || tree_has_flag(child)) /* child_walked */
            return 1;
    for (struct tree_cell *next = cell; next != NULL; next = next->next)
        if (tree_has_flag(next)) /* child_rest */
            return 1;
    return 0;
}

void list_free(struct node *node)
{
    if (node->next)
        list_free(node->next); /* child_sibling */
    free(node);
}

/* A cycle of functions printing one tree (tmux's cmd_list_print ->
 * cmd_print -> args_print -> args_print_value -> cmd_list_print): each
 * call hands on a child of what its caller was given, also the element
 * of a walk of an element's own values. */
struct print_list;
struct print_value {
    struct print_value *next;
    struct print_list *list;
};
struct print_entry {
    struct print_entry *next;
    struct {
        struct print_value *first;
    } values;
};
struct print_args {
    struct print_entry *entries;
    struct print_value *values;
    unsigned count;
};
struct print_cmd {
    struct print_cmd *next;
    struct print_args *args;
};
struct print_cmds {
    struct print_cmd *first;
};
struct print_list {
    struct print_cmds *cmds;
};
struct print_list *shared_list;
void print_list(struct print_list *list);
void print_value(char *buf, struct print_value *value)
{
    print_list(value->list); /* cycle_value */
    print_list(shared_list); /* cycle_shared */
    (void)buf;
}
void print_args(struct print_args *args)
{
    char buf[16];
    for (unsigned i = 0; i < args->count; i++)
        print_value(buf, &args->values[i]); /* cycle_indexed */
    for (struct print_entry *entry = args->entries; entry != NULL; entry = entry->next)
        for (struct print_value *value = entry->values.first; value != NULL; value = value->next)
            print_value(buf, value); /* cycle_nested */
}
void print_cmd(struct print_cmd *cmd)
{
    print_args(cmd->args); /* cycle_cmd */
}
void print_list(struct print_list *list)
{
    for (struct print_cmd *cmd = list->cmds->first; cmd != NULL; cmd = cmd->next)
        print_cmd(cmd); /* cycle_list */
    for (struct print_cmd *cmd = list->cmds->first; cmd != NULL; cmd = cmd->next)
        for (struct print_cmd *rest = cmd->next; rest != NULL; rest = rest->next)
            print_cmd(rest); /* cycle_rest */
}

/* Arguments: a local standing for a parameter, the address of its field. */
void pass_on(void *ptr, struct node *node)
{
    struct item *it = (struct item *)ptr;
    consume(it); /* field_alias */
    consume(&node->children); /* field_address */
    struct item *moved = ptr;
    moved = moved->next;
    consume(moved); /* field_moved */
}

/* Freed through a local holding its address, as tor's tor_free(p) does;
 * and not, the local set again. */
void elements_freed(struct item *front, struct item *other)
{
    while (front) {
        struct item *tmp = front;
        front = tmp->next;
        ({
            __typeof__(&(tmp)) at = &(tmp);
            free(*at); /* element_through_address */
            *at = NULL;
        });
        if (front)
            free(front->data); /* element_freed_under_if */
    }
    while (other) {
        struct item *tmp = other;
        other = tmp->next;
        if (tmp->flags)
            continue;
        free(tmp); /* element_freed_after_continue */
    }
    while (other) {
        struct item *tmp = other;
        other = tmp->next;
        struct item **at = &tmp;
        at = &other;
        free(*at); /* element_address_set_again */
    }
}

/* An array's slots at a counter stepped up by one. */
void elements_slots(char **args, size_t nargs)
{
    for (size_t n = 0; n < nargs; n++)
        free(args[n]); /* element_slot */
    for (size_t n = 0; n + 1 < nargs; n++)
        free(args[n + 1]); /* element_slot_shifted */
    for (size_t n = 0; n < nargs; n++)
        consume(&args[n]); /* element_slot_address */
}

/* A list drained through a pointer to its head. */
void elements_pointed(struct item **collector)
{
    while (*collector) {
        struct item *next = (*collector)->next;
        free((*collector)->data); /* element_pointed_field */
        free(*collector); /* element_pointed_head */
        *collector = next;
    }
}

/* The element of the caller's loop. */
void elements(struct server *server, struct node *array, size_t count)
{
    struct node *slot = array;
    for (size_t i = 0; i < count; i++) {
        walk_node(slot); /* element_stepped */
        slot++;
    }
    struct node *at = array;
    for (size_t i = 0; i < count; i++) {
        if (i % 2)
            at++;
        walk_node(at); /* element_conditional_step */
    }
    while (server->nodes != NULL) {
        struct node *next = server->nodes->next;
        walk_node(server->nodes); /* element_head */
        consume(&server->nodes->first); /* element_head_field */
        server->nodes = next;
    }
    for (struct node *n = server->nodes; n != NULL; n = n->next)
        walk_node(server->nodes); /* element_not_head */
    for (struct holder *h = server->holders; h != NULL; h = h->next)
        walk_node(&h->held); /* element_member_address */
    for (struct holder *h = server->holders; h != NULL; h = h->next)
        walk_node(&server->holders->held); /* element_other_member_address */
    for (struct holder *h = server->holders; h != NULL; h = h->next)
        do {
            walk_node(&h->held); /* element_in_do_once */
        } while (0);
}

/* Sizes measured by a call given the parameter (sds's `len = sdslen(s)`),
 * and a measure of a field passed on. */
size_t measure(const char *s);
struct node *next_node(struct node *node);
int scan(const char *s, size_t len);

int measured_walk(const char *s, struct node *node)
{
    int total = 0;
    size_t len = measure(s);
    while (len--) /* owner_measured */
        total++;
    for (struct node *n = next_node(node); n != NULL; n = n->next) /* owner_next_call */
        total++;
    return total;
}

int measured_field(struct item *it)
{
    return scan(it->data, measure(it->data)); /* field_measured */
}

/* Arguments of an array of pointers' element: its field, and a measure of
 * that field; a measure of something else. */
void escape_all(struct item **argv, int argc, const char *other)
{
    for (int j = 0; j < argc; j++)
        scan(argv[j]->data, measure(argv[j]->data)); /* element_measured */
    for (int j = 0; j < argc; j++)
        scan(argv[j]->data, measure(other)); /* element_other_measure */
}

/* Iterators over the parameter's own table: started by a call given the
 * table, or given the iterator's address and the table, and stepped by a
 * call given only the condition's locals (also from the address of a
 * field, `RB_MIN(tree, &k->holder)`); not one started on a global
 * table or on a local of the parameter's own type, nor a step given a
 * parameter. */
struct table;
struct table_iterator {
    void *at;
};
extern struct table *global_table;
struct table_iterator *table_iterator_new(struct table *t);
void table_rewind(struct table *t, struct table_iterator *it);
struct node *table_next(struct table_iterator *it);
struct node *table_lookup(struct table_iterator *it, struct node *key);
struct node *node_first(struct table *t);
struct node *node_first_held(struct table_iterator *holder);
struct keyed {
    struct table_iterator holder;
};
struct node *node_after(struct node *n);
void table_seek(struct table_iterator *it, const char *op, int n);

int iterated(struct table *t, struct node *key, struct keyed *k)
{
    int total = 0;
    struct node *n1, *n2, *n3, *n4, *n5, *n6, *n7, *after;
    struct table_iterator *it = table_iterator_new(t);
    while ((n1 = table_next(it)) != NULL) /* owner_iterator */
        total++;
    struct table_iterator local;
    table_rewind(t, &local);
    while ((n2 = table_next(&local)) != NULL) /* owner_iterator_address */
        total++;
    struct table_iterator sought;
    table_rewind(t, &sought);
    table_seek(&sought, "^", 0);
    while ((n6 = table_next(&sought)) != NULL) /* owner_iterator_sought */
        total++;
    table_seek(&sought, "$", 0);
    struct table_iterator elsewhere;
    table_rewind(t, &elsewhere);
    table_rewind(global_table, &elsewhere);
    while ((n7 = table_next(&elsewhere)) != NULL) /* owner_iterator_restarted */
        total++;
    for (n3 = node_first(t); n3 != NULL && ((after = node_after(n3)), 1); n3 = after) /* owner_iterator_safe */
        total++;
    struct node *held;
    for (held = node_first_held(&k->holder); held != NULL; held = node_after(held)) /* owner_iterator_field */
        total++;
    struct table_iterator *all = table_iterator_new(global_table);
    while ((n4 = table_next(all)) != NULL) /* owner_iterator_global */
        total++;
    while ((n5 = table_lookup(it, key)) != NULL) /* owner_iterator_parameter */
        total++;
    return total;
}

/* A formatter: each directive takes its own arguments from the list. */
struct text {
    const char *data;
    size_t len;
};

int format_text(const char *format, ...)
{
    va_list args;
    const struct text *v;
    size_t width = 0, height = 0;
    int total = 0;
    va_start(args, format);
    for (const char *f = format; *f; f++) {
        if (*f == 'V') {
            v = va_arg(args, const struct text *);
            total += scan(v->data, v->len); /* element_vararg_fields */
        } else if (*f == 's') {
            const char *s = va_arg(args, const char *);
            total += scan(s, measure(s)); /* element_vararg_local */
        } else if (*f == 'n') {
            total += scan(va_arg(args, const char *), 4); /* element_vararg_direct */
        } else if (*f == '*' || *f == 'S') {
            width = 0;
            if (*f == '*')
                width = va_arg(args, size_t);
            total += scan(format, width); /* element_vararg_or_constant */
        } else if (*f == 'w') {
            height = 8;
            total += scan(format, height); /* element_vararg_none */
        }
    }
    va_end(args);
    return total;
}

/* Slots picked by an index parameter, and another index every round. */
struct slot_value {
    char *text;
};
struct slot_args {
    struct slot_value *values;
    unsigned count;
};
void slot_use(void *p);
void slot_pick(struct slot_args *args, unsigned idx, int shift)
{
    slot_use(&args->values[idx]); /* pick_address */
    slot_use(args->values[idx].text); /* pick_field */
    slot_use(&args->values[idx + 1]); /* pick_offset */
    slot_use(&args->values[shift]); /* pick_changed */
    shift++;
    struct slot_value *held = &args->values[idx], *moved = &args->values[idx];
    slot_use(held->text); /* pick_local */
    moved = &args->values[0];
    slot_use(moved->text); /* pick_local_moved */
}
void slot_rounds(struct slot_args *args, unsigned n)
{
    unsigned i = 0, j;
    for (j = 0; j < n; j++)
        slot_pick(args, j, 0); /* pick_counter */
    for (;;) {
        if (i == n)
            break;
        slot_pick(args, i++, 0); /* pick_stepped */
    }
    for (j = 0; j < n; j += 2)
        slot_pick(args, j, 0); /* pick_skipping */
    for (j = 0; j < n; j++)
        if (j % 2)
            slot_pick(args, j, 0); /* pick_some_rounds */
}

/* A tokenizing loop: each round hands on the token it then moves past. */
void tokens(const char *line, size_t len)
{
    const char *cur = line, *end = line + len;
    size_t tlen = len;
    while (tlen != 0) {
        scan(cur, tlen); /* element_token */
        cur += tlen;
        tlen = (size_t)(end - cur) > 8 ? 8 : (size_t)(end - cur);
    }
    cur = line;
    tlen = len;
    while (tlen != 0) {
        scan(cur, tlen); /* element_token_reset */
        cur = line;
        cur += tlen;
        tlen--;
    }
    tlen = len;
    while (tlen != 0) {
        scan(line, tlen); /* element_token_not_moved */
        cur += tlen;
        tlen--;
    }
}
