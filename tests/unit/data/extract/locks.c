/* locks.c — locks held at calls and accesses (input of
 * tests/unit/test_extract_locks.c): each touch(N) call and each access
 * line is checked against the locks the test expects there. */
#include "locks.h"

static pthread_mutex_t table_lock;
LOCK_DEFINE(cache);
int shared;
struct conn connections[8];

void early_return(int err)
{
    pthread_mutex_lock(&table_lock);
    if (err) {
        pthread_mutex_unlock(&table_lock);
        touch(1);
        return;
    }
    shared++; /* under_table_lock */
    touch(2);
    pthread_mutex_unlock(&table_lock);
    touch(3);
}

void branch_pair(int c)
{
    if (c) {
        pthread_mutex_lock(&table_lock);
        touch(4);
        pthread_mutex_unlock(&table_lock);
    } else
        pthread_mutex_lock(&table_lock);
    touch(5);
    while (c--) {
        pthread_mutex_lock(&table_lock);
        touch(6);
    }
    touch(7);
}

void fields(struct conn *s, int i)
{
    pthread_mutex_lock(&s->mu);
    pthread_mutex_lock(&connections[i].mu);
    touch(8);
    pthread_mutex_unlock(&s->mu);
    touch(9);
    pthread_mutex_trylock(&table_lock);
    touch(10);
}

pthread_mutex_t *lookup(int key);

void macros(int x)
{
    LOCK(cache);
    touch(11);
    UNLOCK(cache);
    LOCKED_BUMP(&table_lock, shared); /* bump_in_macro */
    TAKE(&table_lock);
    touch(12);
    switch (x) {
    case 1:
        pthread_mutex_unlock(&table_lock);
        touch(13);
        break;
    case 2:
        touch(14);
        break;
    }
    touch(15);
    pthread_mutex_lock(lookup(x));
    touch(16);
}
