/* Spin locks' acquisitions and loops that only look like them
 * (extract_loop_spin.c): each loop is found by the comment on its line. */
void pause_cpu(void);
void yield_cpu(void);
int work_left(void);

void claim_with_backoff(volatile int *lock)
{
    for (;;) { /* spin_backoff */
        if (*lock == 0 && __sync_bool_compare_and_swap(lock, 0, 1))
            return;
        for (unsigned n = 1; n < 2048; n <<= 1) {
            for (unsigned i = 0; i < n; i++)
                pause_cpu();
            if (*lock == 0 && __sync_bool_compare_and_swap(lock, 0, 1))
                return;
        }
        yield_cpu();
    }
}

void claim_in_condition(volatile int *flag)
{
    while (__sync_lock_test_and_set(flag, 1)) /* spin_condition */
        pause_cpu();
}

void claim_with_break(int *lock)
{
    int expected = 0;
    while (1) { /* spin_break */
        if (__atomic_compare_exchange_n(lock, &expected, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            break;
        expected = 0;
    }
}

void poll_without_claim(volatile int *done)
{
    for (;;) { /* spin_no_claim */
        if (*done)
            return;
        pause_cpu();
    }
}

int claim_or_give_up(volatile int *lock)
{
    for (;;) { /* spin_other_exit */
        if (__sync_bool_compare_and_swap(lock, 0, 1))
            return 1;
        if (!work_left())
            return 0;
    }
}

void load_until_set(int *flag)
{
    while (!__atomic_load_n(flag, __ATOMIC_ACQUIRE)) /* spin_load_only */
        pause_cpu();
}
