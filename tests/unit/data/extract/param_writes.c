/* param_writes.c — passing a global's address to a function defined here
 * is a write only when that function may write through the parameter
 * (input of tests/unit/test_extract_access.c). */
struct queue;
struct thread {
    int fd;
    struct queue *queue;
    int table[4][8];
};

void push(struct queue *q, int item);
void fill(int *out);

struct thread threads[2];
int table[4][8];
int *saved;

static int lookup(int rows[][8], int key)
{
    return rows[0][key & 7] ^ rows[1][key & 7];
}

static void notify(struct thread *t, int item)
{
    if (t && t->fd >= 0)
        push(t->queue, item);
}

static void notify_twice(struct thread *t)
{
    notify(t, 1);
    notify(t, 2);
}

static void set_fd(struct thread *t)
{
    t->fd = -1;
}

static void forward(struct thread *t)
{
    set_fd(t);
}

static void keep(int *p)
{
    saved = p;
}

static void fill_row(int rows[][8])
{
    fill(rows[1]);
}

int user(int key)
{
    notify_twice(&threads[0]);       /* read_notify */
    forward(&threads[1]);            /* write_forward */
    keep(&table[0][0]);              /* write_keep */
    fill_row(table);                 /* write_fill_row */
    fill(&threads[0].fd);            /* write_via_fill */
    return lookup(table, key);       /* read_lookup */
}

/* Definitions other TUs may call: what they do with their pointers. */
int inspect(struct thread *t, int *counter, int plain)
{
    *counter += t->fd;
    return plain;
}

void stash(int *p)
{
    saved = p;
}

/* Structs passed whole by address, and the struct types written through a
 * pointer: stats (bump), owner (a member's address converted), thread
 * (set_fd); not ops, whose tables are only read and kept. */
struct ops {
    int (*run)(int);
};
struct stats {
    long count;
};
struct owner {
    struct ops *ops;
    struct stats embedded;
};

void attach(struct ops *o);
void attach_stats(struct stats *s);
void clear(void *p);

struct ops ops_table;
struct stats stats_total;

static void bump(struct stats *s)
{
    s->count++;
}

static void clear_embedded(struct owner *w)
{
    clear(&w->embedded);
    w->ops = &ops_table;
}

void user_of_types(struct owner *w)
{
    attach(&ops_table);              /* passed_ops */
    attach_stats(&stats_total);      /* passed_stats */
    clear(&stats_total);             /* converted_stats */
    bump(w ? &w->embedded : 0);
    clear_embedded(w);
}
