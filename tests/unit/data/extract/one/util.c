/* one/util.c — a static helper named like the one in ../two/util.c. */
static int helper(void)
{
    return 1;
}

int one_entry(void)
{
    return helper();
}
