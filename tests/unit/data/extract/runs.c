/* runs.c — how surely each call runs (input of
 * tests/unit/test_extract_locks.c, test_call_runs): each touch(N) is
 * checked against what the test expects of it (extract_runs.c). */
void touch(int tag);
int try_wait(void);

void straight(int flag)
{
    touch(1);                       /* once */
    if (flag)
        touch(2);                   /* in a branch */
    touch(3);                       /* once: after the branch */
    for (int i = 0; i < flag; i++)
        touch(4);                   /* in a loop */
    flag ? touch(5) : touch(6);     /* in a ?: */
    do {
        touch(7);                   /* do ... while (0): once */
    } while (0);
    if (flag > 1)
        return;
    touch(8);                       /* at most once: a return before it */
}

void retried(void)
{
    int rc, tries = 0;
    do {
        touch(9);                   /* at least once */
        rc = try_wait();
        if (rc)
            touch(10);              /* in a branch of the loop */
    } while (rc != 0 && ++tries < 3);
    touch(11);                      /* once, after the loop */
}

void retried_after_a_jump(int flag)
{
    do {
        if (flag)
            continue;
        touch(12);                  /* a continue may skip it */
    } while (flag--);
}

void labelled(int flag)
{
    touch(13);                      /* a goto may jump anywhere */
again:
    if (flag--)
        goto again;
}
