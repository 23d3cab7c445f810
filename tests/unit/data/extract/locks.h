/* locks.h — a pthread-like mutex API (declared here) and a struct with a lock in it, shared by locks.c
 * and locks_other.c (inputs of tests/unit/test_extract_locks.c). */
typedef struct {
    int state;
} pthread_mutex_t;

int pthread_mutex_lock(pthread_mutex_t *m);
int pthread_mutex_unlock(pthread_mutex_t *m);
int pthread_mutex_trylock(pthread_mutex_t *m);

struct conn {
    pthread_mutex_t mu;
    int pending;
};

extern struct conn connections[8];
extern int shared;
void touch(int tag);

/* GLib's G_LOCK style: a lock named by a macro. */
#define LOCK_NAME(name) name##_lock
#define LOCK_DEFINE(name) pthread_mutex_t LOCK_NAME(name)
#define LOCK(name) pthread_mutex_lock(&LOCK_NAME(name))
#define UNLOCK(name) pthread_mutex_unlock(&LOCK_NAME(name))
/* Statements wrapped in do { } while (0). */
#define LOCKED_BUMP(m, x) do { pthread_mutex_lock(m); (x)++; pthread_mutex_unlock(m); } while (0)
#define TAKE(m) do { pthread_mutex_lock(m); } while (0)
