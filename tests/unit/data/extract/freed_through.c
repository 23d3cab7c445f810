/* freed_through.c — a parameter set to NULL after its last read is not
 * changed for the calls before (`free(p); p = NULL;`), also through a
 * local holding its address (tor's tor_free); and what `*tmp` is when
 * tmp holds an object's address (test_extract.c). */
#define NULL ((void *)0)
struct list;
void free(void *pointer);
void keep(void *pointer);
void use_list(struct list *l);

struct list {
    void **items;
};
struct vote {
    struct list *routers;
};

void list_free_(struct list *l);
#define FREE_AND_NULL(freefn, var)             \
    do {                                       \
        struct list **tmp__ = &(var);          \
        freefn(*tmp__);                        \
        *tmp__ = NULL;                         \
    } while (0)

void vote_free(struct vote *v)
{
    FREE_AND_NULL(list_free_, v->routers); /* at_field_through */
    free(v);
}

void list_free_(struct list *l)
{
    if (!l)
        return;
    free(l->items);
    struct list **tmp = &(l);
    free(*tmp); /* at_param_through */
    *tmp = NULL;
}

void cleared_after(struct list *l)
{
    free(l); /* at_cleared_after */
    l = NULL;
}

void cleared_before(struct list *l)
{
    l = NULL;
    free(l); /* at_cleared_before */
}

void read_after_clear(struct list *l)
{
    free(l); /* at_read_after_clear */
    l = NULL;
    use_list(l);
}

void cleared_in_loop(struct list *l, int n)
{
    while (n--) {
        free(l); /* at_cleared_in_loop */
        l = NULL;
    }
}

void alias_escapes(struct list *l)
{
    struct list **tmp = &l;
    keep(tmp);
    free(l); /* at_alias_escapes */
}

void set_through_alias(struct list *l, struct list *other)
{
    struct list **tmp = &l;
    *tmp = other;
    free(l); /* at_set_through_alias */
}

void set_elsewhere(struct list *l, struct list *other)
{
    free(l); /* at_set_elsewhere */
    l = other;
}
