/* spin_locks.c — a spin lock released by storing 0 into its word, as
 * nginx's `#define ngx_unlock(lock) *(lock) = 0` does (input of
 * tests/unit/test_extract_locks.c). */
typedef volatile unsigned long spin_t;
void spin_lock(spin_t *lock, int value, int spin);
void touch(int tag);

static spin_t done_lock;
static spin_t other_word;
int queued;

#define spin_unlock(lock) *(lock) = 0

void post(void)
{
    spin_lock(&done_lock, 1, 2048);
    queued++; /* under_spin */
    touch(1);
    spin_unlock(&done_lock);
    touch(2);
    spin_lock(&done_lock, 1, 2048);
    done_lock = 0;
    touch(3);
    spin_lock(&done_lock, 1, 2048);
    other_word = 0; /* another_word */
    touch(4);
    done_lock = 1; /* not_zero */
    touch(5);
}
