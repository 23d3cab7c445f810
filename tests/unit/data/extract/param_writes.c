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

/* Variable arguments: a formatter that only reads what it takes with
 * va_arg (through a va_list handed to a helper, and a local copy), one
 * that writes through it, and the C library's formatters. */
#include <stdarg.h>
#include <stdio.h>

struct text {
    unsigned long len;
    const char *data;
};

struct text level_names[3];
int parsed_total;

static unsigned long format_text_v(char *buf, const char *fmt, va_list args)
{
    unsigned long n = 0;
    while (*fmt) {
        if (*fmt++ != '%')
            continue;
        struct text *t = va_arg(args, struct text *);
        for (unsigned long i = 0; i < t->len; i++)
            buf[n++] = t->data[i];
        n += (unsigned long)(unsigned long long)va_arg(args, void *) % 2;
    }
    return n;
}

unsigned long format_text(char *buf, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    unsigned long n = format_text_v(buf, fmt, args);
    va_end(args);
    return n;
}

void scan_ints(const char *text, ...)
{
    va_list args;
    va_start(args, text);
    int *out;
    while ((out = va_arg(args, int *)) != 0)
        *out = *text++;
    va_end(args);
}

void keep_list(va_list args);

void kept_arguments(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    keep_list(args);
    va_end(args);
}

int user_of_varargs(char *buf, int level)
{
    format_text(buf, "[%]", &level_names[level]);           /* read_format */
    scan_ints("ab", &parsed_total, (int *)0);                /* write_scan */
    snprintf(buf, 8, "%d", *(&parsed_total));
    printf("%p\n", (void *)&parsed_total);                   /* read_printf */
    kept_arguments("%", &level_names[0]);                    /* write_kept */
    return 0;
}
