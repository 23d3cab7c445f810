/* cold_paths.c — functions declared cold, and never returning, through
 * a header's macros and directly (test_extract.c). */
#include "cold_paths.h"

ATTRIBUTE_COLD static int recover_through_macro(int n);
static int recover_through_macro(int n)
{
    return n;
}

__attribute__((cold)) int recover_direct(void)
{
    return 1;
}

ATTRIBUTE_COLD __attribute__((noinline)) static int recover_not_inlined(int n)
{
    return n + recover_through_macro(n);
}

ATTRIBUTE_NORETURN void stop_through_macro(void);

int plain(void)
{
    return recover_direct() + recover_not_inlined(2);
}
