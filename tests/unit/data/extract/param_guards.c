/* param_guards.c — tests of a parameter against a constant that the calls
 * and loops of a branch run under (test_extract_loops.c). */
#include <stddef.h>

struct stack {
    int *top, *base;
};

void touch(int where);
static int counter;

#define stack_pop(s, n) stack_settop(s, -(n)-1)

void stack_settop(struct stack *s, int idx)
{
    if (idx >= 0) {
        while (s->top < s->base + idx) /* ge_loop */
            *s->top++ = 0;
        touch(1); /* ge_call */
    } else {
        touch(2); /* ge_else */
    }
    touch(3); /* after_if */
}

void compare(struct stack *s, int n, unsigned size, const char *name)
{
    if (0 < n)
        touch(4); /* mirrored */
    if (!name)
        touch(5); /* not_name */
    if (name != NULL && size)
        touch(6); /* and_left */
    if (n == 3 || counter)
        touch(7); /* or_then */
    else
        touch(8); /* or_else */
    if (size <= 10)
        touch(9); /* unsigned_le */
    if ((unsigned)n < 10)
        touch(10); /* cast */
    if (n > 1)
        touch(11); /* chain_then */
    else if (n < -1)
        touch(12); /* chain_else_if */
    else
        touch(13); /* chain_last */
    if (s)
        touch(14); /* bare_pointer */
    if (n != counter)
        touch(15); /* not_a_constant */
    stack_pop(s, 1); /* popped */
}

void changed(int n)
{
    n--;
    if (n > 0)
        touch(16); /* decremented_first */
}

void labelled(int n)
{
    if (n > 0) {
        touch(17); /* before_label */
again:
        touch(18); /* after_label */
    }
    if (n < 0)
        goto again;
}

void early(struct stack *s, int n)
{
    touch(19); /* before_return */
    if (n < 0)
        return;
    touch(20); /* after_return */
    {
        if (s == NULL)
            return;
        touch(21); /* inner_return */
    }
    touch(22); /* after_block */
    switch (n) {
    case 1:
        if (n > 5)
            break;
        touch(23); /* case_rest */
    case 2:
        touch(24); /* next_case */
    }
}

void masked(int flags, unsigned mode)
{
    if (flags & 4)
        touch(25); /* mask_set */
    if ((flags & 8) == 0)
        touch(26); /* mask_clear */
    else
        touch(27); /* mask_else */
    if (!(mode & 2))
        touch(28); /* mask_not */
}
