/* call_restart.c — self-calls restarting their function on a fixed request
 * (extract_call_restart.c), found by the comment on their line. */
#include <stddef.h>

struct cursor {
    int flags;
    size_t depth, pos;
    struct cursor *node;
};

int pop(struct cursor *it);

/* Constants and its own parameter, after constant writes only; the error
 * branch (a call, then a return) is not on the way. */
int seek(struct cursor *it, const char *op, const char *key, size_t len)
{
    int first = 0;
    it->depth = 0;
    it->flags |= 4;
    it->flags &= ~2;
    it->node = NULL;
    if (op[0] == '^') {
        first = 1;
    } else if (op[0] != '>') {
        pop(it);
        return -1;
    }
    if (first)
        return seek(it, ">=", NULL, 0); /* fixed_request */
    return key && len;
}

/* Near misses. */
int after_call(struct cursor *it, int flag)
{
    if (!flag)
        return 0;
    pop(it);
    return after_call(it, 0); /* call_before */
}

int after_increment(struct cursor *it, int flag)
{
    it->pos++;
    if (it->pos > 10 || !flag)
        return 0;
    return after_increment(it, 1); /* increment_before */
}

int after_store(struct cursor *it, int flag)
{
    it->depth = it->pos;
    return flag ? after_store(it, 0) : 0; /* store_before */
}

int moved(struct cursor *it, int depth)
{
    if (!it)
        return depth;
    return moved(it->node, 0); /* moved_argument */
}

int all_own(struct cursor *it, int flag)
{
    if (flag)
        return all_own(it, flag); /* no_constant */
    return 0;
}

int changed_own(struct cursor *it, int flag)
{
    it = it->node;
    if (flag)
        return changed_own(it, 0); /* changed_parameter */
    return 0;
}

int in_loop(struct cursor *it, int flag)
{
    for (int i = 0; i < flag; i++)
        in_loop(it, 0); /* in_a_loop */
    return 0;
}
