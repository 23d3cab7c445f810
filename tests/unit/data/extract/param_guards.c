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

struct conn;
struct session {
    struct conn *conn;
    unsigned flags;
    struct session *next;
};

/* Tests of a field of a pointer parameter; the field of `moved` is set in
 * the function, so its test says nothing about what the caller passed. */
void fields(struct session *s, struct session *moved, struct conn *other)
{
    if (s->conn)
        touch(29); /* field_set */
    if (!(s->flags & 2))
        touch(30); /* field_mask_clear */
    if (s->conn && moved->next)
        touch(31); /* field_and */
    if (moved->next)
        touch(32); /* field_changed */
    moved->next = 0;
    if (other)
        if (s->conn)
            touch(33); /* field_inside_param */
}

void *zalloc(unsigned long size);

/* A constructor sets a field of the local it returns to a parameter once,
 * in its own block: session_new's conn, not its next (in a branch); not
 * twice's conn (set again) nor returns_other's (it returns another pointer
 * too). */
struct session *session_new(struct conn *conn, struct session *next)
{
    struct session *made = zalloc(sizeof *made);
    if (next)
        made->next = next;
    made->conn = conn;
    return made;
}

struct session *twice(struct conn *conn, struct conn *spare)
{
    struct session *made = zalloc(sizeof *made);
    made->conn = conn;
    made->conn = spare;
    return made;
}

struct session *returns_other(struct conn *conn, struct session *cached)
{
    struct session *made = zalloc(sizeof *made);
    made->conn = conn;
    if (cached)
        return cached;
    return made;
}
