/* reach.c — where a call's effects go (extract_reach.c): a release in a
 * branch that returns, in an earlier case of a switch, in a loop's branch
 * that continues; a branch that leaves a loop by break before it returns;
 * a function with a label. */
void take(void);
void give(void);
void touch(int tag);

int if_else(int found)
{
    take();
    if (found) {
        give(); /* then_give */
        return 1;
    } else {
        touch(1);
        give(); /* else_give */
    }
    touch(2);
    return 0;
}

void cases(int mode)
{
    take();
    switch (mode) {
    case 0:
        give(); /* case0_give */
        break;
    case 1:
        touch(3);
        give(); /* case1_give */
        /* falls through */
    case 2:
        touch(4);
        give();
        break;
    default:
        touch(5);
        break;
    }
    touch(6);
}

void loop_continue(int n)
{
    for (int i = 0; i < n; i++) {
        take();
        if (i & 1) {
            give(); /* loop_give */
            continue;
        }
        touch(7);
        give();
    }
    touch(8);
}

int escapes(int n)
{
    for (int i = 0; i < n; i++) {
        if (i > 3) {
            if (i > 5) {
                give(); /* escape_give */
                break;
            }
            return 1;
        }
        touch(9);
    }
    touch(10);
    return 0;
}

void with_label(int n)
{
    if (n) {
        give(); /* label_give */
        goto done;
    }
    touch(11);
done:
    touch(12);
}
