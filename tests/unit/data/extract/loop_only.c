/* loop_only.c — code past a test of the running thread (input of
 * tests/unit/test_extract_loop_only.c, whose vocabulary says
 * `loop-thread-test on_loop`): touch(N) marks places, `seen` is written
 * at the lines tagged in comments. */
int on_loop(void);
void touch(int tag);
int seen;

void early_return(void)
{
    touch(1);
    if (!on_loop())
        return;
    touch(2);
    seen++;                       /* access_after_return */
    {
        touch(3);
    }
}

void branches(void)
{
    if (on_loop()) {
        touch(4);
        seen = 1;                 /* access_in_then */
    } else {
        touch(5);
    }
    if (on_loop() == 0)
        touch(6);
    else
        touch(7);
    touch(8);
}

void block_scoped(int x)
{
    if (x) {
        if (!on_loop())
            return;
        touch(9);
    }
    touch(10);
}

void switch_cases(int x)
{
    switch (x) {
    case 1:
        if (!on_loop())
            return;
        touch(11);
        break;
    case 2:
        touch(12);
        break;
    }
    touch(13);
}

void labelled(int x)
{
    if (x)
        goto out;
    if (!on_loop())
        return;
    touch(14);
out:
    touch(15);
}

void stored_result(void)
{
    int mine = on_loop();
    if (!mine)
        return;
    touch(16);
}

void not_a_return(void)
{
    if (!on_loop())
        touch(17);
    touch(18);
}
