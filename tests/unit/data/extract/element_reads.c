/* element_reads.c — field paths through elements of global arrays, and
 * addresses handed to functions of the TU that read only some fields
 * through them (input of tests/unit/test_extract_param_reads.c). */
#include <string.h>

struct queue;
struct notify {
    int event_fd;
    int send_fd;
};
struct stats {
    long hits;
    long misses;
};
struct thread {
    struct queue *queue;
    struct notify n;
    struct stats stats;
    long slots[4];
};
struct config {
    int port;
    char name[16];
};

void push(struct queue *q, int item);
long external_reader(const struct thread *t);

struct thread threads[4];
struct thread *thread_table;
struct config settings;
long sizes[8];
struct {
    struct stats per_slab[4];
} slabs;

static void wake(struct thread *t)
{
    if (t->n.event_fd >= 0)
        push(t->queue, 1);
}

static void notify(struct thread *t)
{
    if (t == NULL)
        return;
    wake(t);
}

static long slot_total(const struct thread *t)
{
    return t->slots[0] + t->slots[3];
}

static long peek_whole(struct thread *t)
{
    struct thread copy = *t;
    return copy.stats.hits;
}

static int same_thread(struct thread *t, const struct thread *other)
{
    return memcmp(t, other, sizeof *t) == 0;
}

static long next_hits(struct thread *t)
{
    return t[1].stats.hits;
}

static int port_of(struct config *c)
{
    return c->port;
}

static long misses_from(struct thread *t)
{
    long total = 0;
    for (int k = 0; k < 2; k++, t++)
        total += t->stats.misses;
    return total;
}

static int fd_of(const struct notify *n)
{
    return n->event_fd;
}

static int notify_fd(struct thread *t)
{
    return fd_of(&t->n);
}

static long compare_only(struct thread *t)
{
    return t == &threads[0];
}

long user(int i)
{
    threads[i].stats.hits++;                 /* element_field_write */
    long seen = thread_table[i].n.send_fd;   /* pointer_element_read */
    seen += sizes[i];                        /* scalar_element */
    seen += slabs.per_slab[i].misses;        /* field_element_field */
    memset(&threads[i], 0, sizeof threads[i]); /* element_address_write */
    notify(&threads[i]);                     /* reader_two_deep */
    seen += slot_total(&threads[i]);         /* const_reader */
    seen += peek_whole(&threads[i]);         /* whole_copy */
    seen += same_thread(&threads[i], 0);     /* converted */
    seen += next_hits(&threads[i]);          /* indexed_parameter */
    seen += port_of(&settings);              /* struct_address */
    seen += external_reader(&threads[i]);    /* no_body_here */
    seen += misses_from(&threads[i]);        /* moved_on */
    seen += notify_fd(&threads[i]);          /* field_address */
    seen += compare_only(&threads[i]);       /* reads_nothing */
    return seen;
}
