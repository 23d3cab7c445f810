/* two/util.c — a static helper named like the one in ../one/util.c. */
static int helper(void)
{
    return 2;
}

int two_entry(void)
{
    return helper();
}
