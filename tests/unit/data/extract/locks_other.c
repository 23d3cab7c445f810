/* locks_other.c — a second TU locking the same struct field as locks.c
 * (input of tests/unit/test_extract_locks.c). */
#include "locks.h"

void other(struct conn *c)
{
    pthread_mutex_lock(&c->mu);
    touch(20);
    pthread_mutex_unlock(&c->mu);
}
