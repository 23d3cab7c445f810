/* syntax_error.c — does not compile (input of tests/unit/test_extract*.c). */
int broken(void)
{
    return 1 +;
}
