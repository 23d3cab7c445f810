/* loops.c — loops of every bound class, nested loops, the loop of each
 * call, and backward gotos (input of tests/unit/test_extract_loops.c).
 * Each loop carries a tag comment the test finds it by. */
#include <stddef.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define LIMIT 4096

struct list {
    struct list *next;
};

struct buffer {
    int length;
};

size_t strlen(const char *s);
void work(int i);
int ready(void);
int start(void);
int next_value(void);
int limit(void);
int try_read(int fd);

static int table[8];

void bounds(int n, const char *s, struct list *p, struct buffer *b, const char *end)
{
    int i, m = 0;
    for (i = 0; i < 8; i++) /* small_eight */
        work(i);
    for (i = 0; i < LIMIT; i++) /* constant_limit */
        work(i);
    for (i = 0; i < n; i++) /* data_parameter */
        work(i);
    for (i = 0; i < strlen(s); i++) /* data_call */
        work(i);
    for (i = 0; b->length > i; i++) /* data_field */
        work(i);
    while (p) /* data_walk */
        p = p->next;
    while (p != NULL) /* data_walk_null */
        p = p->next;
    for (;;) /* unbounded_for */
        if (ready())
            break;
    while (1) { /* unbounded_while */
        if (ready())
            break;
    }
    do { /* do_once */
        work(0);
    } while (0);
    for (i = 1; i <= 10; i += 3) /* small_step */
        work(i);
    for (i = 100; i > 0; i--) /* constant_down */
        work(i);
    for (int j = 0; j < (int)ARRAY_SIZE(table); j++) /* small_array */
        work(j);
    for (i = n; i > 0; i--) /* data_down */
        work(i);
    while (m < 16) /* small_local */
        m++;
    for (i = 0; i < 4096 && i < n; i++) /* constant_and */
        work(i);
    for (const char *c = s; c < end; c++) /* data_pointer_range */
        work(*c);
    while ((i = next_value()) != -1) /* data_assignment */
        work(i);
}

void nested(int n)
{
    for (int i = start(); i < limit(); i++) { /* outer */
        work(1);
        while (n--) { /* middle */
            work(2);
            do { /* inner */
                work(3);
            } while (ready());
        }
    }
    work(4);
}

void retry(int fd)
{
again:
    if (try_read(fd) < 0)
        goto again; /* goto_data */
    work(5);
}

void spin(void)
{
top:
    work(6);
    goto top; /* goto_unbounded */
}

void forward(void)
{
    goto done;
done:
    work(7);
}

void around(void)
{
    int i;
repeat:
    for (i = 0; i < 2; i++) /* around_for */
        work(8);
    if (ready())
        goto repeat; /* around_goto */
}
