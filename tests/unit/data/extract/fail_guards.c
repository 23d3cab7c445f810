/* fail_guards.c — branches that test an earlier call's result (input of
 * tests/unit/test_extract_fail_guards.c): touch(N) marks places. */
#include <stddef.h>

int status(void);
void *make(void);
int compare(const char *a, const char *b);
void touch(int tag);

void tests_of_results(const char *a, const char *b)
{
    int r;
    void *p;
    touch(1);
    if (status() == -1)
        touch(2);
    if ((r = status()) != 0)
        touch(3);
    else
        touch(4);
    r = status();
    if (r < 0 && a != NULL)
        touch(5);
    if (r >= 0)
        touch(6);
    else
        touch(7);
    if (status() <= 0)
        touch(8);
    if (!(p = make()))
        touch(9);
    if (p == NULL || a == NULL)
        touch(10);
    else
        touch(11);
    if (compare(a, b) > 0)
        touch(12);
    else
        touch(13);
    if (status() == -1) {
        if (a != NULL)
            touch(14);
        if (status() == 0)
            touch(15);
    }
    if (r == 2)
        touch(16);
    if (status() == 0)
        touch(17);
    else if (a != NULL)
        touch(18);
    else
        touch(19);
    touch(20);
}
