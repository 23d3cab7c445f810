/* helper_locks.c — addresses handed to helpers that lock around their
 * writes and reads, or not (input of tests/unit/test_extract_helper_locks.c). */
#include "locks.h"

static pthread_mutex_t counter_lock;
static pthread_mutex_t other_lock;
int hits, relayed, late, kept_counter, split, spelt, both, peeked, checked;
int table[8];
int *kept;

static void bump(int *n)
{
    pthread_mutex_lock(&counter_lock);
    ++*n;
    pthread_mutex_unlock(&counter_lock);
}

static void relay(int *n)
{
    int *copy = n;
    bump(copy);
}

static void bump_late(int *n)
{
    pthread_mutex_lock(&counter_lock);
    int sum = *n + 1;
    pthread_mutex_unlock(&counter_lock);
    *n = sum;
}

static void keep(int *n)
{
    pthread_mutex_lock(&counter_lock);
    kept = n;
    *n = 0;
    pthread_mutex_unlock(&counter_lock);
}

static void bump_once_locked(int *n)
{
    pthread_mutex_lock(&counter_lock);
    (*n)++;
    pthread_mutex_unlock(&counter_lock);
    (*n)++;
}

static void bump_with(pthread_mutex_t *m, int *n)
{
    pthread_mutex_lock(m);
    ++*n;
    pthread_mutex_unlock(m);
}

static void queue_pending(struct conn *c)
{
    pthread_mutex_lock(&c->mu);
    c->pending++;
    pthread_mutex_unlock(&c->mu);
}

static int peek(const int *n)
{
    pthread_mutex_lock(&counter_lock);
    int value = *n;
    pthread_mutex_unlock(&counter_lock);
    return value;
}

static int peek_checked(const int *n)
{
    if (!n)
        return 0;
    return peek(n);
}

static int sum_table(const int *rows)
{
    int sum = 0;
    pthread_mutex_lock(&counter_lock);
    for (int i = 0; i < 8; i++)
        sum += rows[i];
    pthread_mutex_unlock(&counter_lock);
    return sum;
}

int readers(void)
{
    return peek(&peeked)          /* guard_read */
           + peek_checked(&checked) /* guard_read_tested */
           + sum_table(table);    /* guard_read_array */
}

void callers(void)
{
    bump(&hits);                    /* guard_direct */
    relay(&relayed);                /* guard_relayed */
    bump_late(&late);               /* guard_late */
    keep(&kept_counter);            /* guard_kept */
    bump_once_locked(&split);       /* guard_split */
    bump_with(&other_lock, &spelt); /* guard_spelt */
    queue_pending(&connections[1]); /* guard_field */
    pthread_mutex_lock(&other_lock);
    bump(&both);                    /* guard_union */
    pthread_mutex_unlock(&other_lock);
}

/* Callable from other TUs: their helper locks are facts. */
void add_exported(int *n)
{
    pthread_mutex_lock(&counter_lock);
    *n += 2;
    pthread_mutex_unlock(&counter_lock);
}

int peek_exported(int *n)
{
    pthread_mutex_lock(&counter_lock);
    int value = *n;
    pthread_mutex_unlock(&counter_lock);
    return value;
}

void add_exported_late(int *n, const int *amount)
{
    pthread_mutex_lock(&counter_lock);
    int sum = *n + *amount;
    pthread_mutex_unlock(&counter_lock);
    *n = sum;
}
