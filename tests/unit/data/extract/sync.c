/* sync.c — synchronisation objects are no data (input of
 * tests/unit/test_extract_locks.c): with `sync-type` names for the mutex
 * and the condition variable, only the pending count is accessed. */
#include "locks.h"

typedef struct {
    int waiters;
} pthread_cond_t;
typedef pthread_cond_t ready_cond_t;

int pthread_cond_signal(pthread_cond_t *c);
void hand_on(pthread_mutex_t *m);

static pthread_mutex_t sync_lock;
static ready_cond_t ready[2];

void signal_ready(void)
{
    pthread_cond_signal(&ready[1]);
    hand_on(&connections[0].mu);
    hand_on(&sync_lock);
    connections[1].pending++; /* counter */
}
