/* locks_striped.c — striped locks (input of
 * tests/unit/test_extract_locks.c): an element of an array of locks,
 * directly and through a local pointer, and data through an element and a
 * scalar under it. */
#include "locks.h"

static pthread_mutex_t stripes[4];
long stripe_counts[4];
long stripe_total;

void striped(unsigned k)
{
    pthread_mutex_t *lock = &stripes[k % 4];
    pthread_mutex_lock(&stripes[k % 4]);
    touch(17);
    stripe_counts[k % 4]++; /* indexed_write */
    stripe_total++; /* scalar_write */
    pthread_mutex_unlock(&stripes[k % 4]);
    pthread_mutex_lock(lock);
    touch(18);
    pthread_mutex_unlock(lock);
}
