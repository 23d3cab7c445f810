/* gates.c — hand-off windows of a gated thread (input of
 * tests/unit/test_extract_gates.c, whose vocabulary says that hand(id, n)
 * opens a window and that the loop after it waiting on left(id) closes
 * it): each touch(N) and each access line is checked against what the
 * test expects there. */
void hand(int id, long count);
long left(int id);
void touch(int tag);

int mode;

void fan_out(int workers)
{
    touch(1);
    mode = workers; /* before_window */
    for (int id = 0; id < workers; id++)
        hand(id, 1);
    touch(2);
    mode++; /* in_window */
    while (1) {
        long pending = 0;
        for (int id = 0; id < workers; id++)
            pending += left(id);
        touch(3);
        if (pending == 0)
            break;
    }
    touch(4);
    mode = 0; /* after_window */
}

void in_condition(void)
{
    hand(0, 1);
    touch(5);
    while (left(0) != 0)
        touch(6);
    touch(7);
}

void never_waits(void)
{
    hand(0, 1);
    touch(8);
}

void returns_inside(int fail)
{
    hand(0, 1);
    if (fail)
        return;
    while (left(0))
        ;
    touch(9);
}

void waits_in_an_earlier_loop(void)
{
    while (left(0))
        hand(0, 1);
    touch(10);
}

void jumps_out(int fail)
{
    hand(0, 1);
    if (fail)
        goto out;
    while (left(0))
        ;
out:
    touch(11);
}

void only_waits(int workers)
{
    for (int id = 0; id < workers; id++)
        hand(id, 1);
    while (1) { /* waiting_loop */
        long pending = 0;
        for (int id = 0; id < workers; id++)
            pending += left(id);
        if (pending == 0)
            break;
    }
}
